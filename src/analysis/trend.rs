//! The stance trend of a person: the stances observed in the interaction log, in
//! order of time, as a short line for reports and the inspector.

use crate::lang::Language;
use crate::model::{Date, Interaction, Stance, stance_trend};

use super::risks::{Risk, RiskCode, is_key};
use super::text::{name_of, stance_name, tx};
use super::{Context, Severity};

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

/// The person's latest observed stance (on or after `since`) and the most
/// favourable one observed before it on or after `since` — `baseline`, the stance
/// recorded at the last review, counting as one — when the latest is worse.
pub fn worsened_since(
    log: &[Interaction],
    since: Date,
    baseline: Option<(Date, Stance)>,
) -> Option<((Date, Stance), (Date, Stance))> {
    let trend = stance_trend(log);
    let (&latest, earlier) = trend.split_last()?;
    if latest.0 < since {
        return None;
    }
    let latest_favour = favour(latest.1)?;
    // The best earlier stance; of equally good ones, the latest (the fall is
    // dated from there).
    let best = baseline
        .iter()
        .chain(earlier)
        .filter(|(date, _)| *date >= since && *date <= latest.0)
        .filter_map(|&(date, stance)| Some(((favour(stance)?, date), (date, stance))))
        .max_by_key(|(key, _)| *key)?;
    (best.0.0 > latest_favour).then_some((best.1, latest))
}

/// `stance_worsened`: someone whose latest observed stance is worse than one
/// observed earlier — since the last review when the map holds one (the stance
/// the review recorded counts as observed on its date), otherwise within the
/// staleness window. High for a key player.
pub fn stance_worsened(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    if cx
        .doc
        .stakeholders
        .iter()
        .all(|p| p.interactions.is_empty())
    {
        return;
    }
    let review = crate::sync::review::latest_review(cx.doc);
    let reviewed: std::collections::HashMap<&str, Stance> = review
        .as_ref()
        .map(|r| {
            r.snapshot
                .stakeholders
                .iter()
                .map(|p| (p.id.as_str(), p.stance))
                .collect()
        })
        .unwrap_or_default();
    let since = match &review {
        Some(review) => review.date,
        None => {
            Date::from_days_since_epoch(cx.options.today.days_since_epoch() - cx.recency.window())
                .unwrap_or(cx.options.today)
        }
    };
    for (index, person) in cx.doc.stakeholders.iter().enumerate() {
        let baseline = review.as_ref().and_then(|r| {
            let stance = *reviewed.get(person.id.as_str())?;
            Some((r.date, stance))
        });
        let Some(((from_date, from), (to_date, to))) =
            worsened_since(&person.interactions, since, baseline)
        else {
            continue;
        };
        let name = name_of(person, lang);
        let (was, now) = (stance_name(from, lang), stance_name(to, lang));
        risks.push(Risk {
            code: RiskCode::StanceWorsened,
            severity: if is_key(person) {
                Severity::High
            } else {
                Severity::Medium
            },
            people: vec![index],
            message: tx(
                lang,
                format!(
                    "{name} has cooled towards us: {was} on {from_date}, {now} on {to_date}. Something changed — a competitor's move, a concern we missed, or a shift inside their organisation."
                ),
                format!(
                    "{name}对我方的态度转差：{from_date}还是“{was}”，{to_date}已是“{now}”。情况有变——可能是竞争对手出手、我们漏掉了某个顾虑，或其内部有变动。"
                ),
            ),
            action: tx(
                lang,
                format!(
                    "Find out why before the next step: ask the champion what {name} heard, then meet {name} to hear the concern and answer it; update the stance once you know."
                ),
                format!(
                    "推进下一步之前先弄清原因：请内线打听{name}听到了什么，再约{name}面谈，听取并回应其顾虑；弄清后更新其态度。"
                ),
            ),
        });
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
