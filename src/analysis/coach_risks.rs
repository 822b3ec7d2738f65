//! The risks a demanding sales coach looks for beyond the basics: trusted advisers
//! who are not with us, a competitor's champion, key people never met, a champion
//! who fails the test, approvers we barely know, contacts only outside the owning
//! department, an executive above the tagged decision maker, a close date at risk,
//! introductions planned across a conflict, and a map too old to plan on.

use std::collections::HashMap;

use super::recency::Freshness;
use super::risks::{Risk, RiskCode};
use super::text::{name_of, names, quoted_field, stance_phrase, tx};
use super::titles::{Line, Rank};
use super::{Context, PeopleSet, Severity, Verdict};
use crate::model::{Coverage, Role, Stage, Stakeholder, Stance};

/// People named by a risk: each once, in map order.
fn distinct(people: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let mut people: Vec<usize> = people.into_iter().collect();
    people.sort_unstable();
    people.dedup();
    people
}

fn person<'a>(cx: &Context<'a>, index: usize) -> Option<&'a Stakeholder> {
    cx.doc.stakeholders.get(index)
}

fn who(cx: &Context<'_>, indices: &[usize]) -> String {
    let people: Vec<&Stakeholder> = indices.iter().filter_map(|&i| person(cx, i)).collect();
    names(&people, cx.language)
}

fn by_stage(cx: &Context<'_>, early: Severity, later: Severity) -> Severity {
    if cx.stage() == Stage::Early {
        early
    } else {
        later
    }
}

/// The people whose word the deal waits for: decision makers and approvers.
fn weighing(cx: &Context<'_>) -> Vec<usize> {
    distinct(
        cx.decision_makers
            .iter()
            .chain(&cx.buying.approvers)
            .copied(),
    )
}

/// Key players: decision makers, approvers and power 4–5.
fn key_players(cx: &Context<'_>) -> Vec<usize> {
    distinct(
        weighing(cx)
            .into_iter()
            .chain(cx.indices(|p| p.power.level() >= 4)),
    )
}

/// Every coach risk found (unsorted).
pub fn coach_risks(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    map_stale(cx, risks);
    adviser_risk(cx, risks);
    // Who shapes the specifications is worked out once for both risks that ask.
    let mut shapers = SpecShapers::new(cx);
    competitor_champion(cx, &mut shapers, risks);
    spec_writer(cx, &mut shapers, risks);
    // When nobody at all has been met, "no coverage" says it; naming each unmet key
    // person and testing a champion nobody knows would only repeat it.
    if cx.doc.stakeholders.iter().any(super::Recency::met) {
        never_met(cx, risks);
        weak_champion(cx, risks);
    }
    approver_not_covered(cx, risks);
    outside_owner(cx, risks);
    tagged_outranked(cx, risks);
    introduction_across_conflict(cx, risks);
}

/// Whether the map as a whole is too old to plan on: most dated records, or every
/// key player, older than the window (people without any date count as unverified
/// but cannot make a map stale on their own).
pub fn map_is_stale(cx: &Context<'_>) -> bool {
    let freshness: Vec<Freshness> = cx
        .doc
        .stakeholders
        .iter()
        .map(|p| cx.recency.freshness(p))
        .collect();
    let stale = freshness.iter().filter(|f| **f == Freshness::Stale).count();
    let current = freshness
        .iter()
        .filter(|f| **f == Freshness::Current)
        .count();
    if stale == 0 || cx.doc.stakeholders.len() < 3 {
        return false;
    }
    let keys = key_players(cx);
    let keys_old = !keys.is_empty()
        && keys
            .iter()
            .all(|&k| freshness.get(k).is_some_and(|f| *f != Freshness::Current));
    stale * 2 >= cx.doc.stakeholders.len() || (keys_old && stale > current)
}

