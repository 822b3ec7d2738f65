//! The parts of a report a manager reads besides the lists of risks and actions:
//! the deal facts, the buying centre, the champion test, the coverage grid, the
//! likely decision makers in words, and the people whose approach is spelled out.
//! Worded once, in the report's language, for the text, Markdown and HTML reports
//! and the app. Every part is empty when the map has nothing to say, so no report
//! prints an empty section.

use std::collections::{HashMap, HashSet};

use super::approach::kind_words;
use super::functions::{Area, Function};
use super::text::{aside, labelled, list, name_of, quoted_field, tx};
use super::{Analysis, Candidate, Level, Verdict, likelihood};
use crate::lang::Language;
use crate::model::{Document, Role, Stakeholder, Stance};

/// Most approaches a report spells out.
pub const MAX_APPROACHES: usize = 25;
/// Most names shown in one place of a list (a competitor's fans, a grid cell).
const MAX_NAMES: usize = 4;

/// Titles of the briefing's sections.
pub struct BriefingTitles {
    /// "Deal facts".
    pub deal: String,
    /// "Buying centre".
    pub buying: String,
    /// "Champion test".
    pub champions: String,
    /// "Coverage".
    pub coverage: String,
    /// "Approach for the people who matter".
    pub approaches: String,
}

/// The section titles in `language`.
pub fn titles(language: Language) -> BriefingTitles {
    let t = |en: &str, zh: &str| tx(language, en.to_owned(), zh.to_owned());
    BriefingTitles {
        deal: t("Deal facts", "项目要素"),
        buying: t("Buying centre", "采购决策链"),
        champions: t("Champion test", "内线检验"),
        coverage: t("Coverage by level and function", "覆盖情况（层级 × 条线）"),
        approaches: t("Approach for the people who matter", "关键人的应对策略"),
    }
}

fn isolated(text: &str) -> String {
    quoted_field(text.trim())
}

fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A person with their title, as each language says it: "教务处处长王立新",
/// "Ann Lee (CFO)".
pub fn titled(person: &Stakeholder, language: Language) -> String {
    let name = name_of(person, language);
    let title = person.title.trim();
    if title.is_empty() {
        name
    } else if language == Language::Chinese && has_cjk(title) {
        format!("{}{name}", isolated(title))
    } else {
        aside(&name, &isolated(title), language)
    }
}

/// The names of `people`, at most a few, then how many more.
fn some_names(doc: &Document, people: &[usize], language: Language) -> String {
    let mut shown: Vec<String> = people
        .iter()
        .take(MAX_NAMES)
        .filter_map(|&i| doc.stakeholders.get(i))
        .map(|p| name_of(p, language))
        .collect();
    let more = people.len().saturating_sub(MAX_NAMES);
    if more > 0 {
        shown.push(tx(
            language,
            format!("{more} more"),
            format!("等另外 {more} 人"),
        ));
    }
    list(&shown, language)
}

/// The deal facts: close date, decision process with its approvers, competitors
/// and who favours whom. Empty when none is recorded.
pub fn deal_facts(doc: &Document, analysis: &Analysis) -> Vec<String> {
    let lang = analysis.options.language;
    let mut lines = Vec::new();
    if let Some(close) = doc.account.close_date {
        let days = close.days_since_epoch() - analysis.options.today.days_since_epoch();
        let when = match days {
            0 => tx(lang, "today".into(), "就是今天".into()),
            d if d > 0 => tx(
                lang,
                format!("in {}", super::text::days(d, lang)),
                format!("还有 {d} 天"),
            ),
            d => tx(
                lang,
                format!("{} ago", super::text::days(-d, lang)),
                format!("已过 {} 天", -d),
            ),
        };
        let label = tx(lang, "Close date".into(), "预计签约日".into());
        lines.push(labelled(
            &label,
            &aside(&close.to_string(), &when, lang),
            lang,
        ));
    }
    let index: HashMap<&crate::model::StakeholderId, usize> = doc
        .stakeholders
        .iter()
        .enumerate()
        .map(|(i, p)| (&p.id, i))
        .collect();
    let steps: Vec<String> = doc
        .account
        .decision_process
        .iter()
        .enumerate()
        .map(|(n, step)| {
            let name = if step.name.trim().is_empty() {
                tx(lang, format!("step {}", n + 1), format!("第 {} 步", n + 1))
            } else {
                isolated(&step.name)
            };
            let approvers: Vec<usize> = step
                .approvers
                .iter()
                .filter_map(|id| index.get(id).copied())
                .collect();
            if approvers.is_empty() {
                name
            } else {
                let who = some_names(doc, &approvers, lang);
                aside(
                    &name,
                    &labelled(&tx(lang, "approves".into(), "审批".into()), &who, lang),
                    lang,
                )
            }
        })
        .collect();
    if !steps.is_empty() {
        let label = tx(lang, "Decision process".into(), "决策流程".into());
        lines.push(labelled(&label, &steps.join(" → "), lang));
    }
    if let Some(line) = competitors(doc, lang) {
        lines.push(line);
    }
    lines
}

