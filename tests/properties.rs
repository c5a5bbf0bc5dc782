//! Properties of the engine over generated profiles on the bundled catalog (proptest, which shrinks
//! a failure to a smallest profile): evaluation is deterministic and agrees with its trace;
//! knowledge only grows (answering one more field never turns a decided verdict into another);
//! nothing is eligible for the empty profile or on the applicant type alone; a measure is eligible
//! only if every binding test on its deciding path is met by an answer.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::sync::OnceLock;

use policy_matcher::catalog::{Catalog, FieldKind, NodeKind};
use policy_matcher::date::Date;
use policy_matcher::engine::{self, Evaluation, MeasureResult, Slot, Truth, Verdict};
use policy_matcher::profile::{Profile, Value};
use proptest::prelude::*;

fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(common::bundled)
}

const DATES: [&str; 6] = ["2021-06-01", "2022-06-16", "2024-10-08", "2024-10-09", "2025-12-31", "2026-11-21"];

/// One answer for field `f`: an option, a set of options (never "none" with others), a number.
fn value(f: usize) -> BoxedStrategy<Value> {
    let field = &catalog().fields[f];
    let n = field.options.len();
    match field.kind {
        FieldKind::OneOf => (0..n).prop_map(Value::Choice).boxed(),
        FieldKind::AnyOf => {
            let excl = field.exclusive_mask();
            any::<u64>().prop_map(move |b| Value::Set(b & ((1u64 << n) - 1) & !excl)).boxed()
        }
        FieldKind::Year => (1990u32..2027).prop_map(|y| Value::Number(f64::from(y))).boxed(),
        FieldKind::Integer => (0u32..2000).prop_map(|x| Value::Number(f64::from(x))).boxed(),
        FieldKind::Number => (0u32..200_000).prop_map(|x| Value::Number(f64::from(x) / 10.0)).boxed(),
    }
}

/// A profile answering each field or not.
fn profile() -> impl Strategy<Value = Profile> {
    let fields: Vec<BoxedStrategy<Option<Value>>> =
        (0..catalog().fields.len()).map(|f| proptest::option::of(value(f)).boxed()).collect();
    fields.prop_map(|answers| {
        let mut p = Profile::empty(catalog());
        for (f, v) in answers.into_iter().enumerate() {
            p.set(f, v);
        }
        p
    })
}

fn date() -> impl Strategy<Value = Date> {
    (0..DATES.len()).prop_map(|i| Date::parse(DATES[i]).unwrap())
}

/// Whether a node's outcome is established by the answers: a test by an answered field (or by
/// answers that make its question not apply), a group by the members that decide it.
fn supported(c: &Catalog, e: &Evaluation, r: &MeasureResult, p: &Profile, n: usize) -> bool {
    let m = &c.measures[r.measure];
    let t = e.trace(r);
    match &m.criteria.nodes[n].kind {
        NodeKind::Test(test) => {
            t[n] == Truth::Met && (p.get(test.field).is_some() || e.slots.slots[test.field] == Slot::NotAsked)
        }
        NodeKind::All(kids) => kids.iter().all(|&k| supported(c, e, r, p, k)),
        NodeKind::Any(kids) => kids.iter().any(|&k| t[k] == Truth::Met && supported(c, e, r, p, k)),
        NodeKind::Not(k) => t[*k] == Truth::Unmet,
    }
}

