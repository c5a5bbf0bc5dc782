//! The catalog check for park teams (dist/check.html): a catalog someone dropped in the browser —
//! the files of a catalog folder, or one exported JSON file — read and validated by the same
//! pipeline as `policy-matcher check` (`catalog::read_folder` / `read_json`, `validate_loaded`,
//! the lint, every problem placed at its file, line and column with its code), then its numbers
//! (`stats`, the coverage of the sources), its exported JSON form (which the page hands to the
//! widget's `catalog-url` for the live preview) and what changes against the bundled catalog for
//! the sample applicants (`diff`). Data only, in the person's language (`words::check`): the page
//! turns it into elements. Compiled natively (tests) and in the browser with the feature `check`
//! (a module of its own, loaded by the check page alone).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalog::{self, Catalog, CatalogError, Lang, Loaded, Memory, Problem, Support};
use crate::date::Date;
use crate::diff::{self, Applicant};
use crate::stats::{self, Stats};
use crate::words::check::{self as w, Sections};

/// At most this many files in one drop (a catalog folder has a few dozen).
pub const MAX_FILES: usize = 500;

/// What the page shows for one catalog.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub ok: bool,
    /// What was read (a folder of n files, a JSON file).
    pub read: String,
    pub headline: String,
    /// Every problem, in both languages, with file, line, column and code.
    pub problems: Vec<Problem>,
    /// The numbers, the coverage and the diff, when the catalog is valid.
    pub sections: Vec<Section>,
    /// The catalog's exported JSON form (what `export --format json` writes), when it is valid.
    pub json: Option<String>,
    pub version: Option<String>,
}

/// A table of the report.
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    /// A stable id for the page and the tests (`summary`, `coverage`, `diff` …).
    pub id: &'static str,
    pub heading: String,
    pub note: Option<String>,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Checks the files of one drop: `name` is the folder's or the file's name; `files` maps each
/// file's path inside the folder (`questions.toml`, `sources/001_….txt`) to its text. A drop of one
/// `.json` file is read as an exported catalog.
pub fn check(name: &str, files: BTreeMap<String, String>, applicants: &[Applicant], as_of: Date, lang: Lang) -> Report {
    let json = (files.len() == 1).then(|| files.iter().next()).flatten().filter(|(n, _)| n.ends_with(".json"));
    let (loaded, read) = match json {
        Some((n, text)) => (catalog::read_json(n, text), w::what_was_read(None, n, lang)),
        None => {
            let read = w::what_was_read(Some(files.len()), name, lang);
            (catalog::read_folder(&Memory { folder: String::new(), files }), read)
        }
    };
    match validated(&loaded) {
        Err(e) => Report {
            ok: false,
            read,
            headline: w::headline(e.problems.len(), 0, lang),
            problems: e.problems,
            sections: Vec::new(),
            json: None,
            version: None,
        },
        Ok(c) => {
            let s = stats::stats(&loaded, &c, as_of);
            let mut sections = numbers(&c, &s, lang);
            sections.push(coverage(&s, lang));
            if let Ok(bundled) = crate::bundled::catalog() {
                sections.extend(against_bundled(&bundled, &c, applicants, as_of, lang));
            }
            Report {
                ok: true,
                read,
                headline: w::headline(0, c.measures.len(), lang),
                problems: Vec::new(),
                sections,
                json: Some(catalog::to_json(&loaded.raw)),
                version: Some(c.version.clone()),
            }
        }
    }
}

/// `policy-matcher check`'s verdict: the pipeline's problems, then the lint's, each placed.
fn validated(loaded: &Loaded) -> Result<Catalog, CatalogError> {
    let c = catalog::validate_loaded(loaded)?;
    let mut problems = catalog::validate::lint(&c);
    if problems.is_empty() {
        return Ok(c);
    }
    catalog::place(&mut problems, &loaded.texts);
    Err(CatalogError { problems })
}

fn table(id: &'static str, heading: &str, columns: [&str; 2], rows: Vec<(String, usize)>) -> Section {
    Section {
        id,
        heading: heading.to_string(),
        note: None,
        columns: columns.iter().map(|c| c.to_string()).collect(),
        rows: rows.into_iter().map(|(k, n)| vec![k, n.to_string()]).collect(),
    }
}

