//! Browser tests of the widget (wasm-bindgen-test in headless Chromium): mount the app, answer
//! questions through the DOM, and check what a person would see. Expected counts come from the
//! engine evaluating the same answers, so the view is checked against the logic, not a constant.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use policy_matcher::catalog::Lang;
use policy_matcher::date::Date;
use policy_matcher::engine::{self, Group};
use policy_matcher::profile::{decode, RawAnswer, RawProfile};
use policy_matcher::ui::{self, browser, MountOptions};
use policy_matcher::{report, share};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Waits for Yew's pending renders and effects (and a macrotask, for what they start).
async fn tick() {
    yew::scheduler::flush().await;
    TimeoutFuture::new(20).await;
    yew::scheduler::flush().await;
}

/// Mounts a fresh widget into a new element and waits for it to render.
async fn mount(lang: Lang) -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = ui::mount(
        root.clone(),
        ui::bundled_catalog().unwrap(),
        MountOptions {
            lang: Some(lang),
            storage_allowed: true,
            mode: Some(ui::state::Mode::All),
            ..Default::default()
        },
    );
    std::mem::forget(handle);
    settle(&root).await;
    root
}

/// Waits until the result groups are rendered (they follow the questionnaire by one task; a debug
/// build in a busy browser may need longer than one tick).
async fn settle(root: &Element) {
    for _ in 0..50 {
        tick().await;
        if root.query_selector(".pm-group").unwrap().is_some() {
            return;
        }
    }
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| {
        let html = root.inner_html();
        let at = html.find("pm-results").unwrap_or(0);
        panic!("no element matches {selector} in …{}", &html[at..(at + 1500).min(html.len())])
    })
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

async fn click(root: &Element, selector: &str) {
    find(root, selector).dyn_into::<HtmlElement>().unwrap().click();
    tick().await;
}

/// What the widget should show: cards per group, one per programme.
fn expected_counts(profile: &[(&str, RawAnswer)]) -> [usize; 5] {
    let catalog = ui::bundled_catalog().unwrap();
    let raw: RawProfile = profile.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    let p = decode(&catalog, &raw, browser::today().year()).unwrap();
    engine::evaluate(&catalog, &p, browser::today()).programme_counts(&catalog).0
}

fn count(root: &Element, group: Group) -> usize {
    text(root, &format!(".pm-{} .pm-count", group.id())).trim().parse().unwrap()
}

fn s(v: &str) -> RawAnswer {
    RawAnswer::Text(v.into())
}

#[wasm_bindgen_test]
async fn answering_questions_updates_the_groups_and_counts() {
    browser::forget();
    let root = mount(Lang::En).await;
    // Nothing answered: everything in force is "to confirm".
    assert_eq!(count(&root, Group::Eligible), 0);
    let none = expected_counts(&[]);
    assert_eq!(count(&root, Group::Confirm), none[1]);
    click(&root, "#q-entity_type input[value=enterprise]").await;
    // The follow-up question appears only now.
    assert!(root.query_selector("#q-enterprise_size").unwrap().is_some());
    click(&root, "#q-enterprise_size input[value=small]").await;
    click(&root, "#q-location input[value=haidian]").await;
    let want = expected_counts(&[
        ("entity_type", s("enterprise")),
        ("enterprise_size", s("small")),
        ("location", s("haidian")),
    ]);
    for (g, n) in Group::ALL.iter().zip(want) {
        assert_eq!(count(&root, *g), n, "{g:?}");
    }
    assert!(want[1] + want[2] > 0, "a small Haidian company has something to confirm or look at");
    let progress = text(&root, ".pm-progress p");
    assert!(progress.starts_with("3 of "), "{progress}");
    assert!(progress.contains(&format!("{} meet the published conditions", want[0])), "{progress}");
    let live = text(&root, ".pm-sr[aria-live]");
    assert!(live.contains(&format!("{} worth a look", want[2])), "{live}");
    root.remove();
}

