//! What changed between two versions of a map, field by field, keyed by ids:
//! independent of formatting and of the order of people and lines. Compared on the
//! canonical JSON of each version, so fields from newer builds count too. Where
//! people sit on the canvas (`position`) is layout, not content, and is left out.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use crate::analysis::report::md_escape;
use crate::model::{Document, Relationship};
use crate::safe_text::terminal;

/// Fields that are layout, not content.
const IGNORED: [&str; 2] = ["position", "position_extra"];

/// A person's interaction log: entries are reported one by one as added or removed.
const LOGGED: &str = "interactions";

/// The entries of the interaction log only in the newer version (`from` null, `to`
/// the entry), then those only in the older one (`from` the entry, `to` null), as
/// multisets: an entry whose observed stance was edited is one removed and one
/// added. Linear in the entries.
fn log_diff(
    old: Option<&Value>,
    new: Option<&Value>,
    id: &str,
    name: &str,
    out: &mut Vec<FieldChange>,
) {
    let items = |v: Option<&Value>| -> Vec<Value> {
        v.and_then(Value::as_array).cloned().unwrap_or_default()
    };
    let (old, new) = (items(old), items(new));
    let count = |list: &[Value]| -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for item in list {
            *counts.entry(item.to_string()).or_insert(0) += 1;
        }
        counts
    };
    let (mut in_new, mut in_old) = (count(&new), count(&old));
    let mut change = |from: Value, to: Value| {
        out.push(FieldChange {
            id: id.to_owned(),
            name: name.to_owned(),
            field: LOGGED.to_owned(),
            from,
            to,
        });
    };
    for item in &new {
        match in_old.get_mut(&item.to_string()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => change(Value::Null, item.clone()),
        }
    }
    for item in &old {
        match in_new.get_mut(&item.to_string()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => change(item.clone(), Value::Null),
        }
    }
}

/// An entry of the interaction log in one line: `2026-10-15 meeting (t1):
/// summary [supporter]`.
fn logged_entry(value: &Value) -> Option<String> {
    let date = value.get("date")?.as_str()?;
    let kind = value.get("kind")?.as_str()?;
    let mut text = format!("{date} {kind}");
    if let Some(by) = value.get("by").and_then(Value::as_str) {
        let _ = write!(text, " ({by})");
    }
    if let Some(summary) = value.get("summary").and_then(Value::as_str) {
        let _ = write!(text, ": {summary}");
    }
    if let Some(stance) = value.get("stance").and_then(Value::as_str) {
        let _ = write!(text, " [{stance}]");
    }
    Some(text)
}

/// A record added or removed.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Its id.
    pub id: String,
    /// Its name (for a line: "from → to (kind)" with the people's names).
    pub name: String,
}

/// One field of a record (or of the account) that differs.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    /// The record's id (empty for the account).
    pub id: String,
    /// Its name in the newer version.
    pub name: String,
    /// The field, nested fields joined by dots: `stance`, `contact.email`.
    pub field: String,
    /// The older value (`null` when the field was not there).
    pub from: Value,
    /// The newer value (`null` when the field is gone).
    pub to: Value,
}

/// What changed in one list of records.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changes {
    /// Records only in the newer version, in its order.
    pub added: Vec<Item>,
    /// Records only in the older version, in its order.
    pub removed: Vec<Item>,
    /// Fields that differ, record by record in the newer version's order.
    pub changed: Vec<FieldChange>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Everything that differs between two versions of a map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SemanticDiff {
    /// The people in the customer organisation.
    pub people: Changes,
    /// The lines between them.
    pub relationships: Changes,
    /// Our team.
    pub team: Changes,
    /// The account's fields (`id` and `name` empty).
    pub account: Vec<FieldChange>,
    /// Other top-level fields (plans, fields from newer builds), by name.
    pub other: Vec<FieldChange>,
}

impl SemanticDiff {
    /// Whether the two versions hold the same content.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
            && self.relationships.is_empty()
            && self.team.is_empty()
            && self.account.is_empty()
            && self.other.is_empty()
    }
}

