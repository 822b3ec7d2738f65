//! The command line: `powermap [FILE]` starts the app, subcommands work headless.

mod bench_views;
mod check;
mod diff;
mod export;
mod find;
mod fmt;
mod git_setup;
mod history;
mod import;
mod layout;
mod merge;
mod people;
mod portfolio;
mod report;

pub use layout::{LayoutStyle, layout_positions};

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Exit status when every file was fine.
pub const EXIT_OK: u8 = 0;
/// Exit status when any file was invalid, unreadable or (with `--check`) not canonical.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit status of a usage error (as clap exits on one).
pub const EXIT_USAGE: u8 = 2;

/// Power maps for B2B sales teams: who decides, who influences, and how to win them.
#[derive(Debug, Parser)]
#[command(name = "powermap", version, args_conflicts_with_subcommands = true)]
#[command(after_help = "Without a subcommand, Powermap opens the desktop app \
                        (with FILE, or the last map, or a sample map).")]
pub struct Cli {
    /// Map file to open in the desktop app.
    pub file: Option<PathBuf>,
    /// A headless task instead of the app.
    #[command(subcommand)]
    pub command: Option<Task>,
}

/// Headless tasks.
#[derive(Debug, Subcommand)]
pub enum Task {
    /// Check map files: a summary line for each valid file, every problem of an invalid one.
    Check {
        /// Map files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Analyse a map: influence, likely decision makers, risks, health, paths to power.
    Report {
        /// The map file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Language of the messages: en or zh.
        #[arg(long, default_value = "en")]
        lang: String,
        /// The date to judge staleness and overdue actions against (default: today).
        #[arg(long)]
        today: Option<String>,
        /// Information verified longer ago than this many days is stale.
        #[arg(long, default_value_t = crate::analysis::DEFAULT_STALE_DAYS)]
        stale_days: i64,
        /// A workspace folder whose closed deals add learned decision-maker evidence.
        #[arg(long, value_name = "DIR")]
        workspace: Option<PathBuf>,
    },
    /// A workspace's maps: one row each, totals by stage and health, deals worse than
    /// at their last review, risks telling of lost deals (exit 1 when a map is broken).
    Portfolio {
        /// The workspace folder (searched at any depth).
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = portfolio::PortfolioFormat::Text)]
        format: portfolio::PortfolioFormat,
        /// The date to judge staleness and overdue actions against (default: today).
        #[arg(long)]
        today: Option<String>,
        /// Read every map again instead of using the scan cache.
        #[arg(long)]
        no_cache: bool,
    },
    /// Find a person (by name or e-mail) in every map of a workspace, with the moves
    /// between customers the maps show (exit 1 when nobody matches).
    People {
        /// The workspace folder.
        dir: PathBuf,
        /// A name (or part of one) or an e-mail address.
        query: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = people::PeopleFormat::Text)]
        format: people::PeopleFormat,
        /// Language of the sentences: en or zh.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Export a map: the format comes from the extension of OUT (png, svg, html, md, csv).
    Export {
        /// The map file.
        file: PathBuf,
        /// Where to write: OUT.png, OUT.svg, OUT.html, OUT.md or OUT.csv.
        #[arg(short, long)]
        output: PathBuf,
        /// Leave out private fields (personal agenda, notes, contact details).
        #[arg(long)]
        redact: bool,
        /// Language of reports and legends: en or zh.
        #[arg(long, default_value = "en")]
        lang: String,
        /// The date reports are made for (default: today).
        #[arg(long)]
        today: Option<String>,
        /// The view a PNG or SVG picture shows: map, org, fishbone or grid.
        #[arg(long, default_value = "map")]
        view: String,
    },
    /// Import contacts from a CSV or Excel (.xlsx) file into a new map or an existing one.
    Import {
        /// The contact list (.csv, .tsv, .txt or .xlsx).
        contacts: PathBuf,
        /// Write a new map here.
        #[arg(short, long, conflicts_with = "into", required_unless_present = "into")]
        output: Option<PathBuf>,
        /// Merge into this existing map (saved atomically, keeping MAP.bak).
        #[arg(long)]
        into: Option<PathBuf>,
        /// Correct the column mapping: "Column header=field" (repeatable). Fields: name,
        /// first_name, last_name, title, department, reports_to, email, phone, account,
        /// notes, ignore.
        #[arg(long = "map", value_name = "HEADER=FIELD")]
        mappings: Vec<String>,
        /// Worksheet of an .xlsx file (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        /// Replace the file given with -o if it exists (it is kept as NAME.bak).
        #[arg(long)]
        force: bool,
        /// Match rows to people by e-mail only, never by name.
        #[arg(long)]
        no_match_by_name: bool,
        /// Rows (comma-separated, repeatable) to import as new people, whoever they match.
        #[arg(long, value_name = "ROWS", value_delimiter = ',')]
        separate: Vec<usize>,
        /// Rows whose namesake was kept apart (another e-mail, title or department)
        /// that are the same person after all.
        #[arg(long, value_name = "ROWS", value_delimiter = ',')]
        same_person: Vec<usize>,
        /// Rows matched by name only whose e-mail and phone may be copied, or "all".
        #[arg(long, value_name = "ROWS|all", value_delimiter = ',')]
        copy_contacts: Vec<String>,
    },
    /// What changed between two versions of a map, by ids (exit 0 when equal, 1 when not).
    Diff {
        /// The older version.
        old: PathBuf,
        /// The newer version.
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Merge two edited copies of a map with their common ancestor, field by field
    /// (exit 0 when clean, 1 when conflicts were recorded in OUT).
    Merge {
        /// The common ancestor.
        base: PathBuf,
        /// Our version.
        ours: PathBuf,
        /// Their version.
        theirs: PathBuf,
        /// Where to write the merged map.
        #[arg(short, long)]
        output: PathBuf,
        /// Run as git's merge driver: files that are not maps get git's line merge.
        #[arg(long)]
        driver: bool,
    },
    /// The commits that changed a map in a git repository (read without git), newest first.
    History {
        /// The map file, inside a git work tree.
        file: PathBuf,
        /// Show this person's stance in each commit instead.
        #[arg(long, value_name = "ID")]
        person: Option<String>,
    },
    /// Register Powermap's map merge with git for the maps in DIR (default: here).
    GitSetup {
        /// A folder inside the git work tree that holds the maps.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Measure the canvas headless (UI pass + tessellation) on generated maps or a
    /// real one; then, on generated maps in the table format, analysis and exports.
    Bench {
        /// Map sizes (stakeholders), comma-separated.
        #[arg(long, value_delimiter = ',', default_values_t = [200, 2000, 10000])]
        sizes: Vec<usize>,
        /// Frames measured per scenario.
        #[arg(long, default_value_t = 30)]
        frames: usize,
        /// Measure this map file instead of generated maps.
        #[arg(long, value_name = "FILE")]
        map: Option<PathBuf>,
        /// Generated maps: synthetic (short, tidy lines), random (informal lines to
        /// random people: long lines everywhere), comma-separated.
        #[arg(long, value_enum, value_delimiter = ',', default_values = ["synthetic", "random"])]
        maps: Vec<BenchMapKind>,
        /// Scenarios, comma-separated (default: all).
        #[arg(long, value_enum, value_delimiter = ',')]
        scenarios: Vec<crate::ui::bench::Scenario>,
        /// Output format: a table, or one JSON object per map and line.
        #[arg(long, value_enum, default_value_t = BenchFormat::Table)]
        format: BenchFormat,
        /// Instead: scan workspaces of this many generated maps (comma-separated),
        /// cold and warm.
        #[arg(long, value_name = "N", value_delimiter = ',')]
        portfolio: Vec<usize>,
    },
    /// Find people by name, title, department, tag, e-mail or the pinyin of a Chinese
    /// name (full or initials), best match first (exit 0 when found, 1 when not).
    Find {
        /// The map file.
        file: PathBuf,
        /// What to look for, e.g. 周振华, zhouzhenhua, zzh, finance.
        query: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = find::FindFormat::Text)]
        format: find::FindFormat,
    },
    /// Write a copy of a map with every person placed by a layout (org chart, force,
    /// grid or fishbone). FILE itself is written only when OUT names it.
    Layout {
        /// The map file.
        file: PathBuf,
        /// The layout.
        #[arg(long, value_enum)]
        style: layout::LayoutStyle,
        /// Where to write the laid-out map.
        #[arg(short, long)]
        output: PathBuf,
        /// Replace OUT if it exists (it is kept as NAME.bak).
        #[arg(long)]
        force: bool,
    },
    /// Time the workshop views (org chart, grid, fishbone) and the force layout on
    /// generated maps.
    BenchViews {
        /// Map sizes (stakeholders), comma-separated.
        #[arg(long, value_delimiter = ',', default_values_t = [200, 2000, 10000])]
        sizes: Vec<usize>,
        /// Also write the reporting tree and the whole graph of each map as DOT files
        /// here, to time Graphviz `dot` and `sfdp` on the same graphs.
        #[arg(long, value_name = "DIR")]
        dot: Option<PathBuf>,
    },
    /// Rewrite map files in canonical form (atomically, keeping NAME.bak).
    Fmt {
        /// Only report files that are not canonical; change nothing.
        #[arg(long)]
        check: bool,
        /// Map files to format.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// Output formats of `powermap report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Plain text for the terminal.
    Text,
    /// Markdown.
    Markdown,
    /// JSON for scripts.
    Json,
}

