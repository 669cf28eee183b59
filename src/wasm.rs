//! The JavaScript edge, and the only code that knows about JsValue. Each export converts its
//! arguments, calls the core and converts the result; errors become real `Error` objects.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::options::OptionValue;
use crate::{Article, Error, Options};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r##"
/** Options shared by every quire entry point. Every key is optional; see the README's options table.
 *  The boolean switches default to what the preset says (null = the preset's choice). */
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
  /** Bare www., http(s):// and e-mail addresses become links. Default: on for "article" and "gfm". */
  autolinks?: boolean | null;
  /** GFM's tag filter: <script>, <style>, <iframe>... shown as text even when trusted. Default: on for "article" and "gfm". */
  tagfilter?: boolean | null;
  /** GitHub alerts (> [!NOTE] ...). Default: on for "article". */
  alerts?: boolean | null;
  /** $math$ and $$math$$ as math-inline / math-display elements. Default: on for "article". */
  math?: boolean | null;
  /** Definition lists. Default: on for "article". */
  definitionLists?: boolean | null;
  /** {#id .class} after a heading (id and classes only). Default: on for "article". */
  headingAttributes?: boolean | null;
  /** A "#" link in each heading to copy its address. Default: on for "article". */
  headingAnchors?: boolean | null;
  /** YAML (---) or TOML (+++) front matter is read as metadata. Default: on for "article". */
  frontMatter?: boolean | null;
  /** A leading "# Title" and "By Name" line become the title and byline. Default: on for "article". */
  titleBlock?: boolean | null;
  /** Only the body: no <article> frame and header. Default: off ("gfm" and "commonmark" always body only). */
  bodyOnly?: boolean | null;
  /** A <nav class="toc"> after the header. Default: off. */
  tocNav?: boolean | null;
  /** data-source-lines="first-last" (1-based input lines) on every top-level block and heading, and line on toc
   *  entries, to sync an editor's scrolling with the preview. Default: off. */
  sourceLines?: boolean | null;
  /** Deepest heading level in toc and the nav, 1 to 6. Default 6. */
  tocMaxLevel?: number;
  /** An image alone in its paragraph becomes a <figure> with a caption. Default: on for "article". */
  figures?: boolean | null;
  /** Images get loading="lazy" decoding="async". Default: on for "article". */
  lazyImages?: boolean | null;
  /** A quote ending in a "— Name" line becomes a figure with that attribution. Default: on for "article". */
  quoteAttributions?: boolean | null;
  /** Plain text pasted from a web page has its article recovered (title, dek, byline, dates, sections, quotes; debris
   *  removed; see Article.recovered). "always" also reads text with some Markdown. Default "detect" for "article";
   *  "gfm" and "commonmark" never do it. */
  pastedText?: "detect" | "off" | "always";
  /** Absolute http(s) URL that relative links and images resolve against. Default: none. */
  baseUrl?: string | null;
  /** Links to another origin than baseUrl open in a new tab. Default: false. */
  externalLinksNewTab?: boolean;
  /** rel on every link. Default "noopener noreferrer nofollow ugc". */
  linkRel?: string;
  /** URL schemes to allow besides http, https, mailto, tel; never javascript, vbscript, data, file, blob. */
  extraUrlSchemes?: string[];
  /** Classes to keep on any element besides quire's own. */
  extraClasses?: string[];
  /** Attributes to keep on any element: data-*, aria-* or role only. */
  extraAttributes?: string[];
}

/** One heading of the table of contents. */
export interface TocEntry {
  level: number;
  /** The element id (prefix included) when heading ids are on. */
  id: string | null;
  text: string;
  /** The input line the heading starts on (1-based), with sourceLines. */
  line?: number;
}

/** Something in the input that was ignored or repaired; never stops a render. */
export interface Warning {
  /** 1-based line in the whole input, when there is one. */
  line: number | null;
  message: string;
}

/** Something the sanitizer removed, and where: tell the author why their <iframe> vanished. */
export interface Removal {
  /** An element (iframe, script...), an attribute (onclick, style...), or a URL (an href/src with a disallowed scheme). */
  kind: "element" | "attribute" | "url";
  /** The element or attribute name; for a URL, its scheme with the colon ("javascript:"), or a URL that does not parse, cut after 100 characters. */
  name: string;
  /** The element it was on ("a", "img"...); for a removed element, that element. */
  element: string;
  /** 1-based line in the whole input (front matter included). */
  line: number;
}

/** Something recovered from text pasted from a web page, or removed from it as page debris. */
export interface Recovery {
  /** 1-based line in the whole input. */
  line: number;
  kind: "title" | "description" | "byline" | "date" | "section" | "quote" | "removed";
  /** The line's plain text. */
  text: string;
  /** Why, in a few words ("sharing", "title repeated", "attribution: Maria Lopez"...). */
  reason: string;
}

