//! Decision-chain analysis: who has influence, who probably decides, who matters
//! more than recorded, what puts the deal at risk, how healthy the map is, which
//! chains of relationships lead to power, and what each person needs from us. Pure
//! and deterministic: the same map, date and language give the same result.

mod actions;
pub mod approach;
mod decision_makers;
mod focus;
mod health;
mod hidden;
mod influence;
mod paths;
pub mod playbook;
pub mod report;
mod risks;
mod structure;
pub mod text;
mod titles;

pub use actions::{OpenAction, open_actions};
pub use decision_makers::Candidate;
pub use focus::{StageFocus, emphasized_risks};
pub use health::{Health, HealthLevel};
pub use hidden::{HiddenInfluencer, structural_levels};
pub use paths::{MAX_PATHS, Paths, PowerPath};
pub use risks::{Risk, RiskCode, is_key};
pub use titles::{Seniority, seniority};

use crate::lang::Language;
use crate::model::{Date, Document, Role, Stage, Stakeholder};
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
    /// The people treated as decision makers: those tagged, or the most likely one.
    pub deciders: Vec<usize>,
    /// People with more structural influence than recorded power.
    pub hidden_influencers: Vec<HiddenInfluencer>,
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
    /// People treated as decision makers.
    pub decision_makers: Vec<usize>,
    /// Paths to the decision makers, and those no supporter reaches.
    pub paths: paths::Paths,
    /// Open actions.
    pub actions: Vec<OpenAction>,
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
    let structure = Structure::new(doc);
    let influence = influence::influence_scores(&structure);
    let ranking = influence::ranked(&influence);
    let candidates =
        decision_makers::decision_maker_candidates(&structure, &influence, options.language);
    let powers: Vec<u8> = doc.stakeholders.iter().map(|s| s.power.level()).collect();
    let hidden_influencers = hidden::hidden_influencers(&influence, &powers);

    let tagged: Vec<usize> = doc
        .stakeholders
        .iter()
        .enumerate()
        .filter(|(_, p)| p.role == Role::DecisionMaker)
        .map(|(i, _)| i)
        .collect();
    let deciders = if tagged.is_empty() {
        candidates
            .iter()
            .take(1)
            .filter(|c| c.score >= LIKELY_DECISION_MAKER)
            .map(|c| c.person)
            .collect()
    } else {
        tagged
    };
    let paths_to_deciders = paths::paths_to(&structure, &deciders);
    let cx = Context {
        doc,
        options,
        language: options.language,
        candidates: &candidates,
        decision_makers: deciders.clone(),
        paths: paths_to_deciders,
        actions: actions::open_actions(doc, options.today),
    };
    let risks = risks::find_risks(&cx);
    let health = health::health(&cx);
    let focus = focus::stage_focus(&cx);
    let paths = cx.paths.found;
    let actions = cx.actions;
    Analysis {
        options: *options,
        influence,
        ranking,
        decision_makers: candidates,
        deciders,
        hidden_influencers,
        risks,
        health,
        paths,
        focus,
        actions,
    }
}
