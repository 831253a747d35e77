//! French wording shared by the documents: values, targets, expressions,
//! the « Vu » line of a cited text, the parties' designations.

use crate::ast::{BinOp, CmpOp, Comparison, Expr, ExprKind, Quantity, UnOp, Unit, Value};
use crate::display;
use crate::model::Program;

/// A quantity in French: `1 500 000 €`, `4,2 %`, `28 j`, `2 pt`.
pub fn quantite(q: &Quantity) -> String {
    match q.unit {
        Unit::Point => format!("{} pt", display::number(q.written())),
        unit => display::quantity(q.value, unit.dimension()),
    }
}

/// A literal value in French.
pub fn valeur(v: &Value) -> String {
    match v {
        Value::Quantity(q) => quantite(q),
        Value::Date(d, _) => d.french(),
        Value::Bool(b, _) => if *b { "oui" } else { "non" }.to_string(),
    }
}

/// `≥`, `≤`…
pub fn comparateur(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Ge => "≥",
        CmpOp::Le => "≤",
        CmpOp::Gt => ">",
        CmpOp::Lt => "<",
        CmpOp::Eq => "=",
    }
}

/// A target: `≥ 4 %`, `entre 21 j et 30 j`.
pub fn cible(c: &Comparison) -> String {
    match c {
        Comparison::Cmp(op, v) => format!("{} {}", comparateur(*op), valeur(v)),
        Comparison::Between(a, b) => format!("entre {} et {}", valeur(a), valeur(b)),
    }
}

/// An indicator's label as it reads inside a sentence: its `libellé` with
/// a lower-case initial (unless it is an acronym), else its name.
pub fn indicateur(program: &Program, name: &str) -> String {
    match program
        .indicateur(name)
        .and_then(|i| i.libelle.as_ref())
        .map(|t| t.value.as_str())
    {
        Some(label) => minuscule(label),
        None => name.replace('_', " "),
    }
}

/// An indicator's label as a heading or a cell: its `libellé`, else its name.
pub fn indicateur_titre(program: &Program, name: &str) -> String {
    program
        .indicateur(name)
        .and_then(|i| i.libelle.as_ref())
        .map_or_else(|| name.replace('_', " "), |t| t.value.clone())
}

/// Lower-cases the first letter, unless the second is upper-case too
/// (`CAF nette` stays).
pub fn minuscule(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

/// Upper-cases the first letter.
pub fn majuscule(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An expression in words: `nombre de jours de stocks ≤ 28 j`.
pub fn expression(program: &Program, expr: &Expr) -> String {
    match &expr.kind {
        ExprKind::Name(id) => indicateur(program, &id.name),
        ExprKind::Literal(v) => valeur(v),
        ExprKind::Paren(e) => format!("({})", expression(program, e)),
        ExprKind::Unary(UnOp::Neg, e) => format!("-{}", expression(program, e)),
        ExprKind::Unary(UnOp::Not, e) => format!("non {}", expression(program, e)),
        ExprKind::Binary(op, a, b) => {
            let op = match op {
                BinOp::Or => "ou",
                BinOp::And => "et",
                BinOp::Cmp(c) => comparateur(*c),
                BinOp::Add => "+",
                BinOp::Sub => "-",
                BinOp::Mul => "×",
                BinOp::Div => "/",
            };
            format!("{} {op} {}", expression(program, a), expression(program, b))
        }
        ExprKind::Call(f, args) => {
            let args: Vec<String> = args.iter().map(|a| expression(program, a)).collect();
            format!("{}({})", f.name(), args.join(", "))
        }
    }
}

/// `ARS Normandie` → `Agence régionale de santé Normandie`.
pub fn agence(ars: &str) -> String {
    match ars.strip_prefix("ARS ") {
        Some(region) => format!("Agence régionale de santé {region}"),
        None => ars.to_string(),
    }
}

/// The legal status, as a designation.
pub fn statut(statut: &str) -> Option<&'static str> {
    match statut {
        "public" => Some("Établissement public de santé"),
        "ebnl" => Some("Établissement de santé privé à but non lucratif"),
        "privé_lucratif" | "prive_lucratif" => Some("Établissement de santé privé à but lucratif"),
        _ => None,
    }
}

/// Who signs for the establishment.
pub fn representant(statut: Option<&str>) -> &'static str {
    match statut {
        Some("public") => "le directeur",
        _ => "le représentant légal",
    }
}

/// The lever family of a theme (`activité.bloc_opératoire` → « Activité »),
/// after the headings of annexe II.
pub fn famille(theme: &str) -> Option<&'static str> {
    let prefix = theme.split('.').next()?;
    Some(match prefix {
        "activité" => "Activité",
        "médicament" => "Circuit du médicament",
        "territoire" => "Coopération territoriale",
        "lits" => "Gestion des lits",
        "achats" => "Achats",
        "rh" => "Ressources humaines",
        "afr" => "Chaîne admission, facturation, recouvrement",
        "trésorerie" => "Trésorerie",
        "numérique" => "Numérique",
        "qualité" => "Qualité",
        _ => return None,
    })
}

