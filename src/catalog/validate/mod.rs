//! Raw catalog → validated catalog. Owns every rule a catalog must obey: unique well-formed ids,
//! both languages everywhere, real dates, http(s) links, criteria that name known fields and options
//! with an operator that fits the field's kind, non-empty groups, bounded depth, acyclic `ask_when`,
//! resolved references, the public contract's vocabulary, and (when the source texts are at hand)
//! clauses quoted verbatim. It reports every problem at once.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::error::{t, CatalogError, Code, Problem};
use super::model::*;
use super::plan::Compiled;
use super::raw::*;
use crate::date::{Date, DateError};

mod criteria;
mod document;
mod lint;
mod measure;
mod questions;
mod related;

pub use lint::lint;

/// How deep criteria may nest (`all` inside `any` inside …).
pub const MAX_DEPTH: usize = 16;
/// The longest text accepted anywhere in a catalog, in bytes.
pub const MAX_TEXT: usize = 4000;
/// The most measures a catalog may hold.
pub const MAX_MEASURES: usize = 20_000;

/// What validation needs besides the raw catalog.
#[derive(Default)]
pub struct Options<'a> {
    /// The catalog's version (a content hash computed by the loader).
    pub version: String,
    /// Source texts by the path documents give in `source_text`, already normalised with
    /// [`normalize_source`]. `None` skips the verbatim check (runtime catalogs carry no sources).
    pub sources: Option<&'a BTreeMap<String, String>>,
}

/// Validates a raw catalog.
pub fn validate(raw: &RawCatalog, opts: &Options) -> Result<Catalog, CatalogError> {
    let mut v = Validator { problems: Vec::new(), file: "questions.toml".into(), measure: None };
    let fields = v.questions(&raw.questions);
    let mut documents = Vec::new();
    let mut measures = Vec::new();
    let mut doc_ids: HashMap<String, usize> = HashMap::new();
    // Documents first, so that `repealed_by` may point to a document in any file.
    for f in &raw.documents {
        v.file = f.file.clone();
        v.measure = None;
        match &f.document {
            None => v.problem(
                Code::NoDocument,
                "",
                t("该文件没有 [document] 表", "the file has no [document] table"),
                t(
                    "文件开头写 [document]，给出 id、title、issuer 和来源",
                    "start the file with [document] giving id, title, issuer and source",
                ),
            ),
            Some(d) => {
                if let Some(doc) = v.document(d) {
                    if doc_ids.insert(doc.id.clone(), documents.len()).is_some() {
                        v.problem(
                            Code::DuplicateId,
                            "document.id",
                            t(format!("政策文件 id“{}”重复", doc.id), format!("duplicate document id \"{}\"", doc.id)),
                            t("每份政策文件使用各自的 id", "give every document its own id"),
                        );
                    }
                    documents.push(doc);
                }
            }
        }
    }
    let mut measure_ids: HashSet<String> = HashSet::new();
    let total: usize = raw.documents.iter().map(|f| f.measure.len()).sum();
    if total > MAX_MEASURES {
        v.file = "catalog".into();
        v.problem(
            Code::TooMany,
            "",
            t(
                format!("共 {total} 项措施；最多允许 {MAX_MEASURES} 项"),
                format!("{total} measures; at most {MAX_MEASURES} are allowed"),
            ),
            t("拆分目录", "split the catalog"),
        );
        return Err(CatalogError { problems: v.problems });
    }
    for f in &raw.documents {
        v.file = f.file.clone();
        let Some(d) = &f.document else { continue };
        let Some(&doc_idx) = doc_ids.get(&d.id) else {
            continue;
        };
        if f.measure.is_empty() {
            v.measure = None;
            v.problem(
                Code::NoMeasures,
                "",
                t("该政策文件没有 [[measure]]", "the document has no [[measure]]"),
                t("添加申请者可申请的措施，或删除该文件", "add the measures an applicant can seek, or remove the file"),
            );
        }
        let source = d.source_text.as_ref().and_then(|p| opts.sources.and_then(|s| s.get(p)));
        for (i, m) in f.measure.iter().enumerate() {
            v.measure = Some(if m.id.is_empty() { format!("#{}", i + 1) } else { m.id.clone() });
            if let Some(measure) = v.measure(m, i, doc_idx, &documents, &doc_ids, &fields, source.map(String::as_str)) {
                if !measure_ids.insert(measure.id.clone()) {
                    v.problem(Code::DuplicateId,
                        "id",
                        t(format!("措施 id“{}”重复", measure.id), format!("duplicate measure id \"{}\"", measure.id)),
                        t(
                            "措施 id 在整个目录中唯一：请重命名其中一个（id 一经发布即保持不变）",
                            "measure ids are unique across the whole catalog: rename one (ids are stable once published)",
                        ),
                    );
                } else {
                    measures.push(measure);
                }
            }
        }
    }
    v.related(raw, &mut measures);
    lead_schemes(&mut measures, &documents);
    if v.problems.is_empty() {
        Ok(Catalog {
            version: opts.version.clone(),
            fields,
            documents,
            held: Default::default(),
            compiled: Compiled::new(&measures),
            measures,
        })
    } else {
        Err(CatalogError { problems: v.problems })
    }
}

