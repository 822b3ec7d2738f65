//! The interaction log in the inspector: a contact logged in a few clicks is one
//! undoable edit that lists the entry, moves the last contact forward and, when
//! asked, the stance; invalid input keeps Save disabled with a message.

use std::path::{Path, PathBuf};

use egui::Vec2;
use egui::accesskit::Role as A11yRole;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use powermap::model::{Date, Document, Stakeholder, StakeholderId, Stance, TeamMember};
use powermap::ui::app_command::{Action, AppCommand};
use powermap::ui::dialogs::ScriptedDialogs;
use powermap::ui::i18n::Language;
use powermap::ui::prefs::Prefs;
use powermap::ui::review_view::ReviewRequest;
use powermap::ui::{AppOptions, PowermapApp};

fn harness(file: &Path, language: Language) -> Harness<'static, PowermapApp> {
    let options = AppOptions {
        file: Some(file.to_owned()),
        dialogs: Box::new(ScriptedDialogs::default()),
        look_for_system_font: false,
        prefs: Some(Prefs {
            language: Some(language),
            ..Prefs::default()
        }),
        recovery_dir: None,
    };
    Harness::builder()
        .with_size(Vec2::new(1280.0, 1400.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| PowermapApp::new(cc, options))
}

/// A map with our team and 王立新, neutral, last spoken to on 2020-01-01.
fn map(dir: &Path) -> PathBuf {
    let mut doc = Document::default();
    doc.team.push(TeamMember::new("t1", "李明"));
    let mut wang = Stakeholder::new("p-wang", "王立新");
    wang.stance = Stance::Neutral;
    wang.last_contact = Some("2020-01-01".parse().unwrap());
    doc.stakeholders.push(wang);
    let path = dir.join("acme.json");
    std::fs::write(&path, powermap::format::to_bytes(&doc)).unwrap();
    path
}

fn select_wang(h: &mut Harness<'_, PowermapApp>) {
    h.state_mut()
        .queue(AppCommand::Reveal(vec![StakeholderId::new("p-wang")]));
    h.run_steps(3);
}

fn choose(h: &mut Harness<'_, PowermapApp>, field: &str, option: &str) {
    h.get_by_label(field).click();
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, option).click();
    h.run_steps(3);
}

/// Puts the keyboard in the field labelled `label` and types `text` there,
/// replacing what it held when `replace`.
fn type_into(h: &mut Harness<'_, PowermapApp>, label: &str, text: &str, replace: bool) {
    h.get_by_label(label).focus();
    h.run_steps(2);
    if replace {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.run_steps(1);
    }
    h.get_by_label(label).type_text(text);
    h.run_steps(3);
}

fn save_enabled(h: &Harness<'_, PowermapApp>, label: &str) -> bool {
    !h.get_by_role_and_label(A11yRole::Button, label)
        .accesskit_node()
        .is_disabled()
}

