//! The workspace start page in the real app (egui_kittest): rows as the scan
//! sends them, sorting, filtering, pinyin search, opening a map and coming back,
//! and the evidence learned from closed deals in the Analysis tab.

use std::path::{Path, PathBuf};

use egui::Vec2;
use egui::accesskit::Role as A11yRole;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use powermap::analysis::HealthLevel;
use powermap::model::{
    Date, Document, Outcome, Relationship, RelationshipKind, Role, Stakeholder, Stance,
};
use powermap::portfolio::MapRow;
use powermap::ui::app_command::{Action, AppCommand};
use powermap::ui::dialogs::{DialogOutcome, ScriptedDialogs};
use powermap::ui::i18n::Language;
use powermap::ui::prefs::Prefs;
use powermap::ui::{AppOptions, PowermapApp};

fn save(path: &Path, doc: &Document) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, powermap::format::to_bytes(doc)).unwrap();
}

/// A deal whose decision maker supports us or not (and so differs in health).
fn deal(name: &str, value: f64, dm_supports: bool) -> Document {
    let mut doc = Document::default();
    doc.account.name = name.into();
    doc.account.opportunity = format!("{name} platform");
    doc.account.deal_value = Some(value);
    doc.account.currency = "CNY".into();
    let mut dm = Stakeholder::new("dm", "王总");
    dm.role = Role::DecisionMaker;
    dm.stance = if dm_supports {
        Stance::Supporter
    } else {
        Stance::Opponent
    };
    dm.title = "总经理".into();
    dm.last_verified = Some(Date::today_local());
    doc.stakeholders.push(dm);
    if dm_supports {
        let mut champion = Stakeholder::new("ch", "李明");
        champion.role = Role::Champion;
        champion.stance = Stance::Supporter;
        champion.last_verified = Some(Date::today_local());
        doc.stakeholders.push(champion);
    }
    doc
}

/// A crafted workspace: three maps (one Chinese account), a broken file and a
/// JSON file that is not a map.
fn crafted_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    save(&dir.path().join("a/acme.json"), &deal("Acme", 300.0, true));
    save(
        &dir.path().join("b/bnu.json"),
        &deal("北京师范大学", 100.0, false),
    );
    save(
        &dir.path().join("zeta.json"),
        &deal("Zeta Corp", 200.0, false),
    );
    std::fs::write(
        dir.path().join("broken.json"),
        "{\"format\": \"powermap\", \"version\": ",
    )
    .unwrap();
    std::fs::write(dir.path().join("package.json"), "{\"name\": \"tools\"}").unwrap();
    dir
}

fn harness(dialogs: ScriptedDialogs) -> Harness<'static, PowermapApp> {
    let options = AppOptions {
        file: None,
        dialogs: Box::new(dialogs),
        look_for_system_font: false,
        prefs: Some(Prefs {
            language: Some(Language::English),
            ..Prefs::default()
        }),
        recovery_dir: None,
    };
    Harness::builder()
        .with_size(Vec2::new(1400.0, 800.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| {
            let mut app = PowermapApp::new(cc, options);
            app.set_workspace_cache(None);
            app
        })
}

