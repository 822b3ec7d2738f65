//! Steps about the decision itself: the sign-off route for a decision maker, the
//! approver who must not hear of the deal first at the sign-off, the advisers a
//! decision maker listens to, and the decision makers an adviser moves.

use super::super::buying::DecisionKind;
use super::super::text::{quoted_field, stance_phrase};
use super::Steps;
use super::profile::Profile;
use crate::lang::Language;

/// Advisers named in one step at most.
const MAX_ADVISERS: usize = 2;

/// Adds the decision steps.
pub fn decision_steps(profile: &Profile<'_>, steps: &mut Steps) {
    if profile.decides {
        sign_off_step(profile, steps);
    } else if profile.kind == Some(DecisionKind::Approver) {
        approver_step(profile, steps);
    }
    advisers_step(profile, steps);
    advises_step(profile, steps);
}

/// Where a purchase like this is decided in this kind of organisation, in words.
fn collective_body(profile: &Profile<'_>) -> (String, String) {
    let account = &profile.doc.account;
    let text = format!(
        "{} {} {}",
        account.name, account.industry, account.opportunity
    )
    .to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    let chinese = text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let (en, zh) = if has(&[
        "大学",
        "学院",
        "学校",
        "高校",
        "university",
        "college",
        "school",
    ]) {
        (
            "the president's office meeting or the Party standing committee",
            "校长办公会还是党委常委会",
        )
    } else if has(&["医院", "卫生", "hospital", "clinic"]) {
        (
            "the hospital's management meeting or the Party committee",
            "院长办公会还是党委会",
        )
    } else if chinese {
        (
            "the general manager's office meeting or the Party committee; in state-owned groups a major purchase is a collective decision",
            "总经理办公会还是党委会，国企“三重一大”事项须集体决策",
        )
    } else {
        (
            "the executive board, or the supervisory board for a large purchase",
            "执行董事会，金额较大时还要上监事会",
        )
    };
    (en.to_owned(), zh.to_owned())
}

/// The decision process the team recorded, as "A → B → C".
fn process(profile: &Profile<'_>) -> Option<String> {
    let steps: Vec<String> = profile
        .doc
        .account
        .decision_process
        .iter()
        .map(|s| quoted_field(s.name.trim()))
        .filter(|s| !s.is_empty())
        .collect();
    (!steps.is_empty()).then(|| steps.join(" → "))
}

/// A decision maker with nobody above them gets the sign-off step; one with a
/// manager on the map gets the route upward.
fn sign_off_step(profile: &Profile<'_>, steps: &mut Steps) {
    if profile.at_the_top() {
        match process(profile) {
            Some(process) => steps.push(
                format!("Secure the sign-off: walk through the decision process with them ({process}), agree what each step needs to see, and ask them to put the project on the agenda."),
                format!("锁定签批环节：与其逐一确认决策流程（{process}）每一步要看到什么，并请其推动列入议程。"),
            ),
            None => {
                let (en, zh) = collective_body(profile);
                steps.push(
                    format!("Secure the sign-off: find out where a purchase of this size is decided ({en}), ask them to put the project on the agenda, and agree what they need to see first."),
                    format!("锁定签批环节：弄清这个金额的项目要上哪个会（{zh}），请其推动列入议程，并确认上会前需要看到什么。"),
                );
            }
        }
    } else {
        let boss = profile.names(&profile.managers);
        steps.push(
            format!("Agree how it goes up: ask them to take it to {boss} for sign-off, with our executive alongside if that helps."),
            format!("商定上报路径：请其向{boss}汇报并争取签批，需要时我方高层陪同。"),
        );
    }
}

/// An approver hears of the project from their own people before the sign-off.
fn approver_step(profile: &Profile<'_>, steps: &mut Steps) {
    let below: Vec<usize> = profile
        .analysis
        .buying
        .deciders
        .iter()
        .copied()
        .filter(|&d| d != profile.index)
        .collect();
    if below.is_empty() {
        steps.push(
            "Make sure they hear of the project from their own people before it reaches them for sign-off.".into(),
            "确保其在签批前已从自己人那里听说过这个项目。".into(),
        );
    } else {
        let who = profile.names(&below);
        steps.push(
            format!("Make sure they hear of the project from their own people before it reaches them for sign-off: agree with {who} when and how it goes up."),
            format!("确保其在签批前已从自己人那里听说过这个项目：与{who}商定何时、如何上报。"),
        );
    }
}

/// The advisers this person listens to.
fn advisers_step(profile: &Profile<'_>, steps: &mut Steps) {
    for &(adviser, strength) in profile.advisers.iter().take(MAX_ADVISERS) {
        let Some(person) = profile.other(adviser) else {
            continue;
        };
        let name = profile.name(adviser);
        if person.stance.is_supportive() {
            steps.push(
                format!("They listen to {name} (influence {strength} of 3), who is on our side: brief {name} first, so the case reaches them from someone they trust."),
                format!("其很听{name}的意见（影响强度 {strength}/3），而{name}支持我方：先与{name}沟通，让方案经其信任的人传到其耳中。"),
            );
        } else {
            let stance = stance_phrase(person.stance, Language::English);
            let zh_stance = stance_phrase(person.stance, Language::Chinese);
            steps.push(
                format!("They listen to {name} (influence {strength} of 3), who is {stance}: win {name} over, or at least hear them out, before this decision is made."),
                format!("其很听{name}的意见（影响强度 {strength}/3），而{name}{zh_stance}：在决策之前争取{name}，至少听清其意见。"),
            );
        }
    }
}

/// The decision makers this person moves.
fn advises_step(profile: &Profile<'_>, steps: &mut Steps) {
    let targets: Vec<usize> = profile.advises.iter().map(|(t, _)| *t).collect();
    if targets.is_empty() {
        return;
    }
    let who = profile.names(&targets);
    if profile.person.stance.is_supportive() {
        steps.push(
            format!("They have {who}'s ear: ask them to speak for us to {who}, with material that answers {who}'s questions."),
            format!("其能左右{who}：请其在{who}面前替我们说话，并给其能回答{who}疑问的材料。"),
        );
    } else {
        steps.push(
            format!("They have {who}'s ear: meet them yourselves and hear their view before {who} decides — what they say weighs like a decision maker's."),
            format!("其能左右{who}：赶在{who}决策之前由我方直接拜访、听其意见——其意见的分量不亚于决策者。"),
        );
    }
}
