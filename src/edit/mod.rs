//! Editing: commands, how they apply, and the undo/redo history.

mod apply;
mod command;
mod editor;
mod error;
pub mod handover;
mod label;

pub use apply::apply;
pub use command::Command;
pub use editor::{DEFAULT_HISTORY_LIMIT, Editor, PreparedEdit, StepDone, StepJob, prepare_edit};
pub use error::EditError;
pub use label::{EditKind, EditLabel};
