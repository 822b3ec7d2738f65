//! Importing contacts in the app: a preview of the file with the column mapping, which
//! the user can correct, the first rows, and every row that matches someone already
//! known (with both sides, to keep apart or merge, and to confirm copying contact
//! details onto a match by name) — nothing changes before *Import*. The import is
//! one undo step; the summary lists every row that was left out.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use egui::{RichText, Ui};

use super::app_command::AppCommand;
use super::i18n::{T, Tr};
use super::theme::{ERROR_TEXT, WARNING_TEXT};
use crate::import::{
    Agreement, ColumnMapping, ContactDetails, Field, ImportError, ImportPlan, ImportSummary,
    MatchBasis, MatchChoices, MatchOutcome, MatchProposal, MatchSide, MatchTarget, Table,
    plan_import_with, propose_matches,
};
use crate::lang::Language;
use crate::model::Document;

/// Rows shown in the preview.
const PREVIEW_ROWS: usize = 5;

/// Height of one proposed match in the list.
const MATCH_ROW_HEIGHT: f32 = 64.0;

/// Matches found in the background, and what for (mapping, choices).
type Found = Arc<Mutex<Option<(ColumnMapping, MatchChoices, Vec<MatchProposal>)>>>;

/// A file read and waiting for the user to confirm the mapping and the matches.
#[derive(Clone, Debug)]
pub struct ImportPreview {
    /// The file.
    pub path: PathBuf,
    /// Its contents (shared with the thread that looks for matches).
    pub table: Arc<Table>,
    /// Which field each column fills.
    pub mapping: ColumnMapping,
    /// The map when the preview opened: the matches are proposed against it.
    map: Arc<Document>,
    /// What the user decided about the proposed matches.
    pub choices: MatchChoices,
    /// The proposed matches for the current mapping and choices (matches by name
    /// first), and what they were computed for.
    proposals: Option<(ColumnMapping, MatchChoices, Vec<MatchProposal>)>,
    /// For a large file: the matches being looked for on a background thread, and
    /// what for; `None` inside until found.
    finding: Option<(ColumnMapping, MatchChoices, Found)>,
}

impl PartialEq for ImportPreview {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
            && Arc::ptr_eq(&self.table, &other.table)
            && self.mapping == other.mapping
            && self.choices == other.choices
    }
}

impl ImportPreview {
    /// The preview of `table` read from `path`, to be imported into `doc`.
    /// `doc` is the editor's snapshot (shared, not copied).
    pub fn new(path: PathBuf, table: Table, doc: Arc<Document>) -> Self {
        let mapping = ColumnMapping::detect(&table.headers);
        Self {
            path,
            table: Arc::new(table),
            mapping,
            map: doc,
            choices: MatchChoices::default(),
            proposals: None,
            finding: None,
        }
    }

    /// The import into `doc` (the map as it is now) with the mapping and the
    /// choices made in the preview; its messages in `language`.
    pub fn plan(&self, doc: &Document, language: Language) -> Result<ImportPlan, ImportError> {
        plan_import_with(doc, &self.table, &self.mapping, &self.choices, language)
    }

    /// The proposed matches, matches by name (the ones to check) first; computed
    /// again only when the mapping or a choice changed. For a file of
    /// [`super::edit_job::IMPORT_ROWS`] rows or more they are looked for on a
    /// background thread ([`Self::is_finding`]): the last ones found stay meanwhile.
    pub fn proposals(&mut self) -> &[MatchProposal] {
        let wanted = |mapping: &ColumnMapping, choices: &MatchChoices| {
            *mapping == self.mapping && *choices == self.choices
        };
        let fresh = self
            .proposals
            .as_ref()
            .is_some_and(|(mapping, choices, _)| wanted(mapping, choices));
        if !fresh {
            if self.table.rows.len() < super::edit_job::IMPORT_ROWS {
                let found = find_matches(&self.map, &self.table, &self.mapping, &self.choices);
                self.proposals = Some((self.mapping.clone(), self.choices.clone(), found));
            } else {
                self.find_in_background();
            }
        }
        self.proposals
            .as_ref()
            .map_or(&[][..], |(_, _, found)| found.as_slice())
    }

