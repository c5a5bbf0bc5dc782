//! The validated catalog: types that hold their invariants. Every id is unique, every reference is
//! resolved to an index, every option set is a bit mask, every date is a real date and every text
//! has both languages. Only `validate` builds these; the engine and the UI only read them.

use super::plan::Compiled;
use crate::date::Date;

/// A display language. The catalog carries every text in both (the widget downloads one first:
/// [`Catalog::only`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `zh` or `en` exactly (a CLI flag, a share link).
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// A BCP 47 language tag, as pages and browsers write them: `zh`, `zh-CN`, `zh-Hant-TW`,
    /// `en-GB`, any case. Every language-tag reading goes through here.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase();
        let primary = t.split(['-', '_']).next().unwrap_or("");
        match primary {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// A text in Chinese and English (both non-empty): catalog texts, output words, notices — the one
/// zh/en pair of the product (`RawText` is its unvalidated form in the files).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// Which texts a catalog holds, per language (`[zh, en]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Held {
    /// Every text a screen shows without opening a card's reasons.
    pub face: [bool; 2],
    /// The notes and the quoted clauses, shown with a card's reasons.
    pub details: [bool; 2],
}

impl Default for Held {
    fn default() -> Held {
        Held { face: [true; 2], details: [true; 2] }
    }
}

/// A part of a catalog's texts (see [`Held`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Face,
    /// A face text whose Chinese form is also a key (an issuer's name: the filter groups by it):
    /// kept in every language's file.
    Key,
    Details,
}

/// One language's details of a catalog (a file of its own in the widget: `details-<lang>`): the
/// detail texts in `Catalog::each_text` order, then every quoted clause.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Details {
    pub version: String,
    pub lang: Lang,
    pub texts: Vec<String>,
}

/// Index of a field in `Catalog::fields`.
pub type FieldIdx = usize;
/// Index of a criterion node in `Criteria::nodes`.
pub type NodeIdx = usize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub enum FieldKind {
    /// Exactly one option.
    OneOf,
    /// Any number of options; an empty set means "none of these".
    AnyOf,
    /// A whole number in `[min, max]`.
    Integer,
    /// A number in `[min, max]`.
    Number,
    /// A whole number from `min` up to the evaluation year.
    Year,
}

impl FieldKind {
    pub fn parse(s: &str) -> Option<FieldKind> {
        Some(match s {
            "one_of" => FieldKind::OneOf,
            "any_of" => FieldKind::AnyOf,
            "integer" => FieldKind::Integer,
            "number" => FieldKind::Number,
            "year" => FieldKind::Year,
            _ => return None,
        })
    }

    pub fn id(self) -> &'static str {
        match self {
            FieldKind::OneOf => "one_of",
            FieldKind::AnyOf => "any_of",
            FieldKind::Integer => "integer",
            FieldKind::Number => "number",
            FieldKind::Year => "year",
        }
    }

    pub fn has_options(self) -> bool {
        matches!(self, FieldKind::OneOf | FieldKind::AnyOf)
    }
}

/// The most options a field may have (they are kept as bits of a `u64`).
pub const MAX_OPTIONS: usize = 64;

#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct FieldOption {
    pub id: String,
    pub label: Text,
    pub help: Option<Text>,
    /// "None of these": cannot be combined with other options.
    pub exclusive: bool,
    /// Index into the field's `groups`.
    pub group: Option<usize>,
    /// `false`: kept in the profile vocabulary so that old profiles and share links keep their
    /// meaning, but no longer offered (a narrower option replaced it); shown only when chosen.
    pub ask: bool,
}

/// A question of the questionnaire, and a field of the profile.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Field {
    pub id: String,
    pub kind: FieldKind,
    pub label: Text,
    pub help: Option<Text>,
    pub options: Vec<FieldOption>,
    /// Asked only when this test holds.
    pub ask_when: Option<Test>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// `false`: part of the profile vocabulary but never asked (no criterion reads it).
    pub ask: bool,
    /// Headings for groups of options (id, label), in order.
    pub groups: Vec<(String, Text)>,
    /// A change a person can make to this answer, with its verb ("取得" / "Obtain"); `None` for
    /// facts one does not choose (who one is, the industry, the founding year).
    pub unlock: Option<Text>,
}

