//! Contact import: reading CSV and Excel files, header recognition, planning the
//! import (matching, merging, reporting lines, layout), applying it as one undo
//! step, and `powermap import`.
//!
//! The fixtures in `tests/fixtures/import/` were written with Python (`csv`,
//! `str.encode('gbk')`, openpyxl): the same fourteen rows of a Chinese contact list
//! in GBK, UTF-8 with BOM, semicolon-separated UTF-8 and tab-separated UTF-16LE; an
//! English Salesforce-style export; and a workbook with two sheets.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output};

use powermap::edit::Editor;
use powermap::format::{from_bytes, to_bytes};
use powermap::import::{
    ColumnMapping, Field, ImportError, ImportPlan, ImportSummary, MatchChoices, Row, SourceInfo,
    Table, TableFormat, plan_import, plan_import_with, read_table, read_table_bytes,
};
use powermap::lang::Language;
use powermap::model::{
    Document, Position, Relationship, RelationshipKind, Stakeholder, StakeholderId, validate,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn read(name: &str) -> Table {
    read_table(&fixture(name), None).unwrap()
}

fn plan(doc: &Document, table: &Table) -> ImportPlan {
    plan_import(doc, table, &ColumnMapping::detect(&table.headers)).unwrap()
}

/// Plans and applies; returns the new document and the summary.
fn import_into(doc: &Document, table: &Table) -> (Document, ImportSummary) {
    let plan = plan(doc, table);
    let mut editor = Editor::new(doc.clone());
    editor.apply(plan.command).unwrap();
    let after = editor.document().clone();
    assert_eq!(validate(&after), vec![]);
    (after, plan.summary)
}

fn person<'a>(doc: &'a Document, name: &str) -> &'a Stakeholder {
    doc.stakeholders
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", names(doc)))
}

fn names(doc: &Document) -> Vec<&str> {
    doc.stakeholders.iter().map(|s| s.name.as_str()).collect()
}

/// (person, manager) names of every reports_to line.
fn reporting_lines(doc: &Document) -> Vec<(String, String)> {
    let name_of: HashMap<&StakeholderId, &str> = doc
        .stakeholders
        .iter()
        .map(|s| (&s.id, s.name.as_str()))
        .collect();
    doc.relationships
        .iter()
        .filter(|r| r.kind == RelationshipKind::ReportsTo)
        .map(|r| (name_of[&r.from].to_owned(), name_of[&r.to].to_owned()))
        .collect()
}

fn reports_to(doc: &Document, person: &str, manager: &str) -> bool {
    reporting_lines(doc).contains(&(person.to_owned(), manager.to_owned()))
}

fn issue_rows(summary: &ImportSummary) -> Vec<usize> {
    summary.issues.iter().map(|i| i.row).collect()
}

fn issue(summary: &ImportSummary, row: usize) -> &str {
    summary
        .issues
        .iter()
        .find(|i| i.row == row)
        .map(|i| i.message.as_str())
        .unwrap_or_else(|| panic!("no issue for row {row}: {:?}", summary.issues))
}

fn table_of(headers: &[&str], rows: &[&[&str]]) -> Table {
    Table {
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, cells)| Row {
                number: i + 2,
                cells: cells.iter().map(|c| (*c).to_owned()).collect(),
            })
            .collect(),
        source: SourceInfo {
            file_name: "test.csv".to_owned(),
            ..SourceInfo::default()
        },
    }
}

/// Asserts that managers sit above their reports and nobody is within 150 px of
/// anyone else.
fn assert_tidy(doc: &Document) {
    let pos: HashMap<&StakeholderId, Position> = doc
        .stakeholders
        .iter()
        .map(|s| (&s.id, s.position.expect("everyone is placed")))
        .collect();
    for line in &doc.relationships {
        assert!(
            pos[&line.to].y < pos[&line.from].y,
            "{} is not above {}",
            line.to,
            line.from
        );
    }
    let all: Vec<(&StakeholderId, Position)> = pos.iter().map(|(id, p)| (*id, *p)).collect();
    for (i, (a, pa)) in all.iter().enumerate() {
        for (b, pb) in all.iter().skip(i + 1) {
            let distance = (pa.x - pb.x).hypot(pa.y - pb.y);
            assert!(distance >= 150.0, "{a} and {b} are {distance} px apart");
        }
    }
}

// ---------------------------------------------------------------------------
// Reading files

#[test]
fn english_csv_is_read_with_its_encoding_delimiter_and_row_numbers() {
    let table = read("contacts-en.csv");
    assert_eq!(table.source.encoding, "UTF-8");
    assert_eq!(table.source.delimiter, Some(','));
    assert_eq!(table.source.file_name, "contacts-en.csv");
    assert_eq!(table.headers[0], "First Name");
    assert_eq!(table.headers.len(), 9);
    assert_eq!(table.rows.len(), 14);
    assert_eq!(table.rows[0].number, 2);
    assert_eq!(table.rows[13].number, 15);
    // A quoted cell with a comma, and one with a line break.
    assert_eq!(table.rows[6].cell(2), "Director, Procurement");
    assert_eq!(
        table.rows[2].cell(8),
        "Owns the IT budget.\nPrefers written proposals."
    );
}

