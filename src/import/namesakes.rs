//! Finding, among the people with a row's name, the one the row fits best (see
//! [`super::matching`]) in logarithmic time, however many namesakes there are: a
//! list of 100,000 contacts that are all called 张伟 must not take quadratic time.
//!
//! People are indexed by name with their title and department, by name and title,
//! by name and department, and by name alone, each also among those without an
//! e-mail. Matching only ever fills empty fields, so a person only leaves an index
//! entry (their title, department or e-mail became known) and never comes back to
//! it: entries that no longer hold are dropped when they are met.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

/// What matching compares of a person or a row, as keys (see
/// [`super::matching::name_key`] and friends).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatchKeys {
    /// The name.
    pub name: String,
    /// The title.
    pub title: String,
    /// The department.
    pub department: String,
    /// The e-mail.
    pub email: String,
}

/// A text (name, title or department) by its number in the index: entries are
/// keyed by numbers, so a person's four entries cost no copies of their texts.
type Text = usize;

/// One index entry's key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Profile {
    /// Name, title and department.
    Full(Text, Text, Text),
    /// Name and title.
    Title(Text, Text),
    /// Name and department.
    Department(Text, Text),
    /// Name.
    Name(Text),
}

impl Profile {
    /// Whether a person with `keys` still belongs under this entry (names do not
    /// change; a person may be indexed under another name too). `text` gives a
    /// known text's number.
    fn holds(&self, keys: &MatchKeys, text: impl Fn(&str) -> Option<Text>) -> bool {
        let is = |number: Text, value: &str| text(value) == Some(number);
        match *self {
            Self::Full(_, title, department) => {
                is(title, &keys.title) && is(department, &keys.department)
            }
            Self::Title(_, title) => is(title, &keys.title),
            Self::Department(_, department) => is(department, &keys.department),
            Self::Name(_) => true,
        }
    }
}

/// The people under one entry, by their place in the list, smallest first. (A
/// person indexed twice under an entry is there twice: only the smallest place is
/// ever asked for, and a place that no longer holds is dropped when met.)
#[derive(Debug, Default)]
struct Bucket {
    all: Places,
    without_email: Places,
}

/// Places with the smallest first, kept apart: most entries hold one person, and
/// then nothing is allocated.
#[derive(Debug, Default)]
struct Places {
    /// The smallest place; `None` only when there are none.
    smallest: Option<usize>,
    others: BinaryHeap<Reverse<usize>>,
}

impl Places {
    fn push(&mut self, place: usize) {
        match self.smallest {
            Some(smallest) if place < smallest => {
                self.others.push(Reverse(smallest));
                self.smallest = Some(place);
            }
            Some(_) => self.others.push(Reverse(place)),
            None => self.smallest = Some(place),
        }
    }

    fn first(&self) -> Option<usize> {
        self.smallest
    }

    fn pop_first(&mut self) {
        self.smallest = self.others.pop().map(|Reverse(place)| place);
    }
}

/// The namesake index.
#[derive(Debug, Default)]
pub struct Namesakes {
    texts: HashMap<String, Text>,
    buckets: HashMap<Profile, Bucket>,
}

impl Namesakes {
    /// The number of `value`, given one if it has none yet.
    fn number(&mut self, value: &str) -> Text {
        if let Some(&number) = self.texts.get(value) {
            return number;
        }
        let number = self.texts.len();
        self.texts.insert(value.to_owned(), number);
        number
    }

    /// The number of `value` if it is known.
    fn known(&self, value: &str) -> Option<Text> {
        self.texts.get(value).copied()
    }

    /// Indexes the person at `index`, known by `name`, with their current `keys`.
    /// Called again when their keys change or they get another name.
    pub fn insert(&mut self, index: usize, name: &str, keys: &MatchKeys) {
        let name = self.number(name);
        let title = self.number(&keys.title);
        let department = self.number(&keys.department);
        for profile in [
            Profile::Full(name, title, department),
            Profile::Title(name, title),
            Profile::Department(name, department),
            Profile::Name(name),
        ] {
            let bucket = self.buckets.entry(profile).or_default();
            bucket.all.push(index);
            if keys.email.is_empty() {
                bucket.without_email.push(index);
            }
        }
    }

