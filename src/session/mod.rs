//! The widget's one state and the verbs that change it — the root `use_reducer` of the Yew app
//! (`ui::state` implements `yew::Reducible` by calling [`State::apply`]). No browser crate is used
//! here, so the reducer is unit-tested natively. Everything the person can change lives here; the
//! evaluation is derived from it, never stored.
//!
//! This module owns the state's types ([`State`], [`Action`] and the small sets and maps they use)
//! and what reads the state (guided mode's next question, a number box's error); `apply` holds the
//! reducer, one method per verb; `tests` its native unit tests.

use std::rc::Rc;

use crate::catalog::{Catalog, FieldIdx, Lang, Support, Text};
use crate::date::Date;
use crate::engine::PerGroup;
use crate::profile::{decode_answer, Profile, RawAnswer, Value};
use crate::words::parse_number;

mod apply;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

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

/// An `Rc` compared by identity: equal when both point to the same value. The state's catalog is
/// one, because comparing two catalogs by value costs as much as the catalog is large, and every
/// card's props compare the state on every render. Reads as the value (`Deref`); `.0` is the `Rc`.
pub struct ByPtr<T>(pub Rc<T>);

impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}

impl<T> Clone for ByPtr<T> {
    fn clone(&self) -> Self {
        ByPtr(Rc::clone(&self.0))
    }
}

impl<T> std::ops::Deref for ByPtr<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<Rc<T>> for ByPtr<T> {
    fn from(rc: Rc<T>) -> Self {
        ByPtr(rc)
    }
}

/// Shows the value, as `Rc` does.
impl<T: std::fmt::Debug> std::fmt::Debug for ByPtr<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

/// Compared field by field, the catalog by identity ([`ByPtr`]).
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub catalog: ByPtr<Catalog>,
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
    pub open_groups: PerGroup<bool>,
    /// How many cards each group renders (more on request), so long lists stay fast.
    pub limit: PerGroup<usize>,
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

impl State {
    pub fn new(catalog: Rc<Catalog>, lang: Lang, today: Date) -> State {
        let profile = Profile::empty(&catalog);
        State {
            catalog: ByPtr(catalog),
            lang,
            today,
            as_of: today,
            profile,
            number_text: IndexMap::default(),
            remember: false,
            filter: Filter::default(),
            expanded: IndexSet::default(),
            open_groups: PerGroup([true, true, true, false, false]),
            limit: PerGroup([PAGE; 5]),
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
