//! Chinese text everywhere: egui's own fonts have no CJK glyphs, so CJK fonts are
//! added as fallbacks — the system's when one is installed, and WenQuanYi Micro Hei
//! (Apache-2.0), which ships with Powermap, always, last.
//!
//! Order matters: egui draws each character with the first font in the chain that
//! has it. The chain is: egui's text and emoji fonts (Latin text, ↔, 📅), the CJK
//! font (Chinese text and its full-width punctuation — egui's icon font has its own
//! narrow （ ） ？, which looked wrong in Chinese), egui's icon font (⟲ ⟳ 🗙 ⏵, which
//! CJK fonts do not have), and last the bundled font, which catches what a system
//! font lacks (Noto Sans CJK has no ↶ ↷ ✕; they used to show as empty boxes).

use std::sync::Arc;

use egui::FontFamily;
use egui::epaint::text::{FontData, FontDefinitions};

/// WenQuanYi Micro Hei, bundled for machines without a CJK font.
static BUNDLED_CJK: &[u8] = include_bytes!("../../assets/fonts/wqy-microhei.ttc");

/// The name of the system CJK font in egui's font definitions.
pub const SYSTEM_FONT_NAME: &str = "cjk-system";
/// The name of the bundled CJK font in egui's font definitions.
pub const BUNDLED_FONT_NAME: &str = "cjk-bundled";

/// egui's icon font: the CJK font goes before it.
const ICON_FONT: &str = "emoji-icon-font";

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

/// Sets egui's fonts with `system` (a font and its family name), if any, and the
/// bundled font in the places described in the module documentation.
pub fn install_fonts(ctx: &egui::Context, system: Option<(FontData, String)>) -> CjkFont {
    let mut fonts = FontDefinitions::default();
    let (source, cjk) = match system {
        Some((data, family)) => {
            fonts
                .font_data
                .insert(SYSTEM_FONT_NAME.to_owned(), Arc::new(data));
            (CjkFont::System(family), SYSTEM_FONT_NAME)
        }
        None => (CjkFont::Bundled, BUNDLED_FONT_NAME),
    };
    fonts.font_data.insert(
        BUNDLED_FONT_NAME.to_owned(),
        Arc::new(FontData::from_static(BUNDLED_CJK)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let chain = fonts.families.entry(family).or_default();
        let at = chain
            .iter()
            .position(|name| name == ICON_FONT)
            .unwrap_or(chain.len());
        chain.insert(at, cjk.to_owned());
        if cjk != BUNDLED_FONT_NAME {
            chain.push(BUNDLED_FONT_NAME.to_owned());
        }
    }
    ctx.set_fonts(fonts);
    source
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
