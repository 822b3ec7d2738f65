//! Advice a sales VP would trust: steps that fit the person's seniority, function
//! and personal win; the sign-off route for the top; introductions only where they
//! help and never across a conflict; a champion proven by a test; overdue actions
//! weighed by stage and by whom; reports that cover everyone who matters, never
//! print an empty section, and read as a Chinese sales manager would write them.

use powermap::analysis::approach::approach;
use powermap::analysis::report::{to_json, to_text};
use powermap::analysis::{Analysis, AnalysisOptions, RiskCode, Severity, analyze};
use powermap::export::{ExportFormat, ExportOptions, export};
use powermap::format::from_bytes;
use powermap::lang::Language;
use powermap::model::{Date, Document};

const TODAY: &str = "2026-11-30";

fn map(json: &str) -> Document {
    match from_bytes(json.as_bytes()) {
        Ok(doc) => doc,
        Err(err) => panic!("scenario map does not load: {err}"),
    }
}

/// A map from the account fields and the people and lines, as JSON pieces.
fn scenario(account: &str, people: &[&str], lines: &[&str]) -> Document {
    map(&format!(
        r#"{{"format":"powermap","version":1,"account":{account},
            "team":[{{"id":"t1","name":"赵国栋"}},{{"id":"t","name":"Terry"}}],
            "stakeholders":[{}],"relationships":[{}]}}"#,
        people.join(","),
        lines.join(",")
    ))
}

fn today() -> Date {
    TODAY.parse().expect("a date")
}

fn run(doc: &Document, language: Language) -> Analysis {
    analyze(doc, &AnalysisOptions::new(today(), language))
}

fn index(doc: &Document, id: &str) -> usize {
    doc.stakeholders
        .iter()
        .position(|p| p.id.as_str() == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

/// The steps for `id`, joined into one text, in `language`.
fn steps(doc: &Document, id: &str, language: Language) -> String {
    let analysis = run(doc, language);
    approach(doc, &analysis, index(doc, id))
        .expect("an approach")
        .steps
        .join("\n")
}

/// A group company late in the middle stage, with the deal facts recorded: a
/// general manager at the top, an executive who approves, a CFO never met and in
/// conflict with that executive, a procurement director who fears the audit, a
/// champion who wants a promotion and a blocker who favours a competitor.
fn group() -> Document {
    scenario(
        r#"{"name":"恒远重工","industry":"工程机械","opportunity":"结构件焊接产线改造","stage":"middle","close_date":"2027-01-20",
            "decision_process":[{"name":"技术评审","approvers":["vp"]},{"name":"商务谈判","approvers":["cfo","buyer"]},{"name":"总经理办公会","approvers":["gm"]},{"name":"签约"}],
            "competitors":["华锐智能","德玛吉"]}"#,
        &[
            r#"{"id":"gm","name":"周振华","title":"总经理","department":"集团领导班子","role":"decision_maker","stance":"supporter","power":5,"coverage":"multiple","last_contact":"2026-11-20","last_verified":"2026-11-20","owner":"t1",
                "interests":{"business":"营收突破80亿元","personal":"明年领导班子换届，希望以智能工厂项目作为任期亮点"}}"#,
            r#"{"id":"vp","name":"陈立军","title":"生产副总经理","department":"集团领导班子（分管生产）","role":"influencer","stance":"supporter","power":4,"coverage":"multiple","last_contact":"2026-11-18","last_verified":"2026-11-18","owner":"t1"}"#,
            r#"{"id":"cfo","name":"孙雅琴","title":"财务总监","department":"财务部","role":"influencer","stance":"skeptic","power":4,
                "concerns":"一次性投入大"}"#,
            r#"{"id":"buyer","name":"吴国平","title":"采购总监","department":"采购中心","role":"gatekeeper","stance":"neutral","power":3,"coverage":"brief","last_contact":"2026-11-05","last_verified":"2026-11-05",
                "interests":{"personal":"集团审计对采购流程提出过整改意见，要求流程绝对合规，避免背锅"}}"#,
            r#"{"id":"plant","name":"马骏","title":"二分厂厂长","department":"第二制造分厂（结构件）","role":"influencer","stance":"supporter","power":3,"coverage":"in_depth","last_contact":"2026-11-21","last_verified":"2026-11-21"}"#,
            r#"{"id":"champ","name":"杨帆","title":"工艺部部长","department":"技术中心工艺部","role":"champion","stance":"advocate","power":3,"coverage":"in_depth","last_contact":"2026-11-26","last_verified":"2026-11-26","owner":"t1",
                "interests":{"personal":"希望项目成功后晋升技术中心副主任"}}"#,
            r#"{"id":"gao","name":"高志强","title":"设备部部长","department":"设备部","role":"blocker","stance":"opponent","power":3,"coverage":"brief","last_contact":"2026-11-03","last_verified":"2026-11-03","favours":"华锐智能"}"#,
        ],
        &[
            r#"{"from":"vp","to":"gm","kind":"reports_to","strength":3}"#,
            r#"{"from":"cfo","to":"gm","kind":"reports_to","strength":3}"#,
            r#"{"from":"buyer","to":"vp","kind":"reports_to","strength":2}"#,
            r#"{"from":"plant","to":"vp","kind":"reports_to","strength":3}"#,
            r#"{"from":"champ","to":"vp","kind":"reports_to","strength":3}"#,
            r#"{"from":"gao","to":"vp","kind":"reports_to","strength":2}"#,
            r#"{"from":"gao","to":"gm","kind":"influences","strength":2}"#,
            r#"{"from":"vp","to":"cfo","kind":"conflict","strength":2}"#,
            r#"{"from":"gao","to":"champ","kind":"conflict","strength":2}"#,
        ],
    )
}

