//! The JSON report of `pacte test`:
//! `{ "scenarios": [ { "nom", "fichier", "ligne", "contrat", "exercice",
//! "statut", "erreur", "attendus": [ { "quoi", "ligne", "attendu", "obtenu",
//! "reussi", "derivation" } ] } ], "resume": { … }, "couverture": { … } }`.
//! `attendu` and `obtenu` are the French display forms; `derivation` has
//! the shape of `pacte evaluate --format json`.

use super::{place, totals};
use crate::eval::report::json::derivation;
use crate::scenario::coverage::{Atteinte, Coverage, Tally};
use crate::scenario::Outcome;
use crate::source::SourceMap;
use serde_json::{json, Value};

pub fn report(outcomes: &[Outcome], coverage: Option<&Coverage>, map: &SourceMap) -> String {
    let t = totals(outcomes);
    let mut root = json!({
        "scenarios": outcomes.iter().map(|o| scenario(o, map)).collect::<Vec<_>>(),
        "resume": { "scenarios": t.scenarios, "reussis": t.reussis, "echoues": t.echoues },
    });
    if let (Some(c), Some(obj)) = (coverage, root.as_object_mut()) {
        obj.insert("couverture".into(), couverture(c, map));
    }
    let mut text = serde_json::to_string_pretty(&root).unwrap_or_default();
    text.push('\n');
    text
}

fn scenario(o: &Outcome, map: &SourceMap) -> Value {
    let (file, line) = place(map, o.span);
    json!({
        "nom": o.nom,
        "fichier": file,
        "ligne": line,
        "contrat": o.contrat,
        "exercice": o.exercice,
        "statut": if o.passed() { "réussi" } else { "échoué" },
        "erreur": o.erreur,
        "attendus": o.checks.iter().map(|c| json!({
            "quoi": c.what,
            "ligne": place(map, c.span).1,
            "attendu": c.expected,
            "obtenu": c.actual,
            "reussi": c.passed,
            "derivation": c.derivation.as_ref().map(|d| serde_json::to_value(derivation(d, map)).unwrap_or(Value::Null)),
        })).collect::<Vec<_>>(),
    })
}

fn tally(t: &Tally) -> Value {
    json!({ "reussis": t.reussis, "echoues": t.echoues })
}

fn atteintes(items: &[Atteinte]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|a| json!({ "nom": a.nom, "atteint": a.atteint }))
            .collect(),
    )
}

/// The coverage tables as JSON.
pub fn couverture(c: &Coverage, map: &SourceMap) -> Value {
    json!({
        "clauses": c.clauses.iter().map(|k| {
            let (file, line) = place(map, k.span);
            json!({
                "proprietaire": k.owner,
                "clause": k.clause,
                "code": k.code.map(|c| c.to_string()),
                "fichier": file,
                "ligne": line,
                "exercee": k.tally.total() > 0,
                "scenarios": tally(&k.tally),
            })
        }).collect::<Vec<_>>(),
        "codes": c.codes.iter().map(|k| json!({
            "code": k.code.to_string(),
            "exerce": k.scenarios.total() + k.fixtures.total() > 0,
            "scenarios": tally(&k.scenarios),
            "fixtures": tally(&k.fixtures),
        })).collect::<Vec<_>>(),
        "contrats": c.contrats.iter().map(|k| json!({
            "contrat": k.contrat,
            "scenarios": k.scenarios,
            "objectifs": atteintes(&k.objectifs),
            "conditions": atteintes(&k.conditions),
            "modulation": atteintes(&k.modulation),
        })).collect::<Vec<_>>(),
    })
}
