//! The regional dashboard (`synthese.html`), after the « tableau de bord de
//! suivi des CREF de la région » of the DGOS guide on the return to
//! balance: one sheet per agency of the run, with one row per contract
//! (establishment, framework, period, rate, verdict, aid planned and due),
//! the totals against the agency's `délégation`, the level of achievement
//! of each contract, and each establishment's share of the region's total
//! deficit — establishments of the figures without a contract included.

use super::contexte::{ContractContext, DelegationContext, HorsContrat};
use super::deficit::deficits;
use super::region::{agence_de, meme_agence};
use super::{chiffre_cle, entete, motif, part, titre, Context};
use crate::eval::aid::{euros, MotifKind};
use crate::eval::rate::ContractVerdict;
use crate::eval::report::rate_text;
use crate::eval::{ContractEvaluation, Evaluation};
use crate::render::escape::{el, element, Html};
use crate::render::html::{detail, figure, grille, texte};
use crate::render::style::{badge, Ton};
use crate::render::svg::BarChart;
use crate::render::{texte as mots, Colonne};
use rust_decimal::Decimal;

/// The contracts, délégations and establishments of one agency.
pub(super) struct Agence<'a> {
    pub ars: Option<String>,
    pub contrats: Vec<(&'a ContractEvaluation, Option<&'a ContractContext>)>,
    pub delegations: Vec<&'a DelegationContext>,
    pub hors_contrat: Vec<&'a HorsContrat>,
    /// Establishments without a contract that no agency of the run covers
    /// (shown on the first sheet).
    pub non_rattaches: Vec<&'a HorsContrat>,
}

/// One sheet per agency (in alphabetical order; contracts without an
/// agency last), or a single sheet when the run has no contract.
pub fn feuilles(e: &Evaluation, ctx: &Context) -> Vec<Html> {
    agences(e, ctx).iter().map(|a| feuille(e, a)).collect()
}

pub(super) fn sum(values: impl Iterator<Item = Decimal>) -> Decimal {
    values.fold(Decimal::ZERO, |acc, v| acc.checked_add(v).unwrap_or(acc))
}

fn agences<'a>(e: &'a Evaluation, ctx: &'a Context) -> Vec<Agence<'a>> {
    let mut out: Vec<Agence<'a>> = Vec::new();
    for c in &e.contracts {
        let k = ctx.contract(&c.contrat);
        let ars = k.and_then(|k| k.ars.clone());
        let found = out.iter_mut().find(|a| match (&a.ars, &ars) {
            (Some(x), Some(y)) => meme_agence(x, y),
            (None, None) => true,
            _ => false,
        });
        match found {
            Some(a) => a.contrats.push((c, k)),
            None => out.push(Agence {
                ars,
                contrats: vec![(c, k)],
                delegations: Vec::new(),
                hors_contrat: Vec::new(),
                non_rattaches: Vec::new(),
            }),
        }
    }
    out.sort_by_key(|a| (a.ars.is_none(), a.ars.as_deref().map(str::to_lowercase)));
    for a in &mut out {
        a.contrats.sort_by_key(|(c, _)| ordre(c));
    }
    if out.is_empty() {
        out.push(Agence {
            ars: None,
            contrats: Vec::new(),
            delegations: Vec::new(),
            hors_contrat: Vec::new(),
            non_rattaches: Vec::new(),
        });
    }
    let single = out.len() == 1;
    for d in &ctx.delegations {
        let at = out.iter().position(|a| match (&a.ars, &d.ars) {
            (Some(x), Some(y)) => meme_agence(x, y),
            (_, None) => single,
            (None, Some(_)) => false,
        });
        if let Some(a) = at.and_then(|i| out.get_mut(i)) {
            a.delegations.push(d);
        }
    }
    let mut orphans = Vec::new();
    for h in &ctx.hors_contrat {
        let by_region = h.region.and_then(|r| {
            out.iter()
                .position(|a| a.ars.as_deref().is_some_and(|ars| agence_de(ars, r)))
        });
        let at = by_region.or(single.then_some(0));
        match at.and_then(|i| out.get_mut(i)) {
            Some(a) => a.hors_contrat.push(h),
            None => orphans.push(h),
        }
    }
    if let Some(first) = out.first_mut() {
        first.non_rattaches = orphans;
    }
    out
}

