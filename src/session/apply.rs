//! The reducer: [`State::apply`] takes one [`Action`] and returns the next state. It is a short
//! `match` that hands each verb to a method of its own, grouped below by what the verb changes:
//! the answers, guided mode, the languages and the catalog, what the results show, the notices.

use std::rc::Rc;

use super::{Action, ByPtr, Filter, Guide, GuideAt, Mode, Notice, State, PAGE};
use crate::catalog::{Catalog, Details, FieldIdx, Lang};
use crate::date::Date;
use crate::engine::PerGroup;
use crate::profile::{decode_answer, Profile, RawAnswer, Value};
use crate::words::{self, parse_number};

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
            // The answers.
            Action::Choose(f, opt) => s.choose(f, opt),
            Action::Toggle(f, k, on) => s.toggle(f, k, on),
            Action::Clear(f) => s.clear_answer(f),
            Action::Number(f, text) => s.type_number(f, text),
            Action::SetAsOf(d) => s.as_of = d,
            Action::SetRemember(r) => s.remember = r,
            Action::ClearAnswers => s.clear_answers(),
            Action::Undo => s.undo_clear(),
            Action::OpenLink(fragment) => s.open_link(&fragment),
            Action::Load { profile, as_of, lang, remember } => s.load(profile, as_of, lang, remember),
            // Guided mode.
            Action::SetMode(m) => s.mode = m,
            Action::GuideTo { from, next, skip } => s.guide_to(from, next, skip),
            Action::GuideBack => s.guide_back(),
            Action::GuideRestart => s.guide = Guide::default(),
            Action::Ask(f) => s.ask(f),
            // The languages and the catalog.
            Action::SetLang(l) => s.set_lang(l),
            Action::AddLanguage(other) => s.add_language(&other),
            Action::AddDetails(d) => s.add_details(&d),
            Action::NeedTexts(l) => s.need_texts(l),
            Action::LanguageFailed(l, why) => s.texts_failed(l, &why),
            Action::SetCatalog(c) => s.set_catalog(c),
            // What the results show.
            Action::SetFilter(f) => s.filter = f,
            Action::Expand(m, on) => s.expand(m, on),
            Action::ExpandAll => s.expand_all(),
            Action::OpenGroup(v, open) => s.open_groups[v] = open,
            Action::ShowMore(v) => s.limit[v] = s.limit[v].saturating_add(PAGE * 5),
            Action::ShareUrl(u) => s.share_url = u,
            // The notices.
            Action::Notify(n) => s.notify(n),
            Action::Dismiss(i) => s.dismiss(i),
        }
        s.settled()
    }
}

// The answers.
impl State {
    fn choose(&mut self, f: FieldIdx, opt: Option<usize>) {
        self.undo = None;
        self.profile.set(f, opt.map(Value::Choice));
    }

    fn toggle(&mut self, f: FieldIdx, k: usize, on: bool) {
        self.undo = None;
        let field = &self.catalog.fields[f];
        let exclusive = field.options[k].exclusive;
        let current = match self.profile.get(f) {
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
        self.profile.set(f, next.map(Value::Set));
    }

    fn clear_answer(&mut self, f: FieldIdx) {
        self.undo = None;
        self.profile.set(f, None);
        self.number_text.remove(&f);
    }

    fn type_number(&mut self, f: FieldIdx, text: String) {
        self.undo = None;
        let field = &self.catalog.fields[f];
        let year = self.as_of.year();
        let value = parse_number(&text).and_then(|x| decode_answer(field, &RawAnswer::Number(x), year).ok().flatten());
        self.profile.set(f, value);
        if text.trim().is_empty() {
            self.number_text.remove(&f);
        } else {
            self.number_text.insert(f, text);
        }
    }

    fn clear_answers(&mut self) {
        self.undo = Some(std::mem::replace(&mut self.profile, Profile::empty(&self.catalog)));
        self.number_text.clear();
        self.expanded.clear();
        self.share_url = None;
        self.guide = Guide::default();
    }

    fn undo_clear(&mut self) {
        if let Some(p) = self.undo.take() {
            self.profile = p;
            self.sync_number_text();
        }
    }

    fn open_link(&mut self, fragment: &str) {
        let c = self.catalog.clone();
        match crate::share::decode_fragment(&c, fragment, self.today.year()) {
            Ok(shared) => {
                if shared.version != c.version {
                    let text = words::ui::link_from_other_catalog(&shared.version, &c.version);
                    self.notices.push(Notice { error: false, text });
                }
                self.profile = shared.profile;
                self.as_of = shared.as_of.unwrap_or(self.as_of);
                if let Some(l) = shared.lang {
                    self.lang = l;
                    self.wanted_lang = None; // replaces one still waiting for its texts
                }
                self.undo = None;
                self.guide = Guide::default();
                self.sync_number_text();
            }
            Err(e @ crate::share::ShareError::Invalid(_)) => {
                self.notices.push(Notice { error: true, text: words::ui::share_link_unreadable(|l| e.text(l)) })
            }
            Err(crate::share::ShareError::NotOurs) => {}
        }
    }

    fn load(&mut self, profile: Profile, as_of: Option<Date>, lang: Option<Lang>, remember: bool) {
        self.profile = profile;
        self.undo = None;
        if let Some(d) = as_of {
            self.as_of = d;
        }
        if let Some(l) = lang {
            self.lang = l;
            self.wanted_lang = None; // replaces one still waiting for its texts
        }
        self.remember |= remember;
        self.sync_number_text();
    }
}

// Guided mode.
impl State {
    fn guide_to(&mut self, from: FieldIdx, next: Option<FieldIdx>, skip: bool) {
        self.guide.history.push(from);
        if skip {
            self.guide.skipped.insert(from);
        }
        self.guide.at = next.map_or(GuideAt::Done, GuideAt::Question);
    }

