//! Who decides, who approves, who guards a gate — inferred from the opportunity,
//! departments, titles and reporting lines, the way a sales coach reads a map.
//!
//! The business owner of a purchase is the function whose work the opportunity
//! changes (教务 → 教务处; 焊接/产线 → production; ERP/财务 → finance). The head of that
//! function decides (业务决策人); the executive above them, or holding that portfolio
//! (分管领导), approves (审批人); the heads of IT, security, procurement, finance,
//! legal, audit and staff representation are gates (技术把关、采购、财务 …): they can stop
//! a deal but rarely choose it. Nothing here counts people: knowing more people in
//! one department (often IT, the easy door) does not move the decision there.
//! Linear in people and lines.

use std::collections::HashMap;

use super::functions::{Function, deal_function, person_function};
use super::structure::Structure;
use super::titles::{Line, Rank, TitleReading, read_title};

/// A person's part in the decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DecisionKind {
    /// Heads the business owner of the purchase: chooses (业务决策人).
    Decider,
    /// Approves the decision: the executive above the decider or over the
    /// function, or named as approver of a decision step (审批人).
    Approver,
    /// Guards a gate: IT, security, procurement, finance, legal, audit, staff
    /// representatives (技术把关、采购、财务 …).
    Gate,
}

impl DecisionKind {
    /// The stable code used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Decider => "decider",
            Self::Approver => "approver",
            Self::Gate => "gate",
        }
    }
}

/// What the analysis knows of one person from their title and department.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PersonFacts {
    /// The function they work in (or oversee).
    pub function: Option<Function>,
    /// What their title says.
    pub title: TitleReading,
}

/// The buying centre of a deal.
#[derive(Clone, Debug, PartialEq)]
pub struct BuyingCenter {
    /// The function whose work the opportunity changes, when the text names one.
    pub owner: Option<Function>,
    /// Per person, in document order.
    pub facts: Vec<PersonFacts>,
    /// Per person, their part in the decision, if any.
    pub kinds: Vec<Option<DecisionKind>>,
    /// The inferred business decider(s), most senior first.
    pub deciders: Vec<usize>,
    /// The approvers, in document order.
    pub approvers: Vec<usize>,
    /// The gate keepers, in document order.
    pub gates: Vec<usize>,
}

impl BuyingCenter {
    /// The kind of the person at `index`.
    pub fn kind(&self, index: usize) -> Option<DecisionKind> {
        self.kinds.get(index).copied().flatten()
    }

    /// Whether the person at `index` approves (is in `approvers`).
    pub fn is_approver(&self, index: usize) -> bool {
        self.kind(index) == Some(DecisionKind::Approver)
    }

    /// Whether the person at `index` guards a gate (is in `gates`).
    pub fn is_gate(&self, index: usize) -> bool {
        self.kind(index) == Some(DecisionKind::Gate)
    }

    /// The facts of the person at `index`.
    pub fn facts(&self, index: usize) -> Option<&PersonFacts> {
        self.facts.get(index)
    }
}

