//! The validated catalog as bytes: what the native binary embeds (`bundled`) and what the widget
//! downloads (`catalog-<lang>`, `details-<lang>`, written by the prerender step). A small codec
//! written for the model instead of serde's derived decoders, which were about 22 kB of the
//! widget's wasm. Decoding never panics: damaged or hostile bytes are an error.
//!
//! Layout: a little-endian `u32` with the length of the first section; the first section holds
//! every number, tag and length (LEB128); the second every string's bytes, in order, so that
//! brotli sees the texts together. Fields are written in the order the `bin!` lines below list
//! them; a change to the model changes both directions at once.

use super::model::*;
use super::plan::Compiled;
use crate::date::Date;

/// Why bytes do not decode.
pub type Error = &'static str;

#[cfg(not(target_arch = "wasm32"))]
#[derive(Default)]
pub struct Writer {
    structure: Vec<u8>,
    runs: Vec<u8>,
}

#[cfg(not(target_arch = "wasm32"))]
impl Writer {
    fn u(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.structure.push(b);
                return;
            }
            self.structure.push(b | 0x80);
        }
    }
    /// The two sections behind their header.
    fn finish(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + self.structure.len() + self.runs.len());
        out.extend_from_slice(&(self.structure.len() as u32).to_le_bytes());
        out.extend(self.structure);
        out.extend(self.runs);
        out
    }
}

pub struct Reader<'a> {
    structure: &'a [u8],
    runs: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Result<Reader<'a>, Error> {
        let (len, rest) = bytes.split_first_chunk::<4>().ok_or("no header")?;
        let len = u32::from_le_bytes(*len) as usize;
        if len > rest.len() {
            return Err("the sections are cut short");
        }
        let (structure, runs) = rest.split_at(len);
        Ok(Reader { structure, runs })
    }
    fn u(&mut self) -> Result<u64, Error> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self.structure.split_first().ok_or("cut short")?;
            self.structure = rest;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("a number is too long")
    }
    fn index(&mut self) -> Result<usize, Error> {
        usize::try_from(self.u()?).map_err(|_| "a number is too large")
    }
    fn done(&self) -> Result<(), Error> {
        if self.structure.is_empty() && self.runs.is_empty() {
            Ok(())
        } else {
            Err("bytes are left over")
        }
    }
}

/// A value of the model, as bytes.
pub trait Bin: Sized {
    #[cfg(not(target_arch = "wasm32"))]
    fn put(&self, w: &mut Writer);
    fn get(r: &mut Reader) -> Result<Self, Error>;
}

impl Bin for u64 {
    #[cfg(not(target_arch = "wasm32"))]
    fn put(&self, w: &mut Writer) {
        w.u(*self)
    }
    fn get(r: &mut Reader) -> Result<Self, Error> {
        r.u()
    }
}

impl Bin for usize {
    #[cfg(not(target_arch = "wasm32"))]
    fn put(&self, w: &mut Writer) {
        w.u(*self as u64)
    }
    fn get(r: &mut Reader) -> Result<Self, Error> {
        r.index()
    }
}

impl Bin for bool {
    #[cfg(not(target_arch = "wasm32"))]
    fn put(&self, w: &mut Writer) {
        w.u(u64::from(*self))
    }
    fn get(r: &mut Reader) -> Result<Self, Error> {
        match r.u()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err("not a yes or no"),
        }
    }
}

impl Bin for f64 {
    #[cfg(not(target_arch = "wasm32"))]
    fn put(&self, w: &mut Writer) {
        w.u(self.to_bits())
    }
    fn get(r: &mut Reader) -> Result<Self, Error> {
        Ok(f64::from_bits(r.u()?))
    }
}

impl Bin for String {
    #[cfg(not(target_arch = "wasm32"))]
    fn put(&self, w: &mut Writer) {
        w.u(self.len() as u64);
        w.runs.extend_from_slice(self.as_bytes());
    }
    fn get(r: &mut Reader) -> Result<Self, Error> {
        let n = r.index()?;
        if n > r.runs.len() {
            return Err("a text is cut short");
        }
        let (taken, rest) = r.runs.split_at(n);
        r.runs = rest;
        String::from_utf8(taken.to_vec()).map_err(|_| "a text is not UTF-8")
    }
}

