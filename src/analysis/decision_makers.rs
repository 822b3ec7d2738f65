//! Who probably decides: the part each person plays in the buying centre (decider,
//! approver, gate), the role the team tagged, rank and recorded power, combined into
//! one score with the reasons spelled out. It works before anyone has been tagged —
//! when a team needs it most — and it never counts how many people the team knows in
//! a department, so knowing more of IT does not make IT decide.

use std::collections::HashMap;

use super::buying::{BuyingCenter, DecisionKind};
use super::learned::{LearnedEvidence, MAX_LEARNED_WEIGHT};
use super::structure::Structure;
use super::text::{name_of, quoted_field, tx};
use super::titles::{Line, Rank};
use crate::lang::Language;
use crate::model::{Role, Stakeholder, StakeholderId};

/// Candidates shown at most.
const MAX_CANDIDATES: usize = 6;
/// Below this score nobody is called a likely decision maker.
pub const MIN_SCORE: f64 = 0.3;

/// One likely decision maker.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Index of the person in the document.
    pub person: usize,
    /// 0 to 1.
    pub score: f64,
    /// Their part in the decision, when the buying centre names one.
    pub kind: Option<DecisionKind>,
    /// Why, in words.
    pub reasons: Vec<String>,
}

impl Candidate {
    /// The stable code of the kind: `decider`, `approver`, `gate` or `candidate`.
    pub fn kind_code(&self) -> &'static str {
        self.kind.map_or("candidate", DecisionKind::as_str)
    }
}

/// How likely a score says someone decides, in words a manager would use.
pub fn likelihood(score: f64, language: Language) -> &'static str {
    let (en, zh) = if score >= 0.7 {
        ("very likely has the final say", "很可能拍板")
    } else if score >= 0.5 {
        ("probably takes part in the final decision", "可能参与拍板")
    } else {
        ("has some say in the decision", "有一定决策影响")
    };
    match language {
        Language::English => en,
        Language::Chinese => zh,
    }
}

/// Likely decision makers, most likely first. Linear in people and lines. With
/// `learned`, what the workspace's closed deals say about each person adds at most
/// [`MAX_LEARNED_WEIGHT`], with its reason.
pub fn decision_maker_candidates(
    structure: &Structure<'_>,
    buying: &BuyingCenter,
    language: Language,
    learned: Option<&dyn LearnedEvidence>,
) -> Vec<Candidate> {
    let doc = structure.doc;
    let features = learned.map(|_| super::learned::features_in(structure));
    // The first step of the decision process naming each id as approver.
    let mut first_step: HashMap<&StakeholderId, usize> = HashMap::new();
    for (at, step) in doc.account.decision_process.iter().enumerate() {
        for id in &step.approvers {
            first_step.entry(id).or_insert(at);
        }
    }
    let mut scored: Vec<Candidate> = doc
        .stakeholders
        .iter()
        .enumerate()
        .map(|(i, person)| {
            let mut score = 0.0;
            let mut reasons = Vec::new();
            let kind = buying.kind(i);
            if person.role == Role::DecisionMaker {
                score += 0.35;
                reasons.push(tx(
                    language,
                    "tagged as decision maker".into(),
                    "已标记为决策者".into(),
                ));
            }
            if let Some(kind) = kind {
                score += match kind {
                    DecisionKind::Decider => 0.35,
                    DecisionKind::Approver => 0.25,
                    DecisionKind::Gate => 0.08,
                };
                reasons.push(kind_reason(
                    structure,
                    buying,
                    &first_step,
                    i,
                    kind,
                    language,
                ));
            }
            score += rank_part(buying, i, person, language, &mut reasons);
            let power = person.power.level();
            score += 0.15 * f64::from(power - 1) / 4.0;
            if power >= 4 {
                reasons.push(tx(
                    language,
                    format!("power {power} of 5"),
                    format!("权力 {power}/5"),
                ));
            }
            // Without an owner in the opportunity text, the top of a reporting line
            // is the best hint left.
            if buying.owner.is_none()
                && structure.managers.get(i).is_some_and(<[usize]>::is_empty)
                && structure.reports.get(i).is_some_and(|r| !r.is_empty())
            {
                score += 0.05;
                reasons.push(tx(
                    language,
                    "top of a reporting line on the map".into(),
                    "位于图中汇报线顶端".into(),
                ));
            }
            let lesson = learned.zip(features.as_ref().and_then(|f| f.get(i)));
            if let Some((weight, reason)) =
                lesson.and_then(|(learned, features)| learned.evidence(features, language))
            {
                score += MAX_LEARNED_WEIGHT * weight.clamp(0.0, 1.0);
                reasons.push(reason);
            }
            Candidate {
                person: i,
                score: score.min(1.0),
                kind,
                reasons,
            }
        })
        .filter(|c| c.score >= MIN_SCORE)
        .collect();
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.person.cmp(&b.person)));
    scored.truncate(MAX_CANDIDATES);
    scored
}

