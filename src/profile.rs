//! The applicant profile of ../shared/profile-contract.md: decoding any serde format (JSON from the
//! CLI, a JS object in the browser, TOML in scenario files) into raw answers, then validating them
//! against the catalog's questions into a `Profile`. An absent field is unknown — never "no", never
//! zero. Unknown fields, unknown options and wrong types are errors that name the field and list
//! what is allowed; every error is reported at once.
//!
//! This module owns the contract's rules for one answer — what an option id is, an exclusive option
//! alone, whole numbers, ranges and the year bound — each written once, and applies them both to
//! answers as serde reads them (`decode_answer`) and to answers written as text, the CSV cells of
//! batch matching (`cell_answer`, and `decode_cell`, which does not allocate).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::catalog::{Catalog, Field, FieldIdx, FieldKind};

/// An answer as written, before it is checked against the questions.
#[derive(Clone, Debug, PartialEq)]
pub enum RawAnswer {
    Text(String),
    Number(f64),
    Bool(bool),
    Null,
    List(Vec<RawAnswer>),
    Object,
    /// A list or object inside a list: never valid, and not read further (bounded depth).
    Nested,
}

/// How `describe` names a text answer.
const A_STRING: &str = "a string";

impl RawAnswer {
    fn describe(&self) -> &'static str {
        match self {
            RawAnswer::Text(_) => A_STRING,
            RawAnswer::Number(_) => "a number",
            RawAnswer::Bool(_) => "true/false",
            RawAnswer::Null => "null",
            RawAnswer::List(_) => "a list",
            RawAnswer::Object => "an object",
            RawAnswer::Nested => "a nested list or object",
        }
    }
}

