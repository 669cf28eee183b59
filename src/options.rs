//! Options: one camelCase JSON schema shared by Rust, JavaScript and the CLI's `--options`
//! (read through one table of keys: `read.rs`).

use crate::limits::LIMITS;
use serde::Serialize;

use crate::urls::BaseUrl;
use crate::Error;

mod read;
pub(crate) use read::OptionValue;

/// How a document is rendered. `Options::default()` is the safe article preset.
///
/// Every field has a default, so a JSON object needs only the keys it changes:
///
/// ```
/// let options = quire::Options::from_json(r#"{"preset": "gfm", "rawHtml": "escape"}"#).unwrap();
/// assert_eq!(options.preset, quire::Preset::Gfm);
/// assert!(quire::Options::from_json(r#"{"nope": 1}"#).is_err());
/// ```
///
/// The boolean feature switches are `None` by default, meaning "as the preset says"; `Some(_)`
/// overrides the preset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Options {
    /// What to render like. Default: `article`.
    pub preset: Preset,
    /// What happens to raw HTML in the Markdown. Default: `sanitize`.
    pub raw_html: RawHtml,
    /// Larger input (in UTF-8 bytes) is refused with [`Error::InputTooLarge`]. Default: 8 MiB.
    pub max_input_bytes: usize,
    /// Prefix of every `id` in the output, against DOM clobbering; in-page `#` links follow it.
    /// Letters, digits, `-` and `_` only. Default: `user-content-`.
    pub id_prefix: String,
    /// Give headings ids from GitHub's slug rules. Default: on for `article`, off otherwise.
    pub heading_ids: Option<bool>,
    /// Curly quotes, en and em dashes, ellipses. Default: on for `article`, off otherwise.
    pub smart_punctuation: Option<bool>,
    /// GFM pipe tables. Default: on for `article` and `gfm`, off for `commonmark`.
    pub tables: Option<bool>,
    /// `[^label]` footnotes. Default: on for `article` and `gfm`, off for `commonmark`.
    pub footnotes: Option<bool>,
    /// `~~strikethrough~~`. Default: on for `article` and `gfm`, off for `commonmark`.
    pub strikethrough: Option<bool>,
    /// `- [x]` task list items as disabled checkboxes. Default: on for `article` and `gfm`, off for `commonmark`.
    pub task_lists: Option<bool>,
    /// GFM autolinks: `www.example.com`, `https://…` and e-mail addresses in text become links.
    /// Default: on for `article` and `gfm`, off for `commonmark`.
    pub autolinks: Option<bool>,
    /// GFM's tag filter: `<script>`, `<iframe>`, `<style>`, `<textarea>`… written as raw HTML are shown
    /// as text even when `rawHtml` is `trusted`. Default: on for `article` and `gfm`, off for `commonmark`.
    pub tagfilter: Option<bool>,
    /// GitHub alerts: `> [!NOTE]`, `TIP`, `IMPORTANT`, `WARNING`, `CAUTION`. Default: on for `article`.
    pub alerts: Option<bool>,
    /// `$inline$` and `$$display$$` math as `math-inline` / `math-display` elements holding the TeX
    /// source (for KaTeX or MathJax). Default: on for `article`.
    pub math: Option<bool>,
    /// Definition lists (`Term` then `: definition`). Default: on for `article`.
    pub definition_lists: Option<bool>,
    /// `# Heading {#id .class}`: an id and classes, never other attributes. Default: on for `article`.
    pub heading_attributes: Option<bool>,
    /// A `#` link in each heading (with an id) to copy the section's address. Default: on for `article`.
    pub heading_anchors: Option<bool>,
    /// YAML (`---`) or TOML (`+++`) front matter at the start is read as metadata, not rendered.
    /// Default: on for `article`.
    pub front_matter: Option<bool>,
    /// A leading `# Title` and `By Name` line are the article's title and byline: they move to the
    /// header (or out of the body, with `bodyOnly`). Default: on for `article`.
    pub title_block: Option<bool>,
    /// Render only the body: no `<article>` frame and no `<header>` (build your own from the
    /// metadata). Default: off for `article`; `gfm` and `commonmark` always render only the body.
    pub body_only: Option<bool>,
    /// A `<nav class="toc">` table of contents right after the header. Default: off.
    pub toc_nav: Option<bool>,
    /// `data-source-lines="first-last"` (1-based input lines, front matter counted) on every
    /// top-level block and every heading, and `line` on each `toc` entry: for an editor to sync
    /// its scrolling with the preview. Raw HTML blocks have none. Default: off.
    pub source_lines: Option<bool>,
    /// Deepest heading level listed in `toc` and the nav. Default: 6.
    pub toc_max_level: u8,
    /// An image alone in its paragraph becomes a `<figure>` with a caption (its title, else its alt
    /// text). Default: on for `article`.
    pub figures: Option<bool>,
    /// Images load lazily (`loading="lazy" decoding="async"`). Default: on for `article`.
    pub lazy_images: Option<bool>,
    /// A block quote whose last paragraph starts with a dash (`—`, `–` or `--`) becomes a quote
    /// figure with that line as its attribution. Default: on for `article`.
    pub quote_attributions: Option<bool>,
    /// Plain text copied from a web page (no Markdown beyond paragraphs and line breaks, and a sign
    /// of a page: a byline or date, debris, a dek, an attributed quote, one paragraph per line) has its
    /// article recovered: title, dek, byline and date, sections, quotes; page debris is removed
    /// and every step is reported in `Article.recovered`. `always` does it to text that has some
    /// Markdown too (its other blocks are kept as they are). Default: `detect` for `article`; the
    /// `gfm` and `commonmark` presets never do it.
    pub pasted_text: PastedText,
    /// Absolute `http(s)` URL that relative links and images resolve against (where the article
    /// was fetched from). Default: none (relative URLs stay relative).
    pub base_url: Option<String>,
    /// Links to another origin than `baseUrl` (any absolute http(s) link without one) get
    /// `target="_blank"`. Default: off.
    pub external_links_new_tab: bool,
    /// `rel` on every link. Default: `noopener noreferrer nofollow ugc`.
    pub link_rel: String,
    /// URL schemes to allow besides `http`, `https`, `mailto` and `tel` (e.g. `["xmpp", "ftp"]`).
    /// `javascript`, `vbscript`, `data`, `file` and `blob` are refused. Default: none.
    pub extra_url_schemes: Vec<String>,
    /// Classes to keep on any element besides quire's own. Default: none.
    pub extra_classes: Vec<String>,
    /// Attributes to keep on any element: `data-*`, `aria-*` or `role` only (never `on*`, `style`
    /// or a URL). Default: none.
    pub extra_attributes: Vec<String>,
}

