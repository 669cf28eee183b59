//! Source positions (`sourceLines`): the input lines of every top-level block and heading, for
//! an editor to sync its scrolling with the preview.

use quire::{render, Options};

fn options(json: &str) -> Options {
    Options::from_json(json).unwrap()
}

fn lines_of(html: &str) -> Vec<&str> {
    html.split("data-source-lines=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect()
}

#[test]
fn every_top_level_block_has_its_lines() {
    let markdown = "# Title\n\nPara one\ncontinued.\n\n> [!NOTE]\n> An alert.\n\n> quoted\n>\n> — Someone\n\n\
                    ![img](a.png \"cap\")\n\n- a\n- b\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n***\n";
    let html = render(
        markdown,
        &options(r#"{"sourceLines":true,"titleBlock":false,"bodyOnly":true}"#),
    )
    .unwrap()
    .html;
    assert_eq!(
        lines_of(&html),
        ["1-1", "3-4", "6-7", "9-11", "13-13", "15-16", "18-20", "22-24", "26-26"],
        "{html}"
    );
    assert!(
        html.starts_with("<h1 id=\"user-content-title\" data-source-lines=\"1-1\">"),
        "{html}"
    );
    assert!(html.contains("<div class=\"markdown-alert markdown-alert-note\" data-source-lines=\"6-7\">"));
    assert!(html.contains("<figure class=\"quote\" data-source-lines=\"9-11\">"));
    assert!(html.contains("<figure data-source-lines=\"13-13\">"));
    assert!(html.contains("<pre data-source-lines=\"22-24\"><code>"));
    assert!(html.contains("<hr data-source-lines=\"26-26\">"));
}

#[test]
fn lines_count_from_the_top_of_the_input_and_toc_entries_have_them() {
    let markdown = "---\ntitle: T\n---\n\nIntro\n\n## One\n\n> ## Quoted heading\n";
    let article = render(markdown, &options(r#"{"sourceLines":true}"#)).unwrap();
    assert_eq!(
        lines_of(&article.html),
        ["5-5", "7-7", "9-9", "9-9"],
        "{}",
        article.html
    );
    let toc: Vec<_> = article
        .toc
        .iter()
        .map(|entry| (entry.text.as_str(), entry.line))
        .collect();
    assert_eq!(toc, [("One", Some(7)), ("Quoted heading", Some(9))]);
}

#[test]
fn off_by_default_and_off_leaves_the_html_alone() {
    let markdown = "## One\n\ntext\n";
    let plain = render(markdown, &Options::default()).unwrap();
    assert!(!plain.html.contains("data-source-lines"));
    assert_eq!(plain.toc[0].line, None);
    let with = render(markdown, &options(r#"{"sourceLines":true}"#)).unwrap();
    assert_eq!(
        with.html
            .replace(" data-source-lines=\"1-1\"", "")
            .replace(" data-source-lines=\"3-3\"", ""),
        plain.html
    );
}

#[test]
fn the_policy_keeps_them_beside_raw_html_and_footnotes_move_without_them() {
    let markdown = "Text[^1] <b>bold</b>\n\n<div onclick=\"x()\">raw</div>\n\n[^1]: The note.\n\nAfter\n";
    let html = render(markdown, &options(r#"{"sourceLines":true,"bodyOnly":true}"#))
        .unwrap()
        .html;
    assert_eq!(lines_of(&html), ["1-1", "7-7"], "{html}");
    assert!(html.contains("<div>raw</div>"), "{html}");
    assert!(
        html.contains("<section class=\"footnotes\">\n<ol>\n<li id=\"user-content-fn-1\">"),
        "{html}"
    );
}

#[test]
fn the_title_block_and_the_more_marker_still_work() {
    let markdown = "# The title\n\nBy Ann Lee\n\nLead paragraph.\n\n<!-- more -->\n\nRest.\n";
    let with = render(markdown, &options(r#"{"sourceLines":true}"#)).unwrap();
    let without = render(markdown, &Options::default()).unwrap();
    assert_eq!(with.title, without.title);
    assert_eq!(with.authors, without.authors);
    assert_eq!(with.excerpt, without.excerpt);
    assert_eq!(lines_of(&with.html), ["5-5", "9-9"], "{}", with.html);
}
