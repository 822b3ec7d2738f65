//! The champion test (Miller Heiman's coach, MEDDICC's champion): a friendly
//! contact is 内线 only if they have power or credibility, access to the decision
//! maker, and a relationship deep enough that they act for us. A friend who cannot
//! get us in front of the decider is an information source, not a champion.

use super::exerted::Adviser;
use super::recency::Recency;
use super::structure::Structure;
use super::text::{name_of, tx};
use super::titles::Rank;
use crate::lang::Language;
use crate::model::{Coverage, Role};

use std::collections::HashMap;

/// The outcome of the test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// Passes every check.
    Pass,
    /// Passes some checks; test them in action before relying on them.
    Doubtful,
    /// Cannot do what a champion does.
    Fail,
}

impl Verdict {
    /// `pass`, `doubtful` or `fail`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Doubtful => "doubtful",
            Self::Fail => "fail",
        }
    }
}

/// One champion and how they fare.
#[derive(Clone, Debug, PartialEq)]
pub struct ChampionTest {
    /// The champion (index in the document).
    pub person: usize,
    /// The verdict.
    pub verdict: Verdict,
    /// Each check, passed or not, in words.
    pub reasons: Vec<String>,
    /// The checks not passed, in words (a subset of `reasons`).
    pub failed: Vec<String>,
    /// The decision maker they reach best, if any.
    pub reaches: Option<usize>,
}

/// Tests every person tagged champion against the decision makers.
pub fn champion_tests(
    structure: &Structure<'_>,
    decision_makers: &[usize],
    advisers: &[Adviser],
    ranks: &[Rank],
    recency: &Recency,
    language: Language,
) -> Vec<ChampionTest> {
    let doc = structure.doc;
    let reach = Reach::new(structure, decision_makers);
    // The first adviser (in their order) each person is, for the conflict check.
    let mut first_advice: HashMap<usize, usize> = HashMap::new();
    for (at, adviser) in advisers.iter().enumerate() {
        first_advice.entry(adviser.person).or_insert(at);
    }
    doc.stakeholders
        .iter()
        .enumerate()
        .filter(|(_, p)| p.role == Role::Champion)
        .map(|(i, person)| {
            let mut reasons = Vec::new();
            let mut checks: Vec<bool> = Vec::new();
            let mut passed = 0;
            let power = person.power.level();
            let rank = ranks.get(i).copied().unwrap_or(Rank::Staff);
            let credible = power >= 3 || rank >= Rank::Head;
            checks.push(credible);
            reasons.push(if credible {
                passed += 1;
                tx(language, format!("carries weight (power {power})"), format!("有分量（权力 {power}）"))
            } else {
                tx(
                    language,
                    format!("carries little weight (power {power}), so others may not follow"),
                    format!("分量不足（权力 {power}），说话未必有人听"),
                )
            });
            let reaches = reach.access(i);
            checks.push(reaches.is_some());
            reasons.push(match reaches.and_then(|d| doc.stakeholders.get(d)) {
                Some(dm) if reach.is_decision_maker(i) => {
                    passed += 1;
                    let _ = dm;
                    tx(language, "is a decision maker".into(), "本人即决策者".into())
                }
                Some(dm) => {
                    passed += 1;
                    let who = name_of(dm, language);
                    tx(
                        language,
                        format!("can reach {who} through at most two strong, conflict-free relationships"),
                        format!("能通过不超过两层、无冲突的强关系接触到{who}"),
                    )
                }
                None => tx(
                    language,
                    "has no strong, conflict-free line to a decision maker (two steps at most)".into(),
                    "与决策者之间没有两层以内、无冲突的强关系".into(),
                ),
            });
            let coverage = recency.effective_coverage(person);
            checks.push(coverage == Coverage::InDepth);
            reasons.push(if coverage == Coverage::InDepth {
                passed += 1;
                tx(language, "we know them in depth".into(), "我方与其关系深入".into())
            } else {
                tx(
                    language,
                    "our relationship with them is not yet in depth (or has cooled)".into(),
                    "我方与其关系尚不够深（或已疏远）".into(),
                )
            });
            // The first decision maker, then the first adviser, they fight: found
            // through their own conflicts, not by asking everyone.
            let conflicts = structure.conflicts.get(i).unwrap_or_default();
            let fights_decider = conflicts
                .iter()
                .copied()
                .filter_map(|d| Some((reach.position(d)?, d)))
                .min()
                .map(|(_, d)| d);
            let clash = fights_decider.or_else(|| {
                conflicts
                    .iter()
                    .filter_map(|c| Some((*first_advice.get(c)?, *c)))
                    .min()
                    .map(|(_, c)| c)
            });
            checks.push(clash.is_none());
            reasons.push(match clash.and_then(|c| doc.stakeholders.get(c)) {
                Some(other) => {
                    let who = name_of(other, language);
                    tx(
                        language,
                        format!("is in conflict with {who}, who has the decision maker's ear"),
                        format!("与{who}有冲突，而对方能左右决策者"),
                    )
                }
                None => {
                    passed += 1;
                    tx(
                        language,
                        "no conflict with the decision maker or their advisers".into(),
                        "与决策者及其亲信无冲突".into(),
                    )
                }
            });
            // No way to the decision maker, or a fight with them, and the champion
            // cannot do the job; a weaker relationship or a rift with an adviser
            // makes them doubtful.
            let failed: Vec<String> = reasons
                .iter()
                .zip(&checks)
                .filter(|(_, ok)| !**ok)
                .map(|(r, _)| r.clone())
                .collect();
            let verdict = match passed {
                4 => Verdict::Pass,
                _ if reaches.is_none() || fights_decider.is_some() => Verdict::Fail,
                _ => Verdict::Doubtful,
            };
            ChampionTest {
                person: i,
                verdict,
                reasons,
                failed,
                reaches,
            }
        })
        .collect()
}

