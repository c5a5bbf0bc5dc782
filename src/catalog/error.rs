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

/// A zh/en pair of a problem's words: `t("缺失", "missing")`.
pub fn t(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text { zh: zh.into(), en: en.into() }
}

/// One thing wrong with a catalog (serialized for hosts:
/// `{file, measure, path, message: {zh, en}, hint: {zh, en}}`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The file, e.g. `zgc2024.toml` (or `questions.toml`).
    pub file: String,
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
    /// The problem in one language: where, what, and (on the next line) how to fix it. English is
    /// what `Display` prints.
    pub fn text(&self, lang: Lang) -> String {
        let (sep, measure, fix) = match lang {
            Lang::Zh => ("：", "措施“{}”", "修改"),
            Lang::En => (": ", "measure \"{}\"", "fix"),
        };
        let mut out = self.file.clone();
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
    pub fn of_file(file: &str, path: &str, message: Text, hint: Text) -> CatalogError {
        CatalogError { problems: vec![Problem { file: file.into(), measure: None, path: path.into(), message, hint }] }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn sample() -> Problem {
        Problem {
            file: "fx.toml".into(),
            measure: Some("fx-1".into()),
            path: "criteria[0].clause".into(),
            message: t("缺少条款原文", "missing clause"),
            hint: t("逐字引用原文", "quote it verbatim"),
        }
    }

    #[test]
    fn a_problem_reads_in_both_languages() {
        let p = sample();
        assert_eq!(
            p.to_string(),
            "fx.toml: measure \"fx-1\": criteria[0].clause: missing clause\n    fix: quote it verbatim"
        );
        assert_eq!(p.text(Lang::En), p.to_string());
        assert_eq!(p.text(Lang::Zh), "fx.toml：措施“fx-1”：criteria[0].clause：缺少条款原文\n    修改：逐字引用原文");
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
    }
}
