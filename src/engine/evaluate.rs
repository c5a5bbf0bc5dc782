//! Evaluating one measure against a profile on a date: validity first (in force or not), then every
//! criterion bottom-up with Kleene logic. The result is data — an outcome per criterion node, the
//! fields that could still decide it, the criteria that failed — never prose.

use serde::Serialize;

use super::outcome::Truth;
use crate::catalog::{Catalog, FieldIdx, Measure, NodeIdx, Step, Test};
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

/// One test against what the engine sees of its field (the same code the compiled criteria run).
pub fn test(t: &Test, slot: &Slot) -> Truth {
    step_test(Step::from(t), slot)
}

#[cfg_attr(not(target_arch = "wasm32"), inline)]
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
    /// In force: a stated start date has passed and no stated end or repeal has.
    InForce,
    /// No validity is stated (no start, end or repeal date): treated as active, shown as
    /// "validity not stated", never as "in force".
    NotStated,
    NotYetInForce {
        from: Date,
    },
    Expired {
        until: Date,
    },
    Repealed {
        document: usize,
        date: Date,
    },
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
    if m.effective_from.is_none() && m.effective_until.is_none() {
        return Status::NotStated;
    }
    Status::InForce
}

impl Status {
    /// Whether a measure with this status can be applied for (its verdict follows its criteria).
    pub fn active(self) -> bool {
        matches!(self, Status::InForce | Status::NotStated)
    }
    /// The status's id: its serialized `state` tag (`in_force`, `not_stated`, `not_yet_in_force`,
    /// `expired`, `repealed`).
    pub fn id(self) -> &'static str {
        match self {
            Status::InForce => "in_force",
            Status::NotStated => "not_stated",
            Status::NotYetInForce { .. } => "not_yet_in_force",
            Status::Expired { .. } => "expired",
            Status::Repealed { .. } => "repealed",
        }
    }
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

/// Where a result is shown: its verdict, with "possible" split into what questions or checks
/// decide (`Confirm`) and what the text leaves entirely open (`WorthALook`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Eligible,
    #[serde(rename = "possible")]
    Confirm,
    WorthALook,
    Ineligible,
    Inactive,
}

impl Group {
    pub const ALL: [Group; 5] =
        [Group::Eligible, Group::Confirm, Group::WorthALook, Group::Ineligible, Group::Inactive];
    pub fn id(self) -> &'static str {
        match self {
            Group::Eligible => "eligible",
            Group::Confirm => "possible",
            Group::WorthALook => "worth_a_look",
            Group::Ineligible => "ineligible",
            Group::Inactive => "inactive",
        }
    }
}

/// The evaluation of one measure. Its trace, missing fields and failed tests live in the shared
/// buffers of `Buffers` (one allocation for the whole catalog, not three per measure); read them
/// with `Evaluation::trace`, `missing` and `failed`.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureResult {
    /// Index into `Catalog::measures`.
    pub measure: usize,
    pub verdict: Verdict,
    pub status: Status,
    /// What the criteria alone give (also for measures not in force).
    pub criteria: Truth,
    /// Every criterion is met but the text states no condition beyond who may apply: "possible",
    /// shown as "worth a look" with no question left to answer.
    pub unstated: bool,
    pub(crate) trace: (u32, u32),
    pub(crate) missing: (u32, u32),
    pub(crate) failed: (u32, u32),
    pub(crate) doubts: (u32, u32),
}

/// The one rule from a measure's criteria to its group (and so its verdict): "eligible" only when
/// every criterion is met, the text states conditions, and none of them is beyond the questions.
pub fn group_of(m: &Measure, active: bool, criteria: Truth) -> Group {
    match (active, criteria) {
        (false, _) => Group::Inactive,
        (true, Truth::Met) if !m.conditions_stated => Group::WorthALook,
        // Met as far as questions can tell, but the text states more: to confirm.
        (true, Truth::Met) if !m.unassessed.is_empty() => Group::Confirm,
        (true, Truth::Met) => Group::Eligible,
        (true, Truth::Unknown) => Group::Confirm,
        (true, Truth::Unmet) => Group::Ineligible,
    }
}

/// One value per group, indexed by `Group` (in `Group::ALL` order): counts, which groups are open,
/// how many cards each shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct PerGroup<T>(pub [T; 5]);

impl<T> std::ops::Index<Group> for PerGroup<T> {
    type Output = T;
    fn index(&self, g: Group) -> &T {
        &self.0[g as usize]
    }
}

impl<T> std::ops::IndexMut<Group> for PerGroup<T> {
    fn index_mut(&mut self, g: Group) -> &mut T {
        &mut self.0[g as usize]
    }
}

impl Group {
    /// The contract's verdict for a group (worth a look is a `possible`).
    pub fn verdict(self) -> Verdict {
        match self {
            Group::Eligible => Verdict::Eligible,
            Group::Confirm | Group::WorthALook => Verdict::Possible,
            Group::Ineligible => Verdict::Ineligible,
            Group::Inactive => Verdict::Inactive,
        }
    }
}

