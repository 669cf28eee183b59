//! Front matter: a YAML (`---`) or TOML (`+++`) block at the very top of a document that holds
//! the article's metadata (title, authors, dates, tags ...).
//!
//! [`split`] finds the block (a cheap scan for the fences, in every build); [`read`] reads it with
//! the YAML and TOML parsers of the `front-matter` feature (the `parse` module). A build without
//! that feature (the web package's core module) reads YAML written the common way without a parser
//! (`simple_yaml`) and refuses any other block with [`Error::FeatureNeeded`], rather than render it
//! differently from the full build. `values` sorts what either reader found into the known keys.

use serde::Serialize;
use serde_json::{Map, Value};

#[cfg(not(feature = "front-matter"))]
use crate::BuildFeature;
use crate::{Error, Warning};

#[cfg(feature = "front-matter")]
mod parse;
// Builds with the parsers use it only to test it against them.
#[cfg(any(test, not(feature = "front-matter")))]
mod simple_yaml;
mod values;

/// The syntax of a front matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Between `---` lines; closed by `---` or `...`.
    Yaml,
    /// Between `+++` lines.
    Toml,
}

/// A front matter block found by [`split`], not yet parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FrontMatterBlock<'a> {
    /// The text between the fences (the fence lines excluded), starting on the document's line 2.
    pub raw: &'a str,
    pub format: Format,
    /// Byte offset in the document where the Markdown body starts (just after the closing fence's
    /// line ending).
    pub body_offset: usize,
    /// Lines the block takes, both fences included: line `n` of the body is line `n + lines` of
    /// the document.
    pub lines: usize,
}

/// The metadata an article declares in its front matter.
///
/// Strings are returned as written (trimmed; an empty one counts as absent); they are plain text
/// that whoever writes HTML must escape.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FrontMatter {
    /// `title`.
    pub title: Option<String>,
    /// `author` (one name) followed by `authors` (a list of names, or one name).
    pub authors: Vec<String>,
    /// `date`, exactly as written (ISO 8601 expected, e.g. `2024-05-01`).
    pub date: Option<String>,
    /// `updated`, exactly as written (ISO 8601 expected).
    pub updated: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `tags`: a list, or one string of comma-separated tags.
    pub tags: Vec<String>,
    /// `image`: a URL, unchecked here.
    pub image: Option<String>,
    /// `lang`: a language tag such as `en` or `pt-BR`, unchecked.
    pub lang: Option<String>,
    /// `dir`: `"ltr"`, `"rtl"` or `"auto"` (other values are ignored with a warning).
    pub dir: Option<String>,
    /// `canonical`: a URL, unchecked here.
    pub canonical: Option<String>,
    /// Every other key, as written (case-sensitive), with its value converted to JSON; dates and
    /// datetimes become their written text.
    pub extra: Map<String, Value>,
}

/// Finds a front matter block at the very start of `markdown` (a byte-order mark must already be
/// stripped): a first line `---` closed by a `---` or `...` line (YAML), or a first line `+++`
/// closed by a `+++` line (TOML). Fence lines may end in spaces or tabs. Without a closing fence
/// there is no front matter (a leading `---` is then a thematic break).
pub(crate) fn split(markdown: &str) -> Option<FrontMatterBlock<'_>> {
    let (first, content_start) = line_at(markdown, 0);
    if content_start == first.len() {
        return None; // The fence is the whole document: no line ending, nothing after it.
    }
    let format = match trim_fence(first) {
        "---" => Format::Yaml,
        "+++" => Format::Toml,
        _ => return None,
    };
    let mut start = content_start;
    let mut lines = 1;
    while start < markdown.len() {
        let (line, next) = line_at(markdown, start);
        lines += 1;
        let closes = matches!(
            (format, trim_fence(line)),
            (Format::Yaml, "---" | "...") | (Format::Toml, "+++")
        );
        if closes {
            return Some(FrontMatterBlock {
                raw: &markdown[content_start..start],
                format,
                body_offset: next,
                lines,
            });
        }
        start = next;
    }
    None
}

/// The line starting at byte `start` (without its ending) and the offset of the next line.
/// Line endings are `\n`, `\r\n` or a lone `\r`, as in CommonMark.
fn line_at(text: &str, start: usize) -> (&str, usize) {
    let rest = &text[start..];
    match rest.find(['\n', '\r']) {
        Some(end) => {
            let ending = if rest[end..].starts_with("\r\n") { 2 } else { 1 };
            (&rest[..end], start + end + ending)
        }
        None => (rest, text.len()),
    }
}

