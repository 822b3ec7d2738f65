//! What a workspace's closed deals teach: which titles, departments and depths in
//! the reporting line turned out to hold the decision maker, and which risks were
//! present in lost deals more than in won ones. Nothing is learned from fewer than
//! [`MIN_CLOSED_DEALS`] closed deals, and a lesson about people needs at least
//! [`MIN_AGREEING_DEALS`] deals that agree.

use std::collections::BTreeMap;

use super::row::MapRow;
use crate::analysis::learned::{Feature, LearnedEvidence};
use crate::lang::Language;
use crate::model::Outcome;

/// Closed deals (won and lost) needed before anything is learned.
pub const MIN_CLOSED_DEALS: usize = 3;
/// Closed deals that must agree (a person with the feature was the decision
/// maker) before a feature counts.
pub const MIN_AGREEING_DEALS: usize = 3;
/// Risk codes listed at most.
pub const MAX_TELLING_RISKS: usize = 5;

#[derive(Clone, Debug, Default, PartialEq)]
struct Tally {
    /// Closed deals with someone having the feature.
    seen: usize,
    /// Of those, deals where such a person was the decision maker.
    decided: usize,
    /// How decision makers with it wrote it, and how often.
    labels: BTreeMap<String, usize>,
}

/// A risk code that was present in lost deals more often than in won ones.
#[derive(Clone, Debug, PartialEq)]
pub struct TellingRisk {
    /// The stable risk code.
    pub code: String,
    /// Lost deals with it.
    pub lost_with: usize,
    /// Lost deals.
    pub lost: usize,
    /// Won deals with it.
    pub won_with: usize,
    /// Won deals.
    pub won: usize,
}

/// The lessons of a workspace.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lessons {
    closed: usize,
    features: BTreeMap<String, Tally>,
    /// Risk codes most present in lost deals compared with won ones.
    pub telling_risks: Vec<TellingRisk>,
}

impl Lessons {
    /// Learns from the closed deals among `rows`.
    pub fn from_rows(rows: &[MapRow]) -> Self {
        let closed: Vec<_> = rows
            .iter()
            .filter_map(|r| r.summary.as_ref().ok())
            .filter(|s| s.is_closed())
            .collect();
        let mut lessons = Self {
            closed: closed.len(),
            ..Self::default()
        };
        if closed.len() < MIN_CLOSED_DEALS {
            return lessons;
        }
        for summary in &closed {
            for (feature, decided) in &summary.lessons {
                let tally = lessons.features.entry(feature.key.clone()).or_default();
                tally.seen += 1;
                if *decided {
                    tally.decided += 1;
                    *tally.labels.entry(feature.label.clone()).or_default() += 1;
                }
            }
        }
        lessons.telling_risks = telling_risks(&closed);
        lessons
    }

    /// Closed deals learned from.
    pub fn closed_deals(&self) -> usize {
        self.closed
    }

    /// Whether there were enough closed deals to learn anything.
    pub fn is_learning(&self) -> bool {
        self.closed >= MIN_CLOSED_DEALS
    }
}

fn telling_risks(closed: &[&super::row::MapSummary]) -> Vec<TellingRisk> {
    let lost = closed
        .iter()
        .filter(|s| s.outcome == Some(Outcome::Lost))
        .count();
    let won = closed.len() - lost;
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for summary in closed {
        for code in &summary.risk_codes {
            let entry = counts.entry(code).or_default();
            if summary.outcome == Some(Outcome::Lost) {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
        }
    }
    let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };
    let mut telling: Vec<(f64, TellingRisk)> = counts
        .into_iter()
        .map(|(code, (lost_with, won_with))| {
            let gap = share(lost_with, lost) - share(won_with, won);
            let risk = TellingRisk {
                code: code.to_owned(),
                lost_with,
                lost,
                won_with,
                won,
            };
            (gap, risk)
        })
        .filter(|(gap, risk)| *gap > 0.0 && risk.lost_with > 0)
        .collect();
    telling.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.code.cmp(&b.1.code)));
    telling.truncate(MAX_TELLING_RISKS);
    telling.into_iter().map(|(_, r)| r).collect()
}

impl LearnedEvidence for Lessons {
    fn evidence(&self, features: &[Feature], language: Language) -> Option<(f64, String)> {
        if !self.is_learning() {
            return None;
        }
        // The feature with the highest agreeing share; on a tie, the first (a
        // title before a department before a depth).
        let mut best: Option<(&Feature, &Tally, f64)> = None;
        for feature in features {
            let Some(tally) = self.features.get(&feature.key) else {
                continue;
            };
            if tally.decided < MIN_AGREEING_DEALS || tally.seen == 0 {
                continue;
            }
            let share = tally.decided as f64 / tally.seen as f64;
            // Less than half of the deals agreeing is no lesson.
            if share < 0.5 {
                continue;
            }
            if best.is_none_or(|(_, _, s)| share > s) {
                best = Some((feature, tally, share));
            }
        }
        let (feature, tally, share) = best?;
        Some((share, reason(feature, tally, language)))
    }
}

fn reason(feature: &Feature, tally: &Tally, language: Language) -> String {
    // The most frequent way decision makers wrote it (first in order on a tie).
    let label = tally
        .labels
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map_or(feature.label.as_str(), |(l, _)| l.as_str());
    let (n, of) = (tally.decided, tally.seen);
    let kind = feature.key.split(':').next().unwrap_or("");
    let (en, zh) = match kind {
        "title" => (
            format!(
                "in {n} of {of} closed deals in this workspace, the {label} was the decision maker"
            ),
            format!("本工作区已结束的 {of} 个项目中，有 {n} 个项目的决策者是{label}"),
        ),
        "department" => (
            format!(
                "in {n} of {of} closed deals in this workspace, the decision maker came from {label}"
            ),
            format!("本工作区已结束的 {of} 个项目中，有 {n} 个项目的决策者来自{label}"),
        ),
        _ if label == "0" => (
            format!(
                "in {n} of {of} closed deals in this workspace, the decision maker was at the top of the reporting line"
            ),
            format!("本工作区已结束的 {of} 个项目中，有 {n} 个项目的决策者位于汇报线顶端"),
        ),
        _ => (
            format!(
                "in {n} of {of} closed deals in this workspace, the decision maker was {label} levels below the top of the reporting line"
            ),
            format!(
                "本工作区已结束的 {of} 个项目中，有 {n} 个项目的决策者位于汇报线顶端以下第 {label} 级"
            ),
        ),
    };
    match language {
        Language::English => en,
        Language::Chinese => zh,
    }
}
