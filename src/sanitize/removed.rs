//! `Article.removed`: what the sanitizer takes out of the author's Markdown, and on which line, so
//! an editor can say why an `<iframe>` vanished.
//!
//! ammonia does not say what it removes, so this module explains it from the same rules. It
//! watches the parser's events on their way into the pipeline (no second parse); raw HTML goes
//! through raw HTML's one tokenizer (`html::tokenizer`, the nesting bound's too), which reads
//! tags, attributes, comments and raw text, script escapes included, the way html5ever's does
//! (ammonia parses with it; the tests here check the two agree), and each start tag and
//! attribute is checked against the policy's own allow-lists (read from
//! `sanitize::policy`), its URL schemes and its attribute filter. Markdown link and image
//! destinations are checked against the schemes too. The sanitizer stays the authority: this is a
//! report, and nothing here changes the HTML.
//!
//! Limits, where the report and the sanitizer can disagree:
//! - a class list that keeps some of its classes is not reported (one that keeps none is);
//! - `<input type>` being forced to `checkbox` is a change, not a removal, and is not reported;
//! - the tree builder's view is not modelled: tags inside `<svg>`/`<math>` are checked as HTML
//!   tags (they are removed anyway), `<image>` is not renamed `<img>`, and whether a tag's content
//!   is text (`script`, `style`, `textarea`...) follows from its name alone;
//! - raw HTML is read as one stream, without the Markdown between its pieces, and a tag left
//!   open by an HTML block is not closed by the Markdown that follows;
//! - raw HTML that quire drops before sanitizing (in an unreferenced footnote, in the title line
//!   that moves to the header as text) is reported as removed, which it is, though not by the
//!   sanitizer.
//!
//! Cost: one closure call per parser event; in `sanitize` mode, one linear pass over the raw HTML
//! (the tag filter's scan, then the tokenizer) and a few hash lookups per tag and attribute; the
//! allow-lists are read once per process, from ammonia's builder (or, in a build without it, from
//! the fast path's table: see [`Policy`]).

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use html5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
use pulldown_cmark::{CowStr, Event, LinkType, Tag};
use serde::Serialize;

use crate::html::tokenizer::{Sink, TagToken, TextOnly, Tokenizer};
use crate::html::writer::href_value;
use crate::html::{entities, tags};
use crate::markdown::tagfilter;
use crate::sanitize::fast_path;
use crate::sanitize::policy;
use crate::urls::{self, scheme};
use crate::RawHtml;

/// Something the sanitizer removed from the document, and where.
///
/// Serializes to camelCase JSON: `{"kind": "attribute", "name": "onclick", "element": "p", "line": 3}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Removal {
    /// What was removed: an element, an attribute, or a URL (the `href`/`src` holding it).
    pub kind: RemovalKind,
    /// The element's name (`iframe`), the attribute's name (`onclick`), or the URL's scheme with its
    /// colon (`javascript:`); a URL with an allowed scheme that does not parse is given as written,
    /// cut after 100 characters.
    pub name: String,
    /// The element it was on (`a`, `img`, `p`...); for a removed element, that element.
    pub element: String,
    /// The 1-based line in the whole input (front matter included): where the element's tag
    /// starts, where the attribute is written, where the Markdown link or image starts.
    pub line: usize,
}

/// What kind of thing a [`Removal`] is. Serializes as `"element"`, `"attribute"` or `"url"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum RemovalKind {
    /// A raw HTML element the policy does not allow (`iframe`, `script`, `style`, `form`, `svg`...),
    /// removed with its attributes (and, for `script` and `style`, its content).
    Element,
    /// An attribute the policy does not allow (`onclick`, `style`, `srcdoc`, `name`...) or whose
    /// value it does not keep (`target="_top"`, a `class` with none of the kept classes).
    Attribute,
    /// A link or image URL with a scheme other than `http`, `https`, `mailto` and `tel` (or one that
    /// does not parse): the `href` or `src` is removed, the element stays.
    Url,
}

