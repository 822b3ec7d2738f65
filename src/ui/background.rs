//! Work that would stall the window (reading a large file, an import, an undo of
//! one) run on a thread of its own; the UI asks each frame whether it is done and
//! shows a progress window meanwhile.

use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// The result of work running on a background thread.
pub struct Background<T> {
    done: Receiver<T>,
}

impl<T: Send + 'static> Background<T> {
    /// Starts `work` on its own thread; `ctx` repaints when it is done.
    pub fn start(ctx: &egui::Context, work: impl FnOnce() -> T + Send + 'static) -> Self {
        let (sender, done) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // A panic drops the sender: `finished` then reports no answer.
            let _ = sender.send(work());
            ctx.request_repaint();
        });
        Self { done }
    }

    /// The result once the work is done (`Some(None)`: the thread ended without
    /// one); `None` while it runs.
    pub fn finished(&self) -> Option<Option<T>> {
        match self.done.try_recv() {
            Ok(result) => Some(Some(result)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }

    /// Waits for the result (tests).
    pub fn wait(&self) -> Option<T> {
        self.done.recv().ok()
    }
}

/// A small window with a spinner and `text`, taking the input while work runs.
pub fn progress_ui(ctx: &egui::Context, id: &str, text: &str) {
    egui::Modal::new(egui::Id::new(id)).show(ctx, |ui| {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(text);
        });
    });
}

/// The file name of `path`, for progress texts.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
