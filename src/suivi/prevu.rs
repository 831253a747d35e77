//! Savings planned to a date: every gain of a year before the date's, plus
//! the date's year pro rata temporis (days elapsed, the date included, over
//! the days of the year), rounded to the cent. Gains of later years count
//! for nothing yet. See docs/decisions.md (« économies prévues à date »).

use super::GainAnnee;
use crate::date::{days_in_month, Date};
use rust_decimal::Decimal;

/// The planned savings to a date, and the terms they add up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrevuADate {
    pub total: Decimal,
    pub charges: Decimal,
    pub recettes: Decimal,
    pub termes: Vec<Terme>,
}

/// One year's share of the planned savings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terme {
    pub annee: i32,
    /// The year's gains (charges + revenue).
    pub montant: Decimal,
    /// Days counted and days of the year (365 or 366).
    pub jours: u32,
    pub jours_annee: u32,
    /// `montant × jours / jours_annee`, to the cent.
    pub valeur: Decimal,
}

/// The day of the year (1 January is 1).
pub fn jour_de_l_annee(date: Date) -> u32 {
    (1..date.month)
        .map(|m| days_in_month(date.year, m))
        .sum::<u32>()
        + date.day
}

fn jours_annee(year: i32) -> u32 {
    (1..=12).map(|m| days_in_month(year, m)).sum()
}

/// The part of `montant` planned by `date` for year `annee`.
fn part(montant: Decimal, annee: i32, date: Date) -> (u32, u32, Decimal) {
    let total = jours_annee(annee);
    let jours = match annee.cmp(&date.year) {
        std::cmp::Ordering::Less => total,
        std::cmp::Ordering::Equal => jour_de_l_annee(date),
        std::cmp::Ordering::Greater => 0,
    };
    let valeur = if jours == total {
        montant
    } else {
        (montant * Decimal::from(jours))
            .checked_div(Decimal::from(total))
            .unwrap_or(Decimal::ZERO)
            .round_dp(2)
    };
    (jours, total, valeur)
}

/// The planned savings of yearly gains to `date`.
pub fn a_date(gains: &[GainAnnee], date: Date) -> PrevuADate {
    let mut out = PrevuADate::default();
    for g in gains.iter().filter(|g| g.annee <= date.year) {
        let (jours, jours_annee, valeur) = part(g.total(), g.annee, date);
        out.charges += part(g.charges, g.annee, date).2;
        out.recettes += part(g.recettes, g.annee, date).2;
        out.total += valeur;
        out.termes.push(Terme {
            annee: g.annee,
            montant: g.total(),
            jours,
            jours_annee,
            valeur,
        });
    }
    out
}
