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
//! **Speed.** CSV cells are decoded straight into a reused `Profile`; a cell the fast path does not
//! accept is decided by `profile::decode`, the one implementation of the contract, which also words
//! the problem. Each measure's verdict comes from `engine::decide` (no trace); only the measures it
//! leaves open are evaluated with a trace, for their missing fields. Unit and integration tests
//! check both shortcuts against `profile::decode` and `engine::evaluate`.

use std::io::{self, BufRead, Write};

use crate::catalog::{Catalog, FieldKind, NodeKind};
use crate::date::Date;
use crate::engine::{self, Buffers, Group, Truth};
use crate::profile::{self, Profile, RawAnswer, RawProfile, Value};
use crate::report::csv as sheet;

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

/// The input, refusing to read on past a line over `MAX_ROW_BYTES` (counted as the sources consume
/// it, so that a hostile line is never held whole); the sources also check each row they read.
struct LineCap<R> {
    inner: R,
    /// Bytes since the last line break.
    run: usize,
    /// A line over the limit was consumed.
    over: bool,
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
        if self.over {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("a row longer than {MAX_ROW_BYTES} bytes; at most {MAX_ROW_BYTES} bytes a row are allowed"),
            ));
        }
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let done = &buf[..amt.min(buf.len())];
            let mut start = 0;
            for at in memchr::memchr_iter(b'\n', done) {
                self.over |= self.run + (at - start) > MAX_ROW_BYTES;
                self.run = 0;
                start = at + 1;
            }
            self.run += done.len() - start;
            self.over |= self.run > MAX_ROW_BYTES;
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
    let input = LineCap { inner: input, run: 0, over: false };
    let mut source: Box<dyn Source + '_> = match format {
        Format::Csv => Box::new(CsvSource::new(catalog, input, as_of.year())?),
        Format::JsonLines => Box::new(JsonLinesSource::new(catalog, input, as_of.year())),
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

/// Evaluates profile after profile with reused buffers. For each measure it keeps the group and,
/// for a measure left open by unanswered questions or loose conditions, those fields.
pub struct Matcher<'c> {
    catalog: &'c Catalog,
    as_of: Date,
    /// Whether to find what decides open measures (the long shape lists it; the wide does not).
    reasons: bool,
    /// Whether each measure is in force on `as_of` (the same for every profile).
    active: Vec<bool>,
    buffers: Buffers,
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
            as_of,
            reasons,
            active: catalog.measures.iter().map(|m| engine::status(m, as_of).active()).collect(),
            buffers: Buffers::default(),
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
            let t = engine::decide(c, i, &slots);
            self.groups[i] = match engine::evaluate::group_of(m, true, t) {
                g @ (Group::Eligible | Group::WorthALook | Group::Ineligible) => g,
                Group::Confirm if t == Truth::Met || !self.reasons => Group::Confirm,
                Group::Inactive => Group::Inactive,
                Group::Confirm => {
                    // Open: evaluate with a trace, for what decides it.
                    let b = &mut self.buffers;
                    b.outcomes.clear();
                    b.missing.clear();
                    b.failed.clear();
                    b.doubts.clear();
                    let r = engine::evaluate_measure(c, i, &slots, self.as_of, b);
                    let at = self.fields.len() as u32;
                    self.fields.extend(b.missing(&r).iter().map(|&f| f as u32));
                    self.missing[i] = (at, self.fields.len() as u32 - at);
                    let at = self.fields.len() as u32;
                    for &n in b.doubts(&r) {
                        if let NodeKind::Test(t) = &m.criteria.nodes[n].kind {
                            if !self.fields[at as usize..].contains(&(t.field as u32)) {
                                self.fields.push(t.field as u32);
                            }
                        }
                    }
                    self.doubts[i] = (at, self.fields.len() as u32 - at);
                    Group::Confirm
                }
            };
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

// ---------------------------------------------------------------------------------------------
// Reading

