//! What differs between two versions of a map, person by person and line by line:
//! for "compare" when a recovered copy or a file changed on disk meets the map in
//! the window. Matching is by id, in O(n log n); the lists are in the order of the
//! newer version (removed items in the order of the older one).

use std::collections::HashMap;

use super::{Document, Relationship, RelationshipId, Stakeholder, StakeholderId};

/// A field of a person that can differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PersonField {
    /// Name.
    Name,
    /// Title.
    Title,
    /// Department.
    Department,
    /// Buying role.
    Role,
    /// Stance toward us.
    Stance,
    /// Power.
    Power,
    /// Business and personal agenda.
    Interests,
    /// Concerns.
    Concerns,
    /// Decision criteria.
    DecisionCriteria,
    /// Notes.
    Notes,
    /// Contact details.
    Contact,
    /// Owner on our team.
    Owner,
    /// Coverage.
    Coverage,
    /// Last contact date.
    LastContact,
    /// Last verified date.
    LastVerified,
    /// Source of the information.
    Source,
    /// Tags.
    Tags,
    /// The competitor they favour.
    Favours,
    /// Next actions.
    NextActions,
    /// The interaction log.
    Interactions,
    /// Position on the canvas.
    Position,
    /// Fields from newer versions.
    Other,
}

/// A person on both sides whose fields differ.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonChange {
    /// The person's id.
    pub id: StakeholderId,
    /// The name in the newer version.
    pub name: String,
    /// What differs.
    pub fields: Vec<PersonField>,
}

/// Everything that differs from `old` to `new`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocDiff {
    /// People only in the newer version: id and name.
    pub people_added: Vec<(StakeholderId, String)>,
    /// People only in the older version: id and name.
    pub people_removed: Vec<(StakeholderId, String)>,
    /// People in both whose fields differ.
    pub people_changed: Vec<PersonChange>,
    /// Lines only in the newer version.
    pub lines_added: Vec<RelationshipId>,
    /// Lines only in the older version.
    pub lines_removed: Vec<RelationshipId>,
    /// Lines in both whose ends, kind, strength or note differ.
    pub lines_changed: Vec<RelationshipId>,
    /// The account fields differ.
    pub account_changed: bool,
    /// Our team differs.
    pub team_changed: bool,
    /// The communication plans differ.
    pub plans_changed: bool,
}

impl DocDiff {
    /// Whether the two versions are the same in everything compared.
    pub fn is_empty(&self) -> bool {
        self.people_added.is_empty()
            && self.people_removed.is_empty()
            && self.people_changed.is_empty()
            && self.lines_added.is_empty()
            && self.lines_removed.is_empty()
            && self.lines_changed.is_empty()
            && !self.account_changed
            && !self.team_changed
            && !self.plans_changed
    }
}

/// What changed from `old` to `new`.
pub fn diff(old: &Document, new: &Document) -> DocDiff {
    let old_people: HashMap<&StakeholderId, &Stakeholder> =
        old.stakeholders.iter().map(|p| (&p.id, p)).collect();
    let new_ids: HashMap<&StakeholderId, ()> =
        new.stakeholders.iter().map(|p| (&p.id, ())).collect();
    let mut result = DocDiff::default();
    for person in &new.stakeholders {
        match old_people.get(&person.id) {
            None => result
                .people_added
                .push((person.id.clone(), person.name.clone())),
            Some(before) => {
                let fields = person_fields(before, person);
                if !fields.is_empty() {
                    result.people_changed.push(PersonChange {
                        id: person.id.clone(),
                        name: person.name.clone(),
                        fields,
                    });
                }
            }
        }
    }
    result.people_removed = old
        .stakeholders
        .iter()
        .filter(|p| !new_ids.contains_key(&p.id))
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();

    let old_lines: HashMap<&RelationshipId, &Relationship> =
        old.relationships.iter().map(|l| (&l.id, l)).collect();
    let new_line_ids: HashMap<&RelationshipId, ()> =
        new.relationships.iter().map(|l| (&l.id, ())).collect();
    for line in &new.relationships {
        match old_lines.get(&line.id) {
            None => result.lines_added.push(line.id.clone()),
            Some(before) if *before != line => result.lines_changed.push(line.id.clone()),
            Some(_) => {}
        }
    }
    result.lines_removed = old
        .relationships
        .iter()
        .filter(|l| !new_line_ids.contains_key(&l.id))
        .map(|l| l.id.clone())
        .collect();
    result.account_changed = old.account != new.account;
    result.team_changed = old.team != new.team;
    result.plans_changed = old.plans != new.plans;
    result
}

