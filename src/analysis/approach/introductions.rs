//! Introductions that respect reality: to people we do not yet cover, through
//! people the target can trust — never through someone in conflict with the target
//! or with the target's adviser, and never to someone we already know well.

use super::profile::Profile;

/// Most people one step asks an introduction to.
const MAX_INTRODUCTIONS: usize = 3;

/// Who should introduce us to this person: the one before them on the analysis's
/// path to power (paths already avoid conflicts), else the supportive neighbour
/// with the strongest line whom this person and their advisers are not in conflict
/// with.
pub fn introducer(profile: &Profile<'_>) -> Option<usize> {
    let on_path = profile
        .analysis
        .paths
        .iter()
        .find(|p| p.to == profile.index)
        .and_then(|p| {
            let before = p.people.len().checked_sub(2)?;
            p.people.get(before).copied()
        })
        .filter(|&u| profile.can_introduce(u));
    on_path.or_else(|| {
        profile
            .neighbours
            .iter()
            .filter(|(u, _)| profile.can_introduce(*u))
            .max_by_key(|(u, strength)| {
                let ours = profile.other(*u).is_some_and(|p| {
                    p.stance.is_supportive() || p.role == crate::model::Role::Champion
                });
                (ours, *strength, std::cmp::Reverse(*u))
            })
            .map(|(u, _)| *u)
    })
}

/// Whom this person could introduce us to: their managers who are not yet on our
/// side and whom we do not cover yet, and the decision makers on whose path to
/// power they stand last — leaving out anyone they are in conflict with, or whose
/// adviser they are in conflict with. At most a few, most senior first.
pub fn introductions_from(profile: &Profile<'_>) -> Vec<usize> {
    let me = profile.index;
    // Targets whose adviser (an influence line of strength 2 or more) this person
    // is in conflict with: one pass over the lines.
    let by_id = super::profile::people_by_id(profile.doc);
    let mut adviser_clash: std::collections::HashSet<usize> = std::collections::HashSet::new();
    for line in &profile.doc.relationships {
        if line.kind == crate::model::RelationshipKind::Influences
            && line.strength.level() >= 2
            && let (Some(&from), Some(&to)) = (by_id.get(&line.from), by_id.get(&line.to))
            && profile.conflicts.contains(&from)
        {
            adviser_clash.insert(to);
        }
    }
    let open = |target: usize| {
        target != me
            && !profile.covered(target)
            && !profile.conflicts.contains(&target)
            && !adviser_clash.contains(&target)
    };
    let mut found: Vec<usize> = profile
        .managers
        .iter()
        .copied()
        .filter(|&m| open(m) && profile.other(m).is_some_and(|p| !p.stance.is_supportive()))
        .collect();
    for path in &profile.analysis.paths {
        let introducer = path
            .people
            .len()
            .checked_sub(2)
            .and_then(|i| path.people.get(i));
        if introducer == Some(&me) && open(path.to) && !found.contains(&path.to) {
            found.push(path.to);
        }
    }
    let rank = |i: usize| profile.analysis.buying.facts(i).map(|f| f.title.rank);
    found.sort_by_key(|&i| (std::cmp::Reverse(rank(i)), i));
    found.truncate(MAX_INTRODUCTIONS);
    found
}
