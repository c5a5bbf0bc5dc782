//! Kleene's three-valued logic: a criterion is met, unmet, or unknown (it depends on an unanswered
//! field). Unknown is never treated as false.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Truth {
    Met,
    Unmet,
    Unknown,
}

impl std::ops::Not for Truth {
    type Output = Truth;
    fn not(self) -> Truth {
        match self {
            Truth::Met => Truth::Unmet,
            Truth::Unmet => Truth::Met,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

impl Truth {
    /// Kleene conjunction: unmet if either is, else unknown if either is, else met.
    #[inline]
    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::Unmet, _) | (_, Truth::Unmet) => Truth::Unmet,
            (Truth::Unknown, _) | (_, Truth::Unknown) => Truth::Unknown,
            (Truth::Met, Truth::Met) => Truth::Met,
        }
    }

    /// Kleene disjunction: met if either is, else unknown if either is, else unmet.
    #[inline]
    pub fn or(self, other: Truth) -> Truth {
        !(!self).and(!other)
    }

    /// Kleene conjunction over any number of values (`Met` for none).
    pub fn all(values: impl IntoIterator<Item = Truth>) -> Truth {
        values.into_iter().fold(Truth::Met, Truth::and)
    }

    /// Kleene disjunction over any number of values (`Unmet` for none).
    pub fn any(values: impl IntoIterator<Item = Truth>) -> Truth {
        values.into_iter().fold(Truth::Unmet, Truth::or)
    }

    pub fn from_bool(b: bool) -> Truth {
        if b {
            Truth::Met
        } else {
            Truth::Unmet
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::Truth::{self, *};

    #[test]
    fn kleene_tables() {
        assert_eq!(Truth::all([Met, Unknown]), Unknown);
        assert_eq!(Truth::all([Unknown, Unmet]), Unmet);
        assert_eq!(Truth::all([Met, Met]), Met);
        assert_eq!(Truth::any([Unmet, Unknown]), Unknown);
        assert_eq!(Truth::any([Unknown, Met]), Met);
        assert_eq!(Truth::any([Unmet, Unmet]), Unmet);
        assert_eq!(!Unknown, Unknown);
        assert_eq!(!Met, Unmet);
        assert_eq!(Truth::all([]), Met);
        assert_eq!(Truth::any([]), Unmet);
    }
}