#[test]
fn the_top_decider_gets_the_sign_off_step_not_an_introduction_upward() {
    let doc = group();
    let en = steps(&doc, "gm", Language::English);
    assert!(en.contains("Secure the sign-off"), "{en}");
    // The process the team recorded, step by step.
    assert!(
        en.contains("技术评审 → 商务谈判 → 总经理办公会 → 签约"),
        "{en}"
    );
    assert!(!en.to_lowercase().contains("introduc"), "{en}");
    let zh = steps(&doc, "gm", Language::Chinese);
    assert!(zh.contains("锁定签批环节"), "{zh}");
    assert!(!zh.contains("引荐"), "{zh}");

    // Without a recorded process, the collective bodies of a Chinese group.
    let mut plain = doc.clone();
    plain.account.decision_process.clear();
    let zh = steps(&plain, "gm", Language::Chinese);
    assert!(
        zh.contains("总经理办公会") && zh.contains("党委会") && zh.contains("三重一大"),
        "{zh}"
    );
    // A university's.
    plain.account.name = "明湖大学".into();
    let zh = steps(&plain, "gm", Language::Chinese);
    assert!(zh.contains("校长办公会"), "{zh}");
}

#[test]
fn a_decider_with_a_manager_agrees_the_route_up_and_the_approver_hears_first() {
    let doc = group();
    // 马骏 heads the production unit the opportunity changes; 陈立军 is above him.
    let analysis = run(&doc, Language::English);
    assert_eq!(analysis.buying.deciders, vec![index(&doc, "plant")]);
    assert!(analysis.buying.approvers.contains(&index(&doc, "vp")));
    let plant = steps(&doc, "plant", Language::English);
    assert!(
        plant.contains("Agree how it goes up: ask them to take it to 陈立军"),
        "{plant}"
    );
    assert!(!plant.contains("Secure the sign-off"), "{plant}");
    let vp = steps(&doc, "vp", Language::English);
    assert!(
        vp.contains("hear of the project from their own people") && vp.contains("马骏"),
        "{vp}"
    );
}