impl<T: Bin> Bin for Option<T> {
    #[cfg(not(target_arch = "wasm32"))]
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.u(0),
            Some(v) => {
                w.u(1);
                v.put(w)
            }
        }
    }
    fn get(r: &mut Reader) -> Result<Self, Error> {
        match bool::get(r)? {
            false => Ok(None),
            true => T::get(r).map(Some),
        }
    }
}

impl<T: Bin> Bin for Vec<T> {
    #[cfg(not(target_arch = "wasm32"))]
    fn put(&self, w: &mut Writer) {
        w.u(self.len() as u64);
        self.iter().for_each(|v| v.put(w));
    }
    fn get(r: &mut Reader) -> Result<Self, Error> {
        let n = r.index()?;
        // Every value takes at least one byte of the first section: a hostile length cannot
        // make it allocate more than the bytes could hold.
        if n > r.structure.len() {
            return Err("a list is longer than the bytes");
        }
        (0..n).map(|_| T::get(r)).collect()
    }
}

impl<A: Bin, B: Bin> Bin for (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
    }
    fn get(r: &mut Reader) -> Result<Self, Error> {
        Ok((A::get(r)?, B::get(r)?))
    }
}

impl Bin for [bool; 2] {
    #[cfg(not(target_arch = "wasm32"))]
    fn put(&self, w: &mut Writer) {
        self.iter().for_each(|b| b.put(w));
    }
    fn get(r: &mut Reader) -> Result<Self, Error> {
        Ok([bool::get(r)?, bool::get(r)?])
    }
}

impl Bin for Date {
    #[cfg(not(target_arch = "wasm32"))]
    fn put(&self, w: &mut Writer) {
        let d = self.to_days();
        w.u(((d << 1) ^ (d >> 63)) as u64)
    }
    fn get(r: &mut Reader) -> Result<Self, Error> {
        let z = r.u()?;
        let d = (z >> 1) as i64 ^ -((z & 1) as i64);
        // Years 0 to 9999 only: a hostile day count must not make a nonsense date.
        if !(-719_528..=2_932_896).contains(&d) {
            return Err("a date out of range");
        }
        Ok(Date::from_days(d))
    }
}

/// Structs: their fields in this order.
macro_rules! bin {
    ($t:ident { $($f:ident),* $(,)? }) => {
        impl Bin for $t {
            #[cfg(not(target_arch = "wasm32"))]
            fn put(&self, w: &mut Writer) {
                $(self.$f.put(w);)*
            }
            fn get(r: &mut Reader) -> Result<Self, Error> {
                Ok($t { $($f: Bin::get(r)?,)* })
            }
        }
    };
}

/// Enums without data: their variants in this order.
macro_rules! bin_tags {
    ($t:ident [$($v:ident),* $(,)?]) => {
        impl Bin for $t {
            #[cfg(not(target_arch = "wasm32"))]
            fn put(&self, w: &mut Writer) {
                let all = [$($t::$v),*];
                w.u(all.iter().position(|v| v == self).unwrap_or(0) as u64)
            }
            fn get(r: &mut Reader) -> Result<Self, Error> {
                [$($t::$v),*].get(r.index()?).copied().ok_or("an unknown kind")
            }
        }
    };
}

bin_tags!(Lang [Zh, En]);
bin_tags!(FieldKind [OneOf, AnyOf, Integer, Number, Year]);
bin_tags!(DocumentKind [Policy, Plan, Report]);
bin_tags!(Relation [SameScheme, Prerequisite, Successor, LeadsTo, Predecessor]);
bin!(Text { zh, en });
bin!(Held { face, details });
bin!(Details { version, lang, texts });
bin!(FieldOption { id, label, help, exclusive, group, ask });
bin!(Field { id, kind, label, help, options, ask_when, min, max, ask, groups, unlock });
bin!(Test { field, op });
bin!(Node { kind, clause, reason, path, loose });
bin!(Criteria { nodes, root });
bin!(Document {
    id,
    kind,
    file,
    title,
    number,
    issuer,
    date,
    publication,
    url,
    effective_from,
    effective_until,
    notes
});
bin!(LeftTo { rules, clause });
bin!(Apply { how, where_, contact, url });
bin!(Related { measure, relation });
bin!(Repeal { document, date });
bin!(Measure {
    id,
    document,
    title,
    summary,
    support,
    amount,
    issuer,
    url,
    effective_from,
    effective_until,
    repealed_by,
    notes,
    left_to,
    unassessed,
    conditions_stated,
    related,
    apply,
    scheme,
    criteria,
});