/// Generated maps `powermap bench` can measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum BenchMapKind {
    /// `samples::synthetic_map`: an org chart with mostly short lines.
    Synthetic,
    /// The same people with informal lines to random people.
    Random,
}

/// Output formats of `powermap bench`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum BenchFormat {
    /// Tables for the terminal.
    Table,
    /// `{"map", "people", "lines", "scenarios": [{"name", "median_ms", "p95_ms", ...}]}`
    /// per map, one per line.
    Json,
}

/// What `powermap bench` measures.
#[derive(Debug)]
pub struct BenchPlan {
    /// The maps, in order.
    pub maps: Vec<crate::ui::bench::BenchMap>,
    /// Scenarios on each map.
    pub scenarios: Vec<crate::ui::bench::Scenario>,
    /// Frames per scenario.
    pub frames: usize,
    /// Output format.
    pub format: BenchFormat,
    /// Generated sizes for the analysis and export timings (table format only).
    pub extra_sizes: Vec<usize>,
}

/// What `main` should do after parsing the command line.
#[derive(Debug)]
pub enum Action {
    /// Start the desktop app, optionally with a file.
    RunApp(Option<PathBuf>),
    /// Run the canvas benchmark (it needs the UI code, so `main` runs it).
    Bench(BenchPlan),
    /// A task ran; exit with this status.
    Exit(u8),
}

