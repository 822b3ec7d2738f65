//! Workspaces: scanning folders of maps, the portfolio command, people across maps,
//! lessons from closed deals, and the scan cache.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use powermap::analysis::{AnalysisOptions, analyze, analyze_learned};
use powermap::lang::Language;
use powermap::model::{
    Date, Document, Outcome, Relationship, RelationshipKind, Role, Stage, Stakeholder, Stance,
};
use powermap::portfolio::{Lessons, ScanEvent, ScanOptions, Workspace, scan};

fn today() -> Date {
    "2025-06-01".parse().unwrap()
}

fn options(cache: Option<&Path>) -> ScanOptions {
    ScanOptions {
        analysis: AnalysisOptions::new(today(), Language::English),
        cache_dir: cache.map(Path::to_owned),
    }
}

fn save(path: &Path, doc: &Document) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, powermap::format::to_bytes(doc)).unwrap();
}

/// A deal: a decision maker (supportive or not) titled `dm_title`, one other
/// person with `other_title`.
fn deal(name: &str, stage: Stage, value: f64, dm_supports: bool) -> Document {
    let mut doc = Document::default();
    doc.account.name = name.into();
    doc.account.stage = stage;
    doc.account.deal_value = Some(value);
    doc.account.currency = "CNY".into();
    let mut dm = Stakeholder::new("dm", "王总");
    dm.role = Role::DecisionMaker;
    dm.stance = if dm_supports {
        Stance::Supporter
    } else {
        Stance::Opponent
    };
    dm.title = "总经理".into();
    doc.stakeholders.push(dm);
    doc
}

fn run_bin(args: &[&str], cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_powermap"))
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .output()
        .expect("the binary runs")
}

fn rows_by_name(workspace: &Workspace) -> Vec<(String, Result<String, String>)> {
    workspace
        .rows
        .iter()
        .map(|r| {
            let name = r
                .path
                .strip_prefix(&workspace.root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (
                name,
                r.summary
                    .as_ref()
                    .map(|s| s.account.clone())
                    .map_err(|broken| broken.english.clone()),
            )
        })
        .collect()
}

#[test]
fn nested_broken_non_map_and_duplicate_files_each_get_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    save(
        &root.join("z/deep/er/a.json"),
        &deal("甲公司", Stage::Late, 10.0, true),
    );
    save(
        &root.join("b.json"),
        &deal("甲公司", Stage::Early, 5.0, false),
    );
    std::fs::write(root.join("broken.json"), "{\"format\": \"powermap\", ").unwrap();
    std::fs::write(root.join("package.json"), "{\"name\": \"x\"}").unwrap();
    std::fs::write(root.join("readme.txt"), "not json").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root, root.join("z/loop")).unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    let workspace = scan(root, &options(None), Some(&sender));
    drop(sender);
    let rows = rows_by_name(&workspace);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[0], ("b.json".into(), Ok("甲公司".into())));
    assert_eq!(rows[1].0, "broken.json");
    assert!(
        rows[1].1.as_ref().is_err_and(|e| e.contains("line")),
        "{rows:?}"
    );
    assert_eq!(rows[2], ("z/deep/er/a.json".into(), Ok("甲公司".into())));
    assert!(
        workspace
            .notes
            .iter()
            .map(ToString::to_string)
            .any(|n| n.contains("package.json") && n.contains("not a Powermap map")),
        "{:?}",
        workspace.notes
    );
    // Every row was also streamed.
    let streamed = receiver
        .iter()
        .filter(|e| matches!(e, ScanEvent::Row(_)))
        .count();
    assert_eq!(streamed, 3);
}

