//! Reading format v1: bytes → checked [`Document`], in one pass over the JSON.
//!
//! The file is parsed by `serde_json` straight into the document: each person and
//! line is read into a small [`Raw`] tree, checked into its typed form (every
//! problem noted with where it is) and dropped, so loading costs about what parsing
//! the JSON costs and holds little more than the document itself. The outcome is
//! that of reading the whole file as JSON first and then checking it: JSON errors,
//! then the header, then strings over the limit, then the number of people, then
//! every problem of the content.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde_json::Value;

use super::LoadError;
use super::fields;
use super::object_reader::ObjectReader;
use super::raw::{Key, Raw, RawObject, describe, kind_of, unique_fields};
use super::scan::{Budget, Sink, scan};
use crate::lang::Language;
#[cfg(test)]
use crate::model::limits::MAX_STRING_BYTES;
use crate::model::limits::{MAX_FILE_BYTES, MAX_INTERACTIONS, MAX_STAKEHOLDERS};
use crate::model::{
    Account, Contact, Coverage, DecisionStep, Document, Interaction, InteractionKind, Interests,
    NextAction, Outcome, Plan, PlanPart, PlanText, Position, Power, Problem, Relationship,
    RelationshipId, RelationshipKind, Role, Stage, Stakeholder, StakeholderId, Stance, Strength,
    Subject, TeamMember, TeamMemberId, validate,
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
    let budget = Budget::default();
    let mut reading = Reading::default();
    let mut parser = serde_json::Deserializer::from_slice(bytes);
    let top = scan(&mut parser, &budget, &mut reading).map_err(|err| json_error(&err))?;
    parser.end().map_err(|err| json_error(&err))?;
    reading.finish(top, budget)
}

/// Reads a map from parsed JSON.
pub fn from_value(value: &Value) -> Result<Document, LoadError> {
    let budget = Budget::default();
    let mut reading = Reading::default();
    let top = scan(value, &budget, &mut reading).map_err(|err| json_error(&err))?;
    reading.finish(top, budget)
}

/// What has been read of the file so far: the top-level fields, and the people and
/// lines, read one at a time.
#[derive(Default)]
struct Reading {
    /// Top-level fields in file order (a streamed list stands as an empty list).
    fields: RawObject,
    people: List<Stakeholder>,
    lines: List<Relationship>,
    /// Where in `lines.items` the lines without an id are.
    unnamed: Vec<usize>,
    /// Some entry of an interaction log could not be read, so the logs' indices
    /// do not match the file (as when a person is not an object).
    logs_incomplete: bool,
}

/// A list read item by item.
struct List<T> {
    items: Vec<T>,
    /// Items in the file, including those that were not objects.
    count: usize,
    /// The problems of the items, in order.
    problems: Vec<Problem>,
}

impl<T> Default for List<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            count: 0,
            problems: Vec::new(),
        }
    }
}

impl<T> List<T> {
    /// Whether every item was an object, so that indices match the file.
    fn complete(&self) -> bool {
        self.items.len() == self.count
    }
}

const PEOPLE: &str = "stakeholders";
const LINES: &str = "relationships";

impl Sink for Reading {
    fn streamed(&self, key: &Key) -> bool {
        matches!(key.as_str(), PEOPLE | LINES)
    }

    fn field(&mut self, key: Key, value: Raw) {
        // The last field of a name counts: a list read before is forgotten.
        match key.as_str() {
            PEOPLE => self.people = List::default(),
            LINES => {
                self.lines = List::default();
                self.unnamed.clear();
            }
            _ => {}
        }
        self.fields.push((key, value));
    }

    fn list(&mut self, key: &Key) {
        self.field(key.clone(), Raw::Array(Vec::new()));
    }

