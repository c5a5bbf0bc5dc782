//! Shared helpers for the integration tests: the repository root and the bundled catalog.
#![allow(dead_code)]

use std::path::PathBuf;

use policy_matcher::catalog::{self, Catalog};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn bundled() -> Catalog {
    catalog::load(&root().join("data")).unwrap_or_else(|e| panic!("the bundled catalog must pass check:\n{e}"))
}
