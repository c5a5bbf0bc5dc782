//! The engine: pure evaluation of every measure of a catalog against a profile on a date. It knows
//! nothing of files, browsers or words; it returns data (`Evaluation`) that the edges (CLI, widget)
//! turn into text. Verdicts follow Kleene three-valued logic: an unanswered field is unknown.

pub mod evaluate;
pub mod outcome;

pub use evaluate::{evaluate_measure, slots, status, MeasureResult, Slot, Slots, Status, Verdict};
pub use outcome::Truth;

use crate::catalog::{Catalog, FieldIdx};
use crate::date::Date;
use crate::profile::Profile;

/// The question that would decide the most open measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NextQuestion {
    pub field: FieldIdx,
    /// How many `possible` measures name it among their missing fields.
    pub decides: usize,
}

/// The whole evaluation: results ranked eligible, possible, ineligible, inactive (catalog order
/// within a group), and the next question.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub as_of: Date,
    pub slots: Slots,
    pub results: Vec<MeasureResult>,
    pub next_question: Option<NextQuestion>,
}

impl Evaluation {
    /// How many results have each verdict, in `Verdict::ALL` order.
    pub fn counts(&self) -> [usize; 4] {
        let mut c = [0; 4];
        for r in &self.results {
            c[r.verdict as usize] += 1;
        }
        c
    }
}

/// Evaluates every measure of `catalog` for `profile` on `as_of`.
pub fn evaluate(catalog: &Catalog, profile: &Profile, as_of: Date) -> Evaluation {
    let slots = slots(catalog, profile);
    let mut results: Vec<MeasureResult> = (0..catalog.measures.len())
        .map(|i| evaluate_measure(catalog, i, &slots, as_of))
        .collect();
    results.sort_by_key(|r| r.verdict); // stable: catalog order within a group
    let next_question = next_question(catalog, &slots, &results);
    Evaluation {
        as_of,
        slots,
        results,
        next_question,
    }
}

/// Among the questions asked now and not answered, the one named by the most `possible` measures.
pub fn next_question(
    catalog: &Catalog,
    slots: &Slots,
    results: &[MeasureResult],
) -> Option<NextQuestion> {
    let mut counts = vec![0usize; catalog.fields.len()];
    for r in results.iter().filter(|r| r.verdict == Verdict::Possible) {
        for &f in &r.missing {
            counts[f] += 1;
        }
    }
    let mut best: Option<NextQuestion> = None;
    for (field, &decides) in counts.iter().enumerate() {
        let open = slots.asked[field] == Truth::Met && slots.slots[field] == Slot::Unknown;
        if open && decides > 0 && best.is_none_or(|b| decides > b.decides) {
            best = Some(NextQuestion { field, decides });
        }
    }
    best
}
