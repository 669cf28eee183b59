//! YAML front matter written the common way, read without a YAML parser: `key: value` lines with
//! plain or quoted scalars, `[a, b]` lists and `- item` lists. This is what the web package's core
//! module reads (saphyr-parser would add 59 KB brotli to every page); anything else (nested maps,
//! block scalars, anchors, escapes, comments after a value, floats, ...) is `None`, and the document goes
//! to the full module. Builds with the parsers always use them; a differential test holds the two
//! readers equal on every block this one accepts.

use super::values::{is_float, resolve_plain, Entry, Kind, Node, Scalar};
use crate::limits::LIMITS;

/// The root map of `raw` (a block's text, which starts on the document's line 2), if it is
/// written in the common subset.
pub(super) fn read(raw: &str) -> Option<Vec<Entry>> {
    if raw.chars().any(|c| {
        (c.is_control() && !matches!(c, '\n' | '\r'))
            || matches!(c, '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}' | '\u{2028}' | '\u{2029}')
    }) {
        return None;
    }
    let mut lines = Vec::new();
    for line in raw.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.contains('\r') {
            return None;
        }
        lines.push(line);
    }
    let mut entries: Vec<Entry> = Vec::new();
    let mut values = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let document_line = i + 2;
        i += 1;
        if is_blank_or_comment(line) {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        let key_ok = key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            && key.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
        if !key_ok || !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        let rest = rest.trim_matches(' ');
        let value = if rest.is_empty() {
            // A list of `- item` lines may follow, at one indentation; else the value is null.
            let mut items = Vec::new();
            let mut indent = None;
            while i < lines.len() && !lines[i].trim_matches(' ').is_empty() {
                let line = lines[i];
                let item_indent = line.len() - line.trim_start_matches(' ').len();
                let item = match line[item_indent..].strip_prefix("- ") {
                    Some(item) => item,
                    None if item_indent == 0 => break, // the next key
                    None => return None,
                };
                if *indent.get_or_insert(item_indent) != item_indent {
                    return None;
                }
                items.push(scalar(item.trim_matches(' '), false)?);
                i += 1;
            }
            values += items.len();
            if items.is_empty() {
                Node::Scalar(Scalar {
                    kind: Kind::Null,
                    text: String::new(),
                })
            } else {
                Node::List(items)
            }
        } else if let Some(inner) = rest.strip_prefix('[') {
            let items = flow_list(inner.strip_suffix(']')?)?;
            values += items.len();
            Node::List(items)
        } else {
            scalar(rest, false)?
        };
        // A value that goes on over indented lines is more than this reader reads.
        if lines
            .get(i)
            .is_some_and(|next| next.starts_with(' ') && !is_blank_or_comment(next))
        {
            return None;
        }
        values += 1;
        if values > LIMITS.simple_yaml_values {
            return None;
        }
        entries.push(Entry {
            key: key.to_owned(),
            value,
            line: document_line,
        });
    }
    Some(entries)
}

fn is_blank_or_comment(line: &str) -> bool {
    let line = line.trim_start_matches(' ');
    line.is_empty() || line.starts_with('#')
}

/// `a, b, 'c'` (the inside of `[...]`): plain items without flow indicators, or quoted ones
/// without commas.
fn flow_list(inner: &str) -> Option<Vec<Node>> {
    if inner.trim_matches(' ').is_empty() {
        return Some(Vec::new());
    }
    inner
        .split(',')
        .map(|item| scalar(item.trim_matches(' '), true))
        .collect()
}

