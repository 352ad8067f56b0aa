//! Splitting a Markdown file into its YAML front matter and its body.
//!
//! Front matter is a block that starts on the first line with `---` and ends at the next line
//! that is exactly `---`. The YAML's first line is line 2 of the file, so positions inside it
//! are shifted by one line.

/// A Markdown file split into front matter and body.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    /// How many lines of the file come before the front matter's first line.
    pub line_offset: usize,
    pub body: &'a str,
}

/// Why a file has no usable front matter.
#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with `---`.
    Missing,
    /// `---` opens a block that is never closed.
    Unclosed,
}

pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let Some(rest) = text.strip_prefix("---") else {
        return Err(SplitError::Missing);
    };
    let Some(rest) = rest.trim_start_matches([' ', '\t']).strip_prefix('\n') else {
        return Err(SplitError::Missing);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front_matter = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                front_matter,
                line_offset: 1,
                body: body.strip_prefix('\n').unwrap_or(body),
            });
        }
        offset += line.len();
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let split = split("---\ntitle: A\n---\n\nBody text.\n").unwrap();
        assert_eq!(split.front_matter, "title: A\n");
        assert_eq!(split.line_offset, 1);
        assert_eq!(split.body, "Body text.\n");
    }

    #[test]
    fn a_rule_inside_the_body_is_not_a_delimiter() {
        let split = split("---\ntitle: A\n---\nOne\n\n---\n\nTwo\n").unwrap();
        assert_eq!(split.body, "One\n\n---\n\nTwo\n");
    }

    #[test]
    fn empty_front_matter_and_no_body() {
        let split = split("---\n---\n").unwrap();
        assert_eq!(split.front_matter, "");
        assert_eq!(split.body, "");
    }

    #[test]
    fn missing_or_unclosed_front_matter() {
        assert_eq!(split("# Title\n"), Err(SplitError::Missing));
        assert_eq!(split(""), Err(SplitError::Missing));
        assert_eq!(split("----\ntitle: a\n"), Err(SplitError::Missing));
        assert_eq!(split("---\ntitle: A\n"), Err(SplitError::Unclosed));
    }
}
