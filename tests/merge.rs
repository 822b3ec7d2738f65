//! Three-way merge of maps: nothing either side did alone is lost, merging with an
//! unchanged side gives the other side, the order of the sides only decides whose
//! value a conflict keeps, results reload; and the same through the command line
//! and through a real `git merge` with the driver `git-setup` registers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use proptest::prelude::*;
use serde_json::{Value, json};

use powermap::format::{from_bytes, to_bytes, to_value};
use powermap::model::{
    Document, Power, Relationship, RelationshipKind, Stakeholder, Stance, TeamMember,
};
use powermap::sync::{conflicts_in, merge_documents};

/// A map of `n` people where each reports to an earlier one.
fn base_map(n: usize) -> Document {
    let mut doc = Document::default();
    doc.team.push(TeamMember::new("t1", "李明"));
    for i in 0..n {
        doc.stakeholders
            .push(Stakeholder::new(format!("p{i}"), format!("人{i}")));
    }
    for i in 1..n {
        doc.relationships.push(Relationship::new(
            format!("r{i}"),
            format!("p{i}"),
            format!("p{}", i / 2),
            RelationshipKind::ReportsTo,
        ));
    }
    doc
}

/// One edit a colleague might make.
#[derive(Clone, Debug)]
enum Edit {
    Stance(usize, usize),
    Power(usize, u8),
    Title(usize, String),
    Tag(usize, String),
    UnknownField(usize, String),
    AddPerson(String),
    RemovePerson(usize),
    AddLine(usize, usize),
    RemoveLine(usize),
    Owner(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let word = "[a-z\u{4e00}-\u{4e2f}]{1,6}";
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(p, s)| Edit::Stance(p, s)),
        (any::<usize>(), 1u8..=5).prop_map(|(p, v)| Edit::Power(p, v)),
        (any::<usize>(), word).prop_map(|(p, t)| Edit::Title(p, t)),
        (any::<usize>(), word).prop_map(|(p, t)| Edit::Tag(p, t)),
        (any::<usize>(), word).prop_map(|(p, t)| Edit::UnknownField(p, t)),
        word.prop_map(Edit::AddPerson),
        any::<usize>().prop_map(Edit::RemovePerson),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::AddLine(a, b)),
        any::<usize>().prop_map(Edit::RemoveLine),
        any::<usize>().prop_map(Edit::Owner),
    ]
}

/// Applies edits as the app would: removing a person removes their lines; new
/// people and lines get ids unique to the side (`side` is "a" or "b").
fn apply(doc: &mut Document, edits: &[Edit], side: &str) {
    for (n, edit) in edits.iter().enumerate() {
        let people = doc.stakeholders.len();
        let pick = |i: usize| if people == 0 { None } else { Some(i % people) };
        match edit {
            Edit::Stance(p, s) => {
                if let Some(i) = pick(*p) {
                    doc.stakeholders[i].stance = Stance::ALL[s % Stance::ALL.len()];
                }
            }
            Edit::Power(p, v) => {
                if let Some(i) = pick(*p) {
                    doc.stakeholders[i].power = Power::new(i64::from(*v)).unwrap();
                }
            }
            Edit::Title(p, t) => {
                if let Some(i) = pick(*p) {
                    doc.stakeholders[i].title = t.clone();
                }
            }
            Edit::Tag(p, t) => {
                if let Some(i) = pick(*p)
                    && !doc.stakeholders[i].tags.contains(t)
                {
                    doc.stakeholders[i].tags.push(t.clone());
                }
            }
            Edit::UnknownField(p, t) => {
                if let Some(i) = pick(*p) {
                    doc.stakeholders[i]
                        .extra
                        .insert(format!("x_{side}"), json!(t));
                }
            }
            Edit::AddPerson(name) => doc
                .stakeholders
                .push(Stakeholder::new(format!("{side}{n}"), name.clone())),
            Edit::RemovePerson(p) => {
                if let Some(i) = pick(*p) {
                    let id = doc.stakeholders.remove(i).id;
                    doc.relationships.retain(|l| l.from != id && l.to != id);
                }
            }
            Edit::AddLine(a, b) => {
                if let (Some(a), Some(b)) = (pick(*a), pick(*b))
                    && a != b
                {
                    doc.relationships.push(Relationship::new(
                        format!("{side}-r{n}"),
                        doc.stakeholders[a].id.clone(),
                        doc.stakeholders[b].id.clone(),
                        RelationshipKind::Influences,
                    ));
                }
            }
            Edit::RemoveLine(l) => {
                if !doc.relationships.is_empty() {
                    let i = l % doc.relationships.len();
                    doc.relationships.remove(i);
                }
            }
            Edit::Owner(p) => {
                if let Some(i) = pick(*p) {
                    doc.stakeholders[i].owner = Some("t1".into());
                }
            }
        }
    }
}

