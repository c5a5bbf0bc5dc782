//! The maintainers' command line: `check` a catalog, `match` a profile or a file of profiles,
//! `template`, `diff` two catalogs, `schema`, `stats`, `export`, `synth`.
//! A thin binary over the library, shaped like ripgrep's: arguments are parsed (lexopt) into one
//! `Command`, run against the library, and every failure is one `CliError` whose kind is the exit
//! code — 0 ok, 1 bad input (a catalog or profile that does not validate, a file that cannot be
//! read, a bad row in a batch), 2 usage, 3 `diff`: results move. All output goes through one writer
//! that treats a closed pipe (`| head`) as the end of the output, not as an error. The work itself
//! is done by library modules (`batch`, `diff`, `schema`, `stats`); this file parses, runs and
//! reports.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::main(std::env::args_os().skip(1).collect()));
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::collections::BTreeMap;
    use std::ffi::OsString;
    use std::io::{BufRead, IsTerminal, Read, Write};
    use std::path::{Path, PathBuf};

    use policy_matcher::catalog::{self, Catalog, CatalogError, Lang, NodeKind};
    use policy_matcher::date::Date;
    use policy_matcher::engine;
    use policy_matcher::profile::{self, RawProfile};
    use policy_matcher::report;
    use policy_matcher::{batch, diff, schema, stats};

    /// The most threads `match --profiles --jobs` takes.
    const MAX_JOBS: usize = 256;

    const USAGE: &str = "\
policy-matcher — which public support measures apply to an applicant, explained

USAGE:
  policy-matcher check    [--catalog PATH] [--format text|json] [--lang en|zh]
  policy-matcher match    --profile FILE|- [--as-of YYYY-MM-DD] [--catalog PATH] [--format json|text] [--lang zh|en]
  policy-matcher match    --profiles FILE|- [--wide] [--format csv|jsonl] [--as-of YYYY-MM-DD] [--catalog PATH] [--jobs N]
  policy-matcher template --format csv [--catalog PATH]
  policy-matcher diff     OLD NEW [--profiles DIR] [--format text|json] [--as-of YYYY-MM-DD] [--lang zh|en]
  policy-matcher schema
  policy-matcher stats    [--catalog PATH] [--as-of YYYY-MM-DD] [--lang zh|en]
  policy-matcher export   --format json|jsonlogic [--catalog PATH]
  policy-matcher synth    --measures N | --profiles N [--seed S] [--catalog PATH]   (synthetic data, for benchmarks)

PATH, OLD and NEW are a catalog folder (questions.toml and one TOML file per document) or a catalog
in its exported JSON form (export --format json). PATH defaults to ./data, else the folder this
binary was built from. A profile is a JSON object in the vocabulary of the profile contract
(data/questions.toml).

