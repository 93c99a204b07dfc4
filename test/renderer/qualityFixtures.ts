import type { FindingRow, QaItemDetail, QaItemRow } from '../../shared/api/qualityTypes';
import type { QaReview, ScorecardVersion } from '../../shared/domain/qaReview';
import { callRecord } from './fixtures';

/** Records of the QA screens' tests: one month's sample, a call under review, findings in each state. */

export const MONTH = '2026-10';
export const CALL_ID = '0195f3a2-7b1c-7000-8000-0000000000a1';
export const COMPLAINT_ID = '0195f3a2-7b1c-7000-8000-0000000000a2';
export const CALL2_ID = '0195f3a2-7b1c-7000-8000-0000000000a3';
export const AGENT_ID = '0195f3a2-7b1c-7000-8000-0000000000e1';

/** The default scorecard's shape: six scored items adding to 100, three fatal ones. */
export const SCORECARD: ScorecardVersion = {
  id: '0195f3a2-7b1c-7000-8000-00000000005c',
  version: 1,
  name: '默认评分表',
  items: [
    { id: 'greeting', label: '问候语与结束语规范', weight: 15, fatal: false, guidance: '' },
    { id: 'identity', label: '确认身份与需求', weight: 15, fatal: false, guidance: '' },
    { id: 'solution', label: '提供解决方案', weight: 20, fatal: false, guidance: '' },
    { id: 'correct', label: '答复准确', weight: 25, fatal: false, guidance: '' },
    { id: 'record', label: '记录完整', weight: 15, fatal: false, guidance: '' },
    { id: 'attitude', label: '服务态度', weight: 10, fatal: false, guidance: '' },
    { id: 'red_leak', label: '泄露客户信息', weight: 0, fatal: true, guidance: '' },
    { id: 'red_abuse', label: '辱骂或顶撞客户', weight: 0, fatal: true, guidance: '' },
    { id: 'red_false_promise', label: '虚假承诺', weight: 0, fatal: true, guidance: '' },
  ],
  note: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: '系统',
  builtIn: true,
};

export function itemRow(over: Partial<QaItemRow> = {}): QaItemRow {
  return {
    sampleId: '0195f3a2-7b1c-7000-8000-0000000000f1',
    month: MONTH,
    agentId: AGENT_ID,
    agentName: '李晓红',
    kind: 'call',
    recordId: CALL_ID,
    recordNo: 'LD-20261015-A07-0003',
    at: '2026-10-15T02:00:00.000Z',
    manual: false,
    reason: '',
    reviewId: null,
    score: null,
    voided: false,
    reviewedAt: null,
    reviewerName: '',
    findings: 0,
    ...over,
  };
}

export function review(over: Partial<QaReview> = {}): QaReview {
  return {
    id: '0195f3a2-7b1c-7000-8000-0000000000d1',
    month: MONTH,
    recordKind: 'call',
    recordId: CALL_ID,
    recordNo: 'LD-20261015-A07-0003',
    agentId: AGENT_ID,
    agentName: '李晓红',
    scorecardId: SCORECARD.id,
    scorecardVersion: 1,
    items: SCORECARD.items,
    scores: SCORECARD.items.map((i) => ({ itemId: i.id, points: i.fatal ? 0 : i.weight, failed: false, comment: '' })),
    score: 100,
    voided: false,
    comment: '',
    reviewerId: 'user-1',
    reviewerName: '王小明',
    reviewedAt: '2026-11-03T02:00:00.000Z',
    teachingCase: null,
    caseNote: '',
    createdAt: '2026-11-03T02:00:00.000Z',
    updatedAt: '2026-11-03T02:00:00.000Z',
    version: 1,
    ...over,
  };
}

export function itemDetail(over: Partial<QaItemDetail> = {}): QaItemDetail {
  return {
    item: itemRow(),
    record: {
      kind: 'call',
      call: callRecord({
        id: CALL_ID,
        recordNo: 'LD-20261015-A07-0003',
        callerName: '张伟',
        content: '询问检测报告何时出具',
        agentId: AGENT_ID,
        agentName: '李晓红',
        recordingRef: 'REC-20261015-0003.wav',
        status: 'closed',
      }),
    },
    history: [],
    script: { id: '0195f3a2-7b1c-7000-8000-0000000000b5', kind: 'call', version: 3, name: '来电受理话术' },
    recordingRef: 'REC-20261015-0003.wav',
    review: null,
    findings: [],
    scorecard: SCORECARD,
    ...over,
  };
}

export function finding(over: Partial<FindingRow> = {}): FindingRow {
  return {
    id: '0195f3a2-7b1c-7000-8000-0000000000c1',
    reviewId: '0195f3a2-7b1c-7000-8000-0000000000d1',
    month: MONTH,
    recordKind: 'call',
    recordId: CALL_ID,
    recordNo: 'LD-20261015-A07-0003',
    agentId: AGENT_ID,
    agentName: '李晓红',
    itemId: 'greeting',
    text: '未使用标准结束语',
    fatal: false,
    status: 'open',
    dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    report: '',
    reportedAt: null,
    appeal: '',
    appealedAt: null,
    decisionReason: '',
    decidedBy: '',
    decidedAt: null,
    closedAt: null,
    createdBy: '王小明',
    createdAt: '2026-11-03T02:00:00.000Z',
    updatedAt: '2026-11-03T02:00:00.000Z',
    version: 1,
    overdue: false,
    ...over,
  };
}
