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
/// previous keyword expects, else keywords and indicators.
pub fn completions(program: &Program, line_before: &str) -> Vec<(String, String)> {
    let words: Vec<&str> = line_before.split_whitespace().collect();
    let typing_new_word = line_before.ends_with(char::is_whitespace);
    let previous = if typing_new_word {
        words.last()
    } else {
        words.len().checked_sub(2).and_then(|i| words.get(i))
    };
    let label = |t: &Option<Text>| text(t).to_string();
    match previous.copied() {
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
        Some("aide") | Some("enveloppe") => program
            .enveloppes
            .iter()
            .map(|(n, e)| (n.clone(), label(&e.libelle)))
            .collect(),
        _ => {
            let mut items: Vec<(String, String)> = program
                .indicateurs
                .iter()
                .map(|(n, i)| (n.clone(), label(&i.libelle)))
                .collect();
            items.extend(
                KEYWORDS
                    .iter()
                    .map(|k| (k.to_string(), "mot-clé".to_string())),
            );
            items
        }
    }
}

const KEYWORDS: &[&str] = &[
    "contrat",
    "intitulé",
    "cadre",
    "ars",
    "établissement",
    "raison_sociale",
    "finess",
    "statut",
    "catégorie",
    "ght",
    "région",
    "signé le",
    "période",
    "fin le",
    "lieu",
    "cosignataire",
    "dialogue",
    "intègre",
    "avenant",
    "texte",
    "aide",
    "ferme",
    "indicatif",
    "versement",
    "référence",
    "objectif",
    "libellé",
    "type",
    "financier",
    "levier",
    "trésorerie",
    "indicateur",
    "base",
    "cible",
    "poids",
    "gain",
    "justification",
    "action",
    "responsable",
    "échéance",
    "condition",
    "exige",
    "à partir de",
    "modulation",
    "si réalisation",
    "sinon",
    "entre",
    "revue",
    "date",
    "appréciation",
    "décision aide",
    "compte_financier justifié",
];

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
        let themes = completions(&program, "    type levier ");
        assert!(themes.iter().any(|(n, _)| n == "achats.stocks"));
        let cadres = completions(&program, "  cadre red");
        assert!(cadres.iter().any(|(n, _)| n == "redressement_2025"));
        assert_eq!(word_at("x activité.bloc y", 5), Some((2, 16)));
    }
}