enum Next {
    End,
    Profile,
    Bad(BadRow),
}

trait Source {
    /// Reads the next row into `profile` (cleared first) and its id into `id`.
    fn next(&mut self, profile: &mut Profile, id: &mut String) -> Result<Next, BatchError>;
    /// Bytes of input consumed so far.
    fn bytes(&self) -> u64;
}

fn clear(profile: &mut Profile, fields: usize) {
    for f in 0..fields {
        profile.set(f, None);
    }
}

/// A CSV cell as the answer it means: empty = absent; any_of = the `;`-separated option ids;
/// numbers = a number when the cell parses as one, else the text (which `decode` then refuses).
pub fn cell_answer(kind: FieldKind, cell: &str) -> Option<RawAnswer> {
    let cell = cell.trim();
    if cell.is_empty() {
        return None;
    }
    Some(match kind {
        FieldKind::OneOf => RawAnswer::Text(cell.to_string()),
        FieldKind::AnyOf => RawAnswer::List(
            cell.split(';').map(str::trim).filter(|t| !t.is_empty()).map(|t| RawAnswer::Text(t.to_string())).collect(),
        ),
        FieldKind::Integer | FieldKind::Number | FieldKind::Year => match cell.parse::<f64>() {
            Ok(x) => RawAnswer::Number(x),
            Err(_) => RawAnswer::Text(cell.to_string()),
        },
    })
}

/// Decodes one CSV cell without allocating, for the answers the contract plainly accepts;
/// `None` sends the row to `profile::decode` (which refuses it and says why, or decides it).
fn fast_cell(field: &crate::catalog::Field, cell: &str, year: i32) -> Option<Option<Value>> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Some(None);
    }
    let option = |t: &str| field.options.iter().position(|o| o.id == t);
    match field.kind {
        FieldKind::OneOf => option(cell).map(|k| Some(Value::Choice(k))),
        FieldKind::AnyOf => {
            let mut bits = 0u64;
            for t in cell.split(';').map(str::trim).filter(|t| !t.is_empty()) {
                bits |= 1 << option(t)?;
            }
            let excl = field.exclusive_mask();
            if bits & excl != 0 && bits & !excl != 0 {
                return None;
            }
            Some(Some(Value::Set(bits & !excl)))
        }
        FieldKind::Integer | FieldKind::Number | FieldKind::Year => {
            let x: f64 = cell.parse().ok()?;
            let max = if field.kind == FieldKind::Year { Some(f64::from(year)) } else { field.max };
            let ok = x.is_finite()
                && (field.kind == FieldKind::Number || x.fract() == 0.0)
                && !field.min.is_some_and(|m| x < m)
                && !max.is_some_and(|m| x > m);
            ok.then_some(Some(Value::Number(x)))
        }
    }
}

enum Column {
    Id,
    Field(usize),
}

struct CsvSource<'c, R: BufRead> {
    catalog: &'c Catalog,
    year: i32,
    reader: csv::Reader<R>,
    columns: Vec<Column>,
    record: csv::ByteRecord,
}

impl<'c, R: BufRead> CsvSource<'c, R> {
    fn new(catalog: &'c Catalog, input: R, year: i32) -> Result<Self, BatchError> {
        let mut reader =
            csv::ReaderBuilder::new().comment(Some(b'#')).has_headers(true).flexible(false).from_reader(input);
        let header =
            reader.headers().map_err(|e| BatchError::Input(format!("cannot read the CSV header: {e}")))?.clone();
        let mut columns = Vec::new();
        let mut seen = Vec::new();
        for (k, name) in header.iter().enumerate() {
            let name = name.trim();
            let name = if k == 0 { name.trim_start_matches('\u{feff}') } else { name };
            let column = match name {
                ID_COLUMN => Column::Id,
                _ => match catalog.field_index(name) {
                    Some(f) => Column::Field(f),
                    None => {
                        return Err(BatchError::Input(format!(
                            "line 1: unknown column \"{name}\"; the columns are {ID_COLUMN} and the contract's field ids: {}\nhint: `policy-matcher template --format csv` writes a header",
                            catalog.field_ids()
                        )))
                    }
                },
            };
            if seen.contains(&name.to_string()) {
                return Err(BatchError::Input(format!("line 1: the column \"{name}\" is given twice")));
            }
            seen.push(name.to_string());
            columns.push(column);
        }
        Ok(CsvSource { catalog, year, reader, columns, record: csv::ByteRecord::new() })
    }

