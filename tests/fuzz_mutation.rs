//! A mutation fuzzer on stable Rust for the three readers of untrusted files: the
//! map loader, the CSV reader and the .xlsx reader. Each target starts from a
//! corpus (the samples, the fixtures, generated workbooks and every input that
//! once found a bug, in `tests/fuzz-corpus/`) and mutates it: bit flips, bytes
//! inserted, deleted and repeated, splices between inputs; for maps also JSON
//! mutations (deep nesting, huge numbers, duplicate keys, long strings, many
//! copies, wrong types); for workbooks also zip mutations (sizes that lie,
//! broken checksums, unknown methods, parts renamed, dropped or repeated,
//! mutated XML).
//!
//! Every input must give a result or a proper error — never a panic — and
//! whatever is accepted must go on working: a loaded map saves and loads back
//! equal and can be analysed and exported; an imported table gives a plan that
//! applies to a map that validates.
//!
//! Time per target: `POWERMAP_FUZZ_SECONDS` (default 20, so the three take about a
//! minute); `POWERMAP_FUZZ_SEED` picks the random sequence (default: a fixed one,
//! so runs are repeatable). Run for hours, in a release build:
//!
//! ```text
//! POWERMAP_FUZZ_SECONDS=3600 cargo test --release --test fuzz_mutation -- --nocapture
//! ```
//!
//! An input that fails is written to `target/fuzz-findings/`; once the bug is
//! fixed, copy it to `tests/fuzz-corpus/<target>/` so it is replayed on every run.
//! With `POWERMAP_FUZZ_KEEP_LAST=1` each input is first written to
//! `target/fuzz-findings/<target>-last.bin`, which survives what no test can catch:
//! an abort, a hang, the out-of-memory killer.

mod common;

use std::io::Read as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::workbook::{Entry, crc32, sheet, workbook_parts, zip};
use powermap::analysis::{AnalysisOptions, analyze, report};
use powermap::edit::Editor;
use powermap::export::{ExportFormat, ExportOptions, export};
use powermap::format::{LoadError, from_bytes, to_bytes};
use powermap::import::{ColumnMapping, TableFormat, plan_import, read_table_bytes};
use powermap::lang::Language;
use powermap::model::{Date, Document, validate};

// ---------------------------------------------------------------------------
// The harness

/// Largest input the mutators build, in bytes (bigger ones are cut).
const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// splitmix64: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn seconds_per_target() -> u64 {
    std::env::var("POWERMAP_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20)
}

fn seed(target: &str) -> u64 {
    let base = std::env::var("POWERMAP_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED);
    target
        .bytes()
        .fold(base, |h, b| h.rotate_left(5) ^ u64::from(b))
}

/// Runs `check` on the regression corpus, then on mutations of `corpus` made by
/// `mutate`, until the time is up. A panic or a failed check stops the run, with
/// the input saved for replay.
fn fuzz(
    target: &str,
    corpus: &[Vec<u8>],
    mutate: impl Fn(&mut Rng, &[Vec<u8>]) -> Vec<u8>,
    check: impl Fn(&[u8]) -> Result<(), String>,
) {
    let regressions = files_in(&manifest().join("tests/fuzz-corpus").join(target));
    for (path, bytes) in &regressions {
        if let Err(why) = run_one(&check, bytes) {
            panic!("{target}: regression {} fails again: {why}", path.display());
        }
    }
    let mut rng = Rng(seed(target));
    let keep_last = std::env::var_os("POWERMAP_FUZZ_KEEP_LAST").is_some();
    let last = manifest().join(format!("target/fuzz-findings/{target}-last.bin"));
    if keep_last {
        let _ = std::fs::create_dir_all(manifest().join("target/fuzz-findings"));
    }
    let budget = Duration::from_secs(seconds_per_target());
    let started = Instant::now();
    let (mut runs, mut slowest) = (0u64, (Duration::ZERO, 0usize));
    while started.elapsed() < budget {
        let mut input = mutate(&mut rng, corpus);
        input.truncate(MAX_INPUT_BYTES);
        if keep_last {
            // Survives a crash or an out-of-memory kill, which nothing can catch.
            let _ = std::fs::write(&last, &input);
        }
        let one = Instant::now();
        if let Err(why) = run_one(&check, &input) {
            let saved = save_finding(target, &input);
            panic!("{target}: {why}\ninput saved to {}", saved.display());
        }
        slowest = slowest.max((one.elapsed(), input.len()));
        runs += 1;
    }
    eprintln!(
        "fuzz {target}: {runs} inputs in {:.0?} (seed {}), slowest {:.0?} for {} bytes, \
         {} regressions replayed",
        started.elapsed(),
        seed(target),
        slowest.0,
        slowest.1,
        regressions.len()
    );
}

fn run_one(check: &impl Fn(&[u8]) -> Result<(), String>, input: &[u8]) -> Result<(), String> {
    match catch_unwind(AssertUnwindSafe(|| check(input))) {
        Ok(result) => result,
        Err(panic) => Err(format!(
            "panicked: {}",
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default()
        )),
    }
}

fn save_finding(target: &str, input: &[u8]) -> PathBuf {
    let dir = manifest().join("target/fuzz-findings");
    let _ = std::fs::create_dir_all(&dir);
    let hash = input.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    });
    let path = dir.join(format!("{target}-{hash:016x}.bin"));
    let _ = std::fs::write(&path, input);
    path
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The files of `dir` with their bytes, sorted by name (none when it is absent).
fn files_in(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .filter_map(|path| std::fs::read(&path).ok().map(|bytes| (path, bytes)))
        .collect();
    files.sort();
    files
}

