//! The recommended approach for one person, from role × stance × power × deal stage,
//! with concrete steps and the reasons behind them.

use std::collections::HashMap;

use super::Analysis;
use super::text::{name_of, role_name, stage_phrase, stance_name, tx};
use crate::lang::Language;
use crate::model::{
    Coverage, Document, RelationshipKind, Role, Stage, Stakeholder, StakeholderId, Stance,
};

/// What to do with one person, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Approach {
    /// The approach in a few words.
    pub headline: String,
    /// Why this approach: who they are, where they stand, what stage the deal is in.
    pub why: String,
    /// Concrete next steps, most important first.
    pub steps: Vec<String>,
}

/// The approach for the person at `index` in the document.
pub fn approach(doc: &Document, analysis: &Analysis, index: usize) -> Option<Approach> {
    let person = doc.stakeholders.get(index)?;
    let lang = analysis.options.language;
    let stage = doc.account.stage;
    let mut steps = Vec::new();
    let headline = stance_steps(doc, index, person, lang, &mut steps);
    role_steps(person, lang, &mut steps);
    power_and_stage_steps(person, stage, lang, &mut steps);
    hygiene_steps(doc, analysis, index, person, lang, &mut steps);
    Some(Approach {
        headline,
        why: why(analysis, index, person, stage, lang),
        steps,
    })
}

fn quoted(text: &str) -> String {
    let short: String = text.chars().take(80).collect();
    let cut = short.len() < text.len();
    let short = super::text::quoted_field(&short);
    if cut {
        format!("“{short}…”")
    } else {
        format!("“{short}”")
    }
}

/// The people linked to `index` by a reporting line upward (their managers).
fn managers(doc: &Document, index: usize) -> Vec<&Stakeholder> {
    let Some(person) = doc.stakeholders.get(index) else {
        return Vec::new();
    };
    let by_id = people_by_id(doc);
    doc.relationships
        .iter()
        .filter(|l| l.kind == RelationshipKind::ReportsTo && l.from == person.id)
        .filter_map(|l| by_id.get(&l.to).copied())
        .collect()
}

/// Supportive people directly linked to `index` (any line but conflict).
fn supportive_neighbours(doc: &Document, index: usize) -> Vec<&Stakeholder> {
    let Some(person) = doc.stakeholders.get(index) else {
        return Vec::new();
    };
    let by_id = people_by_id(doc);
    let mut seen = std::collections::HashSet::new();
    doc.relationships
        .iter()
        .filter(|l| l.kind != RelationshipKind::Conflict && l.touches(&person.id))
        .filter_map(|l| {
            by_id
                .get(if l.from == person.id { &l.to } else { &l.from })
                .copied()
        })
        .filter(|p| p.stance.is_supportive() || p.role == Role::Champion)
        .filter(|p| seen.insert(p.id.clone()))
        .collect()
}

/// The people by id, built once per question: the centre of a large star has as
/// many neighbours as the map has people, and looking each up in the list would
/// cost quadratic time.
fn people_by_id(doc: &Document) -> HashMap<&StakeholderId, &Stakeholder> {
    let mut by_id = HashMap::with_capacity(doc.stakeholders.len());
    for person in &doc.stakeholders {
        // The first of equal ids, as `Document::stakeholder` finds it.
        by_id.entry(&person.id).or_insert(person);
    }
    by_id
}