impl Field {
    pub fn option_index(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }

    /// The options whose bits are set in `mask`, with their index — every reading of an option
    /// mask goes through here.
    pub fn options_in(&self, mask: u64) -> impl Iterator<Item = (usize, &FieldOption)> {
        self.options.iter().enumerate().filter(move |(k, _)| mask & (1 << k) != 0)
    }

    /// The bits of the exclusive ("none of these") options.
    pub fn exclusive_mask(&self) -> u64 {
        self.options.iter().enumerate().filter(|(_, o)| o.exclusive).fold(0, |m, (i, _)| m | (1 << i))
    }

    /// Option ids, comma-separated, for messages ("allowed: …").
    pub fn allowed(&self) -> String {
        match self.kind {
            FieldKind::OneOf | FieldKind::AnyOf => {
                self.options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>().join(", ")
            }
            FieldKind::Year => format!("a whole number from {} to the current year", self.min.unwrap_or(1900.0)),
            FieldKind::Integer => format!("a whole number{}", range_words(self.min, self.max)),
            FieldKind::Number => format!("a number{}", range_words(self.min, self.max)),
        }
    }
}

fn range_words(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!(" from {a} to {b}"),
        (Some(a), None) => format!(" ≥ {a}"),
        (None, Some(b)) => format!(" ≤ {b}"),
        (None, None) => String::new(),
    }
}

/// What a test asks of one field.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub enum Op {
    /// The answer is (one_of) or includes (any_of) one of these option bits.
    In(u64),
    /// Not `In`.
    NotIn(u64),
    /// The number lies in `[min, max]` (either bound may be absent).
    Range { min: Option<f64>, max: Option<f64> },
}

/// A test on one field.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Test {
    pub field: FieldIdx,
    pub op: Op,
}

#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub enum NodeKind {
    Test(Test),
    All(Vec<NodeIdx>),
    Any(Vec<NodeIdx>),
    Not(NodeIdx),
}

/// One criterion with its legal reference.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Node {
    pub kind: NodeKind,
    /// The verbatim clause of the source (tests always have one).
    pub clause: Option<String>,
    /// Why the criterion exists, in words (tests always have one).
    pub reason: Option<Text>,
    /// Where it sits in the file, e.g. `criteria[1].any[0]`.
    pub path: String,
    /// On a test: the text states the condition loosely; failing it leaves the measure "to
    /// confirm", and this says what to confirm.
    pub loose: Option<Text>,
}

/// A measure's eligibility tree, stored flat. The root is an implicit `all` over the file's
/// top-level criteria; children always come after their parent.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Criteria {
    pub nodes: Vec<Node>,
    pub root: NodeIdx,
}

/// A support type, with its labels.
pub const SUPPORT_TYPES: &[(&str, &str, &str)] = &[
    ("grant", "资金支持", "Grant"),
    ("equity_investment", "股权投资", "Equity investment"),
    ("guarantee", "融资担保", "Guarantee"),
    ("loan_interest_subsidy", "贷款贴息", "Loan interest subsidy"),
    ("risk_compensation", "风险补偿", "Risk compensation"),
    ("award", "奖励", "Award"),
    ("subsidy", "补贴", "Subsidy"),
    ("tax_incentive", "税收优惠", "Tax incentive"),
    ("service", "服务", "Service"),
    ("talent_support", "人才支持", "Talent support"),
    ("recognition", "认定", "Recognition"),
    ("financing", "融资", "Financing"),
    ("policy_pilot", "先行先试政策试点", "Policy pilot"),
    ("unspecified", "支持方式未载明", "Form of support not stated"),
];

/// Index into `SUPPORT_TYPES`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Support(pub usize);

impl Support {
    pub fn parse(s: &str) -> Option<Support> {
        SUPPORT_TYPES.iter().position(|(id, _, _)| *id == s).map(Support)
    }
    pub fn id(self) -> &'static str {
        SUPPORT_TYPES[self.0].0
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => SUPPORT_TYPES[self.0].1,
            Lang::En => SUPPORT_TYPES[self.0].2,
        }
    }
}

