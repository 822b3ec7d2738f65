//! Exports run on a background thread with a progress bar, so a picture of a large
//! map does not freeze the window.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::export::{ExportFormat, ExportOptions, export_view};
use crate::model::Document;
use crate::views::ViewKind;

/// The message when an export's thread ended without a result (the app shows its own
/// translated words for it).
pub const STOPPED: &str = "the export stopped unexpectedly";

/// Steps of an export, for the progress bar.
pub const STEPS: u8 = 3;

/// An export in progress.
pub struct ExportJob {
    /// Where it goes.
    pub path: PathBuf,
    /// What it makes.
    pub format: ExportFormat,
    /// How many people are exported (for the progress text).
    pub people: usize,
    step: Arc<AtomicU8>,
    done: Receiver<Result<(), String>>,
}

impl ExportJob {
    /// Starts exporting `doc` to `path`; a picture shows `view`.
    pub fn start(
        ctx: &egui::Context,
        doc: Document,
        path: PathBuf,
        format: ExportFormat,
        options: ExportOptions,
        view: ViewKind,
    ) -> Self {
        let step = Arc::new(AtomicU8::new(0));
        let (sender, done) = channel();
        let (thread_step, thread_path, ctx) = (Arc::clone(&step), path.clone(), ctx.clone());
        let people = doc.stakeholders.len();
        std::thread::spawn(move || {
            thread_step.store(1, Ordering::Relaxed);
            ctx.request_repaint();
            // A panic in a renderer must end the job with an error, not leave the
            // progress bar up forever.
            let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                export_view(&doc, format, &options, view)
            }));
            let result = match made {
                Ok(made) => made.map_err(|e| e.to_string()),
                Err(_) => Err(STOPPED.to_owned()),
            }
            .and_then(|bytes| {
                thread_step.store(2, Ordering::Relaxed);
                ctx.request_repaint();
                crate::format::atomic_replace(&thread_path, &bytes).map_err(|e| e.to_string())
            });
            thread_step.store(STEPS, Ordering::Relaxed);
            let _ = sender.send(result);
            ctx.request_repaint();
        });
        Self {
            path,
            format,
            people,
            step,
            done,
        }
    }

    /// Progress from 0 to 1.
    pub fn progress(&self) -> f32 {
        f32::from(self.step.load(Ordering::Relaxed)) / f32::from(STEPS)
    }

    /// The result once the export is finished (an error if its thread died).
    pub fn finished(&self) -> Option<Result<(), String>> {
        match self.done.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(STOPPED.to_owned())),
        }
    }

    /// Waits for the export to finish (tests).
    pub fn wait(self) -> Result<(), String> {
        self.done.recv().unwrap_or_else(|_| Err(STOPPED.to_owned()))
    }
}
