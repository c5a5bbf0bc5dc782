//! Search over the results in both languages, whatever the UI language: case- and width-
//! insensitive (ＡＩ = ai), every word of the query must match (AND), an English word matches whole
//! words (so "AI" no longer finds "raising"; longer words also match as prefixes: "incub" finds
//! "incubator"), Chinese matches as a substring, and the catalog's vocabulary has zh/en synonyms
//! (AI ↔ 人工智能, loan ↔ 贷款). Pure: the widget builds each measure's text once per search.

use crate::catalog::{Catalog, Measure, NodeKind, Op};

/// Groups of words that mean the same for a search (lower case, half width).
const SYNONYMS: &[&[&str]] = &[
    &["ai", "人工智能", "artificial intelligence"],
    &["loan", "loans", "贷款", "credit", "信贷"],
    &["grant", "grants", "资金支持", "资助", "funding"],
    &["subsidy", "subsidies", "补贴"],
    &["tax", "税", "税收"],
    &["talent", "人才"],
    &["ip", "知识产权", "intellectual property", "patent", "专利"],
    &["listing", "list", "ipo", "上市", "挂牌"],
    &["bank", "银行"],
    &["guarantee", "担保"],
    &["incubator", "孵化器", "孵化"],
    &["equity", "股权"],
    &["investment", "invest", "投资"],
    &["chip", "chips", "芯片", "集成电路", "integrated circuits", "ic"],
    &["medicine", "医药", "医疗", "health", "健康", "pharma", "biomedicine", "生物医药"],
    &["international", "国际", "overseas", "海外", "境外", "abroad"],
    &["startup", "start-up", "创业", "初创"],
    &["technology transfer", "tech transfer", "成果转化", "技术转移"],
    &["university", "高校", "大学"],
    &["award", "奖励"],
    &["scenario", "场景"],
    &["standard", "standards", "标准"],
    &["quantum", "量子"],
    &["robot", "机器人"],
];

/// Lower case, full-width ASCII folded to half width, runs of space collapsed.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        };
        out.extend(c.to_lowercase());
    }
    out
}

fn is_ascii_word(t: &str) -> bool {
    t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Whether one normalized term occurs in the normalized text: an ASCII word as a whole word (or,
/// from 4 letters on, as the start of one), anything else as a substring.
fn occurs(term: &str, text: &str) -> bool {
    if term.is_empty() {
        return true;
    }
    if !is_ascii_word(term) {
        return text.contains(term);
    }
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .any(|w| w == term || (term.len() >= 4 && w.starts_with(term)))
}

/// Whether every word of `query` occurs in `text` (both normalized by the caller or not).
pub fn matches(query: &str, text: &str) -> bool {
    let q = normalize(query);
    let text = normalize(text);
    // Multi-word synonyms first ("artificial intelligence"), then single words.
    let mut rest = q.clone();
    let mut terms: Vec<Vec<&str>> = Vec::new();
    for group in SYNONYMS {
        for &phrase in group.iter().filter(|p| p.contains(' ')) {
            if rest.contains(phrase) {
                rest = rest.replace(phrase, " ");
                terms.push(group.to_vec());
            }
        }
    }
    let words: Vec<String> = rest.split_whitespace().map(str::to_string).collect();
    for w in &words {
        match SYNONYMS.iter().find(|g| g.contains(&w.as_str())) {
            Some(g) => terms.push(g.to_vec()),
            None => terms.push(vec![w.as_str()]),
        }
    }
    terms.iter().all(|alternatives| alternatives.iter().any(|t| occurs(t, &text)))
}

/// A measure's searchable text, both languages: titles, summary, document, issuer, support types
/// and the option labels its criteria name (industries, activities, certifications…).
pub fn measure_text(c: &Catalog, m: &Measure) -> String {
    let doc = &c.documents[m.document];
    let mut parts: Vec<&str> = vec![
        &m.id,
        &m.title.zh,
        &m.title.en,
        &m.summary.zh,
        &m.summary.en,
        &doc.title.zh,
        &doc.title.en,
        &m.issuer.zh,
        &m.issuer.en,
    ];
    for s in &m.support {
        parts.push(s.label(crate::catalog::Lang::Zh));
        parts.push(s.label(crate::catalog::Lang::En));
    }
    for n in &m.criteria.nodes {
        if let NodeKind::Test(t) = &n.kind {
            if let Op::In(mask) = t.op {
                for (_, o) in c.fields[t.field].options_in(mask).filter(|(_, o)| !o.exclusive) {
                    parts.push(&o.label.zh);
                    parts.push(&o.label.en);
                }
            }
        }
    }
    parts.join("\n")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn words_not_letters_and_both_languages() {
        assert!(!matches("AI", "Raising R&D spending"), "AI is not inside 'raising'");
        assert!(matches("AI", "人工智能领域优势企业"));
        assert!(matches("artificial intelligence", "支持人工智能"));
        assert!(matches("ＡＩ", "AI companies"), "full width");
        assert!(matches("loan", "知识产权质押贷款贴息"));
        assert!(matches("贷款", "Loan interest subsidy"));
        assert!(matches("incub", "Benchmark incubators"));
        assert!(!matches("loan bank", "Loan interest subsidy"), "every word must match");
        assert!(matches("Loan BANK", "Loans by a bank"));
    }

    #[test]
    fn the_bundled_catalog_finds_ai_in_both_languages_and_not_everything() {
        let c = crate::catalog::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))).unwrap();
        let count = |q: &str| c.measures.iter().filter(|m| matches(q, &measure_text(&c, m))).count();
        let (ai, full, zh) = (count("AI"), count("artificial intelligence"), count("人工智能"));
        assert!(ai > 0 && ai == full && full == zh, "AI {ai}, artificial intelligence {full}, 人工智能 {zh}");
        assert!(ai < c.measures.len() / 3, "AI found {ai} of {}", c.measures.len());
        assert_eq!(count("loan"), count("贷款"));
        assert!(count("loan") > 0);
    }
}
