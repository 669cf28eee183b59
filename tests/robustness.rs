//! Hostile input: deep nesting is flattened at a fixed depth, and cmark's pathological inputs
//! render to well-formed HTML. These tests check what comes out; how long it takes is measured by
//! `cargo run --release --example scaling` (whose cases they share), never asserted here.

use quire::{render, Options};

#[allow(dead_code)]
#[path = "../examples/scaling.rs"]
mod scaling;

/// `LIMITS.depth` in `src/limits.rs`: the deepest Markdown nesting that is kept.
const MAX_DEPTH: usize = 64;

/// The deepest the sanitized output may nest: `MAX_DEPTH`, the allowance for HTML tags over it
/// (`LIMITS.html_slack`, 8), a leaf element or two, and the `<article>` frame.
const HTML_BOUND: usize = MAX_DEPTH + 8 + 4;

/// Elements that have no end tag.
const VOID: [&str; 15] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track",
    "wbr",
];

fn html(markdown: &str) -> String {
    render(markdown, &Options::default()).expect("renders").html
}

/// How deep the elements of `html` nest, checking on the way that every end tag closes the
/// element opened last (the sanitizer's output is serialized from a tree: text never holds a
/// raw `<`, attribute values never hold a `>`).
fn nesting(html: &str) -> usize {
    let mut open: Vec<&str> = Vec::new();
    let mut deepest = 0;
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let tag_end = rest[at..].find('>').expect("every tag ends") + at;
        let tag = &rest[at + 1..tag_end];
        rest = &rest[tag_end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop(), Some(name), "</{name}> closes what was opened last");
            continue;
        }
        let name = tag.split([' ', '/']).next().unwrap_or_default();
        if !VOID.contains(&name) {
            open.push(name);
            deepest = deepest.max(open.len());
        }
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    deepest
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

/// The text of the article's body: after the header, without tags.
fn body_text(html: &str) -> String {
    let body = html.split_once("</header>").map_or(html, |(_, body)| body);
    let mut text = String::new();
    let mut rest = body;
    while let Some(at) = rest.find('<') {
        text.push_str(&rest[..at]);
        rest = rest[at..].split_once('>').map_or("", |(_, after)| after);
    }
    text.push_str(rest);
    text
}

#[test]
fn ten_thousand_nested_block_quotes_keep_max_depth_of_them() {
    let out = html(&format!("{}innermost\n", "> ".repeat(10_000)));
    assert_eq!(count(&out, "<blockquote>"), MAX_DEPTH);
    assert_eq!(count(&out, "</blockquote>"), MAX_DEPTH);
    assert!(out.contains("<p>innermost</p>"));
    assert!(nesting(&out) <= HTML_BOUND);
}

#[test]
fn nested_lists_keep_max_depth_of_lists_and_items() {
    // A list and its item are two levels.
    for (prefix, list) in [("- ", "ul"), ("* ", "ul"), ("1. ", "ol"), ("3) ", "ol")] {
        let out = html(&format!("{}innermost\n", prefix.repeat(10_000)));
        assert_eq!(count(&out, &format!("<{list}")), MAX_DEPTH / 2, "{prefix}");
        assert_eq!(count(&out, &format!("</{list}>")), MAX_DEPTH / 2, "{prefix}");
        assert_eq!(count(&out, "<li>"), MAX_DEPTH / 2, "{prefix}");
        assert!(out.contains("innermost"));
        assert!(nesting(&out) <= HTML_BOUND);
    }
}

#[test]
fn indented_lists_lose_no_item() {
    let levels = 300;
    let bullets: String = (0..levels).map(|i| format!("{}- item{i}\n", "  ".repeat(i))).collect();
    let ordered: String = (0..levels)
        .map(|i| format!("{}1. item{i}\n", "   ".repeat(i)))
        .collect();
    for (markdown, list) in [(bullets, "<ul>"), (ordered, "<ol>")] {
        let out = html(&markdown);
        assert_eq!(count(&out, list), MAX_DEPTH / 2);
        for i in 0..levels {
            assert!(
                out.contains(&format!("item{i}\n")) || out.contains(&format!("item{i}<")),
                "item{i}"
            );
        }
        assert!(nesting(&out) <= HTML_BOUND);
    }
}

#[test]
fn nested_raw_divs_are_bounded_and_keep_their_text() {
    for markdown in [
        // One HTML block.
        format!("{}innermost{}\n", "<div>".repeat(10_000), "</div>".repeat(10_000)),
        // An HTML block per tag.
        format!("{}innermost\n", "<div>\n\n".repeat(10_000)),
        // Inline HTML, one event per tag.
        format!("x {}innermost\n", "<div> ".repeat(10_000)),
    ] {
        let out = html(&markdown);
        let divs = count(&out, "<div");
        assert!(divs <= MAX_DEPTH + 8 + 1, "{divs} divs");
        assert!(out.contains("innermost"));
        assert!(nesting(&out) <= HTML_BOUND);
    }
}

#[test]
fn deeper_raw_tags_show_as_text() {
    let out = html(&format!("{}x{}", "<span>".repeat(200), "</span>".repeat(200)));
    let spans = count(&out, "<span>");
    assert!((MAX_DEPTH..=MAX_DEPTH + 8).contains(&spans), "{spans}");
    assert_eq!(count(&out, "&lt;span&gt;"), 200 - spans);
    assert_eq!(count(&out, "&lt;/span&gt;"), 200 - spans);
}