    /// The row as `profile::decode` sees it: the slow path, for the exact problem.
    fn raw_row(&self) -> RawProfile {
        let mut raw = RawProfile::new();
        for (cell, column) in self.record.iter().zip(&self.columns) {
            if let Column::Field(f) = column {
                let field = &self.catalog.fields[*f];
                if let Some(answer) = cell_answer(field.kind, &String::from_utf8_lossy(cell)) {
                    raw.insert(field.id.clone(), answer);
                }
            }
        }
        raw
    }
}

impl<R: BufRead> Source for CsvSource<'_, R> {
    fn next(&mut self, profile: &mut Profile, id: &mut String) -> Result<Next, BatchError> {
        let line = self.reader.position().line();
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => return Ok(Next::End),
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(line, |p| p.line());
                let message = match e.kind() {
                    csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                        format!("{len} cells, but the header has {expected_len} columns")
                    }
                    csv::ErrorKind::Io(io) => {
                        return Err(BatchError::Input(format!("line {line}: cannot read the profiles: {io}")))
                    }
                    _ => e.to_string(),
                };
                return Ok(Next::Bad(BadRow { line, message }));
            }
        }
        let line = self.record.position().map_or(line, |p| p.line());
        if self.record.as_slice().len() > MAX_ROW_BYTES {
            return Err(row_too_long(line));
        }
        clear(profile, self.catalog.fields.len());
        id.clear();
        let Ok(text) = std::str::from_utf8(self.record.as_slice()) else {
            return Ok(Next::Bad(BadRow { line, message: "the row is not UTF-8 text".into() }));
        };
        let mut fast = true;
        for (k, column) in self.columns.iter().enumerate() {
            // A cell cut inside a character is not UTF-8 text on its own.
            let Some(cell) = self.record.range(k).map_or(Some(""), |r| text.get(r)) else {
                return Ok(Next::Bad(BadRow { line, message: "the row is not UTF-8 text".into() }));
            };
            match column {
                Column::Id => id.push_str(cell.trim()),
                Column::Field(f) => match fast_cell(&self.catalog.fields[*f], cell, self.year) {
                    Some(v) => profile.set(*f, v),
                    None => fast = false,
                },
            }
        }
        if !fast {
            match profile::decode(self.catalog, &self.raw_row(), self.year) {
                Ok(p) => *profile = p,
                Err(e) => return Ok(Next::Bad(BadRow { line, message: e.to_string().replace('\n', "; ") })),
            }
        }
        if id.is_empty() {
            id.push_str(&line.to_string());
        }
        Ok(Next::Profile)
    }

    fn bytes(&self) -> u64 {
        self.reader.position().byte()
    }
}

struct JsonLinesSource<'c, R: BufRead> {
    catalog: &'c Catalog,
    year: i32,
    input: R,
    line: u64,
    bytes: u64,
    buf: Vec<u8>,
}

impl<'c, R: BufRead> JsonLinesSource<'c, R> {
    fn new(catalog: &'c Catalog, input: R, year: i32) -> Self {
        JsonLinesSource { catalog, year, input, line: 0, bytes: 0, buf: Vec::new() }
    }
}

