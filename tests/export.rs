//! Exports: every format from every sample, round trips, hostile text in every field,
//! redaction, determinism, and the command line.

use powermap::export::{CanvasRect, ExportFormat, ExportOptions, export, export_to_file};
use powermap::format::from_bytes;
use powermap::lang::Language;
use powermap::model::{Date, Document, NextAction, Relationship, RelationshipKind, Stakeholder};
use powermap::samples::SAMPLES;

const HOSTILE: &str =
    "<script>alert(1)</script>\" onload=\"x' &amp; =HYPERLINK(\"http://evil\") ]]> \u{1} 张伟";

fn options(language: Language) -> ExportOptions {
    ExportOptions {
        redact: false,
        language,
        today: Date::from_ymd(2026, 11, 29).unwrap(),
        view: None,
    }
}

fn sample(index: usize) -> Document {
    SAMPLES[index].document().unwrap()
}

/// A map where every text field of every kind holds hostile text.
fn hostile_map() -> Document {
    let mut doc = sample(2);
    doc.account.name = HOSTILE.into();
    doc.account.opportunity = HOSTILE.into();
    doc.account.industry = HOSTILE.into();
    doc.account.currency = HOSTILE.into();
    doc.account.notes = HOSTILE.into();
    doc.team[0].name = HOSTILE.into();
    for person in &mut doc.stakeholders {
        person.name = format!("{HOSTILE} {}", person.id);
        person.title = HOSTILE.into();
        person.department = HOSTILE.into();
        person.interests.business = HOSTILE.into();
        person.interests.personal = HOSTILE.into();
        person.concerns = HOSTILE.into();
        person.decision_criteria = HOSTILE.into();
        person.notes = HOSTILE.into();
        person.contact.email = HOSTILE.into();
        person.contact.phone = HOSTILE.into();
        person.contact.other = HOSTILE.into();
        person.source = HOSTILE.into();
        person.tags = vec![HOSTILE.into()];
        person.next_actions = vec![NextAction {
            text: HOSTILE.into(),
            due: Date::from_ymd(2026, 1, 1),
            ..Default::default()
        }];
    }
    // Cells a spreadsheet would run as formulas, in several columns.
    let first = &mut doc.stakeholders[0];
    first.title = "=HYPERLINK(\"http://evil\",\"x\")".into();
    first.department = "@SUM(A1:A9)".into();
    first.contact.email = "+cmd|' /C calc'!A0".into();
    first.contact.phone = "-2+3".into();
    first.source = "\tindented".into();
    for line in &mut doc.relationships {
        line.note = HOSTILE.into();
    }
    for plan_role in [
        powermap::model::Role::DecisionMaker,
        powermap::model::Role::Blocker,
    ] {
        doc.plans.insert(
            plan_role,
            powermap::model::Plan {
                objective: Some(powermap::model::PlanText::new(HOSTILE, Language::English)),
                key_messages: Some(powermap::model::PlanText::new(HOSTILE, Language::Chinese)),
                ..Default::default()
            },
        );
    }
    assert!(powermap::model::validate(&doc).is_empty());
    doc
}

fn text_of(doc: &roxmltree::Document<'_>) -> String {
    doc.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_no_markup_from_user_text(xml: &str) {
    let parsed = roxmltree::Document::parse_with_options(
        xml,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("does not parse as XML: {e}"));
    for node in parsed.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name().to_ascii_lowercase();
        assert!(
            !["script", "iframe", "object", "embed"].contains(&name.as_str()),
            "a <{name}> element"
        );
        for attribute in node.attributes() {
            let key = attribute.name().to_ascii_lowercase();
            assert!(!key.starts_with("on"), "an event attribute {key}");
            assert!(
                !attribute.value().contains("javascript:"),
                "a javascript: URL"
            );
        }
    }
    let text = text_of(&parsed);
    assert!(
        text.contains("<script>alert(1)</script>"),
        "the hostile text shows up literally"
    );
}

