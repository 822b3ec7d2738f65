//! Parts of the Analysis tab: the buying centre, the likely decision makers with
//! their part and likelihood, the champion test, the compact coverage grid, and
//! the "show all" toggle that keeps long lists short (and the panel fast).

use egui::{RichText, Ui};

use super::app_command::AppCommand;
use super::i18n::{T, Tr};
use super::side_panel::person_link_ui;
use super::theme::{ERROR_TEXT, WARNING_TEXT};
use crate::analysis::functions::Area;
use crate::analysis::{Analysis, Level, Verdict, likelihood};
use crate::model::Document;

fn show_all_id(key: &str) -> egui::Id {
    egui::Id::new(("analysis-show-all", key))
}

/// The long lists of the Analysis tab.
pub const LONG_LISTS: [&str; 5] = ["champions", "risks", "paths", "hidden", "ranking"];

/// Opens (or closes) the long list `key` as if "Show all" was clicked.
pub fn set_show_all(ctx: &egui::Context, key: &str, all: bool) {
    ctx.data_mut(|d| d.insert_temp(show_all_id(key), all));
}

/// The "Show all (N)" / "Show fewer" button under a list longer than `first`.
fn show_all_ui(ui: &mut Ui, key: &str, total: usize, first: usize, tr: Tr) {
    if total <= first {
        return;
    }
    let id = show_all_id(key);
    let all = ui.data(|d| d.get_temp::<bool>(id).unwrap_or(false));
    let label = if all {
        tr.t(T::ShowFewer).to_owned()
    } else {
        tr.f(T::ShowAll, &[&total])
    };
    if ui.small_button(label).clicked() {
        ui.data_mut(|d| d.insert_temp(id, !all));
    }
}

/// Rows visible at once in a list opened with "show all".
const VISIBLE_ROWS: f32 = 12.0;

/// A long list: the first rows in place, then "Show all (N)", which opens a scrolled
/// list that builds only the rows in view — a frame costs the same with 10 items or
/// 10,000. `(key, first, lines)`: the list's name, rows shown before "show all", and
/// text lines per row (rows in the open list have this fixed height; more is clipped).
pub fn long_list_ui(
    ui: &mut Ui,
    (key, first, lines): (&str, usize, usize),
    total: usize,
    tr: Tr,
    mut row_ui: impl FnMut(&mut Ui, usize),
) {
    let all = total > first && ui.data(|d| d.get_temp::<bool>(show_all_id(key)).unwrap_or(false));
    if all {
        let spacing = ui.spacing().item_spacing.y;
        let lines = lines.max(1) as f32;
        let row_height = ui.spacing().interact_size.y * lines + spacing * (lines - 1.0);
        // As tall as asked, not just the room left at the bottom of the panel.
        let height = (row_height + spacing) * VISIBLE_ROWS;
        egui::ScrollArea::vertical()
            .id_salt(("long-list", key))
            .max_height(height)
            .min_scrolled_height(height)
            .auto_shrink([false, true])
            .show_rows(ui, row_height, total, |ui, rows| {
                for i in rows {
                    let size = egui::vec2(ui.available_width(), row_height);
                    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
                    let mut row = ui.new_child(
                        egui::UiBuilder::new()
                            .max_rect(rect)
                            .id_salt(i)
                            .layout(egui::Layout::top_down(egui::Align::Min)),
                    );
                    row.set_clip_rect(rect.intersect(ui.clip_rect()));
                    row.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                    row_ui(&mut row, i);
                }
            });
    } else {
        for i in 0..total.min(first) {
            row_ui(ui, i);
        }
    }
    show_all_ui(ui, key, total, first, tr);
}

/// At most `max` characters of `text`, with "…" when cut.
pub fn clipped(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", text.get(..end).unwrap_or_default()).into(),
        None => text.into(),
    }
}