/// A URL's name in a report is cut after this many characters.
const MAX_URL_CHARS: usize = 100;

/// Watches the parser's events (with their byte ranges) as the pipeline pulls them, and collects
/// what the sanitizer will remove. Shared by reference with the event chain, hence the cells.
pub(crate) struct Watch<'b> {
    body: &'b str,
    /// Lines before the body (the front matter's).
    lines_above: usize,
    /// Raw HTML is checked in `sanitize` mode; links and images in every mode but `trusted`.
    check_html: bool,
    check_links: bool,
    tagfilter: bool,
    id_prefix: &'b str,
    lines: Cell<LineCursor>,
    /// Where the last text event started: the fallback place of a bare URL linked from it.
    text_offset: Cell<usize>,
    /// Created at the first raw HTML. One scanner for the whole document: ammonia reads the raw
    /// HTML as one stream (an unclosed `<script>` takes what follows with it).
    html: RefCell<Option<Box<Scanner>>>,
    found: RefCell<Vec<Removal>>,
}

impl<'b> Watch<'b> {
    /// `body` is the Markdown the parser reads, after `lines_above` lines of front matter.
    pub fn new(body: &'b str, lines_above: usize, mode: RawHtml, tagfilter: bool, id_prefix: &'b str) -> Self {
        Watch {
            body,
            lines_above,
            check_html: mode == RawHtml::Sanitize,
            check_links: mode != RawHtml::Trusted,
            tagfilter,
            id_prefix,
            lines: Cell::new(LineCursor::default()),
            text_offset: Cell::new(0),
            html: RefCell::new(None),
            found: RefCell::new(Vec::new()),
        }
    }

    /// Looks at one event from `Parser::into_offset_iter` and passes it on unchanged.
    pub fn see<'a>(&self, (event, range): (Event<'a>, Range<usize>)) -> Event<'a> {
        match &event {
            Event::Html(html) | Event::InlineHtml(html) if self.check_html => self.raw_html(html, range),
            Event::Start(Tag::Link {
                link_type, dest_url, ..
            }) if self.check_links && *link_type != LinkType::Email => self.destination(dest_url, "a", range.start),
            Event::Start(Tag::Image { dest_url, .. }) if self.check_links => {
                self.destination(dest_url, "img", range.start)
            }
            Event::Text(_) => self.text_offset.set(range.start),
            _ => {}
        }
        event
    }

    /// Looks at the events out of the autolink adapter: a bare `ftp://` or `xmpp:` address becomes
    /// a link whose scheme the sanitizer does not keep. (A `<ftp://...>` autolink from the parser
    /// passes here too; it is reported once, as the place is the same.)
    pub fn autolink(&self, event: &Event<'_>) {
        let Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url,
            ..
        }) = event
        else {
            return;
        };
        if self.check_links {
            // The destination is the text as written, usually borrowed from the Markdown itself.
            let offset = (dest_url.as_ptr() as usize).wrapping_sub(self.body.as_ptr() as usize);
            let offset = if offset < self.body.len() {
                offset
            } else {
                self.text_offset.get()
            };
            self.destination(dest_url, "a", offset);
        }
    }

    /// The removals, in source order, one per kind, name and line.
    pub fn finish(&self) -> Vec<Removal> {
        let mut found = self.found.take();
        crate::sort::sort_by_key(&mut found, |removal| removal.line);
        let mut seen = HashSet::new();
        let keep: Vec<bool> = found
            .iter()
            .map(|removal| seen.insert((removal.kind, &removal.name, removal.line)))
            .collect();
        let mut keep = keep.into_iter();
        found.retain(|_| keep.next().unwrap_or(true));
        found
    }

    /// The 1-based document line of a byte offset in the body.
    fn line(&self, offset: usize) -> usize {
        let mut cursor = self.lines.get();
        cursor.move_to(self.body.as_bytes(), offset);
        self.lines.set(cursor);
        self.lines_above + cursor.line + 1
    }

    /// A Markdown link or image destination, as the sanitizer will see it.
    fn destination(&self, dest: &str, element: &str, offset: usize) {
        // Without a scheme it is relative: kept as written, or resolved against the http(s) base URL.
        if scheme(dest).is_none() {
            return;
        }
        // The writer percent-encodes the destination into the attribute.
        if let Some(name) = url_removal(&href_value(dest)) {
            let line = self.line(offset);
            self.found.borrow_mut().push(Removal {
                kind: RemovalKind::Url,
                name,
                element: element.to_owned(),
                line,
            });
        }
    }

    /// One raw HTML event: what the tag filter leaves of it goes through the scanner.
    fn raw_html(&self, html: &CowStr<'_>, range: Range<usize>) {
        let text = match self.tagfilter {
            true => tagfilter::filter(Event::Html(html.clone())),
            false => Event::Html(html.clone()),
        };
        let Event::Html(text) = text else { return };
        let line = self.line(range.start);
        let mut scanner = self.html.borrow_mut();
        let scanner = scanner.get_or_insert_with(Box::default);
        let mut found = self.found.borrow_mut();
        scanner.feed(&text, line, &mut |tag, lines| {
            check(tag, lines, self.id_prefix, &mut found)
        });
    }
}

