//! The real app driven headless with egui_kittest: the canvas, the inspector, undo
//! and redo, connecting people, saving, reopening, unsaved-changes prompts and the
//! language switch. GraphView runs every frame, so the harness is stepped a fixed
//! number of times instead of `run()`.

use std::path::PathBuf;
use std::time::Duration;

use egui::accesskit::Role as A11yRole;
use egui::{Event, Key, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use powermap::edit::Command;
use powermap::format::load_file;
use powermap::model::{Position, RelationshipKind, Stakeholder, Stance};
use powermap::ui::app_command::{Action, AppCommand};
use powermap::ui::dialogs::{DialogOutcome, NoDialogs, ScriptedDialogs};
use powermap::ui::i18n::Language;
use powermap::ui::modals::Modal;
use powermap::ui::prefs::Prefs;
use powermap::ui::{AppOptions, PowermapApp};

fn options(file: Option<PathBuf>) -> AppOptions {
    AppOptions {
        file,
        dialogs: Box::new(ScriptedDialogs::default()),
        look_for_system_font: false,
        prefs: Some(Prefs {
            language: Some(Language::English),
            ..Prefs::default()
        }),
        recovery_dir: None,
    }
}

fn harness(options: AppOptions) -> Harness<'static, PowermapApp> {
    Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| PowermapApp::new(cc, options))
}

/// An app showing a new, empty map.
fn empty_map() -> Harness<'static, PowermapApp> {
    let mut h = harness(options(None));
    h.state_mut().queue(AppCommand::Action(Action::New));
    h.run_steps(3);
    assert!(h.state().document().stakeholders.is_empty());
    h
}

fn canvas_center(h: &Harness<'_, PowermapApp>) -> Pos2 {
    h.state()
        .canvas()
        .last_rect(&h.ctx)
        .expect("the canvas was drawn")
        .center()
}

/// Where a person is on screen.
fn screen_pos(h: &Harness<'_, PowermapApp>, index: usize) -> Pos2 {
    let app = h.state();
    let id = &app.document().stakeholders[index].id;
    let rect = app.canvas().last_rect(&h.ctx).unwrap();
    let at = app.canvas().graph().position_of(id).unwrap();
    app.canvas().transform(&h.ctx, rect).screen_from_canvas(at)
}

fn press(h: &Harness<'_, PowermapApp>, pos: Pos2, pressed: bool, modifiers: Modifiers) {
    h.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    });
}

fn click_at(h: &mut Harness<'_, PowermapApp>, pos: Pos2, modifiers: Modifiers) {
    h.event(Event::ModifiersChanged(modifiers));
    h.hover_at(pos);
    press(h, pos, true, modifiers);
    press(h, pos, false, modifiers);
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.step();
    h.run_steps(2);
}

fn double_click_at(h: &mut Harness<'_, PowermapApp>, pos: Pos2) {
    h.hover_at(pos);
    for _ in 0..2 {
        press(h, pos, true, Modifiers::NONE);
        press(h, pos, false, Modifiers::NONE);
    }
    h.step();
    h.run_steps(3);
}

fn drag(h: &mut Harness<'_, PowermapApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.drag_at(from);
    for t in [0.25, 0.5, 0.75, 1.0] {
        h.hover_at(from + (to - from) * t);
    }
    h.drop_at(to);
    h.step();
    h.run_steps(3);
}

fn add_person_at(h: &mut Harness<'_, PowermapApp>, x: f64, y: f64) {
    h.state_mut()
        .queue(AppCommand::AddPersonAt(Position::new(x, y)));
    h.run_steps(2);
}

/// Adds a person and names them ("Person N"), as a user does before moving on:
/// Esc on a new person without a name takes the add back.
fn add_named_person_at(h: &mut Harness<'_, PowermapApp>, x: f64, y: f64) {
    add_person_at(h, x, y);
    let n = h.state().document().stakeholders.len();
    h.event(Event::Text(format!("Person {n}")));
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(2);
}

fn choose(h: &mut Harness<'_, PowermapApp>, field: &str, option: &str) {
    h.get_by_label(field).click();
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, option).click();
    h.run_steps(3);
}

#[test]
fn double_click_creates_a_person_ready_to_type_and_the_inspector_edits_it() {
    let mut h = empty_map();
    let center = canvas_center(&h);
    double_click_at(&mut h, center + Vec2::new(40.0, 20.0));
    assert_eq!(
        h.state().document().stakeholders.len(),
        1,
        "double-click adds a person"
    );
    assert_eq!(
        h.state().selection().people.len(),
        1,
        "the new person is selected"
    );

    // The name field has the keyboard: typing names the person, in Chinese too.
    h.event(Event::Text("张伟".into()));
    h.run_steps(3);
    assert_eq!(h.state().document().stakeholders[0].name, "张伟");

    choose(&mut h, "Stance", "Supporter");
    assert_eq!(
        h.state().document().stakeholders[0].stance,
        Stance::Supporter
    );
    choose(&mut h, "Power", "5 – high");
    assert_eq!(h.state().document().stakeholders[0].power.level(), 5);

    // Typing the name was one step, stance one, power one.
    assert_eq!(h.state().editor().undo_len(), 4);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().document().stakeholders[0].power.level(),
        3,
        "undo reverts power"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().document().stakeholders[0].power.level(),
        5,
        "redo re-applies it"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().document().stakeholders[0].stance, Stance::Unknown);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    assert_eq!(
        h.state().document().stakeholders[0].stance,
        Stance::Supporter
    );
}

#[test]
fn the_edit_menu_says_what_undo_will_undo() {
    let mut h = empty_map();
    add_person_at(&mut h, 0.0, 0.0);
    h.event(Event::Text("Ada".into()));
    h.run_steps(2);
    h.get_by_label("Edit").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("Undo: edit Ada").is_some());
}

#[test]
fn dragging_a_person_moves_them_as_one_undo_step() {
    let mut h = empty_map();
    add_named_person_at(&mut h, 0.0, 0.0);
    let start = screen_pos(&h, 0);
    drag(
        &mut h,
        start + Vec2::new(3.0, 2.0),
        start + Vec2::new(123.0, 62.0),
    );
    let moved = h.state().document().stakeholders[0].position.unwrap();
    let zoom = h
        .state()
        .canvas()
        .transform(&h.ctx, h.state().canvas().last_rect(&h.ctx).unwrap())
        .zoom;
    assert!(
        (moved.x - f64::from(120.0 / zoom)).abs() <= 1.0,
        "{moved:?} at zoom {zoom}"
    );
    assert!((moved.y - f64::from(60.0 / zoom)).abs() <= 1.0, "{moved:?}");
    let steps = h.state().editor().undo_len();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().editor().undo_len(), steps - 1);
    assert_eq!(
        h.state().document().stakeholders[0].position,
        Some(Position::new(0.0, 0.0))
    );
}

#[test]
fn click_selects_ctrl_click_adds_and_delete_removes_with_undo() {
    let mut h = empty_map();
    add_named_person_at(&mut h, -150.0, 0.0);
    add_named_person_at(&mut h, 150.0, 0.0);
    let (a, b) = (screen_pos(&h, 0), screen_pos(&h, 1));
    click_at(&mut h, a, Modifiers::NONE);
    assert_eq!(h.state().selection().people.len(), 1);
    click_at(&mut h, b, Modifiers::COMMAND);
    assert_eq!(
        h.state().selection().people.len(),
        2,
        "Ctrl-click adds to the selection"
    );
    h.key_press(Key::Delete);
    h.run_steps(2);
    assert!(h.state().document().stakeholders.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().document().stakeholders.len(),
        2,
        "one undo brings both back"
    );
    let empty = canvas_center(&h) + Vec2::new(0.0, 200.0);
    click_at(&mut h, empty, Modifiers::NONE);
    assert!(
        h.state().selection().is_empty(),
        "a click on empty canvas clears the selection"
    );
}

