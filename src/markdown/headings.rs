//! Event adapter over headings: records each heading's text (for the title and the table of
//! contents) and, when asked, gives it an id from GitHub's slug rules.

use std::collections::{HashMap, HashSet, VecDeque};

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use crate::html::markup::Node;

use crate::article::TocEntry;

/// What the adapter learned, read after the events are consumed.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    /// Every heading, in order.
    pub headings: Vec<TocEntry>,
    /// Index in `headings` of the first level-1 heading.
    pub first_h1: Option<usize>,
}

pub(crate) struct Headings<'a, I> {
    nodes: I,
    /// Nodes of the heading being passed on, after its rewritten start.
    pending: VecDeque<Node<'a>>,
    /// `Some(prefix)` when headings get ids.
    id_prefix: Option<&'a str>,
    /// Whether headings with an id get a `#` link to themselves.
    anchors: bool,
    slugs: Slugs,
    pub outline: Outline,
}

impl<'a, I: Iterator<Item = Node<'a>>> Headings<'a, I> {
    pub fn new(nodes: I, id_prefix: Option<&'a str>, anchors: bool) -> Self {
        Headings {
            nodes,
            pending: VecDeque::new(),
            id_prefix,
            anchors,
            slugs: Slugs::default(),
            outline: Outline::default(),
        }
    }

    /// What was learned, once the events are consumed (ending the adapter and its borrows).
    pub fn into_outline(self) -> Outline {
        self.outline
    }

    /// Buffers one heading's inline events to learn its text before its start tag is written.
    fn heading(
        &mut self,
        level: HeadingLevel,
        written_id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        _attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    ) -> Node<'a> {
        let mut text = String::new();
        let mut line = None;
        for node in self.nodes.by_ref() {
            match &node {
                Node::Event(Event::Text(t) | Event::Code(t) | Event::InlineMath(t)) => text.push_str(t),
                Node::Event(Event::SoftBreak | Event::HardBreak) => text.push(' '),
                Node::SourceLines(lines) => line = Some(lines.first),
                _ => {}
            }
            let end = matches!(node, Node::Event(Event::End(TagEnd::Heading(_))));
            self.pending.push_back(node);
            if end {
                break;
            }
        }
        let text = text.trim().to_owned();
        let id = self.id_prefix.map(|prefix| {
            let base = written_id.as_deref().map_or_else(|| github_slug(&text), str::to_owned);
            format!("{prefix}{}", self.slugs.unique(base))
        });
        if let (true, Some(id)) = (self.anchors, &id) {
            let end = self.pending.pop_back();
            self.pending.extend(anchor(id, &text));
            self.pending.extend(end);
        }
        if level == HeadingLevel::H1 && self.outline.first_h1.is_none() {
            self.outline.first_h1 = Some(self.outline.headings.len());
        }
        self.outline.headings.push(TocEntry {
            level: level as u8,
            id: id.clone(),
            text,
            line,
        });
        // Of `{#id .class key=value}` only the id and classes are kept: other attributes could
        // carry event handlers or styles.
        Node::Event(Event::Start(Tag::Heading {
            level,
            id: id.map(CowStr::from).or(written_id),
            classes,
            attrs: Vec::new(),
        }))
    }
}

impl<'a, I: Iterator<Item = Node<'a>>> Iterator for Headings<'a, I> {
    type Item = Node<'a>;

    fn next(&mut self) -> Option<Node<'a>> {
        if let Some(node) = self.pending.pop_front() {
            return Some(node);
        }
        match self.nodes.next()? {
            Node::Event(Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            })) => Some(self.heading(level, id, classes, attrs)),
            node => Some(node),
        }
    }
}

/// The link a reader uses to copy a section's address; its text is not part of the heading's text.
fn anchor<'a>(id: &str, text: &str) -> [Node<'a>; 3] {
    [
        Node::Start(
            "a",
            vec![
                ("class", Cow::Borrowed("anchor")),
                ("href", Cow::Owned(format!("#{id}"))),
                ("aria-label", Cow::Owned(format!("Link to this section: {text}"))),
            ],
        ),
        Node::text("#"),
        Node::End("a"),
    ]
}

/// GitHub's heading slug: lowercase; letters, digits, `_`, `-` and spaces kept, other
/// punctuation dropped; spaces become `-`. An empty slug becomes `section`.
pub(crate) fn github_slug(text: &str) -> String {
    let slug: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect();
    if slug.is_empty() {
        "section".to_owned()
    } else {
        slug
    }
}

/// Makes slugs unique as GitHub does: the second `intro` is `intro-1`, then `intro-2`.
#[derive(Debug, Default)]
struct Slugs {
    used: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

impl Slugs {
    fn unique(&mut self, base: String) -> String {
        let suffix = self.next_suffix.entry(base.clone()).or_insert(0);
        let mut candidate = base.clone();
        while self.used.contains(&candidate) {
            *suffix += 1;
            candidate = format!("{base}-{suffix}");
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_github() {
        assert_eq!(github_slug("Hello, World!"), "hello-world");
        assert_eq!(github_slug("C++ & Rust_2 — a look"), "c--rust_2--a-look");
        assert_eq!(github_slug("Ünïcode Überall"), "ünïcode-überall");
        assert_eq!(github_slug("?!"), "section");
    }

    #[test]
    fn duplicates_get_numbered() {
        let mut slugs = Slugs::default();
        let got: Vec<String> = ["a", "a", "a", "a-1", "b"]
            .iter()
            .map(|s| slugs.unique(s.to_string()))
            .collect();
        assert_eq!(got, ["a", "a-1", "a-2", "a-1-1", "b"]);
    }
}
