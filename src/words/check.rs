//! The words of the catalog check page (dist/check.html, `crate::check`), in zh and en: its
//! headings, buttons and messages, and the headings of the report it shows. The page itself holds
//! no words: it asks the check module for these.

use serde::Serialize;

use crate::catalog::Lang;
use crate::engine::Status;

/// The page's fixed words, in one language (`checkWords(lang)` hands them to the page).
#[derive(Clone, Debug, Serialize)]
pub struct PageWords {
    pub title: &'static str,
    pub intro: &'static str,
    pub privacy: &'static str,
    pub drop: &'static str,
    pub pick_folder: &'static str,
    pub pick_file: &'static str,
    pub reading: &'static str,
    pub other_language: &'static str,
    pub problems: &'static str,
    pub fix: &'static str,
    pub preview: &'static str,
    pub preview_note: &'static str,
    pub no_catalog_yet: &'static str,
    pub offline_ready: &'static str,
    /// `{n}` files, `{bytes}` limit: a drop with too many files or bytes.
    pub too_many_files: &'static str,
    pub file_too_large: &'static str,
    pub not_text: &'static str,
    pub crashed: &'static str,
}

pub fn page(lang: Lang) -> PageWords {
    match lang {
        Lang::Zh => PageWords {
            title: "政策目录检查",
            intro: "把目录文件夹（questions.toml、每份政策文件一个 .toml、sources/ 中的原文）或导出的 JSON 文件拖到这里，即可看到每一处问题及其所在的文件、行、列和改法，目录的统计与覆盖情况，用该目录运行的组件预览，以及与内置目录相比示例申请人的结果变化。",
            privacy: "一切都在本浏览器中完成，文件不会上传。",
            drop: "把目录文件夹或 JSON 文件拖放到这里",
            pick_folder: "选择目录文件夹……",
            pick_file: "选择文件……",
            reading: "正在检查……",
            other_language: "English",
            problems: "问题",
            fix: "改法：",
            preview: "预览",
            preview_note: "用所检查的目录运行的组件（与嵌入网页时相同）。",
            no_catalog_yet: "尚未选择目录。",
            offline_ready: "本页已可离线使用。",
            too_many_files: "一次最多检查 {max} 个文件，这次有 {n} 个；请只选目录文件夹。",
            file_too_large: "“{file}”有 {n} 字节，超过每个文件 {max} 字节的上限，未读取。",
            not_text: "“{file}”不是 UTF-8 文本，未读取。",
            crashed: "检查程序出错，未能完成。请刷新页面重试；若仍出错，请把这个文件报告给我们。",
        },
        Lang::En => PageWords {
            title: "Catalog check",
            intro: "Drop a catalog folder (questions.toml, one .toml per document, the source texts in sources/) or an exported JSON file here to see every problem with its file, line, column and how to fix it, the catalog's numbers and coverage, a live preview of the widget on it, and how the sample applicants' results change against the bundled catalog.",
            privacy: "Everything happens in this browser; no file is uploaded.",
            drop: "Drop a catalog folder or JSON file here",
            pick_folder: "Choose a catalog folder…",
            pick_file: "Choose a file…",
            reading: "Checking…",
            other_language: "中文",
            problems: "Problems",
            fix: "How to fix: ",
            preview: "Preview",
            preview_note: "The widget running on the checked catalog (as it runs when embedded).",
            no_catalog_yet: "No catalog chosen yet.",
            offline_ready: "This page now works offline.",
            too_many_files: "At most {max} files are checked at once, and this drop has {n}; choose the catalog folder only.",
            file_too_large: "\"{file}\" has {n} bytes, over the limit of {max} bytes per file; it was not read.",
            not_text: "\"{file}\" is not UTF-8 text; it was not read.",
            crashed: "The checker failed and did not finish. Reload the page and try again; if it fails again, please report this file to us.",
        },
    }
}

/// The headline of a report: no problems, or how many.
pub fn headline(problems: usize, measures: usize, lang: Lang) -> String {
    match (problems, lang) {
        (0, Lang::Zh) => format!("没有问题：目录有效，共 {measures} 项措施。"),
        (0, Lang::En) => format!("No problems: the catalog is valid, with {measures} measures."),
        (n, Lang::Zh) => format!("发现 {n} 处问题；改正之前，组件不会采用这个目录。"),
        (1, Lang::En) => "1 problem; the widget will not take this catalog until it is fixed.".to_string(),
        (n, Lang::En) => format!("{n} problems; the widget will not take this catalog until they are fixed."),
    }
}

