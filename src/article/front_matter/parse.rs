//! Reading a front matter block found by [`split`](super::split), with the YAML and TOML parsers
//! (the `front-matter` feature). Never fails: malformed front matter is reported as a [`Warning`]
//! with its line in the whole document, and the render goes on.
//!
//! Limits, so a hostile block cannot exhaust the stack or memory: at most [`LIMITS.front_matter_depth`] nested
//! lists and maps, and at most [`LIMITS.front_matter_values`] values in all, where a YAML alias counts every value
//! it copies (this is what stops "billion laughs" alias bombs). Past a limit the whole block is
//! ignored with a warning.

use crate::limits::LIMITS;
use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use serde_json::Number;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::values::{apply, resolve_plain, Entry, Kind, Node, Scalar};
use super::{Format, FrontMatter, FrontMatterBlock};
use crate::Warning;

/// Reads a block found by [`split`](super::split). Never fails: a syntax error, a value of the wrong type for a
/// known key, or a limit exceeded is reported as a warning (with its line in the whole document)
/// and the affected value, or for a syntax error or a limit the whole block, is ignored.
pub(crate) fn parse(block: &FrontMatterBlock) -> (FrontMatter, Vec<Warning>) {
    let mut warnings = Vec::new();
    let root = match block.format {
        Format::Yaml => yaml::parse(block.raw, &mut warnings),
        Format::Toml => toml_to_node(block.raw),
    };
    let mut front_matter = FrontMatter::default();
    match root {
        Err(fatal) => warnings.push(fatal),
        Ok(None) => {}
        Ok(Some((Node::Map(entries), _))) => apply(entries, &mut front_matter, &mut warnings),
        Ok(Some((Node::Scalar(Scalar { kind: Kind::Null, .. }), _))) => {}
        Ok(Some((node, line))) => warnings.push(Warning::new(
            Some(line),
            format!(
                "front matter must be a map of keys to values, not {}; it is ignored",
                node.kind_name()
            ),
        )),
    }
    (front_matter, warnings)
}

fn too_deep(line: usize) -> Warning {
    Warning::new(
        Some(line),
        format!(
            "front matter is nested more than {} levels deep; it is ignored",
            LIMITS.front_matter_depth
        ),
    )
}