fn stance_steps(
    doc: &Document,
    index: usize,
    person: &Stakeholder,
    lang: Language,
    steps: &mut Vec<String>,
) -> String {
    match person.stance {
        Stance::Advocate | Stance::Supporter => {
            steps.push(tx(
                lang,
                "Keep them engaged: share progress and next steps before others hear them.".into(),
                "保持沟通：进展和下一步先让他们知道。".into(),
            ));
            steps.push(tx(lang, "Equip them with material they can use inside: the business case, references, answers to objections.".into(),
                "给他们内部可用的材料：商业论证、客户案例、常见异议的回应。".into()));
            let upward: Vec<String> = managers(doc, index)
                .into_iter()
                .filter(|m| !m.stance.is_supportive())
                .map(|m| name_of(m, lang))
                .collect();
            if upward.is_empty() {
                steps.push(tx(
                    lang,
                    "Ask them for introductions upward, to the people who decide.".into(),
                    "请他们向上引荐，接触真正拍板的人。".into(),
                ));
            } else {
                let who = upward.join(if lang == Language::Chinese {
                    "、"
                } else {
                    ", "
                });
                steps.push(tx(
                    lang,
                    format!("Ask them to introduce you to {who}."),
                    format!("请他们引荐{who}。"),
                ));
            }
            tx(
                lang,
                "Keep them engaged and equipped; ask for introductions upward".into(),
                "保持投入、提供弹药，请其向上引荐".into(),
            )
        }
        Stance::Neutral => {
            if person.interests.business.is_empty() && person.interests.personal.is_empty() {
                steps.push(tx(lang, "Find out what they care about: their business agenda and their personal agenda.".into(),
                    "弄清他们在意什么：业务诉求和个人诉求。".into()));
            } else if !person.interests.business.is_empty() {
                let agenda = quoted(&person.interests.business);
                steps.push(tx(
                    lang,
                    format!("Connect our offer to their agenda: {agenda}."),
                    format!("把方案与其诉求挂钩：{agenda}。"),
                ));
            }
            if !person.decision_criteria.is_empty() {
                let criteria = quoted(&person.decision_criteria);
                steps.push(tx(
                    lang,
                    format!("Show point by point how we meet their criteria: {criteria}."),
                    format!("逐条说明我们如何满足其标准：{criteria}。"),
                ));
            }
            steps.push(tx(
                lang,
                "Give them a reason to prefer us: a peer reference or a demo on their own case."
                    .into(),
                "给他们倾向我们的理由：同行案例或针对其场景的演示。".into(),
            ));
            tx(
                lang,
                "Convert: find what they care about and connect to it".into(),
                "争取转化：找准关注点并对接".into(),
            )
        }
        Stance::Skeptic | Stance::Opponent => {
            if person.concerns.is_empty() {
                steps.push(tx(
                    lang,
                    "First understand their concerns and interests: meet one-to-one and listen."
                        .into(),
                    "先了解其顾虑和利益诉求：单独沟通，认真倾听。".into(),
                ));
            } else {
                let concerns = quoted(&person.concerns);
                steps.push(tx(lang, format!("First understand their concerns ({concerns}): meet one-to-one and listen before answering."),
                    format!("先理解其顾虑（{concerns}）：单独沟通，先听后答。")));
            }
            steps.push(tx(
                lang,
                "Answer with data, cases and references, not with claims.".into(),
                "用数据、案例和客户证言回应，而不是空口承诺。".into(),
            ));
            steps.push(tx(lang, "Look for common ground: a shared interest, or a part of the solution they can shape and own.".into(),
                "寻找共同利益：让其参与并主导方案的一部分。".into()));
            if person.power.level() >= 4
                || person.role == Role::Blocker
                || person.stance == Stance::Opponent
            {
                steps.push(tx(
                    lang,
                    "If needed, bring in a more senior sponsor or a third-party expert.".into(),
                    "必要时请更高层支持者或第三方专家出面。".into(),
                ));
            }
            tx(
                lang,
                "Understand their concerns first, then answer with evidence".into(),
                "先理解顾虑，再用证据回应".into(),
            )
        }
        Stance::Unknown => {
            let champion = doc
                .stakeholders
                .iter()
                .find(|p| p.role == Role::Champion && p.id != person.id);
            match champion {
                Some(c) => {
                    let who = name_of(c, lang);
                    steps.push(tx(
                        lang,
                        format!("Ask {who} how they see the project."),
                        format!("向{who}了解其对项目的看法。"),
                    ));
                }
                None => steps.push(tx(
                    lang,
                    "Ask your contacts how they see the project.".into(),
                    "向已有联系人了解其对项目的看法。".into(),
                )),
            }
            steps.push(tx(
                lang,
                "Meet them briefly to hear their view in their own words.".into(),
                "争取简短会面，听其本人的观点。".into(),
            ));
            tx(lang, "Find out where they stand".into(), "摸清态度".into())
        }
    }
}

fn role_steps(person: &Stakeholder, lang: Language, steps: &mut Vec<String>) {
    let step = match person.role {
        Role::DecisionMaker => tx(lang, "Meet at their level: bring our senior sponsor and talk business outcomes, ROI and risk.".into(),
            "对等拜访：请我方高层出面，谈业务成果、投资回报和风险。".into()),
        Role::Influencer => tx(lang, "Win their evaluation: technical proof, a demo on their data, a clear total cost.".into(),
            "赢得其评估：技术验证、基于其数据的演示、清晰的总拥有成本。".into()),
        Role::EndUser => tx(lang, "Let them try it: a hands-on demo or a pilot, and a training plan.".into(),
            "让他们亲自试用：上手演示或试点，并给出培训计划。".into()),
        Role::Gatekeeper => tx(lang, "Earn access respectfully: ask rather than demand, make their job easier, keep every promise.".into(),
            "以尊重赢得通道：多请求少要求，帮其省事，言出必行。".into()),
        Role::Blocker => tx(lang, "Never surprise them in front of others: brief them before key meetings.".into(),
            "不要当众让其措手不及：关键会议前先沟通。".into()),
        Role::Champion => tx(lang, "Use them as a coach: review this map with them, and check what they tell you with a second source.".into(),
            "请其做教练：一起核对这张地图，并用第二信源验证其信息。".into()),
        Role::Unknown => tx(lang, "Find out their role in the decision: whom they report to and what they sign off.".into(),
            "弄清其在决策中的角色：向谁汇报、签批什么。".into()),
    };
    steps.push(step);
}

