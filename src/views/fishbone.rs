//! The fishbone (鱼骨图): the decision chain as a fish. The spine runs left to right
//! into the head, the deal's decision (account and opportunity). Each bone is a
//! department — or, when the account has a decision process, a decision step with
//! its approvers — slanting back from the spine, alternately above and below it.
//! People sit along their bone, the most powerful nearest the spine; the bones that
//! hold decision makers are nearest the head, and people in no department (or in
//! no step) are on an "Other" bone at the tail. Large bones hold their people in a
//! few columns per row. Texts are large, for projecting to a room. Linear time
//! after sorting each bone's people (n log n).

use std::collections::HashMap;

use super::{Anchor, Backdrop, MIN_SPACING, Tone, ViewLayout, person_half_width};
use crate::export::svg::CanvasRect;
use crate::lang::Language;
use crate::model::{Document, Position, Role, Stakeholder};
use crate::theme;

/// Horizontal run of a bone per unit of its height: bones slant back to the tail.
const SLANT: f64 = 0.45;
/// From the spine to the first person of a bone.
const FIRST: f64 = 120.0;
/// Between people along a bone.
const ROW_STEP: f64 = 120.0;
/// Empty room beside each label.
const LABEL_GAP: f64 = 28.0;
/// Beyond a bone's last person, where its label sits.
const BONE_END: f64 = 90.0;
/// Between neighbouring bones on one side.
const BONE_GAP: f64 = 40.0;
/// Between the attachment points of consecutive bones.
const ATTACH_GAP: f64 = 60.0;
/// Between the nearest bone and the head.
const HEAD_GAP: f64 = 80.0;
/// Bones of up to this many people hold them one per row.
const SINGLE_FILE: usize = 6;
/// Font size of bone labels and of the head.
const BONE_LABEL_SIZE: f64 = 24.0;
const HEAD_SIZE: f64 = 30.0;
const HEAD_DETAIL_SIZE: f64 = 22.0;
const HEAD_PAD: f64 = 24.0;
const SPINE_WIDTH: f64 = 6.0;
const BONE_WIDTH: f64 = 3.0;

/// One bone: its label and its people, nearest the spine first.
#[derive(Clone, Debug, PartialEq)]
pub struct Bone {
    /// Department or decision step.
    pub label: String,
    /// Document indices, the most powerful first.
    pub people: Vec<usize>,
    /// Whether a decision maker is on it.
    pub has_decision_maker: bool,
    /// The bone of people in no department or no step.
    pub other: bool,
}

/// The bones of `doc`, nearest the head first.
pub fn fishbone_bones(doc: &Document, language: Language) -> Vec<Bone> {
    let other_label = match language {
        Language::English => "Other",
        Language::Chinese => "其他",
    };
    let mut bones = if doc.account.decision_process.is_empty() {
        department_bones(doc)
    } else {
        step_bones(doc, language)
    };
    let claimed: Vec<bool> = {
        let mut claimed = vec![false; doc.stakeholders.len()];
        for person in bones.iter().flat_map(|b| &b.people) {
            if let Some(flag) = claimed.get_mut(*person) {
                *flag = true;
            }
        }
        claimed
    };
    let rest: Vec<usize> = (0..doc.stakeholders.len())
        .filter(|p| !claimed.get(*p).copied().unwrap_or(true))
        .collect();
    for bone in &mut bones {
        sort_by_power(doc, &mut bone.people);
        bone.has_decision_maker = bone.people.iter().any(|p| is_decision_maker(doc, *p));
    }
    // Stable: among equals the order built above stays.
    bones.sort_by_key(|b| !b.has_decision_maker);
    if !rest.is_empty() {
        let mut people = rest;
        sort_by_power(doc, &mut people);
        bones.push(Bone {
            label: other_label.to_owned(),
            has_decision_maker: people.iter().any(|p| is_decision_maker(doc, *p)),
            people,
            other: true,
        });
    }
    bones
}

fn is_decision_maker(doc: &Document, person: usize) -> bool {
    doc.stakeholders
        .get(person)
        .is_some_and(|p| p.role == Role::DecisionMaker)
}

