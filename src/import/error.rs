//! Why a contact list could not be imported. Row-level problems are not errors: they
//! are reported as [`super::RowIssue`]s and the rest of the file is imported.

use std::path::{Path, PathBuf};

use crate::lang::Language;

/// The reason given when the workbook reader fails without one.
pub(super) const DAMAGED_WORKBOOK: &str = "the file is damaged or not a workbook";

/// Why a contact list could not be read or imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read from disk.
    #[error("cannot read the contact list ({source}): {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file name does not end in an extension Powermap imports.
    #[error(
        "Powermap imports contacts from .csv, .tsv, .txt and .xlsx files{hint}: {}",
        path.display()
    )]
    UnsupportedFormat {
        /// The file.
        path: PathBuf,
        /// Advice for a known spreadsheet format, such as ", save .xls files as .xlsx".
        hint: String,
    },
    /// The file is larger than the limit.
    #[error("the file is {size} bytes, more than the limit of {limit} bytes (64 MiB)")]
    TooLarge {
        /// Size of the file.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The text in a workbook is larger than the limit once unpacked.
    #[error("the sheet holds more than {limit} bytes of text, more than Powermap imports")]
    TooMuchText {
        /// The limit.
        limit: usize,
    },
    /// A workbook's archive is damaged or unpacks to more than Powermap reads.
    #[error("{0}")]
    Archive(super::WorkbookRefusal),
    /// More data rows than the limit.
    #[error("the file has more than {limit} rows of contacts; split it into smaller files")]
    TooManyRows {
        /// The limit.
        limit: usize,
    },
    /// More columns than the limit.
    #[error("row {row} has more than {limit} columns, more than a contact list needs")]
    TooManyColumns {
        /// The spreadsheet row number.
        row: usize,
        /// The limit.
        limit: usize,
    },
    /// More cells than the limit.
    #[error(
        "the file has more than {limit} cells; remove the columns you do not need \
         or split it into smaller files"
    )]
    TooManyCells {
        /// The limit.
        limit: usize,
    },
    /// Nothing in the file, not even a header row.
    #[error("the file is empty: there is no header row")]
    Empty,
    /// The CSV parser gave up.
    #[error("not a readable CSV file: {message}")]
    Csv {
        /// The parser's reason.
        message: String,
    },
    /// Not a workbook calamine can read.
    #[error("not a readable Excel workbook (.xlsx): {message}")]
    Workbook {
        /// The reader's reason.
        message: String,
    },
    /// The workbook has no worksheet at all.
    #[error("the workbook has no worksheet")]
    NoWorksheet,
    /// `--sheet` named a sheet the workbook does not have.
    #[error("the workbook has no sheet named \"{sheet}\"; its sheets are: {}", available.join(", "))]
    NoSuchSheet {
        /// The requested sheet.
        sheet: String,
        /// The sheets the workbook has, in workbook order.
        available: Vec<String>,
    },
    /// No column holds names.
    #[error(
        "the file has no name column: found {}; map a column to \"name\" \
         (or columns to \"first_name\" and \"last_name\")",
        found_list(.headers, Language::English)
    )]
    NoNameColumn {
        /// The column headers of the file.
        headers: Vec<String>,
    },
    /// A mapping override names a column the file does not have.
    #[error("no column is headed \"{header}\"; the columns are: {}", found_list(.headers, Language::English))]
    UnknownHeader {
        /// The header asked for.
        header: String,
        /// The column headers of the file.
        headers: Vec<String>,
    },
    /// A mapping override names an unknown field.
    #[error("\"{field}\" is not a field; use one of: {expected}")]
    UnknownField {
        /// The field asked for.
        field: String,
        /// The field names, comma-separated.
        expected: String,
    },
    /// A mapping override is not of the form `Header=field`.
    #[error("\"{text}\" is not of the form \"Header=field\"")]
    BadOverride {
        /// The override as given.
        text: String,
    },
    /// The column mapping was made for a table with other columns.
    #[error("the column mapping does not belong to this file (its columns differ)")]
    MappingMismatch,
    /// The map would hold more people than the limit.
    #[error(
        "the map would hold {count} people, more than the limit of {limit}; import fewer contacts"
    )]
    TooManyPeople {
        /// People after the import.
        count: usize,
        /// The limit.
        limit: usize,
    },
}

