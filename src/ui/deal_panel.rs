//! The deal section of the account panel: the expected close date, the customer's
//! decision process (ordered steps, each with the people who approve it) and the
//! competitors. Every change is one account update; typing into one field is
//! one undo step.

use egui::{Align, Label, Layout, RichText, TextEdit, Ui};

use super::deal_edits::{followers, rename_competitor, step_moved};
use super::i18n::T;
use super::person_picker::{
    PickerButton, chip_ui, describe_person, display_name, person_picker_ui,
};
use super::widgets::{Drafts, FieldChange, FieldLabel, Form, date_row_ui};
use crate::edit::Command;
use crate::model::{Account, DecisionStep, Document, Stakeholder, StakeholderId};

/// A field that gets the keyboard once it is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Focus {
    /// The name of the step at this position.
    Step(usize),
    /// The competitor at this position.
    Competitor(usize),
}

/// A competitor's name being typed: who favoured the name it had when typing
/// began. They follow the new name, also through an emptied field.
struct Renaming {
    index: usize,
    followers: Vec<StakeholderId>,
}

/// View state of the deal section.
#[derive(Default)]
pub struct DealPanel {
    drafts: Drafts,
    focus: Option<Focus>,
    /// The text typed into the open approver picker (one is open at a time).
    search: String,
    renaming: Option<Renaming>,
}

/// The id of the close date field (its draft text and the text field).
pub fn close_date_id() -> egui::Id {
    egui::Id::new("account-close-date")
}

impl DealPanel {
    /// Shows and edits the deal facts of the account.
    pub fn deal_ui(&mut self, ui: &mut Ui, doc: &Document, form: &mut Form<'_>) {
        let tr = form.tr;
        let account = &doc.account;
        ui.heading(tr.t(T::Deal));
        let change = date_row_ui(
            ui,
            &mut self.drafts,
            close_date_id(),
            FieldLabel::above(tr.t(T::CloseDate)),
            account.close_date,
            tr,
        );
        form.apply(change, "account/close_date".into(), |date| {
            updated(account, |a| a.close_date = date)
        });
        ui.add_space(4.0);
        self.process_ui(ui, doc, form);
        ui.add_space(4.0);
        self.competitors_ui(ui, doc, form);
    }

    fn process_ui(&mut self, ui: &mut Ui, doc: &Document, form: &mut Form<'_>) {
        let tr = form.tr;
        let steps = &doc.account.decision_process;
        ui.strong(tr.t(T::DecisionProcess));
        if steps.is_empty() {
            ui.add(Label::new(RichText::new(tr.t(T::DecisionProcessHint)).weak()).wrap());
        }
        for (index, step) in steps.iter().enumerate() {
            self.step_ui(ui, doc, index, step, form);
        }
        if ui.button(tr.t(T::AddStep)).clicked() {
            form.edit(updated(&doc.account, |a| {
                a.decision_process.push(DecisionStep::new("", Vec::new()));
            }));
            self.focus = Some(Focus::Step(steps.len()));
        }
    }

