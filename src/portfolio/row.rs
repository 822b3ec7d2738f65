//! One map of a workspace, summed up for the portfolio: the deal facts, its health
//! and the few figures a manager scans a list for. Read with the fast loader and
//! the analysis alone, never the full report.

use std::path::{Path, PathBuf};

use super::walk::ScanNote;
use crate::analysis::learned::{Feature, person_features};
use crate::analysis::{AnalysisOptions, Freshness, HealthLevel, Recency, analyze};
use crate::format::LoadError;
use crate::lang::Language;
use crate::model::{Date, Document, Outcome, Role, Stage};

/// One row of the portfolio: a map file, or a file that should be one and is broken.
#[derive(Clone, Debug, PartialEq)]
pub struct MapRow {
    /// The file.
    pub path: PathBuf,
    /// Last modified, in seconds since 1970 (when the system says).
    pub modified: Option<i64>,
    /// What the map says, or why it could not be read.
    pub summary: Result<MapSummary, Broken>,
}

/// Why a file of the workspace could not be read, worded in both languages: the
/// scan cache keeps the reason, and the start page shows it in the UI's language.
#[derive(Clone, Debug, PartialEq)]
pub struct Broken {
    /// In English (what the command line prints).
    pub english: String,
    /// In Chinese.
    pub chinese: String,
}

impl Broken {
    /// The reason `err` gives, in both languages.
    pub fn of(err: &LoadError) -> Self {
        Self {
            english: err.message(Language::English),
            chinese: err.message(Language::Chinese),
        }
    }

    /// The reason in `language`.
    pub fn in_language(&self, language: Language) -> &str {
        match language {
            Language::English => &self.english,
            Language::Chinese => &self.chinese,
        }
    }
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english)
    }
}

/// What the portfolio shows of a map that loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct MapSummary {
    /// The customer.
    pub account: String,
    /// The deal.
    pub opportunity: String,
    /// The sales stage.
    pub stage: Stage,
    /// Expected deal value.
    pub deal_value: Option<f64>,
    /// Its currency (as written).
    pub currency: String,
    /// When the customer plans to sign.
    pub close_date: Option<Date>,
    /// How the deal ended, when it has.
    pub outcome: Option<Outcome>,
    /// When it ended.
    pub closed_on: Option<Date>,
    /// Map health.
    pub health: HealthLevel,
    /// Health recorded at the map's last review, when the file has reviews.
    pub reviewed_health: Option<HealthLevel>,
    /// Whether a decision maker (tagged, or the likely one) supports us.
    pub decision_maker_supports: bool,
    /// Whether someone is tagged champion.
    pub has_champion: bool,
    /// Share (0–1) of people not verified or contacted within the staleness window.
    pub stale_share: f64,
    /// Open next actions past their due date.
    pub overdue_actions: usize,
    /// Team members who own people on the map, sorted.
    pub owners: Vec<String>,
    /// People on the map.
    pub people: usize,
    /// Codes of the risks found, sorted.
    pub risk_codes: Vec<String>,
    /// For a closed deal: each feature of its people (title, department, depth),
    /// once, and whether someone with it was tagged decision maker. Empty for open
    /// deals.
    pub lessons: Vec<(Feature, bool)>,
}

impl MapSummary {
    /// Whether the deal was won or lost.
    pub fn is_closed(&self) -> bool {
        self.outcome.is_some_and(Outcome::is_closed)
    }
}

/// What reading a file gave.
pub enum Read {
    /// A map (loaded or broken).
    Row(Box<MapRow>),
    /// JSON that is not a map: skipped, with this note.
    Skipped(ScanNote),
}

/// Reads and sums up the file at `path`.
pub fn read_row(path: &Path, options: &AnalysisOptions) -> Read {
    let modified = std::fs::metadata(path)
        .ok()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .and_then(|d| i64::try_from(d.as_secs()).ok());
    let summary = match crate::format::load_file(path) {
        Ok(doc) => Ok(summarise(&doc, options)),
        Err(LoadError::NotPowermap { reason }) => {
            return Read::Skipped(ScanNote::NotAMap {
                path: path.to_owned(),
                reason,
            });
        }
        Err(err) => Err(Broken::of(&err)),
    };
    Read::Row(Box::new(MapRow {
        path: path.to_owned(),
        modified,
        summary,
    }))
}