impl ImportError {
    /// The message in `language`: the same text as [`std::fmt::Display`] in
    /// English (which the command line prints), Simplified Chinese for the app.
    /// Reasons from the operating system or a parser stay as they were given.
    pub fn message(&self, language: Language) -> String {
        match language {
            Language::English => self.to_string(),
            Language::Chinese => self.chinese(),
        }
    }

    fn chinese(&self) -> String {
        let zh = Language::Chinese;
        match self {
            Self::Read { path, source } => {
                format!("无法读取联系人文件（{source}）：{}", path.display())
            }
            Self::UnsupportedFormat { path, .. } => format!(
                "Powermap 只能从 .csv、.tsv、.txt 和 .xlsx 文件导入联系人{}：{}",
                format_hint(&extension(path), zh),
                path.display()
            ),
            Self::TooLarge { size, limit } => {
                format!("文件大小为 {size} 字节，超过了 {limit} 字节（64 MiB）的上限")
            }
            Self::TooMuchText { limit } => {
                format!("工作表中的文字超过 {limit} 字节，超出了 Powermap 能导入的上限")
            }
            Self::Archive(refusal) => refusal.message(zh),
            Self::TooManyRows { limit } => {
                format!("文件中的联系人超过 {limit} 行，请拆分成几个较小的文件")
            }
            Self::TooManyColumns { row, limit } => {
                format!("第 {row} 行超过 {limit} 列，联系人列表用不了这么多列")
            }
            Self::TooManyCells { limit } => {
                format!("文件中的单元格超过 {limit} 个，请删除不需要的列，或拆分成几个较小的文件")
            }
            Self::Empty => "文件是空的：没有标题行".to_owned(),
            Self::Csv { message } => format!("不是可读的 CSV 文件：{message}"),
            Self::Workbook { message } if message == DAMAGED_WORKBOOK => {
                "不是可读的 Excel 工作簿（.xlsx）：文件已损坏，或者不是工作簿".to_owned()
            }
            Self::Workbook { message } => {
                format!("不是可读的 Excel 工作簿（.xlsx）：{message}")
            }
            Self::NoWorksheet => "工作簿中没有工作表".to_owned(),
            Self::NoSuchSheet { sheet, available } => format!(
                "工作簿中没有名为“{sheet}”的工作表；现有的工作表：{}",
                available.join("、")
            ),
            Self::NoNameColumn { headers } => format!(
                "文件中没有姓名列，现有的列：{}；请把一列映射为“姓名”，\
                 或把两列分别映射为“名”和“姓”",
                found_list(headers, zh)
            ),
            Self::UnknownHeader { header, headers } => format!(
                "没有标题为“{header}”的列；现有的列：{}",
                found_list(headers, zh)
            ),
            Self::UnknownField { field, expected } => {
                format!("“{field}”不是字段名；可用的有：{expected}")
            }
            Self::BadOverride { text } => format!("“{text}”不符合“列标题=字段”的格式"),
            Self::MappingMismatch => "列映射与此文件不符（两者的列不同）".to_owned(),
            Self::TooManyPeople { count, limit } => {
                format!("导入后地图上将有 {count} 人，超过了 {limit} 人的上限；请少导入一些联系人")
            }
        }
    }
}