/// The order of the rows and bars: by verdict, the least satisfied first
/// (non tenus, partiellement tenus, tenus, sans objet), then by rate,
/// lowest first, then by name.
fn ordre(c: &ContractEvaluation) -> (usize, bool, Decimal, String) {
    let rang = match c.verdict {
        ContractVerdict::NonTenus => 0,
        ContractVerdict::PartiellementTenus => 1,
        ContractVerdict::Tenus => 2,
        ContractVerdict::SansObjet => 3,
    };
    let nom = c
        .raison_sociale
        .clone()
        .unwrap_or_else(|| c.contrat.clone());
    (
        rang,
        c.realisation.is_none(),
        c.realisation.unwrap_or_default(),
        nom,
    )
}

/// The order of [`ordre`], said where the rows and bars are shown.
pub(super) const ORDRE: &str = "Contrats classés par verdict (non tenus, partiellement tenus, tenus, sans objet), puis par taux de réalisation croissant.";

fn feuille(e: &Evaluation, a: &Agence<'_>) -> Html {
    let y = e.exercice;
    let next = y.saturating_add(1);
    let emetteur = a
        .ars
        .as_deref()
        .map_or_else(|| "Synthèse régionale".to_string(), mots::agence);
    let mut out = entete(&emetteur, &format!("Synthèse régionale · exercice {y}"));
    out.push(el("h1", &[], "Tableau de bord de suivi des contrats"));
    out.push(element(
        "p",
        &[("class", "sous-titre")],
        texte(&format!(
            "Revue de l'exercice {y} et aide de l'exercice {next}"
        )),
    ));
    let n = a.contrats.len();
    let s = if n > 1 { "s" } else { "" };
    out.push(element(
        "p",
        &[("class", "periode")],
        texte(&format!("{n} contrat{s} · exercice {y}")),
    ));
    out.push(bilan(e, a));
    out.push(element(
        "p",
        &[("class", "mention")],
        texte(&format!(
            "Chiffres : {} ({} valeurs). Contrats évalués selon la spécification Pacte, § 8.",
            e.figures_path, e.summary.figures
        )),
    ));
    let mut numero = 0;
    let mut suivant = || {
        numero += 1;
        numero
    };
    out.push(suivi(e, a, suivant()));
    out.push(delegation(e, a, suivant()));
    // One bar says nothing the table does not.
    let rated = a.contrats.iter().filter(|(c, _)| c.realisation.is_some());
    if rated.count() >= 2 {
        out.push(realisation(e, a, suivant()));
    }
    out.push(deficits(e, a, suivant()));
    out.push(attention(e, a, suivant()));
    element("div", &[("class", "synthese")], out)
}

/// `engagements tenus : 3 · partiellement tenus : 4`.
fn compte(a: &Agence<'_>) -> String {
    let mut parts = Vec::new();
    for v in ContractVerdict::ALL {
        let n = a.contrats.iter().filter(|(c, _)| c.verdict == v).count();
        if n > 0 {
            parts.push(format!("{} : {n}", v.label()));
        }
    }
    parts.join(" · ")
}

/// The délégation of the aid year for the agency's contracts, if loaded.
fn delegation_de(a: &Agence<'_>, year: i32) -> Option<Decimal> {
    let amounts: Vec<Decimal> = a
        .delegations
        .iter()
        .filter_map(|d| d.annees.iter().find(|(y, _)| *y == year).map(|(_, m)| *m))
        .collect();
    (!amounts.is_empty()).then(|| sum(amounts.into_iter()))
}

fn bilan(e: &Evaluation, a: &Agence<'_>) -> Html {
    let next = e.exercice.saturating_add(1);
    let prevue = sum(a.contrats.iter().map(|(c, _)| c.aide.prevue));
    let due = sum(a.contrats.iter().map(|(c, _)| c.aide_retenue()));
    let part =
        (prevue > Decimal::ZERO).then(|| format!("soit {} de l'aide prévue", part(due, prevue)));
    let n = a.contrats.len();
    let mut chiffres = vec![
        chiffre_cle(
            "Contrats suivis",
            texte(&n.to_string()),
            Some(&compte(a))
                .filter(|s| !s.is_empty())
                .map(String::as_str),
        ),
        chiffre_cle(&format!("Aide {next} prévue"), texte(&euros(prevue)), None),
        chiffre_cle(
            &format!("Aide {next} due"),
            texte(&euros(due)),
            part.as_deref(),
        ),
    ];
    if let Some(montant) = delegation_de(a, next) {
        let solde = montant.checked_sub(due).unwrap_or_default();
        chiffres.push(chiffre_cle(
            &format!("Délégation {next}"),
            texte(&euros(montant)),
            Some(&format!("disponible après la revue : {}", euros(solde))),
        ));
    }
    element("div", &[("class", "bilan")], Html::concat(chiffres))
}

