//! Settling ammonia's output into a fixed point: one linear pass that reads the serialized tree,
//! rewrites what parsing it again would change, and says whether the HTML tree builder would
//! rebuild the same tree (`sanitize.rs` cleans again, or unwraps, when it would not).

use std::borrow::Cow;

use crate::html::insertion::{element, Current, ROOT};
use crate::html::tags;

/// What [`settle`] does with a tag or text the HTML parser would not put where it stands.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Repair {
    /// Leave it, and say so (`round_trips: false`).
    No,
    /// Unwrap the element (its content moves up to a parent it fits in) or drop the text.
    Unwrap,
}

pub(crate) struct Settled<'h> {
    pub html: Cow<'h, str>,
    /// The input needed no repair: parsing `html` gives back the tree it spells out, and cleaning it
    /// again changes nothing. (With [`Repair::Unwrap`], `html` round-trips either way.)
    pub round_trips: bool,
}

/// Rewrites ammonia's output so that cleaning it again gives it back, and says whether it does.
///
/// ammonia writes its tree with html5ever's serializer, which quotes every attribute value and
/// escapes `<`, `>`, `"` and `&` in it, and `<`, `>` and `&` in text (no raw-text element is
/// allowed, see the tests): every `<` opens a tag, the next `>` closes it, and every element but a
/// void one has its end tag, so one pass over the string reads the tree exactly, without building
/// it. This pass rewrites what parsing would change:
/// - leading U+FEFFs are dropped (html5ever discards one as a byte-order mark, innerHTML none);
/// - CR and CRLF become LF, as in the parser's input stream (a `&#13;` leaves a CR in the tree);
/// - a `<pre>` whose text starts with a newline gets the extra newline that parsing drops;
/// - an `<input>` without `disabled` gets `disabled=""`, last (the policy forces only `type`);
/// - a link's `rel` goes last, where the next pass would append it again.
///
/// And it follows the HTML tree builder through the tags, with the model in `html::insertion`
/// that the writer and the fast path use too: a start tag the builder would not insert as a child of the current element (a block in an open
/// `<p>`, a link in a link, a table part outside its parent, a heading in a heading) or text it
/// would move out of a table makes `round_trips` false; with [`Repair::Unwrap`] such an element is
/// unwrapped and such text dropped. What the model does not know does not round-trip. `None`: not
/// the serializer's output (it always is).
pub(crate) fn settle(html: &str, repair: Repair) -> Option<Settled<'_>> {
    match Settler::new(html, repair).run() {
        Ok(settled) => Some(settled),
        Err(Stop::CarriageReturn) => {
            let normalized = html.replace("\r\n", "\n").replace('\r', "\n");
            let settled = Settler::new(&normalized, repair).run().ok()?;
            Some(Settled {
                html: Cow::Owned(settled.html.into_owned()),
                round_trips: settled.round_trips,
            })
        }
        Err(Stop::Malformed) => None,
    }
}

enum Stop {
    /// Line ends to normalize first (rare: the common pass need not copy).
    CarriageReturn,
    Malformed,
}

struct Settler<'h> {
    html: &'h str,
    repair: Repair,
    /// The output once it differs from `html`; until then it is `html[..kept]`.
    out: Option<String>,
    kept: usize,
    /// The open elements of the input.
    open: Vec<Open<'h>>,
    round_trips: bool,
    /// Nothing written yet.
    at_start: bool,
    /// The last thing written is a `<pre>` start tag.
    after_pre: bool,
}

struct Open<'h> {
    name: &'h str,
    kept: bool,
    /// The parser's current node while this element is open: itself if kept, else the kept
    /// element it sits in.
    current: Current,
}

/// Elements the serializer writes without content or end tag.
fn is_void(name: &str) -> bool {
    tags::is_void(name.as_bytes())
}

