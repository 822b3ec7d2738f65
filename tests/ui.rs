//! The real app driven headless with egui_kittest: the canvas, the inspector, undo
//! and redo, connecting people, saving, reopening, unsaved-changes prompts and the
//! language switch. GraphView runs every frame, so the harness is stepped a fixed
//! number of times instead of `run()`.

use std::path::PathBuf;

use egui::accesskit::Role as A11yRole;
use egui::{Event, Key, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powermap::format::load_file;
use powermap::model::{Position, RelationshipKind, Stance};
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
    add_person_at(&mut h, 0.0, 0.0);
    h.key_press(Key::Escape);
    h.run_steps(2);
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
    add_person_at(&mut h, -150.0, 0.0);
    add_person_at(&mut h, 150.0, 0.0);
    h.key_press(Key::Escape);
    h.run_steps(2);
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
    add_person_at(&mut h, -100.0, 0.0);
    add_person_at(&mut h, 100.0, 0.0);
    add_person_at(&mut h, 0.0, 300.0);
    h.key_press(Key::Escape);
    h.run_steps(2);
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
    add_person_at(&mut h, -150.0, 0.0);
    add_person_at(&mut h, 150.0, 0.0);
    h.key_press(Key::Escape);
    h.run_steps(2);
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
    add_person_at(&mut h, 0.0, 0.0);
    h.key_press(Key::Escape);
    h.run_steps(2);
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
    add_person_at(&mut h, 5.0, 5.0);
    h.key_press(Key::Escape);
    h.run_steps(2);
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
    add_person_at(&mut h, 0.0, 0.0);
    h.key_press(Key::Escape);
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
    add_person_at(&mut h, 0.0, 0.0);
    h.key_press(Key::Escape);
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
    add_person_at(&mut h, 0.0, 0.0);
    h.key_press(Key::Escape);
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
    add_person_at(&mut h, 0.0, 0.0);
    h.key_press(Key::Escape);
    h.run_steps(2);
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
    add_person_at(&mut h, 0.0, 0.0);
    h.key_press(Key::Escape);
    h.run_steps(2);
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
    let risk = h.get_by_label_contains("Key people nobody on our team owns");
    risk.click();
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
    assert!(
        h.query_by_label_contains("not verified for more than 90 days")
            .is_some()
    );
    h.state_mut().queue(AppCommand::SetStaleDays(400));
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("not verified for more than")
            .is_none()
    );
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
    add_person_at(&mut h, 0.0, 0.0);
    h.key_press(Key::Escape);
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
    add_person_at(&mut h, 0.0, 0.0);
    h.key_press(Key::Escape);
    h.run_steps(2);
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