/// What kind of text a document is. A programme described by several documents (`same_scheme`) is
/// shown on one card with the verdict of its member from the most authoritative kind: the policy
/// text proper, then a development plan, then a news or press report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub enum DocumentKind {
    /// The policy text itself (measures, rules, a notice of the issuer).
    Policy,
    /// A development plan that names support among its goals.
    Plan,
    /// A news or press report of measures.
    Report,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 3] = [DocumentKind::Policy, DocumentKind::Plan, DocumentKind::Report];
    pub fn id(self) -> &'static str {
        match self {
            DocumentKind::Policy => "policy",
            DocumentKind::Plan => "plan",
            DocumentKind::Report => "report",
        }
    }
    pub fn parse(s: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.id() == s)
    }
}

#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Document {
    pub id: String,
    /// Policy text, plan or report; `None` where the catalog does not say (ranked after all three).
    pub kind: Option<DocumentKind>,
    /// The file it came from, e.g. `zgc2024.toml`.
    pub file: String,
    pub title: Text,
    pub number: Option<String>,
    pub issuer: Text,
    pub date: Option<Date>,
    pub publication: Option<Text>,
    pub url: Option<String>,
    /// The default validity of its measures.
    pub effective_from: Option<Date>,
    pub effective_until: Option<Date>,
    pub notes: Vec<Text>,
}

/// Rules or a call for applications that set what a measure's text leaves open.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct LeftTo {
    /// The rules, named.
    pub rules: Text,
    /// The verbatim sentence of the source that leaves the matter to them.
    pub clause: String,
}

/// What another measure is to this one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub enum Relation {
    /// The same programme, described by another document.
    SameScheme,
    /// The other must be obtained first.
    Prerequisite,
    /// The other follows or replaces this one.
    Successor,
    /// This one is a prerequisite of the other (the reverse of `Prerequisite`; derived).
    LeadsTo,
    /// This one follows or replaces the other (the reverse of `Successor`; derived).
    Predecessor,
}

impl Relation {
    /// The relations a catalog file may write.
    pub const WRITABLE: [Relation; 3] = [Relation::SameScheme, Relation::Prerequisite, Relation::Successor];

    pub fn parse(s: &str) -> Option<Relation> {
        Relation::WRITABLE.into_iter().find(|r| r.id() == s)
    }
    pub fn id(self) -> &'static str {
        match self {
            Relation::SameScheme => "same_scheme",
            Relation::Prerequisite => "prerequisite",
            Relation::Successor => "successor",
            Relation::LeadsTo => "leads_to",
            Relation::Predecessor => "predecessor",
        }
    }
    /// The relation seen from the other measure.
    pub fn reverse(self) -> Relation {
        match self {
            Relation::SameScheme => Relation::SameScheme,
            Relation::Prerequisite => Relation::LeadsTo,
            Relation::LeadsTo => Relation::Prerequisite,
            Relation::Successor => Relation::Predecessor,
            Relation::Predecessor => Relation::Successor,
        }
    }
}

/// The next steps for an applicant, as far as a text (or a park's own catalog) states them.
#[derive(Clone, Debug, PartialEq, Default, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Apply {
    pub how: Option<Text>,
    pub where_: Option<Text>,
    pub contact: Option<Text>,
    pub url: Option<String>,
}

/// A resolved link to another measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Related {
    /// Index into `Catalog::measures`.
    pub measure: usize,
    pub relation: Relation,
}

/// Repealed by a document of the catalog, from a date on.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Repeal {
    pub document: usize,
    pub date: Date,
}