#[test]
fn svg_parses_names_every_person_and_looks_like_the_canvas() {
    for index in 0..SAMPLES.len() {
        let doc = sample(index);
        let svg = String::from_utf8(
            export(&doc, ExportFormat::Svg, &options(Language::Chinese)).unwrap(),
        )
        .unwrap();
        let parsed = roxmltree::Document::parse(&svg).unwrap();
        let text = text_of(&parsed);
        for person in &doc.stakeholders {
            assert!(text.contains(&person.name), "{} missing", person.name);
        }
        assert!(
            text.contains(&doc.account.name),
            "the account name is in the picture"
        );
        assert!(
            text.contains("汇报给") && text.contains("力挺"),
            "the legend is in the picture"
        );
        let circles = parsed
            .descendants()
            .filter(|n| n.has_tag_name("circle"))
            .count();
        assert!(circles >= doc.stakeholders.len());
        // Stance colours and dashed influence lines as on the canvas.
        assert!(
            svg.contains(&powermap::theme::stance_color(powermap::model::Stance::Advocate).hex())
        );
        assert!(svg.contains("stroke-dasharray=\"9 5\""));
    }
}

#[test]
fn hostile_text_in_every_field_stays_text_in_svg_and_html() {
    let doc = hostile_map();
    for format in [ExportFormat::Svg, ExportFormat::Html] {
        let bytes = export(&doc, format, &options(Language::English)).unwrap();
        assert_no_markup_from_user_text(&String::from_utf8(bytes).unwrap());
    }
}

#[test]
fn hostile_text_stays_text_in_markdown_and_csv() {
    let doc = hostile_map();
    let md = String::from_utf8(
        export(&doc, ExportFormat::Markdown, &options(Language::English)).unwrap(),
    )
    .unwrap();
    assert!(!md.contains("<script>"), "raw markup in Markdown");
    assert!(md.contains(r"\<script\>alert(1)\</script\>"));
    let csv = export(&doc, ExportFormat::Csv, &options(Language::English)).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(&csv[3..]);
    let headers = reader.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let first = &records[0];
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(
        &first[column("Title")],
        "'=HYPERLINK(\"http://evil\",\"x\")"
    );
    assert_eq!(&first[column("Department")], "'@SUM(A1:A9)");
    assert_eq!(&first[column("Email")], "'+cmd|' /C calc'!A0");
    assert_eq!(&first[column("Phone")], "'-2+3");
    assert_eq!(&first[column("Source")], "'\tindented");
    for record in records {
        for (header, cell) in headers.iter().zip(record.iter()) {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || ["X", "Y"].contains(&header),
                "{header}: {cell:?} could run as a formula"
            );
        }
    }
}

#[test]
fn html_report_is_self_contained_with_map_people_plans_risks_and_actions() {
    let doc = sample(0);
    let html =
        String::from_utf8(export(&doc, ExportFormat::Html, &options(Language::Chinese)).unwrap())
            .unwrap();
    let parsed = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        parsed.descendants().any(|n| n.has_tag_name("svg")),
        "the map is inline SVG"
    );
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http"),
        "nothing loads from outside"
    );
    let rows = parsed
        .descendants()
        .filter(|n| n.has_tag_name("tr"))
        .count();
    assert!(
        rows > doc.stakeholders.len(),
        "a row per stakeholder plus headers"
    );
    let text = text_of(&parsed);
    for heading in [
        "地图健康度",
        "阶段重点",
        "风险与缺口",
        "人员一览",
        "按角色的沟通计划",
        "待办行动",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
    for role in ["决策者", "影响者", "最终用户", "看门人", "阻碍者", "内线"] {
        assert!(text.contains(role), "plan for {role}");
    }
    assert!(html.contains("@media print"), "readable when printed");
}

#[test]
fn redacted_exports_leave_private_fields_out() {
    let mut doc = sample(2);
    doc.stakeholders[0].interests.personal = "SECRET-PERSONAL".into();
    doc.stakeholders[0].notes = "SECRET-NOTE".into();
    doc.stakeholders[0].contact.email = "secret@example.com".into();
    doc.relationships[0].note = "SECRET-LINE".into();
    doc.account.notes = "SECRET-ACCOUNT".into();
    let redacted = ExportOptions {
        redact: true,
        ..options(Language::English)
    };
    for format in ExportFormat::ALL {
        let plain = export(&doc, format, &options(Language::English)).unwrap();
        let shared = export(&doc, format, &redacted).unwrap();
        if format == ExportFormat::Png {
            continue;
        }
        let plain = String::from_utf8(plain).unwrap();
        let shared = String::from_utf8(shared).unwrap();
        for secret in [
            "SECRET-PERSONAL",
            "SECRET-NOTE",
            "secret@example.com",
            "SECRET-LINE",
            "SECRET-ACCOUNT",
        ] {
            assert!(!shared.contains(secret), "{format:?} leaks {secret}");
        }
        if format == ExportFormat::Csv {
            assert!(plain.contains("SECRET-PERSONAL") && plain.contains("secret@example.com"));
        }
    }
}

