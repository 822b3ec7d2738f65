//! The content of the account-plan report, gathered once in the report's language and
//! rendered as HTML or Markdown.

use crate::analysis::approach::approach;
use crate::analysis::briefing::{self, GridText};
use crate::analysis::playbook::{PartSource, shown_plan};
use crate::analysis::text::{
    aside, capitalised, coverage_name, health_word, labelled, role_name, stage_phrase, stance_name,
};
use crate::analysis::{Analysis, HealthLevel, Severity};
use crate::lang::Language;
use crate::model::{Document, PlanPart, RelationshipKind, Role};

/// One titled block of text.
pub struct Block {
    /// Heading.
    pub title: String,
    /// Lines of text.
    pub lines: Vec<String>,
}

/// A table: headers and rows of cells.
pub struct Table {
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<String>>,
}

/// Everything the report says, in one language.
pub struct ReportContent {
    /// Language.
    pub language: Language,
    /// The report title (account and opportunity).
    pub title: String,
    /// One line: industry, stage, deal value, date.
    pub meta: String,
    /// Set when private fields were left out.
    pub redacted_note: Option<String>,
    /// Health level and its word.
    pub health: (HealthLevel, String),
    /// Section titles.
    pub titles: Titles,
    /// Why the health is what it is.
    pub health_reason: String,
    /// What the stage asks for.
    pub focus: String,
    /// Risks, most severe first.
    pub risks: Vec<RiskRow>,
    /// Close date, decision process, competitors (empty when none is recorded).
    pub deal: Vec<String>,
    /// Who decides, approves and guards the gates.
    pub buying: Vec<String>,
    /// Likely decision makers with their part, likelihood and reasons.
    pub deciders: Vec<String>,
    /// The champion test: a verdict with reasons per champion.
    pub champions: Vec<String>,
    /// Whom we cover, by level and function.
    pub coverage: Option<GridText>,
    /// Hidden influencers and trusted advisers, with why they matter.
    pub hidden: Vec<String>,
    /// Paths to power as chains of names.
    pub paths: Vec<String>,
    /// The stakeholders table.
    pub people: Table,
    /// "Changes since the review of …": title and lines, when the map holds a review.
    pub since_review: Option<(String, Vec<String>)>,
    /// Per person with an interaction log: the stance trend and the latest contacts.
    pub interactions: Vec<String>,
    /// The relationships as text lines (for the Markdown map section).
    pub relationships: Vec<String>,
    /// Plans per role.
    pub plans: Vec<PlanSection>,
    /// Open actions table.
    pub actions: Table,
    /// Approaches for key people.
    pub approaches: Vec<Block>,
}

/// One risk in the report.
pub struct RiskRow {
    /// How serious.
    pub severity: Severity,
    /// The severity in words.
    pub word: String,
    /// The kind of risk in words.
    pub title: String,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub action: String,
}

/// One role's plan in the report.
pub struct PlanSection {
    /// The role's name.
    pub role: String,
    /// Whether the whole plan is the built-in playbook.
    pub from_playbook: bool,
    /// The non-empty fields.
    pub fields: Vec<PlanField>,
}

/// One field of a plan in the report.
pub struct PlanField {
    /// The field's name.
    pub name: String,
    /// Its text.
    pub text: String,
    /// Said next to the name, in brackets: that the text is the playbook's in a
    /// plan the team partly wrote, or that the team wrote it in the other language.
    pub note: Option<String>,
}

/// Section titles in the report's language.
pub struct Titles {
    /// "Map".
    pub map: String,
    /// "Map health".
    pub health: String,
    /// "Stage focus".
    pub focus: String,
    /// "Risks and gaps".
    pub risks: String,
    /// "Likely decision makers".
    pub deciders: String,
    /// "Hidden influencers".
    pub hidden: String,
    /// Deal facts, buying centre, champion test, coverage, approaches.
    pub briefing: briefing::BriefingTitles,
    /// "No risks found."
    pub no_risks: String,
    /// "Paths to power".
    pub paths: String,
    /// "Stakeholders".
    pub people: String,
    /// "Recent interactions".
    pub interactions: String,
    /// "Relationships".
    pub relationships: String,
    /// "Communication plans".
    pub plans: String,
    /// "(from the playbook)".
    pub playbook: String,
    /// "Open actions".
    pub actions: String,
    /// "Severity", "Risk", "What is wrong", "What to do".
    pub risk_headers: [String; 4],
}

