//! The Yew widget (browser only). `mount` puts the app into any element; the standalone page calls
//! it on `#policy-matcher-app`. Submodules: `state` (the one reducer), `app` (the root and its one
//! persistence effect), `questions`, `results`, `toolbar` (views), `browser` (storage, location,
//! downloads — the only code that touches web-sys directly).

pub mod app;
pub mod browser;
pub mod crash;
pub mod questions;
pub mod results;
pub mod state;
pub mod toolbar;

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::catalog::{Catalog, Lang};

pub use app::{App, AppProps};

/// The bundled catalog, validated. Build-time validation makes failure here a build bug; it is
/// still reported rather than unwrapped.
pub fn bundled_catalog() -> Result<Rc<Catalog>, crate::catalog::CatalogError> {
    crate::bundled::catalog().map(Rc::new)
}

/// Options a host gives the widget.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct MountOptions {
    pub lang: Option<Lang>,
    /// Whether on-device storage is allowed at all.
    pub storage_allowed: bool,
    pub as_of: Option<crate::date::Date>,
    /// How the questions are shown (default: by screen width).
    pub mode: Option<state::Mode>,
}

/// Mounts the widget into `root`.
pub fn mount(
    root: web_sys::Element,
    options: MountOptions,
) -> Result<yew::AppHandle<App>, crate::catalog::CatalogError> {
    let catalog = bundled_catalog()?;
    let lang = options.lang.unwrap_or_else(|| browser::preferred_lang(&root));
    let props = AppProps {
        catalog,
        lang,
        today: browser::today(),
        storage_allowed: options.storage_allowed,
        as_of: options.as_of,
        bridge: None,
        mode: options.mode,
    };
    root.set_inner_html(""); // the page's "loading…" placeholder
    Ok(yew::Renderer::<App>::with_root_and_props(root, props).render())
}

/// Runs when the module loads: on the standalone page, mount into `#policy-matcher-app`.
#[wasm_bindgen(start)]
pub fn start() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(root) = doc.get_element_by_id("policy-matcher-app") {
        crash::register(&root, None);
        let lang = Some(browser::browser_lang(&root));
        if let Err(e) = mount(root.clone(), MountOptions { lang, storage_allowed: true, as_of: None, mode: None }) {
            root.set_text_content(Some(&format!("政策匹配工具无法启动 / policy-matcher could not start: {e}")));
        }
    }
}
