//! Catalog problems: each one points into the source (file, measure id, field path), says what is
//! wrong and how to fix it. Validation collects all of them rather than stopping at the first.

use std::fmt;

/// At most 40 characters of what someone wrote, for quoting it back in a message (catalog
/// problems and share-link problems alike).
pub fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// One thing wrong with a catalog (serialized for hosts: `{file, measure, path, message, hint}`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The file, e.g. `zgc2024.toml` (or `questions.toml`).
    pub file: String,
    /// The measure's id, when the problem is inside a measure.
    pub measure: Option<String>,
    /// Where in the file, e.g. `measure[3].criteria[1].in[0]`.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(m) = &self.measure {
            write!(f, ": measure \"{m}\"")?;
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)?;
        if !self.hint.is_empty() {
            write!(f, "\n    fix: {}", self.hint)?;
        }
        Ok(())
    }
}

/// Every problem found in a catalog.
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize)]
pub struct CatalogError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.problems {
            writeln!(f, "{p}")?;
        }
        write!(f, "{} problem{} in the catalog", self.problems.len(), if self.problems.len() == 1 { "" } else { "s" })
    }
}

impl std::error::Error for CatalogError {}
