//! A communication plan for one buying role: what the team wrote for this map. A
//! part the team did not write follows the built-in playbook
//! (`crate::analysis::playbook`), in the language of whoever reads it.

use super::{Extra, TeamMemberId};
use crate::lang::Language;

/// The five texts of a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlanPart {
    /// What we want from people in this role.
    Objective,
    /// What we tell them.
    KeyMessages,
    /// What we bring: ROI and business case, technical proof, references, pilots,
    /// training.
    Evidence,
    /// How we reach them: meetings, workshops, site visits, dinners, e-mail.
    Channels,
    /// How often.
    Cadence,
}

impl PlanPart {
    /// Every part, in the order they are shown and written.
    pub const ALL: [Self; 5] = [
        Self::Objective,
        Self::KeyMessages,
        Self::Evidence,
        Self::Channels,
        Self::Cadence,
    ];

    /// The field name in the file format.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Objective => "objective",
            Self::KeyMessages => "key_messages",
            Self::Evidence => "evidence",
            Self::Channels => "channels",
            Self::Cadence => "cadence",
        }
    }

    /// The part a file field name names.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// Text the team wrote for one part of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PlanText {
    /// The text; may be empty when the team cleared the part.
    pub text: String,
    /// The language it was written in; `None` for plans from older versions,
    /// which did not record it.
    pub language: Option<Language>,
}

impl PlanText {
    /// Text written in `language`.
    pub fn new(text: impl Into<String>, language: Language) -> Self {
        Self {
            text: text.into(),
            language: Some(language),
        }
    }
}

/// How the team approaches everyone in one role. Only what the team wrote is kept:
/// a part that is `None` follows the playbook.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Plan {
    /// What we want from people in this role.
    pub objective: Option<PlanText>,
    /// What we tell them.
    pub key_messages: Option<PlanText>,
    /// What we bring to back the messages.
    pub evidence: Option<PlanText>,
    /// How we reach them.
    pub channels: Option<PlanText>,
    /// How often.
    pub cadence: Option<PlanText>,
    /// Who on our team leads.
    pub lead: Option<TeamMemberId>,
    /// Unknown fields, kept for newer versions.
    pub extra: Extra,
}

impl Plan {
    /// What the team wrote for `part`, if anything.
    pub fn part(&self, part: PlanPart) -> Option<&PlanText> {
        match part {
            PlanPart::Objective => self.objective.as_ref(),
            PlanPart::KeyMessages => self.key_messages.as_ref(),
            PlanPart::Evidence => self.evidence.as_ref(),
            PlanPart::Channels => self.channels.as_ref(),
            PlanPart::Cadence => self.cadence.as_ref(),
        }
    }

    /// The slot of `part`, to set or clear it.
    pub fn part_mut(&mut self, part: PlanPart) -> &mut Option<PlanText> {
        match part {
            PlanPart::Objective => &mut self.objective,
            PlanPart::KeyMessages => &mut self.key_messages,
            PlanPart::Evidence => &mut self.evidence,
            PlanPart::Channels => &mut self.channels,
            PlanPart::Cadence => &mut self.cadence,
        }
    }

    /// A plan the way versions before language marking stored it: every part
    /// written, none with a language. Written without the `written_in` marker.
    pub fn is_unmarked(&self) -> bool {
        PlanPart::ALL
            .iter()
            .all(|p| self.part(*p).is_some_and(|t| t.language.is_none()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_have_their_file_names() {
        for part in PlanPart::ALL {
            assert_eq!(PlanPart::parse(part.as_str()), Some(part));
        }
        let mut plan = Plan::default();
        assert!(!plan.is_unmarked());
        *plan.part_mut(PlanPart::Cadence) = Some(PlanText::new("每月", Language::Chinese));
        assert_eq!(plan.cadence.as_ref().map(|t| t.text.as_str()), Some("每月"));
        for part in PlanPart::ALL {
            *plan.part_mut(part) = Some(PlanText::default());
        }
        assert!(plan.is_unmarked());
    }
}
