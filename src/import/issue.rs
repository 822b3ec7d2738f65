//! What can be wrong with one row of a contact list, as data, and its sentence in
//! English or Chinese.

use super::field::Field;
use super::matching::ApartReason;
use super::table::ColumnLabel;
use super::words::accepted;
use crate::lang::Language;

/// Why a row was skipped or merged, or why its reporting line was left out. Names
/// are shortened for messages already.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowIssueKind {
    /// A mapped cell is longer than a text field may be; the row is skipped.
    CellTooLong {
        /// The column of the cell.
        column: ColumnLabel,
        /// The cell's length in bytes.
        bytes: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The name cells are empty; the row is skipped.
    NoName {
        /// The columns that give names (name, or first and last name); empty when
        /// none does.
        columns: Vec<ColumnLabel>,
    },
    /// The composed name is longer than a name may be; the row is skipped.
    NameTooLong {
        /// The name's length in bytes.
        bytes: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// Someone has the same name (or e-mail) but the row was kept apart from them
    /// (see [`super::matching`]); the row became a new person.
    Namesake {
        /// The row's name.
        name: String,
        /// The other person's name.
        other: String,
        /// The row the other person comes from; `None` when they are on the map.
        other_row: Option<usize>,
        /// Why they were kept apart.
        reason: ApartReason,
        /// The row's and the other person's differing title or department.
        values: Option<(String, String)>,
    },
    /// The row was taken for a namesake by name only, and its contact details
    /// were not copied (the user did not confirm).
    NameMatch {
        /// The row's name.
        name: String,
        /// The other person's name.
        other: String,
        /// The row the other person comes from; `None` when they are on the map.
        other_row: Option<usize>,
    },
    /// A cell of an enumerated or date column could not be read; that value was
    /// left out and the rest of the row used.
    UnknownValue {
        /// The column.
        column: ColumnLabel,
        /// The field the column fills.
        field: Field,
        /// The cell, shortened.
        value: String,
    },
    /// A later row for a person seen before; only empty fields were filled.
    SamePerson {
        /// The person's name.
        name: String,
        /// The row the person was first seen in.
        first_row: usize,
    },
    /// The row names another manager than an earlier row for the same person; the
    /// first was kept.
    ConflictingManager {
        /// The manager this row names.
        manager: String,
        /// The manager kept.
        kept: String,
        /// The row that named the kept manager.
        kept_row: usize,
    },
    /// Several people have the manager's name; no reporting line.
    AmbiguousManager {
        /// The manager as named in the file.
        manager: String,
        /// How many people have that name.
        count: usize,
    },
    /// Nobody in the file or on the map is the manager; no reporting line.
    ManagerNotFound {
        /// The manager as named in the file.
        manager: String,
    },
    /// The person is named as their own manager; no reporting line.
    OwnManager {
        /// The person.
        name: String,
    },
    /// The reporting line would close a cycle; it is left out.
    Cycle {
        /// The person.
        name: String,
        /// The manager named.
        manager: String,
    },
}

impl RowIssueKind {
    /// The same issue with every piece of text from the file passed through `f`
    /// (the command line makes them safe for the terminal with it).
    pub fn map_text(&self, f: impl Fn(&str) -> String) -> Self {
        let label = |c: &ColumnLabel| match c {
            ColumnLabel::Header(h) => ColumnLabel::Header(f(h)),
            ColumnLabel::Letter(l) => ColumnLabel::Letter(l.clone()),
        };
        match self {
            Self::CellTooLong {
                column,
                bytes,
                limit,
            } => Self::CellTooLong {
                column: label(column),
                bytes: *bytes,
                limit: *limit,
            },
            Self::NoName { columns } => Self::NoName {
                columns: columns.iter().map(label).collect(),
            },
            Self::NameTooLong { bytes, limit } => Self::NameTooLong {
                bytes: *bytes,
                limit: *limit,
            },
            Self::Namesake {
                name,
                other,
                other_row,
                reason,
                values,
            } => Self::Namesake {
                name: f(name),
                other: f(other),
                other_row: *other_row,
                reason: *reason,
                values: values.as_ref().map(|(a, b)| (f(a), f(b))),
            },
            Self::NameMatch {
                name,
                other,
                other_row,
            } => Self::NameMatch {
                name: f(name),
                other: f(other),
                other_row: *other_row,
            },
            Self::UnknownValue {
                column,
                field,
                value,
            } => Self::UnknownValue {
                column: label(column),
                field: *field,
                value: f(value),
            },
            Self::SamePerson { name, first_row } => Self::SamePerson {
                name: f(name),
                first_row: *first_row,
            },
            Self::ConflictingManager {
                manager,
                kept,
                kept_row,
            } => Self::ConflictingManager {
                manager: f(manager),
                kept: f(kept),
                kept_row: *kept_row,
            },
            Self::AmbiguousManager { manager, count } => Self::AmbiguousManager {
                manager: f(manager),
                count: *count,
            },
            Self::ManagerNotFound { manager } => Self::ManagerNotFound {
                manager: f(manager),
            },
            Self::OwnManager { name } => Self::OwnManager { name: f(name) },
            Self::Cycle { name, manager } => Self::Cycle {
                name: f(name),
                manager: f(manager),
            },
        }
    }

    /// The issue in a sentence, without the row number.
    pub fn message(&self, language: Language) -> String {
        match language {
            Language::English => self.english(),
            Language::Chinese => self.chinese(),
        }
    }

    fn english(&self) -> String {
        let en = Language::English;
        match self {
            Self::CellTooLong {
                column,
                bytes,
                limit,
            } => format!(
                "the {} cell is {bytes} bytes long, more than the limit of {limit} bytes; \
                 row skipped",
                column.text(en)
            ),
            Self::NoName { columns } => {
                let labels: Vec<String> = columns.iter().map(|c| c.text(en)).collect();
                let which = match labels.as_slice() {
                    [one] => format!("{one} is empty"),
                    [rest @ .., last] => format!("{} and {last} are empty", rest.join(", ")),
                    [] => "no name column".to_owned(),
                };
                format!("no name ({which}); row skipped")
            }
            Self::NameTooLong { bytes, limit } => format!(
                "the name is {bytes} bytes long, more than the limit of {limit} bytes; \
                 row skipped"
            ),
            Self::Namesake {
                name,
                other,
                other_row,
                reason,
                values,
            } => {
                let other = match other_row {
                    Some(row) => format!("\"{other}\" (row {row})"),
                    None => format!("\"{other}\" on the map"),
                };
                let differs = |what: &str| match values {
                    Some((ours, theirs)) => {
                        format!("another {what} (\"{ours}\", not \"{theirs}\")")
                    }
                    None => format!("another {what}"),
                };
                let why = match reason {
                    ApartReason::OtherEmail => {
                        format!("has the same name as {other} but another e-mail")
                    }
                    ApartReason::OtherTitle => {
                        format!("has the same name as {other} but {}", differs("title"))
                    }
                    ApartReason::OtherDepartment => {
                        format!("has the same name as {other} but {}", differs("department"))
                    }
                    ApartReason::NameMatchingOff => {
                        format!("has the same name as {other}; matching by name is off")
                    }
                    ApartReason::Chosen => format!("was kept apart from {other} as chosen"),
                };
                format!("\"{name}\" {why}; added as a separate person")
            }
            Self::NameMatch {
                name,
                other,
                other_row,
            } => {
                let other = match other_row {
                    Some(row) => format!("\"{other}\" (row {row})"),
                    None => format!("\"{other}\" on the map"),
                };
                format!(
                    "\"{name}\" taken for {other} by name only; e-mail and phone not copied \
                     (confirm the match to copy them)"
                )
            }
            Self::UnknownValue {
                column,
                field,
                value,
            } => format!(
                "\"{value}\" in {} is not understood ({}); left out",
                column.text(en),
                accepted(*field, en)
            ),
            Self::SamePerson { name, first_row } => format!(
                "same person as row {first_row} (\"{name}\"); merged: only empty fields filled"
            ),
            Self::ConflictingManager {
                manager,
                kept,
                kept_row,
            } => format!(
                "reports to \"{manager}\" here but to \"{kept}\" in row {kept_row}; \
                 kept the first"
            ),
            Self::AmbiguousManager { manager, count } => format!(
                "manager \"{manager}\" is ambiguous: {count} people have this name; \
                 no reports-to line"
            ),
            Self::ManagerNotFound { manager } => format!(
                "manager \"{manager}\" not found in the file or on the map; no reports-to line"
            ),
            Self::OwnManager { name } => {
                format!("\"{name}\" is named as their own manager; no reports-to line")
            }
            Self::Cycle { name, manager } => format!(
                "\"{name}\" reporting to \"{manager}\" would close a cycle of reporting \
                 lines; no reports-to line"
            ),
        }
    }

    fn chinese(&self) -> String {
        match self {
            Self::CellTooLong {
                column,
                bytes,
                limit,
            } => format!(
                "{}的单元格长 {bytes} 字节，超过了 {limit} 字节的上限，已跳过",
                column_in_chinese(column)
            ),
            Self::NoName { columns } => {
                let labels: Vec<String> = columns.iter().map(quoted_in_chinese).collect();
                let which = match labels.as_slice() {
                    [one] => format!("{one}为空"),
                    [rest @ .., last] => format!("{}和{last}都为空", rest.join("、")),
                    [] => "没有姓名列".to_owned(),
                };
                format!("没有姓名（{which}），已跳过")
            }
            Self::NameTooLong { bytes, limit } => {
                format!("姓名长 {bytes} 字节，超过了 {limit} 字节的上限，已跳过")
            }
            Self::Namesake {
                name,
                other,
                other_row,
                reason,
                values,
            } => {
                let other = match other_row {
                    Some(row) => format!("第 {row} 行的“{other}”"),
                    None => format!("地图上的“{other}”"),
                };
                let differs = |what: &str| match values {
                    Some((ours, theirs)) => format!("{what}不同（“{ours}”，而非“{theirs}”）"),
                    None => format!("{what}不同"),
                };
                let why = match reason {
                    ApartReason::OtherEmail => format!("与{other}同名但邮箱不同"),
                    ApartReason::OtherTitle => format!("与{other}同名但{}", differs("职务")),
                    ApartReason::OtherDepartment => {
                        format!("与{other}同名但{}", differs("部门"))
                    }
                    ApartReason::NameMatchingOff => format!("与{other}同名，但已关闭按姓名匹配"),
                    ApartReason::Chosen => format!("已按您的选择与{other}分开"),
                };
                format!("“{name}”{why}，已作为另一个人添加")
            }
            Self::NameMatch {
                name,
                other,
                other_row,
            } => {
                let other = match other_row {
                    Some(row) => format!("第 {row} 行的“{other}”"),
                    None => format!("地图上的“{other}”"),
                };
                format!("“{name}”仅凭姓名被视为{other}，未复制邮箱和电话（确认匹配后才会复制）")
            }
            Self::UnknownValue {
                column,
                field,
                value,
            } => format!(
                "{}中的“{value}”无法识别（可用：{}），此项未导入",
                column_in_chinese(column),
                accepted(*field, Language::Chinese)
            ),
            Self::SamePerson { name, first_row } => {
                format!("与第 {first_row} 行是同一人（{name}），已合并：只补充了空字段")
            }
            Self::ConflictingManager {
                manager,
                kept,
                kept_row,
            } => format!("此行写的上级是“{manager}”，而第 {kept_row} 行写的是“{kept}”，保留了前者"),
            Self::AmbiguousManager { manager, count } => {
                format!("上级“{manager}”不明确：有 {count} 人同名，未建立汇报关系")
            }
            Self::ManagerNotFound { manager } => {
                format!("上级“{manager}”在文件和地图中都找不到，未建立汇报关系")
            }
            Self::OwnManager { name } => {
                format!("“{name}”被写成了自己的上级，未建立汇报关系")
            }
            Self::Cycle { name, manager } => {
                format!("“{name}”汇报给“{manager}”会使汇报关系形成循环，未建立汇报关系")
            }
        }
    }
}

/// "“备注”列" or "C 列".
fn column_in_chinese(column: &ColumnLabel) -> String {
    match column {
        ColumnLabel::Header(header) => format!("“{header}”列"),
        ColumnLabel::Letter(_) => column.text(Language::Chinese),
    }
}

/// "“姓名”" or "C 列".
fn quoted_in_chinese(column: &ColumnLabel) -> String {
    match column {
        ColumnLabel::Header(header) => format!("“{header}”"),
        ColumnLabel::Letter(_) => column.text(Language::Chinese),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::is_cjk;

    fn header(text: &str) -> ColumnLabel {
        ColumnLabel::Header(text.to_owned())
    }

    /// One issue of every kind.
    fn every_kind() -> Vec<RowIssueKind> {
        vec![
            RowIssueKind::CellTooLong {
                column: header("Notes"),
                bytes: 71_680,
                limit: 65_536,
            },
            RowIssueKind::CellTooLong {
                column: ColumnLabel::Letter("C".to_owned()),
                bytes: 70_000,
                limit: 65_536,
            },
            RowIssueKind::NoName {
                columns: vec![header("姓名")],
            },
            RowIssueKind::NoName {
                columns: vec![header("First Name"), header("Last Name")],
            },
            RowIssueKind::NoName { columns: vec![] },
            RowIssueKind::NameTooLong {
                bytes: 70_001,
                limit: 65_536,
            },
            RowIssueKind::Namesake {
                name: "Dee".to_owned(),
                other: "DEE".to_owned(),
                other_row: Some(4),
                reason: ApartReason::OtherEmail,
                values: None,
            },
            RowIssueKind::Namesake {
                name: "王芳".to_owned(),
                other: "王 芳".to_owned(),
                other_row: None,
                reason: ApartReason::OtherEmail,
                values: None,
            },
            RowIssueKind::SamePerson {
                name: "张伟".to_owned(),
                first_row: 6,
            },
            RowIssueKind::ConflictingManager {
                manager: "李娜".to_owned(),
                kept: "刘洋".to_owned(),
                kept_row: 3,
            },
            RowIssueKind::AmbiguousManager {
                manager: "Dee".to_owned(),
                count: 2,
            },
            RowIssueKind::ManagerNotFound {
                manager: "王立新".to_owned(),
            },
            RowIssueKind::OwnManager {
                name: "Cid".to_owned(),
            },
            RowIssueKind::Cycle {
                name: "Bob".to_owned(),
                manager: "Ann".to_owned(),
            },
            RowIssueKind::Namesake {
                name: "刘洋".to_owned(),
                other: "刘洋".to_owned(),
                other_row: None,
                reason: ApartReason::OtherTitle,
                values: Some(("教务处处长".to_owned(), "信息中心主任".to_owned())),
            },
            RowIssueKind::Namesake {
                name: "Ann Lee".to_owned(),
                other: "Ann Lee".to_owned(),
                other_row: Some(3),
                reason: ApartReason::OtherDepartment,
                values: Some(("Sales".to_owned(), "Finance".to_owned())),
            },
            RowIssueKind::Namesake {
                name: "Ann Lee".to_owned(),
                other: "ann lee".to_owned(),
                other_row: None,
                reason: ApartReason::NameMatchingOff,
                values: None,
            },
            RowIssueKind::Namesake {
                name: "Ann Lee".to_owned(),
                other: "Ann Lee".to_owned(),
                other_row: Some(2),
                reason: ApartReason::Chosen,
                values: None,
            },
            RowIssueKind::NameMatch {
                name: "刘洋".to_owned(),
                other: "刘洋".to_owned(),
                other_row: None,
            },
            RowIssueKind::UnknownValue {
                column: header("角色"),
                field: Field::Role,
                value: "VIP".to_owned(),
            },
        ]
    }

    /// The numbers and names a message must show, in either language. The match
    /// is exhaustive: a new kind does not compile until it is tested here.
    fn data(kind: &RowIssueKind) -> Vec<String> {
        let label = |c: &ColumnLabel| match c {
            ColumnLabel::Header(h) | ColumnLabel::Letter(h) => h.clone(),
        };
        match kind {
            RowIssueKind::CellTooLong {
                column,
                bytes,
                limit,
            } => vec![label(column), bytes.to_string(), limit.to_string()],
            RowIssueKind::NoName { columns } => columns.iter().map(label).collect(),
            RowIssueKind::NameTooLong { bytes, limit } => {
                vec![bytes.to_string(), limit.to_string()]
            }
            RowIssueKind::Namesake {
                name,
                other,
                other_row,
                reason: _,
                values,
            } => {
                let mut data = vec![name.clone(), other.clone()];
                data.extend(other_row.map(|r| r.to_string()));
                if let Some((ours, theirs)) = values {
                    data.extend([ours.clone(), theirs.clone()]);
                }
                data
            }
            RowIssueKind::NameMatch {
                name,
                other,
                other_row,
            } => {
                let mut data = vec![name.clone(), other.clone()];
                data.extend(other_row.map(|r| r.to_string()));
                data
            }
            RowIssueKind::UnknownValue { column, value, .. } => vec![label(column), value.clone()],
            RowIssueKind::SamePerson { name, first_row } => {
                vec![name.clone(), first_row.to_string()]
            }
            RowIssueKind::ConflictingManager {
                manager,
                kept,
                kept_row,
            } => vec![manager.clone(), kept.clone(), kept_row.to_string()],
            RowIssueKind::AmbiguousManager { manager, count } => {
                vec![manager.clone(), count.to_string()]
            }
            RowIssueKind::ManagerNotFound { manager } => vec![manager.clone()],
            RowIssueKind::OwnManager { name } => vec![name.clone()],
            RowIssueKind::Cycle { name, manager } => vec![name.clone(), manager.clone()],
        }
    }

    #[test]
    fn every_kind_reads_in_chinese_with_the_same_data_as_in_english() {
        for kind in every_kind() {
            let english = kind.message(Language::English);
            let chinese = kind.message(Language::Chinese);
            assert!(chinese.chars().any(is_cjk), "{chinese}");
            assert!(!chinese.contains('"'), "Chinese quotes are “”: {chinese}");
            for datum in data(&kind) {
                assert!(english.contains(&datum), "{datum} in {english}");
                assert!(chinese.contains(&datum), "{datum} in {chinese}");
            }
        }
    }

    #[test]
    fn english_sentences_are_as_before_and_chinese_ones_natural() {
        let [
            cell,
            letter,
            one,
            two,
            none,
            long,
            namesake,
            on_map,
            same,
            conflict,
            ambiguous,
            missing,
            own,
            cycle,
            title,
            department,
            off,
            chosen,
            name_match,
            value,
        ] = every_kind().try_into().unwrap();
        let en = |k: &RowIssueKind| k.message(Language::English);
        let zh = |k: &RowIssueKind| k.message(Language::Chinese);
        assert_eq!(
            en(&cell),
            "the Notes cell is 71680 bytes long, more than the limit of 65536 bytes; row skipped"
        );
        assert_eq!(
            zh(&cell),
            "“Notes”列的单元格长 71680 字节，超过了 65536 字节的上限，已跳过"
        );
        assert!(en(&letter).starts_with("the column C cell is 70000 bytes long"));
        assert!(zh(&letter).starts_with("C 列的单元格长 70000 字节"));
        assert_eq!(en(&one), "no name (姓名 is empty); row skipped");
        assert_eq!(zh(&one), "没有姓名（“姓名”为空），已跳过");
        assert_eq!(
            en(&two),
            "no name (First Name and Last Name are empty); row skipped"
        );
        assert_eq!(
            zh(&two),
            "没有姓名（“First Name”和“Last Name”都为空），已跳过"
        );
        assert_eq!(en(&none), "no name (no name column); row skipped");
        assert_eq!(zh(&none), "没有姓名（没有姓名列），已跳过");
        assert_eq!(
            zh(&long),
            "姓名长 70001 字节，超过了 65536 字节的上限，已跳过"
        );
        assert_eq!(
            en(&namesake),
            "\"Dee\" has the same name as \"DEE\" (row 4) but another e-mail; \
             added as a separate person"
        );
        assert_eq!(
            zh(&namesake),
            "“Dee”与第 4 行的“DEE”同名但邮箱不同，已作为另一个人添加"
        );
        assert!(en(&on_map).contains("\"王 芳\" on the map"));
        assert_eq!(
            zh(&on_map),
            "“王芳”与地图上的“王 芳”同名但邮箱不同，已作为另一个人添加"
        );
        assert_eq!(
            en(&same),
            "same person as row 6 (\"张伟\"); merged: only empty fields filled"
        );
        assert_eq!(
            zh(&same),
            "与第 6 行是同一人（张伟），已合并：只补充了空字段"
        );
        assert_eq!(
            en(&conflict),
            "reports to \"李娜\" here but to \"刘洋\" in row 3; kept the first"
        );
        assert_eq!(
            zh(&conflict),
            "此行写的上级是“李娜”，而第 3 行写的是“刘洋”，保留了前者"
        );
        assert_eq!(
            zh(&ambiguous),
            "上级“Dee”不明确：有 2 人同名，未建立汇报关系"
        );
        assert_eq!(
            en(&missing),
            "manager \"王立新\" not found in the file or on the map; no reports-to line"
        );
        assert_eq!(
            zh(&missing),
            "上级“王立新”在文件和地图中都找不到，未建立汇报关系"
        );
        assert_eq!(zh(&own), "“Cid”被写成了自己的上级，未建立汇报关系");
        assert_eq!(
            en(&cycle),
            "\"Bob\" reporting to \"Ann\" would close a cycle of reporting lines; \
             no reports-to line"
        );
        assert_eq!(
            zh(&cycle),
            "“Bob”汇报给“Ann”会使汇报关系形成循环，未建立汇报关系"
        );
        assert_eq!(
            en(&title),
            "\"刘洋\" has the same name as \"刘洋\" on the map but another title \
             (\"教务处处长\", not \"信息中心主任\"); added as a separate person"
        );
        assert_eq!(
            zh(&title),
            "“刘洋”与地图上的“刘洋”同名但职务不同（“教务处处长”，而非“信息中心主任”），已作为另一个人添加"
        );
        assert!(en(&department).contains("another department (\"Sales\", not \"Finance\")"));
        assert!(en(&off).contains("matching by name is off"));
        assert!(zh(&off).contains("已关闭按姓名匹配"));
        assert!(en(&chosen).contains("kept apart from \"Ann Lee\" (row 2) as chosen"));
        assert_eq!(
            zh(&name_match),
            "“刘洋”仅凭姓名被视为地图上的“刘洋”，未复制邮箱和电话（确认匹配后才会复制）"
        );
        assert_eq!(
            en(&value),
            "\"VIP\" in 角色 is not understood (decision_maker, influencer, end_user, \
             gatekeeper, blocker, champion, unknown); left out"
        );
        assert!(zh(&value).starts_with("“角色”列中的“VIP”无法识别（可用：决策者、影响者"));
    }

    #[test]
    fn map_text_reaches_every_piece_of_file_text() {
        for kind in every_kind() {
            let marked = kind.map_text(|t| format!("<{t}>"));
            for datum in data(&kind) {
                // Numbers and column letters are not text from the file.
                if datum
                    .chars()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
                {
                    continue;
                }
                let english = marked.message(Language::English);
                assert!(
                    english.contains(&format!("<{datum}>")),
                    "{datum} in {english}"
                );
            }
        }
    }
}