#[test]
fn chinese_csv_is_decoded_in_every_encoding_and_delimiter() {
    let cases = [
        ("contacts-zh-gbk.csv", "GB18030 (GBK)", ','),
        ("contacts-zh-utf8-bom.csv", "UTF-8 with BOM", ','),
        ("contacts-zh-semicolon.csv", "UTF-8", ';'),
        ("contacts-zh-utf16.txt", "UTF-16LE", '\t'),
    ];
    let mut first: Option<Table> = None;
    for (file, encoding, delimiter) in cases {
        let table = read(file);
        assert_eq!(table.source.encoding, encoding, "{file}");
        assert_eq!(table.source.delimiter, Some(delimiter), "{file}");
        assert!(!table.source.lossy, "{file}");
        assert_eq!(
            table.headers,
            [
                "姓名",
                "职务",
                "部门",
                "直属领导",
                "邮箱",
                "手机",
                "公司",
                "备注"
            ],
            "{file}"
        );
        assert_eq!(table.rows[1].cells[..2], ["王芳", "财务总监"], "{file}");
        assert_eq!(
            table.rows[2].cell(7),
            "负责信息化预算，\n偏好书面方案",
            "{file}"
        );
        // Every variant holds the same rows, row numbers included.
        if let Some(first) = &first {
            assert_eq!(first.rows, table.rows, "{file}");
        }
        first = Some(table);
    }
}

#[test]
fn chinese_contacts_import_with_reporting_lines() {
    let table = read("contacts-zh-gbk.csv");
    let (doc, summary) = import_into(&Document::default(), &table);
    assert_eq!(
        summary.counts_line(),
        "added 12, updated 0, unchanged 0, skipped 1"
    );
    assert_eq!(issue_rows(&summary), vec![7, 12, 14]);
    assert!(issue(&summary, 7).contains("no name (姓名 is empty)"));
    assert!(issue(&summary, 12).contains("same person as row 6"));
    assert!(issue(&summary, 14).contains("\"钱明\" not found"));
    let wang = person(&doc, "王芳");
    assert_eq!(wang.title, "财务总监");
    assert_eq!(wang.department, "财务部");
    assert_eq!(wang.contact.phone, "13800138002");
    assert!(reports_to(&doc, "王芳", "周振华"));
    // Named by e-mail, in another case.
    assert!(reports_to(&doc, "李强", "周振华"));
    assert!(reports_to(&doc, "杨帆", "李强"));
    assert!(reports_to(&doc, "何雪", "陈刚"));
    assert_eq!(reporting_lines(&doc).len(), 10);
    assert_eq!(doc.account.name, "江苏恒远重工集团有限公司");
    assert_eq!(person(&doc, "李强").notes, "负责信息化预算，\n偏好书面方案");
}

#[test]
fn excel_cells_read_as_people_see_them() {
    let table = read("contacts.xlsx");
    assert_eq!(table.source.sheet.as_deref(), Some("Contacts"));
    assert_eq!(table.source.delimiter, None);
    assert_eq!(
        table.headers,
        [
            "Name",
            "Job Title",
            "Company",
            "Phone",
            "E-mail",
            "Manager",
            "Last Met",
            "Score",
            "Key Account"
        ]
    );
    // The empty fourth row is left out; the others keep their numbers.
    let numbers: Vec<usize> = table.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, vec![2, 3, 5, 6]);
    let ann = &table.rows[0];
    assert_eq!(ann.cell(3), "13800138000");
    assert_eq!(ann.cell(6), "2025-10-13");
    assert_eq!(ann.cell(7), "4.5");
    assert_eq!(ann.cell(8), "TRUE");
    let bob = &table.rows[1];
    assert_eq!(bob.cell(6), "2025-10-13 12:30:00");
    assert_eq!(bob.cell(7), "3");
    assert_eq!(bob.cell(8), "FALSE");
    assert_eq!(table.rows[2].cell(3), "2125550100");
    assert_eq!(table.rows[2].cell(4), "");
}

#[test]
fn excel_import_and_the_second_sheet() {
    let table = read("contacts.xlsx");
    let (doc, summary) = import_into(&Document::default(), &table);
    assert_eq!(
        summary.counts_line(),
        "added 3, updated 0, unchanged 0, skipped 1"
    );
    assert_eq!(issue_rows(&summary), vec![6]);
    assert!(issue(&summary, 6).contains("no name (Name is empty)"));
    assert_eq!(person(&doc, "Ann Lee").contact.phone, "13800138000");
    assert!(reports_to(&doc, "Bob Stone", "Ann Lee"));
    assert!(reports_to(&doc, "Cara Diaz", "Bob Stone"));
    assert_eq!(doc.account.name, "Contoso");

    let sheet = read_table(&fixture("contacts.xlsx"), Some("新联系人")).unwrap();
    assert_eq!(sheet.source.sheet.as_deref(), Some("新联系人"));
    let (doc, summary) = import_into(&Document::default(), &sheet);
    assert_eq!(summary.added, 3);
    // 姓 + 名 joined family name first without a space; Latin names with one.
    assert_eq!(names(&doc), vec!["王芳", "张伟", "John Smith"]);
    assert!(reports_to(&doc, "张伟", "王芳"));
    assert!(reports_to(&doc, "John Smith", "王芳"));
    assert_eq!(person(&doc, "王芳").contact.phone, "13800138002");

    let err = read_table(&fixture("contacts.xlsx"), Some("Leads")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the workbook has no sheet named \"Leads\"; its sheets are: Contacts, 新联系人"
    );
}

