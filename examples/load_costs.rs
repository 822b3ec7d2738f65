//! What loading a map costs next to a plain JSON parse of the same file, and what
//! the analysis (`powermap report --format json`) costs next to loading.
//!
//! ```text
//! cargo run --release --example load_costs                       # synthetic maps 1k, 10k, 100k
//! cargo run --release --example load_costs -- --sizes 2000,20000
//! cargo run --release --example load_costs -- FILE.json ...      # your own maps
//! ```
//!
//! Each step is run in a fresh process (this program started again with `--only`),
//! so that the peak memory of each (VmHWM) is its own; times are medians of
//! `--runs` runs (default 5), wall clock inside the process, the file already read.
//! `python3 -c 'json.load(...)'`, `powermap check` and `powermap report --format
//! json` are timed as whole processes, start-up and output included (the last two
//! when `powermap` was built next to this example).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use powermap::analysis::{AnalysisOptions, analyze, report};
use powermap::format::{from_bytes, read_file, to_bytes};
use powermap::lang::Language;
use powermap::model::Date;
use powermap::samples::synthetic_map;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--only") {
        let (Some(step), Some(file)) = (args.get(at + 1), args.get(at + 2)) else {
            eprintln!("--only STEP FILE");
            std::process::exit(2);
        };
        only(step, Path::new(file));
        return;
    }
    let mut sizes = vec![1_000, 10_000, 100_000];
    let mut runs = 5;
    let mut dir = PathBuf::from("/tmp/powermap-load-costs");
    let mut files = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--sizes" => {
                sizes = rest
                    .next()
                    .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
                    .unwrap_or_default();
            }
            "--runs" => runs = rest.next().and_then(|n| n.parse().ok()).unwrap_or(5),
            "--dir" => dir = rest.next().map(PathBuf::from).unwrap_or(dir),
            file => files.push(PathBuf::from(file)),
        }
    }
    if files.is_empty() {
        if let Err(err) = std::fs::create_dir_all(&dir) {
            eprintln!("cannot create {}: {err}", dir.display());
            std::process::exit(1);
        }
        for &n in &sizes {
            let path = dir.join(format!("synthetic{n}.json"));
            if !path.exists()
                && let Err(err) = std::fs::write(&path, to_bytes(&synthetic_map(n, 7)))
            {
                eprintln!("cannot write {}: {err}", path.display());
                std::process::exit(1);
            }
            files.push(path);
        }
    }
    let me = std::env::current_exe().unwrap_or_default();
    // target/release/examples/load_costs → target/release/powermap
    let powermap = me
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("powermap"))
        .filter(|p| p.exists());
    println!(
        "| file | MB | Value parse ms | load ms | load / parse | Value MB | load MB | load / parse MB | analysis + JSON ms | python json.load ms | powermap check ms | check / python | powermap report ms | report / check |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for file in &files {
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        let value = step(&me, "value", file, runs);
        let load = step(&me, "load", file, runs);
        let report = step(&me, "report", file, runs);
        let python = process_ms(
            Command::new("python3")
                .arg("-c")
                .arg("import json,sys; json.load(open(sys.argv[1], 'rb'))")
                .arg(file),
            runs,
        );
        let check = powermap
            .as_ref()
            .and_then(|p| process_ms(Command::new(p).arg("check").arg(file), runs));
        let report_command = powermap.as_ref().and_then(|p| {
            let mut command = Command::new(p);
            command
                .args(["report", "--format", "json", "--today", "2026-11-30"])
                .arg(file);
            process_ms(&mut command, runs)
        });
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        let ms = |m: Option<f64>| m.map_or("–".to_owned(), |m| format!("{m:.0}"));
        let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
            _ => "–".to_owned(),
        };
        println!(
            "| {name} | {size:.1} | {:.1} | {:.1} | {:.2} | {:.0} | {:.0} | {:.2} | {:.1} | {} | {} | {} | {} | {} |",
            value.0,
            load.0,
            load.0 / value.0,
            value.1,
            load.1,
            load.1 / value.1,
            report.0,
            ms(python),
            ms(check),
            ratio(check, python),
            ms(report_command),
            ratio(report_command, check),
        );
    }
}

/// Median milliseconds and peak MB of one step, each run in its own process.
fn step(me: &Path, name: &str, file: &Path, runs: usize) -> (f64, f64) {
    let mut times = Vec::new();
    let mut peaks = Vec::new();
    for _ in 0..runs {
        let output = Command::new(me).args(["--only", name]).arg(file).output();
        let Ok(output) = output else { continue };
        let text = String::from_utf8_lossy(&output.stdout);
        let mut words = text.split_whitespace();
        if let (Some(ms), Some(kb)) = (words.next(), words.next())
            && let (Ok(ms), Ok(kb)) = (ms.parse::<f64>(), kb.parse::<f64>())
        {
            times.push(ms);
            peaks.push(kb / 1024.0);
        } else {
            eprintln!(
                "{name} {}: {}",
                file.display(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
    (median(&mut times), median(&mut peaks))
}

/// Median wall-clock milliseconds of a whole process, or `None` when it cannot run.
fn process_ms(command: &mut Command, runs: usize) -> Option<f64> {
    let mut times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let output = command.output().ok()?;
        if !output.status.success() {
            return None;
        }
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    Some(median(&mut times))
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Runs one step on `file` and prints its milliseconds and this process's peak
/// resident memory in KB (for `report`: the analysis and the JSON text, the map
/// already loaded).
fn only(step: &str, file: &Path) {
    let bytes = match read_file(file) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("{err}");
            std::process::exit(1);
        }
    };
    let start = Instant::now();
    match step {
        "value" => {
            let value = serde_json::from_slice::<serde_json::Value>(&bytes);
            std::hint::black_box(&value);
        }
        "load" => {
            let doc = from_bytes(&bytes);
            std::hint::black_box(&doc);
        }
        "report" => {
            let Ok(doc) = from_bytes(&bytes) else {
                eprintln!("the map does not load");
                std::process::exit(1);
            };
            let start = Instant::now();
            let Ok(today) = "2026-11-30".parse::<Date>() else {
                return;
            };
            let analysis = analyze(&doc, &AnalysisOptions::new(today, Language::English));
            let text = report::to_json_text(&doc, &analysis);
            std::hint::black_box(&text);
            println!("{} {}", start.elapsed().as_secs_f64() * 1000.0, peak_kb());
            return;
        }
        other => {
            eprintln!("unknown step {other}: value, load or report");
            std::process::exit(2);
        }
    }
    println!("{} {}", start.elapsed().as_secs_f64() * 1000.0, peak_kb());
}

/// The peak resident memory of this process (VmHWM), in KB.
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|kb| kb.parse().ok())
        })
        .unwrap_or(0)
}
