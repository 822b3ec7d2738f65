//! The values of the enumerated columns — role, stance, coverage, power — as people
//! and Powermap's own export write them: the codes of the file format
//! (`decision_maker`), the English words (`Decision maker`) and the Chinese ones
//! (`决策者`), ignoring case, spaces, underscores and hyphens.

use super::field::Field;
use crate::analysis::text::{coverage_name, role_name, stance_name};
use crate::lang::Language;
use crate::model::{Coverage, Power, Role, Stance};

/// A value reduced for comparison: lower case, full-width letters and digits as
/// ASCII, without spaces, underscores and hyphens.
fn word_key(text: &str) -> String {
    text.chars()
        .map(super::matching::fold_width)
        .filter(|c| !(c.is_whitespace() || matches!(c, '_' | '-' | '–' | '—')))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Extra words people use for a role, besides its code and names.
fn role_synonyms(role: Role) -> &'static [&'static str] {
    match role {
        Role::DecisionMaker => &["decider", "final decision maker", "决策人", "拍板人"],
        Role::Influencer => &["影响人"],
        Role::EndUser => &["user", "用户", "使用者"],
        Role::Gatekeeper => &["把关人"],
        Role::Blocker => &["阻碍者"],
        Role::Champion => &["coach", "教练", "内部支持者"],
        Role::Unknown => &["unknown", "未知", "unknown role"],
    }
}

/// Extra words for a stance, from the established five-level scales.
fn stance_synonyms(stance: Stance) -> &'static [&'static str] {
    match stance {
        Stance::Advocate => &["mentor", "拥护者"],
        Stance::Supporter => &["支持者"],
        Stance::Neutral => &["中立者"],
        Stance::Skeptic => &["sceptic", "non-supporter", "不支持"],
        Stance::Opponent => &["enemy", "反对者"],
        Stance::Unknown => &["unknown", "未知", "unknown stance"],
    }
}

/// Extra words for a coverage depth (the UI's names).
fn coverage_synonyms(coverage: Coverage) -> &'static [&'static str] {
    match coverage {
        Coverage::None => &["no contact"],
        Coverage::Brief => &["brief contact"],
        Coverage::Multiple => &["multiple contacts"],
        Coverage::InDepth => &[],
    }
}

/// The value of `all` whose code, English or Chinese word, or synonym is `text`.
fn find<T: Copy>(
    text: &str,
    all: &[T],
    code: impl Fn(T) -> &'static str,
    word: impl Fn(T, Language) -> &'static str,
    synonyms: impl Fn(T) -> &'static [&'static str],
) -> Option<T> {
    let key = word_key(text);
    if key.is_empty() {
        return None;
    }
    all.iter().copied().find(|value| {
        let mut names = vec![code(*value)];
        names.extend(Language::ALL.iter().map(|l| word(*value, *l)));
        names.extend(synonyms(*value));
        names.iter().any(|name| word_key(name) == key)
    })
}

/// The role a cell names.
pub fn parse_role(text: &str) -> Option<Role> {
    find(text, Role::ALL, Role::as_str, role_name, role_synonyms)
}

/// The stance a cell names.
pub fn parse_stance(text: &str) -> Option<Stance> {
    find(
        text,
        Stance::ALL,
        Stance::as_str,
        stance_name,
        stance_synonyms,
    )
}

/// The coverage a cell names.
pub fn parse_coverage(text: &str) -> Option<Coverage> {
    find(
        text,
        Coverage::ALL,
        Coverage::as_str,
        coverage_name,
        coverage_synonyms,
    )
}

/// The power a cell gives: `1` to `5` (also `5 – high` as the app shows it), or
/// high, medium, low / 高, 中, 低 (5, 3, 1).
pub fn parse_power(text: &str) -> Option<Power> {
    let key = word_key(text);
    let level = match key.as_str() {
        "high" | "高" => 5,
        "medium" | "中" => 3,
        "low" | "低" => 1,
        _ => {
            let mut chars = key.chars();
            let digit = chars.next()?.to_digit(10)?;
            // "5" or "5high" (from "5 – high"), not "15".
            if chars.next().is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            i64::from(digit)
        }
    };
    Power::new(level)
}

/// The tags of a cell: separated by `;` or `,` (also full-width, and `、`),
/// trimmed, empty ones left out.
pub fn split_tags(text: &str) -> Vec<String> {
    text.split([';', ',', '；', '，', '、'])
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What a column of `field` accepts, for a message in `language`.
pub fn accepted(field: Field, language: Language) -> String {
    let words = |names: Vec<&str>| match language {
        Language::English => names.join(", "),
        Language::Chinese => names.join("、"),
    };
    let pick = |value_code: &'static str, word: &'static str| match language {
        Language::English => value_code,
        Language::Chinese => word,
    };
    match field {
        Field::Role => words(
            Role::ALL
                .iter()
                .map(|r| pick(r.as_str(), role_name(*r, language)))
                .collect(),
        ),
        Field::Stance => words(
            Stance::ALL
                .iter()
                .map(|s| pick(s.as_str(), stance_name(*s, language)))
                .collect(),
        ),
        Field::Coverage => words(
            Coverage::ALL
                .iter()
                .map(|c| pick(c.as_str(), coverage_name(*c, language)))
                .collect(),
        ),
        Field::Power => "1–5".to_owned(),
        Field::LastContact | Field::LastVerified => match language {
            Language::English => "a date such as 2026-03-31".to_owned(),
            Language::Chinese => "日期，例如 2026-03-31".to_owned(),
        },
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_stances_and_coverage_read_in_both_languages() {
        for role in Role::ALL {
            assert_eq!(parse_role(role.as_str()), Some(*role));
            for language in Language::ALL {
                assert_eq!(parse_role(role_name(*role, language)), Some(*role));
            }
        }
        for stance in Stance::ALL {
            assert_eq!(parse_stance(stance.as_str()), Some(*stance));
            for language in Language::ALL {
                assert_eq!(parse_stance(stance_name(*stance, language)), Some(*stance));
            }
        }
        for coverage in Coverage::ALL {
            assert_eq!(parse_coverage(coverage.as_str()), Some(*coverage));
            for language in Language::ALL {
                let word = coverage_name(*coverage, language);
                assert_eq!(parse_coverage(word), Some(*coverage));
            }
        }
        assert_eq!(parse_role(" Decision Maker "), Some(Role::DecisionMaker));
        assert_eq!(parse_role("DECISION-MAKER"), Some(Role::DecisionMaker));
        assert_eq!(parse_role("内线"), Some(Role::Champion));
        assert_eq!(parse_stance("Mentor"), Some(Stance::Advocate));
        assert_eq!(parse_coverage("In depth"), Some(Coverage::InDepth));
        assert_eq!(parse_coverage("No contact"), Some(Coverage::None));
        assert_eq!(parse_role("VIP"), None);
        assert_eq!(parse_stance(""), None);
    }

    #[test]
    fn power_reads_levels_and_words() {
        let level = |text: &str| parse_power(text).map(Power::level);
        assert_eq!(level("4"), Some(4));
        assert_eq!(level("５"), Some(5));
        assert_eq!(level("5 – high"), Some(5));
        assert_eq!(level("高"), Some(5));
        assert_eq!(level("low"), Some(1));
        assert_eq!(level("15"), None);
        assert_eq!(level("0"), None);
        assert_eq!(level("x"), None);
    }

    #[test]
    fn tags_split_on_either_script_separators() {
        assert_eq!(split_tags("a; b ,c；d，e、 ;"), ["a", "b", "c", "d", "e"]);
        assert!(split_tags(" ; ").is_empty());
    }
}
