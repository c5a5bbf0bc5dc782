//! Hostile and broken input, class by class, and generated-input fuzzing of the three decoders
//! (catalog loader, profile decoder, share-link decoder): every input gets an answer — a value or
//! a clear error — and none panics or hangs. cargo-fuzz needs a nightly toolchain, which these
//! machines do not have, so the fuzzing runs here as proptest properties inside `cargo test`
//! (mutations of real inputs and generated JSON; a failure shrinks to a smallest input).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use policy_matcher::catalog::{self, raw::RawCatalog, validate::MAX_MEASURES};
use policy_matcher::date::Date;
use policy_matcher::engine;
use policy_matcher::profile::{self, Profile, RawProfile};
use policy_matcher::share;
use policy_matcher::synth;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree;

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

/// A 600 MB catalog — a JSON file, or one document of a folder — is refused by its size before a
/// byte of it is read (sparse files: nothing is written to disk but their length).
#[test]
fn a_600_mb_catalog_is_refused_before_it_is_read() {
    let dir = std::env::temp_dir().join(format!("pm-huge-{}", std::process::id()));
    let folder = dir.join("folder");
    std::fs::create_dir_all(&folder).unwrap();
    for f in ["questions.toml", "coverage.toml", "names.toml"] {
        let _ = std::fs::copy(common::root().join("data").join(f), folder.join(f));
    }
    let huge = |path: &std::path::Path| std::fs::File::create(path).unwrap().set_len(600_000_000).unwrap();
    huge(&dir.join("catalog.json"));
    huge(&folder.join("huge.toml"));
    for path in [dir.join("catalog.json"), folder.clone()] {
        let started = Instant::now();
        let e = catalog::load(&path).unwrap_err();
        let took = started.elapsed();
        let text = e.to_string();
        assert!(text.contains("600000000 bytes, over the limit of 33554432 bytes (32 MiB)"), "{text}");
        assert!(e.problems.iter().any(|p| p.message.zh.contains("超过上限 33554432 字节")), "{text}");
        assert!(took < Duration::from_secs(1), "{}: refused in {took:?}", path.display());
    }
    std::fs::remove_dir_all(&dir).unwrap();
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

/// One edit of a text: flip a bit, delete a stretch, insert a token, truncate, duplicate a
/// stretch, or overwrite a byte.
#[derive(Clone, Debug)]
struct Edit {
    kind: u8,
    at: Index,
    byte: u8,
    len: usize,
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        (0u8..6, any::<Index>(), any::<u8>(), 1usize..200).prop_map(|(kind, at, byte, len)| Edit {
            kind,
            at,
            byte,
            len,
        }),
        1..5,
    )
}

/// Applies edits to a text (bytes; the result is read back lossily as UTF-8).
fn mutate(text: &str, edits: &[Edit]) -> String {
    const TOKENS: &[&str] = &[
        "\"", "{", "}", "[", "]", ",", ":", "=", "\n", "null", "true", "-1", "1e309", "NaN", "\\u0000", "\\\"", "in",
        "not_in", "all", "any", "not", "field", "min", "max", "clause", "\u{feff}", "测", "<script>",
    ];
    let mut b = text.as_bytes().to_vec();
    for e in edits {
        if b.is_empty() {
            break;
        }
        let at = e.at.index(b.len());
        match e.kind {
            0 => b[at] ^= 1 << (e.byte % 8),
            1 => {
                let end = (at + e.len.min(64)).min(b.len());
                b.drain(at..end);
            }
            2 => {
                let t = TOKENS[e.byte as usize % TOKENS.len()].as_bytes();
                b.splice(at..at, t.iter().copied());
            }
            3 => b.truncate(at),
            4 => {
                let end = (at + e.len).min(b.len());
                let chunk = b[at..end].to_vec();
                b.splice(at..at, chunk);
            }
            _ => b[at] = e.byte,
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

fn no_panic<T>(what: &str, input: &str, f: impl FnOnce() -> T) -> Result<T, TestCaseError> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| {
        let shown: String = input.chars().take(400).collect();
        TestCaseError::fail(format!("{what} panicked on this input:\n{shown}"))
    })
}

struct Inputs {
    json: String,
    questions: String,
    doc: String,
    catalog: policy_matcher::catalog::Catalog,
    good_links: Vec<String>,
}

fn inputs() -> &'static Inputs {
    static I: OnceLock<Inputs> = OnceLock::new();
    I.get_or_init(|| {
        let c = common::bundled();
        // Share links of real answers: every option of every question, one question per link.
        let mut good_links = Vec::new();
        for (i, f) in c.fields.iter().enumerate().filter(|(_, f)| f.kind.has_options()) {
            for (k, _) in f.options.iter().enumerate().filter(|(_, o)| !o.exclusive).take(4) {
                let mut p = Profile::empty(&c);
                let v = if f.kind == policy_matcher::catalog::FieldKind::AnyOf {
                    policy_matcher::profile::Value::Set(1 << k)
                } else {
                    policy_matcher::profile::Value::Choice(k)
                };
                p.set(i, Some(v));
                good_links.push(share::encode(&c, &p, None, None));
            }
        }
        Inputs {
            json: catalog::to_json(&bundled_raw()),
            questions: std::fs::read_to_string(common::root().join("data/questions.toml")).unwrap(),
            doc: std::fs::read_to_string(common::root().join("data/3-hd2022-pilot.toml")).unwrap(),
            catalog: c,
            good_links,
        }
    })
}

