//! The `quire` command: input from a file or stdin, HTML or JSON out, errors on stderr.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn quire(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the quire binary runs");
    // The command may exit (bad options) before reading its input: a broken pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn renders_stdin_to_the_same_html_as_the_library() {
    let markdown = "# Hi\n\n*there* <img src=x onerror=alert(1)>\n";
    let output = quire(&[], markdown);
    assert!(output.status.success());
    let library = quire::render(markdown, &quire::Options::default()).unwrap();
    assert_eq!(stdout(&output), library.html);
}

#[test]
fn reads_a_file_and_applies_options() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/features.md");
    let output = quire(
        &["--options", r#"{"preset":"commonmark","rawHtml":"trusted"}"#, file],
        "",
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let expected =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/commonmark.html")).unwrap();
    assert_eq!(stdout(&output), expected);
}

#[test]
fn json_prints_the_whole_article_in_camel_case() {
    let markdown = "---\ntags: [a, b]\nseries: x\n---\n# Title\n\nBy Ada\n\n## Part two\n\nSome words here.\n";
    let output = quire(&["--json", "--options", r#"{"headingAnchors":false}"#], markdown);
    assert!(output.status.success());
    let article: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(article["title"], "Title");
    assert_eq!(article["author"], "Ada");
    assert_eq!(article["tags"], serde_json::json!(["a", "b"]));
    assert_eq!(article["frontMatter"], serde_json::json!({"series": "x"}));
    assert_eq!(article["wordCount"], 5);
    assert_eq!(article["readingMinutes"], 1);
    assert_eq!(article["excerpt"], "Some words here.");
    assert_eq!(
        article["html"],
        "<article>\n<header>\n<h1>Title</h1>\n<p class=\"byline\">By <span class=\"author\">Ada</span></p>\n<p class=\"article-meta\"><span class=\"reading-time\">1 min read</span></p>\n</header>\n<h2 id=\"user-content-part-two\">Part two</h2>\n<p>Some words here.</p>\n</article>\n"
    );
    // The JSON has every Article field, as JavaScript gets them.
    for key in [
        "date",
        "updated",
        "description",
        "lang",
        "dir",
        "image",
        "canonical",
        "links",
        "images",
        "warnings",
    ] {
        assert!(article.get(key).is_some(), "{key} missing");
    }
    assert_eq!(article["toc"][0]["id"], "user-content-part-two");
    assert_eq!(article["toc"][0]["level"], 2);
}

#[test]
fn bad_options_fail_on_stderr_naming_the_key() {
    let output = quire(&["--options", r#"{"rawHtml":"maybe"}"#], "x");
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("rawHtml") && stderr.contains("sanitize"), "{stderr}");
}

#[test]
fn too_large_input_fails() {
    let output = quire(&["--options", r#"{"maxInputBytes":4}"#], "hello");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("maxInputBytes"));
}

#[test]
fn missing_file_and_unknown_flag_fail() {
    let missing = quire(&["/nonexistent/quire-test.md"], "");
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));
    let flag = quire(&["--frobnicate"], "");
    assert!(!flag.status.success());
    assert!(String::from_utf8_lossy(&flag.stderr).contains("Usage"));
}

#[test]
fn invalid_utf8_is_replaced_not_refused() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quire"))
        .args(["--options", r#"{"bodyOnly":true}"#])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"caf\xe9\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert_eq!(stdout(&output), "<p>caf\u{FFFD}</p>\n");
}

#[test]
fn help_and_version() {
    assert!(stdout(&quire(&["--help"], "")).contains("--options JSON"));
    assert_eq!(
        stdout(&quire(&["--version"], "")),
        format!("quire {}\n", env!("CARGO_PKG_VERSION"))
    );
}
