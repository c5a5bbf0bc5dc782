//! What a catalog change does (`policy-matcher diff OLD NEW`): the measures added, removed and
//! changed — criteria, dates, status on the evaluation date, related links, `conditions_stated`,
//! `left_to`, wording — and the questions' vocabulary; then, for a folder of sample applicants,
//! which applicant gains or loses which measure, and why: the changed criteria of that measure and
//! what each side's evaluation says (the failed criterion, the missing answers, the status).
//!
//! Criteria are compared in words that do not depend on either catalog's internal order: field
//! and option ids, never bit masks or indices. A move is a change of result group for a measure
//! shown to the applicant: **gains** (not open → eligible / possible / worth a look), **loses**
//! (open → not open) or **changes** (between open groups, or between not eligible and not in
//! force). A measure that appears or disappears while not open moves nobody.
//!
//! This module owns the catalog side: the comparison's data and the changes of measures and
//! questions. `applicants` reads the sample applicants and finds their moves; `text` renders the
//! whole comparison for people.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::catalog::{Catalog, FieldKind, Lang, Measure, NodeKind, Op};
use crate::date::Date;
use crate::engine::{self, Status};
use crate::words::number as number_text;

mod applicants;
#[cfg(test)]
mod tests;
mod text;

pub use applicants::{read_applicants, Applicant, ApplicantDiff, ApplicantsError, Move};
pub use text::{render_text, summary_line};

/// One catalog of the comparison.
pub struct Side<'a> {
    /// Where it was read from, for the reader.
    pub name: String,
    pub catalog: &'a Catalog,
}

