//! The root component: the one reducer, the derived evaluation, the one persistence effect, and
//! the page layout. Initial answers come from a share link in the URL fragment or, if the user
//! opted in earlier, from this device — read once, synchronously, before the first render.

use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

use yew::prelude::*;

use super::browser;
use super::qr::qr_code;
use super::questions::Questions;
use super::results::Results;
use super::state::{Action, Mode, Notice, State};
use super::toolbar::{Footer, Toolbar};
use crate::catalog::{Catalog, Lang, Part, Text};
use crate::date::Date;
use crate::engine::{self, Evaluation, Group};
use crate::profile::Profile;
use crate::share::{self, ShareError};
use crate::words;

/// What an embedding host hears from the app (the custom element's bridge, `embed::Bridge`):
/// how to reach its reducer once it has rendered, and each evaluation. Defined here, implemented
/// by `embed`, so that the views import nothing of the embedding layer above them.
pub trait Host {
    /// After the first render, and when the catalog changes.
    fn connect(&self, dispatch: Callback<Action>, catalog: Rc<Catalog>);
    /// After each evaluation.
    fn changed(self: Rc<Self>, catalog: Rc<Catalog>, profile: Profile, eval: Rc<Evaluation>);
}

/// A host, compared by identity (for Yew props).
#[derive(Clone)]
pub struct HostRef(pub Rc<dyn Host>);

impl PartialEq for HostRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::addr_eq(Rc::as_ptr(&self.0), Rc::as_ptr(&other.0))
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub catalog: Rc<Catalog>,
    pub lang: Lang,
    pub today: Date,
    /// Whether the host allows on-device storage at all.
    pub storage_allowed: bool,
    /// The evaluation date the host asks for (default today).
    #[prop_or_default]
    pub as_of: Option<Date>,
    /// The link to a host element (custom element embedding).
    #[prop_or_default]
    pub bridge: Option<HostRef>,
    /// How the questions are shown; by default one at a time on a phone, all at once otherwise.
    #[prop_or_default]
    pub mode: Option<Mode>,
    /// Where the catalog's texts in another language come from (the widget downloads the page's
    /// language first); `None`: the catalog has every language it will be shown in.
    #[prop_or_default]
    pub texts: Option<super::TextsLoader>,
    /// Steps taken from the first state before the first render: the prerender step's guided
    /// screens (a question answered, then "continue").
    #[prop_or_default]
    pub start: Option<super::StartWith>,
}

fn notice(error: bool, text: Text) -> Notice {
    Notice { error, text }
}

/// The answers in words, for the printout: "Who is applying?: Company; …".
fn answers_text(state: &State, eval: &Evaluation) -> String {
    let lang = state.lang;
    let parts: Vec<String> = state
        .catalog
        .fields
        .iter()
        .enumerate()
        .filter(|(i, _)| state.profile.get(*i).is_some())
        .map(|(i, f)| {
            let label = f.label.get(lang).trim_end_matches(['?', '？']);
            format!("{label}{}{}", words::ui::LABEL_COLON.get(lang), words::answer_text(f, eval.slots.slots[i], lang))
        })
        .collect();
    if parts.is_empty() {
        words::ui::NO_ANSWERS_YET.get(lang).to_string()
    } else {
        parts.join(words::SEMICOLON.get(lang))
    }
}

/// The state to start from: a share link wins over saved answers; either may be bad.
fn initial_state(props: &AppProps) -> State {
    let mut s = State::new(props.catalog.clone(), props.lang, props.today).settled();
    // One question at a time on a phone; every question on one page on a wider screen.
    s.mode = props.mode.unwrap_or(if browser::narrow_viewport() { Mode::Guided } else { Mode::All });
    if let Some(d) = props.as_of {
        s.as_of = d;
    }
    let c = &props.catalog;
    let year = props.today.year();
    let fragment = browser::fragment();
    if share::decode_fragment(c, &fragment, year) != Err(ShareError::NotOurs) {
        s = s.apply(Action::OpenLink(fragment));
        browser::clear_fragment();
        if s.notices.iter().all(|n| !n.error) {
            return with_number_text(s, props);
        }
    }
    if props.storage_allowed {
        if let Some(saved) = browser::load_saved() {
            match share::decode_fragment(c, &saved, year) {
                Ok(shared) => {
                    if shared.version != c.version {
                        s.notices.push(notice(false, words::ui::SAVED_FROM_OLDER_CATALOG.text()));
                    }
                    s.profile = shared.profile;
                    if let Some(l) = shared.lang {
                        s.lang = l;
                        s.wanted_lang = None;
                    }
                    s.remember = true;
                }
                Err(e) => {
                    browser::forget();
                    s.notices.push(notice(true, words::ui::saved_answers_damaged(|l| e.text(l))));
                }
            }
        }
    }
    with_number_text(s.settled(), props)
}

