//! The evaluation clauses of §5 that bear on one aid block: the framework's
//! (for every block) and, for a block drawing on an envelope, the
//! envelope's, each with its date of effect (`signé le`, or the `avenant …
//! intègre` that brought the contract into that envelope's scheme).
//!
//! - V0101 `compte_financier au plus tard JOUR MOIS [suspend]`: the
//!   financial account of *y* is due by that day of *y*+1. Late, or without
//!   a filing date in the figures, it is a [`Signalement`] (« dépassement à
//!   justifier », « date de dépôt non renseignée », never « non déposé »);
//!   with `suspend`, the aid is also suspended.
//! - V0102 `fin_aide si EXPR`: tested in every exercice from the year after
//!   the date of effect's year to *y* (« au cours de la mise en œuvre du
//!   contrat »); when it holds, no aid is due. A missing figure never makes
//!   it hold: the review says which figure is missing.

use super::{AidInput, Motif, MotifKind, Signalement, DEPOT_CF};
use crate::ast::{Aide, Clause, ClauseKind, Contrat, Expr};
use crate::date::{Date, DayMonth};
use crate::diagnostic::Code;
use crate::eval::derivation::{expr_text, Derivation, StepKind};
use crate::eval::figures::Val;
use crate::eval::values::Values;

/// The outcome of one clause for one aid block.
#[derive(Debug, Clone)]
pub struct Check {
    pub motif: Option<Motif>,
    pub signalement: Option<Signalement>,
    pub derivation: Derivation,
}

/// The date of effect a clause runs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Effet {
    /// `signé le`, or the integrating amendment's date.
    pub date: Option<Date>,
    /// Year *n* for the clause: the date's year (the period's first year
    /// when the contract has no signature date).
    pub annee: i32,
}

impl Effet {
    /// The contract's own date of effect: its signature.
    pub fn signature(contrat: &Contrat, year: i32) -> Effet {
        let date = contrat.signe.map(|(d, _)| d);
        let annee = date
            .map(|d| d.year)
            .or_else(|| contrat.periode.as_ref().map(|p| p.debut.value))
            .unwrap_or(year);
        Effet { date, annee }
    }

    /// The date of effect of an envelope's clauses: the `avenant … intègre`
    /// that brought the contract into it, else the signature.
    pub fn of_envelope(contrat: &Contrat, enveloppe: &str, year: i32) -> Effet {
        contrat
            .avenants
            .iter()
            .filter(|a| a.integre.as_ref().is_some_and(|i| i.name == enveloppe))
            .map(|a| a.signe)
            .min()
            .map_or_else(
                || Effet::signature(contrat, year),
                |date| Effet {
                    date: Some(date),
                    annee: date.year,
                },
            )
    }
}

/// A `compte_financier` clause's parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompteFinancier {
    pub echeance: DayMonth,
    pub suspend: bool,
}

/// The parameters of a `compte_financier` clause.
pub fn compte_financier_of(kind: &ClauseKind) -> Option<CompteFinancier> {
    match kind {
        ClauseKind::CompteFinancierAuPlusTard(echeance, suspend) => Some(CompteFinancier {
            echeance: *echeance,
            suspend: *suspend,
        }),
        _ => None,
    }
}

/// The clauses that bear on a block, with their date of effect: the
/// framework's, then the envelope's; a clause the framework has with the
/// same parameters is checked once, from the envelope's date of effect.
pub fn applied<'a>(input: &AidInput<'a>, block: Option<&Aide>) -> Vec<(&'a Clause, Effet)> {
    let signature = Effet::signature(input.contrat, input.year);
    let mut out: Vec<(&Clause, Effet)> = input
        .cadre
        .map(|c| c.clauses.iter().filter(|k| relevant(&k.kind)))
        .into_iter()
        .flatten()
        .map(|k| (k, signature))
        .collect();
    out.dedup_by(|a, b| a.0.kind == b.0.kind);
    let envelope = block.and_then(|b| {
        let name = &b.enveloppe.name;
        Some((input.program.enveloppes.get(name)?, name))
    });
    if let Some((enveloppe, name)) = envelope {
        let effet = Effet::of_envelope(input.contrat, name, input.year);
        for clause in enveloppe.clauses.iter().filter(|k| relevant(&k.kind)) {
            match out.iter_mut().find(|(k, _)| k.kind == clause.kind) {
                Some(same) => *same = (clause, effet),
                None => out.push((clause, effet)),
            }
        }
    }
    out
}

/// The clause kinds evaluated on the aid (V0101, V0102).
pub fn relevant(kind: &ClauseKind) -> bool {
    matches!(
        kind,
        ClauseKind::CompteFinancierAuPlusTard(..) | ClauseKind::FinAideSi(_)
    )
}

/// Every clause check of a block, in the order of the clauses.
pub fn checks(values: &mut Values<'_>, input: &AidInput<'_>, block: Option<&Aide>) -> Vec<Check> {
    applied(input, block)
        .into_iter()
        .filter_map(|(clause, effet)| {
            if let Some(cf) = compte_financier_of(&clause.kind) {
                return Some(compte_financier(values, input.year, clause, cf));
            }
            match &clause.kind {
                ClauseKind::FinAideSi(expr) => {
                    Some(fin_aide(values, input.year, clause, expr, effet))
                }
                _ => None,
            }
        })
        .collect()
}

