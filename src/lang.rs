//! The two languages of Powermap's UI, reports and exports.

/// A UI language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Language {
    /// English.
    English,
    /// Simplified Chinese.
    Chinese,
}

impl Language {
    /// Both languages, for the language menu.
    pub const ALL: [Self; 2] = [Self::English, Self::Chinese];

    /// The language's own name.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::English => "English",
            Self::Chinese => "中文",
        }
    }

    /// The language of a locale name such as `zh_CN.UTF-8` or `en-US`.
    pub fn from_locale(locale: &str) -> Self {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Self::Chinese
        } else {
            Self::English
        }
    }

    /// The system's language, English when unknown.
    pub fn from_system() -> Self {
        sys_locale::get_locale().map_or(Self::English, |l| Self::from_locale(&l))
    }
}
