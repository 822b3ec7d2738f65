//! The analysis as a report: JSON for scripts, text for the terminal, Markdown for
//! sharing. Deterministic: the same map, date and language give the same bytes.

use serde_json::Value;

use super::Analysis;
use super::approach::approach;
use super::briefing;
use super::text::{health_word, labelled, name_of, severity_word, tx};
use crate::lang::Language;
use crate::model::{Document, Stakeholder};
use crate::safe_text;

/// How many people the influence ranking lists in text and Markdown.
const TOP_INFLUENCE: usize = 10;

fn person_ref(doc: &Document, index: usize) -> (String, String) {
    doc.stakeholders
        .get(index)
        .map(|p| (p.id.to_string(), p.name.clone()))
        .unwrap_or_default()
}

/// A person's name for a line of the text report: isolated, so bidi controls in it
/// cannot reorder the rest of the line.
fn line_name(doc: &Document, index: usize) -> String {
    safe_text::isolate_bidi(&person_ref(doc, index).1).into_owned()
}

/// The report as JSON.
pub fn to_json(doc: &Document, analysis: &Analysis) -> Value {
    serde_json::to_value(super::report_json::report(
        doc,
        analysis,
        &super::report_json::Labels::of(doc),
    ))
    .unwrap_or(Value::Null)
}

/// The report as indented JSON text: the same as writing [`to_json`] with
/// `serde_json::to_string_pretty`, without building the JSON tree.
pub fn to_json_text(doc: &Document, analysis: &Analysis) -> String {
    crate::format::pretty_json::to_string_pretty(&super::report_json::report(
        doc,
        analysis,
        &super::report_json::Labels::of(doc),
    ))
    .unwrap_or_default()
}

/// [`to_json_text`] with DEL, C1 and bidi controls written as `\u` escapes, as
/// [`crate::safe_text::json_invisible_escaped`] writes them, in the same pass: what
/// `powermap report --format json` prints.
pub fn to_safe_json_text(doc: &Document, analysis: &Analysis) -> String {
    to_safe_json_pieces(doc, analysis).concat()
}

/// [`to_safe_json_text`] in pieces that joined make it: a 26 MB report is
/// written out piece by piece instead of being copied into one text first.
pub fn to_safe_json_pieces(doc: &Document, analysis: &Analysis) -> Vec<String> {
    super::report_json::report(doc, analysis, &super::report_json::Labels::of(doc))
        .safe_text_pieces()
}

/// `en` or `zh`.
pub fn language_code(language: Language) -> &'static str {
    language.code()
}

/// Section titles.
struct Titles {
    report: String,
    health: String,
    focus: String,
    deciders: String,
    influence: String,
    hidden: String,
    risks: String,
    paths: String,
    actions: String,
    no_risks: String,
}

fn titles(language: Language) -> Titles {
    let t = |en: &str, zh: &str| tx(language, en.to_owned(), zh.to_owned());
    Titles {
        report: t("Decision-chain analysis", "决策链分析"),
        health: t("Map health", "地图健康度"),
        focus: t("Stage focus", "阶段重点"),
        deciders: t("Likely decision makers", "可能的决策者"),
        influence: t("Influence ranking", "影响力排名"),
        hidden: t("Hidden influencers", "隐性影响者"),
        risks: t("Risks and gaps", "风险与缺口"),
        paths: t("Paths to power", "通往决策者的路径"),
        actions: t("Open actions", "待办行动"),
        no_risks: t("No risks found.", "未发现风险。"),
    }
}

fn chain(doc: &Document, people: &[usize], language: Language) -> String {
    people
        .iter()
        .filter_map(|&i| doc.stakeholders.get(i))
        .map(|p| name_of(p, language))
        .collect::<Vec<_>>()
        .join(" → ")
}

/// People whose approach reports spell out (see [`briefing::people_who_matter`]).
pub fn key_people(doc: &Document, analysis: &Analysis) -> Vec<usize> {
    briefing::people_who_matter(doc, analysis)
}

/// Most approaches a report spells out.
pub const MAX_APPROACHES: usize = briefing::MAX_APPROACHES;

/// One risk as a line: severity, message, what kind of risk (its code for an
/// English reader and scripts, its name in words for a Chinese reader), action.
pub fn risk_line(risk: &super::Risk, language: Language) -> String {
    let severity = severity_word(risk.severity, language);
    match language {
        Language::English => format!(
            "[{severity}] {} ({}) → {}",
            risk.message,
            risk.code.as_str(),
            risk.action
        ),
        // The name of the risk beside the severity, unless the message already
        // says it; no space before the arrow after a full-width full stop.
        Language::Chinese => {
            let title = risk.code.title(language);
            if risk.message.contains(title) {
                format!("【{severity}】{}→ {}", risk.message, risk.action)
            } else {
                format!("【{severity}·{title}】{}→ {}", risk.message, risk.action)
            }
        }
    }
}

