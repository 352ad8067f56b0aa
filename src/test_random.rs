//! A small seeded random generator (xorshift64) for tests that try many generated inputs:
//! the same seed gives the same inputs on every run, so a failure can be reproduced.

/// Xorshift64: fast, deterministic, and good enough to spread test inputs.
pub(crate) struct Xorshift(u64);

impl Xorshift {
    /// A generator started from `seed` (which must not be 0).
    pub(crate) fn new(seed: u64) -> Self {
        Xorshift(seed)
    }

    /// The next number.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
