//! The sanitizer's result without the sanitizer, for raw HTML written the common way, and the
//! pieces of the HTML model the writer shares: the elements quire writes with what the policy
//! allows on each, the stack of open elements (placed by `html::insertion`), ammonia's attribute
//! steps and the serializer's form.
//!
//! Where a document has raw HTML, the written document is read here in one linear pass: each tag
//! gets ammonia's attribute steps in ammonia's order and the policy's own filters from
//! `sanitize.rs`, and is written as html5ever's serializer writes it. Raw HTML is read in the
//! spellings people write ([`Tag`]: any case, any quoting). It gives up (`None`: the caller runs
//! ammonia) at anything it does not model: a tag outside [`FAST_TAGS`], a comment that is not
//! plain, a reference it does not decode, a nesting that the HTML tree builder would repair. The
//! differential test checks it against ammonia, byte for byte.

use crate::limits::LIMITS;
use std::borrow::Cow;

use crate::html::insertion::{self, Current, ROOT};
use crate::html::{entities, tags};
use crate::sanitize::policy::{self, Settings};
use crate::urls::{self, Parsed};

/// The elements our writer emits, and a few more that raw HTML often has, sorted, with the
/// attributes the policy allows on each beyond [`GENERIC_ATTRIBUTES`] (a test checks both against
/// ammonia's builder). Anything else: ammonia.
pub(crate) const FAST_TAGS: [(&str, &[&str]); 55] = [
    ("a", &["aria-label", "href", "hreflang", "target"]),
    ("abbr", &[]),
    ("article", &[]),
    ("b", &[]),
    ("blockquote", &[]),
    ("br", &[]),
    ("caption", &[]),
    ("cite", &[]),
    ("code", &[]),
    ("dd", &[]),
    ("del", &["datetime"]),
    ("details", &[]),
    ("div", &[]),
    ("dl", &[]),
    ("dt", &[]),
    ("em", &[]),
    ("figcaption", &[]),
    ("figure", &[]),
    ("h1", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("header", &[]),
    ("hr", &["align", "size", "width"]),
    ("i", &[]),
    (
        "img",
        &["align", "alt", "decoding", "height", "loading", "src", "width"],
    ),
    ("input", &["checked", "disabled", "type"]),
    ("ins", &["datetime"]),
    ("kbd", &[]),
    ("li", &[]),
    ("mark", &[]),
    ("nav", &["aria-label"]),
    ("ol", &["start"]),
    ("p", &[]),
    ("pre", &[]),
    ("q", &[]),
    ("s", &[]),
    ("section", &[]),
    ("small", &[]),
    ("span", &[]),
    ("strong", &[]),
    ("sub", &[]),
    ("summary", &[]),
    ("sup", &[]),
    ("table", &["align", "char", "charoff", "summary"]),
    ("tbody", &["align", "char", "charoff"]),
    ("td", &["align", "char", "charoff", "colspan", "headers", "rowspan"]),
    (
        "th",
        &["align", "char", "charoff", "colspan", "headers", "rowspan", "scope"],
    ),
    ("thead", &["align", "char", "charoff"]),
    ("time", &["datetime"]),
    ("tr", &["align", "char", "charoff"]),
    ("u", &[]),
    ("ul", &[]),
];

/// Attributes the policy allows on every element (ammonia's `lang` and `title`, and ours).
pub(crate) const GENERIC_ATTRIBUTES: [&str; 5] = ["class", "dir", "id", "lang", "title"];

/// An element of [`FAST_TAGS`] by its index, with what the checks ask of it worked out once (at
/// compile time) instead of by string comparisons per tag.
#[derive(Clone, Copy)]
pub(crate) struct Element(u8);

pub(crate) const IS_VOID: u8 = 1;

/// [`FAST_TAGS`]' names as numbers that sort as the names do (their bytes, big-endian, zero
/// padded), for a binary search of integers; and each element's flags.
const KEYS: [u128; FAST_TAGS.len()] = {
    let mut keys = [0; FAST_TAGS.len()];
    let mut i = 0;
    while i < FAST_TAGS.len() {
        keys[i] = match tags::name_key(FAST_TAGS[i].0.as_bytes()) {
            Some(key) => key,
            None => panic!("a tag name must have 1 to 16 bytes"),
        };
        i += 1;
    }
    keys
};

const FLAGS: [u8; FAST_TAGS.len()] = {
    let mut flags = [0; FAST_TAGS.len()];
    let mut i = 0;
    while i < FAST_TAGS.len() {
        let name = FAST_TAGS[i].0;
        flags[i] = flag_if(tags::is_void(name.as_bytes()), IS_VOID);
        i += 1;
    }
    flags
};

/// Each element's place in the tree builder's insertion model (all are in it: a test checks).
const INSERTIONS: [Option<insertion::Element>; FAST_TAGS.len()] = {
    let mut insertions = [None; FAST_TAGS.len()];
    let mut i = 0;
    while i < FAST_TAGS.len() {
        insertions[i] = insertion::element(FAST_TAGS[i].0.as_bytes());
        i += 1;
    }
    insertions
};

const fn flag_if(condition: bool, flag: u8) -> u8 {
    if condition {
        flag
    } else {
        0
    }
}

impl Element {
    pub(crate) fn name(self) -> &'static str {
        FAST_TAGS[usize::from(self.0)].0
    }

    fn attributes(self) -> &'static [&'static str] {
        FAST_TAGS[usize::from(self.0)].1
    }

    pub(crate) fn is(self, flag: u8) -> bool {
        FLAGS[usize::from(self.0)] & flag != 0
    }

    fn insertion(self) -> Option<insertion::Element> {
        INSERTIONS[usize::from(self.0)]
    }
}

