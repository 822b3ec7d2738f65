//! Errors from opening, saving and editing, in the UI language. English is the
//! library's own wording; Chinese says the same with the same details (paths, lines,
//! ids). Problems inside a map name JSON fields, which stay as written.

use std::io::ErrorKind;
use std::path::Path;

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
    if let LoadError::Read { path, source } = err {
        return read_error(path, source, tr);
    }
    if tr.0 == Language::English {
        return format!("{err:#}");
    }
    match err {
        LoadError::Read { path, source } => read_error(path, source, tr),
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

/// Why a file could not be read, in a sentence for a person.
fn read_error(path: &Path, source: &std::io::Error, tr: Tr) -> String {
    let shown = path.display();
    let zh = tr.0 == Language::Chinese;
    match source.kind() {
        ErrorKind::NotFound if zh => format!("找不到这个文件：{shown}"),
        ErrorKind::NotFound => format!("There is no file at {shown}."),
        ErrorKind::PermissionDenied if zh => format!("您没有读取这个文件的权限：{shown}"),
        ErrorKind::PermissionDenied => {
            format!("You do not have permission to read this file: {shown}")
        }
        ErrorKind::IsADirectory if zh => format!("这是一个文件夹，请选择其中的地图文件：{shown}"),
        ErrorKind::IsADirectory => {
            format!("This is a folder; choose a map file inside it: {shown}")
        }
        _ if zh => format!("无法读取这个文件（{}）：{shown}", io_reason(source, tr)),
        _ => format!(
            "The file could not be read ({}): {shown}",
            io_reason(source, tr)
        ),
    }
}

/// A short reason for an operating-system error, in the UI language.
pub fn io_reason(err: &std::io::Error, tr: Tr) -> String {
    let (en, zh) = match err.kind() {
        ErrorKind::NotFound => ("it does not exist", "不存在"),
        ErrorKind::PermissionDenied => ("permission denied", "没有权限"),
        ErrorKind::StorageFull => ("the disk is full", "磁盘已满"),
        ErrorKind::QuotaExceeded => ("your disk quota is used up", "磁盘配额已用完"),
        ErrorKind::ReadOnlyFilesystem => ("the disk is read-only", "磁盘为只读"),
        ErrorKind::IsADirectory => ("it is a folder", "这是一个文件夹"),
        ErrorKind::InvalidFilename => (
            "the name is too long or not allowed here",
            "文件名过长或包含此处不允许的字符",
        ),
        ErrorKind::InvalidInput if err.to_string().contains("named pipe") => (
            "it is a named pipe (FIFO), not a regular file",
            "这是命名管道（FIFO），不是普通文件",
        ),
        ErrorKind::InvalidInput if err.to_string().contains("not a regular file") => {
            ("it is not a regular file", "这不是普通文件")
        }
        _ => return err.to_string(),
    };
    tr.pick(en, zh).to_owned()
}

/// The folder a save error is about: a temporary file's folder, or the path's own
/// folder.
fn folder_of(path: &Path) -> String {
    let folder = if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(path)
    };
    crate::user_paths::display_short(folder)
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
    let zh = tr.0 == Language::Chinese;
    match err {
        SaveError::Io { step, path, source } => {
            let folder = folder_of(path);
            match source.kind() {
                ErrorKind::NotFound if *step == "creating the temporary file" => {
                    if zh {
                        format!(
                            "文件夹 {folder} 不存在。请选择其他文件夹，或创建该文件夹后再保存。"
                        )
                    } else {
                        format!(
                            "The folder {folder} does not exist. Choose another folder, or create it and save again."
                        )
                    }
                }
                ErrorKind::PermissionDenied if *step == "creating the temporary file" => {
                    if zh {
                        format!(
                            "您没有在文件夹 {folder} 中保存文件的权限。请用“另存为”选择其他文件夹。"
                        )
                    } else {
                        format!(
                            "You do not have permission to save in the folder {folder}. Use Save as… to choose another folder."
                        )
                    }
                }
                ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
                    if zh {
                        format!(
                            "磁盘空间不足，地图没有保存。请腾出空间后再保存。原文件未被改动（{folder}）。"
                        )
                    } else {
                        format!(
                            "The disk is full, so the map was not saved. Free some space and save again. The file on disk is unchanged ({folder})."
                        )
                    }
                }
                ErrorKind::ReadOnlyFilesystem => {
                    if zh {
                        format!("{folder} 所在的磁盘是只读的。请用“另存为”保存到其他位置。")
                    } else {
                        format!(
                            "The disk holding {folder} is read-only. Use Save as… to save somewhere else."
                        )
                    }
                }
                _ if zh => format!(
                    "无法保存：{}失败（{}）。原文件未被改动：{}",
                    step_zh(step),
                    io_reason(source, tr),
                    path.display()
                ),
                _ => format!(
                    "The map was not saved: {step} failed ({}). The file on disk is unchanged: {}",
                    io_reason(source, tr),
                    path.display()
                ),
            }
        }
        _ if !zh => format!("{err:#}"),
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
