//! The app's handling of files, driven headless with egui_kittest: recovery of
//! unsaved work after a crash, a map changed on disk by someone else, saving over
//! such a change, and the in-app file browser used when no native dialog exists.

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::accesskit::Role as A11yRole;
use egui::{Event, Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powermap::edit::Command;
use powermap::format::{backup_path, load_file, save_file};
use powermap::model::{Document, Stakeholder, StakeholderId};
use powermap::ui::app_command::{Action, AppCommand};
use powermap::ui::dialogs::{NoDialogs, ScriptedDialogs};
use powermap::ui::i18n::Language;
use powermap::ui::modals::Modal;
use powermap::ui::prefs::Prefs;
use powermap::ui::{AppOptions, PowermapApp};

fn options(file: Option<PathBuf>, recovery: Option<&Path>, folder: Option<&Path>) -> AppOptions {
    AppOptions {
        file,
        dialogs: Box::new(ScriptedDialogs::default()),
        look_for_system_font: false,
        prefs: Some(Prefs {
            language: Some(Language::English),
            last_folder: folder.map(Path::to_owned),
            ..Prefs::default()
        }),
        recovery_dir: recovery.map(Path::to_owned),
    }
}

fn harness(options: AppOptions) -> Harness<'static, PowermapApp> {
    Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| PowermapApp::new(cc, options))
}

fn map_with(names: &[&str]) -> Document {
    let mut doc = Document::default();
    doc.account.name = "Acme".into();
    for (i, name) in names.iter().enumerate() {
        doc.stakeholders
            .push(Stakeholder::new(StakeholderId::new(format!("p{i}")), *name));
    }
    doc
}

/// Adds a named person as one edit.
fn add_person(h: &mut Harness<'_, PowermapApp>, id: &str, name: &str) {
    h.state_mut().queue(AppCommand::Edit {
        command: Command::add_stakeholder(Stakeholder::new(StakeholderId::new(id), name)),
        merge_key: None,
    });
    h.run_steps(2);
}

fn names(h: &Harness<'_, PowermapApp>) -> Vec<String> {
    h.state()
        .document()
        .stakeholders
        .iter()
        .map(|p| p.name.clone())
        .collect()
}

#[test]
fn unsaved_work_survives_a_crash_and_is_offered_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let map = dir.path().join("acme.json");
    save_file(&map, &map_with(&["Ann"])).unwrap();

    let mut h = harness(options(Some(map.clone()), Some(&recovery), None));
    h.run_steps(2);
    add_person(&mut h, "p9", "刘洋");
    // The copy is written after two quiet seconds, off the UI thread.
    std::thread::sleep(Duration::from_millis(2200));
    h.run_steps(2);
    h.state().flush_autosave();
    assert_eq!(
        load_file(&map).unwrap().stakeholders.len(),
        1,
        "the map itself is never written by autosave"
    );
    // A crash: the app goes away without a clean exit.
    drop(h);

    let mut h = harness(options(Some(map.clone()), Some(&recovery), None));
    h.run_steps(2);
    let Some(Modal::Recover(copies)) = h.state().modal() else {
        panic!("the copy is offered: {:?}", h.state().modal());
    };
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0].map_path.as_deref(), Some(map.as_path()));
    // Compare first: the list comes back afterwards.
    h.get_by_role_and_label(A11yRole::Button, "Compare with the file")
        .click();
    // A new dialog takes a few frames to find its size and place.
    h.run_steps(8);
    h.get_by_label("Added: 刘洋");
    h.get_by_role_and_label(A11yRole::Button, "Close").click();
    h.run_steps(8);
    assert!(
        matches!(h.state().modal(), Some(Modal::Recover(_))),
        "{:?}",
        h.state().modal()
    );
    h.get_by_role_and_label(A11yRole::Button, "Restore").click();
    h.run_steps(3);
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert_eq!(names(&h), vec!["Ann", "刘洋"]);
    assert!(
        h.state().editor().is_modified(),
        "restored changes are unsaved"
    );
    assert_eq!(h.state().path(), Some(map.as_path()));
    // Saving writes them and removes every copy.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    h.state().flush_autosave();
    assert_eq!(load_file(&map).unwrap().stakeholders.len(), 2);
    drop(h);
    let h = harness(options(Some(map.clone()), Some(&recovery), None));
    assert!(h.state().modal().is_none(), "nothing left to recover");
}

