//! Batch matching for park teams (`policy-matcher match --profiles FILE`): many profiles in, one
//! line of results per profile or per open measure out, streamed with constant memory — a row is
//! read, decoded, evaluated and written before the next is read, into buffers that are reused.
//!
//! **In.** CSV whose header names the contract's field ids (`data/questions.toml`) and optionally
//! an `id` column, or JSON Lines (one profile object per line, with an optional `"id"`). In CSV an
//! empty cell is unanswered, an any_of field lists its options separated by `;`, and lines starting
//! with `#` are comments. The format is recognised from the first byte (`{` is JSON Lines).
//!
//! **Out.** CSV or JSON Lines, long by default — one record per open measure of each profile (groups
//! eligible, possible, worth_a_look, in that order) with its verdict, group, the unanswered fields
//! that decide it (`missing`) and the fields of loose conditions to confirm (`doubts`) — or wide:
//! one record per profile with the group of every measure of the catalog.
//!
//! **Bad rows** (a field or option the contract does not know, a number out of range, a CSV row of
//! the wrong length, a line that is not a JSON object) are reported with their line number and the
//! words of `profile::decode` — the field and what is allowed — skipped, and counted.
//!
//! **Speed.** CSV cells are decoded straight into a reused `Profile`, without allocating, by
//! `profile::decode_cell`, which applies the contract's rules (the very ones of `profile::decode`);
//! a row with a problem is handed whole to `profile::decode`, which words it. Each measure's
//! verdict comes from `engine::evaluate_criteria`, into one trace for the whole catalog reused per
//! row; only the measures listed as open are asked `engine::reasons`, from that trace. Unit and integration tests check both shortcuts against
//! `profile::decode` and `engine::evaluate`.
//!
//! **Where.** This file owns the public API — the formats and shapes, the run and its events, bad
//! rows and errors, the input's line cap — and the `Matcher`, which evaluates profile after profile
//! with reused buffers. `read` turns CSV rows and JSON lines into profiles, `write` renders
//! results, `template` writes the CSV template and synthetic profiles; the contract's rules for a
//! cell are `profile::decode_cell`'s.

use std::io::{self, BufRead, Write};

use crate::catalog::{Catalog, NodeKind};
use crate::catalog::{FieldIdx, NodeIdx};
use crate::date::Date;
use crate::engine::{self, Group, Truth};
use crate::profile::Profile;

mod read;
mod template;
mod write;

#[cfg(test)]
mod tests;

// A CSV cell as the answer it means: the contract's text form, stated in `profile`.
pub use crate::profile::cell_answer;
pub use template::{csv_template, synthetic_csv};

use read::{CsvSource, JsonLinesSource, Next, Source};
use write::Writer;

/// How profiles are written in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    JsonLines,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

/// The longest line of `--profiles` input, in bytes (a CSV row or a JSON Lines record): 64 KiB, far
/// more than a profile of every field needs. A longer line stops the run with its line number,
/// before more of it is held in memory.
pub const MAX_ROW_BYTES: usize = 64 * 1024;

/// Where a row over `MAX_ROW_BYTES` was found: the line it starts on (shared by the input and the
/// source reading it, which stops the run there).
type Tripped = std::rc::Rc<std::cell::Cell<Option<u64>>>;

/// The input, refusing to read on past a row over `MAX_ROW_BYTES` (counted as the sources consume
/// it, so that a hostile row is never held whole). In CSV a line break inside a quoted cell does
/// not end the row: quotes are counted too.
struct LineCap<R> {
    inner: R,
    csv: bool,
    /// Bytes of the current row so far.
    run: usize,
    /// Inside a quoted CSV cell.
    quoted: bool,
    /// The line being read (1-based) and the line the current row started on.
    line: u64,
    row_line: u64,
    tripped: Tripped,
}

fn row_too_long(line: u64) -> BatchError {
    BatchError::Input(format!(
        "line {line}: a row longer than {MAX_ROW_BYTES} bytes; at most {MAX_ROW_BYTES} bytes a row are allowed"
    ))
}

