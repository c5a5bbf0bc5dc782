//! The results: filters and a text search, then the four verdict groups with counts, each measure a
//! card (title, issuer, document, validity, support, amount) that expands into the criterion-by-
//! criterion explanation with the quoted clauses. "To confirm" cards link to the questions that
//! would decide them; "not eligible" cards say what would change the verdict.

use std::collections::BTreeSet;
use std::rc::Rc;

use web_sys::{Element, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::app::tr;
use super::browser;
use super::state::{Action, Filter, State, PAGE};
use crate::catalog::{Catalog, Lang, Measure, NodeKind, Support, SUPPORT_TYPES};
use crate::engine::{Evaluation, MeasureResult, Status, Truth, Verdict};
use crate::report::{answer_text, measure_status_text, test_text, verdict_text};

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub state: UseReducerHandle<State>,
    pub eval: Rc<Evaluation>,
    pub uid: String,
    pub on_action: Callback<Action>,
}

fn matches(c: &Catalog, m: &Measure, r: &MeasureResult, f: &Filter) -> bool {
    if f.support.is_some_and(|s| !m.support.contains(&s)) {
        return false;
    }
    if f.issuer.as_ref().is_some_and(|i| *i != m.issuer.zh) {
        return false;
    }
    if f.in_force.is_some_and(|want| want != (r.status == Status::InForce)) {
        return false;
    }
    let q = f.text.trim().to_lowercase();
    if q.is_empty() {
        return true;
    }
    let doc = &c.documents[m.document];
    [&m.title.zh, &m.title.en, &m.summary.zh, &m.summary.en, &doc.title.zh, &doc.title.en, &m.id]
        .iter()
        .any(|t| t.to_lowercase().contains(&q))
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    // The first frame shows the questionnaire; the result cards follow in the next task, so a
    // person can start answering before the list is laid out.
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            gloo::timers::callback::Timeout::new(0, move || ready.set(true)).forget();
        });
    }
    let state = &props.state;
    let lang = state.lang;
    let c = &state.catalog;
    let filter = state.filter.clone();
    let shown: Vec<&MeasureResult> =
        props.eval.results.iter().filter(|r| matches(c, &c.measures[r.measure], r, &filter)).collect();
    let groups = Verdict::ALL.iter().map(|&v| {
        let rows: Vec<&&MeasureResult> = shown.iter().filter(|r| r.verdict == v).collect();
        let open = state.open_groups[v as usize];
        let limit = state.limit[v as usize];
        let title = html! { <>{ verdict_text(v, lang) }<span class="pm-count">{ rows.len() }</span></> };
        let class = classes!("pm-group", format!("pm-{}", v.id()));
        let empty = match (v, lang) {
            (Verdict::Eligible, Lang::Zh) => "暂无。回答更多问题后可能会出现。",
            (Verdict::Eligible, Lang::En) => "None yet. Answering more questions may change that.",
            (_, Lang::Zh) => "无",
            (_, Lang::En) => "None",
        };
        // Cards of a closed group are not rendered at all; an open group renders `limit` cards.
        let body = if rows.is_empty() {
            html! { <p class="pm-empty">{ empty }</p> }
        } else if !open {
            html! {}
        } else {
            let cards = rows.iter().take(limit).map(|r| html! {
                <Card key={c.measures[r.measure].id.clone()} state={state.clone()} eval={props.eval.clone()} index={r.measure} on_action={props.on_action.clone()} />
            });
            let more = rows.len().saturating_sub(limit);
            let on_more = {
                let on_action = props.on_action.clone();
                Callback::from(move |_: MouseEvent| on_action.emit(Action::ShowMore(v)))
            };
            html! {
                <>
                    <div class="pm-cards">{ for cards }</div>
                    if more > 0 {
                        <button type="button" class="pm-more" onclick={on_more}>{ match lang {
                            Lang::Zh => format!("再显示 {} 项（共 {} 项）", more.min(PAGE * 5), more),
                            Lang::En => format!("Show {} more ({} left)", more.min(PAGE * 5), more),
                        } }</button>
                    }
                </>
            }
        };
        if matches!(v, Verdict::Eligible | Verdict::Possible) {
            html! { <section class={class} part="group"><h2>{ title }</h2>{ body }</section> }
        } else {
            let ontoggle = {
                let on_action = props.on_action.clone();
                Callback::from(move |e: Event| {
                    let d: web_sys::HtmlDetailsElement = e.target_unchecked_into();
                    if d.open() != open {
                        on_action.emit(Action::OpenGroup(v, d.open()));
                    }
                })
            };
            html! {
                <details class={class} part="group" {open} {ontoggle}>
                    <summary><h2>{ title }</h2></summary>
                    { body }
                </details>
            }
        }
    });

    type Edit = Box<dyn Fn(&mut Filter, String)>;
    let set = |f: Edit| {
        let on_action = props.on_action.clone();
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let value = match e.target_dyn_into::<HtmlSelectElement>() {
                Some(s) => s.value(),
                None => e.target_unchecked_into::<HtmlInputElement>().value(),
            };
            let mut next = filter.clone();
            f(&mut next, value);
            on_action.emit(Action::SetFilter(next));
        })
    };
    let on_support = set(Box::new(|f, v| f.support = Support::parse(&v)));
    let on_issuer = set(Box::new(|f, v| f.issuer = (!v.is_empty()).then_some(v)));
    let on_status = set(Box::new(|f, v| {
        f.in_force = match v.as_str() {
            "in_force" => Some(true),
            "not_in_force" => Some(false),
            _ => None,
        }
    }));
    let on_text = {
        let on_action = props.on_action.clone();
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = filter.clone();
            next.text = e.target_unchecked_into::<HtmlInputElement>().value();
            on_action.emit(Action::SetFilter(next));
        })
    };
    let issuers: BTreeSet<(String, String)> =
        c.measures.iter().map(|m| (m.issuer.zh.clone(), m.issuer.get(lang).to_string())).collect();
    let uid = &props.uid;
    let filtered = shown.len() != props.eval.results.len();
    html! {
        <section class="pm-results" aria-label={tr(lang, "结果", "Results")} part="results">
            <div class="pm-filters" role="search">
                <label for={format!("{uid}-search")}>{ tr(lang, "搜索", "Search") }</label>
                <input id={format!("{uid}-search")} type="search" value={filter.text.clone()} oninput={on_text}
                    placeholder={tr(lang, "措施名称或摘要", "Title or summary")} />
                <label for={format!("{uid}-support")}>{ tr(lang, "支持方式", "Support type") }</label>
                <select id={format!("{uid}-support")} onchange={on_support}>
                    <option value="" selected={filter.support.is_none()}>{ tr(lang, "全部", "All") }</option>
                    { for (0..SUPPORT_TYPES.len()).map(Support).filter(|s| c.measures.iter().any(|m| m.support.contains(s))).map(|s| html! {
                        <option value={s.id()} selected={filter.support == Some(s)}>{ s.label(lang) }</option>
                    }) }
                </select>
                <label for={format!("{uid}-issuer")}>{ tr(lang, "发布机关", "Issuer") }</label>
                <select id={format!("{uid}-issuer")} onchange={on_issuer}>
                    <option value="" selected={filter.issuer.is_none()}>{ tr(lang, "全部", "All") }</option>
                    { for issuers.iter().map(|(zh, label)| html! {
                        <option value={zh.clone()} selected={filter.issuer.as_deref() == Some(zh.as_str())}>{ label }</option>
                    }) }
                </select>
                <label for={format!("{uid}-status")}>{ tr(lang, "状态", "Status") }</label>
                <select id={format!("{uid}-status")} onchange={on_status}>
                    <option value="" selected={filter.in_force.is_none()}>{ tr(lang, "全部", "All") }</option>
                    <option value="in_force" selected={filter.in_force == Some(true)}>{ tr(lang, "有效", "In force") }</option>
                    <option value="not_in_force" selected={filter.in_force == Some(false)}>{ tr(lang, "未生效或已失效", "Not in force") }</option>
                </select>
                if filtered {
                    <p class="pm-filtered">{ match lang {
                        Lang::Zh => format!("显示 {} / {} 项措施", shown.len(), props.eval.results.len()),
                        Lang::En => format!("Showing {} of {} measures", shown.len(), props.eval.results.len()),
                    } }</p>
                }
            </div>
            if *ready {
                { for groups }
            } else {
                <p class="pm-empty" aria-busy="true">{ tr(lang, "正在评估……", "Evaluating…") }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub state: UseReducerHandle<State>,
    pub eval: Rc<Evaluation>,
    pub index: usize,
    pub on_action: Callback<Action>,
}

#[component]
pub fn Card(props: &CardProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let zh = lang == Lang::Zh;
    let c = &state.catalog;
    let m = &c.measures[props.index];
    let Some(r) = props.eval.results.iter().find(|r| r.measure == props.index) else { return html! {} };
    let doc = &c.documents[m.document];
    let expanded = state.expanded.contains(&props.index);
    let (mark, mark_label) = match r.verdict {
        Verdict::Eligible => ("✓", verdict_text(r.verdict, lang)),
        Verdict::Possible => ("?", verdict_text(r.verdict, lang)),
        Verdict::Ineligible => ("✗", verdict_text(r.verdict, lang)),
        Verdict::Inactive => ("–", verdict_text(r.verdict, lang)),
    };
    let toggle = {
        let on_action = props.on_action.clone();
        let i = props.index;
        Callback::from(move |_: MouseEvent| on_action.emit(Action::Expand(i, !expanded)))
    };
    let detail_id = format!("pm-{}-why", m.id);
    let doc_line = {
        let title = if zh { format!("《{}》", doc.title.zh) } else { format!("“{}”", doc.title.en) };
        let mut parts = vec![title];
        if let Some(n) = &doc.number {
            parts.push(n.clone());
        }
        if let Some(d) = doc.date {
            parts.push(d.to_string());
        }
        parts.join(" · ")
    };
    let missing = props.eval.missing(r).iter().map(|&f| {
        let field = &c.fields[f];
        let id = field.id.clone();
        let onclick =
            Callback::from(move |e: MouseEvent| browser::focus_question(&e.target_unchecked_into::<Element>(), &id));
        html! { <li><button type="button" class="pm-link" {onclick}>{ field.label.get(lang) }</button></li> }
    });
    let failed = props
        .eval
        .failed(r)
        .iter()
        .filter_map(|&n| m.criteria.nodes[n].reason.as_ref())
        .map(|t| html! { <li>{ t.get(lang) }</li> });
    html! {
        <article class={classes!("pm-card", format!("pm-card-{}", r.verdict.id()))} id={format!("m-{}", m.id)} part="card">
            <h3>
                <span class="pm-badge" aria-hidden="true">{ mark }</span>
                <span class="pm-sr">{ format!("{mark_label}: ") }</span>
                { m.title.get(lang) }
            </h3>
            <p class="pm-meta">{ m.issuer.get(lang) }{ " · " }{ doc_line }</p>
            <p class={classes!("pm-validity", (r.status != Status::InForce).then_some("pm-off"))}>
                { measure_status_text(c, m, r.status, props.eval.as_of, lang) }
            </p>
            <p class="pm-summary">{ m.summary.get(lang) }</p>
            <ul class="pm-chips" aria-label={tr(lang, "支持方式", "Support")}>
                { for m.support.iter().map(|s| html! { <li>{ s.label(lang) }</li> }) }
            </ul>
            if let Some(a) = &m.amount {
                <p class="pm-amount">{ tr(lang, "金额：", "Amount: ") }{ a.get(lang) }</p>
            }
            if r.verdict == Verdict::Possible {
                <div class="pm-missing">
                    <p>{ tr(lang, "回答以下问题即可确认：", "Answer these to confirm:") }</p>
                    <ul>{ for missing }</ul>
                </div>
            }
            if r.verdict == Verdict::Ineligible {
                <div class="pm-would">
                    <p>{ tr(lang, "如满足以下条件即可符合：", "Would qualify if:") }</p>
                    <ul>{ for failed }</ul>
                </div>
            }
            <button type="button" class="pm-expand" aria-expanded={expanded.to_string()} aria-controls={detail_id.clone()} onclick={toggle}>
                { if expanded { tr(lang, "收起依据", "Hide the reasons") } else { tr(lang, "查看逐条依据", "Show why, criterion by criterion") } }
            </button>
            if expanded {
                <div class="pm-why" id={detail_id}>
                    { explain(c, state, &props.eval, m, r) }
                    if !m.notes.is_empty() {
                        <ul class="pm-notes">{ for m.notes.iter().map(|n| html! { <li>{ n.get(lang) }</li> }) }</ul>
                    }
                    <p class="pm-source">
                        { tr(lang, "来源：", "Source: ") }
                        { doc_line_with_publication(c, m, lang) }
                        if let Some(url) = m.url.as_ref().or(doc.url.as_ref()) {
                            { " " }<a href={url.clone()} target="_blank" rel="noopener noreferrer">{ tr(lang, "原文链接", "link") }</a>
                        }
                    </p>
                </div>
            }
        </article>
    }
}

fn doc_line_with_publication(c: &Catalog, m: &Measure, lang: Lang) -> String {
    let doc = &c.documents[m.document];
    let mut s = doc.title.get(lang).to_string();
    if let Some(p) = &doc.publication {
        s.push_str(if lang == Lang::Zh { "；" } else { "; " });
        s.push_str(p.get(lang));
    }
    s
}

/// The criterion-by-criterion explanation: ✓ met, ✗ not met, ? not answered — always with words,
/// never colour alone.
fn explain(c: &Catalog, state: &State, eval: &Evaluation, m: &Measure, r: &MeasureResult) -> Html {
    let lang = state.lang;
    fn node(c: &Catalog, lang: Lang, eval: &Evaluation, m: &Measure, r: &MeasureResult, n: usize) -> Html {
        let nd = &m.criteria.nodes[n];
        let (mark, word) = match eval.trace(r)[n] {
            Truth::Met => ("✓", tr(lang, "满足", "met")),
            Truth::Unmet => ("✗", tr(lang, "不满足", "not met")),
            Truth::Unknown => ("?", tr(lang, "待回答", "not answered yet")),
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
                        <span class="pm-test">{ test_text(c, t, lang) }{ tr(lang, "；您的回答：", " — your answer: ") }{ answer_text(f, eval.slots.slots[t.field], lang) }</span>
                        if let Some(clause) = &nd.clause {
                            <blockquote class="pm-clause" lang="zh-CN">{ clause }</blockquote>
                        }
                    </li>
                }
            }
            NodeKind::All(kids) | NodeKind::Any(kids) => {
                let any = matches!(nd.kind, NodeKind::Any(_));
                let head = match (any, lang) {
                    (true, Lang::Zh) => "满足以下任一项：",
                    (true, Lang::En) => "Any one of:",
                    (false, Lang::Zh) => "满足以下全部：",
                    (false, Lang::En) => "All of:",
                };
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
                    <span class="pm-test">{ tr(lang, "不得符合：", "Must not hold:") }</span>
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
            <p class="pm-tally">{ match lang {
                Lang::Zh => format!("满足 {met}/{total} 项条件"),
                Lang::En => format!("Meets {met} of {total} criteria"),
            } }</p>
            <ul class="pm-criteria">{ for top.iter().map(|&k| node(c, lang, eval, m, r, k)) }</ul>
        </>
    }
}
