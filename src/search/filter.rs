//! Which people to keep in view: by role, stance, power, owner, department, tag and
//! whether their record is stale. All conditions set must hold (AND); an unset one
//! keeps everybody.

use std::collections::BTreeSet;

use crate::analysis::text::{role_name, stance_name};
use crate::analysis::{Freshness, Recency};
use crate::lang::Language;
use crate::model::{Date, Document, Power, Role, Stakeholder, Stance, TeamMemberId};

/// Whose relationship a person is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OwnerChoice {
    /// Owned by this member of our team.
    Member(TeamMemberId),
    /// Owned by nobody on our team.
    Nobody,
}

/// A filter on people. The default keeps everyone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    /// Roles to keep; empty: any role.
    pub roles: BTreeSet<Role>,
    /// Stances to keep; empty: any stance.
    pub stances: BTreeSet<Stance>,
    /// Lowest power kept.
    pub power_min: Power,
    /// Highest power kept.
    pub power_max: Power,
    /// The owner to keep; `None`: anyone's.
    pub owner: Option<OwnerChoice>,
    /// The department to keep (case- and width-insensitive); `None`: any.
    pub department: Option<String>,
    /// A tag the person must have (case- and width-insensitive); `None`: any.
    pub tag: Option<String>,
    /// Keep only people not verified or contacted within the stale window.
    pub stale: bool,
}

impl Default for Filter {
    fn default() -> Self {
        Self {
            roles: BTreeSet::new(),
            stances: BTreeSet::new(),
            power_min: Power::MIN,
            power_max: Power::MAX,
            owner: None,
            department: None,
            tag: None,
            stale: false,
        }
    }
}

/// What a filter judges staleness against: the analysis' rule for a record that is
/// not current ([`Recency::freshness`]).
#[derive(Clone, Copy, Debug)]
pub struct FilterContext {
    recency: Recency,
}

impl FilterContext {
    /// Stale means nothing verified or contacted within `stale_after_days` of `today`.
    pub fn new(today: Date, stale_after_days: i64) -> Self {
        Self {
            recency: Recency::new(today, stale_after_days),
        }
    }
}

impl Filter {
    /// Whether any condition is set (otherwise everyone matches).
    pub fn is_active(&self) -> bool {
        *self != Self::default()
    }

    /// Whether `person` meets every condition.
    pub fn matches(&self, person: &Stakeholder, cx: &FilterContext) -> bool {
        let (low, high) = self.power_range();
        (self.roles.is_empty() || self.roles.contains(&person.role))
            && (self.stances.is_empty() || self.stances.contains(&person.stance))
            && (low..=high).contains(&person.power)
            && match &self.owner {
                None => true,
                Some(OwnerChoice::Nobody) => person.owner.is_none(),
                Some(OwnerChoice::Member(id)) => person.owner.as_ref() == Some(id),
            }
            && self
                .department
                .as_deref()
                .is_none_or(|d| same_text(d, &person.department))
            && self
                .tag
                .as_deref()
                .is_none_or(|t| person.tags.iter().any(|tag| same_text(t, tag)))
            && (!self.stale || cx.recency.freshness(person) != Freshness::Current)
    }

    /// The power range, lowest first, whichever way round it was set.
    pub fn power_range(&self) -> (Power, Power) {
        (
            self.power_min.min(self.power_max),
            self.power_min.max(self.power_max),
        )
    }

    /// The conditions on one line, e.g. "stance: opponent or skeptic · power 4–5";
    /// empty when none is set. Team members are named from `doc`.
    pub fn describe(&self, doc: &Document, language: Language) -> String {
        let zh = language == Language::Chinese;
        let (or, sep) = if zh {
            ("或", " · ")
        } else {
            (" or ", " · ")
        };
        let mut parts = Vec::new();
        if !self.roles.is_empty() {
            let names: Vec<&str> = self.roles.iter().map(|r| role_name(*r, language)).collect();
            parts.push(labelled(zh, "role", "角色", &names.join(or)));
        }
        if !self.stances.is_empty() {
            let names: Vec<&str> = self
                .stances
                .iter()
                .map(|s| stance_name(*s, language))
                .collect();
            parts.push(labelled(zh, "stance", "态度", &names.join(or)));
        }
        let (low, high) = self.power_range();
        if (low, high) != (Power::MIN, Power::MAX) {
            let range = if low == high {
                low.level().to_string()
            } else {
                format!("{}–{}", low.level(), high.level())
            };
            parts.push(labelled(zh, "power", "权力", &range));
        }
        if let Some(owner) = &self.owner {
            let name = match owner {
                OwnerChoice::Nobody => (if zh { "无人" } else { "nobody" }).to_owned(),
                OwnerChoice::Member(id) => doc
                    .team_member(id)
                    .map_or_else(|| id.as_str().to_owned(), |m| m.name.clone()),
            };
            parts.push(labelled(zh, "owner", "负责人", &name));
        }
        if let Some(department) = &self.department {
            parts.push(labelled(zh, "department", "部门", department));
        }
        if let Some(tag) = &self.tag {
            parts.push(labelled(zh, "tag", "标签", tag));
        }
        if self.stale {
            parts.push((if zh { "信息已过期" } else { "stale" }).to_owned());
        }
        crate::safe_text::isolate_bidi(&parts.join(sep)).into_owned()
    }
}

