//! Hostile workbooks: archives that lie about their sizes ("zip bombs"), parts
//! over their limits, damaged archives. Each is refused with its own error after
//! unpacking little more than the limit; honest workbooks still import.

mod common;

use common::workbook::{Entry, SHEET_HEAD, SHEET_TAIL, sheet, workbook, workbook_parts, zip};
use powermap::import::{
    Damage, ImportError, MAX_CELL_BYTES, MAX_CELLS, MAX_PARTS, MAX_SHARED_TEXT_BYTES,
    MAX_SHARED_TEXTS, MAX_SHEET_BYTES, MAX_SHEET_TEXT_BYTES, TableFormat, WorkbookRefusal,
    read_table_bytes,
};

const SHEET: &str = "xl/worksheets/sheet1.xml";
const TEXTS: &str = "xl/sharedStrings.xml";

fn read(bytes: &[u8]) -> Result<powermap::import::Table, ImportError> {
    read_table_bytes(bytes, TableFormat::Xlsx, "bomb.xlsx", None)
}

fn refusal(bytes: &[u8]) -> WorkbookRefusal {
    match read(bytes) {
        Err(ImportError::Archive(refusal)) => refusal,
        Ok(table) => panic!("expected a refused archive, read {} rows", table.rows.len()),
        Err(other) => panic!("expected a refused archive, got: {other}"),
    }
}

/// A sheet of one header row that unpacks to about `megabytes` MB of empty rows.
fn bomb_sheet(megabytes: usize) -> Entry {
    let head = [
        SHEET_HEAD,
        br#"<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>"#,
    ]
    .concat();
    Entry::repeated(
        SHEET,
        &head,
        b"<row/>",
        megabytes * 1_000_000 / 6,
        SHEET_TAIL,
    )
}

#[test]
fn the_workbooks_built_here_are_read_as_written() {
    let table = read(&workbook(&[&["Name", "Title"], &["Ann Lee", "CTO"]])).unwrap();
    assert_eq!(table.headers, ["Name", "Title"]);
    assert_eq!(table.rows[0].cells, ["Ann Lee", "CTO"]);
}

#[test]
fn a_sheet_declaring_1000_bytes_that_unpacks_to_300_mb_is_refused_at_1000() {
    let mut entries = workbook_parts();
    let mut bomb = bomb_sheet(300);
    bomb.declared_size = 1000;
    entries.push(bomb);
    let bytes = zip(&entries);
    assert!(
        bytes.len() < 1_000_000,
        "a bomb is small: {} bytes",
        bytes.len()
    );
    assert_eq!(
        refusal(&bytes),
        WorkbookRefusal::SizeLie {
            part: SHEET.to_owned(),
            declared: 1000
        }
    );
}

#[test]
fn shared_texts_declaring_1000_bytes_that_unpack_to_300_mb_are_refused_at_1000() {
    let mut entries = workbook_parts();
    let mut bomb = Entry::repeated(
        TEXTS,
        b"<sst>",
        b"<si><t>Ann</t></si>",
        300_000_000 / 19,
        b"</sst>",
    );
    bomb.declared_size = 1000;
    entries.push(bomb);
    entries.push(Entry::deflated(SHEET, &sheet(&[&["Name"], &["Bo"]])));
    assert_eq!(
        refusal(&zip(&entries)),
        WorkbookRefusal::SizeLie {
            part: TEXTS.to_owned(),
            declared: 1000
        }
    );
}

#[test]
fn parts_declaring_more_than_their_limit_are_refused_before_unpacking() {
    let mut entries = workbook_parts();
    let mut sheet = bomb_sheet(1);
    sheet.declared_size = MAX_SHEET_BYTES + 1;
    entries.push(sheet);
    assert_eq!(
        refusal(&zip(&entries)),
        WorkbookRefusal::PartTooLarge {
            part: SHEET.to_owned(),
            limit: MAX_SHEET_BYTES
        }
    );
    let mut entries = workbook_parts();
    let mut texts = Entry::deflated(TEXTS, b"<sst/>");
    texts.declared_size = MAX_SHARED_TEXT_BYTES + 1;
    entries.push(texts);
    assert!(matches!(
        refusal(&zip(&entries)),
        WorkbookRefusal::PartTooLarge { part, .. } if part == TEXTS
    ));
}

