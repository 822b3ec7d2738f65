//! The deal facts in the real app, driven headless with egui_kittest on a small
//! laptop screen (1024×640): the decision process (steps, approvers, order), the
//! close date, the competitors and whom a person favours; each change one undo
//! step; both languages. GraphView runs every frame, so the harness is stepped a
//! fixed number of times instead of `run()`.

use std::path::Path;

use egui::{Event, Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use powermap::format::save_file;
use powermap::model::{Date, DecisionStep, Document, Stakeholder, StakeholderId};
use powermap::ui::app_command::{Action, AppCommand};
use powermap::ui::dialogs::ScriptedDialogs;
use powermap::ui::i18n::Language;
use powermap::ui::prefs::Prefs;
use powermap::ui::selection::Selection;
use powermap::ui::{AppOptions, PowermapApp};

/// Three people of a customer, no deal facts yet.
fn customer() -> Document {
    let mut doc = Document::default();
    doc.account.name = "江苏恒远重工集团有限公司".into();
    for (id, name, title) in [
        ("p-zhou", "周振华", "总经理"),
        ("p-chen", "陈立军", "生产副总经理"),
        ("p-yang", "杨帆", "工艺部部长"),
    ] {
        let mut person = Stakeholder::new(id, name);
        person.title = title.into();
        doc.stakeholders.push(person);
    }
    doc
}

/// The app on a 1024×640 screen with `doc` open, in `language`.
fn app_with(doc: &Document, language: Language, dir: &Path) -> Harness<'static, PowermapApp> {
    let path = dir.join("deal.json");
    save_file(&path, doc).unwrap();
    let options = AppOptions {
        file: Some(path),
        dialogs: Box::new(ScriptedDialogs::default()),
        look_for_system_font: false,
        prefs: Some(Prefs {
            language: Some(language),
            ..Prefs::default()
        }),
        recovery_dir: None,
    };
    let mut h = Harness::builder()
        .with_size(Vec2::new(1024.0, 640.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| PowermapApp::new(cc, options));
    h.run_steps(3);
    h
}

fn doc(h: &Harness<'_, PowermapApp>) -> Document {
    h.state().document().clone()
}

fn undo_len(h: &Harness<'_, PowermapApp>) -> usize {
    h.state().editor().undo_len()
}

fn undo(h: &mut Harness<'_, PowermapApp>) {
    h.state_mut().queue(AppCommand::Action(Action::Undo));
    h.run_steps(3);
}

/// Clicks the widget labelled `label` where it is on screen, after scrolling it
/// into view as a user would on a small screen.
fn click(h: &mut Harness<'_, PowermapApp>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run_steps(3);
    h.get_by_label(label).click();
    h.run_steps(4);
}

fn type_text(h: &mut Harness<'_, PowermapApp>, text: &str) {
    h.event(Event::Text(text.into()));
    h.run_steps(3);
}

/// Puts the keyboard in the field labelled `label` and types `text` over it.
fn type_into(h: &mut Harness<'_, PowermapApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    type_text(h, text);
}

/// Leaves the focused field for another one (ends merging of typing into one
/// undo step).
fn leave_field(h: &mut Harness<'_, PowermapApp>) {
    h.get_by_label("Customer").focus();
    h.run_steps(3);
}

fn step_names(doc: &Document) -> Vec<&str> {
    doc.account
        .decision_process
        .iter()
        .map(|s| s.name.as_str())
        .collect()
}

fn approvers(doc: &Document, step: usize) -> Vec<&str> {
    doc.account.decision_process[step]
        .approvers
        .iter()
        .map(|id| id.as_str())
        .collect()
}

fn id(text: &str) -> StakeholderId {
    StakeholderId::new(text)
}

/// The account panel's outer rectangle, as egui keeps it.
fn account_panel(h: &Harness<'_, PowermapApp>) -> egui::Rect {
    egui::PanelState::load(&h.ctx, egui::Id::new("account"))
        .expect("the account panel was drawn")
        .outer_rect
}

fn canvas_width(h: &Harness<'_, PowermapApp>) -> f32 {
    h.state().canvas().last_rect(&h.ctx).unwrap().width()
}

/// Asserts that the widget labelled `label` lies inside the account panel.
fn inside_panel(h: &Harness<'_, PowermapApp>, label: &str) {
    let panel = account_panel(h);
    let rect = h.get_by_label(label).rect();
    assert!(
        rect.left() >= panel.left() - 0.5 && rect.right() <= panel.right() + 0.5,
        "{label} at {rect:?} leaves the panel {panel:?}"
    );
}

#[test]
fn a_decision_process_is_built_reordered_and_trimmed_one_undo_step_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_with(&customer(), Language::English, dir.path());
    let panel = account_panel(&h);
    assert!(
        h.query_by_label_contains("No steps yet").is_some(),
        "an empty process says what to record"
    );

    // A new step has the keyboard in its name; typing is one undo step.
    click(&mut h, "Add step");
    assert_eq!(step_names(&doc(&h)), [""]);
    assert!(h.get_by_label("Step 1").is_focused());
    type_text(&mut h, "Technical");
    type_text(&mut h, " review");
    assert_eq!(step_names(&doc(&h)), ["Technical review"]);
    assert_eq!(undo_len(&h), 2, "add, then the typing as one step");
    assert!(h.query_by_label_contains("No steps yet").is_none());
    click(&mut h, "Add step");
    type_text(&mut h, "Signing");
    leave_field(&mut h);
    assert_eq!(step_names(&doc(&h)), ["Technical review", "Signing"]);
    assert_eq!(undo_len(&h), 4);

    // Two approvers for the first step, found by name and by title.
    click(&mut h, "Add an approver to step 1");
    assert!(
        h.get_by_label("Search by name, title or department")
            .is_focused()
    );
    type_text(&mut h, "陈");
    click(&mut h, "陈立军 · 生产副总经理");
    assert_eq!(approvers(&doc(&h), 0), ["p-chen"]);
    // The picker stays open; who is chosen is no longer offered.
    type_into(&mut h, "Search by name, title or department", "总经理");
    assert!(h.query_by_label("陈立军 · 生产副总经理").is_none());
    click(&mut h, "周振华 · 总经理");
    assert_eq!(approvers(&doc(&h), 0), ["p-chen", "p-zhou"]);
    assert_eq!(undo_len(&h), 6, "one step per approver");
    // Esc closes the picker, and only the picker.
    h.state_mut().set_selection(Selection::person(id("p-zhou")));
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(
        h.query_by_label("Search by name, title or department")
            .is_none()
    );
    assert_eq!(h.state().selection().people.len(), 1, "the selection stays");
    assert!(
        h.query_by_label("Remove 陈立军 from the approvers of step 1")
            .is_some(),
        "chosen approvers are chips"
    );
    inside_panel(&h, "Remove 周振华 from the approvers of step 1");
    inside_panel(&h, "Remove step 2");

    // The inspector says which steps a person approves.
    assert!(h.query_by_label("Approves: Technical review").is_some());

    // Reorder: the approvers move with their step.
    click(&mut h, "Move step 2 up");
    assert_eq!(step_names(&doc(&h)), ["Signing", "Technical review"]);
    assert_eq!(approvers(&doc(&h), 1), ["p-chen", "p-zhou"]);
    assert_eq!(undo_len(&h), 7);
    assert!(
        h.get_by_label("Move step 1 up")
            .accesskit_node()
            .is_disabled(),
        "the first step cannot move up"
    );

    // Remove a step, and an approver.
    click(&mut h, "Remove step 1");
    assert_eq!(step_names(&doc(&h)), ["Technical review"]);
    click(&mut h, "Remove 周振华 from the approvers of step 1");
    assert_eq!(approvers(&doc(&h), 0), ["p-chen"]);
    assert_eq!(undo_len(&h), 9);
    assert_eq!(
        account_panel(&h).width(),
        panel.width(),
        "the panel kept its width"
    );

    // Each of these was one step: undo walks back through them.
    undo(&mut h);
    assert_eq!(approvers(&doc(&h), 0), ["p-chen", "p-zhou"]);
    undo(&mut h);
    assert_eq!(step_names(&doc(&h)), ["Signing", "Technical review"]);
    undo(&mut h);
    assert_eq!(step_names(&doc(&h)), ["Technical review", "Signing"]);
    undo(&mut h);
    assert_eq!(approvers(&doc(&h), 0), ["p-chen"]);
}