fn map_stale(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    if !map_is_stale(cx) {
        return;
    }
    let lang = cx.language;
    let limit = cx.recency.window();
    let old: Vec<usize> = cx.indices(|p| cx.recency.freshness(p) != Freshness::Current);
    let newest = cx
        .doc
        .stakeholders
        .iter()
        .filter_map(|p| p.last_verified.max(p.last_contact))
        .max();
    let since = newest.map(|d| cx.recency.age(d)).unwrap_or(limit);
    risks.push(Risk {
        code: RiskCode::MapStale,
        severity: Severity::High,
        people: old,
        message: tx(
            lang,
            format!(
                "The map is out of date: most of it has not been verified or contacted for more than {} (the newest fact is {} old). People move and organisations change; plans built on it may aim at the wrong people.",
                crate::lang::Language::English.count(usize::try_from(limit).unwrap_or(0), "day", "days", ""),
                crate::lang::Language::English.count(usize::try_from(since).unwrap_or(0), "day", "days", "")
            ),
            format!(
                "地图信息已过时：大部分内容超过 {limit} 天未核实或联系（最新一条信息距今 {since} 天）。人事和组织都可能已变，据此制定的计划可能找错了人。"
            ),
        ),
        action: tx(
            lang,
            "Re-verify the map before planning on it: confirm with the champion who holds which post, who reports to whom and where each key person stands; update titles, stances and dates.".into(),
            "先全面复核地图，再据此制定计划：请内线确认各人现任职务、汇报关系和关键人的态度，更新职务、态度和日期。".into(),
        ),
    });
}

fn adviser_risk(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    let n = cx.doc.stakeholders.len();
    let ours = PeopleSet::of(
        n,
        cx.indices(|p| p.role == Role::Champion || p.stance.is_supportive()),
    );
    let mut flagged: Vec<usize> = Vec::new();
    let mut is_flagged = PeopleSet::of(n, []);
    let mut lines = Vec::new();
    for adviser in cx.advisers {
        let (Some(p), Some(target)) = (person(cx, adviser.person), person(cx, adviser.target))
        else {
            continue;
        };
        if is_flagged.contains(adviser.person) {
            continue;
        }
        let against =
            p.role == Role::Blocker || matches!(p.stance, Stance::Skeptic | Stance::Opponent);
        // The first of ours (in document order) they are in conflict with: their
        // conflicts are sorted.
        let clash = cx
            .structure
            .conflicts
            .get(adviser.person)
            .into_iter()
            .flatten()
            .copied()
            .find(|&o| ours.contains(o));
        let undecided = matches!(p.stance, Stance::Neutral | Stance::Unknown);
        if !(against || (undecided && clash.is_some())) {
            continue;
        }
        flagged.push(adviser.person);
        is_flagged.insert(adviser.person);
        let name = name_of(p, lang);
        let boss = name_of(target, lang);
        let stance = stance_phrase(p.stance, lang);
        let why = match clash.and_then(|c| person(cx, c)) {
            Some(friend) if !against => tx(
                lang,
                format!(
                    "{stance} and in conflict with our {}",
                    name_of(friend, lang)
                ),
                format!("{stance}，且与我方的{}有冲突", name_of(friend, lang)),
            ),
            _ => stance.to_owned(),
        };
        lines.push(tx(
            lang,
            format!(
                "{name} has {boss}'s ear (influence {} of 3) and is {why}",
                adviser.strength
            ),
            format!(
                "{name}能左右{boss}（影响强度 {}/3），却{why}",
                adviser.strength
            ),
        ));
    }
    if flagged.is_empty() {
        return;
    }
    let names = who(cx, &flagged);
    risks.push(Risk {
        code: RiskCode::DmAdviserNotWithUs,
        severity: by_stage(cx, Severity::Medium, Severity::High),
        people: {
            let mut p = flagged.clone();
            p.sort_unstable();
            p
        },
        message: tx(
            lang,
            format!("A trusted adviser of a decision maker is not with us: {}.", lines.join("; ")),
            format!("决策者身边的亲信不站在我方一边：{}。", lines.join("；")),
        ),
        action: tx(
            lang,
            format!("Meet {names} yourselves before the decision: learn what they worry about and what they want from the project, answer it with evidence they respect (a reference they know, a technical proof), and never route our message through someone they are in conflict with."),
            format!("在决策前由我方直接拜访{names}：弄清其顾虑和对项目的期望，用其认可的证据回应（熟悉的同行案例、技术验证），切勿经与其有冲突的人传话。"),
        ),
    });
}

/// Words in a title, notes or criteria that say the person writes the
/// specifications or the tender documents.
const SPEC_WORDS: &[&str] = &[
    "招标参数",
    "技术参数",
    "参数",
    "标书",
    "招标文件",
    "技术规格",
    "规格书",
    "需求书",
    "技术要求",
    "评标",
    "specification",
    "specs",
    "rfp",
    "tender document",
    "requirements",
];

