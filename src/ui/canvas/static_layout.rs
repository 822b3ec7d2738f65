//! A layout that never moves anyone: positions belong to the user and the document.

use egui_graphs::{DisplayEdge, DisplayNode, Graph, Layout, LayoutState};
use petgraph::EdgeType;
use petgraph::stable_graph::IndexType;

/// State of the static layout (there is none).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct StaticState;

impl LayoutState for StaticState {}

/// The layout that leaves every position where the document put it.
#[derive(Debug, Default)]
pub struct StaticLayout;

impl Layout<StaticState> for StaticLayout {
    fn from_state(_state: StaticState) -> impl Layout<StaticState> {
        StaticLayout
    }

    fn next<N, E, Ty, Ix, Dn, De>(
        &mut self,
        _graph: &mut Graph<N, E, Ty, Ix, Dn, De>,
        _ui: &egui::Ui,
    ) where
        N: Clone,
        E: Clone,
        Ty: EdgeType,
        Ix: IndexType,
        Dn: DisplayNode<N, E, Ty, Ix>,
        De: DisplayEdge<N, E, Ty, Ix, Dn>,
    {
    }

    fn state(&self) -> StaticState {
        StaticState
    }
}