impl<'h> Settler<'h> {
    fn new(html: &'h str, repair: Repair) -> Self {
        Settler {
            html,
            repair,
            out: None,
            kept: 0,
            open: Vec::new(),
            round_trips: true,
            at_start: true,
            after_pre: false,
        }
    }

    fn current(&self) -> Current {
        self.open.last().map_or(ROOT, |open| open.current)
    }

    fn run(mut self) -> Result<Settled<'h>, Stop> {
        let bytes = self.html.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let tag = find(bytes, at, b'<')?.unwrap_or(bytes.len());
            if tag > at {
                self.text(at, tag);
            }
            if tag == bytes.len() {
                break;
            }
            at = if bytes.get(tag + 1) == Some(&b'/') {
                self.end_tag(tag).ok_or(Stop::Malformed)?
            } else {
                let end = find(bytes, tag, b'>')?.ok_or(Stop::Malformed)? + 1;
                self.start_tag(tag, end).ok_or(Stop::Malformed)?;
                end
            };
        }
        if !self.open.is_empty() {
            return Err(Stop::Malformed);
        }
        self.keep(bytes.len());
        Ok(Settled {
            html: self.out.map_or(Cow::Borrowed(self.html), Cow::Owned),
            round_trips: self.round_trips,
        })
    }

    fn text(&mut self, mut start: usize, end: usize) {
        if self.at_start {
            let text = &self.html[start..end];
            let boms = text.len() - text.trim_start_matches('\u{FEFF}').len();
            if boms > 0 {
                self.skip(start, start + boms);
                start += boms;
            }
            if start == end {
                return;
            }
        }
        let bytes = &self.html.as_bytes()[start..end];
        if self.current().fosters_text() && !bytes.iter().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0C')) {
            // The parser would move it in front of the table ("foster parenting").
            self.round_trips = false;
            if self.repair == Repair::Unwrap {
                self.skip(start, end);
                return;
            }
        }
        if self.after_pre && bytes[0] == b'\n' {
            self.insert(start, "\n");
        }
        self.at_start = false;
        self.after_pre = false;
    }

    /// The end tag at `start` closes the innermost open element: the end of the tag.
    fn end_tag(&mut self, start: usize) -> Option<usize> {
        let open = self.open.pop()?;
        let name_end = start + 2 + open.name.len();
        // Names are short: comparing them byte by byte beats a call to `memcmp`.
        let written = self.html.as_bytes().get(start + 2..=name_end)?;
        if !written
            .iter()
            .zip(open.name.bytes().chain([b'>']))
            .all(|(a, b)| *a == b)
        {
            return None;
        }
        if open.kept {
            // `<pre></pre>`: the text after it is not the `<pre>`'s.
            self.after_pre = false;
        } else {
            self.skip(start, name_end + 1);
        }
        Some(name_end + 1)
    }

    fn start_tag(&mut self, start: usize, end: usize) -> Option<()> {
        let tag = &self.html[start..end];
        let name = &tag[1..tag.bytes().position(|b| b == b' ' || b == b'>')?];
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let current = self.current();
        let element = element(name.as_bytes());
        let fits = element.is_some_and(|element| current.fits(element));
        self.round_trips &= fits;
        let kept = fits || self.repair == Repair::No;
        if kept {
            self.write_start_tag(name, start, end);
        } else {
            self.skip(start, end);
        }
        if !is_void(name) {
            let current = match element.filter(|_| kept) {
                Some(element) => current.inside(element),
                None => current,
            };
            self.open.push(Open { name, kept, current });
        }
        Some(())
    }

    fn write_start_tag(&mut self, name: &str, start: usize, end: usize) {
        let tag = &self.html[start..end];
        match name {
            "a" if !ends_with_attribute(tag, "rel") && attributes(tag).any(|(name, _)| name == "rel") => {
                let (rel, others): (Vec<_>, Vec<_>) = attributes(tag).partition(|(name, _)| *name == "rel");
                let mut rebuilt = String::with_capacity(tag.len());
                rebuilt.push_str("<a");
                for (_, attribute) in others.into_iter().chain(rel) {
                    rebuilt.push_str(attribute);
                }
                rebuilt.push('>');
                self.skip(start, end);
                self.insert(end, &rebuilt);
            }
            "input" if !attributes(tag).any(|(name, _)| name == "disabled") => {
                self.insert(end - 1, " disabled=\"\"");
            }
            _ => {}
        }
        self.at_start = false;
        self.after_pre = name == "pre";
    }

    /// Writes `html[kept..at]` unchanged.
    fn keep(&mut self, at: usize) {
        if let Some(out) = &mut self.out {
            out.push_str(&self.html[self.kept..at]);
        }
        self.kept = at;
    }

    /// Writes `html[kept..start]`, leaves out `html[start..end]`.
    fn skip(&mut self, start: usize, end: usize) {
        self.keep(start);
        self.edited();
        self.kept = end;
    }

    /// Writes `html[kept..at]`, then `text`.
    fn insert(&mut self, at: usize, text: &str) {
        self.keep(at);
        self.edited().push_str(text);
    }

    fn edited(&mut self) -> &mut String {
        let (html, kept) = (self.html, self.kept);
        self.out.get_or_insert_with(|| {
            let mut out = String::with_capacity(html.len() + 64);
            out.push_str(&html[..kept]);
            out
        })
    }
}

