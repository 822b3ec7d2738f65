//! Why a map could not be read or written.

use std::path::PathBuf;

use crate::model::Problem;

/// Why a map file was refused. Messages name what is wrong and where.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read from disk.
    #[error("cannot read the file ({source}): {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file is larger than the limit.
    #[error("the file is {size} bytes, more than the limit of {limit} bytes (64 MiB)")]
    TooLarge {
        /// Size of the file.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Not valid JSON.
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// JSON, but not a Powermap map.
    #[error("not a Powermap map: {reason}")]
    NotPowermap {
        /// What is missing or different.
        reason: String,
    },
    /// Written by a newer Powermap.
    #[error(
        "the map uses format version {found}, but this Powermap reads versions up to {supported}; \
         open it with a newer Powermap"
    )]
    TooNew {
        /// The version in the file.
        found: u64,
        /// The newest version this build reads.
        supported: u64,
    },
    /// More stakeholders than the limit.
    #[error("the map has {count} stakeholders, more than the limit of {limit}")]
    TooManyStakeholders {
        /// Stakeholders in the file.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A string longer than the limit.
    #[error("the text at {location} is {length} bytes long, more than the limit of {limit} bytes")]
    StringTooLong {
        /// JSON path of the string, such as `stakeholders[3].notes`.
        location: String,
        /// Its length in bytes.
        length: usize,
        /// The limit.
        limit: usize,
    },
    /// The map's content has problems.
    #[error("{}", problem_list(.0))]
    Invalid(Vec<Problem>),
}

fn problem_list(problems: &[Problem]) -> String {
    let count = problems.len();
    let noun = if count == 1 { "problem" } else { "problems" };
    let mut text = format!("the map has {count} {noun}:");
    for problem in problems {
        text.push_str("\n  - ");
        text.push_str(&problem.to_string());
    }
    text
}

/// Why a map could not be saved. The file that was there before is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// A step of the atomic save failed.
    #[error("cannot save: {step} failed ({source}): {}", path.display())]
    Io {
        /// What was being done, such as "writing the temporary file".
        step: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The map would be larger than a file Powermap opens.
    #[error(
        "cannot save: the map would take {size} bytes, more than the limit of {limit} bytes (64 MiB)"
    )]
    TooLarge {
        /// Size of the canonical file.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The document itself is not valid, so it would not load again.
    #[error("cannot save: {}", problem_list(.0))]
    Invalid(Vec<Problem>),
    /// The file is marked read-only, or this user may not change it.
    #[error("cannot save: the file is read-only; save a copy under another name: {}", path.display())]
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// The file changed on disk since it was loaded or last saved; writing would
    /// throw that change away.
    #[error(
        "cannot save: the file was changed by someone else since it was opened; \
         nothing was overwritten: {}",
        path.display()
    )]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
    /// Another program kept the map locked while it was saving it.
    #[error(
        "cannot save: another program is saving this map right now; try again in a moment: {}",
        path.display()
    )]
    Busy {
        /// The file.
        path: PathBuf,
    },
}
