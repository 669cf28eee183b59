//! The document-level rules of pasted text: which line is the title, the dek, a byline, a section
//! or a quote, which is debris, and how the remaining lines group into paragraphs; then the
//! events of the recovered article.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::lines::{self, char_count, ends_sentence, heading_shaped, CLOSING_MARKS};
use super::{dates, Document, Found, Item, Line, Recovery, RecoveryKind};

/// A line this long (in characters) is a paragraph on its own line, not a wrapped line.
const LONG_LINE: usize = 100;
/// Lines no longer than this, three or more in a row, are verse or a list (kept line by line).
const SHORT_LINE: usize = 60;
/// Words that make a line prose.
const PROSE_WORDS: usize = 20;
/// Words a paragraph needs around a section heading.
const PARAGRAPH_WORDS: usize = 12;
/// Bylines and date lines are looked for before this many prose lines.
const HEADER_PROSE_LINES: usize = 1;
/// Longest title and dek, in characters; a dek with no byline under it is shorter.
const MAX_TITLE_CHARS: usize = 200;
const MAX_DEK_CHARS: usize = 300;
const MAX_ONE_SENTENCE_DEK_CHARS: usize = 200;
/// Short lines above the title (a site's name, a section label) have at most this many words.
const MAX_LABEL_WORDS: usize = 4;
/// What follows an author's name at the start of their bio, in the four languages.
const BIO_VERBS: &[&str] = &[
    " is ",
    " covers ",
    " writes ",
    " reports ",
    " has ",
    " lives ",
    " was ",
    " es ",
    " ist ",
    " est ",
    " schreibt ",
    " écrit ",
    " escribe ",
];
/// Longest bio, in words.
const MAX_BIO_WORDS: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Body,
    Removed,
    Title,
    Description,
    Byline,
    Date,
    Section,
    /// A quotation and its attribution on one line.
    Quote,
    /// A quotation whose attribution is the next line.
    QuoteText,
    QuoteName,
}

struct Reader<'d, 'a> {
    lines: &'d [Line],
    doc: &'d Document<'a>,
    roles: Vec<Role>,
    found: Found,
    /// Prose lines before each line.
    prose_before: Vec<usize>,
    /// Per source paragraph, its words and lines.
    paragraphs: HashMap<usize, (usize, usize)>,
    /// Per quote line, its attribution.
    attributions: HashMap<usize, String>,
    /// The name of the first avatar label, the author if no byline names one.
    avatar: Option<String>,
    /// Why each removed line was removed.
    removed: Vec<Option<&'static str>>,
    /// Whether the title is an e-mail's subject.
    title_from_mail: bool,
}

/// The metadata and the events of `doc` (long enough: `may_be_pasted`) read as pasted text;
/// `None` when it is not (nothing to recover), unless `always`.
pub(super) fn recover<'a>(doc: &Document<'a>, always: bool) -> Option<(Found, Vec<Item<'a>>)> {
    let lines = &doc.lines[..];
    let mut paragraphs: HashMap<usize, (usize, usize)> = HashMap::new();
    for line in lines {
        let (words, count) = paragraphs.entry(line.paragraph).or_insert((0, 0));
        *words += line.text.split_whitespace().count();
        *count += 1;
    }
    let mut reader = Reader {
        lines,
        doc,
        roles: vec![Role::Body; lines.len()],
        found: Found::default(),
        prose_before: Vec::new(),
        paragraphs,
        attributions: HashMap::new(),
        avatar: None,
        removed: vec![None; lines.len()],
        title_from_mail: false,
    };
    reader.mail_headers();
    reader.debris();
    reader.footer();
    reader.count_prose();
    reader.bylines();
    reader.title();
    reader.description();
    reader.teasers();
    reader.quotes();
    reader.author_bio();
    reader.sections();
    let (events, split) = reader.events();
    // Text from a page shows where it came from: a byline or date, debris, a dek, an attributed
    // quote, or paragraphs copied one per line. A title and sections alone do not make a comment
    // or a plain Markdown essay pasted text.
    let from_a_page = split
        || reader.found.report.iter().any(|entry| {
            matches!(
                entry.kind,
                RecoveryKind::Byline
                    | RecoveryKind::Date
                    | RecoveryKind::Removed
                    | RecoveryKind::Description
                    | RecoveryKind::Quote
            )
        });
    if !always && !from_a_page {
        return None;
    }
    crate::sort::sort_by_key(&mut reader.found.report, |entry| entry.line);
    Some((reader.found, events))
}

