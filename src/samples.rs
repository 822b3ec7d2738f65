//! The sample maps that ship inside the binary, so a first start always has
//! something to show.

use crate::format::{LoadError, from_bytes};
use crate::model::Document;

/// A bundled sample map.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    /// File name, as in `assets/samples/`.
    pub file_name: &'static str,
    bytes: &'static [u8],
}

impl Sample {
    /// The sample's document.
    pub fn document(&self) -> Result<Document, LoadError> {
        from_bytes(self.bytes)
    }
}

/// Every bundled sample; the first is shown on first start.
pub const SAMPLES: &[Sample] = &[
    Sample {
        file_name: "group-equipment-deal.json",
        bytes: include_bytes!("../assets/samples/group-equipment-deal.json"),
    },
    Sample {
        file_name: "university-academic-affairs.json",
        bytes: include_bytes!("../assets/samples/university-academic-affairs.json"),
    },
    Sample {
        file_name: "enterprise-software-deal.json",
        bytes: include_bytes!("../assets/samples/enterprise-software-deal.json"),
    },
];

/// A generated map of `people` stakeholders with about two relationships each (a
/// reporting line and an informal line), laid out on a grid like an org chart, for benchmarks and load tests.
/// The same arguments always give the same map.
pub fn synthetic_map(people: usize, seed: u64) -> Document {
    use crate::model::{
        Position, Power, Relationship, RelationshipKind, Role, Stakeholder, Stance, Strength,
    };
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = move |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(state >> 33).unwrap_or(0) % bound.max(1)
    };
    let columns = ((people as f64).sqrt() * 1.6).ceil().max(1.0) as usize;
    let mut doc = Document::default();
    doc.account.name = format!("Synthetic account ({people} people)");
    for i in 0..people {
        let mut person = Stakeholder::new(format!("p{i}"), format!("Person {i} 张{}", i % 97));
        let titles = ["Director", "工程师", "VP Finance", "处长"];
        person.title = titles
            .get(i % titles.len())
            .copied()
            .unwrap_or_default()
            .to_owned();
        person.department = format!("Dept {}", i % 23);
        person.role = Role::ALL
            .get(next(Role::ALL.len()))
            .copied()
            .unwrap_or_default();
        person.stance = Stance::ALL
            .get(next(Stance::ALL.len()))
            .copied()
            .unwrap_or_default();
        person.power = Power::new(i64::try_from(next(5) + 1).unwrap_or(3)).unwrap_or_default();
        let (col, row) = (i % columns, i / columns);
        person.position = Some(Position::new(col as f64 * 170.0, row as f64 * 140.0));
        doc.stakeholders.push(person);
    }
    let index = |col: usize, row: usize| row * columns + col;
    for i in 0..people {
        let (col, row) = (i % columns, i / columns);
        // Reporting lines go to the head of one's block of four in the row above, as
        // in an org chart: short lines, and never a cycle.
        if row > 0 {
            let manager = index(col - col % 4, row - 1);
            let mut line = Relationship::new(
                format!("r{i}"),
                format!("p{i}"),
                format!("p{manager}"),
                RelationshipKind::ReportsTo,
            );
            line.strength =
                Strength::new(i64::try_from(next(3) + 1).unwrap_or(2)).unwrap_or_default();
            doc.relationships.push(line);
        }
        // Informal lines mostly stay near (same area of the organisation); one in
        // fifty reaches anywhere. People at the top, who report to nobody, get a
        // second one, so there are about two lines per person.
        let other = if next(50) == 0 {
            next(people)
        } else {
            let near_col = (col + next(7)).saturating_sub(3).min(columns - 1);
            let near_row = (row + next(7)).saturating_sub(3);
            index(near_col, near_row)
        };
        let extra = if row == 0 { next(people) } else { i };
        if extra != i && extra < people {
            doc.relationships.push(Relationship::new(
                format!("t{i}"),
                format!("p{i}"),
                format!("p{extra}"),
                RelationshipKind::Influences,
            ));
        }
        if other != i && other < people {
            let informal = [
                RelationshipKind::Influences,
                RelationshipKind::Ally,
                RelationshipKind::Conflict,
            ];
            let kind = informal
                .get(next(informal.len()))
                .copied()
                .unwrap_or_default();
            doc.relationships.push(Relationship::new(
                format!("s{i}"),
                format!("p{i}"),
                format!("p{other}"),
                kind,
            ));
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_sample_loads() {
        for sample in SAMPLES {
            let doc = sample.document().unwrap();
            assert!(doc.stakeholders.len() >= 10, "{}", sample.file_name);
        }
    }

    #[test]
    fn synthetic_maps_are_valid_deterministic_and_have_two_lines_per_person() {
        let doc = synthetic_map(2_000, 7);
        assert!(crate::model::validate(&doc).is_empty());
        assert_eq!(doc, synthetic_map(2_000, 7));
        assert!(doc.relationships.len() > 1_850 && doc.relationships.len() <= 4_000);
        assert_eq!(
            crate::format::from_bytes(&crate::format::to_bytes(&doc)).unwrap(),
            doc
        );
    }
}
