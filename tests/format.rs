//! File format v1: golden files, canonical writing, and every refusal with its message.

use powermap::format::{LoadError, from_bytes, load_file, save_file, to_bytes};
use powermap::model::{Position, RelationshipKind, Role, Stance};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}"))
}

fn problems_of(json: &str) -> Vec<String> {
    match from_bytes(json.as_bytes()) {
        Err(LoadError::Invalid(problems)) => problems.iter().map(ToString::to_string).collect(),
        other => panic!("expected problems, got {other:?}"),
    }
}

fn error_of(json: &[u8]) -> String {
    from_bytes(json).expect_err("must be refused").to_string()
}

/// A valid map with one extra stakeholder field spliced in.
fn with_person_field(field: &str) -> String {
    format!(
        r#"{{"format":"powermap","version":1,"stakeholders":[{{"id":"p1","name":"A",{field}}}]}}"#
    )
}

#[test]
fn full_golden_file_round_trips_byte_for_byte() {
    let bytes = fixture("full.canonical.json");
    let doc = from_bytes(&bytes).unwrap();
    assert_eq!(
        String::from_utf8(to_bytes(&doc)).unwrap(),
        String::from_utf8(bytes).unwrap()
    );
}

#[test]
fn full_golden_file_reads_every_field() {
    let doc = from_bytes(&fixture("full.canonical.json")).unwrap();
    assert_eq!(doc.account.name, "华东重工集团");
    assert_eq!(doc.account.deal_value, Some(5_200_000.0));
    assert_eq!(doc.team.len(), 2);
    let zhang = &doc.stakeholders[0];
    assert_eq!(zhang.role, Role::DecisionMaker);
    assert_eq!(zhang.stance, Stance::Neutral);
    assert_eq!(zhang.power.level(), 5);
    assert_eq!(zhang.interests.business, "降低单位能耗15%");
    assert_eq!(zhang.contact.other, "微信 zhangjg");
    assert_eq!(zhang.owner.as_ref().unwrap().as_str(), "t-li");
    assert_eq!(zhang.last_verified.unwrap().to_string(), "2026-11-10");
    assert_eq!(zhang.tags, ["关键人", "高层"]);
    assert_eq!(zhang.next_actions.len(), 2);
    assert!(zhang.next_actions[1].done);
    assert_eq!(zhang.position, Some(Position::new(0.0, -300.0)));
    assert_eq!(
        doc.stakeholders[1].position,
        Some(Position::new(-180.5, -140.25))
    );
    assert_eq!(doc.relationships[0].kind, RelationshipKind::ReportsTo);
    assert_eq!(doc.relationships[1].strength.level(), 1);
    assert_eq!(doc.account.close_date.unwrap().to_string(), "2027-03-31");
    assert_eq!(doc.account.competitors, ["华锐智能", "Siemens"]);
    let steps: Vec<(&str, usize)> = doc
        .account
        .decision_process
        .iter()
        .map(|s| (s.name.as_str(), s.approvers.len()))
        .collect();
    assert_eq!(steps, [("技术评审", 1), ("总经理办公会", 2), ("签约", 0)]);
    assert!(
        doc.account.decision_process[0]
            .extra
            .contains_key("deadline")
    );
    assert_eq!(doc.stakeholders[1].favours, "华锐智能");
}

#[test]
fn a_decision_step_naming_nobody_on_the_map_is_a_problem_with_its_place() {
    let text = r#"{"format":"powermap","version":1,
        "account":{"name":"A","decision_process":[{"name":"签约","approvers":["p1","ghost"]},{"approvers":[]}],
                   "competitors":["X", 7]},
        "stakeholders":[{"id":"p1","name":"A"}]}"#;
    let err = from_bytes(text.as_bytes()).unwrap_err().to_string();
    assert!(
        err.contains("decision_process[0].approvers[1]") && err.contains("ghost"),
        "{err}"
    );
    assert!(err.contains("decision_process[1].name"), "{err}");
    assert!(err.contains("competitors[1]"), "{err}");
}