/// "role: influencer" / "角色：影响者".
fn labelled(zh: bool, en_label: &str, zh_label: &str, value: &str) -> String {
    if zh {
        format!("{zh_label}：{value}")
    } else {
        format!("{en_label}: {value}")
    }
}

/// Whether two texts are the same once case, width and spacing are folded.
fn same_text(a: &str, b: &str) -> bool {
    super::fold::fold(a) == super::fold::fold(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{StakeholderId, TeamMember};

    fn person(role: Role, stance: Stance, power: i64) -> Stakeholder {
        Stakeholder {
            role,
            stance,
            power: Power::new(power).unwrap(),
            ..Stakeholder::new(StakeholderId::new("p"), "P")
        }
    }

    fn cx() -> FilterContext {
        FilterContext::new("2026-11-30".parse().unwrap(), 90)
    }

    #[test]
    fn the_default_filter_is_inactive_and_keeps_everyone() {
        let filter = Filter::default();
        assert!(!filter.is_active());
        for role in Role::ALL {
            for stance in Stance::ALL {
                assert!(filter.matches(&person(*role, *stance, 1), &cx()));
            }
        }
        assert_eq!(filter.describe(&Document::default(), Language::English), "");
    }

    #[test]
    fn conditions_combine_with_and() {
        let filter = Filter {
            roles: [Role::DecisionMaker, Role::Influencer].into(),
            stances: [Stance::Opponent].into(),
            power_min: Power::new(4).unwrap(),
            ..Filter::default()
        };
        assert!(filter.is_active());
        assert!(filter.matches(&person(Role::Influencer, Stance::Opponent, 4), &cx()));
        assert!(filter.matches(&person(Role::DecisionMaker, Stance::Opponent, 5), &cx()));
        assert!(!filter.matches(&person(Role::Influencer, Stance::Opponent, 3), &cx()));
        assert!(!filter.matches(&person(Role::Influencer, Stance::Neutral, 5), &cx()));
        assert!(!filter.matches(&person(Role::EndUser, Stance::Opponent, 5), &cx()));
    }

    #[test]
    fn a_reversed_power_range_is_read_lowest_first() {
        let filter = Filter {
            power_min: Power::new(4).unwrap(),
            power_max: Power::new(2).unwrap(),
            ..Filter::default()
        };
        let kept: Vec<i64> = (1..=5)
            .filter(|p| filter.matches(&person(Role::Unknown, Stance::Unknown, *p), &cx()))
            .collect();
        assert_eq!(kept, [2, 3, 4]);
    }

    #[test]
    fn owner_department_and_tag_compare_folded() {
        let mut p = person(Role::Unknown, Stance::Unknown, 3);
        p.owner = Some(TeamMemberId::new("t1"));
        p.department = "Finance".into();
        p.tags = vec!["Key Account".into()];
        let keeps = |filter: Filter| filter.matches(&p, &cx());
        assert!(keeps(Filter {
            owner: Some(OwnerChoice::Member(TeamMemberId::new("t1"))),
            ..Filter::default()
        }));
        assert!(!keeps(Filter {
            owner: Some(OwnerChoice::Member(TeamMemberId::new("t2"))),
            ..Filter::default()
        }));
        assert!(!keeps(Filter {
            owner: Some(OwnerChoice::Nobody),
            ..Filter::default()
        }));
        assert!(keeps(Filter {
            department: Some("ＦＩＮＡＮＣＥ".into()),
            ..Filter::default()
        }));
        assert!(!keeps(Filter {
            department: Some("Fin".into()),
            ..Filter::default()
        }));
        assert!(keeps(Filter {
            tag: Some("key  account".into()),
            ..Filter::default()
        }));
        assert!(!keeps(Filter {
            tag: Some("key".into()),
            ..Filter::default()
        }));
    }

    #[test]
    fn stale_uses_the_analysis_rule_for_a_record_that_is_not_current() {
        let filter = Filter {
            stale: true,
            ..Filter::default()
        };
        let mut p = person(Role::Unknown, Stance::Unknown, 3);
        assert!(filter.matches(&p, &cx()), "never verified counts as stale");
        p.last_verified = Some("2026-11-01".parse().unwrap());
        assert!(!filter.matches(&p, &cx()));
        p.last_verified = Some("2026-01-01".parse().unwrap());
        assert!(filter.matches(&p, &cx()));
        p.last_contact = Some("2026-11-20".parse().unwrap());
        assert!(
            !filter.matches(&p, &cx()),
            "a recent contact keeps the record current"
        );
    }

    #[test]
    fn the_description_names_every_condition_in_both_languages() {
        let mut doc = Document::default();
        doc.team.push(TeamMember::new("t1", "Li Na"));
        let filter = Filter {
            roles: [Role::Champion].into(),
            stances: [Stance::Opponent, Stance::Skeptic].into(),
            power_min: Power::new(4).unwrap(),
            owner: Some(OwnerChoice::Member(TeamMemberId::new("t1"))),
            department: Some("Finance".into()),
            tag: Some("key".into()),
            stale: true,
            ..Filter::default()
        };
        assert_eq!(
            filter.describe(&doc, Language::English),
            "role: champion · stance: skeptic or opponent · power: 4–5 · owner: Li Na · department: Finance · tag: key · stale"
        );
        assert_eq!(
            filter.describe(&doc, Language::Chinese),
            "角色：内线 · 态度：怀疑或反对 · 权力：4–5 · 负责人：Li Na · 部门：Finance · 标签：key · 信息已过期"
        );
    }
}
