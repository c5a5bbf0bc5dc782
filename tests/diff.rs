//! `policy-matcher diff OLD NEW`, run as a process on the fixture pair in tests/fixtures/diff/
//! (one criterion widened) with the sample applicants of tests/profiles/: exactly two applicants
//! move, each named with the criterion that changed; exit 3 when results move, 0 when none do.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_policy-matcher")).args(args).current_dir(common::root()).output().unwrap()
}

/// A catalog folder: the bundled questions and one fixture document file.
fn catalog(name: &str, document: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pm-diff-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(common::root().join("data/questions.toml"), dir.join("questions.toml")).unwrap();
    std::fs::copy(common::root().join("tests/fixtures/diff").join(document), dir.join("1-fixture.toml")).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_sample_applicants_cover_the_typical_applicants_and_follow_the_contract() {
    let dir = common::root().join("tests/profiles");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    assert!(names.len() >= 12, "{names:?}");
    for kind in [
        "startup",
        "high-tech-sme",
        "listed-company",
        "bank",
        "venture-capital",
        "guarantee-institution",
        "university",
        "research-institute",
        "incubator",
        "park-operator",
        "individual-talent",
        "social-organization",
    ] {
        let file = format!("{kind}.json");
        assert!(names.contains(&file), "tests/profiles/{file} is missing");
        let o = run(&["match", "--profile", &format!("tests/profiles/{file}"), "--as-of", "2026-11-22"]);
        assert!(o.status.success(), "{file}: {}", String::from_utf8_lossy(&o.stderr));
    }
}

#[test]
fn one_widened_criterion_moves_two_applicants_and_names_the_criterion() {
    let (old, new) = (catalog("old", "old.toml"), catalog("new", "new.toml"));
    let o = run(&["diff", s(&old), s(&new), "--as-of", "2026-11-22", "--lang", "en"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(3), "results move: {text}\n{}", String::from_utf8_lossy(&o.stderr));
    assert!(text.contains("measures changed (1)\n  ~ fx-research  Research support"), "{text}");
    assert!(
        text.contains(
            "criteria[0]: entity_type in [enterprise] → entity_type in [enterprise, university, research_institute]"
        ),
        "{text}"
    );
    assert!(text.contains("  university.json: gains 1, loses 0, changes 0"), "{text}");
    assert!(text.contains("  research-institute.json: gains 1, loses 0, changes 0"), "{text}");
    assert!(text.contains("2 of 13 sample applicants move (2 gains, 0 losses, 0 other changes)"), "{text}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("exit 3"));

    let o = run(&["diff", s(&old), s(&new), "--as-of", "2026-11-22", "--format", "json", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["moves"], 2);
    let moved: Vec<&str> = v["applicants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| !a["moves"].as_array().unwrap().is_empty())
        .map(|a| a["profile"].as_str().unwrap())
        .collect();
    assert_eq!(moved, ["research-institute.json", "university.json"]);
    let m =
        &v["applicants"].as_array().unwrap().iter().find(|a| a["profile"] == "university.json").unwrap()["moves"][0];
    assert_eq!((m["measure"].as_str(), m["kind"].as_str()), (Some("fx-research"), Some("gains")));
    assert_eq!((m["old"].as_str(), m["new"].as_str()), (Some("ineligible"), Some("eligible")));
    let why: Vec<&str> = m["why"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
    assert!(why[0].starts_with("changed criteria[0]: entity_type in [enterprise] →"), "{why:?}");
    assert!(why.contains(&"before: not eligible: fails criteria[0] (entity_type in [enterprise])"), "{why:?}");
    assert!(why.contains(&"now: eligible: every stated condition is met"), "{why:?}");
    assert_eq!(v["changed"][0]["changes"][0]["what"], "criteria");
}

#[test]
fn no_moving_result_exits_0_and_the_other_direction_loses() {
    let (old, new) = (catalog("same-a", "old.toml"), catalog("same-b", "old.toml"));
    let o = run(&["diff", s(&old), s(&new), "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("0 of 13 sample applicants move"));
    // The default language, Chinese: the same report in zh.
    let o = run(&["diff", s(&old), s(&new)]);
    assert_eq!(o.status.code(), Some(0));
    let zh = String::from_utf8_lossy(&o.stdout);
    assert!(zh.contains("13 位示例申请人中有 0 位结果变化") && zh.contains("修改措施（0）"), "{zh}");

    let (old, new) = (catalog("rev-a", "new.toml"), catalog("rev-b", "old.toml"));
    let o = run(&["diff", s(&old), s(&new), "--as-of", "2026-11-22", "--profiles", "tests/profiles", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&o.stdout).contains("university.json: gains 0, loses 1"));
}

#[test]
fn an_exported_json_catalog_compares_with_its_folder_and_nothing_moves() {
    let export = run(&["export", "--format", "json"]);
    let file = std::env::temp_dir().join(format!("pm-diff-{}-export.json", std::process::id()));
    std::fs::write(&file, &export.stdout).unwrap();
    let o = run(&["diff", s(&file), "data", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["old"]["version"], v["new"]["version"]);
    assert_eq!(v["changed"].as_array().unwrap().len(), 0);
}

#[test]
fn usage_errors_name_what_is_missing() {
    let o = run(&["diff", "data"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("diff needs 2 catalogs: OLD NEW"));
    let o = run(&["diff", "data", "data", "--format", "yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("allowed: text, json"));
    let o = run(&["--help"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("3 diff: results move"));
}