/// Most powerful first; decision makers first among equals; then by name and id.
fn sort_by_power(doc: &Document, people: &mut [usize]) {
    let key = |p: &usize| {
        doc.stakeholders.get(*p).map(|s: &Stakeholder| {
            (
                std::cmp::Reverse(s.power.level()),
                s.role != Role::DecisionMaker,
                s.name.clone(),
                s.id.as_str().to_owned(),
            )
        })
    };
    people.sort_by_cached_key(key);
}

/// A bone per department: those with more power nearer the head.
fn department_bones(doc: &Document) -> Vec<Bone> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut bones: Vec<Bone> = Vec::new();
    for (person, s) in doc.stakeholders.iter().enumerate() {
        let department = s.department.trim();
        if department.is_empty() {
            continue;
        }
        let bone = *index.entry(department).or_insert_with(|| {
            bones.push(Bone {
                label: department.to_owned(),
                people: Vec::new(),
                has_decision_maker: false,
                other: false,
            });
            bones.len() - 1
        });
        if let Some(bone) = bones.get_mut(bone) {
            bone.people.push(person);
        }
    }
    let weight = |bone: &Bone| {
        let top = bone
            .people
            .iter()
            .filter_map(|p| doc.stakeholders.get(*p))
            .map(|s| s.power.level())
            .max()
            .unwrap_or(0);
        (std::cmp::Reverse(top), std::cmp::Reverse(bone.people.len()))
    };
    bones.sort_by(|a, b| {
        weight(a)
            .cmp(&weight(b))
            .then_with(|| a.label.cmp(&b.label))
    });
    bones
}

/// A bone per decision step, the last step nearest the head; a person approving
/// several steps sits on the first.
fn step_bones(doc: &Document, language: Language) -> Vec<Bone> {
    let index: HashMap<&str, usize> = doc
        .stakeholders
        .iter()
        .enumerate()
        .rev()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut claimed = vec![false; doc.stakeholders.len()];
    let mut bones = Vec::new();
    for (number, step) in doc.account.decision_process.iter().enumerate() {
        let mut people = Vec::new();
        for approver in &step.approvers {
            let Some(&person) = index.get(approver.as_str()) else {
                continue;
            };
            if let Some(flag) = claimed.get_mut(person)
                && !*flag
            {
                *flag = true;
                people.push(person);
            }
        }
        let label = if step.name.trim().is_empty() {
            match language {
                Language::English => format!("Step {}", number + 1),
                Language::Chinese => format!("第 {} 步", number + 1),
            }
        } else {
            step.name.trim().to_owned()
        };
        bones.push(Bone {
            label,
            people,
            has_decision_maker: false,
            other: false,
        });
    }
    bones.reverse();
    bones
}

/// Where a bone's people go relative to its attachment point on the spine.
struct BoneShape {
    per_row: usize,
    column: f64,
    /// Reach left and right of the attachment point.
    left: f64,
    right: f64,
    length: f64,
}

fn bone_shape(doc: &Document, bone: &Bone) -> BoneShape {
    let count = bone.people.len();
    let per_row = if count <= SINGLE_FILE {
        1
    } else {
        ((count as f64 / 3.0).sqrt().ceil() as usize).max(1)
    };
    let rows = count.div_ceil(per_row).max(1);
    let column = bone
        .people
        .iter()
        .filter_map(|p| doc.stakeholders.get(*p))
        .map(|s| 2.0 * person_half_width(s) + LABEL_GAP)
        .fold(MIN_SPACING + 20.0, f64::max);
    let deepest = FIRST + (rows - 1) as f64 * ROW_STEP;
    let length = deepest + BONE_END;
    let label_width = theme::text_width(&bone.label, BONE_LABEL_SIZE);
    let end = -SLANT * length;
    let people_left = -SLANT * deepest - (per_row - 1) as f64 * column - column / 2.0;
    let people_right = -SLANT * FIRST + column / 2.0;
    BoneShape {
        per_row,
        column,
        left: -(people_left.min(end - label_width / 2.0)),
        right: people_right.max(end + label_width / 2.0).max(0.0),
        length,
    }
}

