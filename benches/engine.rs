//! Native benchmarks of evaluation (`cargo bench --bench engine`): the bundled catalog and
//! synthetic catalogs of 1,000 and 10,000 measures, one profile each, traces included. Prints the
//! median and the 10th/90th percentile of many runs as a Markdown table (used by BENCHMARKS.md).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use policy_matcher::catalog::{self, Catalog};
use policy_matcher::date::Date;
use policy_matcher::engine;
use policy_matcher::profile::{self, RawProfile};
use policy_matcher::synth;

fn profile(c: &Catalog) -> policy_matcher::profile::Profile {
    let raw: RawProfile = serde_json::from_str(
        r#"{"entity_type":"enterprise","enterprise_size":"small","industries":["artificial_intelligence","next_gen_it"],"location":"haidian","qualifications":["tech_sme","national_high_tech"],"listing_status":"unlisted","employees":45,"founded_year":2019}"#,
    )
    .unwrap();
    profile::decode(c, &raw, 2026).unwrap()
}

fn time(c: &Catalog, budget: Duration) -> (Duration, Duration, Duration, usize) {
    let p = profile(c);
    let as_of = Date::parse("2026-11-21").unwrap();
    let mut samples = Vec::new();
    let started = Instant::now();
    while started.elapsed() < budget || samples.len() < 20 {
        let t = Instant::now();
        black_box(engine::evaluate(black_box(c), black_box(&p), as_of));
        samples.push(t.elapsed());
    }
    samples.sort();
    let q = |f: f64| samples[((samples.len() - 1) as f64 * f) as usize];
    (q(0.5), q(0.1), q(0.9), samples.len())
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let bundled = catalog::load(&dir).expect("the bundled catalog");
    let questions = catalog::read(&dir).raw.questions;
    let synthetic = |n| catalog::from_raw(&synth::catalog(&questions, n, 1)).unwrap();
    println!("| catalog | measures | median | p10 | p90 | runs |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, c) in [("bundled", bundled), ("synthetic 1k", synthetic(1000)), ("synthetic 10k", synthetic(10_000))] {
        let (median, p10, p90, runs) = time(&c, Duration::from_secs(2));
        println!("| {name} | {} | {median:.2?} | {p10:.2?} | {p90:.2?} | {runs} |", c.measures.len());
    }
}
