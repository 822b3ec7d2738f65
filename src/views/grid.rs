//! The power × stance grid: stance from opponent to advocate across (unknown in its
//! own column at the right), power 5 at the top to 1 at the bottom. Each cell is as
//! large as its fullest row and column need, so a crowded cell never spills over.

use super::{Anchor, Backdrop, MIN_SPACING, Tone, ViewLayout};
use crate::analysis::text::stance_name;
use crate::export::svg::CanvasRect;
use crate::lang::Language;
use crate::model::{Document, Position, Power, Role, Stance};

/// Stances across the grid, left to right.
pub const COLUMNS: [Stance; 6] = [
    Stance::Opponent,
    Stance::Skeptic,
    Stance::Neutral,
    Stance::Supporter,
    Stance::Advocate,
    Stance::Unknown,
];
/// Horizontal distance between people in a cell: room for a name under each.
const STEP_X: f64 = 150.0;
/// Vertical distance between people in a cell: circle, name and title.
const STEP_Y: f64 = 110.0;
/// Empty margin inside each cell around its people (the top one holds its heading).
const CELL_PAD: f64 = 60.0;
/// The gap that sets the unknown column apart.
const UNKNOWN_GAP: f64 = 80.0;
/// Room left of the grid for the power labels and above it for the stance labels.
const AXIS_ROOM: f64 = 90.0;

/// Where the grid's cells are, for dropping people on them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridGeometry {
    /// Each column's stance and its left and right edges.
    pub columns: Vec<(Stance, f64, f64)>,
    /// Each row's power and its top and bottom edges.
    pub rows: Vec<(Power, f64, f64)>,
}

impl GridGeometry {
    /// The stance and power of the cell under `at`, if any.
    pub fn cell_at(&self, at: Position) -> Option<(Stance, Power)> {
        let stance = self
            .columns
            .iter()
            .find(|(_, left, right)| (*left..*right).contains(&at.x))?
            .0;
        let power = self
            .rows
            .iter()
            .find(|(_, top, bottom)| (*top..*bottom).contains(&at.y))?
            .0;
        Some((stance, power))
    }

    /// The centre of a cell.
    pub fn cell_center(&self, stance: Stance, power: Power) -> Option<Position> {
        let (_, left, right) = self.columns.iter().find(|(s, ..)| *s == stance)?;
        let (_, top, bottom) = self.rows.iter().find(|(p, ..)| *p == power)?;
        Some(Position::new((left + right) / 2.0, (top + bottom) / 2.0))
    }
}

fn column_index(stance: Stance) -> usize {
    COLUMNS
        .iter()
        .position(|s| *s == stance)
        .unwrap_or(COLUMNS.len() - 1)
}

/// Row 0 is power 5.
fn row_index(power: Power) -> usize {
    usize::from(5u8.saturating_sub(power.level()).min(4))
}

/// Who comes first inside a cell: those who decide, then our champion, then blockers.
fn role_rank(role: Role) -> u8 {
    match role {
        Role::DecisionMaker => 0,
        Role::Champion => 1,
        Role::Blocker => 2,
        Role::Influencer => 3,
        Role::Gatekeeper => 4,
        Role::EndUser => 5,
        Role::Unknown => 6,
    }
}

/// People per row inside a cell of `count` people: about square.
fn cell_columns(count: usize) -> usize {
    if count == 0 {
        return 1;
    }
    let mut columns = (count as f64).sqrt().ceil() as usize;
    // Float rounding must never leave too few places.
    while columns * columns < count {
        columns += 1;
    }
    columns.max(1)
}