#[test]
fn executives_get_outcomes_and_finance_gets_roi_and_payment_terms() {
    let doc = group();
    let vp = steps(&doc, "vp", Language::English);
    assert!(vp.contains("Talk outcomes at their level"), "{vp}");
    assert!(!vp.contains("technical proof"), "{vp}");
    let cfo = steps(&doc, "cfo", Language::English);
    for words in ["ROI", "payment terms", "budget", "leasing"] {
        assert!(cfo.contains(words), "{words}: {cfo}");
    }
    let cfo = steps(&doc, "cfo", Language::Chinese);
    for words in ["投资回报", "付款条件", "预算", "融资租赁"] {
        assert!(cfo.contains(words), "{words}: {cfo}");
    }
    let buyer = steps(&doc, "buyer", Language::Chinese);
    assert!(
        buyer.contains("资格审查") && buyer.contains("评标专家"),
        "{buyer}"
    );
    let buyer = steps(&doc, "buyer", Language::English);
    assert!(buyer.contains("qualification"), "{buyer}");
}

#[test]
fn it_and_security_get_architecture_and_compliance_and_vice_principals_outcomes() {
    let doc = scenario(
        r#"{"name":"明湖大学","opportunity":"新一代教务系统","stage":"middle"}"#,
        &[
            r#"{"id":"vp-teach","name":"赵启明","title":"副校长（分管本科教学）","department":"校领导","stance":"neutral","power":4}"#,
            r#"{"id":"jw","name":"王立新","title":"教务处处长","department":"教务处","stance":"neutral","power":4,"coverage":"brief","last_contact":"2026-11-20"}"#,
            r#"{"id":"it","name":"周建华","title":"信息中心主任","department":"信息中心","stance":"supporter","power":3,"coverage":"multiple","last_contact":"2026-11-20"}"#,
            r#"{"id":"sec","name":"钱峰","title":"网络安全科科长","department":"信息中心网络安全科","stance":"neutral","power":2,"coverage":"brief","last_contact":"2026-11-20"}"#,
        ],
        &[
            r#"{"from":"jw","to":"vp-teach","kind":"reports_to"}"#,
            r#"{"from":"sec","to":"it","kind":"reports_to"}"#,
        ],
    );
    let vp = steps(&doc, "vp-teach", Language::Chinese);
    assert!(vp.contains("对等沟通，只谈结果"), "{vp}");
    assert!(!vp.contains("技术验证"), "{vp}");
    let it = steps(&doc, "it", Language::English);
    assert!(it.contains("Architecture and integration"), "{it}");
    let sec = steps(&doc, "sec", Language::Chinese);
    assert!(sec.contains("安全与合规"), "{sec}");
}

#[test]
fn a_personal_agenda_is_quoted_and_turned_into_a_step() {
    let doc = group();
    let gm = steps(&doc, "gm", Language::Chinese);
    assert!(
        gm.contains("“明年领导班子换届，希望以智能工厂项目作为任期亮点”") && gm.contains("里程碑"),
        "{gm}"
    );
    let champ = steps(&doc, "champ", Language::Chinese);
    assert!(
        champ.contains("希望项目成功后晋升技术中心副主任") && champ.contains("晋升的资本"),
        "{champ}"
    );
    let champ = steps(&doc, "champ", Language::English);
    assert!(champ.contains("promotion case"), "{champ}");
    let buyer = steps(&doc, "buyer", Language::Chinese);
    assert!(
        buyer.contains("避免背锅") && buyer.contains("审计"),
        "{buyer}"
    );
    // Whatever the agenda says, it is quoted and served.
    let mut other = doc.clone();
    let cfo = index(&other, "cfo");
    other.stakeholders[cfo].interests.personal = "喜欢打羽毛球".into();
    let cfo = steps(&other, "cfo", Language::Chinese);
    assert!(cfo.contains("“喜欢打羽毛球”"), "{cfo}");
}

