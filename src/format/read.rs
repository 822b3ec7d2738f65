//! Reading format v1: bytes → JSON → checked [`Document`].

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde_json::{Map, Value};

use super::LoadError;
use super::fields;
use super::object_reader::{ObjectReader, describe, kind_of};
use crate::lang::Language;
use crate::model::limits::{MAX_FILE_BYTES, MAX_STAKEHOLDERS, MAX_STRING_BYTES};
use crate::model::{
    Account, Contact, Coverage, DecisionStep, Document, Interests, NextAction, Plan, PlanPart,
    PlanText, Position, Power, Problem, Relationship, RelationshipId, RelationshipKind, Role,
    Stage, Stakeholder, StakeholderId, Stance, Strength, Subject, TeamMember, TeamMemberId,
    validate,
};

/// Reads a map from the bytes of a file. Every problem in the content is reported
/// together in [`LoadError::Invalid`].
pub fn from_bytes(bytes: &[u8]) -> Result<Document, LoadError> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    // Editors on Windows may start UTF-8 files with a byte-order mark.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|err| json_error(&err))?;
    from_value(&value)
}

/// Reads a map from parsed JSON.
pub fn from_value(value: &Value) -> Result<Document, LoadError> {
    let Value::Object(top) = value else {
        return Err(LoadError::NotPowermap {
            reason: format!("the file holds {}, not an object", kind_of(value)),
        });
    };
    check_header(top)?;
    check_strings(value, &mut String::new())?;
    if let Some(Value::Array(people)) = top.get("stakeholders")
        && people.len() > MAX_STAKEHOLDERS
    {
        return Err(LoadError::TooManyStakeholders {
            count: people.len(),
            limit: MAX_STAKEHOLDERS,
        });
    }

    let mut problems = Vec::new();
    let (doc, complete, generated) = read_document(top, &mut problems);
    if complete {
        // Consistency problems too, but not twice for a field already reported.
        let reported: BTreeSet<(Subject, String)> = problems
            .iter()
            .map(|p| (p.subject.clone(), p.field.clone()))
            .collect();
        problems.extend(
            validate(&doc)
                .into_iter()
                .map(|p| without_generated_id(p, &generated))
                .filter(|p| !reported.contains(&(p.subject.clone(), p.field.clone()))),
        );
    }
    if problems.is_empty() {
        Ok(doc)
    } else {
        Err(LoadError::Invalid(problems))
    }
}

/// A relationship whose id was generated is named by its place in the file, since
/// the generated id appears nowhere in it.
fn without_generated_id(mut problem: Problem, generated: &HashSet<usize>) -> Problem {
    if let Subject::Relationship { index, id } = &mut problem.subject
        && generated.contains(index)
    {
        id.clear();
    }
    problem
}

fn json_error(err: &serde_json::Error) -> LoadError {
    let text = err.to_string();
    // serde_json appends " at line L column C"; keep only the reason.
    let message = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(reason, _)| reason);
    let message = if message.contains("recursion limit") {
        "the data is nested too deeply (the limit is 128 levels of lists and objects)".to_owned()
    } else {
        message.to_owned()
    };
    LoadError::Json {
        line: err.line(),
        column: err.column(),
        message,
    }
}

fn check_header(top: &Map<String, Value>) -> Result<(), LoadError> {
    match top.get("format") {
        Some(Value::String(name)) if name == fields::FORMAT_NAME => {}
        Some(other) => {
            return Err(LoadError::NotPowermap {
                reason: format!("\"format\" is {}, expected \"powermap\"", describe(other)),
            });
        }
        None => {
            return Err(LoadError::NotPowermap {
                reason: "the field \"format\": \"powermap\" is missing".to_owned(),
            });
        }
    }
    let version = top.get("version").and_then(|v| {
        v.as_u64().or_else(|| {
            v.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1e15)
                .map(|f| f as u64)
        })
    });
    match version {
        Some(version) if version > fields::CURRENT_VERSION => Err(LoadError::TooNew {
            found: version,
            supported: fields::CURRENT_VERSION,
        }),
        Some(version) if version >= 1 => Ok(()),
        _ => Err(LoadError::NotPowermap {
            reason: "\"version\" must be a whole number of 1 or more".to_owned(),
        }),
    }
}