#[test]
fn a_discarded_copy_is_gone_and_an_untitled_map_is_recovered_too() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let mut h = harness(options(None, Some(&recovery), None));
    h.state_mut().queue(AppCommand::Action(Action::New));
    h.run_steps(2);
    add_person(&mut h, "x1", "Untitled Person");
    std::thread::sleep(Duration::from_millis(2200));
    h.run_steps(2);
    h.state().flush_autosave();
    drop(h);

    let mut h = harness(options(None, Some(&recovery), None));
    h.run_steps(2);
    let Some(Modal::Recover(copies)) = h.state().modal() else {
        panic!("offered: {:?}", h.state().modal());
    };
    assert_eq!(copies[0].map_path, None);
    assert_eq!(copies[0].people, 1);
    h.get_by_role_and_label(A11yRole::Button, "Discard").click();
    h.run_steps(2);
    assert!(h.state().modal().is_none());
    drop(h);
    let h = harness(options(None, Some(&recovery), None));
    assert!(h.state().modal().is_none(), "discarded for good");
}

#[test]
fn a_change_on_disk_is_noticed_and_can_be_reloaded_or_kept() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("acme.json");
    save_file(&map, &map_with(&["Ann"])).unwrap();
    let mut h = harness(options(Some(map.clone()), None, None));
    h.run_steps(2);
    assert!(!h.state().look_at_disk_now());

    // A colleague's save (through git, a shared drive…).
    save_file(&map, &map_with(&["Ann", "Bo"])).unwrap();
    assert!(h.state().look_at_disk_now());
    h.run_steps(2);
    h.get_by_label_contains("changed on disk by someone else");
    h.get_by_role_and_label(A11yRole::Button, "Compare").click();
    h.run_steps(8);
    h.get_by_label("Removed: Bo");
    h.get_by_role_and_label(A11yRole::Button, "End comparison")
        .click();
    h.run_steps(8);
    h.get_by_role_and_label(A11yRole::Button, "Reload from disk")
        .click();
    h.run_steps(3);
    assert_eq!(names(&h), vec!["Ann", "Bo"]);
    assert!(!h.state().look_at_disk_now(), "the bar goes once reloaded");

    // Another change; this time keep ours and save over it (theirs goes to .bak).
    save_file(&map, &map_with(&["Cy"])).unwrap();
    assert!(h.state().look_at_disk_now());
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, "Keep mine")
        .click();
    h.run_steps(2);
    add_person(&mut h, "p7", "Dee");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    assert!(h.state().modal().is_none(), "{:?}", h.state().modal());
    assert_eq!(load_file(&map).unwrap().stakeholders.len(), 3);
    assert_eq!(
        load_file(&backup_path(&map)).unwrap().stakeholders[0].name,
        "Cy"
    );
}

#[test]
fn saving_over_someone_elses_change_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("acme.json");
    save_file(&map, &map_with(&["Ann"])).unwrap();
    let mut h = harness(options(Some(map.clone()), None, None));
    h.run_steps(2);
    add_person(&mut h, "p5", "Mine");
    save_file(&map, &map_with(&["Theirs"])).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    assert!(matches!(h.state().modal(), Some(Modal::SaveConflict)));
    assert_eq!(
        load_file(&map).unwrap().stakeholders[0].name,
        "Theirs",
        "nothing written before the user decides"
    );
    h.get_by_role_and_label(A11yRole::Button, "Overwrite (theirs is kept as .bak)")
        .click();
    h.run_steps(3);
    assert_eq!(load_file(&map).unwrap().stakeholders.len(), 2);
    assert_eq!(
        load_file(&backup_path(&map)).unwrap().stakeholders[0].name,
        "Theirs"
    );
    assert!(!h.state().editor().is_modified());
}

