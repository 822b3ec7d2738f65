//! Why a command was refused. A refused command leaves the document unchanged.

use crate::model::Problem;

/// Why a command could not be applied.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    /// No person has this id.
    #[error("no stakeholder has the id \"{0}\"")]
    NoSuchStakeholder(String),
    /// No relationship has this id.
    #[error("no relationship has the id \"{0}\"")]
    NoSuchRelationship(String),
    /// No team member has this id.
    #[error("no team member has the id \"{0}\"")]
    NoSuchTeamMember(String),
    /// The id is already used in its list.
    #[error("the id \"{0}\" is already used")]
    DuplicateId(String),
    /// A relationship would join a person to themselves.
    #[error("a relationship must join two different people")]
    SelfLoop,
    /// A `reports_to` line would close a cycle.
    #[error("\"{from}\" cannot report to \"{to}\": that would close a cycle of reporting lines")]
    ReportingCycle {
        /// The subordinate.
        from: String,
        /// The manager.
        to: String,
    },
    /// The map is full.
    #[error("a map holds at most {0} stakeholders")]
    TooManyStakeholders(usize),
    /// The new values are invalid (empty id, text too long, …).
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
    /// Nothing to undo or redo.
    #[error("there is nothing to {0}")]
    NothingTo(&'static str),
}
