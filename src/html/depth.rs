//! Bounded nesting: no input nests deeper than [`LIMITS.depth`] by the time the sanitizer parses it.
//!
//! html5ever (inside ammonia) spends time proportional to the depth of its stack of open elements
//! on most tags and on every run of text (scope checks, "reconstruct the active formatting
//! elements"), so a document nested `d` deep costs it `O(n·d)`: 40,000 nested `> ` take seconds.
//! Browsers cap the depth of the tree they build (Blink and WebKit at 512) and append whatever
//! comes deeper to the deepest element: this adapter flattens likewise, lower and before parsing.
//!
//! * Markdown containers and inline elements (block quotes, lists and items, definition lists,
//!   footnote definitions, emphasis, strong, strikethrough, super/subscripts, links) that would
//!   open at depth `LIMITS.depth` or deeper are dropped, start and end, keeping their content; a
//!   dropped block container leaves a line break so words do not run together. Leaf blocks
//!   (paragraphs, headings, code blocks) always stay: they add a bounded amount of depth.
//! * Raw HTML is tokenized as html5ever would tokenize it (by `html::tokenizer`, this adapter
//!   its sink), and a model of html5ever's tree builder (`html::tree`)
//!   follows every token, Markdown's included, to know the depth html5ever will reach. (The core
//!   module, which renders raw HTML only where every tag nests as written, follows the nesting
//!   instead, `html::insertion::Nesting`, and hands on [`Node::Unmodeled`] where that stops
//!   being the tree: such a document needs the sanitizer, and the full module.) (The
//!   adapters after this one add markup of our own, typed, of a bounded depth: [`LIMITS.html_slack`].) A start tag that would open at
//!   `LIMITS.depth + LIMITS.html_slack` or deeper is escaped (`<` becomes `&lt;`): it shows as the text it
//!   was, and the end tag that matches it is escaped too.
//!
//! Escaping is the only change made to raw HTML, and it only ever turns markup into text: a `<`
//! written as `&lt;` cannot start anything in any state of the HTML tokenizer. What must never
//! happen is that escaping one tag changes how what follows it is tokenized, turning text into
//! markup. So:
//!
//! * tags that switch the tokenizer to text (`<textarea>`, `<script>`, `<style>`…) are never
//!   escaped: they cannot nest, so they add one level at most;
//! * SVG and MathML content decide whether `<![CDATA[`, `<style>` or `<textarea>` are text, and
//!   so which tags follow: a tag in it (or one opening it, or an integration point) is never
//!   escaped alone, and once anything was escaped or dropped no SVG or MathML content opens. In
//!   those cases all raw HTML from there on is escaped ("panic"), but for the start tags that
//!   leave SVG or MathML content, which never deepen the tree;
//! * raw HTML cut off inside a tag, declaration or bogus comment when Markdown takes over again
//!   (an HTML block ending inside `<div title="…`) would swallow Markdown's own output: the
//!   construct is escaped from its `<` (and if it opened SVG, MathML or text-only content, or was
//!   the end tag of a `<textarea>`…, all raw HTML after it too). At the very end of the document
//!   nothing follows, and it stays as it is.
//!
//! One more thing keeps the sanitizer linear, though it has nothing to do with depth: html5ever's
//! serializer scans a text node to its end for every `&` in it, so Markdown text gets a
//! [`Node::TextCut`] every [`LIMITS.text_run`] bytes: an empty comment in what the sanitizer reads, if
//! it runs (it removes comments; the text is the same).
//!
//! Pathological documents aside, nothing changes: a document that never nests `LIMITS.depth` deep
//! and leaves no tag unfinished is passed through untouched (but for those comments).
//!
//! Everything here is linear: each byte of raw HTML is scanned once (a tag that is escaped is
//! scanned twice), and the model's work per token is bounded by the depth it allows.

use crate::limits::LIMITS;
use std::collections::{HashMap, VecDeque};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::html::markup::Node;
use crate::html::tags;
use crate::html::tokenizer::{Cut, Sink, TagToken, TextOnly, Tokenizer};
use crate::html::tree::{is_breakout, is_formatting, name_of_bytes, would_grow, StartTag, Tree};
use crate::markdown::source_lines;

/// The stack of open elements the bound follows: html5ever's tree builder, exactly (`Tree`), in
/// builds with the sanitizer; in the core module, which renders raw HTML only where every tag
/// fits, the nesting of tags that fit (`Nesting`), which says where it stops knowing the stack.
pub(crate) trait Model: Default {
    fn in_text(&self) -> bool;
    fn load(&self) -> usize;
    fn foreign_on_stack(&self) -> bool;
    fn html_rules_for_start(&self, name: &str) -> bool;
    fn allow_cdata(&self) -> bool;
    fn characters(&mut self, visible: bool);
    fn start_tag(&mut self, tag: &StartTag<'_>) -> Option<TextOnly>;
    fn end_tag(&mut self, name: &str);
    /// Whether the model no longer knows the stack (the exact one always does): the render then
    /// needs the sanitizer.
    fn unmodeled(&self) -> bool;
}

#[cfg(feature = "sanitizer")]
type DefaultModel = Tree;
#[cfg(not(feature = "sanitizer"))]
type DefaultModel = crate::html::insertion::Nesting;

impl Model for Tree {
    fn in_text(&self) -> bool {
        Tree::in_text(self)
    }
    fn load(&self) -> usize {
        Tree::load(self)
    }
    fn foreign_on_stack(&self) -> bool {
        Tree::foreign_on_stack(self)
    }
    fn html_rules_for_start(&self, name: &str) -> bool {
        Tree::html_rules_for_start(self, name)
    }
    fn allow_cdata(&self) -> bool {
        Tree::allow_cdata(self)
    }
    fn characters(&mut self, visible: bool) {
        Tree::characters(self, visible)
    }
    fn start_tag(&mut self, tag: &StartTag<'_>) -> Option<TextOnly> {
        Tree::start_tag(self, tag)
    }
    fn end_tag(&mut self, name: &str) {
        Tree::end_tag(self, name)
    }
    fn unmodeled(&self) -> bool {
        false
    }
}

/// Event adapter bounding the nesting depth; see the module documentation.
pub(crate) struct Depth<'a, I, M = DefaultModel> {
    events: I,
    /// Whether raw HTML is tokenized (and bounded). Off when raw HTML is trusted: no sanitizer
    /// parses it, and trusted HTML is passed through unchanged.
    raw_html: bool,
    ready: VecDeque<Node<'a>>,
    /// The event that ended a run of raw HTML, to be handled next.
    held: Option<Event<'a>>,
    /// A run of raw HTML events being read (kept for its allocation).
    run: Vec<Event<'a>>,
    done: bool,
    /// Per open Markdown `Start` event: whether it was passed on.
    open: Vec<bool>,
    /// How many images we are inside: their content is alt text, not elements.
    in_image: usize,
    /// Whether a table head is open (its cells are `th`).
    in_table_head: bool,
    /// Bytes of Markdown text written since the last tag (see [`LIMITS.text_run`]).
    text_run: usize,
    /// Until the first raw HTML: what the tree model would hold (`None` once it does).
    markdown_only: Option<MarkdownOnly<'a>>,
    tokenizer: Tokenizer,
    bound: Bound<M>,
    /// Whether [`Node::Unmodeled`] was handed on.
    unmodeled: bool,
}