/// A row of person links after a label.
fn people_row_ui(
    ui: &mut Ui,
    label: &str,
    people: &[usize],
    doc: &Document,
    tr: Tr,
    commands: &mut Vec<AppCommand>,
    hover: impl Fn(usize) -> Option<&'static str>,
) {
    if people.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let colon = if tr.chinese() { "：" } else { ":" };
        ui.label(RichText::new(format!("{label}{colon}")).weak());
        for &i in people.iter().take(8) {
            let Some(person) = doc.stakeholders.get(i) else {
                continue;
            };
            person_link_ui(ui, person, tr, commands);
            if let Some(word) = hover(i) {
                let word = if tr.chinese() {
                    format!("（{word}）")
                } else {
                    format!("({word})")
                };
                ui.label(RichText::new(word).weak());
            }
        }
        if people.len() > 8 {
            ui.label(RichText::new(format!("+{}", people.len() - 8)).weak());
        }
    });
}

/// Who decides, approves and guards the gates.
pub fn buying_centre_ui(
    ui: &mut Ui,
    doc: &Document,
    analysis: &Analysis,
    tr: Tr,
    commands: &mut Vec<AppCommand>,
) {
    let buying = &analysis.buying;
    if buying.deciders.is_empty() && buying.approvers.is_empty() && buying.gates.is_empty() {
        return;
    }
    ui.strong(tr.t(T::BuyingCentre));
    if let Some(owner) = buying.owner {
        ui.horizontal_wrapped(|ui| {
            let colon = if tr.chinese() { "：" } else { ":" };
            ui.label(RichText::new(format!("{}{colon}", tr.t(T::BuyingOwner))).weak());
            ui.label(owner.name(tr.0));
        });
    }
    let no_word = |_: usize| None;
    people_row_ui(
        ui,
        tr.t(T::BuyingDecides),
        &buying.deciders,
        doc,
        tr,
        commands,
        no_word,
    );
    people_row_ui(
        ui,
        tr.t(T::BuyingApproves),
        &buying.approvers,
        doc,
        tr,
        commands,
        no_word,
    );
    let gate_word = |i: usize| {
        buying
            .facts(i)
            .and_then(|f| f.function)
            .map(|f| f.gate_name(tr.0))
    };
    people_row_ui(
        ui,
        tr.t(T::BuyingGates),
        &buying.gates,
        doc,
        tr,
        commands,
        gate_word,
    );
    ui.separator();
}

/// The likely decision makers: their part, how likely they decide, and why.
pub fn candidates_ui(
    ui: &mut Ui,
    doc: &Document,
    analysis: &Analysis,
    tr: Tr,
    commands: &mut Vec<AppCommand>,
) {
    ui.strong(tr.t(T::LikelyDecisionMakers));
    if analysis.decision_makers.is_empty() {
        ui.label(RichText::new(tr.t(T::NoCandidates)).weak());
    }
    for candidate in &analysis.decision_makers {
        let Some(person) = doc.stakeholders.get(candidate.person) else {
            continue;
        };
        ui.horizontal_wrapped(|ui| {
            person_link_ui(ui, person, tr, commands);
            if let Some(kind) =
                crate::analysis::approach::kind_words(analysis, candidate.person, tr.0)
            {
                ui.label(RichText::new(kind).strong());
            }
            ui.label(likelihood(candidate.score, tr.0));
            ui.label(RichText::new(format!("{:.0}/100", candidate.score * 100.0)).weak());
        });
        // Full-size text: the reasons are what a manager reads, on a laptop or a projector.
        let separator = if tr.chinese() { "；" } else { "; " };
        ui.label(RichText::new(candidate.reasons.join(separator)).weak());
    }
    ui.separator();
}

