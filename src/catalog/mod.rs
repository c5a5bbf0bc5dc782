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

/// How deeply brackets may nest in a catalog's text (criteria themselves are limited to
/// `validate::MAX_DEPTH` levels; this bound keeps a hostile file from exhausting the parser's stack).
pub const MAX_NESTING: usize = 64;

/// Checks the bracket nesting of a JSON or TOML text before it is parsed, skipping strings and
/// TOML comments. Returns the line of the first too-deep bracket.
pub fn check_nesting(text: &str) -> Result<(), String> {
    let b = text.as_bytes();
    let (mut i, mut depth, mut line) = (0, 0usize, 1);
    while i < b.len() {
        match b[i] {
            b'\n' => line += 1,
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            q @ (b'"' | b'\'') => {
                let triple = b[i..].starts_with(if q == b'"' { b"\"\"\"" } else { b"'''" });
                i += if triple { 3 } else { 1 };
                while i < b.len() {
                    if q == b'"' && b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if b[i] == b'\n' {
                        line += 1;
                        if !triple {
                            break;
                        }
                    }
                    if b[i] == q && (!triple || b[i..].starts_with(if q == b'"' { b"\"\"\"" } else { b"'''" })) {
                        i += if triple { 3 } else { 1 };
                        break;
                    }
                    i += 1;
                }
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(format!("line {line}: brackets nest deeper than {MAX_NESTING} levels"));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
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
