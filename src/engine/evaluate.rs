//! Evaluating one measure against a profile on a date: validity first (in force or not), then every
//! criterion bottom-up with Kleene logic (`evaluate_criteria`, the one evaluator). The result is data — an outcome per criterion node, the
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
    /// `slots`, packed for the evaluator's tests.
    pub(crate) seen: Vec<Seen>,
}

/// What a test reads of its field, packed: the kind of slot, an answer's option bits (a choice is
/// one bit) and its number. Built once per profile, beside `Slots::slots`, so that a test is a mask,
/// two comparisons and a table lookup, without a branch on what was answered.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Seen {
    kind: u8,
    /// Whether the answer is a number (`x`).
    number: bool,
    bits: u64,
    x: f64,
}

const UNKNOWN: u8 = 0;
const NOT_ASKED: u8 = 1;
const ANSWERED: u8 = 2;
const CONDITIONAL: u8 = 3;

impl Seen {
    fn of(slot: &Slot) -> Seen {
        let (kind, v) = match *slot {
            Slot::Unknown => (UNKNOWN, None),
            Slot::NotAsked => (NOT_ASKED, None),
            Slot::Answered(v) => (ANSWERED, Some(v)),
            Slot::Conditional(v) => (CONDITIONAL, Some(v)),
        };
        let (number, bits, x) = match v {
            Some(Value::Choice(k)) => (false, 1u64 << k, 0.0),
            Some(Value::Set(bits)) => (false, bits, 0.0),
            Some(Value::Number(x)) => (true, 0, x),
            None => (false, 0, 0.0),
        };
        Seen { kind, number, bits, x }
    }
}

/// The rule of a test: its outcome from the kind of slot it reads, whether the answer satisfies
/// it (`sat`: an option in the mask or the number in range, flipped for `not_in`) and whether it is
/// a `not_in` (which a question that does not apply meets).
const fn rule(kind: u8, sat: bool, not_in: bool) -> Truth {
    match kind {
        UNKNOWN => Truth::Unknown,
        NOT_ASKED => Truth::from_bool(not_in),
        ANSWERED => Truth::from_bool(sat),
        // Conditional: decided only where "answered" and "does not apply" agree.
        _ if sat == not_in => Truth::from_bool(sat),
        _ => Truth::Unknown,
    }
}

/// `rule` for every input, with a loose test that is not met loosened to unknown (the text's list
/// or scope is not exhaustive), indexed by `loose << 4 | kind << 2 | sat << 1 | not_in`.
const RULES: [Truth; 32] = {
    let mut table = [Truth::Unknown; 32];
    let mut i = 0;
    while i < 32 {
        let t = rule(((i >> 2) & 3) as u8, i & 2 != 0, i & 1 != 0);
        let loose = i & 16 != 0;
        table[i] = if loose && matches!(t, Truth::Unmet) { Truth::Unknown } else { t };
        i += 1;
    }
    table
};

/// Applies the questions' `ask_when` conditions to a profile.
pub fn slots(catalog: &Catalog, profile: &Profile) -> Slots {
    let mut slots = Slots { asked: Vec::new(), slots: Vec::new(), decided_by: Vec::new(), seen: Vec::new() };
    slots.fill(catalog, profile);
    slots
}

