//! The one sanitizer policy: ammonia configured to keep what Markdown produces and nothing that
//! can run script, restyle the page or clobber its globals.

use std::borrow::Cow;

use ammonia::{Builder, Url, UrlRelative, UrlRelativeEvaluate};

use crate::options::DEFAULT_LINK_REL;
use crate::Options;

/// URL schemes a link or image may use; relative URLs are kept as written.
pub(crate) const URL_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Classes our own HTML uses, kept wherever they appear; every other class is dropped.
const OUR_CLASSES: [&str; 20] = [
    "anchor",
    "article-meta",
    "author",
    "byline",
    "footnotes",
    "footnote-ref",
    "footnote-backref",
    "markdown-alert",
    "markdown-alert-title",
    "markdown-alert-note",
    "markdown-alert-tip",
    "markdown-alert-important",
    "markdown-alert-warning",
    "markdown-alert-caution",
    "math-inline",
    "math-display",
    "quote",
    "reading-time",
    "toc",
    "contains-task-list",
];

/// What the options add to the policy. They can widen it (schemes, classes, `data-*`/`aria-*`
/// attributes, `rel`) only within what `Options::validate` accepts: never `on*` or `javascript:`.
pub(crate) struct Settings<'o> {
    pub id_prefix: &'o str,
    pub base_url: Option<&'o Url>,
    pub link_rel: &'o str,
    pub extra_url_schemes: &'o [String],
    pub extra_classes: &'o [String],
    pub extra_attributes: &'o [String],
}

impl<'o> Settings<'o> {
    pub fn new(options: &'o Options, base_url: Option<&'o Url>) -> Self {
        Settings {
            id_prefix: &options.id_prefix,
            base_url,
            link_rel: &options.link_rel,
            extra_url_schemes: &options.extra_url_schemes,
            extra_classes: &options.extra_classes,
            extra_attributes: &options.extra_attributes,
        }
    }

    /// The policy with nothing added.
    pub fn plain(id_prefix: &'o str, base_url: Option<&'o Url>) -> Self {
        Settings {
            id_prefix,
            base_url,
            link_rel: DEFAULT_LINK_REL,
            extra_url_schemes: &[],
            extra_classes: &[],
            extra_attributes: &[],
        }
    }
}

/// Cleans `html` with the policy. Every `id` gets `id_prefix`, and so do in-page `#` links, so a
/// document's ids can never shadow the host page's globals (DOM clobbering).
pub(crate) fn sanitize(html: &str, settings: &Settings<'_>) -> String {
    policy_with(settings).clean(html).to_string()
}

/// The plain policy as an ammonia builder; `removed.rs` reads its allow-lists to explain what it removes.
pub(crate) fn policy<'p>(id_prefix: &'p str, base_url: Option<&'p Url>) -> Builder<'p> {
    policy_with(&Settings::plain(id_prefix, base_url))
}

fn policy_with<'p>(settings: &Settings<'p>) -> Builder<'p> {
    let (id_prefix, base_url) = (settings.id_prefix, settings.base_url);
    let mut builder = Builder::default();
    if let Some(base) = base_url {
        builder.url_relative(UrlRelative::Custom(Box::new(ResolveAgainst(base.clone()))));
    }
    builder
        .add_tags([
            "input",
            "section",
            "article",
            "header",
            "nav",
            "figure",
            "figcaption",
            "time",
        ])
        .add_generic_attributes(["id", "class", "dir"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        // `cite` holds a URL that ammonia does not filter; browsers never follow it, but it goes.
        .rm_tag_attributes("blockquote", ["cite"])
        .rm_tag_attributes("q", ["cite"])
        .rm_tag_attributes("del", ["cite"])
        .rm_tag_attributes("ins", ["cite"])
        .add_tag_attributes("a", ["aria-label", "target"])
        .add_tag_attributes("nav", ["aria-label"])
        .add_tag_attributes("img", ["loading", "decoding"])
        .add_tag_attributes("time", ["datetime"])
        // Every input, typed or not, is a disabled checkbox, as inert as a task-list one. (ammonia
        // adds missing forced attributes in hash order, and each builder hashes differently: for a
        // raw `<input>` lacking both, their order may vary from one render to the next; the
        // meaning does not. Known issue: fixed order pending.)
        .set_tag_attribute_value("input", "type", "checkbox")
        .set_tag_attribute_value("input", "disabled", "")
        .url_schemes(
            URL_SCHEMES
                .into_iter()
                .chain(settings.extra_url_schemes.iter().map(String::as_str))
                .collect(),
        )
        .add_generic_attributes(settings.extra_attributes.iter().map(String::as_str))
        .link_rel((!settings.link_rel.is_empty()).then_some(settings.link_rel))
        .id_prefix((!id_prefix.is_empty()).then_some(id_prefix));
    let prefix = id_prefix.to_owned();
    let extra_classes = settings.extra_classes.to_vec();
    builder.attribute_filter(move |element, attribute, value| {
        filter_with(&prefix, &extra_classes, element, attribute, value)
    });
    builder
}

/// Relative URLs in raw HTML resolve against `baseUrl`, as Markdown links do; in-page `#` links stay.
struct ResolveAgainst(Url);

impl UrlRelativeEvaluate<'_> for ResolveAgainst {
    fn evaluate<'u>(&self, url: &'u str) -> Option<Cow<'u, str>> {
        Some(resolve_relative(&self.0, url))
    }
}

/// A relative URL against the base URL; in-page `#` links stay as they are.
pub(crate) fn resolve_relative<'u>(base: &Url, url: &'u str) -> Cow<'u, str> {
    if url.starts_with('#') {
        return Cow::Borrowed(url);
    }
    base.join(url)
        .map_or(Cow::Borrowed(url), |resolved| Cow::Owned(resolved.into()))
}

