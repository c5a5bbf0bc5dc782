//! The reducer's native unit tests: verbs applied to the bundled catalog's state, and guided mode
//! walked to "done" as different applicants.

use super::*;
use crate::date::Date;
use crate::engine::evaluate;
use crate::profile::{decode, RawProfile};

fn state() -> State {
    let c = crate::catalog::load(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))).unwrap();
    State::new(Rc::new(c), Lang::Zh, Date::parse("2026-11-22").unwrap())
}
#[test]
fn a_language_whose_texts_are_not_here_waits_for_them_and_a_failure_says_so() {
    let full = state().catalog;
    let zh_only = Rc::new(full.in_one_language(Lang::Zh));
    let s = State::new(zh_only.clone(), Lang::En, Date::parse("2026-11-22").unwrap()).settled();
    assert_eq!((s.lang, s.wanted_lang), (Lang::Zh, Some(Lang::En)), "never shown in a language without its texts");
    let s = s.apply(Action::SetLang(Lang::Zh));
    assert_eq!((s.lang, s.wanted_lang), (Lang::Zh, None), "asking for the shown one again cancels the wait");
    let s = s.apply(Action::SetLang(Lang::En));
    let failed = s.apply(Action::LanguageFailed(Lang::En, "offline".into()));
    assert_eq!((failed.lang, failed.wanted_lang), (Lang::Zh, None));
    assert!(failed.notices.iter().any(|n| n.error && n.text.en.contains("English") && n.text.en.contains("offline")));
    let s = s.apply(Action::AddLanguage(Rc::new(full.in_one_language(Lang::En))));
    assert_eq!((s.lang, s.wanted_lang), (Lang::En, None));
    assert!(s.catalog.speaks(Lang::Zh) && s.catalog.speaks(Lang::En));
    let late = s.apply(Action::LanguageFailed(Lang::En, "late".into()));
    // A share link in Chinese opened while English was still on its way: Chinese it is.
    let waiting = State::new(zh_only.clone(), Lang::En, Date::parse("2026-11-22").unwrap()).settled();
    let link = waiting.apply(Action::OpenLink(format!("pm=1&v={}&l=zh", zh_only.version)));
    assert_eq!((link.lang, link.wanted_lang), (Lang::Zh, None));
    assert!(late.notices.is_empty(), "a failure that no longer matters says nothing");
    // A search in Chinese on an English page fetches the Chinese texts without switching.
    let en_only =
        State::new(Rc::new(full.in_one_language(Lang::En)), Lang::En, Date::parse("2026-11-22").unwrap()).settled();
    let searching = en_only.apply(Action::NeedTexts(Lang::Zh));
    assert_eq!((searching.lang, searching.extra_lang), (Lang::En, Some(Lang::Zh)));
    let found = searching.apply(Action::AddLanguage(Rc::new(full.in_one_language(Lang::Zh))));
    assert_eq!((found.lang, found.extra_lang), (Lang::En, None));
    assert!(found.catalog.speaks(Lang::Zh));
    assert!(en_only.apply(Action::NeedTexts(Lang::En)).extra_lang.is_none(), "a language it has is not fetched");
    let d = s.apply(Action::AddDetails(Rc::new(full.details(Lang::En))));
    assert!(d.catalog.has_details(Lang::En) && !d.catalog.has_details(Lang::Zh));
}

/// Walks guided mode as an applicant whose true answers are `truth` would: answers each
/// question it is shown from `truth`, or "not sure" when `truth` has no answer. Returns the
/// questions shown, in order, once guided mode says it is done.
fn walk(truth: &str) -> (State, Vec<String>) {
    let mut s = state();
    s = s.apply(Action::SetMode(Mode::Guided));
    let raw: RawProfile = serde_json::from_str(truth).unwrap();
    let target = decode(&s.catalog, &raw, 2026).unwrap();
    let mut shown = Vec::new();
    for _ in 0..40 {
        let eval = evaluate(&s.catalog, &s.profile, s.as_of);
        let Some(q) = s.guided_question(&eval) else {
            return (s, shown);
        };
        shown.push(s.catalog.fields[q].id.clone());
        let (k, n) = s.guided_progress(&eval);
        assert!(k <= n, "question {k} of about {n}");
        let skip = target.get(q).is_none();
        if let Some(v) = target.get(q) {
            s.profile.set(q, Some(v));
        }
        let eval = evaluate(&s.catalog, &s.profile, s.as_of);
        let next = next_guided(&s.catalog, &s.profile, &eval, &s.guide.skipped, Some(q));
        s = s.apply(Action::GuideTo { from: q, next, skip });
    }
    panic!("guided mode never reached done: {shown:?}");
}

