//! `Article.removed`: what the sanitizer removed (elements, attributes, URLs) and on which line,
//! in every raw-HTML mode.

use quire::{render, Article, Options, Removal, RemovalKind};

fn article(markdown: &str, json: &str) -> Article {
    render(markdown, &Options::from_json(json).unwrap()).unwrap()
}

/// Each removal as `line kind name <element>`, for short assertions.
fn removed(markdown: &str, json: &str) -> Vec<String> {
    article(markdown, json).removed.iter().map(describe).collect()
}

fn describe(removal: &Removal) -> String {
    let kind = serde_json::to_value(removal.kind).unwrap();
    format!(
        "{} {} {} <{}>",
        removal.line,
        kind.as_str().unwrap(),
        removal.name,
        removal.element
    )
}

/// With GFM's tag filter off, `script`, `style` and `iframe` reach the sanitizer as tags.
const NO_TAGFILTER: &str = r#"{"tagfilter":false}"#;

#[test]
fn removed_elements_with_their_lines() {
    let markdown = "# Title

Some text.

<iframe src=\"https://video.example/embed/1\" width=\"560\"></iframe>

<script>document.write('<img src=x onerror=alert(1)>')</script>

<style>p { color: red }</style>

Inline <object data=\"movie.swf\"></object> and <form action=\"/x\"><button>go</button></form>.
";
    let a = article(markdown, NO_TAGFILTER);
    assert_eq!(
        a.removed.iter().map(describe).collect::<Vec<_>>(),
        [
            "5 element iframe <iframe>",
            // Nothing inside the script is read as tags: it goes with the script.
            "7 element script <script>",
            "9 element style <style>",
            "11 element object <object>",
            "11 element form <form>",
            "11 element button <button>",
        ]
    );
    for gone in ["<iframe", "<script", "<style", "<object", "<form", "<button"] {
        assert!(!a.html.contains(gone), "{gone} in {}", a.html);
    }
}

#[test]
fn a_script_ends_where_html_ends_it_through_its_escapes() {
    // In a script, `<!--<script>` hides the next `</script>`: the `<img>` is still script text,
    // removed with the script, not a tag whose `onerror` goes.
    let markdown = "<script><!--<script></script><img src=x onerror=y></script>\n\n<p onclick=z>a</p>\n";
    let a = article(markdown, NO_TAGFILTER);
    assert_eq!(
        a.removed.iter().map(describe).collect::<Vec<_>>(),
        ["1 element script <script>", "3 attribute onclick <p>"]
    );
    assert!(!a.html.contains("<img"), "{}", a.html);
}

