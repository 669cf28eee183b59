//! The web package's core module is this crate built without the default features (`sanitizer`,
//! `front-matter`, `pasted-text`; `cargo test --no-default-features --test core_build`, which
//! `make test` runs): it must give the full build's HTML for every document it renders, and
//! refuse, with `Error::FeatureNeeded`, what needs the sanitizer (raw HTML the fast path does not
//! model), the front matter parsers or the pasted-text rules.
#![cfg(not(any(feature = "sanitizer", feature = "front-matter", feature = "pasted-text")))]

use std::fs;
use std::path::Path;

use quire::{render, sanitize_html, BuildFeature, Error, Options};

const SANITIZER_NEEDED: Error = Error::FeatureNeeded(BuildFeature::Sanitizer);
const FRONT_MATTER_NEEDED: Error = Error::FeatureNeeded(BuildFeature::FrontMatter);
const PASTED_TEXT_NEEDED: Error = Error::FeatureNeeded(BuildFeature::PastedText);

fn options(json: &str) -> Options {
    Options::from_json(json).unwrap()
}

#[test]
fn golden_files_render_the_same_or_ask_for_the_sanitizer() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let (mut rendered, mut refused, mut refused_front_matter) = (Vec::new(), Vec::new(), Vec::new());
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
            Err(SANITIZER_NEEDED) => refused.push(name),
            Err(FRONT_MATTER_NEEDED) => refused_front_matter.push(name),
            Err(error) => panic!("{name}: {error}"),
        }
    }
    rendered.sort();
    refused.sort();
    // The fixtures without raw HTML that needs ammonia or front matter to read render; the others
    // are refused. front-matter-off has a front matter block that its options leave unread.
    assert_eq!(
        rendered,
        ["commonmark", "escape", "features", "front-matter-off", "gfm"],
        "rendered by the core build"
    );
    assert_eq!(refused, ["hostile", "strip"], "refused by the core build: raw HTML");
    assert_eq!(
        refused_front_matter,
        ["front-matter"],
        "refused by the core build: front matter"
    );
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
fn raw_html_the_fast_path_models_renders_and_the_rest_needs_the_sanitizer() {
    // Written the common way: the fast path gives the full build's HTML and report (the full
    // build's, from `quire --json`), without ammonia.
    let common =
        "Text <b onclick=\"x()\">bold</b> &middot; <kbd>K</kbd><iframe src=\"https://evil.example/\"></iframe>\n\n\
                  <div>\nblock <a href=\"javascript:alert(1)\">x</a>\n</div>\n";
    let article = render(common, &options(r#"{"bodyOnly":true}"#)).unwrap();
    assert_eq!(
        article.html,
        "<p>Text <b>bold</b> · <kbd>K</kbd>&lt;iframe src=\"https://evil.example/\"&gt;&lt;/iframe&gt;</p>\n\
         <div>\nblock <a rel=\"noopener noreferrer nofollow ugc\">x</a>\n</div>\n"
    );
    let removed: Vec<_> = article
        .removed
        .iter()
        .map(|r| (r.name.as_str(), r.element.as_str(), r.line))
        .collect();
    assert_eq!(removed, [("onclick", "b", 1), ("javascript:", "a", 4)]);

    // As people write it (any case, values quoted with ' or not, a bare `&` in a query): the
    // same, checked against the full build's CLI.
    let respelled = "<TABLE>\n<TBODY><TR><TD ALIGN=center><IMG SRC=photo.jpg WIDTH=600 ALT='A \"photo\"'></TD></TR></TBODY>\n</TABLE>\n\n\
                     See <a href='https://example.com/?a=1&b=2' TARGET=_blank>this</a> &amp; <B>that</B>.\n";
    let article = render(respelled, &options(r#"{"bodyOnly":true}"#)).unwrap();
    assert_eq!(
        article.html,
        "<table>\n<tbody><tr><td align=\"center\"><img src=\"photo.jpg\" width=\"600\" alt=\"A &quot;photo&quot;\"></td></tr></tbody>\n</table>\n\
         <p>See <a href=\"https://example.com/?a=1&amp;b=2\" target=\"_blank\" rel=\"noopener noreferrer nofollow ugc\">this</a> &amp; <b>that</b>.</p>\n"
    );

    // What only ammonia can settle: an element outside the fast path's list, a capitalized
    // attribute the policy removes, a reference without its `;`, a `<p>` the tree builder would
    // close, a row it puts in a `<tbody>`; and `strip`'s HTML blocks.
    for raw in [
        "<center>x</center>",
        "<B ONCLICK=x>x</B>",
        "<table><tr><td>x</td></tr></table>",
        "a &copy b <i title=\"&copy\">x</i>",
        "<p>a<div>b</div></p>",
    ] {
        assert_eq!(render(raw, &Options::default()).err(), Some(SANITIZER_NEEDED), "{raw}");
    }
    let block = "Text\n\n<div>\nblock\n</div>\n";
    let result = render(block, &options(r#"{"rawHtml":"strip"}"#));
    assert_eq!(result.err(), Some(SANITIZER_NEEDED), "strip");

    let raw = "Text <b onclick=\"x()\">bold</b>\n\n<div>\nblock\n</div>\n";
    let escaped = render(raw, &options(r#"{"rawHtml":"escape","bodyOnly":true}"#)).unwrap();
    assert!(
        escaped.html.starts_with("<p>Text &lt;b onclick=\"x()\"&gt;bold"),
        "{}",
        escaped.html
    );
    let trusted = render(raw, &options(r#"{"rawHtml":"trusted","bodyOnly":true}"#)).unwrap();
    assert!(trusted.html.contains("<b onclick=\"x()\">"), "{}", trusted.html);
    assert_eq!(sanitize_html("<b>x</b>", &Options::default()), Err(SANITIZER_NEEDED));
}

#[test]
fn front_matter_in_the_common_way_is_read_and_the_rest_needs_the_parsers() {
    // `key: value` lines, quoted values and lists: read without the YAML parser (a differential
    // test in the crate holds this reader to saphyr-parser's results).
    let yaml = "---\ntitle: From the front matter\nauthors: [Ada, 'Grace']\ntags:\n  - one\n  - two\n---\n# Heading\n\nText.\n";
    for doc in [yaml.to_owned(), format!("\u{FEFF}{yaml}")] {
        let article = render(&doc, &Options::default()).unwrap();
        assert_eq!(article.title.as_deref(), Some("From the front matter"));
        assert_eq!(article.authors, ["Ada", "Grace"]);
        assert_eq!(article.tags, ["one", "two"]);
        assert!(
            article.html.contains("<h1>From the front matter</h1>"),
            "{}",
            article.html
        );
    }
    assert!(
        render("---\n---\nText.\n", &Options::default()).is_ok(),
        "an empty block"
    );

    // TOML, and YAML beyond that (nested maps, block scalars, anchors, escapes): the parsers.
    let toml = "+++\ntitle = \"From the front matter\"\n+++\n# Heading\n\nText.\n";
    let nested = "---\nseries:\n  name: Coast\n---\nText.\n";
    let block = "---\ndescription: |\n  Two\n  lines\n---\nText.\n";
    let anchored = "---\na: &x 1\nb: *x\n---\nText.\n";
    let escaped = "---\ntitle: \"Tab\\there\"\n---\nText.\n";
    for doc in [toml, nested, block, anchored, escaped] {
        let result = render(doc, &Options::default());
        assert_eq!(result.err(), Some(FRONT_MATTER_NEEDED), "{doc:?}");
        // A BOM before the block changes nothing.
        let result = render(&format!("\u{FEFF}{doc}"), &Options::default());
        assert_eq!(result.err(), Some(FRONT_MATTER_NEEDED), "{doc:?}");
    }
    let message = FRONT_MATTER_NEEDED.to_string();
    assert!(
        message.contains("front matter") && message.contains("loadSanitizer"),
        "{message}"
    );

    // Options errors and the size limit come first, as in the full build.
    let mut invalid = Options::default();
    invalid.toc_max_level = 9;
    assert!(matches!(render(toml, &invalid), Err(Error::InvalidOptions(_))));
    assert!(matches!(
        render(toml, &options(r#"{"maxInputBytes":10}"#)),
        Err(Error::InputTooLarge { .. })
    ));

    // With front matter off (the spec presets, or the switch), the block is Markdown and renders;
    // what needs reading is only a block that the options ask to read.
    for json in [
        r#"{"frontMatter":false}"#,
        r#"{"preset":"gfm"}"#,
        r#"{"preset":"commonmark"}"#,
    ] {
        let article = render(nested, &options(json)).unwrap();
        assert!(article.html.contains("<hr"), "{json}: {}", article.html);
        assert!(article.html.contains("series:"), "{json}: {}", article.html);
    }
    // Fences that do not close a block are no front matter either.
    for doc in ["---\ntitle: x\n\nText.\n", "+++\n---\n", "--- \nText\n...x\n"] {
        assert!(render(doc, &Options::default()).is_ok(), "{doc:?}");
    }
    // Raw HTML and front matter: refused all the same (here for the front matter, found first).
    let both = "---\nseries:\n  name: x\n---\n<B>raw</B>\n";
    assert_eq!(render(both, &Options::default()).err(), Some(FRONT_MATTER_NEEDED));
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
    assert_eq!(tricky.err(), Some(SANITIZER_NEEDED));
}

#[test]
fn text_the_pasted_text_rules_would_read_needs_them_and_the_rest_renders_as_the_full_build() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The team's corpus of pasted articles: each one is refused; the controls the full build does
    // not read as pasted text render as it renders them (as with `pastedText: "off"`), or are
    // refused too (the core refuses every document the rules look at, not only those they keep).
    let off = options(r#"{"pastedText":"off"}"#);
    let mut refused = 0;
    for entry in fs::read_dir(root.join("tests/pasted")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let expected: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(path.with_extension("json")).unwrap()).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        match render(&text, &Options::default()) {
            Err(PASTED_TEXT_NEEDED) => refused += 1,
            Ok(article) => {
                assert_eq!(expected["pasted"], false, "{name}: pasted text rendered by the core");
                assert_eq!(article, render(&text, &off).unwrap(), "{name}");
            }
            Err(error) => panic!("{name}: {error}"),
        }
    }
    assert!(refused >= 25, "only {refused} pasted articles refused");

    // Markdown is never refused for it: the repository's documents render (or need another
    // feature) as with the rules off.
    for dir in ["tests/fixtures", "tests/corpus", "bench/corpus", "www"] {
        for entry in fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let markdown = fs::read_to_string(&path).unwrap();
            let on = render(&markdown, &Options::default());
            assert_ne!(on.as_ref().err(), Some(&PASTED_TEXT_NEEDED), "{}", path.display());
            assert_eq!(on, render(&markdown, &off), "{}", path.display());
        }
    }

    // Too short for the rules, or after front matter (which pasted text does not have): rendered.
    let plain = "Thanks for the quick fix!\n\nThe export keeps my footnotes now.\n";
    assert_eq!(render(plain, &Options::default()), render(plain, &off));
    let long = "Line of plain text, one of several.\n".repeat(12);
    assert_eq!(render(&long, &Options::default()).err(), Some(PASTED_TEXT_NEEDED));
    let after = format!("---\ntitle: Notes\n---\n{long}");
    assert!(render(&after, &Options::default()).is_ok());
    // `always` reads any document's paragraphs; the spec presets never do.
    let always = options(r#"{"pastedText":"always"}"#);
    assert_eq!(render("# Title\n\nText.\n", &always).err(), Some(PASTED_TEXT_NEEDED));
    assert!(render(&long, &options(r#"{"preset":"gfm"}"#)).is_ok());

    let message = PASTED_TEXT_NEEDED.to_string();
    assert!(
        message.contains("pasted") && message.contains("`pasted-text`") && message.contains("loadSanitizer"),
        "{message}"
    );
}

/// Raw HTML nested past the bound renders in the core build where every tag fits (the deep
/// start tags written as text, as the full build writes them: `html::depth`'s test holds the
/// two nesting models to the same output), and is refused where the nesting model stops knowing
/// the stack html5ever would build (a block in an open `<p>`, deep enough to matter).
#[test]
fn deep_raw_html_renders_where_it_nests_as_written_and_is_refused_elsewhere() {
    let body = r#"{"bodyOnly":true}"#;
    let deep = format!("<div>{}x{}</div>\n", "<span>".repeat(100), "</span>".repeat(100));
    let html = render(&deep, &options(body)).unwrap().html;
    let (kept, escaped) = (html.matches("<span>").count(), html.matches("&lt;span&gt;").count());
    assert!(kept > 60 && escaped > 0 && kept + escaped == 100, "{html}");
    let misnested = format!("{}<p>a<div>b</div></p>{}", "<div>".repeat(30), "</div>".repeat(30));
    assert_eq!(render(&misnested, &options(body)).unwrap_err(), SANITIZER_NEEDED);
}
