//! Finding people: `SearchIndex` (names, pinyin, details, ranking) and `powermap find`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use powermap::model::{Document, Power, Stakeholder, StakeholderId};
use powermap::search::{MatchKind, SearchIndex};
use proptest::prelude::*;

fn person(id: &str, name: &str, power: i64) -> Stakeholder {
    Stakeholder {
        power: Power::new(power).unwrap(),
        ..Stakeholder::new(StakeholderId::new(id), name)
    }
}

fn doc(people: Vec<Stakeholder>) -> Document {
    Document {
        stakeholders: people,
        ..Document::default()
    }
}

/// Ids of the people `query` finds, best first.
fn found(doc: &Document, query: &str) -> Vec<String> {
    SearchIndex::new(doc)
        .ranked(query)
        .iter()
        .map(|hit| doc.stakeholders[hit.index].id.as_str().to_owned())
        .collect()
}

fn group_sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/group-equipment-deal.json")
}

#[test]
fn full_pinyin_initials_and_their_prefixes_find_a_chinese_name() {
    let doc = powermap::format::load_file(&group_sample()).unwrap();
    for query in [
        "zhouzhenhua",
        "zhou zhen hua",
        "Zhōu Zhènhuá",
        "zhou1zhen4hua2",
        "zzh",
        "ZZH",
        "ｚｚｈ",
        "zho",
        "zhouz",
        "周振",
    ] {
        let ids = found(&doc, query);
        assert_eq!(
            ids.first().map(String::as_str),
            Some("p-zhou"),
            "{query}: {ids:?}"
        );
    }
    // Three letters of pinyin find people whose names start with them.
    assert_eq!(
        found(&doc, "gzq").first().map(String::as_str),
        Some("p-gao")
    );
    assert_eq!(found(&doc, "yangf"), ["p-yang"]);
}

#[test]
fn details_are_searched_case_and_width_insensitively() {
    let mut a = person("a", "Ann Lee", 3);
    a.title = "Chief Financial Officer".into();
    a.contact.email = "ann@Example.com".into();
    let mut b = person("b", "Bo Wu", 3);
    b.department = "Finance".into();
    b.tags = vec!["Key Account".into()];
    let doc = doc(vec![a, b]);
    assert_eq!(found(&doc, "FINANC"), ["a", "b"]);
    assert_eq!(found(&doc, "ｅｘａｍｐｌｅ.COM"), ["a"]);
    assert_eq!(found(&doc, "key account"), ["b"]);
    assert_eq!(found(&doc, "ANN"), ["a"]);
}

#[test]
fn nothing_matches_an_unknown_or_empty_query() {
    let doc = powermap::format::load_file(&group_sample()).unwrap();
    for query in [
        "xqxq",
        "",
        "   ",
        "\u{200F}",
        "zhouzhenhuaa",
        "<script>",
        "😀",
    ] {
        assert!(found(&doc, query).is_empty(), "{query:?}");
    }
}

#[test]
fn ranking_goes_exact_then_prefix_then_pinyin_then_substring_then_details() {
    let mut details = person("details", "Ann", 5);
    details.title = "Zhou office".into();
    let doc = doc(vec![
        details,
        person("inside", "李周", 5),
        person("substring", "Li Zhou", 5),
        person("pinyin", "周振华", 5),
        person("prefix", "Zhou Wei", 5),
        person("exact", "ZHOU", 1),
    ]);
    assert_eq!(
        found(&doc, "zhou"),
        [
            "exact",
            "prefix",
            "pinyin",
            "substring",
            "inside",
            "details"
        ]
    );
    let index = SearchIndex::new(&doc);
    let kinds: Vec<MatchKind> = index.ranked("zhou").iter().map(|h| h.kind).collect();
    assert_eq!(
        kinds,
        [
            MatchKind::ExactName,
            MatchKind::NamePrefix,
            MatchKind::PinyinPrefix,
            MatchKind::NameSubstring,
            MatchKind::PinyinInside,
            MatchKind::Details
        ]
    );
}

#[test]
fn ties_go_by_power_then_name_then_id() {
    let doc = doc(vec![
        person("b2", "Zhao B", 3),
        person("low", "Zhao A", 1),
        person("b1", "Zhao B", 3),
        person("high", "Zhao Z", 5),
    ]);
    assert_eq!(found(&doc, "zhao"), ["high", "b1", "b2", "low"]);
    let index = SearchIndex::new(&doc);
    let hits = index.matches("zhao");
    let best: Vec<usize> = index.best(&hits, 2).iter().map(|h| h.index).collect();
    assert_eq!(best, [3, 2]);
    assert!(index.best(&hits, 0).is_empty());
}

proptest! {
    /// Whatever the names, each person is found by their exact name, as an exact
    /// match, and exact matches come first.
    #[test]
    fn every_person_is_found_by_their_exact_name(
        names in prop::collection::vec("[a-zA-Z周振华单丽Ｚｈ 　·'-]{0,8}[a-z周华Ａ]", 1..12),
    ) {
        let doc = doc(names.iter().enumerate().map(|(i, n)| person(&format!("p{i}"), n, 3)).collect());
        let index = SearchIndex::new(&doc);
        for (i, name) in names.iter().enumerate() {
            let hits = index.ranked(name);
            let at = hits.iter().position(|h| h.index == i);
            prop_assert!(at.is_some(), "{name:?} not found");
            let at = at.unwrap();
            prop_assert_eq!(hits[at].kind, MatchKind::ExactName);
            prop_assert!(hits[..at].iter().all(|h| h.kind == MatchKind::ExactName));
        }
    }
}

fn powermap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_powermap"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn find_prints_json_best_match_first_and_exits_0() {
    let sample = group_sample();
    let output = powermap(&["find", sample.to_str().unwrap(), "zzh", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows = json.as_array().unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        let mut keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["department", "id", "name", "title"]);
    }
    assert_eq!(rows[0]["id"], "p-zhou");
    assert_eq!(rows[0]["name"], "周振华");
    assert_eq!(rows[0]["title"], "总经理");
    assert_eq!(rows[0]["department"], "集团领导班子");
}

#[test]
fn find_prints_text_lines_and_exits_1_when_nothing_matched() {
    let sample = group_sample();
    let output = powermap(&["find", sample.to_str().unwrap(), "caiwu"]);
    // 财务 is a department, not a name: found through the details, not pinyin.
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let output = powermap(&["find", sample.to_str().unwrap(), "财务"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    let first: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
    assert_eq!(first, ["孙雅琴", "财务总监", "财务部", "p-sun"]);
    assert_eq!(text.lines().count(), 2, "{text}");

    let output = powermap(&[
        "find",
        sample.to_str().unwrap(),
        "nobody here",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8(output.stdout).unwrap().trim(), "[]");
}

#[test]
fn find_on_an_invalid_file_exits_1_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{ not json").unwrap();
    let output = powermap(&["find", path.to_str().unwrap(), "x"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("broken.json"));
}
