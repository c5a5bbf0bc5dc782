//! The maintainers' CLI, run as a process: check, match (json and text), stats, export, and the
//! errors a person sees for bad input.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_policy-matcher"));
    cmd.args(args).current_dir(common::root()).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const EXAMPLE: &str = "tests/profiles/contract-example.json";
/// The contract's example company, working on key-technology innovation: it meets every condition
/// zgc2024-01 states (audit 2026-12 #2; the contract example itself meets none outright).
const INNOVATING: &str = r#"{"entity_type":"enterprise","enterprise_size":"small","industries":["artificial_intelligence","next_gen_it"],"location":"haidian","qualifications":["tech_sme","national_high_tech","first_time_high_tech"],"listing_status":"unlisted","activities":["key_tech_innovation"],"employees":45,"founded_year":2019}"#;

#[test]
fn check_passes_on_the_bundled_catalog() {
    let o = run(&["check"], None);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).starts_with("ok: data — 5 documents,"), "{}", out(&o));
}

#[test]
fn check_fails_with_file_measure_path_and_advice() {
    let dir = common::root().join("tests/invalid");
    let text = std::fs::read_to_string(dir.join("unknown-option.toml")).unwrap();
    let tmp = std::env::temp_dir().join(format!("pm-cli-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::copy(common::root().join("data/questions.toml"), tmp.join("questions.toml")).unwrap();
    std::fs::write(tmp.join("bad.toml"), text).unwrap();
    let o = run(&["check", "--catalog", tmp.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(
        e.contains(
            "bad.toml:15:21: E027 unknown-option: measure \"fx-1\": criteria[0].in[1]: unknown option \"startup\" for field \"entity_type\""
        ),
        "{e}"
    );
    assert!(e.contains("fix: allowed: enterprise, university"), "{e}");
    assert!(e.contains("1 problem in the catalog"), "{e}");
    // For editors and CI: the same problem as JSON, with its place and code.
    let o = run(&["check", "--catalog", tmp.to_str().unwrap(), "--format", "json"], None);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v["ok"], false);
    let p = &v["problems"][0];
    assert_eq!((p["file"].as_str(), p["line"].as_u64(), p["column"].as_u64()), (Some("bad.toml"), Some(15), Some(21)));
    assert_eq!((p["code"].as_str(), p["name"].as_str()), (Some("E027"), Some("unknown-option")));
    assert_eq!(p["path"], "criteria[0].in[1]");
    assert!(p["message"]["zh"].as_str().unwrap().contains("startup"), "{p}");
    let o = run(&["check", "--format", "json"], None);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v["ok"], true);
    assert!(v["measures"].as_u64().unwrap() > 50);
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn match_json_has_the_contract_shape() {
    let o = run(&["match", "--profile", "-", "--as-of", "2026-11-21"], Some(INNOVATING));
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v["as_of"], "2026-11-21");
    assert!(v["catalog"]["version"].as_str().unwrap().starts_with("c1-"));
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), common::bundled().measures.len());
    let order = ["eligible", "possible", "ineligible", "inactive"];
    let ranks: Vec<usize> = results.iter().map(|r| order.iter().position(|o| *o == r["verdict"]).unwrap()).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "results are ranked");
    for r in results {
        assert!(r["id"].is_string() && r["title"]["zh"].is_string() && r["title"]["en"].is_string());
        assert!(r["reasons"].as_array().is_some_and(|a| !a.is_empty()), "{}", r["id"]);
        assert!(r["missing"].is_array());
        for reason in r["reasons"].as_array().unwrap() {
            if reason["kind"] == "test" {
                assert!(reason["clause"].is_string() && reason["reason"]["en"].is_string(), "{reason}");
            }
        }
    }
    let small = results.iter().find(|r| r["id"] == "zgc2024-01-tech-small-micro").unwrap();
    assert_eq!(small["verdict"], "eligible");
    assert!(v["next_question"].is_null() || v["next_question"].is_string());
}

