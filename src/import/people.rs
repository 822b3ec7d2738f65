//! The people of the map while an import is planned: those already there and those
//! the file adds, with indexes to find a contact's person by e-mail or name. Which
//! row is which person follows the rules in [`super::matching`].

use std::collections::{HashMap, HashSet};

use super::contacts::ContactRow;
use super::issue::RowIssueKind;
use super::matching::{
    Agreement, ApartReason, ContactDetails, MatchBasis, MatchChoices, MatchEvidence, MatchOutcome,
    MatchProposal, MatchSide, MatchTarget, email_key, name_key, text_key,
};
use super::namesakes::{MatchKeys, Namesakes};
use super::text::shorten;
use crate::model::{
    Coverage, Document, Role, Stakeholder, StakeholderId, Stance, TeamMember, TeamMemberId,
};

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
    /// What matching compares, kept up to date as fields are filled.
    keys: MatchKeys,
}

/// The map's people plus the file's, with their e-mail and name indexes.
#[derive(Debug, Default)]
pub struct People {
    /// Existing people first (in map order), then new ones in file order.
    pub list: Vec<Person>,
    by_email: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    /// Other names people are known by (matched by e-mail under another name).
    aliases: HashSet<(String, usize)>,
    namesakes: Namesakes,
    /// The team, by name, for the owner column.
    team: HashMap<String, TeamMemberId>,
    /// Members of our team the owner column names who were not on the map yet.
    pub new_members: Vec<TeamMember>,
    member_ids: IdAllocator,
    ids: IdAllocator,
}

/// The person a row could be, and how they compare.
struct Candidate {
    index: usize,
    evidence: MatchEvidence,
    /// Other namesakes that fit as well.
    others: usize,
}

/// What to do with one row.
struct Decision {
    /// Merge into this person, copying contact details or not; `None`: a new person.
    merge: Option<(usize, bool)>,
    /// The proposal for the user, when the row had a candidate.
    proposal: Option<MatchProposal>,
}

