//! One fixture per kind of invalid catalog (tests/invalid/*.toml). Each starts with
//! `# expect: phrase | phrase …`: the words `policy-matcher check` must print for it. A fixture named
//! `questions-*.toml` is appended to the real questions.toml; any other is a document file placed
//! beside the real questions.toml and source texts.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use policy_matcher::catalog;

const GOOD_DOC: &str = include_str!("fixtures/one-measure.toml");

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// A catalog folder holding the real questions and sources plus the fixture; returns its path.
pub fn fixture_dir(name: &str, text: &str) -> PathBuf {
    fixture_dir_for("invalid", name, text)
}

/// `fixture_dir` in a folder of its own per test (`test`), so that tests running at once do not
/// share one.
fn fixture_dir_for(test: &str, name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pm-{test}-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let data = common::root().join("data");
    copy_dir(&data.join("sources"), &dir.join("sources"));
    fs::copy(data.join("names.toml"), dir.join("names.toml")).unwrap();
    let questions = fs::read_to_string(data.join("questions.toml")).unwrap();
    if name.starts_with("questions-") {
        fs::write(dir.join("questions.toml"), format!("{questions}\n{text}")).unwrap();
        fs::write(dir.join("fixture.toml"), GOOD_DOC).unwrap();
    } else {
        fs::write(dir.join("questions.toml"), questions).unwrap();
        let file = if name == "malformed-toml.toml" { "fx.toml".to_string() } else { name.to_string() };
        fs::write(dir.join(file), text).unwrap();
    }
    dir
}

#[test]
fn every_invalid_fixture_fails_with_its_words() {
    let dir = common::root().join("tests/invalid");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    assert!(names.len() >= 20, "expected a fixture per kind of problem, found {}", names.len());
    let mut failures = Vec::new();
    for name in &names {
        let text = fs::read_to_string(dir.join(name)).unwrap();
        let expect = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect:"))
            .unwrap_or_else(|| panic!("{name}: first line must be `# expect: …`"));
        let folder = fixture_dir(name, &text);
        match catalog::load(&folder) {
            Ok(_) => failures.push(format!("{name}: the catalog was accepted")),
            Err(e) => {
                let msg = e.to_string();
                for p in e.problems.iter().filter(|p| p.line.is_none() || p.column.is_none()) {
                    failures.push(format!("{name}: a problem without its line and column: {p}"));
                }
                for p in &e.problems {
                    let head = format!(
                        "{}:{}:{}: {} {}: ",
                        p.file,
                        p.line.unwrap_or(0),
                        p.column.unwrap_or(0),
                        p.code.id(),
                        p.name
                    );
                    if !p.to_string().starts_with(&head) {
                        failures.push(format!("{name}: a problem that does not open with `{head}`: {p}"));
                    }
                }
                for phrase in expect.split('|').map(str::trim) {
                    if !msg.contains(phrase) {
                        failures.push(format!("{name}: the message lacks \"{phrase}\":\n{msg}"));
                    }
                }
            }
        }
        let _ = fs::remove_dir_all(&folder);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_good_fixture_document_is_accepted() {
    let folder = fixture_dir("good.toml", GOOD_DOC);
    let c = catalog::load(&folder).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.measures.len(), 1);
    let _ = fs::remove_dir_all(&folder);
}

/// names.toml must name options the questions have, with words that are not empty; and without
/// names.toml only the admissions rule runs (a park's own folder may have none).
#[test]
fn names_toml_is_checked_against_the_questions() {
    let folder = fixture_dir_for("names", "good.toml", GOOD_DOC);
    let names = fs::read_to_string(folder.join("names.toml")).unwrap();
    let stale = names.replace("[entity_type]\n", "[entity_type]\nstartup = [\"初创\"]\nempty = [\"\"]\n");
    fs::write(folder.join("names.toml"), stale).unwrap();
    let e = catalog::load(&folder).unwrap_err().to_string();
    assert!(e.contains("names.toml lists option \"entity_type.startup\", which questions.toml does not have"), "{e}");
    assert!(e.contains(": E046 names: entity_type.empty: an empty word"), "{e}");
    assert!(e.lines().any(|l| l.starts_with("names.toml:") && l.contains("entity_type.empty")), "with its line: {e}");
    fs::remove_file(folder.join("names.toml")).unwrap();
    fs::write(
        folder.join("good.toml"),
        GOOD_DOC.replace("clause = \"企业\"", "clause = \"高校\"").replace(
            "support = [\"grant\"]",
            "support = [\"grant\"]\nnotes = [{ zh = \"未作判断\", en = \"not tested\" }]",
        ),
    )
    .unwrap();
    let e = catalog::load(&folder).unwrap_err().to_string();
    assert!(e.contains("admits a condition is not tested"), "rule 1 runs without names.toml: {e}");
    assert!(!e.contains("does not name it"), "rules 2 and 3 need names.toml: {e}");
    let _ = fs::remove_dir_all(&folder);
}

#[test]
fn dropping_a_contract_field_is_refused() {
    let questions = fs::read_to_string(common::root().join("data/questions.toml")).unwrap();
    let cut = questions.find("id = \"founded_year\"").expect("founded_year is defined");
    let start = questions[..cut].rfind("[[field]]").unwrap();
    let trimmed = &questions[..start];
    let e = catalog::from_toml(trimmed, &[("fixture.toml", GOOD_DOC)]).unwrap_err().to_string();
    assert!(e.contains("the profile contract's field \"founded_year\" is missing"), "{e}");
    let renamed = questions.replace("id = \"micro\"", "id = \"tiny\"");
    let e = catalog::from_toml(&renamed, &[("fixture.toml", GOOD_DOC)]).unwrap_err().to_string();
    assert!(e.contains("lacks the contract's option \"micro\""), "{e}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let dir = common::root().join("tests/invalid");
    let folder = fixture_dir("many.toml", "");
    for name in ["unknown-option.toml", "missing-clause.toml", "non-http-link.toml"] {
        let text = fs::read_to_string(dir.join(name))
            .unwrap()
            .replace("id = \"fixture\"", &format!("id = \"{}\"", name.trim_end_matches(".toml")))
            .replace("fx-1", name.trim_end_matches(".toml"));
        fs::write(folder.join(name), text).unwrap();
    }
    fs::remove_file(folder.join("many.toml")).unwrap();
    let e = catalog::load(&folder).unwrap_err();
    assert_eq!(e.problems.len(), 3, "{e}");
    let _ = fs::remove_dir_all(&folder);
}

/// An English phrase left in a Chinese text: three or more Latin words in a row, once what the
/// text quotes ("…", “…”, `…`: ids, values, commands) and what a parser said (after `第 N 行`) are
/// set aside.
fn english_in(zh: &str) -> Option<String> {
    let mut text = zh.to_string();
    if let Some(at) = text.find('第').filter(|&at| text[at..].contains('行')) {
        text.truncate(at);
    }
    let mut kept = String::new();
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (None, '"' | '`') => quote = Some(c),
            (None, '“') => quote = Some('”'),
            (Some(q), _) if c == q => {
                quote = None;
                kept.push(' ');
            }
            (Some(_), _) => {}
            (None, _) => kept.push(c),
        }
    }
    kept.split(|c: char| !(c.is_ascii_alphabetic() || c == ' '))
        .find(|run| run.split_whitespace().count() >= 3)
        .map(|run| run.trim().to_string())
}

