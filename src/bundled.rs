//! The catalog compiled into the binary: the canonical JSON written by build.rs after validating
//! data/, and its version. The browser turns it into a `Catalog` with its own JSON parser.

/// The bundled catalog, in the JSON form of `policy-matcher export --format json`.
pub const CATALOG_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.json"));
/// Its content hash.
pub const CATALOG_VERSION: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog_version.txt"));

/// The bundled catalog, through the one pipeline (parse → validate). Its version was computed from
/// the canonical form at build time; a test checks that it equals what `from_json` computes.
pub fn catalog() -> Result<crate::catalog::Catalog, crate::catalog::CatalogError> {
    let raw = crate::catalog::parse_json(CATALOG_JSON, "bundled catalog")?;
    crate::catalog::validated(&raw, CATALOG_VERSION.to_string(), None)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #[test]
    fn the_embedded_catalog_is_the_one_in_data() {
        let from_json = crate::catalog::from_json(super::CATALOG_JSON, "bundled").unwrap();
        assert_eq!(from_json.version, super::CATALOG_VERSION, "the build computed the canonical form's version");
        let bundled = super::catalog().unwrap();
        let from_toml =
            crate::catalog::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))).unwrap();
        assert_eq!(from_json.version, from_toml.version);
        assert_eq!(bundled, from_toml);
    }
}
