//! The results: filters and a text search, then the four verdict groups with counts, each measure a
//! card (title, issuer, document, validity, support, amount) that expands into the criterion-by-
//! criterion explanation with the quoted clauses. "To confirm" cards link to the questions that
//! would decide them; "not eligible" cards say what would change the verdict.

use std::rc::Rc;

use web_sys::{Element, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::browser;
use super::state::{Action, Filter, State, PAGE};
use crate::catalog::{Catalog, Lang, Measure, NodeKind, Relation, Support, SUPPORT_TYPES};
use crate::engine::{Evaluation, Group, MeasureResult, Truth, Verdict};
use crate::words::tr;
use crate::words::{answer_text, group_text, left_to_text, measure_status_text, relation_text, test_text};

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
    if f.in_force.is_some_and(|want| want != r.status.active()) {
        return false;
    }
    f.text.trim().is_empty() || crate::search::matches(&f.text, &crate::search::measure_text(c, m))
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
    let filtered = shown.len() != props.eval.results.len();
    // One programme, one card: a same-scheme group is shown once, with its lead member's verdict
    // (the most authoritative document, never simply the most favourable); the card lists every
    // member's verdict. A filter that hides the lead shows the most authoritative member it keeps.
    // Indexed by the programme (its lead's index): the member shown.
    let mut first_of_scheme: Vec<Option<usize>> = vec![None; c.measures.len()];
    let authority = |k: usize| Catalog::authority(&c.documents, &c.measures[k], k);
    for r in &shown {
        let e = &mut first_of_scheme[c.measures[r.measure].scheme];
        if e.is_none_or(|k| authority(r.measure) < authority(k)) {
            *e = Some(r.measure);
        }
    }
    let shown: Vec<&MeasureResult> =
        shown.into_iter().filter(|r| first_of_scheme[c.measures[r.measure].scheme] == Some(r.measure)).collect();
    let groups = Group::ALL.iter().map(|&v| {
        let rows: Vec<&&MeasureResult> = shown.iter().filter(|r| r.group() == v).collect();
        let open = state.open_groups[v as usize];
        let limit = state.limit[v as usize];
        let title = html! { <>{ group_text(v, lang) }<span class="pm-count">{ rows.len() }</span></> };
        let class = classes!("pm-group", format!("pm-{}", v.id()));
        let hidden = props.eval.results.iter().filter(|r| r.group() == v).count() > rows.len() && filtered;
        let empty = match (v, lang, hidden) {
            (_, Lang::Zh, true) => "筛选条件隐藏了本组的全部措施。",
            (_, Lang::En, true) => "The filters hide every measure of this group.",
            (Group::Eligible, Lang::Zh, _) => "暂无。回答更多问题后可能会出现。",
            (Group::Eligible, Lang::En, _) => "None yet. Answering more questions may change that.",
            (_, Lang::Zh, _) => "无",
            (_, Lang::En, _) => "None",
        };
        // Cards of a closed group are not rendered at all; an open group renders `limit` cards.
        let body = if rows.is_empty() {
            html! { <p class="pm-empty">{ empty }</p> }
        } else if !open {
            html! {}
        } else {
            let cards = rows.iter().take(limit).map(|r| html! {
                <Card key={c.measures[r.measure].id.clone()} catalog={c.clone()} eval={props.eval.clone()} index={r.measure} {lang} expanded={state.expanded.contains(&r.measure)} on_action={props.on_action.clone()} />
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
        if matches!(v, Group::Eligible | Group::Confirm | Group::WorthALook) {
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
            // Searching in the other language's script: its texts are fetched (not shown) so
            // that the search finds them too.
            let other = if next.text.chars().any(|ch| ch > '\u{2e7f}') { Lang::Zh } else { Lang::En };
            let typed_other = other != lang && next.text.chars().any(|ch| ch.is_alphabetic());
            on_action.emit(Action::SetFilter(next));
            if typed_other {
                on_action.emit(Action::NeedTexts(other));
            }
        })
    };
    let clear_filters = {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::SetFilter(Filter::default())))
    };
    // Each issuer once, keyed by its Chinese name (one issuer may carry two English renderings).
    let mut issuers: Vec<(String, String)> =
        c.measures.iter().map(|m| (m.issuer.zh.clone(), m.issuer.get(lang).to_string())).collect();
    issuers.sort_unstable();
    issuers.dedup_by(|a, b| a.0 == b.0);
    let uid = &props.uid;
    html! {
        <section class="pm-results" aria-label={tr(lang, "结果", "Results")} part="results">
            <h2 class="pm-results-title" tabindex="-1">{ tr(lang, "结果", "Results") }</h2>
            <div class="pm-filters" role="search">
                <label for={format!("{uid}-search")}>{ tr(lang, "搜索", "Search") }</label>
                <input id={format!("{uid}-search")} type="search" value={filter.text.clone()} oninput={on_text}
                    placeholder={tr(lang, "名称、领域或支持方式，中英文均可", "Name, field or support, in English or Chinese")} />
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
                    <option value="in_force" selected={filter.in_force == Some(true)}>{ tr(lang, "可申请（有效或有效期未载明）", "Open (in force or validity not stated)") }</option>
                    <option value="not_in_force" selected={filter.in_force == Some(false)}>{ tr(lang, "未生效或已失效", "Not in force") }</option>
                </select>
                if filtered {
                    <p class="pm-filtered">{ match lang {
                        Lang::Zh => format!("筛选后显示 {} / {} 项措施。", shown.len(), props.eval.results.len()),
                        Lang::En => format!("The filters show {} of {} measures. ", shown.len(), props.eval.results.len()),
                    } }
                    <button type="button" class="pm-link" onclick={clear_filters}>{ tr(lang, "清除筛选", "Clear filters") }</button>
                    </p>
                }
            </div>
            if *ready {
                if state.mode == super::state::Mode::All {
                    <Unlocks catalog={c.clone()} profile={state.profile.clone()} eval={props.eval.clone()} {lang} open={false} />
                }
                { for groups }
            } else {
                <p class="pm-empty" aria-busy="true">{ tr(lang, "正在评估……", "Evaluating…") }</p>
            }
        </section>
    }
}

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
    let zh = lang == Lang::Zh;
    let c = &props.catalog;
    let m = &c.measures[props.index];
    let Some(r) = props.eval.results.iter().find(|r| r.measure == props.index) else { return html! {} };
    let doc = &c.documents[m.document];
    let expanded = props.expanded;
    let group = r.group();
    let mark = crate::words::group_mark(group);
    let mark_label = group_text(group, lang);
    let verdict_of = |k: usize| props.eval.results.iter().find(|x| x.measure == k).map(|x| group_text(x.group(), lang));
    // Every member of the programme, with its own verdict; the card shows the lead's.
    let members: Vec<usize> = (0..c.measures.len()).filter(|&k| c.measures[k].scheme == m.scheme).collect();
    let member = |k: usize| {
        let o = &c.measures[k];
        let odoc = &c.documents[o.document];
        let title = if zh { format!("《{}》", odoc.title.zh) } else { format!("“{}”", odoc.title.en) };
        html! {
            <li class={classes!((k == props.index).then_some("pm-lead"))}>
                { o.title.get(lang) }{ " · " }{ title }
                if let Some(v) = verdict_of(k) { { " — " }{ v } }
            </li>
        }
    };
    let programme = (members.len() > 1).then(|| {
        // The document whose verdict this card shows (the lead, unless a filter hides it).
        let lead_doc = &doc.title;
        html! {
            <div class="pm-scheme">
                <p>{ crate::words::programme_heading(lead_doc, lang) }</p>
                <ul>{ for members.iter().map(|&k| member(k)) }</ul>
            </div>
        }
    });
    let others = m.related.iter().filter(|l| l.relation != Relation::SameScheme).count();
    let related = m.related.iter().filter(|l| l.relation != Relation::SameScheme).map(|l| {
        let o = &c.measures[l.measure];
        let odoc = &c.documents[o.document];
        let title = if zh { format!("《{}》", odoc.title.zh) } else { format!("“{}”", odoc.title.en) };
        html! {
            <li>
                { relation_text(l.relation, lang) }{ tr(lang, "：", ": ") }
                { o.title.get(lang) }{ " · " }{ title }
                if let Some(v) = verdict_of(l.measure) { { " — " }{ v } }
            </li>
        }
    });
    let doubts = props
        .eval
        .doubts(r)
        .iter()
        .filter_map(|&n| m.criteria.nodes[n].loose.as_ref())
        .chain(m.unassessed.iter().filter(|_| r.verdict == Verdict::Possible).map(|u| &u.rules))
        .map(|t| html! { <li>{ t.get(lang) }</li> });
    let any_doubt = !props.eval.doubts(r).is_empty() || (r.verdict == Verdict::Possible && !m.unassessed.is_empty());
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
        let on_action = props.on_action.clone();
        let onclick = Callback::from(move |e: MouseEvent| {
            // In guided mode the question becomes the one shown; focus it once it is rendered.
            on_action.emit(Action::Ask(f));
            let (from, id) = (e.target_unchecked_into::<Element>(), id.clone());
            gloo::timers::callback::Timeout::new(0, move || browser::focus_question(&from, &id)).forget();
        });
        html! { <li><button type="button" class="pm-link" {onclick}>{ field.label.get(lang) }</button></li> }
    });
    let failed = props
        .eval
        .failed(r)
        .iter()
        .filter_map(|&n| m.criteria.nodes[n].reason.as_ref())
        .map(|t| html! { <li>{ t.get(lang) }</li> });
    html! {
        <article class={classes!("pm-card", format!("pm-card-{}", group.id()))} id={format!("m-{}", m.id)} part="card">
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
                <p class="pm-caveat">{ tr(lang, "原文未载明申报条件，仅列明申请主体；请向发布机关了解。", "The text states no conditions beyond who may apply; ask the issuer.") }</p>
            }
            <p class="pm-meta">{ m.issuer.get(lang) }{ " · " }{ doc_line }</p>
            <p class={classes!("pm-validity", (!r.status.active()).then_some("pm-off"))}>
                { measure_status_text(c, m, r.status, props.eval.as_of, lang) }
            </p>
            <p class="pm-summary">{ m.summary.get(lang) }</p>
            <ul class="pm-chips" aria-label={tr(lang, "支持方式", "Support")}>
                { for m.support.iter().map(|s| html! { <li>{ s.label(lang) }</li> }) }
            </ul>
            if let Some(a) = &m.amount {
                <p class="pm-amount">{ tr(lang, "金额：", "Amount: ") }{ a.get(lang) }</p>
            }
            if r.verdict == Verdict::Possible && !props.eval.missing(r).is_empty() {
                <div class="pm-missing">
                    <p>{ tr(lang, "回答以下问题即可确认：", "Answer these to confirm:") }</p>
                    <ul>{ for missing }</ul>
                </div>
            }
            if any_doubt {
                <div class="pm-missing">
                    <p>{ tr(lang, "原文条件表述宽泛，请向发布机关确认：", "The text states this loosely; confirm with the issuer:") }</p>
                    <ul>{ for doubts }</ul>
                </div>
            }
            if r.verdict == Verdict::Ineligible {
                <div class="pm-would">
                    <p>{ tr(lang, "未满足的条件：", "Conditions not met:") }</p>
                    <ul>{ for failed }</ul>
                </div>
            }
            { for programme }
            if others > 0 {
                <ul class="pm-related" aria-label={tr(lang, "相关措施", "Related measures")}>{ for related }</ul>
            }
            if matches!(group, Group::Eligible | Group::Confirm | Group::WorthALook) {
                { next_steps(c, m, lang) }
            }
            <button type="button" class="pm-expand" aria-expanded={expanded.to_string()} aria-controls={detail_id.clone()} onclick={toggle}>
                { if expanded { tr(lang, "收起依据", "Hide the reasons") } else { tr(lang, "查看逐条依据", "Show why, criterion by criterion") } }
            </button>
            if expanded {
                <div class="pm-why" id={detail_id}>
                    if !c.has_details(lang) {
                        <p class="pm-loading-lang" role="status">{ crate::words::loading_details(lang) }</p>
                    }
                    { explain(c, lang, &props.eval, m, r) }
                    if c.has_details(lang) && !m.notes.is_empty() {
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

/// What to do next, from what the catalog states: who issues it, the rules that set the details,
/// how and where to apply and whom to ask (where stated), and the source with its link. Never
/// invented: what is not stated is said to be not stated.
fn next_steps(c: &Catalog, m: &Measure, lang: Lang) -> Html {
    let doc = &c.documents[m.document];
    let url = m.apply.url.as_ref().or(m.url.as_ref()).or(doc.url.as_ref()).cloned();
    let stated = m.apply.how.is_some() || m.apply.where_.is_some() || m.apply.contact.is_some();
    let title = if lang == Lang::Zh { format!("《{}》", doc.title.zh) } else { format!("“{}”", doc.title.en) };
    html! {
        <div class="pm-next-steps">
            <p class="pm-ns-head">{ tr(lang, "下一步", "Next steps") }</p>
            <ul>
                <li>{ tr(lang, "发布机关：", "Issued by: ") }{ m.issuer.get(lang) }</li>
                if let Some(t) = left_to_text(m, lang) { <li>{ t }</li> }
                if let Some(h) = &m.apply.how { <li>{ tr(lang, "申报方式：", "How to apply: ") }{ h.get(lang) }</li> }
                if let Some(w) = &m.apply.where_ { <li>{ tr(lang, "受理地点：", "Where: ") }{ w.get(lang) }</li> }
                if let Some(k) = &m.apply.contact { <li>{ tr(lang, "联系方式：", "Contact: ") }{ k.get(lang) }</li> }
                if !stated {
                    <li>{ tr(lang, "原文未载明申报方式和联系方式，请关注发布机关的申报通知。", "The text names no way to apply and no contact: watch the issuer's calls for applications.") }</li>
                }
                <li>
                    { tr(lang, "来源：", "Source: ") }{ title }
                    if let Some(u) = url {
                        { " " }<a href={u} target="_blank" rel="noopener noreferrer">{ tr(lang, "原文链接", "link") }</a>
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
        s.push_str(if lang == Lang::Zh { "；" } else { "; " });
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
        let mark = crate::words::truth_mark(eval.trace(r)[n], doubt);
        let word = match eval.trace(r)[n] {
            Truth::Met => tr(lang, "满足", "met"),
            Truth::Unmet => tr(lang, "不满足", "not met"),
            Truth::Unknown if doubt => tr(lang, "待确认", "to confirm"),
            Truth::Unknown => tr(lang, "待回答", "not answered yet"),
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
                        if let Some(l) = &nd.loose {
                            <span class="pm-loose">{ tr(lang, "原文表述宽泛：", "Stated loosely: ") }{ l.get(lang) }</span>
                        }
                        if let Some(clause) = nd.clause.as_ref().filter(|c| !c.is_empty()) {
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
                Lang::En if total == 1 => format!("Meets {met} of 1 criterion"),
                Lang::En => format!("Meets {met} of {total} criteria"),
            } }</p>
            <ul class="pm-criteria">{ for top.iter().map(|&k| node(c, lang, eval, m, r, k)) }</ul>
        </>
    }
}

#[derive(Properties)]
pub struct UnlocksProps {
    pub catalog: Rc<Catalog>,
    pub profile: crate::profile::Profile,
    pub eval: Rc<Evaluation>,
    pub lang: Lang,
    /// Computed and shown at once (the guided "done" page); otherwise on request.
    pub open: bool,
}

/// By identity: a new evaluation is a new `Rc` (comparing catalogs by value would cost a catalog).
impl PartialEq for UnlocksProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.catalog, &o.catalog)
            && Rc::ptr_eq(&self.eval, &o.eval)
            && self.lang == o.lang
            && self.open == o.open
    }
}