/// One scalar, trimmed: `'single'` (with `''`), `"double"` (without escapes) or plain.
fn scalar(text: &str, in_flow: bool) -> Option<Node> {
    if let Some(inner) = text.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        // Every `'` inside comes doubled.
        if inner.replace("''", "").contains('\'') {
            return None;
        }
        return Some(Node::text(inner.replace("''", "'")));
    }
    if let Some(inner) = text.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        if inner.contains(['"', '\\']) {
            return None;
        }
        return Some(Node::text(inner.to_owned()));
    }
    let starts_as_indicator = text.starts_with([
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
    ]);
    let flow_safe = !in_flow || !text.contains([',', '[', ']', '{', '}', ':', '#', '\'', '"']);
    let plain = !text.is_empty()
        && !starts_as_indicator
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !is_float(text)
        && flow_safe;
    plain.then(|| {
        Node::Scalar(Scalar {
            kind: resolve_plain(text),
            text: text.to_owned(),
        })
    })
}

/// Every block this reader accepts reads as saphyr-parser reads it: the same metadata, the same
/// `extra` values and the same warnings, on the repository's front matter and on generated blocks.
#[cfg(all(test, feature = "front-matter"))]
mod tests {
    use super::super::{parse, split, values, FrontMatter};
    use crate::test_random::Xorshift;
    use crate::Warning;

    /// `None` when this reader declines the block; else both readers' results, equal.
    fn both(raw: &str) -> Option<(FrontMatter, Vec<Warning>)> {
        let doc = format!("---\n{raw}---\nBody\n");
        let block = split(&doc).expect("a block");
        let entries = super::read(block.raw)?;
        let (mut front_matter, mut warnings) = (FrontMatter::default(), Vec::new());
        values::apply(entries, &mut front_matter, &mut warnings);
        assert_eq!(
            (&front_matter, &warnings),
            (&parse::parse(&block).0, &parse::parse(&block).1),
            "{raw}"
        );
        Some((front_matter, warnings))
    }

