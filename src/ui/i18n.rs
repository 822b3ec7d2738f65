//! Every string of the UI, in English and Chinese, in one catalogue. A key missing a
//! translation does not compile: each entry names both.

use crate::edit::{EditKind, EditLabel};
use crate::model::{Coverage, RelationshipKind, Role, Stage, Stance};

pub use crate::lang::Language;

macro_rules! catalogue {
    ($($key:ident => $en:literal, $zh:literal;)+) => {
        /// A UI string; translate it with [`Tr::t`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T {
            $(#[doc = $en] $key,)+
        }

        impl T {
            /// Every key, for completeness tests.
            pub const ALL: &'static [T] = &[$(T::$key,)+];

            fn text(self, language: Language) -> &'static str {
                match (self, language) {
                    $(
                        (T::$key, Language::English) => $en,
                        (T::$key, Language::Chinese) => $zh,
                    )+
                }
            }
        }
    };
}

catalogue! {
    AppName => "Powermap", "权力地图";
    Untitled => "Untitled map", "未命名地图";
    MenuFile => "File", "文件";
    MenuEdit => "Edit", "编辑";
    MenuView => "View", "视图";
    New => "New", "新建";
    Open => "Open…", "打开…";
    OpenPath => "Open by path…", "按路径打开…";
    OpenRecent => "Open recent", "最近打开";
    NoRecent => "No recent maps", "没有最近的地图";
    ClearRecent => "Clear list", "清空列表";
    OpenSample => "Open sample", "打开示例";
    SampleEquipment => "Group company: production line automation (Chinese)", "集团公司：智能产线项目";
    SampleUniversity => "University: teaching management platform (Chinese)", "高校：教学管理平台项目";
    SampleEnterprise => "Enterprise software: data platform (English)", "企业软件：数据平台项目（英文）";
    Save => "Save", "保存";
    SaveAs => "Save as…", "另存为…";
    SaveToPath => "Save to path…", "保存到路径…";
    Quit => "Quit", "退出";
    Undo => "Undo", "撤销";
    Redo => "Redo", "重做";
    UndoWhat => "Undo: {0}", "撤销：{0}";
    RedoWhat => "Redo: {0}", "重做：{0}";
    DeleteSelection => "Delete selection", "删除所选";
    SelectAll => "Select all", "全选";
    FitView => "Fit to view", "适合窗口";
    ShowLegend => "Show legend", "显示图例";
    ShowAccount => "Show account panel", "显示客户面板";
    Language => "Language", "语言";
    AddPerson => "Add person", "添加人员";
    AddPersonHere => "Add person here", "在此添加人员";
    ConnectTool => "Connect", "连线";
    ConnectHint => "Drag from one person to another to connect them. Esc ends.", "从一个人拖到另一个人以建立关系。按 Esc 结束。";
    ConnectFromHere => "Connect from here…", "从此人连线…";
    ChooseKind => "Kind of relationship", "关系类型";
    Cancel => "Cancel", "取消";
    Edit => "Edit", "编辑";
    SetStance => "Set stance", "设置态度";
    SetRole => "Set role", "设置角色";
    SetPower => "Set power", "设置权力";
    Delete => "Delete", "删除";
    Unnamed => "(unnamed)", "（未命名）";
    NewPersonName => "New person", "新联系人";
    // Edits, for undo/redo labels.
    EditAddPerson => "add {0}", "添加 {0}";
    EditPerson => "edit {0}", "编辑 {0}";
    EditRemovePeople => "remove {0}", "删除 {0}";
    EditRemoveManyPeople => "remove {0} {0|person|people}", "删除 {0} 人";
    EditMove => "move {0}", "移动 {0}";
    EditMoveMany => "move {0} {0|person|people}", "移动 {0} 人";
    EditAddLine => "connect {0}", "连线 {0}";
    EditLine => "edit line {0}", "编辑关系 {0}";
    EditRemoveLines => "remove {0} {0|line|lines}", "删除 {0} 条关系";
    EditAccount => "edit account", "编辑客户信息";
    EditAddMember => "add team member {0}", "添加团队成员 {0}";
    EditMember => "edit team member {0}", "编辑团队成员 {0}";
    EditRemoveMember => "remove team member {0}", "删除团队成员 {0}";
    EditBatch => "{0} {0|change|changes}", "{0} 项更改";
    EditPlan => "edit the plan for {0}", "编辑{0}的沟通计划";
    // Inspector.
    // new-user fixes (h-ui)
    DateNotSaved => "“{0}” is not a date, so it was not saved. Type for example 2026-12-05, 2026/12/5, 12月5日, today or tomorrow, or pick a day from the calendar.", "“{0}”不是有效日期，未保存。可以输入 2026-12-05、2026/12/5、12月5日、今天或明天，也可以从日历中选择。";
    DateNoSuchDay => "“{0}”: there is no such day, so it was not saved.", "“{0}”：没有这一天，未保存。";
    DateAmbiguous => "“{0}” could be {1} or {2}, so it was not saved. Type the year first: {3} or {4}.", "“{0}”既可能是{1}，也可能是{2}，未保存。请把年份写在前面：{3} 或 {4}。";
    DateMeans => "= {0}", "即 {0}";
    PickDate => "Pick a day from the calendar", "从日历中选择日期";
    PreviousMonth => "Previous month", "上个月";
    NextMonth => "Next month", "下个月";
    NoDate => "No date", "清除日期";
    Revert => "Revert", "还原";
    RevertHint => "Put back the saved value", "恢复为已保存的值";
    StrengthWeak => "Weak", "弱";
    StrengthNormal => "Normal", "中";
    StrengthStrong => "Strong", "强";
    BulkHint => "Changes here apply to everyone selected, as one undo step.", "此处的更改将应用于所有选中的人，并可一步撤销。";
    Mixed => "(mixed)", "（各不相同）";
    AddTags => "Add tags", "添加标签";
    AddTagsHint => "tag, tag…", "标签，标签…";
    AddButton => "Add", "添加";
    TagsInUse => "Tags (click to remove from everyone)", "标签（点击可从所有人中移除）";
    RemoveTagHint => "Remove this tag from everyone selected", "从所有选中的人中移除此标签";
    EditManyPeople => "edit {0} people", "编辑 {0} 人";
    ShowSidePanel => "Show side panel", "显示侧边栏";
    SidePanel => "Side panel", "侧边栏";
    TeamMemberName => "Team member name", "团队成员姓名";
    // (end of new-user fixes)
    NothingSelected => "Select a person or a line on the map to see and edit it here. Double-click empty canvas to add a person.", "在地图上选择一个人或一条关系线，即可在此查看和编辑。双击空白处可添加人员。";
    ManySelected => "{0} {0|person|people} and {1} {1|line|lines} selected", "已选择 {0} 人、{1} 条关系";
    Person => "Person", "人员";
    Name => "Name", "姓名";
    Title => "Title", "职务";
    Department => "Department", "部门";
    Role => "Role", "角色";
    Stance => "Stance", "态度";
    Power => "Power", "权力";
    Interests => "Interests", "利益诉求";
    BusinessAgenda => "Business agenda", "业务诉求";
    PersonalAgenda => "Personal agenda", "个人诉求";
    Concerns => "Concerns", "顾虑";
    DecisionCriteria => "Decision criteria", "决策标准";
    Notes => "Notes", "备注";
    Contact => "Contact", "联系方式";
    Email => "Email", "邮箱";
    Phone => "Phone", "电话";
    OtherContact => "Other", "其他";
    Owner => "Owner (our team)", "负责人（我方）";
    NoOwner => "(no owner)", "（无负责人）";
    Coverage => "Coverage", "覆盖深度";
    LastContact => "Last contact", "最近联系";
    LastVerified => "Last verified", "最近核实";
    Today => "Today", "今天";
    DateHint => "YYYY-MM-DD", "年-月-日";
    Source => "Source", "信息来源";
    Tags => "Tags (comma-separated)", "标签（逗号分隔）";
    NextActions => "Next actions", "下一步行动";
    AddAction => "Add action", "添加行动";
    ActionText => "What to do", "要做的事";
    Due => "Due", "截止";
    Done => "Done", "已完成";
    Overdue => "overdue", "已逾期";
    Relationship => "Relationship", "关系";
    From => "From", "从";
    To => "To", "到";
    Kind => "Kind", "类型";
    Strength => "Strength", "强度";
    Note => "Note", "说明";
    SwapDirection => "Swap direction", "交换方向";
    // Account panel.
    // deal (h-deal)
    Deal => "Deal", "商机要素";
    CloseDate => "Expected close date", "预计签约日期";
    DecisionProcess => "Decision process", "决策流程";
    DecisionProcessHint => "No steps yet. Record each step to a signature and who approves it, e.g. Technical review → Negotiation → Board approval → Signing.", "尚未记录。请按顺序记录到签约的各个环节及审批人，例如：技术评审 → 商务谈判 → 总经理办公会 → 签约。";
    StepLabel => "Step {0}", "环节 {0}";
    StepNameHint => "e.g. Technical review", "如：技术评审";
    UnnamedStep => "step {0}", "第 {0} 个环节";
    AddStep => "Add step", "添加环节";
    RemoveStep => "Remove step {0}", "删除环节 {0}";
    MoveStepUp => "Move step {0} up", "上移环节 {0}";
    MoveStepDown => "Move step {0} down", "下移环节 {0}";
    Approvers => "Approvers", "审批人";
    AddApprover => "Add", "添加";
    AddApproverTo => "Add an approver to step {0}", "为环节 {0} 添加审批人";
    RemoveApprover => "Remove {0} from the approvers of step {1}", "从环节 {1} 的审批人中移除{0}";
    SearchPeople => "Search by name, title or department", "按姓名、职务或部门搜索";
    NoMatchingPeople => "Nobody matches.", "没有匹配的人员。";
    NoPeopleYet => "Add people to the map first.", "请先在地图上添加人员。";
    MorePeople => "More match: type more to narrow the list.", "匹配的人较多，请继续输入以缩小范围。";
    Competitors => "Competitors", "竞争对手";
    CompetitorLabel => "Competitor {0}", "竞争对手 {0}";
    NewCompetitor => "Competitor name", "竞争对手名称";
    AddCompetitor => "Add competitor", "添加竞争对手";
    RemoveCompetitor => "Remove competitor {0}", "删除竞争对手 {0}";
    Favours => "Favours", "倾向的竞争对手";
    FavoursHint => "The competitor this person favours, if one is known.", "此人倾向的竞争对手（如已知）。";
    FavoursNone => "(none known)", "（暂未发现）";
    ChooseCompetitor => "Choose a competitor", "选择竞争对手";
    NoCompetitorsYet => "Add the competitors in the account panel to choose from them here.", "在客户面板中添加竞争对手后，可在此直接选择。";
    NotACompetitor => "Not among the account's competitors.", "不在本项目的竞争对手名单中。";
    Approves => "Approves: {0}", "审批环节：{0}";
    Account => "Account", "客户";
    Customer => "Customer", "客户名称";
    Industry => "Industry", "行业";
    Opportunity => "Opportunity", "商机";
    DealValue => "Deal value", "金额";
    InvalidNumber => "Not a number, so it was not saved.", "不是有效数字，未保存。";
    Currency => "Currency", "币种";
    Stage => "Stage", "阶段";
    Team => "Our team", "我方团队";
    AddMember => "Add member", "添加成员";
    Remove => "Remove", "移除";
    NewMemberName => "New member", "新成员";
    // Legend.
    Legend => "Legend", "图例";
    LegendStance => "Colour: stance", "颜色：态度";
    LegendPower => "Size: power", "大小：权力";
    LegendRole => "Mark: role", "标记：角色";
    LegendLines => "Lines", "连线";
    Hide => "Hide", "隐藏";
    // Files and dialogs.
    UnsavedTitle => "Unsaved changes", "未保存的更改";
    UnsavedQuestion => "Save the changes to “{0}” first?", "是否先保存对“{0}”的更改？";
    DontSave => "Don't save", "不保存";
    PathTitleOpen => "Open a map file", "打开地图文件";
    PathTitleSave => "Save the map as", "地图另存为";
    PathTitleExport => "Export to", "导出到";
    PathTitleImport => "Import contacts from", "从文件导入联系人";
    ExportButton => "Export", "导出";
    ExportMenu => "Export", "导出";
    ImportMenu => "Import contacts…", "导入联系人…";
    ImportTitle => "Import contacts", "导入联系人";
    FieldIgnore => "(ignore)", "（忽略）";
    FieldFirstName => "First name", "名";
    FieldLastName => "Last name", "姓";
    FieldReportsTo => "Reports to", "直属领导";
    FieldAccount => "Company", "公司";
    ImportRows => "{0} {0|row|rows}", "{0} 行";
    ImportMapping => "Columns — check what each one fills", "列映射——请确认每列对应的字段";
    ImportFirstRows => "First rows", "前几行";
    ImportButton => "Import", "导入";
    ImportDone => "Contacts imported", "联系人已导入";
    ImportCounts => "Added {0}, updated {1}, unchanged {2}, skipped {3}.", "新增 {0}，更新 {1}，未变 {2}，跳过 {3}。";
    ImportLines => "{0} reporting {0|line|lines} drawn.", "新增 {0} 条汇报关系。";
    ImportIssues => "Rows to check:", "需要检查的行：";
    CannotImport => "Could not import the contacts", "无法导入联系人";
    EditImport => "import contacts", "导入联系人";
    ExportPng => "Picture (PNG)…", "图片（PNG）…";
    ExportSvg => "Picture (SVG)…", "矢量图（SVG）…";
    ExportHtml => "Account plan report (HTML)…", "客户计划报告（HTML）…";
    ExportMarkdown => "Account plan report (Markdown)…", "客户计划报告（Markdown）…";
    ExportCsv => "Stakeholder table (CSV)…", "人员表格（CSV）…";
    ExportRedacted => "Leave out private fields (personal agenda, notes, contacts)", "隐去隐私字段（个人诉求、备注、联系方式）";
    ExportCurrentView => "Pictures: current view only", "图片：仅当前视图";
    Exporting => "Exporting {0}…", "正在导出 {0}…";
    ExportStep => "{0} {0|person|people}", "{0} 人";
    Exported => "Exported {0}", "已导出 {0}";
    CannotExport => "Could not export", "无法导出";
    ExportOverMap => "This is the map file itself: choose another name for the export.", "这是地图文件本身：请为导出文件另选名称。";
    ExportStopped => "The export stopped unexpectedly.", "导出意外中止。";
    ReplaceTitle => "Replace the file?", "替换文件？";
    ReplaceQuestion => "“{0}” already exists. Replace it?", "“{0}”已存在。要替换吗？";
    Replace => "Replace", "替换";
    PathHint => "No file dialog is available here: type the full path of the file.", "此处无法打开文件对话框：请输入文件的完整路径。";
    OpenButton => "Open", "打开";
    CannotOpen => "Could not open the map", "无法打开地图";
    CannotSave => "Could not save the map", "无法保存地图";
    EditRefused => "That change was not made: {0}", "未能执行该更改：{0}";
    Dismiss => "Dismiss", "关闭";
    SavedTo => "Saved {0}", "已保存 {0}";
    Opened => "Opened {0}", "已打开 {0}";
    SampleNotice => "This is a sample map: use Save as to keep your changes.", "这是示例地图：请用“另存为”保存您的更改。";
    Modified => "modified", "已修改";
    People => "{0} {0|person|people}, {1} {1|line|lines}", "{0} 人，{1} 条关系";
    // Side panel.
    // Comparing with an older version on the canvas (#13)
    ComparingWith => "Comparing with {0}:", "正在与{0}比较：";
    ComparingCounts => "{0} new · {1} gone · {2} changed · {3} line {3|change|changes}", "新增 {0} 人 · 离开 {1} 人 · 变化 {2} 人 · 关系变化 {3} 条";
    ComparingShowList => "Show the list", "显示清单";
    ComparingHideList => "Hide the list", "隐藏清单";
    ComparingClose => "End comparison", "结束比较";
    ComparingNew => "New since then", "此后新增";
    ComparingReview => "the review of {0}", "{0} 的评审";
    ComparingGone => "gone", "已离开";
    DiffChangedDetail => "Changed: {0} — {1}", "修改：{0}——{1}";
    DiffAlso => "also {0}", "另有{0}";
    DiffLineAdded => "Line added: {0} → {1} ({2})", "新增关系：{0} → {1}（{2}）";
    DiffLineChanged => "Line changed: {0} → {1} ({2})", "关系修改：{0} → {1}（{2}）";
    DiffLineRemoved => "Line removed: {0} → {1} ({2})", "删除关系：{0} → {1}（{2}）";
    ChipNew => "new", "新";
    ChipPower => "power", "权力";
    ChipRole => "role", "角色";
    ChipOwner => "owner", "负责人";
    ChipEdited => "edited", "已改";
    SetupDriverWas => "The merge driver was already registered ({0}).", "合并驱动已注册（{0}）。";
    SetupDriverNow => "Registered the merge driver in the repository's config: {0} = {1}", "已在仓库配置中注册合并驱动：{0} = {1}";
    SetupAttributesWere => "{0} already sends map files to the driver.", "{0} 已将地图文件交给合并驱动处理。";
    SetupAttributesAdded => "Added “{0}” to {1}; commit it so your colleagues' merges use it too.", "已在 {1} 中加入“{0}”；请提交此文件，同事合并时也会用到。";
    SetupNotARepository => "{0} is not inside a git repository: run git init there first, or clone your team's repository.", "{0} 不在 git 仓库中：请先在该处运行 git init，或克隆团队的仓库。";
    ReadingFile => "Reading {0}…", "正在读取 {0}…";
    ImportFinding => "Looking for people already on the map…", "正在查找图中已有的人…";
    EditJobImport => "Importing the contacts…", "正在导入联系人…";
    EditJobUndo => "Undoing…", "正在撤销…";
    EditJobRedo => "Redoing…", "正在重做…";
    EditJobStopped => "The change could not be finished; the map is as it was.{0}", "更改未能完成，地图保持原样。{0}";
    PresentPreparing => "Preparing the presentation…", "正在准备演示…";
    CompareReviewHint => "Choose a review: the map shows what changed since.", "选择一次评审，地图上会标出此后的变化。";
    // Workspace start page (h-start)
    WsOpen => "Open workspace…", "打开工作区…";
    WsShow => "Workspace", "工作区总览";
    WsBack => "← Back to workspace", "← 返回工作区";
    WsPathTitle => "Open a workspace: the folder holding the team's maps", "打开工作区：选择存放团队地图的文件夹";
    WsOpenFolder => "Open this folder", "打开此文件夹";
    WsCannotOpen => "Cannot open the workspace", "无法打开工作区";
    WsNotFolder => "This is not a folder: {0}", "这不是一个文件夹：{0}";
    WsTitle => "Workspace: {0}", "工作区：{0}";
    WsScanning => "Reading maps: {0} of {1}", "正在读取地图：{0} / {1}";
    WsSummary => "{0} {0|map|maps}, {1} broken {1|file|files}, {2} {2|file|files} skipped", "共 {0} 张地图，{1} 个文件损坏，跳过 {2} 个文件";
    WsByStage => "By stage", "按阶段";
    WsByHealth => "Deal value by health", "按健康度统计商机金额";
    WsMaps => "{0} {0|map|maps}", "{0} 张地图";
    WsWorsened => "Worse than at the last review", "比上次复盘变差的商机";
    WsNoneWorsened => "No deal is worse than at its last review.", "没有比上次复盘变差的商机。";
    WsMore => "and {0} more", "还有 {0} 个";
    WsTelling => "Risks most present in lost deals", "丢单中最常见的风险";
    WsTellingItem => "{0}: in {1} of {2} lost deals, {3} of {4} won", "{0}：{2} 个丢单中有 {1} 个，{4} 个赢单中有 {3} 个";
    WsTellingNone => "Fewer than 3 closed deals: nothing learned yet.", "已结束的商机不足 3 个，暂时学不到规律。";
    WsSearch => "Search customer, opportunity, owner (pinyin works)", "搜索客户、商机、负责人（支持拼音）";
    WsPeople => "Find a person in every map:", "在所有地图中找人：";
    WsPeopleHint => "Name or e-mail", "姓名或邮箱";
    WsPeopleFind => "Find in all maps", "在所有地图中查找";
    WsPeopleNone => "Nobody called “{0}” in this workspace", "本工作区中没有“{0}”";
    WsAllStages => "All stages", "全部阶段";
    WsAllHealth => "Any health", "全部健康度";
    WsShown => "{0} of {1} {1|map|maps} shown", "显示 {0} / {1} 张地图";
    WsEmpty => "No maps in this folder.", "此文件夹中没有地图。";
    WsBroken => "Cannot read: {0}", "无法读取：{0}";
    WsYes => "Yes", "是";
    WsNo => "No", "否";
    WsColCustomer => "Customer", "客户";
    WsColOpportunity => "Opportunity", "商机";
    WsColValue => "Deal value", "商机金额";
    WsColClose => "Close date", "预计签约";
    WsColHealth => "Health", "健康度";
    WsColDecisionMaker => "DM supports", "决策者支持";
    WsColChampion => "Champion", "有内线";
    WsColStale => "Stale", "过时占比";
    WsColOverdue => "Overdue", "逾期行动";
    WsColOwners => "Owners", "负责人";
    WsColModified => "Modified", "修改日期";
    // Finding people and presenting (h-find)
    FindButton => "Find", "查找";
    FindHint => "Name, title, department, tag, e-mail or pinyin (zzh)", "姓名、职务、部门、标签、邮箱或拼音（如 zzh）";
    FindCount => "{0} found", "找到 {0} 人";
    FindNone => "Nobody found", "没有找到匹配的人";
    FindIndexing => "Preparing the search…", "正在准备搜索…";
    FindMore => "… and {0} more: type more to narrow down", "……另有 {0} 人，请继续输入缩小范围";
    FindClose => "Close search (Esc)", "关闭查找（Esc）";
    FindKeys => "↑↓ choose · Enter go to · Esc close", "↑↓ 选择 · Enter 定位 · Esc 关闭";
    FilterButton => "Filter", "筛选";
    FilterPower => "Power from", "权力从";
    FilterPowerTo => "to", "到";
    FilterOwner => "Owner", "负责人";
    FilterTag => "Tag", "标签";
    FilterAny => "Any", "不限";
    FilterNobody => "Nobody", "无人负责";
    FilterStale => "Only stale records (not verified within {0} days)", "只看信息过期的人（{0} 天内未核实）";
    FilterHide => "Hide the others instead of fading them", "隐藏其他人（而不是淡化）";
    FilterClear => "Clear filter", "清除筛选";
    FilterActive => "Filter: {0}", "筛选：{0}";
    FilterShown => "{0} of {1} people", "显示 {0} / {1} 人";
    Present => "Present", "演示模式";
    PresentLeave => "Leave (Esc)", "退出演示（Esc）";
    PresentAnonymous => "Anonymous: titles instead of names", "匿名：用职务代替姓名";
    PresentStep => "Step {0} of {1}", "第 {0} / {1} 步";
    PresentNoStory => "Nothing to step through: no decision maker, champion or risk found.", "没有可讲解的内容：未找到决策者、内线或风险。";
    PresentKeys => "← → step through the story", "← → 逐步讲解";
    StoryDecisionMaker => "Decision maker", "决策者";
    StoryChampion => "Champion", "内线";
    StoryRisk => "Risk", "风险";
    // Many accounts (h-portfolio)
    OutcomeField => "Outcome", "结果";
    OutcomeOpen => "Open", "进行中";
    OutcomeWon => "Won", "赢单";
    OutcomeLost => "Lost", "丢单";
    ClosedOn => "Closed on", "结单日期";
    // Workshop views (h-views)
    ViewMap => "Map", "地图";
    ViewOrgChart => "Org chart", "组织架构";
    ViewFishbone => "Fishbone", "鱼骨图";
    ViewGrid => "Power × stance grid", "权力×态度矩阵";
    ViewSwitcherLabel => "Show as", "显示为";
    ViewSwitcherHint => "How the people are laid out. The map keeps your positions; the other views are drawn from the map and leave your positions untouched.", "人员的排布方式。地图保留你摆放的位置；其他视图由地图自动生成，不会改动你摆放的位置。";
    ViewComputedHint => "This view is drawn from the map: people cannot be moved here. Switch to the map to move them.", "此视图由地图自动生成，不能在这里移动人员。请切换到地图再移动。";
    ViewGridHint => "Drag a person to another cell to change their stance and power.", "把人拖到另一个格子即可修改其态度和权力。";
    ViewComputing => "Laying out {0} people…", "正在排布 {0} 人…";
    ShowDepartments => "Department groups", "按部门分组";
    MenuArrange => "Arrange", "整理";
    TidyUp => "Tidy up", "自动整理";
    TidyKeepSelected => "Keep selected people in place", "所选人员保持不动";
    ArrangeOrgChart => "Arrange as org chart", "按组织架构排列";
    ArrangeMapOnly => "Switch to the map view to arrange people.", "请先切换到地图视图再整理。";
    Arranging => "Arranging {0} people…", "正在整理 {0} 人…";
    ArrangeNothing => "Everyone is already in place.", "所有人都已就位。";
    ArrangeStopped => "Arranging stopped; nothing changed.", "已停止整理，地图未改动。";
    ExportViewMenu => "Picture shows", "图片内容";
    ExportViewCurrent => "Current view ({0})", "当前视图（{0}）";
    // Interaction log, reviews, sync (h-log)
    InteractionLog => "Interaction log", "互动记录";
    LogContact => "Log a contact", "记录互动";
    LogDate => "Date", "日期";
    LogDateNeeded => "Enter the date of the contact.", "请填写互动日期。";
    LogKind => "Kind", "方式";
    KindMeeting => "Meeting", "会议";
    KindCall => "Call", "电话";
    KindEmail => "E-mail", "邮件";
    KindVisit => "Visit", "拜访";
    KindEvent => "Event", "活动";
    KindOther => "Other", "其他";
    LogBy => "Who on our team", "我方人员";
    LogNobody => "(not recorded)", "（未记录）";
    LogSummary => "Summary", "摘要";
    LogSummaryNeeded => "Write what happened.", "请写下互动内容。";
    LogStance => "Stance observed", "观察到的态度";
    LogNotObserved => "(not observed)", "（未观察到）";
    LogAlsoSetStance => "Also set the stance to {0}", "同时把态度改为“{0}”";
    LogFull => "The log holds the most entries a person can have ({0}); remove old ones first.", "互动记录已达上限（{0} 条），请先删除旧记录。";
    LogSave => "Save", "保存";
    LogRemove => "Remove this entry", "删除这条记录";
    StanceTrend => "Stance trend:", "态度变化：";
    MarkReviewed => "Mark as reviewed…", "标记为已评审…";
    MarkReviewedTitle => "Mark the map as reviewed", "标记地图为已评审";
    ReviewDate => "Date: {0}", "日期：{0}";
    ReviewBy => "Reviewed by", "评审人";
    ReviewNote => "Note", "备注";
    MarkReviewedSave => "Mark as reviewed", "标记为已评审";
    CompareWithReview => "Compare with review…", "与评审时对比…";
    CompareReviewTitle => "Compare with a review", "与评审时对比";
    NoReviews => "No review yet: use Mark as reviewed… after a deal review.", "还没有评审记录：开完项目评审会后，请用“标记为已评审…”。";
    ChangesSinceReview => "Changes since the review of {0}", "自 {0} 评审以来的变化";
    LastReviewed => "last reviewed {0}", "上次评审：{0}";
    SyncMenu => "Sync…", "同步…";
    SyncTitle => "Sync with the team", "与团队同步";
    SyncExplain => "Commits this map, pulls your colleagues' changes (maps merge field by field) and pushes yours, with your git.", "用您的 git 提交本地图、拉取同事的修改（地图逐字段合并），再推送您的修改。";
    SyncSavesFirst => "The map has unsaved changes: Sync saves it first.", "地图有未保存的修改：同步前会先保存。";
    SyncMessage => "Commit message", "提交说明";
    SyncNoDriver => "Merging of maps is not set up in this repository: a pull that meets a colleague's edits would stop with a conflict.", "本仓库尚未设置地图合并：拉取时若遇到同事的修改，会直接报冲突。";
    SyncSetUp => "Set up merging (git-setup)", "设置合并（git-setup）";
    SyncSetUpFailed => "Could not set up merging: {0}", "无法设置合并：{0}";
    SyncStart => "Sync", "同步";
    SyncStepCommit => "Committing the map", "提交地图";
    SyncStepPull => "Pulling the team's changes", "拉取团队的修改";
    SyncStepPush => "Pushing your changes", "推送您的修改";
    SyncDone => "Synced: the map now holds the team's changes and yours.", "同步完成：地图已包含团队和您的修改。";
    SyncConflicts => "Merged, with conflicts: both sides changed the same values. Settle them in the bar above the map, save, and Sync again.", "已合并，但有冲突：双方改了同一处。请在地图上方的提示栏中逐一处理，保存后再同步一次。";
    SyncGitMissing => "Git is not installed (or not on the PATH). Install git, then Sync again.", "未安装 git（或不在 PATH 中）。请先安装 git，再同步。";
    SyncNotRepo => "{0} is not in a git repository: clone your team's repository and open the map from there.", "{0} 不在 git 仓库中：请先克隆团队的仓库，再从那里打开地图。";
    SyncNoRemote => "This repository has no remote to sync with. Add your team's: git remote add origin URL", "本仓库没有可同步的远程仓库。请添加团队的仓库：git remote add origin 地址";
    SyncOtherConflicts => "Other files have unresolved merge conflicts: {0}. Resolve them with git first.", "其他文件有未解决的合并冲突：{0}。请先用 git 解决。";
    SyncGitFailed => "{0} failed. Git said: {1}", "{0}失败。git 提示：{1}";
    SyncTimedOut => "{0} took longer than {1} seconds and was stopped. Check the network and Sync again.", "{0}超过 {1} 秒仍未完成，已停止。请检查网络后再同步。";
    // merge conflicts (main)
    History => "History…", "历史版本…";
    HistoryTitle => "History of this map", "本地图的历史版本";
    HistoryReading => "Reading the history from the git repository…", "正在从 git 仓库读取历史…";
    HistoryCannotRead => "No history: {0}", "无法读取历史：{0}";
    HistoryEmpty => "No commit holds this map yet: commit it first.", "还没有任何提交包含本地图，请先提交。";
    HistoryIntro => "{0} {0|commit|commits} changed this map, newest first. Compare shows what differs from the map in the window.", "共有 {0} 次提交修改过本地图（最新的在前）。点“比较”可查看与当前地图的差异。";
    HistoryCompare => "Compare", "比较";
    HistoryStanceOf => "The column shows {0}'s stance in each commit (— : not in the map then).", "中间一列是 {0} 在每次提交时的态度（—：当时不在图中）。";
    HistorySaveFirst => "Save the map in a folder under git to see its history.", "请先将地图保存到 git 仓库中的文件夹，才能查看历史。";
    SideRevision => "the version of {0}", "{0} 的版本";
    CompareWith => "Compare with file…", "与其他文件比较…";
    PathTitleCompare => "Compare with a map file (a colleague's copy, a backup)", "选择要比较的地图文件（同事的副本或备份）";
    CompareButton => "Compare", "比较";
    SideOtherFile => "the other file", "另一文件";
    HandOver => "Hand over", "移交";
    HandOverHint => "Give everyone {0} owns and the plans they lead to a colleague, in one step", "将{0}负责的所有关键人和牵头的计划一次性移交给同事";
    HandOverWhat => "{0} owns {1} {1|person|people} and leads {2} {2|plan|plans}. Hand over to:", "{0}负责 {1} 位关键人，牵头 {2} 项计划。移交给：";
    HandOverTo => "{0}", "{0}";
    EditResolveConflict => "settle a merge conflict", "处理合并冲突";
    ConflictsBanner => "This map holds {0} {0|merge conflict|merge conflicts}: both copies changed the same thing differently. The map shows our value; choose for each.", "本地图还有 {0} 处合并冲突：两份副本对同一内容做了不同修改。地图中显示的是我方的值，请逐一确认。";
    ConflictsShow => "Choose…", "逐一处理…";
    ConflictsHide => "Hide", "收起";
    ConflictOurs => "Ours: {0}", "我方：{0}";
    ConflictTheirs => "Theirs: {0}", "对方：{0}";
    ConflictBase => "Before: {0}", "合并前：{0}";
    ConflictKeepOurs => "Keep ours", "保留我方";
    ConflictTakeTheirs => "Take theirs", "采用对方";
    ConflictShowPerson => "Show", "定位";
    ConflictRemoved => "(removed)", "（已删除）";
    ConflictAbsent => "(not there)", "（无）";
    ConflictWholeRecord => "kept, with changes", "保留（有修改）";
    ConflictRecordThere => "there", "存在";
    ConflictWholeMap => "Their whole map could not be merged; it is kept in the file.", "对方的整张地图无法合并，已完整保存在文件中。";
    ConflictCannotTake => "Their value cannot be taken: {0}", "无法采用对方的值：{0}";
    // canvas scale (h-canvas)
    Opening => "Opening {0}…", "正在打开 {0}…";
    OpeningSize => "{0} MB: a large map is read in the background.", "{0} MB：大地图在后台读取，请稍候。";
    OpenStopped => "Opening the map stopped unexpectedly.", "打开地图时意外中断。";
    // advice (h-voice)
    BuyingCentre => "Buying centre", "采购决策链";
    BuyingOwner => "Business owner", "业务归口";
    BuyingDecides => "Decides", "拍板";
    BuyingApproves => "Approves", "审批";
    BuyingGates => "Gates", "把关";
    ChampionTest => "Champion test", "内线检验";
    VerdictPass => "passes", "过关";
    VerdictDoubtful => "doubtful", "存疑";
    VerdictFail => "fails", "不过关";
    CoverageGrid => "Coverage (covered / on the map)", "覆盖情况（已覆盖/在图人数）";
    CoverageHint => "Covered means several contacts or in depth, with a recent last contact. Point at a cell for the names.", "已覆盖指多次接触或深度关系，且近期有联系。鼠标指向格子可查看名单。";
    CoveredPeople => "Covered: {0}", "已覆盖：{0}";
    NotCoveredPeople => "Not yet: {0}", "未覆盖：{0}";
    LevelExecutive => "Executive", "高层";
    LevelMiddle => "Middle", "中层";
    LevelOperational => "Operational", "执行层";
    AreaBusiness => "Business", "业务";
    AreaTechnical => "Technical", "技术";
    AreaFinance => "Finance", "财务";
    AreaProcurement => "Procurement", "采购";
    ShowAll => "Show all ({0})", "显示全部（{0}）";
    ShowFewer => "Show fewer", "收起";
    // text and import (h-text)
    FieldOtherContact => "Other contact", "其他联系方式";
    FieldTags => "Tags", "标签";
    TeamPlanParts => "This team's plan. Parts nobody edited follow the playbook, in the language of whoever reads them.", "本团队的计划。未修改的部分沿用内置打法，以阅读者的语言显示。";
    WrittenInChinese => "Written in Chinese", "中文撰写";
    WrittenInEnglish => "Written in English", "英文撰写";
    ImportRowOne => "1 row", "1 行";
    ImportLineOne => "1 reporting line drawn.", "新增 1 条汇报关系。";
    ImportMembers => "Added to our team: {0}", "已加入我方团队：{0}";
    ImportMatches => "Rows that match people already known — check each one", "与已有人员匹配的行——请逐一确认";
    ImportMatchCounts => "{0} by e-mail, {1} by name. Contact details are copied onto a match by name only when you tick it.", "按邮箱匹配 {0} 行，按姓名匹配 {1} 行。仅凭姓名匹配时，勾选后才会复制联系方式。";
    ImportRow => "Row {0}", "第 {0} 行";
    OnTheMap => "on the map", "地图上";
    MatchByEmail => "same e-mail", "邮箱相同";
    MatchByName => "same name", "姓名相同";
    AgreeSame => "same", "相同";
    AgreeOneEmpty => "on one side only", "仅一方有";
    AgreeDifferent => "different", "不同";
    MatchOtherOne => "1 other person has this name too", "另有 1 人同名";
    MatchOthers => "{0} other people have this name too", "另有 {0} 人同名";
    MatchSamePerson => "Row {0}: same person", "第 {0} 行：同一人";
    MatchCopyContacts => "Row {0}: copy e-mail and phone", "第 {0} 行：复制邮箱和电话";
    TabDetails => "Details", "详情";
    TabApproach => "Approach", "策略";
    TabPlans => "Plans", "计划";
    TabAnalysis => "Analysis", "分析";
    TabActions => "Actions", "行动";
    SelectPersonForApproach => "Select a person to see how to approach them.", "选择一个人，查看对其的策略。";
    Why => "Why", "原因";
    NextSteps => "Next steps", "下一步";
    TheirActions => "Their next actions", "其下一步行动";
    NoActions => "No open actions.", "没有待办行动。";
    HealthTitle => "Map health", "地图健康度";
    HealthRed => "Red", "红灯";
    HealthAmber => "Amber", "黄灯";
    HealthGreen => "Green", "绿灯";
    StageFocus => "Stage focus", "阶段重点";
    HighlightOnMap => "Highlight on the map", "在地图上突出显示";
    LikelyDecisionMakers => "Likely decision makers", "可能的决策者";
    NoCandidates => "Nobody stands out yet: add titles, power and reporting lines.", "暂无突出人选：请补充职位、权力和汇报关系。";
    InfluenceRanking => "Influence ranking", "影响力排名";
    HiddenInfluencers => "Hidden influencers", "隐性影响者";
    Risks => "Risks and gaps", "风险与缺口";
    NoRisks => "No risks found.", "未发现风险。";
    StaleAfter => "stale after", "信息过期天数";
    DaysSuffix => " days", " 天";
    SeverityHigh => "high", "高";
    SeverityMedium => "medium", "中";
    SeverityLow => "low", "低";
    PathsToPower => "Paths to power", "通往决策者的路径";
    NoPaths => "No supporter reaches a decision maker yet.", "还没有支持者能接触到决策者。";
    ShowPath => "Show", "显示";
    Analysing => "Updating the analysis…", "正在更新分析…";
    Playbook => "From the playbook: edit to make it this team's plan.", "来自内置打法：修改后即成为本团队的计划。";
    ResetPlan => "Back to the playbook", "恢复内置打法";
    Objective => "Objective", "目标";
    KeyMessages => "Key messages", "关键信息";
    Evidence => "Evidence to bring", "证据与材料";
    Channels => "Channels", "沟通渠道";
    Cadence => "Cadence", "频率";
    Lead => "Lead (our team)", "牵头人（我方）";
    NoLead => "(nobody yet)", "（暂无）";
    // Saving, recovery and paths (main).
    RecoverTitle => "Recover unsaved work", "恢复未保存的工作";
    RecoverIntro => "Powermap did not close normally last time. These maps had changes that were not saved:", "权力地图上次没有正常关闭。以下地图有尚未保存的更改：";
    RecoverItem => "{0} — {1} people, copy from {2}", "{0}——{1} 人，副本保存于 {2}";
    RecoverRestore => "Restore", "恢复";
    RecoverCompare => "Compare with the file", "与文件比较";
    RecoverDiscard => "Discard", "丢弃";
    RecoverLater => "Decide later", "稍后再说";
    RecoverCannot => "This copy cannot be read: {0}", "无法读取此副本：{0}";
    Restored => "Restored the unsaved changes of {0}: save to keep them.", "已恢复“{0}”的未保存更改：请保存以保留。";
    DiskChangedBanner => "This map was changed on disk by someone else (another program, a colleague, git) since you opened or saved it.", "自您打开或保存以来，这张地图已在磁盘上被他人修改（其他程序、同事或 git）。";
    DiskReload => "Reload from disk", "从磁盘重新加载";
    DiskReloadDiscard => "Reload (discard my changes)", "重新加载（放弃我的更改）";
    DiskCompare => "Compare", "比较";
    DiskKeepMine => "Keep mine", "保留我的版本";
    Reloaded => "Reloaded {0} from disk", "已从磁盘重新加载 {0}";
    ConflictTitle => "The file changed on disk", "文件已在磁盘上被修改";
    ConflictText => "Since you opened “{0}”, someone else saved a different version. Saving now would overwrite their change. Nothing has been written yet.", "自您打开“{0}”以来，他人保存了另一个版本。现在保存会覆盖对方的更改。目前尚未写入任何内容。";
    ConflictSaveAs => "Save mine as…", "将我的版本另存为…";
    ConflictOverwrite => "Overwrite (theirs is kept as .bak)", "覆盖（对方的版本保留为 .bak）";
    CompareTitle => "What differs", "差异";
    CompareSides => "From {0} to {1}:", "从{0}到{1}：";
    SideDisk => "the file on disk", "磁盘上的文件";
    SideWindow => "the map in this window", "本窗口中的地图";
    SideRecovered => "the recovered copy", "恢复的副本";
    SideNothing => "nothing (the map was never saved)", "空白（该地图从未保存）";
    NoDifferences => "No differences.", "没有差异。";
    DiffAdded => "Added: {0}", "新增：{0}";
    DiffRemoved => "Removed: {0}", "删除：{0}";
    DiffChanged => "Changed: {0} ({1})", "修改：{0}（{1}）";
    DiffLines => "Lines: {0} added, {1} removed, {2} changed", "关系：新增 {0} 条，删除 {1} 条，修改 {2} 条";
    DiffAccount => "The account details differ.", "客户信息不同。";
    DiffTeam => "Our team differs.", "我方团队不同。";
    DiffPlans => "The communication plans differ.", "沟通计划不同。";
    Close => "Close", "关闭";
    CreateFolderTitle => "Create the folder?", "创建文件夹？";
    CreateFolderQuestion => "The folder {0} does not exist. Create it?", "文件夹 {0} 不存在。要创建吗？";
    CreateFolder => "Create folder", "创建文件夹";
    CannotCreateFolder => "The folder {0} could not be created: {1}", "无法创建文件夹 {0}：{1}";
    BrowserHint => "Pick a folder below, then type a file name — or type a full path (~ is your home folder).", "在下方选择文件夹后输入文件名，或直接输入完整路径（~ 表示您的主文件夹）。";
    BrowserUp => "Up one folder", "上一级";
    BrowserRecent => "Recent folders:", "最近的文件夹：";
    BrowserEmpty => "No matching files in this folder.", "此文件夹中没有可用的文件。";
    BrowserMore => "…and {0} more", "……另有 {0} 项";
    BrowserUnreadable => "This folder cannot be read: {0}", "无法读取此文件夹：{0}";
    BrowserWillCreate => "The folder {0} does not exist yet.", "文件夹 {0} 尚不存在。";
    BrowserFolder => "In {0}:", "位于 {0}：";
    BrowserPathLabel => "Path", "路径";
}