match --profiles reads CSV (header: id and the contract's field ids; any_of answers separated by
`;`; an empty cell is unanswered; `#` starts a comment) or JSON Lines (one profile object per line,
with an optional \"id\"), and streams CSV or JSON Lines (default: the input's format): one record per
open measure of each profile (id, measure, verdict, group, missing, doubts), or with --wide one per
profile with the group of every measure. --jobs N matches on N threads (default: one per processor;
the output is the same). A bad row is reported with its line number, skipped, and
makes the exit code 1 at the end. template writes the CSV header with one commented example row.

diff compares two catalogs — measures added, removed and changed (criteria, dates, status, related
links, conditions_stated, left_to) — and which sample applicant (each *.json in --profiles DIR,
default tests/profiles) gains or loses which measure, and why.

schema prints the JSON Schema of the catalog's TOML files (for taplo / Even Better TOML).

Exit codes: 0 ok · 1 bad input (catalog, profile, file or a bad row) · 2 usage ·
3 diff: results move for at least one sample applicant.";

    /// What was asked, fully parsed (the "high" arguments: every value already validated).
    enum Command {
        Help,
        /// `lang`: the problems' language (English unless `--lang` is given: editors and CI read them).
        Check {
            catalog: PathBuf,
            json: bool,
            lang: Lang,
        },
        Match {
            profile: String,
            as_of: Date,
            catalog: PathBuf,
            format: Format,
            lang: Lang,
        },
        Batch {
            profiles: String,
            catalog: PathBuf,
            options: batch::Options,
        },
        Template {
            catalog: PathBuf,
        },
        Diff {
            old: PathBuf,
            new: PathBuf,
            profiles: PathBuf,
            as_of: Date,
            format: Format,
            lang: Lang,
        },
        Schema,
        Stats {
            catalog: PathBuf,
            as_of: Date,
            lang: Lang,
        },
        Export {
            format: ExportFormat,
            catalog: PathBuf,
        },
        Synth {
            what: Synth,
            seed: u64,
            catalog: PathBuf,
        },
    }

    enum Synth {
        Measures(usize),
        Profiles(u64),
    }

    #[derive(Clone, Copy, PartialEq)]
    enum Format {
        Json,
        Text,
    }

    #[derive(Clone, Copy, PartialEq)]
    enum ExportFormat {
        Json,
        JsonLogic,
    }

    /// Every way the CLI can fail; `code` is the exit code.
    enum CliError {
        /// The command line itself is wrong (exit 2).
        Usage(String),
        /// A file or profile that cannot be read or does not follow the contract (exit 1).
        Input(String),
        /// A catalog that does not validate: every problem, each with file, measure, path and fix (exit 1).
        Catalog(CatalogError),
        /// Writing the output failed for a reason other than a closed pipe.
        Output(std::io::Error),
        /// `diff`: results move for some sample applicant (exit 3); the summary line.
        Moved(String),
        /// `check --format json`: the problems are on standard output already (exit 1); how many.
        Reported(usize),
    }

    impl CliError {
        fn code(&self) -> i32 {
            match self {
                CliError::Usage(_) => 2,
                CliError::Input(_) | CliError::Catalog(_) | CliError::Output(_) | CliError::Reported(_) => 1,
                CliError::Moved(_) => 3,
            }
        }
    }

    impl From<lexopt::Error> for CliError {
        fn from(e: lexopt::Error) -> CliError {
            CliError::Usage(e.to_string())
        }
    }

    impl From<std::io::Error> for CliError {
        fn from(e: std::io::Error) -> CliError {
            CliError::Output(e)
        }
    }

    /// Standard output. A closed pipe ends the output quietly (see `main`).
    struct Out(std::io::StdoutLock<'static>);

    impl Out {
        fn print(&mut self, text: &str) -> std::io::Result<()> {
            self.0.write_all(text.as_bytes())
        }
        fn line(&mut self, text: &str) -> std::io::Result<()> {
            self.print(text)?;
            self.print("\n")
        }
    }

    pub fn main(args: Vec<OsString>) -> i32 {
        let mut out = Out(std::io::stdout().lock());
        let result = parse(args).and_then(|c| run(c, &mut out)).and_then(|()| Ok(out.0.flush()?));
        match result {
            Ok(()) => 0,
            Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
            Err(e) => {
                match &e {
                    CliError::Usage(m) => eprintln!("error: {m}\n\n{USAGE}"),
                    CliError::Input(m) => eprintln!("{m}"),
                    CliError::Catalog(c) => eprintln!("{c}"),
                    CliError::Output(io) => eprintln!("cannot write the output: {io}"),
                    CliError::Moved(m) => eprintln!("{m} (exit 3: results move)"),
                    CliError::Reported(n) => {
                        eprintln!("{n} problem(s) in the catalog, listed as JSON on standard output")
                    }
                }
                e.code()
            }
        }
    }

    /// The sample applicants: ./tests/profiles, else the folder this binary was built from.
    fn default_profiles() -> PathBuf {
        let local = PathBuf::from("tests/profiles");
        if local.is_dir() {
            local
        } else {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/profiles")
        }
    }

    fn default_catalog() -> PathBuf {
        let local = PathBuf::from("data");
        if local.join("questions.toml").is_file() {
            local
        } else {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
        }
    }

    fn parse(args: Vec<OsString>) -> Result<Command, CliError> {
        use lexopt::prelude::*;
        let mut p = lexopt::Parser::from_args(args);
        let command = match p.next()? {
            None => return Err(CliError::Usage("no command given".into())),
            Some(Long("help") | Short('h')) => return Ok(Command::Help),
            Some(Value(v)) => v.string()?,
            Some(other) => return Err(other.unexpected().into()),
        };
        if command == "help" {
            return Ok(Command::Help);
        }
        let Some(mut low) = low_args(&mut p, &command, takes(&command)?)? else { return Ok(Command::Help) };
        let lang_given = low.opts.contains_key("lang");
        let Common { catalog, as_of, lang } = common(&mut low.opts)?;
        match command.as_str() {
            "check" => check_command(low, catalog, if lang_given { lang } else { Lang::En }),
            "stats" => Ok(Command::Stats { catalog, as_of, lang }),
            "schema" => Ok(Command::Schema),
            "template" => template_command(low, catalog),
            "diff" => diff_command(low, as_of, lang),
            "match" => match_command(low, as_of, catalog, lang),
            "export" => export_command(low, catalog),
            "synth" => synth_command(low, catalog),
            _ => unreachable!("only known commands get here"),
        }
    }

    /// What a command takes: options with a value, flags, and how many positional arguments.
    #[derive(Clone, Copy)]
    struct Takes {
        options: &'static [&'static str],
        flags: &'static [&'static str],
        positionals: usize,
    }

    fn takes(command: &str) -> Result<Takes, CliError> {
        let (options, flags, positionals): (&[&str], &[&str], usize) = match command {
            "check" => (&["catalog", "format", "lang"], &[], 0),
            "match" => (&["profile", "profiles", "as-of", "catalog", "format", "lang", "jobs"], &["wide"], 0),
            "template" => (&["format", "catalog"], &[], 0),
            "diff" => (&["profiles", "as-of", "format", "lang"], &[], 2),
            "schema" => (&[], &[], 0),
            "stats" => (&["catalog", "as-of", "lang"], &[], 0),
            "export" => (&["format", "catalog"], &[], 0),
            "synth" => (&["measures", "profiles", "seed", "catalog"], &[], 0),
            other => {
                return Err(CliError::Usage(format!(
                    "unknown command \"{other}\"; the commands are check, match, template, diff, schema, stats, export, synth"
                )))
            }
        };
        Ok(Takes { options, flags, positionals })
    }

    /// The low arguments: option name → raw value, each at most once, only those the command takes;
    /// the flags given; the positional arguments.
    struct Low {
        opts: BTreeMap<String, String>,
        set: Vec<&'static str>,
        args: Vec<String>,
    }

    /// Reads the rest of the command line into `Low`; `None` when it asks for help.
    fn low_args(p: &mut lexopt::Parser, command: &str, takes: Takes) -> Result<Option<Low>, CliError> {
        use lexopt::prelude::*;
        let Takes { options, flags, positionals } = takes;
        let mut low = Low { opts: BTreeMap::new(), set: Vec::new(), args: Vec::new() };
        while let Some(arg) = p.next()? {
            match arg {
                Long("help") | Short('h') => return Ok(None),
                Long(name) if flags.contains(&name) => {
                    let flag = flags[flags.iter().position(|f| *f == name).expect("just found")];
                    if low.set.contains(&flag) {
                        return Err(CliError::Usage(format!("--{name} is given twice")));
                    }
                    low.set.push(flag);
                }
                Value(v) if low.args.len() < positionals => low.args.push(v.string()?),
                Long(name) if options.contains(&name) => {
                    let name = name.to_string();
                    let value = p.value()?.string()?;
                    if low.opts.insert(name.clone(), value).is_some() {
                        return Err(CliError::Usage(format!("--{name} is given twice")));
                    }
                }
                Long(name) => {
                    return Err(CliError::Usage(format!(
                        "{command} does not take --{name}; it takes {}",
                        options.iter().chain(flags).map(|a| format!("--{a}")).collect::<Vec<_>>().join(", ")
                    )))
                }
                other => return Err(other.unexpected().into()),
            }
        }
        if low.args.len() < positionals {
            return Err(CliError::Usage(format!("{command} needs {positionals} catalogs: OLD NEW")));
        }
        Ok(Some(low))
    }

    /// The options several commands share, validated (a command that does not take one gets its default).
    struct Common {
        catalog: PathBuf,
        as_of: Date,
        lang: Lang,
    }

    fn common(opts: &mut BTreeMap<String, String>) -> Result<Common, CliError> {
        let catalog = opts.remove("catalog").map(PathBuf::from).unwrap_or_else(default_catalog);
        let as_of = match opts.remove("as-of") {
            None => Date::today(),
            Some(s) => Date::parse(&s).map_err(|e| CliError::Usage(format!("--as-of \"{s}\": {e}")))?,
        };
        let lang = match opts.remove("lang") {
            None => Lang::Zh,
            Some(l) => Lang::parse(&l).ok_or_else(|| CliError::Usage(format!("--lang \"{l}\": allowed: zh, en")))?,
        };
        Ok(Common { catalog, as_of, lang })
    }

    fn template_command(mut low: Low, catalog: PathBuf) -> Result<Command, CliError> {
        match low.opts.remove("format").as_deref() {
            Some("csv") => Ok(Command::Template { catalog }),
            f => Err(CliError::Usage(format!("template --format {}: allowed: csv", f.unwrap_or("(missing)")))),
        }
    }

    fn diff_command(mut low: Low, as_of: Date, lang: Lang) -> Result<Command, CliError> {
        Ok(Command::Diff {
            new: PathBuf::from(low.args.pop().expect("two positionals")),
            old: PathBuf::from(low.args.pop().expect("two positionals")),
            profiles: low.opts.remove("profiles").map(PathBuf::from).unwrap_or_else(default_profiles),
            as_of,
            format: match low.opts.remove("format").as_deref() {
                None | Some("text") => Format::Text,
                Some("json") => Format::Json,
                Some(f) => return Err(CliError::Usage(format!("--format \"{f}\": allowed: text, json"))),
            },
            lang,
        })
    }

    /// `match`: one profile (`--profile`), or a file of them (`--profiles`, a batch).
    fn match_command(mut low: Low, as_of: Date, catalog: PathBuf, lang: Lang) -> Result<Command, CliError> {
        let opts = &mut low.opts;
        if opts.contains_key("profiles") {
            if opts.contains_key("profile") {
                return Err(CliError::Usage(
                    "give --profile FILE (one profile) or --profiles FILE (many), not both".into(),
                ));
            }
            if opts.contains_key("lang") {
                return Err(CliError::Usage("match --profiles writes ids, not words: it does not take --lang".into()));
            }
            let defaults = batch::Options::new(as_of);
            return Ok(Command::Batch {
                profiles: opts.remove("profiles").expect("checked above"),
                catalog,
                options: batch::Options {
                    out_format: match opts.remove("format").as_deref() {
                        None => None,
                        Some(f) => Some(batch::Format::parse(f).ok_or_else(|| {
                            CliError::Usage(format!("match --profiles --format \"{f}\": allowed: csv, jsonl"))
                        })?),
                    },
                    shape: if low.set.contains(&"wide") { batch::Shape::Wide } else { batch::Shape::Long },
                    jobs: match opts.remove("jobs") {
                        None => defaults.jobs,
                        Some(n) => n.parse().ok().filter(|n| (1..=MAX_JOBS).contains(n)).ok_or_else(|| {
                            CliError::Usage(format!("--jobs \"{n}\": allowed: a whole number from 1 to {MAX_JOBS}"))
                        })?,
                    },
                    ..defaults
                },
            });
        }
        if low.set.contains(&"wide") {
            return Err(CliError::Usage("--wide is for match --profiles FILE (many profiles)".into()));
        }
        if opts.contains_key("jobs") {
            return Err(CliError::Usage("--jobs is for match --profiles FILE (many profiles)".into()));
        }
        Ok(Command::Match {
            profile: opts
                .remove("profile")
                .ok_or_else(|| CliError::Usage("match needs --profile FILE (or - for standard input)".into()))?,
            as_of,
            catalog,
            format: match opts.remove("format").as_deref() {
                None | Some("json") => Format::Json,
                Some("text") => Format::Text,
                Some(f) => return Err(CliError::Usage(format!("--format \"{f}\": allowed: json, text"))),
            },
            lang,
        })
    }

    fn check_command(mut low: Low, catalog: PathBuf, lang: Lang) -> Result<Command, CliError> {
        let json = match low.opts.remove("format").as_deref() {
            None | Some("text") => false,
            Some("json") => true,
            Some(f) => return Err(CliError::Usage(format!("check --format {f}: allowed: text, json"))),
        };
        Ok(Command::Check { catalog, json, lang })
    }

    fn export_command(mut low: Low, catalog: PathBuf) -> Result<Command, CliError> {
        let format = match low.opts.remove("format").as_deref() {
            Some("json") => ExportFormat::Json,
            Some("jsonlogic") => ExportFormat::JsonLogic,
            f => {
                return Err(CliError::Usage(format!(
                    "export --format {}: allowed: json, jsonlogic",
                    f.unwrap_or("(missing)")
                )))
            }
        };
        Ok(Command::Export { format, catalog })
    }

    fn synth_command(mut low: Low, catalog: PathBuf) -> Result<Command, CliError> {
        let opts = &mut low.opts;
        let number = |name: &str, v: Option<String>| -> Result<Option<u64>, CliError> {
            v.map(|v| {
                v.parse::<u64>().map_err(|_| CliError::Usage(format!("--{name} \"{v}\": expected a whole number")))
            })
            .transpose()
        };
        let max = catalog::validate::MAX_MEASURES;
        let what = match (number("measures", opts.remove("measures"))?, number("profiles", opts.remove("profiles"))?) {
            (Some(m), None) if m == 0 || m as usize > max => {
                return Err(CliError::Usage(format!("--measures: from 1 to {max}")))
            }
            (Some(m), None) => Synth::Measures(m as usize),
            (None, Some(n)) => Synth::Profiles(n),
            _ => {
                return Err(CliError::Usage(
                    "synth needs --measures N (a catalog) or --profiles N (a CSV of profiles)".into(),
                ))
            }
        };
        Ok(Command::Synth { what, seed: number("seed", opts.remove("seed"))?.unwrap_or(1), catalog })
    }

    /// Reads and validates the catalog at `path` (a folder or an exported JSON file).
    fn load(path: &Path) -> Result<(catalog::Loaded, Catalog), CliError> {
        let loaded = catalog::read(path);
        let c = catalog::validate_loaded(&loaded).map_err(CliError::Catalog)?;
        Ok((loaded, c))
    }

    fn run(command: Command, out: &mut Out) -> Result<(), CliError> {
        match command {
            Command::Help => Ok(out.line(USAGE)?),
            Command::Check { catalog, json, lang } => check(&catalog, json, lang, out),
            Command::Match { profile, as_of, catalog, format, lang } => {
                run_match(&profile, as_of, &catalog, format, lang, out)
            }
            Command::Batch { profiles, catalog, options } => run_batch(&profiles, &catalog, &options, out),
            Command::Template { catalog } => {
                let (_, c) = load(&catalog)?;
                Ok(out.print(&batch::csv_template(&c))?)
            }
            Command::Diff { old, new, profiles, as_of, format, lang } => {
                run_diff(&old, &new, &profiles, as_of, format, lang, out)
            }
            Command::Schema => Ok(out.print(&schema::catalog_schema_text())?),
            Command::Stats { catalog, as_of, lang } => run_stats(&catalog, as_of, lang, out),
            Command::Export { format, catalog } => {
                let (loaded, c) = load(&catalog)?;
                match format {
                    ExportFormat::JsonLogic => out.line(&policy_matcher::jsonlogic::export(&c).to_string())?,
                    ExportFormat::Json => out.line(&catalog::to_json(&loaded.raw))?,
                }
                Ok(())
            }
            Command::Synth { what: Synth::Measures(measures), seed, catalog } => {
                let (loaded, _) = load(&catalog)?;
                let synthetic = policy_matcher::synth::catalog(&loaded.raw.questions, measures, seed);
                Ok(out.line(&catalog::to_json(&synthetic))?)
            }
            Command::Synth { what: Synth::Profiles(rows), seed, catalog } => {
                let (_, c) = load(&catalog)?;
                Ok(batch::synthetic_csv(&c, rows, seed, Date::today().year(), &mut out.0)?)
            }
        }
    }

    /// `check`: every problem (with file:line:column and code) or a summary; `--format json`
    /// prints `{"ok": false, "problems": [...]}` or `{"ok": true, ...}` for editors and CI.
    fn check(path: &Path, json: bool, lang: Lang, out: &mut Out) -> Result<(), CliError> {
        let checked = load(path).and_then(|(loaded, c)| {
            let mut problems = catalog::validate::lint(&c);
            if problems.is_empty() {
                Ok(c)
            } else {
                catalog::place(&mut problems, &loaded.texts);
                Err(CliError::Catalog(CatalogError { problems }))
            }
        });
        let c = match (checked, json) {
            (Ok(c), _) => c,
            (Err(CliError::Catalog(e)), true) => {
                let v =
                    serde_json::json!({ "ok": false, "catalog": path.display().to_string(), "problems": e.problems });
                // Exit 1 even if the reader has closed the pipe: the catalog does not validate.
                match out.line(&serde_json::to_string_pretty(&v).expect("problems serialize")) {
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
                    _ => return Err(CliError::Reported(e.problems.len())),
                }
            }
            // The problems in the language asked for (Display is English).
            (Err(CliError::Catalog(e)), false) if lang == Lang::Zh => return Err(CliError::Input(e.text(lang))),
            (Err(e), _) => return Err(e),
        };
        let tests: usize = c
            .measures
            .iter()
            .map(|m| m.criteria.nodes.iter().filter(|n| matches!(n.kind, NodeKind::Test(_))).count())
            .sum();
        if json {
            let v = serde_json::json!({
                "ok": true,
                "catalog": path.display().to_string(),
                "documents": c.documents.len(),
                "measures": c.measures.len(),
                "criteria": tests,
                "questions": c.fields.len(),
                "version": c.version,
            });
            return Ok(out.line(&serde_json::to_string_pretty(&v).expect("a summary serializes"))?);
        }
        Ok(out.line(&format!(
            "ok: {} — {} documents, {} measures, {} criteria with verbatim clauses, {} questions; version {}",
            path.display(),
            c.documents.len(),
            c.measures.len(),
            tests,
            c.fields.len(),
            c.version
        ))?)
    }

    fn run_match(
        path: &str,
        as_of: Date,
        catalog_path: &Path,
        format: Format,
        lang: Lang,
        out: &mut Out,
    ) -> Result<(), CliError> {
        let text = if path == "-" {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s).map(|_| s)
        } else {
            std::fs::read_to_string(path)
        }
        .map_err(|e| CliError::Input(format!("cannot read the profile {path}: {e}")))?;
        let raw: RawProfile = serde_json::from_str(&text).map_err(|e| {
            CliError::Input(format!(
                "the profile {path} is not a JSON object of answers: {e}\nexpected e.g. {{\"entity_type\": \"enterprise\", \"industries\": [\"artificial_intelligence\"]}}"
            ))
        })?;
        let (_, catalog) = load(catalog_path)?;
        let profile = profile::decode(&catalog, &raw, as_of.year())
            .map_err(|e| CliError::Input(format!("the profile {path} does not follow the profile contract:\n{e}")))?;
        let eval = engine::evaluate(&catalog, &profile, as_of);
        match format {
            Format::Json => out.line(
                &serde_json::to_string_pretty(&report::report(&catalog, &profile, &eval))
                    .expect("a report always serializes"),
            )?,
            Format::Text => out.print(&report::render_text(&catalog, &profile, &eval, lang))?,
        }
        Ok(())
    }

    /// `match --profiles`: streams results; bad rows on standard error (above the progress bar on a
    /// terminal), exit 1 at the end if there were any.
    fn run_batch(path: &str, catalog_path: &Path, options: &batch::Options, out: &mut Out) -> Result<(), CliError> {
        let (_, catalog) = load(catalog_path)?;
        let cannot = |e: std::io::Error| CliError::Input(format!("cannot read the profiles {path}: {e}"));
        let (input, total): (Box<dyn BufRead + Send>, Option<u64>) = if path == "-" {
            (Box::new(std::io::BufReader::with_capacity(1 << 16, std::io::stdin())), None)
        } else {
            let file = std::fs::File::open(path).map_err(cannot)?;
            let len = file.metadata().ok().map(|m| m.len());
            (Box::new(std::io::BufReader::with_capacity(1 << 16, file)), len)
        };
        let terminal = std::io::stderr().is_terminal();
        let bar = match (terminal, total) {
            (false, _) => indicatif::ProgressBar::hidden(),
            (true, Some(len)) => indicatif::ProgressBar::new(len).with_style(
                indicatif::ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} · {msg} · {eta} left")
                    .expect("a valid template"),
            ),
            (true, None) => indicatif::ProgressBar::new_spinner().with_style(
                indicatif::ProgressStyle::with_template("{spinner} {bytes} read · {msg}").expect("a valid template"),
            ),
        };
        let result = batch::run(&catalog, input, &mut out.0, options, &mut |event| match event {
            batch::Event::Progress { rows, bytes } => {
                bar.set_position(bytes);
                bar.set_message(format!("{rows} profiles"));
            }
            batch::Event::BadRow(b) => bar.suspend(|| eprintln!("{path}: line {}: {}", b.line, b.message)),
        });
        bar.finish_and_clear();
        let summary = match result {
            Ok(s) => s,
            Err(batch::BatchError::Output(e)) => return Err(CliError::Output(e)),
            Err(batch::BatchError::Input(m)) => return Err(CliError::Input(format!("{path}: {m}"))),
        };
        if summary.bad > 0 {
            out.0.flush()?;
            return Err(CliError::Input(format!(
                "{path}: {} of {} rows were bad and skipped (listed above); {} profiles matched",
                summary.bad, summary.rows, summary.matched
            )));
        }
        if terminal {
            eprintln!("{path}: {} profiles matched", summary.matched);
        }
        Ok(())
    }

    fn run_diff(
        old: &Path,
        new: &Path,
        profiles: &Path,
        as_of: Date,
        format: Format,
        lang: Lang,
        out: &mut Out,
    ) -> Result<(), CliError> {
        let (_, a) = load(old)?;
        let (_, b) = load(new)?;
        let applicants = diff::read_applicants(profiles).map_err(|e| CliError::Input(e.to_string()))?;
        let side = |p: &Path, c| diff::Side { name: p.display().to_string(), catalog: c };
        let d = diff::diff(&side(old, &a), &side(new, &b), &applicants, as_of, lang);
        match format {
            Format::Json => out.line(&serde_json::to_string_pretty(&d).expect("a diff always serializes"))?,
            Format::Text => out.print(&diff::render_text(&d, lang))?,
        }
        if d.moves > 0 {
            out.0.flush()?;
            return Err(CliError::Moved(diff::summary_line(&d, lang)));
        }
        Ok(())
    }

    fn run_stats(path: &Path, as_of: Date, lang: Lang, out: &mut Out) -> Result<(), CliError> {
        let (loaded, catalog) = load(path)?;
        Ok(out.print(&stats::render_text(&stats::stats(&loaded, &catalog, as_of), lang))?)
    }
}
