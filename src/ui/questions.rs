//! The questionnaire, generated from the catalog's questions: radio groups, checkbox groups and
//! number boxes, each a fieldset with a legend, help text and its own clear button. Follow-up
//! questions appear only when they apply. Two modes: guided (one question at a time — the
//! applicant type, then the question that decides the most; "not sure", "back", progress, and a
//! "done" page that leads to the results and to what would open more) and all questions on one
//! page, with the engine's next question highlighted.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::browser;
use super::state::{next_guided, Action, GuideAt, Mode, State};
use crate::catalog::{FieldKind, Lang};
use crate::engine::{Evaluation, NextQuestion, Truth};
use crate::profile::Value;
use crate::words;

#[derive(Properties, PartialEq)]
pub struct QuestionsProps {
    pub state: UseReducerHandle<State>,
    pub eval: Rc<Evaluation>,
    pub uid: String,
    pub on_action: Callback<Action>,
}

#[component]
pub fn Questions(props: &QuestionsProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let guided = state.mode == Mode::Guided;
    let current = if guided { state.guided_question(&props.eval) } else { None };
    // A new guided question (or "done") takes the keyboard focus, so that a person using a
    // keyboard or a screen reader is told where they are.
    let section = use_node_ref();
    {
        let key = (guided, current, state.guide.at == GuideAt::Start);
        let section = section.clone();
        use_effect_with(key, move |&(guided, current, start)| {
            if guided && !start {
                if let Some(el) = section.cast::<web_sys::Element>() {
                    let selector = if current.is_some() { ".pm-guide .pm-step" } else { ".pm-done h2" };
                    browser::focus_in(&el, selector);
                }
            }
        });
    }
    let switch = {
        let on_action = props.on_action.clone();
        let to = if guided { Mode::All } else { Mode::Guided };
        Callback::from(move |_: MouseEvent| on_action.emit(Action::SetMode(to)))
    };
    let switch_button = html! {
        <button type="button" class="pm-link pm-mode" onclick={switch}>
            { if guided { words::ui::SHOW_ALL_QUESTIONS.get(lang) } else { words::ui::ONE_AT_A_TIME.get(lang) } }
        </button>
    };
    let body = if !guided {
        all_view(props)
    } else if let Some(q) = current {
        guided_view(props, q)
    } else {
        done_view(props)
    };
    html! {
        <section class="pm-questions" aria-label={words::ui::QUESTIONS.get(lang)} part="questions" ref={section}>
            <div class="pm-qhead">
                <h2>{ words::ui::ABOUT_YOU.get(lang) }</h2>
                { switch_button }
            </div>
            { body }
        </section>
    }
}

/// Every question that applies, on one page.
fn all_view(props: &QuestionsProps) -> Html {
    let c = &props.state.catalog;
    let fields = c
        .fields
        .iter()
        .enumerate()
        .filter(|(i, f)| f.ask && props.eval.slots.asked[*i] == Truth::Met)
        .map(|(i, _)| field_view(props, i, None));
    html! { <div class="pm-fields">{ for fields }</div> }
}

/// Guided mode's question `q`: where the person is, the question, and "back", "not sure" and
/// "continue".
fn guided_view(props: &QuestionsProps, q: usize) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let c = &state.catalog;
    let (k, n) = state.guided_progress(&props.eval);
    let answered = state.profile.get(q).is_some();
    let go = |skip: bool| {
        let on_action = props.on_action.clone();
        let (catalog, profile, eval, skipped) =
            (c.clone(), state.profile.clone(), props.eval.clone(), state.guide.skipped.clone());
        Callback::from(move |_: MouseEvent| {
            let mut skipped = skipped.clone();
            if skip {
                skipped.insert(q);
            }
            let next = next_guided(&catalog, &profile, &eval, &skipped, Some(q));
            on_action.emit(Action::GuideTo { from: q, next, skip });
        })
    };
    let back = {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::GuideBack))
    };
    let only = match c.fields[q].kind {
        FieldKind::AnyOf => Some(props.eval.relevant_options(c, q)),
        _ => None,
    };
    html! {
        <div class="pm-guide">
            <p class="pm-step" tabindex="-1">{ words::ui::guided_step(k, n, lang) }</p>
            { field_view(props, q, only) }
            <div class="pm-nav">
                if !state.guide.history.is_empty() {
                    <button type="button" class="pm-secondary" onclick={back}>{ words::ui::BACK.get(lang) }</button>
                }
                <button type="button" class="pm-secondary" onclick={go(true)}>{ words::ui::NOT_SURE_SKIP.get(lang) }</button>
                <button type="button" class="pm-primary" disabled={!answered} onclick={go(false)}>{ words::ui::CONTINUE.get(lang) }</button>
            </div>
        </div>
    }
}

