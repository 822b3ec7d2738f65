//! Choosing people from the map: a searchable picker behind a button (name and
//! title of each match) and the chosen people as removable chips.

use egui::{Label, Popup, PopupCloseBehavior, Rect, RichText, ScrollArea, Sense, TextEdit, Ui};

use super::i18n::{T, Tr};
use crate::model::{Stakeholder, StakeholderId};

/// At most this many matches are listed; more ask the user to type on.
pub const MAX_LISTED: usize = 50;

/// The people a search finds.
#[derive(Debug)]
pub struct Matches<'a> {
    /// The first matches, in map order.
    pub people: Vec<&'a Stakeholder>,
    /// Whether more people match than are listed.
    pub more: bool,
}

/// The people whose name, title or department contain every word of `query`
/// (ignoring case), leaving out `chosen`; at most `limit`, in map order. The scan
/// stops at the first match past the limit, so an empty query costs nothing on a
/// large map and any query at most one pass over the people.
pub fn matching_people<'a>(
    people: &'a [Stakeholder],
    query: &str,
    chosen: &[StakeholderId],
    limit: usize,
) -> Matches<'a> {
    let (found, more) = matching_positions(people, query, chosen, limit);
    Matches {
        people: found.iter().filter_map(|&i| people.get(i)).collect(),
        more,
    }
}

/// [`matching_people`] as positions in `people`, and whether more match.
fn matching_positions(
    people: &[Stakeholder],
    query: &str,
    chosen: &[StakeholderId],
    limit: usize,
) -> (Vec<usize>, bool) {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut found = Vec::new();
    for (index, person) in people.iter().enumerate() {
        if chosen.contains(&person.id) || !words.iter().all(|w| describes(person, w)) {
            continue;
        }
        if found.len() == limit {
            return (found, true);
        }
        found.push(index);
    }
    (found, false)
}

/// Whether the person's name, title or department contains `word` (lower case).
fn describes(person: &Stakeholder, word: &str) -> bool {
    [&person.name, &person.title, &person.department]
        .iter()
        .any(|text| contains_ignoring_case(text, word))
}

/// Whether `text` contains `word` (already lower case), ignoring case. ASCII text
/// is compared in place, and so is text without capitals (Chinese); only the
/// rest is lowered into a new string.
fn contains_ignoring_case(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return true;
    }
    if text.is_ascii() {
        let (text, word) = (text.as_bytes(), word.as_bytes());
        return text
            .windows(word.len())
            .any(|window| window.eq_ignore_ascii_case(word));
    }
    if !text.chars().any(char::is_uppercase) {
        return text.contains(word);
    }
    text.to_lowercase().contains(word)
}

/// What a person picker keeps between frames: the text typed into it and the
/// last search, so that a large map is searched once per change of the text,
/// not every frame.
#[derive(Default)]
pub struct PickerState {
    search: String,
    last: Option<LastSearch>,
}

/// A search and what it found, as positions in the list of people.
struct LastSearch {
    query: String,
    chosen: Vec<StakeholderId>,
    /// The people list it ran on: its length and where it was in memory.
    people: (usize, usize),
    /// Where each match was in the list, and who it was.
    found: Vec<(usize, StakeholderId)>,
    more: bool,
}

impl PickerState {
    /// The matches for the typed text: the last search when nothing it depends
    /// on changed, else a new one.
    fn matches<'a>(&mut self, people: &'a [Stakeholder], chosen: &[StakeholderId]) -> Matches<'a> {
        let list = (people.len(), people.as_ptr() as usize);
        if let Some(last) = &self.last
            && last.query == self.search
            && last.chosen == chosen
            && last.people == list
        {
            let found: Vec<&Stakeholder> = last
                .found
                .iter()
                .filter_map(|(i, id)| people.get(*i).filter(|p| p.id == *id))
                .collect();
            // People edited in place keep their place; someone else in a place
            // means the list changed under us, so search again.
            if found.len() == last.found.len() {
                return Matches {
                    people: found,
                    more: last.more,
                };
            }
        }
        let (found, more) = matching_positions(people, &self.search, chosen, MAX_LISTED);
        let matches = Matches {
            people: found.iter().filter_map(|&i| people.get(i)).collect(),
            more,
        };
        self.last = Some(LastSearch {
            query: self.search.clone(),
            chosen: chosen.to_vec(),
            people: list,
            found: found
                .into_iter()
                .zip(&matches.people)
                .map(|(i, p)| (i, p.id.clone()))
                .collect(),
            more,
        });
        matches
    }
}