/// Markdown's open elements, while nothing but Markdown has come. Its output never misnests, so
/// the tree model would hold just these; it is built from them when raw HTML comes, and
/// documents without raw HTML never pay for it.
#[derive(Default)]
struct MarkdownOnly<'a> {
    /// Per passed Markdown start: its element names, and for a link its href and title.
    open: Vec<(&'static [&'static str], Option<Link<'a>>)>,
    /// How many elements the model would have open: the names, and a table body's `tbody`,
    /// which the tree builder adds before the first body row.
    load: usize,
    tbody: bool,
}

type Link<'a> = (CowStr<'a>, CowStr<'a>);

impl<'a> MarkdownOnly<'a> {
    fn start(&mut self, names: &'static [&'static str], link: Option<Link<'a>>) {
        if names == ["tr"] && !self.tbody {
            self.tbody = true;
            self.load += 1;
        }
        self.load += names.len();
        self.open.push((names, link));
    }

    fn end(&mut self, names: &'static [&'static str]) {
        if self.open.last().is_none_or(|(open, _)| *open != names) {
            return; // no such element open: the tree builder ignores such an end tag
        }
        self.open.pop();
        self.load -= names.len();
        if names == ["table"] && self.tbody {
            self.tbody = false;
            self.load -= 1;
        }
    }
}

/// The key the tree model compares formatting elements by (the Noah's Ark clause): a link's
/// attributes.
fn link_key(link: Option<&Link<'_>>) -> String {
    link.map(|(href, title)| format!("href={href}\0title={title}"))
        .unwrap_or_default()
}

impl<'a, I: Iterator<Item = Event<'a>>> Depth<'a, I> {
    pub fn new(events: I, raw_html: bool) -> Self {
        Depth::with_model(events, raw_html)
    }
}

