//! Making a merged map valid. Each side was valid, but together they may not be:
//! a line added on one side to a person removed on the other, an owner removed on
//! one side and assigned on the other, two new reporting lines that close a cycle.
//! Nothing is dropped: a removed record still referred to comes back, and a line
//! that cannot stay takes our version (or goes, when it is theirs alone) with a
//! conflict that holds theirs.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::Conflict;
use crate::format::{LoadError, from_value, to_value};
use crate::model::{Document, Subject};

/// How many rounds of "take ours for the lines the checks name" before giving up.
const MAX_ROUNDS: usize = 8;

/// The three sides of a merge; their canonical values are made only when a
/// repair needs them.
pub struct Sides<'a> {
    docs: [&'a Document; 3],
    values: [OnceCell<Value>; 3],
}

impl<'a> Sides<'a> {
    /// The common ancestor, our version and theirs.
    pub fn new(base: &'a Document, ours: &'a Document, theirs: &'a Document) -> Self {
        Self {
            docs: [base, ours, theirs],
            values: Default::default(),
        }
    }

    fn value(&self, side: usize) -> &Value {
        static EMPTY: Value = Value::Null;
        match (self.values.get(side), self.docs.get(side)) {
            (Some(cell), Some(doc)) => cell.get_or_init(|| to_value(doc)),
            _ => &EMPTY,
        }
    }

    fn base(&self) -> &Value {
        self.value(0)
    }

    fn ours(&self) -> &Value {
        self.value(1)
    }

    fn theirs(&self) -> &Value {
        self.value(2)
    }
}

/// Turns a merged value into a valid map, adding conflicts for what had to give.
/// When even that fails, the result is our version with one conflict holding
/// their whole map, so nothing is lost.
pub fn repair(
    merged: &mut Value,
    sides: &Sides<'_>,
    conflicts: &mut Vec<Conflict>,
) -> Result<Document, LoadError> {
    restore_referenced(merged, sides, conflicts);
    for _ in 0..MAX_ROUNDS {
        match from_value(merged) {
            Ok(doc) => return Ok(doc),
            Err(LoadError::Invalid(problems)) => {
                let lines: Vec<String> = problems
                    .iter()
                    .filter_map(|p| match &p.subject {
                        Subject::Relationship { id, .. } if !id.is_empty() => Some(id.clone()),
                        _ => None,
                    })
                    .collect();
                if lines.is_empty() || !take_ours_for_lines(merged, sides, &lines, conflicts) {
                    break;
                }
            }
            Err(other) => return Err(other),
        }
    }
    conflicts.push(Conflict {
        path: String::new(),
        base: None,
        ours: None,
        theirs: Some(sides.theirs().clone()),
    });
    *merged = sides.ours().clone();
    from_value(merged)
}

fn records<'v>(value: &'v Value, list: &str) -> &'v [Value] {
    value
        .get(list)
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
}

/// The records of a list by id.
fn index<'v>(value: &'v Value, list: &str) -> HashMap<&'v str, &'v Value> {
    records(value, list)
        .iter()
        .filter_map(|r| r.get("id").and_then(Value::as_str).map(|id| (id, r)))
        .collect()
}

fn ids(value: &Value, list: &str) -> HashSet<String> {
    records(value, list)
        .iter()
        .filter_map(|r| r.get("id").and_then(Value::as_str).map(str::to_owned))
        .collect()
}

/// Brings back people and team members that one side removed while the other
/// still refers to them (a new line, an owner, a plan's lead, an approver).
fn restore_referenced(merged: &mut Value, sides: &Sides<'_>, conflicts: &mut Vec<Conflict>) {
    let people = ids(merged, "stakeholders");
    let mut wanted_people: Vec<String> = Vec::new();
    for line in records(merged, "relationships") {
        for end in ["from", "to"] {
            if let Some(id) = line.get(end).and_then(Value::as_str)
                && !people.contains(id)
            {
                wanted_people.push(id.to_owned());
            }
        }
    }
    let steps = merged
        .get("account")
        .and_then(|a| a.get("decision_process"))
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    for step in steps {
        for id in step
            .get("approvers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !people.contains(id) {
                wanted_people.push(id.to_owned());
            }
        }
    }
    restore(merged, "stakeholders", wanted_people, sides, conflicts);

    let team = ids(merged, "team");
    let mut wanted_members: Vec<String> = records(merged, "stakeholders")
        .iter()
        .filter_map(|p| p.get("owner").and_then(Value::as_str))
        .filter(|id| !team.contains(*id))
        .map(str::to_owned)
        .collect();
    if let Some(plans) = merged.get("plans").and_then(Value::as_object) {
        wanted_members.extend(
            plans
                .values()
                .filter_map(|plan| plan.get("lead").and_then(Value::as_str))
                .filter(|id| !team.contains(*id))
                .map(str::to_owned),
        );
    }
    restore(merged, "team", wanted_members, sides, conflicts);
}

fn restore(
    merged: &mut Value,
    list: &str,
    mut wanted: Vec<String>,
    sides: &Sides<'_>,
    conflicts: &mut Vec<Conflict>,
) {
    let mut seen = HashSet::new();
    wanted.retain(|id| seen.insert(id.clone()));
    if wanted.is_empty() {
        return;
    }
    let (our_records, their_records, base_records) = (
        index(sides.ours(), list),
        index(sides.theirs(), list),
        index(sides.base(), list),
    );
    for id in wanted {
        let (ours, theirs, base) = (
            our_records.get(id.as_str()).copied(),
            their_records.get(id.as_str()).copied(),
            base_records.get(id.as_str()).copied(),
        );
        // The newest version we have: a side that kept the record.
        let Some(record) = ours.or(theirs).or(base).cloned() else {
            continue;
        };
        if let Some(items) = merged.get_mut(list).and_then(Value::as_array_mut) {
            items.push(record);
        }
        conflicts.push(Conflict {
            path: format!("{list}[{id}]"),
            base: base.cloned(),
            ours: ours.cloned(),
            theirs: theirs.cloned(),
        });
    }
}

/// For each named line: our version replaces the merged one (or the line goes if
/// it is theirs alone). Returns whether anything changed.
fn take_ours_for_lines(
    merged: &mut Value,
    sides: &Sides<'_>,
    lines: &[String],
    conflicts: &mut Vec<Conflict>,
) -> bool {
    let Some(items) = merged
        .get_mut("relationships")
        .and_then(Value::as_array_mut)
    else {
        return false;
    };
    let (our_lines, base_lines) = (
        index(sides.ours(), "relationships"),
        index(sides.base(), "relationships"),
    );
    let named: HashSet<&str> = lines.iter().map(String::as_str).collect();
    let mut changed = false;
    let mut kept = Vec::with_capacity(items.len());
    for line in std::mem::take(items) {
        let id = line.get("id").and_then(Value::as_str).unwrap_or_default();
        let ours = our_lines.get(id).copied();
        if !named.contains(id) || Some(&line) == ours {
            kept.push(line);
            continue;
        }
        conflicts.push(Conflict {
            path: format!("relationships[{id}]"),
            base: base_lines.get(id).map(|&l| l.clone()),
            ours: ours.cloned(),
            theirs: Some(line.clone()),
        });
        kept.extend(ours.cloned());
        changed = true;
    }
    *items = kept;
    changed
}
