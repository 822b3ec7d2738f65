//! Reading user files with a size limit, so a huge or growing file cannot exhaust
//! memory: the limit is checked before reading and enforced while reading. Only
//! regular files are read: a named pipe, a device or a socket could block forever
//! or never end.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::Path;

/// Why a limited read failed.
#[derive(Debug)]
pub enum LimitedReadError {
    /// The operating system refused, or the path is not a regular file.
    Io(std::io::Error),
    /// The file is larger than the limit.
    TooLarge(u64),
}

/// The bytes of `path`, refusing files larger than `limit` bytes and anything that is
/// not a regular file.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, LimitedReadError> {
    read_limited_with_metadata(path, limit).map(|(bytes, _)| bytes)
}

/// Like [`read_limited`], with the file's metadata taken from the same open file
/// (so size and time belong to the bytes read).
pub fn read_limited_with_metadata(
    path: &Path,
    limit: u64,
) -> Result<(Vec<u8>, std::fs::Metadata), LimitedReadError> {
    let file = open_regular(path).map_err(LimitedReadError::Io)?;
    let meta = file.metadata().map_err(LimitedReadError::Io)?;
    let size = meta.len();
    if size > limit {
        return Err(LimitedReadError::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // At most one byte past the limit, in case the file grows while we read.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(LimitedReadError::Io)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limit {
        return Err(LimitedReadError::TooLarge(read));
    }
    Ok((bytes, meta))
}

/// Opens `path` for reading, refusing anything but a regular file. On Unix the file
/// is opened without blocking (opening a named pipe would otherwise wait for a
/// writer forever) and checked through the open handle, so it cannot be swapped
/// between the check and the read.
pub fn open_regular(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    {
        // Elsewhere, look before opening: opening a pipe or device by name is rare
        // there, and this still catches folders.
        let meta = std::fs::metadata(path)?;
        if !meta.is_file() {
            return Err(not_regular(&meta.file_type()));
        }
    }
    let file = options.open(path)?;
    let file_type = file.metadata()?.file_type();
    if !file_type.is_file() {
        return Err(not_regular(&file_type));
    }
    #[cfg(unix)]
    clear_nonblocking(&file);
    Ok(file)
}

/// Whether `path` is a regular file (following symbolic links), without opening it.
pub fn is_regular_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| meta.is_file())
}

/// The error for something that is not a regular file, naming what it is.
fn not_regular(file_type: &std::fs::FileType) -> std::io::Error {
    let what = describe_file_type(file_type);
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("it is {what}, not a regular file"),
    )
}

fn describe_file_type(file_type: &std::fs::FileType) -> &'static str {
    if file_type.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    "a special file"
}

/// Regular files ignore O_NONBLOCK, but later reads should not see it either way.
#[cfg(unix)]
fn clear_nonblocking(file: &File) {
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: `fd` is a valid open descriptor owned by `file` for this call; fcntl
    // with F_GETFL/F_SETFL only reads and sets its status flags.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags >= 0 {
            libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_and_refuses_a_large_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_limited(&path, 5).unwrap(), b"12345");
        assert!(matches!(
            read_limited(&path, 4),
            Err(LimitedReadError::TooLarge(5))
        ));
    }

    #[test]
    fn refuses_a_folder_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let Err(LimitedReadError::Io(err)) = read_limited(dir.path(), 100) else {
            panic!("a folder must be refused");
        };
        assert!(
            err.to_string().contains("folder") || err.kind() == std::io::ErrorKind::IsADirectory
        );
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_named_pipe_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.json");
        let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        // Nobody writes to the pipe: a blocking open would never return.
        let Err(LimitedReadError::Io(err)) = read_limited(&fifo, 100) else {
            panic!("a FIFO must be refused");
        };
        assert!(err.to_string().contains("named pipe"), "{err}");
        assert!(!is_regular_file(&fifo));
    }
}
