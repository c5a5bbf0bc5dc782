//! The edge where evaluations become words: the public result shape (the CLI's `match` JSON, which
//! the JS API returns too) and a plain-text rendering for people, in zh or en. Also the phrases that
//! describe a test, an answer and a validity status, shared by the CLI and the widget.

use serde::Serialize;

use crate::catalog::{Catalog, Field, FieldKind, Lang, Measure, NodeKind, Op, Relation, Test, Text};
use crate::engine::{self, Evaluation, Group, MeasureResult, Slot, Status, Truth, Unlock, Verdict};
use crate::profile::{raw_answer, Profile, RawAnswer, Value};

/// A zh/en pair in output.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Both {
    pub zh: String,
    pub en: String,
}

impl From<&Text> for Both {
    fn from(t: &Text) -> Both {
        Both { zh: t.zh.clone(), en: t.en.clone() }
    }
}

fn both(f: impl Fn(Lang) -> String) -> Both {
    Both { zh: f(Lang::Zh), en: f(Lang::En) }
}

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
    pub change: Both,
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
    pub title: Both,
    pub verdict: Verdict,
    /// The group it is shown in: eligible, possible, worth_a_look, ineligible, inactive.
    pub group: Group,
    /// The verdict in words that claim no more than the text ("meets the published conditions").
    pub verdict_text: Both,
    pub status: StatusOut,
    /// False when the text states no condition beyond who may apply (never "eligible" then).
    pub conditions_stated: bool,
    /// Rules or calls for applications that set what the text leaves open (shown with the verdict).
    pub left_to: Vec<LeftToOut>,
    pub issuer: Both,
    pub document: DocumentOut,
    pub support: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Both>,
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
    /// The programme: the id of the first measure of its same_scheme group (its own id if none).
    pub scheme: String,
    /// How to apply, where, a contact and a link — only where a text or the catalog's owner states
    /// them (absent fields: not stated).
    pub apply: ApplyOut,
    pub notes: Vec<Both>,
}

#[derive(Clone, Debug, Serialize, Default)]
pub struct ApplyOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how: Option<Both>,
    #[serde(rename = "where", skip_serializing_if = "Option::is_none")]
    pub where_: Option<Both>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Both>,
    /// The measure's own link, else its document's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct LeftToOut {
    pub rules: Both,
    /// The verbatim sentence of the source.
    pub clause: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct DoubtOut {
    pub criterion: String,
    pub field: String,
    /// What to confirm, and why the text's condition is loose.
    pub text: Both,
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
    pub text: Both,
}

#[derive(Clone, Debug, Serialize)]
pub struct DocumentOut {
    pub id: String,
    pub title: Both,
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
    pub test: Option<Both>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Both>,
    /// Present on a loose criterion: the text states it loosely, so failing it leaves the measure
    /// to confirm (never "not eligible" by itself).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loose: Option<Both>,
}

/// A change in words: the field's verb and the option ("取得：国家高新技术企业").
pub fn change_text(catalog: &Catalog, u: &Unlock, lang: Lang) -> String {
    let f = &catalog.fields[u.field];
    let verb = f.unlock.as_ref().map(|t| t.get(lang)).unwrap_or_default();
    let option = f.options[u.option].label.get(lang);
    match lang {
        Lang::Zh => format!("{verb}：{option}"),
        Lang::En => format!("{verb}: {option}"),
    }
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
        counts: Counts { eligible: c[0], possible: c[1], worth_a_look: c[2], ineligible: c[3], inactive: c[4] },
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
        title: (&m.title).into(),
        verdict: r.verdict,
        group: r.group(),
        verdict_text: both(|l| group_text(r.group(), l).to_string()),
        status: status_out(catalog, r.status, eval),
        conditions_stated: m.conditions_stated,
        left_to: m.left_to.iter().map(|l| LeftToOut { rules: (&l.rules).into(), clause: l.clause.clone() }).collect(),
        issuer: (&m.issuer).into(),
        document: DocumentOut {
            id: doc.id.clone(),
            title: (&doc.title).into(),
            number: doc.number.clone(),
            date: doc.date.map(|d| d.to_string()),
        },
        support: m.support.iter().map(|s| s.id()).collect(),
        amount: m.amount.as_ref().map(Both::from),
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
                    text: node.loose.as_ref()?.into(),
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
            how: m.apply.how.as_ref().map(Both::from),
            where_: m.apply.where_.as_ref().map(Both::from),
            contact: m.apply.contact.as_ref().map(Both::from),
            url: m.apply.url.clone().or_else(|| m.url.clone()).or_else(|| doc.url.clone()),
        },
        notes: m.notes.iter().map(Both::from).collect(),
    }
}

