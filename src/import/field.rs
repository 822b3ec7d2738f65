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
    /// The buying role: a code (`decision_maker`) or its word in English or Chinese.
    Role,
    /// The stance toward us: a code (`supporter`) or its word.
    Stance,
    /// Power, 1 to 5.
    Power,
    /// How deep our relationship is: a code (`in_depth`) or its word.
    Coverage,
    /// The person's business agenda (业务诉求).
    BusinessAgenda,
    /// The person's personal agenda (个人诉求).
    PersonalAgenda,
    /// Their concerns.
    Concerns,
    /// Their decision criteria.
    DecisionCriteria,
    /// Other contact details (WeChat, an assistant's number).
    OtherContact,
    /// The member of our team who owns the relationship, by name.
    Owner,
    /// When we last spoke with them (YYYY-MM-DD).
    LastContact,
    /// When what we know was last checked (YYYY-MM-DD).
    LastVerified,
    /// Where the information comes from.
    Source,
    /// Tags, separated by `;` or `,`.
    Tags,
    /// The competitor the person favours, by name.
    Favours,
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
        Self::Role,
        Self::Stance,
        Self::Power,
        Self::Coverage,
        Self::BusinessAgenda,
        Self::PersonalAgenda,
        Self::Concerns,
        Self::DecisionCriteria,
        Self::OtherContact,
        Self::Owner,
        Self::LastContact,
        Self::LastVerified,
        Self::Source,
        Self::Tags,
        Self::Favours,
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
            Self::Role => "role",
            Self::Stance => "stance",
            Self::Power => "power",
            Self::Coverage => "coverage",
            Self::BusinessAgenda => "business_agenda",
            Self::PersonalAgenda => "personal_agenda",
            Self::Concerns => "concerns",
            Self::DecisionCriteria => "decision_criteria",
            Self::OtherContact => "other_contact",
            Self::Owner => "owner",
            Self::LastContact => "last_contact",
            Self::LastVerified => "last_verified",
            Self::Source => "source",
            Self::Tags => "tags",
            Self::Favours => "favours",
        }
    }

    /// Whether the field keeps line breaks (notes and the longer texts); other
    /// fields are one line.
    pub fn is_multiline(self) -> bool {
        matches!(
            self,
            Self::Notes
                | Self::BusinessAgenda
                | Self::PersonalAgenda
                | Self::Concerns
                | Self::DecisionCriteria
        )
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
            // The headers of Powermap's own CSV export come first in each list.
            Self::Role => &["role", "buyingrole", "角色", "决策角色"],
            Self::Stance => &["stance", "attitude", "态度", "立场"],
            Self::Power => &["power", "权力", "权力大小"],
            Self::Coverage => &["coverage", "覆盖深度", "覆盖", "关系深度"],
            Self::BusinessAgenda => &["businessagenda", "业务诉求"],
            Self::PersonalAgenda => &["personalagenda", "个人诉求"],
            Self::Concerns => &["concerns", "顾虑"],
            Self::DecisionCriteria => &["decisioncriteria", "决策标准"],
            Self::OtherContact => &["othercontact", "其他联系方式", "wechat", "微信", "微信号"],
            Self::Owner => &["owner", "contactowner", "负责人", "我方负责人"],
            Self::LastContact => &["lastcontact", "lastcontacted", "最近联系"],
            Self::LastVerified => &["lastverified", "最近核实"],
            Self::Source => &["source", "信息来源", "来源"],
            Self::Tags => &["tags", "tag", "标签"],
            Self::Favours => &[
                "favours",
                "favors",
                "favourscompetitor",
                "favorscompetitor",
                "favouredcompetitor",
                "favoredcompetitor",
                "preferredcompetitor",
                "倾向的竞争对手",
                "倾向竞争对手",
                "倾向厂商",
                "倾向供应商",
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
        // The headers of Powermap's own CSV export, in both languages.
        for (header, field) in [
            ("Role", Field::Role),
            ("角色", Field::Role),
            ("态度", Field::Stance),
            ("权力", Field::Power),
            ("覆盖深度", Field::Coverage),
            ("Business Agenda", Field::BusinessAgenda),
            ("个人诉求", Field::PersonalAgenda),
            ("顾虑", Field::Concerns),
            ("Decision Criteria", Field::DecisionCriteria),
            ("其他联系方式", Field::OtherContact),
            ("负责人", Field::Owner),
            ("Last Contact", Field::LastContact),
            ("最近核实", Field::LastVerified),
            ("信息来源", Field::Source),
            ("标签", Field::Tags),
            ("Favours", Field::Favours),
            ("Favored Competitor", Field::Favours),
            ("倾向的竞争对手", Field::Favours),
        ] {
            assert_eq!(Field::recognize(header), Some(field), "{header}");
        }
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
