//! Who probably decides: role, power, title, place in the reporting lines and
//! influence, combined into one score with the reasons spelled out. It works before
//! anyone has been tagged as decision maker — when a team needs it most.

use super::structure::Structure;
use super::text::quoted_field;
use super::text::tx;
use super::titles::{Seniority, seniority};
use crate::lang::Language;
use crate::model::Role;

/// Candidates shown at most.
const MAX_CANDIDATES: usize = 5;
/// Below this score nobody is called a likely decision maker.
const MIN_SCORE: f64 = 0.3;

/// One likely decision maker.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Index of the person in the document.
    pub person: usize,
    /// 0 to 1.
    pub score: f64,
    /// Why, in words.
    pub reasons: Vec<String>,
}

/// Likely decision makers, most likely first.
///
/// Linear in people and lines: the score needs the number of people below a top
/// manager only up to ten, so that is all that is counted for everyone; the exact
/// number, for the reason given, is counted for the few candidates kept.
pub fn decision_maker_candidates(
    structure: &Structure<'_>,
    influence: &[f64],
    language: Language,
) -> Vec<Candidate> {
    let max_influence = influence.iter().copied().fold(0.0_f64, f64::max);
    let ranking = super::influence::ranked(influence);
    let mut place = vec![0usize; ranking.len()];
    for (rank, &person) in ranking.iter().enumerate() {
        if let Some(slot) = place.get_mut(person) {
            *slot = rank + 1;
        }
    }
    let mut scored: Vec<(Candidate, Option<usize>)> = structure
        .doc
        .stakeholders
        .iter()
        .enumerate()
        .map(|(i, person)| {
            let mut score = 0.0;
            let mut reasons = Vec::new();
            if person.role == Role::DecisionMaker {
                score += 0.4;
                reasons.push(tx(
                    language,
                    "tagged as decision maker".into(),
                    "已标记为决策者".into(),
                ));
            }
            let power = person.power.level();
            score += 0.2 * f64::from(power - 1) / 4.0;
            if power >= 4 {
                reasons.push(tx(
                    language,
                    format!("power {power} of 5"),
                    format!("权力 {power}/5"),
                ));
            }
            let (level, keyword) = seniority(&person.title);
            // Name the keyword only when it is not the whole title.
            let hint = keyword
                .filter(|k| !person.title.trim().eq_ignore_ascii_case(k))
                .map(|k| (format!(" ({k})"), format!("（{k}）")))
                .unwrap_or_default();
            match level {
                Seniority::Top => {
                    score += 0.2;
                    reasons.push(tx(
                        language,
                        format!(
                            "title \"{}\"{} is the top of an organisation",
                            quoted_field(&person.title),
                            hint.0
                        ),
                        format!("职位“{}”{}是一把手", quoted_field(&person.title), hint.1),
                    ));
                }
                Seniority::Senior => {
                    score += 0.1;
                    reasons.push(tx(
                        language,
                        format!("senior title \"{}\"{}", quoted_field(&person.title), hint.0),
                        format!("职位“{}”{}级别较高", quoted_field(&person.title), hint.1),
                    ));
                }
                Seniority::None => {}
            }
            let has_manager = structure.managers.get(i).is_some_and(|m| !m.is_empty());
            // The score counts at most ten people below.
            let below = structure.subordinates_up_to(i, SCORED_BELOW);
            let mut top_of_line = None;
            if !has_manager && below > 0 {
                score += 0.1 + 0.05 * (below as f64) / SCORED_BELOW as f64;
                // Worded once the exact number is known (see below).
                top_of_line = Some(reasons.len());
                reasons.push(String::new());
            }
            if max_influence > 0.0 {
                let relative = influence.get(i).copied().unwrap_or(0.0) / max_influence;
                score += 0.15 * relative;
                let place = place.get(i).copied().unwrap_or(0);
                if place <= 3 && structure.len() > 3 {
                    reasons.push(tx(
                        language,
                        format!("influence rank {place} of {}", structure.len()),
                        format!("影响力排名 {place}/{}", structure.len()),
                    ));
                }
            }
            let candidate = Candidate {
                person: i,
                score: score.min(1.0),
                reasons,
            };
            (candidate, top_of_line)
        })
        .filter(|(c, _)| c.score >= MIN_SCORE)
        .collect();
    scored.sort_by(|(a, _), (b, _)| b.score.total_cmp(&a.score).then(a.person.cmp(&b.person)));
    scored.truncate(MAX_CANDIDATES);
    scored
        .into_iter()
        .map(|(mut candidate, top_of_line)| {
            if let Some(reason) = top_of_line.and_then(|r| candidate.reasons.get_mut(r)) {
                let below = structure.subordinate_count(candidate.person);
                *reason = top_of_line_reason(below, language);
            }
            candidate
        })
        .collect()
}

/// People below a top manager that still raise the score.
const SCORED_BELOW: usize = 10;

/// "top of a reporting line with 3 people below", in `language`.
fn top_of_line_reason(below: usize, language: Language) -> String {
    tx(
        language,
        if below == 1 {
            "top of a reporting line with 1 person below".to_owned()
        } else {
            format!("top of a reporting line with {below} people below")
        },
        format!("位于汇报线顶端，下属 {below} 人"),
    )
}
