//! Errors from opening, saving and editing, in the UI language. English is the
//! library's own wording; Chinese says the same with the same details (paths, lines,
//! ids). Problems inside a map name JSON fields, which stay as written.

use super::i18n::{Language, Tr};
use crate::edit::EditError;
use crate::format::{LoadError, SaveError};
use crate::model::Problem;

fn problems_zh(problems: &[Problem]) -> String {
    let mut text = format!("地图有 {} 处问题：", problems.len());
    for problem in problems {
        text.push_str("\n  - ");
        text.push_str(&problem.to_string());
    }
    text
}

/// Why a map could not be opened.
pub fn load_error(err: &LoadError, tr: Tr) -> String {
    if tr.0 == Language::English {
        return format!("{err:#}");
    }
    match err {
        LoadError::Read { path, source } => format!("无法读取文件（{source}）：{}", path.display()),
        LoadError::TooLarge { size, limit } => {
            format!("文件有 {size} 字节，超过 {limit} 字节（64 MiB）的上限")
        }
        LoadError::Json {
            line,
            column,
            message,
        } => format!("第 {line} 行第 {column} 列不是有效的 JSON：{message}"),
        LoadError::NotPowermap { reason } => format!("不是权力地图文件：{reason}"),
        LoadError::TooNew { found, supported } => {
            format!(
                "地图使用格式版本 {found}，而本程序只能读取到版本 {supported}；请用更新的版本打开"
            )
        }
        LoadError::TooManyStakeholders { count, limit } => {
            format!("地图有 {count} 位干系人，超过 {limit} 的上限")
        }
        LoadError::StringTooLong {
            location,
            length,
            limit,
        } => {
            format!("{location} 处的文本长 {length} 字节，超过 {limit} 字节的上限")
        }
        LoadError::Invalid(problems) => problems_zh(problems),
    }
}

fn step_zh(step: &str) -> &str {
    match step {
        "checking the target" => "检查目标文件",
        "creating the temporary file" => "创建临时文件",
        "writing the temporary file" => "写入临时文件",
        "flushing the temporary file to disk" => "将临时文件写入磁盘",
        "keeping the previous version as a backup" => "保留上一版本作为备份",
        "replacing the file" => "替换文件",
        other => other,
    }
}

/// Why a map could not be saved (the file on disk is unchanged).
pub fn save_error(err: &SaveError, tr: Tr) -> String {
    if tr.0 == Language::English {
        return format!("{err:#}");
    }
    match err {
        SaveError::Io { step, path, source } => {
            format!(
                "无法保存：{}失败（{source}）。原文件未被改动：{}",
                step_zh(step),
                path.display()
            )
        }
        SaveError::TooLarge { size, limit } => {
            format!("无法保存：地图将占 {size} 字节，超过 {limit} 字节（64 MiB）的上限")
        }
        SaveError::Invalid(problems) => format!("无法保存：{}", problems_zh(problems)),
        SaveError::ReadOnly { path } => {
            format!(
                "无法保存：该文件是只读的，请另存为其他文件名：{}",
                path.display()
            )
        }
        SaveError::ChangedOnDisk { path } => format!(
            "无法保存：打开之后，该文件已被他人修改；未覆盖任何内容：{}",
            path.display()
        ),
        SaveError::Busy { path } => format!(
            "无法保存：另一个程序正在保存这张地图，请稍后再试：{}",
            path.display()
        ),
    }
}

/// Why an edit was refused (the map is unchanged).
pub fn edit_error(err: &EditError, tr: Tr) -> String {
    if tr.0 == Language::English {
        return err.to_string();
    }
    match err {
        EditError::NoSuchStakeholder(id) => format!("没有编号为“{id}”的干系人"),
        EditError::NoSuchRelationship(id) => format!("没有编号为“{id}”的关系"),
        EditError::NoSuchTeamMember(id) => format!("没有编号为“{id}”的团队成员"),
        EditError::DuplicateId(id) => format!("编号“{id}”已被使用"),
        EditError::SelfLoop => "关系必须连接两个不同的人".to_owned(),
        EditError::ReportingCycle { from, to } => {
            format!("“{from}”不能汇报给“{to}”：这会形成汇报关系的循环")
        }
        EditError::TooManyStakeholders(limit) => format!("一张地图最多 {limit} 位干系人"),
        EditError::Invalid(problems) => problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("；"),
        EditError::NothingTo(what) => match *what {
            "undo" => "没有可撤销的操作".to_owned(),
            _ => "没有可重做的操作".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_errors_keep_the_details() {
        let zh = Tr(Language::Chinese);
        let err = LoadError::Json {
            line: 3,
            column: 16,
            message: "expected value".into(),
        };
        assert_eq!(
            load_error(&err, zh),
            "第 3 行第 16 列不是有效的 JSON：expected value"
        );
        assert_eq!(load_error(&err, Tr(Language::English)), err.to_string());
        let err = EditError::ReportingCycle {
            from: "a".into(),
            to: "b".into(),
        };
        assert!(edit_error(&err, zh).contains("“a”不能汇报给“b”"));
        let err = SaveError::Io {
            step: "replacing the file",
            path: "/x/map.json".into(),
            source: std::io::Error::other("disk full"),
        };
        let text = save_error(&err, zh);
        assert!(
            text.contains("替换文件失败") && text.ends_with("/x/map.json"),
            "{text}"
        );
    }
}
