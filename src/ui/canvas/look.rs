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
    /// Whether the person is emphasised (path to power, stage focus).
    pub highlighted: bool,
}

/// The node payload in the graph.
pub type PersonPayload = Arc<PersonLook>;

impl PersonLook {
    /// The look of `person` in the UI language.
    pub fn of(person: &Stakeholder, tr: Tr, highlighted: bool) -> Self {
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
            highlighted,
        }
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
    /// Whether it is emphasised (path to power).
    pub highlighted: bool,
}

/// The edge payload in the graph.
pub type LinePayload = Arc<LineLook>;

impl LineLook {
    /// The look of `line`.
    pub fn of(line: &Relationship, highlighted: bool) -> Self {
        Self {
            id: line.id.clone(),
            kind: line.kind,
            strength: line.strength,
            highlighted,
        }
    }
}
