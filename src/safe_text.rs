//! User text made safe for the place it is written to.
//!
//! Names, titles and notes come from people and from files we do not control. Two
//! kinds of characters in them can do harm outside Powermap:
//!
//! - **Control characters** (C0 U+0000–U+001F, DEL, C1 U+0080–U+009F): on a
//!   terminal, ESC and CSI start escape sequences that set the window title, clear
//!   the screen or hide text; in files they break parsers or hide text.
//! - **Bidi controls** (U+202A–U+202E embeddings and overrides, U+2066–U+2069
//!   isolates): a right-to-left override in a name reverses the text that follows
//!   it, so a report line can be made to read differently from what it says.
//!
//! Every writer of user text passes each field through the function for its output:
//!
//! | Output | Control characters | Bidi controls |
//! |---|---|---|
//! | terminal ([`terminal`], [`terminal_text`]) | made visible as `\u{1b}`; in a field, tab and line breaks become spaces | balanced; isolated per field |
//! | Markdown, SVG, HTML ([`document`]) | replaced with U+FFFD; tab kept, line breaks kept where asked | balanced and isolated |
//! | CSV ([`csv_text`]) | replaced with U+FFFD; tab and line breaks kept (CR becomes LF) | balanced |
//! | JSON ([`json_invisible_escaped`]) | C0 escaped by JSON; DEL and C1 as `\u` escapes | as `\u` escapes |
//!
//! *Balanced* means: a closing control (PDF, PDI) without its opener in the same
//! field is dropped, and openers the field leaves open are closed at its end (and
//! at every line break, where a paragraph ends), so nothing inside a field reaches
//! the text around it. *Isolated* means: a field that still holds bidi controls is
//! wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, so the direction of
//! its text cannot reorder its neighbours either. Text without such characters is
//! returned unchanged (and without copying).

use std::borrow::Cow;

/// LEFT-TO-RIGHT EMBEDDING.
const LRE: char = '\u{202A}';
/// RIGHT-TO-LEFT OVERRIDE (the last of the embeddings and overrides).
const RLO: char = '\u{202E}';
/// POP DIRECTIONAL FORMATTING: closes an embedding or override.
const PDF: char = '\u{202C}';
/// LEFT-TO-RIGHT ISOLATE.
const LRI: char = '\u{2066}';
/// FIRST STRONG ISOLATE: what fields are wrapped in.
const FSI: char = '\u{2068}';
/// POP DIRECTIONAL ISOLATE: closes an isolate.
const PDI: char = '\u{2069}';

/// Shown instead of a control character in files.
const REPLACEMENT: char = '\u{FFFD}';

/// A control character: C0, DEL or C1 (Unicode category Cc).
pub fn is_control(c: char) -> bool {
    c.is_control()
}

/// A Unicode bidi embedding, override or isolate control, or their closers.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `text` holds anything this module changes.
fn needs_care(text: &str) -> bool {
    text.chars().any(|c| is_control(c) || is_bidi_control(c))
}

/// Ends a paragraph for the bidi algorithm: open embeddings end there.
fn is_paragraph_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2029}')
}

/// An embedding or override opener (LRE, RLE, LRO, RLO).
fn is_embedding(c: char) -> bool {
    matches!(c, LRE..=RLO) && c != PDF
}

/// An isolate opener (LRI, RLI, FSI).
fn is_isolate(c: char) -> bool {
    matches!(c, LRI..=FSI)
}

/// Closes every opener on `stack`, innermost first.
fn close_all(stack: &mut Vec<char>, out: &mut String) {
    while let Some(open) = stack.pop() {
        out.push(if is_isolate(open) { PDI } else { PDF });
    }
}

