//! A picture's SVG kept in the parts it is written in: the PNG renderer draws the
//! map a few hundred people at a time from them (see `png_layer.rs`), so the
//! outlines of every glyph of every name are never in memory at once. Joined, the
//! parts are exactly the SVG document.

/// The SVG of a picture, in parts.
pub struct PictureSvg {
    /// The `<svg>` start tag (size and font family, which every part inherits).
    pub(super) root: String,
    /// Background and heading, drawn before the map.
    pub(super) front: String,
    /// The `<clipPath>` that keeps the map inside its frame.
    pub(super) clip_def: String,
    /// Start tag of the clipped group.
    pub(super) clip_open: String,
    /// Start tag of the group that moves canvas coordinates into the picture.
    pub(super) map_open: String,
    /// The map's layers (backdrop, lines, people), in drawing order.
    pub(super) layers: Vec<MapLayer>,
    /// The legend, drawn after the map.
    pub(super) back: String,
}

/// One layer of the map: a group of items (a line, a person, a backdrop shape).
pub(super) struct MapLayer {
    /// The group's start tag (its attributes are inherited by the items).
    pub(super) open: &'static str,
    /// The items' SVG, one after another.
    pub(super) body: String,
    /// Where each item ends in `body`, in order.
    pub(super) ends: Vec<usize>,
    /// Where each item surely draws and where it may draw (`None`: anywhere).
    pub(super) reach: Vec<Option<Reach>>,
}

/// A box by its edges, in the map's coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Edges {
    /// Left edge.
    pub(super) left: f64,
    /// Top edge.
    pub(super) top: f64,
    /// Right edge.
    pub(super) right: f64,
    /// Bottom edge.
    pub(super) bottom: f64,
}

impl Edges {
    /// The box around `points`.
    pub(super) fn around(points: &[(f64, f64)]) -> Self {
        let mut edges = Self {
            left: f64::INFINITY,
            top: f64::INFINITY,
            right: f64::NEG_INFINITY,
            bottom: f64::NEG_INFINITY,
        };
        for &(x, y) in points {
            edges.left = edges.left.min(x);
            edges.top = edges.top.min(y);
            edges.right = edges.right.max(x);
            edges.bottom = edges.bottom.max(y);
        }
        edges
    }

    /// This box grown by `by` on every side (shrunk when negative).
    pub(super) fn grown(self, by: f64) -> Self {
        Self {
            left: self.left - by,
            top: self.top - by,
            right: self.right + by,
            bottom: self.bottom + by,
        }
    }

    /// The box holding both.
    pub(super) fn union(self, other: Self) -> Self {
        Self {
            left: self.left.min(other.left),
            top: self.top.min(other.top),
            right: self.right.max(other.right),
            bottom: self.bottom.max(other.bottom),
        }
    }
}

/// How far an item's drawing reaches: each edge of what it draws lies between the
/// same edge of `inner` (a part surely drawn, such as a circle or the start of a
/// line) and that of `outer` (everything it may draw, text at its widest).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Reach {
    /// Surely drawn.
    pub(super) inner: Edges,
    /// Everything drawn lies inside.
    pub(super) outer: Edges,
}

/// End tag of a layer.
const LAYER_CLOSE: &str = "</g>\n";
/// End tags of the map's translation and of the clipped group.
const MAP_CLOSE: &str = "</g></g>\n";
/// End tag of a document.
const SVG_CLOSE: &str = "</svg>\n";

impl MapLayer {
    /// An empty layer in the group `open`.
    pub(super) fn new(open: &'static str) -> Self {
        Self {
            open,
            body: String::new(),
            ends: Vec::new(),
            reach: Vec::new(),
        }
    }

    /// Marks the end of an item, which reaches as far as `reach` says: a document
    /// of the map may stop here.
    pub(super) fn end_item(&mut self, reach: Option<Reach>) {
        if self.ends.last() != Some(&self.body.len()) {
            self.ends.push(self.body.len());
            self.reach.push(reach);
        }
    }
}

/// Items `from..to` of layer `layer`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Slice {
    /// Index of the layer in [`PictureSvg::layers`].
    pub(super) layer: usize,
    /// First item.
    pub(super) from: usize,
    /// One past the last item.
    pub(super) to: usize,
}

impl PictureSvg {
    /// The SVG document.
    pub fn into_svg(self) -> String {
        let capacity = self.root.len()
            + self.front.len()
            + self.clip_def.len()
            + self.clip_open.len()
            + self.map_open.len()
            + self
                .layers
                .iter()
                .map(|l| l.open.len() + l.body.len() + LAYER_CLOSE.len())
                .sum::<usize>()
            + MAP_CLOSE.len()
            + self.back.len()
            + SVG_CLOSE.len();
        let mut svg = String::with_capacity(capacity);
        svg.push_str(&self.root);
        svg.push_str(&self.front);
        svg.push_str(&self.clip_def);
        svg.push_str(&self.clip_open);
        svg.push_str(&self.map_open);
        for layer in &self.layers {
            svg.push_str(layer.open);
            svg.push_str(&layer.body);
            svg.push_str(LAYER_CLOSE);
        }
        svg.push_str(MAP_CLOSE);
        svg.push_str(&self.back);
        svg.push_str(SVG_CLOSE);
        svg
    }

