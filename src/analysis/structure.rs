//! The relationship graph of a map in the forms the analyses need: who reports to
//! whom, where influence flows, and which lines connect people for paths.

use super::adjacency::Adjacency;
use super::id_index::IdIndex;
use crate::model::{Document, RelationshipId, RelationshipKind};

#[cfg(test)]
thread_local! {
    /// How often this thread asked whether two people are in conflict: the work
    /// unit of the tests that the analysis stays linear.
    pub static CONFLICT_CHECKS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Indexed view of a document's people and lines; people are numbered in document
/// order.
pub struct Structure<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Influence flow: for each person, (target, weight). Reporting and influence lines
    /// carry influence toward their target; alliances both ways.
    pub flow: Adjacency<(usize, f64)>,
    /// For each person, their managers (targets of their `reports_to` lines).
    pub managers: Adjacency<usize>,
    /// For each person, their direct reports, in index order, each once.
    pub reports: Adjacency<usize>,
    /// Undirected links for paths (every kind but conflict): (other, strength, line).
    pub links: Adjacency<(usize, u8, &'a RelationshipId)>,
    /// For each person, the people they are in conflict with (either direction), in
    /// index order, each once.
    pub conflicts: Adjacency<usize>,
    /// For each person, the `influences` lines pointing at them: (from, strength,
    /// index of the line in the document).
    pub influenced_by: Adjacency<(usize, u8, usize)>,
    /// Person index by id (the last of equal ids), in a compact table.
    pub index: IdIndex,
    /// For each line of the document, the indices of its two ends (`None` for an
    /// id nobody has): looked up once here, not again by every analysis.
    pub ends: Vec<(Option<usize>, Option<usize>)>,
}

/// From this many people on, the index's lookups and the lists are made on two
/// threads (the same lists, each in line order), as the influence is.
const PARALLEL_FROM: usize = super::PARALLEL_INFLUENCE_FROM;

/// Each line's two ends, as (person, item) pairs in line order for every kind of
/// list; each person's list keeps that order.
type Pairs<T> = Vec<(usize, T)>;

/// The directed lists: influence flow, managers, reports.
struct Directed {
    flow: Adjacency<(usize, f64)>,
    managers: Adjacency<usize>,
    reports: Adjacency<usize>,
}

/// The lists for paths, conflicts and influence received.
struct Linked<'a> {
    links: Adjacency<(usize, u8, &'a RelationshipId)>,
    conflicts: Adjacency<usize>,
    influenced_by: Adjacency<(usize, u8, usize)>,
}

/// The lines of `doc` with both ends known and different: (line index, line, from, to).
fn joined<'d>(
    doc: &'d Document,
    ends: &[(Option<usize>, Option<usize>)],
) -> impl Iterator<Item = (usize, &'d crate::model::Relationship, usize, usize)> {
    doc.relationships
        .iter()
        .zip(ends)
        .enumerate()
        .filter_map(|(i, (line, end))| match *end {
            (Some(a), Some(b)) if a != b => Some((i, line, a, b)),
            _ => None,
        })
}

impl Directed {
    fn new(doc: &Document, ends: &[(Option<usize>, Option<usize>)], n: usize) -> Self {
        // Room for every line at once (pages never written are never touched):
        // growing lists of 200,000 pairs copied them again and again.
        let lines = ends.len();
        let mut flow: Pairs<(usize, f64)> = Vec::with_capacity(lines.saturating_mul(2));
        let mut managers: Pairs<usize> = Vec::with_capacity(lines);
        let mut reports: Pairs<usize> = Vec::with_capacity(lines);
        for (_, line, a, b) in joined(doc, ends) {
            let weight = f64::from(line.strength.level());
            match line.kind {
                RelationshipKind::ReportsTo => {
                    flow.push((a, (b, weight)));
                    managers.push((a, b));
                    reports.push((b, a));
                }
                RelationshipKind::Influences => flow.push((a, (b, weight))),
                RelationshipKind::Ally => {
                    flow.push((a, (b, weight)));
                    flow.push((b, (a, weight)));
                }
                RelationshipKind::Conflict => {}
            }
        }
        Self {
            flow: Adjacency::from_pairs(n, &flow),
            managers: Adjacency::from_pairs(n, &managers),
            // A line written twice is one report: keeps the counts below cheap.
            reports: Adjacency::from_pairs(n, &reports).sorted_once(),
        }
    }
}

