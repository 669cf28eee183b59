//! Raw HTML's one tokenizer: html5ever's states, reduced to what decides where text, tags,
//! comments, declarations and text-only content (with the script escape states) begin and end.
//! Both readers of the author's raw HTML as the Markdown parser hands it over go through it, each
//! as a [`Sink`]: the nesting bound (`html::depth`) and the removed report (`sanitize::removed`).
//! (The fast path and the settler read the written document, in the one form each accepts.)
//!
//! It is fed the raw HTML in pieces, its state carrying over from one to the next, and gives its
//! sink the data state's text, each `<` that could begin markup, where each attribute begins and
//! each tag. The sink says which text-only content a start tag switches to (the tree builder
//! decides that, not the tokenizer) and whether `<![CDATA[` opens a CDATA section (it does in SVG
//! and MathML content). Tag and attribute names are ASCII-lowercased; values and text keep their
//! character references as written.

use std::ops::Range;

/// The text-only content a start tag can switch the tokenizer to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum TextOnly {
    Rcdata,
    Rawtext,
    ScriptData,
    /// Never ends.
    Plaintext,
}

/// The consumer of the tokens; see the module documentation.
pub(crate) trait Sink {
    /// Characters of the data state (a `<` that begins nothing comes alone).
    fn text(&mut self, _text: &[u8]) {}

    /// A `<` at `at` in data (`text_only` false) or text-only content: whether it is read as
    /// markup. One that is not (a sink that escapes it says so) is read as text.
    fn less_than(&mut self, _bytes: &[u8], _at: usize, _text_only: bool) -> bool {
        true
    }

    /// An attribute's name begins at `at`.
    fn attribute(&mut self, _bytes: &[u8], _at: usize) {}

    /// A tag was read: `bytes[span]` (the span starts at 0 when the tag began in an earlier
    /// piece). Returns the text-only content a start tag switches to, if any.
    fn tag(&mut self, tag: &TagToken, bytes: &[u8], span: Range<usize>) -> Option<TextOnly>;

    /// Whether `<![CDATA[` opens a CDATA section here, instead of a bogus comment.
    fn cdata(&self) -> bool {
        false
    }
}

/// A tag as read: its name and attribute names lowercased, values as written.
#[derive(Default)]
pub(crate) struct TagToken {
    pub end: bool,
    pub name: Vec<u8>,
    pub self_closing: bool,
    /// Each attribute as `(name start, value start, end)` in `bytes`.
    attributes: Vec<(usize, usize, usize)>,
    bytes: Vec<u8>,
}

impl TagToken {
    fn begin(&mut self, end: bool) {
        self.end = end;
        self.name.clear();
        self.self_closing = false;
        self.attributes.clear();
        self.bytes.clear();
    }

    fn new_attribute(&mut self, first: u8) {
        let at = self.bytes.len();
        self.bytes.push(first);
        self.attributes.push((at, usize::MAX, usize::MAX));
    }

    fn start_value(&mut self) {
        if let Some(attribute) = self.attributes.last_mut() {
            attribute.1 = self.bytes.len();
        }
    }

    fn end_attribute(&mut self) {
        let end = self.bytes.len();
        if let Some(attribute) = self.attributes.last_mut() {
            if attribute.1 == usize::MAX {
                attribute.1 = end;
            }
            attribute.2 = end;
        }
    }

    /// Every attribute as written, repeated names included, in order.
    pub fn attributes(&self) -> impl Iterator<Item = (&[u8], &[u8])> + '_ {
        self.attributes.iter().map(|&(name, value, end)| {
            let value = value.min(end);
            (&self.bytes[name..value], &self.bytes[value..end])
        })
    }

    /// The value of the first attribute named `wanted` (the one the tree builder keeps).
    pub fn attribute(&self, wanted: &[u8]) -> Option<&[u8]> {
        self.attributes()
            .find(|(name, _)| *name == wanted)
            .map(|(_, value)| value)
    }
}

