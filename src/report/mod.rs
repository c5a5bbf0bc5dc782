//! The public result shape: what `policy-matcher match --format json` prints and the widget's JS
//! API returns (`Report`), built from an evaluation. Words come from `words`; the text rendering
//! for people is `report::text`, the spreadsheet export `report::csv`.

pub mod csv;
pub mod text;

pub use csv::csv;
pub use text::render_text;

use serde::Serialize;

use crate::catalog::Text;
use crate::catalog::{Catalog, Measure, NodeKind};
use crate::engine::{self, Evaluation, Group, MeasureResult, Slot, Status, Truth, Verdict};
use crate::profile::{raw_answer, Profile, RawAnswer};
use crate::words::{both, change_text, group_text, status_text, test_text};

/// The result shape of `policy-matcher match --format json` and of the widget's JS API.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub as_of: String,
    pub catalog: CatalogInfo,
    pub counts: Counts,
    pub results: Vec<ResultOut>,
    /// The field id that would decide the most open measures, or null.
    pub next_question: Option<String>,
    /// What would open more: each single change a person can make (an option added to a
    /// certification or activity answer, a listing tier or place chosen) that moves measures out
    /// of "not eligible", best first.
    pub unlocks: Vec<UnlockOut>,
}

#[derive(Clone, Debug, Serialize)]
pub struct UnlockOut {
    pub field: String,
    pub option: String,
    /// The change in words, e.g. "取得：国家高新技术企业" / "Obtain: National high-tech enterprise".
    pub change: Text,
    /// How many of `measures` would become eligible (the others: to confirm).
    pub eligible: usize,
    pub measures: Vec<UnlockMeasure>,
}

#[derive(Clone, Debug, Serialize)]
pub struct UnlockMeasure {
    pub id: String,
    pub verdict: Verdict,
}

#[derive(Clone, Debug, Serialize)]
pub struct CatalogInfo {
    pub version: String,
}

