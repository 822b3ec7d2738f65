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

/// From this many people on, the influence ranking and the hidden influencers
/// (about half of the text) are written on a second thread beside the rest.
const PARALLEL_TEXT_FROM: usize = super::PARALLEL_INFLUENCE_FROM;

impl Report<'_> {
    /// The report as indented JSON with DEL, C1 and bidi controls written as `\u`
    /// escapes, in pieces that joined are exactly
    /// `pretty_json::to_string_pretty_invisible_escaped(self)`: written in two
    /// halves at once on a large map, and not copied into one text.
    pub fn safe_text_pieces(&self) -> Vec<String> {
        use crate::format::pretty_json::{
            nested, object_pieces, to_string_pretty_invisible_escaped,
        };
        fn part<T: Serialize + ?Sized>(value: &T, expected_bytes: usize) -> Option<String> {
            nested(value, 1, true, expected_bytes).ok()
        }
        let people = self.influence.analysis.ranking.len();
        // About 80 bytes per person in the ranking, 170 per hidden influencer.
        let beside = || {
            (
                part(&self.influence, people.saturating_mul(80)),
                part(
                    &self.hidden_influencers,
                    self.hidden_influencers.len().saturating_mul(170),
                ),
            )
        };
        let (rest, (influence, hidden)) = std::thread::scope(|scope| {
            let thread = (people >= PARALLEL_TEXT_FROM)
                .then(|| {
                    std::thread::Builder::new()
                        .name("report text".to_owned())
                        .spawn_scoped(scope, beside)
                        .ok()
                })
                .flatten();
            let rest = [
                part(&self.account, 0),
                part(&self.date, 0),
                part(&self.language, 0),
                part(&self.health, 0),
                part(&self.stage_focus, 0),
                part(&self.decision_makers, 0),
                part(&self.buying_center, 0),
                part(&self.champions, 0),
                part(&self.coverage, 0),
                part(&self.risks, 0),
                part(&self.paths, 0),
                part(&self.open_actions, 0),
            ];
            // A thread that could not start or did not finish: written here.
            let halves = thread
                .and_then(|handle| handle.join().ok())
                .unwrap_or_else(beside);
            (rest, halves)
        });
        let (
            [
                Some(account),
                Some(date),
                Some(language),
                Some(health),
                Some(stage_focus),
                Some(decision_makers),
                Some(buying_center),
                Some(champions),
                Some(coverage),
                Some(risks),
                Some(paths),
                Some(open_actions),
            ],
            Some(influence),
            Some(hidden),
        ) = (rest, influence, hidden)
        else {
            return vec![to_string_pretty_invisible_escaped(self, 0).unwrap_or_default()];
        };
        // In the order of the fields of `Report` (a test compares the two).
        object_pieces(
            vec![
                ("account", account),
                ("date", date),
                ("language", language),
                ("health", health),
                ("stage_focus", stage_focus),
                ("influence", influence),
                ("decision_makers", decision_makers),
                ("buying_center", buying_center),
                ("champions", champions),
                ("coverage", coverage),
                ("hidden_influencers", hidden),
                ("risks", risks),
                ("paths", paths),
                ("open_actions", open_actions),
            ],
            true,
        )
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{AnalysisOptions, analyze};
    use crate::lang::Language;
    use crate::model::Date;

    /// What serde_json and the invisible escaping make of the report.
    fn serde_text(doc: &Document, analysis: &Analysis) -> String {
        let labels = Labels::of(doc);
        let text = serde_json::to_string_pretty(&report(doc, analysis, &labels)).unwrap();
        crate::safe_text::json_invisible_escaped(&text).into_owned()
    }

    #[test]
    fn the_text_written_in_two_halves_is_what_serde_json_writes() {
        let today = Date::from_ymd(2026, 11, 30).unwrap();
        // Below and above the size from which two threads write it.
        for people in [40, PARALLEL_TEXT_FROM + 10] {
            let mut doc = crate::samples::synthetic_map(people, 3);
            for (i, person) in doc.stakeholders.iter_mut().enumerate().step_by(7) {
                person.name = format!("A{i}\u{202E}\"B\\\u{85}\n");
            }
            for language in [Language::English, Language::Chinese] {
                let analysis = analyze(&doc, &AnalysisOptions::new(today, language));
                let text = super::super::report::to_safe_json_text(&doc, &analysis);
                assert!(text.contains("\\u202e\\\"B\\\\\\u0085\\n"));
                assert_eq!(text, serde_text(&doc, &analysis), "{people} people");
            }
        }
    }
}
