//! Rows of a contact list as contacts: cleaned text, a composed name, and the rows
//! that cannot be used, each with its reason.

use super::field::Field;
use super::issue::RowIssueKind;
use super::mapping::ColumnMapping;
use super::table::{ColumnLabel, Row, Table};
use super::text::{clean_multiline, collapse_whitespace, is_all_cjk};
use crate::model::limits::MAX_STRING_BYTES;

/// One usable row.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ContactRow {
    /// The spreadsheet row number.
    pub row: usize,
    /// The name, never empty.
    pub name: String,
    /// Job title.
    pub title: String,
    /// Department.
    pub department: String,
    /// E-mail address.
    pub email: String,
    /// Phone number.
    pub phone: String,
    /// Customer organisation.
    pub account: String,
    /// Notes (line breaks kept).
    pub notes: String,
    /// The manager's name or e-mail.
    pub reports_to: String,
}

/// The usable rows of `table`, and one issue (row number, kind) per row left out.
pub fn read_contacts(
    table: &Table,
    mapping: &ColumnMapping,
) -> (Vec<ContactRow>, Vec<(usize, RowIssueKind)>) {
    let mut contacts = Vec::with_capacity(table.rows.len());
    let mut issues = Vec::new();
    for row in &table.rows {
        match contact(row, mapping) {
            Ok(contact) => contacts.push(contact),
            Err(kind) => issues.push((row.number, kind)),
        }
    }
    (contacts, issues)
}

/// The contact in `row`, or why the row is skipped.
fn contact(row: &Row, mapping: &ColumnMapping) -> Result<ContactRow, RowIssueKind> {
    for column in 0..mapping.headers().len() {
        let length = row.cell(column).len();
        if mapping.field(column).is_some() && length > MAX_STRING_BYTES {
            return Err(RowIssueKind::CellTooLong {
                column: label(mapping, column),
                bytes: length,
                limit: MAX_STRING_BYTES,
            });
        }
    }
    // Cells a spreadsheet export protected against formula injection ('+49 …) are
    // read without the protecting apostrophe.
    let raw = |c: usize| crate::export::unneutralise(row.cell(c));
    let cell = |field: Field| {
        mapping
            .column(field)
            .map_or_else(String::new, |c| collapse_whitespace(raw(c)))
    };
    let name = compose_name(
        &cell(Field::Name),
        &cell(Field::FirstName),
        &cell(Field::LastName),
    );
    if name.is_empty() {
        return Err(RowIssueKind::NoName {
            columns: name_columns(mapping),
        });
    }
    if name.len() > MAX_STRING_BYTES {
        return Err(RowIssueKind::NameTooLong {
            bytes: name.len(),
            limit: MAX_STRING_BYTES,
        });
    }
    Ok(ContactRow {
        row: row.number,
        name,
        title: cell(Field::Title),
        department: cell(Field::Department),
        email: cell(Field::Email),
        phone: cell(Field::Phone),
        account: cell(Field::Account),
        notes: mapping
            .column(Field::Notes)
            .map_or_else(String::new, |c| clean_multiline(raw(c))),
        reports_to: cell(Field::ReportsTo),
    })
}

/// The full name: the name column, or the given and family names — "Ann Lee" for
/// Latin names, "王芳" (family name first, no space) when both parts are CJK.
pub fn compose_name(full: &str, first: &str, last: &str) -> String {
    if !full.is_empty() {
        return full.to_owned();
    }
    match (first.is_empty(), last.is_empty()) {
        (false, false) if is_all_cjk(first) && is_all_cjk(last) => format!("{last}{first}"),
        (false, false) => format!("{first} {last}"),
        (false, true) => first.to_owned(),
        (true, false) => last.to_owned(),
        (true, true) => String::new(),
    }
}

/// The columns that give names ("Name", or "First Name" and "Last Name"), for
/// the skip message.
fn name_columns(mapping: &ColumnMapping) -> Vec<ColumnLabel> {
    [Field::Name, Field::FirstName, Field::LastName]
        .iter()
        .filter_map(|f| mapping.column(*f))
        .map(|c| label(mapping, c))
        .collect()
}

/// How messages name `column`: its header, shortened, or its letter.
fn label(mapping: &ColumnMapping, column: usize) -> ColumnLabel {
    ColumnLabel::of(mapping.headers(), column).shortened(40)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_composed_by_script() {
        assert_eq!(compose_name("", "Ann", "Lee"), "Ann Lee");
        assert_eq!(compose_name("", "芳", "王"), "王芳");
        assert_eq!(compose_name("", "Fang", "王"), "Fang 王");
        assert_eq!(compose_name("王 芳", "x", "y"), "王 芳");
        assert_eq!(compose_name("", "", "Lee"), "Lee");
        assert_eq!(compose_name("", "", ""), "");
    }
}
