//! Peak memory of `powermap import` on zip bombs, measured on the command line
//! as a child process: a hostile workbook is refused using little more memory
//! than the file itself, however much it would unpack to.
//!
//! One test in its own file: the peak is taken over every child this process
//! waited for.

mod common;

use std::process::Command;

use common::workbook::{Entry, SHEET_HEAD, SHEET_TAIL, sheet, workbook_parts, zip};

/// Memory the import may use beyond the file's size.
const ALLOWANCE_BYTES: u64 = 150 * 1024 * 1024;

/// The largest resident set of the children waited for so far, in bytes.
fn peak_of_children() -> u64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let status = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(status, 0);
    // Kilobytes on Linux.
    u64::try_from(usage.ru_maxrss).unwrap() * 1024
}

fn bombs() -> Vec<(&'static str, Vec<u8>)> {
    let mut sheet_bomb = workbook_parts();
    let mut bomb = Entry::repeated(
        "xl/worksheets/sheet1.xml",
        SHEET_HEAD,
        b"<row/>",
        100_000_000,
        SHEET_TAIL,
    );
    bomb.declared_size = 1000;
    sheet_bomb.push(bomb);

    let mut texts_bomb = workbook_parts();
    let mut bomb = Entry::repeated(
        "xl/sharedStrings.xml",
        b"<sst>",
        b"<si><t>Ann Lee</t></si>",
        25_000_000,
        b"</sst>",
    );
    bomb.declared_size = 1000;
    texts_bomb.push(bomb);
    texts_bomb.push(Entry::deflated(
        "xl/worksheets/sheet1.xml",
        &sheet(&[&["Name"]]),
    ));
    vec![
        ("sheet.xlsx", zip(&sheet_bomb)),
        ("texts.xlsx", zip(&texts_bomb)),
    ]
}

#[test]
fn zip_bombs_are_refused_within_the_memory_allowance() {
    let dir = tempfile::tempdir().unwrap();
    let mut largest_file = 0;
    for (name, bytes) in bombs() {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        largest_file = largest_file.max(bytes.len() as u64);
        let output = Command::new(env!("CARGO_BIN_EXE_powermap"))
            .arg("import")
            .arg(&path)
            .arg("-o")
            .arg(dir.path().join("out.json"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{name}: {stderr}");
        assert!(
            stderr.contains("unpacks to more than the 1000 bytes the file declares"),
            "{name}: {stderr}"
        );
        assert!(!dir.path().join("out.json").exists());
    }
    let peak = peak_of_children();
    assert!(
        peak < largest_file + ALLOWANCE_BYTES,
        "peak {peak} bytes for files of at most {largest_file} bytes"
    );
}
