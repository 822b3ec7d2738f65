//! The zip archive inside an .xlsx file, read without trusting it: the list of
//! parts from the central directory, with every count, name and offset checked
//! against the file before anything is allocated for it.
//!
//! Our own reading of the directory (rather than the `zip` crate's) because a
//! hostile archive must cost nothing to refuse: the `zip` crate reserves memory
//! for the number of entries the directory declares and searches the whole file
//! for a directory, where this reader looks where the format puts it (the last
//! 64 KiB) and stops at [`MAX_PARTS`].

use std::ops::Range;

use super::refusal::{Damage, WorkbookRefusal};

/// Most parts (files) in a workbook's archive. A workbook of contacts has about
/// ten; one with many sheets and pictures a few hundred.
pub const MAX_PARTS: usize = 10_000;
/// Longest part name kept, in bytes. Part names are short paths such as
/// `xl/worksheets/sheet1.xml`; longer ones are left out.
pub const MAX_NAME_BYTES: usize = 1_024;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_DIRECTORY: u32 = 0x0605_4b50;
const ZIP64_END_OF_DIRECTORY: u32 = 0x0606_4b50;
const ZIP64_LOCATOR: u32 = 0x0706_4b50;
/// The size of the end-of-directory record without its comment.
const END_RECORD_BYTES: usize = 22;

/// How a part's bytes are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// As they are.
    Stored,
    /// Deflate, which is what Excel and every other spreadsheet writes.
    Deflated,
    /// Anything else, by its number in the zip format.
    Other(u16),
}

/// One part of the archive as its central directory describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The name, such as `xl/worksheets/sheet1.xml`.
    pub name: String,
    /// How the bytes are compressed.
    pub method: Method,
    /// Whether the part is encrypted.
    pub encrypted: bool,
    /// The CRC-32 of the unpacked bytes, as declared.
    pub crc32: u32,
    /// The unpacked size, as declared: nothing guarantees it is true.
    pub declared_size: u64,
    /// Where the packed bytes lie in the file.
    pub packed: Range<usize>,
}

/// The parts of the zip archive `bytes`, in directory order, without duplicate
/// names (the first is kept) and without names over [`MAX_NAME_BYTES`].
pub fn parts(bytes: &[u8]) -> Result<Vec<Part>, WorkbookRefusal> {
    let directory = Directory::find(bytes)?;
    if directory.entries > MAX_PARTS as u64 {
        return Err(WorkbookRefusal::TooManyParts { limit: MAX_PARTS });
    }
    let mut parts: Vec<Part> = Vec::new();
    let mut names = std::collections::HashSet::new();
    let mut at = directory.start;
    for _ in 0..directory.entries {
        let (part, next) = central_entry(bytes, at, directory.shift)?;
        at = next;
        if let Some(part) = part
            && names.insert(part.name.clone())
        {
            parts.push(part);
        }
    }
    Ok(parts)
}

/// Where the central directory is and how many entries it has.
struct Directory {
    start: usize,
    entries: u64,
    /// Bytes before the archive (a self-extracting stub): added to every offset.
    shift: usize,
}

impl Directory {
    /// Reads the end-of-directory record (and its zip64 form when the sizes
    /// overflowed 16 or 32 bits).
    fn find(bytes: &[u8]) -> Result<Self, WorkbookRefusal> {
        let end = end_record(bytes).ok_or(damaged(Damage::NoDirectory))?;
        let entries = u64::from(le16(bytes, end + 10)?);
        let size = u64::from(le32(bytes, end + 12)?);
        let offset = u64::from(le32(bytes, end + 16)?);
        let (entries, size, offset, record_at) =
            if entries == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
                zip64_record(bytes, end)?
            } else {
                (entries, size, offset, end)
            };
        // The directory ends where the end record starts; a writer that put
        // something in front of the archive shifted every offset by as much.
        let size = usize::try_from(size).map_err(|_| damaged(Damage::BrokenDirectory))?;
        let start = record_at
            .checked_sub(size)
            .ok_or(damaged(Damage::BrokenDirectory))?;
        let offset = usize::try_from(offset).unwrap_or(usize::MAX);
        let shift = start
            .checked_sub(offset)
            .ok_or(damaged(Damage::BrokenDirectory))?;
        Ok(Self {
            start,
            entries,
            shift,
        })
    }
}

