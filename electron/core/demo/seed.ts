import type { Actor } from '../../../shared/domain/mutation';
import type { Role } from '../../../shared/domain/roles';
import { NO_OVERRIDES } from '../../../shared/domain/calendar';
import { DEFAULT_DEPARTMENTS } from '../../../shared/domain/settings';
import { type Core, openCore } from '../index';
import { createSession } from '../store/sessions';
import { userByUsername } from '../store/users';
import { type QualityDemoCounts, qaDemoDays, seedQualityDemo } from './quality';
import { type Complainant, callContent, complaintStory, landline, makePools, mobile, Rng, receiptTimes, type Staff } from './data';

export interface DemoOptions {
  dataDir: string;
  customers: number;
  calls: number;
  complaints?: number;
  seed?: number;
  /** Calls are spread over this many days before now (default: from the first of the month QA draws). */
  days?: number;
  /** Last month's QA, attendance and leave (demo/quality.ts); on unless false. */
  quality?: boolean;
  /** The demo's present (tests pin it); the real time by default. */
  now?: number;
}

export const DEMO_PASSWORD = 'hotline123';
export const DEMO_USERS: { username: string; displayName: string; role: Role }[] = [
  { username: 'admin', displayName: '王建华', role: 'admin' },
  { username: 'lead', displayName: '张丽娟', role: 'team_lead' },
  { username: 'agent', displayName: '李晓梅', role: 'agent' },
  { username: 'agent2', displayName: '赵文静', role: 'agent' },
  { username: 'officer', displayName: '陈志强', role: 'callback_officer' },
  { username: 'zhijian', displayName: '周敏', role: 'quality_inspector' },
];

const ORGANISATION = {
  organisationName: '浙江省纺织品检验研究院',
  hotline: '0571-86801234',
  areaCode: '0571',
  workstation: 'A01',
};

type Invoke = (method: string, params: unknown) => Promise<Record<string, unknown>>;

function invoker(core: Core): { call: Invoke; token: () => string | null; use: (t: string | null) => void } {
  let token: string | null = null;
  const call: Invoke = async (method, params) => {
    const out = await core.invoke(token, method, params);
    if (out.token !== undefined) token = out.token;
    if (!out.envelope.ok) throw new Error(`${method}: ${out.envelope.error.message} ${JSON.stringify(out.envelope.error.fields ?? '')}`);
    return out.envelope.result as Record<string, unknown>;
  };
  return { call, token: () => token, use: (t) => (token = t) };
}

/** Sets up a fresh store (organisation, the demo users) through the core; logs in as the administrator. */
export async function setUpDemo(core: Core): Promise<void> {
  const { call } = invoker(core);
  const status = await call('setup.status', {});
  const [admin, ...others] = DEMO_USERS;
  if (status.needsSetup) {
    await call('setup.initialize', { ...ORGANISATION, admin: { username: admin!.username, displayName: admin!.displayName, password: DEMO_PASSWORD } });
    for (const u of others) await call('users.create', { ...u, password: DEMO_PASSWORD });
  }
}

