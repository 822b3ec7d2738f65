//! The Analysis tab as a manager reads it, driven headless with egui_kittest: the
//! buying centre, the candidates' part and likelihood, the champion test, the
//! coverage grid, and long lists kept short until "Show all". GraphView repaints
//! every frame, so the harness is stepped a fixed number of times.

use std::path::PathBuf;

use egui::Vec2;
use egui::accesskit::Role as A11yRole;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powermap::analysis::{AnalysisOptions, analyze};
use powermap::ui::app_command::AppCommand;
use powermap::ui::dialogs::ScriptedDialogs;
use powermap::ui::i18n::Language;
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

/// The app on the group-company sample, showing the Analysis tab.
fn analysis_tab() -> Harness<'static, PowermapApp> {
    let mut h = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| PowermapApp::new(cc, options(None)));
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, "Analysis")
        .click();
    // The analysis may run in the background: give it a few frames.
    h.run_steps(6);
    h
}

#[test]
fn the_analysis_tab_shows_the_buying_centre_candidates_champions_and_coverage() {
    let h = analysis_tab();
    for heading in [
        "Buying centre",
        "Champion test",
        "Coverage (covered / on the map)",
    ] {
        assert!(h.query_all_by_label(heading).next().is_some(), "{heading}");
    }
    // 马骏 heads the unit the opportunity changes: his part and likelihood are
    // next to his name.
    let shown = |label: &str| h.query_all_by_label(label).next().is_some();
    assert!(shown("business decider"));
    assert!(shown("probably takes part in the final decision"));
    // The champion 杨帆 passes the test.
    assert!(shown("passes"));
    // The grid: executives, and whom we cover in the business.
    assert!(shown("Executive"));
    assert!(shown("1/2"), "陈立军 of two executives");
}

#[test]
fn long_lists_stay_short_until_show_all() {
    let mut h = analysis_tab();
    let doc = h.state().document().clone();
    let analysis = analyze(
        &doc,
        &AnalysisOptions::new(powermap::model::Date::today_local(), Language::English),
    );
    // The least influential person is listed only once everything is shown.
    let last = analysis.ranking.last().copied().unwrap();
    let name = doc.stakeholders[last].name.clone();
    let before = h.query_all_by_label(&name).count();
    let show_all = format!("Show all ({})", doc.stakeholders.len());
    h.get_by_role_and_label(A11yRole::Button, &show_all)
        .scroll_to_me();
    h.run_steps(3);
    h.get_by_role_and_label(A11yRole::Button, &show_all).click();
    h.run_steps(3);
    // The open list is scrolled: the last place is at its end.
    scroll_list_to_end(&mut h, "10.");
    assert_eq!(h.query_all_by_label(&name).count(), before + 1, "{name}");
    h.get_by_role_and_label(A11yRole::Button, "Show fewer")
        .scroll_to_me();
    h.run_steps(3);
    h.get_by_role_and_label(A11yRole::Button, "Show fewer")
        .click();
    h.run_steps(3);
    assert_eq!(h.query_all_by_label(&name).count(), before);
}

/// Scrolls the list holding the row labelled `row` (it must be in view) far down
/// with the mouse wheel.
fn scroll_list_to_end(h: &mut Harness<'static, PowermapApp>, row: &str) {
    // The list ends just above its "Show fewer" button: bring both into view.
    h.get_by_role_and_label(A11yRole::Button, "Show fewer")
        .scroll_to_me();
    h.run_steps(3);
    let at = h.get_by_label(row).rect().center();
    h.hover_at(at);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: Vec2::new(0.0, -1_000_000.0),
        modifiers: egui::Modifiers::NONE,
        phase: egui::TouchPhase::Move,
    });
    h.run_steps(20);
}

#[test]
fn show_all_on_a_large_map_builds_only_the_rows_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.json");
    let doc = powermap::samples::synthetic_map(2_000, 7);
    powermap::format::save_file(&path, &doc).unwrap();
    let mut h = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| PowermapApp::new(cc, options(Some(path.clone()))));
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, "Analysis")
        .click();
    let show_all = format!("Show all ({})", doc.stakeholders.len());
    // A map this size is analysed in the background.
    for _ in 0..200 {
        if h.query_by_label(&show_all).is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run_steps(1);
    }
    h.get_by_role_and_label(A11yRole::Button, &show_all)
        .scroll_to_me();
    h.run_steps(3);
    h.get_by_role_and_label(A11yRole::Button, &show_all).click();
    h.run_steps(3);
    h.get_by_role_and_label(A11yRole::Button, "Show fewer")
        .scroll_to_me();
    h.run_steps(3);
    // Everyone is in the list, but only a screenful of places is built.
    let places = |h: &Harness<'static, PowermapApp>| {
        (1..=doc.stakeholders.len())
            .filter(|n| h.query_by_label(&format!("{n:>2}.")).is_some())
            .count()
    };
    let built = places(&h);
    assert!((10..40).contains(&built), "{built} rows built");
    let analysis = analyze(
        &doc,
        &AnalysisOptions::new(powermap::model::Date::today_local(), Language::English),
    );
    let last = &doc.stakeholders[*analysis.ranking.last().unwrap()].name;
    assert!(h.query_by_label("2000.").is_none());
    let elsewhere = h.query_all_by_label(last).count();
    scroll_list_to_end(&mut h, "10.");
    assert_eq!(
        h.query_all_by_label(last).count(),
        elsewhere + 1,
        "{last} at the end of the list"
    );
    assert!(h.query_by_label("2000.").is_some());
    assert!(places(&h) < 40);
}

#[test]
fn the_chinese_analysis_tab_speaks_like_a_sales_manager() {
    let mut h = analysis_tab();
    h.state_mut()
        .queue(AppCommand::SetLanguage(Language::Chinese));
    h.run_steps(6);
    for text in [
        "采购决策链",
        "内线检验",
        "业务决策人",
        "过关",
        "高层",
        "黄灯",
    ] {
        assert!(
            h.query_all_by_label_contains(text).next().is_some(),
            "{text}"
        );
    }
    assert!(h.query_all_by_label_contains("拥护").next().is_none());
}
