//! Reads typed fields out of one JSON object, collecting a [`Problem`] for each field
//! that is missing, of the wrong type or out of range instead of stopping at the first.

use std::borrow::Cow;

use super::raw::{Raw, RawObject, describe, into_map, kind_of, quoted};
use crate::model::{Date, DateError, Extra, Problem, Subject};

/// Reads the fields of one JSON object that belongs to `subject`. The reader owns
/// the fields and hands their values over (texts are moved, not copied): each field
/// is read once.
pub struct ObjectReader<'a> {
    fields: RawObject,
    subject: &'a Subject,
    /// Prefix of field paths, such as `interests.` or `next_actions[2].`.
    prefix: Cow<'a, str>,
    problems: &'a mut Vec<Problem>,
}

impl<'a> ObjectReader<'a> {
    /// A reader for `fields`; problems go to `problems`.
    pub fn new(fields: RawObject, subject: &'a Subject, problems: &'a mut Vec<Problem>) -> Self {
        Self {
            fields,
            subject,
            prefix: Cow::Borrowed(""),
            problems,
        }
    }

    /// Records a problem about `key`.
    pub fn problem(&mut self, key: &str, message: impl Into<String>) {
        let field = format!("{}{key}", self.prefix);
        self.problems
            .push(Problem::new(self.subject.clone(), field, message));
    }

    /// Where the value of `key` is: the last field of that name, as in JSON objects.
    fn slot(&self, key: &str) -> Option<usize> {
        self.fields.iter().rposition(|(k, _)| k.as_str() == key)
    }

    /// The value of `key`, treating `null` as absent.
    pub fn value(&self, key: &str) -> Option<&Raw> {
        let (_, value) = self.fields.get(self.slot(key)?)?;
        Some(value).filter(|v| !v.is_null())
    }

    /// The value of `key` handed over (`null` as absent).
    fn take(&mut self, key: &str) -> Option<Raw> {
        let at = self.slot(key)?;
        let (_, value) = self.fields.get_mut(at)?;
        match value {
            Raw::Null => None,
            // What stays behind is of the same kind, so the field still counts as
            // written.
            Raw::String(text) => Some(Raw::String(std::mem::take(text))),
            Raw::Array(items) => Some(Raw::Array(std::mem::take(items))),
            Raw::Object(fields) => Some(Raw::Object(std::mem::take(fields))),
            other => Some(other.clone()),
        }
    }

    /// A text field; absent means empty.
    pub fn string(&mut self, key: &str) -> String {
        match self.take(key) {
            None => String::new(),
            Some(Raw::String(text)) => text,
            Some(other) => {
                self.problem(key, format!("must be text, found {}", kind_of(&other)));
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
            Some(Raw::Bool(flag)) => *flag,
            Some(other) => {
                let message = format!("must be true or false, found {}", kind_of(other));
                self.problem(key, message);
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
                let message = format!("must be a number, found {}", kind_of(value));
                self.problem(key, message);
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
            let message = format!(
                "must be a whole number {range_text}, found {}",
                describe(value)
            );
            self.problem(key, message);
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
            let message = format!("must be one of {expected}, found {}", describe(value));
            self.problem(key, message);
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
    pub fn object(&mut self, key: &str) -> Option<RawObject> {
        match self.take(key)? {
            Raw::Object(fields) => Some(fields),
            other => {
                self.problem(key, format!("must be an object, found {}", kind_of(&other)));
                None
            }
        }
    }

    /// A nested array; absent gives an empty list.
    pub fn array(&mut self, key: &str) -> Vec<Raw> {
        match self.take(key) {
            None => Vec::new(),
            Some(Raw::Array(items)) => items,
            Some(other) => {
                self.problem(key, format!("must be a list, found {}", kind_of(&other)));
                Vec::new()
            }
        }
    }

    /// A list of texts; non-text items are reported and skipped.
    pub fn string_list(&mut self, key: &str) -> Vec<String> {
        let items = self.array(key);
        let mut texts = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            match item {
                Raw::String(text) => texts.push(text),
                other => self.problem(
                    &format!("{key}[{index}]"),
                    format!("must be text, found {}", kind_of(&other)),
                ),
            }
        }
        texts
    }

    /// A nested reader for `fields`, found under `key` (such as `interests` or
    /// `next_actions[2]`), sharing the subject and the problem list.
    pub fn nested(&mut self, fields: RawObject, key: &str) -> ObjectReader<'_> {
        ObjectReader {
            fields,
            subject: self.subject,
            prefix: Cow::Owned(format!("{}{key}.", self.prefix)),
            problems: self.problems,
        }
    }

    /// A nested reader for `fields` under a field name known in advance.
    pub fn nested_static(&mut self, fields: RawObject, prefix: &'static str) -> ObjectReader<'_> {
        let prefix = if self.prefix.is_empty() {
            Cow::Borrowed(prefix)
        } else {
            Cow::Owned(format!("{}{prefix}", self.prefix))
        };
        ObjectReader {
            fields,
            subject: self.subject,
            prefix,
            problems: self.problems,
        }
    }

    /// The problem list, for readers of nested lists.
    pub fn problems(&mut self) -> &mut Vec<Problem> {
        self.problems
    }

    /// Fields that are not in `known`, in file order, kept for writing back.
    pub fn extra(&mut self, known: &[&str]) -> Extra {
        if self
            .fields
            .iter()
            .all(|(key, _)| known.contains(&key.as_str()))
        {
            return Extra::new();
        }
        let unknown = self
            .fields
            .iter_mut()
            .filter(|(key, _)| !known.contains(&key.as_str()))
            .map(|(key, value)| (key.clone(), std::mem::replace(value, Raw::Null)))
            .collect();
        into_map(unknown)
    }
}
