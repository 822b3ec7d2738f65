//! Keeps the egui_graphs graph in step with the document: adds, removes and updates
//! only what changed, so an edit on a 10,000-person map does not rebuild everything.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use egui::Pos2;
use petgraph::Directed;
use petgraph::stable_graph::{DefaultIx, EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeIndexable, NodeIndexable};

use super::line_edge::LineEdge;
use super::look::{Emphasis, LineLook, LinePayload, PersonLook, PersonPayload};
use super::person_node::PersonNode;
use crate::model::{Document, Relationship, RelationshipId, StakeholderId};
use crate::ui::i18n::Tr;
use crate::ui::selection::Selection;

/// The graph the canvas draws.
pub type MapGraph =
    egui_graphs::Graph<PersonPayload, LinePayload, Directed, DefaultIx, PersonNode, LineEdge>;

/// Which people and lines to emphasise on the canvas.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Highlight {
    /// People to ring.
    pub people: HashSet<StakeholderId>,
    /// Lines to underlay.
    pub lines: HashSet<RelationshipId>,
    /// People a filter leaves out: drawn faint (or not at all with `hide_dimmed`),
    /// and so are the lines that touch them.
    pub dimmed: HashSet<StakeholderId>,
    /// Whether the people left out are hidden rather than faint.
    pub hide_dimmed: bool,
    /// Lines the view draws itself (the org chart's connectors): not drawn again.
    pub drawn_by_view: HashSet<RelationshipId>,
    /// Lines new or changed since the version the map is compared with.
    pub changed_lines: HashSet<RelationshipId>,
}

impl Highlight {
    /// How to draw the person with this id.
    pub fn person(&self, id: &StakeholderId) -> Emphasis {
        if !self.dimmed.is_empty() && self.dimmed.contains(id) {
            self.left_out()
        } else {
            Emphasis::from_highlighted(!self.people.is_empty() && self.people.contains(id))
        }
    }

    /// How to draw `line`: faint when either end is.
    pub fn line(&self, line: &Relationship) -> Emphasis {
        if !self.drawn_by_view.is_empty() && self.drawn_by_view.contains(&line.id) {
            Emphasis::Hidden
        } else if !self.dimmed.is_empty()
            && (self.dimmed.contains(&line.from) || self.dimmed.contains(&line.to))
        {
            self.left_out()
        } else {
            let highlighted = !self.lines.is_empty() && self.lines.contains(&line.id);
            if !highlighted
                && !self.changed_lines.is_empty()
                && self.changed_lines.contains(&line.id)
            {
                Emphasis::Changed
            } else {
                Emphasis::from_highlighted(highlighted)
            }
        }
    }

    fn left_out(&self) -> Emphasis {
        if self.hide_dimmed {
            Emphasis::Hidden
        } else {
            Emphasis::Dimmed
        }
    }
}

/// The graph plus the mapping from document ids to graph indices.
#[derive(Default)]
pub struct SyncedGraph {
    /// The egui_graphs graph.
    pub graph: MapGraph,
    /// Node of each person.
    pub nodes: HashMap<StakeholderId, NodeIndex>,
    /// Edge of each line.
    pub edges: HashMap<RelationshipId, EdgeIndex>,
    /// Node of each person in document order at the last sync.
    people_order: Vec<NodeIndex>,
    /// Edge of each line in document order at the last sync.
    lines_order: Vec<EdgeIndex>,
}

impl SyncedGraph {
    /// Brings the graph in line with `doc`, touching only people and lines that
    /// changed. Linear, and in the usual case (the same people and lines in the same
    /// order as last time) it compares without hashing or allocating.
    pub fn sync(&mut self, doc: &Document, tr: Tr, highlight: &Highlight) {
        let positions = canvas_positions(doc);
        self.sync_at(doc, &positions, tr, highlight);
    }