impl<'a> Linked<'a> {
    fn new(doc: &'a Document, ends: &[(Option<usize>, Option<usize>)], n: usize) -> Self {
        let lines = ends.len();
        let mut links: Pairs<(usize, u8, &'a RelationshipId)> =
            Vec::with_capacity(lines.saturating_mul(2));
        let mut conflicts: Pairs<usize> = Vec::with_capacity(lines.saturating_mul(2));
        let mut influenced_by: Pairs<(usize, u8, usize)> = Vec::with_capacity(lines);
        for (line_index, line, a, b) in joined(doc, ends) {
            let level = line.strength.level();
            match line.kind {
                RelationshipKind::Conflict => {
                    conflicts.push((a, b));
                    conflicts.push((b, a));
                    continue;
                }
                RelationshipKind::Influences => {
                    influenced_by.push((b, (a, level, line_index)));
                }
                RelationshipKind::ReportsTo | RelationshipKind::Ally => {}
            }
            links.push((a, (b, level, &line.id)));
            links.push((b, (a, level, &line.id)));
        }
        Self {
            links: Adjacency::from_pairs(n, &links),
            conflicts: Adjacency::from_pairs(n, &conflicts).sorted_once(),
            influenced_by: Adjacency::from_pairs(n, &influenced_by),
        }
    }
}

impl<'a> Structure<'a> {
    /// Builds the indexed view.
    pub fn new(doc: &'a Document) -> Self {
        Self::build(doc, doc.stakeholders.len() >= PARALLEL_FROM)
    }

    /// Builds the indexed view, on two threads when `parallel`.
    fn build(doc: &'a Document, parallel: bool) -> Self {
        let n = doc.stakeholders.len();
        let index = IdIndex::new(doc.stakeholders.iter().map(|s| s.id.as_str()));
        let ends_of =
            |lines: &[crate::model::Relationship]| -> Vec<(Option<usize>, Option<usize>)> {
                lines
                    .iter()
                    .map(|line| (index.get(line.from.as_str()), index.get(line.to.as_str())))
                    .collect()
            };
        let (front, back) = doc.relationships.split_at(if parallel {
            doc.relationships.len() / 2
        } else {
            0
        });
        let (mut ends, back_ends) = super::both(parallel, || ends_of(front), || ends_of(back));
        ends.extend(back_ends);
        let (directed, linked) = super::both(
            parallel,
            || Directed::new(doc, &ends, n),
            || Linked::new(doc, &ends, n),
        );
        Self {
            doc,
            flow: directed.flow,
            managers: directed.managers,
            reports: directed.reports,
            links: linked.links,
            conflicts: linked.conflicts,
            influenced_by: linked.influenced_by,
            index,
            ends,
        }
    }

    /// Whether two people are in conflict.
    pub fn in_conflict(&self, a: usize, b: usize) -> bool {
        #[cfg(test)]
        CONFLICT_CHECKS.with(|count| count.set(count.get() + 1));
        self.conflicts
            .get(a)
            .is_some_and(|list| list.binary_search(&b).is_ok())
    }

    /// Number of people.
    pub fn len(&self) -> usize {
        self.doc.stakeholders.len()
    }

    /// Everyone below a person in the reporting lines (not counting them). Linear
    /// in the people below and their lines (nothing the size of the map is
    /// allocated): for a few people, not for everyone (see
    /// [`Structure::subordinates_up_to`]).
    pub fn subordinate_count(&self, person: usize) -> usize {
        let mut seen = std::collections::HashSet::from([person]);
        let mut stack = vec![person];
        while let Some(p) = stack.pop() {
            for &r in self.reports.get(p).unwrap_or_default() {
                if seen.insert(r) {
                    stack.push(r);
                }
            }
        }
        seen.len() - 1
    }

