//! The department groups option of the map view: the regions behind each
//! department's people, computed again only when the map changes.

use std::sync::Arc;

use crate::model::Document;
use crate::placement::drawing_positions;
use crate::views::Backdrop;

/// The department regions of the map, cached by edit counter.
#[derive(Default)]
pub struct DepartmentRegions {
    computed_for: Option<u64>,
    regions: Arc<Vec<Backdrop>>,
    serial: u64,
}

impl DepartmentRegions {
    /// The regions of `doc` at `edit_counter`, and a serial that changes only
    /// when they do (so a move inside a region keeps the canvas's quick path).
    pub fn regions(&mut self, doc: &Document, edit_counter: u64) -> (Arc<Vec<Backdrop>>, u64) {
        if self.computed_for != Some(edit_counter) {
            self.computed_for = Some(edit_counter);
            let regions = crate::views::department_regions(doc, &drawing_positions(doc));
            if *self.regions != regions {
                self.regions = Arc::new(regions);
                self.serial += 1;
            }
        }
        (Arc::clone(&self.regions), self.serial)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_change_serial_only_when_they_change() {
        let mut doc = crate::samples::synthetic_map(20, 2);
        let mut cache = DepartmentRegions::default();
        let (first, serial) = cache.regions(&doc, 1);
        assert!(!first.is_empty());
        // A change that moves no region.
        doc.stakeholders[0].notes = "Met at the fair".into();
        assert_eq!(cache.regions(&doc, 2).1, serial);
        // A move that stretches one.
        if let Some(p) = doc.stakeholders[0].position.as_mut() {
            p.x -= 5000.0;
        }
        let (moved, next) = cache.regions(&doc, 3);
        assert_ne!(next, serial);
        assert_ne!(moved, first);
    }
}
