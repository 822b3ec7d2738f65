//! The closed vocabularies of a map: roles, stances, coverage, deal stage and
//! relationship kinds. Each value has one snake_case name, used in the file format,
//! the command line and exports.

macro_rules! named_enum {
    ($(#[$doc:meta])* $name:ident, default $default:ident, { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every value, in the order the UI and reports list them.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The snake_case name used in files.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }

            /// Parses the snake_case name used in files.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some(Self::$variant),)+
                    _ => None,
                }
            }

            /// All names, comma-separated, for error messages.
            pub fn expected() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::$default
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named_enum!(
    /// What part a stakeholder plays in the buying decision.
    Role, default Unknown, {
        /// Has the final say (决策者).
        DecisionMaker = "decision_maker",
        /// Shapes the decision: technical experts, the finance lead (影响者).
        Influencer = "influencer",
        /// Will use the product every day (最终用户).
        EndUser = "end_user",
        /// Controls information and access (看门人).
        Gatekeeper = "gatekeeper",
        /// Likely to oppose the project (反对者).
        Blocker = "blocker",
        /// Our inside supporter or coach (内线).
        Champion = "champion",
        /// Not yet known.
        Unknown = "unknown",
    }
);

named_enum!(
    /// A stakeholder's attitude toward us, from most to least favourable.
    Stance, default Unknown, {
        /// Actively promotes us (Mentor).
        Advocate = "advocate",
        /// Favours us.
        Supporter = "supporter",
        /// Undecided.
        Neutral = "neutral",
        /// Has doubts (Non-supporter).
        Skeptic = "skeptic",
        /// Works against us (Enemy).
        Opponent = "opponent",
        /// Not yet known.
        Unknown = "unknown",
    }
);

impl Stance {
    /// Advocates and supporters.
    pub fn is_supportive(self) -> bool {
        matches!(self, Self::Advocate | Self::Supporter)
    }

    /// Skeptics and opponents.
    pub fn is_against(self) -> bool {
        matches!(self, Self::Skeptic | Self::Opponent)
    }
}

named_enum!(
    /// How deep our team's relationship with a stakeholder is.
    Coverage, default None, {
        /// No contact yet.
        None = "none",
        /// Met briefly.
        Brief = "brief",
        /// Several contacts.
        Multiple = "multiple",
        /// A deep, trusted relationship.
        InDepth = "in_depth",
    }
);

named_enum!(
    /// Where the deal stands; it decides what the analysis emphasises.
    Stage, default Early, {
        /// Find the structure of the decision chain and the key roles.
        Early = "early",
        /// A communication and relationship plan for each role.
        Middle = "middle",
        /// Concentrate on the decision makers and push to close.
        Late = "late",
    }
);

named_enum!(
    /// How a deal ended, when it has: the team's own record, from which the
    /// workspace learns who turned out to decide.
    Outcome, default Open, {
        /// Still being worked.
        Open = "open",
        /// Signed.
        Won = "won",
        /// Lost to a competitor or abandoned.
        Lost = "lost",
    }
);

impl Outcome {
    /// Whether the deal is over (won or lost).
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Won | Self::Lost)
    }
}

named_enum!(
    /// What a relationship line means.
    RelationshipKind, default Influences, {
        /// `from` reports to `to` (a formal line).
        ReportsTo = "reports_to",
        /// `from` influences `to` (informal).
        Influences = "influences",
        /// Allies (undirected).
        Ally = "ally",
        /// In conflict (undirected).
        Conflict = "conflict",
    }
);

impl RelationshipKind {
    /// Whether `from` and `to` can be swapped without changing the meaning.
    pub fn is_undirected(self) -> bool {
        matches!(self, Self::Ally | Self::Conflict)
    }
}

named_enum!(
    /// How a contact with a stakeholder took place (interaction log).
    InteractionKind, default Other, {
        /// A meeting in person or online (会议).
        Meeting = "meeting",
        /// A phone or video call (电话).
        Call = "call",
        /// An e-mail exchange (邮件).
        Email = "email",
        /// A visit to their site or ours (拜访).
        Visit = "visit",
        /// An event: a seminar, a dinner, a trade show (活动).
        Event = "event",
        /// Anything else (其他).
        Other = "other",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(*role));
        }
        for stance in Stance::ALL {
            assert_eq!(Stance::parse(stance.as_str()), Some(*stance));
        }
        for kind in RelationshipKind::ALL {
            assert_eq!(RelationshipKind::parse(kind.as_str()), Some(*kind));
        }
        assert_eq!(Role::parse("Decision_Maker"), None);
        assert_eq!(Coverage::parse("in_depth"), Some(Coverage::InDepth));
        assert_eq!(Stage::expected(), "early, middle, late");
        assert_eq!(Outcome::expected(), "open, won, lost");
        assert!(Outcome::Won.is_closed() && !Outcome::Open.is_closed());
    }
}
