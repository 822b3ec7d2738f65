//! Steps that fit the person: outcomes for executives, numbers for finance,
//! architecture and compliance for IT and security, process for procurement, the
//! department's results for the business decider, and the classic role steps for
//! everyone else.

use super::super::Verdict;
use super::super::buying::DecisionKind;
use super::super::coach_risks::writes_specs;
use super::super::functions::Function;
use super::super::titles::Rank;
use super::Steps;
use super::profile::Profile;
use crate::model::Role;

/// Adds the steps for the person's seniority, function and role.
pub fn fit_steps(profile: &Profile<'_>, steps: &mut Steps) {
    let person = profile.person;
    let executive = profile.executive();
    if executive || profile.kind == Some(DecisionKind::Approver) {
        steps.push(
            "Talk outcomes at their level: what the project does for their targets this year, the risk of not acting, and the one decision you need from them; our executive leads, not our engineers.".into(),
            "对等沟通，只谈结果：项目对其今年目标的贡献、不做的风险，以及需要其做的那一个决定；由我方高层出面，而不是技术人员。".into(),
        );
    } else if profile.kind == Some(DecisionKind::Decider) {
        let owner = profile.analysis.buying.owner.or(profile.function).map(|f| {
            (
                f.name(crate::lang::Language::English),
                f.name(crate::lang::Language::Chinese),
            )
        });
        match owner {
            Some((en, zh)) => steps.push(
                format!("Make it their department's result: what changes in the daily work of {en}, in their own numbers; let their criteria shape our proposal."),
                format!("把项目做成其部门的业绩：{zh}条线的日常工作会有哪些改变，用其自己的数据说话；让其标准主导我方方案。"),
            ),
            None => steps.push(
                "Make it their department's result: what changes in their people's daily work, in their own numbers; let their criteria shape our proposal.".into(),
                "把项目做成其部门的业绩：其团队的日常工作会有哪些改变，用其自己的数据说话；让其标准主导我方方案。".into(),
            ),
        }
    } else if person.role == Role::DecisionMaker {
        steps.push(
            "Meet at their level: bring our senior sponsor and talk business outcomes, ROI and risk.".into(),
            "对等拜访：请我方高层出面，谈业务成果、投资回报和风险。".into(),
        );
    }
    let function_step = function_step(profile, steps);
    if writes_specs(person) && !executive && !profile.decides {
        steps.push(
            "They shape the specifications: work through the technical parameters with them before the tender, so the specs reward what we do well and stay open to every qualified supplier.".into(),
            "其参与制定招标参数：招标前与其一起推敲技术参数，让参数体现我方优势，同时对所有合格供应商开放，经得起评标专家审查。".into(),
        );
    }
    let fitted = executive || function_step || profile.kind == Some(DecisionKind::Decider);
    role_step(profile, fitted, steps);
}

/// The step for a gate function; whether one was added.
fn function_step(profile: &Profile<'_>, steps: &mut Steps) -> bool {
    let Some(function) = profile.function else {
        return false;
    };
    match function {
        Function::Finance => steps.push(
            "Bring the numbers finance needs: ROI and payback on their own figures, payment terms, when the budget is released, and a leasing or instalment option.".into(),
            "带上财务关心的数字：用其自己的数据算投资回报和回收期，讲清付款条件、预算何时下达，并准备融资租赁或分期付款方案。".into(),
        ),
        Function::It => steps.push(
            "Architecture and integration: how we fit their systems and data standards and who runs it after go-live; hold a technical review with their architects.".into(),
            "讲架构与集成：如何对接现有系统和数据标准、上线后由谁运维；安排与其架构师的技术评审。".into(),
        ),
        Function::Security => steps.push(
            "Security and compliance: where the data is stored, access control, certifications and penetration tests; a session between our security lead and theirs.".into(),
            "讲安全与合规：数据存放位置、权限控制、等保等资质认证和渗透测试结果；安排双方安全负责人直接交流。".into(),
        ),
        Function::Procurement => steps.push(
            "Process and qualification: the tender method and timeline, the qualification documents, how bids are scored and who scores them; every document complete and on time.".into(),
            "讲流程与资格：招标方式和时间表、资格审查文件、评分办法和评标专家的构成；所有材料齐全、按时提交。".into(),
        ),
        Function::Legal => steps.push(
            "Contract terms early: send our standard contract and data-processing terms now, and settle the open points before the deadline.".into(),
            "合同条款早谈：现在就提供标准合同和数据处理条款，赶在节点前谈妥分歧。".into(),
        ),
        Function::Audit => steps.push(
            "Compliance above all: a documented, open process that stands an audit and no side promises; ask for their view early instead of surprising them.".into(),
            "合规第一：全过程公开透明、留痕可查，经得起纪检审计，不做任何私下承诺；尽早请其把关，而不是事后让其意外。".into(),
        ),
        Function::StaffRepresentation => steps.push(
            "Consult early: what changes for employees, which employee data the system handles, and whether a works agreement is needed; meet them together with HR.".into(),
            "尽早沟通：对员工有什么影响、系统涉及哪些员工数据、是否需要提交职代会审议；与人力资源部一起交流。".into(),
        ),
        _ => return false,
    }
    true
}

