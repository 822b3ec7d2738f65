//! Who a row of a contact list is: the same e-mail is the same person; the same name
//! is only proposed, and not when title, department or e-mail say otherwise; contact
//! details go onto a match by name only when the user confirms. Chinese and English
//! names, namesakes, case, spacing and full-width forms; the user's choices; and
//! `powermap import`'s options.

use std::process::Command as Process;

use powermap::edit::Editor;
use powermap::import::{
    Agreement, ApartReason, ColumnMapping, ContactDetails, ImportPlan, MatchBasis, MatchChoices,
    MatchOutcome, MatchTarget, Row, SourceInfo, Table, plan_import_with,
};
use powermap::lang::Language;
use powermap::model::{Document, Stakeholder, StakeholderId, validate};

const HEADERS: [&str; 5] = ["Name", "Title", "Department", "Email", "Phone"];

fn table(rows: &[[&str; 5]]) -> Table {
    Table {
        headers: HEADERS.iter().map(|h| (*h).to_owned()).collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, cells)| Row {
                number: i + 2,
                cells: cells.iter().map(|c| (*c).to_owned()).collect(),
            })
            .collect(),
        source: SourceInfo {
            file_name: "contacts.csv".to_owned(),
            ..SourceInfo::default()
        },
    }
}

fn person(id: &str, name: &str, title: &str, department: &str, email: &str) -> Stakeholder {
    let mut p = Stakeholder::new(id, name);
    p.title = title.to_owned();
    p.department = department.to_owned();
    p.contact.email = email.to_owned();
    p
}

fn map(people: Vec<Stakeholder>) -> Document {
    Document {
        stakeholders: people,
        ..Document::default()
    }
}

fn plan(doc: &Document, rows: &[[&str; 5]], choices: &MatchChoices) -> ImportPlan {
    let table = table(rows);
    plan_import_with(
        doc,
        &table,
        &ColumnMapping::detect(&table.headers),
        choices,
        Language::English,
    )
    .unwrap()
}

fn apply(doc: &Document, plan: ImportPlan) -> Document {
    let mut editor = Editor::new(doc.clone());
    editor.apply(plan.command).unwrap();
    let after = editor.document().clone();
    assert_eq!(validate(&after), vec![]);
    after
}

fn existing(id: &str) -> MatchTarget {
    MatchTarget::Existing(StakeholderId::new(id))
}

#[test]
fn the_academic_affairs_liu_yang_is_not_the_it_liu_yang() {
    // The case from the issue: same name, another title and department.
    let doc = map(vec![person("p1", "刘洋", "信息中心主任", "信息中心", "")]);
    let rows = [[
        "刘洋",
        "教务处处长",
        "教务处",
        "liuyang@univ.example",
        "13800000001",
    ]];
    let planned = plan(&doc, &rows, &MatchChoices::default());
    let [proposal] = planned.matches.as_slice() else {
        panic!("{:?}", planned.matches)
    };
    assert_eq!(proposal.target, existing("p1"));
    assert_eq!(proposal.evidence.basis, MatchBasis::Name);
    assert_eq!(proposal.evidence.title, Agreement::Different);
    assert_eq!(proposal.evidence.email, Agreement::OneEmpty);
    assert_eq!(
        proposal.outcome,
        MatchOutcome::KeptApart(ApartReason::OtherTitle)
    );
    assert_eq!(proposal.row_side.title, "教务处处长");
    assert_eq!(proposal.other_side.title, "信息中心主任");
    assert_eq!(planned.summary.added, 1);
    let after = apply(&doc, planned);
    assert_eq!(
        after.stakeholders[0].contact.email, "",
        "nothing was copied"
    );
    assert_eq!(after.stakeholders[0].contact.phone, "");
    assert_eq!(after.stakeholders[1].title, "教务处处长");
    assert_eq!(after.stakeholders[1].contact.email, "liuyang@univ.example");
}

#[test]
fn a_match_by_name_is_proposed_but_copies_contact_details_only_when_confirmed() {
    let doc = map(vec![person("p1", "刘洋", "教务处处长", "", "")]);
    let rows = [[
        "刘 洋",
        "教务处 处长",
        "教务处",
        "liuyang@univ.example",
        "13800000001",
    ]];
    let planned = plan(&doc, &rows, &MatchChoices::default());
    let proposal = &planned.matches[0];
    assert_eq!(proposal.evidence.title, Agreement::Same, "spacing ignored");
    assert_eq!(proposal.evidence.department, Agreement::OneEmpty);
    assert_eq!(
        proposal.outcome,
        MatchOutcome::Merged(ContactDetails::HeldBack)
    );
    assert!(planned.summary.issues[0].message.contains("by name only"));
    let after = apply(&doc, planned);
    assert_eq!(after.stakeholders.len(), 1);
    assert_eq!(
        after.stakeholders[0].department, "教务处",
        "other empty fields filled"
    );
    assert_eq!(after.stakeholders[0].contact.email, "");
    assert_eq!(after.stakeholders[0].contact.phone, "");

    let confirmed = MatchChoices {
        copy_contacts: [2].into(),
        ..MatchChoices::default()
    };
    let planned = plan(&doc, &rows, &confirmed);
    assert_eq!(
        planned.matches[0].outcome,
        MatchOutcome::Merged(ContactDetails::Copied)
    );
    assert!(
        planned.summary.issues.is_empty(),
        "{:?}",
        planned.summary.issues
    );
    let after = apply(&doc, planned);
    assert_eq!(after.stakeholders[0].contact.email, "liuyang@univ.example");
    assert_eq!(after.stakeholders[0].contact.phone, "13800000001");
}