/// Counts lines up to a byte offset, from where it last stopped (offsets mostly grow).
#[derive(Clone, Copy, Default)]
struct LineCursor {
    offset: usize,
    /// Line breaks before `offset`.
    line: usize,
}

impl LineCursor {
    fn move_to(&mut self, text: &[u8], offset: usize) {
        let offset = offset.min(text.len());
        let (from, to) = (self.offset.min(offset), self.offset.max(offset));
        let breaks = line_breaks(text, from, to);
        if offset >= self.offset {
            self.line += breaks;
        } else {
            self.line -= breaks;
        }
        self.offset = offset;
    }
}

/// Line breaks in `text[from..to]`.
fn line_breaks(text: &[u8], from: usize, to: usize) -> usize {
    let newlines = memchr::memchr_iter(b'\n', &text[from..to]).count();
    match memchr::memchr(b'\r', &text[from..to]).is_some() {
        false => newlines,
        true => {
            newlines
                + (from..to)
                    .filter(|&i| text[i] == b'\r' && is_line_break(text, i))
                    .count()
        }
    }
}

/// `\n`, or a `\r` not followed by `\n`, as CommonMark reads line endings.
fn is_line_break(text: &[u8], i: usize) -> bool {
    match text[i] {
        b'\n' => true,
        b'\r' => text.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// Raw HTML's reader for the report: the one tokenizer (`html::tokenizer`), fed each raw HTML
/// event in turn, and the lines of the tag being read.
#[derive(Default)]
struct Scanner {
    tokenizer: Tokenizer,
    lines: TagLines,
}

/// The document lines where the tag being read starts and where each of its attributes does.
#[derive(Default)]
struct TagLines {
    tag: usize,
    attributes: Vec<usize>,
}

impl Scanner {
    /// Reads `text`, which starts on document line `line`; the state carries over to the next
    /// piece. Each start tag is handed over with its lines.
    fn feed(&mut self, text: &str, line: usize, found: &mut impl FnMut(&TagToken, &TagLines)) {
        let bytes = text.as_bytes();
        // Mostly one line (an HTML block comes a line at a time): then there is nothing to count.
        let one_line = memchr::memchr2(b'\n', b'\r', &bytes[..bytes.len().saturating_sub(1)]).is_none();
        let mut piece = Piece {
            lines: &mut self.lines,
            line,
            one_line,
            cursor: LineCursor::default(),
            found,
        };
        self.tokenizer.run(bytes, &mut piece);
    }
}

/// The report's sink for one piece of raw HTML.
struct Piece<'p, F> {
    lines: &'p mut TagLines,
    /// The piece's first line, whether it is its only one, and how far its line breaks are counted.
    line: usize,
    one_line: bool,
    cursor: LineCursor,
    found: &'p mut F,
}

impl<F> Piece<'_, F> {
    fn line_at(&mut self, bytes: &[u8], at: usize) -> usize {
        if self.one_line {
            return self.line;
        }
        self.cursor.move_to(bytes, at);
        self.line + self.cursor.line
    }
}