/// What changed from `old` to `new`. Linear in people and lines: records are
/// compared as they are, and only those that differ are looked at field by field.
pub fn semantic_diff(old: &Document, new: &Document) -> SemanticDiff {
    let names = |doc: &Document| -> HashMap<String, String> {
        doc.stakeholders
            .iter()
            .map(|p| (p.id.as_str().to_owned(), p.name.clone()))
            .collect()
    };
    let (old_names, new_names) = (names(old), names(new));
    let line_name = |line: &Relationship| {
        let end = |id: &str| {
            new_names
                .get(id)
                .or_else(|| old_names.get(id))
                .cloned()
                .unwrap_or_else(|| id.to_owned())
        };
        format!(
            "{} → {} ({})",
            end(line.from.as_str()),
            end(line.to.as_str()),
            line.kind.as_str()
        )
    };
    let people = records_diff(
        &old.stakeholders,
        &new.stakeholders,
        |p| p.id.as_str(),
        |p| p.name.clone(),
        crate::format::stakeholder_value,
    );
    let relationships = records_diff(
        &old.relationships,
        &new.relationships,
        |l| l.id.as_str(),
        line_name,
        crate::format::relationship_value,
    );
    let team = records_diff(
        &old.team,
        &new.team,
        |m| m.id.as_str(),
        |m| m.name.clone(),
        crate::format::team_member_value,
    );
    let (old_shell, new_shell) = (super::shell(old), super::shell(new));
    let mut account = Vec::new();
    if let (Some(a), Some(b)) = (old_shell.get("account"), new_shell.get("account")) {
        fields_diff(a, b, "", "", "", &mut account);
    }
    let mut other = Vec::new();
    let (empty_a, empty_b) = (Map::new(), Map::new());
    let top_a = old_shell.as_object().unwrap_or(&empty_a);
    let top_b = new_shell.as_object().unwrap_or(&empty_b);
    let known = [
        "format",
        "version",
        "account",
        "team",
        "stakeholders",
        "relationships",
    ];
    for key in top_b
        .keys()
        .chain(top_a.keys().filter(|k| !top_b.contains_key(*k)))
        .filter(|k| !known.contains(&k.as_str()))
    {
        let (from, to) = (top_a.get(key), top_b.get(key));
        if from != to {
            other.push(FieldChange {
                id: String::new(),
                name: String::new(),
                field: key.clone(),
                from: from.cloned().unwrap_or(Value::Null),
                to: to.cloned().unwrap_or(Value::Null),
            });
        }
    }
    SemanticDiff {
        people,
        relationships,
        team,
        account,
        other,
    }
}

fn records_diff<T: PartialEq>(
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> &str,
    name: impl Fn(&T) -> String,
    value: impl Fn(&T) -> Value,
) -> Changes {
    let old_by_id: HashMap<&str, &T> = old.iter().map(|r| (id(r), r)).collect();
    let new_ids: HashSet<&str> = new.iter().map(&id).collect();
    let mut changes = Changes::default();
    for record in new {
        match old_by_id.get(id(record)) {
            None => changes.added.push(Item {
                id: id(record).to_owned(),
                name: name(record),
            }),
            Some(&before) if before == record => {}
            Some(&before) => fields_diff(
                &value(before),
                &value(record),
                "",
                id(record),
                &name(record),
                &mut changes.changed,
            ),
        }
    }
    changes.removed = old
        .iter()
        .filter(|r| !new_ids.contains(id(r)))
        .map(|r| Item {
            id: id(r).to_owned(),
            name: name(r),
        })
        .collect();
    changes
}

