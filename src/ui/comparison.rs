//! Comparing the map with an older version of it — a review, another file, a git
//! revision — while it stays editable: the canvas marks what changed (see
//! [`super::canvas::change_marks`]) and a bar over it lists every change, each a
//! link to the person or line on the canvas. The comparison follows edits: the
//! marks are rebuilt for each version of the map, on a background thread for a
//! large one.

use std::sync::Arc;

use egui::Ui;

use super::app_command::AppCommand;
use super::background::Background;
use super::i18n::{Language, T, Tr};
use crate::edit::Editor;
use crate::model::diff::PersonField;
use crate::model::{Document, StakeholderId, TeamMemberId};
use crate::sync::marks::{ChangeMarks, Direction, GhostEnd, PersonMarks};

/// Maps up to this size are compared on the UI thread after each edit.
const INLINE_LIMIT: usize = 2_000;
/// Changes listed at once; the rest scroll.
const LIST_HEIGHT: f32 = 220.0;

/// What a listed change leads to on the canvas.
#[derive(Clone, Debug, PartialEq)]
pub enum ChangeTarget {
    /// People in the map (a person, or a line's ends).
    People(Vec<StakeholderId>),
    /// Someone gone: an index into [`ChangeMarks::ghosts`].
    Ghost(usize),
    /// Nothing on the canvas (the account, the team, the plans).
    Nothing,
}

/// One line of the change list.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeEntry {
    /// What it says.
    pub text: String,
    /// Where a click leads.
    pub target: ChangeTarget,
}

/// The marks and the list for one version of the map, in one language.
pub struct Compared {
    /// What the canvas marks.
    pub marks: ChangeMarks,
    /// What the bar lists.
    pub entries: Vec<ChangeEntry>,
}

/// The map compared with an older version of it.
pub struct Comparison {
    /// What it is compared with, as the bar says it ("the review of 2026-10-15").
    pub against: String,
    old: Arc<Document>,
    /// Compare only what a review keeps (the older side is a review's snapshot).
    review: bool,
    shown: Option<Arc<Compared>>,
    /// The edit counter and language `shown` is for.
    shown_for: Option<(u64, Language)>,
    running: Option<((u64, Language), Background<Compared>)>,
    /// Changes whenever `shown` does.
    pub serial: u64,
    list_open: bool,
}

impl Comparison {
    /// Compares the map with `old`; `review` when `old` is a review's snapshot.
    pub fn new(against: String, old: Document, review: bool) -> Self {
        Self {
            against,
            old: Arc::new(old),
            review,
            shown: None,
            shown_for: None,
            running: None,
            serial: 0,
            list_open: true,
        }
    }

    /// Brings the marks in step with the map; returns the latest ones (possibly of
    /// a slightly older version while a large map is compared again).
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        editor: &Editor,
        edit_counter: u64,
        tr: Tr,
    ) -> Option<Arc<Compared>> {
        let key = (edit_counter, tr.0);
        if let Some((running_key, job)) = &self.running
            && let Some(result) = job.finished()
        {
            self.shown_for = Some(*running_key);
            // (A thread that died leaves the last marks and is not asked again.)
            if let Some(result) = result {
                self.shown = Some(Arc::new(result));
                self.serial += 1;
            }
            self.running = None;
        }
        let up_to_date =
            self.shown_for == Some(key) || self.running.as_ref().is_some_and(|(k, _)| *k == key);
        if !up_to_date && self.running.is_none() {
            let (old, review) = (Arc::clone(&self.old), self.review);
            if editor.document().stakeholders.len() <= INLINE_LIMIT {
                self.shown = Some(Arc::new(compare(&old, editor.document(), review, tr)));
                self.shown_for = Some(key);
                self.serial += 1;
            } else {
                let shared = editor.snapshot();
                let job = Background::start(ctx, move || {
                    // Copy off the UI thread and let go of the shared map at once,
                    // so the editor's next edit does not have to copy it.
                    let doc = Document::clone(&shared);
                    drop(shared);
                    compare(&old, &doc, review, tr)
                });
                self.running = Some((key, job));
            }
        }
        self.shown.clone()
    }

    /// Whether newer marks are being computed.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }
}

