//! Reading options from an object, the CLI's JSON (`Options::from_json`) or a JS object (the wasm
//! edge converts it): one table of keys, so that every face reads, checks and explains alike.
//! (serde's derive would do the reading, but its visitor, error paths and float formatting would
//! add 14 KB brotli to the core wasm module.)

use super::{Options, PastedText, Preset, RawHtml, SWITCHES};
use crate::Error;

/// An option's value as JSON has it, from either side. No option takes a list of lists or an
/// object, so those are kept as their kind only.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum OptionValue {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<OptionValue>),
    Object,
}

impl OptionValue {
    /// The value in a message: `the string "yes"`, `the number 3`, `a list`.
    fn describe(&self) -> String {
        match self {
            OptionValue::Null => "null".to_owned(),
            OptionValue::Bool(b) => b.to_string(),
            // Only whole numbers are written out: formatting any float would cost the wasm more.
            OptionValue::Number(n) => match whole(*n) {
                Some(n) => format!("the number {n}"),
                None => "a fractional number".to_owned(),
            },
            OptionValue::String(s) => format!("the string {s:?}"),
            OptionValue::List(_) => "a list".to_owned(),
            OptionValue::Object => "an object".to_owned(),
        }
    }
}

/// `n` if it is a whole number that an `i64` holds exactly.
fn whole(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0).then_some(n as i64)
}

/// Where a value was wrong: the value itself, or the list item at this index.
type Wrong = Option<usize>;

/// One option: its camelCase name, what it takes (for messages), and how it is set.
struct Key {
    name: &'static str,
    takes: &'static str,
    set: fn(&mut Options, &OptionValue) -> Result<(), Wrong>,
}

const SWITCH: &str = "true, false or null (as the preset says)";

/// A preset's feature switch: `null` leaves it to the preset.
fn switch(value: &OptionValue) -> Result<Option<bool>, Wrong> {
    match value {
        OptionValue::Null => Ok(None),
        OptionValue::Bool(b) => Ok(Some(*b)),
        _ => Err(None),
    }
}

fn flag(value: &OptionValue) -> Result<bool, Wrong> {
    match value {
        OptionValue::Bool(b) => Ok(*b),
        _ => Err(None),
    }
}

fn text(value: &OptionValue) -> Result<String, Wrong> {
    match value {
        OptionValue::String(s) => Ok(s.clone()),
        _ => Err(None),
    }
}

fn texts(value: &OptionValue) -> Result<Vec<String>, Wrong> {
    let OptionValue::List(items) = value else {
        return Err(None);
    };
    let item = |(i, item): (usize, &OptionValue)| match item {
        OptionValue::String(s) => Ok(s.clone()),
        _ => Err(Some(i)),
    };
    items.iter().enumerate().map(item).collect()
}

fn count<T: TryFrom<i64>>(value: &OptionValue) -> Result<T, Wrong> {
    match value {
        OptionValue::Number(n) => whole(*n).and_then(|n| T::try_from(n).ok()).ok_or(None),
        _ => Err(None),
    }
}

fn choice<T: Copy>(value: &OptionValue, names: &[(&str, T)]) -> Result<T, Wrong> {
    match value {
        OptionValue::String(s) => names.iter().find(|(name, _)| name == s).map(|&(_, v)| v).ok_or(None),
        _ => Err(None),
    }
}

const PRESETS: [(&str, Preset); 3] = [
    ("article", Preset::Article),
    ("gfm", Preset::Gfm),
    ("commonmark", Preset::Commonmark),
];
const RAW_HTML: [(&str, RawHtml); 4] = [
    ("sanitize", RawHtml::Sanitize),
    ("escape", RawHtml::Escape),
    ("strip", RawHtml::Strip),
    ("trusted", RawHtml::Trusted),
];
const PASTED_TEXT: [(&str, PastedText); 3] = [
    ("detect", PastedText::Detect),
    ("off", PastedText::Off),
    ("always", PastedText::Always),
];