/// What was read: a folder of `n` files, or one JSON file.
pub fn what_was_read(folder: Option<usize>, name: &str, lang: Lang) -> String {
    match (folder, lang) {
        (Some(n), Lang::Zh) => format!("目录文件夹“{name}”，{n} 个文件"),
        (Some(n), Lang::En) => format!("catalog folder \"{name}\", {n} files"),
        (None, Lang::Zh) => format!("导出的 JSON 文件“{name}”"),
        (None, Lang::En) => format!("exported JSON file \"{name}\""),
    }
}

/// The headings and column names of the report's sections.
pub struct Sections {
    pub summary: &'static str,
    pub by_document: &'static str,
    pub by_status: &'static str,
    pub by_support: &'static str,
    pub by_field: &'static str,
    pub coverage: &'static str,
    pub coverage_none: &'static str,
    pub diff: &'static str,
    pub diff_note: &'static str,
    pub applicants: &'static str,
    pub what: &'static str,
    pub value: &'static str,
    pub count: &'static str,
    pub document: &'static str,
    pub sentences: &'static str,
    pub carried: &'static str,
    pub left_out: &'static str,
    pub audit_clear: &'static str,
    pub audit_borderline: &'static str,
    pub change: &'static str,
    pub measure: &'static str,
    pub detail: &'static str,
    pub applicant: &'static str,
    pub moves: &'static str,
    pub none: &'static str,
    pub version: &'static str,
    pub measures: &'static str,
    pub documents: &'static str,
    pub questions: &'static str,
    pub criteria: &'static str,
    pub not_stated: &'static str,
    pub groups: &'static str,
    pub as_of: &'static str,
    pub added: &'static str,
    pub removed: &'static str,
    pub changed: &'static str,
    pub question_change: &'static str,
    pub gains: &'static str,
    pub loses: &'static str,
    pub changes: &'static str,
    pub absent: &'static str,
}

pub fn sections(lang: Lang) -> Sections {
    match lang {
        Lang::Zh => Sections {
            summary: "概况",
            by_document: "各政策文件的措施数",
            by_status: "各状态的措施数（按评估日期）",
            by_support: "各支持方式的措施数",
            by_field: "各问题被多少项措施检验",
            coverage: "原文覆盖（coverage.toml）",
            coverage_none: "没有 coverage.toml：原文覆盖未检查。",
            diff: "与内置目录相比",
            diff_note: "示例申请人（tests/profiles）在内置目录与所检查目录下的结果变化。",
            applicants: "示例申请人",
            what: "项目",
            value: "值",
            count: "数量",
            document: "政策文件",
            sentences: "面向申请人的句子",
            carried: "已由措施承载",
            left_out: "注明理由未收",
            audit_clear: "审计所列明确遗漏（已收/共）",
            audit_borderline: "审计所列边界遗漏（已收/共）",
            change: "变化",
            measure: "措施",
            detail: "详情",
            applicant: "申请人",
            moves: "结果变化",
            none: "无",
            version: "目录版本",
            measures: "措施",
            documents: "政策文件",
            questions: "问题",
            criteria: "带原文条款的条件",
            not_stated: "原文未规定条件的措施",
            groups: "同一计划的措施组",
            as_of: "评估日期",
            added: "新增措施",
            removed: "删除措施",
            changed: "修改措施",
            question_change: "问题的变化",
            gains: "新增",
            loses: "失去",
            changes: "改变",
            absent: "不存在",
        },
        Lang::En => Sections {
            summary: "Summary",
            by_document: "Measures per document",
            by_status: "Measures per status (on the evaluation date)",
            by_support: "Measures per support type",
            by_field: "Measures testing each question",
            coverage: "Coverage of the sources (coverage.toml)",
            coverage_none: "No coverage.toml: the coverage of the sources was not checked.",
            diff: "Against the bundled catalog",
            diff_note: "How the sample applicants' results (tests/profiles) change from the bundled catalog to the checked one.",
            applicants: "Sample applicants",
            what: "What",
            value: "Value",
            count: "Count",
            document: "Document",
            sentences: "Applicant-facing sentences",
            carried: "Carried by a measure",
            left_out: "Left out, with a reason",
            audit_clear: "Audit's clear omissions (carried/all)",
            audit_borderline: "Audit's borderline omissions (carried/all)",
            change: "Change",
            measure: "Measure",
            detail: "Detail",
            applicant: "Applicant",
            moves: "Result moves",
            none: "none",
            version: "Catalog version",
            measures: "Measures",
            documents: "Documents",
            questions: "Questions",
            criteria: "Criteria with verbatim clauses",
            not_stated: "Measures whose text states no conditions",
            groups: "Same-scheme groups",
            as_of: "Evaluated on",
            added: "added",
            removed: "removed",
            changed: "changed",
            question_change: "question change",
            gains: "gains",
            loses: "loses",
            changes: "changes",
            absent: "absent",
        },
    }
}

/// A status in a word or two, for the count per status.
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
