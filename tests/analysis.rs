//! Decision-chain analysis on crafted maps whose right answers are known, and the
//! report on every sample.

use powermap::analysis::report::{to_json, to_text};
use powermap::analysis::{
    AnalysisOptions, HealthLevel, RiskCode, Severity, analyze, approach::approach,
};
use powermap::lang::Language;
use powermap::model::{
    Coverage, Date, Document, NextAction, Power, Relationship, RelationshipKind, Role, Stage,
    Stakeholder, Stance, Strength, TeamMember, TeamMemberId,
};

fn today() -> Date {
    Date::from_ymd(2026, 11, 29).unwrap()
}

fn options() -> AnalysisOptions {
    AnalysisOptions::new(today(), Language::English)
}

/// Builds maps tersely: `person("id", role, stance, power)`.
struct Map(Document);

impl Map {
    fn new() -> Self {
        let mut doc = Document::default();
        doc.team.push(TeamMember::new("t1", "Rep"));
        Self(doc)
    }

    fn person(mut self, id: &str, role: Role, stance: Stance, power: i64) -> Self {
        let mut p = Stakeholder::new(id, id.to_uppercase());
        p.role = role;
        p.stance = stance;
        p.power = Power::new(power).unwrap();
        self.0.stakeholders.push(p);
        self
    }

    fn with(mut self, id: &str, edit: impl FnOnce(&mut Stakeholder)) -> Self {
        let p = self
            .0
            .stakeholders
            .iter_mut()
            .find(|p| p.id.as_str() == id)
            .unwrap();
        edit(p);
        self
    }

    fn line(mut self, from: &str, to: &str, kind: RelationshipKind, strength: i64) -> Self {
        let n = self.0.relationships.len();
        let mut line = Relationship::new(format!("r{n}"), from, to, kind);
        line.strength = Strength::new(strength).unwrap();
        self.0.relationships.push(line);
        self
    }

    fn stage(mut self, stage: Stage) -> Self {
        self.0.account.stage = stage;
        self
    }

    /// Everyone covered (champions in depth), owned and recently verified: no
    /// hygiene risks.
    fn tended(mut self) -> Self {
        for p in &mut self.0.stakeholders {
            p.coverage = if p.role == Champion {
                Coverage::InDepth
            } else {
                Coverage::Multiple
            };
            p.owner = Some(TeamMemberId::new("t1"));
            p.last_verified = Some(Date::from_ymd(2026, 11, 1).unwrap());
        }
        self
    }

    fn doc(self) -> Document {
        assert!(
            powermap::model::validate(&self.0).is_empty(),
            "{:?}",
            powermap::model::validate(&self.0)
        );
        self.0
    }
}

use RelationshipKind::{Ally, Conflict, Influences, ReportsTo};
use Role::{
    Blocker, Champion, DecisionMaker, EndUser, Gatekeeper, Influencer, Unknown as RoleUnknown,
};
use Stance::{Advocate, Neutral, Opponent, Skeptic, Supporter, Unknown};

fn score_of(doc: &Document, scores: &[f64], id: &str) -> f64 {
    let i = doc
        .stakeholders
        .iter()
        .position(|p| p.id.as_str() == id)
        .unwrap();
    scores[i]
}

fn risk_codes(doc: &Document) -> Vec<RiskCode> {
    analyze(doc, &options())
        .risks
        .iter()
        .map(|r| r.code)
        .collect()
}

/// A map with no risks at all: a supportive decision maker reached by our champion.
fn healthy() -> Map {
    Map::new()
        .person("ceo", DecisionMaker, Supporter, 5)
        .person("coach", Champion, Advocate, 3)
        .person("eng", EndUser, Neutral, 2)
        .line("coach", "ceo", ReportsTo, 3)
        .line("eng", "coach", ReportsTo, 2)
        .tended()
}

