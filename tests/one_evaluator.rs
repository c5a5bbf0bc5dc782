//! The engine's one evaluator, with its trace and without, on generated catalogs that use every
//! kind of criterion — `all`, `any` and `not` (from `synth`), loose tests and unassessed conditions
//! (added here) — and on generated profiles that answer each field or not (so that follow-up
//! questions are also asked, not asked or not yet known to apply). On every measure, `decide`
//! (no trace, stops at the first deciding child), `evaluate_measure` (every node traced) and batch
//! matching's `Matcher` give the same outcome; and the trace agrees with itself node by node.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::sync::OnceLock;

use policy_matcher::batch::Matcher;
use policy_matcher::catalog::raw::{RawNode, RawText, RawUnassessed};
use policy_matcher::catalog::{self, Catalog, FieldKind, NodeKind};
use policy_matcher::date::Date;
use policy_matcher::engine::{self, Truth};
use policy_matcher::profile::{Profile, Value};
use policy_matcher::synth::Rng;
use proptest::prelude::*;

fn text(zh: &str, en: &str) -> Option<RawText> {
    Some(RawText { zh: Some(zh.into()), en: Some(en.into()) })
}

/// Makes about one test in four loose, anywhere in the tree.
fn loosen(n: &mut RawNode, rng: &mut Rng) {
    if n.field.is_some() && rng.chance(25) {
        n.loose = text("原文所列为举例", "The text's list is not exhaustive");
    }
    for kid in n.all.iter_mut().chain(n.any.iter_mut()).flatten() {
        loosen(kid, rng);
    }
    if let Some(kid) = n.not.as_deref_mut() {
        loosen(kid, rng);
    }
}

/// Eight generated catalogs of 60 measures each, with loose tests and unassessed conditions.
fn catalogs() -> &'static [Catalog] {
    static C: OnceLock<Vec<Catalog>> = OnceLock::new();
    C.get_or_init(|| {
        let questions = catalog::read(&common::root().join("data")).raw.questions;
        (1..=8)
            .map(|seed| {
                let mut raw = policy_matcher::synth::catalog(&questions, 60, seed);
                let mut rng = Rng::new(seed * 7919);
                for m in raw.documents.iter_mut().flat_map(|d| d.measure.iter_mut()) {
                    m.criteria.iter_mut().for_each(|n| loosen(n, &mut rng));
                    if rng.chance(20) {
                        m.unassessed.push(RawUnassessed {
                            text: text("须另行核实", "To be checked with the issuer"),
                            clause: Some("合成测试条款".into()),
                        });
                    }
                }
                catalog::from_raw(&raw).unwrap_or_else(|e| panic!("seed {seed}: {e}"))
            })
            .collect()
    })
}

#[test]
fn the_generated_catalogs_use_every_kind_of_criterion() {
    let mut seen = [0usize; 6];
    for c in catalogs() {
        for m in &c.measures {
            seen[5] += usize::from(!m.unassessed.is_empty());
            for n in &m.criteria.nodes {
                let k = match n.kind {
                    NodeKind::All(_) => 0,
                    NodeKind::Any(_) => 1,
                    NodeKind::Not(_) => 2,
                    NodeKind::Test(_) if n.loose.is_some() => 3,
                    NodeKind::Test(_) => 4,
                };
                seen[k] += 1;
            }
        }
    }
    assert!(seen.iter().all(|&n| n > 20), "all, any, not, loose, plain tests, unassessed: {seen:?}");
}

/// A profile of catalog `c` from a seed: each field answered with a probability of 60 %.
fn profile(c: &Catalog, seed: u64) -> Profile {
    let mut rng = Rng::new(seed);
    let mut p = Profile::empty(c);
    for (i, f) in c.fields.iter().enumerate() {
        if !rng.chance(60) {
            continue;
        }
        let n = f.options.len();
        let v = match f.kind {
            FieldKind::OneOf => Value::Choice(rng.below(n)),
            FieldKind::AnyOf => Value::Set(rng.next_u64() & ((1u64 << n) - 1) & !f.exclusive_mask()),
            FieldKind::Year => Value::Number(1990.0 + rng.below(37) as f64),
            FieldKind::Integer | FieldKind::Number => Value::Number(rng.below(600) as f64),
        };
        p.set(i, Some(v));
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn with_and_without_the_trace_every_measure_comes_out_the_same(which in 0usize..8, seed in 1u64..u64::MAX) {
        let c = &catalogs()[which];
        let p = profile(c, seed);
        let as_of = Date::parse("2024-06-01").unwrap();
        let slots = engine::slots(c, &p);
        let e = engine::evaluate(c, &p, as_of);
        let mut matcher = Matcher::new(c, as_of, true);
        matcher.evaluate(&p);
        for r in &e.results {
            let m = &c.measures[r.measure];
            prop_assert_eq!(engine::decide(c, r.measure, &slots), r.criteria, "{}", &m.id);
            prop_assert_eq!(matcher.group(r.measure), r.group(), "{}", &m.id);
            let t = e.trace(r);
            prop_assert_eq!(t[m.criteria.root], r.criteria);
            for (i, n) in m.criteria.nodes.iter().enumerate() {
                let want = match &n.kind {
                    NodeKind::All(k) => Truth::all(k.iter().map(|&k| t[k])),
                    NodeKind::Any(k) => Truth::any(k.iter().map(|&k| t[k])),
                    NodeKind::Not(k) => !t[*k],
                    NodeKind::Test(_) => continue,
                };
                prop_assert_eq!(t[i], want, "{} node {}", &m.id, i);
            }
        }
    }
}
