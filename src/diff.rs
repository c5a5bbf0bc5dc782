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

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;

use crate::catalog::{Catalog, FieldKind, Lang, Measure, NodeKind, Op};
use crate::date::Date;
use crate::engine::{self, Evaluation, Group, MeasureResult, Status};
use crate::profile::{self, Profile, RawAnswer, RawProfile};
use crate::words::number as number_text;

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

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = if self.path.is_empty() { self.what.to_string() } else { self.path.clone() };
        match (&self.old, &self.new) {
            (Some(a), Some(b)) => write!(f, "{path}: {a} → {b}"),
            (None, Some(b)) => write!(f, "{path}: added: {b}"),
            (Some(a), None) => write!(f, "{path}: removed: {a}"),
            (None, None) => write!(f, "{path}: text changed"),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ApplicantDiff {
    /// The profile's file name.
    pub profile: String,
    /// Answers a side could not take (its questions do not know them): left unanswered there.
    pub notes: Vec<String>,
    pub moves: Vec<Move>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Move {
    pub measure: String,
    pub title: String,
    /// gains, loses or changes.
    pub kind: &'static str,
    /// The group before and after (absent: the measure is not in that catalog).
    pub old: Option<Group>,
    pub new: Option<Group>,
    /// Why: the measure's changes, then what each side's evaluation says.
    pub why: Vec<String>,
}

/// A sample applicant: a file name and its answers.
pub struct Applicant {
    pub name: String,
    pub raw: RawProfile,
}

/// Reads every `*.json` profile of a folder, in name order.
pub fn read_applicants(dir: &Path) -> Result<Vec<Applicant>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read the profiles folder {}: {e}", dir.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let path = dir.join(&name);
            let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let raw: RawProfile = serde_json::from_str(&text)
                .map_err(|e| format!("{} is not a JSON object of answers: {e}", path.display()))?;
            Ok(Applicant { name, raw })
        })
        .collect()
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
            let changes = measure_changes(a, ma, b, mb, as_of);
            (!changes.is_empty()).then(|| MeasureChange { id: mb.id.clone(), title: title(mb), changes })
        })
        .collect();
    let by_id: BTreeMap<&str, &MeasureChange> = changed.iter().map(|c| (c.id.as_str(), c)).collect();
    let applicants: Vec<ApplicantDiff> = applicants
        .iter()
        .map(|ap| {
            let mut notes = Vec::new();
            let pa = lenient(a, &ap.raw, as_of, "OLD", &mut notes);
            let pb = lenient(b, &ap.raw, as_of, "NEW", &mut notes);
            let ea = engine::evaluate(a, &pa, as_of);
            let eb = engine::evaluate(b, &pb, as_of);
            let moves = moves(a, &ea, b, &eb, &by_id, lang);
            ApplicantDiff { profile: ap.name.clone(), notes, moves }
        })
        .collect();
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

/// Decodes a profile against a catalog's questions, keeping what they can take (an older catalog
/// may lack fields or options added since): options a list answer names that the questions do not
/// know are left out of the list, any other answer they refuse is left unanswered. Each is noted.
fn lenient(c: &Catalog, raw: &RawProfile, as_of: Date, side: &str, notes: &mut Vec<String>) -> Profile {
    let e = match profile::decode(c, raw, as_of.year()) {
        Ok(p) => return p,
        Err(e) => e,
    };
    let mut raw = raw.clone();
    for p in &e.problems {
        let field = c.field_index(&p.field).map(|k| &c.fields[k]);
        match (field, raw.get_mut(&p.field)) {
            (Some(f), Some(RawAnswer::List(items))) => {
                let unknown = |a: &RawAnswer| matches!(a, RawAnswer::Text(t) if f.option_index(t).is_none());
                let gone: Vec<String> = items
                    .iter()
                    .filter(|a| unknown(a))
                    .map(|a| match a {
                        RawAnswer::Text(t) => format!("\"{t}\""),
                        _ => String::new(),
                    })
                    .collect();
                items.retain(|a| !unknown(a));
                notes.push(format!(
                    "{side} has no option {} for \"{}\": left out of the answer there",
                    gone.join(", "),
                    p.field
                ));
            }
            (None, _) => {
                raw.remove(&p.field);
                notes.push(format!("{side} has no question \"{}\": the answer is left out there", p.field));
            }
            _ => {
                raw.remove(&p.field);
                notes.push(format!("{side} does not accept the answer to \"{}\": left unanswered there", p.field));
            }
        }
    }
    match profile::decode(c, &raw, as_of.year()) {
        Ok(p) => p,
        Err(e) => {
            // What is still refused (e.g. "none" left beside other options) is left unanswered.
            for p in &e.problems {
                raw.remove(&p.field);
                notes.push(format!("{side} does not accept the answer to \"{}\": left unanswered there", p.field));
            }
            profile::decode(c, &raw, as_of.year()).unwrap_or_else(|_| Profile::empty(c))
        }
    }
}

