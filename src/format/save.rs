//! Atomic saving: a temporary file in the same folder, flushed to disk, renamed over
//! the target, then the folder synced. The previous version is kept as `NAME.bak`.
//! On any failure before the rename the target is untouched and temporary files are
//! removed.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::SaveError;

/// The steps of an atomic save, named in error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    Inspect,
    CreateTemp,
    WriteTemp,
    SyncTemp,
    Backup,
    Rename,
}

impl Step {
    fn describe(self) -> &'static str {
        match self {
            Self::Inspect => "checking the target",
            Self::CreateTemp => "creating the temporary file",
            Self::WriteTemp => "writing the temporary file",
            Self::SyncTemp => "flushing the temporary file to disk",
            Self::Backup => "keeping the previous version as a backup",
            Self::Rename => "replacing the file",
        }
    }
}

/// The path of the backup kept for `path`: the same name with `.bak` appended.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// An error-mapping closure for `step` on `at`.
fn fail(step: Step, at: &Path) -> impl FnOnce(std::io::Error) -> SaveError + '_ {
    move |source| SaveError::Io {
        step: step.describe(),
        path: at.to_owned(),
        source,
    }
}

/// Replaces `path` with `bytes` atomically, keeping the previous file as a backup.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomically(path, bytes, true)
}

/// Replaces `path` with `bytes` atomically without keeping a backup: for exports,
/// which can be made again from the map.
pub fn atomic_replace(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomically(path, bytes, false)
}

fn write_atomically(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    // Through a symbolic link, replace the file it points to, not the link.
    let resolved = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).ok(),
        _ => None,
    };
    let path = resolved.as_deref().unwrap_or(path);
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let existing = match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(fail(Step::Inspect, path)(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "the path is a folder",
            )));
        }
        Ok(meta) => Some(meta),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(fail(Step::Inspect, path)(err)),
    };
    inject(Step::Inspect).map_err(fail(Step::Inspect, path))?;

    let temp = temp_path(&dir, path);
    let mut guard = TempGuard(Some(temp.clone()));
    let mut file = create_new(&temp).map_err(fail(Step::CreateTemp, &temp))?;
    if let Some(meta) = &existing {
        // Keep the permissions the user gave the file; best effort.
        let _ = file.set_permissions(meta.permissions());
    }
    inject(Step::WriteTemp)
        .and_then(|()| file.write_all(bytes))
        .map_err(fail(Step::WriteTemp, &temp))?;
    inject(Step::SyncTemp)
        .and_then(|()| file.sync_all())
        .map_err(fail(Step::SyncTemp, &temp))?;
    drop(file);

    // The backup is prepared beside the target but only takes its name after the
    // target was replaced, so a failed save leaves the old backup as it was too.
    let backup = backup_path(path);
    let prepared_backup = match existing {
        Some(_) if keep_backup => {
            Some(prepare_backup(&dir, path, &backup).map_err(fail(Step::Backup, &backup))?)
        }
        _ => None,
    };

    inject(Step::Rename)
        .and_then(|()| fs::rename(&temp, path))
        .map_err(fail(Step::Rename, path))?;
    guard.0 = None;
    if let Some(mut prepared) = prepared_backup
        && let Some(from) = prepared.0.take()
    {
        // The new file is in place: a backup that cannot take its name is not a
        // failed save, and the temporary copy is removed.
        if fs::rename(&from, &backup).is_err() {
            let _ = fs::remove_file(from);
        }
    }
    sync_dir(&dir);
    Ok(())
}

/// Copies the current file to a temporary file beside the backup, flushed to disk.
fn prepare_backup(dir: &Path, path: &Path, backup: &Path) -> std::io::Result<TempGuard> {
    inject(Step::Backup)?;
    let temp = temp_path(dir, backup);
    let guard = TempGuard(Some(temp.clone()));
    fs::copy(path, &temp)?;
    File::open(&temp)?.sync_all()?;
    Ok(guard)
}

fn create_new(path: &Path) -> std::io::Result<File> {
    inject(Step::CreateTemp)?;
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// A temporary name beside the target: hidden, unique per process and call.
fn temp_path(dir: &Path, target: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// Makes the rename durable. Not every platform can open a folder (Windows cannot),
/// and by now the new file is in place, so a failure here is not an error.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}

/// Removes the temporary file unless the save got to the rename.
struct TempGuard(Option<PathBuf>);

impl Drop for TempGuard {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = fs::remove_file(path);
        }
    }
}

#[cfg(test)]
thread_local! {
    static FAIL_AT: std::cell::Cell<Option<Step>> = const { std::cell::Cell::new(None) };
}

/// In tests, fails the given step with a simulated "disk full" error.
#[cfg(test)]
fn inject(step: Step) -> std::io::Result<()> {
    if FAIL_AT.with(|f| f.get()) == Some(step) {
        Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "no space left on device (simulated)",
        ))
    } else {
        Ok(())
    }
}

#[cfg(not(test))]
#[inline(always)]
fn inject(_step: Step) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_new_file_without_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.json");
        atomic_write(&path, b"one").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(files_in(dir.path()), vec!["map.json"]);
    }

    #[test]
    fn keeps_previous_version_as_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.json");
        atomic_write(&path, b"one").unwrap();
        atomic_write(&path, b"two").unwrap();
        atomic_write(&path, b"three").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"two");
        assert_eq!(files_in(dir.path()), vec!["map.json", "map.json.bak"]);
    }

    #[test]
    fn a_failure_at_any_step_leaves_the_original_intact() {
        for step in [
            Step::Inspect,
            Step::CreateTemp,
            Step::WriteTemp,
            Step::SyncTemp,
            Step::Backup,
            Step::Rename,
        ] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("map.json");
            atomic_write(&path, b"original").unwrap();
            atomic_write(&path, b"second").unwrap();

            FAIL_AT.with(|f| f.set(Some(step)));
            let result = atomic_write(&path, b"replacement");
            FAIL_AT.with(|f| f.set(None));

            let err = result.expect_err("the injected failure must surface");
            let message = err.to_string();
            assert!(message.contains(step.describe()), "{message}");
            assert!(message.contains("no space left"), "{message}");
            assert_eq!(fs::read(&path).unwrap(), b"second", "{step:?}");
            assert_eq!(
                fs::read(backup_path(&path)).unwrap(),
                b"original",
                "{step:?}"
            );
            assert_eq!(
                files_in(dir.path()),
                vec!["map.json", "map.json.bak"],
                "{step:?}"
            );
        }
    }

    #[test]
    fn refuses_a_folder_and_a_missing_folder_with_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let err = atomic_write(dir.path(), b"x").unwrap_err().to_string();
        assert!(err.contains(&dir.path().display().to_string()), "{err}");

        let missing = dir.path().join("no-such-folder").join("map.json");
        let err = atomic_write(&missing, b"x").unwrap_err().to_string();
        assert!(err.contains("creating the temporary file"), "{err}");
        assert!(!missing.exists());
    }

    #[test]
    fn replacing_without_backup_leaves_no_bak() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("picture.svg");
        atomic_replace(&path, b"one").unwrap();
        atomic_replace(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(files_in(dir.path()), vec!["picture.svg"]);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_file_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.json");
        fs::write(&path, b"old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        atomic_write(&path, b"new").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
