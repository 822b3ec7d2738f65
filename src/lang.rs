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

    /// The short code used in files and on the command line: `en` or `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::Chinese => "zh",
        }
    }

    /// The language of a code written by [`Language::code`].
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// A count with its noun: `1 person`, `2 people`; in Chinese the count and the
    /// measure word, which do not change with the number: `2 人`, `1 条汇报关系`.
    pub fn count(self, count: usize, one: &str, many: &str, chinese: &str) -> String {
        match self {
            Self::English if count == 1 => format!("{count} {one}"),
            Self::English => format!("{count} {many}"),
            Self::Chinese => format!("{count} {chinese}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn counts_agree_with_their_number() {
        let people = |n, l: Language| l.count(n, "person", "people", "人");
        assert_eq!(people(1, Language::English), "1 person");
        assert_eq!(people(0, Language::English), "0 people");
        assert_eq!(people(2, Language::English), "2 people");
        assert_eq!(people(1, Language::Chinese), "1 人");
        for l in Language::ALL {
            assert_eq!(Language::from_code(l.code()), Some(l));
        }
        assert_eq!(Language::from_code("fr"), None);
    }
}
