//! `powermap portfolio DIR`: one row per map of a workspace, totals by stage and
//! health, the deals whose health worsened since their last review and the risk
//! codes most telling of lost deals.

use std::io::Write;
use std::path::Path;

use serde_json::{Map, Value, json};

use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::analysis::{AnalysisOptions, DEFAULT_STALE_DAYS};
use crate::portfolio::{Lessons, MapRow, ScanOptions, Sum, Workspace, scan, totals, worsened};

/// Output formats of `powermap portfolio`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PortfolioFormat {
    /// A table for the terminal.
    Text,
    /// Markdown tables.
    Markdown,
    /// `{"maps": [...], "totals": {...}}`.
    Json,
    /// One line per map.
    Csv,
}

/// Scans `dir` and writes the portfolio. Exit status 1 when `dir` is not a folder
/// or any map in it is broken.
pub fn run(
    dir: &Path,
    format: PortfolioFormat,
    today: Option<&str>,
    use_cache: bool,
    out: &mut dyn Write,
) -> u8 {
    if !dir.is_dir() {
        eprintln!("powermap portfolio: {}: not a folder", dir.display());
        return EXIT_PROBLEMS;
    }
    let today = match super::parse_today("portfolio", today) {
        Ok(today) => today,
        Err(message) => {
            eprintln!("{message}");
            return EXIT_PROBLEMS;
        }
    };
    let options = ScanOptions {
        analysis: AnalysisOptions {
            stale_after_days: DEFAULT_STALE_DAYS,
            ..AnalysisOptions::new(today, crate::lang::Language::English)
        },
        cache_dir: use_cache.then(crate::user_paths::cache_dir).flatten(),
    };
    let workspace = scan(dir, &options, None);
    for note in &workspace.notes {
        eprintln!("{}", crate::safe_text::terminal_text(&note.to_string()));
    }
    let text = match format {
        PortfolioFormat::Json => {
            let json = serde_json::to_string_pretty(&to_json(&workspace)).unwrap_or_default();
            crate::safe_text::json_invisible_escaped(&json).into_owned() + "\n"
        }
        PortfolioFormat::Csv => to_csv(&workspace),
        PortfolioFormat::Markdown => to_text(&workspace, true),
        PortfolioFormat::Text => {
            crate::safe_text::terminal_text(&to_text(&workspace, false)).into_owned()
        }
    };
    if out.write_all(text.as_bytes()).is_err() {
        return EXIT_PROBLEMS;
    }
    if workspace.rows.iter().any(|r| r.summary.is_err()) {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    }
}

