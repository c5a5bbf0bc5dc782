//! The widget's state as Yew sees it: `session::State` is the root `use_reducer`, and a verb is
//! applied by the yew-free `State::apply` (tested natively in `session`).

use std::rc::Rc;

pub use crate::session::*;

impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}
