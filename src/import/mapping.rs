//! Which field each column of a contact list fills: detected from the headers,
//! then corrected by the user (a combo box per column in the app, `--map
//! "Header=field"` on the command line).

use super::ImportError;
use super::field::{Field, IGNORE, normalize_header};
use super::table::column_label;

/// The field of each column. A field is filled by at most one column.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ColumnMapping {
    headers: Vec<String>,
    fields: Vec<Option<Field>>,
}

impl ColumnMapping {
    /// Recognises the headers (see [`Field::recognize`]): each field goes to the
    /// first column, from the left, whose header names it; other columns are ignored.
    pub fn detect(headers: &[String]) -> Self {
        let mut mapping = Self {
            headers: headers.to_vec(),
            fields: vec![None; headers.len()],
        };
        for (column, header) in headers.iter().enumerate() {
            if let Some(field) = Field::recognize(header)
                && mapping.column(field).is_none()
                && let Some(slot) = mapping.fields.get_mut(column)
            {
                *slot = Some(field);
            }
        }
        mapping
    }

    /// The headers the mapping was made for.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The header of `column`, or "column C" when its header cell is empty.
    pub fn label(&self, column: usize) -> String {
        column_label(&self.headers, column)
    }

    /// The field `column` fills; `None` when it is ignored.
    pub fn field(&self, column: usize) -> Option<Field> {
        self.fields.get(column).copied().flatten()
    }

    /// The column that fills `field`.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.fields.iter().position(|f| *f == Some(field))
    }

    /// Sets the field of `column` (`None` ignores it). A column that filled the
    /// same field before is ignored from now on, so a field keeps one column.
    /// Returns false, changing nothing, when there is no such column.
    pub fn set_field(&mut self, column: usize, field: Option<Field>) -> bool {
        if column >= self.fields.len() {
            return false;
        }
        if let Some(field) = field {
            for slot in &mut self.fields {
                if *slot == Some(field) {
                    *slot = None;
                }
            }
        }
        if let Some(slot) = self.fields.get_mut(column) {
            *slot = field;
        }
        true
    }

    /// Applies one `"Header=field"` override (`field` may be `ignore`). The header
    /// is matched exactly, then ignoring case and punctuation; "column C" names a
    /// column by its letter.
    pub fn apply_override(&mut self, text: &str) -> Result<(), ImportError> {
        let bad = || ImportError::BadOverride {
            text: text.to_owned(),
        };
        let (header, field_name) = text.rsplit_once('=').ok_or_else(bad)?;
        if header.trim().is_empty() || field_name.trim().is_empty() {
            return Err(bad());
        }
        let field = if field_name.trim().eq_ignore_ascii_case(IGNORE) {
            None
        } else {
            Some(
                Field::parse(field_name).ok_or_else(|| ImportError::UnknownField {
                    field: field_name.trim().to_owned(),
                    expected: Field::expected(),
                })?,
            )
        };
        let column = self
            .find_column(header)
            .ok_or_else(|| ImportError::UnknownHeader {
                header: header.trim().to_owned(),
                headers: self.headers.clone(),
            })?;
        self.set_field(column, field);
        Ok(())
    }

    /// Applies overrides in order (a later one wins).
    pub fn apply_overrides<S: AsRef<str>>(&mut self, texts: &[S]) -> Result<(), ImportError> {
        texts
            .iter()
            .try_for_each(|text| self.apply_override(text.as_ref()))
    }

    /// The column whose header is `header`: exact, then ignoring case, then
    /// normalised, then "column C".
    pub fn find_column(&self, header: &str) -> Option<usize> {
        let wanted = header.trim();
        let lower = wanted.to_lowercase();
        let normal = normalize_header(wanted);
        self.headers
            .iter()
            .position(|h| h.trim() == wanted)
            .or_else(|| {
                self.headers
                    .iter()
                    .position(|h| h.trim().to_lowercase() == lower)
            })
            .or_else(|| {
                (!normal.is_empty())
                    .then(|| {
                        self.headers
                            .iter()
                            .position(|h| normalize_header(h) == normal)
                    })
                    .flatten()
            })
            .or_else(|| (0..self.headers.len()).find(|c| self.label(*c) == wanted))
    }

    /// Columns that fill no field, in order.
    pub fn ignored_columns(&self) -> Vec<usize> {
        (0..self.fields.len())
            .filter(|c| self.field(*c).is_none())
            .collect()
    }

    /// Whether names can be read: a name column, or first or last name columns.
    pub fn has_name(&self) -> bool {
        [Field::Name, Field::FirstName, Field::LastName]
            .iter()
            .any(|f| self.column(*f).is_some())
    }

    /// An error naming the headers when no column gives names.
    pub fn check(&self) -> Result<(), ImportError> {
        if self.has_name() {
            Ok(())
        } else {
            Err(ImportError::NoNameColumn {
                headers: self.headers.clone(),
            })
        }
    }

    /// One line per column for the user: `Mobile → phone`, `Lead Source → ignored`.
    pub fn describe(&self) -> Vec<String> {
        (0..self.headers.len())
            .map(|column| {
                let field = self.field(column).map_or("ignored", Field::as_str);
                format!(
                    "{} → {field}",
                    super::text::shorten(&self.label(column), 60)
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn first_matching_column_takes_the_field() {
        let mapping = ColumnMapping::detect(&headers(&["Phone", "Mobile", "Name", "Lead Source"]));
        assert_eq!(mapping.field(0), Some(Field::Phone));
        assert_eq!(mapping.field(1), None);
        assert_eq!(mapping.field(2), Some(Field::Name));
        assert_eq!(mapping.ignored_columns(), vec![1, 3]);
    }

    #[test]
    fn overrides_move_fields_and_report_mistakes() {
        let mut mapping = ColumnMapping::detect(&headers(&["Phone", "Mobile", "Who", ""]));
        assert!(matches!(
            mapping.check(),
            Err(ImportError::NoNameColumn { .. })
        ));
        mapping
            .apply_overrides(&["mobile=phone", "Who=name", "column D=notes"])
            .unwrap();
        assert_eq!(mapping.field(0), None);
        assert_eq!(mapping.field(1), Some(Field::Phone));
        assert_eq!(mapping.field(2), Some(Field::Name));
        assert_eq!(mapping.field(3), Some(Field::Notes));
        assert!(mapping.check().is_ok());
        mapping.apply_override("Who=ignore").unwrap();
        assert_eq!(mapping.field(2), None);
        let err = mapping.apply_override("Boss=name").unwrap_err();
        assert!(
            err.to_string().contains("no column is headed \"Boss\""),
            "{err}"
        );
        let err = mapping.apply_override("Who=boss").unwrap_err();
        assert!(err.to_string().contains("\"boss\" is not a field"), "{err}");
        let err = mapping.apply_override("Who").unwrap_err();
        assert!(err.to_string().contains("Header=field"), "{err}");
        assert!(!mapping.set_field(9, Some(Field::Name)));
    }
}
