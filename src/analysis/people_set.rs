//! A set of people (document indices) that answers "is this person in it" in
//! constant time. The analyses ask it once per person or per line; asking a list
//! instead makes them quadratic when thousands of people are tagged.

/// People by document index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeopleSet {
    member: Vec<bool>,
}

impl PeopleSet {
    /// The set of `people` on a map of `n` people (indices from `n` on are left out).
    pub fn of(n: usize, people: impl IntoIterator<Item = usize>) -> Self {
        let mut set = Self {
            member: vec![false; n],
        };
        for person in people {
            set.insert(person);
        }
        set
    }

    /// Whether `person` is in the set.
    pub fn contains(&self, person: usize) -> bool {
        self.member.get(person).copied().unwrap_or(false)
    }

    /// Adds `person`; whether they were not in the set yet.
    pub fn insert(&mut self, person: usize) -> bool {
        match self.member.get_mut(person) {
            Some(slot) if !*slot => {
                *slot = true;
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn membership_is_that_of_the_list(
            people in proptest::collection::vec(0..40usize, 0..30),
            asked in 0..45usize,
        ) {
            let set = PeopleSet::of(40, people.iter().copied());
            prop_assert_eq!(set.contains(asked), people.contains(&asked));
        }
    }

    #[test]
    fn inserting_tells_whether_the_person_is_new() {
        let mut set = PeopleSet::of(3, []);
        assert!(set.insert(1));
        assert!(!set.insert(1));
        assert!(!set.insert(7), "outside the map");
        assert!(set.contains(1) && !set.contains(0) && !set.contains(7));
    }
}
