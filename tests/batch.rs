//! `policy-matcher match --profiles`, run as a process: CSV and JSON Lines round trips that agree
//! with `match --profile` for every sample applicant, a bad row in the middle, the template, and
//! 100,000 rows streamed in constant memory.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, Read, Write};
use std::process::{Command, Output, Stdio};

use policy_matcher::profile::{RawAnswer, RawProfile};

const AS_OF: &str = "2026-11-22";

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_policy-matcher"))
        .args(args)
        .current_dir(common::root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let text = stdin.to_string();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(text.as_bytes());
    });
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    o
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The sample applicants: file stem → answers.
fn samples() -> BTreeMap<String, RawProfile> {
    let dir = common::root().join("tests/profiles");
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "json") {
            let raw: RawProfile = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            out.insert(path.file_stem().unwrap().to_string_lossy().into_owned(), raw);
        }
    }
    assert!(out.len() >= 12);
    out
}

fn cell(a: &RawAnswer) -> String {
    match a {
        RawAnswer::Text(t) => t.clone(),
        RawAnswer::Number(x) => policy_matcher::words::number(*x),
        RawAnswer::List(items) => items.iter().map(cell).collect::<Vec<_>>().join(";"),
        other => panic!("not a sample answer: {other:?}"),
    }
}

/// The samples as a CSV with the template's header.
fn samples_csv() -> String {
    let template = stdout(&run(&["template", "--format", "csv"], ""));
    let header: Vec<&str> = template.lines().next().unwrap().split(',').collect();
    let mut csv = header.join(",") + "\n";
    for (id, raw) in samples() {
        let row: Vec<String> = header
            .iter()
            .map(|&h| if h == "id" { id.clone() } else { raw.get(h).map(cell).unwrap_or_default() })
            .collect();
        csv += &(row.join(",") + "\n");
    }
    csv
}

/// The samples as JSON Lines, each with its id.
fn samples_jsonl() -> String {
    samples()
        .into_iter()
        .map(|(id, raw)| {
            let mut v = serde_json::to_value(&raw).unwrap();
            v["id"] = serde_json::Value::String(id);
            v.to_string() + "\n"
        })
        .collect()
}

/// What `match --profile` says of one sample: measure id → (group, missing fields).
fn single(id: &str) -> BTreeMap<String, (String, Vec<String>)> {
    let o = run(&["match", "--profile", &format!("tests/profiles/{id}.json"), "--as-of", AS_OF], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let missing = r["missing"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_string()).collect();
            (r["id"].as_str().unwrap().to_string(), (r["group"].as_str().unwrap().to_string(), missing))
        })
        .collect()
}

#[test]
fn wide_csv_gives_every_sample_applicant_the_groups_of_match_profile() {
    let o = run(&["match", "--profiles", "-", "--wide", "--as-of", AS_OF], &samples_csv());
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "no progress bar and no noise when standard error is not a terminal");
    let out = stdout(&o);
    let mut lines = out.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[0], "id");
    assert_eq!(header.len() - 1, common::bundled().measures.len());
    let mut seen = 0;
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let expected = single(cells[0]);
        for (measure, group) in header[1..].iter().zip(&cells[1..]) {
            assert_eq!(*group, expected[*measure].0, "{} / {measure}", cells[0]);
        }
        seen += 1;
    }
    assert_eq!(seen, samples().len());
}

#[test]
fn long_jsonl_lists_the_open_measures_of_match_profile_with_their_missing_fields() {
    let o = run(&["match", "--profiles", "-", "--as-of", AS_OF], &samples_jsonl());
    assert!(o.status.success(), "{}", stderr(&o));
    let mut got: BTreeMap<String, BTreeMap<String, (String, Vec<String>)>> = BTreeMap::new();
    for line in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["verdict"] == "eligible", v["group"] == "eligible");
        let missing = v["missing"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_string()).collect();
        got.entry(v["id"].as_str().unwrap().to_string())
            .or_default()
            .insert(v["measure"].as_str().unwrap().to_string(), (v["group"].as_str().unwrap().to_string(), missing));
    }
    for id in samples().keys() {
        let open: BTreeMap<String, (String, Vec<String>)> = single(id)
            .into_iter()
            .filter(|(_, (g, _))| ["eligible", "possible", "worth_a_look"].contains(&g.as_str()))
            .collect();
        assert_eq!(got.get(id).cloned().unwrap_or_default(), open, "{id}");
    }
}

