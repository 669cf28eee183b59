//! Pasted text: plain text copied or scraped from a web page, a PDF or an e-mail carries the
//! page's structure only as line breaks, and the page's debris with it. When a document has no
//! Markdown structure beyond paragraphs and line breaks and shows a sign of a page (a byline or
//! date, debris, a dek, an attributed quote, paragraphs copied one per line), or `pastedText` is
//! `always`, this stage reads its lines and recovers the article: the title (and its repeats), the dek, the byline and
//! dates, sections, quotes with an attribution, paragraphs split from one-per-line copy, verse kept
//! line by line; page debris (navigation, sharing, advertisements, related stories, prompts,
//! notices) leaves the body. Every decision is reported (`Article.recovered`), with its line.
//!
//! It works on the parser's own events, so text reads exactly as Markdown reads it (entities,
//! escapes, smart punctuation) and nothing becomes markup that was not: lines are only regrouped
//! into paragraphs, headings and quotes, or dropped whole. When in doubt a line stays a paragraph.
//!
//! Cost: the parser's events are buffered once (they are replayed untouched when the document is
//! not pasted text, which usually shows in its first event); every rule is linear in the lines.
//!
//! The rules are the `pasted-text` feature. A build without it (the web package's core module)
//! still reads the lines, and refuses with `Error::FeatureNeeded(BuildFeature::PastedText)` every
//! document the rules would look at ([`may_be_pasted`]): it never renders one differently. Telling
//! whether the rules find a sign of a page takes nearly all of them, so it is not in the core.

#[cfg(feature = "pasted-text")]
mod dates;
#[cfg(feature = "pasted-text")]
mod lines;
#[cfg(feature = "pasted-text")]
mod recover;

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use serde::Serialize;

use crate::error::Error;
use crate::options::PastedText;

/// A document needs this many lines and words to be read as pasted text (unless `always`).
const MIN_LINES: usize = 5;
const MIN_WORDS: usize = 40;

/// An event and its source range, as `Parser::into_offset_iter` gives them.
pub(crate) type Item<'a> = (Event<'a>, Range<usize>);

/// One thing recovered from pasted text, or removed from it: `{"line": 3, "kind": "removed",
/// "text": "Share on Facebook", "reason": "sharing"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Recovery {
    /// The 1-based line in the whole input.
    pub line: usize,
    pub kind: RecoveryKind,
    /// The line as the reader would have seen it (its plain text).
    pub text: String,
    /// Why, in a few words: `sharing`, `title repeated`, `attribution: Maria Lopez`...
    pub reason: String,
}

/// What a [`Recovery`] is. Serializes in lowercase: `"title"`, `"description"`, `"byline"`,
/// `"date"`, `"section"`, `"quote"`, `"removed"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum RecoveryKind {
    /// The line is the title (it moves to the header).
    Title,
    /// The line under the title is the dek: the description, shown in the header.
    Description,
    /// The line names the authors (and perhaps the date).
    Byline,
    /// The line gives the date of publication (or of the last update).
    Date,
    /// The line is a section heading (`<h2>`, listed in `toc`).
    Section,
    /// The line is a quotation with its attribution (a quote figure).
    Quote,
    /// The line is page debris and was removed; `reason` says what kind.
    Removed,
}

/// The article metadata recovered from pasted text.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub title: Option<String>,
    pub description: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub report: Vec<Recovery>,
}

/// One line of a top-level paragraph: its events (indices into the buffer) and its plain text.
// Without the rules, only the text is read (to count the words).
#[cfg_attr(not(feature = "pasted-text"), allow(dead_code))]
#[derive(Debug)]
struct Line {
    /// 1-based, in the whole input.
    number: usize,
    text: String,
    events: Range<usize>,
    /// The soft or hard break that ended it in the source (an index into the buffer).
    break_after: Option<usize>,
    /// Which top-level paragraph it is in: lines of one paragraph had no blank line between them.
    paragraph: usize,
    /// Only text (no code span, link or other inline markup).
    plain: bool,
    /// Its source range.
    range: Range<usize>,
}

/// A block other than a paragraph (`always` mode only): the index of the line it comes before,
/// and its events in the buffer.
type Block = (usize, Range<usize>);

/// The document as lines, and its other blocks.
#[cfg(feature = "pasted-text")]
struct Document<'a> {
    buffer: Vec<Item<'a>>,
    lines: Vec<Line>,
    blocks: Vec<Block>,
}

/// The body's events, recovered or as the parser gave them.
pub(crate) type Events<'a> = Box<dyn Iterator<Item = Item<'a>> + 'a>;

