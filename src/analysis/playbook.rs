//! The built-in communication playbook: a default plan for each buying role, in
//! English and in Simplified Chinese.
//!
//! The texts are what a seasoned sales manager would tell a rep about each role:
//! what we want from these people, what we tell them, what we bring, how we reach
//! them and how often. Every field is a few short lines, one point per line, each
//! starting with "• ", so the team can edit, delete or add points for their own map.

use crate::lang::Language;
use crate::model::{Plan, PlanPart, Role};

/// The bullet that starts every line of a playbook text.
const BULLET: &str = "• ";

/// The lines of one plan, without bullets.
pub(super) struct Texts {
    pub(super) objective: &'static [&'static str],
    pub(super) key_messages: &'static [&'static str],
    pub(super) evidence: &'static [&'static str],
    pub(super) channels: &'static [&'static str],
    pub(super) cadence: &'static [&'static str],
}

impl Texts {
    fn part(&self, part: PlanPart) -> &'static [&'static str] {
        match part {
            PlanPart::Objective => self.objective,
            PlanPart::KeyMessages => self.key_messages,
            PlanPart::Evidence => self.evidence,
            PlanPart::Channels => self.channels,
            PlanPart::Cadence => self.cadence,
        }
    }
}

/// The built-in text of one part of the plan for people in `role`, in `language`:
/// what a seasoned sales manager would advise.
pub fn playbook_text(role: Role, part: PlanPart, language: Language) -> String {
    bullets(texts(role, language).part(part))
}

/// Where the text of one part of a plan comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartSource {
    /// The built-in playbook, in the reader's language.
    Playbook,
    /// The team wrote it, in this language (as recorded, or as its letters
    /// suggest for plans from older versions; `None` when neither tells).
    Team(Option<Language>),
}

/// One part of a plan as a reader in one language sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownPart {
    /// Which part.
    pub part: PlanPart,
    /// Its text.
    pub text: String,
    /// Where the text comes from.
    pub source: PartSource,
}

impl ShownPart {
    /// The language of the team's text when it is not `language`: the report says
    /// so next to it.
    pub fn other_language(&self, language: Language) -> Option<Language> {
        match self.source {
            PartSource::Team(Some(written)) if written != language => Some(written),
            _ => None,
        }
    }
}

/// Whether `text` is the playbook's own text for `role` and `part`, in either
/// language, in today's or the earlier wording (plans saved by older versions held
/// every part, also those nobody edited).
fn is_playbook_text(role: Role, part: PlanPart, text: &str) -> bool {
    Language::ALL.iter().any(|l| {
        playbook_text(role, part, *l).trim() == text.trim()
            || bullets(super::playbook_v1::previous(role, *l).part(part)).trim() == text.trim()
    })
}

/// The parts of the plan for `role` as a reader in `language` sees them: what the
/// team wrote, and the playbook in `language` for every part the team did not
/// write.
pub fn shown_plan(role: Role, plan: Option<&Plan>, language: Language) -> Vec<ShownPart> {
    PlanPart::ALL
        .iter()
        .map(|&part| {
            let written = plan
                .and_then(|p| p.part(part))
                .filter(|w| !is_playbook_text(role, part, &w.text));
            match written {
                Some(written) => ShownPart {
                    part,
                    text: written.text.clone(),
                    source: PartSource::Team(
                        written.language.or_else(|| detect_language(&written.text)),
                    ),
                },
                None => ShownPart {
                    part,
                    text: playbook_text(role, part, language),
                    source: PartSource::Playbook,
                },
            }
        })
        .collect()
}

/// The plan with every part that only repeats the playbook taken out, so it follows
/// the playbook in each reader's language again: what an edit of a plan starts
/// from.
pub fn without_playbook_text(role: Role, plan: &Plan) -> Plan {
    let mut own = plan.clone();
    for part in PlanPart::ALL {
        let slot = own.part_mut(part);
        if slot
            .as_ref()
            .is_some_and(|w| is_playbook_text(role, part, &w.text))
        {
            *slot = None;
        }
    }
    own
}

/// The language a text is written in, judged from its letters: Chinese when CJK
/// ideographs make up a good part of it (a Chinese word takes about two characters,
/// an English one about five letters), English when it has Latin letters, else
/// `None`.
pub fn detect_language(text: &str) -> Option<Language> {
    let cjk = text
        .chars()
        .filter(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}'))
        .count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    if cjk > 0 && cjk * 3 >= latin {
        Some(Language::Chinese)
    } else if latin > 0 {
        Some(Language::English)
    } else {
        None
    }
}