fn status_out(catalog: &Catalog, s: Status, eval: &Evaluation) -> StatusOut {
    let (state, date, by) = match s {
        Status::InForce => ("in_force", None, None),
        Status::NotStated => ("not_stated", None, None),
        Status::NotYetInForce { from } => ("not_yet_in_force", Some(from), None),
        Status::Expired { until } => ("expired", Some(until), None),
        Status::Repealed { document, date } => ("repealed", Some(date), Some(catalog.documents[document].id.clone())),
    };
    StatusOut {
        state,
        date: date.map(|d| d.to_string()),
        repealed_by: by,
        text: both(|l| status_text(catalog, s, eval.as_of, None, l)),
    }
}

/// "In force", "Not yet in force (from …)", "Expired on …", "Repealed by … on …". With
/// `until` (the measure's end date, while in force) it adds "expires in N days".
pub fn status_text(
    catalog: &Catalog,
    s: Status,
    as_of: crate::date::Date,
    until: Option<crate::date::Date>,
    lang: Lang,
) -> String {
    let zh = lang == Lang::Zh;
    match s {
        Status::InForce => match until {
            Some(u) => {
                let n = as_of.days_until(u);
                if zh {
                    format!("有效，{n} 天后到期（{u}）")
                } else {
                    format!("In force; expires in {n} days ({u})")
                }
            }
            None if zh => "有效".into(),
            None => "In force".into(),
        },
        Status::NotStated if zh => "有效期未载明".into(),
        Status::NotStated => "Validity not stated".into(),
        Status::NotYetInForce { from } if zh => format!("尚未生效（{from} 起施行）"),
        Status::NotYetInForce { from } => format!("Not yet in force (from {from})"),
        Status::Expired { until } if zh => format!("已于 {until} 到期"),
        Status::Expired { until } => format!("Expired on {until}"),
        Status::Repealed { document, date } => {
            let t = catalog.documents[document].title.get(lang);
            if zh {
                format!("已废止：{date} 起由《{t}》替代")
            } else {
                format!("Repealed on {date} by “{t}”")
            }
        }
    }
}

/// A measure's status with its end date in words ("expires in N days" when in force).
pub fn measure_status_text(catalog: &Catalog, m: &Measure, s: Status, as_of: crate::date::Date, lang: Lang) -> String {
    status_text(catalog, s, as_of, if s == Status::InForce { m.effective_until } else { None }, lang)
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
                reason: node.reason.as_ref().map(Both::from),
                loose: node.loose.as_ref().map(Both::from),
            });
        }
        for k in kids {
            walk(catalog, eval, m, r, k, depth + 1, out);
        }
    }
    walk(catalog, eval, m, r, m.criteria.root, 0, &mut out);
    out
}

fn option_labels(f: &Field, mask: u64, lang: Lang) -> Vec<&str> {
    f.options.iter().enumerate().filter(|(k, _)| mask & (1 << k) != 0).map(|(_, o)| o.label.get(lang)).collect()
}

fn join_or(items: &[&str], lang: Lang) -> String {
    match (lang, items) {
        (_, [one]) => one.to_string(),
        (Lang::Zh, _) => items.join("、"),
        (Lang::En, [init @ .., last]) => format!("{} or {last}", init.join(", ")),
        (Lang::En, []) => String::new(),
    }
}