/// Steps the app until the scan has ended and its rows are on the page.
fn wait_for_scan(h: &mut Harness<'static, PowermapApp>) {
    for _ in 0..400 {
        h.run_steps(1);
        if h.state().workspace().is_some_and(|w| w.is_finished()) {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the scan did not end");
}

/// The accounts of the rows shown, in order ("" for a broken file).
fn shown_accounts(h: &Harness<'static, PowermapApp>) -> Vec<String> {
    let rows: &[MapRow] = h.state().workspace().unwrap().rows();
    h.state()
        .start_page()
        .shown()
        .iter()
        .map(|&i| {
            rows[i]
                .summary
                .as_ref()
                .map(|s| s.account.clone())
                .unwrap_or_default()
        })
        .collect()
}

/// Picks `language` in the View menu, named (View, Language) in the current one.
fn switch_language(h: &mut Harness<'static, PowermapApp>, menu: (&str, &str), language: &str) {
    h.get_by_label(menu.0).click();
    h.run_steps(2);
    h.get_by_label_contains(menu.1).click();
    h.run_steps(2);
    h.get_by_label(language).click();
    h.run_steps(3);
}

fn open_through_menu(dir: &Path) -> Harness<'static, PowermapApp> {
    let mut dialogs = ScriptedDialogs::default();
    dialogs
        .answers
        .push_back(DialogOutcome::Picked(dir.to_owned()));
    let mut h = harness(dialogs);
    h.run_steps(2);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Open workspace…").click();
    h.run_steps(2);
    wait_for_scan(&mut h);
    h
}

#[test]
fn the_start_page_lists_sorts_filters_searches_and_opens_maps() {
    let dir = crafted_workspace();
    let mut h = open_through_menu(dir.path());
    assert!(h.state().is_showing_workspace());
    // Three maps and the broken file; the package.json is skipped with a note.
    assert_eq!(h.state().workspace().unwrap().rows().len(), 4);
    assert!(
        h.state()
            .workspace()
            .unwrap()
            .notes()
            .iter()
            .any(|n| n.to_string().contains("package.json"))
    );
    for account in ["Acme", "北京师范大学", "Zeta Corp"] {
        assert!(h.query_by_label(account).is_some(), "{account} is listed");
    }
    assert!(
        h.query_by_label_contains("Cannot read:").is_some(),
        "the broken file is a row with its error"
    );
    // In Chinese, the reason is in Chinese too (kept in both by the scan).
    switch_language(&mut h, ("View", "Language"), "中文");
    assert!(
        h.query_by_label_contains("无法读取：第 1 行").is_some()
            && h.query_by_label_contains("不是有效的 JSON").is_some(),
        "the broken file's reason in Chinese"
    );
    assert!(h.query_by_label_contains("not valid JSON").is_none());
    switch_language(&mut h, ("视图", "语言"), "English");
    assert_eq!(
        h.state().prefs().last_workspace.as_deref(),
        Some(std::path::absolute(dir.path()).unwrap().as_path())
    );

    // Sorted by customer at first; by deal value after a click, reversed after two.
    assert_eq!(
        shown_accounts(&h),
        ["Acme", "Zeta Corp", "北京师范大学", ""]
    );
    h.get_by_label("Deal value").click();
    h.run_steps(2);
    assert_eq!(
        shown_accounts(&h),
        ["北京师范大学", "Zeta Corp", "Acme", ""]
    );
    h.get_by_label("Deal value ▲").click();
    h.run_steps(2);
    assert_eq!(
        shown_accounts(&h)[..3],
        ["Acme", "Zeta Corp", "北京师范大学"]
    );

    // Filtering by health hides the rows of other levels (and the broken file).
    let rows = h.state().workspace().unwrap().rows().to_vec();
    let health_of = |account: &str| {
        rows.iter()
            .filter_map(|r| r.summary.as_ref().ok())
            .find(|s| s.account == account)
            .map(|s| s.health)
            .unwrap()
    };
    let acme = health_of("Acme");
    assert_ne!(
        acme,
        health_of("Zeta Corp"),
        "the crafted deals differ in health"
    );
    let name = match acme {
        HealthLevel::Red => "Red",
        HealthLevel::Amber => "Amber",
        HealthLevel::Green => "Green",
    };
    h.get_by_value("Any health").click();
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, name).click();
    h.run_steps(2);
    let shown = shown_accounts(&h);
    assert!(shown.contains(&"Acme".to_owned()), "{shown:?}");
    assert!(!shown.contains(&"Zeta Corp".to_owned()), "{shown:?}");
    assert!(!shown.contains(&String::new()), "{shown:?}");
    assert!(h.query_by_label("Zeta Corp").is_none());
    // Back to every level.
    h.get_all_by_value(name)
        .find(|n| n.accesskit_node().role() == A11yRole::ComboBox)
        .expect("the health filter shows the level chosen")
        .click();
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, "Any health")
        .click();
    h.run_steps(2);
    assert_eq!(shown_accounts(&h).len(), 4);

    // Pinyin initials find the Chinese account, and only it (the table's search is
    // the text field after "Find a person in every map").
    h.get_all_by_role(A11yRole::TextInput)
        .last()
        .unwrap()
        .click();
    h.run_steps(1);
    h.event(egui::Event::Text("bjsf".into()));
    h.run_steps(2);
    assert_eq!(shown_accounts(&h), ["北京师范大学"]);
    assert!(h.query_by_label("Acme").is_none());

    // Clicking the row opens the map in place of the page.
    h.get_by_label("北京师范大学").click();
    h.run_steps(3);
    assert!(!h.state().is_showing_workspace());
    assert_eq!(h.state().document().account.name, "北京师范大学");
    assert!(h.state().path().unwrap().ends_with("b/bnu.json"));

    // Back to the workspace: the page as it was (search, sort).
    h.get_by_label("← Back to workspace").click();
    h.run_steps(3);
    assert!(h.state().is_showing_workspace());
    assert_eq!(shown_accounts(&h), ["北京师范大学"]);
    assert!(h.query_by_label_contains("1 of 4 maps shown").is_some());
}

