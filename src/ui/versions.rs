//! Dialogs about other versions of the open map: recovered copies after a crash, the
//! file changed on disk, a save that would overwrite someone else's change, and the
//! list of differences between two versions.

use super::app_command::AppCommand;
use super::i18n::{Language, T, Tr};
use crate::model::diff::{DocDiff, PersonField};
use crate::recovery::RecoveredMap;

/// What to do with a recovered copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoveryChoice {
    /// Open it in the window, with its changes unsaved.
    Restore,
    /// Show how it differs from its file.
    Compare,
    /// Delete it.
    Discard,
}

/// What to do about the file having changed on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiskChoice {
    /// Load the file's version (dropping unsaved changes).
    Reload,
    /// Show how the file differs from the map in the window.
    Compare,
    /// Keep the window's version; the next save replaces the file (the other
    /// version is kept as `.bak`).
    KeepMine,
    /// Save the window's version elsewhere.
    SaveMineAs,
    /// Save over the other version now.
    Overwrite,
}

/// Two versions and what differs between them.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareView {
    /// The older side ("the file on disk"; `{0}` is `from_detail`).
    pub from: T,
    /// Which version, for a label with a place for it (a commit's date and id).
    pub from_detail: String,
    /// The newer side ("the map in this window").
    pub to: T,
    /// The differences.
    pub diff: DocDiff,
}

/// The list of recovered copies; returns whether it stays open.
pub fn recover_ui(
    ctx: &egui::Context,
    copies: &[RecoveredMap],
    tr: Tr,
    commands: &mut Vec<AppCommand>,
) -> bool {
    let mut open = true;
    egui::Modal::new(egui::Id::new("powermap-modal")).show(ctx, |ui| {
        ui.set_max_width(620.0);
        ui.heading(tr.t(T::RecoverTitle));
        ui.label(tr.t(T::RecoverIntro));
        ui.add_space(6.0);
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for (index, copy) in copies.iter().enumerate() {
                    ui.separator();
                    let name = copy.map_path.as_ref().map_or_else(
                        || {
                            if copy.account.is_empty() {
                                tr.t(T::Untitled).to_owned()
                            } else {
                                copy.account.clone()
                            }
                        },
                        |p| crate::user_paths::display_short(p),
                    );
                    ui.label(egui::RichText::new(name).strong());
                    ui.label(tr.f(
                        T::RecoverItem,
                        &[&copy.account, &copy.people, &copy.saved_at],
                    ));
                    ui.horizontal(|ui| {
                        for (label, choice) in [
                            (T::RecoverRestore, RecoveryChoice::Restore),
                            (T::RecoverCompare, RecoveryChoice::Compare),
                            (T::RecoverDiscard, RecoveryChoice::Discard),
                        ] {
                            if ui.button(tr.t(label)).clicked() {
                                commands.push(AppCommand::Recovery(index, choice));
                            }
                        }
                    });
                }
            });
        ui.separator();
        if ui.button(tr.t(T::RecoverLater)).clicked() {
            open = false;
        }
    });
    open
}

/// "The file changed on disk": a bar over the canvas with the choices.
pub fn disk_changed_bar_ui(
    ui: &mut egui::Ui,
    modified: bool,
    tr: Tr,
    commands: &mut Vec<AppCommand>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(super::theme::WARNING_TEXT, tr.t(T::DiskChangedBanner));
        let reload = if modified {
            T::DiskReloadDiscard
        } else {
            T::DiskReload
        };
        for (label, choice) in [
            (reload, DiskChoice::Reload),
            (T::DiskCompare, DiskChoice::Compare),
            (T::DiskKeepMine, DiskChoice::KeepMine),
        ] {
            if ui.button(tr.t(label)).clicked() {
                commands.push(AppCommand::Disk(choice));
            }
        }
    });
}

/// "Saving would overwrite someone else's change"; returns whether it stays open.
pub fn conflict_ui(
    ctx: &egui::Context,
    file_label: &str,
    modified: bool,
    tr: Tr,
    commands: &mut Vec<AppCommand>,
) -> bool {
    let mut open = true;
    egui::Modal::new(egui::Id::new("powermap-modal")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(tr.t(T::ConflictTitle));
        ui.label(tr.f(T::ConflictText, &[&file_label]));
        ui.horizontal_wrapped(|ui| {
            let reload = if modified {
                T::DiskReloadDiscard
            } else {
                T::DiskReload
            };
            for (label, choice) in [
                (T::DiskCompare, DiskChoice::Compare),
                (T::ConflictSaveAs, DiskChoice::SaveMineAs),
                (T::ConflictOverwrite, DiskChoice::Overwrite),
                (reload, DiskChoice::Reload),
            ] {
                if ui.button(tr.t(label)).clicked() {
                    commands.push(AppCommand::Disk(choice));
                    open = false;
                }
            }
            if ui.button(tr.t(T::Cancel)).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape))
            {
                open = false;
            }
        });
    });
    open
}