fn power_and_stage_steps(
    person: &Stakeholder,
    stage: Stage,
    lang: Language,
    steps: &mut Vec<String>,
) {
    let power = person.power.level();
    let key = power >= 4 || person.role == Role::DecisionMaker;
    match stage {
        Stage::Early => steps.push(tx(lang, "Early stage: use every contact to learn how the decision will be made and by whom.".into(),
            "前期：借每次接触了解决策流程和决策人。".into())),
        Stage::Middle if key || person.stance == Stance::Neutral => steps.push(tx(lang,
            "Middle stage: tailor the proposal to their criteria and test it with them before it is final.".into(),
            "中期：按其标准定制方案，定稿前先与其沟通确认。".into())),
        Stage::Middle => {}
        Stage::Late if key => steps.push(tx(lang, "Late stage: secure their explicit commitment before the decision meeting.".into(),
            "后期：在决策会前取得其明确承诺。".into())),
        Stage::Late if person.stance.is_against() || person.role == Role::Blocker => steps.push(tx(lang,
            "Late stage: neutralise their objections before the decision meeting.".into(),
            "后期：在决策会前化解其反对意见。".into())),
        Stage::Late => {}
    }
    if power <= 2
        && !matches!(
            person.role,
            Role::Champion | Role::Gatekeeper | Role::DecisionMaker
        )
    {
        steps.push(tx(
            lang,
            "Light touch: keep them informed, but put your time where the power is.".into(),
            "适度投入：保持知情，把主要精力放在有权力的人身上。".into(),
        ));
    }
}

fn hygiene_steps(
    doc: &Document,
    analysis: &Analysis,
    index: usize,
    person: &Stakeholder,
    lang: Language,
    steps: &mut Vec<String>,
) {
    if person.coverage == Coverage::None && person.last_contact.is_none() {
        let bridge: Vec<String> = supportive_neighbours(doc, index)
            .iter()
            .map(|p| name_of(p, lang))
            .collect();
        if bridge.is_empty() {
            steps.push(tx(
                lang,
                "No contact yet: find someone who can introduce you.".into(),
                "尚未接触：找人引荐。".into(),
            ));
        } else {
            let who = bridge.join(if lang == Language::Chinese {
                "、"
            } else {
                ", "
            });
            steps.push(tx(
                lang,
                format!("No contact yet: ask {who} for an introduction."),
                format!("尚未接触：请{who}引荐。"),
            ));
        }
    }
    if person.owner.is_none() && (person.power.level() >= 4 || person.role == Role::DecisionMaker) {
        steps.push(tx(
            lang,
            "Assign an owner on our team at a matching level.".into(),
            "指定级别相当的我方负责人。".into(),
        ));
    }
    if let Some(verified) = person.last_verified {
        let age = analysis.options.today.days_since_epoch() - verified.days_since_epoch();
        if age > analysis.options.stale_after_days {
            steps.push(tx(
                lang,
                format!(
                    "Re-verify what we know: last checked {} ago.",
                    Language::English.count(usize::try_from(age).unwrap_or(0), "day", "days", "")
                ),
                format!("重新核实信息：上次核实在 {age} 天前。"),
            ));
        }
    }
    let overdue = analysis
        .actions
        .iter()
        .filter(|a| a.person == index && a.overdue)
        .count();
    if overdue > 0 {
        steps.push(tx(
            lang,
            format!("{overdue} overdue action(s) with them: do or re-plan them this week."),
            format!("与其相关的 {overdue} 项行动已逾期：本周完成或重新安排。"),
        ));
    }
}

fn why(
    analysis: &Analysis,
    index: usize,
    person: &Stakeholder,
    stage: Stage,
    lang: Language,
) -> String {
    let stage_name = stage_phrase(stage, lang);
    let power = person.power.level();
    let mut why = tx(
        lang,
        format!(
            "{}: {}, {}, power {power} of 5; the deal is in the {stage_name}.",
            name_of(person, lang),
            role_name(person.role, lang),
            stance_name(person.stance, lang)
        ),
        format!(
            "{}：{}，{}，权力 {power}/5；项目处于{stage_name}。",
            name_of(person, lang),
            role_name(person.role, lang),
            stance_name(person.stance, lang)
        ),
    );
    if person.role != Role::DecisionMaker
        && let Some(candidate) = analysis.decision_makers.iter().find(|c| c.person == index)
    {
        let score = (candidate.score * 100.0).round();
        why.push(' ');
        why.push_str(&tx(
            lang,
            format!("They may well be a decision maker (score {score}/100)."),
            format!("其很可能是决策者（得分 {score}/100）。"),
        ));
    }
    if let Some(hidden) = analysis
        .hidden_influencers
        .iter()
        .find(|h| h.person == index)
    {
        why.push(' ');
        why.push_str(&tx(
            lang,
            format!("They matter more than recorded: {}.", hidden.why),
            format!("其实际分量高于记录：{}。", hidden.why),
        ));
    }
    why
}
