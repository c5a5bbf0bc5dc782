//! One home for the words the product says outside the catalog's own texts, in zh and en: problems
//! with a profile or a share link, what a field accepts, and the small UI phrases (`tr`). The
//! engine and the decoders return typed problems; they become words only here, at the edge, in the
//! person's language — so the Chinese UI never shows an English sentence for an error.

use crate::catalog::Lang;
use crate::profile::{Allowed, ProblemKind, ProfileProblem};

/// A phrase in the UI's language.
pub fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A number as a person writes it (no trailing `.0`).
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
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
    ascii.parse::<f64>().ok().filter(|x| x.is_finite())
}

fn range(min: Option<f64>, max: Option<f64>, lang: Lang) -> String {
    match (min, max, lang) {
        (Some(a), Some(b), Lang::Zh) => format!("{} 至 {}", number(a), number(b)),
        (Some(a), Some(b), Lang::En) => format!(" from {} to {}", number(a), number(b)),
        (Some(a), None, Lang::Zh) => format!("不小于 {}", number(a)),
        (Some(a), None, Lang::En) => format!(" ≥ {}", number(a)),
        (None, Some(b), Lang::Zh) => format!("不大于 {}", number(b)),
        (None, Some(b), Lang::En) => format!(" ≤ {}", number(b)),
        (None, None, _) => String::new(),
    }
}

/// What a field accepts, e.g. "a whole number from 0 to 10000000" / "0 至 10000000 之间的整数".
pub fn allowed(a: &Allowed, lang: Lang) -> String {
    match (a, lang) {
        (Allowed::Fields(ids), Lang::Zh) => format!("以下字段之一：{}", ids.join(", ")),
        (Allowed::Fields(ids), Lang::En) => format!("the fields {}", ids.join(", ")),
        (Allowed::OneOf(ids), Lang::Zh) => format!("以下选项之一：{}", ids.join(", ")),
        (Allowed::OneOf(ids), Lang::En) => ids.join(", "),
        (Allowed::AnyOf(ids), Lang::Zh) => format!("由以下选项组成的列表：{}", ids.join(", ")),
        (Allowed::AnyOf(ids), Lang::En) => format!("a list of: {}", ids.join(", ")),
        (Allowed::Whole { min, max }, Lang::Zh) => format!("{}之间的整数", range(*min, *max, lang)),
        (Allowed::Whole { min, max }, Lang::En) => format!("a whole number{}", range(*min, *max, lang)),
        (Allowed::Number { min, max }, Lang::Zh) => format!("{}之间的数字", range(*min, *max, lang)),
        (Allowed::Number { min, max }, Lang::En) => format!("a number{}", range(*min, *max, lang)),
    }
}

fn type_name(t: &str, lang: Lang) -> &'static str {
    match (t, lang) {
        ("a string", Lang::Zh) => "文字",
        ("a number", Lang::Zh) => "数字",
        ("true/false", Lang::Zh) => "真/假值",
        ("null", Lang::Zh) => "空值",
        ("a list", Lang::Zh) => "列表",
        ("an object", Lang::Zh) => "对象",
        (_, Lang::Zh) => "嵌套的列表或对象",
        ("a string", _) => "a string",
        ("a number", _) => "a number",
        ("true/false", _) => "true/false",
        ("null", _) => "null",
        ("a list", _) => "a list",
        ("an object", _) => "an object",
        _ => "a nested list or object",
    }
}

