//! Decision-chain analysis: who has influence, who probably decides, who matters
//! more than recorded, what puts the deal at risk, how healthy the map is, which
//! chains of relationships lead to power, and what each person needs from us. Pure
//! and deterministic: the same map, date and language give the same result.

mod actions;
mod adjacency;
pub mod approach;
pub mod briefing;
pub mod buying;
mod champion;
mod coach_risks;
mod coverage;
mod decision_makers;
mod exerted;
mod focus;
pub mod functions;
mod health;
mod hidden;
mod id_index;
mod influence;
pub mod learned;
mod paths;
mod people_set;
pub mod playbook;
mod playbook_v1;
mod recency;
pub mod report;
mod report_json;
mod risks;
#[cfg(test)]
mod scaling_tests;
mod structure;
pub mod text;
mod titles;
pub mod trend;

pub use actions::{OpenAction, open_actions};
pub use buying::{BuyingCenter, DecisionKind, PersonFacts};
pub use champion::{ChampionTest, Verdict};
pub use coverage::{CoverageCell, CoverageGrid};
pub use decision_makers::{Candidate, likelihood};
pub use exerted::Adviser;
pub use focus::{StageFocus, emphasized_risks};
pub use health::{Health, HealthLevel};
pub use hidden::{HiddenInfluencer, structural_levels};
pub use paths::{MAX_PATHS, Paths, PowerPath};
pub use recency::{Freshness, Recency};
pub use risks::{Risk, RiskCode, is_key};
pub use titles::{Level, Line, Rank, Seniority, TitleReading, read_title, seniority};

use crate::lang::Language;
use crate::model::{Date, Document, Role, Stage, Stakeholder};
pub use people_set::PeopleSet;
use structure::Structure;

/// Default age after which information counts as stale.
pub const DEFAULT_STALE_DAYS: i64 = 90;
/// A likely decision maker is treated as one (for health, paths, risks) from this
/// score on, when nobody is tagged.
const LIKELY_DECISION_MAKER: f64 = 0.5;

/// How serious a risk is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Can lose the deal.
    High,
    /// Weakens our position.
    Medium,
    /// Worth tidying up.
    Low,
}

impl Severity {
    /// `high`, `medium` or `low`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
        }
    }
}

/// What an analysis depends on besides the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnalysisOptions {
    /// The date to judge staleness and overdue actions against.
    pub today: Date,
    /// Information verified longer ago than this many days is stale.
    pub stale_after_days: i64,
    /// Language of messages.
    pub language: Language,
}

impl AnalysisOptions {
    /// Options for `today` in `language`, with the default staleness limit.
    pub fn new(today: Date, language: Language) -> Self {
        Self {
            today,
            stale_after_days: DEFAULT_STALE_DAYS,
            language,
        }
    }
}

/// Everything the analysis found.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// Options it ran with.
    pub options: AnalysisOptions,
    /// Influence score per person (document order), summing to 1.
    pub influence: Vec<f64>,
    /// People by influence, highest first.
    pub ranking: Vec<usize>,
    /// Likely decision makers, most likely first.
    pub decision_makers: Vec<Candidate>,
    /// Who decides, approves and guards gates, as the map suggests.
    pub buying: BuyingCenter,
    /// The people treated as decision makers: those tagged, or the most likely one.
    pub deciders: Vec<usize>,
    /// Trusted advisers of the decision makers and people with more structural
    /// influence than recorded power.
    pub hidden_influencers: Vec<HiddenInfluencer>,
    /// People who move a decision maker or approver (influence of strength 2–3).
    pub advisers: Vec<Adviser>,
    /// How much each person moves the decision makers (document order).
    pub exerted: Vec<f64>,
    /// The champion test of every tagged champion.
    pub champions: Vec<ChampionTest>,
    /// Whom we cover, by level and function.
    pub coverage: CoverageGrid,
    /// Risks and gaps, most severe first.
    pub risks: Vec<Risk>,
    /// Red, amber or green.
    pub health: Health,
    /// The strongest chain from our side to each decision maker that can be
    /// reached, for the first [`MAX_PATHS`] of them.
    pub paths: Vec<PowerPath>,
    /// What the stage asks to look at.
    pub focus: StageFocus,
    /// Open next actions.
    pub actions: Vec<OpenAction>,
}