/// How a person is named in a list: their name (or "(unnamed)") and, when known,
/// their title and department.
pub fn describe_person(person: &Stakeholder, tr: Tr) -> String {
    let mut parts = vec![display_name(person, tr)];
    parts.extend(
        [&person.title, &person.department]
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .cloned(),
    );
    parts.join(" · ")
}

/// A person's name, or "(unnamed)".
pub fn display_name(person: &Stakeholder, tr: Tr) -> String {
    if person.name.trim().is_empty() {
        tr.t(T::Unnamed).to_owned()
    } else {
        person.name.clone()
    }
}

/// The button that opens a person picker.
pub struct PickerButton<'a> {
    /// Identifies the popup.
    pub id: egui::Id,
    /// The button's text.
    pub label: &'a str,
    /// What the button does, for its tooltip and screen readers.
    pub name: &'a str,
}

/// A small button that opens a search over the map's people, leaving out
/// `chosen`. Returns the person picked this frame. The popup stays open, so
/// several people can be picked in a row.
pub fn person_picker_ui(
    ui: &mut Ui,
    picker: &PickerButton<'_>,
    state: &mut PickerState,
    people: &[Stakeholder],
    chosen: &[StakeholderId],
    tr: Tr,
) -> Option<StakeholderId> {
    let (id, name) = (picker.id, picker.name);
    let button = ui.small_button(picker.label).on_hover_text(name);
    ui.ctx()
        .accesskit_node_builder(button.id, |node| node.set_label(name));
    let opened = button.clicked();
    if opened {
        state.search.clear();
    }
    let mut picked = None;
    Popup::from_toggle_button_response(&button)
        .id(id)
        .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
        .width(POPUP_WIDTH.min(ui.ctx().content_rect().width() * 0.8))
        .show(|ui| {
            let field = ui.add(
                TextEdit::singleline(&mut state.search)
                    .hint_text(tr.t(T::SearchPeople))
                    .desired_width(f32::INFINITY),
            );
            ui.ctx()
                .accesskit_node_builder(field.id, |node| node.set_label(tr.t(T::SearchPeople)));
            if opened {
                field.request_focus();
            }
            let found = state.matches(people, chosen);
            ScrollArea::vertical()
                .max_height(LIST_HEIGHT)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for person in &found.people {
                        let text = describe_person(person, tr);
                        if ui.add(egui::Button::selectable(false, text)).clicked() {
                            picked = Some(person.id.clone());
                        }
                    }
                });
            let note = if people.is_empty() {
                Some(T::NoPeopleYet)
            } else if found.people.is_empty() {
                Some(T::NoMatchingPeople)
            } else if found.more {
                Some(T::MorePeople)
            } else {
                None
            };
            if let Some(note) = note {
                ui.add(Label::new(RichText::new(tr.t(note)).weak()).wrap());
            }
        });
    picked
}

/// Width of the picker's popup, in points (less on a small window).
const POPUP_WIDTH: f32 = 260.0;
/// Height of the picker's list before it scrolls, in points.
const LIST_HEIGHT: f32 = 220.0;

