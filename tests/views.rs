//! The workshop views from the command line: `powermap layout` and
//! `powermap export --view`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use powermap::format::load_file;
use powermap::model::Document;
use powermap::views::MIN_SPACING;

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_powermap"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn os(text: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(text)
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples")
        .join(name)
}

const SAMPLES: [&str; 3] = [
    "group-equipment-deal.json",
    "university-academic-affairs.json",
    "enterprise-software-deal.json",
];

fn closest_pair(doc: &Document) -> f64 {
    let at: Vec<_> = doc
        .stakeholders
        .iter()
        .map(|p| p.position.unwrap())
        .collect();
    let mut closest = f64::INFINITY;
    for i in 0..at.len() {
        for j in i + 1..at.len() {
            closest = closest.min((at[i].x - at[j].x).hypot(at[i].y - at[j].y));
        }
    }
    closest
}

fn without_positions(mut doc: Document) -> Document {
    for person in &mut doc.stakeholders {
        person.position = None;
    }
    doc
}

#[test]
fn layout_writes_a_copy_with_everyone_placed_apart_in_every_style() {
    let dir = tempfile::tempdir().unwrap();
    for name in SAMPLES {
        let file = dir.path().join(name);
        std::fs::copy(sample(name), &file).unwrap();
        let before = std::fs::read(&file).unwrap();
        for style in ["org", "force", "grid", "fishbone"] {
            let out = dir.path().join(format!("{style}-{name}"));
            let output = run(&[
                os("layout"),
                file.as_os_str(),
                os("--style"),
                os(style),
                os("-o"),
                out.as_os_str(),
            ]);
            assert!(output.status.success(), "{name} {style}: {output:?}");
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(stdout.contains(&format!("laid out as {style}")), "{stdout}");
            let laid_out = load_file(&out).unwrap();
            assert!(laid_out.stakeholders.iter().all(|p| p.position.is_some()));
            assert!(closest_pair(&laid_out) >= MIN_SPACING, "{name} {style}");
            // Only positions changed; the original is untouched.
            let original = load_file(&file).unwrap();
            assert_eq!(without_positions(laid_out), without_positions(original));
            assert_eq!(std::fs::read(&file).unwrap(), before);
        }
    }
}

#[test]
fn layout_replaces_files_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("map.json");
    std::fs::copy(sample(SAMPLES[0]), &file).unwrap();
    let before = std::fs::read(&file).unwrap();
    let other = dir.path().join("other.json");
    std::fs::write(&other, b"keep me").unwrap();
    let args = |out: &Path, force: bool| {
        let mut args = vec![
            os("layout").to_owned(),
            file.as_os_str().to_owned(),
            os("--style").to_owned(),
            os("org").to_owned(),
            os("-o").to_owned(),
            out.as_os_str().to_owned(),
        ];
        if force {
            args.push(os("--force").to_owned());
        }
        args
    };
    let refs = |v: &[std::ffi::OsString]| run(&v.iter().map(|a| a.as_os_str()).collect::<Vec<_>>());

    let refused = refs(&args(&other, false));
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("already exists") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&other).unwrap(), b"keep me");

    let forced = refs(&args(&other, true));
    assert!(forced.status.success(), "{forced:?}");
    assert!(load_file(&other).is_ok());
    assert_eq!(
        std::fs::read(dir.path().join("other.json.bak")).unwrap(),
        b"keep me"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before, "FILE untouched");

    // Naming FILE as OUT is asking for it: written in place, the old one kept.
    let in_place = refs(&args(&file, false));
    assert!(in_place.status.success(), "{in_place:?}");
    assert_eq!(
        std::fs::read(dir.path().join("map.json.bak")).unwrap(),
        before
    );
    assert!(
        load_file(&file)
            .unwrap()
            .stakeholders
            .iter()
            .all(|p| p.position.is_some())
    );
}

#[test]
fn layout_errors_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    let out = dir.path().join("out.json");
    let output = run(&[
        os("layout"),
        missing.as_os_str(),
        os("--style"),
        os("org"),
        os("-o"),
        out.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("missing.json"));
    assert!(!out.exists());
    let bad_style = run(&[
        os("layout"),
        sample(SAMPLES[0]).as_os_str(),
        os("--style"),
        os("circle"),
        os("-o"),
        out.as_os_str(),
    ]);
    assert_eq!(bad_style.status.code(), Some(2));
    assert!(!out.exists());
}

fn export(file: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![os("export"), file.as_os_str(), os("-o"), out.as_os_str()];
    args.extend(extra.iter().map(|a| os(a)));
    run(&args)
}

#[test]
fn export_draws_each_view() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample("enterprise-software-deal.json");
    let doc = load_file(&file).unwrap();

    // The map view is the picture of before.
    let plain = dir.path().join("plain.svg");
    let map = dir.path().join("map.svg");
    assert!(export(&file, &plain, &[]).status.success());
    assert!(export(&file, &map, &["--view", "map"]).status.success());
    assert_eq!(std::fs::read(&plain).unwrap(), std::fs::read(&map).unwrap());

    let fishbone = dir.path().join("fishbone.svg");
    let output = export(&file, &fishbone, &["--view", "fishbone"]);
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("(fishbone)"));
    let svg = std::fs::read_to_string(&fishbone).unwrap();
    roxmltree::Document::parse(&svg).expect("well-formed SVG");
    assert!(svg.contains("class=\"backdrop\""));
    assert!(
        svg.contains("Vossberg Pumps &amp; Systems GmbH"),
        "the head"
    );
    for department in ["Executive Board", "Procurement", "IT – Architecture"] {
        assert!(
            svg.contains(&format!(">{department}</text>")),
            "bone {department}"
        );
    }
    for person in &doc.stakeholders {
        assert!(svg.contains(&person.name), "{}", person.name);
    }

    let org = dir.path().join("org.svg");
    assert!(
        export(&file, &org, &["--view", "org", "--lang", "zh"])
            .status
            .success()
    );
    let svg = std::fs::read_to_string(&org).unwrap();
    roxmltree::Document::parse(&svg).expect("well-formed SVG");
    assert!(svg.contains("stroke-linecap=\"round\""), "connectors");
    assert_ne!(svg, std::fs::read_to_string(&map).unwrap());

    let grid = dir.path().join("grid.png");
    assert!(export(&file, &grid, &["--view", "grid"]).status.success());
    assert!(std::fs::read(&grid).unwrap().starts_with(b"\x89PNG"));

    let bad = export(&file, &dir.path().join("x.svg"), &["--view", "tree"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("--view must be map, org, fishbone or grid")
    );
}

#[test]
fn the_html_report_holds_the_fishbone_and_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample("group-equipment-deal.json");
    for (lang, headings) in [
        (
            "en",
            ["Fishbone: the decision chain", "Power × stance grid"],
        ),
        ("zh", ["鱼骨图：决策链", "权力 × 态度矩阵"]),
    ] {
        let out = dir.path().join(format!("report-{lang}.html"));
        let output = export(&file, &out, &["--lang", lang, "--today", "2025-01-01"]);
        assert!(output.status.success(), "{output:?}");
        let html = std::fs::read_to_string(&out).unwrap();
        for heading in headings {
            assert!(html.contains(&format!("<h2>{heading}</h2>")), "{heading}");
        }
        assert_eq!(html.matches("<svg ").count(), 3, "map, fishbone and grid");
        assert!(html.contains("clip-path=\"url(#map-fishbone)\""));
        assert!(html.contains("江苏恒远重工集团有限公司"));
    }
}
