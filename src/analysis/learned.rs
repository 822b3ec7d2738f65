//! Evidence learned from a team's closed deals: which titles, departments and
//! places in the reporting structure turned out to be the decision makers. This
//! module only says what a person looks like to the learning ([`person_features`])
//! and how much a lesson may weigh ([`MAX_LEARNED_WEIGHT`]); the counting across a
//! workspace lives in `crate::portfolio`.

use std::collections::VecDeque;

use super::functions::person_function;
use super::structure::Structure;
use super::titles::{Line, Rank, read_title};
use crate::lang::Language;
use crate::model::{Document, Stakeholder};

/// The most a learned lesson adds to a likely-decision-maker score (of 1): less
/// than the tag (0.35) or the buying-centre part (up to 0.35), so the map's own
/// evidence still dominates.
pub const MAX_LEARNED_WEIGHT: f64 = 0.15;

/// One thing the learning compares across maps.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Feature {
    /// What is compared: `title:…`, `department:…` or `depth:N`.
    pub key: String,
    /// As a person would read it: the title or department as written, or the
    /// depth in the reporting line.
    pub label: String,
}

/// A lesson from past deals about one person.
pub trait LearnedEvidence {
    /// What closed deals say about a person with these features: a weight from 0 to
    /// 1 (scaled down to [`MAX_LEARNED_WEIGHT`] by the analysis) and the reason in
    /// `language`; `None` when the workspace has not learned enough.
    fn evidence(&self, features: &[Feature], language: Language) -> Option<(f64, String)>;
}

/// The features of every person of `doc`, in document order.
pub fn person_features(doc: &Document) -> Vec<Vec<Feature>> {
    features_in(&Structure::new(doc))
}

/// As [`person_features`], on a structure already built.
pub(super) fn features_in(structure: &Structure<'_>) -> Vec<Vec<Feature>> {
    let depths = reporting_depths(structure);
    structure
        .doc
        .stakeholders
        .iter()
        .zip(depths)
        .map(|(person, depth)| features_of(person, depth))
        .collect()
}

fn features_of(person: &Stakeholder, depth: Option<usize>) -> Vec<Feature> {
    let mut features = Vec::with_capacity(3);
    if let Some(key) = title_key(&person.department, &person.title) {
        features.push(Feature {
            key: format!("title:{key}"),
            label: person.title.trim().to_owned(),
        });
    }
    let department = normalised(&person.department);
    if !department.is_empty() {
        let key = super::functions::function_of(&person.department)
            .map_or(department, |f| f.as_str().to_owned());
        features.push(Feature {
            key: format!("department:{key}"),
            label: person.department.trim().to_owned(),
        });
    }
    if let Some(depth) = depth {
        let depth = depth.min(3);
        features.push(Feature {
            key: format!("depth:{depth}"),
            label: depth.to_string(),
        });
    }
    features
}

/// The key under which a title is compared. A title the title rules can read (a
/// rank in a known function) is compared by function and rank, so 教务处处长 and
/// "Director of Academic Affairs" meet, and 正处长 is a 处长; any other title by its
/// text, folded for width, case and spaces.
pub fn title_key(department: &str, title: &str) -> Option<String> {
    let text = normalised(title);
    if text.is_empty() {
        return None;
    }
    let reading = read_title(title);
    let function = person_function(department, title);
    match (function, reading.rank, reading.line) {
        (Some(function), rank, Line::Command) if rank != Rank::Staff => {
            Some(format!("{}/{rank:?}", function.as_str()))
        }
        _ => Some(text.replace('正', "")),
    }
}

/// Lower case, full-width letters and digits folded, spaces and punctuation gone.
pub fn normalised(text: &str) -> String {
    text.chars()
        .map(fold_width)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A full-width ASCII character (ＣＦＯ, １) as its ordinary form.
fn fold_width(c: char) -> char {
    match u32::from(c) {
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// How many reporting steps below the top of its line each person is (`None` for
/// people on no reporting line, or only in a loop). Breadth-first from the tops:
/// linear in people and lines.
fn reporting_depths(structure: &Structure<'_>) -> Vec<Option<usize>> {
    let n = structure.doc.stakeholders.len();
    let mut depth: Vec<Option<usize>> = vec![None; n];
    let mut queue = VecDeque::new();
    for i in 0..n {
        let top = structure.managers.get(i).is_some_and(<[usize]>::is_empty)
            && structure.reports.get(i).is_some_and(|r| !r.is_empty());
        if top && let Some(d) = depth.get_mut(i) {
            *d = Some(0);
            queue.push_back(i);
        }
    }
    while let Some(i) = queue.pop_front() {
        let next = depth.get(i).copied().flatten().unwrap_or(0) + 1;
        for &r in structure.reports.get(i).unwrap_or_default() {
            if let Some(d) = depth.get_mut(r)
                && d.is_none()
            {
                *d = Some(next);
                queue.push_back(r);
            }
        }
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Relationship, RelationshipKind};

    #[test]
    fn titles_meet_across_deputy_marks_languages_and_widths() {
        assert_eq!(title_key("", "教务处处长"), title_key("", "教务处正处长"));
        assert_eq!(
            title_key("", "教务处处长"),
            title_key("", "Director of Academic Affairs")
        );
        assert_ne!(title_key("", "教务处处长"), title_key("", "教务处副处长"));
        assert_eq!(
            title_key("", "Ｃｈｉｅｆ  Ｄｒｕｉｄ"),
            title_key("", "chief druid")
        );
        assert_eq!(title_key("", "  "), None);
    }

    #[test]
    fn depth_counts_steps_below_the_top_and_ignores_loops() {
        let mut doc = Document::default();
        for id in ["a", "b", "c", "x", "y", "lone"] {
            doc.stakeholders.push(Stakeholder::new(id, id));
        }
        for (from, to) in [("b", "a"), ("c", "b"), ("x", "y"), ("y", "x")] {
            let id = format!("{from}-{to}");
            doc.relationships
                .push(Relationship::new(id, from, to, RelationshipKind::ReportsTo));
        }
        let depths: Vec<Option<String>> = person_features(&doc)
            .iter()
            .map(|f| {
                f.iter()
                    .find(|f| f.key.starts_with("depth:"))
                    .map(|f| f.key.clone())
            })
            .collect();
        let expected = [
            Some("depth:0"),
            Some("depth:1"),
            Some("depth:2"),
            None,
            None,
            None,
        ];
        let expected: Vec<Option<String>> = expected.iter().map(|d| d.map(str::to_owned)).collect();
        assert_eq!(depths, expected);
    }
}