#[test]
fn too_many_shared_texts_are_refused() {
    let count = usize::try_from(MAX_SHARED_TEXTS).unwrap() + 1;
    let texts = [b"<sst>".as_slice(), &b"<si/>".repeat(count), b"</sst>"].concat();
    let mut entries = workbook_parts();
    entries.push(Entry::deflated(TEXTS, &texts));
    entries.push(Entry::deflated(SHEET, &sheet(&[&["Name"]])));
    assert_eq!(
        refusal(&zip(&entries)),
        WorkbookRefusal::TooManyTexts {
            limit: MAX_SHARED_TEXTS
        }
    );
}

#[test]
fn a_cell_larger_than_excel_allows_is_refused() {
    // Over the limit by more than what the reader reads ahead.
    let huge = "x".repeat(usize::try_from(MAX_CELL_BYTES).unwrap() + 64 * 1024);
    let mut entries = workbook_parts();
    entries.push(Entry::deflated(SHEET, &sheet(&[&["Name"], &[&huge]])));
    assert_eq!(
        refusal(&zip(&entries)),
        WorkbookRefusal::CellTooLarge {
            limit: MAX_CELL_BYTES
        }
    );
}

#[test]
fn parts_that_are_never_read_cost_nothing_even_when_they_lie() {
    let mut entries = workbook_parts();
    entries.push(Entry::deflated(SHEET, &sheet(&[&["Name"], &["Ann"]])));
    let mut picture = Entry::repeated("xl/media/image1.png", b"", b"\0", 50_000_000, b"");
    picture.declared_size = 10;
    entries.push(picture);
    let mut other = bomb_sheet(1);
    other.name = "xl/worksheets/sheet2.xml".to_owned();
    other.declared_size = u64::from(u32::MAX);
    entries.push(other);
    let table = read(&zip(&entries)).unwrap();
    assert_eq!(table.rows[0].cells, ["Ann"]);
}

#[test]
fn damaged_archives_say_what_is_damaged() {
    // Cut in the middle of its markup, while the archive declares it whole.
    let whole = sheet(&[&["Name"], &["Ann"]]);
    let mut entries = workbook_parts();
    let mut short = Entry::deflated(SHEET, &whole[..whole.len() / 2]);
    short.declared_size = whole.len() as u64;
    entries.push(short);
    assert_eq!(
        refusal(&zip(&entries)),
        WorkbookRefusal::Damaged {
            reason: Damage::PartTooShort {
                part: SHEET.to_owned()
            }
        }
    );
    let mut entries = workbook_parts();
    let mut broken = Entry::deflated(SHEET, &sheet(&[&["Name"]]));
    broken.packed.iter_mut().for_each(|b| *b = !*b);
    entries.push(broken);
    assert!(matches!(
        read(&zip(&entries)),
        Err(ImportError::Archive(WorkbookRefusal::Damaged { .. }) | ImportError::Workbook { .. })
    ));
}

#[test]
fn encrypted_workbooks_and_too_many_parts_are_refused() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    assert_eq!(refusal(&ole), WorkbookRefusal::Protected);
    let entries: Vec<Entry> = (0..=MAX_PARTS)
        .map(|i| Entry::stored(&format!("p{i}"), b""))
        .collect();
    assert_eq!(
        refusal(&zip(&entries)),
        WorkbookRefusal::TooManyParts { limit: MAX_PARTS }
    );
}

#[test]
fn the_cells_and_text_held_are_bounded_whatever_the_archive_holds() {
    // A cell in column ALL (the thousandth) makes its row hold a thousand cells.
    let rows = MAX_CELLS / 1000 + 1;
    let mut xml = SHEET_HEAD.to_vec();
    for r in 1..=rows {
        xml.extend_from_slice(
            format!("<row r=\"{r}\"><c r=\"ALL{r}\"><v>1</v></c></row>").as_bytes(),
        );
    }
    xml.extend_from_slice(SHEET_TAIL);
    let mut entries = workbook_parts();
    entries.push(Entry::deflated(SHEET, &xml));
    assert!(matches!(
        read(&zip(&entries)),
        Err(ImportError::TooManyCells { limit }) if limit == MAX_CELLS
    ));

    // Cells each within the limit for one cell, together over the text limit.
    let cell = "y".repeat(usize::try_from(MAX_CELL_BYTES).unwrap() / 2);
    let count = MAX_SHEET_TEXT_BYTES / cell.len() + 1;
    let cells: Vec<&str> = std::iter::repeat_n(cell.as_str(), count).collect();
    let mut entries = workbook_parts();
    entries.push(Entry::deflated(SHEET, &sheet(&[&["Name"], &cells])));
    assert!(matches!(
        read(&zip(&entries)),
        Err(ImportError::TooMuchText { limit }) if limit == MAX_SHEET_TEXT_BYTES
    ));
}
