//! Keeps the egui_graphs graph in step with the document: adds, removes and updates
//! only what changed, so an edit on a 10,000-person map does not rebuild everything.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use egui::Pos2;
use petgraph::Directed;
use petgraph::stable_graph::{DefaultIx, EdgeIndex, NodeIndex};

use super::line_edge::LineEdge;
use super::look::{LineLook, LinePayload, PersonLook, PersonPayload};
use super::person_node::PersonNode;
use crate::model::{Document, RelationshipId, StakeholderId};
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
}

impl SyncedGraph {
    /// Brings the graph in line with `doc`.
    pub fn sync(&mut self, doc: &Document, tr: Tr, highlight: &Highlight) {
        let positions = canvas_positions(doc);
        let wanted_lines: HashMap<&RelationshipId, _> =
            doc.relationships.iter().map(|l| (&l.id, l)).collect();

        // Lines first: those gone, or whose ends changed, are removed.
        let mut stale_lines = Vec::new();
        for (id, edge) in &self.edges {
            let keep = wanted_lines.get(id).is_some_and(|line| {
                self.graph.edge_endpoints(*edge)
                    == match (self.nodes.get(&line.from), self.nodes.get(&line.to)) {
                        (Some(a), Some(b)) => Some((*a, *b)),
                        _ => None,
                    }
            });
            if !keep {
                stale_lines.push(id.clone());
            }
        }
        for id in stale_lines {
            if let Some(edge) = self.edges.remove(&id) {
                self.graph.remove_edge(edge);
            }
        }

        let wanted_people: HashSet<&StakeholderId> =
            doc.stakeholders.iter().map(|s| &s.id).collect();
        let gone: Vec<StakeholderId> = self
            .nodes
            .keys()
            .filter(|id| !wanted_people.contains(id))
            .cloned()
            .collect();
        for id in gone {
            if let Some(node) = self.nodes.remove(&id) {
                self.graph.remove_node(node);
            }
        }

        for (person, pos) in doc.stakeholders.iter().zip(positions) {
            let look = PersonLook::of(person, tr, highlight.people.contains(&person.id));
            match self.nodes.get(&person.id).copied() {
                Some(index) => {
                    if let Some(node) = self.graph.node_mut(index) {
                        if **node.payload() != look {
                            *node.payload_mut() = Arc::new(look);
                        }
                        if node.location() != pos {
                            node.set_location(pos);
                        }
                        let props = node.props().clone();
                        egui_graphs::DisplayNode::<PersonPayload, LinePayload, Directed, DefaultIx>::update(
                            node.display_mut(),
                            &props,
                        );
                    }
                }
                None => {
                    let index = self
                        .graph
                        .add_node_custom(Arc::new(look), |node| node.set_location(pos));
                    self.nodes.insert(person.id.clone(), index);
                }
            }
        }

        for line in &doc.relationships {
            let look = LineLook::of(line, highlight.lines.contains(&line.id));
            match self.edges.get(&line.id).copied() {
                Some(edge) => {
                    if let Some(e) = self.graph.edge_mut(edge)
                        && **e.payload() != look
                    {
                        *e.payload_mut() = Arc::new(look);
                    }
                }
                None => {
                    if let (Some(a), Some(b)) =
                        (self.nodes.get(&line.from), self.nodes.get(&line.to))
                    {
                        let edge = self.graph.add_edge(*a, *b, Arc::new(look));
                        self.edges.insert(line.id.clone(), edge);
                    }
                }
            }
        }
    }

    /// Sets the selected flag of every node and edge from `selection`.
    pub fn show_selection(&mut self, selection: &Selection) {
        for (id, index) in &self.nodes {
            if let Some(node) = self.graph.node_mut(*index) {
                node.set_selected(selection.people.contains(id));
            }
        }
        for (id, index) in &self.edges {
            if let Some(edge) = self.graph.edge_mut(*index) {
                edge.set_selected(selection.lines.contains(id));
            }
        }
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

    /// Moves a person in the view only (during a drag).
    pub fn set_position(&mut self, id: &StakeholderId, pos: Pos2) {
        if let Some(node) = self.nodes.get(id).and_then(|i| self.graph.node_mut(*i)) {
            node.set_location(pos);
        }
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