/// Whether the person's own fields say they write the specifications or tenders.
pub(crate) fn writes_specs(p: &Stakeholder) -> bool {
    let text = format!(
        "{} {} {} {} {}",
        p.title, p.notes, p.decision_criteria, p.interests.business, p.interests.personal
    )
    .to_lowercase();
    SPEC_WORDS.iter().any(|w| text.contains(w))
}

/// Who shapes the specifications: their own fields say so, or the note of one of
/// their influence lines does (设备部起草技术规格书). The notes are read in one pass
/// over the lines; a person's own fields only when asked about them (reading them
/// costs a lowercase copy, and the risks ask about a few people of the map).
struct SpecShapers<'a> {
    by_note: PeopleSet,
    /// What [`writes_specs`] says of people whose only text is their title, by
    /// title: an organisation repeats its titles, and reading one costs a
    /// lowercase copy and fifteen searches.
    by_title: HashMap<&'a str, bool>,
}

impl<'a> SpecShapers<'a> {
    fn new(cx: &Context<'a>) -> Self {
        let mut by_note = PeopleSet::of(cx.doc.stakeholders.len(), []);
        for (line, &(from, _)) in cx.doc.relationships.iter().zip(&cx.structure.ends) {
            if line.kind == crate::model::RelationshipKind::Influences
                && !line.note.is_empty()
                && let Some(from) = from
            {
                let note = line.note.to_lowercase();
                if SPEC_WORDS.iter().any(|w| note.contains(w)) {
                    by_note.insert(from);
                }
            }
        }
        Self {
            by_note,
            by_title: HashMap::new(),
        }
    }

    /// Whether person `i`, `p`, shapes the specifications.
    fn contains(&mut self, i: usize, p: &'a Stakeholder) -> bool {
        if self.by_note.contains(i) {
            return true;
        }
        let only_title = p.notes.is_empty()
            && p.decision_criteria.is_empty()
            && p.interests.business.is_empty()
            && p.interests.personal.is_empty();
        if !only_title {
            return writes_specs(p);
        }
        *self
            .by_title
            .entry(p.title.as_str())
            .or_insert_with(|| writes_specs(p))
    }
}

fn spec_writer<'a>(cx: &Context<'a>, shapers: &mut SpecShapers<'a>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    let flagged_advisers = PeopleSet::of(
        cx.doc.stakeholders.len(),
        risks
            .iter()
            .filter(|r| r.code == RiskCode::DmAdviserNotWithUs)
            .flat_map(|r| r.people.iter().copied()),
    );
    let writers: Vec<usize> = cx
        .doc
        .stakeholders
        .iter()
        .enumerate()
        .filter(|&(i, p)| {
            (p.role == Role::Blocker || p.stance.is_against())
                && p.favours.trim().is_empty()
                && !flagged_advisers.contains(i)
                && shapers.contains(i, p)
        })
        .map(|(i, _)| i)
        .collect();
    if writers.is_empty() {
        return;
    }
    let names = who(cx, &writers);
    risks.push(Risk {
        code: RiskCode::SpecWriterNotWithUs,
        severity: by_stage(cx, Severity::Medium, Severity::High),
        people: writers,
        message: tx(
            lang,
            format!("{names} shapes the specifications and is against us: the tender can be written to exclude us."),
            format!("{names}参与起草技术规格或招标文件，却不站在我方一边：招标参数可能被写得排斥我方。"),
        ),
        action: tx(
            lang,
            format!("Understand what {names} fears from our solution; offer a technical exchange or a test on their terms; ask the approver to have the specifications reviewed so they stay open to every qualified supplier."),
            format!("弄清{names}对我方方案的顾虑；按其关心的指标安排技术交流或测试验证；请审批人组织规格书评审，确保参数对所有合格供应商开放。"),
        ),
    });
}

