//! Dropping people on a cell of the power × stance grid gives them that cell's
//! stance and power — one undoable step, as a workshop moves sticky notes.

use crate::edit::Command;
use crate::model::{Document, Position, StakeholderId};
use crate::views::GridGeometry;

/// The edit for dropping `dragged` on the grid, the drag having taken the leader
/// from `from` to `to` (canvas). `None` when it changes nothing: dropped outside
/// every cell, back in the cell it came from, or everyone already there.
pub fn grid_drop_command(
    doc: &Document,
    grid: &GridGeometry,
    dragged: &[StakeholderId],
    from: Position,
    to: Position,
) -> Option<Command> {
    let (stance, power) = grid.cell_at(to)?;
    if grid.cell_at(from) == Some((stance, power)) {
        return None;
    }
    let mut updates: Vec<Command> = dragged
        .iter()
        .filter_map(|id| doc.stakeholder(id))
        .filter(|person| (person.stance, person.power) != (stance, power))
        .map(|person| {
            Command::update_stakeholder(crate::model::Stakeholder {
                stance,
                power,
                ..person.clone()
            })
        })
        .collect();
    match updates.len() {
        0 => None,
        1 => updates.pop(),
        _ => Some(Command::Batch(updates)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;
    use crate::model::{Power, Stakeholder, Stance};
    use crate::views::grid_view;
    use proptest::prelude::*;

    fn doc() -> Document {
        let mut doc = Document::default();
        for (i, (stance, power)) in [
            (Stance::Opponent, 5),
            (Stance::Neutral, 2),
            (Stance::Advocate, 1),
            (Stance::Unknown, 3),
        ]
        .into_iter()
        .enumerate()
        {
            let mut p = Stakeholder::new(format!("p{i}").as_str(), format!("P{i}").as_str());
            p.stance = stance;
            p.power = Power::new(power).unwrap();
            p.notes = format!("notes {i}");
            doc.stakeholders.push(p);
        }
        doc
    }

    fn apply(doc: &Document, command: Command) -> Document {
        let mut editor = crate::edit::Editor::new(doc.clone());
        editor.apply(command).unwrap();
        editor.document().clone()
    }

    #[test]
    fn outside_every_cell_or_in_the_same_cell_nothing_changes() {
        let doc = doc();
        let view = grid_view(&doc, Language::English);
        let grid = view.grid.unwrap();
        let ids = vec![doc.stakeholders[0].id.clone()];
        let home = view.positions[0];
        let outside = Position::new(-1000.0, -1000.0);
        assert!(grid_drop_command(&doc, &grid, &ids, home, outside).is_none());
        let nearby = Position::new(home.x + 5.0, home.y + 5.0);
        assert!(grid_drop_command(&doc, &grid, &ids, home, nearby).is_none());
    }

    proptest! {
        /// Whoever is dropped on whichever cell ends with that cell's stance and
        /// power; everything else about them and everyone else stays.
        #[test]
        fn dropped_people_take_the_cell_and_nothing_else_changes(
            picks in proptest::collection::vec(any::<bool>(), 4),
            column in 0usize..6, level in 1i64..=5,
        ) {
            let doc = doc();
            let view = grid_view(&doc, Language::Chinese);
            let grid = view.grid.clone().unwrap();
            let stance = Stance::ALL[column % Stance::ALL.len()];
            let power = Power::new(level).unwrap();
            let target = grid.cell_center(stance, power).unwrap();
            let dragged: Vec<StakeholderId> = doc.stakeholders.iter().zip(&picks)
                .filter(|(_, on)| **on).map(|(p, _)| p.id.clone()).collect();
            let Some(leader) = dragged.first() else { return Ok(()); };
            let index = doc.stakeholders.iter().position(|p| &p.id == leader).unwrap();
            let from = view.positions[index];
            let command = grid_drop_command(&doc, &grid, &dragged, from, target);
            let leader_person = &doc.stakeholders[index];
            if (leader_person.stance, leader_person.power) == (stance, power) {
                prop_assert!(command.is_none());
                return Ok(());
            }
            let after = apply(&doc, command.unwrap());
            for (before, now) in doc.stakeholders.iter().zip(&after.stakeholders) {
                if dragged.contains(&before.id) {
                    prop_assert_eq!((now.stance, now.power), (stance, power));
                    prop_assert_eq!(&Stakeholder { stance: before.stance, power: before.power, ..now.clone() }, before);
                } else {
                    prop_assert_eq!(now, before);
                }
            }
        }
    }
}