impl<F: FnMut(&TagToken, &TagLines)> Sink for Piece<'_, F> {
    /// Every tag starts at a `<`: its line is noted there.
    fn less_than(&mut self, bytes: &[u8], at: usize, _text_only: bool) -> bool {
        self.lines.tag = self.line_at(bytes, at);
        self.lines.attributes.clear();
        true
    }

    fn attribute(&mut self, bytes: &[u8], at: usize) {
        let line = self.line_at(bytes, at);
        self.lines.attributes.push(line);
    }

    /// Start tags are handed over; the text-only content one switches to follows from its name
    /// (see the limits).
    fn tag(&mut self, tag: &TagToken, _bytes: &[u8], _span: Range<usize>) -> Option<TextOnly> {
        if tag.end {
            return None;
        }
        (self.found)(tag, self.lines);
        tags::text_only(&tag.name)
    }
}

/// The checks ammonia makes on a start tag and its attributes, in its order.
fn check(tag: &TagToken, lines: &TagLines, id_prefix: &str, found: &mut Vec<Removal>) {
    let element = String::from_utf8_lossy(&tag.name);
    let element = &*element;
    let mut report = |kind, name: &str, line| {
        found.push(Removal {
            kind,
            name: name.to_owned(),
            element: element.to_owned(),
            line,
        })
    };
    let policy = Policy::get();
    let Some(rules) = policy.elements.get(element) else {
        report(RemovalKind::Element, element, lines.tag);
        return;
    };
    // html5ever's tokenizer drops a repeated attribute: the first one counts.
    let mut seen = (lines.attributes.len() > 16).then(HashSet::new);
    for (index, ((name, value), &line)) in tag.attributes().zip(&lines.attributes).enumerate() {
        let repeated = match &mut seen {
            Some(seen) => !seen.insert(name),
            None => tag.attributes().take(index).any(|(earlier, _)| earlier == name),
        };
        if repeated {
            continue;
        }
        let name = String::from_utf8_lossy(name);
        let raw = String::from_utf8_lossy(value);
        let value = decode_attribute_value(&raw);
        let (name, value) = (&*name, &*value);
        if !rules.allows(policy, name, value) {
            report(RemovalKind::Attribute, name, line);
        } else if let Some(url) = is_url_attribute(element, name).then(|| url_removal(value)).flatten() {
            report(RemovalKind::Url, &url, line);
        } else {
            // Forced values (every `input` is a disabled checkbox) are set before the filter runs.
            let value = rules.forced.get(name).copied().unwrap_or(value);
            if policy::filter_attribute(id_prefix, element, name, value).is_none() {
                report(RemovalKind::Attribute, name, line);
            }
        }
    }
}

/// The sanitizer policy's allow-lists, read from the builder `sanitize.rs` configures; in a build
/// without the sanitizer, from the fast path's table (which a test checks against the builder):
/// such a build keeps only what the fast path renders, whose elements are all in that table.
struct Policy {
    /// The allowed elements, each with what it allows besides the generic attributes.
    elements: HashMap<&'static str, Element>,
    generic_attributes: Vec<&'static str>,
    generic_attribute_prefixes: Vec<&'static str>,
}

#[derive(Default)]
struct Element {
    attributes: Vec<&'static str>,
    /// Attributes allowed with these values only.
    values: HashMap<&'static str, HashSet<&'static str>>,
    /// Attributes set to this value whatever was written.
    forced: HashMap<&'static str, &'static str>,
}

