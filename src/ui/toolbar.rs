//! The controls around the questionnaire: language and evaluation date at the top; at the bottom
//! remembering answers on this device, clearing them, the share link, print and export.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::browser;
use super::qr::qr_code;
use super::state::{Action, State};
use crate::catalog::Lang;
use crate::date::Date;
use crate::engine::Evaluation;
use crate::report;
use crate::share;
use crate::words;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub state: UseReducerHandle<State>,
    pub on_action: Callback<Action>,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let lang = props.state.lang;
    let set_lang = |l: Lang| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::SetLang(l)))
    };
    let on_date = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(d) = Date::parse(&input.value()) {
                on_action.emit(Action::SetAsOf(d));
            }
        })
    };
    html! {
        <div class="pm-toolbar" part="toolbar">
            <div class="pm-lang" role="group" aria-label={words::ui::LANGUAGES}>
                <button type="button" aria-pressed={(lang == Lang::Zh).to_string()} lang="zh-CN" onclick={set_lang(Lang::Zh)}>{ words::ui::language_name(Lang::Zh) }</button>
                <button type="button" aria-pressed={(lang == Lang::En).to_string()} lang="en" onclick={set_lang(Lang::En)}>{ words::ui::language_name(Lang::En) }</button>
            </div>
            <label class="pm-asof">
                <span>{ words::ui::EVALUATE_AS_OF.get(lang) }</span>
                <input type="date" value={props.state.as_of.to_string()} min="2000-01-01" max="2099-12-31" onchange={on_date} />
            </label>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct FooterProps {
    pub state: UseReducerHandle<State>,
    pub eval: Rc<Evaluation>,
    pub storage_allowed: bool,
    pub on_action: Callback<Action>,
}

#[component]
pub fn Footer(props: &FooterProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let on_remember = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_action.emit(Action::SetRemember(input.checked()));
        })
    };
    let on_clear = {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::ClearAnswers))
    };
    let on_undo = {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::Undo))
    };
    let on_share = share_link(state, &props.on_action);
    let on_print = print(state, &props.on_action);
    let on_json = export_json(state, &props.eval);
    let on_csv = export_csv(state, &props.eval);
    html! {
        <footer class="pm-footer" part="footer">
            <div class="pm-actions">
                <button type="button" onclick={on_share}>{ words::ui::MAKE_SHARE_LINK.get(lang) }</button>
                <button type="button" onclick={on_print}>{ words::ui::PRINT.get(lang) }</button>
                <button type="button" onclick={on_json}>{ words::ui::EXPORT_JSON.get(lang) }</button>
                <button type="button" onclick={on_csv}>{ words::ui::EXPORT_CSV.get(lang) }</button>
                <button type="button" class="pm-danger" onclick={on_clear}>{ words::ui::CLEAR_ALL_ANSWERS.get(lang) }</button>
            </div>
            if state.undo.is_some() {
                <p class="pm-undo" role="status">
                    { words::ui::ALL_ANSWERS_CLEARED.get(lang) }
                    <button type="button" class="pm-link" onclick={on_undo}>{ words::ui::UNDO.get(lang) }</button>
                </p>
            }
            if let Some(url) = &state.share_url {
                <label class="pm-share">
                    <span>{ words::ui::SHARE_LINK.get(lang) }</span>
                    <input type="text" readonly=true value={url.clone()} />
                </label>
                { qr_code(url, lang, "pm-share-qr") }
            }
            if props.storage_allowed {
                <label class="pm-remember">
                    <input type="checkbox" checked={state.remember} onchange={on_remember} />
                    <span>{ words::ui::REMEMBER_ANSWERS.get(lang) }</span>
                </label>
            }
            <p class="pm-version">{ format!("{} {} · {} {}", words::ui::CATALOG_VERSION.get(lang), state.catalog.version, state.catalog.measures.len(), words::ui::MEASURES.get(lang)) }</p>
        </footer>
    }
}

/// The share link: the page, then the answers, the evaluation date if it is not today, the
/// language.
fn link_of(state: &State) -> String {
    let pinned = (state.as_of != state.today).then_some(state.as_of);
    format!("{}#{}", browser::page_url(), share::encode(&state.catalog, &state.profile, pinned, Some(state.lang)))
}

/// "Make a share link": the link, copied where the browser allows and shown for copying, with its
/// QR code.
fn share_link(state: &UseReducerHandle<State>, on_action: &Callback<Action>) -> Callback<MouseEvent> {
    let on_action = on_action.clone();
    let state = state.clone();
    Callback::from(move |_: MouseEvent| {
        let url = link_of(&state);
        browser::copy(&url);
        on_action.emit(Action::ShareUrl(Some(url)));
    })
}

/// "Print": every card expanded, the share link made (the printout carries its QR code), then the
/// browser's print once the code is drawn (or after 3 s without it: the printout keeps the link).
fn print(state: &UseReducerHandle<State>, on_action: &Callback<Action>) -> Callback<MouseEvent> {
    let on_action = on_action.clone();
    let state = state.clone();
    Callback::from(move |e: MouseEvent| {
        on_action.emit(Action::ShareUrl(Some(link_of(&state))));
        on_action.emit(Action::ExpandAll);
        let app = e.target_dyn_into::<web_sys::Element>().and_then(|t| t.closest(".pm-app").ok().flatten());
        wait_then_print(app, 20);
    })
}

/// Prints when the printout's QR code is drawn or failed, checking every 150 ms, at most `tries`.
fn wait_then_print(app: Option<web_sys::Element>, tries: u32) {
    gloo::timers::callback::Timeout::new(150, move || {
        let done = |sel: &str| app.as_ref().and_then(|a| a.query_selector(sel).ok().flatten()).is_some();
        if tries == 0 || done(".pm-print-qr svg") || done(".pm-print-qr .pm-qr-failed:not([hidden])") {
            browser::print();
        } else {
            wait_then_print(app, tries - 1);
        }
    })
    .forget();
}

/// "Export JSON": the report of the evaluation, downloaded.
fn export_json(state: &UseReducerHandle<State>, eval: &Rc<Evaluation>) -> Callback<MouseEvent> {
    let state = state.clone();
    let eval = eval.clone();
    Callback::from(move |_: MouseEvent| {
        use serde::Serialize;
        let r = report::report(&state.catalog, &state.profile, &eval);
        let ser = serde_wasm_bindgen::Serializer::json_compatible();
        if let Ok(v) = r.serialize(&ser) {
            if let Ok(s) = js_sys::JSON::stringify_with_replacer_and_space(
                &v,
                &wasm_bindgen::JsValue::NULL,
                &wasm_bindgen::JsValue::from(2),
            ) {
                browser::download(&format!("policy-matcher-{}.json", eval.as_of), "application/json", &String::from(s));
            }
        }
    })
}

/// "Export CSV": the results as a table in the language shown (with a byte-order mark, so that
/// spreadsheet programs read it as UTF-8), downloaded.
fn export_csv(state: &UseReducerHandle<State>, eval: &Rc<Evaluation>) -> Callback<MouseEvent> {
    let state = state.clone();
    let eval = eval.clone();
    Callback::from(move |_: MouseEvent| {
        let text = format!("\u{feff}{}", report::csv(&state.catalog, &eval, state.lang));
        browser::download(&format!("policy-matcher-{}.csv", eval.as_of), "text/csv;charset=utf-8", &text);
    })
}
