//! Finding the map files of a workspace: every `.json` file under a folder, at any
//! depth, following symbolic links but never into a folder already visited (so a
//! link loop ends), within a depth and a file-count budget. Hidden folders (`.git`)
//! are not searched.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::lang::Language;

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
    pub notes: Vec<ScanNote>,
}

/// A file or folder a workspace scan left out, and why; worded for the user in
/// either language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScanNote {
    /// A folder that could not be read (the system's reason in both languages).
    FolderUnreadable {
        /// The folder.
        path: PathBuf,
        /// Why, in English.
        english: String,
        /// Why, in Chinese.
        chinese: String,
    },
    /// A folder deeper than [`MAX_DEPTH`], not searched.
    TooDeep(PathBuf),
    /// The walk stopped after [`MAX_FOLDERS`] folders.
    TooManyFolders,
    /// The walk stopped after [`MAX_FILES`] map files.
    TooManyFiles,
    /// A JSON file that is not a Powermap map (the format's reason, as written).
    NotAMap {
        /// The file.
        path: PathBuf,
        /// Why not.
        reason: String,
    },
}

impl ScanNote {
    /// The note in a sentence, in `language`.
    pub fn message(&self, language: Language) -> String {
        let zh = language == Language::Chinese;
        match self {
            Self::FolderUnreadable {
                path,
                english,
                chinese,
            } => {
                if zh {
                    format!("{}：无法读取这个文件夹（{chinese}）", path.display())
                } else {
                    format!("{}: cannot read the folder ({english})", path.display())
                }
            }
            Self::TooDeep(path) if zh => {
                format!("{}：超过 {MAX_DEPTH} 层文件夹，未搜索", path.display())
            }
            Self::TooDeep(path) => format!(
                "{}: deeper than {MAX_DEPTH} folders, not searched",
                path.display()
            ),
            Self::TooManyFolders if zh => format!("搜索了 {MAX_FOLDERS} 个文件夹后停止"),
            Self::TooManyFolders => format!("stopped after {MAX_FOLDERS} folders"),
            Self::TooManyFiles if zh => format!("找到 {MAX_FILES} 个地图文件后停止"),
            Self::TooManyFiles => format!("stopped after {MAX_FILES} map files"),
            Self::NotAMap { path, reason } if zh => {
                format!("{}：已跳过，不是权力地图文件（{reason}）", path.display())
            }
            Self::NotAMap { path, reason } => {
                format!("{}: skipped, not a Powermap map ({reason})", path.display())
            }
        }
    }

    fn unreadable(path: &Path, err: &std::io::Error) -> Self {
        Self::FolderUnreadable {
            path: path.to_owned(),
            english: crate::format::io_reason(err, Language::English),
            chinese: crate::format::io_reason(err, Language::Chinese),
        }
    }
}

impl std::fmt::Display for ScanNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Language::English))
    }
}

/// Every `.json` file under `root`, sorted by path.
pub fn json_files(root: &Path) -> Found {
    let mut found = Found::default();
    let mut visited: HashSet<FolderId> = HashSet::new();
    let mut stack: Vec<(PathBuf, usize)> = vec![(root.to_owned(), 0)];
    let mut folders = 0usize;
    while let Some((dir, depth)) = stack.pop() {
        let id = match FolderId::of(&dir) {
            Ok(id) => id,
            Err(err) => {
                found.notes.push(ScanNote::unreadable(&dir, &err));
                continue;
            }
        };
        if !visited.insert(id) {
            continue;
        }
        folders += 1;
        if folders > MAX_FOLDERS {
            found.notes.push(ScanNote::TooManyFolders);
            break;
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                found.notes.push(ScanNote::unreadable(&dir, &err));
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
                    found.notes.push(ScanNote::TooDeep(path));
                } else {
                    stack.push((path, depth + 1));
                }
            } else if meta.is_file() && is_json(&path) && !hidden {
                if found.files.len() >= MAX_FILES {
                    found.notes.push(ScanNote::TooManyFiles);
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
    fn of(dir: &Path) -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(dir)?;
            Ok(Self::Inode(meta.dev(), meta.ino()))
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(dir).map(Self::Path)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_worded_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("gone");
        let err = std::fs::read_dir(&missing).unwrap_err();
        let note = ScanNote::unreadable(&missing, &err);
        assert!(
            note.message(Language::English)
                .contains("it does not exist")
        );
        assert!(
            note.message(Language::Chinese)
                .contains("无法读取这个文件夹（不存在）")
        );
        let skipped = ScanNote::NotAMap {
            path: PathBuf::from("package.json"),
            reason: "no \"format\" field".into(),
        };
        assert_eq!(
            skipped.to_string(),
            "package.json: skipped, not a Powermap map (no \"format\" field)"
        );
        assert!(
            skipped
                .message(Language::Chinese)
                .contains("已跳过，不是权力地图文件")
        );
        for note in [
            ScanNote::TooDeep(missing),
            ScanNote::TooManyFiles,
            ScanNote::TooManyFolders,
        ] {
            assert_ne!(
                note.message(Language::English),
                note.message(Language::Chinese)
            );
        }
    }

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
