//! The words of the maintainers' reports, in zh and en: `policy-matcher diff` (the comparison in
//! words and its summary line, `diff::render_text`) and `policy-matcher stats` (`stats::render_text`).
//! English keeps the words these reports always printed (scripts and tests read them).

use super::Phrase;
use crate::catalog::Lang;

/// The two catalogs of a diff and the evaluation date.
#[inline]
pub fn diff_header(old: (&str, &str, usize), new: (&str, &str, usize), as_of: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "旧目录 {}（版本 {}，{} 项措施）\n新目录 {}（版本 {}，{} 项措施）\n评估日期 {as_of}",
            old.0, old.1, old.2, new.0, new.1, new.2
        ),
        Lang::En => format!(
            "OLD {} (version {}, {} measures)\nNEW {} (version {}, {} measures)\nresults as of {as_of}",
            old.0, old.1, old.2, new.0, new.1, new.2
        ),
    }
}

/// A section's heading with its count: `questions`, `added`, `removed`, `changed`, `applicants`.
#[inline]
pub fn diff_section(which: &str, n: usize, lang: Lang) -> String {
    match (which, lang) {
        ("questions", Lang::Zh) => format!("问题（{n} 处变化）"),
        ("questions", Lang::En) => format!("questions ({n} changes)"),
        ("added", Lang::Zh) => format!("新增措施（{n}）"),
        ("added", Lang::En) => format!("measures added ({n})"),
        ("removed", Lang::Zh) => format!("删除措施（{n}）"),
        ("removed", Lang::En) => format!("measures removed ({n})"),
        ("changed", Lang::Zh) => format!("修改措施（{n}）"),
        ("changed", Lang::En) => format!("measures changed ({n})"),
        (_, Lang::Zh) => format!("示例申请人（{n}）"),
        (_, Lang::En) => format!("sample applicants ({n})"),
    }
}

pub const NO_MOVES: Phrase = Phrase { zh: "结果无变化", en: "no result moves" };
pub const NOTE: Phrase = Phrase { zh: "注：", en: "note: " };
pub const ABSENT: Phrase = Phrase { zh: "不存在", en: "absent" };

/// An applicant's moves, counted.
#[inline]
pub fn applicant_moves(gains: usize, loses: usize, changes: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("新增 {gains}，失去 {loses}，改变 {changes}"),
        Lang::En => format!("gains {gains}, loses {loses}, changes {changes}"),
    }
}

/// The kind of a move (`gains`, `loses`, `changes`) in words.
#[inline]
pub fn move_kind(kind: &str, lang: Lang) -> &str {
    match (kind, lang) {
        ("gains", Lang::Zh) => "新增",
        ("loses", Lang::Zh) => "失去",
        ("changes", Lang::Zh) => "改变",
        (k, _) => k,
    }
}

/// A change's before and after (`path: old → new`, added, removed, text changed).
#[inline]
pub fn change(path: &str, old: Option<&str>, new: Option<&str>, lang: Lang) -> String {
    match (old, new, lang) {
        (Some(a), Some(b), _) => format!("{path}: {a} → {b}"),
        (None, Some(b), Lang::Zh) => format!("{path}：新增：{b}"),
        (None, Some(b), Lang::En) => format!("{path}: added: {b}"),
        (Some(a), None, Lang::Zh) => format!("{path}：删除：{a}"),
        (Some(a), None, Lang::En) => format!("{path}: removed: {a}"),
        (None, None, Lang::Zh) => format!("{path}：文字有改动"),
        (None, None, Lang::En) => format!("{path}: text changed"),
    }
}

/// The diff's last line: counts of everything.
#[allow(clippy::too_many_arguments)]
#[inline]
pub fn diff_summary(
    added: usize,
    removed: usize,
    changed: usize,
    questions: usize,
    (moved, applicants): (usize, usize),
    (gains, losses, other): (usize, usize, usize),
    lang: Lang,
) -> String {
    match lang {
        Lang::Zh => format!(
            "小结：新增 {added} 项措施，删除 {removed} 项，修改 {changed} 项，问题变化 {questions} 处；{applicants} 位示例申请人中有 {moved} 位结果变化（新增 {gains}，失去 {losses}，其他变化 {other}）"
        ),
        Lang::En => format!(
            "summary: {added} measures added, {removed} removed, {changed} changed, {questions} question changes; {moved} of {applicants} sample applicants move ({gains} gains, {losses} losses, {other} other changes)"
        ),
    }
}

/// The first line of `stats`.
#[inline]
pub fn stats_header(version: &str, measures: usize, documents: usize, as_of: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("目录 {version} · {measures} 项措施 · {documents} 份政策文件 · 状态按 {as_of}"),
        Lang::En => format!("catalog {version} · {measures} measures · {documents} documents · status as of {as_of}"),
    }
}

pub const BY_DOCUMENT: Phrase = Phrase { zh: "各政策文件", en: "by document" };
pub const BY_ISSUER: Phrase = Phrase { zh: "各发布机关", en: "by issuer" };
pub const BY_STATUS: Phrase = Phrase { zh: "各状态", en: "by status" };
pub const BY_SUPPORT: Phrase = Phrase { zh: "各支持方式", en: "by support type" };
pub const FIELDS_USED: Phrase =
    Phrase { zh: "各问题被多少项措施检验", en: "fields used (measures testing each)" };

