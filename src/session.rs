//! The widget's one state and the verbs that change it — the root `use_reducer` of the Yew app
//! (`ui::state` implements `yew::Reducible` by calling [`State::apply`]). No browser crate is used
//! here, so the reducer is unit-tested natively. Everything the person can change lives here; the
//! evaluation is derived from it, never stored.

use std::rc::Rc;

use crate::catalog::{Catalog, FieldIdx, Lang, Support, Text};
use crate::date::Date;
use crate::profile::{decode_answer, Profile, RawAnswer, Value};

/// A set of indices (fields, measures), kept sorted in a `Vec`: the widget's sets hold a few dozen
/// at most, and a `BTreeSet` would add a tree's code to the wasm.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct IndexSet(Vec<usize>);

impl IndexSet {
    pub fn insert(&mut self, i: usize) -> bool {
        match self.0.binary_search(&i) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, i);
                true
            }
        }
    }
    pub fn remove(&mut self, i: &usize) -> bool {
        match self.0.binary_search(i) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }
    pub fn contains(&self, i: &usize) -> bool {
        self.0.binary_search(i).is_ok()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn clear(&mut self) {
        self.0.clear()
    }
}

impl FromIterator<usize> for IndexSet {
    fn from_iter<I: IntoIterator<Item = usize>>(items: I) -> IndexSet {
        let mut v: Vec<usize> = items.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        IndexSet(v)
    }
}

/// A map from an index (a field) to a value, kept sorted in a `Vec` (see [`IndexSet`]).
#[derive(Clone, Debug, PartialEq)]
pub struct IndexMap<V>(Vec<(usize, V)>);

impl<V> Default for IndexMap<V> {
    fn default() -> Self {
        IndexMap(Vec::new())
    }
}

impl<V> IndexMap<V> {
    fn at(&self, k: &usize) -> Result<usize, usize> {
        self.0.binary_search_by_key(k, |(i, _)| *i)
    }
    pub fn get(&self, k: &usize) -> Option<&V> {
        self.at(k).ok().map(|at| &self.0[at].1)
    }
    pub fn insert(&mut self, k: usize, v: V) {
        match self.at(&k) {
            Ok(at) => self.0[at].1 = v,
            Err(at) => self.0.insert(at, (k, v)),
        }
    }
    pub fn remove(&mut self, k: &usize) -> Option<V> {
        self.at(k).ok().map(|at| self.0.remove(at).1)
    }
    pub fn contains_key(&self, k: &usize) -> bool {
        self.at(k).is_ok()
    }
    pub fn clear(&mut self) {
        self.0.clear()
    }
}

/// Which measures the result list shows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Filter {
    pub support: Option<Support>,
    /// An issuer's Chinese name (issuers are grouped by it).
    pub issuer: Option<String>,
    /// `Some(true)`: in force only; `Some(false)`: not in force only.
    pub in_force: Option<bool>,
    pub text: String,
}

/// A message shown above the widget until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub error: bool,
    pub text: Text,
}

impl Notice {
    pub fn new(error: bool, zh: String, en: String) -> Notice {
        Notice { error, text: Text { zh, en } }
    }
}

#[derive(Clone, Debug)]
pub struct State {
    pub catalog: Rc<Catalog>,
    pub lang: Lang,
    pub today: Date,
    pub as_of: Date,
    pub profile: Profile,
    /// What is typed in number boxes, kept even when it is not (yet) a valid answer.
    pub number_text: IndexMap<String>,
    pub remember: bool,
    pub filter: Filter,
    pub expanded: IndexSet,
    /// Which verdict groups are open (eligible and to-confirm start open; the others are
    /// collapsed and their cards not rendered until opened).
    pub open_groups: [bool; 5],
    /// How many cards each group renders (more on request), so long lists stay fast.
    pub limit: [usize; 5],
    pub notices: Vec<Notice>,
    /// A share link made on request, shown for copying.
    pub share_url: Option<String>,
    /// One question at a time, or every question on one page.
    pub mode: Mode,
    /// Where the guided questionnaire is.
    pub guide: Guide,
    /// The answers before "clear all answers", until undone or replaced.
    pub undo: Option<Profile>,
    /// A language asked for whose catalog texts are still on their way (the widget downloads the
    /// page's language first): `lang` stays on one the catalog speaks until they arrive
    /// (`Action::AddLanguage`).
    pub wanted_lang: Option<Lang>,
    /// Another language's texts fetched without showing them (a search typed in its script).
    pub extra_lang: Option<Lang>,
}