    /// The undo label of importing this file with `plan`.
    pub fn label(&self, plan: &ImportPlan) -> crate::edit::EditLabel {
        crate::edit::EditLabel {
            kind: crate::edit::EditKind::Import,
            subject: super::background::file_name(&self.path),
            count: plan.summary.added,
        }
    }

    /// Whether matches are being looked for in the background.
    pub fn is_finding(&self) -> bool {
        self.finding.is_some()
    }

    /// Collects matches found in the background, or starts looking for the
    /// current mapping and choices.
    fn find_in_background(&mut self) {
        if let Some((mapping, choices, slot)) = &self.finding {
            // Whether the thread still runs, asked before its slot: a thread that
            // fills the slot and ends in between is then not taken for one that
            // ended without an answer.
            let running = Arc::strong_count(slot) > 1;
            let done = slot.lock().ok().and_then(|mut s| s.take());
            match done {
                Some(found) => {
                    self.finding = None;
                    self.proposals = Some(found);
                    if self
                        .proposals
                        .as_ref()
                        .is_some_and(|(m, c, _)| *m == self.mapping && *c == self.choices)
                    {
                        return;
                    }
                }
                // Still looking; a newer mapping waits for it.
                None if running => return,
                // The thread ended without an answer: do not ask again for these.
                None => {
                    self.proposals = Some((mapping.clone(), choices.clone(), Vec::new()));
                    self.finding = None;
                    return;
                }
            }
        }
        let slot: Found = Arc::default();
        let (map, table) = (Arc::clone(&self.map), Arc::clone(&self.table));
        let (mapping, choices) = (self.mapping.clone(), self.choices.clone());
        let thread_slot = Arc::clone(&slot);
        std::thread::spawn(move || {
            let found = find_matches(&map, &table, &mapping, &choices);
            if let Ok(mut slot) = thread_slot.lock() {
                *slot = Some((mapping, choices, found));
            }
        });
        self.finding = Some((self.mapping.clone(), self.choices.clone(), slot));
    }

    /// Keeps `row` apart from whoever it matches (`same = false`) or merges it with
    /// them (`same = true`), whatever the rules proposed.
    pub fn set_same_person(&mut self, row: usize, same: bool) {
        if same {
            self.choices.separate.remove(&row);
            self.choices.same.insert(row);
        } else {
            self.choices.same.remove(&row);
            self.choices.separate.insert(row);
        }
    }

    /// Confirms (or withdraws) copying contact details onto the match of `row`.
    pub fn set_copy_contacts(&mut self, row: usize, copy: bool) {
        if copy {
            self.choices.copy_contacts.insert(row);
        } else {
            self.choices.copy_contacts.remove(&row);
        }
    }
}

/// What the preview dialog decided this frame.
pub enum PreviewOutcome {
    /// Still open.
    Open(Box<ImportPreview>),
    /// Import with this mapping.
    Import(Box<ImportPreview>),
    /// Cancelled.
    Cancelled,
}

/// The name of a field (or "ignore") in the UI language.
pub fn field_name(field: Option<Field>, tr: Tr) -> &'static str {
    tr.t(match field {
        None => T::FieldIgnore,
        Some(Field::Name) => T::Name,
        Some(Field::FirstName) => T::FieldFirstName,
        Some(Field::LastName) => T::FieldLastName,
        Some(Field::Title) => T::Title,
        Some(Field::Department) => T::Department,
        Some(Field::ReportsTo) => T::FieldReportsTo,
        Some(Field::Email) => T::Email,
        Some(Field::Phone) => T::Phone,
        Some(Field::Account) => T::FieldAccount,
        Some(Field::Notes) => T::Notes,
        Some(Field::Role) => T::Role,
        Some(Field::Stance) => T::Stance,
        Some(Field::Power) => T::Power,
        Some(Field::Coverage) => T::Coverage,
        Some(Field::BusinessAgenda) => T::BusinessAgenda,
        Some(Field::PersonalAgenda) => T::PersonalAgenda,
        Some(Field::Concerns) => T::Concerns,
        Some(Field::DecisionCriteria) => T::DecisionCriteria,
        Some(Field::OtherContact) => T::FieldOtherContact,
        Some(Field::Owner) => T::Owner,
        Some(Field::LastContact) => T::LastContact,
        Some(Field::LastVerified) => T::LastVerified,
        Some(Field::Source) => T::Source,
        Some(Field::Tags) => T::FieldTags,
        Some(Field::Favours) => T::Favours,
    })
}

