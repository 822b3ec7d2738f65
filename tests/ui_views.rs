//! The workshop views in the real app, driven headless with egui_kittest: switching
//! views by menu and switcher, the grid placing people in their cells, dragging on
//! the grid to change stance and power (and undoing it), computed views leaving map
//! positions alone, Tidy up as one undoable step, and department groups.

use egui::accesskit::Role as A11yRole;
use egui::{Event, Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use powermap::model::{Position, Power, Stance};
use powermap::ui::app_command::{Action, AppCommand};
use powermap::ui::dialogs::ScriptedDialogs;
use powermap::ui::i18n::Language;
use powermap::ui::prefs::Prefs;
use powermap::ui::selection::Selection;
use powermap::ui::tidy_job::Arrangement;
use powermap::ui::{AppOptions, PowermapApp};
use powermap::views::{GridGeometry, ViewKind, view_layout};

fn harness_with(prefs: Prefs) -> Harness<'static, PowermapApp> {
    let options = AppOptions {
        file: None,
        dialogs: Box::new(ScriptedDialogs::default()),
        look_for_system_font: false,
        prefs: Some(prefs),
        recovery_dir: None,
    };
    let mut h = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_step_dt(0.05)
        .build_eframe(move |cc| PowermapApp::new(cc, options));
    h.run_steps(4);
    h
}

/// The app on its first sample (a group company with departments), in English.
fn sample_app() -> Harness<'static, PowermapApp> {
    let h = harness_with(Prefs {
        language: Some(Language::English),
        ..Prefs::default()
    });
    assert!(h.state().document().stakeholders.len() >= 8);
    h
}

fn in_view(kind: ViewKind) -> Harness<'static, PowermapApp> {
    let mut h = sample_app();
    h.state_mut().queue(AppCommand::SetView(kind));
    h.run_steps(4);
    assert_eq!(h.state().view(), kind);
    h
}

/// Where a canvas point is on screen.
fn to_screen(h: &Harness<'_, PowermapApp>, at: Pos2) -> Pos2 {
    let canvas = h.state().canvas();
    let rect = canvas.last_rect(&h.ctx).expect("the canvas was drawn");
    canvas.transform(&h.ctx, rect).screen_from_canvas(at)
}

/// Where person `index` is drawn, on screen.
fn person_on_screen(h: &Harness<'_, PowermapApp>, index: usize) -> Pos2 {
    let id = &h.state().document().stakeholders[index].id;
    let at = h.state().canvas().graph().position_of(id).unwrap();
    to_screen(h, at)
}

fn drag(h: &mut Harness<'_, PowermapApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.drag_at(from);
    for t in [0.25, 0.5, 0.75, 1.0] {
        h.hover_at(from + (to - from) * t);
    }
    h.drop_at(to);
    h.step();
    h.run_steps(3);
}

fn grid_of(h: &Harness<'_, PowermapApp>) -> GridGeometry {
    view_layout(h.state().document(), ViewKind::Grid, Language::English)
        .grid
        .expect("the grid view has cells")
}

fn canvas_point(at: Position) -> Pos2 {
    Pos2::new(at.x as f32, at.y as f32)
}

fn map_positions(h: &Harness<'_, PowermapApp>) -> Vec<Option<Position>> {
    h.state()
        .document()
        .stakeholders
        .iter()
        .map(|p| p.position)
        .collect()
}

#[test]
fn views_switch_by_the_switcher_and_the_view_menu_and_are_remembered_in_prefs() {
    let mut h = sample_app();
    assert_eq!(h.state().view(), ViewKind::Map);
    // The switcher above the canvas.
    h.get_by_role_and_label(A11yRole::Button, "Org chart")
        .click();
    h.run_steps(3);
    assert_eq!(h.state().view(), ViewKind::OrgChart);
    assert_eq!(h.state().prefs().view, "org");
    h.get_by_role_and_label(A11yRole::Button, "Fishbone")
        .click();
    h.run_steps(3);
    assert_eq!(h.state().view(), ViewKind::Fishbone);
    // The View menu.
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::RadioButton, "Power × stance grid")
        .click();
    h.run_steps(3);
    assert_eq!(h.state().view(), ViewKind::Grid);
    assert_eq!(h.state().prefs().view, "grid");
    // Nothing of the view went into the map.
    assert!(!h.state().editor().is_modified());
}