    fn item(&mut self, key: &Key, index: usize, item: Raw) {
        match key.as_str() {
            PEOPLE => {
                let people = &mut self.people;
                people.count += 1;
                // Past the limit, items are still parsed (for JSON errors and long
                // strings, reported first) but not kept.
                if people.count <= MAX_STAKEHOLDERS
                    && let Some(person) = read_stakeholder(
                        item,
                        index,
                        &mut people.problems,
                        &mut self.logs_incomplete,
                    )
                {
                    people.items.push(person);
                }
            }
            LINES => {
                let lines = &mut self.lines;
                lines.count += 1;
                if let Some((line, named)) = read_relationship(item, index, &mut lines.problems) {
                    if !named {
                        self.unnamed.push(lines.items.len());
                    }
                    lines.items.push(line);
                }
            }
            _ => {}
        }
    }
}

impl Reading {
    /// The document, once the whole file was read.
    fn finish(mut self, top: Option<Raw>, budget: Budget) -> Result<Document, LoadError> {
        if let Some(value) = top {
            return Err(LoadError::NotPowermap {
                reason: format!("the file holds {}, not an object", kind_of(&value)),
            });
        }
        check_header(&self.fields)?;
        if let Some(err) = budget.into_error() {
            return Err(err);
        }
        if self.people.count > MAX_STAKEHOLDERS {
            return Err(LoadError::TooManyStakeholders {
                count: self.people.count,
                limit: MAX_STAKEHOLDERS,
            });
        }
        let generated = generate_ids(&mut self.lines.items, &self.unnamed);
        let mut problems = Vec::new();
        let (doc, complete) = self.read_document(&mut problems);
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
            let mut doc = doc;
            for person in &mut doc.stakeholders {
                crate::model::sort_newest_first(&mut person.interactions);
            }
            Ok(doc)
        } else {
            Err(LoadError::Invalid(problems))
        }
    }

    /// The document as far as it could be read, and whether every list item was an
    /// object (so that list indices match the file and consistency can be checked).
    /// Problems come in the order of the document: account, the lists, plans.
    fn read_document(self, problems: &mut Vec<Problem>) -> (Document, bool) {
        let Reading {
            fields,
            people,
            lines,
            logs_incomplete,
            ..
        } = self;
        let file = Subject::File;
        let mut reader = ObjectReader::new(fields, &file, problems);
        let account = match reader.object("account") {
            Some(object) => read_account(object, reader.problems()),
            None => Account::default(),
        };
        let team_items = reader.array("team");
        // Streamed: the type is checked here, the items were read on the way.
        let _ = reader.array(PEOPLE);
        let _ = reader.array(LINES);
        let team_count = team_items.len();
        let team: Vec<TeamMember> = team_items
            .into_iter()
            .enumerate()
            .filter_map(|(index, item)| read_team_member(item, index, reader.problems()))
            .collect();
        let complete =
            team.len() == team_count && people.complete() && lines.complete() && !logs_incomplete;
        reader.problems().extend(people.problems);
        reader.problems().extend(lines.problems);
        let plans = match reader.object("plans") {
            Some(object) => read_plans(object, reader.problems()),
            None => BTreeMap::new(),
        };
        let extra = reader.extra(fields::TOP);
        let doc = Document {
            account,
            team,
            stakeholders: people.items,
            relationships: lines.items,
            plans,
            extra,
        };
        (doc, complete)
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

/// The value of the top-level field `key` (the last one of that name).
fn top_field<'a>(fields: &'a RawObject, key: &str) -> Option<&'a Raw> {
    fields
        .iter()
        .rev()
        .find(|(k, _)| k.as_str() == key)
        .map(|(_, value)| value)
}

