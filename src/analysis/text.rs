//! Words for analysis results, in the report's language.

use crate::lang::Language;
use crate::model::{Coverage, InteractionKind, RelationshipKind, Role, Stage, Stakeholder, Stance};

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
/// Written into one text, without a copy of each name: risks name thousands.
pub fn names(people: &[&Stakeholder], language: Language) -> String {
    let (comma, and) = match language {
        Language::English => (", ", " and "),
        Language::Chinese => ("、", "和"),
    };
    let last = people.len().saturating_sub(1);
    let mut text = String::new();
    for (i, person) in people.iter().enumerate() {
        if i > 0 {
            text.push_str(if i == last { and } else { comma });
        }
        if person.name.trim().is_empty() {
            text.push_str(&name_of(person, language));
        } else {
            text.push_str(&crate::safe_text::isolate_bidi(&person.name));
        }
    }
    text
}

/// The name of a role in the language.
pub fn role_name(role: Role, language: Language) -> &'static str {
    let (en, zh) = match role {
        Role::DecisionMaker => ("decision maker", "决策者"),
        Role::Influencer => ("influencer", "影响者"),
        Role::EndUser => ("end user", "最终用户"),
        Role::Gatekeeper => ("gatekeeper", "看门人"),
        // 阻碍者, not 反对者: the stance "opponent" is 反对, and a role word must
        // never read like a stance word.
        Role::Blocker => ("blocker", "阻碍者"),
        Role::Champion => ("champion", "内线"),
        Role::Unknown => ("unknown role", "角色未知"),
    };
    if language == Language::Chinese {
        zh
    } else {
        en
    }
}

/// The name of a kind of contact in the language.
pub fn interaction_kind_name(kind: InteractionKind, language: Language) -> &'static str {
    let (en, zh) = match kind {
        InteractionKind::Meeting => ("meeting", "会议"),
        InteractionKind::Call => ("call", "电话"),
        InteractionKind::Email => ("e-mail", "邮件"),
        InteractionKind::Visit => ("visit", "拜访"),
        InteractionKind::Event => ("event", "活动"),
        InteractionKind::Other => ("other", "其他"),
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
        Stance::Advocate => ("advocate", "力挺"),
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

/// A stance as it reads inside a sentence about one person: "opposed" / "反对我方",
/// "of unknown stance" / "态度不明" (the label words of [`stance_name`] would read
/// "态度态度未知").
pub fn stance_phrase(stance: Stance, language: Language) -> &'static str {
    let (en, zh) = match stance {
        Stance::Advocate => ("a strong advocate of ours", "力挺我方"),
        Stance::Supporter => ("supportive", "支持我方"),
        Stance::Neutral => ("neutral", "态度中立"),
        Stance::Skeptic => ("skeptical", "心存疑虑"),
        Stance::Opponent => ("opposed to us", "反对我方"),
        Stance::Unknown => ("of unknown stance", "态度不明"),
    };
    if language == Language::Chinese {
        zh
    } else {
        en
    }
}

/// Joins items of a list: "A, B, C" / "A、B、C".
pub fn list(items: &[String], language: Language) -> String {
    items.join(match language {
        Language::English => ", ",
        Language::Chinese => "、",
    })
}

/// Joins clauses of one sentence: "a; b" / "a；b".
pub fn clauses(items: &[String], language: Language) -> String {
    items.join(match language {
        Language::English => "; ",
        Language::Chinese => "；",
    })
}

/// "label: text" with the colon of the language (full width in Chinese).
pub fn labelled(label: &str, text: &str, language: Language) -> String {
    match language {
        Language::English => format!("{label}: {text}"),
        Language::Chinese => format!("{label}：{text}"),
    }
}

/// "text (aside)" with the brackets of the language (full width in Chinese).
pub fn aside(text: &str, aside: &str, language: Language) -> String {
    match language {
        Language::English => format!("{text} ({aside})"),
        Language::Chinese => format!("{text}（{aside}）"),
    }
}

/// "1 day", "3 days" / "3 天".
pub fn days(count: i64, language: Language) -> String {
    match language {
        Language::English if count == 1 || count == -1 => format!("{count} day"),
        Language::English => format!("{count} days"),
        Language::Chinese => format!("{count} 天"),
    }
}

/// The health level as a manager says it: "GREEN" / "绿灯".
pub fn health_word(level: super::HealthLevel, language: Language) -> &'static str {
    let (en, zh) = match level {
        super::HealthLevel::Red => ("RED", "红灯"),
        super::HealthLevel::Amber => ("AMBER", "黄灯"),
        super::HealthLevel::Green => ("GREEN", "绿灯"),
    };
    if language == Language::Chinese {
        zh
    } else {
        en
    }
}

/// A severity in words: "high" / "高".
pub fn severity_word(severity: super::Severity, language: Language) -> &'static str {
    let (en, zh) = match severity {
        super::Severity::High => ("high", "高"),
        super::Severity::Medium => ("medium", "中"),
        super::Severity::Low => ("low", "低"),
    };
    if language == Language::Chinese {
        zh
    } else {
        en
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The names joined as they were before they were written into one text.
    fn names_joined(people: &[&Stakeholder], language: Language) -> String {
        let all: Vec<String> = people.iter().map(|p| name_of(p, language)).collect();
        match (language, all.as_slice()) {
            (_, []) => String::new(),
            (_, [one]) => one.clone(),
            (Language::English, [rest @ .., last]) => format!("{} and {last}", rest.join(", ")),
            (Language::Chinese, [rest @ .., last]) => format!("{}和{last}", rest.join("、")),
        }
    }

    proptest! {
        #[test]
        fn names_are_joined_as_a_list_of_each_name(
            people in proptest::collection::vec(
                prop_oneof![
                    Just(""),
                    Just("  "),
                    Just("张伟"),
                    Just("Ann"),
                    Just("a\u{202E}b"),
                    Just("\u{2069}x"),
                ],
                0..6,
            ),
            chinese in any::<bool>(),
        ) {
            let language = if chinese { Language::Chinese } else { Language::English };
            let people: Vec<Stakeholder> = people
                .iter()
                .enumerate()
                .map(|(i, name)| Stakeholder::new(format!("p{i}"), *name))
                .collect();
            let refs: Vec<&Stakeholder> = people.iter().collect();
            prop_assert_eq!(names(&refs, language), names_joined(&refs, language));
        }
    }

    #[test]
    fn three_names_read_as_a_sentence() {
        let people: Vec<Stakeholder> = ["A", "B", "C"]
            .iter()
            .map(|n| Stakeholder::new(*n, *n))
            .collect();
        let refs: Vec<&Stakeholder> = people.iter().collect();
        assert_eq!(names(&refs, Language::English), "A, B and C");
        assert_eq!(names(&refs, Language::Chinese), "A、B和C");
    }
}
