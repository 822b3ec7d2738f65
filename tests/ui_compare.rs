//! Comparing the map with an older version on the canvas: the bar lists every
//! change as a link, someone gone is a ghost where they were (or beside their
//! manager in a computed view), and the comparison follows edits.

use std::path::{Path, PathBuf};

use egui::Vec2;
use egui::accesskit::Role as A11yRole;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powermap::model::{
    Document, Position, Power, Relationship, RelationshipKind, Stakeholder, StakeholderId, Stance,
};
use powermap::ui::app_command::{Action, AppCommand};
use powermap::ui::dialogs::{DialogOutcome, ScriptedDialogs};
use powermap::ui::i18n::Language;
use powermap::ui::prefs::Prefs;
use powermap::ui::{AppOptions, PowermapApp};
use powermap::views::ViewKind;

fn harness(file: &Path, other: &Path, language: Language) -> Harness<'static, PowermapApp> {
    let options = AppOptions {
        file: Some(file.to_owned()),
        dialogs: Box::new(ScriptedDialogs {
            answers: [DialogOutcome::Picked(other.to_owned())].into(),
        }),
        look_for_system_font: false,
        prefs: Some(Prefs {
            language: Some(language),
            ..Prefs::default()
        }),
        recovery_dir: None,
    };
    Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| PowermapApp::new(cc, options))
}

fn person(id: &str, name: &str, x: f64, y: f64) -> Stakeholder {
    let mut p = Stakeholder::new(id, name);
    p.position = Some(Position::new(x, y));
    p
}

/// Last month's copy (with 赵磊, who has left since) and the map now.
fn maps(dir: &Path) -> (PathBuf, PathBuf) {
    let mut before = Document::default();
    before
        .stakeholders
        .push(person("p-wang", "王立新", 0.0, 0.0));
    before
        .stakeholders
        .push(person("p-zhou", "周振华", 300.0, 0.0));
    before
        .stakeholders
        .push(person("p-zhao", "赵磊", 150.0, 250.0));
    before.relationships.push(Relationship::new(
        "r1",
        "p-zhou",
        "p-wang",
        RelationshipKind::ReportsTo,
    ));
    before.relationships.push(Relationship::new(
        "r2",
        "p-zhao",
        "p-wang",
        RelationshipKind::ReportsTo,
    ));
    let mut now = before.clone();
    now.stakeholders.retain(|p| p.id.as_str() != "p-zhao");
    now.relationships.retain(|l| l.id.as_str() != "r2");
    now.stakeholders[1].stance = Stance::Opponent;
    now.stakeholders[1].power = Power::MAX;
    now.stakeholders
        .push(person("p-qian", "钱玉梅", 300.0, 250.0));
    let old_path = dir.join("last-month.json");
    let path = dir.join("acme.json");
    std::fs::write(&old_path, powermap::format::to_bytes(&before)).unwrap();
    std::fs::write(&path, powermap::format::to_bytes(&now)).unwrap();
    (path, old_path)
}

#[test]
fn the_canvas_and_the_bar_show_what_changed_since_a_colleagues_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old) = maps(dir.path());
    let mut h = harness(&path, &old, Language::English);
    h.run_steps(3);
    assert_eq!(h.state().canvas().ghost_position(0), None);
    h.state_mut().queue(AppCommand::Action(Action::CompareWith));
    h.run_steps(4);

    assert!(h.query_by_label_contains("Comparing with").is_some());
    assert!(
        h.query_by_label("1 new · 1 gone · 1 changed · 1 line change")
            .is_some()
    );
    h.get_by_label("Added: 钱玉梅");
    h.get_by_label("Removed: 赵磊");
    h.get_by_label("Line removed: 赵磊 → 王立新 (Reports to)");
    let changed = "Changed: 周振华 — Unknown stance → Opponent; power: 3 → 5";
    h.get_by_label(changed).click();
    h.run_steps(3);
    assert!(
        h.state()
            .selection()
            .people
            .contains(&StakeholderId::from("p-zhou")),
        "a listed change selects the person"
    );

    // On the map, the ghost stands where 赵磊 was.
    let ghost = h.state().canvas().ghost_position(0).expect("a ghost");
    assert_eq!((ghost.x, ghost.y), (150.0, 250.0));
    h.get_by_label("Removed: 赵磊").click();
    h.run_steps(3);

    // In the org chart nobody is where the map had them: beside the manager.
    h.state_mut().queue(AppCommand::SetView(ViewKind::OrgChart));
    h.run_steps(6);
    let ghost = h.state().canvas().ghost_position(0).expect("a ghost");
    let manager = h
        .state()
        .canvas()
        .graph()
        .position_of(&StakeholderId::from("p-wang"))
        .expect("王立新 is drawn");
    let distance = (ghost - manager).length();
    assert!(
        (100.0..200.0).contains(&distance),
        "beside the manager: {distance}"
    );
    assert!(
        !h.state().editor().is_modified(),
        "comparing changes nothing"
    );

    h.get_by_role_and_label(A11yRole::Button, "Hide the list")
        .click();
    h.run_steps(2);
    assert!(h.query_by_label("Added: 钱玉梅").is_none());
    h.get_by_role_and_label(A11yRole::Button, "End comparison")
        .click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("Comparing with").is_none());
    assert_eq!(h.state().canvas().ghost_position(0), None);
}

#[test]
fn the_comparison_reads_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old) = maps(dir.path());
    let mut h = harness(&path, &old, Language::Chinese);
    h.run_steps(3);
    h.state_mut().queue(AppCommand::Action(Action::CompareWith));
    h.run_steps(4);
    assert!(h.query_by_label_contains("正在与").is_some());
    h.get_by_label("新增：钱玉梅");
    h.get_by_label("删除：赵磊");
    h.get_by_label("修改：周振华——态度未知 → 反对；权力：3 → 5");
    h.get_by_role_and_label(A11yRole::Button, "结束比较")
        .click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("正在与").is_none());
}

#[test]
fn a_large_older_version_is_read_off_the_ui_thread_then_compared() {
    let dir = tempfile::tempdir().unwrap();
    let old_path = dir.path().join("before.json");
    let path = dir.path().join("now.json");
    let before = powermap::samples::synthetic_map(9_000, 7);
    let mut now = before.clone();
    now.stakeholders.truncate(8_990);
    let ids: std::collections::HashSet<_> = now.stakeholders.iter().map(|p| p.id.clone()).collect();
    now.relationships
        .retain(|l| ids.contains(&l.from) && ids.contains(&l.to));
    std::fs::write(&old_path, powermap::format::to_bytes(&before)).unwrap();
    std::fs::write(&path, powermap::format::to_bytes(&now)).unwrap();
    assert!(
        std::fs::metadata(&old_path).unwrap().len() >= powermap::ui::open_job::BACKGROUND_BYTES
    );
    let mut h = harness(&path, &old_path, Language::English);
    h.run_steps(1);
    h.state_mut().wait_for_open();
    h.run_steps(2);
    h.state_mut().queue(AppCommand::Action(Action::CompareWith));
    h.run_steps(1);
    assert!(h.state().is_reading_older(), "read off the UI thread");
    h.state_mut().wait_for_older();
    // The marks of 9,000 people are computed in the background too.
    for _ in 0..200 {
        h.run_steps(1);
        if h.query_by_label_contains("10 gone").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        h.query_by_label_contains("0 new · 10 gone · 0 changed")
            .is_some()
    );
}
