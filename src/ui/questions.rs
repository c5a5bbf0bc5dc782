//! The questionnaire, generated from the catalog's questions: radio groups, checkbox groups and
//! number boxes, each a fieldset with a legend, help text and its own clear button. Follow-up
//! questions appear only when they apply; the engine's next question is highlighted.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::{Action, State};
use crate::catalog::{FieldKind, Lang};
use crate::engine::{Evaluation, Truth};
use crate::profile::Value;
use crate::words::tr;

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
    let c = &state.catalog;
    let next = props.eval.next_question;
    let fields = c.fields.iter().enumerate().filter(|(i, f)| f.ask && props.eval.slots.asked[*i] == Truth::Met).map(|(i, f)| {
        let is_next = next.is_some_and(|q| q.field == i);
        let answer = state.profile.get(i);
        let name = format!("{}-{}", props.uid, f.id);
        let on_action = props.on_action.clone();
        let controls = match f.kind {
            FieldKind::OneOf => html! {
                <div class="pm-options" role="radiogroup" aria-labelledby={format!("{name}-legend")}>
                    { for f.options.iter().enumerate().map(|(k, o)| {
                        let on_action = on_action.clone();
                        let onchange = Callback::from(move |_: Event| on_action.emit(Action::Choose(i, Some(k))));
                        html! {
                            <label class="pm-opt" key={o.id.clone()}>
                                <input type="radio" name={name.clone()} value={o.id.clone()}
                                    checked={answer == Some(Value::Choice(k))} {onchange} />
                                <span>{ o.label.get(lang) }</span>
                            </label>
                        }
                    }) }
                </div>
            },
            FieldKind::AnyOf => {
                let bits = match answer {
                    Some(Value::Set(b)) => Some(b),
                    _ => None,
                };
                html! {
                    <div class="pm-options">
                        { for f.options.iter().enumerate().map(|(k, o)| {
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
                                    <input type="checkbox" name={name.clone()} value={o.id.clone()} {checked} {onchange} />
                                    <span>{ o.label.get(lang) }</span>
                                </label>
                            }
                        }) }
                    </div>
                }
            }
            FieldKind::Integer | FieldKind::Number | FieldKind::Year => {
                let text = state.number_text.get(&i).cloned().unwrap_or_default();
                let error = state.number_error(i);
                let oninput = {
                    let on_action = on_action.clone();
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
                            <p class="pm-field-error" id={error_id}>{ format!("{}{err}", tr(lang, "请填写：", "Please enter ")) }</p>
                        }
                    </div>
                }
            }
        };
        let clear = answer.is_some() || state.number_text.contains_key(&i);
        let on_clear = {
            let on_action = on_action.clone();
            Callback::from(move |_: MouseEvent| on_action.emit(Action::Clear(i)))
        };
        html! {
            <fieldset key={f.id.clone()} id={format!("q-{}", f.id)} class={classes!("pm-q", is_next.then_some("pm-next"), answer.is_some().then_some("pm-answered"))}>
                <legend id={format!("{name}-legend")}>{ f.label.get(lang) }</legend>
                <p class="pm-hint" hidden={!is_next}>{ match (next.filter(|_| is_next), lang) {
                    (None, _) => String::new(),
                    (Some(q), Lang::Zh) => format!("建议下一题回答此项——它可决定 {} 项措施", q.decides),
                    (Some(q), Lang::En) => format!("Answer this next — it decides {} measure{}", q.decides, if q.decides == 1 { "" } else { "s" }),
                } }</p>
                <p class="pm-help" hidden={f.help.is_none()}>{ f.help.as_ref().map(|h| h.get(lang).to_string()).unwrap_or_default() }</p>
                { controls }
                if clear {
                    <button type="button" class="pm-link pm-clear" onclick={on_clear}>
                        { tr(lang, "清除此题", "Clear this answer") }
                    </button>
                }
            </fieldset>
        }
    });
    html! {
        <section class="pm-questions" aria-label={tr(lang, "问题", "Questions")} part="questions">
            <h2>{ tr(lang, "关于您", "About you") }</h2>
            <div class="pm-fields">{ for fields }</div>
        </section>
    }
}
