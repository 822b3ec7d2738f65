//! The workspace start page: one row per map of the open workspace, sortable,
//! filterable and searchable (pinyin too), with totals by stage and health, the
//! deals worse than at their last review and the risks telling of lost deals.
//! Rows are virtualised, so ten thousand maps scroll as smoothly as ten.

use egui::{RichText, Ui};

use super::app_command::AppCommand;
use super::i18n::{T, Tr};
use super::workspace_job::{HEALTH_LEVELS, WorkspaceJob};
use crate::analysis::{HealthLevel, RiskCode};
use crate::model::Stage;
use crate::portfolio::{MapRow, MapSummary, Sum};
use crate::search::TextQuery;

/// Height of one table row, in points.
const ROW_HEIGHT: f32 = 22.0;
/// Longest bar of the health chart, in points.
const BAR_WIDTH: f32 = 220.0;
/// Room between the summary sections, in points (a vertical separator there
/// would stretch to the panel's height).
const SECTION_GAP: f32 = 24.0;
/// Width of the totals by stage.
const STAGES_WIDTH: f32 = 300.0;
/// The narrowest the deals needing attention are shown beside the totals.
const ATTENTION_MIN_WIDTH: f32 = 280.0;
/// Height of a bar of the health chart, in points.
const BAR_HEIGHT: f32 = 14.0;

/// A column of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// The customer.
    Customer,
    /// The deal.
    Opportunity,
    /// The sales stage.
    Stage,
    /// Deal value (by currency, then amount).
    Value,
    /// Planned signing date.
    CloseDate,
    /// Map health.
    Health,
    /// Whether a decision maker supports us.
    DecisionMaker,
    /// Whether a champion is tagged.
    Champion,
    /// Stale share.
    Stale,
    /// Overdue actions.
    Overdue,
    /// Owners.
    Owners,
    /// Last modified.
    Modified,
}

impl Column {
    /// Every column, in table order.
    pub const ALL: [Self; 12] = [
        Self::Customer,
        Self::Opportunity,
        Self::Stage,
        Self::Value,
        Self::CloseDate,
        Self::Health,
        Self::DecisionMaker,
        Self::Champion,
        Self::Stale,
        Self::Overdue,
        Self::Owners,
        Self::Modified,
    ];

    /// The header.
    pub fn label(self) -> T {
        match self {
            Self::Customer => T::WsColCustomer,
            Self::Opportunity => T::WsColOpportunity,
            Self::Stage => T::Stage,
            Self::Value => T::WsColValue,
            Self::CloseDate => T::WsColClose,
            Self::Health => T::WsColHealth,
            Self::DecisionMaker => T::WsColDecisionMaker,
            Self::Champion => T::WsColChampion,
            Self::Stale => T::WsColStale,
            Self::Overdue => T::WsColOverdue,
            Self::Owners => T::WsColOwners,
            Self::Modified => T::WsColModified,
        }
    }

    fn width(self) -> f32 {
        match self {
            Self::Customer => 170.0,
            Self::Opportunity | Self::Owners => 140.0,
            Self::Value => 120.0,
            Self::Modified => 120.0,
            Self::CloseDate => 86.0,
            Self::DecisionMaker | Self::Champion => 76.0,
            Self::Stage | Self::Health | Self::Stale | Self::Overdue => 62.0,
        }
    }

    /// Orders two loaded maps by this column (ascending).
    fn compare(self, a: &MapRow, b: &MapRow) -> std::cmp::Ordering {
        let (Ok(x), Ok(y)) = (&a.summary, &b.summary) else {
            // Broken files after the maps, by path.
            return a.summary.is_err().cmp(&b.summary.is_err());
        };
        let by = |f: fn(&MapSummary) -> f64| f(x).total_cmp(&f(y));
        match self {
            Self::Customer => x.account.cmp(&y.account),
            Self::Opportunity => x.opportunity.cmp(&y.opportunity),
            Self::Stage => x.stage.cmp(&y.stage),
            Self::Value => x
                .currency
                .cmp(&y.currency)
                .then_with(|| by(|s| s.deal_value.unwrap_or(f64::NEG_INFINITY))),
            Self::CloseDate => x.close_date.cmp(&y.close_date),
            Self::Health => health_order(x.health).cmp(&health_order(y.health)),
            Self::DecisionMaker => x.decision_maker_supports.cmp(&y.decision_maker_supports),
            Self::Champion => x.has_champion.cmp(&y.has_champion),
            Self::Stale => by(|s| s.stale_share),
            Self::Overdue => x.overdue_actions.cmp(&y.overdue_actions),
            Self::Owners => x.owners.cmp(&y.owners),
            Self::Modified => a.modified.cmp(&b.modified),
        }
    }
}

