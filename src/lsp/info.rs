//! What the editor shows: hover text for a name, and completion candidates
//! for the word being typed. Pure functions over a checked [`Program`].

use crate::ast::*;
use crate::model::Program;

/// The identifier (qualified names included) around a byte offset.
pub fn word_at(text: &str, byte: usize) -> Option<(usize, usize)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let byte = byte.min(text.len());
    let start = text
        .get(..byte)?
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(byte, |(i, _)| i);
    let end = text
        .get(byte..)?
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| byte + i);
    (start < end).then_some((start, end))
}

/// Markdown for a contract, objective or condition of the document.
pub fn hover_local(a: &super::analysis::Analysis, def: &super::names::Def) -> Option<String> {
    for c in super::items::contracts(a) {
        if def.kind == "contrat" && c.id.span == def.span {
            let mut out = format!("**contrat `{}`** — {}\n", c.id.name, text(&c.intitule));
            if let Some(cadre) = &c.cadre {
                out.push_str(&format!("\n- cadre : `{}`", cadre.name));
            }
            if let Some(p) = &c.periode {
                out.push_str(&format!(
                    "\n- période : {} à {}",
                    p.debut.value, p.fin.value
                ));
            }
            out.push_str(&format!(
                "\n- {} objectifs, {} conditions\n",
                c.objectifs.len(),
                c.conditions.len()
            ));
            return Some(out);
        }
        if let Some(o) = c.objectifs.iter().find(|o| o.id.span == def.span) {
            let mut out = format!("**objectif `{}`** — {}\n", o.id.name, text(&o.libelle));
            if let Some((k, _)) = &o.kind {
                out.push_str(&format!("\n- type : {}", k.kind_name()));
            }
            if let Some(i) = &o.indicateur {
                out.push_str(&format!("\n- indicateur : `{}`", i.name));
            }
            out.push_str(&format!("\n- {} cibles\n", o.cibles.len()));
            return Some(out);
        }
        let mut actions = c.objectifs.iter().flat_map(|o| &o.actions);
        if let Some(action) = actions.find(|x| x.id.as_ref().is_some_and(|i| i.span == def.span)) {
            let mut out = format!("**action `{}`** — {}\n", def.name, action.libelle.value);
            if let Some(r) = &action.responsable {
                out.push_str(&format!("\n- responsable : {}", r.value));
            }
            if let Some((d, _)) = &action.echeance {
                out.push_str(&format!("\n- échéance : {d}"));
            }
            out.push_str(&format!("\n\nContrat `{}`.\n", c.id.name));
            return Some(out);
        }
        if let Some(k) = c.conditions.iter().find(|k| k.id.span == def.span) {
            return Some(format!(
                "**condition `{}`** — {}\n",
                k.id.name,
                text(&k.libelle)
            ));
        }
    }
    None
}

/// Markdown describing a std or user name, if it is one.
pub fn hover(program: &Program, name: &str) -> Option<String> {
    if let Some(i) = program.indicateurs.get(name) {
        return Some(indicateur(i));
    }
    if let Some(t) = program.themes.get(name) {
        let mut out = format!("**thème `{name}`** — {}\n", text(&t.libelle));
        if !t.indicateurs.is_empty() {
            let names: Vec<String> = t
                .indicateurs
                .iter()
                .map(|i| format!("`{}`", i.name))
                .collect();
            out.push_str(&format!("\nIndicateurs suggérés : {}\n", names.join(", ")));
        }
        push_source(&mut out, &t.source);
        return Some(out);
    }
    if let Some(c) = program.cadres.get(name) {
        let mut out = format!("**cadre `{name}`** — {}\n", text(&c.cadre.libelle));
        if c.lignee.len() > 1 {
            out.push_str(&format!("\nÉtend : {}\n", c.lignee.join(" → ")));
        }
        out.push_str(&format!("\n{} clauses en vigueur.\n", c.clauses.len()));
        push_source(&mut out, &c.cadre.source);
        return Some(out);
    }
    if let Some(d) = program.diagnosis_defs.get(name) {
        let mut out = format!("**diagnostic `{name}`** — {}\n", text(&d.libelle));
        let groupes: Vec<String> = d
            .groupes
            .iter()
            .map(|g| format!("« {} »", g.nom.value))
            .collect();
        if !groupes.is_empty() {
            out.push_str(&format!("\nGroupes : {}\n", groupes.join(", ")));
        }
        push_source(&mut out, &d.source);
        return Some(out);
    }
    program.enveloppes.get(name).map(|e| {
        let mut out = format!("**enveloppe `{name}`** — {}\n", text(&e.libelle));
        if let Some(m) = &e.montant {
            out.push_str(&format!("\nMontant : {}\n", crate::display::euros(m.value)));
        }
        push_source(&mut out, &e.source);
        out
    })
}