/// The language named by `--lang` (`en` or `zh`), or a message for stderr.
fn parse_language(task: &str, lang: &str) -> Result<crate::lang::Language, String> {
    match lang {
        "en" => Ok(crate::lang::Language::English),
        "zh" => Ok(crate::lang::Language::Chinese),
        other => Err(format!(
            "powermap {task}: --lang must be en or zh, not \"{other}\""
        )),
    }
}

/// The date given by `--today`, or today's date.
fn parse_today(task: &str, today: Option<&str>) -> Result<crate::model::Date, String> {
    match today.map(str::parse::<crate::model::Date>) {
        None => Ok(crate::model::Date::today_local()),
        Some(Ok(date)) => Ok(date),
        Some(Err(err)) => Err(format!("powermap {task}: --today: {err}")),
    }
}

/// Loads a map, or a message for stderr naming the file.
fn load_map(file: &std::path::Path) -> Result<crate::model::Document, String> {
    crate::format::load_file(file).map_err(|err| format!("{}: invalid: {err}", file.display()))
}

/// The language, the date and the map a task works on; on failure, the message has
/// been printed to stderr.
fn language_date_and_map(
    task: &str,
    lang: &str,
    today: Option<&str>,
    file: &std::path::Path,
) -> Option<(
    crate::lang::Language,
    crate::model::Date,
    crate::model::Document,
)> {
    let parsed = parse_language(task, lang)
        .and_then(|language| Ok((language, parse_today(task, today)?, load_map(file)?)));
    parsed
        .map_err(|message| eprintln!("{}", crate::safe_text::terminal_text(&message)))
        .ok()
}

