//! The maintainers' command line: `check` a catalog, `match` a profile, `stats`, `export`.
//! Native only; it reads files and prints, the library does the rest.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::collections::BTreeMap;
    use std::io::Read;
    use std::path::PathBuf;

    use policy_matcher::catalog::{self, Catalog, Lang, NodeKind};
    use policy_matcher::date::Date;
    use policy_matcher::engine::{self, Status};
    use policy_matcher::profile::{self, RawProfile};
    use policy_matcher::report;

    const USAGE: &str = "\
policy-matcher — which public support measures apply to an applicant, explained

USAGE:
  policy-matcher check  [--catalog DIR]
  policy-matcher match  --profile FILE|- [--as-of YYYY-MM-DD] [--catalog DIR] [--format json|text] [--lang zh|en]
  policy-matcher stats  [--catalog DIR] [--as-of YYYY-MM-DD]
  policy-matcher export --format json|jsonlogic [--catalog DIR]
  policy-matcher synth  --measures N [--seed S] [--catalog DIR]   (a synthetic catalog, for benchmarks)

The catalog folder defaults to ./data, else the one this binary was built from. match, stats and
export --format jsonlogic also accept --catalog FILE.json (a catalog in its exported JSON form).
A profile is a JSON object in the vocabulary of the profile contract (see data/questions.toml).";

    struct Args {
        command: String,
        opts: BTreeMap<String, String>,
    }

    fn parse(args: Vec<String>) -> Result<Args, String> {
        let mut it = args.into_iter();
        let command = it.next().ok_or("no command given")?;
        if command == "-h" || command == "--help" || command == "help" {
            return Ok(Args { command: "help".into(), opts: BTreeMap::new() });
        }
        let allowed: &[&str] = match command.as_str() {
            "check" => &["catalog"],
            "match" => &["profile", "as-of", "catalog", "format", "lang"],
            "stats" => &["catalog", "as-of"],
            "export" => &["format", "catalog"],
            "synth" => &["measures", "seed", "catalog"],
            other => {
                return Err(format!("unknown command \"{other}\"; the commands are check, match, stats, export, synth"))
            }
        };
        let mut opts = BTreeMap::new();
        while let Some(a) = it.next() {
            let Some(name) = a.strip_prefix("--") else {
                return Err(format!("unexpected argument \"{a}\""));
            };
            let (name, value) = match name.split_once('=') {
                Some((n, v)) => (n.to_string(), v.to_string()),
                None => (name.to_string(), it.next().ok_or(format!("--{name} needs a value"))?),
            };
            if !allowed.contains(&name.as_str()) {
                return Err(format!(
                    "{command} does not take --{name}; it takes {}",
                    allowed.iter().map(|a| format!("--{a}")).collect::<Vec<_>>().join(", ")
                ));
            }
            opts.insert(name, value);
        }
        Ok(Args { command, opts })
    }

    fn catalog_dir(opts: &BTreeMap<String, String>) -> PathBuf {
        if let Some(d) = opts.get("catalog") {
            return PathBuf::from(d);
        }
        let local = PathBuf::from("data");
        if local.join("questions.toml").is_file() {
            local
        } else {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
        }
    }

    fn load(opts: &BTreeMap<String, String>) -> Result<Catalog, i32> {
        let dir = catalog_dir(opts);
        if dir.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&dir).map_err(|e| {
                eprintln!("cannot read {}: {e}", dir.display());
                2
            })?;
            return catalog::load_json(&text).map_err(|e| {
                eprintln!("{e}");
                2
            });
        }
        catalog::load_dir(&dir).map_err(|e| {
            eprintln!("{e}");
            eprintln!("(run `policy-matcher check --catalog {}` for the same list)", dir.display());
            2
        })
    }

    fn as_of(opts: &BTreeMap<String, String>) -> Result<Date, i32> {
        match opts.get("as-of") {
            None => Ok(Date::today()),
            Some(s) => Date::parse(s).map_err(|e| {
                eprintln!("--as-of \"{s}\": {e}");
                2
            }),
        }
    }

    /// Prints to standard output, ending quietly if the reader went away (`| head`).
    fn out(text: &str) {
        use std::io::Write;
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush());
    }

    pub fn run(args: Vec<String>) -> i32 {
        let args = match parse(args) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("error: {e}\n\n{USAGE}");
                return 2;
            }
        };
        let result = match args.command.as_str() {
            "help" => {
                println!("{USAGE}");
                Ok(0)
            }
            "check" => check(&args.opts),
            "match" => run_match(&args.opts),
            "stats" => stats(&args.opts),
            "export" => export(&args.opts),
            "synth" => synth(&args.opts),
            _ => unreachable!("parse accepts only known commands"),
        };
        result.unwrap_or_else(|code| code)
    }

    fn check(opts: &BTreeMap<String, String>) -> Result<i32, i32> {
        let dir = catalog_dir(opts);
        match catalog::load_dir(&dir) {
            Ok(c) => {
                let tests: usize = c
                    .measures
                    .iter()
                    .map(|m| m.criteria.nodes.iter().filter(|n| matches!(n.kind, NodeKind::Test(_))).count())
                    .sum();
                println!(
                    "ok: {} — {} documents, {} measures, {} criteria with verbatim clauses, {} questions; version {}",
                    dir.display(),
                    c.documents.len(),
                    c.measures.len(),
                    tests,
                    c.fields.len(),
                    c.version
                );
                Ok(0)
            }
            Err(e) => {
                eprintln!("{e}");
                Ok(1)
            }
        }
    }

    fn run_match(opts: &BTreeMap<String, String>) -> Result<i32, i32> {
        let lang = match opts.get("lang").map(String::as_str) {
            None => Lang::Zh,
            Some(l) => Lang::parse(l).ok_or_else(|| {
                eprintln!("--lang \"{l}\": allowed: zh, en");
                2
            })?,
        };
        let format = opts.get("format").map(String::as_str).unwrap_or("json");
        if format != "json" && format != "text" {
            eprintln!("--format \"{format}\": allowed: json, text");
            return Err(2);
        }
        let Some(path) = opts.get("profile") else {
            eprintln!("match needs --profile FILE (or - for standard input)");
            return Err(2);
        };
        let text = if path == "-" {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s).map(|_| s)
        } else {
            std::fs::read_to_string(path)
        }
        .map_err(|e| {
            eprintln!("cannot read the profile {path}: {e}");
            2
        })?;
        let raw: RawProfile = serde_json::from_str(&text).map_err(|e| {
            eprintln!("the profile {path} is not a JSON object of answers: {e}");
            eprintln!("expected e.g. {{\"entity_type\": \"enterprise\", \"industries\": [\"artificial_intelligence\"], \"employees\": 45}}");
            1
        })?;
        let as_of = as_of(opts)?;
        let catalog = load(opts)?;
        let profile = profile::decode(&catalog, &raw, as_of.year()).map_err(|e| {
            eprintln!("the profile {path} does not follow the profile contract:\n{e}");
            1
        })?;
        let eval = engine::evaluate(&catalog, &profile, as_of);
        if format == "json" {
            println!(
                "{}",
                serde_json::to_string_pretty(&report::report(&catalog, &eval)).expect("a report always serializes")
            );
        } else {
            out(&report::render_text(&catalog, &eval, lang));
        }
        Ok(0)
    }

    fn stats(opts: &BTreeMap<String, String>) -> Result<i32, i32> {
        let catalog = load(opts)?;
        let as_of = as_of(opts)?;
        let mut by_issuer: BTreeMap<String, usize> = BTreeMap::new();
        let mut by_doc: BTreeMap<String, usize> = BTreeMap::new();
        let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
        let mut by_support: BTreeMap<&str, usize> = BTreeMap::new();
        let mut by_field: BTreeMap<String, usize> = BTreeMap::new();
        for m in &catalog.measures {
            *by_issuer.entry(m.issuer.zh.clone()).or_default() += 1;
            *by_doc.entry(catalog.documents[m.document].id.clone()).or_default() += 1;
            let st = match engine::status(m, as_of) {
                Status::InForce => "in force",
                Status::NotYetInForce { .. } => "not yet in force",
                Status::Expired { .. } => "expired",
                Status::Repealed { .. } => "repealed",
            };
            *by_status.entry(st).or_default() += 1;
            for s in &m.support {
                *by_support.entry(s.id()).or_default() += 1;
            }
            let mut fields: Vec<usize> = m
                .criteria
                .nodes
                .iter()
                .filter_map(|n| if let NodeKind::Test(t) = &n.kind { Some(t.field) } else { None })
                .collect();
            fields.sort();
            fields.dedup();
            for f in fields {
                *by_field.entry(catalog.fields[f].id.clone()).or_default() += 1;
            }
        }
        println!(
            "catalog {} · {} measures · {} documents · status as of {as_of}",
            catalog.version,
            catalog.measures.len(),
            catalog.documents.len()
        );
        let section = |title: &str, rows: Vec<(String, usize)>| {
            println!("\n{title}");
            for (k, n) in rows {
                println!("  {n:>4}  {k}");
            }
        };
        section("by document", by_doc.into_iter().collect());
        section("by issuer", by_issuer.into_iter().collect());
        section("by status", by_status.into_iter().map(|(k, v)| (k.to_string(), v)).collect());
        section("by support type", by_support.into_iter().map(|(k, v)| (k.to_string(), v)).collect());
        section("fields used (measures testing each)", by_field.into_iter().collect());
        Ok(0)
    }

    fn synth(opts: &BTreeMap<String, String>) -> Result<i32, i32> {
        let number = |name: &str, default: Option<u64>| -> Result<u64, i32> {
            match opts.get(name) {
                None => default.ok_or_else(|| {
                    eprintln!("synth needs --{name} N");
                    2
                }),
                Some(v) => v.parse::<u64>().map_err(|_| {
                    eprintln!("--{name} \"{v}\": expected a whole number");
                    2
                }),
            }
        };
        let measures = number("measures", None)? as usize;
        if measures == 0 || measures > policy_matcher::catalog::validate::MAX_MEASURES {
            eprintln!("--measures: from 1 to {}", policy_matcher::catalog::validate::MAX_MEASURES);
            return Err(2);
        }
        let seed = number("seed", Some(1))?;
        load(opts)?;
        let questions = catalog::read_dir(&catalog_dir(opts)).raw.questions;
        out(&format!("{}\n", catalog::to_json(&policy_matcher::synth::catalog(&questions, measures, seed))));
        Ok(0)
    }

    fn export(opts: &BTreeMap<String, String>) -> Result<i32, i32> {
        let format = match opts.get("format").map(String::as_str) {
            Some(f @ ("json" | "jsonlogic")) => f,
            other => {
                eprintln!("export --format {}: allowed: json, jsonlogic", other.unwrap_or("(missing)"));
                return Err(2);
            }
        };
        let dir = catalog_dir(opts);
        // Validate first: only a good catalog is exported.
        let c = load(opts)?;
        if format == "jsonlogic" {
            out(&format!("{}\n", policy_matcher::jsonlogic::export(&c)));
        } else {
            out(&format!("{}\n", catalog::to_json(&catalog::read_dir(&dir).raw)));
        }
        Ok(0)
    }
}