fn too_many(line: usize) -> Warning {
    Warning::new(
        Some(line),
        format!(
            "front matter holds more than {} values (counting each copy a YAML alias makes); it is ignored",
            LIMITS.front_matter_values
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// YAML: saphyr-parser's events, built into nodes here so that depth and alias expansion are
// bounded (the parser itself is not recursive).

mod yaml {
    use super::*;

    /// The YAML 1.2 core schema tag for strings (`!!str`).
    fn is_str_tag(tag: &Tag) -> bool {
        tag.is_yaml_core_schema() && tag.suffix == "str"
    }

    /// Parses `raw` (which starts on the document's line 2) into its first document's root node
    /// and that node's document line; `Ok(None)` for an empty block.
    pub(super) fn parse(raw: &str, warnings: &mut Vec<Warning>) -> Result<Option<(Node, usize)>, Warning> {
        let mut builder = Builder::default();
        let mut documents = 0;
        for item in Parser::new_from_str(raw) {
            let (event, span) = item.map_err(|error| {
                Warning::new(
                    Some(error.marker().line() + 1),
                    format!("front matter is not valid YAML ({}); it is ignored", error.info()),
                )
            })?;
            // Marker lines are 1-based within `raw`, which starts after the opening fence.
            let line = span.start.line() + 1;
            match event {
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        warnings.push(Warning::new(
                            Some(line),
                            "front matter holds more than one YAML document; only the first is used",
                        ));
                        break;
                    }
                }
                Event::Scalar(value, style, anchor, tag) => {
                    let scalar = scalar(value, style, tag.as_deref());
                    builder.count(1, line)?;
                    builder.finish(Node::Scalar(scalar), 0, 1, anchor, line, warnings)?;
                }
                Event::SequenceStart(anchor, _) => builder.open(Frame::list(anchor, line), line)?,
                Event::MappingStart(anchor, _) => builder.open(Frame::map(anchor, line), line)?,
                Event::SequenceEnd | Event::MappingEnd => builder.close(warnings)?,
                Event::Alias(id) => builder.alias(id, line, warnings)?,
                Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
            }
        }
        Ok(builder.root)
    }

    fn scalar(value: Cow<'_, str>, style: ScalarStyle, tag: Option<&Tag>) -> Scalar {
        let text = value.into_owned();
        let kind = if style != ScalarStyle::Plain || tag.is_some_and(is_str_tag) {
            Kind::Text
        } else {
            resolve_plain(&text)
        };
        Scalar { kind, text }
    }

    /// Adds `values` to the running `total`; an error past `LIMITS.front_matter_values`.
    fn count(total: &mut usize, values: usize, line: usize) -> Result<(), Warning> {
        *total = total.saturating_add(values);
        if *total > LIMITS.front_matter_values {
            return Err(too_many(line));
        }
        Ok(())
    }

    /// A list or map being built.
    struct Frame {
        anchor: usize,
        line: usize,
        /// `Builder::values` when the frame opened (the frame itself included).
        values_at_open: usize,
        /// Height of the tallest child so far (a scalar is 0).
        child_height: usize,
        kind: FrameKind,
    }

    enum FrameKind {
        List(Vec<Node>),
        /// Entries so far, and a key waiting for its value (`None` inside: a key that is not
        /// text, whose entry is dropped).
        Map(Vec<Entry>, Option<Option<(String, usize)>>),
    }

    impl Frame {
        fn list(anchor: usize, line: usize) -> Frame {
            Frame::new(anchor, line, FrameKind::List(Vec::new()))
        }
        fn map(anchor: usize, line: usize) -> Frame {
            Frame::new(anchor, line, FrameKind::Map(Vec::new(), None))
        }
        fn new(anchor: usize, line: usize, kind: FrameKind) -> Frame {
            Frame {
                anchor,
                line,
                values_at_open: 0,
                child_height: 0,
                kind,
            }
        }
    }

    /// An anchored node, kept for the aliases that copy it.
    struct Anchored {
        node: Node,
        values: usize,
        height: usize,
    }

    #[derive(Default)]
    struct Builder {
        stack: Vec<Frame>,
        /// By anchor id: the parser numbers anchors 1, 2, 3 ... as they appear.
        anchors: Vec<Option<Anchored>>,
        /// Values built so far, alias copies included.
        values: usize,
        root: Option<(Node, usize)>,
    }

    impl Builder {
        fn count(&mut self, values: usize, line: usize) -> Result<(), Warning> {
            count(&mut self.values, values, line)
        }

        fn open(&mut self, mut frame: Frame, line: usize) -> Result<(), Warning> {
            if self.stack.len() >= LIMITS.front_matter_depth {
                return Err(too_deep(line));
            }
            self.count(1, line)?;
            frame.values_at_open = self.values;
            self.stack.push(frame);
            Ok(())
        }

        fn close(&mut self, warnings: &mut Vec<Warning>) -> Result<(), Warning> {
            let Some(frame) = self.stack.pop() else {
                return Ok(()); // The parser balances starts and ends; nothing to do otherwise.
            };
            let node = match frame.kind {
                FrameKind::List(items) => Node::List(items),
                FrameKind::Map(entries, _) => Node::Map(entries),
            };
            let values = self.values - frame.values_at_open + 1;
            self.finish(node, frame.child_height + 1, values, frame.anchor, frame.line, warnings)
        }

        fn alias(&mut self, id: usize, line: usize, warnings: &mut Vec<Warning>) -> Result<(), Warning> {
            let Some(anchored) = self.anchors.get(id).and_then(Option::as_ref) else {
                // The parser rejects unknown aliases; an alias to a node still open (a cycle) lands here.
                warnings.push(Warning::new(
                    Some(line),
                    "a YAML alias refers to a value that contains it; it is ignored",
                ));
                let null = Node::Scalar(Scalar {
                    kind: Kind::Null,
                    text: String::new(),
                });
                return self.finish(null, 0, 1, 0, line, warnings);
            };
            if self.stack.len() + anchored.height > LIMITS.front_matter_depth {
                return Err(too_deep(line));
            }
            // Count before copying, so a bomb is refused before it is built.
            count(&mut self.values, anchored.values, line)?;
            let (node, values, height) = (anchored.node.clone(), anchored.values, anchored.height);
            self.finish(node, height, values, 0, line, warnings)
        }

        /// A node is complete: remember it if anchored, then put it in its parent. The copy kept
        /// for an anchor counts against the budget too, or nested anchors could multiply memory.
        fn finish(
            &mut self,
            node: Node,
            height: usize,
            values: usize,
            anchor: usize,
            line: usize,
            warnings: &mut Vec<Warning>,
        ) -> Result<(), Warning> {
            if anchor != 0 {
                self.count(values, line)?;
                let anchored = Anchored {
                    node: node.clone(),
                    values,
                    height,
                };
                if self.anchors.len() <= anchor {
                    self.anchors.resize_with(anchor + 1, || None);
                }
                self.anchors[anchor] = Some(anchored);
            }
            let Some(parent) = self.stack.last_mut() else {
                if self.root.is_none() {
                    self.root = Some((node, line));
                }
                return Ok(());
            };
            parent.child_height = parent.child_height.max(height);
            match &mut parent.kind {
                FrameKind::List(items) => items.push(node),
                FrameKind::Map(entries, pending) => match pending.take() {
                    None => {
                        *pending = Some(match node {
                            Node::Scalar(scalar) => Some((scalar.text, line)),
                            _ => {
                                warnings.push(Warning::new(
                                    Some(line),
                                    format!(
                                        "a front matter key is {}, not text; the entry is ignored",
                                        node.kind_name()
                                    ),
                                ));
                                None
                            }
                        })
                    }
                    Some(Some((key, line))) => entries.push(Entry { key, value: node, line }),
                    Some(None) => {}
                },
            }
            Ok(())
        }
    }
}

// ---------------------------------------------------------------------------------------------
// TOML: toml's own parser (its nesting is capped at 80 levels), walked with spans so that dates
// and numbers come back as written.

fn toml_to_node(raw: &str) -> Result<Option<(Node, usize)>, Warning> {
    let lines = Lines::new(raw);
    let table = DeTable::parse(raw).map_err(|error| {
        let line = error.span().map(|span| lines.document_line(span.start));
        Warning::new(
            line,
            format!(
                "front matter is not valid TOML ({}); it is ignored",
                error.message().trim_end()
            ),
        )
    })?;
    let mut walker = TomlWalker { raw, lines, values: 0 };
    let entries = walker.table(table.get_ref(), 1)?;
    Ok(Some((Node::Map(entries), 2)))
}

/// Maps byte offsets of a block's `raw` text (which starts on the document's line 2) to lines.
struct Lines {
    /// Offset of the first byte of each line after the first.
    starts: Vec<usize>,
}

impl Lines {
    fn new(raw: &str) -> Lines {
        let starts = raw
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i + 1)
            .collect();
        Lines { starts }
    }

    fn document_line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) + 2
    }
}

