//! Validating the links between measures (`related`: same scheme, prerequisite, successor):
//! known relations, known measures, no link to itself or twice.

use std::collections::HashMap;

use super::super::error::{t, Code};
use super::*;

impl Validator {
    /// Resolves every measure's `related` links, adds each link's reverse to the other measure, and
    /// groups `same_scheme` measures into programmes.
    pub(super) fn related(&mut self, raw: &RawCatalog, measures: &mut [Measure]) {
        let index: HashMap<String, usize> = measures.iter().enumerate().map(|(i, m)| (m.id.clone(), i)).collect();
        let mut links: Vec<(usize, Related)> = Vec::new();
        for f in &raw.documents {
            self.file = f.file.clone();
            for m in &f.measure {
                let Some(&me) = index.get(&m.id) else { continue };
                self.measure = Some(m.id.clone());
                for (j, r) in m.related.iter().enumerate() {
                    let path = format!("related[{j}]");
                    let relation = Relation::parse(&r.relation);
                    if relation.is_none() {
                        self.problem(Code::UnknownRelation,
                            format!("{path}.relation"),
                            t(format!("未知的关系“{}”", r.relation), format!("unknown relation \"{}\"", r.relation)),
                            t(
                                "允许的值：same_scheme、prerequisite（另一项须在先）、successor（另一项在后或取代这一项）",
                                "allowed: same_scheme, prerequisite (the other must come first), successor (the other follows or replaces this one)",
                            ),
                        );
                    }
                    let other = index.get(&r.measure).copied();
                    match other {
                        None => self.problem(
                            Code::UnknownMeasure,
                            format!("{path}.measure"),
                            t(
                                format!("目录中没有措施“{}”", r.measure),
                                format!("no measure \"{}\" in the catalog", r.measure),
                            ),
                            t(
                                "写明本目录中一项措施的 id（`policy-matcher stats` 会列出所有 id）",
                                "name the id of a measure of this catalog (ids are listed by `policy-matcher stats`)",
                            ),
                        ),
                        Some(o) if o == me => self.problem(
                            Code::SelfRelation,
                            format!("{path}.measure"),
                            t("措施不能与自身关联", "a measure cannot be related to itself"),
                            t("写明另一项措施，或删除该关联", "name another measure, or remove the link"),
                        ),
                        Some(_) => {}
                    }
                    if let (Some(relation), Some(o)) = (relation, other.filter(|&o| o != me)) {
                        if links.iter().any(|&(a, l)| a == me && l.measure == o) {
                            self.problem(
                                Code::DuplicateEntry,
                                format!("{path}.measure"),
                                t(format!("“{}”关联了两次", r.measure), format!("\"{}\" is linked twice", r.measure)),
                                t("两项措施只关联一次，只用一种关系", "link two measures once, with one relation"),
                            );
                        }
                        links.push((me, Related { measure: o, relation }));
                    }
                }
            }
        }
        for (a, l) in links {
            let reverse = Related { measure: a, relation: l.relation.reverse() };
            if !measures[a].related.iter().any(|x| x.measure == l.measure) {
                measures[a].related.push(l);
            }
            if !measures[l.measure].related.iter().any(|x| x.measure == a) {
                measures[l.measure].related.push(reverse);
            }
        }
        // Programmes: the connected components of same_scheme (each then named by its lead).
        let mut scheme: Vec<usize> = (0..measures.len()).collect();
        fn root(s: &mut [usize], mut i: usize) -> usize {
            while s[i] != i {
                s[i] = s[s[i]];
                i = s[i];
            }
            i
        }
        for (i, m) in measures.iter().enumerate() {
            for l in m.related.iter().filter(|l| l.relation == Relation::SameScheme) {
                let (a, b) = (root(&mut scheme, i), root(&mut scheme, l.measure));
                scheme[a.max(b)] = a.min(b);
            }
        }
        for (i, m) in measures.iter_mut().enumerate() {
            m.scheme = root(&mut scheme, i);
        }
    }
}
