//! Words for analysis results, in the report's language.

use crate::lang::Language;
use crate::model::{Coverage, RelationshipKind, Role, Stage, Stakeholder, Stance};

/// `en` or `zh`, whichever the language asks for.
pub fn tx(language: Language, en: String, zh: String) -> String {
    match language {
        Language::English => en,
        Language::Chinese => zh,
    }
}

/// A person's name for messages, with a placeholder for an unnamed one. Bidi
/// controls in the name are balanced and the name isolated, so it cannot reorder
/// the sentence around it (see [`crate::safe_text`]).
pub fn name_of(person: &Stakeholder, language: Language) -> String {
    if person.name.trim().is_empty() {
        tx(
            language,
            format!("(unnamed {})", person.id),
            format!("（未命名 {}）", person.id),
        )
    } else {
        crate::safe_text::isolate_bidi(&person.name).into_owned()
    }
}

/// User text quoted inside a generated sentence (a title, an agenda): isolated like
/// a name in [`name_of`].
pub fn quoted_field(text: &str) -> String {
    crate::safe_text::isolate_bidi(text).into_owned()
}

/// Names joined for a sentence: "A, B and C" / "A、B和C".
pub fn names(people: &[&Stakeholder], language: Language) -> String {
    let all: Vec<String> = people.iter().map(|p| name_of(p, language)).collect();
    match (language, all.as_slice()) {
        (_, []) => String::new(),
        (_, [one]) => one.clone(),
        (Language::English, [rest @ .., last]) => format!("{} and {last}", rest.join(", ")),
        (Language::Chinese, [rest @ .., last]) => format!("{}和{last}", rest.join("、")),
    }
}

/// The name of a role in the language.
pub fn role_name(role: Role, language: Language) -> &'static str {
    let (en, zh) = match role {
        Role::DecisionMaker => ("decision maker", "决策者"),
        Role::Influencer => ("influencer", "影响者"),
        Role::EndUser => ("end user", "最终用户"),
        Role::Gatekeeper => ("gatekeeper", "看门人"),
        Role::Blocker => ("blocker", "反对者"),
        Role::Champion => ("champion", "内线"),
        Role::Unknown => ("unknown role", "角色未知"),
    };
    if language == Language::Chinese {
        zh
    } else {
        en
    }
}

/// The name of a stance in the language.
pub fn stance_name(stance: Stance, language: Language) -> &'static str {
    let (en, zh) = match stance {
        Stance::Advocate => ("advocate", "拥护"),
        Stance::Supporter => ("supporter", "支持"),
        Stance::Neutral => ("neutral", "中立"),
        Stance::Skeptic => ("skeptic", "怀疑"),
        Stance::Opponent => ("opponent", "反对"),
        Stance::Unknown => ("stance unknown", "态度未知"),
    };
    if language == Language::Chinese {
        zh
    } else {
        en
    }
}

/// How deep our relationship with a person is, in the language.
pub fn coverage_name(coverage: Coverage, language: Language) -> &'static str {
    let (en, zh) = match coverage {
        Coverage::None => ("none", "未接触"),
        Coverage::Brief => ("brief", "简单接触"),
        Coverage::Multiple => ("multiple", "多次接触"),
        Coverage::InDepth => ("in depth", "深度关系"),
    };
    if language == Language::Chinese {
        zh
    } else {
        en
    }
}

/// The deal stage as a phrase: "early stage" / "前期".
pub fn stage_phrase(stage: Stage, language: Language) -> &'static str {
    let (en, zh) = match stage {
        Stage::Early => ("early stage", "前期"),
        Stage::Middle => ("middle stage", "中期"),
        Stage::Late => ("late stage", "后期"),
    };
    if language == Language::Chinese {
        zh
    } else {
        en
    }
}

/// The name of a relationship kind in the language.
pub fn kind_name(kind: RelationshipKind, language: Language) -> &'static str {
    let (en, zh) = match kind {
        RelationshipKind::ReportsTo => ("reports to", "汇报给"),
        RelationshipKind::Influences => ("influences", "影响"),
        RelationshipKind::Ally => ("ally", "盟友"),
        RelationshipKind::Conflict => ("conflict", "冲突"),
    };
    if language == Language::Chinese {
        zh
    } else {
        en
    }
}

/// The text with its first letter in upper case ("decision maker" → "Decision maker").
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