/// How the questions are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// One question at a time: the applicant type, then the question deciding the most.
    Guided,
    /// Every question that applies, on one page.
    All,
}

/// The guided questionnaire's position.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Guide {
    pub at: GuideAt,
    /// The questions shown before, for "back".
    pub history: Vec<FieldIdx>,
    /// Questions answered "not sure": not asked again in guided mode.
    pub skipped: IndexSet,
}

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum GuideAt {
    /// Not started: the first question is chosen from the answers.
    #[default]
    Start,
    Question(FieldIdx),
    /// No unanswered question can change any result.
    Done,
}

/// The question guided mode asks next: the applicant type first, then the question that decides
/// the most open measures (the engine's ranking), never one answered, skipped or `except`.
pub fn next_guided(
    catalog: &Catalog,
    profile: &Profile,
    eval: &crate::engine::Evaluation,
    skipped: &IndexSet,
    except: Option<FieldIdx>,
) -> Option<FieldIdx> {
    let open = |f: FieldIdx| {
        catalog.fields[f].ask
            && eval.slots.asked[f] == crate::engine::Truth::Met
            && profile.get(f).is_none()
            && !skipped.contains(&f)
            && Some(f) != except
    };
    if let Some(e) = catalog.field_index("entity_type").filter(|&e| open(e)) {
        return Some(e);
    }
    let deciding = eval.deciding();
    (0..catalog.fields.len())
        .filter(|&f| open(f) && deciding[f] > 0)
        .max_by_key(|&f| (deciding[f], std::cmp::Reverse(f)))
}

impl State {
    /// The question guided mode shows now (`None`: done).
    pub fn guided_question(&self, eval: &crate::engine::Evaluation) -> Option<FieldIdx> {
        match self.guide.at {
            GuideAt::Question(f) => Some(f),
            GuideAt::Done => None,
            GuideAt::Start => next_guided(&self.catalog, &self.profile, eval, &self.guide.skipped, None),
        }
    }

    /// "Question k of about n" in guided mode.
    pub fn guided_progress(&self, eval: &crate::engine::Evaluation) -> (usize, usize) {
        let k = self.guide.history.len() + 1;
        let current = self.guided_question(eval);
        let deciding = eval.deciding();
        let rest = (0..self.catalog.fields.len())
            .filter(|&f| {
                Some(f) != current
                    && self.catalog.fields[f].ask
                    && eval.slots.asked[f] == crate::engine::Truth::Met
                    && self.profile.get(f).is_none()
                    && !self.guide.skipped.contains(&f)
                    && deciding[f] > 0
            })
            .count();
        (k, k + rest)
    }
}

/// Compares the catalog by identity: comparing two catalogs by value costs as much as the catalog
/// is large, and every card's props compare the state on every render.
impl PartialEq for State {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.catalog, &o.catalog)
            && self.lang == o.lang
            && self.today == o.today
            && self.as_of == o.as_of
            && self.profile == o.profile
            && self.number_text == o.number_text
            && self.remember == o.remember
            && self.filter == o.filter
            && self.expanded == o.expanded
            && self.open_groups == o.open_groups
            && self.limit == o.limit
            && self.notices == o.notices
            && self.share_url == o.share_url
            && self.mode == o.mode
            && self.guide == o.guide
            && self.undo == o.undo
            && self.wanted_lang == o.wanted_lang
            && self.extra_lang == o.extra_lang
    }
}

impl State {
    pub fn new(catalog: Rc<Catalog>, lang: Lang, today: Date) -> State {
        let profile = Profile::empty(&catalog);
        State {
            catalog,
            lang,
            today,
            as_of: today,
            profile,
            number_text: IndexMap::default(),
            remember: false,
            filter: Filter::default(),
            expanded: IndexSet::default(),
            open_groups: [true, true, true, false, false],
            limit: [PAGE; 5],
            notices: Vec::new(),
            share_url: None,
            mode: Mode::All,
            guide: Guide::default(),
            undo: None,
            wanted_lang: None,
            extra_lang: None,
        }
    }