/// The elements open in the output, each with the tree builder's current node while it is open.
#[derive(Default)]
pub(crate) struct Open {
    stack: Vec<(Element, Current)>,
}

impl Open {
    /// Opens `element` (unless it is void) and says whether the tree builder would put it where
    /// it stands: inside the current element, with nothing closed, moved or inserted. `false`
    /// leaves the document to ammonia.
    pub(crate) fn insert(&mut self, element: Element) -> bool {
        let current = self.current();
        let inserted = element.insertion();
        if !element.is(IS_VOID) {
            let inside = inserted.map_or(current, |inserted| current.inside(inserted));
            self.stack.push((element, inside));
        }
        inserted.is_some_and(|inserted| current.fits(inserted))
    }

    /// Closes the current element if it is `name` (in any ASCII case, as the parser reads it).
    pub(crate) fn pop(&mut self, name: &str) -> Option<Element> {
        self.stack
            .last()
            .filter(|(element, _)| element.name().eq_ignore_ascii_case(name))?;
        self.stack.pop().map(|(element, _)| element)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    fn current(&self) -> Current {
        self.stack.last().map_or(ROOT, |&(_, current)| current)
    }
}

/// ammonia's output for `html`, or `None` where only ammonia can tell.
pub(crate) fn sanitize(html: &str, settings: &Settings<'_>) -> Option<String> {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut open = Open::default();
    let mut attributes = Vec::new();
    let mut rest = html;
    let mut after_pre_start = false;
    while !rest.is_empty() {
        let text_end = write_text(&mut out, rest)?;
        if text_end > 0 {
            let text = &rest[..text_end];
            if open.current().fosters_text() && !text.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0c')) {
                return None; // foster parenting
            }
            if after_pre_start && text.starts_with(['\n', '\r']) {
                return None; // the parser drops that newline
            }
            rest = &rest[text_end..];
            continue;
        }
        if rest.starts_with("<!--") {
            // The sanitizer removes comments; one that is not plain is left to it.
            rest = &rest[plain_comment_length(rest)?..];
            after_pre_start = false;
            continue;
        }
        let (tag, after) = Tag::read(rest, &mut attributes)?;
        rest = after;
        after_pre_start = matches!(tag, Tag::Start { name, .. } if name.eq_ignore_ascii_case("pre"));
        match tag {
            Tag::End(name) => {
                let element = open.pop(name)?;
                out.push_str("</");
                out.push_str(element.name());
                out.push('>');
            }
            Tag::Start { name, .. } if REMOVED_WITH_TEXT.contains(&name) => {
                // The element goes with its text, to its end tag.
                let end = removed_text_length(name, rest)?;
                if name == "iframe" && (end > 0 || open.current().fosters_text()) {
                    return None; // its text would stay; in a table it would be moved out
                }
                rest = &rest[end + name.len() + "</>".len()..];
            }
            Tag::Start {
                element, self_closing, ..
            } => {
                let element = element?;
                let void = element.is(IS_VOID);
                if (self_closing && !void) || !open.insert(element) {
                    return None;
                }
                clean_attributes(element, &mut attributes, settings)?;
                write_start_tag(&mut out, element.name(), &attributes);
            }
        }
    }
    if !open.is_empty() {
        return None;
    }
    // Leading U+FEFFs go, as the settle step drops them from ammonia's output (html5ever discards
    // one as a byte-order mark, innerHTML none): a removed comment can leave one in front.
    let boms = out.len() - out.trim_start_matches('\u{FEFF}').len();
    out.drain(..boms);
    Some(out)
}