/// A JSON value for profiles: mostly the right shapes, often the wrong ones.
fn profile_json() -> impl Strategy<Value = String> {
    let c = &inputs().catalog;
    let ids: Vec<String> = c.fields.iter().map(|f| f.id.clone()).collect();
    let options: Vec<String> = c.fields.iter().flat_map(|f| f.options.iter().map(|o| o.id.clone())).collect();
    let leaf = prop_oneof![
        prop::sample::select(options).prop_map(|o| format!("\"{o}\"")),
        (-100i32..3000, any::<bool>()).prop_map(|(x, half)| format!("{}", f64::from(x) + if half { 0.5 } else { 0.0 })),
        prop::sample::select(vec![
            "true",
            "false",
            "null",
            "\"\"",
            "-0",
            "1e400",
            "\"startup\"",
            "\"企业\"",
            "\"<img src=x onerror=alert(1)>\"",
            "\"none\"",
            "\"\\u0000\""
        ])
        .prop_map(str::to_string),
    ];
    let value = leaf.prop_recursive(3, 40, 6, |inner| {
        prop::collection::vec(inner, 0..5).prop_map(|xs| format!("[{}]", xs.join(",")))
    });
    let key = prop_oneof![9 => prop::sample::select(ids), 1 => (0u8..9).prop_map(|n| format!("x{n}"))];
    prop::collection::vec((key, value), 0..12)
        .prop_map(|kv| format!("{{{}}}", kv.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect::<Vec<_>>().join(",")))
}

fn link_tokens() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "pm=1",
            "&",
            "=",
            "v=",
            ",",
            "%2C",
            "entity_type",
            "enterprise",
            "9",
            "%",
            "#",
            "測",
            "\u{0}",
            "d=2024-02-30",
            "l=xx",
        ]),
        0..120,
    )
    .prop_map(|ts| ts.concat())
}

proptest! {
    // Fixed cases, nothing written to disk: tests never rewrite or add files in the repository.
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn fuzz_the_catalog_loader(e in edits(), which in 0u8..10) {
        let i = inputs();
        let started = Instant::now();
        match which {
            0..=2 => {
                let text = mutate(&i.json, &e);
                no_panic("from_json", &text, || catalog::from_json(&text, "catalog.json").is_ok())?;
            }
            3..=5 => {
                let q = mutate(&i.questions, &e);
                no_panic("from_toml (questions)", &q, || catalog::from_toml(&q, &[("fuzz.toml", &i.doc)]).is_ok())?;
            }
            _ => {
                let d = mutate(&i.doc, &e);
                no_panic("from_toml (document)", &d, || catalog::from_toml(&i.questions, &[("fuzz.toml", &d)]).is_ok())?;
            }
        }
        prop_assert!(started.elapsed() < Duration::from_secs(10), "no input makes the loader hang");
    }

    #[test]
    fn fuzz_the_profile_decoder(text in profile_json()) {
        let c = &inputs().catalog;
        no_panic("profile decode", &text, || {
            if let Ok(raw) = serde_json::from_str::<RawProfile>(&text) {
                if let Ok(p) = profile::decode(c, &raw, 2026) {
                    let e = engine::evaluate(c, &p, Date::parse("2026-11-21").unwrap());
                    assert_eq!(e.results.len(), c.measures.len());
                }
            }
        })?;
    }

    /// The catalog files the widget downloads (`catalog-<lang>`, `details-<lang>`), damaged: an
    /// error or a catalog the engine evaluates, never a panic.
    #[test]
    fn fuzz_the_downloaded_catalog_bytes(e in edits(), first in any::<bool>(), en in any::<bool>()) {
        use policy_matcher::catalog::Lang;
        let c = &inputs().catalog;
        let lang = if en { Lang::En } else { Lang::Zh };
        let good = if first { catalog::encode_bundled(&c.in_one_language(lang)) } else { catalog::encode_details(&c.details(lang)) };
        let mut bytes = good.clone();
        for edit in &e {
            if bytes.is_empty() { break; }
            let at = edit.at.index(bytes.len());
            match edit.kind % 3 {
                0 => bytes[at] = edit.byte,
                1 => { bytes.remove(at); }
                _ => bytes.insert(at, edit.byte),
            }
        }
        let shown = format!("{} bytes, edits {e:?}", bytes.len());
        no_panic("catalog bytes", &shown, || {
            if first {
                if let Ok(d) = catalog::decode_bundled(&bytes) {
                    let e = engine::evaluate(&d, &Profile::empty(&d), Date::parse("2026-11-21").unwrap());
                    assert_eq!(e.results.len(), d.measures.len());
                }
            } else if let Ok(d) = catalog::decode_details(&bytes) {
                let mut whole = c.in_one_language(lang);
                let _ = whole.add_details(&d);
            }
        })?;
    }

    #[test]
    fn fuzz_the_share_link_decoder(tokens in link_tokens(), e in edits(), pick in any::<Index>(), mutated in any::<bool>()) {
        let i = inputs();
        let text = if mutated { mutate(&i.good_links[pick.index(i.good_links.len())], &e) } else { tokens };
        no_panic("share decode", &text, || share::decode_fragment(&i.catalog, &text, 2026).is_ok())?;
    }
}

#[test]
fn the_profile_generator_reaches_valid_profiles_too() {
    // The fuzzer is only useful if it also produces accepted profiles: count them on a sample.
    let c = &inputs().catalog;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = profile_json();
    let valid = (0..2000)
        .filter(|_| {
            let text = strategy.new_tree(&mut runner).unwrap().current();
            serde_json::from_str::<RawProfile>(&text).ok().is_some_and(|raw| profile::decode(c, &raw, 2026).is_ok())
        })
        .count();
    assert!(valid > 50, "valid profiles among 2000 generated: {valid}");
}

#[test]
fn every_share_link_round_trips() {
    let i = inputs();
    for g in &i.good_links {
        let back = share::decode_fragment(&i.catalog, g, 2026).unwrap();
        assert_eq!(share::encode(&i.catalog, &back.profile, None, None), *g);
    }
}
