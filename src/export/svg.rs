//! The map as SVG, drawn like the canvas: stance colours, power sizes, role marks,
//! line styles, names in Chinese or English, with the account name and a legend.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::picture::{Edges, MapLayer, PictureSvg, Reach};
use super::xml::escape;
use crate::analysis::text::{kind_name, role_name, stage_phrase, stance_name};
use crate::labels::{LabelBox, admit};
use crate::lang::Language;
use crate::model::{Document, Position, Power, RelationshipKind, Role, Stance, Strength};
use crate::placement::drawing_positions;
use crate::routing::{Circle, ObstacleIndex, control_point};
use crate::safe_text::isolate_bidi;
use crate::theme::{self, Rgb, text_width};
use crate::views::{Anchor, Backdrop, Tone, ViewKind, org_chart_tree_lines, view_layout};

/// Font families for SVG text, CJK-capable first.
pub const FONT_FAMILY: &str = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif";

/// A rectangle of the canvas, in canvas units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CanvasRect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// What the picture shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PictureOptions {
    /// Language of the legend and headings.
    pub language: Language,
    /// Only this part of the canvas (the current view), or the whole map.
    pub view: Option<CanvasRect>,
}

const PADDING: f64 = 50.0;
const HEADER: f64 = 64.0;
const LEGEND: f64 = 132.0;
const LEGEND_MIN_WIDTH: f64 = 760.0;
/// Legend text: at least as large as the names on the map, readable when projected.
const LEGEND_TEXT_SIZE: f64 = 14.0;

fn hex(rgb: Rgb) -> String {
    rgb.hex()
}

/// The whole picture as an SVG document.
pub fn map_svg(doc: &Document, options: &PictureOptions) -> String {
    map_picture(doc, options).into_svg()
}

/// The picture of `doc` in a view: its backdrop (fishbone, grid cells, tree
/// connectors) behind the lines and people at the view's positions. The map view is
/// exactly [`map_svg`].
pub fn view_svg(doc: &Document, options: &PictureOptions, kind: ViewKind) -> String {
    view_picture(doc, options, kind).into_svg()
}

/// [`map_svg`] in its parts.
fn map_picture(doc: &Document, options: &PictureOptions) -> PictureSvg {
    picture_svg(doc, options, &drawing_positions(doc), &[], &[], "map")
}

/// [`view_svg`] in its parts, for the PNG renderer.
pub(super) fn view_picture(doc: &Document, options: &PictureOptions, kind: ViewKind) -> PictureSvg {
    if kind == ViewKind::Map {
        return map_picture(doc, options);
    }
    let view = view_layout(doc, kind, options.language);
    // Pictures share one HTML report: each clips with an id of its own.
    let clip = format!("map-{}", kind.as_str());
    // The org chart's connectors draw its reporting lines.
    let hidden = if kind == ViewKind::OrgChart {
        org_chart_tree_lines(doc)
    } else {
        Vec::new()
    };
    picture_svg(
        doc,
        options,
        &view.positions,
        &view.backdrop,
        &hidden,
        &clip,
    )
}

fn picture_svg(
    doc: &Document,
    options: &PictureOptions,
    positions: &[Position],
    backdrop: &[Backdrop],
    hidden_lines: &[bool],
    clip_id: &str,
) -> PictureSvg {
    let bounds = options.view.unwrap_or_else(|| {
        let people = content_bounds(doc, positions);
        if doc.stakeholders.is_empty() && !backdrop.is_empty() {
            backdrop_bounds(backdrop).unwrap_or(people)
        } else {
            backdrop_bounds(backdrop).map_or(people, |b| union(people, b))
        }
    });
    let map_width = bounds.width.max(1.0);
    let map_height = bounds.height.max(1.0);
    let width = (map_width + 2.0 * PADDING).max(LEGEND_MIN_WIDTH).ceil();
    let height = (HEADER + map_height + 2.0 * PADDING + LEGEND).ceil();
    // Canvas → picture: centre the map horizontally below the header.
    let dx = (width - map_width) / 2.0 - bounds.x;
    let dy = HEADER + PADDING - bounds.y;

    let root = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"{}\">\n",
        escape(FONT_FAMILY)
    );
    let mut front = format!(
        "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>\n",
        hex(theme::CANVAS_BACKGROUND)
    );
    header(&mut front, doc, options.language, width);
    let clip_y = HEADER;
    let clip_h = map_height + 2.0 * PADDING;
    let clip_def = format!(
        "<clipPath id=\"{clip_id}\"><rect x=\"0\" y=\"{clip_y:.1}\" width=\"{width:.0}\" height=\"{clip_h:.1}\"/></clipPath>\n"
    );
    let clip_open = format!("<g clip-path=\"url(#{clip_id})\">");
    let map_open = format!("<g transform=\"translate({dx:.1} {dy:.1})\">\n");
    let mut layers = Vec::with_capacity(3);
    if !backdrop.is_empty() {
        layers.push(backdrop_svg(backdrop));
    }
    layers.push(lines(doc, positions, hidden_lines));
    layers.push(people(doc, positions, options.language));
    let mut back = String::new();
    legend(&mut back, options.language, HEADER + clip_h + 8.0, width);
    PictureSvg {
        root,
        front,
        clip_def,
        clip_open,
        map_open,
        layers,
        back,
    }
}

