//! The values of a front matter block, whichever syntax and reader produced them, and how they are
//! sorted into the known keys and `extra` (with the warnings for wrong types).

use std::borrow::Cow;

use serde_json::{Map, Number, Value};

use super::FrontMatter;
use crate::Warning;

/// A front matter value. Scalars keep the text they were written as, so dates and numbers can be
/// returned exactly as written.
#[derive(Debug, Clone)]
pub(super) enum Node {
    Scalar(Scalar),
    List(Vec<Node>),
    // Only the parsers build nested maps.
    #[cfg_attr(not(feature = "front-matter"), allow(dead_code))]
    Map(Vec<Entry>),
}

#[derive(Debug, Clone)]
pub(super) struct Scalar {
    pub kind: Kind,
    /// The decoded string, or the written text of a number, boolean, date or null.
    pub text: String,
}

#[derive(Debug, Clone)]
pub(super) enum Kind {
    Null,
    Bool(bool),
    Number(Number),
    /// A string, or a date or anything else best kept as text.
    Text,
}

#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub key: String,
    pub value: Node,
    /// 1-based line of the key in the whole document.
    pub line: usize,
}

impl Node {
    pub(super) fn text(text: String) -> Node {
        Node::Scalar(Scalar { kind: Kind::Text, text })
    }

    pub(super) fn kind_name(&self) -> &'static str {
        match self {
            Node::Scalar(Scalar { kind: Kind::Text, .. }) => "text",
            Node::Scalar(Scalar {
                kind: Kind::Number(_), ..
            }) => "a number",
            Node::Scalar(Scalar {
                kind: Kind::Bool(_), ..
            }) => "true or false",
            Node::Scalar(Scalar { kind: Kind::Null, .. }) => "null",
            Node::List(_) => "a list",
            Node::Map(_) => "a map",
        }
    }

    /// Recursion is bounded: nodes are never deeper than `LIMITS.front_matter_depth`.
    pub(super) fn into_json(self) -> Value {
        match self {
            Node::Scalar(Scalar { kind, text }) => match kind {
                Kind::Null => Value::Null,
                Kind::Bool(b) => Value::Bool(b),
                Kind::Number(n) => Value::Number(n),
                Kind::Text => Value::String(text),
            },
            Node::List(items) => Value::Array(items.into_iter().map(Node::into_json).collect()),
            Node::Map(entries) => {
                // Inserting one by one (the last of equal keys wins) needs less wasm than
                // `collect`, which sorts first.
                let mut map = Map::new();
                for entry in entries {
                    map.insert(entry.key, entry.value.into_json());
                }
                Value::Object(map)
            }
        }
    }
}

/// What a plain (unquoted) scalar means under the YAML 1.2 core schema. Dates are not in the
/// core schema: `2024-05-01` stays text, exactly as written.
pub(super) fn resolve_plain(text: &str) -> Kind {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Kind::Null,
        "true" | "True" | "TRUE" => return Kind::Bool(true),
        "false" | "False" | "FALSE" => return Kind::Bool(false),
        _ => {}
    }
    if let Some(kind) = core_int(text) {
        return kind;
    }
    if is_core_float(text) {
        // Infinities and NaN have no JSON number: they stay text.
        if let Some(n) = parse_float(text) {
            return Kind::Number(n);
        }
    }
    Kind::Text
}

/// A plain scalar that reads as a float (`1.5`, `1e3`, `.5`). The core module's reader declines
/// those: parsing floats would add f64's tables (13 KB brotli) to it, so it never asks for one.
#[cfg(any(test, not(feature = "front-matter")))]
pub(super) fn is_float(text: &str) -> bool {
    core_int(text).is_none() && is_core_float(text)
}

fn parse_float(text: &str) -> Option<Number> {
    if cfg!(feature = "front-matter") {
        text.parse::<f64>().ok().and_then(Number::from_f64)
    } else {
        None
    }
}

/// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+` -> a number, or text (as written) when it
/// does not fit in 64 bits; `None` for anything else.
fn core_int(text: &str) -> Option<Kind> {
    let (digits, radix) = if let Some(octal) = text.strip_prefix("0o") {
        (octal, 8)
    } else if let Some(hex) = text.strip_prefix("0x") {
        (hex, 16)
    } else {
        (text.strip_prefix(['-', '+']).unwrap_or(text), 10)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let number = if radix == 10 {
        text.parse::<i64>().map(Number::from).ok().or_else(|| {
            digits
                .parse::<u64>()
                .ok()
                .filter(|_| !text.starts_with('-'))
                .map(Number::from)
        })
    } else {
        u64::from_str_radix(digits, radix).ok().map(Number::from)
    };
    Some(number.map_or(Kind::Text, Kind::Number))
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` (infinities and NaN are left as text).
fn is_core_float(text: &str) -> bool {
    let s = text.strip_prefix(['-', '+']).unwrap_or(text).as_bytes();
    let int_len = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut i = int_len;
    let mut frac_len = 0;
    if s.get(i) == Some(&b'.') {
        i += 1;
        frac_len = s[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        i += frac_len;
    }
    if int_len == 0 && frac_len == 0 {
        return false;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(s.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        let exp_len = s[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if exp_len == 0 {
            return false;
        }
        i += exp_len;
    }
    i == s.len()
}

pub(super) const KNOWN_KEYS: [&str; 11] = [
    "title",
    "author",
    "authors",
    "date",
    "updated",
    "description",
    "tags",
    "image",
    "lang",
    "dir",
    "canonical",
];

pub(super) fn apply(entries: Vec<Entry>, fm: &mut FrontMatter, warnings: &mut Vec<Warning>) {
    let mut seen_known = [false; KNOWN_KEYS.len()];
    let mut author = None;
    let mut authors = Vec::new();
    for Entry { key, value, line } in entries {
        let duplicate = match KNOWN_KEYS.iter().position(|known| *known == key) {
            Some(i) => std::mem::replace(&mut seen_known[i], true),
            None => fm.extra.contains_key(&key),
        };
        if duplicate {
            warnings.push(Warning::new(
                Some(line),
                format!(
                    "front matter key `{}` appears more than once; the last one is used",
                    short(&key)
                ),
            ));
        }
        let mut field = Field {
            key: &key,
            line,
            warnings: &mut *warnings,
        };
        match key.as_str() {
            "title" => fm.title = field.text(value),
            "author" => author = field.text(value),
            "authors" => authors = field.list(value, false).unwrap_or_default(),
            "date" => fm.date = field.date(value),
            "updated" => fm.updated = field.date(value),
            "description" => fm.description = field.text(value),
            "tags" => fm.tags = field.list(value, true).unwrap_or_default(),
            "image" => fm.image = field.text(value),
            "lang" => fm.lang = field.text(value),
            "dir" => fm.dir = field.dir(value),
            "canonical" => fm.canonical = field.text(value),
            _ => {
                fm.extra.insert(key, value.into_json());
            }
        }
    }
    fm.authors = author.into_iter().chain(authors).collect();
}

/// One known key being read, for its warnings.
struct Field<'a> {
    key: &'a str,
    line: usize,
    warnings: &'a mut Vec<Warning>,
}

impl Field<'_> {
    fn warn(&mut self, message: String) {
        self.warnings.push(Warning::new(Some(self.line), message));
    }

    fn wrong_type(&mut self, expected: &str, found: &str) {
        let message = format!(
            "front matter `{}` should be {expected}, not {found}; it is ignored",
            self.key
        );
        self.warn(message);
    }

    /// Any scalar, as written and trimmed; null or empty -> absent.
    fn text(&mut self, value: Node) -> Option<String> {
        match value {
            Node::Scalar(Scalar { kind: Kind::Null, .. }) => None,
            Node::Scalar(scalar) => non_empty(scalar.text.trim()),
            other => {
                self.wrong_type("text", other.kind_name());
                None
            }
        }
    }

    /// A list of scalars, or one scalar (split at commas when `commas`). A list holding a list or
    /// a map is ignored whole.
    fn list(&mut self, value: Node, commas: bool) -> Option<Vec<String>> {
        match value {
            Node::Scalar(Scalar { kind: Kind::Null, .. }) => None,
            Node::Scalar(scalar) if commas => {
                Some(scalar.text.split(',').filter_map(|s| non_empty(s.trim())).collect())
            }
            Node::Scalar(scalar) => Some(non_empty(scalar.text.trim()).into_iter().collect()),
            Node::List(items) => {
                let mut texts = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Node::Scalar(Scalar { kind: Kind::Null, .. }) => {}
                        Node::Scalar(scalar) => texts.extend(non_empty(scalar.text.trim())),
                        other => {
                            let found = format!("a list holding {}", other.kind_name());
                            self.wrong_type("a list of text", &found);
                            return None;
                        }
                    }
                }
                Some(texts)
            }
            other => {
                self.wrong_type("a list of text", other.kind_name());
                None
            }
        }
    }

    /// Text, kept as written; a warning (but the value is kept) when it does not look like ISO 8601.
    fn date(&mut self, value: Node) -> Option<String> {
        let date = self.text(value)?;
        if !looks_like_iso_date(&date) {
            let message = format!(
                "front matter `{}` is \"{}\", not an ISO 8601 date such as 2024-05-01; it is kept as written",
                self.key,
                short(&date)
            );
            self.warn(message);
        }
        Some(date)
    }

    fn dir(&mut self, value: Node) -> Option<String> {
        let dir = self.text(value)?.to_ascii_lowercase();
        if matches!(dir.as_str(), "ltr" | "rtl" | "auto") {
            return Some(dir);
        }
        let message = format!(
            "front matter `dir` must be \"ltr\", \"rtl\" or \"auto\", not \"{}\"; it is ignored",
            short(&dir)
        );
        self.warn(message);
        None
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally followed by `T` or a space and a time.
pub(super) fn looks_like_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| b.get(range).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !digits(0..4) {
        return false;
    }
    match b.len() {
        4 => true,
        7 => b[4] == b'-' && digits(5..7),
        _ => {
            b.len() >= 10
                && b[4] == b'-'
                && digits(5..7)
                && b[7] == b'-'
                && digits(8..10)
                && matches!(b.get(10), None | Some(b'T' | b't' | b' '))
        }
    }
}

/// A user value quoted in a message, cut to a sensible length.
pub(super) fn short(s: &str) -> Cow<'_, str> {
    const MAX: usize = 40;
    match s.char_indices().nth(MAX) {
        Some((end, _)) => Cow::Owned(format!("{}…", &s[..end])),
        None => Cow::Borrowed(s),
    }
}
