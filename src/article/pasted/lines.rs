//! What one line of pasted text is, read from its text alone: page debris (and why), a byline, a
//! date line, an avatar label, a quotation with its attribution, or the shape of a heading.
//! The document-level rules (which line is the title, what is a section) are in `recover.rs`.

use super::dates;

/// Why a line was taken for page debris: the `reason` of its report entry.
pub(super) type Reason = &'static str;

/// Lines that are debris when they are the whole line (compared in lowercase, without a final
/// `:`), with why.
const DEBRIS_LINES: &[(&str, Reason)] = &[
    ("skip to main content", "navigation"),
    ("skip to content", "navigation"),
    ("skip to navigation", "navigation"),
    ("menu", "navigation"),
    ("main menu", "navigation"),
    ("search", "navigation"),
    ("home", "navigation"),
    ("sign in", "navigation"),
    ("log in", "navigation"),
    ("login", "navigation"),
    ("sign up", "navigation"),
    ("register", "navigation"),
    ("my account", "navigation"),
    ("close", "navigation"),
    ("back to top", "navigation"),
    ("jump to recipe", "navigation"),
    ("jump to comments", "navigation"),
    ("subscribe", "subscription prompt"),
    ("subscribe now", "subscription prompt"),
    ("share", "sharing"),
    ("share this", "sharing"),
    ("share this article", "sharing"),
    ("share this story", "sharing"),
    ("share this post", "sharing"),
    ("share article", "sharing"),
    ("share story", "sharing"),
    ("copy link", "sharing"),
    ("copy link to clipboard", "sharing"),
    ("email this article", "sharing"),
    ("email this story", "sharing"),
    ("print", "sharing"),
    ("print this article", "sharing"),
    ("print recipe", "sharing"),
    ("save recipe", "sharing"),
    ("save", "sharing"),
    ("save article", "sharing"),
    ("bookmark", "sharing"),
    ("gift this article", "sharing"),
    ("tweet", "sharing"),
    ("pin", "sharing"),
    ("pin it", "sharing"),
    ("like this", "sharing"),
    ("like", "engagement"),
    ("like loading...", "engagement"),
    ("like loading…", "engagement"),
    ("reply", "engagement"),
    ("quote", "engagement"),
    ("report", "engagement"),
    ("report post", "engagement"),
    ("follow", "engagement"),
    ("following", "engagement"),
    ("listen", "engagement"),
    ("listen to this article", "engagement"),
    ("leave a comment", "engagement"),
    ("leave a reply", "engagement"),
    ("comments", "engagement"),
    ("view comments", "engagement"),
    ("show comments", "engagement"),
    ("load more comments", "engagement"),
    ("join the conversation", "engagement"),
    ("advertisement", "advertisement"),
    ("advertisements", "advertisement"),
    ("ad", "advertisement"),
    ("sponsored", "advertisement"),
    ("sponsored content", "advertisement"),
    ("story continues below advertisement", "advertisement"),
    ("article continues below advertisement", "advertisement"),
    ("continue reading below", "advertisement"),
    ("anzeige", "advertisement"),
    ("werbung", "advertisement"),
    ("publicité", "advertisement"),
    ("publicidad", "advertisement"),
    ("accept", "cookie notice"),
    ("accept all", "cookie notice"),
    ("accept all cookies", "cookie notice"),
    ("reject all", "cookie notice"),
    ("manage preferences", "cookie notice"),
    ("manage cookies", "cookie notice"),
    ("cookie settings", "cookie notice"),
    ("got it", "cookie notice"),
    ("view in browser", "navigation"),
    ("view this email in your browser", "navigation"),
    ("view online", "navigation"),
    ("update your preferences", "subscription prompt"),
    ("manage your preferences", "subscription prompt"),
    ("manage settings", "cookie notice"),
    ("for immediate release", "press release label"),
    ("aller au contenu", "navigation"),
    ("aller au contenu principal", "navigation"),
    ("rechercher", "navigation"),
    ("se connecter", "navigation"),
    ("s’abonner", "subscription prompt"),
    ("s'abonner", "subscription prompt"),
    ("partager", "sharing"),
    ("commentaires", "engagement"),
    ("zum inhalt springen", "navigation"),
    ("menü", "navigation"),
    ("suche", "navigation"),
    ("anmelden", "navigation"),
    ("abonnieren", "subscription prompt"),
    ("teilen", "sharing"),
    ("kommentare", "engagement"),
    ("drucken", "sharing"),
    ("ir al contenido", "navigation"),
    ("menú", "navigation"),
    ("buscar", "navigation"),
    ("iniciar sesión", "navigation"),
    ("suscríbete", "subscription prompt"),
    ("compartir", "sharing"),
    ("comentarios", "engagement"),
    ("read more", "related stories"),
    ("show more", "related stories"),
    ("continue reading", "related stories"),
];