#[wasm_bindgen_test]
async fn a_failed_criterion_is_explained_with_its_clause() {
    browser::forget();
    let root = mount(Lang::En).await;
    click(&root, "#q-entity_type input[value=university]").await;
    let card = "#m-zgc2024-01-tech-small-micro";
    // Not-eligible cards are rendered only once their group is opened.
    assert!(root.query_selector(card).unwrap().is_none());
    click(&root, ".pm-ineligible > summary").await;
    assert!(find(&root, card).class_name().contains("pm-card-ineligible"));
    assert!(text(&root, &format!("{card} .pm-would")).contains("Conditions not met"));
    click(&root, &format!("{card} .pm-expand")).await;
    let failed = text(&root, &format!("{card} .pm-unmet"));
    assert!(failed.contains("not met") && failed.contains("University"), "{failed}");
    assert!(!text(&root, &format!("{card} .pm-unmet .pm-clause")).is_empty(), "the clause is quoted");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_next_question_is_highlighted() {
    browser::forget();
    let root = mount(Lang::En).await;
    click(&root, "#q-entity_type input[value=enterprise]").await;
    let catalog = ui::bundled_catalog().unwrap();
    let raw: RawProfile = [("entity_type".to_string(), s("enterprise"))].into_iter().collect();
    let p = decode(&catalog, &raw, 2026).unwrap();
    let q = engine::evaluate(&catalog, &p, browser::today()).next_question.expect("something is still open");
    let field = &catalog.fields[q.field];
    let next = find(&root, ".pm-next");
    assert_eq!(next.id(), format!("q-{}", field.id));
    let hint = text(&root, ".pm-next .pm-hint");
    assert!(hint.contains(&format!("decides {} measure", q.decides)), "{hint}");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_language_switch_changes_ui_and_catalog_strings() {
    browser::forget();
    let root = mount(Lang::En).await;
    assert_eq!(text(&root, "h1"), "Which support measures fit you?");
    assert!(text(&root, "#q-entity_type legend").contains("Who is applying"));
    click(&root, ".pm-lang button[lang=zh-CN]").await;
    assert_eq!(text(&root, "h1"), "政策匹配自测");
    assert_eq!(text(&root, "#q-entity_type legend"), "申请主体类型");
    assert!(text(&root, ".pm-possible h2").starts_with("待确认"));
    assert_eq!(find(&root, ".pm-app").get_attribute("lang").as_deref(), Some("zh-CN"));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_share_link_round_trips() {
    browser::forget();
    let catalog = ui::bundled_catalog().unwrap();
    let raw: RawProfile =
        [("entity_type".to_string(), s("enterprise")), ("employees".to_string(), RawAnswer::Number(45.0))]
            .into_iter()
            .collect();
    let p = decode(&catalog, &raw, 2026).unwrap();
    let fragment = share::encode(&catalog, &p, Some(Date::parse("2025-03-01").unwrap()), Some(Lang::En));
    web_sys::window().unwrap().location().set_hash(&fragment).unwrap();
    let root = mount(Lang::Zh).await;
    assert!(find(&root, "#q-entity_type input[value=enterprise]").dyn_into::<HtmlInputElement>().unwrap().checked());
    // employees is in the contract but asked of no one (no text reads it): carried, not shown.
    assert!(root.query_selector("#q-employees").unwrap().is_none());
    assert_eq!(find(&root, ".pm-asof input").dyn_into::<HtmlInputElement>().unwrap().value(), "2025-03-01");
    assert_eq!(text(&root, "h1"), "Which support measures fit you?", "the link's language wins");
    assert_eq!(browser::fragment(), "", "the fragment is cleared after reading");
    // Making a link gives the same answers back.
    click(&root, ".pm-actions button").await;
    let url = find(&root, ".pm-share input").dyn_into::<HtmlInputElement>().unwrap().value();
    let made = url.split_once('#').unwrap().1.to_string();
    let back = share::decode_fragment(&catalog, &made, 2026).unwrap();
    assert_eq!(back.profile, p);
    assert_eq!(back.version, catalog.version);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_link_from_another_catalog_version_says_so() {
    browser::forget();
    web_sys::window().unwrap().location().set_hash("pm=1&v=c1-000000000000&entity_type=bank").unwrap();
    let root = mount(Lang::En).await;
    let notice = text(&root, ".pm-notice");
    assert!(notice.contains("c1-000000000000") && notice.contains("verdicts may differ"), "{notice}");
    assert!(find(&root, "#q-entity_type input[value=bank]").dyn_into::<HtmlInputElement>().unwrap().checked());
    root.remove();
}

#[wasm_bindgen_test]
async fn a_tampered_link_is_refused_whole_and_the_widget_keeps_working() {
    browser::forget();
    web_sys::window().unwrap().location().set_hash("pm=1&v=x&entity_type=enterprise&employees=lots").unwrap();
    let root = mount(Lang::En).await;
    let notice = text(&root, ".pm-notice.pm-error");
    assert!(notice.contains("could not be read") && notice.contains("employees"), "{notice}");
    assert!(!find(&root, "#q-entity_type input[value=enterprise]").dyn_into::<HtmlInputElement>().unwrap().checked());
    click(&root, "#q-entity_type input[value=bank]").await;
    assert!(count(&root, Group::Ineligible) > 0);
    root.remove();
}

#[wasm_bindgen_test]
async fn corrupted_saved_answers_give_a_message_and_a_fresh_start() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item(browser::STORAGE_KEY, "pm=1&v=x&entity_type=%%%&\u{0}garbage").unwrap();
    let root = mount(Lang::En).await;
    let notice = text(&root, ".pm-notice.pm-error");
    assert!(notice.contains("damaged") && notice.contains("starting fresh"), "{notice}");
    assert_eq!(storage.get_item(browser::STORAGE_KEY).unwrap(), None, "the damaged record is removed");
    assert!(root.query_selector("#q-entity_type").unwrap().is_some(), "the questionnaire still renders");
    root.remove();
}

#[wasm_bindgen_test]
async fn answers_are_saved_only_after_opting_in_and_cleared_in_one_click() {
    browser::forget();
    let root = mount(Lang::En).await;
    click(&root, "#q-entity_type input[value=incubator]").await;
    assert_eq!(browser::load_saved(), None, "nothing is stored without consent");
    click(&root, ".pm-remember input").await;
    let saved = browser::load_saved().expect("saved after opting in");
    assert!(saved.contains("entity_type=incubator"), "{saved}");
    // A new widget on this device starts from the saved answers.
    let again = mount(Lang::En).await;
    assert!(find(&again, "#q-entity_type input[value=incubator]").dyn_into::<HtmlInputElement>().unwrap().checked());
    click(&again, ".pm-remember input").await;
    assert_eq!(browser::load_saved(), None, "opting out erases them");
    root.remove();
    again.remove();
}

/// Mounts the widget with the bundled catalog changed so that the headcount question is asked
/// (a park's own catalog may ask number questions; the bundled one asks none).
async fn mount_asking_employees(lang: Lang) -> Element {
    // The widget's module has no catalog reader: the decoded bundled catalog is changed in place.
    let mut catalog = ui::bundled_catalog().unwrap().as_ref().clone();
    catalog.fields.iter_mut().find(|f| f.id == "employees").unwrap().ask = true;
    let catalog = std::rc::Rc::new(catalog);
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let props = ui::AppProps {
        catalog,
        lang,
        today: browser::today(),
        storage_allowed: false,
        as_of: None,
        bridge: None,
        mode: Some(ui::state::Mode::All),
        texts: None,
        start: None,
    };
    std::mem::forget(yew::Renderer::<ui::App>::with_root_and_props(root.clone(), props).render());
    settle(&root).await;
    root
}

#[wasm_bindgen_test]
async fn a_bad_number_keeps_what_was_typed_and_says_what_is_allowed_in_the_persons_language() {
    browser::forget();
    let root = mount_asking_employees(Lang::En).await;
    click(&root, "#q-entity_type input[value=enterprise]").await;
    let input = find(&root, "#q-employees input").dyn_into::<HtmlInputElement>().unwrap();
    let typed = |v: &str| {
        input.set_value(v);
        input.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    };
    typed("4.5");
    tick().await;
    assert_eq!(input.value(), "4.5", "what was typed stays");
    assert!(text(&root, "#q-employees .pm-field-error").contains("whole number"));
    click(&root, ".pm-lang button[lang=zh-CN]").await;
    let zh = text(&root, "#q-employees .pm-field-error");
    assert!(zh.contains("整数") && !zh.contains("whole"), "{zh}");
    typed("４５"); // full-width digits, as a Chinese input method types them
    tick().await;
    assert!(root.query_selector("#q-employees .pm-field-error").unwrap().is_none(), "４５ is 45");
    let csv = {
        let catalog = ui::bundled_catalog().unwrap();
        let eval = engine::evaluate(&catalog, &policy_matcher::profile::Profile::empty(&catalog), browser::today());
        report::csv(&catalog, &eval, Lang::En)
    };
    assert!(csv.starts_with("id,measure,verdict"), "{csv}");
    root.remove();
}

#[wasm_bindgen_test]
async fn saved_answers_from_an_older_catalog_are_kept_and_said_so() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item(browser::STORAGE_KEY, "pm=1&v=c1-000000000000&entity_type=university&l=en").unwrap();
    let root = mount(Lang::En).await;
    let notice = text(&root, ".pm-notice");
    assert!(notice.contains("earlier catalog version"), "{notice}");
    assert!(find(&root, "#q-entity_type input[value=university]").dyn_into::<HtmlInputElement>().unwrap().checked());
    assert!(find(&root, ".pm-remember input").dyn_into::<HtmlInputElement>().unwrap().checked(), "still remembered");
    browser::forget();
    root.remove();
}

#[wasm_bindgen_test]
fn numbers_are_written_in_their_shortest_form_that_reads_back() {
    use policy_matcher::words::{number, parse_number};
    for x in [0.1 + 0.2, 1e-7, 1234.5, -0.25, 1e21, 12345678901.123456, 3.0] {
        let s = number(x);
        assert_eq!(parse_number(&s), Some(x), "{x} → {s}");
    }
    assert_eq!(number(0.1 + 0.2), "0.30000000000000004");
    assert_eq!(number(1234.5), "1234.5");
    assert_eq!(number(3.0), "3");
    for bad in ["", "12abc", "inf", "0x10", "1e999", "1 2"] {
        assert_eq!(policy_matcher::words::decimal(bad), None, "{bad}");
    }
    assert_eq!(policy_matcher::words::decimal(".5"), Some(0.5));
    // JavaScript's reading equals Rust's, also where rounding is hard or digits run past 20.
    for s in [
        "0.1",
        "9007199254740993",
        "2.2250738585072011e-308",
        "123456789012345678901234567890",
        "0.30000000000000004",
        "1.7976931348623157e308",
        "5e-324",
        "-0.000001234567890123456789",
    ] {
        assert_eq!(policy_matcher::words::decimal(s), s.parse::<f64>().ok(), "{s}");
    }
}