impl<'de> Deserialize<'de> for RawAnswer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawAnswer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an answer: an option id, a list of option ids, or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Text(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Number(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Number(v as f64))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Bool(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<RawAnswer, E> {
                Ok(RawAnswer::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawAnswer, D::Error> {
                RawAnswer::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawAnswer, A::Error> {
                let mut items = Vec::new();
                while let Some(Item(x)) = seq.next_element::<Item>()? {
                    if items.len() >= 256 {
                        return Err(de::Error::custom("a list of more than 256 answers"));
                    }
                    items.push(x);
                }
                Ok(RawAnswer::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawAnswer, A::Error> {
                while map.next_entry::<de::IgnoredAny, de::IgnoredAny>()?.is_some() {}
                Ok(RawAnswer::Object)
            }
        }
        d.deserialize_any(V)
    }
}

/// An element of a list answer: a scalar, or `Nested` for anything deeper (never recursed into,
/// so a hostile `[[[[…]]]]` cannot exhaust the stack).
struct Item(RawAnswer);

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Item;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an option id")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Item, E> {
                Ok(Item(RawAnswer::Text(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Item, E> {
                Ok(Item(RawAnswer::Number(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Item, E> {
                Ok(Item(RawAnswer::Number(v as f64)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Item, E> {
                Ok(Item(RawAnswer::Number(v as f64)))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Item, E> {
                Ok(Item(RawAnswer::Bool(v)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Item, E> {
                Ok(Item(RawAnswer::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Item, A::Error> {
                Err(de::Error::custom("a list inside a list; answers are option ids"))
            }
            fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Item, A::Error> {
                Err(de::Error::custom("an object inside a list; answers are option ids"))
            }
        }
        d.deserialize_any(V)
    }
}

/// A profile as written: field id → answer.
pub type RawProfile = BTreeMap<String, RawAnswer>;

/// A checked answer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    /// one_of: the option's index.
    Choice(usize),
    /// any_of: the options' bits (empty = none of these).
    Set(u64),
    /// integer / number / year.
    Number(f64),
}

/// A validated profile: one slot per catalog field, `None` = not answered.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Profile {
    values: Vec<Option<Value>>,
}

impl Profile {
    /// An empty profile (nothing answered) for a catalog.
    pub fn empty(catalog: &Catalog) -> Profile {
        Profile { values: vec![None; catalog.fields.len()] }
    }

    pub fn get(&self, field: FieldIdx) -> Option<Value> {
        self.values.get(field).copied().flatten()
    }

    pub fn set(&mut self, field: FieldIdx, value: Option<Value>) {
        if field >= self.values.len() {
            self.values.resize(field + 1, None);
        }
        self.values[field] = value;
    }

    /// How many fields are answered.
    pub fn answered(&self) -> usize {
        self.values.iter().filter(|v| v.is_some()).count()
    }

    /// Back to the contract's form (for share links, the JS API and exports).
    pub fn to_raw(&self, catalog: &Catalog) -> RawProfile {
        let mut out = RawProfile::new();
        for (i, v) in self.values.iter().enumerate() {
            let (Some(v), Some(f)) = (v, catalog.fields.get(i)) else {
                continue;
            };
            let raw = raw_answer(f, *v);
            out.insert(f.id.clone(), raw);
        }
        out
    }
}

/// One checked answer back in the contract's form (option ids, or a number).
pub fn raw_answer(f: &Field, v: Value) -> RawAnswer {
    match v {
        Value::Choice(k) => RawAnswer::Text(f.options[k].id.clone()),
        Value::Set(bits) => RawAnswer::List(f.options_in(bits).map(|(_, o)| RawAnswer::Text(o.id.clone())).collect()),
        Value::Number(x) => RawAnswer::Number(x),
    }
}

impl Serialize for RawAnswer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            RawAnswer::Text(t) => s.serialize_str(t),
            RawAnswer::Number(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
            RawAnswer::Number(x) => s.serialize_f64(*x),
            RawAnswer::Bool(b) => s.serialize_bool(*b),
            RawAnswer::Null => s.serialize_unit(),
            RawAnswer::List(items) => items.serialize(s),
            RawAnswer::Object | RawAnswer::Nested => s.serialize_map(Some(0))?.end(),
        }
    }
}

/// What is wrong with one answer (worded in zh and en by `words::profile_problem`, which also
/// gives it and `ProfileError` their `Display`).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ProblemKind {
    /// No such field in the catalog.
    UnknownField,
    /// No such option for this field.
    UnknownOption {
        option: String,
    },
    /// The answer has the wrong JSON type; `got` names the type received.
    WrongType {
        got: &'static str,
    },
    /// A list of options holds something that is not an option id.
    NotAnOptionId {
        got: &'static str,
    },
    /// "None of these" together with other options.
    ExclusiveCombined {
        option: String,
    },
    NotFinite,
    NotWhole {
        value: f64,
    },
    OutOfRange {
        value: f64,
    },
}

/// One thing wrong with a profile: the field as written, what is wrong, and (for a known field)
/// what is allowed there.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ProfileProblem {
    pub field: String,
    #[serde(flatten)]
    pub kind: ProblemKind,
    /// What is allowed there.
    #[serde(skip)]
    pub allowed: Allowed,
}

/// What a field accepts.
#[derive(Clone, Debug, PartialEq)]
pub enum Allowed {
    /// One of these field ids (for an unknown field).
    Fields(Vec<String>),
    /// One of these option ids.
    OneOf(Vec<String>),
    /// A list of these option ids.
    AnyOf(Vec<String>),
    /// A whole number in the range.
    Whole { min: Option<f64>, max: Option<f64> },
    /// A number in the range.
    Number { min: Option<f64>, max: Option<f64> },
}

impl Field {
    /// What this field accepts when the evaluation year is `year` (the bound of year fields).
    pub fn accepts(&self, year: i32) -> Allowed {
        let ids = || self.options.iter().map(|o| o.id.clone()).collect();
        match self.kind {
            FieldKind::OneOf => Allowed::OneOf(ids()),
            FieldKind::AnyOf => Allowed::AnyOf(ids()),
            FieldKind::Integer | FieldKind::Year => Allowed::Whole { min: self.min, max: self.upper_bound(year) },
            FieldKind::Number => Allowed::Number { min: self.min, max: self.upper_bound(year) },
        }
    }

    /// The largest number this field accepts: `year` itself for a year field (no founding in the
    /// future), else the catalog's `max`.
    pub fn upper_bound(&self, year: i32) -> Option<f64> {
        if self.kind == FieldKind::Year {
            Some(f64::from(year))
        } else {
            self.max
        }
    }
}

/// Every problem of a profile.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ProfileError {
    pub problems: Vec<ProfileProblem>,
}

impl std::error::Error for ProfileError {}

/// Checks raw answers against the catalog's questions. `year` is the evaluation year (the upper
/// bound of year fields).
pub fn decode(catalog: &Catalog, raw: &RawProfile, year: i32) -> Result<Profile, ProfileError> {
    let mut profile = Profile::empty(catalog);
    let mut problems = Vec::new();
    for (id, answer) in raw {
        let Some(fi) = catalog.field_index(id) else {
            problems.push(ProfileProblem {
                field: id.clone(),
                kind: ProblemKind::UnknownField,
                allowed: Allowed::Fields(catalog.fields.iter().map(|f| f.id.clone()).collect()),
            });
            continue;
        };
        match decode_answer(&catalog.fields[fi], answer, year) {
            Ok(v) => profile.set(fi, v),
            Err(kind) => {
                problems.push(ProfileProblem { field: id.clone(), kind, allowed: catalog.fields[fi].accepts(year) })
            }
        }
    }
    if problems.is_empty() {
        Ok(profile)
    } else {
        Err(ProfileError { problems })
    }
}

/// One answer; `Ok(None)` for `null` (explicitly unanswered).
pub fn decode_answer(field: &Field, answer: &RawAnswer, year: i32) -> Result<Option<Value>, ProblemKind> {
    match (field.kind, answer) {
        (_, RawAnswer::Null) => Ok(None),
        (FieldKind::OneOf, RawAnswer::Text(t)) => option(field, t).map(|k| Some(Value::Choice(k))),
        (FieldKind::AnyOf, RawAnswer::List(items)) => {
            let ids = items.iter().map(|item| match item {
                RawAnswer::Text(t) => Ok(t.as_str()),
                other => Err(ProblemKind::NotAnOptionId { got: other.describe() }),
            });
            option_set(field, ids).map(Some)
        }
        (FieldKind::Integer | FieldKind::Number | FieldKind::Year, RawAnswer::Number(x)) => {
            number(field, *x, year).map(Some)
        }
        _ => Err(ProblemKind::WrongType { got: answer.describe() }),
    }
}

// The contract's rules, each stated once: `decode_answer` applies them to answers as serde reads
// them, `decode_cell` to answers written as text (batch matching's CSV cells), without allocating.

/// What an option id is: the id of one of the field's options.
fn option(field: &Field, id: &str) -> Result<usize, ProblemKind> {
    field.option_index(id).ok_or_else(|| ProblemKind::UnknownOption { option: id.to_string() })
}

/// An any_of answer from its option ids (the first problem stops it). An exclusive option ("none
/// of these") stands alone, and means the same as the empty list: answered, nothing applies.
fn option_set<'a>(
    field: &Field,
    ids: impl Iterator<Item = Result<&'a str, ProblemKind>>,
) -> Result<Value, ProblemKind> {
    let mut bits = 0u64;
    for id in ids {
        bits |= 1 << option(field, id?)?;
    }
    let excl = field.exclusive_mask();
    if bits & excl != 0 && bits & !excl != 0 {
        let none: Vec<&str> = field.options.iter().filter(|o| o.exclusive).map(|o| o.id.as_str()).collect();
        return Err(ProblemKind::ExclusiveCombined { option: none.join(", ") });
    }
    Ok(Value::Set(bits & !excl))
}

/// A number answer: finite, whole unless the field is a `number`, within `min` and the upper bound.
fn number(field: &Field, x: f64, year: i32) -> Result<Value, ProblemKind> {
    if !x.is_finite() {
        return Err(ProblemKind::NotFinite);
    }
    if field.kind != FieldKind::Number && x.fract() != 0.0 {
        return Err(ProblemKind::NotWhole { value: x });
    }
    if field.min.is_some_and(|m| x < m) || field.upper_bound(year).is_some_and(|m| x > m) {
        return Err(ProblemKind::OutOfRange { value: x });
    }
    Ok(Value::Number(x))
}

/// The option ids of an any_of answer written as text: separated by `;`, blanks around them and
/// empty items ignored.
fn cell_ids(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|t| !t.is_empty())
}

/// An answer written as text (a CSV cell) as the answer it means: blank = absent; any_of = the
/// `;`-separated option ids; numbers = a number when the text parses as one, else the text (which
/// `decode_answer` then refuses).
pub fn cell_answer(kind: FieldKind, cell: &str) -> Option<RawAnswer> {
    let cell = cell.trim();
    if cell.is_empty() {
        return None;
    }
    Some(match kind {
        FieldKind::OneOf => RawAnswer::Text(cell.to_string()),
        FieldKind::AnyOf => RawAnswer::List(cell_ids(cell).map(|t| RawAnswer::Text(t.to_string())).collect()),
        FieldKind::Integer | FieldKind::Number | FieldKind::Year => match cell.parse::<f64>() {
            Ok(x) => RawAnswer::Number(x),
            Err(_) => RawAnswer::Text(cell.to_string()),
        },
    })
}

/// An answer written as text, decoded by the same rules as `decode_answer` of its `cell_answer`
/// (the same value or the same problem; `Ok(None)` for a blank cell), without allocating unless
/// there is a problem.
pub fn decode_cell(field: &Field, cell: &str, year: i32) -> Result<Option<Value>, ProblemKind> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    match field.kind {
        FieldKind::OneOf => option(field, cell).map(|k| Some(Value::Choice(k))),
        FieldKind::AnyOf => option_set(field, cell_ids(cell).map(Ok)).map(Some),
        FieldKind::Integer | FieldKind::Number | FieldKind::Year => match cell.parse::<f64>() {
            Ok(x) => number(field, x, year).map(Some),
            Err(_) => Err(ProblemKind::WrongType { got: A_STRING }),
        },
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::catalog::from_toml;

    fn catalog() -> Catalog {
        from_toml(
            include_str!("../data/questions.toml"),
            &[("t.toml", include_str!("../tests/fixtures/one-measure.toml"))],
        )
        .unwrap()
    }

    fn problems(json: &str) -> Vec<String> {
        let raw: RawProfile = serde_json::from_str(json).unwrap();
        match decode(&catalog(), &raw, 2026) {
            Ok(_) => vec![],
            Err(e) => e.problems.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn the_contract_example_decodes_and_round_trips() {
        let json = r#"{"entity_type":"enterprise","enterprise_size":"small","industries":["artificial_intelligence","next_gen_it"],"location":"haidian","qualifications":["tech_sme","national_high_tech","first_time_high_tech"],"listing_status":"unlisted","activities":["none"],"employees":45,"founded_year":2019}"#;
        let c = catalog();
        let raw: RawProfile = serde_json::from_str(json).unwrap();
        let p = decode(&c, &raw, 2026).unwrap();
        assert_eq!(p.answered(), 9);
        let back = p.to_raw(&c);
        assert_eq!(decode(&c, &back, 2026).unwrap(), p);
        assert_eq!(back["activities"], RawAnswer::List(vec![]), "[\"none\"] means the same as []");
    }

    #[test]
    fn errors_name_the_field_and_list_what_is_allowed() {
        let p = problems(r#"{"entity":"x"}"#);
        assert!(p[0].contains("field \"entity\": unknown field") && p[0].contains("entity_type"), "{p:?}");
        let p = problems(r#"{"entity_type":"startup"}"#);
        assert!(p[0].contains("unknown option \"startup\"") && p[0].contains("enterprise, university"), "{p:?}");
        let p = problems(r#"{"industries":"quantum"}"#);
        assert!(p[0].contains("expected a list of option ids, got a string"), "{p:?}");
        let p = problems(r#"{"employees":"45"}"#);
        assert!(p[0].contains("expected a number, got a string"), "{p:?}");
        let p = problems(r#"{"employees":4.5}"#);
        assert!(p[0].contains("not a whole number"), "{p:?}");
        let p = problems(r#"{"employees":-1}"#);
        assert!(p[0].contains("out of range"), "{p:?}");
        let p = problems(r#"{"founded_year":2031}"#);
        assert!(p[0].contains("out of range") && p[0].contains("1900 to 2026"), "{p:?}");
        let p = problems(r#"{"activities":["none","journal"]}"#);
        assert!(p[0].contains("cannot be combined"), "{p:?}");
        let p = problems(r#"{"industries":[1]}"#);
        assert!(p[0].contains("expected option ids"), "{p:?}");
        assert_eq!(problems(r#"{"a":1,"b":2,"entity_type":3}"#).len(), 3, "every problem at once");
        assert!(problems(r#"{"employees":null}"#).is_empty(), "null means unanswered");
    }
}
