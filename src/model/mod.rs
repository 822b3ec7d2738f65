//! The document model: what a power map is, independent of files and UI.

mod account;
mod date;
pub mod diff;
mod document;
mod enums;
mod ids;
mod interaction;
pub mod limits;
mod plan;
mod problem;
mod relationship;
pub mod reporting;
mod stakeholder;
mod validate;
mod values;

pub use account::{Account, DecisionStep, TeamMember};
pub use date::{Date, DateError, DateInputError};
pub use document::Document;
pub use enums::{Coverage, InteractionKind, Outcome, RelationshipKind, Role, Stage, Stance};
pub use ids::{RelationshipId, StakeholderId, TeamMemberId};
pub use interaction::{Interaction, insertion_index, sort_newest_first, stance_trend};
pub use plan::{Plan, PlanPart, PlanText};
pub use problem::{Problem, Subject};
pub use relationship::Relationship;
pub use stakeholder::{Contact, Interests, NextAction, Stakeholder};
pub use validate::{
    account_problems, plan_problems, position_in_range, relationship_problems,
    relationship_subject, stakeholder_problems, stakeholder_subject, team_member_problems,
    team_subject, validate,
};
pub use values::{Extra, Position, Power, Strength};