#[test]
fn unknown_fields_are_kept_at_every_level() {
    let doc = from_bytes(&fixture("full.canonical.json")).unwrap();
    assert!(doc.extra.contains_key("plans_v9"));
    assert!(doc.account.extra.contains_key("crm_id"));
    assert!(doc.team[0].extra.contains_key("region"));
    let zhang = &doc.stakeholders[0];
    assert!(zhang.extra.contains_key("linkedin"));
    assert!(zhang.interests.extra.contains_key("priority"));
    assert!(zhang.contact.extra.contains_key("wechat_verified"));
    assert!(zhang.next_actions[0].extra.contains_key("channel"));
    assert!(zhang.position_extra.contains_key("pinned"));
    assert!(doc.relationships[0].extra.contains_key("since"));
}

#[test]
fn minimal_input_gets_defaults_and_deterministic_ids() {
    let doc = from_bytes(&fixture("minimal.input.json")).unwrap();
    let alice = &doc.stakeholders[0];
    assert_eq!(
        (alice.role, alice.stance, alice.power.level()),
        (Role::Unknown, Stance::Unknown, 3)
    );
    assert_eq!(
        doc.stakeholders[1].power.level(),
        4,
        "4.0 is accepted as a whole number"
    );
    let ids: Vec<&str> = doc.relationships.iter().map(|r| r.id.as_str()).collect();
    // The explicit id "a-influences-b" is never taken by a generated one.
    assert_eq!(
        ids,
        [
            "a-reports_to-b",
            "a-influences-b-2",
            "a-influences-b",
            "a-influences-b-3"
        ]
    );
    assert!(doc.relationships.iter().all(|r| r.strength.level() == 2));
}

#[test]
fn minimal_input_is_written_as_the_canonical_golden_file() {
    let doc = from_bytes(&fixture("minimal.input.json")).unwrap();
    let written = String::from_utf8(to_bytes(&doc)).unwrap();
    assert_eq!(
        written,
        String::from_utf8(fixture("minimal.canonical.json")).unwrap()
    );
}

#[test]
fn writing_keeps_chinese_as_is_and_escapes_only_what_json_requires() {
    let doc = from_bytes(&fixture("full.canonical.json")).unwrap();
    let text = String::from_utf8(to_bytes(&doc)).unwrap();
    assert!(text.contains("\"name\": \"张建国\""));
    assert!(!text.contains("\\u"));
    assert!(text.contains(r#""name": "Wu \"Ace\" <b>Lei</b>""#));
    assert!(text.ends_with("}\n"));
}

#[test]
fn samples_are_valid_canonical_and_use_every_role_and_stance() {
    let dir = format!("{}/assets/samples", env!("CARGO_MANIFEST_DIR"));
    let mut roles = std::collections::BTreeSet::new();
    let mut stances = std::collections::BTreeSet::new();
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        count += 1;
        let bytes = std::fs::read(&path).unwrap();
        let doc = load_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(to_bytes(&doc), bytes, "{} is not canonical", path.display());
        assert!(
            doc.stakeholders.iter().all(|s| s.position.is_some()),
            "{}",
            path.display()
        );
        roles.extend(doc.stakeholders.iter().map(|s| s.role));
        stances.extend(doc.stakeholders.iter().map(|s| s.stance));
    }
    assert!(count >= 3);
    assert_eq!(roles.len(), Role::ALL.len());
    assert_eq!(stances.len(), Stance::ALL.len());
}

#[test]
fn invalid_json_names_line_and_column() {
    let err = error_of(b"{\n  \"format\": \"powermap\",\n  \"version\": 1,,\n}");
    assert!(err.contains("line 3, column 16"), "{err}");
    let err = error_of(b"");
    assert!(err.contains("not valid JSON at line 1"), "{err}");
    let err =
        error_of(b"{\"format\": \"powermap\", \"version\": 1, \"account\": {\"name\": \"\xff\"}}");
    assert!(err.contains("not valid JSON"), "{err}");
}

#[test]
fn a_leading_byte_order_mark_is_tolerated() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(&fixture("minimal.input.json"));
    assert_eq!(from_bytes(&bytes).unwrap().stakeholders.len(), 2);
}