fn indicateur(i: &Indicateur) -> String {
    let mut out = format!("**indicateur `{}`** — {}\n", i.id.name, text(&i.libelle));
    if let Some((u, _)) = i.unite {
        out.push_str(&format!("\n- unité : {}", u.keyword()));
    }
    if let Some((s, _)) = i.sens {
        out.push_str(&format!("\n- sens : {}", s.keyword()));
    }
    if i.formule.is_some() {
        out.push_str("\n- calculé par formule quand les chiffres ne le donnent pas");
    }
    for s in &i.seuils {
        let pour = if s.pour.is_empty() {
            String::new()
        } else {
            format!(
                " pour {}",
                s.pour
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        };
        let value = match &s.valeur {
            Value::Quantity(q) => crate::typeck::display_value(q.value, i),
            other => format!("{other:?}"),
        };
        out.push_str(&format!(
            "\n- seuil {} {} {value}{pour}",
            s.niveau.keyword(),
            s.op.symbol()
        ));
    }
    if let Some(h) = &i.hospidiag {
        out.push_str(&format!("\n- Hospi Diag : `{}`", h.value));
    }
    out.push('\n');
    push_source(&mut out, &i.source);
    out
}

fn text(t: &Option<Text>) -> &str {
    t.as_ref().map_or("", |t| t.value.as_str())
}

fn push_source(out: &mut String, source: &Option<Text>) {
    if let Some(s) = source {
        out.push_str(&format!("\n_Source : {}_\n", s.value));
    }
}

/// Completion candidates for the word before the cursor: names the
/// previous keyword expects, units after a number, else the fields valid in
/// the enclosing block (`block`: its keyword, "" at the top level).
pub fn completions(program: &Program, line_before: &str, block: &str) -> Vec<(String, String)> {
    let typing_new_word = line_before.ends_with(char::is_whitespace);
    let label = |t: &Option<Text>| text(t).to_string();
    match previous_word(line_before) {
        Some("cadre") | Some("étend") | Some("etend") => program
            .cadres
            .iter()
            .map(|(n, c)| (n.clone(), label(&c.cadre.libelle)))
            .collect(),
        Some("levier") => program
            .themes
            .iter()
            .map(|(n, t)| (n.clone(), label(&t.libelle)))
            .collect(),
        Some("aide") | Some("enveloppe") | Some("intègre") | Some("integre")
            if block != "cadre" =>
        {
            program
                .enveloppes
                .iter()
                .map(|(n, e)| (n.clone(), label(&e.libelle)))
                .collect()
        }
        Some("indicateur") | Some("exige") | Some("formule") => indicators(program),
        Some(w) if values_after(w).is_some() => values_after(w)
            .unwrap_or(&[])
            .iter()
            .map(|v| (v.to_string(), "valeur".to_string()))
            .collect(),
        Some(w)
            if w.starts_with(|c: char| c.is_ascii_digit())
                && !w.ends_with(':')
                && typing_new_word =>
        {
            UNITS
                .iter()
                .map(|(u, d)| (u.to_string(), d.to_string()))
                .collect()
        }
        _ if matches!(block, "chiffres" | "prévision" | "prevision") => indicators(program),
        _ => fields(block)
            .iter()
            .map(|k| (k.to_string(), "mot-clé".to_string()))
            .collect(),
    }
}

/// The word before the one being typed (the last one after a space).
pub fn previous_word(line_before: &str) -> Option<&str> {
    let words: Vec<&str> = line_before.split_whitespace().collect();
    if line_before.ends_with(char::is_whitespace) {
        words.last().copied()
    } else {
        words
            .len()
            .checked_sub(2)
            .and_then(|i| words.get(i))
            .copied()
    }
}

/// Indicators with their unit and label.
fn indicators(program: &Program) -> Vec<(String, String)> {
    program
        .indicateurs
        .iter()
        .map(|(n, i)| {
            let unit = i.unite.map(|(u, _)| u.keyword()).unwrap_or("?");
            (n.clone(), format!("{unit} — {}", text(&i.libelle)))
        })
        .collect()
}

/// The closed set of values a field takes.
fn values_after(word: &str) -> Option<&'static [&'static str]> {
    Some(match word {
        "statut" => &["public", "ebnl", "privé_lucratif"],
        "catégorie" | "categorie" => &[
            "CHU", "CHR", "CH", "CHS", "HL", "SMR", "HAD", "CLCC", "EBNL", "autre",
        ],
        "unité" | "unite" => &["€", "%", "j", "nombre", "booléen", "date"],
        "sens" => &["hausse", "baisse", "cible"],
        "type" => &["financier", "levier", "trésorerie"],
        "seuil" => &["vigilance", "alerte", "critique"],
        _ => return None,
    })
}