impl MeasureResult {
    /// The group it is shown in.
    pub fn group(&self) -> Group {
        match self.verdict {
            Verdict::Eligible => Group::Eligible,
            Verdict::Possible if self.unstated => Group::WorthALook,
            Verdict::Possible => Group::Confirm,
            Verdict::Ineligible => Group::Ineligible,
            Verdict::Inactive => Group::Inactive,
        }
    }
}

/// Where the per-measure lists of an evaluation are stored.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Buffers {
    /// The outcome of every criterion node of every measure.
    pub(crate) outcomes: Vec<Truth>,
    /// Unanswered fields that could still decide a measure (for `possible`), in criteria order.
    pub(crate) missing: Vec<FieldIdx>,
    /// The tests that make a measure fail (for `ineligible`).
    pub(crate) failed: Vec<NodeIdx>,
    /// Loose tests that an answer does not meet (for `possible`): what to confirm with the issuer.
    pub(crate) doubts: Vec<NodeIdx>,
}

impl Buffers {
    pub fn trace(&self, r: &MeasureResult) -> &[Truth] {
        &self.outcomes[r.trace.0 as usize..(r.trace.0 + r.trace.1) as usize]
    }
    pub fn missing(&self, r: &MeasureResult) -> &[FieldIdx] {
        &self.missing[r.missing.0 as usize..(r.missing.0 + r.missing.1) as usize]
    }
    pub fn failed(&self, r: &MeasureResult) -> &[NodeIdx] {
        &self.failed[r.failed.0 as usize..(r.failed.0 + r.failed.1) as usize]
    }
    pub fn doubts(&self, r: &MeasureResult) -> &[NodeIdx] {
        &self.doubts[r.doubts.0 as usize..(r.doubts.0 + r.doubts.1) as usize]
    }
}

/// A compiled test against what the engine sees of its field. Inlined: it is the innermost call
/// of the evaluator, which batch matching runs for every measure of every row (native only: the
/// wasm build keeps its size).
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn step_test(step: Step, slot: &Slot) -> Truth {
    let (mask, negate) = match step {
        Step::In { mask, .. } => (mask, false),
        Step::NotIn { mask, .. } => (mask, true),
        Step::Range { min, max, .. } => {
            return match slot {
                Slot::Unknown => Truth::Unknown,
                Slot::NotAsked => Truth::Unmet,
                Slot::Answered(Value::Number(x)) => Truth::from_bool(*x >= min && *x <= max),
                Slot::Conditional(Value::Number(x)) if *x >= min && *x <= max => Truth::Unknown,
                Slot::Answered(_) | Slot::Conditional(_) => Truth::Unmet,
            };
        }
        Step::All { .. } | Step::Any { .. } | Step::Not(_) => unreachable!("only tests are tested"),
    };
    let hit = |v: &Value| Truth::from_bool(hits(v, mask) != negate);
    match slot {
        Slot::Unknown => Truth::Unknown,
        Slot::NotAsked => Truth::from_bool(negate),
        Slot::Answered(v) => hit(v),
        // Decided only where "answered" and "does not apply" agree.
        Slot::Conditional(v) if hit(v) == Truth::from_bool(negate) => hit(v),
        Slot::Conditional(_) => Truth::Unknown,
    }
}

/// Evaluates one measure, appending its trace and lists to `buf`.
pub fn evaluate_measure(
    catalog: &Catalog,
    index: usize,
    slots: &Slots,
    as_of: Date,
    buf: &mut Buffers,
) -> MeasureResult {
    let m = &catalog.measures[index];
    let (s0, n) = catalog.compiled.spans[index];
    let steps = &catalog.compiled.steps[s0 as usize..(s0 + n) as usize];
    let kids = &catalog.compiled.kids;
    let loose = &catalog.compiled.loose[s0 as usize..(s0 + n) as usize];
    let start = buf.outcomes.len();
    buf.outcomes.resize(start + steps.len(), Truth::Unknown);
    let plan = Plan { steps, kids, loose, slots };
    let criteria = plan.node::<true>(m.criteria.root, &mut buf.outcomes[start..]);
    let outcomes = &buf.outcomes[start..];
    let status = status(m, as_of);
    let group = group_of(m, status.active(), criteria);
    let unstated = group == Group::WorthALook;
    let verdict = group.verdict();
    let (miss0, fail0, doubt0) = (buf.missing.len(), buf.failed.len(), buf.doubts.len());
    if criteria != Truth::Met {
        let (missing, failed, doubts) = (&mut buf.missing, &mut buf.failed, &mut buf.doubts);
        collect(steps, kids, outcomes, m.criteria.root, criteria, &mut |n| match steps[n] {
            // A loose test that the answer does not meet: something to confirm, not a question.
            s @ (Step::In { field, .. } | Step::NotIn { field, .. } | Step::Range { field, .. })
                if loose[n] && step_test(s, &slots.slots[field as usize]) == Truth::Unmet =>
            {
                doubts.push(n)
            }
            Step::In { field, .. } | Step::NotIn { field, .. } | Step::Range { field, .. }
                if criteria == Truth::Unknown =>
            {
                // An answered follow-up whose question may not apply: what decides it is the
                // unanswered question it depends on.
                let field = field as usize;
                let f = match slots.slots[field] {
                    Slot::Conditional(_) => slots.decided_by[field].unwrap_or(field),
                    _ => field,
                };
                if !missing[miss0..].contains(&f) {
                    missing.push(f)
                }
            }
            _ => failed.push(n),
        });
    }
    let span = |a: usize, b: usize| (a as u32, (b - a) as u32);
    MeasureResult {
        measure: index,
        verdict,
        status,
        criteria,
        unstated,
        trace: span(start, buf.outcomes.len()),
        missing: span(miss0, buf.missing.len()),
        failed: span(fail0, buf.failed.len()),
        doubts: span(doubt0, buf.doubts.len()),
    }
}