fn competitor_champion<'a>(cx: &Context<'a>, shapers: &mut SpecShapers<'a>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    let weighing = weighing(cx);
    let mut found = Vec::new();
    let mut details = Vec::new();
    for (i, p) in cx.doc.stakeholders.iter().enumerate() {
        let favours = p.favours.trim();
        // `weighing` is sorted.
        if favours.is_empty() || weighing.binary_search(&i).is_ok() {
            continue;
        }
        let moves: Vec<usize> = cx
            .structure
            .flow
            .get(i)
            .into_iter()
            .flatten()
            .map(|(to, _)| *to)
            .filter(|to| weighing.binary_search(to).is_ok())
            .collect();
        let specs = shapers.contains(i, p);
        if moves.is_empty() && !specs {
            continue;
        }
        found.push(i);
        let rival = quoted_field(favours);
        let name = name_of(p, lang);
        details.push(match (moves.is_empty(), specs) {
            (false, true) => tx(
                lang,
                format!(
                    "{name} favours {rival}, shapes the specifications and influences {}",
                    who(cx, &moves)
                ),
                format!(
                    "{name}倾向{rival}，参与制定招标参数，并能影响{}",
                    who(cx, &moves)
                ),
            ),
            (false, false) => tx(
                lang,
                format!("{name} favours {rival} and influences {}", who(cx, &moves)),
                format!("{name}倾向{rival}，并能影响{}", who(cx, &moves)),
            ),
            _ => tx(
                lang,
                format!("{name} favours {rival} and shapes the specifications"),
                format!("{name}倾向{rival}，并参与制定招标参数"),
            ),
        });
    }
    if found.is_empty() {
        return;
    }
    risks.push(Risk {
        code: RiskCode::CompetitorChampion,
        severity: by_stage(cx, Severity::Medium, Severity::High),
        people: found,
        message: tx(
            lang,
            format!("A competitor has a champion inside: {}.", details.join("; ")),
            format!("竞争对手在客户内部有自己的内线：{}。", details.join("；")),
        ),
        action: tx(
            lang,
            "Get our differentiators into the specifications early (a technical exchange, a site visit, a test), give the decision makers criteria that favour us, and learn what ties this person to the competitor.".into(),
            "尽早把我方优势写进技术参数（技术交流、参观考察、测试验证），向决策者提出对我方有利的评估标准，并弄清此人与竞争对手的关系。".into(),
        ),
    });
}

fn never_met(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    let unmet: Vec<usize> = key_players(cx)
        .into_iter()
        .filter(|&k| person(cx, k).is_some_and(|p| !super::Recency::met(p)))
        .collect();
    if unmet.is_empty() {
        return;
    }
    let names = who(cx, &unmet);
    let count = unmet.len();
    let one = count == 1;
    let carry = if one { "carries" } else { "carry" };
    risks.push(Risk {
        code: RiskCode::KeyPersonNeverMet,
        severity: by_stage(cx, Severity::Medium, Severity::High),
        people: unmet,
        message: tx(
            lang,
            format!("Nobody on our team has met {names}, who {carry} weight in this decision."),
            match count {
                1 => format!("我方还搭不上{names}的线，而其在这次决策中举足轻重。"),
                2 => format!("我方还搭不上{names}的线，而这两位在这次决策中举足轻重。"),
                _ => format!("我方还搭不上{names}的线，而这几位在这次决策中举足轻重。"),
            },
        ),
        action: tx(
            lang,
            format!("Arrange a first meeting with {names}: through the champion or a supporter they trust, or through our own executive at their level."),
            format!("安排与{names}的首次会面：请内线或其信任的支持者引荐，或由我方对等级别的高层出面。"),
        ),
    });
}