/// The position of the end-of-directory record: the last one in the final
/// 64 KiB whose comment ends within the file.
fn end_record(bytes: &[u8]) -> Option<usize> {
    let last = bytes.len().checked_sub(END_RECORD_BYTES)?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    (first..=last).rev().find(|&at| {
        le32(bytes, at).ok() == Some(END_OF_DIRECTORY)
            && le16(bytes, at + 20)
                .is_ok_and(|comment| at + END_RECORD_BYTES + usize::from(comment) <= bytes.len())
    })
}

/// Entries, directory size, directory offset and the position of the zip64
/// end record, which the directory precedes.
fn zip64_record(bytes: &[u8], end: usize) -> Result<(u64, u64, u64, usize), WorkbookRefusal> {
    let locator = end
        .checked_sub(20)
        .filter(|&at| le32(bytes, at).ok() == Some(ZIP64_LOCATOR))
        .ok_or(damaged(Damage::BrokenDirectory))?;
    let record = usize::try_from(le64(bytes, locator + 8)?).unwrap_or(usize::MAX);
    if le32(bytes, record).ok() != Some(ZIP64_END_OF_DIRECTORY) {
        // Perhaps shifted like everything else: the record ends at the locator.
        return Err(damaged(Damage::BrokenDirectory));
    }
    Ok((
        le64(bytes, record + 32)?,
        le64(bytes, record + 40)?,
        le64(bytes, record + 48)?,
        record,
    ))
}

/// The part described by the central directory entry at `at` (`None` for a
/// name too long to keep), and where the next entry starts.
fn central_entry(
    bytes: &[u8],
    at: usize,
    shift: usize,
) -> Result<(Option<Part>, usize), WorkbookRefusal> {
    if le32(bytes, at)? != CENTRAL_HEADER {
        return Err(damaged(Damage::BrokenDirectory));
    }
    let flags = le16(bytes, at + 8)?;
    let method = match le16(bytes, at + 10)? {
        0 => Method::Stored,
        8 => Method::Deflated,
        other => Method::Other(other),
    };
    let crc32 = le32(bytes, at + 16)?;
    let mut packed_size = u64::from(le32(bytes, at + 20)?);
    let mut declared_size = u64::from(le32(bytes, at + 24)?);
    let name_len = usize::from(le16(bytes, at + 28)?);
    let extra_len = usize::from(le16(bytes, at + 30)?);
    let comment_len = usize::from(le16(bytes, at + 32)?);
    let mut header_at = u64::from(le32(bytes, at + 42)?);
    let name_at = at + 46;
    let extra_at = name_at + name_len;
    let next = extra_at + extra_len + comment_len;
    let name = slice(bytes, name_at..extra_at)?;
    let extra = slice(bytes, extra_at..extra_at + extra_len)?;
    // Sizes and offset that overflowed 32 bits are in the zip64 extra field, in
    // this order, each only when its 32-bit field is all ones.
    if let Some(zip64) = extra_field(extra, 0x0001) {
        let mut values = zip64
            .chunks_exact(8)
            .map(|chunk| chunk.try_into().map(u64::from_le_bytes).unwrap_or(u64::MAX));
        for field in [&mut declared_size, &mut packed_size, &mut header_at] {
            if *field == 0xFFFF_FFFF {
                *field = values.next().ok_or(damaged(Damage::BrokenDirectory))?;
            }
        }
    }
    if name_len > MAX_NAME_BYTES {
        return Ok((None, next));
    }
    let header_at = usize::try_from(header_at)
        .ok()
        .and_then(|h| h.checked_add(shift))
        .ok_or(damaged(Damage::BrokenDirectory))?;
    if le32(bytes, header_at)? != LOCAL_HEADER {
        return Err(damaged(Damage::BrokenDirectory));
    }
    let local_name = usize::from(le16(bytes, header_at + 26)?);
    let local_extra = usize::from(le16(bytes, header_at + 28)?);
    let data_at = header_at + 30 + local_name + local_extra;
    let packed_end = usize::try_from(packed_size)
        .ok()
        .and_then(|size| data_at.checked_add(size))
        .filter(|&end| end <= bytes.len())
        .ok_or(damaged(Damage::BrokenDirectory))?;
    let part = Part {
        name: String::from_utf8_lossy(name).into_owned(),
        method,
        encrypted: flags & 1 == 1,
        crc32,
        declared_size,
        packed: data_at..packed_end,
    };
    Ok((Some(part), next))
}