#[test]
fn shift_drag_selects_everyone_in_the_box() {
    let mut h = empty_map();
    add_named_person_at(&mut h, -100.0, 0.0);
    add_named_person_at(&mut h, 100.0, 0.0);
    add_named_person_at(&mut h, 0.0, 300.0);
    let (a, b) = (screen_pos(&h, 0), screen_pos(&h, 1));
    let from = a - Vec2::new(40.0, 40.0);
    let to = b + Vec2::new(40.0, 40.0);
    h.event_modifiers(Event::PointerMoved(from), Modifiers::SHIFT);
    h.event_modifiers(
        Event::PointerButton {
            pos: from,
            button: PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    h.event_modifiers(Event::PointerMoved(to), Modifiers::SHIFT);
    h.event_modifiers(
        Event::PointerButton {
            pos: to,
            button: PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    h.step();
    h.run_steps(2);
    let ids: Vec<_> = h
        .state()
        .document()
        .stakeholders
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let selected = &h.state().selection().people;
    assert!(
        selected.contains(&ids[0]) && selected.contains(&ids[1]),
        "{selected:?}"
    );
    assert!(
        !selected.contains(&ids[2]),
        "the person outside the box is not selected"
    );
}

#[test]
fn the_connect_tool_joins_two_people_with_the_chosen_kind() {
    let mut h = empty_map();
    add_named_person_at(&mut h, -150.0, 0.0);
    add_named_person_at(&mut h, 150.0, 0.0);
    h.get_by_label_contains("Connect").click();
    h.run_steps(2);
    let (a, b) = (screen_pos(&h, 0), screen_pos(&h, 1));
    drag(&mut h, a, b);
    assert!(
        h.state().document().relationships.is_empty(),
        "the kind is asked first"
    );
    h.get_by_role_and_label(A11yRole::Button, "Influences")
        .click();
    h.run_steps(3);
    let doc = h.state().document();
    assert_eq!(doc.relationships.len(), 1);
    let line = &doc.relationships[0];
    assert_eq!(line.kind, RelationshipKind::Influences);
    assert_eq!(
        (&line.from, &line.to),
        (&doc.stakeholders[0].id, &doc.stakeholders[1].id)
    );
    // The positions did not change while connecting.
    assert_eq!(
        doc.stakeholders[0].position,
        Some(Position::new(-150.0, 0.0))
    );
}

#[test]
fn save_through_the_dialog_reopen_and_find_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("客户地图.json");
    let mut h = empty_map();
    add_person_at(&mut h, 10.0, 20.0);
    h.event(Event::Text("Grace Hopper".into()));
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(
        h.state().title().contains('●'),
        "the title shows unsaved changes: {}",
        h.state().title()
    );

    h.state_mut().set_dialogs(Box::new(ScriptedDialogs {
        answers: [DialogOutcome::Picked(path.clone())].into(),
    }));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert!(!h.state().editor().is_modified());
    assert!(
        h.state().title().starts_with("客户地图.json —"),
        "{}",
        h.state().title()
    );
    let on_disk = load_file(&path).unwrap();
    assert_eq!(&on_disk, h.state().document());
    assert_eq!(on_disk.stakeholders[0].name, "Grace Hopper");
    assert_eq!(
        on_disk.stakeholders[0].position,
        Some(Position::new(10.0, 20.0))
    );

    // A fresh app opening the file finds the same map.
    let h2 = harness(options(Some(path.clone())));
    assert_eq!(h2.state().document(), &on_disk);
    assert_eq!(
        h2.state()
            .prefs()
            .recent_files
            .first()
            .map(|p| p.ends_with("客户地图.json")),
        Some(true)
    );
}

#[test]
fn new_with_unsaved_changes_asks_first() {
    let mut h = empty_map();
    add_named_person_at(&mut h, 0.0, 0.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    assert!(matches!(h.state().modal(), Some(Modal::Unsaved { .. })));
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(
        h.state().document().stakeholders.len(),
        1,
        "cancel keeps the map"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    h.get_by_label("Don't save").click();
    h.run_steps(2);
    assert!(h.state().document().stakeholders.is_empty());
    assert!(h.state().modal().is_none());
}

#[test]
fn save_first_then_open_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.json");
    let second = dir.path().join("second.json");
    let mut h = empty_map();
    add_person_at(&mut h, 0.0, 0.0);
    h.event(Event::Text("Second".into()));
    h.run_steps(2);
    h.state_mut().set_dialogs(Box::new(ScriptedDialogs {
        answers: [DialogOutcome::Picked(second.clone())].into(),
    }));
    h.key_press(Key::Escape);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    h.state_mut().queue(AppCommand::Action(Action::New));
    h.run_steps(2);
    add_named_person_at(&mut h, 5.0, 5.0);
    // Open second.json: first the prompt; "Save" asks where (first.json), then opens.
    h.state_mut().set_dialogs(Box::new(ScriptedDialogs {
        answers: [
            DialogOutcome::Picked(second.clone()),
            DialogOutcome::Picked(first.clone()),
        ]
        .into(),
    }));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    assert!(matches!(h.state().modal(), Some(Modal::Unsaved { .. })));
    h.state_mut().set_dialogs(Box::new(ScriptedDialogs {
        answers: [
            DialogOutcome::Picked(first.clone()),
            DialogOutcome::Picked(second.clone()),
        ]
        .into(),
    }));
    h.get_by_role_and_label(A11yRole::Button, "Save").click();
    h.run_steps(3);
    assert_eq!(
        load_file(&first).unwrap().stakeholders.len(),
        1,
        "the unsaved map was saved first"
    );
    assert_eq!(h.state().path(), Some(second.as_path()));
    assert_eq!(h.state().document().stakeholders[0].name, "Second");
}

#[test]
fn without_a_native_dialog_the_path_is_typed_in_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typed");
    let mut h = empty_map();
    add_named_person_at(&mut h, 0.0, 0.0);
    h.state_mut().set_dialogs(Box::new(NoDialogs));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    assert!(matches!(h.state().modal(), Some(Modal::PathEntry { .. })));
    // The entry is focused and pre-filled with a suggested name: replace it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text(path.display().to_string()));
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, "Save").click();
    h.run_steps(3);
    let saved = dir.path().join("typed.json");
    assert_eq!(
        load_file(&saved).unwrap().stakeholders.len(),
        1,
        ".json is added to a bare name"
    );
    assert!(h.state().modal().is_none());
}

#[test]
fn a_broken_file_shows_the_error_and_the_app_still_starts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{\"format\": \"powermap\", \"version\": 1, oops").unwrap();
    let mut h = harness(options(Some(path.clone())));
    h.run_steps(2);
    let Some(Modal::Error(report)) = h.state().modal() else {
        panic!("expected an error report, got {:?}", h.state().modal());
    };
    assert!(
        report
            .message
            .contains("not valid JSON at line 1, column 38"),
        "{}",
        report.message
    );
    assert_eq!(report.path.as_deref(), Some(path.as_path()));
    assert!(
        !h.state().document().stakeholders.is_empty(),
        "a sample map is shown instead"
    );
    h.get_by_label("Dismiss").click();
    h.run_steps(2);
    assert!(h.state().modal().is_none());
}

#[test]
fn a_save_that_fails_says_why_and_keeps_the_map() {
    let dir = tempfile::tempdir().unwrap();
    // A folder that cannot be created: its parent is a file.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let target = blocker.join("maps").join("map.json");
    let mut h = empty_map();
    add_named_person_at(&mut h, 0.0, 0.0);
    h.state_mut().set_dialogs(Box::new(ScriptedDialogs {
        answers: [DialogOutcome::Picked(target.clone())].into(),
    }));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    assert!(
        matches!(h.state().modal(), Some(Modal::CreateFolder { .. })),
        "a missing folder is offered to be created: {:?}",
        h.state().modal()
    );
    h.get_by_label_contains("does not exist. Create it?");
    h.get_by_role_and_label(A11yRole::Button, "Create folder")
        .click();
    h.run_steps(3);
    let Some(Modal::Error(report)) = h.state().modal() else {
        panic!("no error shown: {:?}", h.state().modal())
    };
    assert!(
        report.message.contains("could not be created") && report.message.contains("not-a-folder"),
        "{}",
        report.message
    );
    assert!(h.state().editor().is_modified(), "still unsaved");
    assert_eq!(h.state().document().stakeholders.len(), 1);
}

#[test]
fn a_missing_folder_is_created_on_request_and_the_full_path_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new").join("deeper").join("acme.json");
    let mut h = empty_map();
    add_named_person_at(&mut h, 0.0, 0.0);
    h.state_mut().set_dialogs(Box::new(ScriptedDialogs {
        answers: [DialogOutcome::Picked(target.clone())].into(),
    }));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    h.get_by_role_and_label(A11yRole::Button, "Create folder")
        .click();
    h.run_steps(3);
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert_eq!(load_file(&target).unwrap().stakeholders.len(), 1);
    assert!(!h.state().editor().is_modified());
    h.get_by_label_contains(&format!("Saved {}", target.display()));
}