/// The marks and the list of what changed from `old` to `doc`.
pub fn compare(old: &Document, doc: &Document, review: bool, tr: Tr) -> Compared {
    let marks = if review {
        ChangeMarks::between(old, &crate::sync::review::snapshot(doc))
    } else {
        ChangeMarks::between(old, doc)
    };
    let entries = entries(&marks, old, doc, tr);
    Compared { marks, entries }
}

/// The bar over the canvas: what the map is compared with, how much changed, the
/// list (on request) and the button that ends the comparison.
pub fn comparison_bar_ui(
    ui: &mut Ui,
    comparison: &mut Comparison,
    compared: Option<&Compared>,
    tr: Tr,
    commands: &mut Vec<AppCommand>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.strong(tr.f(T::ComparingWith, &[&comparison.against]));
        match compared {
            Some(compared) => {
                let (added, removed, changed) = compared.marks.counts();
                let lines = compared.marks.diff.lines_added.len()
                    + compared.marks.diff.lines_removed.len()
                    + compared.marks.diff.lines_changed.len();
                ui.label(tr.f(T::ComparingCounts, &[&added, &removed, &changed, &lines]));
            }
            None => {
                ui.spinner();
            }
        }
        if comparison.is_running() {
            ui.spinner();
        }
        let toggle = if comparison.list_open {
            T::ComparingHideList
        } else {
            T::ComparingShowList
        };
        if ui.button(tr.t(toggle)).clicked() {
            comparison.list_open = !comparison.list_open;
        }
        if ui.button(tr.t(T::ComparingClose)).clicked() {
            commands.push(AppCommand::CloseComparison);
        }
    });
    let Some(compared) = compared.filter(|_| comparison.list_open) else {
        return;
    };
    if compared.entries.is_empty() {
        ui.label(tr.t(T::NoDifferences));
        return;
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    // A quarter of the window at most, so the map stays in view on a laptop.
    let max_height = LIST_HEIGHT.min(ui.ctx().content_rect().height() * 0.22);
    let rows_height = row_height * compared.entries.len() as f32;
    egui::ScrollArea::vertical()
        .max_height(max_height)
        .min_scrolled_height(rows_height.min(max_height))
        .auto_shrink([false, true])
        .show_rows(ui, row_height, compared.entries.len(), |ui, rows| {
            for entry in compared.entries.get(rows).unwrap_or_default() {
                match &entry.target {
                    ChangeTarget::Nothing => {
                        ui.label(&entry.text);
                    }
                    target => {
                        if ui.link(&entry.text).clicked() {
                            commands.push(match target {
                                ChangeTarget::Ghost(index) => AppCommand::RevealGhost(*index),
                                ChangeTarget::People(people) => AppCommand::Reveal(people.clone()),
                                ChangeTarget::Nothing => continue,
                            });
                        }
                    }
                }
            }
        });
}