/// A chip: `text` (cut with "…" when the row is too narrow, whole on hover as
/// `hover`) and a 🗙 button named `remove` for screen readers. Chips wrap like
/// words in a `horizontal_wrapped` row and are never wider than it. Returns
/// whether 🗙 was clicked.
pub fn chip_ui(ui: &mut Ui, text: &str, hover: &str, remove: &str) -> bool {
    let height = ui.spacing().interact_size.y;
    let padding = 6.0;
    let text_width = ui
        .painter()
        .layout_no_wrap(
            text.to_owned(),
            egui::TextStyle::Body.resolve(ui.style()),
            ui.visuals().text_color(),
        )
        .size()
        .x;
    let width = (padding + text_width + padding + height).min(ui.max_rect().width());
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), Sense::hover());
    let visuals = ui.visuals();
    ui.painter()
        .rect_filled(rect, height / 2.0, visuals.widgets.inactive.weak_bg_fill);
    let button_rect = Rect::from_min_max(
        egui::pos2(rect.right() - height, rect.top()),
        rect.right_bottom(),
    );
    let text_rect = Rect::from_min_max(
        egui::pos2(rect.left() + padding, rect.top()),
        egui::pos2(button_rect.left(), rect.bottom()),
    );
    ui.put(text_rect, Label::new(text).truncate())
        .on_hover_text(hover);
    let button = ui
        .put(button_rect, egui::Button::new("🗙").small().frame(false))
        .on_hover_text(remove);
    ui.ctx()
        .accesskit_node_builder(button.id, |node| node.set_label(remove));
    button.clicked()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Language;

    fn person(id: &str, name: &str, title: &str, department: &str) -> Stakeholder {
        let mut p = Stakeholder::new(id, name);
        p.title = title.into();
        p.department = department.into();
        p
    }

    fn ids<'a>(found: &Matches<'a>) -> Vec<&'a str> {
        found.people.iter().map(|p| p.id.as_str()).collect()
    }

    #[test]
    fn search_matches_every_word_in_name_title_or_department_ignoring_case() {
        let people = [
            person("a", "张伟", "信息中心主任", "信息中心"),
            person("b", "Katrin Hartmann", "CFO", "Finance"),
            person("c", "王芳", "财务总监", "财务部"),
            person("d", "Émile Zola", "Head of IT", ""),
        ];
        let find = |q: &str| ids(&matching_people(&people, q, &[], 10)).join(",");
        assert_eq!(find(""), "a,b,c,d");
        assert_eq!(find("  "), "a,b,c,d");
        assert_eq!(find("hart"), "b");
        assert_eq!(find("KATRIN cfo"), "b");
        assert_eq!(find("finance katrin"), "b");
        assert_eq!(find("katrin it"), "", "every word must match");
        assert_eq!(find("财务"), "c");
        assert_eq!(find("主任"), "a");
        assert_eq!(find("émile"), "d");
        assert_eq!(find("ÉMILE"), "d");
        assert_eq!(find("head of"), "d");
        assert_eq!(find("nobody"), "");
    }

    #[test]
    fn chosen_people_are_left_out_and_the_list_stops_at_the_limit() {
        let people: Vec<Stakeholder> = (0..120)
            .map(|i| person(&format!("p{i}"), &format!("Person {i}"), "", ""))
            .collect();
        let chosen = [StakeholderId::new("p0"), StakeholderId::new("p2")];
        let found = matching_people(&people, "person", &chosen, 3);
        assert_eq!(ids(&found), ["p1", "p3", "p4"]);
        assert!(found.more);
        let found = matching_people(&people, "person 11", &chosen, 50);
        // "Person 11" and "Person 110" … "Person 119" contain both words.
        assert_eq!(found.people.len(), 11);
        assert!(!found.more);
        let exactly = matching_people(&people[..3], "", &[], 3);
        assert_eq!(exactly.people.len(), 3);
        assert!(!exactly.more, "exactly the limit is not more");
    }

    #[test]
    fn the_picker_searches_again_only_when_the_text_the_choice_or_the_people_change() {
        let mut people = vec![
            person("a", "张伟", "主任", ""),
            person("b", "王芳", "主任", ""),
            person("c", "Ann", "CFO", ""),
        ];
        let mut state = PickerState::default();
        "主任".clone_into(&mut state.search);
        let names = |m: Matches<'_>| {
            m.people
                .iter()
                .map(|p| p.id.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(state.matches(&people, &[])), ["a", "b"]);
        // Same text, same people: the last result, even for a renamed person.
        people[1].title = "CFO".into();
        assert_eq!(names(state.matches(&people, &[])), ["a", "b"]);
        // Another text, another choice, or someone else in a place: a new search.
        "cfo".clone_into(&mut state.search);
        assert_eq!(names(state.matches(&people, &[])), ["b", "c"]);
        assert_eq!(
            names(state.matches(&people, &[StakeholderId::new("c")])),
            ["b"]
        );
        people[1] = person("d", "刘洋", "Head", "");
        assert!(names(state.matches(&people, &[StakeholderId::new("c")])).is_empty());
    }

    #[test]
    fn people_are_described_by_name_title_and_department() {
        let tr = Tr(Language::English);
        assert_eq!(
            describe_person(&person("a", "张伟", "主任", "信息中心"), tr),
            "张伟 · 主任 · 信息中心"
        );
        assert_eq!(describe_person(&person("a", "Ann", "", " "), tr), "Ann");
        assert_eq!(
            describe_person(&person("a", " ", "CFO", ""), Tr(Language::Chinese)),
            "（未命名） · CFO"
        );
    }
}