/// Guided mode's "done" page: the counts, the questions skipped, the way to the results, and what
/// would open more.
fn done_view(props: &QuestionsProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let c = &state.catalog;
    let counts = props.eval.programme_counts(c);
    let back = {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::GuideBack))
    };
    let to_results = Callback::from(|e: MouseEvent| {
        browser::focus_in(&e.target_unchecked_into::<web_sys::Element>(), ".pm-results h2");
    });
    let skipped = state.guide.skipped.len();
    html! {
        <div class="pm-done" role="status">
            <h2 tabindex="-1">{ words::ui::DONE.get(lang) }</h2>
            <p>{ words::ui::done_counts(&counts, lang) }
            if skipped > 0 { { words::ui::skipped(skipped, lang) } }
            </p>
            <div class="pm-nav">
                if !state.guide.history.is_empty() {
                    <button type="button" class="pm-secondary" onclick={back}>{ words::ui::CHANGE_LAST_ANSWER.get(lang) }</button>
                }
                <button type="button" class="pm-primary" onclick={to_results}>{ words::ui::DONE_SEE_RESULTS.get(lang) }</button>
            </div>
            <super::results::Unlocks catalog={c.0.clone()} profile={state.profile.clone()} eval={props.eval.clone()} {lang} open={true} />
        </div>
    }
}

/// One question as a fieldset. In guided mode (`only`: the options worth showing) options no open
/// measure names are left out.
fn field_view(props: &QuestionsProps, i: usize, only: Option<u64>) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let c = &state.catalog;
    let f = &c.fields[i];
    let next = props.eval.next_question.filter(|_| state.mode == Mode::All);
    let is_next = next.is_some_and(|q| q.field == i);
    let answer = state.profile.get(i);
    // Always shown: "none of these", what is chosen, and every option outside guided mode.
    let chosen = match answer {
        Some(Value::Choice(k)) => 1u64 << k,
        Some(Value::Set(b)) => b,
        _ => 0,
    };
    // An option no longer offered (`ask = false`) is shown only while an old answer holds it.
    let show = |k: usize, exclusive: bool| {
        chosen & (1 << k) != 0 || (f.options[k].ask && (exclusive || only.is_none_or(|m| m & (1 << k) != 0)))
    };
    let name = format!("{}-{}", props.uid, f.id);
    let controls = match f.kind {
        FieldKind::OneOf => radios(props, i, &name, answer, show),
        FieldKind::AnyOf => checkboxes(props, i, &name, answer, show),
        FieldKind::Integer | FieldKind::Number | FieldKind::Year => number_box(props, i, &name),
    };
    let clear = answer.is_some() || state.number_text.contains_key(&i);
    let on_clear = {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::Clear(i)))
    };
    html! {
        <fieldset key={f.id.clone()} id={format!("q-{}", f.id)} class={classes!("pm-q", is_next.then_some("pm-next"), answer.is_some().then_some("pm-answered"))}>
            <legend id={format!("{name}-legend")}>{ f.label.get(lang) }</legend>
            <p class="pm-hint" hidden={!is_next}>{ hint_text(next.filter(|_| is_next), lang) }</p>
            <p class="pm-help" hidden={f.help.is_none()}>{ f.help.as_ref().map(|h| h.get(lang).to_string()).unwrap_or_default() }</p>
            { controls }
            if clear {
                <button type="button" class="pm-link pm-clear" onclick={on_clear}>
                    { words::ui::CLEAR_THIS_ANSWER.get(lang) }
                </button>
            }
        </fieldset>
    }
}

/// The hint on the engine's next question (all questions on one page): how many measures an
/// answer to it decides; empty on every other question.
fn hint_text(next: Option<NextQuestion>, lang: Lang) -> String {
    next.map(|q| words::ui::next_question_hint(q.decides, lang)).unwrap_or_default()
}

