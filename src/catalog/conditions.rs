//! The stated-conditions lint: no measure may show "meets the published conditions" while its text
//! states a condition that nothing handles. Every condition a text states is handled one visible
//! way — a hard test, a `loose` test, `left_to`, or `unassessed` — and this module owns the three
//! mechanical rules that catch the ways a catalog has got it wrong (the 2026-12 audit's S1–S3):
//!
//! 1. **Admissions** (`E-ADMITS-UNTESTED`): a note or reason that says a condition was not tested
//!    ("未作判断", "无法判断", "以申报指南为准" …) on a measure that can reach "eligible" (it states
//!    conditions and has no `unassessed`).
//! 2. **Named options** (`E-OPTION-NOT-IN-CLAUSE`): a hard `in` test lists an option that its own
//!    clause does not name. What names an option is written in `names.toml` (the words of the
//!    sources that mean it); an option a hard test uses must have an entry there.
//! 3. **Open lists** (`E-HARD-ON-OPEN-LIST`): a hard test whose option is named inside an
//!    enumeration ending in 等 ("A、B、C等…"), which the text does not close.
//!
//! It reads the raw files (clauses, notes, `names.toml`), runs on a catalog folder in `check` and in
//! the build of the bundled catalog, and never ships to the browser.

use std::collections::{BTreeMap, BTreeSet};

use super::error::{t, Code, Problem};
use super::raw::{RawCatalog, RawMeasure, RawNode};

/// The file of option names: `[field] option = ["word", …]`.
pub const NAMES_FILE: &str = "names.toml";

/// Per field, per option, words: what `names.toml` holds.
pub type ByOption = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// `names.toml`: per field, per option, the words of the sources that name it; and the broad
/// options kept for old profiles with the narrower options they may include.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(description = "names.toml: per question, per option, the words of the sources that name it")
)]
pub struct Names {
    /// Broad options kept for old profiles, with the narrower options each may include.
    #[serde(default)]
    pub broader: ByOption,
    #[serde(flatten)]
    pub words: ByOption,
}

/// Words with which a note or reason admits that a stated condition was not tested.
pub const ADMISSIONS: &[&str] =
    &["未作判断", "无法判断", "未作测试", "未作检验", "未予检验", "无法按问卷检验", "无法通过问卷"];

/// Words with which a note defers conditions to rules or a call ("具体以…申报指南为准"): an admission
/// too, unless the measure's `left_to` puts those rules on the card face.
pub const DEFERRALS: &[&str] = &["申报指南为准", "政策文件为准", "管理办法为准"];

/// The admission a text makes, if any: one of `ADMISSIONS`, or "无法" followed within a short
/// stretch of one clause by "判断" or "检验" ("无法通过问卷判断").
pub fn admission(text: &str, has_left_to: bool) -> Option<String> {
    let deferrals = DEFERRALS.iter().filter(|_| !has_left_to);
    if let Some(a) = ADMISSIONS.iter().chain(deferrals).find(|a| text.contains(*a)) {
        return Some(a.to_string());
    }
    for (i, _) in text.match_indices("无法") {
        let rest: String = text[i..].chars().take(14).take_while(|c| !"。；，,;".contains(*c)).collect();
        if rest.contains("判断") || rest.contains("检验") {
            return Some(rest);
        }
    }
    None
}

/// The open enumerations of a clause: for each 等 that means "and so on", the items listed before
/// it back to the last separator, split at 、 及 和 与 and between quoted items ("…“贷款+外部直投”
/// “认股权贷款”等"). The first item still carries the words before the list ("支持社会组织打造…"), so
/// [`in_open_list`] reads only its end. 等 in words that are not "and so on" (平等, 同等, 等级 …) is
/// skipped.
pub fn open_lists(clause: &str) -> Vec<OpenList<'_>> {
    // Quotation marks and book-title marks enclose an item; they do not end a list.
    const SEPARATORS: &str = "，,。；;：:（）()";
    let mut out = Vec::new();
    for (i, _) in clause.match_indices('等') {
        let before = clause[..i].chars().next_back();
        let after = clause[i + '等'.len_utf8()..].chars().next();
        if before.is_none_or(|c| "平同相对初中高均何一二三特优头".contains(c))
            || after.is_some_and(|c| "级同待候于效额量次奖".contains(c))
        {
            continue;
        }
        let head = &clause[..i];
        // Back to the last separator, or to the 等 of a list before this one.
        let start = head
            .char_indices()
            .rev()
            .find(|(_, c)| SEPARATORS.contains(*c) || *c == '等')
            .map_or(0, |(k, c)| k + c.len_utf8());
        let items: Vec<&str> = head[start..]
            .split("”“")
            .flat_map(|part| part.split('、'))
            .flat_map(split_conjunctions)
            .map(|item| item.trim_matches(['“', '”', '"']))
            .filter(|item| !item.is_empty())
            .collect();
        if !items.is_empty() {
            out.push(OpenList { text: &head[start..], items });
        }
    }
    out
}

