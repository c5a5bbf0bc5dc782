//! The plain-text report for people (`policy-matcher match --format text`), in zh or en.

use crate::catalog::{Catalog, Lang, NodeKind};
use crate::engine::{self, Evaluation, Group, MeasureResult};
use crate::profile::Profile;
use crate::words::report as say;
use crate::words::{
    answer_text, change_text, group_mark, group_text, left_to_text, measure_status_text, relation_text, test_text,
    truth_mark,
};
use crate::words::{quoted_title, ui::LABEL_COLON, LIST_SEP};

/// A plain-text report for a person: the counts, each group's measures, what would open more, and
/// the question to answer next.
pub fn render_text(catalog: &Catalog, profile: &Profile, eval: &Evaluation, lang: Lang) -> String {
    let mut s = header(catalog, eval, lang);
    for g in Group::ALL {
        let group: Vec<&MeasureResult> = eval.results.iter().filter(|r| r.group() == g).collect();
        if group.is_empty() {
            continue;
        }
        s += &format!("\n{} ({})\n", group_text(g, lang), group.len());
        for r in group {
            s += &measure_text(catalog, eval, r, g, lang);
        }
    }
    s += &unlocks_text(catalog, profile, eval, lang);
    s += &next_question_text(catalog, eval, lang);
    s
}

/// The date and catalog line, then how many measures each group holds.
fn header(catalog: &Catalog, eval: &Evaluation, lang: Lang) -> String {
    let mut s = say::header(eval.as_of, &catalog.version, catalog.measures.len(), lang);
    let c = eval.group_counts();
    let counts: Vec<String> = Group::ALL.iter().map(|&g| format!("{} {}", group_text(g, lang), c[g])).collect();
    s += &counts.join(" · ");
    s.push('\n');
    s
}

/// One measure of group `g`: its title, issuer and document, status, notes, what is still to
/// answer or confirm, why it fails, the related measures, then its tests.
fn measure_text(catalog: &Catalog, eval: &Evaluation, r: &MeasureResult, g: Group, lang: Lang) -> String {
    let sep = LIST_SEP.get(lang);
    let mut s = String::new();
    let m = &catalog.measures[r.measure];
    let doc = &catalog.documents[m.document];
    let mark = group_mark(g);
    s += &format!("\n {mark} {}  [{}]\n", m.title.get(lang), m.id);
    s += &format!(
        "   {} · {}{}\n",
        m.issuer.get(lang),
        quoted_title(&doc.title, lang),
        doc.number.as_ref().map(|n| format!(" {n}")).unwrap_or_default()
    );
    s += &format!("   {}\n", measure_status_text(catalog, m, r.status, eval.as_of, lang));
    if let Some(t) = left_to_text(m, lang) {
        s += &format!("   {t}\n");
    }
    for u in &m.unassessed {
        s += &format!("   {}{}\n", say::UNASSESSED.get(lang), u.rules.get(lang));
    }
    if !m.conditions_stated {
        s += &format!("   {}\n", say::NO_CONDITIONS_FOR_APPLYING.get(lang));
    }
    let missing: Vec<&str> = eval.missing(r).iter().map(|&f| catalog.fields[f].label.get(lang)).collect();
    if !missing.is_empty() {
        s += &format!("   {}{}\n", say::STILL_TO_ANSWER.get(lang), missing.join(sep));
    }
    for &n in eval.doubts(r) {
        if let Some(t) = &m.criteria.nodes[n].loose {
            s += &format!("   {}{}\n", say::TO_CONFIRM.get(lang), t.get(lang));
        }
    }
    if g == Group::Ineligible {
        for &n in eval.failed(r) {
            if let Some(reason) = &m.criteria.nodes[n].reason {
                s += &format!("   {}{}\n", say::NOT_MET.get(lang), reason.get(lang));
            }
        }
    }
    for l in &m.related {
        let o = &catalog.measures[l.measure];
        s += &format!(
            "   {}{}{} [{}]\n",
            relation_text(l.relation, lang),
            LABEL_COLON.get(lang),
            o.title.get(lang),
            o.id
        );
    }
    s += &tests_text(catalog, eval, r, lang);
    s
}

/// Each test of a measure's criteria: its truth mark, the test, the answer, the clause quoted.
fn tests_text(catalog: &Catalog, eval: &Evaluation, r: &MeasureResult, lang: Lang) -> String {
    let mut s = String::new();
    let m = &catalog.measures[r.measure];
    for (k, node) in m.criteria.nodes.iter().enumerate() {
        let NodeKind::Test(t) = &node.kind else {
            continue;
        };
        let doubt = eval.doubts(r).contains(&k);
        let mark = truth_mark(eval.trace(r)[k], doubt);
        let f = &catalog.fields[t.field];
        let loose = if node.loose.is_some() { say::STATED_LOOSELY.get(lang) } else { "" };
        s += &format!(
            "     {mark} {}{} — {}{}\n",
            test_text(catalog, t, lang),
            loose,
            say::ANSWER.get(lang),
            answer_text(f, eval.slots.slots[t.field], lang)
        );
        if let Some(c) = &node.clause {
            s += &format!("       「{c}」\n");
        }
    }
    s
}

/// The single changes that would open more measures (at most ten), if any would.
fn unlocks_text(catalog: &Catalog, profile: &Profile, eval: &Evaluation, lang: Lang) -> String {
    let mut s = String::new();
    let unlocks = engine::unlocks(catalog, profile, eval);
    if !unlocks.is_empty() {
        s += &format!("\n{}\n", say::WHAT_WOULD_OPEN_MORE.get(lang));
        for u in unlocks.iter().take(10) {
            let titles: Vec<&str> = u.opens.iter().map(|&(m, _)| catalog.measures[m].title.get(lang)).collect();
            s += &say::unlock_line(&change_text(catalog, u, lang), u.opens.len(), u.eligible(), &titles, lang);
        }
    }
    s
}

/// The question that decides the most measures, if one is left.
fn next_question_text(catalog: &Catalog, eval: &Evaluation, lang: Lang) -> String {
    match eval.next_question {
        Some(q) => say::next_question(catalog.fields[q.field].label.get(lang), q.decides, lang),
        None => String::new(),
    }
}
