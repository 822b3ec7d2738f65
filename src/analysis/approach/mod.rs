//! The recommended approach for one person: what a seasoned sales manager would
//! tell a rep about them — from their stance, their part in the decision (decider,
//! approver, gate), their seniority and function, their personal win, the deal
//! stage and the state of our relationship — with the reasons behind it.
//!
//! Executives get outcomes, finance gets numbers, IT and security get architecture
//! and compliance, procurement gets process; a decision maker with nobody above them
//! gets the sign-off step rather than "introduce you upward"; introductions go only
//! to people we do not cover yet, and never through someone in conflict with the
//! target or the target's adviser.

mod decision;
mod fit;
mod hygiene;
mod introductions;
mod personal;
mod profile;
mod stance;
mod why;

pub use why::kind_words;

use super::Analysis;
use super::recency::Freshness;
use super::text::tx;
use crate::lang::Language;
use crate::model::Document;
use profile::Profile;

/// What to do with one person, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Approach {
    /// The approach in a few words.
    pub headline: String,
    /// Why this approach: who they are, where they stand, what stage the deal is in.
    pub why: String,
    /// Concrete next steps, most important first.
    pub steps: Vec<String>,
}

/// The steps of an approach, in the reader's language, each once.
struct Steps {
    lang: Language,
    list: Vec<String>,
}

impl Steps {
    /// Adds the step in the reader's language, unless it is already there.
    fn push(&mut self, en: String, zh: String) {
        let step = tx(self.lang, en, zh);
        if !self.list.contains(&step) {
            self.list.push(step);
        }
    }
}

/// The approach for the person at `index` in the document. Linear in the people and
/// lines of the map.
pub fn approach(doc: &Document, analysis: &Analysis, index: usize) -> Option<Approach> {
    let profile = Profile::new(doc, analysis, index)?;
    let mut steps = Steps {
        lang: profile.lang,
        list: Vec::new(),
    };
    // Facts age: when what we know of them is old, checking it comes first.
    hygiene::reverify_step(&profile, &mut steps);
    let headline = stance::stance_steps(&profile, &mut steps);
    fit::fit_steps(&profile, &mut steps);
    decision::decision_steps(&profile, &mut steps);
    personal::personal_step(&profile, &mut steps);
    hygiene::stage_steps(&profile, &mut steps);
    hygiene::hygiene_steps(&profile, &mut steps);
    Some(Approach {
        headline,
        why: why::why(&profile),
        steps: steps.list,
    })
}

/// User text quoted in a step, cut to a readable length.
fn quoted(text: &str) -> String {
    let text = text.trim();
    let short: String = text.chars().take(80).collect();
    let cut = short.len() < text.len();
    let short = super::text::quoted_field(&short);
    if cut {
        format!("“{short}…”")
    } else {
        format!("“{short}”")
    }
}

/// Whether the person's record is older than the staleness window.
fn stale(profile: &Profile<'_>) -> bool {
    profile.recency.freshness(profile.person) == Freshness::Stale
}