/// Reads `events` (the body's) as pasted text when `mode` allows and the document is pasted
/// text: the metadata found, and the events to render. Otherwise the events pass unchanged.
/// Without the `pasted-text` feature, a document the rules would read is refused.
pub(crate) fn recover<'a>(
    mut events: impl Iterator<Item = Item<'a>> + 'a,
    mode: PastedText,
    body: &str,
    lines_above: usize,
) -> Result<(Option<Found>, Events<'a>), Error> {
    if mode == PastedText::Off {
        return Ok((None, Box::new(events)));
    }
    let always = mode == PastedText::Always;
    let mut buffer = Vec::new();
    let Some((lines, blocks)) = read_lines(&mut events, &mut buffer, always, body, lines_above) else {
        return Ok((None, Box::new(buffer.into_iter().chain(events))));
    };
    if !may_be_pasted(&lines, always) {
        return Ok((None, Box::new(buffer.into_iter())));
    }
    #[cfg(feature = "pasted-text")]
    {
        let document = Document { buffer, lines, blocks };
        Ok(match recover::recover(&document, always) {
            Some((found, out)) => (Some(found), Box::new(out.into_iter())),
            None => (None, Box::new(document.buffer.into_iter())),
        })
    }
    #[cfg(not(feature = "pasted-text"))]
    {
        let _ = blocks;
        Err(Error::FeatureNeeded(crate::error::BuildFeature::PastedText))
    }
}

/// Whether the rules look at a document read as `lines`: with `always`, or with enough lines and
/// words. (Whether they then find a sign of a page is theirs to say.)
fn may_be_pasted(lines: &[Line], always: bool) -> bool {
    always
        || (lines.len() >= MIN_LINES
            && lines
                .iter()
                .map(|line| line.text.split_whitespace().count())
                .sum::<usize>()
                >= MIN_WORDS)
}

/// Splits the top-level paragraphs into lines; `None` (with what was read left in `buffer`) at
/// the first event that is not a paragraph's text, unless `always`.
fn read_lines<'a>(
    events: &mut impl Iterator<Item = Item<'a>>,
    buffer: &mut Vec<Item<'a>>,
    always: bool,
    body: &str,
    lines_above: usize,
) -> Option<(Vec<Line>, Vec<Block>)> {
    let mut lines = Vec::new();
    let mut blocks = Vec::new();
    let mut counter = LineCounter::new(body, lines_above);
    // Depth in the event tree; inside a top-level paragraph, the line being read.
    let mut depth = 0usize;
    let mut paragraph = 0usize;
    let mut line: Option<Line> = None;
    let mut block_start = 0;
    for (event, range) in events.by_ref() {
        let index = buffer.len();
        let in_paragraph = line.is_some();
        match &event {
            Event::Start(Tag::Paragraph) if depth == 0 => {
                paragraph += 1;
                line = Some(new_line(index + 1, paragraph, &range, &mut counter));
            }
            Event::End(TagEnd::Paragraph) if depth == 1 && in_paragraph => {
                if let Some(done) = line.take() {
                    push_line(&mut lines, done, index, None);
                }
            }
            Event::SoftBreak | Event::HardBreak if depth == 1 && in_paragraph => {
                if let Some(done) = line.take() {
                    push_line(&mut lines, done, index, Some(index));
                }
                line = Some(new_line(index + 1, paragraph, &range, &mut counter));
            }
            Event::Text(text) if in_paragraph => {
                if let Some(line) = &mut line {
                    if line.events.start == index {
                        line.number = counter.line_of(range.start);
                        line.range.start = range.start;
                    }
                    line.text.push_str(text);
                    line.range.end = range.end;
                }
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            })
            | Event::End(TagEnd::Link)
                if in_paragraph => {}
            _ if in_paragraph && always => {
                if let Some(line) = &mut line {
                    line.plain = false;
                    if let Event::Code(text) = &event {
                        line.text.push_str(text);
                    }
                    line.range.end = line.range.end.max(range.end);
                }
            }
            _ if always && depth == 0 => block_start = index,
            _ if always => {}
            _ => {
                buffer.push((event, range));
                return None;
            }
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && !in_paragraph {
                    blocks.push((lines.len(), block_start..index + 1));
                }
            }
            // A block without an end (a rule, a block of raw HTML) at the top level.
            _ if depth == 0 => blocks.push((lines.len(), index..index + 1)),
            _ => {}
        }
        buffer.push((event, range));
    }
    Some((lines, blocks))
}

fn new_line(first_event: usize, paragraph: usize, range: &Range<usize>, counter: &mut LineCounter) -> Line {
    Line {
        number: counter.line_of(range.start),
        text: String::new(),
        events: first_event..first_event,
        break_after: None,
        paragraph,
        plain: true,
        range: range.start..range.start,
    }
}

/// Ends `line` before the event at `end`; a line with no events (a paragraph that ended on its
/// break) is dropped.
fn push_line(lines: &mut Vec<Line>, mut line: Line, end: usize, break_after: Option<usize>) {
    line.events.end = end;
    line.break_after = break_after;
    line.text = line.text.trim().to_owned();
    if !line.events.is_empty() {
        lines.push(line);
    }
}

/// Line numbers of byte offsets met in increasing order, in one pass over the text.
struct LineCounter<'t> {
    text: &'t str,
    offset: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str, lines_above: usize) -> Self {
        LineCounter {
            text,
            offset: 0,
            line: lines_above + 1,
        }
    }

    fn line_of(&mut self, offset: usize) -> usize {
        if let Some(between) = self.text.get(self.offset..offset) {
            self.line += between.bytes().filter(|&b| b == b'\n').count();
            self.offset = offset;
        }
        self.line
    }
}
