//! `powermap bench-views`: how long the workshop views and the force layout take on
//! generated maps (`samples::synthetic_map`: a reporting tree, about two lines per
//! person), and the same graphs as DOT files for timing Graphviz side by side.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::lang::Language;
use crate::model::{Document, RelationshipKind};
use crate::views::{ForceOptions, ViewKind, force_layout, view_layout};

/// Runs per measurement of the quick views (the median is reported).
const RUNS: usize = 7;

/// Measures each view on generated maps of `sizes` people; with `dot_dir`, writes
/// `tree-N.dot` (the reporting lines, for `dot`) and `graph-N.dot` (every line,
/// for `sfdp`) there first.
pub fn run(sizes: &[usize], dot_dir: Option<&Path>, out: &mut dyn Write) -> u8 {
    let _ = writeln!(
        out,
        "{:<10} {:>8} {:>12} {:>6}",
        "view", "people", "median ms", "runs"
    );
    for &size in sizes {
        let doc = crate::samples::synthetic_map(size, 7);
        if let Some(dir) = dot_dir
            && let Err(err) = write_dot(&doc, dir, size)
        {
            eprintln!(
                "powermap bench-views: cannot write DOT files in {}: {err}",
                dir.display()
            );
            return EXIT_PROBLEMS;
        }
        for kind in [ViewKind::OrgChart, ViewKind::Grid, ViewKind::Fishbone] {
            let ms = median_ms(RUNS, || {
                std::hint::black_box(view_layout(&doc, kind, Language::English));
            });
            let _ = writeln!(out, "{:<10} {size:>8} {ms:>12.2} {RUNS:>6}", kind.as_str());
        }
        let runs = if size > 5_000 { 1 } else { 3 };
        let ms = median_ms(runs, || {
            std::hint::black_box(force_layout(
                &doc,
                &ForceOptions::default(),
                |_| {},
                &AtomicBool::new(false),
            ));
        });
        let _ = writeln!(out, "{:<10} {size:>8} {ms:>12.1} {runs:>6}", "force");
    }
    EXIT_OK
}

fn median_ms(runs: usize, mut job: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            job();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(0.0)
}

/// The reporting tree and the whole graph of `doc` as DOT.
fn write_dot(doc: &Document, dir: &Path, size: usize) -> std::io::Result<()> {
    let mut tree = String::from("digraph tree {\n");
    let mut graph = String::from("graph map {\n");
    for person in &doc.stakeholders {
        tree.push_str(&format!("  \"{}\";\n", person.id.as_str()));
        graph.push_str(&format!("  \"{}\";\n", person.id.as_str()));
    }
    for line in &doc.relationships {
        let (from, to) = (line.from.as_str(), line.to.as_str());
        if line.kind == RelationshipKind::ReportsTo {
            // Managers on top: the edge runs from the manager.
            tree.push_str(&format!("  \"{to}\" -> \"{from}\";\n"));
        }
        graph.push_str(&format!("  \"{from}\" -- \"{to}\";\n"));
    }
    tree.push_str("}\n");
    graph.push_str("}\n");
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join(format!("tree-{size}.dot")), tree)?;
    std::fs::write(dir.join(format!("graph-{size}.dot")), graph)
}