    /// What is drawn before the map, as a document of its own.
    pub(super) fn front_svg(&self) -> String {
        [self.root.as_str(), &self.front, SVG_CLOSE].concat()
    }

    /// What is drawn after the map, as a document of its own.
    pub(super) fn back_svg(&self) -> String {
        [self.root.as_str(), &self.back, SVG_CLOSE].concat()
    }

    /// A document whose only drawing is a dot in the map: it carries the clip and
    /// the map's translation as the full document has them.
    pub(super) fn clip_svg(&self) -> String {
        [
            self.root.as_str(),
            &self.clip_def,
            &self.clip_open,
            &self.map_open,
            "<rect width=\"1\" height=\"1\"/>",
            MAP_CLOSE,
            SVG_CLOSE,
        ]
        .concat()
    }

    /// The map's items cut into runs of about `budget` bytes of SVG (at least one
    /// item each), in drawing order; no run when the map draws nothing.
    pub(super) fn chunks(&self, budget: usize) -> Vec<Vec<Slice>> {
        self.chunks_of(|_, _| true, budget)
    }

    /// The items that may reach an edge of the map's drawing (its leftmost, top,
    /// rightmost or bottom point), cut into runs as [`Self::chunks`]: the edges of
    /// what they draw are those of the whole map. Items of unknown reach are
    /// always among them, and the first item of each layer, so that each layer
    /// that draws has a box (a group without one counts as a box at the origin).
    pub(super) fn edge_chunks(&self, budget: usize) -> Vec<Vec<Slice>> {
        // The map reaches at least as far as any item surely draws.
        let reaches = || self.layers.iter().flat_map(|l| l.reach.iter().flatten());
        let sure = reaches()
            .map(|r| r.inner)
            .reduce(Edges::union)
            .unwrap_or_else(|| Edges::around(&[]));
        self.chunks_of(
            |layer, item| {
                let Some(Some(reach)) = layer.reach.get(item).filter(|_| item > 0) else {
                    return true;
                };
                let outer = reach.outer;
                outer.left <= sure.left
                    || outer.top <= sure.top
                    || outer.right >= sure.right
                    || outer.bottom >= sure.bottom
            },
            budget,
        )
    }

    /// The items `keep` accepts, in drawing order, cut into runs of about
    /// `budget` bytes of SVG.
    fn chunks_of(&self, keep: impl Fn(&MapLayer, usize) -> bool, budget: usize) -> Vec<Vec<Slice>> {
        let mut chunks = Vec::new();
        let mut chunk: Vec<Slice> = Vec::new();
        let mut size = 0;
        for (index, layer) in self.layers.iter().enumerate() {
            let mut run: Option<Slice> = None;
            let mut start = 0;
            for (item, &end) in layer.ends.iter().enumerate() {
                let bytes = end.saturating_sub(start);
                start = end;
                if !keep(layer, item) {
                    chunk.extend(run.take());
                    continue;
                }
                let slice = run.get_or_insert(Slice {
                    layer: index,
                    from: item,
                    to: item,
                });
                slice.to = item + 1;
                size += bytes;
                if size >= budget {
                    chunk.extend(run.take());
                    chunks.push(std::mem::take(&mut chunk));
                    size = 0;
                }
            }
            chunk.extend(run);
        }
        if !chunk.is_empty() {
            chunks.push(chunk);
        }
        chunks
    }

