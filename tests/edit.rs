//! Commands, undo and redo: unit tests and property tests over random edit sequences.

use powermap::edit::{Command, DEFAULT_HISTORY_LIMIT, EditError, EditKind, Editor};
use powermap::format::{from_bytes, to_bytes};
use powermap::model::{
    Account, Document, Plan, Position, Power, Relationship, RelationshipKind, Role, Stage,
    Stakeholder, StakeholderId, Stance, Strength, TeamMember, TeamMemberId,
};
use proptest::prelude::*;

fn sample() -> Document {
    let path = format!(
        "{}/tests/fixtures/full.canonical.json",
        env!("CARGO_MANIFEST_DIR")
    );
    from_bytes(&std::fs::read(path).unwrap()).unwrap()
}

fn id(text: &str) -> StakeholderId {
    StakeholderId::new(text)
}

#[test]
fn removing_an_approver_takes_them_out_of_the_decision_process_and_undo_puts_them_back() {
    let original = sample();
    let mut editor = Editor::new(original.clone());
    editor
        .apply(Command::RemoveStakeholders(vec![id("p-wu")]))
        .unwrap();
    let steps = &editor.document().account.decision_process;
    assert!(steps.iter().all(|s| !s.approvers.contains(&id("p-wu"))));
    assert_eq!(steps[1].approvers, [id("p-zhang")]);
    assert!(powermap::model::validate(editor.document()).is_empty());
    editor.undo().unwrap();
    assert_eq!(editor.document(), &original);
    editor.redo().unwrap();
    assert_eq!(
        editor.document().account.decision_process[0]
            .approvers
            .len(),
        0
    );
    // An account naming someone who is not on the map is refused.
    let mut account = editor.document().account.clone();
    account.decision_process[0].approvers.push(id("ghost"));
    assert!(matches!(
        editor.apply(Command::update_account(account)),
        Err(EditError::NoSuchStakeholder(_))
    ));
}

#[test]
fn removing_a_person_removes_their_lines_and_one_undo_restores_all() {
    let original = sample();
    let mut editor = Editor::new(original.clone());
    editor
        .apply(Command::RemoveStakeholders(vec![id("p-zhang")]))
        .unwrap();
    let doc = editor.document();
    assert!(doc.stakeholder(&id("p-zhang")).is_none());
    assert!(doc.relationships.iter().all(|r| !r.touches(&id("p-zhang"))));
    assert_eq!(doc.relationships.len(), 1);
    assert_eq!(editor.undo().unwrap().kind, EditKind::RemoveStakeholders);
    assert_eq!(editor.document(), &original);
    editor.redo().unwrap();
    assert_eq!(editor.document().relationships.len(), 1);
}

#[test]
fn history_is_bounded_and_a_new_edit_clears_redo() {
    let mut editor = Editor::new(sample());
    for n in 0..DEFAULT_HISTORY_LIMIT + 50 {
        let x = f64::from(u32::try_from(n).unwrap());
        editor
            .apply(Command::MoveStakeholders(vec![(
                id("p-wu"),
                Some(Position::new(x, 0.0)),
            )]))
            .unwrap();
    }
    const { assert!(DEFAULT_HISTORY_LIMIT >= 100) };
    assert_eq!(editor.undo_len(), DEFAULT_HISTORY_LIMIT);
    editor.undo().unwrap();
    editor.undo().unwrap();
    assert_eq!(editor.redo_len(), 2);
    editor
        .apply(Command::MoveStakeholders(vec![(id("p-wu"), None)]))
        .unwrap();
    assert_eq!(editor.redo_len(), 0);
    assert_eq!(editor.redo(), Err(EditError::NothingTo("redo")));
}