/// The data of the extra field with `id`, if present.
fn extra_field(mut extra: &[u8], id: u16) -> Option<&[u8]> {
    while extra.len() >= 4 {
        let field_id = u16::from_le_bytes([*extra.first()?, *extra.get(1)?]);
        let len = usize::from(u16::from_le_bytes([*extra.get(2)?, *extra.get(3)?]));
        let data = extra.get(4..4 + len)?;
        if field_id == id {
            return Some(data);
        }
        extra = extra.get(4 + len..)?;
    }
    None
}

fn damaged(reason: Damage) -> WorkbookRefusal {
    WorkbookRefusal::Damaged { reason }
}

fn slice(bytes: &[u8], range: Range<usize>) -> Result<&[u8], WorkbookRefusal> {
    bytes.get(range).ok_or(damaged(Damage::BrokenDirectory))
}

fn le16(bytes: &[u8], at: usize) -> Result<u16, WorkbookRefusal> {
    Ok(u16::from_le_bytes(array(bytes, at)?))
}

fn le32(bytes: &[u8], at: usize) -> Result<u32, WorkbookRefusal> {
    Ok(u32::from_le_bytes(array(bytes, at)?))
}

fn le64(bytes: &[u8], at: usize) -> Result<u64, WorkbookRefusal> {
    Ok(u64::from_le_bytes(array(bytes, at)?))
}

/// The `N` bytes at `at`.
fn array<const N: usize>(bytes: &[u8], at: usize) -> Result<[u8; N], WorkbookRefusal> {
    let raw = slice(bytes, at..at.saturating_add(N))?;
    raw.try_into().map_err(|_| damaged(Damage::BrokenDirectory))
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use zip::write::SimpleFileOptions;

    use super::*;

    fn archive(options: SimpleFileOptions) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut writer = zip::ZipWriter::new(Cursor::new(&mut bytes));
        for (name, content) in [("xl/workbook.xml", "<workbook/>"), ("a/b.xml", "abc")] {
            writer.start_file(name, options).unwrap();
            writer.write_all(content.as_bytes()).unwrap();
        }
        writer.finish().unwrap();
        bytes
    }

    #[test]
    fn parts_are_listed_as_the_directory_describes_them() {
        for method in [
            zip::CompressionMethod::Stored,
            zip::CompressionMethod::Deflated,
        ] {
            for large in [false, true] {
                let options = SimpleFileOptions::default()
                    .compression_method(method)
                    .large_file(large);
                let bytes = archive(options);
                let parts = parts(&bytes).unwrap();
                let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
                assert_eq!(names, ["xl/workbook.xml", "a/b.xml"]);
                assert_eq!(parts[1].declared_size, 3);
                assert!(!parts[1].encrypted);
                if method == zip::CompressionMethod::Stored {
                    assert_eq!(parts[1].method, Method::Stored);
                    assert_eq!(&bytes[parts[1].packed.clone()], b"abc");
                } else {
                    assert_eq!(parts[1].method, Method::Deflated);
                }
            }
        }
    }

    #[test]
    fn bytes_before_the_archive_shift_every_offset() {
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let mut bytes = b"#!/bin/sh\nexit 0\n".to_vec();
        bytes.extend(archive(options));
        let parts = parts(&bytes).unwrap();
        assert_eq!(&bytes[parts[1].packed.clone()], b"abc");
    }

    #[test]
    fn a_directory_declaring_too_many_parts_is_refused_before_reading_them() {
        let mut bytes = archive(SimpleFileOptions::default());
        let end = bytes.len() - END_RECORD_BYTES;
        bytes[end + 10..end + 12].copy_from_slice(&10_001u16.to_le_bytes());
        assert_eq!(
            parts(&bytes),
            Err(WorkbookRefusal::TooManyParts { limit: MAX_PARTS })
        );
    }

    #[test]
    fn broken_archives_are_damaged_not_panics() {
        assert_eq!(
            parts(b"not a zip"),
            Err(WorkbookRefusal::Damaged {
                reason: Damage::NoDirectory
            })
        );
        let bytes = archive(SimpleFileOptions::default());
        // Every truncation and every corrupted byte of the directory.
        for cut in 0..bytes.len() {
            let _ = parts(&bytes[..cut]);
            let _ = parts(&bytes[cut..]);
        }
        let directory = bytes.len().saturating_sub(END_RECORD_BYTES + 200);
        for at in directory..bytes.len() {
            for value in [0x00, 0xFF, 0x7F] {
                let mut broken = bytes.clone();
                broken[at] = value;
                if let Ok(parts) = parts(&broken) {
                    assert!(parts.iter().all(|p| p.packed.end <= broken.len()));
                }
            }
        }
    }
}
