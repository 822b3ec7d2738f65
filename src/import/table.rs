//! A contact list read from a file: header cells, data rows with their spreadsheet
//! row numbers, and how the file was read.

use std::path::Path;

use super::encoding::UTF8_BOM;
use super::error::format_hint;
use super::{ImportError, delimited, xlsx};
use crate::lang::Language;

/// Largest contact file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Most data rows (not counting the header and empty rows) in one file.
pub const MAX_DATA_ROWS: usize = 100_000;
/// Most columns in one row.
pub const MAX_COLUMNS: usize = 1_000;
/// Most cells kept for one file, empty cells between filled ones included (each
/// costs memory even when empty: 24 bytes, and a short text about 56). 100,000
/// rows of 15 columns; the cells of a full table take about 100 MB.
pub const MAX_CELLS: usize = 1_500_000;

/// The kind of file, chosen by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    /// Delimited text: `.csv`, `.tsv`, `.txt` (comma, semicolon or tab).
    Delimited,
    /// An Excel workbook: `.xlsx`.
    Xlsx,
}

impl TableFormat {
    /// The format for a file name, or an error naming the supported extensions.
    pub fn from_path(path: &Path) -> Result<Self, ImportError> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match extension.as_str() {
            "csv" | "tsv" | "txt" => Ok(Self::Delimited),
            "xlsx" => Ok(Self::Xlsx),
            other => Err(ImportError::UnsupportedFormat {
                path: path.to_owned(),
                hint: format_hint(other, Language::English),
            }),
        }
    }
}

/// How a table was read, for the user to check.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SourceInfo {
    /// The file name (without folders), used in each new person's `source`.
    pub file_name: String,
    /// The text encoding of a CSV file, such as "UTF-8" or "GB18030 (GBK)"; "xlsx"
    /// for a workbook.
    pub encoding: String,
    /// Whether some bytes could not be decoded and were replaced with U+FFFD.
    pub lossy: bool,
    /// The delimiter of a CSV file.
    pub delimiter: Option<char>,
    /// The worksheet read from a workbook.
    pub sheet: Option<String>,
}

impl SourceInfo {
    /// One line for the user in English: `UTF-8, delimiter ","` or
    /// `Excel workbook, worksheet "Contacts"` (the command line prints it).
    pub fn describe(&self) -> String {
        self.describe_in(Language::English)
    }

    /// One line for the user in `language`: `UTF-8, delimiter ","` or
    /// `GB18030 (GBK)，分隔符“,”`.
    pub fn describe_in(&self, language: Language) -> String {
        let chinese = language == Language::Chinese;
        let encoding = if chinese && self.encoding == UTF8_BOM {
            "UTF-8（带 BOM）"
        } else {
            self.encoding.as_str()
        };
        let mut text = match (&self.sheet, self.delimiter, chinese) {
            (Some(sheet), _, false) => format!("Excel workbook, worksheet \"{sheet}\""),
            (Some(sheet), _, true) => format!("Excel 工作簿，工作表“{sheet}”"),
            (None, Some(delimiter), false) => {
                format!("{encoding}, delimiter {}", delimiter_name(delimiter))
            }
            (None, Some(delimiter), true) => {
                format!(
                    "{encoding}，分隔符{}",
                    delimiter_name_in(delimiter, language)
                )
            }
            (None, None, _) => encoding.to_owned(),
        };
        text.push_str(match (self.lossy, chinese) {
            (false, _) => "",
            (true, false) => " (some bytes could not be decoded and were replaced with �)",
            (true, true) => "（有些字节无法解码，已替换为 �）",
        });
        text
    }
}

/// `","`, `";"` or `tab` for messages.
pub fn delimiter_name(delimiter: char) -> String {
    delimiter_name_in(delimiter, Language::English)
}