struct TomlWalker<'a> {
    raw: &'a str,
    lines: Lines,
    values: usize,
}

impl TomlWalker<'_> {
    fn table(&mut self, table: &DeTable<'_>, depth: usize) -> Result<Vec<Entry>, Warning> {
        let mut entries = Vec::with_capacity(table.len());
        for (key, value) in table.iter() {
            let line = self.lines.document_line(key.span().start);
            let value = self.value(value, depth, line)?;
            entries.push(Entry {
                key: key.get_ref().to_string(),
                value,
                line,
            });
        }
        // Tables iterate in key order; report in document order.
        crate::sort::sort_by_key(&mut entries, |entry| entry.line);
        Ok(entries)
    }

    /// `value` sits at `depth` (the top-level table is 1); `line` is its key's line.
    fn value(&mut self, value: &Spanned<DeValue<'_>>, depth: usize, line: usize) -> Result<Node, Warning> {
        self.values += 1;
        if self.values > LIMITS.front_matter_values {
            return Err(too_many(line));
        }
        let written = || {
            self.raw
                .get(value.span())
                .map(str::to_owned)
                .unwrap_or_else(|| value.get_ref().type_str().to_owned())
        };
        let node = match value.get_ref() {
            DeValue::String(s) => Node::text(s.to_string()),
            DeValue::Boolean(b) => Node::Scalar(Scalar {
                kind: Kind::Bool(*b),
                text: written(),
            }),
            DeValue::Integer(n) => {
                let number = i64::from_str_radix(n.as_str(), n.radix())
                    .map(Number::from)
                    .ok()
                    .or_else(|| u64::from_str_radix(n.as_str(), n.radix()).ok().map(Number::from));
                Node::Scalar(Scalar {
                    kind: number.map_or(Kind::Text, Kind::Number),
                    text: written(),
                })
            }
            DeValue::Float(f) => {
                // Infinities and NaN have no JSON number: they stay text.
                let number = f.as_str().parse::<f64>().ok().and_then(Number::from_f64);
                Node::Scalar(Scalar {
                    kind: number.map_or(Kind::Text, Kind::Number),
                    text: written(),
                })
            }
            DeValue::Datetime(_) => Node::text(written()),
            DeValue::Array(items) => {
                if depth >= LIMITS.front_matter_depth {
                    return Err(too_deep(self.lines.document_line(value.span().start)));
                }
                let mut nodes = Vec::with_capacity(items.len());
                for item in items.iter() {
                    let line = self.lines.document_line(item.span().start);
                    nodes.push(self.value(item, depth + 1, line)?);
                }
                Node::List(nodes)
            }
            DeValue::Table(table) => {
                if depth >= LIMITS.front_matter_depth {
                    return Err(too_deep(line));
                }
                Node::Map(self.table(table, depth + 1)?)
            }
        };
        Ok(node)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::article::front_matter::split;
    use crate::article::front_matter::values::looks_like_iso_date;

    fn yaml(body: &str) -> (FrontMatter, Vec<Warning>) {
        let doc = format!("---\n{body}---\n# Body\n");
        parse(&split(&doc).expect("a front matter block"))
    }

    fn toml(body: &str) -> (FrontMatter, Vec<Warning>) {
        let doc = format!("+++\n{body}+++\n# Body\n");
        parse(&split(&doc).expect("a front matter block"))
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn an_empty_block_is_empty() {
        assert_eq!(parse(&split("---\n---\n").unwrap()), (FrontMatter::default(), vec![]));
        assert_eq!(parse(&split("+++\n+++\n").unwrap()), (FrontMatter::default(), vec![]));
    }

    // --- known keys ---

    #[test]
    fn yaml_known_keys() {
        let (fm, warnings) = yaml(
            "title: \"Hello: world\"\nauthor: Ada\nauthors: [Grace, Linus]\ndate: 2024-05-01\n\
             updated: 2024-05-02T10:00:00Z\ndescription: >\n  A short\n  summary.\ntags: [rust, wasm]\n\
             image: /img/cover.png\nlang: pt-BR\ndir: rtl\ncanonical: https://example.com/a\n",
        );
        assert_eq!(warnings, vec![]);
        assert_eq!(fm.title.as_deref(), Some("Hello: world"));
        assert_eq!(fm.authors, strings(&["Ada", "Grace", "Linus"]));
        assert_eq!(fm.date.as_deref(), Some("2024-05-01"));
        assert_eq!(fm.updated.as_deref(), Some("2024-05-02T10:00:00Z"));
        assert_eq!(fm.description.as_deref(), Some("A short summary."));
        assert_eq!(fm.tags, strings(&["rust", "wasm"]));
        assert_eq!(fm.image.as_deref(), Some("/img/cover.png"));
        assert_eq!(fm.lang.as_deref(), Some("pt-BR"));
        assert_eq!(fm.dir.as_deref(), Some("rtl"));
        assert_eq!(fm.canonical.as_deref(), Some("https://example.com/a"));
        assert!(fm.extra.is_empty());
    }

    #[test]
    fn toml_known_keys() {
        let (fm, warnings) = toml(
            "title = \"Hello\"\nauthors = [\"Grace\", \"Linus\"]\ndate = 2024-05-01\n\
             updated = 2024-05-01T10:00:00Z\ndescription = \"\"\"\nMulti\nline\"\"\"\n\
             tags = \"rust, wasm\"\nimage = \"cover.png\"\nlang = \"en\"\ndir = \"auto\"\n\
             canonical = \"https://example.com/\"\n",
        );
        assert_eq!(warnings, vec![]);
        assert_eq!(fm.title.as_deref(), Some("Hello"));
        assert_eq!(fm.authors, strings(&["Grace", "Linus"]));
        assert_eq!(fm.date.as_deref(), Some("2024-05-01"));
        assert_eq!(fm.updated.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(fm.description.as_deref(), Some("Multi\nline"));
        assert_eq!(fm.tags, strings(&["rust", "wasm"]));
        assert_eq!(fm.image.as_deref(), Some("cover.png"));
        assert_eq!(fm.lang.as_deref(), Some("en"));
        assert_eq!(fm.dir.as_deref(), Some("auto"));
        assert_eq!(fm.canonical.as_deref(), Some("https://example.com/"));
        assert!(fm.extra.is_empty());
    }

    #[test]
    fn authors_as_list_or_single_string() {
        assert_eq!(
            yaml("authors:\n  - Ada\n  - Grace\n").0.authors,
            strings(&["Ada", "Grace"])
        );
        assert_eq!(yaml("authors: Ada Lovelace\n").0.authors, strings(&["Ada Lovelace"]));
        // A single string is one name, even with a comma in it.
        assert_eq!(
            yaml("authors: \"Lovelace, Ada\"\n").0.authors,
            strings(&["Lovelace, Ada"])
        );
        assert_eq!(toml("author = \"Ada\"\n").0.authors, strings(&["Ada"]));
        assert_eq!(toml("authors = \"Ada\"\n").0.authors, strings(&["Ada"]));
        let (fm, warnings) = yaml("author: [Ada]\n");
        assert_eq!(fm.authors, Vec::<String>::new());
        assert_eq!(
            warnings[0].message,
            "front matter `author` should be text, not a list; it is ignored"
        );
    }

    #[test]
    fn tags_as_list_or_comma_separated_string() {
        assert_eq!(yaml("tags:\n  - a b\n  - c\n").0.tags, strings(&["a b", "c"]));
        assert_eq!(
            yaml("tags: rust, web , ,wasm\n").0.tags,
            strings(&["rust", "web", "wasm"])
        );
        assert_eq!(yaml("tags: solo\n").0.tags, strings(&["solo"]));
        assert_eq!(toml("tags = [\"x\", \"y\"]\n").0.tags, strings(&["x", "y"]));
        // Numbers in the list are kept as written; nulls are skipped.
        assert_eq!(
            yaml("tags: [2024, 1.50, ~, go]\n").0.tags,
            strings(&["2024", "1.50", "go"])
        );
        let (fm, warnings) = yaml("tags: [a, [b]]\n");
        assert!(fm.tags.is_empty());
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].message.contains("`tags` should be a list of text"),
            "{warnings:?}"
        );
        let (fm, warnings) = yaml("tags: {a: 1}\n");
        assert!(fm.tags.is_empty());
        assert!(warnings[0].message.contains("`tags`"));
    }

    #[test]
    fn dates_are_kept_as_written() {
        assert_eq!(yaml("date: 2024-05-01\n").0.date.as_deref(), Some("2024-05-01"));
        assert_eq!(yaml("date: '2024-05-01'\n").0.date.as_deref(), Some("2024-05-01"));
        assert_eq!(
            yaml("date: 2024-05-01 10:00:00 +02:00\n").0.date.as_deref(),
            Some("2024-05-01 10:00:00 +02:00")
        );
        assert_eq!(yaml("date: 2024\n").0.date.as_deref(), Some("2024"));
        assert_eq!(
            toml("date = 2024-05-01T10:00:00Z\n").0.date.as_deref(),
            Some("2024-05-01T10:00:00Z")
        );
        assert_eq!(
            toml("date = 1979-05-27 07:32:00.999999-07:00\n").0.date.as_deref(),
            Some("1979-05-27 07:32:00.999999-07:00")
        );
        assert_eq!(
            toml("date = 2024-05-01T10:00:00\n").0.date.as_deref(),
            Some("2024-05-01T10:00:00")
        );
        assert_eq!(toml("updated = \"2024-05\"\n").0.updated.as_deref(), Some("2024-05"));
        assert_eq!(toml("time = 07:32:00\n").0.extra["time"], Value::from("07:32:00"));
        let (fm, warnings) = yaml("date: next Tuesday\n");
        assert_eq!(fm.date.as_deref(), Some("next Tuesday"));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(2));
        assert!(warnings[0].message.contains("not an ISO 8601 date"));
    }

    #[test]
    fn scalars_of_other_types_are_text_as_written() {
        let (fm, warnings) = yaml("title: 1984\ndescription: true\nlang: 0x1F\n");
        assert_eq!(warnings, vec![]);
        assert_eq!(fm.title.as_deref(), Some("1984"));
        assert_eq!(fm.description.as_deref(), Some("true"));
        assert_eq!(fm.lang.as_deref(), Some("0x1F"));
        assert_eq!(toml("title = 1_984\n").0.title.as_deref(), Some("1_984"));
    }

    #[test]
    fn null_and_empty_values_are_absent() {
        let (fm, warnings) = yaml("title:\nimage: ~\ndescription: '  '\ntags:\nauthors: null\n");
        assert_eq!((fm, warnings), (FrontMatter::default(), vec![]));
    }

    #[test]
    fn values_are_trimmed() {
        assert_eq!(yaml("title: '  Hi  '\n").0.title.as_deref(), Some("Hi"));
    }

    #[test]
    fn wrong_types_warn_and_are_ignored() {
        let (fm, warnings) = yaml("title: [1, 2]\ndescription: {a: b}\nlang: en\n");
        assert_eq!(fm.title, None);
        assert_eq!(fm.description, None);
        assert_eq!(fm.lang.as_deref(), Some("en"));
        assert_eq!(
            warnings,
            vec![
                Warning::new(
                    Some(2),
                    "front matter `title` should be text, not a list; it is ignored"
                ),
                Warning::new(
                    Some(3),
                    "front matter `description` should be text, not a map; it is ignored"
                ),
            ]
        );
        let (fm, warnings) = toml("title = [1, 2]\n[image]\nsrc = \"x\"\n");
        assert_eq!((fm.title, fm.image), (None, None));
        assert_eq!(warnings.len(), 2);
        assert_eq!(warnings[0].line, Some(2));
        assert!(warnings[0].message.contains("`title`"));
        assert_eq!(warnings[1].line, Some(3));
        assert!(warnings[1].message.contains("`image`"));
    }

    #[test]
    fn bad_dir_warns_and_is_ignored() {
        let (fm, warnings) = yaml("dir: sideways\n");
        assert_eq!(fm.dir, None);
        assert_eq!(
            warnings,
            vec![Warning::new(
                Some(2),
                "front matter `dir` must be \"ltr\", \"rtl\" or \"auto\", not \"sideways\"; it is ignored"
            )]
        );
        assert_eq!(yaml("dir: RTL\n").0.dir.as_deref(), Some("rtl"));
        assert_eq!(toml("dir = \"ltr\"\n").0.dir.as_deref(), Some("ltr"));
    }

    #[test]
    fn keys_are_case_sensitive() {
        let (fm, _) = yaml("Title: Big\ntitle: small\n");
        assert_eq!(fm.title.as_deref(), Some("small"));
        assert_eq!(fm.extra["Title"], Value::from("Big"));
    }

    #[test]
    fn duplicate_keys_warn_and_the_last_wins() {
        let (fm, warnings) = yaml("title: One\ntitle: Two\n");
        assert_eq!(fm.title.as_deref(), Some("Two"));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(3));
        assert!(warnings[0].message.contains("`title` appears more than once"));
    }

    // --- extra ---

    #[test]
    fn unknown_yaml_keys_go_to_extra_with_nested_values() {
        let (fm, warnings) = yaml(
            "draft: false\nweight: 3\nratio: 1.5\nnothing: ~\nquoted: '42'\nseries:\n  name: Rust\n  parts: [1, 2, {x: y}]\n\
             published: 2024-05-01\nbig: 18446744073709551615\nhuge: 99999999999999999999\nnan: .nan\noctal: 0o17\n",
        );
        assert_eq!(warnings, vec![]);
        let expected = serde_json::json!({
            "draft": false,
            "weight": 3,
            "ratio": 1.5,
            "nothing": null,
            "quoted": "42",
            "series": {"name": "Rust", "parts": [1, 2, {"x": "y"}]},
            "published": "2024-05-01",
            "big": 18446744073709551615u64,
            "huge": "99999999999999999999",
            "nan": ".nan",
            "octal": 15,
        });
        assert_eq!(Value::Object(fm.extra), expected);
    }

    #[test]
    fn unknown_toml_keys_go_to_extra_with_nested_values() {
        let (fm, warnings) = toml(
            "draft = false\nweight = 0x10\nratio = 1.5\nbig = 1e400\nwhen = 2024-05-01\n\
             [series]\nname = \"Rust\"\nparts = [1, 2, { x = \"y\" }]\n[[links]]\nurl = \"a\"\n[[links]]\nurl = \"b\"\n",
        );
        assert_eq!(warnings, vec![]);
        let expected = serde_json::json!({
            "draft": false,
            "weight": 16,
            "ratio": 1.5,
            "big": "1e400",
            "when": "2024-05-01",
            "series": {"name": "Rust", "parts": [1, 2, {"x": "y"}]},
            "links": [{"url": "a"}, {"url": "b"}],
        });
        assert_eq!(Value::Object(fm.extra), expected);
    }

    #[test]
    fn yaml_str_tag_and_anchors() {
        let (fm, warnings) = yaml("version: !!str 1.0\nbase: &b {x: 1}\ncopy: *b\n");
        assert_eq!(warnings, vec![]);
        assert_eq!(fm.extra["version"], Value::from("1.0"));
        assert_eq!(fm.extra["copy"], serde_json::json!({"x": 1}));
    }

    #[test]
    fn non_text_yaml_keys_are_dropped_with_a_warning() {
        let (fm, warnings) = yaml("? [a, b]\n: value\nok: 1\n");
        assert_eq!(fm.extra.len(), 1);
        assert_eq!(fm.extra["ok"], Value::from(1));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(2));
        assert!(warnings[0].message.contains("key is a list"));
    }

    // --- malformed ---

    #[test]
    fn malformed_yaml_warns_with_its_document_line() {
        let (fm, warnings) = yaml("title: Fine\ntags: [a, b\nlang: en\n");
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].message.starts_with("front matter is not valid YAML ("),
            "{warnings:?}"
        );
        // The parser notices the unclosed list at the `:` of the next line.
        assert_eq!(warnings[0].line, Some(4), "{warnings:?}");

        let (fm, warnings) = yaml("title: Fine\nlang: en\n  bad: indent\n");
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(warnings[0].line, Some(4), "{warnings:?}");

        let (_, warnings) = yaml("a: 1\nb: \"unterminated\n");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(3), "{warnings:?}");

        let (_, warnings) = yaml("a: *nowhere\n");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(2), "{warnings:?}");
        assert!(warnings[0].message.contains("unknown anchor"), "{warnings:?}");
    }

    #[test]
    fn a_yaml_alias_inside_its_own_anchor_is_null() {
        let (fm, warnings) = yaml("a: &x [1, *x]\nb: 2\n");
        assert_eq!(fm.extra["a"], serde_json::json!([1, null]));
        assert_eq!(fm.extra["b"], Value::from(2));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(2));
        assert!(warnings[0].message.contains("refers to a value that contains it"));
    }

    #[test]
    fn malformed_toml_warns_with_its_document_line() {
        let (fm, warnings) = toml("title = \"Fine\"\nlang = \"en\"\ntags = [\"a\",\n\nbad line\n");
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].message.starts_with("front matter is not valid TOML ("),
            "{warnings:?}"
        );
        assert_eq!(warnings[0].line, Some(6), "{warnings:?}");

        let (_, warnings) = toml("a = 1\na = 2\n");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(3), "{warnings:?}");

        let (_, warnings) = toml("title = \n");
        assert_eq!(warnings[0].line, Some(2), "{warnings:?}");
    }

    #[test]
    fn non_mapping_top_level_warns() {
        let (fm, warnings) = yaml("- a\n- b\n");
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(
            warnings,
            vec![Warning::new(
                Some(2),
                "front matter must be a map of keys to values, not a list; it is ignored"
            )]
        );
        let (_, warnings) = yaml("just some text\n");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("not text"));
        // A block of comments only is empty, not an error.
        assert_eq!(yaml("# nothing yet\n"), (FrontMatter::default(), vec![]));
    }

    #[test]
    fn only_the_first_yaml_document_is_used() {
        let (fm, warnings) = yaml("title: One\n--- a\n");
        assert_eq!(fm.title.as_deref(), Some("One"));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("more than one YAML document"));
    }

    // --- limits ---

    #[test]
    fn alias_bomb_is_refused() {
        let mut body = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            let p = i - 1;
            body.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        body.push_str("title: Boom\n");
        let (fm, warnings) = yaml(&body);
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("more than 100000 values"), "{warnings:?}");
        // The line of the alias that went over the budget: a5 (10^6 values) is line 7.
        assert!(warnings[0].line.is_some_and(|l| l <= 7), "{warnings:?}");
    }

    #[test]
    fn nested_anchors_cannot_multiply_memory() {
        // Every anchor keeps a copy of its value: 60 nested anchors around 10,000 values would
        // otherwise keep 600,000 values, without a single alias.
        let mut body = String::from("a: ");
        for i in 0..60 {
            body.push_str(&format!("&a{i} ["));
        }
        body.push_str(&vec!["1"; 10_000].join(","));
        body.push_str(&"]".repeat(60));
        body.push('\n');
        let (fm, warnings) = yaml(&body);
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("more than 100000 values"), "{warnings:?}");
    }

    #[test]
    fn too_many_values_are_refused() {
        let body = format!("list: [{}]\n", vec!["1"; LIMITS.front_matter_values].join(","));
        let (fm, warnings) = yaml(&body);
        assert_eq!(fm, FrontMatter::default());
        assert!(warnings[0].message.contains("more than 100000 values"));
        let body = format!("list = [{}]\n", vec!["1"; LIMITS.front_matter_values].join(","));
        let (_, warnings) = toml(&body);
        assert!(warnings[0].message.contains("more than 100000 values"));
    }

    #[test]
    fn deep_yaml_nesting_is_refused() {
        for depth in [LIMITS.front_matter_depth, LIMITS.front_matter_depth + 1, 100_000] {
            // `depth - 1` flow lists inside the top-level map.
            let body = format!("a: {}{}\n", "[".repeat(depth - 1), "]".repeat(depth - 1));
            let (fm, warnings) = yaml(&body);
            if depth == LIMITS.front_matter_depth {
                assert_eq!(warnings, vec![], "depth {depth}");
                assert!(fm.extra.contains_key("a"));
            } else {
                assert_eq!(fm, FrontMatter::default(), "depth {depth}");
                assert_eq!(warnings.len(), 1);
                assert_eq!(warnings[0].line, Some(2));
                // Very deep flow nesting may meet the parser's own limit (255 levels) first: it
                // reads ahead of the events.
                let message = &warnings[0].message;
                assert!(
                    message.contains("nested more than 64 levels")
                        || (depth > 255 && message.contains("recursion limit exceeded")),
                    "{warnings:?}"
                );
            }
        }
        // Block style nests just the same.
        let mut body = String::new();
        for level in 0..=LIMITS.front_matter_depth {
            body.push_str(&format!("{}k{level}:\n", " ".repeat(level)));
        }
        body.push_str(&format!("{}end: 1\n", " ".repeat(LIMITS.front_matter_depth + 1)));
        let (_, warnings) = yaml(&body);
        assert!(
            warnings[0].message.contains("nested more than 64 levels"),
            "{warnings:?}"
        );
    }

    #[test]
    fn aliases_cannot_stack_past_the_depth_limit() {
        // An alias of a 32-deep value inside 33 levels: 65 > 64.
        let nested = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
        let body = format!("a: &a {}\nb: {}*a{}\n", nested(32), "[".repeat(32), "]".repeat(32));
        let (fm, warnings) = yaml(&body);
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(warnings[0].line, Some(3), "{warnings:?}");
        assert!(warnings[0].message.contains("nested more than 64 levels"));
        // Exactly 64 is fine.
        let body = format!("a: &a {}\nb: {}*a{}\n", nested(31), "[".repeat(32), "]".repeat(32));
        assert_eq!(yaml(&body).1, vec![]);
    }

    #[test]
    fn deep_toml_nesting_is_refused() {
        let body = format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let (fm, warnings) = toml(&body);
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(2));
        let body = format!(
            "a = {}1{}\n",
            "[".repeat(LIMITS.front_matter_depth),
            "]".repeat(LIMITS.front_matter_depth)
        );
        let (_, warnings) = toml(&body);
        assert!(
            warnings[0].message.contains("nested more than 64 levels"),
            "{warnings:?}"
        );
        let body = format!(
            "a = {}1{}\n",
            "[".repeat(LIMITS.front_matter_depth - 1),
            "]".repeat(LIMITS.front_matter_depth - 1)
        );
        assert_eq!(toml(&body).1, vec![]);
    }

    #[test]
    fn core_schema_scalars() {
        use super::resolve_plain as r;
        assert!(matches!(r("~"), Kind::Null));
        assert!(matches!(r("True"), Kind::Bool(true)));
        assert!(matches!(r("yes"), Kind::Text)); // YAML 1.1's booleans are text in 1.2.
        assert!(matches!(r("-12"), Kind::Number(_)));
        assert!(matches!(r("+12"), Kind::Number(_)));
        assert!(matches!(r(".5"), Kind::Number(_)));
        assert!(matches!(r("1e3"), Kind::Number(_)));
        assert!(matches!(r("1."), Kind::Number(_)));
        for text in [
            "1e", ".", "-", "0x", "0o8", "1_000", "inf", ".inf", "1.2.3", "12abc", "0x+1",
        ] {
            assert!(matches!(r(text), Kind::Text), "{text}");
        }
    }

    #[test]
    fn iso_dates() {
        for ok in [
            "2024",
            "2024-05",
            "2024-05-01",
            "2024-05-01T10:00:00Z",
            "2024-05-01 10:00",
        ] {
            assert!(looks_like_iso_date(ok), "{ok}");
        }
        for bad in ["May 1", "24-05-01", "2024-5-1", "2024-05-01x", "20240501", "2024-05-"] {
            assert!(!looks_like_iso_date(bad), "{bad}");
        }
    }

    #[test]
    fn long_values_are_shortened_in_messages() {
        let (_, warnings) = yaml(&format!("dir: {}\n", "x".repeat(100)));
        assert!(warnings[0].message.contains(&format!("\"{}…\"", "x".repeat(40))));
    }
}