fn optional_text(value: &OptionValue) -> Result<Option<String>, Wrong> {
    match value {
        OptionValue::Null => Ok(None),
        value => text(value).map(Some),
    }
}

fn preset(value: &OptionValue) -> Result<Preset, Wrong> {
    choice(value, &PRESETS)
}

fn raw_html(value: &OptionValue) -> Result<RawHtml, Wrong> {
    choice(value, &RAW_HTML)
}

fn pasted_text(value: &OptionValue) -> Result<PastedText, Wrong> {
    choice(value, &PASTED_TEXT)
}

/// A table entry: the option's name, what it takes, and the field its reader sets.
macro_rules! key {
    ($name:literal, $takes:expr, $field:ident = $read:ident) => {
        Key {
            name: $name,
            takes: $takes,
            set: |options, value| {
                options.$field = $read(value)?;
                Ok(())
            },
        }
    };
}

/// Every option but the feature switches (`SWITCHES`), in the order of `Options`' fields.
const KEYS: [Key; 12] = [
    key!("preset", "\"article\", \"gfm\" or \"commonmark\"", preset = preset),
    key!(
        "rawHtml",
        "\"sanitize\", \"escape\", \"strip\" or \"trusted\"",
        raw_html = raw_html
    ),
    key!(
        "maxInputBytes",
        "a whole number of bytes, at least 1",
        max_input_bytes = count
    ),
    key!(
        "idPrefix",
        "a string of ASCII letters, digits, `-` and `_`",
        id_prefix = text
    ),
    key!("tocMaxLevel", "a heading level, 1 to 6", toc_max_level = count),
    key!(
        "pastedText",
        "\"detect\", \"off\" or \"always\"",
        pasted_text = pasted_text
    ),
    key!(
        "baseUrl",
        "an absolute http or https URL, or null",
        base_url = optional_text
    ),
    key!("externalLinksNewTab", "true or false", external_links_new_tab = flag),
    key!("linkRel", "a string of lowercase words", link_rel = text),
    key!("extraUrlSchemes", "a list of strings", extra_url_schemes = texts),
    key!("extraClasses", "a list of strings", extra_classes = texts),
    key!("extraAttributes", "a list of strings", extra_attributes = texts),
];

impl Options {
    /// Options from an object's entries (missing keys keep their defaults), checked by
    /// [`Options::validate`]. The error names the key and what it takes.
    pub(crate) fn from_entries(entries: impl IntoIterator<Item = (String, OptionValue)>) -> Result<Options, Error> {
        let mut options = Options::default();
        for (name, value) in entries {
            if let Some(switch) = SWITCHES.iter().find(|switch| is_camel_case_of(&name, switch.field)) {
                let value = self::switch(&value)
                    .map_err(|_| Error::InvalidOptions(format!("`{name}`: {} is not {SWITCH}", value.describe())))?;
                (switch.set)(&mut options, value);
                continue;
            }
            let Some(key) = KEYS.iter().find(|key| key.name == name) else {
                let names: Vec<String> = KEYS
                    .iter()
                    .map(|key| key.name.to_owned())
                    .chain(SWITCHES.iter().map(|switch| camel_case(switch.field)))
                    .map(|name| format!("`{name}`"))
                    .collect();
                return Err(Error::InvalidOptions(format!(
                    "`{name}` is not an option; the options are {}",
                    names.join(", ")
                )));
            };
            (key.set)(&mut options, &value).map_err(|wrong| {
                let (path, found, takes) = match (wrong, &value) {
                    (Some(i), OptionValue::List(items)) => (format!("{name}[{i}]"), items[i].describe(), "a string"),
                    _ => (name.clone(), value.describe(), key.takes),
                };
                Error::InvalidOptions(format!("`{path}`: {found} is not {takes}"))
            })?;
        }
        options.validate()?;
        Ok(options)
    }
}

/// `heading_ids` → `headingIds`: a switch's key is its field's name in camel case.
fn camel_case(field: &str) -> String {
    let mut words = field.split('_');
    let mut out = words.next().unwrap_or_default().to_owned();
    for word in words {
        let mut chars = word.chars();
        out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        out.push_str(chars.as_str());
    }
    out
}

