//! Hidden influencers: people whose place in the relationship graph carries far more
//! weight than the power the team recorded for them, and the trusted advisers who
//! move a decision maker whatever their own rank.

use super::exerted::Adviser;
use super::influence::ranked;
use super::text::{name_of, quoted_field, tx};
use crate::lang::Language;
use crate::model::Document;

/// Levels above the recorded power that make someone a hidden influencer.
const MIN_GAP: u8 = 2;

/// A person who matters more than their recorded power says.
#[derive(Clone, Debug, PartialEq)]
pub struct HiddenInfluencer {
    /// Index of the person in the document.
    pub person: usize,
    /// The power level their influence rank corresponds to (1–5).
    pub structural_level: u8,
    /// The power recorded for them.
    pub recorded_power: u8,
    /// The decision makers they move (advisers), in document order.
    pub moves: Vec<usize>,
    /// Why they matter, in words.
    pub why: String,
}

/// The power level (1–5) that a place in the influence ranking corresponds to: the
/// top tenth is 5, the next fifth 4, the next 30 % 3, the next fifth 2, the rest 1.
pub fn structural_levels(influence: &[f64]) -> Vec<u8> {
    let n = influence.len();
    let mut levels = vec![1; n];
    let order = ranked(influence);
    let score = |i: usize| influence.get(i).copied().unwrap_or(0.0);
    let mut start = 0;
    while start < order.len() {
        // People with equal scores share the level of the last place among them, so
        // a tie never lifts anyone by the accident of document order.
        let first = order.get(start).map_or(0.0, |&i| score(i));
        let mut end = start;
        while order
            .get(end + 1)
            .is_some_and(|&i| (score(i) - first).abs() <= 1e-12)
        {
            end += 1;
        }
        let share = (end as f64 + 0.5) / n as f64;
        let level = match share {
            s if s <= 0.1 => 5,
            s if s <= 0.3 => 4,
            s if s <= 0.6 => 3,
            s if s <= 0.8 => 2,
            _ => 1,
        };
        for &person in order.get(start..=end).unwrap_or(&[]) {
            if let Some(slot) = levels.get_mut(person) {
                *slot = level;
            }
        }
        start = end + 1;
    }
    levels
}

/// Hidden influencers, largest gap first. Maps of fewer than five people have none:
/// a ranking of so few says little.
pub fn hidden_influencers(influence: &[f64], powers: &[u8]) -> Vec<HiddenInfluencer> {
    if influence.len() < 5 {
        return Vec::new();
    }
    let levels = structural_levels(influence);
    let mut hidden: Vec<HiddenInfluencer> = levels
        .iter()
        .zip(powers)
        .enumerate()
        .filter(|(_, (level, power))| **level >= **power + MIN_GAP)
        .map(|(person, (level, power))| HiddenInfluencer {
            person,
            structural_level: *level,
            recorded_power: *power,
            moves: Vec::new(),
            why: String::new(),
        })
        .collect();
    hidden.sort_by_key(|h| {
        (
            std::cmp::Reverse(h.structural_level - h.recorded_power),
            h.person,
        )
    });
    hidden
}

/// Adds the advisers of decision makers who are not already listed (whatever their
/// power below 4: an adviser with power 5 is no hidden influence, one with power 2
/// is), and words every entry's reason in `language`. Advisers come first. Linear in
/// the entries and advisers.
pub fn with_advisers(
    hidden: Vec<HiddenInfluencer>,
    advisers: &[Adviser],
    levels: &[u8],
    doc: &Document,
    language: Language,
) -> Vec<HiddenInfluencer> {
    let mut by_person: std::collections::HashMap<usize, Vec<&Adviser>> =
        std::collections::HashMap::new();
    let mut order = Vec::new();
    for adviser in advisers {
        let power = doc
            .stakeholders
            .get(adviser.person)
            .map_or(1, |p| p.power.level());
        if power >= 4 {
            continue;
        }
        let entry = by_person.entry(adviser.person).or_default();
        if entry.is_empty() {
            order.push(adviser.person);
        }
        entry.push(adviser);
    }
    let mut listed: Vec<HiddenInfluencer> = order
        .iter()
        .map(|&person| HiddenInfluencer {
            person,
            structural_level: levels.get(person).copied().unwrap_or(1),
            recorded_power: doc.stakeholders.get(person).map_or(1, |p| p.power.level()),
            moves: by_person
                .get(&person)
                .map(|list| list.iter().map(|a| a.target).collect())
                .unwrap_or_default(),
            why: String::new(),
        })
        .collect();
    listed.extend(
        hidden
            .into_iter()
            .filter(|h| !by_person.contains_key(&h.person)),
    );
    for entry in &mut listed {
        let own = by_person.get(&entry.person).map_or(&[][..], Vec::as_slice);
        entry.why = describe(entry, own, doc, language);
    }
    listed
}

fn describe(
    entry: &HiddenInfluencer,
    advisers: &[&Adviser],
    doc: &Document,
    language: Language,
) -> String {
    if advisers.is_empty() {
        return tx(
            language,
            format!(
                "weighs like power {}, recorded {}",
                entry.structural_level, entry.recorded_power
            ),
            format!(
                "实际分量相当于权力 {}，记录的权力却只有 {}",
                entry.structural_level, entry.recorded_power
            ),
        );
    }
    let parts: Vec<String> = advisers
        .iter()
        .take(3)
        .filter_map(|a| {
            let target = doc.stakeholders.get(a.target)?;
            let who = name_of(target, language);
            let note = doc
                .relationships
                .get(a.line)
                .map(|l| l.note.trim())
                .filter(|n| !n.is_empty())
                .map(|n| quoted_field(&n.chars().take(60).collect::<String>()));
            Some(match note {
                Some(note) => tx(
                    language,
                    format!("moves {who} (influence {} of 3: “{note}”)", a.strength),
                    format!("能左右{who}（影响强度 {}/3：“{note}”）", a.strength),
                ),
                None => tx(
                    language,
                    format!("moves {who} (influence {} of 3)", a.strength),
                    format!("能左右{who}（影响强度 {}/3）", a.strength),
                ),
            })
        })
        .collect();
    let joined = parts.join(if language == Language::Chinese {
        "；"
    } else {
        "; "
    });
    tx(
        language,
        format!("{joined}, with recorded power {}", entry.recorded_power),
        format!("{joined}，记录权力仅为 {}", entry.recorded_power),
    )
}
