//! `$inline$` and `$$display$$` math as elements holding the escaped TeX source, with the
//! `math-inline` / `math-display` classes that KaTeX or MathJax auto-render can pick up.

use pulldown_cmark::{CowStr, Event};
use pulldown_cmark_escape::escape_html;

pub(crate) fn rewrite(event: Event<'_>) -> Event<'_> {
    match event {
        Event::InlineMath(tex) => Event::InlineHtml(element("math-inline", &tex)),
        Event::DisplayMath(tex) => Event::InlineHtml(element("math-display", &tex)),
        event => event,
    }
}

fn element(class: &str, tex: &str) -> CowStr<'static> {
    let mut html = format!("<span class=\"{class}\">");
    // Writing into a String cannot fail.
    let _ = escape_html(&mut html, tex);
    html.push_str("</span>");
    CowStr::from(html)
}
