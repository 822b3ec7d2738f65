//! Rows of a contact list as contacts: cleaned text, a composed name, values of the
//! enumerated columns, and the rows that cannot be used, each with its reason.

use super::field::Field;
use super::issue::RowIssueKind;
use super::mapping::ColumnMapping;
use super::table::{ColumnLabel, Row, Table};
use super::text::{clean_multiline, collapse_whitespace, is_all_cjk, shorten};
use super::words::{parse_coverage, parse_power, parse_role, parse_stance, split_tags};
use crate::model::limits::MAX_STRING_BYTES;
use crate::model::{Coverage, Date, Power, Role, Stance};

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
    /// The buying role, when the row gives one.
    pub role: Option<Role>,
    /// The stance, when the row gives one.
    pub stance: Option<Stance>,
    /// Power, when the row gives it.
    pub power: Option<Power>,
    /// Coverage, when the row gives it.
    pub coverage: Option<Coverage>,
    /// Business agenda (line breaks kept).
    pub business_agenda: String,
    /// Personal agenda (line breaks kept).
    pub personal_agenda: String,
    /// Concerns (line breaks kept).
    pub concerns: String,
    /// Decision criteria (line breaks kept).
    pub decision_criteria: String,
    /// Other contact details.
    pub other_contact: String,
    /// The name of the team member who owns the relationship.
    pub owner: String,
    /// Last contact.
    pub last_contact: Option<Date>,
    /// Last verified.
    pub last_verified: Option<Date>,
    /// Where the information comes from.
    pub source: String,
    /// Tags.
    pub tags: Vec<String>,
    /// The competitor the person favours.
    pub favours: String,
}

/// Issues found in rows: (row number, kind).
pub type RowIssues = Vec<(usize, RowIssueKind)>;

/// The usable rows of `table`; the rows left out (one issue each); and values that
/// could not be read from usable rows (the rest of the row is used).
pub fn read_contacts(
    table: &Table,
    mapping: &ColumnMapping,
) -> (Vec<ContactRow>, RowIssues, RowIssues) {
    let mut contacts = Vec::with_capacity(table.rows.len());
    let mut skipped = Vec::new();
    let mut warnings = Vec::new();
    for row in &table.rows {
        match contact(row, mapping, &mut warnings) {
            Ok(contact) => contacts.push(contact),
            Err(kind) => skipped.push((row.number, kind)),
        }
    }
    (contacts, skipped, warnings)
}

/// The contact in `row`, or why the row is skipped; values that cannot be read go
/// to `warnings`.
fn contact(
    row: &Row,
    mapping: &ColumnMapping,
    warnings: &mut Vec<(usize, RowIssueKind)>,
) -> Result<ContactRow, RowIssueKind> {
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
        mapping.column(field).map_or_else(String::new, |c| {
            if field.is_multiline() {
                clean_multiline(raw(c))
            } else {
                collapse_whitespace(raw(c))
            }
        })
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
    // A value that cannot be read is reported and left out; the row is used.
    let mut value = |field: Field, parse: &dyn Fn(&str) -> bool| {
        let text = cell(field);
        if !text.is_empty() && !parse(&text) {
            warnings.push((
                row.number,
                RowIssueKind::UnknownValue {
                    column: mapping
                        .column(field)
                        .map(|c| label(mapping, c))
                        .unwrap_or(ColumnLabel::Header(field.as_str().to_owned())),
                    field,
                    value: shorten(&text, 60),
                },
            ));
        }
        text
    };
    let role = parse_role(&value(Field::Role, &|t| parse_role(t).is_some()));
    let stance = parse_stance(&value(Field::Stance, &|t| parse_stance(t).is_some()));
    let power = parse_power(&value(Field::Power, &|t| parse_power(t).is_some()));
    let coverage = parse_coverage(&value(Field::Coverage, &|t| parse_coverage(t).is_some()));
    let date = |text: String| text.parse::<Date>().ok();
    let is_date = |t: &str| t.parse::<Date>().is_ok();
    let last_contact = date(value(Field::LastContact, &is_date));
    let last_verified = date(value(Field::LastVerified, &is_date));
    Ok(ContactRow {
        row: row.number,
        name,
        title: cell(Field::Title),
        department: cell(Field::Department),
        email: cell(Field::Email),
        phone: cell(Field::Phone),
        account: cell(Field::Account),
        notes: cell(Field::Notes),
        reports_to: cell(Field::ReportsTo),
        role,
        stance,
        power,
        coverage,
        business_agenda: cell(Field::BusinessAgenda),
        personal_agenda: cell(Field::PersonalAgenda),
        concerns: cell(Field::Concerns),
        decision_criteria: cell(Field::DecisionCriteria),
        other_contact: cell(Field::OtherContact),
        owner: cell(Field::Owner),
        last_contact,
        last_verified,
        source: cell(Field::Source),
        tags: split_tags(&cell(Field::Tags)),
        favours: cell(Field::Favours),
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
