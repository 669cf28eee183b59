//! HTML's categories of elements, each written once (the HTML standard's lists), for every model
//! of the parser and serializer here: the tokenizer's text-only elements, the nesting bound's
//! tree builder, the fixed point's settler, the removed report and the fast path's element flags.

use crate::html::tokenizer::TextOnly;

/// Elements the serializer writes without content or end tag.
pub(crate) const fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"basefont"
            | b"bgsound"
            | b"br"
            | b"col"
            | b"embed"
            | b"frame"
            | b"hr"
            | b"img"
            | b"input"
            | b"keygen"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// The tree builder's "special" category: where the search for an open list item, or the
/// closing of formatting elements, stops.
pub(crate) const fn is_special(name: &[u8]) -> bool {
    matches!(
        name,
        b"address"
            | b"applet"
            | b"area"
            | b"article"
            | b"aside"
            | b"base"
            | b"basefont"
            | b"bgsound"
            | b"blockquote"
            | b"body"
            | b"br"
            | b"button"
            | b"caption"
            | b"center"
            | b"col"
            | b"colgroup"
            | b"dd"
            | b"details"
            | b"dir"
            | b"div"
            | b"dl"
            | b"dt"
            | b"embed"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"frame"
            | b"frameset"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"head"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"html"
            | b"iframe"
            | b"img"
            | b"input"
            | b"isindex"
            | b"li"
            | b"link"
            | b"listing"
            | b"main"
            | b"marquee"
            | b"menu"
            | b"meta"
            | b"nav"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"object"
            | b"ol"
            | b"p"
            | b"param"
            | b"plaintext"
            | b"pre"
            | b"script"
            | b"section"
            | b"select"
            | b"source"
            | b"style"
            | b"summary"
            | b"table"
            | b"tbody"
            | b"td"
            | b"template"
            | b"textarea"
            | b"tfoot"
            | b"th"
            | b"thead"
            | b"title"
            | b"tr"
            | b"track"
            | b"ul"
            | b"wbr"
            | b"xmp"
    )
}

/// `h1` to `h6`.
#[cfg_attr(not(feature = "sanitizer"), allow(dead_code))] // the exact tree model's
pub(crate) const fn is_heading(name: &[u8]) -> bool {
    matches!(name, b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6")
}

/// The tree builder's plain blocks ("in body"): their start tag closes an open `<p>` and is
/// inserted, nothing more.
#[inline(always)]
#[cfg_attr(not(feature = "sanitizer"), allow(dead_code))] // the exact tree model's
pub(crate) const fn is_block(name: &[u8]) -> bool {
    // Inlined, and by length first: the tree model asks for most start and end tags.
    matches!(
        (name.len(), name),
        (1, b"p")
            | (2, b"dl" | b"ol" | b"ul")
            | (3, b"dir" | b"div" | b"nav")
            | (4, b"main" | b"menu")
            | (5, b"aside")
            | (
                6,
                b"center" | b"dialog" | b"figure" | b"footer" | b"header" | b"hgroup" | b"search"
            )
            | (7, b"address" | b"article" | b"details" | b"section" | b"summary")
            | (8, b"fieldset")
            | (10, b"blockquote" | b"figcaption")
    )
}

/// The elements that "generate implied end tags" closes.
pub(crate) const fn has_implied_end(name: &[u8]) -> bool {
    matches!(
        name,
        b"dd" | b"dt" | b"li" | b"option" | b"optgroup" | b"p" | b"rb" | b"rp" | b"rt" | b"rtc"
    )
}

/// The text-only content a start tag switches the tokenizer to, as the tree builder reads it in
/// HTML content (with scripting enabled, as ammonia parses).
pub(crate) const fn text_only(name: &[u8]) -> Option<TextOnly> {
    Some(match name {
        b"title" | b"textarea" => TextOnly::Rcdata,
        b"iframe" | b"noembed" | b"noframes" | b"noscript" | b"style" | b"xmp" => TextOnly::Rawtext,
        b"script" => TextOnly::ScriptData,
        b"plaintext" => TextOnly::Plaintext,
        _ => return None,
    })
}

/// A name of 1 to 16 bytes as a number that orders as the name does (its bytes, ASCII-lowercased
/// as the parser reads names, big-endian, zero padded): tables of names are searched by integers.
pub(crate) const fn name_key(name: &[u8]) -> Option<u128> {
    if name.is_empty() || name.len() > 16 {
        return None;
    }
    let mut key = 0u128;
    let mut i = 0;
    while i < name.len() {
        key = (key << 8) | name[i].to_ascii_lowercase() as u128;
        i += 1;
    }
    Some(key << (8 * (16 - name.len())))
}