/// The preview dialog.
pub fn import_preview_ui(
    ctx: &egui::Context,
    mut preview: Box<ImportPreview>,
    tr: Tr,
) -> PreviewOutcome {
    let mut outcome = None;
    // A window rather than a modal: the mapping combo boxes open popups, which a
    // modal would block.
    egui::Window::new(tr.t(T::ImportTitle))
        .id(egui::Id::new("import-preview"))
        .collapsible(false)
        .resizable(true)
        .default_width(720.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.set_max_width(760.0);
            ui.monospace(preview.path.display().to_string());
            ui.label(RichText::new(preview.table.source.describe_in(tr.0)).weak());
            ui.label(rows_text(preview.table.rows.len(), tr));
            ui.separator();
            ui.strong(tr.t(T::ImportMapping));
            mapping_grid_ui(ui, &mut preview, tr);
            ui.separator();
            ui.strong(tr.t(T::ImportFirstRows));
            first_rows_ui(ui, &preview.table, tr);
            ui.separator();
            matches_ui(ui, &mut preview, tr);
            let problem = preview.mapping.check().err();
            if let Some(problem) = &problem {
                ui.colored_label(ERROR_TEXT, problem.message(tr.0));
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(problem.is_none(), egui::Button::new(tr.t(T::ImportButton)))
                    .clicked()
                {
                    outcome = Some(true);
                }
                if ui.button(tr.t(T::Cancel)).clicked() {
                    outcome = Some(false);
                }
            });
        });
    match outcome {
        Some(true) => PreviewOutcome::Import(preview),
        Some(false) => PreviewOutcome::Cancelled,
        None => PreviewOutcome::Open(preview),
    }
}

fn mapping_grid_ui(ui: &mut Ui, preview: &mut ImportPreview, tr: Tr) {
    let mut choices: Vec<Option<Field>> = vec![None];
    choices.extend(Field::ALL.iter().copied().map(Some));
    for column in 0..preview.table.headers.len() {
        let header = preview.table.column_label_in(column, tr.0);
        let current = preview.mapping.field(column);
        ui.horizontal(|ui| {
            ui.add_sized([160.0, 18.0], egui::Label::new(&header).truncate());
            let combo = egui::ComboBox::from_id_salt(("import-column", column))
                .selected_text(field_name(current, tr))
                .width(130.0)
                // Tall enough to list every field without scrolling.
                .height(320.0)
                .show_ui(ui, |ui| {
                    for choice in &choices {
                        let picked = ui
                            .selectable_label(*choice == current, field_name(*choice, tr))
                            .clicked();
                        if picked {
                            preview.mapping.set_field(column, *choice);
                        }
                    }
                })
                .response;
            ui.ctx().accesskit_node_builder(combo.id, |node| {
                node.set_label(format!("{header} →"));
            });
            let samples: Vec<&str> = preview
                .table
                .rows
                .iter()
                .map(|row| row.cell(column))
                .filter(|c| !c.is_empty())
                .take(3)
                .collect();
            ui.add(egui::Label::new(RichText::new(samples.join(" · ")).weak()).truncate());
        });
    }
}

/// "1 row" / "12 rows".
fn rows_text(count: usize, tr: Tr) -> String {
    if count == 1 {
        tr.t(T::ImportRowOne).to_owned()
    } else {
        tr.f(T::ImportRows, &[&count])
    }
}

