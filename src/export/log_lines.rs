//! The report's "Recent interactions" section: per person with a log, the stance
//! trend and the latest few contacts, one line each.

use crate::analysis::text::{interaction_kind_name, labelled};
use crate::analysis::trend::trend_line;
use crate::lang::Language;
use crate::model::Document;

/// How many of a person's latest contacts the report names.
const LATEST: usize = 3;
/// Longest summary quoted, in characters; the report is a briefing, not the log.
const SUMMARY_CHARS: usize = 80;

/// One line per person with a log, in map order: `Name: trend · date kind (who):
/// summary; …`. Summaries are empty in a redacted copy, and then left out.
pub fn recent_interactions(doc: &Document, language: Language) -> Vec<String> {
    doc.stakeholders
        .iter()
        .filter(|p| !p.interactions.is_empty())
        .map(|person| {
            let mut parts = Vec::new();
            if let Some(trend) = trend_line(&person.interactions, language) {
                parts.push(trend);
            }
            let latest: Vec<String> = person
                .interactions
                .iter()
                .take(LATEST)
                .map(|entry| {
                    let mut text = format!(
                        "{} {}",
                        entry.date,
                        interaction_kind_name(entry.kind, language)
                    );
                    if let Some(member) = entry.by.as_ref().and_then(|by| doc.team_member(by)) {
                        text = match language {
                            Language::English => format!("{text} ({})", member.name),
                            Language::Chinese => format!("{text}（{}）", member.name),
                        };
                    }
                    if !entry.summary.is_empty() {
                        let summary: String = entry.summary.chars().take(SUMMARY_CHARS).collect();
                        let cut = summary.len() < entry.summary.len();
                        let summary = if cut {
                            format!("{summary}…")
                        } else {
                            summary
                        };
                        text = labelled(&text, &summary, language);
                    }
                    text
                })
                .collect();
            let separator = if language == Language::Chinese {
                "；"
            } else {
                "; "
            };
            parts.push(latest.join(separator));
            labelled(&person.name, &parts.join(" · "), language)
        })
        .collect()
}
