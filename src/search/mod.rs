//! Finding people in a map: by name, title, department, tag or e-mail, and by the
//! pinyin of Chinese names (full, initials or a start of either). Plain Rust, used
//! by the app's search bar and by `powermap find`.
//!
//! [`SearchIndex::new`] folds every person's text once per map version; a query is
//! then one linear pass over the people with no allocation per person.

pub mod filter;
pub mod fold;
mod pinyin_key;

use crate::model::Document;
pub use filter::{Filter, FilterContext, OwnerChoice};
use pinyin_key::{PinyinKey, PinyinMatch};

/// Longest query compared, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;

/// How well a person matched, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// The whole name.
    ExactName,
    /// The start of the name.
    NamePrefix,
    /// The start of the name's pinyin (full, initials or mixed), or of the name
    /// written without spaces.
    PinyinPrefix,
    /// Part of the name.
    NameSubstring,
    /// The pinyin of a later part of the name (the given name without the surname).
    PinyinInside,
    /// The title, department, a tag or the e-mail address.
    Details,
}

/// One person found: their index in the document's `stakeholders` and how they matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index in `Document::stakeholders` of the map the index was built from.
    pub index: usize,
    /// How they matched.
    pub kind: MatchKind,
}

/// What one person is searched by, folded once.
#[derive(Clone, Debug)]
struct Entry {
    name: String,
    /// The folded name without spaces (`zhou zhenhua` → `zhouzhenhua`).
    name_compact: String,
    pinyin: Option<PinyinKey>,
    /// Title, department, tags and e-mail, folded, one per line.
    details: String,
    /// Place among all people by power (highest first), then name, then id.
    tie_rank: u32,
}

/// The people of one map version, prepared for searching.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

impl SearchIndex {
    /// Folds the names and details of every person in `doc`: linear, plus one sort
    /// for the order of ties.
    pub fn new(doc: &Document) -> Self {
        let mut order: Vec<usize> = (0..doc.stakeholders.len()).collect();
        order.sort_by(|&a, &b| {
            let (Some(a), Some(b)) = (doc.stakeholders.get(a), doc.stakeholders.get(b)) else {
                return std::cmp::Ordering::Equal;
            };
            b.power
                .cmp(&a.power)
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.id.as_str().cmp(b.id.as_str()))
        });
        let mut tie_rank = vec![0u32; order.len()];
        for (rank, &index) in order.iter().enumerate() {
            if let Some(slot) = tie_rank.get_mut(index) {
                *slot = u32::try_from(rank).unwrap_or(u32::MAX);
            }
        }
        let entries = doc
            .stakeholders
            .iter()
            .zip(tie_rank)
            .map(|(person, tie_rank)| {
                let name = fold::fold(&person.name);
                let mut details = String::new();
                let fields = [&person.title, &person.department, &person.contact.email];
                for text in fields.into_iter().chain(&person.tags) {
                    let folded = fold::fold(text);
                    if !folded.is_empty() {
                        details.push_str(&folded);
                        details.push('\n');
                    }
                }
                Entry {
                    name_compact: name.replace(' ', ""),
                    pinyin: PinyinKey::of(&person.name),
                    name,
                    details,
                    tie_rank,
                }
            })
            .collect();
        Self { entries }
    }

    /// How many people the index holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the index holds nobody.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Everyone `query` finds, in document order (see [`SearchIndex::ranked`] for
    /// the best first). An empty query finds nobody.
    pub fn matches(&self, query: &str) -> Vec<Hit> {
        let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let query = Query::new(&query);
        if query.text.is_empty() {
            return Vec::new();
        }
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(index, entry)| {
                Some(Hit {
                    index,
                    kind: query.kind(entry)?,
                })
            })
            .collect()
    }

    /// Everyone `query` finds, best first: by [`MatchKind`], then power (highest
    /// first), name and id.
    pub fn ranked(&self, query: &str) -> Vec<Hit> {
        let mut hits = self.matches(query);
        hits.sort_unstable_by_key(|hit| self.order_key(hit));
        hits
    }

    /// The best `limit` of `hits`, best first, without sorting the rest.
    pub fn best(&self, hits: &[Hit], limit: usize) -> Vec<Hit> {
        let mut best = hits.to_vec();
        if limit == 0 {
            return Vec::new();
        }
        if best.len() > limit {
            best.select_nth_unstable_by_key(limit - 1, |hit| self.order_key(hit));
            best.truncate(limit);
        }
        best.sort_unstable_by_key(|hit| self.order_key(hit));
        best
    }

    fn order_key(&self, hit: &Hit) -> (MatchKind, u32) {
        let tie = self.entries.get(hit.index).map_or(u32::MAX, |e| e.tie_rank);
        (hit.kind, tie)
    }
}