/// Each champion's verdict, the failed checks in view and every check on hover.
pub fn champions_ui(
    ui: &mut Ui,
    doc: &Document,
    analysis: &Analysis,
    tr: Tr,
    commands: &mut Vec<AppCommand>,
) {
    if analysis.champions.is_empty() {
        return;
    }
    ui.strong(tr.t(T::ChampionTest));
    let separator = if tr.chinese() { "；" } else { "; " };
    let champions = &analysis.champions;
    long_list_ui(ui, ("champions", 6, 2), champions.len(), tr, |ui, i| {
        let Some(test) = champions.get(i) else {
            return;
        };
        let Some(person) = doc.stakeholders.get(test.person) else {
            return;
        };
        let (word, tint) = match test.verdict {
            Verdict::Pass => (T::VerdictPass, ui.visuals().text_color()),
            Verdict::Doubtful => (T::VerdictDoubtful, WARNING_TEXT),
            Verdict::Fail => (T::VerdictFail, ERROR_TEXT),
        };
        ui.horizontal_wrapped(|ui| {
            person_link_ui(ui, person, tr, commands);
            ui.label(RichText::new(tr.t(word)).color(tint).strong())
                .on_hover_ui(|ui| {
                    ui.label(test.reasons.join(separator));
                });
        });
        if !test.failed.is_empty() {
            ui.label(RichText::new(test.failed.join(separator)).weak());
        }
    });
    ui.separator();
}

fn level_label(level: Level) -> T {
    match level {
        Level::Executive => T::LevelExecutive,
        Level::Middle => T::LevelMiddle,
        Level::Operational => T::LevelOperational,
    }
}

fn area_label(area: Area) -> T {
    match area {
        Area::Business => T::AreaBusiness,
        Area::Technical => T::AreaTechnical,
        Area::Finance => T::AreaFinance,
        Area::Procurement => T::AreaProcurement,
    }
}

/// Names for a cell's tooltip, at most a dozen.
fn some_names<'a>(doc: &'a Document, people: impl Iterator<Item = usize>, tr: Tr) -> String {
    let mut names: Vec<&'a str> = Vec::new();
    for (n, i) in people.enumerate() {
        if n == 12 {
            names.push("…");
            break;
        }
        if let Some(p) = doc.stakeholders.get(i) {
            names.push(p.name.as_str());
        }
    }
    names.join(if tr.chinese() { "、" } else { ", " })
}

/// The tooltip of a grid cell: whom we cover and whom not yet. Built only while
/// the pointer is on the cell; both lists are in document order, so one merge
/// pass separates them.
fn cell_hover_ui(ui: &mut Ui, doc: &Document, cell: &crate::analysis::CoverageCell, tr: Tr) {
    let mut covered = cell.covered.iter().copied().peekable();
    let mut uncovered = Vec::new();
    for &i in &cell.people {
        while covered.next_if(|&c| c < i).is_some() {}
        if covered.peek() != Some(&i) {
            uncovered.push(i);
        }
    }
    if !cell.covered.is_empty() {
        ui.label(tr.f(
            T::CoveredPeople,
            &[&some_names(doc, cell.covered.iter().copied(), tr)],
        ));
    }
    if !uncovered.is_empty() {
        ui.label(tr.f(
            T::NotCoveredPeople,
            &[&some_names(doc, uncovered.into_iter(), tr)],
        ));
    }
}

/// The coverage grid, compact: covered / on the map per level and function, the
/// names on hover.
pub fn coverage_ui(ui: &mut Ui, doc: &Document, analysis: &Analysis, tr: Tr) {
    if doc.stakeholders.is_empty() {
        return;
    }
    ui.strong(tr.t(T::CoverageGrid))
        .on_hover_text(tr.t(T::CoverageHint));
    egui::Grid::new("coverage-grid")
        .striped(true)
        .num_columns(Area::ALL.len() + 1)
        .show(ui, |ui| {
            ui.label("");
            for area in Area::ALL {
                ui.label(RichText::new(tr.t(area_label(area))).weak());
            }
            ui.end_row();
            for level in Level::ALL {
                ui.label(RichText::new(tr.t(level_label(level))).weak());
                for area in Area::ALL {
                    match analysis.coverage.cell(level, area) {
                        Some(cell) if !cell.people.is_empty() => {
                            let text = format!("{}/{}", cell.covered.len(), cell.people.len());
                            let tint = if cell.covered.is_empty() {
                                WARNING_TEXT
                            } else {
                                ui.visuals().text_color()
                            };
                            ui.label(RichText::new(text).color(tint))
                                .on_hover_ui(|ui| cell_hover_ui(ui, doc, cell, tr));
                        }
                        _ => {
                            ui.label(RichText::new("—").weak());
                        }
                    }
                }
                ui.end_row();
            }
        });
    ui.separator();
}
