//! The diff's unit tests: one small catalog, narrowed, dated and given a new option, against a few
//! applicants.

use super::*;
use crate::catalog::from_toml;
use crate::engine::Group;

const QUESTIONS: &str = include_str!("../../data/questions.toml");
const DOC: &str = r#"
[document]
id = "t"
title = { zh = "测试", en = "Test" }
issuer = { zh = "机关", en = "Issuer" }
url = "https://example.org/t"
effective_from = "2024-01-01"

[[measure]]
id = "small"
title = { zh = "小微", en = "Small" }
summary = { zh = "摘要", en = "Summary" }
support = ["grant"]
[[measure.criteria]]
field = "entity_type"
in = ["enterprise"]
clause = "企业"
reason = { zh = "企业", en = "Company" }
[[measure.criteria]]
field = "enterprise_size"
in = ["micro", "small"]
clause = "小微企业"
reason = { zh = "小微", en = "Small or micro" }
"#;

fn catalogs(new_doc: &str) -> (Catalog, Catalog) {
    (from_toml(QUESTIONS, &[("t.toml", DOC)]).unwrap(), from_toml(QUESTIONS, &[("t.toml", new_doc)]).unwrap())
}

fn applicant(name: &str, json: &str) -> Applicant {
    Applicant { name: name.into(), raw: serde_json::from_str(json).unwrap() }
}

fn run(a: &Catalog, b: &Catalog, applicants: &[Applicant]) -> CatalogDiff {
    let side = |name: &str, c| Side { name: name.into(), catalog: c };
    diff(&side("a", a), &side("b", b), applicants, Date::parse("2026-11-21").unwrap(), Lang::En)
}

#[test]
fn the_same_catalog_moves_nothing() {
    let (a, _) = catalogs(DOC);
    let d = run(&a, &a, &[applicant("x.json", r#"{"entity_type":"enterprise"}"#)]);
    assert!(d.added.is_empty() && d.removed.is_empty() && d.changed.is_empty() && d.questions.is_empty());
    assert_eq!(d.moves, 0);
}

#[test]
fn a_narrowed_criterion_is_named_and_the_applicant_it_excludes_loses_the_measure() {
    let (a, b) = catalogs(&DOC.replace(r#"in = ["micro", "small"]"#, r#"in = ["micro"]"#));
    let small = applicant("small.json", r#"{"entity_type":"enterprise","enterprise_size":"small"}"#);
    let micro = applicant("micro.json", r#"{"entity_type":"enterprise","enterprise_size":"micro"}"#);
    let d = run(&a, &b, &[small, micro]);
    assert_eq!(d.changed.len(), 1);
    let c = &d.changed[0].changes[0];
    assert_eq!((c.what, c.path.as_str()), ("criteria", "criteria[1]"));
    assert_eq!(c.old.as_deref(), Some("enterprise_size in [micro, small]"));
    assert_eq!(c.new.as_deref(), Some("enterprise_size in [micro]"));
    assert_eq!(d.moves, 1);
    let m = &d.applicants[0].moves[0];
    assert_eq!((m.kind, m.old, m.new), ("loses", Some(Group::Eligible), Some(Group::Ineligible)));
    assert!(m.why[0].contains("criteria[1]: enterprise_size in [micro, small] → enterprise_size in [micro]"));
    assert!(m.why.iter().any(|w| w.starts_with("now: not eligible: fails criteria[1]")), "{:?}", m.why);
    assert!(d.applicants[1].moves.is_empty());
    assert!(render_text(&d, Lang::En).contains("1 of 2 sample applicants move (0 gains, 1 losses"));
}

#[test]
fn dates_status_and_conditions_stated_are_reported() {
    let new = DOC.replace(
        "support = [\"grant\"]",
        "support = [\"grant\"]\neffective_until = \"2025-12-31\"\nconditions_stated = false",
    );
    let (a, b) = catalogs(&new);
    let d = run(&a, &b, &[applicant("x.json", r#"{"entity_type":"enterprise","enterprise_size":"small"}"#)]);
    let whats: Vec<&str> = d.changed[0].changes.iter().map(|c| c.what).collect();
    assert_eq!(whats, ["dates", "status", "conditions_stated"]);
    let m = &d.applicants[0].moves[0];
    assert_eq!((m.kind, m.new), ("loses", Some(Group::Inactive)));
    assert!(m.why.iter().any(|w| w.contains("not in force: expired (2025-12-31)")), "{:?}", m.why);
}

#[test]
fn an_answer_the_old_questions_do_not_know_is_left_unanswered_there_and_noted() {
    let (a, _) = catalogs(DOC);
    let q = QUESTIONS.replace(
        r#"  { id = "micro", label = { zh = "微型", en = "Micro" } },"#,
        r#"  { id = "micro", label = { zh = "微型", en = "Micro" } },
  { id = "nano", label = { zh = "纳", en = "Nano" } },"#,
    );
    let b =
        from_toml(&q, &[("t.toml", &DOC.replace(r#"["micro", "small"]"#, r#"["nano", "micro", "small"]"#))]).unwrap();
    let d = run(&a, &b, &[applicant("n.json", r#"{"entity_type":"enterprise","enterprise_size":"nano"}"#)]);
    assert_eq!(d.questions[0].path, "enterprise_size.nano");
    assert!(d.applicants[0].notes[0].contains("OLD does not accept"), "{:?}", d.applicants[0].notes);
    let m = &d.applicants[0].moves[0];
    assert_eq!((m.kind, m.old, m.new), ("changes", Some(Group::Confirm), Some(Group::Eligible)));
    // A list keeps the options the old questions know.
    let q = QUESTIONS.replace(
        r#"  { id = "quantum", label"#,
        r#"  { id = "photonics", label = { zh = "光子", en = "Photonics" } },
  { id = "quantum", label"#,
    );
    let b = from_toml(&q, &[("t.toml", DOC)]).unwrap();
    let d = run(&a, &b, &[applicant("p.json", r#"{"industries":["photonics","quantum"]}"#)]);
    assert_eq!(
        d.applicants[0].notes,
        ["OLD has no option \"photonics\" for \"industries\": left out of the answer there"]
    );
}
