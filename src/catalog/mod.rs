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
#[cfg(not(target_arch = "wasm32"))]
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
use raw::{RawCatalog, CATALOG_FORMAT};

#[cfg(any(not(target_arch = "wasm32"), feature = "runtime-catalog"))]
/// FNV-1a, 64 bits: a small stable hash, the same on every platform.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(any(not(target_arch = "wasm32"), feature = "runtime-catalog"))]
/// The catalog version for the canonical JSON form of a catalog.
pub fn version_of(canonical_json: &[u8]) -> String {
    format!("c1-{:012x}", fnv1a(canonical_json) >> 16)
}

#[cfg(any(not(target_arch = "wasm32"), feature = "runtime-catalog"))]
/// How deeply brackets may nest in a catalog's text (criteria themselves are limited to
/// `validate::MAX_DEPTH` levels; this bound keeps a hostile file from exhausting the parser's stack).
pub const MAX_NESTING: usize = 64;

/// The largest catalog file read (a folder's TOML file or source text, an exported JSON file, a
/// `catalog-url` response): 32 MiB, room for `validate::MAX_MEASURES` measures. A larger one is
/// refused before it is read or parsed, with this limit in the message.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

#[cfg(any(not(target_arch = "wasm32"), feature = "runtime-catalog"))]
/// Checks the bracket nesting of a JSON or TOML text before it is parsed, skipping strings and
/// TOML comments. Returns what is wrong at the first too-deep bracket, with its line.
pub fn check_nesting(text: &str) -> Result<(), Text> {
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
                    return Err(t(
                        format!("第 {line} 行：括号嵌套超过 {MAX_NESTING} 层"),
                        format!("line {line}: brackets nest deeper than {MAX_NESTING} levels"),
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[cfg(any(not(target_arch = "wasm32"), feature = "runtime-catalog"))]
/// The canonical JSON form of a raw catalog (what `export --format json` writes; what the version
/// is computed from).
pub fn to_json(raw: &RawCatalog) -> String {
    serde_json::to_string(raw).expect("a raw catalog always serializes")
}

#[cfg(any(not(target_arch = "wasm32"), feature = "runtime-catalog"))]
/// Parses a catalog's JSON text, bounding its nesting first.
pub fn parse_json(text: &str, file: &str) -> Result<RawCatalog, CatalogError> {
    let problem = |code: Code, message: Text| {
        CatalogError::of_file(
            code,
            file,
            "",
            message,
            t(
                "该文件须是由 `policy-matcher export --format json` 写出的目录",
                "the file must be a catalog written by `policy-matcher export --format json`",
            ),
        )
    };
    check_nesting(text).map_err(|m| {
        CatalogError::of_file(
            Code::NestingTooDeep,
            file,
            "",
            m,
            t("条件最多嵌套 16 层", "the criteria may nest at most 16 levels"),
        )
    })?;
    serde_json::from_str::<RawCatalog>(text).map_err(|e| {
        let code = if e.is_syntax() || e.is_eof() { Code::Syntax } else { Code::NotACatalog };
        let mut err = problem(
            code,
            if e.is_syntax() || e.is_eof() {
                t(
                    format!("不是有效的 JSON（第 {} 行第 {} 列：{e}）", e.line(), e.column()),
                    format!("it is not valid JSON ({e})"),
                )
            } else {
                t(
                    format!("第 {} 行第 {} 列：{e}", e.line(), e.column()),
                    format!("line {} column {}: {e}", e.line(), e.column()),
                )
            },
        );
        if e.line() > 0 {
            err.problems[0].line = Some(e.line() as u32);
            err.problems[0].column = Some(e.column().max(1) as u32);
        }
        err
    })
}

#[cfg(any(not(target_arch = "wasm32"), feature = "runtime-catalog"))]
/// Reads and validates a catalog in its JSON form (an exported file, a runtime catalog).
pub fn from_json(text: &str, file: &str) -> Result<Catalog, CatalogError> {
    from_raw(&parse_json(text, file)?)
}

#[cfg(any(not(target_arch = "wasm32"), feature = "runtime-catalog"))]
/// Validates a raw catalog; its version is the hash of its canonical JSON form.
pub fn from_raw(raw: &RawCatalog) -> Result<Catalog, CatalogError> {
    validated(raw, version_of(to_json(raw).as_bytes()), None)
}

#[cfg(any(not(target_arch = "wasm32"), feature = "runtime-catalog"))]
/// The one validation step every source ends in. `sources` (the source texts, by path) are given
/// when a folder is read, so that clauses are checked verbatim.
pub(crate) fn validated(
    raw: &RawCatalog,
    version: String,
    sources: Option<&std::collections::BTreeMap<String, String>>,
) -> Result<Catalog, CatalogError> {
    if raw.format != CATALOG_FORMAT {
        return Err(CatalogError::of_file(
            Code::NotACatalog,
            "catalog",
            "format",
            t(
                format!("format 为“{}”，应为“{CATALOG_FORMAT}”", raw.format),
                format!("format is \"{}\", not \"{CATALOG_FORMAT}\"", raw.format),
            ),
            t(
                "用 `policy-matcher export --format json` 生成该文件",
                "produce the file with `policy-matcher export --format json`",
            ),
        ));
    }
    validate::validate(raw, &validate::Options { version, sources })
}

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

#[cfg(not(target_arch = "wasm32"))]
mod coverage;
#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub use coverage::coverage;
#[cfg(not(target_arch = "wasm32"))]
pub use native::*;
