//! Every character the UI shows is drawn by a font that has it — with a system CJK
//! font installed (Noto Sans CJK, the default on most Linux desktops) and without.
//! egui draws each character with the first font in the family's chain that has a
//! glyph for it; this test finds that font for every character of the catalogue,
//! the names the UI shows and the string literals in `src/ui`, and checks that its
//! glyph has an outline (not the empty box of a missing glyph).
//!
//! The system font is the one the app would pick (`fontdb`), or the file named by
//! `POWERMAP_TEST_CJK_FONT` (for example
//! `/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc`).

use std::collections::BTreeSet;
use std::path::Path;

use egui::epaint::text::{FontData, FontDefinitions};
use egui::{FontFamily, FontId};
use powermap::lang::Language;
use powermap::model::{Coverage, Power, RelationshipKind, Role, Stage, Stance, Strength};
use powermap::ui::fonts::{BUNDLED_FONT_NAME, SYSTEM_FONT_NAME, install_fonts, system_cjk_font};
use powermap::ui::i18n::{T, Tr};

/// egui's own fonts, first in every chain.
const EGUI_FONTS: &[&str] = &[
    "Ubuntu-Light",
    "NotoEmoji-Regular",
    "emoji-icon-font",
    "Hack",
];

/// Symbols egui itself draws in widgets the app uses (the submenu arrow).
const EGUI_WIDGET_SYMBOLS: &str = egui::containers::menu::SubMenuButton::RIGHT_ARROW;

/// Every text the UI can show that does not come from the user.
fn ui_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for language in Language::ALL {
        let tr = Tr(language);
        texts.extend(T::ALL.iter().map(|key| tr.t(*key).to_owned()));
        texts.extend(Role::ALL.iter().map(|r| tr.role(*r).to_owned()));
        texts.extend(Stance::ALL.iter().map(|s| tr.stance(*s).to_owned()));
        texts.extend(Coverage::ALL.iter().map(|c| tr.coverage(*c).to_owned()));
        texts.extend(Stage::ALL.iter().map(|s| tr.stage(*s).to_owned()));
        texts.extend(RelationshipKind::ALL.iter().map(|k| tr.kind(*k).to_owned()));
        texts.extend((1..=5).map(|level| tr.power(level)));
        texts.extend(
            (1..=3)
                .filter_map(Strength::new)
                .map(|s| tr.strength(s).to_owned()),
        );
        for role in Role::ALL {
            texts.push(powermap::theme::role_mark(*role, tr.chinese()).to_owned());
        }
    }
    let _ = Power::MAX;
    texts.push(EGUI_WIDGET_SYMBOLS.to_owned());
    texts.extend(source_literals(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"),
    ));
    texts
}

/// The string and character literals of every `.rs` file under `dir` (comments and
/// code left out).
fn source_literals(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.extend(literals_in(&std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    assert!(out.len() > 100, "found the UI's sources");
    out
}

/// A small Rust lexer: enough to tell literals from comments and lifetimes.
fn literals_in(source: &str) -> Vec<String> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        match c {
            '/' if next == Some('/') => {
                while chars.get(i).is_some_and(|c| *c != '\n') {
                    i += 1;
                }
            }
            '/' if next == Some('*') => {
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
            }
            '"' => {
                let mut text = String::new();
                i += 1;
                while let Some(&c) = chars.get(i) {
                    match c {
                        '\\' => i += 1,
                        '"' => break,
                        c => text.push(c),
                    }
                    i += 1;
                }
                out.push(text);
                i += 1;
            }
            // 'x' is a character; 'a without a closing quote is a lifetime.
            '\'' if chars.get(i + 2) == Some(&'\'') && next != Some('\\') => {
                out.extend(next.map(String::from));
                i += 3;
            }
            _ => i += 1,
        }
    }
    out
}

/// The characters to check: everything visible.
fn ui_characters() -> BTreeSet<char> {
    ui_texts()
        .iter()
        .flat_map(|t| t.chars())
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect()
}

/// Runs a frame so that font changes take effect; nothing is drawn.
fn run_one_frame(ctx: &egui::Context) {
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
}

/// The font definitions egui uses after the app installed its fonts.
fn definitions(system: Option<(FontData, String)>) -> FontDefinitions {
    let ctx = egui::Context::default();
    install_fonts(&ctx, system);
    run_one_frame(&ctx);
    ctx.fonts(|f| f.definitions().clone())
}

