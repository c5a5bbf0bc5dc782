//! One result card: title, verdict, issuer, document, validity, support and amount; the questions
//! that would decide a "to confirm" card, what the text states loosely, the conditions a "not
//! eligible" card does not meet; the other members of its programme, related measures and the next
//! steps; and, expanded, the criterion-by-criterion explanation with the quoted clauses.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::browser;
use super::state::Action;
use crate::catalog::{Catalog, Document, Lang, Measure, NodeKind, Relation};
use crate::engine::{Evaluation, Group, MeasureResult, Truth, Verdict};
use crate::words::{self, answer_text, group_text, left_to_text, measure_status_text, relation_text, test_text};

#[derive(Properties)]
pub struct CardProps {
    pub catalog: Rc<Catalog>,
    pub eval: Rc<Evaluation>,
    /// The measure (index into the catalog).
    pub index: usize,
    pub lang: Lang,
    pub expanded: bool,
    pub on_action: Callback<Action>,
}

/// Narrow props, compared by identity where they are large: a card re-renders only when its own
/// evaluation, language or expansion changes — not on every keystroke elsewhere.
impl PartialEq for CardProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.catalog, &o.catalog)
            && Rc::ptr_eq(&self.eval, &o.eval)
            && self.index == o.index
            && self.lang == o.lang
            && self.expanded == o.expanded
    }
}

#[component]
pub fn Card(props: &CardProps) -> Html {
    let lang = props.lang;
    let c = &props.catalog;
    let m = &c.measures[props.index];
    let Some(r) = props.eval.results.iter().find(|r| r.measure == props.index) else { return html! {} };
    let doc = &c.documents[m.document];
    let expanded = props.expanded;
    let group = r.group();
    let toggle = {
        let on_action = props.on_action.clone();
        let i = props.index;
        Callback::from(move |_: MouseEvent| on_action.emit(Action::Expand(i, !expanded)))
    };
    let detail_id = format!("pm-{}-why", m.id);
    html! {
        <article class={classes!("pm-card", format!("pm-card-{}", group.id()))} id={format!("m-{}", m.id)} part="card">
            { head(m, r, lang) }
            <p class="pm-meta">{ m.issuer.get(lang) }{ " · " }{ doc_line(doc, lang) }</p>
            <p class={classes!("pm-validity", (!r.status.active()).then_some("pm-off"))}>
                { measure_status_text(c, m, r.status, props.eval.as_of, lang) }
            </p>
            <p class="pm-summary">{ m.summary.get(lang) }</p>
            <ul class="pm-chips" aria-label={words::ui::CARD_SUPPORT.get(lang)}>
                { for m.support.iter().map(|s| html! { <li>{ s.label(lang) }</li> }) }
            </ul>
            if let Some(a) = &m.amount {
                <p class="pm-amount">{ words::ui::AMOUNT.get(lang) }{ a.get(lang) }</p>
            }
            { missing_view(props, r) }
            { doubts_view(props, m, r) }
            { failed_view(props, m, r) }
            { for programme(props, m) }
            { related_view(props, m) }
            if matches!(group, Group::Eligible | Group::Confirm | Group::WorthALook) {
                { next_steps(c, m, lang) }
            }
            <button type="button" class="pm-expand" aria-expanded={expanded.to_string()} aria-controls={detail_id.clone()} onclick={toggle}>
                { if expanded { words::ui::HIDE_REASONS.get(lang) } else { words::ui::SHOW_REASONS.get(lang) } }
            </button>
            if expanded {
                { reasons(props, m, r, detail_id) }
            }
        </article>
    }
}

/// A card's heading (the verdict's mark, the verdict in words for screen readers, the title), the
/// verdict, and the caveats about the text itself.
fn head(m: &Measure, r: &MeasureResult, lang: Lang) -> Html {
    let group = r.group();
    let mark = words::group_mark(group);
    let mark_label = group_text(group, lang);
    html! {
        <>
            <h3>
                <span class="pm-badge" aria-hidden="true">{ mark }</span>
                <span class="pm-sr">{ format!("{mark_label}: ") }</span>
                { m.title.get(lang) }
            </h3>
            if r.verdict != Verdict::Inactive {
                <p class="pm-verdict">{ mark_label }</p>
            }
            if let Some(t) = left_to_text(m, lang) {
                <p class="pm-caveat">{ t }</p>
            }
            if !m.conditions_stated {
                <p class="pm-caveat">{ words::ui::NO_CONDITIONS_STATED.get(lang) }</p>
            }
        </>
    }
}