/// Records of one list by id, as canonical JSON.
fn by_id(doc: &Document, list: &str) -> BTreeMap<String, Value> {
    to_value(doc)[list]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|r| (r["id"].as_str().unwrap().to_owned(), r))
        .collect()
}

/// The map without its recorded conflicts, for comparing content.
fn content(doc: &Document) -> Value {
    let mut value = to_value(doc);
    value.as_object_mut().unwrap().remove("conflicts");
    value
}

/// What the conflicts say about a record: paths starting with `list[id]`.
fn mentioned(doc: &Document, list: &str, id: &str) -> bool {
    let prefix = format!("{list}[{id}]");
    conflicts_in(doc)
        .iter()
        .any(|c| c.path.starts_with(&prefix))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn merging_keeps_what_either_side_did_alone(
        n in 1usize..8,
        ours_edits in proptest::collection::vec(edit(), 0..8),
        theirs_edits in proptest::collection::vec(edit(), 0..8),
    ) {
        let base = base_map(n);
        let mut ours = base.clone();
        apply(&mut ours, &ours_edits, "a");
        let mut theirs = base.clone();
        apply(&mut theirs, &theirs_edits, "b");

        // An unchanged side gives the other side.
        let same = merge_documents(&base, &ours, &base).unwrap();
        prop_assert!(same.conflicts.is_empty());
        prop_assert_eq!(content(&same.doc), content(&ours));
        let same = merge_documents(&base, &base, &theirs).unwrap();
        prop_assert_eq!(content(&same.doc), content(&theirs));

        let merged = merge_documents(&base, &ours, &theirs).unwrap();
        // Files with conflicts reload as they were written.
        let bytes = to_bytes(&merged.doc);
        prop_assert_eq!(&from_bytes(&bytes).unwrap(), &merged.doc);

        // Nothing present on one side and untouched by the other is lost.
        let base_people = by_id(&base, "stakeholders");
        let merged_people = by_id(&merged.doc, "stakeholders");
        for (side, other) in [(&ours, &theirs), (&theirs, &ours)] {
            let other_people = by_id(other, "stakeholders");
            for (id, record) in by_id(side, "stakeholders") {
                let removed_untouched = base_people.get(&id) == Some(&record)
                    && !other_people.contains_key(&id);
                if !removed_untouched {
                    prop_assert!(merged_people.contains_key(&id), "person {} lost", id);
                }
            }
            let base_lines = by_id(&base, "relationships");
            let other_lines = by_id(other, "relationships");
            let merged_lines = by_id(&merged.doc, "relationships");
            for (id, record) in by_id(side, "relationships") {
                let removed_untouched = base_lines.get(&id) == Some(&record)
                    && !other_lines.contains_key(&id);
                // A line removed with its person on the other side may go too.
                let end_removed = ["from", "to"].iter().any(|end| {
                    let who = record[*end].as_str().unwrap();
                    !merged_people.contains_key(who)
                });
                if !removed_untouched && !end_removed {
                    prop_assert!(
                        merged_lines.contains_key(&id) || mentioned(&merged.doc, "relationships", &id),
                        "line {} lost", id
                    );
                }
            }
            // Fields from newer builds survive.
            for (id, record) in by_id(side, "stakeholders") {
                for key in ["x_a", "x_b"] {
                    if let (Some(value), Some(now)) = (record.get(key), merged_people.get(&id)) {
                        let other_value = other_people.get(&id).and_then(|r| r.get(key));
                        if other_value.is_none_or(|v| v == value) && base_people.get(&id).and_then(|r| r.get(key)).is_none() {
                            prop_assert_eq!(now.get(key), Some(value));
                        }
                    }
                }
            }
        }

        // The order of the sides decides only whose value a conflict keeps.
        let swapped = merge_documents(&base, &theirs, &ours).unwrap();
        let ids = |doc: &Document, list: &str| by_id(doc, list).into_keys().collect::<BTreeSet<_>>();
        prop_assert_eq!(ids(&merged.doc, "stakeholders"), ids(&swapped.doc, "stakeholders"));
        prop_assert_eq!(merged.conflicts.len(), swapped.conflicts.len());
        let swapped_people = by_id(&swapped.doc, "stakeholders");
        for (id, record) in &merged_people {
            if !mentioned(&merged.doc, "stakeholders", id) {
                prop_assert_eq!(Some(record), swapped_people.get(id), "person {}", id);
            }
        }
    }
}