/// Advice for a spreadsheet format Powermap does not read but can save a file
/// Powermap reads: "; save this .xls file as .xlsx or as \"CSV UTF-8\"", or ""
/// for other extensions (given in lower case).
pub(super) fn format_hint(extension: &str, language: Language) -> String {
    if !matches!(
        extension,
        "xls" | "xlsm" | "xlsb" | "ods" | "numbers" | "et"
    ) {
        return String::new();
    }
    match language {
        Language::English => {
            format!("; save this .{extension} file as .xlsx or as \"CSV UTF-8\"")
        }
        Language::Chinese => {
            format!("；请把这个 .{extension} 文件另存为 .xlsx 或“CSV UTF-8”格式")
        }
    }
}

/// The extension of `path` in lower case, or "".
fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// "Company, Phone, Email" (English) or "Company、Phone、Email" (Chinese) for
/// messages; at most a dozen, then "…".
fn found_list(headers: &[String], language: Language) -> String {
    const SHOWN: usize = 12;
    let named: Vec<String> = headers
        .iter()
        .filter(|h| !h.trim().is_empty())
        .map(|h| super::text::shorten(h.trim(), 40))
        .collect();
    let (separator, none) = match language {
        Language::English => (", ", "no column headers"),
        Language::Chinese => ("、", "无"),
    };
    if named.is_empty() {
        return none.to_owned();
    }
    let mut text = named
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(separator);
    if named.len() > SHOWN {
        text.push_str(separator);
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::is_cjk;

    fn strings(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| (*t).to_owned()).collect()
    }

    /// One error of every kind.
    fn every_error() -> Vec<ImportError> {
        vec![
            ImportError::Read {
                path: PathBuf::from("/home/ann/联系人.csv"),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "gone"),
            },
            ImportError::UnsupportedFormat {
                path: PathBuf::from("old.XLS"),
                hint: format_hint("xls", Language::English),
            },
            ImportError::UnsupportedFormat {
                path: PathBuf::from("contacts.pdf"),
                hint: String::new(),
            },
            ImportError::TooLarge {
                size: 70_000_000,
                limit: 67_108_864,
            },
            ImportError::TooMuchText { limit: 268_435_456 },
            ImportError::Archive(super::super::WorkbookRefusal::SizeLie {
                part: "xl/sharedStrings.xml".to_owned(),
                declared: 1000,
            }),
            ImportError::TooManyRows { limit: 100_000 },
            ImportError::TooManyColumns {
                row: 2,
                limit: 1000,
            },
            ImportError::TooManyCells { limit: 10_000_000 },
            ImportError::Empty,
            ImportError::Csv {
                message: "unterminated quote".to_owned(),
            },
            ImportError::Workbook {
                message: DAMAGED_WORKBOOK.to_owned(),
            },
            ImportError::Workbook {
                message: "zip error".to_owned(),
            },
            ImportError::NoWorksheet,
            ImportError::NoSuchSheet {
                sheet: "重点客户".to_owned(),
                available: strings(&["Sheet1", "Sheet2"]),
            },
            ImportError::NoNameColumn {
                headers: strings(&["Company", "Phone", ""]),
            },
            ImportError::NoNameColumn { headers: vec![] },
            ImportError::UnknownHeader {
                header: "Boss".to_owned(),
                headers: strings(&["姓名", "电话"]),
            },
            ImportError::UnknownField {
                field: "boss".to_owned(),
                expected: "name, title, ignore".to_owned(),
            },
            ImportError::BadOverride {
                text: "Who".to_owned(),
            },
            ImportError::MappingMismatch,
            ImportError::TooManyPeople {
                count: 10_001,
                limit: 10_000,
            },
        ]
    }

    /// The numbers, names and reasons a message must show, in either language.
    /// The match is exhaustive: a new kind does not compile until it is tested.
    fn data(err: &ImportError) -> Vec<String> {
        match err {
            ImportError::Read { path, source } => {
                vec![path.display().to_string(), source.to_string()]
            }
            ImportError::UnsupportedFormat { path, hint } => {
                let mut data = vec![path.display().to_string(), ".xlsx".to_owned()];
                if !hint.is_empty() {
                    data.push(".xls ".to_owned());
                }
                data
            }
            ImportError::TooLarge { size, limit } => vec![size.to_string(), limit.to_string()],
            ImportError::TooMuchText { limit }
            | ImportError::TooManyRows { limit }
            | ImportError::TooManyCells { limit } => vec![limit.to_string()],
            ImportError::TooManyColumns { row, limit } => {
                vec![row.to_string(), limit.to_string()]
            }
            ImportError::Csv { message } => vec![message.clone()],
            ImportError::Archive(refusal) => refusal.data(),
            ImportError::Workbook { message } if message == DAMAGED_WORKBOOK => {
                vec![".xlsx".to_owned()]
            }
            ImportError::Workbook { message } => vec![message.clone()],
            ImportError::NoSuchSheet { sheet, available } => {
                let mut data = available.clone();
                data.push(sheet.clone());
                data
            }
            ImportError::NoNameColumn { headers } => {
                headers.iter().filter(|h| !h.is_empty()).cloned().collect()
            }
            ImportError::UnknownHeader { header, headers } => {
                let mut data = headers.clone();
                data.push(header.clone());
                data
            }
            ImportError::UnknownField { field, expected } => {
                vec![field.clone(), expected.clone()]
            }
            ImportError::BadOverride { text } => vec![text.clone()],
            ImportError::TooManyPeople { count, limit } => {
                vec![count.to_string(), limit.to_string()]
            }
            ImportError::Empty | ImportError::NoWorksheet | ImportError::MappingMismatch => {
                vec![]
            }
        }
    }

    #[test]
    fn every_error_reads_in_chinese_with_the_same_data_as_in_english() {
        for err in every_error() {
            let english = err.message(Language::English);
            let chinese = err.message(Language::Chinese);
            assert_eq!(english, err.to_string(), "English is the Display text");
            assert!(chinese.chars().any(is_cjk), "{chinese}");
            assert!(!chinese.contains(". Powermap"), "{chinese}");
            for datum in data(&err) {
                assert!(english.contains(&datum), "{datum} in {english}");
                assert!(chinese.contains(&datum), "{datum} in {chinese}");
            }
        }
    }

    #[test]
    fn chinese_errors_read_naturally() {
        let zh = |err: ImportError| err.message(Language::Chinese);
        assert_eq!(
            zh(ImportError::UnsupportedFormat {
                path: PathBuf::from("old.XLS"),
                hint: String::new(),
            }),
            "Powermap 只能从 .csv、.tsv、.txt 和 .xlsx 文件导入联系人；\
             请把这个 .xls 文件另存为 .xlsx 或“CSV UTF-8”格式：old.XLS"
        );
        assert_eq!(
            zh(ImportError::NoNameColumn {
                headers: strings(&["Company", "Phone"]),
            }),
            "文件中没有姓名列，现有的列：Company、Phone；请把一列映射为“姓名”，\
             或把两列分别映射为“名”和“姓”"
        );
        assert!(zh(ImportError::NoNameColumn { headers: vec![] }).contains("现有的列：无"));
        assert_eq!(
            zh(ImportError::NoSuchSheet {
                sheet: "重点客户".to_owned(),
                available: strings(&["Sheet1", "Sheet2"]),
            }),
            "工作簿中没有名为“重点客户”的工作表；现有的工作表：Sheet1、Sheet2"
        );
        assert_eq!(
            zh(ImportError::TooManyColumns {
                row: 2,
                limit: 1000
            }),
            "第 2 行超过 1000 列，联系人列表用不了这么多列"
        );
        let many: Vec<String> = (1..=13).map(|n| format!("C{n}")).collect();
        let list = zh(ImportError::UnknownHeader {
            header: "Boss".to_owned(),
            headers: many,
        });
        assert!(list.ends_with("C11、C12、…"), "{list}");
    }
}