/// Splits an item at 及 / 和 / 与 / 以及 used as "and", not inside words (参与, 和平, 给与).
fn split_conjunctions(item: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in item.char_indices() {
        if !matches!(c, '及' | '和' | '与') {
            continue;
        }
        let before = item[..i].chars().next_back();
        let after = item[i + c.len_utf8()..].chars().next();
        let in_word = matches!(before, Some('参' | '给' | '赋' | '涉' | '普' | '危'))
            || matches!((c, after), ('和', Some('平' | '谐')) | ('及', Some('时' | '格')));
        if !in_word && i > from {
            out.push(item[from..i].trim_end_matches('以'));
            from = i + c.len_utf8();
        }
    }
    out.push(&item[from..]);
    out
}

/// An enumeration ending in 等: its words as written, and its items.
#[derive(Debug, PartialEq)]
pub struct OpenList<'a> {
    pub text: &'a str,
    pub items: Vec<&'a str>,
}

/// Whether `word` is one of the listed items: in any item after the first, or at the very end of
/// the first (where the subject and verb of the sentence come before the list).
pub fn in_open_list(items: &[&str], word: &str) -> bool {
    let Some((first, rest)) = items.split_first() else { return false };
    rest.iter().any(|item| item.contains(word))
        || first.rfind(word).is_some_and(|at| matches!(&first[at + word.len()..], "" | "的"))
}

