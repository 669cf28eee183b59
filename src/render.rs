//! The pure core: Markdown in, Article out. Nothing here knows about JavaScript.
//!
//! pulldown-cmark parses into events; adapters (one per concern) rewrite the event stream, those
//! after the nesting bound into typed nodes of our own markup; one writer serializes them with the
//! sanitizer's policy. Only the author's raw HTML is left to the fast path or the sanitizer.

use crate::limits::LIMITS;
use std::borrow::Cow;
use std::cell::Cell;

use pulldown_cmark::{Event, Options as ParserOptions, Parser};

use crate::article::front_matter::{self, FrontMatter};
use crate::article::{header, lead, pasted, summary, text};
use crate::html::{depth, writer};
use crate::markdown::{autolink, footnotes, headings, images, links, quotes, raw_html, tagfilter};
use crate::options::Features;
use crate::sanitize::{fast_path, policy, removed};
use crate::urls::BaseUrl;
use crate::{Article, BuildFeature, Error, Options, PastedText, RawHtml, TocEntry};

pub(crate) fn render(markdown: &str, options: &Options) -> Result<Article, Error> {
    render_with(markdown, options, true).map(|(article, _)| article)
}

/// The pipeline; `fast_path` allows the sanitizer's fast path (the differential test turns it
/// off to compare). Also says whether the fast path made the HTML.
pub(crate) fn render_with(markdown: &str, options: &Options, fast_path: bool) -> Result<(Article, bool), Error> {
    check_input(markdown, options)?;
    let markdown = normalize_input(markdown);
    let features = options.features();
    let base_url = options.base_url()?;
    let id_prefix = options.id_prefix.as_str();

    let (front, mut warnings, body) = match front_matter::split(&markdown).filter(|_| features.front_matter) {
        Some(block) => {
            let (front, warnings) = front_matter::read(&block)?;
            (front, warnings, &markdown[block.body_offset..])
        }
        None => (FrontMatter::default(), Vec::new(), &markdown[..]),
    };

    // What the sanitizer will remove (`Article.removed`), noted as the parser's events go by; its
    // lines count from the top of the input, front matter (the lines above the body) included.
    let lines_above = markdown[..markdown.len() - body.len()].matches('\n').count();
    let watch = removed::Watch::new(body, lines_above, options.raw_html, features.tagfilter, id_prefix);
    let parser = Parser::new_ext(body, parser_options(features)).into_offset_iter();
    // Plain text pasted from a page (which has no front matter): its title, byline and the rest
    // come from its lines.
    let has_front_matter = body.len() < markdown.len();
    let pasted_text = if has_front_matter {
        PastedText::Off
    } else {
        features.pasted_text
    };
    let (pasted, parser) = pasted::recover(parser, pasted_text, body, lines_above);
    let pasted = pasted.unwrap_or_default();
    let parser = parser.map(|item| watch.see(item));
    let title_block = features.title_block && pasted.report.is_empty();
    let lead = lead::Lead::new(parser, title_block, front.title.clone());
    let mut summary = summary::Summary::new(lead);
    // Autolinks before the raw-HTML mode, so escaped HTML (now text) is not scanned for links.
    let events = optional(&mut summary, features.autolinks, autolink::Autolinks::new);
    let events = events.inspect(|event| watch.autolink(event));
    let events = raw_html_mode(events, options.raw_html);
    // From here on, HTML events are raw HTML to sanitize (escaped or stripped ones are gone);
    // comments alone the fast path removes as the sanitizer would.
    let raw_html = Cell::new(false);
    let events = events.inspect(|event| {
        if matches!(event, Event::Html(html) | Event::InlineHtml(html) if !fast_path::is_plain_comment(html)) {
            raw_html.set(true);
        }
    });
    // Each adapter passes through what it does not handle; a disabled feature's events never occur.
    let events = events.map(move |event| {
        if features.tagfilter {
            tagfilter::filter(event)
        } else {
            event
        }
    });
    // The nesting bound comes before the adapters that write markup of our own, whose depth is
    // bounded by design; from here on our markup is typed.
    let nodes = depth::Depth::new(events, options.raw_html != RawHtml::Trusted);
    let nodes = footnotes::Footnotes::new(nodes, id_prefix);
    // In-page links follow the ids only where we prefix them; the spec presets rewrite no links.
    let fragment_prefix = if features.heading_ids { id_prefix } else { "" };
    let mut links = links::Links::new(
        nodes,
        fragment_prefix,
        base_url.as_ref(),
        options.external_links_new_tab,
    );
    let nodes = images::Images::new(&mut links, features.figures, features.lazy_images);
    let nodes = quotes::Quotes::new(nodes, features.quote_attributions);
    let heading_ids = features.heading_ids.then_some(id_prefix);
    let mut headings = headings::Headings::new(nodes, heading_ids, features.heading_anchors);

    // The writer applies the policy as it writes, unless raw HTML is trusted (and for the
    // differential test's reference, which leaves it all to ammonia).
    let trusted = options.raw_html == RawHtml::Trusted;
    let settings = policy::Settings::new(options, base_url.as_ref());
    let policy = (fast_path && !trusted).then_some(&settings);
    // Markdown's HTML is usually a little longer than its source.
    let mut writer = writer::Writer::new(policy, body.len() + body.len() / 2);
    writer.write_all(&mut headings);
    let body_html = writer.finish();
    let outline = headings.into_outline();
    let (links, images) = links.into_found();

    let lead = summary.inner();
    // Without a title block or front matter title, the first level-1 heading is the title and
    // stays out of the table of contents.
    let (title, first_h1_is_title) = match front.title.or(pasted.title).or(lead.title.take()) {
        Some(title) => (Some(title), false),
        None => (
            outline
                .first_h1
                .and_then(|i| outline.headings.get(i))
                .map(|h| h.text.clone()),
            true,
        ),
    };
    let authors = match (front.authors.is_empty(), pasted.authors.is_empty()) {
        (false, _) => front.authors,
        (true, false) => pasted.authors,
        (true, true) => lead.byline.take().map(|names| split_names(&names)).unwrap_or_default(),
    };
    let date = front.date.or(pasted.date);
    let updated = front.updated.or(pasted.updated);
    let description = front.description.or(pasted.description.clone());
    let toc: Vec<TocEntry> = outline
        .headings
        .into_iter()
        .enumerate()
        .filter(|(i, entry)| {
            !(first_h1_is_title && outline.first_h1 == Some(*i)) && entry.level <= options.toc_max_level
        })
        .map(|(_, entry)| entry)
        .collect();
    let reading_minutes = summary.words.reading_minutes();
    let image = front
        .image
        .map(|image| resolve(base_url.as_ref(), image))
        .or_else(|| images.first().cloned());
    let excerpt = description
        .clone()
        .or(summary.before_more.take())
        .or(summary.first_paragraph.take())
        .map(|text| text::excerpt(&text, LIMITS.excerpt_chars))
        .filter(|text| !text.is_empty());

    let mut page = writer::Writer::new(policy, body_html.html.len() + 512);
    if !features.body_only {
        let frame = header::Frame {
            title: title.as_deref(),
            dek: pasted.description.as_deref(),
            authors: &authors,
            date: date.as_deref(),
            reading_minutes,
            lang: front.lang.as_deref(),
            dir: front.dir.as_deref(),
        };
        header::open(&frame, &mut page);
    }
    if features.toc_nav {
        header::toc_nav(&toc, options.toc_max_level, &mut page);
    }
    page.append(body_html);
    if !features.body_only {
        header::close(&mut page);
    }
    let written = page.finish();
    // Without raw HTML the writer's output is final: the policy was applied as it was written.
    // Raw HTML is read by the fast path where it models it, else by ammonia, which a build
    // without the sanitizer refuses. (That build passes `strip`'s HTML blocks on as they are:
    // only ammonia can say what text they hold.)
    let stripped_blocks = !cfg!(feature = "sanitizer") && options.raw_html == RawHtml::Strip && raw_html.get();
    let (html, used_fast_path) = if trusted {
        (written.html, false)
    } else if fast_path && written.canonical {
        (written.html, true)
    } else {
        let fast = (fast_path && !stripped_blocks)
            .then(|| fast_path::sanitize(&written.html, &settings))
            .flatten();
        match fast {
            Some(html) => (html, true),
            None => (sanitize_with_ammonia(&written.for_sanitizer(), &settings)?, false),
        }
    };
    warnings.sort_by_key(|warning| warning.line);
    let article = Article {
        html,
        title,
        author: join_names(&authors),
        authors,
        date,
        updated,
        description,
        excerpt,
        tags: front.tags,
        lang: front.lang,
        dir: front.dir,
        image,
        canonical: front.canonical,
        word_count: summary.words.total(),
        reading_minutes,
        toc,
        front_matter: front.extra,
        links,
        images,
        warnings,
        removed: watch.finish(),
        recovered: pasted.report,
    };
    Ok((article, used_fast_path))
}

