//! The stakeholders as CSV: one row each, every field, UTF-8 with a byte-order mark so
//! Excel opens Chinese correctly. Cells that a spreadsheet would run as a formula are
//! neutralised. The headers are ones the contact import recognises: names, titles,
//! departments, contact details, notes and reporting lines import again (into a new
//! map, or filling empty fields of people already on a map).

use super::ExportError;
use crate::lang::Language;
use crate::model::{Document, RelationshipKind};
use crate::placement::drawing_positions;

/// A spreadsheet runs cells starting with these as formulas (OWASP CSV injection).
pub const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// Prefixes a cell that would start a formula with an apostrophe, so spreadsheets
/// show it as text.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

fn headers(language: Language) -> [&'static str; 25] {
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
                let due = a.due.map(|d| format!(" ({d})")).unwrap_or_default();
                let done = if a.done { " [done]" } else { "" };
                format!("{}{due}{done}", a.text)
            })
            .collect();
        let date = |d: Option<crate::model::Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let text_cells = [
            person.id.to_string(),
            person.name.clone(),
            person.title.clone(),
            person.department.clone(),
            person.role.as_str().to_owned(),
            person.stance.as_str().to_owned(),
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
            person.coverage.as_str().to_owned(),
            date(person.last_contact),
            date(person.last_verified),
            person.source.clone(),
            person.tags.join("; "),
            actions.join("; "),
        ];
        let mut record: Vec<String> = text_cells.iter().map(|c| neutralise(c)).collect();
        record.push(person.power.level().to_string());
        record.extend(more_text.iter().map(|c| neutralise(c)));
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

/// Undoes [`neutralise`]: a cell that starts with an apostrophe followed by a
/// formula character gets its apostrophe back off, so exported tables import again
/// unchanged.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::{neutralise, unneutralise};

    #[test]
    fn unneutralise_reverses_neutralise_only() {
        for cell in ["=1+1", "+49 521", "-2", "@x", "plain", "'quoted", "'"] {
            assert_eq!(unneutralise(&neutralise(cell)), cell);
        }
    }

    #[test]
    fn formula_starts_are_neutralised_and_text_is_kept() {
        for cell in ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(cell).starts_with('\''), "{cell}");
        }
        assert_eq!(neutralise("张伟"), "张伟");
        assert_eq!(neutralise("a=b"), "a=b");
    }
}
