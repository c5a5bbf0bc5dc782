//! One home for the words the product says outside the catalog's own texts, in zh and en: problems
//! with a profile or a share link, what a field accepts, statuses, verdicts and tests in words. The
//! engine and the decoders return typed problems; they become words only here, at the edge, in the
//! person's language — so the Chinese UI never shows an English sentence for an error. Every
//! user-facing phrase has its home here: the widget's, by screen, in `ui`; the custom element's
//! messages to its host in `embed`; the reports' labels and headings in `report`. A fixed phrase is
//! a [`Phrase`] (both languages side by side, `PHRASE.get(lang)`); one that takes values is a
//! function. `tr` remains for a literal pair inside this module.

use crate::catalog::{Catalog, Field, FieldKind, Lang, Measure, Op, Relation, Test, Text};
use crate::engine::{Group, Slot, Status, Unlock, Verdict};
use crate::profile::{Allowed, ProblemKind, ProfileProblem, Value};
use crate::share::{ShareError, ShareProblem, MAX_FRAGMENT};

/// The same words in both languages.
pub fn both(f: impl Fn(Lang) -> String) -> Text {
    Text { zh: f(Lang::Zh), en: f(Lang::En) }
}

pub use crate::catalog::error::shorten;

/// The catalog check page's words (native, and the browser's check module).
#[cfg(any(not(target_arch = "wasm32"), feature = "check"))]
pub mod check;
pub mod embed;
#[cfg(any(not(target_arch = "wasm32"), feature = "check"))]
pub mod maintenance;
pub mod report;
pub mod ui;

pub use embed::catalog_too_large;

/// A fixed phrase in both languages, named by what it says (`ui::DISMISS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Phrase {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Phrase {
    /// The phrase in `lang` (inlined: each use is the `match` a literal pair would be, with no
    /// `Phrase` kept in the wasm's data).
    #[inline(always)]
    pub const fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }

    /// The phrase in both languages, owned (a notice's text).
    pub fn text(self) -> Text {
        Text { zh: self.zh.into(), en: self.en.into() }
    }
}

/// The mark of a group, beside its words (never colour alone).
pub fn group_mark(g: Group) -> &'static str {
    match g {
        Group::Eligible => "✓",
        Group::Confirm => "?",
        Group::WorthALook => "·",
        Group::Ineligible => "✗",
        Group::Inactive => "–",
    }
}

/// The mark of one criterion's outcome: met, not met, to confirm (a loose condition the answers
/// miss), not answered yet.
pub fn truth_mark(t: crate::engine::Truth, doubt: bool) -> &'static str {
    use crate::engine::Truth;
    match t {
        Truth::Met => "✓",
        Truth::Unmet => "✗",
        Truth::Unknown if doubt => "≈",
        Truth::Unknown => "?",
    }
}

/// A phrase in the UI's language.
pub fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Between the items of a list of names or titles: "、" / "; ".
pub const LIST_SEP: Phrase = Phrase { zh: "、", en: "; " };

/// Between parts of a sentence, or items that are sentences: "；" / "; ".
pub const SEMICOLON: Phrase = Phrase { zh: "；", en: "; " };

/// A document's title in the language's quotation marks: 《…》 or “…”.
pub fn quoted_title(title: &Text, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("《{}》", title.zh),
        Lang::En => format!("“{}”", title.en),
    }
}

/// The line shown while a language's catalog texts download, in that language.
pub fn loading_language(l: Lang) -> &'static str {
    match l {
        Lang::Zh => "正在加载中文……",
        Lang::En => "Loading English…",
    }
}

/// Shown in a card's reasons until the notes and quoted clauses have arrived.
pub fn loading_details(l: Lang) -> &'static str {
    tr(l, "正在加载原文条款与说明……", "Loading the quoted clauses and notes…")
}

pub use crate::number::{decimal, number, parse_number};

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

/// A change in words: the field's verb and the option ("取得：国家高新技术企业").
pub fn change_text(catalog: &Catalog, u: &Unlock, lang: Lang) -> String {
    let f = &catalog.fields[u.field];
    let verb = f.unlock.as_ref().map(|t| t.get(lang)).unwrap_or_default();
    let option = f.options[u.option].label.get(lang);
    match lang {
        Lang::Zh => format!("{verb}：{option}"),
        Lang::En => format!("{verb}: {option}"),
    }
}

