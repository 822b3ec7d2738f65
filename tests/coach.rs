//! Scenario maps written the way reps write them, whose right answers a sales coach
//! would agree on: who decides, who approves, who guards a gate, the real risks in
//! the right order, and a health colour a manager would forecast by.

use powermap::analysis::{Analysis, AnalysisOptions, RiskCode, Severity, analyze};
use powermap::format::from_bytes;
use powermap::lang::Language;
use powermap::model::{Date, Document};

fn map(json: &str) -> Document {
    match from_bytes(json.as_bytes()) {
        Ok(doc) => doc,
        Err(err) => panic!("scenario map does not load: {err}"),
    }
}

fn run(doc: &Document, today: &str) -> Analysis {
    let today: Date = today.parse().expect("a date");
    analyze(doc, &AnalysisOptions::new(today, Language::English))
}

fn id(doc: &Document, index: usize) -> &str {
    doc.stakeholders[index].id.as_str()
}

/// Ids of the candidates, most likely first, with their kinds.
fn ranking(doc: &Document, analysis: &Analysis) -> Vec<(String, &'static str)> {
    analysis
        .decision_makers
        .iter()
        .map(|c| (id(doc, c.person).to_owned(), c.kind_code()))
        .collect()
}

fn risk(analysis: &Analysis, code: RiskCode) -> Option<&powermap::analysis::Risk> {
    analysis.risks.iter().find(|r| r.code == code)
}

fn risk_ids(doc: &Document, analysis: &Analysis, code: RiskCode) -> Vec<String> {
    risk(analysis, code)
        .map(|r| r.people.iter().map(|&i| id(doc, i).to_owned()).collect())
        .unwrap_or_default()
}

/// The university case: IT is the friendly first contact, the head of academic
/// affairs really decides; nobody is tagged, only titles and reporting lines.
fn university(extra_it_people: usize) -> String {
    let mut people = vec![
        r#"{"id":"vp-teach","name":"赵启明","title":"副校长（分管本科教学）","department":"校领导"}"#.to_owned(),
        r#"{"id":"vp-it","name":"刘振东","title":"副校长（分管信息化与后勤）","department":"校领导"}"#.to_owned(),
        r#"{"id":"jw-head","name":"王立新","title":"教务处处长","department":"教务处"}"#.to_owned(),
        r#"{"id":"jw-deputy","name":"李静","title":"教务处副处长","department":"教务处"}"#.to_owned(),
        r#"{"id":"jw-staff","name":"程晓","title":"教学运行科科长","department":"教务处"}"#.to_owned(),
        r#"{"id":"it-head","name":"周建华","title":"信息中心主任","department":"信息中心","stance":"advocate","coverage":"in_depth","last_contact":"2026-11-20","last_verified":"2026-11-20"}"#.to_owned(),
        r#"{"id":"it-eng","name":"孙浩","title":"系统运维工程师","department":"信息中心","stance":"supporter","coverage":"multiple","last_contact":"2026-11-18"}"#.to_owned(),
        r#"{"id":"fin","name":"钱玉梅","title":"财务处处长","department":"财务处"}"#.to_owned(),
        r#"{"id":"buy","name":"冯国强","title":"采购与招标中心主任","department":"采购与招标中心"}"#.to_owned(),
    ];
    let mut lines = vec![
        r#"{"from":"jw-head","to":"vp-teach","kind":"reports_to"}"#.to_owned(),
        r#"{"from":"jw-deputy","to":"jw-head","kind":"reports_to"}"#.to_owned(),
        r#"{"from":"jw-staff","to":"jw-deputy","kind":"reports_to"}"#.to_owned(),
        r#"{"from":"it-head","to":"vp-it","kind":"reports_to"}"#.to_owned(),
        r#"{"from":"it-eng","to":"it-head","kind":"reports_to"}"#.to_owned(),
    ];
    for n in 0..extra_it_people {
        people.push(format!(
            r#"{{"id":"it-x{n}","name":"工程师{n}","title":"网络工程师","department":"信息中心","stance":"supporter","power":2,"coverage":"multiple","last_contact":"2026-11-15"}}"#
        ));
        lines.push(format!(
            r#"{{"from":"it-x{n}","to":"it-head","kind":"reports_to"}}"#
        ));
        lines.push(format!(
            r#"{{"from":"it-x{n}","to":"vp-it","kind":"influences","strength":2}}"#
        ));
    }
    format!(
        r#"{{"format":"powermap","version":1,
            "account":{{"name":"明湖大学","opportunity":"新一代教务系统建设项目","stage":"middle"}},
            "stakeholders":[{}],"relationships":[{}]}}"#,
        people.join(","),
        lines.join(",")
    )
}