#[test]
fn a_first_contact_never_goes_through_someone_in_conflict() {
    let doc = group();
    // 孙雅琴 was never met; 陈立军 is in conflict with her, 周振华 is not.
    let cfo = steps(&doc, "cfo", Language::English);
    assert!(
        cfo.contains("No contact yet: ask 周振华 for an introduction."),
        "{cfo}"
    );
    assert!(!cfo.contains("ask 陈立军"), "{cfo}");
    // Nor is 陈立军 asked to introduce us to her.
    let vp = steps(&doc, "vp", Language::English);
    assert!(!vp.contains("introduce you to 孙雅琴"), "{vp}");
}

/// A supporter, their manager, the manager's adviser, and someone else who knows
/// the manager; `extra` lines are added.
fn introductions(boss: &str, extra: &[&str]) -> Document {
    let boss = format!(
        r#"{{"id":"boss","name":"Boss","title":"Head of Operations","department":"Operations","stance":"neutral","power":4{boss}}}"#
    );
    let mut lines = vec![
        r#"{"from":"fan","to":"boss","kind":"reports_to","strength":3}"#,
        r#"{"from":"adv","to":"boss","kind":"influences","strength":3}"#,
        r#"{"from":"friend","to":"boss","kind":"ally","strength":1}"#,
    ];
    lines.extend_from_slice(extra);
    scenario(
        r#"{"name":"Acme","opportunity":"Warehouse robots","stage":"middle"}"#,
        &[
            &boss,
            r#"{"id":"fan","name":"Fan","title":"Shift Lead","department":"Operations","stance":"supporter","power":3,"coverage":"multiple","last_contact":"2026-11-25"}"#,
            r#"{"id":"adv","name":"Adv","title":"Process Engineer","department":"Operations","stance":"neutral","power":2,"coverage":"brief","last_contact":"2026-11-25"}"#,
            r#"{"id":"friend","name":"Friend","title":"Planner","department":"Operations","stance":"supporter","power":2,"coverage":"multiple","last_contact":"2026-11-25"}"#,
        ],
        &lines,
    )
}