#[test]
fn logging_a_contact_lists_it_moves_last_contact_and_sets_the_stance_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&map(dir.path()), Language::English);
    h.run_steps(3);
    select_wang(&mut h);
    h.get_by_label("Log a contact").click();
    h.run_steps(3);
    // Today is filled in; the summary is missing, so Save waits.
    assert!(h.query_by_label("Write what happened.").is_some());
    assert!(!save_enabled(&h, "Save"));

    type_into(&mut h, "Summary", "Agreed to a pilot", false);
    assert!(h.query_by_label("Write what happened.").is_none());
    assert!(save_enabled(&h, "Save"));
    choose(&mut h, "Kind", "Visit");
    choose(&mut h, "Who on our team", "李明");
    choose(&mut h, "Stance observed", "Supporter");
    // The stance differs from the person's: offered, ticked by default.
    assert!(
        h.query_by_label("Also set the stance to Supporter")
            .is_some()
    );

    let undo_before = h.state().editor().undo_len();
    h.get_by_role_and_label(A11yRole::Button, "Save").click();
    h.run_steps(3);
    let today = Date::today_local();
    let person = &h.state().document().stakeholders[0];
    assert_eq!(person.interactions.len(), 1);
    let logged = &person.interactions[0];
    assert_eq!(logged.summary, "Agreed to a pilot");
    assert_eq!(logged.date, today);
    assert_eq!(logged.by.as_ref().map(|b| b.as_str()), Some("t1"));
    assert_eq!(logged.stance, Some(Stance::Supporter));
    assert_eq!(person.last_contact, Some(today));
    assert_eq!(person.stance, Stance::Supporter);
    assert_eq!(h.state().editor().undo_len(), undo_before + 1, "one step");
    // Listed under the form (which closed), with the trend.
    let head = format!("{today} · Visit · 李明");
    assert!(h.query_by_label(&head).is_some(), "{head}");
    assert!(h.query_by_label("Agreed to a pilot").is_some());
    assert!(h.query_by_label("Stance trend:").is_some());

    h.state_mut().queue(AppCommand::Action(Action::Undo));
    h.run_steps(3);
    let person = &h.state().document().stakeholders[0];
    assert!(person.interactions.is_empty());
    assert_eq!(person.last_contact, Some("2020-01-01".parse().unwrap()));
    assert_eq!(person.stance, Stance::Neutral);
}

#[test]
fn a_bad_date_is_explained_and_entries_are_removable_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&map(dir.path()), Language::Chinese);
    h.run_steps(3);
    select_wang(&mut h);
    h.get_by_label("记录互动").click();
    h.run_steps(3);
    type_into(&mut h, "摘要", "电话沟通方案", false);
    assert!(save_enabled(&h, "保存"));
    // Replace the date with something that is not one.
    type_into(&mut h, "日期", "2026-02-30", true);
    assert!(
        h.query_by_label_contains("2026-02-30").is_some(),
        "the date problem is said next to the field"
    );
    assert!(!save_enabled(&h, "保存"));
    type_into(&mut h, "日期", "2026-03-01", true);
    assert!(save_enabled(&h, "保存"));
    h.get_by_role_and_label(A11yRole::Button, "保存").click();
    h.run_steps(3);
    let person = &h.state().document().stakeholders[0];
    assert_eq!(person.interactions.len(), 1);
    assert_eq!(person.interactions[0].date, "2026-03-01".parse().unwrap());
    assert_eq!(
        person.stance,
        Stance::Neutral,
        "no stance observed, none set"
    );

    h.get_by_label("删除这条记录").click();
    h.run_steps(3);
    assert!(h.state().document().stakeholders[0].interactions.is_empty());
    h.state_mut().queue(AppCommand::Action(Action::Undo));
    h.run_steps(3);
    assert_eq!(h.state().document().stakeholders[0].interactions.len(), 1);
}

