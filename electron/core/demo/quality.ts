import type { QaItemRow } from '../../../shared/api/qualityTypes';
import { addLocalDays } from '../../../shared/domain/calendar';
import type { ItemScore, QaFinding, ScorecardItem, ScorecardVersion } from '../../../shared/domain/qaReview';
import { type AttendanceDemoCounts, seedAttendance } from './attendance';
import {
  DAY,
  type DemoDriver,
  dayOf,
  HOUR,
  instant,
  intoOfficeHours,
  lastOfficeMoment,
  MIN,
  monthOf,
  nextMonth,
  previousMonth,
  runInOrder,
  workingDays,
} from './timeline';

/**
 * Demo QA (质检) over last month, through the real handlers with the clock set to each moment: the
 * quality inspector draws the month at the start of this one, the lead adds a complaint by hand, most
 * sampled records are reviewed (one in ten with a red-line failure, which voids the score), a new
 * scorecard version is published part-way (the reviews before it keep the built-in one), and findings
 * are answered so that every state shows: open, overdue, reported, appealed, closed and withdrawn,
 * plus an appeal rejected (its clock restarted). A good and a bad review are marked as teaching cases.
 * Early in a month last month's findings cannot be overdue yet, so the month before is drawn as well.
 */

export interface QualityDemoCounts extends AttendanceDemoCounts {
  months: string[];
  sampled: number;
  reviews: number;
  findings: number;
}

/** The months the demo draws: last month, and the one before when this month is too young for overdue findings. */
export function qaDemoMonths(end: number, calendar: DemoDriver['calendar']): string[] {
  const last = previousMonth(monthOf(end));
  const sinceDraw = workingDays(`${monthOf(end)}-01`, dayOf(end), calendar).length;
  return sinceDraw < 6 ? [previousMonth(last), last] : [last];
}

/** Days back to the first of the first month the demo draws, so that its calls cover it whole. */
export function qaDemoDays(end: number, calendar: DemoDriver['calendar']): number {
  const first = qaDemoMonths(end, calendar)[0]!;
  return Math.ceil((end - instant(`${first}-01`, '00:00')) / DAY);
}

type Profile = 'excellent' | 'good' | 'poor' | 'fatal';
/** One review in ten fails a red line, three are poor: enough findings to show each state. */
const PROFILES: Profile[] = ['good', 'fatal', 'poor', 'excellent', 'good', 'poor', 'good', 'poor', 'excellent', 'good'];
const COMMENT: Record<Profile, string> = {
  excellent: '全程用语规范,核实到位,答复准确,记录完整。',
  good: '整体良好,个别环节可以更细致。',
  poor: '服务流程不完整,请按整改要求改进。',
  fatal: '触犯红线,本次成绩作废。',
};
/** What a reviewer writes beside an item that lost points, and the finding it becomes. */
const ITEM_NOTES: Record<string, { comment: string; finding: string }> = {
  greeting: { comment: '开头未报单位名称和工号', finding: '开头语不规范:未使用"您好,浙江省纺织品检验研究院客服热线,工号××为您服务"' },
  identity: { comment: '未核实来电人身份', finding: '告知报告结论前未核实来电人是否为委托方' },
  solution: { comment: '未给出处理时限', finding: '未向客户说明后续处理办法和答复时限' },
  correct: { comment: '检测周期答复有误', finding: '告知客户色牢度检测周期为3个工作日,实际为5个工作日' },
  record: { comment: '记录缺少报告编号', finding: '来电记录未填写报告编号和回访电话' },
  attitude: { comment: '语气生硬,打断客户', finding: '通话中两次打断客户陈述,语气生硬' },
  red_false_promise: { comment: '承诺"明天一定出报告"', finding: '向客户承诺"明天一定出报告",超出实验室检测周期,属虚假承诺' },
  red_leak: { comment: '向第三方透露检测结果', finding: '向非委托方透露了检测结果' },
  red_abuse: { comment: '顶撞客户', finding: '与客户发生争执并顶撞客户' },
};
const noteOf = (it: ScorecardItem) => ITEM_NOTES[it.id] ?? { comment: `${it.label}未达标`, finding: `${it.label}未达到要求` };