/// The text-only states.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Raw {
    Rcdata,
    Rawtext,
    Script,
    /// Script data after `<!--`.
    Escaped,
    /// Script data after `<!--<script>`.
    DoubleEscaped,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
enum St {
    #[default]
    Data,
    Plaintext,
    Raw(Raw),
    /// After `<` in raw text.
    RawLt(Raw),
    /// After `</` in raw text.
    RawEndOpen(Raw),
    /// In the name of an end tag in raw text (`end_match` says how far it matches).
    RawEndName(Raw),
    /// Script data after `<!`.
    EscapeStart,
    /// Script data after `<!-`.
    EscapeStartDash,
    EscapedDash(Raw),
    EscapedDashDash(Raw),
    /// Escaped script data after `<` and letters (in `temp`).
    DoubleEscapeStart,
    /// Double-escaped script data after `</` and letters (in `temp`).
    DoubleEscapeEnd,
    TagOpen,
    /// After `<!` and the bytes in `temp`, which do not yet decide what it opens.
    MarkupDeclarationOpen,
    EndTagOpen,
    TagName,
    BeforeAttrName,
    AttrName,
    AfterAttrName,
    BeforeAttrValue,
    /// In an attribute value quoted with this byte, or unquoted (0).
    AttrValue(u8),
    AfterAttrValueQuoted,
    SelfClosing,
    BogusComment,
    Doctype,
    CommentStart,
    CommentStartDash,
    Comment,
    CommentLt,
    CommentLtBang,
    CommentLtBangDash,
    CommentLtBangDashDash,
    CommentEndDash,
    CommentEnd,
    CommentEndBang,
    Cdata,
    CdataBracket,
    CdataEnd,
}

/// What a piece left unfinished, as [`Tokenizer::cut`] finds it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Cut {
    /// Nothing, or a comment, CDATA section or text-only content (whose inner states it leaves).
    Nothing,
    /// A tag (as far as it was read: [`Tokenizer::tag`]).
    Tag,
    /// The end tag of text-only content.
    TextEnd,
    /// `<`, `</` or `<!` that is not yet a tag or a comment, a doctype, a bogus comment.
    Declaration,
}

#[derive(Default)]
pub(crate) struct Tokenizer {
    st: St,
    tag: TagToken,
    /// Where the construct being read began (its `<`), and the raw text state it began in.
    construct: usize,
    construct_raw: Option<Raw>,
    /// The name an end tag must have to end the raw text (`textarea`, `script`…).
    raw_name: Vec<u8>,
    /// How much of `raw_name` the end tag being read matches so far (`None`: it cannot match).
    end_match: Option<usize>,
    /// The letters after `<` or `</` in escaped script data, compared with `script`; the bytes
    /// after `<!` while they do not decide what it opens.
    temp: Vec<u8>,
}

impl Tokenizer {
    /// Whether the tokenizer is in the data state (what comes next is read as markup).
    pub fn in_data(&self) -> bool {
        self.st == St::Data
    }

    /// The tag being read, or the last one read.
    pub fn tag(&self) -> &TagToken {
        &self.tag
    }

    /// Where the construct being read began, in the last piece (0 if it began before it).
    pub fn construct(&self) -> usize {
        self.construct
    }