// ---------------------------------------------------------------------------
// Byte mutations, for every target

/// Tokens that mean something to one of the readers.
const TOKENS: &[&[u8]] = &[
    b"\"",
    b",",
    b";",
    b"\t",
    b"\n",
    b"\r\n",
    b"\r",
    b"\"\"",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"\xFF",
    b"\x00",
    b"\xC3",
    b"\xE4\xB8",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b"null",
    b"-0",
    b"1e309",
    b"-1e400",
    b"123456789012345678901234567890",
    b"0.1e-400",
    b"\\u0000",
    b"\\ud800",
    b"<",
    b">",
    b"/>",
    b"&amp;",
    b"&#x0;",
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"-->",
    b"PK\x03\x04",
    b"PK\x01\x02",
    b"PK\x05\x06",
    b"=cmd|' /C calc'!A0",
    b"\xE5\xBC\xA0\xE4\xBC\x9F",
];

fn mutate_bytes(rng: &mut Rng, input: &mut Vec<u8>, corpus: &[Vec<u8>]) {
    for _ in 0..=rng.below(4) {
        let len = input.len();
        let at = rng.below(len + 1);
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                input[i] = *rng.pick(&[
                    0, 0xFF, 0x7F, 0x80, b'0', b'9', b'"', b',', b'\n', b'<', b'{',
                ]);
            }
            2 => {
                let token = rng.pick(TOKENS);
                input.splice(at..at, token.iter().copied());
            }
            3 => {
                let count = rng.below(16) + 1;
                let noise: Vec<u8> = (0..count).map(|_| rng.next() as u8).collect();
                input.splice(at..at, noise);
            }
            4 if len > 0 => {
                let end = (at + rng.below(64) + 1).min(len);
                input.drain(at.min(end)..end);
            }
            5 if len > 0 => {
                // A chunk repeated, to reach limits and long lines.
                let end = (at + rng.below(32) + 1).min(len);
                let chunk = input[at.min(end)..end].to_vec();
                let times = if rng.chance(8) {
                    rng.below(100_000)
                } else {
                    rng.below(64)
                };
                let grown: Vec<u8> = chunk.repeat(times.min(MAX_INPUT_BYTES / chunk.len().max(1)));
                input.splice(end..end, grown);
            }
            6 => {
                // A splice with another input of the corpus.
                let other = rng.pick(corpus);
                let from = rng.below(other.len() + 1);
                let to = (from + rng.below(512)).min(other.len());
                input.splice(at..at, other[from..to].iter().copied());
            }
            7 if len > 0 => input.truncate(at),
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------
// The map loader

fn map_corpus() -> Vec<Vec<u8>> {
    let mut corpus: Vec<Vec<u8>> = files_in(&manifest().join("assets/samples"))
        .into_iter()
        .chain(files_in(&manifest().join("tests/fixtures")))
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "json"))
        .map(|(_, bytes)| bytes)
        .collect();
    corpus.push(br#"{"format":"powermap","version":1}"#.to_vec());
    corpus
}

