//! The report as JSON, written straight from the analysis. Building a JSON tree
//! first (an object per person in the influence ranking) took longer than the
//! analysis itself at 100,000 people; these borrowed records serialise to the same
//! text, field for field and in the same order.

use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};

use super::functions::Area;
use super::{Analysis, Level};
use crate::model::Document;

/// The whole report, in the order of its fields in the JSON.
#[derive(Serialize)]
pub struct Report<'a> {
    account: AccountPart<'a>,
    date: String,
    language: &'static str,
    health: HealthPart<'a>,
    stage_focus: FocusPart<'a>,
    influence: Influence<'a>,
    decision_makers: Vec<CandidatePart<'a>>,
    buying_center: BuyingPart<'a>,
    champions: Vec<ChampionPart<'a>>,
    coverage: Vec<CellPart<'a>>,
    hidden_influencers: Vec<HiddenPart<'a>>,
    risks: Vec<RiskPart<'a>>,
    paths: Vec<PathPart<'a>>,
    open_actions: Vec<ActionPart<'a>>,
}

#[derive(Serialize)]
struct AccountPart<'a> {
    name: &'a str,
    stage: &'static str,
}

#[derive(Serialize)]
struct HealthPart<'a> {
    level: &'static str,
    reason: &'a str,
    ids: Ids<'a>,
}

#[derive(Serialize)]
struct FocusPart<'a> {
    stage: &'static str,
    headline: &'a str,
    ids: Ids<'a>,
}

#[derive(Serialize)]
struct CandidatePart<'a> {
    id: &'a str,
    name: &'a str,
    score: f64,
    kind: &'static str,
    likelihood: &'static str,
    reasons: &'a [String],
}

#[derive(Serialize)]
struct BuyingPart<'a> {
    owner: Option<&'static str>,
    deciders: Ids<'a>,
    approvers: Ids<'a>,
    gates: Ids<'a>,
}

#[derive(Serialize)]
struct ChampionPart<'a> {
    id: &'a str,
    name: &'a str,
    verdict: &'static str,
    reasons: &'a [String],
}

#[derive(Serialize)]
struct CellPart<'a> {
    level: &'static str,
    function: &'static str,
    ids: Ids<'a>,
    covered: Ids<'a>,
}

#[derive(Serialize)]
struct HiddenPart<'a> {
    id: &'a str,
    name: &'a str,
    structural_level: u8,
    power: u8,
    moves: Ids<'a>,
    why: &'a str,
}

#[derive(Serialize)]
struct RiskPart<'a> {
    code: &'static str,
    title: &'static str,
    severity: &'static str,
    ids: Ids<'a>,
    message: &'a str,
    action: &'a str,
}

#[derive(Serialize)]
struct PathPart<'a> {
    to: &'a str,
    ids: Ids<'a>,
    lines: Vec<&'a str>,
}

#[derive(Serialize)]
struct ActionPart<'a> {
    id: &'a str,
    name: &'a str,
    text: &'a str,
    due: Option<String>,
    overdue: bool,
}

#[derive(Serialize)]
struct InfluencePart<'a> {
    id: &'a str,
    name: &'a str,
    score: f64,
}

/// Every person's id and name, one after another in document order in one text.
/// The report names people in the order of their influence and in long lists;
/// read from the people themselves, each name cost up to three cache misses at
/// 100,000 people (the person, the id, the name), read from here about one.
pub struct Labels {
    text: String,
    /// Where person `i`'s id starts (`2 i`) and their name starts (`2 i + 1`);
    /// one more entry at the end.
    starts: Vec<usize>,
}

impl Labels {
    /// The ids and names of `doc`'s people.
    pub fn of(doc: &Document) -> Self {
        let bytes: usize = doc
            .stakeholders
            .iter()
            .map(|p| p.id.as_str().len() + p.name.len())
            .sum();
        let mut text = String::with_capacity(bytes);
        let mut starts = Vec::with_capacity(doc.stakeholders.len() * 2 + 1);
        for person in &doc.stakeholders {
            starts.push(text.len());
            text.push_str(person.id.as_str());
            starts.push(text.len());
            text.push_str(&person.name);
        }
        starts.push(text.len());
        Self { text, starts }
    }

    /// Text number `at` (an id or a name); empty past the end.
    fn part(&self, at: usize) -> &str {
        match (self.starts.get(at), self.starts.get(at + 1)) {
            (Some(&start), Some(&end)) => self.text.get(start..end).unwrap_or(""),
            _ => "",
        }
    }

    /// Person `person`'s id; empty for no such person.
    fn id(&self, person: usize) -> &str {
        person.checked_mul(2).map_or("", |at| self.part(at))
    }