/// A line of running text: long, or many words ending a sentence.
fn is_prose(text: &str) -> bool {
    char_count(text) > LONG_LINE || (text.split_whitespace().count() >= PROSE_WORDS && ends_sentence(text))
}

/// Ends a paragraph: a sentence's final punctuation (or a colon), quotes and brackets aside.
fn ends_paragraph(text: &str) -> bool {
    ends_sentence(text) && !text.trim_end_matches(CLOSING_MARKS).ends_with([',', ';'])
}

impl<'d, 'a> Reader<'d, 'a> {
    fn text(&self, i: usize) -> &'d str {
        &self.lines[i].text
    }

    fn report(&mut self, i: usize, kind: RecoveryKind, reason: impl Into<String>) {
        self.found.report.push(Recovery {
            line: self.lines[i].number,
            kind,
            text: self.lines[i].text.clone(),
            reason: reason.into(),
        });
    }

    fn remove(&mut self, i: usize, reason: &'static str) {
        self.roles[i] = Role::Removed;
        self.removed[i] = Some(reason);
        self.report(i, RecoveryKind::Removed, reason);
    }

    /// The next line after `i` (skipping removed ones) and its index.
    fn next_kept(&self, i: usize) -> Option<usize> {
        (i + 1..self.lines.len()).find(|&j| self.roles[j] != Role::Removed)
    }

    fn previous_kept(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| self.roles[j] != Role::Removed)
    }

    fn in_header(&self, i: usize) -> bool {
        self.prose_before[i] <= HEADER_PROSE_LINES
    }

    /// An e-mail's header block at the very top: `Subject` is the title, `From` the author,
    /// `Sent`/`Date` the date; `To` and `Cc` are removed.
    fn mail_headers(&mut self) {
        for i in 0..self.lines.len() {
            let Some((field, value)) = lines::mail_header(self.text(i)) else {
                break;
            };
            match field {
                "subject" if self.found.title.is_none() && !value.is_empty() => {
                    self.roles[i] = Role::Title;
                    self.found.title = Some(value.to_owned());
                    self.title_from_mail = true;
                    self.report(i, RecoveryKind::Title, "e-mail subject");
                }
                "from" => {
                    let name = value.split(['<', '(']).next().unwrap_or("").trim();
                    let name = name
                        .split_whitespace()
                        .filter(|word| !word.contains('@'))
                        .collect::<Vec<_>>()
                        .join(" ");
                    if lines::is_name(&name) && self.found.authors.is_empty() {
                        self.roles[i] = Role::Byline;
                        self.found.authors = vec![name];
                        self.report(i, RecoveryKind::Byline, "e-mail sender");
                    } else {
                        self.remove(i, "e-mail header");
                    }
                }
                "date" => match dates::find(&dates::words(value)) {
                    Some(found) if self.found.date.is_none() => {
                        self.roles[i] = Role::Date;
                        self.report(i, RecoveryKind::Date, found.iso.clone());
                        self.found.date = Some(found.iso);
                    }
                    _ => self.remove(i, "e-mail header"),
                },
                _ => self.remove(i, "e-mail header"),
            }
        }
    }

    /// Debris by its text, lists of related stories, avatar labels and relative timestamps.
    fn debris(&mut self) {
        let mut i = 0;
        while i < self.lines.len() {
            if self.roles[i] != Role::Body {
                i += 1;
                continue;
            }
            let text = self.text(i);
            if let Some(reason) = lines::debris(text) {
                self.remove(i, reason);
            } else if lines::related_header(text) {
                self.remove(i, "related stories");
                // The headlines listed under it: short lines up to the next paragraph of prose.
                while i + 1 < self.lines.len() && self.roles[i + 1] == Role::Body {
                    let next = self.text(i + 1);
                    let reason = match lines::debris(next) {
                        Some(reason) => reason,
                        None if char_count(next) <= 150 && !ends_with_period(next) && !is_prose(next) => {
                            "related stories"
                        }
                        None => break,
                    };
                    i += 1;
                    self.remove(i, reason);
                }
            } else if let Some(name) = lines::avatar(text) {
                self.avatar.get_or_insert(name);
                self.remove(i, "avatar label");
            } else if lines::is_relative_time(text) {
                self.remove(i, "timestamp");
            }
            i += 1;
        }
    }

    /// A newsletter's or a page's footer: after an unsubscribe line or a copyright notice below
    /// the text, the short lines left (an address, a link) are part of it.
    fn footer(&mut self) {
        let Some(last_prose) = (0..self.lines.len())
            .rev()
            .find(|&i| self.roles[i] == Role::Body && is_prose(self.text(i)))
        else {
            return;
        };
        let Some(start) = (last_prose + 1..self.lines.len())
            .find(|&i| matches!(self.removed[i], Some("subscription prompt" | "copyright notice")))
        else {
            return;
        };
        if (start..self.lines.len()).all(|i| self.roles[i] != Role::Body || char_count(self.text(i)) <= LONG_LINE) {
            for i in start..self.lines.len() {
                if self.roles[i] == Role::Body {
                    self.remove(i, "page footer");
                }
            }
        }
    }

    /// Counts the prose lines above each line, debris left out.
    fn count_prose(&mut self) {
        let mut prose = 0;
        self.prose_before = (0..self.lines.len())
            .map(|i| {
                let before = prose;
                if self.roles[i] == Role::Body && is_prose(self.text(i)) {
                    prose += 1;
                }
                before
            })
            .collect();
    }

    /// Bylines and date lines in the article's header; a forum's user name above its timestamp.
    fn bylines(&mut self) {
        for i in 0..self.lines.len() {
            if self.roles[i] == Role::Body && self.in_header(i) {
                self.byline(i);
            }
        }
        if self.found.authors.is_empty() {
            let user = (0..self.lines.len()).find(|&i| {
                self.roles[i] == Role::Body
                    && self.in_header(i)
                    && lines::is_user_name(self.text(i))
                    && self.removed.get(i + 1) == Some(&Some("timestamp"))
            });
            if let Some(i) = user {
                self.roles[i] = Role::Byline;
                self.found.authors = vec![self.text(i).to_owned()];
                self.report(i, RecoveryKind::Byline, "user name");
            }
        }
        if self.found.authors.is_empty() {
            if let Some(name) = self.avatar.take() {
                self.found.authors = vec![name];
            }
        }
    }

    /// Reads line `i` as a byline or a date line, if it is one.
    fn byline(&mut self, i: usize) -> bool {
        let text = self.text(i);
        if lines::bare_byline_prefix(text) {
            let next = (i + 1 < self.lines.len()).then(|| self.text(i + 1));
            if let Some(authors) = next.and_then(lines::names) {
                self.roles[i] = Role::Byline;
                self.roles[i + 1] = Role::Byline;
                self.report(i, RecoveryKind::Byline, "byline");
                self.report(i + 1, RecoveryKind::Byline, format!("author: {}", authors.join(", ")));
                self.add_authors(authors);
                return true;
            }
        }
        if let Some(byline) = lines::byline(text).filter(|_| dates::line(&dates::words(text)).is_none()) {
            self.roles[i] = Role::Byline;
            self.report(
                i,
                RecoveryKind::Byline,
                format!("author: {}", byline.authors.join(", ")),
            );
            self.add_authors(byline.authors);
            if let Some(date) = byline.date {
                self.found.date.get_or_insert(date);
            }
            return true;
        }
        // `Published March 3, 2025 | Updated March 4, 2025`
        let mut dated = Vec::new();
        for part in text.split(['|', '·', '•']) {
            let Some(found) = dates::line(&dates::words(part)) else {
                return false;
            };
            let lower = part.to_lowercase();
            let updated = ["updat", "aktualisiert", "mis à jour", "actualiz", "modif"]
                .iter()
                .any(|w| lower.contains(w));
            dated.push((updated, found.iso));
        }
        if dated.is_empty() {
            return false;
        }
        self.roles[i] = Role::Date;
        for (updated, iso) in dated {
            let slot = if updated {
                &mut self.found.updated
            } else {
                &mut self.found.date
            };
            if slot.is_none() {
                *slot = Some(iso.clone());
            }
            self.report(
                i,
                RecoveryKind::Date,
                if updated { format!("updated: {iso}") } else { iso },
            );
        }
        true
    }

    fn add_authors(&mut self, authors: Vec<String>) {
        if self.found.authors.is_empty() {
            self.found.authors = authors;
        }
    }

    /// The title: among the lines above the first prose, the last showing of a line the page
    /// repeats, else the headline just above the byline (or above the dek above it), else the
    /// first line that reads as a headline. Short lines above it (a site's name, a section label
    /// such as `World`) are removed, and so are its repeats.
    fn title(&mut self) {
        if self.found.title.is_some() {
            return self.remove_repeats_of_title();
        }
        let header_end = (0..self.lines.len())
            .find(|&i| self.roles[i] == Role::Body && is_prose(self.text(i)))
            .unwrap_or(self.lines.len());
        let is_candidate: Vec<bool> = (0..header_end)
            .map(|i| self.roles[i] == Role::Body && title_shaped(self.text(i)))
            .collect();
        let candidate = |i: usize| is_candidate.get(i).copied().unwrap_or(false);
        let candidates: Vec<usize> = (0..header_end).filter(|&i| candidate(i)).collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for line in self.lines {
            *seen.entry(line.text.as_str()).or_insert(0) += 1;
        }
        let byline = (0..header_end).find(|&i| matches!(self.roles[i], Role::Byline | Role::Date));
        // A headline stands above its byline.
        let repeated = candidates
            .iter()
            .rev()
            .copied()
            .filter(|&i| byline.is_none_or(|byline| i < byline))
            .find(|&i| seen[self.text(i)] > 1);
        let above_byline = byline.and_then(|byline| {
            let one_up = self.previous_kept(byline)?;
            let two_up = self.previous_kept(one_up).filter(|&i| candidate(i));
            match two_up {
                // A headline, then a dek that is not one.
                Some(title) if !title_shaped(self.text(one_up)) => Some(title),
                _ => candidate(one_up).then_some(one_up),
            }
        });
        let first = candidates.iter().copied().find(|&i| {
            // A one- or two-word line right above another headline is a label.
            self.text(i).split_whitespace().count() > 2 || !candidate(i + 1)
        });
        let Some(title) = repeated.or(above_byline).or(first) else {
            return;
        };
        // Something must follow the title for it to be one.
        if self.next_kept(title).is_none() {
            return;
        }
        for i in candidates.iter().copied().take_while(|&i| i < title) {
            if self.text(i).split_whitespace().count() <= MAX_LABEL_WORDS && self.text(i) != self.text(title) {
                self.remove(i, "page header");
            }
        }
        self.roles[title] = Role::Title;
        self.found.title = Some(self.text(title).to_owned());
        self.report(title, RecoveryKind::Title, "title");
        self.remove_repeats_of_title();
    }

    fn remove_repeats_of_title(&mut self) {
        let Some(title) = self.found.title.clone() else { return };
        for i in 0..self.lines.len() {
            if self.roles[i] == Role::Body && self.text(i) == title {
                self.remove(i, "title repeated");
            }
        }
    }

    /// The dek: the line right under the title, when the byline or a date follows it, or when
    /// they stand above the title and the dek is one sentence with the text after it.
    fn description(&mut self) {
        let Some(title) = self.roles.iter().position(|&role| role == Role::Title) else {
            return;
        };
        let Some(dek) = self.next_kept(title) else { return };
        let text = self.text(dek);
        if self.roles[dek] != Role::Body
            || self.title_from_mail
            || char_count(text) > MAX_DEK_CHARS
            || text.ends_with([',', ';', ':'])
            || lines::is_quotation(text)
        {
            return;
        }
        let after = self.next_kept(dek);
        let header_follows = after.is_some_and(|j| matches!(self.roles[j], Role::Byline | Role::Date))
            || (dek + 1..after.unwrap_or(self.lines.len())).any(|j| self.removed[j] == Some("avatar label"));
        let header_above = (0..title).any(|j| matches!(self.roles[j], Role::Byline | Role::Date));
        let one_sentence = char_count(text) <= MAX_ONE_SENTENCE_DEK_CHARS
            && !text.trim_end_matches(['.', '!', '?']).contains(". ")
            && after.is_some_and(|j| self.roles[j] == Role::Body && is_prose(self.text(j)));
        if header_follows || (header_above && one_sentence) {
            self.roles[dek] = Role::Description;
            self.found.description = Some(text.to_owned());
            self.report(dek, RecoveryKind::Description, "dek under the title");
        }
    }

    /// A teaser the page cut off (`…`) that repeats the start of a later paragraph.
    fn teasers(&mut self) {
        // Later lines by their first words, so each teaser looks at a few candidates only.
        let key = |text: &'d str| text.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
        let mut by_start: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, line) in self.lines.iter().enumerate() {
            by_start.entry(key(&line.text)).or_default().push(i);
        }
        for i in 0..self.lines.len() {
            let text = self.text(i);
            let Some(cut) = text.strip_suffix('…').or_else(|| text.strip_suffix("...")) else {
                continue;
            };
            if self.roles[i] != Role::Body || cut.split_whitespace().count() < 5 {
                continue;
            }
            // The last word may be cut in the middle.
            let stem = cut.trim_end().rsplit_once(' ').map_or(cut, |(stem, _)| stem);
            let Some(later) = by_start.get(&key(text)) else {
                continue;
            };
            let from = later.partition_point(|&j| j <= i);
            let repeats = later[from..]
                .iter()
                .take(3)
                .any(|&j| self.roles[j] == Role::Body && self.text(j).starts_with(stem) && !is_cut(self.text(j)));
            if repeats {
                self.remove(i, "teaser repeated below");
            }
        }
    }

    /// Quotations standing alone with an attribution: `“…” — Name`, or the name on the next line.
    fn quotes(&mut self) {
        for i in 0..self.lines.len() {
            if self.roles[i] != Role::Body || !self.lines[i].plain {
                continue;
            }
            let text = self.text(i);
            if let Some((_, name)) = lines::quote_with_attribution(text) {
                self.roles[i] = Role::Quote;
                self.attributions.insert(i, name.to_owned());
                self.report(i, RecoveryKind::Quote, format!("attribution: {name}"));
            } else if lines::is_quotation(text) && i + 1 < self.lines.len() && self.roles[i + 1] == Role::Body {
                if let Some(name) = lines::attribution(self.text(i + 1)) {
                    self.roles[i] = Role::QuoteText;
                    self.roles[i + 1] = Role::QuoteName;
                    self.attributions.insert(i, name.to_owned());
                    self.report(i, RecoveryKind::Quote, format!("attribution: {name}"));
                }
            }
        }
    }

    /// The author's bio at the end (`Jane Smith covers city hall… Contact her at…`).
    fn author_bio(&mut self) {
        let Some(last) = (0..self.lines.len()).rev().find(|&i| self.roles[i] != Role::Removed) else {
            return;
        };
        let first_body = self.roles.iter().position(|&role| role == Role::Body);
        if self.roles[last] != Role::Body || first_body == Some(last) {
            return;
        }
        let text = self.text(last);
        let about_an_author = self.found.authors.iter().any(|author| {
            text.strip_prefix(author.as_str())
                .is_some_and(|rest| BIO_VERBS.iter().any(|verb| rest.starts_with(verb)))
        });
        if about_an_author && text.split_whitespace().count() <= MAX_BIO_WORDS {
            self.remove(last, "author bio");
        }
    }

    /// Sections: a heading-shaped line standing alone between paragraphs, before prose (or
    /// before a list of short lines, when blank lines set it apart).
    fn sections(&mut self) {
        for i in 0..self.lines.len() {
            if self.roles[i] != Role::Body || !heading_shaped(self.text(i)) || !self.lines[i].plain {
                continue;
            }
            let (Some(before), Some(after)) = (self.previous_kept(i), self.next_kept(i)) else {
                continue;
            };
            let alone = self.paragraphs[&self.lines[i].paragraph].1 == 1;
            let section = if alone {
                matches!(
                    self.roles[before],
                    Role::Body | Role::Quote | Role::QuoteName | Role::Byline | Role::Date | Role::Description
                ) && (self.starts_prose(after, i) || self.paragraphs[&self.lines[after].paragraph].1 >= 3)
            } else {
                self.ends_prose(before, i) && self.starts_prose(after, i)
            };
            if section {
                self.roles[i] = Role::Section;
                self.report(i, RecoveryKind::Section, "section heading");
            }
        }
    }

    /// Whether line `before` ends a paragraph of prose that heading line `i` follows.
    fn ends_prose(&self, before: usize, i: usize) -> bool {
        let line = &self.lines[before];
        match self.roles[before] {
            Role::Quote | Role::QuoteName => true,
            Role::Body if ends_paragraph(&line.text) => {
                if line.paragraph == self.lines[i].paragraph {
                    char_count(&line.text) > LONG_LINE
                } else {
                    self.paragraphs[&line.paragraph].0 >= PARAGRAPH_WORDS
                }
            }
            _ => false,
        }
    }

    /// Whether line `after` starts a paragraph of prose after heading line `i`.
    fn starts_prose(&self, after: usize, i: usize) -> bool {
        let line = &self.lines[after];
        let (words, count) = self.paragraphs[&line.paragraph];
        match self.roles[after] {
            Role::Quote | Role::QuoteText => true,
            Role::Body if line.paragraph == self.lines[i].paragraph => char_count(&line.text) > LONG_LINE,
            Role::Body => words >= PARAGRAPH_WORDS && (count > 1 || !heading_shaped(&line.text)),
            _ => false,
        }
    }

    /// The recovered body's events, and whether paragraphs copied one per line were split.
    fn events(&self) -> (Vec<Item<'a>>, bool) {
        let mut out = Vec::with_capacity(self.doc.buffer.len());
        let mut split = false;
        let mut blocks = self.doc.blocks.iter().peekable();
        let mut run: Vec<usize> = Vec::new();
        for i in 0..=self.lines.len() {
            while let Some((_, range)) = blocks.next_if(|(before, _)| *before == i) {
                split |= self.flush(&mut run, &mut out);
                out.extend(self.doc.buffer[range.clone()].iter().cloned());
            }
            let Some(line) = self.lines.get(i) else { break };
            let role = self.roles[i];
            if role != Role::Body
                || run
                    .last()
                    .is_some_and(|&last| self.lines[last].paragraph != line.paragraph || last + 1 != i)
            {
                split |= self.flush(&mut run, &mut out);
            }
            let range = line.range.clone();
            match role {
                Role::Body => run.push(i),
                Role::Section => {
                    let level = HeadingLevel::H2;
                    out.push((
                        Event::Start(Tag::Heading {
                            level,
                            id: None,
                            classes: Vec::new(),
                            attrs: Vec::new(),
                        }),
                        range.clone(),
                    ));
                    self.line_events(i, &mut out);
                    out.push((Event::End(TagEnd::Heading(level)), range));
                }
                Role::Quote | Role::QuoteText => {
                    let name = &self.attributions[&i];
                    out.push((Event::Start(Tag::BlockQuote(None)), range.clone()));
                    out.push((Event::Start(Tag::Paragraph), range.clone()));
                    match role {
                        Role::Quote => {
                            let (quote, _) = lines::quote_with_attribution(&line.text).unwrap_or((&line.text, ""));
                            out.push((Event::Text(CowStr::from(quote.to_owned())), range.clone()));
                        }
                        _ => self.line_events(i, &mut out),
                    }
                    out.push((Event::End(TagEnd::Paragraph), range.clone()));
                    out.push((Event::Start(Tag::Paragraph), range.clone()));
                    out.push((Event::Text(CowStr::from(format!("— {name}"))), range.clone()));
                    out.push((Event::End(TagEnd::Paragraph), range.clone()));
                    out.push((Event::End(TagEnd::BlockQuote(None)), range));
                }
                Role::QuoteName | Role::Removed | Role::Title | Role::Description | Role::Byline | Role::Date => {}
            }
        }
        split |= self.flush(&mut run, &mut out);
        (out, split)
    }

    fn line_events(&self, i: usize, out: &mut Vec<Item<'a>>) {
        out.extend(self.doc.buffer[self.lines[i].events.clone()].iter().cloned());
    }

    /// Writes the lines of `run` (consecutive lines of one source paragraph) as paragraphs, and
    /// empties it: three or more short lines stay line by line (verse, a list of ingredients);
    /// lines of one-paragraph-per-line copy are split at the end of each paragraph; wrapped lines
    /// are joined. Returns whether lines of one source paragraph were split into paragraphs.
    fn flush(&self, run: &mut Vec<usize>, out: &mut Vec<Item<'a>>) -> bool {
        if run.is_empty() {
            return false;
        }
        let lines: Vec<&Line> = run.iter().map(|&i| &self.lines[i]).collect();
        let verse = lines.len() >= 3 && lines.iter().all(|line| char_count(&line.text) <= SHORT_LINE);
        let per_line = !verse && lines.iter().any(|line| char_count(&line.text) > LONG_LINE);
        let mut split = false;
        let mut open = false;
        for (k, line) in lines.iter().enumerate() {
            if !open {
                out.push((Event::Start(Tag::Paragraph), line.range.clone()));
                open = true;
            }
            out.extend(self.doc.buffer[line.events.clone()].iter().cloned());
            let last = k + 1 == lines.len();
            if last || (per_line && ends_paragraph(&line.text)) {
                out.push((Event::End(TagEnd::Paragraph), line.range.clone()));
                open = false;
                split |= !last;
            } else if verse {
                out.push((Event::HardBreak, line.range.clone()));
            } else if let Some(at) = line.break_after {
                out.push(self.doc.buffer[at].clone());
            }
        }
        run.clear();
        split
    }
}

/// A headline: a line of up to 20 words that does not end with a period or a colon.
fn title_shaped(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=20).contains(&words)
        && char_count(text) <= MAX_TITLE_CHARS
        && !ends_with_period(text)
        && !text.ends_with([':', ',', ';'])
        && text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || "“\"‘«¿¡".contains(c))
}

/// Ends with an ellipsis: cut off.
fn is_cut(text: &str) -> bool {
    text.ends_with('…') || text.ends_with("...")
}

fn ends_with_period(text: &str) -> bool {
    text.trim_end_matches(CLOSING_MARKS).ends_with(['.', '…'])
}
