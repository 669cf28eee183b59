//! The event adapters over pulldown-cmark's events, in the order `render` chains them: each
//! owns one concern and passes on what it does not handle. Those after the nesting bound
//! (`html::depth`) hand on typed nodes of our own markup.

pub(crate) mod autolink;
pub(crate) mod definitions;
pub(crate) mod footnotes;
pub(crate) mod headings;
pub(crate) mod images;
pub(crate) mod links;
pub(crate) mod quotes;
pub(crate) mod raw_html;
pub(crate) mod source_lines;
pub(crate) mod tagfilter;
