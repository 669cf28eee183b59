//! HTML's named character references written with their `;` (`&middot;`), for raw HTML.
//!
//! Builds with the sanitizer read html5ever's table, which ammonia's parser has anyway. The core
//! wasm module asks pulldown-cmark, whose table (CommonMark's: HTML's names with their `;`) every
//! build has: html5ever's would add 70 KB brotli to the first download. That is all the core
//! needs, since it renders only raw HTML whose references the fast path decodes; anything else
//! goes to the full module. A test holds the two tables equal.

/// The one or two characters `name` (with its `;`) stands for.
pub(crate) fn with_semicolon(name: &str) -> Option<(char, Option<char>)> {
    if !name.ends_with(';') {
        return None;
    }
    if cfg!(feature = "sanitizer") {
        from_html5ever(name)
    } else {
        from_pulldown_cmark(name)
    }
}

fn from_html5ever(name: &str) -> Option<(char, Option<char>)> {
    let &(first, second) = html5ever::data::NAMED_ENTITIES.get(name)?;
    let first = char::from_u32(first).filter(|_| first != 0)?;
    Some((first, char::from_u32(second).filter(|_| second != 0)))
}

/// pulldown-cmark decodes a reference in Markdown text: `&name;` alone is a paragraph of it.
fn from_pulldown_cmark(name: &str) -> Option<(char, Option<char>)> {
    if !name[..name.len() - 1].bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let written = format!("&{name}");
    let mut text = String::new();
    for event in pulldown_cmark::Parser::new(&written) {
        if let pulldown_cmark::Event::Text(part) = event {
            text.push_str(&part);
        }
    }
    let mut chars = text.chars();
    match (chars.next(), chars.next(), chars.next()) {
        _ if text == written => None,
        (Some(first), second, None) => Some((first, second)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pulldown_cmark_knows_every_name_html5ever_knows_with_its_semicolon() {
        let mut names = 0;
        for (name, _) in html5ever::data::NAMED_ENTITIES.entries() {
            if name.ends_with(';') {
                names += 1;
                assert_eq!(from_pulldown_cmark(name), from_html5ever(name), "{name}");
            }
        }
        assert!(names > 2000, "{names}");
        assert_eq!(from_pulldown_cmark("nosuchname;"), None);
        assert_eq!(from_pulldown_cmark("amp"), None);
    }
}