/// A bundle of defaults. Other options override what the preset sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// Everything an article reader wants: GFM extensions, heading ids, smart punctuation.
    #[default]
    Article,
    /// Exactly GitHub Flavored Markdown (tables, task lists, strikethrough), plus footnotes.
    Gfm,
    /// Exactly CommonMark, no extensions.
    Commonmark,
}

/// What happens to raw HTML written in the Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Kept, then cleaned by the one sanitizer policy (nothing that can run script survives).
    #[default]
    Sanitize,
    /// Shown as text, the way it was typed.
    Escape,
    /// Removed; the text inside ordinary elements is kept, the content of `script`/`style` is not.
    Strip,
    /// Passed through with no sanitizer at all. Only for content you wrote yourself.
    Trusted,
}

/// Whether plain text pasted from a web page has its article structure recovered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PastedText {
    /// When the document is plain text with the shape of a page's text.
    #[default]
    Detect,
    /// Never: every document is Markdown.
    Off,
    /// Always, even when the text has some Markdown: its paragraphs are read as pasted lines.
    Always,
}

/// `rel` on links unless `linkRel` says otherwise.
pub(crate) const DEFAULT_LINK_REL: &str = "noopener noreferrer nofollow ugc";

/// Schemes `extraUrlSchemes` can never allow: they run script or smuggle documents.
const REFUSED_SCHEMES: [&str; 5] = ["javascript", "vbscript", "data", "file", "blob"];

