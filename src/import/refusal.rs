//! Why a workbook's archive is refused: damaged, or built (by accident or on
//! purpose) to unpack to more than Powermap reads. Worded for the user in English
//! and Chinese, with what to do about it.

use crate::lang::Language;

/// Advice for a workbook too large to read, in each language.
const SAVE_SHEET_ALONE: (&str, &str) = (
    "save the contact sheet alone as .xlsx or as \"CSV UTF-8\"",
    "请把联系人工作表单独另存为 .xlsx 或“CSV UTF-8”格式",
);

/// Why a workbook's archive is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WorkbookRefusal {
    /// The archive's structure is broken.
    #[error("the workbook is damaged: {}", .reason.text(Language::English))]
    Damaged {
        /// What is broken.
        reason: Damage,
    },
    /// A password-protected workbook, or an old .xls file renamed .xlsx.
    #[error(
        "the workbook is protected by a password or is an old .xls file; \
         open it in Excel and save it as .xlsx without a password"
    )]
    Protected,
    /// More parts than [`super::archive::MAX_PARTS`].
    #[error("the workbook holds more than {limit} files; {}", SAVE_SHEET_ALONE.0)]
    TooManyParts {
        /// The limit.
        limit: usize,
    },
    /// A part says (or turns out) to unpack to more than its limit.
    #[error(
        "\"{part}\" in the workbook unpacks to more than {limit} bytes, more than \
         Powermap reads; {}",
        SAVE_SHEET_ALONE.0
    )]
    PartTooLarge {
        /// The part's name.
        part: String,
        /// The limit for such a part.
        limit: u64,
    },
    /// A part unpacks to more bytes than the archive declares for it: a damaged
    /// file, or one made to exhaust memory.
    #[error(
        "\"{part}\" in the workbook unpacks to more than the {declared} bytes the file \
         declares for it: the file is damaged or made to exhaust memory"
    )]
    SizeLie {
        /// The part's name.
        part: String,
        /// The size the archive declares.
        declared: u64,
    },
    /// All parts read together unpacked to more than the limit.
    #[error("the workbook unpacks to more than {limit} bytes, more than Powermap reads; {}", SAVE_SHEET_ALONE.0)]
    TooMuchUnpacked {
        /// The limit.
        limit: u64,
    },
    /// One cell's markup is larger than any cell Excel writes.
    #[error(
        "a cell of the sheet takes more than {limit} bytes, more than Excel allows in a \
         cell (32,767 characters)"
    )]
    CellTooLarge {
        /// The limit.
        limit: u64,
    },
    /// More shared texts than the limit.
    #[error("the workbook holds more than {limit} texts, more than Powermap reads; {}", SAVE_SHEET_ALONE.0)]
    TooManyTexts {
        /// The limit (counted as markup tags, a few per text).
        limit: u64,
    },
}

/// What is broken in a damaged archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Damage {
    /// No end-of-directory record where the format puts it.
    NoDirectory,
    /// The directory does not describe parts where they are.
    BrokenDirectory,
    /// A part ends before the size the archive declares.
    PartTooShort {
        /// The part's name.
        part: String,
    },
    /// A part is encrypted.
    EncryptedPart {
        /// The part's name.
        part: String,
    },
    /// A part is compressed with a method spreadsheets do not use.
    UnknownMethod {
        /// The part's name.
        part: String,
        /// The method's number in the zip format.
        method: u16,
    },
    /// A part's deflate stream is broken.
    BrokenPart {
        /// The part's name.
        part: String,
    },
}

impl Damage {
    /// The reason in `language`.
    pub fn text(&self, language: Language) -> String {
        let chinese = language == Language::Chinese;
        match (self, chinese) {
            (Self::NoDirectory, false) => "it is not a zip archive".to_owned(),
            (Self::NoDirectory, true) => "它不是 zip 压缩包".to_owned(),
            (Self::BrokenDirectory, false) => "its table of contents is broken".to_owned(),
            (Self::BrokenDirectory, true) => "它的文件目录已损坏".to_owned(),
            (Self::PartTooShort { part }, false) => {
                format!("\"{part}\" is shorter than the file declares")
            }
            (Self::PartTooShort { part }, true) => format!("“{part}”比文件声明的短"),
            (Self::EncryptedPart { part }, false) => format!("\"{part}\" is encrypted"),
            (Self::EncryptedPart { part }, true) => format!("“{part}”已加密"),
            (Self::UnknownMethod { part, method }, false) => {
                format!(
                    "\"{part}\" is compressed with method {method}, which spreadsheets do not use"
                )
            }
            (Self::UnknownMethod { part, method }, true) => {
                format!("“{part}”使用了电子表格不用的压缩方法 {method}")
            }
            (Self::BrokenPart { part }, false) => format!("\"{part}\" cannot be unpacked"),
            (Self::BrokenPart { part }, true) => format!("“{part}”无法解压"),
        }
    }
}

