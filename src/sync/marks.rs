//! What a comparison marks on the canvas, whichever the older version is (a review,
//! another file, a git revision): who is new, who left (a ghost where they were or
//! beside someone they were linked to), what changed per person (stance up or down,
//! power, role, owner, coverage, anything else), and which lines are new, changed or
//! gone. Built once per comparison and edit in O(n log n); no egui here.

use std::collections::{HashMap, HashSet};

use crate::model::diff::{DocDiff, PersonField, diff};
use crate::model::{
    Coverage, Document, Position, Power, RelationshipId, RelationshipKind, Role, Stakeholder,
    StakeholderId, Stance, TeamMemberId,
};

/// Which way a stance moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// More favourable to us.
    Up,
    /// Less favourable.
    Down,
    /// To or from unknown: neither better nor worse.
    Sideways,
}

/// What changed about one person of the newer version.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PersonMarks {
    /// Not in the older version.
    pub added: bool,
    /// Stance before and now.
    pub stance: Option<(Stance, Stance)>,
    /// Power before and now.
    pub power: Option<(Power, Power)>,
    /// Role before and now.
    pub role: Option<(Role, Role)>,
    /// Owner on our team before and now.
    pub owner: Option<(Option<TeamMemberId>, Option<TeamMemberId>)>,
    /// Coverage before and now.
    pub coverage: Option<(Coverage, Coverage)>,
    /// Other fields that differ (title, notes, the log…), position left out.
    pub other: Vec<PersonField>,
}

impl PersonMarks {
    /// Which way the stance moved, when it changed.
    pub fn stance_direction(&self) -> Option<Direction> {
        let (before, now) = self.stance?;
        let favour = crate::analysis::trend::favour;
        Some(match (favour(before), favour(now)) {
            (Some(a), Some(b)) if b > a => Direction::Up,
            (Some(a), Some(b)) if b < a => Direction::Down,
            _ => Direction::Sideways,
        })
    }

    /// Whether anything shown as a mark changed (only moving a person is not).
    pub fn is_marked(&self) -> bool {
        self.added
            || self.stance.is_some()
            || self.power.is_some()
            || self.role.is_some()
            || self.owner.is_some()
            || self.coverage.is_some()
            || !self.other.is_empty()
    }
}

/// Where to draw someone who is no longer in the map.
#[derive(Clone, Debug, PartialEq)]
pub struct GhostPlace {
    /// Where they were on the map, when the older version says.
    pub was_at: Option<Position>,
    /// Someone still in the map they were linked to (their manager first), to
    /// draw them beside when there is no position or the view is computed.
    pub near: Option<StakeholderId>,
    /// Their number among the ghosts beside the same person (or, without one,
    /// among the ghosts without one), so ghosts do not pile up.
    pub slot: usize,
}

/// Someone in the older version only.
#[derive(Clone, Debug, PartialEq)]
pub struct Ghost {
    /// Their id.
    pub id: StakeholderId,
    /// Their name.
    pub name: String,
    /// How they were drawn.
    pub stance: Stance,
    /// How they were drawn.
    pub power: Power,
    /// Their role.
    pub role: Role,
    /// Where to draw them.
    pub place: GhostPlace,
}

/// One end of a line that is gone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GhostEnd {
    /// Someone still in the map.
    Person(StakeholderId),
    /// Someone gone too: an index into [`ChangeMarks::ghosts`].
    Ghost(usize),
}

/// A line in the older version only.
#[derive(Clone, Debug, PartialEq)]
pub struct GhostLine {
    /// Its id.
    pub id: RelationshipId,
    /// Its kind.
    pub kind: RelationshipKind,
    /// Where it started.
    pub from: GhostEnd,
    /// Where it ended.
    pub to: GhostEnd,
}

/// Everything a comparison marks, plus the plain difference it came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChangeMarks {
    /// People of the newer version who are new or changed, by id.
    pub people: HashMap<StakeholderId, PersonMarks>,
    /// The same people in the newer version's order (for lists).
    pub order: Vec<StakeholderId>,
    /// People of the older version only, in its order.
    pub ghosts: Vec<Ghost>,
    /// Lines of the older version only whose ends can be drawn.
    pub ghost_lines: Vec<GhostLine>,
    /// Lines of the newer version only.
    pub lines_added: HashSet<RelationshipId>,
    /// Lines in both whose ends, kind, strength or note differ.
    pub lines_changed: HashSet<RelationshipId>,
    /// The difference itself (counts, account, team, plans).
    pub diff: DocDiff,
}

