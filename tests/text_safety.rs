//! User text in every output: control characters and bidi controls from any field
//! never reach a terminal or a file raw, and everything Powermap writes to CSV reads
//! back exactly.

use std::process::{Command as Process, Output};

use powermap::analysis::{AnalysisOptions, analyze, report};
use powermap::edit::Editor;
use powermap::export::{ExportFormat, ExportOptions, export};
use powermap::import::{ColumnMapping, TableFormat, plan_import, read_table_bytes};
use powermap::lang::Language;
use powermap::model::{
    Coverage, Date, Document, NextAction, Plan, PlanText, Power, Relationship, RelationshipKind,
    Role, Stakeholder, Stance, TeamMember, TeamMemberId,
};
use powermap::safe_text::{bidi_is_balanced, is_bidi_control};
use powermap::samples::SAMPLES;
use proptest::prelude::*;

/// Pieces hostile text is made of: terminal escapes, C1 controls, bidi controls
/// (matched and unmatched), line breaks, and ordinary Chinese and English text.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\u{1b}]0;owned\u{7}"),
        Just("\u{1b}[2J"),
        Just("\u{9b}31m"),
        Just("\u{85}"),
        Just("\u{0}"),
        Just("\u{7f}"),
        Just("\r"),
        Just("\n"),
        Just("\t"),
        Just("\u{202A}"),
        Just("\u{202B}"),
        Just("\u{202C}"),
        Just("\u{202D}"),
        Just("\u{202E}"),
        Just("\u{2066}"),
        Just("\u{2067}"),
        Just("\u{2068}"),
        Just("\u{2069}"),
        Just("张伟"),
        Just("Ann"),
        Just(" "),
        Just("=1+1"),
        Just("<b>"),
        Just("|"),
    ];
    proptest::collection::vec(piece, 1..10).prop_map(|p| p.concat())
}

/// A sample map with `text` in every text field of every kind.
fn map_with(text: &str) -> Document {
    let mut doc = SAMPLES[2].document().unwrap();
    doc.account.name = text.into();
    doc.account.opportunity = text.into();
    doc.account.industry = text.into();
    doc.account.currency = text.into();
    doc.account.notes = text.into();
    for member in &mut doc.team {
        member.name = format!("{text}{}", member.id);
    }
    for person in &mut doc.stakeholders {
        person.name = format!("{text}{}", person.id);
        person.title = text.into();
        person.department = text.into();
        person.interests.business = text.into();
        person.interests.personal = text.into();
        person.concerns = text.into();
        person.decision_criteria = text.into();
        person.notes = text.into();
        person.contact.email = text.into();
        person.contact.phone = text.into();
        person.contact.other = text.into();
        person.source = text.into();
        person.tags = vec![text.into()];
        person.next_actions.push(NextAction {
            text: text.into(),
            due: Date::from_ymd(2026, 1, 1),
            ..NextAction::default()
        });
    }
    for line in &mut doc.relationships {
        line.note = text.into();
    }
    for role in [Role::DecisionMaker, Role::Champion] {
        let plan = Plan {
            objective: Some(PlanText::new(text, Language::Chinese)),
            cadence: Some(PlanText::new(text, Language::English)),
            ..Plan::default()
        };
        doc.plans.insert(role, plan);
    }
    doc
}

/// No control character but the allowed ones (CR only before LF), and every bidi
/// control matched within its line.
fn assert_safe(output: &str, allowed: &[char], what: &str) {
    let mut chars = output.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\r' && chars.peek().map(|(_, c)| *c) == Some('\n') && allowed.contains(&'\r') {
            continue;
        }
        let around: String = output
            .get(at..)
            .unwrap_or_default()
            .chars()
            .take(60)
            .collect();
        assert!(
            !c.is_control() || (c != '\r' && allowed.contains(&c)),
            "{what}: raw {c:?} near {around:?}"
        );
    }
    assert!(bidi_is_balanced(output), "{what}: bidi not balanced");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn any_text_in_any_field_reaches_no_output_raw(text in hostile()) {
        let doc = map_with(&text);
        let today = Date::from_ymd(2026, 11, 29).unwrap();
        for language in Language::ALL {
            let analysis = analyze(&doc, &AnalysisOptions::new(today, language));
            assert_safe(&report::to_text(&doc, &analysis, false), &['\n'], "report text");
            assert_safe(&report::to_text(&doc, &analysis, true), &['\n', '\t'], "report markdown");
            let json = serde_json::to_string_pretty(&report::to_json(&doc, &analysis)).unwrap();
            let json = powermap::safe_text::json_invisible_escaped(&json);
            assert_safe(&json, &['\n'], "report json");
            prop_assert!(!json.chars().any(is_bidi_control), "json bidi");
            let options = ExportOptions { redact: false, language, today, view: None };
            for (format, allowed) in [
                (ExportFormat::Svg, &['\n', '\t'][..]),
                (ExportFormat::Html, &['\n', '\t'][..]),
                (ExportFormat::Markdown, &['\n', '\t'][..]),
                (ExportFormat::Csv, &['\n', '\t', '\r'][..]),
            ] {
                let bytes = export(&doc, format, &options).unwrap();
                let output = String::from_utf8(bytes).unwrap();
                assert_safe(&output, allowed, &format!("{format:?}"));
            }
        }
    }
}

