//! The app driven headless with egui_kittest, for text and import: plans edited in one
//! language and read in the other, and the import preview's proposed matches (keep
//! apart, merge, confirm copying contact details). GraphView runs every frame, so
//! the harness is stepped a fixed number of times instead of `run()`.

use std::path::PathBuf;

use egui::accesskit::{Role as A11yRole, Toggled};
use egui::{Event, Key, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use powermap::analysis::playbook::playbook_text;
use powermap::model::{Document, PlanPart, Role, Stakeholder};
use powermap::ui::app_command::{Action, AppCommand};
use powermap::ui::dialogs::{DialogOutcome, ScriptedDialogs};
use powermap::ui::i18n::Language;
use powermap::ui::modals::Modal;
use powermap::ui::prefs::Prefs;
use powermap::ui::{AppOptions, PowermapApp};

fn harness(file: Option<PathBuf>, language: Language) -> Harness<'static, PowermapApp> {
    let options = AppOptions {
        file,
        dialogs: Box::new(ScriptedDialogs::default()),
        look_for_system_font: false,
        prefs: Some(Prefs {
            language: Some(language),
            ..Prefs::default()
        }),
        recovery_dir: None,
    };
    Harness::builder()
        .with_size(Vec2::new(1280.0, 900.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| PowermapApp::new(cc, options))
}

/// The text of the text field labelled `label`.
fn field_text(h: &Harness<'_, PowermapApp>, label: &str) -> String {
    h.get_by_label(label)
        .accesskit_node()
        .value()
        .unwrap_or_default()
}

fn is_ticked(h: &Harness<'_, PowermapApp>, label: &str) -> bool {
    h.get_by_role_and_label(A11yRole::CheckBox, label)
        .accesskit_node()
        .toggled()
        == Some(Toggled::True)
}

#[test]
fn a_plan_edited_in_chinese_keeps_the_other_parts_in_each_readers_language() {
    let mut h = harness(None, Language::Chinese);
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, "计划").click();
    h.run_steps(3);
    let role = Role::DecisionMaker;
    assert_eq!(
        field_text(&h, "关键信息"),
        playbook_text(role, PlanPart::KeyMessages, Language::Chinese)
    );
    // One line of the objective, typed in the Chinese UI.
    h.get_by_label("目标").focus();
    h.run_steps(1);
    h.key_press(Key::End);
    h.event(Event::Text("（周总亲自挂帅）".into()));
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(2);

    let plan = h.state().document().plans[&role].clone();
    let objective = plan.objective.clone().unwrap();
    assert!(
        objective.text.ends_with("（周总亲自挂帅）"),
        "{objective:?}"
    );
    assert_eq!(objective.language, Some(Language::Chinese));
    for part in [
        PlanPart::KeyMessages,
        PlanPart::Evidence,
        PlanPart::Channels,
        PlanPart::Cadence,
    ] {
        assert_eq!(
            plan.part(part),
            None,
            "{part:?} was not written by the team"
        );
    }
    assert_eq!(
        h.state().editor().undo_label().unwrap().kind,
        powermap::edit::EditKind::EditPlan
    );

    // In English, the untouched parts are the English playbook; the edited one is
    // what the team wrote, marked as Chinese.
    h.state_mut()
        .queue(AppCommand::SetLanguage(Language::English));
    h.run_steps(3);
    for (label, part) in [
        ("Key messages", PlanPart::KeyMessages),
        ("Evidence to bring", PlanPart::Evidence),
        ("Channels", PlanPart::Channels),
        ("Cadence", PlanPart::Cadence),
    ] {
        assert_eq!(
            field_text(&h, label),
            playbook_text(role, part, Language::English),
            "{label}"
        );
    }
    assert_eq!(field_text(&h, "Objective"), objective.text);
    assert!(h.query_by_label("Written in Chinese").is_some());

    // One undo takes the whole edit back.
    h.state_mut().queue(AppCommand::Action(Action::Undo));
    h.run_steps(2);
    assert!(h.state().document().plans.is_empty());
}

/// A map with 刘洋 of the information centre and an Ann Lee without title or
/// e-mail, and a contact list with another 刘洋 and the same Ann Lee.
fn map_and_contacts(dir: &std::path::Path) -> (PathBuf, PathBuf) {
    let mut doc = Document::default();
    let mut liu = Stakeholder::new("p1", "刘洋");
    liu.title = "信息中心主任".to_owned();
    liu.department = "信息中心".to_owned();
    let ann = Stakeholder::new("p2", "Ann Lee");
    doc.stakeholders = vec![liu, ann];
    let map = dir.join("university.json");
    powermap::format::save_file(&map, &doc).unwrap();
    let csv = dir.join("contacts.csv");
    std::fs::write(
        &csv,
        "姓名,职务,部门,邮箱,手机\n\
         刘洋,教务处处长,教务处,liuyang@univ.example,13800000001\n\
         ann  LEE,Sales Director,,ann@corp.example,+1 555 0199\n",
    )
    .unwrap();
    (map, csv)
}