#[test]
fn csv_and_jsonl_round_trip_to_the_same_results_in_either_output_format() {
    let csv_in = run(&["match", "--profiles", "-", "--format", "jsonl", "--as-of", AS_OF], &samples_csv());
    let jsonl_in = run(&["match", "--profiles", "-", "--as-of", AS_OF], &samples_jsonl());
    assert!(csv_in.status.success() && jsonl_in.status.success());
    assert_eq!(stdout(&csv_in), stdout(&jsonl_in), "the same profiles give the same records");
    let file = std::env::temp_dir().join(format!("pm-batch-{}.csv", std::process::id()));
    std::fs::write(&file, samples_csv()).unwrap();
    let csv_out = run(&["match", "--profiles", file.to_str().unwrap(), "--as-of", AS_OF], "");
    let jsonl_to_csv = run(&["match", "--profiles", "-", "--format", "csv", "--as-of", AS_OF], &samples_jsonl());
    assert_eq!(stdout(&csv_out), stdout(&jsonl_to_csv));
    assert!(stdout(&csv_out).starts_with("id,measure,verdict,group,missing,doubts\n"));
}

#[test]
fn a_bad_row_in_the_middle_is_reported_skipped_and_makes_the_exit_code_1() {
    let csv = samples_csv();
    let mut lines: Vec<&str> = csv.lines().collect();
    let bad = "broken,startup,small,ai,,,,,,,,,";
    lines.insert(4, bad);
    let input = lines.join("\n") + "\n";
    let o = run(&["match", "--profiles", "-", "--wide", "--as-of", AS_OF], &input);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("-: line 5: field \"entity_type\": unknown option \"startup\""), "{e}");
    assert!(e.contains("allowed: enterprise, university"), "what is allowed: {e}");
    assert!(e.contains("field \"industries\": unknown option \"ai\""), "every problem of the row: {e}");
    assert!(e.contains(&format!("1 of {} rows were bad and skipped", samples().len() + 1)), "{e}");
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1 + samples().len(), "every good row is still written");
    assert!(!out.contains("broken"));
}

#[test]
fn the_template_is_a_header_and_one_commented_example_that_matches() {
    let o = run(&["template", "--format", "csv"], "");
    assert!(o.status.success());
    let t = stdout(&o);
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(lines.len(), 2);
    let fields: Vec<String> = common::bundled().fields.iter().map(|f| f.id.clone()).collect();
    assert_eq!(lines[0], format!("id,{}", fields.join(",")));
    assert!(lines[1].starts_with("# example-001,enterprise,"), "{}", lines[1]);
    let o = run(&["match", "--profiles", "-", "--wide"], &t.replace("# ", ""));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).lines().nth(1).unwrap().starts_with("example-001,"));
    let o = run(&["template", "--format", "jsonl"], "");
    assert_eq!(o.status.code(), Some(2));
}