/// Translates UI strings into one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr(pub Language);

impl Tr {
    /// The string for `key`.
    pub fn t(self, key: T) -> &'static str {
        key.text(self.0)
    }

    /// The string for `key` with `{0}`, `{1}`, … replaced by `args`.
    ///
    /// `{0|one|other}` picks a word by the number in `{0}`: "{0} {0|person|people}"
    /// reads "1 person" and "3 people". Chinese needs no such forms.
    pub fn f(self, key: T, args: &[&dyn std::fmt::Display]) -> String {
        let mut text = self.t(key).to_owned();
        for (i, arg) in args.iter().enumerate() {
            let arg = arg.to_string();
            text = plural_forms(&text, i, &arg).replace(&format!("{{{i}}}"), &arg);
        }
        text
    }

    /// The title of a bundled sample, by its file name.
    pub fn sample_title(self, file_name: &str) -> String {
        let key = match file_name {
            "group-equipment-deal.json" => T::SampleEquipment,
            "university-academic-affairs.json" => T::SampleUniversity,
            "enterprise-software-deal.json" => T::SampleEnterprise,
            other => return other.to_owned(),
        };
        self.t(key).to_owned()
    }

    /// Whether the language is Chinese.
    pub fn chinese(self) -> bool {
        self.0 == Language::Chinese
    }

    /// The name of a role.
    pub fn role(self, role: Role) -> &'static str {
        let (en, zh) = match role {
            Role::DecisionMaker => ("Decision maker", "决策者"),
            Role::Influencer => ("Influencer", "影响者"),
            Role::EndUser => ("End user", "最终用户"),
            Role::Gatekeeper => ("Gatekeeper", "看门人"),
            // 阻碍者: the stance Opponent is 反对, and a role must not read like one.
            Role::Blocker => ("Blocker", "阻碍者"),
            Role::Champion => ("Champion", "内线"),
            Role::Unknown => ("Unknown role", "角色未知"),
        };
        self.pick(en, zh)
    }

    /// The name of a stance.
    pub fn stance(self, stance: Stance) -> &'static str {
        let (en, zh) = match stance {
            Stance::Advocate => ("Advocate", "力挺"),
            Stance::Supporter => ("Supporter", "支持"),
            Stance::Neutral => ("Neutral", "中立"),
            Stance::Skeptic => ("Skeptic", "怀疑"),
            Stance::Opponent => ("Opponent", "反对"),
            Stance::Unknown => ("Unknown stance", "态度未知"),
        };
        self.pick(en, zh)
    }

    /// The name of a coverage depth.
    pub fn coverage(self, coverage: Coverage) -> &'static str {
        let (en, zh) = match coverage {
            Coverage::None => ("No contact", "未接触"),
            Coverage::Brief => ("Brief contact", "简单接触"),
            Coverage::Multiple => ("Multiple contacts", "多次接触"),
            Coverage::InDepth => ("In depth", "深度关系"),
        };
        self.pick(en, zh)
    }

    /// The name of a deal stage.
    pub fn stage(self, stage: Stage) -> &'static str {
        let (en, zh) = match stage {
            Stage::Early => ("Early", "前期"),
            Stage::Middle => ("Middle", "中期"),
            Stage::Late => ("Late", "后期"),
        };
        self.pick(en, zh)
    }

    /// The name of a relationship kind.
    pub fn kind(self, kind: RelationshipKind) -> &'static str {
        let (en, zh) = match kind {
            RelationshipKind::ReportsTo => ("Reports to", "汇报给"),
            RelationshipKind::Influences => ("Influences", "影响"),
            RelationshipKind::Ally => ("Ally", "盟友"),
            RelationshipKind::Conflict => ("Conflict", "冲突"),
        };
        self.pick(en, zh)
    }

    /// The name of a power level.
    pub fn power(self, level: u8) -> String {
        let (en, zh) = match level {
            1 => ("1 – low", "1 – 低"),
            2 => ("2", "2"),
            3 => ("3 – medium", "3 – 中"),
            4 => ("4", "4"),
            _ => ("5 – high", "5 – 高"),
        };
        self.pick(en, zh).to_owned()
    }

    /// The name of a line strength: weak, normal, strong.
    pub fn strength(self, strength: crate::model::Strength) -> &'static str {
        self.t(match strength.level() {
            1 => T::StrengthWeak,
            2 => T::StrengthNormal,
            _ => T::StrengthStrong,
        })
    }

    /// The words for an undo step, such as "edit 张伟".
    pub fn edit_label(self, label: &EditLabel) -> String {
        let subject = if label.subject.is_empty() {
            self.t(T::Unnamed).to_owned()
        } else {
            label.subject.clone()
        };
        let one = label.count <= 1;
        match label.kind {
            EditKind::AddStakeholder => self.f(T::EditAddPerson, &[&subject]),
            EditKind::EditStakeholder if one => self.f(T::EditPerson, &[&subject]),
            EditKind::EditStakeholder => self.f(T::EditManyPeople, &[&label.count]),
            EditKind::RemoveStakeholders if one => self.f(T::EditRemovePeople, &[&subject]),
            EditKind::RemoveStakeholders => self.f(T::EditRemoveManyPeople, &[&label.count]),
            EditKind::MoveStakeholders if one => self.f(T::EditMove, &[&subject]),
            EditKind::MoveStakeholders => self.f(T::EditMoveMany, &[&label.count]),
            EditKind::AddRelationship => self.f(T::EditAddLine, &[&subject]),
            EditKind::EditRelationship => self.f(T::EditLine, &[&subject]),
            EditKind::RemoveRelationships => self.f(T::EditRemoveLines, &[&label.count]),
            EditKind::EditAccount => self.t(T::EditAccount).to_owned(),
            EditKind::AddTeamMember => self.f(T::EditAddMember, &[&subject]),
            EditKind::EditTeamMember => self.f(T::EditMember, &[&subject]),
            EditKind::RemoveTeamMember => self.f(T::EditRemoveMember, &[&subject]),
            EditKind::EditPlan => {
                let role = Role::parse(&label.subject).map_or(subject.as_str(), |r| self.role(r));
                self.f(T::EditPlan, &[&role])
            }
            EditKind::Import => format!("{} {subject}", self.t(T::EditImport)),
            EditKind::ResolveConflict => self.t(T::EditResolveConflict).to_owned(),
            EditKind::Batch => self.f(T::EditBatch, &[&label.count]),
        }
    }

    pub(crate) fn pick(self, en: &'static str, zh: &'static str) -> &'static str {
        match self.0 {
            Language::English => en,
            Language::Chinese => zh,
        }
    }
}

