import { fakerZH_CN as faker } from '@faker-js/faker';
import type { CallCategory, SpecialSituation } from '../../../shared/domain/callRecord';
import type { ComplaintAction, ComplaintChannel, ComplaintType, Severity } from '../../../shared/domain/complaint';
import type { Actor } from '../../../shared/domain/mutation';

/**
 * What demo records are made of, shared by the small seed (through the core) and the bulk writer
 * (prepared statements): the same generators, so both produce the same kind of store.
 */

/** A small fast seeded generator (mulberry32): faker fills the pools, this picks from them a million times. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[0]![0];
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
}

export const MOBILE_PREFIXES = ['133', '135', '136', '137', '138', '139', '150', '158', '177', '186', '189', '152', '182', '198'];
const AREA_CODES = ['0571', '0574', '021', '010', '0512', '0755', '0573', '0575', '0579', '025'];

export const mobile = (r: Rng) => `${r.pick(MOBILE_PREFIXES)}${r.digits(8)}`;
export const landline = (r: Rng) => `${r.pick(AREA_CODES)}-${r.int(2, 8)}${r.digits(7)}`;

/** Names, organisations and addresses drawn once from faker (zh_CN), then picked from. */
export interface Pools {
  names: string[];
  orgs: string[];
  addresses: string[];
}

export function makePools(seed: number, size = { names: 20_000, orgs: 6_000, addresses: 6_000 }): Pools {
  faker.seed(seed);
  const names = Array.from({ length: size.names }, () => faker.person.fullName().replace(/\s/g, ''));
  const orgs = Array.from({ length: size.orgs }, () => faker.company.name());
  const addresses = Array.from({ length: size.addresses }, () => `${faker.location.state()}${faker.location.city()}${faker.location.streetAddress()}`);
  return { names, orgs, addresses };
}

// What callers of a textile testing bureau actually ring about (seeds 001–003).
const ITEMS = ['色牢度', '甲醛含量', 'pH值', '纤维含量', '起毛起球', '断裂强力', '耐水洗尺寸变化', '可分解致癌芳香胺', '异味', '羊绒含量', '阻燃性能'];
const GOODS = ['针织T恤', '婴幼儿连体衣', '羊绒围巾', '床上用品四件套', '校服', '窗帘面料', '牛仔裤', '羽绒服', '真丝睡衣', '工装'];

export const CALL_TOPICS: Record<CallCategory, string[]> = {
  consultation: [
    '咨询纺织品{item}检测的周期和费用',
    '咨询出口欧盟{goods}需要做哪些检测项目',
    '询问送检{goods}样品需要准备多少数量',
    '咨询 GB 18401 标准适用范围',
    '咨询婴幼儿服装 A 类检测要求',
    '咨询{goods}的{item}检测能否加急',
  ],
  query: ['查询检测报告出具进度', '查询{goods}样品是否已收到', '查询报告真伪', '查询发票开具情况', '查询{item}检测结果数据'],
  complaint: ['对{item}检测结果有疑问,认为结果偏低', '反映报告出具超过约定时间', '反映前台接待人员态度不好', '对检测收费有异议,要求退款'],
  suggestion: ['建议增加网上查询报告的功能', '建议周六也能受理送样', '建议报告增加英文版本', '建议提供{item}检测的上门取样'],
  other: ['询问单位地址和乘车路线', '打错电话', '推销电话', '询问招聘信息'],
};

export const CALL_CATEGORY_WEIGHTS: [CallCategory, number][] = [
  ['consultation', 40],
  ['query', 35],
  ['complaint', 10],
  ['suggestion', 5],
  ['other', 10],
];

const fill = (r: Rng, template: string) =>
  template.replace('{item}', () => r.pick(ITEMS)).replace('{goods}', () => r.pick(GOODS)).replace('{n}', () => String(r.int(2, 15)));

export interface CallContent {
  category: CallCategory;
  content: string;
  reportNo: string;
  specialSituations: SpecialSituation[];
  answeredOnSpot: boolean;
  satisfaction: number | null;
}

export function callContent(r: Rng): CallContent {
  const category = r.weighted(CALL_CATEGORY_WEIGHTS);
  return {
    category,
    content: fill(r, r.pick(CALL_TOPICS[category])),
    reportNo: category === 'query' || category === 'complaint' ? `ZJ${r.digits(10)}` : '',
    specialSituations: r.chance(0.1) ? [r.pick(['emotional', 'dialect', 'result_query'] as const)] : [],
    answeredOnSpot: category !== 'consultation' || r.chance(0.8),
    satisfaction: r.chance(0.6) ? r.weighted([[5, 6], [4, 3], [3, 1]] as const) : null,
  };
}

// ---- complaints ---------------------------------------------------------------------------------