/// The three rules over every measure of a raw catalog. `names` is `None` when the folder has no
/// `names.toml`: then only rule 1 runs.
pub fn lint(raw: &RawCatalog, names: Option<&Names>) -> Vec<Problem> {
    let mut out = Vec::new();
    let option_fields: BTreeSet<&str> = raw
        .questions
        .field
        .iter()
        .filter(|f| matches!(f.kind.as_deref(), Some("one_of" | "any_of")))
        .map(|f| f.id.as_str())
        .collect();
    let retired: BTreeSet<(&str, &str)> = raw
        .questions
        .field
        .iter()
        .flat_map(|f| f.option.iter().filter(|o| o.ask == Some(false)).map(move |o| (f.id.as_str(), o.id.as_str())))
        .collect();
    // Without names.toml (a park's own folder may have none) rules 2 and 3 have no words to go by:
    // only rule 1 runs.
    let empty = Names::default();
    let names_missing = names.is_none();
    let names = names.unwrap_or(&empty);
    for (field, options) in &names.words {
        for option in options.iter().filter(|(_, ws)| ws.iter().any(|w| w.trim().is_empty())).map(|(o, _)| o) {
            out.push(Problem::new(
                Code::Names,
                NAMES_FILE,
                None,
                format!("{field}.{option}"),
                t("名称词为空（空词会与任何条款匹配）", "an empty word (it would match every clause)"),
                t(format!("删除 {option} 中的空字符串"), format!("remove the empty string from {option}")),
            ));
        }
    }
    // Every entry names an option of the questions (a stale word list would check nothing).
    let known: BTreeSet<(&str, &str)> =
        raw.questions.field.iter().flat_map(|f| f.option.iter().map(move |o| (f.id.as_str(), o.id.as_str()))).collect();
    let listed = names.words.iter().chain(&names.broader).flat_map(|(f, os)| {
        os.iter().flat_map(move |(o, vs)| {
            let narrower = names.broader.get(f).is_some_and(|b| b.get(o) == Some(vs));
            std::iter::once((f, o)).chain(vs.iter().filter(move |_| narrower).map(move |v| (f, v)))
        })
    });
    for (field, option) in listed.collect::<BTreeSet<_>>() {
        if !known.contains(&(field.as_str(), option.as_str())) {
            out.push(Problem {
                code: Code::Names,
                name: Code::Names.name(),
                line: None,
                column: None,
                file: NAMES_FILE.into(),
                measure: None,
                path: format!("{field}.{option}"),
                message: t(
                    format!("names.toml 列出的选项“{field}.{option}”不在 questions.toml 中"),
                    format!("names.toml lists option \"{field}.{option}\", which questions.toml does not have"),
                ),
                hint: t("改正拼写，或删除该条目", "fix the spelling or remove the entry"),
            });
        }
    }
    let mut unnamed: BTreeSet<(String, String)> = BTreeSet::new();
    for file in &raw.documents {
        for m in &file.measure {
            let mut ctx = Ctx {
                file: &file.file,
                m,
                names,
                option_fields: &option_fields,
                retired: &retired,
                out: &mut out,
                unnamed: &mut unnamed,
            };
            ctx.admissions();
            let required: Vec<&RawNode> = m.criteria.iter().flat_map(conjuncts).collect();
            for (i, n) in m.criteria.iter().enumerate().filter(|_| !names_missing) {
                ctx.node(n, &format!("criteria[{i}]"), false, &required);
            }
        }
    }
    for (field, option) in unnamed {
        out.push(Problem {
            code: Code::Names,
            name: Code::Names.name(),
            line: None,
            column: None,
            file: NAMES_FILE.into(),
            measure: None,
            path: format!("{field}.{option}"),
            message: t(
                format!("硬性条件用到了选项“{field}.{option}”，但 names.toml 未列出原文中指称它的词"),
                format!("a hard test uses option \"{field}.{option}\", but names.toml lists no words of the sources that name it"),
            ),
            hint: t(
                format!("在 names.toml 的 [{field}] 下添加 {option} = [\"原文中的词\"]"),
                format!("add {option} = [\"words of the source\"] under [{field}] in names.toml"),
            ),
        });
    }
    out
}

/// The tests a node requires of its own: itself, or through an `all`, every member's.
fn conjuncts(n: &RawNode) -> Vec<&RawNode> {
    match &n.all {
        Some(kids) => kids.iter().flat_map(conjuncts).collect(),
        None => vec![n],
    }
}

/// Whether a measure can show "eligible": it states conditions and none is beyond the questions.
fn can_be_eligible(m: &RawMeasure) -> bool {
    m.conditions_stated != Some(false) && m.unassessed.is_empty()
}

struct Ctx<'a> {
    file: &'a str,
    m: &'a RawMeasure,
    names: &'a Names,
    option_fields: &'a BTreeSet<&'a str>,
    /// Options no longer asked (`ask = false`): they pass only beside a narrower option.
    retired: &'a BTreeSet<(&'a str, &'a str)>,
    out: &'a mut Vec<Problem>,
    unnamed: &'a mut BTreeSet<(String, String)>,
}

