//! Dimensions as exponents of euros and days, so that `€ / €` is a ratio
//! and `€ / (€ / j)` a duration (spec §4). Spanless: callers attach spans.

use crate::ast::Dimension;
use std::fmt;

/// The type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ty {
    /// euros^money × days^days; (0, 0) is a ratio or plain number.
    Quantity {
        money: i8,
        days: i8,
    },
    Boolean,
    Date,
}

pub const RATIO: Ty = Ty::Quantity { money: 0, days: 0 };

impl From<Dimension> for Ty {
    fn from(d: Dimension) -> Ty {
        match d {
            Dimension::Money => Ty::Quantity { money: 1, days: 0 },
            Dimension::Ratio | Dimension::Number => RATIO,
            Dimension::Duration => Ty::Quantity { money: 0, days: 1 },
            Dimension::Boolean => Ty::Boolean,
            Dimension::Date => Ty::Date,
        }
    }
}

impl Ty {
    pub fn times(self, other: Ty) -> Option<Ty> {
        match (self, other) {
            (Ty::Quantity { money: a, days: b }, Ty::Quantity { money: c, days: d }) => {
                Some(Ty::Quantity {
                    money: a.checked_add(c)?,
                    days: b.checked_add(d)?,
                })
            }
            _ => None,
        }
    }

    pub fn per(self, other: Ty) -> Option<Ty> {
        match (self, other) {
            (Ty::Quantity { money: a, days: b }, Ty::Quantity { money: c, days: d }) => {
                Some(Ty::Quantity {
                    money: a.checked_sub(c)?,
                    days: b.checked_sub(d)?,
                })
            }
            _ => None,
        }
    }

    /// `+` and `-`: same dimension; dates move by durations.
    pub fn add(self, other: Ty, subtract: bool) -> Option<Ty> {
        let duration = Ty::Quantity { money: 0, days: 1 };
        match (self, other) {
            (Ty::Date, d) if d == duration => Some(Ty::Date),
            (Ty::Date, Ty::Date) if subtract => Some(duration),
            (Ty::Quantity { .. }, Ty::Quantity { .. }) if self == other => Some(self),
            _ => None,
        }
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Ty::Boolean => f.write_str("un booléen (oui/non)"),
            Ty::Date => f.write_str("une date"),
            Ty::Quantity { money: 0, days: 0 } => f.write_str("un ratio ou un nombre (%)"),
            Ty::Quantity { money: 1, days: 0 } => f.write_str("un montant (€)"),
            Ty::Quantity { money: 0, days: 1 } => f.write_str("une durée (j)"),
            Ty::Quantity { money: 1, days: -1 } => f.write_str("un montant par jour (€/j)"),
            Ty::Quantity { money, days } => write!(f, "une grandeur en €^{money}·j^{days}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_over_money_per_day_is_a_duration() {
        let money: Ty = Dimension::Money.into();
        let days: Ty = Dimension::Duration.into();
        let per_day = money.per(days).unwrap();
        assert_eq!(money.per(per_day), Some(days));
        assert_eq!(money.per(money), Some(RATIO));
        assert_eq!(money.add(RATIO, false), None);
    }
}
