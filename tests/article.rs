//! The article model: front matter, fallbacks, excerpt, reading time, table of contents,
//! figures, quote attributions, links against a base URL, and the article frame.

use quire::{render, Article, Options};

fn article(markdown: &str, json: &str) -> Article {
    render(markdown, &Options::from_json(json).unwrap()).unwrap()
}

const YAML: &str = "---
title: \"Harbour <Library>\"
authors: [Ada Writer, Bo Reader]
date: 2024-05-01
updated: 2024-06-02T10:00:00Z
description: The town rebuilt its library.
tags: [news, town]
image: cover.png
lang: en
dir: ltr
canonical: https://news.example/harbour
series: { name: Coast, part: 2 }
---
# Not the title

Body text.
";

#[test]
fn yaml_front_matter_fills_the_metadata() {
    let a = article(YAML, r#"{"baseUrl":"https://news.example/posts/harbour/"}"#);
    assert_eq!(a.title.as_deref(), Some("Harbour <Library>"));
    assert_eq!(a.authors, ["Ada Writer", "Bo Reader"]);
    assert_eq!(a.author.as_deref(), Some("Ada Writer and Bo Reader"));
    assert_eq!(a.date.as_deref(), Some("2024-05-01"));
    assert_eq!(a.updated.as_deref(), Some("2024-06-02T10:00:00Z"));
    assert_eq!(a.description.as_deref(), Some("The town rebuilt its library."));
    assert_eq!(a.excerpt.as_deref(), Some("The town rebuilt its library."));
    assert_eq!(a.tags, ["news", "town"]);
    assert_eq!(a.image.as_deref(), Some("https://news.example/posts/harbour/cover.png"));
    assert_eq!((a.lang.as_deref(), a.dir.as_deref()), (Some("en"), Some("ltr")));
    assert_eq!(a.canonical.as_deref(), Some("https://news.example/harbour"));
    assert_eq!(
        a.front_matter["series"],
        serde_json::json!({"name": "Coast", "part": 2})
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    // The frame: title escaped, byline, date, reading time, lang and dir on the article.
    assert!(a.html.starts_with(
        "<article lang=\"en\" dir=\"ltr\">\n<header>\n<h1>Harbour &lt;Library&gt;</h1>\n<p class=\"byline\">By <span class=\"author\">Ada Writer</span> and <span class=\"author\">Bo Reader</span></p>\n<p class=\"article-meta\"><time datetime=\"2024-05-01\">2024-05-01</time> · <span class=\"reading-time\">1 min read</span></p>\n</header>\n"
    ), "{}", a.html);
    // A title from front matter leaves the body's first heading in place, and in the toc.
    assert!(a.html.contains("<h1 id=\"user-content-not-the-title\">Not the title"));
    assert_eq!(a.toc.len(), 1);
}

#[test]
fn toml_front_matter_too() {
    let a = article(
        "+++\ntitle = \"Tides\"\nauthor = \"Cy\"\ndate = 2024-05-01T10:00:00Z\ntags = \"a, b\"\n[extra]\nk = 1\n+++\nText.\n",
        "{}",
    );
    assert_eq!(a.title.as_deref(), Some("Tides"));
    assert_eq!(a.authors, ["Cy"]);
    assert_eq!(a.date.as_deref(), Some("2024-05-01T10:00:00Z"));
    assert_eq!(a.tags, ["a", "b"]);
    assert_eq!(a.front_matter["extra"], serde_json::json!({"k": 1}));
}

#[test]
fn malformed_front_matter_warns_with_its_line_and_still_renders() {
    let a = article("---\ntitle: ok\nbad: [unclosed\n---\n# Heading\n\nText.\n", "{}");
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    assert!(matches!(a.warnings[0].line, Some(3..=4)), "{:?}", a.warnings);
    // The front matter is not rendered, the body is, and the title falls back to the heading.
    assert_eq!(a.title.as_deref(), Some("Heading"));
    assert!(a.html.contains("<p>Text.</p>") && !a.html.contains("unclosed"));
}

#[test]
fn without_front_matter_the_title_and_byline_come_from_the_lead() {
    let a = article(
        "# The Title\n\nBy Jane Doe and John Roe\n\nFirst paragraph.\n\n## Part\n",
        "{}",
    );
    assert_eq!(a.title.as_deref(), Some("The Title"));
    assert_eq!(a.authors, ["Jane Doe", "John Roe"]);
    // Neither the title nor the byline is rendered twice.
    assert_eq!(a.html.matches("The Title").count(), 1);
    assert_eq!(a.html.matches("Jane Doe").count(), 1);
    assert_eq!(a.excerpt.as_deref(), Some("First paragraph."));
    // A sentence that happens to start with "By" is not a byline.
    let b = article("# T\n\nBy the harbour, the library stood for a century.\n", "{}");
    assert!(b.authors.is_empty());
    assert!(b.html.contains("<p>By the harbour"));
}

#[test]
fn excerpt_prefers_description_then_more_marker_then_first_paragraph() {
    let more = article("Intro one.\n\nIntro two.\n\n<!-- more -->\n\nRest.\n", "{}");
    assert_eq!(more.excerpt.as_deref(), Some("Intro one. Intro two."));
    assert!(!more.html.contains("more"), "the marker is not rendered: {}", more.html);
    // With CRLF line endings, and in a quote, the marker's block goes whole in every raw HTML mode.
    for mode in ["sanitize", "escape", "strip"] {
        let options = format!(r#"{{"rawHtml":"{mode}","bodyOnly":true}}"#);
        let crlf = article("Intro.\r\n\r\n> <!-- more -->\r\n\r\nRest.\r\n", &options);
        assert_eq!(crlf.excerpt.as_deref(), Some("Intro."), "{mode}");
        assert_eq!(
            crlf.html, "<p>Intro.</p>\n<blockquote>\n</blockquote>\n<p>Rest.</p>\n",
            "{mode}"
        );
    }
    let long = "word ".repeat(100);
    let cut = article(&long, "{}").excerpt.unwrap();
    assert!(cut.ends_with('…') && cut.chars().count() <= 201, "{cut}");
    assert!(cut.trim_end_matches('…').ends_with("word"));
}

#[test]
fn words_and_reading_time() {
    let a = article(
        "One two three.\n\n```\ncode counts too\n```\n\n[link text](https://x.example) <b>markup</b>",
        "{}",
    );
    assert_eq!(a.word_count, 9, "text inside raw HTML is read too; the tags are not");
    assert_eq!(a.reading_minutes, 1);
    assert_eq!(
        article("un*believ*able [li**nk**](x)", "{}").word_count,
        2,
        "inline markup splits no word"
    );
    let long = article(&"word ".repeat(231), "{}");
    assert_eq!(long.reading_minutes, 2);
    // CJK: each character is a word; 500 a minute.
    let cjk = article(&"字".repeat(501), "{}");
    assert_eq!(cjk.word_count, 501);
    assert_eq!(cjk.reading_minutes, 2);
}

#[test]
fn toc_ids_match_the_html() {
    let a = article(
        "# Title\n\n## One\n\n### Two\n\n## One\n\n#### Deep\n",
        r#"{"tocMaxLevel":3,"tocNav":true}"#,
    );
    let ids: Vec<&str> = a.toc.iter().map(|e| e.id.as_deref().unwrap()).collect();
    assert_eq!(ids, ["user-content-one", "user-content-two", "user-content-one-1"]);
    for id in ids {
        assert!(a.html.contains(&format!("<h2 id=\"{id}\"")) || a.html.contains(&format!("<h3 id=\"{id}\"")));
        assert!(a.html.contains(&format!("<li><a href=\"#{id}\"")), "nav links to {id}");
    }
    assert!(a.html.contains("<nav class=\"toc\" aria-label=\"Contents\">"));
}

#[test]
fn a_lone_image_is_a_figure_and_every_image_is_lazy() {
    let a = article(
        "![Alt text](a.png \"The caption\")\n\n![Only alt](b.png)\n\nInline ![x](c.png) image.\n",
        "{}",
    );
    assert!(a.html.contains("<figure>\n<img src=\"a.png\" alt=\"Alt text\" title=\"The caption\" loading=\"lazy\" decoding=\"async\">\n<figcaption>The caption</figcaption>\n</figure>"), "{}", a.html);
    assert!(a.html.contains("<figcaption>Only alt</figcaption>"));
    assert!(a
        .html
        .contains("<p>Inline <img src=\"c.png\" alt=\"x\" loading=\"lazy\" decoding=\"async\"> image.</p>"));
    assert_eq!(a.images, ["a.png", "b.png", "c.png"]);
    assert_eq!(
        a.image.as_deref(),
        Some("a.png"),
        "the first image stands in for a cover"
    );
}

#[test]
fn a_quote_with_a_dash_line_gets_an_attribution() {
    for dash in ["—", "–", "--"] {
        let a = article(
            &format!("> Words that matter.\n>\n> {dash} Mara Quint, librarian\n"),
            "{}",
        );
        assert!(
            a.html.contains("<figure class=\"quote\">\n<blockquote>\n<p>Words that matter.</p>\n</blockquote>\n<figcaption>— Mara Quint, librarian</figcaption>\n</figure>"),
            "{dash}: {}",
            a.html
        );
    }
    let plain = article("> Just a quote.\n", "{}");
    assert!(plain.html.contains("<blockquote>\n<p>Just a quote.</p>\n</blockquote>"));
    // Deeply nested quotes stay well-formed (and flattened past the nesting bound).
    let nested = article(&format!("{}deep\n", "> ".repeat(500)), "{}");
    let opened = nested.html.matches("<blockquote>").count();
    assert_eq!(opened, nested.html.matches("</blockquote>").count());
    assert!((32..500).contains(&opened) && nested.html.contains("deep"), "{opened}");
}

#[test]
fn links_resolve_against_the_base_url() {
    let a = article(
        "[rel](images/a.png) [abs](/x) [up](../y) [frag](#part) [ext](https://other.example/) [same](https://site.example/z)\n\n![img](images/a.png)\n\n<a href=\"raw.html\">raw</a>\n",
        r#"{"baseUrl":"https://site.example/posts/x/","externalLinksNewTab":true}"#,
    );
    assert_eq!(
        a.links,
        [
            "https://site.example/posts/x/images/a.png",
            "https://site.example/x",
            "https://site.example/posts/y",
            "#user-content-part",
            "https://other.example/",
            "https://site.example/z",
        ]
    );
    assert_eq!(a.images, ["https://site.example/posts/x/images/a.png"]);
    assert!(a.html.contains("<a href=\"https://other.example/\" target=\"_blank\""));
    assert!(!a.html.contains("<a href=\"https://site.example/z\" target"));
    assert!(
        a.html.contains("<a href=\"https://site.example/posts/x/raw.html\""),
        "raw HTML resolves too"
    );
    let mail = article(
        "<a@b.example> and c@d.example",
        r#"{"baseUrl":"https://site.example/"}"#,
    );
    assert_eq!(mail.links, ["a@b.example", "c@d.example"]);
    assert!(mail.html.contains("href=\"mailto:a@b.example\"") && mail.html.contains("href=\"mailto:c@d.example\""));
    let bad = Options::from_json(r#"{"baseUrl":"javascript:alert(1)"}"#)
        .unwrap_err()
        .to_string();
    assert!(bad.contains("baseUrl"), "{bad}");
}

#[test]
fn body_only_leaves_out_the_frame_but_still_takes_the_title() {
    let a = article("# Title\n\nBy Ann\n\nText.\n", r#"{"bodyOnly":true}"#);
    assert_eq!(a.html, "<p>Text.</p>\n");
    assert_eq!((a.title.as_deref(), a.author.as_deref()), (Some("Title"), Some("Ann")));
}

#[test]
fn front_matter_is_only_read_by_the_article_preset() {
    let a = article("---\ntitle: x\n---\ntext\n", r#"{"preset":"commonmark"}"#);
    assert_eq!(a.html, "<hr>\n<h2>title: x</h2>\n<p>text</p>\n");
    assert_eq!(a.title, None);
}