    /// Keeps `lang` on a language the catalog's texts are in: another one asked for (a switch, a
    /// share link, saved answers) waits in `wanted_lang` until its texts are added. Called after
    /// every verb and on the first state.
    pub fn settled(mut self) -> State {
        if !self.catalog.speaks(self.lang) {
            self.wanted_lang = Some(self.lang);
            self.lang = [Lang::Zh, Lang::En].into_iter().find(|&l| self.catalog.speaks(l)).unwrap_or(self.lang);
        } else if self.wanted_lang.is_some_and(|w| self.catalog.speaks(w)) {
            self.lang = self.wanted_lang.take().unwrap_or(self.lang);
        }
        if self.wanted_lang == Some(self.lang) {
            self.wanted_lang = None;
        }
        if self.extra_lang.is_some_and(|l| self.catalog.speaks(l) || self.wanted_lang == Some(l)) {
            self.extra_lang = None;
        }
        self
    }

    /// Writes the number answers into the number boxes (after answers were loaded).
    pub fn sync_number_text(&mut self) {
        self.number_text.clear();
        for i in 0..self.catalog.fields.len() {
            if let Some(Value::Number(x)) = self.profile.get(i) {
                self.number_text.insert(i, crate::words::number(x));
            }
        }
    }

    /// The error under a number box, if what is typed there is not a valid answer.
    pub fn number_error(&self, field: FieldIdx) -> Option<String> {
        let text = self.number_text.get(&field)?;
        let f = &self.catalog.fields[field];
        let allowed = || crate::words::allowed(&f.accepts(self.as_of.year()), self.lang);
        match parse_number(text) {
            None if text.trim().is_empty() => None,
            None => Some(allowed()),
            Some(x) => decode_answer(f, &RawAnswer::Number(x), self.as_of.year()).err().map(|_| allowed()),
        }
    }
}

use crate::words::parse_number;

/// Cards rendered per group before "show more".
pub const PAGE: usize = 12;

pub enum Action {
    /// one_of: choose an option, or clear the answer.
    Choose(FieldIdx, Option<usize>),
    /// any_of: tick or untick an option.
    Toggle(FieldIdx, usize, bool),
    /// any_of / number: clear the answer.
    Clear(FieldIdx),
    /// A number box changed.
    Number(FieldIdx, String),
    SetLang(Lang),
    SetAsOf(Date),
    SetRemember(bool),
    /// Clear every answer; the previous ones are kept for `Undo`.
    ClearAnswers,
    /// Bring back the answers cleared last.
    Undo,
    SetMode(Mode),
    /// Guided mode: leave question `from` for `next` (or "done"); `skip`: `from` was answered
    /// "not sure".
    GuideTo {
        from: FieldIdx,
        next: Option<FieldIdx>,
        skip: bool,
    },
    /// Guided mode: the question before.
    GuideBack,
    /// Show this question (a "to confirm" card's link): in guided mode it becomes the question.
    Ask(FieldIdx),
    /// A share link's fragment (at start, or pasted into a tab that already shows the widget):
    /// its answers, date and language replace the current ones; a damaged link changes nothing and
    /// says why; a fragment that is not ours is ignored.
    OpenLink(String),
    /// Guided mode: start again from the first question the answers leave open.
    GuideRestart,
    /// Replace the answers (share link, saved answers, host prefill).
    Load {
        profile: Profile,
        as_of: Option<Date>,
        lang: Option<Lang>,
        remember: bool,
    },
    SetFilter(Filter),
    Expand(usize, bool),
    /// Open every group, render every card and expand it (print).
    ExpandAll,
    OpenGroup(crate::engine::Group, bool),
    ShowMore(crate::engine::Group),
    Notify(Notice),
    Dismiss(usize),
    ShareUrl(Option<String>),
    /// Switch to another catalog (a runtime catalog), keeping the answers it understands.
    SetCatalog(Rc<Catalog>),
    /// The catalog's texts in another language arrived (`Catalog::add_language`): a language
    /// waiting for them is shown.
    AddLanguage(Rc<Catalog>),
    /// The texts of a language could not be fetched: the widget stays in the one it has.
    LanguageFailed(Lang, String),
    /// A language's notes and quoted clauses arrived (`Catalog::add_details`).
    AddDetails(Rc<crate::catalog::Details>),
    /// Fetch a language's texts without showing it (a search typed in its script).
    NeedTexts(Lang),
}