fn union(a: CanvasRect, b: CanvasRect) -> CanvasRect {
    let (x0, y0) = (a.x.min(b.x), a.y.min(b.y));
    let (x1, y1) = (
        (a.x + a.width).max(b.x + b.width),
        (a.y + a.height).max(b.y + b.height),
    );
    CanvasRect {
        x: x0,
        y: y0,
        width: x1 - x0,
        height: y1 - y0,
    }
}

/// The area a backdrop covers, if any.
fn backdrop_bounds(backdrop: &[Backdrop]) -> Option<CanvasRect> {
    let (mut x0, mut y0, mut x1, mut y1) = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    let mut cover = |ax: f64, ay: f64, bx: f64, by: f64| {
        x0 = x0.min(ax);
        y0 = y0.min(ay);
        x1 = x1.max(bx);
        y1 = y1.max(by);
    };
    for item in backdrop {
        match item {
            Backdrop::Region { rect, .. } => {
                cover(rect.x, rect.y, rect.x + rect.width, rect.y + rect.height);
            }
            Backdrop::Stroke { from, to, .. } => {
                cover(
                    from.x.min(to.x),
                    from.y.min(to.y),
                    from.x.max(to.x),
                    from.y.max(to.y),
                );
            }
            Backdrop::Text {
                at,
                text,
                size,
                anchor,
                ..
            } => {
                let w = text_width(text, *size);
                let left = match anchor {
                    Anchor::Start => at.x,
                    Anchor::Middle => at.x - w / 2.0,
                    Anchor::End => at.x - w,
                };
                cover(left, at.y - size, left + w, at.y + size * 0.3);
            }
        }
    }
    (x0.is_finite() && y0.is_finite()).then_some(CanvasRect {
        x: x0,
        y: y0,
        width: x1 - x0,
        height: y1 - y0,
    })
}

/// The backdrop of a view, in the theme's colours.
fn backdrop_svg(backdrop: &[Backdrop]) -> MapLayer {
    let mut layer = MapLayer::new("<g class=\"backdrop\">\n");
    for item in backdrop {
        let svg = &mut layer.body;
        match item {
            Backdrop::Region { rect, label, tone } => {
                let (fill, stroke, text) = theme::backdrop_colors(*tone);
                let _ = writeln!(
                    svg,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"14\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"/>",
                    rect.x,
                    rect.y,
                    rect.width.max(0.0),
                    rect.height.max(0.0),
                    hex(fill),
                    hex(stroke)
                );
                if !label.is_empty() {
                    let _ = writeln!(
                        svg,
                        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{REGION_LABEL_SIZE}\" font-weight=\"bold\" fill=\"{}\">{}</text>",
                        rect.x + 12.0,
                        rect.y + 8.0 + REGION_LABEL_SIZE,
                        hex(text),
                        escape(label)
                    );
                }
            }
            Backdrop::Stroke {
                from,
                to,
                width,
                tone,
            } => {
                let (_, stroke, _) = theme::backdrop_colors(*tone);
                let _ = writeln!(
                    svg,
                    "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"{width:.1}\" stroke-linecap=\"round\"/>",
                    from.x,
                    from.y,
                    to.x,
                    to.y,
                    hex(stroke)
                );
            }
            Backdrop::Text {
                at,
                text,
                size,
                anchor,
                tone,
            } => {
                let (_, _, color) = theme::backdrop_colors(*tone);
                let anchor = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let weight = if *tone == Tone::Emphasis {
                    " font-weight=\"bold\""
                } else {
                    ""
                };
                let _ = writeln!(
                    svg,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{size:.0}\" text-anchor=\"{anchor}\"{weight} fill=\"{}\">{}</text>",
                    at.x,
                    at.y,
                    hex(color),
                    escape(text)
                );
            }
        }
        layer.end_item(None);
    }
    layer
}

