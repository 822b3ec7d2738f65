//! Contact import: CSV and Excel (.xlsx) contact lists from a CRM or a spreadsheet
//! into a map.
//!
//! The steps, each usable on its own (the app shows the table and lets the user
//! correct the mapping before importing):
//! 1. [`read_table`] / [`read_table_bytes`]: the file as a [`Table`] of text
//!    cells, with the encoding, delimiter or worksheet it was read with.
//! 2. [`ColumnMapping::detect`]: which [`Field`] each column fills, from English
//!    and Chinese headers; the user corrects it with [`ColumnMapping::set_field`] or
//!    [`ColumnMapping::apply_override`].
//! 3. [`plan_import`]: one [`crate::edit::Command::Batch`] that adds and completes
//!    people, draws reporting lines and lays the new people out, with an
//!    [`ImportSummary`] of what it does and of every row it could not use, and
//!    every [`MatchProposal`]: which rows were taken for someone already known, or
//!    kept apart from a namesake, with the evidence. [`plan_import_with`] applies
//!    the user's [`MatchChoices`] (keep a match apart, merge namesakes, copy
//!    contact details onto a match by name).
//!
//! Texts for the user come in English and Simplified Chinese: [`plan_import_in`],
//! [`RowIssue::line`], [`SourceInfo::describe_in`] and [`ImportError::message`]
//! take the language; `Display` and the functions without it give English, which
//! the command line prints.
//!
//! User documentation: `docs/IMPORT.md`.

mod archive;
mod contacts;
mod delimited;
mod encoding;
mod error;
mod field;
mod issue;
mod layout;
mod lines;
mod mapping;
mod matching;
mod namesakes;
mod people;
mod plan;
mod refusal;
mod summary;
mod table;
mod text;
mod unpack;
mod words;
mod xlsx;

pub use archive::MAX_PARTS;
pub use contacts::compose_name;
pub use delimited::detect_delimiter;
pub use encoding::{Decoded, decode};
pub use error::ImportError;
pub use field::{Field, normalize_header};
pub use issue::RowIssueKind;
pub use layout::{LEVEL_HEIGHT_PX, SLOT_WIDTH_PX};
pub use mapping::ColumnMapping;
pub use matching::{
    Agreement, ApartReason, ContactDetails, MatchBasis, MatchChoices, MatchEvidence, MatchOutcome,
    MatchProposal, MatchSide, MatchTarget, email_key, name_key, text_key,
};
pub use plan::{ImportPlan, plan_import, plan_import_in, plan_import_with, propose_matches};
pub use refusal::{Damage, WorkbookRefusal};
pub use summary::{ImportSummary, RowIssue};
pub use table::{
    ColumnLabel, MAX_CELLS, MAX_COLUMNS, MAX_DATA_ROWS, MAX_FILE_BYTES, Row, SourceInfo, Table,
    TableFormat, delimiter_name, read_table, read_table_bytes,
};
pub use text::shorten;
pub use unpack::{
    MAX_CELL_BYTES, MAX_SHARED_TEXT_BYTES, MAX_SHARED_TEXTS, MAX_SHEET_BYTES, MAX_SMALL_PART_BYTES,
    MAX_UNPACKED_BYTES,
};
pub use words::{parse_coverage, parse_power, parse_role, parse_stance};
pub use xlsx::MAX_SHEET_TEXT_BYTES;
