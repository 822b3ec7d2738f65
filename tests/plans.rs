//! Plans per role in a bilingual team: only what the team wrote is stored, marked
//! with its language; the playbook fills the rest in the reader's language; older
//! files load and keep their bytes; reports say when a part is in the other language.

use powermap::analysis::playbook::playbook_text;
use powermap::edit::{Command, Editor};
use powermap::export::{ExportFormat, ExportOptions, export};
use powermap::format::{from_bytes, to_bytes};
use powermap::lang::Language;
use powermap::model::{Date, Document, Plan, PlanPart, PlanText, Role, TeamMember};
use proptest::prelude::*;

fn load(json: &str) -> Result<Document, String> {
    from_bytes(json.as_bytes()).map_err(|e| e.to_string())
}

fn with_plans(plans: &str) -> String {
    format!(
        "{{\"format\":\"powermap\",\"version\":1,\"team\":[{{\"id\":\"t-li\",\"name\":\"李明\"}}],\"plans\":{plans}}}"
    )
}

fn report(doc: &Document, format: ExportFormat, language: Language) -> String {
    let options = ExportOptions {
        redact: false,
        language,
        today: Date::from_ymd(2026, 11, 29).unwrap(),
        view: None,
    };
    String::from_utf8(export(doc, format, &options).unwrap()).unwrap()
}

#[test]
fn a_marked_plan_holds_only_what_the_team_wrote() {
    let json = with_plans(
        r#"{"decision_maker": {"objective": "让总经理认可项目的投资回报", "cadence": "", "lead": "t-li",
            "written_in": {"objective": "zh", "cadence": "en"}, "budget_owner": true}}"#,
    );
    let doc = load(&json).unwrap();
    let plan = &doc.plans[&Role::DecisionMaker];
    assert_eq!(
        plan.objective,
        Some(PlanText::new(
            "让总经理认可项目的投资回报",
            Language::Chinese
        ))
    );
    assert_eq!(plan.cadence, Some(PlanText::new("", Language::English)));
    assert_eq!(plan.key_messages, None, "absent: follows the playbook");
    assert!(plan.extra.contains_key("budget_owner"));
    // Written canonically: the parts the team wrote (also empty), the lead, the
    // marker, then unknown fields; read back the same.
    let bytes = to_bytes(&doc);
    let text = String::from_utf8(bytes.clone()).unwrap();
    let expected = r#"    "decision_maker": {
      "objective": "让总经理认可项目的投资回报",
      "cadence": "",
      "lead": "t-li",
      "written_in": {
        "objective": "zh",
        "cadence": "en"
      },
      "budget_owner": true
    }"#;
    assert!(text.contains(expected), "{text}");
    assert_eq!(from_bytes(&bytes).unwrap(), doc);
    assert_eq!(to_bytes(&from_bytes(&bytes).unwrap()), bytes);
}