/// The summary and the counts of `policy-matcher stats`.
fn numbers(c: &Catalog, s: &Stats, lang: Lang) -> Vec<Section> {
    let h: Sections = w::sections(lang);
    let criteria = c
        .measures
        .iter()
        .flat_map(|m| &m.criteria.nodes)
        .filter(|n| matches!(n.kind, catalog::NodeKind::Test(_)))
        .count();
    // The summary: what the catalog is, then its counts (text values, so not `table`).
    let counts = [
        (h.documents, s.documents),
        (h.measures, s.measures),
        (h.criteria, criteria),
        (h.questions, c.fields.len()),
        (h.groups, s.scheme_groups.len()),
        (h.not_stated, s.conditions_not_stated),
    ];
    let mut rows = vec![vec![h.version.to_string(), s.version.clone()], vec![h.as_of.to_string(), s.as_of.to_string()]];
    rows.extend(counts.iter().map(|(k, n)| vec![k.to_string(), n.to_string()]));
    let summary = Section {
        id: "summary",
        heading: h.summary.to_string(),
        note: None,
        columns: vec![h.what.to_string(), h.value.to_string()],
        rows,
    };
    let doc_title = |id: &String| {
        c.documents.iter().find(|d| &d.id == id).map_or(id.clone(), |d| format!("{} ({id})", d.title.get(lang)))
    };
    let field_label =
        |id: &String| c.field_index(id).map_or(id.clone(), |k| format!("{} ({id})", c.fields[k].label.get(lang)));
    let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
    for n in s.by_status.values() {
        *by_status.entry(crate::words::status_word(n.status, lang)).or_default() += n.measures;
    }
    vec![
        summary,
        table(
            "by-document",
            h.by_document,
            [h.document, h.count],
            s.by_document.iter().map(|(k, n)| (doc_title(k), *n)).collect(),
        ),
        table(
            "by-status",
            h.by_status,
            [h.what, h.count],
            by_status.into_iter().map(|(k, n)| (k.to_string(), n)).collect(),
        ),
        table(
            "by-support",
            h.by_support,
            [h.what, h.count],
            s.by_support
                .iter()
                .map(|(k, n)| (Support::parse(k).map_or(k.to_string(), |t| t.label(lang).to_string()), *n))
                .collect(),
        ),
        table(
            "by-field",
            h.by_field,
            [h.questions, h.measures],
            s.by_field.iter().map(|(k, n)| (field_label(k), *n)).collect(),
        ),
    ]
}

/// The coverage of the sources per document (from coverage.toml, which only a folder has).
fn coverage(s: &Stats, lang: Lang) -> Section {
    let h = w::sections(lang);
    Section {
        id: "coverage",
        heading: h.coverage.to_string(),
        note: s.coverage.is_empty().then(|| h.coverage_none.to_string()),
        columns: [h.document, h.sentences, h.carried, h.left_out, h.audit_clear, h.audit_borderline]
            .iter()
            .map(|c| c.to_string())
            .collect(),
        rows: s
            .coverage
            .iter()
            .map(|c| {
                vec![
                    c.document.clone(),
                    c.sentences.to_string(),
                    c.carried.to_string(),
                    c.left_out.to_string(),
                    format!("{}/{}", c.audit_clear.1, c.audit_clear.0),
                    format!("{}/{}", c.audit_borderline.1, c.audit_borderline.0),
                ]
            })
            .collect(),
    }
}

