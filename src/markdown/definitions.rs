//! Link reference definitions carried from one part of a text to the next (a stream renders its
//! blocks in parts): a reference the part does not define itself is looked up here, as the parser
//! would look it up in the whole text, through its broken-link callback.

use std::collections::HashMap;

use pulldown_cmark::{BrokenLink, CowStr, RefDefs};
use unicase::UniCase;

#[derive(Debug, Clone, Default)]
pub(crate) struct Definitions(HashMap<UniCase<String>, (String, String)>);

impl Definitions {
    /// Adds a part's definitions; as in one text, a label's first definition wins.
    pub fn add(&mut self, definitions: &RefDefs<'_>) {
        for (label, definition) in definitions.iter() {
            self.0.entry(UniCase::new(label.to_owned())).or_insert_with(|| {
                let title = definition.title.as_deref().unwrap_or("");
                (definition.dest.to_string(), title.to_owned())
            });
        }
    }

    /// The destination and title of a reference the parser found no definition for. The label
    /// comes normalized as the parser's own keys (whitespace collapsed), compared case-folded.
    pub fn resolve<'a>(&self, link: BrokenLink<'_>) -> Option<(CowStr<'a>, CowStr<'a>)> {
        let (dest, title) = self.0.get(&UniCase::new(link.reference.to_string()))?;
        Some((CowStr::from(dest.clone()), CowStr::from(title.clone())))
    }
}