#[test]
fn both_sides_changing_the_same_stance_keeps_ours_and_records_theirs() {
    let base = base_map(3);
    let mut ours = base.clone();
    ours.stakeholders[1].stance = Stance::Supporter;
    ours.stakeholders[2].power = Power::new(5).unwrap();
    let mut theirs = base.clone();
    theirs.stakeholders[1].stance = Stance::Skeptic;
    theirs.stakeholders[0].title = "总经理".into();
    let merged = merge_documents(&base, &ours, &theirs).unwrap();
    assert_eq!(merged.doc.stakeholders[1].stance, Stance::Supporter);
    assert_eq!(merged.doc.stakeholders[2].power.level(), 5);
    assert_eq!(merged.doc.stakeholders[0].title, "总经理");
    let conflicts = conflicts_in(&merged.doc);
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].path, "stakeholders[p1].stance");
    assert_eq!(conflicts[0].theirs, Some(json!("skeptic")));
    assert_eq!(conflicts[0].base, Some(json!("unknown")));
}

#[test]
fn a_person_removed_on_one_side_but_linked_on_the_other_comes_back() {
    let base = base_map(3);
    let mut ours = base.clone();
    ours.stakeholders.retain(|p| p.id.as_str() != "p2");
    ours.relationships.retain(|l| l.from.as_str() != "p2");
    let mut theirs = base.clone();
    theirs.relationships.push(Relationship::new(
        "new",
        "p0",
        "p2",
        RelationshipKind::Influences,
    ));
    let merged = merge_documents(&base, &ours, &theirs).unwrap();
    assert!(merged.doc.stakeholder(&"p2".into()).is_some());
    assert!(merged.doc.relationship(&"new".into()).is_some());
    assert!(
        merged
            .conflicts
            .iter()
            .any(|c| c.path == "stakeholders[p2]" && c.ours.is_none())
    );
}

#[test]
fn two_new_reporting_lines_that_close_a_cycle_keep_ours_and_record_theirs() {
    let base = base_map(2); // p1 reports to p0
    let mut ours = base.clone();
    ours.relationships.retain(|l| l.id.as_str() != "r1");
    ours.relationships.push(Relationship::new(
        "a",
        "p0",
        "p1",
        RelationshipKind::ReportsTo,
    ));
    let mut theirs = base.clone();
    theirs.stakeholders.push(Stakeholder::new("p9", "新人"));
    let merged = merge_documents(&base, &ours, &theirs).unwrap();
    assert!(merged.conflicts.is_empty());
    // Now a real cycle: ours p0→p1, theirs keeps p1→p0 but edits it.
    let mut theirs = base.clone();
    theirs.relationships[0].strength = powermap::model::Strength::new(1).unwrap();
    let merged = merge_documents(&base, &ours, &theirs).unwrap();
    assert!(
        merged
            .conflicts
            .iter()
            .any(|c| c.path == "relationships[r1]"),
        "{:?}",
        merged.conflicts
    );
    assert_eq!(powermap::model::validate(&merged.doc), vec![]);
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_powermap")
}

