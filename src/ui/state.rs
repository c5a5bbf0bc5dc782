//! The widget's one state and the verbs that change it (the root `use_reducer`). Everything the
//! user can change lives here; the evaluation is derived from it, never stored.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use yew::Reducible;

use crate::catalog::{Catalog, FieldIdx, Lang, Support};
use crate::date::Date;
use crate::profile::{decode_answer, Profile, RawAnswer, Value};

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
    pub zh: String,
    pub en: String,
}

#[derive(Clone, Debug)]
pub struct State {
    pub catalog: Rc<Catalog>,
    pub lang: Lang,
    pub today: Date,
    pub as_of: Date,
    pub profile: Profile,
    /// What is typed in number boxes, kept even when it is not (yet) a valid answer.
    pub number_text: BTreeMap<FieldIdx, String>,
    pub remember: bool,
    pub filter: Filter,
    pub expanded: BTreeSet<usize>,
    /// Which verdict groups are open (eligible and to-confirm start open; the others are
    /// collapsed and their cards not rendered until opened).
    pub open_groups: [bool; 5],
    /// How many cards each group renders (more on request), so long lists stay fast.
    pub limit: [usize; 5],
    pub notices: Vec<Notice>,
    /// A share link made on request, shown for copying.
    pub share_url: Option<String>,
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
            number_text: BTreeMap::new(),
            remember: false,
            filter: Filter::default(),
            expanded: BTreeSet::new(),
            open_groups: [true, true, true, false, false],
            limit: [PAGE; 5],
            notices: Vec::new(),
            share_url: None,
        }
    }

    /// Writes the number answers into the number boxes (after answers were loaded).
    pub fn sync_number_text(&mut self) {
        self.number_text.clear();
        for i in 0..self.catalog.fields.len() {
            if let Some(Value::Number(x)) = self.profile.get(i) {
                self.number_text.insert(i, crate::report::number_text(x));
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
    ClearAnswers,
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
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Choose(f, opt) => {
                s.profile.set(f, opt.map(Value::Choice));
            }
            Action::Toggle(f, k, on) => {
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
                s.profile.set(f, None);
                s.number_text.remove(&f);
            }
            Action::Number(f, text) => {
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
            Action::SetLang(l) => s.lang = l,
            Action::SetAsOf(d) => s.as_of = d,
            Action::SetRemember(r) => s.remember = r,
            Action::ClearAnswers => {
                s.profile = Profile::empty(&s.catalog);
                s.number_text.clear();
                s.expanded.clear();
                s.share_url = None;
            }
            Action::Load { profile, as_of, lang, remember } => {
                s.profile = profile;
                if let Some(d) = as_of {
                    s.as_of = d;
                }
                if let Some(l) = lang {
                    s.lang = l;
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
                    s.notices.push(Notice {
                        error: false,
                        zh: format!("新目录不接受以下回答，已移除：{list}"),
                        en: format!("The new catalog does not accept these answers, so they were removed: {list}"),
                    });
                }
                s.catalog = c;
                s.profile = profile;
                s.sync_number_text();
                s.expanded.clear();
                s.filter = Filter::default();
                s.share_url = None;
            }
        }
        Rc::new(s)
    }
}
