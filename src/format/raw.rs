//! JSON as read from a map file, before it is checked. Like `serde_json::Value`, but
//! an object is the list of its fields as written and the names of fields the format
//! knows are not copied: a person is read into this, checked into a `Stakeholder`
//! and dropped before the next one is read, so the whole file is never held as a tree.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};

use super::fields;

/// A field name: one the format knows (shared, not copied) or any other.
#[derive(Clone, Debug, PartialEq)]
pub enum Key {
    /// A name from [`fields::known`].
    Known(&'static str),
    /// Any other name, as written.
    Other(String),
}

impl Key {
    /// The key for `name`, copying it only when the format does not know it.
    pub fn new(name: &str) -> Self {
        match fields::known(name) {
            Some(known) => Self::Known(known),
            None => Self::Other(name.to_owned()),
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Known(name) => name,
            Self::Other(name) => name,
        }
    }

    fn into_string(self) -> String {
        match self {
            Self::Known(name) => name.to_owned(),
            Self::Other(name) => name,
        }
    }
}

/// The fields of an object in file order; a name written twice appears twice (the
/// last one counts, as in `serde_json::Value`).
pub type RawObject = Vec<(Key, Raw)>;

/// One JSON value as read.
#[derive(Clone, Debug, PartialEq)]
pub enum Raw {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as `serde_json` reads it.
    Number(Number),
    /// A string.
    String(String),
    /// A list.
    Array(Vec<Raw>),
    /// An object.
    Object(RawObject),
}

impl Raw {
    /// The text, when this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(text) => Some(text),
            _ => None,
        }
    }

    /// The number as a float, when this is a number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Self::Number(number) => number.as_f64(),
            _ => None,
        }
    }

    /// The number, when this is a whole number that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Self::Number(number) => number.as_i64(),
            _ => None,
        }
    }

    /// The number, when this is a whole number of zero or more that fits.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Self::Number(number) => number.as_u64(),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// The same value as a `serde_json::Value` (for unknown fields, which are kept
    /// as they were written). A name written twice keeps its first place and its
    /// last value, as when `serde_json` reads it.
    pub fn into_value(self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Bool(flag) => Value::Bool(flag),
            Self::Number(number) => Value::Number(number),
            Self::String(text) => Value::String(text),
            Self::Array(items) => Value::Array(items.into_iter().map(Self::into_value).collect()),
            Self::Object(fields) => Value::Object(into_map(fields)),
        }
    }
}

/// The fields as a map, with the duplicate rule of [`Raw::into_value`].
pub fn into_map(fields: RawObject) -> Map<String, Value> {
    let mut map = Map::new();
    for (key, value) in fields {
        map.insert(key.into_string(), value.into_value());
    }
    map
}

/// The fields with each name once, at its first place with its last value, as
/// `serde_json` reads an object. Linear: a hostile object with a million fields
/// is not searched once per field.
pub fn unique_fields(fields: RawObject) -> RawObject {
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut unique: RawObject = Vec::with_capacity(fields.len());
    for (key, value) in fields {
        match first.get(key.as_str()) {
            Some(&at) => {
                if let Some(slot) = unique.get_mut(at) {
                    slot.1 = value;
                }
            }
            None => {
                first.insert(key.as_str().to_owned(), unique.len());
                unique.push((key, value));
            }
        }
    }
    unique
}

/// A short description of a value's type for error messages.
pub fn kind_of(value: &Raw) -> &'static str {
    match value {
        Raw::Null => "null",
        Raw::Bool(_) => "true/false",
        Raw::Number(_) => "a number",
        Raw::String(_) => "text",
        Raw::Array(_) => "a list",
        Raw::Object(_) => "an object",
    }
}

/// The value itself when short, else its type.
pub fn describe(value: &Raw) -> String {
    match value {
        Raw::Number(number) => number.to_string(),
        Raw::String(text) if text.chars().count() <= 40 => quoted(text),
        other => kind_of(other).to_owned(),
    }
}

/// Text in quotes for a message, cut after 40 characters.
pub fn quoted(text: &str) -> String {
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    format!("\"{}\"", short.escape_debug())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Raw {
        Raw::String(text.to_owned())
    }

    #[test]
    fn known_names_are_shared_and_others_copied() {
        assert_eq!(Key::new("stakeholders"), Key::Known("stakeholders"));
        assert_eq!(Key::new("x-colour"), Key::Other("x-colour".to_owned()));
        assert_eq!(Key::new("x-colour").as_str(), "x-colour");
    }

    #[test]
    fn duplicate_names_keep_the_first_place_and_the_last_value() {
        let fields = vec![
            (Key::new("b"), raw("1")),
            (Key::new("a"), raw("2")),
            (Key::new("b"), raw("3")),
        ];
        let expected: Value = serde_json::from_str(r#"{"b":"1","a":"2","b":"3"}"#).unwrap();
        let value = Raw::Object(fields.clone()).into_value();
        assert_eq!(value.to_string(), expected.to_string());
        assert_eq!(value.to_string(), r#"{"b":"3","a":"2"}"#);
        assert_eq!(
            unique_fields(fields),
            vec![(Key::new("b"), raw("3")), (Key::new("a"), raw("2"))]
        );
    }
}
