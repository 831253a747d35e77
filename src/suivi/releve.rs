//! An action's state at a date: the line of the latest `suivi` on or before
//! the date that names it. An action left out of a later `suivi` keeps the
//! state of the earlier one (the tool's sheet keeps the values until they
//! are overwritten); see docs/decisions.md.

use crate::ast::Suivi;
use crate::date::Date;
use rust_decimal::Decimal;

/// What a `suivi` says of one action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Releve {
    /// The date of the `suivi` the line comes from.
    pub date: Date,
    pub realisation: Option<Decimal>,
    /// Savings achieved to that date (cumulated).
    pub economies: Option<Decimal>,
    pub commentaire: Option<String>,
}

/// The follow-ups dated on or before `date` (the list is sorted by date).
pub fn jusqu_a<'a>(suivis: &'a [&'a Suivi], date: Date) -> impl Iterator<Item = (Date, &'a Suivi)> {
    suivis
        .iter()
        .filter_map(|s| s.date.map(|(d, _)| (d, *s)))
        .filter(move |(d, _)| *d <= date)
}

/// The latest line naming `action` on or before `date`.
pub fn releve(suivis: &[&Suivi], action: &str, date: Date) -> Option<Releve> {
    jusqu_a(suivis, date)
        .filter_map(|(d, s)| {
            let line = s.actions.iter().rev().find(|l| l.action.name == action)?;
            Some(Releve {
                date: d,
                realisation: line.realisation.as_ref().map(|q| q.value),
                economies: line.economies.as_ref().map(|q| q.value),
                commentaire: line.commentaire.as_ref().map(|t| t.value.clone()),
            })
        })
        .last()
}