/// The heading of the same-scheme groups, with the count of measures whose text states no conditions.
#[inline]
pub fn scheme_groups(groups: usize, not_stated: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("同一计划的措施组：{groups} 组（组件中各显示为一张卡片）；原文未规定条件的措施：{not_stated} 项"),
        Lang::En => format!(
            "same-scheme groups: {groups} (one card each in the widget); measures whose text states no conditions: {not_stated}"
        ),
    }
}

pub const COVERAGE: Phrase =
    Phrase { zh: "原文覆盖（coverage.toml）", en: "coverage of the sources (coverage.toml)" };
pub const COVERAGE_COLUMNS: Phrase = Phrase {
    zh: "  政策文件          面向申请人的句子  已承载  注明理由未收  审计明确遗漏已收  审计边界遗漏已收",
    en: "  document          sentences  carried  left out  audit clear carried  audit borderline carried",
};

/// A side of the comparison (`OLD`, `NEW`).
#[inline]
fn side_name(side: &str, lang: Lang) -> &str {
    match (side, lang) {
        ("OLD", Lang::Zh) => "旧目录",
        ("NEW", Lang::Zh) => "新目录",
        (s, _) => s,
    }
}

/// Why an applicant's answer is changed on one side: the options it does not have.
#[inline]
pub fn note_no_option(side: &str, options: &str, field: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}的“{field}”没有选项 {options}：在该目录中从回答里去掉", side_name(side, lang)),
        Lang::En => format!("{side} has no option {options} for \"{field}\": left out of the answer there"),
    }
}

/// … the question it does not have.
#[inline]
pub fn note_no_question(side: &str, field: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}没有问题“{field}”：在该目录中不计这个回答", side_name(side, lang)),
        Lang::En => format!("{side} has no question \"{field}\": the answer is left out there"),
    }
}

/// … an answer it refuses.
#[inline]
pub fn note_refused(side: &str, field: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}不接受“{field}”的回答：在该目录中视为未回答", side_name(side, lang)),
        Lang::En => format!("{side} does not accept the answer to \"{field}\": left unanswered there"),
    }
}

pub const WHY_NEW_MEASURE: Phrase = Phrase { zh: "新目录中新增的措施", en: "a measure new in NEW" };
pub const WHY_NOT_IN_NEW: Phrase = Phrase { zh: "新目录中没有这项措施", en: "the measure is not in NEW" };
pub const WHY_QUESTIONS_CHANGED: Phrase = Phrase {
    zh: "措施本身未改：是问题有变化（见“问题”）",
    en: "its own entry is unchanged: the questions changed (see questions)",
};

/// A reason of a move: the measure's change, what the old and what the new side say.
#[inline]
pub fn why(kind: &str, text: &str, lang: Lang) -> String {
    match (kind, lang) {
        ("changed", Lang::Zh) => format!("修改：{text}"),
        ("changed", Lang::En) => format!("changed {text}"),
        ("before", Lang::Zh) => format!("之前：{text}"),
        ("before", Lang::En) => format!("before: {text}"),
        (_, Lang::Zh) => format!("现在：{text}"),
        (_, Lang::En) => format!("now: {text}"),
    }
}

pub const ELIGIBLE_LINE: Phrase =
    Phrase { zh: "符合：原文所列条件均满足", en: "eligible: every stated condition is met" };
pub const WORTH_LINE: Phrase = Phrase {
    zh: "值得一看：申请主体相符；原文未规定其他条件",
    en: "worth a look: who may apply matches; the text states no other condition",
};

/// One side's evaluation of a measure, in a line (`explain`): what is still open.
#[inline]
pub fn explain(kind: &str, list: &str, lang: Lang) -> String {
    match (kind, lang) {
        ("unanswered", Lang::Zh) => format!("未回答 {list}"),
        ("unanswered", Lang::En) => format!("unanswered {list}"),
        ("doubt", Lang::Zh) => format!("待确认 {list}"),
        ("doubt", Lang::En) => format!("to confirm {list}"),
        ("possible", Lang::Zh) => format!("待确认：{list}"),
        ("possible", Lang::En) => format!("possible: {list}"),
        ("fails", Lang::Zh) => format!("不符合：未满足 {list}"),
        ("fails", Lang::En) => format!("not eligible: fails {list}"),
        (_, Lang::Zh) => format!("不在有效期内：{list}"),
        (_, Lang::En) => format!("not in force: {list}"),
    }
}

/// A status with its date (and for a repeal, the repealing document's id), as the diff words it.
#[inline]
pub fn status(s: crate::engine::Status, repealed_by: Option<&str>, lang: Lang) -> String {
    use crate::engine::Status;
    match (s, lang) {
        (Status::NotYetInForce { from }, Lang::Zh) => format!("尚未生效（{from} 起）"),
        (Status::NotYetInForce { from }, Lang::En) => format!("not yet in force (from {from})"),
        (Status::Expired { until }, Lang::Zh) => format!("已到期（{until}）"),
        (Status::Expired { until }, Lang::En) => format!("expired ({until})"),
        (Status::Repealed { date, .. }, Lang::Zh) => format!("{date} 起由 {} 废止", repealed_by.unwrap_or("")),
        (Status::Repealed { date, .. }, Lang::En) => format!("repealed by {} on {date}", repealed_by.unwrap_or("")),
        (s, lang) => super::status_word(s, lang).to_string(),
    }
}