fn write(path: &Path, doc: &Document) {
    std::fs::write(path, to_bytes(doc)).unwrap();
}

#[test]
fn the_command_line_merges_diffs_and_checks_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let base = base_map(3);
    let mut ours = base.clone();
    ours.stakeholders[1].stance = Stance::Advocate;
    let mut theirs = base.clone();
    theirs.stakeholders[1].stance = Stance::Opponent;
    theirs.stakeholders.push(Stakeholder::new("p7", "钱玉梅"));
    let path = |name: &str| dir.path().join(name);
    write(&path("base.json"), &base);
    write(&path("ours.json"), &ours);
    write(&path("theirs.json"), &theirs);

    let diff = Command::new(bin())
        .args(["diff", "--format", "json"])
        .arg(path("base.json"))
        .arg(path("theirs.json"))
        .output()
        .unwrap();
    assert_eq!(diff.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&diff.stdout).unwrap();
    assert_eq!(
        json["people"]["added"][0],
        json!({"id": "p7", "name": "钱玉梅"})
    );
    assert_eq!(
        json["people"]["changed"][0],
        json!({"id": "p1", "name": "人1", "field": "stance", "from": "unknown", "to": "opponent"})
    );
    let same = Command::new(bin())
        .arg("diff")
        .arg(path("base.json"))
        .arg(path("base.json"))
        .output()
        .unwrap();
    assert_eq!(same.status.code(), Some(0));

    let merge = Command::new(bin())
        .arg("merge")
        .args([path("base.json"), path("ours.json"), path("theirs.json")])
        .arg("-o")
        .arg(path("out.json"))
        .output()
        .unwrap();
    assert_eq!(merge.status.code(), Some(1), "{merge:?}");
    let stdout = String::from_utf8_lossy(&merge.stdout);
    assert!(stdout.contains("stakeholders[p1].stance"), "{stdout}");
    let out = powermap::format::load_file(&path("out.json")).unwrap();
    assert_eq!(out.stakeholders.len(), 4);
    let check = Command::new(bin())
        .arg("check")
        .arg(path("out.json"))
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stdout).contains("1 unresolved merge conflict"));
}

/// Runs git in `dir` with a fixed identity; panics with git's output on failure
/// unless `may_fail`.
fn git(dir: &Path, args: &[&str], may_fail: bool) -> std::process::Output {
    let output = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=t@example.com"])
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
        .unwrap();
    assert!(
        may_fail || output.status.success(),
        "git {args:?}: {output:?}"
    );
    output
}

fn git_available() -> bool {
    Command::new("git").arg("--version").output().is_ok()
}

/// Two branches edit the same map; `git merge` with the registered driver.
fn merge_branches(
    ours: impl Fn(&mut Document),
    theirs: impl Fn(&mut Document),
) -> (bool, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"], false);
    let setup = Command::new(bin())
        .arg("git-setup")
        .arg(repo)
        .output()
        .unwrap();
    assert!(setup.status.success(), "{setup:?}");
    let said = String::from_utf8_lossy(&setup.stdout);
    assert!(said.contains("Registered the merge driver"), "{said}");
    let again = Command::new(bin())
        .arg("git-setup")
        .arg(repo)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("already"));
    let attributes = std::fs::read_to_string(repo.join(".gitattributes")).unwrap();
    assert_eq!(
        attributes.matches("merge=powermap").count(),
        1,
        "idempotent"
    );

    let map = repo.join("account.json");
    let base = base_map(4);
    write(&map, &base);
    git(repo, &["add", "."], false);
    git(repo, &["commit", "-q", "-m", "base"], false);
    git(repo, &["checkout", "-q", "-b", "theirs"], false);
    let mut doc = base.clone();
    theirs(&mut doc);
    write(&map, &doc);
    git(repo, &["commit", "-q", "-am", "theirs"], false);
    git(repo, &["checkout", "-q", "main"], false);
    let mut doc = base.clone();
    ours(&mut doc);
    write(&map, &doc);
    git(repo, &["commit", "-q", "-am", "ours"], false);
    let merged = git(repo, &["merge", "-q", "--no-edit", "theirs"], true);
    (merged.status.success(), dir)
}

