//! The impact as text, Markdown (a pull-request comment: one table of the
//! evaluation, one list of diagnostics per contract, the regional total)
//! and JSON (exact decimal strings, as `pacte evaluate --format json`).

use super::{Avant, Constat, ContratImpact, Impact};
use crate::ast::Dimension;
use crate::display;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn money(d: Decimal) -> String {
    display::moins(&display::quantity(d, Dimension::Money))
}

fn pct(d: Decimal) -> String {
    display::quantity(d, Dimension::Ratio)
}

fn side<T>(v: &Option<T>, show: impl Fn(&T) -> String) -> String {
    v.as_ref().map_or_else(|| "—".to_string(), show)
}

/// The verdict, or why there is none on a side.
fn verdict(e: &super::EvalImpact) -> Avant<String> {
    let on = |v: &Option<String>, evalue: Option<bool>| match evalue {
        Some(false) => Some("non évalué (erreurs)".to_string()),
        _ => v.clone(),
    };
    Avant {
        avant: on(&e.verdict.avant, e.evalue.avant),
        apres: on(&e.verdict.apres, e.evalue.apres),
    }
}

fn arrow<T: PartialEq>(a: &Avant<T>, show: impl Fn(&T) -> String + Copy) -> String {
    if a.changed() {
        format!("{} → {}", side(&a.avant, show), side(&a.apres, show))
    } else {
        side(&a.apres, show)
    }
}

/// The change of an amount, signed (`+200 000 €`, `−150 000 €`).
fn delta(a: &Avant<Decimal>) -> String {
    let d = a.apres.unwrap_or_default() - a.avant.unwrap_or_default();
    if d.is_zero() {
        "inchangée".to_string()
    } else if d > Decimal::ZERO {
        format!("+{}", money(d))
    } else {
        money(d)
    }
}

fn existence(c: &ContratImpact) -> Option<&'static str> {
    match (c.existe.avant, c.existe.apres) {
        (Some(false), _) => Some("contrat ajouté"),
        (_, Some(false)) => Some("contrat retiré"),
        _ => None,
    }
}

fn constat(c: &Constat) -> String {
    format!("{} {}", c.code, c.message)
}

pub fn text(i: &Impact) -> String {
    let mut out = String::from("\nImpact");
    if let Some(y) = i.exercice {
        out.push_str(&format!(" (exercice {y}, aide {})", y + 1));
    }
    out.push('\n');
    if i.is_empty() {
        out.push_str("  aucun changement de vérification ni d'évaluation\n");
    }
    for c in &i.contrats {
        out.push_str(&format!("contrat {}", c.contrat));
        if let Some(what) = existence(c) {
            out.push_str(&format!(" ({what})"));
        }
        out.push('\n');
        if let Some(e) = &c.evaluation {
            out.push_str(&format!(
                "  verdict : {}\n",
                arrow(&verdict(e), String::clone)
            ));
            out.push_str(&format!(
                "  réalisation : {}\n",
                arrow(&e.realisation, |d| pct(*d))
            ));
            out.push_str(&format!(
                "  aide {} due : {} ({})\n",
                e.aide_exercice,
                arrow(&e.aide_due, |d| money(*d)),
                delta(&e.aide_due)
            ));
            for o in &e.objectifs {
                out.push_str(&format!(
                    "  objectif {} : {}\n",
                    o.objectif,
                    arrow(&o.verdict, String::clone)
                ));
            }
        }
        for d in &c.apparus {
            out.push_str(&format!("  + {}\n", constat(d)));
        }
        for d in &c.disparus {
            out.push_str(&format!("  - {}\n", constat(d)));
        }
    }
    for d in &i.hors_contrat.0 {
        out.push_str(&format!("hors contrat : + {}\n", constat(d)));
    }
    for d in &i.hors_contrat.1 {
        out.push_str(&format!("hors contrat : - {}\n", constat(d)));
    }
    if let (Some((a, b)), Some(y)) = (i.total_aide, i.exercice) {
        let total = Avant {
            avant: Some(a),
            apres: Some(b),
        };
        out.push_str(&format!(
            "total régional de l'aide {} due : {} ({})\n",
            y + 1,
            arrow(&total, |d| money(*d)),
            delta(&total)
        ));
    }
    out
}