/** What happens to a finding after it is recorded; cycled so that a dozen findings show every state. */
type Fate = 'overdue' | 'closed' | 'withdrawn' | 'reported' | 'appealed' | 'reopened' | 'reportRejected';
const FATES: Fate[] = ['overdue', 'closed', 'withdrawn', 'reported', 'appealed', 'reopened', 'closed', 'overdue', 'reportRejected', 'closed'];
const REPORT = '已重新学习服务规范和检测周期表,后续来电严格按规范答复,并请组长抽听了三通电话确认。';
const APPEAL = '客户在上一通电话中已核实身份并提供报告编号,本次为同一客户的追问,申请撤销该项。';

interface Step {
  at: number;
  who: string;
  run: () => Promise<void>;
}

function scoresFor(items: ScorecardItem[], profile: Profile, d: DemoDriver): { scores: ItemScore[]; findings: { itemId: string | null; text: string }[] } {
  const r = d.rng;
  const scored = items.filter((i) => !i.fatal && i.weight > 0);
  const fatal = items.find((i) => i.id === 'red_false_promise') ?? items.find((i) => i.fatal);
  const lose = new Map<string, number>();
  const pick = () => scored[r.int(0, scored.length - 1)]!;
  if (profile === 'good') lose.set(pick().id, 0.25);
  if (profile === 'poor' || profile === 'fatal') for (let i = 0; i < (profile === 'poor' ? r.int(2, 3) : 1); i++) lose.set(pick().id, r.int(4, 7) / 10);
  const scores = items.map((it): ItemScore => {
    if (it.fatal) {
      const failed = profile === 'fatal' && it.id === fatal?.id;
      return { itemId: it.id, points: 0, failed, comment: failed ? noteOf(it).comment : '' };
    }
    const share = lose.get(it.id);
    return share === undefined ? { itemId: it.id, points: it.weight, failed: false, comment: '' } : { itemId: it.id, points: Math.floor(it.weight * (1 - share)), failed: false, comment: noteOf(it).comment };
  });
  const findings: { itemId: string | null; text: string }[] = [];
  if (profile === 'fatal' && fatal) findings.push({ itemId: fatal.id, text: noteOf(fatal).finding });
  if (profile === 'poor') for (const id of [...lose.keys()].slice(0, 2)) findings.push({ itemId: id, text: noteOf(items.find((i) => i.id === id)!).finding });
  return { scores, findings };
}

/** The published version: record-keeping weighs more, the greeting less; same items and red lines. */
function revised(active: ScorecardVersion): { name: string; items: ScorecardItem[]; note: string } | null {
  const has = (id: string) => active.items.some((i) => i.id === id && !i.fatal && i.weight >= 10);
  if (!has('greeting') || !has('record')) return null;
  const items = active.items.map((i) => (i.id === 'greeting' ? { ...i, weight: i.weight - 5 } : i.id === 'record' ? { ...i, weight: i.weight + 5, guidance: `${i.guidance};报告编号、回访电话必填` } : i));
  return { name: `${active.name}(修订)`, items, note: '记录完整加5分,问候语减5分:报告编号漏填是上月最多的问题' };
}