impl Policy {
    /// Read once, at the first raw HTML the process meets.
    fn get() -> &'static Policy {
        static POLICY: OnceLock<Policy> = OnceLock::new();
        if cfg!(feature = "sanitizer") {
            POLICY.get_or_init(Policy::from_builder)
        } else {
            POLICY.get_or_init(Policy::from_fast_tags)
        }
    }

    /// What the fast path allows: its elements with their attributes, `input`'s forced `type`.
    fn from_fast_tags() -> Self {
        let elements = fast_path::FAST_TAGS
            .iter()
            .map(|&(tag, attributes)| {
                let forced = (tag == "input").then(|| HashMap::from([("type", "checkbox")]));
                let element = Element {
                    attributes: attributes.to_vec(),
                    values: HashMap::new(),
                    forced: forced.unwrap_or_default(),
                };
                (tag, element)
            })
            .collect();
        Policy {
            elements,
            generic_attributes: fast_path::GENERIC_ATTRIBUTES.to_vec(),
            generic_attribute_prefixes: Vec::new(),
        }
    }

    fn from_builder() -> Self {
        // The id prefix and base URL change values, not what is allowed.
        let builder = policy::policy("", None);
        let mut elements: HashMap<_, Element> = builder
            .clone_tags()
            .into_iter()
            .map(|tag| (tag, Element::default()))
            .collect();
        for (tag, attributes) in builder.clone_tag_attributes() {
            if let Some(element) = elements.get_mut(tag) {
                element.attributes.extend(attributes);
            }
        }
        for (tag, values) in builder.clone_tag_attribute_values() {
            if let Some(element) = elements.get_mut(tag) {
                element.values = values;
            }
        }
        for (tag, forced) in builder.clone_set_tag_attribute_values() {
            if let Some(element) = elements.get_mut(tag) {
                element.forced = forced;
            }
        }
        Policy {
            elements,
            generic_attributes: builder.clone_generic_attributes().into_iter().collect(),
            generic_attribute_prefixes: builder
                .clone_generic_attribute_prefixes()
                .into_iter()
                .flatten()
                .collect(),
        }
    }
}

impl Element {
    /// ammonia's allow-list test for an attribute of an allowed element.
    fn allows(&self, policy: &Policy, name: &str, value: &str) -> bool {
        policy.generic_attributes.contains(&name)
            || policy
                .generic_attribute_prefixes
                .iter()
                .any(|prefix| name.starts_with(prefix))
            || self.attributes.contains(&name)
            || self
                .values
                .get(name)
                .is_some_and(|values| values.iter().any(|allowed| same_lowercase(allowed, value)))
    }
}

