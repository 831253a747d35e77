//! The items that name a contract (`suivi`, `scénario`, `revue`) and what
//! they point to: the contract, written in the document, an import or
//! another file of the document's folder, and its objectives, conditions
//! and actions.

use super::analysis::Analysis;
use super::lex::{self, Kind, Token};
use super::names::{self, Def};
use crate::ast::{Contrat, Item};
use crate::diagnostic::Code;
use crate::source::{Source, SourceId};

/// A source of the analysis, the folder's files included.
pub fn source(a: &Analysis, id: SourceId) -> Option<&Source> {
    a.map
        .get(id)
        .or_else(|| a.folder.as_ref().and_then(|(map, _)| map.get(id)))
}

/// Every contract the document may name: the program's (document and
/// imports), then those of the folder's other files, first of a name only.
pub fn contracts(a: &Analysis) -> Vec<&Contrat> {
    let mut out: Vec<&Contrat> = a.program.contrats.iter().collect();
    let beside = a.folder.iter().flat_map(|(_, files)| files);
    for item in beside.flat_map(|f| &f.items) {
        if let Item::Contrat(c) = item {
            if !out.iter().any(|k| k.id.name == c.id.name) {
                out.push(c);
            }
        }
    }
    out
}

/// The contract of that name.
pub fn contract<'a>(a: &'a Analysis, name: &str) -> Option<&'a Contrat> {
    contracts(a).into_iter().find(|c| c.id.name == name)
}

/// The contract named by the `suivi`, `scénario` or `revue` of the document
/// around `byte`.
pub fn named_at(a: &Analysis, byte: usize) -> Option<&Contrat> {
    let byte = byte as u32;
    let item = a.file.as_ref()?.items.iter().find(|i| {
        let s = i.span();
        s.start <= byte && byte <= s.end
    })?;
    let name = match item {
        Item::Suivi(s) => &s.contrat.name,
        Item::Revue(r) => &r.contrat.name,
        Item::Scenario(s) => &s.contrat.as_ref()?.name,
        _ => return None,
    };
    contract(a, name)
}

/// The objectives, conditions and actions (with an id) of a contract.
pub fn parts(c: &Contrat) -> Vec<Def> {
    let def = |name: &str, kind, span| Def {
        name: name.to_string(),
        kind,
        span,
        scope: Some(c.span),
    };
    let mut out = Vec::new();
    for o in &c.objectifs {
        out.push(def(&o.id.name, "objectif", o.id.span));
        for action in &o.actions {
            out.extend(action.id.as_ref().map(|i| def(&i.name, "action", i.span)));
        }
    }
    out.extend(
        c.conditions
            .iter()
            .map(|k| def(&k.id.name, "condition", k.id.span)),
    );
    out
}

/// The definition of `word` at `byte` when it is in a `suivi`, `scénario`
/// or `revue`: a part of the contract it names, else a contract of the
/// folder.
pub fn resolve(a: &Analysis, byte: usize, word: &str) -> Option<Def> {
    let c = named_at(a, byte)?;
    if c.id.name == word {
        return Some(Def {
            name: word.to_string(),
            kind: "contrat",
            span: c.id.span,
            scope: None,
        });
    }
    parts(c).into_iter().find(|d| d.name == word)
}

/// The contract named by the top-level item around `byte`, read from the
/// text (the document may not parse while it is typed): the word after
/// `suivi` or `revue`, or the `contrat ID` line of a `scénario`.
pub fn named_in_text(code: &str, byte: usize) -> Option<String> {
    let tokens = lex::tokens(code);
    let word = |t: &Token| {
        (t.kind == Kind::Word)
            .then(|| code.get(t.start..t.end))
            .flatten()
    };
    let (mut depth, mut open) = (0usize, None);
    for (i, t) in tokens
        .iter()
        .enumerate()
        .take_while(|(_, t)| t.start < byte)
    {
        match t.kind {
            Kind::Open if depth == 0 => (depth, open) = (1, Some(i)),
            Kind::Open => depth += 1,
            Kind::Close => {
                depth = depth.saturating_sub(1);
                open = open.filter(|_| depth > 0);
            }
            _ => {}
        }
    }
    let open = open?;
    let head: Vec<&str> = tokens
        .get(..open)?
        .iter()
        .rev()
        .take_while(|t| !matches!(t.kind, Kind::Open | Kind::Close))
        .filter_map(word)
        .collect();
    match head.as_slice() {
        [.., name, "suivi"] | [.., name, "revue"] => return Some(name.to_string()),
        [.., "scénario"] | [.., "scenario"] => {}
        _ => return None,
    }
    let mut depth = 0usize;
    let mut inside = tokens.get(open..)?.iter();
    while let Some(t) = inside.next() {
        match t.kind {
            Kind::Open => depth += 1,
            Kind::Close if depth <= 1 => return None,
            Kind::Close => depth -= 1,
            _ if depth == 1 && word(t) == Some("contrat") => {
                return inside.next().and_then(word).map(str::to_string);
            }
            _ => {}
        }
    }
    None
}

