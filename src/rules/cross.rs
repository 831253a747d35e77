//! R0701–R0702 — cross-contract rules, when several contracts are checked
//! together: no two overlapping contracts of one framework for one FINESS,
//! and the aid of a year within the region's `délégation` and the national
//! envelope (amount and per-status parts).

use crate::ast::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::display::euros;
use crate::model::Program;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub fn check(program: &Program, d: &mut Diagnostics) {
    overlaps(program, d);
    for delegation in &program.delegations {
        delegation_totals(program, delegation, d);
    }
    for enveloppe in program.enveloppes.values() {
        envelope_totals(program, enveloppe, d);
    }
}

fn finess(c: &Contrat) -> Option<&str> {
    c.etablissement
        .as_ref()?
        .finess
        .as_ref()
        .map(|f| f.value.as_str())
}

/// R0701.
fn overlaps(program: &Program, d: &mut Diagnostics) {
    let contrats = &program.contrats;
    for (i, b) in contrats.iter().enumerate() {
        let Some(pb) = crate::validate::valid_periode(b) else {
            continue;
        };
        for a in contrats.iter().take(i) {
            let Some(pa) = crate::validate::valid_periode(a) else {
                continue;
            };
            let same = finess(a).is_some()
                && finess(a) == finess(b)
                && a.cadre.as_ref().map(|x| &x.name) == b.cadre.as_ref().map(|x| &x.name);
            if same
                && pa.debut.value <= pb.fin.value
                && pb.debut.value <= pa.fin.value
                && a.id.name != b.id.name
            {
                d.push(
                    Diagnostic::new(Code::R0701, pb.span, format!(
                        "les contrats `{}` et `{}` portent sur le même établissement (FINESS {}) et se chevauchent",
                        a.id.name,
                        b.id.name,
                        finess(b).unwrap_or("?")
                    ))
                    .label(format!("{} à {}", pb.debut.value, pb.fin.value))
                    .secondary(pa.span, format!("`{}` : {} à {}", a.id.name, pa.debut.value, pa.fin.value))
                    .help("un établissement n'a qu'un contrat en cours par cadre : modifiez l'existant par avenant, ou faites se succéder les périodes"),
                );
            }
        }
    }
}

/// The aid lines of the contracts drawing on an envelope.
fn aid_lines<'a>(
    program: &'a Program,
    enveloppe: &'a str,
) -> impl Iterator<Item = (&'a Contrat, &'a AideAnnee)> {
    program
        .contrats
        .iter()
        .filter_map(move |c| {
            c.aide
                .as_ref()
                .filter(|a| a.enveloppe.name == enveloppe)
                .map(|a| (c, a))
        })
        .flat_map(|(c, a)| a.annees.iter().map(move |l| (c, l)))
}

/// R0702 against a region's délégation: per year, the contracts of that ARS.
fn delegation_totals(program: &Program, delegation: &Delegation, d: &mut Diagnostics) {
    let same_ars = |c: &Contrat| match (&delegation.ars, &c.ars) {
        (Some(a), Some(b)) => a.value == b.value,
        _ => true,
    };
    let mut by_year: BTreeMap<i32, Vec<(&Contrat, &AideAnnee)>> = BTreeMap::new();
    for (c, line) in aid_lines(program, &delegation.enveloppe.name).filter(|(c, _)| same_ars(c)) {
        by_year.entry(line.annee.value).or_default().push((c, line));
    }
    for (year, lines) in by_year {
        let allowed = delegation.annees.iter().find(|l| l.annee.value == year);
        let limit = allowed.map_or(Decimal::ZERO, |l| l.montant.value);
        if let Some((culprit, total)) = first_over(&lines, limit) {
            let mut diag = Diagnostic::new(Code::R0702, culprit.span, format!(
                "l'aide {year} des contrats sur `{}` atteint {} (avec ce contrat), au-delà de la délégation régionale ({})",
                delegation.enveloppe.name,
                euros(total_of(&lines)),
                euros(limit)
            ))
            .label(format!("le cumul passe à {}", euros(total)))
            .help(match allowed {
                Some(_) => "réduisez l'aide d'un contrat pour cette année, ou obtenez une délégation complémentaire".to_string(),
                None => format!("la délégation ne prévoit rien pour {year} : ajoutez `{year}: MONTANT` à la délégation"),
            });
            diag = match allowed {
                Some(line) => diag.secondary(line.span, "délégation de l'année"),
                None => diag.secondary(delegation.enveloppe.span, "délégation"),
            };
            d.push(diag);
        }
    }
}

/// R0702 against the national envelope: its year's amount and per-status parts.
fn envelope_totals(program: &Program, enveloppe: &Enveloppe, d: &mut Diagnostics) {
    let Some(year) = enveloppe.exercice.map(|y| y.value) else {
        return;
    };
    let lines: Vec<(&Contrat, &AideAnnee)> = aid_lines(program, &enveloppe.id.name)
        .filter(|(_, l)| l.annee.value == year)
        .collect();
    let mut limits: Vec<(String, Decimal, Vec<AidLine>)> = Vec::new();
    if let Some(montant) = &enveloppe.montant {
        limits.push(("du montant national".into(), montant.value, lines.clone()));
    }
    for (statut, part) in &enveloppe.parts {
        let of_status = lines
            .iter()
            .filter(|(c, _)| {
                c.etablissement
                    .as_ref()
                    .and_then(|e| e.statut.as_ref())
                    .is_some_and(|s| s.name == statut.name)
            })
            .copied()
            .collect();
        limits.push((
            format!("de la part « {} »", statut.name),
            part.value,
            of_status,
        ));
    }
    for (what, limit, lines) in limits {
        if let Some((culprit, total)) = first_over(&lines, limit) {
            d.push(
                Diagnostic::new(Code::R0702, culprit.span, format!(
                    "l'aide {year} des contrats sur l'enveloppe `{}` atteint {}, au-delà {what} ({})",
                    enveloppe.id.name,
                    euros(total_of(&lines)),
                    euros(limit)
                ))
                .label(format!("le cumul passe à {}", euros(total)))
                .help("réduisez l'aide prévue pour cette année"),
            );
        }
    }
}

type AidLine<'a> = (&'a Contrat, &'a AideAnnee);

/// The total of the lines; an overflow shows as the largest decimal (the
/// limit is exceeded either way: amounts are bounded by E0003).
fn total_of(lines: &[(&Contrat, &AideAnnee)]) -> Decimal {
    crate::exact::sum(lines.iter().map(|(_, l)| l.montant.value)).unwrap_or(Decimal::MAX)
}

/// The line (in file order) at which the running total first exceeds `limit`.
fn first_over<'a>(
    lines: &[(&Contrat, &'a AideAnnee)],
    limit: Decimal,
) -> Option<(&'a AideAnnee, Decimal)> {
    let mut running = Decimal::ZERO;
    for (_, line) in lines {
        running = running
            .checked_add(line.montant.value)
            .unwrap_or(Decimal::MAX);
        if running > limit {
            return Some((line, running));
        }
    }
    None
}