/// Sums up a loaded map.
pub fn summarise(doc: &Document, options: &AnalysisOptions) -> MapSummary {
    let analysis = analyze(doc, options);
    let recency = Recency::new(options.today, options.stale_after_days);
    let people = doc.stakeholders.len();
    let stale = doc
        .stakeholders
        .iter()
        .filter(|p| recency.freshness(p) != Freshness::Current)
        .count();
    let mut owners: Vec<String> = doc
        .stakeholders
        .iter()
        .filter_map(|p| p.owner.as_ref())
        .map(|id| {
            doc.team_member(id)
                .map_or_else(|| id.as_str().to_owned(), |m| m.name.clone())
        })
        .collect();
    owners.sort();
    owners.dedup();
    let mut risk_codes: Vec<String> = analysis
        .risks
        .iter()
        .map(|r| r.code.as_str().to_owned())
        .collect();
    risk_codes.sort();
    risk_codes.dedup();
    let account = &doc.account;
    let closed = account.outcome.is_some_and(Outcome::is_closed);
    MapSummary {
        account: account.name.clone(),
        opportunity: account.opportunity.clone(),
        stage: account.stage,
        deal_value: account.deal_value,
        currency: account.currency.trim().to_owned(),
        close_date: account.close_date,
        outcome: account.outcome,
        closed_on: account.closed_on,
        health: analysis.health.level,
        reviewed_health: last_review_health(doc),
        decision_maker_supports: analysis
            .deciders
            .iter()
            .filter_map(|&i| doc.stakeholders.get(i))
            .any(|p| p.stance.is_supportive()),
        has_champion: doc.stakeholders.iter().any(|p| p.role == Role::Champion),
        stale_share: if people == 0 {
            0.0
        } else {
            stale as f64 / people as f64
        },
        overdue_actions: analysis.actions.iter().filter(|a| a.overdue).count(),
        owners,
        people,
        risk_codes,
        lessons: if closed { lessons(doc) } else { Vec::new() },
    }
}

/// Each feature of the map's people once, with whether a decision maker had it.
fn lessons(doc: &Document) -> Vec<(Feature, bool)> {
    let mut found: std::collections::BTreeMap<String, (Feature, bool)> = Default::default();
    for (person, features) in doc.stakeholders.iter().zip(person_features(doc)) {
        let decided = person.role == Role::DecisionMaker;
        for feature in features {
            let entry = found
                .entry(feature.key.clone())
                .or_insert_with(|| (feature, false));
            entry.1 |= decided;
        }
    }
    found.into_values().collect()
}

/// The health recorded at the last review, read leniently from a top-level
/// `reviews` list (items with a `health` of red, amber or green; the one with the
/// latest `date`, else the last). `None` when the file has none.
pub fn last_review_health(doc: &Document) -> Option<HealthLevel> {
    let reviews = doc.extra.get("reviews")?.as_array()?;
    let dated = |r: &serde_json::Value| {
        r.get("date")
            .or_else(|| r.get("on"))
            .and_then(|d| d.as_str())
            .and_then(|d| d.parse::<Date>().ok())
    };
    let health = |r: &serde_json::Value| {
        r.get("health")
            .and_then(|h| h.as_str().or_else(|| h.get("level")?.as_str()))
            .and_then(health_level)
    };
    let with_health = reviews.iter().filter(|r| health(r).is_some());
    // The latest dated one; among equal dates (or none), the last written.
    let last = with_health
        .enumerate()
        .max_by_key(|(at, r)| (dated(r), *at))?;
    health(last.1)
}

/// `red`, `amber` or `green` as a level.
pub fn health_level(code: &str) -> Option<HealthLevel> {
    match code {
        "red" => Some(HealthLevel::Red),
        "amber" => Some(HealthLevel::Amber),
        "green" => Some(HealthLevel::Green),
        _ => None,
    }
}

/// How good a health level is, worst lowest (for "worsened since the review").
pub fn health_rank(level: HealthLevel) -> u8 {
    match level {
        HealthLevel::Red => 0,
        HealthLevel::Amber => 1,
        HealthLevel::Green => 2,
    }
}