    /// [`Self::sync`] with people drawn at `positions` (document order; a workshop
    /// view) instead of their map positions. Anyone without a position there keeps
    /// the origin.
    pub fn sync_at(&mut self, doc: &Document, positions: &[Pos2], tr: Tr, highlight: &Highlight) {
        let positions = positions
            .iter()
            .copied()
            .chain(std::iter::repeat(Pos2::ZERO));

        // Lines first: those gone, or whose ends changed, are removed.
        let mut seen = vec![false; self.graph.g().edge_bound()];
        for (i, line) in doc.relationships.iter().enumerate() {
            let Some(edge) = self.edge_of(i, &line.id) else {
                continue;
            };
            let same_ends = self
                .graph
                .edge_endpoints(edge)
                .is_some_and(|(a, b)| self.is_person(a, &line.from) && self.is_person(b, &line.to));
            if same_ends && let Some(mark) = seen.get_mut(edge.index()) {
                *mark = true;
            }
        }
        let stale: Vec<RelationshipId> = self
            .edges
            .iter()
            .filter(|(_, edge)| !seen.get(edge.index()).copied().unwrap_or(false))
            .map(|(id, _)| id.clone())
            .collect();
        for id in stale {
            if let Some(edge) = self.edges.remove(&id) {
                self.graph.remove_edge(edge);
            }
        }

        let mut seen = vec![false; self.graph.g().node_bound()];
        let mut people_order = Vec::with_capacity(doc.stakeholders.len());
        for (i, (person, pos)) in doc.stakeholders.iter().zip(positions).enumerate() {
            let highlighted = highlight.person(&person.id);
            let index = match self.node_of(i, &person.id) {
                Some(index) => {
                    if let Some(node) = self.graph.node_mut(index) {
                        let mut changed = false;
                        if !node.payload().shows(person, tr, highlighted) {
                            *node.payload_mut() = Arc::new(PersonLook::of(person, tr, highlighted));
                            changed = true;
                        }
                        if node.location() != pos {
                            node.set_location(pos);
                            changed = true;
                        }
                        if changed {
                            // Hit tests read the display before the next draw updates it.
                            let props = node.props().clone();
                            egui_graphs::DisplayNode::<
                                PersonPayload,
                                LinePayload,
                                Directed,
                                DefaultIx,
                            >::update(node.display_mut(), &props);
                        }
                    }
                    index
                }
                None => {
                    let look = PersonLook::of(person, tr, highlighted);
                    let index = self
                        .graph
                        .add_node_custom(Arc::new(look), |node| node.set_location(pos));
                    self.nodes.insert(person.id.clone(), index);
                    index
                }
            };
            // New people get indices past the bound measured above.
            if seen.len() <= index.index() {
                seen.resize(index.index() + 1, false);
            }
            if let Some(mark) = seen.get_mut(index.index()) {
                *mark = true;
            }
            people_order.push(index);
        }
        let gone: Vec<StakeholderId> = self
            .nodes
            .iter()
            .filter(|(_, node)| !seen.get(node.index()).copied().unwrap_or(false))
            .map(|(id, _)| id.clone())
            .collect();
        for id in gone {
            if let Some(node) = self.nodes.remove(&id) {
                self.graph.remove_node(node);
            }
        }
        self.people_order = people_order;

        let mut lines_order = Vec::with_capacity(doc.relationships.len());
        for (i, line) in doc.relationships.iter().enumerate() {
            let highlighted = highlight.line(line);
            match self.edge_of(i, &line.id) {
                Some(edge) => {
                    if let Some(e) = self.graph.edge_mut(edge)
                        && !e.payload().shows(line, highlighted)
                    {
                        *e.payload_mut() = Arc::new(LineLook::of(line, highlighted));
                    }
                    lines_order.push(edge);
                }
                None => {
                    if let (Some(a), Some(b)) =
                        (self.nodes.get(&line.from), self.nodes.get(&line.to))
                    {
                        let look = Arc::new(LineLook::of(line, highlighted));
                        // No label: egui_graphs clones it with the edge every frame.
                        let edge = self
                            .graph
                            .add_edge_custom(*a, *b, look, |e| e.set_label(String::new()));
                        self.edges.insert(line.id.clone(), edge);
                        lines_order.push(edge);
                    }
                }
            }
        }
        self.lines_order = lines_order;
    }