#[test]
fn the_tag_filter_shows_its_tags_as_text_so_they_are_not_removed() {
    let a = article("<script>alert(1)</script>\n\n<iframe src=x></iframe>\n", "{}");
    assert!(a.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{}", a.html);
    assert_eq!(a.removed, []);
    // Other tags in the same HTML are still checked.
    assert_eq!(
        removed("<p onclick=\"x()\">a <textarea>b</textarea></p>\n", "{}"),
        ["1 attribute onclick <p>"]
    );
}

#[test]
fn removed_attributes() {
    let markdown = "<p onclick=\"go()\" style=\"color: red\" title=\"kept\">a</p>

<div srcdoc=\"&lt;script&gt;x()&lt;/script&gt;\" class=\"float-right\" id=\"kept\">b</div>

<a href=\"https://example.com\" target=\"_top\" name=\"x\" onmouseover=\"y()\">c</a>

<img src=\"cat.png\" alt=\"cat\" onerror=\"z()\" loading=\"soon\">
";
    assert_eq!(
        removed(markdown, "{}"),
        [
            "1 attribute onclick <p>",
            "1 attribute style <p>",
            "3 attribute srcdoc <div>",
            // No class of ours in it: the whole attribute goes.
            "3 attribute class <div>",
            // `target` is allowed on links, but only as `_blank`.
            "5 attribute target <a>",
            "5 attribute name <a>",
            "5 attribute onmouseover <a>",
            "7 attribute onerror <img>",
            "7 attribute loading <img>",
        ]
    );
}

#[test]
fn a_class_list_that_keeps_a_class_is_not_reported() {
    assert_eq!(
        removed("<pre><code class=\"language-rust evil\">x</code></pre>\n", "{}"),
        Vec::<String>::new()
    );
}

#[test]
fn disallowed_urls_in_raw_html() {
    let markdown = "<a href=\"javascript:alert(1)\">a</a> <img src=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\">

<a href=\"VBScript:msgbox(1)\">b</a>

<a href=\"jav&#x61;script&colon;alert(2)\">encoded</a> <a href=\" java&#9;script:alert(3)\">spaced</a>

<a href=\"https://example.com/ok\">ok</a> <a href=\"../relative\">rel</a> <a href=\"mailto:a@example.com\">mail</a>
";
    let a = article(markdown, "{}");
    assert_eq!(
        a.removed.iter().map(describe).collect::<Vec<_>>(),
        [
            "1 url javascript: <a>",
            "1 url data: <img>",
            "3 url vbscript: <a>",
            // Deduplicated: two javascript: URLs on line 5 are one removal.
            "5 url javascript: <a>",
        ]
    );
    assert!(!a.html.contains("script:"), "{}", a.html);
}

#[test]
fn disallowed_urls_in_markdown_links_and_images() {
    let markdown = "[click](javascript:alert(1)) and ![pic](data:image/png;base64,iVBORw0KGgo=)

A [reference][r] and an autolink <javascript:alert(2)>.

[fine](https://example.com) [relative](../a.html) [mail](mailto:a@example.com) <a@example.com> [call](tel:+1)

[r]: vbscript:msgbox(1)
";
    assert_eq!(
        removed(markdown, "{}"),
        [
            "1 url javascript: <a>",
            "1 url data: <img>",
            // The line of the link, not of its definition.
            "3 url vbscript: <a>",
            "3 url javascript: <a>",
        ]
    );
}

#[test]
fn bare_addresses_linked_with_a_scheme_the_sanitizer_does_not_keep() {
    // The autolink extension links `ftp://` and `xmpp:` addresses; the policy keeps neither scheme.
    let markdown = "# Files

The archive is at
ftp://files.example.com/pub and the chat at xmpp:room@chat.example.com, or
<ftp://mirror.example.com/pub>.

See https://example.com and www.example.com and a@example.com.
";
    let a = article(markdown, "{}");
    assert_eq!(
        a.removed.iter().map(describe).collect::<Vec<_>>(),
        ["4 url ftp: <a>", "4 url xmpp: <a>", "5 url ftp: <a>"]
    );
    assert!(!a.html.contains("href=\"ftp:"), "{}", a.html);
    // Without the extension, only the CommonMark autolink is a link.
    assert_eq!(removed(markdown, r#"{"preset":"commonmark"}"#), ["5 url ftp: <a>"]);
}

#[test]
fn a_url_that_does_not_parse_is_shown_cut_short() {
    let long = format!("[x](http://example.com:99999/{})\n", "a".repeat(300));
    let a = article(&long, "{}");
    assert_eq!(a.removed.len(), 1);
    let name = &a.removed[0].name;
    assert!(name.starts_with("http://example.com:99999/aaa"), "{name}");
    assert_eq!(name.chars().count(), 101, "{name}");
    assert!(name.ends_with('…'));
    // A long URL with a disallowed scheme is named by its scheme only.
    let data = format!("![x](data:image/png;base64,{})\n", "A".repeat(5000));
    assert_eq!(removed(&data, "{}"), ["1 url data: <img>"]);
}

#[test]
fn clean_documents_and_allowed_html_report_nothing() {
    let markdown = "---
title: Clean
---
# Heading {#custom .wide}

Text with **bold**, `code`, a [link](https://example.com \"title\"), an ![image](cat.png), a
footnote[^1] and <https://example.com/auto>.

<details>
<summary>More</summary>

Inside <kbd>Ctrl</kbd>+<kbd>C</kbd>, <mark>marked</mark>, <sub>sub</sub>, <abbr title=\"HyperText\">HTML</abbr>.

</details>

<img src=\"cat.png\" width=\"200\" height=\"100\" alt=\"A cat\">

<p dir=\"rtl\" lang=\"ar\" title=\"t\">مرحبا</p>

<a href=\"#top\" target=\"_blank\">top</a> <span id=\"x\">s</span> <!-- more -->

| a | b |
|:--|--:|
| <del>1</del> | <ins>2</ins> |

- [x] done

> [!NOTE]
> An alert with $x^2$ math.

[^1]: The note, <em>emphasised</em>.
";
    let a = article(markdown, "{}");
    assert_eq!(a.removed, [], "{:?}", a.removed);
    assert_eq!(
        removed("Just *Markdown*: no HTML at all.\n", "{}"),
        Vec::<String>::new()
    );
    // The policy does not keep `open` on `details`: the report says so.
    assert_eq!(
        removed("<details open><summary>s</summary>x</details>\n", "{}"),
        ["1 attribute open <details>"]
    );
}

#[test]
fn lines_count_the_front_matter() {
    let yaml = "---\ntitle: T\ntags: [a, b]\n---\n\nIntro.\n\n<p onclick=\"x()\">a</p>\n\n[js](javascript:void(0))\n";
    assert_eq!(
        removed(yaml, "{}"),
        ["8 attribute onclick <p>", "10 url javascript: <a>"]
    );
    let toml = "+++\ntitle = \"T\"\n+++\n<p style=\"x\">a</p>\n";
    assert_eq!(removed(toml, "{}"), ["4 attribute style <p>"]);
    // Without front matter, the same `---` block is Markdown and lines are counted the same way.
    assert_eq!(
        removed(yaml, r#"{"frontMatter":false}"#),
        ["8 attribute onclick <p>", "10 url javascript: <a>"]
    );
}

#[test]
fn elements_on_the_line_where_they_start_attributes_where_they_are_written() {
    let markdown = "<div>
<img
  src=\"javascript:alert(1)\"
  onerror=\"alert(2)\">
<iframe width=\"560\"
  src=\"https://video.example/embed/1\"
  allowfullscreen></iframe>
</div>

Text with an inline <span
onclick=\"x()\">span</span> and <b style=\"y\">bold</b>.

> <p title=\"a <b> in a value\"
> style=\"x\">quoted</p>

- <div
  onclick=\"z()\">in a list</div>
";
    assert_eq!(
        removed(markdown, NO_TAGFILTER),
        [
            "3 url javascript: <img>",
            "4 attribute onerror <img>",
            "5 element iframe <iframe>",
            "11 attribute onclick <span>",
            "11 attribute style <b>",
            "14 attribute style <p>",
            "17 attribute onclick <div>",
        ]
    );
}

#[test]
fn every_line_ending_counts() {
    assert_eq!(
        removed("a\r\n\r\n<p onclick=x>b</p>\r\n\r\n[c](javascript:x)\r\n", "{}"),
        ["3 attribute onclick <p>", "5 url javascript: <a>"]
    );
    assert_eq!(removed("a\r\r<p onclick=x>b</p>\r", "{}"), ["3 attribute onclick <p>"]);
}

#[test]
fn removals_are_deduplicated_per_kind_name_and_line() {
    let markdown = "<p onclick=a><span onclick=b>x</span> <span onclick=c>y</span></p>

<i onclick=d>z</i> <a href=\"javascript:1\">1</a> <a href=\"javascript:2\">2</a> <a href=\"data:,3\">3</a>
";
    assert_eq!(
        removed(markdown, "{}"),
        [
            // The first element it was found on is named.
            "1 attribute onclick <p>",
            "3 attribute onclick <i>",
            "3 url javascript: <a>",
            "3 url data: <a>",
        ]
    );
}

#[test]
fn a_repeated_attribute_counts_once_the_first_time() {
    // The HTML tokenizer keeps the first of two same-named attributes and drops the second.
    assert_eq!(
        removed("<a href=\"https://example.com\" href=\"javascript:x\">a</a>\n", "{}"),
        Vec::<String>::new()
    );
    assert_eq!(
        removed("<a href=\"javascript:x\" HREF=\"https://example.com\">a</a>\n", "{}"),
        ["1 url javascript: <a>"]
    );
}

#[test]
fn comments_and_attribute_values_hold_no_tags() {
    let markdown = "<!-- <iframe src=x> <p onclick=y> -->

<p title=\"<iframe onload=x>\">a</p>

<details><summary>s</summary><!-- <script> --></details>
";
    assert_eq!(removed(markdown, NO_TAGFILTER), Vec::<String>::new());
}

#[test]
fn an_unclosed_script_takes_the_rest_with_it() {
    // The sanitizer sees everything after `<script>` as its content and removes it all.
    let markdown = "<p onclick=a>kept</p>\n\n<script>\nvar x;\n\n<p onclick=b>\n\n<iframe>\n";
    let a = article(markdown, NO_TAGFILTER);
    assert_eq!(
        a.removed.iter().map(describe).collect::<Vec<_>>(),
        ["1 attribute onclick <p>", "3 element script <script>"]
    );
    assert!(!a.html.contains("var x"), "{}", a.html);
}

#[test]
fn escape_and_strip_report_only_link_urls() {
    let markdown = "<iframe src=x></iframe> <p onclick=\"x()\">a</p> <a href=\"javascript:1\">raw</a>\n\n[md](javascript:alert(1)) ![img](vbscript:x)\n";
    for mode in ["escape", "strip"] {
        let json = format!(r#"{{"rawHtml":"{mode}","tagfilter":false}}"#);
        assert_eq!(
            removed(markdown, &json),
            ["3 url javascript: <a>", "3 url vbscript: <img>"],
            "{mode}"
        );
    }
}

#[test]
fn trusted_reports_nothing() {
    let markdown = "<iframe src=x></iframe> <p onclick=\"x()\">a</p>\n\n[md](javascript:alert(1))\n";
    let a = article(markdown, r#"{"rawHtml":"trusted","tagfilter":false}"#);
    assert!(a.html.contains("onclick"));
    assert_eq!(a.removed, []);
}

#[test]
fn every_preset_reports() {
    let markdown = "<p style=\"x\">a</p>\n\n[b](javascript:x)\n";
    for preset in ["article", "gfm", "commonmark"] {
        assert_eq!(
            removed(markdown, &format!(r#"{{"preset":"{preset}"}}"#)),
            ["1 attribute style <p>", "3 url javascript: <a>"],
            "{preset}"
        );
    }
}

#[test]
fn what_is_reported_is_gone_from_the_html() {
    let markdown = std::fs::read_to_string("tests/fixtures/hostile.md").unwrap();
    let a = article(&markdown, NO_TAGFILTER);
    assert!(a.removed.len() >= 8, "{:?}", a.removed);
    for removal in &a.removed {
        let trace = match removal.kind {
            RemovalKind::Element => format!("<{}", removal.name),
            RemovalKind::Attribute => format!(" {}=", removal.name),
            _ => format!("\"{}", removal.name),
        };
        assert!(!a.html.contains(&trace), "{trace} still in {}", a.html);
    }
}

#[test]
fn serializes_as_camel_case_json() {
    let a = article("<p onclick=x>a</p>\n", "{}");
    assert_eq!(
        serde_json::to_string(&a.removed).unwrap(),
        r#"[{"kind":"attribute","name":"onclick","element":"p","line":1}]"#
    );
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["removed"][0]["kind"], "attribute");
}
