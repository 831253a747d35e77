//! The terms of a contract (spec §4 « Date of effect and end »): its date of
//! effect (the signature, or for an envelope's clauses the `avenant …
//! intègre` that brought it into that envelope's scheme), its last day, and
//! its duration in years from the signature.

use crate::ast::{Avenant, Contrat};
use crate::date::Date;
use crate::source::Span;

/// The amendment that brought the contract into an envelope's scheme.
pub fn avenant_integre<'a>(c: &'a Contrat, enveloppe: &str) -> Option<&'a Avenant> {
    c.avenants
        .iter()
        .filter(|a| a.integre.as_ref().is_some_and(|e| e.name == enveloppe))
        .min_by_key(|a| a.signe)
}

/// The date of effect for the clauses of `enveloppe` (or of the framework
/// when `None`), with the span of the line that gives it.
pub fn effet(c: &Contrat, enveloppe: Option<&str>) -> Option<(Date, Span)> {
    if let Some(a) = enveloppe.and_then(|e| avenant_integre(c, e)) {
        return Some((a.signe, a.span));
    }
    c.signe
}

/// The contract's last day: `fin le`, else 31 December of the period's last
/// exercice (`None` without a valid period).
/// A `fin le` outside the last exercice or before the signature (E0204)
/// gives `None`, so that the rules that need the end stay silent.
pub fn fin(c: &Contrat) -> Option<Date> {
    let p = crate::validate::valid_periode(c)?;
    match c.fin {
        Some((d, _)) if fin_valide(c, d) => Some(d),
        Some(_) => None,
        None => Date::new(p.fin.value, 12, 31),
    }
}

/// Whether `fin le` falls in the period's last exercice, not before the signature.
pub fn fin_valide(c: &Contrat, fin: Date) -> bool {
    let in_last = c.periode.as_ref().is_some_and(|p| p.fin.value == fin.year);
    let after_signature = c.signe.is_none_or(|(s, _)| fin >= s);
    in_last && after_signature
}

/// The last day of a contract of exactly `years` years from `start`: the day
/// before the `years`-th anniversary.
/// Beyond a thousand years the answer no longer matters; the bound keeps
/// the month arithmetic far from overflow whatever the clause says.
pub fn veille_anniversaire(start: Date, years: u32) -> Date {
    start.add_months(years.min(1000) * 12).add_days(-1)
}

/// A duration in whole years and days, from a date of effect to a last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duree {
    pub ans: u32,
    pub jours: i64,
}

/// How long a contract running from `start` to `end` (inclusive) lasts, as
/// people count it and as the spec's examples do: the calendar difference
/// (10 December 2025 → 31 December 2028 is 3 years and 21 days), except that
/// a contract ending the day before its N-th anniversary lasts exactly N
/// years (§4), and one ending on the anniversary itself is shown one day
/// past it, so that the words never contradict the rule they illustrate.
pub fn duree(start: Date, end: Date) -> Duree {
    let mut ans = 0u32;
    while ans < 200 && start.add_months((ans + 1) * 12) <= end {
        ans += 1;
    }
    if ans < 200 && veille_anniversaire(start, ans + 1) == end {
        return Duree {
            ans: ans + 1,
            jours: 0,
        };
    }
    let jours = start.add_months(ans * 12).days_until(end);
    Duree {
        ans,
        jours: if ans > 0 && jours == 0 { 1 } else { jours },
    }
}

impl Duree {
    /// `2 ans et 16 jours`, `3 ans`, `1 an et 1 jour`, `200 jours`.
    pub fn french(self) -> String {
        let ans = match self.ans {
            0 => String::new(),
            1 => "1 an".to_string(),
            n => format!("{n} ans"),
        };
        let jours = match self.jours {
            0 => String::new(),
            1 => "1 jour".to_string(),
            n => format!("{n} jours"),
        };
        match (ans.is_empty(), jours.is_empty()) {
            (true, true) => "0 jour".to_string(),
            (false, true) => ans,
            (true, false) => jours,
            (false, false) => format!("{ans} et {jours}"),
        }
    }
}

/// `3 ans`, `1 an`.
pub fn ans(n: u32) -> String {
    if n > 1 {
        format!("{n} ans")
    } else {
        format!("{n} an")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    #[test]
    fn durations_in_years_from_the_signature() {
        // Spec §4: exactly 3 years ends the day before the 3rd anniversary.
        assert_eq!(duree(d("2025-06-30"), d("2028-06-29")).french(), "3 ans");
        assert_eq!(
            duree(d("2025-06-30"), d("2028-06-28")).french(),
            "2 ans et 364 jours"
        );
        assert_eq!(
            duree(d("2025-06-30"), d("2028-06-30")).french(),
            "3 ans et 1 jour"
        );
        assert_eq!(
            duree(d("2025-12-15"), d("2027-12-31")).french(),
            "2 ans et 16 jours"
        );
        assert_eq!(
            duree(d("2025-12-10"), d("2028-12-31")).french(),
            "3 ans et 21 jours"
        );
        assert_eq!(
            duree(d("2025-12-10"), d("2027-12-31")).french(),
            "2 ans et 21 jours"
        );
        assert_eq!(duree(d("2025-12-10"), d("2025-12-10")).french(), "0 jour");
        assert_eq!(duree(d("2025-12-10"), d("2025-12-11")).french(), "1 jour");
        assert_eq!(
            veille_anniversaire(d("2024-02-29"), 1).to_string(),
            "2025-02-27"
        );
    }
}
