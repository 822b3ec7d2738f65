//! Matching typed pinyin against Chinese text: each character is matched by the
//! start of any of its readings, so full pinyin (`zhouzhenhua`), initials (`zzh`),
//! a mix (`zhouzh`) and prefixes of any of them (`zho`) all find 周振华, and either
//! reading of a polyphonic character (单: shan or dan) does.

use pinyin::{PinyinMulti, ToPinyinMulti};

/// Longest typed pinyin compared (in letters); reachable offsets are bits of a `u64`.
pub const MAX_QUERY_LETTERS: usize = 63;
/// Characters of a name given readings; a longer name is matched on its start.
const MAX_SYLLABLES: usize = 64;

/// One character of a name as pinyin sees it.
#[derive(Clone, Copy, Debug)]
enum Syllable {
    /// A Chinese character and its readings.
    Han(PinyinMulti),
    /// A Latin letter or digit, matched by itself (lower case).
    Other(u8),
}

/// The pinyin readings of one text, built once per map version.
#[derive(Clone, Debug, Default)]
pub struct PinyinKey {
    syllables: Vec<Syllable>,
    /// Letters that can start a syllable (bit 0 = `a`).
    initials: u32,
    /// Letters in any reading.
    letters: u32,
}

/// Where typed pinyin matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinyinMatch {
    /// From the first character.
    Prefix,
    /// From a later character (a given name without the surname).
    Inside,
}

impl PinyinKey {
    /// The readings of `text`, or `None` when it has no Chinese character.
    pub fn of(text: &str) -> Option<Self> {
        let mut key = Self::default();
        let mut has_han = false;
        for c in text.chars() {
            if key.syllables.len() >= MAX_SYLLABLES {
                break;
            }
            if let Some(readings) = c.to_pinyin_multi() {
                has_han = true;
                for reading in readings {
                    let plain = reading.plain();
                    if let Some(first) = plain.chars().next() {
                        key.initials |= letter_bits(first);
                    }
                    key.letters |= plain.chars().map(letter_bits).fold(0, |a, b| a | b);
                }
                key.syllables.push(Syllable::Han(readings));
            } else if c.is_ascii_alphanumeric() {
                let lower = c.to_ascii_lowercase();
                key.initials |= letter_bits(lower);
                key.letters |= letter_bits(lower);
                key.syllables.push(Syllable::Other(lower as u8));
            }
            // Spaces, dots and other marks between the characters are skipped.
        }
        has_han.then_some(key)
    }

    /// Whether `query` (lower-case ASCII letters, see [`super::fold::pinyin_query`])
    /// matches consecutive characters, each by a non-empty start of one of its
    /// readings, and where. Linear in the characters times the query length.
    pub fn matches(&self, query: &[u8]) -> Option<PinyinMatch> {
        let (Some(&first), true) = (query.first(), query.len() <= MAX_QUERY_LETTERS) else {
            return None;
        };
        let needed = query
            .iter()
            .fold(0, |bits, &b| bits | letter_bits(char::from(b)));
        if self.initials & letter_bits(char::from(first)) == 0 || self.letters & needed != needed {
            return None;
        }
        if self.reaches_end(query, false) {
            Some(PinyinMatch::Prefix)
        } else if self.reaches_end(query, true) {
            Some(PinyinMatch::Inside)
        } else {
            None
        }
    }

    /// Whether the whole query is consumed; `anywhere`: a match may start at any
    /// character, otherwise only at the first.
    fn reaches_end(&self, query: &[u8], anywhere: bool) -> bool {
        let end = 1u64 << query.len();
        // Bit `o` set: the first `o` letters of the query are matched so far.
        let mut reach: u64 = 1;
        for syllable in &self.syllables {
            if anywhere {
                reach |= 1;
            }
            let mut next = 0u64;
            let mut bits = reach & (end - 1);
            while bits != 0 {
                let offset = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let rest = query.get(offset..).unwrap_or_default();
                let longest = match syllable {
                    Syllable::Han(readings) => readings
                        .into_iter()
                        .map(|r| common_prefix(r.plain(), rest))
                        .max()
                        .unwrap_or(0),
                    Syllable::Other(b) => usize::from(rest.first() == Some(b)),
                };
                for taken in 1..=longest {
                    next |= 1u64 << (offset + taken);
                }
            }
            if next & end != 0 {
                return true;
            }
            reach = next;
            if reach == 0 && !anywhere {
                return false;
            }
        }
        false
    }
}

/// How many letters of `query` the reading starts with (`ü` typed as `v` or `u`).
fn common_prefix(reading: &str, query: &[u8]) -> usize {
    reading
        .chars()
        .zip(query)
        .take_while(|&(r, &q)| match r {
            'ü' => q == b'v' || q == b'u',
            _ => r.is_ascii() && r as u8 == q,
        })
        .count()
}

/// The mask bit of a lower-case ASCII letter (`ü` counts as both `v` and `u`).
fn letter_bits(c: char) -> u32 {
    match c {
        'a'..='z' => 1 << (u32::from(c) - u32::from('a')),
        'ü' => letter_bits('v') | letter_bits('u'),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(text: &str, query: &str) -> Option<PinyinMatch> {
        PinyinKey::of(text)?.matches(query.as_bytes())
    }

    #[test]
    fn full_pinyin_initials_mixes_and_prefixes_match() {
        for query in ["zhouzhenhua", "zzh", "zho", "zhouz", "zhouzh", "zhzhh", "z"] {
            assert_eq!(
                matches("周振华", query),
                Some(PinyinMatch::Prefix),
                "{query}"
            );
        }
        for query in ["zhenhua", "zh", "hua"] {
            // "zh" also starts 周: the prefix wins.
            let expected = if query == "zh" {
                PinyinMatch::Prefix
            } else {
                PinyinMatch::Inside
            };
            assert_eq!(matches("周振华", query), Some(expected), "{query}");
        }
        for query in ["zhouzhenhuax", "zhx", "hz", "x", "zhoue"] {
            assert_eq!(matches("周振华", query), None, "{query}");
        }
    }

    #[test]
    fn every_reading_of_a_polyphonic_character_matches() {
        assert_eq!(matches("单丽", "shanli"), Some(PinyinMatch::Prefix));
        assert_eq!(matches("单丽", "danli"), Some(PinyinMatch::Prefix));
        assert_eq!(matches("单丽", "sl"), Some(PinyinMatch::Prefix));
        assert_eq!(matches("吕伟", "lvw"), Some(PinyinMatch::Prefix));
        assert_eq!(matches("吕伟", "luwei"), Some(PinyinMatch::Prefix));
    }

    #[test]
    fn latin_letters_in_a_chinese_name_match_themselves_and_latin_names_have_no_key() {
        assert_eq!(matches("王 Amy", "wangamy"), Some(PinyinMatch::Prefix));
        assert_eq!(matches("王·Amy", "wa"), Some(PinyinMatch::Prefix));
        assert!(PinyinKey::of("Amy Wang").is_none());
        assert!(PinyinKey::of("").is_none());
    }

    #[test]
    fn overlong_queries_and_names_are_bounded() {
        let long_name: String = "周".repeat(1000);
        let key = PinyinKey::of(&long_name).unwrap();
        assert_eq!(key.syllables.len(), MAX_SYLLABLES);
        assert_eq!(key.matches(&[b'z'; 64]), None);
        assert_eq!(key.matches(&[b'z'; 63]), Some(PinyinMatch::Prefix));
        assert_eq!(key.matches(b""), None);
    }
}