#[test]
fn switching_to_chinese_translates_the_ui() {
    let mut h = harness(options(None));
    h.run_steps(2);
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label_contains("Language").click();
    h.run_steps(2);
    h.get_by_label("中文").click();
    h.run_steps(3);
    assert!(
        h.query_by_label("文件").is_some(),
        "the File menu reads 文件"
    );
    assert!(h.query_by_label("视图").is_some());
    assert_eq!(
        h.state().prefs().language,
        Some(Language::Chinese),
        "remembered in the preferences"
    );
}

#[test]
fn chinese_glyphs_are_available_to_every_text_style() {
    let h = harness(options(None));
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        let font = egui::FontId::new(14.0, family);
        assert!(
            h.ctx
                .fonts_mut(|f| f.has_glyphs(&font, "决策者张伟教务处处长"))
        );
    }
}

fn viewport_commands(h: &Harness<'_, PowermapApp>) -> Vec<egui::ViewportCommand> {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_first() {
    let mut h = empty_map();
    add_named_person_at(&mut h, 0.0, 0.0);
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
    assert!(viewport_commands(&h).contains(&egui::ViewportCommand::CancelClose));
    assert!(matches!(h.state().modal(), Some(Modal::Unsaved { .. })));
    h.run_steps(2);
    h.get_by_label("Don't save").click();
    h.run_steps(1);
    h.step();
    assert!(
        viewport_commands(&h).contains(&egui::ViewportCommand::Close),
        "the window closes"
    );
}

#[test]
fn closing_an_unmodified_map_does_not_ask() {
    let mut h = empty_map();
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
    assert!(!viewport_commands(&h).contains(&egui::ViewportCommand::CancelClose));
    assert!(h.state().modal().is_none());
}

#[test]
fn the_right_click_menu_sets_the_stance_of_a_person() {
    let mut h = empty_map();
    add_named_person_at(&mut h, 0.0, 0.0);
    let at = screen_pos(&h, 0);
    h.hover_at(at);
    h.event(Event::PointerButton {
        pos: at,
        button: PointerButton::Secondary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: at,
        button: PointerButton::Secondary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.step();
    h.run_steps(2);
    assert_eq!(
        h.state().document().stakeholders[0].position,
        Some(Position::new(0.0, 0.0)),
        "a right-click does not move"
    );
    h.get_by_label_contains("Set stance").click();
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::RadioButton, "Opponent")
        .click();
    h.run_steps(3);
    assert_eq!(
        h.state().document().stakeholders[0].stance,
        Stance::Opponent
    );
}

#[test]
fn the_language_choice_survives_a_restart() {
    #[derive(Default)]
    struct MemoryStorage(std::collections::HashMap<String, String>);
    impl eframe::Storage for MemoryStorage {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }
    let mut h = harness(options(None));
    h.state_mut()
        .queue(AppCommand::SetLanguage(Language::Chinese));
    h.run_steps(2);
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let prefs: Prefs = eframe::get_value(&storage, powermap::ui::prefs::STORAGE_KEY).unwrap();
    assert_eq!(prefs.language, Some(Language::Chinese));
    let h2 = harness(AppOptions {
        prefs: Some(prefs),
        ..options(None)
    });
    assert!(h2.query_by_label("文件").is_some());
}

/// Opens every long list of the Analysis tab ("Show all").
fn show_every_list(h: &mut Harness<'static, PowermapApp>) {
    for _ in 0..20 {
        let Some(button) = h.query_all_by_label_contains("Show all (").next() else {
            return;
        };
        button.scroll_to_me();
        h.run_steps(2);
        if let Some(button) = h.query_all_by_label_contains("Show all (").next() {
            button.click();
        }
        h.run_steps(2);
    }
}

/// Whether `wanted` is shown at some point while the list whose rows contain
/// `in_list` is scrolled down through (an open "show all" list builds only the rows
/// in view).
fn seen_while_scrolling(
    h: &mut Harness<'static, PowermapApp>,
    in_list: &str,
    wanted: &str,
) -> bool {
    for _ in 0..40 {
        if h.query_by_label_contains(wanted).is_some() {
            return true;
        }
        let Some(row) = h.query_all_by_label_contains(in_list).last() else {
            return false;
        };
        row.scroll_down();
        h.run_steps(2);
    }
    false
}

/// The app on the group-company sample, showing a side-panel tab.
fn sample_with_tab(tab: &str) -> Harness<'static, PowermapApp> {
    let mut h = harness(options(None));
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, tab).click();
    h.run_steps(3);
    h
}

#[test]
fn clicking_a_risk_selects_and_reveals_its_person() {
    let mut h = sample_with_tab("Analysis");
    h.get_by_label_contains("Key people nobody on our team owns")
        .scroll_to_me();
    h.run_steps(4);
    h.get_by_label_contains("Key people nobody on our team owns")
        .click();
    h.run_steps(3);
    let doc = h.state().document();
    let sun = doc
        .stakeholders
        .iter()
        .find(|p| p.name == "孙雅琴")
        .unwrap()
        .id
        .clone();
    assert_eq!(
        h.state().selection().people.iter().collect::<Vec<_>>(),
        vec![&sun]
    );
    // The canvas is centred on her.
    let rect = h.state().canvas().last_rect(&h.ctx).unwrap();
    let at = h.state().canvas().graph().position_of(&sun).unwrap();
    let on_screen = h
        .state()
        .canvas()
        .transform(&h.ctx, rect)
        .screen_from_canvas(at);
    assert!(
        (on_screen - rect.center()).length() < 2.0,
        "{on_screen:?} vs {:?}",
        rect.center()
    );
}

#[test]
fn clicking_a_decision_maker_candidate_selects_them() {
    let mut h = sample_with_tab("Analysis");
    h.get_all_by_label("周振华").next().unwrap().click();
    h.run_steps(2);
    let zhou = h
        .state()
        .document()
        .stakeholders
        .iter()
        .find(|p| p.name == "周振华")
        .unwrap()
        .id
        .clone();
    assert!(h.state().selection().people.contains(&zhou));
}

#[test]
fn a_path_to_power_can_be_highlighted_on_the_canvas() {
    let mut h = sample_with_tab("Analysis");
    assert!(h.state().highlight().people.is_empty());
    // The section may sit below the fold of the side panel.
    h.get_by_role_and_label(A11yRole::CheckBox, "Show")
        .scroll_to_me();
    h.run_steps(4);
    h.get_by_role_and_label(A11yRole::CheckBox, "Show").click();
    h.run_steps(2);
    let names: Vec<String> = h
        .state()
        .highlight()
        .people
        .iter()
        .map(|id| h.state().document().stakeholder(id).unwrap().name.clone())
        .collect();
    assert!(
        names.contains(&"周振华".to_owned()) && names.contains(&"陈立军".to_owned()),
        "{names:?}"
    );
    assert_eq!(h.state().highlight().lines.len(), 1);
}

#[test]
fn editing_a_plan_is_undoable_and_saved() {
    use powermap::model::Role;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plans.json");
    let mut h = sample_with_tab("Plans");
    assert!(
        h.state().document().plans.is_empty(),
        "the sample uses the playbook"
    );
    h.get_by_label("Objective").focus();
    h.run_steps(1);
    h.event(Event::Text("（周总亲自挂帅）".into()));
    h.run_steps(2);
    h.event(Event::Text("！".into()));
    h.run_steps(2);
    let objective = h.state().document().plans[&Role::DecisionMaker]
        .objective
        .clone()
        .unwrap()
        .text;
    assert!(objective.contains("（周总亲自挂帅）！"), "{objective}");
    assert!(
        objective.contains("executive sponsorship"),
        "the playbook text became the team's plan: {objective}"
    );
    assert_eq!(
        h.state().editor().undo_label().unwrap().kind,
        powermap::edit::EditKind::EditPlan
    );

    // Leave the field, then one undo removes the whole edit (typing is one step).
    h.key_press(Key::Escape);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(h.state().document().plans.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    assert_eq!(
        h.state().document().plans[&Role::DecisionMaker]
            .objective
            .as_ref()
            .unwrap()
            .text,
        objective
    );

    h.state_mut().set_dialogs(Box::new(ScriptedDialogs {
        answers: [DialogOutcome::Picked(path.clone())].into(),
    }));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    assert_eq!(
        load_file(&path).unwrap().plans[&Role::DecisionMaker]
            .objective
            .as_ref()
            .unwrap()
            .text,
        objective
    );
}

#[test]
fn the_approach_tab_explains_what_to_do_with_the_selected_person() {
    let mut h = sample_with_tab("Approach");
    assert!(h.query_by_label_contains("Select a person").is_some());
    let doc = h.state().document();
    let sun = doc
        .stakeholders
        .iter()
        .find(|p| p.name == "孙雅琴")
        .unwrap()
        .id
        .clone();
    h.state_mut()
        .set_selection(powermap::ui::selection::Selection::person(sun));
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("Understand their concerns first")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("一期项目实际回报低于立项预期")
            .is_some(),
        "their recorded concerns are quoted"
    );
}

