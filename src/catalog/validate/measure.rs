//! Validating one `[[measure]]`: its texts, support types, dates and repeal, what it leaves to
//! rules or does not assess (each with its clause), and its criteria tree.

use std::collections::HashMap;

use super::super::error::{t, Code};
use super::super::model::*;
use super::*;

impl Validator {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn measure(
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
        let support = self.support(m);
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
        let repealed_by = self.repeal(m, documents, doc_ids);
        let notes = self.texts(&m.notes, "notes");
        let left_to = self.quoted(
            m.left_to.iter().map(|l| (&l.rules, &l.clause)),
            ("left_to", "rules"),
            source,
            t(
                "逐字引用来源中把细则交由这些规定的那句话",
                "quote the sentence of the source that leaves the details to these rules, verbatim",
            ),
        );
        let apply = match &m.apply {
            None => Apply::default(),
            Some(a) => Apply {
                how: self.text(&a.how, "apply.how", false),
                where_: self.text(&a.where_, "apply.where", false),
                contact: self.text(&a.contact, "apply.contact", false),
                url: self.url(&a.url, "apply.url"),
            },
        };
        let unassessed = self.quoted(
            m.unassessed.iter().map(|u| (&u.text, &u.clause)),
            ("unassessed", "text"),
            source,
            t("逐字引用来源所述的条件", "quote the condition the source states, verbatim"),
        );
        let nodes = self.criteria(m, fields, source);
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

    /// A measure's support types: known, each listed once.
    fn support(&mut self, m: &RawMeasure) -> Vec<Support> {
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
        support
    }

    /// The document that repeals a measure, and on what date.
    fn repeal(&mut self, m: &RawMeasure, documents: &[Document], doc_ids: &HashMap<String, usize>) -> Option<Repeal> {
        match &m.repealed_by {
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
        }
    }

    /// What a text leaves to rules (`left_to`) or does not assess (`unassessed`): each a text
    /// (`key[j].text_key`) and the clause that says so, verbatim.
    fn quoted<'r>(
        &mut self,
        items: impl Iterator<Item = (&'r Option<RawText>, &'r Option<String>)>,
        (key, text_key): (&str, &str),
        source: Option<&str>,
        what: Text,
    ) -> Vec<LeftTo> {
        let mut out = Vec::new();
        for (j, (text, clause)) in items.enumerate() {
            let path = format!("{key}[{j}]");
            let text = self.text(text, &format!("{path}.{text_key}"), true);
            let clause = self.clause(clause, &format!("{path}.clause"), source, what.clone());
            if let (Some(rules), Some(clause)) = (text, clause) {
                out.push(LeftTo { rules, clause });
            }
        }
        out
    }

    /// A measure's criteria: an `all` root (node 0) over the listed criteria.
    fn criteria(&mut self, m: &RawMeasure, fields: &[Field], source: Option<&str>) -> Vec<Node> {
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
        nodes
    }
}
