//! The pure core: Markdown in, Article out. Nothing here knows about JavaScript.
//!
//! pulldown-cmark parses into events; adapters (one per concern) rewrite the event stream, those
//! after the nesting bound into typed nodes of our own markup; one writer serializes them with the
//! sanitizer's policy. Only the author's raw HTML is left to the fast path or the sanitizer.

use crate::limits::LIMITS;
use std::borrow::Cow;

use pulldown_cmark::{Options as ParserOptions, Parser};

use crate::article::front_matter::{self, FrontMatter};
use crate::article::text::WordCounter;
use crate::article::{header, lead, pasted, summary, text};
use crate::html::depth;
use crate::html::writer::{Writer, Written};
use crate::markdown::definitions::Definitions;
use crate::markdown::headings::Outline;
use crate::markdown::{autolink, footnotes, headings, images, links, quotes, raw_html, source_lines, tagfilter};
use crate::options::Features;
use crate::sanitize::removed::{self, Removal};
use crate::sanitize::{fast_path, policy};
use crate::urls::BaseUrl;
use crate::{Article, BuildFeature, Error, Options, PastedText, RawHtml, TocEntry, Warning};

pub(crate) fn render(markdown: &str, options: &Options) -> Result<Article, Error> {
    render_with(markdown, options, true).map(|(article, _)| article)
}

/// The pipeline; `fast_path` allows the writer's policy and the sanitizer's fast path (the
/// differential test turns both off, to compare with ammonia). Also says whether the HTML was
/// made without ammonia.
pub(crate) fn render_with(markdown: &str, options: &Options, fast_path: bool) -> Result<(Article, bool), Error> {
    render_lines(markdown, options, fast_path, Part::default())
}

/// Where a part of a longer input (a stream's blocks) stands in it.
#[derive(Clone, Copy, Default)]
pub(crate) struct Part<'d> {
    /// Lines of the whole above the part: the lines it reports (source lines, removals) count
    /// from the top of the whole.
    pub lines_before: usize,
    /// Reference definitions from the parts before it.
    pub definitions: Option<&'d Definitions>,
}

pub(crate) fn render_part(markdown: &str, options: &Options, part: Part<'_>) -> Result<Article, Error> {
    render_lines(markdown, options, true, part).map(|(article, _)| article)
}

fn render_lines(markdown: &str, options: &Options, fast_path: bool, part: Part<'_>) -> Result<(Article, bool), Error> {
    check_input(markdown, options)?;
    let markdown = normalize_input(markdown);
    let features = options.features();
    let base_url = options.base_url()?;
    let mut settings = policy::Settings::new(options, base_url.as_ref());
    // With source lines, the policy keeps the attribute they are written in.
    let extra_attributes;
    if features.source_lines {
        extra_attributes = [settings.extra_attributes, &[source_lines::ATTRIBUTE.to_owned()]].concat();
        settings.extra_attributes = &extra_attributes;
    }
    // The writer applies the policy as it writes, unless raw HTML is trusted (or for the
    // differential test's reference, which leaves it all to ammonia).
    let policy = (fast_path && options.raw_html != RawHtml::Trusted).then_some(&settings);

    let (front, mut warnings, body_offset) = read_front_matter(&markdown, features)?;
    // What the sanitizer will remove (`Article.removed`) and source lines count lines from the top
    // of the input, front matter (the lines above the body) included.
    let body_place = Place {
        lines_above: part.lines_before + markdown[..body_offset].matches('\n').count(),
        after_front_matter: body_offset > 0,
        definitions: part.definitions,
    };
    let mut body = write_body(
        &markdown[body_offset..],
        body_place,
        &front,
        options,
        features,
        base_url.as_ref(),
        policy,
    )?;
    let meta = Metadata::gather(front, &mut body, options, base_url.as_ref());
    let written = frame(&meta, body.html, features, options.toc_max_level, policy);
    let (html, without_ammonia) = sanitize_written(written, options, &settings, fast_path)?;

    crate::sort::sort_by_key(&mut warnings, |warning| warning.line);
    let article = Article {
        html,
        author: join_names(&meta.authors),
        word_count: body.words.total(),
        reading_minutes: meta.reading_minutes,
        links: body.links,
        images: body.images,
        warnings,
        removed: body.removed,
        recovered: meta.recovered,
        title: meta.title,
        authors: meta.authors,
        date: meta.date,
        updated: meta.updated,
        description: meta.description,
        excerpt: meta.excerpt,
        tags: meta.front.tags,
        lang: meta.front.lang,
        dir: meta.front.dir,
        image: meta.image,
        canonical: meta.front.canonical,
        toc: meta.toc,
        front_matter: meta.front.extra,
    };
    Ok((article, without_ammonia))
}