/// Lines that are debris when they start so (lowercase), with why.
const DEBRIS_PREFIXES: &[(&str, Reason)] = &[
    ("share on ", "sharing"),
    ("share via ", "sharing"),
    ("share to ", "sharing"),
    ("click to share", "sharing"),
    ("click to email", "sharing"),
    ("click to print", "sharing"),
    ("follow us on ", "sharing"),
    ("follow us:", "sharing"),
    ("read more:", "related stories"),
    ("read more at ", "related stories"),
    ("see also:", "related stories"),
    ("related:", "related stories"),
    ("more:", "related stories"),
    ("sign up for ", "subscription prompt"),
    ("sign up to ", "subscription prompt"),
    ("subscribe to ", "subscription prompt"),
    ("subscribe for ", "subscription prompt"),
    ("get our newsletter", "subscription prompt"),
    ("get the newsletter", "subscription prompt"),
    ("join our newsletter", "subscription prompt"),
    ("newsletter sign", "subscription prompt"),
    ("enter your email", "subscription prompt"),
    ("unsubscribe", "subscription prompt"),
    ("you are receiving this", "subscription prompt"),
    ("you're receiving this", "subscription prompt"),
    ("you’re receiving this", "subscription prompt"),
    ("we use cookies", "cookie notice"),
    ("this site uses cookies", "cookie notice"),
    ("this website uses cookies", "cookie notice"),
    ("by continuing to use this site", "cookie notice"),
    ("© ", "copyright notice"),
    ("©", "copyright notice"),
    ("(c) ", "copyright notice"),
    ("copyright ", "copyright notice"),
    ("copyright ©", "copyright notice"),
    ("all rights reserved", "copyright notice"),
    ("reading time:", "reading time"),
    ("estimated reading time", "reading time"),
    ("lesezeit:", "reading time"),
    ("temps de lecture", "reading time"),
    ("tiempo de lectura", "reading time"),
    ("partager sur ", "sharing"),
    ("teilen auf ", "sharing"),
    ("compartir en ", "sharing"),
    ("lire aussi", "related stories"),
    ("à lire aussi", "related stories"),
    ("lesen sie auch", "related stories"),
    ("lee también", "related stories"),
    ("leer más", "related stories"),
    ("filed under:", "navigation"),
    ("posted in ", "navigation"),
    ("tags:", "navigation"),
    ("tagged:", "navigation"),
    ("categories:", "navigation"),
];

/// Headers of lists of other stories: the line and the short lines listed under it are debris.
const RELATED_HEADERS: &[&str] = &[
    "related",
    "related stories",
    "related articles",
    "related posts",
    "related content",
    "related coverage",
    "related reading",
    "more stories",
    "more from us",
    "more to read",
    "more on this story",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "read next",
    "read this next",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "top stories",
    "latest news",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "à lire aussi",
    "lire aussi",
    "sur le même sujet",
    "te puede interesar",
    "más noticias",
    "lee también",
];

/// Names of social networks and sharing targets: a line of only these is a row of share buttons.
const NETWORKS: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "reddit",
    "pinterest",
    "email",
    "e-mail",
    "mail",
    "telegram",
    "threads",
    "bluesky",
    "mastodon",
    "tumblr",
    "flipboard",
    "messenger",
    "sms",
    "print",
    "copy",
    "link",
    "share",
    "instagram",
    "youtube",
    "tiktok",
];

