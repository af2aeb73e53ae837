//! Time expressions normalised to TIMEX3 values, relative to the document's
//! date: written-out dates, dates without a year, months, years, weekdays,
//! "yesterday" / "today" / "tomorrow".

use std::sync::LazyLock;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use regex::Regex;
use sitrep_clean::dates::{find_dates, month_number};
use sitrep_model::{DateValue, Sentence, Span, TimeExpr, TimeType};

const MONTHS: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)";

static RELATIVE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let pat = format!(
        r"(?x)
        (?-u:\b)(?:
            (?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm_m>{MONTHS})
          | (?P<md_m>{MONTHS})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)
          | (?P<my_m>{MONTHS})\s+(?:of\s+)?(?P<my_y>(?:19|20)\d\d)
          | (?:(?P<dir>last|next|this)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)
                (?:\s+(?P<part>morning|afternoon|evening|night))?
          | (?P<rel>[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)
          | (?i:in|since|during|by|until|of)\s+(?P<year>(?:19|20)\d\d)
        )(?-u:\b)"
    );
    Regex::new(&pat).expect("time pattern compiles")
});

/// Find and normalise the time expressions of `text`, whose document is
/// dated `dct` (when known).
pub fn annotate(text: &str, _sentences: &[Sentence], dct: Option<Date>) -> Vec<TimeExpr> {
    let mut out: Vec<TimeExpr> = find_dates(text)
        .map(|(span, date)| expr(text, span, TimeType::Date, DateValue::day(date).to_string(), Some(date.into())))
        .collect();
    for c in RELATIVE_RE.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let span = Span::new(m.start(), m.end());
        if out.iter().any(|t| t.span.overlaps(span)) {
            continue;
        }
        let value = if let (Some(d), Some(mo)) = (c.name("dm_d"), c.name("dm_m")) {
            month_day(mo.as_str(), d.as_str(), dct)
        } else if let (Some(mo), Some(d)) = (c.name("md_m"), c.name("md_d")) {
            month_day(mo.as_str(), d.as_str(), dct)
        } else if let (Some(mo), Some(y)) = (c.name("my_m"), c.name("my_y")) {
            month_number(mo.as_str()).zip(y.as_str().parse().ok()).map(|(m, y)| DateValue::month(y, m).into())
        } else if let Some(wd) = c.name("wd") {
            Some(weekday(wd.as_str(), c.name("dir").map(|d| d.as_str()), dct))
        } else if let Some(rel) = c.name("rel") {
            let days: i64 = match rel.as_str().to_ascii_lowercase().as_str() {
                "yesterday" => -1,
                "tomorrow" => 1,
                _ => 0,
            };
            Some(match dct.and_then(|d| d.checked_add(days.days()).ok()) {
                Some(d) => Value::Date(d.into()),
                None => Value::Unanchored(if days == 0 { "PRESENT_REF".into() } else { "XXXX-XX-XX".into() }),
            })
        } else if let Some(y) = c.name("year") {
            y.as_str().parse().ok().map(|y| DateValue::year(y).into())
        } else {
            None
        };
        let Some(value) = value else { continue };
        // A year expression spans the preposition; keep only the year.
        let span = match c.name("year") {
            Some(y) => Span::new(y.start(), y.end()),
            None => span,
        };
        match value {
            Value::Date(d) => out.push(expr(text, span, TimeType::Date, d.to_string(), Some(d))),
            Value::Unanchored(v) => out.push(expr(text, span, TimeType::Date, v, None)),
        }
    }
    out.sort_by_key(|t| t.span);
    out
}

enum Value {
    Date(DateValue),
    /// A value TIMEX3 writes with unknown parts ("XXXX-WXX-3").
    Unanchored(String),
}

impl From<DateValue> for Value {
    fn from(d: DateValue) -> Value {
        Value::Date(d)
    }
}

fn expr(text: &str, span: Span, kind: TimeType, value: String, date: Option<DateValue>) -> TimeExpr {
    TimeExpr { span, text: span.slice(text).unwrap_or_default().to_string(), kind, value, date }
}

/// "March 11" or "11 March": the year is the document's, moved back one
/// when that would put the date well after the document.
fn month_day(month: &str, day: &str, dct: Option<Date>) -> Option<Value> {
    let m = month_number(month)?;
    let d: i8 = day.parse().ok()?;
    let Some(dct) = dct else {
        return Some(Value::Unanchored(format!("XXXX-{m:02}-{d:02}")));
    };
    let mut date = Date::new(dct.year(), m, d).ok()?;
    if date > dct.checked_add(31.days()).ok()? {
        date = Date::new(dct.year() - 1, m, d).ok()?;
    }
    Some(Value::Date(date.into()))
}

/// A weekday: the most recent one on or before the document's date, unless
/// "next" points forward.
fn weekday(name: &str, dir: Option<&str>, dct: Option<Date>) -> Value {
    let wd = match &name[..3] {
        "Mon" => Weekday::Monday,
        "Tue" => Weekday::Tuesday,
        "Wed" => Weekday::Wednesday,
        "Thu" => Weekday::Thursday,
        "Fri" => Weekday::Friday,
        "Sat" => Weekday::Saturday,
        _ => Weekday::Sunday,
    };
    let Some(dct) = dct else {
        return Value::Unanchored(format!("XXXX-WXX-{}", wd.to_monday_one_offset()));
    };
    let back = (dct.weekday().to_monday_zero_offset() - wd.to_monday_zero_offset()).rem_euclid(7);
    let date = match dir {
        Some("next") => dct.checked_add(((7 - back) % 7).max(1).days()),
        Some("last") if back == 0 => dct.checked_sub(7.days()),
        _ => dct.checked_sub(i64::from(back).days()),
    };
    match date {
        Ok(d) => Value::Date(d.into()),
        Err(_) => Value::Unanchored(format!("XXXX-WXX-{}", wd.to_monday_one_offset())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, dct: &str) -> Vec<(String, String)> {
        let dct: Date = dct.parse().expect("date");
        annotate(text, &crate::sentences::split(text), Some(dct)).into_iter().map(|t| (t.text, t.value)).collect()
    }

    #[test]
    fn weekdays_resolve_back_from_the_document_date() {
        // 2020-03-13 is a Friday.
        let v = values(
            "Camp Taji was hit on Wednesday evening. On Tuesday, four were killed. Sites attacked on Friday.",
            "2020-03-13",
        );
        assert_eq!(
            v,
            [
                ("Wednesday evening".to_string(), "2020-03-11".to_string()),
                ("Tuesday".to_string(), "2020-03-10".to_string()),
                ("Friday".to_string(), "2020-03-13".to_string())
            ]
        );
    }

    #[test]
    fn dates_without_year_months_and_years() {
        let v = values("on the evening of March 11 and on January 3, since May 2019, in 2019, yesterday", "2020-03-16");
        let vals: Vec<&str> = v.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(vals, ["2020-03-11", "2020-01-03", "2019-05", "2019", "2020-03-15"]);
    }

    #[test]
    fn absolute_dates_win_over_parts() {
        let v = values("Published March 16, 2020.", "2020-03-16");
        assert_eq!(v, [("March 16, 2020".to_string(), "2020-03-16".to_string())]);
    }
}
