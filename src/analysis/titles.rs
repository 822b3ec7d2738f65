//! Reading rank from job titles, in Chinese and English.
//!
//! A title is read from its position word (the end of a Chinese title: 教务处处长 is a
//! 处长; the role word of an English one: "VP, Sales" is a VP). A deputy (副, deputy,
//! vice, assistant, associate) is one rank below the title. The head of a unit
//! inside the organisation (学院院长, 分公司总经理, 二分厂厂长) is a head, not the top.
//! Some senior titles sit beside the line of command — 工会主席, 纪委书记, 团委书记,
//! 监事会主席, a works council chair — and some are staff to an executive (chief of
//! staff, 秘书, assistants): they can weigh on a decision, but they do not make it.

/// How high a title sits, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rank {
    /// No management title: engineers, specialists, teachers, assistants.
    Staff,
    /// First-line management: 科长, 车间主任, 主管, manager, team lead.
    Section,
    /// Deputy head of a department: 副处长, 副主任, deputy director.
    DeputyHead,
    /// Head of a department or unit: 处长, 主任, 总监, 部长, director, head of.
    Head,
    /// The executive team: 副总经理, 副校长, 总会计师, 党委副书记, CFO, VP.
    Executive,
    /// The top of the organisation: 总经理, 董事长, 校长, 党委书记, CEO, president.
    Top,
}

impl Rank {
    /// One rank lower (a deputy of this title).
    fn below(self) -> Self {
        match self {
            Self::Top => Self::Executive,
            Self::Executive => Self::Head,
            Self::Head => Self::DeputyHead,
            Self::DeputyHead => Self::Section,
            Self::Section | Self::Staff => Self::Staff,
        }
    }

    /// The level shown in a coverage grid.
    pub fn level(self) -> Level {
        match self {
            Self::Top | Self::Executive => Level::Executive,
            Self::Head | Self::DeputyHead => Level::Middle,
            Self::Section | Self::Staff => Level::Operational,
        }
    }
}

/// The three levels of a coverage grid: 高层, 中层, 执行层.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// The executive team and the top (高层).
    Executive,
    /// Heads and deputy heads of departments (中层).
    Middle,
    /// Everyone else (执行层).
    Operational,
}

impl Level {
    /// Every level, top first.
    pub const ALL: [Level; 3] = [Level::Executive, Level::Middle, Level::Operational];

    /// The stable code used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Executive => "executive",
            Self::Middle => "middle",
            Self::Operational => "operational",
        }
    }
}

/// Where a title sits beside its rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Line {
    /// In the line of command.
    Command,
    /// Beside it: staff representatives, discipline, supervision.
    Beside,
    /// Staff to someone: chief of staff, secretary, assistant.
    Staff,
}

/// What a title says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TitleReading {
    /// How high it sits.
    pub rank: Rank,
    /// Whether it is in the line of command.
    pub line: Line,
    /// The word that decided, for the reasons shown.
    pub keyword: Option<&'static str>,
}

/// How senior a title sounds (the coarse reading kept for older callers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Seniority {
    /// Nothing in the title points to decision power.
    None,
    /// Senior: heads, deputies and the executive team.
    Senior,
    /// The top of an organisation.
    Top,
}

/// Position words of Chinese titles with their rank, longest first where one
/// contains another.
const ZH_POSITIONS: &[(&str, Rank)] = &[
    ("董事会秘书", Rank::Executive),
    ("首席执行官", Rank::Top),
    ("总会计师", Rank::Executive),
    ("总工程师", Rank::Executive),
    ("总经济师", Rank::Executive),
    ("总法律顾问", Rank::Executive),
    ("董事长", Rank::Top),
    ("总经理", Rank::Top),
    ("总裁", Rank::Top),
    ("理事长", Rank::Top),
    ("校长", Rank::Top),
    ("院长", Rank::Top),
    ("局长", Rank::Top),
    ("行长", Rank::Top),
    ("厂长", Rank::Top),
    ("所长", Rank::Top),
    ("社长", Rank::Top),
    ("书记", Rank::Top),
    ("主席", Rank::Top),
    ("总工", Rank::Executive),
    ("总监", Rank::Head),
    ("处长", Rank::Head),
    ("部长", Rank::Head),
    ("主任", Rank::Head),
    ("科长", Rank::Section),
    ("工段长", Rank::Section),
    ("班组长", Rank::Section),
    ("班长", Rank::Section),
    ("组长", Rank::Section),
    ("主管", Rank::Section),
    ("经理", Rank::Section),
];

