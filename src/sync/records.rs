//! Merging the long lists (people, lines, team) record by record on the typed
//! map: a record the sides agree on, or that only one side changed, is taken as
//! it is; only records both sides changed are compared field by field. So a
//! merge costs one pass over the records plus the records in dispute, not three
//! conversions of the whole map.

use std::collections::HashMap;

use serde_json::Value;

use super::Conflict;
use super::merge::merge_record;

/// One list of records with ids, on the three sides.
pub struct List<'a, T> {
    /// The list's field name: `stakeholders`.
    pub name: &'a str,
    /// The common ancestor's records.
    pub base: &'a [T],
    /// Our records.
    pub ours: &'a [T],
    /// Their records.
    pub theirs: &'a [T],
}

fn by_id<'r, T>(records: &'r [T], id: &impl Fn(&T) -> &str) -> HashMap<&'r str, &'r T> {
    records.iter().map(|r| (id(r), r)).collect()
}

/// Merges a list by ids: our order, then their additions in their order. A
/// record one side removed and the other left alone is removed — unless `keep`
/// says it must stay (a line of a person whose removal did not go through).
pub fn merge_list<T: PartialEq>(
    list: &List<'_, T>,
    id: impl Fn(&T) -> &str,
    value: impl Fn(&T) -> Value,
    keep: impl Fn(&T) -> bool,
    conflicts: &mut Vec<Conflict>,
) -> Vec<Value> {
    let (base, ours, theirs) = (
        by_id(list.base, &id),
        by_id(list.ours, &id),
        by_id(list.theirs, &id),
    );
    let mut merged = Vec::with_capacity(list.ours.len().max(list.theirs.len()));
    let mut merge_one = |key: &str, merged: &mut Vec<Value>| {
        let (b, o, t) = (
            base.get(key).copied(),
            ours.get(key).copied(),
            theirs.get(key).copied(),
        );
        let chosen = if o == t || b == t {
            o.or_else(|| b.filter(|b| t.is_some() && keep(b)))
        } else if b == o {
            t.or_else(|| b.filter(|b| o.is_some() && keep(b)))
        } else {
            let as_value = |r: Option<&T>| r.map(&value);
            let (bv, ov, tv) = (as_value(b), as_value(o), as_value(t));
            merged.extend(merge_record(
                list.name,
                key,
                bv.as_ref(),
                ov.as_ref(),
                tv.as_ref(),
                conflicts,
            ));
            return;
        };
        merged.extend(chosen.map(&value));
    };
    for record in list.ours {
        merge_one(id(record), &mut merged);
    }
    for record in list.theirs {
        if !ours.contains_key(id(record)) {
            merge_one(id(record), &mut merged);
        }
    }
    merged
}