    /// Reads one piece of raw HTML, giving `sink` its tokens.
    pub fn run(&mut self, bytes: &[u8], sink: &mut impl Sink) {
        self.construct = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = match bytes[i] {
                b'\r' => b'\n',
                b => b,
            };
            // By default a byte is consumed; `next = i` reconsumes it in the new state.
            let mut next = i + 1;
            match self.st {
                St::Data => {
                    let text_end = memchr::memchr(b'<', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                    if text_end > i {
                        sink.text(&bytes[i..text_end]);
                    }
                    if text_end < bytes.len() {
                        if sink.less_than(bytes, text_end, false) {
                            self.construct = text_end;
                            self.construct_raw = None;
                            self.st = St::TagOpen;
                        } else {
                            sink.text(b"<");
                        }
                    }
                    next = text_end + 1;
                }
                St::Plaintext => next = bytes.len(),
                St::Raw(kind) => {
                    let found = match kind {
                        Raw::Escaped | Raw::DoubleEscaped => memchr::memchr2(b'<', b'-', &bytes[i..]),
                        _ => memchr::memchr(b'<', &bytes[i..]),
                    };
                    match found {
                        None => next = bytes.len(),
                        Some(offset) => {
                            let at = i + offset;
                            next = at + 1;
                            if bytes[at] == b'-' {
                                self.st = St::EscapedDash(kind);
                            } else {
                                self.raw_lt(bytes, at, kind, sink);
                            }
                        }
                    }
                }
                St::RawLt(kind) => match (b, kind) {
                    (b'/', Raw::DoubleEscaped) => {
                        self.temp.clear();
                        self.st = St::DoubleEscapeEnd;
                    }
                    (_, Raw::DoubleEscaped) => {
                        self.st = St::Raw(kind);
                        next = i;
                    }
                    (b'/', _) => self.st = St::RawEndOpen(kind),
                    (b'!', Raw::Script) => self.st = St::EscapeStart,
                    (c, Raw::Escaped) if c.is_ascii_alphabetic() => {
                        self.temp.clear();
                        self.temp.push(c.to_ascii_lowercase());
                        self.st = St::DoubleEscapeStart;
                    }
                    _ => {
                        self.st = St::Raw(kind);
                        next = i;
                    }
                },
                St::RawEndOpen(kind) => {
                    if b.is_ascii_alphabetic() {
                        self.end_match = Some(0);
                        self.st = St::RawEndName(kind);
                    } else {
                        self.st = St::Raw(kind);
                    }
                    next = i;
                }
                St::RawEndName(kind) => {
                    let appropriate = self.end_match == Some(self.raw_name.len());
                    match b {
                        b'\t' | b'\n' | b'\x0C' | b' ' | b'/' | b'>' if appropriate => {
                            self.tag.begin(true);
                            self.tag.name.clone_from(&self.raw_name);
                            match b {
                                b'/' => self.st = St::SelfClosing,
                                b'>' => self.emit(bytes, i + 1, sink),
                                _ => self.st = St::BeforeAttrName,
                            }
                        }
                        c if c.is_ascii_alphabetic() => {
                            let c = c.to_ascii_lowercase();
                            self.end_match = self
                                .end_match
                                .filter(|&m| self.raw_name.get(m) == Some(&c))
                                .map(|m| m + 1);
                        }
                        _ => {
                            self.st = St::Raw(kind);
                            next = i;
                        }
                    }
                }
                St::EscapeStart => {
                    if b == b'-' {
                        self.st = St::EscapeStartDash;
                    } else {
                        self.st = St::Raw(Raw::Script);
                        next = i;
                    }
                }
                St::EscapeStartDash => {
                    if b == b'-' {
                        self.st = St::EscapedDashDash(Raw::Escaped);
                    } else {
                        self.st = St::Raw(Raw::Script);
                        next = i;
                    }
                }
                St::EscapedDash(kind) => match b {
                    b'-' => self.st = St::EscapedDashDash(kind),
                    b'<' => self.raw_lt(bytes, i, kind, sink),
                    _ => self.st = St::Raw(kind),
                },
                St::EscapedDashDash(kind) => match b {
                    b'-' => {}
                    b'<' => self.raw_lt(bytes, i, kind, sink),
                    b'>' => self.st = St::Raw(Raw::Script),
                    _ => self.st = St::Raw(kind),
                },
                St::DoubleEscapeStart | St::DoubleEscapeEnd => {
                    let starting = self.st == St::DoubleEscapeStart;
                    match b {
                        b'\t' | b'\n' | b'\x0C' | b' ' | b'/' | b'>' => {
                            let script = self.temp == b"script";
                            self.st = St::Raw(if script == starting {
                                Raw::DoubleEscaped
                            } else {
                                Raw::Escaped
                            });
                        }
                        c if c.is_ascii_alphabetic() => self.temp.push(c.to_ascii_lowercase()),
                        _ => {
                            self.st = St::Raw(if starting { Raw::Escaped } else { Raw::DoubleEscaped });
                            next = i;
                        }
                    }
                }
                St::TagOpen => match b {
                    b'!' => {
                        self.temp.clear();
                        self.st = St::MarkupDeclarationOpen;
                    }
                    b'/' => self.st = St::EndTagOpen,
                    c if c.is_ascii_alphabetic() => {
                        self.tag.begin(false);
                        self.tag.name.push(c.to_ascii_lowercase());
                        self.st = St::TagName;
                    }
                    b'?' => {
                        self.st = St::BogusComment;
                        next = i;
                    }
                    _ => {
                        sink.text(b"<");
                        self.st = St::Data;
                        next = i;
                    }
                },
                St::MarkupDeclarationOpen => {
                    self.temp.push(bytes[i]);
                    match declaration(&self.temp, sink.cdata()) {
                        Some(St::BogusComment) => {
                            // What came before this byte cannot be a `>`: only this one is read again.
                            self.st = St::BogusComment;
                            next = i;
                        }
                        Some(state) => self.st = state,
                        None => {}
                    }
                }
                St::EndTagOpen => match b {
                    c if c.is_ascii_alphabetic() => {
                        self.tag.begin(true);
                        self.tag.name.push(c.to_ascii_lowercase());
                        self.st = St::TagName;
                    }
                    b'>' => self.st = St::Data,
                    _ => {
                        self.st = St::BogusComment;
                        next = i;
                    }
                },
                St::TagName => match b {
                    b'\t' | b'\n' | b'\x0C' | b' ' => self.st = St::BeforeAttrName,
                    b'/' => self.st = St::SelfClosing,
                    b'>' => self.emit(bytes, i + 1, sink),
                    _ => {
                        let length = bytes[i..]
                            .iter()
                            .position(|&c| matches!(c, b'\t' | b'\n' | b'\r' | b'\x0C' | b' ' | b'/' | b'>'))
                            .unwrap_or(bytes.len() - i);
                        self.tag
                            .name
                            .extend(bytes[i..i + length].iter().map(u8::to_ascii_lowercase));
                        next = i + length;
                    }
                },
                St::BeforeAttrName => match b {
                    b'\t' | b'\n' | b'\x0C' | b' ' => {}
                    b'/' => self.st = St::SelfClosing,
                    b'>' => self.emit(bytes, i + 1, sink),
                    c => self.new_attribute(bytes, i, c, sink),
                },
                St::AttrName => match b {
                    b'\t' | b'\n' | b'\x0C' | b' ' => self.st = St::AfterAttrName,
                    b'/' => self.st = St::SelfClosing,
                    b'>' => self.emit(bytes, i + 1, sink),
                    b'=' => {
                        self.tag.start_value();
                        self.st = St::BeforeAttrValue;
                    }
                    _ => {
                        let length = bytes[i..]
                            .iter()
                            .position(|&c| matches!(c, b'\t' | b'\n' | b'\r' | b'\x0C' | b' ' | b'/' | b'>' | b'='))
                            .unwrap_or(bytes.len() - i);
                        self.tag
                            .bytes
                            .extend(bytes[i..i + length].iter().map(u8::to_ascii_lowercase));
                        next = i + length;
                    }
                },
                St::AfterAttrName => match b {
                    b'\t' | b'\n' | b'\x0C' | b' ' => {}
                    b'/' => self.st = St::SelfClosing,
                    b'=' => {
                        self.tag.start_value();
                        self.st = St::BeforeAttrValue;
                    }
                    b'>' => self.emit(bytes, i + 1, sink),
                    c => self.new_attribute(bytes, i, c, sink),
                },
                St::BeforeAttrValue => match b {
                    b'\t' | b'\n' | b'\x0C' | b' ' => {}
                    b'"' | b'\'' => self.st = St::AttrValue(b),
                    b'>' => self.emit(bytes, i + 1, sink),
                    _ => {
                        self.st = St::AttrValue(0);
                        next = i;
                    }
                },
                St::AttrValue(0) => match b {
                    b'\t' | b'\n' | b'\x0C' | b' ' => {
                        self.tag.end_attribute();
                        self.st = St::BeforeAttrName;
                    }
                    b'>' => self.emit(bytes, i + 1, sink),
                    _ => {
                        let length = bytes[i..]
                            .iter()
                            .position(|&c| matches!(c, b'\t' | b'\n' | b'\r' | b'\x0C' | b' ' | b'>'))
                            .unwrap_or(bytes.len() - i);
                        self.tag.bytes.extend_from_slice(&bytes[i..i + length]);
                        next = i + length;
                    }
                },
                St::AttrValue(quote) => match memchr::memchr(quote, &bytes[i..]) {
                    Some(offset) => {
                        self.tag.bytes.extend_from_slice(&bytes[i..i + offset]);
                        self.tag.end_attribute();
                        self.st = St::AfterAttrValueQuoted;
                        next = i + offset + 1;
                    }
                    None => {
                        self.tag.bytes.extend_from_slice(&bytes[i..]);
                        next = bytes.len();
                    }
                },
                St::AfterAttrValueQuoted => match b {
                    b'\t' | b'\n' | b'\x0C' | b' ' => self.st = St::BeforeAttrName,
                    b'/' => self.st = St::SelfClosing,
                    b'>' => self.emit(bytes, i + 1, sink),
                    _ => {
                        self.st = St::BeforeAttrName;
                        next = i;
                    }
                },
                St::SelfClosing => match b {
                    b'>' => {
                        self.tag.self_closing = true;
                        self.emit(bytes, i + 1, sink);
                    }
                    _ => {
                        self.st = St::BeforeAttrName;
                        next = i;
                    }
                },
                St::BogusComment | St::Doctype => match memchr::memchr(b'>', &bytes[i..]) {
                    Some(offset) => {
                        self.st = St::Data;
                        next = i + offset + 1;
                    }
                    None => next = bytes.len(),
                },
                St::CommentStart => match b {
                    b'-' => self.st = St::CommentStartDash,
                    b'>' => self.st = St::Data,
                    _ => self.st = St::Comment,
                },
                St::CommentStartDash => match b {
                    b'-' => self.st = St::CommentEnd,
                    b'>' => self.st = St::Data,
                    _ => self.st = St::Comment,
                },
                St::Comment => match memchr::memchr2(b'<', b'-', &bytes[i..]) {
                    Some(offset) => {
                        next = i + offset + 1;
                        self.st = if bytes[i + offset] == b'<' {
                            St::CommentLt
                        } else {
                            St::CommentEndDash
                        };
                    }
                    None => next = bytes.len(),
                },
                St::CommentLt => match b {
                    b'!' => self.st = St::CommentLtBang,
                    b'<' => {}
                    _ => {
                        self.st = St::Comment;
                        next = i;
                    }
                },
                St::CommentLtBang => {
                    if b == b'-' {
                        self.st = St::CommentLtBangDash;
                    } else {
                        self.st = St::Comment;
                        next = i;
                    }
                }
                St::CommentLtBangDash => {
                    if b == b'-' {
                        self.st = St::CommentLtBangDashDash;
                    } else {
                        self.st = St::CommentEndDash;
                        next = i;
                    }
                }
                St::CommentLtBangDashDash => {
                    self.st = St::CommentEnd;
                    next = i;
                }
                St::CommentEndDash => match b {
                    b'-' => self.st = St::CommentEnd,
                    _ => self.st = St::Comment,
                },
                St::CommentEnd => match b {
                    b'>' => self.st = St::Data,
                    b'!' => self.st = St::CommentEndBang,
                    b'-' => {}
                    _ => {
                        self.st = St::Comment;
                        next = i;
                    }
                },
                St::CommentEndBang => match b {
                    b'-' => self.st = St::CommentEndDash,
                    b'>' => self.st = St::Data,
                    _ => self.st = St::Comment,
                },
                St::Cdata => match memchr::memchr(b']', &bytes[i..]) {
                    Some(offset) => {
                        self.st = St::CdataBracket;
                        next = i + offset + 1;
                    }
                    None => next = bytes.len(),
                },
                St::CdataBracket => {
                    if b == b']' {
                        self.st = St::CdataEnd;
                    } else {
                        self.st = St::Cdata;
                        next = i;
                    }
                }
                St::CdataEnd => match b {
                    b']' => {}
                    b'>' => self.st = St::Data,
                    _ => {
                        self.st = St::Cdata;
                        next = i;
                    }
                },
            }
            i = next;
        }
    }

