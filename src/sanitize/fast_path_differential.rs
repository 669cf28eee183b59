//! The proof of the writer's policy and of the fast path: for thousands of generated documents
//! (with and without raw HTML) under random options, the HTML made without ammonia (the writer's
//! own, or the fast path's where there is raw HTML) equals, byte for byte, what ammonia makes of
//! the whole document written without the policy. Also checks the fast path's policy tables
//! against ammonia's builder.

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use super::{fast_path, policy};
use crate::render::render_with;
use crate::Options;

/// Generated documents per `cargo test` (debug build: a few seconds). `QUIRE_DIFFERENTIAL_CASES=N`
/// runs N instead, from the seed `QUIRE_DIFFERENTIAL_SEED` (a number; the fixed one by default).
const CASES: u32 = 4000;

/// Text that the writer escapes and the parser decodes: entities, quotes, NBSP, CR, non-ASCII.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "word",
            "Quire",
            "a&b",
            "x < y",
            "y > z",
            "\"quoted\"",
            "it's",
            "&amp;",
            "&lt;",
            "&quot;",
            "&#39;",
            "&#x27;",
            "&nbsp;",
            "&copy;",
            "&#0;",
            "&#128;",
            "&#xD800;",
            "caf\u{e9}",
            "\u{a0}nbsp",
            "\u{feff}",
            "\u{200b}",
            "日本語",
            "emoji 🎉",
            "a\rb",
            "\\*",
            "\\<div>",
            "1 < 2",
            "`a`",
            "$x$",
            "$$y$$",
            "*em*",
            "**strong**",
            "~~del~~",
            "_u_",
            "[^1]",
            "[^note]",
            "H~2~O",
            "<",
            ">",
            "&",
            "&&",
            "&#;",
            "&#x;",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z0-9 .,;:!?'\"&<>()/-]{1,12}",
    ]
}

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..5).prop_map(|words| words.join(" "))
}

/// Destinations ammonia keeps, rewrites or drops.
fn destination() -> impl Strategy<Value = String> {
    select(vec![
        "https://example.com/a?b=c&d=e",
        "http://example.com/x y",
        "/relative/path",
        "relative.html",
        "../up",
        "#section",
        "#user-content-x",
        "#",
        "mailto:a@example.com",
        "tel:+123",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:x",
        "data:text/html,x",
        "vbscript:x",
        "xmpp:a@b.c",
        "ftp://example.com/f",
        "http://[::1",
        "http://exa mple.com",
        "//protocol.relative/x",
        "https://例え.jp/パス",
        "https://example.com/'quote'",
        "<https://example.com/with space>",
        "a\"b",
        "%zz",
        "?query",
    ])
    .prop_map(str::to_owned)
}

fn inline() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => words(),
        1 => (words(), destination(), words()).prop_map(|(text, dest, title)| format!("[{text}]({dest} \"{title}\")")),
        1 => (words(), destination()).prop_map(|(text, dest)| format!("[{text}]({dest})")),
        1 => (words(), destination(), words()).prop_map(|(alt, dest, title)| format!("![{alt}]({dest} \"{title}\")")),
        1 => destination().prop_map(|dest| format!("<{dest}>")),
        1 => select(vec!["www.example.com", "https://example.com/auto", "me@example.com", "http://x.y/(a)"])
            .prop_map(str::to_owned),
        1 => words().prop_map(|text| format!("*{text}* **{text}** ~~{text}~~ `{text}`")),
        1 => words().prop_map(|text| format!("${text}$ and line  \nbreak\\\nhard")),
        1 => select(vec!["[^1]", "[^a b]", "[^<x>]"]).prop_map(str::to_owned),
        1 => comment(),
        1 => raw_html(),
    ]
}

