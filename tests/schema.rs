//! `policy-matcher schema`: the JSON Schema editors use for the catalog's TOML files. It is what
//! data/catalog.schema.json holds, every bundled catalog file validates against it, and a misspelt
//! key or a malformed date does not.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::process::Command;

fn printed_schema() -> String {
    let o =
        Command::new(env!("CARGO_BIN_EXE_policy-matcher")).arg("schema").current_dir(common::root()).output().unwrap();
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&printed_schema()).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("the schema itself is invalid: {e}"))
}

fn toml_value(text: &str) -> serde_json::Value {
    toml::from_str(text).unwrap()
}

fn errors(v: &jsonschema::Validator, text: &str) -> Vec<String> {
    v.iter_errors(&toml_value(text)).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn the_committed_schema_file_is_what_schema_prints() {
    let committed = std::fs::read_to_string(common::root().join(policy_matcher::schema::SCHEMA_FILE)).unwrap();
    assert!(
        committed == printed_schema(),
        "data/catalog.schema.json is stale: run `cargo run -- schema > data/catalog.schema.json`"
    );
}

#[test]
fn every_bundled_catalog_file_validates() {
    let v = validator();
    let mut checked = Vec::new();
    for entry in std::fs::read_dir(common::root().join("data")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let problems = errors(&v, &text);
            assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
            checked.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    checked.sort();
    for must in ["1-zgc2024.toml", "5-hd-14fyp.toml", "questions.toml", "coverage.toml"] {
        assert!(checked.iter().any(|c| c == must), "{must} was checked: {checked:?}");
    }
    assert!(checked.len() >= 7, "{checked:?}");
    let fixture = std::fs::read_to_string(common::root().join("tests/fixtures/one-measure.toml")).unwrap();
    assert!(errors(&v, &fixture).is_empty());
}

#[test]
fn a_misspelt_key_a_bad_value_or_a_malformed_date_fails() {
    let v = validator();
    let text = std::fs::read_to_string(common::root().join("data/1-zgc2024.toml")).unwrap();
    for (from, to) in [
        ("effective_from = ", "efective_from = "),
        ("[[measure.criteria]]\nfield = ", "[[measure.criteria]]\nfeild = "),
        ("support = [\"", "support = [\"grants\", \""),
        ("date = \"2024-10-09\"", "date = \"9 October 2024\""),
    ] {
        assert!(text.contains(from), "{from}");
        let broken = text.replacen(from, to, 1);
        assert!(!errors(&v, &broken).is_empty(), "{to} must not validate");
    }
    let questions = std::fs::read_to_string(common::root().join("data/questions.toml")).unwrap();
    let broken = questions.replacen("kind = \"one_of\"", "kind = \"one-of\"", 1);
    assert!(!errors(&v, &broken).is_empty(), "an unknown field kind must not validate");
    let broken = questions.replacen("[[field]]\nid =", "[[fields]]\nid =", 1);
    assert!(!errors(&v, &broken).is_empty(), "[[fields]] is not [[field]]");
}