/// The measures and questions that differ from the bundled catalog, and the sample applicants'
/// moves.
fn against_bundled(bundled: &Catalog, c: &Catalog, applicants: &[Applicant], as_of: Date, lang: Lang) -> Vec<Section> {
    let h = w::sections(lang);
    let side = |name: &str, catalog| diff::Side { name: name.to_string(), catalog };
    let d = diff::diff(&side("bundled", bundled), &side("checked", c), applicants, as_of, lang);
    let mut changes: Vec<Vec<String>> = Vec::new();
    for q in &d.questions {
        changes.push(vec![h.question_change.to_string(), q.path.clone(), q.text(lang)]);
    }
    for m in &d.added {
        changes.push(vec![h.added.to_string(), m.id.clone(), m.title.clone()]);
    }
    for m in &d.removed {
        changes.push(vec![h.removed.to_string(), m.id.clone(), m.title.clone()]);
    }
    for m in &d.changed {
        let what: Vec<String> = m.changes.iter().map(|c| c.text(lang)).collect();
        changes.push(vec![h.changed.to_string(), m.id.clone(), format!("{}: {}", m.title, what.join("; "))]);
    }
    let group = |g: Option<crate::engine::Group>| g.map_or(h.absent, |g| crate::words::group_text(g, lang));
    let kind = |k: &str| match k {
        "gains" => h.gains,
        "loses" => h.loses,
        _ => h.changes,
    };
    let moves = d
        .applicants
        .iter()
        .map(|a| {
            let list: Vec<String> = a
                .moves
                .iter()
                .map(|m| format!("{} {} ({}): {} → {}", kind(m.kind), m.title, m.measure, group(m.old), group(m.new)))
                .collect();
            vec![a.profile.clone(), if list.is_empty() { h.none.to_string() } else { list.join("\n") }]
        })
        .collect();
    vec![
        Section {
            id: "diff",
            heading: h.diff.to_string(),
            note: changes.is_empty().then(|| h.none.to_string()),
            columns: [h.change, h.measure, h.detail].iter().map(|c| c.to_string()).collect(),
            rows: changes,
        },
        Section {
            id: "applicants",
            heading: h.applicants.to_string(),
            note: Some(h.diff_note.to_string()),
            columns: [h.applicant, h.moves].iter().map(|c| c.to_string()).collect(),
            rows: moves,
        },
    ]
}

/// The sample applicants from the check page's list: `[{"name": "bank.json", "answers": {…}}, …]`.
pub fn applicants(json: &str) -> Result<Vec<Applicant>, String> {
    #[derive(serde::Deserialize)]
    struct One {
        name: String,
        answers: crate::profile::RawProfile,
    }
    let all: Vec<One> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    Ok(all.into_iter().map(|o| Applicant { name: o.name, raw: o.answers }).collect())
}

/// The check page's entry points (feature `check`).
#[cfg(all(target_arch = "wasm32", feature = "check"))]
mod js {
    use wasm_bindgen::prelude::*;

    use crate::catalog::Lang;