/// A report being written, as Markdown or plain text.
struct Writer {
    out: String,
    markdown: bool,
}

impl Writer {
    fn heading(&mut self, level: usize, text: &str) {
        if self.markdown {
            self.out.push_str(&format!(
                "{} {}\n\n",
                "#".repeat(level),
                md_escape(text, true)
            ));
        } else {
            let text = md_escape(text, false);
            let rule = if level == 1 { "=" } else { "-" };
            self.out.push_str(&format!(
                "{text}\n{}\n",
                rule.repeat(display_width(&text).max(4))
            ));
            if level == 1 {
                self.out.push('\n');
            }
        }
    }

    fn item(&mut self, text: &str) {
        self.out
            .push_str(&format!("- {}\n", md_escape(text, self.markdown)));
    }

    fn end(&mut self) {
        self.out.push('\n');
    }

    /// A section of list items, left out when there are none.
    fn section(&mut self, title: &str, items: &[String]) {
        if items.is_empty() {
            return;
        }
        self.heading(2, title);
        for item in items {
            self.item(item);
        }
        self.end();
    }

    fn grid(&mut self, title: &str, grid: &briefing::GridText) {
        self.heading(2, title);
        if self.markdown {
            let cell = |t: &str| md_escape(t, true);
            let header: Vec<String> = std::iter::once(grid.corner.as_str())
                .chain(grid.columns.iter().map(String::as_str))
                .map(cell)
                .collect();
            self.out.push_str(&format!("| {} |\n", header.join(" | ")));
            self.out
                .push_str(&format!("|{}\n", " --- |".repeat(header.len())));
            for (level, cells) in &grid.rows {
                let row: Vec<String> = std::iter::once(level.as_str())
                    .chain(cells.iter().map(String::as_str))
                    .map(cell)
                    .collect();
                self.out.push_str(&format!("| {} |\n", row.join(" | ")));
            }
            self.out
                .push_str(&format!("\n{}\n\n", md_escape(&grid.caption, true)));
        } else {
            for (level, cells) in &grid.rows {
                let parts: Vec<String> = grid
                    .columns
                    .iter()
                    .zip(cells)
                    .map(|(column, cell)| format!("{column} {cell}"))
                    .collect();
                self.item(&format!("{level} | {}", parts.join(" | ")));
            }
            self.item(&grid.caption);
            self.end();
        }
    }
}