/// `","` or `tab` in English, `“,”` or `制表符` in Chinese.
fn delimiter_name_in(delimiter: char, language: Language) -> String {
    match (delimiter, language) {
        ('\t', Language::English) => "tab".to_owned(),
        ('\t', Language::Chinese) => "制表符".to_owned(),
        (_, Language::English) => format!("\"{delimiter}\""),
        (_, Language::Chinese) => format!("“{delimiter}”"),
    }
}

/// How messages name a column: by its header, or by its letter when the header
/// cell is empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnLabel {
    /// The header, trimmed.
    Header(String),
    /// The spreadsheet letters of a column without a header, such as "C".
    Letter(String),
}

impl ColumnLabel {
    /// The label of `column` in `headers`.
    pub fn of(headers: &[String], column: usize) -> Self {
        match headers.get(column).map(|h| h.trim()) {
            Some(header) if !header.is_empty() => Self::Header(header.to_owned()),
            _ => Self::Letter(super::text::column_letters(column)),
        }
    }

    /// The same label with its header shortened to `max_chars` for messages.
    pub fn shortened(self, max_chars: usize) -> Self {
        match self {
            Self::Header(header) => Self::Header(super::text::shorten(&header, max_chars)),
            letter @ Self::Letter(_) => letter,
        }
    }

    /// The header, or "column C" (English) / "C 列" (Chinese).
    pub fn text(&self, language: Language) -> String {
        match (self, language) {
            (Self::Header(header), _) => header.clone(),
            (Self::Letter(letters), Language::English) => format!("column {letters}"),
            (Self::Letter(letters), Language::Chinese) => format!("{letters} 列"),
        }
    }
}

/// One data row.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Row {
    /// Its spreadsheet row number; the header is normally row 1.
    pub number: usize,
    /// Its cells by column, as text. Trailing empty cells may be missing: read
    /// them with [`Row::cell`].
    pub cells: Vec<String>,
}

impl Row {
    /// The text of the cell in `column`, or "" when the row is shorter.
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }

    /// Whether every cell is empty or blank.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// A contact list: one header row and the data rows below it. Entirely empty rows
/// are left out (spreadsheets produce them); the others keep their row numbers.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Table {
    /// The header cells, trimmed; as many as the widest row has cells (missing
    /// header cells are "").
    pub headers: Vec<String>,
    /// The data rows, in file order.
    pub rows: Vec<Row>,
    /// How the file was read.
    pub source: SourceInfo,
}

impl Table {
    /// Builds a table from rows of cells: the first non-blank row is the header.
    /// Refuses more than [`MAX_DATA_ROWS`] non-blank data rows or more than
    /// [`MAX_COLUMNS`] columns.
    pub fn from_rows(
        rows: impl IntoIterator<Item = Row>,
        source: SourceInfo,
    ) -> Result<Self, ImportError> {
        let mut rows = rows.into_iter().filter(|r| !r.is_blank());
        let header = rows.next().ok_or(ImportError::Empty)?;
        let mut width = header.cells.len();
        let mut data = Vec::new();
        for row in rows {
            if data.len() >= MAX_DATA_ROWS {
                return Err(ImportError::TooManyRows {
                    limit: MAX_DATA_ROWS,
                });
            }
            width = width.max(trimmed_len(&row.cells));
            data.push(row);
        }
        if width > MAX_COLUMNS {
            let row = std::iter::once(&header)
                .chain(&data)
                .find(|r| trimmed_len(&r.cells) > MAX_COLUMNS)
                .map_or(header.number, |r| r.number);
            return Err(ImportError::TooManyColumns {
                row,
                limit: MAX_COLUMNS,
            });
        }
        let mut headers: Vec<String> = header.cells.iter().map(|h| h.trim().to_owned()).collect();
        headers.resize(width, String::new());
        Ok(Self {
            headers,
            rows: data,
            source,
        })
    }

    /// The header of `column`, or "column C" when its header cell is empty.
    pub fn column_label(&self, column: usize) -> String {
        column_label(&self.headers, column)
    }

