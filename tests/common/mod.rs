//! Shared helpers for the integration tests: the bundled catalog, and a tiny deterministic PRNG.
#![allow(dead_code)]

use std::path::PathBuf;

use policy_matcher::catalog::{self, Catalog};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn bundled() -> Catalog {
    catalog::load(&root().join("data")).unwrap_or_else(|e| panic!("the bundled catalog must pass check:\n{e}"))
}

/// xorshift64*: deterministic, dependency-free randomness for property tests.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}
