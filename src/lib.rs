//! policy-matcher: which public support measures apply to an applicant, explained.
//!
//! ```text
//! data/*.toml ──catalog::load_dir──▶ Catalog (validated; build time in the browser)
//! answers ──profile::decode──▶ Profile (absent = unknown)
//! (Catalog, Profile, as_of) ──engine::evaluate──▶ Evaluation (verdicts, traces as data)
//! Evaluation ──report──▶ JSON / text in zh or en (CLI), or the widget's view
//! ```
//!
//! `catalog`, `profile`, `engine` and `report` are pure Rust with no browser crates, so
//! `cargo test` covers them natively.

pub mod bundled;
pub mod catalog;
pub mod date;
pub mod engine;
pub mod profile;
pub mod report;
pub mod share;
pub mod synth;

#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod ui;