/// Before a top title, these name a unit inside the organisation (分公司总经理,
/// 学院院长, 二分厂厂长): the head of a unit is a head, not the top.
const UNIT_MARKS_ZH: &[&str] = &[
    "分",
    "学院",
    "系",
    "中心",
    "办公室",
    "车间",
    "部",
    "处",
    "科",
    "事业",
    "研究",
    "实验",
];

/// Chinese titles beside the line of command: the body, its head's title and rank.
const ZH_BESIDE: &[(&str, &str, Rank)] = &[
    ("工会", "主席", Rank::Executive),
    ("纪委", "书记", Rank::Executive),
    ("监事会", "主席", Rank::Executive),
    ("团委", "书记", Rank::Head),
    ("纪检组", "组长", Rank::Head),
];

/// English role words with their rank; multi-word phrases first.
const EN_PHRASES: &[(&str, Rank)] = &[
    ("chief of staff", Rank::Executive),
    ("general manager", Rank::Top),
    ("managing director", Rank::Top),
    ("chief executive", Rank::Top),
    ("vice president", Rank::Executive),
    ("general counsel", Rank::Executive),
    ("head of", Rank::Head),
    ("team lead", Rank::Section),
];
const EN_WORDS: &[(&str, Rank)] = &[
    ("ceo", Rank::Top),
    ("president", Rank::Top),
    ("chairman", Rank::Top),
    ("chairwoman", Rank::Top),
    ("chair", Rank::Head),
    ("founder", Rank::Top),
    ("rector", Rank::Top),
    ("cfo", Rank::Executive),
    ("cto", Rank::Executive),
    ("coo", Rank::Executive),
    ("cio", Rank::Executive),
    ("ciso", Rank::Executive),
    ("cmo", Rank::Executive),
    ("cpo", Rank::Executive),
    ("chro", Rank::Executive),
    ("cdo", Rank::Executive),
    ("vp", Rank::Executive),
    ("svp", Rank::Executive),
    ("evp", Rank::Executive),
    ("provost", Rank::Executive),
    ("chief", Rank::Executive),
    ("director", Rank::Head),
    ("head", Rank::Head),
    ("dean", Rank::Head),
    ("manager", Rank::Section),
    ("lead", Rank::Section),
    ("supervisor", Rank::Section),
    ("foreman", Rank::Section),
    ("superintendent", Rank::Section),
];
const EN_DEPUTY: &[&str] = &["deputy", "vice", "assistant", "associate"];
const ASSISTANT: &[&str] = &[
    "助理",
    "秘书",
    "assistant to",
    "executive assistant",
    "secretary",
    "personal assistant",
];

/// What a title says: rank, line and the deciding word.
pub fn read_title(title: &str) -> TitleReading {
    let position = without_trailing_note(title.trim());
    let lower = position.to_lowercase();
    // "Assistant to the CEO", 总经理助理, 副校长秘书: staff, not the title they serve
    // (a board secretary, 董事会秘书, is an officer of the company).
    if ASSISTANT.iter().any(|w| lower.contains(w))
        && !lower.contains("assistant director")
        && !lower.contains("董事会秘书")
    {
        return TitleReading {
            rank: Rank::Staff,
            line: Line::Staff,
            keyword: None,
        };
    }
    for (body, head, rank) in ZH_BESIDE {
        let Some(after) = lower.find(body).and_then(|at| lower.get(at + body.len()..)) else {
            continue;
        };
        if let Some(at) = after.find(head) {
            let between = after.get(..at).unwrap_or("");
            let rank = if between.ends_with('副') {
                rank.below()
            } else {
                *rank
            };
            return TitleReading {
                rank,
                line: Line::Beside,
                keyword: Some(head),
            };
        }
    }
    if let Some(reading) = chinese(&lower) {
        return reading;
    }
    english(&lower)
}

/// The coarse seniority of a title and the word that decided it.
pub fn seniority(title: &str) -> (Seniority, Option<&'static str>) {
    let reading = read_title(title);
    let level = match (reading.rank, reading.line) {
        (Rank::Top, Line::Command) => Seniority::Top,
        (Rank::Top | Rank::Executive | Rank::Head | Rank::DeputyHead, _) => Seniority::Senior,
        _ => Seniority::None,
    };
    (level, reading.keyword)
}

