//! Thresholds (`seuil NIVEAU CMP VALEUR [pour CATÉGORIE…]`, spec §6) of one
//! indicator against its actual value, in three-valued logic.
//!
//! A line applies to an establishment of its `pour` categories (all when
//! it has none), and holds when the comparison does. The indicator's level
//! is the highest level of a line that applies and holds. When the value is
//! missing, or the category unknown and the lines disagree, the level is
//! only bounded: [`Etat::connu`] is the level surely reached (never from a
//! missing value: missing is not 0), [`Etat::possible`] the highest level
//! the unknowns leave open.

use crate::ast::{Indicateur, Niveau, Seuil};
use crate::eval::derivation::value_text;
use crate::eval::figures::Val;
use crate::eval::values::{self, Actual};
use crate::resolve::CATEGORIES;

/// One indicator's thresholds for one establishment.
#[derive(Debug, Clone)]
pub struct Etat<'p> {
    pub indicateur: &'p Indicateur,
    pub actual: Actual,
    /// The highest level surely crossed.
    pub connu: Option<Niveau>,
    /// The highest level that may be crossed.
    pub possible: Option<Niveau>,
    /// The line crossed at the [`connu`](Etat::connu) level.
    pub ligne: Option<&'p Seuil>,
}

impl Etat<'_> {
    /// Whether the level is known exactly.
    pub fn certain(&self) -> bool {
        self.connu == self.possible
    }
}

/// Compares an indicator's value with its thresholds, for a category
/// (`None`: unknown, every category is possible).
pub fn etat<'p>(indicateur: &'p Indicateur, actual: Actual, categorie: Option<&str>) -> Etat<'p> {
    let value = actual.value;
    let (connu, possible, ligne) = match categorie {
        Some(cat) => levels(indicateur, value.as_ref(), cat),
        None => {
            let mut connu: Option<Option<Niveau>> = None;
            let mut possible = None;
            let mut ligne = None;
            for cat in CATEGORIES {
                let (k, p, l) = levels(indicateur, value.as_ref(), cat);
                if connu.is_none_or(|c| k < c) {
                    connu = Some(k);
                    ligne = l;
                }
                possible = possible.max(p);
            }
            (connu.flatten(), possible, ligne)
        }
    };
    Etat {
        indicateur,
        actual,
        connu,
        possible,
        ligne,
    }
}

/// (known level, possible level, the line of the known level) for a
/// known category.
fn levels<'p>(
    indicateur: &'p Indicateur,
    value: Option<&Val>,
    categorie: &str,
) -> (Option<Niveau>, Option<Niveau>, Option<&'p Seuil>) {
    let mut connu = None;
    let mut possible = None;
    let mut ligne = None;
    let applicable = indicateur.seuils.iter().filter(|s| applies(s, categorie));
    for s in applicable {
        let holds = value.and_then(|v| values::compare(s.op, v, &values::literal(&s.valeur)));
        match holds {
            Some(true) => {
                if connu < Some(s.niveau) {
                    connu = Some(s.niveau);
                    ligne = Some(s);
                }
                possible = possible.max(Some(s.niveau));
            }
            None => possible = possible.max(Some(s.niveau)),
            Some(false) => {}
        }
    }
    (connu, possible, ligne)
}

/// Whether a threshold line applies to a category.
pub fn applies(seuil: &Seuil, categorie: &str) -> bool {
    seuil.pour.is_empty() || seuil.pour.iter().any(|p| p.name == categorie)
}

/// A threshold as written after its level: `< 0 €`, `> 3 %`.
pub fn seuil_text(seuil: &Seuil) -> String {
    format!("{} {}", seuil.op.symbol(), value_text(&seuil.valeur))
}

/// Points of a level in the ranking: vigilance 1, alerte 2, critique 3.
pub fn poids(niveau: Niveau) -> u32 {
    match niveau {
        Niveau::Vigilance => 1,
        Niveau::Alerte => 2,
        Niveau::Critique => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::Item;
    use crate::eval::derivation::{Derivation, StepKind};
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn indicateur(text: &str) -> Indicateur {
        let mut map = crate::source::SourceMap::new();
        let id = map.add("t", text.to_string(), crate::source::Origin::User);
        let mut d = crate::diagnostic::Diagnostics::new();
        let parsed = crate::syntax::parse(map.get(id).unwrap(), &mut d);
        assert!(d.is_empty());
        match parsed.file.unwrap().items.remove(0) {
            Item::Indicateur(i) => i,
            _ => unreachable!(),
        }
    }

    fn actual(v: Option<&str>) -> Actual {
        Actual {
            value: v.map(|v| Val::Num(Decimal::from_str(v).unwrap())),
            derivation: Derivation::new(StepKind::Chiffre, "x", "test"),
        }
    }

    const DEFICIT: &str = "indicateur d { unité % seuil alerte > 2 % pour CHU CHR seuil alerte > 3 % pour CH CHS HL SMR HAD CLCC EBNL autre }";
    const DGP: &str =
        "indicateur g { unité j seuil vigilance > 50 j seuil alerte > 70 j seuil critique > 90 j }";

    #[test]
    fn graded_thresholds_give_the_highest_level() {
        let i = indicateur(DGP);
        let e = etat(&i, actual(Some("95")), Some("CH"));
        assert_eq!(
            (e.connu, e.possible),
            (Some(Niveau::Critique), Some(Niveau::Critique))
        );
        assert_eq!(seuil_text(e.ligne.unwrap()), "> 90 j");
        let e = etat(&i, actual(Some("60")), Some("CH"));
        assert_eq!(e.connu, Some(Niveau::Vigilance));
        let e = etat(&i, actual(Some("50")), Some("CH"));
        assert_eq!((e.connu, e.possible), (None, None));
    }

    #[test]
    fn a_missing_value_crosses_nothing_but_leaves_every_level_open() {
        let i = indicateur(DGP);
        let e = etat(&i, actual(None), Some("CH"));
        assert_eq!((e.connu, e.possible), (None, Some(Niveau::Critique)));
        assert!(!e.certain());
    }

    #[test]
    fn categories_choose_the_line() {
        let i = indicateur(DEFICIT);
        let chr = etat(&i, actual(Some("0.025")), Some("CHR"));
        assert_eq!(chr.connu, Some(Niveau::Alerte));
        let ch = etat(&i, actual(Some("0.025")), Some("CH"));
        assert_eq!((ch.connu, ch.possible), (None, None));
        // Unknown category: 2,5 % may or may not be an alert…
        let unknown = etat(&i, actual(Some("0.025")), None);
        assert_eq!(
            (unknown.connu, unknown.possible),
            (None, Some(Niveau::Alerte))
        );
        // … but 5 % is one whatever the category.
        let unknown = etat(&i, actual(Some("0.05")), None);
        assert_eq!(unknown.connu, Some(Niveau::Alerte));
        assert!(unknown.certain());
    }
}