#[test]
fn the_same_email_is_the_same_person_whatever_the_name_and_other_emails_are_not() {
    let doc = map(vec![
        person(
            "p1",
            "Dave Okafor",
            "CFO",
            "Finance",
            "DAVID.OKAFOR@northwind.example",
        ),
        person("p2", "Ann Lee", "", "", "ann@one.example"),
    ]);
    let rows = [
        [
            "David Okafor",
            "Chief Financial Officer",
            "",
            " david.okafor@NORTHWIND.example ",
            "+1 555 0102",
        ],
        ["Ann Lee", "", "", "ann@two.example", ""],
    ];
    let planned = plan(&doc, &rows, &MatchChoices::default());
    let email = &planned.matches[0];
    assert_eq!(email.evidence.basis, MatchBasis::Email);
    assert_eq!(email.outcome, MatchOutcome::Merged(ContactDetails::Copied));
    let other = &planned.matches[1];
    assert_eq!(other.evidence.email, Agreement::Different);
    assert_eq!(
        other.outcome,
        MatchOutcome::KeptApart(ApartReason::OtherEmail)
    );
    let after = apply(&doc, planned);
    assert_eq!(
        after.stakeholders[0].name, "Dave Okafor",
        "the map's name stays"
    );
    assert_eq!(
        after.stakeholders[0].title, "CFO",
        "filled fields are never overwritten"
    );
    assert_eq!(after.stakeholders[0].contact.phone, "+1 555 0102");
    assert_eq!(after.stakeholders.len(), 3);
}

#[test]
fn names_match_across_case_spacing_and_full_width_forms() {
    let doc = map(vec![
        person("p1", "Margaret Chen", "", "", ""),
        person("p2", "王芳", "", "", ""),
        person("p3", "John Lee", "", "", ""),
    ]);
    let rows = [
        ["margaret  CHEN", "", "", "", ""],
        ["王 芳", "", "", "", ""],
        ["Ｊｏｈｎ　Ｌｅｅ", "", "", "", ""],
        ["JohnLee", "", "", "", ""],
    ];
    let planned = plan(&doc, &rows, &MatchChoices::default());
    let targets: Vec<(usize, MatchTarget)> = planned
        .matches
        .iter()
        .map(|m| (m.row, m.target.clone()))
        .collect();
    assert_eq!(
        targets,
        [
            (2, existing("p1")),
            (3, existing("p2")),
            (4, existing("p3"))
        ],
        "JohnLee is another name"
    );
    assert!(planned.matches.iter().all(|m| m.is_merged()));
    assert_eq!(planned.summary.added, 1);
}

#[test]
fn among_namesakes_the_best_fitting_one_is_proposed_and_the_others_counted() {
    let doc = map(vec![
        person("p1", "张伟", "", "", ""),
        person("p2", "张伟", "技术总监", "信息中心", ""),
        person("p3", "张伟", "采购经理", "", ""),
    ]);
    let rows = [["张伟", "技术总监", "", "", ""]];
    let planned = plan(&doc, &rows, &MatchChoices::default());
    let proposal = &planned.matches[0];
    assert_eq!(proposal.target, existing("p2"), "the title agrees");
    assert_eq!(
        proposal.other_candidates, 1,
        "p1 fits too; p3 has another title"
    );
}

#[test]
fn namesakes_within_the_file_follow_the_same_rules() {
    let rows = [
        ["Ann Lee", "Sales Director", "Sales", "", "555 0100"],
        ["ann lee", "", "Sales", "", "555 0199"],
        ["Ann Lee", "Controller", "Finance", "", ""],
    ];
    let planned = plan(&Document::default(), &rows, &MatchChoices::default());
    let outcomes: Vec<(usize, MatchTarget, MatchOutcome)> = planned
        .matches
        .iter()
        .map(|m| (m.row, m.target.clone(), m.outcome))
        .collect();
    assert_eq!(
        outcomes,
        [
            (
                3,
                MatchTarget::Row(2),
                MatchOutcome::Merged(ContactDetails::NothingToCopy)
            ),
            (
                4,
                MatchTarget::Row(2),
                MatchOutcome::KeptApart(ApartReason::OtherTitle)
            ),
        ]
    );
    assert_eq!(planned.summary.added, 2);
}