/// The grid view of `doc`.
pub fn grid_view(doc: &Document, language: Language) -> ViewLayout {
    // Members of each cell in their order.
    let mut cells: Vec<Vec<usize>> = vec![Vec::new(); COLUMNS.len() * 5];
    for (index, person) in doc.stakeholders.iter().enumerate() {
        let cell = row_index(person.power) * COLUMNS.len() + column_index(person.stance);
        if let Some(members) = cells.get_mut(cell) {
            members.push(index);
        }
    }
    for members in &mut cells {
        members.sort_by(|a, b| {
            let (pa, pb) = (doc.stakeholders.get(*a), doc.stakeholders.get(*b));
            let key = |p: Option<&crate::model::Stakeholder>| {
                p.map(|p| (role_rank(p.role), p.name.clone(), p.id.as_str().to_owned()))
            };
            key(pa).cmp(&key(pb))
        });
    }

    // Each column as wide as its widest cell, each row as tall as its tallest.
    let mut widths = [1usize; COLUMNS.len()];
    let mut heights = [1usize; 5];
    for (cell, members) in cells.iter().enumerate() {
        let (row, column) = (cell / COLUMNS.len(), cell % COLUMNS.len());
        let across = cell_columns(members.len());
        let down = members.len().div_ceil(across).max(1);
        if let Some(w) = widths.get_mut(column) {
            *w = (*w).max(across);
        }
        if let Some(h) = heights.get_mut(row) {
            *h = (*h).max(down);
        }
    }

    let mut geometry = GridGeometry::default();
    let mut x = AXIS_ROOM;
    for (column, stance) in COLUMNS.iter().enumerate() {
        if *stance == Stance::Unknown {
            x += UNKNOWN_GAP;
        }
        let width = widths.get(column).copied().unwrap_or(1) as f64 * STEP_X + 2.0 * CELL_PAD;
        geometry.columns.push((*stance, x, x + width));
        x += width;
    }
    let mut y = AXIS_ROOM;
    for row in 0..5u8 {
        let height =
            heights.get(usize::from(row)).copied().unwrap_or(1) as f64 * STEP_Y + 2.0 * CELL_PAD;
        if let Some(power) = Power::new(i64::from(5 - row)) {
            geometry.rows.push((power, y, y + height));
        }
        y += height;
    }

    let mut positions = vec![Position::default(); doc.stakeholders.len()];
    for (cell, members) in cells.iter().enumerate() {
        let (row, column) = (cell / COLUMNS.len(), cell % COLUMNS.len());
        let (Some((_, left, _)), Some((_, top, _))) =
            (geometry.columns.get(column), geometry.rows.get(row))
        else {
            continue;
        };
        let across = cell_columns(members.len());
        for (slot, person) in members.iter().enumerate() {
            let (col, line) = (slot % across, slot / across);
            if let Some(at) = positions.get_mut(*person) {
                *at = Position::new(
                    left + CELL_PAD + (col as f64 + 0.5) * STEP_X,
                    top + CELL_PAD + (line as f64 + 0.5) * STEP_Y - 10.0,
                );
            }
        }
    }

    let backdrop = backdrop(&geometry, language);
    debug_assert!(STEP_X.min(STEP_Y) >= MIN_SPACING);
    ViewLayout {
        positions,
        backdrop,
        grid: Some(geometry),
        drawn_lines: Vec::new(),
    }
}

/// Cells, axis labels and the advice of each quadrant.
fn backdrop(geometry: &GridGeometry, language: Language) -> Vec<Backdrop> {
    let chinese = language == Language::Chinese;
    let mut items = Vec::new();
    for (stance, left, right) in &geometry.columns {
        let tone = if stance.is_supportive() {
            Tone::Favourable
        } else if stance.is_against() {
            Tone::Against
        } else if *stance == Stance::Unknown {
            Tone::Unknown
        } else {
            Tone::Group
        };
        for (_, top, bottom) in &geometry.rows {
            items.push(Backdrop::Region {
                rect: CanvasRect {
                    x: *left + 4.0,
                    y: *top + 4.0,
                    width: right - left - 8.0,
                    height: bottom - top - 8.0,
                },
                label: String::new(),
                tone,
            });
        }
        items.push(Backdrop::Text {
            at: Position::new((left + right) / 2.0, AXIS_ROOM - 24.0),
            text: stance_name(*stance, language).to_owned(),
            size: 22.0,
            anchor: Anchor::Middle,
            tone: Tone::Emphasis,
        });
    }
    for (power, top, bottom) in &geometry.rows {
        let label = if chinese {
            format!("权力 {}", power.level())
        } else {
            format!("Power {}", power.level())
        };
        items.push(Backdrop::Text {
            at: Position::new(AXIS_ROOM - 12.0, (top + bottom) / 2.0),
            text: label,
            size: 18.0,
            anchor: Anchor::End,
            tone: Tone::Emphasis,
        });
    }
    items.extend(quadrant_advice(geometry, language));
    items
}