/// The competitors and who favours each, including competitors only someone's
/// `favours` names. One pass over the people.
fn competitors(doc: &Document, lang: Language) -> Option<String> {
    let mut order: Vec<String> = Vec::new();
    let mut display: HashMap<String, String> = HashMap::new();
    for name in &doc.account.competitors {
        let key = name.trim().to_lowercase();
        if !key.is_empty() && !display.contains_key(&key) {
            display.insert(key.clone(), name.trim().to_owned());
            order.push(key);
        }
    }
    let mut fans: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in doc.stakeholders.iter().enumerate() {
        let key = p.favours.trim().to_lowercase();
        if key.is_empty() {
            continue;
        }
        if !display.contains_key(&key) {
            display.insert(key.clone(), p.favours.trim().to_owned());
            order.push(key.clone());
        }
        fans.entry(key).or_default().push(i);
    }
    if order.is_empty() {
        return None;
    }
    let items: Vec<String> = order
        .iter()
        .map(|key| {
            let name = isolated(display.get(key).map_or("", String::as_str));
            match fans.get(key) {
                Some(people) => aside(
                    &name,
                    &labelled(
                        &tx(lang, "favoured by".into(), "倾向者".into()),
                        &some_names(doc, people, lang),
                        lang,
                    ),
                    lang,
                ),
                None => name,
            }
        })
        .collect();
    let separator = tx(lang, "; ".into(), "；".into());
    Some(labelled(
        &tx(lang, "Competitors".into(), "竞争对手".into()),
        &items.join(&separator),
        lang,
    ))
}

/// Who decides, approves and guards the gates, in words. Empty when the map
/// suggests none of them.
pub fn buying_centre(doc: &Document, analysis: &Analysis) -> Vec<String> {
    let lang = analysis.options.language;
    let buying = &analysis.buying;
    let people = |indices: &[usize]| -> String {
        let all: Vec<String> = indices
            .iter()
            .filter_map(|&i| doc.stakeholders.get(i))
            .map(|p| titled(p, lang))
            .collect();
        list(&all, lang)
    };
    let mut lines = Vec::new();
    if let Some(owner) = buying.owner {
        lines.push(labelled(
            &tx(lang, "Business owner".into(), "业务归口".into()),
            &tx(
                lang,
                format!("{}, whose work this opportunity changes", owner.name(lang)),
                format!("{}条线，本项目改变的正是其工作", owner.name(lang)),
            ),
            lang,
        ));
    }
    if let Some(&first) = buying.deciders.first() {
        let label = kind_words(analysis, first, lang).unwrap_or_default();
        lines.push(labelled(
            &super::text::capitalised(label),
            &people(&buying.deciders),
            lang,
        ));
    }
    let tagged: Vec<usize> = analysis
        .deciders
        .iter()
        .copied()
        .filter(|d| !buying.deciders.contains(d))
        .collect();
    if !tagged.is_empty() {
        lines.push(labelled(
            &tx(
                lang,
                "Decision maker (tagged)".into(),
                "已标记的决策者".into(),
            ),
            &people(&tagged),
            lang,
        ));
    }
    if !buying.approvers.is_empty() {
        let label = if buying.approvers.len() == 1 {
            "Approver"
        } else {
            "Approvers"
        };
        lines.push(labelled(
            &tx(lang, label.into(), "审批人".into()),
            &people(&buying.approvers),
            lang,
        ));
    }
    // Gates by function, in a fixed order.
    let mut by_gate: Vec<(Function, Vec<usize>)> = Vec::new();
    for &g in &buying.gates {
        let Some(function) = buying.facts(g).and_then(|f| f.function) else {
            continue;
        };
        match by_gate.iter_mut().find(|(f, _)| *f == function) {
            Some((_, members)) => members.push(g),
            None => by_gate.push((function, vec![g])),
        }
    }
    by_gate.sort_by_key(|(f, _)| *f);
    for (function, members) in by_gate {
        lines.push(labelled(
            &super::text::capitalised(function.gate_name(lang)),
            &people(&members),
            lang,
        ));
    }
    lines
}

