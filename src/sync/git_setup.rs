//! Registering Powermap's merge with git, so that `git merge` and `git pull` merge
//! two edited copies of a map field by field instead of writing JSON conflict
//! markers. Two things are needed, and this does both, idempotently:
//!
//! ```text
//! git config merge.powermap.driver "'/path/to/powermap' merge %O %A %B -o %A --driver"
//! echo '*.json merge=powermap' >> .gitattributes
//! ```
//!
//! The user's own `git` does the configuration, so it lands where git reads it.
//! JSON files that are not maps are merged by git's usual line merge (the driver
//! hands them to `git merge-file`).

use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The merge driver's name in `.gitattributes` and the git config.
pub const DRIVER: &str = "powermap";
/// The `.gitattributes` line that sends map files to the driver.
pub const ATTRIBUTE_LINE: &str = "*.json merge=powermap";

/// Why git could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum GitSetupError {
    /// No `git` program.
    #[error("git is not installed (or not on the PATH); install git and run this again")]
    GitMissing,
    /// The folder is not inside a git work tree.
    #[error("{} is not inside a git repository; run `git init` there first (or clone your team's repository)", .0.display())]
    NotARepository(PathBuf),
    /// git refused a command.
    #[error("`git {command}` failed: {message}")]
    Git {
        /// The git command line, without `git`.
        command: String,
        /// What git said.
        message: String,
    },
    /// `.gitattributes` could not be read or written.
    #[error("{}: {source}", path.display())]
    Attributes {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

/// One thing `git_setup` did or found done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetupStep {
    /// The driver was registered already, under this config key.
    DriverWasRegistered {
        /// `merge.powermap.driver`.
        key: String,
    },
    /// The driver is now registered: config key and command.
    DriverRegistered {
        /// `merge.powermap.driver`.
        key: String,
        /// The command git runs.
        command: String,
    },
    /// This `.gitattributes` already sends map files to the driver.
    AttributesWerePresent(PathBuf),
    /// The line was added to this `.gitattributes` (to be committed).
    AttributesAdded(PathBuf),
}

impl std::fmt::Display for SetupStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::DriverWasRegistered { key } => {
                write!(f, "The merge driver was already registered ({key}).")
            }
            Self::DriverRegistered { key, command } => write!(
                f,
                "Registered the merge driver in the repository's config: {key} = {command}"
            ),
            Self::AttributesWerePresent(path) => write!(
                f,
                "{} already sends map files to the driver.",
                path.display()
            ),
            Self::AttributesAdded(path) => write!(
                f,
                "Added \"{ATTRIBUTE_LINE}\" to {}; commit it so your colleagues' merges use it too.",
                path.display()
            ),
        }
    }
}

/// What `git_setup` did, step by step.
#[derive(Debug, Default)]
pub struct SetupReport {
    /// The work tree's top folder.
    pub top: PathBuf,
    /// What was done or found done, in order.
    pub done: Vec<SetupStep>,
}

/// Runs git in `dir`, returning its trimmed standard output.
fn git(dir: &Path, args: &[&str]) -> Result<std::process::Output, GitSetupError> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|err| match err.kind() {
            io::ErrorKind::NotFound => GitSetupError::GitMissing,
            _ => GitSetupError::Git {
                command: args.join(" "),
                message: err.to_string(),
            },
        })
}

fn stdout_line(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// A word for a POSIX shell (git runs the driver through `sh`).
fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The driver command for the program at `program`.
pub fn driver_command(program: &Path) -> String {
    format!(
        "{} merge %O %A %B -o %A --driver",
        shell_quoted(&program.to_string_lossy())
    )
}

/// Registers the merge driver in the repository holding `dir` and the attribute
/// line in `dir/.gitattributes` (so only the maps under `dir` use it). `program`
/// is the powermap executable git will run.
pub fn git_setup(dir: &Path, program: &Path) -> Result<SetupReport, GitSetupError> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    if !top.status.success() {
        return Err(GitSetupError::NotARepository(dir.to_owned()));
    }
    let mut report = SetupReport {
        top: PathBuf::from(stdout_line(&top)),
        done: Vec::new(),
    };

    let wanted = driver_command(program);
    let key = format!("merge.{DRIVER}.driver");
    let current = git(dir, &["config", "--local", "--get", &key])?;
    if current.status.success() && stdout_line(&current) == wanted {
        report.done.push(SetupStep::DriverWasRegistered { key });
    } else {
        for (name, value) in [
            (format!("merge.{DRIVER}.name"), "Powermap map merge"),
            (key.clone(), wanted.as_str()),
        ] {
            let set = git(dir, &["config", "--local", &name, value])?;
            if !set.status.success() {
                return Err(GitSetupError::Git {
                    command: format!("config --local {name} …"),
                    message: String::from_utf8_lossy(&set.stderr).trim().to_owned(),
                });
            }
        }
        report.done.push(SetupStep::DriverRegistered {
            key,
            command: wanted,
        });
    }

    let attributes = dir.join(".gitattributes");
    let text = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(GitSetupError::Attributes {
                path: attributes,
                source,
            });
        }
    };
    if text.lines().any(|line| line.trim() == ATTRIBUTE_LINE) {
        report
            .done
            .push(SetupStep::AttributesWerePresent(attributes));
    } else {
        let mut updated = text;
        if !updated.is_empty() && !updated.ends_with('\n') {
            updated.push('\n');
        }
        updated.push_str(ATTRIBUTE_LINE);
        updated.push('\n');
        crate::format::atomic_replace(&attributes, updated.as_bytes()).map_err(|err| {
            GitSetupError::Attributes {
                path: attributes.clone(),
                source: io::Error::other(err.to_string()),
            }
        })?;
        report.done.push(SetupStep::AttributesAdded(attributes));
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_driver_command_quotes_the_program_for_the_shell() {
        assert_eq!(
            driver_command(Path::new("/opt/my apps/it's/powermap")),
            r"'/opt/my apps/it'\''s/powermap' merge %O %A %B -o %A --driver"
        );
    }
}
