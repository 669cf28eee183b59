//! Event adapter for footnotes, written as GitHub and cmark-gfm do: references become numbered
//! superscript links in order of first reference, and the definitions that are referenced move to
//! a `<section class="footnotes">` list at the end, each with links back to its references.

use std::collections::HashMap;
use std::fmt::Write;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::headings::github_slug;

pub(crate) struct Footnotes<'a, I> {
    events: I,
    id_prefix: &'a str,
    /// Each definition's events (without its start and end), by label.
    definitions: HashMap<CowStr<'a>, Vec<Event<'a>>>,
    /// Labels in order of first reference; a label's number is its index + 1.
    order: Vec<CowStr<'a>>,
    /// Per label: number, and how many references it has had so far.
    numbers: HashMap<CowStr<'a>, (usize, usize)>,
    /// The footnote section, once the main flow is exhausted.
    tail: Option<std::vec::IntoIter<Event<'a>>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Footnotes<'a, I> {
    pub fn new(events: I, id_prefix: &'a str) -> Self {
        Footnotes {
            events,
            id_prefix,
            definitions: HashMap::new(),
            order: Vec::new(),
            numbers: HashMap::new(),
            tail: None,
        }
    }

    /// `<sup>` link for one reference; the n-th reference to a note gets its own id for the way back.
    fn reference(&mut self, label: CowStr<'a>) -> Event<'a> {
        let next_number = self.order.len() + 1;
        let (number, count) = self.numbers.entry(label.clone()).or_insert((next_number, 0));
        *count += 1;
        let (number, count) = (*number, *count);
        if number == next_number && count == 1 {
            self.order.push(label.clone());
        }
        let slug = github_slug(&label);
        let prefix = self.id_prefix;
        let suffix = if count > 1 { format!("-{count}") } else { String::new() };
        Event::InlineHtml(CowStr::from(format!(
            "<sup class=\"footnote-ref\"><a href=\"#{prefix}fn-{slug}\" id=\"{prefix}fnref-{slug}{suffix}\">{number}</a></sup>"
        )))
    }

    fn collect_definition(&mut self, label: CowStr<'a>) {
        let mut body = Vec::new();
        let mut depth = 0usize;
        for event in self.events.by_ref() {
            match &event {
                Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
                Event::End(TagEnd::FootnoteDefinition) if depth == 0 => break,
                Event::End(TagEnd::FootnoteDefinition) => depth -= 1,
                _ => {}
            }
            body.push(event);
        }
        // The first definition of a label wins, as in cmark-gfm.
        self.definitions.entry(label).or_insert(body);
    }

    /// The section of referenced notes. References inside notes may number further notes, which
    /// then follow in the same list.
    fn section(&mut self) -> Vec<Event<'a>> {
        let mut out = Vec::new();
        let mut index = 0;
        while index < self.order.len() {
            let label = self.order[index].clone();
            index += 1;
            let Some(body) = self.definitions.remove(&label) else {
                continue;
            };
            let slug = github_slug(&label);
            let prefix = self.id_prefix;
            if out.is_empty() {
                out.push(Event::Html(CowStr::Borrowed("<section class=\"footnotes\">\n<ol>\n")));
            }
            out.push(Event::Html(CowStr::from(format!("<li id=\"{prefix}fn-{slug}\">\n"))));
            let backrefs = self.backrefs(&label, &slug);
            let ends_with_paragraph = matches!(body.last(), Some(Event::End(TagEnd::Paragraph)));
            let last = body.len();
            for (i, event) in body.into_iter().enumerate() {
                let event = match event {
                    Event::FootnoteReference(label) => self.reference(label),
                    event => event,
                };
                if ends_with_paragraph && i + 1 == last {
                    out.push(Event::InlineHtml(CowStr::from(backrefs.clone())));
                }
                out.push(event);
            }
            if !ends_with_paragraph {
                out.push(Event::Html(CowStr::from(backrefs)));
            }
            out.push(Event::Html(CowStr::Borrowed("</li>\n")));
        }
        if !out.is_empty() {
            out.push(Event::Html(CowStr::Borrowed("</ol>\n</section>\n")));
        }
        out
    }

    fn backrefs(&self, label: &CowStr<'a>, slug: &str) -> String {
        let (number, count) = self.numbers.get(label).copied().unwrap_or((0, 1));
        let prefix = self.id_prefix;
        let mut html = String::new();
        for n in 1..=count.max(1) {
            let (suffix, which) = if n > 1 {
                (format!("-{n}"), format!(" ({n})"))
            } else {
                (String::new(), String::new())
            };
            let _ = write!(
                html,
                " <a href=\"#{prefix}fnref-{slug}{suffix}\" class=\"footnote-backref\" aria-label=\"Back to reference {number}{which}\">↩</a>"
            );
        }
        html
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Footnotes<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(tail) = &mut self.tail {
                return tail.next();
            }
            match self.events.next() {
                Some(Event::FootnoteReference(label)) => return Some(self.reference(label)),
                Some(Event::Start(Tag::FootnoteDefinition(label))) => self.collect_definition(label),
                Some(event) => return Some(event),
                None => self.tail = Some(self.section().into_iter()),
            }
        }
    }
}
