//! The result of a render: HTML plus what we learned about the document.

use serde::Serialize;

/// A rendered article. Serializes to camelCase JSON, the same object JavaScript receives.
///
/// The struct is `#[non_exhaustive]`: fields are added as the article model grows, without
/// breaking code that reads the existing ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Article {
    /// The HTML fragment, safe to insert into a page unless `rawHtml` is `trusted`.
    pub html: String,
    /// Plain text of the first level-1 heading, if there is one.
    pub title: Option<String>,
    /// Every heading except the one used as the title, in document order.
    pub toc: Vec<TocEntry>,
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
}
