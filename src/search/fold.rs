//! Folding text for comparison: case, full-width forms, spacing and invisible
//! characters do not matter when looking for a person.

/// `text` as search compares it: lower case, full-width ASCII as ASCII, every run
/// of white space as one space (none at either end), control and bidi formatting
/// characters dropped.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars().map(narrow) {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// A query as pinyin: the folded query without spaces, apostrophes, hyphens and
/// tone numbers, with tone marks taken off and `ü` written `v`, as pinyin input
/// methods take it. `None` unless what is left is ASCII letters.
pub fn pinyin_query(folded: &str) -> Option<String> {
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        match c {
            ' ' | '\'' | '’' | '-' | '1'..='5' => {}
            'a'..='z' => out.push(c),
            _ => out.push(toneless(c)?),
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The letter under a pinyin tone mark (`ü` as `v`), or `None` for any other character.
fn toneless(c: char) -> Option<char> {
    Some(match c {
        'ā' | 'á' | 'ǎ' | 'à' => 'a',
        'ē' | 'é' | 'ě' | 'è' | 'ê' => 'e',
        'ī' | 'í' | 'ǐ' | 'ì' => 'i',
        'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
        'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
        'ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'v',
        'ń' | 'ň' | 'ǹ' => 'n',
        'ḿ' => 'm',
        _ => return None,
    })
}

/// Full-width ASCII forms and the ideographic space as their ASCII counterparts.
fn narrow(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Characters that show nothing: controls, zero-width and bidi formatting.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_width_spacing_and_invisible_characters() {
        assert_eq!(
            fold("  Ｚｈｏｕ\u{3000}\u{200F}ZHEN\t\n hua "),
            "zhou zhen hua"
        );
        assert_eq!(fold("周振华"), "周振华");
        assert_eq!(fold("ÉMILE"), "émile");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn pinyin_queries_drop_tones_spaces_and_marks() {
        assert_eq!(
            pinyin_query("zhōu zhèn huá").as_deref(),
            Some("zhouzhenhua")
        );
        assert_eq!(
            pinyin_query("zhou1 zhen4 hua2").as_deref(),
            Some("zhouzhenhua")
        );
        assert_eq!(pinyin_query("lǚ").as_deref(), Some("lv"));
        assert_eq!(pinyin_query("xi'an").as_deref(), Some("xian"));
        assert_eq!(pinyin_query("周"), None);
        assert_eq!(pinyin_query("a@b"), None);
        assert_eq!(pinyin_query(" 1 "), None);
    }
}