impl Default for Options {
    fn default() -> Self {
        Options {
            preset: Preset::Article,
            raw_html: RawHtml::Sanitize,
            max_input_bytes: LIMITS.input_bytes,
            id_prefix: "user-content-".to_owned(),
            heading_ids: None,
            smart_punctuation: None,
            tables: None,
            footnotes: None,
            strikethrough: None,
            task_lists: None,
            autolinks: None,
            tagfilter: None,
            alerts: None,
            math: None,
            definition_lists: None,
            heading_attributes: None,
            heading_anchors: None,
            front_matter: None,
            title_block: None,
            body_only: None,
            toc_nav: None,
            source_lines: None,
            toc_max_level: 6,
            figures: None,
            lazy_images: None,
            quote_attributions: None,
            pasted_text: PastedText::Detect,
            base_url: None,
            external_links_new_tab: false,
            link_rel: DEFAULT_LINK_REL.to_owned(),
            extra_url_schemes: Vec::new(),
            extra_classes: Vec::new(),
            extra_attributes: Vec::new(),
        }
    }
}

impl Options {
    /// Parses and validates options from JSON, the way the CLI and the JS API do.
    /// The error names the offending key and what it takes.
    pub fn from_json(json: &str) -> Result<Options, Error> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| Error::InvalidOptions(format!("not valid JSON: {e}")))?;
        let serde_json::Value::Object(entries) = value else {
            return Err(Error::InvalidOptions("options must be a JSON object".into()));
        };
        Options::from_entries(entries.into_iter().map(|(key, value)| (key, option_value(value))))
    }

    /// Checks values that the types alone cannot (so no bad value reaches the pipeline).
    pub fn validate(&self) -> Result<(), Error> {
        if self.max_input_bytes == 0 {
            return Err(Error::InvalidOptions("`maxInputBytes` must be at least 1".into()));
        }
        let prefix_ok = self.id_prefix.len() <= LIMITS.id_prefix_bytes
            && self
                .id_prefix
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !prefix_ok {
            return Err(Error::InvalidOptions(format!(
                "`idPrefix` may hold only ASCII letters, digits, `-` and `_`, at most {} of them",
                LIMITS.id_prefix_bytes
            )));
        }
        if !(1..=6).contains(&self.toc_max_level) {
            return Err(Error::InvalidOptions(
                "`tocMaxLevel` must be a heading level, 1 to 6".into(),
            ));
        }
        self.base_url()?;
        let rel_ok = self.link_rel.len() <= 100
            && self
                .link_rel
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b' ');
        if !rel_ok {
            return Err(Error::InvalidOptions(
                "`linkRel` may hold only lowercase words separated by spaces".into(),
            ));
        }
        for scheme in &self.extra_url_schemes {
            let plain = scheme.starts_with(|c: char| c.is_ascii_lowercase())
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"+-.".contains(&b));
            if !plain || REFUSED_SCHEMES.contains(&scheme.as_str()) {
                return Err(Error::InvalidOptions(format!(
                    "`extraUrlSchemes`: {scheme:?} cannot be allowed (lowercase scheme names only; never {})",
                    REFUSED_SCHEMES.join(", ")
                )));
            }
        }
        for class in &self.extra_classes {
            let plain = class.starts_with(|c: char| c.is_ascii_alphabetic())
                && class
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !plain {
                return Err(Error::InvalidOptions(format!(
                    "`extraClasses`: {class:?} is not a plain class name (letters, digits, `-`, `_`)"
                )));
            }
        }
        for attribute in &self.extra_attributes {
            let name_ok = attribute
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            let kind_ok = attribute == "role"
                || ["data-", "aria-"]
                    .iter()
                    .any(|p| attribute.strip_prefix(p).is_some_and(|rest| !rest.is_empty()));
            if !(name_ok && kind_ok) {
                return Err(Error::InvalidOptions(format!(
                    "`extraAttributes`: {attribute:?} cannot be allowed (only `data-*`, `aria-*` and `role`)"
                )));
            }
        }
        Ok(())
    }

    /// `baseUrl`, parsed; an error unless it is an absolute http(s) URL.
    pub(crate) fn base_url(&self) -> Result<Option<BaseUrl>, Error> {
        let Some(base) = &self.base_url else { return Ok(None) };
        match BaseUrl::parse(base) {
            Some(url) => Ok(Some(url)),
            None => Err(Error::InvalidOptions(format!(
                "`baseUrl` must be an absolute http or https URL, got {base:?}"
            ))),
        }
    }
}

