//! Evaluating one measure against a profile on a date: validity first (in force or not), then every
//! criterion bottom-up with Kleene logic. The result is data — an outcome per criterion node, the
//! fields that could still decide it, the criteria that failed — never prose.

use serde::Serialize;

use super::outcome::Truth;
use crate::catalog::{Catalog, FieldIdx, Measure, NodeIdx, NodeKind, Op, Test};
use crate::date::Date;
use crate::profile::{Profile, Value};

/// What the engine sees of a field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Slot {
    Answered(Value),
    /// Not answered (yet): unknown.
    Unknown,
    /// The question does not apply to this applicant (its `ask_when` fails): a test on it is
    /// unmet (`not_in` met), whatever was answered.
    NotAsked,
    /// Answered, but whether the question applies is not known yet (its `ask_when` depends on an
    /// unanswered field): a test on it is decided only where both possibilities agree.
    Conditional(Value),
}

/// Whether each question is asked now, and what the engine sees of each field.
#[derive(Clone, Debug, PartialEq)]
pub struct Slots {
    pub asked: Vec<Truth>,
    pub slots: Vec<Slot>,
    /// For a field whose applicability is unknown, the unanswered field that decides it.
    pub decided_by: Vec<Option<FieldIdx>>,
}

/// Applies the questions' `ask_when` conditions to a profile.
pub fn slots(catalog: &Catalog, profile: &Profile) -> Slots {
    let n = catalog.fields.len();
    let asked: Vec<Option<Truth>> = vec![None; n];
    let slots = vec![Slot::Unknown; n];
    let decided_by = vec![None; n];
    // Conditions are acyclic (validated), so resolving in dependency order terminates.
    struct State<'a> {
        catalog: &'a Catalog,
        profile: &'a Profile,
        asked: Vec<Option<Truth>>,
        slots: Vec<Slot>,
        decided_by: Vec<Option<FieldIdx>>,
    }
    fn resolve(st: &mut State, f: FieldIdx) -> Truth {
        if let Some(t) = st.asked[f] {
            return t;
        }
        let t = match &st.catalog.fields[f].ask_when {
            None => Truth::Met,
            Some(cond) => {
                let dep = cond.field;
                let dep_asked = resolve(st, dep);
                if dep_asked == Truth::Unmet {
                    Truth::Unmet
                } else {
                    let t = test(cond, &st.slots[dep]);
                    let t = if dep_asked == Truth::Unknown && t == Truth::Met { Truth::Unknown } else { t };
                    if t == Truth::Unknown {
                        st.decided_by[f] = Some(st.decided_by[dep].unwrap_or(dep));
                    }
                    t
                }
            }
        };
        st.asked[f] = Some(t);
        st.slots[f] = match (t, st.profile.get(f)) {
            (Truth::Unmet, _) => Slot::NotAsked,
            (Truth::Met, Some(v)) => Slot::Answered(v),
            (Truth::Unknown, Some(v)) => Slot::Conditional(v),
            (_, None) => Slot::Unknown,
        };
        t
    }
    let mut st = State { catalog, profile, asked, slots, decided_by };
    for f in 0..n {
        resolve(&mut st, f);
    }
    Slots {
        asked: st.asked.into_iter().map(|t| t.unwrap_or(Truth::Unknown)).collect(),
        slots: st.slots,
        decided_by: st.decided_by,
    }
}

/// One test against what the engine sees of its field.
pub fn test(t: &Test, slot: &Slot) -> Truth {
    match (slot, &t.op) {
        (Slot::Unknown, _) => Truth::Unknown,
        (Slot::Conditional(v), _) => {
            let (a, b) = (test(t, &Slot::Answered(*v)), test(t, &Slot::NotAsked));
            if a == b {
                a
            } else {
                Truth::Unknown
            }
        }
        (Slot::NotAsked, Op::NotIn(_)) => Truth::Met,
        (Slot::NotAsked, _) => Truth::Unmet,
        (Slot::Answered(v), Op::In(mask)) => Truth::from_bool(hits(v, *mask)),
        (Slot::Answered(v), Op::NotIn(mask)) => Truth::from_bool(!hits(v, *mask)),
        (Slot::Answered(Value::Number(x)), Op::Range { min, max }) => {
            Truth::from_bool(min.is_none_or(|m| *x >= m) && max.is_none_or(|m| *x <= m))
        }
        (Slot::Answered(_), Op::Range { .. }) => Truth::Unmet,
    }
}

