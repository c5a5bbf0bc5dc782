//! "What would open more": for the current answers, every single change a person can make — one
//! option added to an `any_of` answer (a certification obtained, an activity started) or one
//! `one_of` answer changed (a listing tier, a move) — on fields the catalog marks `unlock` — and the
//! measures it would move from "not eligible" to "eligible" or "to confirm" (per programme: only
//! a same-scheme group's lead, whose verdict its card shows, is counted). Facts one does not
//! choose (who one is, the industry, the founding year) are never tried. Pure: it re-runs the
//! engine on each changed profile.

use super::{evaluate, Evaluation, Verdict};
use crate::catalog::{Catalog, FieldIdx, FieldKind};
use crate::profile::{Profile, Value};

/// One change and what it would open.
#[derive(Clone, Debug, PartialEq)]
pub struct Unlock {
    pub field: FieldIdx,
    /// The option added (any_of) or chosen (one_of).
    pub option: usize,
    /// The measures it moves out of "not eligible", with their new verdict, in ranking order.
    pub opens: Vec<(usize, Verdict)>,
}

impl Unlock {
    /// How many it would make eligible.
    pub fn eligible(&self) -> usize {
        self.opens.iter().filter(|(_, v)| *v == Verdict::Eligible).count()
    }
}

/// Every single change that opens at least one measure, best first: most newly eligible, then most
/// opened, then catalog order of the question and option.
pub fn unlocks(catalog: &Catalog, profile: &Profile, current: &Evaluation) -> Vec<Unlock> {
    let mut before = vec![Verdict::Inactive; catalog.measures.len()];
    for r in &current.results {
        before[r.measure] = r.verdict;
    }
    if !before.contains(&Verdict::Ineligible) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (f, field) in catalog.fields.iter().enumerate() {
        if field.unlock.is_none() || current.slots.asked[f] == super::Truth::Unmet {
            continue;
        }
        for (k, o) in field.options.iter().enumerate() {
            let changed = match (field.kind, profile.get(f)) {
                // "None of these" opens nothing; an option no longer offered is never suggested.
                _ if o.exclusive || !o.ask => continue,
                (FieldKind::AnyOf, Some(Value::Set(bits))) if bits & (1 << k) != 0 => continue,
                (FieldKind::AnyOf, Some(Value::Set(bits))) => Value::Set(bits | (1 << k)),
                (FieldKind::AnyOf, _) => Value::Set(1 << k),
                (FieldKind::OneOf, Some(Value::Choice(c))) if c == k => continue,
                (FieldKind::OneOf, _) => Value::Choice(k),
                _ => continue,
            };
            let mut p = profile.clone();
            p.set(f, Some(changed));
            let after = evaluate(catalog, &p, current.as_of);
            let opens: Vec<(usize, Verdict)> = after
                .results
                .iter()
                .filter(|r| before[r.measure] == Verdict::Ineligible)
                .filter(|r| matches!(r.verdict, Verdict::Eligible | Verdict::Possible))
                // Counted per programme, as the cards are: a same-scheme member other than the
                // lead moves no card.
                .filter(|r| catalog.measures[r.measure].scheme == r.measure)
                .map(|r| (r.measure, r.verdict))
                .collect();
            if !opens.is_empty() {
                out.push(Unlock { field: f, option: k, opens });
            }
        }
    }
    out.sort_by_key(|u| (std::cmp::Reverse(u.eligible()), std::cmp::Reverse(u.opens.len())));
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::profile::{decode, RawProfile};

    #[test]
    fn the_bundled_catalog_names_what_a_certification_or_activity_would_open() {
        let c = crate::catalog::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))).unwrap();
        let raw: RawProfile = serde_json::from_str(
            r#"{"entity_type":"enterprise","enterprise_size":"small","industries":["artificial_intelligence"],"location":"haidian","qualifications":["none"],"listing_status":"unlisted","activities":["none"]}"#,
        )
        .unwrap();
        let p = decode(&c, &raw, 2026).unwrap();
        let e = evaluate(&c, &p, Date::parse("2026-11-22").unwrap());
        let u = unlocks(&c, &p, &e);
        assert!(!u.is_empty());
        let field = |id: &str| c.field_index(id).unwrap();
        // Never the facts one does not choose.
        for x in &u {
            assert!(c.fields[x.field].unlock.is_some(), "{}", c.fields[x.field].id);
            for &(m, v) in &x.opens {
                let before = e.results.iter().find(|r| r.measure == m).unwrap().verdict;
                assert_eq!(before, Verdict::Ineligible);
                assert!(matches!(v, Verdict::Eligible | Verdict::Possible));
            }
        }
        assert!(u.iter().all(|x| x.field != field("entity_type") && x.field != field("industries")));
        // First-time high-tech status opens the 2024 high-tech growth measure.
        let q = field("qualifications");
        let k = c.fields[q].option_index("first_time_high_tech").unwrap();
        let hit = u.iter().find(|x| x.field == q && x.option == k).expect("first-time high-tech opens something");
        assert!(hit.opens.iter().any(|&(m, _)| c.measures[m].id == "zgc2024-02-high-tech-growth"));
        // An option no longer offered (space_development, kept for old profiles) is never suggested.
        assert!(u.iter().all(|x| c.fields[x.field].options[x.option].ask));
        let a = field("activities");
        assert!(!c.fields[a].options[c.fields[a].option_index("space_development").unwrap()].ask);
        // Per programme: a same-scheme member that does not lead its card is never named.
        assert!(u.iter().flat_map(|x| &x.opens).all(|&(m, _)| c.measures[m].scheme == m));
        // Ranked: newly eligible first.
        assert!(u.windows(2).all(|w| w[0].eligible() >= w[1].eligible()));
    }
}
