//! The interaction log (互动记录): read and written canonically (newest first),
//! reported with clear paths when wrong, kept through merges (both sides' new
//! entries, none dropped), shown by `diff`, redacted, and summed up in reports.

use std::collections::HashMap;

use proptest::prelude::*;
use serde_json::{Value, json};

use powermap::export::{ExportFormat, ExportOptions, export, redacted};
use powermap::format::{LoadError, from_bytes, to_bytes};
use powermap::lang::Language;
use powermap::model::{
    Date, Document, Interaction, InteractionKind, Stakeholder, Stance, TeamMember, TeamMemberId,
};
use powermap::sync::diff::{semantic_diff, to_text};
use powermap::sync::merge_documents;

fn date(text: &str) -> Date {
    text.parse().expect("a date")
}

fn entry(day: &str, kind: InteractionKind, summary: &str) -> Interaction {
    Interaction::new(date(day), kind, summary)
}

/// A map with our team (t1, t2) and two people, the first with a log.
fn map() -> Document {
    let mut doc = Document::default();
    doc.team.push(TeamMember::new("t1", "李明"));
    doc.team.push(TeamMember::new("t2", "Anna"));
    let mut wang = Stakeholder::new("p-wang", "王立新");
    let mut first = entry("2026-08-02", InteractionKind::Meeting, "首次见面，谈了预算");
    first.by = Some(TeamMemberId::new("t1"));
    first.stance = Some(Stance::Neutral);
    let mut second = entry(
        "2026-10-15",
        InteractionKind::Call,
        "Asked for a reference visit",
    );
    second.stance = Some(Stance::Supporter);
    wang.interactions = vec![second, first];
    doc.stakeholders.push(wang);
    doc.stakeholders.push(Stakeholder::new("p-zhou", "周振华"));
    doc
}

fn problems(value: &Value) -> Vec<String> {
    let bytes = serde_json::to_vec(value).expect("json");
    match from_bytes(&bytes) {
        Err(LoadError::Invalid(problems)) => problems.iter().map(ToString::to_string).collect(),
        other => panic!("expected problems, got {other:?}"),
    }
}

fn file_with_log(log: Value) -> Value {
    json!({
        "format": "powermap", "version": 1,
        "team": [{"id": "t1", "name": "李明"}],
        "stakeholders": [
            {"id": "a", "name": "A"},
            {"id": "b", "name": "B", "interactions": log}
        ]
    })
}

#[test]
fn the_log_is_written_newest_first_in_a_fixed_field_order_and_reads_back() {
    let doc = map();
    let bytes = to_bytes(&doc);
    let text = String::from_utf8(bytes.clone()).expect("utf-8");
    let newest = text.find("2026-10-15").expect("newest written");
    let oldest = text.find("2026-08-02").expect("oldest written");
    assert!(newest < oldest, "newest first:\n{text}");
    let value: Value = serde_json::from_slice(&bytes).expect("json");
    let logged = &value["stakeholders"][0]["interactions"][1];
    let keys: Vec<&str> = logged
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["date", "kind", "by", "summary", "stance"]);
    assert_eq!(from_bytes(&bytes).expect("loads"), doc);
    // Someone without a log has no `interactions` field: older files keep their bytes.
    assert!(value["stakeholders"][1].get("interactions").is_none());
}

#[test]
fn a_file_in_any_order_loads_newest_first_with_same_day_entries_in_file_order() {
    let file = file_with_log(json!([
        {"date": "2026-01-05", "kind": "call", "summary": "first of the day"},
        {"date": "2026-03-01", "kind": "visit"},
        {"date": "2026-01-05", "kind": "email", "summary": "second of the day"},
    ]));
    let doc = from_bytes(&serde_json::to_vec(&file).expect("json")).expect("loads");
    let log = &doc.stakeholders[1].interactions;
    let order: Vec<(String, InteractionKind)> =
        log.iter().map(|e| (e.date.to_string(), e.kind)).collect();
    assert_eq!(
        order,
        [
            ("2026-03-01".to_owned(), InteractionKind::Visit),
            ("2026-01-05".to_owned(), InteractionKind::Call),
            ("2026-01-05".to_owned(), InteractionKind::Email),
        ]
    );
    // Written and read again, nothing moves.
    assert_eq!(from_bytes(&to_bytes(&doc)).expect("loads"), doc);
}

