//! The last line of defence: a panic hook. If anything in the wasm panics, every mounted widget
//! is replaced by a readable error state with a "start over" button (which clears saved answers
//! and reloads), and the host hears about it through `policy-matcher-error` (`fatal: true`).
//! It uses only web-sys, so it works even when the app's own state is broken.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::browser;
use crate::catalog::Lang;
use crate::words;

thread_local! {
    static ROOTS: RefCell<Vec<(web_sys::Element, Option<web_sys::Element>)>> = const { RefCell::new(Vec::new()) };
}

/// Remembers a mounted widget (its root, and the host element to notify, if embedded).
pub fn register(root: &web_sys::Element, host: Option<&web_sys::Element>) {
    install();
    ROOTS.with(|r| {
        if let Ok(mut r) = r.try_borrow_mut() {
            r.push((root.clone(), host.cloned()));
        }
    });
}

pub fn unregister(root: &web_sys::Element) {
    ROOTS.with(|r| {
        if let Ok(mut r) = r.try_borrow_mut() {
            r.retain(|(e, _)| e != root);
        }
    });
}

fn install() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Through Yew, which would otherwise install its own console hook on every render.
        yew::set_custom_panic_hook(Box::new(|info| {
            let message = info.to_string();
            web_sys::console::error_1(&format!("policy-matcher crashed: {message}").into());
            let roots = ROOTS.with(|r| r.try_borrow().map(|r| r.clone()).unwrap_or_default());
            for (root, host) in roots {
                show(&root, host.as_ref(), &message);
            }
        }));
    });
}

fn show(root: &web_sys::Element, host: Option<&web_sys::Element>, message: &str) -> Option<()> {
    let doc = root.owner_document()?;
    let el = |tag: &str, class: &str, text: &str| -> Option<web_sys::Element> {
        let e = doc.create_element(tag).ok()?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        if !text.is_empty() {
            e.set_text_content(Some(text));
        }
        Some(e)
    };
    // In the language the app was showing (read from its root before it is replaced).
    let zh = root
        .query_selector(".pm-app")
        .ok()
        .flatten()
        .and_then(|a| a.get_attribute("lang"))
        .map_or_else(|| browser::preferred_lang(root) == Lang::Zh, |l| l.starts_with("zh"));
    let lang = if zh { Lang::Zh } else { Lang::En };
    let box_ = el("div", "pm-app pm-crash", "")?;
    box_.set_attribute("role", "alert").ok()?;
    box_.set_attribute("lang", if zh { "zh-CN" } else { "en" }).ok()?;
    let h2 = el("h2", "", words::ui::CRASH_TITLE.get(lang))?;
    box_.append_child(&h2).ok()?;
    let p = el("p", "", words::ui::CRASH_TEXT.get(lang))?;
    box_.append_child(&p).ok()?;
    let details = el("details", "", "")?;
    let summary = el("summary", "", words::ui::CRASH_DETAILS.get(lang))?;
    details.append_child(&summary).ok()?;
    let pre = el("pre", "", message)?;
    details.append_child(&pre).ok()?;
    box_.append_child(&details).ok()?;
    let button = el("button", "", words::ui::START_OVER.get(lang))?;
    button.set_attribute("type", "button").ok()?;
    let restart = Closure::<dyn FnMut()>::new(|| {
        browser::forget();
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    button.add_event_listener_with_callback("click", restart.as_ref().unchecked_ref()).ok()?;
    restart.forget();
    box_.append_child(&button).ok()?;
    root.set_text_content(None);
    root.append_child(&box_).ok()?;
    if let Some(host) = host {
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"message".into(), &format!("policy-matcher crashed: {message}").into());
        let _ = js_sys::Reflect::set(&detail, &"fatal".into(), &JsValue::TRUE);
        super::browser::emit(host, "policy-matcher-error", &detail);
    }
    Some(())
}