#[test]
fn exports_are_deterministic() {
    let doc = sample(1);
    for format in ExportFormat::ALL {
        let a = export(&doc, format, &options(Language::Chinese)).unwrap();
        let b = export(&doc, format, &options(Language::Chinese)).unwrap();
        assert!(a == b, "{format:?} differs between runs");
    }
}

#[test]
fn png_is_a_real_picture_with_the_stance_colours() {
    let doc = sample(0);
    let png = export(&doc, ExportFormat::Png, &options(Language::Chinese)).unwrap();
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    assert!(pixmap.width() > 1000 && pixmap.height() > 600);
    // The picture holds the fill of every stance used in the sample.
    let pixels = pixmap.pixels();
    for person in &doc.stakeholders {
        let rgb = powermap::theme::stance_color(person.stance);
        assert!(
            pixels.iter().any(
                |p| p.alpha() == 255 && (p.red(), p.green(), p.blue()) == (rgb.0, rgb.1, rgb.2)
            ),
            "no pixel of {rgb:?}"
        );
    }
}

#[test]
fn a_huge_map_is_scaled_to_a_bounded_png() {
    let doc = powermap::samples::synthetic_map(3_000, 1);
    let png = export(&doc, ExportFormat::Png, &options(Language::English)).unwrap();
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    assert!(pixmap.width().max(pixmap.height()) <= powermap::export::MAX_SIDE);
}

#[test]
fn the_current_view_limits_the_picture() {
    let doc = sample(0);
    let view = CanvasRect {
        x: -200.0,
        y: -350.0,
        width: 400.0,
        height: 200.0,
    };
    let svg = String::from_utf8(
        export(
            &doc,
            ExportFormat::Svg,
            &ExportOptions {
                view: Some(view),
                ..options(Language::English)
            },
        )
        .unwrap(),
    )
    .unwrap();
    let parsed = roxmltree::Document::parse(&svg).unwrap();
    let width: f64 = parsed
        .root_element()
        .attribute("width")
        .unwrap()
        .parse()
        .unwrap();
    assert!(width < 800.0, "{width}");
}

#[test]
fn csv_has_a_bom_a_row_per_person_and_every_field() {
    let mut doc = sample(0);
    doc.stakeholders[1].favours = "华锐智能".into();
    let csv = export(&doc, ExportFormat::Csv, &options(Language::Chinese)).unwrap();
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF"),
        "Excel needs the BOM for Chinese"
    );
    let mut reader = csv::ReaderBuilder::new().from_reader(&csv[3..]);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers.len(), 26);
    assert!(headers.contains(&"姓名".to_owned()) && headers.contains(&"直属领导".to_owned()));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), doc.stakeholders.len());
    assert_eq!(&rows[0][1], doc.stakeholders[0].name.as_str());
    let zhou = rows.iter().find(|r| &r[1] == "陈立军").unwrap();
    assert_eq!(&zhou[7], "周振华", "reports-to is written by name");
    // Roles, stances and coverage in Chinese words, not English codes.
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let favours: Vec<&str> = rows.iter().map(|r| &r[column("倾向的竞争对手")]).collect();
    assert_eq!(favours[1], "华锐智能");
    assert!(
        favours
            .iter()
            .enumerate()
            .all(|(i, f)| i == 1 || f.is_empty())
    );
    for (person, row) in doc.stakeholders.iter().zip(&rows) {
        let words = [
            (
                column("角色"),
                powermap::analysis::text::role_name(person.role, Language::Chinese),
            ),
            (
                column("态度"),
                powermap::analysis::text::stance_name(person.stance, Language::Chinese),
            ),
            (
                column("覆盖深度"),
                powermap::analysis::text::coverage_name(person.coverage, Language::Chinese),
            ),
        ];
        for (index, word) in words {
            assert_eq!(&row[index], word);
            assert!(!row[index].is_ascii(), "{}", &row[index]);
        }
    }
    // In English, the codes of the file format.
    let english = export(&doc, ExportFormat::Csv, &options(Language::English)).unwrap();
    let text = String::from_utf8(english).unwrap();
    assert!(text.contains("decision_maker") && !text.contains("决策者"));
}