/// Red first.
fn health_order(level: HealthLevel) -> usize {
    HEALTH_LEVELS.iter().position(|&l| l == level).unwrap_or(0)
}

/// What the rows shown were computed from.
#[derive(Clone, Debug, PartialEq)]
struct ViewKey {
    generation: u64,
    sort: Column,
    descending: bool,
    stage: Option<Stage>,
    health: Option<HealthLevel>,
    query: String,
}

/// The page's state: kept while a map is open, so "Back to workspace" finds it
/// as it was.
pub struct StartPage {
    sort: Column,
    descending: bool,
    stage: Option<Stage>,
    health: Option<HealthLevel>,
    query: String,
    /// Indices into the workspace's rows, in the order shown.
    shown: Vec<usize>,
    shown_for: Option<ViewKey>,
    /// The table's scroll offset, put back when the page is shown again.
    scroll: f32,
    restore_scroll: bool,
    /// "Find a person in every map".
    pub people: super::people_search::PeopleSearch,
}

impl Default for StartPage {
    fn default() -> Self {
        Self {
            sort: Column::Customer,
            descending: false,
            stage: None,
            health: None,
            query: String::new(),
            shown: Vec::new(),
            shown_for: None,
            scroll: 0.0,
            restore_scroll: false,
            people: Default::default(),
        }
    }
}

impl StartPage {
    /// A fresh page (another workspace was opened).
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// The page is shown again after a map: the scroll position comes back.
    pub fn returning(&mut self) {
        self.restore_scroll = true;
    }

    /// The rows shown, as indices into the workspace's rows (for tests).
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    /// Sorts by `column`; the same column again reverses the order.
    pub fn sort_by(&mut self, column: Column) {
        if self.sort == column {
            self.descending = !self.descending;
        } else {
            self.sort = column;
            self.descending = false;
        }
    }

    fn refresh(&mut self, job: &WorkspaceJob) {
        let key = ViewKey {
            generation: job.generation(),
            sort: self.sort,
            descending: self.descending,
            stage: self.stage,
            health: self.health,
            query: self.query.clone(),
        };
        if self.shown_for.as_ref() == Some(&key) {
            return;
        }
        let query = TextQuery::new(&self.query);
        let rows = job.rows();
        let keys = job.keys();
        let mut shown: Vec<usize> = (0..rows.len())
            .filter(|&i| {
                let Some(row) = rows.get(i) else { return false };
                let passes = match &row.summary {
                    Ok(s) => {
                        self.stage.is_none_or(|stage| s.stage == stage)
                            && self.health.is_none_or(|h| s.health == h)
                    }
                    // A broken file has no stage or health: shown only unfiltered.
                    Err(_) => self.stage.is_none() && self.health.is_none(),
                };
                passes && keys.get(i).is_some_and(|k| query.finds(k))
            })
            .collect();
        let (sort, descending) = (self.sort, self.descending);
        shown.sort_by(|&a, &b| {
            let (Some(x), Some(y)) = (rows.get(a), rows.get(b)) else {
                return std::cmp::Ordering::Equal;
            };
            let order = sort.compare(x, y);
            let order = if descending { order.reverse() } else { order };
            // Broken files stay last whichever way the column is sorted.
            let broken = x.summary.is_err().cmp(&y.summary.is_err());
            broken.then(order).then_with(|| x.path.cmp(&y.path))
        });
        self.shown = shown;
        self.shown_for = Some(key);
    }

