//! The coverage grid: level (高层 / 中层 / 执行层) × function (business, technical,
//! finance, procurement), with the people in each cell and those we really cover
//! (several contacts or more, still recent). A deal covered only at the working
//! level, or only in IT, shows at a glance.

use super::buying::BuyingCenter;
use super::functions::Area;
use super::recency::Recency;
use super::titles::Level;
use crate::model::{Coverage, Document};

/// One cell of the grid.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CoverageCell {
    /// Everyone in the cell (indices in the document).
    pub people: Vec<usize>,
    /// Those we cover: several contacts or in depth, with a recent last contact.
    pub covered: Vec<usize>,
}

/// The grid, by level then area (in the order of [`Level::ALL`] and [`Area::ALL`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CoverageGrid {
    /// Cells by level, then area.
    pub cells: Vec<Vec<CoverageCell>>,
}

impl CoverageGrid {
    /// The cell of a level and an area.
    pub fn cell(&self, level: Level, area: Area) -> Option<&CoverageCell> {
        let row = Level::ALL.iter().position(|l| *l == level)?;
        let column = Area::ALL.iter().position(|a| *a == area)?;
        self.cells.get(row)?.get(column)
    }
}

/// Builds the grid.
pub fn coverage_grid(doc: &Document, buying: &BuyingCenter, recency: &Recency) -> CoverageGrid {
    let mut cells = vec![vec![CoverageCell::default(); Area::ALL.len()]; Level::ALL.len()];
    for (i, person) in doc.stakeholders.iter().enumerate() {
        let Some(facts) = buying.facts(i) else {
            continue;
        };
        let level = facts.title.rank.level();
        let area = facts.function.map_or(Area::Business, |f| f.area());
        let (Some(row), Some(column)) = (
            Level::ALL.iter().position(|l| *l == level),
            Area::ALL.iter().position(|a| *a == area),
        ) else {
            continue;
        };
        let Some(cell) = cells.get_mut(row).and_then(|r| r.get_mut(column)) else {
            continue;
        };
        cell.people.push(i);
        if recency.effective_coverage(person) >= Coverage::Multiple {
            cell.covered.push(i);
        }
    }
    CoverageGrid { cells }
}
