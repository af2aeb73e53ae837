//! Absolute calendar dates written in news metadata: "Friday, 13 Mar, 2020",
//! "March 16, 2020", "12 March 2020", "2020-03-16", RFC 2822 and ISO 8601
//! timestamps.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;
use sitrep_model::Span;

const MONTHS: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const WEEKDAY: &str = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?";

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let pat = format!(
        r"(?ix)
        (?-u:\b){WEEKDAY}
        (?:
            (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{MONTHS})\.?,?\s+(?P<y1>\d{{4}})
          | (?P<m2>{MONTHS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})
          | (?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})
        )(?-u:\b)"
    );
    Regex::new(&pat).expect("date pattern compiles")
});

/// Month number of an English month name or abbreviation.
pub fn month_number(name: &str) -> Option<i8> {
    let key: String = name.chars().take(3).flat_map(char::to_lowercase).collect();
    let n = match key.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// Every absolute date written out in `text`, with where it stands.
pub fn find_dates(text: &str) -> impl Iterator<Item = (Span, Date)> + '_ {
    DATE_RE.captures_iter(text).filter_map(|c| {
        let whole = c.get(0)?;
        let (y, m, d) = if let Some(y) = c.name("y1") {
            (y.as_str(), month_number(c.name("m1")?.as_str())?, c.name("d1")?.as_str())
        } else if let Some(y) = c.name("y2") {
            (y.as_str(), month_number(c.name("m2")?.as_str())?, c.name("d2")?.as_str())
        } else {
            let m: i8 = c.name("m3")?.as_str().parse().ok()?;
            (c.name("y3")?.as_str(), m, c.name("d3")?.as_str())
        };
        let date = Date::new(y.parse().ok()?, m, d.parse().ok()?).ok()?;
        Some((Span::new(whole.start(), whole.end()), date))
    })
}

/// Parse a publication date as records and feeds write it: ISO 8601 dates
/// and timestamps, RFC 2822, or a written-out date.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Ok(d) = s.parse::<Date>() {
        return Some(d);
    }
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        return Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date());
    }
    if let Ok(dt) = s.parse::<jiff::civil::DateTime>() {
        return Some(dt.date());
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        return Some(z.date());
    }
    find_dates(s).next().map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_date(s).map(|d| d.to_string())
    }

    #[test]
    fn metadata_dates_in_their_usual_shapes() {
        assert_eq!(d("Friday, 13 Mar, 2020").as_deref(), Some("2020-03-13"));
        assert_eq!(d("Global Research, March 16, 2020").as_deref(), Some("2020-03-16"));
        assert_eq!(d("12 March 2020").as_deref(), Some("2020-03-12"));
        assert_eq!(d("2014-01-28").as_deref(), Some("2014-01-28"));
        assert_eq!(d("April 10, 2017").as_deref(), Some("2017-04-10"));
        assert_eq!(d("2020-03-16T08:00:00Z").as_deref(), Some("2020-03-16"));
        assert_eq!(d("Tue, 10 Apr 2017 08:00:00 +0000").as_deref(), Some("2017-04-10"));
        assert_eq!(d("Sept. 28th, 2015").as_deref(), Some("2015-09-28"));
        assert_eq!(d("February 30, 2020"), None);
        assert_eq!(d("the 107mm rockets"), None);
    }
}
