//! The embedding API (browser only): what `policy-matcher.js` — the `<policy-matcher>` custom
//! element — calls. `mount_widget` starts an app in an element (normally a div inside the
//! element's shadow root) and returns a `Widget` handle with setters for the attributes, the JS
//! API (`setProfile`, `profile`, `results`), a runtime catalog, and `destroy`. The app reports
//! back through a `Bridge`: after each evaluation it fires `policy-matcher-change` on the host
//! element with `{profile, results}`; every refused input fires `policy-matcher-error` with a
//! readable message (and shows it in the widget).

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use yew::Callback;

use crate::catalog::{self, Catalog, Lang};
use crate::date::Date;
use crate::engine::Evaluation;
use crate::profile::{self, Profile, RawProfile};
use crate::report;
use crate::ui::state::{Action, Notice};
use crate::ui::{self, browser, App, AppProps};

/// The link between a mounted app and its host element.
pub struct Bridge {
    host: web_sys::Element,
    dispatch: RefCell<Option<Callback<Action>>>,
    catalog: RefCell<Option<Rc<Catalog>>>,
    today: Date,
    snapshot: RefCell<(JsValue, JsValue)>,
}

/// Compares bridges by identity (for Yew props).
#[derive(Clone)]
pub struct BridgeRef(pub Rc<Bridge>);

impl PartialEq for BridgeRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

fn to_js<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or_else(|e| {
        web_sys::console::error_1(&format!("policy-matcher: cannot hand a value to JavaScript: {e}").into());
        JsValue::NULL
    })
}

fn emit(host: &web_sys::Element, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(detail);
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&ev);
    }
}

impl Bridge {
    /// Called by the app on every render: how to reach its reducer, and its current catalog.
    pub fn connect(&self, dispatch: Callback<Action>, catalog: Rc<Catalog>) {
        *self.dispatch.borrow_mut() = Some(dispatch);
        *self.catalog.borrow_mut() = Some(catalog);
    }

    /// Called by the app after each evaluation.
    pub fn changed(&self, catalog: &Catalog, profile: &Profile, eval: &Evaluation) {
        let p = to_js(&profile.to_raw(catalog));
        let r = to_js(&report::report(catalog, eval));
        *self.snapshot.borrow_mut() = (p.clone(), r.clone());
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"profile".into(), &p);
        let _ = js_sys::Reflect::set(&detail, &"results".into(), &r);
        emit(&self.host, "policy-matcher-change", &detail);
    }

    /// Reports a refused input: an error event for the host, a notice for the person.
    pub fn error(&self, zh: String, en: String) -> JsValue {
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"message".into(), &JsValue::from_str(&en));
        let _ = js_sys::Reflect::set(&detail, &"message_zh".into(), &JsValue::from_str(&zh));
        emit(&self.host, "policy-matcher-error", &detail);
        self.send(Action::Notify(Notice { error: true, zh, en: en.clone() }));
        JsError::new(&en).into()
    }

    fn send(&self, a: Action) {
        if let Some(d) = self.dispatch.borrow().as_ref() {
            d.emit(a);
        }
    }

    fn catalog(&self) -> Option<Rc<Catalog>> {
        self.catalog.borrow().clone()
    }
}

/// Parses the `lang` attribute; `None` for absent.
fn parse_lang(v: &str) -> Result<Lang, (String, String)> {
    let v = v.trim();
    Lang::parse(v)
        .or_else(|| Lang::parse(&v.to_ascii_lowercase()))
        .or_else(|| v.to_ascii_lowercase().starts_with("zh").then_some(Lang::Zh))
        .ok_or_else(|| {
            (
                format!("lang=\"{v}\" 无效；可选值：zh、en"),
                format!("lang=\"{v}\" is not a language this widget speaks; allowed: zh, en"),
            )
        })
}

