//! The article's lead: a level-1 heading as the document's first block is its title, and a
//! `By Name` paragraph right after (or first) is its byline. Both move to the article header, so
//! they are taken out of the body and not rendered twice.

use std::collections::VecDeque;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// Longest byline we recognise, in characters: a sentence that starts with "By" is not a byline.
const MAX_BYLINE_CHARS: usize = 120;

pub(crate) struct Lead<'a, I> {
    events: I,
    pending: VecDeque<Event<'a>>,
    /// Done looking (or not asked to look).
    started: bool,
    /// The title front matter gave, if any: a leading heading with the same text is dropped, one
    /// with other text stays in the body.
    known_title: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Lead<'a, I> {
    pub fn new(events: I, enabled: bool, known_title: Option<String>) -> Self {
        Lead {
            events,
            pending: VecDeque::new(),
            started: !enabled,
            known_title,
            title: None,
            byline: None,
        }
    }

    /// Reads one block's events (after its start) up to and including its end; returns them with
    /// the block's plain text, or `None` in place of the text if it holds anything but inline text.
    fn block(&mut self, end: TagEnd) -> (Vec<Event<'a>>, String) {
        let mut events = Vec::new();
        let mut text = String::new();
        for event in self.events.by_ref() {
            match &event {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
            let done = event == Event::End(end);
            events.push(event);
            if done {
                break;
            }
        }
        (events, text.trim().to_owned())
    }

    fn lead(&mut self) {
        let mut next = self.events.next();
        if let Some(Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            ..
        })) = next
        {
            let (events, text) = self.block(TagEnd::Heading(HeadingLevel::H1));
            match &self.known_title {
                None => self.title = Some(text),
                Some(known) if *known == text => {}
                Some(_) => {
                    self.pending.extend(next);
                    self.pending.extend(events);
                    return;
                }
            }
            next = self.events.next();
        }
        if let Some(Event::Start(Tag::Paragraph)) = next {
            let (events, text) = self.block(TagEnd::Paragraph);
            match byline(&text) {
                Some(name) => self.byline = Some(name.to_owned()),
                None => {
                    self.pending.push_back(Event::Start(Tag::Paragraph));
                    self.pending.extend(events);
                }
            }
        } else {
            self.pending.extend(next);
        }
    }
}

/// `By Jane Doe` or `by Jane Doe and John Roe` → the names.
fn byline(text: &str) -> Option<&str> {
    let name = text.strip_prefix("By ").or_else(|| text.strip_prefix("by "))?.trim();
    (!name.is_empty() && text.chars().count() <= MAX_BYLINE_CHARS && !name.ends_with(['.', '!', '?'])).then_some(name)
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Lead<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if !self.started {
            self.started = true;
            self.lead();
        }
        self.pending.pop_front().or_else(|| self.events.next())
    }
}
