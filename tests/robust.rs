//! Large and hostile inputs that once took quadratic time or left the canvas: maps
//! with thousands of id-less lines or reporting cycles, deep chains in reports and
//! imports, cycles in contact lists; and new people placed near their manager.
//! No timing is asserted (see docs/PERFORMANCE.md for the numbers): these tests
//! check the results, which the quadratic versions took minutes to reach.

use std::collections::HashMap;

use powermap::analysis::{AnalysisOptions, MAX_PATHS, analyze, report};
use powermap::edit::Editor;
use powermap::format::{LoadError, from_bytes};
use powermap::import::{
    ColumnMapping, ImportPlan, RowIssueKind, TableFormat, plan_import, read_table_bytes,
};
use powermap::lang::Language;
use powermap::model::limits::MAX_COORDINATE;
use powermap::model::{
    Coverage, Date, Document, Position, Relationship, RelationshipKind, Role, Stakeholder, Stance,
    validate,
};
use serde_json::json;

fn map(people: &[serde_json::Value], lines: &[serde_json::Value]) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "format": "powermap",
        "version": 1,
        "stakeholders": people,
        "relationships": lines,
    }))
    .unwrap()
}

fn person(id: &str) -> serde_json::Value {
    json!({"id": id, "name": id})
}

fn plan_csv(doc: &Document, csv: &str) -> ImportPlan {
    let table = read_table_bytes(csv.as_bytes(), TableFormat::Delimited, "c.csv", None).unwrap();
    plan_import(doc, &table, &ColumnMapping::detect(&table.headers)).unwrap()
}

fn apply(doc: &Document, plan: ImportPlan) -> Document {
    let mut editor = Editor::new(doc.clone());
    editor.apply(plan.command).unwrap();
    editor.document().clone()
}

#[test]
fn forty_thousand_identical_lines_without_ids_get_consecutive_ids() {
    let line = json!({"from": "a", "to": "b", "kind": "influences"});
    let bytes = map(&[person("a"), person("b")], &vec![line; 40_000]);
    let doc = from_bytes(&bytes).unwrap();
    assert_eq!(doc.relationships[0].id.as_str(), "a-influences-b");
    assert_eq!(doc.relationships[1].id.as_str(), "a-influences-b-2");
    assert_eq!(
        doc.relationships[39_999].id.as_str(),
        "a-influences-b-40000"
    );
}

#[test]
fn thousands_of_reporting_cycles_are_reported_in_bounded_messages() {
    // p0 → p1 → … → p4999, and p4999 reports to every one of them: 5,000 cycles,
    // the longest through 5,000 people.
    let n = 5_000;
    let people: Vec<_> = (0..n).map(|i| person(&format!("p{i}"))).collect();
    let mut lines: Vec<_> = (0..n - 1)
        .map(|i| json!({"id": format!("c{i}"), "from": format!("p{i}"), "to": format!("p{}", i + 1), "kind": "reports_to"}))
        .collect();
    lines.extend((0..n - 1).map(|i| {
        json!({"id": format!("b{i}"), "from": format!("p{}", n - 1), "to": format!("p{i}"), "kind": "reports_to"})
    }));
    let Err(LoadError::Invalid(problems)) = from_bytes(&map(&people, &lines)) else {
        panic!("a map with cycles is invalid");
    };
    let cycles: Vec<&String> = problems
        .iter()
        .map(|p| &p.message)
        .filter(|m| m.contains("form a cycle"))
        .collect();
    assert_eq!(cycles.len(), n - 1);
    assert!(cycles.iter().all(|m| m.len() < 300), "messages stay short");
    assert!(
        cycles.iter().any(|m| m.contains("(5000 people)")),
        "the longest cycle is named by its size"
    );
}

#[test]
fn a_reporting_chain_of_100000_is_analysed_in_linear_time() {
    let n = 100_000;
    let mut doc = Document::default();
    for i in 0..n {
        doc.stakeholders
            .push(Stakeholder::new(format!("p{i}"), format!("P{i}")));
    }
    if let Some(top) = doc.stakeholders.first_mut() {
        top.title = "总经理".into();
    }
    for i in 1..n {
        doc.relationships.push(Relationship::new(
            format!("r{i}"),
            format!("p{i}"),
            format!("p{}", i - 1),
            RelationshipKind::ReportsTo,
        ));
    }
    let today = Date::from_ymd(2026, 1, 15).unwrap();
    // Quadratic steps anywhere in the analysis would make this take minutes.
    let analysis = analyze(&doc, &AnalysisOptions::new(today, Language::English));
    let top = analysis
        .decision_makers
        .first()
        .expect("the general manager at the top of the chain is a candidate");
    assert_eq!(top.person, 0);
    assert_eq!(top.kind_code(), "decider");
    assert_eq!(analysis.deciders, vec![0]);
    assert_eq!(analysis.ranking.len(), n);
}