/// What the analyses share while they run.
pub struct Context<'a> {
    /// The map.
    pub doc: &'a Document,
    /// Options.
    pub options: &'a AnalysisOptions,
    /// Language of messages.
    pub language: Language,
    /// Likely decision makers.
    pub candidates: &'a [Candidate],
    /// The buying centre.
    pub buying: &'a BuyingCenter,
    /// People treated as decision makers.
    pub decision_makers: Vec<usize>,
    /// Paths to the decision makers, and those no supporter reaches.
    pub paths: paths::Paths,
    /// Open actions.
    pub actions: Vec<OpenAction>,
    /// The relationship graph.
    pub structure: &'a Structure<'a>,
    /// How current information is.
    pub recency: Recency,
    /// Advisers of the decision makers and approvers.
    pub advisers: &'a [Adviser],
    /// The champion tests.
    pub champions: &'a [ChampionTest],
    /// `decision_makers` as a set.
    pub deciding: PeopleSet,
}

impl Context<'_> {
    /// The deal stage.
    pub fn stage(&self) -> Stage {
        self.doc.account.stage
    }

    /// Those of `people` matching `keep`, in their order.
    pub fn among(&self, people: &[usize], keep: impl Fn(&Stakeholder) -> bool) -> Vec<usize> {
        people
            .iter()
            .copied()
            .filter(|&i| self.doc.stakeholders.get(i).is_some_and(&keep))
            .collect()
    }

    /// Indices of the people matching `keep`, in document order.
    pub fn indices(&self, keep: impl Fn(&Stakeholder) -> bool) -> Vec<usize> {
        self.doc
            .stakeholders
            .iter()
            .enumerate()
            .filter(|(_, p)| keep(p))
            .map(|(i, _)| i)
            .collect()
    }
}

/// Analyses a map.
pub fn analyze(doc: &Document, options: &AnalysisOptions) -> Analysis {
    analyze_learned(doc, options, None)
}

/// Analyses a map with what a workspace's closed deals taught about who decides
/// (see [`learned`]); `None` is exactly [`analyze`].
pub fn analyze_learned(
    doc: &Document,
    options: &AnalysisOptions,
    learned: Option<&dyn learned::LearnedEvidence>,
) -> Analysis {
    let structure = Structure::new(doc);
    // Only the ranking and the hidden influencers need the influence scores, so on
    // a large map they are computed beside the rest: the same numbers, sooner.
    std::thread::scope(|scope| {
        let beside = (doc.stakeholders.len() >= PARALLEL_INFLUENCE_FROM)
            .then(|| {
                std::thread::Builder::new()
                    .name("influence".to_owned())
                    .spawn_scoped(scope, || ranked_influence(&structure))
                    .ok()
            })
            .flatten();
        let buying = buying::buying_center(&structure);
        let candidates = decision_makers::decision_maker_candidates(
            &structure,
            &buying,
            options.language,
            learned,
        );

        let tagged: Vec<usize> = doc
            .stakeholders
            .iter()
            .enumerate()
            .filter(|(_, p)| p.role == Role::DecisionMaker)
            .map(|(i, _)| i)
            .collect();
        // Those tagged; else the business decider the map points to; else the most
        // likely candidate, when likely enough.
        let deciders = if !tagged.is_empty() {
            tagged
        } else if !buying.deciders.is_empty() {
            buying.deciders.clone()
        } else {
            candidates
                .iter()
                .take(1)
                .filter(|c| c.score >= LIKELY_DECISION_MAKER)
                .map(|c| c.person)
                .collect()
        };
        let recency = Recency::new(options.today, options.stale_after_days);
        // The people whose choice the deal waits for: decision makers and approvers.
        let mut weighing: Vec<usize> = deciders.clone();
        weighing.extend(buying.approvers.iter().copied());
        weighing.sort_unstable();
        weighing.dedup();
        let mut weight = vec![0.0; doc.stakeholders.len()];
        for candidate in &candidates {
            if let Some(w) = weight.get_mut(candidate.person) {
                *w = candidate.score * 0.6;
            }
        }
        for &a in &buying.approvers {
            if let Some(w) = weight.get_mut(a) {
                *w = 0.8;
            }
        }
        for &d in &deciders {
            if let Some(w) = weight.get_mut(d) {
                *w = 1.0;
            }
        }
        let exerted = exerted::exerted_influence(&structure, &weight);
        let advisers = exerted::advisers(&structure, &weighing);
        // Introductions run only through our own side and people we have met and whose
        // stance we know.
        let passable: Vec<bool> = doc
            .stakeholders
            .iter()
            .map(|p| {
                p.role == Role::Champion
                    || p.stance.is_supportive()
                    || (Recency::met(p) && p.stance != crate::model::Stance::Unknown)
            })
            .collect();
        let paths_to_deciders = paths::paths_to(&structure, &deciders, &passable, &advisers);
        let ranks: Vec<Rank> = buying.facts.iter().map(|f| f.title.rank).collect();
        let champions = champion::champion_tests(
            &structure,
            &deciders,
            &advisers,
            &ranks,
            &recency,
            options.language,
        );
        let coverage = coverage::coverage_grid(doc, &buying, &recency);
        let cx = Context {
            doc,
            options,
            language: options.language,
            candidates: &candidates,
            buying: &buying,
            decision_makers: deciders.clone(),
            deciding: PeopleSet::of(doc.stakeholders.len(), deciders.iter().copied()),
            paths: paths_to_deciders,
            actions: actions::open_actions(doc, options.today),
            structure: &structure,
            recency,
            advisers: &advisers,
            champions: &champions,
        };
        let risks = risks::find_risks(&cx);
        let health = health::health(&cx, &risks);
        let focus = focus::stage_focus(&cx, &risks);
        let paths = cx.paths.found.clone();
        let actions = cx.actions;
        // A thread that could not start or did not finish: computed here instead.
        let ranked = beside
            .and_then(|handle| handle.join().ok())
            .unwrap_or_else(|| ranked_influence(&structure));
        let hidden_influencers = hidden::with_advisers(
            ranked.hidden,
            &advisers,
            &ranked.levels,
            doc,
            options.language,
        );
        let (influence, ranking) = (ranked.scores, ranked.ranking);
        Analysis {
            options: *options,
            influence,
            ranking,
            decision_makers: candidates,
            buying,
            deciders,
            hidden_influencers,
            advisers,
            exerted,
            champions,
            coverage,
            risks,
            health,
            paths,
            focus,
            actions,
        }
    })
}

