//! The catalog of measures: raw file types (`raw`), the rules they must obey (`validate`), the
//! validated types the engine reads (`model`), and problems that point into the files (`error`).
//!
//! One pipeline, whatever the source: text → `RawCatalog` → [`from_raw`] (validate, version from the
//! canonical JSON form) → `Catalog`. A folder of TOML files or an exported JSON file is read by
//! `load` (native); JSON text (a runtime `catalog-url`, an exported file) by [`from_json`]; the
//! catalog compiled into the binary by [`bundled`]. There is no other way in.
//!
//! The reader (raw types, JSON parsing, the validator) is compiled natively and, in the browser,
//! only with the feature `runtime-catalog` (the module a page loads for `catalog-url`). The
//! widget's default module gets the bundled catalog already validated, as bytes of the model
//! (`bin`) written by build.rs and the prerender step ([`decode_bundled`]), in parts per language.

pub mod bin;
#[cfg(any(not(target_arch = "wasm32"), feature = "check"))]
pub mod conditions;
pub mod contract;
pub mod error;
pub mod model;
pub mod plan;
#[cfg(any(not(target_arch = "wasm32"), feature = "runtime-catalog"))]
pub mod raw;
#[cfg(any(not(target_arch = "wasm32"), feature = "runtime-catalog"))]
pub mod validate;

pub use error::{CatalogError, Code, Problem};

use error::t;
pub use model::*;
pub use plan::{Compiled, Step};

#[cfg(any(not(target_arch = "wasm32"), feature = "runtime-catalog"))]
mod reader;
#[cfg(any(not(target_arch = "wasm32"), feature = "runtime-catalog"))]
pub use reader::*;

/// The largest catalog file read (a folder's TOML file or source text, an exported JSON file, a
/// `catalog-url` response): 32 MiB, room for `validate::MAX_MEASURES` measures. A larger one is
/// refused before it is read or parsed, with this limit in the message.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The bundled catalog's bytes back into a `Catalog` (`compiled` is rebuilt): the native binary's
/// and each part the widget downloads (`bin` has the layout). build.rs and the prerender step
/// wrote them after validating data/; a failure here is a build bug or a damaged download, still
/// reported as a problem rather than a panic.
pub fn decode_bundled(bytes: &[u8]) -> Result<Catalog, CatalogError> {
    bin::decode(bytes).map_err(|why| {
        CatalogError::of_file(
            Code::NotACatalog,
            "bundled catalog",
            "",
            t(format!("内置目录无法解码：{why}"), format!("the bundled catalog does not decode: {why}")),
            t("重新构建（cargo build / trunk build）", "rebuild (cargo build / trunk build)"),
        )
    })
}

/// A catalog's bytes as `decode_bundled` reads them.
#[cfg(not(target_arch = "wasm32"))]
pub fn encode_bundled(c: &Catalog) -> Vec<u8> {
    bin::encode(c)
}

/// A language's notes and clauses (`details-<lang>`, written by the prerender step) back into
/// [`Details`].
pub fn decode_details(bytes: &[u8]) -> Result<Details, CatalogError> {
    bin::decode(bytes).map_err(|why| {
        CatalogError::of_file(
            Code::NotACatalog,
            "details",
            "",
            t(format!("目录详情无法解码：{why}"), format!("the catalog's details do not decode: {why}")),
            t("重新构建（trunk build）", "rebuild (trunk build)"),
        )
    })
}

/// The bytes `decode_details` reads.
#[cfg(not(target_arch = "wasm32"))]
pub fn encode_details(d: &Details) -> Vec<u8> {
    bin::encode(d)
}

// Reading a folder of TOML files: natively, and in the browser only for the check page (feature
// `check`, a module of its own); the disk, natively only.
#[cfg(any(not(target_arch = "wasm32"), feature = "check"))]
mod coverage;
#[cfg(any(not(target_arch = "wasm32"), feature = "check"))]
mod folder;
#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(any(not(target_arch = "wasm32"), feature = "check"))]
pub use coverage::coverage;
#[cfg(any(not(target_arch = "wasm32"), feature = "check"))]
pub use folder::*;
#[cfg(not(target_arch = "wasm32"))]
pub use native::*;
