//! Finding the map files of a workspace: every `.json` file under a folder, at any
//! depth, following symbolic links but never into a folder already visited (so a
//! link loop ends), within a depth and a file-count budget. Hidden folders (`.git`)
//! are not searched.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Folders deeper than this below the workspace are not searched.
pub const MAX_DEPTH: usize = 32;
/// At most this many `.json` files are taken from one workspace.
pub const MAX_FILES: usize = 100_000;
/// At most this many folders are searched.
pub const MAX_FOLDERS: usize = 200_000;

/// What a walk found.
#[derive(Debug, Default)]
pub struct Found {
    /// The `.json` files, sorted by path.
    pub files: Vec<PathBuf>,
    /// Folders that could not be read and budgets that cut the walk short.
    pub notes: Vec<String>,
}

/// Every `.json` file under `root`, sorted by path.
pub fn json_files(root: &Path) -> Found {
    let mut found = Found::default();
    let mut visited: HashSet<FolderId> = HashSet::new();
    let mut stack: Vec<(PathBuf, usize)> = vec![(root.to_owned(), 0)];
    let mut folders = 0usize;
    while let Some((dir, depth)) = stack.pop() {
        let Some(id) = FolderId::of(&dir) else {
            found
                .notes
                .push(format!("cannot read the folder {}", dir.display()));
            continue;
        };
        if !visited.insert(id) {
            continue;
        }
        folders += 1;
        if folders > MAX_FOLDERS {
            found
                .notes
                .push(format!("stopped after {MAX_FOLDERS} folders"));
            break;
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                found.notes.push(format!("{}: {err}", dir.display()));
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            // `metadata` follows links: a link to a folder is searched once.
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                if hidden {
                    continue;
                }
                if depth + 1 > MAX_DEPTH {
                    found.notes.push(format!(
                        "{}: deeper than {MAX_DEPTH} folders, not searched",
                        path.display()
                    ));
                } else {
                    stack.push((path, depth + 1));
                }
            } else if meta.is_file() && is_json(&path) && !hidden {
                if found.files.len() >= MAX_FILES {
                    found
                        .notes
                        .push(format!("stopped after {MAX_FILES} map files"));
                    found.files.sort();
                    return found;
                }
                found.files.push(path);
            }
        }
    }
    found.files.sort();
    found.files.dedup();
    found
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// A folder's identity: device and inode on Unix, the canonical path elsewhere.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum FolderId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

impl FolderId {
    fn of(dir: &Path) -> Option<Self> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(dir).ok()?;
            Some(Self::Inode(meta.dev(), meta.ino()))
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(dir).ok().map(Self::Path)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_json_files_are_found_sorted_and_hidden_folders_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/deep/er")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for name in ["b/deep/er/x.json", "a.JSON", "b/notes.txt", ".git/c.json"] {
            std::fs::write(root.join(name), "{}").unwrap();
        }
        let found = json_files(root);
        assert_eq!(
            found.files,
            vec![root.join("a.JSON"), root.join("b/deep/er/x.json")]
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_walked_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/m.json"), "{}").unwrap();
        std::os::unix::fs::symlink(root, root.join("a/loop")).unwrap();
        let found = json_files(root);
        assert_eq!(found.files, vec![root.join("a/m.json")]);
    }
}
