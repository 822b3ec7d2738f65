//! Open next actions across the map, overdue ones first.

use crate::model::{Date, Document};

/// A next action that is not done.
#[derive(Clone, Debug, PartialEq)]
pub struct OpenAction {
    /// The person (index in the document).
    pub person: usize,
    /// The action's index in the person's list.
    pub index: usize,
    /// What to do.
    pub text: String,
    /// When it is due.
    pub due: Option<Date>,
    /// Whether the due date has passed.
    pub overdue: bool,
}

/// Every open action: overdue first, then by due date (undated last), then in
/// document order.
pub fn open_actions(doc: &Document, today: Date) -> Vec<OpenAction> {
    let mut actions: Vec<OpenAction> = doc
        .stakeholders
        .iter()
        .enumerate()
        .flat_map(|(person, s)| {
            s.next_actions
                .iter()
                .enumerate()
                .filter(|(_, a)| !a.done)
                .map(move |(index, a)| OpenAction {
                    person,
                    index,
                    text: a.text.clone(),
                    due: a.due,
                    overdue: a.due.is_some_and(|d| d < today),
                })
        })
        .collect();
    actions.sort_by_key(|a| (!a.overdue, a.due.is_none(), a.due, a.person, a.index));
    actions
}
