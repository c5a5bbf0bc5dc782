//! Hostile and broken input, class by class, and generated-input fuzzing of the three decoders
//! (catalog loader, profile decoder, share-link decoder): every input gets an answer — a value or
//! a clear error — and none panics or hangs. cargo-fuzz needs a nightly toolchain, which these
//! machines do not have, so the fuzzing runs here as seeded property tests inside `cargo test`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use policy_matcher::catalog::{self, raw::RawCatalog, validate::MAX_MEASURES};
use policy_matcher::date::Date;
use policy_matcher::engine;
use policy_matcher::profile::{self, Profile, RawProfile};
use policy_matcher::share;
use policy_matcher::synth::{self, Rng};

fn bundled_raw() -> RawCatalog {
    catalog::read(&common::root().join("data")).raw
}

#[test]
fn ten_thousand_measures_load_and_evaluate() {
    let raw = synth::catalog(&bundled_raw().questions, 10_000, 1);
    let json = catalog::to_json(&raw);
    let started = Instant::now();
    let c = catalog::from_json(&json, "catalog.json").unwrap_or_else(|e| panic!("{e}"));
    let load = started.elapsed();
    assert_eq!(c.measures.len(), 10_000);
    let started = Instant::now();
    let e = engine::evaluate(&c, &Profile::empty(&c), Date::parse("2026-11-21").unwrap());
    let eval = started.elapsed();
    assert_eq!(e.results.len(), 10_000);
    println!("10,000 measures: loaded and validated in {load:?}, evaluated in {eval:?} (debug build)");
    assert!(eval < Duration::from_secs(2));
}

#[test]
fn more_measures_than_allowed_is_refused_clearly() {
    let mut raw = synth::catalog(&bundled_raw().questions, 1, 1);
    let m = raw.documents[0].measure[0].clone();
    raw.documents[0].measure =
        (0..=MAX_MEASURES).map(|i| catalog::raw::RawMeasure { id: format!("m{i}"), ..m.clone() }).collect();
    let e = catalog::from_raw(&raw).unwrap_err().to_string();
    assert!(e.contains(&format!("{} measures; at most {MAX_MEASURES} are allowed", MAX_MEASURES + 1)), "{e}");
}

#[test]
fn a_100_kb_string_is_refused_with_a_clear_message() {
    let mut raw = bundled_raw();
    raw.documents[0].measure[0].summary.as_mut().unwrap().en = Some("x".repeat(100 * 1024));
    raw.documents[0].measure[0].criteria[0].clause = Some("条".repeat(40_000));
    let e = catalog::from_raw(&raw).unwrap_err().to_string();
    assert!(e.contains("summary.en: text of 102400 bytes; at most 4000 are allowed"), "{e}");
    assert!(e.contains("clause: text of 120000 bytes"), "{e}");
}

#[test]
fn absurd_nesting_is_refused_before_parsing() {
    let deep_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = catalog::from_json(&deep_json, "catalog.json").unwrap_err().to_string();
    assert!(e.contains("nest deeper than 64 levels"), "{e}");
    let deep_toml = format!("[document]\nid = \"x\"\nx = {}1{}\n", "[".repeat(50_000), "]".repeat(50_000));
    let questions = std::fs::read_to_string(common::root().join("data/questions.toml")).unwrap();
    let e = catalog::from_toml(&questions, &[("deep.toml", &deep_toml)]).unwrap_err().to_string();
    assert!(e.contains("deep.toml") && e.contains("line 3: brackets nest deeper than 64 levels"), "{e}");
    // Brackets inside strings and comments do not count.
    assert!(catalog::check_nesting(&format!("a = \"{}\" # {}\n", "[".repeat(500), "{".repeat(500))).is_ok());
    // A profile nested deeply is refused, not recursed into.
    let deep_profile = format!("{{\"industries\": {}{}}}", "[".repeat(5000), "]".repeat(5000));
    assert!(serde_json::from_str::<RawProfile>(&deep_profile).is_err());
}