#[test]
fn marking_as_reviewed_then_changing_a_stance_shows_in_compare_with_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&map(dir.path()), Language::English);
    h.run_steps(3);
    h.state_mut().queue(AppCommand::Review(ReviewRequest::Mark));
    h.run_steps(3);
    type_into(&mut h, "Reviewed by", "Anna", false);
    type_into(&mut h, "Note", "Monday deal review", false);
    h.get_by_role_and_label(A11yRole::Button, "Mark as reviewed")
        .click();
    h.run_steps(3);
    let reviews = powermap::sync::review::reviews_in(h.state().document());
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].by, "Anna");
    assert_eq!(reviews[0].note, "Monday deal review");
    assert_eq!(reviews[0].date, Date::today_local());

    // 王立新 turns supporter after the review.
    let mut wang = h.state().document().stakeholders[0].clone();
    wang.stance = Stance::Supporter;
    h.state_mut().queue(AppCommand::Edit {
        command: powermap::edit::Command::update_stakeholder(wang),
        merge_key: None,
    });
    h.run_steps(3);
    h.state_mut()
        .queue(AppCommand::Review(ReviewRequest::Compare));
    h.run_steps(3);
    let entry = format!("{} · Anna", Date::today_local());
    h.get_by_label(&entry).click();
    h.run_steps(3);
    assert!(
        h.query_by_label("Changed: 王立新 — Neutral → Supporter ↑")
            .is_some(),
        "the change since the review is listed"
    );
    assert!(
        h.query_by_label_contains("Comparing with the review of")
            .is_some(),
        "the bar says what the map is compared with"
    );
    // The comparison follows edits: 王立新 back to neutral leaves nothing to list.
    let mut back = h.state().document().stakeholders[0].clone();
    back.stance = Stance::Neutral;
    h.state_mut().queue(AppCommand::Edit {
        command: powermap::edit::Command::update_stakeholder(back),
        merge_key: None,
    });
    h.run_steps(3);
    assert!(h.query_by_label_contains("Changed: 王立新").is_none());
    assert!(h.query_by_label("No differences.").is_some());
    h.state_mut().queue(AppCommand::Action(Action::Undo)); // back to supporter
    h.run_steps(3);
    assert!(h.query_by_label_contains("Changed: 王立新").is_some());
    h.get_by_role_and_label(A11yRole::Button, "End comparison")
        .click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("Comparing with").is_none());

    // Marking is one undo step; undo removes the review.
    h.state_mut().queue(AppCommand::Action(Action::Undo)); // the stance
    h.state_mut().queue(AppCommand::Action(Action::Undo)); // the review
    h.run_steps(3);
    assert!(powermap::sync::review::reviews_in(h.state().document()).is_empty());
    assert_eq!(h.state().document().stakeholders[0].stance, Stance::Neutral);
}

// ---- Sync through a real git repository: a bare "remote" and two clones. ----

mod sync_git {
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use powermap::format::{load_file, save_file};
    use powermap::model::{Document, Stakeholder, Stance};
    use powermap::sync::conflicts_in;
    use powermap::sync::git_sync::{Git, SyncError, SyncOutcome, SyncStep};

    fn git(dir: &Path, args: &[&str]) {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub(super) fn clone(remote: &Path, dir: &Path, who: &str) -> PathBuf {
        git(
            remote.parent().unwrap(),
            &[
                "clone",
                "-q",
                remote.to_str().unwrap(),
                dir.to_str().unwrap(),
            ],
        );
        git(dir, &["config", "user.name", who]);
        git(dir, &["config", "user.email", "rep@example.com"]);
        let program = Path::new(env!("CARGO_BIN_EXE_powermap"));
        powermap::sync::git_setup::git_setup(dir, program).expect("git-setup");
        dir.join("acme.json")
    }

    /// A bare remote and two clones, A and B, both holding the first map.
    pub(super) fn team() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let root = tempfile::tempdir().unwrap();
        let remote = root.path().join("remote.git");
        git(
            root.path(),
            &[
                "init",
                "-q",
                "--bare",
                "-b",
                "main",
                remote.to_str().unwrap(),
            ],
        );
        let a = clone(&remote, &root.path().join("a"), "Anna");
        git(a.parent().unwrap(), &["checkout", "-q", "-b", "main"]);
        let mut doc = Document::default();
        doc.account.name = "Acme".into();
        doc.stakeholders.push(Stakeholder::new("p-wang", "王立新"));
        save_file(&a, &doc).unwrap();
        git(a.parent().unwrap(), &["add", ".gitattributes"]);
        git(a.parent().unwrap(), &["commit", "-q", "-m", "attributes"]);
        let outcome = Git::default()
            .sync(&a, "First map", |_| {})
            .expect("first sync");
        assert_eq!(outcome, SyncOutcome::Done { committed: true });
        let b = clone(&remote, &root.path().join("b"), "Bo");
        (root, a, b)
    }