/// Fills the number boxes from the loaded answers, then takes the host's first steps.
fn with_number_text(mut s: State, props: &AppProps) -> State {
    s.sync_number_text();
    match &props.start {
        Some(start) => (start.0)(s),
        None => s,
    }
}

static INSTANCES: AtomicUsize = AtomicUsize::new(0);

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer({
        let props = props.clone();
        move || initial_state(&props)
    });
    // A unique prefix for ids and radio-group names, so that several widgets can share a page.
    let uid = use_state(|| format!("pm{}", INSTANCES.fetch_add(1, Ordering::Relaxed)));

    // Persistence, in one place: write when the user opted in, erase when they opted out.
    {
        let allowed = props.storage_allowed;
        let catalog = state.catalog.clone();
        use_effect_with((state.profile.clone(), state.remember, state.lang), move |(profile, remember, lang)| {
            if allowed {
                if *remember {
                    browser::save(&share::encode(&catalog, profile, None, Some(*lang)));
                } else {
                    browser::forget();
                }
            }
        });
    }

    let eval: Rc<Evaluation> = {
        let catalog = state.catalog.clone();
        use_memo((state.profile.clone(), state.as_of, state.catalog.version.clone()), move |(profile, as_of, _)| {
            engine::evaluate(&catalog, profile, *as_of)
        })
    };

    let on_action: Callback<Action> = {
        let state = state.clone();
        Callback::from(move |a| state.dispatch(a))
    };
    // A language whose texts are not here yet: fetch them, then show it; and the notes and clauses
    // of the language shown, once the widget runs (they are shown only with a card's reasons).
    {
        let texts = props.texts.clone();
        let on_action = on_action.clone();
        let details = state.catalog.has_details(state.lang);
        use_effect_with(
            (state.wanted_lang.or(state.extra_lang), state.lang, details),
            move |&(wanted, lang, details)| {
                if let Some(l) = wanted {
                    fetch_texts(&texts, &on_action, l, Part::Face);
                }
                if !details {
                    fetch_texts(&texts, &on_action, lang, Part::Details);
                }
            },
        );
    }
    // Embedded: keep the host's handle pointed at this app, and tell the host after each evaluation.
    {
        // After the first render (and when the catalog changes): how the host reaches this app.
        let bridge = props.bridge.clone();
        let on_action = on_action.clone();
        let catalog = state.catalog.clone();
        // Keyed by the version: comparing catalogs by value would cost a catalog per render.
        use_effect_with(state.catalog.version.clone(), move |_| {
            if let Some(b) = bridge {
                b.0.connect(on_action, catalog.0);
            }
        });
    }
    {
        // A share link pasted into a tab that already shows the widget is applied too.
        let on_action = on_action.clone();
        let catalog = state.catalog.clone();
        let year = state.today.year();
        use_effect_with((), move |_| {
            let listener = browser::on_hashchange(move || {
                let fragment = browser::fragment();
                if share::decode_fragment(&catalog, &fragment, year) != Err(ShareError::NotOurs) {
                    on_action.emit(Action::OpenLink(fragment));
                    browser::clear_fragment();
                }
            });
            move || drop(listener)
        });
    }
    {
        let bridge = props.bridge.clone();
        let catalog = state.catalog.clone();
        let profile = state.profile.clone();
        use_effect_with(eval.clone(), move |eval| {
            if let Some(b) = bridge {
                b.0.clone().changed(catalog.0, profile, eval.clone());
            }
        });
    }
    page(props, &state, &eval, &uid, &on_action)
}

/// Fetches a part of the catalog's texts in language `l` through the host's loader and adds it
/// (`Action::AddLanguage`, `Action::AddDetails`); a language whose catalog file cannot come is
/// reported (`Action::LanguageFailed`).
fn fetch_texts(texts: &Option<super::TextsLoader>, on_action: &Callback<Action>, l: Lang, part: Part) {
    let on_action = on_action.clone();
    let done = Callback::from(move |r: Result<Vec<u8>, String>| {
        let face = |b: Vec<u8>| super::decode(&b).map(|c| Action::AddLanguage(Rc::new(c)));
        let details = |b: Vec<u8>| crate::catalog::decode_details(&b).map(|d| Action::AddDetails(Rc::new(d)));
        let action = r.and_then(|b| if part == Part::Face { face(b) } else { details(b) }.map_err(|e| e.to_string()));
        match action {
            Ok(a) => on_action.emit(a),
            Err(why) if part == Part::Face => on_action.emit(Action::LanguageFailed(l, why)),
            // No details: the cards say so where they would be; the next language change tries again.
            Err(_) => {}
        }
    });
    match texts {
        Some(t) => (t.0)(l, part, done),
        None => done.emit(Err("no source for them".into())),
    }
}

