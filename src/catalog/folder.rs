//! Reading a catalog folder from its files, wherever they come from: `questions.toml`, one TOML
//! file per document, the source texts the documents name, `coverage.toml` and `names.toml`; or a
//! file in the exported JSON form. The files come through [`Files`]: the disk for the CLI and the
//! build (`native`), or the files a park team dropped on the check page ([`Memory`], feature
//! `check`). A file that does not parse is one problem (with its line and column); the other files
//! are still read and checked, so that every problem is reported at once. TOML spans give every
//! problem of a file its `line:column` (`locate`, `place`).

use std::collections::BTreeMap;

use super::conditions::{Names, NAMES_FILE};
use super::error::{line_column, t, CatalogError, Code, Problem};
use super::model::{Catalog, Text};
use super::raw::{RawCatalog, RawCoverage, RawDocumentFile, RawNamedFile, RawQuestions, CATALOG_FORMAT};
use super::validate::normalize_source;
use super::{parse_json, to_json, version_of, MAX_FILE_BYTES};

/// A catalog folder read into its raw form, with the source texts its documents name.
pub struct Loaded {
    pub raw: RawCatalog,
    pub sources: BTreeMap<String, String>,
    /// Problems found while reading (missing files, TOML syntax).
    pub problems: Vec<Problem>,
    /// `coverage.toml`, when the folder has one.
    pub coverage: Option<RawCoverage>,
    /// Whether it was read from a folder (TOML files): only then are the source texts, coverage and
    /// the stated-conditions lint (`names.toml`) at hand.
    pub folder: bool,
    /// `names.toml`, when the folder has one.
    pub names: Option<Names>,
    /// The text of each TOML file read, by file name: where `locate` finds a problem's line.
    pub texts: BTreeMap<String, String>,
}

/// Where a problem is in its TOML file: the byte offset of the deepest value that `path` reaches
/// (inside the `[[measure]]` whose id is `measure`, when given; a path that names a key the file
/// lacks stops at the table that should hold it). `None` for a text that does not parse.
pub fn locate(text: &str, measure: Option<&str>, path: &str) -> Option<usize> {
    let root = toml::de::DeTable::parse(text).ok()?;
    Some(locate_in(root.get_ref(), measure, path))
}

/// `locate` in a parsed file.
fn locate_in(root: &toml::de::DeTable, measure: Option<&str>, path: &str) -> usize {
    use toml::de::{DeTable, DeValue};
    type Value<'a, 'i> = &'a toml::Spanned<DeValue<'i>>;
    fn get<'a, 'i>(t: &'a DeTable<'i>, k: &str) -> Option<Value<'a, 'i>> {
        t.iter().find(|(key, _)| key.get_ref() == k).map(|(_, v)| v)
    }
    fn table<'a, 'i>(v: Value<'a, 'i>) -> Option<&'a DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => None,
        }
    }
    let mut best = 0;
    let mut here: Option<&DeTable> = Some(root);
    if let (Some(id), false) = (measure, path.starts_with("measure[")) {
        let is_it = |m: &Value| {
            table(m).and_then(|t| get(t, "id")).is_some_and(|v| matches!(v.get_ref(), DeValue::String(s) if s == id))
        };
        let Some(DeValue::Array(all)) = get(root, "measure").map(|v| v.get_ref()) else { return 0 };
        let Some(m) = all.iter().find(|m| is_it(m)) else { return 0 };
        best = m.span().start;
        here = table(m);
    }
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        let (name, indices) = segment.split_once('[').unwrap_or((segment, ""));
        let Some(mut v) = here.and_then(|t| get(t, name)) else { break };
        best = v.span().start;
        for index in indices.split(['[', ']']).filter(|s| !s.is_empty()) {
            let (Ok(i), DeValue::Array(a)) = (index.parse::<usize>(), v.get_ref()) else { break };
            let Some(e) = a.get(i) else { break };
            v = e;
            best = v.span().start;
        }
        here = table(v);
    }
    best
}

/// Gives each problem in a TOML file of `texts` its line and column (see `locate`); a problem of
/// the folder as a whole keeps none.
pub fn place(problems: &mut [Problem], texts: &BTreeMap<String, String>) {
    for (file, text) in texts {
        let mut mine = problems.iter_mut().filter(|p| p.line.is_none() && p.file == *file).peekable();
        if mine.peek().is_none() {
            continue;
        }
        let Ok(root) = toml::de::DeTable::parse(text) else { continue };
        for p in mine {
            (p.line, p.column) = line_column(text, locate_in(root.get_ref(), p.measure.as_deref(), &p.path));
        }
    }
}
/// The file that maps the sources' applicant-facing sentences to measures.
pub const COVERAGE_FILE: &str = "coverage.toml";

