//! The catalog reader: JSON text → `RawCatalog` (bounded nesting first), the canonical JSON form and
//! the version computed from it, and the one validation step every source ends in. Compiled
//! natively and, in the browser, only with the feature `runtime-catalog` (gated once, where
//! `catalog` declares this module).

use super::error::{t, CatalogError, Code};
use super::model::{Catalog, Text};
use super::raw::{RawCatalog, CATALOG_FORMAT};

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

/// The canonical JSON form of a raw catalog (what `export --format json` writes; what the version
/// is computed from).
pub fn to_json(raw: &RawCatalog) -> String {
    serde_json::to_string(raw).expect("a raw catalog always serializes")
}

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
            // serde_json counts the column in bytes; a problem's column is in characters.
            let start: usize = text.split('\n').take(e.line() - 1).map(|l| l.len() + 1).sum();
            let line_len = text[start.min(text.len())..].split('\n').next().map_or(0, str::len);
            let at = start + e.column().saturating_sub(1).min(line_len);
            let p = &mut err.problems[0];
            (p.line, p.column) = super::error::line_column(text, at);
        }
        err
    })
}

/// Reads and validates a catalog in its JSON form (an exported file, a runtime catalog).
pub fn from_json(text: &str, file: &str) -> Result<Catalog, CatalogError> {
    from_raw(&parse_json(text, file)?)
}

/// Validates a raw catalog; its version is the hash of its canonical JSON form.
pub fn from_raw(raw: &RawCatalog) -> Result<Catalog, CatalogError> {
    validated(raw, version_of(to_json(raw).as_bytes()), None)
}

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
    super::validate::validate(raw, &super::validate::Options { version, sources })
}