/** Draws one month and plans its reviews and the findings' answers, as steps on the timeline. */
async function planMonth(d: DemoDriver, month: string, windowEnd: number, publish: boolean): Promise<{ items: QaItemRow[]; reviews: number; findings: number }> {
  const cal = d.calendar;
  const firstDay = workingDays(`${nextMonth(month)}-01`, addLocalDays(`${nextMonth(month)}-01`, 40), cal)[0]!;
  const monthEnd = instant(`${nextMonth(month)}-01`, '00:00');
  // At the first office hour after the month ends; sooner when the demo's present is sooner than that.
  let drawAt = Math.max(monthEnd + MIN, Math.min(instant(firstDay, '09:10'), windowEnd - 3 * HOUR));
  if (drawAt >= windowEnd) drawAt = monthEnd + (windowEnd - monthEnd) / 4;
  d.setNow(drawAt);
  await d.loginAs('zhijian');
  await d.call('qa.draw', { month });

  // The lead adds a complaint about the agent's attitude that the draw missed.
  const span = windowEnd - drawAt;
  d.setNow(drawAt + Math.min(25 * MIN, span / 10));
  await d.loginAs('lead');
  const drawn = await d.call('qa.month', { month });
  const inSample = new Set(drawn.items.map((i) => i.recordId));
  const complaints = (await d.call('complaints.list', { limit: 500 })).rows;
  const extra = complaints.find((c) => monthOf(Date.parse(c.receivedAt)) === month && !inSample.has(c.id) && c.type === 'attitude') ??
    complaints.find((c) => monthOf(Date.parse(c.receivedAt)) === month && !inSample.has(c.id));
  if (extra) await d.call('qa.add', { month, kind: 'complaint', recordId: extra.id, reason: '客户投诉服务态度,班组长手工加抽' });
  const items = (await d.call('qa.month', { month })).items;

  // Reviews through office hours from the draw on, about 25 minutes each; seven in ten of each
  // agent's records are reviewed, the rest wait for the inspector (the screen shows work still to do).
  const seen = new Map<string, number>();
  const perAgent = new Map<string, number>();
  for (const it of items) perAgent.set(it.agentId, (perAgent.get(it.agentId) ?? 0) + 1);
  const toReview = items
    .filter((it) => {
      const j = seen.get(it.agentId) ?? 0;
      seen.set(it.agentId, j + 1);
      return j < Math.max(1, Math.round((perAgent.get(it.agentId) ?? 0) * 0.7));
    })
    .sort((a, b) => a.at.localeCompare(b.at));
  const reviewEnd = drawAt + span * 0.6;
  const start = drawAt + Math.min(40 * MIN, span / 5);
  const times: number[] = [];
  let t = start;
  for (let i = 0; i < toReview.length; i++) {
    t = intoOfficeHours(t + d.rng.int(12, 38) * MIN, cal);
    times.push(t);
  }
  const over = times.length ? times[times.length - 1]! > reviewEnd : false;
  // A young window (the demo run early in a month): spread evenly instead.
  if (over) for (let i = 0; i < times.length; i++) times[i] = start + ((reviewEnd - start) * (i + 1)) / (times.length + 1);

  const steps: Step[] = [];
  const made: { finding: QaFinding; agent: string }[] = [];
  const reviewIds = new Map<string, string>();
  const userOf = (id: string) => d.users.find((u) => u.id === id)?.username;
  let good = false;
  let bad = false;
  toReview.forEach((item, i) => {
    const profile = PROFILES[i % PROFILES.length]!;
    const reviewer = i % 4 === 3 ? 'lead' : 'zhijian';
    const at = times[i]!;
    if (publish && i === Math.floor(toReview.length / 3))
      steps.push({
        at: at - 5 * MIN,
        who: 'lead',
        run: async () => {
          const next = revised(await d.call('scorecards.active', {}));
          if (next) await d.call('scorecards.publish', next);
        },
      });
    steps.push({
      at,
      who: reviewer,
      run: async () => {
        const sc = await d.call('scorecards.active', {});
        const { scores, findings } = scoresFor(sc.items, profile, d);
        const out = await d.call('qa.review', { month, kind: item.kind, recordId: item.recordId, scorecardId: sc.id, scores, comment: COMMENT[profile], findings });
        if (out.review) reviewIds.set(item.recordId, out.review.id);
        for (const f of out.findings) {
          const agent = userOf(f.agentId);
          if (agent) made.push({ finding: f, agent });
        }
      },
    });
    const mark = (profile === 'excellent' && !good) || (profile === 'fatal' && !bad);
    if (mark) {
      const teachingCase = profile === 'fatal' ? 'bad' : 'good';
      if (profile === 'fatal') bad = true;
      else good = true;
      steps.push({
        at: Math.min(at + 50 * MIN, (at + windowEnd) / 2),
        who: 'lead',
        run: async () => {
          const review = reviewIds.get(item.recordId);
          const note = teachingCase === 'good' ? '开头语、核实、答复和记录都规范,新员工培训范例' : '虚假承诺出报告时间,红线案例,组内学习';
          if (review) await d.call('qa.markCase', { reviewId: review, teachingCase, note });
        },
      });
    }
  });
  await runInOrder(d, steps);

  // The findings' answers, each at a share of the time between the finding and the window's end.
  const answers: Step[] = [];
  made.sort((a, b) => a.finding.createdAt.localeCompare(b.finding.createdAt));
  made.forEach(({ finding: f, agent }, i) => {
    const fate = FATES[i % FATES.length]!;
    const from = Date.parse(f.createdAt);
    const when = (share: number) => Math.max(from + 1000, Math.min(windowEnd - MIN, intoOfficeHours(from + (windowEnd - from) * share, cal)));
    // No time left for an answer before the present: the finding stays open.
    if (from + 2000 >= windowEnd) return;
    const decider = i % 2 ? 'lead' : 'zhijian';
    const report = (share: number) => answers.push({ at: when(share), who: agent, run: async () => void (await d.call('findings.report', { id: f.id, report: REPORT })) });
    const appeal = (share: number) => answers.push({ at: when(share), who: agent, run: async () => void (await d.call('findings.appeal', { id: f.id, reason: APPEAL })) });
    const decide = (share: number, decision: 'approve' | 'reject' | 'uphold', reason: string) =>
      answers.push({ at: when(share) + 1, who: decider, run: async () => void (await d.call('findings.decide', { id: f.id, decision, reason })) });
    const plan: Record<Fate, () => void> = {
      overdue: () => {},
      closed: () => {
        report(0.15);
        decide(0.3, 'approve', '');
      },
      reported: () => report(0.85),
      withdrawn: () => {
        appeal(0.1);
        decide(0.25, 'uphold', '核对录音,客户身份已在前一通电话核实,申诉成立');
      },
      appealed: () => appeal(0.8),
      // A rejected appeal restarts the clock: open again, not overdue.
      reopened: () => {
        appeal(0.3);
        decide(0.97, 'reject', '本次来电为新的报告查询,仍需核实身份,申诉不成立');
      },
      reportRejected: () => {
        report(0.2);
        decide(0.4, 'reject', '整改报告过于笼统,请写明具体改进措施');
      },
    };
    plan[fate]();
  });
  await runInOrder(d, answers);
  return { items, reviews: toReview.length, findings: made.length };
}

/** QA and attendance for the demo, after its calls and complaints exist. */
export async function seedQualityDemo(d: DemoDriver): Promise<QualityDemoCounts> {
  const months = qaDemoMonths(d.end, d.calendar);
  const latest = lastOfficeMoment(d.end, d.calendar);
  let sampled = 0;
  let reviews = 0;
  let findings = 0;
  for (const [i, month] of months.entries()) {
    // The older month's work happened in the weeks after it ended; last month's goes on until now.
    const monthEnd = instant(`${nextMonth(month)}-01`, '00:00');
    // Last month's work goes on until now (the last office hour, or now itself when the month ended
    // since); the older month's happened in the weeks after it ended.
    let end = latest > monthEnd + 2 * HOUR ? latest : d.end;
    if (i < months.length - 1) end = Math.min(end, instant(addLocalDays(`${nextMonth(month)}-01`, 20), '17:00'));
    const m = await planMonth(d, month, end, i === months.length - 1);
    sampled += m.items.length;
    reviews += m.reviews;
    findings += m.findings;
  }
  const attendance = await seedAttendance(d, previousMonth(monthOf(d.end)));
  return { months, sampled, reviews, findings, ...attendance };
}
