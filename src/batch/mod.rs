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
use std::sync::{mpsc, Mutex};

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
#[derive(Clone, Default)]
struct Tripped(std::sync::Arc<std::sync::atomic::AtomicU64>);

impl Tripped {
    fn get(&self) -> Option<u64> {
        Some(self.0.load(std::sync::atomic::Ordering::Relaxed)).filter(|&line| line > 0)
    }
    /// Lines are 1-based: 0 is "not tripped".
    fn set(&self, line: u64) {
        self.0.store(line, std::sync::atomic::Ordering::Relaxed)
    }
}

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
                    self.tripped.set(self.row_line);
                }
                self.run = 0;
                start = at + 1;
                self.row_line = self.line;
            }
            self.run += done.len() - start;
            if self.run > MAX_ROW_BYTES && self.tripped.get().is_none() {
                self.tripped.set(self.row_line);
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

/// How a run reads, matches and writes.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The input's format (`None`: guess it with `sniff`).
    pub format: Option<Format>,
    /// The output's format (`None`: the input's).
    pub out_format: Option<Format>,
    pub shape: Shape,
    pub as_of: Date,
    /// Threads that match (at least one); the calling thread reads the input and writes the
    /// output. The output is the same for any number.
    pub jobs: usize,
}

impl Options {
    /// The defaults of `match --profiles`: formats guessed, long, one job per processor.
    pub fn new(as_of: Date) -> Options {
        let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
        Options { format: None, out_format: None, shape: Shape::Long, as_of, jobs }
    }
}

/// Rows handed to a matching thread at a time.
const CHUNK: usize = 512;

/// A run of consecutive rows on its way through the threads: read and decoded by the reader,
/// matched and rendered by a worker, written by the caller in `seq` order, then read into again.
struct Chunk {
    seq: u64,
    len: usize,
    profiles: Vec<Profile>,
    ids: Vec<String>,
    out: Vec<u8>,
}

/// What the reader and the workers tell the calling thread.
enum Report {
    /// A chunk matched and rendered, to be written in its turn.
    Done(Chunk),
    BadRow(BadRow),
    Progress {
        rows: u64,
        bytes: u64,
    },
    /// The input is read: how many chunks were sent, what was read, and why it stopped early.
    End {
        chunks: u64,
        summary: Summary,
        stop: Option<BatchError>,
    },
}

/// Matches every profile of `input` and writes the results to `output`, in input order.
///
/// Three kinds of thread: a reader reads and decodes rows into chunks; `jobs` workers match a
/// chunk each and render its records; the calling thread writes the chunks in order (flushing
/// whenever nothing more is ready, so that a slow input still streams) and reports bad rows and
/// progress. A fixed number of chunks circulates, so memory stays constant whatever the input's
/// size. An input error (a row over `MAX_ROW_BYTES`, an unreadable input) stops the run after
/// the rows before it are written.
pub fn run<R: BufRead + Send, W: Write>(
    catalog: &Catalog,
    mut input: R,
    output: W,
    options: &Options,
    on_event: &mut dyn FnMut(Event),
) -> Result<Summary, BatchError> {
    let format = match options.format {
        Some(f) => f,
        None => sniff(&mut input).map_err(|e| BatchError::Input(format!("cannot read the profiles: {e}")))?,
    };
    let tripped = Tripped::default();
    let csv = format == Format::Csv;
    let input = LineCap { inner: input, csv, run: 0, quoted: false, line: 1, row_line: 1, tripped: tripped.clone() };
    // Built here, so that a bad header is refused before any thread starts; sent to the reader.
    let source = match format {
        Format::Csv => Sources::Csv(CsvSource::new(catalog, input, options.as_of.year(), tripped)?),
        Format::JsonLines => Sources::JsonLines(JsonLinesSource::new(catalog, input, options.as_of.year(), tripped)),
    };
    let out_format = options.out_format.unwrap_or(format);
    let mut out = io::BufWriter::with_capacity(1 << 16, output);
    let mut head = Vec::new();
    Writer::new(catalog, out_format, options.shape).header(&mut head);
    out.write_all(&head).map_err(BatchError::Output)?;
    let jobs = options.jobs.max(1);
    let (free, free_rx) = mpsc::channel::<Chunk>();
    for _ in 0..2 * jobs + 2 {
        let chunk = Chunk { seq: 0, len: 0, profiles: Vec::new(), ids: Vec::new(), out: Vec::new() };
        free.send(chunk).expect("the receiver is alive");
    }
    let (todo, todo_rx) = mpsc::channel::<Chunk>();
    let todo_rx = Mutex::new(todo_rx);
    let (report, reports) = mpsc::channel::<Report>();
    std::thread::scope(|scope| -> Result<Summary, BatchError> {
        for _ in 0..jobs {
            let (todo_rx, report) = (&todo_rx, report.clone());
            scope.spawn(move || {
                let mut matcher = Matcher::new(catalog, options.as_of, options.shape == Shape::Long);
                let mut writer = Writer::new(catalog, out_format, options.shape);
                // A closed channel (or a poisoned lock: another worker panicked) ends the worker.
                while let Some(mut chunk) = todo_rx.lock().ok().and_then(|rx| rx.recv().ok()) {
                    chunk.out.clear();
                    for k in 0..chunk.len {
                        matcher.evaluate(&chunk.profiles[k]);
                        writer.write(&mut chunk.out, &chunk.ids[k], &matcher);
                    }
                    if report.send(Report::Done(chunk)).is_err() {
                        break;
                    }
                }
            });
        }
        scope.spawn(move || read(catalog, source, free_rx, todo, report));
        // Write the chunks in order, as they come.
        let mut waiting = std::collections::BTreeMap::new();
        let (mut written, mut end) = (0u64, None);
        loop {
            if let Some((chunks, _, _)) = &end {
                if written == *chunks {
                    break;
                }
            }
            let next = match reports.try_recv() {
                Ok(r) => r,
                Err(_) => {
                    out.flush().map_err(BatchError::Output)?;
                    match reports.recv() {
                        Ok(r) => r,
                        Err(_) => break, // every thread is gone: only after a panic, which the scope passes on
                    }
                }
            };
            match next {
                Report::Done(chunk) => {
                    waiting.insert(chunk.seq, chunk);
                    while let Some(chunk) = waiting.remove(&written) {
                        out.write_all(&chunk.out).map_err(BatchError::Output)?;
                        written += 1;
                        let _ = free.send(chunk); // the reader may be done
                    }
                }
                Report::BadRow(bad) => on_event(Event::BadRow(&bad)),
                Report::Progress { rows, bytes } => on_event(Event::Progress { rows, bytes }),
                Report::End { chunks, summary, stop } => end = Some((chunks, summary, stop)),
            }
        }
        out.flush().map_err(BatchError::Output)?;
        match end {
            Some((_, _, Some(stop))) => Err(stop),
            Some((_, summary, None)) => Ok(summary),
            None => Err(BatchError::Input("the profiles could not be read to the end".into())),
        }
    })
}

