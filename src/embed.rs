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
use crate::profile::{self, Profile, ProfileError, RawProfile};
use crate::report;
use crate::ui::state::{Action, Mode, Notice};
use crate::ui::{self, browser, App, AppProps};
use crate::words;

/// One evaluation with what it was made from.
type Evaluated = (Rc<Catalog>, Profile, Rc<Evaluation>);

/// The link between a mounted app and its host element.
pub struct Bridge {
    host: web_sys::Element,
    dispatch: RefCell<Option<Callback<Action>>>,
    catalog: RefCell<Option<Rc<Catalog>>>,
    today: Date,
    /// The latest evaluation, turned into JS values only when asked for (or for the event).
    latest: RefCell<Option<Evaluated>>,
    snapshot: RefCell<Option<(JsValue, JsValue)>>,
    /// The change event waiting to be fired (a newer evaluation replaces it).
    pending: RefCell<Option<gloo::timers::callback::Timeout>>,
    /// Actions sent before the app has rendered once (a host's prefill): applied, in order, when
    /// the app connects. A host never loses a `setProfile`.
    queue: RefCell<Vec<Action>>,
    /// The evaluation date given by the host (attribute `as-of`), until the app has evaluated.
    as_of: std::cell::Cell<Option<Date>>,
    /// A profile the host wrote that the app has not evaluated yet: older evaluations do not
    /// replace what the host reads back.
    written: RefCell<Option<Profile>>,
}

impl ui::app::Host for Bridge {
    fn connect(&self, dispatch: Callback<Action>, catalog: Rc<Catalog>) {
        Bridge::connect(self, dispatch, catalog)
    }
    fn changed(self: Rc<Self>, catalog: Rc<Catalog>, profile: Profile, eval: Rc<Evaluation>) {
        Bridge::changed(&self, catalog, profile, eval)
    }
}

fn to_js<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or_else(|e| {
        web_sys::console::error_1(&format!("policy-matcher: cannot hand a value to JavaScript: {e}").into());
        JsValue::NULL
    })
}

/// Profile problems as a JS array: each problem's own fields plus `message: {zh, en}` (catalog
/// problems carry their words themselves and serialize whole).
fn problems_js<'a>(items: impl Iterator<Item = (&'a profile::ProfileProblem, String, String)>) -> JsValue {
    let out = js_sys::Array::new();
    for (p, zh, en) in items {
        let v = to_js(p);
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"zh".into(), &zh.into());
        let _ = js_sys::Reflect::set(&message, &"en".into(), &en.into());
        if v.is_object() {
            let _ = js_sys::Reflect::set(&v, &"message".into(), &message);
        }
        out.push(&v);
    }
    out.into()
}

impl Bridge {
    /// Called by the app in an effect after it renders: how to reach its reducer, and its current
    /// catalog. Actions the host sent before this are applied now.
    pub fn connect(&self, dispatch: Callback<Action>, catalog: Rc<Catalog>) {
        *self.dispatch.borrow_mut() = Some(dispatch.clone());
        *self.catalog.borrow_mut() = Some(catalog);
        let queued: Vec<Action> = self.queue.borrow_mut().drain(..).collect();
        for a in queued {
            dispatch.emit(a);
        }
    }