#[test]
fn unsupported_and_broken_files_are_refused_with_clear_messages() {
    let err = read_table(Path::new("contacts.xls"), None).unwrap_err();
    assert!(matches!(err, ImportError::UnsupportedFormat { .. }));
    assert!(
        err.to_string()
            .contains("save this .xls file as .xlsx or as \"CSV UTF-8\": contacts.xls"),
        "{err}"
    );
    let err = read_table(&fixture("missing.csv"), None).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cannot read the contact list ("),
        "{err}"
    );
    assert!(err.to_string().ends_with("missing.csv"), "{err}");
    let err = read_table_bytes(b"not a zip", TableFormat::Xlsx, "x.xlsx", None).unwrap_err();
    assert!(matches!(err, ImportError::Workbook { .. }), "{err}");
    let err = read_table_bytes(b"\n\n ,, \n", TableFormat::Delimited, "x.csv", None).unwrap_err();
    assert!(matches!(err, ImportError::Empty), "{err}");
}

#[test]
fn size_row_and_column_limits_are_enforced() {
    let huge = vec![b'a'; 64 * 1024 * 1024 + 1];
    let err = read_table_bytes(&huge, TableFormat::Delimited, "x.csv", None).unwrap_err();
    assert!(matches!(err, ImportError::TooLarge { .. }), "{err}");

    let mut rows = String::from("Name\n");
    for i in 0..100_000 {
        rows.push_str(&format!("p{i}\n"));
    }
    let table = read_table_bytes(rows.as_bytes(), TableFormat::Delimited, "x.csv", None).unwrap();
    assert_eq!(table.rows.len(), 100_000);
    rows.push_str("one too many\n");
    let err = read_table_bytes(rows.as_bytes(), TableFormat::Delimited, "x.csv", None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the file has more than 100000 rows of contacts; split it into smaller files"
    );

    // 10,001 rows of 1,000 cells: mostly empty, but each costs memory.
    let row = format!("Ann{}x\n", ",".repeat(999));
    let many = format!("Name\n{}", row.repeat(10_001));
    let err = read_table_bytes(many.as_bytes(), TableFormat::Delimited, "x.csv", None).unwrap_err();
    assert!(matches!(err, ImportError::TooManyCells { .. }), "{err}");

    let wide = format!("Name\nAnn{}x\n", ",".repeat(1_000));
    let err = read_table_bytes(wide.as_bytes(), TableFormat::Delimited, "x.csv", None).unwrap_err();
    assert!(
        matches!(err, ImportError::TooManyColumns { row: 2, .. }),
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// Header recognition and mapping

#[test]
fn salesforce_headers_are_recognised_and_unknown_ones_listed() {
    let table = read("contacts-en.csv");
    let mapping = ColumnMapping::detect(&table.headers);
    let fields: Vec<Option<Field>> = (0..9).map(|c| mapping.field(c)).collect();
    assert_eq!(
        fields,
        vec![
            Some(Field::FirstName),
            Some(Field::LastName),
            Some(Field::Title),
            Some(Field::Account),
            Some(Field::Email),
            Some(Field::Phone),
            Some(Field::ReportsTo),
            None,
            Some(Field::Notes),
        ]
    );
    assert_eq!(mapping.ignored_columns(), vec![7]);
    assert_eq!(mapping.describe()[7], "Lead Source → ignored");
}

#[test]
fn without_a_name_column_the_error_names_the_headers() {
    let table = table_of(&["Company", "Phone", "Who"], &[&["Acme", "1", "Ann"]]);
    let mut mapping = ColumnMapping::detect(&table.headers);
    let err = plan_import(&Document::default(), &table, &mapping).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the file has no name column: found Company, Phone, Who; map a column to \"name\" \
         (or columns to \"first_name\" and \"last_name\")"
    );
    mapping.apply_override("Who=name").unwrap();
    let plan = plan_import(&Document::default(), &table, &mapping).unwrap();
    assert_eq!(plan.summary.added, 1);
    // A mapping made for other columns is refused.
    let other = ColumnMapping::detect(&["Name".to_owned()]);
    assert!(matches!(
        plan_import(&Document::default(), &table, &other),
        Err(ImportError::MappingMismatch)
    ));
}

// ---------------------------------------------------------------------------
// Planning and merging

#[test]
fn english_contacts_import_with_managers_by_name_and_by_email() {
    let table = read("contacts-en.csv");
    let (doc, summary) = import_into(&Document::default(), &table);
    assert_eq!(
        summary.counts_line(),
        "added 12, updated 0, unchanged 0, skipped 1"
    );
    assert_eq!(summary.lines_added, 10);
    assert_eq!(summary.account_set.as_deref(), Some("Northwind Logistics"));
    assert_eq!(summary.source.encoding, "UTF-8");
    assert_eq!(issue_rows(&summary), vec![7, 12, 14]);
    assert_eq!(
        issue(&summary, 7),
        "no name (First Name and Last Name are empty); row skipped"
    );
    assert_eq!(
        issue(&summary, 12),
        "same person as row 6 (\"Tom Becker\"); merged: only empty fields filled"
    );
    assert_eq!(
        issue(&summary, 14),
        "manager \"Robert Vance\" not found in the file or on the map; no reports-to line"
    );
    // By name, by e-mail, by e-mail in capitals, to a manager further down the file.
    assert!(reports_to(&doc, "David Okafor", "Margaret Chen"));
    assert!(reports_to(&doc, "Priya Raman", "Margaret Chen"));
    assert!(reports_to(&doc, "Aisha Khan", "Priya Raman"));
    assert!(reports_to(&doc, "Yuki Tanaka", "Tom Becker"));
    assert!(reports_to(&doc, "Jonas Berg", "Sam Ortiz"));
    assert!(
        !reporting_lines(&doc)
            .iter()
            .any(|(p, _)| p == "Carlos Diaz")
    );
    // The duplicate row filled Tom's empty phone but not his title.
    let tom = person(&doc, "Tom Becker");
    assert_eq!(tom.title, "Head of IT Infrastructure");
    assert_eq!(tom.contact.phone, "+1 415 555 0105");
    assert_eq!(
        doc.stakeholders
            .iter()
            .filter(|s| s.name == "Tom Becker")
            .count(),
        1
    );
    // New people: fresh ids, defaults, a source naming file and row.
    let ids: Vec<&str> = doc.stakeholders.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids[..3], ["p1", "p2", "p3"]);
    let lena = person(&doc, "Lena Novak");
    assert_eq!(lena.source, "Imported from contacts-en.csv (row 8)");
    assert_eq!(lena.power.level(), 3);
    assert_eq!(lena.role, powermap::model::Role::Unknown);
    assert_eq!(lena.stance, powermap::model::Stance::Unknown);
    assert_eq!(
        person(&doc, "Priya Raman").notes,
        "Owns the IT budget.\nPrefers written proposals."
    );
    assert_tidy(&doc);
}

