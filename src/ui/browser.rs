//! The widget's only contact with browser APIs: today's date, the preferred language, the URL
//! fragment, localStorage, the clipboard, downloads, printing and focusing a question. Failures
//! (storage disabled, no clipboard) are returned or ignored, never panics.

use wasm_bindgen::JsCast;

use crate::catalog::Lang;
use crate::date::Date;

/// The key under which answers are kept when the user opts in.
pub const STORAGE_KEY: &str = "policy-matcher/answers/v1";

/// The browser window; none natively (the prerender step renders the first screen without one:
/// no fragment, no storage, no date from the browser).
fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// Today in Beijing (UTC+8).
pub fn today() -> Date {
    Date::beijing_day_of_unix((js_sys::Date::now() / 1000.0) as i64)
}

/// The page's language: `lang` on the mount element or `<html>`, else the browser's.
pub fn preferred_lang(root: &web_sys::Element) -> Lang {
    let from_attr = |e: Option<web_sys::Element>| e.and_then(|e| e.get_attribute("lang")).and_then(|l| lang_of(&l));
    from_attr(Some(root.clone()))
        .or_else(|| from_attr(window().and_then(|w| w.document()).and_then(|d| d.document_element())))
        .or_else(|| window().and_then(|w| w.navigator().language()).and_then(|l| lang_of(&l)))
        .unwrap_or(Lang::Zh)
}

/// The reader's language for the standalone page: the browser's first zh or en preference, else
/// the page's. (The standalone page is written in Chinese; an English-language browser still gets
/// English. An embedded widget follows its host page instead: `preferred_lang`.)
pub fn browser_lang(root: &web_sys::Element) -> Lang {
    window()
        .map(|w| w.navigator().languages())
        .and_then(|ls| ls.iter().filter_map(|l| l.as_string()).find_map(|l| lang_of(&l)))
        .unwrap_or_else(|| preferred_lang(root))
}

fn lang_of(tag: &str) -> Option<Lang> {
    Lang::from_tag(tag)
}

/// The URL fragment, without `#`.
pub fn fragment() -> String {
    window().and_then(|w| w.location().hash().ok()).map(|h| h.trim_start_matches('#').to_string()).unwrap_or_default()
}

/// The page address without its fragment.
pub fn page_url() -> String {
    let href = window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// Removes the fragment from the address bar (after a share link was read), keeping history clean.
pub fn clear_fragment() {
    if let Some(w) = window() {
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page_url()));
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().and_then(|w| w.local_storage().ok().flatten())
}

pub fn load_saved() -> Option<String> {
    storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
}

/// Saves; returns false when storage is unavailable (private mode, quota, blocked).
pub fn save(text: &str) -> bool {
    storage().is_some_and(|s| s.set_item(STORAGE_KEY, text).is_ok())
}

pub fn forget() {
    if let Some(s) = storage() {
        let _ = s.remove_item(STORAGE_KEY);
    }
}

/// Best-effort copy to the clipboard.
pub fn copy(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Offers `content` as a file download.
pub fn download(name: &str, mime: &str, content: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = doc.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Scrolls to a question (searching from `from`, which may be inside a shadow root) and focuses its
/// first control.
pub fn focus_question(from: &web_sys::Element, field_id: &str) {
    let selector = format!("#q-{field_id}");
    let root = from.closest(".pm-app").ok().flatten().unwrap_or_else(|| from.clone());
    let Some(q) = root.query_selector(&selector).ok().flatten() else { return };
    q.scroll_into_view();
    if let Some(input) = q.query_selector("input, select").ok().flatten() {
        if let Ok(el) = input.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Scrolls to the first element matching `selector` in the same widget as `from`.
pub fn scroll_to(from: &web_sys::Element, selector: &str) {
    let root = from.closest(".pm-app").ok().flatten().unwrap_or_else(|| from.clone());
    if let Some(target) = root.query_selector(selector).ok().flatten() {
        target.scroll_into_view();
    }
}

/// Whether the page is phone-width (guided mode is the default there).
pub fn narrow_viewport() -> bool {
    window().and_then(|w| w.match_media("(max-width: 879px)").ok().flatten()).is_some_and(|m| m.matches())
}

/// Moves keyboard focus to the first element matching `selector` in the same widget as `from`
/// (a heading gets `tabindex=-1` in the markup), scrolling it into view.
pub fn focus_in(from: &web_sys::Element, selector: &str) {
    let root = from.closest(".pm-app").ok().flatten().unwrap_or_else(|| from.clone());
    if let Some(target) = root.query_selector(selector).ok().flatten() {
        target.scroll_into_view();
        if let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// A `hashchange` listener, removed when dropped.
pub struct HashListener(Option<(web_sys::Window, wasm_bindgen::closure::Closure<dyn FnMut()>)>);

impl Drop for HashListener {
    fn drop(&mut self) {
        if let Some((w, c)) = self.0.take() {
            let _ = w.remove_event_listener_with_callback("hashchange", c.as_ref().unchecked_ref());
        }
    }
}

/// Calls `f` whenever the page's fragment changes (a share link pasted into an open tab).
pub fn on_hashchange(f: impl FnMut() + 'static) -> HashListener {
    let Some(w) = window() else { return HashListener(None) };
    let c = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(f);
    let _ = w.add_event_listener_with_callback("hashchange", c.as_ref().unchecked_ref());
    HashListener(Some((w, c)))
}

/// Fires a bubbling, composed `CustomEvent` on the host element (every event the widget sends).
pub fn emit(host: &web_sys::Element, name: &str, detail: &wasm_bindgen::JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(detail);
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&ev);
    }
}