/// The fields that differ between two versions of one person.
fn person_fields(a: &Stakeholder, b: &Stakeholder) -> Vec<PersonField> {
    use PersonField as F;
    let checks = [
        (F::Name, a.name == b.name),
        (F::Title, a.title == b.title),
        (F::Department, a.department == b.department),
        (F::Role, a.role == b.role),
        (F::Stance, a.stance == b.stance),
        (F::Power, a.power == b.power),
        (F::Interests, a.interests == b.interests),
        (F::Concerns, a.concerns == b.concerns),
        (
            F::DecisionCriteria,
            a.decision_criteria == b.decision_criteria,
        ),
        (F::Notes, a.notes == b.notes),
        (F::Contact, a.contact == b.contact),
        (F::Owner, a.owner == b.owner),
        (F::Coverage, a.coverage == b.coverage),
        (F::LastContact, a.last_contact == b.last_contact),
        (F::LastVerified, a.last_verified == b.last_verified),
        (F::Source, a.source == b.source),
        (F::Tags, a.tags == b.tags),
        (F::Favours, a.favours == b.favours),
        (F::NextActions, a.next_actions == b.next_actions),
        (F::Interactions, a.interactions == b.interactions),
        (
            F::Position,
            a.position == b.position && a.position_extra == b.position_extra,
        ),
        (F::Other, a.extra == b.extra),
    ];
    checks
        .into_iter()
        .filter(|(_, same)| !same)
        .map(|(field, _)| field)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RelationshipKind, Stance};

    fn person(id: &str, name: &str) -> Stakeholder {
        Stakeholder::new(StakeholderId::new(id), name)
    }

    #[test]
    fn finds_added_removed_and_changed_people_and_lines() {
        let mut old = Document {
            stakeholders: vec![person("a", "Ann"), person("b", "Bo"), person("c", "Cy")],
            ..Document::default()
        };
        old.relationships.push(Relationship::new(
            RelationshipId::new("ab"),
            StakeholderId::new("a"),
            StakeholderId::new("b"),
            RelationshipKind::ReportsTo,
        ));
        let mut new = old.clone();
        new.stakeholders.retain(|p| p.id.as_str() != "c");
        new.stakeholders.push(person("d", "刘洋"));
        if let Some(b) = new.stakeholders.get_mut(1) {
            b.stance = Stance::Opponent;
            b.title = "CFO".into();
        }
        if let Some(line) = new.relationships.get_mut(0) {
            line.kind = RelationshipKind::Influences;
        }
        new.account.name = "Acme".into();

        let d = diff(&old, &new);
        assert_eq!(
            d.people_added,
            vec![(StakeholderId::new("d"), "刘洋".into())]
        );
        assert_eq!(
            d.people_removed,
            vec![(StakeholderId::new("c"), "Cy".into())]
        );
        assert_eq!(d.people_changed.len(), 1);
        assert_eq!(
            d.people_changed[0].fields,
            vec![PersonField::Title, PersonField::Stance]
        );
        assert_eq!(d.lines_changed, vec![RelationshipId::new("ab")]);
        assert!(d.account_changed && !d.team_changed && !d.plans_changed);
        assert!(!d.is_empty());
        assert!(diff(&new, &new).is_empty());
    }

    #[test]
    fn whom_a_person_favours_and_the_deal_facts_are_differences() {
        let old = Document {
            stakeholders: vec![person("a", "Ann")],
            ..Document::default()
        };
        let mut new = old.clone();
        new.stakeholders[0].favours = "华锐智能".into();
        let d = diff(&old, &new);
        assert_eq!(d.people_changed[0].fields, vec![PersonField::Favours]);
        let mut new = old.clone();
        new.account.competitors.push("Siemens".into());
        assert!(diff(&old, &new).account_changed);
    }
}
