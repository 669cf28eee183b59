//! GFM's "disallowed raw HTML" extension (the tagfilter): in raw HTML, the tags that change how a
//! browser parses what follows them (`title`, `textarea`, `style`, `xmp`, `iframe`, `noembed`,
//! `noframes`, `script`, `plaintext`) lose their power: their `<` is written as `&lt;`, so they
//! show as text. Every other tag is left as it is.

use pulldown_cmark::{CowStr, Event};

/// The tag names GFM filters, lowercase.
const DISALLOWED: [&[u8]; 9] = [
    b"title",
    b"textarea",
    b"style",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
    b"script",
    b"plaintext",
];

/// The longest name in [`DISALLOWED`].
const LONGEST: usize = 9;

/// Filters one event: raw HTML (block or inline) gets its disallowed tags neutralized; every
/// other event passes unchanged. Allocates only when a disallowed tag is present.
pub(crate) fn filter(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(html) => Event::Html(filter_html(html)),
        Event::InlineHtml(html) => Event::InlineHtml(filter_html(html)),
        event => event,
    }
}

fn filter_html(html: CowStr<'_>) -> CowStr<'_> {
    let bytes = html.as_bytes();
    let Some(first) = next_disallowed(bytes, 0) else {
        return html;
    };
    let mut out = String::with_capacity(html.len() + 8);
    let mut copied = 0;
    let mut at = Some(first);
    while let Some(lt) = at {
        out.push_str(&html[copied..lt]);
        out.push_str("&lt;");
        copied = lt + 1;
        at = next_disallowed(bytes, copied);
    }
    out.push_str(&html[copied..]);
    CowStr::from(out)
}

/// Position of the next `<` at or after `from` that opens or closes a disallowed tag.
fn next_disallowed(bytes: &[u8], from: usize) -> Option<usize> {
    let mut from = from;
    while let Some(offset) = memchr::memchr(b'<', &bytes[from..]) {
        let lt = from + offset;
        if opens_disallowed(&bytes[lt + 1..]) {
            return Some(lt);
        }
        from = lt + 1;
    }
    None
}

/// Whether `rest` (what follows a `<`) is `name` or `/name` for a disallowed name, compared
/// case-insensitively, followed by what ends a tag name: whitespace, `/`, `>` or the end of the
/// event. Accepting any `/` (not only `/>`) and the end of the event is slightly stricter than
/// cmark-gfm: a browser reads `<title/x>` as a `title` tag too.
fn opens_disallowed(rest: &[u8]) -> bool {
    let rest = rest.strip_prefix(b"/").unwrap_or(rest);
    // Most tags are none of them, and their first letter says so.
    if !rest
        .first()
        .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'i' | b'n' | b'p' | b's' | b't' | b'x'))
    {
        return false;
    }
    // Counting stops one past the longest name: a longer name is none of them.
    let name_len = rest
        .iter()
        .take(LONGEST + 1)
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    if name_len > LONGEST {
        return false;
    }
    let (name, after) = rest.split_at(name_len);
    let ends_name = match after.first() {
        None => true,
        Some(&b) => matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'),
    };
    ends_name && DISALLOWED.iter().any(|tag| tag.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{html, Options, Parser};

    fn render(markdown: &str) -> String {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
        let mut out = String::new();
        html::push_html(&mut out, Parser::new_ext(markdown, options).map(filter));
        out
    }

    fn filtered(html: &str) -> String {
        filter_html(CowStr::Borrowed(html)).to_string()
    }

    /// GFM 0.29, example 653.
    #[test]
    fn spec_example_653() {
        assert_eq!(
            render(
                "<strong> <title> <style> <em>\n\n\
                 <blockquote>\n  <xmp> is disallowed.  <XMP> is also disallowed.\n</blockquote>\n"
            ),
            "<p><strong> &lt;title> &lt;style> <em></p>\n\
             <blockquote>\n  &lt;xmp> is disallowed.  &lt;XMP> is also disallowed.\n</blockquote>\n"
        );
    }

    #[test]
    fn every_disallowed_tag_opening_and_closing() {
        for tag in DISALLOWED {
            let tag = std::str::from_utf8(tag).unwrap();
            assert_eq!(filtered(&format!("<{tag}>")), format!("&lt;{tag}>"));
            assert_eq!(filtered(&format!("</{tag}>")), format!("&lt;/{tag}>"));
            let upper = tag.to_ascii_uppercase();
            assert_eq!(filtered(&format!("<{upper} a=b>")), format!("&lt;{upper} a=b>"));
        }
    }

    #[test]
    fn what_ends_a_tag_name() {
        assert_eq!(filtered("<script src=x>"), "&lt;script src=x>");
        assert_eq!(filtered("<script\n>"), "&lt;script\n>");
        assert_eq!(filtered("<script\t>"), "&lt;script\t>");
        assert_eq!(filtered("<script/>"), "&lt;script/>");
        assert_eq!(filtered("<script/x>"), "&lt;script/x>");
        assert_eq!(filtered("</style >"), "&lt;/style >");
        assert_eq!(filtered("<style"), "&lt;style");
        assert_eq!(filtered("<ScRiPt>"), "&lt;ScRiPt>");
    }

    #[test]
    fn other_tags_are_left_alone() {
        for html in [
            "<strong>",
            "<em>",
            "<scripts>",
            "<titles>",
            "<script1>",
            "<xmpp>",
            "<plaintexts>",
            "<noscript>",
            "<frame>",
            "<embed>",
            "<a title=\"x\">",
            "< script>",
            "text <",
            "<",
            "</",
            "",
        ] {
            assert_eq!(filtered(html), html);
        }
    }

    #[test]
    fn comments_are_not_special() {
        assert_eq!(filtered("<!-- <script> -->"), "<!-- &lt;script> -->");
    }

    #[test]
    fn several_tags_in_one_event() {
        assert_eq!(
            filtered("<div><script>a</script><b>x</b><iframe src=y></iframe></div>"),
            "<div>&lt;script>a&lt;/script><b>x</b>&lt;iframe src=y>&lt;/iframe></div>"
        );
        assert_eq!(filtered("<<script>"), "<&lt;script>");
    }

    #[test]
    fn no_allocation_without_a_disallowed_tag() {
        let html = "<div class=\"title\">textarea</div>";
        assert!(matches!(filter_html(CowStr::Borrowed(html)), CowStr::Borrowed(s) if s == html));
    }

    #[test]
    fn text_and_code_are_not_raw_html() {
        assert_eq!(filter(Event::Text("<script>".into())), Event::Text("<script>".into()));
        assert_eq!(render("`<script>`\n"), "<p><code>&lt;script&gt;</code></p>\n");
        assert_eq!(render("\\<script>\n"), "<p>&lt;script&gt;</p>\n");
        assert_eq!(
            render("```\n<script>\n```\n"),
            "<pre><code>&lt;script&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn inline_and_block_html() {
        assert_eq!(
            render("a <textarea>b</textarea> <kbd>c</kbd>\n"),
            "<p>a &lt;textarea>b&lt;/textarea> <kbd>c</kbd></p>\n"
        );
        assert_eq!(
            render("<script>\nalert(1)\n</script>\n"),
            "&lt;script>\nalert(1)\n&lt;/script>\n"
        );
        assert_eq!(
            render("<div>\n<plaintext>\n</div>\n"),
            "<div>\n&lt;plaintext>\n</div>\n"
        );
    }

    /// The cases of cmark-gfm's own tagfilter test that do not depend on how the parser
    /// recognizes raw HTML.
    #[test]
    fn cmark_gfm_tagfilter_cases() {
        assert_eq!(
            render("This is <xmp> not okay, but **this** <strong>is</strong>.\n"),
            "<p>This is &lt;xmp> not okay, but <strong>this</strong> <strong>is</strong>.</p>\n"
        );
        assert_eq!(
            render("Nope, I won't have <textarea>.\n"),
            "<p>Nope, I won't have &lt;textarea>.</p>\n"
        );
        assert_eq!(
            render("This <random /> <thing> is okay</thing> though.\n"),
            "<p>This <random /> <thing> is okay</thing> though.</p>\n"
        );
    }
}
