//! What the adapters hand to the writer: the parser's events, and the markup quire writes itself,
//! typed, so that nothing downstream has to read our own HTML back to learn what we already knew.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event};

use crate::markdown::source_lines::Lines;

/// An attribute of our own markup: its name and its value unescaped (the writer escapes it).
pub(crate) type Attribute<'a> = (&'static str, Cow<'a, str>);

pub(crate) enum Node<'a> {
    /// A parser event. Its `Html` and `InlineHtml` are the author's raw HTML, and nothing else.
    Event(Event<'a>),
    /// A start tag of our own; a void element (`img`, `input`) has no `End`.
    Start(&'static str, Vec<Attribute<'a>>),
    End(&'static str),
    /// Text of our own, unescaped.
    Text(CowStr<'a>),
    /// Where a long run of text may end a text node for the sanitizer, should it run (see depth.rs).
    TextCut,
    /// The input lines of the block (or heading) whose start came just before (`sourceLines`).
    SourceLines(Lines),
    /// The nesting bound's model stopped knowing the stack raw HTML builds: only the sanitizer
    /// can render the document (see `html::insertion::Nesting`).
    Unmodeled,
}

impl<'a> Node<'a> {
    pub fn start(name: &'static str) -> Self {
        Node::Start(name, Vec::new())
    }

    pub fn text(text: impl Into<CowStr<'a>>) -> Self {
        Node::Text(text.into())
    }

    /// The line break the writer puts between blocks.
    pub fn newline() -> Self {
        Node::Text(CowStr::Borrowed("\n"))
    }
}

impl<'a> From<Event<'a>> for Node<'a> {
    fn from(event: Event<'a>) -> Self {
        Node::Event(event)
    }
}
