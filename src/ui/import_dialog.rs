//! Importing contacts in the app: a preview of the file with the column mapping, which
//! the user can correct, and the first rows — nothing changes before *Import*. The
//! import is one undo step; the summary lists every row that was left out.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::app_command::AppCommand;
use super::i18n::{T, Tr};
use super::theme::{ERROR_TEXT, WARNING_TEXT};
use crate::import::{ColumnMapping, Field, ImportSummary, Table};

/// Rows shown in the preview.
const PREVIEW_ROWS: usize = 5;

/// A file read and waiting for the user to confirm the mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPreview {
    /// The file.
    pub path: PathBuf,
    /// Its contents.
    pub table: Table,
    /// Which field each column fills.
    pub mapping: ColumnMapping,
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
            ui.label(tr.f(T::ImportRows, &[&preview.table.rows.len()]));
            ui.separator();
            ui.strong(tr.t(T::ImportMapping));
            mapping_grid_ui(ui, &mut preview, tr);
            ui.separator();
            ui.strong(tr.t(T::ImportFirstRows));
            first_rows_ui(ui, &preview.table, tr);
            ui.separator();
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

fn first_rows_ui(ui: &mut Ui, table: &Table, tr: Tr) {
    egui::ScrollArea::both()
        .id_salt("first-rows")
        .max_height(160.0)
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
        if summary.lines_added > 0 {
            ui.label(tr.f(T::ImportLines, &[&summary.lines_added]));
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