#[test]
fn thousands_of_decision_makers_along_a_chain_get_a_bounded_number_of_paths() {
    // Everyone is a decision maker we have met, neutral so far; the only
    // supporter is at the bottom of a chain of 5,000, so every path runs along
    // the chain.
    let n = 5_000;
    let mut doc = Document::default();
    for i in 0..n {
        let mut person = Stakeholder::new(format!("p{i}"), format!("P{i}"));
        person.role = Role::DecisionMaker;
        person.stance = Stance::Neutral;
        person.coverage = Coverage::InDepth;
        doc.stakeholders.push(person);
    }
    if let Some(last) = doc.stakeholders.last_mut() {
        last.role = Role::Champion;
    }
    for i in 1..n {
        doc.relationships.push(Relationship::new(
            format!("r{i}"),
            format!("p{i}"),
            format!("p{}", i - 1),
            RelationshipKind::ReportsTo,
        ));
    }
    let today = Date::from_ymd(2026, 1, 15).unwrap();
    let analysis = analyze(&doc, &AnalysisOptions::new(today, Language::English));
    assert_eq!(analysis.deciders.len(), n - 1);
    assert_eq!(analysis.paths.len(), MAX_PATHS);
    // The first decision maker is at the far end of the chain from the champion.
    assert_eq!(analysis.paths[0].people.len(), n);
    let text = report::to_text(&doc, &analysis, false);
    assert!(text.len() < 2_000_000, "{} bytes", text.len());
}

/// A contact list where person i reports to person i - 1.
fn chain_csv(n: usize) -> String {
    let mut csv = String::from("Name,Email,Reports To\n");
    for i in 0..n {
        let boss = if i == 0 {
            String::new()
        } else {
            format!("p{}@x.example", i - 1)
        };
        csv.push_str(&format!("P{i},p{i}@x.example,{boss}\n"));
    }
    csv
}

#[test]
fn a_reporting_chain_of_70000_imports_within_the_coordinate_limits() {
    // 70,000 levels of 160 px would reach 11,200,000 px, beyond the limit.
    let doc = apply(
        &Document::default(),
        plan_csv(&Document::default(), &chain_csv(70_000)),
    );
    assert_eq!(doc.stakeholders.len(), 70_000);
    assert_eq!(doc.relationships.len(), 69_999);
    assert!(doc.stakeholders.iter().all(|s| {
        s.position
            .is_some_and(|p| p.x.abs() <= MAX_COORDINATE && p.y.abs() <= MAX_COORDINATE)
    }));
    assert_eq!(validate(&doc), vec![]);
}

#[test]
fn a_contact_list_that_is_one_long_cycle_loses_one_line() {
    // P0 reports to P20000, who is at the end of a chain starting at P0.
    let n = 20_000;
    let mut csv = format!("Name,Email,Reports To\nP0,p0@x.example,p{n}@x.example\n");
    for i in 1..=n {
        csv.push_str(&format!("P{i},p{i}@x.example,p{}@x.example\n", i - 1));
    }
    let plan = plan_csv(&Document::default(), &csv);
    assert_eq!(plan.summary.lines_added, n);
    let cycles: Vec<_> = plan
        .summary
        .issues
        .iter()
        .filter(|i| matches!(i.kind, RowIssueKind::Cycle { .. }))
        .collect();
    assert_eq!(cycles.len(), 1);
    // The last row closes the cycle.
    assert_eq!(cycles[0].row, n + 2);
    let doc = apply(&Document::default(), plan);
    assert_eq!(validate(&doc), vec![]);
}

#[test]
fn new_people_are_placed_below_their_manager_on_the_map() {
    let mut doc = Document::default();
    let mut boss = Stakeholder::new("m", "Margaret Chen");
    boss.position = Some(Position::new(2_000.0, 400.0));
    doc.stakeholders.push(boss);
    let mut other = Stakeholder::new("o", "Omar");
    other.position = Some(Position::new(-3_000.0, 5_000.0));
    doc.stakeholders.push(other);
    let csv = "Name,Reports To\nAnn Lee,Margaret Chen\nBo Lin,Ann Lee\nCy Wu,Ann Lee\nDee,\n";
    let doc = apply(&doc, plan_csv(&doc, csv));
    let at: HashMap<&str, Position> = doc
        .stakeholders
        .iter()
        .map(|s| (s.name.as_str(), s.position.unwrap()))
        .collect();
    // Ann right below Margaret, her reports below her.
    assert_eq!(at["Ann Lee"], Position::new(2_000.0, 400.0 + 160.0));
    assert_eq!(at["Bo Lin"].y, at["Ann Lee"].y + 160.0);
    assert_eq!(at["Ann Lee"].x, (at["Bo Lin"].x + at["Cy Wu"].x) / 2.0);
    // Someone without a manager goes below everyone, as before.
    assert!(at["Dee"].y > 5_000.0);
    assert_eq!(validate(&doc), vec![]);
}
