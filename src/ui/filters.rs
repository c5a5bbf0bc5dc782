//! The filter bar above the results: a text search (in either language; typed in the other
//! language's script, its texts are fetched so that the search finds them), the support type, the
//! issuer and the status, and a line that says how many measures the filters leave.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::results::ResultsProps;
use super::state::{Action, Filter};
use crate::catalog::{Catalog, Lang, Support, SUPPORT_TYPES};
use crate::words;

/// How a control's new value changes the filter.
type Edit = Box<dyn Fn(&mut Filter, String)>;

/// The filter bar (`shown`: how many cards the filters leave; `filtered`: whether they hide any
/// result).
pub fn filters(props: &ResultsProps, shown: usize, filtered: bool) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let c = &state.catalog;
    let filter = state.filter.clone();
    let set = |f: Edit| on_edit(&props.on_action, &filter, f);
    let on_support = set(Box::new(|f, v| f.support = Support::parse(&v)));
    let on_issuer = set(Box::new(|f, v| f.issuer = (!v.is_empty()).then_some(v)));
    let on_status = set(Box::new(|f, v| {
        f.in_force = match v.as_str() {
            "in_force" => Some(true),
            "not_in_force" => Some(false),
            _ => None,
        }
    }));
    let on_text = on_search(&props.on_action, &filter, lang);
    let clear_filters = {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::SetFilter(Filter::default())))
    };
    let issuers = issuer_list(c, lang);
    let uid = &props.uid;
    html! {
        <div class="pm-filters" role="search">
            <label for={format!("{uid}-search")}>{ words::ui::SEARCH.get(lang) }</label>
            <input id={format!("{uid}-search")} type="search" value={filter.text.clone()} oninput={on_text}
                placeholder={words::ui::SEARCH_PLACEHOLDER.get(lang)} />
            <label for={format!("{uid}-support")}>{ words::ui::FILTER_SUPPORT.get(lang) }</label>
            <select id={format!("{uid}-support")} onchange={on_support}>
                <option value="" selected={filter.support.is_none()}>{ words::ui::FILTER_ALL.get(lang) }</option>
                { for (0..SUPPORT_TYPES.len()).map(Support).filter(|s| c.measures.iter().any(|m| m.support.contains(s))).map(|s| html! {
                    <option value={s.id()} selected={filter.support == Some(s)}>{ s.label(lang) }</option>
                }) }
            </select>
            <label for={format!("{uid}-issuer")}>{ words::ui::FILTER_ISSUER.get(lang) }</label>
            <select id={format!("{uid}-issuer")} onchange={on_issuer}>
                <option value="" selected={filter.issuer.is_none()}>{ words::ui::FILTER_ALL.get(lang) }</option>
                { for issuers.iter().map(|(zh, label)| html! {
                    <option value={zh.clone()} selected={filter.issuer.as_deref() == Some(zh.as_str())}>{ label }</option>
                }) }
            </select>
            <label for={format!("{uid}-status")}>{ words::ui::FILTER_STATUS.get(lang) }</label>
            <select id={format!("{uid}-status")} onchange={on_status}>
                <option value="" selected={filter.in_force.is_none()}>{ words::ui::FILTER_ALL.get(lang) }</option>
                <option value="in_force" selected={filter.in_force == Some(true)}>{ words::ui::FILTER_OPEN.get(lang) }</option>
                <option value="not_in_force" selected={filter.in_force == Some(false)}>{ words::ui::FILTER_NOT_IN_FORCE.get(lang) }</option>
            </select>
            if filtered {
                <p class="pm-filtered">{ words::ui::filtered_count(shown, props.eval.results.len(), lang) }
                <button type="button" class="pm-link" onclick={clear_filters}>{ words::ui::CLEAR_FILTERS.get(lang) }</button>
                </p>
            }
        </div>
    }
}

/// A select's (or a box's) change: the filter edited as `f` says.
fn on_edit(on_action: &Callback<Action>, filter: &Filter, f: Edit) -> Callback<Event> {
    let on_action = on_action.clone();
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
}

/// The search box's input: the filter's new text.
fn on_search(on_action: &Callback<Action>, filter: &Filter, lang: Lang) -> Callback<InputEvent> {
    let on_action = on_action.clone();
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
}

/// Each issuer once, keyed by its Chinese name (one issuer may carry two English renderings):
/// (Chinese name, name in `lang`), sorted.
fn issuer_list(c: &Catalog, lang: Lang) -> Vec<(String, String)> {
    let mut issuers: Vec<(String, String)> =
        c.measures.iter().map(|m| (m.issuer.zh.clone(), m.issuer.get(lang).to_string())).collect();
    issuers.sort_unstable();
    issuers.dedup_by(|a, b| a.0 == b.0);
    issuers
}