#[test]
fn a_view_chosen_before_is_shown_at_start_and_in_chinese() {
    let mut h = harness_with(Prefs {
        language: Some(Language::Chinese),
        view: "grid".into(),
        ..Prefs::default()
    });
    h.run_steps(2);
    assert_eq!(h.state().view(), ViewKind::Grid);
    h.get_by_role_and_label(A11yRole::Button, "权力×态度矩阵");
    h.get_by_role_and_label(A11yRole::Button, "鱼骨图").click();
    h.run_steps(3);
    assert_eq!(h.state().view(), ViewKind::Fishbone);
}

#[test]
fn the_grid_view_places_everyone_in_the_cell_of_their_stance_and_power_and_fits_it() {
    let h = in_view(ViewKind::Grid);
    let grid = grid_of(&h);
    let rect = h.state().canvas().last_rect(&h.ctx).unwrap();
    for person in &h.state().document().stakeholders {
        let at = h.state().canvas().graph().position_of(&person.id).unwrap();
        let cell = grid.cell_at(Position::new(f64::from(at.x), f64::from(at.y)));
        assert_eq!(cell, Some((person.stance, person.power)), "{}", person.name);
        // Fitted on switching: everyone is on screen.
        assert!(
            rect.contains(to_screen(&h, at)),
            "{} on screen",
            person.name
        );
    }
    // The cells and their labels are drawn behind the people.
    assert!(h.state().canvas().backdrop_drawn() > 30);
}

/// A cell other than person 0's, and its centre on screen.
fn another_cell(h: &Harness<'_, PowermapApp>) -> ((Stance, Power), Pos2) {
    let grid = grid_of(h);
    let person = &h.state().document().stakeholders[0];
    let target = (
        if person.stance == Stance::Advocate {
            Stance::Opponent
        } else {
            Stance::Advocate
        },
        Power::new(if person.power.level() == 5 { 1 } else { 5 }).unwrap(),
    );
    let centre = grid.cell_center(target.0, target.1).unwrap();
    (target, to_screen(h, canvas_point(centre)))
}

#[test]
fn dragging_a_person_to_another_cell_changes_stance_and_power_in_one_undoable_step() {
    let mut h = in_view(ViewKind::Grid);
    let before = h.state().document().clone();
    let undo_steps = h.state().editor().undo_len();
    let ((stance, power), target) = another_cell(&h);
    let from = person_on_screen(&h, 0);
    drag(&mut h, from, target);
    h.run_steps(3);
    let after = h.state().document().clone();
    assert_eq!(h.state().editor().undo_len(), undo_steps + 1);
    let (was, now) = (&before.stakeholders[0], &after.stakeholders[0]);
    assert_eq!((now.stance, now.power), (stance, power));
    // Nothing else about them, nor anyone else, changed; not even their map place.
    assert_eq!(now.position, was.position);
    assert_eq!(now.name, was.name);
    assert_eq!(after.stakeholders[1..], before.stakeholders[1..]);
    assert_eq!(after.relationships, before.relationships);
    // They are drawn in their new cell.
    let at = h.state().canvas().graph().position_of(&now.id).unwrap();
    assert_eq!(
        grid_of(&h).cell_at(Position::new(f64::from(at.x), f64::from(at.y))),
        Some((stance, power))
    );
    // Ctrl+Z takes it back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().document(), &before);
}

#[test]
fn dragging_a_selection_on_the_grid_moves_everyone_in_it_to_the_cell() {
    let mut h = in_view(ViewKind::Grid);
    let before = h.state().document().clone();
    let ids: Vec<_> = before.stakeholders[..3]
        .iter()
        .map(|p| p.id.clone())
        .collect();
    h.state_mut().set_selection(Selection {
        people: ids.iter().cloned().collect(),
        lines: Default::default(),
    });
    h.run_steps(2);
    let ((stance, power), target) = another_cell(&h);
    let from = person_on_screen(&h, 0);
    drag(&mut h, from, target);
    let after = h.state().document();
    for id in &ids {
        let person = after.stakeholder(id).unwrap();
        assert_eq!((person.stance, person.power), (stance, power), "{id:?}");
    }
    assert_eq!(after.stakeholders[3..], before.stakeholders[3..]);
    // One step for all of them.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().document(), &before);
}