/// "In force", "Not yet in force (from …)", "Expired on …", "Repealed by … on …". With
/// `until` (the measure's end date, while in force) it adds "expires in N days".
pub fn status_text(
    catalog: &Catalog,
    s: Status,
    as_of: crate::date::Date,
    until: Option<crate::date::Date>,
    lang: Lang,
) -> String {
    let zh = lang == Lang::Zh;
    match s {
        Status::InForce => match until {
            Some(u) => {
                let n = as_of.days_until(u);
                if zh {
                    format!("有效，{n} 天后到期（{u}）")
                } else {
                    format!("In force; expires in {n} days ({u})")
                }
            }
            None if zh => "有效".into(),
            None => "In force".into(),
        },
        Status::NotStated if zh => "有效期未载明".into(),
        Status::NotStated => "Validity not stated".into(),
        Status::NotYetInForce { from } if zh => format!("尚未生效（{from} 起施行）"),
        Status::NotYetInForce { from } => format!("Not yet in force (from {from})"),
        Status::Expired { until } if zh => format!("已于 {until} 到期"),
        Status::Expired { until } => format!("Expired on {until}"),
        Status::Repealed { document, date } => {
            let t = catalog.documents[document].title.get(lang);
            if zh {
                format!("已废止：{date} 起由《{t}》替代")
            } else {
                format!("Repealed on {date} by “{t}”")
            }
        }
    }
}

/// A measure's status with its end date in words ("expires in N days" when in force).
pub fn measure_status_text(catalog: &Catalog, m: &Measure, s: Status, as_of: crate::date::Date, lang: Lang) -> String {
    status_text(catalog, s, as_of, if s == Status::InForce { m.effective_until } else { None }, lang)
}

fn option_labels(f: &Field, mask: u64, lang: Lang) -> Vec<&str> {
    f.options_in(mask).map(|(_, o)| o.label.get(lang)).collect()
}

fn join_or(items: &[&str], lang: Lang) -> String {
    match (lang, items) {
        (_, [one]) => one.to_string(),
        (Lang::Zh, _) => items.join("、"),
        (Lang::En, [init @ .., last]) => format!("{} or {last}", init.join(", ")),
        (Lang::En, []) => String::new(),
    }
}

/// A test in words, e.g. "申请主体类型为企业" / "Who is applying? is Company".
pub fn test_text(catalog: &Catalog, t: &Test, lang: Lang) -> String {
    let f = &catalog.fields[t.field];
    let label = f.label.get(lang).trim_end_matches(['?', '？']);
    let zh = lang == Lang::Zh;
    match (&t.op, f.kind) {
        (Op::In(mask), FieldKind::AnyOf) => {
            let o = join_or(&option_labels(f, *mask, lang), lang);
            if zh {
                format!("{label}包括{}{o}", if mask.count_ones() > 1 { "以下任一：" } else { "" })
            } else {
                format!("{label}: includes {o}")
            }
        }
        (Op::In(mask), _) => {
            let o = join_or(&option_labels(f, *mask, lang), lang);
            if zh {
                format!("{label}为{o}")
            } else {
                format!("{label}: {o}")
            }
        }
        (Op::NotIn(mask), _) => {
            let o = join_or(&option_labels(f, *mask, lang), lang);
            if zh {
                format!("{label}不为{o}")
            } else {
                format!("{label}: not {o}")
            }
        }
        (Op::Range { min, max }, _) => match (min, max, zh) {
            (Some(a), Some(b), true) => format!("{label}在 {} 至 {} 之间", number(*a), number(*b)),
            (Some(a), Some(b), false) => format!("{label}: between {} and {}", number(*a), number(*b)),
            (Some(a), None, true) => format!("{label}不低于 {}", number(*a)),
            (Some(a), None, false) => format!("{label}: at least {}", number(*a)),
            (None, Some(b), true) => format!("{label}不超过 {}", number(*b)),
            (None, Some(b), false) => format!("{label}: at most {}", number(*b)),
            (None, None, true) => format!("{label}已回答"),
            (None, None, false) => format!("{label}: answered"),
        },
    }
}