fn done_means_nothing_left_to_decide(s: &State) {
    let eval = evaluate(&s.catalog, &s.profile, s.as_of);
    assert_eq!(s.guide.at, GuideAt::Done);
    assert_eq!(next_guided(&s.catalog, &s.profile, &eval, &s.guide.skipped, None), None);
    let deciding = eval.deciding();
    for (f, n) in deciding.iter().enumerate() {
        if *n > 0 && s.profile.get(f).is_none() && eval.slots.asked[f] == crate::engine::Truth::Met {
            assert!(s.guide.skipped.contains(&f), "{} still decides {n}", s.catalog.fields[f].id);
        }
    }
}

#[test]
fn guided_mode_reaches_done_for_a_company_a_bank_a_university_and_an_individual() {
    for (who, truth, most) in [
        (
            "company",
            r#"{"entity_type":"enterprise","enterprise_size":"small","industries":["artificial_intelligence"],"location":"haidian","qualifications":["national_high_tech"],"listing_status":"unlisted","activities":["none"]}"#,
            8,
        ),
        ("bank", r#"{"entity_type":"bank","location":"haidian","activities":["bank_vc_cooperation"]}"#, 5),
        ("university", r#"{"entity_type":"university","location":"haidian","activities":["proof_of_concept"]}"#, 5),
        (
            "individual",
            r#"{"entity_type":"individual","location":"haidian","person_status":["overseas_high_end_talent"]}"#,
            5,
        ),
        ("incubator", r#"{"entity_type":"incubator","location":"haidian","activities":["overseas_platform"]}"#, 5),
    ] {
        let (s, shown) = walk(truth);
        assert_eq!(shown[0], "entity_type", "{who}: the applicant type first");
        println!("{who}: {} questions to done: {shown:?}", shown.len());
        assert!(shown.len() <= most, "{who}: {} questions: {shown:?}", shown.len());
        done_means_nothing_left_to_decide(&s);
    }
}

#[test]
fn not_sure_skips_a_question_and_back_brings_it_again() {
    let mut s = state().apply(Action::SetMode(Mode::Guided));
    let eval = evaluate(&s.catalog, &s.profile, s.as_of);
    let first = s.guided_question(&eval).unwrap();
    let next = next_guided(&s.catalog, &s.profile, &eval, &s.guide.skipped, Some(first));
    s = s.apply(Action::GuideTo { from: first, next, skip: true });
    assert!(s.guide.skipped.contains(&first));
    assert_ne!(s.guided_question(&eval), Some(first));
    s = s.apply(Action::GuideBack);
    assert_eq!(s.guided_question(&eval), Some(first));
    assert!(!s.guide.skipped.contains(&first), "back un-skips it");
}

#[test]
fn clear_all_answers_can_be_undone_until_new_answers_arrive() {
    let mut s = state();
    let f = s.catalog.field_index("entity_type").unwrap();
    s = s.apply(Action::Choose(f, Some(0)));
    s = s.apply(Action::ClearAnswers);
    assert_eq!(s.profile.answered(), 0);
    s = s.apply(Action::Undo);
    assert_eq!(s.profile.get(f), Some(crate::profile::Value::Choice(0)));
    s = s.apply(Action::ClearAnswers);
    s = s.apply(Action::Load { profile: Profile::empty(&s.catalog), as_of: None, lang: None, remember: false });
    assert_eq!(s.undo, None, "a load replaces what could be undone");
}

#[test]
fn any_of_none_of_these_is_exclusive_both_ways() {
    let mut s = state();
    let f = s.catalog.field_index("qualifications").unwrap();
    let none = s.catalog.fields[f].option_index("none").unwrap();
    s = s.apply(Action::Toggle(f, 0, true));
    s = s.apply(Action::Toggle(f, none, true));
    assert_eq!(s.profile.get(f), Some(crate::profile::Value::Set(0)), "none clears the others");
    s = s.apply(Action::Toggle(f, 1, true));
    assert_eq!(s.profile.get(f), Some(crate::profile::Value::Set(1 << 1)));
}
