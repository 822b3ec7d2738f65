//! Atomic saving: a temporary file in the same folder, flushed to disk, renamed over
//! the target, then the folder synced. The previous version is kept as `NAME.bak`.
//!
//! Order of the steps, and what a crash at any point leaves:
//! 1. the new content goes to a fresh temporary file (created exclusively, never
//!    through a symbolic link, with an unpredictable short name) and is flushed;
//! 2. the current file gets a second name (a hard link, or a flushed copy where
//!    links are not supported) that is renamed to `NAME.bak` — from here on
//!    `NAME.bak` is the previous version;
//! 3. the temporary file is renamed over `NAME`.
//!
//! A crash before 2 leaves `NAME` and `NAME.bak` as they were; between 2 and 3,
//! `NAME` is still the previous version and `NAME.bak` the same; after 3, `NAME` is
//! new and `NAME.bak` the previous version. Temporary files a crash leaves behind
//! are removed by the next save of the same map. On any failure before the rename
//! the target is untouched and the temporary file is removed.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;

use super::SaveError;
use super::disk::DiskVersion;
use super::names::{backup_path, is_legacy_temp_of, is_temp_of, same_folder, temp_file_name};

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
    pub(crate) fn describe(self) -> &'static str {
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

/// What the file on disk must be for a save to go ahead.
#[derive(Clone, Debug, Default)]
pub enum Expect {
    /// Anything (the user chose to overwrite).
    #[default]
    Anything,
    /// Exactly this version (a deleted file is a change too).
    Version(DiskVersion),
    /// No file yet.
    Nothing,
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
/// Takes no lock: use [`super::MapWriter`] for maps.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomically(path, bytes, true, &Expect::Anything).map(|_| ())
}

/// Replaces `path` with `bytes` atomically without keeping a backup: for exports,
/// which can be made again from the map.
pub fn atomic_replace(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomically(path, bytes, false, &Expect::Anything).map(|_| ())
}

/// Through a symbolic link, the file it points to (saving replaces that file, not
/// the link); otherwise `path` itself.
pub(crate) fn resolve_link(path: &Path) -> std::path::PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
        }
        _ => path.to_owned(),
    }
}

/// The atomic write itself; returns the version now on disk.
pub(crate) fn write_atomically(
    path: &Path,
    bytes: &[u8],
    keep_backup: bool,
    expect: &Expect,
) -> Result<DiskVersion, SaveError> {
    let resolved = resolve_link(path);
    let path = resolved.as_path();
    let dir = same_folder(path);
    let existing = inspect(path)?;
    inject(Step::Inspect).map_err(fail(Step::Inspect, path))?;
    check_expected(path, existing.is_some(), expect)?;
    remove_stale_temps(&dir, path);

    let (mut file, temp) = create_temp(&dir, path).map_err(fail(Step::CreateTemp, &dir))?;
    let mut guard = TempGuard(Some(temp.clone()));
    if let Some(meta) = &existing {
        keep_mode_and_owner(&file, meta);
    }
    inject(Step::WriteTemp)
        .and_then(|()| file.write_all(bytes))
        .map_err(fail(Step::WriteTemp, &temp))?;
    inject(Step::SyncTemp)
        .and_then(|()| file.sync_all())
        .map_err(fail(Step::SyncTemp, &temp))?;

    // Looked at again just before anything is replaced: the window in which a
    // change by a program that takes no lock could slip through stays small.
    check_expected(path, existing.is_some(), expect)?;
    if existing.is_some() && keep_backup {
        keep_backup_of(&dir, path).map_err(fail(Step::Backup, &backup_path(path)))?;
    }
    inject(Step::Rename)
        .and_then(|()| fs::rename(&temp, path))
        .map_err(fail(Step::Rename, path))?;
    guard.0 = None;
    sync_dir(&dir);
    let meta = file.metadata().map_err(fail(Step::Rename, path))?;
    Ok(DiskVersion::of(bytes, &meta))
}

