//! The one writer: serializes the parser's events and our own markup as the sanitizer would
//! serialize them, with the policy applied as each start tag is made.
//!
//! Markdown is written as pulldown-cmark's writer lays it out (its line breaks, its elements), but
//! in html5ever's canonical form (`<br>`, text escaped only where it must be) and with ammonia's
//! attribute steps ([`fast_path::clean_attributes`], shared with the fast path), so that a
//! document without raw HTML needs no sanitizer pass at all: what is written here is what ammonia
//! would have made of it, byte for byte (the differential test holds the two equal). GFM tables,
//! alerts and math are written here too, as GFM and GitHub write them.
//!
//! What only the sanitizer can settle makes the output not `canonical`: the author's raw HTML
//! (written as it is, for the fast path or ammonia to read), and an element the HTML tree builder
//! would not put where it stands (a footnote reference inside a link nests `a` in `a`).

use std::borrow::Cow;

use pulldown_cmark::{Alignment, BlockQuoteKind, CodeBlockKind, Event, HeadingLevel, LinkType, Tag, TagEnd};

use crate::html::markup::{Attribute, Node};
use crate::markdown::source_lines::{self, Lines};
use crate::sanitize::fast_path::{self, Open};
use crate::sanitize::policy::Settings;

pub(crate) struct Writer<'s> {
    out: String,
    /// The policy; `None` writes attributes as they are (trusted HTML, and the differential test's
    /// reference, which ammonia then cleans).
    policy: Option<&'s Settings<'s>>,
    open: Open,
    canonical: bool,
    /// Where the text written so far ends a line: pulldown-cmark's rule for block line breaks.
    end_newline: bool,
    /// Whether the last character written was a `\r` written as `\n`: a `\n` right after it is
    /// the same line break (the HTML parser reads `\r\n` as one `\n`).
    after_cr: bool,
    /// Offsets in `out` where the sanitizer's input gets an empty comment (see [`Node::TextCut`]).
    cuts: Vec<usize>,
    /// Whether the author's raw HTML was written (plain comments, removed, aside).
    raw_html: bool,
    /// Whether only the sanitizer can render it ([`Node::Unmodeled`]).
    unmodeled: bool,
    in_metadata: bool,
    table: Table,
    /// Where the start tag of the top-level block (or heading) being written ends, until its
    /// source lines come (see `markdown/source_lines.rs`).
    block_tag_end: Option<usize>,
}

#[derive(Default)]
struct Table {
    alignments: Vec<Alignment>,
    in_head: bool,
    body_open: bool,
    cell: usize,
}

/// What was written.
pub(crate) struct Written {
    pub html: String,
    /// Whether `html` is already what the sanitizer makes of it.
    pub canonical: bool,
    /// Whether it has the author's raw HTML in it.
    pub raw_html: bool,
    /// Whether only the sanitizer can render it: the nesting bound's model (in the core module)
    /// does not know the tree its raw HTML builds.
    pub unmodeled: bool,
    cuts: Vec<usize>,
}

impl Written {
    /// The HTML for ammonia: long runs of text cut by empty comments, which it removes.
    pub fn for_sanitizer(&self) -> Cow<'_, str> {
        if self.cuts.is_empty() {
            return Cow::Borrowed(&self.html);
        }
        let mut out = String::with_capacity(self.html.len() + self.cuts.len() * CUT.len());
        let mut copied = 0;
        for &at in &self.cuts {
            out.push_str(&self.html[copied..at]);
            out.push_str(CUT);
            copied = at;
        }
        out.push_str(&self.html[copied..]);
        Cow::Owned(out)
    }
}

const CUT: &str = "<!---->";

impl<'s> Writer<'s> {
    pub fn new(policy: Option<&'s Settings<'s>>, capacity: usize) -> Self {
        Writer {
            out: String::with_capacity(capacity),
            policy,
            open: Open::default(),
            canonical: true,
            end_newline: true,
            after_cr: false,
            cuts: Vec::new(),
            raw_html: false,
            unmodeled: false,
            in_metadata: false,
            table: Table::default(),
            block_tag_end: None,
        }
    }

    pub fn finish(self) -> Written {
        Written {
            html: self.out,
            canonical: self.canonical,
            raw_html: self.raw_html,
            unmodeled: self.unmodeled,
            cuts: self.cuts,
        }
    }

