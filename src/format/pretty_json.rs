//! Indented JSON text, byte for byte what `serde_json::to_string_pretty` writes,
//! written faster for output made of many short strings (a report of 100,000
//! people): a string with nothing to escape is copied in one piece after one pass
//! over its bytes, and the indentation is one copy per line.
//!
//! Optionally DEL, C1 and bidi controls inside strings are written as `\u` escapes
//! in the same pass, which is exactly what [`crate::safe_text::json_invisible_escaped`]
//! makes of serde_json's text (those characters only occur inside strings).
//!
//! Only what reports are made of is written here (structs, sequences, strings,
//! numbers, booleans, options, unit variants); anything else (maps, enum variants
//! with data, bytes) is handed to serde_json, so every value gets serde_json's text.

use serde::Serialize;
use serde::ser::{self, Impossible, Serializer};

/// The value as indented JSON, exactly as `serde_json::to_string_pretty` writes it.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    write(value, false, 0)
}

/// The value as indented JSON with DEL, C1 and bidi controls written as `\u`
/// escapes: exactly `json_invisible_escaped(&serde_json::to_string_pretty(value)?)`.
/// `expected_bytes`: about how long the text will be (room is made for it at once,
/// instead of copying a growing text again and again).
pub fn to_string_pretty_invisible_escaped<T: Serialize + ?Sized>(
    value: &T,
    expected_bytes: usize,
) -> serde_json::Result<String> {
    write(value, true, expected_bytes)
}

fn write<T: Serialize + ?Sized>(
    value: &T,
    invisible: bool,
    expected_bytes: usize,
) -> serde_json::Result<String> {
    nested(value, 0, invisible, expected_bytes)
}

/// The text of `value` as it is written as a field of an object nested `depth`
/// levels deep (its lines after the first indented two spaces more per level),
/// DEL, C1 and bidi controls escaped when `invisible`: parts of one document can
/// so be written apart (on two threads) and joined with [`object_of`].
pub fn nested<T: Serialize + ?Sized>(
    value: &T,
    depth: usize,
    invisible: bool,
    expected_bytes: usize,
) -> serde_json::Result<String> {
    let mut writer = Pretty {
        out: String::with_capacity(expected_bytes),
        depth,
        invisible,
    };
    if value.serialize(&mut writer).is_ok() {
        return Ok(writer.out);
    }
    // Something this writer leaves to serde_json: its text, from the start.
    let mut text = serde_json::to_string_pretty(value)?;
    if depth > 0 {
        // serde_json's text has line breaks only between its lines (strings
        // escape theirs): each is followed by one more indentation per level.
        text = text.replace('\n', &format!("\n{}", "  ".repeat(depth)));
    }
    Ok(if invisible {
        crate::safe_text::json_invisible_escaped(&text).into_owned()
    } else {
        text
    })
}

/// An object at the top of a document from its fields' names and texts (each
/// written with [`nested`] at depth 1), exactly as serde_json writes a struct.
pub fn object_of(fields: Vec<(&str, String)>, invisible: bool) -> String {
    object_pieces(fields, invisible).concat()
}

/// [`object_of`] in pieces that joined make its text: the fields' texts are
/// kept as they are, with the punctuation between them, so that a large text
/// can be written out without being copied into one.
pub fn object_pieces(fields: Vec<(&str, String)>, invisible: bool) -> Vec<String> {
    let mut pieces = Vec::with_capacity(fields.len() * 2 + 1);
    let mut writer = Pretty {
        out: String::new(),
        depth: 0,
        invisible,
    };
    let mut object = writer.open('{');
    for (key, text) in fields {
        object.next();
        object.writer.string(key);
        object.writer.out.push_str(": ");
        pieces.push(std::mem::take(&mut object.writer.out));
        pieces.push(text);
    }
    object.close('}');
    pieces.push(writer.out);
    pieces
}

/// Why the fast writer handed a value to serde_json.
#[derive(Debug)]
pub struct Unsupported;

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("left to serde_json")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        Self
    }
}

/// The text written so far, how deep it is nested, and whether invisible
/// characters are escaped.
struct Pretty {
    out: String,
    depth: usize,
    invisible: bool,
}