/// Raw HTML tags, in the spellings the fast path reads (any case, values quoted or not) and in
/// others, allowed or not, balanced or not: the fast path must give ammonia's result or leave the
/// document to it.
fn raw_tag() -> impl Strategy<Value = &'static str> {
    select(vec![
        "<kbd>",
        "</kbd>",
        "<sup>",
        "</sup>",
        "<sub>",
        "</sub>",
        "<br>",
        "<br/>",
        "<br />",
        "</br>",
        "<span>",
        "<span class=\"x\">",
        "<span class=\"anchor\">",
        "<span id=\"a\">",
        "<span style=\"color:red\">",
        "<span title=\"a &amp; b &copy; c\">",
        "<span title='q'>",
        "<span title=x>",
        "<span lang=\"en\" dir=\"rtl\">",
        "</span>",
        "<em>",
        "</em>",
        "<strong>",
        "</strong>",
        "<a href=\"https://example.com/\">",
        "<a href=\"javascript:x\">",
        "<a href=\"#frag\" id=\"top\">",
        "<a name=\"n\">",
        "</a>",
        "<img src=\"x.png\" width=\"10\" height=\"20\" alt=\"a\">",
        "<img src=\"x\" onerror=\"y\"/>",
        "<del datetime=\"2020\">",
        "</del>",
        "<code>",
        "</code>",
        "<mark>",
        "</mark>",
        "<s>",
        "</s>",
        "<time datetime=\"x\">",
        "</time>",
        "<input type=\"checkbox\" disabled=\"\">",
        "<input checked=\"\">",
        "<p>",
        "</p>",
        "<p/>",
        "<div>",
        "<div align=\"center\">",
        "</div>",
        "<h2 id=\"x\">",
        "</h2>",
        "<ul>",
        "<li>",
        "</li>",
        "</ul>",
        "<ol start=\"2\">",
        "</ol>",
        "<dl>",
        "<dt>",
        "<dd>",
        "</dl>",
        "<table>",
        "<tbody>",
        "<tr>",
        "<td>",
        "</td>",
        "</tr>",
        "</tbody>",
        "</table>",
        "<hr>",
        "<blockquote>",
        "</blockquote>",
        "<pre>",
        "</pre>",
        "<figure>",
        "</figure>",
        "<B>",
        "</B>",
        "<script>alert(1)</script>",
        "<style>p{}</style>",
        "<details>",
        "<summary>",
        "</details>",
        "<textarea>",
        "<svg><path/></svg>",
        "<a href=\"x\" href=\"y\">",
        "<iframe src=x>",
        "<x-custom>",
        "<span\ttitle=\"t\">",
        "<span\ntitle=\"t\">",
        "< span>",
        "<span title=\"&#128;\">",
        "<span title=\"&#x41;&#66;\">",
        "&middot;",
        "&amp",
        "a < b",
        "a > b",
        "&#0;",
        "&#+65;",
        "&#x+41;",
        "<span title=\"&#+65;\">",
        "&mdash;",
        "&copy",
        "&copyx;",
        "&NotEqualTilde;",
        "&hellip;",
        "<abbr title=\"&eacute;t&eacute;\">",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<u>",
        "</u>",
        "<small>",
        "</small>",
        "<abbr title=\"t\">",
        "</abbr>",
        "<ins datetime=\"d\" cite=\"c\">",
        "</ins>",
        "<q cite=\"c\">",
        "</q>",
        "<cite>",
        "</cite>",
        "</summary>",
        "<caption>",
        "</caption>",
        "<thead>",
        "</thead>",
        "<th scope=\"col\">",
        "</th>",
        "<script async src=\"s.js\"></script>",
        "<script>if (a < b) x();</script>",
        "<script>a</div>b</script>",
        "<script><!-- x --></script>",
        "<script>x</SCRIPT>",
        "<script>",
        "</script>",
        "<style>p > a {}</style>",
        "<iframe src=\"v\" allowfullscreen></iframe>",
        "<iframe>fallback</iframe>",
        "<iframe>",
        "<SPAN TITLE=\"t\">",
        "</SPAN>",
        "<Span Class='x y'>",
        "<IMG SRC=x.png WIDTH=10 ALT=a>",
        "<img src=a.png width=10/>",
        "<img src=a.png alt='it''s'>",
        "<TABLE>",
        "</TABLE>",
        "<TR>",
        "</tr >",
        "<TD ALIGN=center>",
        "<td align=center>",
        "</TD>",
        "<a href=\"?a=1&b=2\">",
        "<a href=?a=1&b=2&amp;c=3>",
        "<a href='x&y'>",
        "<a HREF=\"https://example.com/\" TARGET=_blank>",
        "<span title = \"sp\">",
        "<span title= 'sp'>",
        "<span title =x>",
        "<span title=a&copy=b>",
        "<span title=\"&copy\">",
        "<span title=\"a&b;c\">",
        "<span title=\"a & b\">",
        "<span TITLE=\"a\" title=\"b\">",
        "<span ONCLICK=\"x\">",
        "<span title=a\"b>",
        "<span title=>",
        "<span title=x/>",
        "<span\x0ctitle=\"ff\">",
        "<span\r\ntitle=\"cr\">",
        "<span title=\"a\rb\">",
        "<span data-x=\"1\">",
        "<PRE>",
        "</PRE>",
        "<Abbr Title='T'>",
        "</Abbr>",
        "<ol start=3>",
        "<br/ >",
        "< /span>",
        "</ span>",
        "Tom & Jerry",
        "AT&T",
        "a &= b &; c &",
        "&#",
        "&#38;",
        "<SCRIPT>x</SCRIPT>",
    ])
}