/// What introduces a byline, lowercase, longest first where one starts another.
const BYLINE_PREFIXES: &[&str] = &[
    "written by ",
    "words by ",
    "story by ",
    "reporting by ",
    "reported by ",
    "text by ",
    "posted by ",
    "published by ",
    "author: ",
    "authors: ",
    "autor: ",
    "auteur : ",
    "auteur: ",
    "by ",
    "von ",
    "par ",
    "por ",
];

/// Joins between names: `A and B`, `A, B and C`, `A und B`, `A et B`, `A y B`, `A & B`.
const NAME_JOINS: &[&str] = &[" and ", " und ", " et ", " y ", " & "];

/// Lowercase words a name may hold: `Ludwig van Beethoven`, `Lucía de la Cruz`.
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "la", "le", "di", "da", "du", "bin", "ibn", "al", "y", "dos", "das",
];

/// Longest line that can be a byline, in characters.
const MAX_BYLINE_CHARS: usize = 120;
/// Most words in a heading (a section or the title).
pub(super) const MAX_HEADING_WORDS: usize = 12;
/// Longest heading, in characters.
pub(super) const MAX_HEADING_CHARS: usize = 100;

pub(super) fn char_count(text: &str) -> usize {
    text.chars().count()
}

/// What may close a sentence after its final punctuation: quotation marks (English, German and
/// French ones) and brackets.
pub(super) const CLOSING_MARKS: [char; 10] = ['"', '”', '“', '’', '‘', '\'', ')', ']', '»', '«'];

/// Ends like a sentence (or a clause that goes on: `,`, `;`, `:`), quotes and brackets aside.
pub(super) fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(CLOSING_MARKS)
        .ends_with(['.', '!', '?', '…', ':', ';', ','])
}

/// A short line with no final punctuation that starts with a capital letter or a digit: it could
/// be a heading (`What changes on Main Street`).
pub(super) fn heading_shaped(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=MAX_HEADING_WORDS).contains(&words)
        && char_count(text) <= MAX_HEADING_CHARS
        && text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !ends_sentence(text)
}

/// Page debris: the line and why it is debris.
pub(super) fn debris(text: &str) -> Option<Reason> {
    let lower = text.to_lowercase();
    let bare = lower.trim_end_matches([':', ' ']);
    if let Some(&(_, reason)) = DEBRIS_LINES.iter().find(|(line, _)| *line == bare) {
        return Some(reason);
    }
    if char_count(text) <= 300 {
        if let Some(&(_, reason)) = DEBRIS_PREFIXES.iter().find(|(prefix, _)| lower.starts_with(prefix)) {
            return Some(reason);
        }
        if lower.contains("all rights reserved")
            || lower.contains("alle rechte vorbehalten")
            || lower.contains("tous droits réservés")
            || lower.contains("todos los derechos reservados")
        {
            return Some("copyright notice");
        }
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Some("separator");
    }
    if is_page_number(&lower) {
        return Some("page number");
    }
    if is_breadcrumb(text) {
        return Some("navigation");
    }
    if is_reading_time(&lower) {
        return Some("reading time");
    }
    if is_count(&lower) {
        return Some("engagement");
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '|' || c == '·')
        .filter(|w| !w.is_empty())
        .collect();
    if !words.is_empty() && words.len() <= 12 && words.iter().all(|word| NETWORKS.contains(&word.trim_end_matches(',')))
    {
        return Some("sharing");
    }
    None
}

/// `Related stories` and the like: the short lines after it are other stories' headlines.
pub(super) fn related_header(text: &str) -> bool {
    let lower = text.to_lowercase();
    let bare = lower.trim_end_matches([':', ' ']);
    RELATED_HEADERS.contains(&bare) || (bare.starts_with("more from ") && bare.split_whitespace().count() <= 6)
}

