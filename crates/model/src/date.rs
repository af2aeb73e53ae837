//! Calendar values with their precision: a day, a month or a year.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date known to the day, the month or only the year, written as TIMEX3
/// writes it: `2020-03-11`, `2020-03`, `2020`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateValue {
    pub year: i16,
    pub month: Option<i8>,
    /// Only set when `month` is.
    pub day: Option<i8>,
}

/// How precisely a [`DateValue`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl DateValue {
    pub fn day(date: jiff::civil::Date) -> DateValue {
        DateValue { year: date.year(), month: Some(date.month()), day: Some(date.day()) }
    }

    pub fn month(year: i16, month: i8) -> DateValue {
        DateValue { year, month: Some(month), day: None }
    }

    pub fn year(year: i16) -> DateValue {
        DateValue { year, month: None, day: None }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The civil date, when known to the day.
    pub fn to_date(&self) -> Option<jiff::civil::Date> {
        jiff::civil::Date::new(self.year, self.month?, self.day?).ok()
    }

    /// Whether the two values can denote the same day (`2020-03` and
    /// `2020-03-11` can; `2020-03-10` and `2020-03-11` cannot).
    pub fn compatible(&self, other: &DateValue) -> bool {
        self.year == other.year
            && (self.month.is_none() || other.month.is_none() || self.month == other.month)
            && (self.day.is_none() || other.day.is_none() || self.day == other.day)
    }
}

impl DateValue {
    /// The days the value spans, as day numbers (days since 1970-01-01):
    /// one day, every day of the month, or every day of the year.
    pub fn days(&self) -> (i32, i32) {
        let (y, m) = (i32::from(self.year), self.month.map(i32::from));
        match (m, self.day.map(i32::from)) {
            (Some(m), Some(d)) => (day_number(y, m, d), day_number(y, m, d)),
            (Some(m), None) => {
                let next = if m == 12 { day_number(y + 1, 1, 1) } else { day_number(y, m + 1, 1) };
                (day_number(y, m, 1), next - 1)
            }
            _ => (day_number(y, 1, 1), day_number(y + 1, 1, 1) - 1),
        }
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`).
fn day_number(y: i32, m: i32, d: i32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl From<jiff::civil::Date> for DateValue {
    fn from(d: jiff::civil::Date) -> DateValue {
        DateValue::day(d)
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// Why a string is not a [`DateValue`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateValueError(pub String);

impl fmt::Display for DateValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a date (YYYY, YYYY-MM or YYYY-MM-DD): {:?}", self.0)
    }
}

impl std::error::Error for DateValueError {}

impl FromStr for DateValue {
    type Err = DateValueError;

    fn from_str(s: &str) -> Result<DateValue, DateValueError> {
        let err = || DateValueError(s.to_string());
        let mut parts = s.splitn(3, '-');
        let year: i16 = parts.next().filter(|p| p.len() == 4).and_then(|p| p.parse().ok()).ok_or_else(err)?;
        let Some(m) = parts.next() else {
            return Ok(DateValue::year(year));
        };
        let month: i8 = m.parse().ok().filter(|m| (1..=12).contains(m)).ok_or_else(err)?;
        let Some(d) = parts.next() else {
            return Ok(DateValue::month(year, month));
        };
        let day: i8 = d.parse().map_err(|_| err())?;
        let date = jiff::civil::Date::new(year, month, day).map_err(|_| err())?;
        Ok(DateValue::day(date))
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DateValue, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_span_the_precision() {
        let d = |s: &str| s.parse::<DateValue>().expect("date").days();
        assert_eq!(d("1970-01-01"), (0, 0));
        assert_eq!(d("2020-03-11"), (18_332, 18_332));
        assert_eq!(d("2020-02"), (18_293, 18_321), "a leap February");
        assert_eq!(d("2020"), (18_262, 18_627));
        assert_eq!(d("1969-12-31"), (-1, -1));
    }

    #[test]
    fn round_trips_each_precision() {
        for s in ["2020", "2020-03", "2020-03-11"] {
            let v: DateValue = s.parse().expect("valid");
            assert_eq!(v.to_string(), s);
        }
        assert!("2020-02-30".parse::<DateValue>().is_err());
        assert!("20-1".parse::<DateValue>().is_err());
    }

    #[test]
    fn compatibility_respects_precision() {
        let d: DateValue = "2020-03-11".parse().expect("valid");
        let m: DateValue = "2020-03".parse().expect("valid");
        let other: DateValue = "2020-03-10".parse().expect("valid");
        assert!(d.compatible(&m));
        assert!(!d.compatible(&other));
    }
}
