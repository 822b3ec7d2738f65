//! The inspector: every field of the selected person or line. Each change becomes
//! an update command; typing into one field is one undo step.

use egui::{RichText, Ui};

use super::app_command::{Action, AppCommand};
use super::bulk_edit::BulkEditor;
use super::deal_edits::{approved_steps, competitor_choices};
use super::i18n::{T, Tr};
use super::selection::Selection;
use super::theme::WARNING_TEXT;
use super::widgets::{
    Drafts, FieldChange, Form, ParsedField, choice_row_ui, date_row_ui, labelled, parsed_row_ui,
    text_area_ui, text_row_ui,
};
use crate::edit::Command;
use crate::model::{
    Coverage, Date, Document, NextAction, Power, Relationship, RelationshipKind, Role, Stakeholder,
    Stance, Strength,
};

/// Inspector view state: half-typed values and a pending focus request.
#[derive(Default)]
pub struct Inspector {
    drafts: Drafts,
    bulk: BulkEditor,
    log: super::interaction_log::LogForm,
    /// Put the keyboard focus on the name field on the next frame.
    pub focus_name: bool,
}

impl Inspector {
    /// Shows whatever is selected.
    pub fn inspector_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        selection: &Selection,
        tr: Tr,
        commands: &mut Vec<AppCommand>,
    ) {
        let mut form = Form { tr, commands };
        if let Some(person) = selection.single_person().and_then(|id| doc.stakeholder(id)) {
            self.person_ui(ui, doc, person, &mut form);
        } else if let Some(line) = selection.single_line().and_then(|id| doc.relationship(id)) {
            line_ui(ui, doc, line, &mut form);
        } else if selection.is_empty() {
            ui.label(RichText::new(tr.t(T::NothingSelected)).weak());
        } else {
            self.bulk.bulk_ui(ui, doc, selection, &mut form);
        }
    }

    fn person_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        person: &Stakeholder,
        form: &mut Form<'_>,
    ) {
        let tr = form.tr;
        let key = |field: &str| format!("person/{}/{field}", person.id);
        let update = |edit: &dyn Fn(&mut Stakeholder)| {
            let mut next = person.clone();
            edit(&mut next);
            Command::update_stakeholder(next)
        };
        ui.heading(tr.t(T::Person));

        let name_id = ui.make_persistent_id(("name", person.id.as_str()));
        let mut name = person.name.clone();
        let response = labelled(ui, tr.t(T::Name), |ui| {
            ui.add(
                egui::TextEdit::singleline(&mut name)
                    .id(name_id)
                    .hint_text(tr.t(T::NewPersonName))
                    .desired_width(f32::INFINITY),
            )
        });
        if std::mem::take(&mut self.focus_name) {
            response.request_focus();
        }
        let change = FieldChange {
            value: (response.changed() && name != person.name).then_some(name),
            lost_focus: response.lost_focus(),
        };
        form.apply(change, name_merge_key(&person.id), |v| {
            update(&|p| p.name = v.clone())
        });
        let change = text_row_ui(ui, tr.t(T::Title), &person.title);
        form.apply(change, key("title"), |v| update(&|p| p.title = v.clone()));
        let change = text_row_ui(ui, tr.t(T::Department), &person.department);
        form.apply(change, key("department"), |v| {
            update(&|p| p.department = v.clone())
        });

        if let Some(role) = choice_row_ui(ui, tr.t(T::Role), &person.role, Role::ALL, |r| {
            tr.role(*r).to_owned()
        }) {
            form.edit(update(&|p| p.role = role));
        }
        if let Some(stance) = choice_row_ui(ui, tr.t(T::Stance), &person.stance, Stance::ALL, |s| {
            tr.stance(*s).to_owned()
        }) {
            form.edit(update(&|p| p.stance = stance));
        }
        let powers: Vec<Power> = (1..=5).filter_map(Power::new).collect();
        if let Some(power) = choice_row_ui(ui, tr.t(T::Power), &person.power, &powers, |p| {
            tr.power(p.level())
        }) {
            form.edit(update(&|p| p.power = power));
        }
        favours_ui(ui, doc, person, form);
        approves_ui(ui, doc, person, tr);

        let (owners, owner_name) = super::widgets::team_member_choices(doc, tr, T::NoOwner);
        if let Some(owner) = choice_row_ui(ui, tr.t(T::Owner), &person.owner, &owners, owner_name) {
            form.edit(update(&|p| p.owner = owner.clone()));
        }
        if let Some(coverage) = choice_row_ui(
            ui,
            tr.t(T::Coverage),
            &person.coverage,
            Coverage::ALL,
            |c| tr.coverage(*c).to_owned(),
        ) {
            form.edit(update(&|p| p.coverage = coverage));
        }
        let id = |field: &str| ui_id(&person.id.to_string(), field);
        let change = date_row_ui(
            ui,
            &mut self.drafts,
            id("last_contact"),
            tr.t(T::LastContact),
            person.last_contact,
            tr,
        );
        form.apply(change, key("last_contact"), |v| {
            update(&|p| p.last_contact = v)
        });
        let change = date_row_ui(
            ui,
            &mut self.drafts,
            id("last_verified"),
            tr.t(T::LastVerified),
            person.last_verified,
            tr,
        );
        form.apply(change, key("last_verified"), |v| {
            update(&|p| p.last_verified = v)
        });

        ui.separator();
        ui.strong(tr.t(T::Interests));
        let change = text_area_ui(ui, tr.t(T::BusinessAgenda), &person.interests.business);
        form.apply(change, key("business"), |v| {
            update(&|p| p.interests.business = v.clone())
        });
        let change = text_area_ui(ui, tr.t(T::PersonalAgenda), &person.interests.personal);
        form.apply(change, key("personal"), |v| {
            update(&|p| p.interests.personal = v.clone())
        });
        let change = text_area_ui(ui, tr.t(T::Concerns), &person.concerns);
        form.apply(change, key("concerns"), |v| {
            update(&|p| p.concerns = v.clone())
        });
        let change = text_area_ui(ui, tr.t(T::DecisionCriteria), &person.decision_criteria);
        form.apply(change, key("criteria"), |v| {
            update(&|p| p.decision_criteria = v.clone())
        });

        ui.separator();
        self.actions_ui(ui, person, form);

        ui.separator();
        self.log.log_ui(ui, doc, person, form);

        ui.separator();
        ui.strong(tr.t(T::Contact));
        let change = text_row_ui(ui, tr.t(T::Email), &person.contact.email);
        form.apply(change, key("email"), |v| {
            update(&|p| p.contact.email = v.clone())
        });
        let change = text_row_ui(ui, tr.t(T::Phone), &person.contact.phone);
        form.apply(change, key("phone"), |v| {
            update(&|p| p.contact.phone = v.clone())
        });
        let change = text_row_ui(ui, tr.t(T::OtherContact), &person.contact.other);
        form.apply(change, key("other"), |v| {
            update(&|p| p.contact.other = v.clone())
        });
        let change = text_row_ui(ui, tr.t(T::Source), &person.source);
        form.apply(change, key("source"), |v| update(&|p| p.source = v.clone()));
        let tags = person.tags.join(", ");
        let field = ParsedField {
            id: id("tags"),
            label: tr.t(T::Tags).into(),
            hint: "",
        };
        let change = parsed_row_ui(
            ui,
            &mut self.drafts,
            &field,
            tags,
            |t| Ok(split_tags(t)),
            &person.tags,
            tr,
        );
        form.apply(change, key("tags"), |v| update(&|p| p.tags = v.clone()));
        let change = text_area_ui(ui, tr.t(T::Notes), &person.notes);
        form.apply(change, key("notes"), |v| update(&|p| p.notes = v.clone()));

        ui.separator();
        if ui.button(tr.t(T::Delete)).clicked() {
            form.commands
                .push(AppCommand::Action(Action::DeleteSelection));
        }
    }

    fn actions_ui(&mut self, ui: &mut Ui, person: &Stakeholder, form: &mut Form<'_>) {
        let tr = form.tr;
        let today = Date::today_local();
        let with_actions = |edit: &dyn Fn(&mut Vec<NextAction>)| {
            let mut next = person.clone();
            edit(&mut next.next_actions);
            Command::update_stakeholder(next)
        };
        ui.strong(tr.t(T::NextActions));
        for (index, action) in person.next_actions.iter().enumerate() {
            let key = format!("person/{}/action/{index}", person.id);
            ui.horizontal(|ui| {
                let mut done = action.done;
                if ui.checkbox(&mut done, tr.t(T::Done)).changed() {
                    form.edit(with_actions(&|list| {
                        if let Some(a) = list.get_mut(index) {
                            a.done = done;
                        }
                    }));
                }
                let overdue = !action.done && action.due.is_some_and(|due| due < today);
                if overdue {
                    ui.colored_label(WARNING_TEXT, tr.t(T::Overdue));
                }
                if ui
                    .small_button("🗙")
                    .on_hover_text(tr.t(T::Delete))
                    .clicked()
                {
                    form.edit(with_actions(&|list| {
                        if index < list.len() {
                            list.remove(index);
                        }
                    }));
                }
            });
            let change = text_row_ui(ui, tr.t(T::ActionText), &action.text);
            form.apply(change, format!("{key}/text"), |v| {
                with_actions(&|list| {
                    if let Some(a) = list.get_mut(index) {
                        a.text = v.clone();
                    }
                })
            });
            let id = ui_id(&person.id.to_string(), &format!("action-{index}-due"));
            let change = date_row_ui(ui, &mut self.drafts, id, tr.t(T::Due), action.due, tr);
            form.apply(change, format!("{key}/due"), |v| {
                with_actions(&|list| {
                    if let Some(a) = list.get_mut(index) {
                        a.due = v;
                    }
                })
            });
        }
        if ui.button(tr.t(T::AddAction)).clicked() {
            form.edit(with_actions(&|list| list.push(NextAction::default())));
        }
    }
}

