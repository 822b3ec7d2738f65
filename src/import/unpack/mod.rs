//! The parts of a workbook, unpacked on demand and never beyond their budgets.
//!
//! The workbook reader (calamine) unpacks the parts it reads itself, trusting
//! the sizes the archive declares; a 2 MB "zip bomb" declaring a 1,000-byte sheet
//! that unpacks to gigabytes would exhaust memory before any of our limits
//! applied. So calamine never sees the original archive. It reads a
//! [`BoundedArchive`]: an archive built on the fly in which every part is
//! *stored* (not compressed) with its declared size and checksum, and whose
//! bytes are unpacked from the original only as calamine reads them, through a
//! counter that stops at
//! - the declared size: a part that unpacks to more is refused at once
//!   ([`WorkbookRefusal::SizeLie`]), one that unpacks to less is damaged;
//! - the limit for its kind of part (the shared texts, which calamine keeps in
//!   memory; the small parts it also keeps; the sheets, which it streams);
//! - the number of shared texts, which calamine keeps one by one;
//! - the total unpacked, which bounds the time spent;
//! - while cells are read, the bytes since the last cell ([`Progress::cell_read`]):
//!   calamine holds one cell at a time, so this bounds what one cell can cost.
//!
//! Nothing is unpacked in advance, so memory stays that of a few buffers, and a
//! part calamine does not read (pictures, other sheets) costs nothing.

use std::io::{self, Read, Seek, SeekFrom};
use std::rc::Rc;

use flate2::read::DeflateDecoder;

use super::archive::{Method, Part};
use super::refusal::{Damage, WorkbookRefusal};

mod budget;
mod stored;

pub use budget::{
    Budgets, MAX_CELL_BYTES, MAX_SHARED_TEXT_BYTES, MAX_SHARED_TEXTS, MAX_SHEET_BYTES,
    MAX_SMALL_PART_BYTES, MAX_UNPACKED_BYTES, Progress,
};
use budget::{Kind, TextCounter};
use stored::Layout;

/// A stored archive of the parts of `bytes`, unpacked as it is read; see the
/// module docs.
pub struct BoundedArchive<'a> {
    bytes: &'a [u8],
    parts: Vec<Part>,
    /// The kind of each part, in part order.
    kinds: Vec<Kind>,
    /// The size of each part in this archive (see [`stored_size`]).
    sizes: Vec<u64>,
    /// Where each part's data starts in the archive, in part order.
    data_at: Vec<u64>,
    /// Headers and directory, by position: (start in the archive, bytes).
    headers: Vec<(u64, Vec<u8>)>,
    len: u64,
    position: u64,
    open: Option<OpenPart<'a>>,
    progress: Rc<Progress>,
}

/// The part being read: its unpacker and how far it got.
struct OpenPart<'a> {
    index: usize,
    kind: Kind,
    source: Source<'a>,
    /// Bytes of the part served so far (its offset in the part).
    offset: u64,
    texts: TextCounter,
}

enum Source<'a> {
    Stored(&'a [u8]),
    Deflated(Box<DeflateDecoder<&'a [u8]>>),
}

impl Read for Source<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Self::Stored(rest) => rest.read(buf),
            Self::Deflated(decoder) => decoder.read(buf),
        }
    }
}

impl<'a> BoundedArchive<'a> {
    /// The archive of `parts` of `bytes`; `progress` learns how reading goes.
    pub fn new(bytes: &'a [u8], parts: Vec<Part>, progress: Rc<Progress>) -> Self {
        let kinds: Vec<Kind> = parts.iter().map(|p| Kind::of(&p.name)).collect();
        let sizes: Vec<u64> = parts
            .iter()
            .zip(&kinds)
            .map(|(part, kind)| stored_size(part, progress.budgets.part_bytes(*kind)))
            .collect();
        let Layout {
            headers,
            data_at,
            len,
        } = Layout::new(&parts, &sizes);
        Self {
            bytes,
            parts,
            kinds,
            sizes,
            data_at,
            headers,
            len,
            position: 0,
            open: None,
            progress,
        }
    }