/** Fills a store through the real core, so every demo record has its history and outbox entries. */
export async function seedDemo(opts: DemoOptions): Promise<{ customers: number; calls: number; complaints: number; quality?: QualityDemoCounts }> {
  const seed = opts.seed ?? 20261122;
  const r = new Rng(seed);
  const pools = makePools(seed, { names: 2000, orgs: 600, addresses: 600 });
  const end = opts.now ?? Date.now();
  // Whole months for QA to draw from: at least 30 days, back to the first of the first month drawn.
  const days = opts.days ?? Math.max(30, qaDemoDays(end, NO_OVERRIDES));
  let t = end - days * 86_400_000;
  const core = openCore({ dataDir: opts.dataDir, now: () => new Date(t) });
  // Demo data is regenerated, not precious: without an fsync per mutation the seed takes seconds, not a
  // minute. Closing the core checkpoints the WAL, so the finished file is complete on disk.
  core.context.db.pragma('synchronous = OFF');
  const { call, token, use } = invoker(core);
  // Reuse each user's session while it is fresh: a login per call would spend the run in scrypt.
  // Sessions end after 4 h idle or 13 h in all (store/sessions.ts); stay inside both.
  const sessions = new Map<string, { token: string | null; at: number; used: number }>();
  const loginAs = async (username: string) => {
    const s = sessions.get(username);
    if (s && t >= s.used && t - s.used < 3600_000 * 3.5 && t - s.at < 3600_000 * 12) {
      s.used = t;
      use(s.token);
      return;
    }
    // A session straight from the store: a real login per simulated shift would spend the seed in scrypt.
    const user = userByUsername(core.context.db, username);
    if (!user) throw new Error(`demo user ${username} is missing`);
    use(createSession(core.context, user).token);
    sessions.set(username, { token: token(), at: t, used: t });
  };

  try {
    await setUpDemo(core);
    await loginAs('agent');
    const customers: Complainant[] = [];
    for (let i = 0; i < opts.customers; i++) {
      const phones = r.chance(0.3) ? [mobile(r), landline(r)] : [r.chance(0.6) ? mobile(r) : landline(r)];
      const fields = {
        name: r.pick(pools.names),
        organisation: r.pick(pools.orgs),
        address: r.pick(pools.addresses),
        phones,
        serviceRequirements: r.pick(['', '', '报告需加急', '需要英文报告', '每月对账开票']),
        notes: '',
        // About one in twenty is a key account (002 ch.5): each gets its periodic callback.
        keyAccount: r.chance(0.05),
      };
      const c = await call('customers.create', fields);
      customers.push({ id: c.id as string, name: fields.name, organisation: fields.organisation, address: fields.address, phone: phones[0]! });
    }

    const agents = DEMO_USERS.filter((x) => x.role === 'agent').map((u) => u.username);
    for (const answered of receiptTimes(r, opts.calls, end, days)) {
      t = answered;
      await loginAs(r.pick(agents));
      const known = r.chance(0.7) && customers.length > 0 ? r.pick(customers) : null;
      const rec = await call('calls.answer', { phone: known?.phone ?? mobile(r), rangAt: new Date(t - r.int(2_000, 25_000)).toISOString() });
      const content = callContent(r);
      t += r.int(60_000, 480_000);
      await call('calls.save', {
        id: rec.id,
        end: true,
        fields: {
          callerName: (rec.callerName as string) || r.pick(pools.names),
          category: content.category,
          content: content.content,
          reportNo: content.reportNo,
          specialSituations: content.specialSituations,
          answeredOnSpot: content.answeredOnSpot,
          promisedReplyBy: content.answeredOnSpot ? null : new Date(t + 2 * 86_400_000).toISOString(),
          departmentsCoordinated: content.answeredOnSpot ? [] : ['质量技术部'],
          satisfaction: content.satisfaction,
        },
      });
      // A question beyond the agent: the promise is a callback in the officers' queue (002 §6.1(7)).
      if (!content.answeredOnSpot && r.chance(0.5))
        await call('callbacks.create', {
          kind: 'promised',
          callId: rec.id,
          phone: rec.phone,
          name: (rec.callerName as string) || '',
          dueAt: new Date(t + 2 * 86_400_000).toISOString(),
          subject: content.content.slice(0, 60),
        });
    }

    // Complaints: every story's registration and steps, run through the core in time order.
    sessions.clear();
    const directory = (await call('users.directory', {})) as unknown as { id: string; displayName: string; role: Role }[];
    const usernameOf = new Map<string, string>();
    const actor = (username: string): Actor => {
      const u = DEMO_USERS.find((x) => x.username === username)!;
      const d = directory.find((x) => x.displayName === u.displayName)!;
      usernameOf.set(d.id, username);
      return { userId: d.id, role: d.role, displayName: d.displayName };
    };
    const agentActors = agents.map(actor);
    const staff: Staff = { agents: agentActors, lead: actor('lead'), officer: actor('officer'), handlers: agentActors };
    const events: { at: number; run: () => Promise<void> }[] = [];
    const ids: string[] = [];
    receiptTimes(r, opts.complaints ?? 0, end, days).forEach((received, i) => {
      const who = (r.chance(0.8) && customers.length > 0 ? r.pick(customers) : null) ?? {
        id: null,
        name: r.pick(pools.names),
        organisation: r.pick(pools.orgs),
        address: '',
        phone: mobile(r),
      };
      const story = complaintStory(r, received, end, who, staff, DEFAULT_DEPARTMENTS);
      events.push({
        at: received,
        run: async () => {
          await loginAs(usernameOf.get(story.agent.userId)!);
          ids[i] = (await call('complaints.register', story.fields)).id as string;
        },
      });
      for (const s of story.steps)
        events.push({
          at: s.at,
          run: async () => {
            await loginAs(usernameOf.get(s.actor.userId)!);
            await call('complaints.transition', { id: ids[i], step: s.step });
          },
        });
    });
    events.sort((a, b) => a.at - b.at);
    for (const e of events) {
      t = e.at;
      await e.run();
    }
    const counts = { customers: customers.length, calls: opts.calls, complaints: opts.complaints ?? 0 };
    if (opts.quality === false) return counts;
    sessions.clear();
    const users = DEMO_USERS.map((u) => ({ ...u, id: directory.find((x) => x.displayName === u.displayName)!.id }));
    const quality = await seedQualityDemo({
      call: (method, params) => call(method, params) as never,
      loginAs,
      setNow: (ms) => {
        t = ms;
      },
      end,
      rng: r,
      calendar: NO_OVERRIDES,
      users,
    });
    return { ...counts, quality };
  } finally {
    core.close();
  }
}