/// What is wrong with one answer, without the field name.
pub fn problem_kind(kind: &ProblemKind, a: &Allowed, lang: Lang) -> String {
    let expected = |lang| match (a, lang) {
        (Allowed::OneOf(_), Lang::Zh) => "一个选项编号（文字）",
        (Allowed::OneOf(_), Lang::En) => "one option id (a string)",
        (Allowed::AnyOf(_), Lang::Zh) => "选项编号组成的列表",
        (Allowed::AnyOf(_), Lang::En) => "a list of option ids",
        (_, Lang::Zh) => "数字",
        (_, Lang::En) => "a number",
    };
    match (kind, lang) {
        (ProblemKind::UnknownField, Lang::Zh) => "没有这个字段".into(),
        (ProblemKind::UnknownField, Lang::En) => "unknown field".into(),
        (ProblemKind::UnknownOption { option }, Lang::Zh) => format!("没有选项“{option}”"),
        (ProblemKind::UnknownOption { option }, Lang::En) => format!("unknown option \"{option}\""),
        (ProblemKind::WrongType { got }, Lang::Zh) => {
            format!("应为{}，收到的是{}", expected(lang), type_name(got, lang))
        }
        (ProblemKind::WrongType { got }, Lang::En) => format!("expected {}, got {got}", expected(lang)),
        (ProblemKind::NotAnOptionId { got }, Lang::Zh) => {
            format!("列表中应为选项编号（文字），收到的是{}", type_name(got, lang))
        }
        (ProblemKind::NotAnOptionId { got }, Lang::En) => {
            format!("expected option ids (strings) in the list, got {got}")
        }
        (ProblemKind::ExclusiveCombined { option }, Lang::Zh) => format!("“{option}”不能与其他选项同时选择"),
        (ProblemKind::ExclusiveCombined { option }, Lang::En) => {
            format!("\"{option}\" cannot be combined with other options")
        }
        (ProblemKind::NotFinite, Lang::Zh) => "不是有效数字".into(),
        (ProblemKind::NotFinite, Lang::En) => "not a finite number".into(),
        (ProblemKind::NotWhole { value }, Lang::Zh) => format!("{} 不是整数", number(*value)),
        (ProblemKind::NotWhole { value }, Lang::En) => format!("{} is not a whole number", number(*value)),
        (ProblemKind::OutOfRange { value }, Lang::Zh) => format!("{} 超出范围", number(*value)),
        (ProblemKind::OutOfRange { value }, Lang::En) => format!("{} is out of range", number(*value)),
    }
}

/// One profile problem in words: the field, what is wrong, what is allowed.
pub fn profile_problem(p: &ProfileProblem, lang: Lang) -> String {
    let what = problem_kind(&p.kind, &p.allowed, lang);
    let ok = allowed(&p.allowed, lang);
    match lang {
        Lang::Zh => format!("字段“{}”：{what}；可填写：{ok}", p.field),
        Lang::En => format!("field \"{}\": {what}; allowed: {ok}", p.field),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_separators_are_numbers() {
        assert_eq!(parse_number("１２３"), Some(123.0));
        assert_eq!(parse_number(" 1,234.5 "), Some(1234.5));
        assert_eq!(parse_number("１，０００"), Some(1000.0));
        assert_eq!(parse_number("３．５"), Some(3.5));
        assert_eq!(parse_number("abc"), None);
    }

    #[test]
    fn every_problem_reads_in_both_languages_without_the_other() {
        let a = Allowed::Whole { min: Some(0.0), max: Some(10.0) };
        for kind in [
            ProblemKind::UnknownField,
            ProblemKind::UnknownOption { option: "x".into() },
            ProblemKind::WrongType { got: "a string" },
            ProblemKind::NotAnOptionId { got: "a number" },
            ProblemKind::ExclusiveCombined { option: "none".into() },
            ProblemKind::NotFinite,
            ProblemKind::NotWhole { value: 1.5 },
            ProblemKind::OutOfRange { value: 11.0 },
        ] {
            let p = ProfileProblem { field: "employees".into(), kind, allowed: a.clone() };
            let zh = profile_problem(&p, Lang::Zh);
            let letters = zh.chars().filter(|c| c.is_ascii_alphabetic()).count();
            // Only the field id and option ids may be ASCII in the Chinese text.
            assert!(letters <= "employees".len() + "none".len(), "{zh}");
            assert!(profile_problem(&p, Lang::En).is_ascii(), "{p:?}");
        }
    }
}