#[test]
fn refused_commands_leave_the_document_unchanged() {
    let original = sample();
    let mut editor = Editor::new(original.clone());
    let line = |from: &str, to: &str, kind| Relationship::new("new", from, to, kind);
    let refused = [
        Command::add_stakeholder(Stakeholder::new("p-zhang", "duplicate")),
        Command::add_stakeholder(Stakeholder::new("", "empty id")),
        Command::add_relationship(line("p-wu", "nobody", RelationshipKind::Ally)),
        Command::add_relationship(line("p-wu", "p-wu", RelationshipKind::Ally)),
        // p-wu reports to p-zhang already: the reverse closes a cycle.
        Command::add_relationship(line("p-zhang", "p-wu", RelationshipKind::ReportsTo)),
        Command::add_relationship(Relationship::new(
            "r1",
            "p-min",
            "p-wu",
            RelationshipKind::Ally,
        )),
        Command::update_stakeholder(Stakeholder::new("nobody", "x")),
        Command::update_stakeholder(Stakeholder {
            owner: Some(TeamMemberId::new("t-none")),
            ..original.stakeholders[0].clone()
        }),
        Command::update_stakeholder(Stakeholder {
            notes: "x".repeat(70_000),
            ..original.stakeholders[0].clone()
        }),
        Command::MoveStakeholders(vec![(id("p-wu"), Some(Position::new(f64::NAN, 0.0)))]),
        Command::RemoveStakeholders(vec![id("p-wu"), id("nobody")]),
        Command::update_account(Account {
            deal_value: Some(-1.0),
            ..Account::default()
        }),
        Command::Batch(vec![
            Command::add_stakeholder(Stakeholder::new("fine", "Fine")),
            Command::add_stakeholder(Stakeholder::new("fine", "Again")),
        ]),
    ];
    for command in refused {
        let shown = format!("{command:?}");
        assert!(editor.apply(command).is_err(), "accepted {shown}");
        assert_eq!(editor.document(), &original, "changed by {shown}");
    }
    assert_eq!(editor.undo_len(), 0);
    assert!(!editor.is_modified());
}

#[test]
fn error_messages_say_what_is_wrong() {
    let mut editor = Editor::new(sample());
    let err = editor
        .apply(Command::add_relationship(Relationship::new(
            "x",
            "p-zhang",
            "p-wu",
            RelationshipKind::ReportsTo,
        )))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "\"p-zhang\" cannot report to \"p-wu\": that would close a cycle of reporting lines"
    );
}

#[test]
fn removing_a_team_member_clears_ownership_and_undo_restores_it() {
    let original = sample();
    let mut editor = Editor::new(original.clone());
    editor
        .apply(Command::RemoveTeamMember(TeamMemberId::new("t-li")))
        .unwrap();
    assert!(
        editor
            .document()
            .stakeholders
            .iter()
            .all(|s| s.owner.is_none())
    );
    editor.undo().unwrap();
    assert_eq!(editor.document(), &original);
}

#[test]
fn typing_in_one_field_is_one_undo_step() {
    let original = sample();
    let mut editor = Editor::new(original.clone());
    let mut person = original.stakeholders[1].clone();
    for name in ["W", "Wu", "Wu L", "Wu Lei"] {
        person.name = name.into();
        editor
            .apply_merging(
                Command::update_stakeholder(person.clone()),
                Some("p-wu/name".into()),
            )
            .unwrap();
    }
    assert_eq!(editor.undo_len(), 1);
    assert_eq!(editor.undo_label().unwrap().subject, "Wu Lei");
    editor.seal();
    person.title = "CTO".into();
    editor
        .apply_merging(
            Command::update_stakeholder(person.clone()),
            Some("p-wu/name".into()),
        )
        .unwrap();
    assert_eq!(editor.undo_len(), 2, "sealed steps do not merge");
    editor.undo().unwrap();
    editor.undo().unwrap();
    assert_eq!(editor.document(), &original);
    editor.redo().unwrap();
    assert_eq!(editor.document().stakeholders[1].name, "Wu Lei");
}