/// Elements the policy removes whose content the tokenizer reads as text: `script` and `style`
/// (removed with their content) and `iframe` (removed, its text kept: taken here only when empty).
/// None of them changes the tree builder's stack once its end tag is read.
const REMOVED_WITH_TEXT: [&str; 3] = ["iframe", "script", "style"];

/// The length of a raw-text element's text in `rest` (what follows its start tag) when that text
/// ends at the element's own lowercase end tag `</name>`, the first `</` in it, and has no `<!--`
/// (which starts the script tokenizer's escaped states).
fn removed_text_length(name: &str, rest: &str) -> Option<usize> {
    let end = rest.find("</")?;
    let closed = rest[end + 2..].strip_prefix(name)?.starts_with('>');
    (closed && !rest[..end].contains("<!--")).then_some(end)
}

/// Whether raw HTML is one comment with only whitespace around it, written so that the HTML
/// tokenizer reads it as that one comment (see [`plain_comment_length`]). The sanitizer removes
/// comments, and so does the fast path: such raw HTML does not need ammonia.
pub(crate) fn is_plain_comment(html: &str) -> bool {
    let html = html.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\x0c' | '\r'));
    plain_comment_length(html) == Some(html.len())
}

/// The length of the comment at the start of `html` if it is plain: `<!--`, then text without
/// `--` that neither starts with `>` or `->` (which end a comment at once) nor ends with `-`, then
/// `-->`. Every other shape (`--!>`, nested `<!--`, no end) is left to the sanitizer.
pub(crate) fn plain_comment_length(html: &str) -> Option<usize> {
    let after_start = html.strip_prefix("<!--")?;
    let body = &after_start[..after_start.find("-->")?];
    let plain = !(body.starts_with('>') || body.starts_with("->") || body.ends_with('-') || body.contains("--"));
    plain.then_some("<!--".len() + body.len() + "-->".len())
}

/// An attribute as read: its name and its value as the parser reads it.
pub(crate) type Attribute<'h> = (&'h str, Cow<'h, str>);

/// One tag as the parser reads it, in the spellings the fast path models: ASCII names in any
/// case (the parser lowercases them), values quoted with `"` or `'` or not at all, `=` with or
/// without spaces around it.
enum Tag<'h> {
    /// Its attributes are left in the buffer passed to [`Tag::read`].
    Start {
        name: &'h str,
        element: Option<Element>,
        self_closing: bool,
    },
    End(&'h str),
}

/// What the HTML tokenizer reads as whitespace between attributes (`\r` is a line break to it).
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')
}

fn spaces(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|&&b| is_space(b)).count()
}

