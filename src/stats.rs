//! The catalog in numbers (`policy-matcher stats`): how many measures each document, issuer,
//! status on a date, support type and tested field has, the groups of measures that share a scheme,
//! the measures whose text states no conditions, and how much of the sources the measures carry
//! (coverage.toml). Data only: the binary words and prints it.

use std::collections::BTreeMap;

use crate::catalog::{self, Catalog, DocumentCoverage, Loaded, NodeKind};
use crate::date::Date;
use crate::engine::{self, Status};

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