fn trim_fence(line: &str) -> &str {
    line.trim_end_matches([' ', '\t'])
}

/// Reads a block found by [`split`]: its metadata and what was wrong with it (never an error: see
/// the `parse` module).
#[cfg(feature = "front-matter")]
pub(crate) fn read(block: &FrontMatterBlock) -> Result<(FrontMatter, Vec<Warning>), Error> {
    Ok(parse::parse(block))
}

/// Without the `front-matter` feature, YAML written the common way is read without the parser
/// (`simple_yaml`); anything else needs the parsers.
#[cfg(not(feature = "front-matter"))]
pub(crate) fn read(block: &FrontMatterBlock) -> Result<(FrontMatter, Vec<Warning>), Error> {
    let entries = match block.format {
        Format::Yaml => simple_yaml::read(block.raw),
        Format::Toml => None,
    };
    let entries = entries.ok_or(Error::FeatureNeeded(BuildFeature::FrontMatter))?;
    let (mut front_matter, mut warnings) = (FrontMatter::default(), Vec::new());
    values::apply(entries, &mut front_matter, &mut warnings);
    Ok((front_matter, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    // --- split ---

    #[test]
    fn splits_yaml() {
        let doc = "---\ntitle: Hi\n---\n# Body\n";
        let block = split(doc).unwrap();
        assert_eq!(block.format, Format::Yaml);
        assert_eq!(block.raw, "title: Hi\n");
        assert_eq!(&doc[block.body_offset..], "# Body\n");
        assert_eq!(block.lines, 3);
    }

    #[test]
    fn splits_yaml_closed_by_dots() {
        let doc = "---\na: 1\nb: 2\n...\nbody";
        let block = split(doc).unwrap();
        assert_eq!(block.raw, "a: 1\nb: 2\n");
        assert_eq!(&doc[block.body_offset..], "body");
        assert_eq!(block.lines, 4);
    }

    #[test]
    fn splits_toml() {
        let doc = "+++\ntitle = \"Hi\"\n+++\nbody\n";
        let block = split(doc).unwrap();
        assert_eq!(block.format, Format::Toml);
        assert_eq!(block.raw, "title = \"Hi\"\n");
        assert_eq!(&doc[block.body_offset..], "body\n");
        assert_eq!(block.lines, 3);
    }

    #[test]
    fn toml_is_not_closed_by_yaml_fences() {
        assert_eq!(split("+++\na = 1\n---\n"), None);
        let doc = "+++\na = \"---\"\n---\n+++\nbody";
        assert_eq!(split(doc).unwrap().raw, "a = \"---\"\n---\n");
        assert_eq!(split("---\na: 1\n+++\n"), None);
    }

    #[test]
    fn splits_crlf_and_fences_with_trailing_blanks() {
        let doc = "--- \r\ntitle: Hi\r\n---\t\r\nbody\r\n";
        let block = split(doc).unwrap();
        assert_eq!(block.raw, "title: Hi\r\n");
        assert_eq!(&doc[block.body_offset..], "body\r\n");
        assert_eq!(block.lines, 3);
    }

    #[test]
    fn splits_empty_block_and_block_at_end_of_input() {
        let block = split("---\n---\n").unwrap();
        assert_eq!((block.raw, block.body_offset, block.lines), ("", 8, 2));
        let doc = "---\na: 1\n---";
        let block = split(doc).unwrap();
        assert_eq!((block.raw, block.body_offset), ("a: 1\n", doc.len()));
    }

    #[test]
    fn no_front_matter() {
        for doc in [
            "",
            "---",
            "# Title\n---\na: 1\n---\n",
            " ---\na: 1\n---\n",
            "----\na: 1\n----\n",
            "--- a\nb: 1\n---\n",
            "---\nunclosed: true\n",
            "\n---\na: 1\n---\n",
            "+++\na = 1\n",
        ] {
            assert_eq!(split(doc), None, "{doc:?}");
        }
    }

    #[test]
    fn body_lines_map_to_document_lines() {
        let doc = "---\na: 1\nb: 2\n---\nfirst\nsecond\n";
        let block = split(doc).unwrap();
        let body = &doc[block.body_offset..];
        let second = body.lines().position(|l| l == "second").unwrap() + 1;
        let in_doc = doc.lines().position(|l| l == "second").unwrap() + 1;
        assert_eq!(second + block.lines, in_doc);
    }
}
