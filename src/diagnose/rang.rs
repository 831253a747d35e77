//! Ranking within a group, by the number and severity of the thresholds
//! crossed: first the gravity (Σ points: vigilance 1, alerte 2, critique 3,
//! one level per indicator), then the number of `critique`, `alerte` and
//! `vigilance` crossings. Only thresholds surely crossed count: a missing
//! figure never moves an establishment up. Establishments with the same
//! counts share a rank (« ex aequo ») and are listed by FINESS: the
//! diagnosis does not invent an order the figures do not give, and a
//! value's size beyond its threshold (a real outlier of Hospi Diag, say)
//! cannot distort the ranking.

use super::EstablishmentDiagnosis;
use std::cmp::Reverse;

/// The ranking key, highest first.
fn key(e: &EstablishmentDiagnosis) -> (u32, u32, u32, u32) {
    (e.gravite, e.critiques, e.alertes, e.vigilances)
}

/// Sorts by group (in the item's order, none last), rank and FINESS, and
/// numbers the ranks within each group.
pub fn rank(list: &mut [EstablishmentDiagnosis]) {
    list.sort_by(|a, b| {
        let group = |e: &EstablishmentDiagnosis| e.groupe.unwrap_or(usize::MAX);
        (group(a), Reverse(key(a)), &a.etablissement.finess).cmp(&(
            group(b),
            Reverse(key(b)),
            &b.etablissement.finess,
        ))
    });
    let mut start = 0;
    while start < list.len() {
        let group = list.get(start).map(|e| e.groupe);
        let end = list
            .iter()
            .skip(start)
            .position(|e| Some(e.groupe) != group)
            .map_or(list.len(), |n| start + n);
        number(list.get_mut(start..end).unwrap_or_default());
        start = end;
    }
}

/// Ranks of one group, already sorted: 1, 2, 2, 4…
fn number(group: &mut [EstablishmentDiagnosis]) {
    let keys: Vec<_> = group.iter().map(key).collect();
    for (i, e) in group.iter_mut().enumerate() {
        let k = keys.get(i).copied();
        let first = keys.iter().position(|x| Some(*x) == k).unwrap_or(i);
        e.rang = first + 1;
        e.ex_aequo = keys.iter().filter(|x| Some(**x) == k).count() > 1;
    }
}
