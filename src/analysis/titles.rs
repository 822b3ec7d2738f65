//! Reading seniority from job titles, in Chinese and English.

/// How senior a title sounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Seniority {
    /// Nothing in the title points to decision power.
    None,
    /// Senior: directors, heads, vice presidents, 总监, 处长, 主任, 副总.
    Senior,
    /// The top of an organisation: CEO, president, 董事长, 总经理, 校长.
    Top,
}

/// Titles of the top of an organisation. A 副 (deputy) prefix makes them senior.
const TOP_ZH: &[&str] = &[
    "董事长",
    "首席执行官",
    "总经理",
    "总裁",
    "校长",
    "院长",
    "局长",
    "书记",
    "行长",
    "厂长",
    "主席",
    "所长",
];
/// Before a top title, these name a unit inside the organisation (分公司总经理,
/// 学院院长, 二分厂厂长): the head of a unit is senior, not the top.
const UNIT_MARKS_ZH: &[&str] = &["分", "学院", "系", "中心", "办公室", "车间", "部", "处"];
const SENIOR_ZH: &[&str] = &[
    "副总",
    "总监",
    "处长",
    "主任",
    "部长",
    "副校长",
    "副院长",
    "首席",
    "总工",
    "科长",
];
const TOP_EN_WORDS: &[&str] = &[
    "ceo",
    "president",
    "chairman",
    "chairwoman",
    "founder",
    "rector",
];
const TOP_EN_PHRASES: &[&str] = &["general manager", "managing director", "chief executive"];
const SENIOR_EN_WORDS: &[&str] = &[
    "cfo", "cto", "coo", "cio", "ciso", "cmo", "cpo", "vp", "svp", "evp", "director", "head",
    "chief", "dean", "provost",
];
const ASSISTANT: &[&str] = &["助理", "秘书", "assistant", "secretary"];

/// The seniority a title suggests, and the keyword that decided it.
pub fn seniority(title: &str) -> (Seniority, Option<&'static str>) {
    let lower = title.to_lowercase();
    // "Assistant to the CEO" and 总经理助理 are gatekeepers, not decision makers.
    if ASSISTANT.iter().any(|w| lower.contains(w)) {
        return (Seniority::None, None);
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let deputy_en = words
        .iter()
        .any(|w| matches!(*w, "vice" | "deputy" | "assistant"));
    // Chinese titles end with the position: 总经理办公室主任 is the office's head.
    let position = without_trailing_note(title.trim());
    for keyword in TOP_ZH {
        let Some(unit) = position.strip_suffix(keyword) else {
            continue;
        };
        if unit.ends_with('副') {
            break;
        }
        let level = if UNIT_MARKS_ZH.iter().any(|mark| unit.contains(mark)) {
            Seniority::Senior
        } else {
            Seniority::Top
        };
        return (level, Some(keyword));
    }
    if !deputy_en {
        for keyword in TOP_EN_WORDS {
            if words.contains(keyword) {
                return (Seniority::Top, Some(keyword));
            }
        }
        for phrase in TOP_EN_PHRASES {
            if lower.contains(phrase) {
                return (Seniority::Top, Some(phrase));
            }
        }
    }
    for keyword in SENIOR_ZH {
        if lower.contains(keyword) {
            return (Seniority::Senior, Some(keyword));
        }
    }
    if lower.contains("vice president") {
        return (Seniority::Senior, Some("vice president"));
    }
    for keyword in SENIOR_EN_WORDS {
        if words.contains(keyword) {
            return (Seniority::Senior, Some(keyword));
        }
    }
    (Seniority::None, None)
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
}