/// Completion candidates that depend on the workspace: contracts after
/// `suivi`, `revue` or a `contrat` field, the named contract's actions,
/// objectives and conditions, the diagnostic codes after `codes:`.
pub fn completions(
    a: &Analysis,
    line_before: &str,
    block: &str,
    byte: usize,
) -> Option<Vec<(String, String)>> {
    if block == "attendu" && line_before.trim_start().starts_with("codes:") {
        let codes = Code::ALL
            .iter()
            .map(|c| (c.as_str().to_string(), c.title().to_string()));
        return Some(codes.collect());
    }
    if let Some(words) = after_colon(line_before.trim_start(), block) {
        let detail = |w: &&str| (w.to_string(), "valeur".to_string());
        return Some(words.iter().map(detail).collect());
    }
    let previous = super::info::previous_word(line_before)?;
    let kind = match (block, previous) {
        ("", "suivi" | "revue") | ("suivi" | "scénario" | "scenario", "contrat") => {
            let label = |c: &Contrat| {
                c.intitule
                    .as_ref()
                    .map_or(String::new(), |t| t.value.clone())
            };
            let all = contracts(a).into_iter();
            return Some(all.map(|c| (c.id.name.clone(), label(c))).collect());
        }
        ("suivi", "action") => "action",
        ("attendu" | "revue", "objectif") => "objectif",
        ("attendu", "condition") => "condition",
        _ => return None,
    };
    let name = named_in_text(names::code(a), byte)?;
    let c = contract(a, &name)?;
    let found = parts(c).into_iter().filter(|d| d.kind == kind);
    Some(
        found
            .map(|d| (d.name, format!("{kind} de `{name}`")))
            .collect(),
    )
}

/// What follows the `:` (or a `,`) of a line of a `suivi` or an `attendu`
/// (§10, §11).
fn after_colon(line: &str, block: &str) -> Option<&'static [&'static str]> {
    let (head, _) = line.split_once(':')?;
    let head = head.split_whitespace().next()?;
    // After a number, its unit (left to the general completion).
    let last = line.rsplit([':', ',']).next().unwrap_or("");
    if last.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(match (block, head) {
        ("suivi", "action") => &["réalisation", "économies"],
        ("attendu", "objectif") => &[
            "atteint",
            "partiellement atteint",
            "non atteint",
            "non évaluable",
        ],
        ("attendu", "condition") => &["respectée", "non respectée", "non évaluable"],
        ("attendu", "verdict") => &[
            "engagements tenus",
            "partiellement tenus",
            "non tenus",
            "sans objet",
        ],
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::named_in_text;

    #[test]
    fn the_named_contract_is_read_from_the_text() {
        let suivi = "suivi c1 2026-06-30 {\n  action \n}\nsuivi c2 2026-07-01 { }";
        assert_eq!(named_in_text(suivi, 30).as_deref(), Some("c1"));
        assert_eq!(named_in_text(suivi, suivi.len()).as_deref(), None);
        let scenario = "scénario \"x\" {\n  attendu {\n    objectif \n  }\n  contrat c3\n}";
        let at = scenario.find("objectif").unwrap_or(0) + 9;
        assert_eq!(named_in_text(scenario, at).as_deref(), Some("c3"));
        assert_eq!(named_in_text("contrat c4 { objectif ", 20), None);
        let verdicts = super::after_colon("verdict: ", "attendu").unwrap_or(&[]);
        assert!(verdicts.contains(&"engagements tenus"));
        let suivi = super::after_colon("action pool: réalisation 50 %, ", "suivi");
        assert!(suivi.unwrap_or(&[]).contains(&"économies"));
        assert!(super::after_colon("objectif o1: ", "revue").is_none());
        assert!(super::after_colon("action pool: réalisation 50 ", "suivi").is_none());
    }
}