#[test]
fn importing_the_same_file_twice_adds_nobody() {
    let table = read("contacts-en.csv");
    let (once, _) = import_into(&Document::default(), &table);
    let second = plan(&once, &table);
    assert_eq!(
        second.summary.counts_line(),
        "added 0, updated 0, unchanged 12, skipped 1"
    );
    assert_eq!(second.summary.lines_added, 0);
    assert!(second.is_empty());
    let (twice, _) = import_into(&once, &table);
    assert_eq!(twice, once);
    // The Chinese list in another encoding matches the same people too.
    let (zh, _) = import_into(&Document::default(), &read("contacts-zh-gbk.csv"));
    let again = plan(&zh, &read("contacts-zh-utf16.txt"));
    assert_eq!(again.summary.added, 0);
    assert!(again.is_empty());
}

#[test]
fn filled_fields_and_positions_are_never_overwritten() {
    let mut doc = Document::default();
    doc.account.name = "Northwind".to_owned();
    let mut margaret = Stakeholder::new("m", "margaret  CHEN");
    // The same title as in the file, but for case and spacing.
    margaret.title = "chief executive  OFFICER".to_owned();
    margaret.position = Some(Position::new(500.0, -40.0));
    let mut david = Stakeholder::new("d", "Someone Else");
    david.contact.email = "DAVID.OKAFOR@northwind.example".to_owned();
    david.notes = "met at the fair".to_owned();
    david.position = Some(Position::new(-200.0, 100.0));
    doc.stakeholders = vec![margaret, david];
    doc.relationships = vec![Relationship::new(
        "r1",
        "d",
        "m",
        RelationshipKind::ReportsTo,
    )];

    let table = read("contacts-en.csv");
    // Margaret matches by name only: her e-mail and phone are copied only once the
    // user confirms (row 2), as the preview or --copy-contacts-by-name do.
    let held_back = plan(&doc, &table);
    assert!(
        issue(&held_back.summary, 2).contains("by name only; e-mail and phone not copied"),
        "{:?}",
        held_back.summary.issues
    );
    let choices = MatchChoices {
        copy_contacts: [2].into(),
        ..MatchChoices::default()
    };
    let confirmed = plan_import_with(
        &doc,
        &table,
        &ColumnMapping::detect(&table.headers),
        &choices,
        Language::English,
    )
    .unwrap();
    let mut editor = Editor::new(doc.clone());
    editor.apply(confirmed.command).unwrap();
    let after = editor.document().clone();
    assert_eq!(validate(&after), vec![]);
    let summary = confirmed.summary;
    // Margaret by name (case and spaces ignored), David by e-mail: both existed.
    assert_eq!(
        summary.counts_line(),
        "added 10, updated 2, unchanged 0, skipped 1"
    );
    assert_eq!(summary.account_set, None);
    assert_eq!(after.account.name, "Northwind");
    let margaret = person(&after, "margaret  CHEN");
    assert_eq!(margaret.title, "chief executive  OFFICER");
    assert_eq!(margaret.contact.email, "margaret.chen@northwind.example");
    assert_eq!(margaret.contact.phone, "+1 415 555 0101");
    assert_eq!(margaret.notes, "Final say on all spend over $500k");
    assert_eq!(margaret.position, Some(Position::new(500.0, -40.0)));
    assert_eq!(margaret.source, "");
    let david = person(&after, "Someone Else");
    assert_eq!(david.title, "Chief Financial Officer");
    assert_eq!(david.contact.email, "DAVID.OKAFOR@northwind.example");
    assert_eq!(david.notes, "met at the fair");
    assert_eq!(david.position, Some(Position::new(-200.0, 100.0)));
    // The existing line d → m is not added twice; Lena reports to the existing David.
    assert_eq!(
        after
            .relationships
            .iter()
            .filter(|r| r.from.as_str() == "d")
            .count(),
        1
    );
    assert!(reports_to(&after, "Lena Novak", "Someone Else"));
    assert_eq!(after.relationships[0].id.as_str(), "r1");
    let new_ids: Vec<&str> = after.relationships[1..]
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert!(!new_ids.contains(&"r1"), "{new_ids:?}");
    // Ids do not collide with the existing ones either.
    assert!(
        !after.stakeholders[2..]
            .iter()
            .any(|s| ["m", "d"].contains(&s.id.as_str()))
    );
    // The new block sits below everyone placed before.
    for new in &after.stakeholders[2..] {
        assert!(new.position.unwrap().y > 100.0, "{}", new.name);
    }
    assert_tidy(&after);
}

