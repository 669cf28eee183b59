//! The article's frame, written from its metadata: `<article lang dir>`, a `<header>` with the
//! title, dek, byline, date and reading time, and optionally a `<nav class="toc">` table of contents.
//! Every value is escaped: they come from the document.

use pulldown_cmark_escape::escape_html;

use crate::TocEntry;

pub(crate) struct Frame<'m> {
    pub title: Option<&'m str>,
    /// The line under a pasted page's headline (front matter descriptions are for listings and
    /// feeds, and are not shown).
    pub dek: Option<&'m str>,
    pub authors: &'m [String],
    pub date: Option<&'m str>,
    pub reading_minutes: usize,
    pub lang: Option<&'m str>,
    pub dir: Option<&'m str>,
}

/// `<article …>` and its header; the body and [`close`] follow.
pub(crate) fn open(frame: &Frame<'_>, out: &mut String) {
    out.push_str("<article");
    if let Some(lang) = frame.lang {
        attribute(out, "lang", lang);
    }
    if let Some(dir) = frame.dir {
        attribute(out, "dir", dir);
    }
    out.push_str(">\n<header>\n");
    if let Some(title) = frame.title {
        out.push_str("<h1>");
        text(out, title);
        out.push_str("</h1>\n");
    }
    if let Some(dek) = frame.dek {
        out.push_str("<p class=\"dek\">");
        text(out, dek);
        out.push_str("</p>\n");
    }
    if !frame.authors.is_empty() {
        out.push_str("<p class=\"byline\">By ");
        for (i, author) in frame.authors.iter().enumerate() {
            out.push_str(match i {
                0 => "",
                i if i + 1 == frame.authors.len() => " and ",
                _ => ", ",
            });
            out.push_str("<span class=\"author\">");
            text(out, author);
            out.push_str("</span>");
        }
        out.push_str("</p>\n");
    }
    out.push_str("<p class=\"article-meta\">");
    if let Some(date) = frame.date {
        out.push_str("<time");
        attribute(out, "datetime", date);
        out.push('>');
        text(out, date);
        out.push_str("</time> · ");
    }
    out.push_str(&format!(
        "<span class=\"reading-time\">{} min read</span></p>\n</header>\n",
        frame.reading_minutes
    ));
}

pub(crate) fn close(out: &mut String) {
    out.push_str("</article>\n");
}

/// A nested list of links to the headings (those with ids) up to `max_level`.
pub(crate) fn toc_nav(toc: &[TocEntry], max_level: u8, out: &mut String) {
    let entries: Vec<&TocEntry> = toc.iter().filter(|e| e.level <= max_level && e.id.is_some()).collect();
    if entries.is_empty() {
        return;
    }
    out.push_str("<nav class=\"toc\" aria-label=\"Contents\">\n");
    // Levels of the open lists; a deeper heading opens a list inside the current item.
    let mut open: Vec<u8> = Vec::new();
    for entry in entries {
        while open.last().is_some_and(|&level| level > entry.level) {
            out.push_str("</li>\n</ol>\n");
            open.pop();
        }
        match open.last() {
            Some(&level) if level == entry.level => out.push_str("</li>\n"),
            _ => {
                out.push_str("<ol>\n");
                open.push(entry.level);
            }
        }
        out.push_str("<li><a href=\"#");
        text(out, entry.id.as_deref().unwrap_or_default());
        out.push_str("\">");
        text(out, &entry.text);
        out.push_str("</a>");
    }
    for _ in open {
        out.push_str("</li>\n</ol>\n");
    }
    out.push_str("</nav>\n");
}

fn attribute(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    text(out, value);
    out.push('"');
}

fn text(out: &mut String, value: &str) {
    // Writing into a String cannot fail.
    let _ = escape_html(out, value);
}
