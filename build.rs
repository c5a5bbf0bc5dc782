//! Validates the catalog in data/ at build time with the same validator as `policy-matcher check`
//! (a bad catalog fails the build with the same messages) and embeds its canonical JSON form, so
//! the browser never parses TOML; and bytes of the validated model (`catalog.bin`, `catalog::bin`), which is
//! what every build decodes at start-up (src/bundled.rs).
#![allow(dead_code, unused_imports)] // it compiles the library's catalog modules, not all of what uses them

#[path = "src/date.rs"]
mod date;

#[path = "src/catalog/mod.rs"]
mod catalog;

fn main() {
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=src/catalog");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let lint = |c: catalog::Catalog| {
        let problems = catalog::validate::lint(&c);
        if problems.is_empty() {
            Ok(c)
        } else {
            Err(catalog::CatalogError { problems })
        }
    };
    let validated = match catalog::load(&dir).and_then(lint) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            panic!("the catalog in data/ does not pass `policy-matcher check`:\n{e}");
        }
    };
    let loaded = catalog::read(&dir);
    let json = catalog::to_json(&loaded.raw);
    let version = catalog::version_of(json.as_bytes());
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("catalog.json"), &json).unwrap();
    std::fs::write(out.join("catalog_version.txt"), &version).unwrap();
    assert_eq!(validated.version, version, "the version is the canonical JSON form's hash");
    std::fs::write(out.join("catalog.bin"), catalog::encode_bundled(&validated)).unwrap();
}
