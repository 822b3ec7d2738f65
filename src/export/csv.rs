//! The stakeholders as CSV: one row each, every field, UTF-8 with a byte-order mark so
//! Excel opens Chinese correctly. Roles, stances and coverage are written as codes in
//! English (`decision_maker`) and as words in Chinese (`决策者`); the contact import
//! reads both. Cells that a spreadsheet would run as a formula are neutralised with
//! an apostrophe, reversibly (see [`neutralise`]); control characters are replaced
//! and bidi controls balanced (see [`crate::safe_text::csv_text`]). The headers are
//! ones the contact import recognises, so an exported table imports again.

use super::ExportError;
use crate::analysis::text::{coverage_name, role_name, stance_name};
use crate::lang::Language;
use crate::model::{Coverage, Document, RelationshipKind, Role, Stance};
use crate::placement::drawing_positions;
use crate::safe_text::csv_text;

/// A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV
/// injection"); the full-width forms are included because spreadsheets with a
/// Chinese or Japanese input method may read them the same way.
pub const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// Whether `rest`, after a leading `+` or `-`, is a plain number or a phone number:
/// digits with spaces and `( ) . , - /`. A spreadsheet may compute such a cell but
/// cannot call a function or another program from it.
fn is_plain_number(rest: &str) -> bool {
    rest.chars().any(|c| c.is_ascii_digit())
        && rest.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, ' ' | '\u{a0}' | '(' | ')' | '.' | ',' | '-' | '/')
        })
}

/// Whether a spreadsheet would run `cell`: it starts with `=` or `@` (or their
/// full-width forms), a tab or a CR, or with `+`/`-` followed by anything but a
/// plain number or phone number (`+1 555 0199` and `-2` stay as they are).
pub fn runs_as_formula(cell: &str) -> bool {
    let mut chars = cell.chars();
    match chars.next() {
        Some('+' | '-' | '＋' | '－') => !is_plain_number(chars.as_str()),
        Some(c) => FORMULA_STARTS.contains(&c),
        None => false,
    }
}

/// The cell as written to CSV: an apostrophe (which spreadsheets hide and read as
/// "this is text") before a cell that would run as a formula, and before a cell
/// that starts with an apostrophe itself, so that [`unneutralise`] gives back
/// exactly what was written: `=1+1` → `'=1+1`, `'=1+1` → `''=1+1`, `+1 555 0199`
/// unchanged.
pub fn neutralise(cell: &str) -> String {
    if runs_as_formula(cell) || cell.starts_with('\'') {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// Undoes [`neutralise`] when reading a table: one leading apostrophe is removed
/// when what follows starts like a formula or with another apostrophe — only what
/// an export adds (also older exports and other tools that protect `'+49 …`).
/// Any other apostrophe is the cell's own text and stays.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'') => rest,
        _ => cell,
    }
}

/// How a role is written: its code in English, its word in Chinese.
fn role_cell(role: Role, language: Language) -> String {
    match language {
        Language::English => role.as_str().to_owned(),
        Language::Chinese => role_name(role, language).to_owned(),
    }
}

/// How a stance is written: its code in English, its word in Chinese.
fn stance_cell(stance: Stance, language: Language) -> String {
    match language {
        Language::English => stance.as_str().to_owned(),
        Language::Chinese => stance_name(stance, language).to_owned(),
    }
}

/// How a coverage depth is written: its code in English, its word in Chinese.
fn coverage_cell(coverage: Coverage, language: Language) -> String {
    match language {
        Language::English => coverage.as_str().to_owned(),
        Language::Chinese => coverage_name(coverage, language).to_owned(),
    }
}

fn headers(language: Language) -> [&'static str; 26] {
    match language {
        Language::English => [
            "ID",
            "Name",
            "Title",
            "Department",
            "Role",
            "Stance",
            "Power",
            "Reports To",
            "Business Agenda",
            "Personal Agenda",
            "Concerns",
            "Decision Criteria",
            "Notes",
            "Email",
            "Phone",
            "Other Contact",
            "Owner",
            "Coverage",
            "Last Contact",
            "Last Verified",
            "Source",
            "Tags",
            "Next Actions",
            "Favours",
            "X",
            "Y",
        ],
        Language::Chinese => [
            "编号",
            "姓名",
            "职务",
            "部门",
            "角色",
            "态度",
            "权力",
            "直属领导",
            "业务诉求",
            "个人诉求",
            "顾虑",
            "决策标准",
            "备注",
            "邮箱",
            "电话",
            "其他联系方式",
            "负责人",
            "覆盖深度",
            "最近联系",
            "最近核实",
            "信息来源",
            "标签",
            "下一步行动",
            "倾向的竞争对手",
            "X",
            "Y",
        ],
    }
}

