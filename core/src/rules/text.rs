//! [`Text`]: a line's text, borrowed from the input or its own. Its own text is kept inline
//! when short (up to 24 bytes: most ids and descriptions), so reading a line copies it without
//! an allocation, and dropping the lines frees nothing for it.

use std::fmt;
use std::ops::Deref;

use compact_str::CompactString;

/// A line's text field (shown by `Debug` as its text, borrowed or not).
#[derive(Clone)]
pub(crate) enum Text<'a> {
    /// Borrowed from the input, which outlives the lines.
    Borrowed(&'a str),
    /// A copy of its own.
    Owned(CompactString),
}

impl<'a> Text<'a> {
    /// A copy of `text`.
    pub fn copied(text: &str) -> Self {
        Text::Owned(CompactString::new(text))
    }

    /// The same text, owned.
    pub fn into_owned(self) -> Text<'static> {
        match self {
            Text::Borrowed(text) => Text::copied(text),
            Text::Owned(text) => Text::Owned(text),
        }
    }
}

impl Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Borrowed(text) => text,
            Text::Owned(text) => text,
        }
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}
