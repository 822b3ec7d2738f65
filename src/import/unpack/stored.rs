//! The bytes around the parts of a [`super::BoundedArchive`]: a zip archive in
//! which every part is stored (not compressed) with the size and checksum the
//! original declares.

use crate::import::archive::Part;

/// Zeros between the last part and the directory (see [`Layout::new`]).
const PADDING_BYTES: usize = 4096;

/// Where everything lies in a stored archive of parts of the given sizes.
pub(super) struct Layout {
    /// Headers and directory, by position: (start in the archive, bytes).
    pub(super) headers: Vec<(u64, Vec<u8>)>,
    /// Where each part's data starts, in part order.
    pub(super) data_at: Vec<u64>,
    /// The archive's length.
    pub(super) len: u64,
}

impl Layout {
    /// The layout of `parts`, each `sizes[i]` bytes long.
    pub(super) fn new(parts: &[Part], sizes: &[u64]) -> Self {
        let mut headers = Vec::with_capacity(parts.len() + 1);
        let mut data_at = Vec::with_capacity(parts.len());
        let mut directory = Vec::new();
        let mut at = 0u64;
        for (part, &size) in parts.iter().zip(sizes) {
            let header = local_header(part, size);
            central_header(&mut directory, part, size, at);
            let header_len = header.len() as u64;
            headers.push((at, header));
            at += header_len;
            data_at.push(at);
            at += size;
        }
        let count = u16::try_from(parts.len()).unwrap_or(u16::MAX);
        let directory_len = u32::try_from(directory.len()).unwrap_or(u32::MAX);
        // The `zip` crate looks for the end record by reading the last 2 KiB:
        // zeros in front of the directory keep that read out of the parts, which
        // would otherwise be unpacked to serve it.
        let directory_at = u32::try_from(at + PADDING_BYTES as u64).unwrap_or(u32::MAX);
        let mut directory = [vec![0; PADDING_BYTES], directory].concat();
        directory.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        directory.extend_from_slice(&[0, 0, 0, 0]);
        directory.extend_from_slice(&count.to_le_bytes());
        directory.extend_from_slice(&count.to_le_bytes());
        directory.extend_from_slice(&directory_len.to_le_bytes());
        directory.extend_from_slice(&directory_at.to_le_bytes());
        directory.extend_from_slice(&[0, 0]);
        let len = at + directory.len() as u64;
        headers.push((at, directory));
        Self {
            headers,
            data_at,
            len,
        }
    }
}

/// The local header of a stored part.
fn local_header(part: &Part, size: u64) -> Vec<u8> {
    let name = part.name.as_bytes();
    let mut header = Vec::with_capacity(30 + name.len());
    header.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
    header.extend_from_slice(&10u16.to_le_bytes());
    header.extend_from_slice(&utf8_flag(name).to_le_bytes());
    header.extend_from_slice(&[0; 6]); // stored; no date or time
    header.extend_from_slice(&part.crc32.to_le_bytes());
    let size = u32::try_from(size).unwrap_or(u32::MAX).to_le_bytes();
    header.extend_from_slice(&size);
    header.extend_from_slice(&size);
    header.extend_from_slice(&name_len(name).to_le_bytes());
    header.extend_from_slice(&[0, 0]);
    header.extend_from_slice(name);
    header
}

/// Appends the central directory entry of a stored part whose local header is
/// at `header_at`.
fn central_header(directory: &mut Vec<u8>, part: &Part, size: u64, header_at: u64) {
    let name = part.name.as_bytes();
    directory.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    directory.extend_from_slice(&20u16.to_le_bytes());
    directory.extend_from_slice(&10u16.to_le_bytes());
    directory.extend_from_slice(&utf8_flag(name).to_le_bytes());
    directory.extend_from_slice(&[0; 6]);
    directory.extend_from_slice(&part.crc32.to_le_bytes());
    let size = u32::try_from(size).unwrap_or(u32::MAX).to_le_bytes();
    directory.extend_from_slice(&size);
    directory.extend_from_slice(&size);
    directory.extend_from_slice(&name_len(name).to_le_bytes());
    directory.extend_from_slice(&[0; 12]); // extra, comment, disk, attributes
    let at = u32::try_from(header_at).unwrap_or(u32::MAX);
    directory.extend_from_slice(&at.to_le_bytes());
    directory.extend_from_slice(name);
}

/// General-purpose flags: bit 11 marks a UTF-8 name.
fn utf8_flag(name: &[u8]) -> u16 {
    if name.is_ascii() { 0 } else { 1 << 11 }
}

fn name_len(name: &[u8]) -> u16 {
    u16::try_from(name.len()).unwrap_or(u16::MAX)
}
