//! Quotes with an attribution: a block quote whose last paragraph starts with an em dash, an en
//! dash or `--` becomes `<figure class="quote"><blockquote>…</blockquote><figcaption>— Name</figcaption></figure>`.
//!
//! Block quotes are held back until the outermost one ends; each quote remembers where its last
//! direct paragraph starts, so the caption is moved out of the buffer's tail in linear time even
//! for deeply nested quotes.

use std::collections::VecDeque;

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::html::markup::Node;

pub(crate) struct Quotes<'a, I> {
    nodes: I,
    /// Nodes of the open outermost block quote, or ready to be passed on.
    buffer: VecDeque<Node<'a>>,
    /// Per open block quote: its start index in `buffer`, and where its last direct paragraph starts.
    open: Vec<(usize, Option<usize>)>,
    /// How deep in blocks we are inside the innermost quote (a paragraph is direct only at 0).
    nesting: Vec<usize>,
    /// Nodes at the front of `buffer` that are final.
    ready: usize,
    /// How many nodes have left `buffer`: positions below count from the first node ever buffered.
    passed: usize,
    /// Positions of the quotes that become figures, the next one last.
    figures: Vec<usize>,
    enabled: bool,
}

impl<'a, I: Iterator<Item = Node<'a>>> Quotes<'a, I> {
    pub fn new(nodes: I, enabled: bool) -> Self {
        Quotes {
            nodes,
            buffer: VecDeque::new(),
            open: Vec::new(),
            nesting: Vec::new(),
            ready: 0,
            passed: 0,
            figures: Vec::new(),
            enabled,
        }
    }

    fn take(&mut self, node: Node<'a>) {
        let Node::Event(event) = &node else {
            self.push(node);
            return;
        };
        match event {
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
                    self.buffer.push_back(node);
                    self.close(start, paragraph);
                    if self.open.is_empty() {
                        self.ready = self.buffer.len();
                        // Inner quotes close first: put the figures in the order they are passed on.
                        crate::sort::sort_by(&mut self.figures, |a, b| b.cmp(a));
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
        self.push(node);
    }

    fn push(&mut self, node: Node<'a>) {
        self.buffer.push_back(node);
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
            Some(Node::Event(Event::End(TagEnd::Paragraph)))
        ) {
            return;
        }
        let Some(Node::Event(Event::Text(first))) = self.buffer.get(paragraph + 1) else {
            return;
        };
        let Some(rest) = strip_dash(first) else { return };
        let attribution_only = paragraph == start + 1;
        let name_follows =
            !rest.is_empty() || matches!(self.buffer.get(paragraph + 2), Some(Node::Event(Event::Text(_))));
        if attribution_only || !name_follows {
            return;
        }
        let rest = rest.to_owned();
        // Tail: [Start(Paragraph), Text, …, End(Paragraph), End(BlockQuote)].
        let mut caption: Vec<Node<'a>> = self.buffer.drain(paragraph..).collect();
        let quote_end = caption.pop(); // End(BlockQuote)
        caption.pop(); // End(Paragraph)
        caption.remove(0); // Start(Paragraph)
                           // Smart punctuation may give the dash a text event of its own.
        if rest.is_empty() {
            caption.remove(0);
            if let Some(Node::Event(Event::Text(next))) = caption.first_mut() {
                *next = CowStr::from(next.trim_start().to_owned());
            }
        } else {
            caption[0] = Node::Event(Event::Text(CowStr::from(rest)));
        }
        // The figure's start goes out just before the quote's (see `next`).
        self.figures.push(self.passed + start);
        self.buffer.extend(quote_end);
        self.buffer.extend([Node::start("figcaption"), Node::text("— ")]);
        self.buffer.extend(caption);
        self.buffer.extend([
            Node::End("figcaption"),
            Node::newline(),
            Node::End("figure"),
            Node::newline(),
        ]);
    }
}

/// The text after a leading em dash, en dash or `--` and spaces (possibly empty).
fn strip_dash(text: &str) -> Option<&str> {
    let rest = ["—", "–", "--"].iter().find_map(|dash| text.strip_prefix(dash))?;
    Some(rest.trim_start_matches(['-', ' ']))
}

impl<'a, I: Iterator<Item = Node<'a>>> Iterator for Quotes<'a, I> {
    type Item = Node<'a>;

    fn next(&mut self) -> Option<Node<'a>> {
        if !self.enabled {
            return self.nodes.next();
        }
        // Outside block quotes, with nothing buffered, nodes pass straight through.
        if self.buffer.is_empty() && self.open.is_empty() {
            let node = self.nodes.next()?;
            if !matches!(node, Node::Event(Event::Start(Tag::BlockQuote(None)))) {
                return Some(node);
            }
            self.take(node);
        }
        while self.ready == 0 {
            match self.nodes.next() {
                Some(node) => self.take(node),
                // Unbalanced input cannot happen with pulldown-cmark, but never lose events.
                None => self.ready = self.buffer.len(),
            }
            if self.ready == 0 && self.buffer.is_empty() && self.open.is_empty() {
                return None;
            }
        }
        if self.figures.last() == Some(&self.passed) {
            self.figures.pop();
            return Some(Node::Start("figure", vec![("class", Cow::Borrowed("quote"))]));
        }
        self.ready -= 1;
        self.passed += 1;
        self.buffer.pop_front()
    }
}
