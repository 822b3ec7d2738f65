//! The fields a column of a contact list can fill, and the headers that name them.

/// What a column of a contact list holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The full name.
    Name,
    /// The given name (Latin: first; Chinese: 名).
    FirstName,
    /// The family name (Latin: last; Chinese: 姓).
    LastName,
    /// The job title.
    Title,
    /// The department.
    Department,
    /// The manager's name or e-mail: becomes a `reports_to` line.
    ReportsTo,
    /// The e-mail address.
    Email,
    /// The phone number.
    Phone,
    /// The customer organisation: sets the map's account name when it is empty.
    Account,
    /// Free notes.
    Notes,
}

impl Field {
    /// Every field, in the order the UI lists them.
    pub const ALL: &'static [Self] = &[
        Self::Name,
        Self::FirstName,
        Self::LastName,
        Self::Title,
        Self::Department,
        Self::ReportsTo,
        Self::Email,
        Self::Phone,
        Self::Account,
        Self::Notes,
    ];

    /// The snake_case name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::FirstName => "first_name",
            Self::LastName => "last_name",
            Self::Title => "title",
            Self::Department => "department",
            Self::ReportsTo => "reports_to",
            Self::Email => "email",
            Self::Phone => "phone",
            Self::Account => "account",
            Self::Notes => "notes",
        }
    }

    /// Parses a snake_case name (case-insensitive; "-" and " " may stand for "_").
    pub fn parse(text: &str) -> Option<Self> {
        let wanted = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Self::ALL.iter().copied().find(|f| f.as_str() == wanted)
    }

    /// All names and "ignore", comma-separated, for messages.
    pub fn expected() -> String {
        let mut names: Vec<&str> = Self::ALL.iter().map(|f| f.as_str()).collect();
        names.push(IGNORE);
        names.join(", ")
    }

    /// The headers recognised for this field, normalised (see [`normalize_header`]).
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Self::Name => &[
                "name",
                "fullname",
                "contactname",
                "contact",
                "姓名",
                "名字",
                "联系人",
                "联系人姓名",
                "客户联系人",
            ],
            Self::FirstName => &["firstname", "givenname", "名"],
            Self::LastName => &["lastname", "surname", "familyname", "姓"],
            Self::Title => &[
                "title", "jobtitle", "position", "职位", "职务", "岗位", "头衔",
            ],
            Self::Department => &["department", "dept", "division", "部门", "科室", "部门名称"],
            Self::ReportsTo => &[
                "reportsto",
                "manager",
                "supervisor",
                "linemanager",
                "上级",
                "直属领导",
                "直接上级",
                "汇报对象",
                "上级领导",
            ],
            Self::Email => &[
                "email",
                "emailaddress",
                "mail",
                "邮箱",
                "电子邮件",
                "电子邮箱",
                "邮件",
            ],
            Self::Phone => &[
                "phone",
                "mobile",
                "telephone",
                "tel",
                "cell",
                "mobilephone",
                "businessphone",
                "phonenumber",
                "mobilenumber",
                "workphone",
                "电话",
                "手机",
                "手机号",
                "手机号码",
                "联系电话",
                "办公电话",
                "移动电话",
            ],
            Self::Account => &[
                "account",
                "accountname",
                "company",
                "companyname",
                "organization",
                "organisation",
                "公司",
                "公司名称",
                "单位",
                "客户",
                "客户名称",
            ],
            Self::Notes => &[
                "notes",
                "note",
                "description",
                "comments",
                "comment",
                "备注",
            ],
        }
    }

    /// The field a header names, if it is one Powermap recognises.
    pub fn recognize(header: &str) -> Option<Self> {
        let key = normalize_header(header);
        if key.is_empty() {
            return None;
        }
        Self::ALL
            .iter()
            .copied()
            .find(|f| f.synonyms().contains(&key.as_str()))
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name of "no field" on the command line.
pub const IGNORE: &str = "ignore";

/// A header reduced for comparison: lower case, without spaces, underscores,
/// hyphens and dots, and without punctuation around it ("* E-Mail:" → "email").
pub fn normalize_header(header: &str) -> String {
    let lower = header.to_lowercase();
    let inner: String = lower
        .chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '_' | '-' | '.' | '\u{FEFF}')))
        .collect();
    inner
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_in_english_and_chinese() {
        assert_eq!(Field::recognize("First Name"), Some(Field::FirstName));
        assert_eq!(Field::recognize("first_name"), Some(Field::FirstName));
        assert_eq!(Field::recognize("* E-Mail:"), Some(Field::Email));
        assert_eq!(Field::recognize("Email Address"), Some(Field::Email));
        assert_eq!(Field::recognize("姓名"), Some(Field::Name));
        assert_eq!(Field::recognize("【直属领导】"), Some(Field::ReportsTo));
        assert_eq!(Field::recognize("姓"), Some(Field::LastName));
        assert_eq!(Field::recognize("名"), Some(Field::FirstName));
        assert_eq!(Field::recognize("手机号："), Some(Field::Phone));
        assert_eq!(Field::recognize("Lead Source"), None);
        assert_eq!(Field::recognize("  "), None);
    }

    #[test]
    fn field_names_parse() {
        assert_eq!(Field::parse("reports_to"), Some(Field::ReportsTo));
        assert_eq!(Field::parse("First-Name"), Some(Field::FirstName));
        assert_eq!(Field::parse("boss"), None);
        for field in Field::ALL {
            assert_eq!(Field::parse(field.as_str()), Some(*field));
        }
    }
}