#[test]
fn dropping_outside_every_cell_or_in_the_same_cell_changes_nothing() {
    let mut h = in_view(ViewKind::Grid);
    let before = h.state().document().clone();
    let undo_steps = h.state().editor().undo_len();
    let home = h
        .state()
        .canvas()
        .graph()
        .position_of(&before.stakeholders[0].id)
        .unwrap();
    // Left of the grid, beside the power labels: no cell.
    let grid = grid_of(&h);
    let left = grid.columns.first().unwrap().1 as f32;
    let top = grid.rows.first().unwrap().1 as f32;
    let outside = to_screen(&h, Pos2::new(left - 60.0, top + 30.0));
    let from = person_on_screen(&h, 0);
    drag(&mut h, from, outside);
    assert_eq!(h.state().document(), &before);
    assert_eq!(h.state().editor().undo_len(), undo_steps);
    // They went back to their place.
    let id = &before.stakeholders[0].id;
    assert_eq!(h.state().canvas().graph().position_of(id), Some(home));
    // A little move inside their own cell.
    let from = person_on_screen(&h, 0);
    drag(&mut h, from, from + Vec2::new(12.0, 8.0));
    assert_eq!(h.state().document(), &before);
    assert_eq!(h.state().editor().undo_len(), undo_steps);
}

#[test]
fn dragging_in_the_org_chart_and_fishbone_leaves_map_positions_alone() {
    for kind in [ViewKind::OrgChart, ViewKind::Fishbone] {
        let mut h = in_view(kind);
        let before = map_positions(&h);
        let drawn = h
            .state()
            .canvas()
            .graph()
            .position_of(&h.state().document().stakeholders[0].id);
        let from = person_on_screen(&h, 0);
        drag(&mut h, from, from + Vec2::new(150.0, 90.0));
        assert_eq!(map_positions(&h), before, "{kind:?}");
        assert_eq!(h.state().editor().undo_len(), 0, "{kind:?}");
        assert!(!h.state().editor().is_modified());
        let id = &h.state().document().stakeholders[0].id;
        assert_eq!(
            h.state().canvas().graph().position_of(id),
            drawn,
            "{kind:?}"
        );
    }
}

#[test]
fn tidy_up_is_one_undoable_step_and_keeps_selected_people_in_place() {
    let mut h = sample_app();
    let before = h.state().document().clone();
    let kept = before.stakeholders[2].id.clone();
    h.state_mut().set_selection(Selection::person(kept.clone()));
    h.state_mut().queue(AppCommand::SetTidyKeepSelected(true));
    h.run_steps(2);
    // From the Arrange menu.
    h.get_by_label("Arrange").click();
    h.run_steps(2);
    h.get_by_role_and_label(A11yRole::Button, "Tidy up").click();
    h.run_steps(1);
    h.state_mut().wait_for_arrange();
    h.run_steps(3);
    assert!(!h.state().is_arranging());
    let after = h.state().document().clone();
    assert_eq!(h.state().editor().undo_len(), 1);
    assert_eq!(
        after.stakeholder(&kept).unwrap().position,
        before.stakeholder(&kept).unwrap().position
    );
    let moved = after
        .stakeholders
        .iter()
        .zip(&before.stakeholders)
        .filter(|(a, b)| a.position != b.position)
        .count();
    assert!(moved > 0);
    // Only positions changed.
    for (a, b) in after.stakeholders.iter().zip(&before.stakeholders) {
        assert_eq!(
            powermap::model::Stakeholder {
                position: b.position,
                ..a.clone()
            },
            *b
        );
    }
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().document(), &before);
}

