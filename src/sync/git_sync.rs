//! Sync through the team's git repository: commit the saved map, pull (Powermap's
//! merge driver merges maps field by field), push. Network work goes through the
//! user's installed `git`, whose credentials and remotes already work: each call
//! is a direct process (no shell) with explicit arguments, a time limit and
//! `GIT_TERMINAL_PROMPT=0`, so git never waits for a password nobody can type.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The steps of a sync, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncStep {
    /// Committing the map.
    Commit,
    /// Fetching and merging the team's changes.
    Pull,
    /// Sending ours.
    Push,
}

/// Why a sync stopped. Git's own message is kept for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// No `git` program on the PATH.
    #[error("git is not installed (or not on the PATH)")]
    GitMissing,
    /// The map is not in a git work tree.
    #[error("{} is not in a git repository", .0.display())]
    NotARepository(PathBuf),
    /// The repository has no remote to pull from and push to.
    #[error("the repository has no remote; add your team's with `git remote add origin URL`")]
    NoRemote,
    /// A merge is in progress with files other than the map unresolved.
    #[error("other files have unresolved merge conflicts: {0}")]
    OtherConflicts(String),
    /// Git refused a step.
    #[error("git failed while {step:?}: {message}")]
    Git {
        /// The step.
        step: SyncStep,
        /// What git said.
        message: String,
    },
    /// A step took longer than the limit (a network that hangs).
    #[error("git did not finish {step:?} within {seconds} seconds")]
    TimedOut {
        /// The step.
        step: SyncStep,
        /// The limit.
        seconds: u64,
    },
}

/// How a sync ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncOutcome {
    /// Committed (when there was something), pulled and pushed.
    Done {
        /// Whether a commit was made.
        committed: bool,
    },
    /// The pull merged the map with conflicts the driver recorded in it; nothing
    /// was pushed. Settle them in the app, save, and sync again.
    Conflicts,
}

/// How git is run: the program, a time limit per call, and (for tests) the PATH.
#[derive(Clone, Debug)]
pub struct Git {
    /// The program, looked up on the PATH.
    pub program: OsString,
    /// Longest a call may take.
    pub timeout: Duration,
    /// The PATH git is looked up on and runs with; `None` keeps the user's.
    pub path_env: Option<OsString>,
}

impl Default for Git {
    fn default() -> Self {
        Self {
            program: "git".into(),
            timeout: Duration::from_secs(120),
            path_env: None,
        }
    }
}

/// What one git call printed, and whether it succeeded.
struct Ran {
    ok: bool,
    stdout: String,
    stderr: String,
}

impl Ran {
    /// Git's message for the user: its error output, else its output.
    fn message(&self) -> String {
        let text = if self.stderr.trim().is_empty() {
            &self.stdout
        } else {
            &self.stderr
        };
        text.trim().to_owned()
    }
}