const PROBLEMS: Record<ComplaintType, string[]> = {
  result_doubt: [
    '对{goods}的{item}检测结果有疑问,认为结果偏低',
    '认为报告中{item}数据与自检结果不一致',
    '对{item}检测结论不认可',
    '同一批{goods}两次送检结果不同',
  ],
  attitude: ['前台接待人员态度不好,说话不耐烦', '电话咨询时工作人员推诿', '送样时等待时间过长,无人接待', '业务员承诺的事项没有兑现'],
  timeliness: ['报告出具超过约定时间{n}天', '加急报告未按时出具,影响{goods}出口报关', '样品寄出后{n}天仍未收到受理通知', '修改报告拖延{n}天'],
  fee: ['对检测收费有异议,认为多收了费用', '{item}检测项目未做却收费', '发票金额与报价不符', '加急费收取不合理'],
  other: ['{goods}样品丢失', '报告邮寄地址错误', '网上查询报告显示异常', '检测后样品未按约定退回'],
};
const DEMANDS = ['要求复检', '要求退款', '要求书面答复', '要求赔偿损失', '希望尽快处理', '要求主管回电', '要求退款并道歉', ''];
const TYPE_WEIGHTS: [ComplaintType, number][] = [
  ['result_doubt', 35],
  ['timeliness', 25],
  ['fee', 15],
  ['attitude', 15],
  ['other', 10],
];
const CHANNEL_WEIGHTS: [ComplaintChannel, number][] = [
  ['phone', 60],
  ['visit', 10],
  ['email', 10],
  ['online', 10],
  ['letter', 5],
  ['fax', 3],
  ['other', 2],
];
const SEVERITY_WEIGHTS: [Severity, number][] = [
  ['general', 85],
  ['major', 12],
  ['crisis', 3],
];
const HEADS = ['孙部长', '钱主任', '周总工', '吴主任'];
const RESULTS: Record<ComplaintType, string[]> = {
  result_doubt: ['复检结果与原报告一致,已向客户解释检测方法', '复检发现取样位置有误,已重新出具报告', '经技术负责人复核,原结果无误'],
  attitude: ['已对当事人进行批评教育并向客户道歉', '已调整前台排班,增加高峰时段人手'],
  timeliness: ['报告已出具并快递给客户,减免加急费', '已优化排队流程,承诺今后按时出具'],
  fee: ['核对后多收费用已退款', '已向客户解释收费标准,客户认可', '已重开发票'],
  other: ['样品已找回并退还客户', '已更正邮寄地址并重新寄送', '系统问题已修复'],
};

export interface Staff {
  agents: Actor[];
  lead: Actor;
  officer: Actor;
  /** Who handles complaints once assigned (agents here: the demo has no department accounts). */
  handlers: Actor[];
}

export interface ComplaintRegistration {
  channel: ComplaintChannel;
  complainant: string;
  organisation: string;
  address: string;
  phone: string;
  customerId: string | null;
  reportNo: string;
  problem: string;
  severity: Severity;
  type: ComplaintType;
  soothed: boolean;
  headNotifiedTo: string;
  headNotifiedAt: string | null;
  involveQualityDept: boolean;
  involveChiefEngineer: boolean;
  agreedReplyBy: string | null;
}

export interface StoryStep {
  at: number;
  actor: Actor;
  step: ComplaintAction;
}

/** One complaint's life: who registered it with what, then each workflow step that happened before `now`. */
export interface ComplaintStory {
  receivedAt: number;
  agent: Actor;
  fields: ComplaintRegistration;
  steps: StoryStep[];
}

export interface Complainant {
  id: string | null;
  name: string;
  organisation: string;
  address: string;
  phone: string;
}

const MIN = 60_000;
const HOUR = 3600_000;
const DAY = 86_400_000;

/**
 * A plausible complaint and the steps taken on it so far. The older it is, the further it got: most
 * complaints of last month are closed; this week's are spread over every state, and some clocks
 * (escalation, report, agreed reply, callback) ran past their deadline.
 */