#[test]
fn markdown_report_lists_people_relationships_and_plans() {
    let doc = sample(2);
    let md = String::from_utf8(
        export(&doc, ExportFormat::Markdown, &options(Language::English)).unwrap(),
    )
    .unwrap();
    assert!(md.starts_with("# "));
    for person in &doc.stakeholders {
        assert!(
            md.contains(&powermap::analysis::report::md_escape(&person.name, true)),
            "{}",
            person.name
        );
    }
    assert!(md.contains("## Relationships") && md.contains(" reports to "));
    assert!(md.contains("## Communication plans per role") && md.contains("### Decision maker"));
}

#[test]
fn every_format_round_trips_through_a_file_and_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.json");
    std::fs::copy(
        format!(
            "{}/assets/samples/{}",
            env!("CARGO_MANIFEST_DIR"),
            SAMPLES[0].file_name
        ),
        &map,
    )
    .unwrap();
    for format in ExportFormat::ALL {
        let out = dir.path().join(format!("out.{}", format.extension()));
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_powermap"))
            .args([
                "export",
                map.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--redact",
                "--today",
                "2026-11-29",
            ])
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(0), "{format:?}");
        let from_cli = std::fs::read(&out).unwrap();
        let doc = powermap::format::load_file(&map).unwrap();
        let direct = export(
            &doc,
            format,
            &ExportOptions {
                redact: true,
                ..options(Language::English)
            },
        )
        .unwrap();
        assert!(
            from_cli == direct,
            "{format:?}: the CLI writes what the library exports"
        );
    }
    let bad = dir.path().join("out.docx");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_powermap"))
        .args(["export", map.to_str().unwrap(), "-o", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains(".png, .svg, .html, .md or .csv"));
    // The map file itself is untouched by exporting.
    assert_eq!(
        from_bytes(&std::fs::read(&map).unwrap()).unwrap(),
        sample(0)
    );
    let _ = export_to_file;
}

#[test]
fn unnamed_people_and_empty_maps_export_without_trouble() {
    let mut doc = Document::default();
    for format in ExportFormat::ALL {
        assert!(
            export(&doc, format, &options(Language::English)).is_ok(),
            "{format:?} of an empty map"
        );
    }
    doc.stakeholders.push(Stakeholder::new("a", ""));
    doc.stakeholders.push(Stakeholder::new("b", "B"));
    doc.relationships
        .push(Relationship::new("r", "a", "b", RelationshipKind::Conflict));
    for format in ExportFormat::ALL {
        assert!(
            export(&doc, format, &options(Language::Chinese)).is_ok(),
            "{format:?}"
        );
    }
}

#[test]
fn csv_exports_import_back_as_the_same_people_and_reporting_lines() {
    use powermap::import::{ColumnMapping, TableFormat, plan_import, read_table_bytes};
    for (index, language) in [(0, Language::Chinese), (2, Language::English)] {
        let original = sample(index);
        let csv = export(&original, ExportFormat::Csv, &options(language)).unwrap();
        let table = read_table_bytes(&csv, TableFormat::Delimited, "export.csv", None).unwrap();
        let mapping = ColumnMapping::detect(&table.headers);
        let plan = plan_import(&Document::default(), &table, &mapping).unwrap();
        assert!(plan.summary.issues.is_empty(), "{:?}", plan.summary.issues);
        let mut editor = powermap::edit::Editor::new(Document::default());
        editor.apply(plan.command).unwrap();
        let imported = editor.document();
        assert_eq!(imported.stakeholders.len(), original.stakeholders.len());
        for (a, b) in original.stakeholders.iter().zip(&imported.stakeholders) {
            assert_eq!(
                (
                    &a.name,
                    &a.title,
                    &a.department,
                    &a.contact.email,
                    &a.contact.phone,
                    &a.notes
                ),
                (
                    &b.name,
                    &b.title,
                    &b.department,
                    &b.contact.email,
                    &b.contact.phone,
                    &b.notes
                )
            );
        }
        let lines = |doc: &Document| {
            let mut pairs: Vec<(String, String)> = doc
                .relationships
                .iter()
                .filter(|l| l.kind == RelationshipKind::ReportsTo)
                .map(|l| {
                    (
                        doc.stakeholder(&l.from).unwrap().name.clone(),
                        doc.stakeholder(&l.to).unwrap().name.clone(),
                    )
                })
                .collect();
            pairs.sort();
            pairs
        };
        assert_eq!(
            lines(imported),
            lines(&original),
            "reporting lines survive the round trip"
        );
    }
}

