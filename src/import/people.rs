//! The people of the map while an import is planned: those already there and those
//! the file adds, with indexes to find a contact's person by e-mail or name.

use std::collections::{HashMap, HashSet};

use super::contacts::ContactRow;
use super::issue::RowIssueKind;
use super::text::{collapse_whitespace, shorten};
use crate::model::{Document, Stakeholder, StakeholderId};

/// Where a person of the working set comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Already on the map, at this index of `stakeholders`.
    Existing(usize),
    /// New from the file.
    New,
}

/// One person of the working set.
#[derive(Clone, Debug)]
pub struct Person {
    /// The person as they will be after the import.
    pub stakeholder: Stakeholder,
    /// Where they come from.
    pub origin: Origin,
    /// The first row of the file that is this person.
    pub first_row: Option<usize>,
    /// Whether an empty field of an existing person was filled.
    pub filled: bool,
    /// The manager named in the file, and the row that named them.
    pub reports_to: Option<(String, usize)>,
}

/// The map's people plus the file's, with their e-mail and name indexes.
#[derive(Debug, Default)]
pub struct People {
    /// Existing people first (in map order), then new ones in file order.
    pub list: Vec<Person>,
    by_email: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    ids: IdAllocator,
}

/// What looking a contact up found.
enum Found {
    Person(usize),
    /// Nobody; `namesake` is someone with the same name but another e-mail.
    Nobody {
        namesake: Option<usize>,
    },
}

impl People {
    /// The people of `doc`, indexed.
    pub fn new(doc: &Document) -> Self {
        let mut people = Self {
            list: Vec::with_capacity(doc.stakeholders.len()),
            by_email: HashMap::new(),
            by_name: HashMap::new(),
            ids: IdAllocator::new(
                "p",
                doc.stakeholders.iter().map(|s| s.id.as_str().to_owned()),
            ),
        };
        for (index, stakeholder) in doc.stakeholders.iter().enumerate() {
            people.push(Person {
                stakeholder: stakeholder.clone(),
                origin: Origin::Existing(index),
                first_row: None,
                filled: false,
                reports_to: None,
            });
        }
        people
    }

    fn push(&mut self, person: Person) {
        let index = self.list.len();
        self.index_email(index, &person.stakeholder.contact.email);
        self.by_name
            .entry(name_key(&person.stakeholder.name))
            .or_default()
            .push(index);
        self.list.push(person);
    }

    fn index_email(&mut self, index: usize, email: &str) {
        let key = email_key(email);
        if !key.is_empty() {
            self.by_email.entry(key).or_insert(index);
        }
    }

    /// Adds each contact as a new person or merges it into the person it matches
    /// (see [`People::find`]); notes duplicates and conflicts in `issues` (row
    /// number, kind). `source_of(row)` is the `source` text of a person first seen
    /// in `row`.
    pub fn merge_contacts(
        &mut self,
        contacts: &[ContactRow],
        source_of: impl Fn(usize) -> String,
        issues: &mut Vec<(usize, RowIssueKind)>,
    ) {
        for contact in contacts {
            let index = match self.find(contact) {
                Found::Person(index) => index,
                Found::Nobody { namesake } => {
                    if let Some(other) = namesake.and_then(|i| self.list.get(i)) {
                        let other_row = match other.origin {
                            Origin::New => other.first_row,
                            Origin::Existing(_) => None,
                        };
                        issues.push((
                            contact.row,
                            RowIssueKind::Namesake {
                                name: for_message(&contact.name),
                                other: for_message(&other.stakeholder.name),
                                other_row,
                            },
                        ));
                    }
                    self.add(contact, source_of(contact.row))
                }
            };
            self.merge_into(index, contact, issues);
        }
    }

    /// The person a contact is: the same e-mail (ignoring case), else the same
    /// name (ignoring case and extra spaces) unless both have different e-mails.
    fn find(&self, contact: &ContactRow) -> Found {
        let email = email_key(&contact.email);
        if let Some(index) = self.by_email.get(&email) {
            return Found::Person(*index);
        }
        let namesakes = self
            .by_name
            .get(&name_key(&contact.name))
            .map_or(&[][..], Vec::as_slice);
        let compatible = namesakes.iter().find(|i| {
            self.list.get(**i).is_some_and(|p| {
                let theirs = email_key(&p.stakeholder.contact.email);
                theirs.is_empty() || email.is_empty() || theirs == email
            })
        });
        match compatible {
            Some(index) => Found::Person(*index),
            None => Found::Nobody {
                namesake: namesakes.first().copied(),
            },
        }
    }

    fn add(&mut self, contact: &ContactRow, source: String) -> usize {
        let mut stakeholder = Stakeholder::new(self.ids.next_id(), contact.name.clone());
        stakeholder.source = source;
        self.push(Person {
            stakeholder,
            origin: Origin::New,
            first_row: None,
            filled: false,
            reports_to: None,
        });
        self.list.len() - 1
    }