/// Refuses any string or key longer than the limit, wherever it is.
fn check_strings(value: &Value, path: &mut String) -> Result<(), LoadError> {
    let too_long = |location: &str, length: usize| LoadError::StringTooLong {
        location: if location.is_empty() {
            "the top level".to_owned()
        } else {
            location.to_owned()
        },
        length,
        limit: MAX_STRING_BYTES,
    };
    match value {
        Value::String(text) if text.len() > MAX_STRING_BYTES => Err(too_long(path, text.len())),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{index}]"));
                check_strings(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        Value::Object(object) => {
            for (key, item) in object {
                if key.len() > MAX_STRING_BYTES {
                    let location = if path.is_empty() {
                        "a field name at the top level".to_owned()
                    } else {
                        format!("a field name in {path}")
                    };
                    return Err(too_long(&location, key.len()));
                }
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                // Long keys were refused above; shorten what goes into messages anyway.
                path.push_str(&key.chars().take(64).collect::<String>());
                check_strings(item, path)?;
                path.truncate(len);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The document as far as it could be read; whether every list item was an object
/// (so that list indices match the file and consistency can be checked); and the
/// indices of relationships whose id was generated.
fn read_document(
    top: &Map<String, Value>,
    problems: &mut Vec<Problem>,
) -> (Document, bool, HashSet<usize>) {
    let mut reader = ObjectReader::new(top, Subject::File, "", problems);
    let account = match reader.object("account") {
        Some(object) => read_account(object, reader.problems()),
        None => Account::default(),
    };
    let team_items = reader.array("team");
    let people_items = reader.array("stakeholders");
    let line_items = reader.array("relationships");
    let problems = reader.problems();
    let team: Vec<TeamMember> = team_items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| read_team_member(item, index, problems))
        .collect();
    let stakeholders: Vec<Stakeholder> = people_items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| read_stakeholder(item, index, problems))
        .collect();
    let (relationships, generated) = read_relationships(line_items, problems);
    let plans = match reader.object("plans") {
        Some(object) => read_plans(object, reader.problems()),
        None => BTreeMap::new(),
    };
    let extra = reader.extra(fields::TOP);
    let complete = team.len() == team_items.len()
        && stakeholders.len() == people_items.len()
        && relationships.len() == line_items.len();
    let doc = Document {
        account,
        team,
        stakeholders,
        relationships,
        plans,
        extra,
    };
    (doc, complete, generated)
}

/// The object at `list[index]`, or a problem when it is something else.
fn list_object<'a>(
    item: &'a Value,
    subject: Subject,
    problems: &mut Vec<Problem>,
) -> Option<&'a Map<String, Value>> {
    match item {
        Value::Object(object) => Some(object),
        other => {
            problems.push(Problem::new(
                subject,
                "",
                format!("must be an object, found {}", kind_of(other)),
            ));
            None
        }
    }
}