#[test]
fn one_undo_restores_the_map_exactly_and_the_result_round_trips() {
    let mut doc = Document::default();
    let mut anchor = Stakeholder::new("p1", "Priya Raman");
    anchor.position = Some(Position::new(0.0, 0.0));
    doc.stakeholders.push(anchor);
    let table = read("contacts-en.csv");
    let plan = plan(&doc, &table);
    let mut editor = Editor::new(doc.clone());
    editor.apply(plan.command).unwrap();
    assert_eq!(editor.undo_len(), 1);
    let after = editor.document().clone();
    assert_eq!(validate(&after), vec![]);
    assert_eq!(from_bytes(&to_bytes(&after)).unwrap(), after);
    // p1 was taken: the first new person is not p1.
    assert!(
        !after.stakeholders[1..]
            .iter()
            .any(|s| s.id.as_str() == "p1")
    );
    editor.undo().unwrap();
    assert_eq!(editor.document(), &doc);
    editor.redo().unwrap();
    assert_eq!(editor.document(), &after);
}

#[test]
fn cycles_self_reports_namesakes_and_ambiguous_managers_are_reported() {
    let doc = Document {
        stakeholders: vec![Stakeholder::new("a", "Ann"), Stakeholder::new("b", "Bob")],
        relationships: vec![Relationship::new(
            "r1",
            "a",
            "b",
            RelationshipKind::ReportsTo,
        )],
        ..Document::default()
    };
    let table = table_of(
        &["Name", "Email", "Manager"],
        &[
            &["Bob", "", "Ann"],                       // row 2: closes a cycle
            &["Cid", "", "Cid"],                       // row 3: reports to himself
            &["Dee", "dee@x.example", ""],             // row 4
            &["Dee", "other@x.example", ""],           // row 5: a namesake
            &["Eve", "", "Dee"],                       // row 6: two people named Dee
            &["Fay", "", "Gus"],                       // row 7: Gus is further down
            &["Gus", "", "Fay"],                       // row 8: closes a cycle
            &["Hal", "", "Ann <ann@nowhere.example>"], // row 9: name before an e-mail
        ],
    );
    let (after, summary) = import_into(&doc, &table);
    assert_eq!(issue_rows(&summary), vec![2, 3, 5, 6, 8]);
    assert!(issue(&summary, 2).contains("\"Bob\" reporting to \"Ann\" would close a cycle"));
    assert!(issue(&summary, 3).contains("\"Cid\" is named as their own manager"));
    assert!(issue(&summary, 5).contains("same name as \"Dee\" (row 4) but another e-mail"));
    assert!(issue(&summary, 6).contains("\"Dee\" is ambiguous: 2 people"));
    assert!(issue(&summary, 8).contains("\"Gus\" reporting to \"Fay\" would close a cycle"));
    assert!(reports_to(&after, "Fay", "Gus"));
    assert!(reports_to(&after, "Hal", "Ann"));
    assert_eq!(
        after
            .stakeholders
            .iter()
            .filter(|s| s.name == "Dee")
            .count(),
        2
    );
    // Bob exists and matched; nothing about him changed.
    assert_eq!(
        summary.counts_line(),
        "added 7, updated 0, unchanged 1, skipped 0"
    );
}