    /// Fills the person's empty fields from the contact; notes a second row for the
    /// same person and a second, different manager.
    fn merge_into(
        &mut self,
        index: usize,
        contact: &ContactRow,
        issues: &mut Vec<(usize, RowIssueKind)>,
    ) {
        let Some(person) = self.list.get_mut(index) else {
            return;
        };
        if let Some(first_row) = person.first_row {
            issues.push((
                contact.row,
                RowIssueKind::SamePerson {
                    name: for_message(&person.stakeholder.name),
                    first_row,
                },
            ));
        }
        let filled = fill_empty_fields(&mut person.stakeholder, contact);
        if person.origin != Origin::New {
            person.filled |= filled;
        }
        person.first_row.get_or_insert(contact.row);
        note_manager(person, contact, issues);
        let email = person.stakeholder.contact.email.clone();
        let known_by_another_name = name_key(&person.stakeholder.name) != name_key(&contact.name);
        self.index_email(index, &email);
        // Matched by e-mail under another name: the file's name finds them too
        // (later rows, and managers named in the file).
        if known_by_another_name {
            let aliases = self.by_name.entry(name_key(&contact.name)).or_default();
            if !aliases.contains(&index) {
                aliases.push(index);
            }
        }
    }

    /// The person a "reports to" cell names: an e-mail in it, else the name; or
    /// why there is none.
    pub fn find_manager(&self, value: &str) -> Result<usize, RowIssueKind> {
        if let Some(email) = value
            .split(|c: char| c.is_whitespace() || "<>()[],;\"'".contains(c))
            .find(|token| token.contains('@'))
            && let Some(index) = self.by_email.get(&email_key(email))
        {
            return Ok(*index);
        }
        let mut names = vec![name_key(value)];
        // "Ann Lee <ann@example.com>" → also try "Ann Lee".
        if let Some((before, _)) = value.split_once(['<', '(']) {
            names.push(name_key(before));
        }
        for key in names.iter().filter(|k| !k.is_empty()) {
            match self.by_name.get(key).map_or(&[][..], Vec::as_slice) {
                [] => {}
                [index] => return Ok(*index),
                several => {
                    return Err(RowIssueKind::AmbiguousManager {
                        manager: for_message(value),
                        count: several.len(),
                    });
                }
            }
        }
        Err(RowIssueKind::ManagerNotFound {
            manager: for_message(value),
        })
    }

    /// The id of the person at `index`.
    pub fn id(&self, index: usize) -> Option<&StakeholderId> {
        self.list.get(index).map(|p| &p.stakeholder.id)
    }
}

/// Copies the contact's title, department, e-mail, phone and notes into the
/// fields of `person` that are empty; returns whether any was filled.
fn fill_empty_fields(person: &mut Stakeholder, contact: &ContactRow) -> bool {
    let mut filled = false;
    for (slot, value) in [
        (&mut person.title, &contact.title),
        (&mut person.department, &contact.department),
        (&mut person.contact.email, &contact.email),
        (&mut person.contact.phone, &contact.phone),
        (&mut person.notes, &contact.notes),
    ] {
        if slot.trim().is_empty() && !value.is_empty() {
            slot.clone_from(value);
            filled = true;
        }
    }
    filled
}

/// Keeps the first manager named for a person; a different one in a later row is
/// reported.
fn note_manager(
    person: &mut Person,
    contact: &ContactRow,
    issues: &mut Vec<(usize, RowIssueKind)>,
) {
    if contact.reports_to.is_empty() {
        return;
    }
    match &person.reports_to {
        None => person.reports_to = Some((contact.reports_to.clone(), contact.row)),
        Some((kept, row)) if name_key(kept) != name_key(&contact.reports_to) => {
            issues.push((
                contact.row,
                RowIssueKind::ConflictingManager {
                    manager: for_message(&contact.reports_to),
                    kept: for_message(kept),
                    kept_row: *row,
                },
            ));
        }
        Some(_) => {}
    }
}

/// Hands out `{prefix}{n}` ids that are unused on the map and by each other.
#[derive(Debug, Default)]
pub struct IdAllocator {
    prefix: &'static str,
    taken: HashSet<String>,
    next: usize,
}

impl IdAllocator {
    /// An allocator of `{prefix}{n}` that avoids `taken`; numbering starts after
    /// their count, as [`Document::fresh_stakeholder_id`] does.
    pub fn new(prefix: &'static str, taken: impl IntoIterator<Item = String>) -> Self {
        let taken: HashSet<String> = taken.into_iter().collect();
        let next = taken.len() + 1;
        Self {
            prefix,
            taken,
            next,
        }
    }

    /// A fresh id.
    pub fn next_id(&mut self) -> String {
        loop {
            let candidate = format!("{}{}", self.prefix, self.next);
            self.next += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// How names are compared: trimmed, inner whitespace collapsed, lower case.
pub fn name_key(name: &str) -> String {
    collapse_whitespace(name).to_lowercase()
}

/// How e-mails are compared: trimmed, lower case.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A name for messages: shortened (the message quotes it in its language).
pub fn for_message(text: &str) -> String {
    shorten(text, 60)
}
