//! The one sanitizer policy: ammonia configured to keep what Markdown produces and nothing that
//! can run script, restyle the page or clobber its globals.

use std::borrow::Cow;

use ammonia::Builder;

/// URL schemes a link or image may use; relative URLs are kept as written.
const URL_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// `rel` on every link: no `window.opener`, no referrer leak, no endorsement of user-written links.
const LINK_REL: &str = "noopener noreferrer nofollow ugc";

/// Classes our own HTML uses, kept wherever they appear; every other class is dropped.
const OUR_CLASSES: [&str; 3] = ["footnote-reference", "footnote-definition", "footnote-definition-label"];

/// Cleans `html` with the policy. Every `id` gets `id_prefix`, and so do in-page `#` links, so a
/// document's ids can never shadow the host page's globals (DOM clobbering).
pub(crate) fn sanitize(html: &str, id_prefix: &str) -> String {
    policy(id_prefix).clean(html).to_string()
}

fn policy(id_prefix: &str) -> Builder<'_> {
    let mut builder = Builder::default();
    builder
        .add_tags(["input"])
        .add_generic_attributes(["id", "class"])
        .add_tag_attributes("input", ["type", "checked"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        // A checkbox from raw HTML is as inert as a task-list one.
        .set_tag_attribute_value("input", "disabled", "")
        .url_schemes(URL_SCHEMES.into_iter().collect())
        .link_rel(Some(LINK_REL))
        .id_prefix((!id_prefix.is_empty()).then_some(id_prefix));
    let prefix = id_prefix.to_owned();
    builder.attribute_filter(move |element, attribute, value| filter_attribute(&prefix, element, attribute, value));
    builder
}

/// Narrows attributes that the allow-list lets through by name to the values we produce.
fn filter_attribute<'v>(id_prefix: &str, element: &str, attribute: &str, value: &'v str) -> Option<Cow<'v, str>> {
    match attribute {
        "class" => keep_our_classes(value),
        // pulldown-cmark aligns table cells with exactly these declarations; anything else could restyle the page.
        "style" => matches!(value, "text-align: left" | "text-align: center" | "text-align: right")
            .then_some(Cow::Borrowed(value)),
        "type" if element == "input" => Some(Cow::Borrowed("checkbox")),
        "href" => Some(prefix_fragment(id_prefix, value)),
        _ => Some(Cow::Borrowed(value)),
    }
}

fn keep_our_classes(value: &str) -> Option<Cow<'_, str>> {
    let kept: Vec<&str> = value
        .split_ascii_whitespace()
        .filter(|class| is_our_class(class))
        .collect();
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
        let out = sanitize(html, "user-content-");
        assert_eq!(
            out,
            r##"<h2 id="user-content-a">A</h2><pre><code class="language-rust">x</code></pre><input type="checkbox" checked="" disabled=""><a href="#user-content-a" rel="noopener noreferrer nofollow ugc">a</a><img>"##
        );
    }

    #[test]
    fn style_only_as_table_alignment() {
        let out = sanitize(
            r#"<table><tr><td style="text-align: center">a</td><td style="color: red">b</td></tr></table><p style="text-align: center">c</p>"#,
            "p-",
        );
        assert_eq!(
            out,
            r#"<table><tbody><tr><td style="text-align: center">a</td><td>b</td></tr></tbody></table><p>c</p>"#
        );
    }
}
