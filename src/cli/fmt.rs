//! `powermap fmt`: rewrites map files canonically.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::format::{DEFAULT_LOCK_WAIT, Expect, MapWriter, from_bytes, read_file, to_bytes};

/// Formats each file (or with `check_only`, reports the ones that need it).
pub fn run(files: &[PathBuf], check_only: bool, out: &mut dyn Write) -> u8 {
    let mut status = EXIT_OK;
    for path in files {
        let (ok, line) = if check_only {
            check_one(path)
        } else {
            format_one(path)
        };
        if !ok {
            status = EXIT_PROBLEMS;
        }
        // File names and messages may hold control characters: made visible.
        let text = format!("{}: {line}", path.display());
        let _ = writeln!(out, "{}", crate::safe_text::terminal_text(&text));
    }
    status
}

/// Whether the file is canonical, and the line saying so.
fn check_one(path: &Path) -> (bool, String) {
    let bytes = match read_file(path) {
        Ok(bytes) => bytes,
        Err(err) => return (false, format!("invalid: {err}")),
    };
    match from_bytes(&bytes) {
        Err(err) => (false, format!("invalid: {err}")),
        Ok(doc) if to_bytes(&doc) == bytes => (true, "already canonical".to_owned()),
        Ok(_) => (false, "not canonical".to_owned()),
    }
}

/// Rewrites the file canonically while holding its lock, and only if nobody
/// changed it between the read and the write.
fn format_one(path: &Path) -> (bool, String) {
    let writer = match MapWriter::lock(path, DEFAULT_LOCK_WAIT) {
        Ok(writer) => writer,
        Err(err) => return (false, err.to_string()),
    };
    let (bytes, version) = match writer.read() {
        Ok(Some(read)) => read,
        Ok(None) => {
            let err = std::io::Error::from(std::io::ErrorKind::NotFound);
            return (false, format!("invalid: cannot read the file ({err})"));
        }
        Err(err) => return (false, format!("invalid: {err}")),
    };
    let doc = match from_bytes(&bytes) {
        Ok(doc) => doc,
        Err(err) => return (false, format!("invalid: {err}")),
    };
    let canonical = to_bytes(&doc);
    if canonical == bytes {
        return (true, "already canonical".to_owned());
    }
    match writer.write(&canonical, &Expect::Version(version)) {
        Ok(_) => (true, "formatted".to_owned()),
        Err(err) => (false, err.to_string()),
    }
}
