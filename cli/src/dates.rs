//! Dates as the feeds the tool writes spell them, written by the `time`
//! crate.
//!
//! The dates themselves are the core's [`Date`]s, read as the widget reads
//! them (the core keeps its own small date type, since it ships in the
//! widget's wasm); here each becomes a `time` date at midnight UTC.

use newsletter_core::feed::date::Date;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Month, OffsetDateTime};

/// `2025-12-04T00:00:00Z`: a day as a JSON Feed date (RFC 3339).
pub fn rfc3339(date: Date) -> String {
    midnight_utc(date)
        .format(&Rfc3339)
        .expect("a four-digit year at UTC is always RFC 3339")
}

/// `Thu, 04 Dec 2025 00:00:00 GMT`: a day as RSS (RFC 822) writes it.
pub fn rfc822(date: Date) -> String {
    let rss = format_description!("[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT");
    midnight_utc(date)
        .format(rss)
        .expect("the format has only date and time parts")
}

/// The start of `date` in UTC.
fn midnight_utc(date: Date) -> OffsetDateTime {
    Month::try_from(date.month)
        .and_then(|month| time::Date::from_calendar_date(i32::from(date.year), month, date.day))
        .expect("the core only makes dates of real calendar days")
        .midnight()
        .assume_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse_ymd(text).unwrap()
    }

    #[test]
    fn json_feed_dates_are_midnight_utc() {
        assert_eq!(rfc3339(date("2025-12-04")), "2025-12-04T00:00:00Z");
        assert_eq!(rfc3339(date("0001-01-01")), "0001-01-01T00:00:00Z");
        assert_eq!(rfc3339(date("9999-12-31")), "9999-12-31T00:00:00Z");
    }

    #[test]
    fn rss_dates_have_the_right_weekday() {
        assert_eq!(rfc822(date("2025-12-04")), "Thu, 04 Dec 2025 00:00:00 GMT");
        assert_eq!(rfc822(date("1970-01-01")), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(rfc822(date("2024-02-29")), "Thu, 29 Feb 2024 00:00:00 GMT");
        assert_eq!(rfc822(date("2000-03-01")), "Wed, 01 Mar 2000 00:00:00 GMT");
        assert_eq!(rfc822(date("1999-12-31")), "Fri, 31 Dec 1999 00:00:00 GMT");
    }
}
