//! Reading a catalog folder on a native machine: `questions.toml`, one TOML file per document, and
//! the source texts the documents name. A file that does not parse is one problem (with its line);
//! the other files are still read and checked, so that every problem is reported at once.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use super::error::{CatalogError, Problem};
use super::model::Catalog;
use super::raw::{RawCatalog, RawDocumentFile, RawNamedFile, RawQuestions, CATALOG_FORMAT};
use super::validate::{normalize_source, validate, Options};
use super::version_of;

/// A catalog folder read into its raw form, with the source texts its documents name.
pub struct Loaded {
    pub raw: RawCatalog,
    pub sources: BTreeMap<String, String>,
    /// Problems found while reading (missing files, TOML syntax).
    pub problems: Vec<Problem>,
}

fn problem(file: &str, message: String, hint: &str) -> Problem {
    Problem { file: file.into(), measure: None, path: String::new(), message, hint: hint.into() }
}

/// Parses one TOML file, refusing absurd nesting before the parser sees it.
fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, Problem> {
    if let Err(m) = super::check_nesting(text) {
        return Err(problem(file, m, "flatten the criteria: an all inside an all is the same as one all"));
    }
    toml::from_str::<T>(text).map_err(|e| toml_problem(file, text, &e))
}

fn toml_problem(file: &str, text: &str, e: &toml::de::Error) -> Problem {
    let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
    let mut message = e.message().to_string();
    if let Some(l) = line {
        message = format!("line {l}: {message}");
    }
    let hint = if message.contains("unknown field") {
        "remove or rename the key; the allowed keys are listed in the message and in data/README.md"
    } else if message.contains("datetime") || message.contains("date") {
        "write dates as quoted strings: \"2024-10-09\""
    } else {
        "fix the TOML syntax at that line (see data/README.md for the format)"
    };
    problem(file, message, hint)
}

/// Reads `dir` without validating it.
pub fn read_dir(dir: &Path) -> Loaded {
    let mut problems = Vec::new();
    let mut raw = RawCatalog { format: CATALOG_FORMAT.into(), ..Default::default() };
    let qpath = dir.join("questions.toml");
    match fs::read_to_string(&qpath) {
        Err(e) => problems.push(problem(
            "questions.toml",
            format!("cannot read {}: {e}", qpath.display()),
            "the catalog folder must contain questions.toml",
        )),
        Ok(text) => match parse_toml::<RawQuestions>("questions.toml", &text) {
            Ok(q) => raw.questions = q,
            Err(p) => problems.push(p),
        },
    }
    let mut names: Vec<String> = match fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml") && n != "questions.toml")
            .collect(),
        Err(e) => {
            problems.push(problem(
                &dir.display().to_string(),
                format!("cannot read the folder: {e}"),
                "pass --catalog with the folder that holds questions.toml",
            ));
            Vec::new()
        }
    };
    names.sort();
    if names.is_empty() && problems.is_empty() {
        problems.push(problem(
            &dir.display().to_string(),
            "no document files (*.toml besides questions.toml)".into(),
            "add one file per source document",
        ));
    }
    let mut sources = BTreeMap::new();
    for name in names {
        let text = match fs::read_to_string(dir.join(&name)) {
            Ok(t) => t,
            Err(e) => {
                problems.push(problem(&name, format!("cannot read: {e}"), "the file must be UTF-8 text"));
                continue;
            }
        };
        match parse_toml::<RawDocumentFile>(&name, &text) {
            Err(p) => problems.push(p),
            Ok(f) => {
                if let Some(src) = f.document.as_ref().and_then(|d| d.source_text.clone()) {
                    let bad = src.contains("..") || src.starts_with('/');
                    match (bad, fs::read_to_string(dir.join(&src))) {
                        (false, Ok(t)) => {
                            sources.insert(src, normalize_source(&t));
                        }
                        _ => problems.push(Problem {
                            file: name.clone(),
                            measure: None,
                            path: "document.source_text".into(),
                            message: format!("cannot read the source text \"{src}\""),
                            hint: "give a path inside the catalog folder, e.g. \"sources/001_….txt\"".into(),
                        }),
                    }
                }
                raw.documents.push(RawNamedFile { file: name, document: f.document, measure: f.measure });
            }
        }
    }
    Loaded { raw, sources, problems }
}

/// The canonical JSON form of a raw catalog (what `export --format json` writes).
pub fn to_json(raw: &RawCatalog) -> String {
    serde_json::to_string(raw).expect("a raw catalog always serializes")
}

/// Reads and validates a catalog folder: every problem at once, or the catalog.
pub fn load_dir(dir: &Path) -> Result<Catalog, CatalogError> {
    let loaded = read_dir(dir);
    let version = version_of(to_json(&loaded.raw).as_bytes());
    let result = validate(&loaded.raw, &Options { version, sources: Some(&loaded.sources) });
    match (result, loaded.problems) {
        (Ok(c), p) if p.is_empty() => Ok(c),
        (Ok(_), problems) => Err(CatalogError { problems }),
        (Err(mut e), mut problems) => {
            problems.append(&mut e.problems);
            Err(CatalogError { problems })
        }
    }
}

/// Reads and validates a catalog in its JSON form (a file written by `export --format json`).
pub fn load_json(text: &str) -> Result<Catalog, CatalogError> {
    if let Err(m) = super::check_nesting(text) {
        return Err(CatalogError {
            problems: vec![problem("catalog.json", m, "the criteria may nest at most 16 levels")],
        });
    }
    match serde_json::from_str::<RawCatalog>(text) {
        Ok(raw) => super::from_raw(&raw, version_of(to_json(&raw).as_bytes())),
        Err(e) => Err(CatalogError {
            problems: vec![problem(
                "catalog.json",
                format!("line {} column {}: {e}", e.line(), e.column()),
                "the file must be a catalog written by `policy-matcher export --format json`",
            )],
        }),
    }
}

/// Validates a catalog given as TOML strings: `questions.toml` and `(file name, text)` per document.
/// No source texts, so clauses are not checked against them. For tests and tools.
pub fn from_toml(questions: &str, files: &[(&str, &str)]) -> Result<Catalog, CatalogError> {
    let mut problems = Vec::new();
    let mut raw = RawCatalog { format: CATALOG_FORMAT.into(), ..Default::default() };
    match parse_toml::<RawQuestions>("questions.toml", questions) {
        Ok(q) => raw.questions = q,
        Err(p) => problems.push(p),
    }
    for (name, text) in files {
        match parse_toml::<RawDocumentFile>(name, text) {
            Ok(f) => {
                raw.documents.push(RawNamedFile { file: name.to_string(), document: f.document, measure: f.measure })
            }
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(CatalogError { problems });
    }
    let version = version_of(to_json(&raw).as_bytes());
    validate(&raw, &Options { version, sources: None })
}