    /// Updates only the people and lines `hint` names, when that is enough: the same
    /// people and lines as at the last sync, everyone placed (an unplaced person's
    /// place depends on everyone else's) and lines between the same people. Returns
    /// false when a full [`Self::sync`] is needed (it may have updated some already).
    pub fn sync_some(
        &mut self,
        doc: &Document,
        tr: Tr,
        highlight: &Highlight,
        hint: &super::EditHint,
    ) -> bool {
        if doc.stakeholders.len() != self.nodes.len()
            || doc.relationships.len() != self.edges.len()
            || doc.stakeholders.iter().any(|p| p.position.is_none())
        {
            return false;
        }
        for id in &hint.people {
            let (Some(person), Some(&index)) = (doc.stakeholder(id), self.nodes.get(id)) else {
                return false;
            };
            let Some(position) = person.position else {
                return false;
            };
            let highlighted = highlight.person(id);
            let Some(node) = self.graph.node_mut(index) else {
                return false;
            };
            if !node.payload().shows(person, tr, highlighted) {
                *node.payload_mut() = Arc::new(PersonLook::of(person, tr, highlighted));
            }
            node.set_location(Pos2::new(position.x as f32, position.y as f32));
            let props = node.props().clone();
            egui_graphs::DisplayNode::<PersonPayload, LinePayload, Directed, DefaultIx>::update(
                node.display_mut(),
                &props,
            );
        }
        for id in &hint.lines {
            let (Some(line), Some(&edge)) = (doc.relationship(id), self.edges.get(id)) else {
                return false;
            };
            let same_ends = self
                .graph
                .edge_endpoints(edge)
                .is_some_and(|(a, b)| self.is_person(a, &line.from) && self.is_person(b, &line.to));
            if !same_ends {
                return false;
            }
            let highlighted = highlight.line(line);
            if let Some(e) = self.graph.edge_mut(edge)
                && !e.payload().shows(line, highlighted)
            {
                *e.payload_mut() = Arc::new(LineLook::of(line, highlighted));
            }
        }
        true
    }

    /// The node of the person at position `i` in the document: where it was last
    /// time if the id still matches there, else looked up.
    fn node_of(&self, i: usize, id: &StakeholderId) -> Option<NodeIndex> {
        match self.people_order.get(i) {
            Some(&index) if self.is_person(index, id) => Some(index),
            _ => self.nodes.get(id).copied(),
        }
    }

    /// The edge of the line at position `i` in the document (as [`Self::node_of`]).
    fn edge_of(&self, i: usize, id: &RelationshipId) -> Option<EdgeIndex> {
        let same = |edge: EdgeIndex| self.graph.edge(edge).is_some_and(|e| e.payload().id == *id);
        match self.lines_order.get(i) {
            Some(&edge) if same(edge) => Some(edge),
            _ => self.edges.get(id).copied(),
        }
    }

    fn is_person(&self, index: NodeIndex, id: &StakeholderId) -> bool {
        self.graph
            .node(index)
            .is_some_and(|n| n.payload().id == *id)
    }

    /// Moves the selected flags from `before` to `now`, touching only those people
    /// and lines.
    pub fn show_selection(&mut self, before: Option<&Selection>, now: &Selection) {
        let set = |graph: &mut MapGraph, selection: &Selection, on: bool| {
            for id in &selection.people {
                if let Some(node) = self.nodes.get(id).and_then(|i| graph.node_mut(*i)) {
                    node.set_selected(on);
                }
            }
            for id in &selection.lines {
                if let Some(edge) = self.edges.get(id).and_then(|i| graph.edge_mut(*i)) {
                    edge.set_selected(on);
                }
            }
        };
        if let Some(before) = before {
            set(&mut self.graph, before, false);
        }
        set(&mut self.graph, now, true);
    }

