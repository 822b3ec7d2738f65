//! Where a person's files live, and what they mean by a path they type: `~` is their
//! home folder, a bare name goes into the folder being shown (never the program's
//! working directory), quotes pasted from a file manager are dropped.

use std::path::{Path, PathBuf};

/// The user's home folder.
pub fn home_dir() -> Option<PathBuf> {
    std::env::home_dir().filter(|p| p.is_absolute())
}

/// The user's documents folder: the desktop's setting on Linux (`XDG_DOCUMENTS_DIR`
/// in `user-dirs.dirs`), else `Documents` (or `文档`) in the home folder, else the
/// home folder itself.
pub fn documents_dir() -> Option<PathBuf> {
    let home = home_dir()?;
    let configured = xdg_documents_dir(&home).filter(|p| p.is_dir());
    configured
        .or_else(|| {
            ["Documents", "文档", "My Documents"]
                .iter()
                .map(|name| home.join(name))
                .find(|p| p.is_dir())
        })
        .or(Some(home))
}

/// `XDG_DOCUMENTS_DIR` from `~/.config/user-dirs.dirs` (or `$XDG_CONFIG_HOME`).
fn xdg_documents_dir(home: &Path) -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .unwrap_or_else(|| home.join(".config"));
    let bytes = crate::files::read_limited(&config.join("user-dirs.dirs"), 64 * 1024).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    text.lines().find_map(|line| {
        let value = line.trim().strip_prefix("XDG_DOCUMENTS_DIR=")?;
        let value = value.trim().trim_matches('"');
        let path = match value.strip_prefix("$HOME") {
            Some(rest) => home.join(rest.trim_start_matches('/')),
            None => PathBuf::from(value),
        };
        // `$HOME/` alone means "no documents folder".
        (path.is_absolute() && path != home).then_some(path)
    })
}

/// Powermap's folder in the user's cache directory: `$XDG_CACHE_HOME` or
/// `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows.
/// Only things that can be made again live there (the workspace scan cache).
pub fn cache_dir() -> Option<PathBuf> {
    let absolute = |v: std::ffi::OsString| Some(PathBuf::from(v)).filter(|p| p.is_absolute());
    let base = if cfg!(windows) {
        std::env::var_os("LOCALAPPDATA").and_then(absolute)
    } else if cfg!(target_os = "macos") {
        home_dir().map(|h| h.join("Library/Caches"))
    } else {
        std::env::var_os("XDG_CACHE_HOME")
            .and_then(absolute)
            .or_else(|| home_dir().map(|h| h.join(".cache")))
    };
    base.map(|b| b.join("powermap"))
}

/// Expands what a person typed into a path: surrounding whitespace and quotes go,
/// `~` and `~/…` mean the home folder, and a relative path is taken inside `base`.
pub fn resolve_typed(text: &str, base: &Path) -> PathBuf {
    let text = text.trim();
    let text = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')))
        .unwrap_or(text)
        .trim();
    let expanded = expand_home(text);
    if expanded.is_absolute() {
        expanded
    } else {
        base.join(expanded)
    }
}

fn expand_home(text: &str) -> PathBuf {
    let rest = if text == "~" {
        Some("")
    } else {
        text.strip_prefix("~/").or_else(|| text.strip_prefix("~\\"))
    };
    match (rest, home_dir()) {
        (Some(""), Some(home)) => home,
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(text),
    }
}

/// A path shown to a person: the home folder as `~` on Unix-like systems, where
/// people read it that way.
pub fn display_short(path: &Path) -> String {
    if cfg!(unix)
        && let Some(home) = home_dir()
        && let Ok(rest) = path.strip_prefix(&home)
    {
        return if rest.as_os_str().is_empty() {
            "~".to_owned()
        } else {
            format!("~/{}", rest.display())
        };
    }
    path.display().to_string()
}

/// The nearest folder of `path` that exists (itself, or a parent).
pub fn existing_folder(path: &Path) -> Option<PathBuf> {
    path.ancestors().find(|p| p.is_dir()).map(Path::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_expand_home_strip_quotes_and_stay_out_of_the_working_directory() {
        let base = Path::new("/data/maps");
        let Some(home) = home_dir() else { return };
        assert_eq!(resolve_typed("~", base), home);
        assert_eq!(
            resolve_typed("~/maps/a.json", base),
            home.join("maps/a.json")
        );
        assert_eq!(
            resolve_typed("  \"/tmp/x y.json\" ", base),
            Path::new("/tmp/x y.json")
        );
        assert_eq!(resolve_typed("'~/q.json'", base), home.join("q.json"));
        assert_eq!(resolve_typed("acme.json", base), base.join("acme.json"));
        assert_eq!(
            resolve_typed("sub/客户.json", base),
            base.join("sub/客户.json")
        );
        // "~user" is not expanded (another user's home is not guessed).
        assert_eq!(resolve_typed("~ann/x.json", base), base.join("~ann/x.json"));
    }

    #[test]
    fn the_documents_folder_is_a_folder() {
        if let Some(dir) = documents_dir() {
            assert!(dir.is_dir(), "{}", dir.display());
        }
    }

    #[test]
    fn short_display_uses_a_tilde_for_home() {
        let Some(home) = home_dir() else { return };
        if cfg!(unix) {
            assert_eq!(display_short(&home.join("a.json")), "~/a.json");
        }
        assert_eq!(display_short(Path::new("/srv/x.json")), "/srv/x.json");
        assert_eq!(
            existing_folder(&std::env::temp_dir().join("no/such/thing.json")),
            Some(std::env::temp_dir())
        );
    }
}
