//! The pure core: Markdown in, Article out. Nothing here knows about JavaScript.
//!
//! pulldown-cmark parses into events; adapters (one per concern) rewrite the event stream;
//! pulldown-cmark's writer turns it into HTML; the sanitizer cleans it unless the caller trusts it.

mod alerts;
mod footnotes;
mod headings;
mod math;
mod raw_html;
mod sanitize;
mod tables;

use std::borrow::Cow;

use pulldown_cmark::{html, Event, Options as ParserOptions, Parser};

use crate::options::Features;
use crate::{Article, Error, Options, RawHtml};

pub(crate) fn render(markdown: &str, options: &Options) -> Result<Article, Error> {
    check_input(markdown, options)?;
    let markdown = normalize_input(markdown);
    let features = options.features();
    let parser = Parser::new_ext(&markdown, parser_options(features));
    let events: Box<dyn Iterator<Item = Event<'_>>> = match options.raw_html {
        RawHtml::Sanitize | RawHtml::Trusted => Box::new(parser),
        RawHtml::Escape => Box::new(parser.map(raw_html::escape)),
        RawHtml::Strip => Box::new(raw_html::Strip::new(parser)),
    };
    // Each adapter passes through what it does not handle; a disabled feature's events never occur.
    let events = events.map(math::rewrite).map(alerts::rewrite);
    let events = tables::Tables::new(events);
    let events = footnotes::Footnotes::new(events, &options.id_prefix);
    let heading_id_prefix = features.heading_ids.then_some(options.id_prefix.as_str());
    let mut headings = headings::Headings::new(events, heading_id_prefix, features.heading_anchors);

    // Markdown's HTML is usually a little longer than its source.
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 2);
    html::push_html(&mut out, &mut headings);
    let html = match options.raw_html {
        RawHtml::Trusted => out,
        // Even without raw HTML, Markdown links can carry `javascript:` URLs: always sanitize.
        RawHtml::Sanitize | RawHtml::Escape | RawHtml::Strip => sanitize::sanitize(&out, &options.id_prefix),
    };
    let outline = headings.outline;
    Ok(Article {
        html,
        title: outline.title,
        toc: outline.toc,
    })
}

pub(crate) fn sanitize_html(html: &str, options: &Options) -> Result<String, Error> {
    check_input(html, options)?;
    Ok(sanitize::sanitize(html, &options.id_prefix))
}

fn check_input(input: &str, options: &Options) -> Result<(), Error> {
    options.validate()?;
    if input.len() > options.max_input_bytes {
        return Err(Error::InputTooLarge {
            size: input.len(),
            limit: options.max_input_bytes,
        });
    }
    Ok(())
}

/// A leading byte-order mark is not content; U+0000 becomes U+FFFD, as CommonMark requires.
fn normalize_input(markdown: &str) -> Cow<'_, str> {
    let markdown = markdown.strip_prefix('\u{FEFF}').unwrap_or(markdown);
    if markdown.contains('\0') {
        Cow::Owned(markdown.replace('\0', "\u{FFFD}"))
    } else {
        Cow::Borrowed(markdown)
    }
}

fn parser_options(features: Features) -> ParserOptions {
    let mut options = ParserOptions::empty();
    options.set(ParserOptions::ENABLE_TABLES, features.tables);
    options.set(ParserOptions::ENABLE_FOOTNOTES, features.footnotes);
    options.set(ParserOptions::ENABLE_STRIKETHROUGH, features.strikethrough);
    options.set(ParserOptions::ENABLE_TASKLISTS, features.task_lists);
    options.set(ParserOptions::ENABLE_SMART_PUNCTUATION, features.smart_punctuation);
    // ENABLE_GFM only adds alert kinds to block quotes.
    options.set(ParserOptions::ENABLE_GFM, features.alerts);
    options.set(ParserOptions::ENABLE_MATH, features.math);
    options.set(ParserOptions::ENABLE_DEFINITION_LIST, features.definition_lists);
    options.set(ParserOptions::ENABLE_HEADING_ATTRIBUTES, features.heading_attributes);
    options
}