fn mutate_map(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut input = rng.pick(corpus).clone();
    if rng.chance(2)
        && let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&input)
    {
        for _ in 0..=rng.below(3) {
            mutate_json(rng, &mut value);
        }
        input = if rng.chance(2) {
            serde_json::to_vec(&value).unwrap_or_default()
        } else {
            serde_json::to_vec_pretty(&value).unwrap_or_default()
        };
        if rng.chance(4) {
            mutate_json_text(rng, &mut input);
        }
    }
    if rng.chance(2) {
        mutate_bytes(rng, &mut input, corpus);
    }
    input
}

/// A structural change at a random place of the document.
fn mutate_json(rng: &mut Rng, value: &mut serde_json::Value) {
    use serde_json::{Value, json};
    let node = random_node(rng, value);
    *node = match rng.below(12) {
        0 => Value::Null,
        1 => json!(f64::MAX),
        2 => json!(i64::MIN),
        3 => json!(u64::MAX),
        4 => Value::from("x".repeat(rng.below(70_000))),
        5 => json!([]),
        6 => json!({}),
        7 => json!("p1"),
        8 => json!(true),
        9 => match node.clone() {
            // Many copies of a list item: thousands of people or lines.
            Value::Array(items) if !items.is_empty() => {
                let item = items[rng.below(items.len())].clone();
                let copies = if rng.chance(4) {
                    rng.below(20_000)
                } else {
                    rng.below(50)
                };
                let mut items = items;
                // Copies of copies grow as a square: stay within the input size.
                let item_bytes = serde_json::to_vec(&item).map_or(1, |b| b.len().max(1));
                let copies = copies.min(MAX_INPUT_BYTES / item_bytes);
                items.extend(std::iter::repeat_n(item, copies));
                Value::Array(items)
            }
            other => other,
        },
        10 => match node.clone() {
            Value::Object(mut fields) => {
                let key = rng.pick(&[
                    "id",
                    "from",
                    "to",
                    "kind",
                    "position",
                    "x",
                    "y",
                    "power",
                    "format",
                    "version",
                    "stakeholders",
                    "relationships",
                    "owner",
                    "due",
                    "tags",
                ]);
                if rng.chance(2) {
                    fields.remove(*key);
                } else {
                    fields.insert((*key).to_owned(), json!(rng.next() as i64));
                }
                Value::Object(fields)
            }
            other => other,
        },
        _ => {
            // Relationships that repeat one from/kind/to, without ids.
            let count = rng.below(5_000);
            Value::Array(
                (0..count)
                    .map(|_| json!({"from": "a", "to": "b", "kind": "influences"}))
                    .collect(),
            )
        }
    };
}

/// A node of `value`, reached by a random walk from the top.
fn random_node<'a>(rng: &mut Rng, value: &'a mut serde_json::Value) -> &'a mut serde_json::Value {
    use serde_json::Value;
    let depth = rng.below(6);
    let mut node = value;
    for _ in 0..depth {
        let len = match &*node {
            Value::Array(items) => items.len(),
            Value::Object(fields) => fields.len(),
            _ => 0,
        };
        if len == 0 {
            break;
        }
        let i = rng.below(len);
        node = match node {
            Value::Array(items) => &mut items[i],
            Value::Object(fields) => fields.values_mut().nth(i).expect("i < len"),
            _ => unreachable!("only lists and objects have children"),
        };
    }
    node
}

/// Changes only text can make: deep nesting, duplicate keys, numbers beyond f64.
fn mutate_json_text(rng: &mut Rng, input: &mut Vec<u8>) {
    let at = rng.below(input.len() + 1);
    let insert: Vec<u8> = match rng.below(4) {
        0 => {
            let depth = rng.below(300);
            [
                b"[".repeat(depth),
                b"1".to_vec(),
                b"]".repeat(depth),
                b",".to_vec(),
            ]
            .concat()
        }
        1 => b"\"id\":\"dup\",\"id\":\"dup\",".to_vec(),
        2 => b"1e999999,".to_vec(),
        _ => b"\"x\":-0.0000000000000000000000000000001e-330,".to_vec(),
    };
    // After an opening brace, where a member may start.
    let brace = input[..at]
        .iter()
        .rposition(|b| *b == b'{')
        .map_or(0, |i| i + 1);
    input.splice(brace..brace, insert);
}