fn weak_champion(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    let weak: Vec<&super::ChampionTest> = cx
        .champions
        .iter()
        .filter(|t| t.verdict != Verdict::Pass)
        .collect();
    if weak.is_empty() {
        return;
    }
    let failing = weak.iter().any(|t| t.verdict == Verdict::Fail);
    let people: Vec<usize> = weak.iter().map(|t| t.person).collect();
    let separator = if lang == crate::lang::Language::Chinese {
        "，"
    } else {
        ", "
    };
    let described: Vec<String> = weak
        .iter()
        .filter_map(|t| {
            let p = person(cx, t.person)?;
            let failed = t.failed.join(separator);
            Some(match (t.verdict, lang) {
                (Verdict::Fail, crate::lang::Language::Chinese) => {
                    format!("{}不过关——{failed}", name_of(p, lang))
                }
                (_, crate::lang::Language::Chinese) => {
                    format!("{}存疑——{failed}", name_of(p, lang))
                }
                (Verdict::Fail, _) => format!("{} fails: {failed}", name_of(p, lang)),
                _ => format!("{} is doubtful: {failed}", name_of(p, lang)),
            })
        })
        .collect();
    // The meeting to ask for: with the decision maker the champion reaches, else one
    // they are not in conflict with — never with someone they fight.
    let dm = weak.first().and_then(|t| {
        t.reaches
            .filter(|&d| d != t.person)
            .or_else(|| {
                cx.decision_makers
                    .iter()
                    .copied()
                    .find(|&d| d != t.person && !cx.structure.in_conflict(t.person, d))
            })
            .and_then(|d| person(cx, d))
    });
    let test = match (weak.first().and_then(|t| person(cx, t.person)), dm) {
        (Some(champion), Some(dm)) => tx(
            lang,
            format!(
                "Test them: ask {} to arrange a meeting with {} — only if they can is {} a champion; meanwhile develop a second coach with access.",
                name_of(champion, lang), name_of(dm, lang), name_of(champion, lang)
            ),
            format!(
                "检验一下：请{}安排与{}的会面——能约到，才算真正的内线；同时培养第二位能接触决策层的内线。",
                name_of(champion, lang), name_of(dm, lang)
            ),
        ),
        (Some(champion), None) if !cx.decision_makers.is_empty() => tx(
            lang,
            format!(
                "{} cannot take us to the decision maker: develop a second coach who can, and keep {} as a source of information.",
                name_of(champion, lang), name_of(champion, lang)
            ),
            format!(
                "{}无法带我们见到决策者：另外培养一位能接触决策者的内线，{}可继续作为信息来源。",
                name_of(champion, lang), name_of(champion, lang)
            ),
        ),
        _ => tx(
            lang,
            "Test them: ask them to arrange a meeting with the decision maker or share how the decision will be made; meanwhile develop a second coach.".into(),
            "检验一下：请其安排与决策者会面或透露决策流程；同时培养第二位内线。".into(),
        ),
    };
    risks.push(Risk {
        code: RiskCode::WeakChampion,
        severity: if failing {
            by_stage(cx, Severity::Medium, Severity::High)
        } else {
            Severity::Medium
        },
        people,
        message: tx(
            lang,
            format!("The champion test: {}. A friendly contact who cannot reach the decision maker is an information source, not a champion.", described.join("; ")),
            format!("内线检验：{}。接触不到决策者的友好联系人只是信息来源，不是真正的内线。", described.join("；")),
        ),
        action: test,
    });
}

fn approver_not_covered(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    let shallow: Vec<usize> = cx
        .buying
        .approvers
        .iter()
        .copied()
        .filter(|&a| {
            person(cx, a).is_some_and(|p| {
                super::Recency::met(p) && cx.recency.effective_coverage(p) < Coverage::Multiple
            })
        })
        .collect();
    if shallow.is_empty() {
        return;
    }
    let names = who(cx, &shallow);
    let severity = match cx.stage() {
        Stage::Early => Severity::Low,
        Stage::Middle => Severity::Medium,
        Stage::Late => Severity::High,
    };
    risks.push(Risk {
        code: RiskCode::ApproverNotCovered,
        severity,
        people: shallow,
        message: tx(
            lang,
            format!("We know an approver only briefly: {names}. An approver who hears of the deal first at the sign-off can stop it."),
            format!("对审批人了解不深：{names}。审批人若到签批时才第一次听说这个项目，可能一票否决。"),
        ),
        action: tx(
            lang,
            format!("Brief {names} before the sign-off: the outcome for their area, the risk of not acting, who else supports it; at their level, from our executive."),
            format!("在签批前向{names}汇报：对其分管领域的价值、不做的风险、已有哪些人支持；由我方对等高层出面。"),
        ),
    });
}

fn outside_owner(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    let Some(owner) = cx.buying.owner else {
        return;
    };
    let contacts = cx.indices(super::Recency::met);
    if contacts.is_empty() {
        return;
    }
    let inside = contacts
        .iter()
        .any(|&c| cx.buying.facts(c).and_then(|f| f.function) == Some(owner));
    if inside {
        return;
    }
    let owners: Vec<usize> = (0..cx.doc.stakeholders.len())
        .filter(|&i| cx.buying.facts(i).and_then(|f| f.function) == Some(owner))
        .collect();
    let owner_name = owner.name(lang);
    let message = tx(
        lang,
        format!(
            "All our contacts sit outside {owner_name}, the function whose work this deal changes: we are selling through the side door."
        ),
        format!(
            "我们接触的人都不在{owner_name}条线，而本项目改变的正是该条线的工作：我们在走“侧门”。"
        ),
    );
    let action = if owners.is_empty() {
        tx(
            lang,
            format!(
                "Find out who heads {owner_name} and add them to the map; ask our contacts for an introduction."
            ),
            format!("弄清{owner_name}条线由谁负责并补入地图；请现有联系人引荐。"),
        )
    } else {
        tx(
            lang,
            format!(
                "Reach {}: the business owner must want the project, not only the people we know.",
                who(cx, &owners)
            ),
            format!(
                "尽快接触{}：项目必须由业务方认可，而不只是我们认识的人。",
                who(cx, &owners)
            ),
        )
    };
    risks.push(Risk {
        code: RiskCode::ContactsOutsideOwnerDepartment,
        severity: by_stage(cx, Severity::Medium, Severity::High),
        people: owners,
        message,
        action,
    });
}