fn parse_date(v: &str) -> Result<Date, (String, String)> {
    Date::parse(v.trim()).map_err(|e| {
        (
            format!("as-of=\"{v}\" 不是有效日期（应为 YYYY-MM-DD，如 2024-10-09）"),
            format!("as-of=\"{v}\" is not a date: {e}"),
        )
    })
}

fn parse_bool(v: &str) -> Result<bool, (String, String)> {
    match v.trim().to_ascii_lowercase().as_str() {
        "" | "true" | "yes" | "on" | "1" => Ok(true),
        "false" | "no" | "off" | "0" => Ok(false),
        _ => Err((
            format!("remember=\"{v}\" 无效；可选值：true、false"),
            format!("remember=\"{v}\" is not allowed; use true or false"),
        )),
    }
}

/// A mounted widget, held by the custom element.
#[wasm_bindgen]
pub struct Widget {
    handle: Option<yew::AppHandle<App>>,
    bridge: Rc<Bridge>,
    root: web_sys::Element,
}

/// Mounts the widget into `root`, reporting to `host`. `lang`, `as_of` and `remember` are the raw
/// attribute values (or undefined); a bad one is reported and its default used.
#[wasm_bindgen]
pub fn mount_widget(
    root: web_sys::Element,
    host: web_sys::Element,
    lang: Option<String>,
    as_of: Option<String>,
    remember: Option<String>,
) -> Result<Widget, JsValue> {
    let catalog = ui::bundled_catalog().map_err(|e| JsValue::from(JsError::new(&e)))?;
    let today = browser::today();
    let bridge = Rc::new(Bridge {
        host: host.clone(),
        dispatch: RefCell::new(None),
        catalog: RefCell::new(Some(catalog.clone())),
        today,
        snapshot: RefCell::new((JsValue::NULL, JsValue::NULL)),
    });
    let mut errors = Vec::new();
    let lang = match lang.as_deref().map(parse_lang) {
        Some(Ok(l)) => l,
        Some(Err(e)) => {
            errors.push(e);
            browser::preferred_lang(&host)
        }
        None => browser::preferred_lang(&host),
    };
    let as_of = match as_of.as_deref().map(parse_date) {
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            errors.push(e);
            None
        }
        None => None,
    };
    let storage_allowed = match remember.as_deref().map(parse_bool) {
        Some(Ok(b)) => b,
        Some(Err(e)) => {
            errors.push(e);
            false
        }
        None => true,
    };
    let props = AppProps { catalog, lang, today, storage_allowed, as_of, bridge: Some(BridgeRef(bridge.clone())) };
    ui::crash::register(&root, Some(&host));
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    let widget = Widget { handle: Some(handle), bridge, root };
    // Report bad attributes once the app can show them.
    let b = widget.bridge.clone();
    gloo::timers::callback::Timeout::new(0, move || {
        for (zh, en) in errors {
            b.error(zh, en);
        }
    })
    .forget();
    Ok(widget)
}

#[wasm_bindgen]
impl Widget {
    /// Prefills answers from an object in the profile contract's vocabulary. A bad profile is
    /// refused whole (nothing is half-applied) with a message naming each bad field.
    #[wasm_bindgen(js_name = setProfile)]
    pub fn set_profile(&self, value: JsValue) -> Result<(), JsValue> {
        let Some(catalog) = self.bridge.catalog() else { return Ok(()) };
        let raw: RawProfile = match serde_wasm_bindgen::from_value(value) {
            Ok(r) => r,
            Err(e) => {
                return Err(self.bridge.error(
                    format!("setProfile 需要一个“字段 → 回答”的对象：{e}"),
                    format!("setProfile needs an object of field ids to answers: {e}"),
                ))
            }
        };
        match profile::decode(&catalog, &raw, self.bridge.today.year()) {
            Ok(p) => {
                self.bridge.send(Action::Load { profile: p, as_of: None, lang: None, remember: false });
                Ok(())
            }
            Err(e) => Err(self
                .bridge
                .error(format!("setProfile 的资料未被采用：{e}"), format!("setProfile was refused: {e}"))),
        }
    }