#[test]
fn introductions_go_only_to_people_we_do_not_cover_and_never_across_a_conflict() {
    // Not yet covered: the supporter is asked for the introduction.
    let doc = introductions("", &[]);
    let fan = steps(&doc, "fan", Language::English);
    assert!(fan.contains("Ask them to introduce you to Boss."), "{fan}");
    // Already covered in depth: no introduction to someone we know well.
    let doc = introductions(r#","coverage":"in_depth","last_contact":"2026-11-20""#, &[]);
    let fan = steps(&doc, "fan", Language::English);
    assert!(!fan.contains("introduce you to Boss"), "{fan}");
    // In conflict with the boss, or with the adviser the boss listens to: never
    // through them.
    for conflict in [
        r#"{"from":"fan","to":"boss","kind":"conflict","strength":2}"#,
        r#"{"from":"fan","to":"adv","kind":"conflict","strength":2}"#,
    ] {
        let doc = introductions("", &[conflict]);
        let fan = steps(&doc, "fan", Language::English);
        assert!(!fan.contains("introduce you to Boss"), "{conflict}: {fan}");
        let boss = steps(&doc, "boss", Language::English);
        assert!(
            boss.contains("No contact yet: ask Friend for an introduction."),
            "{conflict}: {boss}"
        );
        assert!(!boss.contains("ask Fan"), "{conflict}: {boss}");
    }
}

#[test]
fn no_champion_advice_is_a_test() {
    let doc = scenario(
        r#"{"name":"明湖大学","opportunity":"新一代教务系统","stage":"middle"}"#,
        &[
            r#"{"id":"wang","name":"王处长","title":"教务处处长","department":"教务处","role":"decision_maker","stance":"neutral","power":5}"#,
            r#"{"id":"zhou","name":"周海","title":"信息中心主任","department":"信息中心","stance":"advocate","power":3,"coverage":"in_depth","last_contact":"2026-11-25"}"#,
        ],
        &[],
    );
    let zh = run(&doc, Language::Chinese);
    let risk = zh
        .risks
        .iter()
        .find(|r| r.code == RiskCode::NoChampion)
        .expect("no champion");
    assert!(
        risk.action.contains("请其安排与王处长的会面") && risk.action.contains("周海才算内线"),
        "{}",
        risk.action
    );
    let en = run(&doc, Language::English);
    let risk = en
        .risks
        .iter()
        .find(|r| r.code == RiskCode::NoChampion)
        .expect("no champion");
    assert!(
        risk.action
            .contains("Test 周海: ask them to arrange a meeting with 王处长")
            && risk.action.contains("only if they do is 周海 a champion"),
        "{}",
        risk.action
    );
}

/// One overdue action on `who` (`dm` or `user`) at `stage`.
fn overdue(stage: &str, who: &str) -> Document {
    let action = r#","next_actions":[{"text":"Send the proposal","due":"2026-11-20"}]"#;
    let (dm, user) = if who == "dm" {
        (action, "")
    } else {
        ("", action)
    };
    scenario(
        &format!(r#"{{"name":"Acme","opportunity":"Robots","stage":"{stage}"}}"#),
        &[
            &format!(
                r#"{{"id":"dm","name":"Dana","title":"CEO","role":"decision_maker","stance":"supporter","power":5,"coverage":"multiple","last_contact":"2026-11-25","owner":"t"{dm}}}"#
            ),
            &format!(
                r#"{{"id":"user","name":"Uma","title":"Clerk","role":"end_user","stance":"supporter","power":1,"coverage":"multiple","last_contact":"2026-11-25"{user}}}"#
            ),
            r#"{"id":"coach","name":"Cole","title":"Manager","role":"champion","stance":"advocate","power":3,"coverage":"in_depth","last_contact":"2026-11-25","owner":"t"}"#,
        ],
        &[r#"{"from":"coach","to":"dm","kind":"reports_to","strength":3}"#],
    )
}

#[test]
fn overdue_actions_weigh_by_stage_and_by_whom_they_concern() {
    let severity = |stage: &str, who: &str| {
        let doc = overdue(stage, who);
        run(&doc, Language::English)
            .risks
            .into_iter()
            .find(|r| r.code == RiskCode::OverdueActions)
            .map(|r| (r.severity, r.message))
            .expect("overdue actions")
    };
    let (late_dm, message) = severity("late", "dm");
    assert_eq!(late_dm, Severity::High);
    assert!(message.contains("Dana"), "{message}");
    assert!(
        message.starts_with("1 planned action is past its due date"),
        "{message}"
    );
    assert_eq!(severity("late", "user").0, Severity::Low);
    assert_eq!(severity("middle", "dm").0, Severity::Medium);
    assert_eq!(severity("early", "dm").0, Severity::Low);
}

#[test]
fn reports_cover_the_deal_facts_buying_centre_champions_and_coverage() {
    let doc = group();
    let en = to_text(&doc, &run(&doc, Language::English), false);
    for expected in [
        "Deal facts",
        "Close date: 2027-01-20 (in 51 days)",
        "技术评审 (approves: 陈立军) → 商务谈判 (approves: 孙雅琴, 吴国平) → 总经理办公会 (approves: 周振华) → 签约",
        "Competitors: 华锐智能 (favoured by: 高志强); 德玛吉",
        "Buying centre",
        "Business decider: 马骏 (二分厂厂长)",
        "Approvers:",
        "Champion test",
        "杨帆 — ",
        "Coverage by level and function",
        "Approach for the people who matter",
        // The blocker with a line to the decision maker gets an approach.
        "高志强: Understand their concerns first",
    ] {
        assert!(en.contains(expected), "{expected}\n{en}");
    }
    let zh = to_text(&doc, &run(&doc, Language::Chinese), false);
    for expected in [
        "项目要素",
        "预计签约日：2027-01-20（还有 51 天）",
        "技术评审（审批：陈立军） → 商务谈判（审批：孙雅琴、吴国平）",
        "竞争对手：华锐智能（倾向者：高志强）；德玛吉",
        "采购决策链",
        "业务决策人：二分厂厂长马骏",
        // Those the decision process names approve, whatever their function.
        "审批人：总经理周振华、生产副总经理陈立军、财务总监孙雅琴、采购总监吴国平",
        "内线检验",
        "覆盖情况（层级 × 条线）",
        "高层",
        "关键人的应对策略",
    ] {
        assert!(zh.contains(expected), "{expected}\n{zh}");
    }
    // The champion's verdict comes with its reasons.
    let analysis = run(&doc, Language::Chinese);
    let test = &analysis.champions[0];
    let verdict = powermap::analysis::briefing::verdict_word(test.verdict, Language::Chinese);
    assert!(
        zh.contains(&format!("杨帆——{verdict}：{}", test.reasons[0])),
        "{zh}"
    );
    // The same in the exported reports.
    let options = ExportOptions {
        redact: false,
        language: Language::Chinese,
        today: today(),
        view: None,
    };
    let md = String::from_utf8(export(&doc, ExportFormat::Markdown, &options).unwrap()).unwrap();
    let html = String::from_utf8(export(&doc, ExportFormat::Html, &options).unwrap()).unwrap();
    for text in [&md, &html] {
        for expected in [
            "项目要素",
            "采购决策链",
            "内线检验",
            "覆盖情况",
            "2027-01-20",
        ] {
            assert!(text.contains(expected), "{expected}");
        }
    }
    // JSON keeps the codes for scripts and adds the words for readers.
    let analysis = run(&doc, Language::Chinese);
    let json = to_json(&doc, &analysis);
    for (risk, found) in json["risks"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&analysis.risks)
    {
        assert_eq!(risk["code"], found.code.as_str());
        assert_eq!(risk["title"], found.code.title(Language::Chinese));
        assert!(risk["title"].as_str().is_some_and(|t| !t.is_ascii()));
    }
}

#[test]
fn the_report_includes_senior_people_of_unknown_role_and_every_candidate() {
    let mut doc = group();
    let audit = r#"{"id":"audit","name":"何建","title":"审计监察部部长","department":"审计监察部","power":3}"#;
    let extra = map(&format!(
        r#"{{"format":"powermap","version":1,"stakeholders":[{audit}]}}"#
    ));
    doc.stakeholders.extend(extra.stakeholders);
    let analysis = run(&doc, Language::English);
    let matter = powermap::analysis::briefing::people_who_matter(&doc, &analysis);
    assert!(matter.contains(&index(&doc, "audit")), "{matter:?}");
    for candidate in &analysis.decision_makers {
        assert!(matter.contains(&candidate.person));
    }
    let text = to_text(&doc, &analysis, false);
    assert!(text.contains("何建: "), "{text}");
    let audit = steps(&doc, "audit", Language::Chinese);
    assert!(audit.contains("纪检审计"), "{audit}");
}

/// Every map the reports are checked on: the samples and the scenarios above.
fn all_maps() -> Vec<Document> {
    let mut maps: Vec<Document> = powermap::samples::SAMPLES
        .iter()
        .map(|s| s.document().expect("a sample"))
        .collect();
    maps.push(group());
    maps.push(introductions("", &[]));
    maps.push(overdue("late", "dm"));
    maps.push(Document::default());
    maps
}

/// Every piece of text the team typed into the map, longest first.
fn user_texts(doc: &Document) -> Vec<String> {
    let mut texts: Vec<String> = vec![
        doc.account.name.clone(),
        doc.account.industry.clone(),
        doc.account.opportunity.clone(),
        doc.account.currency.clone(),
    ];
    texts.extend(doc.account.competitors.iter().cloned());
    texts.extend(doc.account.decision_process.iter().map(|s| s.name.clone()));
    texts.extend(doc.team.iter().map(|m| m.name.clone()));
    for p in &doc.stakeholders {
        texts.extend([
            p.id.to_string(),
            p.name.clone(),
            p.title.clone(),
            p.department.clone(),
            p.notes.clone(),
            p.interests.business.clone(),
            p.interests.personal.clone(),
            p.concerns.clone(),
            p.decision_criteria.clone(),
            p.favours.clone(),
            p.source.clone(),
        ]);
        texts.extend(p.next_actions.iter().map(|a| a.text.clone()));
        texts.extend(p.tags.iter().cloned());
    }
    texts.extend(doc.relationships.iter().map(|l| l.note.clone()));
    let escaped: Vec<String> = texts
        .iter()
        .map(|t| powermap::analysis::report::md_escape(t, true))
        .collect();
    texts.extend(escaped);
    texts.retain(|t| !t.trim().is_empty());
    texts.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    texts
}

/// The report without the team's own text: quoted spans (“…”) and every field's
/// text, so what is left is what the analysis wrote.
fn generated(report: &str, doc: &Document) -> String {
    generated_with(report, doc, " ")
}

/// [`generated`], with each field's text replaced by `placeholder`.
fn generated_with(report: &str, doc: &Document, placeholder: &str) -> String {
    let mut text = String::with_capacity(report.len());
    let mut rest = report;
    while let Some(open) = rest.find('“') {
        text.push_str(&rest[..open]);
        let after = &rest[open + '“'.len_utf8()..];
        match after.find('”') {
            Some(close) => rest = &after[close + '”'.len_utf8()..],
            None => {
                rest = after;
                break;
            }
        }
    }
    text.push_str(rest);
    for user in user_texts(doc) {
        text = text.replace(&user, placeholder);
    }
    text
}

/// Full-width punctuation of Chinese sentences.
const FULL_WIDTH: &[char] = &[
    '。', '，', '；', '：', '、', '（', '）', '！', '？', '【', '】', '“', '”',
];

/// A space next to full-width punctuation ("。 →", "（已逾期） 刘海涛"), or a doubled
/// particle or mark ("的的", "：："), in a line of Chinese the analysis wrote. A
/// space between a mark and an arrow, a dash, a table bar or a list marker is
/// layout.
fn chinese_typography_slip(line: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c != ' ' {
            continue;
        }
        let before = i.checked_sub(1).and_then(|b| chars.get(b)).copied();
        let after = chars.get(i + 1).copied();
        let layout =
            |n: Option<char>| n.is_none_or(|n| matches!(n, '→' | '—' | '|' | '-' | '#' | ' '));
        let mark = |n: Option<char>| n.is_some_and(|n| FULL_WIDTH.contains(&n));
        if (mark(before) && !layout(after)) || (mark(after) && !layout(before)) {
            return Some(format!("a space beside full-width punctuation in: {line}"));
        }
    }
    for doubled in [
        "的的", "了了", "其其", "和和", "：：", "。。", "，，", "、、", "；；",
    ] {
        if line.contains(doubled) {
            return Some(format!("{doubled} in: {line}"));
        }
    }
    None
}

/// Whether the text holds a snake_case code such as `key_person_never_met`.
fn has_snake_case(text: &str) -> Option<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find(|w| {
            w.contains('_')
                && w.split('_').filter(|p| !p.is_empty()).count() >= 2
                && w.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        })
        .map(str::to_owned)
}

#[test]
fn chinese_reports_read_as_a_chinese_sales_manager_writes() {
    for doc in all_maps() {
        let analysis = run(&doc, Language::Chinese);
        let options = ExportOptions {
            redact: false,
            language: Language::Chinese,
            today: today(),
            view: None,
        };
        let markdown =
            String::from_utf8(export(&doc, ExportFormat::Markdown, &options).unwrap()).unwrap();
        let mut reports = vec![to_text(&doc, &analysis, false), markdown];
        reports.extend(
            (0..doc.stakeholders.len())
                .filter_map(|i| approach(&doc, &analysis, i))
                .map(|a| format!("{}\n{}\n{}", a.headline, a.why, a.steps.join("\n"))),
        );
        for (n, report) in reports.into_iter().enumerate() {
            // The team's text stands in as one CJK character, so the spaces around
            // it are the analysis's own. (The exported account plan, reports[1], is
            // laid out by src/export and checked for punctuation below only.)
            let marked = generated_with(&report, &doc, "〇");
            for line in marked.lines().filter(|_| n != 1) {
                assert_eq!(chinese_typography_slip(line), None, "{}", doc.account.name);
            }
            let ours = generated(&report, &doc);
            for line in ours.lines() {
                assert!(
                    !line.contains([':', ';', '(', ')']),
                    "{}: ASCII punctuation in a Chinese line: {line}",
                    doc.account.name
                );
                assert_eq!(has_snake_case(line), None, "{line}");
                for word in ["他们", "干系人", "拥护", "关键人物"] {
                    assert!(!line.contains(word), "{word} in {line}");
                }
                // No English words of ours in a Chinese report, but for the
                // established abbreviations of the trade.
                let english: Vec<&str> = line
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .filter(|w| w.len() >= 2)
                    .filter(|w| {
                        !["ROI", "TCO", "POC", "PPT", "CRM", "IT", "MES", "ERP"].contains(w)
                    })
                    .collect();
                assert!(english.is_empty(), "{english:?} in {line}");
            }
        }
    }
}

#[test]
fn english_reports_read_naturally() {
    for doc in all_maps() {
        let analysis = run(&doc, Language::English);
        let text = to_text(&doc, &analysis, false);
        let ours = generated(&text, &doc);
        assert!(!ours.contains("(s)"), "{ours}");
        // One supporter is "a key player", not "key players"; one approver is not
        // "Approvers".
        if analysis.health.supporters.len() == 1 {
            assert!(
                !analysis.health.reason.starts_with("Key players"),
                "{}",
                analysis.health.reason
            );
        }
        if analysis.buying.approvers.len() == 1 {
            assert!(!ours.contains("Approvers:"), "{ours}");
        }
        for wrong in [" 1 days", " 1 actions", " 1 planned actions", " 1 people"] {
            assert!(!ours.contains(wrong), "{wrong}: {ours}");
        }
    }
    let doc = overdue("late", "dm");
    let dm = steps(&doc, "dm", Language::English);
    assert!(
        dm.contains("1 action with them is overdue: do it or re-plan it this week."),
        "{dm}"
    );
}

/// The headings of a Markdown text whose section has nothing under it before the
/// next heading of the same or a higher level.
fn empty_markdown_sections(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let level = |l: &str| l.chars().take_while(|c| *c == '#').count();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with('#'))
        .filter(|(i, l)| {
            lines
                .get(i + 1)
                .is_none_or(|next| next.starts_with('#') && level(next) <= level(l))
        })
        .map(|(_, l)| (*l).to_owned())
        .collect()
}