impl<'a, I: Iterator<Item = Event<'a>>, M: Model> Depth<'a, I, M> {
    pub fn with_model(events: I, raw_html: bool) -> Self {
        Depth {
            events,
            raw_html,
            ready: VecDeque::new(),
            held: None,
            run: Vec::new(),
            done: false,
            open: Vec::new(),
            in_image: 0,
            in_table_head: false,
            text_run: 0,
            markdown_only: Some(MarkdownOnly::default()),
            tokenizer: Tokenizer::default(),
            bound: Bound::default(),
            unmodeled: false,
        }
    }

    fn pull(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.held.take() {
            return Some(event);
        }
        if self.done {
            return None;
        }
        let event = self.events.next();
        self.done = event.is_none();
        event
    }

    /// Whether the writer's output for Markdown events is parsed as markup (and not swallowed
    /// as the text of a raw `<textarea>`, a comment… left open by raw HTML).
    fn markup(&self) -> bool {
        self.tokenizer.in_data()
    }

    fn start_elements(&mut self, names: &'static [&'static str], link: Option<Link<'a>>, block: bool) {
        if !self.markup() {
            return;
        }
        if let Some(markdown) = &mut self.markdown_only {
            markdown.start(names, link);
            return;
        }
        let key = link_key(link.as_ref());
        for &name in names {
            self.bound.tree.start_tag(&StartTag {
                key: &key,
                ..StartTag::named(name)
            });
        }
        if block {
            self.bound.tree.characters(false);
        }
    }

    fn end_elements(&mut self, names: &'static [&'static str], block: bool) {
        if !self.markup() {
            return;
        }
        if let Some(markdown) = &mut self.markdown_only {
            markdown.end(names);
            return;
        }
        for name in names.iter().rev() {
            self.bound.tree.end_tag(name);
        }
        if block {
            self.bound.tree.characters(false);
        }
    }

    fn text(&mut self, text: &str) {
        if self.markup() && !text.is_empty() && self.markdown_only.is_none() {
            self.bound.tree.characters(text.bytes().any(|b| !is_space(b)));
        }
    }

    fn void(&mut self, name: &'static [&'static str]) {
        if self.markdown_only.is_none() {
            self.start_elements(name, None, false);
        }
    }

    /// The model's open elements: those Markdown left open, until it is built (see [`MarkdownOnly`]).
    fn load(&self) -> usize {
        self.markdown_only
            .as_ref()
            .map_or_else(|| self.bound.tree.load(), |markdown| markdown.load)
    }

    /// Builds the tree model from Markdown's open elements, for the first raw HTML.
    fn model(&mut self) {
        let Some(markdown) = self.markdown_only.take() else {
            return;
        };
        for (names, link) in markdown.open {
            let key = link_key(link.as_ref());
            for &name in names {
                self.bound.tree.start_tag(&StartTag {
                    key: &key,
                    ..StartTag::named(name)
                });
            }
        }
    }

    fn start(&mut self, tag: Tag<'a>) {
        if self.in_image > 0 {
            self.in_image += usize::from(matches!(tag, Tag::Image { .. }));
            self.open.push(true);
            self.ready.push_back(Node::Event(Event::Start(tag)));
            return;
        }
        let (names, block, droppable) = start_names(&tag, self.in_table_head);
        if droppable && self.markup() && self.load() >= LIMITS.depth && !self.bound.tree.foreign_on_stack() {
            self.open.push(false);
            self.bound.diverged = true;
            if block {
                // A line break keeps the words of flattened list items and quotes apart.
                self.ready.push_back(Node::Event(Event::SoftBreak));
                if self.markdown_only.is_none() {
                    self.bound.tree.characters(false);
                }
            }
            return;
        }
        self.open.push(true);
        match &tag {
            Tag::Image { .. } => {
                self.void(&["img"]);
                self.in_image = 1;
            }
            Tag::TableHead => self.in_table_head = true,
            _ => {}
        }
        let link = match &tag {
            Tag::Link { dest_url, title, .. } => Some((dest_url.clone(), title.clone())),
            _ => None,
        };
        self.start_elements(names, link, block);
        if matches!(tag, Tag::FootnoteDefinition(_)) {
            // `<sup class="footnote-definition-label">N</sup>`
            self.start_elements(&["sup"], None, false);
            self.text("1");
            self.end_elements(&["sup"], false);
        }
        self.ready.push_back(Node::Event(Event::Start(tag)));
    }

    fn end(&mut self, end: TagEnd) {
        let passed = self.open.pop().unwrap_or(true);
        if self.in_image > 0 {
            self.in_image -= usize::from(matches!(end, TagEnd::Image));
            self.ready.push_back(Node::Event(Event::End(end)));
            return;
        }
        // The end of a dropped start goes too, unless SVG or MathML content opened since (the end
        // tag may be what leaves it) or raw HTML left text open (where the end tag is text).
        if !passed && !self.bound.tree.foreign_on_stack() && self.markup() {
            return;
        }
        let (names, block) = end_names(end, self.in_table_head);
        if end == TagEnd::TableHead {
            self.in_table_head = false;
        }
        self.end_elements(names, block);
        self.ready.push_back(Node::Event(Event::End(end)));
    }

    fn markdown(&mut self, event: Event<'a>) {
        let queued = self.ready.len();
        match &event {
            Event::Start(_) | Event::End(_) => {}
            _ if self.in_image > 0 => {}
            Event::Text(text) => self.text(text),
            Event::Code(text) => {
                self.start_elements(&["code"], None, false);
                self.text(text);
                self.end_elements(&["code"], false);
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.start_elements(&["span"], None, false);
                self.text(text);
                self.end_elements(&["span"], false);
            }
            Event::SoftBreak => self.text("\n"),
            Event::HardBreak => {
                self.void(&["br"]);
                self.text("\n");
            }
            Event::Rule => {
                self.void(&["hr"]);
                self.text("\n");
            }
            Event::TaskListMarker(_) => {
                self.void(&["input"]);
                self.text("\n");
            }
            Event::FootnoteReference(_) => {
                self.start_elements(&["sup", "a"], None, false);
                self.text("1");
                self.end_elements(&["sup", "a"], false);
            }
            // Raw HTML reaches here only when it is trusted (or inside an image's alt text).
            Event::Html(_) | Event::InlineHtml(_) => {}
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(end) => self.end(end),
            Event::Text(text) if self.in_image == 0 => self.text_run(text),
            Event::Code(code)
                if self.in_image == 0 && self.raw_html && self.markup() && code.len() > LIMITS.text_run =>
            {
                self.ready.push_back(Node::start("code"));
                self.text_run(code);
                self.ready.push_back(Node::End("code"));
            }
            Event::SoftBreak => {
                self.text_run += 1;
                self.ready.push_back(Node::Event(event));
            }
            event => self.ready.push_back(Node::Event(event)),
        }
        // A tag written ends the run of text (a dropped one writes nothing).
        if self.ready.len() > queued
            && !matches!(self.ready.back(), Some(Node::Event(Event::Text(_) | Event::SoftBreak)))
        {
            self.text_run = 0;
        }
    }

    /// Queues `text`, cut by empty comments where the text since the last tag grows past
    /// [`LIMITS.text_run`] (when the sanitizer will read it).
    fn text_run(&mut self, text: CowStr<'a>) {
        if !self.raw_html || !self.markup() {
            self.ready.push_back(Node::Event(Event::Text(text)));
            return;
        }
        let mut at = 0;
        loop {
            let room = LIMITS.text_run.saturating_sub(self.text_run);
            if text.len() - at <= room {
                self.text_run += text.len() - at;
                let rest = match text {
                    CowStr::Borrowed(whole) if at > 0 => CowStr::Borrowed(&whole[at..]),
                    whole if at > 0 => CowStr::from(whole[at..].to_owned()),
                    whole => whole,
                };
                self.ready.push_back(Node::Event(Event::Text(rest)));
                return;
            }
            let mut end = at + room;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            if end > at {
                let piece = match &text {
                    CowStr::Borrowed(whole) => CowStr::Borrowed(&whole[at..end]),
                    whole => CowStr::from(whole[at..end].to_owned()),
                };
                self.ready.push_back(Node::Event(Event::Text(piece)));
            }
            self.ready.push_back(Node::TextCut);
            self.text_run = 0;
            at = end;
        }
    }

    /// Tokenizes a run of raw HTML events (escaping what must be), then queues them.
    fn raw_run(&mut self, run: &mut Vec<Event<'a>>) {
        self.model();
        self.text_run = 0;
        // Nothing of Markdown's follows the last run: what it leaves unfinished stays as it is.
        let last = self.held.is_none() && self.done;
        match run.as_slice() {
            [Event::Html(html) | Event::InlineHtml(html)] => self.bound.run(&mut self.tokenizer, html.as_bytes(), last),
            _ => {
                let mut joined = String::new();
                for event in run.iter() {
                    if let Event::Html(html) | Event::InlineHtml(html) = event {
                        joined.push_str(html);
                    }
                }
                self.bound.run(&mut self.tokenizer, joined.as_bytes(), last);
            }
        }
        let mut escapes = self.bound.escapes.iter().copied().enumerate().peekable();
        let mut start = 0;
        for event in run.drain(..) {
            let event = match event {
                Event::Html(html) => {
                    let length = html.len();
                    let html = escape_at(html, start, &mut escapes);
                    start += length;
                    Event::Html(html)
                }
                Event::InlineHtml(html) => {
                    let length = html.len();
                    let html = escape_at(html, start, &mut escapes);
                    start += length;
                    Event::InlineHtml(html)
                }
                event => event,
            };
            self.ready.push_back(Node::Event(event));
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>, M: Model> Iterator for Depth<'a, I, M> {
    type Item = Node<'a>;

    fn next(&mut self) -> Option<Node<'a>> {
        loop {
            if let Some(event) = self.ready.pop_front() {
                return Some(event);
            }
            if !self.unmodeled && self.bound.tree.unmodeled() {
                self.unmodeled = true;
                return Some(Node::Unmodeled);
            }
            let event = self.pull()?;
            if let Some(lines) = source_lines::read(&event) {
                self.ready.push_back(Node::SourceLines(lines));
                continue;
            }
            // Text while only Markdown has come, with no cut due: nothing to model, straight on.
            if self.markdown_only.is_some() && self.in_image == 0 {
                let length = match &event {
                    Event::Text(text) => text.len(),
                    Event::SoftBreak => 1,
                    _ => usize::MAX,
                };
                if self.text_run.saturating_add(length) <= LIMITS.text_run {
                    self.text_run += length;
                    return Some(Node::Event(event));
                }
            }
            if self.raw_html && self.in_image == 0 && is_raw(&event) {
                let mut run = std::mem::take(&mut self.run);
                run.push(event);
                while let Some(event) = self.pull() {
                    if is_raw(&event) {
                        run.push(event);
                    } else {
                        self.held = Some(event);
                        break;
                    }
                }
                self.raw_run(&mut run);
                self.run = run;
            } else {
                self.markdown(event);
            }
        }
    }
}

