//! The catalog compiled into the binary. build.rs validates data/ with the same validator as
//! `policy-matcher check` (a bad catalog fails the build) and writes two forms of it: the canonical
//! JSON (what `export --format json` writes, and what the version is the hash of) and bytes of the
//! validated model (`catalog::bin`), which is what the program reads at start-up: no JSON parsing
//! and no validation. The widget gets the same bytes in parts per language (src/bin/prerender.rs).

/// The bundled catalog, as bytes (`catalog::bin`) of the validated `Catalog` (see `catalog::decode_bundled`).
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
    fn the_widgets_parts_of_the_catalog_add_up_to_the_whole_of_it() {
        use crate::catalog::{decode_bundled, decode_details, encode_bundled, encode_details, Lang};
        let full = super::catalog().unwrap();
        for (first, second) in [(Lang::Zh, Lang::En), (Lang::En, Lang::Zh)] {
            // What the page downloads first, through the bytes the browser reads.
            let mut c = decode_bundled(&encode_bundled(&full.in_one_language(first))).unwrap();
            assert!(c.speaks(first) && !c.speaks(second) && !c.has_details(first));
            assert!(c.measures.iter().all(|m| !m.title.get(first).is_empty() && m.title.get(second).is_empty()));
            assert!(
                c.measures.iter().all(|m| !m.issuer.zh.is_empty()),
                "an issuer's Chinese name is its key in every file"
            );
            assert!(c.measures.iter().flat_map(|m| &m.notes).all(|n| n.zh.is_empty() && n.en.is_empty()));
            assert!(c
                .measures
                .iter()
                .flat_map(|m| &m.criteria.nodes)
                .all(|n| n.clause.as_deref().is_none_or(str::is_empty)));
            assert!(encode_bundled(&c).len() < encode_bundled(&full).len() / 2, "a small first download");
            let mut wrong = full.details(first);
            wrong.version = "c1-other".into();
            assert!(!c.add_details(&wrong), "details of another catalog version are refused");
            wrong = full.details(first);
            wrong.texts.pop();
            assert!(!c.add_details(&wrong), "a short list is refused");
            assert!(!c.has_details(first));
            assert!(c.add_details(&decode_details(&encode_details(&full.details(first))).unwrap()));
            assert!(c.has_details(first));
            assert!(c.add_language(&full.in_one_language(second)));
            assert!(c.add_details(&full.details(second)));
            assert_eq!(c, full, "{first:?} first, then {second:?}: the whole catalog");
        }
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