impl<'h> Tag<'h> {
    /// The tag at the start of `html` (which starts with `<`) and what follows it; `None` also
    /// when it is written in a way not modeled here.
    fn read(html: &'h str, attributes: &mut Vec<Attribute<'h>>) -> Option<(Tag<'h>, &'h str)> {
        let bytes = html.as_bytes();
        if bytes.get(1) == Some(&b'/') {
            let name_end = 2 + name_len(&bytes[2..]);
            let end = name_end + spaces(&bytes[name_end..]);
            if name_end == 2 || bytes.get(end) != Some(&b'>') {
                return None;
            }
            return Some((Tag::End(&html[2..name_end]), &html[end + 1..]));
        }
        let name_end = 1 + name_len(&bytes[1..]);
        if name_end == 1 {
            return None; // `<!--`, `<?`, a stray `<`: the writer escapes text, so not ours
        }
        let name = &html[1..name_end];
        let element = lookup(name);
        attributes.clear();
        let mut i = name_end;
        loop {
            let spaces_before = spaces(&bytes[i..]);
            i += spaces_before;
            match bytes.get(i)? {
                b'>' => {
                    return Some((
                        Tag::Start {
                            name,
                            element,
                            self_closing: false,
                        },
                        &html[i + 1..],
                    ))
                }
                b'/' if bytes.get(i + 1) == Some(&b'>') => {
                    return Some((
                        Tag::Start {
                            name,
                            element,
                            self_closing: true,
                        },
                        &html[i + 2..],
                    ));
                }
                _ if spaces_before == 0 => return None,
                _ => {}
            }
            let attribute_end = i + name_len(&bytes[i..]);
            if attribute_end == i {
                return None;
            }
            let attribute = attribute_name(&html[i..attribute_end], element)?;
            i = attribute_end;
            let after_spaces = i + spaces(&bytes[i..]);
            let value = if bytes.get(after_spaces) == Some(&b'=') {
                let start = after_spaces + 1 + spaces(&bytes[after_spaces + 1..]);
                let (value, end) = attribute_value(html, start)?;
                i = end;
                decode(value)?
            } else {
                Cow::Borrowed("")
            };
            // A repeated attribute: the parser keeps the first; leave that to ammonia. (So many
            // attributes that this check would cost more than linear time: raw HTML, ammonia's too.)
            if attributes.len() == LIMITS.fast_path_attributes || attributes.iter().any(|(name, _)| *name == attribute)
            {
                return None;
            }
            attributes.push((attribute, value));
        }
    }
}

/// The length of an ASCII name (`h2`, `aria-label`, `TD`) at the start of `bytes`: a letter,
/// then letters, digits and `-`.
fn name_len(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(b) if b.is_ascii_alphabetic() => bytes
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count(),
        _ => 0,
    }
}

/// An attribute's name as the parser reads it, lowercase. One written with capitals is taken only
/// when the policy lists its lowercase name on the element (the listed name stands in for it);
/// other such names are left to ammonia.
fn attribute_name(name: &str, element: Option<Element>) -> Option<&str> {
    if !name.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some(name);
    }
    let listed = element.map_or(&[][..], Element::attributes);
    GENERIC_ATTRIBUTES
        .iter()
        .chain(listed)
        .find(|listed| listed.eq_ignore_ascii_case(name))
        .copied()
}

/// The value that starts at `start` in `html` (after the `=` and any spaces) as written (quotes
/// off), and where what follows it starts. An unquoted value ends at a space or `>`; one that is
/// empty or holds a quote, `<`, `=` or a backtick (which the parser reads with an error) is left
/// to ammonia.
fn attribute_value(html: &str, start: usize) -> Option<(&str, usize)> {
    let bytes = html.as_bytes();
    match *bytes.get(start)? {
        quote @ (b'"' | b'\'') => {
            let end = start + 1 + bytes[start + 1..].iter().position(|&b| b == quote)?;
            Some((&html[start + 1..end], end + 1))
        }
        _ => {
            let end = start
                + bytes[start..]
                    .iter()
                    .position(|&b| is_space(b) || b == b'>')
                    .unwrap_or(bytes.len() - start);
            let value = &html[start..end];
            let plain = !value.is_empty() && !value.bytes().any(|b| matches!(b, b'"' | b'\'' | b'<' | b'=' | b'`'));
            plain.then_some((value, end))
        }
    }
}

