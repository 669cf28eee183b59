//! # quire
//!
//! Untrusted article Markdown to safe, well-structured HTML: one pure core with three faces,
//! this Rust API, a JavaScript API compiled to WebAssembly, and the `quire` command-line tool.
//! All three take the same options (one camelCase JSON schema) and give the same HTML.
//!
//! ```
//! let markdown = "# Hello\n\nBy Ada\n\n<img src=x onerror=alert(1)> *world*";
//! let article = quire::render(markdown, &quire::Options::default())?;
//! assert_eq!(article.title.as_deref(), Some("Hello"));
//! assert_eq!(article.author.as_deref(), Some("Ada"));
//! assert!(article.html.starts_with("<article>\n<header>\n<h1>Hello</h1>"));
//! assert!(article.html.contains("<p><img src=\"x\"> <em>world</em></p>"));
//! # Ok::<(), quire::Error>(())
//! ```
//!
//! Raw HTML is cleaned by one sanitizer policy, URLs are limited to http, https, mailto and tel
//! (or relative), and every id is prefixed (`user-content-`) so a document cannot clobber the
//! host page's globals. Bad input is an [`Error`], never a panic.

mod article;
mod error;
mod html;
mod limits;
mod markdown;
mod options;
mod render;
mod sanitize;
mod sort;
mod stream;
#[cfg(test)]
mod test_random;
mod urls;
mod warning;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use article::pasted::{Recovery, RecoveryKind};
pub use article::{Article, TocEntry};
pub use error::{BuildFeature, Error};
pub use options::{Options, PastedText, Preset, RawHtml};
pub use sanitize::removed::{Removal, RemovalKind};
pub use stream::{Stream, StreamUpdate};
pub use warning::Warning;

/// Renders `markdown` with `options`.
///
/// Fails only on invalid options or input larger than `options.max_input_bytes`; any other
/// input, however malformed, renders. (A build without one of the default features also refuses,
/// with [`Error::FeatureNeeded`], a document that needs it: raw HTML that only ammonia can clean,
/// front matter beyond the common YAML.)
pub fn render(markdown: &str, options: &Options) -> Result<Article, Error> {
    render::render(markdown, options)
}

/// Cleans an HTML fragment with the same sanitizer policy that `render` applies to raw HTML
/// (for HTML from elsewhere, and to check that sanitizing quire's output changes nothing).
///
/// ```
/// let clean = quire::sanitize_html("<p onclick=\"x()\">hi<script>x()</script></p>", &quire::Options::default())?;
/// assert_eq!(clean, "<p>hi</p>");
/// # Ok::<(), quire::Error>(())
/// ```
pub fn sanitize_html(html: &str, options: &Options) -> Result<String, Error> {
    render::sanitize_html(html, options)
}

// The README's Rust examples compile and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