/// The fishbone view of `doc`.
pub fn fishbone_view(doc: &Document, language: Language) -> ViewLayout {
    let bones = fishbone_bones(doc, language);
    let mut positions = vec![Position::default(); doc.stakeholders.len()];
    let mut backdrop = Vec::new();
    // Each side's leftmost edge so far; bones go from the head towards the tail.
    let mut edge = [-HEAD_GAP, -HEAD_GAP];
    let mut last_attach = -HEAD_GAP + ATTACH_GAP;
    let mut tail = -HEAD_GAP - 200.0;
    let mut bone_items = Vec::new();
    for (number, bone) in bones.iter().enumerate() {
        let side = number % 2;
        let sign = if side == 0 { -1.0 } else { 1.0 };
        let shape = bone_shape(doc, bone);
        let side_edge = edge.get(side).copied().unwrap_or(-HEAD_GAP);
        let attach = (last_attach - ATTACH_GAP).min(side_edge - BONE_GAP - shape.right);
        last_attach = attach;
        if let Some(e) = edge.get_mut(side) {
            *e = attach - shape.left;
        }
        tail = tail.min(attach - shape.left - BONE_GAP);
        let end = Position::new(attach - SLANT * shape.length, sign * shape.length);
        bone_items.push(Backdrop::Stroke {
            from: Position::new(attach, 0.0),
            to: end,
            width: BONE_WIDTH,
            tone: Tone::Structure,
        });
        for (slot, &person) in bone.people.iter().enumerate() {
            let (row, column) = (slot / shape.per_row, slot % shape.per_row);
            let depth = FIRST + row as f64 * ROW_STEP;
            let on_bone = attach - SLANT * depth;
            let at = Position::new(on_bone - column as f64 * shape.column, sign * depth);
            if let Some(p) = positions.get_mut(person) {
                *p = at;
            }
            let row_len = (bone.people.len() - row * shape.per_row).min(shape.per_row);
            if column == 0 && row_len > 1 {
                bone_items.push(Backdrop::Stroke {
                    from: Position::new(on_bone, sign * depth),
                    to: Position::new(on_bone - (row_len - 1) as f64 * shape.column, sign * depth),
                    width: BONE_WIDTH / 1.5,
                    tone: Tone::Structure,
                });
            }
        }
        let label_y = if sign < 0.0 {
            end.y - 12.0
        } else {
            end.y + BONE_LABEL_SIZE
        };
        bone_items.push(Backdrop::Text {
            at: Position::new(end.x, label_y),
            text: bone.label.clone(),
            size: BONE_LABEL_SIZE,
            anchor: Anchor::Middle,
            tone: if bone.has_decision_maker {
                Tone::Emphasis
            } else {
                Tone::Group
            },
        });
    }
    backdrop.push(Backdrop::Stroke {
        from: Position::new(tail, 0.0),
        to: Position::new(0.0, 0.0),
        width: SPINE_WIDTH,
        tone: Tone::Structure,
    });
    backdrop.extend(bone_items);
    backdrop.extend(head(doc, language));
    ViewLayout {
        positions,
        backdrop,
        grid: None,
        drawn_lines: Vec::new(),
    }
}

