//! Why the approach is what it is: who the person is, where they stand, their part
//! in the decision and how likely they decide, and why they matter more than
//! recorded.

use super::super::buying::DecisionKind;
use super::super::likelihood;
use super::super::text::{name_of, role_name, stage_phrase, stance_name, tx};
use super::profile::Profile;
use crate::lang::Language;

/// The person's part in the decision in words: "business decider" / "业务决策人".
pub fn kind_word(profile: &Profile<'_>, language: Language) -> Option<&'static str> {
    kind_words(profile.analysis, profile.index, language)
}

/// The part in the decision of the person at `index`, in words.
pub fn kind_words(
    analysis: &super::super::Analysis,
    index: usize,
    language: Language,
) -> Option<&'static str> {
    let buying = &analysis.buying;
    let (en, zh) = match buying.kind(index)? {
        DecisionKind::Decider if buying.owner.is_some() => ("business decider", "业务决策人"),
        DecisionKind::Decider => ("final decider by default", "默认拍板人"),
        DecisionKind::Approver => ("approver", "审批人"),
        DecisionKind::Gate => {
            let function = buying.facts(index).and_then(|f| f.function)?;
            return Some(function.gate_name(language));
        }
    };
    Some(match language {
        Language::English => en,
        Language::Chinese => zh,
    })
}

/// The reasons for the approach, in one short paragraph.
pub fn why(profile: &Profile<'_>) -> String {
    let lang = profile.lang;
    let person = profile.person;
    let stage = stage_phrase(profile.doc.account.stage, lang);
    let power = person.power.level();
    let name = name_of(person, lang);
    let (role, stance) = (
        role_name(person.role, lang),
        stance_name(person.stance, lang),
    );
    let mut why = tx(
        lang,
        format!("{name}: {role}, {stance}, power {power} of 5; the deal is in the {stage}."),
        format!("{name}：{role}，{stance}，权力 {power}/5；项目处于{stage}。"),
    );
    let kind = kind_word(profile, lang);
    // A gate is a task, not a person: 其负责技术把关, not 其为技术把关.
    let gate = profile.kind == Some(DecisionKind::Gate);
    let zh_kind = |kind: &str| {
        if gate {
            format!("分析判断其在决策中负责{kind}")
        } else {
            format!("分析判断其为{kind}")
        }
    };
    // Chinese sentences follow each other without a space.
    let mut add = |en: String, zh: String| {
        if lang == Language::English {
            why.push(' ');
        }
        why.push_str(&tx(lang, en, zh));
    };
    match (profile.candidate(), kind) {
        (Some(c), Some(kind)) => {
            let (score, words) = ((c.score * 100.0).round(), likelihood(c.score, lang));
            add(
                format!("Part in the decision: {kind} — {words} (score {score}/100)."),
                format!("{}，{words}（得分 {score}/100）。", zh_kind(kind)),
            );
        }
        (Some(c), None) => {
            let (score, words) = ((c.score * 100.0).round(), likelihood(c.score, lang));
            add(
                format!("Among the likely decision makers: {words} (score {score}/100)."),
                format!("位列可能的决策者：{words}（得分 {score}/100）。"),
            );
        }
        (None, Some(kind)) => add(
            format!("Part in the decision: {kind}."),
            format!("{}。", zh_kind(kind)),
        ),
        (None, None) => {}
    }
    if let Some(hidden) = profile
        .analysis
        .hidden_influencers
        .iter()
        .find(|h| h.person == profile.index)
    {
        add(
            format!("They matter more than recorded: {}.", hidden.why),
            format!("其实际分量高于记录：{}。", hidden.why),
        );
    }
    why
}