/// The `id` field as written, for naming the subject of problems.
fn id_of(item: &Value) -> String {
    item.get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn read_plans(object: &Map<String, Value>, problems: &mut Vec<Problem>) -> BTreeMap<Role, Plan> {
    let mut plans = BTreeMap::new();
    for (key, value) in object {
        let subject = Subject::Plan { role: key.clone() };
        let role = Role::parse(key).filter(|r| *r != Role::Unknown);
        let Some(role) = role else {
            let roles: Vec<&str> = Role::ALL
                .iter()
                .filter(|r| **r != Role::Unknown)
                .map(|r| r.as_str())
                .collect();
            problems.push(Problem::new(
                subject,
                "",
                format!("plans are kept per role: {}", roles.join(", ")),
            ));
            continue;
        };
        let Some(object) = list_object(value, subject.clone(), problems) else {
            continue;
        };
        let mut r = ObjectReader::new(object, subject, "", problems);
        let plan = read_plan(&mut r);
        plans.insert(role, plan);
    }
    plans
}

/// One plan. With `written_in` (2.11), the parts present are what the team wrote
/// and the others follow the playbook; without it (files from before language
/// marking), every part is the team's, an absent one empty.
fn read_plan(r: &mut ObjectReader<'_>) -> Plan {
    let marked = r.object("written_in");
    let languages = marked.map(|languages| read_languages(r, languages));
    let mut plan = Plan {
        lead: r.optional_string("lead").map(TeamMemberId::new),
        extra: r.extra(fields::PLAN),
        ..Plan::default()
    };
    for part in PlanPart::ALL {
        let present = r.value(part.as_str()).is_some();
        let text = r.string(part.as_str());
        *plan.part_mut(part) = match &languages {
            None => Some(PlanText {
                text,
                language: None,
            }),
            Some(languages) if present => Some(PlanText {
                text,
                language: languages.get(&part).copied(),
            }),
            Some(_) => None,
        };
    }
    if let Some(languages) = &languages {
        for part in languages.keys() {
            if plan.part(*part).is_none() {
                r.problem(
                    &format!("written_in.{}", part.as_str()),
                    format!("names a part the plan does not have: {}", part.as_str()),
                );
            }
        }
    }
    plan
}

/// The `written_in` object of a plan: part → language.
fn read_languages(
    r: &mut ObjectReader<'_>,
    object: &Map<String, Value>,
) -> BTreeMap<PlanPart, Language> {
    let mut languages = BTreeMap::new();
    for (key, value) in object {
        let field = format!("written_in.{key}");
        let Some(part) = PlanPart::parse(key) else {
            let parts: Vec<&str> = PlanPart::ALL.iter().map(|p| p.as_str()).collect();
            r.problem(
                &field,
                format!("is not a part of a plan; use {}", parts.join(", ")),
            );
            continue;
        };
        match value.as_str().and_then(Language::from_code) {
            Some(language) => {
                languages.insert(part, language);
            }
            None => r.problem(
                &field,
                format!("must be \"en\" or \"zh\", found {}", describe(value)),
            ),
        }
    }
    languages
}

fn read_account(object: &Map<String, Value>, problems: &mut Vec<Problem>) -> Account {
    let mut r = ObjectReader::new(object, Subject::Account, "", problems);
    let deal_value = r.number("deal_value");
    Account {
        name: r.string("name"),
        industry: r.string("industry"),
        opportunity: r.string("opportunity"),
        deal_value,
        currency: r.string("currency"),
        stage: r
            .name("stage", Stage::parse, &Stage::expected())
            .unwrap_or_default(),
        notes: r.string("notes"),
        close_date: r.date("close_date"),
        decision_process: read_decision_process(&mut r),
        competitors: r.string_list("competitors"),
        extra: r.extra(fields::ACCOUNT),
    }
}

fn read_decision_process(r: &mut ObjectReader<'_>) -> Vec<DecisionStep> {
    let items = r.array("decision_process");
    let mut steps = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let key = format!("decision_process[{index}]");
        let Value::Object(object) = item else {
            r.problem(&key, format!("must be an object, found {}", kind_of(item)));
            continue;
        };
        let mut s = r.nested(object, &key);
        steps.push(DecisionStep {
            name: s.required_string("name"),
            approvers: s
                .string_list("approvers")
                .into_iter()
                .map(StakeholderId::new)
                .collect(),
            extra: s.extra(fields::DECISION_STEP),
        });
    }
    steps
}

fn read_team_member(item: &Value, index: usize, problems: &mut Vec<Problem>) -> Option<TeamMember> {
    let subject = Subject::TeamMember {
        index,
        id: id_of(item),
    };
    let object = list_object(item, subject.clone(), problems)?;
    let mut r = ObjectReader::new(object, subject, "", problems);
    Some(TeamMember {
        id: TeamMemberId::new(r.required_string("id")),
        name: r.string("name"),
        extra: r.extra(fields::TEAM_MEMBER),
    })
}

fn read_stakeholder(
    item: &Value,
    index: usize,
    problems: &mut Vec<Problem>,
) -> Option<Stakeholder> {
    let subject = Subject::Stakeholder {
        index,
        id: id_of(item),
    };
    let object = list_object(item, subject.clone(), problems)?;
    let mut r = ObjectReader::new(object, subject, "", problems);
    let id = StakeholderId::new(r.required_string("id"));
    let name = r.required_string("name");
    let title = r.string("title");
    let department = r.string("department");
    let role = r.name("role", Role::parse, &Role::expected());
    let stance = r.name("stance", Stance::parse, &Stance::expected());
    let power = r.integer("power", "from 1 to 5", Power::new);
    let interests = r
        .object("interests")
        .map(|o| read_interests(&mut r.nested(o, "interests")))
        .unwrap_or_default();
    let concerns = r.string("concerns");
    let decision_criteria = r.string("decision_criteria");
    let notes = r.string("notes");
    let contact = r
        .object("contact")
        .map(|o| read_contact(&mut r.nested(o, "contact")))
        .unwrap_or_default();
    let owner = r.optional_string("owner").map(TeamMemberId::new);
    let coverage = r.name("coverage", Coverage::parse, &Coverage::expected());
    let last_contact = r.date("last_contact");
    let last_verified = r.date("last_verified");
    let source = r.string("source");
    let tags = r.string_list("tags");
    let favours = r.string("favours");
    let next_actions = read_next_actions(&mut r);
    let (position, position_extra) = match r.object("position") {
        Some(o) => {
            let mut p = r.nested(o, "position");
            let written = p.value("x").is_some() || p.value("y").is_some();
            let (x, y) = (p.number("x"), p.number("y"));
            let extra = p.extra(fields::POSITION);
            match (x, y) {
                (Some(x), Some(y)) => (Some(Position::new(x, y)), extra),
                // Not placed yet; fields of newer versions are still kept.
                _ if !written => (None, extra),
                _ => {
                    r.problem("position", "needs both x and y as numbers");
                    (None, extra)
                }
            }
        }
        None => (None, Default::default()),
    };
    Some(Stakeholder {
        id,
        name,
        title,
        department,
        role: role.unwrap_or_default(),
        stance: stance.unwrap_or_default(),
        power: power.unwrap_or_default(),
        interests,
        concerns,
        decision_criteria,
        notes,
        contact,
        owner,
        coverage: coverage.unwrap_or_default(),
        last_contact,
        last_verified,
        source,
        tags,
        favours,
        next_actions,
        position,
        position_extra,
        extra: r.extra(fields::STAKEHOLDER),
    })
}