#[test]
fn the_staleness_limit_is_a_preference_the_analysis_follows() {
    let mut h = sample_with_tab("Analysis");
    show_every_list(&mut h);
    // Risk rows end with the action: "→ …".
    assert!(seen_while_scrolling(
        &mut h,
        "→ ",
        "not been verified for more than 90 days"
    ));
    h.state_mut().queue(AppCommand::SetStaleDays(400));
    h.run_steps(3);
    show_every_list(&mut h);
    assert!(!seen_while_scrolling(
        &mut h,
        "→ ",
        "not been verified for more than"
    ));
    assert_eq!(h.state().prefs().stale_after_days, 400);
}

/// Waits for the export started by the last frames (it may be done already).
fn finish_export(h: &mut Harness<'_, PowermapApp>) {
    if let Some(result) = h.state_mut().wait_for_export() {
        assert_eq!(result, Ok(()));
    }
    h.run_steps(1);
    assert!(
        h.state().modal().is_none(),
        "no error: {:?}",
        h.state().modal()
    );
}

fn open_file_submenu(h: &mut Harness<'_, PowermapApp>, submenu: &str) {
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label_contains(submenu).click();
    h.run_steps(2);
}

#[test]
fn exporting_a_report_from_the_menu_writes_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let mut h = harness(options(None));
    h.run_steps(2);
    h.state_mut().set_dialogs(Box::new(ScriptedDialogs {
        answers: [DialogOutcome::Picked(path.clone())].into(),
    }));
    open_file_submenu(&mut h, "Export");
    h.get_by_label_contains("Account plan report (HTML)")
        .click();
    h.run_steps(2);
    finish_export(&mut h);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("<svg") && html.contains("周振华"));
}

#[test]
fn a_redacted_picture_export_without_a_native_dialog_asks_for_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map");
    let mut h = harness(options(None));
    h.run_steps(2);
    h.state_mut().set_dialogs(Box::new(NoDialogs));
    h.state_mut().queue(AppCommand::SetExportRedacted(true));
    h.state_mut()
        .queue(AppCommand::Export(powermap::export::ExportFormat::Svg));
    h.run_steps(3);
    assert!(matches!(h.state().modal(), Some(Modal::PathEntry { .. })));
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text(path.display().to_string()));
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, "Export").click();
    h.run_steps(2);
    finish_export(&mut h);
    let svg = std::fs::read_to_string(dir.path().join("map.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("周振华"));
}

#[test]
fn importing_contacts_previews_first_and_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("contacts.csv");
    std::fs::write(
        &csv,
        "Full Name,Job Title,Company,Manager,E-mail,Favourite colour\n\
         Ada Lovelace,CEO,Analytical Engines,,ada@ae.example,blue\n\
         Charles Babbage,CTO,Analytical Engines,Ada Lovelace,cb@ae.example,green\n\
         ,Nobody,Analytical Engines,,,red\n",
    )
    .unwrap();
    let mut h = empty_map();
    h.state_mut().set_dialogs(Box::new(ScriptedDialogs {
        answers: [DialogOutcome::Picked(csv.clone())].into(),
    }));
    open_file_submenu(&mut h, "Import contacts");
    h.run_steps(2);
    let Some(Modal::ImportPreview(preview)) = h.state().modal() else {
        panic!("expected the preview, got {:?}", h.state().modal());
    };
    assert_eq!(preview.table.rows.len(), 3);
    assert!(
        h.state().document().stakeholders.is_empty(),
        "nothing changes before Import"
    );
    assert!(
        h.query_all_by_label("Ada Lovelace").count() >= 1,
        "the first rows are shown"
    );
    // The user corrects the mapping: the unknown column goes to notes.
    h.run_steps(3);
    h.get_by_label("Favourite colour →").click();
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, "Notes").click();
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, "Import").click();
    h.run_steps(3);
    let doc = h.state().document();
    let names: Vec<&str> = doc.stakeholders.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ada Lovelace", "Charles Babbage"]);
    assert_eq!(
        doc.relationships.len(),
        1,
        "the manager column became a reporting line"
    );
    assert_eq!(doc.account.name, "Analytical Engines");
    assert_eq!(
        doc.stakeholders[0].notes, "blue",
        "the corrected mapping was used"
    );
    let Some(Modal::ImportReport(summary)) = h.state().modal() else {
        panic!("no summary")
    };
    assert_eq!((summary.added, summary.skipped), (2, 1));
    assert!(
        summary.issues.iter().any(|i| i.row == 4),
        "{:?}",
        summary.issues
    );
    h.run_steps(3);
    h.get_by_label("Dismiss").click();
    h.run_steps(2);
    assert!(
        h.state()
            .editor()
            .undo_label()
            .is_some_and(|l| l.subject == "contacts.csv")
    );
    assert!(h.state().modal().is_none());
    h.state_mut().queue(AppCommand::Action(Action::Undo));
    h.run_steps(2);
    assert!(
        h.state().document().stakeholders.is_empty(),
        "one undo removes the whole import"
    );
    assert!(h.state().document().account.name.is_empty());
}

#[test]
fn a_large_import_and_its_undo_are_worked_out_off_the_ui_thread() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("big.csv");
    let mut text = String::from("Name,Title,E-mail,Manager\n");
    for i in 0..3_000 {
        let manager = if i == 0 {
            String::new()
        } else {
            format!("Person {}", (i - 1) / 4)
        };
        text.push_str(&format!("Person {i},Engineer,p{i}@example.com,{manager}\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let mut h = empty_map();
    h.state_mut().set_dialogs(Box::new(ScriptedDialogs {
        answers: [DialogOutcome::Picked(csv.clone())].into(),
    }));
    open_file_submenu(&mut h, "Import contacts");
    h.run_steps(2);
    // Matches are looked for on a thread; the preview stays usable.
    for _ in 0..200 {
        h.run_steps(1);
        let Some(Modal::ImportPreview(preview)) = h.state().modal() else {
            panic!("expected the preview, got {:?}", h.state().modal());
        };
        if !preview.is_finding() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, "Import").click();
    for _ in 0..5 {
        h.run_steps(1);
        if h.state().is_editing_in_background() {
            break;
        }
    }
    // (A debug build plans 3,000 rows in far more than a few frames.)
    assert!(h.state().is_editing_in_background());
    assert!(
        h.state().document().stakeholders.is_empty(),
        "nothing changes until it is worked out"
    );
    h.run_steps(1);
    h.get_by_label("Importing the contacts…");
    h.state_mut().wait_for_edit();
    h.run_steps(2);
    assert_eq!(h.state().document().stakeholders.len(), 3_000);
    assert_eq!(h.state().document().relationships.len(), 2_999);
    assert!(matches!(h.state().modal(), Some(Modal::ImportReport(_))));
    h.get_by_label("Dismiss").click();
    h.run_steps(2);

    // Undo of 6,000 changes goes to the thread too; no edit gets in meanwhile.
    h.state_mut().queue(AppCommand::Action(Action::Undo));
    h.run_steps(1);
    assert!(h.state().is_editing_in_background());
    h.state_mut().queue(AppCommand::Edit {
        command: Command::add_stakeholder(Stakeholder::new("late", "Late")),
        merge_key: None,
    });
    h.run_steps(1);
    h.state_mut().wait_for_edit();
    h.run_steps(2);
    assert!(h.state().document().stakeholders.is_empty(), "undone whole");
    assert_eq!(h.state().editor().undo_len(), 0, "no late edit recorded");
    assert!(!h.state().editor().is_modified());
    h.state_mut().queue(AppCommand::Action(Action::Redo));
    h.run_steps(1);
    h.state_mut().wait_for_edit();
    h.run_steps(2);
    assert_eq!(h.state().document().stakeholders.len(), 3_000);
}

#[test]
fn a_large_contact_file_is_read_in_the_background_then_previewed() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("everyone.csv");
    let mut text = String::from("Name,Title,E-mail,Notes\n");
    let mut i = 0;
    while text.len() < powermap::ui::edit_job::READ_BYTES as usize + 1_000 {
        text.push_str(&format!(
            "Person {i},Engineer,p{i}@example.com,met at the trade fair in Changzhou\n"
        ));
        i += 1;
    }
    std::fs::write(&csv, &text).unwrap();
    let mut h = empty_map();
    h.state_mut().set_dialogs(Box::new(ScriptedDialogs {
        answers: [DialogOutcome::Picked(csv.clone())].into(),
    }));
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label_contains("Import contacts").click();
    h.run_steps(1);
    assert!(h.state().is_reading_contacts(), "read off the UI thread");
    h.state_mut().wait_for_read();
    h.run_steps(2);
    let Some(Modal::ImportPreview(preview)) = h.state().modal() else {
        panic!("expected the preview, got {:?}", h.state().modal());
    };
    assert_eq!(preview.table.rows.len(), i);
    h.get_by_role_and_label(A11yRole::Button, "Cancel").click();
    h.run_steps(2);
    assert!(h.state().document().stakeholders.is_empty());
}

#[test]
fn a_chinese_ui_previews_and_reports_the_import_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("联系人.csv");
    std::fs::write(
        &csv,
        "姓名,职务,公司,直属领导\n\
         王芳,总经理,华信集团,\n\
         张伟,技术总监,华信集团,王芳\n\
         ,采购专员,华信集团,\n\
         李娜,财务经理,华信集团,钱明\n",
    )
    .unwrap();
    let mut h = empty_map();
    h.state_mut()
        .queue(AppCommand::SetLanguage(Language::Chinese));
    h.run_steps(2);
    h.state_mut().set_dialogs(Box::new(ScriptedDialogs {
        answers: [DialogOutcome::Picked(csv)].into(),
    }));
    h.get_by_label("文件").click();
    h.run_steps(2);
    h.get_by_label_contains("导入联系人").click();
    h.run_steps(3);
    assert!(
        matches!(h.state().modal(), Some(Modal::ImportPreview(_))),
        "expected the preview, got {:?}",
        h.state().modal()
    );
    assert!(
        h.query_by_label("UTF-8，分隔符“,”").is_some(),
        "how the file was read, in Chinese"
    );
    // The window sizes itself to its content over a few frames; until then a click
    // may land on the wrong button.
    h.run_steps(3);
    h.get_by_role_and_label(A11yRole::Button, "导入").click();
    h.run_steps(3);
    let Some(Modal::ImportReport(summary)) = h.state().modal() else {
        panic!("no summary, got {:?}", h.state().modal())
    };
    assert_eq!((summary.added, summary.skipped), (3, 1));
    let issues = summary.issues.clone();
    for line in [
        "第 4 行：没有姓名（“姓名”为空），已跳过",
        "第 5 行：上级“钱明”在文件和地图中都找不到，未建立汇报关系",
    ] {
        assert!(h.query_by_label(line).is_some(), "{line} in {issues:?}");
    }
    assert!(h.query_by_label_contains("row 4").is_none(), "no English");
    h.run_steps(3);
    h.get_by_label("关闭").click();
    h.run_steps(2);
    assert!(h.state().modal().is_none());
}

