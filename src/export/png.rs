//! The map as PNG: the SVG picture rendered with resvg on the CPU, so it works
//! headless, with the bundled CJK font so Chinese names render on any machine and the
//! output is the same everywhere.
//!
//! The picture is rendered in bands of rows, each encoded as soon as it is drawn, so
//! memory holds one band, never the whole picture (an 8,000 × 8,000 picture is
//! 256 MB of pixels, and resvg needs as much again for the clipped map layer).

use std::io::Write;

use resvg::tiny_skia::{PixmapMut, Transform};

use super::ExportError;

/// WenQuanYi Micro Hei, the bundled CJK font.
static BUNDLED_CJK: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei.ttc");

/// Pixels per SVG unit for sharp pictures on slides and high-DPI screens.
const SCALE: f32 = 2.0;
/// Longest side of a PNG; huge maps are scaled down to fit.
pub const MAX_SIDE: u32 = 8_000;
/// Pixels in one band: 4 MB of pixels.
const BAND_PIXELS: u32 = 1 << 20;
/// Fewest rows in a band. Much thinner bands come out different from the whole
/// picture in a few anti-aliased pixels; from 200 rows on, on the samples, not in
/// one (the test below).
const MIN_BAND_ROWS: u32 = 256;
/// Rows drawn above and below each band and thrown away.
const MARGIN: u32 = 16;

/// Renders an SVG document to PNG bytes.
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, ExportError> {
    render_in_bands(svg, None)
}

/// Renders in bands of `band_rows` rows (by default as many as fit in
/// [`BAND_PIXELS`]).
fn render_in_bands(svg: &str, band_rows: Option<u32>) -> Result<Vec<u8>, ExportError> {
    let render_error = |err: &dyn std::fmt::Display| ExportError::Render(err.to_string());
    let tree = parse(svg)?;
    let (width, height, scale) = picture_size(&tree);
    let rows = band_rows
        .unwrap_or(BAND_PIXELS / width)
        .max(MIN_BAND_ROWS)
        .min(height);
    // Each band is drawn with a margin above and below that is not kept: where a
    // shape is cut at the edge of what is drawn, its anti-aliased edge comes out
    // differently, so the cut must fall outside the rows kept. The picture's own
    // top and bottom are cut as in the whole picture.
    let margin = MARGIN.min(height);
    let most_rows = rows + 2 * margin;
    let band_bytes = |rows: u32| width as usize * rows as usize * 4;
    let mut canvas = vec![0_u8; band_bytes(most_rows)];
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|e| render_error(&e))?;
        let mut stream = writer.stream_writer().map_err(|e| render_error(&e))?;
        let mut bytes = Vec::with_capacity(band_bytes(rows));
        let mut top = 0;
        while top < height {
            let rows_here = rows.min(height - top);
            let from = top.saturating_sub(margin);
            let to = (top + rows_here + margin).min(height);
            let drawn = canvas.get_mut(..band_bytes(to - from)).unwrap_or_default();
            drawn.fill(0);
            let mut band = PixmapMut::from_bytes(drawn, width, to - from).ok_or_else(|| {
                ExportError::Render(format!("cannot make a {width}×{} picture", to - from))
            })?;
            // Shifted by whole pixels, the band is drawn exactly as that part of
            // the whole picture would be.
            let transform =
                Transform::from_scale(scale, scale).post_translate(0.0, -(from as f32));
            resvg::render(&tree, transform, &mut band);
            bytes.clear();
            let skip = ((top - from) * width) as usize;
            let count = (rows_here * width) as usize;
            let pixels = band.pixels_mut();
            for pixel in pixels.get(skip..skip + count).unwrap_or_default() {
                // PNG wants straight alpha, as tiny-skia's own encoder writes it.
                let c = pixel.demultiply();
                bytes.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
            }
            stream.write_all(&bytes).map_err(|e| render_error(&e))?;
            top += rows_here;
        }
        stream.finish().map_err(|e| render_error(&e))?;
    }
    Ok(png)
}

fn parse(svg: &str) -> Result<resvg::usvg::Tree, ExportError> {
    let mut options = resvg::usvg::Options::default();
    {
        let fonts = options.fontdb_mut();
        fonts.load_font_data(BUNDLED_CJK.to_vec());
        let family = "WenQuanYi Micro Hei";
        fonts.set_sans_serif_family(family);
    }
    options.font_family = "WenQuanYi Micro Hei".to_owned();
    resvg::usvg::Tree::from_str(svg, &options).map_err(|err| ExportError::Render(err.to_string()))
}

/// The picture's width and height in pixels, and pixels per SVG unit.
fn picture_size(tree: &resvg::usvg::Tree) -> (u32, u32, f32) {
    let size = tree.size();
    let longest = size.width().max(size.height()).max(1.0);
    let scale = SCALE.min(MAX_SIDE as f32 / longest);
    let width = ((size.width() * scale).ceil() as u32).max(1);
    let height = ((size.height() * scale).ceil() as u32).max(1);
    (width, height, scale)
}

#[cfg(test)]
mod tests {
    use resvg::tiny_skia::Pixmap;

    use super::super::{CanvasRect, PictureOptions, map_svg};
    use super::*;
    use crate::lang::Language;

    /// The picture rendered whole, as it was before it was rendered in bands.
    fn whole_picture(svg: &str) -> Pixmap {
        let tree = parse(svg).expect("parses");
        let (width, height, scale) = picture_size(&tree);
        let mut pixmap = Pixmap::new(width, height).expect("fits");
        resvg::render(&tree, Transform::from_scale(scale, scale), &mut pixmap.as_mut());
        pixmap
    }

    fn decoded(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let decoder = png::Decoder::new(png_bytes);
        let mut reader = decoder.read_info().expect("a PNG");
        let mut pixels = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut pixels).expect("one frame");
        pixels.truncate(info.buffer_size());
        (info.width, info.height, pixels)
    }

    #[test]
    fn bands_give_the_pixels_of_the_whole_picture() {
        let doc = crate::samples::SAMPLES
            .first()
            .expect("a sample")
            .document()
            .expect("loads");
        let whole_map = PictureOptions {
            language: Language::Chinese,
            view: None,
        };
        // A view that cuts through people and lines: the map is clipped.
        let view = PictureOptions {
            language: Language::English,
            view: Some(CanvasRect {
                x: 100.0,
                y: 80.0,
                width: 500.0,
                height: 300.0,
            }),
        };
        for options in [whole_map, view] {
            let svg = map_svg(&doc, &options);
            let whole = whole_picture(&svg);
            let expected = decoded(&whole.encode_png().expect("encodes"));
            // Bands of many sizes, including ones that cut through names and lines.
            for rows in [None, Some(MIN_BAND_ROWS), Some(300)] {
                let banded = decoded(&render_in_bands(&svg, rows).expect("renders"));
                assert_eq!((banded.0, banded.1), (expected.0, expected.1));
                let differing = banded
                    .2
                    .iter()
                    .zip(&expected.2)
                    .filter(|(a, b)| a != b)
                    .count();
                assert_eq!(differing, 0, "{rows:?}: {differing} bytes differ");
            }
        }
    }
}
