//! Keeps the analysis in step with the map without stalling the UI: small maps are
//! analysed at once, large ones on a background thread while the last result stays
//! on screen. Maps in an open workspace get the evidence learned from its closed
//! deals.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::analysis::{Analysis, AnalysisOptions, analyze_learned};
use crate::edit::Editor;
use crate::lang::Language;
use crate::model::{Date, Document};
use crate::portfolio::Lessons;

/// Maps up to this size are analysed on the UI thread (a few milliseconds).
pub const INLINE_LIMIT: usize = 1_500;

/// An analysis and the document it was made from.
pub struct AnalysedMap {
    /// The document as analysed.
    pub doc: Arc<Document>,
    /// The result.
    pub analysis: Analysis,
}

/// What a result depends on: the edit counter, the language, the date, the
/// staleness limit and which lessons (by address; the worker holds them, so the
/// address is not reused meanwhile).
type Key = (u64, Language, Date, i64, usize);

/// Runs analyses and holds the latest result.
#[derive(Default)]
pub struct AnalysisWorker {
    latest: Option<Arc<AnalysedMap>>,
    running: Option<(Key, Receiver<AnalysedMap>)>,
    done_for: Option<Key>,
    /// The lessons of the last request, kept so their address stays theirs.
    lessons: Option<Arc<Lessons>>,
}

impl AnalysisWorker {
    /// Starts or collects work so the result follows `doc`; returns the latest result.
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        editor: &Editor,
        edit_counter: u64,
        language: Language,
        stale_after_days: i64,
        lessons: Option<Arc<Lessons>>,
    ) -> Option<Arc<AnalysedMap>> {
        let key = (
            edit_counter,
            language,
            Date::today_local(),
            stale_after_days,
            lessons.as_ref().map_or(0, |l| Arc::as_ptr(l) as usize),
        );
        if let Some((running_key, receiver)) = &self.running {
            match receiver.try_recv() {
                Ok(result) => {
                    self.done_for = Some(*running_key);
                    self.latest = Some(Arc::new(result));
                    self.running = None;
                }
                Err(TryRecvError::Empty) => {}
                // The thread died: keep the last result and do not retry this map.
                Err(TryRecvError::Disconnected) => {
                    self.done_for = Some(*running_key);
                    self.running = None;
                }
            }
        }
        let up_to_date =
            self.done_for == Some(key) || self.running.as_ref().is_some_and(|(k, _)| *k == key);
        if !up_to_date && self.running.is_none() {
            let options = AnalysisOptions {
                stale_after_days,
                ..AnalysisOptions::new(key.2, language)
            };
            let doc = snapshot_for_analysis(editor);
            self.lessons = lessons.clone();
            if doc.stakeholders.len() <= INLINE_LIMIT {
                // Shared with the editor: its next edit copies this small map.
                let analysis = analyze_with(&doc, &options, lessons.as_deref());
                self.latest = Some(Arc::new(AnalysedMap { doc, analysis }));
                self.done_for = Some(key);
            } else {
                let (sender, receiver) = channel();
                let ctx = ctx.clone();
                std::thread::spawn(move || {
                    // Copy here, off the UI thread, and let go of the shared map at
                    // once so the editor's next edit does not have to copy it.
                    let shared = doc;
                    let doc = Arc::new(Document::clone(&shared));
                    drop(shared);
                    let analysis = analyze_with(&doc, &options, lessons.as_deref());
                    let _ = sender.send(AnalysedMap { doc, analysis });
                    ctx.request_repaint();
                });
                self.running = Some((key, receiver));
            }
        }
        self.latest.clone()
    }

    /// Whether a newer result is being computed.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Forgets results (another map was opened).
    pub fn reset(&mut self) {
        *self = Self::default();
    }
}

/// The analysis, with the workspace's lessons when there are some (without, it
/// is exactly the analysis of the map alone).
fn analyze_with(doc: &Document, options: &AnalysisOptions, lessons: Option<&Lessons>) -> Analysis {
    let learned = lessons.map(|l| l as &dyn crate::analysis::learned::LearnedEvidence);
    analyze_learned(doc, options, learned)
}

/// What the analysis is handed of the map after each edit: the editor's document,
/// shared (no copy on the UI thread).
pub fn snapshot_for_analysis(editor: &Editor) -> Arc<Document> {
    editor.snapshot()
}