fn language_failed(l: Lang, why: &str) -> Notice {
    let (zh, en) = match l {
        Lang::Zh => ("中文", "Chinese"),
        Lang::En => ("英文", "English"),
    };
    Notice::new(
        true,
        format!("无法加载{zh}文本（{why}），仍以当前语言显示。请联网后重试。"),
        format!(
            "The {en} texts could not be loaded ({why}); the widget stays in this language. Try again when online."
        ),
    )
}

impl State {
    /// Applies one verb and returns the next state (pure).
    pub fn apply(&self, action: Action) -> State {
        let mut s = self.clone();
        // Guided mode not yet started: the question answered is the one on screen; keep it there
        // until the person continues (a radio must not vanish under the pointer).
        if let (Mode::Guided, GuideAt::Start) = (s.mode, s.guide.at) {
            if let Action::Choose(f, _) | Action::Toggle(f, _, _) | Action::Number(f, _) = action {
                s.guide.at = GuideAt::Question(f);
            }
        }
        match action {
            Action::Choose(f, opt) => {
                s.undo = None;
                s.profile.set(f, opt.map(Value::Choice));
            }
            Action::Toggle(f, k, on) => {
                s.undo = None;
                let field = &s.catalog.fields[f];
                let exclusive = field.options[k].exclusive;
                let current = match s.profile.get(f) {
                    Some(Value::Set(bits)) => Some(bits),
                    _ => None,
                };
                let next = match (exclusive, on, current) {
                    // "None of these": answered, nothing applies.
                    (true, true, _) => Some(0),
                    (true, false, _) => None,
                    (false, true, c) => Some(c.unwrap_or(0) | (1 << k)),
                    (false, false, Some(bits)) => Some(bits & !(1 << k)).filter(|b| *b != 0),
                    (false, false, None) => None,
                };
                s.profile.set(f, next.map(Value::Set));
            }
            Action::Clear(f) => {
                s.undo = None;
                s.profile.set(f, None);
                s.number_text.remove(&f);
            }
            Action::Number(f, text) => {
                s.undo = None;
                let field = &s.catalog.fields[f];
                let value = parse_number(&text)
                    .and_then(|x| decode_answer(field, &RawAnswer::Number(x), s.as_of.year()).ok().flatten());
                s.profile.set(f, value);
                if text.trim().is_empty() {
                    s.number_text.remove(&f);
                } else {
                    s.number_text.insert(f, text);
                }
            }
            Action::SetLang(l) => {
                s.lang = l;
                s.wanted_lang = None;
            }
            Action::AddLanguage(other) => {
                let mut c = (*s.catalog).clone();
                if c.add_language(&other) {
                    s.catalog = Rc::new(c);
                } else if let Some(l) = s.wanted_lang.take() {
                    s.notices.push(language_failed(l, "the texts belong to another catalog version"));
                }
            }
            Action::AddDetails(d) => {
                let mut c = (*s.catalog).clone();
                if c.add_details(&d) {
                    s.catalog = Rc::new(c);
                }
            }
            Action::NeedTexts(l) => {
                if !s.catalog.speaks(l) {
                    s.extra_lang = Some(l);
                }
            }
            Action::LanguageFailed(l, why) => {
                if s.extra_lang == Some(l) {
                    s.extra_lang = None; // a search simply finds less
                }
                if s.wanted_lang == Some(l) {
                    s.wanted_lang = None;
                    s.notices.push(language_failed(l, &why));
                }
            }
            Action::SetAsOf(d) => s.as_of = d,
            Action::SetRemember(r) => s.remember = r,
            Action::ClearAnswers => {
                s.undo = Some(std::mem::replace(&mut s.profile, Profile::empty(&s.catalog)));
                s.number_text.clear();
                s.expanded.clear();
                s.share_url = None;
                s.guide = Guide::default();
            }
            Action::Undo => {
                if let Some(p) = s.undo.take() {
                    s.profile = p;
                    s.sync_number_text();
                }
            }
            Action::SetMode(m) => s.mode = m,
            Action::GuideTo { from, next, skip } => {
                s.guide.history.push(from);
                if skip {
                    s.guide.skipped.insert(from);
                }
                s.guide.at = next.map_or(GuideAt::Done, GuideAt::Question);
            }
            Action::GuideBack => {
                if let Some(f) = s.guide.history.pop() {
                    s.guide.skipped.remove(&f);
                    s.guide.at = GuideAt::Question(f);
                }
            }
            Action::GuideRestart => s.guide = Guide::default(),
            Action::OpenLink(fragment) => {
                let c = s.catalog.clone();
                match crate::share::decode_fragment(&c, &fragment, s.today.year()) {
                    Ok(shared) => {
                        if shared.version != c.version {
                            s.notices.push(Notice::new(false, format!("此链接生成于目录版本 {}，本页使用 {}。已载入链接中的回答，结论可能与分享者看到的不同。", shared.version, c.version), format!("This link was made with catalog version {}; this page uses {}. Its answers were loaded, but verdicts may differ from what the sender saw.", shared.version, c.version)));
                        }
                        s.profile = shared.profile;
                        s.as_of = shared.as_of.unwrap_or(s.as_of);
                        if let Some(l) = shared.lang {
                            s.lang = l;
                            s.wanted_lang = None; // replaces one still waiting for its texts
                        }
                        s.undo = None;
                        s.guide = Guide::default();
                        s.sync_number_text();
                    }
                    Err(e @ crate::share::ShareError::Invalid(_)) => s.notices.push(Notice::new(
                        true,
                        format!("无法读取分享链接：{}。链接中的内容均未采用。", e.text(Lang::Zh)),
                        format!("The share link could not be read: {}. Nothing from it was applied.", e.text(Lang::En)),
                    )),
                    Err(crate::share::ShareError::NotOurs) => {}
                }
            }
            Action::Ask(f) => {
                if s.mode == Mode::Guided {
                    if let GuideAt::Question(c) = s.guide.at {
                        if c != f {
                            s.guide.history.push(c);
                        }
                    }
                    s.guide.skipped.remove(&f);
                    s.guide.at = GuideAt::Question(f);
                }
            }
            Action::Load { profile, as_of, lang, remember } => {
                s.profile = profile;
                s.undo = None;
                if let Some(d) = as_of {
                    s.as_of = d;
                }
                if let Some(l) = lang {
                    s.lang = l;
                    s.wanted_lang = None; // replaces one still waiting for its texts
                }
                s.remember |= remember;
                s.sync_number_text();
            }
            Action::SetFilter(f) => s.filter = f,
            Action::Expand(m, on) => {
                if on {
                    s.expanded.insert(m);
                } else {
                    s.expanded.remove(&m);
                }
            }
            Action::ExpandAll => {
                s.expanded = (0..s.catalog.measures.len()).collect();
                s.open_groups = [true; 5];
                s.limit = [usize::MAX; 5];
            }
            Action::OpenGroup(v, open) => s.open_groups[v as usize] = open,
            Action::ShowMore(v) => s.limit[v as usize] = s.limit[v as usize].saturating_add(PAGE * 5),
            Action::Notify(n) => {
                if !s.notices.contains(&n) {
                    s.notices.push(n)
                }
            }
            Action::Dismiss(i) => {
                if i < s.notices.len() {
                    s.notices.remove(i);
                }
            }
            Action::ShareUrl(u) => s.share_url = u,
            Action::SetCatalog(c) => {
                let year = s.as_of.year();
                let mut profile = Profile::empty(&c);
                let mut dropped = Vec::new();
                for (id, answer) in s.profile.to_raw(&s.catalog) {
                    match c.field_index(&id).map(|f| (f, decode_answer(&c.fields[f], &answer, year))) {
                        Some((f, Ok(v))) => profile.set(f, v),
                        _ => dropped.push(id),
                    }
                }
                if !dropped.is_empty() {
                    let list = dropped.join(", ");
                    s.notices.push(Notice::new(
                        false,
                        format!("新目录不接受以下回答，已移除：{list}"),
                        format!("The new catalog does not accept these answers, so they were removed: {list}"),
                    ));
                }
                s.catalog = c;
                s.profile = profile;
                s.sync_number_text();
                s.expanded.clear();
                s.filter = Filter::default();
                s.share_url = None;
            }
        }
        s.settled()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
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
        assert!(failed
            .notices
            .iter()
            .any(|n| n.error && n.text.en.contains("English") && n.text.en.contains("offline")));
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
}