#[test]
fn portfolio_json_has_the_rows_and_totals_by_stage_and_health() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let root = dir.path();
    save(&root.join("a.json"), &deal("A", Stage::Late, 100.0, false));
    save(&root.join("b.json"), &deal("B", Stage::Late, 50.5, false));
    let mut usd = deal("C", Stage::Early, 7.0, false);
    usd.account.currency = "USD".into();
    save(&root.join("sub/c.json"), &usd);
    let out = run_bin(
        &[
            "portfolio",
            root.to_str().unwrap(),
            "--format",
            "json",
            "--today",
            "2025-06-01",
        ],
        cache.path(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let maps = json["maps"].as_array().unwrap();
    let paths: Vec<&str> = maps.iter().map(|m| m["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["a.json", "b.json", "sub/c.json"]);
    let keys: Vec<&str> = maps[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "path",
            "account",
            "stage",
            "deal_value",
            "currency",
            "health",
            "decision_maker_supports",
            "has_champion",
            "stale_share",
            "overdue_actions",
            "error"
        ]
    );
    assert_eq!(maps[0]["health"], "red");
    assert_eq!(maps[0]["decision_maker_supports"], false);
    let totals = &json["totals"];
    assert_eq!(totals["by_stage"]["late"]["maps"], 2);
    assert_eq!(totals["by_stage"]["late"]["deal_value"]["CNY"], 150.5);
    assert_eq!(totals["by_stage"]["early"]["deal_value"]["USD"], 7.0);
    assert_eq!(totals["by_health"]["red"]["maps"], 3);
    assert_eq!(totals["by_health"]["green"]["maps"], 0);
    // Deterministic: the same bytes again (now from the cache).
    let again = run_bin(
        &[
            "portfolio",
            root.to_str().unwrap(),
            "--format",
            "json",
            "--today",
            "2025-06-01",
        ],
        cache.path(),
    );
    assert_eq!(again.stdout, out.stdout);
    // A broken map makes the exit status 1 and is a row with its error.
    std::fs::write(
        root.join("d.json"),
        "{\"format\":\"powermap\",\"version\":1,\"account\":{\"stage\":\"soon\"}}",
    )
    .unwrap();
    let broken = run_bin(
        &["portfolio", root.to_str().unwrap(), "--format", "csv"],
        cache.path(),
    );
    assert_eq!(broken.status.code(), Some(1));
    let csv = String::from_utf8_lossy(&broken.stdout);
    assert!(
        csv.lines().any(|l| l.starts_with("d.json,")) && csv.contains("found \"\"soon\"\""),
        "{csv}"
    );
}

#[test]
fn the_cache_is_used_when_unchanged_and_never_for_a_changed_or_deleted_file() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let root = dir.path();
    save(
        &root.join("a.json"),
        &deal("Before", Stage::Early, 1.0, true),
    );
    save(&root.join("b.json"), &deal("Gone", Stage::Early, 1.0, true));
    let opts = options(Some(cache.path()));
    let first = scan(root, &opts, None);
    assert_eq!(first.from_cache, 0);
    let warm = scan(root, &opts, None);
    assert_eq!(warm.from_cache, 2);
    assert_eq!(warm.rows, first.rows);
    // Changed outside the app (same size: only the stamp tells), and one deleted.
    std::thread::sleep(std::time::Duration::from_millis(20));
    save(
        &root.join("a.json"),
        &deal("Aft3r_", Stage::Early, 1.0, true),
    );
    std::fs::remove_file(root.join("b.json")).unwrap();
    let after = scan(root, &opts, None);
    assert_eq!(
        rows_by_name(&after),
        [("a.json".to_owned(), Ok("Aft3r_".to_owned()))]
    );
    assert_eq!(after.from_cache, 0);
}

#[test]
fn a_broken_files_reason_is_kept_in_both_languages_also_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.json"),
        "{\"format\": \"powermap\",\n  \"version\": ",
    )
    .unwrap();
    let opts = options(Some(cache.path()));
    let first = scan(dir.path(), &opts, None);
    let warm = scan(dir.path(), &opts, None);
    assert_eq!(warm.from_cache, 1);
    for result in [&first, &warm] {
        let broken = result.rows[0].summary.as_ref().unwrap_err();
        assert!(
            broken.english.contains("not valid JSON at line 2"),
            "{}",
            broken.english
        );
        assert!(broken.chinese.contains("第 2 行"), "{}", broken.chinese);
        assert!(
            broken.chinese.contains("不是有效的 JSON"),
            "{}",
            broken.chinese
        );
        assert_eq!(broken.in_language(Language::Chinese), broken.chinese);
    }
    assert_eq!(warm.rows, first.rows);
}

#[test]
fn a_corrupt_cache_is_rebuilt_silently() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let root = dir.path();
    save(&root.join("a.json"), &deal("A", Stage::Early, 1.0, true));
    let opts = options(Some(cache.path()));
    let first = scan(root, &opts, None);
    let file = powermap::portfolio::cache::cache_file(cache.path(), root);
    assert!(file.is_file());
    for garbage in [
        "{\"key\": 1",
        "[]",
        "{\"key\":{\"version\":1},\"rows\":[{\"row\":5}]}",
    ] {
        std::fs::write(&file, garbage).unwrap();
        let again = scan(root, &opts, None);
        assert_eq!(again.rows, first.rows);
        assert_eq!(again.from_cache, 0);
        // Written again, and used next time.
        assert_eq!(scan(root, &opts, None).from_cache, 1);
    }
}

fn person(id: &str, name: &str, title: &str, email: &str, seen: &str) -> Stakeholder {
    let mut p = Stakeholder::new(id, name);
    p.title = title.into();
    p.contact.email = email.into();
    p.last_verified = seen.parse().ok();
    p
}

