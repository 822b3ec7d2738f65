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

fn list_md(out: &mut String, items: &[String], none: &str) {
    if items.is_empty() {
        let _ = writeln!(out, "- {}", cell(none));
    }
    for item in items {
        let _ = writeln!(out, "- {}", cell(item));
    }
    out.push('\n');
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
    let _ = writeln!(out, "## {}\n", cell(&t.risks));
    if content.risks.is_empty() {
        let _ = writeln!(out, "{}\n", cell(&t.none));
    } else {
        let table = Table {
            headers: t.risk_headers.to_vec(),
            rows: content
                .risks
                .iter()
                .map(|(_, w, m, a)| vec![w.clone(), m.clone(), a.clone()])
                .collect(),
        };
        table_md(&mut out, &table);
    }
    let _ = writeln!(out, "## {}\n", cell(&t.deciders));
    list_md(&mut out, &content.deciders, &t.none);
    let _ = writeln!(out, "## {}\n", cell(&t.paths));
    list_md(&mut out, &content.paths, &t.none);
    let _ = writeln!(out, "## {}\n", cell(&t.people));
    table_md(&mut out, &content.people);
    let _ = writeln!(out, "## {}\n", cell(&t.relationships));
    list_md(&mut out, &content.relationships, &t.none);
    let _ = writeln!(out, "## {}\n", cell(&t.plans));
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
    let _ = writeln!(out, "## {}\n", cell(&t.actions));
    if content.actions.rows.is_empty() {
        let _ = writeln!(out, "{}\n", cell(&t.none));
    } else {
        table_md(&mut out, &content.actions);
    }
    let _ = writeln!(out, "## {}\n", cell(&t.approaches));
    for block in &content.approaches {
        let _ = writeln!(out, "### {}\n", cell(&block.title));
        if let Some((why, steps)) = block.lines.split_first() {
            let _ = writeln!(out, "{}\n", cell(why));
            list_md(&mut out, steps, &t.none);
        }
    }
    out
}
