//! What part of the organisation a person works in, and what part a deal serves,
//! read from departments, titles and the opportunity text in Chinese and English.
//!
//! The business owner of a purchase is the function whose work changes (教务处 for a
//! 教务系统, production for a welding line); IT, security, procurement, finance,
//! legal, audit and staff representatives are gates: they can stop a deal but rarely
//! choose it. Keywords are matched on lower-cased text; the first function (in the
//! order of [`LEXICON`]) with a matching keyword wins, so specific words come first.

/// A function of an organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Function {
    /// Running the organisation: the top team, the president's office.
    General,
    /// Teaching and academic affairs (教务, 教学).
    Academic,
    /// Research and development, engineering design.
    Research,
    /// Production, manufacturing, process engineering, plants.
    Production,
    /// Quality assurance and control.
    Quality,
    /// Supply chain, logistics, warehousing.
    Logistics,
    /// Sales and marketing.
    Sales,
    /// Customer service and support.
    Service,
    /// People, HR, payroll.
    People,
    /// Clinical work in hospitals (医务, 临床).
    Clinical,
    /// Finance, accounting, budgets.
    Finance,
    /// Information technology.
    It,
    /// Information security and safety.
    Security,
    /// Purchasing and tendering.
    Procurement,
    /// Legal and contracts.
    Legal,
    /// Audit, discipline inspection and compliance (纪检审计).
    Audit,
    /// Staff representatives: trade union, works council.
    StaffRepresentation,
}

impl Function {
    /// Whether people of this function guard a gate of most purchases (technical,
    /// commercial, financial, legal or staff approval) rather than owning them.
    pub fn is_gate(self) -> bool {
        matches!(
            self,
            Self::Finance
                | Self::It
                | Self::Security
                | Self::Procurement
                | Self::Legal
                | Self::Audit
                | Self::StaffRepresentation
        )
    }

    /// The stable code used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::General => "general",
            Self::Academic => "academic",
            Self::Research => "research",
            Self::Production => "production",
            Self::Quality => "quality",
            Self::Logistics => "logistics",
            Self::Sales => "sales",
            Self::Service => "service",
            Self::People => "people",
            Self::Clinical => "clinical",
            Self::Finance => "finance",
            Self::It => "it",
            Self::Security => "security",
            Self::Procurement => "procurement",
            Self::Legal => "legal",
            Self::Audit => "audit",
            Self::StaffRepresentation => "staff_representation",
        }
    }

    /// The function in words, in `language`.
    pub fn name(self, language: crate::lang::Language) -> &'static str {
        let (en, zh) = match self {
            Self::General => ("general management", "综合管理"),
            Self::Academic => ("academic affairs", "教务教学"),
            Self::Research => ("research and development", "研发"),
            Self::Production => ("production", "生产制造"),
            Self::Quality => ("quality", "质量"),
            Self::Logistics => ("logistics", "物流供应链"),
            Self::Sales => ("sales and marketing", "销售市场"),
            Self::Service => ("customer service", "客户服务"),
            Self::People => ("human resources", "人力资源"),
            Self::Clinical => ("clinical work", "医疗业务"),
            Self::Finance => ("finance", "财务"),
            Self::It => ("IT", "信息化"),
            Self::Security => ("security", "安全"),
            Self::Procurement => ("procurement", "采购招标"),
            Self::Legal => ("legal", "法务"),
            Self::Audit => ("audit and compliance", "纪检审计"),
            Self::StaffRepresentation => ("staff representation", "工会职代会"),
        };
        match language {
            crate::lang::Language::English => en,
            crate::lang::Language::Chinese => zh,
        }
    }

    /// What a gate of this function checks, in `language` (技术把关, 采购 …).
    pub fn gate_name(self, language: crate::lang::Language) -> &'static str {
        let (en, zh) = match self {
            Self::It => ("technical gate", "技术把关"),
            Self::Security => ("security gate", "安全把关"),
            Self::Procurement => ("procurement", "采购把关"),
            Self::Finance => ("finance sign-off", "财务把关"),
            Self::Legal => ("legal review", "法务把关"),
            Self::Audit => ("compliance and audit", "纪检审计把关"),
            Self::StaffRepresentation => ("staff representatives' consent", "职工代表审议"),
            _ => ("a gate", "把关"),
        };
        match language {
            crate::lang::Language::English => en,
            crate::lang::Language::Chinese => zh,
        }
    }

    /// The coarse group shown in the coverage grid.
    pub fn area(self) -> Area {
        match self {
            Self::It | Self::Security => Area::Technical,
            Self::Finance => Area::Finance,
            Self::Procurement | Self::Legal => Area::Procurement,
            _ => Area::Business,
        }
    }
}

/// The four columns of a coverage grid: business, technical, finance, procurement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    /// The business and general management.
    Business,
    /// IT and security.
    Technical,
    /// Finance.
    Finance,
    /// Procurement and legal.
    Procurement,
}

