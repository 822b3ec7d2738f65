//! The report's "Changes since the review of …" section: what differs between the
//! latest review's snapshot and the map now, person by person with from → to.

use serde_json::Value;

use crate::analysis::text::{coverage_name, labelled, role_name, stance_name};
use crate::lang::Language;
use crate::model::{Coverage, Document, Role, Stance, TeamMemberId};
use crate::sync::diff::{FieldChange, semantic_diff};
use crate::sync::review::{latest_review, snapshot};

/// The section's title and lines; `None` when the map holds no review.
pub fn changes_since_review(doc: &Document, language: Language) -> Option<(String, Vec<String>)> {
    let review = latest_review(doc)?;
    let zh = language == Language::Chinese;
    let title = if zh {
        format!("自 {} 评审以来的变化", review.date)
    } else {
        format!("Changes since the review of {}", review.date)
    };
    let diff = semantic_diff(&review.snapshot, &snapshot(doc));
    let mut lines = Vec::new();
    for item in &diff.people.added {
        lines.push(labelled(
            if zh { "新增" } else { "Added" },
            &item.name,
            language,
        ));
    }
    for item in &diff.people.removed {
        lines.push(labelled(
            if zh { "移除" } else { "Removed" },
            &item.name,
            language,
        ));
    }
    let mut changed: Vec<(String, Vec<String>)> = Vec::new();
    for change in &diff.people.changed {
        let text = change_text(doc, change, language);
        match changed.last_mut() {
            Some((name, parts)) if *name == change.name => parts.push(text),
            _ => changed.push((change.name.clone(), vec![text])),
        }
    }
    let separator = if zh { "；" } else { "; " };
    for (name, parts) in changed {
        lines.push(labelled(&name, &parts.join(separator), language));
    }
    let lines_diff = &diff.relationships;
    if !lines_diff.is_empty() {
        let changed = lines_diff
            .changed
            .iter()
            .map(|c| c.id.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        let (added, removed) = (lines_diff.added.len(), lines_diff.removed.len());
        lines.push(if zh {
            format!("关系：新增 {added} 条，移除 {removed} 条，改动 {changed} 条")
        } else {
            format!("Relationships: {added} added, {removed} removed, {changed} changed")
        });
    }
    if lines.is_empty() {
        lines.push(if zh { "无变化。" } else { "No changes." }.to_owned());
    }
    Some((title, lines))
}

/// `stance neutral → supporter` in the report's language.
fn change_text(doc: &Document, change: &FieldChange, language: Language) -> String {
    let zh = language == Language::Chinese;
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let value = |v: &Value| -> String {
        match change.field.as_str() {
            "role" => role_name(Role::parse(&text(v)).unwrap_or_default(), language).to_owned(),
            // "stance stance unknown" would read twice.
            "stance" => match Stance::parse(&text(v)).unwrap_or_default() {
                Stance::Unknown if zh => "未知".to_owned(),
                Stance::Unknown => "unknown".to_owned(),
                stance => stance_name(stance, language).to_owned(),
            },
            "coverage" => {
                coverage_name(Coverage::parse(&text(v)).unwrap_or_default(), language).to_owned()
            }
            "owner" => match v.as_str() {
                Some(id) => doc
                    .team_member(&TeamMemberId::new(id))
                    .map_or_else(|| id.to_owned(), |m| m.name.clone()),
                None => "—".to_owned(),
            },
            _ => match v {
                Value::Null => "—".to_owned(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            },
        }
    };
    let field = match (change.field.as_str(), zh) {
        ("name", false) => "name",
        ("name", true) => "姓名",
        ("role", false) => "role",
        ("role", true) => "角色",
        ("stance", false) => "stance",
        ("stance", true) => "态度",
        ("power", false) => "power",
        ("power", true) => "权力",
        ("owner", false) => "owner",
        ("owner", true) => "负责人",
        ("coverage", false) => "coverage",
        ("coverage", true) => "覆盖",
        (other, _) => other,
    };
    format!("{field} {} → {}", value(&change.from), value(&change.to))
}
