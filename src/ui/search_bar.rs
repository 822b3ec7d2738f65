//! The search bar (Ctrl+F): a field above the canvas, the best matches listed under
//! it as you type, Up/Down to choose, Enter to go to the person, Esc to close.
//! Every match is highlighted on the canvas while the query is not empty. The
//! search itself is [`crate::search`].

use std::collections::HashSet;
use std::sync::Arc;

use egui::{Key, Ui};

use super::i18n::{T, Tr};
use crate::model::{Document, StakeholderId};
use crate::search::{Hit, SearchIndex};

/// Rows listed under the field at most.
const MAX_LISTED: usize = 50;
/// Height of the result list at most, in points.
const LIST_HEIGHT: f32 = 180.0;
/// Maps with more people than this are indexed on a background thread (about 20 ms
/// of folding here), so opening the bar or editing never stalls a frame.
const INDEX_INLINE_LIMIT: usize = 5_000;

/// The search bar's state (view state, never saved).
#[derive(Default)]
pub struct SearchBar {
    open: bool,
    query: String,
    focus_field: bool,
    /// The index and the map version it was built for.
    index: Option<((u64, u64), SearchIndex)>,
    /// An index being built off the UI thread, and the map version it is for.
    building: Option<((u64, u64), std::sync::mpsc::Receiver<SearchIndex>)>,
    /// The query and map version `hits` answer.
    searched: Option<((u64, u64), String)>,
    /// Every match, in document order.
    hits: Vec<Hit>,
    /// The best matches, best first.
    listed: Vec<Hit>,
    cursor: usize,
    /// Whether the field had the keyboard in the last frame (Esc takes it away
    /// before the bar sees the key).
    field_focused: bool,
    /// Changes whenever the set of matches does.
    generation: u64,
}

impl SearchBar {
    /// Opens the bar (or puts the cursor back in its field).
    pub fn open(&mut self) {
        self.open = true;
        self.focus_field = true;
    }

    /// Closes the bar and forgets the query, which clears its highlight.
    pub fn close(&mut self) {
        self.open = false;
        self.query.clear();
        self.set_hits(Vec::new());
        self.searched = None;
    }

    /// Whether the bar is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The query as typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Changes whenever the matches do.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The ids of every match in `doc` (the map the search ran on).
    pub fn matched_ids(&self, doc: &Document) -> HashSet<StakeholderId> {
        self.hits
            .iter()
            .filter_map(|hit| doc.stakeholders.get(hit.index))
            .map(|p| p.id.clone())
            .collect()
    }

    /// The people listed under the field, best first (for tests).
    pub fn listed_ids(&self, doc: &Document) -> Vec<StakeholderId> {
        self.listed
            .iter()
            .filter_map(|hit| doc.stakeholders.get(hit.index))
            .map(|p| p.id.clone())
            .collect()
    }

    fn set_hits(&mut self, hits: Vec<Hit>) {
        if hits != self.hits {
            self.hits = hits;
            self.generation += 1;
        }
        if self.hits.is_empty() {
            self.listed.clear();
        }
        self.cursor = 0;
    }