/// `Page 2 of 3`, `Seite 2 von 3`, `- 2 -`: a PDF's page header or footer.
fn is_page_number(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    let number = |word: &str| !word.is_empty() && word.len() <= 4 && word.bytes().all(|b| b.is_ascii_digit());
    match words.as_slice() {
        ["page" | "seite" | "página", n] => number(n),
        ["page" | "seite" | "página", n, "of" | "von" | "sur" | "de", m] => number(n) && number(m),
        _ => false,
    }
}

/// `Forums › Maintenance › Outboards`, `Home / News / Local`: the page's place in its site.
fn is_breadcrumb(text: &str) -> bool {
    let separators = [" › ", " » ", " > ", " / "];
    let parts = separators
        .iter()
        .map(|separator| text.matches(separator).count())
        .max()
        .unwrap_or(0);
    parts >= 2 && char_count(text) <= 150 && !ends_sentence(text)
}

/// `5 min read`, `4 minute read`, `Reading time: 4 minutes`.
fn is_reading_time(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.as_slice() {
        [n, unit, "read"] | [n, unit, "read", ..] if words.len() <= 4 => {
            n.bytes().all(|b| b.is_ascii_digit()) && matches!(*unit, "min" | "mins" | "minute" | "minutes")
        }
        [n, "min", "lesezeit"]
        | [n, "min.", "lesezeit"]
        | [n, "min", "de", "lecture"]
        | [n, "min", "de", "lectura"] => n.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    }
}

/// `1.2K`, `34`, `12 responses`, `3 comments`, `128 likes`: engagement counts.
fn is_count(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    let number = |word: &str| {
        let digits = word.trim_end_matches(['k', 'm']);
        !digits.is_empty()
            && digits.len() <= 6
            && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
            && digits.starts_with(|c: char| c.is_ascii_digit())
    };
    match words.as_slice() {
        [n] => number(n),
        [n, what] => {
            number(n)
                && matches!(
                    *what,
                    "responses"
                        | "response"
                        | "comments"
                        | "comment"
                        | "likes"
                        | "like"
                        | "replies"
                        | "reply"
                        | "shares"
                        | "claps"
                        | "views"
                        | "reactions"
                        | "kommentare"
                        | "commentaires"
                        | "comentarios"
                )
        }
        _ => false,
    }
}

/// `HarborFox77`, `sea_dog`: a forum user name (one word, with a digit or `_`, or capitalized).
pub(super) fn is_user_name(text: &str) -> bool {
    (3..=30).contains(&text.len())
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && text.starts_with(char::is_alphanumeric)
}

/// `Posted 3 hours ago`, `2 days ago`, `Edited 5 minutes ago`: a timestamp relative to when the
/// page was copied, which says nothing once pasted.
pub(super) fn is_relative_time(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let Some(ago) = words.iter().position(|&word| word == "ago") else {
        return false;
    };
    let units = [
        "second", "seconds", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days", "week",
        "weeks", "month", "months", "year", "years",
    ];
    words.len() <= 5
        && ago + 1 == words.len()
        && ago >= 2
        && units.contains(&words[ago - 1])
        && (words[ago - 2].bytes().all(|b| b.is_ascii_digit()) || matches!(words[ago - 2], "a" | "an"))
        && words[..ago - 2]
            .iter()
            .all(|word| matches!(*word, "posted" | "edited" | "updated" | "replied"))
}

/// A byline: the authors and, when the line gives one, the date.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Byline {
    pub authors: Vec<String>,
    pub date: Option<String>,
}

/// `By` (or `Written by`, `Von`, `Par`, `Por`...) alone on its line: the name is on the next.
pub(super) fn bare_byline_prefix(text: &str) -> bool {
    let lower = text.to_lowercase();
    BYLINE_PREFIXES
        .iter()
        .any(|prefix| prefix.trim_end() == lower.trim_end_matches(':'))
}

