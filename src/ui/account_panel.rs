//! The account panel: the customer, the deal (its value, stage, close date,
//! decision process and competitors), and our team.

use egui::Ui;

use super::app_command::AppCommand;
use super::deal_panel::DealPanel;
use super::i18n::{T, Tr};
use super::widgets::{
    Drafts, FieldChange, FieldLabel, Form, ParsedField, choice_row_ui, date_row_ui, parsed_row_ui,
    stacked_text_ui, text_area_ui,
};
use crate::edit::Command;
use crate::model::{Account, Document, Outcome, Stage, TeamMember, TeamMemberId};

/// Account panel view state.
#[derive(Default)]
pub struct AccountPanel {
    drafts: Drafts,
    /// A member just added: their name field gets the keyboard once it is drawn.
    focus_member: Option<TeamMemberId>,
    deal: DealPanel,
}

impl AccountPanel {
    /// Shows and edits the account and the team.
    pub fn account_ui(
        &mut self,
        ui: &mut Ui,
        doc: &Document,
        tr: Tr,
        commands: &mut Vec<AppCommand>,
    ) {
        let mut form = Form { tr, commands };
        let account = &doc.account;
        let update = |edit: &dyn Fn(&mut Account)| {
            let mut next = account.clone();
            edit(&mut next);
            Command::update_account(next)
        };
        let key = |field: &str| format!("account/{field}");
        ui.heading(tr.t(T::Account));
        super::review_view::review_button_ui(ui, doc, form.tr, form.commands);
        // Labels above the fields and values that wrap: the panel is narrow, and a
        // customer's full name is long ("某某集团股份有限公司智能制造事业部").
        let change = stacked_text_ui(ui, tr.t(T::Customer), &account.name);
        form.apply(change, key("name"), |v| update(&|a| a.name = v.clone()));
        let change = stacked_text_ui(ui, tr.t(T::Industry), &account.industry);
        form.apply(change, key("industry"), |v| {
            update(&|a| a.industry = v.clone())
        });
        let change = stacked_text_ui(ui, tr.t(T::Opportunity), &account.opportunity);
        form.apply(change, key("opportunity"), |v| {
            update(&|a| a.opportunity = v.clone())
        });
        let field = ParsedField {
            id: egui::Id::new("account-deal-value"),
            label: FieldLabel::above(tr.t(T::DealValue)),
            hint: "",
        };
        let shown = account.deal_value.map(format_amount).unwrap_or_default();
        let change = parsed_row_ui(
            ui,
            &mut self.drafts,
            &field,
            shown,
            |text| parse_amount(text).ok_or_else(|| tr.t(T::InvalidNumber).to_owned()),
            &account.deal_value,
            tr,
        );
        form.apply(change, key("deal_value"), |v| update(&|a| a.deal_value = v));
        let change = stacked_text_ui(ui, tr.t(T::Currency), &account.currency);
        form.apply(change, key("currency"), |v| {
            update(&|a| a.currency = v.clone())
        });
        if let Some(stage) = choice_row_ui(
            ui,
            FieldLabel::above(tr.t(T::Stage)),
            &account.stage,
            Stage::ALL,
            |s| tr.stage(*s).to_owned(),
        ) {
            form.edit(update(&|a| a.stage = stage));
        }
        self.outcome_ui(ui, account, &mut form);
        let change = text_area_ui(ui, tr.t(T::Notes), &account.notes);
        form.apply(change, key("notes"), |v| update(&|a| a.notes = v.clone()));

        ui.separator();
        self.deal.deal_ui(ui, doc, &mut form);

        ui.separator();
        ui.heading(tr.t(T::Team));
        for member in &doc.team {
            ui.horizontal(|ui| {
                let mut name = member.name.clone();
                // Remove on the right; the name gets the rest of the row.
                let (response, remove) = ui
                    .with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        let remove = ui.button(tr.t(T::Remove)).clicked();
                        handover_menu_ui(ui, doc, member, tr, &mut form);
                        let response = ui.add(
                            egui::TextEdit::singleline(&mut name)
                                .hint_text(tr.t(T::NewMemberName))
                                .desired_width(ui.available_width()),
                        );
                        (response, remove)
                    })
                    .inner;
                ui.ctx().accesskit_node_builder(response.id, |node| {
                    node.set_label(tr.t(T::TeamMemberName));
                });
                if self.focus_member.as_ref() == Some(&member.id) {
                    response.request_focus();
                    self.focus_member = None;
                }
                let change = FieldChange {
                    value: (response.changed() && name != member.name).then_some(name),
                    lost_focus: response.lost_focus(),
                };
                form.apply(change, format!("member/{}", member.id), |name| {
                    Command::UpdateTeamMember(TeamMember {
                        name,
                        ..member.clone()
                    })
                });
                if remove {
                    form.edit(Command::RemoveTeamMember(member.id.clone()));
                }
            });
        }
        if ui.button(tr.t(T::AddMember)).clicked() {
            // Empty, with the keyboard in it: the user types the name straight away.
            let id = doc.fresh_team_member_id("t");
            form.edit(Command::add_team_member(TeamMember::new(id.as_str(), "")));
            self.focus_member = Some(id);
        }
    }
}

