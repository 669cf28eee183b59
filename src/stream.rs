//! Streaming: Markdown that arrives in pieces (an article downloading, an assistant's answer token
//! by token), rendered as it comes, in time linear in the whole text.
//!
//! A top-level block is final once the next one has started on a line of its own (a whole line:
//! the one being written can still turn out to continue the block above): CommonMark never
//! reopens a closed block. The blocks before the last one are *committed*: rendered once (knowing the link reference
//! definitions committed before them, so their links resolve) and handed out to be appended, never to
//! change. The last block and whatever follows it is the *tail*, rendered again as the text grows:
//! an unfinished construct in it (an open code fence, a lone `**`, half a link) renders as
//! CommonMark reads it so far, which is safe like any render. [`Stream::finish`] renders the whole
//! text once, exactly as [`crate::render`] does: what depends on text that came later (a footnote
//! or reference defined further down, a repeated heading's id, the article's header) is right
//! there, and a page updates only the blocks that differ (the JS API does it).
//!
//! A push renders the tail again only once it has grown by a quarter since its last render, and by
//! at least [`MIN_GROWTH`] bytes (or when the caller flushes, as the JS API does once per animation
//! frame), so a long open block (a big code fence) costs a geometric series, not a square, and small
//! pieces do not each pay a render's fixed cost.

use std::ops::Range;

use pulldown_cmark::{Event, Parser};

use crate::article::front_matter;
use crate::markdown::definitions::Definitions;
use crate::render::{parser_options, render_part, Part};
use crate::{render, Article, Error, Options, PastedText};

/// Bytes a tail grows by, at least, before a push renders it again: a render has a fixed cost, and
/// pieces come small (a token of an assistant's answer). The JS API flushes once per animation
/// frame besides, so a page never waits for this many.
const MIN_GROWTH: usize = 256;

/// A stream's new HTML: `commit` to append after what was committed before, and `tail` to put in
/// place of the previous tail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamUpdate {
    pub commit: String,
    pub tail: String,
}

/// Renders text that arrives in pieces; see the module docs.
///
/// ```
/// let options = quire::Options::from_json(r#"{"preset":"gfm"}"#)?;
/// let mut stream = quire::Stream::new(&options)?;
/// let (mut committed, mut tail) = (String::new(), String::new());
/// for piece in ["# Hello\n\nA first para", "graph.\n\nAnd *more\n"] {
///     // Each update appends its commit and replaces the tail.
///     for update in [stream.push(piece)?, Some(stream.flush()?)].into_iter().flatten() {
///         committed.push_str(&update.commit);
///         tail = update.tail;
///     }
/// }
/// assert_eq!(committed, "<h1>Hello</h1>\n<p>A first paragraph.</p>\n");
/// assert_eq!(tail, "<p>And *more</p>\n");
/// let article = stream.finish()?;
/// assert_eq!(article.html, committed + &tail);
/// # Ok::<(), quire::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Stream {
    options: Options,
    text: String,
    /// Where the blocks not yet committed start, in `text`.
    committed: usize,
    /// Lines (line breaks) in `text[..committed]`.
    committed_lines: usize,
    /// The link reference definitions in the committed text.
    definitions: Definitions,
    /// `text.len()` at the last render of the tail.
    rendered: usize,
    /// Where the body starts (after front matter), once known.
    body: Option<usize>,
}

