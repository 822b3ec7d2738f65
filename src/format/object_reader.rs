//! Reads typed fields out of one JSON object, collecting a [`Problem`] for each field
//! that is missing, of the wrong type or out of range instead of stopping at the first.

use serde_json::{Map, Value};

use crate::model::{Date, DateError, Extra, Problem, Subject};

/// Reads the fields of one JSON object that belongs to `subject`.
pub struct ObjectReader<'a> {
    object: &'a Map<String, Value>,
    subject: Subject,
    /// Prefix of field paths, such as `interests.` or `next_actions[2].`.
    prefix: String,
    problems: &'a mut Vec<Problem>,
}

impl<'a> ObjectReader<'a> {
    /// A reader for `object`; problems go to `problems`.
    pub fn new(
        object: &'a Map<String, Value>,
        subject: Subject,
        prefix: impl Into<String>,
        problems: &'a mut Vec<Problem>,
    ) -> Self {
        Self {
            object,
            subject,
            prefix: prefix.into(),
            problems,
        }
    }

    /// Records a problem about `key`.
    pub fn problem(&mut self, key: &str, message: impl Into<String>) {
        let field = format!("{}{key}", self.prefix);
        self.problems
            .push(Problem::new(self.subject.clone(), field, message));
    }

    /// The value of `key`, treating `null` as absent.
    pub fn value(&self, key: &str) -> Option<&'a Value> {
        self.object.get(key).filter(|v| !v.is_null())
    }

    /// A text field; absent means empty.
    pub fn string(&mut self, key: &str) -> String {
        match self.value(key) {
            None => String::new(),
            Some(Value::String(text)) => text.clone(),
            Some(other) => {
                self.problem(key, format!("must be text, found {}", kind_of(other)));
                String::new()
            }
        }
    }

    /// A text field that must be present.
    pub fn required_string(&mut self, key: &str) -> String {
        if self.value(key).is_none() {
            self.problem(key, "is required");
        }
        self.string(key)
    }

    /// An optional text field; absent or empty gives `None`.
    pub fn optional_string(&mut self, key: &str) -> Option<String> {
        Some(self.string(key)).filter(|s| !s.is_empty())
    }

    /// A boolean field; absent means false.
    pub fn bool(&mut self, key: &str) -> bool {
        match self.value(key) {
            None => false,
            Some(Value::Bool(flag)) => *flag,
            Some(other) => {
                self.problem(
                    key,
                    format!("must be true or false, found {}", kind_of(other)),
                );
                false
            }
        }
    }

    /// A finite number, or `None` when absent or invalid.
    pub fn number(&mut self, key: &str) -> Option<f64> {
        let value = self.value(key)?;
        match value.as_f64() {
            Some(number) if number.is_finite() => Some(number),
            _ => {
                self.problem(key, format!("must be a number, found {}", kind_of(value)));
                None
            }
        }
    }

    /// A whole number checked by `make`; absent gives `None`, invalid records a problem.
    pub fn integer<T>(
        &mut self,
        key: &str,
        range_text: &str,
        make: impl Fn(i64) -> Option<T>,
    ) -> Option<T> {
        let value = self.value(key)?;
        let whole = value.as_i64().or_else(|| {
            value
                .as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
                .map(|f| f as i64)
        });
        let made = whole.and_then(&make);
        if made.is_none() {
            self.problem(
                key,
                format!(
                    "must be a whole number {range_text}, found {}",
                    describe(value)
                ),
            );
        }
        made
    }

    /// One of the names of a closed vocabulary; absent gives `None`.
    pub fn name<T>(
        &mut self,
        key: &str,
        parse: impl Fn(&str) -> Option<T>,
        expected: &str,
    ) -> Option<T> {
        let value = self.value(key)?;
        let parsed = value.as_str().and_then(&parse);
        if parsed.is_none() {
            self.problem(
                key,
                format!("must be one of {expected}, found {}", describe(value)),
            );
        }
        parsed
    }

    /// A `YYYY-MM-DD` date; absent or empty gives `None`.
    pub fn date(&mut self, key: &str) -> Option<Date> {
        let text = self.optional_string(key)?;
        match text.parse::<Date>() {
            Ok(date) => Some(date),
            Err(err) => {
                let message = match err {
                    DateError::Shape(_) => "is not a date of the form YYYY-MM-DD",
                    DateError::NoSuchDay(_) => "is not a calendar date",
                };
                self.problem(key, format!("{} {message}", quoted(&text)));
                None
            }
        }
    }

    /// A nested object; absent gives `None`.
    pub fn object(&mut self, key: &str) -> Option<&'a Map<String, Value>> {
        match self.value(key)? {
            Value::Object(object) => Some(object),
            other => {
                self.problem(key, format!("must be an object, found {}", kind_of(other)));
                None
            }
        }
    }

    /// A nested array; absent gives an empty slice.
    pub fn array(&mut self, key: &str) -> &'a [Value] {
        match self.value(key) {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(other) => {
                self.problem(key, format!("must be a list, found {}", kind_of(other)));
                &[]
            }
        }
    }

    /// A list of texts; non-text items are reported and skipped.
    pub fn string_list(&mut self, key: &str) -> Vec<String> {
        let items = self.array(key);
        let mut texts = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match item {
                Value::String(text) => texts.push(text.clone()),
                other => self.problem(
                    &format!("{key}[{index}]"),
                    format!("must be text, found {}", kind_of(other)),
                ),
            }
        }
        texts
    }

    /// A nested reader for the object under `key`, sharing the problem list.
    pub fn nested(&mut self, object: &'a Map<String, Value>, key: &str) -> ObjectReader<'_> {
        ObjectReader {
            object,
            subject: self.subject.clone(),
            prefix: format!("{}{key}.", self.prefix),
            problems: self.problems,
        }
    }

    /// The problem list, for readers of nested lists.
    pub fn problems(&mut self) -> &mut Vec<Problem> {
        self.problems
    }

    /// Fields that are not in `known`, in file order, kept for writing back.
    pub fn extra(&self, known: &[&str]) -> Extra {
        self.object
            .iter()
            .filter(|(key, _)| !known.contains(&key.as_str()))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect()
    }
}

/// A short description of a JSON value's type for error messages.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The value itself when short, else its type.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Number(number) => number.to_string(),
        Value::String(text) if text.chars().count() <= 40 => quoted(text),
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
