//! The JavaScript edge, and the only code that knows about JsValue. Each export converts its
//! arguments, calls the core and converts the result; errors become real `Error` objects.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Article, Error, Options};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Options shared by every quire entry point. Every key is optional; see the README's options table. */
export interface Options {
  /** What to render like. Default "article". */
  preset?: "article" | "gfm" | "commonmark";
  /** What happens to raw HTML in the Markdown. Default "sanitize". "trusted" is only for content you wrote. */
  rawHtml?: "sanitize" | "escape" | "strip" | "trusted";
  /** Larger input (UTF-8 bytes) is refused with an Error. Default 8388608 (8 MiB). */
  maxInputBytes?: number;
  /** Prefix of every id in the output (DOM clobbering). Letters, digits, "-" and "_". Default "user-content-". */
  idPrefix?: string;
  /** Heading ids from GitHub's slug rules. Default: on for "article". */
  headingIds?: boolean | null;
  /** Curly quotes and dashes. Default: on for "article". */
  smartPunctuation?: boolean | null;
  /** GFM tables. Default: on for "article" and "gfm". */
  tables?: boolean | null;
  /** Footnotes. Default: on for "article" and "gfm". */
  footnotes?: boolean | null;
  /** ~~Strikethrough~~. Default: on for "article" and "gfm". */
  strikethrough?: boolean | null;
  /** Task lists as disabled checkboxes. Default: on for "article" and "gfm". */
  taskLists?: boolean | null;
}

/** One heading of the table of contents. */
export interface TocEntry {
  level: number;
  /** The element id (prefix included) when heading ids are on. */
  id: string | null;
  text: string;
}

/** A rendered article. */
export interface Article {
  /** The sanitized HTML fragment (unless rawHtml is "trusted"). */
  html: string;
  /** Plain text of the first level-1 heading. */
  title: string | null;
  /** Every heading except the title, in order. */
  toc: TocEntry[];
}
"#;

// Pages that enforce Trusted Types refuse plain strings for innerHTML; quire's HTML is already
// sanitized, so one policy named "quire" vouches for it. Created once, kept private.
#[wasm_bindgen(inline_js = r#"
let policy;
export function quireTrustedHtml(html) {
  const tt = globalThis.trustedTypes;
  if (!tt || typeof tt.createPolicy !== "function") return html;
  if (policy === undefined) policy = tt.createPolicy("quire", { createHTML: (s) => s });
  return policy.createHTML(html);
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = quireTrustedHtml, catch)]
    fn trusted_html(html: &str) -> Result<JsValue, JsValue>;
}

/// Renders Markdown to an Article object (html, title, toc, ...).
#[wasm_bindgen(js_name = renderArticle, unchecked_return_type = "Article")]
pub fn render_article(
    #[wasm_bindgen(unchecked_param_type = "string")] markdown: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let article = render(&markdown, options)?;
    to_js(&article)
}

/// Renders Markdown to an HTML string.
#[wasm_bindgen(js_name = renderHtml)]
pub fn render_html(
    #[wasm_bindgen(unchecked_param_type = "string")] markdown: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
) -> Result<String, JsError> {
    Ok(render(&markdown, options)?.html)
}

/// Renders Markdown into `element` (replacing its content) and returns the Article.
/// Works on pages that enforce Trusted Types when they allow a policy named "quire".
#[wasm_bindgen(js_name = renderInto, unchecked_return_type = "Article")]
pub fn render_into(
    element: &web_sys::Element,
    #[wasm_bindgen(unchecked_param_type = "string")] markdown: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let article = render(&markdown, options).map_err(JsValue::from)?;
    let html = trusted_html(&article.html)?;
    js_sys::Reflect::set(element, &JsValue::from_str("innerHTML"), &html)?;
    to_js(&article).map_err(JsValue::from)
}

/// Cleans an HTML fragment with quire's sanitizer policy (the one applied to raw HTML in Markdown).
#[wasm_bindgen(js_name = sanitizeHtml)]
pub fn sanitize_html(
    #[wasm_bindgen(unchecked_param_type = "string")] html: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
) -> Result<String, JsError> {
    let html = html
        .as_string()
        .ok_or_else(|| js_error(Error::NotAString(type_name(&html))))?;
    let options = options_from_js(options).map_err(js_error)?;
    crate::sanitize_html(&html, &options).map_err(js_error)
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

fn render(markdown: &JsValue, options: Option<JsValue>) -> Result<Article, JsError> {
    let markdown = markdown
        .as_string()
        .ok_or_else(|| js_error(Error::NotAString(type_name(markdown))))?;
    let options = options_from_js(options).map_err(js_error)?;
    crate::render(&markdown, &options).map_err(js_error)
}

/// `undefined` and `null` mean the defaults; anything else must be a plain object.
fn options_from_js(options: Option<JsValue>) -> Result<Options, Error> {
    match options {
        None => Ok(Options::default()),
        Some(value) if value.is_null() || value.is_undefined() => Ok(Options::default()),
        Some(value) if !value.is_object() || js_sys::Array::is_array(&value) => Err(Error::InvalidOptions(format!(
            "options must be an object, got {}",
            type_name(&value)
        ))),
        // Through JSON, so JS gets exactly the CLI's checks and messages (serde-wasm-bindgen reads only
        // the fields it knows and would let a misspelled key pass silently).
        Some(value) => {
            let json = js_sys::JSON::stringify(&value)
                .ok()
                .and_then(|json| json.as_string())
                .ok_or_else(|| Error::InvalidOptions("options could not be read as JSON".into()))?;
            Options::from_json(&json)
        }
    }
}

fn to_js(article: &Article) -> Result<JsValue, JsError> {
    // json_compatible: maps become plain objects and None becomes null, as in `quire --json`.
    article
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("quire: could not build the result: {e}")))
}

fn js_error(error: Error) -> JsError {
    JsError::new(&error.to_string())
}

fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else if js_sys::Array::is_array(value) {
        "array".to_owned()
    } else {
        value.js_typeof().as_string().unwrap_or_else(|| "unknown".to_owned())
    }
}