/// The fields of two objects that differ; nested objects are compared field by
/// field (`contact.email`), anything else as a whole.
fn fields_diff(
    old: &Value,
    new: &Value,
    prefix: &str,
    id: &str,
    name: &str,
    out: &mut Vec<FieldChange>,
) {
    let (empty_a, empty_b) = (Map::new(), Map::new());
    let a = old.as_object().unwrap_or(&empty_a);
    let b = new.as_object().unwrap_or(&empty_b);
    for key in b.keys().chain(a.keys().filter(|k| !b.contains_key(*k))) {
        if prefix.is_empty() && IGNORED.contains(&key.as_str()) {
            continue;
        }
        let field = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        if prefix.is_empty() && key == LOGGED {
            log_diff(a.get(key), b.get(key), id, name, out);
            continue;
        }
        match (a.get(key), b.get(key)) {
            (Some(x), Some(y)) if x == y => {}
            (Some(x @ Value::Object(_)), Some(y @ Value::Object(_))) => {
                fields_diff(x, y, &field, id, name, out);
            }
            // An empty group (no contact details yet) is left out of the file.
            (None, Some(y @ Value::Object(_))) => {
                fields_diff(&Value::Null, y, &field, id, name, out);
            }
            (Some(x @ Value::Object(_)), None) => {
                fields_diff(x, &Value::Null, &field, id, name, out);
            }
            (x, y) => out.push(FieldChange {
                id: id.to_owned(),
                name: name.to_owned(),
                field,
                from: x.cloned().unwrap_or(Value::Null),
                to: y.cloned().unwrap_or(Value::Null),
            }),
        }
    }
}

/// The diff as JSON for scripts: `{"people": {"added": [{id, name}], "removed":
/// [...], "changed": [{id, name, field, from, to}]}, "relationships": {...},
/// "team": {...}, "account": [{field, from, to}], "other": [{field, from, to}]}`.
pub fn to_json(diff: &SemanticDiff) -> Value {
    let items = |list: &[Item]| -> Vec<Value> {
        list.iter()
            .map(|i| json!({"id": i.id, "name": i.name}))
            .collect()
    };
    let changed = |list: &[FieldChange]| -> Vec<Value> {
        list.iter()
            .map(|c| json!({"id": c.id, "name": c.name, "field": c.field, "from": c.from, "to": c.to}))
            .collect()
    };
    let fields = |list: &[FieldChange]| -> Vec<Value> {
        list.iter()
            .map(|c| json!({"field": c.field, "from": c.from, "to": c.to}))
            .collect()
    };
    let changes = |c: &Changes| json!({"added": items(&c.added), "removed": items(&c.removed), "changed": changed(&c.changed)});
    json!({
        "people": changes(&diff.people),
        "relationships": changes(&diff.relationships),
        "team": changes(&diff.team),
        "account": fields(&diff.account),
        "other": fields(&diff.other),
    })
}

