//! Warnings: things in the input that were ignored or repaired, reported instead of failing.

use std::fmt;

use serde::Serialize;

/// Something in the document that quire ignored or could not use, such as malformed front
/// matter or a front matter value of the wrong type. A warning never stops a render.
///
/// Serializes to camelCase JSON: `{"line": 3, "message": "..."}` (`line` is `null` when the
/// problem has no single place).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Warning {
    /// The 1-based line in the whole input (front matter included), when there is one.
    pub line: Option<usize>,
    /// What was wrong and what was done about it, in plain English.
    pub message: String,
}

impl Warning {
    // Only front matter reading makes warnings so far: a build without it has none to make.
    #[cfg_attr(not(feature = "front-matter"), allow(dead_code))]
    pub(crate) fn new(line: Option<usize>, message: impl Into<String>) -> Warning {
        Warning {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    /// `line 3: message`, or just the message when there is no line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_with_and_without_a_line() {
        assert_eq!(Warning::new(Some(3), "bad").to_string(), "line 3: bad");
        assert_eq!(Warning::new(None, "bad").to_string(), "bad");
    }

    #[test]
    fn serializes_as_camel_case_json() {
        let json = serde_json::to_string(&Warning::new(Some(2), "x")).unwrap();
        assert_eq!(json, r#"{"line":2,"message":"x"}"#);
        let json = serde_json::to_string(&Warning::new(None, "x")).unwrap();
        assert_eq!(json, r#"{"line":null,"message":"x"}"#);
    }
}