impl WorkbookRefusal {
    /// The message in `language` (English is the `Display` text).
    pub fn message(&self, language: Language) -> String {
        if language == Language::English {
            return self.to_string();
        }
        let advice = SAVE_SHEET_ALONE.1;
        match self {
            Self::Damaged { reason } => format!("工作簿已损坏：{}", reason.text(language)),
            Self::Protected => {
                "工作簿设有密码，或者是旧的 .xls 文件；请在 Excel 中打开，另存为不带密码的 .xlsx 文件"
                    .to_owned()
            }
            Self::TooManyParts { limit } => {
                format!("工作簿中的文件超过 {limit} 个；{advice}")
            }
            Self::PartTooLarge { part, limit } => {
                format!("工作簿中的“{part}”解压后超过 {limit} 字节，超出了 Powermap 能读取的上限；{advice}")
            }
            Self::SizeLie { part, declared } => format!(
                "工作簿中的“{part}”解压后超过文件声明的 {declared} 字节：文件已损坏，或是故意构造来耗尽内存的"
            ),
            Self::TooMuchUnpacked { limit } => {
                format!("工作簿解压后超过 {limit} 字节，超出了 Powermap 能读取的上限；{advice}")
            }
            Self::CellTooLarge { limit } => format!(
                "工作表中有一个单元格超过 {limit} 字节，超出了 Excel 单元格的上限（32,767 个字符）"
            ),
            Self::TooManyTexts { limit } => {
                format!("工作簿中的文字条目超过 {limit} 个，超出了 Powermap 能读取的上限；{advice}")
            }
        }
    }
}

#[cfg(test)]
impl WorkbookRefusal {
    /// The numbers and names a message must show, in either language. The match
    /// is exhaustive: a new kind does not compile until it is tested.
    pub(crate) fn data(&self) -> Vec<String> {
        match self {
            Self::Damaged { reason } => match reason {
                Damage::NoDirectory | Damage::BrokenDirectory => vec![],
                Damage::PartTooShort { part }
                | Damage::EncryptedPart { part }
                | Damage::BrokenPart { part } => vec![part.clone()],
                Damage::UnknownMethod { part, method } => vec![part.clone(), method.to_string()],
            },
            Self::Protected => vec![".xlsx".to_owned()],
            Self::TooManyParts { limit } => vec![limit.to_string(), "CSV UTF-8".to_owned()],
            Self::PartTooLarge { part, limit } => vec![part.clone(), limit.to_string()],
            Self::SizeLie { part, declared } => vec![part.clone(), declared.to_string()],
            Self::TooMuchUnpacked { limit }
            | Self::CellTooLarge { limit }
            | Self::TooManyTexts { limit } => vec![limit.to_string()],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::is_cjk;

    fn every_refusal() -> Vec<WorkbookRefusal> {
        let part = || "xl/worksheets/sheet1.xml".to_owned();
        let damaged = |reason| WorkbookRefusal::Damaged { reason };
        vec![
            damaged(Damage::NoDirectory),
            damaged(Damage::BrokenDirectory),
            damaged(Damage::PartTooShort { part: part() }),
            damaged(Damage::EncryptedPart { part: part() }),
            damaged(Damage::UnknownMethod {
                part: part(),
                method: 14,
            }),
            damaged(Damage::BrokenPart { part: part() }),
            WorkbookRefusal::Protected,
            WorkbookRefusal::TooManyParts { limit: 10_000 },
            WorkbookRefusal::PartTooLarge {
                part: part(),
                limit: 268_435_456,
            },
            WorkbookRefusal::SizeLie {
                part: part(),
                declared: 1_000,
            },
            WorkbookRefusal::TooMuchUnpacked { limit: 402_653_184 },
            WorkbookRefusal::CellTooLarge { limit: 8_388_608 },
            WorkbookRefusal::TooManyTexts { limit: 500_000 },
        ]
    }

    #[test]
    fn every_refusal_reads_in_both_languages_with_the_same_data() {
        for refusal in every_refusal() {
            let english = refusal.message(Language::English);
            let chinese = refusal.message(Language::Chinese);
            assert_eq!(english, refusal.to_string());
            assert!(chinese.chars().any(is_cjk), "{chinese}");
            assert!(!english.chars().any(is_cjk), "{english}");
            for datum in refusal.data() {
                assert!(english.contains(&datum), "{datum} in {english}");
                assert!(chinese.contains(&datum), "{datum} in {chinese}");
            }
        }
    }
}
