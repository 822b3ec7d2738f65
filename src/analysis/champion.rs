//! The champion test (Miller Heiman's coach, MEDDICC's champion): a friendly
//! contact is 内线 only if they have power or credibility, access to the decision
//! maker, and a relationship deep enough that they act for us. A friend who cannot
//! get us in front of the decider is an information source, not a champion.

use super::exerted::Adviser;
use super::recency::Recency;
use super::structure::Structure;
use super::text::{name_of, tx};
use super::titles::Rank;
use crate::lang::Language;
use crate::model::{Coverage, Role};

/// The outcome of the test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// Passes every check.
    Pass,
    /// Passes some checks; test them in action before relying on them.
    Doubtful,
    /// Cannot do what a champion does.
    Fail,
}

impl Verdict {
    /// `pass`, `doubtful` or `fail`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Doubtful => "doubtful",
            Self::Fail => "fail",
        }
    }
}

/// One champion and how they fare.
#[derive(Clone, Debug, PartialEq)]
pub struct ChampionTest {
    /// The champion (index in the document).
    pub person: usize,
    /// The verdict.
    pub verdict: Verdict,
    /// Each check, passed or not, in words.
    pub reasons: Vec<String>,
    /// The checks not passed, in words (a subset of `reasons`).
    pub failed: Vec<String>,
    /// The decision maker they reach best, if any.
    pub reaches: Option<usize>,
}

/// Tests every person tagged champion against the decision makers.
pub fn champion_tests(
    structure: &Structure<'_>,
    decision_makers: &[usize],
    advisers: &[Adviser],
    ranks: &[Rank],
    recency: &Recency,
    language: Language,
) -> Vec<ChampionTest> {
    let doc = structure.doc;
    doc.stakeholders
        .iter()
        .enumerate()
        .filter(|(_, p)| p.role == Role::Champion)
        .map(|(i, person)| {
            let mut reasons = Vec::new();
            let mut checks: Vec<bool> = Vec::new();
            let mut passed = 0;
            let power = person.power.level();
            let rank = ranks.get(i).copied().unwrap_or(Rank::Staff);
            let credible = power >= 3 || rank >= Rank::Head;
            checks.push(credible);
            reasons.push(if credible {
                passed += 1;
                tx(language, format!("carries weight (power {power})"), format!("有分量（权力 {power}）"))
            } else {
                tx(
                    language,
                    format!("carries little weight (power {power}), so others may not follow"),
                    format!("分量不足（权力 {power}），说话未必有人听"),
                )
            });
            let reaches = access(structure, i, decision_makers);
            checks.push(reaches.is_some());
            reasons.push(match reaches.and_then(|d| doc.stakeholders.get(d)) {
                Some(dm) if decision_makers.contains(&i) => {
                    passed += 1;
                    let _ = dm;
                    tx(language, "is a decision maker".into(), "本人即决策者".into())
                }
                Some(dm) => {
                    passed += 1;
                    let who = name_of(dm, language);
                    tx(
                        language,
                        format!("can reach {who} through at most two strong, conflict-free relationships"),
                        format!("能通过不超过两层、无冲突的强关系接触到{who}"),
                    )
                }
                None => tx(
                    language,
                    "has no strong, conflict-free line to a decision maker (two steps at most)".into(),
                    "与决策者之间没有两层以内、无冲突的强关系".into(),
                ),
            });
            let coverage = recency.effective_coverage(person);
            checks.push(coverage == Coverage::InDepth);
            reasons.push(if coverage == Coverage::InDepth {
                passed += 1;
                tx(language, "we know them in depth".into(), "我方与其关系深入".into())
            } else {
                tx(
                    language,
                    "our relationship with them is not yet in depth (or has cooled)".into(),
                    "我方与其关系尚不够深（或已疏远）".into(),
                )
            });
            let fights_decider = decision_makers
                .iter()
                .copied()
                .find(|&d| structure.in_conflict(i, d));
            let clash = fights_decider.or_else(|| {
                advisers
                    .iter()
                    .filter(|a| structure.in_conflict(i, a.person))
                    .map(|a| a.person)
                    .next()
            });
            checks.push(clash.is_none());
            reasons.push(match clash.and_then(|c| doc.stakeholders.get(c)) {
                Some(other) => {
                    let who = name_of(other, language);
                    tx(
                        language,
                        format!("is in conflict with {who}, who has the decision maker's ear"),
                        format!("与{who}有冲突，而对方能左右决策者"),
                    )
                }
                None => {
                    passed += 1;
                    tx(
                        language,
                        "no conflict with the decision maker or their advisers".into(),
                        "与决策者及其亲信无冲突".into(),
                    )
                }
            });
            // No way to the decision maker, or a fight with them, and the champion
            // cannot do the job; a weaker relationship or a rift with an adviser
            // makes them doubtful.
            let failed: Vec<String> = reasons
                .iter()
                .zip(&checks)
                .filter(|(_, ok)| !**ok)
                .map(|(r, _)| r.clone())
                .collect();
            let verdict = match passed {
                4 => Verdict::Pass,
                _ if reaches.is_none() || fights_decider.is_some() => Verdict::Fail,
                _ => Verdict::Doubtful,
            };
            ChampionTest {
                person: i,
                verdict,
                reasons,
                failed,
                reaches,
            }
        })
        .collect()
}

/// The decision maker `person` reaches through at most two lines of strength 2 or
/// more, without passing anyone in conflict with that decision maker; themselves
/// when they are one. Linear in the lines of the two ends.
fn access(structure: &Structure<'_>, person: usize, decision_makers: &[usize]) -> Option<usize> {
    if decision_makers.contains(&person) {
        return Some(person);
    }
    let strong = |from: usize| -> std::collections::HashSet<usize> {
        structure
            .links
            .get(from)
            .into_iter()
            .flatten()
            .filter(|(_, strength, _)| *strength >= 2)
            .map(|(other, _, _)| *other)
            .collect()
    };
    let mine = strong(person);
    decision_makers.iter().copied().find(|&dm| {
        if structure.in_conflict(person, dm) {
            return false;
        }
        let theirs = strong(dm);
        mine.contains(&dm)
            || mine
                .iter()
                .any(|m| *m != dm && theirs.contains(m) && !structure.in_conflict(*m, dm))
    })
}