/// Which presets turn a switch on when the options leave it to them.
#[derive(Clone, Copy)]
pub(crate) enum OnFor {
    Article,
    ArticleAndGfm,
    Never,
}

impl OnFor {
    fn includes(self, preset: Preset) -> bool {
        match self {
            OnFor::Article => preset == Preset::Article,
            OnFor::ArticleAndGfm => preset != Preset::Commonmark,
            OnFor::Never => false,
        }
    }
}

/// A feature switch as `read.rs` reads it: its field's name and how to set it.
pub(crate) struct Switch {
    pub field: &'static str,
    #[cfg_attr(not(test), allow(dead_code))] // the docs test reads it
    pub on_for: OnFor,
    pub set: fn(&mut Options, Option<bool>),
}

/// Every feature switch once: its field in [`Options`] and the presets that turn it on. From it
/// come [`Features`], [`Options::features`] and [`SWITCHES`], through which `read.rs` reads them;
/// a test holds the docs here and the TypeScript to it.
macro_rules! switches {
    ($($field:ident: $on_for:ident,)*) => {
        /// Resolved switches: the preset with the overrides applied.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) struct Features {
            $(pub $field: bool,)*
            pub pasted_text: PastedText,
        }

        pub(crate) const SWITCHES: &[Switch] = &[$(Switch {
            field: stringify!($field),
            on_for: OnFor::$on_for,
            set: |options, value| options.$field = value,
        },)*];

        impl Options {
            /// The features in force once the preset's defaults and the overrides are combined.
            pub(crate) fn features(&self) -> Features {
                let article = self.preset == Preset::Article;
                let mut features = Features {
                    $($field: self.$field.unwrap_or(OnFor::$on_for.includes(self.preset)),)*
                    pasted_text: if article { self.pasted_text } else { PastedText::Off },
                };
                // The spec presets render exactly the spec's HTML: never a frame.
                features.body_only |= !article;
                features
            }
        }
    };
}

switches! {
    heading_ids: Article,
    smart_punctuation: Article,
    tables: ArticleAndGfm,
    footnotes: ArticleAndGfm,
    strikethrough: ArticleAndGfm,
    task_lists: ArticleAndGfm,
    autolinks: ArticleAndGfm,
    tagfilter: ArticleAndGfm,
    alerts: Article,
    math: Article,
    definition_lists: Article,
    heading_attributes: Article,
    heading_anchors: Article,
    front_matter: Article,
    title_block: Article,
    body_only: Never,
    toc_nav: Never,
    source_lines: Never,
    figures: Article,
    lazy_images: Article,
    quote_attributions: Article,
}

/// A JSON value as an option's value.
fn option_value(value: serde_json::Value) -> OptionValue {
    use serde_json::Value;
    match value {
        Value::Null => OptionValue::Null,
        Value::Bool(b) => OptionValue::Bool(b),
        // Integers past 2^53 lose precision, as they do in JavaScript.
        Value::Number(n) => OptionValue::Number(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => OptionValue::String(s),
        Value::Array(items) => OptionValue::List(items.into_iter().map(option_value).collect()),
        Value::Object(_) => OptionValue::Object,
    }
}
