//! Runs the scenario files in tests/scenarios/: each names an applicant (a profile in the words of
//! the profile contract), a date, and the verdicts a policy officer expects for named measures.
//! Every failing expectation is reported, with its file and scenario, before the test fails.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;

use policy_matcher::date::Date;
use policy_matcher::engine::{self, Group, Verdict};
use policy_matcher::profile::{self, RawProfile};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    scenario: Vec<Scenario>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    name: String,
    as_of: String,
    profile: RawProfile,
    /// measure id → eligible | possible | ineligible | inactive, or worth_a_look (possible, and the
    /// text states no conditions beyond who may apply)
    expect: BTreeMap<String, String>,
    /// When given: exactly these measures are eligible, no others
    #[serde(default)]
    eligible_exactly: Option<Vec<String>>,
    /// measure id → the fields it must list as missing (exactly, in any order)
    #[serde(default)]
    missing: BTreeMap<String, Vec<String>>,
    /// the expected next question (field id), or "" for none
    #[serde(default)]
    next_question: Option<String>,
}

#[test]
fn scenarios() {
    let catalog = common::bundled();
    let dir = common::root().join("tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    let mut entity_types = std::collections::BTreeSet::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        for s in file.scenario {
            count += 1;
            let at = format!("{name}: \"{}\"", s.name);
            let as_of = Date::parse(&s.as_of).unwrap_or_else(|e| panic!("{at}: as_of: {e}"));
            if let Some(profile::RawAnswer::Text(t)) = s.profile.get("entity_type") {
                entity_types.insert(t.clone());
            }
            let p = match profile::decode(&catalog, &s.profile, as_of.year()) {
                Ok(p) => p,
                Err(e) => {
                    failures.push(format!("{at}: bad profile: {e}"));
                    continue;
                }
            };
            let eval = engine::evaluate(&catalog, &p, as_of);
            assert!(!s.expect.is_empty(), "{at}: expects nothing");
            for (id, want) in &s.expect {
                let Some(r) = eval.results.iter().find(|r| catalog.measures[r.measure].id == *id) else {
                    failures.push(format!("{at}: no measure \"{id}\" in the catalog"));
                    continue;
                };
                let ok = if want == "worth_a_look" {
                    r.group() == Group::WorthALook
                } else {
                    let want_v = Verdict::ALL
                        .iter()
                        .find(|v| v.id() == want)
                        .unwrap_or_else(|| panic!("{at}: \"{want}\" is not a verdict"));
                    r.verdict == *want_v
                };
                if !ok {
                    let missing: Vec<&str> = eval.missing(r).iter().map(|&f| catalog.fields[f].id.as_str()).collect();
                    let failed: Vec<&str> = eval
                        .failed(r)
                        .iter()
                        .map(|&n| catalog.measures[r.measure].criteria.nodes[n].path.as_str())
                        .collect();
                    failures.push(format!(
                        "{at}: {id}: expected {want}, got {} (missing {missing:?}, failed {failed:?})",
                        r.group().id()
                    ));
                }
            }
            if let Some(want) = &s.eligible_exactly {
                let mut got: Vec<&str> = eval
                    .results
                    .iter()
                    .filter(|r| r.verdict == Verdict::Eligible)
                    .map(|r| catalog.measures[r.measure].id.as_str())
                    .collect();
                let mut want: Vec<&str> = want.iter().map(String::as_str).collect();
                got.sort();
                want.sort();
                if got != want {
                    failures.push(format!("{at}: expected exactly these eligible {want:?}, got {got:?}"));
                }
            }
            for (id, want) in &s.missing {
                let r = eval
                    .results
                    .iter()
                    .find(|r| catalog.measures[r.measure].id == *id)
                    .unwrap_or_else(|| panic!("{at}: no measure {id}"));
                let mut got: Vec<String> = eval.missing(r).iter().map(|&f| catalog.fields[f].id.clone()).collect();
                let mut want = want.clone();
                got.sort();
                want.sort();
                if got != want {
                    failures.push(format!("{at}: {id}: expected missing {want:?}, got {got:?}"));
                }
            }
            if let Some(want) = &s.next_question {
                let got = eval.next_question.map(|q| catalog.fields[q.field].id.clone()).unwrap_or_default();
                if got != *want {
                    failures.push(format!("{at}: expected next question \"{want}\", got \"{got}\""));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} scenario expectation(s) failed:\n{}", failures.len(), failures.join("\n"));
    assert!(count >= 25, "at least 25 scenarios, found {count}");
    let f = &catalog.fields[catalog.field_index("entity_type").unwrap()];
    let uncovered: Vec<&str> = f.options.iter().map(|o| o.id.as_str()).filter(|o| !entity_types.contains(*o)).collect();
    assert!(uncovered.is_empty(), "every entity type needs a scenario; none for {uncovered:?}");
    println!("{count} scenarios in {} files passed", files.len());
}

/// Audit D13: "探索开展…试点" is an exploratory pilot, not a scheme anyone can apply for; like the
/// other 探索 items it is left out, and coverage.toml says why.
#[test]
fn audit_d13_an_exploratory_pilot_is_not_offered_and_the_coverage_says_why() {
    let catalog = common::bundled();
    assert!(catalog.measure("hd14fyp-pr-national-treatment").is_none());
    let coverage = std::fs::read_to_string(common::root().join("data/coverage.toml")).unwrap();
    let at = coverage.find("持永久居留身份证外籍人才创办科技型企业享受国民待遇试点").expect("the sentence is listed");
    let entry = &coverage[at..coverage[at..].find("[[sentence]]").map_or(coverage.len(), |e| at + e)];
    assert!(entry.contains("left_out"), "{entry}");
}
