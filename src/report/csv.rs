//! The results as CSV, one row per measure, in the chosen language (the widget's export).

use std::borrow::Cow;

use crate::catalog::{Catalog, Lang};
use crate::engine::Evaluation;
use crate::words::report as say;
use crate::words::{group_text, left_to_text, measure_status_text, SEMICOLON};

/// One CSV cell, safe to open in a spreadsheet — the only CSV cell writer (the widget's export and
/// batch matching both use it). A cell a spreadsheet would run as a formula (it starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, so it shows as text; a cell
/// holding a comma, a quote or a line break, or starting with `#` (a comment to
/// `match --profiles`), is quoted. Anything else is written as it is.
pub fn cell(s: &str) -> Cow<'_, str> {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if !formula && !s.contains([',', '"', '\n', '\r']) && !s.starts_with('#') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 3);
    out.push('"');
    if formula {
        out.push('\'');
    }
    for c in s.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
    Cow::Owned(out)
}

/// The results as CSV (one row per measure), in the chosen language.
pub fn csv(catalog: &Catalog, eval: &Evaluation, lang: Lang) -> String {
    let head = say::csv_columns(lang);
    let mut out = head.iter().map(|h| cell(h)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    for r in &eval.results {
        let m = &catalog.measures[r.measure];
        let doc = &catalog.documents[m.document];
        let support: Vec<&str> = m.support.iter().map(|s| s.label(lang)).collect();
        let missing: Vec<&str> = eval.missing(r).iter().map(|&f| catalog.fields[f].label.get(lang)).collect();
        let failed: Vec<&str> =
            eval.failed(r).iter().filter_map(|&n| m.criteria.nodes[n].reason.as_ref()).map(|t| t.get(lang)).collect();
        let sep = SEMICOLON.get(lang);
        let doubts: Vec<&str> = eval
            .doubts(r)
            .iter()
            .filter_map(|&n| m.criteria.nodes[n].loose.as_ref())
            .chain(m.unassessed.iter().map(|u| &u.rules))
            .map(|t| t.get(lang))
            .collect();
        let mut further = left_to_text(m, lang).unwrap_or_default();
        if !m.conditions_stated {
            if !further.is_empty() {
                further.push_str(sep);
            }
            further.push_str(say::NO_CONDITIONS_FOR_APPLYING.get(lang));
        }
        let row = [
            m.id.as_str(),
            m.title.get(lang),
            group_text(r.group(), lang),
            &measure_status_text(catalog, m, r.status, eval.as_of, lang),
            m.issuer.get(lang),
            doc.title.get(lang),
            doc.number.as_deref().unwrap_or(""),
            &support.join(sep),
            &missing.join(sep),
            &failed.join(sep),
            &doubts.join(sep),
            &further,
        ]
        .iter()
        .map(|c| cell(c))
        .collect::<Vec<_>>()
        .join(",");
        out.push_str(&row);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn a_cell_a_spreadsheet_would_run_is_text() {
        for lead in ["=", "+", "-", "@", "\t", "\r"] {
            let s = format!("{lead}HYPERLINK(\"http://x\",\"y\")");
            let c = cell(&s);
            assert!(c.starts_with("\"'"), "{s:?} → {c:?}");
            assert_eq!(c.replace("\"\"", "\""), format!("\"'{s}\""), "the rest kept, quotes doubled");
        }
    }

    #[test]
    fn plain_cells_stay_as_they_are_and_others_are_quoted() {
        assert_eq!(cell("small-ai"), "small-ai");
        assert_eq!(cell("中关村"), "中关村");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(cell("#not a comment"), "\"#not a comment\"");
    }
}
