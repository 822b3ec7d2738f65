//! The new people as a forest, cut into pieces small enough to lay out.

use std::collections::HashMap;

use super::{MAX_BLOCK_SLOTS, MAX_PIECE_LEVELS, Manager};
use crate::model::Position;

/// The new people as trees: reports of each, roots in order, people without
/// lines.
pub(super) struct Forest {
    reports: Vec<Vec<usize>>,
    /// People with reports and no new manager, in order.
    roots: Vec<usize>,
    /// People with neither reports nor a new manager, and people in cycles.
    pub(super) lone: Vec<usize>,
    /// The manager on the map of each root, if placed.
    anchors: Vec<Option<Position>>,
    /// Everyone reachable from the roots, each before their reports.
    order: Vec<usize>,
}

impl Forest {
    pub(super) fn new(manager: &[Option<Manager>]) -> Self {
        let count = manager.len();
        let mut reports: Vec<Vec<usize>> = vec![Vec::new(); count];
        let mut anchors = vec![None; count];
        let mut tops = Vec::new();
        for (person, boss) in manager.iter().enumerate() {
            match boss {
                Some(Manager::New(boss)) if *boss < count && *boss != person => {
                    if let Some(list) = reports.get_mut(*boss) {
                        list.push(person);
                    }
                }
                Some(Manager::Placed(at)) if at.x.is_finite() && at.y.is_finite() => {
                    if let Some(slot) = anchors.get_mut(person) {
                        *slot = Some(*at);
                    }
                    tops.push(person);
                }
                _ => tops.push(person),
            }
        }
        // A person placed below a manager on the map is a tree even alone.
        let (roots, mut lone): (Vec<usize>, Vec<usize>) = tops.into_iter().partition(|p| {
            reports.get(*p).is_some_and(|list| !list.is_empty())
                || anchors.get(*p).is_some_and(Option::is_some)
        });
        let order = pre_order(&reports, &roots);
        // People in a cycle are reached from no root: placed as if alone.
        let mut placed = vec![false; count];
        for person in order.iter().chain(&lone) {
            if let Some(flag) = placed.get_mut(*person) {
                *flag = true;
            }
        }
        lone.extend((0..count).filter(|p| !placed.get(*p).copied().unwrap_or(true)));
        lone.sort_unstable();
        Self {
            reports,
            roots,
            lone,
            anchors,
            order,
        }
    }

    pub(super) fn reports_of(&self, person: usize) -> &[usize] {
        self.reports.get(person).map_or(&[][..], Vec::as_slice)
    }

    pub(super) fn anchor_of(&self, root: usize) -> Option<Position> {
        self.anchors.get(root).copied().flatten()
    }

    /// Cuts the trees into pieces no deeper than [`MAX_PIECE_LEVELS`] and no wider
    /// than [`MAX_BLOCK_SLOTS`]: a report that would go deeper or wider starts a
    /// piece of its own.
    pub(super) fn pieces(&self) -> Pieces {
        let count = self.reports.len();
        let mut cut = vec![false; count];
        let mut depth = vec![0usize; count];
        for person in &self.order {
            let below = depth.get(*person).copied().unwrap_or(0) + 1;
            for report in self.reports_of(*person) {
                let starts_piece = below >= MAX_PIECE_LEVELS;
                if let (Some(d), Some(c)) = (depth.get_mut(*report), cut.get_mut(*report)) {
                    *d = if starts_piece { 0 } else { below };
                    *c = starts_piece;
                }
            }
        }
        let mut width = vec![1usize; count];
        for person in self.order.iter().rev() {
            let mut sum = 0usize;
            for report in self.reports_of(*person) {
                if cut.get(*report).copied().unwrap_or(true) {
                    continue;
                }
                let w = width.get(*report).copied().unwrap_or(1);
                if sum + w > MAX_BLOCK_SLOTS {
                    if let Some(c) = cut.get_mut(*report) {
                        *c = true;
                    }
                } else {
                    sum += w;
                }
            }
            if let Some(slot) = width.get_mut(*person) {
                *slot = sum.max(1);
            }
        }
        // Pieces in the order of their roots, each tree's pieces after it.
        let mut tree = vec![usize::MAX; count];
        let mut roots = Vec::new();
        let mut order_of = vec![usize::MAX; count];
        for &root in &self.roots {
            if let Some(t) = tree.get_mut(root) {
                *t = root;
            }
        }
        for person in &self.order {
            let is_root = tree.get(*person) == Some(person) || cut.get(*person) == Some(&true);
            if is_root {
                if let Some(o) = order_of.get_mut(*person) {
                    *o = roots.len();
                }
                roots.push(*person);
            }
            let own_tree = tree.get(*person).copied().unwrap_or(usize::MAX);
            for report in self.reports_of(*person) {
                if let Some(t) = tree.get_mut(*report) {
                    *t = own_tree;
                }
            }
        }
        Pieces {
            roots,
            cut,
            width,
            tree,
            order_of,
        }
    }
}

