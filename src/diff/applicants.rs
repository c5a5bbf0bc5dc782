//! The sample applicants of a diff: reading them (every `*.json` of a folder), decoding each
//! against either catalog's questions — leniently, since an older catalog may lack a field or
//! option — and the moves of their results: which measure each gains, loses or changes group for,
//! and why (the measure's changes, then what each side's evaluation says).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{criterion, status_words, MeasureChange};
use crate::catalog::{Catalog, Lang};
use crate::date::Date;
use crate::engine::{self, Evaluation, Group, MeasureResult};
use crate::profile::{self, Profile, RawAnswer, RawProfile};
use crate::words::maintenance as w;

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

/// Why the sample applicants cannot be read; `Display` is the message for the reader.
#[derive(Debug)]
pub enum ApplicantsError {
    /// The folder cannot be listed.
    Folder { dir: PathBuf, error: std::io::Error },
    /// A profile file cannot be read.
    File { path: PathBuf, error: std::io::Error },
    /// A profile file is not a JSON object of answers.
    NotAnswers { path: PathBuf, error: serde_json::Error },
}

impl std::fmt::Display for ApplicantsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApplicantsError::Folder { dir, error } => {
                write!(f, "cannot read the profiles folder {}: {error}", dir.display())
            }
            ApplicantsError::File { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            ApplicantsError::NotAnswers { path, error } => {
                write!(f, "{} is not a JSON object of answers: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for ApplicantsError {}

/// Reads every `*.json` profile of a folder, in name order.
pub fn read_applicants(dir: &Path) -> Result<Vec<Applicant>, ApplicantsError> {
    let entries = std::fs::read_dir(dir).map_err(|error| ApplicantsError::Folder { dir: dir.to_path_buf(), error })?;
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
            let text =
                std::fs::read_to_string(&path).map_err(|error| ApplicantsError::File { path: path.clone(), error })?;
            let raw: RawProfile =
                serde_json::from_str(&text).map_err(|error| ApplicantsError::NotAnswers { path, error })?;
            Ok(Applicant { name, raw })
        })
        .collect()
}

/// What one applicant's results do from catalog `a` to `b` (`changed`: the changed measures by id).
pub(super) fn applicant_diff(
    a: &Catalog,
    b: &Catalog,
    ap: &Applicant,
    as_of: Date,
    changed: &BTreeMap<&str, &MeasureChange>,
    lang: Lang,
) -> ApplicantDiff {
    let mut notes = Vec::new();
    let pa = lenient(a, &ap.raw, as_of, "OLD", lang, &mut notes);
    let pb = lenient(b, &ap.raw, as_of, "NEW", lang, &mut notes);
    let ea = engine::evaluate(a, &pa, as_of);
    let eb = engine::evaluate(b, &pb, as_of);
    let moves = moves(a, &ea, b, &eb, changed, lang);
    ApplicantDiff { profile: ap.name.clone(), notes, moves }
}

/// Decodes a profile against a catalog's questions, keeping what they can take (an older catalog
/// may lack fields or options added since): options a list answer names that the questions do not
/// know are left out of the list, any other answer they refuse is left unanswered. Each is noted.
fn lenient(c: &Catalog, raw: &RawProfile, as_of: Date, side: &str, lang: Lang, notes: &mut Vec<String>) -> Profile {
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
                notes.push(w::note_no_option(side, &gone.join(", "), &p.field, lang));
            }
            (None, _) => {
                raw.remove(&p.field);
                notes.push(w::note_no_question(side, &p.field, lang));
            }
            _ => {
                raw.remove(&p.field);
                notes.push(w::note_refused(side, &p.field, lang));
            }
        }
    }
    match profile::decode(c, &raw, as_of.year()) {
        Ok(p) => p,
        Err(e) => {
            // What is still refused (e.g. "none" left beside other options) is left unanswered.
            for p in &e.problems {
                raw.remove(&p.field);
                notes.push(w::note_refused(side, &p.field, lang));
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
            (None, _) => why.push(w::WHY_NEW_MEASURE.get(lang).to_string()),
            (_, None) => why.push(w::WHY_NOT_IN_NEW.get(lang).to_string()),
            _ => match changed.get(id) {
                Some(c) => why.extend(c.changes.iter().map(|c| w::why("changed", &c.text(lang), lang))),
                None => why.push(w::WHY_QUESTIONS_CHANGED.get(lang).to_string()),
            },
        }
        if let Some(r) = ra {
            why.push(w::why("before", &explain(a, ea, r, lang), lang));
        }
        if let Some(r) = rb {
            why.push(w::why("now", &explain(b, eb, r, lang), lang));
        }
        let m = b.measure(id).or_else(|| a.measure(id)).expect("the id comes from a catalog");
        out.push(Move { measure: id.to_string(), title: m.title.get(lang).to_string(), kind, old: ga, new: gb, why });
    }
    out
}

/// One side's evaluation of a measure, in a line: the group and what decides it.
fn explain(c: &Catalog, e: &Evaluation, r: &MeasureResult, lang: Lang) -> String {
    let m = &c.measures[r.measure];
    let node = |n: usize| format!("{} ({})", m.criteria.nodes[n].path, criterion(c, m, n));
    let fields = |fs: &[usize]| fs.iter().map(|&f| c.fields[f].id.as_str()).collect::<Vec<_>>().join(", ");
    match r.group() {
        Group::Eligible => w::ELIGIBLE_LINE.get(lang).into(),
        Group::WorthALook => w::WORTH_LINE.get(lang).into(),
        Group::Confirm => {
            let mut parts = Vec::new();
            if !e.missing(r).is_empty() {
                parts.push(w::explain("unanswered", &fields(e.missing(r)), lang));
            }
            if !e.doubts(r).is_empty() {
                let doubts = e.doubts(r).iter().map(|&n| node(n)).collect::<Vec<_>>().join("; ");
                parts.push(w::explain("doubt", &doubts, lang));
            }
            w::explain("possible", &parts.join("; "), lang)
        }
        Group::Ineligible => {
            w::explain("fails", &e.failed(r).iter().map(|&n| node(n)).collect::<Vec<_>>().join("; "), lang)
        }
        Group::Inactive => w::explain("inactive", &status_words(c, r.status, lang), lang),
    }
}