/// The framework's label, short: `Contrat de retour à l'équilibre financier`.
fn cadre_court(libelle: &str) -> String {
    let cut = libelle.find([',', '(']).unwrap_or(libelle.len());
    libelle.get(..cut).unwrap_or(libelle).trim().to_string()
}

#[allow(clippy::too_many_lines)] // TODO split (issue 13: output code moving to report/)
fn suivi(e: &Evaluation, a: &Agence<'_>, numero: usize) -> Html {
    let y = e.exercice;
    let next = y.saturating_add(1);
    let mut out = titre(numero, "Suivi des contrats");
    if a.contrats.is_empty() {
        out.push(element("p", &[], texte("Aucun contrat n'a été évalué.")));
        return element("section", &[("class", "rubrique")], out);
    }
    out.push(element("p", &[("class", "mention")], texte(ORDRE)));
    let colonnes = [
        Colonne::texte("Établissement et contrat"),
        Colonne::nombre("Période"),
        Colonne::nombre(format!("Réalisation {y}")),
        Colonne::texte("Verdict"),
        Colonne::nombre(format!("Aide {next} prévue")),
        Colonne::nombre(format!("Aide {next} due")),
    ];
    let lignes: Vec<Vec<Html>> = a
        .contrats
        .iter()
        .map(|(c, k)| {
            let mut nom = element(
                "strong",
                &[],
                texte(c.raison_sociale.as_deref().unwrap_or(&c.contrat)),
            );
            let cat = k
                .and_then(|k| k.categorie.as_deref())
                .map(|x| format!(" · {x}"))
                .unwrap_or_default();
            let cadre = k
                .and_then(|k| k.cadre_libelle.as_deref())
                .map(cadre_court)
                .or_else(|| c.cadre.clone())
                .unwrap_or_default();
            let signe = k
                .and_then(|k| k.signe)
                .map(|d| format!(", signé le {}", d.french()))
                .unwrap_or_default();
            nom.push(detail(&format!(
                "FINESS {}{cat} · {cadre}{signe}",
                c.finess
            )));
            let periode = k
                .and_then(|k| k.periode)
                .map_or_else(|| "—".to_string(), |(a, b)| format!("{a}–{b}"));
            let mut due = texte(&euros(c.aide_retenue()));
            if c.decidee() {
                due.push(detail(&format!(
                    "décidée par l'ARS (calculée {})",
                    euros(c.aide.due)
                )));
            }
            let motifs = motifs_courts(c);
            if !motifs.is_empty() {
                due.push(detail(&motifs));
            }
            vec![
                nom,
                texte(&periode),
                texte(&rate_text(c.realisation)),
                badge(c.verdict.label()),
                texte(&euros(c.aide.prevue)),
                due,
            ]
        })
        .collect();
    let n = a.contrats.len();
    let s = if n > 1 { "s" } else { "" };
    let total = vec![
        texte(&format!("Total ({n} contrat{s})")),
        Html::new(),
        Html::new(),
        Html::new(),
        texte(&euros(sum(a.contrats.iter().map(|(c, _)| c.aide.prevue)))),
        texte(&euros(sum(a
            .contrats
            .iter()
            .map(|(c, _)| c.aide_retenue())))),
    ];
    out.push(element(
        "div",
        &[("class", "suivi")],
        grille(&colonnes, &lignes, Some(&total)),
    ));
    out.push(element(
        "p",
        &[("class", "mention")],
        texte(&format!(
            "L'aide {next} due est celle que l'ARS a décidée dans sa revue, quand elle en a pris une (« décidée par l'ARS ») ; sinon l'aide prévue, modulée selon le taux de réalisation {y} quand le contrat ou son cadre a un barème, ramenée à 0 € ou suspendue pour les motifs indiqués sous le montant (V0101 : compte financier hors délai, quand le cadre en fait un motif de suspension ; V0102 : fin d'éligibilité ; condition de versement non respectée, ou non évaluable : suspendue)."
        )),
    ));
    element("section", &[("class", "rubrique")], out)
}

