//! The side panel: the inspector and, in tabs, the plans per role, the selected
//! person's approach, the decision-chain analysis and all open actions. Every person
//! listed is a link that selects them and shows them on the canvas.

use egui::{RichText, Ui};

use super::analysis_worker::AnalysedMap;
use super::app_command::AppCommand;
use super::i18n::{T, Tr};
use super::inspector::Inspector;
use super::selection::Selection;
use super::theme::{ERROR_TEXT, WARNING_TEXT, color};
use super::widgets::{Form, choice_row_ui, text_area_ui};
use crate::analysis::approach::approach;
use crate::analysis::playbook::{shown_plan, without_playbook_text};
use crate::analysis::{HealthLevel, Severity};
use crate::edit::Command;
use crate::lang::Language;
use crate::model::{Document, PlanPart, PlanText, Role, StakeholderId, TeamMemberId};
use crate::theme;

/// The tabs of the side panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tab {
    /// Every field of the selection.
    #[default]
    Details,
    /// How to approach the selected person.
    Approach,
    /// Communication plans per role.
    Plans,
    /// The decision-chain analysis.
    Analysis,
    /// Open actions across the map.
    Actions,
}

impl Tab {
    const ALL: [Self; 5] = [
        Self::Details,
        Self::Approach,
        Self::Plans,
        Self::Analysis,
        Self::Actions,
    ];

    fn label(self) -> T {
        match self {
            Self::Details => T::TabDetails,
            Self::Approach => T::TabApproach,
            Self::Plans => T::TabPlans,
            Self::Analysis => T::TabAnalysis,
            Self::Actions => T::TabActions,
        }
    }
}

/// What is highlighted on the canvas on the user's request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum HighlightRequest {
    /// Nothing.
    #[default]
    Nothing,
    /// The people the stage focus names.
    StageFocus,
    /// The path to power ending at this decision maker.
    PathTo(StakeholderId),
}

/// What the side panel works with in one frame.
pub struct SidePanelContext<'a> {
    /// The map.
    pub doc: &'a Document,
    /// The latest analysis, possibly of a slightly older map.
    pub analysed: Option<&'a AnalysedMap>,
    /// Whether a newer analysis is being computed.
    pub analysing: bool,
    /// The selection.
    pub selection: &'a Selection,
    /// The current highlight.
    pub highlight: &'a HighlightRequest,
    /// After how many days information counts as stale.
    pub stale_after_days: i64,
    /// UI language.
    pub tr: Tr,
    /// Requests for the app.
    pub commands: &'a mut Vec<AppCommand>,
}

/// The side panel and its tabs.
#[derive(Default)]
pub struct SidePanel {
    /// The tab shown.
    pub tab: Tab,
    /// The inspector (details tab).
    pub inspector: Inspector,
}

impl SidePanel {
    /// Shows the tab bar and the current tab.
    pub fn side_panel_ui(&mut self, ui: &mut Ui, cx: SidePanelContext<'_>) {
        ui.horizontal_wrapped(|ui| {
            for tab in Tab::ALL {
                if ui
                    .selectable_label(self.tab == tab, cx.tr.t(tab.label()))
                    .clicked()
                {
                    self.tab = tab;
                }
            }
        });
        ui.separator();
        // A scroll bar beside the forms, not over them: buttons at the right end of
        // a row (a menu, Today) stay clickable.
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| match self.tab {
                Tab::Details => {
                    self.inspector
                        .inspector_ui(ui, cx.doc, cx.selection, cx.tr, cx.commands)
                }
                Tab::Approach => approach_ui(ui, cx),
                Tab::Plans => plans_ui(ui, cx),
                Tab::Analysis => analysis_ui(ui, cx),
                Tab::Actions => actions_ui(ui, cx),
            });
    }
}

/// A person's name as a link that selects them and shows them on the canvas.
pub(super) fn person_link_ui(
    ui: &mut Ui,
    person: &crate::model::Stakeholder,
    tr: Tr,
    commands: &mut Vec<AppCommand>,
) {
    let name = if person.name.is_empty() {
        tr.t(T::Unnamed)
    } else {
        person.name.as_str()
    };
    let dot = RichText::new("●").color(color(theme::stance_color(person.stance)));
    ui.label(dot);
    if ui.link(name).on_hover_text(&person.title).clicked() {
        commands.push(AppCommand::Reveal(vec![person.id.clone()]));
    }
}

fn not_ready_ui(ui: &mut Ui, tr: Tr) {
    ui.label(RichText::new(tr.t(T::Analysing)).weak());
}

