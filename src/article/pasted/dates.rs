//! Dates as pages print them, read to ISO 8601 (`YYYY-MM-DD`): `March 3, 2025`, `Mar. 3, 2025`,
//! `3 March 2025`, `2025-03-03`, `3. März 2025`, `03.03.2025`, `3 mars 2025`, `3 de marzo de 2025`,
//! in English, German, French and Spanish. Slashed dates (`03/04/2025`) are left alone: whether
//! the day or the month comes first cannot be told.

/// Month names and common abbreviations (lowercase, without a final `.`), with their number.
const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("febrero", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("mär", 3),
    ("mars", 3),
    ("marzo", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("décembre", 12),
    ("déc", 12),
    ("dez", 12),
    ("diciembre", 12),
    ("dic", 12),
];

/// Words that may stand around a date on a date line: labels, weekdays, times, time zones and
/// joining words. A line holding a date and only these is a date line.
const DATE_WORDS: &[&str] = &[
    "published",
    "posted",
    "updated",
    "last",
    "modified",
    "on",
    "at",
    "am",
    "pm",
    "a.m",
    "p.m",
    "et",
    "est",
    "edt",
    "pt",
    "pst",
    "pdt",
    "ct",
    "cst",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "uhr",
    "h",
    "le",
    "el",
    "de",
    "à",
    "a",
    "veröffentlicht",
    "aktualisiert",
    "publié",
    "mis",
    "jour",
    "publicado",
    "actualizado",
    "originally",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];

/// A date found in a line: its ISO form and the word positions it spans (`start..end`).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Found {
    pub iso: String,
    pub start: usize,
    pub end: usize,
}

/// The words of a line with the punctuation that dates carry around them trimmed.
pub(super) fn words(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .map(|word| word.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '|' | '·' | '•' | '—' | '–')))
        .filter(|word| !word.is_empty())
        .collect()
}

/// The first date among `words`.
pub(super) fn find(words: &[&str]) -> Option<Found> {
    (0..words.len()).find_map(|i| at(words, i))
}

/// Whether `words` are a date and words that go with dates only (`Published Tuesday, March 3,
/// 2025 at 9:14 a.m. ET`); the date, if so.
pub(super) fn line(words: &[&str]) -> Option<Found> {
    let found = find(words)?;
    let rest = words[..found.start].iter().chain(&words[found.end..]);
    rest.clone().all(|word| is_date_word(word)).then_some(found)
}

fn is_date_word(word: &str) -> bool {
    let lower = word.trim_end_matches([':', '.']).to_lowercase();
    DATE_WORDS.contains(&lower.as_str()) || is_time(&lower) || matches!(lower.as_str(), "" | "-" | "/" | "|")
}

/// `9:14`, `14.30`, `9h30`, `9:14am`.
fn is_time(word: &str) -> bool {
    let word = word.trim_end_matches("am").trim_end_matches("pm");
    let Some(split) = word.find([':', '.', 'h']) else {
        return false;
    };
    let (hours, minutes) = (&word[..split], &word[split + 1..]);
    (1..=2).contains(&hours.len())
        && minutes.len() == 2
        && hours.bytes().all(|b| b.is_ascii_digit())
        && minutes.bytes().all(|b| b.is_ascii_digit())
}

/// A date starting at word `i`.
fn at(words: &[&str], i: usize) -> Option<Found> {
    let word = words[i];
    if let Some(iso) = iso(word).or_else(|| dotted(word)) {
        return Some(Found {
            iso,
            start: i,
            end: i + 1,
        });
    }
    let next = |k: usize| words.get(i + k).copied();
    // March 3, 2025 · Mar. 3rd 2025
    if let (Some(month), Some(day), Some(year)) = (month(word), next(1).and_then(day), next(2).and_then(year)) {
        return Some(Found {
            iso: format_iso(year, month, day)?,
            start: i,
            end: i + 3,
        });
    }
    let day = day(word)?;
    // 3 March 2025 · 3. März 2025 · 1er mars 2025
    if let (Some(month), Some(year)) = (next(1).and_then(month), next(2).and_then(year)) {
        return Some(Found {
            iso: format_iso(year, month, day)?,
            start: i,
            end: i + 3,
        });
    }
    // 3 de marzo de 2025 · 3 de marzo del 2025
    if next(1) == Some("de") && matches!(next(3), Some("de" | "del")) {
        if let (Some(month), Some(year)) = (next(2).and_then(month), next(4).and_then(year)) {
            return Some(Found {
                iso: format_iso(year, month, day)?,
                start: i,
                end: i + 5,
            });
        }
    }
    None
}

fn month(word: &str) -> Option<u8> {
    let lower = word.trim_end_matches(['.', ',']).to_lowercase();
    MONTHS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|&(_, number)| number)
}

/// `3`, `3.`, `3rd`, `1er`, `03`: a day of the month.
fn day(word: &str) -> Option<u8> {
    let word = word.trim_end_matches([',', '.']);
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let day: u8 = digits.parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

fn year(word: &str) -> Option<u16> {
    let word = word.trim_end_matches([',', '.']);
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: u16 = word.parse().ok()?;
    (1900..=2199).contains(&year).then_some(year)
}

/// `2025-03-03`, or the date of `2025-03-03T09:14:00Z`.
fn iso(word: &str) -> Option<String> {
    let date = word.get(..10)?;
    let rest = &word[10..];
    if !(rest.is_empty() || rest.starts_with('T') || rest == ".") {
        return None;
    }
    let mut parts = date.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if month.len() != 2 || day.len() != 2 {
        return None;
    }
    format_iso(self::year(year)?, month.parse().ok()?, self::day(day)?)
}

/// `03.03.2025` (day first, as German writes it).
fn dotted(word: &str) -> Option<String> {
    let mut parts = word.trim_end_matches(',').split('.');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !(1..=2).contains(&month.len()) || !month.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    format_iso(self::year(year)?, month.parse().ok()?, self::day(day)?)
}

fn format_iso(year: u16, month: u8, day: u8) -> Option<String> {
    let days = match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (day <= days).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<String> {
        line(&words(text)).map(|found| found.iso)
    }

    #[test]
    fn reads_dates_in_four_languages() {
        for (text, iso) in [
            ("March 3, 2025", "2025-03-03"),
            ("Mar. 3, 2025", "2025-03-03"),
            ("Tuesday, March 3rd, 2025 at 9:14 a.m. ET", "2025-03-03"),
            ("3 March 2025", "2025-03-03"),
            ("2025-03-03", "2025-03-03"),
            ("Published 2025-03-03T09:14:00Z", "2025-03-03"),
            ("3. März 2025", "2025-03-03"),
            ("03.03.2025, 14:30 Uhr", "2025-03-03"),
            ("Publié le 3 mars 2025 à 9h30", "2025-03-03"),
            ("1er mars 2025", "2025-03-01"),
            ("3 de marzo de 2025", "2025-03-03"),
            ("Posted on 29 February 2024", "2024-02-29"),
        ] {
            assert_eq!(read(text).as_deref(), Some(iso), "{text}");
        }
    }

    #[test]
    fn leaves_other_lines_alone() {
        for text in [
            "03/04/2025",
            "30 February 2025",
            "March 3",
            "The council met on March 3, 2025 to vote.",
            "May the best team win in 2025",
            "3 May",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }

    #[test]
    fn finds_a_date_inside_a_line() {
        let words = words("By Jane Smith | March 3, 2025");
        assert_eq!(
            find(&words),
            Some(Found {
                iso: "2025-03-03".into(),
                start: 3,
                end: 6
            })
        );
    }
}
