//! Images: every image is written with `loading="lazy"` and `decoding="async"`, and an image alone
//! in its paragraph becomes a `<figure>` whose caption is the image's title, else its alt text.

use std::borrow::Cow;
use std::collections::VecDeque;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::html::markup::{Attribute, Node};
use crate::html::writer::href_value;

pub(crate) struct Images<'a, I> {
    nodes: I,
    pending: VecDeque<Node<'a>>,
    figures: bool,
    lazy: bool,
}

impl<'a, I: Iterator<Item = Node<'a>>> Images<'a, I> {
    pub fn new(nodes: I, figures: bool, lazy: bool) -> Self {
        Images {
            nodes,
            pending: VecDeque::new(),
            figures,
            lazy,
        }
    }

    /// Consumes an image's inner events (its alt text) and returns the `<img>` and the caption.
    fn image(&mut self, dest_url: &str, title: &str) -> (Node<'a>, String) {
        let mut alt = String::new();
        let mut depth = 0usize;
        for node in self.nodes.by_ref() {
            let Node::Event(event) = node else { continue };
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
        let mut attributes: Vec<Attribute<'a>> = vec![("src", Cow::Owned(href_value(dest_url).into_owned()))];
        attributes.push(("alt", Cow::Owned(alt.clone())));
        if !title.is_empty() {
            attributes.push(("title", Cow::Owned(title.to_owned())));
        }
        if self.lazy {
            attributes.push(("loading", Cow::Borrowed("lazy")));
            attributes.push(("decoding", Cow::Borrowed("async")));
        }
        let caption = if title.is_empty() { alt } else { title.to_owned() };
        (Node::Start("img", attributes), caption)
    }

    /// A paragraph that may hold a lone image: a figure if it does, else the paragraph as it was.
    fn paragraph(&mut self) -> Node<'a> {
        let paragraph = Node::Event(Event::Start(Tag::Paragraph));
        let Some(mut next) = self.nodes.next() else {
            return paragraph;
        };
        // The paragraph's source lines go with what it becomes.
        if let Node::SourceLines(lines) = next {
            self.pending.push_back(Node::SourceLines(lines));
            let Some(after) = self.nodes.next() else {
                return paragraph;
            };
            next = after;
        }
        let Node::Event(Event::Start(Tag::Image { dest_url, title, .. })) = next else {
            self.pending.push_back(next);
            return paragraph;
        };
        let (img, caption) = self.image(&dest_url, &title);
        match self.nodes.next() {
            Some(Node::Event(Event::End(TagEnd::Paragraph))) => {
                self.pending.extend([Node::newline(), img, Node::newline()]);
                let caption = caption.trim();
                if !caption.is_empty() {
                    self.pending.extend([
                        Node::start("figcaption"),
                        Node::text(caption.to_owned()),
                        Node::End("figcaption"),
                        Node::newline(),
                    ]);
                }
                self.pending.extend([Node::End("figure"), Node::newline()]);
                Node::start("figure")
            }
            other => {
                self.pending.push_back(img);
                self.pending.extend(other);
                paragraph
            }
        }
    }
}

impl<'a, I: Iterator<Item = Node<'a>>> Iterator for Images<'a, I> {
    type Item = Node<'a>;

    fn next(&mut self) -> Option<Node<'a>> {
        let node = match self.pending.pop_front() {
            Some(node) => node,
            None => self.nodes.next()?,
        };
        Some(match node {
            Node::Event(Event::Start(Tag::Paragraph)) if self.figures && self.pending.is_empty() => self.paragraph(),
            Node::Event(Event::Start(Tag::Image { dest_url, title, .. })) if self.figures || self.lazy => {
                self.image(&dest_url, &title).0
            }
            node => node,
        })
    }
}
