//! The diff in words, for people (`policy-matcher diff`, the default `--format text`), in zh or en:
//! the two catalogs, the question and measure changes, each sample applicant's moves and why, and
//! the summary line that also ends the exit-3 message. The words are `words::maintenance`'s.

use super::CatalogDiff;
use crate::catalog::Lang;
use crate::engine::Group;
use crate::words::maintenance as w;

/// The comparison in words, for people.
pub fn render_text(d: &CatalogDiff, lang: Lang) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let (a, b) = (&d.old, &d.new);
    let header = w::diff_header((&a.path, &a.version, a.measures), (&b.path, &b.version, b.measures), &d.as_of, lang);
    let _ = writeln!(s, "{header}");
    if !d.questions.is_empty() {
        let _ = writeln!(s, "\n{}", w::diff_section("questions", d.questions.len(), lang));
        for c in &d.questions {
            let _ = writeln!(s, "  {} {}", c.what, c.text(lang));
        }
    }
    let _ = writeln!(s, "\n{}", w::diff_section("added", d.added.len(), lang));
    for m in &d.added {
        let _ = writeln!(s, "  + {}  {}", m.id, m.title);
    }
    let _ = writeln!(s, "\n{}", w::diff_section("removed", d.removed.len(), lang));
    for m in &d.removed {
        let _ = writeln!(s, "  - {}  {}", m.id, m.title);
    }
    let _ = writeln!(s, "\n{}", w::diff_section("changed", d.changed.len(), lang));
    for m in &d.changed {
        let _ = writeln!(s, "  ~ {}  {}", m.id, m.title);
        for c in &m.changes {
            let _ = writeln!(s, "      {}", c.text(lang));
        }
    }
    let _ = writeln!(s, "\n{}", w::diff_section("applicants", d.applicants.len(), lang));
    let group = |g: Option<Group>| match (g, lang) {
        (None, _) => w::ABSENT.get(lang),
        (Some(g), Lang::En) => g.id(),
        (Some(g), Lang::Zh) => crate::words::group_text(g, lang),
    };
    for a in &d.applicants {
        let count = |k: &str| a.moves.iter().filter(|m| m.kind == k).count();
        if a.moves.is_empty() {
            let _ = writeln!(s, "  {}: {}", a.profile, w::NO_MOVES.get(lang));
        } else {
            let moves = w::applicant_moves(count("gains"), count("loses"), count("changes"), lang);
            let _ = writeln!(s, "  {}: {moves}", a.profile);
        }
        for n in &a.notes {
            let _ = writeln!(s, "      {}{n}", w::NOTE.get(lang));
        }
        for m in &a.moves {
            let kind = w::move_kind(m.kind, lang);
            let _ = writeln!(s, "    {kind} {}  {}: {} → {}", m.measure, m.title, group(m.old), group(m.new));
            for why in &m.why {
                let _ = writeln!(s, "        {why}");
            }
        }
    }
    let _ = writeln!(s, "\n{}", summary_line(d, lang));
    s
}

/// The last line of the text: counts of everything.
pub fn summary_line(d: &CatalogDiff, lang: Lang) -> String {
    let moved = d.applicants.iter().filter(|a| !a.moves.is_empty()).count();
    let count = |k: &str| d.applicants.iter().flat_map(|a| &a.moves).filter(|m| m.kind == k).count();
    w::diff_summary(
        d.added.len(),
        d.removed.len(),
        d.changed.len(),
        d.questions.len(),
        (moved, d.applicants.len()),
        (count("gains"), count("loses"), count("changes")),
        lang,
    )
}