    /// Draws the page.
    pub fn start_page_ui(
        &mut self,
        ui: &mut Ui,
        job: &WorkspaceJob,
        tr: Tr,
        commands: &mut Vec<AppCommand>,
    ) {
        self.refresh(job);
        let root = crate::user_paths::display_short(job.root());
        ui.heading(tr.f(T::WsTitle, &[&root]));
        progress_ui(ui, job, tr);
        ui.add_space(4.0);
        // The third section beside the others when there is room for it, else
        // below them (a laptop window), never cut off at the window's edge.
        let beside = ui.available_width()
            >= STAGES_WIDTH + BAR_WIDTH + 200.0 + ATTENTION_MIN_WIDTH + 2.0 * SECTION_GAP;
        let attention_ui = |ui: &mut Ui, commands: &mut Vec<AppCommand>| {
            worsened_ui(ui, job, tr, commands);
            ui.add_space(6.0);
            telling_risks_ui(ui, job, tr);
        };
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(STAGES_WIDTH);
                stage_totals_ui(ui, job, tr);
            });
            ui.add_space(SECTION_GAP);
            ui.vertical(|ui| {
                ui.set_width(BAR_WIDTH + 200.0);
                health_chart_ui(ui, job, tr);
            });
            if beside {
                ui.add_space(SECTION_GAP);
                ui.vertical(|ui| {
                    // The rest of the width (labels wrap in it, not one letter a line).
                    ui.set_width(ui.available_width());
                    attention_ui(ui, commands);
                });
            }
        });
        if !beside {
            ui.add_space(4.0);
            attention_ui(ui, commands);
        }
        ui.separator();
        self.people.people_search_ui(ui, job.root(), tr, commands);
        ui.separator();
        self.filters_ui(ui, job, tr);
        self.table_ui(ui, job, tr, commands);
    }

    fn filters_ui(&mut self, ui: &mut Ui, job: &WorkspaceJob, tr: Tr) {
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text(tr.t(T::WsSearch))
                    .desired_width(280.0),
            );
            egui::ComboBox::from_id_salt("ws-stage")
                .selected_text(self.stage.map_or(tr.t(T::WsAllStages), |s| tr.stage(s)))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.stage, None, tr.t(T::WsAllStages));
                    for &stage in Stage::ALL {
                        ui.selectable_value(&mut self.stage, Some(stage), tr.stage(stage));
                    }
                });
            egui::ComboBox::from_id_salt("ws-health")
                .selected_text(
                    self.health
                        .map_or(tr.t(T::WsAllHealth), |h| health_name(tr, h)),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.health, None, tr.t(T::WsAllHealth));
                    for level in HEALTH_LEVELS {
                        ui.selectable_value(&mut self.health, Some(level), health_name(tr, level));
                    }
                });
            ui.label(tr.f(T::WsShown, &[&self.shown.len(), &job.rows().len()]));
        });
    }

    fn table_ui(
        &mut self,
        ui: &mut Ui,
        job: &WorkspaceJob,
        tr: Tr,
        commands: &mut Vec<AppCommand>,
    ) {
        egui::ScrollArea::horizontal()
            .id_salt("ws-table-h")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    for column in Column::ALL {
                        let arrow = match (self.sort == column, self.descending) {
                            (false, _) => "",
                            (true, false) => " ▲",
                            (true, true) => " ▼",
                        };
                        let text =
                            RichText::new(format!("{}{arrow}", tr.t(column.label()))).strong();
                        let button = egui::Button::new(text).frame(false);
                        if left_aligned(ui, column, button).clicked() {
                            self.sort_by(column);
                        }
                    }
                });
                ui.separator();
                if job.is_finished() && job.rows().is_empty() {
                    ui.weak(tr.t(T::WsEmpty));
                }
                let mut area = egui::ScrollArea::vertical()
                    .id_salt("ws-table-rows")
                    .auto_shrink([false, false]);
                if self.restore_scroll {
                    area = area.vertical_scroll_offset(self.scroll);
                    self.restore_scroll = false;
                }
                let output = area.show_rows(ui, ROW_HEIGHT, self.shown.len(), |ui, range| {
                    for &index in self.shown.get(range).unwrap_or_default() {
                        if let Some(row) = job.rows().get(index) {
                            row_ui(ui, job, row, tr, commands);
                        }
                    }
                });
                self.scroll = output.state.offset.y;
            });
    }
}

/// The progress bar while scanning, then what was read.
fn progress_ui(ui: &mut Ui, job: &WorkspaceJob, tr: Tr) {
    let read = job.rows().len();
    if !job.is_finished() {
        let files = job.files().unwrap_or(0);
        let fraction = if files == 0 {
            0.0
        } else {
            read as f32 / files as f32
        };
        ui.add(
            egui::ProgressBar::new(fraction.min(1.0))
                .desired_width(360.0)
                .text(tr.f(T::WsScanning, &[&read, &files])),
        );
        // Rows keep arriving from the scan thread: look again soon.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(50));
        return;
    }
    let totals = job.totals();
    let text = tr.f(
        T::WsSummary,
        &[&totals.maps, &totals.broken, &job.notes().len()],
    );
    let label = ui.label(text);
    if !job.notes().is_empty() {
        let notes: Vec<String> = job
            .notes()
            .iter()
            .take(20)
            .map(|note| note.message(tr.0))
            .collect();
        label.on_hover_text(notes.join("\n"));
    }
}