#[test]
fn an_export_never_writes_over_the_map_file() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("deal.json");
    let mut h = harness(options(None));
    h.run_steps(2);
    h.state_mut().set_dialogs(Box::new(ScriptedDialogs {
        answers: [
            DialogOutcome::Picked(map.clone()),
            DialogOutcome::Picked(map.clone()),
        ]
        .into(),
    }));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    let saved = std::fs::read(&map).unwrap();
    // The user picks the map's own name for a picture: the picture gets its own extension.
    h.state_mut()
        .queue(AppCommand::Export(powermap::export::ExportFormat::Png));
    h.run_steps(2);
    finish_export(&mut h);
    assert_eq!(std::fs::read(&map).unwrap(), saved, "the map is untouched");
    assert!(
        std::fs::read(dir.path().join("deal.png"))
            .unwrap()
            .starts_with(b"\x89PNG")
    );
    assert!(
        !dir.path().join("deal.png.bak").exists(),
        "exports keep no backups"
    );
}

#[test]
fn a_typed_path_over_an_existing_file_asks_before_replacing_it() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.json");
    std::fs::write(&other, "precious").unwrap();
    let mut h = empty_map();
    add_named_person_at(&mut h, 0.0, 0.0);
    h.state_mut().set_dialogs(Box::new(NoDialogs));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text(other.display().to_string()));
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, "Save").click();
    h.run_steps(3);
    assert!(matches!(
        h.state().modal(),
        Some(Modal::ConfirmReplace { .. })
    ));
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        "precious",
        "nothing written yet"
    );
    h.get_by_role_and_label(A11yRole::Button, "Replace").click();
    h.run_steps(3);
    assert_eq!(load_file(&other).unwrap().stakeholders.len(), 1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("other.json.bak")).unwrap(),
        "precious"
    );
}

#[test]
fn closing_while_a_dialog_is_open_asks_once_it_is_dismissed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = empty_map();
    add_named_person_at(&mut h, 0.0, 0.0);
    // An error report is open.
    h.state_mut()
        .queue(AppCommand::OpenFile(dir.path().join("missing.json")));
    h.run_steps(3);
    assert!(matches!(h.state().modal(), Some(Modal::Unsaved { .. })));
    h.get_by_label("Don't save").click();
    h.run_steps(3);
    assert!(matches!(h.state().modal(), Some(Modal::Error(_))));
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
    assert!(
        matches!(h.state().modal(), Some(Modal::Error(_))),
        "the error stays readable"
    );
    h.run_steps(3);
    h.get_by_label("Dismiss").click();
    h.run_steps(3);
    assert!(
        matches!(h.state().modal(), Some(Modal::Unsaved { .. })),
        "then the unsaved question"
    );
}

// ----- what a new user trips over (h-ui) -----

/// The side panel's width as egui keeps it.
fn side_panel_width(h: &Harness<'_, PowermapApp>) -> f32 {
    egui::PanelState::load(&h.ctx, egui::Id::new(powermap::ui::app::SIDE_PANEL_ID))
        .expect("the side panel was drawn")
        .size()
        .x
}

fn canvas_width(h: &Harness<'_, PowermapApp>) -> f32 {
    h.state().canvas().last_rect(&h.ctx).unwrap().width()
}

/// An empty map with one named person, selected, showing the inspector.
fn one_person_selected(language: Language) -> Harness<'static, PowermapApp> {
    let mut h = harness(AppOptions {
        prefs: Some(Prefs {
            language: Some(language),
            ..Prefs::default()
        }),
        ..options(None)
    });
    h.state_mut().queue(AppCommand::Action(Action::New));
    h.run_steps(3);
    add_named_person_at(&mut h, 0.0, 0.0);
    let id = h.state().document().stakeholders[0].id.clone();
    h.state_mut()
        .set_selection(powermap::ui::selection::Selection::person(id));
    h.run_steps(3);
    h
}

/// Selects all text of the focused field and types `text` over it.
fn type_over(h: &mut Harness<'_, PowermapApp>, text: &str) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.event(Event::Text(text.into()));
    h.run_steps(4);
}

fn today() -> powermap::model::Date {
    powermap::model::Date::today_local()
}

#[test]
fn a_date_that_does_not_parse_stays_marked_and_never_widens_the_panel() {
    let mut h = one_person_selected(Language::English);
    h.get_by_label("Add action").click();
    h.run_steps(3);
    let (panel, canvas) = (side_panel_width(&h), canvas_width(&h));

    h.get_by_label("Due").focus();
    h.run_steps(2);
    h.event(Event::Text("next friday".into()));
    h.run_steps(6);
    assert!(
        h.query_by_label_contains("“next friday” is not a date, so it was not saved")
            .is_some(),
        "the message says what happened"
    );
    // Leaving the field keeps the text, the mark and the message.
    h.get_by_label("What to do").focus();
    h.run_steps(6);
    assert_eq!(
        h.get_by_label("Due").value().as_deref(),
        Some("next friday")
    );
    assert!(
        h.query_by_label_contains("not saved").is_some(),
        "still explained after leaving the field"
    );
    let person = &h.state().document().stakeholders[0];
    assert_eq!(person.next_actions[0].due, None, "nothing was stored");
    assert_eq!(side_panel_width(&h), panel, "the panel kept its width");
    assert_eq!(canvas_width(&h), canvas, "the map kept its room");

    // An ambiguous date says both readings and stores nothing.
    h.get_by_label("Last contact").focus();
    h.run_steps(2);
    h.event(Event::Text("12/05/2026".into()));
    h.run_steps(6);
    assert!(
        h.query_by_label_contains("could be Tue 12 May 2026 or Sat 5 Dec 2026")
            .is_some()
    );
    assert_eq!(h.state().document().stakeholders[0].last_contact, None);
    assert_eq!(side_panel_width(&h), panel);
    assert_eq!(canvas_width(&h), canvas);

    // Typed year first, it is read, shown in words while typing, and stored.
    type_over(&mut h, "2026/12/5");
    assert!(h.query_by_label_contains("= Sat 5 Dec 2026").is_some());
    let stored = h.state().document().stakeholders[0].last_contact;
    assert_eq!(stored, powermap::model::Date::from_ymd(2026, 12, 5));
    h.get_by_label("What to do").focus();
    h.run_steps(4);
    assert_eq!(
        h.get_by_label("Last contact").value().as_deref(),
        Some("2026-12-05")
    );

    // Revert puts back the stored value (no date) for the Due field.
    h.get_by_label("Revert").click();
    h.run_steps(4);
    assert_eq!(h.get_by_label("Due").value().as_deref(), Some(""));
    assert!(h.query_by_label_contains("not saved").is_none());
    assert_eq!(side_panel_width(&h), panel);
}

