//! The Yew widget (browser only). `mount` puts the app into any element; the standalone page calls
//! it on `#policy-matcher-app`. Submodules: `state` (the one reducer), `app` (the root and its one
//! persistence effect), `questions`, `results`, `toolbar` (views), `browser` (storage, location,
//! downloads — the only code that touches web-sys directly).

pub mod app;
pub mod browser;
pub mod card;
pub mod crash;
pub mod filters;
pub mod qr;
pub mod questions;
pub mod results;
pub mod state;
pub mod toolbar;

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::catalog::{Catalog, Lang, Part};

pub use app::{App, AppProps};

/// The bundled catalog in both languages, validated (native and the browser tests; the widget
/// receives its catalog from the page instead: [`mount_page`], `embed::mount_widget`).
pub fn bundled_catalog() -> Result<Rc<Catalog>, crate::catalog::CatalogError> {
    crate::bundled::catalog().map(Rc::new)
}

/// Fetches a part of the catalog's texts in a language — the file the build wrote for it — and
/// hands its bytes, or why not, to the callback.
#[derive(Clone)]
pub struct TextsLoader(pub Rc<dyn Fn(Lang, Part, Fetched)>);

/// What a `TextsLoader` hands back: the file's bytes, or why not.
pub type Fetched = yew::Callback<Result<Vec<u8>, String>>;

impl PartialEq for TextsLoader {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl TextsLoader {
    /// From the page's function `(lang, part) => Promise<ArrayBuffer>` (`part`: `face`, the
    /// catalog file of that language; `details`, its notes and clauses).
    pub fn from_js(fetch: js_sys::Function) -> TextsLoader {
        TextsLoader(Rc::new(move |lang: Lang, part: Part, done: Fetched| {
            let part = if part == Part::Face { "face" } else { "details" };
            let promise = fetch.call2(&JsValue::NULL, &JsValue::from_str(lang.code()), &JsValue::from_str(part));
            wasm_bindgen_futures::spawn_local(async move {
                let bytes = match promise {
                    Ok(p) => wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&p)).await,
                    Err(e) => Err(e),
                };
                done.emit(match bytes {
                    Ok(b) => Ok(js_sys::Uint8Array::new(&b).to_vec()),
                    Err(e) => {
                        Err(e.as_string().or_else(|| js_sys::Error::from(e).message().as_string()).unwrap_or_default())
                    }
                });
            });
        }))
    }
}

/// A catalog file the build wrote (`catalog-<lang>-<hash>.bin`), decoded.
pub fn decode(bytes: &[u8]) -> Result<Catalog, crate::catalog::CatalogError> {
    crate::catalog::decode_bundled(bytes)
}

/// Steps taken from the first state before the first render (see `AppProps::start`).
#[derive(Clone)]
pub struct StartWith(pub Rc<dyn Fn(state::State) -> state::State>);

impl PartialEq for StartWith {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Options a host gives the widget.
#[derive(Clone, PartialEq, Default)]
pub struct MountOptions {
    pub lang: Option<Lang>,
    /// Whether on-device storage is allowed at all.
    pub storage_allowed: bool,
    pub as_of: Option<crate::date::Date>,
    /// How the questions are shown (default: by screen width).
    pub mode: Option<state::Mode>,
    /// Where the texts of the other language come from.
    pub texts: Option<TextsLoader>,
}

/// Mounts the widget into `root`, replacing what it shows (a loading line, the prerendered first
/// screen).
pub fn mount(root: web_sys::Element, catalog: Rc<Catalog>, options: MountOptions) -> yew::AppHandle<App> {
    let lang = options.lang.unwrap_or_else(|| browser::preferred_lang(&root));
    let props = AppProps {
        catalog,
        lang,
        today: browser::today(),
        storage_allowed: options.storage_allowed,
        as_of: options.as_of,
        bridge: None,
        mode: options.mode,
        texts: options.texts,
        start: None,
    };
    root.set_inner_html("");
    yew::Renderer::<App>::with_root_and_props(root, props).render()
}

/// The standalone page (index.html's loader calls it once the module and the catalog file of the
/// page's language are in): mounts into `root` in `lang` (`zh`/`en`; else the browser's).
#[wasm_bindgen]
pub fn mount_page(root: web_sys::Element, catalog: &[u8], lang: Option<String>, texts: js_sys::Function) {
    crash::register(&root, None);
    let lang = lang.as_deref().and_then(Lang::parse).or_else(|| Some(browser::browser_lang(&root)));
    match decode(catalog) {
        Ok(c) => {
            let options = MountOptions {
                lang,
                storage_allowed: true,
                as_of: None,
                mode: None,
                texts: Some(TextsLoader::from_js(texts)),
            };
            std::mem::forget(mount(root, Rc::new(c), options));
        }
        Err(e) => root.set_text_content(Some(&format!("{}: {e}", crate::words::ui::COULD_NOT_START))),
    }
}
