//! Images: every image is written with `loading="lazy"` and `decoding="async"`, and an image alone
//! in its paragraph becomes a `<figure>` whose caption is the image's title, else its alt text.

use std::collections::VecDeque;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

pub(crate) struct Images<'a, I> {
    events: I,
    pending: VecDeque<Event<'a>>,
    figures: bool,
    lazy: bool,
}

impl<'a, I: Iterator<Item = Event<'a>>> Images<'a, I> {
    pub fn new(events: I, figures: bool, lazy: bool) -> Self {
        Images {
            events,
            pending: VecDeque::new(),
            figures,
            lazy,
        }
    }

    /// Consumes an image's inner events (its alt text) and returns the `<img>` markup and caption.
    fn image(&mut self, dest_url: &str, title: &str) -> (String, String) {
        let mut alt = String::new();
        let mut depth = 0usize;
        for event in self.events.by_ref() {
            match event {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) if depth == 0 => break,
                Event::End(TagEnd::Image) => depth -= 1,
                Event::Text(text) | Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                    alt.push_str(&text)
                }
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
        }
        // Writing into a String cannot fail.
        let mut html = String::from("<img src=\"");
        let _ = escape_href(&mut html, dest_url);
        html.push_str("\" alt=\"");
        let _ = escape_html(&mut html, &alt);
        if !title.is_empty() {
            html.push_str("\" title=\"");
            let _ = escape_html(&mut html, title);
        }
        html.push_str(if self.lazy {
            "\" loading=\"lazy\" decoding=\"async\">"
        } else {
            "\">"
        });
        let caption = if title.is_empty() { alt } else { title.to_owned() };
        (html, caption)
    }

    /// A paragraph that may hold a lone image: a figure if it does, else the paragraph as it was.
    fn paragraph(&mut self) -> Event<'a> {
        let paragraph = Event::Start(Tag::Paragraph);
        let Some(next) = self.events.next() else {
            return paragraph;
        };
        let Event::Start(Tag::Image { dest_url, title, .. }) = next else {
            self.pending.push_back(next);
            return paragraph;
        };
        let (img, caption) = self.image(&dest_url, &title);
        match self.events.next() {
            Some(Event::End(TagEnd::Paragraph)) => {
                let mut figure = format!("<figure>\n{img}\n");
                if !caption.trim().is_empty() {
                    figure.push_str("<figcaption>");
                    let _ = escape_html(&mut figure, caption.trim());
                    figure.push_str("</figcaption>\n");
                }
                figure.push_str("</figure>\n");
                Event::Html(CowStr::from(figure))
            }
            other => {
                self.pending.push_back(Event::InlineHtml(CowStr::from(img)));
                self.pending.extend(other);
                paragraph
            }
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Images<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let event = match self.pending.pop_front() {
            Some(event) => event,
            None => self.events.next()?,
        };
        Some(match event {
            Event::Start(Tag::Paragraph) if self.figures && self.pending.is_empty() => self.paragraph(),
            Event::Start(Tag::Image { dest_url, title, .. }) if self.figures || self.lazy => {
                Event::InlineHtml(CowStr::from(self.image(&dest_url, &title).0))
            }
            event => event,
        })
    }
}