fn is_raw(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock)
    )
}

/// `html` (which starts at `start` in the run) with the `<` at each offset in `escapes` that falls
/// inside it written as `&lt;`; a start tag's, every [`LIMITS.escapes_per_text_node`]th, after an empty
/// comment (where a start tag opens, the tokenizer is in the data state: the comment only ends
/// the text node, and the sanitizer removes it).
fn escape_at<'a>(
    html: CowStr<'a>,
    start: usize,
    escapes: &mut std::iter::Peekable<impl Iterator<Item = (usize, usize)>>,
) -> CowStr<'a> {
    let end = start + html.len();
    if escapes.peek().is_none_or(|&(_, at)| at >= end) {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 16);
    let mut copied = 0;
    while let Some(&(count, at)) = escapes.peek() {
        if at >= end {
            break;
        }
        escapes.next();
        let at = at - start;
        out.push_str(&html[copied..at]);
        let start_tag = html.as_bytes().get(at + 1).is_some_and(u8::is_ascii_alphabetic);
        if start_tag && count % LIMITS.escapes_per_text_node == LIMITS.escapes_per_text_node - 1 {
            out.push_str("<!---->");
        }
        out.push_str("&lt;");
        copied = at + 1;
    }
    out.push_str(&html[copied..]);
    CowStr::from(out)
}

/// The elements the writer opens for a Markdown start tag, whether it is a block (followed by a
/// line break), and whether it may be dropped.
fn start_names(tag: &Tag<'_>, in_table_head: bool) -> (&'static [&'static str], bool, bool) {
    match tag {
        Tag::Paragraph => (&["p"], true, false),
        Tag::Heading { level, .. } => (heading_name(*level as usize), true, false),
        Tag::BlockQuote(_) => (&["blockquote"], true, true),
        Tag::CodeBlock(_) => (&["pre", "code"], false, false),
        Tag::List(Some(_)) => (&["ol"], true, true),
        Tag::List(None) => (&["ul"], true, true),
        Tag::Item => (&["li"], false, true),
        Tag::FootnoteDefinition(_) => (&["div"], false, true),
        Tag::DefinitionList => (&["dl"], true, true),
        Tag::DefinitionListTitle => (&["dt"], false, true),
        Tag::DefinitionListDefinition => (&["dd"], false, true),
        Tag::Table(_) => (&["table"], true, false),
        Tag::TableHead => (&["thead", "tr"], true, false),
        Tag::TableRow => (&["tr"], true, false),
        Tag::TableCell if in_table_head => (&["th"], false, false),
        Tag::TableCell => (&["td"], false, false),
        Tag::Emphasis => (&["em"], false, true),
        Tag::Strong => (&["strong"], false, true),
        Tag::Strikethrough => (&["del"], false, true),
        Tag::Superscript => (&["sup"], false, true),
        Tag::Subscript => (&["sub"], false, true),
        Tag::Link { .. } => (&["a"], false, true),
        // An image is a void element (its content is alt text); the rest writes no element.
        Tag::Image { .. } | Tag::HtmlBlock | Tag::MetadataBlock(_) => (&[], false, false),
    }
}

fn end_names(end: TagEnd, in_table_head: bool) -> (&'static [&'static str], bool) {
    match end {
        TagEnd::Paragraph => (&["p"], true),
        TagEnd::Heading(level) => (heading_name(level as usize), true),
        TagEnd::BlockQuote(_) => (&["blockquote"], true),
        TagEnd::CodeBlock => (&["pre", "code"], true),
        TagEnd::List(true) => (&["ol"], true),
        TagEnd::List(false) => (&["ul"], true),
        TagEnd::Item => (&["li"], true),
        TagEnd::FootnoteDefinition => (&["div"], true),
        TagEnd::DefinitionList => (&["dl"], true),
        TagEnd::DefinitionListTitle => (&["dt"], true),
        TagEnd::DefinitionListDefinition => (&["dd"], true),
        TagEnd::Table => (&["table"], true),
        TagEnd::TableHead => (&["thead", "tr"], true),
        TagEnd::TableRow => (&["tr"], true),
        TagEnd::TableCell if in_table_head => (&["th"], false),
        TagEnd::TableCell => (&["td"], false),
        TagEnd::Emphasis => (&["em"], false),
        TagEnd::Strong => (&["strong"], false),
        TagEnd::Strikethrough => (&["del"], false),
        TagEnd::Superscript => (&["sup"], false),
        TagEnd::Subscript => (&["sub"], false),
        TagEnd::Link => (&["a"], false),
        TagEnd::Image | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => (&[], false),
    }
}

fn heading_name(level: usize) -> &'static [&'static str] {
    const HEADINGS: [&[&str]; 6] = [&["h1"], &["h2"], &["h3"], &["h4"], &["h5"], &["h6"]];
    HEADINGS[level.clamp(1, 6) - 1]
}

/// HTML's whitespace (after the tokenizer turns `\r` into `\n`).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

// ---------------------------------------------------------------------------------------------
// Raw HTML's tokens (from the one tokenizer, `html::tokenizer`) given to the tree model, and the
// `<` to escape.
// ---------------------------------------------------------------------------------------------

/// The nesting bound's reading of raw HTML: the tree model it feeds, and what it escapes.
#[derive(Default)]
struct Bound<M> {
    tree: M,
    /// Text read since the last token given to the model: `Some(true)` if not all whitespace.
    text: Option<bool>,
    /// Escaped start tags by name, waiting for their end tags.
    escaped: HashMap<Vec<u8>, usize>,
    /// Whether the document html5ever reads differs from the one written (something was escaped
    /// or dropped): from then on, SVG and MathML content may not open (see `panic`).
    diverged: bool,
    /// Whether all raw HTML from here on is escaped: where escaping one tag could change how
    /// what follows it is tokenized (SVG and MathML content, text-only elements), everything that
    /// follows is made text instead.
    panic: bool,
    /// Offsets of the `<` to escape in the current run.
    escapes: Vec<usize>,
}

impl<M: Model> Bound<M> {
    /// Reads one run of raw HTML (events joined), giving the model every token; leaves the
    /// offsets of the `<` to escape in `escapes`, ascending.
    fn run(&mut self, tokenizer: &mut Tokenizer, bytes: &[u8], last: bool) {
        self.escapes.clear();
        tokenizer.run(bytes, self);
        if !last {
            self.finish_run(tokenizer, bytes);
        }
        self.flush_text();
        crate::sort::sort_by_key(&mut self.escapes, |&offset| offset);
        self.escapes.dedup();
    }

    fn note_text(&mut self, bytes: &[u8]) {
        if !bytes.is_empty() {
            let visible = bytes.iter().any(|&b| !is_space(b));
            self.text = Some(self.text.unwrap_or(false) || visible);
        }
    }