/// `By Jane Smith`, `By Ann Lee and Bob Park | March 3, 2025`, `Posted on March 3, 2025 by Tom
/// Reed`, `Posted by Tom Reed on March 3, 2025`, `Jane Smith · March 3, 2025`.
pub(super) fn byline(text: &str) -> Option<Byline> {
    if char_count(text) > MAX_BYLINE_CHARS {
        return None;
    }
    let lower = text.to_lowercase();
    // `Posted on <date> by <names>`: a date line, then the names.
    if let Some(at) = lower.rfind(" by ") {
        let before = dates::words(&text[..at]);
        if let Some(found) = dates::line(&before) {
            let authors = names(text[at + 4..].trim())?;
            return Some(Byline {
                authors,
                date: Some(found.iso),
            });
        }
    }
    let prefix = BYLINE_PREFIXES.iter().find(|prefix| lower.starts_with(*prefix));
    let rest = match prefix {
        Some(prefix) => text[prefix.len()..].trim(),
        None => text,
    };
    // The names, then perhaps a date: `Name | date`, `Name · date`, `Name, date`, `Name on date`.
    for separator in [" | ", " · ", " • ", " — ", " – ", " on ", ", "] {
        let mut start = 0;
        while let Some(at) = rest[start..].find(separator).map(|at| at + start) {
            let (names_part, date_part) = (rest[..at].trim(), rest[at + separator.len()..].trim());
            if let Some(found) = dates::line(&dates::words(date_part)) {
                return names(names_part).map(|authors| Byline {
                    authors,
                    date: Some(found.iso),
                });
            }
            start = at + separator.len();
        }
    }
    // Without `By`, only a name with a date is a byline.
    prefix?;
    names(rest).map(|authors| Byline { authors, date: None })
}

/// `Jane Smith Avatar`, `Photo of Jane Smith`, `Avatar of Jane Smith`, `Jane Smith's avatar`:
/// the label of an author's picture, and the name in it.
pub(super) fn avatar(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let name = [
        " avatar",
        "’s avatar",
        "'s avatar",
        " profile picture",
        " profile photo",
        " headshot",
    ]
    .iter()
    .find(|suffix| lower.ends_with(*suffix))
    .map(|suffix| &text[..text.len() - suffix.len()])
    .or_else(|| {
        [
            "photo of ",
            "avatar of ",
            "picture of ",
            "profile picture of ",
            "image of ",
            "portrait of ",
        ]
        .iter()
        .find(|prefix| lower.starts_with(*prefix))
        .map(|prefix| &text[prefix.len()..])
    })?;
    let name = name.trim();
    is_name(name).then(|| name.to_owned())
}

/// One or more names: `Ann Lee`, `Ann Lee and Bob Park`, `Ann Lee, Bob Park and Cy Dunn`.
pub(super) fn names(text: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for part in text.split(", ") {
        let mut rest = part;
        while let Some((at, join)) = NAME_JOINS
            .iter()
            .filter_map(|join| rest.find(join).map(|at| (at, join)))
            .min()
        {
            names.push(rest[..at].trim());
            rest = &rest[at + join.len()..];
        }
        names.push(rest.trim());
    }
    names
        .iter()
        .all(|name| is_name(name))
        .then(|| names.into_iter().map(str::to_owned).collect())
}

/// A person's name: one to five words, each capitalized (or a particle such as `van`), with
/// letters, `.`, `-` and apostrophes only: `Jane Smith`, `J. R. Okafor`, `Lucía de la Cruz`.
pub(super) fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && char_count(text) <= 60
        && words.iter().any(|word| word.starts_with(char::is_uppercase))
        && words.iter().all(|word| {
            (word.starts_with(char::is_uppercase) || NAME_PARTICLES.contains(word))
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        })
}

/// `From: Jane Smith <jane@example.com>`, `Subject: …`: an e-mail header field and its value.
pub(super) fn mail_header(text: &str) -> Option<(&'static str, &str)> {
    let (field, value) = text.split_once(':')?;
    let field = match field.to_lowercase().as_str() {
        "from" | "von" | "de" => "from",
        "to" | "an" | "à" | "para" => "to",
        "cc" | "bcc" | "reply-to" => "to",
        "sent" | "date" | "gesendet" | "datum" | "envoyé" | "enviado" | "fecha" => "date",
        "subject" | "betreff" | "objet" | "asunto" => "subject",
        _ => return None,
    };
    Some((field, value.trim()))
}