const UNITS: &[(&str, &str)] = &[
    ("€", "euros"),
    ("k€", "milliers d'euros"),
    ("M€", "millions d'euros"),
    ("%", "pour cent"),
    ("pt", "points de pourcentage"),
    ("j", "jours"),
];

/// The fields of a block, by its keyword (spec v0.2).
pub fn fields(block: &str) -> &'static [&'static str] {
    match block {
        "" => &[
            "contrat",
            "indicateur",
            "thème",
            "cadre",
            "enveloppe",
            "délégation",
            "revue",
            "suivi",
            "scénario",
            "importe",
            "diagnostic",
        ],
        "contrat" => &[
            "intitulé",
            "cadre",
            "ars",
            "établissement",
            "signé le",
            "période",
            "fin le",
            "lieu",
            "cosignataire",
            "dialogue",
            "avenant",
            "texte",
            "aide",
            "référence",
            "prévision",
            "chef_de_projet",
            "objectif",
            "condition",
            "modulation",
        ],
        "établissement" | "etablissement" => &[
            "raison_sociale",
            "finess",
            "statut",
            "catégorie",
            "ght",
            "région",
        ],
        "objectif" => &[
            "libellé",
            "type",
            "indicateur",
            "base",
            "cible",
            "poids",
            "gain",
            "justification",
            "action",
            "texte",
        ],
        "sous_action" => &[
            "libellé",
            "responsable",
            "échéance",
            "titre",
            "gain",
            "économies_prévues",
        ],
        "action" => &[
            "libellé",
            "responsable",
            "début",
            "échéance",
            "titre",
            "initial",
            "gain",
            "économies_prévues",
            "sous_action",
        ],
        _ => more_fields(block),
    }
}

