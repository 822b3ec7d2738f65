//! Portfolio totals: maps and deal value by stage and by health, value summed per
//! currency (values in different currencies are never added together).

use std::collections::BTreeMap;

use super::row::{MapRow, health_rank};
use crate::analysis::HealthLevel;
use crate::model::Stage;

/// A count of maps and their deal value per currency.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sum {
    /// Maps.
    pub maps: usize,
    /// Deal value per currency (`""` for a value without currency), sorted by code.
    pub value: BTreeMap<String, f64>,
}

impl Sum {
    fn add(&mut self, value: Option<f64>, currency: &str) {
        self.maps += 1;
        if let Some(value) = value {
            *self.value.entry(currency.to_owned()).or_default() += value;
        }
    }
}

/// The totals of a workspace.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    /// Maps that loaded.
    pub maps: usize,
    /// Files that should be maps and could not be read.
    pub broken: usize,
    /// By stage, in stage order.
    pub by_stage: Vec<(Stage, Sum)>,
    /// By health: red, amber, green.
    pub by_health: Vec<(HealthLevel, Sum)>,
}

/// Adds up `rows`.
pub fn totals(rows: &[MapRow]) -> Totals {
    let mut by_stage: Vec<(Stage, Sum)> = Stage::ALL.iter().map(|&s| (s, Sum::default())).collect();
    let mut by_health: Vec<(HealthLevel, Sum)> =
        [HealthLevel::Red, HealthLevel::Amber, HealthLevel::Green]
            .into_iter()
            .map(|h| (h, Sum::default()))
            .collect();
    let mut totals = Totals::default();
    for row in rows {
        let Ok(s) = &row.summary else {
            totals.broken += 1;
            continue;
        };
        totals.maps += 1;
        if let Some((_, sum)) = by_stage.iter_mut().find(|(stage, _)| *stage == s.stage) {
            sum.add(s.deal_value, &s.currency);
        }
        if let Some((_, sum)) = by_health.iter_mut().find(|(h, _)| *h == s.health) {
            sum.add(s.deal_value, &s.currency);
        }
    }
    totals.by_stage = by_stage;
    totals.by_health = by_health;
    totals
}

/// The rows whose health is worse than at their last review, in path order.
pub fn worsened(rows: &[MapRow]) -> Vec<&MapRow> {
    rows.iter()
        .filter(|r| {
            r.summary.as_ref().is_ok_and(|s| {
                s.reviewed_health
                    .is_some_and(|before| health_rank(s.health) < health_rank(before))
            })
        })
        .collect()
}