    /// Person `person`'s name; empty for no such person.
    fn name(&self, person: usize) -> &str {
        person
            .checked_mul(2)
            .and_then(|at| at.checked_add(1))
            .map_or("", |at| self.part(at))
    }
}

/// The ids of people, written as a list without collecting them first.
struct Ids<'a> {
    labels: &'a Labels,
    people: &'a [usize],
}

impl Serialize for Ids<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut list = serializer.serialize_seq(Some(self.people.len()))?;
        for &person in self.people {
            list.serialize_element(self.labels.id(person))?;
        }
        list.end()
    }
}

/// Everyone by influence, written one by one.
struct Influence<'a> {
    labels: &'a Labels,
    analysis: &'a Analysis,
}

impl Serialize for Influence<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let ranking = &self.analysis.ranking;
        let mut list = serializer.serialize_seq(Some(ranking.len()))?;
        for &person in ranking {
            list.serialize_element(&InfluencePart {
                id: self.labels.id(person),
                name: self.labels.name(person),
                score: round4(self.analysis.influence.get(person).copied().unwrap_or(0.0)),
            })?;
        }
        list.end()
    }
}

/// Rounds a score so reports do not depend on the last bits of floating point.
pub fn round4(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

/// The report of `analysis` on `doc`, ready to serialise; `labels` are
/// `Labels::of(doc)`.
pub fn report<'a>(doc: &'a Document, analysis: &'a Analysis, labels: &'a Labels) -> Report<'a> {
    let language = analysis.options.language;
    let ids = |people: &'a [usize]| Ids { labels, people };
    let id = |person: usize| labels.id(person);
    let name = |person: usize| labels.name(person);
    Report {
        account: AccountPart {
            name: &doc.account.name,
            stage: doc.account.stage.as_str(),
        },
        date: analysis.options.today.to_string(),
        language: super::report::language_code(language),
        health: HealthPart {
            level: analysis.health.level.as_str(),
            reason: &analysis.health.reason,
            ids: ids(&analysis.health.supporters),
        },
        stage_focus: FocusPart {
            stage: analysis.focus.stage.as_str(),
            headline: &analysis.focus.headline,
            ids: ids(&analysis.focus.people),
        },
        influence: Influence { labels, analysis },
        decision_makers: analysis
            .decision_makers
            .iter()
            .map(|c| CandidatePart {
                id: id(c.person),
                name: name(c.person),
                score: round4(c.score),
                kind: c.kind_code(),
                likelihood: super::likelihood(c.score, language),
                reasons: &c.reasons,
            })
            .collect(),
        buying_center: BuyingPart {
            owner: analysis.buying.owner.map(|f| f.as_str()),
            deciders: ids(&analysis.buying.deciders),
            approvers: ids(&analysis.buying.approvers),
            gates: ids(&analysis.buying.gates),
        },
        champions: analysis
            .champions
            .iter()
            .map(|t| ChampionPart {
                id: id(t.person),
                name: name(t.person),
                verdict: t.verdict.as_str(),
                reasons: &t.reasons,
            })
            .collect(),
        coverage: Level::ALL
            .iter()
            .flat_map(|&level| Area::ALL.iter().map(move |&area| (level, area)))
            .filter_map(|(level, area)| {
                let cell = analysis.coverage.cell(level, area)?;
                Some(CellPart {
                    level: level.as_str(),
                    function: area.as_str(),
                    ids: ids(&cell.people),
                    covered: ids(&cell.covered),
                })
            })
            .collect(),
        hidden_influencers: analysis
            .hidden_influencers
            .iter()
            .map(|h| HiddenPart {
                id: id(h.person),
                name: name(h.person),
                structural_level: h.structural_level,
                power: h.recorded_power,
                moves: ids(&h.moves),
                why: &h.why,
            })
            .collect(),
        risks: analysis
            .risks
            .iter()
            .map(|r| RiskPart {
                code: r.code.as_str(),
                title: r.code.title(language),
                severity: r.severity.as_str(),
                ids: ids(&r.people),
                message: &r.message,
                action: &r.action,
            })
            .collect(),
        paths: analysis
            .paths
            .iter()
            .map(|p| PathPart {
                to: id(p.to),
                ids: ids(&p.people),
                lines: p.lines.iter().map(|l| l.as_str()).collect(),
            })
            .collect(),
        open_actions: analysis
            .actions
            .iter()
            .map(|a| ActionPart {
                id: id(a.person),
                name: name(a.person),
                text: &a.text,
                due: a.due.map(|d| d.to_string()),
                overdue: a.overdue,
            })
            .collect(),
    }
}