#[test]
fn an_unmarked_plan_reads_and_writes_as_before() {
    let json =
        with_plans(r#"{"blocker": {}, "champion": {"objective": "Keep our coach informed"}}"#);
    let doc = load(&json).unwrap();
    let champion = &doc.plans[&Role::Champion];
    for part in PlanPart::ALL {
        let written = champion.part(part).unwrap();
        assert_eq!(written.language, None);
    }
    assert_eq!(champion.evidence.as_ref().unwrap().text, "");
    let text = String::from_utf8(to_bytes(&doc)).unwrap();
    assert!(text.contains("\"blocker\": {}"), "{text}");
    assert!(
        text.contains("\"champion\": {\n      \"objective\": \"Keep our coach informed\"\n    }"),
        "{text}"
    );
    assert!(!text.contains("written_in"));
}

#[test]
fn a_wrong_marker_is_refused_with_the_place() {
    for (plans, message) in [
        (
            r#"{"champion": {"objective": "x", "written_in": {"evidence": "zh"}}}"#,
            "plan \"champion\", field \"written_in.evidence\": names a part the plan does not have: evidence",
        ),
        (
            r#"{"champion": {"objective": "x", "written_in": {"objective": "fr"}}}"#,
            "plan \"champion\", field \"written_in.objective\": must be \"en\" or \"zh\", found \"fr\"",
        ),
        (
            r#"{"champion": {"lead": "t-li", "written_in": {"lead": "en"}}}"#,
            "field \"written_in.lead\": is not a part of a plan; use objective, key_messages, evidence, channels, cadence",
        ),
        (
            r#"{"champion": {"written_in": "zh"}}"#,
            "plan \"champion\", field \"written_in\": must be an object, found text",
        ),
    ] {
        let err = load(&with_plans(plans)).unwrap_err();
        assert!(err.contains(message), "{err}");
    }
}

/// A plan edited part by part, as the Plans tab does: only the edited part.
fn edited(role: Role, part: PlanPart, text: &str, language: Language) -> Command {
    let mut plan = Plan::default();
    *plan.part_mut(part) = Some(PlanText::new(text, language));
    Command::SetPlan {
        role,
        plan: Some(Box::new(plan)),
    }
}

#[test]
fn the_english_report_keeps_the_playbook_english_and_says_what_is_chinese() {
    let mut editor = Editor::new(Document::default());
    editor
        .apply(edited(
            Role::Gatekeeper,
            PlanPart::Channels,
            "• 每两周给林助理打一次电话",
            Language::Chinese,
        ))
        .unwrap();
    let doc = editor.document();
    let html = report(doc, ExportFormat::Html, Language::English);
    let markdown = report(doc, ExportFormat::Markdown, Language::English);
    // The team's Chinese line, marked as such; every other part in English.
    assert!(html.contains("<dt>Channels <span class=\"playbook\">(written in Chinese)</span></dt><dd><bdi>• 每两周给林助理打一次电话</bdi></dd>"), "{html}");
    assert!(
        markdown.contains("**Channels** *(written in Chinese)*"),
        "{markdown}"
    );
    for part in [
        PlanPart::Objective,
        PlanPart::KeyMessages,
        PlanPart::Evidence,
        PlanPart::Cadence,
    ] {
        let english = playbook_text(Role::Gatekeeper, part, Language::English);
        let first_line = english.lines().next().unwrap();
        assert!(markdown.contains(first_line), "{part:?}");
        let chinese = playbook_text(Role::Gatekeeper, part, Language::Chinese);
        assert!(
            !markdown.contains(chinese.lines().next().unwrap()),
            "{part:?} in Chinese"
        );
    }
    assert!(markdown.contains("**Objective** *(from the playbook)*"));
    // Plans are reported for the roles on the map and those the team wrote a plan
    // for; this map has nobody, so the untouched champion plan is left out.
    assert!(!markdown.contains("### Champion"), "{markdown}");
    // The Chinese report says nothing about the Chinese part, and its playbook is Chinese.
    let zh = report(doc, ExportFormat::Markdown, Language::Chinese);
    assert!(zh.contains("**沟通渠道**\n"), "{zh}");
    assert!(zh.contains("**目标** *（内置打法）*"), "{zh}");
    assert!(!zh.contains("中文撰写"));
    let objective = playbook_text(Role::Gatekeeper, PlanPart::Objective, Language::Chinese);
    assert!(zh.contains(objective.lines().next().unwrap()));
}

#[test]
fn a_whole_plan_saved_by_an_older_version_reports_in_the_readers_language() {
    // What an older version saved after one line of the champion plan was edited in
    // the Chinese app: every part, in Chinese, unmarked.
    let role = Role::Champion;
    let mut plan = serde_json::Map::new();
    for part in PlanPart::ALL {
        plan.insert(
            part.as_str().to_owned(),
            playbook_text(role, part, Language::Chinese).into(),
        );
    }
    plan.insert("cadence".to_owned(), "每周一次电话沟通".into());
    let json = with_plans(&serde_json::json!({ "champion": plan }).to_string());
    let doc = load(&json).unwrap();
    let markdown = report(&doc, ExportFormat::Markdown, Language::English);
    let english = playbook_text(role, PlanPart::KeyMessages, Language::English);
    assert!(
        markdown.contains(english.lines().next().unwrap()),
        "{markdown}"
    );
    assert!(
        markdown.contains("**Cadence** *(written in Chinese)*"),
        "{markdown}"
    );
    assert!(markdown.contains("每周一次电话沟通"));
}

#[test]
fn a_lead_alone_keeps_every_part_with_the_playbook() {
    let mut doc = Document::default();
    doc.team.push(TeamMember::new("t-li", "李明"));
    let plan = Plan {
        lead: Some(powermap::model::TeamMemberId::new("t-li")),
        ..Plan::default()
    };
    doc.plans.insert(Role::DecisionMaker, plan);
    let text = String::from_utf8(to_bytes(&doc)).unwrap();
    assert!(
        text.contains(
            "\"decision_maker\": {\n      \"lead\": \"t-li\",\n      \"written_in\": {}\n    }"
        ),
        "{text}"
    );
    assert_eq!(from_bytes(text.as_bytes()).unwrap(), doc);
    let markdown = report(&doc, ExportFormat::Markdown, Language::Chinese);
    assert!(markdown.contains("**牵头人**\n\n李明"), "{markdown}");
}

fn part_text() -> impl Strategy<Value = Option<PlanText>> {
    prop::option::of((
        "[a-z张伟 \n•]{0,12}",
        prop::option::of(prop::sample::select(Language::ALL.to_vec())),
    ))
    .prop_map(|p| p.map(|(text, language)| PlanText { text, language }))
}

proptest! {
    #[test]
    fn plans_survive_saving_and_loading(parts in prop::collection::vec(part_text(), 5)) {
        let mut plan = Plan::default();
        for (part, text) in PlanPart::ALL.iter().zip(parts) {
            *plan.part_mut(*part) = text;
        }
        let mut doc = Document::default();
        doc.plans.insert(Role::Influencer, plan.clone());
        let back = from_bytes(&to_bytes(&doc)).unwrap();
        let read = &back.plans[&Role::Influencer];
        if plan.is_unmarked() {
            // Unmarked plans are written as before: an empty part reads back empty.
            for part in PlanPart::ALL {
                prop_assert_eq!(read.part(part), plan.part(part));
            }
        } else {
            prop_assert_eq!(read, &plan);
        }
        prop_assert_eq!(to_bytes(&back), to_bytes(&doc));
    }
}