/// V0101: the financial account of *y*.
pub fn compte_financier(
    values: &mut Values<'_>,
    y: i32,
    clause: &Clause,
    cf: CompteFinancier,
) -> Check {
    let limit = cf.echeance.in_year(y.saturating_add(1));
    let actual = values.indicator(DEPOT_CF, y);
    let (fact, verdict) = match actual.value {
        Some(Val::Date(d)) if d <= limit => (None, "déposé dans le délai".to_string()),
        Some(Val::Date(d)) => {
            let fact = format!(
                "compte financier {y} déposé le {}, après le {}",
                d.french(),
                cf.echeance
            );
            (
                Some((fact, true)),
                format!("déposé le {}, après le délai (V0101)", d.french()),
            )
        }
        _ => (
            Some((
                format!("compte financier {y} : date de dépôt non renseignée"),
                false,
            )),
            format!("date de dépôt non renseignée (`{DEPOT_CF}` absent des chiffres, V0101)"),
        ),
    };
    let suite = match (&fact, cf.suspend) {
        (None, _) => "",
        (Some(_), true) => " : aide suspendue (`suspend`)",
        (Some(_), false) => " : signalé, sans effet sur l'aide",
    };
    let derivation = Derivation::new(
        StepKind::Condition,
        format!("dépôt du compte financier {y}"),
        format!("au plus tard le {} : {verdict}{suite}", limit.french()),
    )
    .at(clause.span)
    .input(actual.derivation);
    let (motif, signalement) = match fact {
        None => (None, None),
        Some((fact, _)) if cf.suspend => (
            Some(Motif {
                nature: MotifKind::CompteFinancier,
                code: Some(Code::V0101),
                condition: None,
                message: format!("suspendue : {fact}"),
                suspend: true,
            }),
            None,
        ),
        Some((fact, late)) => {
            let message = if late {
                format!("{fact} : dépassement à justifier")
            } else {
                fact
            };
            (
                None,
                Some(Signalement {
                    code: Code::V0101,
                    message,
                    justification: None,
                }),
            )
        }
    };
    Check {
        motif,
        signalement,
        derivation,
    }
}

/// V0102: `fin_aide si EXPR` in the exercices after the year of effect, up to *y*.
pub fn fin_aide(
    values: &mut Values<'_>,
    y: i32,
    clause: &Clause,
    expr: &Expr,
    effet: Effet,
) -> Check {
    let text = expr_text(expr);
    let start = effet.annee.saturating_add(1);
    let mut steps = Vec::new();
    let mut held = None;
    let mut unknown: Vec<(i32, Vec<String>)> = Vec::new();
    for year in start..=y {
        let (outcome, inputs) = values.expr(expr, year);
        let label = match &outcome {
            Ok(Val::Bool(true)) => "vérifiée".to_string(),
            Ok(_) => "non vérifiée".to_string(),
            Err(reason) => format!("non vérifiable ({reason})"),
        };
        match outcome {
            Ok(Val::Bool(true)) if held.is_none() => held = Some(year),
            Err(_) => unknown.push((year, values.missing_leaves(expr, year))),
            _ => {}
        }
        steps.push(
            Derivation::new(StepKind::Condition, format!("{text} en {year}"), label).inputs(inputs),
        );
    }
    let depuis = match effet.date {
        Some(d) => format!("date d'effet le {}", d.french()),
        None => format!("année n = {}", effet.annee),
    };
    let how = match held {
        Some(k) => format!("fin_aide si {text} : vérifiée en {k} (V0102)"),
        None if start > y => format!(
            "fin_aide si {text} : testée à partir de {start}, l'exercice suivant la date d'effet ({depuis}) ; rien à tester en {y}"
        ),
        None if !unknown.is_empty() => format!(
            "fin_aide si {text} : non vérifiée {} là où elle a pu être testée ; {}",
            annees(start, y),
            non_verifiable(&unknown)
        ),
        None => format!(
            "fin_aide si {text} : jamais vérifiée {} ({depuis})",
            annees(start, y)
        ),
    };
    let derivation = Derivation::new(StepKind::Condition, "fin d'éligibilité", how)
        .at(clause.span)
        .inputs(steps);
    let motif = held.map(|k| Motif {
        nature: MotifKind::FinAide,
        code: Some(Code::V0102),
        condition: None,
        message: format!("`{text}` vérifiée en {k} : l'établissement n'est plus éligible à l'aide"),
        suspend: false,
    });
    let signalement = (held.is_none() && !unknown.is_empty()).then(|| Signalement {
        code: Code::V0102,
        message: non_verifiable(&unknown),
        justification: None,
    });
    Check {
        motif,
        signalement,
        derivation,
    }
}

/// « en 2026 », « de 2026 à 2027 ».
fn annees(start: i32, end: i32) -> String {
    if start == end {
        format!("en {end}")
    } else {
        format!("de {start} à {end}")
    }
}

/// « fin d'éligibilité non vérifiable : `aides` manque pour 2026 ».
fn non_verifiable(unknown: &[(i32, Vec<String>)]) -> String {
    let parts: Vec<String> = unknown
        .iter()
        .map(|(year, names)| {
            let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            match quoted.as_slice() {
                [] => format!("un chiffre manque pour {year}"),
                [one] => format!("{one} manque pour {year}"),
                [init @ .., last] => format!("{} et {last} manquent pour {year}", init.join(", ")),
            }
        })
        .collect();
    format!("fin d'éligibilité non vérifiable : {}", parts.join(" ; "))
}
