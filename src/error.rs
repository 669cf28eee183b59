//! The one error type of every face (Rust, JS, CLI).

use std::fmt;

/// Why a render was refused. Bad input is always reported as one of these, never as a panic.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The options object is malformed: an unknown key, a wrong type or a value out of range.
    /// The message names the key and the valid choices.
    InvalidOptions(String),
    /// The Markdown is larger than `maxInputBytes`.
    InputTooLarge {
        /// Size of the input in UTF-8 bytes.
        size: usize,
        /// The limit in force.
        limit: usize,
    },
    /// The Markdown (or HTML) argument was not a string (only reachable from JavaScript).
    NotAString(String),
    /// The document has raw HTML to sanitize (or asks for `sanitize_html`), and this build has no
    /// sanitizer: only the web package's core module, built without the `sanitizer` feature, says
    /// this; its JavaScript wrapper then loads the full module.
    SanitizerNeeded,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidOptions(why) => write!(f, "quire: invalid options: {why}"),
            Error::InputTooLarge { size, limit } => write!(
                f,
                "quire: input is {size} bytes, larger than maxInputBytes ({limit}); raise the option to render it"
            ),
            Error::NotAString(got) => write!(f, "quire: the input must be a string, got {got}"),
            Error::SanitizerNeeded => write!(
                f,
                "quire: this document has raw HTML, which needs the sanitizer module: `await loadSanitizer()` \
                 first, or use the async functions (renderArticleAsync, renderHtmlAsync, renderIntoAsync)"
            ),
        }
    }
}

impl std::error::Error for Error {}
