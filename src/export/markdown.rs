//! The account-plan report as Markdown: the same content as the HTML report, with the
//! map given as its relationships in words. User text is escaped so it stays text.

use std::fmt::Write as _;

use super::content::{ReportContent, Table};
use crate::analysis::report::md_escape;

fn cell(text: &str) -> String {
    md_escape(text, true)
}

fn table_md(out: &mut String, table: &Table) {
    let _ = writeln!(
        out,
        "| {} |",
        table
            .headers
            .iter()
            .map(|h| cell(h))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(out, "|{}", " --- |".repeat(table.headers.len()));
    for row in &table.rows {
        let _ = writeln!(
            out,
            "| {} |",
            row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
        );
    }
    out.push('\n');
}

fn list_md(out: &mut String, items: &[String]) {
    for item in items {
        let _ = writeln!(out, "- {}", cell(item));
    }
    out.push('\n');
}

/// A titled list, left out when it has no items: a report never shows an empty
/// section.
fn section_md(out: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", cell(title));
    list_md(out, items);
}

/// The report as Markdown.
pub fn report_markdown(content: &ReportContent) -> String {
    let t = &content.titles;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n\n{}\n",
        cell(&content.title),
        cell(&content.meta)
    );
    if let Some(note) = &content.redacted_note {
        let _ = writeln!(out, "> {}\n", cell(note));
    }
    let _ = writeln!(
        out,
        "## {}\n\n**{}** — {}\n",
        cell(&t.health),
        cell(&content.health.1),
        cell(&content.health_reason)
    );
    let _ = writeln!(out, "## {}\n\n{}\n", cell(&t.focus), cell(&content.focus));
    section_md(&mut out, &t.briefing.deal, &content.deal);
    let _ = writeln!(out, "## {}\n", cell(&t.risks));
    if content.risks.is_empty() {
        let _ = writeln!(out, "{}\n", cell(&t.no_risks));
    } else {
        let table = Table {
            headers: t.risk_headers.to_vec(),
            rows: content
                .risks
                .iter()
                .map(|r| {
                    vec![
                        r.word.clone(),
                        r.title.clone(),
                        r.message.clone(),
                        r.action.clone(),
                    ]
                })
                .collect(),
        };
        table_md(&mut out, &table);
    }
    section_md(&mut out, &t.briefing.buying, &content.buying);
    section_md(&mut out, &t.deciders, &content.deciders);
    section_md(&mut out, &t.briefing.champions, &content.champions);
    if let Some(grid) = &content.coverage {
        let _ = writeln!(out, "## {}\n", cell(&t.briefing.coverage));
        let mut headers = vec![grid.corner.clone()];
        headers.extend(grid.columns.iter().cloned());
        let rows = grid
            .rows
            .iter()
            .map(|(level, cells)| {
                let mut row = vec![level.clone()];
                row.extend(cells.iter().cloned());
                row
            })
            .collect();
        table_md(&mut out, &Table { headers, rows });
        let _ = writeln!(out, "{}\n", cell(&grid.caption));
    }
    section_md(&mut out, &t.hidden, &content.hidden);
    section_md(&mut out, &t.paths, &content.paths);
    if !content.people.rows.is_empty() {
        let _ = writeln!(out, "## {}\n", cell(&t.people));
        table_md(&mut out, &content.people);
    }
    if let Some((title, lines)) = &content.since_review {
        section_md(&mut out, title, lines);
    }
    section_md(&mut out, &t.interactions, &content.interactions);
    section_md(&mut out, &t.relationships, &content.relationships);
    if !content.plans.is_empty() {
        let _ = writeln!(out, "## {}\n", cell(&t.plans));
    }
    for plan in &content.plans {
        let source = if plan.from_playbook {
            format!(" {}", cell(&t.playbook))
        } else {
            String::new()
        };
        let _ = writeln!(out, "### {}{source}\n", cell(&plan.role));
        for field in &plan.fields {
            let note = field
                .note
                .as_ref()
                .map(|note| format!(" *{}*", cell(note)))
                .unwrap_or_default();
            let _ = writeln!(out, "**{}**{note}\n", cell(&field.name));
            for line in field.text.lines() {
                let _ = writeln!(out, "{}  ", cell(line));
            }
            out.push('\n');
        }
    }
    if !content.actions.rows.is_empty() {
        let _ = writeln!(out, "## {}\n", cell(&t.actions));
        table_md(&mut out, &content.actions);
    }
    if !content.approaches.is_empty() {
        let _ = writeln!(out, "## {}\n", cell(&t.briefing.approaches));
    }
    for block in &content.approaches {
        let _ = writeln!(out, "### {}\n", cell(&block.title));
        if let Some((why, steps)) = block.lines.split_first() {
            let _ = writeln!(out, "{}\n", cell(why));
            list_md(&mut out, steps);
        }
    }
    out
}