/// Font size of a region's label.
const REGION_LABEL_SIZE: f64 = 16.0;

/// The canvas area the people and their labels cover.
pub fn content_bounds(doc: &Document, positions: &[Position]) -> CanvasRect {
    let (mut x0, mut y0, mut x1, mut y1) = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    for (person, pos) in doc.stakeholders.iter().zip(positions) {
        let r = f64::from(theme::power_radius(person.power));
        let label = text_width(&person.name, f64::from(theme::LABEL_SIZE))
            .max(text_width(&person.title, f64::from(theme::DETAIL_SIZE)));
        let half = r.max(label / 2.0);
        x0 = x0.min(pos.x - half);
        x1 = x1.max(pos.x + half);
        y0 = y0.min(pos.y - r);
        y1 = y1.max(pos.y + r + 34.0);
    }
    if x0.is_finite() {
        CanvasRect {
            x: x0,
            y: y0,
            width: x1 - x0,
            height: y1 - y0,
        }
    } else {
        CanvasRect {
            x: -200.0,
            y: -100.0,
            width: 400.0,
            height: 200.0,
        }
    }
}

fn header(svg: &mut String, doc: &Document, language: Language, width: f64) {
    let account = &doc.account;
    let mut title = if account.name.is_empty() {
        match language {
            Language::English => "Power map".to_owned(),
            Language::Chinese => "权力地图".to_owned(),
        }
    } else {
        isolate_bidi(&account.name).into_owned()
    };
    if !account.opportunity.is_empty() {
        title.push_str(" — ");
        title.push_str(&isolate_bidi(&account.opportunity));
    }
    let _ = writeln!(
        svg,
        "<text x=\"{:.0}\" y=\"34\" font-size=\"22\" font-weight=\"bold\" fill=\"{}\">{}</text>",
        PADDING / 2.0,
        hex(theme::LABEL_TEXT),
        escape(&title)
    );
    let stage = stage_phrase(account.stage, language);
    let people = language.count(doc.stakeholders.len(), "person", "people", "人");
    let subtitle = format!("{stage} · {people}");
    let _ = writeln!(
        svg,
        "<text x=\"{:.0}\" y=\"54\" font-size=\"13\" fill=\"{}\">{}</text>",
        PADDING / 2.0,
        hex(theme::DETAIL_TEXT),
        escape(&subtitle)
    );
    let _ = width;
}

/// Parallel lines between the same two people are moved apart, as on the canvas:
/// the first line each way is straight, unless lines run both ways, when every line
/// moves aside (opposite directions to opposite sides).
fn line_orders(doc: &Document) -> Vec<usize> {
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    let orders: Vec<usize> = doc
        .relationships
        .iter()
        .map(|l| {
            let count = seen.entry((l.from.as_str(), l.to.as_str())).or_insert(0);
            let order = *count;
            *count += 1;
            order
        })
        .collect();
    doc.relationships
        .iter()
        .zip(orders)
        .map(|(l, order)| {
            let both_ways = l.from != l.to && seen.contains_key(&(l.to.as_str(), l.from.as_str()));
            order + usize::from(both_ways)
        })
        .collect()
}