fn raw_html() -> impl Strategy<Value = String> {
    prop::collection::vec((raw_tag(), select(vec!["", "x", " y ", "\n"])), 1..6)
        .prop_map(|parts| parts.into_iter().map(|(tag, text)| format!("{tag}{text}")).collect())
}
/// Raw HTML comments: plain ones the fast path removes itself, the rest go to ammonia.
fn comment() -> impl Strategy<Value = String> {
    select(vec![
        "<!-- note -->",
        "<!---->",
        "<!-- more -->",
        "<!--a-b-->",
        "<!-- a -- b -->",
        "<!-->",
        "<!--->",
        "<!-->-->",
        "<!--->-->",
        "<!-- x --!>",
        "<!-- x --->",
        "<!-- <b>bold</b> -->",
        "<!-- <!-- nested --> -->",
        "<!-- & &amp; < > -->",
        "<!--\nmulti\nline\n-->",
        "<!-- unclosed",
        "<!-- a --> <b>x</b>",
        "<!-- a --><!-- b -->",
        "  <!-- indented -->  ",
    ])
    .prop_map(str::to_owned)
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(inline(), 1..4).prop_map(|parts| parts.join(" "))
}

fn block() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        4 => paragraph(),
        1 => (1..7usize, paragraph(), select(vec!["", " {#custom .cls}", " {.a .-b}", " {#user-content-y}", " {#a\"b}"]))
            .prop_map(|(level, text, attrs)| format!("{} {text}{attrs}", "#".repeat(level))),
        1 => (select(vec!["rust", "js x=1", "\"><script>", "a&b", "c++", ""]), words())
            .prop_map(|(info, code)| format!("```{info}\n{code}\n\n  indented {code}\n```")),
        1 => words().prop_map(|code| format!("    {code}\n    more")),
        1 => (paragraph(), paragraph(), select(vec!["|---|---|", "|:--|--:|", "|:-:|---|"]))
            .prop_map(|(a, b, rule)| format!("| {a} | {b} |\n{rule}\n| {b} | x |\n| | {a} |")),
        1 => (select(vec!["NOTE", "TIP", "WARNING", "CAUTION", "IMPORTANT", "note", "OTHER"]), paragraph())
            .prop_map(|(kind, text)| format!("> [!{kind}]\n> {text}")),
        1 => (paragraph(), words()).prop_map(|(quote, who)| format!("> {quote}\n>\n> — {who}")),
        1 => (destination(), words()).prop_map(|(dest, alt)| format!("![{alt}]({dest} \"{alt}\")")),
        1 => paragraph().prop_map(|text| format!("[^1]: {text}\n\n[^a b]: note")),
        1 => (words(), paragraph()).prop_map(|(term, text)| format!("{term}\n: {text}")),
        1 => Just("***".to_owned()),
        1 => words().prop_map(|text| format!("$$\n{text}\n$$")),
        1 => comment(),
        1 => raw_html().prop_map(|html| format!("<div>{html}\n\n{html}")),
        1 => (raw_html(), paragraph()).prop_map(|(html, text)| format!("<div>\n{html}\n\n{text}\n\n</div>")),
        // Past the length at which the nesting bound cuts text with empty comments.
        1 => words().prop_map(|text| format!("{text} ").repeat(2100 / (text.len() + 1) + 1)),
        1 => (destination(), words()).prop_map(|(dest, title)| format!("[ref]: {dest} \"{title}\"\n\n[see][ref]")),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(|items| {
                items
                    .iter()
                    .map(|item| format!("- {}", item.replace('\n', "\n  ")))
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
            (1..1000u32, prop::collection::vec(inner.clone(), 1..3)).prop_map(|(start, items)| {
                items
                    .iter()
                    .map(|item| format!("{start}. {}", item.replace('\n', "\n     ")))
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
            (any::<bool>(), inner.clone())
                .prop_map(|(done, item)| format!("- [{}] {item}", if done { 'x' } else { ' ' })),
            inner.prop_map(|item| format!("> {}", item.replace('\n', "\n> "))),
        ]
    })
}

