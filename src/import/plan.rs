//! Plans an import: which people to add, which to complete, which reporting lines
//! to draw and where the new people go, as one undoable command.

use std::collections::HashMap;

use super::ImportError;
use super::contacts::{ContactRow, read_contacts};
use super::layout::{Manager, layout};
use super::lines::{NewLine, plan_lines};
use super::mapping::ColumnMapping;
use super::matching::{MatchChoices, MatchProposal};
use super::people::{Origin, People};
use super::summary::{ImportSummary, RowIssue};
use super::table::Table;
use super::text::shorten;
use crate::edit::Command;
use crate::lang::Language;
use crate::model::Document;
use crate::model::limits::MAX_STAKEHOLDERS;

/// What importing a table into a map will do.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    /// One [`Command::Batch`]: applied to an editor it is one undo step.
    pub command: Command,
    /// Counts and row issues, for the user.
    pub summary: ImportSummary,
    /// Every row that matched someone already known or had a namesake, in row
    /// order, with both sides and the evidence, for the user to check.
    pub matches: Vec<MatchProposal>,
}

impl ImportPlan {
    /// Whether applying the plan would change nothing.
    pub fn is_empty(&self) -> bool {
        matches!(&self.command, Command::Batch(commands) if commands.is_empty())
    }
}

/// Plans importing `table` into `doc` with `mapping`.
///
/// Each usable row is matched to a person by e-mail, else proposed as a namesake's
/// match when nothing speaks against it (see [`super::matching`]). Matched people
/// only get their empty fields filled — contact details only on an e-mail match;
/// rows for the same person are merged. New people get fresh ids, a `source`
/// naming the file and row, and org-chart positions. Managers named in the
/// reports-to column become `reports_to` lines. The account column names the map's
/// account when it has none. Rows that cannot be used are reported, never dropped
/// silently. The row issues are in English; [`plan_import_in`] chooses the language.
pub fn plan_import(
    doc: &Document,
    table: &Table,
    mapping: &ColumnMapping,
) -> Result<ImportPlan, ImportError> {
    plan_import_in(doc, table, mapping, Language::English)
}

/// Plans like [`plan_import`], with the messages of the row issues in `language`
/// (the app passes its UI language). The plan itself does not depend on it.
pub fn plan_import_in(
    doc: &Document,
    table: &Table,
    mapping: &ColumnMapping,
    language: Language,
) -> Result<ImportPlan, ImportError> {
    plan_import_with(doc, table, mapping, &MatchChoices::default(), language)
}

/// Plans like [`plan_import_in`], with the user's decisions about the proposed
/// matches.
pub fn plan_import_with(
    doc: &Document,
    table: &Table,
    mapping: &ColumnMapping,
    choices: &MatchChoices,
    language: Language,
) -> Result<ImportPlan, ImportError> {
    if mapping.headers() != table.headers.as_slice() {
        return Err(ImportError::MappingMismatch);
    }
    mapping.check()?;
    let (contacts, mut issues, warnings) = read_contacts(table, mapping);
    let skipped = issues.len();
    issues.extend(warnings);

    let file_name = shorten(&table.source.file_name, 200);
    let source_of = |row: usize| {
        if file_name.is_empty() {
            format!("Imported contacts (row {row})")
        } else {
            format!("Imported from {file_name} (row {row})")
        }
    };
    let mut people = People::new(doc);
    let mut matches = Vec::new();
    people.merge_contacts(&contacts, choices, source_of, &mut issues, &mut matches);
    let new_count = people
        .list
        .iter()
        .filter(|p| p.origin == Origin::New)
        .count();
    if doc.stakeholders.len() + new_count > MAX_STAKEHOLDERS {
        return Err(ImportError::TooManyPeople {
            count: doc.stakeholders.len() + new_count,
            limit: MAX_STAKEHOLDERS,
        });
    }
    let lines = plan_lines(doc, &people, &mut issues);
    place_new_people(doc, &mut people, &lines);
    // Stable: the issues of one row keep the order they were found in.
    issues.sort_by_key(|(row, _)| *row);
    let issues = issues
        .into_iter()
        .map(|(row, kind)| RowIssue::new(row, kind, language))
        .collect();
    let mut summary = ImportSummary {
        skipped,
        lines_added: lines.len(),
        account_set: account_name(doc, &contacts),
        issues,
        source: table.source.clone(),
        ..ImportSummary::default()
    };
    let command = batch(doc, people, lines, &mut summary);
    Ok(ImportPlan {
        command,
        summary,
        matches,
    })
}

/// The proposed matches of importing `table` into `doc` with `mapping` and
/// `choices`, as [`plan_import_with`] gives them, without planning the rest (for
/// a preview that follows each of the user's clicks).
pub fn propose_matches(
    doc: &Document,
    table: &Table,
    mapping: &ColumnMapping,
    choices: &MatchChoices,
) -> Result<Vec<MatchProposal>, ImportError> {
    if mapping.headers() != table.headers.as_slice() {
        return Err(ImportError::MappingMismatch);
    }
    mapping.check()?;
    let (contacts, _, _) = read_contacts(table, mapping);
    let mut people = People::new(doc);
    let mut matches = Vec::new();
    people.merge_contacts(
        &contacts,
        choices,
        |_| String::new(),
        &mut Vec::new(),
        &mut matches,
    );
    Ok(matches)
}

