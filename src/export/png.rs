//! The map as PNG: the SVG picture rendered with resvg on the CPU, so it works
//! headless, with the bundled CJK font so Chinese names render on any machine and the
//! output is the same everywhere.

use super::ExportError;

/// WenQuanYi Micro Hei, the bundled CJK font.
static BUNDLED_CJK: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei.ttc");

/// Pixels per SVG unit for sharp pictures on slides and high-DPI screens.
const SCALE: f32 = 2.0;
/// Longest side of a PNG; huge maps are scaled down to fit.
pub const MAX_SIDE: u32 = 8_000;

/// Renders an SVG document to PNG bytes.
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, ExportError> {
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
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| ExportError::Render(format!("cannot make a {width}×{height} picture")))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|err| ExportError::Render(err.to_string()))
}