#[test]
fn a_second_manager_for_the_same_person_is_reported_and_the_first_kept() {
    let table = table_of(
        &["Name", "Reports To"],
        &[&["Ann", ""], &["Bob", ""], &["Cid", "Ann"], &["cid", "Bob"]],
    );
    let (after, summary) = import_into(&Document::default(), &table);
    assert_eq!(issue_rows(&summary), vec![5, 5]);
    assert!(reports_to(&after, "Cid", "Ann"));
    assert!(!reports_to(&after, "Cid", "Bob"));
    assert!(
        summary
            .issues
            .iter()
            .any(|i| i.message.contains("kept the first"))
    );
}

#[test]
fn hostile_cells_are_stored_as_text_or_reported() {
    let long = "x".repeat(70 * 1024);
    let csv = format!(
        "Name,Title,Notes\n\
         \"=cmd|' /C calc'!A0\",<script>alert(1)</script>,@SUM(1+1)\n\
         Long Notes,Analyst,{long}\n\
         \"{long}\",Analyst,\n\
         Ok,\"\u{0}\u{202E}\",\n"
    );
    let table = read_table_bytes(csv.as_bytes(), TableFormat::Delimited, "evil.csv", None).unwrap();
    let (doc, summary) = import_into(&Document::default(), &table);
    assert_eq!(issue_rows(&summary), vec![3, 4]);
    assert!(issue(&summary, 3).contains("the Notes cell is 71680 bytes long"));
    assert!(issue(&summary, 4).contains("the Name cell is 71680 bytes long"));
    assert_eq!(summary.skipped, 2);
    let formula = person(&doc, "=cmd|' /C calc'!A0");
    assert_eq!(formula.title, "<script>alert(1)</script>");
    assert_eq!(formula.notes, "@SUM(1+1)");
    assert_eq!(person(&doc, "Ok").title, "\u{0}\u{202E}");
    assert_eq!(from_bytes(&to_bytes(&doc)).unwrap(), doc);
}

#[test]
fn thousands_of_contacts_and_a_deep_chain_apply_as_one_step() {
    // 3,000 people in a tree of depth 8 and a chain of 1,000 below it.
    let mut csv = String::from("Name,Email,Manager\n");
    for i in 0..3000 {
        let manager = if i == 0 {
            String::new()
        } else {
            format!("p{}@x.example", (i - 1) / 3)
        };
        csv.push_str(&format!("P{i},p{i}@x.example,{manager}\n"));
    }
    for i in 0..1000 {
        let manager = if i == 0 {
            "P0".to_owned()
        } else {
            format!("C{}", i - 1)
        };
        csv.push_str(&format!("C{i},,{manager}\n"));
    }
    let table = read_table_bytes(csv.as_bytes(), TableFormat::Delimited, "big.csv", None).unwrap();
    let plan = plan(&Document::default(), &table);
    assert_eq!(plan.summary.added, 4000);
    assert_eq!(plan.summary.lines_added, 3999, "{:?}", plan.summary.issues);
    let mut editor = Editor::new(Document::default());
    editor.apply(plan.command).unwrap();
    assert_eq!(editor.undo_len(), 1);
    assert_eq!(validate(editor.document()), vec![]);
    assert_tidy(editor.document());
}

// ---------------------------------------------------------------------------
// The command line

