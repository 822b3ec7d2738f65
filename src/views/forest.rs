//! The reporting lines of a map as a forest: at most one manager per person, no
//! cycles, whatever the file holds.

use std::collections::HashMap;

use crate::model::reporting::acyclic_additions;
use crate::model::{Document, RelationshipKind};

/// Who reports to whom, as a forest over the people of a map (document indices).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportingForest {
    /// Each person's manager in the forest.
    pub manager: Vec<Option<usize>>,
    /// Each person's reports, in document order.
    pub reports: Vec<Vec<usize>>,
    /// People with reports and no manager, in document order.
    pub tops: Vec<usize>,
    /// People with neither a manager nor reports, in document order.
    pub alone: Vec<usize>,
}

impl ReportingForest {
    /// The forest of `doc`'s `reports_to` lines. A person's first line (in file order)
    /// to someone on the map is their line in the forest; a line naming someone not
    /// on the map, or the person themselves, is ignored, and a line that would close
    /// a cycle is dropped (the cycle's last line in person order). Linear time.
    pub fn new(doc: &Document) -> Self {
        let count = doc.stakeholders.len();
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(count);
        for (i, person) in doc.stakeholders.iter().enumerate() {
            index.entry(person.id.as_str()).or_insert(i);
        }
        let mut first: Vec<Option<usize>> = vec![None; count];
        for line in &doc.relationships {
            if line.kind != RelationshipKind::ReportsTo {
                continue;
            }
            let (Some(&from), Some(&to)) =
                (index.get(line.from.as_str()), index.get(line.to.as_str()))
            else {
                continue;
            };
            if from != to
                && let Some(slot) = first.get_mut(from)
                && slot.is_none()
            {
                *slot = Some(to);
            }
        }
        let lines: Vec<(usize, usize)> = first
            .iter()
            .enumerate()
            .filter_map(|(from, to)| to.map(|to| (from, to)))
            .collect();
        let keep = acyclic_additions(count, &[], &lines);
        let mut manager = vec![None; count];
        let mut reports: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (&(from, to), kept) in lines.iter().zip(keep) {
            if kept && let Some(slot) = manager.get_mut(from) {
                *slot = Some(to);
            }
        }
        for (person, boss) in manager.iter().enumerate() {
            if let Some(list) = boss.and_then(|b| reports.get_mut(b)) {
                list.push(person);
            }
        }
        let (mut tops, mut alone) = (Vec::new(), Vec::new());
        for (person, boss) in manager.iter().enumerate() {
            if boss.is_none() {
                if reports.get(person).is_some_and(|r| !r.is_empty()) {
                    tops.push(person);
                } else {
                    alone.push(person);
                }
            }
        }
        Self {
            manager,
            reports,
            tops,
            alone,
        }
    }

    /// Whether `person` has reports.
    pub fn has_reports(&self, person: usize) -> bool {
        self.reports.get(person).is_some_and(|r| !r.is_empty())
    }

    /// The reports of `person`.
    pub fn reports_of(&self, person: usize) -> &[usize] {
        self.reports.get(person).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Relationship, Stakeholder};

    fn doc(people: usize, lines: &[(&str, &str)]) -> Document {
        let mut doc = Document::default();
        for i in 0..people {
            doc.stakeholders
                .push(Stakeholder::new(format!("p{i}"), format!("P{i}")));
        }
        for (k, (from, to)) in lines.iter().enumerate() {
            doc.relationships.push(Relationship::new(
                format!("r{k}").as_str(),
                *from,
                *to,
                RelationshipKind::ReportsTo,
            ));
        }
        doc
    }

    #[test]
    fn cycles_dangling_managers_and_second_managers_leave_a_forest() {
        // p0 → p1 → p2 → p0 (a cycle), p3 → nobody on the map, p4 → p4, p5 → p1 and
        // p5 → p3 (second line ignored), p6 alone.
        let doc = doc(
            7,
            &[
                ("p0", "p1"),
                ("p1", "p2"),
                ("p2", "p0"),
                ("p3", "ghost"),
                ("p4", "p4"),
                ("p5", "p1"),
                ("p5", "p3"),
            ],
        );
        let forest = ReportingForest::new(&doc);
        assert_eq!(forest.manager[0], Some(1));
        assert_eq!(forest.manager[1], Some(2));
        assert_eq!(forest.manager[2], None, "the cycle's last line is dropped");
        assert_eq!(forest.manager[5], Some(1));
        assert_eq!(forest.tops, vec![2]);
        assert_eq!(forest.alone, vec![3, 4, 6]);
        assert_eq!(forest.reports_of(1), &[0, 5]);
    }
}
