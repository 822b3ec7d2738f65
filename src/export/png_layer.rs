//! The map's clipped group, drawn as resvg draws it — into one layer that is
//! clipped and laid on the picture once — but from documents of a few hundred
//! items each, so only one run of glyph outlines is in memory at a time.
//!
//! resvg places the layer by the bounding box of the whole group, and that
//! placement enters every coordinate drawn into it: the box must be known before
//! the first item is drawn. It is measured first from the items that may reach an
//! edge of the map (see [`PictureSvg::edge_chunks`]), then checked against the box
//! of everything drawn; when they differ the layer is drawn again with the box
//! measured, so the picture is always the one resvg draws of the whole document.

use resvg::tiny_skia::{
    self, BlendMode, Color, FilterQuality, IntRect, Mask, MaskType, NonZeroRect, Paint, Pixmap,
    PixmapPaint, Transform,
};
use resvg::usvg::{self, Node, Tree};

use super::ExportError;
use super::picture::{PictureSvg, Slice};

/// How the map is cut into documents.
#[derive(Clone, Copy, Debug)]
pub(super) struct Chunking {
    /// Bytes of SVG per document.
    pub(super) bytes: usize,
    /// Measure the layer's box from the items at the map's edges first (else the
    /// map is drawn twice).
    pub(super) edges_first: bool,
}

impl Chunking {
    /// Some four hundred people of a generated map per document, about 15 MB of
    /// rendering tree.
    pub(super) const DEFAULT: Self = Self {
        bytes: 256 * 1024,
        edges_first: true,
    };
}

/// A group's layer box until its children give one (as usvg sets it).
fn unset_box() -> Option<NonZeroRect> {
    NonZeroRect::from_xywh(0.0, 0.0, 1.0, 1.0)
}

/// A bounding box being gathered, as usvg gathers a group's layer box.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Gather {
    left: f32,
    top: f32,
    right: f32,
    bottom: f32,
}

impl Default for Gather {
    fn default() -> Self {
        Self {
            left: f32::MAX,
            top: f32::MAX,
            right: f32::MIN,
            bottom: f32::MIN,
        }
    }
}

impl Gather {
    fn add(&mut self, left: f32, top: f32, right: f32, bottom: f32) {
        self.left = self.left.min(left);
        self.top = self.top.min(top);
        self.right = self.right.max(right);
        self.bottom = self.bottom.max(bottom);
    }

    fn add_rect(&mut self, r: NonZeroRect) {
        self.add(r.left(), r.top(), r.right(), r.bottom());
    }

    /// The box, or the box usvg leaves a group without one.
    fn layer_box(&self) -> Option<NonZeroRect> {
        let unset = *self == Self::default();
        if unset {
            return unset_box();
        }
        NonZeroRect::from_ltrb(self.left, self.top, self.right, self.bottom).or_else(unset_box)
    }
}

/// The layer boxes of the map's layers, gathered over documents of their items.
struct LayerBoxes {
    layers: Vec<Gather>,
    /// The transform of the map's translation group.
    translate: Option<Transform>,
}

impl LayerBoxes {
    fn new(layers: usize) -> Self {
        Self {
            layers: vec![Gather::default(); layers],
            translate: None,
        }
    }

    /// Adds the items of one document (made by [`PictureSvg::chunk_svg`] from
    /// `slices`); `None` when the tree is not made as expected.
    fn add(&mut self, tree: &Tree, slices: &[Slice]) -> Option<()> {
        let [Node::Group(map)] = tree.root().children() else {
            return None;
        };
        if map.should_isolate() || map.children().len() != slices.len() {
            return None;
        }
        if *self.translate.get_or_insert(map.transform()) != map.transform() {
            return None;
        }
        for (node, slice) in map.children().iter().zip(slices) {
            let Node::Group(layer) = node else {
                return None;
            };
            if layer.should_isolate() || !layer.transform().is_identity() {
                return None;
            }
            let gather = self.layers.get_mut(slice.layer)?;
            // What usvg adds of each child to its group's layer box.
            for child in layer.children() {
                if let Node::Group(group) = child {
                    if let Some(r) = group.layer_bounding_box().transform(group.transform()) {
                        gather.add_rect(r);
                    }
                } else {
                    let r = child.stroke_bounding_box();
                    gather.add(r.left(), r.top(), r.right(), r.bottom());
                }
            }
        }
        Some(())
    }