#[test]
fn git_merges_two_branches_field_by_field_with_the_registered_driver() {
    if !git_available() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let (clean, dir) = merge_branches(
        |d| {
            d.stakeholders[1].stance = Stance::Supporter;
            d.stakeholders.push(Stakeholder::new("a1", "陈晓"));
        },
        |d| {
            d.stakeholders[1].power = Power::new(4).unwrap();
            d.stakeholders[2].title = "CFO".into();
            d.relationships.push(Relationship::new(
                "b1",
                "p3",
                "p0",
                RelationshipKind::Influences,
            ));
        },
    );
    assert!(clean, "a clean merge");
    let doc = powermap::format::load_file(&dir.path().join("account.json")).unwrap();
    assert_eq!(doc.stakeholders[1].stance, Stance::Supporter);
    assert_eq!(doc.stakeholders[1].power.level(), 4);
    assert_eq!(doc.stakeholders[2].title, "CFO");
    assert!(doc.stakeholder(&"a1".into()).is_some());
    assert!(doc.relationship(&"b1".into()).is_some());
    assert!(conflicts_in(&doc).is_empty());
}

#[test]
fn a_conflicting_git_merge_leaves_a_valid_map_with_the_conflict_recorded() {
    if !git_available() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let (clean, dir) = merge_branches(
        |d| d.stakeholders[1].stance = Stance::Advocate,
        |d| d.stakeholders[1].stance = Stance::Opponent,
    );
    assert!(!clean, "git reports the conflict");
    let text = std::fs::read_to_string(dir.path().join("account.json")).unwrap();
    assert!(!text.contains("<<<<<<<"), "no conflict markers");
    let doc = from_bytes(text.as_bytes()).unwrap();
    assert_eq!(doc.stakeholders[1].stance, Stance::Advocate);
    let conflicts = conflicts_in(&doc);
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].theirs, Some(json!("opponent")));
}

#[test]
fn settling_conflicts_takes_theirs_or_keeps_ours_in_one_undo_step_each() {
    use powermap::edit::Editor;
    use powermap::sync::resolve::{Choice, Place, place_of, resolve};

    let base = base_map(3);
    let mut ours = base.clone();
    ours.stakeholders[1].stance = Stance::Supporter;
    ours.stakeholders[2].title = "总监".into();
    ours.account.name = "Acme".into();
    let mut theirs = base.clone();
    theirs.stakeholders[1].stance = Stance::Skeptic;
    theirs.stakeholders[2].title = "副总".into();
    theirs.account.name = "ACME Ltd".into();
    let merged = merge_documents(&base, &ours, &theirs).unwrap();
    let mut editor = Editor::new(merged.doc);
    let conflicts = conflicts_in(editor.document());
    assert_eq!(conflicts.len(), 3);
    assert_eq!(place_of(&conflicts[0]), Place::Account);
    assert_eq!(place_of(&conflicts[1]), Place::Person("p1".into()));

    // Take theirs for the stance: the value changes and the entry goes.
    let index = conflicts
        .iter()
        .position(|c| c.path == "stakeholders[p1].stance")
        .unwrap();
    editor
        .apply(resolve(editor.document(), index, Choice::Theirs).unwrap())
        .unwrap();
    assert_eq!(editor.document().stakeholders[1].stance, Stance::Skeptic);
    assert_eq!(conflicts_in(editor.document()).len(), 2);
    // One undo step brings back our value and the conflict.
    editor.undo().unwrap();
    assert_eq!(editor.document().stakeholders[1].stance, Stance::Supporter);
    assert_eq!(conflicts_in(editor.document()).len(), 3);
    editor.redo().unwrap();

    // Keep ours for the title, take theirs for the account name.
    let index = conflicts_in(editor.document())
        .iter()
        .position(|c| c.path == "stakeholders[p2].title")
        .unwrap();
    editor
        .apply(resolve(editor.document(), index, Choice::Ours).unwrap())
        .unwrap();
    assert_eq!(editor.document().stakeholders[2].title, "总监");
    editor
        .apply(resolve(editor.document(), 0, Choice::Theirs).unwrap())
        .unwrap();
    assert_eq!(editor.document().account.name, "ACME Ltd");
    assert!(conflicts_in(editor.document()).is_empty());
    assert!(
        !editor.document().extra.contains_key("conflicts"),
        "no empty list left behind"
    );
    assert!(resolve(editor.document(), 0, Choice::Ours).is_err());
}

