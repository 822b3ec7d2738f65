//! A problem found in a map, located by the id and field it concerns.

use std::fmt;

/// What part of a document a problem concerns.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Subject {
    /// The file as a whole (top-level fields).
    File,
    /// The account object.
    Account,
    /// The communication plan of a role.
    Plan {
        /// The role, as written in the file.
        role: String,
    },
    /// A team member: index in `team` and id as written (possibly empty).
    TeamMember {
        /// Zero-based index in the list.
        index: usize,
        /// The id, when there is one.
        id: String,
    },
    /// A stakeholder: index in `stakeholders` and id as written (possibly empty).
    Stakeholder {
        /// Zero-based index in the list.
        index: usize,
        /// The id, when there is one.
        id: String,
    },
    /// A relationship: index in `relationships` and id as written (possibly empty).
    Relationship {
        /// Zero-based index in the list.
        index: usize,
        /// The id, when there is one.
        id: String,
    },
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (noun, list, index, id) = match self {
            Self::File => return f.write_str("file"),
            Self::Account => return f.write_str("account"),
            Self::Plan { role } => return write!(f, "plan \"{}\"", role.escape_debug()),
            Self::TeamMember { index, id } => ("team member", "team", index, id),
            Self::Stakeholder { index, id } => ("stakeholder", "stakeholders", index, id),
            Self::Relationship { index, id } => ("relationship", "relationships", index, id),
        };
        if id.is_empty() {
            write!(f, "{list}[{index}]")
        } else {
            write!(f, "{noun} \"{}\"", id.escape_debug())
        }
    }
}

/// One thing wrong with a map.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Where it is.
    pub subject: Subject,
    /// The field, as a path such as `power` or `next_actions[1].due`; empty for the
    /// whole subject.
    pub field: String,
    /// What is wrong, in words a user understands.
    pub message: String,
}

impl Problem {
    /// A problem with a subject, field path and message.
    pub fn new(subject: Subject, field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            subject,
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.subject, self.message)
        } else {
            write!(
                f,
                "{}, field \"{}\": {}",
                self.subject, self.field, self.message
            )
        }
    }
}