/// The whole comparison: what `--format json` prints.
#[derive(Clone, Debug, Serialize)]
pub struct CatalogDiff {
    pub old: CatalogRef,
    pub new: CatalogRef,
    pub as_of: String,
    pub questions: Vec<Change>,
    pub added: Vec<MeasureRef>,
    pub removed: Vec<MeasureRef>,
    pub changed: Vec<MeasureChange>,
    pub applicants: Vec<ApplicantDiff>,
    /// How many (applicant, measure) results move: the exit code is 3 when this is not 0.
    pub moves: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct CatalogRef {
    pub path: String,
    pub version: String,
    pub measures: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct MeasureRef {
    pub id: String,
    pub title: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct MeasureChange {
    pub id: String,
    pub title: String,
    pub changes: Vec<Change>,
}

/// One difference. `what` is one of: criteria, clause, dates, status, related, conditions_stated,
/// left_to, text (for measures); field, option, kind, ask_when (for questions).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub what: &'static str,
    /// Where: a criterion's path (`criteria[1].any[0]`), a key, a field or option id.
    pub path: String,
    /// Before and after, in words (absent: it did not exist).
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Change {
    /// The change in words: `path: old → new`, added, removed, or text changed.
    pub fn text(&self, lang: Lang) -> String {
        let path = if self.path.is_empty() { self.what } else { &self.path };
        crate::words::maintenance::change(path, self.old.as_deref(), self.new.as_deref(), lang)
    }
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// Compares two catalogs, and their results for `applicants` on `as_of`.
pub fn diff(old: &Side, new: &Side, applicants: &[Applicant], as_of: Date, lang: Lang) -> CatalogDiff {
    let (a, b) = (old.catalog, new.catalog);
    let title = |m: &Measure| m.title.get(lang).to_string();
    let added: Vec<MeasureRef> = b
        .measures
        .iter()
        .filter(|m| a.measure(&m.id).is_none())
        .map(|m| MeasureRef { id: m.id.clone(), title: title(m) })
        .collect();
    let removed: Vec<MeasureRef> = a
        .measures
        .iter()
        .filter(|m| b.measure(&m.id).is_none())
        .map(|m| MeasureRef { id: m.id.clone(), title: title(m) })
        .collect();
    let changed: Vec<MeasureChange> = b
        .measures
        .iter()
        .filter_map(|mb| {
            let ma = a.measure(&mb.id)?;
            let changes = measure_changes(a, ma, b, mb, as_of, lang);
            (!changes.is_empty()).then(|| MeasureChange { id: mb.id.clone(), title: title(mb), changes })
        })
        .collect();
    let by_id: BTreeMap<&str, &MeasureChange> = changed.iter().map(|c| (c.id.as_str(), c)).collect();
    let applicants: Vec<ApplicantDiff> =
        applicants.iter().map(|ap| applicants::applicant_diff(a, b, ap, as_of, &by_id, lang)).collect();
    let moves = applicants.iter().map(|x| x.moves.len()).sum();
    CatalogDiff {
        old: CatalogRef { path: old.name.clone(), version: a.version.clone(), measures: a.measures.len() },
        new: CatalogRef { path: new.name.clone(), version: b.version.clone(), measures: b.measures.len() },
        as_of: as_of.to_string(),
        questions: question_changes(a, b),
        added,
        removed,
        changed,
        applicants,
        moves,
    }
}

/// A status in words, with its date (and for a repeal, the repealing document's id): the one
/// place the diff words a status.
fn status_words(c: &Catalog, s: Status, lang: Lang) -> String {
    let by = match s {
        Status::Repealed { document, .. } => Some(c.documents[document].id.as_str()),
        _ => None,
    };
    crate::words::maintenance::status(s, by, lang)
}

/// A criterion node in words that do not depend on the catalog's internal order.
pub fn criterion(c: &Catalog, m: &Measure, n: usize) -> String {
    let node = &m.criteria.nodes[n];
    let text = match &node.kind {
        NodeKind::All(k) => format!("all of {}", k.len()),
        NodeKind::Any(k) => format!("any of {}", k.len()),
        NodeKind::Not(_) => "not".into(),
        NodeKind::Test(t) => {
            let f = &c.fields[t.field];
            let options = |mask: u64| {
                let ids: Vec<&str> = f
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| mask & (1 << k) != 0)
                    .map(|(_, o)| o.id.as_str())
                    .collect();
                ids.join(", ")
            };
            match &t.op {
                Op::In(mask) => format!("{} in [{}]", f.id, options(*mask)),
                Op::NotIn(mask) => format!("{} not in [{}]", f.id, options(*mask)),
                Op::Range { min, max } => match (min, max) {
                    (Some(a), Some(b)) => format!("{} from {} to {}", f.id, number_text(*a), number_text(*b)),
                    (Some(a), None) => format!("{} ≥ {}", f.id, number_text(*a)),
                    (None, Some(b)) => format!("{} ≤ {}", f.id, number_text(*b)),
                    (None, None) => format!("{} answered", f.id),
                },
            }
        }
    };
    if node.loose.is_some() {
        format!("{text} (loose)")
    } else {
        text
    }
}

fn opt_change(what: &'static str, path: &str, old: Option<String>, new: Option<String>) -> Option<Change> {
    (old != new).then(|| Change { what, path: path.into(), old, new })
}

fn measure_changes(a: &Catalog, ma: &Measure, b: &Catalog, mb: &Measure, as_of: Date, lang: Lang) -> Vec<Change> {
    let mut out = Vec::new();
    // Criteria, by path.
    let nodes = |c: &Catalog, m: &Measure| -> BTreeMap<String, (String, Option<String>)> {
        (0..m.criteria.nodes.len())
            .filter(|&n| n != m.criteria.root) // the implicit `all` over the top-level criteria
            .map(|n| {
                let node = &m.criteria.nodes[n];
                (node.path.clone(), (criterion(c, m, n), node.clause.clone()))
            })
            .collect()
    };
    let (na, nb) = (nodes(a, ma), nodes(b, mb));
    let paths: BTreeSet<&String> = na.keys().chain(nb.keys()).collect();
    let mut paths: Vec<&String> = paths.into_iter().collect();
    paths.sort_by_key(|p| natural_key(p));
    for path in paths {
        let (x, y) = (na.get(path), nb.get(path));
        if let Some(c) = opt_change("criteria", path, x.map(|x| x.0.clone()), y.map(|y| y.0.clone())) {
            out.push(c);
        } else if let (Some(x), Some(y)) = (x, y) {
            if x.1 != y.1 {
                out.push(Change { what: "clause", path: path.clone(), old: x.1.clone(), new: y.1.clone() });
            }
        }
    }
    let date = |d: Option<Date>| d.map(|d| d.to_string());
    out.extend(opt_change("dates", "effective_from", date(ma.effective_from), date(mb.effective_from)));
    out.extend(opt_change("dates", "effective_until", date(ma.effective_until), date(mb.effective_until)));
    let repeal = |c: &Catalog, m: &Measure| {
        m.repealed_by.as_ref().map(|r| format!("by {} on {}", c.documents[r.document].id, r.date))
    };
    out.extend(opt_change("dates", "repealed_by", repeal(a, ma), repeal(b, mb)));
    out.extend(opt_change(
        "status",
        &format!("status on {as_of}"),
        Some(status_words(a, engine::status(ma, as_of), lang)),
        Some(status_words(b, engine::status(mb, as_of), lang)),
    ));
    out.extend(opt_change(
        "conditions_stated",
        "conditions_stated",
        Some(ma.conditions_stated.to_string()),
        Some(mb.conditions_stated.to_string()),
    ));
    let related = |c: &Catalog, m: &Measure| -> BTreeSet<String> {
        m.related.iter().map(|l| format!("{} {}", l.relation.id(), c.measures[l.measure].id)).collect()
    };
    let (ra, rb) = (related(a, ma), related(b, mb));
    for gone in ra.difference(&rb) {
        out.push(Change { what: "related", path: "related".into(), old: Some(gone.clone()), new: None });
    }
    for new in rb.difference(&ra) {
        out.push(Change { what: "related", path: "related".into(), old: None, new: Some(new.clone()) });
    }
    let left_to = |m: &Measure| -> BTreeSet<String> { m.left_to.iter().map(|l| l.rules.en.clone()).collect() };
    let (la, lb) = (left_to(ma), left_to(mb));
    for gone in la.difference(&lb) {
        out.push(Change { what: "left_to", path: "left_to".into(), old: Some(gone.clone()), new: None });
    }
    for new in lb.difference(&la) {
        out.push(Change { what: "left_to", path: "left_to".into(), old: None, new: Some(new.clone()) });
    }
    let mut text = Vec::new();
    if ma.title != mb.title {
        text.push("title");
    }
    if ma.summary != mb.summary {
        text.push("summary");
    }
    if ma.support != mb.support {
        text.push("support");
    }
    if ma.amount != mb.amount {
        text.push("amount");
    }
    if ma.issuer != mb.issuer {
        text.push("issuer");
    }
    if ma.url != mb.url {
        text.push("url");
    }
    if ma.notes != mb.notes {
        text.push("notes");
    }
    for key in text {
        out.push(Change { what: "text", path: key.into(), old: None, new: None });
    }
    out
}

/// Sorts `criteria[10]` after `criteria[9]`.
fn natural_key(path: &str) -> Vec<(String, usize)> {
    path.split('.')
        .map(|part| match part.split_once('[') {
            Some((name, rest)) => (name.to_string(), rest.trim_end_matches(']').parse().unwrap_or(0)),
            None => (part.to_string(), 0),
        })
        .collect()
}

fn question_changes(a: &Catalog, b: &Catalog) -> Vec<Change> {
    let mut out = Vec::new();
    for fa in &a.fields {
        if b.field_index(&fa.id).is_none() {
            out.push(Change { what: "field", path: fa.id.clone(), old: Some(fa.kind.id().into()), new: None });
        }
    }
    let ask_when = |c: &Catalog, f: &crate::catalog::Field| {
        f.ask_when.as_ref().map(|t| {
            let dep = &c.fields[t.field];
            let ids = |mask: u64| {
                dep.options
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| mask & (1 << k) != 0)
                    .map(|(_, o)| o.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            match &t.op {
                Op::In(m) => format!("{} in [{}]", dep.id, ids(*m)),
                Op::NotIn(m) => format!("{} not in [{}]", dep.id, ids(*m)),
                Op::Range { .. } => format!("{} in a range", dep.id),
            }
        })
    };
    for fb in &b.fields {
        let Some(fa) = a.field_index(&fb.id).map(|k| &a.fields[k]) else {
            out.push(Change { what: "field", path: fb.id.clone(), old: None, new: Some(fb.kind.id().into()) });
            continue;
        };
        out.extend(opt_change("kind", &fb.id, Some(fa.kind.id().into()), Some(fb.kind.id().into())));
        out.extend(opt_change("ask_when", &fb.id, ask_when(a, fa), ask_when(b, fb)));
        if fb.kind.has_options() || fa.kind.has_options() {
            for o in &fa.options {
                if fb.option_index(&o.id).is_none() {
                    out.push(Change {
                        what: "option",
                        path: format!("{}.{}", fb.id, o.id),
                        old: Some(o.id.clone()),
                        new: None,
                    });
                }
            }
            for o in &fb.options {
                if fa.option_index(&o.id).is_none() {
                    out.push(Change {
                        what: "option",
                        path: format!("{}.{}", fb.id, o.id),
                        old: None,
                        new: Some(o.id.clone()),
                    });
                }
            }
        }
        let range = |f: &crate::catalog::Field| match f.kind {
            FieldKind::Integer | FieldKind::Number | FieldKind::Year => {
                Some(format!("{:?}..{:?}", f.min.map(number_text), f.max.map(number_text)))
            }
            _ => None,
        };
        out.extend(opt_change("kind", &format!("{} range", fb.id), range(fa), range(fb)));
    }
    out
}