/// The batch: the account name, new team members, new people, completed people,
/// new lines — in that order, so that every owner and every line finds its ends. Counts added, updated and
/// unchanged people in `summary`.
fn batch(
    doc: &Document,
    people: People,
    lines: Vec<NewLine>,
    summary: &mut ImportSummary,
) -> Command {
    let mut commands = Vec::new();
    if let Some(name) = &summary.account_set {
        let mut account = doc.account.clone();
        account.name.clone_from(name);
        commands.push(Command::update_account(account));
    }
    // Owners before the people they own.
    for member in people.new_members {
        summary.members_added.push(member.name.clone());
        commands.push(Command::add_team_member(member));
    }
    let mut has_new_line = vec![false; people.list.len()];
    for line in &lines {
        if let Some(flag) = has_new_line.get_mut(line.from) {
            *flag = true;
        }
    }
    let mut updates = Vec::new();
    for (index, person) in people.list.into_iter().enumerate() {
        match person.origin {
            Origin::New => {
                summary.added += 1;
                commands.push(Command::add_stakeholder(person.stakeholder));
            }
            // Not in the file.
            Origin::Existing(_) if person.first_row.is_none() => {}
            Origin::Existing(_) => {
                let new_line = has_new_line.get(index).copied().unwrap_or(false);
                if person.filled || new_line {
                    summary.updated += 1;
                } else {
                    summary.unchanged += 1;
                }
                if person.filled {
                    updates.push(Command::update_stakeholder(person.stakeholder));
                }
            }
        }
    }
    commands.extend(updates);
    commands.extend(
        lines
            .into_iter()
            .map(|l| Command::add_relationship(l.relationship)),
    );
    Command::Batch(commands)
}

/// Gives every new person an org-chart position: below their manager when the
/// manager is already placed, else below the people already placed.
fn place_new_people(doc: &Document, people: &mut People, lines: &[NewLine]) {
    let new_index: HashMap<usize, usize> = people
        .list
        .iter()
        .enumerate()
        .filter(|(_, p)| p.origin == Origin::New)
        .enumerate()
        .map(|(new, (all, _))| (all, new))
        .collect();
    let mut manager = vec![None; new_index.len()];
    for line in lines {
        // A manager new from the file, or already placed on the map.
        let to = match new_index.get(&line.to) {
            Some(to) => Some(Manager::New(*to)),
            None => people
                .list
                .get(line.to)
                .and_then(|p| p.stakeholder.position)
                .map(Manager::Placed),
        };
        if let (Some(from), Some(to)) = (new_index.get(&line.from), to)
            && let Some(slot) = manager.get_mut(*from)
        {
            *slot = Some(to);
        }
    }
    let existing: Vec<_> = doc.stakeholders.iter().filter_map(|s| s.position).collect();
    let positions = layout(&manager, &existing);
    let mut positions = positions.into_iter();
    for person in people.list.iter_mut().filter(|p| p.origin == Origin::New) {
        person.stakeholder.position = positions.next();
    }
}

/// The most common account in the file (the first seen on a tie), when the map
/// has no account name yet.
fn account_name(doc: &Document, contacts: &[ContactRow]) -> Option<String> {
    if !doc.account.name.trim().is_empty() {
        return None;
    }
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (order, contact) in contacts.iter().enumerate() {
        if !contact.account.is_empty() {
            counts
                .entry(contact.account.as_str())
                .or_insert((0, order))
                .0 += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|(_, (count_a, first_a)), (_, (count_b, first_b))| {
            count_a.cmp(count_b).then(first_b.cmp(first_a))
        })
        .map(|(name, _)| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::issue::RowIssueKind;
    use crate::import::table::{ColumnLabel, Row};

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            headers: vec!["姓名".to_owned(), "直属领导".to_owned()],
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, cells)| Row {
                    number: i + 2,
                    cells: cells.iter().map(|c| (*c).to_owned()).collect(),
                })
                .collect(),
            source: crate::import::SourceInfo::default(),
        }
    }

    #[test]
    fn the_language_changes_the_messages_and_nothing_else() {
        let table = table(&[&["张伟", "王立新"], &["", "张伟"], &["张伟", ""]]);
        let mapping = ColumnMapping::detect(&table.headers);
        let doc = Document::default();
        let english = plan_import(&doc, &table, &mapping).unwrap();
        let chinese = plan_import_in(&doc, &table, &mapping, Language::Chinese).unwrap();
        assert_eq!(english.command, chinese.command);
        let kinds = |plan: &ImportPlan| -> Vec<(usize, RowIssueKind)> {
            let issues = plan.summary.issues.iter();
            issues.map(|i| (i.row, i.kind.clone())).collect()
        };
        assert_eq!(kinds(&english), kinds(&chinese));
        assert_eq!(
            kinds(&chinese),
            [
                (
                    2,
                    RowIssueKind::ManagerNotFound {
                        manager: "王立新".to_owned()
                    }
                ),
                (
                    3,
                    RowIssueKind::NoName {
                        columns: vec![ColumnLabel::Header("姓名".to_owned())]
                    }
                ),
                (
                    4,
                    RowIssueKind::SamePerson {
                        name: "张伟".to_owned(),
                        first_row: 2
                    }
                ),
            ]
        );
        let lines: Vec<String> = chinese
            .summary
            .issues
            .iter()
            .map(|i| i.message.clone())
            .collect();
        assert_eq!(
            lines,
            [
                "上级“王立新”在文件和地图中都找不到，未建立汇报关系",
                "没有姓名（“姓名”为空），已跳过",
                "与第 2 行是同一人（张伟），已合并：只补充了空字段",
            ]
        );
        assert_eq!(
            english.summary.issues[1].message,
            "no name (姓名 is empty); row skipped"
        );
    }
}