/// How many results are in each group. `possible` counts the measures a question or a check with
/// the issuer decides; `worth_a_look` the measures whose verdict is also `possible` but whose text
/// states no condition beyond who may apply.
#[derive(Clone, Debug, Serialize)]
pub struct Counts {
    pub eligible: usize,
    pub possible: usize,
    pub worth_a_look: usize,
    pub ineligible: usize,
    pub inactive: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct ResultOut {
    pub id: String,
    pub title: Text,
    pub verdict: Verdict,
    /// The group it is shown in: eligible, possible, worth_a_look, ineligible, inactive.
    pub group: Group,
    /// The verdict in words that claim no more than the text ("meets the published conditions").
    pub verdict_text: Text,
    pub status: StatusOut,
    /// False when the text states no condition beyond who may apply (never "eligible" then).
    pub conditions_stated: bool,
    /// Rules or calls for applications that set what the text leaves open (shown with the verdict).
    pub left_to: Vec<LeftToOut>,
    /// Conditions the text states that no question can assess: to confirm with the issuer (the
    /// measure is never "eligible" while there are any). `rules` holds what to confirm.
    pub unassessed: Vec<LeftToOut>,
    pub issuer: Text,
    pub document: DocumentOut,
    pub support: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Text>,
    /// Every criterion, in order, with its outcome, the answer it looked at, clause and reason.
    pub reasons: Vec<ReasonOut>,
    /// Unanswered field ids that could still decide it.
    pub missing: Vec<String>,
    /// Paths of the failed criteria (for `ineligible`).
    pub failed: Vec<String>,
    /// Loose criteria the answers do not meet: to confirm with the issuer (for `possible`).
    pub doubts: Vec<DoubtOut>,
    /// Links to other measures: same_scheme, prerequisite, successor and their reverses
    /// (leads_to, predecessor).
    pub related: Vec<RelatedOut>,
    /// The programme: the id of its same_scheme group's lead, the member whose verdict the card shows
    /// (the most authoritative document first; its own id if it has no such link).
    pub scheme: String,
    /// How to apply, where, a contact and a link — only where a text or the catalog's owner states
    /// them (absent fields: not stated).
    pub apply: ApplyOut,
    pub notes: Vec<Text>,
}

#[derive(Clone, Debug, Serialize, Default)]
pub struct ApplyOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how: Option<Text>,
    #[serde(rename = "where", skip_serializing_if = "Option::is_none")]
    pub where_: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Text>,
    /// The measure's own link, else its document's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LeftToOut {
    pub rules: Text,
    /// The verbatim sentence of the source.
    pub clause: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct DoubtOut {
    pub criterion: String,
    pub field: String,
    /// What to confirm, and why the text's condition is loose.
    pub text: Text,
}

#[derive(Clone, Debug, Serialize)]
pub struct RelatedOut {
    pub measure: String,
    pub relation: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct StatusOut {
    /// in_force, not_yet_in_force, expired, repealed
    pub state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repealed_by: Option<String>,
    pub text: Text,
}

#[derive(Clone, Debug, Serialize)]
pub struct DocumentOut {
    pub id: String,
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReasonOut {
    /// Where the criterion sits in the catalog file, e.g. `criteria[1].any[0]`.
    pub criterion: String,
    /// test, all, any, not
    pub kind: &'static str,
    /// Nesting depth (1 = top level).
    pub depth: usize,
    pub outcome: Truth,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The answer looked at (absent when unanswered; "not_asked" when the question does not apply).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<RawAnswer>,
    /// The test in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
    /// Present on a loose criterion: the text states it loosely, so failing it leaves the measure
    /// to confirm (never "not eligible" by itself).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loose: Option<Text>,
}

/// Builds the public result shape for the answers `profile` evaluated into `eval`.
pub fn report(catalog: &Catalog, profile: &Profile, eval: &Evaluation) -> Report {
    let c = eval.group_counts();
    let unlocks = engine::unlocks(catalog, profile, eval)
        .into_iter()
        .map(|u| UnlockOut {
            field: catalog.fields[u.field].id.clone(),
            option: catalog.fields[u.field].options[u.option].id.clone(),
            change: both(|l| change_text(catalog, &u, l)),
            eligible: u.eligible(),
            measures: u
                .opens
                .iter()
                .map(|&(m, verdict)| UnlockMeasure { id: catalog.measures[m].id.clone(), verdict })
                .collect(),
        })
        .collect();
    Report {
        as_of: eval.as_of.to_string(),
        catalog: CatalogInfo { version: catalog.version.clone() },
        counts: Counts {
            eligible: c[Group::Eligible],
            possible: c[Group::Confirm],
            worth_a_look: c[Group::WorthALook],
            ineligible: c[Group::Ineligible],
            inactive: c[Group::Inactive],
        },
        results: eval.results.iter().map(|r| result_out(catalog, eval, r)).collect(),
        next_question: eval.next_question.map(|q| catalog.fields[q.field].id.clone()),
        unlocks,
    }
}

fn result_out(catalog: &Catalog, eval: &Evaluation, r: &MeasureResult) -> ResultOut {
    let m = &catalog.measures[r.measure];
    let doc = &catalog.documents[m.document];
    ResultOut {
        id: m.id.clone(),
        title: m.title.clone(),
        verdict: r.verdict,
        group: r.group(),
        verdict_text: both(|l| group_text(r.group(), l).to_string()),
        status: status_out(catalog, r.status, eval),
        conditions_stated: m.conditions_stated,
        left_to: m.left_to.iter().map(|l| LeftToOut { rules: l.rules.clone(), clause: l.clause.clone() }).collect(),
        unassessed: m
            .unassessed
            .iter()
            .map(|l| LeftToOut { rules: l.rules.clone(), clause: l.clause.clone() })
            .collect(),
        issuer: m.issuer.clone(),
        document: DocumentOut {
            id: doc.id.clone(),
            title: doc.title.clone(),
            number: doc.number.clone(),
            date: doc.date.map(|d| d.to_string()),
        },
        support: m.support.iter().map(|s| s.id()).collect(),
        amount: m.amount.as_ref().cloned(),
        reasons: reasons(catalog, eval, m, r),
        missing: eval.missing(r).iter().map(|&f| catalog.fields[f].id.clone()).collect(),
        failed: eval.failed(r).iter().map(|&n| m.criteria.nodes[n].path.clone()).collect(),
        doubts: eval
            .doubts(r)
            .iter()
            .filter_map(|&n| {
                let node = &m.criteria.nodes[n];
                let NodeKind::Test(t) = &node.kind else { return None };
                Some(DoubtOut {
                    criterion: node.path.clone(),
                    field: catalog.fields[t.field].id.clone(),
                    text: node.loose.clone()?,
                })
            })
            .collect(),
        related: m
            .related
            .iter()
            .map(|l| RelatedOut { measure: catalog.measures[l.measure].id.clone(), relation: l.relation.id() })
            .collect(),
        scheme: catalog.measures[m.scheme].id.clone(),
        apply: ApplyOut {
            how: m.apply.how.as_ref().cloned(),
            where_: m.apply.where_.as_ref().cloned(),
            contact: m.apply.contact.as_ref().cloned(),
            url: m.apply.url.clone().or_else(|| m.url.clone()).or_else(|| doc.url.clone()),
        },
        notes: m.notes.clone(),
    }
}

fn status_out(catalog: &Catalog, s: Status, eval: &Evaluation) -> StatusOut {
    let (date, by) = match s {
        Status::InForce | Status::NotStated => (None, None),
        Status::NotYetInForce { from } => (Some(from), None),
        Status::Expired { until } => (Some(until), None),
        Status::Repealed { document, date } => (Some(date), Some(catalog.documents[document].id.clone())),
    };
    StatusOut {
        state: s.id(),
        date: date.map(|d| d.to_string()),
        repealed_by: by,
        text: both(|l| status_text(catalog, s, eval.as_of, None, l)),
    }
}

fn reasons(catalog: &Catalog, eval: &Evaluation, m: &Measure, r: &MeasureResult) -> Vec<ReasonOut> {
    let mut out = Vec::new();
    fn walk(
        catalog: &Catalog,
        eval: &Evaluation,
        m: &Measure,
        r: &MeasureResult,
        n: usize,
        depth: usize,
        out: &mut Vec<ReasonOut>,
    ) {
        let node = &m.criteria.nodes[n];
        let (kind, kids): (&'static str, Vec<usize>) = match &node.kind {
            NodeKind::Test(_) => ("test", vec![]),
            NodeKind::All(k) => ("all", k.clone()),
            NodeKind::Any(k) => ("any", k.clone()),
            NodeKind::Not(k) => ("not", vec![*k]),
        };
        if depth > 0 {
            let (field, answer, test) = match &node.kind {
                NodeKind::Test(t) => {
                    let f = &catalog.fields[t.field];
                    let answer = match eval.slots.slots[t.field] {
                        Slot::Unknown => None,
                        Slot::NotAsked => Some(RawAnswer::Text("not_asked".into())),
                        Slot::Answered(v) | Slot::Conditional(v) => Some(raw_answer(f, v)),
                    };
                    (Some(f.id.clone()), answer, Some(both(|l| test_text(catalog, t, l))))
                }
                _ => (None, None, None),
            };
            out.push(ReasonOut {
                criterion: node.path.clone(),
                kind,
                depth,
                outcome: eval.trace(r)[n],
                field,
                answer,
                test,
                clause: node.clause.clone(),
                reason: node.reason.as_ref().cloned(),
                loose: node.loose.as_ref().cloned(),
            });
        }
        for k in kids {
            walk(catalog, eval, m, r, k, depth + 1, out);
        }
    }
    walk(catalog, eval, m, r, m.criteria.root, 0, &mut out);
    out
}
