import { fakerZH_CN as faker } from '@faker-js/faker';
import type { CallCategory, SpecialSituation } from '../../../shared/domain/callRecord';
import type { Role } from '../../../shared/domain/roles';
import { openCore } from '../index';

export interface DemoOptions {
  dataDir: string;
  customers: number;
  calls: number;
  seed?: number;
  /** Calls are spread over this many days before now. */
  days?: number;
}

export const DEMO_PASSWORD = 'hotline123';
export const DEMO_USERS: { username: string; displayName: string; role: Role }[] = [
  { username: 'admin', displayName: '王建华', role: 'admin' },
  { username: 'lead', displayName: '张丽娟', role: 'team_lead' },
  { username: 'agent', displayName: '李晓梅', role: 'agent' },
  { username: 'agent2', displayName: '赵文静', role: 'agent' },
  { username: 'officer', displayName: '陈志强', role: 'callback_officer' },
];

// What callers of a textile testing bureau actually ring about (seeds 001–003).
const TOPICS: Record<CallCategory, string[]> = {
  consultation: [
    '咨询纺织品甲醛含量检测的周期和费用',
    '咨询出口欧盟服装需要做哪些检测项目',
    '询问送检样品需要准备多少数量',
    '咨询 GB 18401 标准适用范围',
    '咨询婴幼儿服装 A 类检测要求',
  ],
  query: ['查询检测报告出具进度', '查询样品是否已收到', '查询报告真伪', '查询发票开具情况', '查询检测结果数据'],
  complaint: ['对检测结果有疑问,认为色牢度结果偏低', '反映报告出具超过约定时间', '反映前台接待人员态度不好', '对检测收费有异议'],
  suggestion: ['建议增加网上查询报告的功能', '建议周六也能受理送样', '建议报告增加英文版本'],
  other: ['询问单位地址和乘车路线', '打错电话', '推销电话'],
};

const CATEGORY_WEIGHTS: [CallCategory, number][] = [
  ['consultation', 40],
  ['query', 35],
  ['complaint', 10],
  ['suggestion', 5],
  ['other', 10],
];

function pickWeighted<T>(items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = faker.number.int({ min: 1, max: total });
  for (const [item, w] of items) {
    r -= w;
    if (r <= 0) return item;
  }
  return items[0]![0];
}

function mobile(): string {
  return `1${faker.helpers.arrayElement(['33', '35', '36', '37', '38', '39', '50', '58', '77', '86', '89'])}${faker.string.numeric(8)}`;
}

function landline(): string {
  return `0${faker.helpers.arrayElement(['571', '574', '21', '10', '512', '755'])}-${faker.number.int({ min: 2, max: 8 })}${faker.string.numeric(7)}`;
}