    /// Serves part `index` from `offset` into `buf`.
    fn read_part(&mut self, index: usize, offset: u64, buf: &mut [u8]) -> io::Result<usize> {
        let reuse = self
            .open
            .as_ref()
            .is_some_and(|open| open.index == index && open.offset <= offset);
        if !reuse {
            self.open = Some(self.open_part(index)?);
        }
        let (Some(part), Some(&size)) = (self.parts.get(index), self.sizes.get(index)) else {
            return Ok(0);
        };
        let progress = Rc::clone(&self.progress);
        let Some(open) = self.open.as_mut() else {
            return Ok(0);
        };
        // Seeking forward inside a part: unpack and drop the bytes in between.
        let mut scratch = [0u8; 8192];
        while open.offset < offset {
            let want = usize::try_from(offset - open.offset)
                .unwrap_or(usize::MAX)
                .min(scratch.len());
            let got = serve(
                open,
                part,
                &progress,
                scratch.get_mut(..want).unwrap_or(&mut []),
            )?;
            if got == 0 {
                return Err(progress.refuse(too_short(part)));
            }
        }
        let want = usize::try_from(size - offset)
            .unwrap_or(usize::MAX)
            .min(buf.len());
        let got = serve(
            open,
            part,
            &progress,
            buf.get_mut(..want).unwrap_or(&mut []),
        )?;
        if want > 0 && got == 0 {
            return Err(progress.refuse(too_short(part)));
        }
        if open.offset == size && size == part.declared_size {
            // All the declared bytes: the part must end here.
            let mut probe = [0u8; 1];
            if open
                .source
                .read(&mut probe)
                .map_err(|_| broken(&progress, part))?
                > 0
            {
                return Err(progress.refuse(WorkbookRefusal::SizeLie {
                    part: part.name.clone(),
                    declared: part.declared_size,
                }));
            }
        }
        Ok(got)
    }

    /// Starts unpacking part `index`, refusing it when it cannot or must not be.
    fn open_part(&self, index: usize) -> io::Result<OpenPart<'a>> {
        let (Some(part), Some(&kind)) = (self.parts.get(index), self.kinds.get(index)) else {
            return Err(io::Error::other("no such part"));
        };
        let refuse = |reason| Err(self.progress.refuse(WorkbookRefusal::Damaged { reason }));
        if part.encrypted {
            return refuse(Damage::EncryptedPart {
                part: part.name.clone(),
            });
        }
        let limit = self.progress.budgets.part_bytes(kind);
        if part.declared_size > limit {
            return Err(self.progress.refuse(WorkbookRefusal::PartTooLarge {
                part: part.name.clone(),
                limit,
            }));
        }
        let packed = self.bytes.get(part.packed.clone()).unwrap_or(&[]);
        let source = match part.method {
            Method::Stored => Source::Stored(packed),
            Method::Deflated => Source::Deflated(Box::new(DeflateDecoder::new(packed))),
            Method::Other(method) => {
                return refuse(Damage::UnknownMethod {
                    part: part.name.clone(),
                    method,
                });
            }
        };
        Ok(OpenPart {
            index,
            kind,
            source,
            offset: 0,
            texts: TextCounter::default(),
        })
    }

    /// The header or directory bytes at `position`, if it lies in one.
    fn header_at(&self, position: u64) -> Option<&[u8]> {
        let index = self
            .headers
            .partition_point(|(start, _)| *start <= position)
            .checked_sub(1)?;
        let (start, bytes) = self.headers.get(index)?;
        let offset = usize::try_from(position - start).ok()?;
        bytes.get(offset..).filter(|rest| !rest.is_empty())
    }

    /// The part whose data holds `position`, and the offset in it.
    fn part_at(&self, position: u64) -> Option<(usize, u64)> {
        let index = self
            .data_at
            .partition_point(|start| *start <= position)
            .checked_sub(1)?;
        let start = *self.data_at.get(index)?;
        let size = *self.sizes.get(index)?;
        let offset = position - start;
        (offset < size).then_some((index, offset))
    }
}

