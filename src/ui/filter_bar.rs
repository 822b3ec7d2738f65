//! The filter: a popover to choose role, stance, power range, owner, department,
//! tag and stale records, and a bar above the canvas that shows the active filter
//! with a one-click Clear. People left out are faded on the canvas (or hidden), and
//! so are the lines that touch them. The filter itself is [`crate::search::Filter`].

use std::collections::{BTreeSet, HashSet};

use egui::Ui;

use super::i18n::{T, Tr};
use crate::model::{Date, Document, Power, Role, StakeholderId, Stance};
use crate::search::{Filter, FilterContext, OwnerChoice};

/// Departments and tags offered in the popover at most (the most common first would
/// need counting; the first in alphabetical order are enough to pick from).
const MAX_CHOICES: usize = 300;

/// Departments and tags to choose from, and the map version they were listed for.
type Choices = ((u64, u64), Vec<String>, Vec<String>);

/// The filter and what it leaves out (view state, never saved).
#[derive(Default)]
pub struct FilterBar {
    /// The conditions.
    pub filter: Filter,
    /// Hide the people left out instead of fading them.
    pub hide: bool,
    /// People left out, for the map version and filter they were computed for.
    left_out: HashSet<StakeholderId>,
    computed: Option<((u64, u64), Filter, i64, Date)>,
    /// Departments and tags to choose from, for a map version.
    choices: Option<Choices>,
    /// Changes whenever `left_out` or `hide` does.
    generation: u64,
    shown_hide: bool,
}

impl FilterBar {
    /// The people the filter leaves out of `doc` at map `version`, recomputed when
    /// the map, the filter, the stale window or the day changed.
    pub fn update(&mut self, doc: &Document, version: (u64, u64), stale_days: i64) {
        let today = Date::today_local();
        let key = (version, self.filter.clone(), stale_days, today);
        if self.computed.as_ref() != Some(&key) {
            let left_out: HashSet<StakeholderId> = if self.filter.is_active() {
                let cx = FilterContext::new(today, stale_days);
                doc.stakeholders
                    .iter()
                    .filter(|p| !self.filter.matches(p, &cx))
                    .map(|p| p.id.clone())
                    .collect()
            } else {
                HashSet::new()
            };
            if left_out != self.left_out {
                self.left_out = left_out;
                self.generation += 1;
            }
            self.computed = Some(key);
        }
        if self.shown_hide != self.hide {
            self.shown_hide = self.hide;
            self.generation += 1;
        }
    }

    /// The people left out.
    pub fn left_out(&self) -> &HashSet<StakeholderId> {
        &self.left_out
    }

