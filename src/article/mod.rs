//! The result of a render: HTML plus what we learned about the document.

pub(crate) mod front_matter;
pub(crate) mod header;
pub(crate) mod lead;
pub(crate) mod pasted;
pub(crate) mod summary;
pub(crate) mod text;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::{Recovery, Removal, Warning};

/// A rendered article. Serializes to camelCase JSON, the same object JavaScript receives and
/// `quire --json` prints.
///
/// The struct is `#[non_exhaustive]`: fields are added as the article model grows, without
/// breaking code that reads the existing ones.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Article {
    /// The HTML, safe to insert into a page unless `rawHtml` is `trusted`. With the article
    /// preset it is an `<article>` with a `<header>` (unless `bodyOnly`).
    pub html: String,
    /// Front matter `title`, else the title of pasted text, else the leading `# Title`, else the
    /// first level-1 heading.
    pub title: Option<String>,
    /// The authors joined for display (`A, B and C`).
    pub author: Option<String>,
    /// Front matter `author`/`authors`, else the names of a byline (a leading `By …` line; in pasted
    /// text, the byline's shapes listed in the README).
    pub authors: Vec<String>,
    /// Front matter `date`, as written (ISO 8601 expected); in pasted text, the date of the byline
    /// or date line, read to `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Front matter `updated`, as written; in pasted text, an `Updated …` date.
    pub updated: Option<String>,
    /// Front matter `description`; in pasted text, the dek under the title.
    pub description: Option<String>,
    /// The description, else the text before `<!-- more -->`, else the first paragraph; cut at a
    /// word boundary near 200 characters with an ellipsis.
    pub excerpt: Option<String>,
    /// Front matter `tags`.
    pub tags: Vec<String>,
    /// Front matter `lang` (set on the `<article>`).
    pub lang: Option<String>,
    /// Front matter `dir`: `ltr`, `rtl` or `auto` (set on the `<article>`).
    pub dir: Option<String>,
    /// Front matter `image` (resolved against `baseUrl`), else the first image in the body.
    pub image: Option<String>,
    /// Front matter `canonical`.
    pub canonical: Option<String>,
    /// Words in the body's text (code included, markup, title and byline not); each CJK character
    /// counts as a word.
    pub word_count: usize,
    /// Minutes to read at 230 words or 500 CJK characters a minute, rounded up; at least 1.
    pub reading_minutes: usize,
    /// Every heading below the title, in document order, up to `tocMaxLevel`.
    pub toc: Vec<TocEntry>,
    /// Front matter keys other than the known ones, as JSON values.
    pub front_matter: Map<String, Value>,
    /// Every link destination, in order, as rendered (resolved against `baseUrl`).
    pub links: Vec<String>,
    /// Every image source, in order, as rendered (resolved against `baseUrl`).
    pub images: Vec<String>,
    /// What was wrong with the input but did not stop the render (malformed front matter, ...).
    pub warnings: Vec<Warning>,
    /// What the sanitizer removed from the raw HTML and links (elements, attributes, URLs), with
    /// the line of each, in source order; empty when `rawHtml` is `trusted`.
    pub removed: Vec<Removal>,
    /// What was recovered from plain text pasted from a web page (title, dek, byline, dates,
    /// sections, quotes) and what was removed from it as page debris, with the line and the
    /// reason of each, in source order; empty unless the document was read as pasted text.
    pub recovered: Vec<Recovery>,
}

/// One heading of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TocEntry {
    /// 1 to 6.
    pub level: u8,
    /// The element id (prefix included) when heading ids are on.
    pub id: Option<String>,
    /// The heading's plain text.
    pub text: String,
    /// The input line the heading starts on (1-based), with `sourceLines`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}
