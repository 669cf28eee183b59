//! The web package's core module is this crate built without the `sanitizer` feature
//! (`cargo test --no-default-features --test core_build`, which `make test` runs): it must give the
//! full build's HTML for every document it renders, and refuse, with `Error::SanitizerNeeded`,
//! exactly what needs the sanitizer.
#![cfg(not(feature = "sanitizer"))]

use std::fs;
use std::path::Path;

use quire::{render, sanitize_html, Error, Options};

fn options(json: &str) -> Options {
    Options::from_json(json).unwrap()
}

#[test]
fn golden_files_render_the_same_or_ask_for_the_sanitizer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let (mut rendered, mut refused) = (Vec::new(), Vec::new());
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let markdown = fs::read_to_string(&path).unwrap();
        let options = options(&fs::read_to_string(path.with_extension("json")).unwrap());
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        match render(&markdown, &options) {
            Ok(article) => {
                let expected = fs::read_to_string(path.with_extension("html")).unwrap();
                assert_eq!(
                    article.html, expected,
                    "{name}: the core build's HTML differs from the golden file"
                );
                rendered.push(name);
            }
            Err(Error::SanitizerNeeded) => refused.push(name),
            Err(error) => panic!("{name}: {error}"),
        }
    }
    rendered.sort();
    refused.sort();
    // The fixtures without raw HTML to sanitize render; those with it are refused.
    assert_eq!(
        rendered,
        ["commonmark", "escape", "features", "gfm"],
        "rendered by the core build"
    );
    assert_eq!(refused, ["hostile", "strip"], "refused by the core build");
}

#[test]
fn markdown_without_raw_html_renders() {
    let article = render(
        "# Title\n\n[x](javascript:alert(1)) *text* <https://example.com>\n\n- [ ] task\n",
        &Options::default(),
    )
    .unwrap();
    assert!(
        article
            .html
            .contains(r#"<a rel="noopener noreferrer nofollow ugc">x</a>"#),
        "{}",
        article.html
    );
    assert_eq!(article.removed.len(), 1, "the javascript: URL is reported");
}

#[test]
fn raw_html_needs_the_sanitizer_unless_escaped_or_trusted() {
    let raw = "Text <b onclick=\"x()\">bold</b>\n\n<div>\nblock\n</div>\n";
    for mode in ["sanitize", "strip"] {
        let result = render(raw, &options(&format!(r#"{{"rawHtml":"{mode}"}}"#)));
        assert_eq!(result.err(), Some(Error::SanitizerNeeded), "{mode}");
    }
    let escaped = render(raw, &options(r#"{"rawHtml":"escape","bodyOnly":true}"#)).unwrap();
    assert!(
        escaped.html.starts_with("<p>Text &lt;b onclick=\"x()\"&gt;bold"),
        "{}",
        escaped.html
    );
    let trusted = render(raw, &options(r#"{"rawHtml":"trusted","bodyOnly":true}"#)).unwrap();
    assert!(trusted.html.contains("<b onclick=\"x()\">"), "{}", trusted.html);
    assert_eq!(
        sanitize_html("<b>x</b>", &Options::default()),
        Err(Error::SanitizerNeeded)
    );
}

#[test]
fn raw_html_comments_alone_do_not_need_the_sanitizer() {
    let markdown = "<!-- draft: check the figures -->\n\nText <!-- inline --> here.\n\n<!-- more -->\n\nMore.\n";
    // As the full build renders it (the sanitizer keeps the newline after a removed block comment;
    // strip mode drops the block).
    for (mode, expected) in [
        ("sanitize", "\n<p>Text  here.</p>\n<p>More.</p>\n"),
        ("strip", "<p>Text  here.</p>\n<p>More.</p>\n"),
    ] {
        let options = options(&format!(r#"{{"rawHtml":"{mode}","bodyOnly":true}}"#));
        assert_eq!(render(markdown, &options).unwrap().html, expected, "{mode}");
    }
    // A comment the HTML tokenizer could read otherwise is still left to the sanitizer.
    let tricky = render("<!-- a -- b -->\n", &Options::default());
    assert_eq!(tricky.err(), Some(Error::SanitizerNeeded));
}
