//! Builds .xlsx archives byte by byte for tests, including ones that lie about
//! their sizes, as a hostile file would.

#![allow(dead_code)]

use std::io::Write;

use flate2::Compression;
use flate2::write::DeflateEncoder;

/// One part of an archive.
pub struct Entry {
    /// Its name in the archive.
    pub name: String,
    /// The bytes as stored in the archive (deflated unless `stored`).
    pub packed: Vec<u8>,
    /// Whether `packed` is the content itself.
    pub stored: bool,
    /// The unpacked size the archive declares (the truth, unless a test lies).
    pub declared_size: u64,
    /// The CRC-32 the archive declares.
    pub crc32: u32,
}

impl Entry {
    /// A deflated part holding `content`, declared truthfully.
    pub fn deflated(name: &str, content: &[u8]) -> Self {
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(content).unwrap();
        Self {
            name: name.to_owned(),
            packed: encoder.finish().unwrap(),
            stored: false,
            declared_size: content.len() as u64,
            crc32: crc32(content),
        }
    }

    /// A stored part holding `content`, declared truthfully.
    pub fn stored(name: &str, content: &[u8]) -> Self {
        Self {
            name: name.to_owned(),
            packed: content.to_vec(),
            stored: true,
            declared_size: content.len() as u64,
            crc32: crc32(content),
        }
    }

    /// A deflated part whose content is `head`, then `middle` repeated `times`
    /// times, then `tail` — built without holding the content in memory. Its
    /// declared size and checksum are those of `head` + `tail` only: a lie, as in
    /// a zip bomb; set [`Entry::declared_size`] to change the lie.
    pub fn repeated(name: &str, head: &[u8], middle: &[u8], times: usize, tail: &[u8]) -> Self {
        // The best compression, as a bomb would use: about 1,000 to 1.
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(head).unwrap();
        let block: Vec<u8> = middle.repeat((64 * 1024 / middle.len().max(1)).max(1));
        let per_block = block.len() / middle.len().max(1);
        let mut left = times;
        while left >= per_block {
            encoder.write_all(&block).unwrap();
            left -= per_block;
        }
        encoder.write_all(&middle.repeat(left)).unwrap();
        encoder.write_all(tail).unwrap();
        let mut declared = head.to_vec();
        declared.extend_from_slice(tail);
        Self {
            name: name.to_owned(),
            packed: encoder.finish().unwrap(),
            stored: false,
            declared_size: declared.len() as u64,
            crc32: crc32(&declared),
        }
    }
}

/// The archive of `entries`; the local headers and the central directory
/// declare the same sizes and checksums.
pub fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for entry in entries {
        let at = out.len() as u32;
        let method: u16 = if entry.stored { 0 } else { 8 };
        let declared = u32::try_from(entry.declared_size).unwrap_or(u32::MAX);
        let name = entry.name.as_bytes();
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&method.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&entry.crc32.to_le_bytes());
        out.extend_from_slice(&(entry.packed.len() as u32).to_le_bytes());
        out.extend_from_slice(&declared.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name);
        out.extend_from_slice(&entry.packed);

        directory.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        directory.extend_from_slice(&20u16.to_le_bytes());
        directory.extend_from_slice(&20u16.to_le_bytes());
        directory.extend_from_slice(&0u16.to_le_bytes());
        directory.extend_from_slice(&method.to_le_bytes());
        directory.extend_from_slice(&[0; 4]);
        directory.extend_from_slice(&entry.crc32.to_le_bytes());
        directory.extend_from_slice(&(entry.packed.len() as u32).to_le_bytes());
        directory.extend_from_slice(&declared.to_le_bytes());
        directory.extend_from_slice(&(name.len() as u16).to_le_bytes());
        directory.extend_from_slice(&[0; 12]);
        directory.extend_from_slice(&at.to_le_bytes());
        directory.extend_from_slice(name);
    }
    let directory_at = out.len() as u32;
    out.extend_from_slice(&directory);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(directory.len() as u32).to_le_bytes());
    out.extend_from_slice(&directory_at.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

/// The workbook and relationship parts of a workbook with one sheet, named
/// "Contacts", at `xl/worksheets/sheet1.xml`.
pub fn workbook_parts() -> Vec<Entry> {
    vec![
        Entry::deflated(
            "xl/workbook.xml",
            br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Contacts" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        Entry::deflated(
            "xl/_rels/workbook.xml.rels",
            br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ]
}

/// The start of a sheet, up to its first row.
pub const SHEET_HEAD: &[u8] =
    br#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
/// The end of a sheet.
pub const SHEET_TAIL: &[u8] = b"</sheetData></worksheet>";

/// A sheet whose rows are `rows` of inline-text cells.
pub fn sheet(rows: &[&[&str]]) -> Vec<u8> {
    let mut xml = SHEET_HEAD.to_vec();
    for (r, cells) in rows.iter().enumerate() {
        xml.extend_from_slice(format!("<row r=\"{}\">", r + 1).as_bytes());
        for (c, text) in cells.iter().enumerate() {
            let column = char::from(b'A' + c as u8);
            xml.extend_from_slice(
                format!(
                    "<c r=\"{column}{}\" t=\"inlineStr\"><is><t>{text}</t></is></c>",
                    r + 1
                )
                .as_bytes(),
            );
        }
        xml.extend_from_slice(b"</row>");
    }
    xml.extend_from_slice(SHEET_TAIL);
    xml
}

/// A whole workbook with one sheet of `rows`.
pub fn workbook(rows: &[&[&str]]) -> Vec<u8> {
    let mut entries = workbook_parts();
    entries.push(Entry::deflated("xl/worksheets/sheet1.xml", &sheet(rows)));
    zip(&entries)
}

/// CRC-32 (IEEE), bit by bit: for small test contents only.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