fn pick(language: Language, en: &str, zh: &str) -> String {
    match language {
        Language::English => en.to_owned(),
        Language::Chinese => zh.to_owned(),
    }
}

fn titles(l: Language) -> Titles {
    Titles {
        map: pick(l, "Map", "地图"),
        health: pick(l, "Map health", "地图健康度"),
        focus: pick(l, "Stage focus", "阶段重点"),
        risks: pick(l, "Risks and gaps", "风险与缺口"),
        deciders: pick(l, "Likely decision makers", "可能的决策者"),
        hidden: pick(l, "Hidden influencers and advisers", "隐性影响者与亲信"),
        briefing: briefing::titles(l),
        no_risks: pick(l, "No risks found.", "未发现风险。"),
        paths: pick(l, "Paths to power", "通往决策者的路径"),
        people: pick(l, "People on the map", "人员一览"),
        interactions: pick(l, "Recent interactions", "近期互动"),
        relationships: pick(l, "Relationships", "关系"),
        plans: pick(l, "Communication plans per role", "按角色的沟通计划"),
        playbook: pick(l, "(from the playbook)", "（内置打法）"),
        actions: pick(l, "Open actions", "待办行动"),
        risk_headers: [
            pick(l, "Severity", "严重度"),
            pick(l, "Risk", "风险"),
            pick(l, "What is wrong", "情况"),
            pick(l, "What to do", "应对"),
        ],
    }
}

/// The word for a severity.
pub fn severity_word(severity: Severity, l: Language) -> String {
    match severity {
        Severity::High => pick(l, "high", "高"),
        Severity::Medium => pick(l, "medium", "中"),
        Severity::Low => pick(l, "low", "低"),
    }
}

