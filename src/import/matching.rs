//! When a row of a contact list is a person already known — on the map or in an
//! earlier row — and when it is somebody else with the same name.
//!
//! The rules (docs/IMPORT.md, section 4):
//! 1. The same **e-mail** → the same person.
//! 2. Two different e-mails → different people.
//! 3. The same **name**, and title and department each equal or empty on one side
//!    → *proposed* as the same person, with less confidence: the user can keep them
//!    apart, and contact details (e-mail, phone, other) are copied onto such a
//!    match only when the user confirms.
//! 4. The same name but another title or department → different people, unless the
//!    user says they are the same.
//!
//! Names, titles and departments are compared ignoring case, spacing, full-width
//! forms and (titles, departments) punctuation: see [`name_key`] and [`text_key`].

use std::collections::BTreeSet;

use crate::model::StakeholderId;

/// What the user decided about the proposed matches (the app's preview, or the
/// command line's options). The default follows the rules above.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchChoices {
    /// Whether rows may match by name at all (rule 3). Off: only e-mails match.
    pub match_by_name: bool,
    /// Rows kept apart from whoever they match: each becomes a new person.
    pub separate: BTreeSet<usize>,
    /// Rows the user says are the same person as the namesake the rules kept apart
    /// (rule 2 or 4, or matching by name switched off).
    pub same: BTreeSet<usize>,
    /// Rows matched by name whose contact details the user confirmed copying.
    pub copy_contacts: BTreeSet<usize>,
    /// Confirms copying contact details for every row matched by name.
    pub copy_all_contacts: bool,
}

impl Default for MatchChoices {
    fn default() -> Self {
        Self {
            match_by_name: true,
            separate: BTreeSet::new(),
            same: BTreeSet::new(),
            copy_contacts: BTreeSet::new(),
            copy_all_contacts: false,
        }
    }
}

impl MatchChoices {
    /// Whether contact details may be copied onto the name match of `row`.
    pub fn copies_contacts(&self, row: usize) -> bool {
        self.copy_all_contacts || self.copy_contacts.contains(&row)
    }
}

/// How a field compares between a row and a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agreement {
    /// Both give it, and it is the same.
    Same,
    /// One side, or both, leave it empty.
    OneEmpty,
    /// Both give it, differently.
    Different,
}

impl Agreement {
    /// Compares two keys (see [`name_key`], [`text_key`], [`email_key`]).
    pub fn of(a: &str, b: &str) -> Self {
        if a.is_empty() || b.is_empty() {
            Self::OneEmpty
        } else if a == b {
            Self::Same
        } else {
            Self::Different
        }
    }
}

/// Why a row was compared with a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchBasis {
    /// The same e-mail address.
    Email,
    /// The same name.
    Name,
}

/// The evidence for or against a match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MatchEvidence {
    /// What brought them together.
    pub basis: MatchBasis,
    /// Their e-mails.
    pub email: Agreement,
    /// Their titles.
    pub title: Agreement,
    /// Their departments.
    pub department: Agreement,
}

impl MatchEvidence {
    /// Whether nothing speaks against a match by name (rules 2 and 4).
    pub fn is_compatible(&self) -> bool {
        ![self.email, self.title, self.department].contains(&Agreement::Different)
    }

    /// How many fields agree, to prefer the best of several namesakes.
    pub fn score(&self) -> usize {
        [self.email, self.title, self.department]
            .iter()
            .filter(|a| **a == Agreement::Same)
            .count()
    }

    /// The first thing that speaks against a match, if any.
    pub fn conflict(&self) -> Option<ApartReason> {
        if self.email == Agreement::Different {
            Some(ApartReason::OtherEmail)
        } else if self.title == Agreement::Different {
            Some(ApartReason::OtherTitle)
        } else if self.department == Agreement::Different {
            Some(ApartReason::OtherDepartment)
        } else {
            None
        }
    }
}

/// Who a row is compared with.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchTarget {
    /// A person already on the map.
    Existing(StakeholderId),
    /// The person an earlier row of the file added (its row number).
    Row(usize),
}

/// One side of a proposed match, as the user compares them.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct MatchSide {
    /// Name.
    pub name: String,
    /// Title.
    pub title: String,
    /// Department.
    pub department: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
}

/// Why a row became a new person although someone had its name or e-mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApartReason {
    /// Both have e-mails, and they differ.
    OtherEmail,
    /// Both have titles, and they differ.
    OtherTitle,
    /// Both have departments, and they differ.
    OtherDepartment,
    /// Matching by name is switched off.
    NameMatchingOff,
    /// The user kept them apart.
    Chosen,
}

/// What a matched row does with its contact details.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactDetails {
    /// Copied into empty fields (an e-mail match, or confirmed by the user).
    Copied,
    /// Not copied: a match by name only, not confirmed.
    HeldBack,
    /// The row brings none that would fill an empty field.
    NothingToCopy,
}