/// serde_json's indentation: two spaces per level.
const SPACES: &str = "                                                                ";

impl Pretty {
    fn newline_and_indent(&mut self) {
        self.out.push('\n');
        let mut left = self.depth * 2;
        while left > 0 {
            let take = left.min(SPACES.len());
            self.out.push_str(SPACES.get(..take).unwrap_or_default());
            left -= take;
        }
    }

    fn string(&mut self, text: &str) {
        self.out.push('"');
        if needs_escape(text.as_bytes()) {
            escape_into(&mut self.out, text, self.invisible);
        } else {
            self.out.push_str(text);
        }
        self.out.push('"');
    }

    fn display(&mut self, value: impl std::fmt::Display) {
        use std::fmt::Write;
        // Writing to a String cannot fail.
        let _ = write!(self.out, "{value}");
    }

    fn open(&mut self, bracket: char) -> Compound<'_> {
        self.out.push(bracket);
        self.depth += 1;
        Compound {
            writer: self,
            first: true,
        }
    }
}

/// Whether a string has a byte that may need an escape: C0, `"` and `\` (JSON
/// escapes), DEL, and the lead bytes of C1 (0xC2) and bidi controls (0xE2).
/// Eight bytes at a time: reports are mostly long sentences with nothing to escape.
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Non-zero exactly when some byte of `word` is below `n` (n ≤ 0x80): the
    // classic test, exact as a yes/no answer.
    let below = |word: u64, n: u64| word.wrapping_sub(ONES * n) & !word & HIGHS;
    let equal = |word: u64, byte: u64| below(word ^ (ONES * byte), 1);
    let mut words = bytes.chunks_exact(8);
    for chunk in &mut words {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let word = u64::from_le_bytes(eight);
        let found = below(word, 0x20)
            | equal(word, 0x22)
            | equal(word, 0x5C)
            | equal(word, 0x7F)
            | equal(word, 0xC2)
            | equal(word, 0xE2);
        if found != 0 {
            return true;
        }
    }
    words.remainder().iter().any(|&b| needs_escape_byte(b))
}

/// The byte-by-byte definition of [`needs_escape`].
fn needs_escape_byte(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\' || b == 0x7F || b == 0xC2 || b == 0xE2
}

/// Appends `text` escaped as serde_json escapes strings, and with `invisible`
/// also DEL, C1 and bidi controls as `\u` escapes.
fn escape_into(out: &mut String, text: &str, invisible: bool) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 || (invisible && crate::safe_text::is_json_invisible(c)) => {
                // Every such character is below U+10000: four hex digits.
                let code = u32::from(c);
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    let digit = usize::try_from((code >> shift) & 0xF).unwrap_or(0);
                    out.push(char::from(HEX.get(digit).copied().unwrap_or(b'0')));
                }
            }
            c => out.push(c),
        }
    }
}

/// A sequence or struct being written.
struct Compound<'a> {
    writer: &'a mut Pretty,
    first: bool,
}

impl Compound<'_> {
    fn next(&mut self) {
        if !self.first {
            self.writer.out.push(',');
        }
        self.first = false;
        self.writer.newline_and_indent();
    }

    fn close(self, bracket: char) {
        self.writer.depth -= 1;
        if !self.first {
            self.writer.newline_and_indent();
        }
        self.writer.out.push(bracket);
    }
}