#[test]
fn an_invalid_close_date_is_kept_without_widening_the_panel_then_a_valid_one_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_with(&customer(), Language::English, dir.path());
    let (panel, canvas) = (account_panel(&h).width(), canvas_width(&h));
    let field = "Expected close date";

    h.get_by_label(field).focus();
    h.run_steps(2);
    type_text(&mut h, "end of March");
    assert!(
        h.query_by_label_contains("“end of March” is not a date, so it was not saved")
            .is_some()
    );
    // Leaving the field keeps the text and the message; nothing was stored.
    h.get_by_label("Customer").focus();
    h.run_steps(4);
    assert_eq!(
        h.get_by_label(field).value().as_deref(),
        Some("end of March")
    );
    assert!(h.query_by_label_contains("not saved").is_some());
    assert_eq!(doc(&h).account.close_date, None);
    assert_eq!(undo_len(&h), 0, "nothing to undo");
    assert_eq!(account_panel(&h).width(), panel, "the panel kept its width");
    assert_eq!(canvas_width(&h), canvas, "the map kept its room");

    // A long text without spaces does not widen it either.
    let long = "31-03-2027-after-the-board-meeting-of-the-group-and-the-tender".repeat(2);
    type_into(&mut h, field, &long);
    assert!(h.query_by_label_contains("is not a date").is_some());
    assert_eq!(account_panel(&h).width(), panel);
    assert_eq!(canvas_width(&h), canvas);

    // A date typed in another form is read, shown in words, and stored.
    type_into(&mut h, field, "2027/3/31");
    assert!(h.query_by_label_contains("= Wed 31 Mar 2027").is_some());
    assert_eq!(doc(&h).account.close_date, Date::from_ymd(2027, 3, 31));
    assert!(h.query_by_label_contains("not saved").is_none());
    leave_field(&mut h);
    assert_eq!(h.get_by_label(field).value().as_deref(), Some("2027-03-31"));
    assert_eq!(undo_len(&h), 1, "one undo step");
    assert_eq!(account_panel(&h).width(), panel);
    undo(&mut h);
    assert_eq!(doc(&h).account.close_date, None);
}