#[test]
fn pictures_render_names_with_bidi_and_control_characters() {
    let doc = map_with("\u{202E}evil\u{1b}[2J\u{2067}שלום");
    let today = Date::from_ymd(2026, 11, 29).unwrap();
    let options = ExportOptions {
        redact: false,
        language: Language::Chinese,
        today,
        view: None,
    };
    let png = export(&doc, ExportFormat::Png, &options).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
}

fn powermap(args: &[&std::ffi::OsStr]) -> Output {
    Process::new(env!("CARGO_BIN_EXE_powermap"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn the_command_line_never_prints_file_text_raw() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}1m\u{202E}gnp.exe";
    // A map with the text everywhere: report in every format, check, export.
    let map = dir.path().join("evil.json");
    powermap::format::save_file(&map, &map_with(evil)).unwrap();
    let out = dir.path().join("out.csv");
    for args in [
        vec!["report", "--format", "text"],
        vec!["report", "--format", "json", "--lang", "zh"],
        vec!["check"],
    ] {
        let mut all: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        all.push(map.as_os_str());
        let output = powermap(&all);
        assert!(output.status.success(), "{args:?}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_safe(&stdout, &['\n'], &format!("{args:?}"));
    }
    let output = powermap(&[
        "export".as_ref(),
        map.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert!(output.status.success());
    // An invalid map: check quotes the bad value.
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        format!(
            "{{\"format\":\"powermap\",\"version\":1,\"stakeholders\":[{{\"id\":\"a\",\"name\":\"x\",\"role\":{}}}]}}",
            serde_json::to_string(evil).unwrap()
        ),
    )
    .unwrap();
    let output = powermap(&["check".as_ref(), bad.as_os_str()]);
    assert!(!output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("\\u{1b}"), "shown, not run: {stdout}");
    assert_safe(&stdout, &['\n'], "check");

    // A contact list: the import summary quotes headers, names and managers.
    let csv = dir.path().join("evil.csv");
    std::fs::write(
        &csv,
        format!("Name,Manager,Role,{evil}\n{evil},{evil}boss,{evil},x\n{evil},,,\n",),
    )
    .unwrap();
    let new_map = dir.path().join("new.json");
    let output = powermap(&[
        "import".as_ref(),
        csv.as_os_str(),
        "-o".as_ref(),
        new_map.as_os_str(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("not found in the file"), "{stdout}");
    assert_safe(&stdout, &['\n'], "import");
    let output = powermap(&[
        "import".as_ref(),
        csv.as_os_str(),
        "--into".as_ref(),
        new_map.as_os_str(),
        "--map".as_ref(),
        format!("x{evil}=name").as_ref(),
    ]);
    assert!(!output.status.success());
    assert_safe(
        &String::from_utf8(output.stderr).unwrap(),
        &['\n'],
        "import error",
    );
}

// ---------------------------------------------------------------------------
// CSV round trip

/// One line of text as the import keeps it: no control characters, single spaces,
/// trimmed. Formula starts, apostrophes, quotes, separators and phone numbers
/// included.
fn line() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("'"),
        Just("''"),
        Just("="),
        Just("+"),
        Just("-"),
        Just("@"),
        Just("＝"),
        Just("+1 555 0199"),
        Just("-2"),
        Just("=5+6"),
        Just("\""),
        Just(","),
        Just(";"),
        Just(" "),
        Just("张伟"),
        Just("教务处处长"),
        Just("Ann"),
        Just("x|y!z"),
        Just("\u{202E}\u{202C}"),
    ];
    proptest::collection::vec(piece, 0..6)
        .prop_map(|p| p.concat().split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Several lines, as multi-line fields keep them.
fn lines() -> impl Strategy<Value = String> {
    proptest::collection::vec(line(), 1..3).prop_map(|l| l.join("\n").trim().to_owned())
}

/// A tag: one line without the separators tags are split at.
fn tag() -> impl Strategy<Value = String> {
    line().prop_map(|t| {
        t.split([';', ',', '；', '，', '、'])
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("x")
    })
}

fn person(index: usize) -> impl Strategy<Value = Stakeholder> {
    let texts = (
        line(),
        line(),
        line(),
        line(),
        line(),
        line(),
        line(),
        line(),
    );
    let long = (lines(), lines(), lines(), lines(), lines());
    let values = (
        prop::sample::select(Role::ALL.to_vec()),
        prop::sample::select(Stance::ALL.to_vec()),
        1..=5i64,
        prop::sample::select(Coverage::ALL.to_vec()),
        prop::option::of((2000u16..2100, 1u8..13, 1u8..29)),
        prop::collection::vec(tag().prop_filter("not empty", |t| !t.is_empty()), 0..3),
        any::<bool>(),
    );
    (texts, long, values).prop_map(
        move |(
            (name, title, department, email, phone, other, source, favours),
            (business, personal, concerns, criteria, notes),
            (role, stance, power, coverage, date, tags, owned),
        )| {
            // Names and e-mails are unique, so that no row matches another.
            let mut p = Stakeholder::new(format!("s{index}"), format!("{name} #{index}").trim());
            p.title = title;
            p.department = department;
            p.contact.email = format!("{email} #{index}").trim().to_owned();
            p.contact.phone = phone;
            p.contact.other = other;
            p.source = source;
            p.favours = favours;
            p.interests.business = business;
            p.interests.personal = personal;
            p.concerns = concerns;
            p.decision_criteria = criteria;
            p.notes = notes;
            p.role = role;
            p.stance = stance;
            p.power = Power::new(power).unwrap();
            p.coverage = coverage;
            p.last_contact = date.and_then(|(y, m, d)| Date::from_ymd(y, m, d));
            p.last_verified = p.last_contact;
            p.tags = tags;
            p.owner = owned.then(|| TeamMemberId::new("t1"));
            p
        },
    )
}

fn document() -> impl Strategy<Value = Document> {
    (person(0), person(1), person(2), line()).prop_map(|(a, b, c, member)| Document {
        team: vec![TeamMember::new("t1", format!("{member} (team)").trim())],
        stakeholders: vec![a, b, c],
        relationships: vec![Relationship::new(
            "r1",
            "s1",
            "s0",
            RelationshipKind::ReportsTo,
        )],
        ..Document::default()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_exported_field_survives_export_and_import(doc in document(), chinese in any::<bool>()) {
        let language = if chinese { Language::Chinese } else { Language::English };
        let today = Date::from_ymd(2026, 11, 29).unwrap();
        let options = ExportOptions { redact: false, language, today, view: None };
        let csv = export(&doc, ExportFormat::Csv, &options).unwrap();
        let table = read_table_bytes(&csv, TableFormat::Delimited, "export.csv", None).unwrap();
        let plan = plan_import(&Document::default(), &table, &ColumnMapping::detect(&table.headers)).unwrap();
        prop_assert!(plan.summary.issues.is_empty(), "{:?}", plan.summary.issues);
        let mut editor = Editor::new(Document::default());
        editor.apply(plan.command).unwrap();
        let back = editor.document();
        prop_assert_eq!(back.stakeholders.len(), doc.stakeholders.len());
        for (a, b) in doc.stakeholders.iter().zip(&back.stakeholders) {
            let texts = |p: &Stakeholder| {
                vec![
                    p.name.clone(), p.title.clone(), p.department.clone(),
                    p.contact.email.clone(), p.contact.phone.clone(), p.contact.other.clone(),
                    p.interests.business.clone(), p.interests.personal.clone(),
                    p.concerns.clone(), p.decision_criteria.clone(), p.notes.clone(),
                    p.favours.clone(),
                ]
            };
            prop_assert_eq!(texts(a), texts(b));
            prop_assert_eq!((a.role, a.stance, a.power, a.coverage), (b.role, b.stance, b.power, b.coverage));
            prop_assert_eq!((a.last_contact, a.last_verified), (b.last_contact, b.last_verified));
            prop_assert_eq!(&a.tags, &b.tags);
            if !a.source.is_empty() {
                prop_assert_eq!(&a.source, &b.source);
            }
            let owner = |d: &Document, p: &Stakeholder| {
                p.owner.as_ref().and_then(|id| d.team_member(id)).map(|m| m.name.clone())
            };
            prop_assert_eq!(owner(&doc, a), owner(back, b));
        }
        let manager = back.relationships.iter().find(|r| r.kind == RelationshipKind::ReportsTo);
        prop_assert_eq!(
            manager.map(|r| (r.from.as_str(), r.to.as_str())),
            Some((back.stakeholders[1].id.as_str(), back.stakeholders[0].id.as_str()))
        );
    }
}
