//! The catalog compiled into the binary. build.rs validates data/ with the same validator as
//! `policy-matcher check` (a bad catalog fails the build) and writes two forms of it: the canonical
//! JSON (what `export --format json` writes, and what the version is the hash of) and postcard
//! bytes of the validated model, which is what the program reads at start-up: no JSON parsing and
//! no validation in the browser, and neither the JSON reader nor the validator in the widget's
//! default wasm.

/// The bundled catalog, as postcard bytes of the validated `Catalog` (see `catalog::decode_bundled`).
pub const CATALOG_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin"));
/// The bundled catalog, in the JSON form of `policy-matcher export --format json` (native and the
/// runtime-catalog module only: the widget's default wasm does not carry it).
#[cfg(any(not(target_arch = "wasm32"), feature = "runtime-catalog"))]
pub const CATALOG_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.json"));
/// Its content hash.
pub const CATALOG_VERSION: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog_version.txt"));

/// The bundled catalog, decoded. It was validated when it was built; a test checks that the decoded
/// catalog equals the one the reader makes of data/.
pub fn catalog() -> Result<crate::catalog::Catalog, crate::catalog::CatalogError> {
    crate::catalog::decode_bundled(CATALOG_BYTES)
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
        assert_eq!(bundled, from_toml, "the bytes decode to the catalog the reader makes of data/");
        assert_eq!(from_json, from_toml);
    }

    #[test]
    fn damaged_bytes_are_a_problem_not_a_panic() {
        let bytes = super::CATALOG_BYTES;
        for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            let e = crate::catalog::decode_bundled(&bytes[..cut]).unwrap_err();
            assert!(e.to_string().contains("does not decode"), "{e}");
        }
    }
}
