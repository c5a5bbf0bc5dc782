//! policy-matcher: which public support measures apply to an applicant, explained.
//!
//! ```text
//! data/*.toml ──catalog::load──▶ Catalog (validated; build time in the browser)
//! answers ──profile::decode──▶ Profile (absent = unknown)
//! (Catalog, Profile, as_of) ──engine::evaluate──▶ Evaluation (verdicts, traces as data)
//! Evaluation ──report──▶ JSON / text in zh or en (CLI), or the widget's view
//! ```
//!
//! `catalog`, `profile`, `engine` and `report` are pure Rust with no browser crates, so
//! `cargo test` covers them natively.

/// The browser build's allocator (see Cargo.toml).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod bundled;
pub mod catalog;
pub mod date;
pub mod engine;
pub mod number;
pub mod profile;
pub mod report;
pub mod search;
pub mod session;
pub mod share;
/// Synthetic catalogs and profiles for benchmarks and robustness tests (native only: never in the
/// widget).
#[cfg(not(target_arch = "wasm32"))]
pub mod synth;
pub mod words;

#[cfg(not(target_arch = "wasm32"))]
pub mod jsonlogic;

// Native only (the CLI and the tests): the wasm build must not grow.
#[cfg(not(target_arch = "wasm32"))]
pub mod batch;
/// The catalog check page's report (native, and in the browser the check module: feature `check`).
#[cfg(any(not(target_arch = "wasm32"), feature = "check"))]
pub mod check;
#[cfg(any(not(target_arch = "wasm32"), feature = "check"))]
pub mod diff;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
#[cfg(any(not(target_arch = "wasm32"), feature = "check"))]
pub mod stats;

// The widget: in the browser, and natively for the prerender step (feature `prerender`).
#[cfg(any(all(target_arch = "wasm32", not(feature = "bench-minimal")), feature = "prerender"))]
pub mod embed;
#[cfg(any(all(target_arch = "wasm32", not(feature = "bench-minimal")), feature = "prerender"))]
pub mod ui;

/// The cold-start baseline: the smallest Yew app, built the same way (feature `bench-minimal`).
#[cfg(all(target_arch = "wasm32", feature = "bench-minimal"))]
pub mod minimal {
    use yew::prelude::*;

    #[component]
    fn Minimal() -> Html {
        let n = use_state(|| 0);
        let onclick = {
            let n = n.clone();
            Callback::from(move |_| n.set(*n + 1))
        };
        html! { <main><h1>{ "Minimal Yew app" }</h1><button id="ready" {onclick}>{ format!("clicked {}", *n) }</button></main> }
    }

    #[wasm_bindgen::prelude::wasm_bindgen(start)]
    pub fn start() {
        if let Some(root) =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("policy-matcher-app"))
        {
            yew::Renderer::<Minimal>::with_root(root).render();
        }
    }
}
