//! Pasted text: the team's corpus of articles copied from web pages (tests/pasted/NAME.txt, with
//! what must be recovered in NAME.json) recovers exactly; no text is lost; and Markdown renders
//! byte for byte the same with the feature on and off.

use std::fs;
use std::path::{Path, PathBuf};

use quire::{render, Article, Options, RecoveryKind};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn options(json: &str) -> Options {
    Options::from_json(json).unwrap()
}

/// The files of `dir` with extension `ext`, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == ext))
        .collect();
    paths.sort();
    paths
}

/// `&amp;` and friends, as the writer escapes text.
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text of `html` without its tags.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    unescape(&text)
}

/// Runs of letters and digits: what "word for word" compares.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The quote figures of the HTML: (quotation, attribution).
fn quotes(html: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for figure in html.split("<figure class=\"quote\">").skip(1) {
        let quote = figure.split("</blockquote>").next().unwrap_or("");
        let caption = figure
            .split("<figcaption>")
            .nth(1)
            .and_then(|c| c.split("</figcaption>").next())
            .unwrap_or("");
        found.push((
            text_of(quote).trim().to_owned(),
            text_of(caption).trim().trim_start_matches("— ").to_owned(),
        ));
    }
    found
}

/// What the corpus checks, as a JSON value to compare whole (so a failure shows every field).
fn summary(article: &Article) -> Value {
    let debris: Vec<&str> = article
        .recovered
        .iter()
        .filter(|r| r.kind == RecoveryKind::Removed && r.reason != "title repeated")
        .map(|r| r.text.as_str())
        .collect();
    let quotes: Vec<Value> = quotes(&article.html)
        .into_iter()
        .map(|(quote, attribution)| serde_json::json!({"quote": quote, "attribution": attribution}))
        .collect();
    serde_json::json!({
        "pasted": !article.recovered.is_empty(),
        "title": article.title,
        "authors": article.authors,
        "date": article.date,
        "updated": article.updated,
        "description": article.description,
        "toc": article.toc.iter().map(|entry| entry.text.as_str()).collect::<Vec<_>>(),
        "quotes": quotes,
        "debris": debris,
    })
}