#[test]
fn the_university_trap_finds_the_head_of_academic_affairs() {
    let doc = map(&university(0));
    let analysis = run(&doc, "2026-11-30");
    let ranking = ranking(&doc, &analysis);
    assert_eq!(ranking[0], ("jw-head".to_owned(), "decider"), "{ranking:?}");
    assert!(
        ranking.contains(&("vp-teach".to_owned(), "approver")),
        "{ranking:?}"
    );
    let kind_of = |who: &str| {
        let index = doc
            .stakeholders
            .iter()
            .position(|p| p.id.as_str() == who)
            .unwrap();
        analysis.buying.kind(index).map(|k| k.as_str())
    };
    assert_eq!(kind_of("it-head"), Some("gate"));
    assert_eq!(kind_of("vp-it"), Some("gate"));
    assert_eq!(kind_of("fin"), Some("gate"));
    assert_eq!(kind_of("buy"), Some("gate"));
    assert_eq!(kind_of("jw-deputy"), None);
    // With nobody tagged, the business decider is the one the analysis works with.
    assert_eq!(
        analysis
            .deciders
            .iter()
            .map(|&i| id(&doc, i))
            .collect::<Vec<_>>(),
        ["jw-head"]
    );
    let reasons = analysis.decision_makers[0].reasons.join("; ");
    assert!(reasons.contains("business decider"), "{reasons}");
}

#[test]
fn knowing_more_people_in_it_does_not_move_the_decision_to_it() {
    let base = map(&university(0));
    let crowded = map(&university(6));
    let before = run(&base, "2026-11-30");
    let after = run(&crowded, "2026-11-30");
    let top =
        |doc: &Document, a: &Analysis| ranking(doc, a).into_iter().take(2).collect::<Vec<_>>();
    assert_eq!(top(&base, &before), top(&crowded, &after));
    assert_eq!(after.deciders, before.deciders);
    assert_eq!(id(&crowded, after.decision_makers[0].person), "jw-head");
}

/// A map from the account fields and the people and lines, as JSON pieces.
fn scenario(account: &str, people: &[&str], lines: &[&str]) -> Document {
    map(&format!(
        r#"{{"format":"powermap","version":1,"account":{account},"stakeholders":[{}],"relationships":[{}]}}"#,
        people.join(","),
        lines.join(",")
    ))
}

#[test]
fn the_trusted_adviser_who_is_not_with_us_is_the_top_risk() {
    let doc = scenario(
        r#"{"name":"华东精密","opportunity":"MES系统与设备联网","stage":"middle"}"#,
        &[
            r#"{"id":"gm","name":"陈建国","title":"总经理","role":"decision_maker","stance":"supporter","power":5,"coverage":"multiple","last_contact":"2026-11-20","last_verified":"2026-11-20"}"#,
            r#"{"id":"adviser","name":"林峰","title":"系统主管","department":"信息部","stance":"neutral","power":2,"coverage":"brief","last_contact":"2026-11-02"}"#,
            r#"{"id":"coach","name":"王磊","title":"生产部经理","department":"生产部","role":"champion","stance":"advocate","power":3,"coverage":"in_depth","last_contact":"2026-11-25","last_verified":"2026-11-25"}"#,
        ],
        &[
            r#"{"from":"adviser","to":"gm","kind":"influences","strength":3,"note":"陈总系统问题只听他的"}"#,
            r#"{"from":"coach","to":"gm","kind":"reports_to","strength":3}"#,
            r#"{"from":"adviser","to":"coach","kind":"conflict","strength":2}"#,
        ],
    );
    let analysis = run(&doc, "2026-11-30");
    let adviser_risk =
        risk(&analysis, RiskCode::DmAdviserNotWithUs).expect("the adviser is a risk");
    assert_eq!(adviser_risk.severity, Severity::High);
    assert_eq!(
        risk_ids(&doc, &analysis, RiskCode::DmAdviserNotWithUs),
        ["adviser"]
    );
    assert!(
        adviser_risk.message.contains("陈总系统问题只听他的")
            || adviser_risk.message.contains("林峰")
    );
    // A hidden influencer whatever their recorded power, with the reason.
    let hidden = analysis
        .hidden_influencers
        .iter()
        .find(|h| id(&doc, h.person) == "adviser")
        .expect("the adviser is a hidden influencer");
    assert_eq!(hidden.moves, vec![0]);
    assert!(
        hidden.why.contains("陈总系统问题只听他的"),
        "{}",
        hidden.why
    );
    // In the stage focus, and never green while they stand against us.
    assert!(analysis.focus.people.contains(&1));
    assert_ne!(analysis.health.level.as_str(), "green");
    // The champion who fights the boss's adviser is doubtful, not a pass.
    assert_eq!(analysis.champions[0].verdict.as_str(), "doubtful");
}

