//! Catalog problems: each one points into the source (file, measure id, field path), says what is
//! wrong and how to fix it, in Chinese and English. Validation collects all of them rather than
//! stopping at the first.

use std::fmt;

use super::model::{Lang, Text};

/// At most 40 characters of what someone wrote, for quoting it back in a message (catalog
/// problems and share-link problems alike).
pub fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// The 1-based line and column (in characters) of byte `at` of `text`.
pub fn line_column(text: &str, at: usize) -> (Option<u32>, Option<u32>) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (Some(line as u32), Some(column as u32))
}

/// A zh/en pair of a problem's words: `t("缺失", "missing")`.
pub fn t(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text { zh: zh.into(), en: en.into() }
}

/// What kind of problem: a stable code (`E012`) and name (`too-many`) that editors, CI and hosts
/// can branch on. Codes are add-only: a code is never reused for another kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    UnreadableFile,
    FileTooLarge,
    Syntax,
    UnknownKey,
    MissingFile,
    NestingTooDeep,
    NoDocument,
    DuplicateId,
    TooMany,
    NoMeasures,
    TextTooLong,
    Missing,
    MissingTranslation,
    BadDate,
    BadLink,
    BadId,
    NoFields,
    UnknownKind,
    MisplacedKey,
    BadRange,
    BadAskWhen,
    Contract,
    UnknownGroup,
    NoOptions,
    UnknownField,
    WrongOperator,
    UnknownOption,
    DatesOutOfOrder,
    EmptyNumber,
    NoSource,
    UnknownSupportType,
    UnknownDocument,
    NoCriteria,
    UnknownRelation,
    UnknownMeasure,
    MissingClause,
    ClauseNotVerbatim,
    CriteriaTooDeep,
    CriterionShape,
    EmptyGroup,
    DuplicateEntry,
    SelfRelation,
    UnusedQuestion,
    Coverage,
    StatedConditions,
    Names,
    NotACatalog,
}

impl Code {
    /// Every code, in the order of their numbers.
    pub const ALL: [Code; 47] = [
        Code::UnreadableFile,
        Code::FileTooLarge,
        Code::Syntax,
        Code::UnknownKey,
        Code::MissingFile,
        Code::NestingTooDeep,
        Code::NoDocument,
        Code::DuplicateId,
        Code::TooMany,
        Code::NoMeasures,
        Code::TextTooLong,
        Code::Missing,
        Code::MissingTranslation,
        Code::BadDate,
        Code::BadLink,
        Code::BadId,
        Code::NoFields,
        Code::UnknownKind,
        Code::MisplacedKey,
        Code::BadRange,
        Code::BadAskWhen,
        Code::Contract,
        Code::UnknownGroup,
        Code::NoOptions,
        Code::UnknownField,
        Code::WrongOperator,
        Code::UnknownOption,
        Code::DatesOutOfOrder,
        Code::EmptyNumber,
        Code::NoSource,
        Code::UnknownSupportType,
        Code::UnknownDocument,
        Code::NoCriteria,
        Code::UnknownRelation,
        Code::UnknownMeasure,
        Code::MissingClause,
        Code::ClauseNotVerbatim,
        Code::CriteriaTooDeep,
        Code::CriterionShape,
        Code::EmptyGroup,
        Code::DuplicateEntry,
        Code::SelfRelation,
        Code::UnusedQuestion,
        Code::Coverage,
        Code::StatedConditions,
        Code::Names,
        Code::NotACatalog,
    ];

    /// The code, `E001` …: its place in `ALL`, which only ever grows at the end.
    pub fn id(self) -> String {
        format!("E{:03}", Code::ALL.iter().position(|&c| c == self).expect("every code is in ALL") + 1)
    }