impl Git {
    /// Runs `git -C dir ARGS` within the time limit.
    fn run(&self, dir: &Path, args: &[&str], step: SyncStep) -> Result<Ran, SyncError> {
        let mut command = Command::new(&self.program);
        command
            .arg("-C")
            .arg(dir)
            .args(args)
            .env("GIT_TERMINAL_PROMPT", "0")
            // A merge commit takes git's message instead of opening an editor.
            .env("GIT_MERGE_AUTOEDIT", "no")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(path) = &self.path_env {
            command.env("PATH", path);
        }
        let mut child = command.spawn().map_err(|err| match err.kind() {
            std::io::ErrorKind::NotFound => SyncError::GitMissing,
            _ => SyncError::Git {
                step,
                message: err.to_string(),
            },
        })?;
        // Read both pipes on their own threads so a chatty git never blocks.
        let reader = |pipe: Option<Box<dyn Read + Send>>| {
            std::thread::spawn(move || {
                let mut text = Vec::new();
                if let Some(mut pipe) = pipe {
                    let _ = pipe.read_to_end(&mut text);
                }
                String::from_utf8_lossy(&text).into_owned()
            })
        };
        let out = reader(
            child
                .stdout
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        );
        let err = reader(
            child
                .stderr
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        );
        let deadline = Instant::now() + self.timeout;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(SyncError::TimedOut {
                        step,
                        seconds: self.timeout.as_secs(),
                    });
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(err) => {
                    return Err(SyncError::Git {
                        step,
                        message: err.to_string(),
                    });
                }
            }
        };
        Ok(Ran {
            ok: status.success(),
            stdout: out.join().unwrap_or_default(),
            stderr: err.join().unwrap_or_default(),
        })
    }

    fn checked(&self, dir: &Path, args: &[&str], step: SyncStep) -> Result<Ran, SyncError> {
        let ran = self.run(dir, args, step)?;
        if ran.ok {
            Ok(ran)
        } else {
            Err(SyncError::Git {
                step,
                message: ran.message(),
            })
        }
    }

    /// Whether the map's repository sends it to Powermap's merge driver: the
    /// driver is configured and the file's `merge` attribute names it.
    pub fn driver_registered(&self, map: &Path) -> Result<bool, SyncError> {
        let (dir, name) = split(map)?;
        let key = format!("merge.{}.driver", super::git_setup::DRIVER);
        let driver = self.run(&dir, &["config", "--get", &key], SyncStep::Pull)?;
        if !driver.ok || driver.stdout.trim().is_empty() {
            return Ok(false);
        }
        let attr = self.checked(&dir, &["check-attr", "merge", "--", &name], SyncStep::Pull)?;
        Ok(attr
            .stdout
            .trim()
            .ends_with(&format!(": {}", super::git_setup::DRIVER)))
    }

    /// Commits the saved map at `map` with `message`, pulls, and pushes;
    /// `progress` hears of each step as it starts.
    pub fn sync(
        &self,
        map: &Path,
        message: &str,
        mut progress: impl FnMut(SyncStep),
    ) -> Result<SyncOutcome, SyncError> {
        let (dir, name) = split(map)?;
        let top = self.run(&dir, &["rev-parse", "--show-toplevel"], SyncStep::Commit)?;
        if !top.ok {
            return Err(SyncError::NotARepository(dir));
        }
        let remotes = self.checked(&dir, &["remote"], SyncStep::Commit)?;
        let remote = {
            let names: Vec<&str> = remotes.stdout.lines().map(str::trim).collect();
            if names.contains(&"origin") {
                "origin".to_owned()
            } else {
                names.first().copied().unwrap_or_default().to_owned()
            }
        };
        if remote.is_empty() {
            return Err(SyncError::NoRemote);
        }

        // The map's path from the top of the work tree, as git lists conflicts.
        let prefix = self.checked(&dir, &["rev-parse", "--show-prefix"], SyncStep::Commit)?;
        let in_repo = format!("{}{name}", prefix.stdout.trim());

        progress(SyncStep::Commit);
        let committed = self.commit(&dir, &name, &in_repo, message)?;

        progress(SyncStep::Pull);
        let upstream = self.run(
            &dir,
            &["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"],
            SyncStep::Pull,
        )?;
        let branch = self
            .checked(&dir, &["rev-parse", "--abbrev-ref", "HEAD"], SyncStep::Pull)?
            .stdout
            .trim()
            .to_owned();
        let pulled = if upstream.ok {
            Some(self.run(&dir, &["pull", "--no-rebase", "--no-edit"], SyncStep::Pull)?)
        } else {
            // No upstream yet: pull the branch of the same name when the remote
            // has it (a first sync of a new clone or branch).
            let heads = self.checked(
                &dir,
                &["ls-remote", "--heads", &remote, &branch],
                SyncStep::Pull,
            )?;
            if heads.stdout.trim().is_empty() {
                None
            } else {
                Some(self.run(
                    &dir,
                    &["pull", "--no-rebase", "--no-edit", &remote, &branch],
                    SyncStep::Pull,
                )?)
            }
        };
        if let Some(pulled) = pulled
            && !pulled.ok
        {
            let unmerged = self.unmerged(&dir)?;
            if unmerged.is_empty() {
                return Err(SyncError::Git {
                    step: SyncStep::Pull,
                    message: pulled.message(),
                });
            }
            if unmerged.iter().any(|path| path != &in_repo) {
                return Err(SyncError::OtherConflicts(unmerged.join(", ")));
            }
            return Ok(SyncOutcome::Conflicts);
        }

        progress(SyncStep::Push);
        if upstream.ok {
            self.checked(&dir, &["push"], SyncStep::Push)?;
        } else {
            self.checked(&dir, &["push", "-u", &remote, "HEAD"], SyncStep::Push)?;
        }
        Ok(SyncOutcome::Done { committed })
    }

    /// Commits the map when it differs from the last commit (and concludes a
    /// merge left open by an earlier sync with conflicts). Whether it committed.
    fn commit(
        &self,
        dir: &Path,
        name: &str,
        in_repo: &str,
        message: &str,
    ) -> Result<bool, SyncError> {
        let step = SyncStep::Commit;
        let merging = self.run(dir, &["rev-parse", "-q", "--verify", "MERGE_HEAD"], step)?;
        if merging.ok {
            let unmerged = self.unmerged(dir)?;
            if unmerged.iter().any(|path| path != in_repo) {
                return Err(SyncError::OtherConflicts(unmerged.join(", ")));
            }
            self.checked(dir, &["add", "--", name], step)?;
            self.checked(dir, &["commit", "--no-edit", "-m", message], step)?;
            return Ok(true);
        }
        self.checked(dir, &["add", "--", name], step)?;
        let staged = self.run(dir, &["diff", "--cached", "--quiet", "--", name], step)?;
        if staged.ok {
            return Ok(false);
        }
        self.checked(dir, &["commit", "-m", message, "--", name], step)?;
        Ok(true)
    }

    /// Paths (from the top of the work tree) with unresolved merge conflicts.
    fn unmerged(&self, dir: &Path) -> Result<Vec<String>, SyncError> {
        let ran = self.checked(
            dir,
            &["diff", "--name-only", "--diff-filter=U"],
            SyncStep::Pull,
        )?;
        Ok(ran.stdout.lines().map(str::to_owned).collect())
    }
}

/// The folder of the map and its file name.
fn split(map: &Path) -> Result<(PathBuf, String), SyncError> {
    let dir = map
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_owned);
    let name = map
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| SyncError::NotARepository(map.to_owned()))?;
    Ok((dir, name))
}

/// Whether `path` lies in a git work tree: a `.git` folder or file in one of its
/// folders. Cheap (no process), for enabling the menu entry.
pub fn in_work_tree(path: &Path) -> bool {
    path.ancestors()
        .skip(1)
        .any(|dir| dir.join(".git").exists())
}

/// The default commit message: "Update ACCOUNT map".
pub fn default_message(account: &str) -> String {
    if account.trim().is_empty() {
        "Update map".to_owned()
    } else {
        format!("Update {} map", account.trim())
    }
}
