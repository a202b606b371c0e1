//! Dates as feeds write them and as people read them.

use std::fmt;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Reads a strict `YYYY-MM-DD` date, checking that the day exists.
    pub fn parse_ymd(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = &text[range];
            part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        let date = Date {
            year,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
        };
        (year > 0 && (1..=12).contains(&date.month) && date.day >= 1 && date.day <= days_in_month(year, date.month))
            .then_some(date)
    }

    /// Reads the date part of an RFC 3339 timestamp as JSON Feed uses them
    /// (`2025-12-04T09:30:00.123456+01:00`; fractions and offsets vary).
    /// The day is the one written, as the publisher meant it.
    pub fn parse_rfc3339(text: &str) -> Option<Date> {
        let date = Date::parse_ymd(text.get(..10)?)?;
        let rest = &text[10..];
        if rest.is_empty() {
            return Some(date);
        }
        let time = rest.strip_prefix(['T', 't', ' '])?;
        let b = time.as_bytes();
        let well_formed = b.len() >= 5
            && b[..2].iter().all(u8::is_ascii_digit)
            && b[2] == b':'
            && b[3..5].iter().all(u8::is_ascii_digit);
        well_formed.then_some(date)
    }
}

/// `YYYY-MM-DD`, as `<time datetime>` wants it.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_dates_for_machines() {
        assert_eq!(Date::parse_ymd("2025-01-31").unwrap().to_string(), "2025-01-31");
    }

    #[test]
    fn refuses_dates_that_do_not_exist() {
        for text in [
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-04-31",
            "2025/12/04",
            "25-12-04",
            "2025-1-4",
            "",
            "2025-12-04x",
        ] {
            assert_eq!(Date::parse_ymd(text), None, "{text:?}");
        }
    }

    #[test]
    fn reads_real_world_timestamps() {
        let expected = Date::parse_ymd("2025-12-04");
        for text in [
            "2025-12-04T09:30:00Z",
            "2025-12-04T09:30:00.123456+01:00",
            "2025-12-04 09:30",
            "2025-12-04t09:30:00-05:00",
            "2025-12-04",
        ] {
            assert_eq!(Date::parse_rfc3339(text), expected, "{text:?}");
        }
        for text in ["2025-12-04T", "Thu, 04 Dec 2025 09:30:00 GMT", "2025-12-04Tnoon"] {
            assert_eq!(Date::parse_rfc3339(text), None, "{text:?}");
        }
    }
}