/// Whom the person favours among the competitors: a text field for any name, with
/// a menu of the account's competitors and "(none known)" beside it.
fn favours_ui(ui: &mut Ui, doc: &Document, person: &Stakeholder, form: &mut Form<'_>) {
    let tr = form.tr;
    let choices = competitor_choices(&doc.account);
    let mut text = person.favours.clone();
    let mut picked: Option<String> = None;
    let field_id = ui_id(person.id.as_str(), "favours");
    let response = labelled(ui, tr.t(T::Favours), |ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let button = ui
                .small_button("⏷")
                .on_hover_text(tr.t(T::ChooseCompetitor));
            ui.ctx().accesskit_node_builder(button.id, |node| {
                node.set_label(tr.t(T::ChooseCompetitor));
            });
            egui::Popup::menu(&button)
                .id(field_id.with("menu"))
                .show(|ui| {
                    ui.set_max_width(FAVOURS_MENU_WIDTH);
                    let none = ui.add(egui::Button::selectable(
                        person.favours.is_empty(),
                        tr.t(T::FavoursNone),
                    ));
                    if none.clicked() {
                        picked = Some(String::new());
                    }
                    for name in &choices {
                        let chosen = person.favours == *name;
                        if ui.add(egui::Button::selectable(chosen, *name)).clicked() {
                            picked = Some((*name).to_owned());
                        }
                    }
                    if choices.is_empty() {
                        ui.add(
                            egui::Label::new(RichText::new(tr.t(T::NoCompetitorsYet)).weak())
                                .wrap(),
                        );
                    }
                });
            ui.add(
                egui::TextEdit::singleline(&mut text)
                    .id(field_id)
                    .hint_text(tr.t(T::FavoursNone))
                    .desired_width(ui.available_width()),
            )
            .on_hover_text(tr.t(T::FavoursHint))
        })
        .inner
    });
    let update = |favours: String| {
        let mut next = person.clone();
        next.favours = favours;
        Command::update_stakeholder(next)
    };
    match picked {
        Some(name) if name != person.favours => form.edit(update(name)),
        Some(_) => {}
        None => {
            let change = FieldChange {
                value: (response.changed() && text != person.favours).then_some(text),
                lost_focus: response.lost_focus(),
            };
            form.apply(change, format!("person/{}/favours", person.id), update);
        }
    }
    let typed = person.favours.trim();
    if !typed.is_empty() && !choices.iter().any(|c| c.trim() == typed) {
        ui.add(egui::Label::new(RichText::new(tr.t(T::NotACompetitor)).weak()).wrap());
    }
}

