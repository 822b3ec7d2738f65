//! The analysis as a report: JSON for scripts, text for the terminal, Markdown for
//! sharing. Deterministic: the same map, date and language give the same bytes.

use serde_json::{Value, json};

use super::approach::approach;
use super::text::{name_of, tx};
use super::{Analysis, is_key};
use crate::lang::Language;
use crate::model::{Document, Stakeholder};
use crate::safe_text;

/// How many people the influence ranking lists in text and Markdown.
const TOP_INFLUENCE: usize = 10;

/// Rounds a score so reports do not depend on the last bits of floating point.
fn round4(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

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

fn ids(doc: &Document, people: &[usize]) -> Vec<String> {
    people.iter().map(|&i| person_ref(doc, i).0).collect()
}

/// The report as JSON.
pub fn to_json(doc: &Document, analysis: &Analysis) -> Value {
    let influence: Vec<Value> = analysis
        .ranking
        .iter()
        .map(|&i| {
            let (id, name) = person_ref(doc, i);
            json!({"id": id, "name": name, "score": round4(analysis.influence.get(i).copied().unwrap_or(0.0))})
        })
        .collect();
    let decision_makers: Vec<Value> = analysis
        .decision_makers
        .iter()
        .map(|c| {
            let (id, name) = person_ref(doc, c.person);
            json!({"id": id, "name": name, "score": round4(c.score), "kind": c.kind_code(),
                   "likelihood": super::likelihood(c.score, analysis.options.language), "reasons": c.reasons})
        })
        .collect();
    let hidden: Vec<Value> = analysis
        .hidden_influencers
        .iter()
        .map(|h| {
            let (id, name) = person_ref(doc, h.person);
            json!({"id": id, "name": name, "structural_level": h.structural_level, "power": h.recorded_power,
                   "moves": ids(doc, &h.moves), "why": h.why})
        })
        .collect();
    let risks: Vec<Value> = analysis
        .risks
        .iter()
        .map(|r| {
            json!({
                "code": r.code.as_str(),
                "severity": r.severity.as_str(),
                "ids": ids(doc, &r.people),
                "message": r.message,
                "action": r.action,
            })
        })
        .collect();
    let paths: Vec<Value> = analysis
        .paths
        .iter()
        .map(|p| {
            let lines: Vec<String> = p.lines.iter().map(ToString::to_string).collect();
            json!({"to": person_ref(doc, p.to).0, "ids": ids(doc, &p.people), "lines": lines})
        })
        .collect();
    let champions: Vec<Value> = analysis
        .champions
        .iter()
        .map(|t| {
            let (id, name) = person_ref(doc, t.person);
            json!({"id": id, "name": name, "verdict": t.verdict.as_str(), "reasons": t.reasons})
        })
        .collect();
    let coverage: Vec<Value> = super::Level::ALL
        .iter()
        .flat_map(|&level| {
            super::functions::Area::ALL
                .iter()
                .map(move |&area| (level, area))
        })
        .filter_map(|(level, area)| {
            let cell = analysis.coverage.cell(level, area)?;
            Some(json!({
                "level": level.as_str(),
                "function": area.as_str(),
                "ids": ids(doc, &cell.people),
                "covered": ids(doc, &cell.covered),
            }))
        })
        .collect();
    let buying = json!({
        "owner": analysis.buying.owner.map(|f| f.as_str()),
        "deciders": ids(doc, &analysis.buying.deciders),
        "approvers": ids(doc, &analysis.buying.approvers),
        "gates": ids(doc, &analysis.buying.gates),
    });
    let actions: Vec<Value> = analysis
        .actions
        .iter()
        .map(|a| {
            let (id, name) = person_ref(doc, a.person);
            json!({
                "id": id,
                "name": name,
                "text": a.text,
                "due": a.due.map(|d| d.to_string()),
                "overdue": a.overdue,
            })
        })
        .collect();
    json!({
        "account": {"name": doc.account.name, "stage": doc.account.stage.as_str()},
        "date": analysis.options.today.to_string(),
        "language": language_code(analysis.options.language),
        "health": {
            "level": analysis.health.level.as_str(),
            "reason": analysis.health.reason,
            "ids": ids(doc, &analysis.health.supporters),
        },
        "stage_focus": {
            "stage": analysis.focus.stage.as_str(),
            "headline": analysis.focus.headline,
            "ids": ids(doc, &analysis.focus.people),
        },
        "influence": influence,
        "decision_makers": decision_makers,
        "buying_center": buying,
        "champions": champions,
        "coverage": coverage,
        "hidden_influencers": hidden,
        "risks": risks,
        "paths": paths,
        "open_actions": actions,
    })
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
    approaches: String,
    none: String,
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
        approaches: t("Approach for key people", "关键人物的策略"),
        none: t("none", "无"),
    }
}

fn health_word(level: super::HealthLevel, language: Language) -> String {
    let (en, zh) = match level {
        super::HealthLevel::Red => ("RED", "红"),
        super::HealthLevel::Amber => ("AMBER", "黄"),
        super::HealthLevel::Green => ("GREEN", "绿"),
    };
    tx(language, en.to_owned(), zh.to_owned())
}

fn severity_word(severity: super::Severity, language: Language) -> String {
    let (en, zh) = match severity {
        super::Severity::High => ("high", "高"),
        super::Severity::Medium => ("medium", "中"),
        super::Severity::Low => ("low", "低"),
    };
    tx(language, en.to_owned(), zh.to_owned())
}

fn chain(doc: &Document, people: &[usize], language: Language) -> String {
    people
        .iter()
        .filter_map(|&i| doc.stakeholders.get(i))
        .map(|p| name_of(p, language))
        .collect::<Vec<_>>()
        .join(" → ")
}

