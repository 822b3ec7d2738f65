//! The history of a map kept in a git work tree, read with `gix` (a pure-Rust git
//! implementation), so no git install is needed: the commits that changed the
//! file, the file as it was in any of them, and one person's stance across them.
//!
//! Budgets: at most [`MAX_COMMITS_SCANNED`] commits are walked, at most
//! [`MAX_REVISIONS`] are listed, and a version larger than the format's file limit
//! is not read.

use std::path::{Path, PathBuf};

use crate::model::limits::MAX_FILE_BYTES;
use crate::model::{StakeholderId, Stance};

/// Most commits walked from HEAD when looking for the ones that changed the map.
pub const MAX_COMMITS_SCANNED: usize = 20_000;
/// Most revisions listed.
pub const MAX_REVISIONS: usize = 1_000;

/// One commit that changed the map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revision {
    /// The commit id, in hex.
    pub id: String,
    /// Who wrote it (name).
    pub author: String,
    /// When, in seconds since 1970 (UTC).
    pub time: i64,
    /// The first line of the message.
    pub summary: String,
}

impl Revision {
    /// The short id (7 characters), as git shows it.
    pub fn short_id(&self) -> &str {
        self.id.get(..7).unwrap_or(&self.id)
    }

    /// The commit date as `YYYY-MM-DD` (UTC).
    pub fn date(&self) -> String {
        crate::model::Date::from_days_since_epoch(self.time.div_euclid(86_400))
            .map_or_else(String::new, |d| d.to_string())
    }
}

/// Why the history could not be read.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// The file is not inside a git work tree.
    #[error("{} is not in a git repository, so it has no history to show", .0.display())]
    NotInRepository(PathBuf),
    /// The repository has no commits yet.
    #[error("the repository has no commits yet")]
    NoCommits,
    /// No commit holds that revision of the file.
    #[error("the map is not in commit {0}")]
    NotInCommit(String),
    /// That version of the map is larger than a map may be.
    #[error("that version of the map is {size} bytes, more than the limit of {limit}")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// git's data could not be read.
    #[error("reading the repository failed: {0}")]
    Git(String),
}

fn git_error(err: impl std::fmt::Display) -> HistoryError {
    HistoryError::Git(err.to_string())
}

/// The repository holding `path` and the path inside its work tree.
fn open(path: &Path) -> Result<(gix::Repository, PathBuf), HistoryError> {
    let absolute = std::path::absolute(path).map_err(git_error)?;
    let file = absolute.canonicalize().unwrap_or(absolute);
    let folder = file
        .parent()
        .ok_or_else(|| HistoryError::NotInRepository(path.to_owned()))?;
    let repo = gix::discover(folder).map_err(|_| HistoryError::NotInRepository(path.to_owned()))?;
    let top = repo
        .workdir()
        .ok_or_else(|| HistoryError::NotInRepository(path.to_owned()))?;
    let top = top.canonicalize().unwrap_or_else(|_| top.to_owned());
    let relative = file
        .strip_prefix(&top)
        .map_err(|_| HistoryError::NotInRepository(path.to_owned()))?
        .to_owned();
    Ok((repo, relative))
}

/// The blob id of `relative` in a commit, if the commit holds it.
fn blob_in(
    commit: &gix::Commit<'_>,
    relative: &Path,
) -> Result<Option<gix::ObjectId>, HistoryError> {
    let tree = commit.tree().map_err(git_error)?;
    let entry = tree.lookup_entry_by_path(relative).map_err(git_error)?;
    Ok(entry
        .filter(|e| e.mode().is_blob())
        .map(|e| e.id().detach()))
}

