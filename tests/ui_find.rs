//! Finding people and presenting, driven through the real app with egui_kittest:
//! Ctrl+F and pinyin, the filter's fading, presentation mode's privacy, anonymity
//! and story. GraphView repaints every frame, so the harness is stepped a fixed
//! number of times.

use std::path::PathBuf;

use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powermap::model::{StakeholderId, Stance};
use powermap::ui::app_command::{Action, AppCommand};
use powermap::ui::canvas::Emphasis;
use powermap::ui::dialogs::ScriptedDialogs;
use powermap::ui::i18n::Language;
use powermap::ui::prefs::Prefs;
use powermap::ui::{AppOptions, PowermapApp};

fn group_sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples/group-equipment-deal.json")
}

fn app() -> Harness<'static, PowermapApp> {
    app_with(group_sample())
}

fn app_with(file: PathBuf) -> Harness<'static, PowermapApp> {
    let options = AppOptions {
        file: Some(file),
        dialogs: Box::new(ScriptedDialogs::default()),
        look_for_system_font: false,
        prefs: Some(Prefs {
            language: Some(Language::English),
            ..Prefs::default()
        }),
        recovery_dir: None,
    };
    let mut h = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| PowermapApp::new(cc, options));
    h.run_steps(4);
    h
}

fn id(text: &str) -> StakeholderId {
    StakeholderId::new(text)
}

/// How the canvas draws the person with this id.
fn emphasis(h: &Harness<'_, PowermapApp>, person: &str) -> Emphasis {
    let graph = h.state().canvas().graph();
    let node = graph.nodes[&id(person)];
    graph.graph.node(node).unwrap().payload().emphasis
}

/// The name the canvas draws for the person with this id.
fn drawn_name(h: &Harness<'_, PowermapApp>, person: &str) -> String {
    let graph = h.state().canvas().graph();
    let node = graph.nodes[&id(person)];
    graph.graph.node(node).unwrap().payload().name.clone()
}

#[test]
fn ctrl_f_and_three_pinyin_letters_list_the_person_and_enter_selects_them() {
    let mut h = app();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(3);
    assert!(h.state().find_tools().search.is_open());
    h.event(egui::Event::Text("zzh".into()));
    h.run_steps(3);
    let doc = h.state().document().clone();
    let listed = h.state().find_tools().search.listed_ids(&doc);
    assert_eq!(listed.first(), Some(&id("p-zhou")), "{listed:?}");
    // Listed under the field, and highlighted on the canvas.
    assert!(h.query_by_label_contains("周振华 — 总经理").is_some());
    assert_eq!(emphasis(&h, "p-zhou"), Emphasis::Highlighted);
    assert_eq!(emphasis(&h, "p-lin"), Emphasis::Normal);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(h.state().selection().people.contains(&id("p-zhou")));
    assert_eq!(h.state().selection().people.len(), 1);
    // Esc closes the bar and the highlight goes.
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(!h.state().find_tools().search.is_open());
    assert_eq!(emphasis(&h, "p-zhou"), Emphasis::Normal);
}

#[test]
fn down_arrow_chooses_the_next_result() {
    let mut h = app();
    h.state_mut().queue(AppCommand::Action(Action::Find));
    h.run_steps(3);
    // 技术 is in several titles and departments.
    h.event(egui::Event::Text("技术".into()));
    h.run_steps(3);
    let doc = h.state().document().clone();
    let listed = h.state().find_tools().search.listed_ids(&doc);
    assert!(listed.len() >= 2, "{listed:?}");
    h.key_press(Key::ArrowDown);
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(h.state().selection().people.contains(&listed[1]));
}

#[test]
fn a_stance_filter_fades_the_others_and_their_lines_and_clear_restores_them() {
    let mut h = app();
    h.state_mut()
        .find_tools_mut()
        .filter
        .filter
        .stances
        .insert(Stance::Opponent);
    h.run_steps(3);
    assert_eq!(
        emphasis(&h, "p-gao"),
        Emphasis::Normal,
        "高志强 is the opponent"
    );
    assert_eq!(emphasis(&h, "p-zhou"), Emphasis::Dimmed);
    let graph = h.state().canvas().graph();
    let dimmed_lines = graph
        .edges
        .values()
        .filter(|e| graph.graph.edge(**e).unwrap().payload().emphasis == Emphasis::Dimmed)
        .count();
    assert!(dimmed_lines > 0);
    // The bar says what is filtered; one click clears it.
    assert!(
        h.query_by_label_contains("Filter: stance: opponent")
            .is_some()
    );
    h.get_by_label("🗙 Clear filter").click();
    h.run_steps(3);
    assert!(!h.state().find_tools().filter.filter.is_active());
    assert_eq!(emphasis(&h, "p-zhou"), Emphasis::Normal);
    assert!(h.query_by_label_contains("Filter: stance").is_none());
}

#[test]
fn hiding_filtered_people_hides_them_on_the_canvas() {
    let mut h = app();
    let tools = h.state_mut().find_tools_mut();
    tools.filter.filter.stances.insert(Stance::Opponent);
    tools.filter.hide = true;
    h.run_steps(3);
    assert_eq!(emphasis(&h, "p-zhou"), Emphasis::Hidden);
    assert_eq!(emphasis(&h, "p-gao"), Emphasis::Normal);
}