fn check_header(top: &RawObject) -> Result<(), LoadError> {
    match top_field(top, "format") {
        Some(Raw::String(name)) if name == fields::FORMAT_NAME => {}
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
    let version = top_field(top, "version").and_then(|v| {
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

/// The object at `list[index]`, or a problem when it is something else.
fn list_object(item: Raw, subject: &Subject, problems: &mut Vec<Problem>) -> Option<RawObject> {
    match item {
        Raw::Object(fields) => Some(fields),
        other => {
            problems.push(Problem::new(
                subject.clone(),
                "",
                format!("must be an object, found {}", kind_of(&other)),
            ));
            None
        }
    }
}

/// The `id` field as written, for naming the subject of problems.
fn id_of(item: &Raw) -> String {
    match item {
        Raw::Object(fields) => top_field(fields, "id")
            .and_then(Raw::as_str)
            .unwrap_or_default()
            .to_owned(),
        _ => String::new(),
    }
}

fn read_plans(object: RawObject, problems: &mut Vec<Problem>) -> BTreeMap<Role, Plan> {
    let mut plans = BTreeMap::new();
    for (key, value) in unique_fields(object) {
        let key = key.as_str();
        let subject = Subject::Plan {
            role: key.to_owned(),
        };
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
        let Some(object) = list_object(value, &subject, problems) else {
            continue;
        };
        let mut r = ObjectReader::new(object, &subject, problems);
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
fn read_languages(r: &mut ObjectReader<'_>, object: RawObject) -> BTreeMap<PlanPart, Language> {
    let mut languages = BTreeMap::new();
    for (key, value) in unique_fields(object) {
        let key = key.as_str();
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
                format!("must be \"en\" or \"zh\", found {}", describe(&value)),
            ),
        }
    }
    languages
}

fn read_account(object: RawObject, problems: &mut Vec<Problem>) -> Account {
    let subject = Subject::Account;
    let mut r = ObjectReader::new(object, &subject, problems);
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
        outcome: r.name("outcome", Outcome::parse, &Outcome::expected()),
        closed_on: r.date("closed_on"),
        extra: r.extra(fields::ACCOUNT),
    }
}

fn read_decision_process(r: &mut ObjectReader<'_>) -> Vec<DecisionStep> {
    let items = r.array("decision_process");
    let mut steps = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let key = format!("decision_process[{index}]");
        let Raw::Object(object) = item else {
            r.problem(&key, format!("must be an object, found {}", kind_of(&item)));
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

fn read_team_member(item: Raw, index: usize, problems: &mut Vec<Problem>) -> Option<TeamMember> {
    let subject = Subject::TeamMember {
        index,
        id: id_of(&item),
    };
    let object = list_object(item, &subject, problems)?;
    let mut r = ObjectReader::new(object, &subject, problems);
    Some(TeamMember {
        id: TeamMemberId::new(r.required_string("id")),
        name: r.string("name"),
        extra: r.extra(fields::TEAM_MEMBER),
    })
}

fn read_stakeholder(
    item: Raw,
    index: usize,
    problems: &mut Vec<Problem>,
    logs_incomplete: &mut bool,
) -> Option<Stakeholder> {
    let subject = Subject::Stakeholder {
        index,
        id: id_of(&item),
    };
    let object = list_object(item, &subject, problems)?;
    let mut r = ObjectReader::new(object, &subject, problems);
    let id = StakeholderId::new(r.required_string("id"));
    let name = r.required_string("name");
    let title = r.string("title");
    let department = r.string("department");
    let role = r.name("role", Role::parse, &Role::expected());
    let stance = r.name("stance", Stance::parse, &Stance::expected());
    let power = r.integer("power", "from 1 to 5", Power::new);
    let interests = r
        .object("interests")
        .map(|o| read_interests(&mut r.nested_static(o, "interests.")))
        .unwrap_or_default();
    let concerns = r.string("concerns");
    let decision_criteria = r.string("decision_criteria");
    let notes = r.string("notes");
    let contact = r
        .object("contact")
        .map(|o| read_contact(&mut r.nested_static(o, "contact.")))
        .unwrap_or_default();
    let owner = r.optional_string("owner").map(TeamMemberId::new);
    let coverage = r.name("coverage", Coverage::parse, &Coverage::expected());
    let last_contact = r.date("last_contact");
    let last_verified = r.date("last_verified");
    let source = r.string("source");
    let tags = r.string_list("tags");
    let favours = r.string("favours");
    let next_actions = read_next_actions(&mut r);
    let (interactions, complete) = read_interactions(&mut r);
    *logs_incomplete |= !complete;
    let (position, position_extra) = match r.object("position") {
        Some(o) => {
            let mut p = r.nested_static(o, "position.");
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
        interactions,
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
    for (index, item) in items.into_iter().enumerate() {
        let key = format!("next_actions[{index}]");
        let Raw::Object(object) = item else {
            r.problem(&key, format!("must be an object, found {}", kind_of(&item)));
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

/// The interaction log in file order (sorted newest first when the whole map is
/// read), and whether every entry was kept. Past the limit, entries are reported,
/// not kept.
fn read_interactions(r: &mut ObjectReader<'_>) -> (Vec<Interaction>, bool) {
    let items = r.array("interactions");
    let count = items.len();
    if items.len() > MAX_INTERACTIONS {
        r.problem(
            "interactions",
            format!(
                "holds {} entries, more than the limit of {MAX_INTERACTIONS}",
                items.len()
            ),
        );
        return (Vec::new(), false);
    }
    let mut log = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let key = format!("interactions[{index}]");
        let Raw::Object(object) = item else {
            r.problem(&key, format!("must be an object, found {}", kind_of(&item)));
            continue;
        };
        let mut e = r.nested(object, &key);
        let date = e.date("date");
        if e.value("date").is_none() {
            e.problem("date", "is required");
        }
        let kind = e.name("kind", InteractionKind::parse, &InteractionKind::expected());
        if e.value("kind").is_none() {
            e.problem("kind", "is required");
        }
        let by = e.optional_string("by").map(TeamMemberId::new);
        let summary = e.string("summary");
        let stance = e.name("stance", Stance::parse, &Stance::expected());
        let extra = e.extra(fields::INTERACTION);
        // An entry without a usable date or kind has been reported; the map will
        // not load, so nothing is lost by not keeping it.
        if let (Some(date), Some(kind)) = (date, kind) {
            log.push(Interaction {
                date,
                kind,
                by,
                summary,
                stance,
                extra,
            });
        }
    }
    // Sorted newest first once the map is known to be valid (see `finish`), so
    // that problems found on the whole map name entries by their place in the file.
    let complete = log.len() == count;
    (log, complete)
}

/// One relationship, and whether its id was written (else it is left empty, to be
/// generated once every written id is known).
fn read_relationship(
    item: Raw,
    index: usize,
    problems: &mut Vec<Problem>,
) -> Option<(Relationship, bool)> {
    let subject = Subject::Relationship {
        index,
        id: id_of(&item),
    };
    let object = list_object(item, &subject, problems)?;
    let mut r = ObjectReader::new(object, &subject, problems);
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
    let named = written_id.is_some();
    let line = Relationship {
        id: RelationshipId::new(written_id.unwrap_or_default()),
        from,
        to,
        kind: kind.unwrap_or_default(),
        strength: strength.unwrap_or_default(),
        note,
        extra,
    };
    Some((line, named))
}

/// Gives the lines at `unnamed` (places in `lines`, in file order) their generated
/// ids; returns those places. Ids written in the file come first, so a generated id
/// never takes one of them.
fn generate_ids(lines: &mut [Relationship], unnamed: &[usize]) -> HashSet<usize> {
    if unnamed.is_empty() {
        return HashSet::new();
    }
    // An unnamed line stands as the empty id, as it did when every line was asked
    // for its written id.
    let taken: HashSet<String> = lines.iter().map(|l| l.id.as_str().to_owned()).collect();
    let mut ids = GeneratedIds::new(taken);
    for &at in unnamed {
        if let Some(line) = lines.get_mut(at) {
            line.id = RelationshipId::new(ids.generate(&line.from, line.kind, &line.to));
        }
    }
    unnamed.iter().copied().collect()
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
        let file = serde_json::json!({ "relationships": items });
        let mut reading = Reading::default();
        let top = scan(&file, &Budget::default(), &mut reading);
        assert!(matches!(top, Ok(None)));
        generate_ids(&mut reading.lines.items, &reading.unnamed);
        reading
            .lines
            .items
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

    fn problems(text: &str) -> Vec<String> {
        match from_bytes(text.as_bytes()) {
            Err(LoadError::Invalid(problems)) => problems.iter().map(ToString::to_string).collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn problems_come_in_the_order_of_the_document_whatever_the_order_of_the_file() {
        // Lines first, people next, the account last in the file.
        let found = problems(
            r#"{"relationships":[{"from":"a","to":"b","kind":"likes"}],
                "stakeholders":[{"id":"a","name":"A","power":9},{"id":"b"}],
                "format":"powermap","version":1,"team":5,
                "account":{"stage":"finished"}}"#,
        );
        let expected = [
            (
                r#"account, field "stage": must be one of "#,
                r#"found "finished""#,
            ),
            (r#"file, field "team": must be a list"#, "found a number"),
            (
                r#"stakeholder "a", field "power": must be a whole number"#,
                "found 9",
            ),
            (r#"stakeholder "b", field "name": is required"#, ""),
            (
                r#"relationships[0], field "kind": must be one of "#,
                r#"found "likes""#,
            ),
        ];
        assert_eq!(found.len(), expected.len(), "{found:?}");
        for (problem, (start, end)) in found.iter().zip(expected) {
            assert!(
                problem.starts_with(start) && problem.ends_with(end),
                "{problem}"
            );
        }
    }

    #[test]
    fn a_field_written_twice_counts_with_its_last_value_as_in_json() {
        let doc = from_bytes(
            br#"{"format":"powermap","version":1,
                "stakeholders":[{"id":"x","name":"Gone"}],
                "stakeholders":[{"id":"a","name":"First","name":"Last","x-b":1,"x-a":2,"x-b":3}]}"#,
        )
        .expect("loads");
        assert_eq!(doc.stakeholders.len(), 1);
        let person = doc.stakeholders.first().expect("one person");
        assert_eq!((person.id.as_str(), person.name.as_str()), ("a", "Last"));
        assert_eq!(
            serde_json::to_string(&person.extra).expect("json"),
            r#"{"x-b":3,"x-a":2}"#
        );
        // A list replaced by something else is that something else.
        let found = problems(
            r#"{"format":"powermap","version":1,"stakeholders":[{"id":"a","name":"A"}],"stakeholders":"none"}"#,
        );
        assert_eq!(
            found,
            [r#"file, field "stakeholders": must be a list, found text"#]
        );
    }

    #[test]
    fn errors_before_problems_in_the_order_of_reading_the_whole_file_first() {
        let long = "x".repeat(MAX_STRING_BYTES + 1);
        // The header, even after a string over the limit.
        let text = format!(r#"{{"stakeholders":[{{"notes":"{long}"}}],"format":"other"}}"#);
        assert!(matches!(
            from_bytes(text.as_bytes()),
            Err(LoadError::NotPowermap { .. })
        ));
        // JSON errors after everything else.
        let text = format!(r#"{{"format":"powermap","version":1,"x":"{long}","y":[1,]}}"#);
        assert!(matches!(
            from_bytes(text.as_bytes()),
            Err(LoadError::Json { line: 1, .. })
        ));
        // The first string over the limit, with its place.
        let text = format!(
            r#"{{"format":"powermap","version":1,"stakeholders":[{{}},{{"id":"a","notes":"{long}"}}],"x":"{long}"}}"#
        );
        match from_bytes(text.as_bytes()) {
            Err(LoadError::StringTooLong { location, .. }) => {
                assert_eq!(location, "stakeholders[1].notes");
            }
            other => panic!("expected a string over the limit, got {other:?}"),
        }
        // Too many people, though every one of them is wrong.
        let people = vec!["{}"; MAX_STAKEHOLDERS + 1].join(",");
        let text = format!(r#"{{"format":"powermap","version":1,"stakeholders":[{people}]}}"#);
        assert!(matches!(
            from_bytes(text.as_bytes()),
            Err(LoadError::TooManyStakeholders { count, .. }) if count == MAX_STAKEHOLDERS + 1
        ));
    }

    #[test]
    fn reading_parsed_json_gives_what_reading_the_bytes_gives() {
        for sample in crate::samples::SAMPLES {
            let doc = sample.document().expect("loads");
            let bytes = crate::format::to_bytes(&doc);
            let value: Value = serde_json::from_slice(&bytes).expect("json");
            assert_eq!(from_value(&value).expect("loads"), doc);
        }
    }
}
