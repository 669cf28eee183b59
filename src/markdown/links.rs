//! Link and image destinations: in-page `#fragment` links follow the id prefix, relative URLs
//! resolve against `baseUrl`, external links may open in a new tab, and every destination is
//! recorded for `Article.links` / `Article.images`.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use crate::html::markup::Node;
use crate::html::writer::href_value;
use crate::urls::{self, BaseUrl};

pub(crate) struct Links<'a, I> {
    nodes: I,
    id_prefix: &'a str,
    base: Option<&'a BaseUrl>,
    new_tab: bool,
    /// Per open link: whether we wrote its start tag ourselves (and so its end tag too).
    open: Vec<bool>,
    pub links: Vec<String>,
    pub images: Vec<String>,
}

impl<'a, I: Iterator<Item = Node<'a>>> Links<'a, I> {
    pub fn new(nodes: I, id_prefix: &'a str, base: Option<&'a BaseUrl>, new_tab: bool) -> Self {
        Links {
            nodes,
            id_prefix,
            base,
            new_tab,
            open: Vec::new(),
            links: Vec::new(),
            images: Vec::new(),
        }
    }

    /// The links and images met, once the events are consumed (ending the adapter and its borrows).
    pub fn into_found(self) -> (Vec<String>, Vec<String>) {
        (self.links, self.images)
    }

    fn resolve(&self, dest: CowStr<'a>) -> CowStr<'a> {
        if let Some(name) = dest.strip_prefix('#') {
            if name.is_empty() || self.id_prefix.is_empty() || name.starts_with(self.id_prefix) {
                return dest;
            }
            return CowStr::from(format!("#{}{name}", self.id_prefix));
        }
        match self.base {
            Some(base) if !has_scheme(&dest) => match base.join(&dest) {
                Some(url) => CowStr::from(url),
                None => dest,
            },
            _ => dest,
        }
    }

    /// Another origin than the base URL's (or any absolute http(s) link when there is no base).
    fn is_external(&self, dest: &str) -> bool {
        let Some(origin) = urls::http_origin(dest) else {
            return false;
        };
        self.base.is_none_or(|base| base.origin() != origin)
    }
}

/// `scheme:` at the start, as RFC 3986 spells a scheme.
fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

impl<'a, I: Iterator<Item = Node<'a>>> Iterator for Links<'a, I> {
    type Item = Node<'a>;

    fn next(&mut self) -> Option<Node<'a>> {
        let event = match self.nodes.next()? {
            Node::Event(event) => event,
            node => return Some(node),
        };
        Some(Node::Event(match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                // An e-mail address is no path: the writer adds `mailto:` to it as it is.
                let dest_url = if link_type == LinkType::Email {
                    dest_url
                } else {
                    self.resolve(dest_url)
                };
                self.links.push(dest_url.to_string());
                let new_tab = self.new_tab && self.is_external(&dest_url);
                self.open.push(new_tab);
                if new_tab {
                    let mut attributes = vec![("href", Cow::Owned(href_value(&dest_url).into_owned()))];
                    if !title.is_empty() {
                        attributes.push(("title", Cow::Owned(title.to_string())));
                    }
                    attributes.push(("target", Cow::Borrowed("_blank")));
                    return Some(Node::Start("a", attributes));
                } else {
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                }
            }
            Event::End(TagEnd::Link) => match self.open.pop() {
                Some(true) => return Some(Node::End("a")),
                _ => Event::End(TagEnd::Link),
            },
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.resolve(dest_url);
                self.images.push(dest_url.to_string());
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            event => event,
        }))
    }
}