#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Measure {
    pub id: String,
    /// Index into `Catalog::documents`.
    pub document: usize,
    pub title: Text,
    pub summary: Text,
    pub support: Vec<Support>,
    pub amount: Option<Text>,
    /// The measure's own issuer, or its document's.
    pub issuer: Text,
    pub url: Option<String>,
    pub effective_from: Option<Date>,
    pub effective_until: Option<Date>,
    pub repealed_by: Option<Repeal>,
    pub notes: Vec<Text>,
    /// What the text leaves to rules or a call for applications.
    pub left_to: Vec<LeftTo>,
    /// Conditions the text states that no question can assess (what to confirm, and the clause).
    pub unassessed: Vec<LeftTo>,
    /// `false`: the text states no condition beyond who may apply; never "eligible".
    pub conditions_stated: bool,
    /// Links to other measures, both as written and as derived from the other side (each once).
    pub related: Vec<Related>,
    /// How to apply, where, a contact and a link (each optional; never invented).
    pub apply: Apply,
    /// The programme it belongs to: the index of its `same_scheme` group's lead — the member from
    /// the most authoritative kind of document (`DocumentKind`), then the first in catalog order —
    /// whose verdict the programme's card shows (its own index when it has no such link).
    pub scheme: usize,
    pub criteria: Criteria,
}

/// The validated catalog.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(serde::Serialize))]
pub struct Catalog {
    /// A content hash of the catalog, e.g. `c1-5e0f2a9b3c1d`.
    pub version: String,
    pub fields: Vec<Field>,
    pub documents: Vec<Document>,
    pub measures: Vec<Measure>,
    /// Which of its texts it holds. The reader makes catalogs with all of them; the widget
    /// downloads them in parts: first the texts of the page's language that a screen shows
    /// without opening a card ([`Catalog::in_one_language`]), then that language's details — the
    /// notes and the quoted clauses ([`Catalog::details`], [`Catalog::add_details`]) — and the
    /// other language when the person switches ([`Catalog::add_language`]).
    pub held: Held,
    /// The criteria of all measures compiled into one flat array (what the engine runs). Not part
    /// of the bundled bytes: rebuilt from `measures` when they are decoded.
    #[serde(skip)]
    pub compiled: Compiled,
}

impl Catalog {
    /// Whether this catalog's texts can be shown in `lang`.
    pub fn speaks(&self, lang: Lang) -> bool {
        self.held.face[lang as usize]
    }

    /// Whether it holds the notes and quoted clauses in `lang`.
    pub fn has_details(&self, lang: Lang) -> bool {
        self.held.details[lang as usize]
    }

    /// Every text of the catalog with its part, in one fixed order (the same for two catalogs of
    /// one structure).
    fn each_text(&mut self, f: &mut impl FnMut(Part, &mut Text)) {
        use Part::{Details as D, Face as F};
        let opt = |t: &mut Option<Text>, f: &mut dyn FnMut(Part, &mut Text)| {
            if let Some(t) = t {
                f(F, t)
            }
        };
        for field in &mut self.fields {
            f(F, &mut field.label);
            opt(&mut field.help, f);
            opt(&mut field.unlock, f);
            field.groups.iter_mut().for_each(|(_, t)| f(F, t));
            for o in &mut field.options {
                f(F, &mut o.label);
                opt(&mut o.help, f);
            }
        }
        for d in &mut self.documents {
            f(F, &mut d.title);
            f(Part::Key, &mut d.issuer);
            opt(&mut d.publication, f);
            d.notes.iter_mut().for_each(|t| f(D, t));
        }
        for m in &mut self.measures {
            f(F, &mut m.title);
            f(F, &mut m.summary);
            opt(&mut m.amount, f);
            f(Part::Key, &mut m.issuer);
            m.notes.iter_mut().for_each(|t| f(D, t));
            m.left_to.iter_mut().chain(&mut m.unassessed).for_each(|l| f(F, &mut l.rules));
            opt(&mut m.apply.how, f);
            opt(&mut m.apply.where_, f);
            opt(&mut m.apply.contact, f);
            for n in &mut m.criteria.nodes {
                opt(&mut n.reason, f);
                opt(&mut n.loose, f);
            }
        }
    }

    /// Every quoted clause (a detail, in no language of its own: the source's words).
    fn each_clause(&mut self, f: &mut impl FnMut(&mut String)) {
        for m in &mut self.measures {
            m.left_to.iter_mut().chain(&mut m.unassessed).for_each(|l| f(&mut l.clause));
            m.criteria.nodes.iter_mut().filter_map(|n| n.clause.as_mut()).for_each(&mut *f);
        }
    }

