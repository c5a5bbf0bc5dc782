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
    let dir = std::env::temp_dir().join(format!("pm-invalid-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let data = common::root().join("data");
    copy_dir(&data.join("sources"), &dir.join("sources"));
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