/// The front matter (when the options read it), its warnings, and where the body starts.
fn read_front_matter(markdown: &str, features: Features) -> Result<(FrontMatter, Vec<Warning>, usize), Error> {
    match front_matter::split(markdown).filter(|_| features.front_matter) {
        Some(block) => {
            let (front, warnings) = front_matter::read(&block)?;
            Ok((front, warnings, block.body_offset))
        }
        None => Ok((FrontMatter::default(), Vec::new(), 0)),
    }
}

/// The body, written, and what the adapters learned on the way.
struct Body {
    html: Written,
    outline: Outline,
    links: Vec<String>,
    images: Vec<String>,
    /// The title block's title and byline.
    lead_title: Option<String>,
    lead_byline: Option<String>,
    words: WordCounter,
    before_more: Option<String>,
    first_paragraph: Option<String>,
    pasted: pasted::Found,
    removed: Vec<Removal>,
}

/// Where the body stands in the input.
#[derive(Clone, Copy)]
struct Place<'d> {
    /// Lines of the input above it.
    lines_above: usize,
    after_front_matter: bool,
    /// Reference definitions from earlier parts of a longer input.
    definitions: Option<&'d Definitions>,
}

/// The parser and the adapters, in order, into the writer.
fn write_body(
    body: &str,
    Place {
        lines_above,
        after_front_matter,
        definitions,
    }: Place<'_>,
    front: &FrontMatter,
    options: &Options,
    features: Features,
    base_url: Option<&BaseUrl>,
    policy: Option<&policy::Settings<'_>>,
) -> Result<Body, Error> {
    let id_prefix = options.id_prefix.as_str();
    // What the sanitizer will remove (`Article.removed`), noted as the parser's events go by.
    let watch = removed::Watch::new(body, lines_above, options.raw_html, features.tagfilter, id_prefix);
    let known = definitions.map(|definitions| move |link| definitions.resolve(link));
    let parser = Parser::new_with_broken_link_callback(body, parser_options(features), known).into_offset_iter();
    // Plain text pasted from a page (which has no front matter): its title, byline and the rest
    // come from its lines.
    let pasted_text = if after_front_matter {
        PastedText::Off
    } else {
        features.pasted_text
    };
    let (pasted, parser) = pasted::recover(parser, pasted_text, body, lines_above)?;
    let pasted = pasted.unwrap_or_default();
    // Source lines are an option: off, their adapter is not in the chain at all.
    let parser: Box<dyn Iterator<Item = _>> = if features.source_lines {
        Box::new(source_lines::SourceLines::new(parser, body, lines_above))
    } else {
        parser
    };
    let parser = parser.map(|item| watch.see(item));
    let title_block = features.title_block && pasted.report.is_empty();
    let lead = lead::Lead::new(parser, title_block, front.title.clone());
    let mut summary = summary::Summary::new(lead, body);
    // Autolinks before the raw-HTML mode, so escaped HTML (now text) is not scanned for links.
    let events = autolink::Autolinks::new(&mut summary, features.autolinks);
    let events = events.inspect(|event| watch.autolink(event));
    // From here on, HTML events are raw HTML to sanitize (escaped or stripped ones are gone).
    let events = raw_html::Mode::new(events, options.raw_html);
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
    let mut links = links::Links::new(nodes, fragment_prefix, base_url, options.external_links_new_tab);
    let nodes = images::Images::new(&mut links, features.figures, features.lazy_images);
    let nodes = quotes::Quotes::new(nodes, features.quote_attributions);
    let heading_ids = features.heading_ids.then_some(id_prefix);
    let mut headings = headings::Headings::new(nodes, heading_ids, features.heading_anchors);

    // Markdown's HTML is usually a little longer than its source.
    let mut writer = Writer::new(policy, body.len() + body.len() / 2);
    writer.write_all(&mut headings);
    let outline = headings.into_outline();
    let (links, images) = links.into_found();
    let lead = summary.inner();
    Ok(Body {
        html: writer.finish(),
        outline,
        links,
        images,
        lead_title: lead.title.take(),
        lead_byline: lead.byline.take(),
        words: summary.words.clone(),
        before_more: summary.before_more.take(),
        first_paragraph: summary.first_paragraph.take(),
        pasted,
        removed: watch.finish(),
    })
}