impl Slots {
    /// `slots(catalog, profile)` into these buffers (batch matching reuses one `Slots` for every
    /// row).
    pub fn fill(&mut self, catalog: &Catalog, profile: &Profile) {
        let n = catalog.fields.len();
        // `seen[f].kind` marks a field not resolved yet until `resolve` reaches it.
        const PENDING: u8 = u8::MAX;
        let pending = Seen { kind: PENDING, number: false, bits: 0, x: 0.0 };
        self.asked.clear();
        self.asked.resize(n, Truth::Unknown);
        self.slots.clear();
        self.slots.resize(n, Slot::Unknown);
        self.decided_by.clear();
        self.decided_by.resize(n, None);
        self.seen.clear();
        self.seen.resize(n, pending);
        // Conditions are acyclic (validated), so resolving in dependency order terminates.
        fn resolve(st: &mut Slots, catalog: &Catalog, profile: &Profile, f: FieldIdx) -> Truth {
            if st.seen[f].kind != PENDING {
                return st.asked[f];
            }
            let t = match &catalog.fields[f].ask_when {
                None => Truth::Met,
                Some(cond) => {
                    let dep = cond.field;
                    let dep_asked = resolve(st, catalog, profile, dep);
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
            st.asked[f] = t;
            st.slots[f] = match (t, profile.get(f)) {
                (Truth::Unmet, _) => Slot::NotAsked,
                (Truth::Met, Some(v)) => Slot::Answered(v),
                (Truth::Unknown, Some(v)) => Slot::Conditional(v),
                (_, None) => Slot::Unknown,
            };
            st.seen[f] = Seen::of(&st.slots[f]);
            t
        }
        for f in 0..n {
            resolve(self, catalog, profile, f);
        }
    }
}

/// One test against what the engine sees of its field (the same code the compiled criteria run).
pub fn test(t: &Test, slot: &Slot) -> Truth {
    step_test(Step::from(t), &Seen::of(slot), false)
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

/// A compiled test against what the engine sees of its field, loosened if `loose`: whether the
/// answer satisfies it, then `RULES`. Inlined: it is the innermost call of the evaluator, which
/// batch matching runs for every measure of every row (native only: the wasm build keeps its size).
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn step_test(step: Step, seen: &Seen, loose: bool) -> Truth {
    let (sat, not_in) = match step {
        Step::In { mask, .. } => (seen.bits & mask != 0, false),
        Step::NotIn { mask, .. } => (seen.bits & mask == 0, true),
        Step::Range { min, max, .. } => (seen.number & (seen.x >= min) & (seen.x <= max), false),
        Step::All { .. } | Step::Any { .. } | Step::Not(_) => unreachable!("only tests are tested"),
    };
    RULES[(loose as usize) << 4 | (seen.kind as usize) << 2 | (sat as usize) << 1 | not_in as usize]
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
    let start = buf.outcomes.len();
    buf.outcomes.resize(start + m.criteria.nodes.len(), Truth::Unknown);
    let criteria = evaluate_criteria(catalog, index, slots, &mut buf.outcomes[start..]);
    let status = status(m, as_of);
    let group = group_of(m, status.active(), criteria);
    let unstated = group == Group::WorthALook;
    let verdict = group.verdict();
    let (miss0, fail0, doubt0) = (buf.missing.len(), buf.failed.len(), buf.doubts.len());
    let outcomes = &buf.outcomes[start..];
    reasons(catalog, index, slots, outcomes, (&mut buf.missing, &mut buf.failed, &mut buf.doubts));
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

/// Why measure `index`'s criteria are not met, from their trace (`outcomes`, as `evaluate_criteria`
/// wrote it): appends to `missing` the unanswered fields that could still decide an unknown outcome (in
/// criteria order, once each), to `failed` the tests that make an unmet outcome fail, and to
/// `doubts` the loose tests that an answer does not meet (to confirm with the issuer). Nothing for
/// met criteria.
pub fn reasons(
    catalog: &Catalog,
    index: usize,
    slots: &Slots,
    outcomes: &[Truth],
    (missing, failed, doubts): (&mut Vec<FieldIdx>, &mut Vec<NodeIdx>, &mut Vec<NodeIdx>),
) {
    let plan = Plan::of(catalog, index);
    let root = catalog.measures[index].criteria.root;
    let criteria = outcomes[root];
    if criteria == Truth::Met {
        return;
    }
    let miss0 = missing.len();
    collect(plan.steps, plan.kids, outcomes, root, criteria, &mut |n| match plan.steps[n] {
        // A loose test that the answer does not meet: something to confirm, not a question.
        s @ (Step::In { field, .. } | Step::NotIn { field, .. } | Step::Range { field, .. })
            if plan.loose[n] && step_test(s, &slots.seen[field as usize], false) == Truth::Unmet =>
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

/// The one evaluator: what measure `index`'s criteria give for `slots`, with every node's outcome
/// written to `out` (one per node, in node order: its trace). Callers that need the verdict only
/// pass a scratch buffer (`decide`); the widget, the CLI and `unlocks` keep it to explain the
/// verdict (`evaluate_measure`); batch matching keeps one for the whole catalog and asks `reasons`
/// only of the measures it lists as open.
///
/// Nodes are evaluated from last to first, so that every child (children come after their parent:
/// `validate` builds them so, and the catalog decoder refuses anything else) is evaluated before
/// the `all`, `any` or `not` above it: one pass over a flat array, no recursion, no branch on what
/// was answered — Kleene logic is `Truth::and`/`or` and a test is `step_test`.
pub fn evaluate_criteria(catalog: &Catalog, index: usize, slots: &Slots, out: &mut [Truth]) -> Truth {
    let plan = Plan::of(catalog, index);
    let out = &mut out[..plan.steps.len()];
    for i in (0..plan.steps.len()).rev() {
        out[i] = match plan.steps[i] {
            Step::All { kids: k, n } => {
                plan.kids[k as usize..(k + n) as usize].iter().fold(Truth::Met, |acc, &c| acc.and(out[c as usize]))
            }
            Step::Any { kids: k, n } => {
                plan.kids[k as usize..(k + n) as usize].iter().fold(Truth::Unmet, |acc, &c| acc.or(out[c as usize]))
            }
            Step::Not(c) => !out[c as usize],
            test @ (Step::In { field, .. } | Step::NotIn { field, .. } | Step::Range { field, .. }) => {
                step_test(test, &slots.seen[field as usize], plan.loose[i])
            }
        };
    }
    out[catalog.measures[index].criteria.root]
}

/// What the criteria of one measure give, the trace dropped (for callers that need verdicts only:
/// the widget's `unlocks`, the JsonLogic comparison): `criteria` over a scratch buffer.
pub fn decide(catalog: &Catalog, index: usize, slots: &Slots) -> Truth {
    let n = catalog.measures[index].criteria.nodes.len();
    let mut small = [Truth::Unknown; 32];
    if n <= small.len() {
        evaluate_criteria(catalog, index, slots, &mut small)
    } else {
        evaluate_criteria(catalog, index, slots, &mut vec![Truth::Unknown; n])
    }
}

/// One measure's compiled criteria: what the evaluator reads of the catalog.
struct Plan<'a> {
    steps: &'a [Step],
    kids: &'a [u32],
    loose: &'a [bool],
}

impl Plan<'_> {
    fn of(catalog: &Catalog, index: usize) -> Plan<'_> {
        let (s0, n) = catalog.compiled.spans[index];
        let (s0, n) = (s0 as usize, n as usize);
        Plan {
            steps: &catalog.compiled.steps[s0..s0 + n],
            kids: &catalog.compiled.kids,
            loose: &catalog.compiled.loose[s0..s0 + n],
        }
    }
}
