//! The relationship graph of a map in the forms the analyses need: who reports to
//! whom, where influence flows, and which lines connect people for paths.

use std::collections::HashMap;

use crate::model::{Document, RelationshipId, RelationshipKind, StakeholderId};

/// Indexed view of a document's people and lines; people are numbered in document
/// order.
pub struct Structure<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Influence flow: for each person, (target, weight). Reporting and influence lines
    /// carry influence toward their target; alliances both ways.
    pub flow: Vec<Vec<(usize, f64)>>,
    /// For each person, their managers (targets of their `reports_to` lines).
    pub managers: Vec<Vec<usize>>,
    /// For each person, their direct reports.
    pub reports: Vec<Vec<usize>>,
    /// Undirected links for paths (every kind but conflict): (other, strength, line).
    pub links: Vec<Vec<(usize, u8, &'a RelationshipId)>>,
}

impl<'a> Structure<'a> {
    /// Builds the indexed view.
    pub fn new(doc: &'a Document) -> Self {
        let n = doc.stakeholders.len();
        let index: HashMap<&StakeholderId, usize> = doc
            .stakeholders
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.id, i))
            .collect();
        let mut flow = vec![Vec::new(); n];
        let mut managers = vec![Vec::new(); n];
        let mut reports = vec![Vec::new(); n];
        let mut links = vec![Vec::new(); n];
        for line in &doc.relationships {
            let (Some(&a), Some(&b)) = (index.get(&line.from), index.get(&line.to)) else {
                continue;
            };
            if a == b {
                continue;
            }
            let weight = f64::from(line.strength.level());
            let push = |list: &mut Vec<Vec<(usize, f64)>>, from: usize, to: usize| {
                if let Some(out) = list.get_mut(from) {
                    out.push((to, weight));
                }
            };
            match line.kind {
                RelationshipKind::ReportsTo => {
                    push(&mut flow, a, b);
                    if let Some(m) = managers.get_mut(a) {
                        m.push(b);
                    }
                    if let Some(r) = reports.get_mut(b) {
                        r.push(a);
                    }
                }
                RelationshipKind::Influences => push(&mut flow, a, b),
                RelationshipKind::Ally => {
                    push(&mut flow, a, b);
                    push(&mut flow, b, a);
                }
                RelationshipKind::Conflict => {}
            }
            if line.kind != RelationshipKind::Conflict {
                let level = line.strength.level();
                if let Some(l) = links.get_mut(a) {
                    l.push((b, level, &line.id));
                }
                if let Some(l) = links.get_mut(b) {
                    l.push((a, level, &line.id));
                }
            }
        }
        Self {
            doc,
            flow,
            managers,
            reports,
            links,
        }
    }

    /// Number of people.
    pub fn len(&self) -> usize {
        self.doc.stakeholders.len()
    }

    /// Everyone below a person in the reporting lines (not counting them).
    pub fn subordinate_count(&self, person: usize) -> usize {
        let mut seen = vec![false; self.len()];
        let mut stack = vec![person];
        let mut count = 0;
        if let Some(s) = seen.get_mut(person) {
            *s = true;
        }
        while let Some(p) = stack.pop() {
            for &r in self.reports.get(p).map_or(&[][..], Vec::as_slice) {
                if let Some(s) = seen.get_mut(r)
                    && !*s
                {
                    *s = true;
                    count += 1;
                    stack.push(r);
                }
            }
        }
        count
    }
}