impl Area {
    /// Every area, in grid order.
    pub const ALL: [Area; 4] = [
        Area::Business,
        Area::Technical,
        Area::Finance,
        Area::Procurement,
    ];

    /// The stable code used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Business => "business",
            Self::Technical => "technical",
            Self::Finance => "finance",
            Self::Procurement => "procurement",
        }
    }
}

/// Keywords per function, most specific functions first. Chinese keywords match
/// anywhere; English ones match whole words or the start of a word (`procure`
/// matches "procurement").
const LEXICON: &[(Function, &[&str], &[&str])] = &[
    (
        Function::StaffRepresentation,
        &["工会", "职代会", "团委"],
        &[
            "works council",
            "trade union",
            "union",
            "betriebsrat",
            "staff council",
        ],
    ),
    (
        Function::Audit,
        &["纪委", "纪检", "监察", "审计", "合规", "监事会", "巡察"],
        &["audit", "compliance", "internal control", "ethics"],
    ),
    (
        Function::Security,
        &["信息安全", "网络安全", "网安", "安全保卫", "保卫", "保密"],
        &["security", "ciso", "infosec", "cybersecurity"],
    ),
    (
        Function::Procurement,
        &["采购", "招标", "招投标", "物资", "供应商管理", "集采"],
        &[
            "procure",
            "purchas",
            "sourcing",
            "buyer",
            "tender",
            "vendor management",
        ],
    ),
    (
        Function::Legal,
        &["法务", "法律", "合同管理", "律师"],
        &["legal", "counsel", "contracts", "attorney", "lawyer"],
    ),
    (
        Function::Finance,
        &[
            "财务",
            "会计",
            "预算",
            "资金",
            "财资",
            "总会计师",
            "计财",
            "成本核算",
            "出纳",
        ],
        &[
            "finance",
            "financial",
            "cfo",
            "accounting",
            "accountant",
            "controller",
            "treasury",
            "budget",
            "erp",
        ],
    ),
    (
        Function::It,
        &[
            "信息中心",
            "信息化",
            "信息技术",
            "网络中心",
            "数据中心",
            "数字化",
            "信息部",
            "信息科",
            "计算机",
            "网信",
            "it部",
            "系统运维",
            "运维",
            "数据平台",
            "大数据",
        ],
        &[
            "it",
            "cio",
            "cto",
            "information technology",
            "infrastructure",
            "devops",
            "data platform",
            "data engineering",
            "digital",
            "systems",
            "network",
            "cloud",
        ],
    ),
    (
        Function::Academic,
        &[
            "教务",
            "教学",
            "学籍",
            "排课",
            "选课",
            "本科生院",
            "研究生院",
            "课程",
            "教学质量",
        ],
        &[
            "academic",
            "registrar",
            "curriculum",
            "teaching",
            "provost",
            "dean of studies",
        ],
    ),
    (
        Function::Clinical,
        &["医务", "临床", "护理", "门诊", "住院", "病区"],
        &["clinical", "medical director", "nursing", "physician"],
    ),
    (
        Function::Quality,
        &["质量", "质检", "品控", "品质"],
        &["quality", "qa", "qc"],
    ),
    (
        Function::Research,
        &["研发", "研究院", "技术中心", "设计院", "工程技术", "科研"],
        &[
            "r&d",
            "research",
            "engineering design",
            "product development",
        ],
    ),
    (
        Function::Production,
        &[
            "生产",
            "制造",
            "产线",
            "工艺",
            "焊接",
            "车间",
            "工厂",
            "厂长",
            "分厂",
            "设备",
            "mes",
            "智能制造",
            "运营中心",
        ],
        &[
            "production",
            "manufactur",
            "plant",
            "factory",
            "operations",
            "process engineering",
            "welding",
            "assembly",
            "mes",
        ],
    ),
    (
        Function::Logistics,
        &["物流", "仓储", "供应链", "仓库", "运输"],
        &["logistics", "warehouse", "supply chain", "wms", "transport"],
    ),
    (
        Function::Sales,
        &[
            "销售",
            "营销",
            "市场部",
            "商务部",
            "渠道",
            "客户关系",
            "crm",
        ],
        &["sales", "marketing", "crm", "commercial", "revenue"],
    ),
    (
        Function::Service,
        &["客服", "客户服务", "售后", "呼叫中心", "服务中心"],
        &[
            "customer service",
            "support",
            "call center",
            "contact centre",
            "call centre",
        ],
    ),
    (
        Function::People,
        &["人力", "人事", "组织部", "薪酬", "招聘", "培训"],
        &[
            "hr",
            "human resources",
            "people",
            "payroll",
            "talent",
            "recruiting",
        ],
    ),
    (
        Function::General,
        &[
            "总经理办公室",
            "校长办公室",
            "院长办公室",
            "党政办",
            "总裁办",
            "办公室",
            "校领导",
            "院领导",
            "集团领导",
            "董事会",
            "经营班子",
            "党委",
        ],
        &[
            "executive office",
            "office of the ceo",
            "board",
            "management team",
            "chief of staff",
        ],
    ),
];

