//! The JavaScript edge in real browsers (`wasm-pack test --headless --chrome` / `--firefox`):
//! options as JS objects, errors as real `Error` objects, rendering into the DOM, and the golden
//! fixtures, so the wasm build gives the same HTML as the native one.
#![cfg(target_arch = "wasm32")]

use quire::wasm::{render_article, render_html, render_into, version, StreamRenderer};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

/// Options for the body alone, to compare small outputs exactly.
fn body() -> JsValue {
    js(r#"{"bodyOnly":true}"#)
}

fn md(text: &str) -> JsValue {
    JsValue::from_str(text)
}

/// The message of the `Error` object a failed call hands to JavaScript.
fn error_message(error: impl Into<JsValue>) -> String {
    let value: JsValue = error.into();
    let error = value.dyn_into::<js_sys::Error>().expect("a real Error object");
    String::from(error.message())
}

macro_rules! fixtures {
    ($($name:literal),*) => {
        [$((
            $name,
            include_str!(concat!("fixtures/", $name, ".md")),
            include_str!(concat!("fixtures/", $name, ".json")),
            include_str!(concat!("fixtures/", $name, ".html")),
        )),*]
    };
}

#[wasm_bindgen_test]
fn fixtures_render_the_same_html_as_natively() {
    for (name, markdown, options, html) in fixtures!(
        "features",
        "gfm",
        "commonmark",
        "hostile",
        "escape",
        "strip",
        "front-matter",
        "front-matter-off"
    ) {
        assert_eq!(
            render_html(md(markdown), Some(js(options))).unwrap(),
            html,
            "fixture {name}"
        );
    }
}

#[wasm_bindgen_test]
fn article_is_a_plain_camel_case_object() {
    let article = render_article(
        md("# T\n\n## Part"),
        Some(js(r#"{"headingAnchors":false,"bodyOnly":true}"#)),
    )
    .unwrap();
    let get = |key: &str| js_sys::Reflect::get(&article, &JsValue::from_str(key)).unwrap();
    assert_eq!(get("title").as_string().as_deref(), Some("T"));
    assert_eq!(
        get("html").as_string().unwrap(),
        "<h2 id=\"user-content-part\">Part</h2>\n"
    );
    assert_eq!(
        get("wordCount").as_f64(),
        Some(1.0),
        "the body's words: the title is not counted"
    );
    assert!(js_sys::Array::is_array(&get("warnings")));
    assert!(get("frontMatter").is_object());
    let toc: js_sys::Array = get("toc").dyn_into().unwrap();
    let entry = toc.get(0);
    assert_eq!(
        js_sys::Reflect::get(&entry, &"id".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("user-content-part")
    );
    let no_title = render_article(md("text"), Some(JsValue::NULL)).unwrap();
    assert!(js_sys::Reflect::get(&no_title, &"title".into()).unwrap().is_null());
}

#[wasm_bindgen_test]
fn options_come_from_js_objects() {
    assert_eq!(
        render_html(md("# A"), Some(js(r#"{"preset":"commonmark"}"#))).unwrap(),
        "<h1>A</h1>\n"
    );
    assert_eq!(
        render_html(md("<b>x</b>"), Some(js(r#"{"rawHtml":"escape","bodyOnly":true}"#))).unwrap(),
        "<p>&lt;b&gt;x&lt;/b&gt;</p>\n"
    );
    // `undefined` means the defaults: the article preset, framed.
    let html = render_html(md("# A\n\n## B"), Some(JsValue::UNDEFINED)).unwrap();
    assert!(html.starts_with("<article>\n<header>\n<h1>A</h1>"), "{html}");
    assert!(
        html.contains("<h2 id=\"user-content-b\">B<a class=\"anchor\""),
        "{html}"
    );
}

#[wasm_bindgen_test]
fn bad_input_throws_a_real_error_and_the_next_call_works() {
    let failures: Vec<(JsValue, Option<JsValue>, &str)> = vec![
        (JsValue::from_f64(42.0), None, "must be a string, got number"),
        (JsValue::NULL, None, "must be a string, got null"),
        (JsValue::UNDEFINED, None, "got undefined"),
        (md("x"), Some(js(r#"{"nope":1}"#)), "`nope`"),
        (md("x"), Some(js(r#"{"preset":"fancy"}"#)), "commonmark"),
        (md("x"), Some(js(r#"{"tables":"yes"}"#)), "`tables`"),
        (md("x"), Some(JsValue::from_f64(1.0)), "options must be an object"),
        (md("x"), Some(js("[]")), "options must be an object"),
        (md("too long"), Some(js(r#"{"maxInputBytes":3}"#)), "maxInputBytes"),
    ];
    for (markdown, options, needle) in failures {
        let result = render_html(markdown, options);
        let Err(error) = result else {
            panic!("no error for the case expecting {needle:?}: {result:?}")
        };
        let message = error_message(error);
        assert!(message.contains(needle), "{message:?} lacks {needle:?}");
        assert_eq!(render_html(md("*ok*"), Some(body())).unwrap(), "<p><em>ok</em></p>\n");
    }
    assert!(error_message(render_article(JsValue::from_f64(1.0), None).unwrap_err()).contains("string"));
}

#[wasm_bindgen_test]
fn bad_options_get_the_message_the_cli_gives() {
    // The JS edge reads options without serde_json; the CLI's `--options` parses the same JSON.
    let mut differ = Vec::new();
    for json in [
        r#"{"nope":1}"#,
        r#"{"preset":"fancy"}"#,
        r#"{"preset":null}"#,
        r#"{"tables":"yes"}"#,
        r#"{"tables":1}"#,
        r#"{"maxInputBytes":-1}"#,
        r#"{"maxInputBytes":1.5}"#,
        r#"{"maxInputBytes":null}"#,
        r#"{"maxInputBytes":"5"}"#,
        r#"{"maxInputBytes":0}"#,
        r#"{"tocMaxLevel":9}"#,
        r#"{"idPrefix":5}"#,
        r#"{"idPrefix":"a b"}"#,
        r#"{"extraUrlSchemes":"irc"}"#,
        r#"{"extraUrlSchemes":["irc",2]}"#,
        r#"{"extraUrlSchemes":["javascript"]}"#,
        r#"{"extraAttributes":["onclick"]}"#,
        r#"{"baseUrl":"/relative"}"#,
        r#"{"rawHtml":{"sanitize":1}}"#,
        r#"{"pastedText":true}"#,
        r#"{"headingIds":[]}"#,
    ] {
        let from_js = error_message(render_html(md("x"), Some(js(json))).unwrap_err());
        let from_cli = quire::Options::from_json(json).unwrap_err().to_string();
        if from_js != from_cli {
            differ.push(format!("{json}\n  js:  {from_js}\n  cli: {from_cli}"));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[wasm_bindgen_test]
fn lone_surrogates_render() {
    // A JS string with a lone surrogate arrives as U+FFFD.
    let lone = js_sys::JSON::parse("\"a\\ud800b\"").unwrap();
    assert_eq!(render_html(lone, Some(body())).unwrap(), "<p>a\u{FFFD}b</p>\n");
}

#[wasm_bindgen_test]
fn render_into_puts_sanitized_html_in_the_element() {
    let document = web_sys::window().unwrap().document().unwrap();
    let element = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    let article = render_into(&element, md("# Into\n\n<img src=x onerror=alert(1)>"), None).unwrap();
    assert_eq!(
        element
            .query_selector("header h1")
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some("Into")
    );
    let img = element.query_selector("img").unwrap().unwrap();
    assert!(!img.has_attribute("onerror"));
    assert_eq!(
        js_sys::Reflect::get(&article, &"title".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("Into")
    );
    // Where the browser has Trusted Types, the HTML went through the policy named "quire".
    let window: JsValue = web_sys::window().unwrap().into();
    let trusted_types = js_sys::Reflect::get(&window, &"trustedTypes".into()).unwrap();
    if !trusted_types.is_undefined() {
        let names = js_sys::Reflect::get(&trusted_types, &"getPolicyNames".into()).ok();
        if let Some(get_names) = names.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
            let names: js_sys::Array = get_names.call0(&trusted_types).unwrap().dyn_into().unwrap();
            assert!(names.includes(&"quire".into(), 0), "no quire policy");
        }
    }
    // A second render replaces the content and reuses the policy.
    render_into(&element, md("second"), Some(body())).unwrap();
    assert_eq!(element.inner_html(), "<p>second</p>\n");
    assert!(error_message(render_into(&element, JsValue::NULL, None).unwrap_err()).contains("string"));
}

#[wasm_bindgen_test]
fn render_into_again_keeps_the_unchanged_blocks() {
    let document = web_sys::window().unwrap().document().unwrap();
    let element = document.create_element("div").unwrap();
    render_into(&element, md("one\n\ntwo\n\nthree"), Some(body())).unwrap();
    let first = element.first_element_child().unwrap();
    let last = element.last_element_child().unwrap();
    render_into(&element, md("one\n\n2\n\nthree"), Some(body())).unwrap();
    assert_eq!(element.inner_html(), "<p>one</p>\n<p>2</p>\n<p>three</p>\n");
    assert!(
        element.first_element_child().unwrap() == first,
        "the first paragraph is the same node"
    );
    assert!(
        element.last_element_child().unwrap() == last,
        "the last paragraph is the same node"
    );
}

#[wasm_bindgen_test]
fn a_stream_renders_into_the_element_as_it_comes() {
    let document = web_sys::window().unwrap().document().unwrap();
    let element = document.create_element("div").unwrap();
    let mut stream = StreamRenderer::new(element.clone(), Some(js(r#"{"preset":"gfm"}"#))).unwrap();
    // The heading is committed once the paragraph after it has started on a line of its own.
    stream.push(md("# Title\n\nfirst para\n")).unwrap();
    stream.flush().unwrap();
    assert_eq!(element.inner_html(), "<h1>Title</h1>\n<p>first para</p>\n");
    let heading = element.first_element_child().unwrap();
    stream.push(md("graph\n\n<img src=x onerror=alert(1)> ```")).unwrap();
    stream.flush().unwrap();
    assert!(
        element.first_element_child().unwrap() == heading,
        "the committed heading stays"
    );
    assert!(element.query_selector("[onerror]").unwrap().is_none());
    let article = stream.finish().unwrap();
    let html = js_sys::Reflect::get(&article, &"html".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(element.inner_html(), html);
    assert!(error_message(stream.push(JsValue::from_f64(1.0)).unwrap_err()).contains("string"));
    assert!(error_message(
        StreamRenderer::new(element, Some(js(r#"{"preset":"x"}"#)))
            .err()
            .unwrap()
    )
    .contains("preset"));
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}
