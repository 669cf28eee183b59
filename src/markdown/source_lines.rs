//! Source positions (`sourceLines`): every top-level block, and every heading, is marked with the
//! lines of the input it was written on, for an editor to sync its scrolling with the preview.
//!
//! The adapter puts a marker right after each such block's start event; the nesting bound turns
//! it into [`Node::SourceLines`](crate::html::markup::Node) and the writer adds
//! `data-source-lines="first-last"` to the start tag it just wrote. pulldown-cmark's `Event` has no
//! variant of ours, so until the nesting bound the marker rides as a footnote reference whose label
//! starts with U+0000, which no input has (`normalize_input` replaces it). It comes after the start
//! rather than before it, so the adapters that read a block's first event (the title block, the
//! summary's `<!-- more -->` block) see the block as the parser gave it; raw HTML blocks get no
//! marker, as the writer cannot add an attribute to the author's HTML.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag};

/// The attribute the writer adds; the policy keeps it while the option is on.
pub(crate) const ATTRIBUTE: &str = "data-source-lines";

/// Lines of the input, 1-based, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Lines {
    pub first: usize,
    pub last: usize,
}

impl Lines {
    /// The attribute's value: `3-7`, and `3-3` for one line (always two numbers, to read simply).
    pub fn value(self) -> String {
        format!("{}-{}", self.first, self.last)
    }
}

const MARK: char = '\0';

fn marker<'a>(lines: Lines) -> Event<'a> {
    Event::FootnoteReference(CowStr::from(format!("{MARK}{} {}", lines.first, lines.last)))
}

/// The lines a marker carries, or `None` for a real footnote reference.
pub(crate) fn read(event: &Event<'_>) -> Option<Lines> {
    let Event::FootnoteReference(label) = event else {
        return None;
    };
    let (first, last) = label.strip_prefix(MARK)?.split_once(' ')?;
    Some(Lines {
        first: first.parse().ok()?,
        last: last.parse().ok()?,
    })
}

/// Marks blocks in a stream of `Parser::into_offset_iter` items; `lines_above` is how many lines
/// of the input (front matter) come before `body`.
pub(crate) struct SourceLines<'b, I> {
    items: I,
    body: &'b str,
    /// Block nesting: 0 between top-level blocks.
    depth: usize,
    /// Newlines in `body` before `counted`: a cursor, as block starts only move forward.
    counted: usize,
    newlines: usize,
    lines_above: usize,
    held: Option<(Event<'b>, Range<usize>)>,
}

impl<'b, I> SourceLines<'b, I> {
    pub fn new(items: I, body: &'b str, lines_above: usize) -> Self {
        SourceLines {
            items,
            body,
            depth: 0,
            counted: 0,
            newlines: 0,
            lines_above,
            held: None,
        }
    }

    /// The 1-based line of the input at `offset` in the body.
    fn line(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.body.len());
        if offset >= self.counted {
            self.newlines += memchr::memchr_iter(b'\n', &self.body.as_bytes()[self.counted..offset]).count();
        } else {
            self.newlines -= memchr::memchr_iter(b'\n', &self.body.as_bytes()[offset..self.counted]).count();
        }
        self.counted = offset;
        self.lines_above + self.newlines + 1
    }

    fn lines(&mut self, range: &Range<usize>) -> Lines {
        // A block's range ends after its last line break: its last line is the one before.
        let text = &self.body[range.start.min(self.body.len())..range.end.min(self.body.len())];
        let end = range.start + text.trim_end_matches(['\n', '\r']).len();
        let first = self.line(range.start);
        let last = self.line(end).max(first);
        // Back to the start, where the next block (or a nested heading) begins.
        self.line(range.start);
        Lines { first, last }
    }
}

impl<'b, I: Iterator<Item = (Event<'b>, Range<usize>)>> Iterator for SourceLines<'b, I> {
    type Item = (Event<'b>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(item) = self.held.take() {
            return Some(item);
        }
        let (event, range) = self.items.next()?;
        let marked = match &event {
            Event::Start(Tag::HtmlBlock) => false,
            Event::Start(Tag::Heading { .. }) => true,
            Event::Start(_) => self.depth == 0,
            Event::Rule => self.depth == 0,
            _ => false,
        };
        match &event {
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        if marked {
            let lines = self.lines(&range);
            self.held = Some((marker(lines), range.clone()));
        }
        Some((event, range))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn marked(body: &str, lines_above: usize) -> Vec<Lines> {
        SourceLines::new(Parser::new(body).into_offset_iter(), body, lines_above)
            .filter_map(|(event, _)| read(&event))
            .collect()
    }

    #[test]
    fn top_level_blocks_and_headings_get_their_lines() {
        let body = "# Title\n\npara\ngraph\n\n> quote\n> # inside\n\n---\n";
        let lines = marked(body, 0);
        let pairs: Vec<(usize, usize)> = lines.iter().map(|l| (l.first, l.last)).collect();
        assert_eq!(pairs, [(1, 1), (3, 4), (6, 7), (7, 7), (9, 9)]);
    }

    #[test]
    fn lines_count_from_the_top_of_the_input() {
        assert_eq!(marked("text\n", 3), [Lines { first: 4, last: 4 }]);
    }

    #[test]
    fn a_real_footnote_reference_is_no_marker() {
        assert_eq!(read(&Event::FootnoteReference("1".into())), None);
        assert_eq!(
            read(&marker(Lines { first: 2, last: 5 })),
            Some(Lines { first: 2, last: 5 })
        );
    }

    #[test]
    fn values_read_as_ranges() {
        assert_eq!(Lines { first: 3, last: 7 }.value(), "3-7");
        assert_eq!(Lines { first: 3, last: 3 }.value(), "3-3");
    }
}