    #[test]
    fn the_repositorys_front_matter() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut accepted = Vec::new();
        for dir in ["tests/corpus", "tests/fixtures", "bench/corpus", "tests/pasted"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let Some(block) = split(text.trim_start_matches('\u{FEFF}')) else {
                    continue;
                };
                if block.format == super::super::Format::Yaml && both(block.raw).is_some() {
                    accepted.push(format!("{dir}/{}", path.file_name().unwrap().to_string_lossy()));
                }
            }
        }
        // The benchmark's article with front matter renders in the core module.
        assert!(
            accepted.iter().any(|name| name == "bench/corpus/front-matter.md"),
            "{accepted:?}"
        );
        // The CommonMark spec's own front matter, as the benchmark reads it.
        let spec = "title: CommonMark Spec\nauthor: John MacFarlane\nversion: '0.31.2'\ndate: '2024-01-28'\n\
                    license: '[CC-BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/)'\n";
        let (front_matter, warnings) = both(spec).expect("the spec's block is in the subset");
        assert_eq!(front_matter.title.as_deref(), Some("CommonMark Spec"));
        assert!(warnings.is_empty());
    }

    /// Keys besides the known ones (`values::KNOWN_KEYS`), some of which YAML reads as other than text.
    const OTHER_KEYS: &[&str] = &[
        "draft", "weight", "og-image", "x_y", "Title", "1key", "null", "true", "-k", "a b",
    ];

    const SCALARS: &[&str] = &[
        "Hello world",
        "C# and F#",
        "Hello, world",
        "a:b",
        "http://example.com/a?b=c#d",
        "2024-05-01",
        "2024-05-01T10:00:00Z",
        "May 2024",
        "12",
        "-3",
        "+4",
        "0x1F",
        "0o17",
        "0b1",
        "1e3",
        "1.5",
        ".5",
        "1.",
        "inf",
        ".inf",
        "-.inf",
        ".NaN",
        "NaN",
        "true",
        "False",
        "TRUE",
        "yes",
        "on",
        "null",
        "~",
        "Null",
        "NULL",
        "ünïcödé",
        "emoji 🙂",
        "a 'quoted' word",
        "say \"hi\"",
        "x #not",
        "x#y",
        "ends:",
        "a: b",
        "-dash",
        "- item",
        "[x]",
        "{a: 1}",
        "&anchor x",
        "*alias",
        "!tag x",
        "!!str 5",
        "|",
        ">",
        "'single'",
        "'it''s'",
        "'unterminated",
        "'a' b",
        "''",
        "\"\"",
        "\"double\"",
        "\"with \\n escape\"",
        "\"a\"b\"",
        "\"tab\\t\"",
        "ltr",
        "RTL",
        "sideways",
        "%pct",
        "@at",
        "`tick",
        "a ~ b",
        "99999999999999999999",
        "-0",
        "0.0e+1",
        "a, b, c",
        "one,two",
        "?q",
        ":colon",
        ",comma",
        "#hash",
        "a]b",
        "x}",
        "\u{a0}nbsp",
        "a\u{a0}b",
    ];

    const FLOW: &[&str] = &[
        "[]",
        "[ ]",
        "[a, b]",
        "[a,b]",
        "[ a , b ]",
        "['x', \"y\"]",
        "[a, [b]]",
        "[a, ]",
        "[, a]",
        "[1, 2.5, true, null, ~]",
        "[a: b]",
        "[x y, z]",
        "[C#]",
        "[a]b",
        "['a, b']",
        "[\"x]\"]",
        "[ünï, 🙂]",
        "[2024-05-01]",
        "[a:b]",
        "[{a}]",
        "[a",
        "[-1]",
    ];

    const OTHER_LINES: &[&str] = &[
        "",
        "# a comment",
        "  # indented comment",
        "  more text",
        "  sub: x",
        "\tx: 1",
        "key:value",
        " key: v",
        "- loose",
        "...",
        "--- x",
        "? complex",
        "k: |",
        "  block text",
        "k: >-",
        "&a k: v",
        "k: &a v",
        "k: *a",
        "<<: *a",
        "k: v # comment",
        "k:  two  spaces  ",
        "k:",
    ];

    #[test]
    fn generated_blocks() {
        let mut rng = Xorshift(0x9E37_79B9_7F4A_7C15);
        let keys: Vec<&str> = values::KNOWN_KEYS.iter().chain(OTHER_KEYS).copied().collect();
        let (mut accepted, mut with_lists, mut with_warnings) = (0, 0, 0);
        const BLOCKS: usize = 20_000;
        for _ in 0..BLOCKS {
            let mut raw = String::new();
            for _ in 0..1 + rng.below(7) {
                let key = rng.pick(&keys);
                match rng.below(10) {
                    0..=4 => raw.push_str(&format!("{key}: {}\n", rng.pick(SCALARS))),
                    5 | 6 => raw.push_str(&format!("{key}: {}\n", rng.pick(FLOW))),
                    7 | 8 => {
                        raw.push_str(&format!("{key}:\n"));
                        let indent = ["", "  ", "    "][rng.below(3)];
                        for _ in 0..rng.below(4) {
                            let indent = if rng.below(12) == 0 { " " } else { indent };
                            raw.push_str(&format!("{indent}- {}\n", rng.pick(SCALARS)));
                        }
                    }
                    _ => raw.push_str(&format!("{}\n", rng.pick(OTHER_LINES))),
                }
            }
            if rng.below(20) == 0 {
                raw = raw.replace('\n', "\r\n");
            }
            if let Some((front_matter, warnings)) = both(&raw) {
                accepted += 1;
                let lists = front_matter.extra.values().any(|value| value.is_array());
                with_lists += usize::from(lists || !front_matter.tags.is_empty() || front_matter.authors.len() > 1);
                with_warnings += usize::from(!warnings.is_empty());
            }
        }
        // The comparison is only as good as what it compares: most blocks, lists and warnings.
        assert!(accepted > BLOCKS / 8, "{accepted} of {BLOCKS} accepted");
        assert!(
            with_lists > 500 && with_warnings > 500,
            "{with_lists} with lists, {with_warnings} with warnings"
        );
    }
}