export function complaintStory(r: Rng, receivedAt: number, now: number, who: Complainant, staff: Staff, departments: string[]): ComplaintStory {
  const type = r.weighted(TYPE_WEIGHTS);
  const severity = r.weighted(SEVERITY_WEIGHTS);
  const grave = severity !== 'general';
  const demand = r.pick(DEMANDS);
  const problem = `${fill(r, r.pick(PROBLEMS[type]))}${demand ? `,${demand}` : ''}`;
  const agent = r.pick(staff.agents);
  const iso = (t: number) => new Date(t).toISOString();
  const fields: ComplaintRegistration = {
    channel: r.weighted(CHANNEL_WEIGHTS),
    complainant: who.name,
    organisation: who.organisation,
    address: who.address,
    phone: who.phone,
    customerId: who.id,
    reportNo: type === 'result_doubt' || type === 'timeliness' || r.chance(0.3) ? `ZJ${r.digits(10)}` : '',
    problem,
    severity,
    type,
    soothed: grave || r.chance(0.5),
    headNotifiedTo: grave ? r.pick(HEADS) : '',
    headNotifiedAt: grave ? iso(receivedAt - r.int(1, 10) * MIN) : null,
    involveQualityDept: type === 'result_doubt' && r.chance(0.5),
    involveChiefEngineer: grave && type === 'result_doubt' && r.chance(0.5),
    agreedReplyBy: r.chance(0.7) ? iso(receivedAt + r.int(3, 10) * DAY) : null,
  };
  const steps: StoryStep[] = [];
  let t = receivedAt;
  const add = (at: number, actor: Actor, step: ComplaintAction) => {
    if (at >= now) return false;
    t = at;
    steps.push({ at, actor, step });
    return true;
  };
  const story = { receivedAt, agent, fields, steps };

  // A few are voided early (duplicates, misfiled calls).
  if (r.chance(0.02)) {
    add(t + r.int(5, 240) * MIN, staff.lead, { action: 'void', reason: r.pick(['重复登记', '客户撤回投诉', '误登记为投诉']) });
    return story;
  }
  // Escalation: usually inside 15 minutes, sometimes late, sometimes left to the assignment.
  if (r.chance(0.6) && !add(t + r.int(2, r.chance(0.85) ? 14 : 90) * MIN, agent, { action: 'escalate', to: staff.lead.displayName, note: '' })) return story;
  const handler = r.pick(staff.handlers);
  const depts = [r.pick(departments), ...(r.chance(0.2) ? [r.pick(departments)] : [])].filter((d, i, a) => a.indexOf(d) === i);
  const assign = (): ComplaintAction => ({ action: 'assign', departments: depts, handlerId: handler.userId, handlerName: handler.displayName });
  if (!add(t + r.int(5, r.chance(0.9) ? 120 : 48 * 60) * MIN, staff.lead, assign())) return story;
  if (grave && !add(receivedAt + r.int(1, r.chance(0.9) ? 23 : 40) * HOUR, staff.lead, { action: 'report', note: '已电话报告分管领导' })) return story;
  for (let round = 1; round <= 2; round++) {
    // The result: mostly before the agreed reply time, a tenth of them late.
    const due = fields.agreedReplyBy ? Date.parse(fields.agreedReplyBy) : receivedAt + 7 * DAY;
    const resultAt = r.chance(0.9) ? Math.max(t + HOUR, due - r.int(1, 5 * 24) * HOUR) : due + r.int(1, 96) * HOUR;
    const result = r.pick(RESULTS[type]);
    if (
      !add(Math.max(resultAt, t + 30 * MIN), handler, {
        action: 'recordResult',
        investigation: `${depts[0]}调查核实:${problem.slice(0, 30)}`,
        result,
        replyToCustomer: `已电话告知客户:${result}`,
      })
    )
      return story;
    if (grave && !add(t + r.int(10, 120) * MIN, handler, { action: 'signoff', kind: 'handler', opinion: '情况属实,已处理' })) return story;
    // The callback, 7 days after the result at most; some not reached first, some never done in time.
    if (r.chance(0.1) && !add(t + r.int(1, 3) * DAY, staff.officer, { action: 'callbackNotReached', note: '电话无人接听' })) return story;
    const cbAt = t + (r.chance(0.92) ? r.int(2, 6 * 24) : r.int(7 * 24 + 1, 10 * 24)) * HOUR;
    const satisfied = round === 2 || r.chance(0.93);
    const result2 = satisfied ? (r.chance(0.8) ? 'satisfied' : 'fairly_satisfied') : 'unsatisfied';
    if (!add(cbAt, staff.officer, { action: 'recordCallback', result: result2, note: satisfied ? '客户表示认可' : '客户仍不认可处理结果' })) return story;
    if (satisfied) break;
    // Unsatisfied: a new round with the same handler.
  }
  if (grave) {
    if (!add(t + r.int(1, 48) * HOUR, staff.lead, { action: 'signoff', kind: 'department', opinion: '同意处理意见' })) return story;
    add(t + r.int(1, 72) * HOUR, staff.lead, { action: 'approveClose', opinion: '同意结案' });
  }
  return story;
}

/** Receipt times (calls, complaints): office hours, spread over `days` days ending at `now`, ascending. */
export function receiptTimes(r: Rng, n: number, now: number, days: number): number[] {
  const start = now - days * DAY;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const day = Math.floor(start / DAY) + Math.floor(r.next() * days);
    // 08:30–17:30 Beijing time = 00:30–09:30 UTC.
    const t = day * DAY + 30 * MIN + Math.floor(r.next() * 9 * HOUR);
    out.push(Math.min(t, now - r.int(2, 600) * MIN));
  }
  return out.sort((a, b) => a - b);
}
