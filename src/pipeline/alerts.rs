//! GitHub alerts: a block quote opening with `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or
//! `[!CAUTION]` becomes a titled `markdown-alert` block, as GitHub renders it.

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};

pub(crate) fn rewrite(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::BlockQuote(Some(kind))) => Event::Html(CowStr::Borrowed(opening(kind))),
        Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html(CowStr::Borrowed("</div>\n")),
        event => event,
    }
}

fn opening(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => {
            "<div class=\"markdown-alert markdown-alert-note\">\n<p class=\"markdown-alert-title\">Note</p>\n"
        }
        BlockQuoteKind::Tip => {
            "<div class=\"markdown-alert markdown-alert-tip\">\n<p class=\"markdown-alert-title\">Tip</p>\n"
        }
        BlockQuoteKind::Important => {
            "<div class=\"markdown-alert markdown-alert-important\">\n<p class=\"markdown-alert-title\">Important</p>\n"
        }
        BlockQuoteKind::Warning => {
            "<div class=\"markdown-alert markdown-alert-warning\">\n<p class=\"markdown-alert-title\">Warning</p>\n"
        }
        BlockQuoteKind::Caution => {
            "<div class=\"markdown-alert markdown-alert-caution\">\n<p class=\"markdown-alert-title\">Caution</p>\n"
        }
    }
}
