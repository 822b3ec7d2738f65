//! `powermap fmt`: rewrites map files canonically.

use std::io::Write;
use std::path::PathBuf;

use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::format::{atomic_write, from_bytes, read_file, to_bytes};

/// Formats each file (or with `check_only`, reports the ones that need it).
pub fn run(files: &[PathBuf], check_only: bool, out: &mut dyn Write) -> u8 {
    let mut status = EXIT_OK;
    for path in files {
        let shown = path.display();
        let line = match read_file(path) {
            Err(err) => {
                status = EXIT_PROBLEMS;
                format!("{shown}: invalid: {err}")
            }
            Ok(bytes) => match from_bytes(&bytes) {
                Err(err) => {
                    status = EXIT_PROBLEMS;
                    format!("{shown}: invalid: {err}")
                }
                Ok(doc) => {
                    let canonical = to_bytes(&doc);
                    if canonical == bytes {
                        format!("{shown}: already canonical")
                    } else if check_only {
                        status = EXIT_PROBLEMS;
                        format!("{shown}: not canonical")
                    } else {
                        match atomic_write(path, &canonical) {
                            Ok(()) => format!("{shown}: formatted"),
                            Err(err) => {
                                status = EXIT_PROBLEMS;
                                format!("{shown}: {err}")
                            }
                        }
                    }
                }
            },
        };
        let _ = writeln!(out, "{line}");
    }
    status
}