    /// The header of `column`, or "column C" / "C 列" in `language` when its
    /// header cell is empty.
    pub fn column_label_in(&self, column: usize, language: Language) -> String {
        ColumnLabel::of(&self.headers, column).text(language)
    }
}

/// The header of `column` in `headers`, or "column C" when it is empty.
pub fn column_label(headers: &[String], column: usize) -> String {
    ColumnLabel::of(headers, column).text(Language::English)
}

/// Number of cells up to the last non-empty one.
fn trimmed_len(cells: &[String]) -> usize {
    cells
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map_or(0, |last| last + 1)
}

/// Reads the contact list at `path`: CSV/TSV/TXT or XLSX by its extension. For a
/// workbook, `sheet` names the worksheet (default: the first visible one).
pub fn read_table(path: &Path, sheet: Option<&str>) -> Result<Table, ImportError> {
    let format = TableFormat::from_path(path)?;
    let bytes = read_bytes(path)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    read_table_bytes(&bytes, format, &file_name, sheet)
}

/// Reads a contact list from its bytes (for tests and the app). `file_name` is
/// recorded in [`SourceInfo::file_name`]; `sheet` only matters for workbooks.
pub fn read_table_bytes(
    bytes: &[u8],
    format: TableFormat,
    file_name: &str,
    sheet: Option<&str>,
) -> Result<Table, ImportError> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let mut table = match format {
        TableFormat::Delimited => delimited::read(bytes)?,
        TableFormat::Xlsx => xlsx::read(bytes, sheet)?,
    };
    table.source.file_name = file_name.to_owned();
    Ok(table)
}

/// The bytes of `path`, refusing files over the limit before reading them.
fn read_bytes(path: &Path) -> Result<Vec<u8>, ImportError> {
    crate::files::read_limited(path, MAX_FILE_BYTES).map_err(|err| match err {
        crate::files::LimitedReadError::Io(source) => ImportError::Read {
            path: path.to_owned(),
            source,
        },
        crate::files::LimitedReadError::TooLarge(size) => ImportError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn how_a_file_was_read_is_described_in_either_language() {
        let csv = SourceInfo {
            encoding: "GB18030 (GBK)".to_owned(),
            delimiter: Some(','),
            ..SourceInfo::default()
        };
        assert_eq!(csv.describe(), "GB18030 (GBK), delimiter \",\"");
        assert_eq!(
            csv.describe_in(Language::Chinese),
            "GB18030 (GBK)，分隔符“,”"
        );
        let tsv = SourceInfo {
            encoding: UTF8_BOM.to_owned(),
            delimiter: Some('\t'),
            lossy: true,
            ..SourceInfo::default()
        };
        assert_eq!(
            tsv.describe_in(Language::English),
            "UTF-8 with BOM, delimiter tab \
             (some bytes could not be decoded and were replaced with �)"
        );
        assert_eq!(
            tsv.describe_in(Language::Chinese),
            "UTF-8（带 BOM），分隔符制表符（有些字节无法解码，已替换为 �）"
        );
        let sheet = SourceInfo {
            encoding: "xlsx".to_owned(),
            sheet: Some("Contacts".to_owned()),
            ..SourceInfo::default()
        };
        assert_eq!(sheet.describe(), "Excel workbook, worksheet \"Contacts\"");
        assert_eq!(
            sheet.describe_in(Language::Chinese),
            "Excel 工作簿，工作表“Contacts”"
        );
    }

    #[test]
    fn columns_without_a_header_are_named_by_letter() {
        let table = Table {
            headers: vec!["Name".to_owned(), " ".to_owned(), String::new()],
            ..Table::default()
        };
        assert_eq!(table.column_label(0), "Name");
        assert_eq!(table.column_label(1), "column B");
        assert_eq!(table.column_label_in(2, Language::Chinese), "C 列");
        assert_eq!(table.column_label_in(0, Language::Chinese), "Name");
        assert_eq!(
            ColumnLabel::of(&table.headers, 0).shortened(2),
            ColumnLabel::Header("Na…".to_owned())
        );
    }
}
