//! `powermap bench --portfolio N`: writes N generated maps of 20–50 people into a
//! temporary folder, scans it cold (no cache) and warm (from the cache it just
//! wrote), prints both times and removes the folder.

use std::time::Instant;

use super::{ScanOptions, scan};
use crate::analysis::AnalysisOptions;
use crate::lang::Language;
use crate::model::Date;

/// Runs the benchmark for each size and writes one line per size to `out`.
pub fn run(sizes: &[usize], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for &n in sizes {
        let dir =
            std::env::temp_dir().join(format!("powermap-portfolio-bench-{}", std::process::id()));
        let cache = dir.join("cache");
        let maps = dir.join("maps");
        let _ = std::fs::remove_dir_all(&dir);
        for i in 0..n {
            let people = 20 + (i * 7) % 31;
            let mut doc = crate::samples::synthetic_map(people, i as u64);
            doc.account.name = format!("Customer {i}");
            // A hundred maps to a folder, as a team files them.
            let path = maps
                .join(format!("{:03}", i / 100))
                .join(format!("map-{i}.json"));
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, crate::format::to_bytes(&doc))?;
        }
        let options = ScanOptions {
            analysis: AnalysisOptions::new(Date::today_local(), Language::English),
            cache_dir: Some(cache.clone()),
        };
        let start = Instant::now();
        let cold = scan(&maps, &options, None);
        let cold_ms = start.elapsed().as_secs_f64() * 1000.0;
        let start = Instant::now();
        let warm = scan(&maps, &options, None);
        let warm_ms = start.elapsed().as_secs_f64() * 1000.0;
        writeln!(
            out,
            "portfolio {n} maps: cold {cold_ms:.0} ms ({} rows), warm {warm_ms:.0} ms ({} from cache)",
            cold.rows.len(),
            warm.from_cache
        )?;
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}