/// The progress line: questions answered of those that apply, and how many measures meet the
/// published conditions and are to confirm (`c`: the programmes' counts by group).
fn progress_text(state: &State, eval: &Evaluation, c: &engine::PerGroup<usize>) -> String {
    let visible: Vec<usize> = (0..state.catalog.fields.len())
        .filter(|&f| state.catalog.fields[f].ask && eval.slots.asked[f] == engine::Truth::Met)
        .collect();
    let answered = visible.iter().filter(|&&f| state.profile.get(f).is_some()).count();
    words::ui::progress(answered, visible.len(), c[Group::Eligible], c[Group::Confirm], state.lang)
}

/// The notices above the widget, each with its "dismiss" button.
fn notices<'a>(state: &'a State, on_action: &'a Callback<Action>) -> impl Iterator<Item = Html> + 'a {
    let lang = state.lang;
    state.notices.iter().enumerate().map(move |(i, n)| {
        let on_action = on_action.clone();
        html! {
            <div class={classes!("pm-notice", n.error.then_some("pm-error"))} role={if n.error { "alert" } else { "status" }}>
                <p>{ n.text.get(lang) }</p>
                <button type="button" class="pm-link" onclick={move |_| on_action.emit(Action::Dismiss(i))}>
                    { words::ui::DISMISS.get(lang) }
                </button>
            </div>
        }
    })
}

/// The page: the skip link, the header with the toolbar, the notices, the progress line, what only
/// a printout shows, the questions beside the results, the footer, and the live region.
fn page(
    props: &AppProps,
    state: &UseReducerHandle<State>,
    eval: &Rc<Evaluation>,
    uid: &str,
    on_action: &Callback<Action>,
) -> Html {
    let lang = state.lang;
    let c = eval.programme_counts(&state.catalog);
    let progress = progress_text(state, eval, &c);
    let live = words::ui::live_counts(&c, lang);
    html! {
        // `data-pm`: "prerendered" in the static first screen (src/bin/prerender.rs), "live" once
        // the wasm runs it.
        <div class="pm-app" lang={if lang == Lang::Zh { "zh-CN" } else { "en" }} part="app"
            data-pm={if cfg!(target_arch = "wasm32") { "live" } else { "prerendered" }}>
            <a class="pm-skip" href="#" onclick={Callback::from(|e: MouseEvent| {
                e.prevent_default();
                browser::focus_in(&e.target_unchecked_into::<web_sys::Element>(), ".pm-results > h2");
            })}>{ words::ui::SKIP_TO_RESULTS.get(lang) }</a>
            <header class="pm-header" part="header">
                <div class="pm-title">
                    <h1>{ words::ui::TITLE.get(lang) }</h1>
                    <p class="pm-privacy">{ words::ui::PRIVACY.get(lang) }</p>
                </div>
                <Toolbar state={state.clone()} on_action={on_action.clone()} />
            </header>
            { for notices(state, on_action) }
            if let Some(l) = state.wanted_lang {
                <p class="pm-notice pm-loading-lang" role="status" lang={l.code()}>{ words::loading_language(l) }</p>
            }
            <div class="pm-progress" part="progress">
                <p>{ progress }</p>
                <button type="button" class="pm-link pm-to-results" onclick={Callback::from(|e: MouseEvent| {
                    browser::focus_in(&e.target_unchecked_into::<web_sys::Element>(), ".pm-results > h2");
                })}>{ words::ui::SEE_RESULTS.get(lang) }</button>
            </div>
            <div class="pm-print-only">
                <p>{ format!("{}{} · {}{} · {}", words::ui::PRINT_EVALUATED_ON.get(lang), state.as_of, words::ui::PRINT_CATALOG.get(lang), state.catalog.version, browser::page_url()) }</p>
                <p class="pm-print-answers">{ words::ui::PRINT_ANSWERS.get(lang) }{ answers_text(state, eval) }</p>
                if let Some(url) = &state.share_url {
                    { qr_code(url, lang, "pm-print-qr") }
                }
            </div>
            <div class="pm-layout">
                <Questions state={state.clone()} eval={eval.clone()} uid={uid.to_string()} on_action={on_action.clone()} />
                <Results state={state.clone()} eval={eval.clone()} uid={uid.to_string()} on_action={on_action.clone()} />
            </div>
            <Footer state={state.clone()} eval={eval.clone()} storage_allowed={props.storage_allowed} on_action={on_action.clone()} />
            <div class="pm-sr" aria-live="polite" aria-atomic="true">{ live }</div>
        </div>
    }
}
