//! Where the HTML tree builder puts a start tag: one model of its "in body" and table insertion
//! modes, for every element the policy allows and a few more (a test checks), worked out per open
//! element so that no check walks the stack (raw HTML can nest deep).
//!
//! The writer and the fast path ask it whether a tag nests where it stands, closing, moving and
//! reopening nothing (where not, ammonia has the last word); `settle` asks it whether ammonia's
//! output parses back into the tree it spells out; in the core module the nesting bound follows
//! raw HTML's stack with it ([`Nesting`]). What the model does not know never fits.

use crate::html::depth::Model;
use crate::html::tags;
use crate::html::tokenizer::TextOnly;
use crate::html::tree::{name_of_bytes, Name, StartTag};

/// The tree builder's current node: the element tags and text are inserted into, with what the
/// stack of open elements below it holds.
#[derive(Clone, Copy)]
pub(crate) struct Current {
    element: Element,
    scope: Scope,
}

/// The current node before any tag: ammonia parses a fragment in a `<div>`.
pub(crate) const ROOT: Current = Current {
    element: DIV,
    scope: Scope {
        p: false,
        a: false,
        ruby: false,
        li: false,
        dd_dt: false,
    },
};

impl Current {
    /// Whether the tree builder inserts a start tag for `child` as a child of this node, closing
    /// nothing and reopening nothing.
    pub(crate) fn fits(self, child: Element) -> bool {
        if let Some(table) = self.element.table {
            return child.is(table.child_flag());
        }
        let scope = self.scope;
        // What a ruby's implied end tags would close (for `<rp>` and `<rt>`, all but an `<rtc>`).
        let implied = |rtc: bool| scope.ruby && self.element.is(IMPLIED_END) && (rtc || !self.element.is(RTC));
        match child.insertion {
            Insertion::Inline => true,
            Insertion::Block => !scope.p,
            Insertion::Heading => !scope.p && self.element.insertion != Insertion::Heading,
            Insertion::ListItem => !scope.li && !scope.p,
            Insertion::DefinitionItem => !scope.dd_dt && !scope.p,
            Insertion::TablePart => false,
            Insertion::Link => !scope.a,
            Insertion::RubyText => !implied(false),
            Insertion::RubyContainer => !implied(true),
        }
    }

    /// The current node once `child` is inserted here.
    pub(crate) fn inside(self, child: Element) -> Current {
        Current {
            element: child,
            scope: self.scope.inside(child),
        }
    }

    /// Whether text other than whitespace here is moved in front of the table ("foster
    /// parenting").
    pub(crate) fn fosters_text(self) -> bool {
        self.element.table.is_some()
    }
}

/// What the tree builder ("in body") does with an element's start tag, for those the model knows,
/// and what the checks ask of it as an open element, worked out once (at compile time where the
/// name is known then) instead of by string comparisons per tag.
#[derive(Clone, Copy)]
pub(crate) struct Element {
    insertion: Insertion,
    /// A table context takes only its table parts as children, and whitespace.
    table: Option<TableContext>,
    flags: u16,
}

// What an element is, for the checks (`Element::flags`).
/// A scope marker: `<td>`, `<th>`, `<caption>`.
const MARKER: u16 = 1;
/// A boundary of the scopes the model follows: a marker or `<table>`.
const BOUNDARY: u16 = 1 << 1;
/// Ends the search for an open `<li>`, `<dd>` or `<dt>`: special, but not `address`, `div`, `p`.
const ENDS_ITEM_SEARCH: u16 = 1 << 2;
const P: u16 = 1 << 3;
const RUBY: u16 = 1 << 4;
const RTC: u16 = 1 << 5;
/// Closed by "generate implied end tags".
const IMPLIED_END: u16 = 1 << 6;
/// A child each table context takes.
const TABLE_CHILD: u16 = 1 << 7;
const SECTION_CHILD: u16 = 1 << 8;
const ROW_CHILD: u16 = 1 << 9;
const COLUMN_GROUP_CHILD: u16 = 1 << 10;

impl Element {
    fn is(self, flag: u16) -> bool {
        self.flags & flag != 0
    }
}

/// The elements in which the tree builder's table insertion modes apply.
#[derive(Clone, Copy)]
enum TableContext {
    Table,
    Section,
    Row,
    ColumnGroup,
}

