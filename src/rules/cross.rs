//! R0701–R0702 — cross-contract rules, when several contracts are checked
//! together: no overlapping contracts of one family of frameworks for one
//! FINESS (spans from the signature to the end),
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

/// A contract's span for R0701: its date of effect (signature) to its end.
struct Span701<'a> {
    contrat: &'a Contrat,
    debut: crate::date::Date,
    fin: crate::date::Date,
}

/// R0701: contracts are grouped by (FINESS, family of their framework; a
/// framework without `famille` is its own family), sorted by the start of
/// their span, and swept once: each run of overlapping spans gives one
/// diagnostic naming all its contracts.
fn overlaps(program: &Program, d: &mut Diagnostics) {
    let mut groups: BTreeMap<(&str, String), Vec<Span701>> = BTreeMap::new();
    for c in &program.contrats {
        let (Some(f), Some((debut, _)), Some(fin)) = (finess(c), c.signe, crate::termes::fin(c))
        else {
            continue;
        };
        let Some(cadre) = program.cadre_of(c) else {
            continue;
        };
        let famille = cadre
            .famille()
            .map_or_else(|| cadre.cadre.id.name.clone(), |id| id.name.clone());
        groups.entry((f, famille)).or_default().push(Span701 {
            contrat: c,
            debut,
            fin,
        });
    }
    for ((f, famille), mut spans) in groups {
        spans.sort_by_key(|s| s.debut);
        let mut run: Vec<&Span701> = Vec::new();
        let mut run_end = None;
        for s in &spans {
            match run_end {
                Some(end) if s.debut <= end => {
                    run.push(s);
                    run_end = Some(end.max(s.fin));
                }
                _ => {
                    report_run(&run, f, &famille, d);
                    run = vec![s];
                    run_end = Some(s.fin);
                }
            }
        }
        report_run(&run, f, &famille, d);
    }
}

/// One R0701 for contracts whose spans overlap, on the latest one.
fn report_run(run: &[&Span701], finess: &str, famille: &str, d: &mut Diagnostics) {
    let [.., last] = run else { return };
    let distinct: std::collections::BTreeSet<&str> =
        run.iter().map(|s| s.contrat.id.name.as_str()).collect();
    if distinct.len() < 2 {
        return; // the same contract twice is E0102
    }
    let mut names: Vec<String> = run
        .iter()
        .map(|s| format!("`{}`", s.contrat.id.name))
        .collect();
    let last_name = names.pop().unwrap_or_default();
    let names = [names.join(", "), last_name];
    let span_of = |c: &Contrat| c.periode.as_ref().map_or(c.id.span, |p| p.span);
    let shown = |s: &Span701| format!("du {} au {}", s.debut.french(), s.fin.french());
    let mut diag = Diagnostic::new(
        Code::R0701,
        span_of(last.contrat),
        format!(
            "les contrats {} portent sur le même établissement (FINESS {finess}), relèvent de la même famille de cadres ({famille}) et se chevauchent",
            names.join(" et ")
        ),
    )
    .label(format!("`{}` : {}", last.contrat.id.name, shown(last)))
    .help("un établissement n'a qu'un contrat en cours par famille de dispositifs : intégrez le nouveau dispositif au contrat existant par un avenant (`avenant N signé le DATE \"…\" intègre ENVELOPPE`), ou faites se succéder les contrats");
    for s in run.iter().take(run.len() - 1) {
        diag = diag.secondary(
            span_of(s.contrat),
            format!("`{}` : {}", s.contrat.id.name, shown(s)),
        );
    }
    d.push(diag);
}

/// The aid lines of the contracts drawing on an envelope.
fn aid_lines<'a>(
    program: &'a Program,
    enveloppe: &'a str,
) -> impl Iterator<Item = (&'a Contrat, &'a AideAnnee)> {
    program
        .contrats
        .iter()
        .flat_map(move |c| {
            c.aides
                .iter()
                .filter(move |a| a.enveloppe.name == enveloppe)
                .map(move |a| (c, a))
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
        // A year the délégation does not list is not checked against it (§5:
        // later years are indicative, « sous réserve de la disponibilité des crédits »).
        let Some(allowed) = delegation.annees.iter().find(|l| l.annee.value == year) else {
            continue;
        };
        let allowed = Some(allowed);
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

fn total_of(lines: &[(&Contrat, &AideAnnee)]) -> Decimal {
    lines.iter().map(|(_, l)| l.montant.value).sum()
}

/// The line (in file order) at which the running total first exceeds `limit`.
fn first_over<'a>(
    lines: &[(&Contrat, &'a AideAnnee)],
    limit: Decimal,
) -> Option<(&'a AideAnnee, Decimal)> {
    let mut running = Decimal::ZERO;
    for (_, line) in lines {
        running += line.montant.value;
        if running > limit {
            return Some((line, running));
        }
    }
    None
}