fn document() -> impl Strategy<Value = String> {
    (
        select(vec![
            "",
            "---\ntitle: \"A & B\"\nauthor: Ann\ndate: 2024-01-02\n---\n",
            "% Title <x>\n% Ann\n\n",
        ]),
        prop::collection::vec(block(), 1..6),
        select(vec!["\n\n", "\r\n\r\n", "\n\n\n"]),
        0..80usize,
    )
        .prop_map(|(front, blocks, separator, depth)| {
            // Sometimes deeper than the nesting bound.
            let nested = if depth > 60 {
                format!("{}deep", "> ".repeat(depth))
            } else {
                String::new()
            };
            format!("{front}{}{separator}{nested}", blocks.join(separator))
        })
}

fn options() -> impl Strategy<Value = Options> {
    (
        select(vec![r#""article""#, r#""gfm""#, r#""commonmark""#]),
        select(vec![r#""escape""#, r#""strip""#, r#""sanitize""#]),
        select(vec![r#""""#, r#""x-""#, r#""user-content-""#]),
        select(vec!["", r#","baseUrl":"https://example.com/docs/""#]),
        select(vec!["", r#","externalLinksNewTab":true"#]),
        select(vec!["", r#","linkRel":"""#, r#","linkRel":"nofollow""#]),
        select(vec!["", r#","extraUrlSchemes":["xmpp","ftp"]"#]),
        select(vec!["", r#","extraClasses":["cls","note"]"#]),
        select(vec!["", r#","tocNav":true"#, r#","bodyOnly":true"#]),
        select(vec!["", r#","sourceLines":true"#]),
    )
        .prop_map(|(preset, raw, prefix, base, tab, rel, schemes, classes, frame, lines)| {
            let json = format!(
                r#"{{"preset":{preset},"rawHtml":{raw},"idPrefix":{prefix}{base}{tab}{rel}{schemes}{classes}{frame}{lines}}}"#
            );
            Options::from_json(&json).unwrap_or_else(|error| panic!("{json}: {error}"))
        })
}

#[test]
fn fast_path_gives_ammonias_html() {
    let number = |name| {
        std::env::var(name)
            .ok()
            .and_then(|value| value.trim().parse::<u64>().ok())
    };
    let cases = number("QUIRE_DIFFERENTIAL_CASES").map_or(CASES, |cases| cases.clamp(1, u64::from(u32::MAX)) as u32);
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut seed = [0x51; 32];
    if let Some(number) = number("QUIRE_DIFFERENTIAL_SEED") {
        seed[..8].copy_from_slice(&number.to_le_bytes());
    }
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
    let fast = std::cell::Cell::new(0u32);
    let result = runner.run(&(document(), options()), |(markdown, options)| {
        let (with_fast_path, used) = render_with(&markdown, &options, true).expect("renders");
        let (without, _) = render_with(&markdown, &options, false).expect("renders");
        prop_assert_eq!(&with_fast_path.html, &without.html, "markdown: {:?}", markdown);
        fast.set(fast.get() + u32::from(used));
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    eprintln!("fast path taken for {} of {cases} documents", fast.get());
    // Most generated documents must take the fast path, or the test proves little (the rest have
    // raw HTML other than plain comments).
    assert!(
        fast.get() >= cases * 2 / 3,
        "fast path taken {} of {cases} times",
        fast.get()
    );
}

#[test]
fn fast_tags_follow_the_policy() {
    let builder = policy::policy("", None);
    let tags = builder.clone_tags();
    let tag_attributes = builder.clone_tag_attributes();
    let mut generic: Vec<&str> = builder.clone_generic_attributes().into_iter().collect();
    generic.sort_unstable();
    assert_eq!(generic, fast_path::GENERIC_ATTRIBUTES);
    assert!(fast_path::FAST_TAGS.is_sorted_by_key(|(tag, _)| *tag));
    for (tag, attributes) in fast_path::FAST_TAGS {
        assert!(tags.contains(tag), "{tag} is not allowed");
        let mut allowed: Vec<&str> = tag_attributes.get(tag).into_iter().flatten().copied().collect();
        allowed.sort_unstable();
        assert_eq!(allowed, attributes, "attributes of {tag}");
    }
}

#[test]
fn leaves_what_it_does_not_model_to_ammonia() {
    let settings = policy::Settings::plain("p-", None);
    for html in [
        "<p>a<p>b</p></p>",
        "<a href=\"x\"><a href=\"y\">b</a></a>",
        "<table><tr><td>a</td></tr></table>",
        "<table>text</table>",
        "<pre>\nx</pre>",
        "<p>unclosed",
        "<span/>",
        "<p id=\"a\" id=\"b\">x</p>",
        "<input>",
        "a &#0; b",
        "<ul><li>a<li>b</li></li></ul>",
        "<h1>a<h2>b</h2></h1>",
        "<!-- a -- b -->",
        "<!-->-->",
        "<!--->-->",
        "<!-- x --!>",
        "<!-- x --->",
        "<!-- unclosed",
        "<em><p>a</em></p>",
        "<p>a</br></p>",
        "<script>x</SCRIPT>",
        "<script>a</div>b</script>",
        "<script><!-- x --></script>",
        "<script>x</script >",
        "<iframe>fallback</iframe>",
        "<table><iframe></iframe></table>",
        "<p>&NotEqualTilde; &copy &copyx;</p>",
        "<div>&#+65; <span title=\"&#x+41;\">x</span></div>",
        "<table><tr><td>a</td></tr></table>",
        "<p title=\"&copy\">x</p>",
        "<p title=a\"b>x</p>",
        "<p title=>x</p>",
        "<p ONCLICK=\"x\">x</p>",
        "<p TITLE=\"a\" title=\"b\">x</p>",
        "<p>AT&T</p>",
        "<SCRIPT>x</SCRIPT>",
    ] {
        assert_eq!(fast_path::sanitize(html, &settings), None, "{html}");
    }
}

#[test]
fn applies_the_policy_as_ammonia_does() {
    let settings = policy::Settings::plain("p-", None);
    for html in [
        "<p>a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#x27; g\u{a0}h\r\ni</p>\n",
        "<h2 id=\"x\" class=\"one two\">t</h2>",
        "<a href=\"javascript:alert(1)\" title=\"t\" class=\"bad\">a</a>",
        "<a href=\"#top\" class=\"anchor\" aria-label=\"a &quot; b\">#</a>",
        "<img src=\"x.png\" alt=\"a &amp; b\" title=\"t\" />",
        "<p><input disabled=\"\" type=\"checkbox\" checked=\"\"/> task</p>",
        "<pre><code class=\"language-rust evil\">fn x() {}\n</code></pre>",
        "<ol start=\"3\">\n<li>x</li>\n</ol>",
        "<p>a <!-- c --> b<!----></p>\n<!--a-b-->\n",
        // Raw HTML written the writer's way: the same policy and serialization.
        "<p>a &copy; b &middot; c &mdash;</p><iframe src=\"x\" allowfullscreen></iframe>",
        "<table><tbody><tr><td>a</td></tr></tbody><caption>late</caption></table>",
        "<p>a<script async src=\"x\">if (a < b) x();</script><style>p > a {}</style>b</p>",
        "<table>\n<caption>Keys <kbd>K</kbd></caption>\n<tbody><tr><td><b>a</b> <i>b</i></td></tr></tbody>\n</table>",
        "<details>\n<summary>More <small>(2)</small></summary>\n<p><abbr title=\"t\">A</abbr> <q cite=\"u\">q</q></p>\n</details>",
        "<p>x<kbd>Ctrl</kbd>+<sup>1</sup><br>\n<img src=\"a.png\" width=\"10\" onerror=\"y\"></p>",
        "<em><div><p>a</p></div></em><ul><li>a<ol><li>b</li></ol></li></ul>",
        "<table>\n<tbody>\n<tr><td><a href=\"#x\" id=\"y\">a</a></td></tr>\n</tbody>\n</table>",
        "<table>\n<thead>\n<tr>\n<th align=\"center\">a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>",
        // Raw HTML as people write it: any case, values quoted with ' or not, spaces around =.
        "<P>upper</P>",
        "<p title='single'>x</p>",
        "<span title=x>a</span>",
        "<TABLE><TBODY><TR><TD ALIGN=center>a</TD></TR></TBODY></TABLE>",
        "<p><IMG SRC=x.png WIDTH=10 ALT='a \"b\"'><img src=a.png width=10/></p>",
        "<p><a HREF=\"?a=1&b=2&amp;c=3\" TITLE = 'x & y'>q</a> Tom & Jerry &= &</p>",
        "<p>\n<Abbr\x0cTitle='T'\r\nlang=en>A</Abbr></p><PRE >x</PRE >",
    ] {
        let fast = fast_path::sanitize(html, &settings);
        assert_eq!(fast.as_deref(), Some(policy::sanitize(html, &settings).as_str()), "{html}");
    }
}

/// The documents in the repository (and the CommonMark spec when npm installed it), rendered with
/// default options: same HTML with and without the fast path.
#[test]
fn fast_path_gives_ammonias_html_for_the_documents_here() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut paths: Vec<_> = ["bench/corpus", "tests/fixtures"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(format!("{root}/{dir}")).expect("readable"))
        .map(|entry| entry.expect("readable").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    paths.push(format!("{root}/node_modules/commonmark-spec/spec.txt").into());
    let mut fast = 0;
    for path in paths.iter().filter(|path| path.exists()) {
        let markdown = std::fs::read_to_string(path).expect("UTF-8");
        let options = Options::default();
        let (with_fast_path, used) = render_with(&markdown, &options, true).expect("renders");
        let (without, _) = render_with(&markdown, &options, false).expect("renders");
        assert_eq!(with_fast_path.html, without.html, "{}", path.display());
        fast += usize::from(used);
    }
    assert!(fast >= 3, "fast path taken for {fast} documents");
}

/// An allowed tag with its attributes, respelled the ways people write raw HTML: the name in any
/// case, each value quoted with `"` or `'` or (where the parser allows) not at all, spaces or none
/// around `=`, any of the tokenizer's whitespace between attributes.
fn respelled_tag() -> impl Strategy<Value = String> {
    let tag = select(vec![
        ("p", vec![]),
        ("span", vec![("title", "t")]),
        ("a", vec![("href", "?a=1&b=2"), ("title", "x & y")]),
        ("a", vec![("href", "https://example.com/a&amp;b"), ("target", "_blank")]),
        ("abbr", vec![("title", "&eacute;t&eacute;"), ("lang", "fr")]),
        ("td", vec![("align", "center"), ("colspan", "2")]),
        ("ol", vec![("start", "3")]),
        ("div", vec![("class", "a b"), ("id", "x")]),
        ("span", vec![("data-x", "1"), ("onclick", "y")]),
    ]);
    let spelling = (
        any::<u8>(),
        prop::collection::vec((0..3u8, 0..3u8, select(vec![" ", "\t", "\n", "\x0c", "\r\n"])), 3),
    );
    (tag, spelling)
        .prop_map(|((name, attributes), (cases, spellings))| {
            let case = |text: &str, bits: u8| match bits % 3 {
                0 => text.to_owned(),
                1 => text.to_ascii_uppercase(),
                _ => text[..1].to_ascii_uppercase() + &text[1..],
            };
            let mut html = format!("<{}", case(name, cases));
            for ((attribute, value), (quoting, equals, space)) in attributes.iter().zip(&spellings) {
                let plain = !value.contains([' ', '"', '\'', '=', '<', '`']);
                let value = match quoting {
                    0 if plain => (*value).to_owned(),
                    1 => format!("'{value}'"),
                    _ => format!("\"{value}\""),
                };
                let equals = if *equals == 2 { " = " } else { "=" };
                html += &format!("{space}{}{equals}{value}", case(attribute, cases >> 2));
            }
            (html + ">", case(name, cases >> 4))
        })
        .prop_map(|(start, end_name)| format!("{start}x</{end_name}>"))
}

/// Respelled raw HTML alone, straight into the fast path: it gives ammonia's output or leaves the
/// HTML to it, and takes most of it.
#[test]
fn respelled_raw_html_reads_as_ammonia_reads_it() {
    let settings = policy::Settings::plain("p-", None);
    let config = Config {
        cases: 2000,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[0x52; 32]));
    let taken = std::cell::Cell::new(0u32);
    let documents = prop::collection::vec(respelled_tag(), 1..4).prop_map(|tags| tags.concat());
    let result = runner.run(&documents, |html| {
        if let Some(fast) = fast_path::sanitize(&html, &settings) {
            prop_assert_eq!(fast, policy::sanitize(&html, &settings), "html: {:?}", html);
            taken.set(taken.get() + 1);
        }
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
    eprintln!("fast path taken for {} of 2000 respelled fragments", taken.get());
    // `td` outside a table and the like go to ammonia; the rest must not.
    assert!(taken.get() >= 1000, "fast path taken {} of 2000 times", taken.get());
}