/// The article's metadata, from the front matter, pasted text's recovery and the body.
struct Metadata {
    front: FrontMatter,
    title: Option<String>,
    /// The line under a pasted page's headline.
    dek: Option<String>,
    authors: Vec<String>,
    date: Option<String>,
    updated: Option<String>,
    description: Option<String>,
    excerpt: Option<String>,
    image: Option<String>,
    toc: Vec<TocEntry>,
    reading_minutes: usize,
    recovered: Vec<pasted::Recovery>,
}

impl Metadata {
    /// Front matter first, then what pasted text's recovery found, then the body's title block.
    fn gather(mut front: FrontMatter, body: &mut Body, options: &Options, base_url: Option<&BaseUrl>) -> Metadata {
        let pasted = std::mem::take(&mut body.pasted);
        let outline = &body.outline;
        // Without a title block or front matter title, the first level-1 heading is the title and
        // stays out of the table of contents.
        let (title, first_h1_is_title) = match front.title.take().or(pasted.title).or(body.lead_title.take()) {
            Some(title) => (Some(title), false),
            None => (
                outline
                    .first_h1
                    .and_then(|i| outline.headings.get(i))
                    .map(|h| h.text.clone()),
                true,
            ),
        };
        let authors = if !front.authors.is_empty() {
            std::mem::take(&mut front.authors)
        } else if !pasted.authors.is_empty() {
            pasted.authors
        } else {
            body.lead_byline.as_deref().map(split_names).unwrap_or_default()
        };
        let description = front.description.take().or(pasted.description.clone());
        let first_h1 = outline.first_h1;
        let toc = std::mem::take(&mut body.outline.headings)
            .into_iter()
            .enumerate()
            .filter(|(i, entry)| !(first_h1_is_title && first_h1 == Some(*i)) && entry.level <= options.toc_max_level)
            .map(|(_, entry)| entry)
            .collect();
        let image = front
            .image
            .take()
            .map(|image| resolve(base_url, image))
            .or_else(|| body.images.first().cloned());
        let excerpt = description
            .clone()
            .or(body.before_more.take())
            .or(body.first_paragraph.take())
            .map(|text| text::excerpt(&text, LIMITS.excerpt_chars))
            .filter(|text| !text.is_empty());
        Metadata {
            title,
            dek: pasted.description,
            authors,
            date: front.date.take().or(pasted.date),
            updated: front.updated.take().or(pasted.updated),
            description,
            excerpt,
            image,
            toc,
            reading_minutes: body.words.reading_minutes(),
            recovered: pasted.report,
            front,
        }
    }
}

/// The `<article>` frame with its header and the toc around the body, as the options ask.
fn frame(
    meta: &Metadata,
    body: Written,
    features: Features,
    toc_max_level: u8,
    policy: Option<&policy::Settings<'_>>,
) -> Written {
    let mut page = Writer::new(policy, body.html.len() + 512);
    if !features.body_only {
        let frame = header::Frame {
            title: meta.title.as_deref(),
            dek: meta.dek.as_deref(),
            authors: &meta.authors,
            date: meta.date.as_deref(),
            reading_minutes: meta.reading_minutes,
            lang: meta.front.lang.as_deref(),
            dir: meta.front.dir.as_deref(),
        };
        header::open(&frame, &mut page);
    }
    if features.toc_nav {
        header::toc_nav(&meta.toc, toc_max_level, &mut page);
    }
    page.append(body);
    if !features.body_only {
        header::close(&mut page);
    }
    page.finish()
}

/// The HTML to hand out: the writer's as it is where it is final (no raw HTML: the policy was
/// applied as it was written) or trusted, else what the fast path or ammonia make of it. Says
/// whether it was made without ammonia.
fn sanitize_written(
    written: Written,
    options: &Options,
    settings: &policy::Settings<'_>,
    fast_path: bool,
) -> Result<(String, bool), Error> {
    if options.raw_html == RawHtml::Trusted {
        return Ok((written.html, false));
    }
    if fast_path && written.canonical && !written.unmodeled {
        return Ok((written.html, true));
    }
    // Ammonia is not in a build without the sanitizer, which also passes `strip`'s HTML blocks on
    // as they are: only ammonia can say what text they hold.
    let stripped_blocks = !cfg!(feature = "sanitizer") && options.raw_html == RawHtml::Strip && written.raw_html;
    if fast_path && !stripped_blocks && !written.unmodeled {
        if let Some(html) = fast_path::sanitize(&written.html, settings) {
            return Ok((html, true));
        }
    }
    Ok((sanitize_with_ammonia(&written.for_sanitizer(), settings)?, false))
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

pub(crate) fn parser_options(features: Features) -> ParserOptions {
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