/// The reasons of a contract, short, then its flags:
/// `condition non respectée, V0101 signalé`.
fn motifs_courts(c: &ContractEvaluation) -> String {
    let items: Vec<String> = c
        .aide
        .motifs
        .iter()
        .map(|m| match (m.code, m.nature) {
            (Some(code), _) => code.as_str().to_string(),
            (None, MotifKind::ConditionNonEvaluable) => {
                "suspendue (condition non évaluable)".to_string()
            }
            (None, _) => "condition non respectée".to_string(),
        })
        .chain(c.aide.signalements.iter().map(|s| match s.justification {
            Some(_) => format!("{} justifié", s.code),
            None => format!("{} signalé", s.code),
        }))
        .collect();
    items.join(", ")
}

/// The aid a contract draws on an envelope for *y*+1: the ARS's decision
/// when the contract has that single source, else the computed aid of its
/// block on the envelope (a decision is not split between sources).
fn retenue_pour(c: &ContractEvaluation, enveloppe: &str) -> Decimal {
    let blocks: Vec<&crate::eval::aid::AidDecision> = c
        .aides
        .iter()
        .filter(|a| a.enveloppe.as_deref() == Some(enveloppe))
        .collect();
    if c.aides.len() == 1 && blocks.len() == 1 {
        return c.aide_retenue();
    }
    sum(blocks.iter().map(|a| a.due))
}

#[allow(clippy::too_many_lines)] // TODO split (issue 13: output code moving to report/)
fn delegation(e: &Evaluation, a: &Agence<'_>, numero: usize) -> Html {
    let next = e.exercice.saturating_add(1);
    let mut out = titre(numero, "Délégation régionale");
    if a.delegations.is_empty() {
        out.push(element(
            "p",
            &[],
            texte("Aucune délégation régionale n'est chargée pour cette agence : l'aide ne peut être rapprochée de ses crédits."),
        ));
        out.push(element(
            "p",
            &[("class", "mention")],
            texte("Pour la charger, ajoutez au dossier des contrats l'item « délégation » de l'enveloppe, avec le montant de chaque exercice."),
        ));
        return element("section", &[("class", "rubrique insecable")], out);
    }
    for d in &a.delegations {
        let libelle = d
            .enveloppe_libelle
            .clone()
            .unwrap_or_else(|| format!("Enveloppe {}", d.enveloppe));
        out.push(element("h3", &[], texte(&libelle)));
        let contrats: Vec<&(&ContractEvaluation, Option<&ContractContext>)> = a
            .contrats
            .iter()
            .filter(|(_, k)| k.is_some_and(|k| k.sources.iter().any(|(e, _)| *e == d.enveloppe)))
            .collect();
        // The lines of each contract's block drawing on this envelope.
        let lines = |k: &ContractContext| -> Vec<(i32, Decimal)> {
            k.sources
                .iter()
                .filter(|(e, _)| *e == d.enveloppe)
                .flat_map(|(_, l)| l.iter().copied())
                .collect()
        };
        let mut years: Vec<i32> = d.annees.iter().map(|(y, _)| *y).collect();
        years.extend(
            contrats
                .iter()
                .filter_map(|(_, k)| *k)
                .flat_map(|k| lines(k).into_iter().map(|(y, _)| y)),
        );
        years.sort_unstable();
        years.dedup();
        let colonnes = [
            Colonne::texte("Exercice"),
            Colonne::nombre("Délégation"),
            Colonne::nombre("Aide prévue aux contrats"),
            Colonne::nombre("Part de la délégation"),
            Colonne::nombre("Aide due"),
        ];
        let mut lignes = Vec::new();
        for year in years {
            let delegue = d.annees.iter().find(|(y, _)| *y == year).map(|(_, m)| *m);
            let prevue = sum(contrats.iter().filter_map(|(_, k)| *k).flat_map(|k| {
                lines(k)
                    .into_iter()
                    .filter(move |(y, _)| *y == year)
                    .map(|(_, m)| m)
            }));
            let engage = match delegue {
                Some(m) if m > Decimal::ZERO => part(prevue, m),
                _ => "—".to_string(),
            };
            let due = if year == next {
                euros(sum(contrats
                    .iter()
                    .map(|(c, _)| retenue_pour(c, &d.enveloppe))))
            } else {
                "—".to_string()
            };
            let mut annee = texte(&year.to_string());
            if year == next {
                annee.push(detail("après la revue"));
            }
            lignes.push(vec![
                annee,
                texte(&delegue.map_or_else(|| "0 €".to_string(), euros)),
                texte(&euros(prevue)),
                texte(&engage),
                texte(&due),
            ]);
        }
        out.push(grille(&colonnes, &lignes, None));
        let due = sum(contrats.iter().map(|(c, _)| retenue_pour(c, &d.enveloppe)));
        if let Some(m) = d.annees.iter().find(|(y, _)| *y == next).map(|(_, m)| *m) {
            let reste = match m.checked_sub(due) {
                Some(r) if r >= Decimal::ZERO => format!("{} restent disponibles", euros(r)),
                Some(r) => format!("la délégation est dépassée de {}", euros(-r)),
                None => String::new(),
            };
            out.push(element(
                "p",
                &[],
                texte(&format!(
                    "Après la revue {}, l'aide due pour {next} s'élève à {}, soit {} de la délégation {next} ({}) : {reste}.",
                    e.exercice,
                    euros(due),
                    part(due, m),
                    euros(m),
                )),
            ));
        }
    }
    element("section", &[("class", "rubrique insecable")], out)
}