#[test]
fn taking_back_an_abandoned_add_leaves_no_history() {
    let original = sample();
    let mut editor = Editor::new(original.clone());
    editor
        .apply(Command::MoveStakeholders(vec![(id("p-wu"), None)]))
        .unwrap();
    let before_add = editor.revision();
    let after_move = editor.document().clone();
    let mut person = Stakeholder::new("p-new", "");
    editor
        .apply(Command::add_stakeholder(person.clone()))
        .unwrap();
    // Typed a letter, then erased it again: one merged step.
    for name in ["A", ""] {
        person.name = name.into();
        editor
            .apply_merging(
                Command::update_stakeholder(person.clone()),
                Some("person/p-new/name".into()),
            )
            .unwrap();
    }
    assert_eq!(editor.undo_len(), 3);
    assert_eq!(editor.take_back_to(before_add), Ok(true));
    assert_eq!(editor.document(), &after_move);
    assert_eq!(editor.undo_len(), 1, "the add and the typing are gone");
    assert_eq!(editor.redo_len(), 0, "and cannot be redone");
    assert_eq!(
        editor.undo_label().unwrap().kind,
        EditKind::MoveStakeholders
    );
    editor.undo().unwrap();
    assert_eq!(editor.document(), &original);
    // A revision the history does not hold changes nothing.
    let now = editor.document().clone();
    assert_eq!(editor.take_back_to(9_999), Ok(false));
    assert_eq!(editor.document(), &now);
}

#[test]
fn one_change_to_several_people_is_one_step_named_after_them() {
    let original = sample();
    let mut editor = Editor::new(original.clone());
    let updates: Vec<Command> = original
        .stakeholders
        .iter()
        .take(3)
        .map(|p| {
            Command::update_stakeholder(Stakeholder {
                stance: Stance::Opponent,
                ..p.clone()
            })
        })
        .collect();
    editor.apply(Command::Batch(updates)).unwrap();
    let label = editor.undo_label().unwrap();
    assert_eq!(
        (label.kind, label.count, label.subject.as_str()),
        (EditKind::EditStakeholder, 3, "")
    );
    assert!(
        editor
            .document()
            .stakeholders
            .iter()
            .take(3)
            .all(|p| p.stance == Stance::Opponent)
    );
    editor.undo().unwrap();
    assert_eq!(editor.document(), &original);
}

#[test]
fn modified_follows_undo_back_to_the_saved_state() {
    let mut editor = Editor::new(sample());
    assert!(!editor.is_modified());
    editor
        .apply(Command::MoveStakeholders(vec![(id("p-wu"), None)]))
        .unwrap();
    assert!(editor.is_modified());
    editor.undo().unwrap();
    assert!(!editor.is_modified());
    editor.redo().unwrap();
    editor.mark_saved();
    assert!(!editor.is_modified());
    editor.undo().unwrap();
    assert!(editor.is_modified());
    editor.redo().unwrap();
    assert!(!editor.is_modified());
}

#[test]
fn moving_the_same_person_twice_in_one_command_undoes_to_the_start() {
    let original = sample();
    let mut editor = Editor::new(original.clone());
    editor
        .apply(Command::MoveStakeholders(vec![
            (id("p-wu"), Some(Position::new(1.0, 1.0))),
            (id("p-wu"), Some(Position::new(2.0, 2.0))),
        ]))
        .unwrap();
    assert_eq!(
        editor.document().stakeholders[1].position,
        Some(Position::new(2.0, 2.0))
    );
    editor.undo().unwrap();
    assert_eq!(editor.document(), &original);
}

/// An edit described by indices into whatever the document holds when it runs, so
/// that random sequences mostly produce commands that apply.
#[derive(Clone, Debug)]
enum Op {
    AddPerson {
        name: String,
        role: usize,
        stance: usize,
        power: i64,
        at: Option<(i16, i16)>,
    },
    EditPerson {
        pick: usize,
        name: String,
        stance: usize,
        power: i64,
        tag: Option<String>,
    },
    RemovePeople(Vec<usize>),
    Move(Vec<(usize, Option<(i16, i16)>)>),
    AddLine {
        from: usize,
        to: usize,
        kind: usize,
        strength: i64,
    },
    EditLine {
        pick: usize,
        kind: usize,
        note: String,
    },
    RemoveLines(Vec<usize>),
    EditAccount {
        name: String,
        stage: usize,
        value: Option<u32>,
    },
    AddMember(String),
    RemoveMember(usize),
    SetOwner {
        person: usize,
        member: usize,
    },
    SetPlan {
        role: usize,
        objective: Option<String>,
        lead: usize,
    },
    Batch(Vec<Op>),
}