/// Unpacks up to `buf.len()` bytes of the open part, counting them against
/// every limit.
fn serve(
    open: &mut OpenPart<'_>,
    part: &Part,
    progress: &Progress,
    buf: &mut [u8],
) -> io::Result<usize> {
    let got = open.source.read(buf).map_err(|_| broken(progress, part))?;
    let chunk = buf.get(..got).unwrap_or(&[]);
    open.offset += got as u64;
    let served = progress.served.get() + got as u64;
    progress.served.set(served);
    let budgets = progress.budgets;
    let limit = budgets.part_bytes(open.kind);
    if open.offset > limit {
        return Err(progress.refuse(WorkbookRefusal::PartTooLarge {
            part: part.name.clone(),
            limit,
        }));
    }
    if served > budgets.unpacked_bytes {
        return Err(progress.refuse(WorkbookRefusal::TooMuchUnpacked {
            limit: budgets.unpacked_bytes,
        }));
    }
    if open.kind == Kind::SharedTexts && open.texts.count(chunk) > budgets.shared_texts {
        return Err(progress.refuse(WorkbookRefusal::TooManyTexts {
            limit: budgets.shared_texts,
        }));
    }
    let since_cell = progress.last_cell.get().map(|mark| served - mark);
    if open.kind == Kind::Sheet && since_cell.is_some_and(|bytes| bytes > budgets.cell_bytes) {
        return Err(progress.refuse(WorkbookRefusal::CellTooLarge {
            limit: budgets.cell_bytes,
        }));
    }
    Ok(got)
}

fn broken(progress: &Progress, part: &Part) -> io::Error {
    progress.refuse(WorkbookRefusal::Damaged {
        reason: Damage::BrokenPart {
            part: part.name.clone(),
        },
    })
}

fn too_short(part: &Part) -> WorkbookRefusal {
    WorkbookRefusal::Damaged {
        reason: Damage::PartTooShort {
            part: part.name.clone(),
        },
    }
}

impl Read for BoundedArchive<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(header) = self.header_at(self.position) {
            let n = header.len().min(buf.len());
            let (to, _) = buf.split_at_mut(n);
            to.copy_from_slice(header.get(..n).unwrap_or(&[]));
            self.position += n as u64;
            return Ok(n);
        }
        let Some((index, offset)) = self.part_at(self.position) else {
            return Ok(0);
        };
        let n = self.read_part(index, offset, buf)?;
        self.position += n as u64;
        Ok(n)
    }
}

impl Seek for BoundedArchive<'_> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(delta) => self.len.checked_add_signed(delta),
            SeekFrom::Current(delta) => self.position.checked_add_signed(delta),
        };
        let target = target.ok_or_else(|| io::Error::other("seek before the start"))?;
        self.position = target;
        Ok(target)
    }
}

