//! The first steps, from where the person stands toward us.

use super::super::text::tx;
use super::profile::Profile;
use super::{Steps, introductions, quoted};
use crate::model::{Role, Stance};

/// Adds the steps for the person's stance and returns the headline.
pub fn stance_steps(profile: &Profile<'_>, steps: &mut Steps) -> String {
    let lang = profile.lang;
    let person = profile.person;
    match person.stance {
        Stance::Advocate | Stance::Supporter => {
            steps.push(
                "Keep them engaged: share progress and next steps with them before others hear them.".into(),
                "保持沟通：进展和下一步先让其知道。".into(),
            );
            steps.push(
                "Equip them with material they can use inside: the business case, references, answers to objections.".into(),
                "给其内部可用的材料：商业论证、客户案例、常见异议的应答口径。".into(),
            );
            let intros = introductions::introductions_from(profile);
            if !intros.is_empty() {
                let who = profile.names(&intros);
                steps.push(
                    format!("Ask them to introduce you to {who}."),
                    format!("请其引荐{who}。"),
                );
            } else if !profile.decides {
                steps.push(
                    "Ask them to speak for the project where it is decided, and to tell you who else weighs in.".into(),
                    "请其在决策场合为项目说话，并告诉我们还有谁说得上话。".into(),
                );
            }
            if profile.decides {
                tx(
                    lang,
                    "Turn their support into a signed decision".into(),
                    "把支持落实为拍板".into(),
                )
            } else if intros.is_empty() {
                tx(
                    lang,
                    "Keep them engaged and equipped".into(),
                    "保持投入、提供弹药".into(),
                )
            } else {
                tx(
                    lang,
                    "Keep them engaged and equipped; ask for introductions".into(),
                    "保持投入、提供弹药，请其引荐".into(),
                )
            }
        }
        Stance::Neutral => {
            let business = person.interests.business.trim();
            if business.is_empty() && person.interests.personal.trim().is_empty() {
                steps.push(
                    "Find out what they care about: their business agenda and their personal agenda.".into(),
                    "弄清其在意什么：业务诉求和个人诉求。".into(),
                );
            } else if !business.is_empty() {
                let agenda = quoted(business);
                steps.push(
                    format!("Connect our offer to their agenda: {agenda}."),
                    format!("把方案与其诉求挂钩：{agenda}。"),
                );
            }
            if !person.decision_criteria.trim().is_empty() {
                let criteria = quoted(&person.decision_criteria);
                steps.push(
                    format!("Show point by point how we meet their criteria: {criteria}."),
                    format!("逐条说明我们如何满足其标准：{criteria}。"),
                );
            }
            steps.push(
                "Give them a reason to prefer us: a peer reference or a demo on their own case."
                    .into(),
                "给对方一个倾向我们的理由：同行案例，或针对其场景的演示。".into(),
            );
            tx(
                lang,
                "Convert: find what they care about and connect to it".into(),
                "争取转化：找准关注点并对接".into(),
            )
        }
        Stance::Skeptic | Stance::Opponent => {
            if person.concerns.trim().is_empty() {
                steps.push(
                    "First understand their concerns and interests: meet one-to-one and listen."
                        .into(),
                    "先了解其顾虑和利益诉求：单独沟通，认真倾听。".into(),
                );
            } else {
                let concerns = quoted(&person.concerns);
                steps.push(
                    format!("First understand their concerns ({concerns}): meet one-to-one and listen before answering."),
                    format!("先理解其顾虑（{concerns}）：单独沟通，先听后答。"),
                );
            }
            steps.push(
                "Answer with data, cases and references, not with claims.".into(),
                "用数据、案例和客户证言回应，而不是空口承诺。".into(),
            );
            steps.push(
                "Look for common ground: a shared interest, or a part of the solution they can shape and own.".into(),
                "寻找共同利益：让其参与并主导方案的一部分。".into(),
            );
            if person.power.level() >= 4
                || person.role == Role::Blocker
                || person.stance == Stance::Opponent
            {
                // Nobody in the customer outranks the top: the sponsor is ours.
                if profile.executive() && profile.at_the_top() {
                    steps.push(
                        "If needed, bring in our own top executive or a third-party expert they respect.".into(),
                        "必要时请我方最高层或其认可的第三方专家出面。".into(),
                    );
                } else {
                    steps.push(
                        "If needed, bring in a more senior sponsor or a third-party expert.".into(),
                        "必要时请更高层的支持者或第三方专家出面。".into(),
                    );
                }
            }
            tx(
                lang,
                "Understand their concerns first, then answer with evidence".into(),
                "先理解顾虑，再用证据回应".into(),
            )
        }
        Stance::Unknown => {
            // Ask someone on our side who is not in conflict with them.
            let scout = profile
                .doc
                .stakeholders
                .iter()
                .enumerate()
                .find(|(i, p)| {
                    p.role == Role::Champion
                        && *i != profile.index
                        && !profile.conflicts.contains(i)
                })
                .map(|(i, _)| i)
                .or_else(|| super::introductions::introducer(profile));
            match scout {
                Some(c) => {
                    let (who, me) = (profile.name(c), profile.name(profile.index));
                    steps.push(
                        format!("Ask {who} how {me} sees the project."),
                        format!("向{who}打听{me}对项目的看法。"),
                    );
                }
                None => {
                    let me = profile.name(profile.index);
                    steps.push(
                        format!("Ask your contacts how {me} sees the project."),
                        format!("向已有联系人打听{me}对项目的看法。"),
                    );
                }
            }
            steps.push(
                "Meet them briefly to hear their view in their own words.".into(),
                "争取简短会面，听其本人怎么说。".into(),
            );
            tx(lang, "Find out where they stand".into(), "摸清态度".into())
        }
    }
}