/// Who reaches a decision maker through at most two strong lines (strength 2 or
/// more) without passing anyone in conflict with that decision maker. Built once
/// for all champions: each asks only about their own lines and those of their
/// neighbours, never about every decision maker.
struct Reach<'s, 'a> {
    structure: &'s Structure<'a>,
    /// For each person, their place in the list of decision makers (the first, for
    /// someone listed twice).
    positions: Vec<Option<usize>>,
    /// For each person, the decision makers they have a strong line with, in the
    /// order of the list of decision makers.
    near: Vec<Vec<usize>>,
}

impl<'s, 'a> Reach<'s, 'a> {
    fn new(structure: &'s Structure<'a>, decision_makers: &[usize]) -> Self {
        let n = structure.len();
        let mut positions = vec![None; n];
        for (at, &dm) in decision_makers.iter().enumerate() {
            if let Some(slot) = positions.get_mut(dm)
                && slot.is_none()
            {
                *slot = Some(at);
            }
        }
        let mut near: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (dm, position) in positions.iter().enumerate() {
            if position.is_none() {
                continue;
            }
            for other in strong(structure, dm) {
                if let Some(list) = near.get_mut(other) {
                    list.push(dm);
                }
            }
        }
        for list in &mut near {
            list.sort_unstable_by_key(|&dm| positions.get(dm).copied().flatten());
            list.dedup();
        }
        Self {
            structure,
            positions,
            near,
        }
    }

    fn position(&self, person: usize) -> Option<usize> {
        self.positions.get(person).copied().flatten()
    }

    fn is_decision_maker(&self, person: usize) -> bool {
        self.position(person).is_some()
    }

    /// The decision maker `person` reaches: themselves when they are one, else
    /// the first in the list reached directly or through one strong neighbour
    /// who is not in conflict with them, never one `person` is in conflict with.
    /// Linear in the lines of `person` and of their neighbours.
    fn access(&self, person: usize) -> Option<usize> {
        if self.is_decision_maker(person) {
            return Some(person);
        }
        let fit = |dm: usize, via: Option<usize>| {
            !self.structure.in_conflict(person, dm)
                && via.is_none_or(|m| m != dm && !self.structure.in_conflict(m, dm))
        };
        let mut best: Option<(usize, usize)> = None;
        for m in strong(self.structure, person) {
            if self.is_decision_maker(m) && fit(m, None) {
                let candidate = (self.position(m).unwrap_or(usize::MAX), m);
                best = Some(best.map_or(candidate, |b| b.min(candidate)));
            }
            // In list order: the first that fits is the best through `m`; the ones
            // skipped are `m` itself or in conflict with `m` or `person`.
            let through = self
                .near
                .get(m)
                .into_iter()
                .flatten()
                .copied()
                .find(|&dm| fit(dm, Some(m)));
            if let Some(dm) = through {
                let candidate = (self.position(dm).unwrap_or(usize::MAX), dm);
                best = Some(best.map_or(candidate, |b| b.min(candidate)));
            }
        }
        best.map(|(_, dm)| dm)
    }
}

/// The people `person` has a line of strength 2 or more with.
fn strong<'s>(structure: &'s Structure<'_>, person: usize) -> impl Iterator<Item = usize> + 's {
    structure
        .links
        .get(person)
        .into_iter()
        .flatten()
        .filter(|(_, strength, _)| *strength >= 2)
        .map(|(other, _, _)| *other)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::{Document, Relationship, RelationshipKind, Stakeholder, Strength};

    /// The search as it was before it was made linear: every decision maker asked
    /// in turn.
    fn access_reference(
        structure: &Structure<'_>,
        person: usize,
        decision_makers: &[usize],
    ) -> Option<usize> {
        if decision_makers.contains(&person) {
            return Some(person);
        }
        let strong =
            |from: usize| -> std::collections::HashSet<usize> { strong(structure, from).collect() };
        let mine = strong(person);
        decision_makers.iter().copied().find(|&dm| {
            if structure.in_conflict(person, dm) {
                return false;
            }
            let theirs = strong(dm);
            mine.contains(&dm)
                || mine
                    .iter()
                    .any(|m| *m != dm && theirs.contains(m) && !structure.in_conflict(*m, dm))
        })
    }

    fn kind() -> impl Strategy<Value = RelationshipKind> {
        prop_oneof![
            Just(RelationshipKind::Influences),
            Just(RelationshipKind::Ally),
            Just(RelationshipKind::ReportsTo),
            Just(RelationshipKind::Conflict),
        ]
    }

    proptest! {
        #[test]
        fn reaching_a_decision_maker_agrees_with_asking_each_of_them(
            lines in proptest::collection::vec((0..9usize, 0..9usize, kind(), 1..=3i64), 0..30),
            decision_makers in proptest::collection::vec(0..9usize, 0..5),
        ) {
            let mut doc = Document::default();
            for i in 0..9 {
                doc.stakeholders.push(Stakeholder::new(format!("p{i}"), format!("P{i}")));
            }
            for (n, (from, to, kind, strength)) in lines.into_iter().enumerate() {
                let mut line =
                    Relationship::new(format!("r{n}"), format!("p{from}"), format!("p{to}"), kind);
                line.strength = Strength::new(strength).unwrap_or_default();
                doc.relationships.push(line);
            }
            let structure = Structure::new(&doc);
            let reach = Reach::new(&structure, &decision_makers);
            for person in 0..9 {
                prop_assert_eq!(
                    reach.access(person),
                    access_reference(&structure, person, &decision_makers),
                    "person {}", person
                );
            }
        }
    }
}
