//! Editing several selected people at once: stance, role, power, owner and tags.
//! Each change is one command for everyone (one undo step); fields where the people
//! differ say so instead of showing one person's value.

use std::collections::BTreeSet;

use egui::{RichText, TextEdit, Ui};

use super::app_command::{Action, AppCommand};
use super::i18n::T;
use super::inspector::split_tags;
use super::selection::Selection;
use super::widgets::{Form, choice_or_mixed_row_ui, labelled};
use crate::edit::Command;
use crate::model::{Document, Power, Role, Stakeholder, Stance, TeamMemberId};

/// View state of the multi-selection editor: the tags being typed.
#[derive(Default)]
pub struct BulkEditor {
    new_tags: String,
}

/// The value every selected person shares, or `None` when they differ.
fn common<V: PartialEq + Clone>(
    people: &[&Stakeholder],
    value: impl Fn(&Stakeholder) -> V,
) -> Option<V> {
    let (first, rest) = people.split_first()?;
    let first = value(first);
    rest.iter().all(|p| value(p) == first).then_some(first)
}

/// One update per person the change really alters, as one command.
fn update_all(people: &[&Stakeholder], edit: impl Fn(&mut Stakeholder)) -> Option<Command> {
    let updates: Vec<Command> = people
        .iter()
        .filter_map(|person| {
            let mut next = (*person).clone();
            edit(&mut next);
            (next != **person).then(|| Command::update_stakeholder(next))
        })
        .collect();
    (!updates.is_empty()).then_some(Command::Batch(updates))
}

impl BulkEditor {
    /// Shows the editor for the selected people (two or more) and the selected lines.
    pub fn bulk_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        selection: &Selection,
        form: &mut Form<'_>,
    ) {
        let tr = form.tr;
        // One pass over the map, in map order: linear in the number of people.
        let people: Vec<&Stakeholder> = doc
            .stakeholders
            .iter()
            .filter(|p| selection.people.contains(&p.id))
            .collect();
        ui.heading(tr.f(
            T::ManySelected,
            &[&selection.people.len(), &selection.lines.len()],
        ));
        if !people.is_empty() {
            ui.add(egui::Label::new(RichText::new(tr.t(T::BulkHint)).weak()).wrap());
            ui.add_space(4.0);
            self.fields_ui(ui, doc, &people, form);
        }
        ui.separator();
        if ui.button(tr.t(T::DeleteSelection)).clicked() {
            form.commands
                .push(AppCommand::Action(Action::DeleteSelection));
        }
    }

    fn fields_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        people: &[&Stakeholder],
        form: &mut Form<'_>,
    ) {
        let tr = form.tr;
        let mixed = tr.t(T::Mixed);
        let stance = common(people, |p| p.stance);
        if let Some(stance) = choice_or_mixed_row_ui(
            ui,
            tr.t(T::Stance),
            stance.as_ref(),
            Stance::ALL,
            |s| tr.stance(*s).to_owned(),
            mixed,
        ) && let Some(command) = update_all(people, |p| p.stance = stance)
        {
            form.edit(command);
        }
        let role = common(people, |p| p.role);
        if let Some(role) = choice_or_mixed_row_ui(
            ui,
            tr.t(T::Role),
            role.as_ref(),
            Role::ALL,
            |r| tr.role(*r).to_owned(),
            mixed,
        ) && let Some(command) = update_all(people, |p| p.role = role)
        {
            form.edit(command);
        }
        let powers: Vec<Power> = (1..=5).filter_map(Power::new).collect();
        let power = common(people, |p| p.power);
        if let Some(power) = choice_or_mixed_row_ui(
            ui,
            tr.t(T::Power),
            power.as_ref(),
            &powers,
            |p| tr.power(p.level()),
            mixed,
        ) && let Some(command) = update_all(people, |p| p.power = power)
        {
            form.edit(command);
        }
        let mut owners: Vec<Option<TeamMemberId>> = vec![None];
        owners.extend(doc.team.iter().map(|m| Some(m.id.clone())));
        let owner_name = |owner: &Option<TeamMemberId>| match owner
            .as_ref()
            .and_then(|id| doc.team_member(id))
        {
            Some(member) if member.name.is_empty() => tr.t(T::Unnamed).to_owned(),
            Some(member) => member.name.clone(),
            None => tr.t(T::NoOwner).to_owned(),
        };
        let owner = common(people, |p| p.owner.clone());
        if let Some(owner) = choice_or_mixed_row_ui(
            ui,
            tr.t(T::Owner),
            owner.as_ref(),
            &owners,
            owner_name,
            mixed,
        ) && let Some(command) = update_all(people, |p| p.owner = owner.clone())
        {
            form.edit(command);
        }
        self.tags_ui(ui, people, form);
    }

    /// Adds typed tags to everyone; each tag in use is a button that removes it
    /// from everyone.
    fn tags_ui(&mut self, ui: &mut Ui, people: &[&Stakeholder], form: &mut Form<'_>) {
        let tr = form.tr;
        let mut add = false;
        labelled(ui, tr.t(T::AddTags), |ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                add |= ui.button(tr.t(T::AddButton)).clicked();
                let response = ui.add(
                    TextEdit::singleline(&mut self.new_tags)
                        .hint_text(tr.t(T::AddTagsHint))
                        .desired_width(ui.available_width()),
                );
                add |= response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                response
            })
            .inner
        });
        let typed = split_tags(&self.new_tags);
        if add && !typed.is_empty() {
            let command = update_all(people, |p| {
                for tag in &typed {
                    if !p.tags.contains(tag) {
                        p.tags.push(tag.clone());
                    }
                }
            });
            if let Some(command) = command {
                form.edit(command);
            }
            self.new_tags.clear();
        }
        let in_use: BTreeSet<&str> = people
            .iter()
            .flat_map(|p| p.tags.iter().map(String::as_str))
            .collect();
        if in_use.is_empty() {
            return;
        }
        ui.label(RichText::new(tr.t(T::TagsInUse)).weak());
        ui.horizontal_wrapped(|ui| {
            for tag in in_use {
                let button = ui
                    .button(format!("{tag} 🗙"))
                    .on_hover_text(tr.t(T::RemoveTagHint));
                if button.clicked()
                    && let Some(command) = update_all(people, |p| p.tags.retain(|t| t != tag))
                {
                    form.edit(command);
                }
            }
        });
    }
}