impl Stream {
    /// A stream rendered with `options` (checked here, so pieces never fail on them).
    pub fn new(options: &Options) -> Result<Stream, Error> {
        options.validate()?;
        Ok(Stream {
            options: options.clone(),
            text: String::new(),
            committed: 0,
            committed_lines: 0,
            definitions: Definitions::default(),
            rendered: 0,
            body: None,
        })
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Adds a piece of text. Returns an update when the tail has grown enough to render again
    /// (see the module docs), else `None`: [`Stream::flush`] renders it then.
    pub fn push(&mut self, piece: &str) -> Result<Option<StreamUpdate>, Error> {
        let size = self.text.len() + piece.len();
        if size > self.options.max_input_bytes {
            return Err(Error::InputTooLarge {
                size,
                limit: self.options.max_input_bytes,
            });
        }
        self.text.push_str(piece);
        let tail = self.text.len() - self.committed;
        let grown = self.text.len() - self.rendered;
        if grown >= MIN_GROWTH.min(tail) && grown * 4 >= tail {
            self.flush().map(Some)
        } else {
            Ok(None)
        }
    }

    /// Renders what came since the last update: newly committed blocks and the tail.
    pub fn flush(&mut self) -> Result<StreamUpdate, Error> {
        self.rendered = self.text.len();
        if self.body.is_none() {
            let Some(body) = self.body_start() else {
                // Front matter still open: nothing to show yet.
                return Ok(StreamUpdate {
                    commit: String::new(),
                    tail: String::new(),
                });
            };
            self.body = Some(body);
            self.committed = body;
            self.committed_lines = count_lines(&self.text[..body]);
        }
        let mut commit = String::new();
        let last_block = self.last_block_start();
        if last_block > self.committed {
            commit = self.render(self.committed..last_block)?;
            self.note_definitions(self.committed..last_block);
            self.committed_lines += count_lines(&self.text[self.committed..last_block]);
            self.committed = last_block;
        }
        let tail = self.render(self.committed..self.text.len())?;
        Ok(StreamUpdate { commit, tail })
    }

    /// The whole text, rendered as [`crate::render`] renders it.
    pub fn finish(&self) -> Result<Article, Error> {
        render(&self.text, &self.options)
    }

    /// Where the body starts, or `None` while the text may still be opening a front matter block.
    fn body_start(&self) -> Option<usize> {
        let bom = if self.text.starts_with('\u{FEFF}') { 3 } else { 0 };
        let text = &self.text[bom..];
        if !self.options.features().front_matter {
            return Some(0);
        }
        if let Some(block) = front_matter::split(text) {
            return Some(bom + block.body_offset);
        }
        let first_line = text.split('\n').next().unwrap_or("");
        let complete = text.contains('\n');
        let fence = first_line.trim_end_matches([' ', '\t', '\r']);
        let may_open = if complete {
            fence == "---" || fence == "+++"
        } else {
            "---".starts_with(fence) || "+++".starts_with(fence)
        };
        (!may_open).then_some(0)
    }

    /// The start of the last top-level block of the uncommitted text: all before it is final.
    fn last_block_start(&self) -> usize {
        // Only whole lines: an unfinished one can still turn out to continue the block above
        // (`|` is no table row, `| 1 | 2 |` is).
        let tail = &self.text[self.committed..];
        let tail = &tail[..tail.rfind('\n').map_or(0, |at| at + 1)];
        let features = self.options.features();
        let mut depth = 0usize;
        let mut last = 0;
        for (event, range) in Parser::new_ext(tail, parser_options(features)).into_offset_iter() {
            match event {
                Event::Start(_) => {
                    if depth == 0 {
                        last = range.start;
                    }
                    depth += 1;
                }
                Event::End(_) => depth = depth.saturating_sub(1),
                Event::Rule if depth == 0 => last = range.start,
                _ => {}
            }
        }
        // A block begins with its line: the parser's range starts after the indentation.
        let line_start = tail[..last].rfind('\n').map_or(0, |at| at + 1);
        self.committed + line_start
    }

    /// Keeps the committed text's reference definitions, for the blocks after it.
    fn note_definitions(&mut self, part: Range<usize>) {
        let parser = Parser::new_ext(&self.text[part], parser_options(self.options.features()));
        self.definitions.add(parser.reference_definitions());
    }

    /// A part of the text, as a document of its own that knows the committed definitions.
    fn render(&self, part: Range<usize>) -> Result<String, Error> {
        if part.is_empty() {
            return Ok(String::new());
        }
        let mut options = self.options.clone();
        // The header, the toc and pasted-text recovery belong to the whole document.
        options.body_only = Some(true);
        options.toc_nav = Some(false);
        options.pasted_text = PastedText::Off;
        // The max input size is the whole text's; a part never exceeds it.
        options.max_input_bytes = usize::MAX;
        // The first part is rendered with the front matter above it, which its title block reads.
        if Some(part.start) == self.body {
            return Ok(render_part(&self.text[..part.end], &options, Part::default())?.html);
        }
        // Only the first part can hold front matter and the title block.
        options.front_matter = Some(false);
        options.title_block = Some(false);
        let context = Part {
            lines_before: self.lines_before(part.start),
            definitions: Some(&self.definitions),
        };
        Ok(render_part(&self.text[part], &options, context)?.html)
    }

    /// Line breaks before `offset`, which is never before the committed text's end.
    fn lines_before(&self, offset: usize) -> usize {
        self.committed_lines + count_lines(&self.text[self.committed..offset])
    }
}

fn count_lines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gfm() -> Options {
        Options::from_json(r#"{"preset":"gfm"}"#).unwrap()
    }

    /// Pushes a piece and flushes: what was committed on the way, and the tail.
    fn feed(stream: &mut Stream, piece: &str) -> StreamUpdate {
        let mut commit = stream
            .push(piece)
            .unwrap()
            .map(|update| update.commit)
            .unwrap_or_default();
        let update = stream.flush().unwrap();
        commit.push_str(&update.commit);
        StreamUpdate {
            commit,
            tail: update.tail,
        }
    }

    #[test]
    fn a_block_is_committed_once_the_next_one_starts() {
        let mut stream = Stream::new(&gfm()).unwrap();
        assert_eq!(
            feed(&mut stream, "para one"),
            StreamUpdate {
                commit: String::new(),
                tail: "<p>para one</p>\n".into()
            }
        );
        assert_eq!(feed(&mut stream, "\n\n").commit, "");
        let update = feed(&mut stream, "- item\n");
        assert_eq!(update.commit, "<p>para one</p>\n");
        assert_eq!(update.tail, "<ul>\n<li>item</li>\n</ul>\n");
    }

    #[test]
    fn an_open_code_fence_stays_in_the_tail() {
        let mut stream = Stream::new(&gfm()).unwrap();
        let update = feed(&mut stream, "```\ncode\n\n\nmore");
        assert_eq!(update.commit, "");
        assert_eq!(update.tail, "<pre><code>code\n\n\nmore</code></pre>\n");
    }

    #[test]
    fn committed_references_resolve_in_later_blocks() {
        let mut stream = Stream::new(&gfm()).unwrap();
        feed(&mut stream, "[a]: https://example.com/\n\nintro\n\n");
        let update = feed(&mut stream, "see [a]\n\nlast\n");
        assert_eq!(update.commit, "<p>intro</p>\n<p>see <a href=\"https://example.com/\" rel=\"noopener noreferrer nofollow ugc\">a</a></p>\n");
    }

    #[test]
    fn front_matter_waits_until_it_closes() {
        let mut stream = Stream::new(&Options::default()).unwrap();
        stream.push("--").unwrap();
        assert_eq!(stream.flush().unwrap().tail, "");
        stream.push("-\ntitle: T\n").unwrap();
        assert_eq!(stream.flush().unwrap().tail, "");
        stream.push("---\n\nBody").unwrap();
        assert_eq!(stream.flush().unwrap().tail, "<p>Body</p>\n");
        assert_eq!(stream.finish().unwrap().title.as_deref(), Some("T"));
    }

    #[test]
    fn source_lines_count_from_the_top_of_the_whole_text() {
        let options = Options::from_json(r#"{"preset":"gfm","sourceLines":true}"#).unwrap();
        let mut stream = Stream::new(&options).unwrap();
        let update = feed(&mut stream, "[a]: /x\n\none\n\ntwo\nlines\n\nthree\n");
        assert_eq!(
            update.commit,
            "<p data-source-lines=\"3-3\">one</p>\n<p data-source-lines=\"5-6\">two\nlines</p>\n"
        );
        assert_eq!(update.tail, "<p data-source-lines=\"8-8\">three</p>\n");
    }

    #[test]
    fn the_whole_text_is_limited_by_max_input_bytes() {
        let options = Options::from_json(r#"{"maxInputBytes":10}"#).unwrap();
        let mut stream = Stream::new(&options).unwrap();
        stream.push("12345").unwrap();
        assert!(matches!(
            stream.push("678901"),
            Err(Error::InputTooLarge { size: 11, limit: 10 })
        ));
    }
}
