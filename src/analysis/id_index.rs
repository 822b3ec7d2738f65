//! People by the text of their id, kept compact: every id copied one after
//! another into one text, and a table of slots (open addressing) pointing into
//! it. Looking up both ends of 200,000 lines in a map keyed by the people's own
//! ids missed the cache on every comparison (each id is a separate allocation
//! among the person's other fields); here the table and the texts compared are
//! a few megabytes at 100,000 people.
//!
//! The hash is the standard library's, keyed at random per index, so ids chosen
//! to collide cannot make the lookups slow.

use std::hash::{BuildHasher, RandomState};

/// Person index by id; for equal ids, the last person with it.
pub struct IdIndex {
    /// Every id, one after another, in document order.
    text: String,
    /// Where id `i` starts in `text`; one more entry at the end.
    starts: Vec<usize>,
    /// A person's index plus one in each used slot, 0 in a free one. Its length
    /// is a power of two, at least twice the number of people, so a probe
    /// always reaches a free slot soon.
    slots: Vec<usize>,
    hasher: RandomState,
}

impl IdIndex {
    /// The index of `ids` (people in document order).
    pub fn new<'a>(ids: impl ExactSizeIterator<Item = &'a str> + Clone) -> Self {
        let n = ids.len();
        let bytes: usize = ids.clone().map(str::len).sum();
        let mut text = String::with_capacity(bytes);
        let mut starts = Vec::with_capacity(n + 1);
        for id in ids {
            starts.push(text.len());
            text.push_str(id);
        }
        starts.push(text.len());
        let size = n.saturating_mul(2).max(2).next_power_of_two();
        let mut index = Self {
            text,
            starts,
            slots: vec![0; size],
            hasher: RandomState::new(),
        };
        for person in 0..n {
            index.insert(person);
        }
        index
    }

    /// Id number `person`.
    fn id(&self, person: usize) -> &str {
        match (self.starts.get(person), self.starts.get(person + 1)) {
            (Some(&start), Some(&end)) => self.text.get(start..end).unwrap_or(""),
            _ => "",
        }
    }

    /// The slots to try for `id`, in order: every slot once, from its hash on.
    fn probe(&self, id: &str) -> impl Iterator<Item = usize> {
        let mask = self.slots.len() - 1;
        // Only the low bits choose the slot: truncating the hash is the point.
        let first = self.hasher.hash_one(id) as usize & mask;
        (0..self.slots.len()).map(move |step| first.wrapping_add(step) & mask)
    }

    /// The slot holding `id`, or else the free slot where it would go.
    fn slot_for(&self, id: &str) -> Option<usize> {
        self.probe(id)
            .find(|&slot| match self.slots.get(slot).copied() {
                Some(0) => true,
                Some(occupant) => self.id(occupant - 1) == id,
                None => false,
            })
    }

    fn insert(&mut self, person: usize) {
        let slot = self.slot_for(self.id(person));
        if let Some(entry) = slot.and_then(|slot| self.slots.get_mut(slot)) {
            *entry = person + 1;
        }
    }

    /// The person with this id (the last of several), if any.
    pub fn get(&self, id: &str) -> Option<usize> {
        let slot = self.slot_for(id)?;
        match self.slots.get(slot).copied() {
            Some(occupant) if occupant > 0 => Some(occupant - 1),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The same answers as a map from each id to the last person with it.
        #[test]
        fn finds_what_a_map_of_the_last_person_by_id_finds(
            ids in proptest::collection::vec("[a-c]{0,3}|张[0-9]", 0..60),
            asked in proptest::collection::vec("[a-d]{0,3}|张[0-9]", 0..20),
        ) {
            let index = IdIndex::new(ids.iter().map(String::as_str));
            let map: HashMap<&str, usize> =
                ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
            for id in ids.iter().chain(&asked) {
                prop_assert_eq!(index.get(id), map.get(id.as_str()).copied(), "{:?}", id);
            }
        }
    }

    #[test]
    fn an_empty_index_finds_nobody() {
        let index = IdIndex::new(std::iter::empty());
        assert_eq!(index.get(""), None);
        assert_eq!(index.get("p1"), None);
    }
}