#[test]
fn people_are_found_across_maps_and_a_mover_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut a = Document::default();
    a.account.name = "甲公司".into();
    a.stakeholders
        .push(person("p1", "张伟", "采购总监", "", "2023-03-01"));
    a.stakeholders.push(person("p2", "李娜", "工程师", "", ""));
    let mut b = Document::default();
    b.account.name = "乙公司".into();
    b.stakeholders
        .push(person("x", "张 伟", "副总", "", "2025-02-01"));
    save(&root.join("a.json"), &a);
    save(&root.join("sub/b.json"), &b);
    let out = run_bin(
        &[
            "people",
            root.to_str().unwrap(),
            "ＺＨＡＮＧ",
            "--format",
            "json",
        ],
        cache.path(),
    );
    // Nobody is called ZHANG: exit 1, nothing listed.
    assert_eq!(out.status.code(), Some(1));
    let out = run_bin(
        &["people", root.to_str().unwrap(), "张伟", "--format", "json"],
        cache.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = json["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["a.json", "sub/b.json"]);
    let moves = json["moves"].as_array().unwrap();
    assert_eq!(moves.len(), 1);
    let text = moves[0]["text"].as_str().unwrap();
    assert!(
        text.starts_with(
            "张 伟 was 采购总监 at 甲公司 (2023-03-01), is now 副总 at 乙公司 (2025-02-01)"
        ),
        "{text}"
    );
}

/// A closed (or open) university deal: 教务处处长 and 副校长, one of them tagged.
fn campus(name: &str, outcome: Option<Outcome>, head_decides: bool) -> Document {
    let mut doc = Document::default();
    doc.account.name = name.into();
    doc.account.outcome = outcome;
    let mut head = Stakeholder::new("head", "处长");
    head.title = "教务处处长".into();
    head.power = powermap::model::Power::new(5).unwrap();
    let mut vp = Stakeholder::new("vp", "副校长");
    vp.title = "信息中心主任".into();
    vp.power = powermap::model::Power::new(5).unwrap();
    if outcome.is_some_and(Outcome::is_closed) {
        if head_decides {
            head.role = Role::DecisionMaker;
        } else {
            vp.role = Role::DecisionMaker;
        }
    }
    doc.stakeholders.push(head);
    doc.stakeholders.push(vp);
    doc.relationships.push(Relationship::new(
        "r",
        "head",
        "vp",
        RelationshipKind::Influences,
    ));
    doc
}

fn workspace_of(docs: &[Document]) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    for (i, doc) in docs.iter().enumerate() {
        save(&dir.path().join(format!("m{i}.json")), doc);
    }
    let workspace = scan(dir.path(), &options(None), None);
    (dir, workspace)
}

fn ranking(doc: &Document, lessons: Option<&Lessons>) -> (Vec<String>, Vec<Vec<String>>) {
    let opts = AnalysisOptions::new(today(), Language::English);
    let learned = lessons.map(|l| l as &dyn powermap::analysis::learned::LearnedEvidence);
    let analysis = analyze_learned(doc, &opts, learned);
    let people = analysis
        .decision_makers
        .iter()
        .map(|c| doc.stakeholders[c.person].id.as_str().to_owned())
        .collect();
    let reasons = analysis
        .decision_makers
        .iter()
        .map(|c| c.reasons.clone())
        .collect();
    (people, reasons)
}

#[test]
fn learned_evidence_changes_the_ranking_only_with_three_agreeing_closed_deals() {
    let open = campus("Open U", None, false);
    let (plain, _) = ranking(&open, None);
    assert_eq!(plain.first().map(String::as_str), Some("vp"), "{plain:?}");
    // Two agreeing closed deals (and one more closed): not enough.
    let two = [
        campus("A", Some(Outcome::Won), true),
        campus("B", Some(Outcome::Lost), true),
        campus("C", Some(Outcome::Won), false),
        open.clone(),
    ];
    let (_dir, ws) = workspace_of(&two);
    let lessons = Lessons::from_rows(&ws.rows);
    assert!(lessons.is_learning());
    let (ranked, reasons) = ranking(&open, Some(&lessons));
    assert_eq!(ranked, plain);
    assert!(
        reasons
            .iter()
            .flatten()
            .all(|r| !r.contains("closed deals"))
    );
    // Three of four agree: the 教务处处长 moves up, and says why.
    let three = [
        campus("A", Some(Outcome::Won), true),
        campus("B", Some(Outcome::Lost), true),
        campus("D", Some(Outcome::Won), true),
        campus("C", Some(Outcome::Won), false),
        open.clone(),
    ];
    let (_dir, ws) = workspace_of(&three);
    let lessons = Lessons::from_rows(&ws.rows);
    let (ranked, reasons) = ranking(&open, Some(&lessons));
    assert_eq!(
        ranked.first().map(String::as_str),
        Some("head"),
        "{ranked:?}"
    );
    assert!(
        reasons[0].iter().any(|r| r
            == "in 3 of 4 closed deals in this workspace, the 教务处处长 was the decision maker"),
        "{reasons:?}"
    );
    // Without lessons the analysis is exactly today's.
    let opts = AnalysisOptions::new(today(), Language::English);
    assert_eq!(analyze_learned(&open, &opts, None), analyze(&open, &opts));
}