impl<'a> Serializer for &'a mut Pretty {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.display(v);
        Ok(())
    }

    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.display(v);
        Ok(())
    }

    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.display(v);
        Ok(())
    }

    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        self.display(v);
        Ok(())
    }

    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.display(v);
        Ok(())
    }

    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.display(v);
        Ok(())
    }

    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.display(v);
        Ok(())
    }

    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.display(v);
        Ok(())
    }

    fn serialize_f32(self, _v: f32) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_f64(self, v: f64) -> Result<(), Unsupported> {
        // serde_json writes non-finite numbers as null and the rest as its
        // `Number` shows them (the shortest text that reads back the same).
        match serde_json::Number::from_f64(v) {
            Some(number) => self.display(number),
            None => self.out.push_str("null"),
        }
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.string(v);
        Ok(())
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_none(self) -> Result<(), Unsupported> {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Unsupported> {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.string(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Unsupported> {
        Err(Unsupported)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open('['))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open('['))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open('['))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        Ok(self.open('{'))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.next();
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close(']');
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), Unsupported> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), Unsupported> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.next();
        self.writer.string(key);
        self.writer.out.push_str(": ");
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Unsupported> {
        self.close('}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde::Serialize;

    use super::*;
    use crate::safe_text::json_invisible_escaped;

    /// Every shape the fast writer writes itself, and some it leaves to serde_json.
    #[derive(Clone, Debug, Serialize)]
    enum Kind {
        Plain,
        Carrying(u8),
    }

    #[derive(Clone, Debug, Serialize)]
    struct Record {
        text: String,
        number: f64,
        small: u8,
        signed: i64,
        flag: bool,
        maybe: Option<String>,
        list: Vec<String>,
        nested: Vec<Vec<f64>>,
        pair: (u32, char),
        kind: Kind,
        nothing: (),
        empty: Empty,
    }

    #[derive(Clone, Debug, Serialize)]
    struct Empty {}

    /// Text rich in everything that is escaped, or looks as if it might be.
    fn tricky_text() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            Just("a"),
            Just(" "),
            Just("张伟"),
            Just("\""),
            Just("\\"),
            Just("\u{0}"),
            Just("\u{8}"),
            Just("\u{c}"),
            Just("\n"),
            Just("\r"),
            Just("\t"),
            Just("\u{1b}"),
            Just("\u{1f}"),
            Just("\u{7f}"),
            Just("\u{80}"),
            Just("\u{9f}"),
            Just("\u{a0}"),
            Just("é"),
            Just("\u{2028}"),
            Just("\u{202a}"),
            Just("\u{202e}"),
            Just("\u{2066}"),
            Just("\u{2069}"),
            Just("\u{2070}"),
            Just("€"),
            Just("😀"),
        ];
        prop_oneof![
            proptest::collection::vec(pieces, 0..40).prop_map(|p| p.concat()),
            any::<String>(),
        ]
    }

    fn any_number() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<f64>(),
            (0u32..100_000).prop_map(|n| f64::from(n) / 10_000.0),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(-0.0),
            Just(1e300),
            Just(5e-324),
        ]
    }

    fn record() -> impl Strategy<Value = Record> {
        (
            (
                tricky_text(),
                any_number(),
                any::<u8>(),
                any::<i64>(),
                any::<bool>(),
            ),
            proptest::option::of(tricky_text()),
            proptest::collection::vec(tricky_text(), 0..4),
            proptest::collection::vec(proptest::collection::vec(any_number(), 0..3), 0..3),
            (any::<u32>(), any::<char>()),
        )
            .prop_map(
                |((text, number, small, signed, flag), maybe, list, nested, pair)| Record {
                    text,
                    number,
                    small,
                    signed,
                    flag,
                    maybe,
                    list,
                    nested,
                    pair,
                    kind: Kind::Plain,
                    nothing: (),
                    empty: Empty {},
                },
            )
    }

    proptest! {
        #[test]
        fn writes_what_serde_json_writes(records in proptest::collection::vec(record(), 0..4)) {
            let expected = serde_json::to_string_pretty(&records).unwrap();
            prop_assert_eq!(to_string_pretty(&records).unwrap(), expected.as_str());
            prop_assert_eq!(
                to_string_pretty_invisible_escaped(&records, 0).unwrap(),
                json_invisible_escaped(&expected).into_owned()
            );
        }

        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(text in tricky_text()) {
            let expected = serde_json::to_string(&text).unwrap();
            let mut plain = String::from("\"");
            escape_into(&mut plain, &text, false);
            plain.push('"');
            prop_assert_eq!(&plain, &expected);
            prop_assert_eq!(to_string_pretty(&text).unwrap(), expected.as_str());
            let safe = to_string_pretty_invisible_escaped(&text, 8).unwrap();
            prop_assert_eq!(&safe, &json_invisible_escaped(&expected).into_owned());
            // The escapes mean the same text.
            let back: String = serde_json::from_str(&safe).unwrap();
            prop_assert_eq!(back, text.clone());
            // Nothing that needs an escape gets past the quick check.
            if !needs_escape(text.as_bytes()) {
                prop_assert_eq!(safe, format!("\"{text}\""));
            }
        }
    }

    proptest! {
        #[test]
        fn the_quick_check_finds_every_byte_that_may_need_an_escape(
            bytes in proptest::collection::vec(
                prop_oneof![any::<u8>(), Just(b'a'), Just(0x1F), Just(0x20), Just(0xC2), Just(0xE2), Just(0x7F), Just(0x80)],
                0..40,
            ),
        ) {
            prop_assert_eq!(needs_escape(&bytes), bytes.iter().any(|&b| needs_escape_byte(b)));
        }
    }

    proptest! {
        /// Fields written apart and joined read as the whole struct written at once.
        #[test]
        fn fields_written_apart_join_into_the_same_text(
            record in record(),
            invisible in any::<bool>(),
        ) {
            let whole = if invisible {
                to_string_pretty_invisible_escaped(&record, 0).unwrap()
            } else {
                to_string_pretty(&record).unwrap()
            };
            let list = nested(&record.list, 1, invisible, 0).unwrap();
            let nested_lists = nested(&record.nested, 1, invisible, 0).unwrap();
            let text = nested(&record.text, 1, invisible, 0).unwrap();
            // A map is left to serde_json: its text indented here.
            let mut map = BTreeMap::new();
            map.insert("k", vec![record.text.clone()]);
            let map_text = nested(&map, 1, invisible, 0).unwrap();
            // The texts are moved into the object: the list is still wanted below.
            let joined = object_of(
                vec![("list", list.clone()), ("nested", nested_lists), ("text", text), ("map", map_text)],
                invisible,
            );
            #[derive(Serialize)]
            struct Part<'a> {
                list: &'a [String],
                nested: &'a [Vec<f64>],
                text: &'a str,
                map: &'a BTreeMap<&'a str, Vec<String>>,
            }
            let part = Part { list: &record.list, nested: &record.nested, text: &record.text, map: &map };
            let expected = serde_json::to_string_pretty(&part).unwrap();
            let expected = if invisible { json_invisible_escaped(&expected).into_owned() } else { expected };
            prop_assert_eq!(joined, expected);
            // The same text as inside the struct written at once.
            let inside = format!("\"list\": {list}");
            prop_assert!(whole.contains(&inside));
        }
    }

    #[test]
    fn no_fields_are_an_empty_object() {
        assert_eq!(
            object_of(Vec::new(), false),
            serde_json::to_string_pretty(&Empty {}).unwrap()
        );
    }

    #[test]
    fn deep_nesting_is_indented_as_serde_json_indents() {
        let mut value = serde_json::json!("x");
        for _ in 0..40 {
            value = serde_json::json!([value, 1]);
        }
        // A tree of Values holds maps too; this one only sequences.
        let deep: Vec<Vec<serde_json::Value>> = vec![vec![value]];
        assert_eq!(
            to_string_pretty(&deep).unwrap(),
            serde_json::to_string_pretty(&deep).unwrap()
        );
    }

    #[test]
    fn what_it_does_not_write_itself_comes_from_serde_json() {
        let mut map = BTreeMap::new();
        map.insert("k\u{202e}", vec![Kind::Carrying(3), Kind::Plain]);
        let expected = serde_json::to_string_pretty(&map).unwrap();
        assert_eq!(to_string_pretty(&map).unwrap(), expected);
        assert_eq!(
            to_string_pretty_invisible_escaped(&map, 1 << 20).unwrap(),
            json_invisible_escaped(&expected)
        );
        assert_eq!(to_string_pretty(&[1.5f32]).unwrap(), "[\n  1.5\n]");
        // serde_json refuses a map with keys that are not text: so does this.
        let mut bad = BTreeMap::new();
        bad.insert(vec![1], 2);
        assert!(to_string_pretty(&bad).is_err());
    }
}