/// A value in one line: text as it is, anything else as compact JSON; long values
/// shortened.
fn shown(value: &Value) -> String {
    const LIMIT: usize = 80;
    let text = logged_entry(value).unwrap_or_else(|| match value {
        Value::Null => "—".to_owned(),
        Value::String(s) if s.is_empty() => "\"\"".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    if text.chars().count() > LIMIT {
        let short: String = text.chars().take(LIMIT).collect();
        format!("{short}…")
    } else {
        text
    }
}

/// The diff as text for a terminal (`markdown` for Markdown): a section per list,
/// `+` added, `-` removed, `~` changed with `field: from → to`.
pub fn to_text(diff: &SemanticDiff, markdown: bool) -> String {
    let esc = |text: &str| -> String {
        if markdown {
            md_escape(text, false)
        } else {
            terminal(text).into_owned()
        }
    };
    let mut out = String::new();
    if diff.is_empty() {
        out.push_str("No differences.\n");
        return out;
    }
    let section = |title: &str, changes: &Changes, out: &mut String| {
        if changes.is_empty() {
            return;
        }
        if markdown {
            let _ = writeln!(out, "## {title}\n");
        } else {
            let _ = writeln!(
                out,
                "{title}: {} added, {} removed, {} changed",
                changes.added.len(),
                changes.removed.len(),
                count_records(&changes.changed)
            );
        }
        let bullet = if markdown { "- " } else { "  " };
        for item in &changes.added {
            let _ = writeln!(out, "{bullet}+ {} ({})", esc(&item.name), esc(&item.id));
        }
        for item in &changes.removed {
            let _ = writeln!(out, "{bullet}- {} ({})", esc(&item.name), esc(&item.id));
        }
        let mut last_id: Option<&str> = None;
        for change in &changes.changed {
            if last_id != Some(change.id.as_str()) {
                let _ = writeln!(out, "{bullet}~ {} ({})", esc(&change.name), esc(&change.id));
                last_id = Some(change.id.as_str());
            }
            let indent = if markdown { "    - " } else { "      " };
            let _ = writeln!(
                out,
                "{indent}{}: {} → {}",
                esc(&change.field),
                esc(&shown(&change.from)),
                esc(&shown(&change.to))
            );
        }
        if markdown {
            out.push('\n');
        }
    };
    section("People", &diff.people, &mut out);
    section("Relationships", &diff.relationships, &mut out);
    section("Team", &diff.team, &mut out);
    for (title, list) in [("Account", &diff.account), ("Other", &diff.other)] {
        if list.is_empty() {
            continue;
        }
        if markdown {
            let _ = writeln!(out, "## {title}\n");
        } else {
            let _ = writeln!(out, "{title}:");
        }
        let bullet = if markdown { "- " } else { "  " };
        for change in list {
            let _ = writeln!(
                out,
                "{bullet}{}: {} → {}",
                esc(&change.field),
                esc(&shown(&change.from)),
                esc(&shown(&change.to))
            );
        }
        if markdown {
            out.push('\n');
        }
    }
    out
}

fn count_records(changes: &[FieldChange]) -> usize {
    let mut count = 0;
    let mut last: Option<&str> = None;
    for change in changes {
        if last != Some(change.id.as_str()) {
            count += 1;
            last = Some(change.id.as_str());
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Relationship, RelationshipKind, Stakeholder, Stance};

    fn map() -> Document {
        let mut doc = Document::default();
        for (id, name) in [("a", "王立新"), ("b", "周振华"), ("c", "李娜")] {
            doc.stakeholders.push(Stakeholder::new(id, name));
        }
        doc.relationships.push(Relationship::new(
            "r1",
            "a",
            "b",
            RelationshipKind::ReportsTo,
        ));
        doc
    }

    #[test]
    fn added_removed_and_changed_fields_with_old_and_new_values() {
        let old = map();
        let mut new = old.clone();
        new.stakeholders.retain(|p| p.id.as_str() != "c");
        new.stakeholders.push(Stakeholder::new("d", "陈晓"));
        new.stakeholders[0].stance = Stance::Advocate;
        new.stakeholders[0].contact.email = "w@x.cn".into();
        new.stakeholders[1].position = Some(crate::model::Position { x: 5.0, y: 9.0 });
        new.stakeholders.swap(0, 1);
        new.account.stage = crate::model::Stage::Late;
        let diff = semantic_diff(&old, &new);
        assert_eq!(
            diff.people.added,
            [Item {
                id: "d".into(),
                name: "陈晓".into()
            }]
        );
        assert_eq!(
            diff.people.removed,
            [Item {
                id: "c".into(),
                name: "李娜".into()
            }]
        );
        let fields: Vec<&str> = diff
            .people
            .changed
            .iter()
            .map(|c| c.field.as_str())
            .collect();
        assert_eq!(
            fields,
            ["stance", "contact.email"],
            "moves and order are not changes"
        );
        assert_eq!(diff.people.changed[0].to, json!("advocate"));
        assert_eq!(diff.account.len(), 1);
        assert!(diff.relationships.is_empty());
        let text = to_text(&diff, false);
        assert!(text.contains("+ 陈晓 (d)"), "{text}");
        assert!(text.contains("stance: unknown → advocate"), "{text}");
        assert!(semantic_diff(&new, &new).is_empty());
    }

    #[test]
    fn lines_are_named_by_their_people() {
        let old = map();
        let mut new = old.clone();
        new.relationships[0].kind = RelationshipKind::Influences;
        let diff = semantic_diff(&old, &new);
        assert_eq!(diff.relationships.changed.len(), 1);
        assert_eq!(
            diff.relationships.changed[0].name,
            "王立新 → 周振华 (influences)"
        );
        let json = to_json(&diff);
        assert_eq!(json["relationships"]["changed"][0]["field"], "kind");
    }
}