#[test]
fn report_with_workspace_uses_the_lessons_and_without_it_is_unchanged() {
    let cache = tempfile::tempdir().unwrap();
    let docs = [
        campus("A", Some(Outcome::Won), true),
        campus("B", Some(Outcome::Lost), true),
        campus("D", Some(Outcome::Won), true),
    ];
    let (dir, _) = workspace_of(&docs);
    let open_dir = tempfile::tempdir().unwrap();
    let file = open_dir.path().join("open.json");
    save(&file, &campus("Open U", None, false));
    let file = file.to_str().unwrap();
    let plain = run_bin(&["report", file, "--today", "2025-06-01"], cache.path());
    let learned = run_bin(
        &[
            "report",
            file,
            "--today",
            "2025-06-01",
            "--workspace",
            dir.path().to_str().unwrap(),
        ],
        cache.path(),
    );
    assert_eq!(plain.status.code(), Some(0));
    assert_eq!(learned.status.code(), Some(0));
    let plain = String::from_utf8_lossy(&plain.stdout);
    let learned = String::from_utf8_lossy(&learned.stdout);
    assert!(!plain.contains("closed deals in this workspace"), "{plain}");
    assert!(
        learned.contains(
            "in 3 of 3 closed deals in this workspace, the 教务处处长 was the decision maker"
        ),
        "{learned}"
    );
    // The report without --workspace is the one of a plain analysis.
    let doc = powermap::format::load_file(Path::new(file)).unwrap();
    let analysis = analyze(&doc, &AnalysisOptions::new(today(), Language::English));
    assert_eq!(
        plain,
        powermap::analysis::report::to_text(&doc, &analysis, false)
    );
}

#[test]
fn risks_present_in_lost_deals_more_than_won_are_telling() {
    let lost = |n: &str| deal(n, Stage::Late, 1.0, false);
    let won = |n: &str| {
        let mut d = deal(n, Stage::Late, 1.0, true);
        d.account.outcome = Some(Outcome::Won);
        d
    };
    let mut docs = vec![won("W1"), won("W2")];
    for n in ["L1", "L2"] {
        let mut d = lost(n);
        d.account.outcome = Some(Outcome::Lost);
        docs.push(d);
    }
    let (_dir, ws) = workspace_of(&docs);
    let lessons = Lessons::from_rows(&ws.rows);
    assert_eq!(lessons.closed_deals(), 4);
    let opposed = lessons
        .telling_risks
        .iter()
        .find(|r| r.code == "decision_maker_not_supportive");
    let Some(risk) = opposed else {
        panic!("{:?}", lessons.telling_risks);
    };
    assert_eq!(
        (risk.lost_with, risk.lost, risk.won_with, risk.won),
        (2, 2, 0, 2)
    );
}

#[test]
fn the_worsened_list_reads_the_last_review() {
    let mut doc = deal("A", Stage::Late, 1.0, false);
    doc.extra.insert(
        "reviews".into(),
        serde_json::json!([{"date": "2025-05-01", "health": "green"}, {"date": "2025-01-01", "health": "red"}]),
    );
    let (_dir, ws) = workspace_of(&[doc, deal("B", Stage::Late, 1.0, false)]);
    let worse: Vec<PathBuf> = powermap::portfolio::worsened(&ws.rows)
        .iter()
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(worse.len(), 1);
    assert!(worse[0].ends_with("m0.json"));
}

#[test]
fn a_review_marked_in_the_app_records_health_and_a_deal_that_got_worse_is_listed() {
    use powermap::edit::Editor;
    use powermap::sync::review::{Review, mark_reviewed};
    // Reviewed while the decision maker supported us…
    let mut editor = Editor::new(deal("A", Stage::Late, 1.0, true));
    let today = powermap::model::Date::from_ymd(2026, 11, 2).unwrap();
    let review = Review::of(editor.document(), today, "李明", "");
    assert!(review.health.is_some());
    assert_eq!(
        Review::from_value(&review.to_value()).unwrap().health,
        review.health
    );
    editor
        .apply(mark_reviewed(editor.document(), &review))
        .unwrap();
    // …then they turned against us.
    let mut worse = editor.document().clone();
    worse.stakeholders[0].stance = Stance::Opponent;
    let unchanged = editor.document().clone();
    let (_dir, ws) = workspace_of(&[worse, unchanged]);
    let listed: Vec<PathBuf> = powermap::portfolio::worsened(&ws.rows)
        .iter()
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(listed[0].ends_with("m0.json"));
}