impl<R: BufRead> Source for JsonLinesSource<'_, R> {
    fn next(&mut self, profile: &mut Profile, id: &mut String) -> Result<Next, BatchError> {
        loop {
            self.buf.clear();
            let n = self
                .input
                .read_until(b'\n', &mut self.buf)
                .map_err(|e| BatchError::Input(format!("line {}: cannot read the profiles: {e}", self.line + 1)))?;
            if n == 0 {
                return Ok(Next::End);
            }
            self.line += 1;
            self.bytes += n as u64;
            if self.buf.len() > MAX_ROW_BYTES + 1 {
                return Err(row_too_long(self.line));
            }
            if !self.buf.iter().all(u8::is_ascii_whitespace) {
                break;
            }
        }
        let line = self.line;
        let bad = |message: String| Ok(Next::Bad(BadRow { line, message }));
        let mut raw: RawProfile = match serde_json::from_slice(&self.buf) {
            Ok(r) => r,
            Err(e) => return bad(format!("not a JSON object of answers: {e}")),
        };
        id.clear();
        match raw.remove(ID_COLUMN) {
            None | Some(RawAnswer::Null) => id.push_str(&line.to_string()),
            Some(RawAnswer::Text(t)) => id.push_str(&t),
            Some(RawAnswer::Number(x)) => id.push_str(&crate::words::number(x)),
            Some(_) => return bad(format!("field \"{ID_COLUMN}\": expected a string or a number")),
        }
        match profile::decode(self.catalog, &raw, self.year) {
            Ok(p) => *profile = p,
            Err(e) => return bad(e.to_string().replace('\n', "; ")),
        }
        Ok(Next::Profile)
    }

    fn bytes(&self) -> u64 {
        self.bytes
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

fn json_escaped(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serializes")
}

/// Writes results. Everything that does not depend on the row — measure and field ids escaped for
/// the format, and the middle of a long record (`,measure,verdict,group,`) for each open group — is
/// rendered once, up front; a row's id is escaped once per row.
struct Writer<'c, W: Write> {
    catalog: &'c Catalog,
    out: io::BufWriter<W>,
    format: Format,
    shape: Shape,
    /// Measure ids and field ids, escaped for the output format.
    measures: Vec<String>,
    fields: Vec<String>,
    /// Long shape: per measure, per open group (in `OPEN` order), the record after the id up to
    /// the lists.
    middles: Vec<[String; 3]>,
    /// The current row's id, escaped.
    id: Vec<u8>,
    /// Measure indices by group, reused per profile.
    order: Vec<usize>,
}

impl<'c, W: Write> Writer<'c, W> {
    fn new(catalog: &'c Catalog, out: W, format: Format, shape: Shape) -> Self {
        let esc = |s: &str| match format {
            Format::Csv => sheet::cell(s).into_owned(),
            Format::JsonLines => json_escaped(s),
        };
        let measures: Vec<String> = catalog.measures.iter().map(|m| esc(&m.id)).collect();
        let middles = measures
            .iter()
            .map(|m| {
                OPEN.map(|g| match format {
                    Format::Csv => format!(",{m},{},{},", verdict_of(g), g.id()),
                    Format::JsonLines => {
                        format!(
                            ",\"measure\":{m},\"verdict\":\"{}\",\"group\":\"{}\",\"missing\":",
                            verdict_of(g),
                            g.id()
                        )
                    }
                })
            })
            .collect();
        Writer {
            catalog,
            out: io::BufWriter::with_capacity(1 << 16, out),
            format,
            shape,
            measures,
            fields: catalog.fields.iter().map(|f| esc(&f.id)).collect(),
            middles,
            id: Vec::new(),
            order: Vec::with_capacity(catalog.measures.len()),
        }
    }

    fn header(&mut self) -> io::Result<()> {
        if self.format == Format::JsonLines {
            return Ok(());
        }
        match self.shape {
            Shape::Long => self.out.write_all(b"id,measure,verdict,group,missing,doubts\n"),
            Shape::Wide => {
                self.out.write_all(ID_COLUMN.as_bytes())?;
                for m in &self.measures {
                    self.out.write_all(b",")?;
                    self.out.write_all(m.as_bytes())?;
                }
                self.out.write_all(b"\n")
            }
        }
    }

