//! Deal reviews kept in the map: "Mark as reviewed" records the date, who, a note
//! and a compact snapshot of what matters for comparison (per person: id, name,
//! role, stance, power, owner, coverage; per line: id, ends, kind) in the optional
//! top-level `reviews` list, the last [`MAX_REVIEWS`] kept. "What changed since the
//! review" compares that snapshot with the same projection of the map, through the
//! diff the rest of the app uses, so no external history is needed.

use serde_json::{Map, Value};

use crate::edit::Command;
use crate::model::diff::{DocDiff, diff};
use crate::model::limits::{MAX_STAKEHOLDERS, MAX_STRING_BYTES};
use crate::model::{
    Coverage, Date, Document, Power, Relationship, RelationshipKind, Role, Stakeholder, Stance,
    TeamMemberId,
};

/// The top-level field where reviews are kept.
pub const REVIEWS_FIELD: &str = "reviews";
/// How many reviews a map keeps: a year of monthly deal reviews.
pub const MAX_REVIEWS: usize = 12;

/// One recorded review.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    /// When the map was reviewed.
    pub date: Date,
    /// Who reviewed it: a team member's name or any name.
    pub by: String,
    /// What the review concluded.
    pub note: String,
    /// The map as it was, reduced to what is compared: people (id, name, role,
    /// stance, power, owner, coverage) and lines (id, from, to, kind).
    pub snapshot: Document,
    /// The map's health on the day (red, amber, green), so a workspace can list the
    /// deals that got worse since their last review.
    pub health: Option<crate::analysis::HealthLevel>,
}

/// The map reduced to what a review compares. Linear in people and lines.
pub fn snapshot(doc: &Document) -> Document {
    Document {
        stakeholders: doc
            .stakeholders
            .iter()
            .map(|p| Stakeholder {
                role: p.role,
                stance: p.stance,
                power: p.power,
                owner: p.owner.clone(),
                coverage: p.coverage,
                ..Stakeholder::new(p.id.clone(), p.name.clone())
            })
            .collect(),
        relationships: doc
            .relationships
            .iter()
            .map(|l| Relationship::new(l.id.clone(), l.from.clone(), l.to.clone(), l.kind))
            .collect(),
        ..Document::default()
    }
}

impl Review {
    /// A review of `doc` as it is now.
    pub fn of(doc: &Document, date: Date, by: &str, note: &str) -> Self {
        let options = crate::analysis::AnalysisOptions::new(date, crate::lang::Language::English);
        Self {
            date,
            by: by.to_owned(),
            note: note.to_owned(),
            snapshot: snapshot(doc),
            health: Some(crate::analysis::analyze(doc, &options).health.level),
        }
    }

    /// The review as kept in the file.
    pub fn to_value(&self) -> Value {
        let mut object = Map::new();
        object.insert("date".into(), self.date.to_string().into());
        if !self.by.is_empty() {
            object.insert("by".into(), self.by.as_str().into());
        }
        if !self.note.is_empty() {
            object.insert("note".into(), self.note.as_str().into());
        }
        if let Some(health) = self.health {
            object.insert("health".into(), health.as_str().into());
        }
        let people = self.snapshot.stakeholders.iter().map(|p| {
            let mut person = Map::new();
            person.insert("id".into(), p.id.as_str().into());
            person.insert("name".into(), p.name.as_str().into());
            person.insert("role".into(), p.role.as_str().into());
            person.insert("stance".into(), p.stance.as_str().into());
            person.insert("power".into(), p.power.level().into());
            if let Some(owner) = &p.owner {
                person.insert("owner".into(), owner.as_str().into());
            }
            if p.coverage != Coverage::None {
                person.insert("coverage".into(), p.coverage.as_str().into());
            }
            Value::Object(person)
        });
        object.insert("people".into(), people.collect());
        let lines = self.snapshot.relationships.iter().map(|l| {
            serde_json::json!({
                "id": l.id.as_str(), "from": l.from.as_str(), "to": l.to.as_str(),
                "kind": l.kind.as_str()
            })
        });
        object.insert("relationships".into(), lines.collect());
        Value::Object(object)
    }