/// Widest the favours menu gets, in points: long names wrap.
const FAVOURS_MENU_WIDTH: f32 = 240.0;

/// The steps of the decision process the person approves, read-only.
fn approves_ui(ui: &mut Ui, doc: &Document, person: &Stakeholder, tr: Tr) {
    let steps = approved_steps(&doc.account, &person.id);
    if steps.is_empty() {
        return;
    }
    let names: Vec<String> = steps
        .iter()
        .map(|(index, step)| {
            if step.name.trim().is_empty() {
                tr.f(T::UnnamedStep, &[&(index + 1)])
            } else {
                step.name.clone()
            }
        })
        .collect();
    let list = names.join(if tr.chinese() { "、" } else { ", " });
    ui.add(egui::Label::new(tr.f(T::Approves, &[&list])).wrap());
}

fn line_ui(ui: &mut Ui, doc: &Document, line: &Relationship, form: &mut Form<'_>) {
    let tr = form.tr;
    let update = |edit: &dyn Fn(&mut Relationship)| {
        let mut next = line.clone();
        edit(&mut next);
        Command::UpdateRelationship(next)
    };
    ui.heading(tr.t(T::Relationship));
    let people: Vec<_> = doc.stakeholders.iter().map(|s| s.id.clone()).collect();
    let name = |id: &crate::model::StakeholderId| {
        doc.stakeholder(id)
            .map(|s| {
                if s.name.is_empty() {
                    tr.t(T::Unnamed).to_owned()
                } else {
                    s.name.clone()
                }
            })
            .unwrap_or_default()
    };
    if let Some(from) = choice_row_ui(ui, tr.t(T::From), &line.from, &people, name) {
        form.edit(update(&|l| l.from = from.clone()));
    }
    if let Some(to) = choice_row_ui(ui, tr.t(T::To), &line.to, &people, name) {
        form.edit(update(&|l| l.to = to.clone()));
    }
    if let Some(kind) = choice_row_ui(ui, tr.t(T::Kind), &line.kind, RelationshipKind::ALL, |k| {
        tr.kind(*k).to_owned()
    }) {
        form.edit(update(&|l| l.kind = kind));
    }
    let strengths: Vec<Strength> = (1..=3).filter_map(Strength::new).collect();
    if let Some(strength) = choice_row_ui(ui, tr.t(T::Strength), &line.strength, &strengths, |s| {
        tr.strength(*s).to_owned()
    }) {
        form.edit(update(&|l| l.strength = strength));
    }
    let change = text_area_ui(ui, tr.t(T::Note), &line.note);
    form.apply(change, format!("line/{}/note", line.id), |v| {
        update(&|l| l.note = v.clone())
    });
    ui.horizontal(|ui| {
        if ui.button(tr.t(T::SwapDirection)).clicked() {
            form.edit(update(&|l| std::mem::swap(&mut l.from, &mut l.to)));
        }
        if ui.button(tr.t(T::Delete)).clicked() {
            form.commands
                .push(AppCommand::Action(Action::DeleteSelection));
        }
    });
}

/// Typing a person's name merges into one undo step under this key.
pub fn name_merge_key(id: &crate::model::StakeholderId) -> String {
    format!("person/{id}/name")
}

/// Tags typed as "a, b，c": split on ASCII and Chinese commas, trimmed, no empties.
pub fn split_tags(text: &str) -> Vec<String> {
    text.split([',', '，', '、'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

fn ui_id(owner: &str, field: &str) -> egui::Id {
    egui::Id::new(("inspector", owner.to_owned(), field.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::split_tags;

    #[test]
    fn tags_split_on_english_and_chinese_commas() {
        assert_eq!(
            split_tags("关键人， 高层,key、 ,"),
            ["关键人", "高层", "key"]
        );
        assert!(split_tags("  ").is_empty());
    }
}
