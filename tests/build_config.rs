//! Build configuration that must not drift: the web-sys features of the browser build and of the
//! native prerender step (Cargo.toml lists them twice, once per target) are the same list.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn the_prerender_step_compiles_the_widget_with_the_browsers_web_sys_features() {
    let toml: toml::Table = include_str!("../Cargo.toml").parse().unwrap();
    let features =
        |target: &str| toml["target"][target]["dependencies"]["web-sys"]["features"].as_array().unwrap().clone();
    let browser = features("cfg(target_arch = \"wasm32\")");
    let native = features("cfg(not(target_arch = \"wasm32\"))");
    assert!(browser.len() > 10, "{browser:?}");
    assert_eq!(browser, native, "Cargo.toml: keep the two web-sys feature lists the same");
}
