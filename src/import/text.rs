//! Small text helpers shared by the import: whitespace clean-up, script detection
//! and shortening for messages.

/// Trims and collapses every run of whitespace (spaces, tabs, line breaks, the
/// ideographic space) into one ASCII space.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trims a multi-line text and normalises line breaks to `\n`, keeping its lines.
pub fn clean_multiline(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    unified
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

/// Whether `c` is a CJK ideograph, a kana or a Hangul syllable: scripts whose
/// personal names are written family name first, without a space.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'      // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}'    // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}'    // CJK Unified Ideographs
        | '\u{AC00}'..='\u{D7AF}'    // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'    // CJK Compatibility Ideographs
        | '\u{20000}'..='\u{3134F}') // CJK Extensions B–G
}

/// Whether every character of a non-empty `text` is CJK (see [`is_cjk`]).
pub fn is_all_cjk(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_cjk)
}

/// At most `max_chars` characters of `text`, with "…" when cut.
pub fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
        None => text.to_owned(),
    }
}

/// The spreadsheet letters of a 0-based column: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(column: usize) -> String {
    let mut letters = Vec::new();
    let mut rest = column + 1;
    while rest > 0 {
        let digit = (rest - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(digit).unwrap_or(0)));
        rest = (rest - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_collapsed_and_lines_are_kept_in_multiline_text() {
        assert_eq!(collapse_whitespace("  Ann \t\n  Lee\u{3000}"), "Ann Lee");
        assert_eq!(clean_multiline(" a  \r\n b\r\rc \n"), "a\n b\n\nc");
    }

    #[test]
    fn cjk_detection_and_columns() {
        assert!(is_all_cjk("王芳"));
        assert!(!is_all_cjk("Wang"));
        assert!(!is_all_cjk(""));
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16_383), "XFD");
        assert_eq!(shorten("abcdef", 3), "abc…");
        assert_eq!(shorten("王芳", 3), "王芳");
    }
}
