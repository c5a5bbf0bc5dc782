//! Share links and saved answers: a profile written as `key=value&…`, readable by a person and
//! carried in a URL fragment (never sent to a server). The same text is what "remember my answers"
//! stores on the device. Format: `pm=1&v=<catalog version>[&d=<as-of>][&l=zh|en]&<field>=<value>…`
//! where a one_of value is an option id, an any_of value is option ids joined by `,` (empty for
//! none), and a number is written in decimal. Decoding is all-or-nothing: a bad fragment is
//! reported and nothing of it is applied.

use std::fmt;

use crate::catalog::{Catalog, FieldKind, Lang};
use crate::date::{Date, DateError};
use crate::profile::{decode, Profile, ProfileProblem, RawAnswer, RawProfile, Value};

/// The most bytes a fragment may have.
pub const MAX_FRAGMENT: usize = 8192;

/// What a share link or saved record carries.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    /// The catalog version it was made with.
    pub version: String,
    pub as_of: Option<Date>,
    pub lang: Option<Lang>,
    pub profile: Profile,
}

/// Why a fragment could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareError {
    /// Not a policy-matcher fragment at all (no `pm=1`): not an error for the page, just ignore.
    NotOurs,
    /// Ours, but damaged or tampered with: every problem found.
    Invalid(Vec<ShareProblem>),
}

/// One thing wrong with a share link or saved record.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareProblem {
    TooLong(usize),
    NoVersion,
    NotKeyValue(String),
    BadDate(String, DateError),
    BadLang(String),
    UnknownField(String),
    Twice(String),
    NotANumber(String, String),
    /// An answer the questions do not accept.
    Answer(ProfileProblem),
}

// The words of a share link's problems (`text`) are in `words`, beside a profile's.

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

use crate::number::number;

/// Writes a fragment (without the leading `#`).
pub fn encode(catalog: &Catalog, profile: &Profile, as_of: Option<Date>, lang: Option<Lang>) -> String {
    let mut parts = vec!["pm=1".to_string(), format!("v={}", catalog.version)];
    if let Some(d) = as_of {
        parts.push(format!("d={d}"));
    }
    if let Some(l) = lang {
        parts.push(format!("l={}", l.code()));
    }
    for (i, f) in catalog.fields.iter().enumerate() {
        let Some(v) = profile.get(i) else { continue };
        let value = match v {
            Value::Choice(k) => f.options[k].id.clone(),
            Value::Set(bits) => f.options_in(bits).map(|(_, o)| o.id.as_str()).collect::<Vec<_>>().join(","),
            Value::Number(x) => number(x),
        };
        parts.push(format!("{}={value}", f.id));
    }
    parts.join("&")
}

