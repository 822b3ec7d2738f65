//! The interaction log in the inspector (互动记录): "Log a contact" opens a compact
//! form (date, kind, who on our team, summary, observed stance); Save adds the entry
//! as one undoable edit that also moves the person's last contact forward and, when
//! asked, their stance. Below: the stance trend and the log, newest first, each
//! entry removable.

use egui::{RichText, Ui};

use super::date_picker::date_picker_ui;
use super::i18n::{T, Tr};
use super::theme::{WARNING_TEXT, color};
use super::widgets::{Form, choice_row_ui, date_message, labelled, team_member_choices};
use crate::analysis::trend::stance_changes;
use crate::edit::Command;
use crate::model::limits::MAX_INTERACTIONS;
use crate::model::{
    Date, Document, Interaction, InteractionKind, Stakeholder, StakeholderId, Stance, TeamMemberId,
    insertion_index,
};

/// The form's state between frames: what is being typed for whom.
#[derive(Default)]
pub struct LogForm {
    /// The person the form is open for; `None` when closed.
    open_for: Option<StakeholderId>,
    date: String,
    kind: InteractionKind,
    by: Option<TeamMemberId>,
    summary: String,
    stance: Option<Stance>,
    /// Also set the person's stance to the observed one.
    update_stance: bool,
}

/// What the form holds once every field is valid.
struct Valid {
    date: Date,
    summary: String,
}

/// The name of a kind of contact.
pub fn kind_name(kind: InteractionKind, tr: Tr) -> &'static str {
    tr.t(match kind {
        InteractionKind::Meeting => T::KindMeeting,
        InteractionKind::Call => T::KindCall,
        InteractionKind::Email => T::KindEmail,
        InteractionKind::Visit => T::KindVisit,
        InteractionKind::Event => T::KindEvent,
        InteractionKind::Other => T::KindOther,
    })
}

/// The person's log with one entry added: at its place newest first, the last
/// contact moved to its date unless a later one is known, and the stance set to the
/// observed one when `update_stance`.
pub fn with_logged(person: &Stakeholder, entry: Interaction, update_stance: bool) -> Stakeholder {
    let mut next = person.clone();
    if next.last_contact.is_none_or(|last| last < entry.date) {
        next.last_contact = Some(entry.date);
    }
    if update_stance && let Some(stance) = entry.stance {
        next.stance = stance;
    }
    let at = insertion_index(&next.interactions, entry.date);
    next.interactions.insert(at, entry);
    next
}

impl LogForm {
    /// The log of one person: the button or the form, the trend, the entries.
    pub fn log_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        person: &Stakeholder,
        form: &mut Form<'_>,
    ) {
        let tr = form.tr;
        ui.strong(tr.t(T::InteractionLog));
        if self.open_for.as_ref() == Some(&person.id) {
            self.form_ui(ui, doc, person, form);
        } else if ui.button(tr.t(T::LogContact)).clicked() {
            *self = Self {
                open_for: Some(person.id.clone()),
                date: Date::today_local().to_string(),
                update_stance: true,
                ..Self::default()
            };
        }
        trend_ui(ui, person, tr);
        entries_ui(ui, doc, person, form);
    }

    fn form_ui(&mut self, ui: &mut Ui, doc: &Document, person: &Stakeholder, form: &mut Form<'_>) {
        let tr = form.tr;
        let today = Date::today_local();
        let id = ui.make_persistent_id(("log-date", person.id.as_str()));
        labelled(ui, tr.t(T::LogDate), |ui| {
            ui.horizontal(|ui| {
                let typed = Date::parse_typed(&self.date, today).ok().flatten();
                if let Some(Some(day)) = date_picker_ui(ui, id.with("calendar"), typed, today, tr) {
                    self.date = day.to_string();
                }
                if ui.small_button(tr.t(T::Today)).clicked() {
                    self.date = today.to_string();
                }
                ui.add(
                    egui::TextEdit::singleline(&mut self.date)
                        .id(id)
                        .hint_text(tr.t(T::DateHint))
                        .desired_width(ui.available_width()),
                )
            })
            .inner
        });
        let date = match Date::parse_typed(&self.date, today) {
            Ok(Some(day)) => Ok(day),
            Ok(None) => Err(tr.t(T::LogDateNeeded).to_owned()),
            Err(err) => Err(date_message(&err, tr)),
        };
        if let Err(message) = &date {
            ui.colored_label(WARNING_TEXT, message);
        }
        if let Some(kind) = choice_row_ui(
            ui,
            tr.t(T::LogKind),
            &self.kind,
            InteractionKind::ALL,
            |k| kind_name(*k, tr).to_owned(),
        ) {
            self.kind = kind;
        }
        let (members, member_name) = team_member_choices(doc, tr, T::LogNobody);
        if let Some(by) = choice_row_ui(ui, tr.t(T::LogBy), &self.by, &members, member_name) {
            self.by = by;
        }
        labelled(ui, tr.t(T::LogSummary), |ui| {
            ui.add(
                egui::TextEdit::multiline(&mut self.summary)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
        });
        let summary = self.summary.trim().to_owned();
        if summary.is_empty() {
            ui.colored_label(WARNING_TEXT, tr.t(T::LogSummaryNeeded));
        }
        let mut observed: Vec<Option<Stance>> = vec![None];
        observed.extend(
            Stance::ALL
                .iter()
                .filter(|s| **s != Stance::Unknown)
                .map(|s| Some(*s)),
        );
        let stance_name = |s: &Option<Stance>| match s {
            Some(s) => tr.stance(*s).to_owned(),
            None => tr.t(T::LogNotObserved).to_owned(),
        };
        if let Some(stance) =
            choice_row_ui(ui, tr.t(T::LogStance), &self.stance, &observed, stance_name)
        {
            self.stance = stance;
        }
        let changes_stance = self.stance.is_some_and(|s| s != person.stance);
        if let Some(stance) = self.stance.filter(|_| changes_stance) {
            let text = tr.f(T::LogAlsoSetStance, &[&tr.stance(stance)]);
            ui.checkbox(&mut self.update_stance, text);
        }
        let full = person.interactions.len() >= MAX_INTERACTIONS;
        if full {
            ui.colored_label(WARNING_TEXT, tr.f(T::LogFull, &[&MAX_INTERACTIONS]));
        }
        let valid = match (date, summary.is_empty() || full) {
            (Ok(date), false) => Some(Valid { date, summary }),
            _ => None,
        };
        ui.horizontal(|ui| {
            let save = ui.add_enabled(valid.is_some(), egui::Button::new(tr.t(T::LogSave)));
            if save.clicked()
                && let Some(valid) = valid
            {
                let entry = Interaction {
                    by: self.by.clone(),
                    stance: self.stance,
                    ..Interaction::new(valid.date, self.kind, valid.summary)
                };
                let next = with_logged(person, entry, changes_stance && self.update_stance);
                form.edit(Command::update_stakeholder(next));
                *self = Self::default();
            }
            if ui.button(tr.t(T::Cancel)).clicked() {
                *self = Self::default();
            }
        });
    }
}