#[test]
fn competitors_are_listed_and_a_person_favours_one_from_the_combo() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = app_with(&customer(), Language::English, dir.path());
    click(&mut h, "Add competitor");
    assert!(h.get_by_label("Competitor 1").is_focused());
    type_text(&mut h, "华锐");
    type_text(&mut h, "智能");
    click(&mut h, "Add competitor");
    type_text(&mut h, "Siemens");
    leave_field(&mut h);
    assert_eq!(doc(&h).account.competitors, ["华锐智能", "Siemens"]);
    assert_eq!(undo_len(&h), 4, "each add and each name one step");

    // The combo offers the competitors; picking one is one step.
    h.state_mut().set_selection(Selection::person(id("p-chen")));
    h.run_steps(3);
    let chen = |h: &Harness<'_, PowermapApp>| h.state().document().stakeholders[1].favours.clone();
    click(&mut h, "Choose a competitor");
    click(&mut h, "华锐智能");
    assert_eq!(chen(&h), "华锐智能");
    assert_eq!(undo_len(&h), 5);
    assert_eq!(
        h.get_by_label("Favours").value().as_deref(),
        Some("华锐智能")
    );

    // Renaming the competitor takes the people who favour it along, in one step.
    type_into(&mut h, "Competitor 1", "华锐科技");
    leave_field(&mut h);
    assert_eq!(doc(&h).account.competitors, ["华锐科技", "Siemens"]);
    assert_eq!(chen(&h), "华锐科技");
    assert_eq!(undo_len(&h), 6);
    undo(&mut h);
    assert_eq!(doc(&h).account.competitors, ["华锐智能", "Siemens"]);
    assert_eq!(chen(&h), "华锐智能");

    // A name not in the list can be typed; the field says it is not in the list.
    type_into(&mut h, "Favours", "ABB");
    leave_field(&mut h);
    assert_eq!(chen(&h), "ABB");
    assert!(
        h.query_by_label("Not among the account's competitors.")
            .is_some()
    );
    assert_eq!(undo_len(&h), 6);

    // "(none known)" clears it.
    click(&mut h, "Choose a competitor");
    h.get_all_by_label("(none known)").last().unwrap().click();
    h.run_steps(4);
    assert_eq!(chen(&h), "");
    assert_eq!(undo_len(&h), 7);

    // Removing a competitor keeps whom people favour: a fact about them.
    click(&mut h, "Choose a competitor");
    click(&mut h, "Siemens");
    click(&mut h, "Remove competitor 2");
    assert_eq!(doc(&h).account.competitors, ["华锐智能"]);
    assert_eq!(chen(&h), "Siemens");
    undo(&mut h);
    assert_eq!(doc(&h).account.competitors, ["华锐智能", "Siemens"]);
}

#[test]
fn the_deal_section_and_the_favours_row_read_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut map = customer();
    map.account.competitors = vec!["华锐智能".into()];
    map.account.decision_process = vec![
        DecisionStep::new("技术评审", vec![id("p-yang")]),
        DecisionStep::new("总经理办公会", vec![id("p-zhou")]),
        DecisionStep::new("签约", vec![id("p-zhou"), id("p-yang")]),
    ];
    let mut h = app_with(&map, Language::Chinese, dir.path());
    for label in [
        "商机要素",
        "预计签约日期",
        "决策流程",
        "竞争对手",
        "添加环节",
        "添加竞争对手",
        "下移环节 1",
        "从环节 3 的审批人中移除杨帆",
        "为环节 2 添加审批人",
    ] {
        assert!(h.query_by_label(label).is_some(), "{label}");
    }
    assert_eq!(
        h.get_by_label("环节 2").value().as_deref(),
        Some("总经理办公会")
    );
    assert_eq!(
        h.get_by_label("竞争对手 1").value().as_deref(),
        Some("华锐智能")
    );
    h.state_mut().set_selection(Selection::person(id("p-yang")));
    h.run_steps(3);
    assert!(h.query_by_label("倾向的竞争对手").is_some());
    assert!(h.query_by_label("审批环节：技术评审、签约").is_some());
    click(&mut h, "选择竞争对手");
    assert!(h.query_by_label("（暂未发现）").is_some());
    click(&mut h, "华锐智能");
    assert_eq!(doc(&h).stakeholders[2].favours, "华锐智能");

    // An empty process shows its hint in Chinese.
    let other = tempfile::tempdir().unwrap();
    let mut h = app_with(&customer(), Language::Chinese, other.path());
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("技术评审 → 商务谈判 → 总经理办公会 → 签约")
            .is_some()
    );
}