impl<R: BufRead> io::Read for LineCap<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LineCap<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if let Some(line) = self.tripped.get() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("the row on line {line} is longer than {MAX_ROW_BYTES} bytes (the most a row may have)"),
            ));
        }
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        if amt == 0 {
            return;
        }
        if let Ok(buf) = self.inner.fill_buf() {
            let done = &buf[..amt.min(buf.len())];
            let mut start = 0;
            for at in memchr::memchr2_iter(b'\n', b'"', done) {
                if done[at] == b'"' {
                    self.quoted ^= self.csv;
                    continue;
                }
                self.line += 1;
                if self.quoted {
                    continue; // a line break inside a quoted cell: the same row
                }
                if self.run + (at - start) > MAX_ROW_BYTES && self.tripped.get().is_none() {
                    self.tripped.set(Some(self.row_line));
                }
                self.run = 0;
                start = at + 1;
                self.row_line = self.line;
            }
            self.run += done.len() - start;
            if self.run > MAX_ROW_BYTES && self.tripped.get().is_none() {
                self.tripped.set(Some(self.row_line));
            }
        }
        self.inner.consume(amt)
    }
}

/// One record per open measure (`Long`) or one per profile with every measure (`Wide`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Long,
    Wide,
}

/// The groups written in the long shape, in this order.
pub const OPEN: [Group; 3] = [Group::Eligible, Group::Confirm, Group::WorthALook];

/// The name of the pass-through column.
pub const ID_COLUMN: &str = "id";

/// A row that was skipped, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct BadRow {
    /// 1-based line of the input where the row starts.
    pub line: u64,
    /// The field and what is allowed, in the words of `profile::decode`.
    pub message: String,
}

/// What a run reports while it goes.
pub enum Event<'a> {
    /// Every few thousand rows: rows read so far and bytes of input consumed.
    Progress {
        rows: u64,
        bytes: u64,
    },
    BadRow(&'a BadRow),
}

/// What a run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Rows read (profiles and bad rows).
    pub rows: u64,
    /// Profiles matched and written.
    pub matched: u64,
    /// Rows skipped as bad.
    pub bad: u64,
}

#[derive(Debug)]
pub enum BatchError {
    /// The input cannot be used at all (unreadable, or a CSV header naming an unknown column).
    Input(String),
    /// Writing the output failed.
    Output(io::Error),
}

impl std::fmt::Display for BatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BatchError::Input(m) => f.write_str(m),
            BatchError::Output(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}

/// How often `Event::Progress` is sent.
const PROGRESS_EVERY: u64 = 4096;

/// Guesses the input format from its first non-blank byte: `{` is JSON Lines, anything else CSV.
pub fn sniff<R: BufRead>(input: &mut R) -> io::Result<Format> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(Format::Csv);
        }
        let blanks = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        if blanks < buf.len() {
            return Ok(if buf[blanks] == b'{' { Format::JsonLines } else { Format::Csv });
        }
        input.consume(blanks);
    }
}

/// Matches every profile of `input` and writes the results to `output`. `format` is the input's
/// format (`None`: guess it); the output is written in `out_format` (`None`: the input's).
#[allow(clippy::too_many_arguments)]
pub fn run<R: BufRead, W: Write>(
    catalog: &Catalog,
    mut input: R,
    format: Option<Format>,
    output: W,
    out_format: Option<Format>,
    shape: Shape,
    as_of: Date,
    on_event: &mut dyn FnMut(Event),
) -> Result<Summary, BatchError> {
    let format = match format {
        Some(f) => f,
        None => sniff(&mut input).map_err(|e| BatchError::Input(format!("cannot read the profiles: {e}")))?,
    };
    let tripped = Tripped::default();
    let csv = format == Format::Csv;
    let input = LineCap { inner: input, csv, run: 0, quoted: false, line: 1, row_line: 1, tripped: tripped.clone() };
    let mut source: Box<dyn Source + '_> = match format {
        Format::Csv => Box::new(CsvSource::new(catalog, input, as_of.year(), tripped)?),
        Format::JsonLines => Box::new(JsonLinesSource::new(catalog, input, as_of.year(), tripped)),
    };
    let mut writer = Writer::new(catalog, output, out_format.unwrap_or(format), shape);
    writer.header().map_err(BatchError::Output)?;
    let mut matcher = Matcher::new(catalog, as_of, shape == Shape::Long);
    let mut profile = Profile::empty(catalog);
    let mut id = String::new();
    let mut summary = Summary::default();
    loop {
        let next = source.next(&mut profile, &mut id)?;
        match next {
            Next::End => break,
            Next::Profile => {
                matcher.evaluate(&profile);
                writer.write(&id, &matcher).map_err(BatchError::Output)?;
                summary.matched += 1;
            }
            Next::Bad(bad) => {
                summary.bad += 1;
                on_event(Event::BadRow(&bad));
            }
        }
        summary.rows += 1;
        if summary.rows % PROGRESS_EVERY == 0 {
            on_event(Event::Progress { rows: summary.rows, bytes: source.bytes() });
        }
    }
    on_event(Event::Progress { rows: summary.rows, bytes: source.bytes() });
    writer.finish().map_err(BatchError::Output)?;
    Ok(summary)
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/// The lists `engine::reasons` fills for one measure.
#[derive(Default)]
struct Lists {
    missing: Vec<FieldIdx>,
    failed: Vec<NodeIdx>,
    doubts: Vec<NodeIdx>,
}