    /// Runs the query again when it or the map (`version`) changed. Returns whether
    /// the index of a large map is still being built (the results then wait for it).
    fn refresh(&mut self, doc: &Document, shared: &Arc<Document>, version: (u64, u64)) -> bool {
        let fresh = self
            .searched
            .as_ref()
            .is_some_and(|(v, q)| *v == version && *q == self.query);
        if fresh {
            return false;
        }
        if self.index.as_ref().is_none_or(|(v, _)| *v != version) {
            if doc.stakeholders.len() <= INDEX_INLINE_LIMIT {
                self.index = Some((version, SearchIndex::new(doc)));
            } else {
                match &self.building {
                    Some((v, receiver)) if *v == version => match receiver.try_recv() {
                        Ok(index) => {
                            self.index = Some((version, index));
                            self.building = None;
                        }
                        Err(std::sync::mpsc::TryRecvError::Empty) => return true,
                        Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                            self.building = None;
                            return false;
                        }
                    },
                    _ => {
                        let (sender, receiver) = std::sync::mpsc::channel();
                        let map = Arc::clone(shared);
                        let spawned = std::thread::Builder::new()
                            .name("search-index".into())
                            .spawn(move || {
                                let _ = sender.send(SearchIndex::new(&map));
                            });
                        if spawned.is_ok() {
                            self.building = Some((version, receiver));
                            return true;
                        }
                        // No thread: index here rather than not at all.
                        self.index = Some((version, SearchIndex::new(doc)));
                    }
                }
            }
        }
        let Some((_, index)) = &self.index else {
            return false;
        };
        let hits = index.matches(&self.query);
        let listed = index.best(&hits, MAX_LISTED);
        self.set_hits(hits);
        self.listed = listed;
        self.searched = Some((version, self.query.clone()));
        false
    }

    /// Draws the bar and its results; returns the person to go to (Enter or a click).
    pub fn search_bar_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        shared: &Arc<Document>,
        version: (u64, u64),
        tr: Tr,
    ) -> Option<StakeholderId> {
        let mut go = None;
        let mut close = false;
        ui.horizontal(|ui| {
            ui.label(tr.t(T::FindButton).to_owned());
            let field = egui::TextEdit::singleline(&mut self.query)
                .id_salt("search-field")
                .hint_text(tr.t(T::FindHint))
                .desired_width(ui.available_width().min(420.0) - 8.0)
                .char_limit(crate::search::MAX_QUERY_CHARS);
            let response = ui.add(field);
            if std::mem::take(&mut self.focus_field) {
                response.request_focus();
            }
            let focused = response.has_focus() || response.lost_focus() || self.field_focused;
            self.field_focused = response.has_focus();
            if focused {
                let (up, down, enter, escape) = ui.input_mut(|i| {
                    (
                        i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
                        i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
                        i.key_pressed(Key::Enter),
                        i.consume_key(egui::Modifiers::NONE, Key::Escape),
                    )
                });
                if up {
                    self.cursor = self.cursor.saturating_sub(1);
                }
                if down && self.cursor + 1 < self.listed.len() {
                    self.cursor += 1;
                }
                if enter {
                    go = self.listed.get(self.cursor).copied();
                    response.request_focus();
                }
                close = escape;
            }
            if self.refresh(doc, shared, version) {
                // Matches of the previous version would point at the wrong people.
                self.set_hits(Vec::new());
                self.listed.clear();
                self.searched = None;
                ui.spinner();
                ui.label(tr.t(T::FindIndexing));
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(50));
            } else if !self.query.trim().is_empty() {
                let count = if self.hits.is_empty() {
                    tr.t(T::FindNone).to_owned()
                } else {
                    tr.f(T::FindCount, &[&self.hits.len()])
                };
                ui.label(count);
            }
            if ui
                .small_button("🗙")
                .on_hover_text(tr.t(T::FindClose))
                .clicked()
            {
                close = true;
            }
        });
        if !self.listed.is_empty() {
            go = go.or(self.results_ui(ui, doc, tr));
        }
        if close {
            self.close();
            return None;
        }
        go.and_then(|hit| doc.stakeholders.get(hit.index))
            .map(|p| p.id.clone())
    }

    /// The listed matches, the chosen one selected; returns a clicked one.
    fn results_ui(&mut self, ui: &mut Ui, doc: &Document, tr: Tr) -> Option<Hit> {
        let mut clicked = None;
        egui::ScrollArea::vertical()
            .max_height(LIST_HEIGHT)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (row, hit) in self.listed.iter().enumerate() {
                    let Some(person) = doc.stakeholders.get(hit.index) else {
                        continue;
                    };
                    let response = ui.selectable_label(row == self.cursor, result_text(person, tr));
                    if row == self.cursor {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        clicked = Some(*hit);
                    }
                }
                let more = self.hits.len().saturating_sub(self.listed.len());
                if more > 0 {
                    ui.weak(tr.f(T::FindMore, &[&more]));
                }
            });
        ui.weak(tr.t(T::FindKeys));
        clicked
    }
}

/// "Name — title · department", bidi-isolated and cut to a readable length.
fn result_text(person: &crate::model::Stakeholder, tr: Tr) -> String {
    let name = if person.name.trim().is_empty() {
        tr.t(T::Unnamed)
    } else {
        person.name.as_str()
    };
    let detail: Vec<&str> = [person.title.as_str(), person.department.as_str()]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect();
    let text = if detail.is_empty() {
        short(name)
    } else {
        format!("{} — {}", short(name), short(&detail.join(" · ")))
    };
    crate::safe_text::isolate_bidi(&text).into_owned()
}

/// At most 80 characters, with an ellipsis when cut.
fn short(text: &str) -> String {
    let mut chars = text.chars();
    let cut: String = chars.by_ref().take(80).collect();
    if chars.next().is_some() {
        cut + "…"
    } else {
        cut
    }
}