fn read_interests(r: &mut ObjectReader<'_>) -> Interests {
    Interests {
        business: r.string("business"),
        personal: r.string("personal"),
        extra: r.extra(fields::INTERESTS),
    }
}

fn read_contact(r: &mut ObjectReader<'_>) -> Contact {
    Contact {
        email: r.string("email"),
        phone: r.string("phone"),
        other: r.string("other"),
        extra: r.extra(fields::CONTACT),
    }
}

fn read_next_actions(r: &mut ObjectReader<'_>) -> Vec<NextAction> {
    let items = r.array("next_actions");
    let mut actions = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let key = format!("next_actions[{index}]");
        let Value::Object(object) = item else {
            r.problem(&key, format!("must be an object, found {}", kind_of(item)));
            continue;
        };
        let mut a = r.nested(object, &key);
        actions.push(NextAction {
            text: a.required_string("text"),
            due: a.date("due"),
            done: a.bool("done"),
            extra: a.extra(fields::NEXT_ACTION),
        });
    }
    actions
}

fn read_relationships(
    items: &[Value],
    problems: &mut Vec<Problem>,
) -> (Vec<Relationship>, HashSet<usize>) {
    // Ids written in the file come first, so a generated id never takes one of them.
    let mut ids = GeneratedIds::new(items.iter().map(id_of).collect());
    let mut lines = Vec::with_capacity(items.len());
    let mut generated = HashSet::new();
    for (index, item) in items.iter().enumerate() {
        let subject = Subject::Relationship {
            index,
            id: id_of(item),
        };
        let Some(object) = list_object(item, subject.clone(), problems) else {
            continue;
        };
        let mut r = ObjectReader::new(object, subject, "", problems);
        let written_id = r.optional_string("id");
        let from = StakeholderId::new(r.required_string("from"));
        let to = StakeholderId::new(r.required_string("to"));
        let kind = r.name(
            "kind",
            RelationshipKind::parse,
            &RelationshipKind::expected(),
        );
        if r.value("kind").is_none() {
            r.problem("kind", "is required");
        }
        let strength = r.integer("strength", "from 1 to 3", Strength::new);
        let note = r.string("note");
        let extra = r.extra(fields::RELATIONSHIP);
        let kind = kind.unwrap_or_default();
        let id = match written_id {
            Some(id) => id,
            None => {
                generated.insert(lines.len());
                ids.generate(&from, kind, &to)
            }
        };
        lines.push(Relationship {
            id: RelationshipId::new(id),
            from,
            to,
            kind,
            strength: strength.unwrap_or_default(),
            note,
            extra,
        });
    }
    (lines, generated)
}

/// Deterministic ids for relationships written without one: `from-kind-to`, with
/// `-2`, `-3`, … when that is taken — the first free one, as if every suffix were
/// tried in turn. Tried suffixes stay taken (ids are only ever added), so the
/// search for a base resumes where it stopped: each id is looked at once or twice,
/// and a file of many identical lines loads in linear time.
struct GeneratedIds {
    taken: HashSet<String>,
    /// For each base already generated, the next suffix to try.
    next_suffix: HashMap<String, u64>,
}

impl GeneratedIds {
    fn new(taken: HashSet<String>) -> Self {
        Self {
            taken,
            next_suffix: HashMap::new(),
        }
    }

