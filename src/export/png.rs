//! The map as PNG: the SVG picture rendered with resvg on the CPU, so it works
//! headless, with the bundled CJK font so Chinese names render on any machine and the
//! output is the same everywhere.
//!
//! Memory: the rendering tree (every glyph of every name as an outline) is dropped
//! as soon as the picture is drawn, and the pixels are turned to straight alpha in
//! place and encoded from there, where tiny-skia's own encoder would copy them.

use resvg::tiny_skia::{Pixmap, PremultipliedColorU8, Transform};

use super::ExportError;

/// WenQuanYi Micro Hei, the bundled CJK font.
static BUNDLED_CJK: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei.ttc");

/// Pixels per SVG unit for sharp pictures on slides and high-DPI screens.
const SCALE: f32 = 2.0;
/// Longest side of a PNG; huge maps are scaled down to fit.
pub const MAX_SIDE: u32 = 8_000;

/// Renders an SVG document to PNG bytes.
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, ExportError> {
    let mut pixmap = render(svg)?;
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

/// The picture, drawn; the rendering tree is gone when this returns.
fn render(svg: &str) -> Result<Pixmap, ExportError> {
    let mut options = resvg::usvg::Options::default();
    {
        let fonts = options.fontdb_mut();
        fonts.load_font_data(BUNDLED_CJK.to_vec());
        let family = "WenQuanYi Micro Hei";
        fonts.set_sans_serif_family(family);
    }
    options.font_family = "WenQuanYi Micro Hei".to_owned();
    let tree = resvg::usvg::Tree::from_str(svg, &options)
        .map_err(|err| ExportError::Render(err.to_string()))?;
    let size = tree.size();
    let longest = size.width().max(size.height()).max(1.0);
    let scale = SCALE.min(MAX_SIDE as f32 / longest);
    let width = ((size.width() * scale).ceil() as u32).max(1);
    let height = ((size.height() * scale).ceil() as u32).max(1);
    let mut pixmap = Pixmap::new(width, height)
        .ok_or_else(|| ExportError::Render(format!("cannot make a {width}×{height} picture")))?;
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

#[cfg(test)]
mod tests {
    use super::super::{CanvasRect, PictureOptions, map_svg};
    use super::*;
    use crate::lang::Language;

    #[test]
    fn the_png_is_what_tiny_skia_encodes_of_the_picture() {
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
            // As the PNG was made before: tiny-skia's encoder on a copy.
            let before = render(&svg)
                .expect("renders")
                .encode_png()
                .expect("encodes");
            assert_eq!(svg_to_png(&svg).expect("renders"), before);
        }
    }
}