/// The fields of the other blocks (clauses, definitions, follow-up items).
fn more_fields(block: &str) -> &'static [&'static str] {
    match block {
        "condition" => &["libellé", "exige", "à partir de"],
        "aide" | "délégation" | "delegation" => &["ferme", "indicatif", "versement"],
        "modulation" => &["si réalisation", "sinon"],
        "indicateur" => &[
            "libellé",
            "description",
            "unité",
            "sens",
            "formule",
            "seuil",
            "source",
            "hospidiag",
        ],
        "thème" | "theme" => &["libellé", "description", "indicateurs", "source"],
        "cadre" | "enveloppe" => &[
            "libellé",
            "source",
            "texte",
            "opposable",
            "famille",
            "modèle",
            "durée",
            "durée_recommandée",
            "aide ferme première_année",
            "aide indicative années_suivantes",
            "aide indicative toutes_années",
            "aide stable_ou_dégressive",
            "aide dans la période",
            "signature avant versement",
            "signature au plus tard",
            "première_année = année_signature",
            "cosignataire requis",
            "objectifs requis",
            "premières_cibles au plus tard",
            "cibles annuelles",
            "thèmes requis",
            "indicateurs au plus",
            "dialogue sous",
            "statuts",
            "enveloppes",
            "trésorerie requise si",
            "compte_financier au plus tard",
            "fin_aide si",
            "modulation",
            "donnée_manquante",
            "gains minimum",
            "gains recettes maximum",
            "recettes justifiées",
            "pondération par gains",
            "exercice",
            "montant",
            "part",
        ],
        "revue" => &[
            "date",
            "appréciation",
            "objectif",
            "compte_financier",
            "décision aide",
        ],
        "suivi" => &["prochaine_rencontre", "action", "commentaire"],
        "scénario" | "scenario" => &["contrat", "exercice", "chiffres", "attendu"],
        "attendu" => &[
            "objectif",
            "condition",
            "réalisation:",
            "verdict:",
            "aide",
            "codes:",
        ],
        "diagnostic" => &["libellé", "source", "groupe", "prélèvement_continu"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hover_and_completion_use_the_std() {
        let (_, _, program) = crate::pipeline::check_text("vide.pacte", "");
        let h = hover(&program, "délai_global_paiement").unwrap();
        assert!(h.contains("seuil critique > 90 j"), "{h}");
        assert!(hover(&program, "activité.chirurgie_ambulatoire")
            .unwrap()
            .starts_with("**thème"));
        let themes = completions(&program, "    type levier ", "objectif");
        assert!(themes.iter().any(|(n, _)| n == "achats.stocks"));
        let units = completions(&program, "    base 2024: 48 ", "objectif");
        assert!(units.iter().any(|(n, _)| n == "k€"));
        let fields = completions(&program, "    li", "objectif");
        assert!(fields.iter().any(|(n, _)| n == "libellé"));
        assert!(!fields.iter().any(|(n, _)| n == "intitulé"));
        let fiche = completions(&program, "      ", "action");
        assert!(["début", "initial", "économies_prévues", "sous_action"]
            .iter()
            .all(|f| fiche.iter().any(|(n, _)| n == f)));
        let sous = completions(&program, "        ", "sous_action");
        assert!(!sous.iter().any(|(n, _)| n == "sous_action" || n == "début"));
        let contrat = completions(&program, "  ch", "contrat");
        assert!(contrat.iter().any(|(n, _)| n == "chef_de_projet"));
        let chiffres = completions(&program, "    ", "chiffres");
        assert!(chiffres.iter().any(|(n, _)| n == "délai_global_paiement"));
        let attendu = completions(&program, "    ", "attendu");
        assert!(attendu.iter().any(|(n, _)| n == "codes:"));
        let d = hover(&program, "criticité_annexe_1").unwrap();
        assert!(
            d.starts_with("**diagnostic `criticité_annexe_1`**") && d.contains("Groupes"),
            "{d}"
        );
        let statuts = completions(&program, "    statut ", "établissement");
        assert!(statuts.iter().any(|(n, _)| n == "privé_lucratif"));
        let cadres = completions(&program, "  cadre red", "contrat");
        assert!(cadres.iter().any(|(n, _)| n == "redressement_2025"));
        assert_eq!(word_at("x activité.bloc y", 5), Some((2, 16)));
    }
}