    /// The layer box of the clipped group: that of the translation group (made of
    /// its layers' boxes), moved.
    fn clip_group_box(&self, translate: Transform) -> Option<NonZeroRect> {
        let mut map = Gather::default();
        for layer in &self.layers {
            if let Some(r) = layer.layer_box() {
                map.add_rect(r);
            }
        }
        let mut group = Gather::default();
        if let Some(r) = map.layer_box().and_then(|r| r.transform(translate)) {
            group.add_rect(r);
        }
        group.layer_box()
    }
}

/// The clip and the clipped group's own settings, from a small document with the
/// full document's clip.
struct ClipGroup {
    clip: std::sync::Arc<usvg::ClipPath>,
    transform: Transform,
    opacity: f32,
    translate: Transform,
}

impl ClipGroup {
    fn of(tree: &Tree) -> Option<Self> {
        let [Node::Group(group)] = tree.root().children() else {
            return None;
        };
        let [clip] = tree.clip_paths() else {
            return None;
        };
        if !std::ptr::eq(group.clip_path()?, clip.as_ref()) {
            return None;
        }
        let clip = clip.clone();
        let plain = group.mask().is_none()
            && group.filters().is_empty()
            && group.blend_mode() == usvg::BlendMode::Normal
            && clip.clip_path().is_none()
            && clip.root().children().iter().all(|child| match child {
                Node::Path(path) => path
                    .fill()
                    .is_none_or(|fill| matches!(fill.paint(), usvg::Paint::Color(_))),
                _ => false,
            });
        let [Node::Group(map), ..] = group.children() else {
            return None;
        };
        plain.then(|| Self {
            transform: group.transform(),
            opacity: group.opacity().get(),
            translate: map.transform(),
            clip,
        })
    }

    /// Clears what lies outside the clip, as resvg's `clip::apply`.
    fn apply(&self, transform: Transform, layer: &mut Pixmap) -> Option<()> {
        let mut clip_pixmap = Pixmap::new(layer.width(), layer.height())?;
        clip_pixmap.fill(Color::BLACK);
        let transform = transform.pre_concat(self.clip.transform());
        for child in self.clip.root().children() {
            let Node::Path(path) = child else {
                continue;
            };
            if !path.is_visible() {
                continue;
            }
            let Some(fill) = path.fill() else {
                continue;
            };
            let bounds = path.data().bounds();
            if bounds.width() == 0.0 || bounds.height() == 0.0 {
                continue;
            }
            let rule = match fill.rule() {
                usvg::FillRule::NonZero => tiny_skia::FillRule::Winding,
                usvg::FillRule::EvenOdd => tiny_skia::FillRule::EvenOdd,
            };
            let mut paint = Paint::default();
            if let usvg::Paint::Color(c) = fill.paint() {
                paint.set_color_rgba8(c.red, c.green, c.blue, fill.opacity().to_u8());
            }
            paint.anti_alias = path.rendering_mode().use_shape_antialiasing();
            paint.blend_mode = BlendMode::Clear;
            clip_pixmap.fill_path(path.data(), &paint, rule, transform, None);
        }
        let mut mask = Mask::from_pixmap(clip_pixmap.as_ref(), MaskType::Alpha);
        drop(clip_pixmap);
        mask.invert();
        layer.apply_mask(&mask);
        Some(())
    }
}

/// What became of drawing the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Drawn {
    /// Drawn as resvg draws the whole document, in this many passes (two when the
    /// box measured first was not the map's).
    Done(usize),
    /// The documents were not made as expected: draw the whole document instead.
    Unexpected,
}