fn check_words(what: &str, e: &catalog::CatalogError, failures: &mut Vec<String>) {
    assert!(!e.problems.is_empty(), "{what}: no problems");
    for p in &e.problems {
        let zh = [("message", &p.message), ("hint", &p.hint)];
        for (part, words) in zh {
            let has_chinese = words.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            if words.zh.trim().is_empty() || words.en.trim().is_empty() || !has_chinese {
                failures.push(format!("{what}: {part} lacks Chinese or English words: {words:?}"));
            }
            if let Some(english) = english_in(&words.zh) {
                failures.push(format!("{what}: the Chinese {part} carries English (\"{english}\"): {}", words.zh));
            }
        }
        let zh = p.text(catalog::Lang::Zh);
        assert_eq!(p.text(catalog::Lang::En), p.to_string(), "{what}: English is what Display prints");
        assert!(zh.starts_with(&p.file) && zh.contains(&p.path) && zh.contains("\n    修改："), "{what}: {zh}");
    }
    assert!(e.text(catalog::Lang::Zh).ends_with(&format!("目录中共有 {} 处问题", e.problems.len())));
}

#[test]
fn every_catalog_problem_has_chinese_words_too() {
    assert_eq!(english_in("字段“entity_type”没有选项“startup”"), None);
    assert_eq!(english_in("第 5 行：missing comma between key-value pairs"), None);
    assert_eq!(english_in("添加 kind = \"one_of\"（或 any_of、integer、number、year）"), None);
    assert_eq!(english_in("用 `policy-matcher export --format json` 写出"), None);
    assert_eq!(english_in("缺少 the clause here"), Some("the clause here".into()));

    let dir = common::root().join("tests/invalid");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    let mut failures = Vec::new();
    for name in &names {
        let folder = fixture_dir_for("words", name, &fs::read_to_string(dir.join(name)).unwrap());
        match catalog::load(&folder) {
            Ok(_) => failures.push(format!("{name}: the catalog was accepted")),
            Err(e) => check_words(name, &e, &mut failures),
        }
        let _ = fs::remove_dir_all(&folder);
    }
    // The profile contract, and the JSON form a runtime catalog comes in.
    let questions = fs::read_to_string(common::root().join("data/questions.toml")).unwrap();
    let renamed =
        questions.replace("id = \"micro\"", "id = \"tiny\"").replace("kind = \"integer\"", "kind = \"number\"");
    let e = catalog::from_toml(&renamed, &[("fixture.toml", GOOD_DOC)]).unwrap_err();
    check_words("contract", &e, &mut failures);
    for (what, json) in [
        ("not JSON", "{\"format\": "),
        ("wrong shape", "{\"format\": 3}"),
        ("other format", "{\"format\": \"x\", \"questions\": {\"field\": []}, \"documents\": []}"),
        ("too deep", &"[".repeat(100)),
    ] {
        match catalog::from_json(json, "catalog.json") {
            Ok(_) => failures.push(format!("{what}: accepted")),
            Err(e) => check_words(what, &e, &mut failures),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