#[test]
fn presenting_hides_private_fields_and_anonymous_shows_titles_and_esc_leaves() {
    let mut h = app();
    // The inspector shows the personal agenda of a selected person before presenting.
    let mut zhou = h.state().document().stakeholders[0].clone();
    zhou.interests.personal = "wants a promotion".into();
    h.state_mut().queue(AppCommand::Edit {
        command: powermap::edit::Command::UpdateStakeholder(Box::new(zhou)),
        merge_key: None,
    });
    h.state_mut().queue(AppCommand::Reveal(vec![id("p-zhou")]));
    h.run_steps(4);
    assert!(
        h.query_all_by_value("wants a promotion").count() > 0,
        "shown in the inspector"
    );

    assert!(h.query_by_label("Fit to view").is_some());
    h.key_press(Key::F11);
    h.run_steps(4);
    assert!(h.state().find_tools().is_presenting());
    assert_eq!(h.query_all_by_value("wants a promotion").count(), 0);
    assert!(h.query_by_label_contains("wants a promotion").is_none());
    assert!(
        h.query_by_label("Fit to view").is_none(),
        "menus and toolbar hidden"
    );
    assert_eq!(drawn_name(&h, "p-zhou"), "周振华");

    h.get_by_label("Anonymous: titles instead of names").click();
    h.run_steps(4);
    assert_eq!(drawn_name(&h, "p-zhou"), "总经理");
    assert_eq!(drawn_name(&h, "p-lin"), "总经理助理");
    assert!(h.query_by_label_contains("周振华").is_none());

    h.key_press(Key::Escape);
    h.run_steps(4);
    assert!(!h.state().find_tools().is_presenting());
    assert_eq!(drawn_name(&h, "p-zhou"), "周振华");
    assert!(h.query_by_label("Fit to view").is_some(), "toolbar back");
    assert_eq!(
        h.state().document().stakeholders[0].interests.personal,
        "wants a promotion"
    );
}

#[test]
fn arrow_keys_step_through_the_story() {
    let mut h = app();
    h.state_mut().queue(AppCommand::Action(Action::Present));
    h.run_steps(4);
    let (step, count) = h.state().find_tools().present.as_ref().unwrap().step();
    assert_eq!(step, None);
    assert!(count >= 3, "decision makers, champion and risks: {count}");
    h.key_press(Key::ArrowRight);
    h.run_steps(3);
    let present = h.state().find_tools().present.as_ref().unwrap();
    assert_eq!(present.step().0, Some(0));
    let caption = present.caption().unwrap().to_owned();
    assert!(caption.starts_with("周振华"), "{caption}");
    assert!(h.state().selection().people.contains(&id("p-zhou")));
    assert!(
        h.query_by_label_contains(&caption).is_some(),
        "caption shown"
    );
    h.key_press(Key::ArrowRight);
    h.run_steps(3);
    assert_eq!(
        h.state().find_tools().present.as_ref().unwrap().step().0,
        Some(1)
    );
    h.key_press(Key::ArrowLeft);
    h.run_steps(3);
    assert_eq!(
        h.state().find_tools().present.as_ref().unwrap().step().0,
        Some(0)
    );
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(!h.state().find_tools().is_presenting());
}

#[test]
fn a_large_map_is_indexed_off_the_ui_thread_and_then_searched() {
    // More people than the search indexes inline: the bar says it is preparing, then
    // lists the match once the background index is ready.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.json");
    let mut doc = powermap::samples::synthetic_map(6_000, 7);
    doc.stakeholders[4_321].name = "周振华".into();
    std::fs::write(&path, powermap::format::to_bytes(&doc)).unwrap();
    let mut h = app_with(path);
    // Large maps open in the background too.
    for _ in 0..300 {
        h.run_steps(1);
        if !h.state().document().stakeholders.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.event(egui::Event::Text("zhouzh".into()));
    h.run_steps(2);
    let wanted = h.state().document().stakeholders[4_321].id.clone();
    let mut listed = Vec::new();
    for _ in 0..200 {
        h.run_steps(1);
        let doc = h.state().document().clone();
        listed = h.state().find_tools().search.listed_ids(&doc);
        if !listed.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(listed.first(), Some(&wanted), "{listed:?}");
}

#[test]
fn a_large_map_is_prepared_for_presenting_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.json");
    let mut doc = powermap::samples::synthetic_map(3_000, 7);
    doc.stakeholders[0].interests.personal = "wants a promotion".into();
    powermap::format::save_file(&path, &doc).unwrap();
    let mut h = app_with(path);
    h.run_steps(2);
    h.state_mut().wait_for_open();
    h.run_steps(2);
    assert_eq!(h.state().document().stakeholders.len(), 3_000);
    h.state_mut().queue(AppCommand::Action(Action::Present));
    h.run_steps(2);
    let preparing = h
        .state()
        .find_tools()
        .present
        .as_ref()
        .unwrap()
        .is_preparing();
    if preparing {
        // (A debug build copies and analyses 3,000 people in far more than a frame.)
        assert!(h.query_by_label("Preparing the presentation…").is_some());
    }
    for _ in 0..200 {
        h.run_steps(1);
        if !h
            .state()
            .find_tools()
            .present
            .as_ref()
            .unwrap()
            .is_preparing()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run_steps(2);
    let present = h.state().find_tools().present.as_ref().unwrap();
    assert!(!present.is_preparing());
    assert_eq!(present.shown().stakeholders.len(), 3_000);
    assert!(
        present.shown().stakeholders[0]
            .interests
            .personal
            .is_empty(),
        "the presented copy has no private fields"
    );
    assert!(present.step().1 >= 1, "a story to tell");
    assert!(h.query_by_label("Preparing the presentation…").is_none());
}