/// People whose approach the report spells out: decision makers, key players and the
/// champion, in document order.
/// People whose approach reports spell out: decision makers, key players and
/// champions, most influential first, at most [`MAX_APPROACHES`] (on a group account
/// with hundreds of key players the report stays readable).
pub fn key_people(doc: &Document, analysis: &Analysis) -> Vec<usize> {
    // A set: a map where everyone is tagged has as many deciders as people.
    let deciders: std::collections::HashSet<usize> = analysis.deciders.iter().copied().collect();
    analysis
        .ranking
        .iter()
        .copied()
        .filter(|&i| {
            doc.stakeholders.get(i).is_some_and(|p| {
                is_key(p) || deciders.contains(&i) || p.role == crate::model::Role::Champion
            })
        })
        .take(MAX_APPROACHES)
        .collect()
}

/// Most approaches a report spells out.
pub const MAX_APPROACHES: usize = 25;

/// The report as Markdown (`markdown = true`) or plain text.
pub fn to_text(doc: &Document, analysis: &Analysis, markdown: bool) -> String {
    let lang = analysis.options.language;
    let t = titles(lang);
    let mut out = String::new();
    let heading = |out: &mut String, level: usize, text: &str| {
        if markdown {
            out.push_str(&format!("{} {text}\n\n", "#".repeat(level)));
        } else if level == 1 {
            out.push_str(&format!(
                "{text}\n{}\n\n",
                "=".repeat(display_width(text).max(4))
            ));
        } else {
            out.push_str(&format!(
                "{text}\n{}\n",
                "-".repeat(display_width(text).max(4))
            ));
        }
    };
    let item =
        |out: &mut String, text: &str| out.push_str(&format!("- {}\n", md_escape(text, markdown)));
    let account = if doc.account.name.is_empty() {
        t.report.clone()
    } else {
        format!(
            "{} — {}",
            t.report,
            safe_text::isolate_bidi(&doc.account.name)
        )
    };
    heading(&mut out, 1, &md_escape(&account, markdown));
    out.push_str(&format!(
        "{}: {}\n\n",
        tx(lang, "Date".into(), "日期".into()),
        analysis.options.today
    ));

    heading(&mut out, 2, &t.health);
    item(
        &mut out,
        &format!(
            "{} — {}",
            health_word(analysis.health.level, lang),
            analysis.health.reason
        ),
    );
    out.push('\n');
    heading(&mut out, 2, &t.focus);
    item(&mut out, &analysis.focus.headline);
    let focus_people: Vec<&Stakeholder> = analysis
        .focus
        .people
        .iter()
        .filter_map(|&i| doc.stakeholders.get(i))
        .collect();
    if !focus_people.is_empty() {
        item(&mut out, &super::text::names(&focus_people, lang));
    }
    out.push('\n');

    heading(&mut out, 2, &t.deciders);
    if analysis.decision_makers.is_empty() {
        item(&mut out, &t.none);
    }
    for c in &analysis.decision_makers {
        let name = line_name(doc, c.person);
        item(
            &mut out,
            &format!(
                "{name} ({:.0}/100): {}",
                c.score * 100.0,
                c.reasons.join("; ")
            ),
        );
    }
    out.push('\n');

    heading(&mut out, 2, &t.influence);
    for (place, &i) in analysis.ranking.iter().take(TOP_INFLUENCE).enumerate() {
        let name = line_name(doc, i);
        let score = analysis.influence.get(i).copied().unwrap_or(0.0) * 100.0;
        out.push_str(&format!(
            "{}. {} — {score:.1}\n",
            place + 1,
            md_escape(&name, markdown)
        ));
    }
    out.push('\n');

    heading(&mut out, 2, &t.hidden);
    if analysis.hidden_influencers.is_empty() {
        item(&mut out, &t.none);
    }
    for h in &analysis.hidden_influencers {
        let name = line_name(doc, h.person);
        let separator = if lang == Language::Chinese {
            "："
        } else {
            ": "
        };
        item(&mut out, &format!("{name}{separator}{}", h.why));
    }
    out.push('\n');

    heading(&mut out, 2, &t.risks);
    if analysis.risks.is_empty() {
        item(&mut out, &t.none);
    }
    for r in &analysis.risks {
        item(
            &mut out,
            &format!(
                "[{}] {} ({}) → {}",
                severity_word(r.severity, lang),
                r.message,
                r.code.as_str(),
                r.action
            ),
        );
    }
    out.push('\n');

    heading(&mut out, 2, &t.paths);
    if analysis.paths.is_empty() {
        item(&mut out, &t.none);
    }
    for p in &analysis.paths {
        item(&mut out, &chain(doc, &p.people, lang));
    }
    out.push('\n');

    heading(&mut out, 2, &t.actions);
    if analysis.actions.is_empty() {
        item(&mut out, &t.none);
    }
    for a in &analysis.actions {
        let name = line_name(doc, a.person);
        let due = a.due.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
        let late = if a.overdue {
            tx(lang, " (overdue)".into(), "（已逾期）".into())
        } else {
            String::new()
        };
        let text = safe_text::isolate_bidi(&a.text);
        item(&mut out, &format!("{due}{late} {name}: {text}"));
    }
    out.push('\n');

    heading(&mut out, 2, &t.approaches);
    for index in key_people(doc, analysis) {
        let Some(approach) = approach(doc, analysis, index) else {
            continue;
        };
        let name = line_name(doc, index);
        heading(
            &mut out,
            3,
            &md_escape(&format!("{name}: {}", approach.headline), markdown),
        );
        out.push_str(&md_escape(&approach.why, markdown));
        out.push_str("\n\n");
        for step in &approach.steps {
            item(&mut out, step);
        }
        out.push('\n');
    }
    out
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