fn stage_totals_ui(ui: &mut Ui, job: &WorkspaceJob, tr: Tr) {
    ui.strong(tr.t(T::WsByStage));
    for (stage, sum) in &job.totals().by_stage {
        ui.label(format!("{}: {}", tr.stage(*stage), sum_text(tr, sum)));
    }
}

/// Deal value per health level as bars, in the currency with the most value (the
/// others are listed beside, never added in).
fn health_chart_ui(ui: &mut Ui, job: &WorkspaceJob, tr: Tr) {
    ui.strong(tr.t(T::WsByHealth));
    let sums = &job.totals().by_health;
    let mut per_currency: std::collections::BTreeMap<&str, f64> = Default::default();
    for (_, sum) in sums {
        for (currency, value) in &sum.value {
            *per_currency.entry(currency).or_default() += value;
        }
    }
    let main = per_currency
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(c, _)| (*c).to_owned());
    let amount = |sum: &Sum| match &main {
        Some(currency) => sum.value.get(currency).copied().unwrap_or(0.0),
        None => sum.maps as f64,
    };
    let largest = sums.iter().map(|(_, s)| amount(s)).fold(0.0, f64::max);
    for (level, sum) in sums {
        ui.horizontal(|ui| {
            ui.add_sized(
                [48.0, BAR_HEIGHT],
                egui::Label::new(health_name(tr, *level)),
            );
            let (rect, _) =
                ui.allocate_exact_size(egui::vec2(BAR_WIDTH, BAR_HEIGHT), egui::Sense::hover());
            let share = if largest > 0.0 {
                amount(sum) / largest
            } else {
                0.0
            };
            let mut bar = rect;
            bar.set_width((rect.width() * share as f32).max(if share > 0.0 { 2.0 } else { 0.0 }));
            ui.painter()
                .rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
            ui.painter()
                .rect_filled(bar, 2.0, super::theme::health_color(*level));
            ui.label(sum_text(tr, sum));
        });
    }
}

/// "3 maps · CNY 1200000".
fn sum_text(tr: Tr, sum: &Sum) -> String {
    let mut text = tr.f(T::WsMaps, &[&sum.maps]);
    for (currency, value) in &sum.value {
        text.push_str(" · ");
        text.push_str(&value_text(Some(*value), currency));
    }
    text
}

fn value_text(value: Option<f64>, currency: &str) -> String {
    match value {
        Some(v) if currency.is_empty() => super::account_panel::format_amount(v),
        Some(v) => format!("{} {currency}", super::account_panel::format_amount(v)),
        None => String::new(),
    }
}

fn worsened_ui(ui: &mut Ui, job: &WorkspaceJob, tr: Tr, commands: &mut Vec<AppCommand>) {
    ui.strong(tr.t(T::WsWorsened));
    let worse = job.worsened();
    if worse.is_empty() {
        ui.weak(tr.t(T::WsNoneWorsened));
    }
    for row in worse.iter().take(5) {
        let name = row
            .summary
            .as_ref()
            .map_or_else(|_| job.shown_path(row), |s| s.account.clone());
        if ui.link(name).on_hover_text(job.shown_path(row)).clicked() {
            commands.push(AppCommand::OpenFile(row.path.clone()));
        }
    }
    if worse.len() > 5 {
        ui.weak(tr.f(T::WsMore, &[&(worse.len() - 5)]));
    }
}

fn telling_risks_ui(ui: &mut Ui, job: &WorkspaceJob, tr: Tr) {
    ui.strong(tr.t(T::WsTelling));
    let lessons = job.lessons();
    if !lessons.is_learning() {
        ui.weak(tr.t(T::WsTellingNone));
        return;
    }
    for risk in lessons.telling_risks.iter().take(5) {
        let words = RiskCode::from_code(&risk.code).map_or(risk.code.as_str(), |c| c.title(tr.0));
        ui.label(tr.f(
            T::WsTellingItem,
            &[
                &words,
                &risk.lost_with,
                &risk.lost,
                &risk.won_with,
                &risk.won,
            ],
        ));
    }
}

