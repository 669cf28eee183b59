//! The sanitizer's result without the sanitizer, for HTML that only quire's own writer produced.
//!
//! Markdown without raw HTML becomes HTML whose every tag and attribute name quire chose and whose
//! every text and attribute value the writer escaped. For such HTML, html5ever's parse, ammonia's
//! clean and the serializer would only apply the attribute policy (URL schemes, id prefix, classes,
//! `rel`) and re-serialize. This module does both in one linear pass, with ammonia's steps in
//! ammonia's order and the policy's own filters from `sanitize.rs`, and gives up (`None`: the
//! caller runs ammonia) at anything it does not model: a tag outside [`FAST_TAGS`], a comment, an
//! entity the writer does not write, a nesting that the HTML tree builder would repair. The
//! differential test below checks it against ammonia, byte for byte.

use std::borrow::Cow;

use url::Url;

use super::sanitize::{self, Settings};

/// The elements our writer emits, sorted, with the attributes the policy allows on each beyond
/// [`GENERIC_ATTRIBUTES`] (a test checks both against ammonia's builder). Anything else: ammonia.
pub(super) const FAST_TAGS: [(&str, &[&str]); 44] = [
    ("a", &["aria-label", "href", "hreflang", "target"]),
    ("article", &[]),
    ("blockquote", &[]),
    ("br", &[]),
    ("code", &[]),
    ("dd", &[]),
    ("del", &["datetime"]),
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
    (
        "img",
        &["align", "alt", "decoding", "height", "loading", "src", "width"],
    ),
    ("input", &["checked", "disabled", "type"]),
    ("kbd", &[]),
    ("li", &[]),
    ("mark", &[]),
    ("nav", &["aria-label"]),
    ("ol", &["start"]),
    ("p", &[]),
    ("pre", &[]),
    ("s", &[]),
    ("section", &[]),
    ("span", &[]),
    ("strong", &[]),
    ("sub", &[]),
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
    ("ul", &[]),
];

/// Attributes the policy allows on every element (ammonia's `lang` and `title`, and ours).
pub(super) const GENERIC_ATTRIBUTES: [&str; 5] = ["class", "dir", "id", "lang", "title"];

/// Elements without an end tag.
const VOID: [&str; 4] = ["br", "hr", "img", "input"];

/// Start tags that close an open `<p>` (HTML's tree construction, "in body").
const CLOSES_P: [&str; 24] = [
    "article",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

/// ammonia's output for `html`, or `None` where only ammonia can tell.
pub(crate) fn sanitize(html: &str, settings: &Settings<'_>) -> Option<String> {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut open: Vec<&str> = Vec::new();
    let mut rest = html;
    let mut after_pre_start = false;
    while !rest.is_empty() {
        let text_end = rest.find('<').unwrap_or(rest.len());
        if text_end > 0 {
            let text = &rest[..text_end];
            if in_table_structure(&open) && !text.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0c')) {
                return None; // foster parenting
            }
            if after_pre_start && text.starts_with(['\n', '\r']) {
                return None; // the parser drops that newline
            }
            write_text(&mut out, text)?;
            rest = &rest[text_end..];
            continue;
        }
        let (tag, after) = Tag::read(rest)?;
        rest = after;
        after_pre_start = matches!(tag, Tag::Start { name: "pre", .. });
        match tag {
            Tag::End(name) => {
                if open.pop() != Some(name) {
                    return None;
                }
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
            Tag::Start {
                name,
                attributes,
                self_closing,
            } => {
                let (name, allowed) = lookup(name)?;
                let void = VOID.contains(&name);
                if (self_closing && !void) || !fits(&open, name) {
                    return None;
                }
                write_start_tag(&mut out, name, clean_attributes(name, allowed, attributes?, settings)?);
                if !void {
                    open.push(name);
                }
            }
        }
    }
    open.is_empty().then_some(out)
}

/// One tag as our writer spells it: lowercase names, `"`-quoted values.
enum Tag<'h> {
    Start {
        name: &'h str,
        /// `None` when an attribute is not written the way the writer writes them.
        attributes: Option<Vec<(&'h str, String)>>,
        self_closing: bool,
    },
    End(&'h str),
}

impl<'h> Tag<'h> {
    /// The tag at the start of `html` (which starts with `<`) and what follows it.
    fn read(html: &'h str) -> Option<(Tag<'h>, &'h str)> {
        let bytes = html.as_bytes();
        if bytes.get(1) == Some(&b'/') {
            let name_end = 2 + name_len(&bytes[2..]);
            if name_end == 2 || bytes.get(name_end) != Some(&b'>') {
                return None;
            }
            return Some((Tag::End(&html[2..name_end]), &html[name_end + 1..]));
        }
        let name_end = 1 + name_len(&bytes[1..]);
        if name_end == 1 {
            return None; // `<!--`, `<?`, a stray `<`: the writer escapes text, so not ours
        }
        let name = &html[1..name_end];
        let mut attributes = Some(Vec::new());
        let mut i = name_end;
        loop {
            let spaces = bytes[i..]
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\n'))
                .count();
            i += spaces;
            match bytes.get(i)? {
                b'>' => return Some((Tag::start(name, attributes, false), &html[i + 1..])),
                b'/' if bytes.get(i + 1) == Some(&b'>') => {
                    return Some((Tag::start(name, attributes, true), &html[i + 2..]));
                }
                _ if spaces == 0 => return None,
                _ => {}
            }
            let attribute_end = i + name_len(&bytes[i..]);
            if attribute_end == i {
                return None;
            }
            let attribute = &html[i..attribute_end];
            i = attribute_end;
            let value = if bytes[i..].starts_with(b"=\"") {
                let value_end = i + 2 + html[i + 2..].find('"')?;
                let value = decode(&html[i + 2..value_end]);
                i = value_end + 1;
                value
            } else {
                Some(String::new())
            };
            // A repeated attribute: the parser keeps the first; leave that to ammonia.
            match (&mut attributes, value) {
                (Some(list), Some(value)) if list.iter().all(|(name, _)| *name != attribute) => {
                    list.push((attribute, value))
                }
                _ => attributes = None,
            }
        }
    }

    fn start(name: &'h str, attributes: Option<Vec<(&'h str, String)>>, self_closing: bool) -> Self {
        Tag::Start {
            name,
            attributes,
            self_closing,
        }
    }
}

/// The length of a lowercase ASCII name (`h2`, `aria-label`) at the start of `bytes`.
fn name_len(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(b'a'..=b'z') => bytes
            .iter()
            .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || **b == b'-')
            .count(),
        _ => 0,
    }
}