/// The report as Markdown (`markdown = true`) or plain text. Sections with nothing
/// to say are left out.
pub fn to_text(doc: &Document, analysis: &Analysis, markdown: bool) -> String {
    let lang = analysis.options.language;
    let t = titles(lang);
    let more = briefing::titles(lang);
    let mut w = Writer {
        out: String::new(),
        markdown,
    };
    let account = if doc.account.name.is_empty() {
        t.report.clone()
    } else {
        let name = safe_text::isolate_bidi(&doc.account.name);
        tx(
            lang,
            format!("{} — {name}", t.report),
            format!("{}——{name}", t.report),
        )
    };
    w.heading(1, &account);
    w.out.push_str(&format!(
        "{}\n\n",
        labelled(
            &tx(lang, "Date".into(), "日期".into()),
            &analysis.options.today.to_string(),
            lang
        )
    ));

    let health = health_word(analysis.health.level, lang);
    w.section(
        &t.health,
        &[tx(
            lang,
            format!("{health} — {}", analysis.health.reason),
            format!("{health}：{}", analysis.health.reason),
        )],
    );
    let mut focus = vec![analysis.focus.headline.clone()];
    let focus_people: Vec<&Stakeholder> = analysis
        .focus
        .people
        .iter()
        .filter_map(|&i| doc.stakeholders.get(i))
        .collect();
    if !focus_people.is_empty() {
        focus.push(super::text::names(&focus_people, lang));
    }
    w.section(&t.focus, &focus);
    w.section(&more.deal, &briefing::deal_facts(doc, analysis));

    let risks: Vec<String> = if analysis.risks.is_empty() {
        vec![t.no_risks.clone()]
    } else {
        analysis.risks.iter().map(|r| risk_line(r, lang)).collect()
    };
    w.section(&t.risks, &risks);
    w.section(&more.buying, &briefing::buying_centre(doc, analysis));
    let candidates: Vec<String> = analysis
        .decision_makers
        .iter()
        .map(|c| briefing::candidate_line(doc, analysis, c))
        .collect();
    w.section(&t.deciders, &candidates);
    w.section(&more.champions, &briefing::champion_verdicts(doc, analysis));
    if let Some(grid) = briefing::coverage_grid(doc, analysis) {
        w.grid(&more.coverage, &grid);
    }
    let hidden: Vec<String> = analysis
        .hidden_influencers
        .iter()
        .map(|h| labelled(&line_name(doc, h.person), &h.why, lang))
        .collect();
    w.section(&t.hidden, &hidden);
    let paths: Vec<String> = analysis
        .paths
        .iter()
        .map(|p| match p.people.as_slice() {
            [only] => {
                let name = doc
                    .stakeholders
                    .get(*only)
                    .map(|d| name_of(d, lang))
                    .unwrap_or_default();
                tx(
                    lang,
                    format!("{name} (on our side already)"),
                    format!("{name}（本人已支持我方）"),
                )
            }
            people => chain(doc, people, lang),
        })
        .collect();
    w.section(&t.paths, &paths);
    let actions: Vec<String> = analysis
        .actions
        .iter()
        .map(|a| {
            let name = line_name(doc, a.person);
            let due = a.due.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
            let late = if a.overdue {
                tx(lang, " (overdue)".into(), "（已逾期）".into())
            } else {
                String::new()
            };
            let text = safe_text::isolate_bidi(&a.text);
            // A space after the date, none after the full-width bracket.
            let when = if late.is_empty() || lang == Language::English {
                format!("{due}{late} {name}")
            } else {
                format!("{due}{late}{name}")
            };
            labelled(&when, &text, lang)
        })
        .collect();
    w.section(&t.actions, &actions);

    let approaches: Vec<(String, super::approach::Approach)> = key_people(doc, analysis)
        .into_iter()
        .filter_map(|i| Some((line_name(doc, i), approach(doc, analysis, i)?)))
        .collect();
    if !approaches.is_empty() {
        w.heading(2, &more.approaches);
        for (name, found) in approaches {
            w.heading(3, &labelled(&name, &found.headline, lang));
            w.out.push_str(&md_escape(&found.why, markdown));
            w.out.push_str("\n\n");
            for step in &found.steps {
                w.item(step);
            }
            w.end();
        }
    }

    if !analysis.ranking.is_empty() {
        w.heading(2, &t.influence);
        for (place, &i) in analysis.ranking.iter().take(TOP_INFLUENCE).enumerate() {
            let name = line_name(doc, i);
            let score = analysis.influence.get(i).copied().unwrap_or(0.0) * 100.0;
            w.out.push_str(&format!(
                "{}. {} — {score:.1}\n",
                place + 1,
                md_escape(&name, markdown)
            ));
        }
        w.end();
    }
    w.out
}

/// Width of text in a terminal: CJK characters take two columns.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| if matches!(u32::from(c), 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6) { 2 } else { 1 })
        .sum()
}

/// User text for the report: in Markdown (`markdown = true`) characters that would
/// become markup are escaped; on a terminal control characters are shown as
/// `\u{1b}`. Either way the text is one line, and its bidi controls are balanced
/// and isolated (see [`crate::safe_text`]).
pub fn md_escape(text: &str, markdown: bool) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
        .collect();
    if !markdown {
        return safe_text::terminal(&one_line).into_owned();
    }
    let text = safe_text::document(one_line.trim_start(), false);
    // A line that starts like a list item, a rule, a heading underline or a numbered
    // item ("1." / "1)") would become a block: its marker is escaped.
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let marker_at = match text.chars().next() {
        Some('-' | '+' | '=' | '~') => Some(0),
        _ if digits > 0 && matches!(text.chars().nth(digits), Some('.' | ')')) => Some(digits),
        _ => None,
    };
    let mut out = String::with_capacity(text.len() + 4);
    for (i, c) in text.chars().enumerate() {
        if Some(i) == marker_at {
            out.push('\\');
        }
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '{' | '}' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::md_escape;

    #[test]
    fn markdown_escaping_keeps_user_text_as_text() {
        assert_eq!(md_escape("R&D <b>", true), r"R&amp;D \<b\>");
        assert_eq!(md_escape("&lt;script&gt;", true), "&amp;lt;script&amp;gt;");
        assert_eq!(md_escape("- not a list", true), r"\- not a list");
        assert_eq!(md_escape("1. not numbered", true), r"1\. not numbered");
        assert_eq!(md_escape("2026) fine", true), r"2026\) fine");
        assert_eq!(md_escape("---", true), r"\---");
        assert_eq!(md_escape("a - b", true), "a - b");
        assert_eq!(md_escape("line\nbreak", false), "line break");
    }
}