/// The element `name` (in any ASCII case) names, if it is one of [`FAST_TAGS`].
pub(crate) fn lookup(name: &str) -> Option<Element> {
    let key = tags::name_key(name.as_bytes())?;
    let index = KEYS.binary_search(&key).ok()?;
    Some(Element(index as u8))
}

/// The text at the start of `html` (up to the next `<`) as the serializer writes it (see
/// [`push_escaped`]): the writer's character references decoded, line breaks normalized as the
/// parser does. Returns the text's length in `html`.
fn write_text(out: &mut String, html: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let (mut copied, mut i) = (0, 0);
    while let Some(offset) = bytes[i..].iter().position(|&b| TEXT_SPECIAL[usize::from(b)]) {
        i += offset;
        let (replacement, skip): (&str, usize) = match bytes[i] {
            b'<' => break,
            b'>' => ("&gt;", 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => ("\n", 2),
            b'\r' => ("\n", 1),
            0xC2 if bytes.get(i + 1) == Some(&0xA0) => ("&nbsp;", 2),
            b'&' => {
                out.push_str(&html[copied..i]);
                let (decoded, length) = ampersand(&html[i + 1..], false)?;
                push_escaped(out, decoded, false);
                i += 1 + length;
                copied = i;
                continue;
            }
            0 => return None, // NUL: the tree builder drops it
            _ => {
                i += 1; // another character of U+0080..U+00BF
                continue;
            }
        };
        out.push_str(&html[copied..i]);
        out.push_str(replacement);
        i += skip;
        copied = i;
    }
    let end = if bytes.get(i) == Some(&b'<') { i } else { bytes.len() };
    out.push_str(&html[copied..end]);
    Some(end)
}

/// The bytes [`write_text`] (and the writer's text) stop at; text is mostly none of them.
pub(crate) const TEXT_SPECIAL: [bool; 256] = {
    let mut special = [false; 256];
    special[b'<' as usize] = true;
    special[b'&' as usize] = true;
    special[b'>' as usize] = true;
    special[b'\r' as usize] = true;
    special[0] = true;
    special[0xC2] = true; // U+00A0's first byte
    special
};

/// An attribute value as the parser reads it (borrowed when that is what is written).
fn decode(value: &str) -> Option<Cow<'_, str>> {
    let bytes = value.as_bytes();
    let Some(first) = bytes.iter().position(|&b| matches!(b, b'&' | b'\r' | 0)) else {
        return Some(Cow::Borrowed(value));
    };
    let mut out = String::with_capacity(value.len());
    let (mut copied, mut i) = (0, first);
    while i < bytes.len() {
        match bytes[i] {
            b'&' => {
                out.push_str(&value[copied..i]);
                let (decoded, length) = ampersand(&value[i + 1..], true)?;
                out.push(decoded);
                i += 1 + length;
            }
            b'\r' => {
                out.push_str(&value[copied..i]);
                out.push('\n');
                i += if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            }
            0 => return None,
            _ => {
                i += 1;
                continue;
            }
        }
        copied = i;
    }
    out.push_str(&value[copied..]);
    Some(Cow::Owned(out))
}

/// What a `&` followed by `rest` stands for, and the length after the `&` of what it starts: a
/// reference [`reference`] decodes, or the `&` itself (length 0): the tokenizer reads a reference
/// only from a letter, a digit or `#` on, and in an attribute value letters and digits that run
/// into `=` never are one (whatever name they begin, the rule for legacy names without `;` leaves
/// them as written: `?a=1&b=2`). `None`: left to ammonia.
fn ampersand(rest: &str, attribute: bool) -> Option<(char, usize)> {
    let bytes = rest.as_bytes();
    let name = bytes.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    let itself = match bytes.get(name) {
        _ if name == 0 => bytes.first() != Some(&b'#'),
        Some(b'=') => attribute,
        _ => false,
    };
    if itself {
        Some(('&', 0))
    } else {
        reference(rest)
    }
}

