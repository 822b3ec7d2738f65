//! Where the time goes when the app imports a large contact list, step by step
//! (for docs/PERFORMANCE.md): reading the file, the preview's copy of the map and
//! its proposed matches, planning the import, applying it as one undo step, undo
//! and redo.
//!
//! `cargo run --release --example import_costs -- FILE.csv [MAP.json]`

use std::time::Instant;

use powermap::edit::Editor;
use powermap::lang::Language;
use powermap::ui::import_dialog::ImportPreview;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let file = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("a contact file"))?;
    let doc = match args.next() {
        Some(map) => powermap::format::load_file(std::path::Path::new(&map))?,
        None => powermap::model::Document::default(),
    };
    let mut editor = Editor::new(doc);
    let time = |label: &str, start: Instant| {
        println!(
            "{label:<28} {:>8.1} ms",
            start.elapsed().as_secs_f64() * 1000.0
        );
    };
    let start = Instant::now();
    let table = powermap::import::read_table(std::path::Path::new(&file), None)
        .map_err(|err| anyhow::anyhow!(err.message(Language::English)))?;
    time("read the file", start);
    let start = Instant::now();
    let mut preview = ImportPreview::new(file.clone().into(), table, editor.snapshot());
    time("open the preview", start);
    let start = Instant::now();
    // (Large files are matched on a background thread, as in the app.)
    let mut proposals = preview.proposals().len();
    while preview.is_finding() {
        std::thread::sleep(std::time::Duration::from_millis(5));
        proposals = preview.proposals().len();
    }
    time(&format!("propose matches ({proposals})"), start);
    let start = Instant::now();
    let plan = preview
        .plan(editor.document(), Language::English)
        .map_err(|err| anyhow::anyhow!(err.message(Language::English)))?;
    time(&format!("plan ({} added)", plan.summary.added), start);
    let start = Instant::now();
    editor.apply(plan.command)?;
    time("apply as one step", start);
    let start = Instant::now();
    editor.undo()?;
    time("undo", start);
    let start = Instant::now();
    editor.redo()?;
    time("redo", start);
    Ok(())
}