impl Bin for Support {
    #[cfg(not(target_arch = "wasm32"))]
    fn put(&self, w: &mut Writer) {
        self.0.put(w)
    }
    fn get(r: &mut Reader) -> Result<Self, Error> {
        Ok(Support(r.index()?))
    }
}

impl Bin for Op {
    #[cfg(not(target_arch = "wasm32"))]
    fn put(&self, w: &mut Writer) {
        match self {
            Op::In(m) => (0u64, *m).put(w),
            Op::NotIn(m) => (1u64, *m).put(w),
            Op::Range { min, max } => (2u64, (*min, *max)).put(w),
        }
    }
    fn get(r: &mut Reader) -> Result<Self, Error> {
        Ok(match r.u()? {
            0 => Op::In(r.u()?),
            1 => Op::NotIn(r.u()?),
            2 => Op::Range { min: Bin::get(r)?, max: Bin::get(r)? },
            _ => return Err("an unknown test"),
        })
    }
}

impl Bin for NodeKind {
    #[cfg(not(target_arch = "wasm32"))]
    fn put(&self, w: &mut Writer) {
        match self {
            NodeKind::Test(t) => {
                w.u(0);
                t.put(w)
            }
            NodeKind::All(k) => {
                w.u(1);
                k.put(w)
            }
            NodeKind::Any(k) => {
                w.u(2);
                k.put(w)
            }
            NodeKind::Not(k) => {
                w.u(3);
                k.put(w)
            }
        }
    }
    fn get(r: &mut Reader) -> Result<Self, Error> {
        Ok(match r.u()? {
            0 => NodeKind::Test(Bin::get(r)?),
            1 => NodeKind::All(Bin::get(r)?),
            2 => NodeKind::Any(Bin::get(r)?),
            3 => NodeKind::Not(Bin::get(r)?),
            _ => return Err("an unknown criterion"),
        })
    }
}

impl Bin for Catalog {
    #[cfg(not(target_arch = "wasm32"))]
    fn put(&self, w: &mut Writer) {
        self.version.put(w);
        self.fields.put(w);
        self.documents.put(w);
        self.measures.put(w);
        self.held.put(w);
    }
    fn get(r: &mut Reader) -> Result<Self, Error> {
        let (version, fields, documents, measures, held) =
            (Bin::get(r)?, Bin::get(r)?, Bin::get(r)?, Vec::<Measure>::get(r)?, Bin::get(r)?);
        let c = Catalog { version, fields, documents, compiled: Compiled::default(), measures, held };
        if !indices_hold(&c) {
            return Err("an index points outside the catalog");
        }
        Ok(Catalog { compiled: Compiled::new(&c.measures), ..c })
    }
}

/// Every index points at something, and a criterion's children come after it (no cycle): what
/// the engine relies on, so that damaged bytes are an error here rather than a panic later.
fn indices_hold(c: &Catalog) -> bool {
    let (fields, docs, measures) = (c.fields.len(), c.documents.len(), c.measures.len());
    let test_ok = |t: &Test| t.field < fields;
    c.fields.iter().all(|f| {
        f.ask_when.as_ref().is_none_or(test_ok)
            && f.options.len() <= MAX_OPTIONS
            && f.options.iter().all(|o| o.group.is_none_or(|g| g < f.groups.len()))
    }) && c.measures.iter().all(|m| {
        let n = m.criteria.nodes.len();
        m.document < docs
            && m.scheme < measures
            && m.related.iter().all(|r| r.measure < measures)
            && m.repealed_by.as_ref().is_none_or(|r| r.document < docs)
            && m.support.iter().all(|s| s.0 < SUPPORT_TYPES.len())
            && m.criteria.root < n
            && m.criteria.nodes.iter().enumerate().all(|(i, node)| match &node.kind {
                NodeKind::Test(t) => test_ok(t),
                NodeKind::All(k) | NodeKind::Any(k) => k.iter().all(|&j| i < j && j < n),
                NodeKind::Not(j) => i < *j && *j < n,
            })
    })
}

/// `value` as bytes.
#[cfg(not(target_arch = "wasm32"))]
pub fn encode<T: Bin>(value: &T) -> Vec<u8> {
    let mut w = Writer::default();
    value.put(&mut w);
    w.finish()
}

/// Bytes back into a value; all of them must be used.
pub fn decode<T: Bin>(bytes: &[u8]) -> Result<T, Error> {
    let mut r = Reader::new(bytes)?;
    let v = T::get(&mut r)?;
    r.done()?;
    Ok(v)
}