    /// A `<` at `at` in raw text: the start of an end tag (or of a script escape) if the sink
    /// reads it as markup, else text.
    fn raw_lt(&mut self, bytes: &[u8], at: usize, kind: Raw, sink: &mut impl Sink) {
        if sink.less_than(bytes, at, true) {
            self.construct = at;
            self.construct_raw = Some(kind);
            self.st = St::RawLt(kind);
        } else {
            self.st = St::Raw(kind);
        }
    }

    fn new_attribute(&mut self, bytes: &[u8], at: usize, first: u8, sink: &mut impl Sink) {
        self.tag.end_attribute();
        self.tag.new_attribute(first.to_ascii_lowercase());
        sink.attribute(bytes, at);
        self.st = St::AttrName;
    }

    /// A tag ended at `end` (one past its `>`).
    fn emit(&mut self, bytes: &[u8], end: usize, sink: &mut impl Sink) {
        self.tag.end_attribute();
        self.st = St::Data;
        let Some(text_only) = sink.tag(&self.tag, bytes, self.construct..end) else {
            return;
        };
        self.raw_name.clone_from(&self.tag.name);
        self.st = match text_only {
            TextOnly::Rcdata => St::Raw(Raw::Rcdata),
            TextOnly::Rawtext => St::Raw(Raw::Rawtext),
            TextOnly::ScriptData => St::Raw(Raw::Script),
            TextOnly::Plaintext => St::Plaintext,
        };
    }