fn open(g: Group) -> bool {
    matches!(g, Group::Eligible | Group::Confirm | Group::WorthALook)
}

fn moves(
    a: &Catalog,
    ea: &Evaluation,
    b: &Catalog,
    eb: &Evaluation,
    changed: &BTreeMap<&str, &MeasureChange>,
    lang: Lang,
) -> Vec<Move> {
    let index = |c: &Catalog, e: &Evaluation| -> BTreeMap<String, usize> {
        e.results.iter().enumerate().map(|(k, r)| (c.measures[r.measure].id.clone(), k)).collect()
    };
    let (ia, ib) = (index(a, ea), index(b, eb));
    // New catalog order, then the measures only the old one has.
    let ids: Vec<&str> = b
        .measures
        .iter()
        .map(|m| m.id.as_str())
        .chain(a.measures.iter().map(|m| m.id.as_str()).filter(|id| b.measure(id).is_none()))
        .collect();
    let mut out = Vec::new();
    for id in ids {
        let ra = ia.get(id).map(|&k| &ea.results[k]);
        let rb = ib.get(id).map(|&k| &eb.results[k]);
        let (ga, gb) = (ra.map(MeasureResult::group), rb.map(MeasureResult::group));
        if ga == gb {
            continue;
        }
        let kind = match (ga.is_some_and(open), gb.is_some_and(open)) {
            (false, true) => "gains",
            (true, false) => "loses",
            _ if ga.is_none() || gb.is_none() => continue, // appears or disappears, not open
            _ => "changes",
        };
        let mut why = Vec::new();
        match (ra, rb) {
            (None, _) => why.push("a measure new in NEW".to_string()),
            (_, None) => why.push("the measure is not in NEW".to_string()),
            _ => match changed.get(id) {
                Some(c) => why.extend(c.changes.iter().map(|c| format!("changed {c}"))),
                None => why.push("its own entry is unchanged: the questions changed (see questions)".to_string()),
            },
        }
        if let Some(r) = ra {
            why.push(format!("before: {}", explain(a, ea, r)));
        }
        if let Some(r) = rb {
            why.push(format!("now: {}", explain(b, eb, r)));
        }
        let m = b.measure(id).or_else(|| a.measure(id)).expect("the id comes from a catalog");
        out.push(Move { measure: id.to_string(), title: m.title.get(lang).to_string(), kind, old: ga, new: gb, why });
    }
    out
}

/// One side's evaluation of a measure, in a line: the group and what decides it.
fn explain(c: &Catalog, e: &Evaluation, r: &MeasureResult) -> String {
    let m = &c.measures[r.measure];
    let node = |n: usize| format!("{} ({})", m.criteria.nodes[n].path, criterion(c, m, n));
    let fields = |fs: &[usize]| fs.iter().map(|&f| c.fields[f].id.as_str()).collect::<Vec<_>>().join(", ");
    match r.group() {
        Group::Eligible => "eligible: every stated condition is met".into(),
        Group::WorthALook => "worth a look: who may apply matches; the text states no other condition".into(),
        Group::Confirm => {
            let mut parts = Vec::new();
            if !e.missing(r).is_empty() {
                parts.push(format!("unanswered {}", fields(e.missing(r))));
            }
            if !e.doubts(r).is_empty() {
                parts.push(format!(
                    "to confirm {}",
                    e.doubts(r).iter().map(|&n| node(n)).collect::<Vec<_>>().join("; ")
                ));
            }
            format!("possible: {}", parts.join("; "))
        }
        Group::Ineligible => {
            format!("not eligible: fails {}", e.failed(r).iter().map(|&n| node(n)).collect::<Vec<_>>().join("; "))
        }
        Group::Inactive => format!("not in force: {}", status_words(c, r.status)),
    }
}

