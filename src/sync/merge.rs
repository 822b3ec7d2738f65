//! Three-way merge of two edited copies of a map against their common ancestor,
//! field by field and keyed by ids, on the canonical JSON of each version — so
//! fields this build does not know are merged like the rest and never dropped.
//!
//! Rules, for every value (an object field, a list item):
//! - the same on both sides, or changed on one side only: that side's value;
//! - objects changed on both sides: merged field by field;
//! - lists of records with ids (people, lines, team, steps with ids): merged by id —
//!   both sides' additions kept, a record removed on one side and untouched on the
//!   other is removed, a record removed on one side and changed on the other is
//!   kept (changed) and reported;
//! - a person's interaction log: by identity (date, kind, who, summary) — both
//!   sides' new entries kept, an entry removed on one side and untouched on the
//!   other removed, an entry's other fields (observed stance) merged as a record;
//! - other lists (tags, next actions, competitors, approvers): as sets — both
//!   sides' additions kept, items removed on either side removed, our order first;
//! - dates of the last contact and last verification: the later one;
//! - a person's position on the canvas: ours, without a conflict;
//! - anything else changed differently on both sides: our value is kept and a
//!   [`Conflict`] records base, ours and theirs.
//!
//! Every merge then passes through [`super::repair`] so the result is a valid map.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::Conflict;

/// Fields where the later date wins instead of a conflict.
const LATER_DATE_WINS: [&str; 2] = ["last_contact", "last_verified"];
/// Lists whose items are matched by identity fields rather than an id.
const BY_IDENTITY: [(&str, &[&str]); 1] = [("interactions", &["date", "kind", "by", "summary"])];
/// Fields where our value wins without a conflict: where a person sits on the
/// canvas is a matter of taste, not of fact.
const OURS_WINS: [&str; 1] = ["position"];

/// Merges three canonical map values. Returns the merged value and the conflicts
/// in the order met.
pub fn merge_values(base: &Value, ours: &Value, theirs: &Value) -> (Value, Vec<Conflict>) {
    let mut conflicts = Vec::new();
    let merged = merge3(
        Some(base),
        Some(ours),
        Some(theirs),
        &mut Path::default(),
        &mut conflicts,
    )
    .unwrap_or_else(|| ours.clone());
    (merged, conflicts)
}

/// Merges one record of a list (`list[id]`) whose three versions are given as
/// values; `None` when it is removed.
pub(crate) fn merge_record(
    list: &str,
    id: &str,
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    conflicts: &mut Vec<Conflict>,
) -> Option<Value> {
    let mut path = Path {
        parts: vec![list.to_owned(), format!("[{id}]")],
    };
    merge3(base, ours, theirs, &mut path, conflicts)
}

/// Where a value sits in the map, for conflict reports: `stakeholders[p-wang].stance`.
#[derive(Default)]
struct Path {
    parts: Vec<String>,
}

impl Path {
    fn text(&self) -> String {
        self.parts.concat()
    }

    fn last_field(&self) -> Option<&str> {
        self.parts
            .iter()
            .rev()
            .find_map(|part| part.strip_prefix('.'))
            .or_else(|| self.parts.first().map(String::as_str))
    }

    fn with<T>(&mut self, part: String, f: impl FnOnce(&mut Self) -> T) -> T {
        self.parts.push(part);
        let result = f(self);
        self.parts.pop();
        result
    }
}

fn merge3(
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    path: &mut Path,
    conflicts: &mut Vec<Conflict>,
) -> Option<Value> {
    if ours == theirs || base == theirs {
        return ours.cloned();
    }
    if base == ours {
        return theirs.cloned();
    }
    let field = path.last_field().unwrap_or_default().to_owned();
    match (ours, theirs) {
        (Some(o), Some(_)) if OURS_WINS.contains(&field.as_str()) => Some(o.clone()),
        (Some(Value::Object(o)), Some(Value::Object(t))) => {
            let empty = Map::new();
            let b = match base {
                Some(Value::Object(b)) => b,
                _ => &empty,
            };
            Some(Value::Object(merge_objects(b, o, t, path, conflicts)))
        }
        (Some(Value::Array(o)), Some(Value::Array(t))) => {
            let b = match base {
                Some(Value::Array(b)) => b.as_slice(),
                _ => &[],
            };
            Some(Value::Array(merge_arrays(b, o, t, path, conflicts)))
        }
        (Some(Value::String(o)), Some(Value::String(t)))
            if LATER_DATE_WINS.contains(&field.as_str()) =>
        {
            // ISO dates order as text.
            Some(Value::String(o.max(t).clone()))
        }
        _ => {
            conflicts.push(Conflict {
                path: path.text(),
                base: base.cloned(),
                ours: ours.cloned(),
                theirs: theirs.cloned(),
            });
            // A record removed on our side but changed on theirs is kept: a
            // removal never silently discards someone else's work.
            ours.or(theirs).cloned()
        }
    }
}