/// For each character, the font egui draws it with, or a failure message.
fn check_chain(
    defs: &FontDefinitions,
    family: &FontFamily,
    chars: &BTreeSet<char>,
) -> Vec<(char, String)> {
    let chain = defs.families.get(family).expect("the family exists");
    let faces: Vec<(String, ttf_parser::Face<'_>)> = chain
        .iter()
        .map(|name| {
            let data = defs.font_data.get(name).expect("every font has data");
            let face = ttf_parser::Face::parse(&data.font, data.index).expect("a font egui loads");
            (name.clone(), face)
        })
        .collect();
    let mut problems = Vec::new();
    let mut resolved = Vec::new();
    for &c in chars {
        let found = faces
            .iter()
            .find_map(|(name, face)| face.glyph_index(c).map(|glyph| (name, face, glyph)));
        match found {
            None => problems.push(format!("{c:?} (U+{:04X}): no font has it", u32::from(c))),
            Some((name, face, glyph)) => {
                if face.glyph_bounding_box(glyph).is_none() {
                    problems.push(format!(
                        "{c:?} (U+{:04X}): {name} maps it to an empty glyph",
                        u32::from(c)
                    ));
                }
                resolved.push((c, name.clone()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{family:?} chain {chain:?}:\n{}",
        problems.join("\n")
    );
    resolved
}

/// The font that draws `c`, if it was checked.
fn resolved_font(resolved: &[(char, String)], c: char) -> Option<&str> {
    resolved
        .iter()
        .find(|(found, _)| *found == c)
        .map(|(_, font)| font.as_str())
}

/// Checks one set of fonts in both families and returns who draws what (proportional).
fn check_fonts(system: Option<(FontData, String)>) -> Vec<(char, String)> {
    let with_system = system.is_some();
    let defs = definitions(system);
    let mut chars = ui_characters();
    chars.extend(['◻', '?']);
    let resolved = check_chain(&defs, &FontFamily::Proportional, &chars);
    check_chain(&defs, &FontFamily::Monospace, &chars);
    // egui agrees that it has every one of them.
    let ctx = egui::Context::default();
    ctx.set_fonts(defs.clone());
    run_one_frame(&ctx);
    // (`has_glyph` cannot tell for characters of the face that also holds egui's
    // replacement character '◻': it answers "no" for all of them.)
    let replacement_face = resolved_font(&resolved, '◻').or_else(|| resolved_font(&resolved, '?'));
    let missing: Vec<char> = resolved
        .iter()
        .filter(|(_, font)| Some(font.as_str()) != replacement_face)
        .map(|(c, _)| *c)
        .filter(|c| !ctx.fonts_mut(|f| f.has_glyph(&FontId::proportional(14.0), *c)))
        .collect();
    assert!(missing.is_empty(), "egui finds no glyph for {missing:?}");

    for (c, font) in &resolved {
        let from_egui = EGUI_FONTS.contains(&font.as_str());
        let from_cjk = font == SYSTEM_FONT_NAME || font == BUNDLED_FONT_NAME;
        assert!(from_egui || from_cjk, "{c:?} from an unknown font {font}");
    }
    // Chinese comes from the system font when there is one, else the bundled one.
    // So does Chinese punctuation: egui's icon font has narrow （ ） ？ of its own,
    // which look wrong in Chinese text.
    let expected = if with_system {
        SYSTEM_FONT_NAME
    } else {
        BUNDLED_FONT_NAME
    };
    for c in ['决', '（', '）', '？', '，', '：', '；', '、', '。'] {
        assert_eq!(resolved_font(&resolved, c), Some(expected), "{c}");
    }
    resolved
}

#[test]
fn the_ui_icons_come_from_egui_fonts_ahead_of_any_cjk_font() {
    let resolved = check_fonts(None);
    for icon in ['⟲', '⟳', '🗙', '📅', '↔', '‹', '›', '⏵'] {
        let font = resolved_font(&resolved, icon);
        assert!(
            font.is_some_and(|f| EGUI_FONTS.contains(&f)),
            "{icon} is drawn by {font:?}, not by egui's own fonts"
        );
    }
    // The glyphs that used to show as boxes are not used any more.
    let chars = ui_characters();
    for gone in ['↶', '↷', '✕'] {
        assert!(!chars.contains(&gone), "{gone} is back in the UI");
    }
}

#[test]
fn every_ui_character_has_a_glyph_without_a_system_cjk_font() {
    check_fonts(None);
}

#[test]
fn every_ui_character_has_a_glyph_with_the_system_cjk_font() {
    let system = match std::env::var_os("POWERMAP_TEST_CJK_FONT") {
        Some(path) => {
            let mut db = fontdb::Database::new();
            db.load_font_file(&path)
                .expect("POWERMAP_TEST_CJK_FONT is a font file");
            let id = ["Noto Sans CJK SC", "Source Han Sans SC"]
                .iter()
                .find_map(|family| {
                    db.query(&fontdb::Query {
                        families: &[fontdb::Family::Name(family)],
                        ..fontdb::Query::default()
                    })
                })
                .or_else(|| db.faces().next().map(|f| f.id))
                .expect("a face in the file");
            let (bytes, index) = db
                .with_face_data(id, |data, index| (data.to_vec(), index))
                .unwrap();
            let mut data = FontData::from_owned(bytes);
            data.index = index;
            Some((data, "from POWERMAP_TEST_CJK_FONT".to_owned()))
        }
        None => system_cjk_font(),
    };
    match system {
        Some((data, family)) => {
            eprintln!("checking with the system CJK font {family}");
            check_fonts(Some((data, family)));
        }
        None => eprintln!(
            "no system CJK font installed (install fonts-noto-cjk or set \
             POWERMAP_TEST_CJK_FONT to check with one); the bundled font was checked"
        ),
    }
}

#[test]
fn the_literal_scanner_skips_comments_and_lifetimes() {
    let found = literals_in(
        "// \"not this\"\nfn f<'a>(x: &'a str) { let c = '，'; g(\"ok ↔\"); /* \"no\" */ }",
    );
    assert_eq!(found, ["，", "ok ↔"]);
}
