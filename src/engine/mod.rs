//! The engine: pure evaluation of every measure of a catalog against a profile on a date. It knows
//! nothing of files, browsers or words; it returns data (`Evaluation`) that the edges (CLI, widget)
//! turn into text. Verdicts follow Kleene three-valued logic: an unanswered field is unknown.

pub mod evaluate;
pub mod outcome;
pub mod unlock;

pub use evaluate::{
    decide, evaluate_criteria, evaluate_measure, reasons, slots, status, Buffers, Group, MeasureResult, PerGroup, Slot,
    Slots, Status, Verdict,
};
pub use outcome::Truth;
pub use unlock::{unlocks, Unlock};

use crate::catalog::{Catalog, FieldIdx};
use crate::date::Date;
use crate::profile::Profile;

/// The question that would decide the most open measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NextQuestion {
    pub field: FieldIdx,
    /// How many `possible` measures name it among their missing fields.
    pub decides: usize,
}

/// The whole evaluation: results ranked eligible, possible, ineligible, inactive (catalog order
/// within a group), and the next question.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub as_of: Date,
    pub slots: Slots,
    pub results: Vec<MeasureResult>,
    pub next_question: Option<NextQuestion>,
    /// Traces, missing fields and failed tests of all results.
    pub buffers: Buffers,
}

impl Evaluation {
    /// The outcome of every criterion node of a result, aligned with its `Criteria::nodes`.
    pub fn trace(&self, r: &MeasureResult) -> &[Truth] {
        self.buffers.trace(r)
    }
    /// Unanswered fields that could still decide a `possible` result, in criteria order.
    pub fn missing(&self, r: &MeasureResult) -> &[FieldIdx] {
        self.buffers.missing(r)
    }
    /// The tests that make an `ineligible` result fail.
    pub fn failed(&self, r: &MeasureResult) -> &[crate::catalog::NodeIdx] {
        self.buffers.failed(r)
    }
    /// The loose tests an answer does not meet, which leave a `possible` result to confirm.
    pub fn doubts(&self, r: &MeasureResult) -> &[crate::catalog::NodeIdx] {
        self.buffers.doubts(r)
    }

    /// For every field, how many `possible` measures name it among their missing fields (how many
    /// an answer to it would decide).
    pub fn deciding(&self) -> Vec<usize> {
        let mut counts = vec![0usize; self.slots.slots.len()];
        for r in self.results.iter().filter(|r| r.verdict == Verdict::Possible) {
            for &f in self.buffers.missing(r) {
                counts[f] += 1;
            }
        }
        counts
    }

    /// The options of an `any_of` or `one_of` field that a test of some open measure (eligible or
    /// possible) names: the others cannot change a result for the answers so far.
    pub fn relevant_options(&self, catalog: &Catalog, field: FieldIdx) -> u64 {
        let mut mask = 0;
        for r in self.results.iter().filter(|r| matches!(r.verdict, Verdict::Eligible | Verdict::Possible)) {
            let (s0, n) = catalog.compiled.spans[r.measure];
            for step in &catalog.compiled.steps[s0 as usize..(s0 + n) as usize] {
                match *step {
                    crate::catalog::Step::In { field: f, mask: m }
                    | crate::catalog::Step::NotIn { field: f, mask: m }
                        if f as usize == field =>
                    {
                        mask |= m
                    }
                    _ => {}
                }
            }
        }
        mask
    }

    /// How many results are in each group.
    pub fn group_counts(&self) -> PerGroup<usize> {
        let mut c = PerGroup::default();
        for r in &self.results {
            c[r.group()] += 1;
        }
        c
    }

    /// The results a person sees: one per programme (`same_scheme` group), the verdict of its lead
    /// member (`Measure::scheme`: the most authoritative document, never simply the most favourable
    /// verdict), in ranking order. The widget's cards and counts follow this; the card lists every
    /// member's verdict; the JSON result lists every measure.
    pub fn programmes<'a>(&'a self, catalog: &'a Catalog) -> impl Iterator<Item = &'a MeasureResult> + 'a {
        self.results.iter().filter(move |r| catalog.measures[r.measure].scheme == r.measure)
    }

    /// `group_counts`, counting each programme once (what the widget shows).
    pub fn programme_counts(&self, catalog: &Catalog) -> PerGroup<usize> {
        let mut c = PerGroup::default();
        for r in self.programmes(catalog) {
            c[r.group()] += 1;
        }
        c
    }
}