/// A Chinese title: the position word it ends with (or, failing that, contains).
fn chinese(position: &str) -> Option<TitleReading> {
    // Titles joined with 兼 ("董事长兼总经理") count by their highest part.
    let parts = position.split(['兼', '、', '/', '／']);
    let mut best: Option<TitleReading> = None;
    for part in parts {
        let part = part.trim();
        let found = ZH_POSITIONS
            .iter()
            .find(|(word, _)| part.ends_with(word))
            .or_else(|| ZH_POSITIONS.iter().find(|(word, _)| part.contains(word)));
        let Some((word, rank)) = found else {
            continue;
        };
        let before = part.rfind(word).and_then(|at| part.get(..at)).unwrap_or("");
        let mut rank = *rank;
        // 分管 (in charge of) names a portfolio, not a unit.
        let units = before.replace("分管", "");
        if rank == Rank::Top && UNIT_MARKS_ZH.iter().any(|m| units.contains(m)) {
            rank = Rank::Head;
        }
        // A named plant (焊装厂厂长, 一厂厂长) is a unit too; the works as a whole
        // (总厂厂长) is not.
        let plant = units.trim_end_matches('副').trim_end_matches("常务");
        if rank == Rank::Top && plant.ends_with('厂') && !plant.ends_with("总厂") {
            rank = Rank::Head;
        }
        // 车间主任 and 班组 heads run a shop floor, not a department.
        if *word == "主任" && ["车间", "班组", "工段"].iter().any(|m| before.contains(m)) {
            rank = Rank::Section;
        }
        // A department's manager (销售部经理) heads it; a bare 经理 does not.
        if *word == "经理" && ["部", "处", "中心"].iter().any(|m| before.ends_with(m)) {
            rank = Rank::Head;
        }
        if before.ends_with('副') || before.ends_with("常务副") {
            rank = rank.below();
        }
        let reading = TitleReading {
            rank,
            line: Line::Command,
            keyword: Some(word),
        };
        if best.is_none_or(|b| reading.rank > b.rank) {
            best = Some(reading);
        }
    }
    best
}

/// An English title: the strongest role word in it, one rank lower after a deputy
/// word.
fn english(lower: &str) -> TitleReading {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut best: Option<(Rank, &'static str, bool)> = None;
    let mut consider = |rank: Rank, keyword: &'static str, at: usize| {
        let deputy = words
            .get(at.saturating_sub(1))
            .is_some_and(|w| at > 0 && EN_DEPUTY.contains(w));
        let rank = if deputy && keyword != "vice president" {
            rank.below()
        } else {
            rank
        };
        if best.is_none_or(|(b, _, _)| rank > b) {
            best = Some((rank, keyword, deputy));
        }
    };
    for (phrase, rank) in EN_PHRASES {
        if let Some(at) = lower.find(phrase) {
            let word_index = lower.get(..at).map_or(0, |before| {
                before
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .count()
            });
            consider(*rank, phrase, word_index);
        }
    }
    for (index, word) in words.iter().enumerate() {
        if let Some((keyword, rank)) = EN_WORDS.iter().find(|(k, _)| k == word) {
            // "chief" alone counts only in "chief … officer" titles.
            if *keyword == "chief" && !words.iter().skip(index).any(|w| *w == "officer") {
                continue;
            }
            // A president is the top only without "vice"; that phrase is read above.
            if *keyword == "president" && index > 0 && words.get(index - 1) == Some(&"vice") {
                continue;
            }
            consider(*rank, keyword, index);
        }
    }
    let beside = lower.contains("works council")
        || lower.contains("union")
        || lower.contains("staff council");
    let staff = lower.contains("chief of staff");
    match best {
        Some((rank, keyword, _)) => TitleReading {
            // A works council chair or a union head is not the top of the company.
            rank: if beside {
                rank.min(Rank::Executive)
            } else {
                rank
            },
            line: if beside {
                Line::Beside
            } else if staff {
                Line::Staff
            } else {
                Line::Command
            },
            keyword: Some(keyword),
        },
        None => TitleReading {
            rank: Rank::Staff,
            line: Line::Command,
            keyword: None,
        },
    }
}

