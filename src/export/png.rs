//! The map as PNG: the SVG picture rendered with resvg on the CPU, so it works
//! headless, with the bundled CJK font so Chinese names render on any machine and the
//! output is the same everywhere.
//!
//! Memory: the heading and legend are drawn from documents of their own, and the
//! map a few hundred people at a time into one layer (`png_layer.rs`), so the
//! glyph outlines of every name are never held at once; the pixels are the ones
//! resvg draws of the whole document. They are turned to straight alpha in place
//! and encoded from there, where tiny-skia's own encoder would copy them.

use resvg::tiny_skia::{Pixmap, PremultipliedColorU8, Transform};

use super::ExportError;
use super::picture::PictureSvg;
use super::png_layer::{Chunking, Drawn, draw_map, parse};

/// WenQuanYi Micro Hei, the bundled CJK font.
static BUNDLED_CJK: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei.ttc");

/// Pixels per SVG unit for sharp pictures on slides and high-DPI screens.
const SCALE: f32 = 2.0;
/// Longest side of a PNG; huge maps are scaled down to fit.
pub const MAX_SIDE: u32 = 8_000;

/// Renders a picture to PNG bytes.
pub fn picture_png(picture: PictureSvg) -> Result<Vec<u8>, ExportError> {
    encode(draw(picture, Chunking::DEFAULT)?.0)
}

/// PNG bytes of drawn pixels.
fn encode(mut pixmap: Pixmap) -> Result<Vec<u8>, ExportError> {
    for pixel in pixmap.data_mut().chunks_exact_mut(4) {
        // PNG wants straight alpha, exactly as tiny-skia's own encoder writes it.
        if let [r, g, b, a] = pixel
            && let Some(premultiplied) = PremultipliedColorU8::from_rgba(*r, *g, *b, *a)
        {
            let c = premultiplied.demultiply();
            (*r, *g, *b, *a) = (c.red(), c.green(), c.blue(), c.alpha());
        }
    }
    let render_error = |err: png::EncodingError| ExportError::Render(err.to_string());
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, pixmap.width(), pixmap.height());
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(render_error)?;
        writer
            .write_image_data(pixmap.data())
            .map_err(render_error)?;
    }
    Ok(png)
}

/// The rendering options: the bundled font for every text.
fn options() -> resvg::usvg::Options<'static> {
    let mut options = resvg::usvg::Options::default();
    {
        let fonts = options.fontdb_mut();
        fonts.load_font_data(BUNDLED_CJK.to_vec());
        let family = "WenQuanYi Micro Hei";
        fonts.set_sans_serif_family(family);
    }
    options.font_family = "WenQuanYi Micro Hei".to_owned();
    options
}

/// The empty picture for a document of `size`, and the transform that draws the
/// document on it.
fn canvas(size: resvg::usvg::Size) -> Result<(Pixmap, Transform), ExportError> {
    let longest = size.width().max(size.height()).max(1.0);
    let scale = SCALE.min(MAX_SIDE as f32 / longest);
    let width = ((size.width() * scale).ceil() as u32).max(1);
    let height = ((size.height() * scale).ceil() as u32).max(1);
    let pixmap = Pixmap::new(width, height)
        .ok_or_else(|| ExportError::Render(format!("cannot make a {width}×{height} picture")))?;
    Ok((pixmap, Transform::from_scale(scale, scale)))
}

/// The picture, drawn part by part: heading, map, legend; and how the map was
/// drawn.
fn draw(picture: PictureSvg, chunking: Chunking) -> Result<(Pixmap, Drawn), ExportError> {
    let options = options();
    let front = parse(&picture.front_svg(), &options)?;
    let (mut pixmap, transform) = canvas(front.size())?;
    resvg::render(&front, transform, &mut pixmap.as_mut());
    drop(front);
    let drawn = draw_map(&picture, &options, transform, &mut pixmap, chunking)?;
    if drawn == Drawn::Unexpected {
        drop(pixmap);
        return Ok((render(&picture.into_svg(), &options)?, drawn));
    }
    let back = parse(&picture.back_svg(), &options)?;
    resvg::render(&back, transform, &mut pixmap.as_mut());
    Ok((pixmap, drawn))
}

