import type { CallbackAssignment, CallbackKind, CallbackStatus } from './callback';
import type { CallCategory, CallStatus, SpecialSituation } from './callRecord';
import type { CallbackResult, ComplaintChannel, ComplaintStatus, ComplaintType, Severity, SignoffKind } from './complaint';
import type { ClockKind, ClockState } from './deadlines';
import type { Role } from './roles';
import type { SCRIPT_ACTIONS, SCRIPT_KINDS } from './script';
import type { AuditAction } from '../sync/audit';
import type { TrackingColumnKey } from './tracking';
import type { AppraisalPart } from './appraisal';
import type { LeaveStatus, LeaveType } from './attendance';
import type { FindingStatus, TeachingCase } from './qaReview';
import type { QaRecordKind } from './quality';
import type { BulletinKind, PLAN_STATUSES, RECTIFICATION_STATUSES } from './bulletin';
import type { HandoverItemKind, HandoverStatus } from './handover';

/**
 * The words for every enumeration the users see, once per language. The renderer's i18n resources, the
 * tracking sheet, the print views and the core's export all read them here, so one screen cannot say
 * 已办结 while another says 已关闭. Each table is a `Record` over the enumeration's type: a value added in
 * shared/domain without its words here fails the type check. The wording follows the paper forms
 * (annexes 1–3) and the regulation they come from.
 */
export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

export interface EnumLabels {
  role: Record<Role, string>;
  callCategory: Record<CallCategory, string>;
  callStatus: Record<CallStatus, string>;
  specialSituation: Record<SpecialSituation, string>;
  complaintChannel: Record<ComplaintChannel, string>;
  severity: Record<Severity, string>;
  complaintType: Record<ComplaintType, string>;
  complaintStatus: Record<ComplaintStatus, string>;
  /** The customer's verdict at a complaint callback, and the survey answers of a callback. */
  callbackResult: Record<CallbackResult, string>;
  signoffKind: Record<SignoffKind, string>;
  /** A deadline by what it waits for (升级 / 上报 / 答复 / 回访). */
  clockKind: Record<ClockKind, string>;
  clockState: Record<ClockState, string>;
  callbackKind: Record<CallbackKind, string>;
  callbackStatus: Record<CallbackStatus, string>;
  callbackAssignment: Record<CallbackAssignment, string>;
  scriptKind: Record<(typeof SCRIPT_KINDS)[number], string>;
  scriptAction: Record<(typeof SCRIPT_ACTIONS)[number], string>;
  /** Column headers of the tracking sheet (annex 3), as printed and exported. */
  trackingColumn: Record<TrackingColumnKey, string>;
  /** Kinds of audited access (the audit log's 操作 column). */
  auditAction: Record<AuditAction, string>;
  /** QA (质检): what a sampled record is, a finding's state, a teaching case. */
  qaRecordKind: Record<QaRecordKind, string>;
  findingStatus: Record<FindingStatus, string>;
  teachingCase: Record<TeachingCase, string>;
  /** Attendance (考勤): leave types as 004 names them, and a request's state. */
  leaveType: Record<LeaveType, string>;
  leaveStatus: Record<LeaveStatus, string>;
  /** The parts of an agent's appraisal (绩效). */
  appraisalPart: Record<AppraisalPart, string>;
  /** Reports: the bulletin's kind, a rectification's and an improvement item's state, a handover's items and state. */
  bulletinKind: Record<BulletinKind, string>;
  rectificationStatus: Record<(typeof RECTIFICATION_STATUSES)[number], string>;
  planStatus: Record<(typeof PLAN_STATUSES)[number], string>;
  handoverItemKind: Record<HandoverItemKind, string>;
  handoverStatus: Record<HandoverStatus, string>;
}
export type LabelKind = keyof EnumLabels;