/// The character reference at the start of `rest` (after its `&`) and its length with the `;`:
/// names with a `;`, and numeric ones for plain characters. Anything else: ammonia.
fn reference(rest: &str) -> Option<(char, usize)> {
    let end = rest.bytes().take(10).position(|b| b == b';')?;
    let c = match &rest[..end] {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "nbsp" => '\u{a0}',
        name if !name.starts_with('#') => named_reference(&rest[..=end])?,
        name => {
            let number = name.strip_prefix('#')?;
            // Digits only: Rust's parsers also take a leading `+`, which HTML's do not.
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    u32::from_str_radix(hex, 16).ok()?
                }
                None if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => number.parse().ok()?,
                _ => return None,
            };
            // Controls, C1 (remapped by the parser) and the like are left to ammonia.
            if code < 0x20 || (0x7f..0xa0).contains(&code) {
                return None;
            }
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// A named reference with its `;` (`middot;`) as html5ever's entity table has it: one character.
/// (Nothing longer can match: no name goes on past a `;`.) Only raw HTML writes other names than
/// the writer's.
fn named_reference(name: &str) -> Option<char> {
    match entities::with_semicolon(name)? {
        (c, None) => Some(c),
        _ => None,
    }
}

/// html5ever's serializer escapes `&`, `<`, `>` and U+00A0, and `"` in attribute values.
fn push_escaped(out: &mut String, c: char, attribute: bool) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '\u{a0}' => out.push_str("&nbsp;"),
        '"' if attribute => out.push_str("&quot;"),
        c => out.push(c),
    }
}

/// ammonia's attribute steps, in its order: the allow-list and URL schemes, forced values, `rel`,
/// the id prefix, the policy's attribute filter (removing with `swap_remove`, as ammonia does,
/// which moves the last attribute into the gap), then relative URLs.
pub(crate) fn clean_attributes<'h>(
    element: Element,
    attributes: &mut Vec<Attribute<'h>>,
    settings: &Settings<'h>,
) -> Option<()> {
    let allowed = element.attributes();
    attributes.retain(|(name, value)| {
        let listed = GENERIC_ATTRIBUTES.contains(name)
            || allowed.contains(name)
            || settings.extra_attributes.iter().any(|extra| extra == name);
        listed && (!is_url_attribute(name) || url_allowed(value, settings))
    });
    let name = element.name();
    if name == "input" {
        // ammonia adds missing forced attributes in hash order: leave those inputs to it.
        for (forced_name, forced) in [("type", "checkbox"), ("disabled", "")] {
            let (_, value) = attributes.iter_mut().find(|(attribute, _)| *attribute == forced_name)?;
            *value = Cow::Borrowed(forced);
        }
    }
    if name == "a" && !settings.link_rel.is_empty() {
        attributes.push(("rel", Cow::Borrowed(settings.link_rel)));
    }
    if !settings.id_prefix.is_empty() {
        for (attribute, value) in attributes.iter_mut() {
            if *attribute == "id" && !value.starts_with(settings.id_prefix) {
                value.to_mut().insert_str(0, settings.id_prefix);
            }
        }
    }
    let mut dropped = Vec::new(); // allocates only when something is dropped
    for (i, (attribute, value)) in attributes.iter_mut().enumerate() {
        match policy::filter_with(settings.id_prefix, settings.extra_classes, name, attribute, value) {
            None => dropped.push(i),
            Some(Cow::Owned(new)) => *value = Cow::Owned(new),
            Some(Cow::Borrowed(_)) => {}
        }
    }
    for i in dropped.into_iter().rev() {
        attributes.swap_remove(i);
    }
    if let Some(base) = settings.base_url {
        for (attribute, value) in attributes.iter_mut() {
            if is_url_attribute(attribute) && urls::is_relative(value) {
                if let Cow::Owned(resolved) = base.resolve(value) {
                    *value = Cow::Owned(resolved);
                }
            }
        }
    }
    Some(())
}