    /// Says what the last piece left unfinished, for a caller whose own markup comes next, and
    /// leaves the inner states that markup cannot continue (it starts with a newline or a tag):
    /// to data after a tag or declaration, to the comment, CDATA section or text-only content
    /// otherwise.
    pub fn cut(&mut self) -> Cut {
        let (cut, st) = match self.st {
            St::Data | St::Plaintext | St::Raw(_) | St::Cdata | St::Comment => return Cut::Nothing,
            St::TagName
            | St::BeforeAttrName
            | St::AttrName
            | St::AfterAttrName
            | St::BeforeAttrValue
            | St::AttrValue(_)
            | St::AfterAttrValueQuoted
            | St::SelfClosing => match self.construct_raw {
                Some(kind) => (Cut::TextEnd, St::Raw(kind)),
                None => (Cut::Tag, St::Data),
            },
            St::TagOpen | St::MarkupDeclarationOpen | St::EndTagOpen | St::BogusComment | St::Doctype => {
                (Cut::Declaration, St::Data)
            }
            St::RawEndOpen(kind) | St::RawEndName(kind) => (Cut::TextEnd, St::Raw(kind)),
            St::RawLt(kind) | St::EscapedDash(kind) | St::EscapedDashDash(kind) => (Cut::Nothing, St::Raw(kind)),
            St::EscapeStart | St::EscapeStartDash => (Cut::Nothing, St::Raw(Raw::Script)),
            St::DoubleEscapeStart => (Cut::Nothing, St::Raw(Raw::Escaped)),
            St::DoubleEscapeEnd => (Cut::Nothing, St::Raw(Raw::DoubleEscaped)),
            St::CommentStart
            | St::CommentStartDash
            | St::CommentLt
            | St::CommentLtBang
            | St::CommentLtBangDash
            | St::CommentLtBangDashDash
            | St::CommentEndDash
            | St::CommentEnd
            | St::CommentEndBang => (Cut::Nothing, St::Comment),
            St::CdataBracket | St::CdataEnd => (Cut::Nothing, St::Cdata),
        };
        self.st = st;
        cut
    }
}