    /// Called by the app after each evaluation. The change event fires once the results are on
    /// screen (building the full result shape for a large catalog must not delay the repaint),
    /// and only for the latest of several quick answers.
    pub fn changed(self: &Rc<Self>, catalog: Rc<Catalog>, profile: Profile, eval: Rc<Evaluation>) {
        {
            let mut written = self.written.borrow_mut();
            match written.as_ref() {
                Some(w) if *w != profile => return, // a render from before the host's write
                Some(_) => *written = None,
                None => {}
            }
        }
        *self.latest.borrow_mut() = Some((catalog, profile, eval));
        *self.snapshot.borrow_mut() = None;
        let me = self.clone();
        *self.pending.borrow_mut() = Some(gloo::timers::callback::Timeout::new(0, move || {
            // `detail.profile` and `detail.results` are built when the host first reads them, so a
            // host that only listens costs nothing, and a large catalog never delays a repaint.
            let Some(state) = me.latest.borrow().clone() else { return };
            let cache: Rc<RefCell<Option<(JsValue, JsValue)>>> = Rc::new(RefCell::new(None));
            let detail = js_sys::Object::new();
            for (key, second) in [("profile", false), ("results", true)] {
                let (state, cache) = (state.clone(), cache.clone());
                let get = Closure::<dyn Fn() -> JsValue>::new(move || {
                    let mut c = cache.borrow_mut();
                    let (p, r) = c.get_or_insert_with(|| {
                        let (catalog, profile, eval) = &state;
                        (to_js(&profile.to_raw(catalog)), to_js(&report::report(catalog, profile, eval)))
                    });
                    if second {
                        r.clone()
                    } else {
                        p.clone()
                    }
                });
                let desc = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&desc, &"get".into(), &get.into_js_value());
                let _ = js_sys::Reflect::set(&desc, &"enumerable".into(), &JsValue::TRUE);
                js_sys::Object::define_property(&detail, &key.into(), &desc);
            }
            ui::browser::emit(&me.host, "policy-matcher-change", &detail);
        }));
    }

    /// The current answers and results as JS values (built once per evaluation).
    fn snapshot(&self) -> (JsValue, JsValue) {
        if let Some(s) = self.snapshot.borrow().as_ref() {
            return s.clone();
        }
        let s = match self.latest.borrow().as_ref() {
            Some((c, p, e)) => (to_js(&p.to_raw(c)), to_js(&report::report(c, p, e))),
            None => (JsValue::NULL, JsValue::NULL),
        };
        *self.snapshot.borrow_mut() = Some(s.clone());
        s
    }

    /// Reports a refused input: an error event for the host, a notice for the person.
    pub fn error(&self, zh: String, en: String) -> JsValue {
        self.error_with(zh, en, js_sys::Array::new().into())
    }

    /// `error`, with the problems as data: `detail.problems` is a list of
    /// `{field | file, measure, path, code, message: {zh, en}, hint: {zh, en}, …}` a host can branch on.
    pub fn error_with(&self, zh: String, en: String, problems: JsValue) -> JsValue {
        let detail = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&detail, &"message".into(), &JsValue::from_str(&en));
        let _ = js_sys::Reflect::set(&detail, &"message_zh".into(), &JsValue::from_str(&zh));
        let _ = js_sys::Reflect::set(&detail, &"problems".into(), &problems);
        ui::browser::emit(&self.host, "policy-matcher-error", &detail);
        self.send(Action::Notify(Notice::new(true, zh, en.clone())));
        JsError::new(&en).into()
    }

    fn send(&self, a: Action) {
        let dispatch = self.dispatch.borrow().clone();
        match dispatch {
            Some(d) => d.emit(a),
            None => self.queue.borrow_mut().push(a),
        }
    }

    fn catalog(&self) -> Option<Rc<Catalog>> {
        self.catalog.borrow().clone()
    }
}

/// Parses the `lang` attribute; `None` for absent.
fn parse_lang(v: &str) -> Result<Lang, (String, String)> {
    let v = v.trim();
    Lang::from_tag(v).ok_or_else(|| words::embed::bad_lang(v))
}

fn parse_date(v: &str) -> Result<Date, (String, String)> {
    Date::parse(v.trim()).map_err(|e| words::embed::bad_date(v, &e))
}

fn parse_mode(v: &str) -> Result<Mode, (String, String)> {
    match v.trim().to_ascii_lowercase().as_str() {
        "guided" => Ok(Mode::Guided),
        "all" => Ok(Mode::All),
        _ => Err(words::embed::bad_mode(v)),
    }
}