    /// A review read back from a file; `None` when it has no usable date. Parts
    /// that are not understood are skipped (a review is a record to compare
    /// with, never the map itself); at most as many people as a map may hold.
    pub fn from_value(value: &Value) -> Option<Self> {
        let text = |v: &Value, key: &str| -> String {
            v.get(key)
                .and_then(Value::as_str)
                .filter(|s| s.len() <= MAX_STRING_BYTES)
                .unwrap_or_default()
                .to_owned()
        };
        let date: Date = value.get("date")?.as_str()?.parse().ok()?;
        let list = |key: &str| -> &[Value] {
            value
                .get(key)
                .and_then(Value::as_array)
                .map_or(&[], Vec::as_slice)
        };
        let people = list("people")
            .iter()
            .take(MAX_STAKEHOLDERS)
            .filter_map(|p| {
                let id = text(p, "id");
                if id.is_empty() {
                    return None;
                }
                let named = |key: &str| text(p, key);
                Some(Stakeholder {
                    role: Role::parse(&named("role")).unwrap_or_default(),
                    stance: Stance::parse(&named("stance")).unwrap_or_default(),
                    power: p
                        .get("power")
                        .and_then(Value::as_i64)
                        .and_then(Power::new)
                        .unwrap_or_default(),
                    owner: Some(named("owner"))
                        .filter(|o| !o.is_empty())
                        .map(TeamMemberId::new),
                    coverage: Coverage::parse(&named("coverage")).unwrap_or_default(),
                    ..Stakeholder::new(id, named("name"))
                })
            })
            .collect();
        let relationships = list("relationships")
            .iter()
            .filter_map(|l| {
                let id = text(l, "id");
                let kind = RelationshipKind::parse(&text(l, "kind"))?;
                (!id.is_empty())
                    .then(|| Relationship::new(id, text(l, "from"), text(l, "to"), kind))
            })
            .collect();
        let health = match text(value, "health").as_str() {
            "red" => Some(crate::analysis::HealthLevel::Red),
            "amber" => Some(crate::analysis::HealthLevel::Amber),
            "green" => Some(crate::analysis::HealthLevel::Green),
            _ => None,
        };
        Some(Self {
            date,
            health,
            by: text(value, "by"),
            note: text(value, "note"),
            snapshot: Document {
                stakeholders: people,
                relationships,
                ..Document::default()
            },
        })
    }
}

/// The stored reviews as written, oldest first: the last [`MAX_REVIEWS`] entries
/// with a usable date.
fn stored(doc: &Document) -> Vec<&Value> {
    let Some(items) = doc.extra.get(REVIEWS_FIELD).and_then(Value::as_array) else {
        return Vec::new();
    };
    let usable: Vec<&Value> = items
        .iter()
        .filter(|v| {
            v.get("date")
                .and_then(Value::as_str)
                .is_some_and(|d| d.parse::<Date>().is_ok())
        })
        .collect();
    let skip = usable.len().saturating_sub(MAX_REVIEWS);
    usable.into_iter().skip(skip).collect()
}

/// The reviews a map holds, oldest first (at most [`MAX_REVIEWS`]).
pub fn reviews_in(doc: &Document) -> Vec<Review> {
    stored(doc)
        .into_iter()
        .filter_map(Review::from_value)
        .collect()
}

/// How many reviews a map holds, without reading their snapshots.
pub fn review_count(doc: &Document) -> usize {
    stored(doc).len()
}

/// The stored review with the latest date (the last of those), unread.
fn latest_stored(doc: &Document) -> Option<(Date, &Value)> {
    stored(doc)
        .into_iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let date: Date = v.get("date")?.as_str()?.parse().ok()?;
            Some(((date, i), v))
        })
        .max_by_key(|(key, _)| *key)
        .map(|((date, _), v)| (date, v))
}

