//! Unit tests of the aid decision's pieces: conditions that refuse or
//! suspend, the total of several sources, what « suspended » means.

use super::*;
use crate::eval::derivation::StepKind;

fn condition(id: &str, verdict: ConditionVerdict) -> ConditionEvaluation {
    ConditionEvaluation {
        condition: id.to_string(),
        libelle: None,
        exige: "x >= 0 €".to_string(),
        a_partir_de: None,
        verdict: Some(verdict),
        derivation: Derivation::new(StepKind::Condition, "c", "c"),
    }
}

fn decision(source: &str, prevue: i64, due: i64, motifs: Vec<Motif>) -> AidDecision {
    AidDecision {
        exercice: 2027,
        enveloppe: Some(source.to_string()),
        prevue: Decimal::from(prevue),
        modulation: Decimal::ONE,
        bareme: Bareme::Aucun,
        due: Decimal::from(due),
        motifs,
        signalements: Vec::new(),
        derivation: Derivation::new(StepKind::Aide, "aide 2027 due", "x"),
    }
}

#[test]
fn a_condition_not_evaluable_suspends_one_not_respected_refuses() {
    let motifs = condition_motifs(&[
        condition("ok", ConditionVerdict::Respectee),
        condition("caf", ConditionVerdict::NonRespectee),
        condition("pmsi", ConditionVerdict::NonEvaluable),
    ]);
    let got: Vec<(MotifKind, bool)> = motifs.iter().map(|m| (m.nature, m.suspend)).collect();
    assert_eq!(
        got,
        vec![
            (MotifKind::ConditionNonRespectee, false),
            (MotifKind::ConditionNonEvaluable, true)
        ]
    );
    assert!(motifs[1]
        .message
        .starts_with("suspendue : condition `pmsi`"));
    // One refusal among the reasons: the aid is refused, not suspended.
    let mixed = decision("a", 100, 0, motifs.clone());
    assert!(!mixed.suspendue());
    let only = decision("a", 100, 0, motifs[1..].to_vec());
    assert!(only.suspendue());
    assert!(!decision("a", 100, 100, Vec::new()).suspendue());
}

#[test]
fn several_sources_add_up_and_share_their_reasons_once() {
    let shared = condition_motifs(&[condition("pmsi", ConditionVerdict::NonEvaluable)]);
    let total = total(
        2027,
        &[
            decision("redressement_performance", 500_000, 0, shared.clone()),
            decision("fir", 300_000, 0, shared),
        ],
    );
    assert_eq!(total.prevue, Decimal::from(800_000));
    assert_eq!(total.due, Decimal::ZERO);
    assert_eq!(total.motifs.len(), 1);
    assert_eq!(
        total.enveloppe.as_deref(),
        Some("redressement_performance, fir")
    );
    let whats: Vec<&str> = total
        .derivation
        .inputs
        .iter()
        .map(|d| d.what.as_ref())
        .collect();
    assert_eq!(
        whats,
        [
            "aide 2027 due (redressement_performance)",
            "aide 2027 due (fir)"
        ]
    );
    // One source: the decision itself.
    let one = total_of_one();
    assert_eq!(one.derivation.what, "aide 2027 due");
}

fn total_of_one() -> AidDecision {
    total(2027, &[decision("fir", 1, 1, Vec::new())])
}

#[test]
fn amounts_show_the_minus_sign() {
    assert_eq!(euros(Decimal::from(-200_000)), "\u{2212}200 000 €");
    assert_eq!(round_euro(Decimal::new(5, 1)), Decimal::ONE);
}