    /// Renders the row's id for the output: as is when it needs no escaping.
    fn set_id(&mut self, id: &str) {
        self.id.clear();
        match self.format {
            Format::Csv => self.id.extend_from_slice(sheet::cell(id).as_bytes()),
            Format::JsonLines if id.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') => {
                self.id.extend_from_slice(json_escaped(id).as_bytes())
            }
            Format::JsonLines => {
                self.id.push(b'"');
                self.id.extend_from_slice(id.as_bytes());
                self.id.push(b'"');
            }
        }
    }

    fn list(&mut self, fields: &[u32]) -> io::Result<()> {
        let json = self.format == Format::JsonLines;
        if json {
            self.out.write_all(b"[")?;
        }
        for (k, &f) in fields.iter().enumerate() {
            if k > 0 {
                self.out.write_all(if json { b"," } else { b";" })?;
            }
            self.out.write_all(self.fields[f as usize].as_bytes())?;
        }
        if json {
            self.out.write_all(b"]")?;
        }
        Ok(())
    }

    fn write(&mut self, id: &str, m: &Matcher) -> io::Result<()> {
        let n = self.catalog.measures.len();
        self.set_id(id);
        match (self.shape, self.format) {
            (Shape::Wide, Format::Csv) => {
                self.out.write_all(&self.id)?;
                for i in 0..n {
                    self.out.write_all(b",")?;
                    self.out.write_all(m.group(i).id().as_bytes())?;
                }
                self.out.write_all(b"\n")
            }
            (Shape::Wide, Format::JsonLines) => {
                self.out.write_all(b"{\"id\":")?;
                self.out.write_all(&self.id)?;
                self.out.write_all(b",\"groups\":{")?;
                for i in 0..n {
                    if i > 0 {
                        self.out.write_all(b",")?;
                    }
                    self.out.write_all(self.measures[i].as_bytes())?;
                    self.out.write_all(b":\"")?;
                    self.out.write_all(m.group(i).id().as_bytes())?;
                    self.out.write_all(b"\"")?;
                }
                self.out.write_all(b"}}\n")
            }
            (Shape::Long, format) => {
                let mut order = std::mem::take(&mut self.order);
                order.clear();
                for g in OPEN {
                    order.extend((0..n).filter(|&i| m.group(i) == g));
                }
                for &i in &order {
                    let g = OPEN.iter().position(|&o| o == m.group(i)).expect("only open groups are listed");
                    if format == Format::JsonLines {
                        self.out.write_all(b"{\"id\":")?;
                    }
                    self.out.write_all(&self.id)?;
                    self.out.write_all(self.middles[i][g].as_bytes())?;
                    self.list(m.missing(i))?;
                    self.out.write_all(if format == Format::Csv { b"," } else { b",\"doubts\":" })?;
                    self.list(m.doubts(i))?;
                    self.out.write_all(if format == Format::Csv { b"\n" } else { b"}\n" })?;
                }
                self.order = order;
                Ok(())
            }
        }
    }

    fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

// ---------------------------------------------------------------------------------------------
// Templates and test data

/// The profile of the template's example row (the profile contract's own example).
const EXAMPLE: &[(&str, &str)] = &[
    ("entity_type", "enterprise"),
    ("enterprise_size", "small"),
    ("industries", "artificial_intelligence;next_gen_it"),
    ("location", "haidian"),
    ("qualifications", "tech_sme;national_high_tech"),
    ("listing_status", "unlisted"),
    ("activities", "none"),
    ("employees", "45"),
    ("founded_year", "2019"),
];