/// A loose test that is not met is unknown: the text's list or scope is not exhaustive.
#[cfg_attr(not(target_arch = "wasm32"), inline)]
fn loosen(t: Truth, loose: bool) -> Truth {
    if loose && t == Truth::Unmet {
        Truth::Unknown
    } else {
        t
    }
}

/// Visits the tests that explain why `node` has outcome `target` (only for unmet / unknown).
fn collect(
    steps: &[Step],
    kids: &[u32],
    outcomes: &[Truth],
    node: NodeIdx,
    target: Truth,
    visit: &mut impl FnMut(NodeIdx),
) {
    if outcomes[node] != target {
        return;
    }
    match steps[node] {
        Step::All { kids: k, n } | Step::Any { kids: k, n } => {
            for &c in &kids[k as usize..(k + n) as usize] {
                collect(steps, kids, outcomes, c as usize, target, visit);
            }
        }
        Step::Not(c) => collect(steps, kids, outcomes, c as usize, !target, visit),
        _ => visit(node),
    }
}

/// What the criteria of one measure give, without a trace: the same evaluator as
/// `evaluate_measure`'s, stopping at the first child that decides an `all` or `any` (for callers
/// that need verdicts only: batch matching, the JsonLogic comparison).
pub fn decide(catalog: &Catalog, index: usize, slots: &Slots) -> Truth {
    let (s0, n) = catalog.compiled.spans[index];
    let (s0, n) = (s0 as usize, n as usize);
    let plan = Plan {
        steps: &catalog.compiled.steps[s0..s0 + n],
        kids: &catalog.compiled.kids,
        loose: &catalog.compiled.loose[s0..s0 + n],
        slots,
    };
    plan.node::<false>(catalog.measures[index].criteria.root, &mut [])
}

/// One measure's compiled criteria and what the engine sees of the fields: what the evaluator
/// reads.
struct Plan<'a> {
    steps: &'a [Step],
    kids: &'a [u32],
    loose: &'a [bool],
    slots: &'a Slots,
}

impl Plan<'_> {
    /// The one evaluator: node `i`'s outcome, top-down, Kleene logic (`Truth::and`, `Truth::or`),
    /// a loose test that is not met loosened to unknown. With `TRACE` every node is evaluated and
    /// its outcome written to `out[i]` (an explanation needs them all); without, an `all` or `any`
    /// stops at the first child that decides it and `out` is not touched.
    fn node<const TRACE: bool>(&self, i: usize, out: &mut [Truth]) -> Truth {
        let t = match self.steps[i] {
            Step::All { kids: k, n } => {
                let mut acc = Truth::Met;
                for &c in &self.kids[k as usize..(k + n) as usize] {
                    acc = acc.and(self.child::<TRACE>(c as usize, out));
                    if !TRACE && acc == Truth::Unmet {
                        break;
                    }
                }
                acc
            }
            Step::Any { kids: k, n } => {
                let mut acc = Truth::Unmet;
                for &c in &self.kids[k as usize..(k + n) as usize] {
                    acc = acc.or(self.child::<TRACE>(c as usize, out));
                    if !TRACE && acc == Truth::Met {
                        break;
                    }
                }
                acc
            }
            Step::Not(c) => !self.node::<TRACE>(c as usize, out),
            test => self.test(test, i),
        };
        if TRACE {
            out[i] = t;
        }
        t
    }

    /// A child of an `all` or `any`: a test is decided in place, without a call (natively: most
    /// criteria are tests under the root `all`, and batch matching runs this for every measure of
    /// every row; the wasm keeps the plain call and its size).
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn child<const TRACE: bool>(&self, i: usize, out: &mut [Truth]) -> Truth {
        match self.steps[i] {
            test @ (Step::In { .. } | Step::NotIn { .. } | Step::Range { .. }) => {
                let t = self.test(test, i);
                if TRACE {
                    out[i] = t;
                }
                t
            }
            _ => self.node::<TRACE>(i, out),
        }
    }

    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn test(&self, step: Step, i: usize) -> Truth {
        let field = match step {
            Step::In { field, .. } | Step::NotIn { field, .. } | Step::Range { field, .. } => field,
            Step::All { .. } | Step::Any { .. } | Step::Not(_) => unreachable!("only tests are tested"),
        };
        loosen(step_test(step, &self.slots.slots[field as usize]), self.loose[i])
    }
}