#[test]
fn chinese_dates_and_words_are_read_in_the_inspector() {
    let mut h = one_person_selected(Language::Chinese);
    h.get_by_label("添加行动").click();
    h.run_steps(3);
    h.get_by_label("截止").focus();
    h.run_steps(2);
    h.event(Event::Text("明天".into()));
    h.run_steps(4);
    let due = h.state().document().stakeholders[0].next_actions[0].due;
    assert_eq!(due, today().add_days(1));
    h.get_by_label("最近联系").focus();
    h.run_steps(2);
    h.event(Event::Text("12月5日".into()));
    h.run_steps(4);
    assert_eq!(
        h.state().document().stakeholders[0].last_contact,
        powermap::model::Date::from_ymd(today().year(), 12, 5)
    );
    assert!(
        h.query_by_label_contains("即 ").is_some(),
        "the reading is shown"
    );
    h.get_by_label("最近核实").focus();
    h.run_steps(2);
    h.event(Event::Text("下周五".into()));
    h.run_steps(4);
    assert!(
        h.query_by_label_contains("“下周五”不是有效日期，未保存")
            .is_some()
    );
}

#[test]
fn the_calendar_sets_a_date() {
    let mut h = one_person_selected(Language::English);
    // The inspector's first calendar (the account panel on the left has one too).
    let canvas_right = h.state().canvas().last_rect(&h.ctx).unwrap().right();
    h.get_all_by_label("Pick a day from the calendar")
        .find(|button| button.rect().left() > canvas_right)
        .unwrap()
        .click();
    h.run_steps(3);
    h.get_by_label("15").click();
    h.run_steps(3);
    let expected = powermap::model::Date::from_ymd(today().year(), today().month(), 15);
    assert_eq!(h.state().document().stakeholders[0].last_contact, expected);
    assert!(
        h.query_by_label("15").is_none(),
        "the calendar closes after a pick"
    );
    // "No date" in the calendar clears it again.
    h.get_all_by_label("Pick a day from the calendar")
        .find(|button| button.rect().left() > canvas_right)
        .unwrap()
        .click();
    h.run_steps(3);
    h.get_by_label("No date").click();
    h.run_steps(3);
    assert_eq!(h.state().document().stakeholders[0].last_contact, None);
}

#[test]
fn while_choosing_the_kind_of_a_new_line_no_card_covers_the_choices() {
    let mut h = empty_map();
    add_named_person_at(&mut h, -150.0, 0.0);
    add_named_person_at(&mut h, 150.0, 0.0);
    // Hovering a person shows their card after a moment.
    h.hover_at(screen_pos(&h, 1));
    h.run_steps(20);
    assert!(
        h.query_by_label_contains("· Power 3").is_some(),
        "the card shows on hover"
    );
    h.hover_at(canvas_center(&h) + Vec2::new(0.0, 200.0));
    h.run_steps(20);
    h.get_by_label_contains("Connect").click();
    h.run_steps(2);
    let (a, b) = (screen_pos(&h, 0), screen_pos(&h, 1));
    drag(&mut h, a, b);
    // The pointer rests on the target, long enough for a card to appear.
    h.hover_at(b);
    h.run_steps(20);
    assert!(h.state().canvas().choosing_kind());
    assert!(
        h.query_by_label_contains("· Power 3").is_none(),
        "no card over the kind chooser"
    );
    h.get_by_role_and_label(A11yRole::Button, "Ally").click();
    h.run_steps(3);
    assert_eq!(h.state().document().relationships.len(), 1);
}

#[test]
fn a_new_team_member_is_empty_with_the_keyboard_in_their_name() {
    let mut h = empty_map();
    h.get_by_label("Add member").click();
    h.run_steps(4);
    assert_eq!(h.state().document().team.len(), 1);
    assert_eq!(h.state().document().team[0].name, "", "no placeholder text");
    h.event(Event::Text("李娜".into()));
    h.run_steps(3);
    assert_eq!(h.state().document().team[0].name, "李娜");
    assert!(h.get_by_label("Team member name").is_focused());
}

#[test]
fn esc_on_a_new_person_without_a_name_takes_the_add_back() {
    let mut h = empty_map();
    add_named_person_at(&mut h, -300.0, 0.0);
    let steps = h.state().editor().undo_len();
    let center = canvas_center(&h);
    double_click_at(&mut h, center + Vec2::new(40.0, 60.0));
    assert_eq!(h.state().document().stakeholders.len(), 2);
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert_eq!(
        h.state().document().stakeholders.len(),
        1,
        "no (unnamed) person left"
    );
    assert_eq!(h.state().editor().undo_len(), steps, "no undo step left");
    assert_eq!(h.state().editor().redo_len(), 0);
    assert_eq!(h.state().document().stakeholders[0].name, "Person 1");

    // A name typed and erased again counts as no name.
    double_click_at(&mut h, center + Vec2::new(40.0, 60.0));
    h.event(Event::Text("X".into()));
    h.run_steps(2);
    h.key_press(Key::Backspace);
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert_eq!(h.state().document().stakeholders.len(), 1);
    assert_eq!(h.state().editor().undo_len(), steps);

    // With a name, Esc only leaves the field.
    double_click_at(&mut h, center + Vec2::new(40.0, 60.0));
    h.event(Event::Text("Ada".into()));
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert_eq!(h.state().document().stakeholders.len(), 2);
    assert_eq!(h.state().document().stakeholders[1].name, "Ada");
}

/// Distance from `p` to the segment `a`–`b`.
fn to_segment(p: Position, a: Position, b: Position) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
    (p.x - a.x - t * dx).hypot(p.y - a.y - t * dy)
}

#[test]
fn the_toolbar_adds_a_person_near_the_centre_but_off_the_lines() {
    let mut h = empty_map();
    add_named_person_at(&mut h, -250.0, 0.0);
    add_named_person_at(&mut h, 250.0, 0.0);
    let (from_id, to_id) = {
        let doc = h.state().document();
        (
            doc.stakeholders[0].id.clone(),
            doc.stakeholders[1].id.clone(),
        )
    };
    h.state_mut().queue(AppCommand::Edit {
        command: powermap::edit::Command::add_relationship(powermap::model::Relationship::new(
            "r1",
            from_id.clone(),
            to_id.clone(),
            RelationshipKind::ReportsTo,
        )),
        merge_key: None,
    });
    h.run_steps(2);
    // Centre the view between the two: on the line.
    h.state_mut()
        .queue(AppCommand::Reveal(vec![from_id.clone(), to_id.clone()]));
    h.run_steps(4);
    let center = h.state().canvas().visible_center(&h.ctx);
    let (a, b) = (Position::new(-250.0, 0.0), Position::new(250.0, 0.0));
    assert!(
        to_segment(center, a, b) < 40.0,
        "the view's centre is on the line: {center:?}"
    );
    h.get_by_label_contains("Add person").click();
    h.run_steps(4);
    let doc = h.state().document();
    assert_eq!(doc.stakeholders.len(), 3);
    let spot = doc.stakeholders[2].position.unwrap();
    assert!(to_segment(spot, a, b) >= 50.0, "off the line: {spot:?}");
    for other in [a, b] {
        assert!((spot.x - other.x).hypot(spot.y - other.y) >= 100.0);
    }
    assert!(
        (spot.x - center.x).hypot(spot.y - center.y) <= 200.0,
        "near the centre: {spot:?} vs {center:?}"
    );
}

