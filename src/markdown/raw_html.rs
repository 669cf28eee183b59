//! Event adapter for the `escape` and `strip` raw-HTML modes. (`sanitize` leaves raw HTML to the
//! sanitizer; `trusted` leaves it alone.)

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::RawHtml;

/// Raw HTML becomes text, shown the way it was typed; an HTML block becomes a paragraph.
fn escape(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        event => event,
    }
}

/// Event adapter for the raw-HTML mode: `escape` and `strip` as below; `sanitize` and `trusted`
/// pass raw HTML on, to the sanitizer or as it is.
pub(crate) struct Mode<I> {
    events: I,
    mode: RawHtml,
}

impl<I> Mode<I> {
    pub fn new(events: I, mode: RawHtml) -> Self {
        Mode { events, mode }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Mode<I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        match self.mode {
            RawHtml::Sanitize | RawHtml::Trusted => self.events.next(),
            RawHtml::Escape => self.events.next().map(escape),
            RawHtml::Strip => strip(&mut self.events),
        }
    }
}

/// Removes raw HTML: inline tags vanish (the text between them is Markdown text and stays); an
/// HTML block keeps its text content as a paragraph, minus what is inside `script` and `style`.
fn strip<'a>(events: &mut impl Iterator<Item = Event<'a>>) -> Option<Event<'a>> {
    loop {
        match events.next()? {
            Event::InlineHtml(_) => continue,
            Event::Start(Tag::HtmlBlock) => {
                let mut block = String::new();
                for event in events.by_ref() {
                    match event {
                        Event::Html(html) => block.push_str(&html),
                        Event::End(TagEnd::HtmlBlock) => break,
                        _ => {}
                    }
                }
                if !cfg!(feature = "sanitizer") {
                    // A comment has no text content; other blocks stay raw HTML, which a build
                    // without the sanitizer refuses.
                    if crate::sanitize::fast_path::is_plain_comment(&block) {
                        continue;
                    }
                    return Some(Event::Html(CowStr::from(block)));
                }
                // ammonia with no tags allowed yields the escaped text content.
                let text = ammonia::Builder::empty().clean(&block).to_string();
                let text = text.trim();
                if !text.is_empty() {
                    return Some(Event::Html(CowStr::from(format!("<p>{text}</p>\n"))));
                }
            }
            event => return Some(event),
        }
    }
}