    /// The kebab-case name, e.g. `unknown-option`.
    pub fn name(self) -> &'static str {
        match self {
            Code::UnreadableFile => "unreadable-file",
            Code::FileTooLarge => "file-too-large",
            Code::Syntax => "syntax",
            Code::UnknownKey => "unknown-key",
            Code::MissingFile => "missing-file",
            Code::NestingTooDeep => "nesting-too-deep",
            Code::NoDocument => "no-document",
            Code::DuplicateId => "duplicate-id",
            Code::TooMany => "too-many",
            Code::NoMeasures => "no-measures",
            Code::TextTooLong => "text-too-long",
            Code::Missing => "missing",
            Code::MissingTranslation => "missing-translation",
            Code::BadDate => "bad-date",
            Code::BadLink => "bad-link",
            Code::BadId => "bad-id",
            Code::NoFields => "no-fields",
            Code::UnknownKind => "unknown-kind",
            Code::MisplacedKey => "misplaced-key",
            Code::BadRange => "bad-range",
            Code::BadAskWhen => "bad-ask-when",
            Code::Contract => "contract",
            Code::UnknownGroup => "unknown-group",
            Code::NoOptions => "no-options",
            Code::UnknownField => "unknown-field",
            Code::WrongOperator => "wrong-operator",
            Code::UnknownOption => "unknown-option",
            Code::DatesOutOfOrder => "dates-out-of-order",
            Code::EmptyNumber => "empty-number",
            Code::NoSource => "no-source",
            Code::UnknownSupportType => "unknown-support-type",
            Code::UnknownDocument => "unknown-document",
            Code::NoCriteria => "no-criteria",
            Code::UnknownRelation => "unknown-relation",
            Code::UnknownMeasure => "unknown-measure",
            Code::MissingClause => "missing-clause",
            Code::ClauseNotVerbatim => "clause-not-verbatim",
            Code::CriteriaTooDeep => "criteria-too-deep",
            Code::CriterionShape => "criterion-shape",
            Code::EmptyGroup => "empty-group",
            Code::DuplicateEntry => "duplicate-entry",
            Code::SelfRelation => "self-relation",
            Code::UnusedQuestion => "unused-question",
            Code::Coverage => "coverage",
            Code::StatedConditions => "stated-conditions",
            Code::Names => "names",
            Code::NotACatalog => "not-a-catalog",
        }
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.id())
    }
}

/// One thing wrong with a catalog (serialized for hosts: `{code, name, file, line, column,
/// measure, path, message: {zh, en}, hint: {zh, en}}`; `line` and `column` when known).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// What kind of problem (`"E027"`).
    pub code: Code,
    /// Its name (`"unknown-option"`).
    pub name: &'static str,
    /// The file, e.g. `zgc2024.toml` (or `questions.toml`).
    pub file: String,
    /// Where in the file, 1-based, when known: the line and column (in characters) of the value
    /// at `path` (or of the nearest enclosing table the file has).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// The measure's id, when the problem is inside a measure.
    pub measure: Option<String>,
    /// Where in the file, e.g. `measure[3].criteria[1].in[0]`.
    pub path: String,
    /// What is wrong.
    pub message: Text,
    /// How to fix it.
    pub hint: Text,
}

impl Problem {
    /// A problem with no place in the file yet (`line`, `column`: see `native::locate`).
    pub fn new(code: Code, file: &str, measure: Option<String>, path: String, message: Text, hint: Text) -> Problem {
        Problem { code, name: code.name(), file: file.into(), line: None, column: None, measure, path, message, hint }
    }