/// A number as a person writes it (no trailing `.0`).
pub fn number_text(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// A test in words, e.g. "申请主体类型为企业" / "Who is applying? is Company".
pub fn test_text(catalog: &Catalog, t: &Test, lang: Lang) -> String {
    let f = &catalog.fields[t.field];
    let label = f.label.get(lang).trim_end_matches(['?', '？']);
    let zh = lang == Lang::Zh;
    match (&t.op, f.kind) {
        (Op::In(mask), FieldKind::AnyOf) => {
            let o = join_or(&option_labels(f, *mask, lang), lang);
            if zh {
                format!("{label}包括{}{o}", if mask.count_ones() > 1 { "以下任一：" } else { "" })
            } else {
                format!("{label}: includes {o}")
            }
        }
        (Op::In(mask), _) => {
            let o = join_or(&option_labels(f, *mask, lang), lang);
            if zh {
                format!("{label}为{o}")
            } else {
                format!("{label}: {o}")
            }
        }
        (Op::NotIn(mask), _) => {
            let o = join_or(&option_labels(f, *mask, lang), lang);
            if zh {
                format!("{label}不为{o}")
            } else {
                format!("{label}: not {o}")
            }
        }
        (Op::Range { min, max }, _) => match (min, max, zh) {
            (Some(a), Some(b), true) => format!("{label}在 {} 至 {} 之间", number_text(*a), number_text(*b)),
            (Some(a), Some(b), false) => format!("{label}: between {} and {}", number_text(*a), number_text(*b)),
            (Some(a), None, true) => format!("{label}不低于 {}", number_text(*a)),
            (Some(a), None, false) => format!("{label}: at least {}", number_text(*a)),
            (None, Some(b), true) => format!("{label}不超过 {}", number_text(*b)),
            (None, Some(b), false) => format!("{label}: at most {}", number_text(*b)),
            (None, None, true) => format!("{label}已回答"),
            (None, None, false) => format!("{label}: answered"),
        },
    }
}

/// An answer in words ("未回答" / "not answered" when unknown).
pub fn answer_text(f: &Field, slot: Slot, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match slot {
        Slot::Unknown if zh => "未回答".into(),
        Slot::Unknown => "not answered".into(),
        Slot::NotAsked if zh => "不适用".into(),
        Slot::NotAsked => "does not apply".into(),
        Slot::Answered(v) | Slot::Conditional(v) => match v {
            Value::Choice(k) => f.options[k].label.get(lang).to_string(),
            Value::Set(0) if zh => "无".into(),
            Value::Set(0) => "none".into(),
            Value::Set(bits) => option_labels(f, bits, lang).join(if zh { "、" } else { ", " }),
            Value::Number(x) => number_text(x),
        },
    }
}

/// Verdict names (the JSON `verdict` in words). They claim no more than the text: "eligible"
/// means every condition the text states is met.
pub fn verdict_text(v: Verdict, lang: Lang) -> &'static str {
    match (v, lang) {
        (Verdict::Eligible, Lang::Zh) => "符合已公布的条件",
        (Verdict::Eligible, Lang::En) => "Meets the published conditions",
        (Verdict::Possible, Lang::Zh) => "待确认",
        (Verdict::Possible, Lang::En) => "To confirm",
        (Verdict::Ineligible, Lang::Zh) => "不符合",
        (Verdict::Ineligible, Lang::En) => "Not eligible",
        (Verdict::Inactive, Lang::Zh) => "未生效或已失效",
        (Verdict::Inactive, Lang::En) => "Not in force",
    }
}

/// Group names (the widget's sections and the CLI's headings).
pub fn group_text(g: Group, lang: Lang) -> &'static str {
    match (g, lang) {
        (Group::WorthALook, Lang::Zh) => "可关注（原文未载明申报条件）",
        (Group::WorthALook, Lang::En) => "Worth a look (the text states no conditions)",
        (Group::Eligible, _) => verdict_text(Verdict::Eligible, lang),
        (Group::Confirm, _) => verdict_text(Verdict::Possible, lang),
        (Group::Ineligible, _) => verdict_text(Verdict::Ineligible, lang),
        (Group::Inactive, _) => verdict_text(Verdict::Inactive, lang),
    }
}

/// "Details: 《…》" — what the text leaves to rules or a call for applications, in one line.
pub fn left_to_text(m: &Measure, lang: Lang) -> Option<String> {
    if m.left_to.is_empty() {
        return None;
    }
    let names: Vec<&str> = m.left_to.iter().map(|l| l.rules.get(lang)).collect();
    Some(match lang {
        Lang::Zh => format!("具体条件以{}为准", names.join("、")),
        Lang::En => format!("Further conditions are set by {}", names.join("; ")),
    })
}

