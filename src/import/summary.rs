//! What an import did or will do, for the user to read.

use super::SourceInfo;
use super::issue::RowIssueKind;
use crate::lang::Language;

/// Something about one row the user should know: why it was skipped, merged, or
/// why its reporting line was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowIssue {
    /// The spreadsheet row number.
    pub row: usize,
    /// What happened, in a sentence in the language the import was planned in
    /// (see [`super::plan_import_in`]).
    pub message: String,
    /// What happened, as data: [`RowIssue::line`] says it in any language.
    pub kind: RowIssueKind,
}

impl RowIssue {
    /// The issue of `row`, its message in `language`.
    pub fn new(row: usize, kind: RowIssueKind, language: Language) -> Self {
        Self {
            row,
            message: kind.message(language),
            kind,
        }
    }

    /// One line for the user in `language`: `row 7: no name …` or `第 7 行：没有姓名…`.
    pub fn line(&self, language: Language) -> String {
        let message = self.kind.message(language);
        match language {
            Language::English => format!("row {}: {message}", self.row),
            Language::Chinese => format!("第 {} 行：{message}", self.row),
        }
    }
}

/// `row 7: no name …`, always in English (the command line prints it).
impl std::fmt::Display for RowIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.line(Language::English))
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
    /// Members of our team added because the owner column named them.
    pub members_added: Vec<String>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_issue_says_its_row_in_either_language() {
        let kind = RowIssueKind::ManagerNotFound {
            manager: "王立新".to_owned(),
        };
        let issue = RowIssue::new(14, kind.clone(), Language::Chinese);
        assert_eq!(
            issue.message,
            "上级“王立新”在文件和地图中都找不到，未建立汇报关系"
        );
        assert_eq!(
            issue.line(Language::Chinese),
            "第 14 行：上级“王立新”在文件和地图中都找不到，未建立汇报关系"
        );
        let english = "row 14: manager \"王立新\" not found in the file or on the map; \
                       no reports-to line";
        assert_eq!(issue.line(Language::English), english);
        assert_eq!(issue.to_string(), english, "Display stays English");
        let issue = RowIssue::new(14, kind, Language::English);
        assert_eq!(issue.to_string(), format!("row 14: {}", issue.message));
    }
}