    fn flush_text(&mut self) {
        if let Some(visible) = self.text.take() {
            self.tree.characters(visible);
        }
    }

    fn escape_span(&mut self, bytes: &[u8], from: usize, to: usize) {
        let end = to.min(bytes.len());
        for (at, &b) in bytes[from..end].iter().enumerate() {
            if b == b'<' {
                self.escapes.push(from + at);
            }
        }
    }

    /// Escapes `from..to` (text where the tokenizer is in data: `in_data`), and from now on all
    /// raw HTML but for the start tags that leave SVG and MathML content.
    fn panic(&mut self, bytes: &[u8], from: usize, to: usize, in_data: bool) {
        self.escape_span(bytes, from, to);
        self.panic = true;
        self.diverged = true;
        if in_data {
            self.note_text(b"<");
        }
    }

    /// Markdown's output comes next. Where it would be read as part of a construct the raw HTML
    /// left unfinished (inside a tag, a declaration, a bogus comment, an end tag of raw text), the
    /// construct is escaped; the states Markdown's output cannot leave (comments, raw text)
    /// return to their base state.
    fn finish_run(&mut self, tokenizer: &mut Tokenizer, bytes: &[u8]) {
        let from = tokenizer.construct();
        match tokenizer.cut() {
            Cut::Nothing => {}
            // The end tag of a `<textarea>`, `<script>`… cut off: html5ever would end the text
            // at Markdown's next `>`, we would not.
            Cut::TextEnd => self.panic(bytes, from, bytes.len(), false),
            Cut::Tag
                if self.tree.foreign_on_stack() || {
                    let tag = tokenizer.tag();
                    !tag.end && (tag.name == b"svg" || tag.name == b"math" || tags::text_only(&tag.name).is_some())
                } =>
            {
                // The tag would have opened SVG, MathML or text-only content, or closed some.
                self.panic(bytes, from, bytes.len(), true);
            }
            Cut::Tag | Cut::Declaration => {
                self.escape_span(bytes, from, bytes.len());
                self.note_text(b"<");
                self.diverged = true;
            }
        }
    }
}

impl<M: Model> Sink for Bound<M> {
    fn text(&mut self, text: &[u8]) {
        self.note_text(text);
    }

    /// In a panic, a `<` is escaped but where it starts a start tag in data (to let through
    /// those leaving SVG and MathML content).
    fn less_than(&mut self, bytes: &[u8], at: usize, text_only: bool) -> bool {
        if !self.panic || (!text_only && bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic)) {
            return true;
        }
        self.escapes.push(at);
        false
    }

    fn cdata(&self) -> bool {
        self.tree.allow_cdata()
    }

    fn tag(&mut self, tag: &TagToken, bytes: &[u8], span: Range<usize>) -> Option<TextOnly> {
        self.flush_text();
        let atom = name_of_bytes(&tag.name);
        // (A tag name starts with a letter and ends before an ASCII byte: it is whole UTF-8.)
        let name = std::str::from_utf8(atom.bytes()).unwrap_or_default();
        let tree = &mut self.tree;
        if tag.end {
            if tree.in_text() {
                tree.end_tag(name);
                return None;
            }
            if let Some(count) = self.escaped.get_mut(&tag.name).filter(|count| **count > 0) {
                *count -= 1;
                if tree.foreign_on_stack() {
                    self.panic(bytes, span.start, span.end, true);
                    return None;
                }
                self.escape_span(bytes, span.start, span.end);
                self.note_text(b"<");
                return None;
            }
            if self.panic {
                self.escape_span(bytes, span.start, span.end);
                self.note_text(b"<");
                return None;
            }
            tree.end_tag(name);
            return None;
        }
        let html_rules = tree.html_rules_for_start(name);
        let font_breakout = name == "font"
            && tag
                .attributes()
                .any(|(name, _)| matches!(name, b"color" | b"face" | b"size"));
        if self.panic {
            // Only a tag that leaves SVG or MathML content goes through (it pops at least the
            // element it would push): the text after it is no longer theirs.
            let leaves_foreign = !html_rules && (is_breakout(name.as_bytes()) || font_breakout);
            if !leaves_foreign {
                self.escape_span(bytes, span.start, span.end);
                self.note_text(b"<");
                return None;
            }
        }
        let enters_foreign = html_rules && !tag.self_closing && matches!(name, "svg" | "math");
        if enters_foreign && self.diverged {
            // What html5ever reads already differs from what was written: SVG or MathML content
            // opened now might not be where the writer had it.
            self.panic(bytes, span.start, span.end, true);
            return None;
        }
        let grows = would_grow(name, tag.self_closing, html_rules, font_breakout);
        if grows && tree.load() >= LIMITS.depth + LIMITS.html_slack {
            let text_only = html_rules && tags::text_only(name.as_bytes()).is_some();
            if !text_only {
                if !html_rules || tree.foreign_on_stack() || enters_foreign {
                    // Escaping one tag here could change how the tags after it are read.
                    self.panic(bytes, span.start, span.end, true);
                    return None;
                }
                self.escape_span(bytes, span.start, span.end);
                self.note_text(b"<");
                self.diverged = true;
                *self.escaped.entry(tag.name.clone()).or_insert(0) += 1;
                return None;
            }
        }
        let key = if is_formatting(name.as_bytes()) {
            attribute_key(tag)
        } else {
            String::new()
        };
        let html_annotation = name == "annotation-xml"
            && tag.attribute(b"encoding").is_some_and(|value| {
                value.eq_ignore_ascii_case(b"text/html") || value.eq_ignore_ascii_case(b"application/xhtml+xml")
            });
        self.tree.start_tag(&StartTag {
            name,
            atom: atom.clone(),
            self_closing: tag.self_closing,
            key: &key,
            font_breakout,
            html_annotation,
        })
    }
}