/// How much of one source document the catalog covers (from `coverage.toml`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentCoverage {
    pub document: String,
    /// Applicant-facing sentences listed.
    pub sentences: usize,
    /// … carried by at least one measure.
    pub carried: usize,
    /// … left out, with a reason.
    pub left_out: usize,
    /// Sentences the 2026-11 audit listed as clear / borderline omissions, and how many of each
    /// are now carried by a measure.
    pub audit_clear: (usize, usize),
    pub audit_borderline: (usize, usize),
}
fn problem(code: Code, file: &str, message: Text, hint: Text) -> Problem {
    Problem::new(code, file, None, String::new(), message, hint)
}

/// Parses one TOML file, refusing absurd nesting before the parser sees it.
fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, Box<Problem>> {
    if let Err(m) = super::check_nesting(text) {
        return Err(Box::new(problem(
            Code::NestingTooDeep,
            file,
            m,
            t(
                "把条件展平：all 里再套一个 all，与一个 all 相同",
                "flatten the criteria: an all inside an all is the same as one all",
            ),
        )));
    }
    toml::from_str::<T>(text).map_err(|e| Box::new(toml_problem(file, text, &e)))
}

fn toml_problem(file: &str, text: &str, e: &toml::de::Error) -> Problem {
    let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
    let what = e.message().trim_end().to_string();
    let message = match line {
        Some(l) => t(format!("第 {l} 行：{what}"), format!("line {l}: {what}")),
        None => t(format!("TOML 语法错误：{what}"), what.clone()),
    };
    let hint = if what.contains("unknown field") {
        t(
            "删除或改正这个键；允许的键列在上面的消息和 data/README.md 中",
            "remove or rename the key; the allowed keys are listed in the message and in data/README.md",
        )
    } else if what.contains("datetime") || what.contains("date") {
        t("日期写成带引号的字符串：\"2024-10-09\"", "write dates as quoted strings: \"2024-10-09\"")
    } else {
        t(
            "改正该行的 TOML 语法（格式见 data/README.md）",
            "fix the TOML syntax at that line (see data/README.md for the format)",
        )
    };
    let code = if what.contains("unknown field") { Code::UnknownKey } else { Code::Syntax };
    let mut p = problem(code, file, message, hint);
    if let Some(span) = e.span() {
        (p.line, p.column) = line_column(text, span.start);
    }
    p
}

/// Why a catalog file cannot be read: it is not there, the system's error, or its size over
/// `MAX_FILE_BYTES`.
pub enum Unread {
    /// No such file (the system's words, or the check page's).
    Missing(String),
    Io(String),
    TooLarge(u64),
}

impl Unread {
    fn code(&self) -> Code {
        match self {
            Unread::Missing(_) => Code::MissingFile,
            Unread::Io(_) => Code::UnreadableFile,
            Unread::TooLarge(_) => Code::FileTooLarge,
        }
    }

    /// The problem of `file`, with how to fix it.
    pub fn problem(&self, file: &str, hint: Text) -> Problem {
        problem(self.code(), file, self.text(), hint)
    }

    /// The message of a problem, in both languages.
    fn text(&self) -> Text {
        match self {
            Unread::Missing(e) | Unread::Io(e) => t(format!("无法读取（{e}）"), format!("cannot read: {e}")),
            Unread::TooLarge(n) => t(
                format!("文件有 {n} 字节，超过上限 {MAX_FILE_BYTES} 字节（32 MiB），未读取"),
                format!("the file has {n} bytes, over the limit of {MAX_FILE_BYTES} bytes (32 MiB); it was not read"),
            ),
        }
    }
}

/// Where a catalog folder's files come from.
pub trait Files {
    /// How a message names a file of the folder (`data/questions.toml`), or the folder itself (`""`).
    fn path(&self, name: &str) -> String;
    /// The names of the files directly in the folder (not in its subfolders).
    fn names(&self) -> Result<Vec<String>, String>;
    /// A file's text, by its path inside the folder (`sources/001_….txt`); refuses one over
    /// `MAX_FILE_BYTES` before reading it.
    fn read(&self, name: &str) -> Result<String, Unread>;
}

/// Files given as texts by their path inside the folder: what a park team dropped on the check
/// page (subfolders as `sources/001_….txt`).
pub struct Memory {
    /// The folder's name, for messages.
    pub folder: String,
    pub files: BTreeMap<String, String>,
}

