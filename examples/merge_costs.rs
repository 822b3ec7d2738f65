//! Costs of team work on large maps, for docs/PERFORMANCE.md: the semantic diff of
//! two versions and the three-way merge of two edited copies, where each side
//! changed a tenth of the people, added 100 people and 100 lines, and both sides
//! changed the same 50 stances (50 conflicts); and the marks and change list the
//! app computes when it compares the map with an older version.
//!
//! `cargo run --release --example merge_costs [PEOPLE...]` (medians of 7 runs;
//! default 10,000 and 99,000 people: each side adds 100, and a map holds at most 100,000).

use std::time::Instant;

use powermap::model::{Document, Power, Relationship, RelationshipKind, Stakeholder, Stance};
use powermap::sync::diff::semantic_diff;
use powermap::sync::merge_documents;

/// Median milliseconds of `runs` calls.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// One colleague's edits: a tenth of the people changed, 100 new people with a line.
fn edited(base: &Document, side: &str, offset: usize, stance: Stance) -> Document {
    let mut doc = base.clone();
    let n = doc.stakeholders.len();
    for (i, person) in doc.stakeholders.iter_mut().enumerate() {
        if i % 10 == offset {
            person.power = Power::new(1 + (i % 5) as i64).unwrap_or(Power::MIN);
            person.title = format!("{side} title {i}");
        }
        if i < 50 {
            person.stance = stance;
        }
    }
    for k in 0..100 {
        let id = format!("{side}-new-{k}");
        doc.stakeholders
            .push(Stakeholder::new(id.as_str(), format!("{side} {k}")));
        if let Some(anchor) = base.stakeholders.get((k * 97) % n.max(1)) {
            doc.relationships.push(Relationship::new(
                format!("{side}-line-{k}"),
                id.as_str(),
                anchor.id.clone(),
                RelationshipKind::Influences,
            ));
        }
    }
    doc
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 99_000]
    } else {
        sizes
    };
    println!("| people | diff ms | merge ms | conflicts | compare marks ms |");
    println!("|-------:|--------:|---------:|----------:|-----------------:|");
    for n in sizes {
        let base = powermap::samples::synthetic_map(n, 7);
        let ours = edited(&base, "a", 3, Stance::Supporter);
        let theirs = edited(&base, "b", 7, Stance::Skeptic);
        let diff = median_ms(7, || {
            std::hint::black_box(semantic_diff(&base, &ours));
        });
        let mut conflicts = String::new();
        let merge = median_ms(7, || {
            conflicts = match merge_documents(&base, &ours, &theirs) {
                Ok(merged) => merged.conflicts.len().to_string(),
                Err(err) => format!("error: {err}"),
            };
        });
        // What the app computes when the map is compared with an older version
        // (marks and the change list), off the UI thread above 2,000 people.
        let tr = powermap::ui::i18n::Tr(powermap::ui::i18n::Language::English);
        let marks = median_ms(7, || {
            std::hint::black_box(powermap::ui::comparison::compare(&base, &ours, false, tr));
        });
        println!("| {n:>6} | {diff:>7.1} | {merge:>8.1} | {conflicts:>9} | {marks:>16.1} |");
    }
}
