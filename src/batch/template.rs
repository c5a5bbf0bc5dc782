//! Files to start from: the CSV template of `policy-matcher template --format csv` (the header and
//! the contract's example profile, commented out) and deterministic synthetic profiles as CSV, for
//! benchmarks and tests.

use std::io::{self, Write};

use super::ID_COLUMN;
use crate::catalog::{Catalog, FieldKind};
use crate::report::csv as sheet;

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