/// The latest review: the last one with the latest date.
pub fn latest_review(doc: &Document) -> Option<Review> {
    Review::from_value(latest_stored(doc)?.1)
}

/// The date of the latest review, without reading its snapshot (cheap enough to
/// show in every frame).
pub fn latest_review_date(doc: &Document) -> Option<Date> {
    latest_stored(doc).map(|(date, _)| date)
}

/// The edit that records `review`: one undoable step that appends it to the
/// stored reviews (kept as written, fields of newer versions included) and drops
/// the oldest beyond [`MAX_REVIEWS`]. Undo restores the list as it was.
pub fn mark_reviewed(doc: &Document, review: &Review) -> Command {
    let mut kept: Vec<Value> = stored(doc).into_iter().cloned().collect();
    kept.push(review.to_value());
    let skip = kept.len().saturating_sub(MAX_REVIEWS);
    Command::SetExtra {
        key: REVIEWS_FIELD.to_owned(),
        value: Some(Value::Array(kept.into_iter().skip(skip).collect())),
    }
}

/// What changed from the review to the map now, as "Compare with file" shows it:
/// people added, removed and changed in the fields a review keeps, and lines.
pub fn changes_since(review: &Review, doc: &Document) -> DocDiff {
    diff(&review.snapshot, &snapshot(doc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Editor;

    fn map() -> Document {
        let mut doc = Document::default();
        let mut wang = Stakeholder::new("p-wang", "王立新");
        wang.stance = Stance::Neutral;
        wang.title = "CIO".into();
        doc.stakeholders.push(wang);
        doc.stakeholders.push(Stakeholder::new("p-zhou", "周振华"));
        doc.relationships.push(Relationship::new(
            "r1",
            "p-zhou",
            "p-wang",
            RelationshipKind::ReportsTo,
        ));
        doc
    }

    #[test]
    fn a_review_round_trips_and_only_what_it_keeps_counts_as_a_change() {
        let doc = map();
        let day: Date = "2026-10-15".parse().expect("a date");
        let review = Review::of(&doc, day, "李明", "Q4 review");
        assert_eq!(Review::from_value(&review.to_value()), Some(review.clone()));
        let mut later = doc.clone();
        later.stakeholders[0].title = "CTO".into();
        assert!(
            changes_since(&review, &later).is_empty(),
            "titles are not kept"
        );
        later.stakeholders[0].stance = Stance::Supporter;
        later.stakeholders.push(Stakeholder::new("p-li", "李娜"));
        let changes = changes_since(&review, &later);
        assert_eq!(changes.people_added.len(), 1);
        assert_eq!(changes.people_changed.len(), 1);
        assert_eq!(
            changes.people_changed[0].fields,
            [crate::model::diff::PersonField::Stance]
        );
    }

    #[test]
    fn marking_keeps_the_last_twelve_in_one_undo_step() {
        let mut editor = Editor::new(map());
        for month in 1..=13u8 {
            let day =
                Date::from_ymd(2026, month.min(12), u8::from(month > 12) + 1).expect("a date");
            let review = Review::of(editor.document(), day, "", "");
            let command = mark_reviewed(editor.document(), &review);
            editor.apply(command).expect("applies");
        }
        let reviews = reviews_in(editor.document());
        assert_eq!(reviews.len(), MAX_REVIEWS);
        assert_eq!(reviews[0].date.to_string(), "2026-02-01", "the oldest went");
        assert_eq!(
            latest_review(editor.document()).map(|r| r.date.to_string()),
            Some("2026-12-02".to_owned())
        );
        editor.undo().expect("undoes");
        assert_eq!(
            latest_review(editor.document()).map(|r| r.date.to_string()),
            Some("2026-12-01".to_owned())
        );
        assert_eq!(review_count(editor.document()), MAX_REVIEWS);
    }
}