    /// The person drawn topmost at a canvas position.
    pub fn person_at(&self, pos_in_canvas: Pos2) -> Option<StakeholderId> {
        self.graph
            .nodes_iter()
            .filter(|(_, node)| {
                egui_graphs::DisplayNode::<PersonPayload, LinePayload, Directed, DefaultIx>::is_inside(
                    node.display(),
                    pos_in_canvas,
                )
            })
            .max_by_key(|(index, node)| (node.selected(), *index))
            .map(|(_, node)| node.payload().id.clone())
    }

    /// The line at a canvas position.
    pub fn line_at(&self, pos_in_canvas: Pos2) -> Option<RelationshipId> {
        let graph = self.graph.g();
        self.graph.edges_iter().find_map(|(index, edge)| {
            let (a, b) = graph.edge_endpoints(index)?;
            let (start, end) = (graph.node_weight(a)?, graph.node_weight(b)?);
            egui_graphs::DisplayEdge::<PersonPayload, LinePayload, Directed, DefaultIx, PersonNode>::is_inside(
                edge.display(),
                start,
                end,
                pos_in_canvas,
            )
            .then(|| edge.payload().id.clone())
        })
    }

    /// Canvas position of a person as currently drawn (it may be mid-drag).
    pub fn position_of(&self, id: &StakeholderId) -> Option<Pos2> {
        self.graph.node(*self.nodes.get(id)?).map(|n| n.location())
    }

    /// The power a person is drawn with.
    pub fn power_of(&self, id: &StakeholderId) -> Option<crate::model::Power> {
        self.graph
            .node(*self.nodes.get(id)?)
            .map(|n| n.payload().power)
    }

    /// Moves a person in the view only (during a drag).
    pub fn set_position(&mut self, id: &StakeholderId, pos: Pos2) {
        if let Some(node) = self.nodes.get(id).and_then(|i| self.graph.node_mut(*i)) {
            node.set_location(pos);
        }
    }

    /// Whether the person's name had room on the canvas in the last frame (names are
    /// left out where they would cover a more powerful person's).
    pub fn is_named(&self, id: &StakeholderId) -> Option<bool> {
        self.graph
            .node(*self.nodes.get(id)?)
            .map(|n| n.display().named)
    }

    /// The person of a graph node.
    pub fn person_of(&self, index: NodeIndex) -> Option<StakeholderId> {
        self.graph.node(index).map(|n| n.payload().id.clone())
    }

    /// People whose node centre lies in a canvas rectangle.
    pub fn people_in(&self, rect_in_canvas: egui::Rect) -> Vec<StakeholderId> {
        self.graph
            .nodes_iter()
            .filter(|(_, node)| rect_in_canvas.contains(node.location()))
            .map(|(_, node)| node.payload().id.clone())
            .collect()
    }
}