#[test]
fn unknown_fields_of_an_entry_are_kept() {
    let file = file_with_log(json!([
        {"date": "2026-01-05", "kind": "call", "x-mood": {"score": 3}, "location": "上海"},
    ]));
    let doc = from_bytes(&serde_json::to_vec(&file).expect("json")).expect("loads");
    let written: Value = serde_json::from_slice(&to_bytes(&doc)).expect("json");
    let logged = &written["stakeholders"][1]["interactions"][0];
    assert_eq!(logged["x-mood"], json!({"score": 3}));
    assert_eq!(logged["location"], "上海");
}

#[test]
fn wrong_entries_are_reported_with_their_place_and_what_is_expected() {
    let found = problems(&file_with_log(json!([
        {"date": "2026-02-30", "kind": "call"},
        {"kind": "lunch", "summary": "x"},
        "met at the fair",
        {"date": "2026-01-05", "kind": "call", "by": "t9", "stance": "friendly"},
    ])));
    let expected = [
        r#"stakeholder "b", field "interactions[0].date": "2026-02-30" is not a calendar date"#,
        r#"stakeholder "b", field "interactions[1].date": is required"#,
        r#"stakeholder "b", field "interactions[1].kind": must be one of meeting, call, email, visit, event, other, found "lunch""#,
        r#"stakeholder "b", field "interactions[2]": must be an object, found text"#,
        r#"stakeholder "b", field "interactions[3].stance": must be one of advocate"#,
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for (problem, start) in found.iter().zip(expected) {
        assert!(problem.starts_with(start), "{problem}\nexpected {start}");
    }
    // An unknown team member is reported like an unknown owner.
    let found = problems(&file_with_log(json!([
        {"date": "2026-01-05", "kind": "call"},
        {"date": "2026-01-04", "kind": "meeting", "by": "t9"},
    ])));
    assert_eq!(
        found,
        [r#"stakeholder "b", field "interactions[1].by": no team member has the id "t9""#]
    );
    // Not a list at all.
    let found = problems(&file_with_log(json!({"date": "2026-01-05"})));
    assert_eq!(
        found,
        [r#"stakeholder "b", field "interactions": must be a list, found an object"#]
    );
}

#[test]
fn a_log_over_the_limit_is_refused_with_a_clear_problem() {
    let many: Vec<Value> = (0..=powermap::model::limits::MAX_INTERACTIONS)
        .map(|_| json!({"date": "2026-01-05", "kind": "call"}))
        .collect();
    let found = problems(&file_with_log(Value::Array(many)));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains(r#"field "interactions": holds 5001 entries, more than the limit"#),
        "{}",
        found[0]
    );
}

#[test]
fn older_files_without_a_log_load_and_save_unchanged() {
    for name in ["full.canonical.json", "minimal.canonical.json"] {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).expect("fixture");
        let doc = from_bytes(&bytes).expect("loads");
        assert!(doc.stakeholders.iter().all(|p| p.interactions.is_empty()));
        assert_eq!(to_bytes(&doc), bytes, "{name}");
    }
}

#[test]
fn redacting_leaves_the_summaries_out_and_keeps_the_trend() {
    let shared = redacted(&map());
    let log = &shared.stakeholders[0].interactions;
    assert_eq!(log.len(), 2);
    assert!(log.iter().all(|e| e.summary.is_empty()));
    assert_eq!(log[0].stance, Some(Stance::Supporter));
    // The redacted copy is a valid map.
    assert_eq!(from_bytes(&to_bytes(&shared)).expect("loads"), shared);
    let options = ExportOptions {
        redact: true,
        language: Language::English,
        today: date("2026-11-01"),
        view: None,
    };
    let report = export(&map(), ExportFormat::Markdown, &options).expect("exports");
    let report = String::from_utf8(report).expect("utf-8");
    assert!(!report.contains("reference visit"), "{report}");
    assert!(!report.contains("预算"), "{report}");
}

#[test]
fn reports_show_each_persons_trend_and_latest_contacts_in_both_languages() {
    let mut options = ExportOptions {
        redact: false,
        language: Language::English,
        today: date("2026-11-01"),
        view: None,
    };
    let md = String::from_utf8(export(&map(), ExportFormat::Markdown, &options).expect("md"))
        .expect("utf-8");
    assert!(md.contains("## Recent interactions"), "{md}");
    assert!(
        md.contains("neutral (2026-08-02) → supporter (2026-10-15)"),
        "{md}"
    );
    assert!(md.contains("2026-08-02 meeting (李明): 首次见面"), "{md}");
    options.language = Language::Chinese;
    let html = String::from_utf8(export(&map(), ExportFormat::Html, &options).expect("html"))
        .expect("utf-8");
    assert!(html.contains("近期互动"), "{html}");
    assert!(
        html.contains("中立（2026-08-02） → 支持（2026-10-15）"),
        "{html}"
    );
    assert!(html.contains("2026-10-15 电话"), "{html}");
}

#[test]
fn diff_names_each_entry_added_or_removed() {
    let old = map();
    let mut new = old.clone();
    new.stakeholders[0].interactions.remove(1);
    new.stakeholders[0].interactions.insert(
        0,
        entry("2026-11-01", InteractionKind::Visit, "Site visit with IT"),
    );
    let diff = semantic_diff(&old, &new);
    let changes: Vec<(&str, bool, bool)> = diff
        .people
        .changed
        .iter()
        .map(|c| (c.field.as_str(), c.from.is_null(), c.to.is_null()))
        .collect();
    assert_eq!(
        changes,
        [("interactions", true, false), ("interactions", false, true)]
    );
    let text = to_text(&diff, false);
    assert!(
        text.contains("interactions: — → 2026-11-01 visit: Site visit with IT"),
        "{text}"
    );
    assert!(
        text.contains("interactions: 2026-08-02 meeting (t1): 首次见面，谈了预算 [neutral] → —"),
        "{text}"
    );
    assert!(semantic_diff(&new, &new).is_empty());
}

#[test]
fn both_sides_logging_contacts_with_the_same_person_keeps_every_entry() {
    let base = map();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.stakeholders[0].interactions.insert(
        0,
        entry("2026-10-20", InteractionKind::Email, "Sent the proposal"),
    );
    ours.stakeholders[0].title = "CIO".into();
    theirs.stakeholders[0]
        .interactions
        .insert(0, entry("2026-10-18", InteractionKind::Visit, "Plant tour"));
    let merged = merge_documents(&base, &ours, &theirs).expect("merges");
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let log: Vec<&str> = merged.doc.stakeholders[0]
        .interactions
        .iter()
        .map(|e| e.summary.as_str())
        .collect();
    assert_eq!(
        log,
        [
            "Sent the proposal",
            "Plant tour",
            "Asked for a reference visit",
            "首次见面，谈了预算"
        ]
    );
    // Both sides changing the observed stance of one entry differently is a conflict
    // on that entry, not two entries.
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.stakeholders[0].interactions[0].stance = Some(Stance::Advocate);
    theirs.stakeholders[0].interactions[0].stance = Some(Stance::Skeptic);
    let merged = merge_documents(&base, &ours, &theirs).expect("merges");
    assert_eq!(merged.doc.stakeholders[0].interactions.len(), 2);
    let paths: Vec<&str> = merged.conflicts.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        paths,
        ["stakeholders[p-wang].interactions[2026-10-15 call].stance"]
    );
}

/// One entry drawn from a small pool, so that sides often log the same contact.
fn logged() -> impl Strategy<Value = Interaction> {
    (
        0u8..6,
        prop::sample::select(InteractionKind::ALL.to_vec()),
        prop::option::of(prop_oneof![Just("t1"), Just("t2")]),
        prop_oneof![Just(""), Just("预算"), Just("demo"), Just("lunch")],
        prop::option::of(prop::sample::select(Stance::ALL.to_vec())),
    )
        .prop_map(|(day, kind, by, summary, stance)| {
            let mut e = Interaction::new(
                Date::from_ymd(2026, 5, 1 + day).expect("a date"),
                kind,
                summary,
            );
            e.by = by.map(TeamMemberId::new);
            e.stance = stance;
            e
        })
}

/// A side: some base entries kept (by a mask), some new ones added.
fn side(base: &[Interaction], keep: &[bool], added: Vec<Interaction>) -> Vec<Interaction> {
    let mut log: Vec<Interaction> = base
        .iter()
        .zip(keep.iter().chain(std::iter::repeat(&true)))
        .filter(|(_, keep)| **keep)
        .map(|(e, _)| e.clone())
        .collect();
    log.extend(added);
    powermap::model::sort_newest_first(&mut log);
    log
}

fn with_log(log: Vec<Interaction>) -> Document {
    let mut doc = map();
    doc.stakeholders[1].interactions = log;
    // Canonical, as read from a file.
    from_bytes(&to_bytes(&doc)).expect("loads")
}

fn counts(log: &[Interaction]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for e in log {
        *counts.entry(format!("{e:?}")).or_insert(0) += 1;
    }
    counts
}

/// How many entries of each identity (date, kind, who, summary) a log holds.
fn identities(log: &[Interaction]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for e in log {
        *counts.entry(format!("{:?}", e.identity())).or_insert(0) += 1;
    }
    counts
}

proptest! {
    #[test]
    fn any_log_round_trips_and_is_written_canonically(log in prop::collection::vec(logged(), 0..12)) {
        let mut doc = map();
        doc.stakeholders[1].interactions = log;
        let bytes = to_bytes(&doc);
        let read = from_bytes(&bytes).expect("loads");
        prop_assert_eq!(to_bytes(&read), bytes);
        let read_log = &read.stakeholders[1].interactions;
        prop_assert_eq!(counts(read_log), counts(&doc.stakeholders[1].interactions));
        prop_assert!(read_log.windows(2).all(|w| w[0].date >= w[1].date));
    }

    #[test]
    fn merging_never_drops_an_entry_either_side_added_or_both_kept(
        base in prop::collection::vec(logged(), 0..8),
        keep_ours in prop::collection::vec(any::<bool>(), 8),
        keep_theirs in prop::collection::vec(any::<bool>(), 8),
        added_ours in prop::collection::vec(logged(), 0..4),
        added_theirs in prop::collection::vec(logged(), 0..4),
    ) {
        let base_doc = with_log(base.clone());
        let base = base_doc.stakeholders[1].interactions.clone();
        let ours_doc = with_log(side(&base, &keep_ours, added_ours));
        let theirs_doc = with_log(side(&base, &keep_theirs, added_theirs));
        let merged = merge_documents(&base_doc, &ours_doc, &theirs_doc).expect("merges");
        let merged_doc_log = &merged.doc.stakeholders[1].interactions;
        let ours_log = &ours_doc.stakeholders[1].interactions;
        let theirs_log = &theirs_doc.stakeholders[1].interactions;
        let merged_log = identities(merged_doc_log);
        let (b, o, t) = (identities(&base), identities(ours_log), identities(theirs_log));
        for (key, &n) in o.iter().chain(t.iter()) {
            let in_base = b.get(key).copied().unwrap_or(0);
            let kept_by_both = o.get(key).copied().unwrap_or(0).min(t.get(key).copied().unwrap_or(0));
            // What a side added beyond the ancestor, and what both sides kept.
            let needed = n.saturating_sub(in_base).max(kept_by_both.min(in_base));
            prop_assert!(
                merged_log.get(key).copied().unwrap_or(0) >= needed,
                "{key} appears fewer than {needed} times"
            );
        }
        // An entry a side added that is not in the result as it is met the same
        // contact logged on the other side: merged field by field, so the stance it
        // observed is there, or both observed different ones, a recorded conflict.
        let present = counts(merged_doc_log);
        let conflicted = merged.conflicts.iter().any(|c| c.path.contains(".interactions["));
        for added in ours_log.iter().chain(theirs_log).filter(|e| !base.contains(e)) {
            if !present.contains_key(&format!("{added:?}")) {
                let kept = merged_doc_log.iter().any(|m| {
                    m.identity() == added.identity()
                        && (added.stance.is_none() || m.stance == added.stance || conflicted)
                });
                prop_assert!(kept, "{added:?} lost");
            }
        }
        // Merging with an unchanged side gives the other side.
        let same = merge_documents(&base_doc, &ours_doc, &base_doc).expect("merges");
        prop_assert_eq!(&same.doc, &ours_doc);
        prop_assert!(same.conflicts.is_empty());
    }
}

fn analysis_of(doc: &Document, today: &str, language: Language) -> powermap::analysis::Analysis {
    powermap::analysis::analyze(
        doc,
        &powermap::analysis::AnalysisOptions::new(date(today), language),
    )
}

fn worsened(analysis: &powermap::analysis::Analysis) -> Vec<&powermap::analysis::Risk> {
    analysis
        .risks
        .iter()
        .filter(|r| r.code == powermap::analysis::RiskCode::StanceWorsened)
        .collect()
}

/// 王立新, power 4, observed as a supporter, then a skeptic.
fn cooling(first: &str, second: &str) -> Document {
    let mut doc = map();
    let wang = &mut doc.stakeholders[0];
    wang.power = powermap::model::Power::new(4).expect("a power");
    let mut warm = entry(first, InteractionKind::Meeting, "liked the demo");
    warm.stance = Some(Stance::Supporter);
    let mut cold = entry(second, InteractionKind::Call, "worried about the price");
    cold.stance = Some(Stance::Skeptic);
    wang.interactions = vec![cold, warm];
    doc
}

#[test]
fn a_stance_that_worsened_within_the_window_is_a_risk_named_in_both_languages() {
    let doc = cooling("2026-09-01", "2026-10-15");
    let english = analysis_of(&doc, "2026-11-01", Language::English);
    let found = worsened(&english);
    assert_eq!(found.len(), 1, "{:?}", english.risks);
    let risk = found[0];
    assert_eq!(risk.people, [0]);
    assert_eq!(
        risk.severity,
        powermap::analysis::Severity::High,
        "a key player"
    );
    assert!(
        risk.message.contains(
            "王立新 has cooled towards us: supporter on 2026-09-01, skeptic on 2026-10-15"
        ),
        "{}",
        risk.message
    );
    assert!(risk.action.contains("meet 王立新"), "{}", risk.action);
    let chinese = analysis_of(&doc, "2026-11-01", Language::Chinese);
    let risk = worsened(&chinese)[0];
    assert!(
        risk.message
            .contains("王立新对我方的态度转差：2026-09-01还是“支持”，2026-10-15已是“怀疑”"),
        "{}",
        risk.message
    );
    assert!(risk.action.contains("约王立新面谈"), "{}", risk.action);
    assert_eq!(
        powermap::analysis::RiskCode::StanceWorsened.title(Language::Chinese),
        "态度转差"
    );
}

#[test]
fn no_risk_when_the_stance_improved_stayed_or_fell_before_the_window() {
    // Improved: skeptic, then supporter.
    let mut doc = cooling("2026-10-15", "2026-09-01");
    assert!(worsened(&analysis_of(&doc, "2026-11-01", Language::English)).is_empty());
    // The better stance was observed long before the window (90 days).
    doc = cooling("2026-01-10", "2026-10-15");
    assert!(worsened(&analysis_of(&doc, "2026-11-01", Language::English)).is_empty());
    // A later observation without a stance does not hide the fall; a later
    // recovery ends it.
    doc = cooling("2026-09-01", "2026-10-15");
    doc.stakeholders[0]
        .interactions
        .insert(0, entry("2026-10-20", InteractionKind::Email, "no stance"));
    assert_eq!(
        worsened(&analysis_of(&doc, "2026-11-01", Language::English)).len(),
        1
    );
    let mut back = entry("2026-10-25", InteractionKind::Visit, "won back");
    back.stance = Some(Stance::Advocate);
    doc.stakeholders[0].interactions.insert(0, back);
    assert!(worsened(&analysis_of(&doc, "2026-11-01", Language::English)).is_empty());
}

#[test]
fn reports_say_what_changed_since_the_last_review_with_from_and_to() {
    use powermap::sync::review::{Review, mark_reviewed};
    let mut editor = powermap::edit::Editor::new(map());
    // No review: no section.
    let options = |language| ExportOptions {
        redact: false,
        language,
        today: date("2026-11-01"),
        view: None,
    };
    let md = |doc: &Document, language| {
        String::from_utf8(export(doc, ExportFormat::Markdown, &options(language)).expect("md"))
            .expect("utf-8")
    };
    assert!(!md(editor.document(), Language::English).contains("Changes since the review"));
    let review = Review::of(editor.document(), date("2026-10-15"), "李明", "");
    editor
        .apply(mark_reviewed(editor.document(), &review))
        .expect("marks");
    let mut doc = editor.document().clone();
    doc.stakeholders[0].stance = Stance::Advocate;
    doc.stakeholders[0].owner = Some(TeamMemberId::new("t2"));
    doc.stakeholders.retain(|p| p.id.as_str() != "p-zhou");
    doc.stakeholders.push(Stakeholder::new("p-li", "李娜"));
    // Saved and read back: the review lives in the file.
    let doc = from_bytes(&to_bytes(&doc)).expect("loads");
    let english = md(&doc, Language::English);
    assert!(
        english.contains("## Changes since the review of 2026-10-15"),
        "{english}"
    );
    assert!(english.contains("- Added: 李娜"), "{english}");
    assert!(english.contains("- Removed: 周振华"), "{english}");
    assert!(
        english.contains("- 王立新: stance unknown → advocate; owner — → Anna"),
        "{english}"
    );
    let chinese = md(&doc, Language::Chinese);
    assert!(
        chinese.contains("## 自 2026-10-15 评审以来的变化"),
        "{chinese}"
    );
    assert!(
        chinese.contains("王立新：态度 未知 → 力挺；负责人 — → Anna"),
        "{chinese}"
    );
}

#[test]
fn once_reviewed_a_stance_below_the_one_the_review_recorded_is_a_risk() {
    use powermap::sync::review::{Review, mark_reviewed};
    // At the review, 王立新 was an advocate; the first contact after it finds a
    // skeptic, though the log never recorded the advocate.
    let mut doc = map();
    doc.stakeholders[0].interactions.clear();
    doc.stakeholders[0].stance = Stance::Advocate;
    let mut editor = powermap::edit::Editor::new(doc);
    let review = Review::of(editor.document(), date("2026-06-01"), "", "");
    editor
        .apply(mark_reviewed(editor.document(), &review))
        .expect("marks");
    let mut doc = editor.document().clone();
    let mut cold = entry("2026-07-01", InteractionKind::Call, "price");
    cold.stance = Some(Stance::Skeptic);
    doc.stakeholders[0].interactions.push(cold);
    // Long after the staleness window: the review sets the reference.
    let analysis = analysis_of(&doc, "2026-12-01", Language::English);
    let found = worsened(&analysis);
    assert_eq!(found.len(), 1, "{:?}", analysis.risks);
    assert!(
        found[0]
            .message
            .contains("advocate on 2026-06-01, skeptic on 2026-07-01"),
        "{}",
        found[0].message
    );
    // A fall observed before the review is not news since it.
    let mut doc = editor.document().clone();
    let mut warm = entry("2026-05-01", InteractionKind::Call, "warm");
    warm.stance = Some(Stance::Advocate);
    let mut cold = entry("2026-05-20", InteractionKind::Call, "cold");
    cold.stance = Some(Stance::Skeptic);
    doc.stakeholders[0].interactions = vec![cold, warm];
    assert!(worsened(&analysis_of(&doc, "2026-06-02", Language::English)).is_empty());
}