/// Escapes a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[allow(clippy::too_many_lines)] // TODO split (issue 13: output code moving to report/)
pub fn markdown(i: &Impact) -> String {
    let mut out = String::from("\n## Impact du changement\n\n");
    if i.is_empty() {
        out.push_str("Aucun contrat ne change de vérification ni d'évaluation.\n");
        return out;
    }
    let evaluated: Vec<&ContratImpact> = i
        .contrats
        .iter()
        .filter(|c| c.evaluation.is_some())
        .collect();
    if let (false, Some(y)) = (evaluated.is_empty(), i.exercice) {
        out.push_str(&format!(
            "### Évaluation de l'exercice {y} (aide {})\n\n",
            y + 1
        ));
        out.push_str(
            "| Contrat | Verdict | Réalisation | Aide due | Écart |\n|---|---|---|---|---|\n",
        );
        for c in &evaluated {
            if let Some(e) = &c.evaluation {
                out.push_str(&format!(
                    "| `{}` | {} | {} | {} | {} |\n",
                    c.contrat,
                    cell(&arrow(&verdict(e), String::clone)),
                    arrow(&e.realisation, |d| pct(*d)),
                    arrow(&e.aide_due, |d| money(*d)),
                    delta(&e.aide_due)
                ));
            }
        }
        if let Some((a, b)) = i.total_aide {
            let total = Avant {
                avant: Some(a),
                apres: Some(b),
            };
            out.push_str(&format!(
                "| **Total régional** | | | **{}** | **{}** |\n",
                arrow(&total, |d| money(*d)),
                delta(&total)
            ));
        }
        out.push('\n');
        for c in &evaluated {
            if let Some(e) = c.evaluation.as_ref().filter(|e| !e.objectifs.is_empty()) {
                out.push_str(&format!("Objectifs de `{}` :\n\n", c.contrat));
                for o in &e.objectifs {
                    out.push_str(&format!(
                        "- `{}` : {}\n",
                        o.objectif,
                        arrow(&o.verdict, String::clone)
                    ));
                }
                out.push('\n');
            }
        }
    }
    let checked: Vec<&ContratImpact> = i
        .contrats
        .iter()
        .filter(|c| !c.apparus.is_empty() || !c.disparus.is_empty() || existence(c).is_some())
        .collect();
    if !checked.is_empty() || !i.hors_contrat.0.is_empty() || !i.hors_contrat.1.is_empty() {
        out.push_str("### Vérification (`pacte check`)\n\n");
        for c in checked {
            out.push_str(&format!("- `{}`", c.contrat));
            if let Some(what) = existence(c) {
                out.push_str(&format!(" ({what})"));
            }
            out.push('\n');
            for d in &c.apparus {
                out.push_str(&format!("  - ➕ `{}` {}\n", d.code, d.message));
            }
            for d in &c.disparus {
                out.push_str(&format!("  - ➖ `{}` {}\n", d.code, d.message));
            }
        }
        for d in &i.hors_contrat.0 {
            out.push_str(&format!("- hors contrat : ➕ `{}` {}\n", d.code, d.message));
        }
        for d in &i.hors_contrat.1 {
            out.push_str(&format!("- hors contrat : ➖ `{}` {}\n", d.code, d.message));
        }
    }
    out
}

fn dec<T: ToString>(a: &Avant<T>) -> Value {
    json!({
        "avant": a.avant.as_ref().map(ToString::to_string),
        "apres": a.apres.as_ref().map(ToString::to_string),
    })
}

fn dec_norm(a: &Avant<Decimal>) -> Value {
    json!({
        "avant": a.avant.map(|d| d.normalize().to_string()),
        "apres": a.apres.map(|d| d.normalize().to_string()),
    })
}

fn constats(list: &[Constat]) -> Value {
    Value::Array(
        list.iter()
            .map(|c| json!({ "code": c.code.to_string(), "message": c.message }))
            .collect(),
    )
}

pub fn json(i: &Impact) -> Value {
    json!({
        "exercice": i.exercice,
        "contrats": i.contrats.iter().map(|c| json!({
            "contrat": c.contrat,
            "existe": { "avant": c.existe.avant, "apres": c.existe.apres },
            "diagnostics_apparus": constats(&c.apparus),
            "diagnostics_disparus": constats(&c.disparus),
            "evaluation": c.evaluation.as_ref().map(|e| json!({
                "verdict": dec(&e.verdict),
                "realisation": dec_norm(&e.realisation),
                "aide": { "exercice": e.aide_exercice, "due": dec_norm(&e.aide_due) },
                "objectifs": e.objectifs.iter().map(|o| json!({
                    "objectif": o.objectif, "verdict": dec(&o.verdict)
                })).collect::<Vec<_>>(),
            })),
        })).collect::<Vec<_>>(),
        "hors_contrat": {
            "diagnostics_apparus": constats(&i.hors_contrat.0),
            "diagnostics_disparus": constats(&i.hors_contrat.1),
        },
        "total_aide_due": i.total_aide.map(|(a, b)| json!({
            "avant": a.normalize().to_string(), "apres": b.normalize().to_string()
        })),
    })
}
