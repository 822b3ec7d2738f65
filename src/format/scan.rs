//! One pass over a map file with `serde_json`'s parser: values are read into
//! [`Raw`], every string and field name is held to the length limit on the way, and
//! the items of the long top-level lists (people, lines) are handed over one at a
//! time, so the whole file never exists as one tree in memory.

use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

use super::LoadError;
use super::raw::{Key, Raw, RawObject};
use crate::model::limits::MAX_STRING_BYTES;

/// Where a value sits in the file, kept as a chain of borrowed steps and written
/// out only for the message about a string over the limit.
#[derive(Clone, Copy, Debug)]
pub enum Path<'p> {
    /// The top-level object.
    Top,
    /// The field of that name in the object at the parent path.
    Field(&'p Path<'p>, &'p str),
    /// The item at that place in the list at the parent path.
    Item(&'p Path<'p>, usize),
}

impl Path<'_> {
    /// As messages write it: `stakeholders[3].notes` (names cut after 64 characters).
    fn write(&self, out: &mut String) {
        match self {
            Self::Top => {}
            Self::Field(parent, key) => {
                parent.write(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.extend(key.chars().take(64));
            }
            Self::Item(parent, index) => {
                parent.write(out);
                out.push_str(&format!("[{index}]"));
            }
        }
    }

    fn text(&self) -> String {
        let mut text = String::new();
        self.write(&mut text);
        text
    }
}

/// The root of every path.
static TOP: Path<'static> = Path::Top;

/// The length limit on strings and field names: remembers the first one over it,
/// in file order.
#[derive(Debug, Default)]
pub struct Budget {
    first_over: RefCell<Option<LoadError>>,
}

impl Budget {
    fn text(&self, text: &str, path: &Path<'_>) {
        if text.len() > MAX_STRING_BYTES {
            let location = Some(path.text())
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| "the top level".to_owned());
            self.over(location, text.len());
        }
    }

    fn key(&self, key: &str, object: &Path<'_>) {
        if key.len() > MAX_STRING_BYTES {
            let path = object.text();
            let location = if path.is_empty() {
                "a field name at the top level".to_owned()
            } else {
                format!("a field name in {path}")
            };
            self.over(location, key.len());
        }
    }

    fn over(&self, location: String, length: usize) {
        let mut first = self.first_over.borrow_mut();
        if first.is_none() {
            *first = Some(LoadError::StringTooLong {
                location,
                length,
                limit: MAX_STRING_BYTES,
            });
        }
    }

    /// The error about the first string or name over the limit, if any.
    pub fn into_error(self) -> Option<LoadError> {
        self.first_over.into_inner()
    }
}

/// Receives the top-level fields as they are read.
pub trait Sink {
    /// Whether the top-level field `key`, when it is a list, is handed over item by
    /// item ([`Sink::list`], then [`Sink::item`] for each).
    fn streamed(&self, key: &Key) -> bool;
    /// A top-level field read whole (for a streamed one: when it is not a list).
    fn field(&mut self, key: Key, value: Raw);
    /// A streamed list begins.
    fn list(&mut self, key: &Key);
    /// The item at `index` of the streamed list `key`.
    fn item(&mut self, key: &Key, index: usize, item: Raw);
}

/// Reads a whole map file, handing its top-level fields to `sink`. `Ok(Some(value))`
/// when the file holds something other than an object.
pub fn scan<'de, D: Deserializer<'de>>(
    deserializer: D,
    budget: &Budget,
    sink: &mut dyn Sink,
) -> Result<Option<Raw>, D::Error> {
    deserializer.deserialize_any(TopVisitor { budget, sink })
}

struct TopVisitor<'a> {
    budget: &'a Budget,
    sink: &'a mut dyn Sink,
}

