//! The one sanitizer policy: ammonia configured to keep what Markdown produces and nothing that
//! can run script, restyle the page or clobber its globals.

use std::borrow::Cow;

use ammonia::{Builder, Url, UrlRelative, UrlRelativeEvaluate};

/// URL schemes a link or image may use; relative URLs are kept as written.
const URL_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// `rel` on every link: no `window.opener`, no referrer leak, no endorsement of user-written links.
const LINK_REL: &str = "noopener noreferrer nofollow ugc";

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

/// Cleans `html` with the policy. Every `id` gets `id_prefix`, and so do in-page `#` links, so a
/// document's ids can never shadow the host page's globals (DOM clobbering).
pub(crate) fn sanitize(html: &str, id_prefix: &str, base_url: Option<&Url>) -> String {
    policy(id_prefix, base_url).clean(html).to_string()
}

fn policy<'p>(id_prefix: &'p str, base_url: Option<&Url>) -> Builder<'p> {
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
        // adds missing forced attributes in hash order: for a raw `<input>` lacking both, their
        // order in the output may vary between processes; the meaning does not.)
        .set_tag_attribute_value("input", "type", "checkbox")
        .set_tag_attribute_value("input", "disabled", "")
        .url_schemes(URL_SCHEMES.into_iter().collect())
        .link_rel(Some(LINK_REL))
        .id_prefix((!id_prefix.is_empty()).then_some(id_prefix));
    let prefix = id_prefix.to_owned();
    builder.attribute_filter(move |element, attribute, value| filter_attribute(&prefix, element, attribute, value));
    builder
}

/// Relative URLs in raw HTML resolve against `baseUrl`, as Markdown links do; in-page `#` links stay.
struct ResolveAgainst(Url);

impl UrlRelativeEvaluate<'_> for ResolveAgainst {
    fn evaluate<'u>(&self, url: &'u str) -> Option<Cow<'u, str>> {
        if url.starts_with('#') {
            return Some(Cow::Borrowed(url));
        }
        Some(
            self.0
                .join(url)
                .map_or(Cow::Borrowed(url), |resolved| Cow::Owned(resolved.into())),
        )
    }
}

/// Narrows attributes that the allow-list lets through by name to the values we produce.
fn filter_attribute<'v>(id_prefix: &str, element: &str, attribute: &str, value: &'v str) -> Option<Cow<'v, str>> {
    match attribute {
        // `# Heading {.class}` may name any plain class; elsewhere only ours survive.
        "class" if matches!(element, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") => keep_classes(value, is_plain_class),
        "class" => keep_classes(value, is_our_class),
        // A new tab is all a link may ask for (with rel=noopener); no named frames or _top.
        "target" => (value == "_blank").then_some(Cow::Borrowed(value)),
        "dir" => matches!(value, "ltr" | "rtl" | "auto").then_some(Cow::Borrowed(value)),
        "loading" => matches!(value, "lazy" | "eager").then_some(Cow::Borrowed(value)),
        "decoding" => matches!(value, "async" | "sync" | "auto").then_some(Cow::Borrowed(value)),
        "href" => Some(prefix_fragment(id_prefix, value)),
        _ => Some(Cow::Borrowed(value)),
    }
}

fn keep_classes(value: &str, keep: fn(&str) -> bool) -> Option<Cow<'_, str>> {
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
        let out = sanitize(html, "user-content-", None);
        assert_eq!(
            out,
            r##"<h2 id="user-content-a">A</h2><pre><code class="language-rust">x</code></pre><input type="checkbox" checked="" disabled=""><a href="#user-content-a" rel="noopener noreferrer nofollow ugc">a</a><img>"##
        );
    }

    #[test]
    fn no_style_at_all_but_table_alignment_attributes() {
        let out = sanitize(
            r#"<table><tr><td align="center" style="text-align: center">a</td><td style="color: red">b</td></tr></table>"#,
            "p-",
            None,
        );
        assert_eq!(
            out,
            r#"<table><tbody><tr><td align="center">a</td><td>b</td></tr></tbody></table>"#
        );
    }
}