proptest! {
    // Fixed cases, nothing written to disk: tests never rewrite or add files in the repository.
    #![proptest_config(ProptestConfig { cases: 600, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn evaluation_is_deterministic_and_agrees_with_its_trace(p in profile(), as_of in date()) {
        let c = catalog();
        let a = engine::evaluate(c, &p, as_of);
        prop_assert_eq!(&a, &engine::evaluate(c, &p, as_of));
        for r in &a.results {
            let m = &c.measures[r.measure];
            prop_assert_eq!(r.criteria, a.trace(r)[m.criteria.root]);
            let expected = match (engine::status(m, as_of).active(), r.criteria) {
                (true, Truth::Met) if m.conditions_stated && m.unassessed.is_empty() => Verdict::Eligible,
                (true, Truth::Met | Truth::Unknown) => Verdict::Possible,
                (true, Truth::Unmet) => Verdict::Ineligible,
                _ => Verdict::Inactive,
            };
            prop_assert_eq!(r.verdict, expected, "{}", m.id);
            match r.criteria {
                Truth::Unknown => prop_assert!(!a.missing(r).is_empty() || !a.doubts(r).is_empty(), "{}: possible names what decides it", m.id),
                Truth::Unmet => prop_assert!(!a.failed(r).is_empty(), "{}: ineligible names the failed criteria", m.id),
                Truth::Met => prop_assert!(a.missing(r).is_empty() && a.failed(r).is_empty() && a.doubts(r).is_empty()),
            }
            if r.verdict == Verdict::Possible && r.criteria == Truth::Met {
                prop_assert!(r.unstated || !m.unassessed.is_empty(), "{}: possible with every criterion met says why", m.id);
            }
            for &n in a.doubts(r) {
                prop_assert!(m.criteria.nodes[n].loose.is_some(), "{}: only a loose criterion is a doubt", m.id);
            }
            for &f in a.missing(r) {
                prop_assert!(p.get(f).is_none(), "{}: missing names an answered field", m.id);
            }
        }
        if let Some(q) = a.next_question {
            prop_assert!(p.get(q.field).is_none() && q.decides > 0);
        }
    }

    #[test]
    fn knowledge_only_grows(p in profile(), as_of in date(), pick in any::<prop::sample::Index>(), v in any::<u64>()) {
        let c = catalog();
        let open: Vec<usize> = (0..c.fields.len()).filter(|&f| p.get(f).is_none()).collect();
        prop_assume!(!open.is_empty());
        let f = open[pick.index(open.len())];
        let field = &c.fields[f];
        let answer = match field.kind {
            FieldKind::OneOf => Value::Choice((v % field.options.len() as u64) as usize),
            FieldKind::AnyOf => Value::Set(v & ((1u64 << field.options.len()) - 1) & !field.exclusive_mask()),
            _ => Value::Number((v % 2000) as f64),
        };
        let before = engine::evaluate(c, &p, as_of);
        let mut q = p.clone();
        q.set(f, Some(answer));
        let after = engine::evaluate(c, &q, as_of);
        for r in &before.results {
            let later = after.results.iter().find(|x| x.measure == r.measure).unwrap();
            if matches!(r.verdict, Verdict::Eligible | Verdict::Ineligible | Verdict::Inactive) {
                prop_assert_eq!(r.verdict, later.verdict, "measure {} after answering {}", c.measures[r.measure].id, field.id);
            }
        }
    }

    #[test]
    fn eligible_only_when_every_binding_test_is_met_by_an_answer(p in profile(), as_of in date()) {
        let c = catalog();
        let e = engine::evaluate(c, &p, as_of);
        for r in e.results.iter().filter(|r| r.verdict == Verdict::Eligible) {
            let m = &c.measures[r.measure];
            prop_assert!(m.conditions_stated && m.unassessed.is_empty(), "{}", m.id);
            prop_assert!(supported(c, &e, r, &p, m.criteria.root), "{}: eligible without an answer for every binding test", m.id);
        }
    }

    #[test]
    fn a_fully_answered_profile_leaves_no_question(answers in (0..catalog().fields.len()).map(value).collect::<Vec<_>>()) {
        let c = catalog();
        let mut p = Profile::empty(c);
        for (f, v) in answers.into_iter().enumerate() {
            p.set(f, Some(v));
        }
        let e = engine::evaluate(c, &p, Date::parse("2026-11-21").unwrap());
        for r in &e.results {
            prop_assert!(e.missing(r).is_empty(), "{}", c.measures[r.measure].id);
            if r.verdict == Verdict::Possible {
                let m = &c.measures[r.measure];
                prop_assert!(r.unstated || !e.doubts(r).is_empty() || !m.unassessed.is_empty(), "{}", m.id);
            }
        }
        prop_assert!(e.next_question.is_none());
    }
}

#[test]
fn nothing_is_eligible_for_the_empty_profile_or_on_the_applicant_type_alone() {
    let c = catalog();
    let today = Date::parse("2026-11-22").unwrap();
    let e = engine::evaluate(c, &Profile::empty(c), today);
    assert_eq!(e.group_counts()[engine::Group::Eligible], 0, "the empty profile");
    let f = c.field_index("entity_type").unwrap();
    for k in 0..c.fields[f].options.len() {
        let mut p = Profile::empty(c);
        p.set(f, Some(Value::Choice(k)));
        let e = engine::evaluate(c, &p, today);
        let eligible: Vec<&str> = e
            .results
            .iter()
            .filter(|r| r.verdict == Verdict::Eligible)
            .map(|r| c.measures[r.measure].id.as_str())
            .collect();
        assert!(eligible.is_empty(), "entity_type = {} alone: eligible for {eligible:?}", c.fields[f].options[k].id);
    }
}