    fn lang(l: &str) -> Lang {
        if l == "en" {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    fn to_js<T: serde::Serialize>(v: &T) -> JsValue {
        v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
    }

    /// The page's words in `lang` (`zh` or `en`).
    #[wasm_bindgen(js_name = checkWords)]
    pub fn check_words(l: &str) -> JsValue {
        to_js(&crate::words::check::page(lang(l)))
    }

    /// Checks a drop: `files` is an object of path → text; `applicants` the page's sample
    /// applicants (JSON text); `as_of` the evaluation date (YYYY-MM-DD, the page's today in Beijing).
    #[wasm_bindgen(js_name = checkCatalog)]
    pub fn check_catalog(
        name: &str,
        files: JsValue,
        applicants: &str,
        as_of: &str,
        l: &str,
    ) -> Result<JsValue, JsValue> {
        let files: std::collections::BTreeMap<String, String> =
            serde_wasm_bindgen::from_value(files).map_err(|e| JsValue::from_str(&e.to_string()))?;
        if files.len() > super::MAX_FILES {
            return Err(JsValue::from_str("too many files"));
        }
        let applicants = super::applicants(applicants).map_err(|e| JsValue::from_str(&e))?;
        let as_of = crate::date::Date::parse(as_of).map_err(|e| JsValue::from_str(&e.to_string()))?;
        Ok(to_js(&super::check(name, files, &applicants, as_of, lang(l))))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn folder(dir: &std::path::Path) -> BTreeMap<String, String> {
        let mut files = BTreeMap::new();
        for sub in ["", "sources"] {
            for e in std::fs::read_dir(dir.join(sub)).unwrap() {
                let e = e.unwrap();
                if e.file_type().unwrap().is_file() {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let key = if sub.is_empty() { name } else { format!("{sub}/{name}") };
                    files.insert(key, std::fs::read_to_string(e.path()).unwrap());
                }
            }
        }
        files
    }

    fn data() -> BTreeMap<String, String> {
        folder(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data"))
    }

    fn sample_applicants() -> Vec<Applicant> {
        diff::read_applicants(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/profiles")).unwrap()
    }

    #[test]
    fn the_bundled_folder_checks_clean_with_numbers_coverage_and_no_moves() {
        let as_of = Date::parse("2026-12-01").unwrap();
        let r = check("data", data(), &sample_applicants(), as_of, Lang::En);
        assert!(r.ok, "{:?}", r.problems);
        assert_eq!(r.version.as_deref(), Some(crate::bundled::CATALOG_VERSION));
        let ids: Vec<&str> = r.sections.iter().map(|s| s.id).collect();
        assert_eq!(
            ids,
            ["summary", "by-document", "by-status", "by-support", "by-field", "coverage", "diff", "applicants"]
        );
        let coverage = &r.sections[5];
        assert!(coverage.note.is_none() && coverage.rows.len() == 5, "{coverage:?}");
        assert!(r.sections[6].rows.is_empty(), "the bundled catalog against itself changes nothing");
        assert!(r.sections[7].rows.iter().all(|row| row[1] == "none"));
        // The JSON form reads back as the same catalog (the preview runs on it).
        let again = catalog::from_json(r.json.as_deref().unwrap(), "checked").unwrap();
        assert_eq!(again.version, crate::bundled::CATALOG_VERSION);
    }

    #[test]
    fn a_broken_file_gives_problems_with_line_column_and_code_as_the_cli_does() {
        let mut files = data();
        let doc = files.keys().find(|k| k.starts_with("1-")).unwrap().clone();
        let text = files[&doc].replacen("[[measure]]", "[[measure]]\nbogus_key = 1", 1);
        files.insert(doc.clone(), text);
        let r = check("data", files, &[], Date::parse("2026-12-01").unwrap(), Lang::Zh);
        assert!(!r.ok && r.json.is_none() && r.sections.is_empty());
        let p = r.problems.iter().find(|p| p.file == doc).expect("the broken file is named");
        assert!(p.line.is_some() && p.column.is_some(), "{p:?}");
        assert_eq!(p.code.id(), "E004");
        assert!(r.headline.contains("处问题"));
    }

    #[test]
    fn an_exported_json_file_checks_and_a_changed_one_moves_applicants() {
        let as_of = Date::parse("2026-12-01").unwrap();
        let json = crate::bundled::CATALOG_JSON.to_string();
        let files = BTreeMap::from([("catalog.json".to_string(), json.clone())]);
        let r = check("catalog.json", files, &sample_applicants(), as_of, Lang::En);
        assert!(r.ok, "{:?}", r.problems);
        assert!(r.read.contains("JSON"));
        assert_eq!(r.sections[5].note.as_deref(), Some(w::sections(Lang::En).coverage_none));
        // Drop the first measure: the diff lists it as removed.
        let mut raw: serde_json::Value = serde_json::from_str(&json).unwrap();
        let docs = raw["documents"].as_array_mut().unwrap();
        let first = docs.iter_mut().find(|d| d["measure"].as_array().is_some_and(|m| m.len() > 1)).unwrap();
        let gone = first["measure"].as_array_mut().unwrap().remove(0);
        let files = BTreeMap::from([("catalog.json".to_string(), raw.to_string())]);
        let r = check("catalog.json", files, &sample_applicants(), as_of, Lang::En);
        let diff = r.sections.iter().find(|s| s.id == "diff").unwrap();
        assert!(diff.rows.iter().any(|row| row[0] == "removed" && row[1] == gone["id"].as_str().unwrap()), "{diff:?}");
    }

    #[test]
    fn hostile_drops_are_problems_not_panics() {
        let as_of = Date::parse("2026-12-01").unwrap();
        for (name, text) in [
            ("catalog.json", "[".repeat(100_000)),
            ("catalog.json", "\u{0}\u{1}garbage".to_string()),
            ("questions.toml", "[[".repeat(50_000)),
            ("questions.toml", "x = \"".to_string() + &"a".repeat(1000)),
        ] {
            let r = check(name, BTreeMap::from([(name.to_string(), text)]), &[], as_of, Lang::En);
            assert!(!r.ok && !r.problems.is_empty(), "{name}");
        }
        let r = check("empty", BTreeMap::new(), &[], as_of, Lang::En);
        assert!(!r.ok && r.problems.iter().any(|p| p.file == "questions.toml"));
    }

    #[test]
    fn the_sample_applicants_list_reads_and_a_bad_one_is_refused() {
        let list = applicants(r#"[{"name":"a.json","answers":{"org_type":"enterprise"}}]"#).unwrap();
        assert_eq!(list[0].name, "a.json");
        assert!(applicants("{}").is_err());
    }
}