/// Names each programme (a connected group of `same_scheme` measures, `Measure::scheme` holding a
/// member's index) by its lead: the member from the most authoritative kind of document — the
/// policy text before a plan before a news report — then the first in catalog order. Never the
/// member with the most favourable verdict: one loose member must not set a whole programme's card.
fn lead_schemes(measures: &mut [Measure], documents: &[Document]) {
    let mut lead: HashMap<usize, usize> = HashMap::new();
    for (i, m) in measures.iter().enumerate() {
        let e = lead.entry(m.scheme).or_insert(i);
        if Catalog::authority(documents, m, i) < Catalog::authority(documents, &measures[*e], *e) {
            *e = i;
        }
    }
    for m in measures.iter_mut() {
        m.scheme = lead[&m.scheme];
    }
}

/// Prepares a source text for the verbatim clause check: HTML tags and all white space removed.
pub fn normalize_source(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag || c.is_whitespace() => {}
            _ => out.push(c),
        }
    }
    out
}

/// Whether every "……"-separated part of `clause` occurs in `source`, in order.
pub fn clause_in_source(clause: &str, source: &str) -> bool {
    let mut rest = source;
    for part in clause.split("……") {
        let part: String = part.chars().filter(|c| !c.is_whitespace()).collect();
        if part.is_empty() {
            continue;
        }
        match rest.find(&part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && id.as_bytes()[0].is_ascii_alphanumeric()
}

fn id_hint() -> Text {
    t(
        "使用 1 到 64 个小写字母、数字、“-”或“_”，并以字母或数字开头",
        "use 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter or digit",
    )
}

fn valid_url(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !url.chars().any(|c| c.is_whitespace() || c.is_control()))
}

struct Validator {
    problems: Vec<Problem>,
    file: String,
    measure: Option<String>,
}

impl Validator {
    fn problem(&mut self, code: Code, path: impl Into<String>, message: Text, hint: Text) {
        self.problems.push(Problem::new(code, &self.file, self.measure.clone(), path.into(), message, hint));
    }

    fn check_len(&mut self, path: &str, s: &str) -> bool {
        if s.len() > MAX_TEXT {
            self.problem(
                Code::TextTooLong,
                path,
                t(
                    format!("文本长 {} 字节；最多允许 {MAX_TEXT} 字节", s.len()),
                    format!("text of {} bytes; at most {MAX_TEXT} are allowed", s.len()),
                ),
                t("请缩短；只引用相关的条款", "shorten it; quote only the clause that matters"),
            );
            return false;
        }
        true
    }

    /// A zh/en text; `None` (with a problem) if missing or incomplete.
    fn text(&mut self, raw: &Option<RawText>, path: &str, required: bool) -> Option<Text> {
        let Some(given) = raw else {
            if required {
                self.problem(
                    Code::Missing,
                    path,
                    t("缺失", "missing"),
                    t(
                        format!("添加 {path} = {{ zh = \"…\", en = \"…\" }}"),
                        format!("add {path} = {{ zh = \"…\", en = \"…\" }}"),
                    ),
                );
            }
            return None;
        };
        let mut ok = true;
        for (lang, s) in [("zh", &given.zh), ("en", &given.en)] {
            match s.as_deref().map(str::trim) {
                None | Some("") => {
                    self.problem(
                        Code::MissingTranslation,
                        format!("{path}.{lang}"),
                        t(
                            format!("缺少{}文本", if lang == "zh" { "中文" } else { "英文" }),
                            format!("missing {} translation", if lang == "zh" { "Chinese" } else { "English" }),
                        ),
                        t(
                            format!("每段文本都须有 zh 和 en：添加 {path}.{lang}"),
                            format!("every text needs both zh and en: add {path}.{lang}"),
                        ),
                    );
                    ok = false;
                }
                Some(s) => ok &= self.check_len(&format!("{path}.{lang}"), s),
            }
        }
        ok.then(|| Text {
            zh: given.zh.clone().unwrap_or_default().trim().to_string(),
            en: given.en.clone().unwrap_or_default().trim().to_string(),
        })
    }

    fn texts(&mut self, raw: &[RawText], path: &str) -> Vec<Text> {
        raw.iter().enumerate().filter_map(|(i, t)| self.text(&Some(t.clone()), &format!("{path}[{i}]"), true)).collect()
    }

    fn date(&mut self, raw: &Option<String>, path: &str) -> Option<Date> {
        let s = raw.as_ref()?;
        match Date::parse(s.trim()) {
            Ok(d) => Some(d),
            Err(e) => {
                let why = match e {
                    DateError::Format => "应写作 YYYY-MM-DD，例如 2024-10-09",
                    DateError::NoSuchDay => "日历上没有这一天",
                };
                self.problem(
                    Code::BadDate,
                    path,
                    t(format!("“{s}”不是有效日期：{why}"), format!("\"{s}\" is not a valid date: {e}")),
                    t(
                        "日期写成带引号的 \"YYYY-MM-DD\"，例如 \"2024-10-09\"",
                        "write the date as \"YYYY-MM-DD\" (quoted), e.g. \"2024-10-09\"",
                    ),
                );
                None
            }
        }
    }

    fn url(&mut self, raw: &Option<String>, path: &str) -> Option<String> {
        let u = raw.as_ref()?;
        if valid_url(u) {
            Some(u.clone())
        } else {
            self.problem(Code::BadLink,
                path,
                t(format!("“{u}”不是 http(s) 链接"), format!("\"{u}\" is not an http(s) link")),
                t(
                    "链接须以 http:// 或 https:// 开头且不含空格；不允许其他协议（javascript:、data:、file:）",
                    "links must start with http:// or https:// and contain no spaces; other schemes (javascript:, data:, file:) are not allowed",
                ),
            );
            None
        }
    }

    /// A required verbatim quotation of the source (checked when the source text is at hand).
    fn clause(&mut self, raw: &Option<String>, path: &str, source: Option<&str>, what: Text) -> Option<String> {
        match raw.as_deref().map(str::trim) {
            None | Some("") => {
                self.problem(Code::MissingClause, path, t("缺少条款原文", "missing clause"), what);
                None
            }
            Some(c) => {
                if let Some(src) = source {
                    if !clause_in_source(c, src) {
                        self.problem(
                            Code::ClauseNotVerbatim,
                            path,
                            t(
                                format!(
                                    "在该政策文件的来源文本中找不到与条款“{}”逐字相同的原文",
                                    super::error::shorten(c)
                                ),
                                format!(
                                    "the clause \"{}\" is not found verbatim in the document's source text",
                                    super::error::shorten(c)
                                ),
                            ),
                            t(
                                "从来源文本中逐字照抄（中间一段可用……省略）",
                                "copy the words exactly from the source (you may elide a middle stretch with ……)",
                            ),
                        );
                    }
                }
                Some(c.to_string())
            }
        }
    }
}

fn support_ids() -> String {
    SUPPORT_TYPES.iter().map(|s| s.0).collect::<Vec<_>>().join(", ")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn clause_matching_ignores_tags_and_space_and_allows_elision() {
        let src = normalize_source("<p>　　支持<b>科技型</b>小微企业 开展关键技术创新，引导持续加大研发投入</p>");
        assert!(clause_in_source("支持科技型小微企业开展关键技术创新", &src));
        assert!(clause_in_source("支持科技型……加大研发投入", &src));
        assert!(!clause_in_source("加大研发投入……支持科技型", &src));
        assert!(!clause_in_source("支持大型企业", &src));
    }

    #[test]
    fn urls_must_be_http() {
        assert!(valid_url("https://example.org/a"));
        assert!(valid_url("http://example.org"));
        assert!(!valid_url("javascript:alert(1)"));
        assert!(!valid_url("https://"));
        assert!(!valid_url("https:///x"));
        assert!(!valid_url("ftp://example.org"));
        assert!(!valid_url("https://exa mple.org"));
    }

    #[test]
    fn ids() {
        assert!(valid_id("zgc2024-01-tech"));
        assert!(!valid_id("Zgc"));
        assert!(!valid_id("-x"));
        assert!(!valid_id(""));
    }
}