/// What the plan does with a row that has a match candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchOutcome {
    /// Taken for the same person: only their empty fields are filled.
    Merged(ContactDetails),
    /// Kept apart: the row becomes a new person.
    KeptApart(ApartReason),
}

/// One row that matched someone or had a namesake, with both sides and the evidence,
/// so the user can check it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchProposal {
    /// The row.
    pub row: usize,
    /// Who it was compared with.
    pub target: MatchTarget,
    /// The row's side.
    pub row_side: MatchSide,
    /// The other side: the person as known when the row was read.
    pub other_side: MatchSide,
    /// How they compare.
    pub evidence: MatchEvidence,
    /// What the plan does.
    pub outcome: MatchOutcome,
    /// Other people with the same name who would fit as well (named by e-mail or
    /// not at all); the user may want to check.
    pub other_candidates: usize,
}

impl MatchProposal {
    /// Whether the row is merged into the other side.
    pub fn is_merged(&self) -> bool {
        matches!(self.outcome, MatchOutcome::Merged(_))
    }

    /// Whether the match rests on the name only (the less certain kind).
    pub fn is_by_name(&self) -> bool {
        self.evidence.basis == MatchBasis::Name
    }
}

/// A character in its ordinary width: full-width ASCII forms (`Ａ`, `１`, `＠`) as
/// ASCII, the ideographic space as a space.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        c => c,
    }
}

/// Invisible characters that do not change what a name says (zero-width spaces
/// and joiners, bidi controls, the byte-order mark).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}')
        || crate::safe_text::is_bidi_control(c)
}

/// How names are compared: full-width forms folded, invisible characters dropped,
/// inner whitespace collapsed (and removed next to CJK characters: `王 芳` is
/// `王芳`), lower case.
pub fn name_key(name: &str) -> String {
    let folded: String = name
        .chars()
        .map(fold_width)
        .filter(|c| !is_invisible(*c))
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut key = String::with_capacity(folded.len());
    for (i, word) in words.iter().enumerate() {
        let joins_cjk = i > 0
            && (key.chars().last().is_some_and(super::text::is_cjk)
                || word.chars().next().is_some_and(super::text::is_cjk));
        if i > 0 && !joins_cjk {
            key.push(' ');
        }
        key.push_str(word);
    }
    key.to_lowercase()
}

/// How titles and departments are compared: full-width forms folded, lower case,
/// letters and digits only (`Director, Procurement` is `director procurement`).
pub fn text_key(text: &str) -> String {
    text.chars()
        .map(fold_width)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// How e-mails are compared: full-width forms folded, trimmed, lower case.
pub fn email_key(email: &str) -> String {
    email
        .chars()
        .map(fold_width)
        .filter(|c| !is_invisible(*c))
        .collect::<String>()
        .trim()
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_across_case_space_and_width() {
        assert_eq!(name_key("margaret  CHEN"), name_key("Margaret Chen"));
        assert_eq!(name_key("王 芳"), name_key("王芳"));
        assert_eq!(name_key("王\u{3000}芳"), "王芳");
        assert_eq!(name_key("Ｊｏｈｎ　Ｌｅｅ"), "john lee");
        assert_eq!(name_key("刘\u{200B}洋"), "刘洋");
        assert_eq!(name_key("Fang 王"), "fang王");
        assert_ne!(name_key("Ann Lee"), name_key("AnnLee"));
        assert_eq!(email_key(" Ann@Example.COM "), "ann@example.com");
        assert_eq!(email_key("ａｎｎ＠ｘ．ｃｏｍ"), "ann@x.com");
    }

    #[test]
    fn titles_compare_without_punctuation() {
        assert_eq!(
            text_key("Director, Procurement"),
            text_key("director procurement")
        );
        assert_eq!(text_key("教务处 处长"), text_key("教务处处长"));
        assert_ne!(text_key("教务处处长"), text_key("信息中心主任"));
        assert_eq!(Agreement::of("", "x"), Agreement::OneEmpty);
        assert_eq!(Agreement::of("x", "x"), Agreement::Same);
        assert_eq!(Agreement::of("x", "y"), Agreement::Different);
    }

    #[test]
    fn evidence_names_the_first_conflict() {
        let evidence = MatchEvidence {
            basis: MatchBasis::Name,
            email: Agreement::OneEmpty,
            title: Agreement::Different,
            department: Agreement::Different,
        };
        assert!(!evidence.is_compatible());
        assert_eq!(evidence.conflict(), Some(ApartReason::OtherTitle));
        let fine = MatchEvidence {
            title: Agreement::Same,
            department: Agreement::OneEmpty,
            ..evidence
        };
        assert!(fine.is_compatible());
        assert_eq!(fine.score(), 1);
    }
}
