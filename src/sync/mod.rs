//! Team work on shared map files: what changed between two versions (a semantic
//! diff keyed by ids), three-way merge of two edited copies with conflicts kept in
//! the file, and registering the merge with git. No egui here.

pub mod diff;
pub mod git_setup;
pub mod git_sync;
pub mod history;
pub mod marks;
pub mod merge;
mod records;
mod repair;
pub mod resolve;
pub mod review;

use serde_json::{Map, Value};

use crate::format::{LoadError, from_bytes, to_value};
use crate::model::Document;

/// The top-level field where unresolved merge conflicts are kept.
pub const CONFLICTS_FIELD: &str = "conflicts";

/// Both sides changed the same value differently. The merged map holds our value
/// (or, for a record one side removed and the other changed, the changed record).
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// Where: `stakeholders[p-wang].stance`, `account.stage`, `relationships[r4]`;
    /// empty when their whole map could not be merged.
    pub path: String,
    /// The value in the common ancestor; `None` when it was not there.
    pub base: Option<Value>,
    /// Our value; `None` when our side removed it.
    pub ours: Option<Value>,
    /// Their value; `None` when their side removed it.
    pub theirs: Option<Value>,
}

impl Conflict {
    /// The conflict as kept in a map file.
    pub fn to_value(&self) -> Value {
        let mut object = Map::new();
        object.insert("path".into(), Value::String(self.path.clone()));
        for (key, side) in [
            ("base", &self.base),
            ("ours", &self.ours),
            ("theirs", &self.theirs),
        ] {
            object.insert(key.into(), side.clone().unwrap_or(Value::Null));
        }
        Value::Object(object)
    }

    /// A conflict read back from a map file; `None` when it is not one.
    pub fn from_value(value: &Value) -> Option<Self> {
        let side = |key: &str| value.get(key).filter(|v| !v.is_null()).cloned();
        Some(Self {
            path: value.get("path")?.as_str()?.to_owned(),
            base: side("base"),
            ours: side("ours"),
            theirs: side("theirs"),
        })
    }
}

/// One line for a terminal: `stakeholders[p1].stance: ours "supporter", theirs
/// "skeptic" (base "neutral")`.
pub fn describe_conflict(conflict: &Conflict) -> String {
    let side = |value: &Option<Value>| match value {
        None => "removed".to_owned(),
        // A whole person or line: kept (changed) on that side.
        Some(Value::Object(_)) => "kept it".to_owned(),
        Some(value) => {
            let text = value.to_string();
            if text.chars().count() > 60 {
                let short: String = text.chars().take(60).collect();
                format!("{short}…")
            } else {
                text
            }
        }
    };
    let place = if conflict.path.is_empty() {
        "their whole map (it could not be merged)"
    } else {
        conflict.path.as_str()
    };
    format!(
        "{place}: ours {}, theirs {} (base {})",
        side(&conflict.ours),
        side(&conflict.theirs),
        match &conflict.base {
            None => "absent".to_owned(),
            Some(Value::Object(_)) => "present".to_owned(),
            base => side(base),
        }
    )
}

/// How many unresolved merge conflicts a map holds (without copying them).
pub fn conflict_count(doc: &Document) -> usize {
    doc.extra
        .get(CONFLICTS_FIELD)
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

/// The unresolved merge conflicts kept in a map.
pub fn conflicts_in(doc: &Document) -> Vec<Conflict> {
    doc.extra
        .get(CONFLICTS_FIELD)
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Conflict::from_value).collect())
        .unwrap_or_default()
}

/// The result of a merge: a valid map, and the conflicts it records.
#[derive(Debug)]
pub struct Merged {
    /// The merged map, its `conflicts` field holding every unresolved conflict
    /// (those of this merge after any the inputs already had).
    pub doc: Document,
    /// The conflicts of this merge.
    pub conflicts: Vec<Conflict>,
}

