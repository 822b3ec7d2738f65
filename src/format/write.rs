//! Writing format v1 canonically: fixed field order, empty optional fields left out,
//! people and lines in document order, pretty-printed UTF-8 with text as is.

use serde_json::{Map, Number, Value};

use super::fields;
use crate::model::{
    Account, Contact, Coverage, Date, DecisionStep, Document, Extra, Interaction, Interests,
    NextAction, Plan, PlanPart, Relationship, Stakeholder, TeamMember,
};

/// The canonical bytes of a document: what is saved to disk.
pub fn to_bytes(doc: &Document) -> Vec<u8> {
    let value = to_value(doc);
    let mut out = Vec::with_capacity(256 + doc.stakeholders.len() * 600);
    // Writing a Value into a Vec cannot fail: keys are strings and there is no I/O.
    if serde_json::to_writer_pretty(&mut out, &value).is_err() {
        out.clear();
    }
    out.push(b'\n');
    out
}

/// The document as JSON in canonical field order.
pub fn to_value(doc: &Document) -> Value {
    let mut top = Map::new();
    top.insert("format".into(), fields::FORMAT_NAME.into());
    top.insert("version".into(), fields::CURRENT_VERSION.into());
    top.insert("account".into(), account_value(&doc.account));
    top.insert(
        "team".into(),
        doc.team.iter().map(team_member_value).collect(),
    );
    top.insert(
        "stakeholders".into(),
        doc.stakeholders.iter().map(stakeholder_value).collect(),
    );
    top.insert(
        "relationships".into(),
        doc.relationships.iter().map(relationship_value).collect(),
    );
    // Optional in v1: maps without plans of their own keep their exact bytes.
    if !doc.plans.is_empty() {
        let plans = doc
            .plans
            .iter()
            .map(|(role, plan)| (role.as_str().to_owned(), plan_value(plan)))
            .collect();
        top.insert("plans".into(), Value::Object(plans));
    }
    finish(top, &doc.extra)
}

/// Builds an object field by field, leaving out empty optional values.
struct ObjectWriter(Map<String, Value>);

impl ObjectWriter {
    fn new() -> Self {
        Self(Map::new())
    }

    fn always(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.0.insert(key.to_owned(), value.into());
        self
    }

    fn text(self, key: &str, text: &str) -> Self {
        if text.is_empty() {
            self
        } else {
            self.always(key, text)
        }
    }

    fn maybe(self, key: &str, value: Option<Value>) -> Self {
        match value {
            Some(value) => self.always(key, value),
            None => self,
        }
    }

    fn date(self, key: &str, date: Option<Date>) -> Self {
        self.maybe(key, date.map(|d| d.to_string().into()))
    }

    fn finish(self, extra: &Extra) -> Value {
        finish(self.0, extra)
    }
}

fn finish(mut object: Map<String, Value>, extra: &Extra) -> Value {
    for (key, value) in extra {
        if !object.contains_key(key) {
            object.insert(key.clone(), value.clone());
        }
    }
    Value::Object(object)
}

/// Whole numbers are written without a decimal point, so `120` stays `120`.
fn number(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        Value::Number(Number::from(value as i64))
    } else {
        Number::from_f64(value).map_or(Value::Null, Value::Number)
    }
}

/// A plan as older versions wrote it when every part is the team's and none has a
/// language (those files keep their bytes); otherwise the parts the team wrote, even
/// empty ones, and `written_in`, which marks that absent parts follow the playbook.
fn plan_value(plan: &Plan) -> Value {
    let unmarked = plan.is_unmarked();
    let mut writer = ObjectWriter::new();
    let mut languages = Map::new();
    for part in PlanPart::ALL {
        let Some(written) = plan.part(part) else {
            continue;
        };
        writer = if unmarked {
            writer.text(part.as_str(), &written.text)
        } else {
            writer.always(part.as_str(), written.text.as_str())
        };
        if let Some(language) = written.language {
            languages.insert(part.as_str().to_owned(), language.code().into());
        }
    }
    writer = writer.maybe("lead", plan.lead.as_ref().map(|l| l.as_str().into()));
    if !unmarked {
        writer = writer.always("written_in", Value::Object(languages));
    }
    writer.finish(&plan.extra)
}

fn account_value(account: &Account) -> Value {
    ObjectWriter::new()
        .always("name", account.name.as_str())
        .text("industry", &account.industry)
        .text("opportunity", &account.opportunity)
        .maybe("deal_value", account.deal_value.map(number))
        .text("currency", &account.currency)
        .always("stage", account.stage.as_str())
        .text("notes", &account.notes)
        .date("close_date", account.close_date)
        .maybe(
            "decision_process",
            (!account.decision_process.is_empty()).then(|| {
                account
                    .decision_process
                    .iter()
                    .map(decision_step_value)
                    .collect()
            }),
        )
        .maybe(
            "competitors",
            (!account.competitors.is_empty())
                .then(|| account.competitors.iter().map(String::as_str).collect()),
        )
        .maybe("outcome", account.outcome.map(|o| o.as_str().into()))
        .date("closed_on", account.closed_on)
        .finish(&account.extra)
}