/// The next `byte` from `from` on; a CR stops the search (line ends are normalized first). Eight
/// bytes at a time: this scan is most of `settle`'s time, which must stay small next to ammonia's.
#[inline(always)]
fn find(bytes: &[u8], from: usize, byte: u8) -> Result<Option<usize>, Stop> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let (wanted, cr) = (ONES * u64::from(byte), ONES * u64::from(b'\r'));
    // The lowest set bit marks the first byte equal to the pattern's (higher ones may be false).
    let equal = |word: u64, pattern: u64| {
        let zeroed = word ^ pattern;
        zeroed.wrapping_sub(ONES) & !zeroed & HIGHS
    };
    let mut at = from;
    while let Some(Ok(word)) = bytes.get(at..at + 8).map(<[u8; 8]>::try_from) {
        let word = u64::from_le_bytes(word);
        let found = equal(word, wanted) | equal(word, cr);
        if found != 0 {
            at += found.trailing_zeros() as usize / 8;
            break;
        }
        at += 8;
    }
    while let Some(&next) = bytes.get(at) {
        if next == byte {
            return Ok(Some(at));
        }
        if next == b'\r' {
            return Err(Stop::CarriageReturn);
        }
        at += 1;
    }
    Ok(None)
}

/// The attributes of a start tag as the serializer writes it, `<name a="v" b="w">`: each name,
/// with the attribute as written, leading space included.
fn attributes(tag: &str) -> impl Iterator<Item = (&str, &str)> {
    let bytes = tag.as_bytes();
    let mut at = bytes.iter().position(|&b| b == b' ').unwrap_or(bytes.len());
    std::iter::from_fn(move || {
        if bytes.get(at) != Some(&b' ') {
            return None;
        }
        let equals = at + bytes[at..].iter().position(|&b| b == b'=')?;
        let close = equals + 2 + bytes.get(equals + 2..)?.iter().position(|&b| b == b'"')?;
        let attribute = (&tag[at + 1..equals], &tag[at..=close]);
        at = close + 1;
        Some(attribute)
    })
}

/// Whether the start tag ends with the attribute `name`: a quick look for the common case.
fn ends_with_attribute(tag: &str, name: &str) -> bool {
    let Some(before_close) = tag.strip_suffix("\">") else {
        return false;
    };
    let value = before_close.bytes().rposition(|b| b == b'"').unwrap_or(0);
    before_close[..value]
        .strip_suffix('=')
        .and_then(|before| before.strip_suffix(name))
        .is_some_and(|before| before.ends_with(' '))
}