#[test]
fn several_selected_people_are_edited_together_in_one_undo_step() {
    let mut h = empty_map();
    for x in [-200.0, 0.0, 200.0] {
        add_named_person_at(&mut h, x, 0.0);
    }
    h.state_mut().queue(AppCommand::Edit {
        command: powermap::edit::Command::add_team_member(powermap::model::TeamMember::new(
            "t1", "王芳",
        )),
        merge_key: None,
    });
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(3);
    assert_eq!(h.state().selection().people.len(), 3);
    assert!(
        h.query_by_label_contains("3 people and 0 lines selected")
            .is_some()
    );
    let steps = h.state().editor().undo_len();

    choose(&mut h, "Stance", "Opponent");
    choose(&mut h, "Role", "Gatekeeper");
    choose(&mut h, "Power", "5 – high");
    choose(&mut h, "Owner (our team)", "王芳");
    let doc = h.state().document();
    for person in &doc.stakeholders {
        assert_eq!(person.stance, Stance::Opponent);
        assert_eq!(person.role, powermap::model::Role::Gatekeeper);
        assert_eq!(person.power.level(), 5);
        assert_eq!(person.owner.as_ref().map(|o| o.as_str()), Some("t1"));
    }
    assert_eq!(
        h.state().editor().undo_len(),
        steps + 4,
        "one step per change"
    );

    h.get_by_label("Add tags").focus();
    h.run_steps(1);
    h.event(Event::Text("关键人, budget".into()));
    h.run_steps(2);
    h.get_by_label("Add").click();
    h.run_steps(3);
    for person in &h.state().document().stakeholders {
        assert_eq!(person.tags, ["关键人", "budget"]);
    }
    h.get_by_label("budget 🗙").click();
    h.run_steps(3);
    for person in &h.state().document().stakeholders {
        assert_eq!(person.tags, ["关键人"]);
    }

    // One undo takes the stance back for all three.
    for _ in 0..5 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run_steps(2);
    }
    assert!(
        h.state()
            .document()
            .stakeholders
            .iter()
            .all(|p| p.stance == Stance::Opponent && p.role == powermap::model::Role::Unknown)
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert!(
        h.state()
            .document()
            .stakeholders
            .iter()
            .all(|p| p.stance == Stance::Unknown)
    );
    // People who differ show "(mixed)".
    let first = h.state().document().stakeholders[0].clone();
    h.state_mut().queue(AppCommand::Edit {
        command: powermap::edit::Command::update_stakeholder(powermap::model::Stakeholder {
            stance: Stance::Supporter,
            ..first
        }),
        merge_key: None,
    });
    h.run_steps(3);
    assert_eq!(h.get_by_label("Stance").value().as_deref(), Some("(mixed)"));
}

#[test]
fn line_strength_is_named_in_words() {
    let mut h = empty_map();
    add_named_person_at(&mut h, -150.0, 0.0);
    add_named_person_at(&mut h, 150.0, 0.0);
    let (from, to) = {
        let doc = h.state().document();
        (
            doc.stakeholders[0].id.clone(),
            doc.stakeholders[1].id.clone(),
        )
    };
    h.state_mut().queue(AppCommand::Edit {
        command: powermap::edit::Command::add_relationship(powermap::model::Relationship::new(
            "r1",
            from,
            to,
            RelationshipKind::Influences,
        )),
        merge_key: None,
    });
    h.run_steps(2);
    h.state_mut()
        .set_selection(powermap::ui::selection::Selection::line("r1".into()));
    h.run_steps(3);
    assert_eq!(
        h.get_by_label("Strength").value().as_deref(),
        Some("Normal")
    );
    choose(&mut h, "Strength", "Strong");
    assert_eq!(h.state().document().relationships[0].strength.level(), 3);
    h.state_mut()
        .queue(AppCommand::SetLanguage(Language::Chinese));
    h.run_steps(3);
    assert_eq!(h.get_by_label("强度").value().as_deref(), Some("强"));
}

#[test]
fn counts_in_the_status_bar_read_naturally() {
    let mut h = empty_map();
    assert!(h.query_by_label_contains("0 people, 0 lines").is_some());
    add_named_person_at(&mut h, 0.0, 0.0);
    assert!(
        h.query_by_label_contains("1 person, 0 lines").is_some(),
        "not “1 people”"
    );
}

#[test]
fn long_account_values_wrap_instead_of_being_cut_off() {
    let mut h = empty_map();
    let name = "某某集团股份有限公司智能制造事业部数字化转型项目组华东区域";
    let account = h.state().document().account.clone();
    h.state_mut().queue(AppCommand::Edit {
        command: powermap::edit::Command::update_account(powermap::model::Account {
            name: name.into(),
            ..account
        }),
        merge_key: None,
    });
    h.run_steps(3);
    let field = h.get_by_label("Customer");
    assert_eq!(field.value().as_deref(), Some(name));
    let one_line = h.get_by_label("Industry").rect().height();
    assert!(
        field.rect().height() >= 1.6 * one_line,
        "the long name wraps: {:?} vs one line {one_line}",
        field.rect()
    );
}

#[test]
fn export_options_can_be_ticked_without_the_menu_closing() {
    let mut h = empty_map();
    open_file_submenu(&mut h, "Export");
    let option = "Leave out private fields (personal agenda, notes, contacts)";
    h.get_by_label(option).click();
    h.run_steps(3);
    assert!(h.state().prefs().export_redacted);
    assert!(h.query_by_label(option).is_some(), "the menu is still open");
    h.get_by_label("Pictures: current view only").click();
    h.run_steps(3);
    assert!(h.state().prefs().export_current_view);
    assert!(h.query_by_label(option).is_some());
}

#[test]
fn the_side_panel_can_be_hidden_and_shown_again() {
    let mut h = empty_map();
    let canvas = canvas_width(&h);
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Show side panel").click();
    h.run_steps(3);
    assert!(!h.state().prefs().show_side);
    assert!(h.query_by_label("Details").is_none(), "the tabs are gone");
    assert!(canvas_width(&h) > canvas + 200.0, "the map gets the room");
    assert!(
        h.query_by_label("Show side panel").is_some(),
        "the View menu stays open"
    );
    h.key_press(Key::Escape);
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, "Side panel")
        .click();
    h.run_steps(3);
    assert!(h.state().prefs().show_side);
    assert!(h.query_by_label("Details").is_some());
    // Adding a person brings it back, with the keyboard in the name.
    h.get_by_role_and_label(A11yRole::Button, "Side panel")
        .click();
    h.run_steps(2);
    add_person_at(&mut h, 0.0, 0.0);
    h.run_steps(2);
    assert!(h.state().prefs().show_side);
    assert!(h.get_by_label("Name").is_focused());
}