fn peak_rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// 100,000 rows through a pipe: results must come out while input is still going in (the run
/// never collects rows), and the peak memory after 100,000 rows must be within 8 MB of the peak
/// after 10,000 (collecting the rows or their results would add well over 100 MB).
#[cfg(target_os = "linux")]
#[test]
fn one_hundred_thousand_rows_stream_in_constant_memory() {
    let synth = Command::new(env!("CARGO_BIN_EXE_policy-matcher"))
        .args(["synth", "--profiles", "100000", "--seed", "5"])
        .current_dir(common::root())
        .output()
        .unwrap();
    assert!(synth.status.success());
    let rows: Vec<u8> = synth.stdout;
    // Where each row starts: after the header's newline, then after each row's.
    let row_starts: Vec<usize> = rows.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i + 1).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_policy-matcher"))
        .args(["match", "--profiles", "-", "--wide", "--as-of", AS_OF])
        .current_dir(common::root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut input = child.stdin.take().unwrap();
    // Count result lines as they arrive.
    let (tx, rx) = std::sync::mpsc::channel::<usize>();
    let mut output = std::io::BufReader::new(child.stdout.take().unwrap());
    let reader = std::thread::spawn(move || {
        let (mut n, mut line) = (0, String::new());
        while output.read_line(&mut line).unwrap() > 0 {
            n += 1;
            line.clear();
            if n % 1000 == 0 {
                let _ = tx.send(n);
            }
        }
        n
    });
    let wait_for = |lines: usize| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match rx.recv_timeout(left) {
                Ok(n) if n >= lines => return,
                Ok(_) => {}
                Err(e) => {
                    panic!("no results for the rows written so far while input is still open ({e}): not streaming")
                }
            }
        }
    };
    input.write_all(&rows[..row_starts[10_000]]).unwrap();
    input.flush().unwrap();
    wait_for(9_000);
    let after_10k = peak_rss_kb(pid);
    input.write_all(&rows[row_starts[10_000]..]).unwrap();
    input.flush().unwrap();
    wait_for(99_000);
    let after_100k = peak_rss_kb(pid);
    drop(input);
    let status = child.wait().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert!(status.success(), "{err}");
    assert_eq!(reader.join().unwrap(), 100_001, "a header and one line per profile");
    assert!(
        after_100k <= after_10k + 8 * 1024,
        "peak memory grew from {after_10k} kB after 10,000 rows to {after_100k} kB after 100,000"
    );
}

/// The batch shortcuts (verdicts from `engine::decide`, traces only for open measures) against the
/// full `engine::evaluate`, on 3,000 generated profiles of the bundled catalog.
#[test]
fn the_batch_matcher_agrees_with_the_engine_on_generated_profiles() {
    use policy_matcher::{batch, date::Date, engine, profile};
    let c = common::bundled();
    let as_of = Date::parse(AS_OF).unwrap();
    let mut csv = Vec::new();
    batch::synthetic_csv(&c, 3000, 11, as_of.year(), &mut csv).unwrap();
    let text = String::from_utf8(csv).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut matcher = batch::Matcher::new(&c, as_of, true);
    let mut open = 0;
    for line in lines {
        let mut raw = RawProfile::new();
        for (h, cell) in header.iter().zip(line.split(',')).skip(1) {
            let f = &c.fields[c.field_index(h).unwrap()];
            if let Some(a) = batch::cell_answer(f.kind, cell) {
                raw.insert(f.id.clone(), a);
            }
        }
        let p = profile::decode(&c, &raw, as_of.year()).unwrap_or_else(|e| panic!("{line}: {e}"));
        let e = engine::evaluate(&c, &p, as_of);
        matcher.evaluate(&p);
        for r in &e.results {
            let i = r.measure;
            assert_eq!(matcher.group(i), r.group(), "{line} / {}", c.measures[i].id);
            if r.group() == engine::Group::Confirm {
                open += 1;
                let missing: Vec<u32> = e.missing(r).iter().map(|&f| f as u32).collect();
                assert_eq!(matcher.missing(i), missing.as_slice(), "{line} / {}", c.measures[i].id);
                let m = &c.measures[i];
                let mut doubts: Vec<u32> = Vec::new();
                for &n in e.doubts(r) {
                    if let policy_matcher::catalog::NodeKind::Test(t) = &m.criteria.nodes[n].kind {
                        if !doubts.contains(&(t.field as u32)) {
                            doubts.push(t.field as u32);
                        }
                    }
                }
                assert_eq!(matcher.doubts(i), doubts.as_slice(), "{line} / {}", m.id);
            }
        }
    }
    assert!(open > 1000, "the generated profiles leave measures open ({open})");
}
