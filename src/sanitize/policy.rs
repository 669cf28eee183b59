//! The one sanitizer policy: ammonia configured to keep what Markdown produces and nothing that
//! can run script, restyle the page or clobber its globals.

use crate::limits::LIMITS;
use std::borrow::Cow;

use ammonia::{Builder, UrlRelative, UrlRelativeEvaluate};

use crate::options::DEFAULT_LINK_REL;
use crate::sanitize::settle::{settle, Repair};
use crate::urls::BaseUrl;
use crate::Options;

/// URL schemes a link or image may use; relative URLs are kept as written.
pub(crate) const URL_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Classes our own HTML uses, kept wherever they appear; every other class is dropped.
const OUR_CLASSES: [&str; 21] = [
    "anchor",
    "article-meta",
    "author",
    "byline",
    "dek",
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
    pub base_url: Option<&'o BaseUrl>,
    pub link_rel: &'o str,
    pub extra_url_schemes: &'o [String],
    pub extra_classes: &'o [String],
    pub extra_attributes: &'o [String],
}

impl<'o> Settings<'o> {
    pub fn new(options: &'o Options, base_url: Option<&'o BaseUrl>) -> Self {
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
    pub fn plain(id_prefix: &'o str, base_url: Option<&'o BaseUrl>) -> Self {
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
///
/// The result is a fixed point: sanitizing it again gives it back, byte for byte, and a browser
/// parses it into the tree it spells out. ammonia's serialization alone is not: it can write a tree
/// the HTML parser builds differently (a `<p>` inside a `<p>` where a removed `<button>` stood,
/// links the adoption agency left nested). [`settle`] finds such constructs in one linear pass over
/// ammonia's output; only then (misnested raw HTML) does the cleaner run again, on its own output,
/// so that the parser rebuilds the tree as a browser would, at most [`LIMITS.clean_passes`] times in all;
/// what has not settled by then, [`settle`] unwraps.
pub(crate) fn sanitize(html: &str, settings: &Settings<'_>) -> String {
    let default = settings.id_prefix == DEFAULT_ID_PREFIX
        && settings.base_url.is_none()
        && settings.link_rel == DEFAULT_LINK_REL
        && settings.extra_url_schemes.is_empty()
        && settings.extra_classes.is_empty()
        && settings.extra_attributes.is_empty();
    if default {
        // Building the policy costs more than settling a page does: the usual one is built once.
        thread_local! {
            static DEFAULT_POLICY: Builder<'static> = policy_with(&Settings::plain(DEFAULT_ID_PREFIX, None));
        }
        return DEFAULT_POLICY.with(|policy| clean_to_fixed_point(policy, html).0);
    }
    clean_to_fixed_point(&policy_with(settings), html).0
}

/// `Options::default().id_prefix` (a test checks).
const DEFAULT_ID_PREFIX: &str = "user-content-";

/// The fixed point, and how many times the cleaner ran.
fn clean_to_fixed_point(policy: &Builder<'_>, html: &str) -> (String, usize) {
    let mut cleaned = clean(policy, html);
    let mut previous: Option<String> = None;
    let mut passes = 1;
    loop {
        let Some(settled) = settle(&cleaned, Repair::No) else {
            return (cleaned, passes);
        };
        // It round-trips, or the last pass gave the same: cleaning it again changes nothing.
        let fixed = settled.round_trips || previous.as_deref() == Some(&*settled.html);
        if !fixed && passes == LIMITS.clean_passes {
            let repaired = settle(&cleaned, Repair::Unwrap).map(|settled| settled.html.into_owned());
            return (repaired.unwrap_or(cleaned), passes);
        }
        let html = match settled.html {
            Cow::Owned(html) => html,
            Cow::Borrowed(_) => cleaned,
        };
        if fixed {
            return (html, passes);
        }
        cleaned = clean(policy, &html);
        previous = Some(html);
        passes += 1;
    }
}

/// ammonia's clean, serialized straight into the string (`to_string` copies it once more).
fn clean(policy: &Builder<'_>, html: &str) -> String {
    let mut out = Vec::with_capacity(html.len());
    // Writing to a `Vec` does not fail, and html5ever writes UTF-8.
    let _ = policy.clean(html).write_to(&mut out);
    String::from_utf8(out).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// The plain policy as an ammonia builder; `removed.rs` reads its allow-lists to explain what it removes.
pub(crate) fn policy<'p>(id_prefix: &'p str, base_url: Option<&'p BaseUrl>) -> Builder<'p> {
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
        // Every input, typed or not, is a disabled checkbox, as inert as a task-list one. Only
        // `type` is forced here: ammonia adds missing forced attributes in its HashMap's order,
        // which differs between builders. `disabled` gets its value from `filter_attribute` and,
        // when missing, is added last by `settle`, so the order is always the same.
        .set_tag_attribute_value("input", "type", "checkbox")
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
struct ResolveAgainst(BaseUrl);

impl UrlRelativeEvaluate<'_> for ResolveAgainst {
    fn evaluate<'u>(&self, url: &'u str) -> Option<Cow<'u, str>> {
        Some(self.0.resolve(url))
    }
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
        "disabled" if element == "input" => Some(Cow::Borrowed("")),
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
    use crate::html::insertion::element;

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

    /// The policy with `settings` built afresh (`sanitize` reuses the default one).
    fn fresh(html: &str, id_prefix: &str) -> (String, usize) {
        clean_to_fixed_point(&policy_with(&Settings::plain(id_prefix, None)), html)
    }

    /// `sanitize` and a second pass over its output: the same string.
    fn sanitized_twice(html: &str) -> String {
        let settings = Settings::plain("user-content-", None);
        let once = sanitize(html, &settings);
        assert_eq!(sanitize(&once, &settings), once, "not a fixed point: {html:?}");
        once
    }

    #[test]
    fn every_input_is_a_disabled_checkbox_in_one_attribute_order() {
        // Each builder hashes its forced attributes differently: build many.
        for _ in 0..32 {
            assert_eq!(fresh("<input>", "p-").0, r#"<input type="checkbox" disabled="">"#);
            assert_eq!(
                fresh("<input checked>", "p-").0,
                r#"<input checked="" type="checkbox" disabled="">"#
            );
            assert_eq!(
                fresh("<input disabled=yes type=text>", "p-").0,
                r#"<input disabled="" type="checkbox">"#
            );
        }
        // Task-list inputs as pulldown-cmark writes them stay as they are.
        assert_eq!(
            sanitized_twice(r#"<li><input disabled="" type="checkbox" checked=""/> done</li>"#),
            r#"<li><input disabled="" type="checkbox" checked=""> done</li>"#
        );
        assert_eq!(
            sanitized_twice(r#"<li><input disabled="" type="checkbox"/> to do</li>"#),
            r#"<li><input disabled="" type="checkbox"> to do</li>"#
        );
    }

    #[test]
    fn leading_byte_order_marks_all_go_at_once() {
        assert_eq!(sanitized_twice("\u{FEFF}\u{FEFF}x"), "x");
        assert_eq!(sanitized_twice("<form>\u{FEFF}"), "");
        // Only leading ones: the parser keeps the others.
        assert_eq!(
            sanitized_twice("</details>\u{FEFF}\u{FEFF}<p>\u{FEFF}</p>"),
            "<p>\u{FEFF}</p>"
        );
    }

    #[test]
    fn pre_keeps_its_leading_newlines() {
        // Parsing drops the first newline after `<pre>`: the output writes it back.
        assert_eq!(sanitized_twice("<pre>\n\n\nx</pre>"), "<pre>\n\n\nx</pre>");
        assert_eq!(sanitized_twice("<pre>\nx</pre>"), "<pre>x</pre>");
        // Also when a removed element stood first in the `<pre>`.
        assert_eq!(sanitized_twice("<pre><x-y></x-y>\n\nx</pre>"), "<pre>\n\n\nx</pre>");
        // Not in attribute values, not after other elements, not after an empty `<pre>`.
        assert_eq!(
            sanitized_twice("<pre title=\"<pre>\n\"><b>\nx</b></pre><p>\ny</p>"),
            "<pre title=\"&lt;pre&gt;\n\"><b>\nx</b></pre><p>\ny</p>"
        );
        assert_eq!(sanitized_twice("<div><pre>\n</div>\nx"), "<div><pre></pre></div>\nx");
    }

    #[test]
    fn carriage_returns_become_line_feeds() {
        // A character reference leaves a CR in the tree; the next parse would turn it into LF.
        assert_eq!(
            sanitized_twice("<p title=\"a&#13;b\">c&#13;\nd&#13;&#10;e</p>"),
            "<p title=\"a\nb\">c\nd\ne</p>"
        );
    }

    #[test]
    fn rel_stays_last() {
        // The filter drops `target` by moving the last attribute (`rel`) into its place.
        assert_eq!(
            sanitized_twice("<a target=x lang>a</a>"),
            r#"<a lang="" rel="noopener noreferrer nofollow ugc">a</a>"#
        );
    }

    #[test]
    fn misnested_html_is_cleaned_again_until_it_settles() {
        let rel = r#" rel="noopener noreferrer nofollow ugc""#;
        // A removed `<button>` leaves a `<p>` in a `<p>`: the parser splits them.
        assert_eq!(
            fresh("<p>a<button><p>b</p></button>c</p>", "user-content-"),
            ("<p>a</p><p>b</p>c<p></p>".to_owned(), 2)
        );
        assert_eq!(sanitized_twice("<h1><x-y><h2>x</h2></x-y></h1>"), "<h1></h1><h2>x</h2>");
        // A removed `<tfoot>` leaves a row in the table: the parser adds the body.
        assert_eq!(
            fresh("<table><tfoot><tr><td>x</td></tr></tfoot></table>", "user-content-"),
            ("<table><tbody><tr><td>x</td></tr></tbody></table>".to_owned(), 2)
        );
        // A hidden input may stand in a table; once a checkbox, it goes in front of it.
        assert_eq!(
            sanitized_twice("<table><input type=hidden></table>"),
            r#"<input type="checkbox" disabled=""><table></table>"#
        );
        // The adoption agency stops after 8 steps and leaves links nested in the 16 `<div>`s.
        let divs = "<div>".repeat(16);
        let (out, passes) = fresh(&format!("<a>{divs}<a>x"), "user-content-");
        let expected = format!(
            "<a{rel}></a>{}<a{rel}>x</a>{}",
            format!("<div><a{rel}></a>").repeat(16),
            "</div>".repeat(16)
        );
        assert_eq!((out.as_str(), passes), (expected.as_str(), 3));
        assert_eq!(sanitized_twice(&format!("<a>{divs}<a>x")), expected);
    }

    #[test]
    fn settle_unwraps_what_would_not_round_trip() {
        for (html, repaired) in [
            ("<p>a<p>b</p>c</p>", "<p>abc</p>"),
            (r#"<a href="/1">a<a href="/2">b</a></a>"#, r#"<a href="/1">ab</a>"#),
            ("<h1><h2>x</h2></h1>", "<h1>x</h1>"),
            (
                "<ul><li>a<div><li>b</li></div></li></ul>",
                "<ul><li>a<div>b</div></li></ul>",
            ),
            ("<ruby><p>a<rt>b</rt></p></ruby>", "<ruby><p>ab</p></ruby>"),
            // Text in a table would move in front of it.
            ("<table><tr><td>x</td></tr></table>", "<table></table>"),
            (
                r#"<pre><a href="/1"><a href="/2">
x</a></a></pre>"#,
                "<pre><a href=\"/1\">\nx</a></pre>",
            ),
            ("<tr>\u{FEFF}x</tr>", "x"),
        ] {
            let settled = settle(html, Repair::Unwrap).unwrap();
            assert_eq!((&*settled.html, settled.round_trips), (repaired, false), "{html:?}");
            // What the repair gives round-trips: the parser builds the tree it spells out.
            let again = settle(repaired, Repair::No).unwrap();
            assert!(
                again.round_trips && matches!(again.html, Cow::Borrowed(_)),
                "{repaired:?}"
            );
            assert_eq!(fresh(repaired, "user-content-").1, 1, "{repaired:?}");
        }
    }

    #[test]
    fn documents_settle_in_one_pass() {
        let trusted = crate::Options::from_json(r#"{"rawHtml":"trusted"}"#).unwrap();
        let documents = [
            include_str!("../../bench/corpus/news-brief.md"),
            include_str!("../../bench/corpus/long-read.md"),
            include_str!("../../bench/corpus/html-article.md"),
            include_str!("../../tests/fixtures/features.md"),
            include_str!("../../tests/fixtures/gfm.md"),
            include_str!("../../tests/fixtures/hostile.md"),
        ];
        for markdown in documents {
            let html = crate::render(markdown, &trusted).unwrap().html;
            assert_eq!(fresh(&html, "user-content-").1, 1, "{}", &markdown[..60]);
        }
    }

    #[test]
    fn the_model_knows_every_allowed_element() {
        for tag in policy("", None).clone_tags() {
            assert!(element(tag.as_bytes()).is_some(), "<{tag}> is not modelled");
        }
        // What `settle` reads the serialization by: `<` and `>` are escaped in values and text.
        assert_eq!(
            sanitized_twice("<p title='a>b<c\"'>d&lt;e&gt;</p>"),
            "<p title=\"a&gt;b&lt;c&quot;\">d&lt;e&gt;</p>"
        );
    }

    #[test]
    fn the_default_policy_is_built_once_and_the_same() {
        let options = crate::Options::default();
        assert_eq!(options.id_prefix, DEFAULT_ID_PREFIX);
        let hostile = include_str!("../../tests/fixtures/hostile.md");
        let html = crate::render(hostile, &crate::Options::from_json(r#"{"rawHtml":"trusted"}"#).unwrap())
            .unwrap()
            .html;
        let built = clean_to_fixed_point(&policy_with(&Settings::new(&options, None)), &html).0;
        assert_eq!(sanitize(&html, &Settings::new(&options, None)), built);
    }
}