/// Forwards every kind of value but one to [`RawSeed`], wrapping the result.
macro_rules! forward_to_raw {
    ($wrap:expr) => {
        fn visit_bool<E: Error>(self, v: bool) -> Result<Self::Value, E> {
            let raw = self.raw().visit_bool(v)?;
            Ok(($wrap)(self, raw))
        }
        fn visit_i64<E: Error>(self, v: i64) -> Result<Self::Value, E> {
            let raw = self.raw().visit_i64(v)?;
            Ok(($wrap)(self, raw))
        }
        fn visit_u64<E: Error>(self, v: u64) -> Result<Self::Value, E> {
            let raw = self.raw().visit_u64(v)?;
            Ok(($wrap)(self, raw))
        }
        fn visit_f64<E: Error>(self, v: f64) -> Result<Self::Value, E> {
            let raw = self.raw().visit_f64(v)?;
            Ok(($wrap)(self, raw))
        }
        fn visit_str<E: Error>(self, v: &str) -> Result<Self::Value, E> {
            let raw = self.raw().visit_str(v)?;
            Ok(($wrap)(self, raw))
        }
        fn visit_string<E: Error>(self, v: String) -> Result<Self::Value, E> {
            let raw = self.raw().visit_string(v)?;
            Ok(($wrap)(self, raw))
        }
        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(($wrap)(self, Raw::Null))
        }
        fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
            Ok(($wrap)(self, Raw::Null))
        }
    };
}

impl TopVisitor<'_> {
    fn raw(&self) -> RawSeed<'_, 'static> {
        RawSeed {
            budget: self.budget,
            path: Path::Top,
        }
    }
}

impl<'de> Visitor<'de> for TopVisitor<'_> {
    type Value = Option<Raw>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Powermap map")
    }

    forward_to_raw!(|_, raw| Some(raw));

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.raw().visit_seq(seq).map(Some)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while let Some(key) = map.next_key_seed(KeySeed {
            budget: self.budget,
            object: &TOP,
        })? {
            if self.sink.streamed(&key) {
                map.next_value_seed(ListSeed {
                    budget: self.budget,
                    sink: &mut *self.sink,
                    key,
                })?;
            } else {
                let value = map.next_value_seed(RawSeed {
                    budget: self.budget,
                    path: Path::Field(&TOP, key.as_str()),
                })?;
                self.sink.field(key, value);
            }
        }
        Ok(None)
    }
}

/// A streamed top-level list: its items go to the sink one by one.
struct ListSeed<'a> {
    budget: &'a Budget,
    sink: &'a mut dyn Sink,
    key: Key,
}

impl ListSeed<'_> {
    fn raw(&self) -> RawSeed<'_, '_> {
        RawSeed {
            budget: self.budget,
            path: Path::Field(&TOP, self.key.as_str()),
        }
    }
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ListSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    forward_to_raw!(|seed: Self, raw| seed.sink.field(seed.key, raw));

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let raw = self.raw().visit_map(map)?;
        self.sink.field(self.key, raw);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let list = Path::Field(&TOP, self.key.as_str());
        self.sink.list(&self.key);
        let mut index = 0;
        while let Some(item) = seq.next_element_seed(RawSeed {
            budget: self.budget,
            path: Path::Item(&list, index),
        })? {
            self.sink.item(&self.key, index, item);
            index += 1;
        }
        Ok(())
    }
}

/// A field name, held to the length limit.
struct KeySeed<'b, 'p> {
    budget: &'b Budget,
    object: &'p Path<'p>,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_, '_> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_, '_> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Key, E> {
        self.budget.key(v, self.object);
        Ok(Key::new(v))
    }
}

/// Any value, held to the length limit.
struct RawSeed<'b, 'p> {
    budget: &'b Budget,
    path: Path<'p>,
}

impl<'de> DeserializeSeed<'de> for RawSeed<'_, '_> {
    type Value = Raw;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RawSeed<'_, '_> {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: Error>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }

    fn visit_i64<E: Error>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Number(v.into()))
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::Number(v.into()))
    }

    fn visit_f64<E: Error>(self, v: f64) -> Result<Raw, E> {
        // As serde_json's own Value: a number that is not finite reads as null.
        Ok(Number::from_f64(v).map_or(Raw::Null, Raw::Number))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Raw, E> {
        self.budget.text(v, &self.path);
        Ok(Raw::String(v.to_owned()))
    }

    fn visit_string<E: Error>(self, v: String) -> Result<Raw, E> {
        self.budget.text(&v, &self.path);
        Ok(Raw::String(v))
    }

    fn visit_unit<E: Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_none<E: Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        let mut index = 0;
        while let Some(item) = seq.next_element_seed(RawSeed {
            budget: self.budget,
            path: Path::Item(&self.path, index),
        })? {
            items.push(item);
            index += 1;
        }
        Ok(Raw::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut fields: RawObject = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed {
            budget: self.budget,
            object: &self.path,
        })? {
            let value = map.next_value_seed(RawSeed {
                budget: self.budget,
                path: Path::Field(&self.path, key.as_str()),
            })?;
            fields.push((key, value));
        }
        Ok(Raw::Object(fields))
    }
}