/// The head: account and opportunity in an emphasised box at the spine's end.
fn head(doc: &Document, language: Language) -> Vec<Backdrop> {
    let account = doc.account.name.trim();
    let title = if account.is_empty() {
        match language {
            Language::English => "The decision",
            Language::Chinese => "决策",
        }
    } else {
        account
    };
    let opportunity = doc.account.opportunity.trim();
    let width = theme::text_width(title, HEAD_SIZE)
        .max(theme::text_width(opportunity, HEAD_DETAIL_SIZE))
        .min(2000.0)
        + 2.0 * HEAD_PAD;
    let height = if opportunity.is_empty() {
        HEAD_SIZE + 2.0 * HEAD_PAD
    } else {
        HEAD_SIZE + HEAD_DETAIL_SIZE + 10.0 + 2.0 * HEAD_PAD
    };
    let top = -height / 2.0;
    let mut items = vec![
        Backdrop::Region {
            rect: CanvasRect {
                x: 0.0,
                y: top,
                width,
                height,
            },
            label: String::new(),
            tone: Tone::Emphasis,
        },
        Backdrop::Text {
            at: Position::new(HEAD_PAD, top + HEAD_PAD + HEAD_SIZE * 0.85),
            text: title.to_owned(),
            size: HEAD_SIZE,
            anchor: Anchor::Start,
            tone: Tone::Emphasis,
        },
    ];
    if !opportunity.is_empty() {
        items.push(Backdrop::Text {
            at: Position::new(
                HEAD_PAD,
                top + HEAD_PAD + HEAD_SIZE + 10.0 + HEAD_DETAIL_SIZE * 0.85,
            ),
            text: opportunity.to_owned(),
            size: HEAD_DETAIL_SIZE,
            anchor: Anchor::Start,
            tone: Tone::Emphasis,
        });
    }
    items
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::{DecisionStep, Power, StakeholderId};
    use crate::views::testing::{closest_pair, map_of, recipes};

    fn person(id: &str, department: &str, power: i64, role: Role) -> Stakeholder {
        let mut p = Stakeholder::new(id, id);
        p.department = department.to_owned();
        p.power = Power::new(power).unwrap();
        p.role = role;
        p
    }

    fn sample() -> Document {
        let mut doc = Document::default();
        doc.account.name = "华东集团".to_owned();
        doc.account.opportunity = "MES rollout".to_owned();
        doc.stakeholders = vec![
            person("a", "IT", 3, Role::Influencer),
            person("b", "IT", 5, Role::Blocker),
            person("c", "Finance", 4, Role::DecisionMaker),
            person("d", "", 2, Role::EndUser),
            person("e", "Finance", 2, Role::EndUser),
            person("f", "HR", 1, Role::Unknown),
        ];
        doc
    }

    #[test]
    fn departments_are_bones_decision_makers_nearest_the_head() {
        let doc = sample();
        let bones = fishbone_bones(&doc, Language::English);
        let labels: Vec<&str> = bones.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["Finance", "IT", "HR", "Other"]);
        assert_eq!(bones[0].people, [2, 4]);
        assert_eq!(bones[1].people, [1, 0], "most powerful nearest the spine");
        assert_eq!(bones[3].people, [3]);
        assert!(bones[3].other);

        let view = fishbone_view(&doc, Language::English);
        // Bones alternate: the first above the spine, the second below.
        assert!(view.positions[2].y < 0.0 && view.positions[1].y > 0.0);
        // The most powerful is nearest the spine.
        assert!(view.positions[1].y.abs() < view.positions[0].y.abs());
        // The head holds the account and the opportunity; every bone is labelled.
        let texts: Vec<&str> = view
            .backdrop
            .iter()
            .filter_map(|b| match b {
                Backdrop::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        for expected in ["华东集团", "MES rollout", "Finance", "IT", "HR", "Other"] {
            assert!(texts.contains(&expected), "{expected} in {texts:?}");
        }
        // The finance bone is nearer the head (right) than the IT bone.
        assert!(view.positions[2].x > view.positions[1].x);
    }

    #[test]
    fn a_decision_process_gives_a_bone_per_step() {
        let mut doc = sample();
        doc.account.decision_process = vec![
            DecisionStep::new(
                "技术评审",
                vec![StakeholderId::from("a"), StakeholderId::from("ghost")],
            ),
            DecisionStep::new("", vec![StakeholderId::from("a"), StakeholderId::from("b")]),
            DecisionStep::new("Sign-off", vec![StakeholderId::from("c")]),
        ];
        let bones = fishbone_bones(&doc, Language::Chinese);
        let labels: Vec<&str> = bones.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, ["Sign-off", "第 2 步", "技术评审", "其他"]);
        assert_eq!(bones[1].people, [1], "a approves the first step already");
        assert_eq!(bones[2].people, [0]);
        assert_eq!(bones[3].people, [3, 4, 5], "equal power: by name");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn fishbones_are_spaced_and_hold_everyone_once(recipe in recipes(60)) {
            let doc = map_of(&recipe);
            let view = fishbone_view(&doc, Language::English);
            prop_assert!(closest_pair(&view.positions) >= MIN_SPACING);
            let bones = fishbone_bones(&doc, Language::English);
            let mut seen = vec![0; doc.stakeholders.len()];
            for bone in &bones {
                for &p in &bone.people {
                    seen[p] += 1;
                    let department = doc.stakeholders[p].department.trim();
                    if bone.other {
                        prop_assert!(department.is_empty());
                    } else {
                        prop_assert_eq!(department, bone.label.as_str());
                    }
                }
                for pair in bone.people.windows(2) {
                    prop_assert!(doc.stakeholders[pair[0]].power >= doc.stakeholders[pair[1]].power);
                }
            }
            prop_assert!(seen.iter().all(|n| *n == 1));
            prop_assert_eq!(&view, &fishbone_view(&doc, Language::English));
        }
    }
}