/// `text` with its bidi controls balanced: closers without an opener dropped,
/// openers closed at the end and at each line break. A PDI also closes the
/// embeddings opened inside its isolate, explicitly, as the bidi algorithm does.
pub fn balance_bidi(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_bidi_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut stack: Vec<char> = Vec::new();
    for c in text.chars() {
        match c {
            PDF => {
                if stack.last().is_some_and(|open| is_embedding(*open)) {
                    stack.pop();
                    out.push(PDF);
                }
            }
            PDI => {
                if stack.iter().any(|open| is_isolate(*open)) {
                    while let Some(open) = stack.pop() {
                        if is_isolate(open) {
                            out.push(PDI);
                            break;
                        }
                        out.push(PDF);
                    }
                }
            }
            c if is_embedding(c) || is_isolate(c) => {
                stack.push(c);
                out.push(c);
            }
            c if is_paragraph_break(c) => {
                close_all(&mut stack, &mut out);
                out.push(c);
            }
            c => out.push(c),
        }
    }
    close_all(&mut stack, &mut out);
    Cow::Owned(out)
}

/// `text` balanced (see [`balance_bidi`]) and, line by line, each line that still
/// holds bidi controls wrapped in FSI … PDI.
pub fn isolate_bidi(text: &str) -> Cow<'_, str> {
    let balanced = balance_bidi(text);
    if !balanced.chars().any(is_bidi_control) {
        return balanced;
    }
    let mut out = String::with_capacity(balanced.len() + 8);
    let mut line = String::new();
    let flush = |line: &mut String, out: &mut String| {
        if line.chars().any(is_bidi_control) {
            out.push(FSI);
            out.push_str(line);
            out.push(PDI);
        } else {
            out.push_str(line);
        }
        line.clear();
    };
    for c in balanced.chars() {
        if is_paragraph_break(c) {
            flush(&mut line, &mut out);
            out.push(c);
        } else {
            line.push(c);
        }
    }
    flush(&mut line, &mut out);
    Cow::Owned(out)
}

/// A control character as the terminal should show it: `\u{1b}`.
fn visible(c: char, out: &mut String) {
    out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
}

/// One field of user text for a terminal line: tab and line breaks become spaces,
/// other control characters are made visible (`\u{1b}`), bidi controls are balanced
/// and the field isolated.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !needs_care(text) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => shown.push(' '),
            c if is_control(c) => visible(c, &mut shown),
            c => shown.push(c),
        }
    }
    Cow::Owned(isolate_bidi(&shown).into_owned())
}

/// Whole lines for a terminal (messages that may quote user text): line breaks and
/// tabs are kept, other control characters made visible, bidi controls balanced
/// per line. Use [`terminal`] for the fields inside when you build the lines.
pub fn terminal_text(text: &str) -> Cow<'_, str> {
    if !needs_care(text) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' | '\n' => shown.push(c),
            c if is_control(c) => visible(c, &mut shown),
            c => shown.push(c),
        }
    }
    Cow::Owned(balance_bidi(&shown).into_owned())
}

/// One field of user text for a document (Markdown, SVG, HTML): control characters
/// other than tab (and line breaks when `line_breaks` is set; a CR then becomes a
/// LF) are replaced with U+FFFD; bidi controls are balanced and the field isolated.
pub fn document(text: &str, line_breaks: bool) -> Cow<'_, str> {
    if !needs_care(text) {
        return Cow::Borrowed(text);
    }
    let mut clean = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' => clean.push(c),
            '\n' if line_breaks => clean.push(c),
            '\r' if line_breaks => {
                if chars.peek() != Some(&'\n') {
                    clean.push('\n');
                }
            }
            c if is_control(c) => clean.push(REPLACEMENT),
            c => clean.push(c),
        }
    }
    Cow::Owned(isolate_bidi(&clean).into_owned())
}

/// One cell of a CSV file: control characters other than tab and line breaks are
/// replaced with U+FFFD, CR and CRLF become LF, bidi controls are balanced. Cells
/// are not wrapped in isolates, so balanced text reads back exactly.
pub fn csv_text(text: &str) -> Cow<'_, str> {
    if !needs_care(text) {
        return Cow::Borrowed(text);
    }
    let mut clean = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' => clean.push(c),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    clean.push('\n');
                }
            }
            c if is_control(c) => clean.push(REPLACEMENT),
            c => clean.push(c),
        }
    }
    Cow::Owned(balance_bidi(&clean).into_owned())
}