/// The verdict in words.
pub fn verdict_word(verdict: Verdict, language: Language) -> &'static str {
    let (en, zh) = match verdict {
        Verdict::Pass => ("passes", "过关"),
        Verdict::Doubtful => ("doubtful", "存疑"),
        Verdict::Fail => ("fails", "不过关"),
    };
    match language {
        Language::English => en,
        Language::Chinese => zh,
    }
}

/// Each champion's verdict with every reason. Empty without champions.
pub fn champion_verdicts(doc: &Document, analysis: &Analysis) -> Vec<String> {
    let lang = analysis.options.language;
    analysis
        .champions
        .iter()
        .filter_map(|t| {
            let p = doc.stakeholders.get(t.person)?;
            let reasons = super::text::clauses(&t.reasons, lang);
            Some(tx(
                lang,
                format!(
                    "{} — {}: {reasons}",
                    name_of(p, lang),
                    verdict_word(t.verdict, lang)
                ),
                format!(
                    "{}——{}：{reasons}",
                    name_of(p, lang),
                    verdict_word(t.verdict, lang)
                ),
            ))
        })
        .collect()
}

/// The coverage grid in words: a caption, column names, and a row per level.
pub struct GridText {
    /// What the cells mean.
    pub caption: String,
    /// The top-left corner's label.
    pub corner: String,
    /// The column names (business, technical, finance, procurement).
    pub columns: Vec<String>,
    /// Per level: its name and a cell per column.
    pub rows: Vec<(String, Vec<String>)>,
}

/// The name of a level of the grid.
pub fn level_name(level: Level, language: Language) -> &'static str {
    let (en, zh) = match level {
        Level::Executive => ("Executive", "高层"),
        Level::Middle => ("Middle management", "中层"),
        Level::Operational => ("Operational", "执行层"),
    };
    match language {
        Language::English => en,
        Language::Chinese => zh,
    }
}

/// The name of a column of the grid.
pub fn area_name(area: Area, language: Language) -> &'static str {
    let (en, zh) = match area {
        Area::Business => ("Business", "业务"),
        Area::Technical => ("Technical", "技术"),
        Area::Finance => ("Finance", "财务"),
        Area::Procurement => ("Procurement", "采购"),
    };
    match language {
        Language::English => en,
        Language::Chinese => zh,
    }
}

/// The coverage grid as text; `None` for a map without people.
pub fn coverage_grid(doc: &Document, analysis: &Analysis) -> Option<GridText> {
    if doc.stakeholders.is_empty() {
        return None;
    }
    let lang = analysis.options.language;
    let rows = Level::ALL
        .iter()
        .map(|&level| {
            let cells = Area::ALL
                .iter()
                .map(|&area| match analysis.coverage.cell(level, area) {
                    Some(cell) if !cell.people.is_empty() => {
                        let count = format!("{}/{}", cell.covered.len(), cell.people.len());
                        if cell.covered.is_empty() {
                            count
                        } else {
                            format!("{count} {}", some_names(doc, &cell.covered, lang))
                        }
                    }
                    _ => "—".to_owned(),
                })
                .collect();
            (level_name(level, lang).to_owned(), cells)
        })
        .collect();
    Some(GridText {
        caption: tx(
            lang,
            "Covered / on the map; covered means several contacts or in depth, with a recent last contact.".into(),
            "已覆盖人数/在图人数；已覆盖指多次接触或深度关系，且近期有联系。".into(),
        ),
        corner: tx(lang, "Level".into(), "层级".into()),
        columns: Area::ALL
            .iter()
            .map(|&a| area_name(a, lang).to_owned())
            .collect(),
        rows,
    })
}