fn approach_ui(ui: &mut Ui, cx: SidePanelContext<'_>) {
    let tr = cx.tr;
    let Some(id) = cx.selection.single_person() else {
        ui.label(RichText::new(tr.t(T::SelectPersonForApproach)).weak());
        return;
    };
    let Some(analysed) = cx.analysed else {
        not_ready_ui(ui, tr);
        return;
    };
    let Some(index) = analysed.doc.stakeholder_index(id) else {
        not_ready_ui(ui, tr);
        return;
    };
    let Some(found) = approach(&analysed.doc, &analysed.analysis, index) else {
        return;
    };
    ui.heading(&found.headline);
    ui.add_space(4.0);
    ui.label(RichText::new(tr.t(T::Why)).strong());
    ui.label(&found.why);
    ui.add_space(4.0);
    ui.label(RichText::new(tr.t(T::NextSteps)).strong());
    for (n, step) in found.steps.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{}.", n + 1));
            ui.label(step);
        });
    }
    ui.separator();
    ui.label(RichText::new(tr.t(T::TheirActions)).strong());
    let Some(person) = cx.doc.stakeholder(id) else {
        return;
    };
    let today = crate::model::Date::today_local();
    if person.next_actions.iter().all(|a| a.done) {
        ui.label(RichText::new(tr.t(T::NoActions)).weak());
    }
    for (i, action) in person.next_actions.iter().enumerate() {
        let mut done = action.done;
        ui.horizontal_wrapped(|ui| {
            if ui.checkbox(&mut done, &action.text).changed() {
                let mut next = person.clone();
                if let Some(a) = next.next_actions.get_mut(i) {
                    a.done = done;
                }
                cx.commands.push(AppCommand::Edit {
                    command: Command::update_stakeholder(next),
                    merge_key: None,
                });
            }
            if let Some(due) = action.due {
                let late = !action.done && due < today;
                let text = if late {
                    format!("{due} · {}", tr.t(T::Overdue))
                } else {
                    due.to_string()
                };
                ui.label(RichText::new(text).color(if late {
                    WARNING_TEXT
                } else {
                    ui.visuals().weak_text_color()
                }));
            }
        });
    }
}

fn plans_ui(ui: &mut Ui, cx: SidePanelContext<'_>) {
    let tr = cx.tr;
    let doc = cx.doc;
    let mut form = Form {
        tr,
        commands: cx.commands,
    };
    for role in Role::ALL.iter().copied().filter(|r| *r != Role::Unknown) {
        let count = doc.stakeholders.iter().filter(|p| p.role == role).count();
        let title = format!("{} ({count})", tr.role(role));
        egui::CollapsingHeader::new(title)
            .id_salt(("plan", role.as_str()))
            .default_open(role == Role::DecisionMaker)
            .show(ui, |ui| plan_ui(ui, doc, role, &mut form));
    }
}

fn plan_ui(ui: &mut Ui, doc: &Document, role: Role, form: &mut Form<'_>) {
    let tr = form.tr;
    let own = doc.plans.get(&role);
    if own.is_some() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(tr.t(T::TeamPlanParts)).weak());
            if ui.small_button(tr.t(T::ResetPlan)).clicked() {
                form.edit(Command::SetPlan { role, plan: None });
            }
        });
    } else {
        ui.label(RichText::new(tr.t(T::Playbook)).weak());
    }
    // An edit stores only what the team wrote: the edited part, in the UI's
    // language; parts nobody wrote keep following the playbook.
    let start = || {
        own.map(|plan| without_playbook_text(role, plan))
            .unwrap_or_default()
    };
    let key = |part: PlanPart| format!("plan/{}/{}", role.as_str(), part.as_str());
    for shown in shown_plan(role, own, tr.0) {
        let part = shown.part;
        ui.push_id(part.as_str(), |ui| {
            let change = text_area_ui(ui, tr.t(part_label(part)), &shown.text);
            if let Some(written) = shown.other_language(tr.0) {
                let note = match written {
                    Language::Chinese => T::WrittenInChinese,
                    Language::English => T::WrittenInEnglish,
                };
                ui.label(RichText::new(tr.t(note)).weak().small());
            }
            form.apply(change, key(part), |text| {
                let mut next = start();
                *next.part_mut(part) = Some(PlanText::new(text, tr.0));
                Command::SetPlan {
                    role,
                    plan: Some(Box::new(next)),
                }
            });
        });
    }
    let mut leads: Vec<Option<TeamMemberId>> = vec![None];
    leads.extend(doc.team.iter().map(|m| Some(m.id.clone())));
    let lead_name =
        |lead: &Option<TeamMemberId>| match lead.as_ref().and_then(|id| doc.team_member(id)) {
            Some(member) => member.name.clone(),
            None => tr.t(T::NoLead).to_owned(),
        };
    let current = own.and_then(|plan| plan.lead.clone());
    if let Some(lead) = choice_row_ui(ui, tr.t(T::Lead), &current, &leads, lead_name) {
        let mut next = start();
        next.lead = lead;
        form.edit(Command::SetPlan {
            role,
            plan: Some(Box::new(next)),
        });
    }
}