/// « Vu » followed by a cited text with its article: `l'instruction …`,
/// `le guide …`, `les articles …`. A text whose kind is unknown is quoted.
pub fn vu(text: &str) -> String {
    let text = text.trim();
    let first = text
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let rest = || text.get(first.len()..).unwrap_or("").trim_start();
    let lower = minuscule(text);
    let body = match first.as_str() {
        "instruction" | "ordonnance" | "arrêté" | "annexe" => format!("l'{lower}"),
        "circulaire" | "loi" | "note" | "décision" | "convention" => format!("la {lower}"),
        "guide" | "code" | "décret" | "contrat" | "plan" | "projet" | "schéma" => {
            format!("le {lower}")
        }
        "art." | "articles" => format!("les articles {}", rest()),
        "article" => format!("l'article {}", rest()),
        _ => format!("« {text} »"),
    };
    format!("Vu {body}")
}

/// The cited document of a clause's `source`: the text before its
/// parenthesis and before its first comma (`Instruction 2025/145`).
pub fn document_cite(source: &str) -> String {
    let head = source.split(" (").next().unwrap_or(source);
    head.split(", ").next().unwrap_or(head).trim().to_string()
}

/// The short form of a citation, for small print: without its quotation.
pub fn reference_courte(source: &str) -> String {
    source
        .split(" (")
        .next()
        .unwrap_or(source)
        .trim()
        .to_string()
}

/// Whether a « Vu » list already cites `doc`: an item starts with it, or
/// names the same kind of text with the same numbers (`Instruction
/// 2025/145` is in `Instruction DGOS/…/2025/145 du 9 octobre 2025`).
pub fn deja_cite(items: &[String], doc: &str) -> bool {
    let doc_lower = doc.to_lowercase();
    let first = doc_lower.split_whitespace().next().unwrap_or("");
    let numbers: Vec<&str> = doc_lower
        .split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .collect();
    items.iter().any(|item| {
        let item = item.to_lowercase();
        item.starts_with(&doc_lower)
            || (!numbers.is_empty()
                && item.split_whitespace().next() == Some(first)
                && numbers.iter().all(|n| item.contains(n)))
    })
}

/// French typography for display: typographic apostrophe, no-break
/// spaces inside « » and before `:`, and narrow ones before `;` `!` `?`.
pub fn typographie(text: &str) -> String {
    text.replace('\'', "’")
        .replace("« ", "«\u{a0}")
        .replace(" »", "\u{a0}»")
        .replace(" :", "\u{a0}:")
        .replace(" ;", "\u{202f};")
        .replace(" !", "\u{202f}!")
        .replace(" ?", "\u{202f}?")
}

/// A small count in words (`cinq`), larger ones in digits.
pub fn en_lettres(n: i64) -> String {
    const MOTS: [&str; 13] = [
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
        "onze", "douze",
    ];
    usize::try_from(n)
        .ok()
        .and_then(|i| MOTS.get(i))
        .map_or_else(|| n.to_string(), |m| (*m).to_string())
}

/// `trois exercices`, `un exercice`.
pub fn exercices(n: i32) -> String {
    if n == 1 {
        "un exercice".to_string()
    } else {
        format!("{} exercices", en_lettres(i64::from(n)))
    }
}

