//! The customer account and our team.

use super::{Extra, Stage, TeamMemberId};

/// The customer organisation and the deal we pursue there.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Account {
    /// The customer organisation's name.
    pub name: String,
    /// Its industry.
    pub industry: String,
    /// The deal (opportunity) name.
    pub opportunity: String,
    /// Expected deal value, in `currency`.
    pub deal_value: Option<f64>,
    /// ISO currency code such as CNY or USD.
    pub currency: String,
    /// Sales stage of the deal.
    pub stage: Stage,
    /// Free notes.
    pub notes: String,
    /// Unknown fields, kept for newer versions.
    pub extra: Extra,
}

/// A member of our own sales team, who can own stakeholder relationships.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TeamMember {
    /// Unique within the team.
    pub id: TeamMemberId,
    /// Display name.
    pub name: String,
    /// Unknown fields, kept for newer versions.
    pub extra: Extra,
}

impl TeamMember {
    /// A team member with an id and a name.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            id: TeamMemberId::new(id),
            name: name.into(),
            extra: Extra::new(),
        }
    }
}