/// After `<!` and `read`: the state a markup declaration opens, [`St::BogusComment`] when `read`
/// can start none, `None` while undecided.
fn declaration(read: &[u8], cdata: bool) -> Option<St> {
    let candidates: [(&[u8], bool, St, bool); 3] = [
        (b"--", true, St::CommentStart, true),
        (b"doctype", false, St::Doctype, true),
        (b"[CDATA[", true, St::Cdata, cdata),
    ];
    let mut undecided = false;
    for (pattern, exact, state, _) in candidates.into_iter().filter(|candidate| candidate.3) {
        let n = read.len().min(pattern.len());
        let same = if exact {
            read[..n] == pattern[..n]
        } else {
            read[..n].eq_ignore_ascii_case(&pattern[..n])
        };
        if same && n == pattern.len() {
            return Some(state);
        }
        undecided |= same;
    }
    (!undecided).then_some(St::BogusComment)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::tags;
    use crate::test_random::Xorshift;

    /// What a tokenizer gave: text (merged) and tags, start tags with their attributes (the first
    /// of a repeated name) and self-closing flag.
    #[derive(Debug, PartialEq)]
    enum Token {
        Text(String),
        Start(String, Vec<(String, String)>, bool),
        End(String),
    }

    fn push_text(tokens: &mut Vec<Token>, text: &str) {
        match tokens.last_mut() {
            Some(Token::Text(last)) => last.push_str(text),
            _ => tokens.push(Token::Text(text.to_owned())),
        }
    }

    /// Records the tokens; text-only content follows from the tag's name, as the reference does.
    #[derive(Default)]
    struct Record(Vec<Token>);

    impl Sink for Record {
        fn text(&mut self, text: &[u8]) {
            push_text(&mut self.0, &String::from_utf8_lossy(text));
        }

        fn tag(&mut self, tag: &TagToken, _: &[u8], _: Range<usize>) -> Option<TextOnly> {
            let name = String::from_utf8_lossy(&tag.name).into_owned();
            if tag.end {
                self.0.push(Token::End(name));
                return None;
            }
            let mut attributes: Vec<(String, String)> = Vec::new();
            for (name, value) in tag.attributes() {
                let name = String::from_utf8_lossy(name).into_owned();
                if !attributes.iter().any(|(seen, _)| *seen == name) {
                    attributes.push((name, String::from_utf8_lossy(value).into_owned()));
                }
            }
            self.0.push(Token::Start(name, attributes, tag.self_closing));
            tags::text_only(&tag.name)
        }
    }

    /// Ours, fed in pieces.
    fn tokenize(pieces: &[&str]) -> Vec<Token> {
        let (mut tokenizer, mut record) = (Tokenizer::default(), Record::default());
        for piece in pieces {
            tokenizer.run(piece.as_bytes(), &mut record);
        }
        record.0
    }

    mod reference {
        //! html5ever's tokenizer, told about text-only content as its tree builder tells it.
        use std::cell::RefCell;

        use html5ever::tendril::StrTendril;
        use html5ever::tokenizer::states::RawKind;
        use html5ever::tokenizer::{BufferQueue, TagKind, Token as Html5everToken, TokenSink, TokenSinkResult};

        use super::{push_text, Token};

        #[derive(Default)]
        struct Sink {
            tokens: RefCell<Vec<Token>>,
            /// In text-only content: its characters are not the data state's.
            text_only: RefCell<bool>,
        }

        impl TokenSink for Sink {
            type Handle = ();
            fn process_token(&self, token: Html5everToken, _: u64) -> TokenSinkResult<()> {
                let mut tokens = self.tokens.borrow_mut();
                match token {
                    Html5everToken::CharacterTokens(text) if !*self.text_only.borrow() => push_text(&mut tokens, &text),
                    Html5everToken::TagToken(tag) if tag.kind == TagKind::EndTag => {
                        *self.text_only.borrow_mut() = false;
                        tokens.push(Token::End(tag.name.to_string()));
                    }
                    Html5everToken::TagToken(tag) => {
                        let attributes = tag
                            .attrs
                            .iter()
                            .map(|a| (a.name.local.to_string(), a.value.to_string()))
                            .collect();
                        tokens.push(Token::Start(tag.name.to_string(), attributes, tag.self_closing));
                        let result = match &*tag.name {
                            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                                TokenSinkResult::RawData(RawKind::Rawtext)
                            }
                            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                            "plaintext" => TokenSinkResult::Plaintext,
                            _ => TokenSinkResult::Continue,
                        };
                        *self.text_only.borrow_mut() = result != TokenSinkResult::Continue;
                        return result;
                    }
                    _ => {}
                }
                TokenSinkResult::Continue
            }
        }

        pub fn tokenize(html: &str) -> Vec<Token> {
            let tokenizer = html5ever::tokenizer::Tokenizer::new(Sink::default(), Default::default());
            let queue = BufferQueue::default();
            queue.push_back(StrTendril::from_slice(html));
            let _ = tokenizer.feed(&queue);
            tokenizer.end();
            tokenizer.sink.tokens.take()
        }
    }

    /// Both, but for the text after the last tag: at the end of the input html5ever gives back as
    /// text what an unfinished construct had read (`<`, `</`), where ours waits for more.
    fn compare(pieces: &[&str]) {
        let html: String = pieces.concat();
        let (mut ours, mut theirs) = (tokenize(pieces), reference::tokenize(&html));
        for tokens in [&mut ours, &mut theirs] {
            if matches!(tokens.last(), Some(Token::Text(_))) {
                tokens.pop();
            }
        }
        assert_eq!(ours, theirs, "{html:?} in {pieces:?}");
    }

    #[test]
    fn reads_tags_and_text_as_html5ever_does() {
        for html in [
            "<p class=a id='b' title=\"c d\" hidden>x</p>",
            "<A HREF=x OnClick=y>a</A >",
            "<img/src=x/onerror=y><br/><p =x a=\"1\"b='2'c>",
            "a < b <> c <3 </> d </ x> e <? f ?> g <!x> h <!doctype html> i",
            "<!--> a <!---> b <!-- c -- d --!> e <!-- <!-- f --> g <!--<!---->h",
            "<![CDATA[<p>]]> x",
            "<script>if (a<b) x('</p>')</script>y<style>p{}</style >z",
            "<script><!--<script></script><p a=1></script>x<i>",
            "<script><!-- </script>x<SCRIPT><!--<Script\t>--></sCrIpT>y</script>z",
            "<script><!--<script></scrip><p></script x><q></script>w",
            "<textarea><b></textarea x=1><title><i></TITLE>t",
            "<xmp><a></xmp><plaintext><p a=1></plaintext>",
        ] {
            compare(&[html]);
        }
    }

    #[test]
    fn random_markup_in_random_pieces_reads_as_html5ever_reads_it() {
        // No `&` (html5ever decodes references, we do not), CR (it normalizes line ends) or NUL.
        const BITS: [&str; 44] = [
            "<",
            ">",
            "/",
            "=",
            "\"",
            "'",
            " ",
            "\n",
            "!",
            "-",
            "--",
            "?",
            "[",
            "]",
            "x",
            "a",
            "p",
            "<a",
            "<p ",
            "</",
            "</p>",
            "<!--",
            "-->",
            "--!>",
            "<!",
            "<![CDATA[",
            "]]>",
            "<!DOCTYPE",
            "<?",
            "href",
            "src=",
            "<script>",
            "</script>",
            "<script",
            "<!--<script>",
            "</script ",
            "<style>",
            "</style",
            "<textarea>",
            "</textarea>",
            "<title>",
            "é",
            "<xmp>",
            "</xmp>",
        ];
        let mut random = Xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..20_000 {
            let len = 1 + random.below(24);
            let html: String = (0..len).map(|_| BITS[random.below(BITS.len())]).collect();
            let pieces = random.pieces(&html, 8);
            compare(&pieces);
        }
    }
}
