//! Level of detail: what the canvas leaves out so a frame costs what is readable on
//! screen, whatever the zoom and however many lines cross the view.
//!
//! - Dashes (and arrowheads) cost in proportion to a line's length on screen. Each
//!   frame, the shortest visible lines keep their pattern until a budget of dashes is
//!   spent; longer ones are drawn plain and lighter — when thousands of lines cross the
//!   view, their dash patterns could not be told apart anyway.
//! - Names never overlap: the most powerful person is named first, and a name is left
//!   out where it would cover one already placed (a grid of label-sized cells,
//!   anchored on the canvas, finds the neighbours; panning changes nothing).

use egui::{Pos2, Rect, Vec2};

use super::ViewTransform;
use petgraph::visit::{EdgeIndexable, NodeIndexable};

use super::graph_sync::MapGraph;

/// Dashes drawn per frame at most (a few vertices each).
pub const DASH_BUDGET: f32 = 6_000.0;

/// Screen size of the grid cells that find names near each other.
const LABEL_CELL: Vec2 = Vec2::new(130.0, 34.0);

/// The longest on-screen length of a dashed line that keeps its pattern: lines are
/// admitted shortest first while the dashes they need fit in `budget`. `lengths` holds,
/// for each visible patterned line, its on-screen length divided by its dash period
/// (the dashes it needs); it is sorted in place. Infinite when everything fits.
pub fn dash_cutoff(dashes_needed: &mut [f32], budget: f32) -> f32 {
    dashes_needed.sort_by(f32::total_cmp);
    let mut spent = 0.0;
    for &needed in dashes_needed.iter() {
        spent += needed;
        if spent > budget {
            return needed;
        }
    }
    f32::INFINITY
}

/// A person who may get a name on the canvas.
#[derive(Clone, Copy, Debug)]
pub struct LabelCandidate {
    /// Where the person is, in canvas units.
    pub at: Pos2,
    /// Power level (1–5): the most powerful are named first.
    pub power: u8,
    /// Size of the name on screen.
    pub size: Vec2,
    /// Screen distance from the person's centre down to the top of the name.
    pub below: f32,
}

impl LabelCandidate {
    /// Where the name is at `zoom`, on a screen whose origin is the canvas origin
    /// (panning moves every name alike, so it changes no decision).
    fn rect(&self, zoom: f32) -> Rect {
        let top_center = (self.at.to_vec2() * zoom).to_pos2() + Vec2::new(0.0, self.below);
        Rect::from_min_size(top_center - Vec2::new(self.size.x / 2.0, 0.0), self.size)
    }
}

/// Which candidates get a name at `zoom`: most powerful first (then in order), a
/// name is shown when it overlaps no name already shown (see [`crate::labels`]).
pub fn admit_labels(candidates: &[LabelCandidate], zoom: f32) -> Vec<bool> {
    let zoom = zoom.max(f32::EPSILON);
    let boxes: Vec<crate::labels::LabelBox> = candidates
        .iter()
        .map(|candidate| {
            let rect = candidate.rect(zoom);
            crate::labels::LabelBox {
                x: f64::from(rect.min.x),
                y: f64::from(rect.min.y),
                width: f64::from(rect.width()),
                height: f64::from(rect.height()),
                priority: candidate.power,
            }
        })
        .collect();
    crate::labels::admit(&boxes, (f64::from(LABEL_CELL.x), f64::from(LABEL_CELL.y)))
}

/// Screen width of `text` at `size` points, estimated without laying it out: wide
/// (CJK) characters are about `size` wide, others about half (plus the halo).
pub fn estimated_width(text: &str, size: f32) -> f32 {
    text.chars()
        .map(|c| if c >= '\u{2E80}' { size } else { size * 0.5 })
        .sum::<f32>()
        + 3.0
}