    /// Appends what another writer wrote (the body, written before the frame around it).
    pub fn append(&mut self, written: Written) {
        let offset = self.out.len();
        self.cuts.extend(written.cuts.iter().map(|at| at + offset));
        self.out.push_str(&written.html);
        self.canonical &= written.canonical;
        self.raw_html |= written.raw_html;
        self.unmodeled |= written.unmodeled;
        self.end_newline = written.html.ends_with('\n');
        self.after_cr = false;
    }

    pub fn write_all<'a>(&mut self, nodes: &mut impl Iterator<Item = Node<'a>>) {
        while let Some(node) = nodes.next() {
            match node {
                Node::Event(Event::Start(Tag::Image { dest_url, title, .. })) => {
                    let alt = alt_text(nodes);
                    let src = href_value(&dest_url);
                    let mut attributes = vec![("src", src), ("alt", Cow::Owned(alt))];
                    if !title.is_empty() {
                        attributes.push(("title", Cow::Borrowed(&*title)));
                    }
                    self.start("img", attributes);
                }
                Node::Event(event) => self.event(event),
                Node::Start(name, attributes) => self.start(name, attributes),
                Node::End(name) => self.end(name),
                Node::Text(text) => self.text(&text),
                Node::TextCut => {
                    self.cuts.push(self.out.len());
                    self.after_cr = false;
                }
                Node::SourceLines(lines) => self.source_lines(lines),
                Node::Unmodeled => self.unmodeled = true,
            }
        }
    }

    /// A start tag; void elements have no end.
    pub fn start(&mut self, name: &'static str, mut attributes: Vec<Attribute<'_>>) {
        self.after_cr = false;
        self.end_newline = false;
        let Some(element) = fast_path::lookup(name) else {
            debug_assert!(false, "<{name}> is not modeled");
            self.canonical = false;
            fast_path::write_start_tag(&mut self.out, name, &attributes);
            return;
        };
        let top_level = self.open.is_empty();
        if !self.open.insert(element) {
            self.canonical = false;
        }
        attributes
            .iter_mut()
            .for_each(|(_, value)| normalize_line_breaks(value));
        if let Some(policy) = self.policy {
            let mut cleaned: Vec<fast_path::Attribute<'_>> = attributes;
            if fast_path::clean_attributes(element, &mut cleaned, policy).is_none() {
                self.canonical = false;
            }
            fast_path::write_start_tag(&mut self.out, name, &cleaned);
        } else {
            fast_path::write_start_tag(&mut self.out, name, &attributes);
        }
        if top_level || matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            self.block_tag_end = Some(self.out.len() - 1);
        }
    }

    /// Adds the block's source lines to its start tag, written just before (with at most what the
    /// block's start writes inside it: an alert's title, a quote figure's `<blockquote>`).
    fn source_lines(&mut self, lines: Lines) {
        let Some(at) = self.block_tag_end.take() else { return };
        let attribute = format!(" {}=\"{}\"", source_lines::ATTRIBUTE, lines.value());
        self.out.insert_str(at, &attribute);
        for cut in self.cuts.iter_mut().filter(|cut| **cut > at) {
            *cut += attribute.len();
        }
    }

    pub fn end(&mut self, name: &'static str) {
        self.after_cr = false;
        self.end_newline = false;
        if self.open.pop(name).is_none() {
            self.canonical = false;
        }
        if self.open.is_empty() {
            self.block_tag_end = None;
        }
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// Text, escaped as html5ever's serializer escapes it.
    pub fn text(&mut self, text: &str) {
        let text = match text.strip_prefix('\n') {
            Some(rest) if self.after_cr => rest,
            _ => text,
        };
        let bytes = text.as_bytes();
        let mut copied = 0;
        let mut i = 0;
        while let Some(offset) = bytes[i..].iter().position(|&b| fast_path::TEXT_SPECIAL[usize::from(b)]) {
            i += offset;
            let (replacement, skip) = match bytes[i] {
                b'&' => ("&amp;", 1),
                b'<' => ("&lt;", 1),
                b'>' => ("&gt;", 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => ("\n", 2),
                b'\r' => ("\n", 1),
                0xC2 if bytes.get(i + 1) == Some(&0xA0) => ("&nbsp;", 2),
                _ => {
                    i += 1; // another character of U+0080..U+00BF (or a NUL, which input never has)
                    continue;
                }
            };
            self.out.push_str(&text[copied..i]);
            self.out.push_str(replacement);
            i += skip;
            copied = i;
        }
        self.out.push_str(&text[copied..]);
        self.after_cr = text.ends_with('\r');
        self.end_newline = text.ends_with('\n');
    }

    fn newline(&mut self) {
        self.text("\n");
    }

    /// The line break pulldown-cmark puts before a block that does not start a line.
    fn block_start(&mut self) {
        if !self.end_newline {
            self.newline();
        }
    }

    /// The author's raw HTML, as it is. Under the policy, plain comments are removed here as the
    /// sanitizer removes them; anything else is left for the sanitizer to read.
    fn raw(&mut self, html: &str) {
        let trimmed = html.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\x0c' | '\r'));
        if self.policy.is_some() && fast_path::plain_comment_length(trimmed) == Some(trimmed.len()) {
            let start = trimmed.as_ptr() as usize - html.as_ptr() as usize;
            self.text(&html[..start]);
            self.text(&html[start + trimmed.len()..]);
        } else {
            // The sanitizer reads everything from here on, and raw HTML can make what follows
            // text (after a `<textarea>`…), which it shows as written: our markup is written as
            // the sanitizer would find it without the policy, and it applies the policy itself.
            self.canonical = false;
            self.raw_html = true;
            self.policy = None;
            self.block_tag_end = None;
            self.after_cr = false;
            self.out.push_str(html);
        }
        if !html.is_empty() {
            self.end_newline = html.ends_with('\n');
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start_tag(tag),
            Event::End(tag) => self.end_tag(tag),
            Event::Text(text) if !self.in_metadata => self.text(&text),
            Event::Text(_) => {}
            Event::Code(text) => {
                self.start("code", Vec::new());
                self.text(&text);
                self.end("code");
            }
            Event::InlineMath(tex) => self.math("math-inline", &tex),
            Event::DisplayMath(tex) => self.math("math-display", &tex),
            Event::Html(html) | Event::InlineHtml(html) => self.raw(&html),
            Event::SoftBreak => self.newline(),
            Event::HardBreak => {
                self.start("br", Vec::new());
                self.newline();
            }
            Event::Rule => {
                self.block_start();
                self.start("hr", Vec::new());
                self.newline();
            }
            Event::TaskListMarker(checked) => {
                let mut attributes = vec![("disabled", Cow::Borrowed("")), ("type", Cow::Borrowed("checkbox"))];
                if checked {
                    attributes.push(("checked", Cow::Borrowed("")));
                }
                self.start("input", attributes);
                self.newline();
            }
            // The footnotes adapter numbers references and moves definitions: none reach here.
            Event::FootnoteReference(_) => {}
        }
    }

    /// `$tex$` as an element that KaTeX or MathJax auto-render can pick up, holding the TeX source.
    fn math(&mut self, class: &'static str, tex: &str) {
        self.start("span", vec![("class", Cow::Borrowed(class))]);
        self.text(tex);
        self.end("span");
    }

    fn start_tag(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.block_start();
                self.start("p", Vec::new());
            }
            Tag::Heading { level, id, classes, .. } => {
                self.block_start();
                let mut attributes = Vec::new();
                if let Some(id) = &id {
                    attributes.push(("id", Cow::Borrowed(&**id)));
                }
                if !classes.is_empty() {
                    let classes: Vec<&str> = classes.iter().map(|class| &**class).collect();
                    attributes.push(("class", Cow::Owned(classes.join(" "))));
                }
                self.start(heading(level), attributes);
            }
            Tag::BlockQuote(None) => {
                self.block_start();
                self.start("blockquote", Vec::new());
                self.newline();
            }
            Tag::BlockQuote(Some(kind)) => self.alert(kind),
            Tag::CodeBlock(kind) => {
                self.block_start();
                self.start("pre", Vec::new());
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info.split(' ').next().unwrap_or_default(),
                    CodeBlockKind::Indented => "",
                };
                let attributes = if lang.is_empty() {
                    Vec::new()
                } else {
                    vec![("class", Cow::Owned(format!("language-{lang}")))]
                };
                self.start("code", attributes);
            }
            Tag::List(start) => {
                self.block_start();
                match start {
                    None => self.start("ul", Vec::new()),
                    Some(1) => self.start("ol", Vec::new()),
                    Some(start) => self.start("ol", vec![("start", Cow::Owned(start.to_string()))]),
                }
                self.newline();
            }
            Tag::Item => {
                self.block_start();
                self.start("li", Vec::new());
            }
            Tag::DefinitionList => {
                self.block_start();
                self.start("dl", Vec::new());
                self.newline();
            }
            Tag::DefinitionListTitle => {
                self.block_start();
                self.start("dt", Vec::new());
            }
            Tag::DefinitionListDefinition => {
                self.block_start();
                self.start("dd", Vec::new());
            }
            Tag::Table(alignments) => {
                self.table = Table {
                    alignments,
                    ..Table::default()
                };
                self.start("table", Vec::new());
                self.newline();
            }
            Tag::TableHead => {
                self.table.in_head = true;
                self.table.cell = 0;
                self.start("thead", Vec::new());
                self.newline();
                self.start("tr", Vec::new());
                self.newline();
            }
            Tag::TableRow => {
                self.table.cell = 0;
                if !self.table.body_open {
                    self.table.body_open = true;
                    self.start("tbody", Vec::new());
                    self.newline();
                }
                self.start("tr", Vec::new());
                self.newline();
            }
            Tag::TableCell => {
                let align = match self.table.alignments.get(self.table.cell) {
                    Some(Alignment::Left) => "left",
                    Some(Alignment::Center) => "center",
                    Some(Alignment::Right) => "right",
                    Some(Alignment::None) | None => "",
                };
                let attributes = if align.is_empty() {
                    Vec::new()
                } else {
                    vec![("align", Cow::Borrowed(align))]
                };
                self.start(if self.table.in_head { "th" } else { "td" }, attributes);
            }
            Tag::Emphasis => self.start("em", Vec::new()),
            Tag::Strong => self.start("strong", Vec::new()),
            Tag::Strikethrough => self.start("del", Vec::new()),
            Tag::Superscript => self.start("sup", Vec::new()),
            Tag::Subscript => self.start("sub", Vec::new()),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                let href = match link_type {
                    // An e-mail autolink's destination is the bare address.
                    LinkType::Email => Cow::Owned(format!("mailto:{}", href_value(&dest_url))),
                    _ => href_value(&dest_url),
                };
                let mut attributes = vec![("href", href)];
                if !title.is_empty() {
                    attributes.push(("title", Cow::Borrowed(&*title)));
                }
                self.start("a", attributes);
            }
            // The footnotes adapter takes every definition: none reaches here.
            Tag::FootnoteDefinition(_) => self.start("div", Vec::new()),
            Tag::MetadataBlock(_) => self.in_metadata = true,
            // Images are written by `write_all`, which reads their alt text.
            Tag::Image { .. } | Tag::HtmlBlock => {}
        }
    }

    fn end_tag(&mut self, tag: TagEnd) {
        let (name, newline) = match tag {
            TagEnd::Paragraph => ("p", true),
            TagEnd::Heading(level) => (heading(level), true),
            TagEnd::BlockQuote(None) => ("blockquote", true),
            TagEnd::BlockQuote(Some(_)) => ("div", true),
            TagEnd::CodeBlock => {
                self.end("code");
                ("pre", true)
            }
            TagEnd::List(true) => ("ol", true),
            TagEnd::List(false) => ("ul", true),
            TagEnd::Item => ("li", true),
            TagEnd::DefinitionList => ("dl", true),
            TagEnd::DefinitionListTitle => ("dt", true),
            TagEnd::DefinitionListDefinition => ("dd", true),
            TagEnd::Table => {
                if self.table.body_open {
                    self.end("tbody");
                    self.newline();
                }
                ("table", true)
            }
            TagEnd::TableHead => {
                self.table.in_head = false;
                self.end("tr");
                self.newline();
                ("thead", true)
            }
            TagEnd::TableRow => ("tr", true),
            TagEnd::TableCell => {
                self.table.cell += 1;
                (if self.table.in_head { "th" } else { "td" }, true)
            }
            TagEnd::Emphasis => ("em", false),
            TagEnd::Strong => ("strong", false),
            TagEnd::Strikethrough => ("del", false),
            TagEnd::Superscript => ("sup", false),
            TagEnd::Subscript => ("sub", false),
            TagEnd::Link => ("a", false),
            TagEnd::FootnoteDefinition => ("div", true),
            TagEnd::MetadataBlock(_) => {
                self.in_metadata = false;
                return;
            }
            TagEnd::Image | TagEnd::HtmlBlock => return,
        };
        self.end(name);
        if newline {
            self.newline();
        }
    }

    /// A GitHub alert: a titled `markdown-alert` block in place of the block quote.
    fn alert(&mut self, kind: BlockQuoteKind) {
        let (class, title) = match kind {
            BlockQuoteKind::Note => ("markdown-alert markdown-alert-note", "Note"),
            BlockQuoteKind::Tip => ("markdown-alert markdown-alert-tip", "Tip"),
            BlockQuoteKind::Important => ("markdown-alert markdown-alert-important", "Important"),
            BlockQuoteKind::Warning => ("markdown-alert markdown-alert-warning", "Warning"),
            BlockQuoteKind::Caution => ("markdown-alert markdown-alert-caution", "Caution"),
        };
        self.start("div", vec![("class", Cow::Borrowed(class))]);
        self.newline();
        self.start("p", vec![("class", Cow::Borrowed("markdown-alert-title"))]);
        self.text(title);
        self.end("p");
        self.newline();
    }
}