/// Evaluates profile after profile with reused buffers. For each measure it keeps the group and,
/// for a measure left open by unanswered questions or loose conditions, those fields.
pub struct Matcher<'c> {
    catalog: &'c Catalog,
    /// Whether to find what decides open measures (the long shape lists it; the wide does not).
    reasons: bool,
    /// Whether each measure is in force on `as_of` (the same for every profile).
    active: Vec<bool>,
    /// The outcome of every criterion node of the catalog (`Compiled`'s order), reused per profile.
    trace: Vec<Truth>,
    /// What `engine::reasons` gives for one open measure, reused.
    buffers: Lists,
    /// Per measure: its group, and spans into `fields` for missing and doubts.
    groups: Vec<Group>,
    missing: Vec<(u32, u32)>,
    doubts: Vec<(u32, u32)>,
    fields: Vec<u32>,
}

impl<'c> Matcher<'c> {
    /// `reasons`: also find the missing fields and doubts of open measures.
    pub fn new(catalog: &'c Catalog, as_of: Date, reasons: bool) -> Matcher<'c> {
        let n = catalog.measures.len();
        Matcher {
            catalog,
            reasons,
            active: catalog.measures.iter().map(|m| engine::status(m, as_of).active()).collect(),
            trace: vec![Truth::Unknown; catalog.compiled.steps.len()],
            buffers: Lists::default(),
            groups: vec![Group::Inactive; n],
            missing: vec![(0, 0); n],
            doubts: vec![(0, 0); n],
            fields: Vec::new(),
        }
    }

    /// Evaluates every measure for `profile`; read the outcome with `group`, `missing`, `doubts`.
    pub fn evaluate(&mut self, profile: &Profile) {
        let c = self.catalog;
        let slots = engine::slots(c, profile);
        self.fields.clear();
        for i in 0..c.measures.len() {
            self.missing[i] = (0, 0);
            self.doubts[i] = (0, 0);
            if !self.active[i] {
                self.groups[i] = Group::Inactive;
                continue;
            }
            let m = &c.measures[i];
            let (s0, n) = c.compiled.spans[i];
            let trace = &mut self.trace[s0 as usize..(s0 + n) as usize];
            let t = engine::evaluate_criteria(c, i, &slots, trace);
            let group = engine::evaluate::group_of(m, true, t);
            self.groups[i] = group;
            if group != Group::Confirm || t == Truth::Met || !self.reasons {
                continue;
            }
            // Open: what decides it, from the trace.
            let b = &mut self.buffers;
            b.missing.clear();
            b.failed.clear();
            b.doubts.clear();
            engine::reasons(c, i, &slots, trace, (&mut b.missing, &mut b.failed, &mut b.doubts));
            let at = self.fields.len() as u32;
            self.fields.extend(b.missing.iter().map(|&f| f as u32));
            self.missing[i] = (at, self.fields.len() as u32 - at);
            let at = self.fields.len() as u32;
            for &n in &b.doubts {
                if let NodeKind::Test(t) = &m.criteria.nodes[n].kind {
                    if !self.fields[at as usize..].contains(&(t.field as u32)) {
                        self.fields.push(t.field as u32);
                    }
                }
            }
            self.doubts[i] = (at, self.fields.len() as u32 - at);
        }
    }

    /// The group of measure `i` (catalog order) for the last profile.
    pub fn group(&self, i: usize) -> Group {
        self.groups[i]
    }

    /// Unanswered fields that could decide measure `i` (for the `possible` group).
    pub fn missing(&self, i: usize) -> &[u32] {
        let (a, n) = self.missing[i];
        &self.fields[a as usize..(a + n) as usize]
    }

    /// Fields of loose conditions that the answers do not meet: to confirm (for `possible`).
    pub fn doubts(&self, i: usize) -> &[u32] {
        let (a, n) = self.doubts[i];
        &self.fields[a as usize..(a + n) as usize]
    }
}

/// The verdict a group belongs to (`worth_a_look` is a `possible` verdict).
pub fn verdict_of(group: Group) -> &'static str {
    match group {
        Group::Eligible => "eligible",
        Group::Confirm | Group::WorthALook => "possible",
        Group::Ineligible => "ineligible",
        Group::Inactive => "inactive",
    }
}
