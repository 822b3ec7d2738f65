//! What an import did or will do, for the user to read.

use super::SourceInfo;

/// Something about one row the user should know: why it was skipped, merged, or
/// why its reporting line was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowIssue {
    /// The spreadsheet row number.
    pub row: usize,
    /// What happened, in a sentence.
    pub message: String,
}

impl std::fmt::Display for RowIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {}: {}", self.row, self.message)
    }
}

/// Counts and issues of an import.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ImportSummary {
    /// New people added to the map.
    pub added: usize,
    /// People already on the map who got an empty field filled or a new
    /// reporting line.
    pub updated: usize,
    /// People already on the map whom the file matched but did not change.
    pub unchanged: usize,
    /// Rows left out (no name, a cell too long); each has an issue.
    pub skipped: usize,
    /// New `reports_to` lines.
    pub lines_added: usize,
    /// The account name set on the map, when it had none.
    pub account_set: Option<String>,
    /// Every row that needs the user's attention, in row order.
    pub issues: Vec<RowIssue>,
    /// How the file was read (encoding, delimiter or sheet).
    pub source: SourceInfo,
}

impl ImportSummary {
    /// `added 10, updated 1, unchanged 0, skipped 1`.
    pub fn counts_line(&self) -> String {
        format!(
            "added {}, updated {}, unchanged {}, skipped {}",
            self.added, self.updated, self.unchanged, self.skipped
        )
    }
}
