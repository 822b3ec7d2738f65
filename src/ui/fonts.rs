//! Chinese text everywhere: egui's own fonts have no CJK glyphs, so a CJK font is
//! added as a fallback — the system's when one is installed, otherwise WenQuanYi Micro
//! Hei (Apache-2.0), which ships with Powermap.

use egui::FontFamily;
use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};

/// WenQuanYi Micro Hei, bundled for machines without a CJK font.
static BUNDLED_CJK: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei.ttc");

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

/// Which CJK font the UI uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CjkFont {
    /// A font installed on the system, by family name.
    System(String),
    /// The font that ships with Powermap.
    Bundled,
}

/// Adds a CJK fallback font to every text style and returns which one.
pub fn install_cjk_font(ctx: &egui::Context, look_for_system_font: bool) -> CjkFont {
    let (data, source) = look_for_system_font
        .then(system_cjk_font)
        .flatten()
        .unwrap_or_else(|| (FontData::from_static(BUNDLED_CJK), CjkFont::Bundled));
    let families = [FontFamily::Proportional, FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert::new("cjk", data, families));
    source
}

fn system_cjk_font() -> Option<(FontData, CjkFont)> {
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
        Some((data, CjkFont::System((*family).to_owned())))
    })
}