/// The policy's attribute filter, which ammonia calls on every attribute it keeps: `extraClasses`
/// widen the class rule, the rest is [`filter_attribute`].
pub(crate) fn filter_with<'v>(
    id_prefix: &str,
    extra_classes: &[String],
    element: &str,
    attribute: &str,
    value: &'v str,
) -> Option<Cow<'v, str>> {
    match attribute {
        "class" if !extra_classes.is_empty() => keep_classes(value, |class| {
            extra_classes.iter().any(|extra| extra == class) || kept_class(element, class)
        }),
        _ => filter_attribute(id_prefix, element, attribute, value),
    }
}

/// Narrows attributes that the allow-list lets through by name to the values we produce.
pub(crate) fn filter_attribute<'v>(
    id_prefix: &str,
    element: &str,
    attribute: &str,
    value: &'v str,
) -> Option<Cow<'v, str>> {
    match attribute {
        "class" => keep_classes(value, |class| kept_class(element, class)),
        // A new tab is all a link may ask for (with rel=noopener); no named frames or _top.
        "target" => (value == "_blank").then_some(Cow::Borrowed(value)),
        "dir" => matches!(value, "ltr" | "rtl" | "auto").then_some(Cow::Borrowed(value)),
        "loading" => matches!(value, "lazy" | "eager").then_some(Cow::Borrowed(value)),
        "decoding" => matches!(value, "async" | "sync" | "auto").then_some(Cow::Borrowed(value)),
        "href" => Some(prefix_fragment(id_prefix, value)),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// `# Heading {.class}` may name any plain class; elsewhere only ours survive.
fn kept_class(element: &str, class: &str) -> bool {
    match element {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => is_plain_class(class),
        _ => is_our_class(class),
    }
}

fn keep_classes(value: &str, keep: impl Fn(&str) -> bool) -> Option<Cow<'_, str>> {
    let kept: Vec<&str> = value.split_ascii_whitespace().filter(|class| keep(class)).collect();
    if kept.is_empty() {
        None
    } else if kept.join(" ") == value {
        Some(Cow::Borrowed(value))
    } else {
        Some(Cow::Owned(kept.join(" ")))
    }
}

/// `language-*` (for highlighters) with a plain language name, or one of our own classes.
fn is_our_class(class: &str) -> bool {
    match class.strip_prefix("language-") {
        Some(lang) => !lang.is_empty() && lang.chars().all(|c| c.is_alphanumeric() || "-_+#.".contains(c)),
        None => OUR_CLASSES.contains(&class),
    }
}

/// Letters, digits, `-` and `_`, starting with a letter: a class, nothing that looks like our own.
fn is_plain_class(class: &str) -> bool {
    class.starts_with(|c: char| c.is_ascii_alphabetic())
        && class
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        || is_our_class(class)
}

/// `#name` becomes `#<prefix>name`, to follow the prefixed ids.
fn prefix_fragment<'v>(id_prefix: &str, href: &'v str) -> Cow<'v, str> {
    match href.strip_prefix('#') {
        Some(name) if !name.is_empty() && !name.starts_with(id_prefix) => Cow::Owned(format!("#{id_prefix}{name}")),
        _ => Cow::Borrowed(href),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_markdown_output_and_drops_script() {
        let html = r##"<h2 id="a">A</h2><pre><code class="language-rust evil">x</code></pre><input type="text" checked=""><a href="#a" onclick="x()">a</a><script>alert(1)</script><img src="javascript:alert(1)" onerror="alert(1)">"##;
        let out = sanitize(html, &Settings::plain("user-content-", None));
        assert_eq!(
            out,
            r##"<h2 id="user-content-a">A</h2><pre><code class="language-rust">x</code></pre><input type="checkbox" checked="" disabled=""><a href="#user-content-a" rel="noopener noreferrer nofollow ugc">a</a><img>"##
        );
    }

    #[test]
    fn no_style_at_all_but_table_alignment_attributes() {
        let out = sanitize(
            r#"<table><tr><td align="center" style="text-align: center">a</td><td style="color: red">b</td></tr></table>"#,
            &Settings::plain("p-", None),
        );
        assert_eq!(
            out,
            r#"<table><tbody><tr><td align="center">a</td><td>b</td></tr></tbody></table>"#
        );
    }

    #[test]
    fn options_widen_the_policy_within_bounds() {
        let options = crate::Options::from_json(
            r#"{"extraUrlSchemes":["xmpp"],"extraClasses":["note"],"extraAttributes":["data-x"],"linkRel":"nofollow"}"#,
        )
        .unwrap();
        let out = sanitize(
            r#"<a href="xmpp:a@b.c" class="note other" data-x="1" onclick="x()">a</a><a href="javascript:x()">b</a>"#,
            &Settings::new(&options, None),
        );
        assert_eq!(
            out,
            r#"<a href="xmpp:a@b.c" class="note" data-x="1" rel="nofollow">a</a><a rel="nofollow">b</a>"#
        );
        for bad in [
            r#"{"extraUrlSchemes":["javascript"]}"#,
            r#"{"extraUrlSchemes":["Data"]}"#,
            r#"{"extraAttributes":["onclick"]}"#,
            r#"{"extraAttributes":["style"]}"#,
            r#"{"extraAttributes":["data-"]}"#,
            r#"{"extraClasses":["a b"]}"#,
            r#"{"linkRel":"x\" onclick=\""}"#,
        ] {
            assert!(crate::Options::from_json(bad).is_err(), "{bad}");
        }
    }
}
