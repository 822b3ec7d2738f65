//! Map health, as a sales manager would forecast the deal: red when the map is too
//! old to trust, a decision maker is against us or no key player supports us; green
//! only when every decision maker supports us, is current and no veto is open;
//! amber otherwise, naming what stands between the map and green.

use super::risks::{RiskCode, is_key};
use super::text::{names, tx};
use super::{Context, Severity};
use crate::model::{Role, Stance};

/// The three health levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HealthLevel {
    /// No key player supports us.
    Red,
    /// Some key players support us, but something stands between the map and green.
    Amber,
    /// Every decision maker supports us and is current, and no veto is open.
    Green,
}

impl HealthLevel {
    /// `red`, `amber` or `green`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Red => "red",
            Self::Amber => "amber",
            Self::Green => "green",
        }
    }
}

/// The health of a map and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Health {
    /// Red, amber or green.
    pub level: HealthLevel,
    /// Why, naming the people.
    pub reason: String,
    /// The supportive key players (indices in the document).
    pub supporters: Vec<usize>,
}

/// Rates the map as a manager would forecast it. Green only when every decision
/// maker supports us, has been met recently and was verified within the window, and
/// no high risk stands on someone who can veto the deal; red when no key player
/// supports us, a decision maker opposes us, or the map is too old to trust; amber
/// otherwise. The reason names what stands between the map and green.
pub fn health(cx: &Context<'_>, risks: &[super::Risk]) -> Health {
    let lang = cx.language;
    let list = |indices: &[usize]| {
        let people: Vec<_> = indices
            .iter()
            .filter_map(|&i| cx.doc.stakeholders.get(i))
            .collect();
        names(&people, lang)
    };
    let deciders = &cx.decision_makers;
    let supportive_key: Vec<usize> = cx.indices(|p| is_key(p) && p.stance.is_supportive());
    let mut supportive_deciders = cx.among(deciders, |p| p.stance.is_supportive());
    supportive_deciders.extend(cx.buying.approvers.iter().copied().filter(|&a| {
        cx.doc
            .stakeholders
            .get(a)
            .is_some_and(|p| p.stance.is_supportive())
    }));
    supportive_deciders.sort_unstable();
    supportive_deciders.dedup();
    let opposing = cx.among(deciders, |p| p.stance.is_against());
    let stale_map = risks.iter().any(|r| r.code == RiskCode::MapStale);

    // Red first.
    if stale_map {
        return Health {
            level: HealthLevel::Red,
            reason: tx(
                lang,
                "The map is out of date: re-verify it before forecasting on it.".into(),
                "地图信息已过时：复核之前不宜据此预测。".into(),
            ),
            supporters: supportive_key,
        };
    }
    if !opposing.is_empty() {
        // A skeptic is not an opponent: each is named with their stance.
        let who: Vec<String> = opposing
            .iter()
            .filter_map(|&i| cx.doc.stakeholders.get(i))
            .map(|p| {
                super::text::aside(
                    &super::text::name_of(p, lang),
                    super::text::stance_name(p.stance, lang),
                    lang,
                )
            })
            .collect();
        let who = super::text::list(&who, lang);
        return Health {
            level: HealthLevel::Red,
            reason: tx(
                lang,
                format!("A decision maker is against us: {who}."),
                format!("决策者不站在我方一边：{who}。"),
            ),
            supporters: supportive_key,
        };
    }
    if supportive_key.is_empty() && supportive_deciders.is_empty() {
        return Health {
            level: HealthLevel::Red,
            reason: tx(
                lang,
                "No key player (decision maker, approver or power 4–5) supports us.".into(),
                "没有关键人（决策者、审批人或权力 4–5）支持我们。".into(),
            ),
            supporters: Vec::new(),
        };
    }

    // What stands between the map and green.
    let mut gaps = Vec::new();
    if deciders.is_empty() {
        gaps.push(tx(
            lang,
            "nobody is known to decide".into(),
            "尚不清楚谁拍板".into(),
        ));
    }
    let not_supportive = cx.among(deciders, |p| !p.stance.is_supportive());
    if !not_supportive.is_empty() {
        gaps.push(tx(
            lang,
            format!("not yet supportive: {}", list(&not_supportive)),
            format!("{}尚未表态支持", list(&not_supportive)),
        ));
    }
    let window = cx.recency.window();
    let never_met = cx.among(deciders, |p| !super::Recency::met(p));
    if !never_met.is_empty() {
        gaps.push(tx(
            lang,
            format!("never met: {}", list(&never_met)),
            format!("我方从未接触{}", list(&never_met)),
        ));
    }
    let not_recently = cx.among(deciders, |p| {
        p.last_contact.is_some() && !cx.recency.contacted_recently(p)
    });
    if !not_recently.is_empty() {
        gaps.push(tx(
            lang,
            format!(
                "not met for more than {}: {}",
                super::text::days(window, lang),
                list(&not_recently)
            ),
            format!("我方已超过 {window} 天未接触{}", list(&not_recently)),
        ));
    }
    // Someone never met is not also reported as unverified: meeting them comes first.
    let dated_but_old = |p: &crate::model::Stakeholder| {
        super::Recency::met(p)
            && !cx.recency.verified_recently(p)
            && !cx.recency.contacted_recently(p)
    };
    let never_verified = cx.among(deciders, |p| {
        dated_but_old(p) && p.last_verified.is_none() && p.last_contact.is_none()
    });
    if !never_verified.is_empty() {
        gaps.push(tx(
            lang,
            format!("never verified: {}", list(&never_verified)),
            format!("{}的信息从未核实", list(&never_verified)),
        ));
    }
    let unverified = cx.among(deciders, |p| {
        dated_but_old(p) && (p.last_verified.is_some() || p.last_contact.is_some())
    });
    if !unverified.is_empty() {
        gaps.push(tx(
            lang,
            format!(
                "not verified for more than {}: {}",
                super::text::days(window, lang),
                list(&unverified)
            ),
            format!("{}的信息已超过 {window} 天未核实", list(&unverified)),
        ));
    }
    // Vetoes: a powerful blocker, an approver, a power-5 person of unknown stance —
    // and any other high risk still open.
    let veto = |i: usize| {
        cx.buying.is_approver(i)
            || cx.doc.stakeholders.get(i).is_some_and(|p| {
                (p.power.level() >= 4 && (p.role == Role::Blocker || p.stance.is_against()))
                    || (p.power.level() >= 5 && p.stance == Stance::Unknown)
            })
    };
    let mut vetoes: Vec<usize> =
        cx.indices(|p| p.power.level() >= 5 && p.stance == Stance::Unknown);
    let high: Vec<&super::Risk> = risks
        .iter()
        .filter(|r| r.severity == Severity::High)
        .collect();
    vetoes.extend(
        high.iter()
            .flat_map(|r| r.people.iter().copied())
            .filter(|&i| veto(i)),
    );
    vetoes.sort_unstable();
    vetoes.dedup();
    if !vetoes.is_empty() {
        gaps.push(tx(
            lang,
            format!("an open risk on someone who can veto: {}", list(&vetoes)),
            format!("能否决项目的{}身上仍有风险", list(&vetoes)),
        ));
    }
    let mut others: Vec<usize> = high
        .iter()
        .flat_map(|r| r.people.iter().copied())
        .filter(|i| vetoes.binary_search(i).is_err())
        .collect();
    others.sort_unstable();
    others.dedup();
    if !high.is_empty() && (vetoes.is_empty() || !others.is_empty()) {
        let titles: Vec<&str> = high.iter().map(|r| r.code.title(lang)).collect();
        gaps.push(if others.is_empty() {
            tx(
                lang,
                format!("high risks open ({})", titles.join(", ")),
                format!(
                    "仍有 {} 项高风险未解决（{}）",
                    titles.len(),
                    titles.join("、")
                ),
            )
        } else {
            tx(
                lang,
                format!("high risks open around {}", list(&others)),
                format!("涉及{}的高风险仍未解决", list(&others)),
            )
        });
    }
    if gaps.is_empty() {
        let who = list(&supportive_deciders);
        return Health {
            level: HealthLevel::Green,
            reason: tx(
                lang,
                format!(
                    "Every decision maker supports us and is current, and no veto is open: {who}."
                ),
                format!("所有决策者都支持我们、信息均为最新，且没有未解决的否决风险：{who}。"),
            ),
            supporters: supportive_deciders,
        };
    }
    let supporters = if supportive_deciders.is_empty() {
        supportive_key
    } else {
        supportive_deciders
    };
    let who = list(&supporters);
    let separator = if lang == crate::lang::Language::Chinese {
        "；"
    } else {
        "; "
    };
    let support = if supporters.len() == 1 {
        "A key player supports us"
    } else {
        "Key players support us"
    };
    Health {
        level: HealthLevel::Amber,
        reason: tx(
            lang,
            format!(
                "{support} ({who}), but not green yet — {}.",
                gaps.join(separator)
            ),
            format!(
                "有关键人支持我们（{who}），但还不能亮绿灯：{}。",
                gaps.join(separator)
            ),
        ),
        supporters,
    }
}