impl Files for Memory {
    fn path(&self, name: &str) -> String {
        match (self.folder.is_empty(), name.is_empty()) {
            (true, _) => name.to_string(),
            (false, true) => self.folder.clone(),
            (false, false) => format!("{}/{name}", self.folder),
        }
    }

    fn names(&self) -> Result<Vec<String>, String> {
        Ok(self.files.keys().filter(|n| !n.contains('/')).cloned().collect())
    }

    fn read(&self, name: &str) -> Result<String, Unread> {
        match self.files.get(name) {
            Some(text) if text.len() as u64 > MAX_FILE_BYTES => Err(Unread::TooLarge(text.len() as u64)),
            Some(text) => Ok(text.clone()),
            None => Err(Unread::Missing(format!("“{name}” is not among the files given"))),
        }
    }
}

/// An optional file of the folder (`coverage.toml`, `names.toml`): none when it is absent; a
/// problem when it is there but cannot be read.
fn optional(files: &dyn Files, name: &str, problems: &mut Vec<Problem>) -> Option<String> {
    match files.read(name) {
        Ok(text) => Some(text),
        Err(Unread::Missing(_)) => None,
        Err(e) => {
            problems.push(problem(e.code(), name, e.text(), t("该文件须是 UTF-8 文本", "the file must be UTF-8 text")));
            None
        }
    }
}

/// Reads a catalog folder without validating it.
pub fn read_folder(files: &dyn Files) -> Loaded {
    let mut problems = Vec::new();
    let mut raw = RawCatalog { format: CATALOG_FORMAT.into(), ..Default::default() };
    let mut texts = BTreeMap::new();
    let qpath = files.path("questions.toml");
    match files.read("questions.toml") {
        Err(e) => problems.push(problem(
            e.code(),
            "questions.toml",
            t(format!("{}：{}", qpath, e.text().zh), format!("{}: {}", qpath, e.text().en)),
            t("目录文件夹中须有 questions.toml", "the catalog folder must contain questions.toml"),
        )),
        Ok(text) => {
            match parse_toml::<RawQuestions>("questions.toml", &text) {
                Ok(q) => raw.questions = q,
                Err(p) => problems.push(*p),
            }
            texts.insert("questions.toml".to_string(), text);
        }
    }
    let mut names: Vec<String> = match files.names() {
        Ok(names) => names
            .into_iter()
            .filter(|n| n.ends_with(".toml") && n != "questions.toml" && n != COVERAGE_FILE && n != NAMES_FILE)
            .collect(),
        Err(e) => {
            problems.push(problem(
                Code::UnreadableFile,
                &files.path(""),
                t(format!("无法读取该文件夹（{e}）"), format!("cannot read the folder: {e}")),
                t(
                    "用 --catalog 指定含有 questions.toml 的文件夹",
                    "pass --catalog with the folder that holds questions.toml",
                ),
            ));
            Vec::new()
        }
    };
    names.sort();
    if names.is_empty() && problems.is_empty() {
        problems.push(problem(
            Code::MissingFile,
            &files.path(""),
            t("没有政策文件（questions.toml 之外的 *.toml 文件）", "no document files (*.toml besides questions.toml)"),
            t("每份政策文件各添加一个 .toml 文件", "add one file per source document"),
        ));
    }
    let mut coverage = None;
    if let Some(text) = optional(files, COVERAGE_FILE, &mut problems) {
        match parse_toml::<RawCoverage>(COVERAGE_FILE, &text) {
            Ok(c) => coverage = Some(c),
            Err(p) => problems.push(*p),
        }
        texts.insert(COVERAGE_FILE.to_string(), text);
    }
    let mut option_names = None;
    if let Some(text) = optional(files, NAMES_FILE, &mut problems) {
        match parse_toml::<Names>(NAMES_FILE, &text) {
            Ok(n) => option_names = Some(n),
            Err(p) => problems.push(*p),
        }
        texts.insert(NAMES_FILE.to_string(), text);
    }
    let mut sources = BTreeMap::new();
    for name in names {
        let text = match files.read(&name) {
            Ok(t) => t,
            Err(e) => {
                problems.push(problem(
                    e.code(),
                    &name,
                    e.text(),
                    t("该文件须是 UTF-8 文本", "the file must be UTF-8 text"),
                ));
                continue;
            }
        };
        let parsed = parse_toml::<RawDocumentFile>(&name, &text);
        texts.insert(name.clone(), text);
        match parsed {
            Err(p) => problems.push(*p),
            Ok(f) => {
                if let Some(src) = f.document.as_ref().and_then(|d| d.source_text.clone()) {
                    let bad = src.contains("..") || src.starts_with('/');
                    match (bad, files.read(&src)) {
                        (false, Ok(t)) => {
                            sources.insert(src, normalize_source(&t));
                        }
                        (bad, e) => problems.push(Problem {
                            code: e.as_ref().err().filter(|_| !bad).map_or(Code::UnreadableFile, Unread::code),
                            name: e.as_ref().err().filter(|_| !bad).map_or(Code::UnreadableFile, Unread::code).name(),
                            line: None,
                            column: None,
                            file: name.clone(),
                            measure: None,
                            path: "document.source_text".into(),
                            message: match e.as_ref().err().filter(|_| !bad).map(Unread::text) {
                                Some(why) => t(
                                    format!("无法读取来源文本“{src}”：{}", why.zh),
                                    format!("cannot read the source text \"{src}\": {}", why.en),
                                ),
                                None => t(
                                    format!("无法读取来源文本“{src}”"),
                                    format!("cannot read the source text \"{src}\""),
                                ),
                            },
                            hint: t(
                                "给出目录文件夹内的路径，例如 \"sources/001_….txt\"",
                                "give a path inside the catalog folder, e.g. \"sources/001_….txt\"",
                            ),
                        }),
                    }
                }
                raw.documents.push(RawNamedFile { file: name.clone(), document: f.document, measure: f.measure });
            }
        }
    }
    Loaded { raw, sources, problems, coverage, folder: true, names: option_names, texts }
}

