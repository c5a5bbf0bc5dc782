//! Properties of the engine over thousands of generated profiles on the bundled catalog:
//! evaluation is deterministic; knowledge only grows (answering one more field never turns an
//! eligible or ineligible verdict into anything else); the verdict agrees with the trace.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::Rng;
use policy_matcher::catalog::{Catalog, FieldKind};
use policy_matcher::date::Date;
use policy_matcher::engine::{self, Truth, Verdict};
use policy_matcher::profile::{Profile, Value};

fn random_value(c: &Catalog, f: usize, rng: &mut Rng) -> Value {
    let field = &c.fields[f];
    match field.kind {
        FieldKind::OneOf => Value::Choice(rng.below(field.options.len() as u64) as usize),
        FieldKind::AnyOf => {
            let excl = field.exclusive_mask();
            let mut bits = 0u64;
            for k in 0..field.options.len() {
                if rng.chance(25) {
                    bits |= 1 << k;
                }
            }
            Value::Set(bits & !excl)
        }
        FieldKind::Year => Value::Number((1990 + rng.below(37)) as f64),
        FieldKind::Integer => Value::Number(rng.below(2000) as f64),
        FieldKind::Number => Value::Number(rng.below(200_000) as f64 / 10.0),
    }
}

fn random_profile(c: &Catalog, rng: &mut Rng, percent: u64) -> Profile {
    let mut p = Profile::empty(c);
    for f in 0..c.fields.len() {
        if rng.chance(percent) {
            p.set(f, Some(random_value(c, f, rng)));
        }
    }
    p
}

const DATES: [&str; 6] = ["2021-06-01", "2022-06-16", "2024-10-08", "2024-10-09", "2025-12-31", "2026-11-21"];

#[test]
fn knowledge_only_grows() {
    let c = common::bundled();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut checked = 0;
    for i in 0..3000 {
        let as_of = Date::parse(DATES[i % DATES.len()]).unwrap();
        let p = random_profile(&c, &mut rng, 40);
        let before = engine::evaluate(&c, &p, as_of);
        let open: Vec<usize> = (0..c.fields.len()).filter(|&f| p.get(f).is_none()).collect();
        if open.is_empty() {
            continue;
        }
        let f = open[rng.below(open.len() as u64) as usize];
        let mut q = p.clone();
        q.set(f, Some(random_value(&c, f, &mut rng)));
        let after = engine::evaluate(&c, &q, as_of);
        for r in &before.results {
            let later = after.results.iter().find(|x| x.measure == r.measure).unwrap();
            if matches!(r.verdict, Verdict::Eligible | Verdict::Ineligible | Verdict::Inactive) {
                assert_eq!(
                    r.verdict, later.verdict,
                    "measure {} turned from {:?} to {:?} after answering {}",
                    c.measures[r.measure].id, r.verdict, later.verdict, c.fields[f].id
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 10_000, "the property was exercised ({checked} decided verdicts)");
}

#[test]
fn evaluation_is_deterministic_and_agrees_with_its_trace() {
    let c = common::bundled();
    let mut rng = Rng(42);
    for i in 0..2000 {
        let as_of = Date::parse(DATES[i % DATES.len()]).unwrap();
        let p = random_profile(&c, &mut rng, [0, 30, 70, 100][i % 4]);
        let a = engine::evaluate(&c, &p, as_of);
        let b = engine::evaluate(&c, &p, as_of);
        assert_eq!(a, b);
        for r in &a.results {
            let m = &c.measures[r.measure];
            assert_eq!(r.criteria, a.trace(r)[m.criteria.root]);
            let expected = match (engine::status(m, as_of), r.criteria) {
                (engine::Status::InForce, Truth::Met) => Verdict::Eligible,
                (engine::Status::InForce, Truth::Unknown) => Verdict::Possible,
                (engine::Status::InForce, Truth::Unmet) => Verdict::Ineligible,
                _ => Verdict::Inactive,
            };
            assert_eq!(r.verdict, expected);
            match r.criteria {
                Truth::Unknown => assert!(!a.missing(r).is_empty(), "{}: possible must name missing fields", m.id),
                Truth::Unmet => assert!(!a.failed(r).is_empty(), "{}: ineligible must name failed criteria", m.id),
                Truth::Met => assert!(a.missing(r).is_empty() && a.failed(r).is_empty()),
            }
            for &f in a.missing(r) {
                assert!(p.get(f).is_none(), "{}: missing names an answered field", m.id);
            }
        }
        if let Some(q) = a.next_question {
            assert!(p.get(q.field).is_none() && q.decides > 0);
        }
    }
}

#[test]
fn a_fully_answered_profile_decides_every_measure() {
    let c = common::bundled();
    let mut rng = Rng(7);
    for _ in 0..500 {
        let p = random_profile(&c, &mut rng, 100);
        let e = engine::evaluate(&c, &p, Date::parse("2026-11-21").unwrap());
        assert!(e.results.iter().all(|r| r.verdict != Verdict::Possible));
        assert!(e.next_question.is_none());
    }
}
