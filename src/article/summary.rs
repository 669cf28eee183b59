//! Observes the text a reader will see: counts words (for the reading time) and keeps the text for
//! the excerpt — what comes before a `<!-- more -->` marker, else the first paragraph.

use crate::limits::LIMITS;
use pulldown_cmark::{Event, Tag, TagEnd};

use crate::article::text::WordCounter;

/// The marker that ends an article's excerpt, as static-site generators use it.
const MORE_MARKER: &str = "<!-- more -->";

pub(crate) struct Summary<'a, I> {
    events: I,
    /// An event read ahead while looking for the marker.
    pending: Option<Event<'a>>,
    pub words: WordCounter,
    /// Plain text before the `<!-- more -->` marker, if the document has one.
    pub before_more: Option<String>,
    /// Plain text of the first paragraph.
    pub first_paragraph: Option<String>,
    /// All text so far, until the marker is met; `None` from then on, and in a document without
    /// the marker (most have none: their text is not copied).
    text: Option<String>,
    paragraph: Option<String>,
}

impl<'a, I> Summary<'a, I> {
    /// `body` is the Markdown the events come from.
    pub fn new(events: I, body: &str) -> Self {
        // The marker is a line of raw HTML, so a document that has it has its bytes.
        // (`str::contains`: memchr's `memmem` would add 2.8 KB brotli to the core module.)
        let has_marker = body.contains(MORE_MARKER);
        Summary {
            events,
            pending: None,
            words: WordCounter::new(),
            before_more: None,
            first_paragraph: None,
            // Room for all the text kept: growing a string by doubling costs more than the copies.
            text: has_marker.then(|| String::with_capacity(LIMITS.excerpt_source_bytes)),
            paragraph: None,
        }
    }

    /// The events' source, once they are consumed.
    pub fn inner(&mut self) -> &mut I {
        &mut self.events
    }

    fn text(&mut self, text: &str) {
        self.words.push(text);
        if let Some(all) = self.text.as_mut().filter(|all| all.len() < LIMITS.excerpt_source_bytes) {
            all.push_str(text);
        }
        if let Some(paragraph) = &mut self.paragraph {
            if paragraph.len() < LIMITS.excerpt_source_bytes {
                paragraph.push_str(text);
            }
        }
    }

    fn more(&mut self) {
        if let Some(all) = self.text.take() {
            self.before_more = Some(all);
        }
    }

    fn boundary(&mut self) {
        self.words.boundary();
        if let Some(all) = self.text.as_mut().filter(|all| !all.ends_with(' ')) {
            all.push(' ');
        }
    }
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Summary<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            let event = match self.pending.take() {
                Some(event) => event,
                None => self.events.next()?,
            };
            match &event {
                Event::Text(text) | Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                    self.text(text)
                }
                Event::SoftBreak | Event::HardBreak => self.text(" "),
                // The marker is for us, not for the reader: its HTML block goes.
                Event::Start(Tag::HtmlBlock) => {
                    let next = self.events.next();
                    if matches!(&next, Some(Event::Html(html)) if html.trim() == MORE_MARKER) {
                        self.more();
                        // The block's end, after what is left of its line (a `\r\n` may come apart).
                        self.pending = self
                            .events
                            .by_ref()
                            .find(|event| !matches!(event, Event::Html(html) if html.trim().is_empty()))
                            .filter(|event| *event != Event::End(TagEnd::HtmlBlock));
                        continue;
                    }
                    self.pending = next;
                }
                Event::InlineHtml(html) if html.trim() == MORE_MARKER => {
                    self.more();
                    continue;
                }
                Event::Start(Tag::Paragraph) if self.first_paragraph.is_none() => self.paragraph = Some(String::new()),
                Event::End(TagEnd::Paragraph) => {
                    if let Some(paragraph) = self.paragraph.take() {
                        self.first_paragraph = Some(paragraph);
                    }
                    self.boundary();
                }
                // Inline markup (emphasis, links, ...) does not split words: `un*believ*able` is one.
                Event::Start(tag) if !is_inline(tag) => self.boundary(),
                Event::End(tag) if !is_inline_end(*tag) => self.boundary(),
                _ => {}
            }
            return Some(event);
        }
    }
}