    /// The number of people below a person in the reporting lines, counted up to
    /// `cap`: at most `cap + 1` people are visited, each report list scanned only
    /// until `cap` are found, so asking for everyone costs linear time.
    pub fn subordinates_up_to(&self, person: usize, cap: usize) -> usize {
        let mut seen = vec![person];
        let mut stack = vec![person];
        while let Some(p) = stack.pop() {
            for &r in self.reports.get(p).unwrap_or_default() {
                if seen.len() > cap {
                    return cap;
                }
                // `seen` holds at most `cap + 1` people.
                if !seen.contains(&r) {
                    seen.push(r);
                    stack.push(r);
                }
            }
        }
        (seen.len() - 1).min(cap)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::{Relationship, Stakeholder};

    fn doc_with_lines(people: usize, lines: &[(usize, usize)]) -> Document {
        let mut doc = Document::default();
        for i in 0..people {
            doc.stakeholders
                .push(Stakeholder::new(format!("p{i}"), format!("P{i}")));
        }
        for (n, (from, to)) in lines.iter().enumerate() {
            doc.relationships.push(Relationship::new(
                format!("r{n}"),
                format!("p{from}"),
                format!("p{to}"),
                RelationshipKind::ReportsTo,
            ));
        }
        doc
    }

    proptest! {
        /// Two threads build the same lists as one, whatever the lines.
        #[test]
        fn two_threads_build_the_same_lists_as_one(
            lines in proptest::collection::vec((0..14usize, 0..14usize, 0..4usize, 1..4i64), 0..60),
        ) {
            let mut doc = doc_with_lines(12, &[]);
            let kinds = [
                RelationshipKind::ReportsTo,
                RelationshipKind::Influences,
                RelationshipKind::Ally,
                RelationshipKind::Conflict,
            ];
            for (n, &(from, to, kind, strength)) in lines.iter().enumerate() {
                // People 12 and 13 do not exist: lines to them are left out.
                let mut line = Relationship::new(
                    format!("r{n}"),
                    format!("p{from}"),
                    format!("p{to}"),
                    kinds.get(kind).copied().unwrap_or_default(),
                );
                line.strength = crate::model::Strength::new(strength).unwrap_or_default();
                doc.relationships.push(line);
            }
            let one = Structure::build(&doc, false);
            let two = Structure::build(&doc, true);
            prop_assert_eq!(&one.ends, &two.ends);
            prop_assert_eq!(&one.flow, &two.flow);
            prop_assert_eq!(&one.managers, &two.managers);
            prop_assert_eq!(&one.reports, &two.reports);
            prop_assert_eq!(&one.links, &two.links);
            prop_assert_eq!(&one.conflicts, &two.conflicts);
            prop_assert_eq!(&one.influenced_by, &two.influenced_by);
            // Every line with two different known ends is a link or a conflict.
            let joined = lines.iter().filter(|&&(a, b, _, _)| a < 12 && b < 12 && a != b).count();
            let listed = one.links.iter().map(<[_]>::len).sum::<usize>()
                + lines.iter().filter(|&&(a, b, k, _)| a < 12 && b < 12 && a != b && k == 3).count() * 2;
            prop_assert_eq!(listed, joined * 2);
        }

        #[test]
        fn counting_up_to_a_cap_agrees_with_counting_everyone(
            lines in proptest::collection::vec((0..12usize, 0..12usize), 0..30),
            cap in 0..14usize,
        ) {
            let doc = doc_with_lines(12, &lines);
            let structure = Structure::new(&doc);
            for person in 0..12 {
                let all = structure.subordinate_count(person);
                prop_assert_eq!(structure.subordinates_up_to(person, cap), all.min(cap));
            }
        }
    }

    #[test]
    fn a_line_written_twice_counts_once() {
        let doc = doc_with_lines(3, &[(1, 0), (1, 0), (2, 1)]);
        let structure = Structure::new(&doc);
        assert_eq!(structure.reports.get(0), Some(&[1][..]));
        assert_eq!(structure.subordinate_count(0), 2);
        assert_eq!(structure.subordinates_up_to(0, 1), 1);
    }
}
