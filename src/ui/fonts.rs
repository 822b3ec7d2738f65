//! Chinese text everywhere: egui's own fonts have no CJK glyphs, so CJK fonts are
//! added as fallbacks — the system's when one is installed, and WenQuanYi Micro Hei
//! (Apache-2.0), which ships with Powermap, always, last.
//!
//! Order matters: egui draws each character with the first font in the chain that
//! has it. egui's fonts come first, so every symbol they have (the UI's icons) looks
//! the same whatever CJK font a machine has; the CJK font comes next for Chinese; the
//! bundled font last catches what the system font lacks (Noto Sans CJK has no ↶ ↷ ✕,
//! which used to show as empty boxes).

use egui::FontFamily;
use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};

/// WenQuanYi Micro Hei, bundled for machines without a CJK font.
static BUNDLED_CJK: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei.ttc");

/// The name of the system CJK font in egui's font definitions.
pub const SYSTEM_FONT_NAME: &str = "cjk-system";
/// The name of the bundled CJK font in egui's font definitions.
pub const BUNDLED_FONT_NAME: &str = "cjk-bundled";

/// System CJK families to look for, best first.
const SYSTEM_FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "Noto Sans SC",
    "SimHei",
];

/// Which CJK font the UI uses for Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CjkFont {
    /// A font installed on the system, by family name.
    System(String),
    /// The font that ships with Powermap.
    Bundled,
}

/// Adds the CJK fallback fonts to every text style and returns which one draws
/// Chinese.
pub fn install_cjk_font(ctx: &egui::Context, look_for_system_font: bool) -> CjkFont {
    let system = look_for_system_font.then(system_cjk_font).flatten();
    install_fonts(ctx, system)
}

/// Adds `system` (a font and its family name), if any, then the bundled font, after
/// egui's own fonts in every family.
pub fn install_fonts(ctx: &egui::Context, system: Option<(FontData, String)>) -> CjkFont {
    let source = match system {
        Some((data, family)) => {
            ctx.add_font(FontInsert::new(SYSTEM_FONT_NAME, data, lowest_everywhere()));
            CjkFont::System(family)
        }
        None => CjkFont::Bundled,
    };
    ctx.add_font(FontInsert::new(
        BUNDLED_FONT_NAME,
        FontData::from_static(BUNDLED_CJK),
        lowest_everywhere(),
    ));
    source
}

/// Last place in the proportional and the monospace family.
fn lowest_everywhere() -> Vec<InsertFontFamily> {
    [FontFamily::Proportional, FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect()
}

/// The first installed CJK font of [`SYSTEM_FAMILIES`], with its family name.
pub fn system_cjk_font() -> Option<(FontData, String)> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    SYSTEM_FAMILIES.iter().find_map(|family| {
        let query = fontdb::Query {
            families: &[fontdb::Family::Name(family)],
            ..fontdb::Query::default()
        };
        let id = db.query(&query)?;
        let (bytes, index) = db.with_face_data(id, |data, index| (data.to_vec(), index))?;
        let mut data = FontData::from_owned(bytes);
        data.index = index;
        Some((data, (*family).to_owned()))
    })
}
