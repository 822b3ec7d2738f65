//! The merge conflicts a map holds, settled in the app: the bar says how many,
//! the list shows ours and theirs, each choice is one undo step, and the bar goes
//! when none is left.

use std::path::Path;

use egui::Vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powermap::model::{Document, Stakeholder, Stance};
use powermap::sync::{conflicts_in, merge_documents};
use powermap::ui::app_command::{Action, AppCommand};
use powermap::ui::dialogs::ScriptedDialogs;
use powermap::ui::i18n::Language;
use powermap::ui::prefs::Prefs;
use powermap::ui::{AppOptions, PowermapApp};

fn harness(file: &Path) -> Harness<'static, PowermapApp> {
    harness_with(file, ScriptedDialogs::default())
}

fn harness_with(file: &Path, dialogs: ScriptedDialogs) -> Harness<'static, PowermapApp> {
    let options = AppOptions {
        file: Some(file.to_owned()),
        dialogs: Box::new(dialogs),
        look_for_system_font: false,
        prefs: Some(Prefs {
            language: Some(Language::English),
            ..Prefs::default()
        }),
        recovery_dir: None,
    };
    Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| PowermapApp::new(cc, options))
}

/// A merged map where both sides changed 王立新's stance and 李娜's title.
fn conflicted_map(dir: &Path) -> std::path::PathBuf {
    let mut base = Document::default();
    base.stakeholders.push(Stakeholder::new("p-wang", "王立新"));
    base.stakeholders.push(Stakeholder::new("p-li", "李娜"));
    let mut ours = base.clone();
    ours.stakeholders[0].stance = Stance::Supporter;
    ours.stakeholders[1].title = "CFO".into();
    let mut theirs = base.clone();
    theirs.stakeholders[0].stance = Stance::Opponent;
    theirs.stakeholders[1].title = "财务总监".into();
    let merged = merge_documents(&base, &ours, &theirs).unwrap();
    let path = dir.join("acme.json");
    std::fs::write(&path, powermap::format::to_bytes(&merged.doc)).unwrap();
    path
}

#[test]
fn conflicts_are_listed_and_settled_one_undo_step_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&conflicted_map(dir.path()));
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("This map holds 2 merge conflicts")
            .is_some()
    );
    h.get_by_label("Choose…").click();
    h.run_steps(2);
    assert!(h.query_by_label("王立新 · Stance").is_some());
    assert!(h.query_by_label("Ours: Supporter").is_some());
    assert!(h.query_by_label("Theirs: Opponent").is_some());

    // Take theirs for the stance (the first row).
    h.query_all_by_label("Take theirs").next().unwrap().click();
    h.run_steps(3);
    let doc = h.state().document();
    assert_eq!(doc.stakeholders[0].stance, Stance::Opponent);
    assert_eq!(conflicts_in(doc).len(), 1);
    assert!(
        h.query_by_label_contains("This map holds 1 merge conflict:")
            .is_some()
    );

    // Undo brings the conflict back with our value.
    h.state_mut().queue(AppCommand::Action(Action::Undo));
    h.run_steps(3);
    assert_eq!(
        h.state().document().stakeholders[0].stance,
        Stance::Supporter
    );
    assert_eq!(conflicts_in(h.state().document()).len(), 2);

    // Keep ours for both: the bar goes, our values stay.
    for _ in 0..2 {
        h.query_all_by_label("Keep ours").next().unwrap().click();
        h.run_steps(3);
    }
    let doc = h.state().document();
    assert!(conflicts_in(doc).is_empty());
    assert_eq!(doc.stakeholders[1].title, "CFO");
    assert!(h.query_by_label_contains("merge conflict").is_none());
    assert!(
        h.state().editor().is_modified(),
        "settling is an unsaved change"
    );
}

#[test]
fn a_leaving_rep_hands_over_everyone_they_own_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("group.json");
    std::fs::copy("assets/samples/group-equipment-deal.json", &path).unwrap();
    let mut h = harness(&path);
    h.run_steps(3);
    let owned = |h: &Harness<'static, PowermapApp>, id: &str| {
        let id = powermap::model::TeamMemberId::from(id);
        powermap::edit::handover::owned_by(h.state().document(), &id)
    };
    let (li_people, _) = owned(&h, "t-li");
    let (zhao_people, _) = owned(&h, "t-zhao");
    assert!(li_people > 0);
    // The account panel is open in the default layout; 李明's row has the menu.
    h.query_all_by_label("Hand over").next().unwrap().click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("李明 owns").is_some());
    h.get_by_label("赵国栋").click();
    h.run_steps(3);
    assert_eq!(owned(&h, "t-li").0, 0);
    assert_eq!(owned(&h, "t-zhao").0, zhao_people + li_people);
    h.state_mut().queue(AppCommand::Action(Action::Undo));
    h.run_steps(3);
    assert_eq!(
        owned(&h, "t-li").0,
        li_people,
        "one undo step brings it back"
    );
}