/** A JSON value, as front matter values arrive. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A rendered article. */
export interface Article {
  /** The sanitized HTML (unless rawHtml is "trusted"); an <article> with a <header> unless bodyOnly. */
  html: string;
  /** Front matter title, else the title of pasted text, else the leading "# Title", else the first level-1 heading. */
  title: string | null;
  /** The authors joined for display ("A, B and C"). */
  author: string | null;
  authors: string[];
  /** As written in the front matter (ISO 8601 expected); for pasted text, YYYY-MM-DD. */
  date: string | null;
  updated: string | null;
  description: string | null;
  /** Description, else the text before <!-- more -->, else the first paragraph; about 200 characters. */
  excerpt: string | null;
  tags: string[];
  lang: string | null;
  dir: "ltr" | "rtl" | "auto" | null;
  /** Front matter image (resolved against baseUrl), else the first image. */
  image: string | null;
  canonical: string | null;
  /** Words in the rendered text; each CJK character counts as one. */
  wordCount: number;
  /** At 230 words or 500 CJK characters a minute, at least 1. */
  readingMinutes: number;
  /** Every heading below the title, up to tocMaxLevel. */
  toc: TocEntry[];
  /** Front matter keys other than the known ones. */
  frontMatter: { [key: string]: JsonValue };
  /** Every link destination, as rendered. */
  links: string[];
  /** Every image source, as rendered. */
  images: string[];
  warnings: Warning[];
  /** What the sanitizer removed from raw HTML and links, in source order; empty when rawHtml is "trusted". */
  removed: Removal[];
  /** What was recovered from pasted text and what was removed from it, in source order; empty unless read as pasted text. */
  recovered: Recovery[];
}
"##;

// Trusted Types: quire's HTML goes into the page through one policy named "quire" (the file says
// why). dom-update.js uses it; it is declared here so that wasm-bindgen ships the file beside it.
#[wasm_bindgen(module = "/src/js/trusted-types.js")]
extern "C" {
    #[allow(dead_code)]
    #[wasm_bindgen(js_name = quireTrustedHtml, catch)]
    fn trusted_html(html: &str) -> Result<JsValue, JsValue>;
}

// Putting HTML into the page, changed only where it differs (the file says how).
#[wasm_bindgen(module = "/src/js/dom-update.js")]
extern "C" {
    #[wasm_bindgen(js_name = quireUpdateInto, catch)]
    fn update_into(element: &web_sys::Element, html: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = quireStreamStart, catch)]
    fn stream_start(element: &web_sys::Element, framed: bool) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = quireStreamUpdate, catch)]
    fn stream_update(element: &web_sys::Element, commit: &str, tail: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = quireStreamEnd, catch)]
    fn stream_end(element: &web_sys::Element, html: &str) -> Result<(), JsValue>;
}

/// Runs once when the module is instantiated. A panic is prevented wherever input could cause one,
/// but if the instance ever traps anyway (a bug, out of memory), the next call gets a fresh
/// instance instead of an error forever: the abort hook (emitted by wasm-bindgen's
/// `--force-enable-abort-handler`, which `make build` passes) schedules the re-instantiation.
#[wasm_bindgen(start)]
fn start() {
    wasm_bindgen::handler::set_on_abort(wasm_bindgen::handler::schedule_reinit);
}

/// A deliberate trap, only in builds with the `trap-test` feature, to test the recovery above.
#[cfg(feature = "trap-test")]
#[wasm_bindgen(js_name = __trapForTests)]
pub fn trap_for_tests() {
    std::process::abort();
}

/// Renders Markdown to an Article object (html, title, toc, ...).
#[wasm_bindgen(js_name = renderArticle, unchecked_return_type = "Article")]
pub fn render_article(
    #[wasm_bindgen(unchecked_param_type = "string")] markdown: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let article = render(&markdown, options)?;
    to_js(&article)
}

/// Renders Markdown to an HTML string.
#[wasm_bindgen(js_name = renderHtml)]
pub fn render_html(
    #[wasm_bindgen(unchecked_param_type = "string")] markdown: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    Ok(render(&markdown, options)?.html)
}

/// Renders Markdown into `element` and returns the Article. The element ends up as if its content
/// had been replaced, but its child nodes whose HTML did not change stay as they are.
/// Works on pages that enforce Trusted Types when they allow a policy named "quire".
#[wasm_bindgen(js_name = renderInto, unchecked_return_type = "Article")]
pub fn render_into(
    element: &web_sys::Element,
    #[wasm_bindgen(unchecked_param_type = "string")] markdown: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let article = render(&markdown, options)?;
    update_into(element, &article.html)?;
    to_js(&article)
}