fn is_url_attribute(name: &str) -> bool {
    matches!(name, "href" | "src")
}

/// ammonia's rule: a URL that parses needs an allowed scheme; one that does not parse is kept
/// only when it is relative.
fn url_allowed(value: &str, settings: &Settings<'_>) -> bool {
    match urls::parse(value) {
        Parsed::Absolute { scheme, .. } => {
            policy::URL_SCHEMES.contains(&&*scheme) || settings.extra_url_schemes.iter().any(|extra| *extra == scheme)
        }
        Parsed::Relative => true,
        Parsed::Invalid => false,
    }
}

pub(crate) fn write_start_tag(out: &mut String, name: &str, attributes: &[Attribute<'_>]) {
    out.push('<');
    out.push_str(name);
    for (attribute, value) in attributes {
        out.push(' ');
        out.push_str(attribute);
        out.push_str("=\"");
        let bytes = value.as_bytes();
        let mut copied = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let replacement = match b {
                b'&' => "&amp;",
                b'"' => "&quot;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                0xC2 if bytes.get(i + 1) == Some(&0xA0) => "&nbsp;",
                _ => continue,
            };
            out.push_str(&value[copied..i]);
            out.push_str(replacement);
            copied = i + if b == 0xC2 { 2 } else { 1 };
        }
        out.push_str(&value[copied..]);
        out.push('"');
    }
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fast_tag_is_found_with_its_flags_and_its_insertion() {
        for (name, attributes) in FAST_TAGS {
            let element = lookup(name).unwrap_or_else(|| panic!("{name} not found"));
            assert_eq!((element.name(), element.attributes()), (name, attributes));
            assert_eq!(
                element.is(IS_VOID),
                ["br", "hr", "img", "input"].contains(&name),
                "{name}"
            );
            assert!(element.insertion().is_some(), "{name} is not in the insertion model");
        }
        for name in ["bb", "aa", "h7", "script", "abbreviationsxyzw", "figcaptions", ""] {
            assert!(lookup(name).is_none(), "{name}");
        }
    }

    /// Nestings the tree builder leaves as written though an element of the kind is open further
    /// up: the insertion model takes them, and the result is ammonia's.
    #[test]
    fn takes_what_the_tree_builder_nests_as_written_as_ammonia_does() {
        let settings = Settings::plain("", None);
        for html in [
            "<h2>a<div><h3>b</h3></div></h2>",
            "<p>a</p><table><tbody><tr><td><a href=\"/x\">y</a></td></tr></tbody></table>",
            "<a href=\"/x\"><table><tbody><tr><td><a href=\"/y\">z</a></td></tr></tbody></table></a>",
            "<ul><li>a<ul><li>b</li></ul></li></ul>",
            "<dl><dt>a</dt><dd><dl><dt>b</dt></dl></dd></dl>",
        ] {
            let fast = sanitize(html, &settings);
            assert!(fast.is_some(), "{html}");
            assert_eq!(fast.unwrap(), policy::sanitize(html, &settings), "{html}");
        }
        for html in [
            "<h2>a<h3>b</h3></h2>",
            "<p>a<div>b</div></p>",
            "<a href=\"/x\"><a href=\"/y\">z</a></a>",
        ] {
            assert!(sanitize(html, &settings).is_none(), "{html}");
        }
    }

    #[test]
    fn leaves_tags_with_many_attributes_to_ammonia() {
        let settings = Settings::plain("", None);
        let attributes: String = (0..=LIMITS.fast_path_attributes)
            .map(|i| format!(" data-a{i}=\"\""))
            .collect();
        assert!(sanitize(&format!("<span{attributes}>x</span>"), &settings).is_none());
        let fewer: String = (0..LIMITS.fast_path_attributes)
            .map(|i| format!(" data-a{i}=\"\""))
            .collect();
        assert_eq!(
            sanitize(&format!("<span{fewer}>x</span>"), &settings).as_deref(),
            Some("<span>x</span>")
        );
    }
}