/// An empty CSV for `match --profiles`: the header (`id` and every field id of the catalog) and
/// one example row, commented out with `#`.
pub fn csv_template(catalog: &Catalog) -> String {
    let mut header = vec![ID_COLUMN.to_string()];
    let mut example = vec!["example-001".to_string()];
    for f in &catalog.fields {
        header.push(sheet::cell(&f.id).into_owned());
        let value = EXAMPLE.iter().find(|(id, _)| *id == f.id).map_or("", |(_, v)| v);
        example.push(sheet::cell(value).into_owned());
    }
    format!("{}\n# {}\n", header.join(","), example.join(","))
}

/// Writes `rows` deterministic, valid profiles as CSV (for benchmarks and tests), shaped like a
/// park's list of companies: seven in ten are companies, every field is answered with a
/// probability of 85 %, any_of fields with one to three options.
pub fn synthetic_csv<W: Write>(catalog: &Catalog, rows: u64, seed: u64, year: i32, out: W) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let mut rng = crate::synth::Rng::new(seed);
    write!(out, "{ID_COLUMN}")?;
    for f in &catalog.fields {
        write!(out, ",{}", sheet::cell(&f.id))?;
    }
    writeln!(out)?;
    let mut cell = String::new();
    for row in 0..rows {
        write!(out, "p{row:07}")?;
        for f in &catalog.fields {
            cell.clear();
            if rng.chance(85) {
                let plain: Vec<usize> = (0..f.options.len()).filter(|&k| !f.options[k].exclusive).collect();
                match f.kind {
                    FieldKind::OneOf if f.id == "entity_type" && rng.chance(70) => cell.push_str("enterprise"),
                    FieldKind::OneOf => cell.push_str(&f.options[rng.below(f.options.len())].id),
                    FieldKind::AnyOf => {
                        for k in 0..1 + rng.below(3) {
                            if k > 0 {
                                cell.push(';');
                            }
                            cell.push_str(&f.options[plain[rng.below(plain.len())]].id);
                        }
                    }
                    FieldKind::Year => {
                        let lo = f.min.unwrap_or(1900.0) as i64;
                        cell.push_str(
                            &(lo.max(1980) + rng.below((i64::from(year) - lo.max(1980) + 1) as usize) as i64)
                                .to_string(),
                        )
                    }
                    FieldKind::Integer | FieldKind::Number => cell.push_str(&rng.below(2000).to_string()),
                }
            }
            out.write_all(b",")?;
            out.write_all(cell.as_bytes())?;
        }
        writeln!(out)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::from_toml;

    /// The shared fixture plus a measure with a size test and a loose industry test.
    const SIZED: &str = r#"
[document]
id = "sized"
title = { zh = "测试", en = "Test" }
issuer = { zh = "机关", en = "Issuer" }
url = "https://example.org/sized"

[[measure]]
id = "small-ai"
title = { zh = "小微人工智能", en = "Small AI" }
summary = { zh = "摘要", en = "Summary" }
support = ["grant"]
[[measure.criteria]]
field = "enterprise_size"
in = ["micro", "small"]
clause = "小微企业"
reason = { zh = "小微", en = "Small or micro" }
[[measure.criteria]]
field = "industries"
in = ["artificial_intelligence"]
clause = "人工智能等领域"
reason = { zh = "人工智能", en = "AI" }
loose = { zh = "举例", en = "Examples" }
"#;

    fn catalog() -> Catalog {
        from_toml(
            include_str!("../data/questions.toml"),
            &[("t.toml", include_str!("../tests/fixtures/one-measure.toml")), ("u.toml", SIZED)],
        )
        .unwrap()
    }

    fn day() -> Date {
        Date::parse("2026-11-21").unwrap()
    }

    fn run_text(c: &Catalog, input: &str, out: Option<Format>, shape: Shape) -> (String, Summary, Vec<BadRow>) {
        let mut bad = Vec::new();
        let mut output = Vec::new();
        let summary = run(c, input.as_bytes(), None, &mut output, out, shape, day(), &mut |e| {
            if let Event::BadRow(b) = e {
                bad.push(b.clone())
            }
        })
        .unwrap();
        (String::from_utf8(output).unwrap(), summary, bad)
    }

    #[test]
    fn the_fast_cell_decoder_agrees_with_profile_decode() {
        let c = catalog();
        let mut rng = crate::synth::Rng::new(7);
        let words = ["", "enterprise", "small", "haidian", "none", "x", "1e3", "45", "2019", "-1", "2.5", "abc"];
        for _ in 0..20_000 {
            let f = &c.fields[rng.below(c.fields.len())];
            let mut cell = String::new();
            for k in 0..rng.below(3) {
                if k > 0 {
                    cell.push(';');
                }
                match rng.below(3) {
                    0 if !f.options.is_empty() => cell.push_str(&f.options[rng.below(f.options.len())].id),
                    _ => cell.push_str(words[rng.below(words.len())]),
                }
            }
            let slow = {
                let mut raw = RawProfile::new();
                if let Some(a) = cell_answer(f.kind, &cell) {
                    raw.insert(f.id.clone(), a);
                }
                profile::decode(&c, &raw, 2026).map(|p| p.get(c.field_index(&f.id).unwrap()))
            };
            if let Some(fast) = fast_cell(f, &cell, 2026) {
                assert_eq!(Ok(fast), slow, "field {} cell {cell:?}", f.id);
            }
        }
    }

    #[test]
    fn csv_in_long_csv_out_lists_open_measures_with_missing_fields() {
        let c = catalog();
        let input = "id,entity_type,enterprise_size,industries\n\
                     a,enterprise,small,artificial_intelligence;next_gen_it\n\
                     # a comment\n\
                     b,enterprise,,\n\
                     c,bank,,\n\
                     d,enterprise,micro,quantum\n";
        let (out, summary, bad) = run_text(&c, input, None, Shape::Long);
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(summary, Summary { rows: 4, matched: 4, bad: 0 });
        assert_eq!(
            out,
            "id,measure,verdict,group,missing,doubts\n\
             a,fx-ok,eligible,eligible,,\n\
             a,small-ai,eligible,eligible,,\n\
             b,fx-ok,eligible,eligible,,\n\
             b,small-ai,possible,possible,enterprise_size;industries,\n\
             d,fx-ok,eligible,eligible,,\n\
             d,small-ai,possible,possible,,industries\n",
            "a bank (c) has no open measure here; d's industry is not in the loose list: to confirm"
        );
        let (out, _, _) = run_text(&c, input, Some(Format::JsonLines), Shape::Long);
        let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
        assert_eq!(
            last,
            serde_json::json!({"id": "d", "measure": "small-ai", "verdict": "possible", "group": "possible", "missing": [], "doubts": ["industries"]})
        );
    }

    #[test]
    fn a_bad_row_is_reported_with_its_line_and_skipped() {
        let c = catalog();
        let input = "id,entity_type,industries\na,enterprise,\nb,startup,\nc,enterprise,ai;quantum\nd,enterprise\ne,university,\n";
        let (out, summary, bad) = run_text(&c, input, None, Shape::Wide);
        assert_eq!(summary, Summary { rows: 5, matched: 2, bad: 3 });
        assert_eq!(bad[0].line, 3);
        assert!(bad[0].message.contains("field \"entity_type\"") && bad[0].message.contains("\"startup\""), "{bad:?}");
        assert!(bad[0].message.contains("enterprise, university"), "what is allowed: {bad:?}");
        assert_eq!(bad[1].line, 4);
        assert!(bad[1].message.contains("\"ai\""), "{bad:?}");
        assert_eq!(bad[2].line, 5);
        assert!(bad[2].message.contains("2 cells, but the header has 3"), "{bad:?}");
        let ids: Vec<&str> = out.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
        assert_eq!(ids, ["a", "e"]);
    }

    #[test]
    fn an_id_a_spreadsheet_would_run_reaches_the_output_as_text() {
        let c = catalog();
        let leads = ["=", "+", "-", "@", "\t", "\r"];
        let mut input = String::from("id,entity_type\n");
        for lead in leads {
            input.push_str(&format!("\"{lead}HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",enterprise\n"));
        }
        for shape in [Shape::Long, Shape::Wide] {
            let (out, summary, bad) = run_text(&c, &input, Some(Format::Csv), shape);
            assert!(bad.is_empty(), "{bad:?}");
            assert_eq!(summary.matched, leads.len() as u64);
            let mut read = ::csv::ReaderBuilder::new().from_reader(out.as_bytes());
            let ids: std::collections::BTreeSet<String> = read.records().map(|r| r.unwrap()[0].to_string()).collect();
            // A tab or CR lead is trimmed with the id's other surrounding space when it is read.
            let want: std::collections::BTreeSet<String> = leads
                .iter()
                .map(|l| match l.trim() {
                    "" => "HYPERLINK(\"http://x\",\"y\")".to_string(),
                    l => format!("'{l}HYPERLINK(\"http://x\",\"y\")"),
                })
                .collect();
            assert_eq!(ids, want, "{shape:?}: every id starts with ' and is otherwise kept");
        }
    }

    #[test]
    fn a_row_over_the_limit_stops_the_run_with_its_line() {
        let c = catalog();
        let long = "x".repeat(MAX_ROW_BYTES + 10);
        for input in [
            format!("id,entity_type\na,enterprise\n{long},enterprise\n"),
            format!("{{\"id\":\"a\"}}\n{{\"id\":\"{long}\"}}\n"),
        ] {
            let mut sink = Vec::new();
            let r = run(&c, input.as_bytes(), None, &mut sink, None, Shape::Wide, day(), &mut |_| {});
            let Err(BatchError::Input(m)) = r else { panic!("must fail: {r:?}") };
            assert!(m.contains("line 3") || m.contains("line 2"), "{m}");
            assert!(m.contains("longer than 65536 bytes"), "{m}");
        }
        let fits = format!("id,entity_type\n{},enterprise\n", "x".repeat(MAX_ROW_BYTES - 20));
        let (_, summary, bad) = run_text(&c, &fits, None, Shape::Wide);
        assert_eq!((summary.matched, bad.len()), (1, 0), "a row under the limit is read");
    }

    #[test]
    fn jsonl_in_and_out_with_ids_passed_through() {
        let c = catalog();
        let input = "{\"id\":\"x\\\"1\",\"entity_type\":\"enterprise\"}\n\n{\"id\":7,\"entity_type\":\"bank\"}\n{\"entity_type\":\"individual\"}\nnot json\n";
        let (out, summary, bad) = run_text(&c, input, None, Shape::Wide);
        assert_eq!(summary.matched, 3);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].line, 5);
        let rows: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(rows[0]["id"], "x\"1");
        assert_eq!(rows[1]["id"], "7");
        assert_eq!(rows[2]["id"], "4", "no id: the line number");
        assert_eq!(rows[1]["groups"].as_object().unwrap().len(), c.measures.len());
    }

    #[test]
    fn unknown_columns_are_refused_up_front() {
        let c = catalog();
        let mut sink = Vec::new();
        let r = run(&c, "id,sector\n".as_bytes(), None, &mut sink, None, Shape::Long, day(), &mut |_| {});
        let Err(BatchError::Input(m)) = r else { panic!("must fail") };
        assert!(m.contains("unknown column \"sector\"") && m.contains("entity_type"), "{m}");
    }

    #[test]
    fn the_template_reads_back_once_its_example_is_uncommented() {
        let c = catalog();
        let t = csv_template(&c);
        let (out, summary, _) = run_text(&c, &t, None, Shape::Wide);
        assert_eq!((summary.rows, out.lines().count()), (0, 1), "the example is a comment");
        let uncommented = t.replace("# ", "");
        let (_, summary, bad) = run_text(&c, &uncommented, None, Shape::Wide);
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(summary.matched, 1);
    }
}