/// A likely decision maker in one line: name, part, likelihood, score, reasons.
pub fn candidate_line(doc: &Document, analysis: &Analysis, candidate: &Candidate) -> String {
    let lang = analysis.options.language;
    let name = doc
        .stakeholders
        .get(candidate.person)
        .map(|p| name_of(p, lang))
        .unwrap_or_default();
    let words = likelihood(candidate.score, lang);
    let verdict = match kind_words(analysis, candidate.person, lang) {
        Some(kind) => tx(lang, format!("{kind}, {words}"), format!("{kind}，{words}")),
        None => words.to_owned(),
    };
    let score = format!("{:.0}/100", candidate.score * 100.0);
    let reasons = super::text::clauses(&candidate.reasons, lang);
    tx(
        lang,
        format!("{name} — {verdict} ({score}): {reasons}"),
        format!("{name}——{verdict}（{score}）：{reasons}"),
    )
}

/// The people whose approach reports spell out, most important first: the
/// decision makers, the approvers, every likely decision maker (also below the
/// threshold), the advisers and hidden influencers, the blockers and opponents
/// with a line to any of those, the champions, the gates, senior people whose role
/// is unknown, and the other key players — at most [`MAX_APPROACHES`]. Linear in
/// people and lines.
pub fn people_who_matter(doc: &Document, analysis: &Analysis) -> Vec<usize> {
    let mut chosen: Vec<usize> = Vec::new();
    let mut seen: HashSet<usize> = HashSet::new();
    let mut take = |people: &mut dyn Iterator<Item = usize>| {
        for i in people {
            if i < doc.stakeholders.len() && seen.insert(i) {
                chosen.push(i);
            }
        }
    };
    take(&mut analysis.deciders.iter().copied());
    take(&mut analysis.buying.approvers.iter().copied());
    take(&mut analysis.decision_makers.iter().map(|c| c.person));
    take(&mut analysis.advisers.iter().map(|a| a.person));
    take(&mut analysis.hidden_influencers.iter().map(|h| h.person));
    // Blockers and opponents with a line to someone who decides or approves.
    let deciding: HashSet<usize> = analysis
        .deciders
        .iter()
        .copied()
        .chain(analysis.buying.approvers.iter().copied())
        .chain(analysis.decision_makers.iter().map(|c| c.person))
        .collect();
    let index: HashMap<&crate::model::StakeholderId, usize> = doc
        .stakeholders
        .iter()
        .enumerate()
        .map(|(i, p)| (&p.id, i))
        .collect();
    let against = |i: usize| {
        doc.stakeholders.get(i).is_some_and(|p| {
            p.role == Role::Blocker || p.stance == Stance::Opponent || p.stance == Stance::Skeptic
        })
    };
    let mut opponents: Vec<usize> = Vec::new();
    for line in &doc.relationships {
        let (Some(&a), Some(&b)) = (index.get(&line.from), index.get(&line.to)) else {
            continue;
        };
        for (me, other) in [(a, b), (b, a)] {
            if me != other && against(me) && deciding.contains(&other) {
                opponents.push(me);
            }
        }
    }
    opponents.sort_unstable();
    take(&mut opponents.into_iter());
    let by_rank = |keep: &dyn Fn(usize, &Stakeholder) -> bool| -> Vec<usize> {
        analysis
            .ranking
            .iter()
            .copied()
            .filter(|&i| doc.stakeholders.get(i).is_some_and(|p| keep(i, p)))
            .collect()
    };
    take(&mut by_rank(&|_, p| p.role == Role::Champion).into_iter());
    take(&mut analysis.buying.gates.iter().copied());
    take(
        &mut by_rank(&|i, p| {
            p.role == Role::Unknown
                && (p.power.level() >= 4
                    || analysis
                        .buying
                        .facts(i)
                        .is_some_and(|f| f.title.rank >= super::Rank::Head))
        })
        .into_iter(),
    );
    take(&mut by_rank(&|_, p| super::is_key(p)).into_iter());
    chosen.truncate(MAX_APPROACHES);
    chosen
}