/// Every change as a line to read: new people, changed people (what changed, from
/// what to what), people gone, lines new, gone and changed, then the account.
fn entries(marks: &ChangeMarks, old: &Document, doc: &Document, tr: Tr) -> Vec<ChangeEntry> {
    let names = Names::new(old, doc, tr);
    let mut list = Vec::new();
    for id in &marks.order {
        let Some(person) = marks.people.get(id) else {
            continue;
        };
        let name = names.now(id);
        let text = if person.added {
            tr.f(T::DiffAdded, &[&name])
        } else {
            let what = describe(person, &names, tr);
            tr.f(T::DiffChangedDetail, &[&name, &what])
        };
        list.push(ChangeEntry {
            text,
            target: ChangeTarget::People(vec![id.clone()]),
        });
    }
    for (index, ghost) in marks.ghosts.iter().enumerate() {
        list.push(ChangeEntry {
            text: tr.f(T::DiffRemoved, &[&names.named(&ghost.name, &ghost.id)]),
            target: ChangeTarget::Ghost(index),
        });
    }
    let new_lines = index_lines(doc);
    let line_text = |key: T, line: &crate::model::Relationship, names: &Names<'_>| {
        let (from, to) = (names.any(&line.from), names.any(&line.to));
        tr.f(key, &[&from, &to, &tr.kind(line.kind)])
    };
    for (ids, key) in [
        (&marks.diff.lines_added, T::DiffLineAdded),
        (&marks.diff.lines_changed, T::DiffLineChanged),
    ] {
        for id in ids {
            if let Some(line) = new_lines.get(id).and_then(|&i| doc.relationships.get(i)) {
                list.push(ChangeEntry {
                    text: line_text(key, line, &names),
                    target: ChangeTarget::People(vec![line.from.clone(), line.to.clone()]),
                });
            }
        }
    }
    let old_lines = index_lines(old);
    for ghost_line in &marks.ghost_lines {
        let Some(line) = old_lines
            .get(&ghost_line.id)
            .and_then(|&i| old.relationships.get(i))
        else {
            continue;
        };
        let target = match (&ghost_line.from, &ghost_line.to) {
            (GhostEnd::Person(a), GhostEnd::Person(b)) => {
                ChangeTarget::People(vec![a.clone(), b.clone()])
            }
            (GhostEnd::Ghost(i), _) | (_, GhostEnd::Ghost(i)) => ChangeTarget::Ghost(*i),
        };
        list.push(ChangeEntry {
            text: line_text(T::DiffLineRemoved, line, &names),
            target,
        });
    }
    for (differs, key) in [
        (marks.diff.account_changed, T::DiffAccount),
        (marks.diff.team_changed, T::DiffTeam),
        (marks.diff.plans_changed, T::DiffPlans),
    ] {
        if differs {
            list.push(ChangeEntry {
                text: tr.t(key).to_owned(),
                target: ChangeTarget::Nothing,
            });
        }
    }
    list
}

fn index_lines(doc: &Document) -> std::collections::HashMap<&crate::model::RelationshipId, usize> {
    doc.relationships
        .iter()
        .enumerate()
        .map(|(i, l)| (&l.id, i))
        .collect()
}

/// What changed about one person, as one phrase: "stance neutral → supporter,
/// power 3 → 4, also title and notes".
pub fn describe(person: &PersonMarks, names: &Names<'_>, tr: Tr) -> String {
    let mut parts = Vec::new();
    let colon = if tr.chinese() { "：" } else { ": " };
    if let Some((before, now)) = person.stance {
        let arrow = match person.stance_direction() {
            Some(Direction::Up) => " ↑",
            Some(Direction::Down) => " ↓",
            _ => "",
        };
        // Stance names say what they are ("Unknown stance", "Supporter").
        parts.push(format!("{} → {}{arrow}", tr.stance(before), tr.stance(now)));
    }
    if let Some((before, now)) = person.power {
        parts.push(format!(
            "{}{colon}{} → {}",
            super::versions::field_name(PersonField::Power, tr),
            before.level(),
            now.level()
        ));
    }
    if let Some((before, now)) = person.role {
        parts.push(format!(
            "{}{colon}{} → {}",
            super::versions::field_name(PersonField::Role, tr),
            tr.role(before),
            tr.role(now)
        ));
    }
    if let Some((before, now)) = &person.owner {
        parts.push(format!(
            "{}{colon}{} → {}",
            super::versions::field_name(PersonField::Owner, tr),
            names.member(before.as_ref()),
            names.member(now.as_ref())
        ));
    }
    if let Some((before, now)) = person.coverage {
        parts.push(format!(
            "{}{colon}{} → {}",
            super::versions::field_name(PersonField::Coverage, tr),
            tr.coverage(before),
            tr.coverage(now)
        ));
    }
    let separator = if tr.chinese() { "；" } else { "; " };
    if !person.other.is_empty() {
        let fields: Vec<&str> = person
            .other
            .iter()
            .map(|f| super::versions::field_name(*f, tr))
            .collect();
        let list = fields.join(if tr.chinese() { "、" } else { ", " });
        parts.push(tr.f(T::DiffAlso, &[&list]));
    }
    parts.join(separator)
}