/// The metadata of the file being replaced (`None` when there is none yet); refuses
/// folders, special files and files the user may not change.
fn inspect(path: &Path) -> Result<Option<fs::Metadata>, SaveError> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(fail(Step::Inspect, path)(err)),
    };
    if meta.is_dir() {
        return Err(fail(Step::Inspect, path)(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "the path is a folder",
        )));
    }
    if !meta.is_file() {
        return Err(fail(Step::Inspect, path)(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the path is not a regular file",
        )));
    }
    if is_read_only(path, &meta) {
        return Err(SaveError::ReadOnly {
            path: path.to_owned(),
        });
    }
    Ok(Some(meta))
}

/// Whether the user marked the file read-only, or may not write it. Even where the
/// folder would let us replace it (or we run as an administrator), a read-only file
/// is not ours to replace.
fn is_read_only(path: &Path, meta: &fs::Metadata) -> bool {
    if meta.permissions().readonly() {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        if let Ok(name) = std::ffi::CString::new(path.as_os_str().as_bytes()) {
            // SAFETY: a valid NUL-terminated path; access only reads it.
            return unsafe { libc::access(name.as_ptr(), libc::W_OK) } != 0;
        }
    }
    let _ = path;
    false
}

fn check_expected(path: &Path, existed: bool, expect: &Expect) -> Result<(), SaveError> {
    let changed = match expect {
        Expect::Anything => false,
        Expect::Nothing => existed || path.exists(),
        Expect::Version(version) => !version
            .still_on_disk(path)
            .map_err(fail(Step::Inspect, path))?,
    };
    if changed {
        Err(SaveError::ChangedOnDisk {
            path: path.to_owned(),
        })
    } else {
        Ok(())
    }
}

/// Creates a fresh temporary file beside `target`: exclusively (an existing file or
/// a planted symbolic link at that name makes the attempt fail, and another random
/// name is tried), readable by the owner only until the target's mode is copied.
fn create_temp(dir: &Path, target: &Path) -> std::io::Result<(File, std::path::PathBuf)> {
    let mut last_error = None;
    for _ in 0..16 {
        let temp = dir.join(temp_file_name(target));
        inject(Step::CreateTemp)?;
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW).mode(0o600);
        }
        match options.open(&temp) {
            Ok(file) => return Ok((file, temp)),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => last_error = Some(err),
            Err(err) => return Err(err),
        }
    }
    Err(last_error.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

/// The new file gets the old one's permissions and, where allowed (an
/// administrator saving a user's file), its owner and group. Best effort.
fn keep_mode_and_owner(file: &File, meta: &fs::Metadata) {
    let _ = file.set_permissions(meta.permissions());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    }
}

/// Makes `NAME.bak` the current version of `path`: a hard link under a temporary
/// name (no copying, and the same file the user had), or a flushed copy where the
/// file system has no links, then renamed over the old backup.
fn keep_backup_of(dir: &Path, path: &Path) -> std::io::Result<()> {
    inject(Step::Backup)?;
    let backup = backup_path(path);
    let mut guard = TempGuard(None);
    let mut linked = None;
    for _ in 0..16 {
        let temp = dir.join(temp_file_name(path));
        match fs::hard_link(path, &temp) {
            Ok(()) => {
                linked = Some(temp);
                break;
            }
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(_) => break,
        }
    }
    let temp = match linked {
        Some(temp) => {
            guard.0 = Some(temp.clone());
            temp
        }
        None => {
            let (mut copy, temp) = create_temp(dir, path)?;
            guard.0 = Some(temp.clone());
            let mut source = crate::files::open_regular(path)?;
            std::io::copy(&mut source, &mut copy)?;
            if let Ok(meta) = source.metadata() {
                keep_mode_and_owner(&copy, &meta);
            }
            copy.sync_all()?;
            temp
        }
    };
    fs::rename(&temp, &backup)?;
    guard.0 = None;
    Ok(())
}

