//! The account-plan report as one self-contained HTML file: the map as inline SVG,
//! health, stage focus, risks, decision makers, stakeholders, plans per role and open
//! actions. Readable when printed. Written as well-formed XHTML-compatible markup, and
//! every piece of user text is escaped.

use std::fmt::Write as _;

use super::content::{ReportContent, Table};
use super::xml::escape;
use crate::analysis::briefing::GridText;
use crate::analysis::{HealthLevel, Severity};
use crate::lang::Language;

const STYLE: &str = "
body { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'Segoe UI', Arial, sans-serif; color: #1a1a1a; margin: 2em auto; max-width: 1200px; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin-bottom: 0.2em; }
.meta { color: #555; }
.note { background: #fff4e0; border: 1px solid #e6c07b; padding: 0.4em 0.8em; border-radius: 4px; }
.health { display: inline-block; padding: 0.15em 0.7em; border-radius: 1em; color: #fff; font-weight: bold; }
.red { background: #c62828; } .amber { background: #e08e00; } .green { background: #2e7d32; }
.map svg { max-width: 100%; height: auto; border: 1px solid #ddd; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; white-space: pre-wrap; }
th { background: #f2f2f2; }
table.grid { width: auto; } table.grid td, table.grid th { min-width: 6em; }
.sev-high { color: #b01c1c; font-weight: bold; } .sev-medium { color: #9a5b00; font-weight: bold; } .sev-low { color: #555; }
.playbook { color: #777; font-weight: normal; font-size: 0.85em; }
dl { margin: 0.3em 0 1em; } dt { font-weight: bold; } dd { margin: 0 0 0.4em 1.2em; white-space: pre-wrap; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } tr, .plan { page-break-inside: avoid; } .map svg { border: none; } }
";

/// Text that holds user text (names, titles, notes, sentences that quote them):
/// escaped and in `<bdi>`, so its direction cannot reorder what is around it.
fn user(text: &str) -> String {
    format!("<bdi>{}</bdi>", escape(text))
}

fn table_html(out: &mut String, table: &Table) {
    out.push_str("<table>\n<thead><tr>");
    for header in &table.headers {
        let _ = write!(out, "<th>{}</th>", escape(header));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{}</td>", user(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn list_html(out: &mut String, items: &[String]) {
    out.push_str("<ul>\n");
    for item in items {
        let _ = writeln!(out, "<li>{}</li>", user(item));
    }
    out.push_str("</ul>\n");
}

/// A titled list, left out when it has no items: a report never shows an empty
/// section.
fn section_html(out: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "<h2>{}</h2>", escape(title));
    list_html(out, items);
}

fn grid_html(out: &mut String, title: &str, grid: &GridText) {
    let _ = writeln!(out, "<h2>{}</h2>\n<table class=\"grid\">", escape(title));
    out.push_str("<thead><tr>");
    let _ = write!(out, "<th>{}</th>", escape(&grid.corner));
    for column in &grid.columns {
        let _ = write!(out, "<th>{}</th>", escape(column));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (level, cells) in &grid.rows {
        let _ = write!(out, "<tr><th>{}</th>", escape(level));
        for cell in cells {
            let _ = write!(out, "<td>{}</td>", user(cell));
        }
        out.push_str("</tr>\n");
    }
    let _ = writeln!(
        out,
        "</tbody>\n</table>\n<p class=\"meta\">{}</p>",
        escape(&grid.caption)
    );
}

/// The report as HTML; `map_svg` is the picture of the map, `views` the workshop
/// pictures (heading, SVG) shown after it.
pub fn report_html(content: &ReportContent, map_svg: &str, views: &[(String, String)]) -> String {
    let t = &content.titles;
    let lang = match content.language {
        Language::English => "en",
        Language::Chinese => "zh-CN",
    };
    let mut out = String::with_capacity(
        map_svg.len() + views.iter().map(|v| v.1.len()).sum::<usize>() + 16_384,
    );
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\" xmlns=\"http://www.w3.org/1999/xhtml\">"
    );
    let _ = writeln!(
        out,
        "<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        escape(&content.title)
    );
    let _ = writeln!(
        out,
        "<h1>{}</h1>\n<p class=\"meta\">{}</p>",
        user(&content.title),
        user(&content.meta)
    );
    if let Some(note) = &content.redacted_note {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(note));
    }
    let class = match content.health.0 {
        HealthLevel::Red => "red",
        HealthLevel::Amber => "amber",
        HealthLevel::Green => "green",
    };
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<p><span class=\"health {class}\">{}</span> {}</p>",
        escape(&t.health),
        escape(&content.health.1),
        user(&content.health_reason)
    );
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<p>{}</p>",
        escape(&t.focus),
        user(&content.focus)
    );
    section_html(&mut out, &t.briefing.deal, &content.deal);
    let _ = writeln!(out, "<h2>{}</h2>\n<div class=\"map\">", escape(&t.map));
    out.push_str(map_svg);
    out.push_str("</div>\n");
    for (heading, svg) in views {
        let _ = writeln!(out, "<h2>{}</h2>\n<div class=\"map\">", escape(heading));
        out.push_str(svg);
        out.push_str("</div>\n");
    }

    let _ = writeln!(out, "<h2>{}</h2>", escape(&t.risks));
    if content.risks.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape(&t.no_risks));
    } else {
        out.push_str("<table>\n<thead><tr>");
        for header in &t.risk_headers {
            let _ = write!(out, "<th>{}</th>", escape(header));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for risk in &content.risks {
            let class = match risk.severity {
                Severity::High => "sev-high",
                Severity::Medium => "sev-medium",
                Severity::Low => "sev-low",
            };
            let _ = writeln!(
                out,
                "<tr><td class=\"{class}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&risk.word),
                escape(&risk.title),
                user(&risk.message),
                user(&risk.action)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    section_html(&mut out, &t.briefing.buying, &content.buying);
    section_html(&mut out, &t.deciders, &content.deciders);
    section_html(&mut out, &t.briefing.champions, &content.champions);
    if let Some(grid) = &content.coverage {
        grid_html(&mut out, &t.briefing.coverage, grid);
    }
    section_html(&mut out, &t.hidden, &content.hidden);
    section_html(&mut out, &t.paths, &content.paths);
    if !content.people.rows.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>", escape(&t.people));
        table_html(&mut out, &content.people);
    }
    if let Some((title, lines)) = &content.since_review {
        section_html(&mut out, title, lines);
    }
    section_html(&mut out, &t.interactions, &content.interactions);
    if !content.plans.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>", escape(&t.plans));
    }
    for plan in &content.plans {
        let source = if plan.from_playbook {
            format!(" <span class=\"playbook\">{}</span>", escape(&t.playbook))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "<div class=\"plan\">\n<h3>{}{source}</h3>\n<dl>",
            escape(&plan.role)
        );
        for field in &plan.fields {
            let note = field
                .note
                .as_ref()
                .map(|note| format!(" <span class=\"playbook\">{}</span>", escape(note)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<dt>{}{note}</dt><dd>{}</dd>",
                escape(&field.name),
                user(&field.text)
            );
        }
        out.push_str("</dl>\n</div>\n");
    }
    if !content.actions.rows.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>", escape(&t.actions));
        table_html(&mut out, &content.actions);
    }
    if !content.approaches.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>", escape(&t.briefing.approaches));
    }
    for block in &content.approaches {
        let _ = writeln!(out, "<h3>{}</h3>", user(&block.title));
        if let Some((why, steps)) = block.lines.split_first() {
            let _ = writeln!(out, "<p>{}</p>", user(why));
            if !steps.is_empty() {
                list_html(&mut out, steps);
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}
