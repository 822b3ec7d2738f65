//! A communication plan for one buying role, as the team wrote it for this map.

use super::{Extra, TeamMemberId};

/// How the team approaches everyone in one role.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Plan {
    /// What we want from people in this role.
    pub objective: String,
    /// What we tell them.
    pub key_messages: String,
    /// What we bring: ROI and business case, technical proof, references, pilots,
    /// training.
    pub evidence: String,
    /// How we reach them: meetings, workshops, site visits, dinners, e-mail.
    pub channels: String,
    /// How often.
    pub cadence: String,
    /// Who on our team leads.
    pub lead: Option<TeamMemberId>,
    /// Unknown fields, kept for newer versions.
    pub extra: Extra,
}
