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
            let active = engine::status(m, as_of).active();
            let expected = match (active, r.criteria) {
                (true, Truth::Met) if m.conditions_stated => Verdict::Eligible,
                (true, Truth::Met | Truth::Unknown) => Verdict::Possible,
                (true, Truth::Unmet) => Verdict::Ineligible,
                _ => Verdict::Inactive,
            };
            assert_eq!(r.verdict, expected, "{}", m.id);
            match r.criteria {
                Truth::Unknown => assert!(
                    !a.missing(r).is_empty() || !a.doubts(r).is_empty(),
                    "{}: possible must name missing fields or loose criteria to confirm",
                    m.id
                ),
                Truth::Unmet => assert!(!a.failed(r).is_empty(), "{}: ineligible must name failed criteria", m.id),
                Truth::Met => assert!(a.missing(r).is_empty() && a.failed(r).is_empty() && a.doubts(r).is_empty()),
            }
            for &n in a.doubts(r) {
                assert!(m.criteria.nodes[n].loose.is_some(), "{}: only a loose criterion is a doubt", m.id);
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
        for r in &e.results {
            assert!(e.missing(r).is_empty(), "{}", c.measures[r.measure].id);
            if r.verdict == Verdict::Possible {
                assert!(r.unstated || !e.doubts(r).is_empty(), "{}", c.measures[r.measure].id);
            }
        }
        assert!(e.next_question.is_none());
    }
}

#[test]
fn nothing_is_eligible_for_the_empty_profile_or_on_the_applicant_type_alone() {
    let c = common::bundled();
    let today = Date::parse("2026-11-22").unwrap();
    let e = engine::evaluate(&c, &Profile::empty(&c), today);
    assert_eq!(e.counts()[0], 0, "the empty profile");
    let f = c.field_index("entity_type").unwrap();
    for k in 0..c.fields[f].options.len() {
        let mut p = Profile::empty(&c);
        p.set(f, Some(Value::Choice(k)));
        let e = engine::evaluate(&c, &p, today);
        let eligible: Vec<&str> = e
            .results
            .iter()
            .filter(|r| r.verdict == Verdict::Eligible)
            .map(|r| c.measures[r.measure].id.as_str())
            .collect();
        assert!(eligible.is_empty(), "entity_type = {} alone: eligible for {eligible:?}", c.fields[f].options[k].id);
    }
}

/// Whether a node's outcome is established by the answers: a test by an answered field (or by
/// answers that make its question not apply), a group by the members that decide it.
fn supported(c: &Catalog, e: &engine::Evaluation, r: &engine::MeasureResult, p: &Profile, n: usize) -> bool {
    use policy_matcher::catalog::NodeKind;
    let m = &c.measures[r.measure];
    let t = e.trace(r);
    match &m.criteria.nodes[n].kind {
        NodeKind::Test(test) => {
            t[n] == Truth::Met && (p.get(test.field).is_some() || e.slots.slots[test.field] == engine::Slot::NotAsked)
        }
        NodeKind::All(kids) => kids.iter().all(|&k| supported(c, e, r, p, k)),
        NodeKind::Any(kids) => kids.iter().any(|&k| t[k] == Truth::Met && supported(c, e, r, p, k)),
        NodeKind::Not(k) => t[*k] == Truth::Unmet,
    }
}

#[test]
fn eligible_only_when_every_binding_test_is_met_by_an_answer() {
    let c = common::bundled();
    let mut rng = Rng(99);
    let mut eligible = 0;
    for i in 0..2000 {
        let as_of = Date::parse(DATES[i % DATES.len()]).unwrap();
        let p = random_profile(&c, &mut rng, [30, 60, 90, 100][i % 4]);
        let e = engine::evaluate(&c, &p, as_of);
        for r in e.results.iter().filter(|r| r.verdict == Verdict::Eligible) {
            let m = &c.measures[r.measure];
            assert!(m.conditions_stated, "{}", m.id);
            assert!(
                supported(&c, &e, r, &p, m.criteria.root),
                "{}: eligible without answers for every binding test",
                m.id
            );
            eligible += 1;
        }
    }
    assert!(eligible > 100, "the property was exercised ({eligible} eligible verdicts)");
}