/// The function a person works in: from the department, else from the title. For
/// the leadership (校领导, the board, the top team) the title's portfolio decides:
/// 副校长（分管本科教学） in 校领导 oversees academic affairs.
pub fn person_function(department: &str, title: &str) -> Option<Function> {
    match function_of(department) {
        Some(Function::General) => function_of(title).or(Some(Function::General)),
        None => function_of(title),
        found => found,
    }
}

/// The function `text` names, if any.
pub fn function_of(text: &str) -> Option<Function> {
    let lower = text.to_lowercase();
    if lower.trim().is_empty() {
        return None;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '&'))
        .filter(|w| !w.is_empty())
        .collect();
    LEXICON.iter().find_map(|(function, zh, en)| {
        let hit = zh.iter().any(|k| lower.contains(k))
            || en.iter().any(|k| english_hit(&lower, &words, k));
        hit.then_some(*function)
    })
}

/// The function whose work a deal changes, from its opportunity text: the keywords
/// found there, the most specific first. A deal about IT itself (a network, a data
/// platform) is owned by IT.
pub fn deal_function(opportunity: &str) -> Option<Function> {
    // "教务系统" names both academic affairs and a system: the business word decides,
    // so IT only wins when no business function is named.
    let lower = opportunity.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '&'))
        .filter(|w| !w.is_empty())
        .collect();
    let named: Vec<Function> = LEXICON
        .iter()
        .filter(|(_, zh, en)| {
            zh.iter().any(|k| lower.contains(k))
                || en.iter().any(|k| english_hit(&lower, &words, k))
        })
        .map(|(function, _, _)| *function)
        .collect();
    named
        .iter()
        .copied()
        .find(|f| !f.is_gate() && *f != Function::General)
        .or_else(|| named.first().copied())
}

/// Whether an English keyword occurs: phrases anywhere, single words as a whole word
/// or the start of one.
fn english_hit(lower: &str, words: &[&str], keyword: &str) -> bool {
    if keyword.contains(' ') {
        return lower.contains(keyword);
    }
    if keyword.len() <= 3 {
        return words.contains(&keyword);
    }
    words.iter().any(|w| w.starts_with(keyword))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn departments_and_titles_in_both_languages() {
        assert_eq!(function_of("教务处"), Some(Function::Academic));
        assert_eq!(
            function_of("信息中心（网络与信息化办公室）"),
            Some(Function::It)
        );
        assert_eq!(function_of("财务处"), Some(Function::Finance));
        assert_eq!(function_of("采购与招标中心"), Some(Function::Procurement));
        assert_eq!(function_of("工会"), Some(Function::StaffRepresentation));
        assert_eq!(function_of("纪委"), Some(Function::Audit));
        assert_eq!(function_of("焊装车间"), Some(Function::Production));
        assert_eq!(function_of("IT Infrastructure"), Some(Function::It));
        assert_eq!(function_of("Procurement"), Some(Function::Procurement));
        assert_eq!(
            function_of("Works Council"),
            Some(Function::StaffRepresentation)
        );
        assert_eq!(function_of("Finance"), Some(Function::Finance));
        assert_eq!(function_of("Plant Operations"), Some(Function::Production));
        assert_eq!(function_of("Sales"), Some(Function::Sales));
        assert_eq!(function_of(""), None);
        assert_eq!(function_of("Consulting"), None);
        // A short English word is a whole word only: "it" is not in "digital".
        assert_eq!(function_of("Audit committee"), Some(Function::Audit));
        assert_eq!(function_of("Unit lead"), None);
    }

    #[test]
    fn the_business_word_of_a_deal_wins_over_the_system_word() {
        assert_eq!(
            deal_function("智慧教学管理平台（新一代教务系统）建设项目"),
            Some(Function::Academic)
        );
        assert_eq!(
            deal_function("结构件智能焊接与五轴数控加工产线改造"),
            Some(Function::Production)
        );
        assert_eq!(
            deal_function("集团ERP财务系统升级"),
            Some(Function::Finance)
        );
        assert_eq!(deal_function("数据中心网络改造"), Some(Function::It));
        assert_eq!(
            deal_function("Enterprise data platform"),
            Some(Function::It)
        );
        assert_eq!(
            deal_function("CRM rollout for the sales team"),
            Some(Function::Sales)
        );
        assert_eq!(
            deal_function("New welding line"),
            Some(Function::Production)
        );
        assert_eq!(deal_function("Project Phoenix"), None);
    }
}
