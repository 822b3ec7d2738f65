//! Map health, as one established sales tool rates it: red when no key player
//! supports us, amber when some do, green when supporters include decision makers.

use super::Context;
use super::risks::is_key;
use super::text::{names, tx};

/// The three health levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HealthLevel {
    /// No key player supports us.
    Red,
    /// Some key players support us, but no decision maker.
    Amber,
    /// Supporters include a decision maker.
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

/// Rates the map.
pub fn health(cx: &Context<'_>) -> Health {
    let lang = cx.language;
    let supportive_key: Vec<usize> = cx.indices(|p| is_key(p) && p.stance.is_supportive());
    let supportive_deciders = cx.among(&cx.decision_makers, |p| p.stance.is_supportive());
    let list = |indices: &[usize]| {
        let people: Vec<_> = indices
            .iter()
            .filter_map(|&i| cx.doc.stakeholders.get(i))
            .collect();
        names(&people, lang)
    };
    if !supportive_deciders.is_empty() {
        let who = list(&supportive_deciders);
        Health {
            level: HealthLevel::Green,
            reason: tx(
                lang,
                format!("A decision maker supports us: {who}."),
                format!("决策者支持我们：{who}。"),
            ),
            supporters: supportive_deciders,
        }
    } else if !supportive_key.is_empty() {
        let who = list(&supportive_key);
        Health {
            level: HealthLevel::Amber,
            reason: tx(
                lang,
                format!("Some key players support us ({who}), but no decision maker does yet."),
                format!("部分关键人物支持我们（{who}），但决策者尚未支持。"),
            ),
            supporters: supportive_key,
        }
    } else {
        Health {
            level: HealthLevel::Red,
            reason: tx(
                lang,
                "No key player (decision maker or power 4–5) supports us.".into(),
                "没有关键人物（决策者或权力 4–5）支持我们。".into(),
            ),
            supporters: Vec::new(),
        }
    }
}
