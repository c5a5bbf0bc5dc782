//! The catalog of measures: raw file types (`raw`), the rules they must obey (`validate`), the
//! validated types the engine reads (`model`), and problems that point into the files (`error`).
//! On a native machine `load_dir` reads `data/` (TOML); everywhere `from_json_catalog` accepts the
//! exported JSON form. Both end in the same validator.

pub mod contract;
pub mod error;
pub mod model;
pub mod raw;
pub mod validate;

pub use error::{CatalogError, Problem};
pub use model::*;

use raw::{RawCatalog, CATALOG_FORMAT};

/// FNV-1a, 64 bits: a small stable hash, the same on every platform.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// The catalog version for the canonical JSON form of a catalog.
pub fn version_of(canonical_json: &[u8]) -> String {
    format!("c1-{:012x}", fnv1a(canonical_json) >> 16)
}

/// Validates an already-decoded raw catalog (e.g. JSON read in the browser), whose version is given.
pub fn from_raw(raw: &RawCatalog, version: String) -> Result<Catalog, CatalogError> {
    if raw.format != CATALOG_FORMAT {
        return Err(CatalogError {
            problems: vec![Problem {
                file: "catalog".into(),
                measure: None,
                path: "format".into(),
                message: format!("format is \"{}\", not \"{CATALOG_FORMAT}\"", raw.format),
                hint: "produce the file with `policy-matcher export --format json`".into(),
            }],
        });
    }
    validate::validate(raw, &validate::Options { version, sources: None })
}

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub use native::*;
