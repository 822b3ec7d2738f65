//! The merge conflicts a map holds (after `powermap merge` or a git merge), in a
//! bar over the canvas: how many, and on request each one with our and their
//! value and the choice to keep ours or take theirs — one undo step each.

use egui::Ui;
use serde_json::Value;

use super::app_command::AppCommand;
use super::i18n::{T, Tr};
use crate::model::{Document, Role, Stage, Stance};
use crate::sync::resolve::{Choice, Place, place_of, resolve};
use crate::sync::{Conflict, conflict_count, conflicts_in};

/// Conflicts shown at once when the list is open; the rest scroll.
const LIST_HEIGHT: f32 = 220.0;

fn open_id() -> egui::Id {
    egui::Id::new("powermap-conflicts-open")
}

/// The bar, when the map holds conflicts. Pushes the chosen edits to `commands`;
/// `error` receives a message when their value cannot be taken.
pub fn conflicts_bar_ui(
    ui: &mut Ui,
    doc: &Document,
    tr: Tr,
    commands: &mut Vec<AppCommand>,
    error: &mut Option<String>,
) {
    let count = conflict_count(doc);
    if count == 0 {
        return;
    }
    let open = ui.data(|d| d.get_temp::<bool>(open_id()).unwrap_or(false));
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(
            super::theme::WARNING_TEXT,
            tr.f(T::ConflictsBanner, &[&count]),
        );
        let label = if open {
            T::ConflictsHide
        } else {
            T::ConflictsShow
        };
        if ui.button(tr.t(label)).clicked() {
            ui.data_mut(|d| d.insert_temp(open_id(), !open));
        }
    });
    if !open {
        return;
    }
    // Copied only while the list is open.
    let conflicts = conflicts_in(doc);
    egui::ScrollArea::vertical()
        .max_height(LIST_HEIGHT)
        .min_scrolled_height(LIST_HEIGHT)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (index, conflict) in conflicts.iter().enumerate() {
                conflict_row_ui(ui, doc, index, conflict, tr, commands, error);
                ui.separator();
            }
        });
}

fn conflict_row_ui(
    ui: &mut Ui,
    doc: &Document,
    index: usize,
    conflict: &Conflict,
    tr: Tr,
    commands: &mut Vec<AppCommand>,
    error: &mut Option<String>,
) {
    let place = place_of(conflict);
    let field = conflict
        .path
        .rsplit_once(['.', ']'])
        .map_or("", |(_, field)| field);
    ui.horizontal_wrapped(|ui| {
        ui.strong(where_in_words(doc, conflict, &place, tr));
        if conflict.path.is_empty() {
            ui.label(tr.t(T::ConflictWholeMap));
        } else {
            ui.label(tr.f(
                T::ConflictOurs,
                &[&value_in_words(conflict.ours.as_ref(), field, tr)],
            ));
            ui.label(tr.f(
                T::ConflictTheirs,
                &[&value_in_words(conflict.theirs.as_ref(), field, tr)],
            ));
            ui.weak(tr.f(
                T::ConflictBase,
                &[&conflict.base.as_ref().map_or_else(
                    || tr.t(T::ConflictAbsent).to_owned(),
                    |v| match v {
                        Value::Object(_) => tr.t(T::ConflictRecordThere).to_owned(),
                        v => value_in_words(Some(v), field, tr),
                    },
                )],
            ));
        }
    });
    ui.horizontal(|ui| {
        let mut choose = |choice: Choice| match resolve(doc, index, choice) {
            Ok(command) => commands.push(AppCommand::Edit {
                command,
                merge_key: None,
            }),
            Err(err) => *error = Some(tr.f(T::ConflictCannotTake, &[&err])),
        };
        if ui.button(tr.t(T::ConflictKeepOurs)).clicked() {
            choose(Choice::Ours);
        }
        if !conflict.path.is_empty() && ui.button(tr.t(T::ConflictTakeTheirs)).clicked() {
            choose(Choice::Theirs);
        }
        if let Place::Person(id) = &place
            && doc.stakeholder(id).is_some()
            && ui.button(tr.t(T::ConflictShowPerson)).clicked()
        {
            commands.push(AppCommand::Reveal(vec![id.clone()]));
        }
    });
}

/// "王立新 · Stance", "Account · Stage", or the path itself.
fn where_in_words(doc: &Document, conflict: &Conflict, place: &Place, tr: Tr) -> String {
    let field = conflict
        .path
        .split_once("].")
        .or_else(|| conflict.path.split_once("account."))
        .map(|(_, f)| f);
    let field_word = |f: &str| -> String {
        match f {
            "name" => tr.t(T::Name).to_owned(),
            "title" => tr.t(T::Title).to_owned(),
            "department" => tr.t(T::Department).to_owned(),
            "role" => tr.t(T::Role).to_owned(),
            "stance" => tr.t(T::Stance).to_owned(),
            "power" => tr.t(T::Power).to_owned(),
            "owner" => tr.t(T::Owner).to_owned(),
            "coverage" => tr.t(T::Coverage).to_owned(),
            "notes" => tr.t(T::Notes).to_owned(),
            "industry" => tr.t(T::Industry).to_owned(),
            "opportunity" => tr.t(T::Opportunity).to_owned(),
            "deal_value" => tr.t(T::DealValue).to_owned(),
            "currency" => tr.t(T::Currency).to_owned(),
            "stage" => tr.t(T::Stage).to_owned(),
            "close_date" => tr.t(T::CloseDate).to_owned(),
            "decision_process" => tr.t(T::DecisionProcess).to_owned(),
            "competitors" => tr.t(T::Competitors).to_owned(),
            other => other.to_owned(),
        }
    };
    let with_field = |who: String| match field {
        Some(f) => format!("{who} · {}", field_word(f)),
        None => who,
    };
    match place {
        Place::Person(id) => with_field(
            doc.stakeholder(id)
                .map_or_else(|| id.to_string(), |p| p.name.clone()),
        ),
        Place::Member(id) => with_field(
            doc.team_member(id)
                .map_or_else(|| id.to_string(), |m| m.name.clone()),
        ),
        Place::Account => match field {
            // The account's name is "Customer" in the panel.
            Some("name") => format!("{} · {}", tr.t(T::Account), tr.t(T::Customer)),
            Some(f) => format!("{} · {}", tr.t(T::Account), field_word(f)),
            None => tr.t(T::Account).to_owned(),
        },
        _ => conflict.path.clone(),
    }
}

/// A value for people: stances and roles in words, text as it is, other values
/// as compact JSON, long ones shortened.
fn value_in_words(value: Option<&Value>, field: &str, tr: Tr) -> String {
    const LIMIT: usize = 60;
    let text = match value {
        None => tr.t(T::ConflictRemoved).to_owned(),
        Some(Value::String(s)) if field == "stance" => {
            Stance::parse(s).map_or_else(|| s.clone(), |st| tr.stance(st).to_owned())
        }
        Some(Value::String(s)) if field == "role" => {
            Role::parse(s).map_or_else(|| s.clone(), |r| tr.role(r).to_owned())
        }
        Some(Value::String(s)) if field == "stage" => {
            Stage::parse(s).map_or_else(|| s.clone(), |st| tr.stage(st).to_owned())
        }
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(_)) => tr.t(T::ConflictWholeRecord).to_owned(),
        Some(other) => other.to_string(),
    };
    if text.chars().count() > LIMIT {
        let short: String = text.chars().take(LIMIT).collect();
        format!("{short}…")
    } else {
        text
    }
}
