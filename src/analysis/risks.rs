//! Risks and gaps in a deal, each with a stable code, a severity, the people
//! involved and a suggested action.

use super::text::{name_of, names, role_name, stance_name, tx};
use super::{Context, Severity};
use crate::model::{Coverage, Role, Stage, Stakeholder, Stance};

/// What kind of risk; the snake_case name is stable for scripts and reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RiskCode {
    /// Nobody is tagged as decision maker.
    NoDecisionMaker,
    /// A decision maker is neutral, skeptical or opposed.
    DecisionMakerNotSupportive,
    /// A decision maker's stance is unknown.
    DecisionMakerStanceUnknown,
    /// Nobody is our champion.
    NoChampion,
    /// A powerful opponent or blocker.
    PowerfulOpponent,
    /// Powerful people whose stance is unknown.
    HighPowerUnknownStance,
    /// Everything runs through one contact.
    SingleThreaded,
    /// Nobody in the account has been contacted.
    NoCoverage,
    /// Key people nobody on our team owns.
    KeyPersonWithoutOwner,
    /// Information not verified for too long.
    StaleInformation,
    /// No chain of relationships from a supporter to a decision maker.
    NoPathToDecisionMaker,
    /// Planned actions past their due date.
    OverdueActions,
}

impl RiskCode {
    /// The stable snake_case code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoDecisionMaker => "no_decision_maker",
            Self::DecisionMakerNotSupportive => "decision_maker_not_supportive",
            Self::DecisionMakerStanceUnknown => "decision_maker_stance_unknown",
            Self::NoChampion => "no_champion",
            Self::PowerfulOpponent => "powerful_opponent",
            Self::HighPowerUnknownStance => "high_power_unknown_stance",
            Self::SingleThreaded => "single_threaded",
            Self::NoCoverage => "no_coverage",
            Self::KeyPersonWithoutOwner => "key_person_without_owner",
            Self::StaleInformation => "stale_information",
            Self::NoPathToDecisionMaker => "no_path_to_decision_maker",
            Self::OverdueActions => "overdue_actions",
        }
    }
}

/// One risk or gap.
#[derive(Clone, Debug, PartialEq)]
pub struct Risk {
    /// What kind.
    pub code: RiskCode,
    /// How serious, given the deal stage.
    pub severity: Severity,
    /// The people involved (indices in the document), in document order.
    pub people: Vec<usize>,
    /// What is wrong, naming the people.
    pub message: String,
    /// What to do about it.
    pub action: String,
}

/// Whether a person counts as a key player: a decision maker or power 4–5.
pub fn is_key(person: &Stakeholder) -> bool {
    person.role == Role::DecisionMaker || person.power.level() >= 4
}

/// Every risk found, most severe first (stage emphasis breaks ties, then code).
pub fn find_risks(cx: &Context<'_>) -> Vec<Risk> {
    let mut risks = Vec::new();
    decision_maker_risks(cx, &mut risks);
    champion_risk(cx, &mut risks);
    opponent_risks(cx, &mut risks);
    coverage_risks(cx, &mut risks);
    stale_risk(cx, &mut risks);
    path_risk(cx, &mut risks);
    overdue_risk(cx, &mut risks);
    let emphasized = super::focus::emphasized_risks(cx.stage());
    risks.sort_by_key(|r| (r.severity, !emphasized.contains(&r.code), r.code));
    risks
}

fn people<'a>(cx: &Context<'a>, indices: &[usize]) -> Vec<&'a Stakeholder> {
    indices
        .iter()
        .filter_map(|&i| cx.doc.stakeholders.get(i))
        .collect()
}

fn push(
    risks: &mut Vec<Risk>,
    code: RiskCode,
    severity: Severity,
    people: Vec<usize>,
    message: String,
    action: String,
) {
    risks.push(Risk {
        code,
        severity,
        people,
        message,
        action,
    });
}

