//! The article's frame, written from its metadata: `<article lang dir>`, a `<header>` with the
//! title, dek, byline, date and reading time, and optionally a `<nav class="toc">` table of contents.
//! Every value is escaped: they come from the document.

use std::borrow::Cow;

use crate::html::writer::Writer;
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
pub(crate) fn open(frame: &Frame<'_>, out: &mut Writer<'_>) {
    let mut attributes = Vec::new();
    if let Some(lang) = frame.lang {
        attributes.push(("lang", Cow::Borrowed(lang)));
    }
    if let Some(dir) = frame.dir {
        attributes.push(("dir", Cow::Borrowed(dir)));
    }
    out.start("article", attributes);
    out.text("\n");
    out.start("header", Vec::new());
    out.text("\n");
    if let Some(title) = frame.title {
        element(out, "h1", None, title);
    }
    if let Some(dek) = frame.dek {
        element(out, "p", Some("dek"), dek);
    }
    if !frame.authors.is_empty() {
        out.start("p", class("byline"));
        out.text("By ");
        for (i, author) in frame.authors.iter().enumerate() {
            out.text(match i {
                0 => "",
                i if i + 1 == frame.authors.len() => " and ",
                _ => ", ",
            });
            out.start("span", class("author"));
            out.text(author);
            out.end("span");
        }
        out.end("p");
        out.text("\n");
    }
    out.start("p", class("article-meta"));
    if let Some(date) = frame.date {
        out.start("time", vec![("datetime", Cow::Borrowed(date))]);
        out.text(date);
        out.end("time");
        out.text(" · ");
    }
    out.start("span", class("reading-time"));
    out.text(&format!("{} min read", frame.reading_minutes));
    out.end("span");
    out.end("p");
    out.text("\n");
    out.end("header");
    out.text("\n");
}

pub(crate) fn close(out: &mut Writer<'_>) {
    out.end("article");
    out.text("\n");
}

/// A nested list of links to the headings (those with ids) up to `max_level`.
pub(crate) fn toc_nav(toc: &[TocEntry], max_level: u8, out: &mut Writer<'_>) {
    let entries: Vec<&TocEntry> = toc.iter().filter(|e| e.level <= max_level && e.id.is_some()).collect();
    if entries.is_empty() {
        return;
    }
    out.start(
        "nav",
        vec![
            ("class", Cow::Borrowed("toc")),
            ("aria-label", Cow::Borrowed("Contents")),
        ],
    );
    out.text("\n");
    // Levels of the open lists; a deeper heading opens a list inside the current item.
    let mut open: Vec<u8> = Vec::new();
    for entry in entries {
        while open.last().is_some_and(|&level| level > entry.level) {
            close_item_and_list(out);
            open.pop();
        }
        match open.last() {
            Some(&level) if level == entry.level => {
                out.end("li");
                out.text("\n");
            }
            _ => {
                out.start("ol", Vec::new());
                out.text("\n");
                open.push(entry.level);
            }
        }
        out.start("li", Vec::new());
        let href = format!("#{}", entry.id.as_deref().unwrap_or_default());
        out.start("a", vec![("href", Cow::Owned(href))]);
        out.text(&entry.text);
        out.end("a");
    }
    for _ in open {
        close_item_and_list(out);
    }
    out.end("nav");
    out.text("\n");
}

fn close_item_and_list(out: &mut Writer<'_>) {
    out.end("li");
    out.text("\n");
    out.end("ol");
    out.text("\n");
}

fn element(out: &mut Writer<'_>, name: &'static str, class_name: Option<&'static str>, text: &str) {
    out.start(name, class_name.map(class).unwrap_or_default());
    out.text(text);
    out.end(name);
    out.text("\n");
}

fn class(name: &'static str) -> Vec<(&'static str, Cow<'static, str>)> {
    vec![("class", Cow::Borrowed(name))]
}
