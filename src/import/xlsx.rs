//! Excel workbooks (.xlsx) through calamine, read cell by cell so that the row and
//! text limits stop a hostile file early.
//!
//! Cells become text the way a person reads them in Excel: integers without ".0"
//! (phone numbers), other numbers in their shortest exact form, booleans as TRUE /
//! FALSE, dates as YYYY-MM-DD (with HH:MM:SS when there is a time of day, or only
//! the time when there is no date), durations as H:MM:SS, error cells (#N/A…) as
//! empty.

use std::collections::BTreeMap;
use std::rc::Rc;

use calamine::{DataRef, ExcelDateTime, Reader, SheetType, SheetVisible, Xlsx};

use super::ImportError;
use super::archive;
use super::refusal::{Damage, WorkbookRefusal};
use super::table::{MAX_CELLS, MAX_COLUMNS, MAX_DATA_ROWS, Row, SourceInfo, Table};
use super::unpack::{BoundedArchive, Budgets, Progress};

/// Most text taken from one sheet, in bytes. A workbook is compressed, so its
/// text can be far larger than the file; this bounds what the table holds. A
/// contact list of 100,000 rows and 9 columns holds about 12 MiB.
pub const MAX_SHEET_TEXT_BYTES: usize = 32 * 1024 * 1024;

/// Excel's serial number of 9999-12-31, the last date it shows.
const LAST_EXCEL_DAY: f64 = 2_958_465.0;

/// Reads one worksheet of the workbook in `bytes`.
///
/// The workbook reader never sees the archive itself, only its parts unpacked
/// on demand within budgets (see [`super::unpack`]), so a workbook built to
/// unpack to gigabytes is refused after reading a little more than its limits.
pub fn read(bytes: &[u8], sheet: Option<&str>) -> Result<Table, ImportError> {
    // The workbook reader is a third-party parser of a complex format: should it
    // ever panic on a broken file, the user gets an error, not a crash.
    std::panic::catch_unwind(|| read_unguarded(bytes, sheet)).unwrap_or_else(|_| {
        Err(ImportError::Workbook {
            message: super::error::DAMAGED_WORKBOOK.to_owned(),
        })
    })
}

fn read_unguarded(bytes: &[u8], sheet: Option<&str>) -> Result<Table, ImportError> {
    let parts = match archive::parts(bytes) {
        Ok(parts) => parts,
        Err(WorkbookRefusal::Damaged {
            reason: Damage::NoDirectory,
        }) if bytes.starts_with(&OLE_SIGNATURE) => {
            return Err(ImportError::Archive(WorkbookRefusal::Protected));
        }
        Err(WorkbookRefusal::Damaged {
            reason: Damage::NoDirectory,
        }) => {
            return Err(ImportError::Workbook {
                message: super::error::DAMAGED_WORKBOOK.to_owned(),
            });
        }
        Err(refusal) => return Err(ImportError::Archive(refusal)),
    };
    let progress = Rc::new(Progress::new(Budgets::default()));
    let result = read_sheet(
        BoundedArchive::new(bytes, parts, Rc::clone(&progress)),
        sheet,
        &progress,
    );
    // A limit reached inside the workbook reader comes back as its own error (or
    // not at all): the reason recorded is the one to give.
    match progress.refusal() {
        Some(refusal) => Err(ImportError::Archive(refusal)),
        None => result,
    }
}

/// The first bytes of an OLE compound file: an encrypted workbook, or an old
/// .xls one.
const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn read_sheet(
    archive: BoundedArchive<'_>,
    sheet: Option<&str>,
    progress: &Progress,
) -> Result<Table, ImportError> {
    let mut workbook: Xlsx<_> = Xlsx::new(archive).map_err(workbook_error)?;
    let name = choose_sheet(&workbook, sheet)?;
    progress.cell_read();
    let mut cells = workbook
        .worksheet_cells_reader(&name)
        .map_err(workbook_error)?;
    let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    let mut text_bytes = 0usize;
    let mut cells_kept = 0usize;
    let mut last_row = None;
    while let Some(cell) = cells.next_cell().map_err(workbook_error)? {
        progress.cell_read();
        let text = cell_text(cell.get_value());
        if text.trim().is_empty() {
            continue;
        }
        let (row, column) = cell.get_position();
        let column = usize::try_from(column).unwrap_or(usize::MAX);
        let number = usize::try_from(row).unwrap_or(usize::MAX).saturating_add(1);
        if column >= MAX_COLUMNS {
            return Err(ImportError::TooManyColumns {
                row: number,
                limit: MAX_COLUMNS,
            });
        }
        text_bytes = text_bytes.saturating_add(text.len());
        if text_bytes > MAX_SHEET_TEXT_BYTES {
            return Err(ImportError::TooMuchText {
                limit: MAX_SHEET_TEXT_BYTES,
            });
        }
        if last_row != Some(row) {
            // The row before is complete (rows come in order, nearly always):
            // give back what growing it reserved.
            if let Some(cells) = last_row.and_then(|r| rows.get_mut(&r)) {
                cells.shrink_to_fit();
            }
            last_row = Some(row);
        }
        let slots = rows.entry(row).or_default();
        if slots.len() <= column {
            cells_kept += column + 1 - slots.len();
            if cells_kept > MAX_CELLS {
                return Err(ImportError::TooManyCells { limit: MAX_CELLS });
            }
            slots.resize(column + 1, String::new());
        }
        if let Some(slot) = slots.get_mut(column) {
            *slot = text;
        }
        // The header plus the data rows.
        if rows.len() > MAX_DATA_ROWS + 1 {
            return Err(ImportError::TooManyRows {
                limit: MAX_DATA_ROWS,
            });
        }
    }
    let rows = rows.into_iter().map(|(row, cells)| Row {
        number: usize::try_from(row).unwrap_or(usize::MAX).saturating_add(1),
        cells,
    });
    let source = SourceInfo {
        encoding: "xlsx".to_owned(),
        sheet: Some(name),
        ..SourceInfo::default()
    };
    Table::from_rows(rows, source)
}

