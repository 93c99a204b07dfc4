import fs from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { HubClient } from '../../electron/core/sync/hubClient';
import { PASSWORD, seededConsole } from '../helpers/core';
import { TEST_SETUP_CODE } from '../helpers/setupCode';

/** One line of the final table (and one entry of bench-results/sync.json). */
export interface Figure {
  figure: string;
  /** Unit of p50/p99, e.g. "ms" or "s". */
  unit: string;
  p50: number | null;
  p99: number | null;
  throughput: number | null;
  throughputUnit: string;
  target: string;
  met: boolean | null;
  samples: number;
  notes?: Record<string, unknown>;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const nowMs = () => performance.now();

/** Nearest-rank percentile (p in 0…100) of an unsorted list; null when empty. */
export function pct(xs: readonly number[], p: number): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(s.length, rank) - 1]!;
}

export const round = (x: number | null, digits = 1): number | null => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** Deterministic PRNG (mulberry32), so every run generates the same records. */
export function rngOf(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['周丽', '王强', '陈敏', '刘洋', '赵静', '孙浩', '李娜', '吴刚', '郑秀英', '冯志明', '何建华', '朱晓燕'];
const ORGS = ['杭州恒丰纺织有限公司', '绍兴柯桥印染厂', '宁波服装进出口公司', '湖州丝绸集团', '嘉兴毛纺织厂', '义乌小商品检测站'];
const STREETS = ['杭州市西湖区文三路', '宁波市鄞州区天童南路', '绍兴市柯桥区笛扬路', '湖州市吴兴区红旗路', '嘉兴市南湖区中山东路'];
const TOPICS = [
  '客户来电查询送检样品的检测报告进度,报告编号已提供,希望本周内拿到纸质报告并寄送到公司地址。',
  '咨询棉麻混纺面料甲醛与pH值检测的收费标准和周期,另询问是否可以加急以及加急费用如何计算。',
  '对上月出具的色牢度检测结果有疑问,认为与本厂自测数据差异较大,要求说明检测方法与依据的标准。',
  '建议检验所开通网上报告查询和电子发票,减少来回跑腿,并希望周末也能受理送样。',
  '询问羽绒服填充物含绒量检测需要寄送多少样品、包装要求以及寄送地址和收件人联系电话。',
  '投诉检测报告寄送延误三天,影响出口报关,要求说明原因并尽快补寄,已记录快递单号。',
];
const SUGGESTIONS = ['', '希望短信通知报告进度', '建议周末受理送样', '希望增加英文版报告', ''];
const CATEGORIES = ['consultation', 'query', 'complaint', 'suggestion', 'other'] as const;

export const pickOf =
  (rng: () => number) =>
  <T>(xs: readonly T[]): T =>
    xs[Math.floor(rng() * xs.length)]!;

const mobile = (rng: () => number) => `13${String(Math.floor(rng() * 1e9)).padStart(9, '0')}`;

export interface Mut {
  id: number;
  name: string;
  args: unknown;
  base: Record<string, unknown> | null;
}

/** Makes realistic push arguments, like a console would send for calls.answer / calls.save / customers.create. */
export class RecordMaker {
  private readonly rng: () => number;
  private readonly pick: <T>(xs: readonly T[]) => T;
  private serial = 0;
  private mutationId = 0;
  readonly clientId = uuidv7();

  constructor(
    readonly workstation: string,
    seed: number,
    private readonly day = '20261122',
  ) {
    this.rng = rngOf(seed);
    this.pick = pickOf(this.rng);
  }

  private next(name: string, args: unknown, base: Record<string, unknown> | null): Mut {
    return { id: ++this.mutationId, name, args, base };
  }

  callCreate(at: Date, customerId: string | null = null): { mut: Mut; callId: string } {
    const id = uuidv7();
    const rang = new Date(at.getTime() - Math.floor(this.rng() * 20_000));
    const args = {
      id,
      recordNo: `LD-${this.day}-${this.workstation}-${String(++this.serial).padStart(4, '0')}`,
      workstation: this.workstation,
      phone: this.rng() < 0.8 ? mobile(this.rng) : `0571-8${String(Math.floor(this.rng() * 1e7)).padStart(7, '0')}`,
      rangAt: rang.toISOString(),
      answeredAt: at.toISOString(),
      customerId,
      callerName: this.pick(NAMES),
      organisation: this.pick(ORGS),
      address: `${this.pick(STREETS)}${1 + Math.floor(this.rng() * 300)}号`,
    };
    return { mut: this.next('call.create', args, null), callId: id };
  }

  /** A save of the form: content filled in, optionally ending the call (then the sheet must be complete). */
  callUpdate(callId: string, at: Date, end: boolean): Mut {
    const fields: Record<string, unknown> = { content: this.pick(TOPICS), suggestions: this.pick(SUGGESTIONS) };
    const complete = end || this.rng() < 0.5;
    if (complete) {
      fields.category = this.pick(CATEGORIES);
      fields.answeredOnSpot = true;
      fields.satisfaction = 3 + Math.floor(this.rng() * 3);
      if (this.rng() < 0.2) fields.specialSituations = ['result_query'];
    } else if (this.rng() < 0.5) fields.callerName = this.pick(NAMES);
    const args = { id: callId, fields, ...(end ? { end: true } : {}), at: at.toISOString() };
    return this.next('call.update', args, { voided: false });
  }

  customerCreate(at: Date): { mut: Mut; customerId: string } {
    const id = uuidv7();
    const args = {
      id,
      name: this.pick(NAMES),
      organisation: this.pick(ORGS),
      address: `${this.pick(STREETS)}${1 + Math.floor(this.rng() * 300)}号`,
      phones: [mobile(this.rng), ...(this.rng() < 0.3 ? [mobile(this.rng)] : [])],
      serviceRequirements: this.rng() < 0.5 ? '报告需加盖CMA章,寄送纸质版两份' : '',
      notes: this.rng() < 0.3 ? '老客户,每月送检' : '',
      at: at.toISOString(),
    };
    return { mut: this.next('customer.create', args, null), customerId: id };
  }

  random(): number {
    return this.rng();
  }
}

/**
 * Seeds an empty hub the way the first workstation does (sync.join of a set-up console: users and
 * organisation settings), then closes that console.
 */
export async function seedHub(hubUrl: string): Promise<void> {
  const c = await seededConsole();
  try {
    c.core.sync.stop();
    await c.ok('sync.join', { hubUrl, username: 'admin', password: PASSWORD, setupCode: TEST_SETUP_CODE });
    c.core.sync.stop();
  } finally {
    c.close();
    fs.rmSync(c.dir, { recursive: true, force: true });
  }
}

/** The users seededConsole creates that may push call records. */
export const CALL_TAKERS = ['agent1', 'agent2', 'lead', 'admin'] as const;

export async function loginAll(hubUrl: string, workstation: string): Promise<HubClient[]> {
  const out: HubClient[] = [];
  for (const u of CALL_TAKERS) out.push(new HubClient(hubUrl, (await new HubClient(hubUrl).login(u, PASSWORD, workstation)).token));
  return out;
}

/** A hub URL with its own search_path, so each hub run starts on an empty schema (as test/pg/factory.ts does). */
export function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export function fmt(x: number | null, digits = 1): string {
  if (x === null) return '–';
  return x >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toFixed(digits);
}