/// An answer in words ("未回答" / "not answered" when unknown).
pub fn answer_text(f: &Field, slot: Slot, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match slot {
        Slot::Unknown if zh => "未回答".into(),
        Slot::Unknown => "not answered".into(),
        Slot::NotAsked if zh => "不适用".into(),
        Slot::NotAsked => "does not apply".into(),
        Slot::Answered(v) | Slot::Conditional(v) => match v {
            Value::Choice(k) => f.options[k].label.get(lang).to_string(),
            Value::Set(0) if zh => "无".into(),
            Value::Set(0) => "none".into(),
            Value::Set(bits) => option_labels(f, bits, lang).join(if zh { "、" } else { ", " }),
            Value::Number(x) => number(x),
        },
    }
}

/// Verdict names (the JSON `verdict` in words). They claim no more than the text: "eligible"
/// means every condition the text states is met.
pub fn verdict_text(v: Verdict, lang: Lang) -> &'static str {
    match (v, lang) {
        (Verdict::Eligible, Lang::Zh) => "符合已公布的条件",
        (Verdict::Eligible, Lang::En) => "Meets the published conditions",
        (Verdict::Possible, Lang::Zh) => "待确认",
        (Verdict::Possible, Lang::En) => "To confirm",
        (Verdict::Ineligible, Lang::Zh) => "不符合",
        (Verdict::Ineligible, Lang::En) => "Not eligible",
        (Verdict::Inactive, Lang::Zh) => "未生效或已失效",
        (Verdict::Inactive, Lang::En) => "Not in force",
    }
}

/// Group names (the widget's sections and the CLI's headings).
pub fn group_text(g: Group, lang: Lang) -> &'static str {
    match (g, lang) {
        (Group::WorthALook, Lang::Zh) => "可关注（原文未载明申报条件）",
        (Group::WorthALook, Lang::En) => "Worth a look (the text states no conditions)",
        (Group::Eligible, _) => verdict_text(Verdict::Eligible, lang),
        (Group::Confirm, _) => verdict_text(Verdict::Possible, lang),
        (Group::Ineligible, _) => verdict_text(Verdict::Ineligible, lang),
        (Group::Inactive, _) => verdict_text(Verdict::Inactive, lang),
    }
}

/// "Details: 《…》" — what the text leaves to rules or a call for applications, in one line.
pub fn left_to_text(m: &Measure, lang: Lang) -> Option<String> {
    if m.left_to.is_empty() {
        return None;
    }
    let names: Vec<&str> = m.left_to.iter().map(|l| l.rules.get(lang)).collect();
    Some(match lang {
        Lang::Zh => format!("具体条件以{}为准", names.join("、")),
        Lang::En => format!("Further conditions are set by {}", names.join("; ")),
    })
}

/// The heading of a programme's members on its card: which document's verdict the card shows.
pub fn programme_heading(doc_title: &Text, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("同一项目见于多份文件；本卡的结论依据《{}》（原文优先于规划，规划优先于新闻报道）：", doc_title.zh),
        Lang::En => format!(
            "One programme in several documents; this card's verdict follows “{}” (the policy text before a plan, a plan before a news report):",
            doc_title.en
        ),
    }
}

/// A link to another measure in words ("前置：" / "Prerequisite: ").
pub fn relation_text(r: Relation, lang: Lang) -> &'static str {
    match (r, lang) {
        (Relation::SameScheme, Lang::Zh) => "同一项目，另见",
        (Relation::SameScheme, Lang::En) => "Same programme, also in",
        (Relation::Prerequisite, Lang::Zh) => "须先取得",
        (Relation::Prerequisite, Lang::En) => "Requires first",
        (Relation::Successor, Lang::Zh) => "后续措施",
        (Relation::Successor, Lang::En) => "Followed by",
        (Relation::LeadsTo, Lang::Zh) => "取得后可申报",
        (Relation::LeadsTo, Lang::En) => "Opens the way to",
        (Relation::Predecessor, Lang::Zh) => "此前措施",
        (Relation::Predecessor, Lang::En) => "Follows",
    }
}

