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
    /// Kleene conjunction over any number of values (`Met` for none).
    pub fn all(values: impl IntoIterator<Item = Truth>) -> Truth {
        let mut out = Truth::Met;
        for v in values {
            match v {
                Truth::Unmet => return Truth::Unmet,
                Truth::Unknown => out = Truth::Unknown,
                Truth::Met => {}
            }
        }
        out
    }

    /// Kleene disjunction over any number of values (`Unmet` for none).
    pub fn any(values: impl IntoIterator<Item = Truth>) -> Truth {
        let mut out = Truth::Unmet;
        for v in values {
            match v {
                Truth::Met => return Truth::Met,
                Truth::Unknown => out = Truth::Unknown,
                Truth::Unmet => {}
            }
        }
        out
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