fn leaf_op() -> impl Strategy<Value = Op> {
    let text = "\\PC{0,10}";
    prop_oneof![
        (
            text,
            0..7usize,
            0..6usize,
            1..=5i64,
            proptest::option::of(any::<(i16, i16)>())
        )
            .prop_map(|(name, role, stance, power, at)| Op::AddPerson {
                name,
                role,
                stance,
                power,
                at
            }),
        (
            any::<usize>(),
            text,
            0..6usize,
            1..=5i64,
            proptest::option::of(text)
        )
            .prop_map(|(pick, name, stance, power, tag)| Op::EditPerson {
                pick,
                name,
                stance,
                power,
                tag
            }),
        proptest::collection::vec(any::<usize>(), 1..3).prop_map(Op::RemovePeople),
        proptest::collection::vec(
            (any::<usize>(), proptest::option::of(any::<(i16, i16)>())),
            // Past 8 people a move looks them up through a map: both ways are tried.
            1..12
        )
        .prop_map(Op::Move),
        (any::<usize>(), any::<usize>(), 0..4usize, 1..=3i64).prop_map(
            |(from, to, kind, strength)| Op::AddLine {
                from,
                to,
                kind,
                strength
            }
        ),
        (any::<usize>(), 0..4usize, text).prop_map(|(pick, kind, note)| Op::EditLine {
            pick,
            kind,
            note
        }),
        proptest::collection::vec(any::<usize>(), 1..3).prop_map(Op::RemoveLines),
        (text, 0..3usize, proptest::option::of(any::<u32>()))
            .prop_map(|(name, stage, value)| Op::EditAccount { name, stage, value }),
        text.prop_map(Op::AddMember),
        any::<usize>().prop_map(Op::RemoveMember),
        (any::<usize>(), any::<usize>())
            .prop_map(|(person, member)| Op::SetOwner { person, member }),
        (0..7usize, proptest::option::of(text), any::<usize>()).prop_map(
            |(role, objective, lead)| Op::SetPlan {
                role,
                objective,
                lead
            }
        ),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        9 => leaf_op(),
        1 => proptest::collection::vec(leaf_op(), 1..4).prop_map(Op::Batch),
    ]
}

fn pick<T>(items: &[T], n: usize) -> Option<&T> {
    items.get(n.checked_rem(items.len())?)
}

fn quarter(v: i16) -> f64 {
    f64::from(v) / 4.0
}

