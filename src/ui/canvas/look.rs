//! What the canvas shows of a person and of a line: the payloads stored in the graph,
//! rebuilt from the document when it changes.

use std::sync::Arc;

use crate::model::{Power, Relationship};
use crate::model::{
    RelationshipId, RelationshipKind, Stakeholder, StakeholderId, Stance, Strength,
};
use crate::theme;
use crate::ui::i18n::{T, Tr};

/// The parts of a stakeholder the canvas draws. Shared, since egui_graphs clones node
/// payloads every frame.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonLook {
    /// Which person.
    pub id: StakeholderId,
    /// The name, or a placeholder for an unnamed person.
    pub name: String,
    /// Title and department on one line.
    pub detail: String,
    /// Role mark drawn in the node.
    pub mark: &'static str,
    /// Fill colour source.
    pub stance: Stance,
    /// Size source.
    pub power: Power,
    /// Emphasised (path to power, stage focus, search), faded or hidden (filter).
    pub emphasis: Emphasis,
}

/// How strongly a person or a line is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Emphasis {
    /// As usual.
    #[default]
    Normal,
    /// Ringed (people) or underlaid (lines).
    Highlighted,
    /// New or changed since the version the map is compared with (lines): underlaid
    /// in the comparison's colour.
    Changed,
    /// Faint: left out by a filter.
    Dimmed,
    /// Not drawn and not clickable: left out by a filter that hides.
    Hidden,
}

impl Emphasis {
    /// Highlighted or normal.
    pub fn from_highlighted(highlighted: bool) -> Self {
        if highlighted {
            Self::Highlighted
        } else {
            Self::Normal
        }
    }
}

/// The node payload in the graph.
pub type PersonPayload = Arc<PersonLook>;

impl PersonLook {
    /// The look of `person` in the UI language.
    pub fn of(person: &Stakeholder, tr: Tr, emphasis: Emphasis) -> Self {
        let name = if person.name.trim().is_empty() {
            tr.t(T::Unnamed).to_owned()
        } else {
            person.name.clone()
        };
        let detail = [person.title.as_str(), person.department.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        Self {
            id: person.id.clone(),
            name,
            detail,
            mark: theme::role_mark(person.role, tr.chinese()),
            stance: person.stance,
            power: person.power,
            emphasis,
        }
    }
}

impl PersonLook {
    /// Whether this look is what `person` would get, compared without allocating.
    pub fn shows(&self, person: &Stakeholder, tr: Tr, emphasis: Emphasis) -> bool {
        let name_matches = if person.name.trim().is_empty() {
            self.name == tr.t(T::Unnamed)
        } else {
            self.name == person.name
        };
        self.id == person.id
            && name_matches
            && detail_is(&self.detail, &person.title, &person.department)
            && self.mark == theme::role_mark(person.role, tr.chinese())
            && self.stance == person.stance
            && self.power == person.power
            && self.emphasis == emphasis
    }
}

/// Whether `detail` is the non-empty ones of `title` and `department` joined by " · ".
fn detail_is(detail: &str, title: &str, department: &str) -> bool {
    match (title.is_empty(), department.is_empty()) {
        (true, true) => detail.is_empty(),
        (false, true) => detail == title,
        (true, false) => detail == department,
        (false, false) => detail
            .strip_prefix(title)
            .and_then(|rest| rest.strip_prefix(" · "))
            .is_some_and(|rest| rest == department),
    }
}

/// The parts of a relationship the canvas draws.
#[derive(Clone, Debug, PartialEq)]
pub struct LineLook {
    /// Which line.
    pub id: RelationshipId,
    /// Its kind (style).
    pub kind: RelationshipKind,
    /// Its strength (width).
    pub strength: Strength,
    /// Emphasised (path to power), faded or hidden (an end left out by a filter).
    pub emphasis: Emphasis,
}

/// The edge payload in the graph.
pub type LinePayload = Arc<LineLook>;

impl LineLook {
    /// The look of `line`.
    pub fn of(line: &Relationship, emphasis: Emphasis) -> Self {
        Self {
            id: line.id.clone(),
            kind: line.kind,
            strength: line.strength,
            emphasis,
        }
    }
}

impl LineLook {
    /// Whether this look is what `line` would get, compared without allocating.
    pub fn shows(&self, line: &Relationship, emphasis: Emphasis) -> bool {
        self.id == line.id
            && self.kind == line.kind
            && self.strength == line.strength
            && self.emphasis == emphasis
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Language;
    use proptest::prelude::*;

    proptest! {
        /// `shows` agrees with building the look and comparing it.
        #[test]
        fn shows_is_equality_with_the_built_look(
            name in "[ a-c·]{0,4}", title in "[a-c· ]{0,4}", department in "[a-c· ]{0,4}",
            other_title in "[a-c· ]{0,4}", other_department in "[a-c· ]{0,4}",
            power in 1u8..=5, highlighted: bool, chinese: bool,
        ) {
            let tr = Tr(if chinese { Language::Chinese } else { Language::English });
            let mut person = Stakeholder::new("p1", name);
            person.title = title;
            person.department = department;
            person.power = Power::new(i64::from(power)).unwrap_or_default();
            let look = PersonLook::of(&person, tr, Emphasis::from_highlighted(highlighted));
            prop_assert!(look.shows(&person, tr, Emphasis::from_highlighted(highlighted)));
            prop_assert!(!look.shows(&person, tr, Emphasis::from_highlighted(!highlighted)));
            prop_assert!(!look.shows(&person, tr, Emphasis::Dimmed));
            let mut other = person.clone();
            other.title = other_title;
            other.department = other_department;
            let emphasis = Emphasis::from_highlighted(highlighted);
            prop_assert_eq!(look.shows(&other, tr, emphasis), PersonLook::of(&other, tr, emphasis) == look);
        }
    }
}