/// The whole document drawn at once; the rendering tree is gone when this returns.
fn render(svg: &str, options: &resvg::usvg::Options) -> Result<Pixmap, ExportError> {
    let tree = parse(svg, options)?;
    let (mut pixmap, transform) = canvas(tree.size())?;
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Ok(pixmap)
}

#[cfg(test)]
mod tests {
    use super::super::svg::view_picture;
    use super::super::{CanvasRect, PictureOptions};
    use super::*;
    use crate::lang::Language;
    use crate::model::Document;
    use crate::views::ViewKind;

    /// The PNG as it was made before: resvg draws the whole document and
    /// tiny-skia's encoder writes a copy.
    fn reference(picture: PictureSvg) -> Vec<u8> {
        render(&picture.into_svg(), &options())
            .expect("renders")
            .encode_png()
            .expect("encodes")
    }

    /// The picture drawn in chunks of `bytes` is the reference, byte for byte: in
    /// one pass when the box is measured from the items at the edges first, in two
    /// when it is not (unless the map draws nothing).
    fn same_as_reference(doc: &Document, options: &PictureOptions, kind: ViewKind, bytes: usize) {
        let expected = reference(view_picture(doc, options, kind));
        let blank = doc.stakeholders.is_empty() && kind == ViewKind::Map;
        for (edges_first, passes) in [(true, 1), (false, if blank { 1 } else { 2 })] {
            let chunking = Chunking { bytes, edges_first };
            let (pixmap, drawn) = draw(view_picture(doc, options, kind), chunking).expect("draws");
            assert_eq!(
                drawn,
                Drawn::Done(passes),
                "{kind:?} {options:?} {chunking:?}"
            );
            assert!(
                encode(pixmap).expect("encodes") == expected,
                "{kind:?} {options:?} {chunking:?}: the PNG differs from resvg's"
            );
        }
    }

    fn sample(index: usize) -> Document {
        crate::samples::SAMPLES
            .get(index)
            .expect("a sample")
            .document()
            .expect("loads")
    }

    fn whole(language: Language) -> PictureOptions {
        PictureOptions {
            language,
            view: None,
        }
    }

    #[test]
    fn every_sample_and_view_is_drawn_as_resvg_draws_the_whole_document() {
        for (index, kind) in [
            (0, ViewKind::Map),
            (1, ViewKind::Map),
            (2, ViewKind::OrgChart),
            (0, ViewKind::Fishbone),
            (1, ViewKind::Grid),
        ] {
            let language = if index == 1 {
                Language::English
            } else {
                Language::Chinese
            };
            same_as_reference(&sample(index), &whole(language), kind, 2_000);
        }
    }

    #[test]
    fn a_view_that_cuts_through_people_and_lines_is_clipped_as_before() {
        let doc = sample(0);
        for view in [
            CanvasRect {
                x: 100.0,
                y: 80.0,
                width: 500.0,
                height: 300.0,
            },
            // Far from everybody: nothing of the map is in it.
            CanvasRect {
                x: 90_000.0,
                y: -40_000.0,
                width: 300.0,
                height: 200.0,
            },
        ] {
            let options = PictureOptions {
                language: Language::English,
                view: Some(view),
            };
            same_as_reference(&doc, &options, ViewKind::Map, 1_500);
        }
    }

    #[test]
    fn a_generated_map_in_many_chunks_and_small_maps_are_drawn_as_before() {
        let generated = crate::samples::synthetic_map(300, 3);
        same_as_reference(&generated, &whole(Language::English), ViewKind::Map, 16_000);
        let empty = Document::default();
        same_as_reference(&empty, &whole(Language::Chinese), ViewKind::Map, 1_000);
        // One person, no lines: the lines' empty group still counts in the box.
        let mut one = sample(0);
        one.stakeholders.truncate(1);
        one.relationships.clear();
        same_as_reference(&one, &whole(Language::English), ViewKind::Map, 1_000);
    }
}
