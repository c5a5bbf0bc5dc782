//! Numbers as people write them: the shortest decimal that reads back to the same value
//! (`number`, for the widget, reports and share links) and the one reading of a number from text
//! (`decimal`; `parse_number` also takes full-width digits and thousands separators). Apart from
//! `words` so that `share`, which writes and reads numbers, imports nothing that imports it back;
//! `words` re-exports them.

/// A number as a person writes it (no trailing `.0`), in its shortest form that reads back to the
/// same value (share links depend on that).
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        format!("{}", x as i64)
    } else {
        shortest(x)
    }
}

/// The shortest decimal that reads back as `x`. In the browser, JavaScript's own `Number#toString`
/// (the same shortest round-trip digits): Rust's float formatting would add 14 kB to the wasm for
/// the rare fractional answer.
#[cfg(target_arch = "wasm32")]
fn shortest(x: f64) -> String {
    js_sys::Number::from(x).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
fn shortest(x: f64) -> String {
    format!("{x}")
}

/// Reads a number as a person types it: full-width digits (１２３), a full-width point or minus,
/// and thousands separators (`,` `，` and spaces) are accepted.
pub fn parse_number(text: &str) -> Option<f64> {
    let ascii: String = text
        .trim()
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' | '。' => Some('.'),
            '－' | '−' => Some('-'),
            ',' | '，' | ' ' | '\u{3000}' => None,
            c => Some(c),
        })
        .collect();
    decimal(&ascii)
}

/// A finite number written in plain decimal notation (`-12.5`, `3e6`; no `inf`, no hex, nothing
/// around it): the one reading of a number from text (typed answers and share links).
pub fn decimal(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let from = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - from
    };
    let mut n = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        n += digits(&mut i);
    }
    if n == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    decimal_value(s).filter(|x| x.is_finite())
}

/// The value of a string already checked to be plain decimal notation. In the browser, JavaScript's
/// `parseFloat` (Rust's parser would add its tables to the wasm); on a string that is wholly a
/// decimal it reads all of it. ECMAScript asks for correct rounding only up to 20 significant digits;
/// V8 and SpiderMonkey round correctly beyond (tests/web.rs checks values against Rust's).
#[cfg(target_arch = "wasm32")]
fn decimal_value(s: &str) -> Option<f64> {
    Some(js_sys::Number::parse_float(s))
}

#[cfg(not(target_arch = "wasm32"))]
fn decimal_value(s: &str) -> Option<f64> {
    s.parse().ok()
}