#[test]
fn the_users_choices_keep_apart_merge_and_switch_name_matching_off() {
    let doc = map(vec![
        person("p1", "刘洋", "信息中心主任", "", ""),
        person("p2", "Ann Lee", "", "", "ann@corp.example"),
    ]);
    let rows = [
        ["刘洋", "教务处处长", "", "", ""],
        ["Ann Lee", "", "", "ann@corp.example", ""],
        ["Bob Stone", "", "", "", ""],
    ];
    // The user knows better: the two 刘洋 are one person; this Ann Lee is not ours.
    let choices = MatchChoices {
        same: [2].into(),
        separate: [3].into(),
        ..MatchChoices::default()
    };
    let planned = plan(&doc, &rows, &choices);
    assert_eq!(
        planned.matches[0].outcome,
        MatchOutcome::Merged(ContactDetails::NothingToCopy)
    );
    assert_eq!(
        planned.matches[1].outcome,
        MatchOutcome::KeptApart(ApartReason::Chosen)
    );
    let after = apply(&doc, planned);
    assert_eq!(
        after.stakeholders[0].title, "信息中心主任",
        "never overwritten"
    );
    assert_eq!(
        after.stakeholders.len(),
        4,
        "Ann Lee added again, Bob added"
    );

    let off = MatchChoices {
        match_by_name: false,
        ..MatchChoices::default()
    };
    let planned = plan(
        &map(vec![person("p1", "Bob Stone", "", "", "")]),
        &rows[2..],
        &off,
    );
    assert_eq!(
        planned.matches[0].outcome,
        MatchOutcome::KeptApart(ApartReason::NameMatchingOff)
    );
    assert!(
        planned.summary.issues[0]
            .message
            .contains("matching by name is off")
    );
}

fn powermap(args: &[&str]) -> (bool, String, String) {
    let output = Process::new(env!("CARGO_BIN_EXE_powermap"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        output.status.success(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_command_line_lists_matches_and_takes_the_users_choices() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).display().to_string();
    std::fs::write(
        path("first.csv"),
        "姓名,职务,部门\n刘洋,信息中心主任,信息中心\nAnn Lee,,\n",
    )
    .unwrap();
    std::fs::write(
        path("second.csv"),
        "姓名,职务,部门,邮箱,手机\n\
         刘洋,教务处处长,教务处,liuyang@univ.example,13800000001\n\
         ann  LEE,Sales Director,,ann@corp.example,+1 555 0199\n",
    )
    .unwrap();
    let (ok, _, _) = powermap(&["import", &path("first.csv"), "-o", &path("map.json")]);
    assert!(ok);
    let (ok, out, err) = powermap(&["import", &path("second.csv"), "--into", &path("map.json")]);
    assert!(ok, "{err}");
    assert!(out.contains(
        "  row 2 \"刘洋\" (教务处处长, 教务处, liuyang@univ.example) ≠ \"刘洋\" (信息中心主任, 信息中心) on the map: kept apart (another title; --same-person 2 merges them)"
    ), "{out}");
    assert!(out.contains(
        "  row 3 \"ann LEE\" (Sales Director, ann@corp.example) = \"Ann Lee\" on the map: the same person; e-mail and phone not copied (--copy-contacts 3 copies them)"
    ), "{out}");
    assert!(out.contains("wrote "), "{out}");
    let doc = powermap::format::load_file(std::path::Path::new(&path("map.json"))).unwrap();
    assert_eq!(doc.stakeholders.len(), 3);
    assert_eq!(doc.stakeholders[1].contact.email, "", "not confirmed");

    // Confirmed on the second run: Ann gets her details; a row that matched
    // nobody is named.
    let (ok, out, _) = powermap(&[
        "import",
        &path("second.csv"),
        "--into",
        &path("map.json"),
        "--copy-contacts",
        "3",
        "--separate",
        "9",
    ]);
    assert!(ok);
    assert!(
        out.contains("note: --separate 9: row 9 matched nobody; ignored"),
        "{out}"
    );
    let doc = powermap::format::load_file(std::path::Path::new(&path("map.json"))).unwrap();
    assert_eq!(doc.stakeholders[1].contact.email, "ann@corp.example");

    // By e-mail only: a fresh map gets both Ann Lees.
    let (ok, out, _) = powermap(&[
        "import",
        &path("second.csv"),
        "-o",
        &path("fresh.json"),
        "--no-match-by-name",
    ]);
    assert!(ok, "{out}");
    let (ok, out, _) = powermap(&[
        "import",
        &path("first.csv"),
        "--into",
        &path("fresh.json"),
        "--no-match-by-name",
    ]);
    assert!(ok);
    assert!(out.contains("matching by name is off"), "{out}");
    let fresh = powermap::format::load_file(std::path::Path::new(&path("fresh.json"))).unwrap();
    assert_eq!(fresh.stakeholders.len(), 4);

    let (ok, _, err) = powermap(&[
        "import",
        &path("second.csv"),
        "-o",
        &path("other.json"),
        "--copy-contacts",
        "three",
    ]);
    assert!(!ok);
    assert!(
        err.contains("--copy-contacts: \"three\" is not a row number or \"all\""),
        "{err}"
    );
}
