//! Streaming (`Stream`): blocks are committed once and never change, the tail is re-rendered, and
//! the end is one render of the whole text.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use quire::{render, Options, Stream, StreamUpdate};

/// What a page shows after each update: the commits appended, the last tail.
#[derive(Default)]
struct Page {
    committed: String,
    tail: String,
}

impl Page {
    fn apply(&mut self, update: StreamUpdate) {
        self.committed.push_str(&update.commit);
        self.tail = update.tail;
    }
}

fn stream_in(pieces: &[&str], options: &Options) -> (Page, quire::Article) {
    let mut stream = Stream::new(options).unwrap();
    let mut page = Page::default();
    for piece in pieces {
        if let Some(update) = stream.push(piece).unwrap() {
            page.apply(update);
        }
    }
    page.apply(stream.flush().unwrap());
    (page, stream.finish().unwrap())
}

/// Blocks whose HTML does not depend on other blocks (no footnotes, no repeated headings, no raw
/// HTML across blocks): streamed, they must read as the whole document does.
fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        select(
            &[
                "Plain *emphasis* and **strong** text.",
                "A [link](https://example.com/a) here.",
                "Line one\nline two",
                "A `code span` and www.example.com.",
                "Smart \"quotes\" -- and dashes...",
                "See [the ref][r] here."
            ][..]
        )
        .prop_map(str::to_owned),
        (1..4usize, 0..1000u32).prop_map(|(level, n)| format!("{} Heading {n}", "#".repeat(level))),
        select(
            &[
                "- one\n- two\n  - nested",
                "1. first\n2. second",
                "- [x] done\n- [ ] todo"
            ][..]
        )
        .prop_map(str::to_owned),
        select(
            &[
                "```rust\nfn main() {}\n```",
                "    indented\n    code",
                "> quoted\n> text",
                "---",
                "| a | b |\n|---|---|\n| 1 | 2 |",
                "> [!NOTE]\n> An alert.",
                "![alt](i.png \"A caption\")",
                "Term\n: Definition",
                "$$x^2$$",
                "<div>raw <b>block</b></div>",
                "Text with <span>inline</span> HTML."
            ][..]
        )
        .prop_map(str::to_owned),
    ]
}

fn document() -> impl Strategy<Value = (String, Vec<usize>)> {
    (
        prop::collection::vec(block(), 1..14),
        select(&["\n\n", "\n\n\n"][..]),
        prop::collection::vec(1..60usize, 1..80),
    )
        .prop_map(|(blocks, separator, cuts)| {
            let mut seen = std::collections::HashSet::new();
            let blocks: Vec<String> = blocks
                .into_iter()
                .filter(|b| !b.starts_with('#') || seen.insert(b.clone()))
                .collect();
            (
                format!("[r]: https://example.com/ref\n\n{}\n", blocks.join(separator)),
                cuts,
            )
        })
}

fn pieces(text: &str, sizes: &[usize]) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut at = 0;
    for size in sizes.iter().cycle() {
        if at >= text.len() {
            break;
        }
        let mut end = (at + size).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        pieces.push(text[at..end].to_owned());
        at = end;
    }
    pieces
}

#[test]
fn streamed_blocks_read_as_the_whole_document() {
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases: 300,
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    for json in [
        r#"{"preset":"gfm","bodyOnly":true}"#,
        r#"{"bodyOnly":true,"sourceLines":true}"#,
        "{}",
    ] {
        let options = Options::from_json(json).unwrap();
        let mut body_only = options.clone();
        body_only.body_only = Some(true);
        runner
            .run(&document(), |(text, sizes)| {
                let pieces = pieces(&text, &sizes);
                let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
                let (page, article) = stream_in(&pieces, &options);
                prop_assert_eq!(&article, &render(&text, &options).unwrap());
                // Every block, committed or not, as the whole document renders it.
                let whole = render(&text, &body_only).unwrap().html;
                prop_assert_eq!(format!("{}{}", page.committed, page.tail), whole, "{}", json);
                Ok(())
            })
            .unwrap();
    }
}

#[test]
fn committed_html_never_changes_and_only_the_tail_is_rendered_again() {
    let text = "# Title\n\nFirst paragraph.\n\n```\nopen fence\n";
    let options = Options::from_json(r#"{"preset":"gfm"}"#).unwrap();
    let mut stream = Stream::new(&options).unwrap();
    let mut page = Page::default();
    let mut commits = Vec::new();
    for piece in pieces(text, &[3]) {
        if let Some(update) = stream.push(&piece).unwrap() {
            commits.push(update.commit.clone());
            page.apply(update);
        }
    }
    page.apply(stream.flush().unwrap());
    assert_eq!(page.committed, "<h1>Title</h1>\n<p>First paragraph.</p>\n");
    // An open fence renders as a code block of what it holds so far.
    assert_eq!(page.tail, "<pre><code>open fence\n</code></pre>\n");
    // Pushes render only once the tail has grown by a quarter: fewer renders than pieces.
    assert!(commits.len() < pieces(text, &[3]).len(), "{} renders", commits.len());
}

#[test]
fn unfinished_constructs_render_safely_in_the_tail() {
    let options = Options::default();
    for text in [
        "<scr",
        "<img src=x onerror=",
        "[a](javascript:al",
        "**bold",
        "&lt",
        "<a href=\"java",
        "<!-- ",
    ] {
        let mut stream = Stream::new(&options).unwrap();
        stream.push(text).unwrap();
        let tail = stream.flush().unwrap().tail;
        for bad in ["<script", "<img", "<a ", "href=\"javascript", "<!--"] {
            assert!(!tail.contains(bad), "{text:?} → {tail:?}");
        }
    }
}

#[test]
fn a_later_definition_is_right_in_the_finished_article() {
    // The reference is defined after the block that uses it was committed: `finish` renders the
    // whole, as a page's final update does.
    let text = "See [later].\n\nMore.\n\n[later]: https://example.com/\n";
    let options = Options::from_json(r#"{"preset":"gfm"}"#).unwrap();
    let (page, article) = stream_in(&[text], &options);
    assert!(page.committed.contains("See [later]."));
    assert!(article.html.contains("<a href=\"https://example.com/\""));
}

#[test]
fn streaming_a_big_open_block_renders_it_a_logarithmic_number_of_times() {
    let options = Options::from_json(r#"{"preset":"gfm"}"#).unwrap();
    let mut stream = Stream::new(&options).unwrap();
    stream.push("```\n").unwrap();
    let renders = (0..20_000)
        .filter(|_| stream.push("line of code\n").unwrap().is_some())
        .count();
    // Each render waits for the tail to grow by a quarter: about log(n)/log(1.25) of them.
    assert!(renders < 60, "{renders} renders");
}