/// The card's document line: the quoted title, the document number and the date, where stated.
fn doc_line(doc: &Document, lang: Lang) -> String {
    let title = words::quoted_title(&doc.title, lang);
    let mut parts = vec![title];
    if let Some(n) = &doc.number {
        parts.push(n.clone());
    }
    if let Some(d) = doc.date {
        parts.push(d.to_string());
    }
    parts.join(" · ")
}

/// The verdict group of measure `k`, in words (`None`: not among the results).
fn verdict_of(eval: &Evaluation, k: usize, lang: Lang) -> Option<&'static str> {
    eval.results.iter().find(|x| x.measure == k).map(|x| group_text(x.group(), lang))
}

/// Every member of the programme, with its own verdict; the card shows the lead's. `None` for a
/// measure that is a programme of its own.
fn programme(props: &CardProps, m: &Measure) -> Option<Html> {
    let lang = props.lang;
    let c = &props.catalog;
    let members: Vec<usize> = (0..c.measures.len()).filter(|&k| c.measures[k].scheme == m.scheme).collect();
    let member = |k: usize| {
        let o = &c.measures[k];
        let title = words::quoted_title(&c.documents[o.document].title, lang);
        html! {
            <li class={classes!((k == props.index).then_some("pm-lead"))}>
                { o.title.get(lang) }{ " · " }{ title }
                if let Some(v) = verdict_of(&props.eval, k, lang) { { " — " }{ v } }
            </li>
        }
    };
    (members.len() > 1).then(|| {
        // The document whose verdict this card shows (the lead, unless a filter hides it).
        let lead_doc = &c.documents[m.document].title;
        html! {
            <div class="pm-scheme">
                <p>{ words::programme_heading(lead_doc, lang) }</p>
                <ul>{ for members.iter().map(|&k| member(k)) }</ul>
            </div>
        }
    })
}

/// The measures related to this one outside its programme, each with its verdict.
fn related_view(props: &CardProps, m: &Measure) -> Html {
    let lang = props.lang;
    let c = &props.catalog;
    let others = m.related.iter().filter(|l| l.relation != Relation::SameScheme).count();
    let related = m.related.iter().filter(|l| l.relation != Relation::SameScheme).map(|l| {
        let o = &c.measures[l.measure];
        let title = words::quoted_title(&c.documents[o.document].title, lang);
        html! {
            <li>
                { relation_text(l.relation, lang) }{ words::ui::LABEL_COLON.get(lang) }
                { o.title.get(lang) }{ " · " }{ title }
                if let Some(v) = verdict_of(&props.eval, l.measure, lang) { { " — " }{ v } }
            </li>
        }
    });
    html! {
        if others > 0 {
            <ul class="pm-related" aria-label={words::ui::RELATED_MEASURES.get(lang)}>{ for related }</ul>
        }
    }
}

/// A "to confirm" card's questions that would decide it, each a button that takes the person to
/// the question.
fn missing_view(props: &CardProps, r: &MeasureResult) -> Html {
    let lang = props.lang;
    let c = &props.catalog;
    let missing = props.eval.missing(r).iter().map(|&f| {
        let field = &c.fields[f];
        let id = field.id.clone();
        let on_action = props.on_action.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            // In guided mode the question becomes the one shown; focus it once it is rendered.
            on_action.emit(Action::Ask(f));
            let (from, id) = (e.target_unchecked_into::<Element>(), id.clone());
            gloo::timers::callback::Timeout::new(0, move || browser::focus_question(&from, &id)).forget();
        });
        html! { <li><button type="button" class="pm-link" {onclick}>{ field.label.get(lang) }</button></li> }
    });
    html! {
        if r.verdict == Verdict::Possible && !props.eval.missing(r).is_empty() {
            <div class="pm-missing">
                <p>{ words::ui::ANSWER_TO_CONFIRM.get(lang) }</p>
                <ul>{ for missing }</ul>
            </div>
        }
    }
}