/// Gathers the report content of `doc` (already redacted when asked).
pub fn report_content(doc: &Document, analysis: &Analysis, redacted: bool) -> ReportContent {
    let l = analysis.options.language;
    let account = &doc.account;
    let mut title = if account.name.is_empty() {
        pick(l, "Account plan", "客户计划")
    } else {
        isolated(&account.name)
    };
    if !account.opportunity.is_empty() {
        title = format!("{title} — {}", isolated(&account.opportunity));
    }
    let stage = capitalised(stage_phrase(account.stage, l));
    let mut meta = Vec::new();
    if !account.industry.is_empty() {
        meta.push(isolated(&account.industry));
    }
    meta.push(stage);
    if let Some(value) = account.deal_value {
        meta.push(
            format!("{} {}", format_amount(value), isolated(&account.currency))
                .trim()
                .to_owned(),
        );
    }
    meta.push(format!(
        "{} {}",
        pick(l, "as of", "日期"),
        analysis.options.today
    ));
    let name = |i: usize| {
        doc.stakeholders
            .get(i)
            .map(|p| isolated(&p.name))
            .unwrap_or_default()
    };

    let health_word = match (analysis.health.level, l) {
        (_, Language::Chinese) => health_word(analysis.health.level, l).to_owned(),
        (HealthLevel::Red, Language::English) => "Red".to_owned(),
        (HealthLevel::Amber, Language::English) => "Amber".to_owned(),
        (HealthLevel::Green, Language::English) => "Green".to_owned(),
    };
    let headers = [
        ("Name", "姓名"),
        ("Title", "职务"),
        ("Department", "部门"),
        ("Role", "角色"),
        ("Stance", "态度"),
        ("Power", "权力"),
        ("Owner", "负责人"),
        ("Coverage", "覆盖"),
        ("Last verified", "最近核实"),
        ("Business agenda", "业务诉求"),
        ("Personal agenda", "个人诉求"),
        ("Concerns", "顾虑"),
        ("Decision criteria", "决策标准"),
    ];
    let people_rows = doc
        .stakeholders
        .iter()
        .map(|p| {
            vec![
                p.name.clone(),
                p.title.clone(),
                p.department.clone(),
                role_name(p.role, l).to_owned(),
                stance_name(p.stance, l).to_owned(),
                p.power.level().to_string(),
                p.owner
                    .as_ref()
                    .and_then(|o| doc.team_member(o))
                    .map(|m| m.name.clone())
                    .unwrap_or_default(),
                coverage_name(p.coverage, l).to_owned(),
                p.last_verified.map(|d| d.to_string()).unwrap_or_default(),
                p.interests.business.clone(),
                p.interests.personal.clone(),
                p.concerns.clone(),
                p.decision_criteria.clone(),
            ]
        })
        .collect();
    let by_id: std::collections::HashMap<&str, &crate::model::Stakeholder> = doc
        .stakeholders
        .iter()
        .map(|s| (s.id.as_str(), s))
        .collect();
    let relationships = doc
        .relationships
        .iter()
        .filter_map(|r| {
            let (a, b) = (*by_id.get(r.from.as_str())?, *by_id.get(r.to.as_str())?);
            let (a, b) = (isolated(&a.name), isolated(&b.name));
            let strength = match l {
                Language::English => format!("strength {}", r.strength.level()),
                Language::Chinese => format!("强度 {}", r.strength.level()),
            };
            let sentence = match (r.kind, l) {
                (RelationshipKind::ReportsTo, Language::English) => format!("{a} reports to {b}"),
                (RelationshipKind::Influences, Language::English) => format!("{a} influences {b}"),
                (RelationshipKind::Ally, Language::English) => format!("{a} is allied with {b}"),
                (RelationshipKind::Conflict, Language::English) => {
                    format!("{a} is in conflict with {b}")
                }
                (RelationshipKind::ReportsTo, Language::Chinese) => format!("{a} 汇报给 {b}"),
                (RelationshipKind::Influences, Language::Chinese) => format!("{a} 影响 {b}"),
                (RelationshipKind::Ally, Language::Chinese) => format!("{a} 与 {b} 结盟"),
                (RelationshipKind::Conflict, Language::Chinese) => format!("{a} 与 {b} 有冲突"),
            };
            let note = if r.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", isolated(&r.note))
            };
            Some(format!("{}{note}", aside(&sentence, &strength, l)))
        })
        .collect();
    // Plans for the roles on the map, and for any role the team wrote a plan for.
    let present: std::collections::HashSet<Role> =
        doc.stakeholders.iter().map(|p| p.role).collect();
    let plans = Role::ALL
        .iter()
        .copied()
        .filter(|r| *r != Role::Unknown && (present.contains(r) || doc.plans.contains_key(r)))
        .map(|role| plan_section(doc, role, l))
        .collect();
    let actions = Table {
        headers: vec![
            pick(l, "Due", "截止"),
            pick(l, "Person", "人员"),
            pick(l, "Action", "行动"),
        ],
        rows: analysis
            .actions
            .iter()
            .map(|a| {
                let due = a.due.map(|d| d.to_string()).unwrap_or_default();
                let due = if a.overdue {
                    format!("{due} {}", pick(l, "(overdue)", "（已逾期）"))
                } else {
                    due
                };
                vec![due, name(a.person), a.text.clone()]
            })
            .collect(),
    };
    let approaches = crate::analysis::report::key_people(doc, analysis)
        .into_iter()
        .filter_map(|i| {
            let p = doc.stakeholders.get(i)?;
            let found = approach(doc, analysis, i)?;
            let mut lines = vec![found.why];
            lines.extend(found.steps);
            Some(Block {
                title: labelled(&isolated(&p.name), &found.headline, l),
                lines,
            })
        })
        .collect();
    ReportContent {
        language: l,
        title,
        meta: meta.join(" · "),
        redacted_note: redacted.then(|| {
            pick(
                l,
                "Shared version: personal agendas, notes and contact details are left out.",
                "对外版本：已隐去个人诉求、备注和联系方式。",
            )
        }),
        health: (analysis.health.level, health_word),
        titles: titles(l),
        health_reason: analysis.health.reason.clone(),
        focus: analysis.focus.headline.clone(),
        risks: analysis
            .risks
            .iter()
            .map(|r| RiskRow {
                severity: r.severity,
                word: severity_word(r.severity, l),
                title: capitalised(r.code.title(l)),
                message: r.message.clone(),
                action: r.action.clone(),
            })
            .collect(),
        deal: briefing::deal_facts(doc, analysis),
        buying: briefing::buying_centre(doc, analysis),
        deciders: analysis
            .decision_makers
            .iter()
            .map(|c| briefing::candidate_line(doc, analysis, c))
            .collect(),
        champions: briefing::champion_verdicts(doc, analysis),
        coverage: briefing::coverage_grid(doc, analysis),
        hidden: analysis
            .hidden_influencers
            .iter()
            .map(|h| labelled(&name(h.person), &h.why, l))
            .collect(),
        paths: analysis
            .paths
            .iter()
            .map(|p| {
                p.people
                    .iter()
                    .map(|&i| name(i))
                    .collect::<Vec<_>>()
                    .join(" → ")
            })
            .collect(),
        people: without_private_column(
            Table {
                headers: headers.iter().map(|(en, zh)| pick(l, en, zh)).collect(),
                rows: people_rows,
            },
            redacted,
        ),
        since_review: super::since_review::changes_since_review(doc, l),
        interactions: super::log_lines::recent_interactions(doc, l),
        relationships,
        plans,
        actions,
        approaches,
    }
}

