//! Each expectation of `attendu { … }` against what came out: verdicts by
//! their words, the rate at the precision it is written with (`92,31 %`
//! is compared with the rate rounded to 0,01 %, half away from zero), the
//! aid due to the euro, and codes as sets (exactly these, in any order).

use super::Check;
use crate::ast::{AttenteKind, Dimension, Scenario};
use crate::diagnostic::Code;
use crate::display;
use crate::eval::{ContractEvaluation, Derivation};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeSet;

/// Compares every expectation; evaluation ones need `e`.
pub fn compare(s: &Scenario, e: Option<&ContractEvaluation>, codes: &[Code]) -> Vec<Check> {
    let mut out = Vec::new();
    for a in &s.attendu {
        let check = match (&a.kind, e) {
            (AttenteKind::Codes(want), _) => codes_check(want, codes),
            (_, None) => continue,
            (AttenteKind::Objectif(id, v), Some(e)) => objectif(e, &id.name, &v.mot),
            (AttenteKind::Condition(id, v), Some(e)) => condition(e, &id.name, &v.mot),
            (AttenteKind::Realisation(q), Some(e)) => realisation(e, q.value),
            (AttenteKind::Verdict(v), Some(e)) => verdict(e, &v.mot),
            (AttenteKind::Aide(y, q), Some(e)) => aide(e, y.value, q.value),
        };
        out.push(Check {
            span: a.span,
            ..check
        });
    }
    out
}

/// A check before it is judged.
struct Partial {
    what: String,
    expected: String,
    actual: String,
    derivation: Option<Derivation>,
}

impl Partial {
    fn judge(self, ok: impl Fn(&Partial) -> bool) -> Check {
        let passed = ok(&self);
        Check {
            what: self.what,
            expected: self.expected,
            actual: self.actual,
            passed,
            derivation: self.derivation,
            span: crate::source::Span::default(),
        }
    }
}

/// The contract verdict, with what it rests on: the rate and the
/// conditions that are not respected.
fn verdict(e: &ContractEvaluation, mot: &str) -> Check {
    let got = e.verdict.label();
    let mut why = vec![format!(
        "réalisation {}",
        e.realisation.map_or_else(
            || "aucune".to_string(),
            |r| display::quantity(r, Dimension::Ratio)
        )
    )];
    why.extend(
        e.conditions
            .iter()
            .filter_map(|c| Some((c, c.verdict?)))
            .filter(|(_, v)| *v != crate::eval::verdict::ConditionVerdict::Respectee)
            .map(|(c, v)| format!("condition {} {}", c.condition, v.label())),
    );
    let derivation = Derivation::new(
        crate::eval::derivation::StepKind::Realisation,
        "verdict du contrat",
        "engagements tenus dès 90 % avec toutes les conditions respectées, partiellement tenus dès 50 %",
    )
    .value(got, got)
    .input(e.realisation_derivation.clone())
    .inputs(e.conditions.iter().filter(|c| c.verdict.is_some()).map(|c| c.derivation.clone()));
    Partial {
        what: "verdict".into(),
        expected: mot.to_string(),
        actual: format!("{got} ({})", why.join(", ")),
        derivation: Some(derivation),
    }
    .judge(|_| got == mot)
}

fn objectif(e: &ContractEvaluation, id: &str, mot: &str) -> Check {
    let found = e.objectives.iter().find(|o| o.objectif == id);
    Partial {
        what: format!("objectif {id}"),
        expected: mot.to_string(),
        actual: found.map_or_else(
            || format!("pas de cible en {}", exercice(e)),
            |o| format!("{} ({})", o.verdict.label(), o.affichage),
        ),
        derivation: found.map(|o| o.derivation.clone()),
    }
    .judge(|_| found.is_some_and(|o| o.verdict.label() == mot))
}

fn condition(e: &ContractEvaluation, id: &str, mot: &str) -> Check {
    let found = e.conditions.iter().find(|c| c.condition == id);
    let label = found.and_then(|c| c.verdict).map(|v| v.label());
    Partial {
        what: format!("condition {id}"),
        expected: mot.to_string(),
        actual: label.map_or_else(
            || format!("ne s'applique pas en {}", exercice(e)),
            str::to_string,
        ),
        derivation: found.map(|c| c.derivation.clone()),
    }
    .judge(|_| label == Some(mot))
}

/// The rate, rounded to the decimals the expectation is written with.
fn realisation(e: &ContractEvaluation, want: Decimal) -> Check {
    let digits = want.scale();
    let got = e
        .realisation
        .map(|r| r.round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero));
    Partial {
        what: "réalisation".into(),
        expected: display::quantity(want, Dimension::Ratio),
        actual: match (got, e.realisation) {
            (Some(g), Some(r)) if g == r => display::quantity(r, Dimension::Ratio),
            (Some(g), Some(r)) => format!(
                "{} (arrondi de {})",
                display::quantity(g, Dimension::Ratio),
                display::quantity(r.round_dp(6), Dimension::Ratio)
            ),
            _ => "aucune (aucun objectif n'a de cible dans l'exercice)".into(),
        },
        derivation: Some(e.realisation_derivation.clone()),
    }
    .judge(|_| got == Some(want))
}

fn aide(e: &ContractEvaluation, year: i32, want: Decimal) -> Check {
    let decided = e.aide.exercice;
    let what = format!("aide {year}");
    if year != decided {
        return Partial {
            what,
            expected: display::quantity(want, Dimension::Money),
            actual: format!(
                "l'exercice {} décide l'aide {decided}, pas celle de {year}",
                exercice(e)
            ),
            derivation: None,
        }
        .judge(|_| false);
    }
    let mut actual = display::quantity(e.aide.due, Dimension::Money);
    if !e.aide.motifs.is_empty() {
        let motifs: Vec<&str> = e.aide.motifs.iter().map(|m| m.message.as_str()).collect();
        actual.push_str(&format!(" ({})", motifs.join(" ; ")));
    }
    Partial {
        what,
        expected: display::quantity(want, Dimension::Money),
        actual,
        derivation: Some(e.aide.derivation.clone()),
    }
    .judge(|_| e.aide.due == want)
}

fn codes_check(want: &[crate::ast::Ident], got: &[Code]) -> Check {
    let want: BTreeSet<&str> = want.iter().map(|c| c.name.as_str()).collect();
    let got: BTreeSet<&str> = got.iter().map(|c| c.as_str()).collect();
    let list = |set: &BTreeSet<&str>| {
        if set.is_empty() {
            "aucun".to_string()
        } else {
            set.iter().copied().collect::<Vec<_>>().join(" ")
        }
    };
    let mut actual = list(&got);
    let missing: BTreeSet<&str> = want.difference(&got).copied().collect();
    let extra: BTreeSet<&str> = got.difference(&want).copied().collect();
    let mut detail = Vec::new();
    if !missing.is_empty() {
        detail.push(format!("manque {}", list(&missing)));
    }
    if !extra.is_empty() {
        detail.push(format!("en trop {}", list(&extra)));
    }
    if !detail.is_empty() && !want.is_empty() && !got.is_empty() {
        actual.push_str(&format!(" ({})", detail.join(" ; ")));
    }
    Partial {
        what: "codes".into(),
        expected: list(&want),
        actual,
        derivation: None,
    }
    .judge(|_| want == got)
}

fn exercice(e: &ContractEvaluation) -> i32 {
    e.aide.exercice - 1
}
