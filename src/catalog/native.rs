//! Reading a catalog on a native machine: a folder on disk (through `folder`'s reader, with the
//! disk as its [`Files`]) or an exported JSON file, each file refused over `MAX_FILE_BYTES` by its
//! size before it is read.

use std::fs;
use std::path::Path;

use super::error::{t, CatalogError};
use super::folder::validate_loaded;
use super::folder::{read_folder, read_json, Files, Loaded, Unread};
use super::model::Catalog;
use super::MAX_FILE_BYTES;

/// Reads a catalog file as text, refusing one over `MAX_FILE_BYTES` before reading it (by its size
/// on disk, and while reading, for a file that grows or reports no size).
fn read_text(path: &Path) -> Result<String, Unread> {
    use std::io::Read;
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Unread::Missing(e.to_string()),
        _ => Unread::Io(e.to_string()),
    };
    let file = fs::File::open(path).map_err(io)?;
    if let Ok(m) = file.metadata() {
        if m.len() > MAX_FILE_BYTES {
            return Err(Unread::TooLarge(m.len()));
        }
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Unread::TooLarge(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

/// A catalog folder on disk.
struct Disk<'a>(&'a Path);

impl Files for Disk<'_> {
    fn path(&self, name: &str) -> String {
        if name.is_empty() {
            self.0.display().to_string()
        } else {
            self.0.join(name).display().to_string()
        }
    }

    fn names(&self) -> Result<Vec<String>, String> {
        let entries = fs::read_dir(self.0).map_err(|e| e.to_string())?;
        Ok(entries.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
    }

    fn read(&self, name: &str) -> Result<String, Unread> {
        read_text(&self.0.join(name))
    }
}

/// Reads a catalog without validating it: a folder (questions.toml, one TOML file per document,
/// source texts, coverage.toml) or a file in the exported JSON form.
pub fn read(path: &Path) -> Loaded {
    if path.is_dir() {
        return read_folder(&Disk(path));
    }
    let name = path.display().to_string();
    match read_text(path) {
        Err(e) => Loaded::empty(vec![e.problem(
            &name,
            t(
                "给出目录文件夹（含 questions.toml），或由 `policy-matcher export --format json` 写出的 JSON 文件",
                "give a catalog folder (with questions.toml) or a JSON file written by `policy-matcher export --format json`",
            ),
        )]),
        Ok(text) => read_json(&name, &text),
    }
}

/// Reads and validates a catalog folder or exported JSON file: every problem at once, or the
/// catalog. For a folder, clauses are checked against the source texts and `coverage.toml`.
pub fn load(path: &Path) -> Result<Catalog, CatalogError> {
    validate_loaded(&read(path))
}