/// Decides, for this frame's view, which visible lines keep their dash pattern (see
/// [`dash_cutoff`]). Far zoomed out no line has one, and nothing is planned.
pub fn plan_lines(graph: &mut MapGraph, view: ViewTransform, clip: Rect) {
    if view.zoom < super::line_edge::DETAIL_ZOOM {
        return;
    }
    let g = graph.g();
    let needed: Vec<_> = g
        .edge_indices()
        .filter_map(|index| {
            let (a, b) = g.edge_endpoints(index)?;
            let (start, end) = (g.node_weight(a)?, g.node_weight(b)?);
            let line = g.edge_weight(index)?;
            let dashes = line.display().dashes_needed(start, end, view, clip)?;
            Some((index, dashes))
        })
        .collect();
    let mut counts: Vec<f32> = needed.iter().map(|(_, n)| *n).collect();
    let cutoff = dash_cutoff(&mut counts, DASH_BUDGET);
    let all: Vec<_> = graph.g().edge_indices().collect();
    for index in all {
        if let Some(line) = graph.edge_mut(index) {
            line.display_mut().patterned = true;
        }
    }
    if cutoff.is_finite() {
        for (index, dashes) in needed {
            if dashes >= cutoff
                && let Some(line) = graph.edge_mut(index)
            {
                line.display_mut().patterned = false;
            }
        }
    }
}

/// Lines routed around people per frame at most; the rest follow on the next frames.
const ROUTE_BUDGET: usize = 4_000;

/// Which lines bend around people in their way (see [`crate::routing`]), for the
/// people's positions of one frame. The obstacle index holds the people around the
/// view and is rebuilt only when someone moved or the view moved on (a fingerprint of
/// all positions, cheap next to drawing them); each line is routed once per index,
/// when it shows at a zoom where lines have detail.
#[derive(Default)]
pub struct RoutePlan {
    fingerprint: Option<u64>,
    index: crate::routing::ObstacleIndex,
    routed: Vec<bool>,
    /// The exact view (zoom, origin, clip) and graph version for which every visible
    /// line is routed: a still frame then skips the pass over the lines.
    complete_for: Option<([u32; 7], u64)>,
    /// Changes whenever a line's bend may have changed.
    generation: u64,
}

impl RoutePlan {
    /// Changes whenever a position or a bend may have changed (a fingerprint of the
    /// people's places and the bends set), for plans that depend on the courses.
    pub fn state(&self) -> (Option<u64>, u64) {
        (self.fingerprint, self.generation)
    }
}

/// The exact view, as bits.
pub fn view_key(view: ViewTransform, clip: Rect) -> [u32; 7] {
    [
        view.zoom.to_bits(),
        view.origin.x.to_bits(),
        view.origin.y.to_bits(),
        clip.min.x.to_bits(),
        clip.min.y.to_bits(),
        clip.max.x.to_bits(),
        clip.max.y.to_bits(),
    ]
}

