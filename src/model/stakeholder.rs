//! A person in the customer organisation.

use super::{
    Coverage, Date, Extra, Interaction, Position, Power, Role, StakeholderId, Stance, TeamMemberId,
};

/// A person in the customer organisation and what we know about them.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Stakeholder {
    /// Unique within the map.
    pub id: StakeholderId,
    /// Full name as the team writes it (Chinese or Latin script).
    pub name: String,
    /// Job title, e.g. 技术总监 or Chief Financial Officer.
    pub title: String,
    /// Department or business unit.
    pub department: String,
    /// Buying role.
    pub role: Role,
    /// Attitude toward us.
    pub stance: Stance,
    /// Weight in the decision.
    pub power: Power,
    /// Business and personal agenda (利益诉求).
    pub interests: Interests,
    /// What worries them about the deal.
    pub concerns: String,
    /// How they will judge the offers.
    pub decision_criteria: String,
    /// Free notes.
    pub notes: String,
    /// How to reach them.
    pub contact: Contact,
    /// The member of our team who owns the relationship.
    pub owner: Option<TeamMemberId>,
    /// How deep our relationship is.
    pub coverage: Coverage,
    /// When someone on our team last spoke with them.
    pub last_contact: Option<Date>,
    /// When the information about them was last checked.
    pub last_verified: Option<Date>,
    /// Where the information came from.
    pub source: String,
    /// Free labels.
    pub tags: Vec<String>,
    /// The competitor this person favours, by name; empty when none is known.
    pub favours: String,
    /// Planned follow-ups.
    pub next_actions: Vec<NextAction>,
    /// The interaction log (互动记录), newest first.
    pub interactions: Vec<Interaction>,
    /// Where the person sits on the canvas; `None` until placed.
    pub position: Option<Position>,
    /// Unknown fields of `position`, kept for newer versions.
    pub position_extra: Extra,
    /// Unknown fields, kept for newer versions.
    pub extra: Extra,
}

impl Stakeholder {
    /// A stakeholder with only an id and a name; everything else at its default.
    pub fn new(id: impl Into<StakeholderId>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            ..Self::default()
        }
    }
}

impl From<String> for StakeholderId {
    fn from(id: String) -> Self {
        Self::new(id)
    }
}

/// What a stakeholder wants from the deal (利益诉求).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Interests {
    /// The business agenda: goals for their unit or company.
    pub business: String,
    /// The personal agenda: career, recognition, risk avoidance.
    pub personal: String,
    /// Unknown fields, kept for newer versions.
    pub extra: Extra,
}

/// How to reach a stakeholder.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Contact {
    /// E-mail address.
    pub email: String,
    /// Phone number.
    pub phone: String,
    /// Anything else: WeChat, assistant, office.
    pub other: String,
    /// Unknown fields, kept for newer versions.
    pub extra: Extra,
}

/// A planned follow-up with a stakeholder.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct NextAction {
    /// What to do.
    pub text: String,
    /// When it is due.
    pub due: Option<Date>,
    /// Whether it has been done.
    pub done: bool,
    /// Unknown fields, kept for newer versions.
    pub extra: Extra,
}