/// Whether `c` is written as a `\u` escape in JSON for people (DEL, C1 and bidi
/// controls; JSON itself escapes C0).
pub fn is_json_invisible(c: char) -> bool {
    (is_control(c) && c >= '\u{7F}') || is_bidi_control(c)
}

/// Serialised JSON with DEL, C1 and bidi controls written as `\u` escapes. JSON
/// already escapes C0; these characters can only occur inside strings, where the
/// escape means the same character, so a script reads the same data and a terminal
/// shows it harmlessly.
pub fn json_invisible_escaped(json: &str) -> Cow<'_, str> {
    let special = is_json_invisible;
    if !json.chars().any(special) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if special(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether every bidi control in `text` is matched, as [`balance_bidi`] makes it:
/// a closer always closes an opener of the same line, and nothing stays open at a
/// line break or at the end. For tests and checks.
pub fn bidi_is_balanced(text: &str) -> bool {
    let mut stack: Vec<char> = Vec::new();
    for c in text.chars() {
        match c {
            PDF => {
                if !stack.last().is_some_and(|open| is_embedding(*open)) {
                    return false;
                }
                stack.pop();
            }
            PDI => {
                if !stack.last().is_some_and(|open| is_isolate(*open)) {
                    return false;
                }
                stack.pop();
            }
            c if is_embedding(c) || is_isolate(c) => stack.push(c),
            c if is_paragraph_break(c) && !stack.is_empty() => return false,
            _ => {}
        }
    }
    stack.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const RLO_S: &str = "\u{202E}";

    #[test]
    fn plain_text_is_not_copied() {
        for text in ["张伟", "Ann Lee", ""] {
            assert!(matches!(isolate_bidi(text), Cow::Borrowed(_)));
            assert!(matches!(document(text, true), Cow::Borrowed(_)));
            assert!(matches!(csv_text(text), Cow::Borrowed(_)));
        }
        assert!(matches!(terminal("张伟"), Cow::Borrowed(_)));
    }

    #[test]
    fn terminal_fields_show_controls_and_cannot_run_escapes() {
        assert_eq!(terminal("\u{1b}]0;owned\u{7}x"), "\\u{1b}]0;owned\\u{7}x");
        assert_eq!(terminal("a\u{9b}2Jb"), "a\\u{9b}2Jb");
        assert_eq!(terminal("a\u{7f}b"), "a\\u{7f}b");
        assert_eq!(terminal("two\nlines\r\tx"), "two lines  x");
        assert_eq!(terminal_text("a\n\u{1b}[2J\tb"), "a\n\\u{1b}[2J\tb");
    }

    #[test]
    fn an_override_is_closed_and_the_field_isolated() {
        assert_eq!(
            isolate_bidi("abc\u{202E}def"),
            "\u{2068}abc\u{202E}def\u{202C}\u{2069}"
        );
        assert_eq!(balance_bidi("abc\u{202E}def"), "abc\u{202E}def\u{202C}");
    }

    #[test]
    fn unmatched_closers_cannot_close_what_we_opened() {
        // A PDI inside the field would close our isolate early; it is dropped.
        assert_eq!(
            isolate_bidi("x\u{2069}\u{202E}y"),
            "\u{2068}x\u{202E}y\u{202C}\u{2069}"
        );
        assert_eq!(balance_bidi("\u{202C}\u{2069}plain"), "plain");
        // A PDF cannot close an embedding opened outside the current isolate.
        assert_eq!(
            balance_bidi("\u{202B}a\u{2067}b\u{202C}c"),
            "\u{202B}a\u{2067}bc\u{2069}\u{202C}"
        );
        // A PDI closes the embeddings inside its isolate, explicitly.
        assert_eq!(
            balance_bidi("\u{2067}a\u{202D}b\u{2069}c"),
            "\u{2067}a\u{202D}b\u{202C}\u{2069}c"
        );
    }

    #[test]
    fn well_formed_bidi_text_is_kept() {
        let arabic = "\u{2067}مرحبا\u{2069} and \u{202B}שלום\u{202C}";
        assert_eq!(balance_bidi(arabic), arabic);
        assert!(bidi_is_balanced(arabic));
    }

    #[test]
    fn each_line_is_balanced_on_its_own() {
        assert_eq!(
            document(&format!("a{RLO_S}b\nc\u{202C}d"), true),
            "\u{2068}a\u{202E}b\u{202C}\u{2069}\ncd"
        );
    }

    #[test]
    fn files_replace_controls_and_csv_keeps_line_breaks() {
        assert_eq!(
            document("a\u{0}b\u{85}c\td", false),
            "a\u{FFFD}b\u{FFFD}c\td"
        );
        assert_eq!(document("a\nb", false), "a\u{FFFD}b");
        assert_eq!(document("a\r\nb\rc", true), "a\nb\nc");
        assert_eq!(csv_text("a\r\nb\rc\u{1b}d\te"), "a\nb\nc\u{FFFD}d\te");
        assert_eq!(csv_text("x\u{202E}y"), "x\u{202E}y\u{202C}");
    }

    #[test]
    fn json_keeps_its_meaning() {
        let json = serde_json::to_string(&"a\u{9b}b\u{202E}c\u{1b}").unwrap();
        let escaped = json_invisible_escaped(&json);
        assert_eq!(escaped, "\"a\\u009bb\\u202ec\\u001b\"");
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "a\u{9b}b\u{202E}c\u{1b}");
    }

    fn hostile_text() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            Just("\u{202A}"),
            Just("\u{202B}"),
            Just("\u{202C}"),
            Just("\u{202D}"),
            Just("\u{202E}"),
            Just("\u{2066}"),
            Just("\u{2067}"),
            Just("\u{2068}"),
            Just("\u{2069}"),
            Just("\u{1b}"),
            Just("\u{9b}"),
            Just("\u{0}"),
            Just("\u{7f}"),
            Just("\n"),
            Just("\r"),
            Just("\t"),
            Just("\u{2029}"),
            Just("张伟"),
            Just("a"),
            Just(" "),
            Just("שלום"),
        ];
        proptest::collection::vec(pieces, 0..24).prop_map(|p| p.concat())
    }

    fn no_raw_controls(text: &str, allowed: &[char]) -> bool {
        text.chars().all(|c| !is_control(c) || allowed.contains(&c))
    }

    proptest! {
        #[test]
        fn every_output_is_free_of_controls_and_balanced(text in hostile_text()) {
            let field = terminal(&text);
            prop_assert!(no_raw_controls(&field, &[]), "{field:?}");
            prop_assert!(bidi_is_balanced(&field));
            let lines = terminal_text(&text);
            prop_assert!(no_raw_controls(&lines, &['\n', '\t']), "{lines:?}");
            prop_assert!(bidi_is_balanced(&lines));
            for breaks in [false, true] {
                let doc = document(&text, breaks);
                let allowed: &[char] = if breaks { &['\n', '\t'] } else { &['\t'] };
                prop_assert!(no_raw_controls(&doc, allowed), "{doc:?}");
                prop_assert!(bidi_is_balanced(&doc));
            }
            let cell = csv_text(&text);
            prop_assert!(no_raw_controls(&cell, &['\n', '\t']), "{cell:?}");
            prop_assert!(bidi_is_balanced(&cell));
        }

        #[test]
        fn balancing_is_idempotent(text in hostile_text()) {
            let once = balance_bidi(&text).into_owned();
            prop_assert_eq!(balance_bidi(&once), once.as_str());
            let isolated = isolate_bidi(&text).into_owned();
            prop_assert!(bidi_is_balanced(&isolated));
        }
    }
}