/// Runs a headless task, writing its report to `out`.
pub fn run_task(task: &Task, out: &mut dyn Write) -> u8 {
    match task {
        Task::Check { files } => check::run(files, out),
        Task::Fmt { check, files } => fmt::run(files, *check, out),
        Task::Export {
            file,
            output,
            redact,
            lang,
            today,
            view,
        } => export::run(
            file,
            output,
            &export::Choices {
                redact: *redact,
                lang,
                today: today.as_deref(),
                view,
            },
            out,
        ),
        Task::Import {
            contacts,
            output,
            into,
            mappings,
            sheet,
            force,
            no_match_by_name,
            separate,
            same_person,
            copy_contacts,
        } => match import::match_choices(*no_match_by_name, separate, same_person, copy_contacts) {
            Ok(choices) => import::run(
                contacts,
                output.as_deref(),
                into.as_deref(),
                &import::Options {
                    mappings,
                    sheet: sheet.as_deref(),
                    force: *force,
                    choices,
                },
                out,
            ),
            Err(message) => {
                eprintln!("powermap import: {message}");
                EXIT_USAGE
            }
        },
        Task::Report {
            file,
            format,
            lang,
            today,
            stale_days,
            workspace,
        } => report::run(
            file,
            *format,
            &report::Options {
                lang,
                today: today.as_deref(),
                stale_days: *stale_days,
                workspace: workspace.as_deref(),
            },
            out,
        ),
        Task::Portfolio {
            dir,
            format,
            today,
            no_cache,
        } => portfolio::run(dir, *format, today.as_deref(), !*no_cache, out),
        Task::People {
            dir,
            query,
            format,
            lang,
        } => people::run(dir, query, *format, lang, out),
        Task::Diff { old, new, format } => diff::run(old, new, *format, out),
        Task::Merge {
            base,
            ours,
            theirs,
            output,
            driver,
        } => merge::run(&merge::Inputs { base, ours, theirs }, output, *driver, out),
        Task::GitSetup { dir } => git_setup::run(dir, out),
        Task::Find {
            file,
            query,
            format,
        } => find::run(file, query, *format, out),
        Task::History { file, person } => history::run(file, person.as_deref(), out),
        Task::Layout {
            file,
            style,
            output,
            force,
        } => layout::run(file, *style, output, *force, out),
        Task::BenchViews { sizes, dot } => bench_views::run(sizes, dot.as_deref(), out),
        // Handled by `run_from_env`, which hands it to `main`.
        Task::Bench { .. } => EXIT_OK,
    }
}

/// The maps and scenarios `powermap bench` was asked for.
fn bench_plan(
    sizes: &[usize],
    frames: usize,
    map: Option<&PathBuf>,
    kinds: &[BenchMapKind],
    scenarios: &[crate::ui::bench::Scenario],
    format: BenchFormat,
) -> BenchPlan {
    use crate::ui::bench::{BenchMap, Scenario};
    let maps = match map {
        Some(path) => vec![BenchMap::File(path.clone())],
        None => sizes
            .iter()
            .flat_map(|&n| {
                kinds.iter().map(move |kind| match kind {
                    BenchMapKind::Synthetic => BenchMap::Synthetic(n),
                    BenchMapKind::Random => BenchMap::RandomLines(n),
                })
            })
            .collect(),
    };
    BenchPlan {
        maps,
        scenarios: if scenarios.is_empty() {
            Scenario::ALL.to_vec()
        } else {
            scenarios.to_vec()
        },
        frames,
        format,
        extra_sizes: if map.is_none() && scenarios.is_empty() && format == BenchFormat::Table {
            sizes.to_vec()
        } else {
            Vec::new()
        },
    }
}

/// Parses the process arguments and runs a task if one was given.
pub fn run_from_env() -> Action {
    let cli = Cli::parse();
    match &cli.command {
        Some(Task::Bench { portfolio, .. }) if !portfolio.is_empty() => {
            let mut stdout = std::io::stdout().lock();
            let status = match crate::portfolio::bench::run(portfolio, &mut stdout) {
                Ok(()) => EXIT_OK,
                Err(err) => {
                    eprintln!("powermap bench: {err}");
                    EXIT_PROBLEMS
                }
            };
            Action::Exit(status)
        }
        Some(Task::Bench {
            sizes,
            frames,
            map,
            maps,
            scenarios,
            format,
            ..
        }) => Action::Bench(bench_plan(
            sizes,
            *frames,
            map.as_ref(),
            maps,
            scenarios,
            *format,
        )),
        Some(task) => {
            let mut stdout = std::io::stdout().lock();
            let status = run_task(task, &mut stdout);
            let _ = stdout.flush();
            Action::Exit(status)
        }
        None => Action::RunApp(cli.file),
    }
}