#[test]
fn arranging_is_offered_only_on_the_map_and_arrange_as_org_chart_writes_positions() {
    let mut h = in_view(ViewKind::Grid);
    h.state_mut().queue(AppCommand::Arrange(Arrangement::Tidy));
    h.run_steps(2);
    assert!(!h.state().is_arranging(), "no arranging from the grid");
    assert_eq!(h.state().editor().undo_len(), 0);
    h.state_mut().queue(AppCommand::SetView(ViewKind::Map));
    h.state_mut()
        .queue(AppCommand::Arrange(Arrangement::OrgChart));
    h.run_steps(1);
    h.state_mut().wait_for_arrange();
    h.run_steps(3);
    let doc = h.state().document().clone();
    let org = view_layout(&doc, ViewKind::OrgChart, Language::English).positions;
    // Everyone is where the org chart puts them (whole canvas units), in at most
    // one undo step (none when they already were).
    for (person, at) in doc.stakeholders.iter().zip(&org) {
        assert_eq!(
            person.position,
            Some(Position::new(at.x.round(), at.y.round())),
            "{}",
            person.name
        );
    }
    assert!(h.state().editor().undo_len() <= 1);
}

#[test]
fn department_groups_are_drawn_on_the_map_when_ticked() {
    let mut h = sample_app();
    assert_eq!(h.state().canvas().backdrop_drawn(), 0);
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Department groups").click();
    h.run_steps(3);
    assert!(h.state().prefs().show_departments);
    let departments: std::collections::BTreeSet<&str> = h
        .state()
        .document()
        .stakeholders
        .iter()
        .map(|p| p.department.trim())
        .filter(|d| !d.is_empty())
        .collect();
    // A fill and an outline per region at least.
    assert!(h.state().canvas().backdrop_drawn() >= 2 * departments.len());
    h.get_by_label("Department groups").click();
    h.run_steps(3);
    assert!(!h.state().prefs().show_departments);
    assert_eq!(h.state().canvas().backdrop_drawn(), 0);
}

#[test]
fn adding_a_person_in_a_computed_view_puts_them_on_the_map_near_the_others() {
    let mut h = in_view(ViewKind::OrgChart);
    let count = h.state().document().stakeholders.len();
    h.state_mut().queue(AppCommand::Action(Action::AddPerson));
    h.run_steps(3);
    h.event(Event::Text("Newcomer".into()));
    h.run_steps(3);
    let doc = h.state().document();
    assert_eq!(doc.stakeholders.len(), count + 1);
    let added = doc.stakeholders.last().unwrap();
    assert!(added.position.is_some());
    // Drawn in the view like everyone else.
    assert!(h.state().canvas().graph().position_of(&added.id).is_some());
}

#[test]
fn ctrl_and_a_number_switch_views() {
    let mut h = sample_app();
    for (key, kind) in [
        (Key::Num4, ViewKind::Grid),
        (Key::Num2, ViewKind::OrgChart),
        (Key::Num3, ViewKind::Fishbone),
        (Key::Num1, ViewKind::Map),
    ] {
        h.key_press_modifiers(Modifiers::COMMAND, key);
        h.run_steps(3);
        assert_eq!(h.state().view(), kind);
    }
}

#[test]
fn the_org_chart_draws_each_reporting_line_once_and_keeps_the_others() {
    let h = in_view(ViewKind::OrgChart);
    let doc = h.state().document().clone();
    let graph = h.state().canvas().graph();
    let emphasis = |line: &powermap::model::Relationship| {
        let edge = graph.edges[&line.id];
        graph.graph.edge(edge).unwrap().payload().emphasis
    };
    let hidden = powermap::ui::canvas::Emphasis::Hidden;
    let reports: Vec<_> = doc
        .relationships
        .iter()
        .filter(|l| l.kind == powermap::model::RelationshipKind::ReportsTo)
        .collect();
    assert!(!reports.is_empty());
    // The chart's connectors draw the reporting lines: the canvas leaves them out…
    assert!(reports.iter().any(|l| emphasis(l) == hidden));
    // …but never an influence, ally or conflict line.
    for line in doc
        .relationships
        .iter()
        .filter(|l| l.kind != powermap::model::RelationshipKind::ReportsTo)
    {
        assert_ne!(emphasis(line), hidden, "{}", line.id);
    }
}