/// Replaces each `{index|one|other}` in `text` by the form for `arg`: `one` when the
/// argument is exactly 1, else `other`.
fn plural_forms(text: &str, index: usize, arg: &str) -> String {
    let open = format!("{{{index}|");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(&open) {
        let after = rest.get(start + open.len()..).unwrap_or_default();
        let Some(end) = after.find('}') else {
            break;
        };
        let forms = after.get(..end).unwrap_or_default();
        let (one, other) = forms.split_once('|').unwrap_or((forms, forms));
        out.push_str(rest.get(..start).unwrap_or_default());
        out.push_str(if arg == "1" { one } else { other });
        rest = after.get(end + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally_in_both_languages() {
        let (en, zh) = (Tr(Language::English), Tr(Language::Chinese));
        assert_eq!(en.f(T::People, &[&1, &1]), "1 person, 1 line");
        assert_eq!(en.f(T::People, &[&0, &2]), "0 people, 2 lines");
        assert_eq!(en.f(T::People, &[&11, &21]), "11 people, 21 lines");
        assert_eq!(zh.f(T::People, &[&1, &3]), "1 人，3 条关系");
        assert_eq!(en.f(T::ImportLines, &[&1]), "1 reporting line drawn.");
        assert_eq!(en.f(T::ImportLines, &[&4]), "4 reporting lines drawn.");
        assert_eq!(en.f(T::ImportRows, &[&1]), "1 row");
        assert_eq!(
            en.f(T::ManySelected, &[&1, &2]),
            "1 person and 2 lines selected"
        );
        assert_eq!(en.f(T::EditRemoveLines, &[&1]), "remove 1 line");
        assert_eq!(en.f(T::ExportStep, &[&1]), "1 person");
        // No catalogue entry is left with a plural form unreplaced.
        for key in T::ALL {
            for tr in [en, zh] {
                let text = tr.f(*key, &[&1, &2, &3, &4, &5]);
                assert!(!text.contains('|'), "{key:?}: {text}");
            }
        }
    }

    #[test]
    fn plural_forms_leave_other_text_alone() {
        assert_eq!(plural_forms("{0|a|b} {1|c|d}", 0, "1"), "a {1|c|d}");
        assert_eq!(plural_forms("{0|a|b}{0|x|y}", 0, "2"), "by");
        assert_eq!(plural_forms("no forms {0}", 0, "1"), "no forms {0}");
        assert_eq!(plural_forms("broken {0|a", 0, "1"), "broken {0|a");
    }

    #[test]
    fn every_key_has_both_languages_with_the_same_placeholders() {
        for key in T::ALL {
            let (en, zh) = (Tr(Language::English).t(*key), Tr(Language::Chinese).t(*key));
            assert!(!en.is_empty() && !zh.is_empty(), "{key:?}");
            for n in 0..3 {
                let placeholder = format!("{{{n}}}");
                assert_eq!(
                    en.contains(&placeholder),
                    zh.contains(&placeholder),
                    "{key:?}"
                );
            }
        }
    }

    #[test]
    fn chinese_strings_are_chinese() {
        let tr = Tr(Language::Chinese);
        assert_eq!(tr.t(T::MenuFile), "文件");
        assert_eq!(tr.role(Role::Champion), "内线");
        assert_eq!(tr.f(T::UndoWhat, &[&"移动 张伟"]), "撤销：移动 张伟");
    }

    #[test]
    fn locale_names_pick_the_language() {
        assert_eq!(Language::from_locale("zh_CN.UTF-8"), Language::Chinese);
        assert_eq!(Language::from_locale("zh-Hans-CN"), Language::Chinese);
        assert_eq!(Language::from_locale("en-US"), Language::English);
        assert_eq!(Language::from_locale("de_DE"), Language::English);
    }
}