    /// The problem in one language: where (`file:line:column`), its code, what, and (on the next
    /// line) how to fix it. English is what `Display` prints.
    pub fn text(&self, lang: Lang) -> String {
        let (sep, measure, fix) = match lang {
            Lang::Zh => ("：", "措施“{}”", "修改"),
            Lang::En => (": ", "measure \"{}\"", "fix"),
        };
        let mut out = self.file.clone();
        if let Some(line) = self.line {
            out.push_str(&format!(":{line}:{}", self.column.unwrap_or(1)));
        }
        out.push_str(&format!("{sep}{} {}", self.code.id(), self.name));
        if let Some(m) = &self.measure {
            out.push_str(sep);
            out.push_str(&measure.replace("{}", m));
        }
        if !self.path.is_empty() {
            out.push_str(sep);
            out.push_str(&self.path);
        }
        out.push_str(sep);
        out.push_str(self.message.get(lang));
        let hint = self.hint.get(lang);
        if !hint.is_empty() {
            out.push_str(&format!("\n    {fix}{sep}{hint}"));
        }
        out
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// Every problem found in a catalog.
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize)]
pub struct CatalogError {
    pub problems: Vec<Problem>,
}

impl CatalogError {
    /// Every problem in one language, one after another, and how many there are. English is what
    /// `Display` prints.
    pub fn text(&self, lang: Lang) -> String {
        let mut out = String::new();
        for p in &self.problems {
            out.push_str(&p.text(lang));
            out.push('\n');
        }
        let n = self.problems.len();
        match lang {
            Lang::Zh => out.push_str(&format!("目录中共有 {n} 处问题")),
            Lang::En => out.push_str(&format!("{n} problem{} in the catalog", if n == 1 { "" } else { "s" })),
        }
        out
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for CatalogError {}

impl CatalogError {
    /// One problem with a file as a whole (it does not parse, decode or belong here): no measure,
    /// `path` empty or the one key at fault.
    pub fn of_file(code: Code, file: &str, path: &str, message: Text, hint: Text) -> CatalogError {
        CatalogError { problems: vec![Problem::new(code, file, None, path.into(), message, hint)] }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn sample() -> Problem {
        Problem::new(
            Code::MissingClause,
            "fx.toml",
            Some("fx-1".into()),
            "criteria[0].clause".into(),
            t("缺少条款原文", "missing clause"),
            t("逐字引用原文", "quote it verbatim"),
        )
    }

    #[test]
    fn a_problem_reads_in_both_languages() {
        let p = sample();
        assert_eq!(
            p.to_string(),
            "fx.toml: E036 missing-clause: measure \"fx-1\": criteria[0].clause: missing clause\n    fix: quote it verbatim"
        );
        assert_eq!(p.text(Lang::En), p.to_string());
        assert_eq!(
            p.text(Lang::Zh),
            "fx.toml：E036 missing-clause：措施“fx-1”：criteria[0].clause：缺少条款原文\n    修改：逐字引用原文"
        );
        let at = Problem { line: Some(17), column: Some(5), ..p.clone() };
        assert!(at.to_string().starts_with("fx.toml:17:5: E036 missing-clause: "), "{at}");
        let e = CatalogError { problems: vec![p.clone(), p] };
        assert!(e.to_string().ends_with("\n2 problems in the catalog"));
        assert!(e.text(Lang::Zh).ends_with("\n目录中共有 2 处问题"));
    }

    #[test]
    fn a_problem_serializes_its_words_in_both_languages() {
        let v = serde_json::to_value(sample()).unwrap();
        assert_eq!(v["message"]["zh"], "缺少条款原文");
        assert_eq!(v["message"]["en"], "missing clause");
        assert_eq!(v["hint"]["en"], "quote it verbatim");
        assert_eq!(v["measure"], "fx-1");
        assert_eq!((v["code"].as_str(), v["name"].as_str()), (Some("E036"), Some("missing-clause")));
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "ab\n中文x";
        assert_eq!(line_column(text, text.find('x').unwrap()), (Some(2), Some(3)));
        assert_eq!(line_column(text, 4), (Some(2), Some(1)), "inside a character: its start");
        assert_eq!(line_column(text, 0), (Some(1), Some(1)));
    }

    #[test]
    fn codes_are_unique_and_in_order() {
        let ids: Vec<String> = Code::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids[0], "E001");
        assert_eq!(ids.last().map(String::as_str), Some("E047"));
        let names: std::collections::HashSet<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(names.len(), Code::ALL.len());
    }
}