fn realisation(e: &Evaluation, a: &Agence<'_>, numero: usize) -> Html {
    let rated: Vec<&(&ContractEvaluation, Option<&ContractContext>)> = a
        .contrats
        .iter()
        .filter(|(c, _)| c.realisation.is_some())
        .collect();
    let mut out = titre(numero, "Réalisation des engagements");
    let chart = BarChart {
        titre: format!("Taux de réalisation {} par contrat", e.exercice),
        dimension: Some(crate::ast::Dimension::Ratio),
        barres: rated
            .iter()
            .map(|(c, _)| {
                (
                    c.raison_sociale
                        .clone()
                        .unwrap_or_else(|| c.contrat.clone()),
                    c.realisation.unwrap_or_default(),
                )
            })
            .collect(),
        couleurs: rated
            .iter()
            .map(|(c, _)| Ton::of(c.verdict.label()).couleur())
            .collect(),
        maximum: Some(Decimal::ONE),
        reperes: vec![
            (Decimal::new(5, 1), "50 %".to_string()),
            (Decimal::new(9, 1), "90 %".to_string()),
        ],
        etiquettes: Vec::new(),
    };
    out.push(figure(
        chart.svg(),
        &format!(
            "Taux de réalisation des objectifs de l'exercice {} ; couleur du verdict. À 90 % et toutes conditions respectées, les engagements sont tenus ; à 50 %, partiellement tenus. {ORDRE}",
            e.exercice
        ),
    ));
    element("section", &[("class", "rubrique insecable")], out)
}

fn attention(e: &Evaluation, a: &Agence<'_>, numero: usize) -> Html {
    let mut out = titre(numero, "Points d'attention");
    let mut items: Vec<Html> = Vec::new();
    for (c, k) in &a.contrats {
        let nom = c.raison_sociale.as_deref().unwrap_or(&c.contrat);
        if !c.has_figures {
            items.push(texte(&format!(
                "{nom} : aucun chiffre dans {} ; la revue est faite sur des valeurs manquantes.",
                e.figures_path
            )));
        }
        for m in &c.aide.motifs {
            let mut item = texte(&format!("{nom} : "));
            item.push(motif(m, c, *k));
            items.push(item);
        }
        for signal in &c.aide.signalements {
            let mut item = texte(&format!("{nom} : "));
            item.push(el("span", &[("class", "code")], signal.code.as_str()));
            item.push_text(" ");
            item.push(super::avec_code(&signal.message));
            items.push(item);
        }
    }
    if !a.hors_contrat.is_empty() {
        let n = a.hors_contrat.len();
        let valeurs: usize = a.hors_contrat.iter().map(|h| h.valeurs).sum();
        let finess: Vec<&str> = a.hors_contrat.iter().map(|h| h.finess.as_str()).collect();
        let s = if n > 1 { "s" } else { "" };
        items.push(texte(&format!(
            "{n} établissement{s} du fichier de chiffres sans contrat ({valeurs} valeurs) : FINESS {}.",
            finess.join(", ")
        )));
    }
    if !a.non_rattaches.is_empty() {
        let finess: Vec<&str> = a.non_rattaches.iter().map(|h| h.finess.as_str()).collect();
        items.push(texte(&format!(
            "Établissements du fichier de chiffres sans contrat et hors des agences de ce tableau : FINESS {}.",
            finess.join(", ")
        )));
    }
    if items.is_empty() {
        out.push(element("p", &[], texte("Aucun point d'attention.")));
    } else {
        out.push(element(
            "ul",
            &[],
            Html::concat(items.into_iter().map(|i| element("li", &[], i))),
        ));
    }
    element("section", &[("class", "rubrique insecable")], out)
}
