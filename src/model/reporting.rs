//! Cycles among reporting lines, found without quadratic searches: which lines
//! of a batch can be added, in order, without closing a cycle.
//!
//! People are numbered `0..count` and a line `(from, to)` means `from` reports
//! to `to`. A line can only ever close a cycle between people of one strongly
//! connected component of all the lines together, so one pass of Tarjan's
//! algorithm settles every other line at once. A component that is a single
//! loop loses exactly its last line; only a component in which cycles overlap is
//! searched line by line, and then only within itself — and when the fixed lines
//! form a tree, a line whose manager is below its person through them is found
//! without a search.

/// For each line of `added`, in order, whether it is added: `false` when it would
/// close a cycle with the `fixed` lines and the lines added before it.
pub fn acyclic_additions(
    count: usize,
    fixed: &[(usize, usize)],
    added: &[(usize, usize)],
) -> Vec<bool> {
    let all: Vec<(usize, usize)> = fixed.iter().chain(added).copied().collect();
    let component = strongly_connected(count, &all);
    let same = |(from, to): (usize, usize)| {
        from == to
            || matches!((component.get(from), component.get(to)), (Some(a), Some(b)) if a == b)
    };
    let mut keep = vec![true; added.len()];
    // Lines inside each component, and whether it is a single loop: as many lines
    // inside as people.
    let mut people = vec![0usize; count];
    for &c in &component {
        if let Some(n) = people.get_mut(c) {
            *n += 1;
        }
    }
    let mut lines = vec![0usize; count];
    for &line in &all {
        if same(line)
            && let Some(n) = component.get(line.0).and_then(|&c| lines.get_mut(c))
        {
            *n += 1;
        }
    }
    let is_loop = |c: usize| lines.get(c) == people.get(c);
    // A loop closes with its last added line.
    let mut last_in_loop: Vec<Option<usize>> = vec![None; count];
    let mut tangled = Vec::new();
    for (index, &line) in added.iter().enumerate() {
        if line.0 == line.1 {
            if let Some(k) = keep.get_mut(index) {
                *k = false;
            }
            continue;
        }
        if !same(line) {
            continue;
        }
        let c = component.get(line.0).copied().unwrap_or(0);
        if is_loop(c) {
            if let Some(last) = last_in_loop.get_mut(c) {
                *last = Some(index);
            }
        } else {
            tangled.push(index);
        }
    }
    for index in last_in_loop.into_iter().flatten() {
        if let Some(k) = keep.get_mut(index) {
            *k = false;
        }
    }
    if !tangled.is_empty() {
        search_in_order(count, fixed, added, &component, &tangled, &mut keep);
    }
    keep
}

/// The lines of `added` listed in `tangled` (inside components where cycles
/// overlap), checked in order: a line is kept unless its manager already
/// reaches its person through lines inside their component.
fn search_in_order(
    count: usize,
    fixed: &[(usize, usize)],
    added: &[(usize, usize)],
    component: &[usize],
    tangled: &[usize],
    keep: &mut [bool],
) {
    let inside = |(from, to): (usize, usize)| component.get(from) == component.get(to);
    let mut managers: Vec<Vec<usize>> = vec![Vec::new(); count];
    let push = |managers: &mut Vec<Vec<usize>>, (from, to): (usize, usize)| {
        if let Some(list) = managers.get_mut(from) {
            list.push(to);
        }
    };
    for &line in fixed.iter().filter(|l| inside(**l)) {
        push(&mut managers, line);
    }
    // When the fixed lines give everyone at most one manager, whether a manager
    // is above someone through them alone is read from a tree walk, without a
    // search: a file that names people's own reports as their managers costs
    // linear time however long the chains between them.
    let above = FixedTree::new(&managers);
    // Lines outside tangled components never matter to the search; lines inside
    // them are added in order as they are kept.
    let mut stamp = vec![0usize; count];
    let mut next = tangled.iter().peekable();
    for (index, &line) in added.iter().enumerate() {
        if next.peek() == Some(&&index) {
            next.next();
            let (from, to) = line;
            let closes = above.as_ref().is_some_and(|tree| tree.is_above(from, to))
                || reaches(&managers, &mut stamp, index + 1, to, from);
            if closes {
                if let Some(k) = keep.get_mut(index) {
                    *k = false;
                }
                continue;
            }
        }
        if keep.get(index) == Some(&true) && inside(line) {
            push(&mut managers, line);
        }
    }
}