impl ChangeMarks {
    /// What changed from `old` to `new`.
    pub fn between(old: &Document, new: &Document) -> Self {
        let diff = diff(old, new);
        let old_people: HashMap<&StakeholderId, &Stakeholder> =
            old.stakeholders.iter().map(|p| (&p.id, p)).collect();
        let new_people: HashMap<&StakeholderId, &Stakeholder> =
            new.stakeholders.iter().map(|p| (&p.id, p)).collect();
        let mut marks = Self::default();

        for (id, _) in &diff.people_added {
            marks.people.insert(
                id.clone(),
                PersonMarks {
                    added: true,
                    ..PersonMarks::default()
                },
            );
        }
        for change in &diff.people_changed {
            let (Some(before), Some(now)) =
                (old_people.get(&change.id), new_people.get(&change.id))
            else {
                continue;
            };
            let person = person_marks(before, now, &change.fields);
            if person.is_marked() {
                marks.people.insert(change.id.clone(), person);
            }
        }
        marks.order = new
            .stakeholders
            .iter()
            .filter(|p| marks.people.contains_key(&p.id))
            .map(|p| p.id.clone())
            .collect();

        let removed: HashSet<&StakeholderId> =
            diff.people_removed.iter().map(|(id, _)| id).collect();
        marks.ghosts = ghosts(old, &removed, &new_people);
        let ghost_index: HashMap<&StakeholderId, usize> = marks
            .ghosts
            .iter()
            .enumerate()
            .map(|(i, g)| (&g.id, i))
            .collect();
        let removed_lines: HashSet<&RelationshipId> = diff.lines_removed.iter().collect();
        let end = |id: &StakeholderId| {
            if new_people.contains_key(id) {
                Some(GhostEnd::Person(id.clone()))
            } else {
                ghost_index.get(id).map(|&i| GhostEnd::Ghost(i))
            }
        };
        marks.ghost_lines = old
            .relationships
            .iter()
            .filter(|l| removed_lines.contains(&l.id))
            .filter_map(|l| {
                Some(GhostLine {
                    id: l.id.clone(),
                    kind: l.kind,
                    from: end(&l.from)?,
                    to: end(&l.to)?,
                })
            })
            .collect();
        marks.lines_added = diff.lines_added.iter().cloned().collect();
        marks.lines_changed = diff.lines_changed.iter().cloned().collect();
        marks.diff = diff;
        marks
    }

    /// Whether there is nothing to mark or list.
    pub fn is_empty(&self) -> bool {
        self.diff.is_empty()
    }

    /// How many people are new, gone and changed.
    pub fn counts(&self) -> (usize, usize, usize) {
        (
            self.diff.people_added.len(),
            self.diff.people_removed.len(),
            self.people.values().filter(|m| !m.added).count(),
        )
    }
}

/// The marks of one person whose `fields` differ from `before` to `now`.
fn person_marks(before: &Stakeholder, now: &Stakeholder, fields: &[PersonField]) -> PersonMarks {
    let mut marks = PersonMarks::default();
    for field in fields {
        match field {
            PersonField::Stance => marks.stance = Some((before.stance, now.stance)),
            PersonField::Power => marks.power = Some((before.power, now.power)),
            PersonField::Role => marks.role = Some((before.role, now.role)),
            PersonField::Owner => marks.owner = Some((before.owner.clone(), now.owner.clone())),
            PersonField::Coverage => marks.coverage = Some((before.coverage, now.coverage)),
            // Moving someone is not a change worth a mark.
            PersonField::Position => {}
            other => marks.other.push(*other),
        }
    }
    marks
}

