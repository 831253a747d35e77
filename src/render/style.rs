//! The documents' look: one inline style sheet (no external font, script
//! or image), readable on screen and printed on A4, and the coloured
//! verdict badges shared by the contract, the annual review and the
//! regional dashboard.

use super::escape::{el, Html};

/// The style sheet of every document. System fonts only: Liberation and
/// DejaVu (Debian), Times New Roman and Arial (Windows).
pub const CSS: &str = r#"
:root {
  --encre: #1e1e1e; --bleu: #1f3a68; --gris: #5a5f66; --filet: #c8ccd3;
  --fond: #eef1f6; --papier: #ffffff;
  --serif: "Liberation Serif", "Times New Roman", Times, "DejaVu Serif", serif;
  --sans: "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif;
}
@page { size: A4; margin: 18mm 18mm 20mm 18mm;
  @bottom-right { content: "Page " counter(page) " sur " counter(pages);
    font-family: "Liberation Sans", Arial, sans-serif; font-size: 8pt; color: #5a5f66; } }
html { background: #e4e6ea; }
body { margin: 0; color: var(--encre); font-family: var(--serif); font-size: 11pt; line-height: 1.42;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.feuille { background: var(--papier); width: 210mm; max-width: 100%; box-sizing: border-box;
  margin: 10mm auto; padding: 16mm 18mm 20mm; box-shadow: 0 1px 6px rgba(0,0,0,.2); }
.entete { display: flex; justify-content: space-between; align-items: flex-end; gap: 8mm;
  border-bottom: 2px solid var(--bleu); padding-bottom: 2.5mm; margin-bottom: 12mm;
  font-family: var(--sans); font-size: 8.5pt; color: var(--bleu); }
.entete .emetteur { font-weight: 700; text-transform: uppercase; letter-spacing: .05em; }
.entete .reference { color: var(--gris); text-align: right; }
h1 { font-family: var(--sans); font-size: 17pt; line-height: 1.25; color: var(--bleu);
  text-align: center; margin: 0 8mm 3mm; }
.sous-titre { text-align: center; font-style: italic; margin: 0 10mm 1mm; }
.periode { text-align: center; font-family: var(--sans); font-size: 9.5pt; letter-spacing: .06em;
  text-transform: uppercase; color: var(--gris); margin: 0 0 10mm; }
h2 { font-family: var(--sans); font-size: 12pt; color: var(--bleu); margin: 7mm 0 2.5mm;
  padding-bottom: 1mm; border-bottom: .6pt solid var(--filet); break-after: avoid; }
h2 .numero { font-weight: 700; }
h3 { font-family: var(--sans); font-size: 10.5pt; margin: 5mm 0 2mm; break-after: avoid; }
h4 { font-family: var(--sans); font-size: 10pt; font-style: italic; font-weight: 600;
  margin: 4mm 0 1.5mm; break-after: avoid; }
h5, h6 { font-size: 10pt; margin: 3mm 0 1mm; break-after: avoid; }
p { margin: 0 0 2.4mm; text-align: justify; orphans: 3; widows: 3; }
ul, ol { margin: 0 0 2.4mm; padding-left: 7mm; }
li { margin-bottom: 1mm; }
blockquote { margin: 0 0 2.4mm 4mm; padding-left: 3mm; border-left: 2px solid var(--filet); color: var(--gris); }
a { color: var(--bleu); }
.nw { white-space: nowrap; }
.parties { margin: 0 0 5mm; }
.parties p { text-align: left; }
.parties .lien { margin: 2mm 0; font-style: italic; }
.partie { margin-left: 8mm; }
.partie strong { font-family: var(--sans); font-size: 10.5pt; }
.vu p { margin: 0 0 1mm; text-align: left; }
.vu { margin: 0 0 5mm; }
.preambule { margin: 0 0 4mm; }
.convenu { font-weight: 700; margin: 5mm 0 2mm; break-after: avoid; }
h2.partie-titre { font-size: 13pt; text-transform: uppercase; letter-spacing: .04em; border: none;
  margin-top: 9mm; }
.signatures.trois { gap: 6mm; }
.signatures.trois .signataire { font-size: 9.5pt; }
.article { margin: 0; }
.insecable, table.court, figure { break-inside: avoid; }
p:has(+ table), p:has(+ ul), p:has(+ h3), p:has(+ figure) { break-after: avoid; }
h3 + table, h4 + table { break-before: avoid; }
.mention { font-size: 8.5pt; color: var(--gris); font-style: italic; text-align: left; }
table { width: 100%; border-collapse: collapse; margin: 1.5mm 0 4mm; font-family: var(--sans);
  font-size: 8.8pt; line-height: 1.3; break-inside: auto; }
thead { display: table-header-group; }
tfoot { display: table-row-group; }
/* The last row stays with the total row; without one, no rule: a
   break-after on a last child would glue the table to what follows it. */
table:has(tfoot) tbody tr:last-child { break-after: avoid; }
tr { break-inside: avoid; }
th { background: var(--fond); color: var(--bleu); font-weight: 700; text-align: left; vertical-align: bottom;
  border-bottom: 1.2pt solid var(--bleu); }
th, td { padding: 1.5mm 2mm; border-bottom: .5pt solid var(--filet); vertical-align: top; }
table.grille th:first-child { width: 42%; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: 700; border-top: 1pt solid var(--encre); border-bottom: none; }
.detail { display: block; font-size: 7.8pt; color: var(--gris); margin-top: .4mm; }
.signature { break-inside: avoid; margin-top: 8mm; }
.signature h2 { border: none; }
.signatures { display: flex; gap: 12mm; margin-top: 4mm; }
.signataire { flex: 1; min-height: 42mm; font-size: 10.5pt; }
.signataire p { margin: 0; text-align: left; }
.signataire .nom { font-weight: 700; }
.signataire .qualite { font-style: italic; }
.annexe { break-before: page; }
.annexe + .annexe { break-before: auto; margin-top: 10mm; }
.prose h1 { margin: 0 8mm 8mm; }
.prose h2 { border: none; }
.badge { display: inline-block; padding: .4mm 2.2mm; border-radius: 2.5mm; font-family: var(--sans);
  font-size: 8.5pt; font-weight: 700; white-space: nowrap; border: .8pt solid currentColor; }
.badge + .badge { margin-left: 1.5mm; }
.ton-succes { color: #17613a; background: #dcefe3; }
.ton-partiel { color: #7a4a00; background: #fbefd2; }
.ton-echec { color: #a01c1c; background: #f8dede; }
.ton-neutre { color: #4a4f57; background: #e8eaee; }
figure { margin: 2mm 0 5mm; break-inside: avoid; }
figcaption { font-family: var(--sans); font-size: 8.5pt; color: var(--gris); }
svg text { font-family: var(--sans); }
details { margin: 0 0 2mm; font-size: 9.5pt; }
summary { cursor: pointer; color: var(--bleu); }
code { font-family: "Liberation Mono", "DejaVu Sans Mono", Consolas, monospace; font-size: .9em; }
.fiche { display: grid; grid-template-columns: 32mm 1fr; gap: 1mm 4mm; margin: 0 0 6mm;
  font-family: var(--sans); font-size: 9.5pt; }
.fiche dt { color: var(--gris); }
.fiche dd { margin: 0; }
.bilan { display: flex; gap: 4mm; margin: 0 0 3mm; }
.chiffre { flex: 1; border: .6pt solid var(--filet); border-top: 2.5pt solid var(--bleu);
  background: var(--fond); padding: 2.5mm 3mm; font-family: var(--sans); }
.chiffre .libelle { display: block; font-size: 8pt; color: var(--gris); text-transform: uppercase;
  letter-spacing: .04em; }
.chiffre .valeur { display: block; font-size: 15pt; font-weight: 700; color: var(--bleu);
  margin: 1mm 0 .5mm; white-space: nowrap; }
.chiffre .detail { font-size: 8pt; }
.grand .badge { font-size: 11pt; padding: .6mm 3mm; border-radius: 3.5mm; }
.alerte { border-left: 3pt solid #a01c1c; background: #f8dede; padding: 2mm 3mm; text-align: left; }
.na { color: var(--gris); font-style: italic; }
.code { font-family: var(--sans); font-weight: 700; font-size: 8.5pt; color: #a01c1c;
  border: .6pt solid currentColor; border-radius: 1mm; padding: 0 1mm; }
ul.motifs li { text-align: left; }
td .badge { font-size: 7.8pt; }
.calculs details, .calculs .calcul { font-family: var(--sans); font-size: 8.5pt; }
.calcul .resume, .calculs summary { font-weight: 700; color: var(--bleu); margin: 2mm 0 1mm; }
ul.arbre, ul.arbre ul { list-style: none; margin: 0; padding-left: 4mm; }
ul.arbre { padding-left: 0; margin-bottom: 2mm; }
ul.arbre li { margin: .3mm 0; line-height: 1.3; border-left: .6pt solid var(--filet); padding-left: 2mm; }
ul.arbre .quoi { color: var(--gris); }
ul.arbre strong { font-size: 1em; color: var(--encre); }
.synthese .entete, .revue .entete { margin-bottom: 7mm; }
.synthese .periode, .revue .periode { margin-bottom: 6mm; }
.revue .fiche { margin-bottom: 4mm; }
.objectifs table.court, .suivi table.court { break-inside: auto; }
.objectifs th:first-child { width: 34%; }
.suivi table { table-layout: fixed; }
.suivi th, .suivi td.num .detail { white-space: normal; }
.suivi th:nth-child(1) { width: 34%; }
.suivi th:nth-child(2) { width: 11%; }
.suivi th:nth-child(3) { width: 11%; }
.suivi th:nth-child(4) { width: 18%; }
.suivi th:nth-child(5), .suivi th:nth-child(6) { width: 13%; }
ul.arbre .source { color: var(--gris); font-size: 7.5pt; white-space: nowrap; }
.diagnostic .etablissements table { table-layout: fixed; }
.diagnostic .etablissements th:nth-child(1) { width: 7%; }
.diagnostic .etablissements th:nth-child(2) { width: 20%; }
.diagnostic .etablissements th:nth-child(3) { width: 12%; }
.diagnostic .etablissements th:nth-child(4) { width: 9%; }
.diagnostic .etablissements th:nth-child(5) { width: 9%; }
.diagnostic .etablissements th:nth-child(6) { width: 43%; }
.diagnostic .etablissements table { font-size: 8.2pt; }
.diagnostic .etablissements td { overflow-wrap: break-word; }
.diagnostic .etablissements td.num, .diagnostic .etablissements th { white-space: normal; }
ul.seuils { margin: 0; padding-left: 3.5mm; }
ul.seuils li { margin: 0 0 .5mm; text-align: left; font-size: 7.8pt; line-height: 1.25; }
.diagnostic .sans-chiffres table { width: 75%; }
.impression { display: none; }
@media print {
  .ecran { display: none; }
  .impression { display: block; }
  html { background: none; }
  .feuille { width: auto; margin: 0; padding: 0; box-shadow: none; }
  .feuille + .feuille, .saut { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// How a verdict reads: met, partly met, not met, or not assessable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ton {
    Succes,
    Partiel,
    Echec,
    Neutre,
}

impl Ton {
    /// The tone of a verdict of §8, by its French words: `atteint`,
    /// `partiellement atteint`, `non atteint`, `non évaluable`,
    /// `engagements tenus`, `partiellement tenus`, `non tenus`,
    /// `sans objet`, `respectée`, `non respectée`.
    pub fn of(verdict: &str) -> Ton {
        let v = verdict.trim().to_lowercase();
        if v.starts_with("partiellement") {
            Ton::Partiel
        } else if v.starts_with("non évaluable") || v == "sans objet" {
            Ton::Neutre
        } else if v.starts_with("non ") {
            Ton::Echec
        } else if matches!(
            v.as_str(),
            "atteint" | "engagements tenus" | "tenus" | "respectée" | "respecté"
        ) {
            Ton::Succes
        } else {
            Ton::Neutre
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Ton::Succes => "badge ton-succes",
            Ton::Partiel => "badge ton-partiel",
            Ton::Echec => "badge ton-echec",
            Ton::Neutre => "badge ton-neutre",
        }
    }

    /// The stroke colour of this tone, for charts.
    pub fn couleur(self) -> &'static str {
        match self {
            Ton::Succes => "#17613a",
            Ton::Partiel => "#b06a00",
            Ton::Echec => "#a01c1c",
            Ton::Neutre => "#4a4f57",
        }
    }
}

/// A coloured verdict badge: `<span class="badge ton-succes">atteint</span>`.
pub fn badge(verdict: &str) -> Html {
    el("span", &[("class", Ton::of(verdict).class())], verdict)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tones() {
        assert_eq!(Ton::of("atteint"), Ton::Succes);
        assert_eq!(Ton::of("partiellement atteint"), Ton::Partiel);
        assert_eq!(Ton::of("non atteint"), Ton::Echec);
        assert_eq!(Ton::of("non évaluable"), Ton::Neutre);
        assert_eq!(Ton::of("engagements tenus"), Ton::Succes);
        assert_eq!(Ton::of("partiellement tenus"), Ton::Partiel);
        assert_eq!(Ton::of("non tenus"), Ton::Echec);
        assert_eq!(Ton::of("sans objet"), Ton::Neutre);
        assert_eq!(Ton::of("non respectée"), Ton::Echec);
        assert_eq!(
            badge("non tenus").as_str(),
            "<span class=\"badge ton-echec\">non tenus</span>"
        );
        assert_eq!(
            badge("<b>").as_str(),
            "<span class=\"badge ton-neutre\">&lt;b&gt;</span>"
        );
    }

    #[test]
    fn the_style_sheet_is_self_contained() {
        assert!(!CSS.contains("url("));
        assert!(!CSS.contains("@import"));
        assert!(CSS.contains("@media print"));
        assert!(CSS.contains("size: A4"));
    }
}
