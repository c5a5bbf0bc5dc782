//! The catalog's criteria as JsonLogic (jsonlogic.com), so that other systems can reuse them:
//! `policy-matcher export --format jsonlogic` writes one object mapping each measure id to its
//! rule; the rule's data is a profile in the contract's shape. JsonLogic is two-valued, so it
//! agrees with the engine on fully answered profiles (every field present). Follow-up questions
//! that do not apply (`ask_when`) are encoded as in the engine: a test on them fails (`not_in`
//! holds). Validity dates are not part of the rules. Native only.
//!
//! Loose criteria (`loose` in the catalog: an illustrative list or an implied scope) are exported
//! as ordinary tests, because JsonLogic has no third value: a rule is true exactly when every
//! condition the text states is met, loose ones included — the engine's `eligible` (for a measure
//! whose `conditions_stated` is false the engine says `possible` even then). A false rule means
//! `ineligible` *or*, when only loose tests fail, the engine's `possible` ("to confirm"): a host that
//! must tell the two apart uses `match --format json`, whose per-criterion `loose` and per-result
//! `doubts` say which.

use serde_json::{json, Map, Value};

use crate::catalog::{Catalog, FieldKind, Measure, NodeIdx, NodeKind, Op, Test};

fn ids(c: &Catalog, t: &Test, mask: u64) -> Value {
    let f = &c.fields[t.field];
    Value::Array(f.options_in(mask).map(|(_, o)| Value::String(o.id.clone())).collect())
}

/// The bare test (ignoring whether the question applies).
fn bare(c: &Catalog, t: &Test) -> Value {
    let f = &c.fields[t.field];
    let var = json!({ "var": f.id });
    let inside = |mask| match f.kind {
        FieldKind::AnyOf => json!({ "some": [var, { "in": [{ "var": "" }, ids(c, t, mask)] }] }),
        _ => json!({ "in": [var, ids(c, t, mask)] }),
    };
    match &t.op {
        Op::In(mask) => inside(*mask),
        Op::NotIn(mask) => json!({ "!": inside(*mask) }),
        Op::Range { min: Some(a), max: Some(b) } => json!({ "<=": [a, var, b] }),
        Op::Range { min: Some(a), max: None } => json!({ ">=": [var, a] }),
        Op::Range { min: None, max: Some(b) } => json!({ "<=": [var, b] }),
        Op::Range { min: None, max: None } => json!({ "!!": [true] }),
    }
}

/// Whether a field's question applies (its `ask_when`, and theirs in turn).
fn applies(c: &Catalog, field: usize) -> Option<Value> {
    let cond = c.fields[field].ask_when.as_ref()?;
    let own = bare(c, cond);
    Some(match applies(c, cond.field) {
        Some(outer) => json!({ "and": [outer, own] }),
        None => own,
    })
}

fn test(c: &Catalog, t: &Test) -> Value {
    let b = bare(c, t);
    match (applies(c, t.field), &t.op) {
        (None, _) => b,
        (Some(a), Op::NotIn(_)) => json!({ "or": [{ "!": a }, b] }),
        (Some(a), _) => json!({ "and": [a, b] }),
    }
}

fn node(c: &Catalog, m: &Measure, n: NodeIdx) -> Value {
    match &m.criteria.nodes[n].kind {
        NodeKind::Test(t) => test(c, t),
        NodeKind::All(kids) => json!({ "and": kids.iter().map(|&k| node(c, m, k)).collect::<Vec<_>>() }),
        NodeKind::Any(kids) => json!({ "or": kids.iter().map(|&k| node(c, m, k)).collect::<Vec<_>>() }),
        NodeKind::Not(k) => json!({ "!": node(c, m, *k) }),
    }
}

/// Every measure's criteria as one JsonLogic rule, by measure id (in catalog order).
pub fn export(c: &Catalog) -> Value {
    let mut out = Map::new();
    for m in &c.measures {
        out.insert(m.id.clone(), node(c, m, m.criteria.root));
    }
    Value::Object(out)
}
