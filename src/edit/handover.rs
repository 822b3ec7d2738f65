//! Handing over a team member's accounts when a rep leaves or changes territory:
//! everyone they own and every plan they lead go to a colleague, as one edit.

use super::Command;
use crate::model::{Document, TeamMemberId};

/// How much a team member owns: people and plans they lead.
pub fn owned_by(doc: &Document, member: &TeamMemberId) -> (usize, usize) {
    let people = doc
        .stakeholders
        .iter()
        .filter(|p| p.owner.as_ref() == Some(member))
        .count();
    let plans = doc
        .plans
        .values()
        .filter(|plan| plan.lead.as_ref() == Some(member))
        .count();
    (people, plans)
}

/// The one edit that gives everything `from` owns and leads to `to`; `None` when
/// `from` owns nothing or is `to`.
pub fn handover(doc: &Document, from: &TeamMemberId, to: &TeamMemberId) -> Option<Command> {
    if from == to {
        return None;
    }
    let mut commands: Vec<Command> = doc
        .stakeholders
        .iter()
        .filter(|p| p.owner.as_ref() == Some(from))
        .map(|p| {
            let mut person = p.clone();
            person.owner = Some(to.clone());
            Command::update_stakeholder(person)
        })
        .collect();
    for (role, plan) in &doc.plans {
        if plan.lead.as_ref() == Some(from) {
            let mut plan = plan.clone();
            plan.lead = Some(to.clone());
            commands.push(Command::SetPlan {
                role: *role,
                plan: Some(Box::new(plan)),
            });
        }
    }
    (!commands.is_empty()).then_some(Command::Batch(commands))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Editor;
    use crate::model::{Plan, Role, Stakeholder, TeamMember};

    #[test]
    fn everyone_and_every_plan_moves_in_one_undo_step() {
        let mut doc = Document::default();
        doc.team.push(TeamMember::new("t-li", "李明"));
        doc.team.push(TeamMember::new("t-wang", "王磊"));
        for (id, owner) in [
            ("a", Some("t-li")),
            ("b", Some("t-wang")),
            ("c", Some("t-li")),
            ("d", None),
        ] {
            let mut p = Stakeholder::new(id, id);
            p.owner = owner.map(TeamMemberId::from);
            doc.stakeholders.push(p);
        }
        let plan = Plan {
            lead: Some("t-li".into()),
            ..Plan::default()
        };
        doc.plans.insert(Role::DecisionMaker, plan);
        let (li, wang) = (TeamMemberId::from("t-li"), TeamMemberId::from("t-wang"));
        assert_eq!(owned_by(&doc, &li), (2, 1));

        let mut editor = Editor::new(doc.clone());
        editor.apply(handover(&doc, &li, &wang).unwrap()).unwrap();
        assert_eq!(owned_by(editor.document(), &li), (0, 0));
        assert_eq!(owned_by(editor.document(), &wang), (3, 1));
        assert_eq!(
            editor.document().stakeholders[3].owner,
            None,
            "nobody else changes"
        );
        editor.undo().unwrap();
        assert_eq!(editor.document(), &doc);
        assert!(handover(&doc, &wang, &wang).is_none());
        assert!(handover(editor.document(), &TeamMemberId::from("t-x"), &li).is_none());
    }
}