fn tagged_outranked(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    let rank = |i: usize| cx.buying.facts(i).map_or(Rank::Staff, |f| f.title.rank);
    let in_line = |i: usize| {
        cx.buying
            .facts(i)
            .is_some_and(|f| f.title.line == Line::Command)
    };
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (d, p) in cx.doc.stakeholders.iter().enumerate() {
        if p.role != Role::DecisionMaker {
            continue;
        }
        let mut at = d;
        for _ in 0..4 {
            let Some(manager) = cx
                .structure
                .managers
                .get(at)
                .and_then(|m| m.iter().copied().max_by_key(|&m| rank(m)))
            else {
                break;
            };
            let tagged = person(cx, manager).is_some_and(|m| m.role == Role::DecisionMaker);
            if !tagged
                && in_line(manager)
                && rank(manager) >= Rank::Executive
                && rank(manager) > rank(d)
            {
                found.push((manager, d));
                break;
            }
            at = manager;
        }
    }
    if found.is_empty() {
        return;
    }
    let lines: Vec<String> = found
        .iter()
        .filter_map(|&(m, d)| {
            let (m, d) = (person(cx, m)?, person(cx, d)?);
            Some(tx(
                lang,
                format!(
                    "{} ({}) is above {}",
                    name_of(m, lang),
                    quoted_field(&m.title),
                    name_of(d, lang)
                ),
                format!(
                    "{}{}是{}的上级",
                    quoted_field(&m.title),
                    name_of(m, lang),
                    name_of(d, lang)
                ),
            ))
        })
        .collect();
    let people = distinct(found.iter().map(|&(m, _)| m));
    risks.push(Risk {
        code: RiskCode::TaggedDmOutranked,
        severity: by_stage(cx, Severity::Low, Severity::Medium),
        people,
        message: tx(
            lang,
            format!("An executive above the tagged decision maker is not tagged: {}. They probably approve, or decide themselves.", lines.join("; ")),
            format!("已标记的决策者之上还有未标记的领导：{}。其很可能参与审批，甚至亲自拍板。", lines.join("；")),
        ),
        action: tx(
            lang,
            "Ask the champion who signs off, and at what amount the decision moves up; tag that person and plan for them.".into(),
            "请内线确认由谁签批、多大金额需上报更高层；据此标记并制定相应计划。".into(),
        ),
    });
}

/// Words that make a next action an introduction.
const INTRO_WORDS: &[&str] = &[
    "引荐",
    "介绍",
    "引见",
    "牵线",
    "搭线",
    "推荐给",
    "introduce",
    "introduction",
    "put us in touch",
    "connect us",
];

/// How Chinese colleagues refer to someone by surname and post: 陈总, 王处, 李部长.
const HONORIFICS: &[&str] = &[
    "总", "处", "部长", "主任", "院长", "校长", "局长", "书记", "经理", "老师", "工", "科长",
    "厂长", "董",
];

/// Whether `text` names the person: their full name, or (for a Chinese name of two
/// to four characters) their surname followed by a post, as in 陈总 for 陈立军.
fn mentions(text: &str, p: &Stakeholder) -> bool {
    let name = p.name.trim();
    if name.chars().count() >= 2 && text.contains(name) {
        return true;
    }
    let count = name.chars().count();
    let Some(surname) = name
        .chars()
        .next()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
    else {
        return false;
    };
    (2..=4).contains(&count)
        && HONORIFICS
            .iter()
            .any(|h| text.contains(&format!("{surname}{h}")))
}

