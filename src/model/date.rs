//! Calendar dates as written in map files (`YYYY-MM-DD`).

use std::fmt;
use std::str::FromStr;

/// A calendar date without time zone, ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date string was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the shape `YYYY-MM-DD`.
    #[error("\"{0}\" is not a date of the form YYYY-MM-DD")]
    Shape(String),
    /// The shape is right but the day does not exist.
    #[error("\"{0}\" is not a calendar date")]
    NoSuchDay(String),
}

impl Date {
    /// Builds a date, or `None` when the day does not exist (e.g. 2026-02-30).
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Option<Self> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Self { year, month, day })
    }

    /// The year (1–9999).
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month (1–12).
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month (1–31).
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before), for date differences.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, or `None` outside years 1–9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Self> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self::from_ymd(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// Today's date in the user's time zone: what "today" and "overdue" mean to a
    /// team in Shanghai at 7 in the morning. Falls back to UTC if the zone is unknown.
    pub fn today_local() -> Self {
        use chrono::Datelike;
        let today = chrono::Local::now().date_naive();
        let (Ok(year), Ok(month), Ok(day)) = (
            u16::try_from(today.year()),
            u8::try_from(today.month()),
            u8::try_from(today.day()),
        ) else {
            return Self::today_utc();
        };
        Self::from_ymd(year, month, day).unwrap_or_else(Self::today_utc)
    }

    /// Today's date in UTC, from the system clock.
    pub fn today_utc() -> Self {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let days = i64::try_from(secs / 86_400).unwrap_or(0);
        Self::from_days_since_epoch(days).unwrap_or(Self {
            year: 1970,
            month: 1,
            day: 1,
        })
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let shape = || DateError::Shape(text.to_owned());
        let bytes = text.as_bytes();
        let digits_at = |range: std::ops::Range<usize>| {
            bytes
                .get(range)
                .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
        };
        let well_formed = bytes.len() == 10
            && digits_at(0..4)
            && bytes.get(4) == Some(&b'-')
            && digits_at(5..7)
            && bytes.get(7) == Some(&b'-')
            && digits_at(8..10);
        if !well_formed {
            return Err(shape());
        }
        let number = |range| text.get(range).and_then(|s: &str| s.parse::<u16>().ok());
        let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10))
        else {
            return Err(shape());
        };
        let (Ok(month), Ok(day)) = (u8::try_from(month), u8::try_from(day)) else {
            return Err(shape());
        };
        Self::from_ymd(year, month, day).ok_or_else(|| DateError::NoSuchDay(text.to_owned()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_valid_dates() {
        for text in ["2026-11-29", "2024-02-29", "0001-01-01", "9999-12-31"] {
            let date: Date = text.parse().unwrap();
            assert_eq!(date.to_string(), text);
        }
    }

    #[test]
    fn refuses_impossible_days_and_bad_shapes() {
        assert!(matches!(
            "2026-02-29".parse::<Date>(),
            Err(DateError::NoSuchDay(_))
        ));
        assert!(matches!(
            "2026-13-01".parse::<Date>(),
            Err(DateError::NoSuchDay(_))
        ));
        assert!(matches!(
            "0000-01-01".parse::<Date>(),
            Err(DateError::NoSuchDay(_))
        ));
        for bad in [
            "2026-1-01",
            "26-01-01",
            "2026/01/01",
            "",
            "2026-01-01T00",
            "２０２６-01-01",
        ] {
            assert!(
                matches!(bad.parse::<Date>(), Err(DateError::Shape(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn epoch_days_round_trip() {
        let date = Date::from_ymd(2026, 11, 29).unwrap();
        assert_eq!(
            Date::from_days_since_epoch(date.days_since_epoch()),
            Some(date)
        );
        assert_eq!(Date::from_ymd(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(
            Date::from_ymd(2026, 3, 1).unwrap().days_since_epoch()
                - Date::from_ymd(2026, 2, 28).unwrap().days_since_epoch(),
            1
        );
    }
}