/// The relationship lines, but those marked in `hidden` (by index).
fn lines(doc: &Document, positions: &[Position], hidden: &[bool]) -> MapLayer {
    let index: HashMap<&str, usize> = doc
        .stakeholders
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let orders = line_orders(doc);
    // Lines bend around the people and names in their way, as on the canvas.
    let circles: Vec<Circle> = doc
        .stakeholders
        .iter()
        .zip(positions)
        .map(|(person, at)| Circle {
            x: at.x,
            y: at.y,
            r: f64::from(theme::power_radius(person.power)),
        })
        .collect();
    let labels: Vec<(f64, f64)> = doc.stakeholders.iter().map(label_size).collect();
    let obstacles = ObstacleIndex::with_labels(circles, &labels);
    let mut layer = MapLayer::new("<g class=\"lines\" fill=\"none\">\n");
    for (number, (line, order)) in doc.relationships.iter().zip(orders).enumerate() {
        if hidden.get(number).copied().unwrap_or(false) {
            continue;
        }
        let (Some(&a), Some(&b)) = (index.get(line.from.as_str()), index.get(line.to.as_str()))
        else {
            continue;
        };
        let (Some(pa), Some(pb), Some(sa), Some(sb)) = (
            positions.get(a),
            positions.get(b),
            doc.stakeholders.get(a),
            doc.stakeholders.get(b),
        ) else {
            continue;
        };
        let (vx, vy) = (pb.x - pa.x, pb.y - pa.y);
        let length = (vx * vx + vy * vy).sqrt();
        if length < 1.0 {
            continue;
        }
        let (ux, uy) = (vx / length, vy / length);
        let bend = obstacles.bend(a, b);
        let control = (bend != 0.0).then(|| control_point((pa.x, pa.y), (pb.x, pb.y), bend));
        // Each end leaves its circle towards the control point (the curve's tangent).
        let toward = |from: &Position, to: (f64, f64)| {
            let (dx, dy) = (to.0 - from.x, to.1 - from.y);
            let d = dx.hypot(dy).max(f64::EPSILON);
            (dx / d, dy / d)
        };
        let (da, db) = match control {
            Some(c) => (toward(pa, c), toward(pb, c)),
            None => ((ux, uy), (-ux, -uy)),
        };
        let ra = f64::from(theme::power_radius(sa.power));
        let rb = f64::from(theme::power_radius(sb.power));
        let from = (pa.x + da.0 * ra, pa.y + da.1 * ra);
        let mut to = (pb.x + db.0 * rb, pb.y + db.1 * rb);
        // An arrowhead stops outside the name under the person it points at.
        let (label_width, label_height) = label_size(sb);
        let label = CanvasRect {
            x: pb.x - label_width / 2.0,
            y: pb.y + rb + 3.0,
            width: label_width,
            height: label_height,
        };
        if let Some(entry) = entry_into(control.unwrap_or(from), to, &label) {
            to = entry;
        }
        let side = 7.0 * order as f64;
        let (sx, sy) = (-uy * side, ux * side);
        let shift = |p: (f64, f64)| (p.0 + sx, p.1 + sy);
        let reach = curve_svg(
            &mut layer.body,
            shift(from),
            control.map(shift),
            shift(to),
            line.kind,
            line.strength,
        );
        layer.end_item(Some(reach));
    }
    layer
}

/// Width and height of a person's name and title under their circle, as drawn by
/// [`person_svg`].
fn label_size(person: &crate::model::Stakeholder) -> (f64, f64) {
    let name = text_width(&person.name, f64::from(theme::LABEL_SIZE));
    if person.title.is_empty() {
        return (name, f64::from(theme::LABEL_SIZE) + 5.0);
    }
    (
        name.max(text_width(&person.title, f64::from(theme::DETAIL_SIZE))),
        f64::from(theme::LABEL_SIZE + theme::DETAIL_SIZE) + 9.0,
    )
}

/// Where the segment from `a` to `b` first enters `rect`, when `a` is outside it.
fn entry_into(a: (f64, f64), b: (f64, f64), rect: &CanvasRect) -> Option<(f64, f64)> {
    let (t0, _) = crate::routing::clip_params(
        a,
        b,
        (rect.x, rect.y),
        (rect.x + rect.width, rect.y + rect.height),
    )?;
    (t0 > 0.0).then_some((a.0 + (b.0 - a.0) * t0, a.1 + (b.1 - a.1) * t0))
}

/// One relationship line from `a` to `b` (picture coordinates before translation).
pub fn line_svg(
    svg: &mut String,
    a: (f64, f64),
    b: (f64, f64),
    kind: RelationshipKind,
    strength: Strength,
) {
    curve_svg(svg, a, None, b, kind, strength);
}