/// A tag's attributes as one string, for comparing formatting elements ("Noah's Ark"): sorted
/// by name, and of a repeated name the first (html5ever drops the others).
fn attribute_key(tag: &TagToken) -> String {
    let mut pairs: Vec<(&[u8], &[u8])> = tag.attributes().collect();
    // Stable: of equal names, the first written stays first, and is the one kept.
    crate::sort::sort_by(&mut pairs, |a, b| a.0.cmp(b.0));
    pairs.dedup_by(|a, b| a.0 == b.0);
    let mut key = Vec::new();
    for (name, value) in pairs {
        key.extend_from_slice(name);
        key.push(b'=');
        key.extend_from_slice(value);
        key.push(0);
    }
    String::from_utf8_lossy(&key).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::insertion::Nesting;
    use crate::test_random::Xorshift;
    use pulldown_cmark::{html, Options, Parser};
    use std::collections::HashSet;

    fn options() -> Options {
        Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_DEFINITION_LIST
            | Options::ENABLE_MATH
            | Options::ENABLE_SUPERSCRIPT
            | Options::ENABLE_SUBSCRIPT
    }

    /// pulldown-cmark's HTML for the bounded events, with the typed nodes this adapter adds
    /// written as it would write them.
    fn bounded(markdown: &str) -> String {
        bounded_with::<Tree>(markdown).expect("the exact model knows every stack")
    }

    /// The bounded events with the model `M`; `None` where the model stopped knowing the stack.
    fn bounded_with<M: Model>(markdown: &str) -> Option<String> {
        let mut out = String::new();
        let mut unmodeled = false;
        let events = Depth::<_, M>::with_model(Parser::new_ext(markdown, options()), true).filter_map(|node| {
            Some(match node {
                Node::Event(event) => event,
                Node::TextCut => Event::InlineHtml(CowStr::Borrowed("<!---->")),
                Node::Start(name, _) => Event::InlineHtml(CowStr::from(format!("<{name}>"))),
                Node::End(name) => Event::InlineHtml(CowStr::from(format!("</{name}>"))),
                Node::Text(text) => Event::Text(text),
                Node::SourceLines(_) => unreachable!("no source lines without the option"),
                Node::Unmodeled => {
                    unmodeled = true;
                    return None;
                }
            })
        });
        html::push_html(&mut out, events);
        (!unmodeled).then_some(out)
    }

    /// The core module's model bounds every document it knows the stack of as the exact model
    /// does: random nestings of raw HTML and Markdown, deep enough to meet the bound, and the
    /// repository's documents.
    #[test]
    fn the_nesting_model_bounds_as_the_tree_model_where_it_knows_the_stack() {
        let pieces = [
            "<div>",
            "</div>",
            "<span>",
            "</span>",
            "<b>",
            "</b>",
            "<p>",
            "</p>",
            "<em>",
            "</em>",
            "<ul><li>",
            "</li></ul>",
            "<li>",
            "<table><tbody><tr><td>",
            "</td></tr></tbody></table>",
            "<table>\n<tr><td>",
            "<blockquote>",
            "</blockquote>",
            "<a href=\"/x\">",
            "</a>",
            "<h2>",
            "</h2>",
            "<br>",
            "<img src=\"x\">",
            "<script>a</script>",
            "<style>b</style>",
            "<textarea>",
            "</textarea>",
            "<svg>",
            "</svg>",
            "<i>",
            "</i>",
            "> ",
            "- ",
            "1. ",
            "*",
            "**",
            "`",
            "word ",
            "\n",
            "\n\n",
            "<!-- c -->",
            "<details>",
            "</details>",
        ];
        let mut random = Xorshift(0x6e65_7374);
        let (mut modeled, mut bounded_there) = (0, 0);
        for _ in 0..3000 {
            let mut markdown = String::new();
            for _ in 0..random.below(40) {
                let piece = random.pick(&pieces);
                // Runs of one opener, to reach the bound.
                let times = if random.below(8) == 0 { 20 + random.below(80) } else { 1 };
                markdown.push_str(&piece.repeat(times));
            }
            let exact = bounded_with::<Tree>(&markdown).expect("the exact model knows every stack");
            if let Some(nesting) = bounded_with::<Nesting>(&markdown) {
                assert_eq!(nesting, exact, "{markdown:?}");
                modeled += 1;
                bounded_there += usize::from(exact.contains("&lt;"));
            }
        }
        assert!(
            modeled > 300 && bounded_there > 10,
            "{modeled} modeled, {bounded_there} bounded"
        );
        // Deep raw HTML that nests as written, closed at random: inline elements in a Markdown
        // paragraph (with emphasis of its own), or an HTML block of blocks, then inline elements.
        let (blocks, inline) = (
            ["div", "blockquote", "details", "section"],
            ["span", "b", "i", "em", "code"],
        );
        let mut bounded_there = 0;
        for _ in 0..500 {
            let paragraph = random.below(2) == 0;
            let container = random.pick(&["", "> ", "- ", "> - "]);
            let mut markdown = format!("{container}{}", if paragraph { "text " } else { "<div>" });
            let mut open: Vec<&str> = if paragraph { Vec::new() } else { vec!["div"] };
            let mut in_inline = paragraph;
            for _ in 0..random.below(300) {
                match random.below(10) {
                    0..=5 => {
                        let name = if in_inline || random.below(3) == 0 {
                            in_inline = true;
                            random.pick(&inline)
                        } else {
                            random.pick(&blocks)
                        };
                        markdown.push_str(&format!("<{name}>"));
                        open.push(name);
                    }
                    6 => {
                        if let Some(name) = open.pop() {
                            markdown.push_str(&format!("</{name}>"));
                            in_inline = paragraph || open.last().is_some_and(|name| inline.contains(name));
                        }
                    }
                    7 => markdown.push_str("*x* "),
                    _ => markdown.push_str("text "),
                }
            }
            while let Some(name) = open.pop() {
                markdown.push_str(&format!("</{name}>"));
            }
            let exact = bounded_with::<Tree>(&markdown).expect("the exact model knows every stack");
            let nesting = bounded_with::<Nesting>(&markdown);
            assert_eq!(nesting.as_ref(), Some(&exact), "{markdown:?}");
            bounded_there += usize::from(exact.contains("&lt;"));
        }
        assert!(bounded_there > 50, "{bounded_there} bounded");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for folder in ["tests/corpus", "tests/fixtures", "bench/corpus"] {
            for entry in std::fs::read_dir(root.join(folder)).expect(folder) {
                let path = entry.expect("entry").path();
                if path.extension().is_some_and(|ext| ext == "md") {
                    let markdown = std::fs::read_to_string(&path).expect("utf-8");
                    let exact = bounded_with::<Tree>(&markdown).expect("the exact model knows every stack");
                    if let Some(nesting) = bounded_with::<Nesting>(&markdown) {
                        assert_eq!(nesting, exact, "{}", path.display());
                    }
                }
            }
        }
    }

    fn unbounded(markdown: &str) -> String {
        let mut out = String::new();
        html::push_html(&mut out, Parser::new_ext(markdown, options()));
        out
    }

    /// Element names the depth measure keeps (raw-text elements are left out: their content
    /// would be serialized raw).
    const KEPT: [&str; 62] = [
        "a",
        "annotation-xml",
        "b",
        "big",
        "blockquote",
        "body",
        "button",
        "caption",
        "center",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "desc",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figure",
        "font",
        "foreignObject",
        "form",
        "h1",
        "h2",
        "h3",
        "html",
        "i",
        "li",
        "marquee",
        "math",
        "mi",
        "mtext",
        "nobr",
        "object",
        "ol",
        "optgroup",
        "option",
        "p",
        "pre",
        "rb",
        "rp",
        "rt",
        "ruby",
        "s",
        "section",
        "select",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "svg",
        "table",
        "tbody",
        "td",
        "template",
        "th",
        "tr",
        "ul",
    ];

    const VOIDS: [&str; 18] = [
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link",
        "meta", "param", "source", "track", "wbr",
    ];

    /// The depth of the tree html5ever (through ammonia, keeping every element above) builds
    /// from `html`, read off the serialization: ammonia writes every `<` of text as `&lt;`.
    fn parsed_depth(html: &str) -> usize {
        let kept = ammonia::Builder::empty()
            .add_tags(KEPT)
            .clean_content_tags(HashSet::new())
            .clean(html)
            .to_string();
        let (mut depth, mut deepest) = (0usize, 0usize);
        let bytes = kept.as_bytes();
        for (at, _) in kept.match_indices('<') {
            if bytes.get(at + 1) == Some(&b'/') {
                depth = depth.saturating_sub(1);
                continue;
            }
            let name: String = kept[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if !VOIDS.contains(&name.to_ascii_lowercase().as_str()) {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        deepest
    }

    /// The text html5ever reads from `html`: the text of every element (kept, so that ammonia's
    /// policy for SVG and MathML names, which drops their content, does not count).
    fn parsed_text(html: &str) -> String {
        let kept = ammonia::Builder::empty()
            .add_tags(KEPT)
            .clean_content_tags(HashSet::new())
            .clean(html)
            .to_string();
        let mut text = String::new();
        let mut rest = kept.as_str();
        while let Some(at) = rest.find('<') {
            text.push_str(&rest[..at]);
            rest = rest[at..].split_once('>').map_or("", |(_, after)| after);
        }
        text.push_str(rest);
        text
    }

    /// Tag names the Markdown writer never writes (and so never the text of a text-only element
    /// that raw HTML left open): their text in `before` must still be text in `after`.
    const CANARIES: [&str; 28] = [
        "div",
        "span",
        "b",
        "i",
        "font",
        "svg",
        "math",
        "foreignobject",
        "mi",
        "mtext",
        "desc",
        "textarea",
        "title",
        "style",
        "script",
        "xmp",
        "noscript",
        "template",
        "nobr",
        "button",
        "select",
        "option",
        "optgroup",
        "table",
        "tr",
        "td",
        "caption",
        "object",
    ];

    /// Whether no tag written as text in `before` (html5ever's text of the unbounded output) is
    /// markup in `after`: escaping may turn markup into text, never the other way.
    fn keeps_escaped_tags(before: &str, after: &str) -> bool {
        let (before, after) = (before.to_ascii_lowercase(), after.to_ascii_lowercase());
        CANARIES.iter().all(|name| {
            let tag = format!("&lt;{name}");
            before.matches(&tag).count() <= after.matches(&tag).count()
        })
    }

    const BOUND: usize = LIMITS.depth + LIMITS.html_slack + 4;

    #[test]
    fn a_formatting_elements_key_keeps_the_first_of_a_repeated_attribute() {
        struct Keys(Vec<String>);
        impl Sink for Keys {
            fn tag(&mut self, tag: &TagToken, _: &[u8], _: Range<usize>) -> Option<TextOnly> {
                self.0.push(attribute_key(tag));
                None
            }
        }
        let mut keys = Keys(Vec::new());
        Tokenizer::default().run(b"<b x=2 y=3 x=1><b y=3 x=2>", &mut keys);
        assert_eq!(keys.0[0], keys.0[1]);
    }

    #[test]
    fn nested_block_quotes_stop_at_max_depth() {
        let html = bounded(&format!("{}deep\n", "> ".repeat(1000)));
        assert_eq!(html.matches("<blockquote>").count(), LIMITS.depth);
        assert_eq!(html.matches("</blockquote>").count(), LIMITS.depth);
        assert!(html.contains("<p>deep</p>"));
        assert!(parsed_depth(&html) <= LIMITS.depth + 1);
    }

    #[test]
    fn nested_lists_stop_at_max_depth() {
        for (prefix, tag) in [("- ", "ul"), ("1. ", "ol")] {
            let html = bounded(&format!("{}item\n", prefix.repeat(1000)));
            assert_eq!(html.matches(&format!("<{tag}")).count(), LIMITS.depth / 2, "{tag}");
            assert_eq!(html.matches(&format!("</{tag}>")).count(), LIMITS.depth / 2, "{tag}");
            assert_eq!(html.matches("<li>").count(), LIMITS.depth / 2);
            assert!(html.contains("item"));
        }
    }

    #[test]
    fn shallow_documents_are_unchanged() {
        for markdown in [
            "# Title\n\n> quote\n> > nested\n\n- a\n  - b\n    1. c\n\n*em **strong** em* ~~del~~ [link](u)\n",
            "<div>\n<table><tr><td>cell\n</div>\n\ntext <b>bold <i>both</b> italic</i>\n",
            "<textarea>\n<div>\n\n*not markdown*\n\n</textarea>\n\n<svg><![CDATA[ <b> ]]></svg>\n",
            "<!-- a comment\n\n*still a comment*\n\n-->\n\n<script>if (a < b) {}</script>\n",
            "Term\n: definition\n\n[^1]: note\n\nfoot[^1] $x^2$\n\n| a | b |\n|---|---|\n| c | d |\n",
        ] {
            assert_eq!(bounded(markdown), unbounded(markdown), "{markdown}");
        }
    }

    #[test]
    fn deep_inline_nesting_is_flattened() {
        let k = 2000;
        let markdown = format!("{}b{}", "*a **a ".repeat(k), " a** a*".repeat(k));
        let html = bounded(&markdown);
        let elements = html.matches("<em>").count() + html.matches("<strong>").count();
        assert!(elements < LIMITS.depth, "{elements}");
        assert_eq!(html.matches("<em>").count(), html.matches("</em>").count());
        assert_eq!(html.matches('a').count(), 4 * k);
        assert!(html.contains('b'));
    }

    #[test]
    fn nested_raw_html_is_escaped_past_the_bound() {
        for markdown in [
            format!("{}x{}", "<div>".repeat(500), "</div>".repeat(500)),
            format!("x {}y", "<span> ".repeat(500)),
            "<div>\n\n".repeat(500),
            format!("{}x", "<b id=a>".repeat(500)),
            format!("{}x", "<table><tr><td>".repeat(500)),
            format!("{}x", "<svg><foreignObject>".repeat(500)),
            format!("{}x", "<math><mi>".repeat(500)),
            format!("{}x\n", "> - <div>\n> - ".repeat(200)),
            "<p><i id=x>a</p>\n".repeat(500),
        ] {
            let html = bounded(&markdown);
            let depth = parsed_depth(&html);
            assert!(depth <= BOUND, "{depth}: {}", &markdown[..40]);
            assert!(keeps_escaped_tags(
                &parsed_text(&unbounded(&markdown)),
                &parsed_text(&html)
            ));
        }
        let html = bounded(&format!("{}x{}", "<div>".repeat(500), "</div>".repeat(500)));
        // The divs past the bound show as text, and so do their end tags.
        let kept = html.matches("<div>").count();
        assert!(
            (LIMITS.depth..=LIMITS.depth + LIMITS.html_slack).contains(&kept),
            "{kept}"
        );
        assert_eq!(html.matches("&lt;div>").count(), 500 - kept);
        assert_eq!(html.matches("&lt;/div>").count(), 500 - kept);
    }

    #[test]
    fn long_text_is_cut_by_comments() {
        for (markdown, cut) in [
            ("&# ".repeat(10_000), true),
            (format!("`{}`", "a&b ".repeat(2_000)), true),
            ("é&".repeat(5_000), true),
            ("short *text* ".repeat(100), false),
            // Inside a `<textarea>` a comment would be text.
            (format!("<textarea>\n\n{}\n", "&# ".repeat(2_000)), false),
        ] {
            let html = bounded(&markdown);
            assert_eq!(html.contains("<!---->"), cut, "{}", &markdown[..20]);
            assert_eq!(html.replace("<!---->", ""), unbounded(&markdown), "{}", &markdown[..20]);
            let longest = html.split(['<', '>']).map(str::len).max().unwrap_or(0);
            // (Measured in written HTML, where `&` takes five bytes.)
            assert!(longest <= LIMITS.text_run * 5 || !cut, "{longest}");
        }
    }

    #[test]
    fn text_switching_tags_are_never_escaped() {
        // Past the bound, a `<textarea>` still opens: escaping it would turn its text into markup.
        let markdown = format!("{}<textarea><b>text</b></textarea>", "<div>".repeat(200));
        let html = bounded(&markdown);
        assert!(html.contains("<textarea><b>text</b></textarea>"));
        assert!(parsed_text(&html).contains("&lt;b&gt;text"));
    }

    #[test]
    fn unfinished_tags_do_not_swallow_markdown() {
        let html = bounded("<div title=\"x\n\n*para*\n");
        assert_eq!(html, "&lt;div title=\"x\n<p><em>para</em></p>\n");
        // At the very end nothing of Markdown's follows: the raw HTML stays as written.
        assert_eq!(bounded("<div id=\"foo\"\n*hi*\n"), "<div id=\"foo\"\n*hi*\n");
    }

    const PIECES: [&str; 99] = [
        "é",
        "<é>",
        "<dé x=\"é\">",
        "<div>",
        "</div>",
        "<span>",
        "</span>",
        "<b>",
        "</b>",
        "<b id=1>",
        "<i>",
        "</i>",
        "<a href=x>",
        "</a>",
        "<p>",
        "</p>",
        "<li>",
        "<ul>",
        "</ul>",
        "<table>",
        "</table>",
        "<tr>",
        "<td>",
        "</td>",
        "<th>",
        "<tbody>",
        "<caption>",
        "<colgroup>",
        "<col>",
        "<select>",
        "<option>",
        "<optgroup>",
        "<svg>",
        "</svg>",
        "<math>",
        "</math>",
        "<foreignObject>",
        "</foreignObject>",
        "<mi>",
        "<mtext>",
        "<desc>",
        "<annotation-xml encoding=text/html>",
        "<textarea>",
        "</textarea>",
        "<title>",
        "</title>",
        "<style>",
        "</style>",
        "<script>",
        "</script>",
        "<xmp>",
        "<noscript>",
        "</noscript>",
        "<template>",
        "</template>",
        "<font color=red>",
        "<font>",
        "<nobr>",
        "<button>",
        "<em>",
        "<strong>",
        "<code>",
        "<pre>",
        "<h1>",
        "</h1>",
        "<dd>",
        "<dt>",
        "<form>",
        "</form>",
        "<object>",
        "</object>",
        "<br>",
        "</br>",
        "<img>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<?x",
        "<!x",
        ">",
        "\"",
        "<",
        "</",
        "x",
        " ",
        "\n",
        "\n\n",
        "> ",
        "- ",
        "1. ",
        "*",
        "**",
        "_",
        "~~",
        "[",
        "](u)",
        "`",
        "|",
    ];

    fn document(rng: &mut Xorshift, pieces: &[&str]) -> String {
        let mut out = String::new();
        for _ in 0..rng.below(4) {
            out.push_str(pieces[rng.below(pieces.len())]);
        }
        let motif: Vec<&str> = (0..1 + rng.below(6)).map(|_| pieces[rng.below(pieces.len())]).collect();
        for _ in 0..rng.below(300) {
            for piece in &motif {
                out.push_str(piece);
            }
            if rng.below(8) == 0 {
                out.push_str(pieces[rng.below(pieces.len())]);
            }
        }
        out.push('w');
        out
    }

    fn fuzz_cases() -> usize {
        std::env::var("QUIRE_DEPTH_FUZZ")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(300)
    }

    #[test]
    fn random_nesting_stays_bounded() {
        let mut rng = Xorshift(0x9E37_79B9_7F4A_7C15);
        for case in 0..fuzz_cases() {
            let markdown = document(&mut rng, &PIECES);
            let depth = parsed_depth(&bounded(&markdown));
            assert!(depth <= BOUND, "case {case}: depth {depth}\n{markdown:?}");
        }
    }

    /// (SVG and MathML names are left out: ammonia deletes them, content and all, where they
    /// are not in SVG or MathML, and escaping changes where content ends up.)
    #[test]
    fn random_html_is_never_unescaped() {
        const FOREIGN: [&str; 9] = [
            "<svg>",
            "</svg>",
            "<math>",
            "</math>",
            "<foreignObject>",
            "</foreignObject>",
            "<mi>",
            "<mtext>",
            "<desc>",
        ];
        let pieces: Vec<&str> = PIECES
            .iter()
            .copied()
            .filter(|piece| !FOREIGN.contains(piece) && !piece.starts_with("<annotation"))
            .collect();
        let mut rng = Xorshift(0x2545_F491_4F6C_DD1D);
        for case in 0..fuzz_cases() {
            let markdown = document(&mut rng, &pieces);
            let before = parsed_text(&unbounded(&markdown));
            let after = parsed_text(&bounded(&markdown));
            assert!(
                keeps_escaped_tags(&before, &after),
                "case {case}: text became markup\n{markdown:?}\n{before:?}\n{after:?}"
            );
        }
    }
}
