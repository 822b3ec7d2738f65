//! File → Sync: commit the map, pull the team's changes, push ours, through the
//! user's git on a background thread, step by step in a modal window. Afterwards
//! the app reloads the map (the pull may have changed it); conflicts the merge
//! recorded show in the conflicts bar.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::RichText;

use super::app_command::AppCommand;
use super::i18n::{T, Tr};
use super::theme::WARNING_TEXT;
use super::versions::DiskChoice;
use crate::sync::git_sync::{Git, SyncError, SyncOutcome, SyncStep, default_message};

/// What the app asks of the sync window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncRequest {
    /// Open the window for the map.
    Open,
    /// Save if needed, then sync with this commit message.
    Start(String),
}

/// Messages from the sync thread.
enum Progress {
    Step(SyncStep),
    Finished(Result<SyncOutcome, SyncError>),
}

enum State {
    /// The message can be edited; merging may need setting up.
    Ask {
        message: String,
        modified: bool,
        /// Whether the merge driver is set up; `None` when git could not tell.
        driver: Option<bool>,
        /// What `git-setup` said, when it was run from here.
        setup: Option<String>,
    },
    Running {
        steps: Vec<SyncStep>,
        progress: Receiver<Progress>,
    },
    Finished {
        steps: Vec<SyncStep>,
        result: Result<SyncOutcome, SyncError>,
    },
}

/// The Sync window's state.
#[derive(Default)]
pub struct SyncView {
    map: Option<PathBuf>,
    state: Option<State>,
}

impl SyncView {
    /// Opens the window for the map at `path`.
    pub fn open(&mut self, path: &Path, account: &str, modified: bool) {
        let driver = Git::default().driver_registered(path).ok();
        self.map = Some(path.to_owned());
        self.state = Some(State::Ask {
            message: default_message(account),
            modified,
            driver,
            setup: None,
        });
    }

    /// Whether the window is open.
    pub fn is_open(&self) -> bool {
        self.state.is_some()
    }

    /// Starts the sync on a background thread (the map is saved by then).
    pub fn start(&mut self, message: String, ctx: &egui::Context) {
        let Some(path) = self.map.clone() else {
            return;
        };
        let (sender, receiver) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let steps = sender.clone();
            let wake = ctx.clone();
            let result = Git::default().sync(&path, &message, move |step| {
                let _ = steps.send(Progress::Step(step));
                wake.request_repaint();
            });
            let _ = sender.send(Progress::Finished(result));
            ctx.request_repaint();
        });
        self.state = Some(State::Running {
            steps: Vec::new(),
            progress: receiver,
        });
    }

    /// Draws the window; when a sync has finished, asks the app to reload the map.
    pub fn sync_ui(&mut self, ctx: &egui::Context, tr: Tr, commands: &mut Vec<AppCommand>) {
        let Some(state) = &mut self.state else {
            return;
        };
        if let State::Running { steps, progress } = state {
            loop {
                match progress.try_recv() {
                    Ok(Progress::Step(step)) => steps.push(step),
                    Ok(Progress::Finished(result)) => {
                        // The pull may have changed the file, even when a later
                        // step failed.
                        commands.push(AppCommand::Disk(DiskChoice::Reload));
                        *state = State::Finished {
                            steps: std::mem::take(steps),
                            result,
                        };
                        break;
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        *state = State::Finished {
                            steps: std::mem::take(steps),
                            result: Err(SyncError::Git {
                                step: SyncStep::Commit,
                                message: String::new(),
                            }),
                        };
                        break;
                    }
                }
            }
        }
        let mut close = false;
        let map = self.map.clone();
        egui::Modal::new(egui::Id::new("powermap-sync-modal")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading(tr.t(T::SyncTitle));
            match state {
                State::Ask {
                    message,
                    modified,
                    driver,
                    setup,
                } => {
                    ui.label(tr.t(T::SyncExplain));
                    if *modified {
                        ui.label(RichText::new(tr.t(T::SyncSavesFirst)).color(WARNING_TEXT));
                    }
                    super::widgets::labelled(ui, tr.t(T::SyncMessage), |ui| {
                        ui.add(egui::TextEdit::singleline(message).desired_width(f32::INFINITY))
                    });
                    if *driver == Some(false) {
                        ui.label(RichText::new(tr.t(T::SyncNoDriver)).color(WARNING_TEXT));
                        if ui.button(tr.t(T::SyncSetUp)).clicked()
                            && let Some(map) = &map
                        {
                            *setup = Some(run_setup(map, tr));
                            *driver = Git::default().driver_registered(map).ok();
                        }
                    }
                    if let Some(said) = setup {
                        ui.label(RichText::new(said.as_str()).weak());
                    }
                    ui.horizontal(|ui| {
                        let ready = !message.trim().is_empty();
                        if ui
                            .add_enabled(ready, egui::Button::new(tr.t(T::SyncStart)))
                            .clicked()
                        {
                            commands.push(AppCommand::Sync(SyncRequest::Start(
                                message.trim().to_owned(),
                            )));
                        }
                        if ui.button(tr.t(T::Cancel)).clicked() {
                            close = true;
                        }
                    });
                }
                State::Running { steps, .. } => {
                    steps_ui(ui, steps, None, tr);
                    ui.spinner();
                }
                State::Finished { steps, result } => {
                    steps_ui(ui, steps, Some(result), tr);
                    match result {
                        Ok(SyncOutcome::Done { .. }) => {
                            ui.label(tr.t(T::SyncDone));
                        }
                        Ok(SyncOutcome::Conflicts) => {
                            ui.label(RichText::new(tr.t(T::SyncConflicts)).color(WARNING_TEXT));
                        }
                        Err(err) => {
                            ui.label(RichText::new(error_text(err, tr)).color(WARNING_TEXT));
                        }
                    }
                    if ui.button(tr.t(T::Close)).clicked() {
                        close = true;
                    }
                }
            }
        });
        if close {
            self.state = None;
        }
    }
}