/// Reads a file in the exported JSON form (`name` for messages) without validating it.
pub fn read_json(name: &str, text: &str) -> Loaded {
    match parse_json(text, name) {
        Ok(raw) => Loaded { raw, ..Loaded::empty(Vec::new()) },
        Err(e) => Loaded::empty(e.problems),
    }
}

impl Loaded {
    /// Nothing read, only these problems.
    pub fn empty(problems: Vec<Problem>) -> Loaded {
        Loaded {
            raw: RawCatalog::default(),
            sources: BTreeMap::new(),
            problems,
            coverage: None,
            folder: false,
            names: None,
            texts: BTreeMap::new(),
        }
    }
}

/// Validates what `read` returned (the version is always the canonical form's).
pub fn validate_loaded(loaded: &Loaded) -> Result<Catalog, CatalogError> {
    if !loaded.problems.is_empty() && loaded.raw.questions.field.is_empty() && loaded.raw.documents.is_empty() {
        return Err(CatalogError { problems: loaded.problems.clone() });
    }
    let version = version_of(to_json(&loaded.raw).as_bytes());
    let result = super::validated(&loaded.raw, version, Some(&loaded.sources));
    let coverage_problems = match &result {
        Ok(c) => {
            let mut p = super::coverage::coverage(loaded, c).1;
            if loaded.folder {
                p.extend(super::conditions::lint(&loaded.raw, loaded.names.as_ref()));
            }
            p
        }
        Err(_) => Vec::new(),
    };
    let mut problems = match (result, loaded.problems.clone()) {
        (Ok(c), p) if p.is_empty() && coverage_problems.is_empty() => return Ok(c),
        (Ok(_), mut problems) => {
            problems.extend(coverage_problems);
            problems
        }
        (Err(mut e), mut problems) => {
            problems.append(&mut e.problems);
            problems
        }
    };
    place(&mut problems, &loaded.texts);
    Err(CatalogError { problems })
}

/// Validates a catalog given as TOML strings: `questions.toml` and `(file name, text)` per document.
/// No source texts, so clauses are not checked against them. For tests and tools.
pub fn from_toml(questions: &str, files: &[(&str, &str)]) -> Result<Catalog, CatalogError> {
    let mut problems = Vec::new();
    let mut raw = RawCatalog { format: CATALOG_FORMAT.into(), ..Default::default() };
    match parse_toml::<RawQuestions>("questions.toml", questions) {
        Ok(q) => raw.questions = q,
        Err(p) => problems.push(*p),
    }
    for (name, text) in files {
        match parse_toml::<RawDocumentFile>(name, text) {
            Ok(f) => {
                raw.documents.push(RawNamedFile { file: name.to_string(), document: f.document, measure: f.measure })
            }
            Err(p) => problems.push(*p),
        }
    }
    if !problems.is_empty() {
        return Err(CatalogError { problems });
    }
    super::from_raw(&raw)
}