#[test]
fn influence_flows_up_reporting_lines_and_sums_to_one() {
    let doc = Map::new()
        .person("a", EndUser, Neutral, 3)
        .person("b", EndUser, Neutral, 3)
        .person("c", EndUser, Neutral, 3)
        .line("a", "b", ReportsTo, 2)
        .line("b", "c", ReportsTo, 2)
        .doc();
    let scores = analyze(&doc, &options()).influence;
    assert!((scores.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    let (a, b, c) = (
        score_of(&doc, &scores, "a"),
        score_of(&doc, &scores, "b"),
        score_of(&doc, &scores, "c"),
    );
    assert!(c > b && b > a, "{a} {b} {c}");
}

#[test]
fn power_is_the_prior_allies_share_and_conflicts_carry_nothing() {
    let base = Map::new()
        .person("x", Influencer, Neutral, 5)
        .person("y", Influencer, Neutral, 1)
        .person("p", Influencer, Neutral, 3)
        .person("q", Influencer, Neutral, 3);
    let doc = base.line("p", "q", Ally, 2).doc();
    let scores = analyze(&doc, &options()).influence;
    assert!(
        score_of(&doc, &scores, "x") > score_of(&doc, &scores, "y"),
        "power is the prior"
    );
    assert!(
        (score_of(&doc, &scores, "p") - score_of(&doc, &scores, "q")).abs() < 1e-12,
        "allies are symmetric"
    );
    let mut with_conflict = doc.clone();
    with_conflict
        .relationships
        .push(Relationship::new("c", "x", "y", Conflict));
    assert_eq!(analyze(&with_conflict, &options()).influence, scores);
}

#[test]
fn stronger_influence_lines_carry_more() {
    let doc = Map::new()
        .person("src", Influencer, Neutral, 3)
        .person("strong", Influencer, Neutral, 3)
        .person("weak", Influencer, Neutral, 3)
        .line("src", "strong", Influences, 3)
        .line("src", "weak", Influences, 1)
        .doc();
    let scores = analyze(&doc, &options()).influence;
    assert!(score_of(&doc, &scores, "strong") > score_of(&doc, &scores, "weak"));
}

#[test]
fn the_likely_decision_maker_is_found_before_anyone_is_tagged() {
    let doc = Map::new()
        .person("gm", RoleUnknown, Unknown, 3)
        .with("gm", |p| p.title = "总经理".into())
        .person("assistant", Gatekeeper, Neutral, 2)
        .with("assistant", |p| p.title = "总经理助理".into())
        .person("cto", Influencer, Neutral, 4)
        .with("cto", |p| p.title = "技术总监".into())
        .person("eng", EndUser, Neutral, 2)
        .with("eng", |p| p.title = "工程师".into())
        .line("assistant", "gm", ReportsTo, 3)
        .line("cto", "gm", ReportsTo, 3)
        .line("eng", "cto", ReportsTo, 2)
        .doc();
    let analysis = analyze(&doc, &options());
    let first = &analysis.decision_makers[0];
    assert_eq!(doc.stakeholders[first.person].id.as_str(), "gm");
    let reasons = first.reasons.join("; ");
    assert!(reasons.contains("top of the organisation"), "{reasons}");
    assert!(reasons.contains("decider by default"), "{reasons}");
    assert_eq!(first.kind_code(), "decider");
    assert!(
        !analysis
            .decision_makers
            .iter()
            .any(|c| doc.stakeholders[c.person].id.as_str() == "assistant")
    );
    // Nobody else comes before the general manager.
    assert!(
        analysis
            .decision_makers
            .iter()
            .skip(1)
            .all(|c| c.score < first.score)
    );
    // With nobody tagged, the likely one is treated as the decision maker.
    assert_eq!(analysis.deciders, vec![0]);
    let risk = analysis
        .risks
        .iter()
        .find(|r| r.code == RiskCode::NoDecisionMaker)
        .unwrap();
    assert!(
        risk.message.contains("GM is the most likely one"),
        "{}",
        risk.message
    );
}

#[test]
fn english_titles_count_too() {
    let doc = Map::new()
        .person("ceo", RoleUnknown, Unknown, 3)
        .with("ceo", |p| p.title = "Chief Executive Officer".into())
        .person("ea", RoleUnknown, Unknown, 3)
        .with("ea", |p| p.title = "Executive Assistant to the CEO".into())
        .doc();
    let analysis = analyze(&doc, &options());
    assert_eq!(analysis.decision_makers.len(), 1);
    assert_eq!(
        doc.stakeholders[analysis.decision_makers[0].person]
            .id
            .as_str(),
        "ceo"
    );
}

#[test]
fn a_low_power_hub_is_a_hidden_influencer() {
    let mut map = Map::new()
        .person("boss", DecisionMaker, Neutral, 5)
        .person("hub", EndUser, Neutral, 1);
    for i in 0..8 {
        let id = format!("w{i}");
        map = map
            .person(&id, EndUser, Neutral, 2)
            .line(&id, "hub", Influences, 3);
    }
    let doc = map.line("hub", "boss", ReportsTo, 2).doc();
    let analysis = analyze(&doc, &options());
    let hidden: Vec<&str> = analysis
        .hidden_influencers
        .iter()
        .map(|h| doc.stakeholders[h.person].id.as_str())
        .collect();
    assert_eq!(hidden, ["hub"]);
    assert_eq!(analysis.hidden_influencers[0].recorded_power, 1);
}

#[test]
fn a_healthy_map_has_no_risks_and_is_green() {
    let doc = healthy().doc();
    let analysis = analyze(&doc, &options());
    assert_eq!(analysis.risks, Vec::new(), "{:#?}", analysis.risks);
    assert_eq!(analysis.health.level, HealthLevel::Green);
    assert!(analysis.health.reason.contains("CEO"));
}

#[test]
fn health_is_amber_when_only_other_key_players_support_and_red_when_none_do() {
    let amber = Map::new()
        .person("ceo", DecisionMaker, Neutral, 5)
        .person("cfo", Influencer, Supporter, 4)
        .doc();
    assert_eq!(analyze(&amber, &options()).health.level, HealthLevel::Amber);
    let red = Map::new()
        .person("ceo", DecisionMaker, Neutral, 5)
        .person("eng", EndUser, Supporter, 2)
        .doc();
    let health = analyze(&red, &options()).health;
    assert_eq!(health.level, HealthLevel::Red);
    assert!(health.reason.contains("No key player"));
}

#[test]
fn every_risk_code_fires_on_its_crafted_map() {
    let cases: Vec<(RiskCode, Document)> = vec![
        (
            RiskCode::NoDecisionMaker,
            healthy().with("ceo", |p| p.role = Influencer).doc(),
        ),
        (
            RiskCode::DecisionMakerNotSupportive,
            healthy().with("ceo", |p| p.stance = Skeptic).doc(),
        ),
        (
            RiskCode::DecisionMakerStanceUnknown,
            healthy().with("ceo", |p| p.stance = Unknown).doc(),
        ),
        (
            RiskCode::NoChampion,
            healthy().with("coach", |p| p.role = Influencer).doc(),
        ),
        (
            RiskCode::PowerfulOpponent,
            healthy()
                .person("cfo", Blocker, Opponent, 5)
                .line("cfo", "ceo", ReportsTo, 2)
                .tended()
                .doc(),
        ),
        (
            RiskCode::HighPowerUnknownStance,
            healthy()
                .person("coo", Influencer, Unknown, 4)
                .line("coo", "ceo", ReportsTo, 2)
                .tended()
                .doc(),
        ),
        (
            RiskCode::SingleThreaded,
            healthy()
                .with("ceo", |p| p.coverage = Coverage::None)
                .with("eng", |p| p.coverage = Coverage::None)
                .doc(),
        ),
        (
            RiskCode::NoCoverage,
            healthy()
                .with("ceo", |p| p.coverage = Coverage::None)
                .with("eng", |p| p.coverage = Coverage::None)
                .with("coach", |p| p.coverage = Coverage::None)
                .doc(),
        ),
        (
            RiskCode::KeyPersonWithoutOwner,
            healthy().with("ceo", |p| p.owner = None).doc(),
        ),
        (
            RiskCode::StaleInformation,
            healthy()
                .with("eng", |p| p.last_verified = Date::from_ymd(2026, 8, 1))
                .doc(),
        ),
        (RiskCode::NoPathToDecisionMaker, {
            let mut doc = healthy().with("ceo", |p| p.stance = Neutral).doc();
            // Only a conflict joins our side to the decision maker: not a path.
            doc.relationships[0].kind = Conflict;
            doc
        }),
        (
            RiskCode::OverdueActions,
            healthy()
                .with("eng", |p| {
                    p.next_actions.push(NextAction {
                        text: "call".into(),
                        due: Date::from_ymd(2026, 11, 1),
                        ..Default::default()
                    })
                })
                .doc(),
        ),
    ];
    for (code, doc) in cases {
        let mut codes = risk_codes(&doc);
        assert!(codes.contains(&code), "{code:?} missing: {codes:?}");
        if code == RiskCode::NoPathToDecisionMaker {
            // A champion whose only line to the decision maker is a conflict also
            // fails the champion test: that is the same fact, seen from the champion.
            assert!(codes.contains(&RiskCode::WeakChampion), "{codes:?}");
            codes.retain(|c| *c != RiskCode::WeakChampion);
        }
        assert!(
            codes.len() <= 2,
            "{code:?}: the crafted map raises only what it shows: {codes:?}"
        );
    }
}

#[test]
fn risks_name_people_and_suggest_an_action() {
    let doc = healthy()
        .person("cfo", Blocker, Opponent, 5)
        .line("cfo", "ceo", ReportsTo, 2)
        .tended()
        .doc();
    let analysis = analyze(&doc, &options());
    let risk = analysis
        .risks
        .iter()
        .find(|r| r.code == RiskCode::PowerfulOpponent)
        .unwrap();
    assert_eq!(risk.severity, Severity::High);
    assert_eq!(risk.people, vec![3]);
    assert!(
        risk.message.contains("CFO (blocker, power 5)"),
        "{}",
        risk.message
    );
    assert!(
        risk.action.starts_with("First understand their concerns"),
        "{}",
        risk.action
    );
}

#[test]
fn staleness_follows_the_configured_limit_and_overdue_follows_the_date() {
    let doc = healthy()
        .with("eng", |p| p.last_verified = Date::from_ymd(2026, 8, 1))
        .doc();
    assert!(risk_codes(&doc).contains(&RiskCode::StaleInformation));
    let relaxed = AnalysisOptions {
        stale_after_days: 150,
        ..options()
    };
    assert!(
        !analyze(&doc, &relaxed)
            .risks
            .iter()
            .any(|r| r.code == RiskCode::StaleInformation)
    );
    let earlier = AnalysisOptions::new(Date::from_ymd(2026, 9, 1).unwrap(), Language::English);
    assert!(
        !analyze(&doc, &earlier)
            .risks
            .iter()
            .any(|r| r.code == RiskCode::StaleInformation)
    );
}

#[test]
fn the_path_to_power_prefers_strong_relationships_and_avoids_conflicts() {
    let doc = Map::new()
        .person("dm", DecisionMaker, Neutral, 5)
        .person("fan", Champion, Advocate, 2)
        .person("mid", Influencer, Neutral, 3)
        .person("foe", Influencer, Neutral, 3)
        .line("fan", "dm", Influences, 1) // weak and direct: cost 3
        .line("fan", "mid", Ally, 3) // strong, two steps: cost 2
        .line("mid", "dm", ReportsTo, 3)
        .line("fan", "foe", Conflict, 3)
        // Paths run only through people we have met.
        .tended()
        .doc();
    let analysis = analyze(&doc, &options());
    assert_eq!(analysis.paths.len(), 1);
    let names: Vec<&str> = analysis.paths[0]
        .people
        .iter()
        .map(|&i| doc.stakeholders[i].id.as_str())
        .collect();
    assert_eq!(names, ["fan", "mid", "dm"]);
    assert_eq!(analysis.paths[0].lines.len(), 2);
}

#[test]
fn the_stage_decides_the_focus() {
    let map = || {
        Map::new()
            .person("dm", DecisionMaker, Neutral, 5)
            .person("who", RoleUnknown, Unknown, 2)
            .person("doubter", Influencer, Skeptic, 4)
            .person("foe", Blocker, Opponent, 3)
    };
    let ids = |stage| {
        let doc = map().stage(stage).doc();
        let focus = analyze(&doc, &options()).focus;
        focus
            .people
            .iter()
            .map(|&i| doc.stakeholders[i].id.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(Stage::Early), ["who"]);
    assert_eq!(ids(Stage::Middle), ["dm", "doubter"]);
    assert_eq!(ids(Stage::Late), ["dm", "foe"]);
}

#[test]
fn approaches_follow_stance_role_and_stage() {
    let doc = Map::new()
        .person("dm", DecisionMaker, Neutral, 5)
        .person("fan", Champion, Advocate, 3)
        .person("doubter", Influencer, Skeptic, 4)
        .with("doubter", |p| p.concerns = "migration risk".into())
        .person("door", Gatekeeper, Neutral, 2)
        .line("fan", "dm", ReportsTo, 2)
        .stage(Stage::Late)
        .doc();
    let analysis = analyze(&doc, &options());
    let fan = approach(&doc, &analysis, 1).unwrap();
    assert!(
        fan.steps.iter().any(|s| s.contains("introduce you to DM")),
        "{:#?}",
        fan.steps
    );
    assert!(
        fan.why
            .contains("FAN: champion, advocate, power 3 of 5; the deal is in the late stage."),
        "{}",
        fan.why
    );
    let doubter = approach(&doc, &analysis, 2).unwrap().steps.join("\n");
    let (understand, data, common, senior) = (
        doubter
            .find("First understand their concerns (“migration risk”)")
            .unwrap(),
        doubter.find("data, cases and references").unwrap(),
        doubter.find("common ground").unwrap(),
        doubter
            .find("more senior sponsor or a third-party expert")
            .unwrap(),
    );
    assert!(
        understand < data && data < common && common < senior,
        "{doubter}"
    );
    let door = approach(&doc, &analysis, 3).unwrap().steps.join("\n");
    assert!(door.contains("Earn access respectfully"), "{door}");
    let dm = approach(&doc, &analysis, 0).unwrap().steps.join("\n");
    assert!(dm.contains("secure their explicit commitment"), "{dm}");
}

#[test]
fn chinese_reports_are_in_chinese() {
    let doc = healthy().with("ceo", |p| p.stance = Skeptic).doc();
    let zh = AnalysisOptions::new(today(), Language::Chinese);
    let analysis = analyze(&doc, &zh);
    assert!(
        analysis.risks[0].message.starts_with("决策者尚未支持我方"),
        "{}",
        analysis.risks[0].message
    );
    assert!(to_text(&doc, &analysis, false).contains("决策链分析"));
}

#[test]
fn the_json_report_has_the_documented_shape_and_is_deterministic() {
    let doc = healthy().with("ceo", |p| p.stance = Neutral).doc();
    let json = to_json(&doc, &analyze(&doc, &options()));
    assert_eq!(json, to_json(&doc, &analyze(&doc, &options())));
    let influence = json["influence"].as_array().unwrap();
    assert_eq!(influence.len(), 3);
    assert!(influence[0]["score"].as_f64().unwrap() >= influence[1]["score"].as_f64().unwrap());
    assert_eq!(influence[0]["id"], "ceo");
    assert!(json["decision_makers"][0]["reasons"].is_array());
    assert!(json["hidden_influencers"].is_array());
    let risk = &json["risks"][0];
    assert_eq!(risk["code"], "decision_maker_not_supportive");
    assert_eq!(risk["severity"], "medium");
    assert_eq!(risk["ids"][0], "ceo");
    assert!(risk["message"].is_string());
    assert_eq!(
        json["health"]["level"], "red",
        "the neutral CEO is the only key player"
    );
    assert!(json["health"]["reason"].is_string());
    assert_eq!(json["paths"][0]["to"], "ceo");
    assert_eq!(json["paths"][0]["ids"], serde_json::json!(["coach", "ceo"]));
}

#[test]
fn markdown_treats_user_text_as_text() {
    let doc = healthy()
        .with("ceo", |p| {
            p.name = "<script>alert(1)</script> *bold* [x](y)".into()
        })
        .doc();
    let md = to_text(&doc, &analyze(&doc, &options()), true);
    assert!(!md.contains("<script>"), "{md}");
    assert!(
        md.contains(r"\<script\>alert(1)\</script\> \*bold\* \[x\](y)"),
        "{md}"
    );
}

#[test]
fn every_sample_gets_a_sensible_report() {
    for sample in powermap::samples::SAMPLES {
        let doc = sample.document().unwrap();
        let analysis = analyze(&doc, &options());
        let tagged = doc
            .stakeholders
            .iter()
            .position(|p| p.role == DecisionMaker)
            .unwrap();
        let name = &doc.stakeholders[tagged].name;
        assert_eq!(
            analysis.decision_makers[0].person, tagged,
            "{}: the tagged decision maker ranks first",
            sample.file_name
        );
        assert!(
            !analysis.paths.is_empty(),
            "{}: a path to the decision maker",
            sample.file_name
        );
        assert_ne!(
            analysis.health.level,
            HealthLevel::Red,
            "{}",
            sample.file_name
        );
        assert_eq!(analysis.ranking.len(), doc.stakeholders.len());
        for language in [Language::English, Language::Chinese] {
            let analysis = analyze(&doc, &AnalysisOptions::new(today(), language));
            let text = to_text(&doc, &analysis, false);
            // The decision maker heads the candidates, every risk is reported with its
            // code and action, and the key people's approaches are spelled out.
            let candidates = text
                .split(if language == Language::English {
                    "Likely decision makers"
                } else {
                    "可能的决策者"
                })
                .nth(1)
                .unwrap();
            let first = candidates
                .lines()
                .find(|l| l.starts_with("- "))
                .unwrap_or_default();
            // "王立新——业务决策人，很可能拍板（95/100）：…" / "Ann — approver, … (48/100): …"
            let dash = if language == Language::English {
                " — "
            } else {
                "——"
            };
            assert!(
                first.starts_with(&format!("- {name}{dash}")),
                "{}: {first}",
                sample.file_name
            );
            // Every risk is reported with its action, and with its code for an
            // English reader; a Chinese reader gets words, never the code.
            for risk in &analysis.risks {
                assert!(
                    text.contains(&risk.message) && text.contains(&risk.action),
                    "{}: {:?}",
                    sample.file_name,
                    risk.code
                );
                assert_eq!(
                    text.contains(risk.code.as_str()),
                    language == Language::English,
                    "{}: {:?}",
                    sample.file_name,
                    risk.code
                );
            }
            let colon = if language == Language::English {
                ": "
            } else {
                "："
            };
            assert!(
                text.contains(&format!("{name}{colon}")),
                "{}: the decision maker's approach",
                sample.file_name
            );
        }
    }
}
