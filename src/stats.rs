//! The catalog in numbers (`policy-matcher stats`): how many measures each document, issuer,
//! status on a date, support type and tested field has, the groups of measures that share a scheme,
//! the measures whose text states no conditions, and how much of the sources the measures carry
//! (coverage.toml); and those counts in words (`render_text`, with `words::maintenance`).

use std::collections::BTreeMap;

use crate::catalog::{self, Catalog, DocumentCoverage, Lang, Loaded, NodeKind};
use crate::date::Date;
use crate::engine::{self, Status};
use crate::words::{self, maintenance as w};

/// The counts of one catalog on one date. Every map is in key order.
#[derive(Clone, Debug)]
pub struct Stats {
    pub version: String,
    pub measures: usize,
    pub documents: usize,
    /// The date the statuses are for.
    pub as_of: Date,
    /// Measures per document id.
    pub by_document: BTreeMap<String, usize>,
    /// Measures per issuer (its Chinese name).
    pub by_issuer: BTreeMap<String, usize>,
    /// Measures per status on `as_of`, keyed by [`Status::id`].
    pub by_status: BTreeMap<&'static str, StatusCount>,
    /// Measures per support type id (a measure with two types counts in both).
    pub by_support: BTreeMap<&'static str, usize>,
    /// Per field id, the measures with at least one criterion testing it.
    pub by_field: BTreeMap<String, usize>,
    /// The measure ids of every scheme with more than one measure (one card each in the widget), in
    /// scheme order.
    pub scheme_groups: Vec<Vec<String>>,
    /// Measures whose text states no conditions (`conditions_stated = false`).
    pub conditions_not_stated: usize,
    /// Per document, the sources' sentences and how many the measures carry (empty without a
    /// coverage.toml).
    pub coverage: Vec<DocumentCoverage>,
}

/// The measures that have one kind of status (one [`Status::id`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StatusCount {
    /// The status of the first such measure in catalog order (its dates need not be the others').
    pub status: Status,
    pub measures: usize,
}

/// Counts `catalog` (read as `loaded`) on `as_of`.
pub fn stats(loaded: &Loaded, catalog: &Catalog, as_of: Date) -> Stats {
    let mut by_issuer: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_document: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_status: BTreeMap<&'static str, StatusCount> = BTreeMap::new();
    let mut by_support: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut by_field: BTreeMap<String, usize> = BTreeMap::new();
    for m in &catalog.measures {
        *by_issuer.entry(m.issuer.zh.clone()).or_default() += 1;
        *by_document.entry(catalog.documents[m.document].id.clone()).or_default() += 1;
        let status = engine::status(m, as_of);
        by_status.entry(status.id()).or_insert(StatusCount { status, measures: 0 }).measures += 1;
        for s in &m.support {
            *by_support.entry(s.id()).or_default() += 1;
        }
        let mut fields: Vec<usize> = m
            .criteria
            .nodes
            .iter()
            .filter_map(|n| if let NodeKind::Test(t) = &n.kind { Some(t.field) } else { None })
            .collect();
        fields.sort();
        fields.dedup();
        for f in fields {
            *by_field.entry(catalog.fields[f].id.clone()).or_default() += 1;
        }
    }
    let mut schemes: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for m in &catalog.measures {
        schemes.entry(m.scheme).or_default().push(m.id.clone());
    }
    let (coverage, _) = catalog::coverage(loaded, catalog);
    Stats {
        version: catalog.version.clone(),
        measures: catalog.measures.len(),
        documents: catalog.documents.len(),
        as_of,
        by_document,
        by_issuer,
        by_status,
        by_support,
        by_field,
        scheme_groups: schemes.into_values().filter(|v| v.len() > 1).collect(),
        conditions_not_stated: catalog.measures.iter().filter(|m| !m.conditions_stated).count(),
        coverage,
    }
}

/// The counts in words, for people (`policy-matcher stats`), in zh or en: a line per key under
/// each heading, then the coverage table.
pub fn render_text(s: &Stats, lang: Lang) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let as_of = s.as_of.to_string();
    let _ = writeln!(out, "{}", w::stats_header(&s.version, s.measures, s.documents, &as_of, lang));
    let mut section = |title: &str, rows: Vec<(String, usize)>| {
        let _ = writeln!(out, "\n{title}");
        for (k, n) in rows {
            let _ = writeln!(out, "  {n:>4}  {k}");
        }
    };
    // In the order of the words, as printed.
    let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
    for c in s.by_status.values() {
        *by_status.entry(words::status_word(c.status, lang)).or_default() += c.measures;
    }
    let owned = |m: &BTreeMap<String, usize>| m.iter().map(|(k, v)| (k.clone(), *v)).collect();
    let ids = |m: BTreeMap<&str, usize>| m.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    section(w::BY_DOCUMENT.get(lang), owned(&s.by_document));
    section(w::BY_ISSUER.get(lang), owned(&s.by_issuer));
    section(w::BY_STATUS.get(lang), ids(by_status));
    section(w::BY_SUPPORT.get(lang), ids(s.by_support.clone()));
    section(w::FIELDS_USED.get(lang), owned(&s.by_field));
    section(
        &w::scheme_groups(s.scheme_groups.len(), s.conditions_not_stated, lang),
        s.scheme_groups.iter().map(|g| (g.join(", "), g.len())).collect(),
    );
    if !s.coverage.is_empty() {
        let _ = writeln!(out, "\n{}", w::COVERAGE.get(lang));
        let _ = writeln!(out, "{}", w::COVERAGE_COLUMNS.get(lang));
        for c in &s.coverage {
            let _ = writeln!(
                out,
                "  {:<16}  {:>9}  {:>7}  {:>8}  {:>19}  {:>24}",
                c.document,
                c.sentences,
                c.carried,
                c.left_out,
                format!("{}/{}", c.audit_clear.1, c.audit_clear.0),
                format!("{}/{}", c.audit_borderline.1, c.audit_borderline.0)
            );
        }
    }
    out
}