/// From this many people on, the influence is computed on a thread of its own
/// (on smaller maps starting a thread costs about what it saves).
const PARALLEL_INFLUENCE_FROM: usize = 5_000;

#[cfg(test)]
thread_local! {
    /// Set by tests to compare the work done side by side (by [`both`]) with the
    /// same work done on one thread.
    static ONE_THREAD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `first()` here and `second()` beside it on a thread of its own when
/// `parallel` (or here too, when no thread can start or it did not finish).
fn both<A, B: Send>(
    parallel: bool,
    first: impl FnOnce() -> A,
    second: impl Fn() -> B + Sync,
) -> (A, B) {
    #[cfg(test)]
    let parallel = parallel && !ONE_THREAD.with(std::cell::Cell::get);
    std::thread::scope(|scope| {
        let second = &second;
        let beside = parallel
            .then(|| {
                std::thread::Builder::new()
                    .name("analysis".to_owned())
                    .spawn_scoped(scope, second)
                    .ok()
            })
            .flatten();
        let a = first();
        let b = beside
            .and_then(|handle| handle.join().ok())
            .unwrap_or_else(second);
        (a, b)
    })
}

/// The influence scores, the people ranked by them, their structural levels and
/// the hidden influencers among them (before their advisers are known).
struct RankedInfluence {
    scores: Vec<f64>,
    ranking: Vec<usize>,
    levels: Vec<u8>,
    hidden: Vec<HiddenInfluencer>,
}

fn ranked_influence(structure: &Structure<'_>) -> RankedInfluence {
    let scores = influence::influence_scores(structure);
    let ranking = influence::ranked(&scores);
    let levels = hidden::structural_levels(&scores);
    let powers: Vec<u8> = structure
        .doc
        .stakeholders
        .iter()
        .map(|s| s.power.level())
        .collect();
    let hidden = hidden::hidden_influencers(&scores, &powers);
    RankedInfluence {
        scores,
        ranking,
        levels,
        hidden,
    }
}
