//! `coverage.toml`: the sentences of each source that a measure carries or that are left out
//! with a reason, checked against a validated catalog and the source texts.

use super::error::{t, Code, Problem};
use super::folder::{DocumentCoverage, Loaded, COVERAGE_FILE};
use super::model::{Catalog, Text};
use super::raw::RawSentence;

/// Checks `coverage.toml` against a validated catalog and the source texts: every sentence is
/// verbatim in its document's source, names known measures or says why it is left out, and every
/// measure is named by some sentence. Returns the coverage per document and the problems.
pub fn coverage(loaded: &Loaded, catalog: &Catalog) -> (Vec<DocumentCoverage>, Vec<Problem>) {
    let mut problems = Vec::new();
    let Some(cov) = &loaded.coverage else { return (Vec::new(), problems) };
    let mut out: Vec<DocumentCoverage> =
        catalog.documents.iter().map(|d| DocumentCoverage { document: d.id.clone(), ..Default::default() }).collect();
    let mut named = vec![false; catalog.measures.len()];
    let p = |i: usize, message: Text, hint: Text| {
        Problem::new(Code::Coverage, COVERAGE_FILE, None, format!("sentence[{i}]"), message, hint)
    };
    for (i, s) in cov.sentence.iter().enumerate() {
        let Some(d) = catalog.documents.iter().position(|d| d.id == s.document) else {
            let known: Vec<&str> = catalog.documents.iter().map(|d| d.id.as_str()).collect();
            problems.push(p(
                i,
                t(format!("没有政策文件“{}”", s.document), format!("no document \"{}\"", s.document)),
                t(
                    format!("写明一个政策文件的 id：{}", known.join(", ")),
                    format!("name a document id: {}", known.join(", ")),
                ),
            ));
            continue;
        };
        for (message, hint) in quote_problems(loaded, s) {
            problems.push(p(i, message, hint));
        }
        let c = &mut out[d];
        c.sentences += 1;
        let carried = match carries(catalog, s, &mut named) {
            Ok((true, unknown)) => {
                c.carried += 1;
                for (message, hint) in unknown {
                    problems.push(p(i, message, hint));
                }
                true
            }
            Ok((false, _)) => {
                c.left_out += 1;
                false
            }
            Err((message, hint)) => {
                problems.push(p(i, message, hint));
                false
            }
        };
        match s.audit.as_deref() {
            None => {}
            Some("clear") => {
                c.audit_clear.0 += 1;
                c.audit_clear.1 += usize::from(carried);
            }
            Some("borderline") => {
                c.audit_borderline.0 += 1;
                c.audit_borderline.1 += usize::from(carried);
            }
            Some(x) => problems.push(p(
                i,
                t(format!("audit = \"{x}\" 不是允许的值"), format!("audit = \"{x}\"")),
                t("允许的值：clear、borderline", "allowed: clear, borderline"),
            )),
        }
    }
    for (k, m) in catalog.measures.iter().enumerate() {
        if !named[k] {
            problems.push(Problem {
                code: Code::Coverage,
                name: Code::Coverage.name(),
                line: None,
                column: None,
                file: COVERAGE_FILE.into(),
                measure: Some(m.id.clone()),
                path: String::new(),
                message: t("coverage.toml 中没有句子写明这项措施", "no sentence of coverage.toml names this measure"),
                hint: t(
                    "添加承载它的原文句子，并写上 measures = [\"…\"]",
                    "add the source sentence that carries it, with measures = [\"…\"]",
                ),
            });
        }
    }
    (out, problems)
}

/// What is wrong with a sentence's quotation: not verbatim in its document's source, no source, or
/// empty (each as a message and a hint).
fn quote_problems(loaded: &Loaded, s: &RawSentence) -> Vec<(Text, Text)> {
    let mut out = Vec::new();
    let source = loaded.raw.documents.iter().find_map(|f| {
        let doc = f.document.as_ref().filter(|x| x.id == s.document)?;
        loaded.sources.get(doc.source_text.as_ref()?)
    });
    match source {
        Some(src) if !super::validate::clause_in_source(&s.text, src) => out.push((
            t(
                format!(
                    "在“{}”的来源文本中找不到与句子“{}”逐字相同的原文",
                    s.document,
                    s.text.chars().take(40).collect::<String>()
                ),
                format!(
                    "the sentence \"{}\" is not found verbatim in the source of \"{}\"",
                    s.text.chars().take(40).collect::<String>(),
                    s.document
                ),
            ),
            t(
                "从来源文本中逐字照抄（中间一段可用……省略）",
                "copy the words exactly from the source (you may elide a middle stretch with ……)",
            ),
        )),
        None => out.push((
            t(
                format!("政策文件“{}”没有来源文本", s.document),
                format!("document \"{}\" has no source text", s.document),
            ),
            t("为该政策文件写明 source_text", "give the document a source_text"),
        )),
        _ => {}
    }
    if s.text.trim().is_empty() {
        out.push((t("文本为空", "empty text"), t("引用面向申请者的那句原文", "quote the applicant-facing sentence")));
    }
    out
}

/// Whether a sentence is carried by measures (`true`, with a problem per unknown measure id; the
/// measures it names are marked in `named`) or left out with a reason (`false`); a problem when it
/// says neither or both.
#[allow(clippy::type_complexity)]
fn carries(catalog: &Catalog, s: &RawSentence, named: &mut [bool]) -> Result<(bool, Vec<(Text, Text)>), (Text, Text)> {
    match (&s.measures, &s.left_out) {
        (Some(ms), None) if !ms.is_empty() => {
            let mut unknown = Vec::new();
            for id in ms {
                match catalog.measures.iter().position(|m| &m.id == id) {
                    Some(k) => named[k] = true,
                    None => unknown.push((
                        t(format!("没有措施“{id}”"), format!("no measure \"{id}\"")),
                        t("写明本目录中的措施 id", "name measure ids of the catalog"),
                    )),
                }
            }
            Ok((true, unknown))
        }
        (None, Some(t))
            if t.zh.as_deref().is_some_and(|x| !x.trim().is_empty())
                && t.en.as_deref().is_some_and(|x| !x.trim().is_empty()) =>
        {
            Ok((false, Vec::new()))
        }
        _ => Err((
            t(
                "每个句子须有 measures = [...] 或 left_out = { zh, en } 二者之一，不能都有或都没有",
                "a sentence needs either measures = [...] or left_out = { zh, en }, not both or neither",
            ),
            t(
                "写明承载它的措施，或用中英文说明为何不收录",
                "name the measures that carry it, or say in zh and en why it is left out",
            ),
        )),
    }
}