/// The path of a row as shown: relative to the workspace, with `/`.
fn shown_path(workspace: &Workspace, row: &MapRow) -> String {
    let relative = row.path.strip_prefix(&workspace.root).unwrap_or(&row.path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Two decimals: stable output without float noise.
fn rounded(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

fn sum_json(sum: &Sum) -> Value {
    let value: Map<String, Value> = sum
        .value
        .iter()
        .map(|(currency, v)| (currency.clone(), json!(rounded(*v))))
        .collect();
    json!({"maps": sum.maps, "deal_value": value})
}

/// The JSON document of the portfolio.
pub fn to_json(workspace: &Workspace) -> Value {
    let maps: Vec<Value> = workspace
        .rows
        .iter()
        .map(|row| {
            let path = shown_path(workspace, row);
            match &row.summary {
                Ok(s) => json!({
                    "path": path,
                    "account": s.account,
                    "stage": s.stage.as_str(),
                    "deal_value": s.deal_value,
                    "currency": s.currency,
                    "health": s.health.as_str(),
                    "decision_maker_supports": s.decision_maker_supports,
                    "has_champion": s.has_champion,
                    "stale_share": rounded(s.stale_share),
                    "overdue_actions": s.overdue_actions,
                    "error": null,
                }),
                Err(message) => json!({
                    "path": path,
                    "account": null,
                    "stage": null,
                    "deal_value": null,
                    "currency": null,
                    "health": null,
                    "decision_maker_supports": null,
                    "has_champion": null,
                    "stale_share": null,
                    "overdue_actions": null,
                    "error": message.english,
                }),
            }
        })
        .collect();
    let t = totals(&workspace.rows);
    let by_stage: Map<String, Value> = t
        .by_stage
        .iter()
        .map(|(stage, sum)| (stage.as_str().to_owned(), sum_json(sum)))
        .collect();
    let by_health: Map<String, Value> = t
        .by_health
        .iter()
        .map(|(health, sum)| (health.as_str().to_owned(), sum_json(sum)))
        .collect();
    let lessons = Lessons::from_rows(&workspace.rows);
    let telling: Vec<Value> = lessons
        .telling_risks
        .iter()
        .map(|r| {
            json!({"code": r.code, "lost_with": r.lost_with, "lost": r.lost,
                   "won_with": r.won_with, "won": r.won})
        })
        .collect();
    let worse: Vec<String> = worsened(&workspace.rows)
        .into_iter()
        .map(|r| shown_path(workspace, r))
        .collect();
    json!({
        "maps": maps,
        "totals": {
            "maps": t.maps,
            "broken": t.broken,
            "by_stage": by_stage,
            "by_health": by_health,
            "worsened_since_review": worse,
            "closed_deals": lessons.closed_deals(),
            "telling_risks": telling,
        }
    })
}

fn value_text(value: Option<f64>, currency: &str) -> String {
    match value {
        Some(v) => format!("{} {currency}", crate::ui::account_panel::format_amount(v))
            .trim()
            .to_owned(),
        None => String::new(),
    }
}

fn sum_text(sum: &Sum) -> String {
    let values: Vec<String> = sum
        .value
        .iter()
        .map(|(c, v)| value_text(Some(*v), c))
        .collect();
    if values.is_empty() {
        format!("{} maps", sum.maps)
    } else {
        format!("{} maps, {}", sum.maps, values.join(" + "))
    }
}

fn yes(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

/// The text or Markdown report.
pub fn to_text(workspace: &Workspace, markdown: bool) -> String {
    let mut out = String::new();
    let header = [
        "path",
        "account",
        "stage",
        "deal value",
        "health",
        "DM supports",
        "champion",
        "stale",
        "overdue",
    ];
    let mut lines: Vec<Vec<String>> = Vec::new();
    for row in &workspace.rows {
        let path = shown_path(workspace, row);
        lines.push(match &row.summary {
            Ok(s) => vec![
                path,
                s.account.clone(),
                s.stage.as_str().to_owned(),
                value_text(s.deal_value, &s.currency),
                s.health.as_str().to_owned(),
                yes(s.decision_maker_supports).to_owned(),
                yes(s.has_champion).to_owned(),
                format!("{:.0}%", s.stale_share * 100.0),
                s.overdue_actions.to_string(),
            ],
            Err(message) => vec![path, format!("error: {message}")],
        });
    }
    if markdown {
        out.push_str("# Portfolio\n\n");
        out.push_str(&format!("| {} |\n", header.join(" | ")));
        out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
        for line in &lines {
            let cells: Vec<String> = line.iter().map(|c| c.replace('|', "\\|")).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    } else {
        for line in &lines {
            out.push_str(&line.join("  "));
            out.push('\n');
        }
    }
    let t = totals(&workspace.rows);
    let heading = |out: &mut String, text: &str| {
        if markdown {
            out.push_str(&format!("\n## {text}\n\n"));
        } else {
            out.push_str(&format!("\n{text}:\n"));
        }
    };
    let item = if markdown { "- " } else { "  " };
    heading(&mut out, "By stage");
    for (stage, sum) in &t.by_stage {
        out.push_str(&format!("{item}{}: {}\n", stage.as_str(), sum_text(sum)));
    }
    heading(&mut out, "By health");
    for (health, sum) in &t.by_health {
        out.push_str(&format!("{item}{}: {}\n", health.as_str(), sum_text(sum)));
    }
    if t.broken > 0 {
        out.push_str(&format!("{item}broken files: {}\n", t.broken));
    }
    let worse = worsened(&workspace.rows);
    if !worse.is_empty() {
        heading(&mut out, "Health worse than at the last review");
        for row in worse {
            out.push_str(&format!("{item}{}\n", shown_path(workspace, row)));
        }
    }
    let lessons = Lessons::from_rows(&workspace.rows);
    if !lessons.telling_risks.is_empty() {
        heading(&mut out, "Risks most present in lost deals");
        for r in &lessons.telling_risks {
            out.push_str(&format!(
                "{item}{}: in {} of {} lost deals, {} of {} won deals\n",
                r.code, r.lost_with, r.lost, r.won_with, r.won
            ));
        }
    }
    out
}

/// One CSV line per map.
pub fn to_csv(workspace: &Workspace) -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = writer.write_record([
        "path",
        "account",
        "opportunity",
        "stage",
        "deal_value",
        "currency",
        "close_date",
        "health",
        "decision_maker_supports",
        "has_champion",
        "stale_share",
        "overdue_actions",
        "owners",
        "error",
    ]);
    for row in &workspace.rows {
        let path = shown_path(workspace, row);
        let record: Vec<String> = match &row.summary {
            Ok(s) => vec![
                path,
                s.account.clone(),
                s.opportunity.clone(),
                s.stage.as_str().to_owned(),
                s.deal_value.map(|v| v.to_string()).unwrap_or_default(),
                s.currency.clone(),
                s.close_date.map(|d| d.to_string()).unwrap_or_default(),
                s.health.as_str().to_owned(),
                s.decision_maker_supports.to_string(),
                s.has_champion.to_string(),
                rounded(s.stale_share).to_string(),
                s.overdue_actions.to_string(),
                s.owners.join("; "),
                String::new(),
            ],
            Err(message) => {
                let mut cells = vec![path];
                cells.extend(std::iter::repeat_n(String::new(), 12));
                cells.push(message.english.clone());
                cells
            }
        };
        let _ = writer.write_record(record);
    }
    writer
        .into_inner()
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}