/// Whether `name` is `field` in camel case ([`camel_case`], without allocating).
fn is_camel_case_of(name: &str, field: &str) -> bool {
    let mut name = name.bytes();
    let mut field = field.bytes();
    while let Some(b) = field.next() {
        let expected = match b {
            b'_' => match field.next() {
                Some(b) => b.to_ascii_uppercase(),
                None => return false,
            },
            b => b,
        };
        if name.next() != Some(expected) {
            return false;
        }
    }
    name.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_every_field_once() {
        let json = serde_json::to_value(Options::default()).unwrap();
        let fields: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
        let switches: Vec<String> = SWITCHES.iter().map(|switch| camel_case(switch.field)).collect();
        let mut names: Vec<&str> = KEYS
            .iter()
            .map(|key| key.name)
            .chain(switches.iter().map(String::as_str))
            .collect();
        names.sort_unstable();
        let mut sorted_fields = fields.clone();
        sorted_fields.sort_unstable();
        assert_eq!(names, sorted_fields);
    }

    /// The comment lines right above the line that holds `item` in `source`.
    fn doc_above(source: &str, item: &str) -> String {
        let lines: Vec<&str> = source.lines().collect();
        let at = lines
            .iter()
            .position(|line| line.trim() == item)
            .unwrap_or_else(|| panic!("no `{item}`"));
        let doc: Vec<&str> = lines[..at]
            .iter()
            .rev()
            .map(|line| line.trim())
            .take_while(|line| line.starts_with("///") || line.starts_with("/**") || line.starts_with('*'))
            .collect();
        doc.into_iter().rev().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_docs_and_the_typescript_follow_the_switch_table() {
        use crate::options::OnFor;
        let rust = include_str!("../options.rs");
        let typescript = include_str!("../wasm.rs");
        for switch in SWITCHES {
            let key = camel_case(switch.field);
            let rust_doc = doc_above(rust, &format!("pub {}: Option<bool>,", switch.field));
            let ts_doc = doc_above(typescript, &format!("{key}?: boolean | null;"));
            let (rust_says, ts_says) = match switch.on_for {
                OnFor::Article => ("Default: on for `article`", "Default: on for \"article\""),
                OnFor::ArticleAndGfm => (
                    "Default: on for `article` and `gfm`",
                    "Default: on for \"article\" and \"gfm\"",
                ),
                OnFor::Never => ("Default: off", "Default: off"),
            };
            assert!(rust_doc.contains(rust_says), "{}: {rust_doc}", switch.field);
            assert!(ts_doc.contains(ts_says), "{key}: {ts_doc}");
            if let OnFor::Article = switch.on_for {
                assert!(
                    !rust_doc.contains("and `gfm`") && !ts_doc.contains("and \"gfm\""),
                    "{key}"
                );
            }
        }
        // Every other key is in the TypeScript too.
        for key in KEYS {
            assert!(
                typescript.contains(&format!("  {}?: ", key.name)),
                "{} is not in the TypeScript",
                key.name
            );
        }
    }

    #[test]
    fn switch_keys_are_their_fields_in_camel_case() {
        assert_eq!(camel_case("heading_ids"), "headingIds");
        assert_eq!(camel_case("math"), "math");
        assert!(is_camel_case_of("headingIds", "heading_ids"));
        assert!(!is_camel_case_of("headingids", "heading_ids"));
        assert!(!is_camel_case_of("headingIdsX", "heading_ids"));
        assert!(!is_camel_case_of("heading", "heading_ids"));
    }

    #[test]
    fn values_are_described_without_formatting_floats() {
        assert_eq!(OptionValue::Number(3.0).describe(), "the number 3");
        assert_eq!(OptionValue::Number(-1.0).describe(), "the number -1");
        assert_eq!(OptionValue::Number(1.5).describe(), "a fractional number");
        assert_eq!(OptionValue::String("yes".into()).describe(), "the string \"yes\"");
    }
}
