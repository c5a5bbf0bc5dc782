//! The prerender step of the widget build (scripts/post-build.mjs runs it; feature `prerender`):
//! writes, for each language, the bundled catalog with the texts of that language a screen shows
//! (`catalog-<lang>.bin`, what the widget downloads first), that language's notes and quoted
//! clauses (`details-<lang>.bin`, fetched once the widget runs) and the widget's first screens rendered
//! to static HTML by the same Yew components (`prerender-<lang>.html`): the page shows one at once,
//! so the first question can be answered before the wasm arrives.
//!
//! `prerender-<lang>.html` is a list of `<template data-pm-screen="…">`: `all` (every question on
//! one page), `guided` (the first guided question), `guided entity_type=<option>` (the guided
//! screen after that answer and "continue") and `guided entity_type=` (after "not sure — skip").
//! The loader (www/early.js) picks the screen, swaps it as the person answers, records what they
//! did, and plays it back on the mounted widget.
//!
//! ```text
//! cargo run --release --features prerender --bin prerender -- OUT_DIR
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;

use policy_matcher::catalog::{self, Catalog, Lang};
use policy_matcher::date::Date;
use policy_matcher::engine;
use policy_matcher::ui::state::{next_guided, Action, Mode, State};
use policy_matcher::ui::{App, AppProps, StartWith};

/// One screen: its key and the steps from the empty state.
struct Screen {
    key: String,
    mode: Mode,
    start: Option<StartWith>,
}

fn screens(c: &Catalog) -> Vec<Screen> {
    let mut out = vec![
        Screen { key: "all".into(), mode: Mode::All, start: None },
        Screen { key: "guided".into(), mode: Mode::Guided, start: None },
    ];
    let Some(q) = c.field_index("entity_type") else { return out };
    let field = &c.fields[q];
    // Each answer to the first question, then "continue"; and "not sure — skip".
    let answers = field.options.iter().enumerate().filter(|(_, o)| o.ask).map(|(k, o)| (Some(k), o.id.clone()));
    for (answer, id) in answers.chain([(None, String::new())]) {
        let start = StartWith(Rc::new(move |s: State| {
            let s = match answer {
                Some(k) => s.apply(Action::Choose(q, Some(k))),
                None => s,
            };
            let eval = engine::evaluate(&s.catalog, &s.profile, s.as_of);
            let mut skipped = s.guide.skipped.clone();
            if answer.is_none() {
                skipped.insert(q);
            }
            let next = next_guided(&s.catalog, &s.profile, &eval, &skipped, Some(q));
            s.apply(Action::GuideTo { from: q, next, skip: answer.is_none() })
        }));
        out.push(Screen { key: format!("guided {}={id}", field.id), mode: Mode::Guided, start: Some(start) });
    }
    out
}

fn render(props: AppProps) -> Result<String, String> {
    let runtime = tokio::runtime::Builder::new_current_thread().build().map_err(|e| e.to_string())?;
    let local = tokio::task::LocalSet::new();
    Ok(runtime.block_on(local.run_until(yew::LocalServerRenderer::<App>::with_props(props).hydratable(false).render())))
}

fn run(out: PathBuf) -> Result<(), String> {
    let catalog = policy_matcher::bundled::catalog().map_err(|e| e.to_string())?;
    let today = Date::today();
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    for lang in [Lang::Zh, Lang::En] {
        let c = Rc::new(catalog.in_one_language(lang));
        let write = |name: String, bytes: Vec<u8>| {
            let path = out.join(name);
            std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
        };
        write(format!("catalog-{}.bin", lang.code()), catalog::encode_bundled(&c))?;
        write(format!("details-{}.bin", lang.code()), catalog::encode_details(&catalog.details(lang)))?;
        let mut html = String::new();
        for screen in screens(&c) {
            let props = AppProps {
                catalog: c.clone(),
                lang,
                today,
                storage_allowed: true,
                as_of: None,
                bridge: None,
                mode: Some(screen.mode),
                texts: None,
                start: screen.start,
            };
            let body = render(props)?;
            html.push_str(&format!("<template data-pm-screen=\"{}\">{body}</template>\n", screen.key));
        }
        let page = out.join(format!("prerender-{}.html", lang.code()));
        std::fs::write(&page, html).map_err(|e| format!("{}: {e}", page.display()))?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1) else {
        eprintln!("usage: prerender OUT_DIR");
        return ExitCode::from(2);
    };
    match run(PathBuf::from(out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("prerender: {e}");
            ExitCode::FAILURE
        }
    }
}
