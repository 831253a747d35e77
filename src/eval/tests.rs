//! Unit tests of the §8 arithmetic: verdicts and progress, rounding,
//! weights and the contract verdict. End-to-end cases are in `tests/eval.rs`.

use super::aid::round_euro;
use super::figures::Val;
use super::rate::{contract_verdict, fallback, ContractVerdict, WeightSource};
use super::verdict::{judge, ObjectiveVerdict};
use crate::ast::{CmpOp, Comparison, Dimension, Quantity, Unit, Value};
use crate::source::Span;
use rust_decimal::Decimal;
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn pct(s: &str) -> Value {
    Value::Quantity(Quantity {
        value: dec(s) / Decimal::ONE_HUNDRED,
        unit: Unit::Percent,
        span: Span::default(),
    })
}

fn score(c: &Comparison, a: &str, b: Option<&str>) -> (ObjectiveVerdict, Decimal) {
    let a = Val::Num(dec(a) / Decimal::ONE_HUNDRED);
    let b = b.map(|b| Val::Num(dec(b) / Decimal::ONE_HUNDRED));
    let (v, s, _) = judge(c, a, b, Dimension::Ratio);
    (v, s)
}

#[test]
fn progress_is_clamped_and_needs_a_base() {
    let ge = Comparison::Cmp(CmpOp::Ge, pct("4"));
    assert_eq!(
        score(&ge, "4", Some("2")),
        (ObjectiveVerdict::Atteint, dec("1"))
    );
    assert_eq!(
        score(&ge, "3", Some("2")),
        (ObjectiveVerdict::PartiellementAtteint, dec("0.5"))
    );
    assert_eq!(
        score(&ge, "1", Some("2")),
        (ObjectiveVerdict::NonAtteint, dec("0"))
    );
    assert_eq!(
        score(&ge, "3", None),
        (ObjectiveVerdict::NonAtteint, dec("0"))
    );
    // t = b: no progress formula.
    assert_eq!(
        score(&ge, "3", Some("4")),
        (ObjectiveVerdict::NonAtteint, dec("0"))
    );
}

#[test]
fn strict_comparison_at_the_target_is_partial_with_score_one() {
    let gt = Comparison::Cmp(CmpOp::Gt, pct("4"));
    assert_eq!(
        score(&gt, "4", Some("2")),
        (ObjectiveVerdict::PartiellementAtteint, dec("1"))
    );
}

#[test]
fn between_uses_the_nearer_bound() {
    let between = Comparison::Between(pct("20"), pct("30"));
    assert_eq!(
        score(&between, "25", Some("50")).0,
        ObjectiveVerdict::Atteint
    );
    // above: target 30 from base 50
    assert_eq!(score(&between, "40", Some("50")).1, dec("0.5"));
    // below: target 20 from base 0
    assert_eq!(score(&between, "5", Some("0")).1, dec("0.25"));
    // bounds written in reverse order mean the same
    let reversed = Comparison::Between(pct("30"), pct("20"));
    assert_eq!(
        score(&reversed, "25", Some("50")).0,
        ObjectiveVerdict::Atteint
    );
}

#[test]
fn rounding_is_half_away_from_zero() {
    assert_eq!(round_euro(dec("300000.5")), dec("300001"));
    assert_eq!(round_euro(dec("2.5")), dec("3"));
    assert_eq!(round_euro(dec("-2.5")), dec("-3"));
    assert_eq!(round_euro(dec("249999.75")), dec("250000"));
    assert_eq!(round_euro(dec("249999.49")), dec("249999"));
}

#[test]
fn zero_gains_fall_back_to_one() {
    let mut w = vec![
        (dec("0"), WeightSource::Gains),
        (dec("2"), WeightSource::Poids),
    ];
    fallback(&mut w);
    assert_eq!(w[0].0, dec("1"));
    let mut w = vec![
        (dec("0"), WeightSource::Gains),
        (dec("5"), WeightSource::Gains),
    ];
    fallback(&mut w);
    assert_eq!((w[0].0, w[1].0), (dec("0"), dec("5")));
}

#[test]
fn contract_verdict_thresholds() {
    assert_eq!(contract_verdict(None, &[]), ContractVerdict::SansObjet);
    assert_eq!(
        contract_verdict(Some(dec("0.9")), &[]),
        ContractVerdict::Tenus
    );
    assert_eq!(
        contract_verdict(Some(dec("0.8999")), &[]),
        ContractVerdict::PartiellementTenus
    );
    assert_eq!(
        contract_verdict(Some(dec("0.5")), &[]),
        ContractVerdict::PartiellementTenus
    );
    assert_eq!(
        contract_verdict(Some(dec("0.4999")), &[]),
        ContractVerdict::NonTenus
    );
}
