//! File → History: the commits that changed the map (read from its git repository
//! on a background thread), each with *Compare* against the map in the window.
//! With one person selected, their stance in each commit is read after the list
//! (a column, filled when ready): how they moved across the deal's history.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::app_command::AppCommand;
use super::i18n::{T, Tr};
use crate::model::{StakeholderId, Stance};
use crate::sync::history::{Revision, file_history, stance_history};

/// What the reading thread found.
type Found = Option<Result<Vec<Revision>, String>>;
/// The person's stance per commit id, once read.
type Stances = Option<HashMap<String, Stance>>;

/// The history of one map, being read or read.
#[derive(Clone, Debug)]
pub struct HistoryView {
    /// The map file.
    pub path: PathBuf,
    found: Arc<Mutex<Found>>,
    /// The person whose stance is read in each commit: id and name.
    person: Option<(StakeholderId, String)>,
    stances: Arc<Mutex<Stances>>,
}

impl PartialEq for HistoryView {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && Arc::ptr_eq(&self.found, &other.found)
    }
}

impl HistoryView {
    /// Starts reading the history of `path` off the UI thread; `ctx` is asked to
    /// repaint when it is there.
    /// With `person` (id and name), their stance in each commit is read next.
    pub fn start(
        path: PathBuf,
        person: Option<(StakeholderId, String)>,
        ctx: &egui::Context,
    ) -> Self {
        let found: Arc<Mutex<Found>> = Arc::default();
        let stances: Arc<Mutex<Stances>> = Arc::default();
        let (slot, ctx, file) = (Arc::clone(&found), ctx.clone(), path.clone());
        let (stance_slot, id) = (Arc::clone(&stances), person.as_ref().map(|p| p.0.clone()));
        let spawned = std::thread::Builder::new()
            .name("powermap-history".into())
            .spawn(move || {
                let result = file_history(&file).map_err(|err| err.to_string());
                let revisions = result.as_ref().ok().cloned();
                if let Ok(mut slot) = slot.lock() {
                    *slot = Some(result);
                }
                ctx.request_repaint();
                // The list first; each commit's version of the map is read after.
                if let (Some(id), Some(revisions)) = (id, revisions) {
                    let by_commit = stance_history(&file, &revisions, &id)
                        .into_iter()
                        .map(|(revision, stance)| (revision.id, stance))
                        .collect();
                    if let Ok(mut slot) = stance_slot.lock() {
                        *slot = Some(by_commit);
                    }
                    ctx.request_repaint();
                }
            });
        if let Err(err) = spawned
            && let Ok(mut slot) = found.lock()
        {
            *slot = Some(Err(err.to_string()));
        }
        Self {
            path,
            found,
            person,
            stances,
        }
    }

    fn found(&self) -> Found {
        self.found.lock().ok().and_then(|f| f.clone())
    }

    /// The commits found so far (none while reading or after an error).
    pub fn revisions(&self) -> Vec<Revision> {
        match self.found() {
            Some(Ok(revisions)) => revisions,
            _ => Vec::new(),
        }
    }
}

/// The list; returns whether it stays open.
pub fn history_ui(
    ctx: &egui::Context,
    view: &HistoryView,
    tr: Tr,
    commands: &mut Vec<AppCommand>,
) -> bool {
    let mut open = true;
    egui::Modal::new(egui::Id::new("powermap-modal")).show(ctx, |ui| {
        ui.set_max_width(680.0);
        ui.heading(tr.t(T::HistoryTitle));
        // Borrowed for the frame, not copied: the list may hold a thousand commits.
        let guard = view.found.lock().ok();
        match guard.as_deref().and_then(Option::as_ref) {
            None => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr.t(T::HistoryReading));
                });
            }
            Some(Err(message)) => {
                ui.label(tr.f(T::HistoryCannotRead, &[message]));
            }
            Some(Ok(revisions)) if revisions.is_empty() => {
                ui.label(tr.t(T::HistoryEmpty));
            }
            Some(Ok(revisions)) => {
                ui.label(tr.f(T::HistoryIntro, &[&revisions.len()]));
                let stances = view.stances.lock().ok().and_then(|s| s.clone());
                if let Some((_, name)) = &view.person {
                    ui.horizontal(|ui| {
                        if stances.is_none() {
                            ui.spinner();
                        }
                        ui.strong(tr.f(T::HistoryStanceOf, &[name]));
                    });
                }
                egui::ScrollArea::vertical().max_height(380.0).show_rows(
                    ui,
                    24.0,
                    revisions.len(),
                    |ui, rows| {
                        for revision in revisions.get(rows).unwrap_or_default() {
                            ui.horizontal(|ui| {
                                if ui.small_button(tr.t(T::HistoryCompare)).clicked() {
                                    commands.push(AppCommand::CompareRevision(revision.clone()));
                                }
                                ui.monospace(revision.short_id());
                                ui.label(revision.date());
                                if let Some(stances) = &stances {
                                    let stance =
                                        stances.get(&revision.id).map_or("—", |s| tr.stance(*s));
                                    ui.label(
                                        egui::RichText::new(stance).color(super::theme::color(
                                            stances
                                                .get(&revision.id)
                                                .map_or(crate::theme::OUTLINE, |s| {
                                                    crate::theme::stance_color(*s)
                                                }),
                                        )),
                                    );
                                }
                                ui.strong(&revision.author);
                                ui.add(egui::Label::new(&revision.summary).truncate());
                            });
                        }
                    },
                );
            }
        }
        if ui.button(tr.t(T::Close)).clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            open = false;
        }
    });
    open
}
