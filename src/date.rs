//! Calendar dates (ISO `AAAA-MM-JJ`) and annual deadlines (`8 juillet`):
//! just what the rules need — validity, order, adding months, French display.

use std::fmt;

/// A valid proleptic Gregorian date. Ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

pub const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, or `None` when the day does not exist (`2025-02-30`).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// The civil date of a day count since 1970-01-01 (H. Hinnant's
    /// algorithm), for system clocks and spreadsheet serial dates.
    pub fn from_unix_days(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe.checked_add(era.checked_mul(400)?)? + i64::from(month <= 2);
        Date::new(
            i32::try_from(year).ok()?,
            u32::try_from(month).ok()?,
            u32::try_from(day).ok()?,
        )
    }

    /// Parses `AAAA-MM-JJ`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// The same day `months` later, clamped to the month's last day
    /// (31 août + 6 mois = 28 ou 29 février).
    pub fn add_months(self, months: u32) -> Date {
        let total = self.year * 12 + (self.month as i32 - 1) + months as i32;
        let (year, month) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn day_number(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `n` days after day number `n` (the inverse of [`Date::day_number`]).
    pub fn from_day_number(n: i64) -> Date {
        let z = n + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date `days` days later (earlier when negative).
    pub fn add_days(self, days: i64) -> Date {
        Date::from_day_number(self.day_number() + days)
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        other.day_number() - self.day_number()
    }

    /// `10 décembre 2025`.
    pub fn french(self) -> String {
        let month = MONTHS.get(self.month as usize - 1).copied().unwrap_or("?");
        let day = if self.day == 1 {
            "1er".to_string()
        } else {
            self.day.to_string()
        };
        format!("{day} {month} {}", self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// An annual deadline: a day and a month (`8 juillet`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DayMonth {
    pub day: u32,
    pub month: u32,
}

impl DayMonth {
    /// Parses `8 juillet` (accents optional).
    pub fn parse(text: &str) -> Option<DayMonth> {
        let mut words = text.split_whitespace();
        let day: u32 = words.next()?.parse().ok()?;
        let name = words.next()?;
        let month = month_number(name)?;
        (day >= 1 && day <= days_in_month(2024, month)).then_some(DayMonth { day, month })
    }

    /// This deadline in a given year.
    pub fn in_year(self, year: i32) -> Date {
        let day = self.day.min(days_in_month(year, self.month));
        Date {
            year,
            month: self.month,
            day,
        }
    }
}

impl fmt::Display for DayMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = MONTHS.get(self.month as usize - 1).copied().unwrap_or("?");
        write!(f, "{} {month}", self.day)
    }
}

fn month_number(name: &str) -> Option<u32> {
    let plain = |s: &str| s.replace(['é', 'è'], "e").replace('û', "u");
    MONTHS
        .iter()
        .position(|m| plain(m) == plain(name))
        .map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_validates() {
        assert_eq!(Date::parse_iso("2025-12-10"), Date::new(2025, 12, 10));
        assert_eq!(Date::parse_iso("2025-02-29"), None);
        assert!(Date::parse_iso("2024-02-29").is_some());
    }

    #[test]
    fn adds_months_with_clamping() {
        let d = Date::new(2025, 8, 31).unwrap();
        assert_eq!(d.add_months(6), Date::new(2026, 2, 28).unwrap());
        assert_eq!(
            Date::new(2025, 12, 10).unwrap().add_months(6).to_string(),
            "2026-06-10"
        );
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().day_number(), 0);
        let d = Date::new(2025, 12, 10).unwrap();
        assert_eq!(d.days_until(Date::new(2025, 12, 31).unwrap()), 21);
        assert_eq!(d.add_days(22).to_string(), "2026-01-01");
        assert_eq!(
            Date::new(2028, 3, 1).unwrap().add_days(-1).to_string(),
            "2028-02-29"
        );
        for n in [-800_000, -1, 0, 59, 20_000, 800_000] {
            assert_eq!(Date::from_day_number(n).day_number(), n);
        }
    }

    #[test]
    fn day_month() {
        let dm = DayMonth::parse("8 juillet").unwrap();
        assert_eq!(dm.in_year(2027).to_string(), "2027-07-08");
        assert_eq!(DayMonth::parse("15 aout").unwrap().month, 8);
        assert_eq!(
            Date::new(2025, 12, 1).unwrap().french(),
            "1er décembre 2025"
        );
    }
}
