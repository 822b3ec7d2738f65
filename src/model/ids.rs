//! Typed identifiers. Ids are the strings written in the file; the newtypes keep a
//! stakeholder id from being used where a relationship id is expected.

use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(String);

        impl $name {
            /// Wraps a string as an id (no validation: see `model::validate`).
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as written in the file.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }
    };
}

string_id!(
    /// Identifies a person in the customer organisation.
    StakeholderId
);
string_id!(
    /// Identifies a relationship line between two stakeholders.
    RelationshipId
);
string_id!(
    /// Identifies a member of our own sales team.
    TeamMemberId
);