/// What the text states loosely (the loose tests an answer does not meet, and the rules not
/// assessed), to confirm with the issuer.
fn doubts_view(props: &CardProps, m: &Measure, r: &MeasureResult) -> Html {
    let lang = props.lang;
    let doubts = props
        .eval
        .doubts(r)
        .iter()
        .filter_map(|&n| m.criteria.nodes[n].loose.as_ref())
        .chain(m.unassessed.iter().filter(|_| r.verdict == Verdict::Possible).map(|u| &u.rules))
        .map(|t| html! { <li>{ t.get(lang) }</li> });
    let any_doubt = !props.eval.doubts(r).is_empty() || (r.verdict == Verdict::Possible && !m.unassessed.is_empty());
    html! {
        if any_doubt {
            <div class="pm-missing">
                <p>{ words::ui::CONFIRM_LOOSE_WITH_ISSUER.get(lang) }</p>
                <ul>{ for doubts }</ul>
            </div>
        }
    }
}

/// A "not eligible" card's conditions not met, in the words of their reasons.
fn failed_view(props: &CardProps, m: &Measure, r: &MeasureResult) -> Html {
    let lang = props.lang;
    let failed = props
        .eval
        .failed(r)
        .iter()
        .filter_map(|&n| m.criteria.nodes[n].reason.as_ref())
        .map(|t| html! { <li>{ t.get(lang) }</li> });
    html! {
        if r.verdict == Verdict::Ineligible {
            <div class="pm-would">
                <p>{ words::ui::CONDITIONS_NOT_MET.get(lang) }</p>
                <ul>{ for failed }</ul>
            </div>
        }
    }
}

/// An expanded card's reasons (`detail_id`: the id the expand button controls): the explanation,
/// the measure's notes once its details are here, and the source with its link.
fn reasons(props: &CardProps, m: &Measure, r: &MeasureResult, detail_id: String) -> Html {
    let lang = props.lang;
    let c = &props.catalog;
    let doc = &c.documents[m.document];
    html! {
        <div class="pm-why" id={detail_id}>
            if !c.has_details(lang) {
                <p class="pm-loading-lang" role="status">{ words::loading_details(lang) }</p>
            }
            { explain(c, lang, &props.eval, m, r) }
            if c.has_details(lang) && !m.notes.is_empty() {
                <ul class="pm-notes">{ for m.notes.iter().map(|n| html! { <li>{ n.get(lang) }</li> }) }</ul>
            }
            <p class="pm-source">
                { words::ui::SOURCE.get(lang) }
                { doc_line_with_publication(c, m, lang) }
                if let Some(url) = m.url.as_ref().or(doc.url.as_ref()) {
                    { " " }<a href={url.clone()} target="_blank" rel="noopener noreferrer">{ words::ui::SOURCE_LINK.get(lang) }</a>
                }
            </p>
        </div>
    }
}

/// What to do next, from what the catalog states: who issues it, the rules that set the details,
/// how and where to apply and whom to ask (where stated), and the source with its link. Never
/// invented: what is not stated is said to be not stated.
fn next_steps(c: &Catalog, m: &Measure, lang: Lang) -> Html {
    let doc = &c.documents[m.document];
    let url = m.apply.url.as_ref().or(m.url.as_ref()).or(doc.url.as_ref()).cloned();
    let stated = m.apply.how.is_some() || m.apply.where_.is_some() || m.apply.contact.is_some();
    let title = words::quoted_title(&doc.title, lang);
    html! {
        <div class="pm-next-steps">
            <p class="pm-ns-head">{ words::ui::NEXT_STEPS.get(lang) }</p>
            <ul>
                <li>{ words::ui::ISSUED_BY.get(lang) }{ m.issuer.get(lang) }</li>
                if let Some(t) = left_to_text(m, lang) { <li>{ t }</li> }
                if let Some(h) = &m.apply.how { <li>{ words::ui::HOW_TO_APPLY.get(lang) }{ h.get(lang) }</li> }
                if let Some(w) = &m.apply.where_ { <li>{ words::ui::WHERE_TO_APPLY.get(lang) }{ w.get(lang) }</li> }
                if let Some(k) = &m.apply.contact { <li>{ words::ui::CONTACT.get(lang) }{ k.get(lang) }</li> }
                if !stated {
                    <li>{ words::ui::NO_WAY_TO_APPLY_STATED.get(lang) }</li>
                }
                <li>
                    { words::ui::SOURCE.get(lang) }{ title }
                    if let Some(u) = url {
                        { " " }<a href={u} target="_blank" rel="noopener noreferrer">{ words::ui::SOURCE_LINK.get(lang) }</a>
                    }
                </li>
            </ul>
        </div>
    }
}

