//! The edits behind the deal section of the account panel and the inspector's
//! favours row, as plain functions of the document (no drawing): reordering
//! steps, renaming a competitor together with the people who favour it, and the
//! lists the UI offers.

use std::collections::HashSet;

use crate::edit::Command;
use crate::model::{Account, DecisionStep, Document, StakeholderId};

/// The steps with the one at `index` moved one place up (towards the start) or
/// down; `None` when it is already at that end or out of range.
pub fn step_moved(steps: &[DecisionStep], index: usize, up: bool) -> Option<Vec<DecisionStep>> {
    let other = if up {
        index.checked_sub(1)?
    } else {
        index.checked_add(1)?
    };
    if index >= steps.len() || other >= steps.len() {
        return None;
    }
    let mut moved = steps.to_vec();
    moved.swap(index, other);
    Some(moved)
}

/// The people who favour the competitor called `name` (none for an empty name).
pub fn followers(doc: &Document, name: &str) -> Vec<StakeholderId> {
    if name.trim().is_empty() {
        return Vec::new();
    }
    doc.stakeholders
        .iter()
        .filter(|p| p.favours == name)
        .map(|p| p.id.clone())
        .collect()
}

/// Renames the competitor at `index` to `name`, and `followers` (the people who
/// favoured it when the renaming began) with it, so that who favours whom
/// survives a corrected spelling. One command: the account update alone when
/// nobody follows, else a batch of it and the people.
pub fn rename_competitor(
    doc: &Document,
    index: usize,
    name: &str,
    followers: &[StakeholderId],
) -> Command {
    let mut account: Account = doc.account.clone();
    if let Some(slot) = account.competitors.get_mut(index) {
        name.clone_into(slot);
    }
    let account = Command::update_account(account);
    if followers.is_empty() {
        return account;
    }
    let wanted: HashSet<&StakeholderId> = followers.iter().collect();
    let mut commands = vec![account];
    commands.extend(
        doc.stakeholders
            .iter()
            .filter(|p| wanted.contains(&p.id) && p.favours != name)
            .map(|p| {
                let mut next = p.clone();
                name.clone_into(&mut next.favours);
                Command::update_stakeholder(next)
            }),
    );
    match commands.len() {
        1 => commands.swap_remove(0),
        _ => Command::Batch(commands),
    }
}

/// The competitors a person can be said to favour: the account's, without empty
/// names and repeats, in the account's order.
pub fn competitor_choices(account: &Account) -> Vec<&str> {
    let mut seen = HashSet::new();
    account
        .competitors
        .iter()
        .map(String::as_str)
        .filter(|name| !name.trim().is_empty() && seen.insert(*name))
        .collect()
}