impl AccountPanel {
    /// How the deal ended and when: what the workspace learns from. "Open" clears
    /// the field, since a deal without an outcome is open.
    fn outcome_ui(&mut self, ui: &mut Ui, account: &Account, form: &mut Form<'_>) {
        let tr = form.tr;
        let name = |o: &Outcome| {
            tr.t(match o {
                Outcome::Open => T::OutcomeOpen,
                Outcome::Won => T::OutcomeWon,
                Outcome::Lost => T::OutcomeLost,
            })
            .to_owned()
        };
        let current = account.outcome.unwrap_or_default();
        if let Some(outcome) = choice_row_ui(
            ui,
            FieldLabel::above(tr.t(T::OutcomeField)),
            &current,
            Outcome::ALL,
            name,
        ) {
            let mut next = account.clone();
            next.outcome = outcome.is_closed().then_some(outcome);
            form.edit(Command::update_account(next));
        }
        if current.is_closed() || account.closed_on.is_some() {
            let change = date_row_ui(
                ui,
                &mut self.drafts,
                egui::Id::new("account-closed-on"),
                FieldLabel::above(tr.t(T::ClosedOn)),
                account.closed_on,
                tr,
            );
            form.apply(change, "account/closed_on".into(), |date| {
                let mut next = account.clone();
                next.closed_on = date;
                Command::update_account(next)
            });
        }
    }
}

/// "Hand over…": everyone a member owns and the plans they lead go to a colleague
/// (a rep leaves, nothing is lost). Shown when they own something and there is
/// someone to hand over to.
fn handover_menu_ui(
    ui: &mut egui::Ui,
    doc: &crate::model::Document,
    member: &TeamMember,
    tr: Tr,
    form: &mut Form<'_>,
) {
    let (people, plans) = crate::edit::handover::owned_by(doc, &member.id);
    if people + plans == 0 || doc.team.len() < 2 {
        return;
    }
    let shown = if member.name.is_empty() {
        tr.t(T::Unnamed).to_owned()
    } else {
        member.name.clone()
    };
    ui.menu_button(tr.t(T::HandOver), |ui| {
        ui.label(tr.f(T::HandOverWhat, &[&shown, &people, &plans]));
        for colleague in doc.team.iter().filter(|m| m.id != member.id) {
            let name = if colleague.name.is_empty() {
                tr.t(T::Unnamed).to_owned()
            } else {
                colleague.name.clone()
            };
            if ui.button(tr.f(T::HandOverTo, &[&name])).clicked()
                && let Some(command) =
                    crate::edit::handover::handover(doc, &member.id, &colleague.id)
            {
                form.edit(command);
                ui.close();
            }
        }
    })
    .response
    .on_hover_text(tr.f(T::HandOverHint, &[&shown]));
}

/// An amount as typed: digits with optional separators ("5,200,000", "5 200 000").
pub fn parse_amount(text: &str) -> Option<Option<f64>> {
    if text.is_empty() {
        return Some(None);
    }
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_' | '，'))
        .collect();
    cleaned
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .map(Some)
}

/// An amount for display, without exponent.
pub fn format_amount(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_accept_separators_and_refuse_garbage() {
        assert_eq!(parse_amount("5,200,000"), Some(Some(5_200_000.0)));
        assert_eq!(parse_amount("1 240 000.5"), Some(Some(1_240_000.5)));
        assert_eq!(parse_amount(""), Some(None));
        assert_eq!(parse_amount("-3"), None);
        assert_eq!(parse_amount("abc"), None);
        assert_eq!(format_amount(5_200_000.0), "5200000");
    }
}
