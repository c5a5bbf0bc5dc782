//! Validating questions.toml: each field (id, kind, label, options, groups, min/max), then every
//! `ask_when` once all fields are known, cycles among them, and the public profile contract.

use std::collections::{HashMap, HashSet};

use super::super::contract::CONTRACT;
use super::super::error::{t, Code};
use super::super::model::*;
use super::*;

impl Validator {
    pub(super) fn questions(&mut self, raw: &RawQuestions) -> Vec<Field> {
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
            if let Some(field) = self.field(i, f, &mut seen) {
                fields.push(field);
            }
        }
        self.ask_when(raw, &mut fields);
        self.cycles(&fields);
        self.contract(&fields);
        fields
    }

    /// One `[[field]]` of questions.toml (its `ask_when` is read later, once every field is known).
    fn field(&mut self, i: usize, f: &RawField, seen: &mut HashSet<String>) -> Option<Field> {
        let path = format!("field[{i}]");
        if !valid_id(&f.id) {
            self.problem(
                Code::BadId,
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
                return None;
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
                return None;
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
        let options = self.options(&path, f, kind, &groups);
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
        Some(Field {
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
        })
    }

    /// A field's options: ids, labels, `exclusive` and `group`; none for a field without options.
    fn options(&mut self, path: &str, f: &RawField, kind: FieldKind, groups: &[(String, Text)]) -> Vec<FieldOption> {
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
                t("删除这些选项，或把字段改为 one_of / any_of", "remove the options or make the field one_of / any_of"),
            );
        }
        options
    }

    /// Each field's `ask_when`, once every field is known: a single test on another field.
    fn ask_when(&mut self, raw: &RawQuestions, fields: &mut [Field]) {
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
            if let Some(test) = self.test(cond, &path, fields) {
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
    }

    /// Cycles of `ask_when`: follow it from each field.
    fn cycles(&mut self, fields: &[Field]) {
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
    }

    /// The public contract: its fields, kinds and options may not be dropped or renamed.
    fn contract(&mut self, fields: &[Field]) {
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
    }
}