fn workbook_error(err: calamine::XlsxError) -> ImportError {
    ImportError::Workbook {
        message: err.to_string(),
    }
}

/// The worksheet named `wanted` (exactly, else ignoring case), or the first
/// visible worksheet.
fn choose_sheet<R: std::io::Read + std::io::Seek>(
    workbook: &Xlsx<R>,
    wanted: Option<&str>,
) -> Result<String, ImportError> {
    let sheets = workbook.sheets_metadata();
    let worksheets: Vec<&calamine::Sheet> = sheets
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .collect();
    let Some(wanted) = wanted else {
        return worksheets
            .iter()
            .find(|s| s.visible == SheetVisible::Visible)
            .or_else(|| worksheets.first())
            .map(|s| s.name.clone())
            .ok_or(ImportError::NoWorksheet);
    };
    let wanted_trimmed = wanted.trim();
    worksheets
        .iter()
        .find(|s| s.name == wanted_trimmed)
        .or_else(|| {
            let lower = wanted_trimmed.to_lowercase();
            worksheets.iter().find(|s| s.name.to_lowercase() == lower)
        })
        .map(|s| s.name.clone())
        .ok_or_else(|| ImportError::NoSuchSheet {
            sheet: wanted.to_owned(),
            available: worksheets.iter().map(|s| s.name.clone()).collect(),
        })
}

/// A cell as the text a person sees in Excel (see the module docs).
pub fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(n) => n.to_string(),
        DataRef::Float(x) => number_text(*x),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(dt) => date_time_text(dt),
        DataRef::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).replace('T', " "),
        DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

/// Integers without a decimal point (13800138000, not 13800138000.0); other
/// numbers in their shortest exact form.
pub fn number_text(x: f64) -> String {
    if x == 0.0 {
        // Also -0.0.
        return "0".to_owned();
    }
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{x:.0}");
    }
    format!("{x}")
}

/// A date as YYYY-MM-DD, a date and time as YYYY-MM-DD HH:MM:SS, a time alone as
/// HH:MM:SS, a duration as H:MM:SS; serial numbers outside Excel's dates as numbers.
fn date_time_text(dt: &ExcelDateTime) -> String {
    let serial = dt.as_f64();
    if !serial.is_finite() {
        return String::new();
    }
    if dt.is_duration() {
        return duration_text(serial);
    }
    if !(0.0..LAST_EXCEL_DAY + 1.0).contains(&serial) {
        return number_text(serial);
    }
    let (year, month, day, hour, minute, second, _) = dt.to_ymd_hms_milli();
    let time = format!("{hour:02}:{minute:02}:{second:02}");
    if serial < 1.0 {
        time
    } else if (hour, minute, second) == (0, 0, 0) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02} {time}")
    }
}

/// A duration in days as H:MM:SS (hours may exceed 24).
fn duration_text(days: f64) -> String {
    let total = (days.abs() * 86_400.0).round();
    if total >= 1e15 {
        return number_text(days);
    }
    // Exact: `total` is a whole number below 1e15.
    let seconds = total as u64;
    let sign = if days < 0.0 { "-" } else { "" };
    format!(
        "{sign}{}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

#[cfg(test)]
mod tests {
    use calamine::ExcelDateTimeType;

    use super::*;

    #[test]
    fn numbers_read_as_people_write_them() {
        assert_eq!(number_text(13_800_138_000.0), "13800138000");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(2.5), "2.5");
        assert_eq!(number_text(0.1), "0.1");
        assert_eq!(cell_text(&DataRef::Bool(true)), "TRUE");
        assert_eq!(cell_text(&DataRef::Int(42)), "42");
    }

    #[test]
    fn dates_and_durations() {
        let date = |v| ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&DataRef::DateTime(date(45_943.0))), "2025-10-13");
        assert_eq!(
            cell_text(&DataRef::DateTime(date(45_943.5))),
            "2025-10-13 12:00:00"
        );
        assert_eq!(cell_text(&DataRef::DateTime(date(0.75))), "18:00:00");
        assert_eq!(
            cell_text(&DataRef::DateTime(date(1e300))),
            format!("{}", 1e300)
        );
        assert_eq!(cell_text(&DataRef::DateTime(date(-5.0))), "-5");
        let duration = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(cell_text(&DataRef::DateTime(duration)), "36:00:00");
        assert_eq!(
            cell_text(&DataRef::DateTimeIso("2024-03-05T00:00:00".into())),
            "2024-03-05"
        );
    }
}
