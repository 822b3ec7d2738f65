//! Steps about the state of our relationship and the deal's clock: re-verify old
//! facts first, what the stage asks, a light touch for the less powerful, a first
//! contact through someone the person trusts, an owner, and overdue actions.

use super::super::buying::DecisionKind;
use super::profile::Profile;
use super::{Steps, introductions, stale};
use crate::model::{Coverage, Role, Stage, Stance};

/// When what we know of the person is older than the window, re-verifying comes
/// first.
pub fn reverify_step(profile: &Profile<'_>, steps: &mut Steps) {
    if !stale(profile) {
        return;
    }
    let person = profile.person;
    let Some(last) = person.last_verified.max(person.last_contact) else {
        return;
    };
    let age = profile.recency.age(last);
    steps.push(
        format!("Re-verify first: what we know of them is {} old — their post, their stance and whom they report to may have changed.", super::super::text::days(age, crate::lang::Language::English)),
        format!("先重新核实：其信息已是 {age} 天前的，职务、态度和汇报关系都可能已变。"),
    );
}

/// What the deal stage asks of this person.
pub fn stage_steps(profile: &Profile<'_>, steps: &mut Steps) {
    let person = profile.person;
    let power = person.power.level();
    let weighs = power >= 4
        || profile.decides
        || matches!(
            profile.kind,
            Some(DecisionKind::Approver | DecisionKind::Decider)
        );
    match profile.doc.account.stage {
        Stage::Early => steps.push(
            "Early stage: use every contact to learn how the decision will be made and by whom.".into(),
            "前期：借每次接触摸清决策流程和决策人。".into(),
        ),
        Stage::Middle if weighs || person.stance == Stance::Neutral => steps.push(
            "Middle stage: tailor the proposal to their criteria and test it with them before it is final.".into(),
            "中期：按其标准定制方案，定稿前先与其沟通确认。".into(),
        ),
        Stage::Middle => {}
        Stage::Late if weighs => match profile.doc.account.close_date {
            Some(close) => steps.push(
                format!("Late stage: secure their explicit commitment before the decision meeting, and before the close date {close}."),
                format!("后期：在决策会前、预计签约日 {close} 之前取得其明确承诺。"),
            ),
            None => steps.push(
                "Late stage: secure their explicit commitment before the decision meeting.".into(),
                "后期：在决策会前取得其明确承诺。".into(),
            ),
        },
        Stage::Late if person.stance.is_against() || person.role == Role::Blocker => steps.push(
            "Late stage: neutralise their objections before the decision meeting.".into(),
            "后期：在决策会前化解其反对意见。".into(),
        ),
        Stage::Late => {}
    }
    let matters = weighs
        || profile.kind.is_some()
        || !profile.advises.is_empty()
        || matches!(
            person.role,
            Role::Champion | Role::Gatekeeper | Role::Blocker
        )
        || person.stance.is_against();
    if power <= 2 && !matters {
        steps.push(
            "Light touch: keep them informed, but put your time where the power is.".into(),
            "适度投入：保持知情即可，把主要精力放在有分量的人身上。".into(),
        );
    }
}

/// A first contact, an owner, overdue actions.
pub fn hygiene_steps(profile: &Profile<'_>, steps: &mut Steps) {
    let person = profile.person;
    if person.coverage == Coverage::None && person.last_contact.is_none() {
        match introductions::introducer(profile) {
            Some(bridge) => {
                let who = profile.name(bridge);
                steps.push(
                    format!("No contact yet: ask {who} for an introduction."),
                    format!("尚未接触：请{who}引荐。"),
                );
            }
            None if profile.executive() => steps.push(
                "No contact yet, and nobody we know can introduce us without friction: have our executive ask for a meeting at their level.".into(),
                "尚未接触，也没有合适的引荐人：由我方对等高层直接约见。".into(),
            ),
            None => steps.push(
                "No contact yet: find someone they trust to introduce you.".into(),
                "尚未接触：找一位其信任的人引荐。".into(),
            ),
        }
    }
    if person.owner.is_none() && (person.power.level() >= 4 || profile.decides) {
        steps.push(
            "Assign an owner on our team at a matching level.".into(),
            "指定级别相当的我方负责人。".into(),
        );
    }
    let overdue = profile
        .analysis
        .actions
        .iter()
        .filter(|a| a.person == profile.index && a.overdue)
        .count();
    match overdue {
        0 => {}
        1 => steps.push(
            "1 action with them is overdue: do it or re-plan it this week.".into(),
            "与其相关的 1 项行动已逾期：本周完成或重新安排。".into(),
        ),
        n => steps.push(
            format!("{n} actions with them are overdue: do or re-plan them this week."),
            format!("与其相关的 {n} 项行动已逾期：本周完成或重新安排。"),
        ),
    }
}