/// Bends the visible lines that pass through a third person; see [`RoutePlan`].
/// `graph_version` changes whenever lines may have been added or replaced.
/// Returns whether lines are left for the next frame.
pub fn plan_routes(
    graph: &mut MapGraph,
    plan: &mut RoutePlan,
    graph_version: u64,
    view: ViewTransform,
    clip: Rect,
) -> bool {
    if view.zoom < super::line_edge::DETAIL_ZOOM {
        return false;
    }
    let g = graph.g();
    // A fast mix of everything the routes depend on (runs every frame).
    let mix = |h: u64, v: u64| (h.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    let mut fingerprint = 0_u64;
    for (index, node) in graph.nodes_iter() {
        let look = node.payload();
        fingerprint = mix(fingerprint, index.index() as u64);
        fingerprint = mix(
            fingerprint,
            u64::from(node.location().x.to_bits()) << 32 | u64::from(node.location().y.to_bits()),
        );
        fingerprint = mix(
            fingerprint,
            (look.name.len() as u64) << 8 | u64::from(look.power.level()),
        );
    }
    // Obstacles are indexed around the view only (a screen on every side), so the
    // cost follows what is visible; the index moves with the view in half-screen steps.
    let visible = Rect::from_two_pos(
        view.canvas_from_screen(clip.min),
        view.canvas_from_screen(clip.max),
    );
    let step = (visible.size() / 2.0).max(Vec2::splat(1.0));
    let place = (
        (visible.min.x / step.x).floor() as i64,
        (visible.min.y / step.y).floor() as i64,
        view.zoom.to_bits(),
    );
    fingerprint = mix(fingerprint, place.0 as u64);
    fingerprint = mix(fingerprint, place.1 as u64);
    fingerprint = mix(fingerprint, u64::from(place.2));
    if plan.fingerprint != Some(fingerprint) {
        let around = Rect::from_min_size(
            Pos2::new(
                (place.0 as f32 - 2.0) * step.x,
                (place.1 as f32 - 2.0) * step.y,
            ),
            visible.size() + step * 4.0,
        );
        let mut circles = vec![
            crate::routing::Circle {
                x: f64::NAN,
                y: f64::NAN,
                r: 0.0,
            };
            NodeIndexable::node_bound(g)
        ];
        for (index, node) in graph.nodes_iter() {
            if let Some(slot) = circles.get_mut(index.index()) {
                *slot = crate::routing::Circle {
                    x: f64::from(node.location().x),
                    y: f64::from(node.location().y),
                    r: f64::from(crate::theme::power_radius(node.payload().power)),
                };
            }
        }
        // Names as drawn at 100 %: lines keep off the names of people they pass.
        let mut labels = vec![(0.0, 0.0); circles.len()];
        for (index, node) in graph.nodes_iter() {
            if let Some(label) = labels.get_mut(index.index()) {
                let width = estimated_width(&node.payload().name, crate::theme::LABEL_SIZE);
                *label = (f64::from(width), f64::from(crate::theme::LABEL_SIZE + 4.0));
            }
        }
        let near = |c: &crate::routing::Circle| around.contains(Pos2::new(c.x as f32, c.y as f32));
        plan.index = crate::routing::ObstacleIndex::with_labels_where(circles, &labels, near);
        plan.routed.clear();
        plan.fingerprint = Some(fingerprint);
        plan.complete_for = None;
        plan.generation += 1;
    }
    let this_view = (view_key(view, clip), graph_version);
    if plan.complete_for == Some(this_view) {
        return false;
    }
    plan.routed.resize(EdgeIndexable::edge_bound(g), false);
    let mut left_over = false;
    let mut bends = Vec::new();
    for edge in g.edge_indices() {
        if plan.routed.get(edge.index()).copied().unwrap_or(true) {
            continue;
        }
        let Some((a, b)) = g.edge_endpoints(edge) else {
            continue;
        };
        let (Some(start), Some(end), Some(line)) =
            (g.node_weight(a), g.node_weight(b), g.edge_weight(edge))
        else {
            continue;
        };
        if !line
            .display()
            .may_touch(start.location(), end.location(), view, clip)
        {
            continue;
        }
        if bends.len() >= ROUTE_BUDGET {
            left_over = true;
            break;
        }
        bends.push((edge, plan.index.bend(a.index(), b.index()) as f32));
    }
    if !bends.is_empty() {
        plan.generation += 1;
    }
    if !left_over {
        plan.complete_for = Some(this_view);
    }
    for (edge, bend) in bends {
        if let Some(flag) = plan.routed.get_mut(edge.index()) {
            *flag = true;
        }
        if let Some(line) = graph.edge_mut(edge) {
            line.display_mut().bend = bend;
        }
    }
    left_over
}

/// Decides which people within `around` (canvas units) have room for their name at
/// `zoom` (see [`admit_labels`]); the cost follows the people near the view.
pub fn plan_labels(graph: &mut MapGraph, zoom: f32, around: Rect) {
    use crate::theme::{DETAIL_SIZE, DETAIL_ZOOM, LABEL_SIZE, power_radius};
    let indices: Vec<_> = graph
        .nodes_iter()
        .filter(|(_, node)| around.contains(node.location()))
        .map(|(index, _)| index)
        .collect();
    let candidates: Vec<LabelCandidate> = indices
        .iter()
        .filter_map(|index| graph.node(*index))
        .map(|node| {
            let look = node.payload();
            let radius =
                (power_radius(look.power) * zoom).max(super::person_node::MIN_SCREEN_RADIUS);
            let mut size = Vec2::new(estimated_width(&look.name, LABEL_SIZE), LABEL_SIZE + 4.0);
            if zoom >= DETAIL_ZOOM && !look.detail.is_empty() {
                size.x = size.x.max(estimated_width(&look.detail, DETAIL_SIZE));
                size.y += DETAIL_SIZE + 4.0;
            }
            LabelCandidate {
                at: node.location(),
                power: look.power.level(),
                size,
                below: radius + 3.0,
            }
        })
        .collect();
    let admitted = admit_labels(&candidates, zoom);
    for (index, named) in indices.into_iter().zip(admitted) {
        if let Some(node) = graph.node_mut(index) {
            node.display_mut().named = named;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn person(x: f32, y: f32, power: u8, width: f32) -> LabelCandidate {
        LabelCandidate {
            at: Pos2::new(x, y),
            power,
            size: Vec2::new(width, 17.0),
            below: 15.0,
        }
    }

    #[test]
    fn everything_fits_under_the_budget() {
        assert_eq!(dash_cutoff(&mut [3.0, 1.0, 2.0], 10.0), f32::INFINITY);
        assert_eq!(dash_cutoff(&mut [], 0.0), f32::INFINITY);
    }

    #[test]
    fn the_shortest_lines_keep_their_dashes() {
        // 1 + 2 + 3 = 6 fit in 7; the line needing 40 does not.
        assert_eq!(dash_cutoff(&mut [40.0, 3.0, 1.0, 2.0], 7.0), 40.0);
    }

    #[test]
    fn people_whose_names_do_not_touch_are_all_named() {
        // Neighbours 70 points apart with names 60 wide, as on a tidy map at 100 %.
        let people: Vec<_> = (0..40)
            .map(|i| person((i % 8) as f32 * 70.0, (i / 8) as f32 * 47.0, 3, 60.0))
            .collect();
        assert!(admit_labels(&people, 1.0).iter().all(|a| *a));
    }

    #[test]
    fn in_a_crowd_the_most_powerful_is_named() {
        let people = [person(10.0, 10.0, 2, 80.0), person(40.0, 12.0, 5, 80.0)];
        assert_eq!(admit_labels(&people, 1.0), vec![false, true]);
        // Zoomed in, they are far enough apart for both.
        assert_eq!(admit_labels(&people, 4.0), vec![true, true]);
    }

    #[test]
    fn wide_characters_count_wider() {
        assert!(estimated_width("张伟明", 13.0) > estimated_width("abc", 13.0));
    }

    proptest! {
        #[test]
        fn named_people_never_overlap_and_each_left_out_is_covered_by_someone_as_powerful(
            points in proptest::collection::vec(
                (-2_000.0f32..2_000.0, -2_000.0f32..2_000.0, 1u8..=5, 10.0f32..300.0),
                0..150,
            ),
            zoom in 0.05f32..3.0,
        ) {
            let people: Vec<_> = points.iter().map(|&(x, y, p, w)| person(x, y, p, w)).collect();
            let admitted = admit_labels(&people, zoom);
            let shown: Vec<_> = people.iter().zip(&admitted).filter(|(_, a)| **a).map(|(p, _)| p).collect();
            for (i, a) in shown.iter().enumerate() {
                for b in shown.iter().skip(i + 1) {
                    prop_assert!(!a.rect(zoom).intersects(b.rect(zoom)));
                }
            }
            for (person, named) in people.iter().zip(&admitted) {
                if !named {
                    prop_assert!(shown.iter().any(|other| other.power >= person.power
                        && other.rect(zoom).intersects(person.rect(zoom))));
                }
            }
        }

        #[test]
        fn the_cutoff_spends_at_most_the_budget(
            mut needed in proptest::collection::vec(0.0f32..500.0, 0..300),
            budget in 0.0f32..20_000.0,
        ) {
            let cutoff = dash_cutoff(&mut needed, budget);
            let spent: f32 = needed.iter().filter(|n| **n < cutoff).sum();
            prop_assert!(spent <= budget + 1e-3);
        }
    }
}

#[cfg(test)]
mod route_tests {
    use super::*;
    use crate::lang::Language;
    use crate::model::{
        Document, Position, Relationship, RelationshipKind, Stakeholder, StakeholderId,
    };
    use crate::ui::canvas::{Highlight, SyncedGraph};
    use crate::ui::i18n::Tr;

    fn person(id: &str, x: f64, y: f64) -> Stakeholder {
        let mut p = Stakeholder::new(id, id);
        p.position = Some(Position::new(x, y));
        p
    }

    /// A conflict from `a` to `c` straight through `b`, and an alliance beside them.
    fn map() -> Document {
        Document {
            stakeholders: vec![
                person("a", 0.0, 0.0),
                person("b", 300.0, 4.0),
                person("c", 600.0, 0.0),
                person("d", 300.0, 300.0),
            ],
            relationships: vec![
                Relationship::new(
                    "r1",
                    StakeholderId::from("a"),
                    StakeholderId::from("c"),
                    RelationshipKind::Conflict,
                ),
                Relationship::new(
                    "r2",
                    StakeholderId::from("a"),
                    StakeholderId::from("d"),
                    RelationshipKind::Ally,
                ),
            ],
            ..Document::default()
        }
    }

    fn bends(synced: &SyncedGraph) -> (f32, f32) {
        let bend = |id: &str| {
            let index = synced.edges[&crate::model::RelationshipId::from(id)];
            synced.graph.edge(index).unwrap().display().bend
        };
        (bend("r1"), bend("r2"))
    }

    /// The map synced, no routes yet, and a view at 100 % showing all of it.
    fn routed_at_100() -> (Document, SyncedGraph, RoutePlan, ViewTransform, Rect) {
        let doc = map();
        let mut synced = SyncedGraph::default();
        synced.sync(&doc, Tr(Language::English), &Highlight::default());
        let view = ViewTransform {
            zoom: 1.0,
            origin: Pos2::new(100.0, 400.0),
        };
        let screen = Rect::from_min_size(Pos2::ZERO, Vec2::new(1000.0, 800.0));
        (doc, synced, RoutePlan::default(), view, screen)
    }

    #[test]
    fn a_line_through_a_third_person_bends_and_one_past_nobody_stays_straight() {
        let (doc, mut synced, mut plan, view, screen) = routed_at_100();
        assert!(!plan_routes(&mut synced.graph, &mut plan, 1, view, screen));
        let (through, past) = bends(&synced);
        assert!(through.abs() > 20.0, "{through}");
        assert_eq!(past, 0.0);

        // Moving the person out of the way straightens the line on the next frame.
        let mut moved = doc.clone();
        moved.stakeholders[1].position = Some(Position::new(300.0, -200.0));
        synced.sync(&moved, Tr(Language::English), &Highlight::default());
        plan_routes(&mut synced.graph, &mut plan, 2, view, screen);
        assert_eq!(bends(&synced).0, 0.0);
    }

    #[test]
    fn a_still_frame_routes_nothing_again_but_a_new_line_is_routed() {
        let (doc, mut synced, mut plan, view, screen) = routed_at_100();
        plan_routes(&mut synced.graph, &mut plan, 1, view, screen);
        // Every visible line is routed for exactly this view and graph: the next
        // still frame skips the pass over the lines.
        assert_eq!(plan.complete_for, Some((view_key(view, screen), 1)));
        let routed = plan.state();
        plan_routes(&mut synced.graph, &mut plan, 1, view, screen);
        assert_eq!(plan.state(), routed, "nothing changed, nothing planned");

        // A second line through the person in the middle, added with no one moving.
        let mut more = doc.clone();
        let mut line = more.relationships[0].clone();
        line.id = crate::model::RelationshipId::from("r3");
        line.kind = crate::model::RelationshipKind::Influences;
        more.relationships.push(line);
        synced.sync(&more, Tr(Language::English), &Highlight::default());
        plan_routes(&mut synced.graph, &mut plan, 2, view, screen);
        let index = synced.edges[&crate::model::RelationshipId::from("r3")];
        let bend = synced.graph.edge(index).unwrap().display().bend;
        assert!(bend.abs() > 20.0, "{bend}");
    }

    #[test]
    fn far_zoomed_out_nothing_is_routed() {
        let mut synced = SyncedGraph::default();
        synced.sync(&map(), Tr(Language::English), &Highlight::default());
        let mut plan = RoutePlan::default();
        let view = ViewTransform {
            zoom: 0.05,
            origin: Pos2::ZERO,
        };
        let screen = Rect::from_min_size(Pos2::ZERO, Vec2::new(1000.0, 800.0));
        plan_routes(&mut synced.graph, &mut plan, 1, view, screen);
        assert_eq!(bends(&synced), (0.0, 0.0));
    }
}
