//! What a [`super::BoundedArchive`] may unpack, and what it tells the code that
//! drives the workbook reader.

use std::cell::{Cell, RefCell};
use std::io;

use crate::import::refusal::WorkbookRefusal;

/// Largest shared-text part (`xl/sharedStrings.xml`), unpacked. calamine keeps
/// every shared text in memory. A contact list of 100,000 rows with unique
/// names and e-mails takes about 9 MiB.
pub const MAX_SHARED_TEXT_BYTES: u64 = 24 * 1024 * 1024;
/// Most shared texts (each costs about 56 bytes beyond its characters). A
/// contact list of 100,000 rows with unique names and e-mails has about 135,000.
pub const MAX_SHARED_TEXTS: u64 = 300_000;
/// Largest workbook, style or relationship part, unpacked (calamine keeps them).
pub const MAX_SMALL_PART_BYTES: u64 = 16 * 1024 * 1024;
/// Largest worksheet, unpacked. calamine streams it; the limit bounds the time.
/// A contact list of 100,000 rows and 9 columns takes about 32 MiB.
pub const MAX_SHEET_BYTES: u64 = 256 * 1024 * 1024;
/// Most bytes unpacked in all (a part read twice counts twice).
pub const MAX_UNPACKED_BYTES: u64 = 384 * 1024 * 1024;
/// Most bytes of a sheet between one cell and the next. Excel holds at most
/// 32,767 characters in a cell, far less than this even as markup.
pub const MAX_CELL_BYTES: u64 = 8 * 1024 * 1024;

/// The kind of part, for its limit: the names calamine reads, compared as it
/// compares them (ignoring case, `\` read as `/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    SharedTexts,
    Small,
    Sheet,
}

impl Kind {
    pub(super) fn of(name: &str) -> Self {
        let name = name.replace('\\', "/");
        let is = |wanted: &str| name.eq_ignore_ascii_case(wanted);
        if is("xl/sharedStrings.xml") {
            Self::SharedTexts
        } else if is("xl/styles.xml") || is("xl/workbook.xml") || is("xl/_rels/workbook.xml.rels") {
            Self::Small
        } else {
            Self::Sheet
        }
    }
}

/// The limits a [`super::BoundedArchive`] reads within: the `MAX_…` constants, or
/// smaller ones in tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budgets {
    /// See [`MAX_SHARED_TEXT_BYTES`].
    pub shared_text_bytes: u64,
    /// See [`MAX_SHARED_TEXTS`].
    pub shared_texts: u64,
    /// See [`MAX_SMALL_PART_BYTES`].
    pub small_part_bytes: u64,
    /// See [`MAX_SHEET_BYTES`].
    pub sheet_bytes: u64,
    /// See [`MAX_UNPACKED_BYTES`].
    pub unpacked_bytes: u64,
    /// See [`MAX_CELL_BYTES`].
    pub cell_bytes: u64,
}

impl Default for Budgets {
    fn default() -> Self {
        Self {
            shared_text_bytes: MAX_SHARED_TEXT_BYTES,
            shared_texts: MAX_SHARED_TEXTS,
            small_part_bytes: MAX_SMALL_PART_BYTES,
            sheet_bytes: MAX_SHEET_BYTES,
            unpacked_bytes: MAX_UNPACKED_BYTES,
            cell_bytes: MAX_CELL_BYTES,
        }
    }
}

impl Budgets {
    pub(super) fn part_bytes(&self, kind: Kind) -> u64 {
        match kind {
            Kind::SharedTexts => self.shared_text_bytes,
            Kind::Small => self.small_part_bytes,
            Kind::Sheet => self.sheet_bytes,
        }
    }
}

/// What the reader shares with the code that drives calamine: the bytes served,
/// the mark of the last cell, and why reading stopped.
#[derive(Debug, Default)]
pub struct Progress {
    pub(super) budgets: Budgets,
    pub(super) served: Cell<u64>,
    /// Bytes served when the last cell was returned; `None` before cells are read.
    pub(super) last_cell: Cell<Option<u64>>,
    refusal: RefCell<Option<WorkbookRefusal>>,
}

impl Progress {
    /// Progress within `budgets` (`Progress::default()` uses the `MAX_…` limits).
    pub fn new(budgets: Budgets) -> Self {
        Self {
            budgets,
            ..Self::default()
        }
    }

    /// Marks that calamine returned a cell (or is about to read the first one).
    pub fn cell_read(&self) {
        self.last_cell.set(Some(self.served.get()));
    }

    /// Why reading stopped, if a limit or damage stopped it.
    pub fn refusal(&self) -> Option<WorkbookRefusal> {
        self.refusal.borrow().clone()
    }

    pub(super) fn refuse(&self, refusal: WorkbookRefusal) -> io::Error {
        let error = io::Error::other(refusal.to_string());
        // The first reason is the real one; later reads only repeat it.
        self.refusal.borrow_mut().get_or_insert(refusal);
        error
    }
}

/// Counts shared texts as calamine will find them: `si` elements, with or
/// without a namespace prefix (comments and the like may add to the count,
/// never take from it).
#[derive(Debug, Default)]
pub(super) struct TextCounter {
    /// The last three bytes seen.
    last: [u8; 3],
    count: u64,
}

impl TextCounter {
    /// Counts the texts starting in `chunk`; returns the count so far.
    pub(super) fn count(&mut self, chunk: &[u8]) -> u64 {
        for &byte in chunk {
            let [before, s, i] = self.last;
            if matches!(before, b'<' | b':')
                && s == b's'
                && i == b'i'
                && matches!(byte, b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')
            {
                self.count += 1;
            }
            self.last = [s, i, byte];
        }
        self.count
    }
}
