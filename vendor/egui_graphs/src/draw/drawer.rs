use std::marker::PhantomData;

use egui::{Context, Painter, Shape};
use petgraph::graph::IndexType;
use petgraph::EdgeType;

use crate::{
    layouts::{Layout, LayoutState},
    metadata::MetadataFrame,
    settings::SettingsStyle,
    Graph,
};

use super::{DisplayEdge, DisplayNode};

/// Contains all the data about current widget state which is needed for custom drawing functions.
pub struct DrawContext<'a> {
    pub ctx: &'a Context,
    pub painter: &'a Painter,
    pub style: &'a SettingsStyle,
    pub is_directed: bool,
    pub meta: &'a MetadataFrame,
}

pub(crate) struct Drawer<'a, N, E, Ty, Ix, Nd, Ed, S, L>
where
    N: Clone,
    E: Clone,
    Ty: EdgeType,
    Ix: IndexType,
    Nd: DisplayNode<N, E, Ty, Ix>,
    Ed: DisplayEdge<N, E, Ty, Ix, Nd>,
    S: LayoutState,
    L: Layout<S>,
{
    ctx: &'a DrawContext<'a>,
    g: &'a mut Graph<N, E, Ty, Ix, Nd, Ed>,
    delayed: Vec<Shape>,

    _marker: PhantomData<(Nd, Ed, L, S)>,
}

impl<'a, N, E, Ty, Ix, Nd, Ed, S, L> Drawer<'a, N, E, Ty, Ix, Nd, Ed, S, L>
where
    N: Clone,
    E: Clone,
    Ty: EdgeType,
    Ix: IndexType,
    Nd: DisplayNode<N, E, Ty, Ix>,
    Ed: DisplayEdge<N, E, Ty, Ix, Nd>,
    S: LayoutState,
    L: Layout<S>,
{
    pub(crate) fn new(g: &'a mut Graph<N, E, Ty, Ix, Nd, Ed>, ctx: &'a DrawContext<'a>) -> Self {
        Drawer {
            ctx,
            g,
            delayed: Vec::new(),
            _marker: PhantomData,
        }
    }

    /// Renders the graph for the current frame.
    ///
    /// Order matters (POWERMAP PATCH):
    /// 1. `draw_nodes` syncs each node's display from its props and makes its shapes,
    ///    so edge geometry (which reads node display boundary points and zoom) is fresh.
    /// 2. `draw_edges` builds edge shapes using the updated node display state.
    /// 3. Painted: edges, nodes (non‑selected), then the deferred (selected / dragged)
    ///    edges and nodes on top.
    pub(crate) fn draw(self) {
        let painter = self.ctx.painter;
        painter.extend(self.shapes());
    }

    /// POWERMAP PATCH: the frame's shapes, in drawing order, without painting them
    /// (so a caller can keep them; see [`crate::DrawCache`]).
    pub(crate) fn shapes(mut self) -> Vec<Shape> {
        // POWERMAP PATCH: every shape is collected and handed to the painter at once
        // (one by one took the context's lock for each of 100,000s of shapes), in
        // lists reserved for about one shape per node and edge. Nodes are updated and
        // drawn first (their displays learn this frame's props and zoom, which the
        // edges' ends depend on) and painted after the edges.
        let mut node_shapes = Vec::with_capacity(self.g.node_count());
        self.draw_nodes(&mut node_shapes);
        let delayed_nodes = std::mem::take(&mut self.delayed);
        let mut shapes = Vec::with_capacity(self.g.node_count() + self.g.edge_count());
        self.draw_edges(&mut shapes);
        shapes.append(&mut node_shapes);
        shapes.append(&mut self.delayed);
        shapes.extend(delayed_nodes);
        shapes
    }

    fn draw_nodes(&mut self, out: &mut Vec<Shape>) {
        self.g
            .g_mut()
            .node_indices()
            .collect::<Vec<_>>()
            .into_iter()
            .for_each(|idx| {
                let n = self.g.node_mut(idx).unwrap();
                n.update_display();
                // POWERMAP PATCH: shapes are added straight to the list (no vector per node).
                let target = if n.selected() || n.dragged() {
                    &mut self.delayed
                } else {
                    &mut *out
                };
                n.display_mut().shapes_into(self.ctx, target);
            });
    }

    fn draw_edges(&mut self, out: &mut Vec<Shape>) {
        self.g
            .g_mut()
            .edge_indices()
            .collect::<Vec<_>>()
            .into_iter()
            .for_each(|idx| {
                let (idx_start, idx_end) = self.g.edge_endpoints(idx).unwrap();

                // POWERMAP PATCH: the edge's display is cloned (small) instead of both
                // nodes (payloads, labels and displays) for every edge, every frame.
                let visible = self.g.edge(idx).unwrap().display().may_be_visible(
                    self.g.node(idx_start).unwrap(),
                    self.g.node(idx_end).unwrap(),
                    self.ctx,
                );
                if !visible {
                    return;
                }
                let e = self.g.edge_mut(idx).unwrap();
                let props = e.props().clone();
                let mut display = e.display().clone();
                display.update(&props);
                let start = self.g.node(idx_start).unwrap();
                let end = self.g.node(idx_end).unwrap();
                // POWERMAP PATCH: shapes are added straight to the list (no vector per edge).
                let target = if props.selected {
                    &mut self.delayed
                } else {
                    &mut *out
                };
                display.shapes_into(start, end, self.ctx, target);
                let e = self.g.edge_mut(idx).unwrap();
                *e.display_mut() = display;
            });
    }
}
