//! Delimited text (CSV, TSV): decoding, delimiter detection and an RFC 4180
//! reader.
//!
//! The reader is ours rather than the `csv` crate's because it must give each
//! record the row number a spreadsheet shows (blank lines count as rows, line
//! breaks inside quoted cells do not) and must cap the columns of a row while
//! reading, so that a hostile line of a million commas costs nothing. The `csv`
//! crate serves as the reference in the property tests.

use super::ImportError;
use super::encoding::decode;
use super::table::{MAX_CELLS, MAX_COLUMNS, MAX_DATA_ROWS, Row, SourceInfo, Table};

/// Delimiters tried, in order of preference when counts tie.
const DELIMITERS: [char; 3] = [',', ';', '\t'];

/// Reads a delimited file: decodes it, finds the delimiter, splits the records.
pub fn read(bytes: &[u8]) -> Result<Table, ImportError> {
    let decoded = decode(bytes);
    let delimiter = detect_delimiter(&decoded.text);
    let rows = parse(&decoded.text, delimiter)?;
    let source = SourceInfo {
        encoding: decoded.encoding.to_owned(),
        lossy: decoded.lossy,
        delimiter: Some(delimiter),
        ..SourceInfo::default()
    };
    Table::from_rows(rows, source)
}

/// The delimiter used most often in the first non-blank record (outside quotes);
/// a comma when there is none.
pub fn detect_delimiter(text: &str) -> char {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut in_quotes = false;
    let mut at_field_start = true;
    let mut seen_content = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' && chars.next_if_eq(&'"').is_none() {
                in_quotes = false;
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                in_quotes = true;
                at_field_start = false;
                seen_content = true;
            }
            '\n' | '\r' => {
                if seen_content {
                    break;
                }
                at_field_start = true;
            }
            _ => {
                let slot = DELIMITERS.iter().position(|d| *d == c);
                if let Some(count) = slot.and_then(|i| counts.get_mut(i)) {
                    *count += 1;
                }
                at_field_start = slot.is_some();
                seen_content |= !c.is_whitespace();
            }
        }
    }
    let mut best = ',';
    let mut best_count = 0;
    for (delimiter, count) in DELIMITERS.iter().zip(counts) {
        if count > best_count {
            best = *delimiter;
            best_count = count;
        }
    }
    best
}

/// Splits `text` into rows of cells (RFC 4180: quoted cells may hold delimiters,
/// line breaks and doubled quotes; CRLF, LF or CR end a record). Lenient like
/// spreadsheets: a quote inside an unquoted cell is kept as text, text after a
/// closing quote is appended, and an unclosed quote runs to the end of the file.
/// Trailing empty cells are dropped.
pub fn parse(text: &str, delimiter: char) -> Result<Vec<Row>, ImportError> {
    let mut reader = Records::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if reader.in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    reader.field.push('"');
                } else {
                    reader.in_quotes = false;
                }
            } else {
                reader.field.push(c);
            }
            continue;
        }
        match c {
            '"' if reader.field.is_empty() && !reader.field_was_quoted => {
                reader.in_quotes = true;
                reader.field_was_quoted = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                reader.end_record()?;
            }
            _ if c == delimiter => reader.end_field()?,
            _ => reader.field.push(c),
        }
    }
    if reader.line_has_content() {
        reader.end_record()?;
    }
    Ok(reader.rows)
}

/// The state of [`parse`].
struct Records {
    rows: Vec<Row>,
    cells: Vec<String>,
    field: String,
    in_quotes: bool,
    field_was_quoted: bool,
    /// Empty cells seen since the last non-empty one; stored only when a
    /// non-empty cell follows, so trailing empty cells cost nothing.
    pending_empty: usize,
    /// The spreadsheet row number of the record being read.
    row_number: usize,
    non_blank_rows: usize,
    /// Cells kept so far, for [`MAX_CELLS`].
    cells_kept: usize,
}

impl Records {
    fn new() -> Self {
        Self {
            rows: Vec::new(),
            cells: Vec::new(),
            field: String::new(),
            in_quotes: false,
            field_was_quoted: false,
            pending_empty: 0,
            row_number: 1,
            non_blank_rows: 0,
            cells_kept: 0,
        }
    }

