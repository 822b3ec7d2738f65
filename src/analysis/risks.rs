//! Risks and gaps in a deal, each with a stable code, a severity, the people
//! involved and a suggested action.

use super::text::{name_of, names, role_name, stance_name, tx};
use super::{Context, Severity};
use crate::lang::Language;
use crate::model::{Coverage, Role, Stage, Stakeholder, Stance};

/// What kind of risk; the snake_case name is stable for scripts and reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RiskCode {
    /// Most of the map, or every key player, is unverified or older than the
    /// staleness window: re-verify before planning on it.
    MapStale,
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
    /// Someone who moves a decision maker is against us, or in conflict with our
    /// champion or a supporter.
    DmAdviserNotWithUs,
    /// Someone who favours a competitor influences a decision maker or the
    /// specifications.
    CompetitorChampion,
    /// A decision maker, approver or power 4–5 person nobody on our team has met.
    KeyPersonNeverMet,
    /// A champion who fails (or may fail) the champion test.
    WeakChampion,
    /// An approver we know only briefly.
    ApproverNotCovered,
    /// All our contacts sit outside the department that owns the purchase.
    ContactsOutsideOwnerDepartment,
    /// An untagged executive above the tagged decision maker probably decides or
    /// approves too.
    TaggedDmOutranked,
    /// Late stage, close within 30 days, with a high risk open or overdue actions
    /// on people who can stop the deal.
    CloseDateAtRisk,
    /// A planned introduction runs through someone in conflict with the person to
    /// be introduced to, or with their adviser.
    IntroductionAcrossConflict,
    /// Someone against us drafts the specifications or the tender documents.
    SpecWriterNotWithUs,
    /// The stance last observed in the interaction log is worse than one observed
    /// earlier within the staleness window.
    StanceWorsened,
}

impl RiskCode {
    /// Every code.
    pub const ALL: [Self; 23] = [
        Self::NoDecisionMaker,
        Self::DecisionMakerNotSupportive,
        Self::DecisionMakerStanceUnknown,
        Self::NoChampion,
        Self::PowerfulOpponent,
        Self::HighPowerUnknownStance,
        Self::SingleThreaded,
        Self::NoCoverage,
        Self::KeyPersonWithoutOwner,
        Self::StaleInformation,
        Self::NoPathToDecisionMaker,
        Self::OverdueActions,
        Self::MapStale,
        Self::DmAdviserNotWithUs,
        Self::CompetitorChampion,
        Self::KeyPersonNeverMet,
        Self::WeakChampion,
        Self::ApproverNotCovered,
        Self::ContactsOutsideOwnerDepartment,
        Self::TaggedDmOutranked,
        Self::CloseDateAtRisk,
        Self::IntroductionAcrossConflict,
        Self::SpecWriterNotWithUs,
    ];

    /// The code written as [`RiskCode::as_str`] writes it.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == code)
    }

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
            Self::MapStale => "map_stale",
            Self::DmAdviserNotWithUs => "dm_adviser_not_with_us",
            Self::CompetitorChampion => "competitor_champion",
            Self::KeyPersonNeverMet => "key_person_never_met",
            Self::WeakChampion => "weak_champion",
            Self::ApproverNotCovered => "approver_not_covered",
            Self::ContactsOutsideOwnerDepartment => "contacts_outside_owner_department",
            Self::TaggedDmOutranked => "tagged_dm_outranked",
            Self::CloseDateAtRisk => "close_date_at_risk",
            Self::IntroductionAcrossConflict => "introduction_across_conflict",
            Self::SpecWriterNotWithUs => "spec_writer_not_with_us",
            Self::StanceWorsened => "stance_worsened",
        }
    }

    /// The risk in a few words, for readers: the code is for scripts and never
    /// shown to a Chinese reader.
    pub fn title(self, language: Language) -> &'static str {
        let (en, zh) = match self {
            Self::MapStale => ("map out of date", "地图信息过时"),
            Self::NoDecisionMaker => ("no decision maker identified", "尚未明确决策者"),
            Self::DecisionMakerNotSupportive => {
                ("decision maker not yet with us", "决策者尚未支持我方")
            }
            Self::DecisionMakerStanceUnknown => {
                ("decision maker's stance unknown", "决策者态度不明")
            }
            Self::NoChampion => ("no champion", "没有内线"),
            Self::PowerfulOpponent => ("powerful opponent", "位高权重的反对者"),
            Self::HighPowerUnknownStance => {
                ("powerful people of unknown stance", "有分量的人态度不明")
            }
            Self::SingleThreaded => ("single-threaded", "单线联系"),
            Self::NoCoverage => ("nobody contacted", "尚未接触任何人"),
            Self::KeyPersonWithoutOwner => ("key people without an owner", "关键人无人负责"),
            Self::StaleInformation => ("information not verified", "信息久未核实"),
            Self::NoPathToDecisionMaker => ("no way to the decision maker", "搭不上决策者"),
            Self::OverdueActions => ("overdue actions", "行动逾期"),
            Self::DmAdviserNotWithUs => (
                "a decision maker's adviser is not with us",
                "决策者的亲信不站在我方",
            ),
            Self::CompetitorChampion => ("a competitor's champion", "竞争对手的内线"),
            Self::KeyPersonNeverMet => ("key person never met", "关键人从未接触"),
            Self::WeakChampion => ("champion not proven", "内线不过硬"),
            Self::ApproverNotCovered => ("approver barely known", "审批人关系浅"),
            Self::ContactsOutsideOwnerDepartment => {
                ("no contact in the owning department", "未接触业务归口部门")
            }
            Self::TaggedDmOutranked => (
                "someone above the tagged decision maker",
                "决策者之上还有领导",
            ),
            Self::CloseDateAtRisk => ("close date at risk", "签约日期难保"),
            Self::IntroductionAcrossConflict => {
                ("introduction across a conflict", "引荐人与对方有冲突")
            }
            Self::SpecWriterNotWithUs => {
                ("specifications drafted against us", "参数起草人反对我方")
            }
            Self::StanceWorsened => ("stance worsened", "态度转差"),
        };
        match language {
            Language::English => en,
            Language::Chinese => zh,
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
    find_risks_on(
        cx,
        cx.doc.stakeholders.len() >= super::PARALLEL_INFLUENCE_FROM,
    )
}