/// The differences between two versions; returns whether it stays open.
pub fn compare_ui(ctx: &egui::Context, view: &CompareView, tr: Tr) -> bool {
    let mut open = true;
    egui::Modal::new(egui::Id::new("powermap-modal")).show(ctx, |ui| {
        ui.set_max_width(620.0);
        ui.heading(tr.t(T::CompareTitle));
        let from = tr.f(view.from, &[&view.from_detail]);
        ui.label(tr.f(T::CompareSides, &[&from, &tr.t(view.to)]));
        egui::ScrollArea::vertical()
            .max_height(380.0)
            .show(ui, |ui| {
                for line in diff_lines(&view.diff, tr) {
                    ui.label(line);
                }
            });
        if ui.button(tr.t(T::Close)).clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            open = false;
        }
    });
    open
}

/// The differences as lines for a person to read.
pub fn diff_lines(diff: &DocDiff, tr: Tr) -> Vec<String> {
    if diff.is_empty() {
        return vec![tr.t(T::NoDifferences).to_owned()];
    }
    let mut lines = Vec::new();
    let named = |(id, name): &(crate::model::StakeholderId, String)| {
        if name.trim().is_empty() {
            format!("{} {id}", tr.t(T::Unnamed))
        } else {
            name.clone()
        }
    };
    lines.extend(
        diff.people_added
            .iter()
            .map(|p| tr.f(T::DiffAdded, &[&named(p)])),
    );
    lines.extend(
        diff.people_removed
            .iter()
            .map(|p| tr.f(T::DiffRemoved, &[&named(p)])),
    );
    let separator = if tr.0 == Language::Chinese {
        "、"
    } else {
        ", "
    };
    for change in &diff.people_changed {
        let fields: Vec<&str> = change.fields.iter().map(|f| field_name(*f, tr)).collect();
        let name = named(&(change.id.clone(), change.name.clone()));
        lines.push(tr.f(T::DiffChanged, &[&name, &fields.join(separator)]));
    }
    let (added, removed, changed) = (
        diff.lines_added.len(),
        diff.lines_removed.len(),
        diff.lines_changed.len(),
    );
    if added + removed + changed > 0 {
        lines.push(tr.f(T::DiffLines, &[&added, &removed, &changed]));
    }
    for (differs, key) in [
        (diff.account_changed, T::DiffAccount),
        (diff.team_changed, T::DiffTeam),
        (diff.plans_changed, T::DiffPlans),
    ] {
        if differs {
            lines.push(tr.t(key).to_owned());
        }
    }
    lines
}

pub(super) fn field_name(field: PersonField, tr: Tr) -> &'static str {
    use PersonField as F;
    let (en, zh) = match field {
        F::Name => ("name", "姓名"),
        F::Title => ("title", "职务"),
        F::Department => ("department", "部门"),
        F::Role => ("role", "角色"),
        F::Stance => ("stance", "态度"),
        F::Power => ("power", "权力"),
        F::Interests => ("interests", "利益诉求"),
        F::Concerns => ("concerns", "顾虑"),
        F::DecisionCriteria => ("decision criteria", "决策标准"),
        F::Notes => ("notes", "备注"),
        F::Contact => ("contact details", "联系方式"),
        F::Owner => ("owner", "负责人"),
        F::Coverage => ("coverage", "覆盖深度"),
        F::LastContact => ("last contact", "最近联系"),
        F::LastVerified => ("last verified", "最近核实"),
        F::Source => ("source", "信息来源"),
        F::Tags => ("tags", "标签"),
        F::Favours => ("favoured competitor", "倾向的竞争对手"),
        F::NextActions => ("next actions", "下一步行动"),
        F::Interactions => ("interaction log", "互动记录"),
        F::Position => ("position on the map", "图上位置"),
        F::Other => ("other fields", "其他字段"),
    };
    tr.pick(en, zh)
}