#[test]
fn three_weeks_before_signing_with_the_cfo_never_met_is_not_green() {
    let doc = scenario(
        r#"{"name":"Northwind","opportunity":"Warehouse management system","stage":"late","close_date":"2026-12-21",
            "decision_process":[{"name":"Executive committee","approvers":["ceo","cfo"]},{"name":"Signature"}]}"#,
        &[
            r#"{"id":"ceo","name":"Margaret Chen","title":"CEO","role":"decision_maker","stance":"advocate","power":5,"coverage":"in_depth","last_contact":"2026-11-25","last_verified":"2026-11-25"}"#,
            r#"{"id":"cfo","name":"David Okafor","title":"Chief Financial Officer","department":"Finance","power":5}"#,
            r#"{"id":"coach","name":"Grace O'Neil","title":"VP Logistics","department":"Logistics","role":"champion","stance":"advocate","power":4,"coverage":"in_depth","last_contact":"2026-11-27","last_verified":"2026-11-27"}"#,
        ],
        &[
            r#"{"from":"coach","to":"ceo","kind":"reports_to","strength":3}"#,
            r#"{"from":"cfo","to":"ceo","kind":"reports_to","strength":3}"#,
        ],
    );
    let analysis = run(&doc, "2026-11-30");
    assert_ne!(
        analysis.health.level.as_str(),
        "green",
        "{}",
        analysis.health.reason
    );
    assert!(
        analysis.health.reason.contains("David Okafor"),
        "{}",
        analysis.health.reason
    );
    assert_eq!(
        risk_ids(&doc, &analysis, RiskCode::KeyPersonNeverMet),
        ["cfo"]
    );
    assert_eq!(
        risk(&analysis, RiskCode::KeyPersonNeverMet)
            .unwrap()
            .severity,
        Severity::High
    );
    let close = risk(&analysis, RiskCode::CloseDateAtRisk).expect("the close date is at risk");
    assert_eq!(close.severity, Severity::High);
    assert!(close.message.contains("2026-12-21"), "{}", close.message);
    // The CFO approves a named step of the decision process.
    assert!(analysis.buying.approvers.contains(&1));
    // Met and supportive everywhere, the same deal is green.
    let mut met = doc.clone();
    met.stakeholders[1].stance = powermap::model::Stance::Supporter;
    met.stakeholders[1].coverage = powermap::model::Coverage::Multiple;
    met.stakeholders[1].last_contact = "2026-11-28".parse().ok();
    met.stakeholders[1].last_verified = "2026-11-28".parse().ok();
    let analysis = run(&met, "2026-11-30");
    assert_eq!(
        analysis.health.level.as_str(),
        "green",
        "{} {:?}",
        analysis.health.reason,
        analysis.risks
    );
}