fn status_words(c: &Catalog, s: Status) -> String {
    match s {
        Status::InForce => "in force".into(),
        Status::NotStated => "validity not stated".into(),
        Status::NotYetInForce { from } => format!("not yet in force (from {from})"),
        Status::Expired { until } => format!("expired ({until})"),
        Status::Repealed { document, date } => format!("repealed by {} on {date}", c.documents[document].id),
    }
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

fn measure_changes(a: &Catalog, ma: &Measure, b: &Catalog, mb: &Measure, as_of: Date) -> Vec<Change> {
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
        Some(status_words(a, engine::status(ma, as_of))),
        Some(status_words(b, engine::status(mb, as_of))),
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

/// The comparison in words, for people.
pub fn render_text(d: &CatalogDiff) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "OLD {} (version {}, {} measures)\nNEW {} (version {}, {} measures)\nresults as of {}",
        d.old.path, d.old.version, d.old.measures, d.new.path, d.new.version, d.new.measures, d.as_of
    );
    if !d.questions.is_empty() {
        let _ = writeln!(s, "\nquestions ({} changes)", d.questions.len());
        for c in &d.questions {
            let _ = writeln!(s, "  {} {c}", c.what);
        }
    }
    let _ = writeln!(s, "\nmeasures added ({})", d.added.len());
    for m in &d.added {
        let _ = writeln!(s, "  + {}  {}", m.id, m.title);
    }
    let _ = writeln!(s, "\nmeasures removed ({})", d.removed.len());
    for m in &d.removed {
        let _ = writeln!(s, "  - {}  {}", m.id, m.title);
    }
    let _ = writeln!(s, "\nmeasures changed ({})", d.changed.len());
    for m in &d.changed {
        let _ = writeln!(s, "  ~ {}  {}", m.id, m.title);
        for c in &m.changes {
            let _ = writeln!(s, "      {c}");
        }
    }
    let _ = writeln!(s, "\nsample applicants ({})", d.applicants.len());
    let group = |g: Option<Group>| g.map_or("absent", Group::id);
    for a in &d.applicants {
        let count = |k: &str| a.moves.iter().filter(|m| m.kind == k).count();
        if a.moves.is_empty() {
            let _ = writeln!(s, "  {}: no result moves", a.profile);
        } else {
            let _ = writeln!(
                s,
                "  {}: gains {}, loses {}, changes {}",
                a.profile,
                count("gains"),
                count("loses"),
                count("changes")
            );
        }
        for n in &a.notes {
            let _ = writeln!(s, "      note: {n}");
        }
        for m in &a.moves {
            let _ = writeln!(s, "    {} {}  {}: {} → {}", m.kind, m.measure, m.title, group(m.old), group(m.new));
            for w in &m.why {
                let _ = writeln!(s, "        {w}");
            }
        }
    }
    let _ = writeln!(s, "\n{}", summary_line(d));
    s
}

