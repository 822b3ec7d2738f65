//! The `powermap` binary: check and fmt, their output and exit statuses.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn powermap(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_powermap"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn run(args: &[&str]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    powermap(&args)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn check_passes_on_every_sample_with_a_summary_line_each() {
    let files = samples();
    let args: Vec<&std::ffi::OsStr> = std::iter::once("check".as_ref())
        .chain(files.iter().map(|p| p.as_os_str()))
        .collect();
    let output = powermap(&args);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert_eq!(text.lines().count(), files.len(), "{text}");
    for line in text.lines() {
        assert!(
            line.contains(": ok: ") && line.contains("decision_maker 1"),
            "{line}"
        );
    }
}

#[test]
fn check_lists_every_problem_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        dir.path(),
        "good.json",
        r#"{"format":"powermap","version":1}"#,
    );
    let bad = write(
        dir.path(),
        "bad.json",
        r#"{"format":"powermap","version":1,"stakeholders":[
            {"id":"a","name":"A","power":9},{"id":"a","name":"B","role":"boss"}]}"#,
    );
    let output = run(&["check", good.to_str().unwrap(), bad.to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("good.json: ok: 0 people, 0 relationships"),
        "{text}"
    );
    assert!(
        text.contains("bad.json: invalid: the map has 3 problems"),
        "{text}"
    );
    assert!(text.contains(
        r#"stakeholder "a", field "power": must be a whole number from 1 to 5, found 9"#
    ));
    assert!(text.contains(r#"field "role": must be one of"#));
    assert!(text.contains("this id is used more than once"));
}

#[test]
fn check_reports_unreadable_and_broken_files_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let broken = write(
        dir.path(),
        "broken.json",
        "{\"format\": \"powermap\",\n  oops}",
    );
    let binary = dir.path().join("image.png");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0xff, 0xfe]).unwrap();
    let output = run(&[
        "check",
        broken.to_str().unwrap(),
        binary.to_str().unwrap(),
        "/no/such/file.json",
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("broken.json: invalid: not valid JSON at line 2, column 3"),
        "{text}"
    );
    assert!(
        text.contains("image.png: invalid: not valid JSON at line 1"),
        "{text}"
    );
    assert!(
        text.contains("/no/such/file.json: invalid: cannot read the file"),
        "{text}"
    );
}

#[test]
fn fmt_rewrites_canonically_with_a_backup_and_check_mode_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let original = r#"{"version":1,"format":"powermap","stakeholders":[{"name":"王芳","id":"w"}]}"#;
    let path = write(dir.path(), "map.json", original);
    let shown = path.to_str().unwrap();

    let output = run(&["fmt", "--check", shown]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("map.json: not canonical"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);

    let output = run(&["fmt", shown]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let formatted = std::fs::read_to_string(&path).unwrap();
    assert!(formatted.starts_with("{\n  \"format\": \"powermap\",\n  \"version\": 1,"));
    assert!(formatted.contains("\"name\": \"王芳\""));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("map.json.bak")).unwrap(),
        original
    );

    let output = run(&["fmt", "--check", shown]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("already canonical"));
}

#[test]
fn fmt_refuses_to_touch_an_invalid_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"{"format":"powermap","version":1,"stakeholders":[{"id":"a"}]}"#;
    let path = write(dir.path(), "bad.json", text);
    let output = run(&["fmt", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains(r#"field "name": is required"#));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert!(!dir.path().join("bad.json.bak").exists());
}

#[test]
fn help_lists_the_subcommands_and_usage_errors_exit_2() {
    let output = run(&["--help"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0));
    for word in ["check", "fmt", "Usage: powermap [FILE]"] {
        assert!(text.contains(word), "{text}");
    }
    assert_eq!(run(&["check"]).status.code(), Some(2));
    assert_eq!(run(&["fmt", "--frobnicate", "x"]).status.code(), Some(2));
}

#[test]
fn report_prints_json_text_and_markdown_for_every_sample() {
    for path in samples() {
        let shown = path.to_str().unwrap();
        let output = run(&["report", shown, "--format", "json", "--today", "2026-11-29"]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        for key in [
            "influence",
            "decision_makers",
            "hidden_influencers",
            "risks",
            "health",
            "paths",
        ] {
            assert!(!json[key].is_null(), "{key} missing for {shown}");
        }
        assert!(["red", "amber", "green"].contains(&json["health"]["level"].as_str().unwrap()));
        let again = run(&["report", shown, "--format", "json", "--today", "2026-11-29"]);
        assert_eq!(again.stdout, output.stdout, "deterministic");
        let text = run(&["report", shown, "--today", "2026-11-29", "--lang", "zh"]);
        assert!(stdout(&text).contains("决策链分析"));
        let md = run(&[
            "report",
            shown,
            "--format",
            "markdown",
            "--today",
            "2026-11-29",
        ]);
        assert!(stdout(&md).starts_with("# Decision-chain analysis"));
    }
}

#[test]
fn report_refuses_bad_options_and_files() {
    let sample = samples().remove(0);
    let shown = sample.to_str().unwrap();
    assert_eq!(
        run(&["report", shown, "--lang", "fr"]).status.code(),
        Some(1)
    );
    assert_eq!(
        run(&["report", shown, "--today", "2026-02-30"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run(&["report", shown, "--format", "pdf"]).status.code(),
        Some(2)
    );
    let output = run(&["report", "/no/such/map.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read"));
}
