//! The personal win: every person has a business agenda and a personal one
//! (recognition, promotion, a term highlight before 换届, avoiding blame). A step
//! that serves both is the one they will act on. The personal agenda is quoted and
//! turned into a concrete step that fits what it says and who they are.

use super::super::buying::DecisionKind;
use super::super::functions::Function;
use super::profile::Profile;
use super::{Steps, quoted};
use crate::model::Role;

/// What a personal agenda is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Win {
    /// A result to show before a date: a term, a review, a contract renewal.
    Term,
    /// A promotion or the next career step.
    Promotion,
    /// Not being blamed: a failure, an audit, an incident.
    Safety,
    /// A target they are measured on: cost, savings.
    Target,
    /// Credit, standing, a showcase.
    Recognition,
    /// Less work, less overtime.
    Workload,
}

/// Keywords per kind of win, lower case, most telling kinds first.
const WINS: &[(Win, &[&str])] = &[
    (
        Win::Term,
        &[
            "换届",
            "任期",
            "届满",
            "述职",
            "任内",
            "亮点",
            "政绩",
            "业绩",
            "renewal",
            "re-election",
            " term",
            "annual review",
            "track record",
        ],
    ),
    (
        Win::Promotion,
        &[
            "晋升",
            "提拔",
            "提任",
            "升职",
            "升任",
            "接班",
            "后备",
            "调任",
            "promotion",
            "promoted",
            "career",
            " cv",
            "successor",
            "future cfo",
            "future ceo",
            "next role",
        ],
    ),
    (
        Win::Safety,
        &[
            "背锅",
            "问责",
            "担责",
            "追责",
            "事故",
            "合规",
            "审计",
            "整改",
            "失败",
            "否定",
            "blame",
            "failed",
            "failure",
            "incident",
            "overruled",
            "audit",
            "sign off lightly",
            "risk",
        ],
    ),
    (
        Win::Target,
        &[
            "控费",
            "降本",
            "考核",
            "指标",
            "预算",
            "measured on",
            "savings",
            "kpi",
            "target",
            "cost",
        ],
    ),
    (
        Win::Recognition,
        &[
            "认可",
            "示范",
            "标杆",
            "荣誉",
            "话语权",
            "权威",
            "地位",
            "形象",
            "主导",
            "成果",
            "credit",
            "recognition",
            "showcase",
            "reference",
            "look good",
            "visib",
            "standing",
        ],
    ),
    (
        Win::Workload,
        &[
            "减负",
            "加班",
            "省事",
            "负担",
            "善后",
            "workload",
            "overtime",
            "wrangling",
        ],
    ),
];

/// The kinds of win the agenda speaks of, most telling first, at most two.
fn wins(agenda: &str) -> Vec<Win> {
    let text = format!(" {}", agenda.to_lowercase());
    WINS.iter()
        .filter(|(_, words)| words.iter().any(|w| text.contains(w)))
        .map(|(win, _)| *win)
        .take(2)
        .collect()
}

/// Adds the step that serves the person's personal agenda, when one is recorded.
pub fn personal_step(profile: &Profile<'_>, steps: &mut Steps) {
    let agenda = profile.person.interests.personal.trim();
    if agenda.is_empty() {
        return;
    }
    let quote = quoted(agenda);
    let (mut en, mut zh): (Vec<&str>, Vec<&str>) = wins(agenda)
        .into_iter()
        .map(|win| clause(profile, win))
        .unzip();
    if en.is_empty() {
        en.push("show them in private how the project serves it");
        zh.push("私下让其看到项目如何成全这一点");
    }
    steps.push(
        format!(
            "Serve their personal win too — {quote}: {}.",
            en.join("; and ")
        ),
        format!("兼顾其个人诉求{quote}：{}。", zh.join("；同时")),
    );
}

/// The step a kind of win turns into, for this person.
fn clause(profile: &Profile<'_>, win: Win) -> (&'static str, &'static str) {
    let leads =
        profile.decides || profile.executive() || profile.kind == Some(DecisionKind::Approver);
    let champion = profile.person.role == Role::Champion;
    let careful = !leads
        && matches!(
            profile.function,
            Some(Function::Procurement | Function::Audit | Function::Legal)
        );
    match win {
        Win::Term if leads => (
            "plan a visible milestone they can show in time (a go-live or a pilot result), and make them the face of the reference case",
            "规划一个其任期内拿得出手的里程碑（上线或试点成果），并请其作为标杆案例的主角",
        ),
        Win::Term => (
            "give them a result they can put in their own review, with their name on it",
            "帮其拿出一份能写进述职、署其名字的成果",
        ),
        Win::Promotion if champion => (
            "help build their promotion case: a result with their name on it, and the chance to present it to their management",
            "帮其攒下晋升的资本：做出署其名字的成果，并创造机会让其向领导汇报",
        ),
        Win::Promotion => (
            "let the project advance their career: a result they can claim, and a chance to present it upward",
            "让项目成为其职业发展的助力：做出其拿得出手的成果，并创造机会让其向上汇报",
        ),
        Win::Safety if careful => (
            "make the process one they can defend in any audit: complete, documented, by the rules",
            "让其在任何审计面前都站得住：流程完整、留痕可查、合规合矩",
        ),
        Win::Safety => (
            "take away the personal risk: a phased plan, guarantees and a fallback, so nobody carries the blame if something goes wrong",
            "替其消除个人风险：分阶段实施、给出承诺和兜底方案，出了问题不让其担责",
        ),
        Win::Target => (
            "give them a win on what they are measured on, and keep that concession for the moment it counts",
            "让其在考核指标上拿到实绩，相应的让步留到关键时刻再给",
        ),
        Win::Recognition => (
            "give them visible credit: their contribution named in the project documents and acknowledged in front of their management",
            "给足其认可：在项目文件中写明其贡献，并在其领导面前肯定其作用",
        ),
        Win::Workload => (
            "show in their own tasks how the project takes work off their desk",
            "用其自己的工作说明项目如何帮其减负",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::{Win, wins};

    #[test]
    fn agendas_are_read_for_the_win_they_speak_of() {
        assert_eq!(
            wins("明年集团领导班子换届，希望以智能工厂示范项目作为任期亮点"),
            [Win::Term, Win::Recognition]
        );
        assert_eq!(wins("希望项目成功后晋升技术中心副主任"), [Win::Promotion]);
        assert_eq!(wins("要求流程绝对合规，避免背锅"), [Win::Safety]);
        assert_eq!(wins("Measured on negotiated savings"), [Win::Target]);
        assert_eq!(wins("wants a modern platform on his CV"), [Win::Promotion]);
        assert!(wins("喜欢打羽毛球").is_empty());
    }
}