/// What the user changed about a match this frame.
enum MatchChange {
    /// Same person (true) or kept apart (false).
    Same(usize, bool),
    /// Copy contact details onto the match (true) or not.
    CopyContacts(usize, bool),
}

/// The rows that match someone already known, each with both sides, the evidence
/// and the user's choices.
fn matches_ui(ui: &mut Ui, preview: &mut ImportPreview, tr: Tr) {
    let none = preview.proposals().is_empty();
    if preview.is_finding() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr.t(T::ImportFinding));
        });
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(100));
    }
    if none {
        return;
    }
    let mut changes = Vec::new();
    {
        let choices = &preview.choices;
        let proposals = preview
            .proposals
            .as_ref()
            .map_or(&[][..], |(_, _, found)| found.as_slice());
        let by_email = proposals
            .iter()
            .filter(|p| p.evidence.basis == MatchBasis::Email)
            .count();
        ui.strong(tr.t(T::ImportMatches));
        ui.label(
            RichText::new(tr.f(
                T::ImportMatchCounts,
                &[&by_email, &(proposals.len() - by_email)],
            ))
            .weak(),
        );
        egui::ScrollArea::vertical()
            .id_salt("import-matches")
            .max_height(4.0 * MATCH_ROW_HEIGHT)
            .show_rows(ui, MATCH_ROW_HEIGHT, proposals.len(), |ui, range| {
                for proposal in proposals.get(range).unwrap_or_default() {
                    match_ui(ui, choices, proposal, tr, &mut changes);
                }
            });
    }
    for change in changes {
        match change {
            MatchChange::Same(row, same) => preview.set_same_person(row, same),
            MatchChange::CopyContacts(row, copy) => preview.set_copy_contacts(row, copy),
        }
    }
    ui.separator();
}

/// One proposed match.
fn match_ui(
    ui: &mut Ui,
    choices: &MatchChoices,
    proposal: &MatchProposal,
    tr: Tr,
    changes: &mut Vec<MatchChange>,
) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(tr.f(T::ImportRow, &[&proposal.row])).strong());
        ui.label(side_text(&proposal.row_side));
        ui.label("⇄");
        ui.label(side_text(&proposal.other_side));
        let whose = match &proposal.target {
            MatchTarget::Existing(_) => tr.t(T::OnTheMap).to_owned(),
            MatchTarget::Row(row) => tr.f(T::ImportRow, &[row]),
        };
        ui.label(RichText::new(format!("({whose})")).weak());
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(evidence_text(proposal, tr)).weak());
        let merged = proposal.is_merged();
        let mut same = merged;
        if ui
            .checkbox(&mut same, tr.f(T::MatchSamePerson, &[&proposal.row]))
            .changed()
        {
            changes.push(MatchChange::Same(proposal.row, same));
        }
        let offers = matches!(
            proposal.outcome,
            MatchOutcome::Merged(ContactDetails::HeldBack | ContactDetails::Copied)
        );
        if merged && proposal.is_by_name() && offers {
            let mut copy = choices.copies_contacts(proposal.row);
            if ui
                .checkbox(&mut copy, tr.f(T::MatchCopyContacts, &[&proposal.row]))
                .changed()
            {
                changes.push(MatchChange::CopyContacts(proposal.row, copy));
            }
        }
    });
}

/// One side of a match: name, title, department, e-mail, phone.
fn side_text(side: &MatchSide) -> String {
    [
        &side.name,
        &side.title,
        &side.department,
        &side.email,
        &side.phone,
    ]
    .iter()
    .filter(|t| !t.is_empty())
    .map(|t| t.chars().take(40).collect::<String>())
    .collect::<Vec<_>>()
    .join(" · ")
}