#[test]
fn the_file_browser_starts_in_the_last_folder_and_takes_relative_names() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("clients")).unwrap();
    std::fs::write(dir.path().join("old.json"), "{}").unwrap();
    let mut h = harness(options(None, None, Some(dir.path())));
    h.state_mut().queue(AppCommand::Action(Action::New));
    h.run_steps(2);
    add_person(&mut h, "p1", "Ann");
    h.state_mut().set_dialogs(Box::new(NoDialogs));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(8);
    let Some(Modal::PathEntry(browser)) = h.state().modal() else {
        panic!("the browser opens: {:?}", h.state().modal());
    };
    assert_eq!(browser.chosen_path(), dir.path().join("powermap.json"));
    // Folders and maps of the folder are listed; a click moves into a folder and
    // keeps the file name.
    h.get_by_label("old.json");
    h.get_by_label(&format!("clients{}", std::path::MAIN_SEPARATOR))
        .click();
    h.run_steps(4);
    let Some(Modal::PathEntry(browser)) = h.state().modal() else {
        panic!("still open: {:?}", h.state().modal());
    };
    assert_eq!(
        browser.chosen_path(),
        dir.path().join("clients").join("powermap.json")
    );
    // A bare name typed in goes into the folder shown.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("客户地图".into()));
    h.run_steps(4);
    h.get_by_role_and_label(A11yRole::Button, "Save").click();
    h.run_steps(3);
    let saved = dir.path().join("clients").join("客户地图.json");
    assert_eq!(load_file(&saved).unwrap().stakeholders.len(), 1);
    assert_eq!(h.state().path(), Some(saved.as_path()));
}

#[test]
fn a_large_map_is_read_in_the_background_with_progress() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.json");
    let doc = powermap::samples::synthetic_map(9_000, 7);
    save_file(&path, &doc).unwrap();
    assert!(
        std::fs::metadata(&path).unwrap().len() >= powermap::ui::open_job::BACKGROUND_BYTES,
        "the file is large enough to be read in the background"
    );
    let mut h = harness(options(Some(path.clone()), None, None));
    // Reading 9,000 people (a debug build) takes far longer than one frame.
    h.run_steps(1);
    assert!(h.state().is_opening());
    // The window keeps drawing and says what it is doing.
    assert!(h.query_by_label_contains("Opening large.json").is_some());
    assert!(h.query_by_label_contains("MB").is_some());
    h.state_mut().wait_for_open();
    h.run_steps(2);
    assert!(!h.state().is_opening());
    assert_eq!(h.state().document().stakeholders.len(), 9_000);
    assert!(h.state().modal().is_none());
    // Its canvas graph was built on the reading thread, and it is the map's.
    assert!(h.state().canvas().prebuilt_used());
    let graph = h.state().canvas().graph();
    assert_eq!(graph.nodes.len(), 9_000);
    assert_eq!(graph.edges.len(), doc.relationships.len());
    let last = doc.stakeholders.last().unwrap();
    let at = graph.position_of(&last.id).unwrap();
    let want = last.position.unwrap();
    assert_eq!((at.x, at.y), (want.x as f32, want.y as f32));
    // An edit updates it like any graph.
    let mut moved = last.clone();
    moved.position = Some(powermap::model::Position::new(-5_000.0, -5_000.0));
    h.state_mut().queue(AppCommand::Edit {
        command: powermap::edit::Command::update_stakeholder(moved),
        merge_key: None,
    });
    h.run_steps(2);
    let at = h.state().canvas().graph().position_of(&last.id).unwrap();
    assert_eq!((at.x, at.y), (-5_000.0, -5_000.0));
}

#[test]
fn a_large_broken_map_read_in_the_background_shows_why_and_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    let mut bytes = powermap::format::to_bytes(&powermap::samples::synthetic_map(18_000, 7));
    // Cut off in the middle: the JSON ends early.
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&path, &bytes).unwrap();
    assert!(bytes.len() as u64 >= powermap::ui::open_job::BACKGROUND_BYTES);
    let mut h = harness(options(Some(path), None, None));
    h.run_steps(1);
    h.state_mut().wait_for_open();
    h.run_steps(2);
    assert!(
        matches!(h.state().modal(), Some(Modal::Error(_))),
        "{:?}",
        h.state().modal()
    );
    // The sample map is there to work with instead.
    assert!(!h.state().document().stakeholders.is_empty());
}