fn doc_line_with_publication(c: &Catalog, m: &Measure, lang: Lang) -> String {
    let doc = &c.documents[m.document];
    let mut s = doc.title.get(lang).to_string();
    if let Some(p) = &doc.publication {
        s.push_str(words::SEMICOLON.get(lang));
        s.push_str(p.get(lang));
    }
    s
}

/// The criterion-by-criterion explanation: ✓ met, ✗ not met, ? not answered — always with words,
/// never colour alone.
fn explain(c: &Catalog, lang: Lang, eval: &Evaluation, m: &Measure, r: &MeasureResult) -> Html {
    fn node(c: &Catalog, lang: Lang, eval: &Evaluation, m: &Measure, r: &MeasureResult, n: usize) -> Html {
        let nd = &m.criteria.nodes[n];
        let doubt = eval.doubts(r).contains(&n);
        let mark = words::truth_mark(eval.trace(r)[n], doubt);
        let word = match eval.trace(r)[n] {
            Truth::Met => words::ui::CRITERION_MET.get(lang),
            Truth::Unmet => words::ui::CRITERION_NOT_MET.get(lang),
            Truth::Unknown if doubt => words::ui::CRITERION_TO_CONFIRM.get(lang),
            Truth::Unknown => words::ui::CRITERION_NOT_ANSWERED.get(lang),
        };
        let class = classes!("pm-crit", format!("pm-{}", format!("{:?}", eval.trace(r)[n]).to_lowercase()));
        match &nd.kind {
            NodeKind::Test(t) => {
                let f = &c.fields[t.field];
                html! {
                    <li class={class}>
                        <span class="pm-mark" aria-hidden="true">{ mark }</span>
                        <span class="pm-sr">{ format!("{word}: ") }</span>
                        <strong>{ nd.reason.as_ref().map(|t| t.get(lang).to_string()).unwrap_or_default() }</strong>
                        <span class="pm-test">{ test_text(c, t, lang) }{ words::ui::YOUR_ANSWER.get(lang) }{ answer_text(f, eval.slots.slots[t.field], lang) }</span>
                        if let Some(l) = &nd.loose {
                            <span class="pm-loose">{ words::ui::STATED_LOOSELY.get(lang) }{ l.get(lang) }</span>
                        }
                        if let Some(clause) = nd.clause.as_ref().filter(|c| !c.is_empty()) {
                            <blockquote class="pm-clause" lang="zh-CN">{ clause }</blockquote>
                        }
                    </li>
                }
            }
            NodeKind::All(kids) | NodeKind::Any(kids) => {
                let any = matches!(nd.kind, NodeKind::Any(_));
                let head = if any { words::ui::ANY_OF } else { words::ui::ALL_OF }.get(lang);
                html! {
                    <li class={class}>
                        <span class="pm-mark" aria-hidden="true">{ mark }</span>
                        <span class="pm-sr">{ format!("{word}: ") }</span>
                        <strong>{ nd.reason.as_ref().map(|t| t.get(lang).to_string()).unwrap_or_default() }</strong>
                        <span class="pm-test">{ head }</span>
                        <ul>{ for kids.iter().map(|&k| node(c, lang, eval, m, r, k)) }</ul>
                    </li>
                }
            }
            NodeKind::Not(k) => html! {
                <li class={class}>
                    <span class="pm-mark" aria-hidden="true">{ mark }</span>
                    <span class="pm-sr">{ format!("{word}: ") }</span>
                    <strong>{ nd.reason.as_ref().map(|t| t.get(lang).to_string()).unwrap_or_default() }</strong>
                    <span class="pm-test">{ words::ui::MUST_NOT_HOLD.get(lang) }</span>
                    <ul>{ node(c, lang, eval, m, r, *k) }</ul>
                </li>
            },
        }
    }
    let NodeKind::All(top) = &m.criteria.nodes[m.criteria.root].kind else { return html! {} };
    let total = top.len();
    let met = top.iter().filter(|&&k| eval.trace(r)[k] == Truth::Met).count();
    html! {
        <>
            <p class="pm-tally">{ words::ui::criteria_tally(met, total, lang) }</p>
            <ul class="pm-criteria">{ for top.iter().map(|&k| node(c, lang, eval, m, r, k)) }</ul>
        </>
    }
}