/// Reads a fragment (with or without the leading `#`). `today_year` bounds year answers.
pub fn decode_fragment(catalog: &Catalog, fragment: &str, today_year: i32) -> Result<Shared, ShareError> {
    let text = fragment.strip_prefix('#').unwrap_or(fragment);
    if text.len() > MAX_FRAGMENT {
        return Err(ShareError::Invalid(vec![ShareProblem::TooLong(text.len())]));
    }
    let mut version = None;
    let mut as_of = None;
    let mut lang = None;
    let mut raw = RawProfile::new();
    let mut problems = Vec::new();
    // Mail and chat clients may percent-encode the fragment (`,` → `%2C`, `=` → `%3D`): decode each
    // part before reading it. Ids never contain `&`, so splitting first is safe.
    let parts: Vec<String> = text
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| percent_encoding::percent_decode_str(p).decode_utf8_lossy().into_owned())
        .collect();
    if !parts.iter().any(|p| p == "pm=1") {
        return Err(ShareError::NotOurs);
    }
    for part in &parts {
        let Some((key, value)) = part.split_once('=') else {
            problems.push(ShareProblem::NotKeyValue(crate::catalog::error::shorten(part)));
            continue;
        };
        match key {
            "pm" => {}
            "v" => version = Some(value.to_string()),
            "d" => match Date::parse(value) {
                Ok(d) => as_of = Some(d),
                Err(e) => problems.push(ShareProblem::BadDate(crate::catalog::error::shorten(value), e)),
            },
            "l" => match Lang::parse(value) {
                Some(l) => lang = Some(l),
                None => problems.push(ShareProblem::BadLang(crate::catalog::error::shorten(value))),
            },
            _ => {
                let Some(fi) = catalog.field_index(key) else {
                    problems.push(ShareProblem::UnknownField(crate::catalog::error::shorten(key)));
                    continue;
                };
                if raw.contains_key(key) {
                    problems.push(ShareProblem::Twice(key.to_string()));
                    continue;
                }
                let answer = match catalog.fields[fi].kind {
                    FieldKind::OneOf => RawAnswer::Text(value.to_string()),
                    FieldKind::AnyOf if value.is_empty() => RawAnswer::List(vec![]),
                    FieldKind::AnyOf => {
                        RawAnswer::List(value.split(',').map(|s| RawAnswer::Text(s.to_string())).collect())
                    }
                    _ => match crate::number::decimal(value) {
                        Some(x) => RawAnswer::Number(x),
                        None => {
                            problems
                                .push(ShareProblem::NotANumber(key.to_string(), crate::catalog::error::shorten(value)));
                            continue;
                        }
                    },
                };
                raw.insert(key.to_string(), answer);
            }
        }
    }
    let Some(version) = version else {
        return Err(ShareError::Invalid(vec![ShareProblem::NoVersion]));
    };
    let profile = match decode(catalog, &raw, today_year) {
        Ok(p) => Some(p),
        Err(e) => {
            problems.extend(e.problems.into_iter().map(ShareProblem::Answer));
            None
        }
    };
    match profile {
        Some(profile) if problems.is_empty() => Ok(Shared { version, as_of, lang, profile }),
        _ => Err(ShareError::Invalid(problems)),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::catalog::load;

    fn catalog() -> Catalog {
        load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))).unwrap()
    }

    #[test]
    fn round_trip() {
        let c = catalog();
        let raw: RawProfile = serde_json::from_str(
            r#"{"entity_type":"enterprise","enterprise_size":"small","industries":["artificial_intelligence","next_gen_it"],"activities":[],"employees":45,"annual_revenue_wan":1234.5}"#,
        )
        .unwrap();
        let p = decode(&c, &raw, 2026).unwrap();
        let d = Date::parse("2025-01-02").unwrap();
        let text = encode(&c, &p, Some(d), Some(Lang::En));
        assert!(text.starts_with(&format!("pm=1&v={}&d=2025-01-02&l=en&entity_type=enterprise", c.version)), "{text}");
        assert!(
            text.contains("industries=next_gen_it,artificial_intelligence") && text.contains("activities=&"),
            "{text}"
        );
        let back = decode_fragment(&c, &format!("#{text}"), 2026).unwrap();
        assert_eq!(
            back,
            Shared { version: c.version.clone(), as_of: Some(d), lang: Some(Lang::En), profile: p.clone() }
        );
        // A mail or chat client that percent-encodes the separators does not break the link.
        let mangled = text.replace(',', "%2C").replace("pm=1", "pm%3D1");
        let back = decode_fragment(&c, &format!("#{mangled}"), 2026).unwrap();
        assert_eq!(back.profile, p, "{mangled}");
    }

    #[test]
    fn damaged_links_are_refused_whole_with_a_reason() {
        let c = catalog();
        assert_eq!(decode_fragment(&c, "#section-2", 2026), Err(ShareError::NotOurs));
        let bad = |f: &str| match decode_fragment(&c, f, 2026) {
            Err(e @ ShareError::Invalid(_)) => {
                let zh = e.text(Lang::Zh);
                assert!(!zh.contains("unknown") && !zh.contains("allowed"), "Chinese words for {f}: {zh}");
                e.text(Lang::En)
            }
            other => panic!("{f}: {other:?}"),
        };
        assert!(bad("pm=1&entity_type=enterprise").contains("no catalog version"));
        assert!(bad("pm=1&v=x&entity_type=startup").contains("unknown option \"startup\""));
        assert!(bad("pm=1&v=x&sector=ai").contains("unknown field \"sector\""));
        assert!(bad("pm=1&v=x&employees=lots").contains("is not a number"));
        assert!(bad("pm=1&v=x&d=2023-02-30").contains("does not exist"));
        assert!(bad("pm=1&v=x&employees=1&employees=2").contains("appears twice"));
        assert!(bad("pm=1&v=x&garbage").contains("not key=value"));
        assert!(bad(&format!("pm=1&v=x&{}", "a".repeat(9000))).contains("at most 8192"));
    }
}
