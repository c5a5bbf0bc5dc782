//! Validating criteria: a test (`field` + one operator, checked against the field's kind and
//! options) and the criteria tree (`all`, `any`, `not`, depth, `loose`, quoted clauses).

use super::super::error::{t, Code};
use super::super::model::*;
use super::*;

impl Validator {
    /// A test node (`field` + op), checked against the field's kind.
    pub(super) fn test(&mut self, n: &RawNode, path: &str, fields: &[Field]) -> Option<Test> {
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
            let mask = self.mask(field, list, &format!("{path}.{key}"))?;
            let op = if n.in_.is_some() { Op::In(mask) } else { Op::NotIn(mask) };
            return Some(Test { field: fi, op });
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

    /// The option mask of an `in` / `not_in` list at `path`; a problem per unknown option.
    fn mask(&mut self, field: &Field, list: &[String], path: &str) -> Option<u64> {
        let fid = &field.id;
        let mut mask = 0u64;
        let mut ok = true;
        for (j, o) in list.iter().enumerate() {
            match field.option_index(o) {
                Some(k) => mask |= 1 << k,
                None => {
                    self.problem(
                        Code::UnknownOption,
                        format!("{path}[{j}]"),
                        t(format!("字段“{fid}”没有选项“{o}”"), format!("unknown option \"{o}\" for field \"{fid}\"")),
                        t(format!("允许的选项：{}", field.allowed()), format!("allowed: {}", field.allowed())),
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(mask)
    }

    pub(super) fn node(
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
