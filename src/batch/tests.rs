//! The batch reader, matcher and writer on small inputs, and the CSV cell decoder against the
//! contract's decoder.

use super::*;
use crate::catalog::from_toml;
use crate::profile::{self, RawProfile};

/// The shared fixture plus a measure with a size test and a loose industry test.
const SIZED: &str = r#"
[document]
id = "sized"
title = { zh = "测试", en = "Test" }
issuer = { zh = "机关", en = "Issuer" }
url = "https://example.org/sized"

[[measure]]
id = "small-ai"
title = { zh = "小微人工智能", en = "Small AI" }
summary = { zh = "摘要", en = "Summary" }
support = ["grant"]
[[measure.criteria]]
field = "enterprise_size"
in = ["micro", "small"]
clause = "小微企业"
reason = { zh = "小微", en = "Small or micro" }
[[measure.criteria]]
field = "industries"
in = ["artificial_intelligence"]
clause = "人工智能等领域"
reason = { zh = "人工智能", en = "AI" }
loose = { zh = "举例", en = "Examples" }
"#;

fn catalog() -> Catalog {
    from_toml(
        include_str!("../../data/questions.toml"),
        &[("t.toml", include_str!("../../tests/fixtures/one-measure.toml")), ("u.toml", SIZED)],
    )
    .unwrap()
}

fn day() -> Date {
    Date::parse("2026-11-21").unwrap()
}

fn run_text(c: &Catalog, input: &str, out: Option<Format>, shape: Shape) -> (String, Summary, Vec<BadRow>) {
    let mut bad = Vec::new();
    let mut output = Vec::new();
    let options = Options { out_format: out, shape, ..Options::new(day()) };
    let summary = run(c, input.as_bytes(), &mut output, &options, &mut |e| {
        if let Event::BadRow(b) = e {
            bad.push(b.clone())
        }
    })
    .unwrap();
    (String::from_utf8(output).unwrap(), summary, bad)
}

/// `profile::decode_cell`, batch's allocation-free path, against `profile::decode` of the answer the
/// cell means: the same value, or the same problem, for every cell.
#[test]
fn the_fast_cell_decoder_agrees_with_profile_decode() {
    let c = catalog();
    let mut rng = crate::synth::Rng::new(7);
    let words = ["", "enterprise", "small", "haidian", "none", "x", "1e3", "45", "2019", "-1", "2.5", "abc"];
    for _ in 0..20_000 {
        let f = &c.fields[rng.below(c.fields.len())];
        let mut cell = String::new();
        for k in 0..rng.below(3) {
            if k > 0 {
                cell.push(';');
            }
            match rng.below(3) {
                0 if !f.options.is_empty() => cell.push_str(&f.options[rng.below(f.options.len())].id),
                _ => cell.push_str(words[rng.below(words.len())]),
            }
        }
        let fi = c.field_index(&f.id).unwrap();
        let slow = {
            let mut raw = RawProfile::new();
            if let Some(a) = cell_answer(f.kind, &cell) {
                raw.insert(f.id.clone(), a);
            }
            profile::decode(&c, &raw, 2026).map(|p| p.get(fi)).map_err(|e| e.problems[0].kind.clone())
        };
        assert_eq!(profile::decode_cell(f, &cell, 2026), slow, "field {} cell {cell:?}", f.id);
    }
}