fn powermap(args: &[&std::ffi::OsStr]) -> Output {
    Process::new(env!("CARGO_BIN_EXE_powermap"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn run(args: &[&str]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    powermap(&args)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn cli_imports_into_a_new_map_then_merges_into_it() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.json");
    let contacts = fixture("contacts-en.csv");
    let output = run(&[
        "import",
        contacts.to_str().unwrap(),
        "-o",
        map.to_str().unwrap(),
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}{}", stderr(&output));
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].ends_with("contacts-en.csv: UTF-8, delimiter \",\""),
        "{text}"
    );
    assert_eq!(lines[1], "columns:");
    assert!(lines.contains(&"  First Name → first_name"), "{text}");
    assert!(lines.contains(&"  Mobile → phone"), "{text}");
    assert!(lines.contains(&"  Lead Source → ignored"), "{text}");
    assert!(lines.contains(&"row 7: no name (First Name and Last Name are empty); row skipped"));
    assert!(
        lines.contains(&"added 12, updated 0, unchanged 0, skipped 1"),
        "{text}"
    );
    assert!(text.contains(": 12 people, 10 relationships"), "{text}");
    let doc = powermap::format::load_file(&map).unwrap();
    assert_eq!(doc.stakeholders.len(), 12);

    // Merge the Excel contacts into it: saved atomically, the old map kept as .bak.
    let xlsx = fixture("contacts.xlsx");
    let output = run(&[
        "import",
        xlsx.to_str().unwrap(),
        "--into",
        map.to_str().unwrap(),
        "--sheet",
        "新联系人",
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}{}", stderr(&output));
    assert!(
        text.contains("Excel workbook, worksheet \"新联系人\""),
        "{text}"
    );
    assert!(text.contains("  姓 → last_name"), "{text}");
    assert!(
        text.contains("added 3, updated 0, unchanged 0, skipped 0"),
        "{text}"
    );
    let merged = powermap::format::load_file(&map).unwrap();
    assert_eq!(merged.stakeholders.len(), 15);
    let backup = powermap::format::backup_path(&map);
    assert_eq!(powermap::format::load_file(&backup).unwrap(), doc);

    // The same file again changes nothing and leaves the map alone.
    let output = run(&[
        "import",
        contacts.to_str().unwrap(),
        "--into",
        map.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("added 0, updated 0, unchanged 12, skipped 1"));
    assert!(stdout(&output).contains("no changes;"));
    assert_eq!(powermap::format::load_file(&map).unwrap(), merged);
}

#[test]
fn cli_map_overrides_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("people.csv");
    std::fs::write(&csv, "Who,Boss,Company\nAnn,,Acme\nBob,Ann,Acme\n").unwrap();
    let map = dir.path().join("map.json");
    let (csv_arg, map_arg) = (csv.to_str().unwrap(), map.to_str().unwrap());

    let output = run(&["import", csv_arg, "-o", map_arg]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with(
            "powermap import: the file has no name column: found Who, Boss, Company; \
             map a column to \"name\" (or columns to \"first_name\" and \"last_name\") \
             with --map \"Header=name\": "
        ),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).trim_end().ends_with("people.csv"));
    assert!(!map.exists());

    let output = run(&[
        "import",
        csv_arg,
        "-o",
        map_arg,
        "--map",
        "Who=name",
        "--map",
        "boss=reports_to",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("  Boss → reports_to"));
    let doc = powermap::format::load_file(&map).unwrap();
    assert!(reports_to(&doc, "Bob", "Ann"));
    assert_eq!(doc.account.name, "Acme");

    // The map exists now: -o refuses to replace it unless told to.
    let before = std::fs::read(&map).unwrap();
    let output = run(&["import", csv_arg, "-o", map_arg, "--map", "Who=name"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("the map already exists; use --into to merge into it, or --force")
    );
    assert_eq!(
        std::fs::read(&map).unwrap(),
        before,
        "the existing map is untouched"
    );
    let output = run(&[
        "import", csv_arg, "-o", map_arg, "--map", "Who=name", "--force",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        std::fs::read(dir.path().join("map.json.bak")).unwrap(),
        before
    );

    let other = dir.path().join("other.json");
    let map_arg = other.to_str().unwrap();
    let output = run(&["import", csv_arg, "-o", map_arg, "--map", "Who=boss"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("--map: \"boss\" is not a field; use one of: name, first_name")
    );
    let output = run(&["import", csv_arg, "-o", map_arg, "--map", "Whom=name"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output)
            .contains("--map: no column is headed \"Whom\"; the columns are: Who, Boss, Company")
    );

    let output = run(&["import", csv_arg, "-o", csv_arg, "--map", "Who=name"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("-o names the contact list itself"));
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .starts_with("Who,Boss")
    );

    let output = run(&["import", "contacts.pdf", "-o", map_arg]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("imports contacts from .csv, .tsv, .txt and .xlsx files"));

    let bad_map = dir.path().join("bad.json");
    std::fs::write(&bad_map, "{").unwrap();
    let output = run(&[
        "import",
        csv_arg,
        "--into",
        bad_map.to_str().unwrap(),
        "--map",
        "Who=name",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot merge into this map: not valid JSON"));
    assert_eq!(std::fs::read_to_string(&bad_map).unwrap(), "{");
}

// ---------------------------------------------------------------------------
// Property tests

mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Well-formed delimited text: each cell plain, or quoted when it holds a
    /// delimiter, a quote or a line break; at least two cells in a row so that the
    /// delimiter can be detected.
    fn csv_text() -> impl Strategy<Value = (String, u8)> {
        let cell = prop_oneof!["[a-zA-Z0-9 王芳]{0,6}", "[a-z,;\t\"\n\r王 ]{0,6}",];
        let rows = proptest::collection::vec(proptest::collection::vec(cell, 2..5), 1..8);
        (rows, prop_oneof![Just(b','), Just(b';'), Just(b'\t')]).prop_map(|(rows, delimiter)| {
            let mut text = String::new();
            for row in &rows {
                let cells: Vec<String> = row
                    .iter()
                    .map(|c| {
                        if c.contains([',', ';', '\t', '"', '\n', '\r']) {
                            format!("\"{}\"", c.replace('"', "\"\""))
                        } else {
                            c.clone()
                        }
                    })
                    .collect();
                text.push_str(&cells.join(&char::from(delimiter).to_string()));
                text.push_str("\r\n");
            }
            (text, delimiter)
        })
    }

    /// The records the `csv` crate reads, as we keep them: trailing empty cells
    /// dropped, blank records left out.
    fn reference(text: &str, delimiter: u8) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes());
        reader
            .records()
            .map(|r| {
                r.unwrap()
                    .iter()
                    .map(str::to_owned)
                    .collect::<Vec<String>>()
            })
            .filter(|cells| !cells.iter().all(|c| c.trim().is_empty()))
            .enumerate()
            .map(|(i, mut cells)| {
                // Header cells are trimmed.
                if i == 0 {
                    cells = cells.iter().map(|c| c.trim().to_owned()).collect();
                }
                while cells.last().is_some_and(|c| c.is_empty()) {
                    cells.pop();
                }
                cells
            })
            .collect()
    }

    fn ours(text: &str) -> Option<Vec<Vec<String>>> {
        let table =
            read_table_bytes(text.as_bytes(), TableFormat::Delimited, "t.csv", None).ok()?;
        let mut rows = vec![table.headers.clone()];
        rows.extend(table.rows.iter().map(|r| r.cells.clone()));
        for row in &mut rows {
            while row.last().is_some_and(|c| c.is_empty()) {
                row.pop();
            }
        }
        Some(rows)
    }

    /// Random tables with a name column and colliding names, e-mails and managers.
    fn table() -> impl Strategy<Value = Table> {
        let name = prop_oneof!["[A-C]", "[王李]", Just(String::new()), " [a-c] [a-c] "];
        let email = prop_oneof![
            Just(String::new()),
            "[a-c]@x\\.example",
            "[A-C]@X\\.EXAMPLE"
        ];
        let row = (name.clone(), name, email.clone(), email, "[a-z]{0,3}");
        proptest::collection::vec(row, 0..25).prop_map(|rows| Table {
            headers: ["Name", "Reports To", "Email", "Manager Email", "Title"]
                .map(str::to_owned)
                .to_vec(),
            rows: rows
                .into_iter()
                .enumerate()
                .map(|(i, (name, boss, email, boss_email, title))| Row {
                    number: i + 2,
                    cells: vec![
                        name,
                        if boss_email.is_empty() {
                            boss
                        } else {
                            boss_email
                        },
                        email,
                        String::new(),
                        title,
                    ],
                })
                .collect(),
            source: SourceInfo::default(),
        })
    }

    /// Small maps with placed and unplaced people and reporting lines.
    fn document() -> impl Strategy<Value = Document> {
        let person = (
            "[A-C王]",
            prop_oneof![Just(String::new()), "[a-c]@x\\.example"],
            any::<bool>(),
        );
        (
            proptest::collection::vec(person, 0..6),
            proptest::collection::vec((0usize..6, 0usize..6), 0..6),
        )
            .prop_map(|(people, lines)| {
                let mut doc = Document::default();
                for (i, (name, email, placed)) in people.into_iter().enumerate() {
                    let mut s = Stakeholder::new(format!("p{}", i * 2 + 1), name);
                    s.contact.email = email;
                    s.position = placed.then(|| Position::new(i as f64 * 200.0, 0.0));
                    doc.stakeholders.push(s);
                }
                let mut editor = Editor::new(doc);
                for (n, (from, to)) in lines.into_iter().enumerate() {
                    let ids: Vec<StakeholderId> = editor
                        .document()
                        .stakeholders
                        .iter()
                        .map(|s| s.id.clone())
                        .collect();
                    if let (Some(from), Some(to)) = (ids.get(from), ids.get(to)) {
                        let line = Relationship::new(
                            format!("r{}", n + 1),
                            from.clone(),
                            to.clone(),
                            RelationshipKind::ReportsTo,
                        );
                        // Lines that would close a cycle are refused; fine.
                        let _ = editor.apply(powermap::edit::Command::add_relationship(line));
                    }
                }
                editor.document().clone()
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = read_table_bytes(&bytes, TableFormat::Delimited, "x.csv", None);
            let _ = read_table_bytes(&bytes, TableFormat::Xlsx, "x.xlsx", None);
            if let Ok(table) = read_table_bytes(&bytes, TableFormat::Delimited, "x.csv", None) {
                let mut mapping = ColumnMapping::detect(&table.headers);
                mapping.set_field(0, Some(Field::Name));
                if let Ok(plan) = plan_import(&Document::default(), &table, &mapping) {
                    let mut editor = Editor::new(Document::default());
                    prop_assert!(editor.apply(plan.command).is_ok());
                    prop_assert!(validate(editor.document()).is_empty());
                }
            }
        }

        #[test]
        fn our_reader_agrees_with_the_csv_crate((text, delimiter) in csv_text()) {
            prop_assert_eq!(ours(&text).unwrap_or_default(), reference(&text, delimiter));
        }

        #[test]
        fn random_imports_apply_validate_and_undo(doc in document(), table in table()) {
            let mapping = ColumnMapping::detect(&table.headers);
            let plan = plan_import(&doc, &table, &mapping).unwrap();
            let summary = plan.summary.clone();
            let mut editor = Editor::new(doc.clone());
            editor.apply(plan.command).unwrap();
            let after = editor.document().clone();
            prop_assert!(validate(&after).is_empty(), "{:?}", validate(&after));
            prop_assert_eq!(after.stakeholders.len(), doc.stakeholders.len() + summary.added);
            prop_assert_eq!(
                after.relationships.len(),
                doc.relationships.len() + summary.lines_added
            );
            // Everything placed before stays put; every new person is placed.
            for (before, now) in doc.stakeholders.iter().zip(&after.stakeholders) {
                prop_assert_eq!(before.position, now.position);
            }
            prop_assert!(after.stakeholders[doc.stakeholders.len()..].iter().all(|s| s.position.is_some()));
            // Importing again adds nobody.
            let again = plan_import(&after, &table, &mapping).unwrap();
            prop_assert_eq!(again.summary.added, 0);
            editor.undo().unwrap();
            prop_assert_eq!(editor.document(), &doc);
        }
    }
}