/// The commits that changed the map at `path` (added it or changed its bytes),
/// newest first, following first parents from HEAD.
pub fn file_history(path: &Path) -> Result<Vec<Revision>, HistoryError> {
    let (repo, relative) = open(path)?;
    let head = repo.head_id().map_err(|_| HistoryError::NoCommits)?;
    let walk = repo
        .rev_walk([head.detach()])
        .first_parent_only()
        .all()
        .map_err(git_error)?;
    let mut revisions = Vec::new();
    // Each commit's version is compared with its parent's, which is the next one
    // in a first-parent walk.
    let mut newer: Option<(gix::Commit<'_>, Option<gix::ObjectId>)> = None;
    for info in walk.take(MAX_COMMITS_SCANNED) {
        let info = info.map_err(git_error)?;
        let commit = info.object().map_err(git_error)?;
        let blob = blob_in(&commit, &relative)?;
        if let Some((child, child_blob)) = newer.take()
            && child_blob.is_some()
            && child_blob != blob
        {
            revisions.push(describe(&child)?);
        }
        if revisions.len() >= MAX_REVISIONS {
            return Ok(revisions);
        }
        newer = Some((commit, blob));
    }
    // The oldest commit walked adds the file if it holds it.
    if let Some((oldest, Some(_))) = newer
        && revisions.len() < MAX_REVISIONS
    {
        revisions.push(describe(&oldest)?);
    }
    Ok(revisions)
}

fn describe(commit: &gix::Commit<'_>) -> Result<Revision, HistoryError> {
    let author = commit.author().map_err(git_error)?;
    let summary = commit
        .message()
        .map(|m| m.summary().to_string())
        .unwrap_or_default();
    Ok(Revision {
        id: commit.id.to_string(),
        author: author.name.to_string(),
        time: author.time().map(|t| t.seconds).unwrap_or_default(),
        summary,
    })
}

/// The bytes of the map at `path` as it was in commit `id` (hex; a short id is
/// looked up among the commits that changed the map).
pub fn file_at(path: &Path, id: &str) -> Result<Vec<u8>, HistoryError> {
    let full = match gix::ObjectId::from_hex(id.as_bytes()) {
        Ok(full) => full,
        Err(_) => {
            let wanted = id.to_ascii_lowercase();
            let found = file_history(path)?
                .into_iter()
                .find(|r| !wanted.is_empty() && r.id.starts_with(&wanted))
                .ok_or_else(|| HistoryError::NotInCommit(id.to_owned()))?;
            gix::ObjectId::from_hex(found.id.as_bytes()).map_err(git_error)?
        }
    };
    let (repo, relative) = open(path)?;
    blob_at(&repo, &relative, full, id)
}

/// The bytes of `relative` in commit `full` (`id` as the user wrote it, for
/// messages), refused when larger than a map may be.
fn blob_at(
    repo: &gix::Repository,
    relative: &Path,
    full: gix::ObjectId,
    id: &str,
) -> Result<Vec<u8>, HistoryError> {
    let commit = repo
        .find_commit(full)
        .map_err(|_| HistoryError::NotInCommit(id.to_owned()))?;
    let blob =
        blob_in(&commit, relative)?.ok_or_else(|| HistoryError::NotInCommit(id.to_owned()))?;
    let header = repo.find_header(blob).map_err(git_error)?;
    if header.size() > MAX_FILE_BYTES {
        return Err(HistoryError::TooLarge {
            size: header.size(),
            limit: MAX_FILE_BYTES,
        });
    }
    let blob = repo.find_blob(blob).map_err(git_error)?;
    Ok(blob.data.clone())
}

/// Most bytes of old versions read for one stance history: a long history of a
/// large map stops there rather than reading gigabytes.
pub const MAX_STANCE_HISTORY_BYTES: usize = 1 << 30;

/// One person's stance in each revision that holds them (newest first); versions
/// that are not valid maps are skipped. The repository is opened once; reading
/// stops after [`MAX_STANCE_HISTORY_BYTES`].
pub fn stance_history(
    path: &Path,
    revisions: &[Revision],
    person: &StakeholderId,
) -> Vec<(Revision, Stance)> {
    let Ok((repo, relative)) = open(path) else {
        return Vec::new();
    };
    let mut read = 0usize;
    let mut stances = Vec::new();
    for revision in revisions {
        if read >= MAX_STANCE_HISTORY_BYTES {
            break;
        }
        let Ok(full) = gix::ObjectId::from_hex(revision.id.as_bytes()) else {
            continue;
        };
        let Ok(bytes) = blob_at(&repo, &relative, full, &revision.id) else {
            continue;
        };
        read += bytes.len();
        let Ok(doc) = crate::format::from_bytes(&bytes) else {
            continue;
        };
        if let Some(p) = doc.stakeholder(person) {
            stances.push((revision.clone(), p.stance));
        }
    }
    stances
}