    pub(super) fn edit(path: &Path, change: impl FnOnce(&mut Document)) {
        let mut doc = load_file(path).unwrap();
        change(&mut doc);
        save_file(path, &doc).unwrap();
    }

    #[test]
    fn concurrent_edits_end_up_in_both_clones_after_each_syncs() {
        let (_root, a, b) = team();
        assert!(Git::default().driver_registered(&a).unwrap());
        edit(&a, |doc| doc.stakeholders[0].title = "CIO".into());
        edit(&b, |doc| {
            doc.stakeholders.push(Stakeholder::new("p-li", "李娜"))
        });
        let mut steps = Vec::new();
        let synced = Git::default().sync(&a, "Update Acme map", |s| steps.push(s));
        assert_eq!(synced, Ok(SyncOutcome::Done { committed: true }));
        assert_eq!(steps, [SyncStep::Commit, SyncStep::Pull, SyncStep::Push]);
        // B pulls A's change and merges it with its own, then pushes both.
        assert_eq!(
            Git::default().sync(&b, "Update Acme map", |_| {}),
            Ok(SyncOutcome::Done { committed: true })
        );
        // A syncs again with nothing of its own to commit and gets B's person.
        assert_eq!(
            Git::default().sync(&a, "Update Acme map", |_| {}),
            Ok(SyncOutcome::Done { committed: false })
        );
        for path in [&a, &b] {
            let doc = load_file(path).unwrap();
            assert_eq!(doc.stakeholders.len(), 2, "{}", path.display());
            assert_eq!(doc.stakeholders[0].title, "CIO");
            assert!(conflicts_in(&doc).is_empty());
        }
    }

    #[test]
    fn a_conflicting_edit_is_recorded_in_the_map_and_nothing_is_pushed() {
        let (_root, a, b) = team();
        edit(&a, |doc| doc.stakeholders[0].stance = Stance::Supporter);
        edit(&b, |doc| doc.stakeholders[0].stance = Stance::Opponent);
        Git::default().sync(&a, "A", |_| {}).expect("A syncs");
        let outcome = Git::default().sync(&b, "B", |_| {}).expect("B merges");
        assert_eq!(outcome, SyncOutcome::Conflicts);
        let doc = load_file(&b).expect("the merged map is valid");
        assert_eq!(doc.stakeholders[0].stance, Stance::Opponent, "ours kept");
        let conflicts = conflicts_in(&doc);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].path, "stakeholders[p-wang].stance");
        // Settled (their value taken) and saved, the next sync concludes the merge.
        edit(&b, |doc| {
            doc.stakeholders[0].stance = Stance::Supporter;
            doc.extra.shift_remove(powermap::sync::CONFLICTS_FIELD);
        });
        assert_eq!(
            Git::default().sync(&b, "B", |_| {}),
            Ok(SyncOutcome::Done { committed: true })
        );
        Git::default().sync(&a, "A", |_| {}).expect("A syncs");
        assert!(conflicts_in(&load_file(&a).unwrap()).is_empty());
    }

    #[test]
    fn no_remote_and_no_git_are_said_clearly() {
        let root = tempfile::tempdir().unwrap();
        git(root.path(), &["init", "-q"]);
        let map = root.path().join("acme.json");
        save_file(&map, &Document::default()).unwrap();
        assert_eq!(
            Git::default().sync(&map, "x", |_| {}),
            Err(SyncError::NoRemote)
        );
        let no_git = Git {
            path_env: Some("".into()),
            ..Git::default()
        };
        let missing = no_git.sync(&map, "x", |_| {});
        assert_eq!(missing, Err(SyncError::GitMissing));
        assert!(
            missing
                .unwrap_err()
                .to_string()
                .contains("git is not installed"),
            "a sentence a user understands"
        );
        let outside = tempfile::tempdir().unwrap();
        let stray = outside.path().join("acme.json");
        save_file(&stray, &Document::default()).unwrap();
        assert!(matches!(
            Git::default().sync(&stray, "x", |_| {}),
            Err(SyncError::NotARepository(_))
        ));
    }
}