/// Draws the map's clipped group of `picture` on `canvas`, which shows the
/// document with `canvas_transform`.
pub(super) fn draw_map(
    picture: &PictureSvg,
    options: &usvg::Options,
    canvas_transform: Transform,
    canvas: &mut Pixmap,
    chunking: Chunking,
) -> Result<Drawn, ExportError> {
    let Some(group) = ClipGroup::of(&parse(&picture.clip_svg(), options)?) else {
        return Ok(Drawn::Unexpected);
    };
    let mut guess = LayerBoxes::new(picture.layers.len());
    if chunking.edges_first {
        for slices in picture.edge_chunks(chunking.bytes) {
            let tree = parse(&picture.chunk_svg(&slices), options)?;
            if guess.add(&tree, &slices).is_none() {
                return Ok(Drawn::Unexpected);
            }
        }
    }
    let chunks = picture.chunks(chunking.bytes);
    // Twice at most: the second time with the box the first one measured.
    for pass in 1..=2 {
        let guessed = guess.clip_group_box(group.translate);
        let mut layer = Layer::new(guessed, &group, canvas_transform, canvas);
        let mut measured = LayerBoxes::new(picture.layers.len());
        // The next document is parsed while this one is drawn.
        let expected = std::thread::scope(|scope| {
            let (send, trees) = std::sync::mpsc::sync_channel(1);
            let chunks = &chunks;
            scope.spawn(move || {
                for slices in chunks {
                    let tree = parse(&picture.chunk_svg(slices), options);
                    if send.send(tree).is_err() {
                        break;
                    }
                }
            });
            for slices in chunks {
                let tree = trees
                    .recv()
                    .map_err(|_| ExportError::Render("the map was not parsed".into()))??;
                if measured.add(&tree, slices).is_none()
                    || measured.translate != Some(group.translate)
                {
                    return Ok(false);
                }
                if let Some(layer) = layer.as_mut() {
                    resvg::render(&tree, layer.transform, &mut layer.pixmap.as_mut());
                }
            }
            Ok::<bool, ExportError>(true)
        })?;
        if !expected {
            return Ok(Drawn::Unexpected);
        }
        if measured.clip_group_box(group.translate) == guessed {
            if let Some(layer) = layer {
                layer.finish(&group, canvas)?;
            }
            return Ok(Drawn::Done(pass));
        }
        guess = measured;
    }
    Ok(Drawn::Unexpected)
}

/// The clipped group's layer, placed as resvg places it.
struct Layer {
    pixmap: Pixmap,
    /// Document → layer pixels.
    transform: Transform,
    at: (i32, i32),
}

impl Layer {
    /// As resvg's `render_group`; `None` where it draws nothing.
    fn new(
        group_box: Option<NonZeroRect>,
        group: &ClipGroup,
        canvas_transform: Transform,
        canvas: &Pixmap,
    ) -> Option<Self> {
        let transform = canvas_transform.pre_concat(group.transform);
        let bbox = group_box?.transform(transform)?;
        let ibbox = IntRect::from_xywh(
            bbox.x().floor() as i32 - 2,
            bbox.y().floor() as i32 - 2,
            bbox.width().ceil() as u32 + 4,
            bbox.height().ceil() as u32 + 4,
        )?;
        // resvg keeps a layer within twice the canvas around it.
        let (w, h) = (canvas.width(), canvas.height());
        let most = IntRect::from_xywh(
            -(i32::try_from(w).ok()?) * 2,
            -(i32::try_from(h).ok()?) * 2,
            w.checked_mul(5)?,
            h.checked_mul(5)?,
        )?;
        let ibbox = IntRect::from_ltrb(
            ibbox.left().max(most.left()),
            ibbox.top().max(most.top()),
            ibbox.right().min(most.right()),
            ibbox.bottom().min(most.bottom()),
        )?;
        // The same arithmetic as resvg's, rounding included.
        let mut dx = bbox.x();
        let mut dy = bbox.y();
        dx -= bbox.x() - ibbox.x() as f32;
        dy -= bbox.y() - ibbox.y() as f32;
        let transform = Transform::from_translate(-dx, -dy).pre_concat(transform);
        let pixmap = Pixmap::new(ibbox.width(), ibbox.height())?;
        Some(Self {
            pixmap,
            transform,
            at: (ibbox.x(), ibbox.y()),
        })
    }

    /// Clips the layer and lays it on the canvas.
    fn finish(mut self, group: &ClipGroup, canvas: &mut Pixmap) -> Result<(), ExportError> {
        group
            .apply(self.transform, &mut self.pixmap)
            .ok_or_else(|| ExportError::Render("cannot make the clip of the map".into()))?;
        let paint = PixmapPaint {
            opacity: group.opacity,
            blend_mode: BlendMode::SourceOver,
            quality: FilterQuality::Nearest,
        };
        canvas.draw_pixmap(
            self.at.0,
            self.at.1,
            self.pixmap.as_ref(),
            &paint,
            Transform::identity(),
            None,
        );
        Ok(())
    }
}

/// The rendering tree of `svg`.
pub(super) fn parse(svg: &str, options: &usvg::Options) -> Result<Tree, ExportError> {
    Tree::from_str(svg, options).map_err(|err| ExportError::Render(err.to_string()))
}
