//! Calendar dates without a dependency: parsing `YYYY-MM-DD` strictly (no 2023-02-30), ordering,
//! day arithmetic for "expires in N days", and today's date on a native machine. The catalog, the
//! profile and the engine all use this one type.

use std::fmt;

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a string is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    Format,
    /// Of the right form but not a day in the calendar (month 13, 30 February, …).
    NoSuchDay,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format => f.write_str("expected a date written YYYY-MM-DD, e.g. 2024-10-09"),
            DateError::NoSuchDay => f.write_str("that day does not exist in the calendar"),
        }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, if it exists in the calendar (years 1000 to 9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
            return Err(DateError::Format);
        }
        let num = |r: std::ops::Range<usize>| s[r].parse::<i32>().unwrap_or(0);
        let (y, m, d) = (num(0..4), num(5..7), num(8..10));
        Date::new(y, m as u8, d as u8).ok_or(DateError::NoSuchDay)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's civil-from-days algorithm.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Whole days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.to_days() - self.to_days()
    }

    /// The day in Beijing (UTC+8) at a Unix time in seconds — how every "today" is computed.
    pub fn beijing_day_of_unix(secs: i64) -> Date {
        Date::from_days((secs + 8 * 3600).div_euclid(86_400))
    }

    /// Today in UTC+8 (Beijing), from the system clock. Native only: the browser asks JavaScript.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn today() -> Date {
        let secs =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        Date::beijing_day_of_unix(secs)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The written form back into a date (the bundled catalog's bytes carry dates as text).
impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = <&str as serde::Deserialize>::deserialize(d)?;
        Date::parse(s).map_err(serde::de::Error::custom)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn parses_real_days_only() {
        assert_eq!(Date::parse("2024-10-09").unwrap().to_string(), "2024-10-09");
        assert_eq!(Date::parse("2024-02-29").unwrap().year(), 2024);
        assert_eq!(Date::parse("2023-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2024-13-01"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2024-1-1"), Err(DateError::Format));
        assert_eq!(Date::parse("soon"), Err(DateError::Format));
        assert_eq!(Date::parse("２０２４-10-09"), Err(DateError::Format));
    }

    #[test]
    fn day_arithmetic_round_trips() {
        let d = Date::parse("2024-10-09").unwrap();
        assert_eq!(Date::from_days(d.to_days()), d);
        assert_eq!(Date::parse("1970-01-01").unwrap().to_days(), 0);
        assert_eq!(d.days_until(Date::parse("2025-10-09").unwrap()), 365);
        for n in [-800_000i64, -1, 0, 59, 60, 11_016, 20_000, 2_000_000] {
            assert_eq!(Date::from_days(n).to_days(), n);
        }
    }
}
