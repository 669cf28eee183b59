//! URLs, read as the WHATWG URL standard reads them, in one place: the base URL and resolving
//! against it, a URL's scheme, whether it parses, and its origin.
//!
//! Native builds and the full wasm module parse with the `url` crate (ammonia links it anyway).
//! The core wasm module, which every page downloads first, asks the browser's own `URL`: the same
//! standard, without the crate and its IDNA tables in the download (57 KB brotli). The e2e test
//! "both modules give the same HTML" renders the link corpus with both, in Chromium and Firefox.

use std::borrow::Cow;

/// What the parser makes of a URL without a base.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Parsed<'u> {
    /// An absolute URL, with its scheme (lowercase).
    Absolute { scheme: Cow<'u, str> },
    /// No scheme: it means something only against a base URL.
    Relative,
    /// A scheme, but no URL (`http://[::1`, `http://a:99999/`).
    Invalid,
}

pub(crate) fn parse(text: &str) -> Parsed<'_> {
    // The scheme is read here, not by the parser: the policy's decision is the same in every build.
    match scheme(text) {
        None => Parsed::Relative,
        Some(scheme) if parses(text) => Parsed::Absolute { scheme },
        Some(_) => Parsed::Invalid,
    }
}

/// Whether a URL with a scheme parses (ammonia drops one that does not).
pub(crate) fn parses(text: &str) -> bool {
    backend::parses(text)
}

/// The serialized origin of an absolute http(s) URL (`https://example.com:8080`).
pub(crate) fn http_origin(text: &str) -> Option<String> {
    if !matches!(scheme(text).as_deref(), Some("http" | "https")) {
        return None;
    }
    backend::origin(text)
}

/// Without a scheme, a URL is relative: what the parser reports as "relative URL without a base".
pub(crate) fn is_relative(text: &str) -> bool {
    scheme(text).is_none()
}

/// The scheme the URL parser finds, lowercased: leading and trailing spaces and controls are
/// ignored, and so are tabs and newlines anywhere (`java&#9;script:` is `javascript:`).
pub(crate) fn scheme(url: &str) -> Option<Cow<'_, str>> {
    let url = url.trim_matches(|c: char| c <= ' ');
    let raw = &url[..url.find(':')?];
    let mut chars = raw.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !valid {
        None
    } else if raw
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"+-.".contains(&b))
    {
        Some(Cow::Borrowed(raw))
    } else {
        Some(Cow::Owned(
            raw.chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .map(|c| c.to_ascii_lowercase())
                .collect(),
        ))
    }
}

/// The `baseUrl` option, parsed: an absolute http(s) URL.
#[derive(Clone, Debug)]
pub(crate) struct BaseUrl {
    base: backend::Base,
    origin: String,
}

impl BaseUrl {
    /// `None` unless `text` is an absolute http or https URL.
    pub fn parse(text: &str) -> Option<BaseUrl> {
        if !matches!(scheme(text).as_deref(), Some("http" | "https")) {
            return None;
        }
        let (base, origin) = backend::parse_base(text)?;
        Some(BaseUrl { base, origin })
    }

    /// `url` resolved against the base (as an `<a href>` in a page at the base URL would be).
    pub fn join(&self, url: &str) -> Option<String> {
        backend::join(&self.base, url)
    }

    /// A relative URL resolved; in-page `#` links, and URLs that do not resolve, stay as they are.
    pub fn resolve<'u>(&self, url: &'u str) -> Cow<'u, str> {
        if url.starts_with('#') {
            return Cow::Borrowed(url);
        }
        self.join(url).map_or(Cow::Borrowed(url), Cow::Owned)
    }

    /// The base's origin, serialized (`https://example.com:8080`).
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

/// The `url` crate: native builds, and the full wasm module (which has it for ammonia).
#[cfg(not(all(target_arch = "wasm32", not(feature = "sanitizer"))))]
mod backend {
    pub(crate) type Base = url::Url;

    pub(crate) fn parses(text: &str) -> bool {
        url::Url::parse(text).is_ok()
    }

    /// The serialized origin, if `text` parses.
    pub(crate) fn origin(text: &str) -> Option<String> {
        parse_base(text).map(|(_, origin)| origin)
    }

    pub(crate) fn parse_base(text: &str) -> Option<(Base, String)> {
        let url = url::Url::parse(text).ok()?;
        let origin = url.origin().ascii_serialization();
        Some((url, origin))
    }

    pub(crate) fn join(base: &Base, url: &str) -> Option<String> {
        base.join(url).ok().map(String::from)
    }
}

/// The browser's `URL`: the core wasm module.
#[cfg(all(target_arch = "wasm32", not(feature = "sanitizer")))]
mod backend {
    use web_sys::Url;

    /// The base's serialization (`href`), which `new URL(url, base)` reads back.
    pub(crate) type Base = String;

    pub(crate) fn parses(text: &str) -> bool {
        parsed(text).is_some()
    }

    /// The serialized origin, if `text` parses.
    pub(crate) fn origin(text: &str) -> Option<String> {
        parsed(text).map(|url| url.origin())
    }

    pub(crate) fn parse_base(text: &str) -> Option<(Base, String)> {
        parsed(text).map(|url| (url.href(), url.origin()))
    }