/// The steps so far: done ones ticked, the current one with an ellipsis (or a
/// cross when the sync failed there).
fn steps_ui(
    ui: &mut egui::Ui,
    steps: &[SyncStep],
    result: Option<&Result<SyncOutcome, SyncError>>,
    tr: Tr,
) {
    for (i, step) in steps.iter().enumerate() {
        let last = i + 1 == steps.len();
        let mark = match (last, result) {
            (true, None) => "…",
            (true, Some(Err(_))) => "✖",
            _ => "✔",
        };
        ui.label(format!("{mark} {}", step_name(*step, tr)));
    }
}

fn step_name(step: SyncStep, tr: Tr) -> &'static str {
    tr.t(match step {
        SyncStep::Commit => T::SyncStepCommit,
        SyncStep::Pull => T::SyncStepPull,
        SyncStep::Push => T::SyncStepPush,
    })
}

/// What went wrong, in the user's language, with git's own words.
pub fn error_text(err: &SyncError, tr: Tr) -> String {
    match err {
        SyncError::GitMissing => tr.t(T::SyncGitMissing).to_owned(),
        SyncError::NotARepository(dir) => tr.f(T::SyncNotRepo, &[&dir.display()]),
        SyncError::NoRemote => tr.t(T::SyncNoRemote).to_owned(),
        SyncError::OtherConflicts(paths) => tr.f(T::SyncOtherConflicts, &[paths]),
        SyncError::Git { step, message } => {
            tr.f(T::SyncGitFailed, &[&step_name(*step, tr), message])
        }
        SyncError::TimedOut { step, seconds } => {
            tr.f(T::SyncTimedOut, &[&step_name(*step, tr), seconds])
        }
    }
}

/// Runs `git-setup` for the map's folder with this program as the driver, and
/// says what it did in the user's language.
fn run_setup(map: &Path, tr: Tr) -> String {
    use crate::sync::git_setup::{GitSetupError, SetupStep};
    let dir = map.parent().unwrap_or(Path::new("."));
    let program = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("powermap"));
    match crate::sync::git_setup::git_setup(dir, &program) {
        Ok(report) => report
            .done
            .iter()
            .map(|step| match step {
                SetupStep::DriverWasRegistered { key } => tr.f(T::SetupDriverWas, &[key]),
                SetupStep::DriverRegistered { key, command } => {
                    tr.f(T::SetupDriverNow, &[key, command])
                }
                SetupStep::AttributesWerePresent(path) => {
                    tr.f(T::SetupAttributesWere, &[&path.display()])
                }
                SetupStep::AttributesAdded(path) => tr.f(
                    T::SetupAttributesAdded,
                    &[&crate::sync::git_setup::ATTRIBUTE_LINE, &path.display()],
                ),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Err(err) => {
            let why = match &err {
                GitSetupError::GitMissing => tr.t(T::SyncGitMissing).to_owned(),
                GitSetupError::NotARepository(dir) => {
                    tr.f(T::SetupNotARepository, &[&dir.display()])
                }
                // git's own words, and the file's error, as they are.
                GitSetupError::Git { .. } | GitSetupError::Attributes { .. } => err.to_string(),
            };
            tr.f(T::SyncSetUpFailed, &[&why])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    #[test]
    fn setting_up_merging_is_reported_in_the_users_language() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let map = dir.path().join("acme.json");
        let chinese = Tr(Language::Chinese);
        let outside = run_setup(&map, chinese);
        if outside.contains(chinese.t(T::SyncGitMissing)) {
            return; // No git on this machine: nothing more to check.
        }
        assert!(outside.contains("不在 git 仓库中"), "{outside}");
        let init = std::process::Command::new("git")
            .args(["init", "-q"])
            .current_dir(dir.path())
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .status()
            .expect("git runs");
        assert!(init.success());
        let said = run_setup(&map, chinese);
        assert!(said.contains("已在仓库配置中注册合并驱动"), "{said}");
        assert!(said.contains("*.json merge=powermap"), "{said}");
        let again = run_setup(&map, Tr(Language::English));
        assert!(again.contains("already registered"), "{again}");
    }
}