const zh: EnumLabels = {
  role: { agent: '客服专员', callback_officer: '回访员', quality_inspector: '质检员', team_lead: '班组长', admin: '管理员' },
  qaRecordKind: { call: '来电记录', complaint: '投诉', callback: '回访' },
  findingStatus: { open: '待整改', reported: '待审核', appealed: '申诉中', closed: '已关闭', withdrawn: '已撤销' },
  teachingCase: { good: '优秀案例', bad: '反面案例' },
  leaveType: { personal: '事假', sick: '病假', marriage: '婚假', bereavement: '丧假', maternity: '产假', annual: '年假' },
  leaveStatus: { requested: '待审批', approved: '已批准', refused: '已驳回', cancelled: '已撤回' },
  appraisalPart: {
    serviceStandard: '服务规范（质检）',
    volume: '接听量',
    timeliness: '及时接听',
    complaints: '被投诉',
    callbacks: '按时回访',
    satisfaction: '满意度',
    attendance: '出勤率',
  },
  bulletinKind: { monthly: '客户服务交流信息（月报）', quarterly: '季度质量分析报告' },
  rectificationStatus: { open: '待整改', in_progress: '整改中', done: '已完成' },
  planStatus: { planned: '计划中', in_progress: '进行中', done: '已完成', dropped: '已取消' },
  handoverItemKind: { call: '待答复来电', complaint: '处理中投诉', callback: '待回访', escalation: '升级事项' },
  handoverStatus: { open: '待接班确认', acknowledged: '已接班' },
  auditAction: { view: '查看', search: '搜索', list: '列表', lookup: '来电弹屏', export: '导出', print: '打印', reveal: '显示完整信息', fetch: '从中心调取' },
  callCategory: { consultation: '咨询', query: '查询', complaint: '投诉', suggestion: '建议', other: '其他' },
  callStatus: { open: '通话中', awaiting_reply: '待答复', replied: '已答复', closed: '已办结' },
  specialSituation: {
    emotional: '情绪激动',
    dialect: '方言听不懂',
    beyond_ability: '超出能力',
    phone_fault: '电话故障',
    result_query: '检测结果查询',
  },
  complaintChannel: { phone: '来电', visit: '来人', fax: '传真', letter: '信函', email: '电子邮件', online: '网上', other: '其他' },
  severity: { general: '一般投诉', major: '重大投诉', crisis: '危机事件' },
  complaintType: { result_doubt: '检测结果存疑', attitude: '服务态度', timeliness: '及时性', fee: '收费', other: '其他' },
  complaintStatus: {
    registered: '已登记',
    in_handling: '处理中',
    handled: '已处理待回访',
    awaiting_approval: '待审批',
    closed: '已办结',
    voided: '已作废',
  },
  callbackResult: { satisfied: '满意', fairly_satisfied: '基本满意', unsatisfied: '不满意' },
  signoffKind: { handler: '经办人', department: '责任部门', cs_head: '客服部部长', approval: '审批' },
  clockKind: { escalate: '升级', report: '上报', complete: '答复', callback: '回访' },
  clockState: { running: '进行中', warning: '即将到期', breached: '已超时', met: '按时完成', met_late: '超时完成' },
  callbackKind: {
    complaint: '投诉回访',
    satisfaction: '满意度回访',
    promised: '承诺回电',
    key_account: '重要客户回访',
    presale: '售前回访',
    aftersale: '售后回访',
    suggestion: '建议答复',
  },
  callbackStatus: { open: '待回访', done: '已完成', unreachable: '无法联系', cancelled: '已取消' },
  callbackAssignment: { round_robin: '自动轮流分配', manual: '班组长手工指派' },
  scriptKind: { call: '来电话术', callback: '回访话术' },
  scriptAction: { promised_callback: '承诺回电', open_complaint: '登记投诉', mark_transferred: '标记已转接' },
  trackingColumn: {
    complaintNo: '投诉编号',
    receivedAt: '登记时间',
    complainant: '客户',
    organisation: '单位',
    phone: '电话',
    problem: '问题摘要',
    severity: '等级',
    departments: '处理部门',
    handlerName: '处理人',
    status: '状态',
    result: '处理结果',
    completedAt: '完成时间',
    callbackDueAt: '回访期限',
    callbackAt: '回访时间',
    callbackResult: '回访结果',
    rectification: '整改反馈',
    closedAt: '办结时间',
    daysOpen: '处理天数',
    nextDeadline: '下一期限',
    flags: '超期',
  },
};

