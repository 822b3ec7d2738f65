//! Sharing maps: PNG and SVG pictures that look like the canvas, an account-plan report
//! as HTML and Markdown, and the stakeholders as CSV. Pure functions of a document
//! (no UI), deterministic for the same input, and user text always stays text.

mod content;
mod csv;
mod html;
mod log_lines;
mod markdown;
mod picture;
mod png;
mod png_layer;
mod redact;
mod since_review;
pub mod svg;
pub mod xml;

use std::path::Path;

pub use self::csv::{FORMULA_STARTS, neutralise, runs_as_formula, unneutralise};
pub use content::format_amount;
pub use png::MAX_SIDE;
pub use redact::redacted;
pub use svg::{CanvasRect, PictureOptions, map_svg, view_svg};

use crate::analysis::{AnalysisOptions, analyze};
use crate::lang::Language;
use crate::model::{Date, Document};
use crate::views::ViewKind;

/// What an export produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// A PNG picture of the map.
    Png,
    /// An SVG picture of the map.
    Svg,
    /// The account-plan report as one HTML file.
    Html,
    /// The account-plan report as Markdown.
    Markdown,
    /// The stakeholders as a CSV table.
    Csv,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [Self; 5] = [Self::Png, Self::Svg, Self::Html, Self::Markdown, Self::Csv];

    /// The format a file name's extension asks for.
    pub fn from_path(path: &Path) -> Result<Self, ExportError> {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "png" => Ok(Self::Png),
            "svg" => Ok(Self::Svg),
            "html" | "htm" => Ok(Self::Html),
            "md" | "markdown" => Ok(Self::Markdown),
            "csv" => Ok(Self::Csv),
            _ => Err(ExportError::UnknownFormat(extension)),
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Html => "html",
            Self::Markdown => "md",
            Self::Csv => "csv",
        }
    }
}

/// How to export.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExportOptions {
    /// Leave out personal agendas, notes and contact details.
    pub redact: bool,
    /// Language of reports, legends and CSV headers.
    pub language: Language,
    /// The date reports are made for.
    pub today: Date,
    /// For pictures: only this part of the canvas (the current view).
    pub view: Option<CanvasRect>,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file extension names no export format.
    #[error(
        "cannot tell the format from the extension \"{0}\": use .png, .svg, .html, .md or .csv"
    )]
    UnknownFormat(String),
    /// Rendering failed.
    #[error("cannot draw the export: {0}")]
    Render(String),
    /// Writing the file failed.
    #[error(transparent)]
    Save(#[from] crate::format::SaveError),
}

/// The bytes of `doc` exported as `format`; pictures show the map view.
pub fn export(
    doc: &Document,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    export_view(doc, format, options, ViewKind::Map)
}

/// The bytes of `doc` exported as `format`; pictures (PNG, SVG) show `view`. The
/// HTML report always shows the map, the fishbone and the grid; Markdown and CSV
/// have no pictures.
pub fn export_view(
    doc: &Document,
    format: ExportFormat,
    options: &ExportOptions,
    view: ViewKind,
) -> Result<Vec<u8>, ExportError> {
    let shared;
    let doc = if options.redact {
        shared = redacted(doc);
        &shared
    } else {
        doc
    };
    let picture = PictureOptions {
        language: options.language,
        view: options.view,
    };
    match format {
        ExportFormat::Svg => Ok(view_svg(doc, &picture, view).into_bytes()),
        ExportFormat::Png => png::picture_png(svg::view_picture(doc, &picture, view)),
        ExportFormat::Csv => csv::stakeholders_csv(doc, options.language),
        ExportFormat::Html | ExportFormat::Markdown => {
            let analysis = analyze(doc, &AnalysisOptions::new(options.today, options.language));
            let content = content::report_content(doc, &analysis, options.redact);
            Ok(if format == ExportFormat::Html {
                // Reports show the whole map whatever the view.
                let whole = PictureOptions {
                    view: None,
                    ..picture
                };
                let views = report_views(doc, &whole);
                html::report_html(&content, &map_svg(doc, &whole), &views).into_bytes()
            } else {
                markdown::report_markdown(&content).into_bytes()
            })
        }
    }
}

/// The workshop pictures of the HTML report, with their headings.
fn report_views(doc: &Document, picture: &PictureOptions) -> Vec<(String, String)> {
    let chinese = picture.language == Language::Chinese;
    let heading = |en: &str, zh: &str| if chinese { zh } else { en }.to_owned();
    vec![
        (
            heading("Fishbone: the decision chain", "鱼骨图：决策链"),
            view_svg(doc, picture, ViewKind::Fishbone),
        ),
        (
            heading("Power × stance grid", "权力 × 态度矩阵"),
            view_svg(doc, picture, ViewKind::Grid),
        ),
    ]
}

/// Exports to a file, the format taken from its extension; written atomically.
pub fn export_to_file(
    doc: &Document,
    path: &Path,
    options: &ExportOptions,
) -> Result<ExportFormat, ExportError> {
    export_view_to_file(doc, path, options, ViewKind::Map)
}

/// Exports to a file as [`export_to_file`], pictures showing `view`.
pub fn export_view_to_file(
    doc: &Document,
    path: &Path,
    options: &ExportOptions,
    view: ViewKind,
) -> Result<ExportFormat, ExportError> {
    let format = ExportFormat::from_path(path)?;
    let bytes = export_view(doc, format, options, view)?;
    crate::format::atomic_replace(path, &bytes)?;
    Ok(format)
}