/// "What would open more": the single changes a person can make (a certification obtained, an
/// activity started, a listing tier) that move measures out of "not eligible", best first. The
/// engine re-evaluates once per possible change, so outside the "done" page it runs only when
/// the person asks.
#[component]
pub fn Unlocks(props: &UnlocksProps) -> Html {
    let asked = use_state(|| false);
    let lang = props.lang;
    let c = &props.catalog;
    if !props.open && !*asked {
        let asked = asked.clone();
        return html! {
            <div class="pm-unlocks">
                <button type="button" class="pm-secondary" onclick={move |_| asked.set(true)}>
                    { tr(lang, "哪一项变化能开启更多支持？", "Which one change would open more support?") }
                </button>
            </div>
        };
    }
    let list = crate::engine::unlocks(c, &props.profile, &props.eval);
    let items = list.iter().take(8).map(|u| {
        let titles: Vec<&str> = u.opens.iter().map(|&(m, _)| c.measures[m].title.get(lang)).collect();
        html! {
            <li>
                <strong>{ crate::words::change_text(c, u, lang) }</strong>
                { match lang {
                    Lang::Zh => format!(" → 另有 {} 项（{} 项符合已公布的条件）：", u.opens.len(), u.eligible()),
                    Lang::En => format!(" → {} more ({} meeting the published conditions): ", u.opens.len(), u.eligible()),
                } }
                <span class="pm-unlock-list">{ titles.join(if lang == Lang::Zh { "、" } else { "; " }) }</span>
            </li>
        }
    });
    html! {
        <section class="pm-unlocks" aria-label={tr(lang, "可开启更多支持的变化", "What would open more")}>
            <h3>{ tr(lang, "哪一项变化能开启更多支持", "What one change would open more") }</h3>
            if list.is_empty() {
                <p>{ tr(lang, "没有单项变化能让更多措施变为符合或待确认。", "No single change would move more measures to eligible or to confirm.") }</p>
            } else {
                <ul>{ for items }</ul>
            }
        </section>
    }
}