/// The observed stances as dots in stance colours, oldest first; the date and the
/// stance on hover.
fn trend_ui(ui: &mut Ui, person: &Stakeholder, tr: Tr) {
    let changes = stance_changes(&person.interactions);
    if changes.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(tr.t(T::StanceTrend)).weak());
        for (i, (date, stance)) in changes.iter().enumerate() {
            if i > 0 {
                ui.label(RichText::new("→").weak());
            }
            let text = format!("{} {date}", tr.stance(*stance));
            // Dot and date move to the next line together, the date never split.
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 2.0;
                stance_dot_ui(ui, *stance).on_hover_text(&text);
                // Named for screen readers (and tests): a dot is not a name.
                ui.add(
                    egui::Label::new(RichText::new(date.to_string()).small().weak())
                        .wrap_mode(egui::TextWrapMode::Extend),
                );
            });
        }
    });
}

/// A small dot in a stance's colour.
fn stance_dot_ui(ui: &mut Ui, stance: Stance) -> egui::Response {
    let size = egui::vec2(10.0, 10.0);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    ui.painter().circle_filled(
        rect.center(),
        4.5,
        color(crate::theme::stance_color(stance)),
    );
    response
}

/// The log, newest first: date, kind, who, the observed stance as a dot, the
/// summary; each entry removable in one undoable step.
fn entries_ui(ui: &mut Ui, doc: &Document, person: &Stakeholder, form: &mut Form<'_>) {
    let tr = form.tr;
    for (index, entry) in person.interactions.iter().enumerate() {
        ui.horizontal(|ui| {
            if let Some(stance) = entry.stance {
                stance_dot_ui(ui, stance).on_hover_text(tr.stance(stance));
            }
            let mut head = format!("{} · {}", entry.date, kind_name(entry.kind, tr));
            if let Some(member) = entry.by.as_ref().and_then(|by| doc.team_member(by)) {
                head = format!("{head} · {}", member.name);
            }
            ui.label(RichText::new(head).strong());
            let remove = ui.small_button("🗙").on_hover_text(tr.t(T::LogRemove));
            ui.ctx().accesskit_node_builder(remove.id, |node| {
                node.set_label(tr.t(T::LogRemove));
            });
            if remove.clicked() {
                let mut next = person.clone();
                if index < next.interactions.len() {
                    next.interactions.remove(index);
                }
                form.edit(Command::update_stakeholder(next));
            }
        });
        if !entry.summary.is_empty() {
            ui.add(egui::Label::new(&entry.summary).wrap());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logging_moves_the_last_contact_forward_only_and_keeps_newest_first() {
        let day = |text: &str| -> Date { text.parse().expect("a date") };
        let mut person = Stakeholder::new("p", "P");
        person.last_contact = Some(day("2026-10-01"));
        let older = Interaction::new(day("2026-09-01"), InteractionKind::Call, "old");
        let next = with_logged(&person, older, false);
        assert_eq!(
            next.last_contact,
            Some(day("2026-10-01")),
            "never backwards"
        );
        let mut newer = Interaction::new(day("2026-10-15"), InteractionKind::Visit, "new");
        newer.stance = Some(Stance::Supporter);
        let next = with_logged(&next, newer.clone(), true);
        assert_eq!(next.last_contact, Some(day("2026-10-15")));
        assert_eq!(next.stance, Stance::Supporter);
        assert_eq!(next.interactions[0].summary, "new");
        assert_eq!(next.interactions[1].summary, "old");
        let kept = with_logged(&person, newer, false);
        assert_eq!(kept.stance, Stance::Unknown, "the stance only when asked");
    }
}