/** Fills a store through the real core, so every demo record has its history and outbox entries. */
export async function seedDemo(opts: DemoOptions): Promise<{ customers: number; calls: number }> {
  faker.seed(opts.seed ?? 20261122);
  const days = opts.days ?? 30;
  const end = Date.now();
  let t = end - days * 86_400_000;
  const core = openCore({ dataDir: opts.dataDir, now: () => new Date(t) });
  let token: string | null = null;
  const call = async (method: string, params: unknown) => {
    const out = await core.invoke(token, method, params);
    if (out.token !== undefined) token = out.token;
    if (!out.envelope.ok) throw new Error(`${method}: ${out.envelope.error.message} ${JSON.stringify(out.envelope.error.fields ?? '')}`);
    return out.envelope.result as Record<string, unknown>;
  };

  try {
    const status = await call('setup.status', {});
    const [admin, ...others] = DEMO_USERS;
    if (status.needsSetup) {
      await call('setup.initialize', {
        organisationName: '浙江省纺织品检验研究院',
        hotline: '0571-86801234',
        areaCode: '0571',
        workstation: 'A01',
        admin: { username: admin!.username, displayName: admin!.displayName, password: DEMO_PASSWORD },
      });
      for (const u of others) await call('users.create', { ...u, password: DEMO_PASSWORD });
    } else {
      await call('auth.login', { username: admin!.username, password: DEMO_PASSWORD });
    }

    const customers: { id: string; phone: string }[] = [];
    for (let i = 0; i < opts.customers; i++) {
      const phones = faker.datatype.boolean(0.3) ? [mobile(), landline()] : [faker.datatype.boolean(0.6) ? mobile() : landline()];
      const c = await call('customers.create', {
        name: faker.person.fullName().replace(/\s/g, ''),
        organisation: faker.company.name(),
        address: `${faker.location.state()}${faker.location.city()}${faker.location.streetAddress()}`,
        phones,
        serviceRequirements: faker.helpers.arrayElement(['', '', '报告需加急', '需要英文报告', '每月对账开票']),
        notes: '',
      });
      customers.push({ id: c.id as string, phone: phones[0]! });
    }

    // Reuse each agent's session while it is fresh: a login per call would spend the run in scrypt.
    const sessions = new Map<string, { token: string | null; at: number }>();
    const loginAs = async (username: string) => {
      const s = sessions.get(username);
      if (s && t - s.at < 3600_000 * 3.5) {
        token = s.token;
        return;
      }
      await call('auth.login', { username, password: DEMO_PASSWORD });
      sessions.set(username, { token, at: t });
    };
    const agents = DEMO_USERS.filter((x) => x.role === 'agent').map((u) => u.username);
    // Calls arrive in office hours (08:30–17:30 Beijing time), spread evenly over the days.
    const perDay = Math.max(1, Math.ceil(opts.calls / days));
    const dayCount = Math.ceil(opts.calls / perDay);
    const firstDay = (Math.floor(end / 86_400_000) - dayCount + 1) * 86_400_000 + 30 * 60_000;
    for (let i = 0; i < opts.calls; i++) {
      const day = Math.floor(i / perDay);
      const slot = (9 * 3600_000) / perDay;
      t = firstDay + day * 86_400_000 + (i % perDay) * slot + faker.number.int({ min: 0, max: Math.floor(slot / 2) });
      t = Math.min(t, end - 60_000);
      await loginAs(faker.helpers.arrayElement(agents));
      const known = faker.datatype.boolean(0.7) && customers.length > 0;
      const phone = known ? faker.helpers.arrayElement(customers).phone : mobile();
      const rangAt = new Date(t - faker.number.int({ min: 2_000, max: 25_000 })).toISOString();
      const rec = await call('calls.answer', { phone, rangAt });
      const category = pickWeighted(CATEGORY_WEIGHTS);
      const onSpot = category !== 'consultation' || faker.datatype.boolean(0.8);
      const situations: SpecialSituation[] = faker.datatype.boolean(0.1) ? [faker.helpers.arrayElement(['emotional', 'dialect', 'result_query'] as const)] : [];
      t += faker.number.int({ min: 60_000, max: Math.min(480_000, Math.floor(slot / 2)) });
      await call('calls.save', {
        id: rec.id,
        end: true,
        fields: {
          callerName: (rec.callerName as string) || faker.person.fullName().replace(/\s/g, ''),
          category,
          content: faker.helpers.arrayElement(TOPICS[category]),
          reportNo: category === 'query' || category === 'complaint' ? `ZJ${faker.string.numeric(10)}` : '',
          specialSituations: situations,
          answeredOnSpot: onSpot,
          promisedReplyBy: onSpot ? null : new Date(t + 2 * 86_400_000).toISOString(),
          departmentsCoordinated: onSpot ? [] : ['质量技术部'],
          satisfaction: faker.datatype.boolean(0.6) ? faker.helpers.weightedArrayElement([{ value: 5, weight: 6 }, { value: 4, weight: 3 }, { value: 3, weight: 1 }]) : null,
        },
      });
    }
    return { customers: customers.length, calls: opts.calls };
  } finally {
    core.close();
  }
}
