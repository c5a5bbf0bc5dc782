//! Deterministic synthetic catalogs for benchmarks and robustness tests only: N measures with
//! realistic criteria trees (all / any / not, option tests and number ranges) over the real
//! questions of a catalog. The same seed always gives the same catalog. Never shipped as data.

use crate::catalog::raw::CATALOG_FORMAT;
use crate::catalog::raw::{RawCatalog, RawDocument, RawMeasure, RawNamedFile, RawNode, RawQuestions, RawText};

/// xorshift64*: small, fast, deterministic.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A number in `0..n` (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

fn text(zh: String, en: String) -> RawText {
    RawText { zh: Some(zh), en: Some(en) }
}

fn test_node(questions: &RawQuestions, rng: &mut Rng) -> RawNode {
    let f = &questions.field[rng.below(questions.field.len())];
    let mut node = RawNode {
        field: Some(f.id.clone()),
        clause: Some("合成测试条款".into()),
        reason: Some(text(format!("合成条件：{}", f.id), format!("Synthetic test on {}", f.id))),
        ..Default::default()
    };
    let options: Vec<&str> = f.option.iter().filter(|o| o.exclusive != Some(true)).map(|o| o.id.as_str()).collect();
    if options.is_empty() {
        let lo = f.min.unwrap_or(0.0);
        let span = if f.kind.as_deref() == Some("year") { 60.0 } else { 500.0 };
        let a = lo + (rng.below(span as usize) as f64);
        if rng.chance(50) {
            node.min = Some(a);
        } else {
            node.max = Some(a);
        }
    } else {
        let k = 1 + rng.below(3.min(options.len()));
        let mut picked: Vec<String> = Vec::new();
        while picked.len() < k {
            let o = options[rng.below(options.len())].to_string();
            if !picked.contains(&o) {
                picked.push(o);
            }
        }
        if rng.chance(85) {
            node.in_ = Some(picked);
        } else {
            node.not_in = Some(picked);
        }
    }
    node
}

fn tree(questions: &RawQuestions, rng: &mut Rng, depth: usize) -> RawNode {
    match rng.below(10) {
        0..=5 if depth < 3 => test_node(questions, rng),
        6 | 7 if depth < 3 => RawNode {
            any: Some((0..2 + rng.below(3)).map(|_| tree(questions, rng, depth + 1)).collect()),
            reason: Some(text("满足其一".into(), "Any of these".into())),
            ..Default::default()
        },
        8 if depth < 3 => RawNode {
            all: Some((0..2 + rng.below(2)).map(|_| tree(questions, rng, depth + 1)).collect()),
            reason: Some(text("全部满足".into(), "All of these".into())),
            ..Default::default()
        },
        9 if depth < 3 => RawNode {
            not: Some(Box::new(test_node(questions, rng))),
            reason: Some(text("不得满足".into(), "Must not hold".into())),
            ..Default::default()
        },
        _ => test_node(questions, rng),
    }
}

/// A catalog of `measures` synthetic measures over `questions`, in documents of 100 measures.
pub fn catalog(questions: &RawQuestions, measures: usize, seed: u64) -> RawCatalog {
    let mut rng = Rng::new(seed);
    let mut documents = Vec::new();
    let per_doc = 100;
    for d in 0..measures.div_ceil(per_doc) {
        let n = per_doc.min(measures - d * per_doc);
        let from = 18 + rng.below(8);
        let document = RawDocument {
            id: format!("synthetic-{d}"),
            title: Some(text(format!("合成文件 {d}"), format!("Synthetic document {d}"))),
            issuer: Some(text("合成发布机关".into(), "Synthetic issuer".into())),
            url: Some("https://example.org/synthetic".into()),
            effective_from: Some(format!("20{from:02}-01-01")),
            effective_until: rng.chance(20).then(|| format!("20{:02}-12-31", from + rng.below(6))),
            ..Default::default()
        };
        let measure = (0..n)
            .map(|i| RawMeasure {
                id: format!("syn-{d}-{i}"),
                title: Some(text(format!("合成措施 {d}-{i}"), format!("Synthetic measure {d}-{i}"))),
                summary: Some(text("用于基准测试。".into(), "For benchmarks.".into())),
                support: vec!["grant".into()],
                criteria: (0..2 + rng.below(5)).map(|_| tree(questions, &mut rng, 0)).collect(),
                ..Default::default()
            })
            .collect();
        documents.push(RawNamedFile { file: format!("synthetic-{d}.toml"), document: Some(document), measure });
    }
    RawCatalog { format: CATALOG_FORMAT.into(), questions: questions.clone(), documents }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #[test]
    fn synthetic_catalogs_validate_and_are_deterministic() {
        let raw = crate::catalog::read(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))).raw;
        let a = super::catalog(&raw.questions, 250, 7);
        assert_eq!(a, super::catalog(&raw.questions, 250, 7));
        assert_ne!(a, super::catalog(&raw.questions, 250, 8));
        let c = crate::catalog::from_raw(&a).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.measures.len(), 250);
    }
}