/// The title without a note in parentheses at its end: 副校长（分管本科教学） → 副校长.
fn without_trailing_note(title: &str) -> &str {
    for (open, close) in [('（', '）'), ('(', ')')] {
        if title.ends_with(close)
            && let Some(start) = title.rfind(open)
        {
            return title.get(..start).unwrap_or(title).trim_end();
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rank(title: &str) -> Rank {
        read_title(title).rank
    }

    #[test]
    fn titles_in_both_languages() {
        assert_eq!(seniority("总经理").0, Seniority::Top);
        assert_eq!(seniority("副总经理").0, Seniority::Senior);
        assert_eq!(seniority("教务处处长").0, Seniority::Senior);
        assert_eq!(seniority("分管教学副校长").0, Seniority::Senior);
        assert_eq!(seniority("校长").0, Seniority::Top);
        assert_eq!(seniority("总经理助理").0, Seniority::None);
        assert_eq!(seniority("Chief Executive Officer").0, Seniority::Top);
        assert_eq!(seniority("CEO").0, Seniority::Top);
        assert_eq!(seniority("Vice President, Sales").0, Seniority::Senior);
        assert_eq!(
            seniority("Executive Assistant to the CEO").0,
            Seniority::None
        );
        assert_eq!(seniority("Head of Data").0, Seniority::Senior);
        assert_eq!(seniority("CFO").0, Seniority::Senior);
        assert_eq!(seniority("Data Engineer").0, Seniority::None);
        assert_eq!(seniority("Directory services admin").0, Seniority::None);
        assert_eq!(seniority("Product Owner").0, Seniority::None);
        assert_eq!(seniority("总经理办公室主任").0, Seniority::Senior);
        assert_eq!(seniority("二分厂厂长").0, Seniority::Senior);
        assert_eq!(seniority("机械工程学院院长").0, Seniority::Senior);
        assert_eq!(seniority("华东分公司总经理").0, Seniority::Senior);
        assert_eq!(seniority("首席执行官").0, Seniority::Top);
        assert_eq!(seniority("董事长兼总经理").0, Seniority::Top);
        assert_eq!(seniority("医院院长").0, Seniority::Top);
        assert_eq!(seniority("副校长（分管本科教学）").0, Seniority::Senior);
        assert_eq!(seniority("校长（兼党委副书记）").0, Seniority::Top);
    }

    #[test]
    fn the_title_zoo() {
        // Beside the line of command, never the top.
        for title in ["工会主席", "纪委书记", "监事会主席", "Works Council Chair"] {
            let reading = read_title(title);
            assert_eq!(reading.line, Line::Beside, "{title}");
            assert!(reading.rank < Rank::Top, "{title}");
        }
        assert_eq!(read_title("团委书记").rank, Rank::Head);
        assert_eq!(read_title("工会副主席").rank, Rank::Head);
        assert_eq!(read_title("工会副主席").line, Line::Beside);
        assert_eq!(rank("分管信息化副校长"), Rank::Executive);
        assert_eq!(rank("研究院院长"), Rank::Head);
        // The party secretary is the top; the deputy party secretary an executive.
        assert_eq!(rank("党委书记"), Rank::Top);
        assert_eq!(read_title("党委书记").line, Line::Command);
        assert_eq!(rank("党委副书记"), Rank::Executive);
        assert_eq!(rank("总会计师"), Rank::Executive);
        assert_eq!(rank("董事会秘书"), Rank::Executive);
        // A deputy is one rank below the title.
        assert_eq!(rank("副处长"), Rank::DeputyHead);
        assert_eq!(rank("教务处副处长"), Rank::DeputyHead);
        assert_eq!(rank("处长"), Rank::Head);
        assert_eq!(rank("副总经理"), Rank::Executive);
        assert_eq!(rank("常务副总经理"), Rank::Executive);
        assert_eq!(rank("副科长"), Rank::Staff);
        // A shop floor is not a department.
        assert_eq!(rank("车间主任"), Rank::Section);
        // A named plant is a unit of the company; the works as a whole is not.
        assert_eq!(rank("焊装厂厂长"), Rank::Head);
        assert_eq!(rank("一厂副厂长"), Rank::DeputyHead);
        assert_eq!(rank("总厂厂长"), Rank::Top);
        assert_eq!(rank("厂长"), Rank::Top);
        assert_eq!(rank("焊装车间主任"), Rank::Section);
        assert_eq!(rank("信息中心主任"), Rank::Head);
        assert_eq!(rank("教学运行科科长"), Rank::Section);
        assert_eq!(rank("销售部经理"), Rank::Head);
        assert_eq!(rank("项目经理"), Rank::Section);
        // English.
        let chief_of_staff = read_title("Chief of Staff");
        assert_eq!(chief_of_staff.line, Line::Staff);
        assert!(chief_of_staff.rank < Rank::Top);
        assert_eq!(rank("Deputy Director of Finance"), Rank::DeputyHead);
        assert_eq!(rank("Director of Finance"), Rank::Head);
        assert_eq!(rank("Vice President, Operations"), Rank::Executive);
        assert_eq!(rank("President"), Rank::Top);
        assert_eq!(rank("Chief Information Officer"), Rank::Executive);
        assert_eq!(rank("IT Manager"), Rank::Section);
        assert_eq!(rank("Procurement Lead"), Rank::Section);
        assert_eq!(rank("Senior Engineer"), Rank::Staff);
        assert_eq!(rank("Assistant Director"), Rank::DeputyHead);
        assert_eq!(rank("Executive Assistant to the CEO"), Rank::Staff);
        assert_eq!(rank("副校长秘书"), Rank::Staff);
        assert_eq!(rank(""), Rank::Staff);
    }
}