#[test]
fn an_eight_month_old_map_after_a_reorg_must_be_re_verified_first() {
    let doc = scenario(
        r#"{"name":"明湖大学","opportunity":"新一代教务系统","stage":"middle"}"#,
        &[
            r#"{"id":"jw","name":"王立新","title":"教务处处长","department":"教务处","role":"decision_maker","stance":"supporter","power":5,"coverage":"in_depth","last_contact":"2026-03-20","last_verified":"2026-03-20"}"#,
            r#"{"id":"vp","name":"赵启明","title":"副校长（分管本科教学）","department":"校领导","stance":"supporter","power":4,"coverage":"multiple","last_contact":"2026-03-15","last_verified":"2026-03-15"}"#,
            r#"{"id":"it","name":"周建华","title":"信息中心主任","department":"信息中心","role":"champion","stance":"advocate","power":3,"coverage":"in_depth","last_contact":"2026-03-28","last_verified":"2026-03-28"}"#,
            r#"{"id":"fin","name":"钱玉梅","title":"财务处处长","department":"财务处","stance":"neutral","power":3,"coverage":"brief","last_contact":"2026-03-01","last_verified":"2026-03-01"}"#,
        ],
        &[
            r#"{"from":"jw","to":"vp","kind":"reports_to","strength":3}"#,
            r#"{"from":"it","to":"jw","kind":"ally","strength":3}"#,
        ],
    );
    let analysis = run(&doc, "2026-11-30");
    assert_eq!(
        analysis.risks[0].code,
        RiskCode::MapStale,
        "{:?}",
        analysis.risks
    );
    assert_eq!(analysis.risks[0].severity, Severity::High);
    assert_eq!(analysis.health.level.as_str(), "red");
    assert!(
        analysis
            .focus
            .headline
            .starts_with("Re-verify the map first"),
        "{}",
        analysis.focus.headline
    );
    // Coverage recorded eight months ago counts as a brief contact now.
    assert!(
        analysis
            .coverage
            .cells
            .iter()
            .flatten()
            .all(|c| c.covered.is_empty())
    );
    let zh = analyze_zh(&doc, "2026-11-30");
    assert!(
        zh.focus.headline.starts_with("先全面复核地图"),
        "{}",
        zh.focus.headline
    );
}

fn analyze_zh(doc: &Document, today: &str) -> Analysis {
    let today: Date = today.parse().expect("a date");
    analyze(doc, &AnalysisOptions::new(today, Language::Chinese))
}

#[test]
fn a_friendly_contact_who_cannot_reach_the_decider_fails_the_champion_test() {
    let doc = scenario(
        r#"{"name":"Acme","opportunity":"CRM for the sales team","stage":"middle"}"#,
        &[
            r#"{"id":"vp","name":"Ann Lee","title":"VP Sales","department":"Sales","role":"decision_maker","stance":"neutral","power":5,"coverage":"brief","last_contact":"2026-11-10","last_verified":"2026-11-10"}"#,
            r#"{"id":"fan","name":"Tom Becker","title":"Sales Operations Analyst","department":"Sales","role":"champion","stance":"advocate","power":2,"coverage":"brief","last_contact":"2026-11-20","last_verified":"2026-11-20"}"#,
            r#"{"id":"mgr","name":"Raj Patel","title":"Sales Manager","department":"Sales","stance":"neutral","power":3,"coverage":"brief","last_contact":"2026-11-01"}"#,
        ],
        &[
            r#"{"from":"fan","to":"mgr","kind":"reports_to","strength":1}"#,
            r#"{"from":"mgr","to":"vp","kind":"reports_to","strength":1}"#,
        ],
    );
    let analysis = run(&doc, "2026-11-30");
    let test = &analysis.champions[0];
    assert_eq!(test.verdict.as_str(), "fail", "{:?}", test.reasons);
    assert_eq!(test.failed.len(), 3, "{:?}", test.failed);
    let weak = risk(&analysis, RiskCode::WeakChampion).expect("a weak champion");
    assert_eq!(weak.severity, Severity::High);
    assert!(
        weak.action.contains("arrange a meeting with Ann Lee"),
        "{}",
        weak.action
    );
}

#[test]
fn an_introduction_planned_across_a_conflict_is_flagged_with_an_alternative() {
    let doc = scenario(
        r#"{"name":"江苏恒远","opportunity":"焊接产线改造","stage":"middle"}"#,
        &[
            r#"{"id":"gm","name":"周振华","title":"总经理","role":"decision_maker","stance":"neutral","power":5,"coverage":"brief","last_contact":"2026-11-16"}"#,
            r#"{"id":"vp","name":"陈立军","title":"生产副总经理","stance":"supporter","power":4,"coverage":"multiple","last_contact":"2026-11-18"}"#,
            r#"{"id":"cfo","name":"孙雅琴","title":"财务总监","department":"财务部","stance":"skeptic","power":4,
                "next_actions":[{"text":"请陈总引荐，拜访孙总","due":"2026-12-10"}]}"#,
            r#"{"id":"budget","name":"钱慧","title":"预算管理主管","department":"财务部","stance":"supporter","power":2,"coverage":"multiple","last_contact":"2026-11-10"}"#,
        ],
        &[
            r#"{"from":"vp","to":"gm","kind":"reports_to","strength":3}"#,
            r#"{"from":"cfo","to":"gm","kind":"reports_to","strength":3}"#,
            r#"{"from":"budget","to":"cfo","kind":"reports_to","strength":3}"#,
            r#"{"from":"vp","to":"cfo","kind":"conflict","strength":2}"#,
        ],
    );
    let analysis = run(&doc, "2026-11-30");
    let intro = risk(&analysis, RiskCode::IntroductionAcrossConflict).expect("flagged");
    assert_eq!(
        risk_ids(&doc, &analysis, RiskCode::IntroductionAcrossConflict),
        ["vp", "cfo"]
    );
    assert!(
        intro.message.contains("钱慧"),
        "the supporter on the CFO's team is offered: {}",
        intro.message
    );
    assert_eq!(intro.severity, Severity::High);
}

