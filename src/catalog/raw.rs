//! The raw catalog: a serde mirror of the files in `data/` (TOML) and of the exported JSON, with
//! no invariants. Everything is optional or a plain string here so that `validate` can report every
//! problem at once, in words, instead of serde stopping at the first missing key.
//!
//! On native targets the same types derive `schemars::JsonSchema`: `policy-matcher schema` prints
//! the JSON Schema editors use to complete and check the files while typing. The few value lists
//! a plain `String` cannot express (dates, field kinds, support types, relations) are added by the
//! `hint` functions below, from the same constants the validator uses.

use serde::{Deserialize, Serialize};

/// A zh/en pair as written in the files.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, Hash)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawText {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

/// `questions.toml`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawQuestions {
    #[serde(default)]
    pub field: Vec<RawField>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawField {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "hint::field_kind"))]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<RawText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<RawText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask_when: Option<RawNode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub option: Vec<RawOption>,
    /// `false`: kept in the profile vocabulary (the public contract) but not asked, because no
    /// criterion reads it. `check` reports an asked question that no criterion reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask: Option<bool>,
    /// Headings that group a long list of options (each option names its group).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<RawGroup>,
    /// A change a person can make to this answer (obtain a certification, start an activity,
    /// move): the verb in zh and en. Only such fields are tried for "what would open more".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unlock: Option<RawText>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<RawText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<RawText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusive: Option<bool>,
    /// The id of the field's group this option is shown under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// `false`: kept for old profiles and share links (ids are add-only), no longer offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask: Option<bool>,
}

/// A heading for some of a field's options.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<RawText>,
}

/// One document file: the document and its measures.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawDocumentFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<RawDocument>,
    #[serde(default)]
    pub measure: Vec<RawMeasure>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    #[serde(default)]
    pub id: String,
    /// `policy` (the policy text proper), `plan` (a development plan) or `report` (a news or press
    /// report): which member of a same-scheme programme its card follows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "hint::document_kind"))]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<RawText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<RawText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "hint::date"))]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<RawText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Path of the source text, relative to the catalog folder. Used by `check` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "hint::date"))]
    pub effective_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "hint::date"))]
    pub effective_until: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<RawText>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawMeasure {
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<RawText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<RawText>,
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "hint::support"))]
    pub support: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<RawText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<RawText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "hint::date"))]
    pub effective_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "hint::date"))]
    pub effective_until: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repealed_by: Option<RawRepeal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<RawText>,
    /// What the text leaves to rules or a call for applications (shown next to the verdict).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left_to: Vec<RawLeftTo>,
    /// Conditions the text states that no question can assess ("知名", "央企"): the measure is at
    /// best "to confirm", and these are listed as what to confirm.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unassessed: Vec<RawUnassessed>,
    /// `false`: the text names the programme but states no condition beyond who may apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions_stated: Option<bool>,
    /// Links to other measures of the catalog.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RawRelated>,
    /// How to apply, where, a link and a contact — only as a text or a park's own data states them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apply: Option<RawApply>,
    #[serde(default)]
    pub criteria: Vec<RawNode>,
}

/// A stated condition no question can assess.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawUnassessed {
    /// What to confirm, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<RawText>,
    /// The source's words, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
}

/// Rules or a call for applications that set what the text leaves open.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawLeftTo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<RawText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
}

/// The next steps for an applicant.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawApply {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how: Option<RawText>,
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    pub where_: Option<RawText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<RawText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A link to another measure: `relation` says what the other measure is to this one.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawRelated {
    #[serde(default)]
    pub measure: String,
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "hint::relation"))]
    pub relation: String,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawRepeal {
    #[serde(default)]
    pub document: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "hint::date"))]
    pub date: Option<String>,
}

/// A criterion: a test on one field (`field` + `in` / `not_in` / `min` / `max`) or a group
/// (`all` / `any` / `not`). Which one it is, is decided by `validate`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawNode {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub in_: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_in: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<Vec<RawNode>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any: Option<Vec<RawNode>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not: Option<Box<RawNode>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<RawText>,
    /// On a test: the text states this condition loosely (an illustrative list ending in 等, or a
    /// scope the document implies). Failing it makes the measure "to confirm", with this text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loose: Option<RawText>,
}

/// A whole catalog in one value: the form `export --format json` writes and `catalog-url` reads.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCatalog {
    /// Format marker, so that a reader can tell a catalog from any other JSON.
    #[serde(default)]
    pub format: String,
    pub questions: RawQuestions,
    /// One entry per document file, keyed by the file name it came from (for messages).
    #[serde(default)]
    pub documents: Vec<RawNamedFile>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawNamedFile {
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<RawDocument>,
    #[serde(default)]
    pub measure: Vec<RawMeasure>,
}

/// The marker in `RawCatalog::format`.
pub const CATALOG_FORMAT: &str = "policy-matcher-catalog/1";

/// `coverage.toml`: every applicant-facing sentence of the sources, with the measures that carry
/// it or why it is left out. Read by `check` and `stats` only; never shipped to the browser.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCoverage {
    #[serde(default)]
    pub sentence: Vec<RawSentence>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawSentence {
    #[serde(default)]
    pub document: String,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measures: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_out: Option<RawText>,
    /// "clear" or "borderline" where the 2026-11 audit listed the sentence as an omission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(schema_with = "hint::audit"))]
    pub audit: Option<String>,
}

/// Schema hints for the value lists a `String` cannot express, built from the validator's own
/// constants (native only: the browser never needs a schema).
#[cfg(not(target_arch = "wasm32"))]
mod hint {
    use schemars::{json_schema, Schema, SchemaGenerator};

    use super::super::model::{DocumentKind, FieldKind, Relation, SUPPORT_TYPES};

    pub fn date(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A date the text states, quoted: \"2024-10-09\"."
        })
    }

    pub fn field_kind(_: &mut SchemaGenerator) -> Schema {
        let kinds: Vec<&str> =
            [FieldKind::OneOf, FieldKind::AnyOf, FieldKind::Integer, FieldKind::Number, FieldKind::Year]
                .into_iter()
                .map(FieldKind::id)
                .collect();
        json_schema!({ "type": "string", "enum": kinds })
    }

    pub fn support(_: &mut SchemaGenerator) -> Schema {
        let ids: Vec<&str> = SUPPORT_TYPES.iter().map(|(id, _, _)| *id).collect();
        json_schema!({ "type": "array", "items": { "type": "string", "enum": ids } })
    }

    pub fn relation(_: &mut SchemaGenerator) -> Schema {
        let ids: Vec<&str> = Relation::WRITABLE.into_iter().map(Relation::id).collect();
        json_schema!({ "type": "string", "enum": ids })
    }

    pub fn document_kind(_: &mut SchemaGenerator) -> Schema {
        let ids: Vec<&str> = DocumentKind::ALL.into_iter().map(DocumentKind::id).collect();
        json_schema!({ "type": "string", "enum": ids })
    }

    pub fn audit(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "enum": ["clear", "borderline"] })
    }
}