#[test]
fn match_reads_stdin_and_partial_profiles_name_missing_fields() {
    let o = run(&["match", "--profile", "-", "--as-of", "2026-11-21"], Some(r#"{"entity_type":"enterprise"}"#));
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let r = v["results"].as_array().unwrap().iter().find(|r| r["id"] == "zgc2024-01-tech-small-micro").unwrap();
    assert_eq!(r["verdict"], "possible");
    assert_eq!(
        r["missing"],
        serde_json::json!(["enterprise_size", "qualifications", "activities", "industries", "location"])
    );
    assert!(v["next_question"].is_string());
}

#[test]
fn match_text_reads_well_in_both_languages() {
    let en = run(
        &["match", "--profile", "-", "--as-of", "2026-11-21", "--format", "text", "--lang", "en"],
        Some(INNOVATING),
    );
    assert!(en.status.success());
    let t = out(&en);
    assert!(
        t.contains("As of 2026-11-21")
            && t.contains("Meets the published conditions (")
            && t.contains("Not eligible (")
            && t.contains("「"),
        "{t}"
    );
    let zh = run(
        &["match", "--profile", "-", "--as-of", "2026-11-21", "--format", "text", "--lang", "zh"],
        Some(INNOVATING),
    );
    let t = out(&zh);
    assert!(
        t.contains("评估日期 2026-11-21") && t.contains("符合已公布的条件 (") && t.contains("支持科技型小微企业发展"),
        "{t}"
    );
}

#[test]
fn bad_profiles_and_arguments_exit_non_zero_with_a_clear_message() {
    let o = run(&["match", "--profile", "-"], Some(r#"{"entity_type":"startup","sector":"ai"}"#));
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(e.contains("field \"entity_type\": unknown option \"startup\"; allowed: enterprise"), "{e}");
    assert!(e.contains("field \"sector\": unknown field"), "{e}");
    let o = run(&["match", "--profile", "-"], Some("[1,2"));
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("not a JSON object of answers"));
    let o = run(&["match", "--profile", EXAMPLE, "--as-of", "2023-02-30"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("does not exist"), "{}", err(&o));
    let o = run(&["match", "--profile", EXAMPLE, "--lang", "fr"], None);
    assert!(err(&o).contains("allowed: zh, en"));
    let o = run(&["frobnicate"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("unknown command \"frobnicate\""));
    let o = run(&["check", "--profile", "x"], None);
    assert!(err(&o).contains("check does not take --profile"));
}

#[test]
fn stats_counts_by_issuer_status_support_and_field() {
    let o = run(&["stats", "--as-of", "2026-11-21", "--lang", "en"], None);
    assert!(o.status.success());
    let t = out(&o);
    for section in ["by document", "by issuer", "by status", "by support type", "fields used"] {
        assert!(t.contains(section), "{t}");
    }
    assert!(t.contains("zgc2024") && t.contains("entity_type"));
    // The default language, Chinese: the same counts, its headings in zh.
    let o = run(&["stats", "--as-of", "2026-11-21"], None);
    let zh = out(&o);
    for section in ["各政策文件", "各发布机关", "各状态", "各支持方式", "各问题被多少项措施检验"]
    {
        assert!(zh.contains(section), "{zh}");
    }
}

#[test]
fn export_json_round_trips_to_the_same_catalog() {
    let o = run(&["export", "--format", "json"], None);
    assert!(o.status.success(), "{}", err(&o));
    let from_json = policy_matcher::catalog::from_json(&out(&o), "export").unwrap_or_else(|e| panic!("{e}"));
    let from_toml = common::bundled();
    assert_eq!(from_json.version, from_toml.version, "the same content has the same version");
    assert_eq!(from_json.measures, from_toml.measures);
    assert_eq!(from_json.fields, from_toml.fields);
}

/// Writes the exported catalog to a temporary file and returns its path.
fn exported_file(name: &str) -> std::path::PathBuf {
    let o = run(&["export", "--format", "json"], None);
    assert!(o.status.success(), "{}", err(&o));
    let path = std::env::temp_dir().join(format!("pm-cli-{}-{name}.json", std::process::id()));
    std::fs::write(&path, out(&o)).unwrap();
    path
}

#[test]
fn bug_1_a_catalog_has_one_version_whatever_its_text_looks_like() {
    // Before: a runtime catalog's version hashed the raw text (trailing newline included).
    let text = out(&run(&["export", "--format", "json"], None));
    let pretty = serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&text).unwrap()).unwrap();
    let bundled = common::bundled().version;
    for (what, t) in [("as exported", text.clone()), ("trimmed", text.trim().to_string()), ("pretty", pretty)] {
        let c = policy_matcher::catalog::from_json(&t, "x.json").unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(c.version, bundled, "{what}");
    }
}

#[test]
fn bug_2_and_3_every_command_reads_an_exported_json_catalog() {
    let file = exported_file("export");
    let path = file.to_str().unwrap();
    // export of an exported file: the same catalog, not an empty one.
    let o = run(&["export", "--format", "json", "--catalog", path], None);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(out(&o), std::fs::read_to_string(&file).unwrap());
    // synth from an exported file: no panic, a catalog.
    let o = run(&["synth", "--measures", "5", "--catalog", path], None);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(policy_matcher::catalog::from_json(&out(&o), "synth").unwrap().measures.len(), 5);
    for args in [vec!["check"], vec!["stats"], vec!["match", "--profile", EXAMPLE]] {
        let mut a = args.clone();
        a.extend(["--catalog", path]);
        let o = run(&a, None);
        assert!(o.status.success(), "{a:?}: {}", err(&o));
    }
    let _ = std::fs::remove_file(file);
}

#[test]
fn bug_4_a_closed_pipe_ends_the_output_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_policy-matcher"))
        .args(["match", "--profile", EXAMPLE, "--format", "text"])
        .current_dir(common::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 10];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout); // like `| head -c 10`
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(!err(&o).contains("panicked"), "{}", err(&o));
}

#[test]
fn exit_codes_are_0_ok_1_bad_input_2_usage() {
    assert_eq!(run(&["check"], None).status.code(), Some(0));
    assert_eq!(run(&["match", "--profile", "-"], Some(r#"{"entity_type":"startup"}"#)).status.code(), Some(1));
    assert_eq!(run(&["match", "--profile", "/nonexistent.json"], None).status.code(), Some(1));
    assert_eq!(run(&["check", "--catalog", "/nonexistent"], None).status.code(), Some(1));
    assert_eq!(run(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(run(&["match"], None).status.code(), Some(2));
    assert_eq!(run(&["match", "--profile", EXAMPLE, "--lang", "fr"], None).status.code(), Some(2));
    assert_eq!(run(&["check", "--catalog", "data", "--catalog", "data"], None).status.code(), Some(2));
    assert_eq!(run(&["stats", "--as-of", "2023-02-30"], None).status.code(), Some(2));
}

#[test]
fn match_names_what_would_open_more_for_the_plain_company() {
    let plain = r#"{"entity_type":"enterprise","enterprise_size":"small","industries":["artificial_intelligence"],"location":"haidian","qualifications":["none"],"listing_status":"unlisted","activities":["none"],"founded_year":2020}"#;
    let o = run(&["match", "--profile", "-", "--as-of", "2026-11-22"], Some(plain));
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let unlocks = v["unlocks"].as_array().unwrap();
    assert!(!unlocks.is_empty());
    let fields: std::collections::BTreeSet<&str> = unlocks.iter().map(|u| u["field"].as_str().unwrap()).collect();
    for fact in ["entity_type", "industries", "enterprise_size", "founded_year"] {
        assert!(!fields.contains(fact), "{fact} is not something a person changes: {fields:?}");
    }
    let first_time =
        unlocks.iter().find(|u| u["option"] == "first_time_high_tech").expect("a certification opens more");
    assert_eq!(first_time["change"]["en"], "Obtain: First-time national high-tech enterprise");
    assert!(first_time["measures"].as_array().unwrap().iter().any(|m| m["id"] == "zgc2024-02-high-tech-growth"));
    let ranks: Vec<u64> = unlocks.iter().map(|u| u["eligible"].as_u64().unwrap()).collect();
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "{ranks:?}");
    let text = out(&run(&["match", "--profile", "-", "--format", "text", "--lang", "zh"], Some(plain)));
    assert!(text.contains("可开启更多支持的单项变化") && text.contains("开展："), "{text}");
}

#[test]
fn check_words_its_problems_in_the_language_asked_for() {
    let bad = common::root().join("tests/invalid/unknown-option.toml");
    let dir = std::env::temp_dir().join(format!("pm-check-lang-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(common::root().join("data/questions.toml"), dir.join("questions.toml")).unwrap();
    std::fs::copy(&bad, dir.join("bad.toml")).unwrap();
    let d = dir.to_str().unwrap();
    let en = run(&["check", "--catalog", d], None);
    let zh = run(&["check", "--catalog", d, "--lang", "zh"], None);
    let (en, zh) = (String::from_utf8_lossy(&en.stderr).to_string(), String::from_utf8_lossy(&zh.stderr).to_string());
    assert!(en.contains("E027 unknown-option") && en.contains("problem"), "{en}");
    assert!(zh.contains("E027 unknown-option") && zh.contains("处问题"), "{zh}");
    assert_eq!(run(&["check", "--catalog", d, "--lang", "fr"], None).status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