#[test]
fn sync_in_the_app_saves_commits_pulls_a_colleagues_change_pushes_and_reloads() {
    use powermap::sync::git_sync::{Git, SyncOutcome};
    use powermap::ui::sync_job::SyncRequest;
    let (_root, a, b) = sync_git::team();
    // The colleague adds someone and syncs first.
    sync_git::edit(&b, |doc| {
        doc.stakeholders.push(Stakeholder::new("p-li", "李娜"))
    });
    assert_eq!(
        Git::default().sync(&b, "Bo's update", |_| {}),
        Ok(SyncOutcome::Done { committed: true })
    );
    let mut h = harness(&a, Language::English);
    h.run_steps(3);
    // An unsaved change in the window.
    let mut wang = h.state().document().stakeholders[0].clone();
    wang.title = "CIO".into();
    h.state_mut().queue(AppCommand::Edit {
        command: powermap::edit::Command::update_stakeholder(wang),
        merge_key: None,
    });
    h.run_steps(3);
    h.state_mut().queue(AppCommand::Sync(SyncRequest::Open));
    h.run_steps(3);
    assert!(
        h.query_by_label("The map has unsaved changes: Sync saves it first.")
            .is_some()
    );
    h.get_by_role_and_label(A11yRole::Button, "Sync").click();
    // git runs on a thread: wait for the window to say it is done.
    let mut finished = false;
    for _ in 0..400 {
        h.run_steps(1);
        if h.query_by_label_contains("Synced:").is_some() {
            finished = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    assert!(finished, "the sync finishes and says so");
    assert!(h.query_by_label("✔ Pushing your changes").is_some());
    h.run_steps(3);
    let doc = h.state().document();
    assert_eq!(doc.stakeholders.len(), 2, "the colleague's person arrived");
    assert_eq!(doc.stakeholders[0].title, "CIO", "ours kept");
    assert!(!h.state().editor().is_modified());
    h.get_by_role_and_label(A11yRole::Button, "Close").click();
    h.run_steps(2);
    // The colleague gets ours on their next sync.
    Git::default().sync(&b, "Bo", |_| {}).expect("syncs");
    let theirs = powermap::format::load_file(&b).unwrap();
    assert_eq!(theirs.stakeholders[0].title, "CIO");
}

#[test]
fn a_sync_that_meets_a_conflicting_edit_shows_the_conflicts_bar() {
    use powermap::sync::git_sync::{Git, SyncOutcome};
    use powermap::ui::sync_job::SyncRequest;
    let (_root, a, b) = sync_git::team();
    sync_git::edit(&b, |doc| doc.stakeholders[0].stance = Stance::Opponent);
    assert_eq!(
        Git::default().sync(&b, "Bo", |_| {}),
        Ok(SyncOutcome::Done { committed: true })
    );
    sync_git::edit(&a, |doc| doc.stakeholders[0].stance = Stance::Supporter);
    let mut h = harness(&a, Language::English);
    h.run_steps(3);
    h.state_mut().queue(AppCommand::Sync(SyncRequest::Open));
    h.run_steps(3);
    h.get_by_role_and_label(A11yRole::Button, "Sync").click();
    let mut finished = false;
    for _ in 0..400 {
        h.run_steps(1);
        if h.query_by_label_contains("Merged, with conflicts")
            .is_some()
        {
            finished = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    assert!(finished, "the sync says the merge left conflicts");
    h.get_by_role_and_label(A11yRole::Button, "Close").click();
    h.run_steps(3);
    assert_eq!(
        h.state().document().stakeholders[0].stance,
        Stance::Supporter
    );
    assert!(
        h.query_by_label_contains("This map holds 1 merge conflict")
            .is_some(),
        "the conflicts bar shows them"
    );
}