fn hits(v: &Value, mask: u64) -> bool {
    match *v {
        Value::Choice(k) => mask & (1 << k) != 0,
        Value::Set(bits) => bits & mask != 0,
        Value::Number(_) => false,
    }
}

/// Whether a measure is in force on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Status {
    InForce,
    NotYetInForce { from: Date },
    Expired { until: Date },
    Repealed { document: usize, date: Date },
}

pub fn status(m: &Measure, as_of: Date) -> Status {
    if let Some(r) = &m.repealed_by {
        if as_of >= r.date {
            return Status::Repealed { document: r.document, date: r.date };
        }
    }
    if let Some(from) = m.effective_from {
        if as_of < from {
            return Status::NotYetInForce { from };
        }
    }
    if let Some(until) = m.effective_until {
        if as_of > until {
            return Status::Expired { until };
        }
    }
    Status::InForce
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Eligible,
    Possible,
    Ineligible,
    Inactive,
}

impl Verdict {
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Eligible => "eligible",
            Verdict::Possible => "possible",
            Verdict::Ineligible => "ineligible",
            Verdict::Inactive => "inactive",
        }
    }
    pub const ALL: [Verdict; 4] = [Verdict::Eligible, Verdict::Possible, Verdict::Ineligible, Verdict::Inactive];
}

/// The evaluation of one measure.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureResult {
    /// Index into `Catalog::measures`.
    pub measure: usize,
    pub verdict: Verdict,
    pub status: Status,
    /// What the criteria alone give (also for measures not in force).
    pub criteria: Truth,
    /// The outcome of every criterion node, aligned with `Criteria::nodes`.
    pub outcomes: Vec<Truth>,
    /// Unanswered fields that could still decide it (for `possible`), in criteria order.
    pub missing: Vec<FieldIdx>,
    /// The tests that make it fail (for `ineligible`).
    pub failed: Vec<NodeIdx>,
}

/// Evaluates one measure.
pub fn evaluate_measure(catalog: &Catalog, index: usize, slots: &Slots, as_of: Date) -> MeasureResult {
    let m = &catalog.measures[index];
    let nodes = &m.criteria.nodes;
    let mut outcomes = vec![Truth::Unknown; nodes.len()];
    // Children always come after their parent: evaluate from the end.
    for i in (0..nodes.len()).rev() {
        outcomes[i] = match &nodes[i].kind {
            NodeKind::Test(t) => test(t, &slots.slots[t.field]),
            NodeKind::All(kids) => Truth::all(kids.iter().map(|&k| outcomes[k])),
            NodeKind::Any(kids) => Truth::any(kids.iter().map(|&k| outcomes[k])),
            NodeKind::Not(k) => !outcomes[*k],
        };
    }
    let criteria = outcomes[m.criteria.root];
    let status = status(m, as_of);
    let verdict = match (status, criteria) {
        (Status::InForce, Truth::Met) => Verdict::Eligible,
        (Status::InForce, Truth::Unknown) => Verdict::Possible,
        (Status::InForce, Truth::Unmet) => Verdict::Ineligible,
        _ => Verdict::Inactive,
    };
    let mut missing = Vec::new();
    let mut failed = Vec::new();
    if criteria != Truth::Met {
        collect(m, &outcomes, m.criteria.root, criteria, &mut |n| match &nodes[n].kind {
            NodeKind::Test(t) if criteria == Truth::Unknown => {
                // An answered follow-up whose question may not apply: what decides it is the
                // unanswered question it depends on.
                let f = match slots.slots[t.field] {
                    Slot::Conditional(_) => slots.decided_by[t.field].unwrap_or(t.field),
                    _ => t.field,
                };
                if !missing.contains(&f) {
                    missing.push(f)
                }
            }
            _ => failed.push(n),
        });
    }
    MeasureResult { measure: index, verdict, status, criteria, outcomes, missing, failed }
}

/// Visits the tests that explain why `node` has outcome `target` (only for unmet / unknown).
fn collect(m: &Measure, outcomes: &[Truth], node: NodeIdx, target: Truth, visit: &mut impl FnMut(NodeIdx)) {
    if outcomes[node] != target {
        return;
    }
    match &m.criteria.nodes[node].kind {
        NodeKind::Test(_) => visit(node),
        NodeKind::All(kids) | NodeKind::Any(kids) => {
            for &k in kids {
                collect(m, outcomes, k, target, visit);
            }
        }
        NodeKind::Not(k) => collect(m, outcomes, *k, !target, visit),
    }
}