/// The people of `old` in `removed`, each placed where they were, or beside the
/// person still in the map they were linked to: their manager first, then anyone.
fn ghosts(
    old: &Document,
    removed: &HashSet<&StakeholderId>,
    new_people: &HashMap<&StakeholderId, &Stakeholder>,
) -> Vec<Ghost> {
    if removed.is_empty() {
        return Vec::new();
    }
    // (manager, anyone) still in the map, per removed person: one pass over lines.
    let mut anchors: HashMap<&StakeholderId, (Option<&StakeholderId>, Option<&StakeholderId>)> =
        HashMap::new();
    for line in &old.relationships {
        for (gone, other) in [(&line.from, &line.to), (&line.to, &line.from)] {
            if !removed.contains(gone) || !new_people.contains_key(other) {
                continue;
            }
            let entry = anchors.entry(gone).or_default();
            let is_manager = line.kind == RelationshipKind::ReportsTo && gone == &line.from;
            if is_manager && entry.0.is_none() {
                entry.0 = Some(other);
            }
            if entry.1.is_none() {
                entry.1 = Some(other);
            }
        }
    }
    let mut slots: HashMap<Option<&StakeholderId>, usize> = HashMap::new();
    old.stakeholders
        .iter()
        .filter(|p| removed.contains(&p.id))
        .map(|p| {
            let near = anchors
                .get(&p.id)
                .and_then(|(manager, anyone)| manager.or(*anyone));
            let slot = slots.entry(near).or_default();
            let place = GhostPlace {
                was_at: p.position,
                near: near.cloned(),
                slot: *slot,
            };
            *slot += 1;
            Ghost {
                id: p.id.clone(),
                name: p.name.clone(),
                stance: p.stance,
                power: p.power,
                role: p.role,
                place,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Relationship, TeamMember};

    fn person(id: &str, stance: Stance) -> Stakeholder {
        let mut p = Stakeholder::new(id, id.to_uppercase());
        p.stance = stance;
        p
    }

    fn base() -> Document {
        let mut doc = Document::default();
        doc.stakeholders.push(person("ceo", Stance::Neutral));
        doc.stakeholders.push(person("cfo", Stance::Skeptic));
        doc.stakeholders.push(person("it", Stance::Unknown));
        doc.stakeholders.push(person("gone", Stance::Opponent));
        doc.relationships.push(Relationship::new(
            "r1",
            "gone",
            "cfo",
            RelationshipKind::ReportsTo,
        ));
        doc.relationships.push(Relationship::new(
            "r2",
            "it",
            "gone",
            RelationshipKind::Influences,
        ));
        doc.relationships.push(Relationship::new(
            "r3",
            "cfo",
            "ceo",
            RelationshipKind::ReportsTo,
        ));
        doc.team.push(TeamMember::new("t1", "Lin"));
        doc
    }

    #[test]
    fn stance_moves_are_up_down_or_sideways() {
        let old = base();
        let mut new = base();
        new.stakeholders[0].stance = Stance::Supporter;
        new.stakeholders[1].stance = Stance::Opponent;
        new.stakeholders[2].stance = Stance::Advocate;
        let marks = ChangeMarks::between(&old, &new);
        let direction = |id: &str| {
            marks
                .people
                .get(&StakeholderId::from(id))
                .and_then(PersonMarks::stance_direction)
        };
        assert_eq!(direction("ceo"), Some(Direction::Up));
        assert_eq!(direction("cfo"), Some(Direction::Down));
        assert_eq!(direction("it"), Some(Direction::Sideways), "from unknown");
        assert_eq!(marks.order.len(), 3);
    }

    #[test]
    fn the_removed_stand_beside_their_manager_and_keep_their_lines() {
        let old = base();
        let mut new = base();
        new.stakeholders.retain(|p| p.id.as_str() != "gone");
        new.relationships.retain(|l| l.id.as_str() == "r3");
        new.stakeholders.push(person("new", Stance::Supporter));
        new.stakeholders[1].power = Power::MAX;
        new.stakeholders[1].owner = Some("t1".into());
        new.stakeholders[1].position = Some(Position::new(5.0, 5.0));
        let marks = ChangeMarks::between(&old, &new);
        assert_eq!(marks.ghosts.len(), 1);
        let ghost = &marks.ghosts[0];
        assert_eq!(
            ghost.place.near,
            Some(StakeholderId::from("cfo")),
            "manager"
        );
        assert_eq!(ghost.stance, Stance::Opponent);
        assert_eq!(marks.ghost_lines.len(), 2);
        assert!(
            marks
                .ghost_lines
                .iter()
                .all(|l| l.from == GhostEnd::Ghost(0) || l.to == GhostEnd::Ghost(0))
        );
        let cfo = &marks.people[&StakeholderId::from("cfo")];
        assert!(cfo.power.is_some() && cfo.owner.is_some() && cfo.other.is_empty());
        assert!(marks.people[&StakeholderId::from("new")].added);
        assert_eq!(marks.counts(), (1, 1, 1));
    }

    #[test]
    fn moving_someone_is_listed_nowhere_on_the_canvas() {
        let old = base();
        let mut new = base();
        new.stakeholders[0].position = Some(Position::new(1.0, 2.0));
        let marks = ChangeMarks::between(&old, &new);
        assert!(marks.people.is_empty());
        assert!(!marks.is_empty(), "the plain difference still has it");
    }

    #[test]
    fn ghosts_without_links_get_their_own_slots() {
        let mut old = base();
        old.stakeholders.push(person("a", Stance::Neutral));
        old.stakeholders.push(person("b", Stance::Neutral));
        let new = base();
        let marks = ChangeMarks::between(&old, &new);
        let slots: Vec<(Option<StakeholderId>, usize)> = marks
            .ghosts
            .iter()
            .map(|g| (g.place.near.clone(), g.place.slot))
            .collect();
        assert_eq!(slots, [(None, 0), (None, 1)]);
    }
}
