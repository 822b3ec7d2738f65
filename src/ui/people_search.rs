//! "Find a person in every map" on the workspace start page: the same search as
//! `powermap people`, run on a background thread (it reads every map), listing each
//! map the person appears in and the moves between customers (a warm introduction).

use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::Ui;

use super::app_command::AppCommand;
use super::i18n::{T, Tr};
use crate::portfolio::{Move, PersonHit, find_people, moves};

/// Matches listed at most (the rest are counted).
const MAX_LISTED: usize = 200;

/// The search's state (view state, never saved).
#[derive(Default)]
pub struct PeopleSearch {
    query: String,
    running: Option<Receiver<Vec<PersonHit>>>,
    /// The query searched and what it found.
    found: Option<(String, Vec<PersonHit>, Vec<Move>)>,
}

impl PeopleSearch {
    /// Sets the text to search for (as typed).
    pub fn set_query(&mut self, query: &str) {
        query.clone_into(&mut self.query);
    }

    /// The maps listed for the last search (for tests).
    pub fn found_paths(&self) -> Vec<std::path::PathBuf> {
        self.found
            .as_ref()
            .map(|(_, hits, _)| hits.iter().map(|h| h.path.clone()).collect())
            .unwrap_or_default()
    }

    fn start(&mut self, root: &Path, ctx: &egui::Context) {
        let query = self.query.trim().to_owned();
        if query.is_empty() {
            return;
        }
        let (sender, receiver) = channel();
        let (root, wake, asked) = (root.to_path_buf(), ctx.clone(), query.clone());
        let spawned = std::thread::Builder::new()
            .name("people-search".into())
            .spawn(move || {
                let (hits, _notes) = find_people(&root, &asked);
                let _ = sender.send(hits);
                wake.request_repaint();
            });
        if spawned.is_ok() {
            self.running = Some(receiver);
            self.found = Some((query, Vec::new(), Vec::new()));
        }
    }

    fn poll(&mut self) {
        let Some(receiver) = &self.running else {
            return;
        };
        match receiver.try_recv() {
            Ok(hits) => {
                let found_moves = moves(&hits);
                if let Some((_, listed, moved)) = &mut self.found {
                    *listed = hits;
                    *moved = found_moves;
                }
                self.running = None;
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => self.running = None,
        }
    }

    /// The search field and its results.
    pub fn people_search_ui(
        &mut self,
        ui: &mut Ui,
        root: &Path,
        tr: Tr,
        commands: &mut Vec<AppCommand>,
    ) {
        self.poll();
        ui.horizontal(|ui| {
            ui.label(tr.t(T::WsPeople));
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .id_salt("ws-people")
                    .hint_text(tr.t(T::WsPeopleHint))
                    .desired_width(240.0)
                    .char_limit(crate::search::MAX_QUERY_CHARS),
            );
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let clicked = ui
                .add_enabled(
                    self.running.is_none(),
                    egui::Button::new(tr.t(T::WsPeopleFind)),
                )
                .clicked();
            if (enter || clicked) && self.running.is_none() {
                self.start(root, ui.ctx());
            }
            if self.running.is_some() {
                ui.spinner();
            }
        });
        let Some((query, hits, found_moves)) = &self.found else {
            return;
        };
        if self.running.is_some() {
            return;
        }
        if hits.is_empty() {
            ui.weak(tr.f(T::WsPeopleNone, &[query]));
            return;
        }
        for moved in found_moves {
            ui.label(moved.sentence(tr.0));
        }
        egui::ScrollArea::vertical()
            .id_salt("ws-people-hits")
            .max_height(140.0)
            .show(ui, |ui| {
                for hit in hits.iter().take(MAX_LISTED) {
                    let details = [hit.title.as_str(), hit.department.as_str()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ");
                    let text = format!("{} — {} — {}", hit.name, details, hit.account);
                    if ui
                        .link(text)
                        .on_hover_text(hit.path.display().to_string())
                        .clicked()
                    {
                        commands.push(AppCommand::OpenFile(hit.path.clone()));
                    }
                }
                if hits.len() > MAX_LISTED {
                    ui.weak(tr.f(T::FindMore, &[&(hits.len() - MAX_LISTED)]));
                }
            });
    }
}
