//! The criteria compiled for the engine: every measure's criteria tree flattened into one array
//! of small `Copy` steps, built when a catalog is validated or decoded. It lives beside the
//! catalog, not in the engine, because a validated `Catalog` always carries its plan (the engine
//! imports the catalog; the catalog importing the engine back would make a circle). The engine's
//! one evaluator (`engine::evaluate`) is the only reader.

use super::model::{Measure, NodeIdx, NodeKind, Op, Test};

/// One criterion node in compiled form: small, `Copy`, and stored contiguously for all measures,
/// so that evaluation walks a few cache lines instead of the rich `Node`s with their texts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Step {
    In {
        field: u32,
        mask: u64,
    },
    NotIn {
        field: u32,
        mask: u64,
    },
    Range {
        field: u32,
        min: f64,
        max: f64,
    },
    /// Children are `Compiled::kids[kids..kids + n]`, as node indices within the measure.
    All {
        kids: u32,
        n: u32,
    },
    Any {
        kids: u32,
        n: u32,
    },
    Not(u32),
}

impl From<&Test> for Step {
    fn from(t: &Test) -> Step {
        let field = t.field as u32;
        match t.op {
            Op::In(mask) => Step::In { field, mask },
            Op::NotIn(mask) => Step::NotIn { field, mask },
            Op::Range { min, max } => {
                Step::Range { field, min: min.unwrap_or(f64::NEG_INFINITY), max: max.unwrap_or(f64::INFINITY) }
            }
        }
    }
}

/// The compiled criteria: `steps[spans[m].0 ..][.. spans[m].1]` are measure `m`'s nodes, in the
/// same order as its `Criteria::nodes` (so a trace lines up with both).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Compiled {
    pub steps: Vec<Step>,
    pub kids: Vec<u32>,
    pub spans: Vec<(u32, u32)>,
    /// Per step: a loose test (failing it gives unknown, not unmet).
    pub loose: Vec<bool>,
}

impl Compiled {
    pub fn new(measures: &[Measure]) -> Compiled {
        let mut c = Compiled::default();
        for m in measures {
            c.spans.push((c.steps.len() as u32, m.criteria.nodes.len() as u32));
            for n in &m.criteria.nodes {
                let mut kids = |ks: &[NodeIdx]| {
                    let at = c.kids.len() as u32;
                    c.kids.extend(ks.iter().map(|&k| k as u32));
                    (at, ks.len() as u32)
                };
                let step = match &n.kind {
                    NodeKind::Test(t) => Step::from(t),
                    NodeKind::All(ks) => {
                        let (kids, n) = kids(ks);
                        Step::All { kids, n }
                    }
                    NodeKind::Any(ks) => {
                        let (kids, n) = kids(ks);
                        Step::Any { kids, n }
                    }
                    NodeKind::Not(k) => Step::Not(*k as u32),
                };
                c.steps.push(step);
                c.loose.push(n.loose.is_some());
            }
        }
        c
    }
}