/// Removes temporary files that an earlier save of this map left behind when it was
/// killed. Callers hold the map's lock, so no save of this map is under way.
fn remove_stale_temps(dir: &Path, path: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if (is_temp_of(name, path) || is_legacy_temp_of(name, path))
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Makes the rename durable. Not every platform can open a folder (Windows cannot),
/// and by now the new file is in place, so a failure here is not an error.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}

/// Removes the temporary file unless the save got to the rename.
struct TempGuard(Option<std::path::PathBuf>);

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
            // Once the backup step has run, the backup is the current version (the
            // one the failed save would have replaced); before it, the old backup.
            let backup = if step == Step::Rename {
                &b"second"[..]
            } else {
                &b"original"[..]
            };
            assert_eq!(fs::read(backup_path(&path)).unwrap(), backup, "{step:?}");
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

    #[test]
    fn a_long_name_the_system_accepts_can_be_saved() {
        let dir = tempfile::tempdir().unwrap();
        // 80 Chinese characters and the extension: 245 bytes.
        let path = dir.path().join("客".repeat(80) + ".json");
        atomic_write(&path, b"one").unwrap();
        atomic_write(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"one");
        assert_eq!(files_in(dir.path()).len(), 2);
    }

    #[test]
    fn stale_temporary_files_of_this_map_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.json");
        atomic_write(&path, b"one").unwrap();
        let ours = dir.path().join(temp_file_name(&path));
        let legacy = dir.path().join(".map.json.bak.999-3.tmp");
        let other_map = dir
            .path()
            .join(temp_file_name(&dir.path().join("other.json")));
        let unrelated = dir.path().join("notes.tmp");
        for stale in [&ours, &legacy, &other_map, &unrelated] {
            fs::write(stale, b"stale").unwrap();
        }
        atomic_write(&path, b"two").unwrap();
        assert!(!ours.exists() && !legacy.exists());
        assert!(other_map.exists() && unrelated.exists());
    }

    #[test]
    fn a_changed_file_is_not_overwritten_when_a_version_is_expected() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.json");
        let version = write_atomically(&path, b"mine", true, &Expect::Anything).unwrap();
        assert!(
            write_atomically(&path, b"mine 2", true, &Expect::Version(version.clone())).is_ok()
        );
        // Someone else writes meanwhile.
        fs::write(&path, b"theirs").unwrap();
        let err = write_atomically(&path, b"mine 3", true, &Expect::Version(version)).unwrap_err();
        assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"theirs");
        let err = write_atomically(&path, b"x", true, &Expect::Nothing).unwrap_err();
        assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err}");
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

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_refused_and_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.json");
        fs::write(&path, b"old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let err = atomic_write(&path, b"new").unwrap_err();
        assert!(matches!(err, SaveError::ReadOnly { .. }), "{err}");
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(files_in(dir.path()), vec!["map.json"]);
    }

    /// Links planted at every name an attacker could predict must not make a save
    /// write, truncate or change the mode of a file outside the map.
    #[cfg(unix)]
    #[test]
    fn planted_symbolic_links_are_never_followed() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let victim = outside.path().join("secret.txt");
        fs::write(&victim, b"secret").unwrap();
        fs::set_permissions(&victim, fs::Permissions::from_mode(0o600)).unwrap();
        let path = dir.path().join("map.json");
        atomic_write(&path, b"one").unwrap();
        // Every old-style name for the next few process-local counters, and a
        // symlink as the backup itself.
        let pid = std::process::id();
        for n in 0..64 {
            for name in [
                format!(".map.json.{pid}-{n}.tmp"),
                format!(".map.json.bak.{pid}-{n}.tmp"),
            ] {
                let _ = symlink(&victim, dir.path().join(name));
            }
        }
        symlink(&victim, backup_path(&path)).unwrap();
        atomic_write(&path, b"two").unwrap();
        atomic_write(&path, b"three").unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"secret");
        let mode = fs::metadata(&victim).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(fs::read(&path).unwrap(), b"three");
        // The planted backup link was replaced by a real backup file.
        assert!(
            !fs::symlink_metadata(backup_path(&path))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"two");
    }
}