/// Joins `lines` into one text, one bulleted point per line.
fn bullets(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|line| format!("{BULLET}{line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The playbook entry for `role` in `language`.
fn texts(role: Role, language: Language) -> &'static Texts {
    match (role, language) {
        (Role::DecisionMaker, Language::English) => &DECISION_MAKER_EN,
        (Role::DecisionMaker, Language::Chinese) => &DECISION_MAKER_ZH,
        (Role::Influencer, Language::English) => &INFLUENCER_EN,
        (Role::Influencer, Language::Chinese) => &INFLUENCER_ZH,
        (Role::EndUser, Language::English) => &END_USER_EN,
        (Role::EndUser, Language::Chinese) => &END_USER_ZH,
        (Role::Gatekeeper, Language::English) => &GATEKEEPER_EN,
        (Role::Gatekeeper, Language::Chinese) => &GATEKEEPER_ZH,
        (Role::Blocker, Language::English) => &BLOCKER_EN,
        (Role::Blocker, Language::Chinese) => &BLOCKER_ZH,
        (Role::Champion, Language::English) => &CHAMPION_EN,
        (Role::Champion, Language::Chinese) => &CHAMPION_ZH,
        (Role::Unknown, Language::English) => &UNKNOWN_EN,
        (Role::Unknown, Language::Chinese) => &UNKNOWN_ZH,
    }
}

// ---------------------------------------------------------------------------
// Decision maker (决策者)
// ---------------------------------------------------------------------------

const DECISION_MAKER_EN: Texts = Texts {
    objective: &[
        "Win executive sponsorship: they back the project openly and give it priority and budget.",
        "Secure the final yes, on terms that let the project succeed.",
    ],
    key_messages: &[
        "Business outcomes first: what changes for their targets this year (revenue, cost, quality, speed).",
        "ROI and payback: what it costs, what it returns, and when it pays back.",
        "Risk reduction: proven delivery, a clear plan, and what we do if something goes wrong.",
        "Strategic fit: how the project supports the company's strategy and their own priorities.",
    ],
    evidence: &[
        "A one-page business case and ROI model built on their own numbers, checked with their finance team.",
        "Peer references at their level: a call or meeting with an executive from a similar company.",
        "An executive visit to a reference customer's site.",
        "An implementation and risk plan: phases, milestones, who is accountable, how risks are handled.",
    ],
    channels: &[
        "Executive-to-executive meetings: bring our senior leader, matched to their level.",
        "Short briefings (15–30 minutes) with a clear agenda and one decision to ask for.",
        "Site visits to reference customers.",
        "The sign-off route: find out which body decides (in Chinese state-owned groups a major purchase is a collective decision), get the project on its agenda, and prepare the papers it expects.",
    ],
    cadence: &[
        "Monthly, plus a meeting at each milestone (proposal, pilot result, negotiation, signing).",
        "Never waste their time: every contact brings something new and ends with a clear next step.",
    ],
};

const DECISION_MAKER_ZH: Texts = Texts {
    objective: &[
        "赢得高层支持：决策者公开支持项目，给予优先级和预算。",
        "拿到最终拍板，并确保签约条件能让项目真正落地。",
    ],
    key_messages: &[
        "先讲业务结果：项目能帮其达成哪些经营目标（收入、成本、质量、效率）。",
        "讲清投资回报：投入多少、回报多少、多久回本。",
        "降低风险：交付能力有案例验证，实施计划清晰，出了问题有兜底方案。",
        "战略契合：项目如何支撑公司战略和其本人的工作重点。",
    ],
    evidence: &[
        "一页纸的商业论证和投资回报（ROI）测算，用客户自己的数据，并请其财务部门确认口径。",
        "同级别的客户推荐：安排与同行企业高管通话或见面。",
        "邀请决策者到样板客户现场参观。",
        "实施与风险管控方案：分阶段计划、里程碑、责任人和风险应对措施。",
    ],
    channels: &[
        "高层拜访：请我方高管出面，对等沟通。",
        "简短汇报（15–30分钟），议程清晰，每次只请其做一个决定。",
        "样板客户参观。",
        "摸清上会程序：项目要上总经理办公会、党委会还是校长办公会（国企“三重一大”事项须集体决策），请决策者推动列入议程，上会材料提前按要求备好。",
    ],
    cadence: &[
        "每月至少沟通一次；每个关键节点（方案、试点结果、商务谈判、签约）都要专门汇报。",
        "不浪费其时间：每次接触都要带来新内容，并明确下一步。",
    ],
};

// ---------------------------------------------------------------------------
// Influencer (影响者)
// ---------------------------------------------------------------------------

const INFLUENCER_EN: Texts = Texts {
    objective: &[
        "Make them our advocates in the evaluation: they score us well and argue for us when we are not in the room.",
        "Learn how they will score vendors, and help shape the criteria where we are strong.",
    ],
    key_messages: &[
        "Speak to their criteria: technical experts care about fit, integration and reliability; finance about total cost and predictable spending.",
        "Integration: how we connect to their existing systems and data with little disruption.",
        "Total cost of ownership over 3–5 years (licences, implementation, operation, staff), compared honestly with the alternatives.",
        "Recommending us is safe for their reputation: the solution holds up under scrutiny.",
    ],
    evidence: &[
        "Technical proof: documentation, architecture details, answers on security and compliance.",
        "Demos on their own data, not a generic demo.",
        "A proof of concept with success criteria agreed in writing beforehand.",
        "A reference architecture from a similar customer, and a call with that customer's technical team.",
        "A TCO model for the finance lead, with assumptions they can change themselves.",
    ],
    channels: &[
        "Technical workshops: their experts with our solution engineers.",
        "Q&A sessions: collect questions in advance, answer each one in writing afterwards.",
        "Solution reviews at the key steps of the evaluation.",
        "Before the tender specifications are final, a technical exchange that puts our strengths into them, with specs that stay open to every qualified supplier and stand up to the evaluation experts.",
    ],
    cadence: &[
        "Weekly during the evaluation; monthly otherwise.",
        "Answer every open question within two working days.",
    ],
};

const INFLUENCER_ZH: Texts = Texts {
    objective: &[
        "让技术专家和财务负责人在评估中成为我们的支持者，我们不在场时也能替我们说话。",
        "摸清评估标准和打分方式，在我方有优势的方面引导标准。",
    ],
    key_messages: &[
        "针对各自关注点沟通：技术专家看技术匹配度、系统集成和稳定性；财务看总体拥有成本和支出是否可控。",
        "系统集成：如何与现有系统和数据平滑对接，对业务影响最小。",
        "总体拥有成本（TCO）：算清3–5年的软件、实施、运维和人力投入，并与其他方案客观对比。",
        "推荐我们不会让其担风险：方案经得起推敲，能为其专业判断加分。",
    ],
    evidence: &[
        "技术证明材料：技术白皮书、架构说明、安全与合规答复。",
        "用客户自己的数据做演示，而不是通用演示。",
        "概念验证（POC）：事先书面约定成功标准。",
        "同类客户的参考架构，并安排与对方技术团队交流。",
        "给财务负责人的TCO测算模型，假设条件可由对方自行调整。",
    ],
    channels: &[
        "技术交流会：我方售前和解决方案专家与客户技术团队深入交流。",
        "答疑会：提前收集问题，会后逐条书面回复。",
        "方案评审：在评估的关键节点一起评审方案。",
        "招标参数定稿前安排技术交流，把我方优势写进参数，同时确保参数对合格供应商开放、经得起评标专家逐条审查。",
    ],
    cadence: &[
        "评估期间每周沟通；其他时间每月一次。",
        "每个遗留问题两个工作日内给出答复。",
    ],
};

// ---------------------------------------------------------------------------
// End user (最终用户)
// ---------------------------------------------------------------------------

const END_USER_EN: Texts = Texts {
    objective: &[
        "Show that their daily work gets easier: fewer steps, less rework, less overtime.",
        "Win their voice in the evaluation: users who have tried it and speak up for it.",
    ],
    key_messages: &[
        "Concrete benefits in their own tasks, e.g. \"the monthly report takes ten minutes instead of a day\".",
        "Easy to learn: training and support are included, and someone is there to help at go-live.",
        "Their feedback counts: we configure the system around how they actually work.",
    ],
    evidence: &[
        "Hands-on demos where they use the product themselves on real tasks.",
        "A pilot with a small user group, measuring time and errors before and after.",
        "A training and support plan: who is trained, when, and where to get help.",
        "References from users in similar jobs, ideally a user-to-user conversation.",
    ],
    channels: &[
        "Hands-on workshops in small groups.",
        "Pilot groups, with a named contact on our side.",
        "Visits to a reference customer's site to see users at work.",
    ],
    cadence: &[
        "Around pilots and demos: a kickoff, a weekly check-in during the pilot, a review at the end.",
        "Pass their results on to the influencers and the decision maker.",
    ],
};

const END_USER_ZH: Texts = Texts {
    objective: &[
        "让用户看到日常工作会更轻松：步骤更少、返工更少、加班更少。",
        "在评估中赢得一线用户的声音：试用过的用户主动替我们说话。",
    ],
    key_messages: &[
        "结合用户的具体工作讲好处，例如“月报从一天缩短到十分钟”。",
        "上手容易：包含培训和支持，上线时有专人现场保障。",
        "重视一线的意见：按用户的实际工作方式做配置。",
    ],
    evidence: &[
        "动手演示：让用户自己用真实业务操作。",
        "小范围试点，对比试点前后的耗时和差错。",
        "培训与支持计划：培训谁、什么时候培训、遇到问题找谁。",
        "同岗位用户的推荐，最好安排用户之间直接交流。",
    ],
    channels: &[
        "小组形式的实操工作坊。",
        "试点小组，我方指定专人对接。",
        "到样板客户现场参观，看一线用户怎么用。",
    ],
    cadence: &[
        "围绕试点和演示安排：启动会、试点期间每周回访、结束时总结。",
        "把试点成果及时同步给影响者和决策者。",
    ],
};

// ---------------------------------------------------------------------------
// Gatekeeper (看门人)
// ---------------------------------------------------------------------------

const GATEKEEPER_EN: Texts = Texts {
    objective: &[
        "Earn access respectfully: time in the right calendars, our materials passed on, early word of meetings and decisions.",
        "Become a contact they trust and are glad to help, not someone they have to filter out.",
    ],
    key_messages: &[
        "We respect their role and their time: we ask rather than demand.",
        "We make their job easier: clear requests, materials ready to forward, no surprises.",
        "We keep our promises: whatever we say we will send arrives on time.",
    ],
    evidence: &[
        "Concise materials they can forward as they are: a one-page summary, a ready-made e-mail text.",
        "A clear agenda with every meeting request: purpose, attendees, duration, what their executive gains.",
        "Prompt, accurate answers to procurement and IT requests (forms, qualifications, security questionnaires).",
        "Compliance: every exchange documented and able to stand an audit; no side promises, no way around the tender process, gifts and meals within the customer's rules.",
    ],
    channels: &[
        "Courteous, regular contact by phone, e-mail or a short visit.",
        "Work through them, never carelessly around them: if we must reach their boss directly, tell them first or keep them informed.",
        "Thank them in person, and mention their help to their manager where appropriate.",
    ],
    cadence: &[
        "Regular light touch: a short contact every two to four weeks, and always before a meeting request.",
        "Thank them after every meeting they helped arrange.",
    ],
};

const GATEKEEPER_ZH: Texts = Texts {
    objective: &[
        "以尊重换取通道：顺利约到关键人的时间，材料能被转交，会议和决策动态能提前知道。",
        "成为对方信任、愿意配合的联系人，而不是被挡在门外的人。",
    ],
    key_messages: &[
        "尊重对方的角色和时间：多请教，少要求。",
        "让对方的工作更省事：需求说清楚，材料可直接转发，不添麻烦。",
        "说到做到：答应的事按时办到。",
    ],
    evidence: &[
        "可直接转发的简洁材料：一页纸摘要、写好的邮件正文。",
        "每次约见都附清晰议程：目的、参会人、时长、对其领导有什么价值。",
        "及时准确地响应采购或IT的要求（表格、资质文件、安全问卷）。",
        "合规留痕：往来有据可查，经得起纪检审计；不做私下承诺，不绕开招标程序，礼品宴请守客户的规矩。",
    ],
    channels: &[
        "礼貌、定期的联系：电话、邮件、微信或顺路拜访。",
        "通过对方办事，不要轻易绕开；确需直接联系其领导时，事先打招呼或事后告知。",
        "当面感谢对方的帮助，适当时在其领导面前肯定其付出。",
    ],
    cadence: &[
        "保持低频但持续的联系：每两到四周一次，约见前必先联系。",
        "每次会议安排好后及时致谢。",
    ],
};

// ---------------------------------------------------------------------------
// Blocker (阻碍者)
// ---------------------------------------------------------------------------

const BLOCKER_EN: Texts = Texts {
    objective: &[
        "Neutralise their opposition, or at least contain it so it cannot stop the deal.",
        "Where possible move them to neutral, and ideally make them part of the solution.",
    ],
    key_messages: &[
        "First understand their concerns and interests: meet one to one, listen, find out what they would lose or fear (budget, influence, workload, a failed project, a preferred vendor).",
        "Then answer those concerns point by point with data, cases and references, without arguing.",
        "Look for common ground: build on shared interests, make them part of the solution and give them credit.",
        "If needed, bring in a more senior sponsor or a third-party expert.",
    ],
    evidence: &[
        "Notes from the one-to-one talk: their concerns in their own words, what they stand to lose or gain.",
        "Figures, test results or a risk analysis answering each concern.",
        "Cases and references from customers where the same concern was raised and resolved, ideally people they respect.",
        "An independent opinion: an industry expert, consultant or analyst they trust.",
    ],
    channels: &[
        "Private one-to-one meetings; never confront or criticise them in front of others.",
        "Joint working sessions where their requirements are built into the solution.",
        "When needed, a meeting with a senior sponsor or an outside expert, prepared with our champion, never an ambush.",
    ],
    cadence: &[
        "Keep monitoring: check their stance every two weeks through our champion and other contacts.",
        "React at once to any move: a new objection, contact with a competitor, a change of role.",
    ],
};

const BLOCKER_ZH: Texts = Texts {
    objective: &[
        "化解反对，至少把反对控制在不影响成交的范围内。",
        "争取让其转为中立，最好能让其成为方案的一部分。",
    ],
    key_messages: &[
        "先了解其顾虑和利益诉求：一对一沟通，认真倾听，弄清其担心失去什么（预算、话语权、工作量、项目失败的责任、原有供应商）。",
        "再用数据、案例和客户推荐逐条回应这些顾虑，不争辩。",
        "寻找共同利益：请其参与方案设计，把改进的功劳记在其名下。",
        "必要时请更高层的支持者或第三方专家出面。",
    ],
    evidence: &[
        "一对一沟通的记录：用其原话记下顾虑，以及其可能的得失。",
        "针对每条顾虑的测算、测试结果或风险分析。",
        "类似顾虑已被解决的客户案例和推荐人，最好是其认可的人。",
        "独立意见：其信任的行业专家、咨询顾问或研究机构。",
    ],
    channels: &[
        "私下一对一沟通；绝不在公开场合与其对质或批评其做法。",
        "联合工作会，把其要求纳入方案。",
        "必要时安排高层拜访或第三方专家交流，事先与内线商量好，不搞突然袭击。",
    ],
    cadence: &[
        "持续跟踪：每两周通过内线和其他联系人了解其态度变化。",
        "一有动静立即应对：新的反对意见、与竞争对手接触、岗位变动。",
    ],
};

// ---------------------------------------------------------------------------
// Champion (内线 / 教练)
// ---------------------------------------------------------------------------

const CHAMPION_EN: Texts = Texts {
    objective: &[
        "Keep our inside supporter informed, equipped and protected, so they can sell for us when we are not there.",
        "Use them as our coach on the decision chain: how the decision is really made, who matters, what the competition is doing.",
    ],
    key_messages: &[
        "What's in it for them: a successful project to their name, recognition from their management, a step in their career.",
        "We have their back: they will never be left alone with an unanswered question or a surprise.",
        "Ask for coaching: \"Who else should we talk to? What could make this fail?\"",
    ],
    evidence: &[
        "Materials they can use internally: business case slides in their company's format, talking points, answers to likely objections.",
        "Regular updates on the deal: what happened, what comes next, what we need from whom.",
        "An early look at our proposal and pricing direction, so they can test it before it goes in officially.",
        "Stories of champions at other customers whom the project made look good.",
    ],
    channels: &[
        "Frequent informal contact: phone, messaging, coffee, a meal.",
        "Private briefings before and after important meetings.",
    ],
    cadence: &[
        "Weekly; in the late stage several times a week, before and after every key meeting.",
        "Check what they tell us against a second source, and don't overexpose them: never name them as our source or push them to take sides in public.",
    ],
};

const CHAMPION_ZH: Texts = Texts {
    objective: &[
        "让内线信息充分、弹药充足、不被暴露，我们不在场时也能替我们推动项目。",
        "请内线当教练：帮我们看清真实的决策链、关键人和竞争对手动向。",
    ],
    key_messages: &[
        "对其有什么好处：项目成功是其业绩，能得到领导认可，有利于职业发展。",
        "我方全力支持：不让其独自面对答不上来的问题或突发情况。",
        "主动请教：“还应该找谁？什么情况会让这个项目黄掉？”",
    ],
    evidence: &[
        "可在内部使用的材料：按客户内部格式做好的立项汇报PPT、讲解要点、常见质疑的应答口径。",
        "定期同步项目进展：发生了什么、下一步做什么、需要谁做什么。",
        "方案和报价思路提前请其过目，正式提交前先听其意见。",
        "其他客户的内线借项目成功获得认可的案例。",
    ],
    channels: &[
        "高频的非正式沟通：电话、微信、喝茶，适度的商务宴请。",
        "重要会议前后的私下沟通和情况通报。",
    ],
    cadence: &[
        "每周至少一次；后期每周多次，关键会议前后都要沟通。",
        "内线提供的信息要找第二个来源核实；不要过度暴露内线，绝不说其是消息来源，也不要让其公开站队。",
    ],
};

// ---------------------------------------------------------------------------
// Unknown role (角色未知)
// ---------------------------------------------------------------------------

const UNKNOWN_EN: Texts = Texts {
    objective: &[
        "Find out this person's role in the decision, their stance toward us and their interests.",
        "Within two weeks, decide whether they matter, assign a role and name an owner on our team.",
    ],
    key_messages: &[
        "Introduce ourselves briefly and neutrally; assume nothing about their position.",
        "Ask open questions: their responsibilities, how projects like this are decided, who else is involved.",
        "Listen for what they care about: goals, worries, past experience with vendors.",
    ],
    evidence: &[
        "Ask our champion: what does this person do, whom do they listen to, how do they see us?",
        "Check the org chart, reporting lines, the team's past notes and CRM records.",
        "Public sources: company website, annual report, tender notices, press, professional profiles.",
        "Watch meetings: who invited them, who they sit with, whose opinion they defer to.",
    ],
    channels: &[
        "A short introductory meeting or call (20–30 minutes), ideally introduced by someone they trust.",
        "Informal contact at meetings and events they attend.",
    ],
    cadence: &[
        "Start now: classify them within one to two weeks, then switch to the plan for their role.",
    ],
};

const UNKNOWN_ZH: Texts = Texts {
    objective: &[
        "弄清此人在决策中的角色、对我们的态度和利益诉求。",
        "两周内判断其是否关键，确定角色并指定我方负责人。",
    ],
    key_messages: &[
        "简短、中性地介绍自己，不预设对方的立场。",
        "多问开放式问题：其职责、这类项目怎么决策、还有谁参与。",
        "留意其关心什么：工作目标、顾虑、以往与供应商打交道的经历。",
    ],
    evidence: &[
        "问内线：此人负责什么、听谁的、怎么看我方。",
        "查组织架构图和汇报关系，翻看团队以往的拜访记录和CRM记录。",
        "公开信息：公司官网、年报、招标公告、新闻报道、职业社交资料。",
        "会上观察：谁邀请其参会、与谁走得近、听谁的意见。",
    ],
    channels: &[
        "一次简短的初次拜访或电话（20–30分钟），最好请其信任的人引荐。",
        "在其出席的会议和活动上做非正式接触。",
    ],
    cadence: &["立即开始：一到两周内明确其角色，之后改用对应角色的沟通计划。"],
};

#[cfg(test)]
mod tests {
    use super::*;

    const LANGUAGES: [Language; 2] = [Language::English, Language::Chinese];

    fn fields(role: Role, language: Language) -> Vec<(&'static str, String)> {
        PlanPart::ALL
            .iter()
            .map(|p| (p.as_str(), playbook_text(role, *p, language)))
            .collect()
    }

    fn all_text(role: Role, language: Language) -> String {
        fields(role, language)
            .into_iter()
            .map(|(_, text)| text)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A CJK ideograph (basic block or extension A).
    fn is_cjk_ideograph(c: char) -> bool {
        matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
    }

    /// CJK punctuation or a full-width form (，：；（）etc.).
    fn is_cjk_punctuation(c: char) -> bool {
        matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
    }

    /// Checks that the first occurrence of each step (any of its alternatives) in
    /// `text` comes no earlier than that of the step before.
    fn assert_in_order(text: &str, steps: &[&[&str]]) {
        let mut last = 0;
        let mut last_step = "";
        for alternatives in steps {
            let position = alternatives
                .iter()
                .filter_map(|word| text.find(word))
                .min()
                .unwrap_or_else(|| panic!("none of {alternatives:?} in {text:?}"));
            assert!(
                position >= last,
                "{alternatives:?} comes before {last_step:?} in {text:?}"
            );
            last = position;
            last_step = alternatives.first().copied().unwrap_or_default();
        }
    }

    #[test]
    fn every_role_has_all_fields_in_both_languages() {
        for &role in Role::ALL {
            for language in LANGUAGES {
                for (name, text) in fields(role, language) {
                    assert!(
                        !text.trim().is_empty(),
                        "{role:?} {language:?} {name} is empty"
                    );
                }
            }
        }
    }

    #[test]
    fn every_line_is_a_short_bulleted_point() {
        for &role in Role::ALL {
            for language in LANGUAGES {
                for (name, text) in fields(role, language) {
                    for line in text.lines() {
                        let point = line.strip_prefix(BULLET).unwrap_or_else(|| {
                            panic!("{role:?} {language:?} {name}: no bullet in {line:?}")
                        });
                        assert!(!point.trim().is_empty(), "{role:?} {language:?} {name}");
                        assert_eq!(point, point.trim(), "{role:?} {language:?} {name}");
                        assert!(
                            point.chars().count() <= 200,
                            "{role:?} {language:?} {name}: too long: {line:?}"
                        );
                    }
                    let count = text.lines().count();
                    let range = match name {
                        "objective" | "cadence" => 1..=2,
                        "key_messages" => 3..=4,
                        "evidence" => 3..=5,
                        _ => 2..=4,
                    };
                    assert!(
                        range.contains(&count),
                        "{role:?} {language:?} {name}: {count} lines"
                    );
                }
            }
        }
    }

    #[test]
    fn chinese_texts_are_chinese_and_english_texts_are_not() {
        for &role in Role::ALL {
            for (name, text) in fields(role, Language::English) {
                assert!(
                    !text
                        .chars()
                        .any(|c| is_cjk_ideograph(c) || is_cjk_punctuation(c)),
                    "{role:?} English {name} has CJK: {text:?}"
                );
            }
            for (name, text) in fields(role, Language::Chinese) {
                for line in text.lines() {
                    assert!(
                        line.chars().any(is_cjk_ideograph),
                        "{role:?} Chinese {name} has no CJK: {line:?}"
                    );
                    // Chinese sentences use full-width punctuation.
                    assert!(
                        !line.contains([',', ';', ':', '(', ')']),
                        "{role:?} Chinese {name} has ASCII punctuation: {line:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn plans_differ_between_roles() {
        for language in LANGUAGES {
            let texts: Vec<String> = Role::ALL
                .iter()
                .map(|&role| all_text(role, language))
                .collect();
            for (i, a) in texts.iter().enumerate() {
                for b in texts.iter().skip(i + 1) {
                    assert_ne!(a, b);
                }
            }
        }
    }

    #[test]
    fn decision_maker_plan_is_about_roi_and_the_business_case() {
        let english = all_text(Role::DecisionMaker, Language::English);
        assert!(english.contains("ROI"), "{english}");
        assert!(english.contains("business case"), "{english}");
        let chinese = all_text(Role::DecisionMaker, Language::Chinese);
        assert!(
            chinese.contains("投资回报") || chinese.contains("ROI"),
            "{chinese}"
        );
    }

    #[test]
    fn blocker_steps_are_in_order() {
        // Understand concerns first, then answer with data, cases and references,
        // then look for common ground, and only then escalate.
        let english = playbook_text(Role::Blocker, PlanPart::KeyMessages, Language::English);
        assert_in_order(
            &english,
            &[
                &["understand"],
                &["concerns"],
                &["data"],
                &["cases"],
                &["references"],
                &["common ground"],
                &["senior sponsor", "third-party expert"],
            ],
        );
        assert!(english.contains("third-party expert"));
        let chinese = playbook_text(Role::Blocker, PlanPart::KeyMessages, Language::Chinese);
        assert_in_order(
            &chinese,
            &[
                &["了解"],
                &["顾虑"],
                &["数据"],
                &["案例"],
                &["推荐"],
                &["共同利益"],
                &["高层", "第三方专家"],
            ],
        );
        assert!(chinese.contains("第三方专家"));
    }

    #[test]
    fn blocker_plan_never_attacks_and_keeps_monitoring() {
        let english = all_text(Role::Blocker, Language::English);
        assert!(english.contains("in front of others"));
        assert!(english.contains("monitoring"));
        let chinese = all_text(Role::Blocker, Language::Chinese);
        assert!(chinese.contains("公开场合"));
        assert!(chinese.contains("持续跟踪"));
    }

    #[test]
    fn a_plan_shows_the_team_parts_and_the_playbook_in_the_readers_language() {
        use crate::model::PlanText;
        let role = Role::DecisionMaker;
        let plan = Plan {
            objective: Some(PlanText::new("让周总认可投资回报", Language::Chinese)),
            ..Plan::default()
        };
        let english = shown_plan(role, Some(&plan), Language::English);
        assert_eq!(english[0].text, "让周总认可投资回报");
        assert_eq!(english[0].source, PartSource::Team(Some(Language::Chinese)));
        assert_eq!(
            english[0].other_language(Language::English),
            Some(Language::Chinese)
        );
        assert_eq!(english[0].other_language(Language::Chinese), None);
        for shown in &english[1..] {
            assert_eq!(shown.source, PartSource::Playbook);
            assert_eq!(
                shown.text,
                playbook_text(role, shown.part, Language::English)
            );
        }
        let chinese = shown_plan(role, Some(&plan), Language::Chinese);
        assert_eq!(
            chinese[1].text,
            playbook_text(role, PlanPart::KeyMessages, Language::Chinese)
        );
        // No plan at all: the playbook everywhere.
        assert!(
            shown_plan(role, None, Language::Chinese)
                .iter()
                .all(|p| p.source == PartSource::Playbook)
        );
    }

    #[test]
    fn a_whole_plan_saved_by_an_older_version_keeps_only_what_the_team_wrote() {
        use crate::model::PlanText;
        let role = Role::Champion;
        // What older versions saved after one line was edited in the Chinese UI.
        let mut plan = Plan::default();
        for part in PlanPart::ALL {
            *plan.part_mut(part) = Some(PlanText {
                text: playbook_text(role, part, Language::Chinese),
                language: None,
            });
        }
        plan.cadence = Some(PlanText {
            text: "每周一次电话".to_owned(),
            language: None,
        });
        let english = shown_plan(role, Some(&plan), Language::English);
        for shown in &english[..4] {
            assert_eq!(shown.source, PartSource::Playbook, "{:?}", shown.part);
            assert_eq!(
                shown.text,
                playbook_text(role, shown.part, Language::English)
            );
        }
        assert_eq!(english[4].source, PartSource::Team(Some(Language::Chinese)));
        let own = without_playbook_text(role, &plan);
        assert_eq!(own.objective, None);
        assert_eq!(own.cadence, plan.cadence);
    }

    #[test]
    fn the_chinese_playbook_speaks_local_practice_and_never_says_tamen() {
        let all: String = Role::ALL
            .iter()
            .map(|&role| all_text(role, Language::Chinese))
            .collect::<Vec<_>>()
            .join("\n");
        for practice in [
            "招标参数",
            "评标专家",
            "三重一大",
            "总经理办公会",
            "党委会",
            "纪检审计",
        ] {
            assert!(all.contains(practice), "{practice} missing");
        }
        // One person is 其 or 对方; a plan is about one person at a time.
        assert!(!all.contains("他们"), "{all}");
    }

    #[test]
    fn a_part_saved_in_the_earlier_wording_still_follows_the_playbook() {
        use crate::model::PlanText;
        let role = Role::Gatekeeper;
        let earlier =
            bullets(super::super::playbook_v1::previous(role, Language::Chinese).objective);
        assert_ne!(
            earlier,
            playbook_text(role, PlanPart::Objective, Language::Chinese)
        );
        let plan = Plan {
            objective: Some(PlanText {
                text: earlier,
                language: None,
            }),
            ..Plan::default()
        };
        let shown = shown_plan(role, Some(&plan), Language::English);
        assert_eq!(shown[0].source, PartSource::Playbook);
        assert_eq!(
            shown[0].text,
            playbook_text(role, PlanPart::Objective, Language::English)
        );
        assert_eq!(without_playbook_text(role, &plan).objective, None);
    }

    #[test]
    fn the_language_of_a_text_is_judged_from_its_letters() {
        assert_eq!(
            detect_language("ROI 测算表；徐工参观"),
            Some(Language::Chinese)
        );
        assert_eq!(
            detect_language("weekly call; WeChat"),
            Some(Language::English)
        );
        assert_eq!(detect_language("每月一次"), Some(Language::Chinese));
        assert_eq!(
            detect_language("Keep 张总 informed and equipped every week"),
            Some(Language::English)
        );
        assert_eq!(detect_language("2026 / 12"), None);
    }
}
