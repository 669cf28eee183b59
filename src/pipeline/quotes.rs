//! Quotes with an attribution: a block quote whose last paragraph starts with an em dash, an en
//! dash or `--` becomes `<figure class="quote"><blockquote>…</blockquote><figcaption>— Name</figcaption></figure>`.
//!
//! Block quotes are held back until the outermost one ends; each quote remembers where its last
//! direct paragraph starts, so the caption is moved out of the buffer's tail in linear time even
//! for deeply nested quotes.

use std::collections::VecDeque;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

pub(crate) struct Quotes<'a, I> {
    events: I,
    /// Events of the open outermost block quote, or ready to be passed on.
    buffer: VecDeque<Event<'a>>,
    /// Per open block quote: its start index in `buffer`, and where its last direct paragraph starts.
    open: Vec<(usize, Option<usize>)>,
    /// How deep in blocks we are inside the innermost quote (a paragraph is direct only at 0).
    nesting: Vec<usize>,
    /// Events at the front of `buffer` that are final.
    ready: usize,
    enabled: bool,
}

impl<'a, I: Iterator<Item = Event<'a>>> Quotes<'a, I> {
    pub fn new(events: I, enabled: bool) -> Self {
        Quotes {
            events,
            buffer: VecDeque::new(),
            open: Vec::new(),
            nesting: Vec::new(),
            ready: 0,
            enabled,
        }
    }

    fn take(&mut self, event: Event<'a>) {
        match &event {
            Event::Start(Tag::BlockQuote(None)) => {
                self.open.push((self.buffer.len(), None));
                self.nesting.push(0);
            }
            Event::Start(Tag::Paragraph) if self.nesting.last() == Some(&0) => {
                if let Some(quote) = self.open.last_mut() {
                    quote.1 = Some(self.buffer.len());
                }
            }
            Event::Start(_) => {
                if let Some(depth) = self.nesting.last_mut() {
                    *depth += 1;
                }
            }
            Event::End(TagEnd::BlockQuote(None)) => {
                self.nesting.pop();
                if let Some((start, paragraph)) = self.open.pop() {
                    self.buffer.push_back(event);
                    self.close(start, paragraph);
                    if self.open.is_empty() {
                        self.ready = self.buffer.len();
                    }
                    return;
                }
            }
            Event::End(TagEnd::Paragraph) => {}
            Event::End(_) => {
                if let Some(depth) = self.nesting.last_mut() {
                    *depth = depth.saturating_sub(1);
                }
            }
            _ => {}
        }
        self.buffer.push_back(event);
        if self.open.is_empty() {
            self.ready = self.buffer.len();
        }
    }

    /// The quote spanning `buffer[start..]` just ended; `paragraph` is where its last direct paragraph starts.
    fn close(&mut self, start: usize, paragraph: Option<usize>) {
        let Some(paragraph) = paragraph else { return };
        // The paragraph must be the quote's last block: followed only by its End events.
        if !matches!(
            self.buffer.get(self.buffer.len().wrapping_sub(2)),
            Some(Event::End(TagEnd::Paragraph))
        ) {
            return;
        }
        let Some(Event::Text(first)) = self.buffer.get(paragraph + 1) else {
            return;
        };
        let Some(rest) = strip_dash(first) else { return };
        let attribution_only = paragraph == start + 1;
        let name_follows = !rest.is_empty() || matches!(self.buffer.get(paragraph + 2), Some(Event::Text(_)));
        if attribution_only || !name_follows {
            return;
        }
        let rest = rest.to_owned();
        // Tail: [Start(Paragraph), Text, …, End(Paragraph), End(BlockQuote)].
        let mut caption: Vec<Event<'a>> = self.buffer.drain(paragraph..).collect();
        caption.pop(); // End(BlockQuote)
        caption.pop(); // End(Paragraph)
        caption.remove(0); // Start(Paragraph)
                           // Smart punctuation may give the dash a text event of its own.
        if rest.is_empty() {
            caption.remove(0);
            if let Some(Event::Text(next)) = caption.first_mut() {
                *next = CowStr::from(next.trim_start().to_owned());
            }
        } else {
            caption[0] = Event::Text(CowStr::from(rest));
        }
        self.buffer[start] = Event::Html(CowStr::Borrowed("<figure class=\"quote\">\n<blockquote>\n"));
        self.buffer
            .push_back(Event::Html(CowStr::Borrowed("</blockquote>\n<figcaption>— ")));
        self.buffer.extend(caption);
        self.buffer
            .push_back(Event::Html(CowStr::Borrowed("</figcaption>\n</figure>\n")));
    }
}

/// The text after a leading em dash, en dash or `--` and spaces (possibly empty).
fn strip_dash(text: &str) -> Option<&str> {
    let rest = ["—", "–", "--"].iter().find_map(|dash| text.strip_prefix(dash))?;
    Some(rest.trim_start_matches(['-', ' ']))
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Quotes<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if !self.enabled {
            return self.events.next();
        }
        // Outside block quotes, with nothing buffered, events pass straight through.
        if self.buffer.is_empty() && self.open.is_empty() {
            let event = self.events.next()?;
            if !matches!(event, Event::Start(Tag::BlockQuote(None))) {
                return Some(event);
            }
            self.take(event);
        }
        while self.ready == 0 {
            match self.events.next() {
                Some(event) => self.take(event),
                // Unbalanced input cannot happen with pulldown-cmark, but never lose events.
                None => self.ready = self.buffer.len(),
            }
            if self.ready == 0 && self.buffer.is_empty() && self.open.is_empty() {
                return None;
            }
        }
        self.ready -= 1;
        self.buffer.pop_front()
    }
}
