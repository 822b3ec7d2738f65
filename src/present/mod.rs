//! Presenting a map to a room: what may be shown (no private fields, optionally no
//! names) and the story to step through. Plain Rust; the app's presentation mode
//! draws it.

use crate::analysis::text::{name_of, role_name};
use crate::analysis::{Analysis, approach};
use crate::lang::Language;
use crate::model::Document;

/// Stories list at most this many decision makers and risks each.
const MAX_STEPS_PER_KIND: usize = 3;

/// The map as a room may see it: without private fields (see
/// [`crate::export::redacted`]) and, when `anonymous`, with each person's
/// title (or role) in place of the name and no free text that could name anyone.
pub fn presented(doc: &Document, anonymous: bool, language: Language) -> Document {
    let mut copy = crate::export::redacted(doc);
    if anonymous {
        for person in &mut copy.stakeholders {
            person.name = if person.title.trim().is_empty() {
                role_name(person.role, language).to_owned()
            } else {
                std::mem::take(&mut person.title)
            };
            person.title.clear();
            person.concerns.clear();
            person.decision_criteria.clear();
            person.interests.business.clear();
            person.source.clear();
            person.tags.clear();
            person.next_actions.clear();
        }
    }
    copy
}

/// What a step of the story is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// A decision maker and how to approach them.
    DecisionMaker,
    /// The champion and how to work with them.
    Champion,
    /// A top risk and what to do about it.
    Risk,
}

/// One step of the story: the people to show and a one-line caption.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryStep {
    /// What it is about.
    pub kind: StepKind,
    /// The people to select and centre on (indices in the document).
    pub people: Vec<usize>,
    /// "Name: approach" or "risk → what to do".
    pub caption: String,
}

/// The story of a map: its decision makers, its champion, then its top risks, each
/// with the analysis' one-line approach. `analysis` must be of `doc`.
pub fn story(doc: &Document, analysis: &Analysis, language: Language) -> Vec<StoryStep> {
    let person_step = |kind, index: usize| {
        let person = doc.stakeholders.get(index)?;
        let name = name_of(person, language);
        let caption = match approach::approach(doc, analysis, index) {
            Some(approach) => format!("{name}: {}", approach.headline),
            None => name,
        };
        Some(StoryStep {
            kind,
            people: vec![index],
            caption,
        })
    };
    let mut steps: Vec<StoryStep> = analysis
        .deciders
        .iter()
        .take(MAX_STEPS_PER_KIND)
        .filter_map(|&i| person_step(StepKind::DecisionMaker, i))
        .collect();
    if let Some(champion) = analysis.champions.first() {
        steps.extend(person_step(StepKind::Champion, champion.person));
    }
    steps.extend(
        analysis
            .risks
            .iter()
            .filter(|risk| !risk.people.is_empty())
            .take(MAX_STEPS_PER_KIND)
            .map(|risk| StoryStep {
                kind: StepKind::Risk,
                people: risk.people.clone(),
                caption: format!("{} → {}", risk.message, risk.action),
            }),
    );
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{AnalysisOptions, analyze};

    fn sample() -> Document {
        crate::samples::SAMPLES
            .iter()
            .find(|s| s.file_name.contains("group"))
            .unwrap()
            .document()
            .unwrap()
    }

    #[test]
    fn a_presented_map_has_no_private_field_and_anonymous_no_name() {
        let mut doc = sample();
        doc.stakeholders[0].notes = "secret note".into();
        doc.stakeholders[0].interests.personal = "wants promotion".into();
        doc.stakeholders[0].contact.email = "zhou@example.com".into();
        let shown = presented(&doc, false, Language::Chinese);
        assert_eq!(shown.stakeholders[0].name, doc.stakeholders[0].name);
        let anonymous = presented(&doc, true, Language::Chinese);
        let json = String::from_utf8(crate::format::to_bytes(&anonymous)).unwrap();
        for person in &doc.stakeholders {
            assert!(!json.contains(&person.name), "{} shown", person.name);
        }
        for secret in ["secret note", "wants promotion", "zhou@example.com"] {
            assert!(
                !String::from_utf8(crate::format::to_bytes(&shown))
                    .unwrap()
                    .contains(secret)
            );
        }
        assert_eq!(anonymous.stakeholders[0].name, "总经理");
        assert_eq!(anonymous.stakeholders.len(), doc.stakeholders.len());
    }

    #[test]
    fn the_story_goes_decision_makers_champion_then_risks_without_names_when_anonymous() {
        let doc = presented(&sample(), true, Language::English);
        let analysis = analyze(
            &doc,
            &AnalysisOptions::new("2026-11-30".parse().unwrap(), Language::English),
        );
        let steps = story(&doc, &analysis, Language::English);
        let kinds: Vec<StepKind> = steps.iter().map(|s| s.kind).collect();
        assert_eq!(kinds.first(), Some(&StepKind::DecisionMaker));
        assert!(kinds.contains(&StepKind::Champion));
        assert!(kinds.contains(&StepKind::Risk));
        let mut sorted = kinds.clone();
        sorted.sort_by_key(|k| *k as u8);
        assert_eq!(
            kinds, sorted,
            "decision makers, then the champion, then risks"
        );
        let original = sample();
        for step in &steps {
            assert!(!step.people.is_empty() && !step.caption.is_empty());
            for person in &original.stakeholders {
                assert!(!step.caption.contains(&person.name), "{}", step.caption);
            }
        }
    }
}