fn decision_maker_risks(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    let tagged: Vec<usize> = cx.indices(|p| p.role == Role::DecisionMaker);
    if tagged.is_empty() {
        let likely = cx
            .candidates
            .first()
            .and_then(|c| cx.doc.stakeholders.get(c.person));
        let (message, action) = match likely {
            Some(person) => (
                tx(lang, format!("Nobody is identified as the decision maker; {} is the most likely one.", name_of(person, lang)),
                   format!("尚未确定决策者；最可能的是{}。", name_of(person, lang))),
                tx(lang, format!("Confirm with your champion who has the final say, and whether it is {}.", name_of(person, lang)),
                   format!("向内线确认谁拍板，是否是{}。", name_of(person, lang))),
            ),
            None => (
                tx(lang, "Nobody is identified as the decision maker.".into(), "尚未确定决策者。".into()),
                tx(lang, "Find out who has the final say: ask your contacts how the last comparable purchase was decided.".into(),
                   "弄清谁拍板：询问联系人上一次类似采购是如何决策的。".into()),
            ),
        };
        let severity = if cx.stage() == Stage::Early {
            Severity::Medium
        } else {
            Severity::High
        };
        push(
            risks,
            RiskCode::NoDecisionMaker,
            severity,
            likely
                .map(|_| cx.candidates.iter().take(1).map(|c| c.person).collect())
                .unwrap_or_default(),
            message,
            action,
        );
        return;
    }
    let unsupportive = cx.among(&tagged, |p| {
        matches!(
            p.stance,
            Stance::Neutral | Stance::Skeptic | Stance::Opponent
        )
    });
    if !unsupportive.is_empty() {
        let list = people(cx, &unsupportive);
        let against = list.iter().any(|p| p.stance.is_against());
        let described: Vec<String> = list
            .iter()
            .map(|p| {
                tx(
                    lang,
                    format!("{} ({})", name_of(p, lang), stance_name(p.stance, lang)),
                    format!("{}（{}）", name_of(p, lang), stance_name(p.stance, lang)),
                )
            })
            .collect();
        push(
            risks,
            RiskCode::DecisionMakerNotSupportive,
            if against || cx.stage() == Stage::Late { Severity::High } else { Severity::Medium },
            unsupportive,
            tx(lang, format!("A decision maker does not support us yet: {}.", described.join(", ")),
               format!("决策者尚未支持我们：{}。", described.join("、"))),
            tx(lang, "Learn their business agenda and concerns; bring an ROI case and a peer reference, and arrange an executive meeting with our senior sponsor.".into(),
               "了解其业务诉求与顾虑；带上投资回报测算和同级别客户案例，安排我方高层拜访。".into()),
        );
    }
    let unknown = cx.among(&tagged, |p| p.stance == Stance::Unknown);
    if !unknown.is_empty() {
        let who = names(&people(cx, &unknown), lang);
        push(
            risks,
            RiskCode::DecisionMakerStanceUnknown,
            Severity::High,
            unknown,
            tx(
                lang,
                format!("We do not know where the decision maker stands: {who}."),
                format!("不清楚决策者的态度：{who}。"),
            ),
            tx(
                lang,
                format!("Ask your champion how {who} sees the project, and seek a first meeting."),
                format!("请内线了解{who}对项目的看法，并争取初次会面。"),
            ),
        );
    }
}

fn champion_risk(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    if cx.doc.stakeholders.iter().any(|p| p.role == Role::Champion) {
        return;
    }
    let advocates = cx.indices(|p| p.stance == Stance::Advocate);
    let (message, action) = if advocates.is_empty() {
        (
            tx(lang, "Nobody is our champion: we have no inside supporter to coach us.".into(), "没有内线：没有内部支持者为我们指点。".into()),
            tx(lang, "Find a champion among the supporters who gain most from the project, and invest in them.".into(),
               "从最能从项目中获益的支持者里培养内线，并重点投入。".into()),
        )
    } else {
        let who = names(&people(cx, &advocates), lang);
        (
            tx(
                lang,
                format!("Nobody is tagged as our champion; {who} already advocates for us."),
                format!("尚未标记内线；{who}已在积极支持我们。"),
            ),
            tx(
                lang,
                format!(
                    "Ask {who} to coach us on the decision process, and confirm them as champion."
                ),
                format!("请{who}指点决策流程，确认其为内线。"),
            ),
        )
    };
    let severity = match cx.stage() {
        Stage::Early => Severity::Medium,
        Stage::Middle | Stage::Late => Severity::High,
    };
    push(
        risks,
        RiskCode::NoChampion,
        severity,
        advocates,
        message,
        action,
    );
}

fn opponent_risks(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    let opponents = cx.indices(|p| {
        p.power.level() >= 4 && (p.stance == Stance::Opponent || p.role == Role::Blocker)
    });
    if !opponents.is_empty() {
        let list = people(cx, &opponents);
        let described: Vec<String> = list
            .iter()
            .map(|p| {
                let (role, power) = (role_name(p.role, lang), p.power.level());
                tx(
                    lang,
                    format!("{} ({role}, power {power})", name_of(p, lang)),
                    format!("{}（{role}，权力 {power}）", name_of(p, lang)),
                )
            })
            .collect();
        push(
            risks,
            RiskCode::PowerfulOpponent,
            Severity::High,
            opponents,
            tx(lang, format!("A powerful person opposes us: {}.", described.join(", ")), format!("有高权力的反对者：{}。", described.join("、"))),
            tx(lang, "First understand their concerns and interests one-to-one; answer with data, cases and references; look for common ground; if needed bring in a more senior sponsor or a third-party expert.".into(),
               "先单独了解其顾虑和利益诉求；用数据、案例和客户证言回应；寻找共同利益；必要时请更高层支持者或第三方专家出面。".into()),
        );
    }
    let unknown = cx.indices(|p| {
        p.power.level() >= 4 && p.stance == Stance::Unknown && p.role != Role::DecisionMaker
    });
    if !unknown.is_empty() {
        let who = names(&people(cx, &unknown), lang);
        push(
            risks,
            RiskCode::HighPowerUnknownStance,
            if cx.stage() == Stage::Early { Severity::Medium } else { Severity::High },
            unknown,
            tx(lang, format!("Powerful people whose stance we do not know: {who}."), format!("高权力人员态度不明：{who}。")),
            tx(lang, "Find out where they stand before they decide for us: ask the champion, meet them briefly.".into(),
               "在他们表态前摸清态度：问内线，争取简短会面。".into()),
        );
    }
}