fn merge_objects(
    base: &Map<String, Value>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
    path: &mut Path,
    conflicts: &mut Vec<Conflict>,
) -> Map<String, Value> {
    let mut merged = Map::new();
    let keys = ours
        .keys()
        .chain(theirs.keys().filter(|k| !ours.contains_key(*k)))
        .chain(
            base.keys()
                .filter(|k| !ours.contains_key(*k) && !theirs.contains_key(*k)),
        );
    for key in keys {
        let part = if path.parts.is_empty() {
            key.clone()
        } else {
            format!(".{key}")
        };
        let value = path.with(part, |path| {
            merge3(
                base.get(key),
                ours.get(key),
                theirs.get(key),
                path,
                conflicts,
            )
        });
        if let Some(value) = value {
            merged.insert(key.clone(), value);
        }
    }
    merged
}

/// The id of a record: a string `id` field.
fn record_id(value: &Value) -> Option<&str> {
    value.get("id").and_then(Value::as_str)
}

fn all_records(items: &[Value]) -> bool {
    items.iter().all(|item| record_id(item).is_some())
}

fn merge_arrays(
    base: &[Value],
    ours: &[Value],
    theirs: &[Value],
    path: &mut Path,
    conflicts: &mut Vec<Conflict>,
) -> Vec<Value> {
    let identity = path
        .last_field()
        .and_then(|field| BY_IDENTITY.iter().find(|(name, _)| *name == field))
        .map(|(_, fields)| *fields);
    if let Some(fields) = identity {
        return merge_by_identity(base, ours, theirs, fields, path, conflicts);
    }
    let keyed = all_records(base) && all_records(ours) && all_records(theirs);
    if keyed && !(base.is_empty() && ours.is_empty() && theirs.is_empty()) {
        merge_records(base, ours, theirs, path, conflicts)
    } else {
        merge_sets(base, ours, theirs)
    }
}

fn by_id(items: &[Value]) -> HashMap<&str, &Value> {
    items
        .iter()
        .filter_map(|item| record_id(item).map(|id| (id, item)))
        .collect()
}

fn merge_records(
    base: &[Value],
    ours: &[Value],
    theirs: &[Value],
    path: &mut Path,
    conflicts: &mut Vec<Conflict>,
) -> Vec<Value> {
    let (base_ids, our_ids, their_ids) = (by_id(base), by_id(ours), by_id(theirs));
    let mut merged = Vec::with_capacity(ours.len().max(theirs.len()));
    let mut merge_one = |id: &str, path: &mut Path, merged: &mut Vec<Value>| {
        let value = path.with(format!("[{id}]"), |path| {
            merge3(
                base_ids.get(id).copied(),
                our_ids.get(id).copied(),
                their_ids.get(id).copied(),
                path,
                conflicts,
            )
        });
        merged.extend(value);
    };
    for id in ours.iter().filter_map(record_id) {
        merge_one(id, path, &mut merged);
    }
    for id in theirs.iter().filter_map(record_id) {
        if !our_ids.contains_key(id) {
            merge_one(id, path, &mut merged);
        }
    }
    merged
}

/// The identity of each item: the values of `fields` as JSON, then `#n` for the
/// n-th item of that identity on this side, so that two equal-looking entries on
/// one side stay two.
fn identity_keys(items: &[Value], fields: &[&str]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    items
        .iter()
        .map(|item| {
            let parts: Vec<Value> = fields
                .iter()
                .map(|f| item.get(f).cloned().unwrap_or(Value::Null))
                .collect();
            let identity = Value::Array(parts).to_string();
            let n = seen.entry(identity.clone()).or_insert(0);
            *n += 1;
            format!("{identity}#{n}")
        })
        .collect()
}

/// Lists of entries without ids whose identity is a few of their fields (the
/// interaction log): matched by identity, each entry then merged like a record.
fn merge_by_identity(
    base: &[Value],
    ours: &[Value],
    theirs: &[Value],
    fields: &[&str],
    path: &mut Path,
    conflicts: &mut Vec<Conflict>,
) -> Vec<Value> {
    let (base_keys, our_keys, their_keys) = (
        identity_keys(base, fields),
        identity_keys(ours, fields),
        identity_keys(theirs, fields),
    );
    let index = |keys: &'_ [String], items: &'_ [Value]| -> HashMap<String, Value> {
        keys.iter().cloned().zip(items.iter().cloned()).collect()
    };
    let (b, o, t) = (
        index(&base_keys, base),
        index(&our_keys, ours),
        index(&their_keys, theirs),
    );
    let mut merged = Vec::with_capacity(ours.len().max(theirs.len()));
    let order = our_keys
        .iter()
        .chain(their_keys.iter().filter(|k| !o.contains_key(*k)));
    for key in order {
        let (bv, ov, tv) = (b.get(key), o.get(key), t.get(key));
        let label = ov
            .or(tv)
            .map(|item| {
                let date = item.get("date").and_then(Value::as_str).unwrap_or("");
                let kind = item.get("kind").and_then(Value::as_str).unwrap_or("");
                format!("[{date} {kind}]")
            })
            .unwrap_or_default();
        let value = path.with(label, |path| merge3(bv, ov, tv, path, conflicts));
        merged.extend(value);
    }
    merged
}