#[test]
fn a_colleagues_copy_is_compared_with_the_map_in_the_window() {
    use powermap::ui::dialogs::DialogOutcome;
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine.json");
    let theirs = dir.path().join("theirs.json");
    let mut doc = Document::default();
    doc.stakeholders.push(Stakeholder::new("p-wang", "王立新"));
    std::fs::write(&theirs, powermap::format::to_bytes(&doc)).unwrap();
    doc.stakeholders[0].stance = Stance::Supporter;
    doc.stakeholders.push(Stakeholder::new("p-qian", "钱玉梅"));
    std::fs::write(&mine, powermap::format::to_bytes(&doc)).unwrap();

    let dialogs = ScriptedDialogs {
        answers: [DialogOutcome::Picked(theirs)].into(),
    };
    let mut h = harness_with(&mine, dialogs);
    h.run_steps(3);
    h.state_mut().queue(AppCommand::Action(Action::CompareWith));
    h.run_steps(3);
    assert!(h.query_by_label_contains("Added: 钱玉梅").is_some());
    assert!(
        h.query_by_label_contains("Changed: 王立新 — Unknown stance → Supporter")
            .is_some()
    );
    assert!(
        !h.state().editor().is_modified(),
        "comparing changes nothing"
    );
}

#[test]
fn the_history_lists_commits_and_compares_one_with_the_window() {
    let git = |dir: &Path, args: &[&str]| {
        std::process::Command::new("git")
            .current_dir(dir)
            .args(["-c", "user.name=李明", "-c", "user.email=li@example.com"])
            .args([
                "-c",
                "init.defaultBranch=main",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
    };
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    if git(repo, &["init", "-q"]).is_err() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let map = repo.join("acme.json");
    let mut doc = Document::default();
    doc.stakeholders.push(Stakeholder::new("p-wang", "王立新"));
    std::fs::write(&map, powermap::format::to_bytes(&doc)).unwrap();
    git(repo, &["add", "."]).unwrap();
    git(repo, &["commit", "-q", "-m", "首次绘制"]).unwrap();
    doc.stakeholders[0].stance = Stance::Advocate;
    std::fs::write(&map, powermap::format::to_bytes(&doc)).unwrap();
    git(repo, &["commit", "-q", "-am", "After the visit"]).unwrap();

    let mut h = harness(&map);
    h.run_steps(3);
    h.state_mut().queue(AppCommand::Action(Action::History));
    for _ in 0..50 {
        h.run_steps(2);
        if h.query_by_label_contains("2 commits changed this map")
            .is_some()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(h.query_by_label("After the visit").is_some());
    assert!(h.query_by_label("首次绘制").is_some());
    assert!(h.query_all_by_label("李明").next().is_some());
    // The oldest commit is the second row.
    // Each row has its Compare button; choosing the oldest commit.
    assert_eq!(h.query_all_by_label("Compare").count(), 2);
    let Some(powermap::ui::modals::Modal::History(view)) = h.state().modal() else {
        panic!("the history is shown");
    };
    let oldest = view.revisions().last().cloned().unwrap();
    assert_eq!(oldest.summary, "首次绘制");
    h.state_mut().queue(AppCommand::CompareRevision(oldest));
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("Changed: 王立新 — Unknown stance → Advocate")
            .is_some(),
    );
    assert!(
        h.query_by_label_contains("Comparing with the version of")
            .is_some()
    );

    // With 王立新 selected, the history shows his stance in each commit.
    h.get_by_role_and_label(egui::accesskit::Role::Button, "End comparison")
        .click();
    h.state_mut()
        .queue(AppCommand::Reveal(vec!["p-wang".into()]));
    h.run_steps(2);
    // (The inspector and the legend name stances too: count the new ones.)
    let count =
        |h: &Harness<'static, PowermapApp>, label: &str| h.query_all_by_label(label).count();
    let (advocate, unknown) = (count(&h, "Advocate"), count(&h, "Unknown stance"));
    h.state_mut().queue(AppCommand::Action(Action::History));
    for _ in 0..100 {
        h.run_steps(2);
        if count(&h, "Advocate") > advocate {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        h.query_by_label_contains("王立新's stance in each commit")
            .is_some()
    );
    assert_eq!(count(&h, "Advocate"), advocate + 1, "after the visit");
    assert_eq!(count(&h, "Unknown stance"), unknown + 1, "at first");
}

#[test]
fn a_map_outside_git_says_why_it_has_no_history() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("lonely.json");
    std::fs::write(&map, powermap::format::to_bytes(&Document::default())).unwrap();
    let mut h = harness(&map);
    h.run_steps(3);
    h.state_mut().queue(AppCommand::Action(Action::History));
    for _ in 0..50 {
        h.run_steps(2);
        if h.query_by_label_contains("No history").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(
        h.query_by_label_contains("is not in a git repository")
            .is_some()
    );
}