    /// `text` as the browser parses it, refusing what the standard refuses and Chromium reads.
    fn parsed(text: &str) -> Option<Url> {
        let url = Url::new(text).ok()?;
        let special = super::scheme(text).is_some_and(|scheme| is_special(&scheme));
        (!(special && has_forbidden_host_code_point(text, None))).then_some(url)
    }

    pub(crate) fn join(base: &Base, url: &str) -> Option<String> {
        let joined = Url::new_with_base(url, base).ok()?;
        // Bases are http(s) URLs.
        let base_scheme = base.split(':').next();
        if is_special(&scheme(&joined)) && has_forbidden_host_code_point(url, base_scheme) {
            return None;
        }
        Some(joined.href())
    }

    fn is_special(scheme: &str) -> bool {
        matches!(scheme, "http" | "https" | "ws" | "wss" | "ftp" | "file")
    }

    /// A special URL's host that has, literally or `%`-escaped, a code point no host may have
    /// (`http://%5B::1%5D/`, `http://ex ample.com/`): the standard refuses it, as the `url` crate
    /// does, but Chromium reads it. `base_scheme`: the scheme of the base `text` is resolved against.
    fn has_forbidden_host_code_point(text: &str, base_scheme: Option<&str>) -> bool {
        let text: String = text
            .trim_matches(|c: char| c <= ' ')
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        let two_slashes = |text: &str| text.chars().take(2).filter(|&c| c == '/' || c == '\\').count() == 2;
        // Where the host is written, if it is: after the scheme, unless the URL is a path relative
        // to a base of the same scheme (`http:page`); after `//` in a scheme-relative URL.
        let rest = match (super::scheme(&text), text.split_once(':')) {
            (Some(scheme), Some((_, rest))) if base_scheme != Some(&*scheme) || two_slashes(rest) => rest,
            (Some(_), _) => return false,
            (None, _) if two_slashes(&text) => &text,
            (None, _) => return false,
        };
        let authority = rest.trim_start_matches(['/', '\\']);
        let authority = &authority[..authority.find(['/', '\\', '?', '#']).unwrap_or(authority.len())];
        let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
        if host.starts_with('[') {
            return false;
        }
        let host = host.split(':').next().unwrap_or_default().as_bytes();
        let forbidden = |byte: u8| byte <= b' ' || byte == 0x7F || b"#%/:<>?@[\\]^|".contains(&byte);
        let hex = |byte: Option<&u8>| byte.and_then(|&b| (b as char).to_digit(16));
        let mut i = 0;
        while i < host.len() {
            let byte = match (host[i], hex(host.get(i + 1)), hex(host.get(i + 2))) {
                (b'%', Some(high), Some(low)) => {
                    i += 2;
                    (high * 16 + low) as u8
                }
                (byte, _, _) => byte,
            };
            if forbidden(byte) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// `protocol` is the scheme with its colon.
    fn scheme(url: &Url) -> String {
        let mut protocol = url.protocol();
        protocol.pop();
        protocol
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_as_the_url_parser_reads_them() {
        assert_eq!(scheme("javascript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(scheme(" \u{1}JavaScript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("java\tscr\nipt:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("/a:b"), None);
        assert_eq!(scheme("1a:b"), None);
        assert_eq!(scheme("page.html"), None);
        assert_eq!(scheme(":x"), None);
    }

    #[test]
    fn relative_exactly_when_the_url_crate_wants_a_base() {
        for text in [
            "page.html",
            "/a:b",
            ":x",
            "1a:b",
            "//host/x",
            "?q",
            "#f",
            "",
            " ",
            "a b:c",
            "java\tscript:x",
            " \u{1}http://x/",
            "mailto:a@b",
            "http://[::1",
            "http:x",
            "a:",
            "\\\\host\\x",
        ] {
            assert_eq!(
                is_relative(text),
                url::Url::parse(text) == Err(url::ParseError::RelativeUrlWithoutBase),
                "{text:?}"
            );
        }
    }

    #[test]
    fn parsed() {
        assert_eq!(parse("../x.png"), Parsed::Relative);
        assert_eq!(parse("http://a:99999/"), Parsed::Invalid);
        assert_eq!(
            parse("HTTPS://Example.COM:443/a"),
            Parsed::Absolute { scheme: "https".into() }
        );
        assert_eq!(
            parse("mailto:a@b"),
            Parsed::Absolute {
                scheme: "mailto".into()
            }
        );
        assert_eq!(
            http_origin("HTTPS://Example.COM:443/a").as_deref(),
            Some("https://example.com")
        );
        assert_eq!(http_origin("mailto:a@b"), None);
        assert_eq!(http_origin("http://a:99999/"), None);
    }

    #[test]
    fn base_urls() {
        assert!(BaseUrl::parse("ftp://example.com/").is_none());
        assert!(BaseUrl::parse("/relative/").is_none());
        let base = BaseUrl::parse("https://example.com:8080/blog/post.html").unwrap();
        assert_eq!(base.origin(), "https://example.com:8080");
        assert_eq!(base.resolve("img/a.png"), "https://example.com:8080/blog/img/a.png");
        assert_eq!(base.resolve("#notes"), "#notes");
        assert_eq!(base.resolve("//cdn.example/x"), "https://cdn.example/x");
        assert_eq!(
            base.resolve("http://[::1"),
            "http://[::1",
            "what does not resolve stays"
        );
    }
}