fn check_map(bytes: &[u8]) -> Result<(), String> {
    let doc = match from_bytes(bytes) {
        Ok(doc) => doc,
        Err(LoadError::Invalid(problems))
            if problems.is_empty() || problems.iter().any(|p| p.message.trim().is_empty()) =>
        {
            return Err(format!("an invalid map without a reason: {problems:?}"));
        }
        Err(err) if err.to_string().trim().is_empty() => return Err("an empty error".to_owned()),
        Err(_) => return Ok(()),
    };
    let written = to_bytes(&doc);
    let again = from_bytes(&written).map_err(|e| format!("saved map does not load: {e}"))?;
    if again != doc {
        return Err("saved map loads back different".to_owned());
    }
    let today = Date::from_ymd(2026, 1, 15).ok_or("no such date")?;
    for language in [Language::English, Language::Chinese] {
        let analysis = analyze(&doc, &AnalysisOptions::new(today, language));
        report::to_text(&doc, &analysis, true);
        let options = ExportOptions {
            redact: false,
            language,
            today,
            view: None,
        };
        for format in [ExportFormat::Svg, ExportFormat::Csv, ExportFormat::Markdown] {
            export(&doc, format, &options).map_err(|e| format!("export fails: {e}"))?;
        }
    }
    Ok(())
}

#[test]
fn map_loader() {
    fuzz("map", &map_corpus(), mutate_map, check_map);
}

// ---------------------------------------------------------------------------
// Contact lists: CSV and .xlsx

fn check_table(bytes: &[u8], format: TableFormat) -> Result<(), String> {
    let table = match read_table_bytes(bytes, format, "fuzz", None) {
        Ok(table) => table,
        Err(err) => {
            for language in [Language::English, Language::Chinese] {
                if err.message(language).trim().is_empty() {
                    return Err(format!("an empty message for {err:?}"));
                }
            }
            return Ok(());
        }
    };
    let mapping = ColumnMapping::detect(&table.headers);
    if !mapping.has_name() {
        return Ok(());
    }
    let plan = plan_import(&Document::default(), &table, &mapping)
        .map_err(|e| format!("a table read cannot be planned: {e}"))?;
    let mut editor = Editor::new(Document::default());
    editor
        .apply(plan.command)
        .map_err(|e| format!("a plan does not apply: {e}"))?;
    let problems = validate(editor.document());
    if !problems.is_empty() {
        return Err(format!("an import gives an invalid map: {problems:?}"));
    }
    Ok(())
}

fn csv_corpus() -> Vec<Vec<u8>> {
    let mut corpus: Vec<Vec<u8>> = files_in(&manifest().join("tests/fixtures/import"))
        .into_iter()
        .filter(|(path, _)| path.extension().is_none_or(|e| e != "xlsx"))
        .map(|(_, bytes)| bytes)
        .collect();
    corpus.push(b"Name,Reports To\nA,B\nB,C\nC,A\n".to_vec());
    corpus.push(b"Name;Manager;Email\nAnn;;ann@x\nBo;ann@x;bo@x\n".to_vec());
    corpus
}

#[test]
fn csv_reader() {
    fuzz(
        "csv",
        &csv_corpus(),
        |rng, corpus| {
            let mut input = rng.pick(corpus).clone();
            mutate_bytes(rng, &mut input, corpus);
            input
        },
        |bytes| check_table(bytes, TableFormat::Delimited),
    );
}