    /// One step: its number, name, move and remove buttons; below, its approvers
    /// as chips and the picker that adds one.
    fn step_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        index: usize,
        step: &DecisionStep,
        form: &mut Form<'_>,
    ) {
        let tr = form.tr;
        let account = &doc.account;
        let number = index + 1;
        let last = account.decision_process.len().saturating_sub(1);
        let mut name = step.name.clone();
        let mut clicked = None;
        let response = ui
            .horizontal(|ui| {
                ui.label(format!("{number}."));
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    let buttons = [
                        ("🗙", T::RemoveStep, StepButton::Remove, true),
                        ("⏷", T::MoveStepDown, StepButton::Down, index < last),
                        ("⏶", T::MoveStepUp, StepButton::Up, index > 0),
                    ];
                    for (icon, what, button, enabled) in buttons {
                        let name = tr.f(what, &[&number]);
                        if icon_button_ui(ui, icon, &name, enabled) {
                            clicked = Some(button);
                        }
                    }
                    ui.add(
                        TextEdit::singleline(&mut name)
                            .id(egui::Id::new(("deal-step", index)))
                            .hint_text(tr.t(T::StepNameHint))
                            .desired_width(ui.available_width()),
                    )
                })
                .inner
            })
            .inner;
        let label = tr.f(T::StepLabel, &[&number]);
        ui.ctx()
            .accesskit_node_builder(response.id, |node| node.set_label(label));
        if self.focus == Some(Focus::Step(index)) {
            response.request_focus();
            self.focus = None;
        }
        let change = FieldChange {
            value: (response.changed() && name != step.name).then_some(name),
            lost_focus: response.lost_focus(),
        };
        form.apply(change, format!("account/step/{index}/name"), |name| {
            updated(account, |a| {
                if let Some(s) = a.decision_process.get_mut(index) {
                    s.name.clone_from(&name);
                }
            })
        });
        match clicked {
            Some(StepButton::Remove) => form.edit(updated(account, |a| {
                if index < a.decision_process.len() {
                    a.decision_process.remove(index);
                }
            })),
            Some(button @ (StepButton::Up | StepButton::Down)) => {
                let up = button == StepButton::Up;
                if let Some(steps) = step_moved(&account.decision_process, index, up) {
                    form.edit(updated(account, |a| a.decision_process.clone_from(&steps)));
                }
            }
            None => {}
        }
        self.approvers_ui(ui, doc, index, step, form);
    }

    fn approvers_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        index: usize,
        step: &DecisionStep,
        form: &mut Form<'_>,
    ) {
        let tr = form.tr;
        let account = &doc.account;
        let number = index + 1;
        let people = approvers_of(doc, step);
        let mut removed = None;
        let mut added = None;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(tr.t(T::Approvers)).weak());
            for (id, person) in step.approvers.iter().zip(&people) {
                let (name, hover) = match person {
                    Some(p) => (display_name(p, tr), describe_person(p, tr)),
                    None => (id.to_string(), id.to_string()),
                };
                let remove = tr.f(T::RemoveApprover, &[&name, &number]);
                if chip_ui(ui, &name, &hover, &remove) {
                    removed = Some(id.clone());
                }
            }
            let label = format!("+ {}", tr.t(T::AddApprover));
            let name = tr.f(T::AddApproverTo, &[&number]);
            let picker = PickerButton {
                id: egui::Id::new(("deal-approver-picker", index)),
                label: &label,
                name: &name,
            };
            added = person_picker_ui(
                ui,
                &picker,
                &mut self.search,
                &doc.stakeholders,
                &step.approvers,
                tr,
            );
        });
        let with_approvers = |edit: &dyn Fn(&mut Vec<StakeholderId>)| {
            updated(account, |a| {
                if let Some(s) = a.decision_process.get_mut(index) {
                    edit(&mut s.approvers);
                }
            })
        };
        if let Some(id) = removed {
            form.edit(with_approvers(&|list| list.retain(|a| *a != id)));
        }
        if let Some(id) = added {
            form.edit(with_approvers(&|list| {
                if !list.contains(&id) {
                    list.push(id.clone());
                }
            }));
        }
    }

    fn competitors_ui(&mut self, ui: &mut Ui, doc: &Document, form: &mut Form<'_>) {
        let tr = form.tr;
        let account = &doc.account;
        ui.strong(tr.t(T::Competitors));
        for (index, current) in account.competitors.iter().enumerate() {
            let number = index + 1;
            let mut name = current.clone();
            // Remove on the right; the name gets the rest of the row.
            let (response, remove) = ui
                .horizontal(|ui| {
                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                        let what = tr.f(T::RemoveCompetitor, &[&number]);
                        let remove = icon_button_ui(ui, "🗙", &what, true);
                        let response = ui.add(
                            TextEdit::singleline(&mut name)
                                .id(egui::Id::new(("deal-competitor", index)))
                                .hint_text(tr.t(T::NewCompetitor))
                                .desired_width(ui.available_width()),
                        );
                        (response, remove)
                    })
                    .inner
                })
                .inner;
            let label = tr.f(T::CompetitorLabel, &[&number]);
            ui.ctx()
                .accesskit_node_builder(response.id, |node| node.set_label(label));
            if self.focus == Some(Focus::Competitor(index)) {
                response.request_focus();
                self.focus = None;
            }
            if response.changed() && name != *current {
                if self.renaming.as_ref().is_none_or(|r| r.index != index) {
                    self.renaming = Some(Renaming {
                        index,
                        followers: followers(doc, current),
                    });
                }
                let who = self.renaming.as_ref().map_or(&[][..], |r| &r.followers);
                form.commands.push(super::app_command::AppCommand::Edit {
                    command: rename_competitor(doc, index, &name, who),
                    merge_key: Some(format!("account/competitor/{index}")),
                });
            }
            if response.lost_focus() {
                self.renaming = None;
                form.commands
                    .push(super::app_command::AppCommand::SealEdits);
            }
            if remove {
                // Whom people favour stays as it is: a fact about them, kept.
                form.edit(updated(account, |a| {
                    if index < a.competitors.len() {
                        a.competitors.remove(index);
                    }
                }));
            }
        }
        if ui.button(tr.t(T::AddCompetitor)).clicked() {
            form.edit(updated(account, |a| a.competitors.push(String::new())));
            self.focus = Some(Focus::Competitor(account.competitors.len()));
        }
    }
}

/// A button of a step's row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StepButton {
    Up,
    Down,
    Remove,
}

/// A small icon button with a tooltip, named for screen readers (an emoji is no
/// name). Returns whether it was clicked.
fn icon_button_ui(ui: &mut Ui, icon: &str, name: &str, enabled: bool) -> bool {
    let button = ui
        .add_enabled(enabled, egui::Button::new(icon).small())
        .on_hover_text(name)
        .on_disabled_hover_text(name);
    ui.ctx()
        .accesskit_node_builder(button.id, |node| node.set_label(name));
    button.clicked()
}

/// The account with one change: an update command.
fn updated(account: &Account, edit: impl FnOnce(&mut Account)) -> Command {
    let mut next = account.clone();
    edit(&mut next);
    Command::update_account(next)
}

/// The people who approve `step`, in its order (`None` for an id nobody has).
/// One pass over the map's people, stopping once all are found.
fn approvers_of<'a>(doc: &'a Document, step: &DecisionStep) -> Vec<Option<&'a Stakeholder>> {
    let mut found: Vec<Option<&Stakeholder>> = vec![None; step.approvers.len()];
    if step.approvers.is_empty() {
        return found;
    }
    let mut missing = step.approvers.len();
    for person in &doc.stakeholders {
        for (slot, id) in found.iter_mut().zip(&step.approvers) {
            if slot.is_none() && *id == person.id {
                *slot = Some(person);
                missing -= 1;
            }
        }
        if missing == 0 {
            break;
        }
    }
    found
}