fn introduction_across_conflict(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    // (action holder, the other person named, the action's text)
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    // Advisers by who advises: each action looks only at the advisers it fights.
    let mut advising: std::collections::HashMap<usize, Vec<usize>> =
        std::collections::HashMap::new();
    for adviser in cx.advisers {
        advising
            .entry(adviser.person)
            .or_default()
            .push(adviser.target);
    }
    for action in &cx.actions {
        let lower = action.text.to_lowercase();
        if !INTRO_WORDS.iter().any(|w| lower.contains(w)) {
            continue;
        }
        let holder = action.person;
        let empty = Vec::new();
        let conflicts = cx.structure.conflicts.get(holder).unwrap_or(&empty);
        // The introduction joins the holder and someone they are in conflict with.
        for &other in conflicts {
            if person(cx, other).is_some_and(|p| mentions(&action.text, p)) {
                found.push((holder, other, action.text.clone()));
            }
        }
        // Or the holder is to introduce us to someone whose adviser they fight.
        for target in conflicts.iter().filter_map(|c| advising.get(c)).flatten() {
            if person(cx, *target).is_some_and(|p| mentions(&action.text, p)) {
                found.push((holder, *target, action.text.clone()));
            }
        }
    }
    found.sort();
    found.dedup();
    if found.is_empty() {
        return;
    }
    let lines: Vec<String> = found
        .iter()
        .filter_map(|(holder, other, text)| {
            let (h, o) = (person(cx, *holder)?, person(cx, *other)?);
            let action = quoted_field(&text.chars().take(60).collect::<String>());
            let alternative = trusted_neighbour(cx, *holder, *other).and_then(|a| person(cx, a));
            let alt_text = match alternative {
                Some(alt) => tx(
                    lang,
                    format!("; go through {} instead", name_of(alt, lang)),
                    format!("；可改经{}", name_of(alt, lang)),
                ),
                None => String::new(),
            };
            Some(tx(
                lang,
                format!(
                    "“{action}” ({}): {} and {} are in conflict{alt_text}",
                    name_of(h, lang),
                    name_of(h, lang),
                    name_of(o, lang)
                ),
                format!(
                    "“{action}”（{}）：{}与{}之间有冲突{alt_text}",
                    name_of(h, lang),
                    name_of(h, lang),
                    name_of(o, lang)
                ),
            ))
        })
        .collect();
    let people = distinct(found.iter().flat_map(|(h, o, _)| [*h, *o]));
    risks.push(Risk {
        code: RiskCode::IntroductionAcrossConflict,
        severity: by_stage(cx, Severity::Medium, Severity::High),
        people,
        message: tx(
            lang,
            format!("A planned introduction runs across a conflict: {}.", lines.join("; ")),
            format!("计划中的引荐要经过有冲突的人：{}。", lines.join("；")),
        ),
        action: tx(
            lang,
            "Change the introducer: go through someone the person trusts (their own team, an ally, an assistant), or through our executive at their level.".into(),
            "更换引荐人：通过对方信任的人（其下属、盟友、助理），或由我方对等高层直接出面。".into(),
        ),
    });
}

/// Someone linked to `target` by a line other than conflict — strongest first, on
/// our side before neutrals — who is not `avoid` and is in conflict with neither.
fn trusted_neighbour(cx: &Context<'_>, target: usize, avoid: usize) -> Option<usize> {
    cx.structure
        .links
        .get(target)?
        .iter()
        .filter(|(u, _, _)| {
            *u != avoid
                && !cx.structure.in_conflict(*u, target)
                && !cx.structure.in_conflict(*u, avoid)
                && person(cx, *u).is_some_and(|p| {
                    p.stance.is_supportive()
                        || (super::Recency::met(p) && p.stance == Stance::Neutral)
                })
        })
        .max_by_key(|(u, strength, _)| {
            let ours = person(cx, *u).is_some_and(|p| p.stance.is_supportive());
            (ours, *strength, std::cmp::Reverse(*u))
        })
        .map(|(u, _, _)| *u)
}