fn decision_step_value(step: &DecisionStep) -> Value {
    let approvers: Vec<&str> = step.approvers.iter().map(|id| id.as_str()).collect();
    ObjectWriter::new()
        .always("name", step.name.as_str())
        .maybe(
            "approvers",
            (!approvers.is_empty()).then(|| approvers.into()),
        )
        .finish(&step.extra)
}

pub(crate) fn team_member_value(member: &TeamMember) -> Value {
    ObjectWriter::new()
        .always("id", member.id.as_str())
        .always("name", member.name.as_str())
        .finish(&member.extra)
}

pub(crate) fn stakeholder_value(person: &Stakeholder) -> Value {
    let coverage = (person.coverage != Coverage::None).then(|| person.coverage.as_str().into());
    let tags = (!person.tags.is_empty()).then(|| person.tags.iter().map(String::as_str).collect());
    let actions = (!person.next_actions.is_empty())
        .then(|| person.next_actions.iter().map(next_action_value).collect());
    let interactions = (!person.interactions.is_empty()).then(|| interactions_value(person));
    let position = match person.position {
        Some(pos) => Some(
            ObjectWriter::new()
                .always("x", number(pos.x))
                .always("y", number(pos.y))
                .finish(&person.position_extra),
        ),
        // Not placed, but fields of a newer version are kept.
        None if !person.position_extra.is_empty() => {
            Some(ObjectWriter::new().finish(&person.position_extra))
        }
        None => None,
    };
    ObjectWriter::new()
        .always("id", person.id.as_str())
        .always("name", person.name.as_str())
        .text("title", &person.title)
        .text("department", &person.department)
        .always("role", person.role.as_str())
        .always("stance", person.stance.as_str())
        .always("power", person.power.level())
        .maybe("interests", interests_value(&person.interests))
        .text("concerns", &person.concerns)
        .text("decision_criteria", &person.decision_criteria)
        .text("notes", &person.notes)
        .maybe("contact", contact_value(&person.contact))
        .maybe("owner", person.owner.as_ref().map(|o| o.as_str().into()))
        .maybe("coverage", coverage)
        .date("last_contact", person.last_contact)
        .date("last_verified", person.last_verified)
        .text("source", &person.source)
        .maybe("tags", tags)
        .text("favours", &person.favours)
        .maybe("next_actions", actions)
        .maybe("interactions", interactions)
        .maybe("position", position)
        .finish(&person.extra)
}

fn interests_value(interests: &Interests) -> Option<Value> {
    let empty = interests.business.is_empty()
        && interests.personal.is_empty()
        && interests.extra.is_empty();
    (!empty).then(|| {
        ObjectWriter::new()
            .text("business", &interests.business)
            .text("personal", &interests.personal)
            .finish(&interests.extra)
    })
}

fn contact_value(contact: &Contact) -> Option<Value> {
    let empty = contact.email.is_empty()
        && contact.phone.is_empty()
        && contact.other.is_empty()
        && contact.extra.is_empty();
    (!empty).then(|| {
        ObjectWriter::new()
            .text("email", &contact.email)
            .text("phone", &contact.phone)
            .text("other", &contact.other)
            .finish(&contact.extra)
    })
}

fn next_action_value(action: &NextAction) -> Value {
    ObjectWriter::new()
        .always("text", action.text.as_str())
        .date("due", action.due)
        .always("done", action.done)
        .finish(&action.extra)
}

/// The log newest first (entries of one day in document order), whatever order
/// the document holds, so the file is canonical.
fn interactions_value(person: &Stakeholder) -> Value {
    let mut log: Vec<&Interaction> = person.interactions.iter().collect();
    log.sort_by_key(|entry| std::cmp::Reverse(entry.date));
    log.into_iter().map(interaction_value).collect()
}

fn interaction_value(entry: &Interaction) -> Value {
    ObjectWriter::new()
        .always("date", entry.date.to_string())
        .always("kind", entry.kind.as_str())
        .maybe("by", entry.by.as_ref().map(|b| b.as_str().into()))
        .text("summary", &entry.summary)
        .maybe("stance", entry.stance.map(|s| s.as_str().into()))
        .finish(&entry.extra)
}

pub(crate) fn relationship_value(line: &Relationship) -> Value {
    ObjectWriter::new()
        .always("id", line.id.as_str())
        .always("from", line.from.as_str())
        .always("to", line.to.as_str())
        .always("kind", line.kind.as_str())
        .always("strength", line.strength.level())
        .text("note", &line.note)
        .finish(&line.extra)
}
