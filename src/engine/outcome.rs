//! Kleene's three-valued logic: a criterion is met, unmet, or unknown (it depends on an unanswered
//! field). Unknown is never treated as false.

use serde::Serialize;

///
/// The values are ordered unmet < unknown < met (the discriminants 0, 1, 2), so that Kleene's
/// conjunction is the smaller of two values, the disjunction the larger, and negation `2 - x`:
/// arithmetic without branches, which matters to the evaluator's innermost loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[repr(u8)]
pub enum Truth {
    Met = 2,
    Unmet = 0,
    Unknown = 1,
}

impl std::ops::Not for Truth {
    type Output = Truth;
    #[inline]
    fn not(self) -> Truth {
        Truth::from_u8(2 - self as u8)
    }
}

impl Truth {
    /// The value with discriminant `v` (0, 1 or 2; anything larger is met).
    #[inline]
    pub(crate) const fn from_u8(v: u8) -> Truth {
        match v {
            0 => Truth::Unmet,
            1 => Truth::Unknown,
            _ => Truth::Met,
        }
    }

    /// Kleene conjunction: unmet if either is, else unknown if either is, else met.
    #[inline]
    pub fn and(self, other: Truth) -> Truth {
        if (other as u8) < (self as u8) {
            other
        } else {
            self
        }
    }

    /// Kleene disjunction: met if either is, else unknown if either is, else unmet.
    #[inline]
    pub fn or(self, other: Truth) -> Truth {
        if (other as u8) > (self as u8) {
            other
        } else {
            self
        }
    }

    /// Kleene conjunction over any number of values (`Met` for none).
    pub fn all(values: impl IntoIterator<Item = Truth>) -> Truth {
        values.into_iter().fold(Truth::Met, Truth::and)
    }

    /// Kleene disjunction over any number of values (`Unmet` for none).
    pub fn any(values: impl IntoIterator<Item = Truth>) -> Truth {
        values.into_iter().fold(Truth::Unmet, Truth::or)
    }

    #[inline]
    pub const fn from_bool(b: bool) -> Truth {
        Truth::from_u8(2 * b as u8)
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

    /// The arithmetic forms agree with Kleene's tables, written out.
    #[test]
    fn arithmetic_is_kleene() {
        let all = [Met, Unmet, Unknown];
        for a in all {
            for b in all {
                let and = match (a, b) {
                    (Unmet, _) | (_, Unmet) => Unmet,
                    (Unknown, _) | (_, Unknown) => Unknown,
                    _ => Met,
                };
                let or = match (a, b) {
                    (Met, _) | (_, Met) => Met,
                    (Unknown, _) | (_, Unknown) => Unknown,
                    _ => Unmet,
                };
                assert_eq!(a.and(b), and, "{a:?} and {b:?}");
                assert_eq!(a.or(b), or, "{a:?} or {b:?}");
            }
            let not = match a {
                Met => Unmet,
                Unmet => Met,
                Unknown => Unknown,
            };
            assert_eq!(!a, not);
        }
    }
}
