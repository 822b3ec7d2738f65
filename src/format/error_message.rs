//! Load errors in words for a person, in English or Chinese. English is the
//! error's own wording; Chinese says the same with the same details (paths, lines,
//! ids). Problems inside a map name JSON fields, which stay as written. Shared by the
//! app and the workspace scan (whose cache keeps a broken file's reason in both).

use std::io::ErrorKind;
use std::path::Path;

use super::LoadError;
use crate::lang::Language;
use crate::model::Problem;

/// A map's problems, listed after a Chinese summary line.
pub(crate) fn problems_zh(problems: &[Problem]) -> String {
    let mut text = format!("地图有 {} 处问题：", problems.len());
    for problem in problems {
        text.push_str("\n  - ");
        text.push_str(&problem.to_string());
    }
    text
}

impl LoadError {
    /// Why the map could not be opened, in a sentence for a person in `language`.
    pub fn message(&self, language: Language) -> String {
        load_error(self, language)
    }
}

fn load_error(err: &LoadError, language: Language) -> String {
    if let LoadError::Read { path, source } = err {
        return read_error(path, source, language);
    }
    if language == Language::English {
        return format!("{err:#}");
    }
    match err {
        LoadError::Read { path, source } => read_error(path, source, language),
        LoadError::TooLarge { size, limit } => {
            format!("文件有 {size} 字节，超过 {limit} 字节（64 MiB）的上限")
        }
        LoadError::Json {
            line,
            column,
            message,
        } => format!(
            "第 {line} 行第 {column} 列不是有效的 JSON：{}",
            json_reason_zh(message)
        ),
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
fn read_error(path: &Path, source: &std::io::Error, language: Language) -> String {
    let shown = path.display();
    let zh = language == Language::Chinese;
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
        _ if zh => format!(
            "无法读取这个文件（{}）：{shown}",
            io_reason(source, language)
        ),
        _ => format!(
            "The file could not be read ({}): {shown}",
            io_reason(source, language)
        ),
    }
}

/// A short reason for an operating-system error, in the UI language.
pub fn io_reason(err: &std::io::Error, language: Language) -> String {
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
    match language {
        Language::English => en,
        Language::Chinese => zh,
    }
    .to_owned()
}

/// The JSON parser's reason in Chinese, for the reasons it gives (serde_json's
/// wording); any other reason stays as written.
fn json_reason_zh(reason: &str) -> &str {
    match reason {
        "EOF while parsing a list" => "列表没有结束，文件就结束了（缺少 `]`）",
        "EOF while parsing an object" => "对象没有结束，文件就结束了（缺少 `}`）",
        "EOF while parsing a string" => "字符串没有结束，文件就结束了（缺少 `\"`）",
        "EOF while parsing a value" => "此处应有一个值，文件却结束了",
        "expected `:`" => "此处应为 `:`",
        "expected `,` or `]`" => "此处应为 `,` 或 `]`",
        "expected `,` or `}`" => "此处应为 `,` 或 `}`",
        "expected ident" => "此处应为 true、false 或 null",
        "expected value" => "此处应有一个值",
        "expected `\"`" => "此处应为 `\"`",
        "invalid escape" => "无效的转义字符",
        "invalid number" => "无效的数字",
        "number out of range" => "数字超出范围",
        "invalid unicode code point" => "无效的 Unicode 码位",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "字符串中有控制字符（\\u0000–\\u001F）"
        }
        "key must be a string" => "对象的键必须是字符串",
        "lone leading surrogate in hex escape" => "十六进制转义中有孤立的代理项",
        "trailing comma" => "多余的逗号",
        "trailing characters" => "JSON 结束后还有多余的字符",
        "unexpected end of hex escape" => "十六进制转义不完整",
        "the data is nested too deeply (the limit is 128 levels of lists and objects)" => {
            "数据嵌套过深（列表和对象最多 128 层）"
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every reason serde_json gives for broken JSON reads in Chinese.
    #[test]
    fn broken_json_is_explained_in_chinese() {
        for (text, expected) in [
            ("{\"a\": ", "此处应有一个值，文件却结束了"),
            ("[1, 2", "缺少 `]`"),
            ("{\"a\": 1", "缺少 `}`"),
            ("\"abc", "缺少 `\"`"),
            ("{\"a\" 1}", "此处应为 `:`"),
            ("[1 2]", "此处应为 `,` 或 `]`"),
            ("{\"a\": 1 \"b\"}", "此处应为 `,` 或 `}`"),
            ("[tru]", "true、false 或 null"),
            ("[}", "此处应有一个值"),
            ("{a: 1}", "对象的键必须是字符串"),
            ("\"\\x\"", "无效的转义字符"),
            ("[1,]", "多余的逗号"),
            ("{} x", "JSON 结束后还有多余的字符"),
            ("\"\u{1}\"", "控制字符"),
            (&"[".repeat(200), "数据嵌套过深"),
        ] {
            let err = crate::format::from_bytes(text.as_bytes()).unwrap_err();
            assert!(matches!(err, LoadError::Json { .. }), "{text}: {err}");
            let chinese = err.message(Language::Chinese);
            assert!(chinese.contains(expected), "{text}: {chinese} / {err}");
            assert!(!chinese.contains("EOF"), "{chinese}");
        }
    }
}