/// [`find_risks`], the coaching risks beside the basic ones when `parallel`:
/// neither reads the other's, and they are joined in the same order.
fn find_risks_on(cx: &Context<'_>, parallel: bool) -> Vec<Risk> {
    let coaching = || {
        let mut risks = Vec::new();
        super::coach_risks::coach_risks(cx, &mut risks);
        risks
    };
    let basic = || {
        let mut risks = Vec::new();
        decision_maker_risks(cx, &mut risks);
        champion_risk(cx, &mut risks);
        opponent_risks(cx, &mut risks);
        coverage_risks(cx, &mut risks);
        risks
    };
    let (mut risks, more) = super::both(parallel, coaching, basic);
    risks.extend(more);
    // A stale map says it all; the list of stale people would repeat it.
    if !risks.iter().any(|r| r.code == RiskCode::MapStale) {
        stale_risk(cx, &mut risks);
    }
    path_risk(cx, &mut risks);
    overdue_risk(cx, &mut risks);
    super::coach_risks::close_date_at_risk(cx, &mut risks);
    super::trend::stance_worsened(cx, &mut risks);
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
                   format!("尚未明确谁是决策者；最可能拍板的是{}。", name_of(person, lang))),
                tx(lang, format!("Confirm with your champion who has the final say, and whether it is {}.", name_of(person, lang)),
                   format!("向内线确认最终由谁拍板，是不是{}。", name_of(person, lang))),
            ),
            None => (
                tx(lang, "Nobody is identified as the decision maker.".into(), "尚未明确谁是决策者。".into()),
                tx(lang, "Find out who has the final say: ask your contacts how the last comparable purchase was decided.".into(),
                   "弄清最终由谁拍板：问问联系人，上一次类似采购是怎么决策的。".into()),
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
               format!("决策者尚未支持我方：{}。", described.join("、"))),
            tx(lang, "Learn their business agenda and concerns; bring an ROI case and a peer reference, and arrange an executive meeting with our senior sponsor.".into(),
               "摸清其业务诉求与顾虑；带上投资回报测算和同级别客户案例，安排我方高层拜访。".into()),
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
                format!("还不清楚决策者{who}的态度。"),
            ),
            tx(
                lang,
                format!("Ask your champion how {who} sees the project, and seek a first meeting."),
                format!("请内线打听{who}对项目的看法，并争取初次会面。"),
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
    // Whom to test: an advocate, else the weightiest supporter we have met — never
    // a decision maker, who cannot introduce us to themselves.
    let deciding = |i: &usize| cx.deciding.contains(*i);
    let to_test = advocates
        .iter()
        .copied()
        .find(|i| !deciding(i))
        .or_else(|| {
            cx.indices(|p| p.stance == Stance::Supporter && super::Recency::met(p))
                .into_iter()
                .filter(|i| !deciding(i))
                .max_by_key(|&i| {
                    let power = cx.doc.stakeholders.get(i).map_or(0, |p| p.power.level());
                    (power, std::cmp::Reverse(i))
                })
        });
    let dm = cx
        .decision_makers
        .first()
        .copied()
        .or_else(|| cx.candidates.first().map(|c| c.person))
        .filter(|&d| Some(d) != to_test)
        .and_then(|d| cx.doc.stakeholders.get(d));
    let message = if advocates.is_empty() {
        tx(
            lang,
            "Nobody is our champion: we have no inside supporter to coach us.".into(),
            "还没有内线：客户内部没有人为我们指点。".into(),
        )
    } else {
        let who = names(&people(cx, &advocates), lang);
        let verb = if advocates.len() == 1 {
            "advocates"
        } else {
            "advocate"
        };
        tx(
            lang,
            format!(
                "Nobody is tagged as our champion; {who} {verb} for us, but that is not proof yet."
            ),
            format!("尚未标记内线；{who}力挺我们，但还未经检验。"),
        )
    };
    // A champion is proven by what they do: the advice is a test, not a label.
    let candidate = to_test.and_then(|t| cx.doc.stakeholders.get(t));
    let action = match (candidate, dm) {
        (Some(c), Some(dm)) => {
            let (c, dm) = (name_of(c, lang), name_of(dm, lang));
            tx(
                lang,
                format!("Test {c}: ask them to arrange a meeting with {dm}, or to tell you how the decision will really be made — only if they do is {c} a champion; then tag them."),
                format!("检验{c}：请其安排与{dm}的会面，或讲清决策的真实流程——做得到，{c}才算内线，再标记为内线。"),
            )
        }
        (Some(c), None) => {
            let c = name_of(c, lang);
            tx(
                lang,
                format!("Test {c}: ask them who has the final say and to arrange a meeting with that person — only if they do is {c} a champion."),
                format!("检验{c}：请其说出谁拍板，并安排与此人会面——做得到，{c}才算内线。"),
            )
        }
        (None, Some(dm)) => {
            let dm = name_of(dm, lang);
            tx(
                lang,
                format!("Find someone who gains from the project and can reach {dm}; test them by asking for a meeting with {dm} before you count on them."),
                format!("找一位能从项目中获益、又能接触到{dm}的人；先请其安排与{dm}会面，做得到再当内线用。"),
            )
        }
        (None, None) => tx(
            lang,
            "Find someone who gains from the project and knows how the decision is made; test them by asking for a meeting with whoever has the final say.".into(),
            "找一位能从项目中获益、又了解决策过程的人；先请其安排与拍板人会面，做得到再当内线用。".into(),
        ),
    };
    let severity = match cx.stage() {
        Stage::Early => Severity::Medium,
        Stage::Middle | Stage::Late => Severity::High,
    };
    push(
        risks,
        RiskCode::NoChampion,
        severity,
        if advocates.is_empty() {
            to_test.into_iter().collect()
        } else {
            advocates
        },
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
            tx(lang, if described.len() == 1 { format!("A powerful person opposes us: {}.", described.join(", ")) } else { format!("Powerful people oppose us: {}.", described.join(", ")) },
               format!("有位高权重的反对者：{}。", described.join("、"))),
            tx(lang, "First understand their concerns and interests one-to-one; answer with data, cases and references; look for common ground; if needed bring in a more senior sponsor or a third-party expert.".into(),
               "先单独了解其顾虑和利益诉求；用数据、案例和客户证言回应；寻找共同利益；必要时请更高层的支持者或第三方专家出面。".into()),
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
            unknown.clone(),
            tx(lang,
               if unknown.len() == 1 { format!("A powerful person whose stance we do not know: {who}.") } else { format!("Powerful people whose stance we do not know: {who}.") },
               format!("{who}位高权重，我们却还不清楚其态度。")),
            tx(lang, "Find out where they stand before they take a position: ask the champion, and meet them briefly.".into(),
               "赶在对方表态之前摸清态度：先问内线，再争取简短会面。".into()),
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
                tx(lang, "Nobody in this account has been contacted yet.".into(), "这个客户我们还一个人都没接触过。".into()),
                tx(lang, "Plan first contacts, starting with whoever can introduce us to the decision maker.".into(), "规划首批接触，先从能引荐决策者的人入手。".into()),
            ),
            [only] => {
                let who = cx.doc.stakeholders.get(*only).map(|p| name_of(p, lang)).unwrap_or_default();
                push(
                    risks,
                    RiskCode::SingleThreaded,
                    Severity::High,
                    vec![*only],
                    tx(lang, format!("Single-threaded: everything runs through {who}."), format!("单线联系：所有信息都只经过{who}一个人。")),
                    tx(lang, format!("Build more relationships: ask {who} for introductions, and reach the decision maker's team directly."),
                       format!("拓展多线关系：请{who}引荐，同时直接接触决策者身边的人。")),
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
                format!("还没有我方负责人的关键人：{who}。"),
            ),
            tx(
                lang,
                "Assign an owner on our team to each, at a matching level of seniority.".into(),
                "为每位关键人指定级别相当的我方负责人。".into(),
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
            format!(
                "What we know about {who} has not been verified for more than {}.",
                super::text::days(limit, lang)
            ),
            format!("{who}的信息已超过 {limit} 天未核实。"),
        ),
        tx(
            lang,
            "Re-check their role, stance and interests: people move and organisations change."
                .into(),
            "重新核实其职务、态度和诉求：人事和组织随时会变。".into(),
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
        tx(lang, format!("No chain of relationships leads from any supporter to {who}."), format!("从我方支持者出发，没有一条无冲突的关系链能通到{who}。")),
        tx(lang, "Find who is close to them (their reports, allies, assistant) and win one of those people, or ask a supporter for an introduction.".into(),
           "找出与其走得近的人（下属、盟友、助理）并争取其中一位，或请支持者引荐。".into()),
    );
}

/// Whether overdue actions on this person weigh more: they decide, approve, guard
/// a gate or stand against us.
fn weighs(cx: &Context<'_>, person: usize) -> bool {
    cx.deciding.contains(person)
        || cx.buying.is_approver(person)
        || cx.buying.is_gate(person)
        || cx.doc.stakeholders.get(person).is_some_and(|p| {
            matches!(
                p.role,
                Role::DecisionMaker | Role::Gatekeeper | Role::Blocker
            ) || p.stance.is_against()
        })
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
    let heavy_people: Vec<usize> = involved
        .iter()
        .copied()
        .filter(|&i| weighs(cx, i))
        .collect();
    let heavy = overdue.iter().filter(|a| weighs(cx, a.person)).count();
    let count = overdue.len();
    // Late in the deal a slipped step with someone who can stop it can cost the
    // deal; early on, a backlog matters more than one late item.
    let severity = match cx.stage() {
        Stage::Late if heavy > 0 => Severity::High,
        Stage::Late if count >= 2 => Severity::Medium,
        Stage::Middle if heavy > 0 || count >= 3 => Severity::Medium,
        Stage::Early if heavy >= 2 || count >= 3 => Severity::Medium,
        _ => Severity::Low,
    };
    let who = names(&people(cx, &heavy_people), lang);
    let someone = if heavy_people.len() == 1 {
        "someone who can stop the deal"
    } else {
        "people who can stop the deal"
    };
    let english_count = if count == 1 {
        "1 planned action is past its due date".to_owned()
    } else {
        format!("{count} planned actions are past their due date")
    };
    let message = if heavy_people.is_empty() {
        tx(
            lang,
            format!("{english_count}."),
            format!("有 {count} 项计划行动已逾期。"),
        )
    } else if heavy == count {
        tx(
            lang,
            format!("{english_count}, with {someone}: {who}."),
            format!("有 {count} 项计划行动已逾期，涉及能左右成败的{who}。"),
        )
    } else {
        tx(
            lang,
            format!("{english_count}; {heavy} of them with {someone}: {who}."),
            format!("有 {count} 项计划行动已逾期，其中 {heavy} 项涉及能左右成败的{who}。"),
        )
    };
    let action = if count == 1 {
        tx(
            lang,
            "Do it this week, or re-plan it with a new date.".into(),
            "本周完成，或重新排定日期。".into(),
        )
    } else if heavy_people.is_empty() {
        tx(
            lang,
            "Do them or re-plan them with a new date in this week's review.".into(),
            "在本周复盘中完成，或重新排定日期。".into(),
        )
    } else {
        tx(
            lang,
            format!("This week, first the ones with {who}; re-plan the rest with a new date."),
            format!("本周先完成涉及{who}的行动，其余的重新排定日期。"),
        )
    };
    push(
        risks,
        RiskCode::OverdueActions,
        severity,
        involved,
        message,
        action,
    );
}

#[cfg(test)]
mod tests {
    use super::RiskCode;

    #[test]
    fn every_code_reads_back_and_unknown_codes_do_not() {
        for code in RiskCode::ALL {
            assert_eq!(RiskCode::from_code(code.as_str()), Some(code));
        }
        let mut codes: Vec<&str> = RiskCode::ALL.iter().map(|c| c.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), RiskCode::ALL.len(), "codes are unique");
        assert_eq!(RiskCode::from_code("no such risk"), None);
        assert_eq!(RiskCode::from_code(""), None);
    }
}