/// The canonical text of a value, to compare list items.
fn key_of(value: &Value) -> String {
    value.to_string()
}

/// Lists without ids, as sets. The result does not depend on which side is ours:
/// what both kept, in the ancestor's order, then what was added — in the adding
/// side's order when only one side added, otherwise sorted.
fn merge_sets(base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let base_keys: HashSet<String> = base.iter().map(key_of).collect();
    let our_keys: HashSet<String> = ours.iter().map(key_of).collect();
    let their_keys: HashSet<String> = theirs.iter().map(key_of).collect();
    let mut seen = HashSet::new();
    let mut merged = Vec::new();
    for item in base {
        let key = key_of(item);
        if our_keys.contains(&key) && their_keys.contains(&key) && seen.insert(key) {
            merged.push(item.clone());
        }
    }
    let added = |side: &[Value]| -> Vec<(String, Value)> {
        side.iter()
            .map(|item| (key_of(item), item))
            .filter(|(key, _)| !base_keys.contains(key))
            .map(|(key, item)| (key, item.clone()))
            .collect()
    };
    let (mut ours_added, theirs_added) = (added(ours), added(theirs));
    if !ours_added.is_empty() && !theirs_added.is_empty() {
        ours_added.extend(theirs_added);
        ours_added.sort_by(|a, b| a.0.cmp(&b.0));
    } else {
        ours_added.extend(theirs_added);
    }
    for (key, item) in ours_added {
        if seen.insert(key) {
            merged.push(item);
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn one_sided_changes_merge_and_both_sided_ones_conflict_with_ours_kept() {
        let base = json!({"a": 1, "b": 1, "c": 1});
        let ours = json!({"a": 2, "b": 1, "c": 5});
        let theirs = json!({"a": 1, "b": 3, "c": 6});
        let (merged, conflicts) = merge_values(&base, &ours, &theirs);
        assert_eq!(merged, json!({"a": 2, "b": 3, "c": 5}));
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].path, "c");
        assert_eq!(conflicts[0].theirs, Some(json!(6)));
    }

    #[test]
    fn records_merge_by_id_and_removals_win_over_untouched_records() {
        let base = json!({"people": [{"id": "a", "x": 1}, {"id": "b", "x": 1}]});
        let ours = json!({"people": [{"id": "a", "x": 2}, {"id": "b", "x": 1}, {"id": "c"}]});
        let theirs = json!({"people": [{"id": "d"}, {"id": "a", "x": 1}]});
        let (merged, conflicts) = merge_values(&base, &ours, &theirs);
        assert!(conflicts.is_empty());
        assert_eq!(
            merged,
            json!({"people": [{"id": "a", "x": 2}, {"id": "c"}, {"id": "d"}]})
        );
    }

    #[test]
    fn a_record_removed_on_one_side_and_changed_on_the_other_is_kept_and_reported() {
        let base = json!({"people": [{"id": "a", "x": 1}]});
        let ours = json!({"people": []});
        let theirs = json!({"people": [{"id": "a", "x": 2}]});
        let (merged, conflicts) = merge_values(&base, &ours, &theirs);
        assert_eq!(merged, json!({"people": [{"id": "a", "x": 2}]}));
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].path, "people[a]");
        assert_eq!(conflicts[0].ours, None);
    }

    #[test]
    fn plain_lists_merge_as_sets_and_later_dates_win() {
        let base = json!({"tags": ["x", "y"], "last_contact": "2026-01-01"});
        let ours = json!({"tags": ["x", "y", "o"], "last_contact": "2026-03-01"});
        let theirs = json!({"tags": ["y", "t"], "last_contact": "2026-02-01"});
        let (merged, conflicts) = merge_values(&base, &ours, &theirs);
        assert!(conflicts.is_empty());
        assert_eq!(
            merged,
            json!({"tags": ["y", "o", "t"], "last_contact": "2026-03-01"}),
            "both added: sorted, whichever side is ours"
        );
    }

    #[test]
    fn conflict_paths_name_the_record_and_the_field() {
        let base =
            json!({"stakeholders": [{"id": "p1", "stance": "neutral", "contact": {"email": "a"}}]});
        let ours = json!({"stakeholders": [{"id": "p1", "stance": "supporter", "contact": {"email": "b"}}]});
        let theirs =
            json!({"stakeholders": [{"id": "p1", "stance": "skeptic", "contact": {"email": "c"}}]});
        let (_, conflicts) = merge_values(&base, &ours, &theirs);
        let paths: Vec<&str> = conflicts.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            ["stakeholders[p1].stance", "stakeholders[p1].contact.email"]
        );
    }
}
