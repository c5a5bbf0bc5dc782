//! Raw catalog → validated catalog. Owns every rule a catalog must obey: unique well-formed ids,
//! both languages everywhere, real dates, http(s) links, criteria that name known fields and options
//! with an operator that fits the field's kind, non-empty groups, bounded depth, acyclic `ask_when`,
//! resolved references, the public contract's vocabulary, and (when the source texts are at hand)
//! clauses quoted verbatim. It reports every problem at once.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::contract::CONTRACT;
use super::error::{t, CatalogError, Code, Problem};
use super::model::*;
use super::raw::*;
use crate::date::{Date, DateError};

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

    fn questions(&mut self, raw: &RawQuestions) -> Vec<Field> {
        let mut fields: Vec<Field> = Vec::new();
        let mut seen = HashSet::new();
        if raw.field.is_empty() {
            self.problem(
                Code::NoFields,
                "field",
                t("没有定义任何字段", "no fields are defined"),
                t(
                    "questions.toml 须用 [[field]] 定义画像约定中的字段",
                    "questions.toml must define the profile contract's fields with [[field]]",
                ),
            );
        }
        for (i, f) in raw.field.iter().enumerate() {
            let path = format!("field[{i}]");
            if !valid_id(&f.id) {
                self.problem(
                    Code::DuplicateId,
                    format!("{path}.id"),
                    t(format!("“{}”不是有效的字段 id", f.id), format!("\"{}\" is not a valid field id", f.id)),
                    id_hint(),
                );
            } else if !seen.insert(f.id.clone()) {
                self.problem(
                    Code::DuplicateId,
                    format!("{path}.id"),
                    t(format!("字段 id“{}”重复", f.id), format!("duplicate field id \"{}\"", f.id)),
                    t("每个字段只定义一次", "define each field once"),
                );
            }
            let kind = match f.kind.as_deref().map(|k| (k, FieldKind::parse(k))) {
                Some((_, Some(k))) => k,
                Some((k, None)) => {
                    self.problem(
                        Code::UnknownKind,
                        format!("{path}.kind"),
                        t(format!("未知的类型“{k}”"), format!("unknown kind \"{k}\"")),
                        t(
                            "允许的类型：one_of、any_of、integer、number、year",
                            "allowed kinds: one_of, any_of, integer, number, year",
                        ),
                    );
                    continue;
                }
                None => {
                    self.problem(
                        Code::Missing,
                        format!("{path}.kind"),
                        t("缺失", "missing"),
                        t(
                            "添加 kind = \"one_of\"（或 any_of、integer、number、year）",
                            "add kind = \"one_of\" (or any_of, integer, number, year)",
                        ),
                    );
                    continue;
                }
            };
            let label = self.text(&f.label, &format!("{path}.label"), true);
            let help = self.text(&f.help, &format!("{path}.help"), false);
            let unlock = self.text(&f.unlock, &format!("{path}.unlock"), false);
            let mut groups: Vec<(String, Text)> = Vec::new();
            for (j, g) in f.groups.iter().enumerate() {
                let gpath = format!("{path}.groups[{j}]");
                if !valid_id(&g.id) || groups.iter().any(|(id, _)| *id == g.id) {
                    self.problem(
                        Code::BadId,
                        format!("{gpath}.id"),
                        t(
                            format!("“{}”不是有效且唯一的分组 id", g.id),
                            format!("\"{}\" is not a valid, unique group id", g.id),
                        ),
                        id_hint(),
                    );
                }
                if let Some(label) = self.text(&g.label, &format!("{gpath}.label"), true) {
                    groups.push((g.id.clone(), label));
                }
            }
            if unlock.is_some() && !kind.has_options() {
                self.problem(
                    Code::MisplacedKey,
                    format!("{path}.unlock"),
                    t("unlock 只适用于 one_of 和 any_of 字段", "unlock only applies to one_of and any_of fields"),
                    t("删除 unlock，或把字段改为 one_of / any_of", "remove unlock, or make the field one_of / any_of"),
                );
            }
            let mut options = Vec::new();
            let mut opt_ids = HashSet::new();
            if kind.has_options() {
                if f.option.is_empty() {
                    self.problem(
                        Code::NoOptions,
                        format!("{path}.option"),
                        t(format!("字段“{}”没有选项", f.id), format!("field \"{}\" has no options", f.id)),
                        t(
                            "用 option = [{ id = \"…\", label = { zh = \"…\", en = \"…\" } }, …] 列出选项",
                            "list its options with option = [{ id = \"…\", label = { zh = \"…\", en = \"…\" } }, …]",
                        ),
                    );
                }
                if f.option.len() > MAX_OPTIONS {
                    self.problem(
                        Code::TooMany,
                        format!("{path}.option"),
                        t(
                            format!("共 {} 个选项；最多允许 {MAX_OPTIONS} 个", f.option.len()),
                            format!("{} options; at most {MAX_OPTIONS} are allowed", f.option.len()),
                        ),
                        t("拆分该字段", "split the field"),
                    );
                }
                for (j, o) in f.option.iter().enumerate() {
                    let opath = format!("{path}.option[{j}]");
                    if !valid_id(&o.id) {
                        self.problem(
                            Code::BadId,
                            format!("{opath}.id"),
                            t(format!("“{}”不是有效的选项 id", o.id), format!("\"{}\" is not a valid option id", o.id)),
                            id_hint(),
                        );
                    } else if !opt_ids.insert(o.id.clone()) {
                        self.problem(
                            Code::DuplicateId,
                            format!("{opath}.id"),
                            t(
                                format!("字段“{}”中的选项 id“{}”重复", f.id, o.id),
                                format!("duplicate option id \"{}\" in field \"{}\"", o.id, f.id),
                            ),
                            t("每个选项只列一次", "list each option once"),
                        );
                    }
                    let label = self.text(&o.label, &format!("{opath}.label"), true);
                    let help = self.text(&o.help, &format!("{opath}.help"), false);
                    if o.exclusive == Some(true) && kind != FieldKind::AnyOf {
                        self.problem(
                            Code::MisplacedKey,
                            format!("{opath}.exclusive"),
                            t("exclusive 只适用于 any_of 字段", "exclusive only applies to any_of fields"),
                            t("删除 exclusive", "remove exclusive"),
                        );
                    }
                    let group = match &o.group {
                        None => None,
                        Some(g) => {
                            let k = groups.iter().position(|(id, _)| id == g);
                            if k.is_none() {
                                let known: Vec<&str> = groups.iter().map(|(id, _)| id.as_str()).collect();
                                self.problem(
                                    Code::UnknownGroup,
                                    format!("{opath}.group"),
                                    t(
                                        format!("字段“{}”中没有分组“{g}”", f.id),
                                        format!("no group \"{g}\" in field \"{}\"", f.id),
                                    ),
                                    t(
                                        format!("写明该字段的一个分组：{}", known.join(", ")),
                                        format!("name one of the field's groups: {}", known.join(", ")),
                                    ),
                                );
                            }
                            k
                        }
                    };
                    options.push(FieldOption {
                        id: o.id.clone(),
                        label: label.unwrap_or_default(),
                        help,
                        exclusive: o.exclusive.unwrap_or(false),
                        group,
                        ask: o.ask.unwrap_or(true),
                    });
                }
            } else if !f.option.is_empty() {
                self.problem(
                    Code::MisplacedKey,
                    format!("{path}.option"),
                    t(format!("{} 字段不能有选项", kind.id()), format!("a {} field has no options", kind.id())),
                    t(
                        "删除这些选项，或把字段改为 one_of / any_of",
                        "remove the options or make the field one_of / any_of",
                    ),
                );
            }
            if kind.has_options() && (f.min.is_some() || f.max.is_some()) {
                self.problem(
                    Code::MisplacedKey,
                    format!("{path}.min"),
                    t(
                        "min/max 只适用于 integer、number 和 year 字段",
                        "min/max only apply to integer, number and year fields",
                    ),
                    t("删除 min 和 max", "remove min and max"),
                );
            }
            if let (Some(a), Some(b)) = (f.min, f.max) {
                if a > b || !a.is_finite() || !b.is_finite() {
                    self.problem(
                        Code::BadRange,
                        format!("{path}.min"),
                        t(format!("min {a} 大于 max {b}"), format!("min {a} is greater than max {b}")),
                        t("使 min ≤ max", "make min ≤ max"),
                    );
                }
            }
            if kind == FieldKind::Year && f.min.is_none() {
                self.problem(
                    Code::BadRange,
                    format!("{path}.min"),
                    t("year 字段须有 min", "a year field needs a min"),
                    t("添加 min = 1900", "add min = 1900"),
                );
            }
            fields.push(Field {
                id: f.id.clone(),
                kind,
                label: label.unwrap_or_default(),
                help,
                options,
                ask_when: None,
                min: f.min,
                max: f.max,
                ask: f.ask.unwrap_or(true),
                groups,
                unlock,
            });
        }
        // ask_when, now that every field is known.
        let index: HashMap<String, usize> = fields.iter().enumerate().map(|(i, f)| (f.id.clone(), i)).collect();
        for (i, f) in raw.field.iter().enumerate() {
            let Some(cond) = &f.ask_when else { continue };
            let Some(&me) = index.get(&f.id) else {
                continue;
            };
            let path = format!("field[{i}].ask_when");
            if cond.all.is_some() || cond.any.is_some() || cond.not.is_some() {
                self.problem(
                    Code::BadAskWhen,
                    &path,
                    t(
                        "ask_when 须是单个判断（field + in / not_in / min / max）",
                        "ask_when must be a single test (field + in / not_in / min / max)",
                    ),
                    t(
                        "写成 ask_when = { field = \"entity_type\", in = [\"enterprise\"] }",
                        "write ask_when = { field = \"entity_type\", in = [\"enterprise\"] }",
                    ),
                );
                continue;
            }
            if let Some(test) = self.test(cond, &path, &fields) {
                if test.field == me {
                    self.problem(
                        Code::BadAskWhen,
                        &path,
                        t(
                            format!("字段“{}”的提问条件取决于它自己的回答", f.id),
                            format!("field \"{}\" is asked when it is itself answered", f.id),
                        ),
                        t("ask_when 须取决于另一个字段", "ask_when must depend on another field"),
                    );
                } else {
                    fields[me].ask_when = Some(test);
                }
            }
        }
        // Cycles: follow ask_when from each field.
        for start in 0..fields.len() {
            let mut seen = vec![start];
            let mut at = start;
            while let Some(test) = &fields[at].ask_when {
                at = test.field;
                if at == start {
                    let chain: Vec<&str> = seen.iter().chain([&start]).map(|&k| fields[k].id.as_str()).collect();
                    self.problem(
                        Code::BadAskWhen,
                        format!("field[{start}].ask_when"),
                        t(
                            format!("ask_when 条件构成循环：{}", chain.join(" → ")),
                            format!("ask_when conditions form a cycle: {}", chain.join(" → ")),
                        ),
                        t(
                            "一个问题只能取决于不反过来取决于它的问题",
                            "a question may only depend on questions that do not depend back on it",
                        ),
                    );
                    break;
                }
                if seen.contains(&at) {
                    break;
                }
                seen.push(at);
            }
        }
        // The public contract.
        for (id, kind, opts) in CONTRACT {
            match fields.iter().find(|f| f.id == *id) {
                None => self.problem(
                    Code::Contract,
                    "field",
                    t(
                        format!("缺少画像约定中的字段“{id}”"),
                        format!("the profile contract's field \"{id}\" is missing"),
                    ),
                    t(
                        "约定中的字段不得删除或改名：请恢复它",
                        "the contract's fields may not be dropped or renamed: restore it",
                    ),
                ),
                Some(f) if f.kind != *kind => self.problem(
                    Code::Contract,
                    "field",
                    t(
                        format!("按画像约定，字段“{id}”须是 {}，而不是 {}", kind.id(), f.kind.id()),
                        format!("field \"{id}\" must be {} per the profile contract, not {}", kind.id(), f.kind.id()),
                    ),
                    t("恢复约定中的类型", "restore the contract's kind"),
                ),
                Some(f) => {
                    for o in *opts {
                        if f.option_index(o).is_none() {
                            self.problem(
                                Code::Contract,
                                "field",
                                t(
                                    format!("字段“{id}”缺少约定中的选项“{o}”"),
                                    format!("field \"{id}\" lacks the contract's option \"{o}\""),
                                ),
                                t(
                                    "约定中的选项不得删除或改名：请恢复它",
                                    "the contract's options may not be dropped or renamed: restore it",
                                ),
                            );
                        }
                    }
                }
            }
        }
        fields
    }

    /// A test node (`field` + op), checked against the field's kind.
    fn test(&mut self, n: &RawNode, path: &str, fields: &[Field]) -> Option<Test> {
        let fid = n.field.as_deref().unwrap_or("");
        let Some(fi) = fields.iter().position(|f| f.id == fid) else {
            let known: Vec<&str> = fields.iter().map(|f| f.id.as_str()).collect();
            self.problem(
                Code::UnknownField,
                format!("{path}.field"),
                t(format!("未知字段“{fid}”"), format!("unknown field \"{fid}\"")),
                t(
                    format!("使用 questions.toml 中的一个字段：{}", known.join(", ")),
                    format!("use one of the fields in questions.toml: {}", known.join(", ")),
                ),
            );
            return None;
        };
        let field = &fields[fi];
        let ops = [n.in_.is_some(), n.not_in.is_some(), n.min.is_some() || n.max.is_some()];
        if ops.iter().filter(|x| **x).count() != 1 {
            let hint = if field.kind.has_options() {
                t("in = [...] 和 not_in = [...] 二者恰好给出一个", "give exactly one of in = [...] or not_in = [...]")
            } else {
                t("给出 min 和/或 max", "give min and/or max")
            };
            self.problem(
                Code::WrongOperator,
                path,
                t(
                    format!("对“{fid}”的判断须恰好有一个运算符"),
                    format!("a test on \"{fid}\" needs exactly one operator"),
                ),
                hint,
            );
            return None;
        }
        if let Some(list) = n.in_.as_ref().or(n.not_in.as_ref()) {
            let key = if n.in_.is_some() { "in" } else { "not_in" };
            if !field.kind.has_options() {
                self.problem(
                    Code::WrongOperator,
                    format!("{path}.{key}"),
                    t(
                        format!("“{fid}”是 {} 字段；{key} 只适用于 one_of 和 any_of 字段", field.kind.id()),
                        format!("\"{fid}\" is a {} field; {key} applies to one_of and any_of fields", field.kind.id()),
                    ),
                    t("使用 min 和/或 max", "use min and/or max"),
                );
                return None;
            }
            if list.is_empty() {
                self.problem(
                    Code::NoOptions,
                    format!("{path}.{key}"),
                    t("选项列表为空", "the option list is empty"),
                    t(
                        format!("至少列出“{fid}”的一个选项：{}", field.allowed()),
                        format!("list at least one option of \"{fid}\": {}", field.allowed()),
                    ),
                );
                return None;
            }
            let mut mask = 0u64;
            let mut ok = true;
            for (j, o) in list.iter().enumerate() {
                match field.option_index(o) {
                    Some(k) => mask |= 1 << k,
                    None => {
                        self.problem(
                            Code::UnknownOption,
                            format!("{path}.{key}[{j}]"),
                            t(
                                format!("字段“{fid}”没有选项“{o}”"),
                                format!("unknown option \"{o}\" for field \"{fid}\""),
                            ),
                            t(format!("允许的选项：{}", field.allowed()), format!("allowed: {}", field.allowed())),
                        );
                        ok = false;
                    }
                }
            }
            let op = if n.in_.is_some() { Op::In(mask) } else { Op::NotIn(mask) };
            return ok.then_some(Test { field: fi, op });
        }
        if field.kind.has_options() {
            self.problem(
                Code::WrongOperator,
                format!("{path}.min"),
                t(
                    format!("“{fid}”是 {} 字段；min/max 只适用于数值", field.kind.id()),
                    format!("\"{fid}\" is a {} field; min/max apply to numbers", field.kind.id()),
                ),
                t(
                    format!("改用 in = [...]，列出“{fid}”的选项：{}", field.allowed()),
                    format!("use in = [...] with options of \"{fid}\": {}", field.allowed()),
                ),
            );
            return None;
        }
        for (key, x) in [("min", n.min), ("max", n.max)] {
            if let Some(x) = x {
                if !x.is_finite() {
                    self.problem(
                        Code::BadRange,
                        format!("{path}.{key}"),
                        t("不是有限的数", "not a finite number"),
                        t("给出一个数", "give a number"),
                    );
                    return None;
                }
            }
        }
        if let (Some(a), Some(b)) = (n.min, n.max) {
            if a > b {
                self.problem(
                    Code::BadRange,
                    format!("{path}.min"),
                    t(
                        format!("min {a} 大于 max {b}：没有人能满足"),
                        format!("min {a} is greater than max {b}: nobody could pass"),
                    ),
                    t("使 min ≤ max", "make min ≤ max"),
                );
                return None;
            }
        }
        Some(Test { field: fi, op: Op::Range { min: n.min, max: n.max } })
    }

    fn document(&mut self, d: &RawDocument) -> Option<Document> {
        let mut ok = true;
        if !valid_id(&d.id) {
            self.problem(
                Code::BadId,
                "document.id",
                t(format!("“{}”不是有效的政策文件 id", d.id), format!("\"{}\" is not a valid document id", d.id)),
                id_hint(),
            );
            ok = false;
        }
        let title = self.text(&d.title, "document.title", true);
        let issuer = self.text(&d.issuer, "document.issuer", true);
        let publication = self.text(&d.publication, "document.publication", false);
        let date = self.date(&d.date, "document.date");
        let from = self.date(&d.effective_from, "document.effective_from");
        let until = self.date(&d.effective_until, "document.effective_until");
        if let (Some(a), Some(b)) = (from, until) {
            if a > b {
                self.problem(
                    Code::DatesOutOfOrder,
                    "document.effective_until",
                    t(
                        format!("effective_until {b} 早于 effective_from {a}"),
                        format!("effective_until {b} is before effective_from {a}"),
                    ),
                    t("请核对日期", "check the dates"),
                );
            }
        }
        let url = self.url(&d.url, "document.url");
        if d.url.is_some() && url.is_none() {
            ok = false;
        }
        let kind = d.kind.as_deref().and_then(|k| {
            let parsed = DocumentKind::parse(k);
            if parsed.is_none() {
                self.problem(Code::UnknownKind,
                    "document.kind",
                    t(format!("未知的文件类型“{k}”"), format!("unknown document kind \"{k}\"")),
                    t(
                        "允许的值：policy（政策原文）、plan（发展规划）、report（新闻或发布会报道）",
                        "allowed: policy (the policy text proper), plan (a development plan), report (a news or press report)",
                    ),
                );
            }
            parsed
        });
        let notes = self.texts(&d.notes, "document.notes");
        if let Some(n) = &d.number {
            if n.trim().is_empty() {
                self.problem(
                    Code::EmptyNumber,
                    "document.number",
                    t("文号为空", "empty document number"),
                    t("来源没有文号时，删除 number", "remove number when the source gives none"),
                );
            }
        }
        if d.source_text.is_none() && d.url.is_none() {
            self.problem(
                Code::NoSource,
                "document",
                t("该政策文件没有写明来源", "the document names no source"),
                t(
                    "添加 source_text = \"sources/….txt\"（公布的原文）或 url = \"https://…\"",
                    "add source_text = \"sources/….txt\" (the text as published) or url = \"https://…\"",
                ),
            );
        }
        Some(Document {
            id: d.id.clone(),
            kind,
            file: self.file.clone(),
            title: title?,
            number: d.number.clone(),
            issuer: issuer?,
            date,
            publication,
            url,
            effective_from: from,
            effective_until: until,
            notes,
        })
        .filter(|_| ok)
    }

    #[allow(clippy::too_many_arguments)]
    fn measure(
        &mut self,
        m: &RawMeasure,
        i: usize,
        doc_idx: usize,
        documents: &[Document],
        doc_ids: &HashMap<String, usize>,
        fields: &[Field],
        source: Option<&str>,
    ) -> Option<Measure> {
        let before = self.problems.len();
        if !valid_id(&m.id) {
            self.problem(
                Code::BadId,
                format!("measure[{i}].id"),
                t(format!("“{}”不是有效的措施 id", m.id), format!("\"{}\" is not a valid measure id", m.id)),
                id_hint(),
            );
        }
        let title = self.text(&m.title, "title", true);
        let summary = self.text(&m.summary, "summary", true);
        let amount = self.text(&m.amount, "amount", false);
        let issuer = match &m.issuer {
            Some(_) => self.text(&m.issuer, "issuer", true),
            None => documents.get(doc_idx).map(|doc| doc.issuer.clone()),
        };
        let url = self.url(&m.url, "url");
        let mut support = Vec::new();
        if m.support.is_empty() {
            self.problem(
                Code::Missing,
                "support",
                t("没有支持方式", "no support type"),
                t(
                    format!("添加 support = [\"grant\"]（允许的值：{}）", support_ids()),
                    format!("add support = [\"grant\"] (allowed: {})", support_ids()),
                ),
            );
        }
        for (j, s) in m.support.iter().enumerate() {
            match Support::parse(s) {
                Some(x) if support.contains(&x) => self.problem(
                    Code::DuplicateEntry,
                    format!("support[{j}]"),
                    t(format!("“{s}”列了两次"), format!("\"{s}\" is listed twice")),
                    t("每种支持方式只列一次", "list each support type once"),
                ),
                Some(x) => support.push(x),
                None => self.problem(
                    Code::UnknownSupportType,
                    format!("support[{j}]"),
                    t(format!("未知的支持方式“{s}”"), format!("unknown support type \"{s}\"")),
                    t(format!("允许的值：{}", support_ids()), format!("allowed: {}", support_ids())),
                ),
            }
        }
        let doc = documents.get(doc_idx);
        let from = self.date(&m.effective_from, "effective_from").or(doc.and_then(|d| d.effective_from));
        let until = self.date(&m.effective_until, "effective_until").or(doc.and_then(|d| d.effective_until));
        if let (Some(a), Some(b)) = (from, until) {
            if a > b {
                self.problem(
                    Code::DatesOutOfOrder,
                    "effective_until",
                    t(
                        format!("effective_until {b} 早于 effective_from {a}"),
                        format!("effective_until {b} is before effective_from {a}"),
                    ),
                    t("请核对日期", "check the dates"),
                );
            }
        }
        let repealed_by = match &m.repealed_by {
            None => None,
            Some(r) => match doc_ids.get(&r.document) {
                None => {
                    let known: Vec<&str> = documents.iter().map(|d| d.id.as_str()).collect();
                    self.problem(
                        Code::UnknownDocument,
                        "repealed_by.document",
                        t(
                            format!("目录中没有政策文件“{}”", r.document),
                            format!("no document \"{}\" in the catalog", r.document),
                        ),
                        t(
                            format!("写明目录中一份政策文件的 id：{}", known.join(", ")),
                            format!("name a document id of the catalog: {}", known.join(", ")),
                        ),
                    );
                    None
                }
                Some(&k) => match self.date(&r.date, "repealed_by.date").or(documents[k].date) {
                    Some(date) => Some(Repeal { document: k, date }),
                    None => {
                        self.problem(
                            Code::Missing,
                            "repealed_by.date",
                            t("缺失，且废止它的政策文件没有日期", "missing, and the repealing document has no date"),
                            t("添加 repealed_by.date = \"YYYY-MM-DD\"", "add repealed_by.date = \"YYYY-MM-DD\""),
                        );
                        None
                    }
                },
            },
        };
        let notes = self.texts(&m.notes, "notes");
        let mut left_to = Vec::new();
        for (j, l) in m.left_to.iter().enumerate() {
            let path = format!("left_to[{j}]");
            let rules = self.text(&l.rules, &format!("{path}.rules"), true);
            let clause = self.clause(
                &l.clause,
                &format!("{path}.clause"),
                source,
                t(
                    "逐字引用来源中把细则交由这些规定的那句话",
                    "quote the sentence of the source that leaves the details to these rules, verbatim",
                ),
            );
            if let (Some(rules), Some(clause)) = (rules, clause) {
                left_to.push(LeftTo { rules, clause });
            }
        }
        let apply = match &m.apply {
            None => Apply::default(),
            Some(a) => Apply {
                how: self.text(&a.how, "apply.how", false),
                where_: self.text(&a.where_, "apply.where", false),
                contact: self.text(&a.contact, "apply.contact", false),
                url: self.url(&a.url, "apply.url"),
            },
        };
        let mut unassessed = Vec::new();
        for (j, u) in m.unassessed.iter().enumerate() {
            let path = format!("unassessed[{j}]");
            let text = self.text(&u.text, &format!("{path}.text"), true);
            let clause = self.clause(
                &u.clause,
                &format!("{path}.clause"),
                source,
                t("逐字引用来源所述的条件", "quote the condition the source states, verbatim"),
            );
            if let (Some(rules), Some(clause)) = (text, clause) {
                unassessed.push(LeftTo { rules, clause });
            }
        }
        let mut nodes = Vec::new();
        if m.criteria.is_empty() {
            self.problem(Code::NoCriteria,
                "criteria",
                t("该措施没有条件", "the measure has no criteria"),
                t(
                    "添加 [[measure.criteria]] 判断，引用谁可以申请；来源没有更多说明时，添加一条注释说明",
                    "add [[measure.criteria]] tests quoting who may apply; where the source states nothing more, add a note saying so",
                ),
            );
        }
        let root_children: Vec<NodeIdx> = Vec::new();
        nodes.push(Node {
            kind: NodeKind::All(root_children),
            clause: None,
            reason: None,
            path: "criteria".into(),
            loose: None,
        });
        let mut children = Vec::new();
        for (j, n) in m.criteria.iter().enumerate() {
            if let Some(k) = self.node(n, &format!("criteria[{j}]"), 1, fields, source, &mut nodes) {
                children.push(k);
            }
        }
        nodes[0].kind = NodeKind::All(children);
        if self.problems.len() > before {
            return None;
        }
        Some(Measure {
            id: m.id.clone(),
            document: doc_idx,
            title: title?,
            summary: summary?,
            support,
            amount,
            issuer: issuer?,
            url,
            effective_from: from,
            effective_until: until,
            repealed_by,
            notes,
            left_to,
            conditions_stated: m.conditions_stated.unwrap_or(true),
            unassessed,
            apply,
            related: Vec::new(),
            scheme: 0,
            criteria: Criteria { nodes, root: 0 },
        })
    }

    /// Resolves every measure's `related` links, adds each link's reverse to the other measure, and
    /// groups `same_scheme` measures into programmes.
    fn related(&mut self, raw: &RawCatalog, measures: &mut [Measure]) {
        let index: HashMap<String, usize> = measures.iter().enumerate().map(|(i, m)| (m.id.clone(), i)).collect();
        let mut links: Vec<(usize, Related)> = Vec::new();
        for f in &raw.documents {
            self.file = f.file.clone();
            for m in &f.measure {
                let Some(&me) = index.get(&m.id) else { continue };
                self.measure = Some(m.id.clone());
                for (j, r) in m.related.iter().enumerate() {
                    let path = format!("related[{j}]");
                    let relation = Relation::parse(&r.relation);
                    if relation.is_none() {
                        self.problem(Code::UnknownRelation,
                            format!("{path}.relation"),
                            t(format!("未知的关系“{}”", r.relation), format!("unknown relation \"{}\"", r.relation)),
                            t(
                                "允许的值：same_scheme、prerequisite（另一项须在先）、successor（另一项在后或取代这一项）",
                                "allowed: same_scheme, prerequisite (the other must come first), successor (the other follows or replaces this one)",
                            ),
                        );
                    }
                    let other = index.get(&r.measure).copied();
                    match other {
                        None => self.problem(
                            Code::UnknownMeasure,
                            format!("{path}.measure"),
                            t(
                                format!("目录中没有措施“{}”", r.measure),
                                format!("no measure \"{}\" in the catalog", r.measure),
                            ),
                            t(
                                "写明本目录中一项措施的 id（`policy-matcher stats` 会列出所有 id）",
                                "name the id of a measure of this catalog (ids are listed by `policy-matcher stats`)",
                            ),
                        ),
                        Some(o) if o == me => self.problem(
                            Code::SelfRelation,
                            format!("{path}.measure"),
                            t("措施不能与自身关联", "a measure cannot be related to itself"),
                            t("写明另一项措施，或删除该关联", "name another measure, or remove the link"),
                        ),
                        Some(_) => {}
                    }
                    if let (Some(relation), Some(o)) = (relation, other.filter(|&o| o != me)) {
                        if links.iter().any(|&(a, l)| a == me && l.measure == o) {
                            self.problem(
                                Code::DuplicateEntry,
                                format!("{path}.measure"),
                                t(format!("“{}”关联了两次", r.measure), format!("\"{}\" is linked twice", r.measure)),
                                t("两项措施只关联一次，只用一种关系", "link two measures once, with one relation"),
                            );
                        }
                        links.push((me, Related { measure: o, relation }));
                    }
                }
            }
        }
        for (a, l) in links {
            let reverse = Related { measure: a, relation: l.relation.reverse() };
            if !measures[a].related.iter().any(|x| x.measure == l.measure) {
                measures[a].related.push(l);
            }
            if !measures[l.measure].related.iter().any(|x| x.measure == a) {
                measures[l.measure].related.push(reverse);
            }
        }
        // Programmes: the connected components of same_scheme (each then named by its lead).
        let mut scheme: Vec<usize> = (0..measures.len()).collect();
        fn root(s: &mut [usize], mut i: usize) -> usize {
            while s[i] != i {
                s[i] = s[s[i]];
                i = s[i];
            }
            i
        }
        for (i, m) in measures.iter().enumerate() {
            for l in m.related.iter().filter(|l| l.relation == Relation::SameScheme) {
                let (a, b) = (root(&mut scheme, i), root(&mut scheme, l.measure));
                scheme[a.max(b)] = a.min(b);
            }
        }
        for (i, m) in measures.iter_mut().enumerate() {
            m.scheme = root(&mut scheme, i);
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

    fn node(
        &mut self,
        n: &RawNode,
        path: &str,
        depth: usize,
        fields: &[Field],
        source: Option<&str>,
        nodes: &mut Vec<Node>,
    ) -> Option<NodeIdx> {
        if depth > MAX_DEPTH {
            self.problem(
                Code::CriteriaTooDeep,
                path,
                t(format!("条件嵌套超过 {MAX_DEPTH} 层"), format!("criteria nest deeper than {MAX_DEPTH} levels")),
                t(
                    "把条件树展平：all 里再套一个 all，与一个 all 相同",
                    "flatten the tree: an all inside an all is the same as one all",
                ),
            );
            return None;
        }
        let is_test = n.field.is_some() || n.in_.is_some() || n.not_in.is_some() || n.min.is_some() || n.max.is_some();
        let groups = [n.all.is_some(), n.any.is_some(), n.not.is_some()].iter().filter(|x| **x).count();
        if (is_test && groups > 0) || groups > 1 || (!is_test && groups == 0) {
            self.problem(Code::CriterionShape,
                path,
                t(
                    "每个条件须恰好是以下之一：一个判断（field + in / not_in / min / max）、all = [...]、any = [...] 或 not = {...}",
                    "a criterion must be exactly one of: a test (field + in / not_in / min / max), all = [...], any = [...] or not = {...}",
                ),
                t("把它拆成几个独立的条件或一个分组", "split it into separate criteria or a group"),
            );
            return None;
        }
        let reason = self.text(&n.reason, &format!("{path}.reason"), is_test);
        if n.loose.is_some() && !is_test {
            self.problem(
                Code::MisplacedKey,
                format!("{path}.loose"),
                t(
                    "loose 只适用于判断（field + in / not_in / min / max）",
                    "loose only applies to a test (field + in / not_in / min / max)",
                ),
                t(
                    "把 loose = { zh = \"…\", en = \"…\" } 移到原文表述宽泛的那个判断上",
                    "move loose = { zh = \"…\", en = \"…\" } onto the test the text states loosely",
                ),
            );
        }
        if let Some(c) = &n.clause {
            self.check_len(&format!("{path}.clause"), c);
        }
        if is_test {
            let clause = self.clause(
                &n.clause,
                &format!("{path}.clause"),
                source,
                t("逐字引用来源中支持这一判断的原文", "quote the words of the source that justify this test, verbatim"),
            );
            let loose = self.text(&n.loose, &format!("{path}.loose"), false);
            let test = self.test(n, path, fields)?;
            nodes.push(Node { kind: NodeKind::Test(test), clause, reason, path: path.into(), loose });
            return Some(nodes.len() - 1);
        }
        let me = nodes.len();
        nodes.push(Node {
            kind: NodeKind::All(Vec::new()),
            clause: n.clause.clone(),
            reason,
            path: path.into(),
            loose: None,
        });
        if let Some(inner) = &n.not {
            let k = self.node(inner, &format!("{path}.not"), depth + 1, fields, source, nodes)?;
            nodes[me].kind = NodeKind::Not(k);
            return Some(me);
        }
        let (key, list) = if let Some(l) = &n.all { ("all", l) } else { ("any", n.any.as_ref()?) };
        if list.is_empty() {
            self.problem(
                Code::EmptyGroup,
                format!("{path}.{key}"),
                t(format!("{key} 分组为空"), format!("empty {key} group")),
                t(
                    "分组至少要有一个成员；删除它或添加条件",
                    "a group needs at least one member; remove it or add criteria",
                ),
            );
            return None;
        }
        let mut kids = Vec::new();
        for (j, c) in list.iter().enumerate() {
            if let Some(k) = self.node(c, &format!("{path}.{key}[{j}]"), depth + 1, fields, source, nodes) {
                kids.push(k);
            }
        }
        nodes[me].kind = if key == "all" { NodeKind::All(kids) } else { NodeKind::Any(kids) };
        Some(me)
    }
}

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