    /// The document of one run of items: the map's translation with, for each
    /// slice, its layer's group holding those items.
    pub(super) fn chunk_svg(&self, slices: &[Slice]) -> String {
        let mut svg = String::new();
        svg.push_str(&self.root);
        svg.push_str(&self.map_open);
        for slice in slices {
            let Some(layer) = self.layers.get(slice.layer) else {
                continue;
            };
            let start = match slice.from.checked_sub(1) {
                Some(before) => layer.ends.get(before).copied().unwrap_or(0),
                None => 0,
            };
            let end = slice
                .to
                .checked_sub(1)
                .and_then(|last| layer.ends.get(last))
                .copied()
                .unwrap_or(start);
            svg.push_str(layer.open);
            svg.push_str(layer.body.get(start..end).unwrap_or_default());
            svg.push_str(LAYER_CLOSE);
        }
        svg.push_str(LAYER_CLOSE);
        svg.push_str(SVG_CLOSE);
        svg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(open: &'static str, items: &[&str]) -> MapLayer {
        let mut layer = MapLayer::new(open);
        for item in items {
            layer.body.push_str(item);
            layer.end_item(None);
        }
        layer
    }

    fn picture(layers: Vec<MapLayer>) -> PictureSvg {
        PictureSvg {
            root: "<svg>\n".into(),
            front: "<front/>\n".into(),
            clip_def: "<clipPath id=\"c\"/>\n".into(),
            clip_open: "<g clip-path=\"url(#c)\">".into(),
            map_open: "<g transform=\"translate(1 2)\">\n".into(),
            layers,
            back: "<back/>\n".into(),
        }
    }

    #[test]
    fn chunks_hold_every_item_once_in_order() {
        let items: Vec<String> = (0..23).map(|i| format!("<i n=\"{i}\"/>\n")).collect();
        let refs: Vec<&str> = items.iter().map(String::as_str).collect();
        let (lines, people) = refs.split_at(9);
        let pic = picture(vec![
            layer("<g class=\"a\">\n", &[]),
            layer("<g class=\"lines\">\n", lines),
            layer("<g class=\"people\">\n", people),
        ]);
        for budget in [1, 20, 37, 100, 10_000] {
            let chunks = pic.chunks(budget);
            let mut seen = String::new();
            for chunk in &chunks {
                assert!(!chunk.is_empty());
                let svg = pic.chunk_svg(chunk);
                assert!(svg.starts_with("<svg>\n<g transform=\"translate(1 2)\">\n"));
                assert!(svg.ends_with("</g>\n</svg>\n"));
                for slice in chunk {
                    assert!(slice.from < slice.to, "{slice:?}");
                }
                seen.push_str(&svg);
            }
            let found: Vec<&str> = items
                .iter()
                .filter(|item| seen.contains(item.as_str()))
                .map(String::as_str)
                .collect();
            assert_eq!(found, refs, "budget {budget}");
            assert_eq!(seen.matches("<i ").count(), items.len(), "budget {budget}");
            // Items stay in the group they were written in.
            for chunk in &chunks {
                let svg = pic.chunk_svg(chunk);
                if let Some(at) = svg.find("class=\"people\"") {
                    assert!(!svg[at..].contains("n=\"8\""), "budget {budget}");
                }
            }
            if budget == 1 {
                assert_eq!(chunks.len(), items.len());
            }
        }
        assert!(picture(vec![layer("<g>\n", &[])]).chunks(10).is_empty());
    }

    #[test]
    fn only_items_that_may_reach_an_edge_are_measured_first() {
        let reach = |x: f64, y: f64, spread: f64| Reach {
            inner: Edges::around(&[(x - 1.0, y - 1.0), (x + 1.0, y + 1.0)]),
            outer: Edges::around(&[(x - spread, y - spread), (x + spread, y + spread)]),
        };
        let mut people = MapLayer::new("<g>\n");
        // A 5 × 5 grid of people 100 apart; the one at (200, 200) has a long name.
        for i in 0..25 {
            let (x, y) = (f64::from(i % 5) * 100.0, f64::from(i / 5) * 100.0);
            people.body.push_str(&format!("<p n=\"{i}\"/>\n"));
            let spread = if i == 12 { 250.0 } else { 30.0 };
            people.end_item(Some(reach(x, y, spread)));
        }
        let mut backdrop = MapLayer::new("<g>\n");
        backdrop.body.push_str("<b/>\n");
        backdrop.end_item(None);
        let pic = picture(vec![backdrop, people]);
        let measured: Vec<String> = pic
            .edge_chunks(usize::MAX)
            .iter()
            .map(|chunk| pic.chunk_svg(chunk))
            .collect();
        let svg = measured.concat();
        // The backdrop (reach unknown), the first person, the border of the grid
        // and the long name in its middle; not the other inner people.
        assert!(svg.contains("<b/>"));
        for i in [0, 1, 4, 5, 9, 12, 20, 24] {
            assert!(svg.contains(&format!("n=\"{i}\"")), "{i} is measured");
        }
        for i in [6, 7, 8, 11, 13, 16, 17, 18] {
            assert!(!svg.contains(&format!("n=\"{i}\"")), "{i} is not measured");
        }
    }

    #[test]
    fn the_parts_join_into_the_document() {
        let pic = picture(vec![layer("<g class=\"x\">\n", &["<a/>\n", "<b/>\n"])]);
        assert_eq!(
            pic.into_svg(),
            "<svg>\n<front/>\n<clipPath id=\"c\"/>\n<g clip-path=\"url(#c)\"><g transform=\"translate(1 2)\">\n<g class=\"x\">\n<a/>\n<b/>\n</g>\n</g></g>\n<back/>\n</svg>\n"
        );
    }
}