fn to_command(op: &Op, doc: &Document, counter: &mut usize) -> Option<Command> {
    *counter += 1;
    let person_id = |n: usize| pick(&doc.stakeholders, n).map(|s| s.id.clone());
    Some(match op {
        Op::AddPerson {
            name,
            role,
            stance,
            power,
            at,
        } => {
            let mut person = Stakeholder::new(format!("gen{counter}"), name.clone());
            person.role = Role::ALL[*role];
            person.stance = Stance::ALL[*stance];
            person.power = Power::new(*power)?;
            person.position = at.map(|(x, y)| Position::new(quarter(x), quarter(y)));
            Command::add_stakeholder(person)
        }
        Op::EditPerson {
            pick: n,
            name,
            stance,
            power,
            tag,
        } => {
            let mut person = pick(&doc.stakeholders, *n)?.clone();
            person.name = name.clone();
            person.stance = Stance::ALL[*stance];
            person.power = Power::new(*power)?;
            person.tags.extend(tag.clone());
            Command::update_stakeholder(person)
        }
        Op::RemovePeople(picks) => {
            Command::RemoveStakeholders(picks.iter().filter_map(|n| person_id(*n)).collect())
        }
        Op::Move(moves) => Command::MoveStakeholders(
            moves
                .iter()
                .filter_map(|(n, at)| {
                    Some((
                        person_id(*n)?,
                        at.map(|(x, y)| Position::new(quarter(x), quarter(y))),
                    ))
                })
                .collect(),
        ),
        Op::AddLine {
            from,
            to,
            kind,
            strength,
        } => {
            let mut line = Relationship::new(
                format!("gen-line{counter}"),
                person_id(*from)?,
                person_id(*to)?,
                RelationshipKind::ALL[*kind],
            );
            line.strength = Strength::new(*strength)?;
            Command::add_relationship(line)
        }
        Op::EditLine {
            pick: n,
            kind,
            note,
        } => {
            let mut line = pick(&doc.relationships, *n)?.clone();
            line.kind = RelationshipKind::ALL[*kind];
            line.note = note.clone();
            Command::UpdateRelationship(line)
        }
        Op::RemoveLines(picks) => Command::RemoveRelationships(
            picks
                .iter()
                .filter_map(|n| pick(&doc.relationships, *n).map(|l| l.id.clone()))
                .collect(),
        ),
        Op::EditAccount { name, stage, value } => Command::update_account(Account {
            name: name.clone(),
            stage: Stage::ALL[*stage],
            deal_value: value.map(f64::from),
            ..doc.account.clone()
        }),
        Op::AddMember(name) => {
            Command::add_team_member(TeamMember::new(format!("gen-t{counter}"), name.clone()))
        }
        Op::RemoveMember(n) => Command::RemoveTeamMember(pick(&doc.team, *n)?.id.clone()),
        Op::SetOwner { person, member } => {
            let mut person = pick(&doc.stakeholders, *person)?.clone();
            person.owner = Some(pick(&doc.team, *member)?.id.clone());
            Command::update_stakeholder(person)
        }
        Op::SetPlan {
            role,
            objective,
            lead,
        } => Command::SetPlan {
            role: Role::ALL[*role],
            plan: objective.as_ref().map(|objective| {
                Box::new(Plan {
                    objective: Some(powermap::model::PlanText::new(
                        objective.clone(),
                        powermap::lang::Language::Chinese,
                    )),
                    lead: pick(&doc.team, *lead).map(|m| m.id.clone()),
                    ..Plan::default()
                })
            }),
        },
        Op::Batch(ops) => Command::Batch(
            ops.iter()
                .filter_map(|op| to_command(op, doc, counter))
                .collect(),
        ),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn undo_all_restores_redo_all_replays_and_save_load_round_trips(
        ops in proptest::collection::vec(op(), 1..40)
    ) {
        let original = sample();
        let mut editor = Editor::new(original.clone());
        let mut counter = 0;
        for op in &ops {
            let before = editor.document().clone();
            let Some(command) = to_command(op, &before, &mut counter) else { continue };
            if editor.apply(command).is_err() {
                prop_assert_eq!(editor.document(), &before, "a refused command changed the map");
            }
        }
        let last = editor.document().clone();

        // Every document the editor can reach saves and loads back unchanged.
        let bytes = to_bytes(&last);
        let loaded = from_bytes(&bytes);
        prop_assert!(loaded.is_ok(), "{:?}", loaded.err());
        prop_assert_eq!(&loaded.unwrap(), &last);

        let steps = editor.undo_len();
        while editor.undo().is_ok() {}
        prop_assert_eq!(editor.document(), &original);
        prop_assert!(!editor.is_modified());
        for _ in 0..steps {
            prop_assert!(editor.redo().is_ok());
        }
        prop_assert_eq!(editor.document(), &last);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Edits worked out off the UI thread (prepared, or undo/redo steps taken out
    /// and handed back) leave the editor exactly as applying them in place does.
    #[test]
    fn prepared_edits_and_steps_behave_like_applied_ones(
        ops in proptest::collection::vec(op(), 1..30),
        prepared in proptest::collection::vec(proptest::bool::ANY, 30),
    ) {
        let original = sample();
        let mut plain = Editor::new(original.clone());
        let mut other = Editor::new(original.clone());
        let mut counter = 0;
        for (op, prepare) in ops.iter().zip(&prepared) {
            let before = plain.document().clone();
            let mut counter_copy = counter;
            let Some(command) = to_command(op, &before, &mut counter) else { continue };
            let Some(same) = to_command(op, other.document(), &mut counter_copy) else { continue };
            let label = powermap::edit::EditLabel::describe(&same, other.document());
            let applied = plain.apply(command).is_ok();
            let done = if *prepare {
                match powermap::edit::prepare_edit(other.snapshot(), other.revision(), same, label) {
                    Ok(edit) => other.install(edit).is_ok(),
                    Err(_) => false,
                }
            } else {
                other.apply(same).is_ok()
            };
            prop_assert_eq!(applied, done);
            prop_assert_eq!(plain.document(), other.document());
        }
        // Undo everything by steps worked out elsewhere, then redo them.
        let steps = plain.undo_len();
        while plain.undo().is_ok() {
            let job = other.take_step(true);
            prop_assert!(job.is_some());
            let finished = other.finish_step(job.unwrap().run());
            prop_assert!(finished.is_ok());
            prop_assert_eq!(plain.document(), other.document());
        }
        prop_assert!(other.take_step(true).is_none());
        prop_assert!(!other.is_modified());
        for _ in 0..steps {
            prop_assert!(plain.redo().is_ok());
            let job = other.take_step(false).unwrap();
            prop_assert!(other.finish_step(job.run()).is_ok());
            prop_assert_eq!(plain.document(), other.document());
        }
        prop_assert_eq!(plain.revision(), other.revision());
    }
}

#[test]
fn a_prepared_edit_is_refused_once_the_map_moved_on_and_an_abandoned_step_comes_back() {
    let mut editor = Editor::new(sample());
    let command = Command::add_stakeholder(Stakeholder::new("late", "Late"));
    let label = powermap::edit::EditLabel::describe(&command, editor.document());
    let edit =
        powermap::edit::prepare_edit(editor.snapshot(), editor.revision(), command, label).unwrap();
    editor
        .apply(Command::add_stakeholder(Stakeholder::new("first", "First")))
        .unwrap();
    let before = editor.document().clone();
    assert!(editor.install(edit).is_err(), "the map changed meanwhile");
    assert_eq!(editor.document(), &before);

    let job = editor.take_step(true).unwrap();
    assert_eq!(
        editor.undo_len(),
        0,
        "the step is out while it is worked out"
    );
    assert!(editor.finish_step(job.abandon()).is_err());
    assert_eq!(editor.undo_len(), 1, "and back when abandoned");
    assert_eq!(editor.document(), &before);
    assert_eq!(editor.step_size(true), 1);
}

#[test]
fn a_batch_of_lines_that_closes_a_reporting_cycle_is_refused_whole() {
    let original = sample();
    let mut editor = Editor::new(original.clone());
    let line = |id: &str, from: &str, to: &str| {
        Relationship::new(id, from, to, RelationshipKind::ReportsTo)
    };
    let batch = Command::Batch(vec![
        Command::add_relationship(line("x1", "p-min", "p-wu")),
        // p-wu reports to p-zhang already; p-zhang → p-min closes p-min → p-wu → p-zhang → p-min.
        Command::add_relationship(line("x2", "p-zhang", "p-min")),
    ]);
    let err = editor.apply(batch).unwrap_err();
    assert!(matches!(err, EditError::ReportingCycle { .. }), "{err:?}");
    assert_eq!(editor.document(), &original);
}

#[test]
fn large_batches_apply_undo_and_redo_exactly() {
    let original = sample();
    let mut editor = Editor::new(original.clone());
    let n = 3_000;
    let mut commands: Vec<Command> = (0..n)
        .map(|i| {
            Command::add_stakeholder(Stakeholder::new(format!("bulk{i}"), format!("Bulk {i}")))
        })
        .collect();
    commands.extend((1..n).map(|i| {
        Command::add_relationship(Relationship::new(
            format!("bulk-line{i}"),
            format!("bulk{i}"),
            format!("bulk{}", (i - 1) / 3),
            RelationshipKind::ReportsTo,
        ))
    }));
    commands.extend((0..n).step_by(2).map(|i| {
        let mut person = Stakeholder::new(format!("bulk{i}"), format!("Bulk {i}"));
        person.title = "updated".into();
        Command::update_stakeholder(person)
    }));
    editor.apply(Command::Batch(commands)).unwrap();
    let after = editor.document().clone();
    assert_eq!(after.stakeholders.len(), original.stakeholders.len() + n);
    assert_eq!(
        after
            .stakeholders
            .iter()
            .filter(|s| s.title == "updated")
            .count(),
        n / 2
    );
    assert!(powermap::model::validate(&after).is_empty());
    editor.undo().unwrap();
    assert_eq!(editor.document(), &original);
    editor.redo().unwrap();
    assert_eq!(editor.document(), &after);
}
