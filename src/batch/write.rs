//! Writing results: the `Writer` renders each profile's outcome, from a `Matcher`, as CSV or JSON
//! Lines in the long or the wide shape, with the ids of the input escaped for the format (CSV
//! cells through the report's formula-safe `csv::cell`).

use std::io::{self, Write};

use super::{verdict_of, Format, Matcher, Shape, ID_COLUMN, OPEN};
use crate::catalog::Catalog;
use crate::report::csv as sheet;

fn json_escaped(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serializes")
}

/// Writes results. Everything that does not depend on the row — measure and field ids escaped for
/// the format, and the middle of a long record (`,measure,verdict,group,`) for each open group — is
/// rendered once, up front; a row's id is escaped once per row.
pub(super) struct Writer<'c, W: Write> {
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
    pub(super) fn new(catalog: &'c Catalog, out: W, format: Format, shape: Shape) -> Self {
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

    pub(super) fn header(&mut self) -> io::Result<()> {
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

    pub(super) fn write(&mut self, id: &str, m: &Matcher) -> io::Result<()> {
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

    pub(super) fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}