#[test]
fn mixed_nesting_is_bounded() {
    for markdown in [
        format!("{}innermost\n", "> - <div>\n> - ".repeat(3_000)),
        format!("{}innermost\n", "> 1. *a **b <span>".repeat(3_000)),
        format!("{}innermost\n", "<blockquote>\n\n> ".repeat(3_000)),
        format!("{}innermost\n", "<table><tr><td>\n\n- ".repeat(3_000)),
        format!("{}innermost", "<svg><foreignObject>".repeat(3_000)),
        format!("{}innermost", "<math><mi>".repeat(3_000)),
        format!("{}innermost", "<b id=a><i id=b><u id=c>".repeat(3_000)),
        "<p><i id=x>a</p>\n".repeat(3_000),
    ] {
        let out = html(&markdown);
        assert!(nesting(&out) <= HTML_BOUND, "{}", &markdown[..30]);
        assert!(!out.is_empty());
    }
}

#[test]
fn deep_emphasis_keeps_its_text() {
    let k = 10_000;
    let out = html(&format!("{}b{}", "*a **a ".repeat(k), " a** a*".repeat(k)));
    assert!(count(&out, "<em>") + count(&out, "<strong>") <= MAX_DEPTH);
    assert_eq!(count(&body_text(&out), "a"), 4 * k);
    assert!(body_text(&out).contains('b'));
    assert!(nesting(&out) <= HTML_BOUND);
}

/// The sizes the pathological inputs are rendered at: about 64 KB and 4× that, the sizes the
/// benchmark times (`cargo test --release`), or a quarter of those in a debug build, where the
/// sanitizer is some 30 times slower.
fn sizes() -> [usize; 2] {
    let n = if cfg!(debug_assertions) { 16 * 1024 } else { 64 * 1024 };
    [n, 4 * n]
}

#[test]
fn pathological_inputs_render_well_formed_html() {
    for case in scaling::CASES {
        for n in sizes() {
            let markdown = (case.make)(n);
            let out = html(&markdown);
            assert!(out.starts_with("<article>"), "{}", case.name);
            // (Formatting elements left open are reopened after the frame closes, as browsers do.)
            assert!(out.contains("</article>"), "{}", case.name);
            let depth = nesting(&out);
            assert!(depth <= HTML_BOUND, "{}: depth {depth}", case.name);
            for tag in ["blockquote", "ul", "ol", "li", "em", "strong", "a", "table", "div"] {
                assert_eq!(
                    count(&out, &format!("<{tag}>")) + count(&out, &format!("<{tag} ")),
                    count(&out, &format!("</{tag}>")),
                    "{}: <{tag}>",
                    case.name
                );
            }
        }
    }
}

#[test]
fn pathological_inputs_keep_their_text() {
    let n = sizes()[0];
    let text_of = |name: &str| {
        let case = scaling::CASES.iter().find(|case| case.name == name).expect("a case");
        ((case.make)(n), html(&(case.make)(n)))
    };
    // Text that is all delimiters stays as written.
    for name in [
        "emph closers, no openers",
        "emph openers, no closers",
        "link closers, no openers",
        "link openers, no closers",
        "nested brackets",
        "unclosed links B",
    ] {
        let (markdown, out) = text_of(name);
        assert_eq!(count(&body_text(&out), "a"), count(&markdown, "a"), "{name}");
    }
    // (Smart punctuation makes `--` a dash.)
    let (markdown, out) = text_of("unclosed <!--");
    assert_eq!(count(&out, "&lt;!"), count(&markdown, "<!"));
    let (markdown, out) = text_of("entity-like &# runs");
    assert_eq!(count(&out, "&amp;#"), count(&markdown, "&#"));
    let (_, out) = text_of("nested block quotes");
    assert_eq!(count(&out, "<blockquote>"), MAX_DEPTH);
}

#[test]
fn pasted_text_at_scale_is_recovered_and_keeps_its_body() {
    let n = sizes()[0];
    let render = |name: &str| {
        let case = scaling::CASES.iter().find(|case| case.name == name).expect("a case");
        let markdown = (case.make)(n);
        (quire::render(&markdown, &quire::Options::default()).unwrap(), markdown)
    };
    let (article, markdown) = render("pasted: short lines");
    assert_eq!(article.title.as_deref(), Some("Harbour library reopens"));
    // (The first follows the byline, not a paragraph: it stays a paragraph.)
    assert_eq!(article.toc.len(), count(&markdown, "A short line") - 1);
    let (article, markdown) = render("pasted: one long line");
    assert_eq!(article.date.as_deref(), Some("2025-03-03"));
    assert_eq!(count(&article.html, "words"), count(&markdown, "words"));
    let (article, markdown) = render("pasted: candidate headings");
    assert_eq!(article.toc.len(), count(&markdown, "Candidate heading"));
    let (article, markdown) = render("pasted: teasers");
    assert_eq!(count(&article.html, "paragraph…"), 0);
    assert_eq!(
        count(&article.html, "every paragraph"),
        count(&markdown, "every paragraph too")
    );
    let (article, _) = render("pasted: debris and title repeats");
    assert_eq!(article.authors, ["Jane Smith"]);
    assert!(!article.html.contains("Share on") && !article.html.contains("Avatar"));
    assert!(article.html.contains("The end of the story"));
}