/// The input's reader, in its format.
enum Sources<'c, R: BufRead> {
    Csv(CsvSource<'c, LineCap<R>>),
    JsonLines(JsonLinesSource<'c, LineCap<R>>),
}

/// The reader thread: rows into the free chunks, full chunks to the workers, bad rows and progress
/// to the calling thread, and at the end what was read.
fn read<R: BufRead>(
    catalog: &Catalog,
    source: Sources<'_, R>,
    free: mpsc::Receiver<Chunk>,
    todo: mpsc::Sender<Chunk>,
    report: mpsc::Sender<Report>,
) {
    let mut source: Box<dyn Source + '_> = match source {
        Sources::Csv(s) => Box::new(s),
        Sources::JsonLines(s) => Box::new(s),
    };
    let mut summary = Summary::default();
    let (mut chunks, mut stop) = (0u64, None);
    'rows: while let Ok(mut chunk) = free.recv() {
        (chunk.seq, chunk.len) = (chunks, 0);
        let mut end = false;
        while chunk.len < CHUNK {
            if chunk.len == chunk.profiles.len() {
                chunk.profiles.push(Profile::empty(catalog));
                chunk.ids.push(String::new());
            }
            let k = chunk.len;
            let next = source.next(&mut chunk.profiles[k], &mut chunk.ids[k]).unwrap_or_else(|e| {
                stop = Some(e); // the input stops here: what was read before it is still written
                Next::End
            });
            match next {
                Next::End => {
                    end = true;
                    break;
                }
                Next::Profile => {
                    chunk.len += 1;
                    summary.matched += 1;
                }
                Next::Bad(bad) => {
                    summary.bad += 1;
                    if report.send(Report::BadRow(bad)).is_err() {
                        break 'rows;
                    }
                }
            }
            summary.rows += 1;
            if summary.rows % PROGRESS_EVERY == 0 {
                let _ = report.send(Report::Progress { rows: summary.rows, bytes: source.bytes() });
            }
        }
        if chunk.len > 0 {
            if todo.send(chunk).is_err() {
                break;
            }
            chunks += 1;
        }
        if end {
            break;
        }
    }
    drop(todo); // the workers finish what they have
    let _ = report.send(Report::Progress { rows: summary.rows, bytes: source.bytes() });
    let _ = report.send(Report::End { chunks, summary, stop });
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
    /// What the engine sees of the fields, reused per profile.
    slots: engine::Slots,
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
            slots: engine::slots(catalog, &Profile::empty(catalog)),
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
        self.slots.fill(c, profile);
        let slots = &self.slots;
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
            let t = engine::evaluate_criteria(c, i, slots, trace);
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
            engine::reasons(c, i, slots, trace, (&mut b.missing, &mut b.failed, &mut b.doubts));
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