#[test]
fn no_report_prints_an_empty_section() {
    for doc in all_maps() {
        for language in Language::ALL {
            let analysis = run(&doc, language);
            let markdown = to_text(&doc, &analysis, true);
            assert_eq!(
                empty_markdown_sections(&markdown),
                Vec::<String>::new(),
                "{markdown}"
            );
            let options = ExportOptions {
                redact: false,
                language,
                today: today(),
                view: None,
            };
            let exported =
                String::from_utf8(export(&doc, ExportFormat::Markdown, &options).unwrap()).unwrap();
            assert_eq!(
                empty_markdown_sections(&exported),
                Vec::<String>::new(),
                "{exported}"
            );
            let html =
                String::from_utf8(export(&doc, ExportFormat::Html, &options).unwrap()).unwrap();
            let compact: String = html.split_whitespace().collect();
            assert!(
                !compact.contains("</h2><h2>"),
                "an empty section in the HTML"
            );
            assert!(!compact.contains("</h2></body>"), "an empty last section");
            // Plans only for the roles on the map.
            for role in powermap::model::Role::ALL {
                let present = doc.stakeholders.iter().any(|p| p.role == *role);
                let heading = format!(
                    "### {}",
                    powermap::analysis::text::capitalised(powermap::analysis::text::role_name(
                        *role, language
                    ))
                );
                if !present && !doc.plans.contains_key(role) {
                    assert!(!exported.contains(&heading), "{heading}");
                }
            }
        }
    }
}