/// How far [`curve_svg`] reaches: `sure` are points on what it draws, `all`
/// every point it draws through, `width` its widest stroke.
fn curve_reach(sure: &[(f64, f64)], all: &[(f64, f64)], width: f64) -> Reach {
    Reach {
        // Coordinates are written to a tenth.
        inner: Edges::around(sure).grown(-0.1),
        outer: Edges::around(all).grown(width + 1.0),
    }
}

/// One relationship line from `a` to `b`, a quadratic curve through `control` when
/// it bends around people in its way; how far it reaches.
fn curve_svg(
    svg: &mut String,
    a: (f64, f64),
    control: Option<(f64, f64)>,
    b: (f64, f64),
    kind: RelationshipKind,
    strength: Strength,
) -> Reach {
    let style = theme::line_style(kind);
    let width = f64::from(theme::strength_width(strength));
    let color = hex(style.color);
    let (vx, vy) = (b.0 - a.0, b.1 - a.1);
    let length = (vx * vx + vy * vy).sqrt().max(f64::EPSILON);
    // The arrow points along the curve's last stretch.
    let (tx, ty) = match control {
        Some(c) => (b.0 - c.0, b.1 - c.1),
        None => (vx, vy),
    };
    let last = (tx * tx + ty * ty).sqrt().max(f64::EPSILON);
    let (ux, uy) = (tx / last, ty / last);
    let tip = 7.0 + width * 2.0;
    let arrow = style.arrow && length > tip * 1.5;
    let end = if arrow {
        (b.0 - ux * tip, b.1 - uy * tip)
    } else {
        b
    };
    let dash = style
        .dash
        .map(|(d, g)| format!(" stroke-dasharray=\"{d:.0} {g:.0}\""))
        .unwrap_or_default();
    // A dash starts the line; a gap may end it.
    let mut sure = vec![a];
    if style.dash.is_none() {
        sure.push(end);
    }
    let mut all = vec![a, end, b];
    all.extend(control);
    let mut widest = width;
    match control {
        Some(c) => {
            let _ = writeln!(
                svg,
                "<path d=\"M{:.1} {:.1}Q{:.1} {:.1} {:.1} {:.1}\" stroke=\"{color}\" stroke-width=\"{width:.1}\"{dash}/>",
                a.0, a.1, c.0, c.1, end.0, end.1
            );
        }
        None => {
            let _ = writeln!(
                svg,
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{color}\" stroke-width=\"{width:.1}\"{dash}/>",
                a.0, a.1, end.0, end.1
            );
        }
    }
    if arrow {
        let (nx, ny) = (-uy * tip * 0.5, ux * tip * 0.5);
        sure.extend([b, (end.0 + nx, end.1 + ny), (end.0 - nx, end.1 - ny)]);
        all.extend([(end.0 + nx, end.1 + ny), (end.0 - nx, end.1 - ny)]);
        let _ = writeln!(
            svg,
            "<polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"{color}\"/>",
            b.0,
            b.1,
            end.0 + nx,
            end.1 + ny,
            end.0 - nx,
            end.1 - ny
        );
    }
    if kind == RelationshipKind::Conflict {
        // The middle of the curve: B(½) = a/4 + c/2 + b/4.
        let (mx, my) = match control {
            Some(c) => (
                0.25 * a.0 + 0.5 * c.0 + 0.25 * b.0,
                0.25 * a.1 + 0.5 * c.1 + 0.25 * b.1,
            ),
            None => (a.0 + vx / 2.0, a.1 + vy / 2.0),
        };
        let arm = 5.0 + width;
        let cross = width.max(1.5);
        let ends = [
            (mx - arm, my - arm),
            (mx + arm, my + arm),
            (mx - arm, my + arm),
            (mx + arm, my - arm),
        ];
        sure.extend(ends);
        all.extend(ends);
        widest = widest.max(cross);
        let _ = writeln!(
            svg,
            "<path d=\"M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}\" stroke=\"{color}\" stroke-width=\"{cross:.1}\"/>",
            mx - arm,
            my - arm,
            mx + arm,
            my + arm,
            mx - arm,
            my + arm,
            mx + arm,
            my - arm
        );
    }
    curve_reach(&sure, &all, widest)
}