/// Which input of a merge could not be read.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// The common ancestor.
    #[error("the common ancestor (BASE) is not a valid map: {0}")]
    Base(LoadError),
    /// Our version.
    #[error("our version (OURS) is not a valid map: {0}")]
    Ours(LoadError),
    /// Their version.
    #[error("their version (THEIRS) is not a valid map: {0}")]
    Theirs(LoadError),
    /// The merged map could not be made valid (should not happen: the fallback is
    /// our version).
    #[error("the merged map is not valid: {0}")]
    Result(LoadError),
}

/// Merges the bytes of three map files. Each is read and checked like any map
/// (ids generated where a file has none, so the sides agree on them only if they
/// were saved by Powermap).
pub fn merge_files(base: &[u8], ours: &[u8], theirs: &[u8]) -> Result<Merged, MergeError> {
    let base = from_bytes(base).map_err(MergeError::Base)?;
    let ours = from_bytes(ours).map_err(MergeError::Ours)?;
    let theirs = from_bytes(theirs).map_err(MergeError::Theirs)?;
    merge_documents(&base, &ours, &theirs)
}

/// Merges two edited versions of a map against their common ancestor. Linear in
/// people and lines.
pub fn merge_documents(
    base: &Document,
    ours: &Document,
    theirs: &Document,
) -> Result<Merged, MergeError> {
    // Everything but the long lists (header, account, plans, fields from newer
    // builds) is small: merged as values.
    let (mut value, mut conflicts) =
        merge::merge_values(&shell(base), &shell(ours), &shell(theirs));
    let people = records::merge_list(
        &records::List {
            name: "stakeholders",
            base: &base.stakeholders,
            ours: &ours.stakeholders,
            theirs: &theirs.stakeholders,
        },
        |p| p.id.as_str(),
        crate::format::stakeholder_value,
        |_| false,
        &mut conflicts,
    );
    // People one side removed but the other changed stay (with a conflict): so
    // do their lines, which the removing side dropped with them.
    let revived: std::collections::HashSet<String> = conflicts
        .iter()
        .filter(|c| c.ours.is_none() || c.theirs.is_none())
        .filter_map(|c| c.path.strip_prefix("stakeholders["))
        .filter_map(|rest| rest.strip_suffix(']'))
        .map(str::to_owned)
        .collect();
    let lines = records::merge_list(
        &records::List {
            name: "relationships",
            base: &base.relationships,
            ours: &ours.relationships,
            theirs: &theirs.relationships,
        },
        |l| l.id.as_str(),
        crate::format::relationship_value,
        |l| revived.contains(l.from.as_str()) || revived.contains(l.to.as_str()),
        &mut conflicts,
    );
    let team = records::merge_list(
        &records::List {
            name: "team",
            base: &base.team,
            ours: &ours.team,
            theirs: &theirs.team,
        },
        |m| m.id.as_str(),
        crate::format::team_member_value,
        |_| false,
        &mut conflicts,
    );
    if let Value::Object(top) = &mut value {
        // The keys are there (empty lists), so they keep their canonical place.
        top.insert("team".into(), Value::Array(team));
        top.insert("stakeholders".into(), Value::Array(people));
        top.insert("relationships".into(), Value::Array(lines));
    }
    let sides = repair::Sides::new(base, ours, theirs);
    let mut doc = repair::repair(&mut value, &sides, &mut conflicts).map_err(MergeError::Result)?;
    if !conflicts.is_empty() {
        let list = doc
            .extra
            .entry(CONFLICTS_FIELD)
            .or_insert_with(|| Value::Array(Vec::new()));
        if !list.is_array() {
            *list = Value::Array(Vec::new());
        }
        if let Value::Array(items) = list {
            items.extend(conflicts.iter().map(Conflict::to_value));
        }
    }
    Ok(Merged { doc, conflicts })
}

/// The map without its people, lines and team, as a value.
pub(crate) fn shell(doc: &Document) -> Value {
    to_value(&Document {
        account: doc.account.clone(),
        plans: doc.plans.clone(),
        extra: doc.extra.clone(),
        ..Document::default()
    })
}
