//! Names of the files Powermap keeps beside a map: the backup, the lock file and
//! temporary files. Temporary and lock names are short and fixed-length (a tag of
//! the map's name plus randomness), so a map whose name is as long as the system
//! allows can still be saved, and stale temporary files of one map can be found and
//! removed.

use std::ffi::OsString;
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};

/// Longest file name most systems accept, in bytes.
const MAX_NAME_BYTES: usize = 255;

/// Start of every temporary file Powermap creates beside a map.
pub(crate) const TEMP_PREFIX: &str = ".pm-";
/// End of every temporary file Powermap creates beside a map.
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

/// The folder a file is in (`.` for a bare name).
pub(crate) fn same_folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// The path of the backup kept for `path`: the same name with `.bak` appended (when
/// that would be too long a name, the name is shortened first and ends in `~.bak`).
pub fn backup_path(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default();
    let mut backup = name.to_os_string();
    backup.push(".bak");
    if backup.len() <= MAX_NAME_BYTES {
        return path.with_file_name(backup);
    }
    let text = name.to_string_lossy();
    let mut cut = MAX_NAME_BYTES - "~.bak".len();
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut short = OsString::from(text.get(..cut).unwrap_or_default());
    short.push("~.bak");
    path.with_file_name(short)
}

/// A stable 64-bit FNV-1a hash, the same in every build and on every platform (so
/// two Powermap versions agree on lock file names on a shared folder).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A short tag of the map's file name: the same for every writer of the map.
fn name_tag(map: &Path) -> String {
    let name = map.file_name().unwrap_or_default();
    format!("{:08x}", fnv1a(name.as_encoded_bytes()) >> 32)
}

/// The lock file of the map at `map` (hidden, fixed length).
pub(crate) fn lock_file_name(map: &Path) -> String {
    format!(".pm-{}.lock", name_tag(map))
}

/// A fresh temporary file name for the map at `map`: the map's tag and 64 random
/// bits, so nobody can predict it and it is short whatever the map's name.
pub(crate) fn temp_file_name(map: &Path) -> String {
    format!(
        "{TEMP_PREFIX}{}-{:016x}{TEMP_SUFFIX}",
        name_tag(map),
        random_u64()
    )
}

/// Whether `name` is one of our temporary files for the map at `map`.
pub(crate) fn is_temp_of(name: &str, map: &Path) -> bool {
    let prefix = format!("{TEMP_PREFIX}{}-", name_tag(map));
    name.strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|random| random.len() == 16 && random.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether `name` is a temporary file the first Powermap versions left beside the
/// map at `map` after a crash (`.NAME.PID-N.tmp`, `.NAME.bak.PID-N.tmp`).
pub(crate) fn is_legacy_temp_of(name: &str, map: &Path) -> bool {
    let Some(map_name) = map.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some(rest) = name
        .strip_prefix('.')
        .and_then(|r| r.strip_prefix(map_name))
        .and_then(|r| r.strip_suffix(TEMP_SUFFIX))
    else {
        return false;
    };
    let rest = rest.strip_prefix(".bak").unwrap_or(rest);
    let Some(numbers) = rest.strip_prefix('.') else {
        return false;
    };
    let mut parts = numbers.split('-');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(pid), Some(n), None)
            if !pid.is_empty() && !n.is_empty()
                && pid.bytes().all(|b| b.is_ascii_digit())
                && n.bytes().all(|b| b.is_ascii_digit())
    )
}

/// 64 bits from the operating system's randomness (the standard library seeds each
/// `RandomState` from it), mixed with a counter so two calls never repeat.
fn random_u64() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::hash::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u32(std::process::id());
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_short_unpredictable_and_recognised() {
        let long = "客".repeat(80) + ".json"; // 245 bytes
        let map = Path::new("/maps").join(&long);
        let a = temp_file_name(&map);
        let b = temp_file_name(&map);
        assert_ne!(a, b);
        assert!(a.len() < 40, "{a}");
        assert!(is_temp_of(&a, &map));
        assert!(!is_temp_of(&a, Path::new("/maps/other.json")));
        assert!(!is_temp_of(".pm-zzzz.tmp", &map));
        assert!(lock_file_name(&map).len() < 40);
        assert_eq!(lock_file_name(&map), lock_file_name(&map));
    }

    #[test]
    fn backup_names_stay_within_the_name_limit() {
        assert_eq!(
            backup_path(Path::new("/m/map.json")),
            Path::new("/m/map.json.bak")
        );
        let long = "客".repeat(84) + ".json"; // 257 bytes: too long already with .bak
        let backup = backup_path(&Path::new("/m").join(&long));
        let name = backup.file_name().unwrap().to_str().unwrap();
        assert!(name.len() <= MAX_NAME_BYTES, "{}", name.len());
        assert!(name.ends_with("~.bak"));
    }

    #[test]
    fn recognises_the_temporary_files_of_earlier_versions() {
        let map = Path::new("/m/map.json");
        assert!(is_legacy_temp_of(".map.json.4242-0.tmp", map));
        assert!(is_legacy_temp_of(".map.json.bak.4242-17.tmp", map));
        assert!(!is_legacy_temp_of(".map.json.tmp", map));
        assert!(!is_legacy_temp_of(".other.json.4242-0.tmp", map));
        assert!(!is_legacy_temp_of(".map.json.x-0.tmp", map));
    }
}
