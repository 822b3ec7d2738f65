//! Large map files are read on a background thread with a progress window, so
//! opening one does not freeze the window. For a large map the same thread builds
//! the canvas graph too, so the first frame does not.

use std::path::PathBuf;

use super::background::Background;
use super::canvas::PrebuiltGraph;
use super::i18n::Tr;
use crate::format::{DiskVersion, LoadError, load_file_versioned};
use crate::model::Document;

/// Files at least this large (about 2,500 people) are read in the background;
/// smaller ones load in a few milliseconds on the UI thread.
pub const BACKGROUND_BYTES: u64 = 2 * 1024 * 1024;

/// What reading the file gave: the map, why it was refused, or `None` when the
/// thread ended without an answer.
pub type Loaded = Option<Result<LoadedMap, LoadError>>;

/// A map read from its file: the map, the file's version, and (for a large map)
/// its canvas graph.
pub type LoadedMap = (Document, DiskVersion, Option<PrebuiltGraph>);

/// A map being read.
pub struct OpenJob {
    /// The file.
    pub path: PathBuf,
    /// Its size in bytes (for the progress text).
    pub bytes: u64,
    /// Whether a sample map is opened if this one cannot be (the file given at start).
    pub sample_on_failure: bool,
    done: Background<Result<LoadedMap, LoadError>>,
}

impl OpenJob {
    /// Starts reading `path`; the canvas graph is built in `tr`'s language.
    pub fn start(
        ctx: &egui::Context,
        path: PathBuf,
        bytes: u64,
        sample_on_failure: bool,
        tr: Tr,
    ) -> Self {
        let thread_path = path.clone();
        let done = Background::start(ctx, move || {
            load_file_versioned(&thread_path).map(|(doc, version)| {
                let graph = (doc.stakeholders.len() >= PrebuiltGraph::MIN_PEOPLE)
                    .then(|| PrebuiltGraph::build(&doc, tr));
                (doc, version, graph)
            })
        });
        Self {
            path,
            bytes,
            sample_on_failure,
            done,
        }
    }

    /// The result once the thread is done; `None` while it is still reading.
    pub fn finished(&self) -> Option<Loaded> {
        self.done.finished()
    }

    /// Waits until the file is read (tests).
    pub fn wait(&self) -> Loaded {
        self.done.wait()
    }
}