    fn guide_back(&mut self) {
        if let Some(f) = self.guide.history.pop() {
            self.guide.skipped.remove(&f);
            self.guide.at = GuideAt::Question(f);
        }
    }

    fn ask(&mut self, f: FieldIdx) {
        if self.mode == Mode::Guided {
            if let GuideAt::Question(c) = self.guide.at {
                if c != f {
                    self.guide.history.push(c);
                }
            }
            self.guide.skipped.remove(&f);
            self.guide.at = GuideAt::Question(f);
        }
    }
}

// The languages and the catalog.
impl State {
    fn set_lang(&mut self, l: Lang) {
        self.lang = l;
        self.wanted_lang = None;
    }

    fn add_language(&mut self, other: &Catalog) {
        let mut c = (*self.catalog).clone();
        if c.add_language(other) {
            self.catalog = ByPtr(Rc::new(c));
        } else if let Some(l) = self.wanted_lang.take() {
            self.notices.push(language_failed(l, "the texts belong to another catalog version"));
        }
    }

    fn add_details(&mut self, d: &Details) {
        let mut c = (*self.catalog).clone();
        if c.add_details(d) {
            self.catalog = ByPtr(Rc::new(c));
        }
    }

    fn need_texts(&mut self, l: Lang) {
        if !self.catalog.speaks(l) {
            self.extra_lang = Some(l);
        }
    }

    fn texts_failed(&mut self, l: Lang, why: &str) {
        if self.extra_lang == Some(l) {
            self.extra_lang = None; // a search simply finds less
        }
        if self.wanted_lang == Some(l) {
            self.wanted_lang = None;
            self.notices.push(language_failed(l, why));
        }
    }

    /// Switches to another catalog, keeping the answers it accepts and saying which it dropped.
    fn set_catalog(&mut self, c: Rc<Catalog>) {
        let year = self.as_of.year();
        let mut profile = Profile::empty(&c);
        let mut dropped = Vec::new();
        for (id, answer) in self.profile.to_raw(&self.catalog) {
            match c.field_index(&id).map(|f| (f, decode_answer(&c.fields[f], &answer, year))) {
                Some((f, Ok(v))) => profile.set(f, v),
                _ => dropped.push(id),
            }
        }
        if !dropped.is_empty() {
            let list = dropped.join(", ");
            self.notices.push(Notice { error: false, text: words::ui::answers_removed(&list) });
        }
        self.catalog = ByPtr(c);
        self.profile = profile;
        self.sync_number_text();
        self.expanded.clear();
        self.filter = Filter::default();
        self.share_url = None;
    }
}

// What the results show, and the notices.
impl State {
    fn expand(&mut self, m: usize, on: bool) {
        if on {
            self.expanded.insert(m);
        } else {
            self.expanded.remove(&m);
        }
    }

    /// Opens every group, renders every card and expands it (print).
    fn expand_all(&mut self) {
        self.expanded = (0..self.catalog.measures.len()).collect();
        self.open_groups = PerGroup([true; 5]);
        self.limit = PerGroup([usize::MAX; 5]);
    }

    fn notify(&mut self, n: Notice) {
        if !self.notices.contains(&n) {
            self.notices.push(n)
        }
    }

    fn dismiss(&mut self, i: usize) {
        if i < self.notices.len() {
            self.notices.remove(i);
        }
    }
}

/// The notice for a language whose texts could not be fetched.
fn language_failed(l: Lang, why: &str) -> Notice {
    Notice { error: true, text: words::ui::language_failed(l, why) }
}
