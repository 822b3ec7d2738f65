//! The loader meets garbage: arbitrary bytes, arbitrary JSON, and mutated valid
//! files give errors, never panics; whatever it accepts saves and loads back equal.

use powermap::format::{from_bytes, to_bytes};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

fn full_fixture() -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/full.canonical.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).unwrap()
}

/// Accepted input must be stable: written, read back, and written again identically.
fn check_accepted_input_round_trips(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(doc) = from_bytes(bytes) {
        let written = to_bytes(&doc);
        let again = from_bytes(&written);
        prop_assert!(again.is_ok(), "canonical output refused: {:?}", again.err());
        let again = again.unwrap();
        prop_assert_eq!(&again, &doc);
        prop_assert_eq!(to_bytes(&again), written);
    }
    Ok(())
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,8}".prop_map(Value::from),
        prop_oneof![
            Just("p1"),
            Just("p2"),
            Just("t1"),
            Just("reports_to"),
            Just("ally"),
            Just("decision_maker"),
            Just("advocate"),
            Just("2026-02-28"),
            Just("in_depth"),
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            proptest::collection::vec((field_name(), inner), 0..8)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Mostly names the reader knows, so the fuzzing reaches deep into it.
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop_oneof![
            Just("id"), Just("name"), Just("role"), Just("stance"), Just("power"),
            Just("from"), Just("to"), Just("kind"), Just("strength"), Just("owner"),
            Just("position"), Just("x"), Just("y"), Just("tags"), Just("next_actions"),
            Just("text"), Just("due"), Just("done"), Just("interests"), Just("contact"),
            Just("last_verified"), Just("coverage"), Just("stage"), Just("deal_value"),
        ].prop_map(str::to_owned),
        1 => "\\PC{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check_accepted_input_round_trips(&bytes)?;
    }

    #[test]
    fn arbitrary_json_documents_never_panic(
        account in any_json(),
        team in any_json(),
        people in proptest::collection::vec(any_json(), 0..6),
        lines in proptest::collection::vec(any_json(), 0..6),
        extra in any_json(),
    ) {
        let doc = json!({
            "format": "powermap", "version": 1, "account": account, "team": team,
            "stakeholders": people, "relationships": lines, "future": extra,
        });
        check_accepted_input_round_trips(doc.to_string().as_bytes())?;
    }

    #[test]
    fn mutated_valid_files_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 1..8)
    ) {
        let mut bytes = full_fixture();
        for (at, byte, how) in edits {
            let i = at.index(bytes.len());
            match how {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ => { bytes.remove(i); }
            }
        }
        check_accepted_input_round_trips(&bytes)?;
    }
}
