//! The interaction log (互动记录): dated contacts with a stakeholder.

use super::{Date, Extra, InteractionKind, Stance, TeamMemberId};

/// One logged contact with a stakeholder.
///
/// A person's log is kept newest first; entries of the same day keep the order
/// they were written in (see [`sort_newest_first`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Interaction {
    /// When it happened.
    pub date: Date,
    /// How: meeting, call, e-mail, visit, event or other.
    pub kind: InteractionKind,
    /// Who on our team took part; `None` when not recorded.
    pub by: Option<TeamMemberId>,
    /// What was said or learned (a private note: left out of redacted exports).
    pub summary: String,
    /// The stance the person showed, when one was observed.
    pub stance: Option<Stance>,
    /// Unknown fields, kept for newer versions.
    pub extra: Extra,
}

impl Interaction {
    /// An entry with a date, a kind and a summary; no one named, no stance.
    pub fn new(date: Date, kind: InteractionKind, summary: impl Into<String>) -> Self {
        Self {
            date,
            kind,
            by: None,
            summary: summary.into(),
            stance: None,
            extra: Extra::new(),
        }
    }

    /// What makes two entries the same contact when merging copies of a map:
    /// date, kind, who and summary (not the observed stance or newer fields, which
    /// may be edited afterwards).
    pub fn identity(&self) -> (Date, InteractionKind, Option<&str>, &str) {
        (
            self.date,
            self.kind,
            self.by.as_ref().map(TeamMemberId::as_str),
            self.summary.as_str(),
        )
    }
}

/// Sorts a log into its canonical order: newest first, entries of the same day in
/// their present order (a stable sort, so sorting twice changes nothing).
pub fn sort_newest_first(log: &mut [Interaction]) {
    log.sort_by_key(|entry| std::cmp::Reverse(entry.date));
}

/// Where a new entry of `date` goes in a log sorted newest first: before the other
/// entries of that day, so the last one logged comes first.
pub fn insertion_index(log: &[Interaction], date: Date) -> usize {
    log.partition_point(|entry| entry.date > date)
}

/// The observed stances of a log, oldest first: the person's stance trend.
///
/// Sorted here too, so a log built out of order (by a script, say) still reads
/// in time order; for a log in canonical order the sort changes nothing.
pub fn stance_trend(log: &[Interaction]) -> Vec<(Date, Stance)> {
    let mut trend: Vec<(Date, Stance)> = log
        .iter()
        .rev()
        .filter_map(|entry| entry.stance.map(|stance| (entry.date, stance)))
        .filter(|(_, stance)| *stance != Stance::Unknown)
        .collect();
    trend.sort_by_key(|(date, _)| *date);
    trend
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(date: (u16, u8, u8), summary: &str) -> Interaction {
        let date = Date::from_ymd(date.0, date.1, date.2).expect("a date");
        Interaction::new(date, InteractionKind::Meeting, summary)
    }

    #[test]
    fn sorting_is_newest_first_and_stable_within_a_day() {
        let mut log = vec![
            entry((2026, 1, 5), "a"),
            entry((2026, 3, 1), "b"),
            entry((2026, 1, 5), "c"),
            entry((2026, 2, 1), "d"),
        ];
        sort_newest_first(&mut log);
        let order: Vec<&str> = log.iter().map(|e| e.summary.as_str()).collect();
        assert_eq!(order, ["b", "d", "a", "c"]);
        let date = Date::from_ymd(2026, 1, 5).expect("a date");
        assert_eq!(insertion_index(&log, date), 2);
        let later = Date::from_ymd(2027, 1, 1).expect("a date");
        assert_eq!(insertion_index(&log, later), 0);
    }

    #[test]
    fn the_trend_is_oldest_first_and_skips_entries_without_a_stance() {
        let mut log = vec![
            entry((2026, 3, 1), "b"),
            entry((2026, 2, 1), "x"),
            entry((2026, 1, 1), "a"),
        ];
        log[0].stance = Some(Stance::Supporter);
        log[2].stance = Some(Stance::Neutral);
        let trend: Vec<Stance> = stance_trend(&log).into_iter().map(|(_, s)| s).collect();
        assert_eq!(trend, [Stance::Neutral, Stance::Supporter]);
    }
}