/// The size a part has in the stored archive: its declared size, or just over
/// its limit when it declares more, so that reading it is refused as too large
/// rather than taken as empty.
fn stored_size(part: &Part, limit: u64) -> u64 {
    part.declared_size.min(limit.saturating_add(1))
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use zip::write::SimpleFileOptions;

    use super::*;
    use crate::import::archive::parts;

    const SHEET: &str = "xl/worksheets/sheet1.xml";
    const TEXTS: &str = "xl/sharedStrings.xml";

    /// An honest archive of `entries`, deflated.
    fn archive(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut writer = zip::ZipWriter::new(Cursor::new(&mut bytes));
        for (name, content) in entries {
            writer
                .start_file(*name, SimpleFileOptions::default())
                .unwrap();
            writer.write_all(content).unwrap();
        }
        writer.finish().unwrap();
        bytes
    }

    /// Rewrites a field of the central directory entry of the part at `index`:
    /// `offset` bytes into the entry, as little-endian.
    fn patch_directory(bytes: &mut [u8], index: usize, offset: usize, value: &[u8]) {
        let entry = bytes
            .windows(4)
            .enumerate()
            .filter(|(_, w)| *w == [0x50, 0x4b, 0x01, 0x02])
            .nth(index)
            .unwrap()
            .0;
        bytes[entry + offset..entry + offset + value.len()].copy_from_slice(value);
    }

    /// Reads part `name` the way calamine does: through the `zip` crate.
    fn read_part(
        bytes: &[u8],
        name: &str,
        budgets: Budgets,
    ) -> (io::Result<Vec<u8>>, Rc<Progress>) {
        let progress = Rc::new(Progress::new(budgets));
        let archive = BoundedArchive::new(bytes, parts(bytes).unwrap(), Rc::clone(&progress));
        let mut zip = zip::ZipArchive::new(archive).unwrap();
        let mut content = Vec::new();
        let result = zip
            .by_name(name)
            .map_err(io::Error::other)
            .and_then(|mut part| part.read_to_end(&mut content))
            .map(|_| content);
        (result, progress)
    }

    #[test]
    fn honest_parts_read_as_they_were_written() {
        let sheet = b"<worksheet><sheetData/></worksheet>".repeat(1000);
        let bytes = archive(&[(TEXTS, b"<sst/>"), (SHEET, &sheet)]);
        let (content, progress) = read_part(&bytes, SHEET, Budgets::default());
        assert_eq!(content.unwrap(), sheet);
        assert_eq!(progress.refusal(), None);
        let (content, _) = read_part(&bytes, TEXTS, Budgets::default());
        assert_eq!(content.unwrap(), b"<sst/>");
    }

    #[test]
    fn a_part_that_unpacks_to_more_than_it_declares_is_refused_there() {
        let sheet = vec![b'x'; 1_000_000];
        let mut bytes = archive(&[(SHEET, &sheet)]);
        // Declared unpacked size: 1,000 bytes.
        patch_directory(&mut bytes, 0, 24, &1000u32.to_le_bytes());
        let (content, progress) = read_part(&bytes, SHEET, Budgets::default());
        assert!(content.is_err());
        assert_eq!(
            progress.refusal(),
            Some(WorkbookRefusal::SizeLie {
                part: SHEET.to_owned(),
                declared: 1000
            })
        );
        assert!(progress.served.get() <= 1000 + 1);
    }

    #[test]
    fn a_part_shorter_than_it_declares_is_damaged() {
        let mut bytes = archive(&[(SHEET, b"<worksheet/>")]);
        patch_directory(&mut bytes, 0, 24, &5000u32.to_le_bytes());
        let (content, progress) = read_part(&bytes, SHEET, Budgets::default());
        assert!(content.is_err());
        assert_eq!(
            progress.refusal(),
            Some(WorkbookRefusal::Damaged {
                reason: Damage::PartTooShort {
                    part: SHEET.to_owned()
                }
            })
        );
    }

    #[test]
    fn a_part_declaring_more_than_its_limit_is_refused_before_unpacking() {
        let mut bytes = archive(&[(TEXTS, b"<sst/>")]);
        patch_directory(&mut bytes, 0, 24, &u32::MAX.to_le_bytes());
        let (content, progress) = read_part(&bytes, TEXTS, Budgets::default());
        assert!(content.is_err());
        assert_eq!(
            progress.refusal(),
            Some(WorkbookRefusal::PartTooLarge {
                part: TEXTS.to_owned(),
                limit: MAX_SHARED_TEXT_BYTES
            })
        );
        assert_eq!(progress.served.get(), 0);
    }

    #[test]
    fn shared_texts_are_counted_as_they_are_unpacked() {
        let texts = format!("<sst>{}</sst>", "<si><t>a</t></si><x:si/>".repeat(6));
        let bytes = archive(&[(TEXTS, texts.as_bytes())]);
        let budgets = |shared_texts| Budgets {
            shared_texts,
            ..Budgets::default()
        };
        assert!(read_part(&bytes, TEXTS, budgets(12)).0.is_ok());
        let (content, progress) = read_part(&bytes, TEXTS, budgets(11));
        assert!(content.is_err());
        assert_eq!(
            progress.refusal(),
            Some(WorkbookRefusal::TooManyTexts { limit: 11 })
        );
    }

    #[test]
    fn texts_split_between_reads_are_counted_once() {
        let mut counter = TextCounter::default();
        counter.count(b"<s");
        counter.count(b"i");
        assert_eq!(counter.count(b"><sst><si/><sis>"), 2);
    }

    #[test]
    fn once_cells_are_read_the_bytes_between_two_cells_are_bounded() {
        let sheet = vec![b'x'; 100_000];
        let bytes = archive(&[(SHEET, &sheet)]);
        let budgets = Budgets {
            cell_bytes: 50_000,
            ..Budgets::default()
        };
        let progress = Rc::new(Progress::new(budgets));
        let archive = BoundedArchive::new(&bytes, parts(&bytes).unwrap(), Rc::clone(&progress));
        let mut zip = zip::ZipArchive::new(archive).unwrap();
        progress.cell_read();
        let mut part = zip.by_name(SHEET).unwrap();
        let mut first = vec![0; 40_000];
        part.read_exact(&mut first).unwrap();
        // A cell was returned here: the count starts again.
        progress.cell_read();
        let mut rest = Vec::new();
        assert!(part.read_to_end(&mut rest).is_err());
        assert_eq!(
            progress.refusal(),
            Some(WorkbookRefusal::CellTooLarge { limit: 50_000 })
        );
    }

    #[test]
    fn reading_a_part_again_counts_again() {
        let sheet = vec![b'y'; 60_000];
        let bytes = archive(&[(SHEET, &sheet)]);
        let budgets = Budgets {
            unpacked_bytes: 100_000,
            ..Budgets::default()
        };
        let progress = Rc::new(Progress::new(budgets));
        let archive = BoundedArchive::new(&bytes, parts(&bytes).unwrap(), Rc::clone(&progress));
        let mut zip = zip::ZipArchive::new(archive).unwrap();
        let mut content = Vec::new();
        zip.by_name(SHEET)
            .unwrap()
            .read_to_end(&mut content)
            .unwrap();
        content.clear();
        let again = zip.by_name(SHEET).unwrap().read_to_end(&mut content);
        assert!(again.is_err());
        assert_eq!(
            progress.refusal(),
            Some(WorkbookRefusal::TooMuchUnpacked { limit: 100_000 })
        );
    }

    #[test]
    fn unknown_methods_and_encryption_are_damage() {
        let mut bytes = archive(&[(SHEET, b"<worksheet/>")]);
        patch_directory(&mut bytes, 0, 10, &14u16.to_le_bytes());
        let (_, progress) = read_part(&bytes, SHEET, Budgets::default());
        assert_eq!(
            progress.refusal(),
            Some(WorkbookRefusal::Damaged {
                reason: Damage::UnknownMethod {
                    part: SHEET.to_owned(),
                    method: 14
                }
            })
        );
        let mut bytes = archive(&[(SHEET, b"<worksheet/>")]);
        patch_directory(&mut bytes, 0, 8, &1u16.to_le_bytes());
        let (_, progress) = read_part(&bytes, SHEET, Budgets::default());
        assert_eq!(
            progress.refusal(),
            Some(WorkbookRefusal::Damaged {
                reason: Damage::EncryptedPart {
                    part: SHEET.to_owned()
                }
            })
        );
    }
}