    /// The current answers, in the profile contract's shape.
    #[wasm_bindgen(getter)]
    pub fn profile(&self) -> JsValue {
        self.bridge.snapshot.borrow().0.clone()
    }

    /// The current results, in the shape of `policy-matcher match --format json`.
    #[wasm_bindgen(getter)]
    pub fn results(&self) -> JsValue {
        self.bridge.snapshot.borrow().1.clone()
    }

    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, value: Option<String>) -> Result<(), JsValue> {
        let lang = match value.as_deref().map(parse_lang) {
            None => browser::preferred_lang(&self.bridge.host),
            Some(Ok(l)) => l,
            Some(Err((zh, en))) => return Err(self.bridge.error(zh, en)),
        };
        self.bridge.send(Action::SetLang(lang));
        Ok(())
    }

    #[wasm_bindgen(js_name = setAsOf)]
    pub fn set_as_of(&self, value: Option<String>) -> Result<(), JsValue> {
        let date = match value.as_deref().map(parse_date) {
            None => self.bridge.today,
            Some(Ok(d)) => d,
            Some(Err((zh, en))) => return Err(self.bridge.error(zh, en)),
        };
        self.bridge.send(Action::SetAsOf(date));
        Ok(())
    }

    /// Loads a catalog from its JSON text (as written by `policy-matcher export --format json`).
    /// A catalog that does not parse or validate is reported, and the current one is kept.
    #[wasm_bindgen(js_name = setCatalogJson)]
    pub fn set_catalog_json(&self, text: String, source: String) -> Result<(), JsValue> {
        let fail = |zh: String, en: String| -> JsValue {
            self.bridge.error(
                format!("无法使用目录 {source}：{zh}。仍使用内置目录。"),
                format!("The catalog at {source} cannot be used: {en}. The bundled catalog is used instead."),
            )
        };
        catalog::check_nesting(&text).map_err(|m| fail(m.clone(), m))?;
        let value =
            js_sys::JSON::parse(&text).map_err(|_| fail("不是有效的 JSON".into(), "it is not valid JSON".into()))?;
        let raw: catalog::raw::RawCatalog =
            serde_wasm_bindgen::from_value(value).map_err(|e| fail(e.to_string(), e.to_string()))?;
        let c = catalog::from_raw(&raw, catalog::version_of(text.as_bytes())).map_err(|e| {
            let first: Vec<String> = e.problems.iter().take(5).map(|p| p.to_string().replace('\n', " ")).collect();
            let more = if e.problems.len() > 5 { format!(" (+{} more)", e.problems.len() - 5) } else { String::new() };
            let msg = format!("{}{more}", first.join("; "));
            fail(msg.clone(), msg)
        })?;
        self.bridge.send(Action::SetCatalog(Rc::new(c)));
        Ok(())
    }

    /// Reports a catalog that could not be fetched (called by the element).
    #[wasm_bindgen(js_name = catalogFailed)]
    pub fn catalog_failed(&self, source: String, reason: String) {
        self.bridge.error(
            format!("无法加载目录 {source}（{reason}）。仍使用内置目录。"),
            format!("The catalog at {source} could not be loaded ({reason}). The bundled catalog is used instead."),
        );
    }

    /// Panics on purpose, so that a host can see (and a test can check) the crash screen.
    #[wasm_bindgen(js_name = simulatePanic)]
    pub fn simulate_panic(&self) {
        panic!("simulated failure (Widget.simulatePanic)");
    }

    /// Unmounts the app and frees what it held.
    pub fn destroy(&mut self) {
        ui::crash::unregister(&self.root);
        if let Some(h) = self.handle.take() {
            h.destroy();
        }
        *self.bridge.dispatch.borrow_mut() = None;
        *self.bridge.catalog.borrow_mut() = None;
    }
}