fn heading(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h1",
        HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    }
}

/// An image's alt text, as plain text: its inner events up to its end, consumed.
fn alt_text<'a>(nodes: &mut impl Iterator<Item = Node<'a>>) -> String {
    let mut alt = String::new();
    let mut nesting = 0usize;
    for node in nodes.by_ref() {
        match node {
            Node::Event(Event::Start(_)) => nesting += 1,
            Node::Event(Event::End(_)) if nesting == 0 => break,
            Node::Event(Event::End(_)) => nesting -= 1,
            Node::Event(Event::Text(text) | Event::Code(text) | Event::InlineHtml(text)) | Node::Text(text) => {
                alt.push_str(&text)
            }
            Node::Event(Event::InlineMath(tex)) => {
                alt.push('$');
                alt.push_str(&tex);
                alt.push('$');
            }
            Node::Event(Event::DisplayMath(tex)) => {
                alt.push_str("$$");
                alt.push_str(&tex);
                alt.push_str("$$");
            }
            Node::Event(Event::SoftBreak | Event::HardBreak | Event::Rule) => alt.push(' '),
            Node::Event(Event::TaskListMarker(checked)) => alt.push_str(if checked { "[x]" } else { "[ ]" }),
            _ => {}
        }
    }
    alt
}

/// A link destination as pulldown-cmark writes it, read back: bytes outside a URL's safe ASCII
/// characters percent-encoded (`&` and `'` stay, as character references that read as themselves).
pub(crate) fn href_value(url: &str) -> Cow<'_, str> {
    let keeps = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'()*+,-./:;=?@^_~".contains(&b);
    if url.bytes().all(keeps) {
        return Cow::Borrowed(url);
    }
    let mut out = String::with_capacity(url.len() + 8);
    for b in url.bytes() {
        if keeps(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    Cow::Owned(out)
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// `\r\n` and `\r` as the HTML parser reads them: `\n`.
fn normalize_line_breaks(value: &mut Cow<'_, str>) {
    if value.contains('\r') {
        *value = Cow::Owned(value.replace("\r\n", "\n").replace('\r', "\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_percent_encoded_as_pulldown_cmark_writes_them() {
        assert_eq!(
            href_value("https://example.com/a?b=c&d='e'"),
            "https://example.com/a?b=c&d='e'"
        );
        assert_eq!(
            href_value("a b<c>\"d\"[e]{f}|`g`\\é"),
            "a%20b%3Cc%3E%22d%22%5Be%5D%7Bf%7D%7C%60g%60%5C%C3%A9"
        );
        assert!(matches!(href_value("/plain/path"), Cow::Borrowed(_)));
    }

    #[test]
    fn text_is_escaped_as_the_serializer_escapes_it() {
        let mut writer = Writer::new(None, 0);
        writer.text("a & b < c > d \u{a0} \"e\" 'f' g\r\nh\ri\r");
        writer.text("\nj");
        assert_eq!(
            writer.finish().html,
            "a &amp; b &lt; c &gt; d &nbsp; \"e\" 'f' g\nh\ni\nj"
        );
    }

    #[test]
    fn a_link_inside_a_link_is_left_to_the_sanitizer() {
        let mut writer = Writer::new(None, 0);
        writer.start("a", vec![("href", Cow::Borrowed("/x"))]);
        writer.start("sup", Vec::new());
        assert!(writer.canonical);
        writer.start("a", vec![("href", Cow::Borrowed("#fn"))]);
        assert!(!writer.canonical);
    }
}