/// Whether two values are equal lowercased, as ammonia compares an attribute with its allowed
/// values. Char by char, which differs from `str::to_lowercase` only in a word-final sigma (no
/// allowed value has one), and leaves the wasm without that function's second copy of the case
/// mapping code (the heading ids use `char::to_lowercase`).
fn same_lowercase(a: &str, b: &str) -> bool {
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// The attributes ammonia checks as URLs (its `is_url_attr`, for the elements it may keep).
fn is_url_attribute(element: &str, name: &str) -> bool {
    matches!(name, "href" | "xlink:href" | "src")
        || matches!(
            (element, name),
            ("form", "action")
                | ("object", "data")
                | ("button" | "input", "formaction")
                | ("a", "ping")
                | ("video", "poster")
        )
}

/// Why the sanitizer drops this URL, if it does: its scheme (`javascript:`) when not allowed, the
/// URL itself (cut short) when it has an allowed scheme but does not parse. Relative URLs stay.
fn url_removal(url: &str) -> Option<String> {
    let scheme = scheme(url)?;
    if !policy::URL_SCHEMES.contains(&&*scheme) {
        return Some(format!("{scheme}:"));
    }
    (!urls::parses(url)).then(|| shorten(url))
}

/// An attribute value with its character references decoded, as the HTML tokenizer does it
/// (html5ever's entity table; a named reference without `;` before `=` or a letter or digit stays).
fn decode_attribute_value(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        match character_reference(rest) {
            Some((chars, len)) => {
                out.extend(chars.into_iter().flatten());
                rest = &rest[len..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The reference after a `&`: the characters it stands for and the bytes it takes.
fn character_reference(text: &str) -> Option<([Option<char>; 2], usize)> {
    let bytes = text.as_bytes();
    if let Some(after) = text.strip_prefix('#') {
        let (hex, digits) = match after.strip_prefix(['x', 'X']) {
            Some(digits) => (true, digits),
            None => (false, after),
        };
        let base = if hex { 16 } else { 10 };
        let len = digits.bytes().take_while(|b| (*b as char).is_digit(base)).count();
        if len == 0 {
            return None;
        }
        let number = digits[..len]
            .chars()
            .try_fold(0u32, |n, c| n.checked_mul(base)?.checked_add(c.to_digit(base)?))
            .unwrap_or(u32::MAX);
        let char = match number {
            0 | 0xD800..=0xDFFF | 0x110000.. => '\u{FFFD}',
            0x80..=0x9F => C1_REPLACEMENTS[(number - 0x80) as usize]
                .unwrap_or_else(|| char::from_u32(number).unwrap_or('\u{FFFD}')),
            n => char::from_u32(n).unwrap_or('\u{FFFD}'),
        };
        let end = 1 + usize::from(hex) + len;
        let end = if bytes.get(end) == Some(&b';') { end + 1 } else { end };
        return Some(([Some(char), None], end));
    }
    if !cfg!(feature = "sanitizer") {
        // The core module renders raw HTML only where the fast path decodes every reference, and
        // it decodes only names with their `;` (a longer name cannot match: none goes past one).
        let end = text.find(';')? + 1;
        let (first, second) = entities::with_semicolon(&text[..end])?;
        return Some(([Some(first), second], end));
    }
    // The longest name in the table that the text starts with.
    let mut matched = None;
    for end in 1..=bytes.len() {
        let Some(&(first, second)) = text.get(..end).and_then(|name| NAMED_ENTITIES.get(name)) else {
            if text.is_char_boundary(end) {
                break;
            }
            continue;
        };
        if first != 0 {
            matched = Some((end, first, second));
        }
    }
    let (end, first, second) = matched?;
    let next = bytes.get(end).copied();
    if bytes[end - 1] != b';' && next.is_some_and(|b| b == b'=' || b.is_ascii_alphanumeric()) {
        return None;
    }
    Some((
        [char::from_u32(first), char::from_u32(second).filter(|_| second != 0)],
        end,
    ))
}

/// At most [`MAX_URL_CHARS`] characters, with an ellipsis when cut.
fn shorten(url: &str) -> String {
    match url.char_indices().nth(MAX_URL_CHARS) {
        Some((cut, _)) => format!("{}…", &url[..cut]),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_random::Xorshift;

    #[test]
    fn allowed_values_compare_lowercased_as_ammonias_do() {
        // U+212A KELVIN SIGN lowercases to an ASCII k.
        assert!(same_lowercase("checkbox", "CHEC\u{212A}BOX"));
        assert!(!same_lowercase("checkbox", "checkboxes"));
        assert!(!same_lowercase("1", "\u{0130}"));
    }

    #[test]
    fn the_fast_paths_policy_is_the_builders_for_its_elements() {
        let (fast, full) = (Policy::from_fast_tags(), Policy::from_builder());
        let sorted = |mut list: Vec<&'static str>| {
            list.sort_unstable();
            list
        };
        assert_eq!(
            sorted(fast.generic_attributes.clone()),
            sorted(full.generic_attributes.clone())
        );
        assert_eq!(fast.generic_attribute_prefixes, full.generic_attribute_prefixes);
        for (tag, element) in &fast.elements {
            let theirs = &full.elements[tag];
            assert_eq!(
                sorted(element.attributes.clone()),
                sorted(theirs.attributes.clone()),
                "{tag}"
            );
            assert_eq!(element.values, theirs.values, "{tag}");
            assert_eq!(element.forced, theirs.forced, "{tag}");
        }
    }

    #[test]
    fn url_removals() {
        assert_eq!(url_removal("https://example.com/a?b=c"), None);
        assert_eq!(url_removal("../x.png"), None);
        assert_eq!(url_removal("data:text/html,x").as_deref(), Some("data:"));
        assert_eq!(url_removal("http://a:99999/").as_deref(), Some("http://a:99999/"));
        let long = format!("http://a:99999/{}", "x".repeat(200));
        let name = url_removal(&long).unwrap();
        assert_eq!(name.chars().count(), MAX_URL_CHARS + 1);
        assert!(name.ends_with('…'));
    }

    #[test]
    fn attribute_values_decode_as_the_tokenizer_decodes_them() {
        for (raw, decoded) in [
            ("jav&#x61;script&colon;x", "javascript:x"),
            ("&#106;&#97;&#X76;a&Tab;", "java\t"),
            ("a&amp;b &amp c &ampx &amp=d", "a&b & c &ampx &amp=d"),
            ("&notit; &notin; &not", "&notit; ∉ ¬"),
            (
                "&#0;&#x110000;&#xD800;&#128;&#x;&#;",
                "\u{FFFD}\u{FFFD}\u{FFFD}€&#x;&#;",
            ),
            ("&nosuch; & &", "&nosuch; & &"),
            ("&NotNestedGreaterGreater;", "\u{2AA2}\u{338}"),
        ] {
            assert_eq!(decode_attribute_value(raw), decoded, "{raw}");
        }
    }

    #[test]
    fn lines_count_every_line_ending() {
        let text = b"a\nb\r\nc\rd";
        let mut cursor = LineCursor::default();
        cursor.move_to(text, 7);
        assert_eq!(cursor.line, 3);
        cursor.move_to(text, 2);
        assert_eq!(cursor.line, 1);
        cursor.move_to(text, 3);
        assert_eq!(cursor.line, 1);
        cursor.move_to(text, 5);
        assert_eq!(cursor.line, 2);
    }

    /// A start tag's name and decoded attributes.
    type TagRead = (String, Vec<(String, String)>);

    /// The scanner's start tags, with their lines.
    fn scan(pieces: &[&str]) -> Vec<(TagRead, usize)> {
        let mut scanner = Scanner::default();
        let mut tags = Vec::new();
        let mut line = 1;
        for piece in pieces {
            scanner.feed(piece, line, &mut |tag, lines| {
                let attributes = tag
                    .attributes()
                    .map(|(name, value)| {
                        let name = String::from_utf8_lossy(name).into_owned();
                        (
                            name,
                            decode_attribute_value(&String::from_utf8_lossy(value)).into_owned(),
                        )
                    })
                    .fold(Vec::<(String, String)>::new(), |mut kept, (name, value)| {
                        if !kept.iter().any(|(n, _)| *n == name) {
                            kept.push((name, value));
                        }
                        kept
                    });
                tags.push(((String::from_utf8_lossy(&tag.name).into_owned(), attributes), lines.tag));
            });
            line += piece.matches('\n').count();
        }
        tags
    }

    mod reference {
        //! html5ever's tokenizer, told about raw text as its tree builder tells it: the reference.
        use std::cell::RefCell;

        use html5ever::tendril::StrTendril;
        use html5ever::tokenizer::states::RawKind;
        use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};

        use super::TagRead;

        #[derive(Default)]
        struct Sink(RefCell<Vec<TagRead>>);

        impl TokenSink for Sink {
            type Handle = ();
            fn process_token(&self, token: Token, _: u64) -> TokenSinkResult<()> {
                let Token::TagToken(tag) = token else {
                    return TokenSinkResult::Continue;
                };
                if tag.kind == TagKind::EndTag {
                    return TokenSinkResult::Continue;
                }
                let attributes = tag
                    .attrs
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect();
                self.0.borrow_mut().push((tag.name.to_string(), attributes));
                match &*tag.name {
                    "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                }
            }
        }

        pub fn tokenize(html: &str) -> Vec<TagRead> {
            let tokenizer = Tokenizer::new(Sink::default(), Default::default());
            let queue = BufferQueue::default();
            queue.push_back(StrTendril::from_slice(html));
            let _ = tokenizer.feed(&queue);
            tokenizer.end();
            tokenizer.sink.0.take()
        }
    }

    fn without_lines(tags: Vec<(TagRead, usize)>) -> Vec<TagRead> {
        tags.into_iter().map(|(tag, _)| tag).collect()
    }

    #[test]
    fn reads_tags_as_html5ever_does() {
        for html in [
            "<p class=a id='b' title=\"c d\" hidden>x</p>",
            "<A HREF=x OnClick=y>",
            "<a href=x href=y b c=d/e>",
            "<img/src=x/onerror=y>",
            "<p =x a=\"1\"b='2'c>",
            "<p a=\"x>y\" b='<c>'>",
            "<!-- <p a=1> --><b c=2>",
            "<!--> <i x=1> <!---> <i y=2> <!-- a -- b --!> <i z=3>",
            "<!doctype html><!x <p a=1>><? <q b=2> ?><s c=3>",
            "</p a=1 <b c=2>><i d=3> </> <u e=4> </ x> <v f=5>",
            "<script>if (a<b) document.write('<img src=x onerror=y>')</script><p x=1>",
            "<style>p{}</style ><textarea><b c=1></textarea><title><i></TITLE><u d=2>",
            "<iframe src=x><img onerror=y></iframe x=1><p/><script></scripty><b></script><i a=1>",
            "<xmp><a href=x></xmp><noembed><b></noembed><noframes><c></noframes><noscript><d></noscript><e>",
            "<plaintext><p a=1>",
            "<script><!--<script></script><p a=1></script><i b=2>",
            "<script><!-- </script><p a=1><SCRIPT><!--<Script\t>--></sCrIpT><u c=3></script><v>",
            "<script><!--<script></scrip><p a=1></script x><q></script><r>",
            "<a href='jav&#x61;script&colon;x' title=&amp;&lt;&gt &notit; x=&ampy>",
            "< p> <3 <> a<b c=1>",
            "<p\ta=1\nb=2\x0cc=3\rd=4>",
            "<div é=ü><ß>",
            "<a href=\"x\"",
        ] {
            assert_eq!(without_lines(scan(&[html])), reference::tokenize(html), "{html:?}");
        }
    }

    #[test]
    fn reads_pieces_as_one_stream() {
        let html = "<div\n  onclick=\"a\nb\" <!-- x -->\n  id=y><script>\n<p x=1>\n</script\n>\n<i\nz=1>";
        let pieces: Vec<&str> = html.split_inclusive('\n').collect();
        assert_eq!(without_lines(scan(&pieces)), reference::tokenize(html));
        let lines: Vec<usize> = scan(&pieces).iter().map(|(_, line)| *line).collect();
        assert_eq!(lines, [1, 4, 8]);
    }

    #[test]
    fn random_markup_reads_as_html5ever_reads_it() {
        const BITS: [&str; 50] = [
            "<",
            ">",
            "/",
            "=",
            "\"",
            "'",
            " ",
            "\n",
            "\t",
            "!",
            "-",
            "--",
            "?",
            "&",
            ";",
            "#",
            "x",
            "a",
            "p",
            "b",
            "<a",
            "<p ",
            "</",
            "<!--",
            "-->",
            "<!",
            "<?",
            "href",
            "src=",
            "on",
            "&amp",
            "&#x6a;",
            "&lt;",
            "&not",
            "<script>",
            "</script>",
            "<script><!--",
            "<script",
            "<style>",
            "</style",
            "<textarea>",
            "</textarea>",
            "<title>",
            "<iframe",
            "</iframe>",
            "<svg>",
            "é",
            "<xmp>",
            "</xmp>",
            "&#",
        ];
        let mut random = Xorshift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let len = 1 + random.below(24);
            let html: String = (0..len).map(|_| BITS[random.below(BITS.len())]).collect();
            let pieces = random.pieces(&html, 8);
            assert_eq!(without_lines(scan(&pieces)), reference::tokenize(&html), "{html:?}");
        }
    }
}