    fn generate(
        &mut self,
        from: &StakeholderId,
        kind: RelationshipKind,
        to: &StakeholderId,
    ) -> String {
        // Ids of people can be long; a generated id stays short enough to be an id.
        let base = format!("{from}-{kind}-{to}");
        let base = if base.len() > 200 {
            format!("relationship-{kind}")
        } else {
            base
        };
        let first_time = !self.next_suffix.contains_key(&base);
        let id = if first_time && !self.taken.contains(&base) {
            self.next_suffix.insert(base.clone(), 2);
            base
        } else {
            self.after(&base)
        };
        self.taken.insert(id.clone());
        id
    }

    /// The first free `{base}-{n}` from the suffix remembered for `base` on.
    fn after(&mut self, base: &str) -> String {
        let mut n = self.next_suffix.get(base).copied().unwrap_or(2);
        let id = loop {
            let candidate = format!("{base}-{n}");
            n += 1;
            if !self.taken.contains(&candidate) {
                break candidate;
            }
        };
        self.next_suffix.insert(base.to_owned(), n);
        id
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The ids as generated before they were made linear: every suffix tried in
    /// turn. The format promises the same ids for the same file.
    fn reference_ids(
        written: &[Option<String>],
        lines: &[(String, RelationshipKind, String)],
    ) -> Vec<String> {
        let mut taken: HashSet<String> = written
            .iter()
            .map(|w| w.clone().unwrap_or_default())
            .collect();
        let mut ids = Vec::new();
        for (written, (from, kind, to)) in written.iter().zip(lines) {
            if let Some(id) = written {
                ids.push(id.clone());
                continue;
            }
            let base = format!("{from}-{kind}-{to}");
            let base = if base.len() > 200 {
                format!("relationship-{kind}")
            } else {
                base
            };
            let id = std::iter::once(base.clone())
                .chain((2..).map(|n| format!("{base}-{n}")))
                .find(|candidate| !taken.contains(candidate))
                .unwrap_or(base);
            taken.insert(id.clone());
            ids.push(id);
        }
        ids
    }

    fn read_ids(
        written: &[Option<String>],
        lines: &[(String, RelationshipKind, String)],
    ) -> Vec<String> {
        let items: Vec<Value> = written
            .iter()
            .zip(lines)
            .map(|(id, (from, kind, to))| {
                let mut line = serde_json::json!({"from": from, "to": to, "kind": kind.as_str()});
                if let Some(id) = id {
                    line["id"] = Value::from(id.as_str());
                }
                line
            })
            .collect();
        let (relationships, _) = read_relationships(&items, &mut Vec::new());
        relationships
            .into_iter()
            .map(|r| r.id.as_str().to_owned())
            .collect()
    }

    fn person() -> impl Strategy<Value = String> {
        // Few people, some of whose ids look like generated suffixes, so that ids
        // collide in every way they can.
        prop_oneof![
            Just("a"),
            Just("b"),
            Just("b-2"),
            Just("2"),
            Just("a-reports_to-b")
        ]
        .prop_map(str::to_owned)
    }

    fn kind() -> impl Strategy<Value = RelationshipKind> {
        prop_oneof![
            Just(RelationshipKind::ReportsTo),
            Just(RelationshipKind::Influences)
        ]
    }

    fn written() -> impl Strategy<Value = Option<String>> {
        prop_oneof![
            3 => Just(None),
            1 => prop_oneof![
                Just("a-reports_to-b"), Just("a-reports_to-b-2"), Just("a-reports_to-b-3"),
                Just("a-influences-b-2"), Just("a-reports_to-b-2-2"), Just("x"),
            ].prop_map(|s| Some(s.to_owned())),
        ]
    }

    proptest! {
        #[test]
        fn generated_ids_are_those_of_trying_every_suffix_in_turn(
            lines in proptest::collection::vec((written(), (person(), kind(), person())), 0..40)
        ) {
            let (written, lines): (Vec<_>, Vec<_>) = lines.into_iter().unzip();
            prop_assert_eq!(read_ids(&written, &lines), reference_ids(&written, &lines));
        }
    }

    #[test]
    fn many_identical_lines_get_consecutive_suffixes() {
        let line = ("a".to_owned(), RelationshipKind::Influences, "b".to_owned());
        let lines = vec![line; 5];
        let written = vec![None, Some("a-influences-b-3".to_owned()), None, None, None];
        assert_eq!(
            read_ids(&written, &lines),
            [
                "a-influences-b",
                "a-influences-b-3",
                "a-influences-b-2",
                "a-influences-b-4",
                "a-influences-b-5"
            ]
        );
    }
}