impl TableContext {
    /// The flag of the children it takes.
    fn child_flag(self) -> u16 {
        match self {
            TableContext::Table => TABLE_CHILD,
            TableContext::Section => SECTION_CHILD,
            TableContext::Row => ROW_CHILD,
            TableContext::ColumnGroup => COLUMN_GROUP_CHILD,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Insertion {
    /// Where it stands (phrasing and formatting elements, void ones included).
    Inline,
    /// After closing an open `<p>`.
    Block,
    /// After closing an open `<p>` and a heading that is the current node.
    Heading,
    /// After closing an open `<li>` (or `<dd>`/`<dt>`) of the same list, and an open `<p>`.
    ListItem,
    DefinitionItem,
    /// Only directly in its table context.
    TablePart,
    /// After closing an open link (the adoption agency).
    Link,
    /// After closing what a ruby's implied end tags close.
    RubyText,
    RubyContainer,
}

/// The model's elements, sorted by name (checked as the table is built), with where the tree
/// builder inserts each and the table context it opens: every one the policy allows (a test
/// checks), and a few more.
const MODEL: [(&str, Insertion, Option<TableContext>); 88] = {
    use Insertion::*;
    use TableContext::*;
    [
        ("a", Link, None),
        ("abbr", Inline, None),
        ("acronym", Inline, None),
        ("address", Block, None),
        ("area", Inline, None),
        ("article", Block, None),
        ("aside", Block, None),
        ("b", Inline, None),
        ("bdi", Inline, None),
        ("bdo", Inline, None),
        ("big", Inline, None),
        ("blockquote", Block, None),
        ("br", Inline, None),
        ("caption", TablePart, None),
        ("center", Block, None),
        ("cite", Inline, None),
        ("code", Inline, None),
        ("col", TablePart, None),
        ("colgroup", TablePart, Some(ColumnGroup)),
        ("data", Inline, None),
        ("dd", DefinitionItem, None),
        ("del", Inline, None),
        ("details", Block, None),
        ("dfn", Inline, None),
        ("dialog", Block, None),
        ("dir", Block, None),
        ("div", Block, None),
        ("dl", Block, None),
        ("dt", DefinitionItem, None),
        ("em", Inline, None),
        ("fieldset", Block, None),
        ("figcaption", Block, None),
        ("figure", Block, None),
        ("font", Inline, None),
        ("footer", Block, None),
        ("h1", Heading, None),
        ("h2", Heading, None),
        ("h3", Heading, None),
        ("h4", Heading, None),
        ("h5", Heading, None),
        ("h6", Heading, None),
        ("header", Block, None),
        ("hgroup", Block, None),
        ("hr", Block, None),
        ("i", Inline, None),
        ("img", Inline, None),
        ("input", Inline, None),
        ("ins", Inline, None),
        ("kbd", Inline, None),
        ("li", ListItem, None),
        ("main", Block, None),
        ("map", Inline, None),
        ("mark", Inline, None),
        ("menu", Block, None),
        ("nav", Block, None),
        ("ol", Block, None),
        ("p", Block, None),
        ("pre", Block, None),
        ("q", Inline, None),
        ("rb", RubyContainer, None),
        ("rp", RubyText, None),
        ("rt", RubyText, None),
        ("rtc", RubyContainer, None),
        ("ruby", Inline, None),
        ("s", Inline, None),
        ("samp", Inline, None),
        ("search", Block, None),
        ("section", Block, None),
        ("small", Inline, None),
        ("span", Inline, None),
        ("strike", Inline, None),
        ("strong", Inline, None),
        ("sub", Inline, None),
        ("summary", Block, None),
        ("sup", Inline, None),
        ("table", Block, Some(Table)),
        ("tbody", TablePart, Some(Section)),
        ("td", TablePart, None),
        ("tfoot", TablePart, Some(Section)),
        ("th", TablePart, None),
        ("thead", TablePart, Some(Section)),
        ("time", Inline, None),
        ("tr", TablePart, Some(Row)),
        ("tt", Inline, None),
        ("u", Inline, None),
        ("ul", Block, None),
        ("var", Inline, None),
        ("wbr", Inline, None),
    ]
};

/// [`MODEL`]'s names as numbers that order as they do ([`tags::name_key`]), for a binary search.
const KEYS: [u128; MODEL.len()] = {
    let mut keys = [0; MODEL.len()];
    let mut i = 0;
    while i < MODEL.len() {
        keys[i] = match tags::name_key(MODEL[i].0.as_bytes()) {
            Some(key) => key,
            None => panic!("a tag name has 1 to 16 bytes"),
        };
        if i > 0 && keys[i] <= keys[i - 1] {
            panic!("MODEL is sorted by name, each name once");
        }
        i += 1;
    }
    keys
};

/// [`MODEL`]'s elements with their flags, worked out at compile time.
const ELEMENTS: [Element; MODEL.len()] = {
    let mut elements = [Element {
        insertion: Insertion::Inline,
        table: None,
        flags: 0,
    }; MODEL.len()];
    let mut i = 0;
    while i < MODEL.len() {
        let (name, insertion, table) = MODEL[i];
        elements[i] = Element {
            insertion,
            table,
            flags: flags(name.as_bytes()),
        };
        i += 1;
    }
    elements
};

/// The model's element `name`, if it has it.
pub(crate) const fn element(name: &[u8]) -> Option<Element> {
    let Some(key) = tags::name_key(name) else {
        return None;
    };
    // `binary_search` by hand: it runs at compile time too.
    let (mut low, mut high) = (0, KEYS.len());
    while low < high {
        let middle = (low + high) / 2;
        if KEYS[middle] < key {
            low = middle + 1;
        } else if KEYS[middle] > key {
            high = middle;
        } else {
            return Some(ELEMENTS[middle]);
        }
    }
    None
}

/// An element the model has, by name, for the constants below.
const fn known(name: &[u8]) -> Element {
    match element(name) {
        Some(element) => element,
        None => panic!("not in MODEL"),
    }
}

const DIV: Element = known(b"div");
/// What a text-only element (`script`, `textarea`…) is to the model: it opens no scope.
const SPAN: Element = known(b"span");
const TBODY: Element = known(b"tbody");

/// What the checks ask of an element as an open one.
const fn flags(name: &[u8]) -> u16 {
    let marker = matches!(name, b"td" | b"th" | b"caption");
    flag_if(marker, MARKER)
        | flag_if(marker || matches!(name, b"table"), BOUNDARY)
        | flag_if(
            tags::is_special(name) && !matches!(name, b"address" | b"div" | b"p"),
            ENDS_ITEM_SEARCH,
        )
        | flag_if(matches!(name, b"p"), P)
        | flag_if(matches!(name, b"ruby"), RUBY)
        | flag_if(matches!(name, b"rtc"), RTC)
        | flag_if(tags::has_implied_end(name), IMPLIED_END)
        | flag_if(
            matches!(name, b"caption" | b"colgroup" | b"tbody" | b"thead" | b"tfoot"),
            TABLE_CHILD,
        )
        | flag_if(matches!(name, b"tr"), SECTION_CHILD)
        | flag_if(matches!(name, b"td" | b"th"), ROW_CHILD)
        | flag_if(matches!(name, b"col"), COLUMN_GROUP_CHILD)
}

const fn flag_if(condition: bool, flag: u16) -> u16 {
    if condition {
        flag
    } else {
        0
    }
}

/// What the tree builder finds on its stack of open elements, from the current node down; kept per
/// element, so that no check walks the stack (raw HTML can nest deep).
#[derive(Clone, Copy)]
struct Scope {
    /// A `<p>` in button scope: a block start tag would close it.
    p: bool,
    /// An `<a>` after the last marker (`<td>`, `<th>`, `<caption>`): another `<a>` would run the
    /// adoption agency.
    a: bool,
    /// A `<ruby>` in scope: `<rp>`, `<rt>` and `<rtc>` would generate implied end tags.
    ruby: bool,
    /// An `<li>` the search for one would find: a new `<li>` would close it; `dd_dt` the same for
    /// `<dd>` and `<dt>`.
    li: bool,
    dd_dt: bool,
}

impl Scope {
    fn inside(self, child: Element) -> Scope {
        let boundary = child.is(BOUNDARY);
        let search_ends = child.is(ENDS_ITEM_SEARCH);
        Scope {
            p: child.is(P) || (self.p && !boundary),
            a: child.insertion == Insertion::Link || (self.a && !child.is(MARKER)),
            ruby: child.is(RUBY) || (self.ruby && !boundary),
            li: child.insertion == Insertion::ListItem || (self.li && !search_ends),
            dd_dt: child.insertion == Insertion::DefinitionItem || (self.dd_dt && !search_ends),
        }
    }
}

/// The stack of open elements for raw HTML that nests as it is written: the nesting bound's model
/// in the core wasm module, which has no sanitizer and so renders raw HTML only where the fast
/// path takes it, that is, where every tag fits (the full module follows html5ever's tree builder
/// exactly, `html::tree`). Where a tag does not fit, or the model does not know it, it is
/// `unmodeled` from there on: the render then needs the sanitizer (the full module), so no
/// document the core renders differs from the full module's rendering of it.
#[derive(Default)]
#[cfg_attr(feature = "sanitizer", allow(dead_code))] // the core module's (and the tests')
pub(crate) struct Nesting {
    stack: Vec<(Name, Current, Opened)>,
    /// The element open is text-only (its end tag is all the tokenizer gives).
    in_text: bool,
    unmodeled: bool,
}

/// How an element on [`Nesting`]'s stack came there.
#[derive(Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "sanitizer", allow(dead_code))]
enum Opened {
    Tag,
    /// The `tbody` the tree builder puts between a table and a row.
    ImpliedBody,
}

#[cfg_attr(feature = "sanitizer", allow(dead_code))]
impl Nesting {
    fn current(&self) -> Current {
        self.stack.last().map_or(ROOT, |(_, current, _)| *current)
    }

    fn push(&mut self, name: Name, element: Element, opened: Opened) {
        let inside = self.current().inside(element);
        self.stack.push((name, inside, opened));
    }
}

/// HTML content only: SVG and MathML are not modeled.
impl Model for Nesting {
    fn in_text(&self) -> bool {
        self.in_text
    }

    fn load(&self) -> usize {
        self.stack.len()
    }

    fn foreign_on_stack(&self) -> bool {
        false
    }

    fn html_rules_for_start(&self, _: &str) -> bool {
        true
    }

    fn allow_cdata(&self) -> bool {
        false
    }

    fn unmodeled(&self) -> bool {
        self.unmodeled
    }

    /// A start tag; returns the tokenizer state it switches to, if any.
    fn start_tag(&mut self, tag: &StartTag<'_>) -> Option<TextOnly> {
        let name = tag.name.as_bytes();
        let text_only = tags::text_only(name);
        if self.unmodeled {
            return text_only;
        }
        if let Some(text_only) = text_only {
            // Read by the "in head" rules where they stand (script, style) or inserted where they
            // stand (the others, but in a table); `xmp` and `plaintext` close an open `<p>`.
            let fits = match name {
                b"script" | b"style" => true,
                b"xmp" | b"plaintext" => false,
                _ => !self.current().fosters_text(),
            };
            if fits {
                self.push(tag.atom.clone(), SPAN, Opened::Tag);
                self.in_text = true;
            } else {
                self.unmodeled = true;
            }
            return Some(text_only);
        }
        let Some(child) = element(name) else {
            self.unmodeled = true;
            return None;
        };
        let current = self.current();
        if name == b"tr" && matches!(current.element.table, Some(TableContext::Table)) {
            // "In table": a row opens the body it belongs in first.
            self.push(name_of_bytes(b"tbody"), TBODY, Opened::ImpliedBody);
        } else if !current.fits(child) {
            self.unmodeled = true;
            return None;
        }
        if !tags::is_void(name) {
            self.push(tag.atom.clone(), child, Opened::Tag);
        }
        None
    }

    fn end_tag(&mut self, name: &str) {
        if self.in_text {
            self.in_text = false;
            self.stack.pop();
            return;
        }
        if self.unmodeled {
            return;
        }
        // The body a row opened closes with its table.
        if self
            .stack
            .last()
            .is_some_and(|(_, _, opened)| *opened == Opened::ImpliedBody)
            && name == "table"
        {
            self.stack.pop();
        }
        match self.stack.last() {
            Some((open, _, _)) if open.bytes() == name.as_bytes() => {
                self.stack.pop();
            }
            _ => self.unmodeled = true,
        }
    }

    /// Text: where it would be moved out of a table, the stack is not what it models.
    fn characters(&mut self, visible: bool) {
        if visible && !self.in_text && self.current().fosters_text() {
            self.unmodeled = true;
        }
    }
}
