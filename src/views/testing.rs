//! Random maps for the layouts' property tests: reporting lines with cycles, lines
//! to people who are not on the map, second managers, empty departments, names of
//! every width.

use proptest::prelude::*;

use crate::model::{Document, Position, Power, Relationship, RelationshipKind, Role, Stakeholder};

/// A recipe for a map: people (name length, CJK?, department, power, role) and
/// lines (from, to, kind); indices past the people name someone not on the map.
pub type Recipe = (
    Vec<(usize, bool, usize, u8, usize)>,
    Vec<(usize, usize, usize)>,
);

/// Recipes of up to `max_people` people.
pub fn recipes(max_people: usize) -> impl Strategy<Value = Recipe> {
    let people = proptest::collection::vec(
        (0..24usize, any::<bool>(), 0..5usize, 1..=5u8, 0..7usize),
        0..=max_people,
    );
    people.prop_flat_map(move |people| {
        let n = people.len() + 2;
        let lines = proptest::collection::vec((0..n, 0..n, 0..4usize), 0..=(people.len() * 2));
        (Just(people), lines)
    })
}

/// The map a recipe describes.
pub fn map_of(recipe: &Recipe) -> Document {
    let (people, lines) = recipe;
    let mut doc = Document::default();
    doc.account.name = "Account".to_owned();
    for (i, &(length, cjk, department, power, role)) in people.iter().enumerate() {
        let letter = if cjk { "张" } else { "m" };
        let mut person = Stakeholder::new(format!("p{i}"), letter.repeat(length));
        person.title = if i % 3 == 0 {
            "Vice President".to_owned()
        } else {
            String::new()
        };
        person.department = ["", "IT", "财务部", "Operations and Logistics", "HR"]
            .get(department)
            .copied()
            .unwrap_or_default()
            .to_owned();
        person.power = Power::new(i64::from(power)).unwrap_or_default();
        person.role = Role::ALL.get(role).copied().unwrap_or_default();
        if i % 4 == 1 {
            person.position = Some(Position::new((i * 37 % 5) as f64, 0.0));
        }
        doc.stakeholders.push(person);
    }
    for (k, &(from, to, kind)) in lines.iter().enumerate() {
        let kind = match kind {
            0 | 1 => RelationshipKind::ReportsTo,
            2 => RelationshipKind::Ally,
            _ => RelationshipKind::Influences,
        };
        doc.relationships.push(Relationship::new(
            format!("r{k}").as_str(),
            format!("p{from}").as_str(),
            format!("p{to}").as_str(),
            kind,
        ));
    }
    doc
}

/// The closest two positions' distance (infinite for fewer than two).
pub fn closest_pair(positions: &[Position]) -> f64 {
    let mut closest = f64::INFINITY;
    for (i, a) in positions.iter().enumerate() {
        for b in positions.iter().skip(i + 1) {
            closest = closest.min((a.x - b.x).hypot(a.y - b.y));
        }
    }
    closest
}