fn parse_bool(v: &str) -> Result<bool, (String, String)> {
    match v.trim().to_ascii_lowercase().as_str() {
        "" | "true" | "yes" | "on" | "1" => Ok(true),
        "false" | "no" | "off" | "0" => Ok(false),
        _ => Err(words::embed::bad_remember(v)),
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
/// attribute values (or undefined); a bad one is reported and its default used. `catalog`: the
/// bundled catalog's file in the first language (`catalog-<lang>-<hash>.bin`); `texts(lang)`
/// fetches another language's file.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn mount_widget(
    root: web_sys::Element,
    host: web_sys::Element,
    lang: Option<String>,
    as_of: Option<String>,
    remember: Option<String>,
    mode: Option<String>,
    catalog: &[u8],
    texts: js_sys::Function,
) -> Result<Widget, JsValue> {
    let catalog = ui::decode(catalog).map(Rc::new).map_err(|e| JsValue::from(JsError::new(&e.to_string())))?;
    let today = browser::today();
    let bridge = Rc::new(Bridge {
        host: host.clone(),
        dispatch: RefCell::new(None),
        catalog: RefCell::new(Some(catalog.clone())),
        today,
        latest: RefCell::new(None),
        snapshot: RefCell::new(None),
        pending: RefCell::new(None),
        queue: RefCell::new(Vec::new()),
        as_of: std::cell::Cell::new(None),
        written: RefCell::new(None),
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
    let mode = match mode.as_deref().map(parse_mode) {
        Some(Ok(m)) => Some(m),
        Some(Err(e)) => {
            errors.push(e);
            None
        }
        None => None,
    };
    bridge.as_of.set(as_of);
    let props = AppProps {
        catalog,
        lang,
        today,
        storage_allowed,
        as_of,
        bridge: Some(ui::app::HostRef(bridge.clone())),
        mode,
        texts: Some(ui::TextsLoader::from_js(texts)),
        start: None,
    };
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
        match profile_from_js(&catalog, &value, self.bridge.today.year()) {
            Ok(p) => {
                // What the host reads back right away (`el.profile`, `el.results`) is what it wrote,
                // evaluated now; the app re-renders and fires the change event as usual.
                let as_of = match self.bridge.latest.borrow().as_ref() {
                    Some((_, _, e)) => e.as_of,
                    None => self.bridge.as_of.get().unwrap_or(self.bridge.today),
                };
                let eval = Rc::new(crate::engine::evaluate(&catalog, &p, as_of));
                *self.bridge.latest.borrow_mut() = Some((catalog, p.clone(), eval));
                *self.bridge.snapshot.borrow_mut() = None;
                *self.bridge.written.borrow_mut() = Some(p.clone());
                self.bridge.send(Action::Load { profile: p, as_of: None, lang: None, remember: false });
                Ok(())
            }
            Err(e) => {
                let (zh, en) = words::embed::profile_refused(&e);
                Err(self.bridge.error_with(
                    zh,
                    en,
                    problems_js(
                        e.problems
                            .iter()
                            .map(|p| (p, words::profile_problem(p, Lang::Zh), words::profile_problem(p, Lang::En))),
                    ),
                ))
            }
        }
    }

    /// The current answers, in the profile contract's shape.
    #[wasm_bindgen(getter)]
    pub fn profile(&self) -> JsValue {
        self.bridge.snapshot().0
    }

    /// The current results, in the shape of `policy-matcher match --format json`.
    #[wasm_bindgen(getter)]
    pub fn results(&self) -> JsValue {
        self.bridge.snapshot().1
    }

    /// The `mode` attribute: guided (one question at a time) or all.
    #[wasm_bindgen(js_name = setMode)]
    pub fn set_mode(&self, value: Option<String>) -> Result<(), JsValue> {
        let mode = match value.as_deref().map(parse_mode) {
            None => Mode::All,
            Some(Ok(m)) => m,
            Some(Err((zh, en))) => return Err(self.bridge.error(zh, en)),
        };
        self.bridge.send(Action::SetMode(mode));
        Ok(())
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
        self.bridge.as_of.set(Some(date));
        self.bridge.send(Action::SetAsOf(date));
        Ok(())
    }

    /// Loads a catalog from its JSON text (as written by `policy-matcher export --format json`).
    /// A catalog that does not parse or validate is reported, and the current one is kept.
    #[wasm_bindgen(js_name = setCatalogJson)]
    pub fn set_catalog_json(&self, text: String, source: String) -> Result<(), JsValue> {
        if text.len() as u64 > crate::catalog::MAX_FILE_BYTES {
            return Err(self.catalog_too_large(source, Some(text.len() as f64)));
        }
        let c = read_runtime_catalog(&text, &source).map_err(|e| {
            // The host gets every problem whole, in zh and en.
            let (zh, en) = words::embed::catalog_unusable(&source, &e.problems);
            // Each problem as `{file, measure, path, message: {zh, en}, hint: {zh, en}}`.
            self.bridge.error_with(zh, en, to_js(&e.problems))
        })?;
        self.bridge.send(Action::SetCatalog(Rc::new(c)));
        Ok(())
    }

    /// The largest catalog `setCatalogJson` takes, in bytes (the element stops a `catalog-url`
    /// download there).
    #[wasm_bindgen(getter, js_name = maxCatalogBytes)]
    pub fn max_catalog_bytes(&self) -> f64 {
        crate::catalog::MAX_FILE_BYTES as f64
    }

    /// Reports a catalog over `maxCatalogBytes` (called by the element, which stopped its
    /// download; `bytes`: its declared size, when known). The current catalog is kept.
    #[wasm_bindgen(js_name = catalogTooLarge)]
    pub fn catalog_too_large(&self, source: String, bytes: Option<f64>) -> JsValue {
        use crate::words::catalog_too_large;
        self.bridge.error(catalog_too_large(&source, bytes, Lang::Zh), catalog_too_large(&source, bytes, Lang::En))
    }

    /// Reports a catalog that could not be fetched (called by the element).
    #[wasm_bindgen(js_name = catalogFailed)]
    pub fn catalog_failed(&self, source: String, reason: String) {
        let (zh, en) = words::embed::catalog_failed(&source, &reason);
        self.bridge.error(zh, en);
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
        *self.bridge.pending.borrow_mut() = None;
        *self.bridge.latest.borrow_mut() = None;
    }
}

/// A catalog given at run time (`catalog-url`, `setCatalogJson`, `new Engine(json)`): parsed and
/// validated by the one pipeline — in the module built with `runtime-catalog`. The widget's default
/// module has no reader and says so; policy-matcher.js loads the module with the reader for any
/// element with a `catalog-url`.
fn read_runtime_catalog(text: &str, source: &str) -> Result<Catalog, catalog::CatalogError> {
    #[cfg(feature = "runtime-catalog")]
    {
        catalog::from_json(text, source)
    }
    #[cfg(not(feature = "runtime-catalog"))]
    {
        let _ = text;
        Err(catalog::CatalogError::of_file(
            catalog::Code::NotACatalog,
            source,
            "",
            words::embed::NO_CATALOG_READER.text(),
            words::embed::NO_CATALOG_READER_FIX.text(),
        ))
    }
}

/// The engine alone, for JavaScript callers that need no UI (Node scripts, the benchmark):
/// `new Engine(catalogJsonText)`, then `engine.criteria(profile)` per profile.
#[wasm_bindgen]
pub struct Engine {
    catalog: Catalog,
    today: Date,
}

#[wasm_bindgen]
impl Engine {
    /// Loads a catalog from its JSON text (`policy-matcher export --format json`), or the bundled
    /// catalog when `text` is undefined (module with the catalog reader only).
    #[wasm_bindgen(constructor)]
    pub fn new(text: Option<String>) -> Result<Engine, JsValue> {
        // Undefined: the bundled catalog, from its JSON form (the module with the catalog reader
        // carries it; the default module carries no catalog and says so).
        #[cfg(feature = "runtime-catalog")]
        let text = text.or_else(|| Some(crate::bundled::CATALOG_JSON.to_string()));
        let catalog = match text {
            None => read_runtime_catalog("", "bundled catalog"),
            Some(text) => read_runtime_catalog(&text, "catalog"),
        }
        .map_err(|e| JsValue::from(JsError::new(&e.to_string())))?;
        Ok(Engine { catalog, today: browser::today() })
    }

    /// Measure ids, in catalog order.
    #[wasm_bindgen(getter)]
    pub fn ids(&self) -> Vec<String> {
        self.catalog.measures.iter().map(|m| m.id.clone()).collect()
    }

    /// What the criteria give for each measure in catalog order (1 met, 0 unmet, 2 unknown), for a
    /// profile object in the contract's shape — verdicts only, like a JsonLogic `apply` per rule.
    /// Benchmark only (feature `bench`: scripts/bench-node.mjs).
    #[cfg(feature = "bench")]
    pub fn criteria(&self, profile: JsValue) -> Result<Vec<u8>, JsValue> {
        let p = profile_from_js(&self.catalog, &profile, self.today.year())
            .map_err(|e| JsValue::from(JsError::new(&e.to_string())))?;
        let slots = crate::engine::slots(&self.catalog, &p);
        Ok((0..self.catalog.measures.len())
            .map(|i| match crate::engine::decide(&self.catalog, i, &slots) {
                crate::engine::Truth::Met => 1,
                crate::engine::Truth::Unmet => 0,
                crate::engine::Truth::Unknown => 2,
            })
            .collect())
    }

    /// The full evaluation of a profile — verdicts, traces, missing fields, next question — in
    /// the shape of `policy-matcher match --format json`.
    pub fn evaluate(&self, profile: JsValue) -> Result<JsValue, JsValue> {
        let p = profile_from_js(&self.catalog, &profile, self.today.year())
            .map_err(|e| JsValue::from(JsError::new(&e.to_string())))?;
        let eval = crate::engine::evaluate(&self.catalog, &p, self.today);
        Ok(to_js(&report::report(&self.catalog, &p, &eval)))
    }

    /// Evaluates the same profile `times` times (timing loops without crossing into JS each time);
    /// returns the number of eligible results of the last run. Benchmark only (feature `bench`).
    #[cfg(feature = "bench")]
    pub fn repeat(&self, profile: JsValue, times: u32) -> Result<u32, JsValue> {
        let p = profile_from_js(&self.catalog, &profile, self.today.year())
            .map_err(|e| JsValue::from(JsError::new(&e.to_string())))?;
        let mut n = 0;
        for _ in 0..times {
            n = crate::engine::evaluate(&self.catalog, &p, self.today).group_counts()[crate::engine::Group::Eligible]
                as u32;
        }
        Ok(n)
    }
}

/// Reads a profile object field by field (a handful of property reads, cheaper than a generic
/// deserializer), then decodes it like every other profile.
fn profile_from_js(catalog: &Catalog, value: &JsValue, year: i32) -> Result<Profile, ProfileError> {
    fn scalar(v: &JsValue) -> profile::RawAnswer {
        if let Some(s) = v.as_string() {
            profile::RawAnswer::Text(s)
        } else if let Some(x) = v.as_f64() {
            profile::RawAnswer::Number(x)
        } else if let Some(b) = v.as_bool() {
            profile::RawAnswer::Bool(b)
        } else if v.is_null() || v.is_undefined() {
            profile::RawAnswer::Null
        } else if js_sys::Array::is_array(v) {
            profile::RawAnswer::Nested
        } else {
            profile::RawAnswer::Object
        }
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        // Reported like any wrong answer type: the whole profile is one "field".
        return Err(ProfileError {
            problems: vec![profile::ProfileProblem {
                field: "(profile)".into(),
                kind: profile::ProblemKind::WrongType { got: if value.is_object() { "a list" } else { "a string" } },
                allowed: profile::Allowed::Fields(catalog.fields.iter().map(|f| f.id.clone()).collect()),
            }],
        });
    }
    let obj: &js_sys::Object = value.unchecked_ref();
    let mut raw = RawProfile::new();
    for key in js_sys::Object::keys(obj).iter() {
        let Some(k) = key.as_string() else { continue };
        let v = js_sys::Reflect::get(obj, &key).unwrap_or(JsValue::UNDEFINED);
        let answer = if js_sys::Array::is_array(&v) {
            let arr: &js_sys::Array = v.unchecked_ref();
            profile::RawAnswer::List(arr.iter().take(257).map(|x| scalar(&x)).collect())
        } else {
            scalar(&v)
        };
        raw.insert(k, answer);
    }
    profile::decode(catalog, &raw, year)
}