fn people(doc: &Document, positions: &[Position], language: Language) -> MapLayer {
    // Names never overlap: where two would, the less powerful person's is left out.
    let boxes: Vec<LabelBox> = doc
        .stakeholders
        .iter()
        .zip(positions)
        .map(|(person, at)| {
            let (width, height) = label_size(person);
            LabelBox {
                x: at.x - width / 2.0,
                y: at.y + f64::from(theme::power_radius(person.power)) + 3.0,
                width,
                height,
                priority: person.power.level(),
            }
        })
        .collect();
    let named = admit(&boxes, (130.0, 34.0));
    let mut layer = MapLayer::new("<g class=\"people\">\n");
    for ((person, pos), named) in doc.stakeholders.iter().zip(positions).zip(named) {
        let name = if !named {
            String::new()
        } else if person.name.trim().is_empty() {
            match language {
                Language::English => "(unnamed)".to_owned(),
                Language::Chinese => "（未命名）".to_owned(),
            }
        } else {
            person.name.clone()
        };
        let title = if named { person.title.as_str() } else { "" };
        person_svg(
            &mut layer.body,
            (pos.x, pos.y),
            person.stance,
            person.power,
            person.role,
            language,
            &name,
            title,
        );
        let reach = person_reach(
            (pos.x, pos.y),
            person.power,
            person.role,
            language,
            &name,
            title,
        );
        layer.end_item(Some(reach));
    }
    layer
}

/// One person: circle, role mark, name and title.
#[allow(clippy::too_many_arguments)]
pub fn person_svg(
    svg: &mut String,
    at: (f64, f64),
    stance: Stance,
    power: Power,
    role: Role,
    language: Language,
    name: &str,
    title: &str,
) {
    let r = f64::from(theme::power_radius(power));
    let _ = writeln!(
        svg,
        "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>",
        at.0,
        at.1,
        hex(theme::stance_color(stance)),
        hex(theme::OUTLINE)
    );
    let mark_size = (r * 0.9).clamp(9.0, 22.0);
    let _ = writeln!(
        svg,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{mark_size:.1}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
        at.0,
        at.1 + mark_size * 0.36,
        hex(theme::on_stance_color(stance)),
        escape(theme::role_mark(role, language == Language::Chinese))
    );
    let halo = format!(
        "stroke=\"{}\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\"",
        hex(theme::CANVAS_BACKGROUND)
    );
    if name.is_empty() {
        return;
    }
    let name_y = at.1 + r + 3.0 + f64::from(theme::LABEL_SIZE);
    let _ = writeln!(
        svg,
        "<text x=\"{:.1}\" y=\"{name_y:.1}\" font-size=\"{}\" text-anchor=\"middle\" fill=\"{}\" {halo}>{}</text>",
        at.0,
        theme::LABEL_SIZE,
        hex(theme::LABEL_TEXT),
        escape(name)
    );
    if !title.is_empty() {
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{}\" text-anchor=\"middle\" fill=\"{}\" {halo}>{}</text>",
            at.0,
            name_y + f64::from(theme::DETAIL_SIZE) + 4.0,
            theme::DETAIL_SIZE,
            hex(theme::DETAIL_TEXT),
            escape(title)
        );
    }
}

/// How far [`person_svg`] reaches: surely the circle; at most the circle and
/// every text at its widest (an em and a third per character and one more).
fn person_reach(
    at: (f64, f64),
    power: Power,
    role: Role,
    language: Language,
    name: &str,
    title: &str,
) -> Reach {
    let r = f64::from(theme::power_radius(power));
    let circle = Edges::around(&[(at.0 - r, at.1 - r), (at.0 + r, at.1 + r)]);
    let text = |text: &str, baseline: f64, size: f64, halo: f64| {
        let half = (text.chars().count() as f64 * 1.34 + 1.0) * size / 2.0 + halo;
        Edges {
            left: at.0 - half,
            top: baseline - 1.5 * size - halo,
            right: at.0 + half,
            bottom: baseline + 0.7 * size + halo,
        }
    };
    let mark_size = (r * 0.9).clamp(9.0, 22.0);
    let mark = theme::role_mark(role, language == Language::Chinese);
    let mut outer = circle
        .grown(2.0)
        .union(text(mark, at.1 + mark_size * 0.36, mark_size, 1.0));
    let name_y = at.1 + r + 3.0 + f64::from(theme::LABEL_SIZE);
    if !name.is_empty() {
        outer = outer.union(text(name, name_y, f64::from(theme::LABEL_SIZE), 3.0));
        if !title.is_empty() {
            let title_y = name_y + f64::from(theme::DETAIL_SIZE) + 4.0;
            outer = outer.union(text(title, title_y, f64::from(theme::DETAIL_SIZE), 3.0));
        }
    }
    Reach {
        // Coordinates are written to a tenth.
        inner: circle.grown(-0.1),
        outer,
    }
}

