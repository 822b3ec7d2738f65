//! Errors from opening, saving and editing, in the UI language. English is the
//! library's own wording; Chinese says the same with the same details (paths, lines,
//! ids). Problems inside a map name JSON fields, which stay as written.

use std::io::ErrorKind;
use std::path::Path;

use super::i18n::{Language, Tr};
use crate::edit::EditError;
use crate::format::problems_zh;
use crate::format::{LoadError, SaveError};

/// Why a map could not be opened (the library words it in both languages).
pub fn load_error(err: &LoadError, tr: Tr) -> String {
    err.message(tr.0)
}

/// A short reason for an operating-system error, in the UI language.
pub fn io_reason(err: &std::io::Error, tr: Tr) -> String {
    crate::format::io_reason(err, tr.0)
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
            "第 3 行第 16 列不是有效的 JSON：此处应有一个值"
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
