//! Finding, among the people with a row's name, the one the row fits best (see
//! [`super::matching`]) in logarithmic time, however many namesakes there are: a
//! list of 100,000 contacts that are all called 张伟 must not take quadratic time.
//!
//! People are indexed by name with their title and department, by name and title,
//! by name and department, and by name alone, each also among those without an
//! e-mail. Matching only ever fills empty fields, so a person only leaves an index
//! entry (their title, department or e-mail became known) and never comes back to
//! it: entries that no longer hold are dropped when they are met.

use std::collections::{BTreeSet, HashMap};

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

/// One index entry's key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Profile {
    /// Name, title and department.
    Full(String, String, String),
    /// Name and title.
    Title(String, String),
    /// Name and department.
    Department(String, String),
    /// Name.
    Name(String),
}

impl Profile {
    /// The four entries of a person known by `name`.
    fn all(name: &str, keys: &MatchKeys) -> [Self; 4] {
        [
            Self::Full(name.to_owned(), keys.title.clone(), keys.department.clone()),
            Self::Title(name.to_owned(), keys.title.clone()),
            Self::Department(name.to_owned(), keys.department.clone()),
            Self::Name(name.to_owned()),
        ]
    }

    /// Whether a person with `keys` still belongs under this entry (names do not
    /// change; a person may be indexed under another name too).
    fn holds(&self, keys: &MatchKeys) -> bool {
        match self {
            Self::Full(_, title, department) => {
                *title == keys.title && *department == keys.department
            }
            Self::Title(_, title) => *title == keys.title,
            Self::Department(_, department) => *department == keys.department,
            Self::Name(_) => true,
        }
    }
}

/// The people under one entry, by their place in the list.
#[derive(Debug, Default)]
struct Bucket {
    all: BTreeSet<usize>,
    without_email: BTreeSet<usize>,
}

/// The namesake index.
#[derive(Debug, Default)]
pub struct Namesakes {
    buckets: HashMap<Profile, Bucket>,
}

impl Namesakes {
    /// Indexes the person at `index`, known by `name`, with their current `keys`.
    /// Called again when their keys change or they get another name.
    pub fn insert(&mut self, index: usize, name: &str, keys: &MatchKeys) {
        for profile in Profile::all(name, keys) {
            let bucket = self.buckets.entry(profile).or_default();
            bucket.all.insert(index);
            if keys.email.is_empty() {
                bucket.without_email.insert(index);
            }
        }
    }

    /// The first person under `profile` whose e-mail does not speak against the
    /// row (empty on one side), dropping entries that no longer hold.
    fn first<'k>(
        &mut self,
        profile: &Profile,
        row_has_email: bool,
        keys_of: &dyn Fn(usize) -> Option<&'k MatchKeys>,
    ) -> Option<usize> {
        let bucket = self.buckets.get_mut(profile)?;
        let set = if row_has_email {
            &mut bucket.without_email
        } else {
            &mut bucket.all
        };
        while let Some(&index) = set.first() {
            let fits = keys_of(index).is_some_and(|keys| {
                profile.holds(keys) && (!row_has_email || keys.email.is_empty())
            });
            if fits {
                return Some(index);
            }
            set.pop_first();
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
        let name = row.name.clone();
        let (title, department) = (row.title.clone(), row.department.clone());
        let none = String::new;
        // Entries in order of how many fields agree; within one score, any.
        let tiers: Vec<Vec<Profile>> = match (title.is_empty(), department.is_empty()) {
            (false, false) => vec![
                vec![Profile::Full(
                    name.clone(),
                    title.clone(),
                    department.clone(),
                )],
                vec![
                    Profile::Full(name.clone(), title, none()),
                    Profile::Full(name.clone(), none(), department),
                ],
                vec![Profile::Full(name, none(), none())],
            ],
            (false, true) => vec![
                vec![Profile::Title(name.clone(), title)],
                vec![Profile::Title(name, none())],
            ],
            (true, false) => vec![
                vec![Profile::Department(name.clone(), department)],
                vec![Profile::Department(name, none())],
            ],
            (true, true) => vec![vec![Profile::Name(name)]],
        };
        let row_has_email = !row.email.is_empty();
        for tier in tiers {
            let found = tier
                .iter()
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
