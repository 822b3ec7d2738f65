//! Stage focus: what the account's stage asks the team to look at. Early: the
//! structure and the missing roles. Middle: plans per role and converting neutrals.
//! Late: the decision makers and the blockers.

use super::Context;
use super::risks::RiskCode;
use super::text::tx;
use crate::model::{Role, Stage, Stance};

/// What to concentrate on now.
#[derive(Clone, Debug, PartialEq)]
pub struct StageFocus {
    /// The deal stage.
    pub stage: Stage,
    /// One sentence on what matters now.
    pub headline: String,
    /// The people to look at (indices in the document), for highlighting.
    pub people: Vec<usize>,
}

/// Risks that matter most in a stage; they are listed first among equals.
pub fn emphasized_risks(stage: Stage) -> &'static [RiskCode] {
    match stage {
        Stage::Early => &[
            RiskCode::MapStale,
            RiskCode::ContactsOutsideOwnerDepartment,
            RiskCode::NoDecisionMaker,
            RiskCode::NoChampion,
            RiskCode::HighPowerUnknownStance,
            RiskCode::SingleThreaded,
            RiskCode::NoCoverage,
        ],
        Stage::Middle => &[
            RiskCode::MapStale,
            RiskCode::DmAdviserNotWithUs,
            RiskCode::CompetitorChampion,
            RiskCode::WeakChampion,
            RiskCode::DecisionMakerNotSupportive,
            RiskCode::NoPathToDecisionMaker,
            RiskCode::KeyPersonWithoutOwner,
            RiskCode::PowerfulOpponent,
        ],
        Stage::Late => &[
            RiskCode::MapStale,
            RiskCode::CloseDateAtRisk,
            RiskCode::KeyPersonNeverMet,
            RiskCode::ApproverNotCovered,
            RiskCode::DecisionMakerNotSupportive,
            RiskCode::DecisionMakerStanceUnknown,
            RiskCode::PowerfulOpponent,
            RiskCode::NoPathToDecisionMaker,
            RiskCode::OverdueActions,
        ],
    }
}

/// The focus for the map's stage. A map too old to trust comes first, whatever the
/// stage: re-verify it before planning on it.
pub fn stage_focus(cx: &Context<'_>, risks: &[super::Risk]) -> StageFocus {
    let lang = cx.language;
    let stage = cx.stage();
    if let Some(stale) = risks.iter().find(|r| r.code == RiskCode::MapStale) {
        let mut people = cx.decision_makers.clone();
        people.extend(cx.buying.approvers.iter().copied());
        people.extend(stale.people.iter().copied().filter(|&i| {
            cx.doc
                .stakeholders
                .get(i)
                .is_some_and(|p| p.power.level() >= 4)
        }));
        people.sort_unstable();
        people.dedup();
        return StageFocus {
            stage,
            headline: tx(
                lang,
                "Re-verify the map first: most of it is out of date. Confirm who holds which post, who reports to whom and where each key person stands, then plan.".into(),
                "先全面复核地图：大部分信息已过时。逐一确认各人现任职务、汇报关系和关键人的态度，再制定计划。".into(),
            ),
            people,
        };
    }
    // Advisers who are not with us belong to the focus of any stage after the first.
    let advisers: Vec<usize> = risks
        .iter()
        .filter(|r| {
            matches!(
                r.code,
                RiskCode::DmAdviserNotWithUs
                    | RiskCode::CompetitorChampion
                    | RiskCode::SpecWriterNotWithUs
            )
        })
        .flat_map(|r| r.people.iter().copied())
        .collect();
    let (headline, people) = match stage {
        Stage::Early => (
            tx(
                lang,
                "Early stage: map the structure — who decides, who influences — and fill in the unknown roles and stances.".into(),
                "前期：理清决策链结构——谁拍板、谁影响——补全未知的角色和态度。".into(),
            ),
            cx.indices(|p| p.role == Role::Unknown || p.stance == Stance::Unknown),
        ),
        Stage::Middle => (
            tx(
                lang,
                "Middle stage: work the plan for each role and convert the neutrals and skeptics who carry weight.".into(),
                "中期：按角色推进沟通计划，争取有分量的中立者和怀疑者。".into(),
            ),
            {
                let mut people = cx.indices(|p| {
                    p.power.level() >= 3 && matches!(p.stance, Stance::Neutral | Stance::Skeptic)
                });
                people.extend(advisers.iter().copied());
                people.sort_unstable();
                people.dedup();
                people
            },
        ),
        Stage::Late => {
            let mut people = cx.decision_makers.clone();
            people.extend(cx.indices(|p| p.role == Role::Blocker || p.stance == Stance::Opponent));
            people.extend(advisers.iter().copied());
            people.sort_unstable();
            people.dedup();
            (
                tx(
                    lang,
                    "Late stage: concentrate on the decision makers and the blockers, and push to close.".into(),
                    "后期：集中精力攻关决策者、化解阻力，推动签约。".into(),
                ),
                people,
            )
        }
    };
    StageFocus {
        stage,
        headline,
        people,
    }
}