#[test]
fn csv_in_long_csv_out_lists_open_measures_with_missing_fields() {
    let c = catalog();
    let input = "id,entity_type,enterprise_size,industries\n\
                 a,enterprise,small,artificial_intelligence;next_gen_it\n\
                 # a comment\n\
                 b,enterprise,,\n\
                 c,bank,,\n\
                 d,enterprise,micro,quantum\n";
    let (out, summary, bad) = run_text(&c, input, None, Shape::Long);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(summary, Summary { rows: 4, matched: 4, bad: 0 });
    assert_eq!(
        out,
        "id,measure,verdict,group,missing,doubts\n\
         a,fx-ok,eligible,eligible,,\n\
         a,small-ai,eligible,eligible,,\n\
         b,fx-ok,eligible,eligible,,\n\
         b,small-ai,possible,possible,enterprise_size;industries,\n\
         d,fx-ok,eligible,eligible,,\n\
         d,small-ai,possible,possible,,industries\n",
        "a bank (c) has no open measure here; d's industry is not in the loose list: to confirm"
    );
    let (out, _, _) = run_text(&c, input, Some(Format::JsonLines), Shape::Long);
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(
        last,
        serde_json::json!({"id": "d", "measure": "small-ai", "verdict": "possible", "group": "possible", "missing": [], "doubts": ["industries"]})
    );
}

#[test]
fn a_bad_row_is_reported_with_its_line_and_skipped() {
    let c = catalog();
    let input =
        "id,entity_type,industries\na,enterprise,\nb,startup,\nc,enterprise,ai;quantum\nd,enterprise\ne,university,\n";
    let (out, summary, bad) = run_text(&c, input, None, Shape::Wide);
    assert_eq!(summary, Summary { rows: 5, matched: 2, bad: 3 });
    assert_eq!(bad[0].line, 3);
    assert!(bad[0].message.contains("field \"entity_type\"") && bad[0].message.contains("\"startup\""), "{bad:?}");
    assert!(bad[0].message.contains("enterprise, university"), "what is allowed: {bad:?}");
    assert_eq!(bad[1].line, 4);
    assert!(bad[1].message.contains("\"ai\""), "{bad:?}");
    assert_eq!(bad[2].line, 5);
    assert!(bad[2].message.contains("2 cells, but the header has 3"), "{bad:?}");
    let ids: Vec<&str> = out.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(ids, ["a", "e"]);
}

#[test]
fn an_id_a_spreadsheet_would_run_reaches_the_output_as_text() {
    let c = catalog();
    let leads = ["=", "+", "-", "@", "\t", "\r"];
    let mut input = String::from("id,entity_type\n");
    for lead in leads {
        input.push_str(&format!("\"{lead}HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",enterprise\n"));
    }
    for shape in [Shape::Long, Shape::Wide] {
        let (out, summary, bad) = run_text(&c, &input, Some(Format::Csv), shape);
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(summary.matched, leads.len() as u64);
        let mut read = ::csv::ReaderBuilder::new().from_reader(out.as_bytes());
        let ids: std::collections::BTreeSet<String> = read.records().map(|r| r.unwrap()[0].to_string()).collect();
        // A tab or CR lead is trimmed with the id's other surrounding space when it is read.
        let want: std::collections::BTreeSet<String> = leads
            .iter()
            .map(|l| match l.trim() {
                "" => "HYPERLINK(\"http://x\",\"y\")".to_string(),
                l => format!("'{l}HYPERLINK(\"http://x\",\"y\")"),
            })
            .collect();
        assert_eq!(ids, want, "{shape:?}: every id starts with ' and is otherwise kept");
    }
}

#[test]
fn a_row_over_the_limit_stops_the_run_with_its_line() {
    let c = catalog();
    let long = "x".repeat(MAX_ROW_BYTES + 10);
    // Many short lines inside one quoted cell are one row; many cells on one line are one row.
    let quoted = format!("\"{}\"", "xy\n".repeat(MAX_ROW_BYTES / 3 + 10));
    let cells = "enterprise,".repeat(MAX_ROW_BYTES / 11 + 10);
    for (input, line, written_lines) in [
        (format!("id,entity_type\na,enterprise\n{long},enterprise\n"), 3, 2),
        (format!("{{\"id\":\"a\"}}\n{{\"id\":\"{long}\"}}\n"), 2, 1),
        (format!("id,entity_type\na,enterprise\n{quoted},enterprise\n"), 3, 2),
        (format!("id,entity_type\na,enterprise\nb,{cells}\nc,enterprise\n"), 3, 2),
    ] {
        let mut sink = Vec::new();
        let r =
            run(&c, input.as_bytes(), &mut sink, &Options { shape: Shape::Wide, ..Options::new(day()) }, &mut |_| {});
        let Err(BatchError::Input(m)) = r else { panic!("must fail: {r:?}") };
        assert!(m.starts_with(&format!("line {line}: a row longer than 65536 bytes")), "{m}");
        let written = String::from_utf8(sink).unwrap();
        assert_eq!(
            written.lines().count(),
            written_lines,
            "nothing after row a: {}",
            &written[..200.min(written.len())]
        );
    }
    let fits = format!("id,entity_type\n{},enterprise\n", "x".repeat(MAX_ROW_BYTES - 20));
    let (_, summary, bad) = run_text(&c, &fits, None, Shape::Wide);
    assert_eq!((summary.matched, bad.len()), (1, 0), "a row under the limit is read");
}

#[test]
fn jsonl_in_and_out_with_ids_passed_through() {
    let c = catalog();
    let input = "{\"id\":\"x\\\"1\",\"entity_type\":\"enterprise\"}\n\n{\"id\":7,\"entity_type\":\"bank\"}\n{\"entity_type\":\"individual\"}\nnot json\n";
    let (out, summary, bad) = run_text(&c, input, None, Shape::Wide);
    assert_eq!(summary.matched, 3);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].line, 5);
    let rows: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows[0]["id"], "x\"1");
    assert_eq!(rows[1]["id"], "7");
    assert_eq!(rows[2]["id"], "4", "no id: the line number");
    assert_eq!(rows[1]["groups"].as_object().unwrap().len(), c.measures.len());
}