/// The name of a health level: Red / 红灯.
pub fn health_name(tr: Tr, level: HealthLevel) -> &'static str {
    tr.t(match level {
        HealthLevel::Red => T::HealthRed,
        HealthLevel::Amber => T::HealthAmber,
        HealthLevel::Green => T::HealthGreen,
    })
}

/// One cell: fixed width, text cut with "…" when too long.
fn cell_ui(ui: &mut Ui, column: Column, text: impl Into<egui::WidgetText>) -> egui::Response {
    left_aligned(ui, column, egui::Label::new(text).truncate())
}

/// A widget in its column's width, at the left like the column's heading.
fn left_aligned(ui: &mut Ui, column: Column, widget: impl egui::Widget) -> egui::Response {
    ui.allocate_ui_with_layout(
        egui::vec2(column.width(), ROW_HEIGHT),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_width(column.width());
            ui.add(widget)
        },
    )
    .inner
}

fn yes_no(tr: Tr, yes: bool) -> RichText {
    if yes {
        RichText::new(tr.t(T::WsYes))
    } else {
        RichText::new(tr.t(T::WsNo)).color(super::theme::WARNING_TEXT)
    }
}

/// One map's row; its customer opens it.
fn row_ui(ui: &mut Ui, job: &WorkspaceJob, row: &MapRow, tr: Tr, commands: &mut Vec<AppCommand>) {
    ui.horizontal(|ui| {
        ui.set_height(ROW_HEIGHT);
        let path = job.shown_path(row);
        let summary = match &row.summary {
            Ok(summary) => summary,
            Err(error) => {
                let link = egui::Link::new(RichText::new(&path).color(super::theme::ERROR_TEXT));
                if left_aligned(ui, Column::Customer, link).clicked() {
                    commands.push(AppCommand::OpenFile(row.path.clone()));
                }
                ui.add(
                    egui::Label::new(
                        RichText::new(tr.f(T::WsBroken, &[&error.in_language(tr.0)]))
                            .color(super::theme::ERROR_TEXT),
                    )
                    .truncate(),
                );
                return;
            }
        };
        let account = if summary.account.trim().is_empty() {
            path.clone()
        } else {
            summary.account.clone()
        };
        // A link cut with "…" like the other cells, so long names keep the columns.
        let color = ui.visuals().hyperlink_color;
        let link = left_aligned(
            ui,
            Column::Customer,
            egui::Label::new(RichText::new(account).color(color))
                .truncate()
                .sense(egui::Sense::click()),
        )
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text(&path);
        if link.clicked() {
            commands.push(AppCommand::OpenFile(row.path.clone()));
        }
        cell_ui(ui, Column::Opportunity, &summary.opportunity);
        cell_ui(ui, Column::Stage, tr.stage(summary.stage));
        cell_ui(
            ui,
            Column::Value,
            value_text(summary.deal_value, &summary.currency),
        );
        cell_ui(
            ui,
            Column::CloseDate,
            summary
                .close_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
        );
        cell_ui(
            ui,
            Column::Health,
            RichText::new(format!("● {}", health_name(tr, summary.health)))
                .color(super::theme::health_color(summary.health)),
        );
        cell_ui(
            ui,
            Column::DecisionMaker,
            yes_no(tr, summary.decision_maker_supports),
        );
        cell_ui(ui, Column::Champion, yes_no(tr, summary.has_champion));
        cell_ui(
            ui,
            Column::Stale,
            format!("{:.0}%", summary.stale_share * 100.0),
        );
        let overdue = RichText::new(summary.overdue_actions.to_string());
        cell_ui(
            ui,
            Column::Overdue,
            if summary.overdue_actions > 0 {
                overdue.color(super::theme::WARNING_TEXT)
            } else {
                overdue
            },
        );
        cell_ui(ui, Column::Owners, summary.owners.join(", "));
        cell_ui(ui, Column::Modified, modified_text(row.modified));
    });
}

/// Seconds since 1970 as a date (UTC).
fn modified_text(modified: Option<i64>) -> String {
    modified
        .and_then(|seconds| crate::model::Date::from_days_since_epoch(seconds.div_euclid(86_400)))
        .map(|d| d.to_string())
        .unwrap_or_default()
}
