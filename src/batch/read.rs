//! Reading `--profiles` input: the `Source` of rows, for CSV (`CsvSource`: a header of field ids,
//! cells decoded straight into a reused `Profile` by `profile::decode_cell`, and a row with a
//! problem handed to `profile::decode`, which words it) and for JSON Lines (`JsonLinesSource`: one
//! object of answers a line, decoded by `profile::decode`).

use std::io::BufRead;

use super::{row_too_long, BadRow, BatchError, Tripped, ID_COLUMN};
use crate::catalog::Catalog;
use crate::profile::{self, cell_answer, Profile, RawAnswer, RawProfile};

/// What a source read.
pub(super) enum Next {
    End,
    Profile,
    Bad(BadRow),
}

/// A reader of profiles, row after row, into reused buffers.
pub(super) trait Source {
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

enum Column {
    Id,
    Field(usize),
}

/// CSV: a header of `id` and field ids, then one profile a row.
pub(super) struct CsvSource<'c, R: BufRead> {
    catalog: &'c Catalog,
    year: i32,
    reader: csv::Reader<R>,
    columns: Vec<Column>,
    record: csv::ByteRecord,
    tripped: Tripped,
}

impl<'c, R: BufRead> CsvSource<'c, R> {
    pub(super) fn new(catalog: &'c Catalog, input: R, year: i32, tripped: Tripped) -> Result<Self, BatchError> {
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
        Ok(CsvSource { catalog, year, reader, columns, record: csv::ByteRecord::new(), tripped })
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
                    csv::ErrorKind::Io(_) if self.tripped.get().is_some() => {
                        return Err(row_too_long(self.tripped.get().unwrap_or(line)))
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
        if let Some(at) = self.tripped.get() {
            return Err(row_too_long(at));
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
                Column::Field(f) => match profile::decode_cell(&self.catalog.fields[*f], cell, self.year) {
                    Ok(v) => profile.set(*f, v),
                    Err(_) => fast = false,
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

/// JSON Lines: one object of answers a line, with an optional `"id"`.
pub(super) struct JsonLinesSource<'c, R: BufRead> {
    catalog: &'c Catalog,
    year: i32,
    input: R,
    line: u64,
    bytes: u64,
    buf: Vec<u8>,
    tripped: Tripped,
}

impl<'c, R: BufRead> JsonLinesSource<'c, R> {
    pub(super) fn new(catalog: &'c Catalog, input: R, year: i32, tripped: Tripped) -> Self {
        JsonLinesSource { catalog, year, input, line: 0, bytes: 0, buf: Vec::new(), tripped }
    }
}

impl<R: BufRead> Source for JsonLinesSource<'_, R> {
    fn next(&mut self, profile: &mut Profile, id: &mut String) -> Result<Next, BatchError> {
        loop {
            self.buf.clear();
            let n = match self.input.read_until(b'\n', &mut self.buf) {
                Ok(n) => n,
                Err(_) if self.tripped.get().is_some() => return Err(row_too_long(self.line + 1)),
                Err(e) => {
                    return Err(BatchError::Input(format!("line {}: cannot read the profiles: {e}", self.line + 1)))
                }
            };
            if n == 0 {
                return Ok(Next::End);
            }
            self.line += 1;
            self.bytes += n as u64;
            if self.tripped.get().is_some() {
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