impl People {
    /// The people of `doc`, indexed.
    pub fn new(doc: &Document) -> Self {
        let mut team = HashMap::new();
        for member in &doc.team {
            team.entry(name_key(&member.name))
                .or_insert_with(|| member.id.clone());
        }
        let mut people = Self {
            list: Vec::with_capacity(doc.stakeholders.len()),
            by_email: HashMap::new(),
            by_name: HashMap::new(),
            aliases: HashSet::new(),
            namesakes: Namesakes::default(),
            team,
            new_members: Vec::new(),
            member_ids: IdAllocator::new("t", doc.team.iter().map(|m| m.id.as_str().to_owned())),
            ids: IdAllocator::new(
                "p",
                doc.stakeholders.iter().map(|s| s.id.as_str().to_owned()),
            ),
        };
        for (index, stakeholder) in doc.stakeholders.iter().enumerate() {
            people.push(Person {
                keys: keys_of(stakeholder),
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
            .entry(person.keys.name.clone())
            .or_default()
            .push(index);
        self.namesakes
            .insert(index, &person.keys.name, &person.keys);
        self.list.push(person);
    }

    fn index_email(&mut self, index: usize, email: &str) {
        let key = email_key(email);
        if !key.is_empty() {
            self.by_email.entry(key).or_insert(index);
        }
    }

    /// Adds each contact as a new person or merges it into the person it matches
    /// (see [`super::matching`] and `choices`); notes duplicates, namesakes and held
    /// back contact details in `issues` (row number, kind), and every row that had a
    /// candidate in `proposals`. `source_of(row)` is the `source` text of a person
    /// first seen in `row` when the row gives none.
    pub fn merge_contacts(
        &mut self,
        contacts: &[ContactRow],
        choices: &MatchChoices,
        source_of: impl Fn(usize) -> String,
        issues: &mut Vec<(usize, RowIssueKind)>,
        proposals: &mut Vec<MatchProposal>,
    ) {
        for contact in contacts {
            let decision = self.decide(contact, choices);
            let mut proposal = decision.proposal;
            match decision.merge {
                Some((index, copy_contacts)) => {
                    let details = self.merge_into(index, contact, copy_contacts, issues);
                    if let Some(proposal) = &mut proposal {
                        proposal.outcome = MatchOutcome::Merged(details);
                        if details == ContactDetails::HeldBack {
                            issues.push((
                                contact.row,
                                RowIssueKind::NameMatch {
                                    name: for_message(&contact.name),
                                    other: for_message(&proposal.other_side.name),
                                    other_row: target_row(&proposal.target),
                                },
                            ));
                        }
                    }
                }
                None => {
                    if let Some(proposal) = &proposal
                        && let MatchOutcome::KeptApart(reason) = proposal.outcome
                    {
                        issues.push((contact.row, kept_apart_issue(contact, proposal, reason)));
                    }
                    let source = if contact.source.is_empty() {
                        source_of(contact.row)
                    } else {
                        contact.source.clone()
                    };
                    let index = self.add(contact, source);
                    self.merge_into(index, contact, true, issues);
                }
            }
            proposals.extend(proposal);
        }
    }

    /// The best person `contact` could be: the one with its e-mail, else the
    /// namesake with the most fields in agreement among those nothing speaks
    /// against (see [`Namesakes::best`]), else the first namesake (to say why they
    /// were kept apart).
    fn candidate(&mut self, contact: &ContactRow) -> Option<Candidate> {
        let row = MatchKeys {
            name: name_key(&contact.name),
            title: text_key(&contact.title),
            department: text_key(&contact.department),
            email: email_key(&contact.email),
        };
        if let Some(&index) = self.by_email.get(&row.email) {
            let person = self.list.get(index)?;
            return Some(Candidate {
                index,
                evidence: evidence(MatchBasis::Email, &person.keys, &row),
                others: 0,
            });
        }
        let first = *self.by_name.get(&row.name)?.first()?;
        let Self {
            list, namesakes, ..
        } = self;
        let best = namesakes.best(&row, &|i| list.get(i).map(|p| &p.keys));
        let index = best.unwrap_or(first);
        let person = self.list.get(index)?;
        let evidence_found = evidence(MatchBasis::Name, &person.keys, &row);
        // How many others would fit as well, among the first few namesakes.
        let others = match best {
            None => 0,
            Some(best) => self
                .by_name
                .get(&row.name)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .take(NAMESAKES_COUNTED)
                .filter(|&&i| i != best)
                .filter_map(|&i| self.list.get(i))
                .filter(|p| evidence(MatchBasis::Name, &p.keys, &row).is_compatible())
                .count(),
        };
        Some(Candidate {
            index,
            evidence: evidence_found,
            others,
        })
    }

    /// Applies the rules and the user's choices to one row.
    fn decide(&mut self, contact: &ContactRow, choices: &MatchChoices) -> Decision {
        let Some(candidate) = self.candidate(contact) else {
            return Decision {
                merge: None,
                proposal: None,
            };
        };
        let Some(person) = self.list.get(candidate.index) else {
            return Decision {
                merge: None,
                proposal: None,
            };
        };
        let row = contact.row;
        let by_email = candidate.evidence.basis == MatchBasis::Email;
        let said_same = choices.same.contains(&row);
        let apart = if choices.separate.contains(&row) {
            Some(ApartReason::Chosen)
        } else if by_email || said_same {
            None
        } else if !choices.match_by_name {
            Some(ApartReason::NameMatchingOff)
        } else {
            candidate.evidence.conflict()
        };
        let target = match person.origin {
            Origin::Existing(_) => MatchTarget::Existing(person.stakeholder.id.clone()),
            Origin::New => MatchTarget::Row(person.first_row.unwrap_or(row)),
        };
        let proposal = MatchProposal {
            row,
            target,
            row_side: MatchSide {
                name: contact.name.clone(),
                title: contact.title.clone(),
                department: contact.department.clone(),
                email: contact.email.clone(),
                phone: contact.phone.clone(),
            },
            other_side: side_of(&person.stakeholder),
            evidence: candidate.evidence,
            outcome: match apart {
                Some(reason) => MatchOutcome::KeptApart(reason),
                None => MatchOutcome::Merged(ContactDetails::NothingToCopy),
            },
            other_candidates: candidate.others,
        };
        let copy_contacts = by_email || choices.copies_contacts(row);
        Decision {
            merge: apart.is_none().then_some((candidate.index, copy_contacts)),
            proposal: Some(proposal),
        }
    }

    fn add(&mut self, contact: &ContactRow, source: String) -> usize {
        let mut stakeholder = Stakeholder::new(self.ids.next_id(), contact.name.clone());
        stakeholder.source = source;
        self.push(Person {
            keys: keys_of(&stakeholder),
            stakeholder,
            origin: Origin::New,
            first_row: None,
            filled: false,
            reports_to: None,
        });
        self.list.len() - 1
    }

    /// The team member called `name`; one is added to the team when nobody is.
    fn member(&mut self, name: &str) -> TeamMemberId {
        let key = name_key(name);
        if let Some(id) = self.team.get(&key) {
            return id.clone();
        }
        let id = TeamMemberId::new(self.member_ids.next_id());
        self.new_members
            .push(TeamMember::new(id.as_str(), name.to_owned()));
        self.team.insert(key, id.clone());
        id
    }

    /// Fills the person's empty fields from the contact (contact details only when
    /// `copy_contacts`; the owner, added to the team when needed); notes a second
    /// row for the same person and a second, different manager. Says what became
    /// of the contact details.
    fn merge_into(
        &mut self,
        index: usize,
        contact: &ContactRow,
        copy_contacts: bool,
        issues: &mut Vec<(usize, RowIssueKind)>,
    ) -> ContactDetails {
        let needs_owner = self
            .list
            .get(index)
            .is_some_and(|p| p.stakeholder.owner.is_none());
        let owner = (needs_owner && !contact.owner.is_empty()).then(|| self.member(&contact.owner));
        let Some(person) = self.list.get_mut(index) else {
            return ContactDetails::NothingToCopy;
        };
        let offers_contacts = offers_contact_details(&person.stakeholder, contact);
        let details = match (offers_contacts, copy_contacts) {
            (false, _) => ContactDetails::NothingToCopy,
            (true, true) => ContactDetails::Copied,
            (true, false) => ContactDetails::HeldBack,
        };
        if let Some(first_row) = person.first_row
            && details != ContactDetails::HeldBack
        {
            issues.push((
                contact.row,
                RowIssueKind::SamePerson {
                    name: for_message(&person.stakeholder.name),
                    first_row,
                },
            ));
        }
        let first_sight = person.first_row.is_none();
        let mut filled = fill_empty_fields(&mut person.stakeholder, contact, copy_contacts);
        if person.origin == Origin::New
            && first_sight
            && let Some(power) = contact.power
        {
            person.stakeholder.power = power;
        }
        if let Some(owner) = owner {
            person.stakeholder.owner = Some(owner);
            filled = true;
        }
        if person.origin != Origin::New {
            person.filled |= filled;
        }
        person.first_row.get_or_insert(contact.row);
        note_manager(person, contact, issues);
        let email = person.stakeholder.contact.email.clone();
        let keys = keys_of(&person.stakeholder);
        let changed = keys != person.keys;
        person.keys = keys.clone();
        self.index_email(index, &email);
        if changed {
            self.namesakes.insert(index, &keys.name, &keys);
        }
        // Matched by e-mail under another name: the file's name finds them too
        // (later rows, and managers named in the file).
        let alias = name_key(&contact.name);
        if alias != keys.name && self.aliases.insert((alias.clone(), index)) {
            self.namesakes.insert(index, &alias, &keys);
            self.by_name.entry(alias).or_default().push(index);
        }
        details
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

/// Namesakes looked at to say how many others would fit as well as the one proposed.
const NAMESAKES_COUNTED: usize = 64;

/// What matching compares of a person.
fn keys_of(person: &Stakeholder) -> MatchKeys {
    MatchKeys {
        name: name_key(&person.name),
        title: text_key(&person.title),
        department: text_key(&person.department),
        email: email_key(&person.contact.email),
    }
}

/// How a person compares with a row.
fn evidence(basis: MatchBasis, person: &MatchKeys, row: &MatchKeys) -> MatchEvidence {
    MatchEvidence {
        basis,
        email: Agreement::of(&person.email, &row.email),
        title: Agreement::of(&person.title, &row.title),
        department: Agreement::of(&person.department, &row.department),
    }
}

/// The row of a target that came from the file.
fn target_row(target: &MatchTarget) -> Option<usize> {
    match target {
        MatchTarget::Row(row) => Some(*row),
        MatchTarget::Existing(_) => None,
    }
}

/// A person's side of a proposed match.
fn side_of(person: &Stakeholder) -> MatchSide {
    MatchSide {
        name: person.name.clone(),
        title: person.title.clone(),
        department: person.department.clone(),
        email: person.contact.email.clone(),
        phone: person.contact.phone.clone(),
    }
}

/// The message for a row kept apart from its namesake.
fn kept_apart_issue(
    contact: &ContactRow,
    proposal: &MatchProposal,
    reason: ApartReason,
) -> RowIssueKind {
    let (ours, theirs) = match reason {
        ApartReason::OtherTitle => (&contact.title, &proposal.other_side.title),
        ApartReason::OtherDepartment => (&contact.department, &proposal.other_side.department),
        _ => (&String::new(), &String::new()),
    };
    RowIssueKind::Namesake {
        name: for_message(&contact.name),
        other: for_message(&proposal.other_side.name),
        other_row: target_row(&proposal.target),
        reason,
        values: (!ours.is_empty()).then(|| (for_message(ours), for_message(theirs))),
    }
}

/// Whether the contact has an e-mail, phone or other contact detail that would fill
/// an empty field of `person`.
fn offers_contact_details(person: &Stakeholder, contact: &ContactRow) -> bool {
    [
        (&person.contact.email, &contact.email),
        (&person.contact.phone, &contact.phone),
        (&person.contact.other, &contact.other_contact),
    ]
    .iter()
    .any(|(slot, value)| slot.trim().is_empty() && !value.is_empty())
}

/// Copies the contact's fields into the fields of `person` that are empty (role,
/// stance and coverage count as empty while unknown or none; contact details only
/// when `copy_contacts`); returns whether any was filled.
fn fill_empty_fields(person: &mut Stakeholder, contact: &ContactRow, copy_contacts: bool) -> bool {
    let mut filled = false;
    let mut texts = vec![
        (&mut person.title, &contact.title),
        (&mut person.department, &contact.department),
        (&mut person.notes, &contact.notes),
        (&mut person.interests.business, &contact.business_agenda),
        (&mut person.interests.personal, &contact.personal_agenda),
        (&mut person.concerns, &contact.concerns),
        (&mut person.decision_criteria, &contact.decision_criteria),
        (&mut person.source, &contact.source),
        (&mut person.favours, &contact.favours),
    ];
    if copy_contacts {
        texts.push((&mut person.contact.email, &contact.email));
        texts.push((&mut person.contact.phone, &contact.phone));
        texts.push((&mut person.contact.other, &contact.other_contact));
    }
    for (slot, value) in texts {
        if slot.trim().is_empty() && !value.is_empty() {
            slot.clone_from(value);
            filled = true;
        }
    }
    if let Some(role) = contact.role.filter(|_| person.role == Role::Unknown) {
        filled |= role != person.role;
        person.role = role;
    }
    if let Some(stance) = contact.stance.filter(|_| person.stance == Stance::Unknown) {
        filled |= stance != person.stance;
        person.stance = stance;
    }
    if let Some(coverage) = contact
        .coverage
        .filter(|_| person.coverage == Coverage::None)
    {
        filled |= coverage != person.coverage;
        person.coverage = coverage;
    }
    for (slot, value) in [
        (&mut person.last_contact, contact.last_contact),
        (&mut person.last_verified, contact.last_verified),
    ] {
        if slot.is_none() && value.is_some() {
            *slot = value;
            filled = true;
        }
    }
    if person.tags.is_empty() && !contact.tags.is_empty() {
        person.tags.clone_from(&contact.tags);
        filled = true;
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

/// A name for messages: shortened (the message quotes it in its language).
pub fn for_message(text: &str) -> String {
    shorten(text, 60)
}