/// Late stage, a close within 30 days, and a high risk still open or overdue
/// actions on someone who can stop the deal. Runs after the other risks.
pub fn close_date_at_risk(cx: &Context<'_>, risks: &mut Vec<Risk>) {
    let lang = cx.language;
    let Some(close) = cx.doc.account.close_date else {
        return;
    };
    let days = close.days_since_epoch() - cx.options.today.days_since_epoch();
    if cx.stage() != Stage::Late || !(0..=30).contains(&days) {
        return;
    }
    // The high risks, the ones the late stage emphasises first, as the report lists them.
    let emphasized = super::focus::emphasized_risks(cx.stage());
    let mut high: Vec<&Risk> = risks
        .iter()
        .filter(|r| r.severity == Severity::High)
        .collect();
    high.sort_by_key(|r| {
        let place = emphasized.iter().position(|c| *c == r.code);
        (place.unwrap_or(usize::MAX), r.code)
    });
    let blockers_of_deal = |i: usize| {
        cx.deciding.contains(i)
            || cx.buying.is_approver(i)
            || person(cx, i).is_some_and(|p| matches!(p.role, Role::Gatekeeper | Role::Blocker))
    };
    let late_actions: Vec<usize> = cx
        .actions
        .iter()
        .filter(|a| a.overdue && blockers_of_deal(a.person))
        .map(|a| a.person)
        .collect();
    if high.is_empty() && late_actions.is_empty() {
        return;
    }
    let mut reasons = Vec::new();
    if let Some(first) = high.first() {
        let title = first.code.title(lang);
        reasons.push(match high.len() {
            1 => tx(
                lang,
                format!("1 high risk still open ({title})"),
                format!("仍有 1 项高风险未解决（{title}）"),
            ),
            n => tx(
                lang,
                format!("{n} high risks still open (first: {title})"),
                format!("仍有 {n} 项高风险未解决，首先是{title}"),
            ),
        });
    }
    if !late_actions.is_empty() {
        reasons.push(tx(
            lang,
            format!("overdue actions on {}", who(cx, &late_actions)),
            format!("涉及{}的行动已逾期", who(cx, &late_actions)),
        ));
    }
    let people = distinct(
        late_actions
            .into_iter()
            .chain(high.iter().flat_map(|r| r.people.iter().copied())),
    );
    risks.push(Risk {
        code: RiskCode::CloseDateAtRisk,
        severity: Severity::High,
        people,
        message: tx(
            lang,
            format!(
                "The close date {close} is {} away and the deal is not ready: {}.",
                crate::lang::Language::English.count(usize::try_from(days).unwrap_or(0), "day", "days", ""),
                reasons.join("; ")
            ),
            format!("距预计签约日 {close} 仅剩 {days} 天，但项目尚未就绪：{}。", reasons.join("；")),
        ),
        action: tx(
            lang,
            "Agree a closing plan with the champion this week: who signs what, in which order, and what must be resolved first; move the date in the forecast if the high risks cannot be closed in time.".into(),
            "本周与内线敲定签约计划：谁签批什么、先后顺序、哪些问题必须先解决；若高风险无法及时化解，在预测中调整签约日期。".into(),
        ),
    });
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn text_piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("Director".to_owned()),
            Just("处长".to_owned()),
            Just("SPECS owner".to_owned()),
            Just("写标书".to_owned()),
            Just("Tender".to_owned()),
            Just("document".to_owned()),
            Just("RFP".to_owned()),
        ]
    }

    fn person() -> impl Strategy<Value = Stakeholder> {
        (
            text_piece(),
            text_piece(),
            text_piece(),
            text_piece(),
            text_piece(),
        )
            .prop_map(|(title, notes, criteria, business, personal)| {
                let mut p = Stakeholder::new("p", "P");
                p.title = title;
                p.notes = notes;
                p.decision_criteria = criteria;
                p.interests.business = business;
                p.interests.personal = personal;
                p
            })
    }

    proptest! {
        /// Remembering the answer by title gives the answer of reading each person,
        /// whatever else they have written and in whatever order they come.
        #[test]
        fn remembered_titles_answer_as_reading_each_person(
            people in proptest::collection::vec(person(), 0..30),
        ) {
            let mut shapers = SpecShapers {
                by_note: PeopleSet::of(people.len(), []),
                by_title: HashMap::new(),
            };
            for (i, p) in people.iter().enumerate() {
                prop_assert_eq!(shapers.contains(i, p), writes_specs(p), "{:?}", p.title);
            }
        }
    }

    #[test]
    fn a_title_remembered_does_not_hide_words_in_notes_across_fields() {
        let mut plain = Stakeholder::new("a", "A");
        plain.title = "Tender".into();
        // "tender" + " " + "document": the words span the title and the notes.
        let mut across = plain.clone();
        across.notes = "document".into();
        let mut shapers = SpecShapers {
            by_note: PeopleSet::of(2, []),
            by_title: HashMap::new(),
        };
        assert!(!shapers.contains(0, &plain));
        assert!(shapers.contains(1, &across));
    }
}
