//! The compact switcher above the canvas: Map, Org chart, Fishbone, Power × stance
//! grid. The view is UI state (in the preferences), never part of the map.

use egui::Ui;

use super::app_command::AppCommand;
use super::i18n::{T, Tr};
use crate::views::ViewKind;

/// The name of a view in menus and the switcher.
pub fn view_label(kind: ViewKind) -> T {
    match kind {
        ViewKind::Map => T::ViewMap,
        ViewKind::OrgChart => T::ViewOrgChart,
        ViewKind::Fishbone => T::ViewFishbone,
        ViewKind::Grid => T::ViewGrid,
    }
}

/// One button per view, the current one selected; a spinner while a large map's
/// view is being laid out (`computing`: how many people).
pub fn view_switcher_ui(
    ui: &mut Ui,
    tr: Tr,
    current: ViewKind,
    computing: Option<usize>,
    commands: &mut Vec<AppCommand>,
) {
    ui.horizontal(|ui| {
        ui.label(tr.t(T::ViewSwitcherLabel))
            .on_hover_text(tr.t(T::ViewSwitcherHint));
        for kind in ViewKind::ALL {
            if ui
                .selectable_label(current == kind, tr.t(view_label(kind)))
                .clicked()
                && current != kind
            {
                commands.push(AppCommand::SetView(kind));
            }
        }
        if let Some(people) = computing {
            ui.separator();
            ui.spinner();
            ui.label(tr.f(T::ViewComputing, &[&people]));
        } else if current == ViewKind::Grid {
            ui.separator();
            ui.label(egui::RichText::new(tr.t(T::ViewGridHint)).weak());
        }
    });
}