/// The fixed reporting lines as a forest, when they are one: each person's
/// place in a depth-first walk from the top, so that "is `a` above `b`" is two
/// comparisons.
struct FixedTree {
    /// When each person is entered and left in the walk.
    enter: Vec<usize>,
    leave: Vec<usize>,
}

impl FixedTree {
    /// The forest of `managers`, or `None` when someone has two managers or the
    /// lines hold a cycle.
    fn new(managers: &[Vec<usize>]) -> Option<Self> {
        let count = managers.len();
        let mut reports: Vec<Vec<usize>> = vec![Vec::new(); count];
        let mut tops = Vec::new();
        for (person, list) in managers.iter().enumerate() {
            match list.as_slice() {
                [] => tops.push(person),
                [manager] => reports.get_mut(*manager)?.push(person),
                _ => return None,
            }
        }
        let (mut enter, mut leave) = (vec![usize::MAX; count], vec![0usize; count]);
        let mut clock = 0;
        // (person, whether their reports were pushed)
        let mut stack: Vec<(usize, bool)> = tops.into_iter().rev().map(|t| (t, false)).collect();
        while let Some((person, done)) = stack.pop() {
            if done {
                set(&mut leave, person, clock);
                continue;
            }
            set(&mut enter, person, clock);
            clock += 1;
            stack.push((person, true));
            for &report in reports.get(person).map_or(&[][..], Vec::as_slice) {
                stack.push((report, false));
            }
        }
        // People in a cycle are reached from no top.
        enter
            .iter()
            .all(|&e| e != usize::MAX)
            .then_some(Self { enter, leave })
    }

    /// Whether `upper` is above `lower` (or is `lower`) through the fixed lines.
    fn is_above(&self, upper: usize, lower: usize) -> bool {
        match (
            self.enter.get(upper),
            self.leave.get(upper),
            self.enter.get(lower),
        ) {
            (Some(&enter), Some(&leave), Some(&at)) => enter <= at && at < leave,
            _ => false,
        }
    }
}

/// Whether `target` is reached from `start` by following `managers`; `stamp`
/// marks the people seen in this search with `mark` (fresh for each search).
fn reaches(
    managers: &[Vec<usize>],
    stamp: &mut [usize],
    mark: usize,
    start: usize,
    target: usize,
) -> bool {
    let mut stack = vec![start];
    if let Some(s) = stamp.get_mut(start) {
        *s = mark;
    }
    while let Some(person) = stack.pop() {
        if person == target {
            return true;
        }
        for &next in managers.get(person).map_or(&[][..], Vec::as_slice) {
            if let Some(s) = stamp.get_mut(next)
                && *s != mark
            {
                *s = mark;
                stack.push(next);
            }
        }
    }
    false
}

