//! The ARS's `revue` items (§8): the contract exists (E0101, with
//! « vouliez-vous dire »), so do the objectives it comments (E0101); the
//! year is in the contract's period (E0202); one `revue` per contract and
//! year (E0102); a decided amount above the planned one is a warning
//! (V0103: the aid decided cannot exceed what the contract commits).

use crate::ast::{Contrat, Decision, Dimension, Revue};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::Program;
use crate::resolve::suggest::closest;
use rust_decimal::Decimal;
use std::collections::HashMap;

pub fn check(program: &Program, d: &mut Diagnostics) {
    let mut seen: HashMap<(&str, i32), &Revue> = HashMap::new();
    for revue in &program.revues {
        let key = (revue.contrat.name.as_str(), revue.annee.value);
        if let Some(first) = seen.get(&key) {
            d.push(
                Diagnostic::new(
                    Code::E0102,
                    revue.contrat.span,
                    format!(
                        "la revue {} du contrat `{}` est définie deux fois",
                        revue.annee.value, revue.contrat.name
                    ),
                )
                .label("seconde revue")
                .secondary(first.contrat.span, "première revue")
                .help("réunissez l'appréciation, les commentaires et la décision en une seule revue par exercice"),
            );
            continue;
        }
        seen.insert(key, revue);
        let contrat = program
            .contrats
            .iter()
            .find(|c| c.id.name == revue.contrat.name);
        match contrat {
            Some(c) => check_against(c, revue, d),
            None => {
                let names = program.contrats.iter().map(|c| c.id.name.as_str());
                let suggestion = closest(&revue.contrat.name, names);
                let mut diagnostic =
                    crate::resolve::unknown(&revue.contrat, "le contrat", suggestion);
                if suggestion.is_none() {
                    diagnostic = diagnostic.help(
                        "donnez aussi le fichier du contrat à la commande (la revue se vérifie avec son contrat), ou corrigez son identifiant",
                    );
                }
                d.push(diagnostic);
            }
        }
    }
}

fn check_against(c: &Contrat, revue: &Revue, d: &mut Diagnostics) {
    if let Some(p) = crate::validate::valid_periode(c) {
        let y = revue.annee.value;
        if y < p.debut.value || y > p.fin.value {
            d.push(
                Diagnostic::new(
                    Code::E0202,
                    revue.annee.span,
                    format!(
                        "la revue {y} est hors de la période du contrat `{}` ({} à {})",
                        c.id.name, p.debut.value, p.fin.value
                    ),
                )
                .label("hors période")
                .secondary(p.span, "période du contrat")
                .help("une revue porte sur un exercice du contrat : corrigez l'année de la revue"),
            );
        }
    }
    for o in &revue.objectifs {
        if !c.objectifs.iter().any(|x| x.id.name == o.objectif.name) {
            let names = c.objectifs.iter().map(|x| x.id.name.as_str());
            let suggestion = closest(&o.objectif.name, names);
            let mut diagnostic = crate::resolve::unknown(&o.objectif, "l'objectif", suggestion);
            if suggestion.is_none() {
                let list: Vec<String> = c
                    .objectifs
                    .iter()
                    .map(|x| format!("`{}`", x.id.name))
                    .collect();
                diagnostic = diagnostic.help(format!(
                    "les objectifs du contrat `{}` sont : {}",
                    c.id.name,
                    list.join(", ")
                ));
            }
            d.push(diagnostic);
        }
    }
    for decision in &revue.decisions {
        if let Some(diagnostic) = exceeds(c, decision) {
            d.push(diagnostic);
        }
    }
}

/// The contract's planned aid for a year, all sources together.
pub fn planned(c: &Contrat, year: i32) -> Decimal {
    c.aides
        .iter()
        .flat_map(|a| a.annees.iter().filter(|l| l.annee.value == year))
        .fold(Decimal::ZERO, |acc, l| {
            acc.checked_add(l.montant.value).unwrap_or(acc)
        })
}

/// V0103: a decision above the planned amount (or above 100 % of it).
fn exceeds(c: &Contrat, decision: &Decision) -> Option<Diagnostic> {
    let year = decision.annee.value;
    let prevue = planned(c, year);
    let q = &decision.montant;
    let euros = |x| crate::eval::aid::euros(x);
    let (above, what) = match q.unit.dimension() {
        Dimension::Ratio => (
            q.value > Decimal::ONE,
            format!("{} de l'aide prévue", crate::display::written(q)),
        ),
        _ => (q.value > prevue, euros(q.value)),
    };
    above.then(|| {
        Diagnostic::new(
            Code::V0103,
            q.span,
            format!(
                "la décision d'aide {year} ({what}) dépasse l'aide prévue au contrat `{}` pour {year} ({})",
                c.id.name,
                euros(prevue)
            ),
        )
        .label("au-delà de l'aide prévue")
        .help(format!(
            "une aide plus élevée que l'échéancier demande un avenant au contrat ; sinon, décidez au plus {}",
            euros(prevue)
        ))
    })
}