fn legend(svg: &mut String, language: Language, top: f64, width: f64) {
    let zh = language == Language::Chinese;
    let t = |en: &'static str, cn: &'static str| if zh { cn } else { en };
    let _ = writeln!(
        svg,
        "<g class=\"legend\" font-size=\"{LEGEND_TEXT_SIZE}\" fill=\"{}\"><rect x=\"{:.0}\" y=\"{top:.1}\" width=\"{:.0}\" height=\"{:.0}\" fill=\"#ffffff\" stroke=\"#cccccc\" rx=\"6\"/>",
        hex(theme::LABEL_TEXT),
        PADDING / 2.0,
        width - PADDING,
        LEGEND - 16.0
    );
    let left = PADDING / 2.0 + 14.0;
    let row = |n: f64| top + 22.0 + n * 26.0;
    let caption = |svg: &mut String, y: f64, text: &str| {
        let _ = writeln!(
            svg,
            "<text x=\"{left:.0}\" y=\"{y:.1}\" font-weight=\"bold\">{}</text>",
            escape(text)
        );
    };
    // Stance colours.
    caption(svg, row(0.0), t("Stance", "态度"));
    let mut x = left + 80.0;
    for stance in Stance::ALL {
        let _ = writeln!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"6\" fill=\"{}\" stroke=\"{}\"/>",
            x,
            row(0.0) - 4.0,
            hex(theme::stance_color(*stance)),
            hex(theme::OUTLINE)
        );
        let label = stance_name(*stance, language);
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            x + 10.0,
            row(0.0),
            escape(label)
        );
        x += 22.0 + text_width(label, LEGEND_TEXT_SIZE);
    }
    // Roles.
    caption(svg, row(1.0), t("Role", "角色"));
    let mut x = left + 80.0;
    for role in Role::ALL {
        let mark = theme::role_mark(*role, zh);
        let label = role_name(*role, language);
        let _ = writeln!(
            svg,
            "<text x=\"{x:.1}\" y=\"{:.1}\" font-weight=\"bold\">{}</text>",
            row(1.0),
            escape(mark)
        );
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            x + LEGEND_TEXT_SIZE + 6.0,
            row(1.0),
            escape(label)
        );
        x += LEGEND_TEXT_SIZE + 18.0 + text_width(label, LEGEND_TEXT_SIZE);
    }
    // Lines.
    caption(svg, row(2.0), t("Lines", "连线"));
    let mut x = left + 80.0;
    for kind in RelationshipKind::ALL {
        let y = row(2.0) - 4.0;
        line_svg(svg, (x, y), (x + 36.0, y), *kind, Strength::default());
        let label = kind_name(*kind, language);
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            x + 42.0,
            row(2.0),
            escape(label)
        );
        x += 56.0 + text_width(label, LEGEND_TEXT_SIZE);
    }
    // Power sizes.
    caption(svg, row(3.0), t("Power (size)", "权力（大小）"));
    let mut x = left + 110.0;
    for level in 1..=5 {
        let Some(power) = Power::new(level) else {
            continue;
        };
        let r = f64::from(theme::power_radius(power)) * 0.3;
        let _ = writeln!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" fill=\"#dddddd\" stroke=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\">{level}</text>",
            x + r,
            row(3.0) - 4.0,
            hex(theme::OUTLINE),
            x + 2.0 * r + 4.0,
            row(3.0)
        );
        x += 2.0 * r + 24.0;
    }
    svg.push_str("</g>\n");
}