#[test]
fn opening_a_map_with_unsaved_changes_from_the_page_asks_first() {
    let dir = crafted_workspace();
    let mut h = open_through_menu(dir.path());
    // An unsaved change to the map behind the page.
    h.state_mut().queue(AppCommand::Edit {
        command: powermap::edit::Command::AddStakeholder {
            stakeholder: Box::new(Stakeholder::new("x", "X")),
            index: None,
        },
        merge_key: None,
    });
    h.run_steps(2);
    h.get_by_label("Acme").click();
    h.run_steps(2);
    assert!(matches!(
        h.state().modal(),
        Some(powermap::ui::modals::Modal::Unsaved { .. })
    ));
    assert!(h.state().document().account.name != "Acme");
}

/// A university deal: 教务处处长 and 副校长, one tagged decision maker when closed.
fn campus(name: &str, outcome: Option<Outcome>, head_decides: bool) -> Document {
    let mut doc = Document::default();
    doc.account.name = name.into();
    doc.account.outcome = outcome;
    let mut head = Stakeholder::new("head", "处长");
    head.title = "教务处处长".into();
    head.power = powermap::model::Power::new(5).unwrap();
    let mut vp = Stakeholder::new("vp", "副校长");
    vp.title = "信息中心主任".into();
    vp.power = powermap::model::Power::new(5).unwrap();
    if outcome.is_some_and(Outcome::is_closed) {
        if head_decides {
            head.role = Role::DecisionMaker;
        } else {
            vp.role = Role::DecisionMaker;
        }
    }
    doc.stakeholders.push(head);
    doc.stakeholders.push(vp);
    doc.relationships.push(Relationship::new(
        "r",
        "head",
        "vp",
        RelationshipKind::Influences,
    ));
    doc
}

const LEARNED: &str =
    "in 3 of 3 closed deals in this workspace, the 教务处处长 was the decision maker";

#[test]
fn the_analysis_of_a_map_in_the_workspace_uses_its_closed_deals() {
    let dir = tempfile::tempdir().unwrap();
    save(
        &dir.path().join("won-a.json"),
        &campus("A", Some(Outcome::Won), true),
    );
    save(
        &dir.path().join("lost-b.json"),
        &campus("B", Some(Outcome::Lost), true),
    );
    save(
        &dir.path().join("won-d.json"),
        &campus("D", Some(Outcome::Won), true),
    );
    let open: PathBuf = dir.path().join("open.json");
    save(&open, &campus("Open U", None, false));
    // The same map outside the workspace.
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("open.json");
    save(&outside, &campus("Open U", None, false));

    let mut h = open_through_menu(dir.path());
    h.state_mut().queue(AppCommand::OpenFile(open));
    h.run_steps(3);
    assert!(!h.state().is_showing_workspace());
    h.get_by_role_and_label(A11yRole::Button, "Analysis")
        .click();
    h.run_steps(3);
    assert!(
        h.query_by_label_contains(LEARNED).is_some(),
        "the learned reason shows in the Analysis tab"
    );

    // Outside the workspace: today's analysis, without the lesson.
    h.state_mut().queue(AppCommand::OpenFile(outside));
    h.run_steps(3);
    assert!(h.state().path().unwrap().starts_with(elsewhere.path()));
    assert!(
        h.query_by_label_contains("closed deals in this workspace")
            .is_none()
    );

    // Back in the workspace, then the File menu returns to the page.
    h.state_mut()
        .queue(AppCommand::Action(Action::ShowWorkspace));
    h.run_steps(2);
    assert!(h.state().is_showing_workspace());
}

#[test]
fn a_person_is_found_in_every_map_of_the_workspace_and_a_click_opens_one() {
    // 王总 is the decision maker in all three maps; 李明 only in Acme's.
    let dir = crafted_workspace();
    let mut h = open_through_menu(dir.path());
    assert!(h.query_by_label("Find a person in every map:").is_some());
    h.state_mut().start_page_mut().people.set_query("李明");
    h.run_steps(1);
    h.get_by_label("Find in all maps").click();
    let mut found = Vec::new();
    for _ in 0..300 {
        h.run_steps(1);
        found = h.state().start_page().people.found_paths();
        if !found.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with("a/acme.json"));
    // The hit names the map's customer; a click opens that map.
    h.run_steps(2);
    h.get_by_label_contains("李明 —").click();
    h.run_steps(4);
    assert_eq!(h.state().document().account.name, "Acme");
}