/// A status in a word or two, for the counts per status (`stats`, the check page).
pub fn status_word(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::InForce, Lang::Zh) => "有效",
        (Status::InForce, Lang::En) => "in force",
        (Status::NotStated, Lang::Zh) => "有效期未载明",
        (Status::NotStated, Lang::En) => "validity not stated",
        (Status::NotYetInForce { .. }, Lang::Zh) => "尚未生效",
        (Status::NotYetInForce { .. }, Lang::En) => "not yet in force",
        (Status::Expired { .. }, Lang::Zh) => "已到期",
        (Status::Expired { .. }, Lang::En) => "expired",
        (Status::Repealed { .. }, Lang::Zh) => "已废止",
        (Status::Repealed { .. }, Lang::En) => "repealed",
    }
}

// The words of a profile's problems are its `Display` (here, not in `profile`, so that `profile`
// imports nothing that imports it back).
impl std::fmt::Display for crate::profile::ProfileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&profile_problem(self, Lang::En))
    }
}

impl crate::profile::ProfileError {
    /// Every problem in one language, one per line.
    pub fn text(&self, lang: Lang) -> String {
        let lines: Vec<String> = self.problems.iter().map(|p| profile_problem(p, lang)).collect();
        lines.join("\n")
    }
}

impl std::fmt::Display for crate::profile::ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// What the page says of a fragment that is not a share link of this tool.
pub const NOT_OUR_LINK: Phrase = Phrase { zh: "不是本工具的链接", en: "not a policy-matcher link" };

// The words of a share link's problems (here, beside a profile's).
impl ShareProblem {
    /// The problem in words.
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            ShareProblem::TooLong(n) if zh => format!("链接长 {n} 字节，最多允许 {MAX_FRAGMENT} 字节"),
            ShareProblem::TooLong(n) => format!("the link is {n} bytes long; at most {MAX_FRAGMENT} are allowed"),
            ShareProblem::NoVersion if zh => "链接未注明目录版本（v=…）".into(),
            ShareProblem::NoVersion => "the link names no catalog version (v=…)".into(),
            ShareProblem::NotKeyValue(p) if zh => format!("“{p}”不是“名称=值”的形式"),
            ShareProblem::NotKeyValue(p) => format!("\"{p}\" is not key=value"),
            ShareProblem::BadDate(v, _) if zh => format!("日期“{v}”无效（应为 YYYY-MM-DD 且确有此日）"),
            ShareProblem::BadDate(v, e) => format!("date \"{v}\": {e}"),
            ShareProblem::BadLang(v) if zh => format!("语言“{v}”无效；可选：zh、en"),
            ShareProblem::BadLang(v) => format!("language \"{v}\": allowed: zh, en"),
            ShareProblem::UnknownField(k) if zh => format!("没有字段“{k}”"),
            ShareProblem::UnknownField(k) => format!("unknown field \"{k}\""),
            ShareProblem::Twice(k) if zh => format!("字段“{k}”出现了两次"),
            ShareProblem::Twice(k) => format!("field \"{k}\" appears twice"),
            ShareProblem::NotANumber(k, v) if zh => format!("字段“{k}”：“{v}”不是数字"),
            ShareProblem::NotANumber(k, v) => format!("field \"{k}\": \"{v}\" is not a number"),
            ShareProblem::Answer(p) => profile_problem(p, lang),
        }
    }
}

impl ShareError {
    /// Every problem in one language.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ShareError::NotOurs => NOT_OUR_LINK.get(lang).into(),
            ShareError::Invalid(ps) => ps.iter().map(|p| p.text(lang)).collect::<Vec<_>>().join(SEMICOLON.get(lang)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_accepts_exactly_rusts_plain_notation() {
        for ok in ["0", "-12.5", "+5", ".5", "5.", "1e5", "1E-7", "12345678901.123456", "-0"] {
            assert_eq!(decimal(ok), ok.parse::<f64>().ok(), "{ok}");
        }
        for bad in ["", "-", ".", "e5", "1e", "1e+", "inf", "NaN", "infinity", "0x10", "1 2", "12abc", "1e999", "--1"] {
            assert_eq!(decimal(bad), None, "{bad}");
        }
    }

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