/// A link to another measure in words ("前置：" / "Prerequisite: ").
pub fn relation_text(r: Relation, lang: Lang) -> &'static str {
    match (r, lang) {
        (Relation::SameScheme, Lang::Zh) => "同一项目，另见",
        (Relation::SameScheme, Lang::En) => "Same programme, also in",
        (Relation::Prerequisite, Lang::Zh) => "须先取得",
        (Relation::Prerequisite, Lang::En) => "Requires first",
        (Relation::Successor, Lang::Zh) => "后续措施",
        (Relation::Successor, Lang::En) => "Followed by",
        (Relation::LeadsTo, Lang::Zh) => "取得后可申报",
        (Relation::LeadsTo, Lang::En) => "Opens the way to",
        (Relation::Predecessor, Lang::Zh) => "此前措施",
        (Relation::Predecessor, Lang::En) => "Follows",
    }
}

/// A plain-text report for a person.
pub fn render_text(catalog: &Catalog, profile: &Profile, eval: &Evaluation, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut s = String::new();
    let c = eval.group_counts();
    if zh {
        s +=
            &format!("评估日期 {} · 目录版本 {} · 共 {} 项措施\n", eval.as_of, catalog.version, catalog.measures.len());
    } else {
        s += &format!("As of {} · catalog {} · {} measures\n", eval.as_of, catalog.version, catalog.measures.len());
    }
    let counts: Vec<String> =
        Group::ALL.iter().map(|&g| format!("{} {}", group_text(g, lang), c[g as usize])).collect();
    s += &counts.join(" · ");
    s.push('\n');
    let sep = if zh { "、" } else { "; " };
    for g in Group::ALL {
        let group: Vec<&MeasureResult> = eval.results.iter().filter(|r| r.group() == g).collect();
        if group.is_empty() {
            continue;
        }
        s += &format!("\n{} ({})\n", group_text(g, lang), group.len());
        for r in group {
            let m = &catalog.measures[r.measure];
            let doc = &catalog.documents[m.document];
            let mark = match g {
                Group::Eligible => "✓",
                Group::Confirm => "?",
                Group::WorthALook => "·",
                Group::Ineligible => "✗",
                Group::Inactive => "–",
            };
            s += &format!("\n {mark} {}  [{}]\n", m.title.get(lang), m.id);
            s += &format!(
                "   {} · {}{}\n",
                m.issuer.get(lang),
                if zh { format!("《{}》", doc.title.zh) } else { format!("“{}”", doc.title.en) },
                doc.number.as_ref().map(|n| format!(" {n}")).unwrap_or_default()
            );
            s += &format!("   {}\n", measure_status_text(catalog, m, r.status, eval.as_of, lang));
            if let Some(t) = left_to_text(m, lang) {
                s += &format!("   {t}\n");
            }
            if !m.conditions_stated {
                s += if zh {
                    "   原文未载明申报条件\n"
                } else {
                    "   The text states no conditions for applying\n"
                };
            }
            let missing: Vec<&str> = eval.missing(r).iter().map(|&f| catalog.fields[f].label.get(lang)).collect();
            if !missing.is_empty() {
                s += &format!("   {}{}\n", if zh { "待回答：" } else { "Still to answer: " }, missing.join(sep));
            }
            for &n in eval.doubts(r) {
                if let Some(t) = &m.criteria.nodes[n].loose {
                    s += &format!("   {}{}\n", if zh { "待确认：" } else { "To confirm: " }, t.get(lang));
                }
            }
            if g == Group::Ineligible {
                for &n in eval.failed(r) {
                    if let Some(reason) = &m.criteria.nodes[n].reason {
                        s += &format!("   {}{}\n", if zh { "未满足：" } else { "Not met: " }, reason.get(lang));
                    }
                }
            }
            for l in &m.related {
                let o = &catalog.measures[l.measure];
                s += &format!(
                    "   {}{}{} [{}]\n",
                    relation_text(l.relation, lang),
                    if zh { "：" } else { ": " },
                    o.title.get(lang),
                    o.id
                );
            }
            for (k, node) in m.criteria.nodes.iter().enumerate() {
                let NodeKind::Test(t) = &node.kind else {
                    continue;
                };
                let doubt = eval.doubts(r).contains(&k);
                let mark = match eval.trace(r)[k] {
                    Truth::Met => "✓",
                    Truth::Unmet => "✗",
                    Truth::Unknown if doubt => "≈",
                    Truth::Unknown => "?",
                };
                let f = &catalog.fields[t.field];
                s += &format!(
                    "     {mark} {}{} — {}{}\n",
                    test_text(catalog, t, lang),
                    if node.loose.is_some() {
                        if zh {
                            "（原文表述宽泛）"
                        } else {
                            " (stated loosely)"
                        }
                    } else {
                        ""
                    },
                    if zh { "回答：" } else { "answer: " },
                    answer_text(f, eval.slots.slots[t.field], lang)
                );
                if let Some(c) = &node.clause {
                    s += &format!("       「{c}」\n");
                }
            }
        }
    }
    let unlocks = engine::unlocks(catalog, profile, eval);
    if !unlocks.is_empty() {
        s += if zh { "\n可开启更多支持的单项变化\n" } else { "\nWhat would open more (one change each)\n" };
        for u in unlocks.iter().take(10) {
            let titles: Vec<&str> = u.opens.iter().map(|&(m, _)| catalog.measures[m].title.get(lang)).collect();
            s += &match lang {
                Lang::Zh => format!(
                    "  {} → {} 项（其中 {} 项符合已公布的条件）：{}\n",
                    change_text(catalog, u, lang),
                    u.opens.len(),
                    u.eligible(),
                    titles.join("、")
                ),
                Lang::En => format!(
                    "  {} → {} more ({} meeting the published conditions): {}\n",
                    change_text(catalog, u, lang),
                    u.opens.len(),
                    u.eligible(),
                    titles.join("; ")
                ),
            };
        }
    }
    match eval.next_question {
        Some(q) if zh => {
            s += &format!("\n下一题：{}（可决定 {} 项措施）\n", catalog.fields[q.field].label.zh, q.decides)
        }
        Some(q) => {
            s += &format!("\nAnswer next: {} (decides {} measures)\n", catalog.fields[q.field].label.en, q.decides)
        }
        None => {}
    }
    s
}

