//! Event adapter for footnotes, written as GitHub and cmark-gfm do: references become numbered
//! superscript links in order of first reference, and the definitions that are referenced move to
//! a `<section class="footnotes">` list at the end, each with links back to its references.

use std::borrow::Cow;
use std::collections::{HashMap, VecDeque};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::html::markup::Node;
use crate::markdown::headings::github_slug;

pub(crate) struct Footnotes<'a, I> {
    nodes: I,
    id_prefix: &'a str,
    /// Each definition's nodes (without its start and end), by label.
    definitions: HashMap<CowStr<'a>, Vec<Node<'a>>>,
    /// Labels in order of first reference; a label's number is its index + 1.
    order: Vec<CowStr<'a>>,
    /// Per label: number, and how many references it has had so far.
    numbers: HashMap<CowStr<'a>, (usize, usize)>,
    /// Nodes ready to be passed on: a reference's markup, then the footnote section at the end.
    ready: VecDeque<Node<'a>>,
    done: bool,
}

impl<'a, I: Iterator<Item = Node<'a>>> Footnotes<'a, I> {
    pub fn new(nodes: I, id_prefix: &'a str) -> Self {
        Footnotes {
            nodes,
            id_prefix,
            definitions: HashMap::new(),
            order: Vec::new(),
            numbers: HashMap::new(),
            ready: VecDeque::new(),
            done: false,
        }
    }

    /// `<sup>` link for one reference; the n-th reference to a note gets its own id for the way back.
    fn reference(&mut self, label: CowStr<'a>) -> [Node<'a>; 5] {
        let next_number = self.order.len() + 1;
        let (number, count) = self.numbers.entry(label.clone()).or_insert((next_number, 0));
        *count += 1;
        let (number, count) = (*number, *count);
        if number == next_number && count == 1 {
            self.order.push(label.clone());
        }
        let slug = github_slug(&label);
        let prefix = self.id_prefix;
        let suffix = if count > 1 { format!("-{count}") } else { String::new() };
        [
            Node::Start("sup", vec![("class", Cow::Borrowed("footnote-ref"))]),
            Node::Start(
                "a",
                vec![
                    ("href", Cow::Owned(format!("#{prefix}fn-{slug}"))),
                    ("id", Cow::Owned(format!("{prefix}fnref-{slug}{suffix}"))),
                ],
            ),
            Node::text(number.to_string()),
            Node::End("a"),
            Node::End("sup"),
        ]
    }

    fn collect_definition(&mut self, label: CowStr<'a>) {
        let mut body = Vec::new();
        let mut depth = 0usize;
        for node in self.nodes.by_ref() {
            match &node {
                Node::Event(Event::Start(Tag::FootnoteDefinition(_))) => depth += 1,
                Node::Event(Event::End(TagEnd::FootnoteDefinition)) if depth == 0 => break,
                Node::Event(Event::End(TagEnd::FootnoteDefinition)) => depth -= 1,
                // The definition's own source lines: it is written elsewhere, in a list item.
                Node::SourceLines(_) if body.is_empty() => continue,
                _ => {}
            }
            body.push(node);
        }
        // The first definition of a label wins, as in cmark-gfm.
        self.definitions.entry(label).or_insert(body);
    }

    /// The section of referenced notes. References inside notes may number further notes, which
    /// then follow in the same list.
    fn section(&mut self) -> VecDeque<Node<'a>> {
        let mut out = VecDeque::new();
        let mut index = 0;
        while index < self.order.len() {
            let label = self.order[index].clone();
            index += 1;
            let Some(body) = self.definitions.remove(&label) else {
                continue;
            };
            let slug = github_slug(&label);
            if out.is_empty() {
                out.extend([
                    Node::Start("section", vec![("class", Cow::Borrowed("footnotes"))]),
                    Node::newline(),
                    Node::start("ol"),
                    Node::newline(),
                ]);
            }
            out.push_back(Node::Start(
                "li",
                vec![("id", Cow::Owned(format!("{}fn-{slug}", self.id_prefix)))],
            ));
            out.push_back(Node::newline());
            // The links back go inside the last paragraph, or after the note's last block.
            let backrefs = self.backrefs(&label, &slug);
            let ends_with_paragraph = matches!(body.last(), Some(Node::Event(Event::End(TagEnd::Paragraph))));
            let mut body = body.into_iter();
            let last = ends_with_paragraph.then(|| body.next_back()).flatten();
            for node in body {
                match node {
                    Node::Event(Event::FootnoteReference(label)) => out.extend(self.reference(label)),
                    node => out.push_back(node),
                }
            }
            out.extend(backrefs);
            out.extend(last);
            out.extend([Node::End("li"), Node::newline()]);
        }
        if !out.is_empty() {
            out.extend([Node::End("ol"), Node::newline(), Node::End("section"), Node::newline()]);
        }
        out
    }

    fn backrefs(&self, label: &CowStr<'a>, slug: &str) -> Vec<Node<'a>> {
        let (number, count) = self.numbers.get(label).copied().unwrap_or((0, 1));
        let mut out = Vec::new();
        for n in 1..=count.max(1) {
            let (suffix, which) = if n > 1 {
                (format!("-{n}"), format!(" ({n})"))
            } else {
                (String::new(), String::new())
            };
            out.extend([
                Node::text(" "),
                Node::Start(
                    "a",
                    vec![
                        ("href", Cow::Owned(format!("#{}fnref-{slug}{suffix}", self.id_prefix))),
                        ("class", Cow::Borrowed("footnote-backref")),
                        ("aria-label", Cow::Owned(format!("Back to reference {number}{which}"))),
                    ],
                ),
                Node::text("↩"),
                Node::End("a"),
            ]);
        }
        out
    }
}

impl<'a, I: Iterator<Item = Node<'a>>> Iterator for Footnotes<'a, I> {
    type Item = Node<'a>;

    fn next(&mut self) -> Option<Node<'a>> {
        loop {
            if let Some(node) = self.ready.pop_front() {
                return Some(node);
            }
            if self.done {
                return None;
            }
            match self.nodes.next() {
                Some(Node::Event(Event::FootnoteReference(label))) => {
                    let markup = self.reference(label);
                    self.ready.extend(markup);
                }
                Some(Node::Event(Event::Start(Tag::FootnoteDefinition(label)))) => self.collect_definition(label),
                Some(node) => return Some(node),
                None => {
                    self.done = true;
                    self.ready = self.section();
                }
            }
        }
    }
}