    /// The first person under `profile` whose e-mail does not speak against the
    /// row (empty on one side), dropping entries that no longer hold.
    fn first<'k>(
        &mut self,
        profile: Profile,
        row_has_email: bool,
        keys_of: &dyn Fn(usize) -> Option<&'k MatchKeys>,
    ) -> Option<usize> {
        let texts = &self.texts;
        let bucket = self.buckets.get_mut(&profile)?;
        let places = if row_has_email {
            &mut bucket.without_email
        } else {
            &mut bucket.all
        };
        while let Some(index) = places.first() {
            let fits = keys_of(index).is_some_and(|keys| {
                profile.holds(keys, |value| texts.get(value).copied())
                    && (!row_has_email || keys.email.is_empty())
            });
            if fits {
                return Some(index);
            }
            places.pop_first();
        }
        None
    }

    /// The namesake `row` fits best: nothing speaks against them (title,
    /// department and e-mail each equal or empty on one side), with the most fields
    /// equal; the first on a tie. `keys_of` gives a person's current keys.
    pub fn best<'k>(
        &mut self,
        row: &MatchKeys,
        keys_of: &dyn Fn(usize) -> Option<&'k MatchKeys>,
    ) -> Option<usize> {
        // A text nobody in the index has rules out the entries that need it.
        let name = self.known(&row.name)?;
        let (title, department, none) = (
            self.known(&row.title),
            self.known(&row.department),
            self.known(""),
        );
        let pair = |a: Option<Text>, b: Option<Text>| a.zip(b);
        // Entries in order of how many fields agree; within one score, any.
        let tiers: Vec<Vec<Option<Profile>>> =
            match (row.title.is_empty(), row.department.is_empty()) {
                (false, false) => vec![
                    vec![pair(title, department).map(|(t, d)| Profile::Full(name, t, d))],
                    vec![
                        pair(title, none).map(|(t, n)| Profile::Full(name, t, n)),
                        pair(none, department).map(|(n, d)| Profile::Full(name, n, d)),
                    ],
                    vec![none.map(|n| Profile::Full(name, n, n))],
                ],
                (false, true) => vec![
                    vec![title.map(|t| Profile::Title(name, t))],
                    vec![none.map(|n| Profile::Title(name, n))],
                ],
                (true, false) => vec![
                    vec![department.map(|d| Profile::Department(name, d))],
                    vec![none.map(|n| Profile::Department(name, n))],
                ],
                (true, true) => vec![vec![Some(Profile::Name(name))]],
            };
        let row_has_email = !row.email.is_empty();
        for tier in tiers {
            let found = tier
                .into_iter()
                .flatten()
                .filter_map(|profile| self.first(profile, row_has_email, keys_of))
                .min();
            if found.is_some() {
                return found;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(title: &str, department: &str, email: &str) -> MatchKeys {
        MatchKeys {
            name: "张伟".to_owned(),
            title: title.to_owned(),
            department: department.to_owned(),
            email: email.to_owned(),
        }
    }

    #[test]
    fn the_best_fitting_namesake_is_found_and_changed_people_move() {
        let mut people = vec![
            keys("", "", ""),
            keys("总监", "", "a@x"),
            keys("总监", "信息中心", ""),
            keys("经理", "", ""),
        ];
        let mut index = Namesakes::default();
        for (i, k) in people.iter().enumerate() {
            index.insert(i, "张伟", k);
        }
        let best = |index: &mut Namesakes, people: &[MatchKeys], row: MatchKeys| {
            index.best(&row, &|i| people.get(i))
        };
        assert_eq!(
            best(&mut index, &people, keys("总监", "信息中心", "")),
            Some(2)
        );
        assert_eq!(best(&mut index, &people, keys("总监", "", "")), Some(1));
        // With an e-mail, person 1 (another e-mail) does not fit.
        assert_eq!(best(&mut index, &people, keys("总监", "", "b@x")), Some(2));
        assert_eq!(best(&mut index, &people, keys("", "", "")), Some(0));
        assert_eq!(
            best(&mut index, &people, keys("主任", "教务处", "")),
            Some(0)
        );
        // Person 0 gets a title: they are no longer a title-less namesake.
        people[0].title = "主任".to_owned();
        index.insert(0, "张伟", &people[0]);
        assert_eq!(best(&mut index, &people, keys("处长", "", "")), None);
        assert_eq!(best(&mut index, &people, keys("主任", "", "")), Some(0));
    }

    /// What [`Namesakes::best`] promises, by looking at everyone.
    fn best_by_scan(people: &[(String, MatchKeys)], row: &MatchKeys) -> Option<usize> {
        let agrees =
            |mine: &str, theirs: &str| theirs.is_empty() || mine.is_empty() || mine == theirs;
        let equal = |mine: &str, theirs: &str| usize::from(!theirs.is_empty() && mine == theirs);
        people
            .iter()
            .enumerate()
            .filter(|(_, (name, p))| {
                *name == row.name
                    && agrees(&p.title, &row.title)
                    && agrees(&p.department, &row.department)
                    && (row.email.is_empty() || p.email.is_empty())
            })
            .map(|(i, (_, p))| {
                let score = equal(&p.title, &row.title) + equal(&p.department, &row.department);
                (std::cmp::Reverse(score), i)
            })
            .min()
            .map(|(_, i)| i)
    }

    fn arbitrary_keys() -> impl proptest::strategy::Strategy<Value = (String, MatchKeys)> {
        use proptest::prelude::*;
        let pick = |options: &'static [&'static str]| {
            proptest::sample::select(options).prop_map(str::to_owned)
        };
        (
            pick(&["张伟", "王芳"]),
            pick(&["", "总监", "经理"]),
            pick(&["", "信息中心", "财务部"]),
            pick(&["", "a@x"]),
        )
            .prop_map(|(name, title, department, email)| {
                (
                    name.clone(),
                    MatchKeys {
                        name,
                        title,
                        department,
                        email,
                    },
                )
            })
    }

    proptest::proptest! {
        /// The index finds the person a scan of everyone finds, also after people's
        /// empty fields were filled in (as matching does) and they were indexed again.
        #[test]
        fn the_index_finds_what_a_scan_finds(
            mut people in proptest::collection::vec(arbitrary_keys(), 0..30),
            filled in proptest::collection::vec((0usize..30, arbitrary_keys()), 0..10),
            rows in proptest::collection::vec(arbitrary_keys(), 1..20),
        ) {
            let mut index = Namesakes::default();
            for (i, (name, keys)) in people.iter().enumerate() {
                index.insert(i, name, keys);
            }
            for (at, (_, with)) in filled {
                let Some((name, keys)) = people.get_mut(at) else { continue };
                for (field, value) in [
                    (&mut keys.title, with.title),
                    (&mut keys.department, with.department),
                    (&mut keys.email, with.email),
                ] {
                    if field.is_empty() {
                        *field = value;
                    }
                }
                index.insert(at, name, keys);
            }
            let keys: Vec<MatchKeys> = people.iter().map(|(_, k)| k.clone()).collect();
            for (_, row) in rows {
                let found = index.best(&row, &|i| keys.get(i));
                proptest::prop_assert_eq!(found, best_by_scan(&people, &row), "{:?}", row);
            }
        }
    }

    #[test]
    fn many_namesakes_are_searched_quickly() {
        let people: Vec<MatchKeys> = (0..100_000)
            .map(|i| keys(&format!("职务{i}"), "", ""))
            .collect();
        let mut index = Namesakes::default();
        for (i, k) in people.iter().enumerate() {
            index.insert(i, "张伟", k);
        }
        for i in (0..100_000).step_by(997) {
            let row = keys(&format!("职务{i}"), "研发部", "");
            // Each lookup touches a handful of entries, not the 100,000.
            assert_eq!(index.best(&row, &|j| people.get(j)), Some(i));
        }
    }
}