/// The lines of an exported picture: straight `<line>`s and curved `<path … Q …>`s
/// inside the lines group, as (is curved, start, end).
/// Whether a line is curved, where it starts and where it ends.
type SvgLine = (bool, (f64, f64), (f64, f64));

fn svg_lines(svg: &str) -> Vec<SvgLine> {
    let parsed = roxmltree::Document::parse(svg).unwrap();
    let group = parsed
        .descendants()
        .find(|n| n.attribute("class") == Some("lines"))
        .unwrap();
    let number =
        |n: &roxmltree::Node<'_, '_>, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    group
        .children()
        .filter_map(|n| match n.tag_name().name() {
            "line" => Some((
                false,
                (number(&n, "x1"), number(&n, "y1")),
                (number(&n, "x2"), number(&n, "y2")),
            )),
            "path" => {
                let d = n.attribute("d").unwrap();
                let nums: Vec<f64> = d
                    .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
                    .filter(|s| !s.is_empty())
                    .map(|s| s.parse().unwrap())
                    .collect();
                d.contains('Q')
                    .then(|| (true, (nums[0], nums[1]), (nums[4], nums[5])))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn exported_lines_bend_around_a_third_person_and_pairs_both_ways_stay_apart() {
    let mut doc = Document::default();
    for (id, x) in [("a", 0.0), ("b", 300.0), ("c", 600.0)] {
        let mut person = Stakeholder::new(id, id.to_uppercase());
        person.position = Some(powermap::model::Position::new(x, 0.0));
        doc.stakeholders.push(person);
    }
    doc.relationships = vec![
        Relationship::new("r1", "a", "c", RelationshipKind::Conflict),
        Relationship::new("r2", "a", "b", RelationshipKind::Ally),
        Relationship::new("r3", "b", "a", RelationshipKind::Ally),
    ];
    let svg =
        String::from_utf8(export(&doc, ExportFormat::Svg, &options(Language::English)).unwrap())
            .unwrap();
    let lines = svg_lines(&svg);
    assert_eq!(lines.len(), 3, "{svg}");
    // a → c passes through b: it is a curve.
    assert!(lines[0].0, "the line through B bends");
    // a → b and b → a are straight and apart, not drawn on top of each other.
    let (_, from_ab, _) = lines[1];
    let (_, _, to_ba) = lines[2];
    assert!(!lines[1].0 && !lines[2].0);
    assert!((from_ab.1 - to_ba.1).abs() >= 10.0, "{from_ab:?} {to_ba:?}");
}

#[test]
fn exported_names_never_overlap_and_the_more_powerful_keeps_theirs() {
    let mut doc = Document::default();
    for (id, name, x, power) in [
        ("a", "Low Power Person", 0.0, 4),
        ("b", "High Power Person", 30.0, 5),
        ("c", "Far Away", 900.0, 1),
    ] {
        let mut person = Stakeholder::new(id, name);
        person.position = Some(powermap::model::Position::new(x, 0.0));
        person.power = powermap::model::Power::new(power).unwrap();
        doc.stakeholders.push(person);
    }
    let svg =
        String::from_utf8(export(&doc, ExportFormat::Svg, &options(Language::English)).unwrap())
            .unwrap();
    let text = text_of(&roxmltree::Document::parse(&svg).unwrap());
    assert!(text.contains("High Power Person"));
    assert!(text.contains("Far Away"));
    assert!(
        !text.contains("Low Power Person"),
        "the covered name is left out"
    );
}