/// Seeds for the workbook target, as lists of parts.
fn xlsx_seeds() -> Vec<Vec<Entry>> {
    let mut seeds = Vec::new();
    // The fixture, taken apart with the `zip` crate.
    let fixture = std::fs::read(manifest().join("tests/fixtures/import/contacts.xlsx")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(fixture)).unwrap();
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        parts.push(Entry::deflated(file.name(), &content));
    }
    seeds.push(parts);
    // Inline strings, and shared strings with styles and dates.
    let mut inline = workbook_parts();
    inline.push(Entry::deflated(
        "xl/worksheets/sheet1.xml",
        &sheet(&[
            &["Name", "Manager", "Email"],
            &["Ann", "", "ann@x"],
            &["Bo", "Ann", ""],
        ]),
    ));
    seeds.push(inline);
    let mut shared = workbook_parts();
    shared.push(Entry::stored(
        "xl/sharedStrings.xml",
        br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Name</t></si><si><r><t>Ann</t></r><r><rPr><b/></rPr><t> Lee</t></r></si><si><t xml:space="preserve"> Reports To </t></si></sst>"#,
    ));
    shared.push(Entry::deflated(
        "xl/styles.xml",
        br#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>"#,
    ));
    shared.push(Entry::deflated(
        "xl/worksheets/sheet1.xml",
        br#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c><c r="C1" t="inlineStr"><is><t>Met</t></is></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" s="1"><v>45943.5</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#N/A</v></c></row></sheetData></worksheet>"#,
    ));
    seeds.push(shared);
    seeds
}

/// A workbook made from a seed with its parts changed the way hostile or broken
/// files differ from honest ones.
fn mutate_xlsx(rng: &mut Rng, seeds: &[Vec<Entry>], texts: &[Vec<u8>]) -> Vec<u8> {
    let seed = rng.pick(seeds);
    let mut parts: Vec<(String, Vec<u8>)> =
        seed.iter().map(|e| (e.name.clone(), unpacked(e))).collect();
    for _ in 0..=rng.below(3) {
        if parts.is_empty() {
            break;
        }
        let i = rng.below(parts.len());
        match rng.below(8) {
            0..=3 => mutate_bytes(rng, &mut parts[i].1, texts),
            4 => {
                let copy = parts[i].clone();
                parts.push(copy);
            }
            5 => {
                parts.remove(i);
            }
            6 => {
                let name = &mut parts[i].0;
                *name = match rng.below(3) {
                    0 => name.to_uppercase(),
                    1 => name.replace('/', "\\"),
                    _ => format!("/{name}"),
                };
            }
            _ => {
                // XML repeated inside itself: deep nesting or many cells.
                let content = &mut parts[i].1;
                if let Some(start) = content.iter().position(|b| *b == b'<') {
                    let end = (start + rng.below(200) + 1).min(content.len());
                    let chunk = content[start..end].to_vec();
                    let times = rng.below(20_000);
                    content.splice(end..end, chunk.repeat(times));
                }
            }
        }
    }
    let mut entries: Vec<Entry> = parts
        .iter()
        .map(|(name, content)| {
            if rng.chance(3) {
                Entry::stored(name, content)
            } else {
                Entry::deflated(name, content)
            }
        })
        .collect();
    for entry in &mut entries {
        match rng.below(12) {
            0 => entry.declared_size = rng.next() % (entry.declared_size * 2 + 2),
            1 => entry.crc32 ^= 1 << rng.below(32),
            2 => entry.declared_size = u64::from(u32::MAX),
            _ => {}
        }
    }
    let mut bytes = zip(&entries);
    if rng.chance(4) {
        mutate_bytes(rng, &mut bytes, texts);
    }
    bytes
}

/// The content of a part built by [`Entry`].
fn unpacked(entry: &Entry) -> Vec<u8> {
    if entry.stored {
        return entry.packed.clone();
    }
    let mut content = Vec::new();
    let _ = flate2::read::DeflateDecoder::new(entry.packed.as_slice()).read_to_end(&mut content);
    assert_eq!(crc32(&content), entry.crc32, "seeds are honest");
    content
}

#[test]
fn xlsx_reader() {
    let seeds = xlsx_seeds();
    // Texts to splice in: the parts of the seeds.
    let texts: Vec<Vec<u8>> = seeds.iter().flatten().map(unpacked).collect();
    let corpus: Vec<Vec<u8>> = seeds.iter().map(|parts| zip(parts)).collect();
    fuzz(
        "xlsx",
        &corpus,
        |rng, _| mutate_xlsx(rng, &seeds, &texts),
        |bytes| check_table(bytes, TableFormat::Xlsx),
    );
}