/// The trees cut into pieces.
pub(super) struct Pieces {
    /// The root of every piece, in order.
    pub(super) roots: Vec<usize>,
    /// Whether a person starts a piece (their manager is in another).
    cut: Vec<bool>,
    /// The slots of each person's subtree within their piece.
    width: Vec<usize>,
    /// The root of each person's whole tree.
    tree: Vec<usize>,
    /// The place of each piece root in `roots`.
    order_of: Vec<usize>,
}

impl Pieces {
    pub(super) fn tree_of(&self, person: usize) -> usize {
        self.tree.get(person).copied().unwrap_or(person)
    }

    pub(super) fn order_of(&self, root: usize) -> usize {
        self.order_of.get(root).copied().unwrap_or(usize::MAX)
    }

    pub(super) fn width_of(&self, person: usize) -> usize {
        self.width.get(person).copied().unwrap_or(1)
    }

    /// The reports of `person` in the same piece.
    pub(super) fn reports_in_piece<'a>(
        &'a self,
        forest: &'a Forest,
        person: usize,
    ) -> impl Iterator<Item = usize> + 'a {
        forest
            .reports_of(person)
            .iter()
            .copied()
            .filter(|r| !self.cut.get(*r).copied().unwrap_or(true))
    }
}

/// The pieces of each tree under a manager on the map, grouped by that manager
/// (by position), in the order the first of them appears.
pub(super) fn anchored_groups(forest: &Forest, pieces: &Pieces) -> Vec<(Position, Vec<usize>)> {
    let mut groups: Vec<(Position, Vec<usize>)> = Vec::new();
    let mut by_anchor: HashMap<(u64, u64), usize> = HashMap::new();
    for &root in &pieces.roots {
        let Some(anchor) = forest.anchor_of(pieces.tree_of(root)) else {
            continue;
        };
        let key = (anchor.x.to_bits(), anchor.y.to_bits());
        let index = *by_anchor.entry(key).or_insert_with(|| {
            groups.push((anchor, Vec::new()));
            groups.len() - 1
        });
        if let Some((_, list)) = groups.get_mut(index) {
            list.push(root);
        }
    }
    groups
}

/// Nodes of the trees under `roots`, each before their reports.
fn pre_order(reports: &[Vec<usize>], roots: &[usize]) -> Vec<usize> {
    let mut order = Vec::with_capacity(reports.len());
    let mut seen = vec![false; reports.len()];
    let mut stack: Vec<usize> = roots.iter().rev().copied().collect();
    while let Some(node) = stack.pop() {
        match seen.get_mut(node) {
            Some(flag) if !*flag => *flag = true,
            _ => continue,
        }
        order.push(node);
        if let Some(list) = reports.get(node) {
            stack.extend(list.iter().rev());
        }
    }
    order
}