fn lookup(name: &str) -> Option<(&'static str, &'static [&'static str])> {
    FAST_TAGS
        .binary_search_by(|(tag, _)| (*tag).cmp(name))
        .ok()
        .map(|i| FAST_TAGS[i])
}

/// Whether the tree builder would put `name` where it stands: inside the current element, with
/// nothing closed, moved or inserted. Conservative: `false` sends the document to ammonia.
fn fits(open: &[&str], name: &str) -> bool {
    let current = open.last().copied();
    let table_child = match current {
        Some("table") => Some(matches!(name, "thead" | "tbody")),
        Some("thead" | "tbody") => Some(name == "tr"),
        Some("tr") => Some(matches!(name, "th" | "td")),
        _ => None,
    };
    if let Some(fits) = table_child {
        return fits;
    }
    if matches!(name, "thead" | "tbody" | "tr" | "th" | "td") {
        return false; // outside their table, the parser ignores them
    }
    if CLOSES_P.contains(&name) && open.contains(&"p") {
        return false;
    }
    match name {
        "a" => !open.contains(&"a"),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => !open.iter().any(|tag| is_heading(tag)),
        // An open item of the same kind, with nothing but `div`/`p` above it, would be closed.
        "li" => !closes_open_item(open, &["li"]),
        "dd" | "dt" => !closes_open_item(open, &["dd", "dt"]),
        _ => true,
    }
}

fn closes_open_item(open: &[&str], items: &[&str]) -> bool {
    for tag in open.iter().rev() {
        if items.contains(tag) {
            return true;
        }
        if !matches!(*tag, "div" | "p") && is_special(tag) {
            return false;
        }
    }
    false
}

/// HTML's "special" category, among [`FAST_TAGS`]: the elements that stop the search for an
/// open list item.
fn is_special(tag: &str) -> bool {
    !matches!(
        tag,
        "a" | "code" | "del" | "em" | "kbd" | "mark" | "s" | "span" | "strong" | "sub" | "sup" | "time"
    )
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Text here would be moved out of the table (foster parenting).
fn in_table_structure(open: &[&str]) -> bool {
    matches!(open.last(), Some(&("table" | "thead" | "tbody" | "tr")))
}

/// Text as the serializer writes it (see [`push_escaped`]), the writer's character
/// references decoded, line breaks normalized as the parser does.
fn write_text(out: &mut String, text: &str) -> Option<()> {
    let bytes = text.as_bytes();
    let (mut copied, mut i) = (0, 0);
    while let Some(offset) = bytes[i..].iter().position(|&b| TEXT_SPECIAL[usize::from(b)]) {
        i += offset;
        let (replacement, skip): (&str, usize) = match bytes[i] {
            b'>' => ("&gt;", 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => ("\n", 2),
            b'\r' => ("\n", 1),
            0xC2 if bytes.get(i + 1) == Some(&0xA0) => ("&nbsp;", 2),
            b'&' => {
                out.push_str(&text[copied..i]);
                let (decoded, length) = reference(&text[i + 1..])?;
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
        out.push_str(&text[copied..i]);
        out.push_str(replacement);
        i += skip;
        copied = i;
    }
    out.push_str(&text[copied..]);
    Some(())
}

/// The bytes [`write_text`] stops at; text is mostly none of them.
const TEXT_SPECIAL: [bool; 256] = {
    let mut special = [false; 256];
    special[b'&' as usize] = true;
    special[b'>' as usize] = true;
    special[b'\r' as usize] = true;
    special[0] = true;
    special[0xC2] = true; // U+00A0's first byte
    special
};

/// An attribute value as the parser reads it.
fn decode(value: &str) -> Option<String> {
    let mut out = String::with_capacity(value.len());
    let bytes = value.as_bytes();
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'&' => {
                out.push_str(&value[copied..i]);
                let (decoded, length) = reference(&value[i + 1..])?;
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
    Some(out)
}

/// The character reference at the start of `rest` (after its `&`) and its length with the `;`:
/// the few the writer uses, and numeric ones for plain characters. Anything else: ammonia.
fn reference(rest: &str) -> Option<(char, usize)> {
    let end = rest.bytes().take(10).position(|b| b == b';')?;
    let c = match &rest[..end] {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "nbsp" => '\u{a0}',
        name => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) if !hex.is_empty() => u32::from_str_radix(hex, 16).ok()?,
                None if !number.is_empty() => number.parse().ok()?,
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
fn clean_attributes<'h>(
    element: &str,
    allowed: &[&str],
    mut attributes: Vec<(&'h str, String)>,
    settings: &Settings<'_>,
) -> Option<Vec<(&'h str, String)>> {
    attributes.retain(|(name, value)| {
        let listed = GENERIC_ATTRIBUTES.contains(name)
            || allowed.contains(name)
            || settings.extra_attributes.iter().any(|extra| extra == name);
        listed && (!is_url_attribute(name) || url_allowed(value, settings))
    });
    if element == "input" {
        // ammonia adds missing forced attributes in hash order: leave those inputs to it.
        for (name, forced) in [("type", "checkbox"), ("disabled", "")] {
            let (_, value) = attributes.iter_mut().find(|(attribute, _)| *attribute == name)?;
            forced.clone_into(value);
        }
    }
    if element == "a" && !settings.link_rel.is_empty() {
        attributes.push(("rel", settings.link_rel.to_owned()));
    }
    if !settings.id_prefix.is_empty() {
        for (name, value) in &mut attributes {
            if *name == "id" && !value.starts_with(settings.id_prefix) {
                value.insert_str(0, settings.id_prefix);
            }
        }
    }
    let mut dropped = Vec::new();
    for (i, (name, value)) in attributes.iter_mut().enumerate() {
        match sanitize::filter_with(settings.id_prefix, settings.extra_classes, element, name, value) {
            None => dropped.push(i),
            Some(Cow::Owned(new)) => *value = new,
            Some(Cow::Borrowed(_)) => {}
        }
    }
    for i in dropped.into_iter().rev() {
        attributes.swap_remove(i);
    }
    if let Some(base) = settings.base_url {
        for (name, value) in &mut attributes {
            if is_url_attribute(name) && is_relative(value) {
                if let Cow::Owned(resolved) = sanitize::resolve_relative(base, value) {
                    *value = resolved;
                }
            }
        }
    }
    Some(attributes)
}

fn is_url_attribute(name: &str) -> bool {
    matches!(name, "href" | "src")
}

/// ammonia's rule: a URL that parses needs an allowed scheme; one that does not parse is kept
/// only when it is relative.
fn url_allowed(value: &str, settings: &Settings<'_>) -> bool {
    match Url::parse(value) {
        Ok(url) => {
            sanitize::URL_SCHEMES.contains(&url.scheme())
                || settings.extra_url_schemes.iter().any(|scheme| scheme == url.scheme())
        }
        Err(error) => error == url::ParseError::RelativeUrlWithoutBase,
    }
}

fn is_relative(value: &str) -> bool {
    Url::parse(value) == Err(url::ParseError::RelativeUrlWithoutBase)
}

fn write_start_tag(out: &mut String, name: &str, attributes: Vec<(&str, String)>) {
    out.push('<');
    out.push_str(name);
    for (attribute, value) in attributes {
        out.push(' ');
        out.push_str(attribute);
        out.push_str("=\"");
        for (i, c) in value.char_indices() {
            if matches!(c, '&' | '"' | '<' | '>' | '\u{a0}') {
                push_escaped(out, c, true);
            } else {
                out.push_str(&value[i..i + c.len_utf8()]);
            }
        }
        out.push('"');
    }
    out.push('>');
}
