//! A contact list read from a file: header cells, data rows with their spreadsheet
//! row numbers, and how the file was read.

use std::io::Read;
use std::path::Path;

use super::{ImportError, delimited, xlsx};

/// Largest contact file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Most data rows (not counting the header and empty rows) in one file.
pub const MAX_DATA_ROWS: usize = 100_000;
/// Most columns in one row.
pub const MAX_COLUMNS: usize = 1_000;
/// Most cells kept for one file, empty cells between filled ones included (each
/// costs memory even when empty).
pub const MAX_CELLS: usize = 10_000_000;

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
            other => {
                let hint = match other {
                    "xls" | "xlsm" | "xlsb" | "ods" | "numbers" | "et" => {
                        format!("; save this .{other} file as .xlsx or as \"CSV UTF-8\"")
                    }
                    _ => String::new(),
                };
                Err(ImportError::UnsupportedFormat {
                    path: path.to_owned(),
                    hint,
                })
            }
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
    /// One line for the user: `UTF-8, delimiter ","` or `worksheet "Contacts"`.
    pub fn describe(&self) -> String {
        let mut text = match (&self.sheet, self.delimiter) {
            (Some(sheet), _) => format!("Excel workbook, worksheet \"{sheet}\""),
            (None, Some(delimiter)) => {
                format!("{}, delimiter {}", self.encoding, delimiter_name(delimiter))
            }
            (None, None) => self.encoding.clone(),
        };
        if self.lossy {
            text.push_str(" (some bytes could not be decoded and were replaced with �)");
        }
        text
    }
}

/// `","`, `";"` or `tab` for messages.
pub fn delimiter_name(delimiter: char) -> String {
    if delimiter == '\t' {
        "tab".to_owned()
    } else {
        format!("\"{delimiter}\"")
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
}

/// The header of `column` in `headers`, or "column C" when it is empty.
pub fn column_label(headers: &[String], column: usize) -> String {
    match headers.get(column).map(|h| h.trim()) {
        Some(header) if !header.is_empty() => header.to_owned(),
        _ => format!("column {}", super::text::column_letters(column)),
    }
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
    let read_error = |source| ImportError::Read {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let size = file.metadata().map_err(read_error)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // At most one byte past the limit, in case the file grows while we read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    Ok(bytes)
}
