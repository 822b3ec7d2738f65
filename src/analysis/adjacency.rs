//! Lists per person kept in two flat arrays (where each person's list starts, and
//! every list one after another): one allocation instead of one per person, and
//! neighbours' lists next to each other in memory. At 100,000 people a list per
//! person cost more to build and free than the lookups they served.

/// A list of `T` for each person, by document index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Adjacency<T> {
    /// Where the list of person `i` starts in `items`; one more entry at the end.
    starts: Vec<usize>,
    items: Vec<T>,
}

impl<T: Copy> Adjacency<T> {
    /// The lists of `n` people from (person, item) pairs: each person's items in
    /// the order of `pairs` (pairs of a person from `n` on are left out).
    pub fn from_pairs(n: usize, pairs: &[(usize, T)]) -> Self {
        let mut starts = vec![0usize; n + 1];
        for &(person, _) in pairs {
            if let Some(count) = starts.get_mut(person + 1) {
                *count += 1;
            }
        }
        for i in 1..starts.len() {
            let before = starts.get(i - 1).copied().unwrap_or(0);
            if let Some(start) = starts.get_mut(i) {
                *start += before;
            }
        }
        let total = starts.last().copied().unwrap_or(0);
        let Some(&(_, filler)) = pairs.first() else {
            return Self {
                starts,
                items: Vec::new(),
            };
        };
        // Each person's next free slot.
        let mut next: Vec<usize> = starts.iter().take(n).copied().collect();
        let mut items = vec![filler; total];
        for &(person, item) in pairs {
            if let Some(at) = next.get_mut(person)
                && let Some(slot) = items.get_mut(*at)
            {
                *slot = item;
                *at += 1;
            }
        }
        Self { starts, items }
    }

    /// The list of person `i`; `None` past the last person.
    pub fn get(&self, i: usize) -> Option<&[T]> {
        let (&start, &end) = (self.starts.get(i)?, self.starts.get(i + 1)?);
        self.items.get(start..end)
    }

    /// Every person's list, in document order.
    pub fn iter(&self) -> impl Iterator<Item = &[T]> {
        self.starts.windows(2).map(|w| match w {
            [start, end] => self.items.get(*start..*end).unwrap_or_default(),
            _ => &[],
        })
    }

    /// Number of people.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Whether there are no people.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<T: Copy + Ord> Adjacency<T> {
    /// Each list sorted, each item once.
    pub fn sorted_once(self) -> Self {
        let mut starts = Vec::with_capacity(self.starts.len());
        let mut items = Vec::with_capacity(self.items.len());
        starts.push(0);
        for list in self.iter() {
            let from = items.len();
            items.extend_from_slice(list);
            if let Some(tail) = items.get_mut(from..) {
                tail.sort_unstable();
            }
            let mut kept = from;
            for at in from..items.len() {
                let item = items.get(at).copied();
                if kept == from || items.get(kept - 1).copied() != item {
                    if let (Some(item), Some(slot)) = (item, items.get_mut(kept)) {
                        *slot = item;
                    }
                    kept += 1;
                }
            }
            items.truncate(kept);
            starts.push(items.len());
        }
        Self { starts, items }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn lists_are_those_pushed_one_by_one(
            pairs in proptest::collection::vec((0..12usize, 0..50u32), 0..60),
        ) {
            let n = 10;
            let mut lists = vec![Vec::new(); n];
            for &(person, item) in &pairs {
                if let Some(list) = lists.get_mut(person) {
                    list.push(item);
                }
            }
            let flat = Adjacency::from_pairs(n, &pairs);
            prop_assert_eq!(flat.len(), n);
            prop_assert_eq!(flat.iter().collect::<Vec<_>>(), lists.iter().map(Vec::as_slice).collect::<Vec<_>>());
            for (i, list) in lists.iter_mut().enumerate() {
                prop_assert_eq!(flat.get(i), Some(list.as_slice()));
                list.sort_unstable();
                list.dedup();
            }
            prop_assert_eq!(flat.get(n), None);
            let once = flat.sorted_once();
            prop_assert_eq!(once.iter().collect::<Vec<_>>(), lists.iter().map(Vec::as_slice).collect::<Vec<_>>());
        }
    }
}
