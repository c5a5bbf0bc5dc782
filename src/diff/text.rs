//! The diff in words, for people (`policy-matcher diff`, the default `--format text`): the two
//! catalogs, the question and measure changes, each sample applicant's moves and why, and the
//! summary line that also ends the exit-3 message.

use super::CatalogDiff;
use crate::engine::Group;

/// The comparison in words, for people.
pub fn render_text(d: &CatalogDiff) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "OLD {} (version {}, {} measures)\nNEW {} (version {}, {} measures)\nresults as of {}",
        d.old.path, d.old.version, d.old.measures, d.new.path, d.new.version, d.new.measures, d.as_of
    );
    if !d.questions.is_empty() {
        let _ = writeln!(s, "\nquestions ({} changes)", d.questions.len());
        for c in &d.questions {
            let _ = writeln!(s, "  {} {c}", c.what);
        }
    }
    let _ = writeln!(s, "\nmeasures added ({})", d.added.len());
    for m in &d.added {
        let _ = writeln!(s, "  + {}  {}", m.id, m.title);
    }
    let _ = writeln!(s, "\nmeasures removed ({})", d.removed.len());
    for m in &d.removed {
        let _ = writeln!(s, "  - {}  {}", m.id, m.title);
    }
    let _ = writeln!(s, "\nmeasures changed ({})", d.changed.len());
    for m in &d.changed {
        let _ = writeln!(s, "  ~ {}  {}", m.id, m.title);
        for c in &m.changes {
            let _ = writeln!(s, "      {c}");
        }
    }
    let _ = writeln!(s, "\nsample applicants ({})", d.applicants.len());
    let group = |g: Option<Group>| g.map_or("absent", Group::id);
    for a in &d.applicants {
        let count = |k: &str| a.moves.iter().filter(|m| m.kind == k).count();
        if a.moves.is_empty() {
            let _ = writeln!(s, "  {}: no result moves", a.profile);
        } else {
            let _ = writeln!(
                s,
                "  {}: gains {}, loses {}, changes {}",
                a.profile,
                count("gains"),
                count("loses"),
                count("changes")
            );
        }
        for n in &a.notes {
            let _ = writeln!(s, "      note: {n}");
        }
        for m in &a.moves {
            let _ = writeln!(s, "    {} {}  {}: {} → {}", m.kind, m.measure, m.title, group(m.old), group(m.new));
            for w in &m.why {
                let _ = writeln!(s, "        {w}");
            }
        }
    }
    let _ = writeln!(s, "\n{}", summary_line(d));
    s
}

/// The last line of the text: counts of everything.
pub fn summary_line(d: &CatalogDiff) -> String {
    let moved = d.applicants.iter().filter(|a| !a.moves.is_empty()).count();
    let count = |k: &str| d.applicants.iter().flat_map(|a| &a.moves).filter(|m| m.kind == k).count();
    format!(
        "summary: {} measures added, {} removed, {} changed, {} question changes; {} of {} sample applicants move ({} gains, {} losses, {} other changes)",
        d.added.len(),
        d.removed.len(),
        d.changed.len(),
        d.questions.len(),
        moved,
        d.applicants.len(),
        count("gains"),
        count("loses"),
        count("changes")
    )
}