fn open_preview(h: &mut Harness<'_, PowermapApp>, csv: PathBuf) {
    h.state_mut().set_dialogs(Box::new(ScriptedDialogs {
        answers: [DialogOutcome::Picked(csv)].into(),
    }));
    h.state_mut().queue(AppCommand::ImportContacts);
    // The window sizes itself over a few frames.
    h.run_steps(5);
    assert!(
        matches!(h.state().modal(), Some(Modal::ImportPreview(_))),
        "{:?}",
        h.state().modal()
    );
}

#[test]
fn the_preview_shows_each_match_and_copies_contacts_only_when_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let (map, csv) = map_and_contacts(dir.path());
    let mut h = harness(Some(map), Language::English);
    h.run_steps(2);
    open_preview(&mut h, csv);

    // Both sides of each match are shown.
    assert!(
        h.query_by_label("刘洋 · 教务处处长 · 教务处 · liuyang@univ.example · 13800000001")
            .is_some()
    );
    assert!(h.query_by_label("刘洋 · 信息中心主任 · 信息中心").is_some());
    assert!(
        h.query_by_label_contains("same name; Email on one side only; Title different")
            .is_some()
    );
    // 刘洋 of academic affairs is not 刘洋 of the information centre.
    assert!(!is_ticked(&h, "Row 2: same person"));
    // Ann Lee is proposed as the same person; her contact details wait for a yes.
    assert!(is_ticked(&h, "Row 3: same person"));
    assert!(!is_ticked(&h, "Row 3: copy e-mail and phone"));
    h.get_by_role_and_label(A11yRole::CheckBox, "Row 3: copy e-mail and phone")
        .click();
    h.run_steps(2);
    assert!(is_ticked(&h, "Row 3: copy e-mail and phone"));

    h.get_by_role_and_label(A11yRole::Button, "Import").click();
    h.run_steps(3);
    let doc = h.state().document();
    let liu: Vec<&Stakeholder> = doc
        .stakeholders
        .iter()
        .filter(|p| p.name == "刘洋")
        .collect();
    assert_eq!(liu.len(), 2, "two people called 刘洋");
    assert_eq!(liu[0].title, "信息中心主任");
    assert_eq!(
        liu[0].contact.email, "",
        "nothing of the other 刘洋 was copied"
    );
    assert_eq!(liu[1].title, "教务处处长");
    assert_eq!(liu[1].contact.email, "liuyang@univ.example");
    let ann: Vec<&Stakeholder> = doc
        .stakeholders
        .iter()
        .filter(|p| p.name == "Ann Lee")
        .collect();
    assert_eq!(ann.len(), 1, "matched, not duplicated");
    assert_eq!(ann[0].title, "Sales Director");
    assert_eq!(ann[0].contact.email, "ann@corp.example", "confirmed");
    assert_eq!(ann[0].contact.phone, "+1 555 0199");
}

#[test]
fn the_preview_can_keep_a_match_apart_and_merge_namesakes() {
    let dir = tempfile::tempdir().unwrap();
    let (map, csv) = map_and_contacts(dir.path());
    let mut h = harness(Some(map), Language::Chinese);
    h.run_steps(2);
    open_preview(&mut h, csv);
    // Without confirmation, a match by name copies no contact details.
    assert!(!is_ticked(&h, "第 3 行：复制邮箱和电话"));
    // The user says the two 刘洋 are one person and Ann Lee is somebody else.
    h.get_by_role_and_label(A11yRole::CheckBox, "第 2 行：同一人")
        .click();
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::CheckBox, "第 3 行：同一人")
        .click();
    h.run_steps(2);
    assert!(is_ticked(&h, "第 2 行：同一人"));
    assert!(!is_ticked(&h, "第 3 行：同一人"));
    h.get_by_role_and_label(A11yRole::Button, "导入").click();
    h.run_steps(3);
    let doc = h.state().document();
    let liu: Vec<&Stakeholder> = doc
        .stakeholders
        .iter()
        .filter(|p| p.name == "刘洋")
        .collect();
    assert_eq!(liu.len(), 1);
    assert_eq!(
        liu[0].title, "信息中心主任",
        "filled fields are never overwritten"
    );
    assert_eq!(
        liu[0].contact.email, "",
        "a match by name copies no contact details unasked"
    );
    let names: Vec<&str> = doc.stakeholders.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["刘洋", "Ann Lee", "ann LEE"]);
    assert_eq!(doc.stakeholders[2].contact.email, "ann@corp.example");
    let Some(Modal::ImportReport(summary)) = h.state().modal() else {
        panic!("no summary")
    };
    assert!(
        summary
            .issues
            .iter()
            .any(|i| i.row == 2 && i.message.contains("未复制邮箱和电话")),
        "{:?}",
        summary.issues
    );
}