fn coverage_risks(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    if cx.doc.stakeholders.len() >= 3 {
        let contacts = cx.indices(|p| p.coverage != Coverage::None || p.last_contact.is_some());
        match contacts.as_slice() {
            [] => push(
                risks,
                RiskCode::NoCoverage,
                Severity::High,
                Vec::new(),
                tx(lang, "Nobody in this account has been contacted yet.".into(), "该客户尚未接触任何人。".into()),
                tx(lang, "Plan first contacts, starting with whoever can introduce us to the decision maker.".into(), "规划首批接触，从能引荐决策者的人开始。".into()),
            ),
            [only] => {
                let who = cx.doc.stakeholders.get(*only).map(|p| name_of(p, lang)).unwrap_or_default();
                push(
                    risks,
                    RiskCode::SingleThreaded,
                    Severity::High,
                    vec![*only],
                    tx(lang, format!("Single-threaded: everything runs through {who}."), format!("单线联系：所有信息都经由{who}。")),
                    tx(lang, format!("Build more relationships: ask {who} for introductions, and reach the decision maker's team directly."),
                       format!("拓展多线关系：请{who}引荐，并直接接触决策者团队。")),
                );
            }
            _ => {}
        }
    }
    let unowned = cx.indices(|p| {
        p.owner.is_none() && (is_key(p) || p.role == Role::Champion || p.role == Role::Blocker)
    });
    if !unowned.is_empty() {
        let who = names(&people(cx, &unowned), lang);
        push(
            risks,
            RiskCode::KeyPersonWithoutOwner,
            Severity::Medium,
            unowned,
            tx(
                lang,
                format!("Key people nobody on our team owns: {who}."),
                format!("关键人物无我方负责人：{who}。"),
            ),
            tx(
                lang,
                "Assign an owner on our team to each, at a matching level of seniority.".into(),
                "为每位指定级别相当的我方负责人。".into(),
            ),
        );
    }
}

fn stale_risk(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    let today = cx.options.today.days_since_epoch();
    let limit = cx.options.stale_after_days;
    let stale = cx.indices(|p| {
        p.last_verified
            .is_some_and(|d| today - d.days_since_epoch() > limit)
    });
    if stale.is_empty() {
        return;
    }
    let who = names(&people(cx, &stale), lang);
    let key = stale
        .iter()
        .any(|&i| cx.doc.stakeholders.get(i).is_some_and(is_key));
    push(
        risks,
        RiskCode::StaleInformation,
        if key { Severity::Medium } else { Severity::Low },
        stale,
        tx(
            lang,
            format!("Information not verified for more than {limit} days: {who}."),
            format!("超过 {limit} 天未核实的信息：{who}。"),
        ),
        tx(
            lang,
            "Re-check their role, stance and interests: people move and organisations change."
                .into(),
            "重新核实其角色、态度和诉求：人事和组织都会变化。".into(),
        ),
    );
}

fn path_risk(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    let unreachable = cx.paths.unreachable.clone();
    if unreachable.is_empty() {
        return;
    }
    let who = names(&people(cx, &unreachable), lang);
    push(
        risks,
        RiskCode::NoPathToDecisionMaker,
        if cx.stage() == Stage::Early { Severity::Medium } else { Severity::High },
        unreachable,
        tx(lang, format!("No chain of relationships leads from any supporter to {who}."), format!("没有任何支持者能通过关系链到达{who}。")),
        tx(lang, "Find who is close to them (their reports, allies, assistant) and win one of those people, or ask a supporter for an introduction.".into(),
           "找出与其关系近的人（下属、盟友、助理）并争取其中一位，或请支持者引荐。".into()),
    );
}

fn overdue_risk(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    let overdue: Vec<&super::OpenAction> = cx.actions.iter().filter(|a| a.overdue).collect();
    if overdue.is_empty() {
        return;
    }
    let mut involved: Vec<usize> = overdue.iter().map(|a| a.person).collect();
    involved.sort_unstable();
    involved.dedup();
    let count = overdue.len();
    push(
        risks,
        RiskCode::OverdueActions,
        if count >= 3 {
            Severity::Medium
        } else {
            Severity::Low
        },
        involved,
        tx(
            lang,
            if count == 1 {
                "1 planned action is past its due date.".to_owned()
            } else {
                format!("{count} planned actions are past their due date.")
            },
            format!("有 {count} 项计划行动已逾期。"),
        ),
        tx(
            lang,
            "Do them or re-plan them with a new date in this week's review.".into(),
            "在本周复盘中完成或重新安排日期。".into(),
        ),
    );
}