/// Reads the buying centre of a map.
pub fn buying_center(structure: &Structure<'_>) -> BuyingCenter {
    let doc = structure.doc;
    // Reading a title means searching it for hundreds of keywords; an organisation
    // repeats its titles and departments, so each is read once.
    let mut functions: HashMap<(&str, &str), Option<Function>> = HashMap::new();
    let mut titles: HashMap<&str, TitleReading> = HashMap::new();
    let facts: Vec<PersonFacts> = doc
        .stakeholders
        .iter()
        .map(|p| PersonFacts {
            function: *functions
                .entry((p.department.as_str(), p.title.as_str()))
                .or_insert_with(|| person_function(&p.department, &p.title)),
            title: *titles
                .entry(p.title.as_str())
                .or_insert_with(|| read_title(&p.title)),
        })
        .collect();
    let owner = deal_function(&doc.account.opportunity);
    let n = facts.len();
    let mut kinds: Vec<Option<DecisionKind>> = vec![None; n];
    let power = |i: usize| doc.stakeholders.get(i).map_or(1, |p| p.power.level());
    let in_line = |i: usize| facts.get(i).is_some_and(|f| f.title.line == Line::Command);
    let rank = |i: usize| facts.get(i).map_or(Rank::Staff, |f| f.title.rank);
    // The most senior first; then power, then document order.
    let seniority_order = |a: &usize, b: &usize| {
        rank(*b)
            .cmp(&rank(*a))
            .then(power(*b).cmp(&power(*a)))
            .then(a.cmp(b))
    };

    let mut deciders = Vec::new();
    let mut approvers = Vec::new();
    if let Some(owner) = owner {
        let mut owners: Vec<usize> = (0..n)
            .filter(|&i| facts.get(i).and_then(|f| f.function) == Some(owner) && in_line(i))
            .collect();
        owners.sort_by(seniority_order);
        // Among heads, the one whose department the opportunity names (结构件 in
        // "结构件…产线改造" and 第二制造分厂（结构件）) comes first.
        let opportunity = doc.account.opportunity.to_lowercase();
        // Computed once per owner, not once per comparison.
        let overlaps: HashMap<usize, usize> = owners
            .iter()
            .map(|&i| {
                let terms = doc.stakeholders.get(i).map_or(0, |p| {
                    shared_terms(&opportunity, &format!("{} {}", p.department, p.title))
                });
                (i, terms)
            })
            .collect();
        let overlap = |i: usize| overlaps.get(&i).copied().unwrap_or(0);
        owners.sort_by(|a, b| {
            let head = |i: usize| (Rank::DeputyHead..=Rank::Head).contains(&rank(i));
            head(*b)
                .cmp(&head(*a))
                .then(overlap(*b).cmp(&overlap(*a)))
                .then(seniority_order(a, b))
        });
        // The head of the owning department decides; executives over it approve.
        // Staff and first-line managers do not choose a purchase: without a head
        // (or an executive) of the owning function on the map, nobody is inferred.
        let heads: Vec<usize> = owners
            .iter()
            .copied()
            .filter(|&i| (Rank::DeputyHead..=Rank::Head).contains(&rank(i)))
            .collect();
        let executives = owners.iter().copied().find(|&i| rank(i) >= Rank::Executive);
        let decider = heads.first().copied().or(executives);
        if let Some(decider) = decider {
            deciders.push(decider);
            approvers.extend(
                owners
                    .iter()
                    .copied()
                    .filter(|&i| rank(i) >= Rank::Executive && i != decider),
            );
            approvers.extend(executive_above(structure, decider, &rank));
        }
    }
    // No owner named: the most senior person in the line of command, from the
    // executive team up, is the default decider (the one who signs what nobody
    // else owns).
    if owner.is_none() {
        let top = (0..n)
            .filter(|&i| in_line(i) && rank(i) >= Rank::Executive)
            .min_by(seniority_order);
        deciders.extend(top);
    }
    // Approvers the team named in the decision process.
    let index = &structure.index;
    for step in &doc.account.decision_process {
        approvers.extend(
            step.approvers
                .iter()
                .filter_map(|id| index.get(id.as_str())),
        );
    }
    approvers.sort_unstable();
    approvers.dedup();
    approvers.retain(|a| !deciders.contains(a));

    // Gates: per gate function (other than the owner), its most senior person and
    // every executive holding that portfolio.
    let mut by_function: HashMap<Function, Vec<usize>> = HashMap::new();
    for (i, f) in facts.iter().enumerate() {
        if let Some(function) = f.function
            && function.is_gate()
            && Some(function) != owner
            && f.title.line != Line::Staff
        {
            by_function.entry(function).or_default().push(i);
        }
    }
    let mut gates = Vec::new();
    for members in by_function.values_mut() {
        members.sort_by(seniority_order);
        gates.extend(
            members
                .iter()
                .copied()
                .find(|&i| (Rank::Section..Rank::Executive).contains(&rank(i))),
        );
        gates.extend(
            members
                .iter()
                .copied()
                .filter(|&i| rank(i) >= Rank::Executive),
        );
    }
    gates.sort_unstable();
    gates.dedup();
    // Both sorted: membership by binary search keeps this n log n.
    gates.retain(|g| !deciders.contains(g) && approvers.binary_search(g).is_err());

    for &g in &gates {
        if let Some(slot) = kinds.get_mut(g) {
            *slot = Some(DecisionKind::Gate);
        }
    }
    for &a in &approvers {
        if let Some(slot) = kinds.get_mut(a) {
            *slot = Some(DecisionKind::Approver);
        }
    }
    for &d in &deciders {
        if let Some(slot) = kinds.get_mut(d) {
            *slot = Some(DecisionKind::Decider);
        }
    }
    BuyingCenter {
        owner,
        facts,
        kinds,
        deciders,
        approvers,
        gates,
    }
}

/// Generic two-character terms that say nothing about which unit is meant.
const GENERIC_TERMS: &[&str] = &[
    "部长", "主任", "处长", "中心", "公司", "集团", "项目", "建设", "系统", "管理", "平台", "改造",
    "智能", "一期", "二期", "三期", "新一", "一代", "经理", "总监", "领导", "办公", "公室",
];

/// How many distinctive terms two texts share: two-character runs of Chinese and
/// English words of four letters or more.
fn shared_terms(opportunity: &str, unit: &str) -> usize {
    let unit = unit.to_lowercase();
    let chars: Vec<char> = opportunity.chars().collect();
    let mut seen = std::collections::HashSet::new();
    for pair in chars.windows(2) {
        if let [a, b] = pair
            && is_cjk(*a)
            && is_cjk(*b)
        {
            let term: String = [*a, *b].iter().collect();
            if !GENERIC_TERMS.contains(&term.as_str()) && unit.contains(&term) {
                seen.insert(term);
            }
        }
    }
    for word in opportunity.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.len() >= 4 && unit.contains(word) {
            seen.insert(word.to_owned());
        }
    }
    seen.len()
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The first executive (or the top) above `person` in the reporting lines, walking
/// up at most a few levels: the person who signs off their decisions.
fn executive_above(
    structure: &Structure<'_>,
    person: usize,
    rank: &impl Fn(usize) -> Rank,
) -> Option<usize> {
    let mut at = person;
    // A handful of levels: a decider's sign-off is rarely further up than that, and
    // the walk stays constant-time per person.
    for _ in 0..4 {
        let manager = structure.managers.get(at).and_then(|m| {
            m.iter()
                .copied()
                .max_by_key(|&m| (rank(m), std::cmp::Reverse(m)))
        })?;
        if rank(manager) >= Rank::Executive {
            return Some(manager);
        }
        at = manager;
    }
    None
}
