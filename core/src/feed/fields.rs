//! Reading one member of a JSON object, with the place to report when it
//! is the wrong kind of value. Shared by the feed reader and the subscribe
//! settings, so neither needs the other (and the model needs neither).

use crate::feed::json::{Node, Value};
use crate::feed::notice::{Location, Problem};

/// Where a problem is, and what it is: a story or setting that cannot be read.
pub type Skip = (Location, Problem);

/// The place of `node`, named by its JSON path.
pub fn location(path: &str, node: &Node) -> Location {
    Location {
        path: path.to_owned(),
        at: node.at,
    }
}

/// `node` is not the `expected` kind of value.
pub fn wrong_type(path: &str, node: &Node, expected: &'static str) -> Skip {
    (
        location(path, node),
        Problem::WrongType {
            expected,
            found: node.value.kind(),
        },
    )
}

/// Reads an optional string member; `null` counts as absent.
pub fn optional_string<'a>(parent: &'a Node, key: &str, path: &str) -> Result<Option<&'a str>, Skip> {
    match parent.get(key) {
        None | Some(Node { value: Value::Null, .. }) => Ok(None),
        Some(Node {
            value: Value::String(s),
            ..
        }) => Ok(Some(s.as_str()).filter(|s| !s.trim().is_empty())),
        Some(other) => Err(wrong_type(&format!("{path}{key}"), other, "a string")),
    }
}

/// Reads an optional list of strings.
pub fn optional_strings<'a>(parent: &'a Node, key: &str, path: &str) -> Result<Vec<&'a str>, Skip> {
    match parent.get(key) {
        None | Some(Node { value: Value::Null, .. }) => Ok(Vec::new()),
        Some(
            node @ Node {
                value: Value::Array(values),
                ..
            },
        ) => values
            .iter()
            .map(|v| {
                v.as_str()
                    .ok_or_else(|| wrong_type(&format!("{path}{key}"), node, "a list of strings"))
            })
            .collect(),
        Some(other) => Err(wrong_type(&format!("{path}{key}"), other, "a list of strings")),
    }
}
