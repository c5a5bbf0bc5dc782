//! Checks of a valid catalog that find what is suspicious rather than wrong: a question asked
//! that no criterion reads.

use super::super::error::{t, Code};
use super::*;

/// Whole-catalog checks for a catalog that is valid but may be poorly made, run by `check` (and by
/// the build for the bundled catalog): an asked question that no criterion reads cannot change a
/// result.
pub fn lint(catalog: &Catalog) -> Vec<Problem> {
    let mut read = vec![false; catalog.fields.len()];
    for m in &catalog.measures {
        for n in &m.criteria.nodes {
            if let NodeKind::Test(t) = &n.kind {
                read[t.field] = true;
            }
        }
    }
    let mut v = Validator { problems: Vec::new(), file: "questions.toml".into(), measure: None };
    for (i, f) in catalog.fields.iter().enumerate() {
        if f.ask && !read[i] {
            v.problem(Code::UnusedQuestion,
                format!("field[{i}]"),
                t(
                    format!("问题“{}”会被问到，但没有条件用到它，所以任何回答都不会改变结果", f.id),
                    format!(
                        "question \"{}\" is asked, but no criterion reads it, so no answer can change a result",
                        f.id
                    ),
                ),
                t(
                    "在原文所述的条件中使用它，或添加 ask = false（该字段仍留在画像词汇中）",
                    "use it in the criteria a text states, or add ask = false (the field stays in the profile vocabulary)",
                ),
            );
        }
    }
    v.problems
}
