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
    /// The document needs a part of quire that this build was compiled without: raw HTML to
    /// sanitize (or a `sanitize_html` call) needs the `sanitizer` feature, a front matter block to
    /// read needs the `front-matter` feature. Only the web package's core module, built without
    /// both, says this; its JavaScript wrapper then loads the full module and renders there, and
    /// the two give the same HTML for every document the core module renders.
    FeatureNeeded(BuildFeature),
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
            Error::FeatureNeeded(feature) => write!(
                f,
                "quire: this document has {}, which needs the full module (the `{}` feature): \
                 `await loadSanitizer()` first, or use the async functions (renderArticleAsync, renderHtmlAsync, \
                 renderIntoAsync)",
                feature.needed_for(),
                feature.name()
            ),
        }
    }
}

impl std::error::Error for Error {}

/// An optional part of quire: a cargo feature, on by default. The web package's core module is
/// built without them and refuses what needs them with [`Error::FeatureNeeded`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildFeature {
    /// `sanitizer`: the HTML sanitizer (ammonia, html5ever), for raw HTML the fast path gives up on.
    Sanitizer,
    /// `front-matter`: the YAML and TOML parsers, for front matter beyond the common YAML.
    FrontMatter,
    /// `pasted-text`: the rules that recover an article from plain text pasted from a web page,
    /// for a document of plain paragraphs long enough to be read so (or `pastedText: "always"`).
    PastedText,
}

impl BuildFeature {
    /// The cargo feature's name: `"sanitizer"`, `"front-matter"` or `"pasted-text"`.
    pub fn name(self) -> &'static str {
        match self {
            BuildFeature::Sanitizer => "sanitizer",
            BuildFeature::FrontMatter => "front-matter",
            BuildFeature::PastedText => "pasted-text",
        }
    }

    /// What in a document needs it, for the error message.
    fn needed_for(self) -> &'static str {
        match self {
            BuildFeature::Sanitizer => "raw HTML beyond what the fast path cleans",
            BuildFeature::FrontMatter => "front matter beyond the common YAML",
            BuildFeature::PastedText => "plain text that may be pasted from a web page",
        }
    }
}