/// Markdown that arrives in pieces, rendered into an element as it comes (`src/stream.rs`):
/// committed blocks are appended once, the tail is replaced, and `finish` leaves the element as
/// `renderInto` would with the whole text. quire.js wraps it as `createStream` (typed in
/// quire.d.ts), so it is left out of the generated types.
#[wasm_bindgen(skip_typescript)]
pub struct StreamRenderer {
    element: web_sys::Element,
    stream: crate::Stream,
}

#[wasm_bindgen]
impl StreamRenderer {
    #[wasm_bindgen(constructor)]
    pub fn new(
        element: web_sys::Element,
        #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
    ) -> Result<StreamRenderer, JsValue> {
        let options = options_from_js(options).map_err(js_error)?;
        let stream = crate::Stream::new(&options).map_err(js_error)?;
        stream_start(&element, !options.features().body_only)?;
        Ok(StreamRenderer { element, stream })
    }

    /// Adds a piece of text; says whether the page was updated (else `flush` does it).
    pub fn push(&mut self, #[wasm_bindgen(unchecked_param_type = "string")] piece: JsValue) -> Result<bool, JsValue> {
        let piece = piece
            .as_string()
            .ok_or_else(|| js_error(Error::NotAString(type_name(&piece))))?;
        match self.stream.push(&piece).map_err(js_error)? {
            Some(update) => stream_update(&self.element, &update.commit, &update.tail).map(|()| true),
            None => Ok(false),
        }
    }

    /// Updates the page with what came since the last update.
    pub fn flush(&mut self) -> Result<(), JsValue> {
        let update = self.stream.flush().map_err(js_error)?;
        stream_update(&self.element, &update.commit, &update.tail)
    }

    /// The whole text so far.
    #[wasm_bindgen(getter)]
    pub fn text(&self) -> String {
        self.stream.text().to_owned()
    }

    /// Renders the whole text into the element (changing only the blocks that differ) and returns
    /// the Article.
    #[wasm_bindgen(unchecked_return_type = "Article")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let article = self.stream.finish().map_err(js_error)?;
        stream_end(&self.element, &article.html)?;
        to_js(&article)
    }
}

/// Cleans an HTML fragment with quire's sanitizer policy (the one applied to raw HTML in Markdown).
#[wasm_bindgen(js_name = sanitizeHtml)]
pub fn sanitize_html(
    #[wasm_bindgen(unchecked_param_type = "string")] html: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
) -> Result<String, JsValue> {
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

fn render(markdown: &JsValue, options: Option<JsValue>) -> Result<Article, JsValue> {
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
        // Through a JSON round trip, so that JS values read as the CLI's JSON does (`undefined`
        // keys dropped, dates as strings), then the options' own table of keys.
        Some(value) => {
            let plain = js_sys::JSON::stringify(&value)
                .ok()
                .and_then(|json| json.as_string())
                .and_then(|json| js_sys::JSON::parse(&json).ok())
                .ok_or_else(|| Error::InvalidOptions("options could not be read as JSON".into()))?;
            let entries = js_sys::Object::entries(plain.unchecked_ref()).into_iter().map(|entry| {
                let entry: js_sys::Array = entry.unchecked_into();
                (
                    entry.get(0).as_string().unwrap_or_default(),
                    option_value(&entry.get(1)),
                )
            });
            Options::from_entries(entries)
        }
    }
}

/// A JSON value (after the round trip: no `undefined`, functions or symbols) as an option's value.
fn option_value(value: &JsValue) -> OptionValue {
    if let Some(b) = value.as_bool() {
        OptionValue::Bool(b)
    } else if let Some(n) = value.as_f64() {
        OptionValue::Number(n)
    } else if let Some(s) = value.as_string() {
        OptionValue::String(s)
    } else if let Some(items) = value.dyn_ref::<js_sys::Array>() {
        OptionValue::List(items.iter().map(|item| option_value(&item)).collect())
    } else if value.is_object() {
        OptionValue::Object
    } else {
        OptionValue::Null
    }
}

fn to_js(article: &Article) -> Result<JsValue, JsValue> {
    // json_compatible: maps become plain objects and None becomes null, as in `quire --json`.
    article
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_sys::Error::new(&format!("quire: could not build the result: {e}")).into())
}

/// A real `Error`; the core module's "needs the full module" is named, for the wrapper to catch.
fn js_error(error: Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    if matches!(error, Error::FeatureNeeded(_)) {
        js.set_name(FULL_MODULE_NEEDED);
    }
    js.into()
}

/// The `name` of the error the core module throws for a document that needs the full module (raw
/// HTML only ammonia cleans, front matter only the parsers read, or text the pasted-text rules
/// read). The name predates front matter and pasted text moving out of the core module; it stays,
/// since pages catch it (`src/js/quire.js`, the README).
const FULL_MODULE_NEEDED: &str = "QuireSanitizerNeeded";

fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else if js_sys::Array::is_array(value) {
        "array".to_owned()
    } else {
        value.js_typeof().as_string().unwrap_or_else(|| "unknown".to_owned())
    }
}
