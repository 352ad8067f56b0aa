//! Closed vocabularies (units, directions, frequencies, chart kinds, ...): one trait so each
//! gets the same parsing, list of accepted words and did-you-mean. Pure: no I/O.

/// A word from a closed list that content may use.
pub(crate) trait Keyword: Copy + Sized + 'static {
    /// Every accepted value, in the order they are listed in error messages.
    const ALL: &'static [Self];

    /// The word as written in content.
    fn key(self) -> &'static str;

    /// Reads the word; on failure, returns the closest accepted word, if any is close.
    fn parse(text: &str) -> Result<Self, Option<&'static str>> {
        let trimmed = text.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|k| k.key() == trimmed)
            .ok_or_else(|| crate::diag::did_you_mean(trimmed, Self::ALL.iter().map(|k| k.key())))
    }

    /// The accepted words, for "expected: one of ...".
    fn accepted() -> String {
        Self::ALL
            .iter()
            .map(|k| k.key())
            .collect::<Vec<_>>()
            .join(", ")
    }
}