/// The radio buttons of a `one_of` question `i` (`name`: its group's name; `show`: whether option
/// `k`, exclusive or not, is shown).
fn radios(
    props: &QuestionsProps,
    i: usize,
    name: &str,
    answer: Option<Value>,
    show: impl Fn(usize, bool) -> bool,
) -> Html {
    let lang = props.state.lang;
    let f = &props.state.catalog.fields[i];
    let on_action = props.on_action.clone();
    html! {
        <div class="pm-options" role="radiogroup" aria-labelledby={format!("{name}-legend")}>
            { for f.options.iter().enumerate().filter(|(k, o)| show(*k, o.exclusive)).map(|(k, o)| {
                let on_action = on_action.clone();
                let onchange = Callback::from(move |_: Event| on_action.emit(Action::Choose(i, Some(k))));
                html! {
                    <label class="pm-opt" key={o.id.clone()}>
                        <input type="radio" name={name.to_string()} value={o.id.clone()}
                            checked={answer == Some(Value::Choice(k))} {onchange} />
                        <span>{ o.label.get(lang) }</span>
                    </label>
                }
            }) }
        </div>
    }
}

/// The checkboxes of an `any_of` question `i`, under the question's headings where it has them
/// (`name`, `show`: as for [`radios`]).
fn checkboxes(
    props: &QuestionsProps,
    i: usize,
    name: &str,
    answer: Option<Value>,
    show: impl Fn(usize, bool) -> bool,
) -> Html {
    let lang = props.state.lang;
    let f = &props.state.catalog.fields[i];
    let on_action = props.on_action.clone();
    let bits = match answer {
        Some(Value::Set(b)) => Some(b),
        _ => None,
    };
    let option = |k: usize| {
        let o = &f.options[k];
        let on_action = on_action.clone();
        let checked = match bits {
            Some(0) => o.exclusive,
            Some(b) => b & (1 << k) != 0,
            None => false,
        };
        let onchange = Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_action.emit(Action::Toggle(i, k, input.checked()));
        });
        html! {
            <label key={o.id.clone()} class={classes!("pm-opt", o.exclusive.then_some("pm-none"))}>
                <input type="checkbox" name={name.to_string()} value={o.id.clone()} {checked} {onchange} />
                <span>{ o.label.get(lang) }</span>
            </label>
        }
    };
    let shown: Vec<usize> = (0..f.options.len()).filter(|&k| show(k, f.options[k].exclusive)).collect();
    if f.groups.is_empty() {
        html! { <div class="pm-options">{ for shown.iter().map(|&k| option(k)) }</div> }
    } else {
        // A long list under headings; groups with nothing to show are left out.
        let groups = f.groups.iter().enumerate().filter_map(|(g, (gid, label))| {
            let members: Vec<usize> = shown.iter().copied().filter(|&k| f.options[k].group == Some(g)).collect();
            (!members.is_empty()).then(|| {
                let head = format!("{name}-g-{gid}");
                html! {
                    <div class="pm-opt-group" role="group" aria-labelledby={head.clone()} key={gid.clone()}>
                        <p class="pm-opt-group-label" id={head}>{ label.get(lang) }</p>
                        <div class="pm-options">{ for members.iter().map(|&k| option(k)) }</div>
                    </div>
                }
            })
        });
        let rest: Vec<usize> = shown.iter().copied().filter(|&k| f.options[k].group.is_none()).collect();
        html! {
            <>
                { for groups }
                <div class="pm-options">{ for rest.iter().map(|&k| option(k)) }</div>
            </>
        }
    }
}

/// The text box of a number question `i`: what is typed stays as typed, with why it is not an
/// answer yet.
fn number_box(props: &QuestionsProps, i: usize, name: &str) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let f = &state.catalog.fields[i];
    let text = state.number_text.get(&i).cloned().unwrap_or_default();
    let error = state.number_error(i);
    let oninput = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_action.emit(Action::Number(i, input.value()));
        })
    };
    let input_id = format!("{name}-input");
    let error_id = format!("{name}-error");
    html! {
        <div class="pm-number">
            <label for={input_id.clone()} class="pm-sr">{ f.label.get(lang) }</label>
            <input id={input_id} type="text" inputmode={if f.kind == FieldKind::Number { "decimal" } else { "numeric" }}
                autocomplete="off" value={text} {oninput}
                aria-invalid={if error.is_some() { "true" } else { "false" }}
                aria-describedby={error.is_some().then(|| error_id.clone())} />
            if let Some(err) = error {
                <p class="pm-field-error" id={error_id}>{ format!("{}{err}", words::ui::PLEASE_ENTER.get(lang)) }</p>
            }
        </div>
    }
}
