//! The results: filters and a text search, then the four verdict groups with counts, each measure a
//! card (title, issuer, document, validity, support, amount) that expands into the criterion-by-
//! criterion explanation with the quoted clauses. "To confirm" cards link to the questions that
//! would decide them; "not eligible" cards say what would change the verdict. The filter bar is
//! `filters`, a card `card`; this module owns the list, its groups and "what would open more".

use std::rc::Rc;

use yew::prelude::*;

use super::card::Card;
use super::filters::filters;
use super::state::{Action, Filter, State, PAGE};
use crate::catalog::{Catalog, Lang, Measure};
use crate::engine::{Evaluation, Group, MeasureResult};
use crate::words::{self, group_text};

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
    let (shown, filtered) = shown_results(c, &props.eval, &state.filter);
    html! {
        <section class="pm-results" aria-label={words::ui::RESULTS.get(lang)} part="results">
            <h2 class="pm-results-title" tabindex="-1">{ words::ui::RESULTS.get(lang) }</h2>
            { filters(props, shown.len(), filtered) }
            if *ready {
                if state.mode == super::state::Mode::All {
                    <Unlocks catalog={c.0.clone()} profile={state.profile.clone()} eval={props.eval.clone()} {lang} open={false} />
                }
                { for Group::ALL.iter().map(|&v| group_view(props, &shown, filtered, v)) }
            } else {
                <p class="pm-empty" aria-busy="true">{ words::ui::EVALUATING.get(lang) }</p>
            }
        </section>
    }
}

/// The results the filters leave, one per programme, and whether the filters hide any result.
fn shown_results<'a>(c: &Catalog, eval: &'a Evaluation, filter: &Filter) -> (Vec<&'a MeasureResult>, bool) {
    let shown: Vec<&MeasureResult> =
        eval.results.iter().filter(|r| matches(c, &c.measures[r.measure], r, filter)).collect();
    let filtered = shown.len() != eval.results.len();
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
    (shown, filtered)
}

/// One verdict group of the shown results: its heading with the count, then its cards or why
/// there are none. Eligible, to confirm and worth a look are always open; the others fold.
fn group_view(props: &ResultsProps, shown: &[&MeasureResult], filtered: bool, v: Group) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let rows: Vec<&&MeasureResult> = shown.iter().filter(|r| r.group() == v).collect();
    let open = state.open_groups[v];
    let title = html! { <>{ group_text(v, lang) }<span class="pm-count">{ rows.len() }</span></> };
    let class = classes!("pm-group", format!("pm-{}", v.id()));
    let hidden = props.eval.results.iter().filter(|r| r.group() == v).count() > rows.len() && filtered;
    // Cards of a closed group are not rendered at all; an open group renders `limit` cards.
    let body = if rows.is_empty() {
        html! { <p class="pm-empty">{ words::ui::empty_group(v, hidden, lang) }</p> }
    } else if !open {
        html! {}
    } else {
        group_cards(props, &rows, v)
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
}

/// An open group's first `limit` cards, and a button that shows more.
fn group_cards(props: &ResultsProps, rows: &[&&MeasureResult], v: Group) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let c = &state.catalog;
    let limit = state.limit[v];
    let cards = rows.iter().take(limit).map(|r| html! {
        <Card key={c.measures[r.measure].id.clone()} catalog={c.0.clone()} eval={props.eval.clone()} index={r.measure} {lang} expanded={state.expanded.contains(&r.measure)} on_action={props.on_action.clone()} />
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
                <button type="button" class="pm-more" onclick={on_more}>{ words::ui::show_more(more.min(PAGE * 5), more, lang) }</button>
            }
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
                    { words::ui::ASK_WHAT_WOULD_OPEN_MORE.get(lang) }
                </button>
            </div>
        };
    }
    let list = crate::engine::unlocks(c, &props.profile, &props.eval);
    let items = list.iter().take(8).map(|u| {
        let titles: Vec<&str> = u.opens.iter().map(|&(m, _)| c.measures[m].title.get(lang)).collect();
        html! {
            <li>
                <strong>{ words::change_text(c, u, lang) }</strong>
                { words::ui::opens_more(u.opens.len(), u.eligible(), lang) }
                <span class="pm-unlock-list">{ titles.join(words::LIST_SEP.get(lang)) }</span>
            </li>
        }
    });
    html! {
        <section class="pm-unlocks" aria-label={words::ui::WHAT_WOULD_OPEN_MORE_LABEL.get(lang)}>
            <h3>{ words::ui::WHAT_WOULD_OPEN_MORE.get(lang) }</h3>
            if list.is_empty() {
                <p>{ words::ui::NO_CHANGE_OPENS_MORE.get(lang) }</p>
            } else {
                <ul>{ for items }</ul>
            }
        </section>
    }
}