pub(crate) fn sanitize_html(html: &str, options: &Options) -> Result<String, Error> {
    check_input(html, options)?;
    let base_url = options.base_url()?;
    sanitize_with_ammonia(html, &policy::Settings::new(options, base_url.as_ref()))
}

/// ammonia's clean, in builds that have it: without the `sanitizer` feature nothing calls ammonia,
/// so the linker drops it (the web package's small core module).
fn sanitize_with_ammonia(html: &str, settings: &policy::Settings<'_>) -> Result<String, Error> {
    if cfg!(feature = "sanitizer") {
        Ok(policy::sanitize(html, settings))
    } else {
        Err(Error::FeatureNeeded(BuildFeature::Sanitizer))
    }
}

/// What raw HTML becomes: `sanitize` and `trusted` leave it to the end of the pipeline.
fn raw_html_mode<'e, 'b>(
    events: impl Iterator<Item = Event<'e>> + 'b,
    mode: RawHtml,
) -> Box<dyn Iterator<Item = Event<'e>> + 'b> {
    match mode {
        RawHtml::Sanitize | RawHtml::Trusted => Box::new(events),
        RawHtml::Escape => Box::new(events.map(raw_html::escape)),
        RawHtml::Strip => Box::new(raw_html::Strip::new(events)),
    }
}

/// `adapter(events)` when `enabled`, else `events` untouched.
fn optional<'e, 'b, I, A>(
    events: I,
    enabled: bool,
    adapter: impl FnOnce(I) -> A,
) -> Box<dyn Iterator<Item = Event<'e>> + 'b>
where
    I: Iterator<Item = Event<'e>> + 'b,
    A: Iterator<Item = Event<'e>> + 'b,
{
    if enabled {
        Box::new(adapter(events))
    } else {
        Box::new(events)
    }
}

/// `Jane Doe, John Roe and Ann Poe` → the three names.
fn split_names(names: &str) -> Vec<String> {
    names
        .split(", ")
        .flat_map(|part| part.split(" and "))
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .collect()
}

/// The names for display: `A`, `A and B`, `A, B and C`.
fn join_names(names: &[String]) -> Option<String> {
    match names {
        [] => None,
        [one] => Some(one.clone()),
        [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
    }
}

/// A front matter URL against the base URL, as links in the body are.
fn resolve(base: Option<&BaseUrl>, url: String) -> String {
    base.and_then(|base| base.join(&url)).unwrap_or(url)
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
