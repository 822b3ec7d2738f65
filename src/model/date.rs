//! Calendar dates as written in map files (`YYYY-MM-DD`), and as people type them
//! into the app (`2026/12/5`, `12月5日`, `tomorrow`, …).

use std::fmt;
use std::str::FromStr;

/// A calendar date without time zone, ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a typed date was not taken. The UI explains each case in the user's language.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateInputError {
    /// Not a form the app reads.
    #[error("\"{0}\" is not a date the app understands")]
    Unrecognised(String),
    /// A form the app reads, but the day does not exist (31 April, 29 February 2027).
    #[error("\"{0}\" is not a calendar date")]
    NoSuchDay(String),
    /// Day and month could be either way round (`12/05/2026`: 12 May or 5 December).
    #[error("\"{text}\" could be {day_first} or {month_first}")]
    Ambiguous {
        /// What was typed.
        text: String,
        /// Read as day/month/year.
        day_first: Date,
        /// Read as month/day/year.
        month_first: Date,
    },
}

/// Longest typed date looked at; anything longer is not a date.
const MAX_TYPED_LEN: usize = 40;

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

    /// The day of the week, 0 for Monday to 6 for Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        u8::try_from((self.days_since_epoch() + 3).rem_euclid(7)).unwrap_or(0)
    }

    /// The date `days` later (earlier when negative), or `None` outside years 1–9999.
    pub fn add_days(self, days: i64) -> Option<Self> {
        Self::from_days_since_epoch(self.days_since_epoch().checked_add(days)?)
    }

    /// Reads a date as people type it. Empty text is no date (`Ok(None)`).
    ///
    /// Accepted, with ASCII or full-width digits and surrounding spaces:
    /// - year first: `2026-12-05`, `2026-12-5`, `2026/12/5`, `2026.12.5`, `20261205`;
    /// - Chinese: `2026年12月5日` (or `号`), and `12月5日` in `today`'s year;
    /// - words: `today`, `tomorrow`, `yesterday`, `今天`, `明天`, `昨天`, `后天`,
    ///   `前天` (and `今日`, `明日`, `昨日`), relative to `today`;
    /// - day and month before a four-digit year (`25/12/2026`, `12.25.2026`) only when
    ///   one reading is a real date or both readings agree; otherwise the text is
    ///   [`DateInputError::Ambiguous`] and nothing is guessed.
    pub fn parse_typed(text: &str, today: Date) -> Result<Option<Date>, DateInputError> {
        let unrecognised = || DateInputError::Unrecognised(text.trim().to_owned());
        if text.chars().count() > MAX_TYPED_LEN {
            return Err(unrecognised());
        }
        let normal = normalise_typed(text);
        if normal.is_empty() {
            return Ok(None);
        }
        if let Some(offset) = relative_word(&normal) {
            return today.add_days(offset).map(Some).ok_or_else(unrecognised);
        }
        let parts = typed_parts(&normal).ok_or_else(unrecognised)?;
        let no_such_day = || DateInputError::NoSuchDay(text.trim().to_owned());
        match parts {
            TypedParts::YearFirst(year, month, day) => {
                ymd(year, month, day).map(Some).ok_or_else(no_such_day)
            }
            TypedParts::MonthDay(month, day) => ymd(u32::from(today.year), month, day)
                .map(Some)
                .ok_or_else(no_such_day),
            TypedParts::YearLast(first, second, year) => {
                match (ymd(year, second, first), ymd(year, first, second)) {
                    (Some(day_first), Some(month_first)) if day_first != month_first => {
                        Err(DateInputError::Ambiguous {
                            text: text.trim().to_owned(),
                            day_first,
                            month_first,
                        })
                    }
                    (Some(date), _) | (None, Some(date)) => Ok(Some(date)),
                    (None, None) => Err(no_such_day()),
                }
            }
        }
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

/// The numbers of a typed date, before checking the day exists.
enum TypedParts {
    /// Year, month, day.
    YearFirst(u32, u32, u32),
    /// Month and day, in the current year.
    MonthDay(u32, u32),
    /// Two numbers (day and month in either order) and the year.
    YearLast(u32, u32, u32),
}

fn ymd(year: u32, month: u32, day: u32) -> Option<Date> {
    Date::from_ymd(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

/// Lower case, full-width digits and punctuation as ASCII, no spaces.
fn normalise_typed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
            }
            '／' => '/',
            '．' | '。' => '.',
            '－' | '—' | '–' => '-',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

/// Days from today for the words people use.
fn relative_word(word: &str) -> Option<i64> {
    match word {
        "today" | "今天" | "今日" => Some(0),
        "tomorrow" | "明天" | "明日" => Some(1),
        "yesterday" | "昨天" | "昨日" => Some(-1),
        "后天" | "後天" => Some(2),
        "前天" => Some(-2),
        _ => None,
    }
}

/// Splits a normalised typed date into its numbers, or `None` when it is no known form.
fn typed_parts(text: &str) -> Option<TypedParts> {
    let digits = |s: &str, lengths: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    // 2026年12月5日 and 12月5日; 号 is the spoken 日, and both may be left off.
    let text = text.strip_suffix(['日', '号', '號']).unwrap_or(text);
    if let Some((head, day)) = text.split_once('月') {
        let day = digits(day, 1..=2)?;
        return match head.split_once('年') {
            Some((year, month)) => Some(TypedParts::YearFirst(
                digits(year, 4..=4)?,
                digits(month, 1..=2)?,
                day,
            )),
            None => Some(TypedParts::MonthDay(digits(head, 1..=2)?, day)),
        };
    }
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        let year = digits(text.get(0..4)?, 4..=4)?;
        return Some(TypedParts::YearFirst(
            year,
            digits(text.get(4..6)?, 2..=2)?,
            digits(text.get(6..8)?, 2..=2)?,
        ));
    }
    let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = text.split(separator).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if let Some(year) = digits(a, 4..=4) {
        Some(TypedParts::YearFirst(
            year,
            digits(b, 1..=2)?,
            digits(c, 1..=2)?,
        ))
    } else {
        Some(TypedParts::YearLast(
            digits(a, 1..=2)?,
            digits(b, 1..=2)?,
            digits(c, 4..=4)?,
        ))
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

    fn date(y: u16, m: u8, d: u8) -> Date {
        Date::from_ymd(y, m, d).unwrap()
    }

    /// A Tuesday, so that "tomorrow" and "yesterday" stay in the same month.
    fn today() -> Date {
        date(2026, 6, 16)
    }

    fn typed(text: &str) -> Result<Option<Date>, DateInputError> {
        Date::parse_typed(text, today())
    }

    #[test]
    fn typed_year_first_forms_in_every_separator() {
        for text in [
            "2026-12-05",
            "2026-12-5",
            "2026/12/5",
            "2026/12/05",
            "2026.12.5",
            "2026.12.05",
            "20261205",
            " 2026 / 12 / 5 ",
            "２０２６／１２／５",
            "２０２６－１２－０５",
            "2026。12。5",
        ] {
            assert_eq!(typed(text), Ok(Some(date(2026, 12, 5))), "{text:?}");
        }
    }

    #[test]
    fn typed_chinese_forms_with_and_without_the_year() {
        for text in [
            "2026年12月5日",
            "2026年12月5号",
            "2026年12月05日",
            "2026 年 12 月 5 日",
            "２０２６年１２月５日",
            "2026年12月5",
        ] {
            assert_eq!(typed(text), Ok(Some(date(2026, 12, 5))), "{text:?}");
        }
        // Without a year: this year, the one `today` is in.
        for text in ["12月5日", "12月5号", "12月05日", "１２月５日"] {
            assert_eq!(typed(text), Ok(Some(date(2026, 12, 5))), "{text:?}");
        }
        assert_eq!(
            Date::parse_typed("3月1日", date(2031, 7, 1)),
            Ok(Some(date(2031, 3, 1)))
        );
    }

    #[test]
    fn typed_words_count_from_today_in_both_languages() {
        let cases: [(&str, i64); 14] = [
            ("today", 0),
            ("Today", 0),
            ("TOMORROW", 1),
            ("tomorrow", 1),
            ("yesterday", -1),
            ("今天", 0),
            ("今日", 0),
            ("明天", 1),
            ("明日", 1),
            ("昨天", -1),
            ("昨日", -1),
            ("后天", 2),
            ("前天", -2),
            (" 明天 ", 1),
        ];
        for (text, offset) in cases {
            assert_eq!(
                typed(text),
                Ok(Some(today().add_days(offset).unwrap())),
                "{text:?}"
            );
        }
        // Across a month and a year end.
        assert_eq!(
            Date::parse_typed("tomorrow", date(2026, 12, 31)),
            Ok(Some(date(2027, 1, 1)))
        );
        assert_eq!(
            Date::parse_typed("昨天", date(2024, 3, 1)),
            Ok(Some(date(2024, 2, 29)))
        );
    }

    #[test]
    fn typed_day_and_month_before_the_year_are_never_guessed() {
        // Both readings are real days: refused, with both readings for the message.
        for text in ["12/05/2026", "12.05.2026", "12-05-2026", "5/12/2026"] {
            let Err(DateInputError::Ambiguous {
                day_first,
                month_first,
                ..
            }) = typed(text)
            else {
                panic!("{text:?} must be ambiguous");
            };
            assert_ne!(day_first, month_first);
        }
        let Err(DateInputError::Ambiguous {
            day_first,
            month_first,
            text,
        }) = typed("12/05/2026")
        else {
            panic!("ambiguous");
        };
        assert_eq!(
            (day_first, month_first, text.as_str()),
            (date(2026, 5, 12), date(2026, 12, 5), "12/05/2026")
        );
        // Only one reading exists, or both are the same day: no doubt.
        assert_eq!(typed("25/12/2026"), Ok(Some(date(2026, 12, 25))));
        assert_eq!(typed("12/25/2026"), Ok(Some(date(2026, 12, 25))));
        assert_eq!(typed("25.12.2026"), Ok(Some(date(2026, 12, 25))));
        assert_eq!(typed("07/07/2026"), Ok(Some(date(2026, 7, 7))));
    }

    #[test]
    fn typed_empty_is_no_date_and_nonsense_is_refused() {
        for text in ["", "   ", "\t"] {
            assert_eq!(typed(text), Ok(None), "{text:?}");
        }
        for text in [
            "next friday",
            "friday",
            "12/05",
            "12/05/26",
            "2026",
            "2026-12",
            "2026-12-05-01",
            "2026/12-05",
            "12月",
            "2026年12月",
            "十二月五日",
            "2026-1x-05",
            "-2026-12-05",
            "202612051",
            "2026--05",
            "x",
            &"9".repeat(400),
        ] {
            assert!(
                matches!(typed(text), Err(DateInputError::Unrecognised(_))),
                "{text:?} gave {:?}",
                typed(text)
            );
        }
    }

    #[test]
    fn typed_impossible_days_say_so() {
        for text in [
            "2026-02-29",
            "2026/4/31",
            "2026年2月30日",
            "2月30日",
            "31/04/2026",
            "20261301",
            "0000-01-01",
            "32/13/2026",
        ] {
            assert!(
                matches!(typed(text), Err(DateInputError::NoSuchDay(_))),
                "{text:?} gave {:?}",
                typed(text)
            );
        }
        assert_eq!(typed("2024-2-29"), Ok(Some(date(2024, 2, 29))));
        // No overflow at the ends of the calendar.
        assert!(Date::parse_typed("tomorrow", date(9999, 12, 31)).is_err());
        assert!(Date::parse_typed("yesterday", date(1, 1, 1)).is_err());
    }

    #[test]
    fn weekdays() {
        assert_eq!(date(1970, 1, 1).weekday(), 3);
        assert_eq!(date(2026, 6, 15).weekday(), 0, "a Monday");
        assert_eq!(date(2026, 12, 5).weekday(), 5, "a Saturday");
        assert_eq!(date(2026, 12, 6).weekday(), 6, "a Sunday");
    }

    proptest::proptest! {
        #[test]
        fn every_written_form_of_a_day_reads_back_as_that_day(
            days in 0i64..2_900_000,
            text in "\\PC{0,50}",
        ) {
            let Some(day) = Date::from_days_since_epoch(days - 719_000) else {
                return Ok(());
            };
            let (y, m, d) = (day.year(), day.month(), day.day());
            if y >= 1000 {
                for form in [
                    day.to_string(),
                    format!("{y}/{m}/{d}"),
                    format!("{y}.{m}.{d}"),
                    format!("{y}-{m}-{d}"),
                    format!("{y:04}{m:02}{d:02}"),
                    format!("{y}年{m}月{d}日"),
                    format!("{y}年{m}月{d}号"),
                ] {
                    proptest::prop_assert_eq!(typed(&form), Ok(Some(day)), "{}", form);
                }
                let day_first = typed(&format!("{d}/{m}/{y}"));
                let month_first = typed(&format!("{m}/{d}/{y}"));
                if d == m || d > 12 {
                    proptest::prop_assert_eq!(day_first, Ok(Some(day)));
                } else {
                    let is_ambiguous = matches!(day_first, Err(DateInputError::Ambiguous { .. }));
                    proptest::prop_assert!(is_ambiguous);
                }
                if d == m || d > 12 {
                    proptest::prop_assert_eq!(month_first, Ok(Some(day)));
                }
            }
            // Anything at all: an answer, never a panic.
            let _ = typed(&text);
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