#[test]
fn taking_a_removal_removes_the_record_unless_the_map_needs_it() {
    use powermap::edit::Editor;
    use powermap::sync::resolve::{Choice, resolve};

    // Theirs removed p2, ours changed p2: the merge kept ours' p2 with a conflict.
    let base = base_map(3);
    let mut ours = base.clone();
    ours.stakeholders[2].title = "CTO".into();
    let mut theirs = base.clone();
    theirs.stakeholders.retain(|p| p.id.as_str() != "p2");
    theirs.relationships.retain(|l| l.from.as_str() != "p2");
    let merged = merge_documents(&base, &ours, &theirs).unwrap();
    assert_eq!(conflicts_in(&merged.doc)[0].path, "stakeholders[p2]");
    assert!(
        merged.doc.relationship(&"r2".into()).is_some(),
        "while the person stays, so do the lines the removal took with them"
    );
    let mut editor = Editor::new(merged.doc);
    editor
        .apply(resolve(editor.document(), 0, Choice::Theirs).unwrap())
        .unwrap();
    assert!(editor.document().stakeholder(&"p2".into()).is_none());
    assert!(
        editor
            .document()
            .relationships
            .iter()
            .all(|l| l.from.as_str() != "p2"),
        "their lines go with them"
    );
}

#[test]
fn the_history_of_a_map_is_read_without_git_and_compared_by_revision() {
    use powermap::sync::history::{file_at, file_history, stance_history};
    if !git_available() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"], false);
    std::fs::create_dir(repo.join("maps")).unwrap();
    let map = repo.join("maps").join("acme.json");
    let mut doc = base_map(3);
    write(&map, &doc);
    git(repo, &["add", "."], false);
    git(repo, &["commit", "-q", "-m", "First map of Acme"], false);
    // A commit that does not touch the map is not in its history.
    std::fs::write(repo.join("notes.txt"), "x").unwrap();
    git(repo, &["add", "."], false);
    git(repo, &["commit", "-q", "-m", "Notes"], false);
    doc.stakeholders[1].stance = Stance::Supporter;
    write(&map, &doc);
    git(repo, &["commit", "-q", "-am", "人1 now supports us"], false);
    doc.stakeholders[1].stance = Stance::Skeptic;
    write(&map, &doc);
    git(repo, &["commit", "-q", "-am", "After the demo"], false);

    let history = file_history(&map).unwrap();
    let summaries: Vec<&str> = history.iter().map(|r| r.summary.as_str()).collect();
    assert_eq!(
        summaries,
        ["After the demo", "人1 now supports us", "First map of Acme"]
    );
    assert_eq!(history[0].author, "Test");
    assert_eq!(history[0].date().len(), 10);

    // The first version, by full and by short id.
    let first = from_bytes(&file_at(&map, &history[2].id).unwrap()).unwrap();
    assert_eq!(first.stakeholders[1].stance, Stance::Unknown);
    let by_short = file_at(&map, history[2].short_id()).unwrap();
    assert_eq!(from_bytes(&by_short).unwrap(), first);
    assert!(file_at(&map, "0000000").is_err());

    let stances: Vec<Stance> = stance_history(&map, &history, &"p1".into())
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    assert_eq!(
        stances,
        [Stance::Skeptic, Stance::Supporter, Stance::Unknown]
    );

    // The command line says the same.
    let output = Command::new(bin())
        .args(["history", "--person", "p1"])
        .arg(&map)
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.lines().next().unwrap().contains("skeptic"), "{text}");
    // Outside a repository: a clear message.
    let outside = tempfile::tempdir().unwrap();
    let lonely = outside.path().join("m.json");
    write(&lonely, &doc);
    let err = file_history(&lonely).unwrap_err().to_string();
    assert!(err.contains("not in a git repository"), "{err}");
}