/// Evaluates every measure of `catalog` for `profile` on `as_of`.
pub fn evaluate(catalog: &Catalog, profile: &Profile, as_of: Date) -> Evaluation {
    let slots = slots(catalog, profile);
    let nodes: usize = catalog.measures.iter().map(|m| m.criteria.nodes.len()).sum();
    let mut buffers = Buffers { outcomes: Vec::with_capacity(nodes), ..Default::default() };
    let mut results: Vec<MeasureResult> =
        (0..catalog.measures.len()).map(|i| evaluate_measure(catalog, i, &slots, as_of, &mut buffers)).collect();
    // Stable: catalog order within a group; "worth a look" after the measures questions decide.
    results.sort_by_key(|r| (r.verdict, r.unstated));
    let next_question = next_question(catalog, &slots, &results, &buffers);
    Evaluation { as_of, slots, results, next_question, buffers }
}

/// Among the questions asked now and not answered, the one named by the most `possible` measures.
pub fn next_question(
    catalog: &Catalog,
    slots: &Slots,
    results: &[MeasureResult],
    buffers: &Buffers,
) -> Option<NextQuestion> {
    let mut counts = vec![0usize; catalog.fields.len()];
    for r in results.iter().filter(|r| r.verdict == Verdict::Possible) {
        for &f in buffers.missing(r) {
            counts[f] += 1;
        }
    }
    // (Evaluation::deciding counts the same, once the evaluation exists.)
    let mut best: Option<NextQuestion> = None;
    for (field, &decides) in counts.iter().enumerate() {
        let open = catalog.fields[field].ask && slots.asked[field] == Truth::Met && slots.slots[field] == Slot::Unknown;
        if open && decides > 0 && best.is_none_or(|b| decides > b.decides) {
            best = Some(NextQuestion { field, decides });
        }
    }
    best
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::catalog::from_toml;
    use crate::profile::{decode, RawProfile};

    const QUESTIONS: &str = include_str!("../../data/questions.toml");
    const DOC: &str = r#"
[document]
id = "t"
title = { zh = "测试文件", en = "Test document" }
issuer = { zh = "测试机关", en = "Test issuer" }
url = "https://example.org/t"
effective_from = "2024-10-09"

[[measure]]
id = "small-ai"
title = { zh = "小微人工智能", en = "Small AI" }
summary = { zh = "摘要", en = "Summary" }
support = ["grant"]
[[measure.criteria]]
field = "entity_type"
in = ["enterprise"]
clause = "企业"
reason = { zh = "须为企业", en = "Must be a company" }
[[measure.criteria]]
field = "enterprise_size"
in = ["micro", "small"]
clause = "小微企业"
reason = { zh = "须为小微企业", en = "Must be small or micro" }
[[measure.criteria]]
reason = { zh = "人工智能或高新", en = "AI or high-tech" }
[[measure.criteria.any]]
field = "industries"
in = ["artificial_intelligence"]
clause = "人工智能"
reason = { zh = "人工智能", en = "AI" }
[[measure.criteria.any]]
field = "qualifications"
in = ["national_high_tech"]
clause = "高新技术企业"
reason = { zh = "高新", en = "High-tech" }

[[measure]]
id = "not-large"
title = { zh = "非大型", en = "Not large" }
summary = { zh = "摘要", en = "Summary" }
support = ["service"]
[[measure.criteria]]
reason = { zh = "非大型企业", en = "Not a large company" }
not = { field = "enterprise_size", in = ["large"], clause = "中小", reason = { zh = "大型", en = "Large" } }

[[measure]]
id = "staffed"
title = { zh = "人数", en = "Staffed" }
summary = { zh = "摘要", en = "Summary" }
support = ["award"]
[[measure.criteria]]
field = "employees"
min = 10
max = 500
clause = "十人以上"
reason = { zh = "10至500人", en = "10 to 500 staff" }

[[measure]]
id = "expired"
title = { zh = "过期", en = "Expired" }
summary = { zh = "摘要", en = "Summary" }
support = ["grant"]
effective_until = "2025-01-01"
[[measure.criteria]]
field = "location"
in = ["haidian"]
clause = "海淀"
reason = { zh = "海淀", en = "Haidian" }

[[measure]]
id = "repealed"
title = { zh = "废止", en = "Repealed" }
summary = { zh = "摘要", en = "Summary" }
support = ["grant"]
repealed_by = { document = "t", date = "2025-06-01" }
[[measure.criteria]]
field = "location"
in = ["haidian"]
clause = "海淀"
reason = { zh = "海淀", en = "Haidian" }
"#;

    fn catalog() -> Catalog {
        from_toml(QUESTIONS, &[("t.toml", DOC)]).unwrap_or_else(|e| panic!("{e}"))
    }

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn eval(json: &str, on: &str) -> (Catalog, Evaluation) {
        let c = catalog();
        let raw: RawProfile = serde_json::from_str(json).unwrap();
        let p = decode(&c, &raw, 2026).unwrap_or_else(|e| panic!("{e}"));
        let e = evaluate(&c, &p, day(on));
        (c, e)
    }

    fn verdict(c: &Catalog, e: &Evaluation, id: &str) -> Verdict {
        e.results.iter().find(|r| c.measures[r.measure].id == id).unwrap().verdict
    }

    fn result<'a>(c: &Catalog, e: &'a Evaluation, id: &str) -> &'a MeasureResult {
        e.results.iter().find(|r| c.measures[r.measure].id == id).unwrap()
    }

    #[test]
    fn empty_profile_is_all_possible_with_missing_fields_and_a_next_question() {
        let (c, e) = eval("{}", "2024-12-01");
        for id in ["small-ai", "not-large", "staffed", "expired", "repealed"] {
            assert_eq!(verdict(&c, &e, id), Verdict::Possible, "{id}");
        }
        let r = result(&c, &e, "small-ai");
        let missing: Vec<&str> = e.missing(r).iter().map(|&f| c.fields[f].id.as_str()).collect();
        assert_eq!(missing, ["entity_type", "enterprise_size", "industries", "qualifications"]);
        // location decides two measures (expired, repealed); enterprise_size three but is not
        // asked until entity_type is answered.
        let q = e.next_question.unwrap();
        assert_eq!(c.fields[q.field].id, "location");
        assert_eq!(q.decides, 2);
    }

    #[test]
    fn next_question_prefers_the_field_deciding_most_measures() {
        let (c, e) = eval(r#"{"entity_type":"enterprise"}"#, "2024-12-01");
        let q = e.next_question.unwrap();
        assert_eq!(c.fields[q.field].id, "enterprise_size");
        assert_eq!(q.decides, 2);
    }

    #[test]
    fn a_full_match_is_eligible_and_an_any_group_needs_only_one_member() {
        let (c, e) = eval(
            r#"{"entity_type":"enterprise","enterprise_size":"small","industries":["artificial_intelligence"]}"#,
            "2024-12-01",
        );
        assert_eq!(verdict(&c, &e, "small-ai"), Verdict::Eligible, "qualifications unknown, but the any group is met");
        assert_eq!(verdict(&c, &e, "not-large"), Verdict::Eligible);
        assert!(e.missing(result(&c, &e, "small-ai")).is_empty());
    }

    #[test]
    fn a_failed_criterion_makes_it_ineligible_and_is_named() {
        let (c, e) = eval(r#"{"entity_type":"enterprise","enterprise_size":"large"}"#, "2024-12-01");
        let r = result(&c, &e, "small-ai");
        assert_eq!(r.verdict, Verdict::Ineligible);
        let m = c.measure("small-ai").unwrap();
        let failed: Vec<&str> = e.failed(r).iter().map(|&n| m.criteria.nodes[n].path.as_str()).collect();
        assert_eq!(failed, ["criteria[1]"]);
        assert!(e.missing(r).is_empty());
        // not = { size in [large] }: the failing test is the inner one, reported via the not.
        let r = result(&c, &e, "not-large");
        assert_eq!(r.verdict, Verdict::Ineligible);
        let m = c.measure("not-large").unwrap();
        assert_eq!(m.criteria.nodes[e.failed(r)[0]].path, "criteria[0].not");
    }

    #[test]
    fn a_question_that_does_not_apply_fails_in_and_passes_not_in() {
        let (c, e) = eval(r#"{"entity_type":"university","enterprise_size":"small"}"#, "2024-12-01");
        assert_eq!(verdict(&c, &e, "small-ai"), Verdict::Ineligible);
        assert_eq!(verdict(&c, &e, "not-large"), Verdict::Eligible, "a university is not a large company");
        assert_eq!(e.slots.slots[c.field_index("enterprise_size").unwrap()], Slot::NotAsked);
    }

    #[test]
    fn numeric_ranges_are_inclusive() {
        for (n, v) in
            [(9, Verdict::Ineligible), (10, Verdict::Eligible), (500, Verdict::Eligible), (501, Verdict::Ineligible)]
        {
            let (c, e) = eval(&format!(r#"{{"entity_type":"enterprise","employees":{n}}}"#), "2024-12-01");
            assert_eq!(verdict(&c, &e, "staffed"), v, "{n} employees");
        }
        // Without entity_type, the headcount question may not apply (individuals are not asked):
        // the measure stays open and names entity_type as what decides it.
        let (c, e) = eval(r#"{"employees":10}"#, "2024-12-01");
        let r = result(&c, &e, "staffed");
        assert_eq!(r.verdict, Verdict::Possible);
        assert_eq!(e.missing(r), [c.field_index("entity_type").unwrap()]);
    }

    #[test]
    fn validity_dates_decide_inactive() {
        let p = r#"{"location":"haidian"}"#;
        let (c, e) = eval(p, "2024-10-08");
        assert_eq!(verdict(&c, &e, "expired"), Verdict::Inactive, "before effective_from");
        assert!(matches!(result(&c, &e, "expired").status, Status::NotYetInForce { .. }));
        let (c, e) = eval(p, "2024-10-09");
        assert_eq!(verdict(&c, &e, "expired"), Verdict::Eligible, "first day in force");
        let (c, e) = eval(p, "2025-01-02");
        assert!(matches!(result(&c, &e, "expired").status, Status::Expired { .. }));
        assert_eq!(verdict(&c, &e, "repealed"), Verdict::Eligible, "repeal date not reached");
        let (c, e) = eval(p, "2025-06-01");
        assert_eq!(verdict(&c, &e, "repealed"), Verdict::Inactive);
        assert_eq!(result(&c, &e, "repealed").criteria, Truth::Met, "the trace is kept for inactive measures");
    }

    #[test]
    fn results_are_ranked_by_verdict_and_stable_within_a_group() {
        let (c, e) =
            eval(r#"{"entity_type":"enterprise","enterprise_size":"large","location":"haidian"}"#, "2025-03-01");
        let order: Vec<(&str, Verdict)> =
            e.results.iter().map(|r| (c.measures[r.measure].id.as_str(), r.verdict)).collect();
        assert_eq!(
            order,
            [
                ("repealed", Verdict::Eligible),
                ("staffed", Verdict::Possible),
                ("small-ai", Verdict::Ineligible),
                ("not-large", Verdict::Ineligible),
                ("expired", Verdict::Inactive),
            ]
        );
        assert_eq!(e.group_counts().0, [1, 1, 0, 2, 1]);
    }

    const LOOSE_DOC: &str = r#"
[document]
id = "u"
title = { zh = "未载明有效期的文件", en = "Undated document" }
issuer = { zh = "测试机关", en = "Test issuer" }
url = "https://example.org/u"

[[measure]]
id = "loose-industry"
title = { zh = "宽泛产业", en = "Loose industry" }
summary = { zh = "摘要", en = "Summary" }
support = ["grant"]
left_to = [{ rules = { zh = "《管理办法》", en = "the rules" }, clause = "以管理办法为准" }]
related = [{ measure = "named-only", relation = "same_scheme" }, { measure = "recognition", relation = "prerequisite" }]
[[measure.criteria]]
field = "entity_type"
in = ["enterprise"]
clause = "企业"
reason = { zh = "须为企业", en = "Must be a company" }
[[measure.criteria]]
field = "industries"
in = ["artificial_intelligence", "medicine_health"]
clause = "人工智能、医药健康等领域"
reason = { zh = "所列产业", en = "A listed industry" }
loose = { zh = "所列产业为举例", en = "The industries are examples" }

[[measure]]
id = "named-only"
title = { zh = "仅列名称", en = "Named only" }
summary = { zh = "摘要", en = "Summary" }
support = ["unspecified"]
conditions_stated = false
[[measure.criteria]]
field = "entity_type"
in = ["enterprise"]
clause = "企业"
reason = { zh = "须为企业", en = "Must be a company" }

[[measure]]
id = "recognition"
title = { zh = "认定", en = "Recognition" }
summary = { zh = "摘要", en = "Summary" }
support = ["recognition"]
[[measure.criteria]]
field = "qualifications"
in = ["national_high_tech"]
clause = "高新技术企业"
reason = { zh = "高新", en = "High-tech" }
"#;

    fn loose_eval(json: &str) -> (Catalog, Evaluation) {
        let c = from_toml(QUESTIONS, &[("u.toml", LOOSE_DOC)]).unwrap_or_else(|e| panic!("{e}"));
        let raw: RawProfile = serde_json::from_str(json).unwrap();
        let p = decode(&c, &raw, 2026).unwrap_or_else(|e| panic!("{e}"));
        let e = evaluate(&c, &p, day("2026-11-22"));
        (c, e)
    }

    #[test]
    fn a_failed_loose_test_leaves_the_measure_to_confirm_and_names_it() {
        let (c, e) = loose_eval(r#"{"entity_type":"enterprise","industries":["quantum"]}"#);
        let r = result(&c, &e, "loose-industry");
        assert_eq!(r.verdict, Verdict::Possible, "an unlisted industry is not 'not eligible'");
        assert!(e.missing(r).is_empty());
        let m = c.measure("loose-industry").unwrap();
        let doubts: Vec<&str> = e.doubts(r).iter().map(|&n| m.criteria.nodes[n].path.as_str()).collect();
        assert_eq!(doubts, ["criteria[1]"]);
        // Met as usual when the answer is in the list; a strict failure still excludes.
        let (c, e) = loose_eval(r#"{"entity_type":"enterprise","industries":["medicine_health"]}"#);
        assert_eq!(verdict(&c, &e, "loose-industry"), Verdict::Eligible);
        let (c, e) = loose_eval(r#"{"entity_type":"bank","industries":["quantum"]}"#);
        let r = result(&c, &e, "loose-industry");
        assert_eq!(r.verdict, Verdict::Ineligible);
        assert!(e.doubts(r).is_empty(), "doubts are only listed for a measure left to confirm");
    }

    #[test]
    fn a_programme_whose_text_states_no_conditions_is_never_eligible() {
        let (c, e) = loose_eval(r#"{"entity_type":"enterprise"}"#);
        let r = result(&c, &e, "named-only");
        assert_eq!(r.verdict, Verdict::Possible);
        assert!(r.unstated && r.group() == Group::WorthALook);
        assert!(e.missing(r).is_empty());
        let (c, e) = loose_eval(r#"{"entity_type":"bank"}"#);
        assert_eq!(verdict(&c, &e, "named-only"), Verdict::Ineligible);
        // Ranked after the measures that questions decide.
        let (c, e) = loose_eval(r#"{"entity_type":"enterprise"}"#);
        let order: Vec<&str> = e.results.iter().map(|r| c.measures[r.measure].id.as_str()).collect();
        assert_eq!(order, ["loose-industry", "recognition", "named-only"]);
        assert_eq!(e.group_counts().0, [0, 2, 1, 0, 0]);
    }

    #[test]
    fn validity_not_stated_is_active_on_every_date_and_said_so() {
        let c = from_toml(QUESTIONS, &[("u.toml", LOOSE_DOC)]).unwrap();
        let m = c.measure("recognition").unwrap();
        for d in ["1990-01-01", "2026-11-22", "2099-12-31"] {
            assert_eq!(status(m, day(d)), Status::NotStated, "{d}");
        }
        assert!(Status::NotStated.active());
    }

    #[test]
    fn links_are_resolved_both_ways_and_same_scheme_measures_share_a_programme() {
        use crate::catalog::Relation;
        let c = from_toml(QUESTIONS, &[("u.toml", LOOSE_DOC)]).unwrap();
        let idx = |id: &str| c.measures.iter().position(|m| m.id == id).unwrap();
        let (a, b, r) = (idx("loose-industry"), idx("named-only"), idx("recognition"));
        assert_eq!(c.measures[a].scheme, a);
        assert_eq!(c.measures[b].scheme, a);
        assert_eq!(c.measures[r].scheme, r);
        assert!(c.measures[r].related.iter().any(|l| l.measure == a && l.relation == Relation::LeadsTo));
        assert!(c.measures[b].related.iter().any(|l| l.measure == a && l.relation == Relation::SameScheme));
        assert_eq!(c.measures[a].left_to[0].clause, "以管理办法为准");
    }

    /// One programme in a news report (loose, met) and in the policy text (a hard test, failed):
    /// the card follows the policy text, not the more favourable report.
    #[test]
    fn a_programme_card_follows_the_policy_text_not_the_most_favourable_member() {
        let report = r#"
[document]
id = "news"
kind = "report"
title = { zh = "报道", en = "Report" }
issuer = { zh = "测试机关", en = "Test issuer" }
url = "https://example.org/n"

[[measure]]
id = "in-the-news"
title = { zh = "报道所述", en = "As reported" }
summary = { zh = "摘要", en = "Summary" }
support = ["grant"]
related = [{ measure = "in-the-text", relation = "same_scheme" }]
[[measure.criteria]]
field = "entity_type"
in = ["enterprise"]
clause = "企业"
reason = { zh = "须为企业", en = "Must be a company" }
"#;
        let policy = r#"
[document]
id = "text"
kind = "policy"
title = { zh = "原文", en = "Policy text" }
issuer = { zh = "测试机关", en = "Test issuer" }
url = "https://example.org/t"

[[measure]]
id = "in-the-text"
title = { zh = "原文所述", en = "As stated" }
summary = { zh = "摘要", en = "Summary" }
support = ["grant"]
[[measure.criteria]]
field = "enterprise_size"
in = ["small"]
clause = "小型企业"
reason = { zh = "须为小型企业", en = "Must be small" }
"#;
        // The report's file comes first in catalog order; the policy text still leads.
        let c = from_toml(QUESTIONS, &[("1-news.toml", report), ("2-text.toml", policy)]).unwrap();
        let (news, text) = (c.measure("in-the-news").unwrap(), c.measure("in-the-text").unwrap());
        let lead = c.measures.iter().position(|m| m.id == "in-the-text").unwrap();
        assert_eq!((news.scheme, text.scheme), (lead, lead));
        let p = decode(
            &c,
            &serde_json::from_str(r#"{"entity_type":"enterprise","enterprise_size":"large"}"#).unwrap(),
            2026,
        )
        .unwrap();
        let e = evaluate(&c, &p, day("2026-12-02"));
        assert_eq!(verdict(&c, &e, "in-the-news"), Verdict::Eligible);
        let shown: Vec<(&str, Verdict)> =
            e.programmes(&c).map(|r| (c.measures[r.measure].id.as_str(), r.verdict)).collect();
        assert_eq!(shown, [("in-the-text", Verdict::Ineligible)]);
        assert_eq!(e.programme_counts(&c).0, [0, 0, 0, 1, 0]);
    }
}
