//! The field names of format v1, in the order they are written. The reader uses the
//! same lists to tell known fields from unknown ones, which are kept.

/// The value of the top-level `"format"` field.
pub const FORMAT_NAME: &str = "powermap";
/// The newest format version this build reads and the one it writes.
pub const CURRENT_VERSION: u64 = 1;

/// Top-level fields.
pub const TOP: &[&str] = &[
    "format",
    "version",
    "account",
    "team",
    "stakeholders",
    "relationships",
    "plans",
];
/// Fields of a communication plan (`plans.ROLE`).
pub const PLAN: &[&str] = &[
    "objective",
    "key_messages",
    "evidence",
    "channels",
    "cadence",
    "lead",
    "written_in",
];
/// Fields of `account`.
pub const ACCOUNT: &[&str] = &[
    "name",
    "industry",
    "opportunity",
    "deal_value",
    "currency",
    "stage",
    "notes",
    "close_date",
    "decision_process",
    "competitors",
    "outcome",
    "closed_on",
];
/// Fields of a step of `account.decision_process`.
pub const DECISION_STEP: &[&str] = &["name", "approvers"];
/// Fields of a team member.
pub const TEAM_MEMBER: &[&str] = &["id", "name"];
/// Fields of a stakeholder.
pub const STAKEHOLDER: &[&str] = &[
    "id",
    "name",
    "title",
    "department",
    "role",
    "stance",
    "power",
    "interests",
    "concerns",
    "decision_criteria",
    "notes",
    "contact",
    "owner",
    "coverage",
    "last_contact",
    "last_verified",
    "source",
    "tags",
    "favours",
    "next_actions",
    "interactions",
    "position",
];
/// Fields of `interests`.
pub const INTERESTS: &[&str] = &["business", "personal"];
/// Fields of `contact`.
pub const CONTACT: &[&str] = &["email", "phone", "other"];
/// Fields of a next action.
pub const NEXT_ACTION: &[&str] = &["text", "due", "done"];
/// Fields of an entry of the interaction log.
pub const INTERACTION: &[&str] = &["date", "kind", "by", "summary", "stance"];
/// Fields of `position`.
pub const POSITION: &[&str] = &["x", "y"];
/// Fields of a relationship.
pub const RELATIONSHIP: &[&str] = &["id", "from", "to", "kind", "strength", "note"];

/// Every list above, for telling known field names from others.
const ALL: &[&[&str]] = &[
    TOP,
    PLAN,
    ACCOUNT,
    DECISION_STEP,
    TEAM_MEMBER,
    STAKEHOLDER,
    INTERESTS,
    CONTACT,
    NEXT_ACTION,
    INTERACTION,
    POSITION,
    RELATIONSHIP,
];

/// The field name of format v1 equal to `name`, as a shared static string, so that
/// reading a file does not copy the name of every field of every person.
pub fn known(name: &str) -> Option<&'static str> {
    // Names grouped by length: a handful of comparisons per field read.
    static BY_LENGTH: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    let groups = BY_LENGTH.get_or_init(|| {
        let mut groups: Vec<Vec<&'static str>> = Vec::new();
        for &known in ALL.iter().flat_map(|list| list.iter()) {
            if groups.len() <= known.len() {
                groups.resize(known.len() + 1, Vec::new());
            }
            if let Some(group) = groups.get_mut(known.len())
                && !group.contains(&known)
            {
                group.push(known);
            }
        }
        groups
    });
    groups
        .get(name.len())?
        .iter()
        .copied()
        .find(|&known| known == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_name_is_known_and_nothing_else() {
        for &name in ALL.iter().flat_map(|list| list.iter()) {
            assert_eq!(known(name), Some(name));
        }
        for name in ["", "Name", "names", "x-colour", "stakeholder", "écrit"] {
            assert_eq!(known(name), None, "{name}");
        }
    }
}