/// Relative luminance contrast between two colours (WCAG).
fn contrast(a: egui::Color32, b: egui::Color32) -> f32 {
    let lum = |c: egui::Color32| {
        let ch = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(c.r()) + 0.7152 * ch(c.g()) + 0.0722 * ch(c.b())
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn the_legend_is_readable_from_the_back_of_a_room() {
    let mut h = empty_map();
    h.run_steps(2);
    let background = h.ctx.style_of(egui::Theme::Light).visuals.window_fill;
    let mut seen = Vec::new();
    for clipped in &h.output().shapes {
        let egui::Shape::Text(text) = &clipped.shape else {
            continue;
        };
        let content = text.galley.text();
        if !["Supporter", "Colour: stance", "Reports to", "Gatekeeper"].contains(&content) {
            continue;
        }
        for row in &text.galley.rows {
            for glyph in &row.glyphs {
                assert!(
                    glyph.font_height >= 13.0,
                    "{content}: {}",
                    glyph.font_height
                );
            }
        }
        let color = text.override_text_color.unwrap_or_else(|| {
            text.galley
                .job
                .sections
                .first()
                .map(|s| s.format.color)
                .unwrap()
        });
        assert!(
            contrast(color, background) >= 7.0,
            "{content}: {color:?} on {background:?}"
        );
        seen.push(content.to_owned());
    }
    assert!(seen.len() >= 4, "legend texts found: {seen:?}");
}

/// Every named node between the top and bottom bars whose left edge lies in
/// `[left, right)` ends by `right` (+1 for rounding): nothing runs out of its panel
/// or the window. Returns the offenders.
fn overflowing(h: &Harness<'_, PowermapApp>, left: f32, right: f32) -> Vec<String> {
    let canvas = h.state().canvas().last_rect(&h.ctx).unwrap();
    h.query_all_by(|_| true)
        .filter(|node| node.accesskit_node().bounding_box().is_some())
        .filter(|node| node.accesskit_node().label().is_some() || node.value().is_some())
        .filter_map(|node| {
            let rect = node.rect();
            let between_bars = rect.min.y >= canvas.top() && rect.max.y <= canvas.bottom() + 1.0;
            let starts_inside = rect.min.x >= left && rect.min.x < right && rect.width() > 0.0;
            let starts_inside = starts_inside && between_bars;
            (starts_inside && rect.max.x > right + 1.0).then(|| {
                format!(
                    "{:?} {:?} {:?}",
                    node.accesskit_node().role(),
                    node.accesskit_node().label().or_else(|| node.value()),
                    rect
                )
            })
        })
        .collect()
}

/// The app at a window size, in a language, on the group-company sample.
fn sample_at(size: Vec2, language: Language) -> Harness<'static, PowermapApp> {
    let options = AppOptions {
        prefs: Some(Prefs {
            language: Some(language),
            ..Prefs::default()
        }),
        ..options(None)
    };
    let mut h = Harness::builder()
        .with_size(size)
        .with_step_dt(0.05)
        .build_eframe(move |cc| PowermapApp::new(cc, options));
    h.run_steps(4);
    h
}

/// Panels, legend and canvas stay in their places on the main screens, in both
/// languages, on a small laptop screen and on a large monitor.
#[test]
fn nothing_runs_out_of_its_panel_on_small_and_large_screens() {
    for size in [Vec2::new(1024.0, 640.0), Vec2::new(1920.0, 1080.0)] {
        for language in Language::ALL {
            let mut h = sample_at(size, language);
            let tr = powermap::ui::i18n::Tr(language);
            let tabs = [
                powermap::ui::i18n::T::TabDetails,
                powermap::ui::i18n::T::TabApproach,
                powermap::ui::i18n::T::TabPlans,
                powermap::ui::i18n::T::TabAnalysis,
                powermap::ui::i18n::T::TabActions,
            ];
            // A person with everything filled in, then several people.
            let person = h.state().document().stakeholders[0].id.clone();
            let everyone: Vec<_> = h
                .state()
                .document()
                .stakeholders
                .iter()
                .take(3)
                .map(|p| p.id.clone())
                .collect();
            for (step, selection) in [
                powermap::ui::selection::Selection::person(person),
                powermap::ui::selection::Selection {
                    people: everyone.into_iter().collect(),
                    lines: Default::default(),
                },
            ]
            .into_iter()
            .enumerate()
            {
                h.state_mut().set_selection(selection);
                for tab in tabs {
                    h.get_by_role_and_label(A11yRole::Button, tr.t(tab)).click();
                    h.run_steps(4);
                    let canvas = h.state().canvas().last_rect(&h.ctx).unwrap();
                    let what = format!("{size:?} {language:?} step {step} {tab:?}");
                    let left = overflowing(&h, 0.0, canvas.left());
                    assert!(
                        left.is_empty(),
                        "{what}: account panel:\n{}",
                        left.join("\n")
                    );
                    let side = overflowing(&h, canvas.right(), size.x);
                    assert!(side.is_empty(), "{what}: side panel:\n{}", side.join("\n"));
                    let middle = overflowing(&h, canvas.left(), canvas.right());
                    assert!(middle.is_empty(), "{what}: canvas:\n{}", middle.join("\n"));
                    assert!(
                        side_panel_width(&h) <= size.x / 2.0,
                        "{what}: the side panel covers the map"
                    );
                    // The legend stays over the canvas.
                    let legend_entries = Stance::ALL
                        .iter()
                        .map(|s| tr.stance(*s))
                        .chain(RelationshipKind::ALL.iter().map(|k| tr.kind(*k)));
                    for entry in legend_entries {
                        let rect = h.get_by_label(entry).rect();
                        assert!(
                            rect.min.x >= canvas.left() && rect.max.x <= canvas.right(),
                            "{what}: legend entry {entry} at {rect:?}, canvas {canvas:?}"
                        );
                    }
                }
            }
        }
    }
}

/// Where every person is on screen, and the canvas rectangle.
fn people_on_screen(h: &Harness<'_, PowermapApp>) -> (Vec<Pos2>, egui::Rect) {
    let app = h.state();
    let rect = app.canvas().last_rect(&h.ctx).unwrap();
    let view = app.canvas().transform(&h.ctx, rect);
    let points = app
        .document()
        .stakeholders
        .iter()
        .filter_map(|p| app.canvas().graph().position_of(&p.id))
        .map(|at| view.screen_from_canvas(at))
        .collect();
    (points, rect)
}

#[test]
fn resizing_the_window_keeps_the_map_in_view() {
    let mut h = harness(options(None));
    h.run_steps(4);
    let zoom_before = {
        let rect = h.state().canvas().last_rect(&h.ctx).unwrap();
        h.state().canvas().transform(&h.ctx, rect).zoom
    };
    // Maximised: the untouched, fitted view is fitted again to the larger canvas.
    h.set_size(Vec2::new(1920.0, 1080.0));
    h.run_steps(4);
    let (points, rect) = people_on_screen(&h);
    assert!(points.iter().all(|p| rect.contains(*p)), "everyone in view");
    let middle = points.iter().fold(Vec2::ZERO, |sum, p| sum + p.to_vec2()) / points.len() as f32;
    assert!(
        (middle.x - rect.center().x).abs() < rect.width() * 0.15,
        "the map is centred, not left in a corner: {middle:?} in {rect:?}"
    );
    let zoom_after = h.state().canvas().transform(&h.ctx, rect).zoom;
    assert!(zoom_after > zoom_before, "{zoom_after} vs {zoom_before}");

    // Once the user moved the view, a resize keeps the middle of the view.
    let someone = h.state().document().stakeholders[5].id.clone();
    h.state_mut().queue(AppCommand::Reveal(vec![someone]));
    h.run_steps(4);
    let centre = h.state().canvas().visible_center(&h.ctx);
    h.set_size(Vec2::new(1024.0, 640.0));
    h.run_steps(4);
    let after = h.state().canvas().visible_center(&h.ctx);
    assert!(
        (after.x - centre.x).abs() <= 2.0 && (after.y - centre.y).abs() <= 2.0,
        "{after:?} vs {centre:?}"
    );
}

/// People whose names are shown on the canvas, of all people.
fn named_people(h: &Harness<'_, PowermapApp>) -> (usize, usize) {
    let app = h.state();
    let doc = app.document();
    let named = doc
        .stakeholders
        .iter()
        .filter(|p| app.canvas().graph().is_named(&p.id) == Some(true))
        .count();
    (named, doc.stakeholders.len())
}

#[test]
fn names_are_shown_at_normal_zoom() {
    let mut h = harness(options(None));
    h.run_steps(4);
    let doc = h.state().document().clone();
    let positions = powermap::ui::canvas::canvas_positions(&doc);
    let middle = positions
        .iter()
        .fold(Vec2::ZERO, |sum, p| sum + p.to_vec2())
        / positions.len() as f32;
    for zoom in [1.0, 1.5] {
        h.state_mut()
            .canvas_mut()
            .reveal(middle.to_pos2(), Some(zoom));
        h.run_steps(3);
        let (named, people) = named_people(&h);
        assert_eq!(named, people, "everyone named at {zoom}");
    }
}

#[test]
fn an_edit_updates_the_person_on_the_canvas_and_undo_puts_it_back() {
    let mut h = harness(options(None));
    h.run_steps(3);
    let person = h.state().document().stakeholders[0].clone();
    let look = |h: &Harness<'_, PowermapApp>| {
        let graph = h.state().canvas().graph();
        let node = graph
            .nodes
            .get(&person.id)
            .and_then(|i| graph.graph.node(*i))
            .unwrap();
        (
            node.payload().name.clone(),
            node.payload().stance,
            node.location(),
        )
    };
    let before = look(&h);
    let stance = if person.stance == Stance::Opponent {
        Stance::Advocate
    } else {
        Stance::Opponent
    };
    h.state_mut().queue(AppCommand::Edit {
        command: Command::update_stakeholder(Stakeholder {
            name: "Renamed on the canvas".into(),
            stance,
            ..person.clone()
        }),
        merge_key: None,
    });
    h.run_steps(2);
    let after = look(&h);
    assert_eq!(
        (after.0.as_str(), after.1),
        ("Renamed on the canvas", stance)
    );
    assert_eq!(after.2, before.2, "it stays where it was");
    h.state_mut().queue(AppCommand::Action(Action::Undo));
    h.run_steps(2);
    assert_eq!(look(&h), before);
}