#[test]
fn wrong_or_missing_format_is_refused() {
    assert!(error_of(br#"{"version":1}"#).contains("\"format\": \"powermap\" is missing"));
    let err = error_of(br#"{"format":"kumu","version":1}"#);
    assert!(
        err.contains("not a Powermap map") && err.contains("kumu"),
        "{err}"
    );
    assert!(error_of(b"[1,2]").contains("a list, not an object"));
    assert!(error_of(br#"{"format":"powermap"}"#).contains("\"version\""));
}

#[test]
fn a_newer_version_is_refused_naming_both_versions() {
    let err = error_of(br#"{"format":"powermap","version":7,"stakeholders":"whatever"}"#);
    assert!(
        err.contains("version 7") && err.contains("up to 1"),
        "{err}"
    );
}

#[test]
fn files_over_64_mib_are_refused_before_parsing() {
    let big = vec![b' '; 64 * 1024 * 1024 + 1];
    assert!(matches!(from_bytes(&big), Err(LoadError::TooLarge { .. })));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(64 * 1024 * 1024 + 10).unwrap();
    let err = load_file(&path).unwrap_err();
    assert!(matches!(err, LoadError::TooLarge { .. }), "{err}");
}

#[test]
fn more_than_100000_stakeholders_are_refused() {
    let people = vec![r#"{"id":"x","name":"x"}"#; 100_001].join(",");
    let json = format!(r#"{{"format":"powermap","version":1,"stakeholders":[{people}]}}"#);
    let err = error_of(json.as_bytes());
    assert!(
        err.contains("100001 stakeholders") && err.contains("100000"),
        "{err}"
    );
}

#[test]
fn strings_over_64_kib_are_refused_anywhere() {
    let long = "长".repeat(22_000); // 66,000 bytes of UTF-8
    let err = error_of(with_person_field(&format!(r#""notes":"{long}""#)).as_bytes());
    assert!(
        err.contains("stakeholders[0].notes") && err.contains("66000 bytes"),
        "{err}"
    );
    let err = error_of(with_person_field(&format!(r#""x":{{"{long}":1}}"#)).as_bytes());
    assert!(err.contains("a field name"), "{err}");
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = format!(
        r#"{{"format":"powermap","version":1,"x":{}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let err = error_of(deep.as_bytes());
    assert!(err.contains("nested too deeply"), "{err}");
}

#[test]
fn bad_values_name_the_id_and_field() {
    let problems = problems_of(&with_person_field(
        r#""role":"ceo","stance":5,"power":7,"coverage":"lots","last_verified":"2026-02-30",
           "last_contact":"yesterday","tags":["ok",3],"next_actions":[{"due":"2026-01-01"}],
           "position":{"x":"left","y":1}"#,
    ));
    let expect = [
        r#"stakeholder "p1", field "role": must be one of decision_maker, influencer, end_user, gatekeeper, blocker, champion, unknown, found "ceo""#,
        r#"stakeholder "p1", field "stance": must be one of"#,
        r#"stakeholder "p1", field "power": must be a whole number from 1 to 5, found 7"#,
        r#"stakeholder "p1", field "coverage": must be one of none, brief, multiple, in_depth, found "lots""#,
        r#"stakeholder "p1", field "last_verified": "2026-02-30" is not a calendar date"#,
        r#"stakeholder "p1", field "last_contact": "yesterday" is not a date of the form YYYY-MM-DD"#,
        r#"stakeholder "p1", field "tags[1]": must be text, found a number"#,
        r#"stakeholder "p1", field "next_actions[0].text": is required"#,
        r#"stakeholder "p1", field "position.x": must be a number, found text"#,
    ];
    for wanted in expect {
        assert!(
            problems.iter().any(|p| p.starts_with(wanted)),
            "missing {wanted}\nin {problems:#?}"
        );
    }
}

#[test]
fn missing_required_fields_are_reported() {
    let problems = problems_of(
        r#"{"format":"powermap","version":1,"team":[{"name":"x"}],
            "stakeholders":[{"name":"no id"},{"id":"p2"}, 5],
            "relationships":[{"from":"p2"}]}"#,
    );
    for wanted in [
        r#"team[0], field "id": is required"#,
        r#"stakeholders[0], field "id": is required"#,
        r#"stakeholder "p2", field "name": is required"#,
        "stakeholders[2]: must be an object, found a number",
        r#"relationships[0], field "to": is required"#,
        r#"relationships[0], field "kind": is required"#,
    ] {
        assert!(
            problems.iter().any(|p| p == wanted),
            "missing {wanted}\nin {problems:#?}"
        );
    }
}

#[test]
fn consistency_problems_are_all_reported() {
    let problems = problems_of(
        r#"{"format":"powermap","version":1,
            "account":{"deal_value":-5},
            "team":[{"id":"t1","name":"A"},{"id":"t1","name":"B"}],
            "stakeholders":[
              {"id":"a","name":"A","owner":"t9"},{"id":"a","name":"A2"},
              {"id":"b","name":"B"},{"id":"c","name":"C"}],
            "relationships":[
              {"id":"r1","from":"a","to":"zz","kind":"ally"},
              {"id":"r1","from":"b","to":"b","kind":"influences"},
              {"id":"r3","from":"b","to":"c","kind":"reports_to"},
              {"id":"r4","from":"c","to":"b","kind":"reports_to"}]}"#,
    );
    for wanted in [
        r#"account, field "deal_value": must be zero or more"#,
        r#"team member "t1", field "id": this id is used more than once"#,
        r#"stakeholder "a", field "owner": no team member has the id "t9""#,
        r#"stakeholder "a", field "id": this id is used more than once"#,
        r#"relationship "r1", field "to": no stakeholder has the id "zz""#,
        r#"relationship "r1", field "id": this id is used more than once"#,
        r#"relationship "r1", field "to": a relationship must join two different people"#,
        r#"relationship "r4", field "to": reports_to lines form a cycle: "b" → "c" → "b""#,
    ] {
        assert!(
            problems.iter().any(|p| p == wanted),
            "missing {wanted}\nin {problems:#?}"
        );
    }
}

#[test]
fn longer_reporting_cycles_are_found_once() {
    let problems = problems_of(
        r#"{"format":"powermap","version":1,
            "stakeholders":[{"id":"a","name":"A"},{"id":"b","name":"B"},{"id":"c","name":"C"},{"id":"d","name":"D"}],
            "relationships":[
              {"from":"d","to":"a","kind":"reports_to"},
              {"from":"a","to":"b","kind":"reports_to"},
              {"from":"b","to":"c","kind":"reports_to"},
              {"from":"c","to":"a","kind":"reports_to"},
              {"from":"d","to":"c","kind":"influences"}]}"#,
    );
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains(r#""a" → "b" → "c" → "a""#),
        "{problems:#?}"
    );
}

#[test]
fn save_refuses_an_invalid_document_and_writes_nothing() {
    let mut doc = from_bytes(&fixture("minimal.input.json")).unwrap();
    doc.stakeholders[1].id = doc.stakeholders[0].id.clone();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.json");
    let err = save_file(&path, &doc).unwrap_err().to_string();
    assert!(err.contains("used more than once"), "{err}");
    assert!(!path.exists());
}

#[test]
fn save_then_load_gives_the_same_document_and_a_backup() {
    let doc = from_bytes(&fixture("full.canonical.json")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("地图.json");
    save_file(&path, &doc).unwrap();
    assert_eq!(load_file(&path).unwrap(), doc);
    let mut changed = doc.clone();
    changed.account.name = "新名字".into();
    save_file(&path, &changed).unwrap();
    assert_eq!(load_file(&path).unwrap(), changed);
    assert_eq!(load_file(&dir.path().join("地图.json.bak")).unwrap(), doc);
}

#[test]
fn a_read_error_names_the_path() {
    let err = load_file(std::path::Path::new("/no/such/dir/map.json"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("cannot read") && err.ends_with("/no/such/dir/map.json"),
        "{err}"
    );
}

#[test]
fn version_may_be_written_as_a_whole_float() {
    assert!(from_bytes(br#"{"format":"powermap","version":1.0}"#).is_ok());
    let err = error_of(br#"{"format":"powermap","version":2.0}"#);
    assert!(err.contains("version 2"), "{err}");
}

#[test]
fn problems_of_a_relationship_without_id_name_its_place_in_the_file() {
    let problems = problems_of(
        r#"{"format":"powermap","version":1,"stakeholders":[{"id":"a","name":"A"}],
            "relationships":[{"from":"a","to":"ghost","kind":"ally"}]}"#,
    );
    assert_eq!(
        problems,
        [r#"relationships[0], field "to": no stakeholder has the id "ghost""#]
    );
}

#[test]
fn half_a_position_is_refused_and_long_values_are_cut_in_messages() {
    let problems = problems_of(&with_person_field(r#""position":{"x":1}"#));
    assert_eq!(
        problems,
        [r#"stakeholder "p1", field "position": needs both x and y as numbers"#]
    );
    let long_date = "9".repeat(500);
    let problems = problems_of(&with_person_field(&format!(
        r#""last_contact":"{long_date}""#
    )));
    assert!(problems[0].len() < 150, "{problems:?}");
    let err = error_of(format!(r#"{{"format":"{long_date}","version":1}}"#).as_bytes());
    assert!(err.len() < 150, "{err}");
}

#[cfg(unix)]
#[test]
fn saving_through_a_symbolic_link_replaces_the_linked_file() {
    let doc = from_bytes(&fixture("minimal.input.json")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.json");
    let link = dir.path().join("link.json");
    std::fs::write(&target, b"old").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    save_file(&link, &doc).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(load_file(&target).unwrap(), doc);
    assert_eq!(
        std::fs::read(dir.path().join("real.json.bak")).unwrap(),
        b"old"
    );
}

#[test]
fn plans_are_read_per_role_with_unknown_fields_kept() {
    use powermap::model::Role;
    let doc = from_bytes(&fixture("full.canonical.json")).unwrap();
    let plan = &doc.plans[&Role::DecisionMaker];
    // Written before parts were marked with their language: every part is the
    // team's, and none says its language.
    let objective = plan.objective.as_ref().unwrap();
    assert_eq!(objective.text, "让总经理认可项目的投资回报");
    assert_eq!(objective.language, None);
    assert_eq!(plan.lead.as_ref().unwrap().as_str(), "t-li");
    assert!(plan.extra.contains_key("budget_owner"));
    let champion = &doc.plans[&Role::Champion];
    assert_eq!(champion.cadence.as_ref().unwrap().text, "weekly");
    assert_eq!(
        champion.evidence.as_ref().unwrap().text,
        "",
        "absent means empty"
    );
    assert_eq!(doc.plans.len(), 2);
}

#[test]
fn plans_for_unknown_roles_or_leads_are_refused() {
    let problems = problems_of(
        r#"{"format":"powermap","version":1,"plans":{"ceo":{},"unknown":{},
            "gatekeeper":{"lead":"t-nobody"},"blocker":"text"}}"#,
    );
    for wanted in [
        r#"plan "ceo": plans are kept per role: decision_maker, influencer, end_user, gatekeeper, blocker, champion"#,
        r#"plan "unknown": plans are kept per role"#,
        r#"plan "blocker": must be an object, found text"#,
    ] {
        assert!(
            problems.iter().any(|p| p.starts_with(wanted)),
            "missing {wanted}\nin {problems:#?}"
        );
    }
    let problems = problems_of(
        r#"{"format":"powermap","version":1,"plans":{"gatekeeper":{"lead":"t-nobody"}}}"#,
    );
    assert_eq!(
        problems,
        [r#"plan "gatekeeper", field "lead": no team member has the id "t-nobody""#]
    );
}

#[test]
fn a_map_without_plans_writes_no_plans_field() {
    let doc = from_bytes(&fixture("minimal.input.json")).unwrap();
    assert!(
        !String::from_utf8(to_bytes(&doc))
            .unwrap()
            .contains("\"plans\"")
    );
}

#[test]
fn coordinates_beyond_the_canvas_limit_are_refused() {
    let problems = problems_of(&with_person_field(r#""position":{"x":1e39,"y":0}"#));
    assert_eq!(
        problems,
        [
            r#"stakeholder "p1", field "position": coordinates must be numbers between -10000000 and 10000000"#
        ]
    );
    assert!(
        from_bytes(with_person_field(r#""position":{"x":-9999999.5,"y":10000000}"#).as_bytes())
            .is_ok()
    );
}

#[test]
fn numbers_in_unknown_fields_survive_save_and_reload_exactly() {
    // Found by the fuzz test: without exact float parsing, a tiny number in a
    // field from a newer build changed in its last digit at every save.
    for number in [
        "2.254762276278071e-214",
        "1.7976931348623157e308",
        "0.1",
        "-5e-324",
    ] {
        let input = format!(
            r#"{{"format": "powermap", "version": 1, "future": {number}, "stakeholders": [{{"id": "a", "name": "A", "x": [{number}]}}]}}"#
        );
        let doc = from_bytes(input.as_bytes()).unwrap();
        let saved = to_bytes(&doc);
        let again = from_bytes(&saved).unwrap();
        assert_eq!(again, doc, "{number}");
        assert_eq!(to_bytes(&again), saved, "{number}");
        let value: serde_json::Value = serde_json::from_slice(&saved).unwrap();
        let exact: f64 = number.parse().unwrap();
        assert_eq!(
            value["future"].as_f64().map(f64::to_bits),
            Some(exact.to_bits()),
            "{number}"
        );
    }
}

#[test]
fn outcome_and_closed_on_are_read_written_and_optional() {
    let json = r#"{"format":"powermap","version":1,"account":{"name":"A","outcome":"won","closed_on":"2025-06-30"}}"#;
    let doc = from_bytes(json.as_bytes()).unwrap();
    assert_eq!(doc.account.outcome, Some(powermap::model::Outcome::Won));
    assert_eq!(
        doc.account.closed_on.map(|d| d.to_string()).as_deref(),
        Some("2025-06-30")
    );
    let written = String::from_utf8(to_bytes(&doc)).unwrap();
    assert!(written.contains(r#""outcome": "won""#), "{written}");
    assert!(
        written.contains(r#""closed_on": "2025-06-30""#),
        "{written}"
    );
    assert_eq!(from_bytes(written.as_bytes()).unwrap(), doc);
    // Absent: nothing recorded, nothing written.
    let plain = from_bytes(br#"{"format":"powermap","version":1,"account":{"name":"A"}}"#).unwrap();
    assert_eq!(plain.account.outcome, None);
    let written = String::from_utf8(to_bytes(&plain)).unwrap();
    assert!(
        !written.contains("outcome") && !written.contains("closed_on"),
        "{written}"
    );
}

#[test]
fn bad_outcome_or_closed_on_is_a_problem_with_its_place() {
    let problems = problems_of(
        r#"{"format":"powermap","version":1,"account":{"outcome":"maybe","closed_on":"2025-02-30"}}"#,
    );
    assert!(
        problems.iter().any(|p| p.contains("outcome")
            && p.contains("must be one of open, won, lost")
            && p.contains("maybe")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("closed_on") && p.contains("not a calendar date")),
        "{problems:?}"
    );
}