/// Column of the personal agenda in the stakeholders table.
const PERSONAL_AGENDA_COLUMN: usize = 10;

/// The table without the personal-agenda column when the report is redacted.
fn without_private_column(mut table: Table, redacted: bool) -> Table {
    if redacted {
        if PERSONAL_AGENDA_COLUMN < table.headers.len() {
            table.headers.remove(PERSONAL_AGENDA_COLUMN);
        }
        for row in &mut table.rows {
            if PERSONAL_AGENDA_COLUMN < row.len() {
                row.remove(PERSONAL_AGENDA_COLUMN);
            }
        }
    }
    table
}

/// The plan for `role` in the report's language: what the team wrote (with a note
/// where they wrote in the other language), the playbook for the rest.
fn plan_section(doc: &Document, role: Role, l: Language) -> PlanSection {
    let own = doc.plans.get(&role);
    let shown = shown_plan(role, own, l);
    let from_playbook = shown.iter().all(|p| p.source == PartSource::Playbook)
        && own.is_none_or(|plan| plan.lead.is_none());
    let mut fields: Vec<PlanField> = shown
        .into_iter()
        .filter(|p| !p.text.is_empty())
        .map(|p| {
            let note = if let Some(written) = p.other_language(l) {
                Some(match written {
                    Language::Chinese => pick(l, "(written in Chinese)", "（中文撰写）"),
                    Language::English => pick(l, "(written in English)", "（英文撰写）"),
                })
            } else if p.source == PartSource::Playbook && !from_playbook {
                Some(pick(l, "(from the playbook)", "（内置打法）"))
            } else {
                None
            };
            PlanField {
                name: part_name(p.part, l),
                text: p.text,
                note,
            }
        })
        .collect();
    let lead = own
        .and_then(|plan| plan.lead.as_ref())
        .and_then(|id| doc.team_member(id));
    if let Some(member) = lead {
        fields.push(PlanField {
            name: pick(l, "Lead", "牵头人"),
            text: member.name.clone(),
            note: None,
        });
    }
    PlanSection {
        role: capitalised(role_name(role, l)),
        from_playbook,
        fields,
    }
}

/// The name of a part of a plan.
fn part_name(part: PlanPart, l: Language) -> String {
    match part {
        PlanPart::Objective => pick(l, "Objective", "目标"),
        PlanPart::KeyMessages => pick(l, "Key messages", "关键信息"),
        PlanPart::Evidence => pick(l, "Evidence to bring", "证据与材料"),
        PlanPart::Channels => pick(l, "Channels", "沟通渠道"),
        PlanPart::Cadence => pick(l, "Cadence", "频率"),
    }
}

/// One piece of user text inside a line the report composes: isolated, so its bidi
/// controls cannot reorder the rest of the line.
fn isolated(text: &str) -> String {
    crate::safe_text::isolate_bidi(text).into_owned()
}

/// An amount with thousands separators, without a fraction when whole.
pub fn format_amount(value: f64) -> String {
    if value.fract() != 0.0 || value.abs() >= 1e15 {
        return format!("{value:.2}");
    }
    let digits = format!("{}", value.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0.0 { format!("-{out}") } else { out }
}
