//! The desktop app (egui). The only part of Powermap that uses egui: everything it
//! shows comes from the model, and every change it makes is an edit command.

pub mod account_panel;
pub mod analysis_view;
pub mod analysis_worker;
pub mod app;
pub mod app_command;
pub mod autosave;
pub mod bench;
pub mod bulk_edit;
pub mod canvas;
pub mod conflicts_view;
pub mod date_picker;
pub mod deal_edits;
pub mod deal_panel;
pub mod dialogs;
pub mod disk_watch;
pub mod error_text;
pub mod export_job;
pub mod file_browser;
pub mod filter_bar;
pub mod find_tools;
pub mod fonts;
pub mod history_view;
pub mod i18n;
pub mod import_dialog;
pub mod inspector;
pub mod legend;
pub mod menu;
pub mod modals;
pub mod open_job;
pub mod person_picker;
pub mod prefs;
pub mod present;
pub mod search_bar;
pub mod selection;
pub mod side_panel;
pub mod start_page;
pub mod theme;
pub mod versions;
pub mod widgets;
pub mod workspace_job;

pub use app::{AppOptions, PowermapApp, run};