fn csv_cell(s: &str) -> String {
    // Quote every cell; neutralise spreadsheet formulas (a cell starting with = + - @).
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The results as CSV (one row per measure), in the chosen language.
pub fn csv(catalog: &Catalog, eval: &Evaluation, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let head: &[&str] = if zh {
        &[
            "编号",
            "措施",
            "结论",
            "状态",
            "发布机关",
            "文件",
            "文号",
            "支持方式",
            "待回答",
            "未满足的条件",
            "待确认",
            "具体条件",
        ]
    } else {
        &[
            "id",
            "measure",
            "verdict",
            "status",
            "issuer",
            "document",
            "number",
            "support",
            "still to answer",
            "criteria not met",
            "to confirm",
            "further conditions",
        ]
    };
    let mut out = head.iter().map(|h| csv_cell(h)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    for r in &eval.results {
        let m = &catalog.measures[r.measure];
        let doc = &catalog.documents[m.document];
        let support: Vec<&str> = m.support.iter().map(|s| s.label(lang)).collect();
        let missing: Vec<&str> = eval.missing(r).iter().map(|&f| catalog.fields[f].label.get(lang)).collect();
        let failed: Vec<&str> =
            eval.failed(r).iter().filter_map(|&n| m.criteria.nodes[n].reason.as_ref()).map(|t| t.get(lang)).collect();
        let sep = if zh { "；" } else { "; " };
        let doubts: Vec<&str> =
            eval.doubts(r).iter().filter_map(|&n| m.criteria.nodes[n].loose.as_ref()).map(|t| t.get(lang)).collect();
        let mut further = left_to_text(m, lang).unwrap_or_default();
        if !m.conditions_stated {
            if !further.is_empty() {
                further.push_str(sep);
            }
            further.push_str(if zh {
                "原文未载明申报条件"
            } else {
                "The text states no conditions for applying"
            });
        }
        let row = [
            m.id.as_str(),
            m.title.get(lang),
            group_text(r.group(), lang),
            &measure_status_text(catalog, m, r.status, eval.as_of, lang),
            m.issuer.get(lang),
            doc.title.get(lang),
            doc.number.as_deref().unwrap_or(""),
            &support.join(sep),
            &missing.join(sep),
            &failed.join(sep),
            &doubts.join(sep),
            &further,
        ]
        .iter()
        .map(|c| csv_cell(c))
        .collect::<Vec<_>>()
        .join(",");
        out.push_str(&row);
        out.push_str("\r\n");
    }
    out
}