/// The label of a part of a plan.
fn part_label(part: PlanPart) -> T {
    match part {
        PlanPart::Objective => T::Objective,
        PlanPart::KeyMessages => T::KeyMessages,
        PlanPart::Evidence => T::Evidence,
        PlanPart::Channels => T::Channels,
        PlanPart::Cadence => T::Cadence,
    }
}

fn analysis_ui(ui: &mut Ui, cx: SidePanelContext<'_>) {
    let tr = cx.tr;
    let Some(analysed) = cx.analysed else {
        not_ready_ui(ui, tr);
        return;
    };
    if cx.analysing {
        not_ready_ui(ui, tr);
    }
    let (doc, analysis) = (&analysed.doc, &analysed.analysis);
    let commands = cx.commands;

    ui.horizontal(|ui| {
        ui.strong(tr.t(T::HealthTitle));
        let (word, level) = match analysis.health.level {
            HealthLevel::Red => (T::HealthRed, HealthLevel::Red),
            HealthLevel::Amber => (T::HealthAmber, HealthLevel::Amber),
            HealthLevel::Green => (T::HealthGreen, HealthLevel::Green),
        };
        ui.label(
            RichText::new(format!("● {}", tr.t(word)))
                .color(super::theme::health_color(level))
                .strong(),
        );
    });
    ui.label(super::analysis_view::clipped(&analysis.health.reason, 600).as_ref());
    ui.separator();

    ui.strong(tr.t(T::StageFocus));
    ui.label(super::analysis_view::clipped(&analysis.focus.headline, 600).as_ref());
    let mut focus_on = *cx.highlight == HighlightRequest::StageFocus;
    if ui
        .checkbox(&mut focus_on, tr.t(T::HighlightOnMap))
        .changed()
    {
        commands.push(AppCommand::Highlight(if focus_on {
            HighlightRequest::StageFocus
        } else {
            HighlightRequest::Nothing
        }));
    }
    ui.separator();

    super::analysis_view::buying_centre_ui(ui, doc, analysis, tr, commands);
    super::analysis_view::candidates_ui(ui, doc, analysis, tr, commands);
    super::analysis_view::champions_ui(ui, doc, analysis, tr, commands);
    super::analysis_view::coverage_ui(ui, doc, analysis, tr);

    ui.horizontal_wrapped(|ui| {
        ui.strong(tr.t(T::Risks));
        let mut days = cx.stale_after_days;
        ui.label(RichText::new(tr.t(T::StaleAfter)).weak());
        let drag = ui.add(
            egui::DragValue::new(&mut days)
                .range(1..=3650)
                .suffix(tr.t(T::DaysSuffix)),
        );
        if drag.changed() {
            commands.push(AppCommand::SetStaleDays(days));
        }
    });
    if analysis.risks.is_empty() {
        ui.label(RichText::new(tr.t(T::NoRisks)).weak());
    }
    let risks = &analysis.risks;
    super::analysis_view::long_list_ui(ui, ("risks", 6, 2), risks.len(), tr, |ui, i| {
        let Some(risk) = risks.get(i) else {
            return;
        };
        let (word, tint) = match risk.severity {
            Severity::High => (T::SeverityHigh, ERROR_TEXT),
            Severity::Medium => (T::SeverityMedium, WARNING_TEXT),
            Severity::Low => (T::SeverityLow, ui.visuals().weak_text_color()),
        };
        ui.horizontal_wrapped(|ui| {
            let severity = if tr.chinese() {
                format!("【{}】", tr.t(word))
            } else {
                format!("[{}]", tr.t(word))
            };
            ui.label(RichText::new(severity).color(tint).strong());
            // A risk may name thousands of people: the panel shows the start.
            let message = super::analysis_view::clipped(&risk.message, 600);
            let response = ui.add(egui::Label::new(message.as_ref()).sense(egui::Sense::click()));
            if response.on_hover_text(&risk.action).clicked() {
                // Built on click only: a risk may concern thousands of people.
                let ids: Vec<StakeholderId> = risk
                    .people
                    .iter()
                    .filter_map(|&i| doc.stakeholders.get(i))
                    .map(|p| p.id.clone())
                    .collect();
                if !ids.is_empty() {
                    commands.push(AppCommand::Reveal(ids));
                }
            }
        });
        ui.label(format!("→ {}", risk.action));
    });
    ui.separator();

    ui.strong(tr.t(T::PathsToPower));
    if analysis.paths.is_empty() {
        ui.label(RichText::new(tr.t(T::NoPaths)).weak());
    }
    let paths = &analysis.paths;
    super::analysis_view::long_list_ui(ui, ("paths", 5, 1), paths.len(), tr, |ui, i| {
        let Some(path) = paths.get(i) else {
            return;
        };
        let Some(target) = doc.stakeholders.get(path.to) else {
            return;
        };
        ui.horizontal_wrapped(|ui| {
            let shown = *cx.highlight == HighlightRequest::PathTo(target.id.clone());
            let mut on = shown;
            if ui.checkbox(&mut on, tr.t(T::ShowPath)).changed() {
                commands.push(AppCommand::Highlight(if on {
                    HighlightRequest::PathTo(target.id.clone())
                } else {
                    HighlightRequest::Nothing
                }));
            }
            for (n, &i) in path.people.iter().enumerate() {
                if n > 0 {
                    ui.label("→");
                }
                if let Some(p) = doc.stakeholders.get(i) {
                    person_link_ui(ui, p, tr, commands);
                }
            }
        });
    });
    ui.separator();

    ui.strong(tr.t(T::HiddenInfluencers));
    if analysis.hidden_influencers.is_empty() {
        ui.label(RichText::new("—").weak());
    }
    let hidden = &analysis.hidden_influencers;
    super::analysis_view::long_list_ui(ui, ("hidden", 5, 1), hidden.len(), tr, |ui, i| {
        let Some(hidden) = hidden.get(i) else {
            return;
        };
        let Some(person) = doc.stakeholders.get(hidden.person) else {
            return;
        };
        ui.horizontal_wrapped(|ui| {
            person_link_ui(ui, person, tr, commands);
            ui.label(RichText::new(super::analysis_view::clipped(&hidden.why, 300)).weak());
        });
    });
    ui.separator();

    ui.strong(tr.t(T::InfluenceRanking));
    let ranking = &analysis.ranking;
    super::analysis_view::long_list_ui(ui, ("ranking", 10, 1), ranking.len(), tr, |ui, place| {
        let Some(person) = ranking.get(place).and_then(|&i| doc.stakeholders.get(i)) else {
            return;
        };
        let score = ranking
            .get(place)
            .and_then(|&i| analysis.influence.get(i))
            .copied()
            .unwrap_or(0.0)
            * 100.0;
        ui.horizontal(|ui| {
            ui.label(format!("{:>2}.", place + 1));
            person_link_ui(ui, person, tr, commands);
            ui.label(RichText::new(format!("{score:.1}")).weak());
        });
    });
}