/// Where each person is drawn on the canvas, in document order.
pub fn canvas_positions(doc: &Document) -> Vec<Pos2> {
    crate::placement::drawing_positions(doc)
        .into_iter()
        .map(|p| Pos2::new(p.x as f32, p.y as f32))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::i18n::Language;
    use proptest::prelude::*;

    /// The graph shows exactly the document: one node per person with its look and
    /// place, one edge per line between the right people, nothing else.
    fn assert_shows(synced: &SyncedGraph, doc: &Document, tr: Tr) {
        assert_eq!(synced.graph.node_count(), doc.stakeholders.len());
        assert_eq!(synced.nodes.len(), doc.stakeholders.len());
        for (person, pos) in doc.stakeholders.iter().zip(canvas_positions(doc)) {
            let node = synced
                .nodes
                .get(&person.id)
                .and_then(|i| synced.graph.node(*i));
            let node = node.expect("a node for every person");
            assert_eq!(
                **node.payload(),
                PersonLook::of(person, tr, Emphasis::Normal)
            );
            assert_eq!(node.location(), pos);
        }
        assert_eq!(synced.graph.edge_count(), doc.relationships.len());
        for line in &doc.relationships {
            let edge = *synced.edges.get(&line.id).expect("an edge for every line");
            let (a, b) = synced.graph.edge_endpoints(edge).expect("ends");
            assert_eq!(synced.person_of(a).as_ref(), Some(&line.from));
            assert_eq!(synced.person_of(b).as_ref(), Some(&line.to));
            let look = synced.graph.edge(edge).expect("edge").payload();
            assert_eq!(**look, LineLook::of(line, Emphasis::Normal));
        }
    }

    #[test]
    fn a_hinted_edit_updates_what_it_names_and_declines_what_it_cannot() {
        let tr = Tr(Language::English);
        let mut doc = crate::samples::synthetic_map(30, 5);
        let mut synced = SyncedGraph::default();
        synced.sync(&doc, tr, &Highlight::default());
        doc.stakeholders[3].name = "Moved and renamed".into();
        doc.stakeholders[3].position = Some(crate::model::Position::new(-500.0, 20.0));
        doc.relationships[2].kind = crate::model::RelationshipKind::Conflict;
        let hint = super::super::EditHint {
            people: vec![doc.stakeholders[3].id.clone()],
            lines: vec![doc.relationships[2].id.clone()],
        };
        assert!(synced.sync_some(&doc, tr, &Highlight::default(), &hint));
        assert_shows(&synced, &doc, tr);
        // A line turned around needs a full sync.
        let line = &mut doc.relationships[4];
        std::mem::swap(&mut line.from, &mut line.to);
        let hint = super::super::EditHint {
            people: Vec::new(),
            lines: vec![line.id.clone()],
        };
        assert!(!synced.sync_some(&doc, tr, &Highlight::default(), &hint));
        // So does an unplaced person, whose place depends on everyone's.
        doc.stakeholders[0].position = None;
        assert!(!synced.sync_some(&doc, tr, &Highlight::default(), &Default::default()));
        synced.sync(&doc, tr, &Highlight::default());
        assert_shows(&synced, &doc, tr);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Whatever changes between two syncs (people removed with their lines,
        /// renamed, moved, added, reordered; lines turned around), the graph follows.
        #[test]
        fn sync_follows_any_change(
            size in 2usize..40,
            steps in proptest::collection::vec((0u8..6, 0usize..1000), 1..8),
        ) {
            let tr = Tr(Language::English);
            let mut doc = crate::samples::synthetic_map(size, 3);
            let mut synced = SyncedGraph::default();
            synced.sync(&doc, tr, &Highlight::default());
            assert_shows(&synced, &doc, tr);
            for (n, (what, pick)) in steps.into_iter().enumerate() {
                let count = doc.stakeholders.len().max(1);
                match what {
                    0 if doc.stakeholders.len() > 1 => {
                        let gone = doc.stakeholders.remove(pick % count).id;
                        doc.relationships.retain(|l| l.from != gone && l.to != gone);
                    }
                    1 => {
                        if let Some(p) = doc.stakeholders.get_mut(pick % count) {
                            p.name = format!("renamed {n}");
                            p.title.clear();
                        }
                    }
                    2 => {
                        if let Some(p) = doc.stakeholders.get_mut(pick % count) {
                            p.position = Some(crate::model::Position::new(pick as f64, n as f64));
                        }
                    }
                    3 => {
                        let id = format!("new{n}");
                        doc.stakeholders.push(crate::model::Stakeholder::new(id.as_str(), "New"));
                        if let Some(other) = doc.stakeholders.first().map(|p| p.id.clone()) {
                            doc.relationships.push(crate::model::Relationship::new(
                                format!("rn{n}"),
                                id,
                                other,
                                crate::model::RelationshipKind::Ally,
                            ));
                        }
                    }
                    4 => doc.stakeholders.rotate_left(pick % count),
                    _ => {
                        let lines = doc.relationships.len().max(1);
                        if let Some(l) = doc.relationships.get_mut(pick % lines) {
                            std::mem::swap(&mut l.from, &mut l.to);
                        }
                    }
                }
                synced.sync(&doc, tr, &Highlight::default());
                assert_shows(&synced, &doc, tr);
            }
        }
    }
}