    /// The catalog as the widget downloads it first: the face texts of `lang` only (the other
    /// language's texts, the notes and the clauses are left empty).
    pub fn in_one_language(&self, lang: Lang) -> Catalog {
        let mut c = self.clone();
        c.each_text(&mut |part, t| {
            if part == Part::Details || lang == Lang::En && part != Part::Key {
                t.zh.clear();
            }
            if part == Part::Details || lang == Lang::Zh {
                t.en.clear();
            }
        });
        c.each_clause(&mut String::clear);
        c.held = Held { face: [lang == Lang::Zh, lang == Lang::En], details: [false; 2] };
        c
    }

    /// The notes and clauses in `lang` (what [`Catalog::add_details`] puts back).
    pub fn details(&self, lang: Lang) -> Details {
        let mut texts = Vec::new();
        let mut c = self.clone();
        c.each_text(&mut |part, t| {
            if part == Part::Details {
                texts.push(std::mem::take(if lang == Lang::Zh { &mut t.zh } else { &mut t.en }));
            }
        });
        c.each_clause(&mut |s| texts.push(std::mem::take(s)));
        Details { version: self.version.clone(), lang, texts }
    }

    /// Puts back the notes and clauses of a language. `false`, and nothing changed, when they are
    /// of another catalog (version, or count).
    pub fn add_details(&mut self, d: &Details) -> bool {
        let mut count = 0;
        let mut probe = self.clone();
        probe.each_text(&mut |part, _| count += usize::from(part == Part::Details));
        probe.each_clause(&mut |_| count += 1);
        if d.version != self.version || count != d.texts.len() {
            return false;
        }
        let mut from = d.texts.iter().cloned();
        self.each_text(&mut |part, t| {
            if part == Part::Details {
                let s = from.next().unwrap_or_default();
                match d.lang {
                    Lang::Zh => t.zh = s,
                    Lang::En => t.en = s,
                }
            }
        });
        self.each_clause(&mut |s| *s = from.next().unwrap_or_default());
        self.held.details[d.lang as usize] = true;
        true
    }

    /// Adds the face texts of `other`'s language, which must be this catalog as the widget
    /// downloads it first in another language (the same version). `false`, and nothing changed,
    /// when it is not.
    pub fn add_language(&mut self, other: &Catalog) -> bool {
        let Some(lang) = [Lang::Zh, Lang::En].into_iter().find(|&l| other.speaks(l)) else { return false };
        if other.version != self.version {
            return false;
        }
        if self.speaks(lang) {
            return true;
        }
        let mut theirs = Vec::new();
        let face = |part: Part| part != Part::Details;
        other.clone().each_text(&mut |part, t| {
            if face(part) {
                theirs.push(std::mem::take(t))
            }
        });
        let mut count = 0;
        self.clone().each_text(&mut |part, _| count += usize::from(face(part)));
        if count != theirs.len() {
            return false;
        }
        let mut theirs = theirs.into_iter();
        self.each_text(&mut |part, t| {
            if face(part) {
                let from = theirs.next().unwrap_or_default();
                match lang {
                    Lang::Zh => t.zh = from.zh,
                    Lang::En => t.en = from.en,
                }
            }
        });
        self.held.face[lang as usize] = true;
        true
    }

    pub fn field_index(&self, id: &str) -> Option<FieldIdx> {
        self.fields.iter().position(|f| f.id == id)
    }
    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }
    /// How authoritative a measure's document is, for choosing which member of a programme a
    /// card follows: the policy text, then a plan, then a report, then unstated; then catalog order.
    pub fn authority(documents: &[Document], m: &Measure, index: usize) -> (usize, usize) {
        (documents[m.document].kind.map_or(DocumentKind::ALL.len(), |k| k as usize), index)
    }
    pub fn field_ids(&self) -> String {
        self.fields.iter().map(|f| f.id.as_str()).collect::<Vec<_>>().join(", ")
    }
}
