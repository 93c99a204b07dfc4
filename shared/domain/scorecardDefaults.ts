import type { ScorecardVersion } from './qaReview';

/**
 * The built-in QA scorecard, used until a team lead publishes one (the six service standards of 001 §3
 * and three red lines). Not stored: every workstation has it, so a review scored on it reads the same
 * everywhere. Frozen like the built-in scripts: a review keeps this id and its items, so changing them
 * would rewrite what old reviews were scored against; ship new defaults under a new id instead.
 * Labels are Chinese here; the renderer translates a built-in item by its id.
 */
export const BUILT_IN_SCORECARD: ScorecardVersion = {
  id: '019a0000-0000-7000-8000-00000000a001',
  version: 1,
  name: '服务规范质检评分表',
  note: '内置默认评分表',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: '系统',
  builtIn: true,
  items: [
    { id: 'greeting', label: '问候语与结束语规范', weight: 15, fatal: false, guidance: '使用标准问候语和结束语' },
    { id: 'identity', label: '确认身份与需求', weight: 15, fatal: false, guidance: '核实客户身份，复述确认需求' },
    { id: 'solution', label: '提供解决方案', weight: 20, fatal: false, guidance: '给出可行的处理办法或明确的后续安排' },
    { id: 'correct', label: '答复准确', weight: 25, fatal: false, guidance: '答复内容符合规定，无错误信息' },
    { id: 'record', label: '记录完整', weight: 15, fatal: false, guidance: '受理记录各栏填写完整、准确' },
    { id: 'attitude', label: '服务态度', weight: 10, fatal: false, guidance: '语气亲切耐心，不推诿' },
    { id: 'red_leak', label: '泄露客户信息', weight: 0, fatal: true, guidance: '红线：向无关人员透露客户信息' },
    { id: 'red_abuse', label: '辱骂或顶撞客户', weight: 0, fatal: true, guidance: '红线：辱骂、讽刺或顶撞客户' },
    { id: 'red_false_promise', label: '虚假承诺', weight: 0, fatal: true, guidance: '红线：作出无法兑现的承诺' },
  ],
};

export function builtInScorecard(id: string): ScorecardVersion | null {
  return id === BUILT_IN_SCORECARD.id ? BUILT_IN_SCORECARD : null;
}
