//! Writing user text into XML, SVG and HTML as text, never as markup.

use crate::safe_text;

/// `text` escaped for XML and HTML element content and attribute values. Control
/// characters other than tab and line breaks (which XML 1.0 mostly does not allow)
/// become U+FFFD, so the output always parses; bidi controls are balanced and the
/// text isolated, so it cannot reorder the text around it (see
/// [`crate::safe_text`]).
pub fn escape(text: &str) -> String {
    let text = safe_text::document(text, true);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_and_control_characters_are_neutralised() {
        assert_eq!(
            escape("<script>alert(\"x\")</script>"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
        );
        assert_eq!(escape("\" onload=\"x"), "&quot; onload=&quot;x");
        assert_eq!(
            escape("a\u{0}b\u{1b}c\u{9b}d"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d"
        );
        assert_eq!(
            escape("<\u{202E}x"),
            "\u{2068}&lt;\u{202E}x\u{202C}\u{2069}"
        );
        assert_eq!(escape("张伟 & Co"), "张伟 &amp; Co");
    }
}