#[test]
fn unknown_columns_are_refused_up_front() {
    let c = catalog();
    let mut sink = Vec::new();
    let r = run(&c, "id,sector\n".as_bytes(), &mut sink, &Options::new(day()), &mut |_| {});
    let Err(BatchError::Input(m)) = r else { panic!("must fail") };
    assert!(m.contains("unknown column \"sector\"") && m.contains("entity_type"), "{m}");
}

#[test]
fn the_template_reads_back_once_its_example_is_uncommented() {
    let c = catalog();
    let t = csv_template(&c);
    let (out, summary, _) = run_text(&c, &t, None, Shape::Wide);
    assert_eq!((summary.rows, out.lines().count()), (0, 1), "the example is a comment");
    let uncommented = t.replace("# ", "");
    let (_, summary, bad) = run_text(&c, &uncommented, None, Shape::Wide);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(summary.matched, 1);
}

/// The threads change nothing: one job or several, the same records in the same order, the same
/// summary and bad rows, also when the input is many chunks long.
#[test]
fn any_number_of_jobs_gives_the_same_output() {
    let c = catalog();
    let mut input = Vec::new();
    template::synthetic_csv(&c, 3 * CHUNK as u64 + 17, 5, 2026, &mut input).unwrap();
    let mut input = String::from_utf8(input).unwrap();
    input.push_str("bad,not-an-option\n");
    input.push_str(&input.clone().lines().skip(1).take(40).map(|l| format!("{l}\n")).collect::<String>());
    for shape in [Shape::Long, Shape::Wide] {
        let go = |jobs| {
            let mut bad = Vec::new();
            let mut output = Vec::new();
            let options = Options { shape, jobs, ..Options::new(day()) };
            let summary = run(&c, input.as_bytes(), &mut output, &options, &mut |e| {
                if let Event::BadRow(b) = e {
                    bad.push(b.clone())
                }
            })
            .unwrap();
            (String::from_utf8(output).unwrap(), summary, bad)
        };
        let one = go(1);
        assert_eq!(one.1.matched, 3 * CHUNK as u64 + 17 + 40);
        assert_eq!(one.2.len(), 1, "{:?}", one.2);
        assert!(one.0.lines().count() > one.1.matched as usize / 2, "{shape:?}");
        for jobs in [2, 3, 8] {
            assert!(go(jobs) == one, "{shape:?}, {jobs} jobs");
        }
    }
}