fn actions_ui(ui: &mut Ui, cx: SidePanelContext<'_>) {
    let tr = cx.tr;
    let doc = cx.doc;
    let today = crate::model::Date::today_local();
    let open = crate::analysis::open_actions(doc, today);
    if open.is_empty() {
        ui.label(RichText::new(tr.t(T::NoActions)).weak());
    }
    super::analysis_view::long_list_ui(ui, ("actions", 30, 2), open.len(), tr, |ui, i| {
        let Some(action) = open.get(i) else {
            return;
        };
        let Some(person) = doc.stakeholders.get(action.person) else {
            return;
        };
        ui.horizontal_wrapped(|ui| {
            let mut done = false;
            if ui
                .checkbox(&mut done, "")
                .on_hover_text(tr.t(T::Done))
                .changed()
            {
                let mut next = person.clone();
                if let Some(a) = next.next_actions.get_mut(action.index) {
                    a.done = true;
                }
                cx.commands.push(AppCommand::Edit {
                    command: Command::update_stakeholder(next),
                    merge_key: None,
                });
            }
            if let Some(due) = action.due {
                let text = if action.overdue {
                    format!("{due} · {}", tr.t(T::Overdue))
                } else {
                    due.to_string()
                };
                ui.label(RichText::new(text).color(if action.overdue {
                    WARNING_TEXT
                } else {
                    ui.visuals().weak_text_color()
                }));
            }
            person_link_ui(ui, person, tr, cx.commands);
        });
        ui.label(&action.text);
        ui.add_space(2.0);
    });
}