/// The part of the score the title gives, with its reason.
fn rank_part(
    buying: &BuyingCenter,
    index: usize,
    person: &Stakeholder,
    language: Language,
    reasons: &mut Vec<String>,
) -> f64 {
    let Some(facts) = buying.facts(index) else {
        return 0.0;
    };
    let title = quoted_field(&person.title);
    let reading = facts.title;
    let weight = match reading.rank {
        Rank::Top => 0.15,
        Rank::Executive => 0.12,
        Rank::Head => 0.10,
        Rank::DeputyHead => 0.06,
        Rank::Section => 0.03,
        Rank::Staff => 0.0,
    };
    match reading.line {
        Line::Staff => {
            if !person.title.trim().is_empty() {
                reasons.push(tx(
                    language,
                    format!("“{title}” works for an executive: access, not the decision"),
                    format!("“{title}”是为领导服务的岗位：掌握渠道，但不拍板"),
                ));
            }
            0.0
        }
        Line::Beside => {
            reasons.push(tx(
                language,
                format!("“{title}” sits beside the line of command: can weigh in or object, but does not sign"),
                format!("“{title}”不在业务决策线上：可以表态或提出异议，但不签批"),
            ));
            weight / 2.0
        }
        Line::Command => {
            let text = match reading.rank {
                Rank::Top => Some((
                    format!("“{title}” is the top of the organisation"),
                    format!("“{title}”是一把手"),
                )),
                Rank::Executive => Some((
                    format!("“{title}” is on the executive team"),
                    format!("“{title}”属于高层领导"),
                )),
                Rank::Head => Some((
                    format!("“{title}” heads a department"),
                    format!("“{title}”是部门负责人"),
                )),
                Rank::DeputyHead => Some((
                    format!("“{title}” is a deputy head"),
                    format!("“{title}”是部门副职"),
                )),
                Rank::Section | Rank::Staff => None,
            };
            if let Some((en, zh)) = text {
                reasons.push(tx(language, en, zh));
            }
            weight
        }
    }
}

/// Why the buying centre gives a person their part.
fn kind_reason(
    structure: &Structure<'_>,
    buying: &BuyingCenter,
    first_step: &HashMap<&StakeholderId, usize>,
    index: usize,
    kind: DecisionKind,
    language: Language,
) -> String {
    let doc = structure.doc;
    let function = buying.facts(index).and_then(|f| f.function);
    let function_name = function.map_or("", |f| f.name(language));
    match kind {
        DecisionKind::Decider => match buying.owner {
            Some(owner) => {
                let owner = owner.name(language);
                tx(
                    language,
                    format!("business decider: heads {owner}, the function whose work this opportunity changes"),
                    format!("业务决策人：本项目改变的是{owner}的工作，其为该条线负责人"),
                )
            }
            None => tx(
                language,
                "decider by default: the opportunity names no business owner, and this is the most senior person in the line of command".into(),
                "默认的拍板人：商机未指明业务归口，其为图中业务线上级别最高的领导".into(),
            ),
        },
        DecisionKind::Approver => {
            let named_step = doc
                .stakeholders
                .get(index)
                .and_then(|p| first_step.get(&p.id))
                .and_then(|&at| doc.account.decision_process.get(at));
            let decider_below = buying.deciders.iter().copied().find(|&d| {
                structure
                    .managers
                    .get(d)
                    .is_some_and(|m| m.contains(&index))
            });
            if let Some(step) = named_step {
                let step = quoted_field(&step.name);
                tx(
                    language,
                    format!("approver: approves the step “{step}” of the decision process"),
                    format!("审批人：负责决策流程中“{step}”一步的审批"),
                )
            } else if let Some(decider) = decider_below.and_then(|d| doc.stakeholders.get(d)) {
                let who = name_of(decider, language);
                tx(
                    language,
                    format!("approver: {who}, the business decider, reports to them"),
                    format!("审批人：业务决策人{who}的上级领导"),
                )
            } else {
                tx(
                    language,
                    format!("approver: the executive over {function_name}"),
                    format!("审批人：分管{function_name}的领导"),
                )
            }
        }
        DecisionKind::Gate => {
            let gate = function.map_or("", |f| f.gate_name(language));
            tx(
                language,
                format!("gate ({gate}): can stop the deal, rarely chooses it"),
                format!("把关人（{gate}）：能否决，但通常不拍板"),
            )
        }
    }
}