/// What to do in each quarter, written at the quarter's outer corner.
fn quadrant_advice(geometry: &GridGeometry, language: Language) -> Vec<Backdrop> {
    let edge = |stance: Stance| geometry.columns.iter().find(|(s, ..)| *s == stance);
    let row_edge = |level: i64| {
        Power::new(level).and_then(|power| geometry.rows.iter().find(|(p, ..)| *p == power))
    };
    let (Some(against), Some(favour), Some(high), Some(low)) = (
        edge(Stance::Opponent),
        edge(Stance::Advocate),
        row_edge(5),
        row_edge(1),
    ) else {
        return Vec::new();
    };
    let chinese = language == Language::Chinese;
    let text = |en: &str, zh: &str| {
        if chinese {
            zh.to_owned()
        } else {
            en.to_owned()
        }
    };
    let size = 16.0;
    vec![
        Backdrop::Text {
            at: Position::new(against.1 + 12.0, high.1 + 26.0),
            text: text(
                "High power, against us: understand their concerns first, then escalate",
                "权力高、反对我们：先弄清顾虑，再向上争取",
            ),
            size,
            anchor: Anchor::Start,
            tone: Tone::Against,
        },
        Backdrop::Text {
            at: Position::new(favour.2 - 12.0, high.1 + 26.0),
            text: text(
                "High power, for us: keep them close and ask for sponsorship",
                "权力高、支持我们：保持紧密，请其出面支持",
            ),
            size,
            anchor: Anchor::End,
            tone: Tone::Favourable,
        },
        Backdrop::Text {
            at: Position::new(against.1 + 12.0, low.2 - 14.0),
            text: text(
                "Low power, against us: keep informed, stop the objection spreading",
                "权力低、反对我们：保持沟通，防止异议扩散",
            ),
            size,
            anchor: Anchor::Start,
            tone: Tone::Against,
        },
        Backdrop::Text {
            at: Position::new(favour.2 - 12.0, low.2 - 14.0),
            text: text(
                "Low power, for us: use them as eyes and ears, introductions upward",
                "权力低、支持我们：做耳目，请其引荐上层",
            ),
            size,
            anchor: Anchor::End,
            tone: Tone::Favourable,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stakeholder;

    fn person(id: &str, stance: Stance, power: i64) -> Stakeholder {
        let mut p = Stakeholder::new(id, id);
        p.stance = stance;
        p.power = Power::new(power).unwrap();
        p
    }

    #[test]
    fn every_person_sits_in_the_cell_of_their_stance_and_power() {
        let mut doc = Document::default();
        for (i, stance) in Stance::ALL.iter().enumerate() {
            for power in 1..=5 {
                for k in 0..(i + power as usize) {
                    doc.stakeholders
                        .push(person(&format!("p{i}-{power}-{k}"), *stance, power));
                }
            }
        }
        let view = grid_view(&doc, Language::English);
        let grid = view.grid.as_ref().unwrap();
        for (p, at) in doc.stakeholders.iter().zip(&view.positions) {
            assert_eq!(grid.cell_at(*at), Some((p.stance, p.power)), "{}", p.id);
        }
        // Spacing in the whole grid.
        for (i, a) in view.positions.iter().enumerate() {
            for b in view.positions.iter().skip(i + 1) {
                assert!((a.x - b.x).hypot(a.y - b.y) >= MIN_SPACING);
            }
        }
    }

    #[test]
    fn cells_are_found_by_point_and_centre() {
        let doc = Document::default();
        let view = grid_view(&doc, Language::Chinese);
        let grid = view.grid.unwrap();
        for stance in COLUMNS {
            for level in 1..=5 {
                let power = Power::new(level).unwrap();
                let centre = grid.cell_center(stance, power).unwrap();
                assert_eq!(grid.cell_at(centre), Some((stance, power)));
            }
        }
        assert_eq!(grid.cell_at(Position::new(-10.0, -10.0)), None);
    }
}