/// The strongly connected component of each person (Tarjan's algorithm, without
/// recursion so that a chain of 100,000 people cannot overflow the stack).
/// Lines with an end outside `0..count` are ignored.
pub fn strongly_connected(count: usize, lines: &[(usize, usize)]) -> Vec<usize> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); count];
    for &(from, to) in lines {
        if to < count
            && let Some(list) = out.get_mut(from)
        {
            list.push(to);
        }
    }
    const UNSEEN: usize = usize::MAX;
    let mut index = vec![UNSEEN; count];
    let mut low = vec![0usize; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNSEEN; count];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    // (person, how many of their lines were followed)
    let mut calls: Vec<(usize, usize)> = Vec::new();
    for root in 0..count {
        if index.get(root) != Some(&UNSEEN) {
            continue;
        }
        calls.push((root, 0));
        while let Some(&(person, followed)) = calls.last() {
            if followed == 0 && index.get(person) == Some(&UNSEEN) {
                set(&mut index, person, next_index);
                set(&mut low, person, next_index);
                next_index += 1;
                stack.push(person);
                set(&mut on_stack, person, true);
            }
            let lines_out = out.get(person).map_or(&[][..], Vec::as_slice);
            if let Some(&next) = lines_out.get(followed) {
                if let Some(top) = calls.last_mut() {
                    top.1 += 1;
                }
                if index.get(next) == Some(&UNSEEN) {
                    calls.push((next, 0));
                } else if on_stack.get(next) == Some(&true) {
                    let lowest = value(&low, person).min(value(&index, next));
                    set(&mut low, person, lowest);
                }
                continue;
            }
            calls.pop();
            if let Some(&(caller, _)) = calls.last() {
                let lowest = value(&low, caller).min(value(&low, person));
                set(&mut low, caller, lowest);
            }
            if low.get(person) == index.get(person) {
                while let Some(member) = stack.pop() {
                    set(&mut on_stack, member, false);
                    set(&mut component, member, next_component);
                    if member == person {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

fn value(values: &[usize], at: usize) -> usize {
    values.get(at).copied().unwrap_or(0)
}

fn set<T>(values: &mut [T], at: usize, value: T) {
    if let Some(slot) = values.get_mut(at) {
        *slot = value;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The additions as checked one by one over the whole graph.
    fn reference(count: usize, fixed: &[(usize, usize)], added: &[(usize, usize)]) -> Vec<bool> {
        let mut managers: Vec<Vec<usize>> = vec![Vec::new(); count];
        for &(from, to) in fixed {
            managers[from].push(to);
        }
        let mut stamp = vec![0; count];
        added
            .iter()
            .enumerate()
            .map(|(i, &(from, to))| {
                let closes = from == to || reaches(&managers, &mut stamp, i + 1, to, from);
                if !closes {
                    managers[from].push(to);
                }
                !closes
            })
            .collect()
    }

    #[test]
    fn a_loop_loses_its_last_line_only() {
        // 0 → 1 → 2 → 0, added in the order 1→2, 2→0, 0→1.
        let keep = acyclic_additions(3, &[], &[(1, 2), (2, 0), (0, 1)]);
        assert_eq!(keep, [true, true, false]);
        // A fixed line makes the loop close earlier.
        let keep = acyclic_additions(3, &[(0, 1)], &[(1, 2), (2, 0)]);
        assert_eq!(keep, [true, false]);
    }

    #[test]
    fn a_long_loop_costs_linear_time() {
        let n = 100_000;
        let mut added: Vec<(usize, usize)> = vec![(0, n - 1)];
        added.extend((1..n).map(|i| (i, i - 1)));
        let keep = acyclic_additions(n, &[], &added);
        assert_eq!(keep.iter().filter(|k| !**k).count(), 1);
        assert!(!keep[n - 1]);
    }

    #[test]
    fn components_of_a_chain_with_a_loop_at_its_end() {
        let component = strongly_connected(4, &[(0, 1), (1, 2), (2, 3), (3, 2)]);
        assert_eq!(component[2], component[3]);
        assert_ne!(component[0], component[1]);
        assert_ne!(component[1], component[2]);
    }

    #[test]
    fn naming_reports_as_managers_along_a_long_chain_costs_linear_time() {
        // Fixed: i reports to i - 1. Added: i reports to i + n/2, below them.
        let n = 100_000;
        let fixed: Vec<(usize, usize)> = (1..n).map(|i| (i, i - 1)).collect();
        let added: Vec<(usize, usize)> = (0..n / 2).map(|i| (i, i + n / 2)).collect();
        let keep = acyclic_additions(n, &fixed, &added);
        assert!(keep.iter().all(|k| !k));
    }

    #[test]
    fn a_fixed_tree_knows_who_is_above_whom() {
        // 1 and 2 report to 0, 3 to 1.
        let managers = vec![vec![], vec![0], vec![0], vec![1]];
        let tree = FixedTree::new(&managers).unwrap();
        assert!(tree.is_above(0, 3) && tree.is_above(1, 3) && tree.is_above(3, 3));
        assert!(!tree.is_above(2, 3) && !tree.is_above(3, 1));
        assert!(FixedTree::new(&[vec![1], vec![0]]).is_none());
        assert!(FixedTree::new(&[vec![], vec![], vec![0, 1]]).is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        #[test]
        fn additions_are_those_of_checking_each_line_in_turn(
            fixed in proptest::collection::vec((0..8usize, 0..8usize), 0..10),
            added in proptest::collection::vec((0..8usize, 0..8usize), 0..16),
        ) {
            let fixed: Vec<(usize, usize)> = fixed.into_iter().filter(|(a, b)| a != b).collect();
            prop_assert_eq!(acyclic_additions(8, &fixed, &added), reference(8, &fixed, &added));
        }

        #[test]
        fn additions_over_a_tree_of_fixed_lines_are_those_of_checking_each_in_turn(
            managers in proptest::collection::vec(proptest::option::of(0..10usize), 10),
            added in proptest::collection::vec((0..10usize, 0..10usize), 0..16),
        ) {
            // Each person reports to at most one person with a lower number.
            let fixed: Vec<(usize, usize)> = managers
                .iter()
                .enumerate()
                .filter_map(|(i, m)| m.filter(|m| *m < i).map(|m| (i, m)))
                .collect();
            prop_assert_eq!(acyclic_additions(10, &fixed, &added), reference(10, &fixed, &added));
        }
    }
}