/// `“We waited long enough,” — Maria Lopez`: the quotation (marks kept) and the attribution.
pub(super) fn quote_with_attribution(text: &str) -> Option<(&str, &str)> {
    if !text.starts_with(['“', '"', '„', '«', '‘']) {
        return None;
    }
    let close = text.rfind(['”', '"', '»', '“', '’'])?;
    let close_end = close + text[close..].chars().next()?.len_utf8();
    let (quote, rest) = (&text[..close_end], text[close_end..].trim_start());
    let attribution = attribution(rest)?;
    (quote.split_whitespace().count() >= 3).then_some((quote, attribution))
}

/// A whole quotation: starts and ends with quotation marks.
pub(super) fn is_quotation(text: &str) -> bool {
    text.starts_with(['“', '"', '„', '«', '‘'])
        && text.trim_end_matches(['.', ',']).ends_with(['”', '"', '»', '“', '’'])
        && text.split_whitespace().count() >= 3
}

/// `— Maria Lopez, council member`: the attribution after a dash.
pub(super) fn attribution(text: &str) -> Option<&str> {
    let rest = ["—", "–", "--", "―"].iter().find_map(|dash| text.strip_prefix(dash))?;
    let name = rest.trim_start_matches(['-', ' ']).trim();
    let first = name.split(", ").next().unwrap_or(name);
    (is_name(first) && char_count(name) <= MAX_BYLINE_CHARS).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debris_lines() {
        for (text, reason) in [
            ("Skip to main content", "navigation"),
            ("Share on Facebook", "sharing"),
            ("Share this:", "sharing"),
            ("Facebook Twitter LinkedIn Email", "sharing"),
            ("Advertisement", "advertisement"),
            ("© 2025 The Daily Example. All rights reserved.", "copyright notice"),
            ("5 min read", "reading time"),
            ("1.2K", "engagement"),
            ("12 responses", "engagement"),
            ("We use cookies to improve your experience.", "cookie notice"),
        ] {
            assert_eq!(debris(text), Some(reason), "{text}");
        }
        for text in [
            "Share prices fell sharply on Monday.",
            "Home is where the harbour is",
            "2025 was a good year",
        ] {
            assert_eq!(debris(text), None, "{text}");
        }
    }

    #[test]
    fn bylines() {
        let byline = |text| byline(text).map(|b| (b.authors, b.date));
        assert_eq!(byline("By Jane Smith"), Some((vec!["Jane Smith".into()], None)));
        assert_eq!(
            byline("By Ann Lee, Bob Park and Cy Dunn"),
            Some((vec!["Ann Lee".into(), "Bob Park".into(), "Cy Dunn".into()], None))
        );
        assert_eq!(
            byline("Posted on March 3, 2025 by Tom Reed"),
            Some((vec!["Tom Reed".into()], Some("2025-03-03".into())))
        );
        assert_eq!(
            byline("Jane Smith · March 3, 2025"),
            Some((vec!["Jane Smith".into()], Some("2025-03-03".into())))
        );
        assert_eq!(byline("Von Anna Müller"), Some((vec!["Anna Müller".into()], None)));
        assert_eq!(byline("By the end of the day, the river had risen."), None);
        assert_eq!(byline("Jane Smith"), None);
    }

    #[test]
    fn avatars_and_quotes() {
        assert_eq!(avatar("Jane Smith Avatar").as_deref(), Some("Jane Smith"));
        assert_eq!(avatar("Photo of Jane Smith").as_deref(), Some("Jane Smith"));
        assert_eq!(avatar("Our new avatar"), None);
        assert_eq!(
            quote_with_attribution("“We have waited long enough,” — Maria Lopez, council member"),
            Some(("“We have waited long enough,”", "Maria Lopez, council member"))
        );
        assert_eq!(quote_with_attribution("“Yes,” she said — and left."), None);
    }
}