/// Mutates a text: flips, deletes, duplicates or inserts bytes and tokens, or truncates it.
fn mutate(text: &str, rng: &mut Rng) -> String {
    const TOKENS: &[&str] = &[
        "\"", "{", "}", "[", "]", ",", ":", "=", "\n", "null", "true", "-1", "1e309", "NaN", "\\u0000", "\\\"", "in",
        "not_in", "all", "any", "not", "field", "min", "max", "clause", "\u{feff}", "测", "<script>",
    ];
    let mut b = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        if b.is_empty() {
            break;
        }
        let at = rng.below(b.len());
        match rng.below(6) {
            0 => b[at] ^= 1 << rng.below(8),
            1 => {
                let end = (at + 1 + rng.below(64)).min(b.len());
                b.drain(at..end);
            }
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                b.splice(at..at, t.iter().copied());
            }
            3 => b.truncate(at),
            4 => {
                let end = (at + rng.below(200)).min(b.len());
                let chunk = b[at..end].to_vec();
                b.splice(at..at, chunk);
            }
            _ => b[at] = rng.below(256) as u8,
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

fn no_panic<T>(what: &str, input: &str, f: impl FnOnce() -> T) {
    if catch_unwind(AssertUnwindSafe(f)).is_err() {
        let shown: String = input.chars().take(400).collect();
        panic!("{what} panicked on this input:\n{shown}");
    }
}

#[test]
fn fuzz_the_catalog_loader() {
    let json = catalog::to_json(&bundled_raw());
    let questions = std::fs::read_to_string(common::root().join("data/questions.toml")).unwrap();
    let doc = std::fs::read_to_string(common::root().join("data/3-hd2022-pilot.toml")).unwrap();
    let mut rng = Rng::new(0xfeed);
    let started = Instant::now();
    let (mut inputs, mut accepted) = (0, 0);
    for _ in 0..400 {
        let text = mutate(&json, &mut rng);
        no_panic("from_json", &text, || {
            if catalog::from_json(&text, "catalog.json").is_ok() {
                accepted += 1;
            }
        });
        inputs += 1;
    }
    for _ in 0..1500 {
        let (q, d) = if rng.chance(30) {
            (mutate(&questions, &mut rng), doc.clone())
        } else {
            (questions.clone(), mutate(&doc, &mut rng))
        };
        no_panic("from_toml", &format!("{q}\n---\n{d}"), || {
            if catalog::from_toml(&q, &[("fuzz.toml", &d)]).is_ok() {
                accepted += 1;
            }
        });
        inputs += 1;
    }
    println!("catalog loader: {inputs} mutated inputs, {accepted} still valid, none panicked, {:?}", started.elapsed());
    assert!(started.elapsed() < Duration::from_secs(120), "no input makes the loader hang");
}

/// A random JSON value for profiles: mostly the right shapes, often the wrong ones.
fn random_json(rng: &mut Rng, ids: &[String], options: &[String], depth: usize) -> String {
    match rng.below(if depth > 3 { 5 } else { 8 }) {
        0 => format!("\"{}\"", options[rng.below(options.len())]),
        1 => format!("{}", rng.below(3000) as f64 - 100.0 + if rng.chance(20) { 0.5 } else { 0.0 }),
        2 => ["true", "false", "null", "\"\"", "-0", "1e400"][rng.below(6)].to_string(),
        3 => format!("\"{}\"", ["startup", "企业", "<img src=x onerror=alert(1)>", "none", "\\u0000"][rng.below(5)]),
        4 => "[]".into(),
        5 | 6 => format!(
            "[{}]",
            (0..rng.below(5)).map(|_| random_json(rng, ids, options, depth + 1)).collect::<Vec<_>>().join(",")
        ),
        _ => format!(
            "{{{}}}",
            (0..rng.below(12))
                .map(|_| {
                    let k =
                        if rng.chance(85) { ids[rng.below(ids.len())].clone() } else { format!("x{}", rng.below(9)) };
                    format!("\"{k}\":{}", random_json(rng, ids, options, depth + 1))
                })
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

#[test]
fn fuzz_the_profile_decoder() {
    let c = common::bundled();
    let ids: Vec<String> = c.fields.iter().map(|f| f.id.clone()).collect();
    let options: Vec<String> = c.fields.iter().flat_map(|f| f.options.iter().map(|o| o.id.clone())).collect();
    let mut rng = Rng::new(99);
    let (mut inputs, mut valid) = (0, 0);
    for _ in 0..20_000 {
        let text = random_json(&mut rng, &ids, &options, 0);
        no_panic("profile decode", &text, || {
            if let Ok(raw) = serde_json::from_str::<RawProfile>(&text) {
                if let Ok(p) = profile::decode(&c, &raw, 2026) {
                    valid += 1;
                    let e = engine::evaluate(&c, &p, Date::parse("2026-11-21").unwrap());
                    assert_eq!(e.results.len(), c.measures.len());
                }
            }
        });
        inputs += 1;
    }
    println!("profile decoder: {inputs} generated inputs, {valid} valid profiles, none panicked");
    assert!(valid > 100, "the generator reaches valid profiles too ({valid})");
}

#[test]
fn fuzz_the_share_link_decoder() {
    let c = common::bundled();
    let mut rng = Rng::new(7);
    let mut good = Vec::new();
    for seed in 0..50 {
        let mut r = Rng::new(seed + 1);
        let mut p = Profile::empty(&c);
        for (i, f) in c.fields.iter().enumerate() {
            if r.chance(50) && f.kind.has_options() {
                let text = format!("\"{}\"", f.options[r.below(f.options.len())].id);
                let raw = if f.kind == policy_matcher::catalog::FieldKind::AnyOf { format!("[{text}]") } else { text };
                if let Ok(v) = profile::decode_answer(f, &serde_json::from_str(&raw).unwrap(), 2026) {
                    p.set(i, v);
                }
            }
        }
        good.push(share::encode(&c, &p, None, None));
    }
    let (mut inputs, mut ok) = (0, 0);
    for i in 0..30_000 {
        let text = if i % 3 == 0 {
            (0..rng.below(120))
                .map(|_| {
                    [
                        "pm=1",
                        "&",
                        "=",
                        "v=",
                        ",",
                        "entity_type",
                        "enterprise",
                        "9",
                        "%",
                        "#",
                        "測",
                        "\u{0}",
                        "d=2024-02-30",
                        "l=xx",
                    ][rng.below(14)]
                })
                .collect::<String>()
        } else {
            mutate(&good[rng.below(good.len())], &mut rng)
        };
        no_panic("share decode", &text, || {
            if share::decode_fragment(&c, &text, 2026).is_ok() {
                ok += 1;
            }
        });
        inputs += 1;
    }
    // Round trip: every encoded link decodes to the same answers.
    for g in &good {
        let back = share::decode_fragment(&c, g, 2026).unwrap();
        assert_eq!(share::encode(&c, &back.profile, None, None), *g);
    }
    println!("share-link decoder: {inputs} generated inputs, {ok} decoded, none panicked");
}