/// The stakeholders table.
pub fn stakeholders_csv(doc: &Document, language: Language) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::from(*b"\xEF\xBB\xBF");
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut out);
    writer
        .write_record(headers(language))
        .map_err(|e| ExportError::Render(e.to_string()))?;
    let positions = drawing_positions(doc);
    let names: std::collections::HashMap<&str, &str> = doc
        .stakeholders
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    let mut managers_of: std::collections::HashMap<&str, Vec<&str>> =
        std::collections::HashMap::new();
    for line in doc
        .relationships
        .iter()
        .filter(|l| l.kind == RelationshipKind::ReportsTo)
    {
        if let Some(name) = names.get(line.to.as_str()) {
            managers_of
                .entry(line.from.as_str())
                .or_default()
                .push(name);
        }
    }
    let team: std::collections::HashMap<&str, &str> = doc
        .team
        .iter()
        .map(|m| (m.id.as_str(), m.name.as_str()))
        .collect();
    for (person, pos) in doc.stakeholders.iter().zip(positions) {
        let managers = managers_of
            .get(person.id.as_str())
            .cloned()
            .unwrap_or_default();
        let owner = person
            .owner
            .as_ref()
            .and_then(|id| team.get(id.as_str()))
            .map(|name| (*name).to_owned())
            .unwrap_or_default();
        let actions: Vec<String> = person
            .next_actions
            .iter()
            .map(|a| {
                let (due, done) = match language {
                    Language::English => (
                        a.due.map(|d| format!(" ({d})")).unwrap_or_default(),
                        if a.done { " [done]" } else { "" },
                    ),
                    Language::Chinese => (
                        a.due.map(|d| format!("（{d}）")).unwrap_or_default(),
                        if a.done { "【已完成】" } else { "" },
                    ),
                };
                format!("{}{due}{done}", a.text)
            })
            .collect();
        let date = |d: Option<crate::model::Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let text_cells = [
            person.id.to_string(),
            person.name.clone(),
            person.title.clone(),
            person.department.clone(),
            role_cell(person.role, language),
            stance_cell(person.stance, language),
        ];
        let more_text = [
            managers.join("; "),
            person.interests.business.clone(),
            person.interests.personal.clone(),
            person.concerns.clone(),
            person.decision_criteria.clone(),
            person.notes.clone(),
            person.contact.email.clone(),
            person.contact.phone.clone(),
            person.contact.other.clone(),
            owner,
            coverage_cell(person.coverage, language),
            date(person.last_contact),
            date(person.last_verified),
            person.source.clone(),
            person.tags.join("; "),
            actions.join("; "),
            // After the older columns, so that their positions stay as they were.
            person.favours.clone(),
        ];
        let cell = |text: &String| neutralise(&csv_text(text));
        let mut record: Vec<String> = text_cells.iter().map(cell).collect();
        record.push(person.power.level().to_string());
        record.extend(more_text.iter().map(cell));
        // Positions are numbers we write ourselves, not user text.
        record.push(format!("{}", pos.x));
        record.push(format!("{}", pos.y));
        writer
            .write_record(&record)
            .map_err(|e| ExportError::Render(e.to_string()))?;
    }
    writer
        .flush()
        .map_err(|e| ExportError::Render(e.to_string()))?;
    drop(writer);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{neutralise, runs_as_formula, unneutralise};
    use proptest::prelude::*;

    #[test]
    fn unneutralise_reverses_neutralise_only() {
        for cell in [
            "=1+1", "+49 521", "-2", "@x", "plain", "'quoted", "'", "'=5+6", "''=5+6", "'+1 555",
            "＝1+1", "\tx",
        ] {
            assert_eq!(unneutralise(&neutralise(cell)), cell, "{cell:?}");
        }
        // Cells protected by older exports and other tools read back without it.
        assert_eq!(unneutralise("'+1 555 0199"), "+1 555 0199");
        assert_eq!(unneutralise("'quoted"), "'quoted");
    }

    #[test]
    fn what_a_spreadsheet_would_run_is_neutralised_and_phone_numbers_are_not() {
        for cell in [
            "=1+1",
            "+cmd",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "+1 555 0199 ext 2",
            "-A1",
            "+",
            "-",
            "＝SUM(1)",
            "＋cmd",
        ] {
            assert!(runs_as_formula(cell), "{cell:?}");
            assert!(neutralise(cell).starts_with('\''), "{cell:?}");
        }
        for cell in [
            "+1 555 0199",
            "+86 (10) 6275-1234",
            "-2",
            "-1,000.50",
            "+49/521/1",
            "张伟",
            "a=b",
        ] {
            assert!(!runs_as_formula(cell), "{cell:?}");
            assert_eq!(neutralise(cell), cell);
        }
        assert_eq!(neutralise("'=5+6"), "''=5+6");
    }

    proptest! {
        #[test]
        fn any_text_survives_neutralising(text in ".{0,12}", start in "[-+=@'＝＋]{0,3}") {
            let cell = format!("{start}{text}");
            let written = neutralise(&cell);
            prop_assert_eq!(unneutralise(&written), cell.as_str());
            prop_assert!(!runs_as_formula(&written));
        }
    }
}
