//! The customer account and our team.

use super::{Date, Extra, Outcome, Stage, StakeholderId, TeamMemberId};

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
    /// When the customer plans to sign.
    pub close_date: Option<Date>,
    /// The customer's steps to a signature, in order (技术评审 → 商务谈判 → 总经理办公会
    /// → 签约), each with the people who approve it.
    pub decision_process: Vec<DecisionStep>,
    /// Competitors in the deal, by name.
    pub competitors: Vec<String>,
    /// How the deal ended (`None`: not recorded, read as open).
    pub outcome: Option<Outcome>,
    /// When the deal was won or lost.
    pub closed_on: Option<Date>,
    /// Unknown fields, kept for newer versions.
    pub extra: Extra,
}

/// One step of the customer's decision process.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct DecisionStep {
    /// What happens, such as 技术评审 or "Security review".
    pub name: String,
    /// Who approves this step (people on the map).
    pub approvers: Vec<StakeholderId>,
    /// Unknown fields, kept for newer versions.
    pub extra: Extra,
}

impl DecisionStep {
    /// A step with a name and its approvers.
    pub fn new(name: impl Into<String>, approvers: Vec<StakeholderId>) -> Self {
        Self {
            name: name.into(),
            approvers,
            extra: Extra::new(),
        }
    }
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