#[test]
fn the_corpus_recovers_each_article_exactly() {
    let dir = root().join("tests/pasted");
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in files(&dir, "txt") {
        let text = fs::read_to_string(&path).unwrap();
        let mut expected: Value =
            serde_json::from_str(&fs::read_to_string(path.with_extension("json")).unwrap()).unwrap();
        expected.as_object_mut().unwrap().remove("shape");
        let article = render(&text, &Options::default()).unwrap();
        let got = summary(&article);
        if got != expected {
            failures.push(format!(
                "{}:\n  expected {}\n  got      {}",
                path.file_name().unwrap().to_string_lossy(),
                expected,
                got
            ));
        }
        checked += 1;
    }
    assert!(
        checked >= 20,
        "expected the corpus in {}, found {checked} articles",
        dir.display()
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Where the body of `article` (rendered from `text` with the options of [`WORD_CHECK`]) stops
/// holding, in order, every word of the input outside the lines the report says moved to the
/// header or were removed; `None` when it holds them all.
fn lost_words(text: &str, article: &Article) -> Option<String> {
    let taken: Vec<usize> = article
        .recovered
        .iter()
        .filter(|r| !matches!(r.kind, RecoveryKind::Section | RecoveryKind::Quote))
        .map(|r| r.line)
        .collect();
    let kept: String = text
        .lines()
        .enumerate()
        .filter(|(i, _)| !taken.contains(&(i + 1)))
        .map(|(_, line)| format!("{line}\n"))
        .collect();
    let reference = r#"{"pastedText": "off", "bodyOnly": true, "titleBlock": false}"#;
    let kept_words = words(&text_of(&render(&kept, &options(reference)).unwrap().html));
    let body_words = words(&text_of(&article.html));
    let same = body_words.iter().zip(&kept_words).take_while(|(a, b)| a == b).count();
    (body_words.len() != kept_words.len() || same != body_words.len()).then(|| {
        format!(
            "the body and the input part from word {same}: body {:?}, input {:?}",
            &body_words[same.saturating_sub(3)..(same + 8).min(body_words.len())],
            &kept_words[same.saturating_sub(3)..(same + 8).min(kept_words.len())],
        )
    })
}

/// The options the word-for-word checks render with. (Without recovery, the title block would take
/// a leading `By …` line itself: both sides render without it.)
const WORD_CHECK: &str = r#""bodyOnly": true, "headingAnchors": false, "titleBlock": false"#;

#[test]
fn no_text_is_lost_or_reordered() {
    for path in files(&root().join("tests/pasted"), "txt") {
        let text = fs::read_to_string(&path).unwrap();
        let article = render(&text, &options(&format!("{{{WORD_CHECK}}}"))).unwrap();
        if let Some(lost) = lost_words(&text, &article) {
            panic!("{}: {lost}", path.display());
        }
    }
}

/// The Markdown documents of the repository, and the CommonMark spec's examples when npm
/// installed it, with the article preset.
fn markdown_documents() -> Vec<(String, String)> {
    let mut documents = Vec::new();
    for dir in ["tests/fixtures", "tests/corpus", "bench/corpus", "www"] {
        for path in files(&root().join(dir), "md") {
            documents.push((path.display().to_string(), fs::read_to_string(&path).unwrap()));
        }
    }
    if let Ok(spec) = fs::read_to_string(root().join("node_modules/commonmark-spec/spec.txt")) {
        let fence = "```````````````````````````````` example\n";
        for (n, example) in spec.split(fence).skip(1).enumerate() {
            let markdown = example.split("\n.\n").next().unwrap_or("").replace('→', "\t");
            documents.push((format!("spec example {}", n + 1), format!("{markdown}\n")));
        }
    }
    documents
}

#[test]
fn markdown_renders_the_same_with_the_feature_on_and_off() {
    let documents = markdown_documents();
    assert!(documents.len() >= 40, "found only {} documents", documents.len());
    for (name, markdown) in &documents {
        for json in [r#"{}"#, r#"{"bodyOnly": true, "smartPunctuation": false}"#] {
            let on = render(markdown, &options(json)).unwrap();
            let mut off_options = options(json);
            off_options.pasted_text = quire::PastedText::Off;
            let off = render(markdown, &off_options).unwrap();
            assert!(
                on.recovered.is_empty(),
                "{name} was read as pasted text: {:?}",
                on.recovered
            );
            assert_eq!(on, off, "{name}");
        }
    }
}

#[test]
fn the_option_turns_it_off_and_the_spec_presets_never_do_it() {
    let text = fs::read_to_string(root().join("tests/pasted/news-avatar-byline.txt")).unwrap();
    assert!(!render(&text, &Options::default()).unwrap().recovered.is_empty());
    for json in [
        r#"{"pastedText": "off"}"#,
        r#"{"preset": "gfm"}"#,
        r#"{"preset": "commonmark", "pastedText": "always"}"#,
    ] {
        let article = render(&text, &options(json)).unwrap();
        assert!(article.recovered.is_empty(), "{json}");
        assert_eq!(article.authors, Vec::<String>::new(), "{json}");
    }
    let error = Options::from_json(r#"{"pastedText": "sometimes"}"#)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("pastedText") && error.contains(r#""detect", "off" or "always""#),
        "{error}"
    );
}

#[test]
fn always_reads_text_with_some_markdown_and_keeps_its_blocks() {
    let text = "City council approves new bike lanes\nBy Jane Smith\nMarch 3, 2025\n\nThe council voted on *Tuesday* to add forty kilometres of protected lanes across the city, after a year of debate.\n\n- one item\n- two items\n\nShare on Facebook\n";
    let detected = render(text, &Options::default()).unwrap();
    assert!(detected.recovered.is_empty(), "Markdown is not detected as pasted text");
    let article = render(text, &options(r#"{"pastedText": "always", "bodyOnly": true}"#)).unwrap();
    assert_eq!(article.title.as_deref(), Some("City council approves new bike lanes"));
    assert_eq!(article.authors, ["Jane Smith"]);
    assert_eq!(article.date.as_deref(), Some("2025-03-03"));
    assert!(article.html.contains("<em>Tuesday</em>"), "{}", article.html);
    assert!(
        article
            .html
            .contains("<ul>\n<li>one item</li>\n<li>two items</li>\n</ul>"),
        "{}",
        article.html
    );
    assert!(!article.html.contains("Share on Facebook"), "{}", article.html);
}

#[test]
fn the_report_says_what_and_why_with_lines() {
    let text = "Skip to main content\nHarbour library reopens after the flood\nBy Jane Smith\nMarch 3, 2025\nShare on Facebook\nThe library on Quay Street opened its doors again on Monday, six months after the river flooded its ground floor and ruined much of the local history collection.\nVolunteers dried and catalogued more than four thousand books by hand over the winter months.\nAdvertisement\n";
    let article = render(text, &Options::default()).unwrap();
    let report: Vec<String> = article
        .recovered
        .iter()
        .map(|r| format!("{} {} {}", r.line, serde_json::to_value(r.kind).unwrap(), r.reason))
        .collect();
    assert_eq!(
        report,
        [
            r#"1 "removed" navigation"#,
            r#"2 "title" title"#,
            r#"3 "byline" author: Jane Smith"#,
            r#"4 "date" 2025-03-03"#,
            r#"5 "removed" sharing"#,
            r#"8 "removed" advertisement"#,
        ]
    );
    let json = serde_json::to_string(&article.recovered[0]).unwrap();
    assert_eq!(
        json,
        r#"{"line":1,"kind":"removed","text":"Skip to main content","reason":"navigation"}"#
    );
    assert!(article
        .html
        .contains("<p class=\"byline\">By <span class=\"author\">Jane Smith</span></p>"));
    assert!(article.html.contains("<time datetime=\"2025-03-03\">2025-03-03</time>"));
}

/// Hostile text in the parts that move to the header: escaped like any other text.
#[test]
fn recovered_parts_are_escaped() {
    let text = "Skip to main content\nTitle with &lt;script&gt;alert(1)&lt;/script&gt; in it\nThe &lt;img src=x onerror=alert(1)&gt; dek of this story, in one line.\nBy Jane Smith\nMarch 3, 2025\nThe story goes on for long enough to be read as an article that was pasted from a page, with words.\n“We will not be moved by javascript:alert(1) at all,” — Maria Lopez\nMore of the story, long enough to count as a paragraph of prose for the section rules to apply here.\n";
    let article = render(text, &Options::default()).unwrap();
    assert_eq!(
        article.title.as_deref(),
        Some("Title with <script>alert(1)</script> in it")
    );
    assert!(
        article
            .html
            .contains("<h1>Title with &lt;script&gt;alert(1)&lt;/script&gt; in it</h1>"),
        "{}",
        article.html
    );
    assert!(
        article
            .html
            .contains("<p class=\"dek\">The &lt;img src=x onerror=alert(1)&gt; dek"),
        "{}",
        article.html
    );
    assert!(
        !article.html.contains("<script") && !article.html.contains("<img"),
        "{}",
        article.html
    );
    assert!(!article.html.contains("href=\"javascript"), "{}", article.html);
}

/// A title and a short line between paragraphs do not make text pasted from a page: a comment or
/// a plain Markdown essay stays Markdown.
#[test]
fn prose_without_signs_of_a_page_stays_markdown() {
    let comment = "Great article!\n\nI tried this on my project and it worked the first time, which never happens with these tools.\n\nOne question though\n\nHow do you handle the case where the config file is missing? I get an error every time I run it without one.\n\nThanks\n";
    let on = render(comment, &Options::default()).unwrap();
    assert!(on.recovered.is_empty(), "{:?}", on.recovered);
    assert_eq!(on.title, None);
    let mut off = Options::default();
    off.pasted_text = quire::PastedText::Off;
    assert_eq!(on.html, render(comment, &off).unwrap().html);
}

/// Random pasted pages built from the lines such pages carry: whatever is recovered or removed,
/// every other word of the input is in the body, in order, and every render succeeds.
#[test]
fn random_pages_lose_no_text() {
    const LINES: &[&str] = &[
        "Skip to main content",
        "Menu",
        "World",
        "Harbour library reopens after the flood",
        "Harbour library reopens after the flood",
        "The town’s library opens again, six months after the river rose.",
        "By Jane Smith",
        "By",
        "Jane Smith and Bob Park",
        "Jane Smith Avatar",
        "March 3, 2025",
        "Published 3 March 2025 | Updated 4 March 2025",
        "Posted on March 3, 2025 by Tom Reed",
        "Share on Facebook",
        "Facebook Twitter Email",
        "Advertisement",
        "Related stories",
        "Council to review the opening hours",
        "© 2025 The Harbour Ledger. All rights reserved.",
        "5 min read",
        "1.2K",
        "What changes for readers",
        "Who pays",
        "“We waited long enough,” — Maria Lopez, librarian",
        "“The books are back where they belong.”",
        "— Maria Lopez",
        "The library on Quay Street opened its doors again on Monday, six months after the river flooded its ground floor and ruined much of the local history collection.",
        "Volunteers dried and catalogued more than four thousand books by hand over the winter.",
        "The council says the new shelving will keep the collection above the flood line,",
        "and the archive moves upstairs to the reading room.",
        "The library on Quay Street opened its doors…",
        "Salt and pepper",
        "Two eggs",
        "A cup of flour",
        "Jane Smith is a reporter for the Ledger. Contact her at jane@ledger.example.",
        "Fish &amp; chips at the café",
        "From: Jane Smith",
        "Subject: The library reopens",
        "Posted 3 hours ago",
        "Page 2 of 3",
    ];
    // QUIRE_PASTED_SEED=N explores other pages.
    let mut state: u64 = std::env::var("QUIRE_PASTED_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or(0x5eed);
    let mut next = |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    let mut pasted = 0;
    for case in 0..1500 {
        let count = 5 + next(40);
        let mut text = String::new();
        for _ in 0..count {
            text.push_str(LINES[next(LINES.len())]);
            text.push_str(if next(3) == 0 { "\n\n" } else { "\n" });
        }
        for mode in ["detect", "always"] {
            let json = format!(r#"{{"pastedText": "{mode}", {WORD_CHECK}}}"#);
            let article = render(&text, &options(&json)).unwrap();
            pasted += usize::from(!article.recovered.is_empty());
            let lines: Vec<usize> = article.recovered.iter().map(|r| r.line).collect();
            assert!(
                lines.windows(2).all(|w| w[0] <= w[1]),
                "case {case}: report out of order"
            );
            if let Some(lost) = lost_words(&text, &article) {
                panic!("case {case}, {mode}: {lost}:\n{text}");
            }
        }
    }
    assert!(pasted > 1500, "only {pasted} of 3000 renders were read as pasted text");
}