/// Any text searched the way a person's name is (folded, compact and pinyin),
/// with more text searched by substring: for lists other than people, such as the
/// maps of a workspace (the account name, then opportunity and owners).
#[derive(Clone, Debug)]
pub struct TextKey(Entry);

impl TextKey {
    /// Folds `name` (matched by start, part and pinyin) and `details` (matched by part).
    pub fn new(name: &str, details: &[&str]) -> Self {
        let folded = fold::fold(name);
        let mut text = String::new();
        for detail in details {
            let detail = fold::fold(detail);
            if !detail.is_empty() {
                text.push_str(&detail);
                text.push('\n');
            }
        }
        Self(Entry {
            name_compact: folded.replace(' ', ""),
            pinyin: PinyinKey::of(name),
            name: folded,
            details: text,
            tie_rank: 0,
        })
    }
}

/// A query for [`TextKey`]s, folded once.
pub struct TextQuery(Query);

impl TextQuery {
    /// Folds `raw` (its first [`MAX_QUERY_CHARS`] characters).
    pub fn new(raw: &str) -> Self {
        let raw: String = raw.chars().take(MAX_QUERY_CHARS).collect();
        Self(Query::new(&raw))
    }

    /// Whether the query is empty once folded (it then finds everything).
    pub fn is_empty(&self) -> bool {
        self.0.text.is_empty()
    }

    /// Whether `key` matches: always for an empty query.
    pub fn finds(&self, key: &TextKey) -> bool {
        self.is_empty() || self.0.kind(&key.0).is_some()
    }
}

/// A query folded the ways entries are compared.
struct Query {
    text: String,
    compact: String,
    pinyin: Option<String>,
}

impl Query {
    fn new(raw: &str) -> Self {
        let text = fold::fold(raw);
        Self {
            compact: text.replace(' ', ""),
            pinyin: fold::pinyin_query(&text),
            text,
        }
    }

    /// How `entry` matches, best kind first; `None` when it does not.
    fn kind(&self, entry: &Entry) -> Option<MatchKind> {
        if entry.name == self.text {
            return Some(MatchKind::ExactName);
        }
        if entry.name.starts_with(&self.text) {
            return Some(MatchKind::NamePrefix);
        }
        let pinyin = match (&entry.pinyin, &self.pinyin) {
            (Some(key), Some(query)) => key.matches(query.as_bytes()),
            _ => None,
        };
        if pinyin == Some(PinyinMatch::Prefix)
            || (!self.compact.is_empty() && entry.name_compact.starts_with(&self.compact))
        {
            return Some(MatchKind::PinyinPrefix);
        }
        if entry.name.contains(&self.text) {
            return Some(MatchKind::NameSubstring);
        }
        if pinyin == Some(PinyinMatch::Inside) {
            return Some(MatchKind::PinyinInside);
        }
        entry
            .details
            .contains(&self.text)
            .then_some(MatchKind::Details)
    }
}

#[cfg(test)]
mod tests {
    use super::{TextKey, TextQuery};

    #[test]
    fn text_keys_match_by_name_pinyin_and_details() {
        let key = TextKey::new("北京师范大学", &["教学管理平台", "王 芳"]);
        for query in [
            "北京",
            "bjsf",
            "beijingshifan",
            "师范",
            "Teaching",
            "平台",
            "王 芳",
            "",
        ] {
            let found = TextQuery::new(query).finds(&key);
            assert_eq!(found, query != "Teaching", "{query}");
        }
        assert!(!TextQuery::new("shanghai").finds(&key));
        assert!(TextQuery::new("ACME").finds(&TextKey::new("Acme Corp", &[])));
    }
}
