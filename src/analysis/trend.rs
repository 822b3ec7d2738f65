//! The stance trend of a person: the stances observed in the interaction log, in
//! order of time, as a short line for reports and the inspector.

use crate::lang::Language;
use crate::model::{Date, Interaction, Stance, stance_trend};

use super::text::stance_name;

/// The observed stances where they changed, oldest first: the first observation,
/// then each one that differs from the one before.
pub fn stance_changes(log: &[Interaction]) -> Vec<(Date, Stance)> {
    let mut changes: Vec<(Date, Stance)> = Vec::new();
    for (date, stance) in stance_trend(log) {
        if changes.last().is_none_or(|(_, last)| *last != stance) {
            changes.push((date, stance));
        }
    }
    changes
}

/// One line: `neutral (2026-08-02) → supporter (2026-10-15)`; `None` when no
/// stance was observed.
pub fn trend_line(log: &[Interaction], language: Language) -> Option<String> {
    let changes = stance_changes(log);
    if changes.is_empty() {
        return None;
    }
    let parts: Vec<String> = changes
        .iter()
        .map(|(date, stance)| match language {
            Language::English => format!("{} ({date})", stance_name(*stance, language)),
            Language::Chinese => format!("{}（{date}）", stance_name(*stance, language)),
        })
        .collect();
    Some(parts.join(" → "))
}

/// How favourable a stance is, higher is better; `None` for unknown.
pub fn favour(stance: Stance) -> Option<u8> {
    match stance {
        Stance::Advocate => Some(4),
        Stance::Supporter => Some(3),
        Stance::Neutral => Some(2),
        Stance::Skeptic => Some(1),
        Stance::Opponent => Some(0),
        Stance::Unknown => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InteractionKind;

    fn logged(date: &str, stance: Option<Stance>) -> Interaction {
        let mut entry = Interaction::new(date.parse().expect("a date"), InteractionKind::Call, "x");
        entry.stance = stance;
        entry
    }

    #[test]
    fn the_line_names_each_change_once_oldest_first() {
        // Newest first, as logs are kept.
        let log = vec![
            logged("2026-10-15", Some(Stance::Supporter)),
            logged("2026-09-01", None),
            logged("2026-08-20", Some(Stance::Neutral)),
            logged("2026-08-02", Some(Stance::Neutral)),
        ];
        assert_eq!(
            trend_line(&log, Language::English).as_deref(),
            Some("neutral (2026-08-02) → supporter (2026-10-15)")
        );
        assert_eq!(
            trend_line(&log, Language::Chinese).as_deref(),
            Some("中立（2026-08-02） → 支持（2026-10-15）")
        );
        assert_eq!(trend_line(&log[1..2], Language::English), None);
    }
}