impl Ctx<'_> {
    fn problem(&mut self, path: String, message: super::Text, hint: super::Text) {
        self.out.push(Problem::new(Code::StatedConditions, self.file, Some(self.m.id.clone()), path, message, hint));
    }

    /// Rule 1, over the notes and every reason.
    fn admissions(&mut self) {
        if !can_be_eligible(self.m) {
            return;
        }
        let mut texts: Vec<(String, String)> = Vec::new();
        for (i, n) in self.m.notes.iter().enumerate() {
            texts.push((format!("notes[{i}]"), n.zh.clone().unwrap_or_default()));
        }
        fn reasons(n: &RawNode, path: String, texts: &mut Vec<(String, String)>) {
            if let Some(r) = n.reason.as_ref().and_then(|r| r.zh.clone()) {
                texts.push((format!("{path}.reason"), r));
            }
            for (key, kids) in [("all", &n.all), ("any", &n.any)] {
                for (i, k) in kids.iter().flatten().enumerate() {
                    reasons(k, format!("{path}.{key}[{i}]"), texts);
                }
            }
            if let Some(k) = &n.not {
                reasons(k, format!("{path}.not"), texts);
            }
        }
        for (i, n) in self.m.criteria.iter().enumerate() {
            reasons(n, format!("criteria[{i}]"), &mut texts);
        }
        for (path, text) in texts {
            if let Some(words) = admission(&text, !self.m.left_to.is_empty()) {
                self.problem(
                    path,
                    t(
                        format!("该措施可显示“符合已公布的条件”，但这里承认有条件未检验（“{words}”）"),
                        format!("this measure can show \"meets the published conditions\", yet this text admits a condition is not tested (\"{words}\")"),
                    ),
                    t(
                        "为该条件添加 unassessed（附原文及待确认事项）、宽松条件（loose）或 left_to（原文交由规则的）；然后改写这段说明",
                        "give the condition an `unassessed` entry (with its clause and what to confirm), a `loose` test, or `left_to` (where the text leaves it to rules); then reword this text",
                    ),
                );
            }
        }
    }

    /// Rules 2 and 3, on every hard `in` test outside a `not`.
    /// `required`: the tests that must hold whenever `n` holds for the measure to hold — the
    /// members of every `all` (and of the top level) on the way down, but not the other branches of
    /// an `any`.
    fn node(&mut self, n: &RawNode, path: &str, negated: bool, required: &[&RawNode]) {
        if let Some(kids) = &n.all {
            let mut inner = required.to_vec();
            inner.extend(kids.iter().flat_map(conjuncts));
            for (i, k) in kids.iter().enumerate() {
                self.node(k, &format!("{path}.all[{i}]"), negated, &inner);
            }
        }
        for (i, k) in n.any.iter().flatten().enumerate() {
            self.node(k, &format!("{path}.any[{i}]"), negated, required);
        }
        if let Some(k) = &n.not {
            self.node(k, &format!("{path}.not"), !negated, &[]);
        }
        let (Some(field), Some(options), None, false) = (&n.field, &n.in_, &n.loose, negated) else { return };
        if !self.option_fields.contains(field.as_str()) {
            return;
        }
        let clause = n.clause.as_deref().unwrap_or("");
        let lists = open_lists(clause);
        let names = self.names;
        let named = |o: &str| {
            names
                .words
                .get(field)
                .and_then(|f| f.get(o))
                .is_some_and(|ws| ws.iter().any(|w| clause.contains(w.as_str())))
        };
        for (k, option) in options.iter().enumerate() {
            let Some(words) = names.words.get(field).and_then(|f| f.get(option)) else {
                self.unnamed.insert((field.clone(), option.clone()));
                continue;
            };
            let shown = words.join("、");
            // A broad old option stands only beside a narrower one the clause names, with a loose
            // test of the narrower one (and not of the broad one) that must hold too: an old answer
            // then gives "to confirm", never "eligible". Its own words do not let it pass.
            let narrower = names.broader.get(field).and_then(|f| f.get(option));
            let retired = self.retired.contains(&(field.as_str(), option.as_str()));
            let by_words = !retired && words.iter().any(|w| clause.contains(w.as_str()));
            let named_here = by_words
                || narrower.is_some_and(|ns| {
                    ns.iter().any(|n| {
                        options.contains(n)
                            && named(n)
                            && required.iter().any(|r| {
                                r.loose.is_some()
                                    && r.field.as_deref() == Some(field.as_str())
                                    && r.in_.as_ref().is_some_and(|o| o.contains(n) && !o.contains(option))
                            })
                    })
                });
            if !named_here {
                self.problem(
                    format!("{path}.in[{k}]"),
                    t(
                        format!("硬性条件列出了选项“{option}”，但其条款未提及它（names.toml 中的词：{shown}）"),
                        format!("a hard test lists option \"{option}\", but its clause does not name it (names.toml words: {shown})"),
                    ),
                    t(
                        "引用原文中提及该选项的句子；若原文只是隐含或近似，改为宽松条件（loose，写明待确认什么）",
                        "quote the sentence of the source that names it; where the text only implies or approximates it, make the test loose (saying what to confirm)",
                    ),
                );
            } else if let Some(list) = lists.iter().find(|l| words.iter().any(|w| in_open_list(&l.items, w))) {
                let list = list.text;
                self.problem(
                    format!("{path}.in[{k}]"),
                    t(
                        format!("硬性条件的选项“{option}”出现在以“等”结尾的列举中（“{list}等”），列举未穷尽"),
                        format!("option \"{option}\" of a hard test is named in a list ending in 等 (\"{list}等\"), which the text leaves open"),
                    ),
                    t(
                        "改为宽松条件（loose）：不满足时为“待确认”，而不是“不符合”",
                        "make the test loose: failing it then gives \"to confirm\", not \"not eligible\"",
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admissions_are_found_in_their_forms() {
        assert_eq!(admission("“龙头”未作判断。", false).as_deref(), Some("未作判断"));
        assert!(admission("无法通过问卷判断，请确认", false).is_some());
        assert!(admission("“开展关键技术创新”无法按问卷检验", false).is_some());
        assert!(admission("具体支持标准以申报指南为准", false).is_some());
        assert!(admission("具体以主管部门发布的申报指南为准", false).is_some());
        assert_eq!(admission("列为待确认事项（unassessed）", false), None);
        // Deferring to rules the card names (`left_to`) is not an admission; "未作判断" always is.
        assert_eq!(admission("以国家有关税收政策文件为准", true), None);
        assert!(admission("“龙头”未作判断", true).is_some());
        // "无法" far from "判断", across a clause boundary, is not an admission.
        assert_eq!(admission("无法出境的，另行办理；由主管部门判断", false), None);
    }

    #[test]
    fn open_lists_are_the_items_before_etc() {
        let items = |c: &'static str| open_lists(c).into_iter().map(|l| l.items).collect::<Vec<_>>();
        assert_eq!(
            items("支持新一代信息技术、医药健康、智能制造等高精尖产业领域科技型小微企业"),
            vec![vec!["支持新一代信息技术", "医药健康", "智能制造"]]
        );
        assert_eq!(
            items("为科技型企业提供“贷款+外部直投”“认股权贷款”等新型产品"),
            vec![vec!["为科技型企业提供“贷款+外部直投", "认股权贷款"]]
        );
        assert_eq!(open_lists("技术联合攻关与创新应用等国际合作")[0].text, "技术联合攻关与创新应用");
        // Not "and so on".
        assert!(open_lists("享受同等待遇，平等参与").is_empty());
        assert!(open_lists("支持科技型小微企业").is_empty());
    }

    #[test]
    fn an_option_is_in_an_open_list_only_as_an_item() {
        let listed = |c: &str, w: &str| open_lists(c).iter().any(|l| in_open_list(&l.items, w));
        let c = "支持新一代信息技术、医药健康、智能制造等高精尖产业领域科技型小微企业";
        assert!(listed(c, "医药健康"));
        assert!(listed(c, "新一代信息技术"), "the first item, at the end of its words");
        assert!(!listed(c, "企业"), "after the list");
        // The subject of the sentence is not an item of the list it does things with.
        assert!(!listed("支持社会组织打造国际交流合作等方面专业服务能力", "社会组织"));
        assert!(!listed("支持优势企业围绕深度学习框架、核心算法、生物计算等", "企业"));
        // A single item before 等 is still an open list.
        assert!(listed("科技成果先使用后付费等方式", "先使用后付费"));
        assert!(!listed("存量空间投资改造单位以“腾笼换鸟”等方式", "存量空间"));
        // 与 inside a word is not "and"; only the very end of the first item is in the list.
        assert!(!listed("支持企业参与制定国际标准等工作", "企业"));
        assert!(listed("支持企业参与制定国际标准等工作", "国际标准"));
        assert!(!listed("优势企业家等", "企业"));
        assert!(open_lists("获得一等奖的团队").is_empty());
        // A second list starts after the first one's 等.
        let c = "支持奇绩创坛、智源论坛、PNP等孵化载体为企业提供人才、资本、空间、技术等服务";
        assert!(!listed(c, "孵化载体"));
        assert!(listed(c, "资本"));
    }
}
