//! The words of the reports (`crate::report`): the plain-text report `policy-matcher match --format
//! text` prints, and the CSV the widget and the CLI export — its column headings, the lines and
//! labels around the catalog's texts.

use super::Phrase;
use crate::catalog::Lang;
use crate::date::Date;

/// The text report's first line: the date, the catalog and how many measures it has.
pub fn header(as_of: Date, version: &str, measures: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("评估日期 {as_of} · 目录版本 {version} · 共 {measures} 项措施\n"),
        Lang::En => format!("As of {as_of} · catalog {version} · {measures} measures\n"),
    }
}

// Labels before a measure's open points, in the text report.
pub const UNASSESSED: Phrase =
    Phrase { zh: "待确认（问卷无法判断）：", en: "To confirm (no question can tell): " };
pub const STILL_TO_ANSWER: Phrase = Phrase { zh: "待回答：", en: "Still to answer: " };
pub const TO_CONFIRM: Phrase = Phrase { zh: "待确认：", en: "To confirm: " };
pub const NOT_MET: Phrase = Phrase { zh: "未满足：", en: "Not met: " };
/// After a test the text states loosely.
pub const STATED_LOOSELY: Phrase = Phrase { zh: "（原文表述宽泛）", en: " (stated loosely)" };
pub const ANSWER: Phrase = Phrase { zh: "回答：", en: "answer: " };
/// A measure whose text states no conditions (the text report's line, the CSV's cell).
pub const NO_CONDITIONS_FOR_APPLYING: Phrase =
    Phrase { zh: "原文未载明申报条件", en: "The text states no conditions for applying" };
pub const WHAT_WOULD_OPEN_MORE: Phrase =
    Phrase { zh: "可开启更多支持的单项变化", en: "What would open more (one change each)" };

/// One change in "what would open more": the change, how many measures it opens (how many of
/// them meeting the published conditions), and their titles.
pub fn unlock_line(change: &str, opens: usize, eligible: usize, titles: &[&str], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("  {change} → {opens} 项（其中 {eligible} 项符合已公布的条件）：{}\n", titles.join("、")),
        Lang::En => {
            format!("  {change} → {opens} more ({eligible} meeting the published conditions): {}\n", titles.join("; "))
        }
    }
}

/// The question that decides the most measures (`label`: the question, in `lang`).
pub fn next_question(label: &str, decides: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("\n下一题：{label}（可决定 {decides} 项措施）\n"),
        Lang::En => format!("\nAnswer next: {label} (decides {decides} measures)\n"),
    }
}

/// The CSV's column headings.
pub fn csv_columns(lang: Lang) -> &'static [&'static str; 12] {
    match lang {
        Lang::Zh => &[
            "编号",
            "措施",
            "结论",
            "状态",
            "发布机关",
            "文件",
            "文号",
            "支持方式",
            "待回答",
            "未满足的条件",
            "待确认",
            "具体条件",
        ],
        Lang::En => &[
            "id",
            "measure",
            "verdict",
            "status",
            "issuer",
            "document",
            "number",
            "support",
            "still to answer",
            "criteria not met",
            "to confirm",
            "further conditions",
        ],
    }
}
