//! Who a person is for the purpose of advice: their part in the decision, rank,
//! function, managers, the people they clash with and the advisers they listen to.
//! Built once per approach, in one pass over the people and one over the lines.

use std::collections::{HashMap, HashSet};

use super::super::buying::DecisionKind;
use super::super::functions::Function;
use super::super::recency::Recency;
use super::super::text::name_of;
use super::super::titles::Rank;
use super::super::{Analysis, Candidate};
use crate::lang::Language;
use crate::model::{Coverage, Document, RelationshipKind, Role, Stakeholder, StakeholderId};

/// One person, read for advice.
pub struct Profile<'a> {
    /// The map.
    pub doc: &'a Document,
    /// Its analysis.
    pub analysis: &'a Analysis,
    /// The person's index in the document.
    pub index: usize,
    /// The person.
    pub person: &'a Stakeholder,
    /// Language of the advice.
    pub lang: Language,
    /// Their part in the decision, as the buying centre reads it.
    pub kind: Option<DecisionKind>,
    /// The function they work in.
    pub function: Option<Function>,
    /// How high their title sits.
    pub rank: Rank,
    /// Whether the analysis treats them as a decision maker.
    pub decides: bool,
    /// Their managers on the map (reporting lines upward), in document order.
    pub managers: Vec<usize>,
    /// People linked to them by any line but a conflict, with the line's strength.
    pub neighbours: Vec<(usize, u8)>,
    /// People in conflict with them.
    pub conflicts: HashSet<usize>,
    /// People in conflict with one of their advisers.
    pub adviser_conflicts: HashSet<usize>,
    /// Their advisers (who moves them), strongest first, with the strength.
    pub advisers: Vec<(usize, u8)>,
    /// The decision makers they advise, with the strength.
    pub advises: Vec<(usize, u8)>,
    /// Dates and the staleness window.
    pub recency: Recency,
}

impl<'a> Profile<'a> {
    /// The profile of the person at `index`.
    pub fn new(doc: &'a Document, analysis: &'a Analysis, index: usize) -> Option<Self> {
        let person = doc.stakeholders.get(index)?;
        let buying = &analysis.buying;
        let facts = buying.facts(index);
        let kind = buying.kind(index);
        let decides = analysis.deciders.contains(&index)
            || person.role == Role::DecisionMaker
            || kind == Some(DecisionKind::Decider);
        let advisers: Vec<(usize, u8)> = analysis
            .advisers
            .iter()
            .filter(|a| a.target == index)
            .map(|a| (a.person, a.strength))
            .collect();
        let advises: Vec<(usize, u8)> = analysis
            .advisers
            .iter()
            .filter(|a| a.person == index)
            .map(|a| (a.target, a.strength))
            .collect();
        let by_id = people_by_id(doc);
        // Everyone this person listens to (an influence line of strength 2 or more),
        // whether or not the analysis counts them a decision maker.
        let mut adviser_set: HashSet<usize> = advisers.iter().map(|(a, _)| *a).collect();
        for line in &doc.relationships {
            if line.kind == RelationshipKind::Influences
                && line.strength.level() >= 2
                && by_id.get(&line.to) == Some(&index)
                && let Some(&from) = by_id.get(&line.from)
                && from != index
            {
                adviser_set.insert(from);
            }
        }
        let mut managers = Vec::new();
        let mut neighbours = Vec::new();
        let mut conflicts = HashSet::new();
        let mut adviser_conflicts = HashSet::new();
        for line in &doc.relationships {
            let (Some(&from), Some(&to)) = (by_id.get(&line.from), by_id.get(&line.to)) else {
                continue;
            };
            if from == to {
                continue;
            }
            if line.kind == RelationshipKind::Conflict {
                for (a, b) in [(from, to), (to, from)] {
                    if a == index {
                        conflicts.insert(b);
                    }
                    if adviser_set.contains(&a) {
                        adviser_conflicts.insert(b);
                    }
                }
                continue;
            }
            if line.kind == RelationshipKind::ReportsTo && from == index {
                managers.push(to);
            }
            if from == index {
                neighbours.push((to, line.strength.level()));
            } else if to == index {
                neighbours.push((from, line.strength.level()));
            }
        }
        managers.sort_unstable();
        managers.dedup();
        Some(Self {
            doc,
            analysis,
            index,
            person,
            lang: analysis.options.language,
            kind,
            function: facts.and_then(|f| f.function),
            rank: facts.map_or(Rank::Staff, |f| f.title.rank),
            decides,
            managers,
            neighbours,
            conflicts,
            adviser_conflicts,
            advisers,
            advises,
            recency: Recency::new(analysis.options.today, analysis.options.stale_after_days),
        })
    }

    /// The person at `index` of the same map.
    pub fn other(&self, index: usize) -> Option<&'a Stakeholder> {
        self.doc.stakeholders.get(index)
    }

    /// The name of the person at `index`, for a sentence.
    pub fn name(&self, index: usize) -> String {
        self.other(index)
            .map(|p| name_of(p, self.lang))
            .unwrap_or_default()
    }

    /// The names of `people`, joined for a list.
    pub fn names(&self, people: &[usize]) -> String {
        let all: Vec<&Stakeholder> = people.iter().filter_map(|&i| self.other(i)).collect();
        super::super::text::names(&all, self.lang)
    }

    /// On the executive team or at the top of the organisation.
    pub fn executive(&self) -> bool {
        self.rank >= Rank::Executive
    }

    /// Nobody above them on the map.
    pub fn at_the_top(&self) -> bool {
        self.managers.is_empty()
    }

    /// Whether we already cover the person at `index`: several contacts or more,
    /// still recent. Nobody needs an introduction to them.
    pub fn covered(&self, index: usize) -> bool {
        self.other(index)
            .is_some_and(|p| self.recency.effective_coverage(p) >= Coverage::Multiple)
    }

    /// Whether the person at `index` could introduce us to this person: we know
    /// them, they are on our side (or a neutral we have met), and they are in
    /// conflict neither with this person nor with anyone this person listens to.
    pub fn can_introduce(&self, index: usize) -> bool {
        index != self.index
            && !self.conflicts.contains(&index)
            && !self.adviser_conflicts.contains(&index)
            && self.other(index).is_some_and(|p| {
                Recency::met(p)
                    && (p.role == Role::Champion
                        || p.stance.is_supportive()
                        || p.stance == crate::model::Stance::Neutral)
            })
    }

    /// This person's entry among the likely decision makers, if any.
    pub fn candidate(&self) -> Option<&'a Candidate> {
        self.analysis
            .decision_makers
            .iter()
            .find(|c| c.person == self.index)
    }
}

/// The people by id (the first of equal ids, as `Document::stakeholder` finds it).
pub fn people_by_id(doc: &Document) -> HashMap<&StakeholderId, usize> {
    let mut by_id = HashMap::with_capacity(doc.stakeholders.len());
    for (i, person) in doc.stakeholders.iter().enumerate() {
        by_id.entry(&person.id).or_insert(i);
    }
    by_id
}
