//! The deal section of the account panel: the expected close date, the customer's
//! decision process (ordered steps, each with the people who approve it) and the
//! competitors. Every change is one account update; typing into one field is
//! one undo step.

use std::collections::{HashMap, HashSet};

use egui::{Align, Label, Layout, RichText, Ui};

use super::deal_edits::{followers, rename_competitor, step_moved};
use super::i18n::T;
use super::person_picker::{
    PickerButton, PickerState, chip_ui, describe_person, display_name, person_picker_ui,
};
use super::widgets::{Drafts, FieldChange, FieldLabel, Form, date_row_ui, list_line_ui};
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
    /// The open approver picker (one is open at a time).
    picker: PickerState,
    /// Where the approvers are in the list of people (see [`approver_lookup`]).
    approver_places: HashMap<StakeholderId, usize>,
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
        let people = approver_lookup(&mut self.approver_places, doc);
        for (index, step) in steps.iter().enumerate() {
            self.step_ui(ui, doc, &people, (index, step), form);
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
        people: &HashMap<&StakeholderId, &Stakeholder>,
        (index, step): (usize, &DecisionStep),
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
                    let id = egui::Id::new(("deal-step", index));
                    list_line_ui(ui, &mut name, id, tr.t(T::StepNameHint))
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
        self.approvers_ui(ui, doc, people, (index, step), form);
    }

    fn approvers_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        people: &HashMap<&StakeholderId, &Stakeholder>,
        (index, step): (usize, &DecisionStep),
        form: &mut Form<'_>,
    ) {
        let tr = form.tr;
        let account = &doc.account;
        let number = index + 1;
        let mut removed = None;
        let mut added = None;
        // Indented under its step, so that the approvers read as part of it.
        ui.indent(("deal-approvers", index), |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(tr.t(T::Approvers)).weak());
                for id in &step.approvers {
                    let (name, hover) = match people.get(id) {
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
                    &mut self.picker,
                    &doc.stakeholders,
                    &step.approvers,
                    tr,
                );
            });
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
                        let id = egui::Id::new(("deal-competitor", index));
                        let response = list_line_ui(ui, &mut name, id, tr.t(T::NewCompetitor));
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

/// The people who approve a step of the decision process, by id. Where they are
/// in the list is remembered in `places`: a frame checks those places (as many
/// as there are approvers) and passes over the map's people only when one of
/// them no longer holds its person.
fn approver_lookup<'a>(
    places: &mut HashMap<StakeholderId, usize>,
    doc: &'a Document,
) -> HashMap<&'a StakeholderId, &'a Stakeholder> {
    let wanted: HashSet<&StakeholderId> = doc
        .account
        .decision_process
        .iter()
        .flat_map(|step| &step.approvers)
        .collect();
    let remembered: HashMap<&StakeholderId, &Stakeholder> = wanted
        .iter()
        .filter_map(|id| {
            let place = *places.get(*id)?;
            let person = doc.stakeholders.get(place).filter(|p| p.id == **id)?;
            Some((&person.id, person))
        })
        .collect();
    if remembered.len() == wanted.len() {
        return remembered;
    }
    places.clear();
    let mut found = HashMap::with_capacity(wanted.len());
    for (place, person) in doc.stakeholders.iter().enumerate() {
        if wanted.contains(&person.id) {
            places.insert(person.id.clone(), place);
            found.insert(&person.id, person);
            if found.len() == wanted.len() {
                break;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(found: &HashMap<&StakeholderId, &Stakeholder>) -> Vec<String> {
        let mut names: Vec<String> = found.values().map(|p| p.name.clone()).collect();
        names.sort();
        names
    }

    #[test]
    fn approvers_are_found_where_they_are_now_after_the_list_changed() {
        let mut doc = Document::default();
        for (id, name) in [("a", "Ann"), ("b", "Bo"), ("c", "Cy"), ("d", "Di")] {
            doc.stakeholders.push(Stakeholder::new(id, name));
        }
        doc.account.decision_process = vec![
            DecisionStep::new("技术评审", vec![StakeholderId::new("c")]),
            DecisionStep::new(
                "签约",
                vec![StakeholderId::new("a"), StakeholderId::new("c")],
            ),
        ];
        let mut places = HashMap::new();
        assert_eq!(names(&approver_lookup(&mut places, &doc)), ["Ann", "Cy"]);
        assert_eq!(places.len(), 2);
        // Remembered places are used while they hold their people …
        doc.stakeholders[0].name = "Anna".into();
        assert_eq!(names(&approver_lookup(&mut places, &doc)), ["Anna", "Cy"]);
        // … and found again when the list changed under them.
        doc.stakeholders.swap(0, 3);
        doc.stakeholders.remove(1);
        assert_eq!(names(&approver_lookup(&mut places, &doc)), ["Anna", "Cy"]);
        // Someone who is not there is not found, and nothing breaks.
        doc.stakeholders.retain(|p| p.id.as_str() != "c");
        assert_eq!(names(&approver_lookup(&mut places, &doc)), ["Anna"]);
        doc.account.decision_process.clear();
        assert!(approver_lookup(&mut places, &doc).is_empty());
    }
}