/// The classic step for the tagged role. Executives, and people who already got a
/// step for their function, get no technical-evaluation step.
fn role_step(profile: &Profile<'_>, fitted: bool, steps: &mut Steps) {
    let person = profile.person;
    match person.role {
        Role::Influencer if !fitted => steps.push(
            "Win their evaluation: technical proof, a demo on their data, a clear total cost.".into(),
            "赢得其评估：技术验证、基于其数据的演示、清晰的总拥有成本。".into(),
        ),
        Role::EndUser => steps.push(
            "Let them try it: a hands-on demo or a pilot, and a training plan.".into(),
            "让其亲自试用：上手演示或试点，并给出培训计划。".into(),
        ),
        Role::Gatekeeper => steps.push(
            "Earn access respectfully: ask rather than demand, make their job easier, keep every promise.".into(),
            "以尊重换取通道：多请教少要求，帮其省事，言出必行。".into(),
        ),
        Role::Blocker => steps.push(
            "Never surprise them in front of others: brief them before key meetings.".into(),
            "不要当众让其措手不及：关键会议前先单独沟通。".into(),
        ),
        Role::Champion => champion_steps(profile, steps),
        Role::Unknown if profile.rank >= Rank::Head || person.power.level() >= 4 => steps.push(
            "Find out their part in the decision before it surprises you: do they approve, can they veto, whom do they listen to?".into(),
            "趁早弄清其在决策中的角色，免得临场被动：是否参与审批、能否一票否决、听谁的意见。".into(),
        ),
        Role::Unknown => steps.push(
            "Find out their role in the decision: whom they report to and what they sign off.".into(),
            "弄清其在决策中的角色：向谁汇报、签批什么。".into(),
        ),
        Role::Influencer | Role::DecisionMaker => {}
    }
}

/// A champion is a coach, and is proven by what they do for us.
fn champion_steps(profile: &Profile<'_>, steps: &mut Steps) {
    steps.push(
        "Use them as a coach: review this map with them, and check what they tell you with a second source.".into(),
        "请其当教练：一起核对这张地图，其提供的信息要用第二个来源核实。".into(),
    );
    let test = profile
        .analysis
        .champions
        .iter()
        .find(|t| t.person == profile.index);
    let Some(test) = test.filter(|t| t.verdict != Verdict::Pass) else {
        return;
    };
    let dm = test
        .reaches
        .or_else(|| profile.analysis.deciders.first().copied())
        .filter(|&d| d != profile.index);
    match dm {
        Some(dm) => {
            let dm = profile.name(dm);
            steps.push(
                format!("Test them: ask them to arrange a meeting with {dm} — only if they can are they a real champion."),
                format!("检验一下：请其安排与{dm}的会面——约得到，才算真正的内线。"),
            );
        }
        None => steps.push(
            "Test them: ask them to tell you who has the final say and to arrange a meeting — only then are they a real champion.".into(),
            "检验一下：请其说出谁拍板并安排会面——做得到，才算真正的内线。".into(),
        ),
    }
}
