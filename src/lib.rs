//! Powermap: power maps for B2B sales teams.
//!
//! The library holds all logic. Only [`ui`] uses egui; the model, the file format,
//! editing and the command line are plain Rust so they can be tested and used headless.

#![warn(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod analysis;
pub mod cli;
pub mod edit;
pub mod export;
pub mod files;
pub mod format;
pub mod import;
pub mod labels;
pub mod lang;
pub mod memory;
pub mod model;
pub mod placement;
pub mod portfolio;
pub mod present;
pub mod recovery;
pub mod routing;
pub mod safe_text;
pub mod samples;
pub mod search;
pub mod sync;
pub mod theme;
pub mod ui;
pub mod user_paths;
pub mod views;