/// Short citations grouped by document: `Instruction 2025/145, IV et
/// note 3 ; II, « Finalité et durée du contrat »` (a part that another
/// one extends, such as `II`, is left out).
pub fn references(citations: &[String]) -> String {
    let mut docs: Vec<(String, Vec<String>)> = Vec::new();
    for c in citations {
        let (doc, part) = match c.split_once(", ") {
            Some((d, p)) => (d.to_string(), p.to_string()),
            None => (c.clone(), String::new()),
        };
        match docs.iter_mut().find(|(d, _)| *d == doc) {
            Some((_, parts)) => parts.push(part),
            None => docs.push((doc, vec![part])),
        }
    }
    docs.into_iter()
        .map(|(doc, parts)| {
            let mut kept: Vec<&String> = Vec::new();
            for p in &parts {
                let extended = parts
                    .iter()
                    .any(|q| q != p && (p.is_empty() || q.starts_with(&format!("{p}, "))));
                if !extended && !kept.contains(&p) {
                    kept.push(p);
                }
            }
            let parts: Vec<&str> = kept
                .iter()
                .map(|p| p.as_str())
                .filter(|p| !p.is_empty())
                .collect();
            if parts.is_empty() {
                doc
            } else {
                format!("{doc}, {}", parts.join(" ; "))
            }
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

/// Whether a cited document is a guide: a guide explains the texts, it is
/// never a visa of a contract.
pub fn est_guide(doc: &str) -> bool {
    let lower = doc.trim_start().to_lowercase();
    lower.starts_with("guide") || lower.starts_with("vu le guide")
}

/// A name after « de », with its article and elision: `du Fonds
/// d'intervention régional`, `de l'enveloppe « redressement financier et
/// performance »`, `de la dotation …`, `des crédits régionaux`. A name
/// whose first word is not known is quoted: `de « X »`.
pub fn de(nom: &str) -> String {
    let nom = nom.trim();
    let premier = nom
        .split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
        .next()
        .unwrap_or("")
        .to_lowercase();
    const MASCULINS: [&str; 8] = [
        "fonds",
        "dispositif",
        "plan",
        "budget",
        "programme",
        "contrat",
        "financement",
        "crédit",
    ];
    const FEMININS: [&str; 5] = ["dotation", "mission", "part", "subvention", "mesure"];
    const PLURIELS: [&str; 4] = ["crédits", "mesures", "aides", "financements"];
    let voyelle = premier
        .chars()
        .next()
        .is_some_and(|c| "aeéèêiîoôuhAEÉIOUH".contains(c));
    // A proper name keeps its capital (« Fonds d'intervention régional »).
    let propre = nom.starts_with("Fonds");
    let corps = if propre {
        nom.to_string()
    } else {
        minuscule(nom)
    };
    if PLURIELS.contains(&premier.as_str()) {
        format!("des {corps}")
    } else if MASCULINS.contains(&premier.as_str()) {
        format!("du {corps}")
    } else if voyelle && !premier.is_empty() {
        format!("de l'{corps}")
    } else if FEMININS.contains(&premier.as_str()) {
        format!("de la {corps}")
    } else {
        format!("de « {nom} »")
    }
}

/// Joins with commas and a final « et ».
pub fn enumeration(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vu_lines() {
        assert_eq!(
            vu("Instruction DGOS/FIP3/DSS/SD1A/2025/145 du 9 octobre 2025"),
            "Vu l'instruction DGOS/FIP3/DSS/SD1A/2025/145 du 9 octobre 2025"
        );
        assert_eq!(
            vu("guide DGOS CPOM, partie 1, 2.2"),
            "Vu le guide DGOS CPOM, partie 1, 2.2"
        );
        assert_eq!(
            vu("art. L. 6114-1 à L. 6114-5 CSP"),
            "Vu les articles L. 6114-1 à L. 6114-5 CSP"
        );
        assert_eq!(vu("Délibération X"), "Vu « Délibération X »");
    }

    #[test]
    fn citations() {
        let src = "Instruction 2025/145, IV et note 3 (« une remontée », art. R. 6145-47 CSP)";
        assert_eq!(document_cite(src), "Instruction 2025/145");
        assert_eq!(reference_courte(src), "Instruction 2025/145, IV et note 3");
        let items = vec!["Instruction DGOS/FIP3/DSS/SD1A/2025/145 du 9 octobre 2025".to_string()];
        assert!(deja_cite(&items, "Instruction 2025/145"));
        assert!(!deja_cite(&items, "Guide DGOS CPOM"));
        let items = vec!["guide DGOS CPOM, partie 1, 2.2".to_string()];
        assert!(deja_cite(&items, "Guide DGOS CPOM"));
    }

    #[test]
    fn grouped_references() {
        let refs = [
            "Instruction 2025/145, IV et note 3".to_string(),
            "Instruction 2025/145, II".to_string(),
            "Instruction 2025/145, II, « Finalité et durée du contrat »".to_string(),
            "Guide DGOS CPOM, annexe 1".to_string(),
        ];
        assert_eq!(
            references(&refs),
            "Instruction 2025/145, IV et note 3 ; II, « Finalité et durée du contrat » ; Guide DGOS CPOM, annexe 1"
        );
        assert_eq!(en_lettres(6), "six");
        assert_eq!(exercices(5), "cinq exercices");
        assert_eq!(en_lettres(24), "24");
    }

    #[test]
    fn elision() {
        assert_eq!(
            de("Fonds d'intervention régional"),
            "du Fonds d'intervention régional"
        );
        assert_eq!(
            de("Enveloppe « redressement financier et performance »"),
            "de l'enveloppe « redressement financier et performance »"
        );
        assert_eq!(de("Dotation régionale"), "de la dotation régionale");
        assert_eq!(de("Crédits régionaux"), "des crédits régionaux");
        assert_eq!(
            de("aide à l'investissement"),
            "de l'aide à l'investissement"
        );
        assert_eq!(de("FIR"), "de « FIR »");
        assert!(est_guide("Guide DGOS CPOM, partie 1"));
        assert!(!est_guide("Instruction 2025/145"));
    }

    #[test]
    fn words() {
        assert_eq!(minuscule("Nombre de jours"), "nombre de jours");
        assert_eq!(minuscule("CAF nette"), "CAF nette");
        assert_eq!(
            agence("ARS Normandie"),
            "Agence régionale de santé Normandie"
        );
        assert_eq!(
            enumeration(&["a".into(), "b".into(), "c".into()]),
            "a, b et c"
        );
    }
}
