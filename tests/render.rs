//! The core's behaviour: presets, overrides, raw-HTML modes, limits, errors, metadata.

use quire::{render, Error, Options, Preset, RawHtml};

/// The body's HTML (`bodyOnly`, so these tests pin one construct at a time; the article frame
/// has tests of its own).
fn html(markdown: &str, json: &str) -> String {
    let mut options = Options::from_json(json).unwrap();
    options.body_only = Some(true);
    render(markdown, &options).unwrap().html
}

#[test]
fn default_options_are_the_safe_article_preset() {
    let options = Options::default();
    assert_eq!(options.preset, Preset::Article);
    assert_eq!(options.raw_html, RawHtml::Sanitize);
    assert_eq!(options.max_input_bytes, 8 * 1024 * 1024);
    assert_eq!(Options::from_json("{}").unwrap(), options);
}

#[test]
fn article_preset_adds_ids_and_smart_punctuation() {
    assert_eq!(
        html("## It's -- here...", r#"{"headingAnchors":false}"#),
        "<h2 id=\"user-content-its--here\">It’s – here…</h2>\n"
    );
}

#[test]
fn spec_presets_render_plain_markdown() {
    assert_eq!(
        html("## It's -- here...", r#"{"preset":"commonmark"}"#),
        "<h2>It's -- here...</h2>\n"
    );
    assert_eq!(
        html("## It's -- here...", r#"{"preset":"gfm"}"#),
        "<h2>It's -- here...</h2>\n"
    );
    // Tables are GFM, not CommonMark.
    let table = "| a |\n|---|\n| b |\n";
    assert!(html(table, r#"{"preset":"gfm"}"#).starts_with("<table>"));
    assert!(html(table, r#"{"preset":"commonmark"}"#).starts_with("<p>| a |"));
}

#[test]
fn options_override_the_preset() {
    assert_eq!(
        html("# A 'b'", r#"{"preset":"commonmark","headingIds":true}"#),
        "<h1 id=\"user-content-a-b\">A 'b'</h1>\n"
    );
    assert_eq!(
        html(
            "# A 'b'",
            r#"{"smartPunctuation":false,"headingIds":false,"titleBlock":false}"#
        ),
        "<h1>A 'b'</h1>\n"
    );
    assert_eq!(
        html("## A", r#"{"idPrefix":"doc-","headingAnchors":false}"#),
        "<h2 id=\"doc-a\">A</h2>\n"
    );
    assert_eq!(html("~~x~~", r#"{"strikethrough":false}"#), "<p>~~x~~</p>\n");
}

#[test]
fn sanitize_keeps_markdown_and_safe_html_and_shows_script_as_text() {
    let out = html(
        "<b onclick=x()>bold</b> <script>alert(1)</script>\n\n[a](javascript:alert(1)) ![i](x.png)",
        "{}",
    );
    assert_eq!(
        out,
        "<p><b>bold</b> &lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p><a rel=\"noopener noreferrer nofollow ugc\">a</a> <img src=\"x.png\" alt=\"i\" loading=\"lazy\" decoding=\"async\"></p>\n"
    );
}

#[test]
fn raw_html_modes() {
    let md = "Hi <b>there</b>\n\n<div>block <i>text</i><script>evil()</script></div>\n";
    assert_eq!(html(md, r#"{"rawHtml":"escape"}"#), "<p>Hi &lt;b&gt;there&lt;/b&gt;</p>\n<p>&lt;div&gt;block &lt;i&gt;text&lt;/i&gt;&lt;script&gt;evil()&lt;/script&gt;&lt;/div&gt;\n</p>\n");
    assert_eq!(
        html(md, r#"{"rawHtml":"strip"}"#),
        "<p>Hi there</p>\n<p>block text</p>\n"
    );
    // GFM's tag filter shows `<script>` as text even in trusted mode, unless turned off.
    assert_eq!(
        html(md, r#"{"rawHtml":"trusted"}"#),
        "<p>Hi <b>there</b></p>\n<div>block <i>text</i>&lt;script>evil()&lt;/script></div>\n"
    );
    assert_eq!(
        html(md, r#"{"rawHtml":"trusted","tagfilter":false}"#),
        "<p>Hi <b>there</b></p>\n<div>block <i>text</i><script>evil()</script></div>\n"
    );
    // Comments are raw HTML too: trusted, they stay; sanitized, they go.
    let md = "a <!-- note --> b\n\n<!-- block -->\n";
    assert_eq!(
        html(md, r#"{"rawHtml":"trusted"}"#),
        "<p>a <!-- note --> b</p>\n<!-- block -->\n"
    );
    assert_eq!(html(md, r#"{"rawHtml":"sanitize"}"#), "<p>a  b</p>\n\n");
}

#[test]
fn markdown_urls_are_filtered_in_every_untrusted_mode() {
    for mode in ["sanitize", "escape", "strip"] {
        let out = html(
            "[x](javascript:alert(1)) [y](vbscript:x) [z](data:text/html,x) [ok](mailto:a@b.c)",
            &format!(r#"{{"rawHtml":"{mode}"}}"#),
        );
        assert!(!out.contains("script:") && !out.contains("data:"), "{mode}: {out}");
        assert!(out.contains("href=\"mailto:a@b.c\""), "{mode}: {out}");
    }
}

#[test]
fn raw_html_ids_are_prefixed_against_dom_clobbering() {
    let out = html("<div id=\"cookie\" name=\"x\">a</div>\n\n[to](#cookie)", "{}");
    assert_eq!(out, "<div id=\"user-content-cookie\">a</div>\n<p><a href=\"#user-content-cookie\" rel=\"noopener noreferrer nofollow ugc\">to</a></p>\n");
}

#[test]
fn title_and_toc() {
    let article = render(
        "# The *Title*\n\n## One\n\n### Two\n\n## One\n\n# Second h1",
        &Options::default(),
    )
    .unwrap();
    assert_eq!(article.title.as_deref(), Some("The Title"));
    let toc: Vec<(u8, Option<&str>, &str)> = article
        .toc
        .iter()
        .map(|e| (e.level, e.id.as_deref(), e.text.as_str()))
        .collect();
    assert_eq!(
        toc,
        [
            (2, Some("user-content-one"), "One"),
            (3, Some("user-content-two"), "Two"),
            (2, Some("user-content-one-1"), "One"),
            (1, Some("user-content-second-h1"), "Second h1"),
        ]
    );
    assert_eq!(render("no heading", &Options::default()).unwrap().title, None);
}

#[test]
fn input_size_limit() {
    let options = Options::from_json(r#"{"maxInputBytes":5}"#).unwrap();
    assert!(render("12345", &options).is_ok());
    assert_eq!(
        render("123456", &options),
        Err(Error::InputTooLarge { size: 6, limit: 5 })
    );
    let message = render("123456", &options).unwrap_err().to_string();
    assert!(message.contains("maxInputBytes"), "{message}");
}

#[test]
fn option_errors_name_the_key_and_the_choices() {
    let cases = [
        (r#"{"nope":1}"#, ["`nope`", "rawHtml"]),
        (r#"{"preset":"fancy"}"#, ["`preset`", "commonmark"]),
        (r#"{"preset":3}"#, ["`preset`", "article"]),
        (r#"{"tables":"yes"}"#, ["`tables`", "true, false"]),
        (r#"{"maxInputBytes":0}"#, ["`maxInputBytes`", "at least 1"]),
        (r#"{"idPrefix":"\" onload=\""}"#, ["`idPrefix`", "letters"]),
        ("[]", ["object", "options"]),
        ("{", ["JSON", "options"]),
    ];
    for (json, needles) in cases {
        let error = Options::from_json(json).unwrap_err();
        assert!(matches!(error, Error::InvalidOptions(_)), "{json}");
        let message = error.to_string();
        for needle in needles {
            assert!(message.contains(needle), "{json}: {message:?} lacks {needle:?}");
        }
    }
}

#[test]
fn options_round_trip_through_json() {
    let options = Options::from_json(r#"{"preset":"gfm","rawHtml":"strip","tables":false,"idPrefix":"x-"}"#).unwrap();
    let json = serde_json::to_string(&options).unwrap();
    assert_eq!(Options::from_json(&json).unwrap(), options);
}

#[test]
fn awkward_input_renders() {
    let mut options = Options::default();
    options.heading_anchors = Some(false);
    options.title_block = Some(false);
    options.body_only = Some(true);
    assert_eq!(render("", &options).unwrap().html, "");
    assert_eq!(
        render("\u{FEFF}# BOM\r\nline\0nul\r\n", &options).unwrap().html,
        "<h1 id=\"user-content-bom\">BOM</h1>\n<p>line\u{FFFD}nul</p>\n"
    );
    let deep = format!("{}deep", "> ".repeat(2000));
    assert!(render(&deep, &options).unwrap().html.contains("deep"));
    let brackets = "[".repeat(50_000);
    assert_eq!(
        render(&brackets, &options).unwrap().html,
        format!("<p>{brackets}</p>\n")
    );
}

#[test]
fn article_extras_render_as_github_does() {
    let out = html("## Intro {#start .wide onclick=evil}\n\nSee [there](#start).", "{}");
    assert_eq!(
        out,
        "<h2 id=\"user-content-start\" class=\"wide\">Intro<a class=\"anchor\" href=\"#user-content-start\" aria-label=\"Link to this section: Intro\" rel=\"noopener noreferrer nofollow ugc\">#</a></h2>\n<p>See <a href=\"#user-content-start\" rel=\"noopener noreferrer nofollow ugc\">there</a>.</p>\n"
    );
    assert_eq!(
        html("> [!TIP]\n> Use *this*.", "{}"),
        "<div class=\"markdown-alert markdown-alert-tip\">\n<p class=\"markdown-alert-title\">Tip</p>\n<p>Use <em>this</em>.</p>\n</div>\n"
    );
    assert_eq!(
        html("$a<b$ and $$\\int x$$", "{}"),
        "<p><span class=\"math-inline\">a&lt;b</span> and <span class=\"math-display\">\\int x</span></p>\n"
    );
    assert_eq!(
        html("Term\n: Meaning", "{}"),
        "<dl>\n<dt>Term</dt>\n<dd>Meaning</dd>\n</dl>\n"
    );
    assert_eq!(
        html("A[^n].\n\n[^n]: Note.", "{}"),
        "<p>A<sup class=\"footnote-ref\"><a href=\"#user-content-fn-n\" id=\"user-content-fnref-n\" rel=\"noopener noreferrer nofollow ugc\">1</a></sup>.</p>\n<section class=\"footnotes\">\n<ol>\n<li id=\"user-content-fn-n\">\n<p>Note. <a href=\"#user-content-fnref-n\" class=\"footnote-backref\" aria-label=\"Back to reference 1\" rel=\"noopener noreferrer nofollow ugc\">↩</a></p>\n</li>\n</ol>\n</section>\n"
    );
}

#[test]
fn each_article_extra_can_be_turned_off() {
    let off = r#"{"headingAnchors":false,"headingAttributes":false,"alerts":false,"math":false,"definitionLists":false,"footnotes":false}"#;
    assert_eq!(html("## A {#b}", off), "<h2 id=\"user-content-a-b\">A {#b}</h2>\n");
    assert_eq!(
        html("> [!TIP]\n> x", off),
        "<blockquote>\n<p>[!TIP]\nx</p>\n</blockquote>\n"
    );
    assert_eq!(html("$x$", off), "<p>$x$</p>\n");
    assert_eq!(html("T\n: d", off), "<p>T\n: d</p>\n");
    assert_eq!(
        html("A[^n]\n\n[^n]: N", off),
        "<p>A<a href=\"N\" rel=\"noopener noreferrer nofollow ugc\">^n</a></p>\n"
    );
}