/// Names of people (in either version) and of team members, for the list.
pub struct Names<'a> {
    now: std::collections::HashMap<&'a StakeholderId, &'a str>,
    before: std::collections::HashMap<&'a StakeholderId, &'a str>,
    team: std::collections::HashMap<&'a TeamMemberId, &'a str>,
    tr: Tr,
}

impl<'a> Names<'a> {
    fn new(old: &'a Document, doc: &'a Document, tr: Tr) -> Self {
        let people = |d: &'a Document| {
            d.stakeholders
                .iter()
                .map(|p| (&p.id, p.name.as_str()))
                .collect()
        };
        let team = old
            .team
            .iter()
            .chain(&doc.team)
            .map(|m| (&m.id, m.name.as_str()))
            .collect();
        Self {
            now: people(doc),
            before: people(old),
            team,
            tr,
        }
    }

    fn named(&self, name: &str, id: &StakeholderId) -> String {
        if name.trim().is_empty() {
            format!("{} {id}", self.tr.t(T::Unnamed))
        } else {
            name.to_owned()
        }
    }

    fn now(&self, id: &StakeholderId) -> String {
        self.named(self.now.get(id).copied().unwrap_or_default(), id)
    }

    fn any(&self, id: &StakeholderId) -> String {
        let name = self.now.get(id).or_else(|| self.before.get(id));
        self.named(name.copied().unwrap_or_default(), id)
    }

    fn member(&self, id: Option<&TeamMemberId>) -> String {
        match id {
            None => self.tr.t(T::NoOwner).to_owned(),
            Some(id) => match self.team.get(id) {
                Some(name) if !name.trim().is_empty() => (*name).to_owned(),
                _ => id.to_string(),
            },
        }
    }
}

/// A short text of what changed about `person` of `doc`, for the canvas's hover
/// card (owners named from our team).
pub fn hover_text(person: &PersonMarks, doc: &Document, tr: Tr) -> String {
    if person.added {
        return tr.t(T::ComparingNew).to_owned();
    }
    // Only owners are named here: no index of the people (this runs every frame
    // the card shows).
    let names = Names {
        now: Default::default(),
        before: Default::default(),
        team: doc.team.iter().map(|m| (&m.id, m.name.as_str())).collect(),
        tr,
    };
    describe(person, &names, tr)
}

/// An older version of the map being read for a comparison (a large file, or the
/// map in a commit), off the UI thread.
pub struct ReadOlder {
    /// What the map will be compared with, as the bar says it.
    pub against: String,
    /// The title of the error window if it cannot be read.
    pub title: T,
    /// The file (for the error window).
    pub path: std::path::PathBuf,
    /// The version, or why it could not be read.
    pub read: super::background::Background<Result<Document, String>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Power, Relationship, RelationshipKind, Stakeholder, Stance};

    #[test]
    fn every_change_is_listed_with_where_it_leads() {
        let mut old = Document::default();
        old.stakeholders.push(Stakeholder::new("a", "王立新"));
        old.stakeholders.push(Stakeholder::new("b", "钱玉梅"));
        old.relationships.push(Relationship::new(
            "r1",
            "b",
            "a",
            RelationshipKind::ReportsTo,
        ));
        let mut new = old.clone();
        new.stakeholders.retain(|p| p.id.as_str() == "a");
        new.relationships.clear();
        new.stakeholders[0].stance = Stance::Supporter;
        new.stakeholders[0].power = Power::MAX;
        new.stakeholders.push(Stakeholder::new("c", "周振华"));
        let compared = compare(&old, &new, false, Tr(Language::English));
        let texts: Vec<&str> = compared.entries.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Changed: 王立新 — Unknown stance → Supporter; power: 3 → 5",
                "Added: 周振华",
                "Removed: 钱玉梅",
                "Line removed: 钱玉梅 → 王立新 (Reports to)",
            ]
        );
        assert_eq!(compared.entries[2].target, ChangeTarget::Ghost(0));
        assert_eq!(compared.entries[3].target, ChangeTarget::Ghost(0));
    }
}