    /// Changes whenever the people left out (or hiding them) do.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The Filter button and its popover.
    pub fn filter_button_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        version: (u64, u64),
        stale_days: i64,
        tr: Tr,
    ) {
        let label = if self.filter.is_active() {
            format!("{} ●", tr.t(T::FilterButton))
        } else {
            tr.t(T::FilterButton).to_owned()
        };
        egui::containers::menu::MenuButton::new(label)
            .config(
                egui::containers::menu::MenuConfig::new()
                    .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside),
            )
            .ui(ui, |ui| {
                ui.set_max_width(360.0);
                self.conditions_ui(ui, doc, version, stale_days, tr);
            });
    }

    fn conditions_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        version: (u64, u64),
        stale_days: i64,
        tr: Tr,
    ) {
        ui.strong(tr.t(T::Role));
        ui.horizontal_wrapped(|ui| {
            for role in Role::ALL {
                toggle_ui(ui, &mut self.filter.roles, *role, tr.role(*role));
            }
        });
        ui.strong(tr.t(T::Stance));
        ui.horizontal_wrapped(|ui| {
            for stance in Stance::ALL {
                toggle_ui(ui, &mut self.filter.stances, *stance, tr.stance(*stance));
            }
        });
        ui.horizontal(|ui| {
            ui.label(tr.t(T::FilterPower));
            power_ui(ui, "filter-power-min", &mut self.filter.power_min);
            ui.label(tr.t(T::FilterPowerTo));
            power_ui(ui, "filter-power-max", &mut self.filter.power_max);
        });
        self.owner_ui(ui, doc, tr);
        let (departments, tags) = self.choices(doc, version);
        choice_ui(
            ui,
            tr,
            T::Department,
            &departments,
            &mut self.filter.department,
        );
        choice_ui(ui, tr, T::FilterTag, &tags, &mut self.filter.tag);
        ui.checkbox(&mut self.filter.stale, tr.f(T::FilterStale, &[&stale_days]));
        ui.separator();
        ui.checkbox(&mut self.hide, tr.t(T::FilterHide));
        if ui
            .add_enabled(
                self.filter.is_active(),
                egui::Button::new(tr.t(T::FilterClear)),
            )
            .clicked()
        {
            self.filter = Filter::default();
        }
    }

    fn owner_ui(&mut self, ui: &mut Ui, doc: &Document, tr: Tr) {
        let shown = match &self.filter.owner {
            None => tr.t(T::FilterAny).to_owned(),
            Some(OwnerChoice::Nobody) => tr.t(T::FilterNobody).to_owned(),
            Some(OwnerChoice::Member(id)) => doc
                .team_member(id)
                .map_or_else(|| id.as_str().to_owned(), |m| m.name.clone()),
        };
        ui.horizontal(|ui| {
            ui.label(tr.t(T::FilterOwner));
            egui::ComboBox::from_id_salt("filter-owner")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.owner, None, tr.t(T::FilterAny));
                    ui.selectable_value(
                        &mut self.filter.owner,
                        Some(OwnerChoice::Nobody),
                        tr.t(T::FilterNobody),
                    );
                    for member in &doc.team {
                        ui.selectable_value(
                            &mut self.filter.owner,
                            Some(OwnerChoice::Member(member.id.clone())),
                            &member.name,
                        );
                    }
                });
        });
    }

    /// The departments and tags of the map, sorted, each once (cached per version).
    fn choices(&mut self, doc: &Document, version: (u64, u64)) -> (Vec<String>, Vec<String>) {
        if self.choices.as_ref().is_none_or(|(v, _, _)| *v != version) {
            let departments: BTreeSet<&str> = doc
                .stakeholders
                .iter()
                .map(|p| p.department.trim())
                .filter(|d| !d.is_empty())
                .collect();
            let tags: BTreeSet<&str> = doc
                .stakeholders
                .iter()
                .flat_map(|p| p.tags.iter().map(|t| t.trim()))
                .filter(|t| !t.is_empty())
                .collect();
            let list = |set: BTreeSet<&str>| {
                set.into_iter()
                    .take(MAX_CHOICES)
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            };
            self.choices = Some((version, list(departments), list(tags)));
        }
        self.choices
            .as_ref()
            .map(|(_, d, t)| (d.clone(), t.clone()))
            .unwrap_or_default()
    }

    /// The bar above the canvas while a filter is active: what it keeps, how many,
    /// and Clear.
    pub fn filter_bar_ui(&mut self, ui: &mut Ui, doc: &Document, tr: Tr) {
        let total = doc.stakeholders.len();
        let kept = total.saturating_sub(self.left_out.len());
        ui.horizontal_wrapped(|ui| {
            let description = self.filter.describe(doc, tr.0);
            ui.label(
                egui::RichText::new(tr.f(T::FilterActive, &[&description]))
                    .strong()
                    .color(super::theme::WARNING_TEXT),
            );
            ui.label(tr.f(T::FilterShown, &[&kept, &total]));
            ui.checkbox(&mut self.hide, tr.t(T::FilterHide));
            if ui.button(format!("🗙 {}", tr.t(T::FilterClear))).clicked() {
                self.filter = Filter::default();
            }
        });
    }
}

/// A toggle button that adds `value` to `set` or takes it out.
fn toggle_ui<V: Ord + Copy>(ui: &mut Ui, set: &mut BTreeSet<V>, value: V, label: &str) {
    let on = set.contains(&value);
    if ui.selectable_label(on, label).clicked() {
        if on {
            set.remove(&value);
        } else {
            set.insert(value);
        }
    }
}

/// A power level picker, 1–5.
fn power_ui(ui: &mut Ui, id: &str, power: &mut Power) {
    egui::ComboBox::from_id_salt(id)
        .width(40.0)
        .selected_text(power.level().to_string())
        .show_ui(ui, |ui| {
            for level in 1..=5 {
                if let Some(p) = Power::new(level) {
                    ui.selectable_value(power, p, level.to_string());
                }
            }
        });
}

/// A picker of one of `options`, or any.
fn choice_ui(ui: &mut Ui, tr: Tr, label: T, options: &[String], value: &mut Option<String>) {
    ui.horizontal(|ui| {
        ui.label(tr.t(label));
        let shown = value
            .clone()
            .unwrap_or_else(|| tr.t(T::FilterAny).to_owned());
        egui::ComboBox::from_id_salt(("filter-choice", label as usize))
            .selected_text(shown)
            .width(200.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(value, None, tr.t(T::FilterAny));
                for option in options {
                    ui.selectable_value(value, Some(option.clone()), option);
                }
            });
    });
}