/// The last line of the text: counts of everything.
pub fn summary_line(d: &CatalogDiff) -> String {
    let moved = d.applicants.iter().filter(|a| !a.moves.is_empty()).count();
    let count = |k: &str| d.applicants.iter().flat_map(|a| &a.moves).filter(|m| m.kind == k).count();
    format!(
        "summary: {} measures added, {} removed, {} changed, {} question changes; {} of {} sample applicants move ({} gains, {} losses, {} other changes)",
        d.added.len(),
        d.removed.len(),
        d.changed.len(),
        d.questions.len(),
        moved,
        d.applicants.len(),
        count("gains"),
        count("loses"),
        count("changes")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::from_toml;

    const QUESTIONS: &str = include_str!("../data/questions.toml");
    const DOC: &str = r#"
[document]
id = "t"
title = { zh = "测试", en = "Test" }
issuer = { zh = "机关", en = "Issuer" }
url = "https://example.org/t"
effective_from = "2024-01-01"

[[measure]]
id = "small"
title = { zh = "小微", en = "Small" }
summary = { zh = "摘要", en = "Summary" }
support = ["grant"]
[[measure.criteria]]
field = "entity_type"
in = ["enterprise"]
clause = "企业"
reason = { zh = "企业", en = "Company" }
[[measure.criteria]]
field = "enterprise_size"
in = ["micro", "small"]
clause = "小微企业"
reason = { zh = "小微", en = "Small or micro" }
"#;

    fn catalogs(new_doc: &str) -> (Catalog, Catalog) {
        (from_toml(QUESTIONS, &[("t.toml", DOC)]).unwrap(), from_toml(QUESTIONS, &[("t.toml", new_doc)]).unwrap())
    }

    fn applicant(name: &str, json: &str) -> Applicant {
        Applicant { name: name.into(), raw: serde_json::from_str(json).unwrap() }
    }

    fn run(a: &Catalog, b: &Catalog, applicants: &[Applicant]) -> CatalogDiff {
        let side = |name: &str, c| Side { name: name.into(), catalog: c };
        diff(&side("a", a), &side("b", b), applicants, Date::parse("2026-11-21").unwrap(), Lang::En)
    }

    #[test]
    fn the_same_catalog_moves_nothing() {
        let (a, _) = catalogs(DOC);
        let d = run(&a, &a, &[applicant("x.json", r#"{"entity_type":"enterprise"}"#)]);
        assert!(d.added.is_empty() && d.removed.is_empty() && d.changed.is_empty() && d.questions.is_empty());
        assert_eq!(d.moves, 0);
    }

    #[test]
    fn a_narrowed_criterion_is_named_and_the_applicant_it_excludes_loses_the_measure() {
        let (a, b) = catalogs(&DOC.replace(r#"in = ["micro", "small"]"#, r#"in = ["micro"]"#));
        let small = applicant("small.json", r#"{"entity_type":"enterprise","enterprise_size":"small"}"#);
        let micro = applicant("micro.json", r#"{"entity_type":"enterprise","enterprise_size":"micro"}"#);
        let d = run(&a, &b, &[small, micro]);
        assert_eq!(d.changed.len(), 1);
        let c = &d.changed[0].changes[0];
        assert_eq!((c.what, c.path.as_str()), ("criteria", "criteria[1]"));
        assert_eq!(c.old.as_deref(), Some("enterprise_size in [micro, small]"));
        assert_eq!(c.new.as_deref(), Some("enterprise_size in [micro]"));
        assert_eq!(d.moves, 1);
        let m = &d.applicants[0].moves[0];
        assert_eq!((m.kind, m.old, m.new), ("loses", Some(Group::Eligible), Some(Group::Ineligible)));
        assert!(m.why[0].contains("criteria[1]: enterprise_size in [micro, small] → enterprise_size in [micro]"));
        assert!(m.why.iter().any(|w| w.starts_with("now: not eligible: fails criteria[1]")), "{:?}", m.why);
        assert!(d.applicants[1].moves.is_empty());
        assert!(render_text(&d).contains("1 of 2 sample applicants move (0 gains, 1 losses"));
    }

    #[test]
    fn dates_status_and_conditions_stated_are_reported() {
        let new = DOC.replace(
            "support = [\"grant\"]",
            "support = [\"grant\"]\neffective_until = \"2025-12-31\"\nconditions_stated = false",
        );
        let (a, b) = catalogs(&new);
        let d = run(&a, &b, &[applicant("x.json", r#"{"entity_type":"enterprise","enterprise_size":"small"}"#)]);
        let whats: Vec<&str> = d.changed[0].changes.iter().map(|c| c.what).collect();
        assert_eq!(whats, ["dates", "status", "conditions_stated"]);
        let m = &d.applicants[0].moves[0];
        assert_eq!((m.kind, m.new), ("loses", Some(Group::Inactive)));
        assert!(m.why.iter().any(|w| w.contains("not in force: expired (2025-12-31)")), "{:?}", m.why);
    }

    #[test]
    fn an_answer_the_old_questions_do_not_know_is_left_unanswered_there_and_noted() {
        let (a, _) = catalogs(DOC);
        let q = QUESTIONS.replace(
            r#"  { id = "micro", label = { zh = "微型", en = "Micro" } },"#,
            r#"  { id = "micro", label = { zh = "微型", en = "Micro" } },
  { id = "nano", label = { zh = "纳", en = "Nano" } },"#,
        );
        let b = from_toml(&q, &[("t.toml", &DOC.replace(r#"["micro", "small"]"#, r#"["nano", "micro", "small"]"#))])
            .unwrap();
        let d = run(&a, &b, &[applicant("n.json", r#"{"entity_type":"enterprise","enterprise_size":"nano"}"#)]);
        assert_eq!(d.questions[0].path, "enterprise_size.nano");
        assert!(d.applicants[0].notes[0].contains("OLD does not accept"), "{:?}", d.applicants[0].notes);
        let m = &d.applicants[0].moves[0];
        assert_eq!((m.kind, m.old, m.new), ("changes", Some(Group::Confirm), Some(Group::Eligible)));
        // A list keeps the options the old questions know.
        let q = QUESTIONS.replace(
            r#"  { id = "quantum", label"#,
            r#"  { id = "photonics", label = { zh = "光子", en = "Photonics" } },
  { id = "quantum", label"#,
        );
        let b = from_toml(&q, &[("t.toml", DOC)]).unwrap();
        let d = run(&a, &b, &[applicant("p.json", r#"{"industries":["photonics","quantum"]}"#)]);
        assert_eq!(
            d.applicants[0].notes,
            ["OLD has no option \"photonics\" for \"industries\": left out of the answer there"]
        );
    }
}