#[test]
fn a_competitors_champion_who_writes_the_specs_is_found() {
    let doc = scenario(
        r#"{"name":"江苏恒远","opportunity":"五轴数控加工产线","stage":"middle","competitors":["华锐智能"]}"#,
        &[
            r#"{"id":"gm","name":"周振华","title":"总经理","role":"decision_maker","stance":"neutral","power":5,"coverage":"brief","last_contact":"2026-11-16"}"#,
            r#"{"id":"eq","name":"高志强","title":"设备部部长","department":"设备部","stance":"neutral","power":3,"favours":"华锐智能",
                "notes":"负责起草技术规格书，招标参数由设备部提出","coverage":"brief","last_contact":"2026-11-03"}"#,
            r#"{"id":"coach","name":"杨帆","title":"工艺部部长","role":"champion","stance":"advocate","power":3,"coverage":"in_depth","last_contact":"2026-11-26"}"#,
        ],
        &[
            r#"{"from":"eq","to":"gm","kind":"reports_to","strength":2}"#,
            r#"{"from":"coach","to":"gm","kind":"reports_to","strength":2}"#,
        ],
    );
    let analysis = run(&doc, "2026-11-30");
    let rival = risk(&analysis, RiskCode::CompetitorChampion).expect("found");
    assert_eq!(
        risk_ids(&doc, &analysis, RiskCode::CompetitorChampion),
        ["eq"]
    );
    assert!(rival.message.contains("华锐智能"), "{}", rival.message);
    assert_eq!(rival.severity, Severity::High);
}

#[test]
fn in_the_title_zoo_the_party_secretary_decides_and_the_union_chair_does_not() {
    let doc = scenario(
        r#"{"name":"某国企","opportunity":"Project Phoenix","stage":"early"}"#,
        &[
            r#"{"id":"union","name":"工会主席","title":"工会主席","power":4}"#,
            r#"{"id":"discipline","name":"纪委书记","title":"纪委书记","power":4}"#,
            r#"{"id":"party","name":"党委书记","title":"党委书记","power":4}"#,
            r#"{"id":"chief-acct","name":"总会计师","title":"总会计师","power":4}"#,
            r#"{"id":"deputy","name":"副处长","title":"副处长"}"#,
            r#"{"id":"shop","name":"车间主任","title":"车间主任"}"#,
            r#"{"id":"works","name":"Works Council","title":"Works Council Chair","power":4}"#,
            r#"{"id":"staff","name":"Chief of Staff","title":"Chief of Staff","power":4}"#,
        ],
        &[],
    );
    let analysis = run(&doc, "2026-11-30");
    let ranking = ranking(&doc, &analysis);
    assert_eq!(ranking[0], ("party".to_owned(), "decider"), "{ranking:?}");
    let place = |who: &str| ranking.iter().position(|(i, _)| i == who);
    for beside in ["union", "discipline", "works", "staff"] {
        assert!(place(beside).is_none_or(|p| p > 0), "{beside}: {ranking:?}");
        let index = doc
            .stakeholders
            .iter()
            .position(|p| p.id.as_str() == beside)
            .unwrap();
        assert_ne!(
            analysis.buying.kind(index).map(|k| k.as_str()),
            Some("decider"),
            "{beside}"
        );
    }
    let kind = |who: &str| {
        let index = doc
            .stakeholders
            .iter()
            .position(|p| p.id.as_str() == who)
            .unwrap();
        analysis.buying.kind(index).map(|k| k.as_str())
    };
    assert_eq!(
        kind("chief-acct"),
        Some("gate"),
        "the chief accountant signs off the money"
    );
    assert_eq!(kind("discipline"), Some("gate"));
    assert!(
        place("shop").is_none(),
        "a workshop head is no likely decision maker"
    );
}