    fn line_has_content(&self) -> bool {
        !self.field.is_empty()
            || self.field_was_quoted
            || !self.cells.is_empty()
            || self.pending_empty > 0
    }

    fn end_field(&mut self) -> Result<(), ImportError> {
        self.field_was_quoted = false;
        if self.field.is_empty() {
            self.pending_empty += 1;
            return Ok(());
        }
        // An exact copy: the buffer grew by doubling and is reused for the next
        // field, so no cell keeps up to twice its size.
        let field = self.field.as_str().to_owned();
        self.field.clear();
        if self.cells.len() + self.pending_empty >= MAX_COLUMNS {
            return Err(ImportError::TooManyColumns {
                row: self.row_number,
                limit: MAX_COLUMNS,
            });
        }
        self.cells_kept += self.pending_empty + 1;
        if self.cells_kept > MAX_CELLS {
            return Err(ImportError::TooManyCells { limit: MAX_CELLS });
        }
        self.cells
            .extend(std::iter::repeat_n(String::new(), self.pending_empty));
        self.pending_empty = 0;
        self.cells.push(field);
        Ok(())
    }

    fn end_record(&mut self) -> Result<(), ImportError> {
        self.end_field()?;
        self.pending_empty = 0;
        let mut cells = std::mem::take(&mut self.cells);
        cells.shrink_to_fit();
        let row = Row {
            number: self.row_number,
            cells,
        };
        self.row_number += 1;
        if !row.is_blank() {
            self.non_blank_rows += 1;
            // The header plus the data rows.
            if self.non_blank_rows > MAX_DATA_ROWS + 1 {
                return Err(ImportError::TooManyRows {
                    limit: MAX_DATA_ROWS,
                });
            }
            self.rows.push(row);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(rows: &[Row]) -> Vec<(usize, Vec<&str>)> {
        rows.iter()
            .map(|r| (r.number, r.cells.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn quoted_cells_keep_delimiters_quotes_and_line_breaks() {
        let rows = parse("a,b\n\"x, \"\"y\"\"\",\"line 1\nline 2\"\nlast,row", ',').unwrap();
        assert_eq!(
            cells(&rows),
            vec![
                (1, vec!["a", "b"]),
                (2, vec!["x, \"y\"", "line 1\nline 2"]),
                (3, vec!["last", "row"]),
            ]
        );
    }

    #[test]
    fn blank_lines_count_as_rows_and_are_left_out() {
        let rows = parse("h\r\n\r\n,,\r\nx\r\n", ',').unwrap();
        assert_eq!(cells(&rows), vec![(1, vec!["h"]), (4, vec!["x"])]);
        let rows = parse("h\rx\r", ',').unwrap();
        assert_eq!(cells(&rows), vec![(1, vec!["h"]), (2, vec!["x"])]);
    }

    #[test]
    fn trailing_empty_cells_are_dropped_and_inner_ones_kept() {
        let rows = parse("a,,b,,,\n", ',').unwrap();
        assert_eq!(cells(&rows), vec![(1, vec!["a", "", "b"])]);
    }

    #[test]
    fn too_many_columns_are_refused_but_many_empty_ones_are_not() {
        let wide = format!("a{}\n", ",".repeat(50_000));
        assert!(parse(&wide, ',').is_ok());
        let wide = format!("{}x\n", ",".repeat(MAX_COLUMNS));
        assert!(matches!(
            parse(&wide, ','),
            Err(ImportError::TooManyColumns { row: 1, .. })
        ));
    }

    #[test]
    fn delimiter_is_the_most_frequent_outside_quotes() {
        assert_eq!(detect_delimiter("a;b;c\n1,2;3"), ';');
        assert_eq!(detect_delimiter("\"a;b;c\",d\n"), ',');
        assert_eq!(detect_delimiter("a\tb\tc,d\n"), '\t');
        assert_eq!(detect_delimiter("name\n"), ',');
        assert_eq!(detect_delimiter("\n\nx;y\n"), ';');
        assert_eq!(detect_delimiter("\"a\"\",b\";c;d\n"), ';');
        assert_eq!(detect_delimiter("Nick\"name;x;y,z\n"), ';');
    }
}
