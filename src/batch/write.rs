//! Writing results: the `Writer` renders each profile's outcome, from a `Matcher`, as CSV or JSON
//! Lines in the long or the wide shape, into a buffer of bytes (a worker's chunk of rows), with the
//! ids of the input escaped for the format (CSV cells through the report's formula-safe
//! `csv::cell`).

use super::{verdict_of, Format, Matcher, Shape, ID_COLUMN, OPEN};
use crate::catalog::Catalog;
use crate::engine::{Group, PerGroup};
use crate::report::csv as sheet;

// The open groups are the first of `Group::ALL`, in its order: the long shape lists
// `order[..open]`, and a group's number is its place in `OPEN` (and in `Writer::middles`).
const _: () = assert!(OPEN[0] as usize == 0 && OPEN[1] as usize == 1 && OPEN[2] as usize == 2);

fn json_escaped(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serializes")
}

/// Writes results. Everything that does not depend on the row — measure and field ids escaped for
/// the format, and the middle of a long record (`,measure,verdict,group,`) for each open group — is
/// rendered once, up front; a row's id is escaped once per row.
pub(super) struct Writer<'c> {
    catalog: &'c Catalog,
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

impl<'c> Writer<'c> {
    pub(super) fn new(catalog: &'c Catalog, format: Format, shape: Shape) -> Self {
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
            format,
            shape,
            measures,
            fields: catalog.fields.iter().map(|f| esc(&f.id)).collect(),
            middles,
            id: Vec::new(),
            order: Vec::with_capacity(catalog.measures.len()),
        }
    }

    pub(super) fn header(&self, out: &mut Vec<u8>) {
        if self.format == Format::JsonLines {
            return;
        }
        match self.shape {
            Shape::Long => out.extend_from_slice(b"id,measure,verdict,group,missing,doubts\n"),
            Shape::Wide => {
                out.extend_from_slice(ID_COLUMN.as_bytes());
                for m in &self.measures {
                    out.push(b',');
                    out.extend_from_slice(m.as_bytes());
                }
                out.push(b'\n');
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

    fn list(&self, out: &mut Vec<u8>, fields: &[u32]) {
        let json = self.format == Format::JsonLines;
        if json {
            out.push(b'[');
        }
        for (k, &f) in fields.iter().enumerate() {
            if k > 0 {
                out.push(if json { b',' } else { b';' });
            }
            out.extend_from_slice(self.fields[f as usize].as_bytes());
        }
        if json {
            out.push(b']');
        }
    }

    /// Appends the records of one profile, whose outcome `m` holds, to `out`.
    pub(super) fn write(&mut self, out: &mut Vec<u8>, id: &str, m: &Matcher) {
        let n = self.catalog.measures.len();
        self.set_id(id);
        match (self.shape, self.format) {
            (Shape::Wide, Format::Csv) => {
                out.extend_from_slice(&self.id);
                for i in 0..n {
                    out.push(b',');
                    out.extend_from_slice(m.group(i).id().as_bytes());
                }
                out.push(b'\n');
            }
            (Shape::Wide, Format::JsonLines) => {
                out.extend_from_slice(b"{\"id\":");
                out.extend_from_slice(&self.id);
                out.extend_from_slice(b",\"groups\":{");
                for i in 0..n {
                    if i > 0 {
                        out.push(b',');
                    }
                    out.extend_from_slice(self.measures[i].as_bytes());
                    out.extend_from_slice(b":\"");
                    out.extend_from_slice(m.group(i).id().as_bytes());
                    out.extend_from_slice(b"\"");
                }
                out.extend_from_slice(b"}}\n");
            }
            (Shape::Long, format) => {
                // The open measures by group (`OPEN`'s order), catalog order within a group: a
                // counting sort, in two passes without a branch on the groups.
                let mut order = std::mem::take(&mut self.order);
                let mut at = PerGroup::<usize>::default();
                for i in 0..n {
                    at[m.group(i)] += 1;
                }
                let mut next = 0;
                for g in Group::ALL {
                    (at[g], next) = (next, next + at[g]);
                }
                order.clear();
                order.resize(n, 0);
                for i in 0..n {
                    let g = m.group(i);
                    order[at[g]] = i;
                    at[g] += 1;
                }
                let open = at[OPEN[OPEN.len() - 1]];
                for &i in &order[..open] {
                    let g = m.group(i) as usize;
                    if format == Format::JsonLines {
                        out.extend_from_slice(b"{\"id\":");
                    }
                    out.extend_from_slice(&self.id);
                    out.extend_from_slice(self.middles[i][g].as_bytes());
                    self.list(out, m.missing(i));
                    out.extend_from_slice(if format == Format::Csv { b"," } else { b",\"doubts\":" });
                    self.list(out, m.doubts(i));
                    out.extend_from_slice(if format == Format::Csv { b"\n" } else { b"}\n" });
                }
                self.order = order;
            }
        }
    }
}