/// Why the two sides were compared, and how their fields agree.
fn evidence_text(proposal: &MatchProposal, tr: Tr) -> String {
    let evidence = &proposal.evidence;
    let basis = match evidence.basis {
        MatchBasis::Email => tr.t(T::MatchByEmail),
        MatchBasis::Name => tr.t(T::MatchByName),
    };
    let agreement = |label: T, a: Agreement| {
        let word = match a {
            Agreement::Same => T::AgreeSame,
            Agreement::OneEmpty => T::AgreeOneEmpty,
            Agreement::Different => T::AgreeDifferent,
        };
        format!("{} {}", tr.t(label), tr.t(word))
    };
    let mut parts = vec![basis.to_owned()];
    if evidence.basis == MatchBasis::Name {
        parts.push(agreement(T::Email, evidence.email));
    }
    parts.push(agreement(T::Title, evidence.title));
    parts.push(agreement(T::Department, evidence.department));
    match proposal.other_candidates {
        0 => {}
        1 => parts.push(tr.t(T::MatchOtherOne).to_owned()),
        n => parts.push(tr.f(T::MatchOthers, &[&n])),
    }
    parts.join(if tr.chinese() { "；" } else { "; " })
}

fn first_rows_ui(ui: &mut Ui, table: &Table, tr: Tr) {
    // Wide tables scroll sideways; the bar is always shown so the hidden columns
    // are not mistaken for missing ones.
    egui::ScrollArea::both()
        .id_salt("first-rows")
        .max_height(160.0)
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .show(ui, |ui| {
            egui::Grid::new("import-rows").striped(true).show(ui, |ui| {
                ui.label(RichText::new("#").weak());
                for column in 0..table.headers.len() {
                    ui.label(RichText::new(table.column_label_in(column, tr.0)).strong());
                }
                ui.end_row();
                for row in table.rows.iter().take(PREVIEW_ROWS) {
                    ui.label(RichText::new(row.number.to_string()).weak());
                    for column in 0..table.headers.len() {
                        let cell: String = row.cell(column).chars().take(40).collect();
                        ui.label(cell);
                    }
                    ui.end_row();
                }
            });
        });
}

/// The summary after an import; returns false once dismissed.
pub fn import_report_ui(ctx: &egui::Context, summary: &ImportSummary, tr: Tr) -> bool {
    let mut keep = true;
    egui::Modal::new(egui::Id::new("import-report")).show(ctx, |ui| {
        ui.set_max_width(640.0);
        ui.heading(tr.t(T::ImportDone));
        ui.label(tr.f(
            T::ImportCounts,
            &[
                &summary.added,
                &summary.updated,
                &summary.unchanged,
                &summary.skipped,
            ],
        ));
        match summary.lines_added {
            0 => {}
            1 => {
                ui.label(tr.t(T::ImportLineOne));
            }
            n => {
                ui.label(tr.f(T::ImportLines, &[&n]));
            }
        }
        if !summary.members_added.is_empty() {
            let separator = if tr.chinese() { "、" } else { ", " };
            ui.label(tr.f(T::ImportMembers, &[&summary.members_added.join(separator)]));
        }
        if !summary.issues.is_empty() {
            ui.separator();
            ui.colored_label(WARNING_TEXT, tr.t(T::ImportIssues));
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .show(ui, |ui| {
                    for issue in &summary.issues {
                        ui.label(issue.line(tr.0));
                    }
                });
        }
        if ui.button(tr.t(T::Dismiss)).clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            keep = false;
        }
    });
    keep
}

/// Commands the preview leads to (kept here so the app's command list stays short).
pub fn import_command(preview: ImportPreview) -> AppCommand {
    AppCommand::ImportApply(Box::new(preview))
}

/// The matches of `table`'s rows in `map`, matches by name (the ones to check)
/// first.
fn find_matches(
    map: &Document,
    table: &Table,
    mapping: &ColumnMapping,
    choices: &MatchChoices,
) -> Vec<MatchProposal> {
    let mut found = propose_matches(map, table, mapping, choices).unwrap_or_default();
    found.sort_by_key(|p| (p.evidence.basis == MatchBasis::Email, p.row));
    found
}
