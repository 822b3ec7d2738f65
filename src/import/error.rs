//! Why a contact list could not be imported. Row-level problems are not errors: they
//! are reported as [`super::RowIssue`]s and the rest of the file is imported.

use std::path::PathBuf;

/// Why a contact list could not be read or imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read from disk.
    #[error("cannot read the contact list ({source}): {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file name does not end in an extension Powermap imports.
    #[error(
        "Powermap imports contacts from .csv, .tsv, .txt and .xlsx files{hint}: {}",
        path.display()
    )]
    UnsupportedFormat {
        /// The file.
        path: PathBuf,
        /// Advice for a known spreadsheet format, such as ", save .xls files as .xlsx".
        hint: String,
    },
    /// The file is larger than the limit.
    #[error("the file is {size} bytes, more than the limit of {limit} bytes (64 MiB)")]
    TooLarge {
        /// Size of the file.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The text in a workbook is larger than the limit once unpacked.
    #[error("the sheet holds more than {limit} bytes of text, more than Powermap imports")]
    TooMuchText {
        /// The limit.
        limit: usize,
    },
    /// More data rows than the limit.
    #[error("the file has more than {limit} rows of contacts; split it into smaller files")]
    TooManyRows {
        /// The limit.
        limit: usize,
    },
    /// More columns than the limit.
    #[error("row {row} has more than {limit} columns, more than a contact list needs")]
    TooManyColumns {
        /// The spreadsheet row number.
        row: usize,
        /// The limit.
        limit: usize,
    },
    /// More cells than the limit.
    #[error(
        "the file has more than {limit} cells; remove the columns you do not need \
         or split it into smaller files"
    )]
    TooManyCells {
        /// The limit.
        limit: usize,
    },
    /// Nothing in the file, not even a header row.
    #[error("the file is empty: there is no header row")]
    Empty,
    /// The CSV parser gave up.
    #[error("not a readable CSV file: {message}")]
    Csv {
        /// The parser's reason.
        message: String,
    },
    /// Not a workbook calamine can read.
    #[error("not a readable Excel workbook (.xlsx): {message}")]
    Workbook {
        /// The reader's reason.
        message: String,
    },
    /// The workbook has no worksheet at all.
    #[error("the workbook has no worksheet")]
    NoWorksheet,
    /// `--sheet` named a sheet the workbook does not have.
    #[error("the workbook has no sheet named \"{sheet}\"; its sheets are: {}", available.join(", "))]
    NoSuchSheet {
        /// The requested sheet.
        sheet: String,
        /// The sheets the workbook has, in workbook order.
        available: Vec<String>,
    },
    /// No column holds names.
    #[error(
        "the file has no name column: found {}; map a column to \"name\" \
         (or columns to \"first_name\" and \"last_name\")",
        found_list(.headers)
    )]
    NoNameColumn {
        /// The column headers of the file.
        headers: Vec<String>,
    },
    /// A mapping override names a column the file does not have.
    #[error("no column is headed \"{header}\"; the columns are: {}", found_list(.headers))]
    UnknownHeader {
        /// The header asked for.
        header: String,
        /// The column headers of the file.
        headers: Vec<String>,
    },
    /// A mapping override names an unknown field.
    #[error("\"{field}\" is not a field; use one of: {expected}")]
    UnknownField {
        /// The field asked for.
        field: String,
        /// The field names, comma-separated.
        expected: String,
    },
    /// A mapping override is not of the form `Header=field`.
    #[error("\"{text}\" is not of the form \"Header=field\"")]
    BadOverride {
        /// The override as given.
        text: String,
    },
    /// The column mapping was made for a table with other columns.
    #[error("the column mapping does not belong to this file (its columns differ)")]
    MappingMismatch,
    /// The map would hold more people than the limit.
    #[error(
        "the map would hold {count} people, more than the limit of {limit}; import fewer contacts"
    )]
    TooManyPeople {
        /// People after the import.
        count: usize,
        /// The limit.
        limit: usize,
    },
}

/// "Company, Phone, Email" for messages; at most a dozen, then "…".
fn found_list(headers: &[String]) -> String {
    const SHOWN: usize = 12;
    let named: Vec<String> = headers
        .iter()
        .filter(|h| !h.trim().is_empty())
        .map(|h| super::text::shorten(h.trim(), 40))
        .collect();
    if named.is_empty() {
        return "no column headers".to_owned();
    }
    let mut text = named
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if named.len() > SHOWN {
        text.push_str(", …");
    }
    text
}
