//! One writer at a time per map: an advisory lock on a small lock file beside the
//! map, held while a program reads, changes and writes the map. Another Powermap
//! (the app, `fmt`, `import --into`) that wants to write the same map waits for it
//! or gives up with a message; nobody's change is lost in between.
//!
//! The lock is the operating system's file lock (`flock` on Unix, `LockFileEx` on
//! Windows), which is released when the holder exits or is killed, so a crash never
//! leaves a map locked. On Unix the lock file is removed when the lock is released;
//! a waiter that then holds a lock on the removed file notices (the name no longer
//! points to the file it locked) and tries again.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::names::{lock_file_name, same_folder};

/// How often a waiting writer tries again.
const RETRY_EVERY: Duration = Duration::from_millis(25);

/// An exclusive lock on a map file; released when dropped.
#[derive(Debug)]
pub struct MapLock {
    file: File,
    lock_path: PathBuf,
}

/// Why a map could not be locked.
#[derive(Debug)]
pub enum LockError {
    /// Another program held the lock for the whole wait.
    Busy,
    /// The lock file could not be created or locked (for example a read-only
    /// folder).
    Io(std::io::Error),
}

impl MapLock {
    /// Locks the map at `map`, waiting up to `wait` for another writer to finish.
    pub fn acquire(map: &Path, wait: Duration) -> Result<Self, LockError> {
        let lock_path = same_folder(map).join(lock_file_name(map));
        let deadline = Instant::now() + wait;
        loop {
            let file = open_lock_file(&lock_path).map_err(LockError::Io)?;
            match file.try_lock() {
                Ok(()) => {
                    if still_named(&file, &lock_path) {
                        return Ok(Self { file, lock_path });
                    }
                    // The previous holder removed the file we locked: try the new one.
                    continue;
                }
                Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(err)) => return Err(LockError::Io(err)),
            }
            if Instant::now() >= deadline {
                return Err(LockError::Busy);
            }
            std::thread::sleep(RETRY_EVERY);
        }
    }

    /// The lock file's path (for messages and tests).
    pub fn path(&self) -> &Path {
        &self.lock_path
    }
}

impl Drop for MapLock {
    fn drop(&mut self) {
        // Remove the name while still holding the lock, so a waiter that opened the
        // old file sees it is gone and opens a new one.
        #[cfg(unix)]
        {
            let _ = std::fs::remove_file(&self.lock_path);
        }
        let _ = self.file.unlock();
    }
}

fn open_lock_file(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A planted symbolic link must not make us create or lock a file elsewhere.
        options.custom_flags(libc::O_NOFOLLOW).mode(0o600);
    }
    options.open(path)
}

/// Whether `path` still names the file `file` has open.
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Lock files are never removed outside Unix, so the name always holds.
#[cfg(not(unix))]
fn still_named(_file: &File, _path: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_and_then_gets_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let map = dir.path().join("map.json");
        let first = MapLock::acquire(&map, Duration::ZERO).unwrap();
        assert!(matches!(
            MapLock::acquire(&map, Duration::from_millis(60)),
            Err(LockError::Busy)
        ));
        let lock_path = first.path().to_owned();
        assert!(lock_path.exists());
        let waiter = std::thread::spawn({
            let map = map.clone();
            move || MapLock::acquire(&map, Duration::from_secs(20)).is_ok()
        });
        std::thread::sleep(Duration::from_millis(100));
        drop(first);
        assert!(
            waiter.join().unwrap(),
            "the waiter gets the lock once it is free"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_lock_file_is_removed_and_a_planted_link_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let map = dir.path().join("map.json");
        let lock = MapLock::acquire(&map, Duration::ZERO).unwrap();
        let lock_path = lock.path().to_owned();
        drop(lock);
        assert!(!lock_path.exists());

        let elsewhere = dir.path().join("victim.txt");
        std::fs::write(&elsewhere, b"keep").unwrap();
        std::os::unix::fs::symlink(&elsewhere, &lock_path).unwrap();
        assert!(matches!(
            MapLock::acquire(&map, Duration::ZERO),
            Err(LockError::Io(_))
        ));
        assert_eq!(std::fs::read(&elsewhere).unwrap(), b"keep");
    }

    #[test]
    fn many_threads_take_turns() {
        let dir = tempfile::tempdir().unwrap();
        let map = dir.path().join("map.json");
        let counter = std::sync::Arc::new(std::sync::Mutex::new((0u32, 0u32)));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let map = map.clone();
                let counter = counter.clone();
                std::thread::spawn(move || {
                    for _ in 0..20 {
                        let _lock = MapLock::acquire(&map, Duration::from_secs(30)).unwrap();
                        {
                            let mut c = counter.lock().unwrap();
                            c.0 += 1;
                            c.1 = c.1.max(c.0);
                        }
                        std::thread::yield_now();
                        counter.lock().unwrap().0 -= 1;
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(counter.lock().unwrap().1, 1, "never two holders at once");
    }
}