/// The steps of the decision process that `person` approves, with their
/// positions (from 0).
pub fn approved_steps<'a>(
    account: &'a Account,
    person: &StakeholderId,
) -> Vec<(usize, &'a DecisionStep)> {
    account
        .decision_process
        .iter()
        .enumerate()
        .filter(|(_, step)| step.approvers.contains(person))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{EditKind, EditLabel, Editor};
    use crate::model::Stakeholder;

    fn names(steps: &[DecisionStep]) -> Vec<&str> {
        steps.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn steps_move_one_place_and_not_past_either_end() {
        let steps: Vec<DecisionStep> = ["技术评审", "商务谈判", "签约"]
            .into_iter()
            .map(|n| DecisionStep::new(n, Vec::new()))
            .collect();
        let up = step_moved(&steps, 1, true).unwrap();
        assert_eq!(names(&up), ["商务谈判", "技术评审", "签约"]);
        let down = step_moved(&steps, 1, false).unwrap();
        assert_eq!(names(&down), ["技术评审", "签约", "商务谈判"]);
        assert!(step_moved(&steps, 0, true).is_none());
        assert!(step_moved(&steps, 2, false).is_none());
        assert!(step_moved(&steps, 3, true).is_none());
        assert!(step_moved(&steps, usize::MAX, false).is_none());
        assert!(step_moved(&[], 0, false).is_none());
    }

    fn deal() -> Document {
        let mut doc = Document::default();
        doc.account.competitors = vec!["华锐".into(), "Siemens".into()];
        for (id, favours) in [("a", "华锐"), ("b", "Siemens"), ("c", "华锐"), ("d", "")] {
            let mut p = Stakeholder::new(id, id);
            p.favours = favours.into();
            doc.stakeholders.push(p);
        }
        doc
    }

    fn favours(doc: &Document) -> Vec<&str> {
        doc.stakeholders
            .iter()
            .map(|p| p.favours.as_str())
            .collect()
    }

    #[test]
    fn renaming_a_competitor_takes_its_followers_along_in_one_undo_step() {
        let doc = deal();
        let who = followers(&doc, "华锐");
        assert_eq!(who, [StakeholderId::new("a"), StakeholderId::new("c")]);
        assert!(
            followers(&doc, "").is_empty(),
            "nobody follows an empty name"
        );
        let mut editor = Editor::new(doc.clone());
        // Typed letter by letter, through an empty name, merged into one step.
        for text in ["华", "", "华锐智能"] {
            let command = rename_competitor(editor.document(), 0, text, &who);
            editor
                .apply_merging(command, Some("competitor".into()))
                .unwrap();
        }
        let after = editor.document();
        assert_eq!(after.account.competitors, ["华锐智能", "Siemens"]);
        assert_eq!(favours(after), ["华锐智能", "Siemens", "华锐智能", ""]);
        assert_eq!(editor.undo_len(), 1);
        let last = rename_competitor(&doc, 0, "华锐智能", &who);
        assert!(matches!(last, Command::Batch(_)));
        assert_eq!(
            EditLabel::describe(&last, &doc).kind,
            EditKind::EditAccount,
            "undo says \"edit account\", not \"3 changes\""
        );
        editor.undo().unwrap();
        assert_eq!(editor.document(), &doc);
        editor.redo().unwrap();
        assert_eq!(
            favours(editor.document()),
            ["华锐智能", "Siemens", "华锐智能", ""]
        );
    }

    #[test]
    fn renaming_without_followers_is_a_plain_account_update() {
        let doc = deal();
        let command = rename_competitor(&doc, 1, "西门子", &[]);
        let Command::UpdateAccount(account) = command else {
            panic!("expected an account update, got {command:?}");
        };
        assert_eq!(account.competitors, ["华锐", "西门子"]);
        // A position past the end changes nothing.
        let command = rename_competitor(&doc, 9, "X", &[]);
        assert_eq!(command, Command::update_account(doc.account.clone()));
    }

    #[test]
    fn choices_skip_empty_names_and_repeats() {
        let account = Account {
            competitors: vec![
                "华锐".into(),
                " ".into(),
                "Siemens".into(),
                "华锐".into(),
                String::new(),
            ],
            ..Account::default()
        };
        assert_eq!(competitor_choices(&account), ["华锐", "Siemens"]);
    }

    #[test]
    fn approved_steps_are_found_in_process_order() {
        let (a, b) = (StakeholderId::new("a"), StakeholderId::new("b"));
        let account = Account {
            decision_process: vec![
                DecisionStep::new("技术评审", vec![a.clone()]),
                DecisionStep::new("商务谈判", vec![b.clone()]),
                DecisionStep::new("签约", vec![b.clone(), a.clone()]),
            ],
            ..Account::default()
        };
        let steps: Vec<(usize, &str)> = approved_steps(&account, &a)
            .into_iter()
            .map(|(i, s)| (i, s.name.as_str()))
            .collect();
        assert_eq!(steps, [(0, "技术评审"), (2, "签约")]);
        assert!(approved_steps(&account, &StakeholderId::new("z")).is_empty());
    }
}