const en: EnumLabels = {
  role: { agent: 'Agent', callback_officer: 'Callback officer', quality_inspector: 'Quality inspector', team_lead: 'Team lead', admin: 'Administrator' },
  qaRecordKind: { call: 'Call record', complaint: 'Complaint', callback: 'Callback' },
  findingStatus: { open: 'To rectify', reported: 'Awaiting approval', appealed: 'Appealed', closed: 'Closed', withdrawn: 'Withdrawn' },
  teachingCase: { good: 'Good example', bad: 'Bad example' },
  leaveType: { personal: 'Personal leave', sick: 'Sick leave', marriage: 'Marriage leave', bereavement: 'Bereavement leave', maternity: 'Maternity leave', annual: 'Annual leave' },
  leaveStatus: { requested: 'Awaiting approval', approved: 'Approved', refused: 'Refused', cancelled: 'Withdrawn' },
  appraisalPart: {
    serviceStandard: 'Service standards (QA)',
    volume: 'Calls handled',
    timeliness: 'Answered on time',
    complaints: 'Complaints about',
    callbacks: 'Callbacks on time',
    satisfaction: 'Satisfaction',
    attendance: 'Attendance',
  },
  bulletinKind: { monthly: 'Monthly bulletin', quarterly: 'Quarterly quality report' },
  rectificationStatus: { open: 'To do', in_progress: 'In progress', done: 'Done' },
  planStatus: { planned: 'Planned', in_progress: 'In progress', done: 'Done', dropped: 'Dropped' },
  handoverItemKind: { call: 'Call awaiting reply', complaint: 'Complaint in handling', callback: 'Callback due', escalation: 'Escalation' },
  handoverStatus: { open: 'Awaiting takeover', acknowledged: 'Taken over' },
  auditAction: { view: 'View', search: 'Search', list: 'List', lookup: 'Screen pop', export: 'Export', print: 'Print', reveal: 'Reveal', fetch: 'Fetched from hub' },
  callCategory: { consultation: 'Consultation', query: 'Query', complaint: 'Complaint', suggestion: 'Suggestion', other: 'Other' },
  callStatus: { open: 'On call', awaiting_reply: 'Awaiting reply', replied: 'Replied', closed: 'Closed' },
  specialSituation: {
    emotional: 'Emotional caller',
    dialect: 'Dialect not understood',
    beyond_ability: 'Beyond my ability',
    phone_fault: 'Phone fault',
    result_query: 'Test-result query',
  },
  complaintChannel: { phone: 'Phone', visit: 'Visit', fax: 'Fax', letter: 'Letter', email: 'E-mail', online: 'Online', other: 'Other' },
  severity: { general: 'General', major: 'Major', crisis: 'Crisis' },
  complaintType: { result_doubt: 'Doubt about a result', attitude: 'Staff attitude', timeliness: 'Timeliness', fee: 'Fee', other: 'Other' },
  complaintStatus: {
    registered: 'Registered',
    in_handling: 'In handling',
    handled: 'Handled, callback due',
    awaiting_approval: 'Awaiting approval',
    closed: 'Closed',
    voided: 'Voided',
  },
  callbackResult: { satisfied: 'Satisfied', fairly_satisfied: 'Fairly satisfied', unsatisfied: 'Not satisfied' },
  signoffKind: { handler: 'Handler', department: 'Responsible department', cs_head: 'Customer-service head', approval: 'Approval' },
  clockKind: { escalate: 'Escalation', report: 'Report', complete: 'Reply', callback: 'Callback' },
  clockState: { running: 'Running', warning: 'Due soon', breached: 'Overdue', met: 'Met', met_late: 'Met late' },
  callbackKind: {
    complaint: 'Complaint',
    satisfaction: 'Satisfaction',
    promised: 'Promised',
    key_account: 'Key account',
    presale: 'Pre-sale',
    aftersale: 'After-sale',
    suggestion: 'Suggestion reply',
  },
  callbackStatus: { open: 'Open', done: 'Done', unreachable: 'Unreachable', cancelled: 'Cancelled' },
  callbackAssignment: { round_robin: 'Round-robin', manual: 'By a team lead' },
  scriptKind: { call: 'Call script', callback: 'Callback script' },
  scriptAction: { promised_callback: 'Promise a callback', open_complaint: 'Register complaint', mark_transferred: 'Mark transferred' },
  trackingColumn: {
    complaintNo: 'Complaint no.',
    receivedAt: 'Registered',
    complainant: 'Customer',
    organisation: 'Organisation',
    phone: 'Phone',
    problem: 'Problem',
    severity: 'Severity',
    departments: 'Departments',
    handlerName: 'Handler',
    status: 'Status',
    result: 'Result',
    completedAt: 'Completed',
    callbackDueAt: 'Callback due',
    callbackAt: 'Called back',
    callbackResult: 'Callback result',
    rectification: 'Rectification',
    closedAt: 'Closed',
    daysOpen: 'Days',
    nextDeadline: 'Next deadline',
    flags: 'Overdue',
  },
};

export const LABELS: Readonly<Record<Lang, EnumLabels>> = { zh, en };

/** The words for one value, e.g. `enumLabel('complaintStatus', 'closed', 'zh')` → 已办结. Chinese unless told. */
export function enumLabel<K extends LabelKind>(kind: K, value: keyof EnumLabels[K], lang: Lang = 'zh'): string {
  return LABELS[lang][kind][value] as string;
}

/** A clock's flag on the tracking sheet: 上报超期 / 上报将到期 / 上报逾期完成, Report overdue … */
export type ClockFlag = 'overdue' | 'warning' | 'late';
const FLAG: Record<Lang, (kind: string, flag: ClockFlag) => string> = {
  zh: (k, f) => `${k}${{ overdue: '超期', warning: '将到期', late: '逾期完成' }[f]}`,
  en: (k, f) => `${k} ${{ overdue: 'overdue', warning: 'due soon', late: 'met late' }[f]}`,
};
export function clockFlagLabel(kind: ClockKind, flag: ClockFlag, lang: Lang = 'zh'): string {
  return FLAG[lang](enumLabel('clockKind', kind, lang), flag);
}
