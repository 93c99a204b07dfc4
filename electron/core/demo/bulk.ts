import type Database from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';
import { BEIJING_MS } from '../../../shared/domain/calendar';
import type { CallRecord } from '../../../shared/domain/callRecord';
import type { Complaint, ComplaintRegisterArgs } from '../../../shared/domain/complaint';
import { complaintNo } from '../../../shared/domain/complaint';
import type { Customer } from '../../../shared/domain/customer';
import type { Actor, FieldChange } from '../../../shared/domain/mutation';
import { type MutationEnv, mutationDef, mutationEnvFrom, type SyncMutationName } from '../../../shared/domain/mutations';
import { normalizePhone } from '../../../shared/domain/phone';
import type { Role } from '../../../shared/domain/roles';
import { callRecordNo, serialCounterKey } from '../../../shared/domain/serial';
import { type Core, openCore } from '../index';
import { gramsInserter, rebuildCallTrigrams } from '../store/callIndex';
import { complaintGramsInserter, deadlineRulesOf, rebuildComplaintTrigrams, storedNextDeadline } from '../store/complaintIndex';
import { clientIdFor } from '../store/journal';
import { getMeta, readSettings } from '../store/settings';
import { userByUsername } from '../store/users';
import type { Table } from '../store/table';
import { callRecordsTable, complaintsTable, customersTable } from '../store/tables';
import {
  type Complainant,
  callContent,
  complaintStory,
  landline,
  makePools,
  mobile,
  type Pools,
  Rng,
  receiptTimes,
  type Staff,
} from './data';
import { DEMO_PASSWORD, DEMO_USERS, setUpDemo } from './seed';

/**
 * Demo data at scale (issue 6: 1M customers, 1M calls, 200k complaints in a few minutes). The records
 * are made by the same pure domain functions the core runs (`MUTATIONS[name].apply`), so every row,
 * history entry and outbox entry has the shape a real save gives it; only the writing differs:
 * prepared statements in large transactions instead of one transaction per mutation. The complaint
 * and call indexes (stored next deadline, two-character tokens) are written with the functions
 * complaintIndex and callIndex use; the trigram indexes are rebuilt from their tables once at the end,
 * with their triggers set aside meanwhile.
 */
export interface BulkOptions {
  dataDir: string;
  customers: number;
  calls: number;
  complaints: number;
  seed?: number;
  /** Calls and complaints are spread over this many days before `now`. */
  days?: number;
  now?: number;
  /**
   * Agents who take the calls and complaints: the demo's two, and above that agent003, agent004, …
   * created through the core (the appraisal benchmark ranks 200). The password is the demo's.
   */
  agents?: number;
  log?: (line: string) => void;
}

export interface BulkResult {
  customers: number;
  calls: number;
  complaints: number;
  history: number;
  seconds: number;
}

const BATCH = 20_000;
/** The tables the bulk load writes, whose secondary indexes it rebuilds once at the end. */
const LOADED = ['customers', 'customer_phones', 'call_records', 'complaints', 'history', 'outbox'];
const DAY = 86_400_000;

/** One mutation's journal rows, as runMutation writes them (outbox entry and history entry, same id). */
class Journal {
  private readonly next = new Map<string, { clientId: string; n: number }>();
  private readonly outbox: Database.Statement;
  private readonly history: Database.Statement;
  written = 0;

  constructor(private readonly db: Database.Database) {
    this.outbox = db.prepare(
      "INSERT INTO outbox (client_id, mutation_id, name, entity, entity_id, args, base, actor_id, created_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')",
    );
    this.history = db.prepare('INSERT INTO history (id, entity, entity_id, at, actor_id, actor_name, action, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  }

  write(name: SyncMutationName, entity: string, entityId: string, args: unknown, base: unknown, actor: Actor, at: string, changes: FieldChange[]): void {
    let c = this.next.get(actor.userId);
    if (!c) {
      const clientId = clientIdFor(this.db, actor.userId);
      const { n } = this.db.prepare('SELECT coalesce(max(mutation_id), 0) AS n FROM outbox WHERE client_id = ?').get(clientId) as { n: number };
      c = { clientId, n };
      this.next.set(actor.userId, c);
    }
    c.n += 1;
    this.outbox.run(c.clientId, c.n, name, entity, entityId, JSON.stringify(args), base === null ? null : JSON.stringify(base), actor.userId, at);
    this.history.run(`${c.clientId}:${c.n}`, entity, entityId, at, actor.userId, actor.displayName, name, JSON.stringify(changes));
    this.written++;
  }
}

/** An INSERT of a whole record row (plus extra columns), prepared once. */
function inserter<T extends { id: string }>(db: Database.Database, table: Table<T>, sample: T, extra: string[] = []) {
  const cols = [...Object.keys(table.toRow(sample)), ...extra];
  return db.prepare(`INSERT INTO ${table.name} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
}

/** Runs one synced mutation's pure rule and journals it; throws on a refusal (a bug in the generator). */
function applyMutation<T>(
  journal: Journal,
  env: MutationEnv,
  name: SyncMutationName,
  prev: T | null,
  args: Record<string, unknown>,
  actor: Actor,
  at: string,
): T {
  const def = mutationDef(name);
  const res = def.apply(prev, args, actor, env);
  if (!res.ok) throw new Error(`${name}: ${res.reason} ${JSON.stringify(res.fields ?? [])}`);
  if (res.changes.length) journal.write(name, def.entity, def.idOf(args), args, def.baseOf(prev), actor, at, res.changes);
  return res.next as T;
}

/** Agents beyond the demo's, through users.create as the administrator; returns their usernames. */
async function addAgents(core: Core, total: number, names: readonly string[]): Promise<string[]> {
  const have = DEMO_USERS.filter((u) => u.role === 'agent').length;
  if (total <= have) return [];
  let token: string | null = null;
  const call = async (method: string, params: unknown) => {
    const out = await core.invoke(token, method, params);
    if (out.token !== undefined) token = out.token;
    if (!out.envelope.ok) throw new Error(`${method}: ${out.envelope.error.message}`);
  };
  await call('auth.login', { username: 'admin', password: DEMO_PASSWORD });
  const usernames: string[] = [];
  for (let i = have + 1; i <= total; i++) {
    const username = `agent${String(i).padStart(3, '0')}`;
    usernames.push(username);
    if (!userByUsername(core.context.db, username)) await call('users.create', { username, displayName: names[i % names.length]!, role: 'agent', password: DEMO_PASSWORD });
  }
  await call('auth.logout', {});
  return usernames;
}

export async function bulkDemo(opts: BulkOptions): Promise<BulkResult> {
  const started = Date.now();
  const log = opts.log ?? (() => {});
  const seed = opts.seed ?? 20261122;
  const now = opts.now ?? Date.now();
  const days = opts.days ?? 365;
  const r = new Rng(seed);
  const core = openCore({ dataDir: opts.dataDir, sync: false, now: () => new Date(now) });
  const db = core.context.db;
  try {
    await setUpDemo(core);
    const pools: Pools = makePools(seed);
    const extraAgents = await addAgents(core, opts.agents ?? 0, pools.names);
    const settings = readSettings(db);
    if (!settings) throw new Error('the store is not set up');
    const env = mutationEnvFrom(settings);
    const workstation = getMeta(db, 'workstation') ?? 'WS';
    const users = db.prepare('SELECT id, username, display_name, role FROM users').all() as { id: string; username: string; display_name: string; role: Role }[];
    const actor = (username: string): Actor => {
      const u = users.find((x) => x.username === username);
      if (!u) throw new Error(`demo user ${username} is missing`);
      return { userId: u.id, role: u.role, displayName: u.display_name };
    };
    const agents = [...DEMO_USERS.filter((u) => u.role === 'agent').map((u) => u.username), ...extraAgents].map(actor);
    const staff: Staff = { agents, lead: actor('lead'), officer: actor('officer'), handlers: agents };
    const journal = new Journal(db);
    const serials = new Map<string, number>();
    const serial = (key: string) => {
      let v = serials.get(key);
      if (v === undefined) v = (db.prepare('SELECT last FROM serials WHERE key = ?').get(key) as { last: number } | undefined)?.last ?? 0;
      serials.set(key, v + 1);
      return v + 1;
    };

    // Writing a few million rows: durability per commit is pointless here (a failed run is re-run), so
    // the load runs with synchronous=OFF and a larger cache, and the store's setting comes back after.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    // Secondary indexes are dropped for the load and rebuilt from their own definitions afterwards:
    // building an index over sorted keys once is far cheaper than a million random b-tree inserts.
    const indexes = db
      .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${LOADED.map(() => '?').join(',')})`)
      .all(...LOADED) as { name: string; sql: string }[];
    for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
    // Likewise the trigram indexes: their triggers are set aside and each index rebuilt from its table once.
    const triggers = db
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('complaints', 'call_records')")
      .all() as { name: string; sql: string }[];
    for (const tr of triggers) db.exec(`DROP TRIGGER ${tr.name}`);
    const batched = (n: number, label: string, one: (i: number) => void) => {
      const t0 = Date.now();
      for (let from = 0; from < n; from += BATCH) {
        db.transaction(() => {
          for (let i = from; i < Math.min(n, from + BATCH); i++) one(i);
        })();
        if (n >= 100_000 && (from / BATCH) % 10 === 9) log(`  ${label}: ${Math.min(n, from + BATCH)}/${n} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      }
      log(`${label}: ${n} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    };

    // ---- customers ----
    const custIds: string[] = new Array(opts.customers);
    const custPhone: string[] = new Array(opts.customers);
    const custName = new Int32Array(opts.customers);
    const custOrg = new Int32Array(opts.customers);
    const custAddr = new Int32Array(opts.customers);
    let insCustomer: Database.Statement | null = null;
    const insPhone = db.prepare('INSERT OR IGNORE INTO customer_phones (customer_id, normalized, local) VALUES (?, ?, ?)');
    const firstDay = now - days * DAY;
    batched(opts.customers, 'customers', (i) => {
      const at = firstDay - r.int(0, 3 * 365) * DAY - r.int(0, DAY - 1);
      const phones = r.chance(0.3) ? [mobile(r), landline(r)] : [r.chance(0.7) ? mobile(r) : landline(r)];
      const [n, o, a] = [r.int(0, pools.names.length - 1), r.int(0, pools.orgs.length - 1), r.int(0, pools.addresses.length - 1)];
      const id = uuidv7({ msecs: at });
      const iso = new Date(at).toISOString();
      const args = {
        id,
        at: iso,
        name: pools.names[n]!,
        organisation: pools.orgs[o]!,
        address: pools.addresses[a]!,
        phones,
        serviceRequirements: r.pick(['', '', '', '报告需加急', '需要英文报告', '每月对账开票']),
        notes: '',
      };
      const c = applyMutation<Customer>(journal, env, 'customer.create', null, args, r.pick(agents), iso);
      insCustomer ??= inserter(db, customersTable, c);
      insCustomer.run(customersTable.toRow(c));
      for (const p of c.phones) insPhone.run(c.id, p.normalized, p.local);
      custIds[i] = id;
      custPhone[i] = phones[0]!;
      custName[i] = n;
      custOrg[i] = o;
      custAddr[i] = a;
    });
    const someCustomer = (): Complainant | null => {
      if (opts.customers === 0) return null;
      const i = r.int(0, opts.customers - 1);
      return { id: custIds[i]!, name: pools.names[custName[i]!]!, organisation: pools.orgs[custOrg[i]!]!, address: pools.addresses[custAddr[i]!]!, phone: custPhone[i]! };
    };

    // ---- calls: answered, then ended with the sheet filled in; some replied later ----
    const callTimes = receiptTimes(r, opts.calls, now, days);
    let insCall: Database.Statement | null = null;
    const insCallGrams = gramsInserter(db);
    batched(callTimes.length, 'calls', (i) => {
      const answered = callTimes[i]!;
      const known = r.chance(0.7) ? someCustomer() : null;
      const agent = r.pick(agents);
      const at = new Date(answered).toISOString();
      const create = {
        id: uuidv7({ msecs: answered }),
        recordNo: callRecordNo(workstation, at, serial(serialCounterKey('LD', workstation, at))),
        workstation,
        phone: known?.phone ?? mobile(r),
        rangAt: new Date(answered - r.int(2_000, 25_000)).toISOString(),
        answeredAt: at,
        customerId: known?.id ?? null,
        callerName: known?.name ?? '',
        organisation: known?.organisation ?? '',
        address: known?.address ?? '',
      };
      let rec = applyMutation<CallRecord>(journal, env, 'call.create', null, create, agent, at);
      const content = callContent(r);
      const endAt = answered + r.int(60_000, 480_000);
      const fields = {
        ...(rec.callerName ? {} : { callerName: r.pick(pools.names) }),
        category: content.category,
        content: content.content,
        reportNo: content.reportNo,
        specialSituations: content.specialSituations,
        answeredOnSpot: content.answeredOnSpot,
        promisedReplyBy: content.answeredOnSpot ? null : new Date(endAt + 2 * DAY).toISOString(),
        departmentsCoordinated: content.answeredOnSpot ? [] : ['质量技术部'],
        satisfaction: content.satisfaction,
      };
      const endIso = new Date(endAt).toISOString();
      rec = applyMutation<CallRecord>(journal, env, 'call.update', rec, { id: rec.id, fields, end: true, at: endIso }, agent, endIso);
      const replyAt = endAt + r.int(1, 60) * 3600_000;
      if (!content.answeredOnSpot && replyAt < now && r.chance(0.85)) {
        const replyIso = new Date(replyAt).toISOString();
        const reply = { replyContent: '已电话回复客户,告知检测周期和费用', repliedAt: replyIso, repliedBy: agent.displayName };
        rec = applyMutation<CallRecord>(journal, env, 'call.update', rec, { id: rec.id, fields: reply, at: replyIso }, agent, replyIso);
      }
      insCall ??= inserter(db, callRecordsTable, rec);
      insCallGrams(insCall.run(callRecordsTable.toRow(rec)).lastInsertRowid, rec);
    });

    // ---- complaints: registered, then every step of their story so far ----
    const rules = deadlineRulesOf(db);
    const complaintTimes = receiptTimes(r, opts.complaints, now, days);
    const earlier = new Map<string, number>();
    let insComplaint: Database.Statement | null = null;
    const insGrams = complaintGramsInserter(db);
    batched(complaintTimes.length, 'complaints', (i) => {
      const received = complaintTimes[i]!;
      const who: Complainant = (r.chance(0.8) ? someCustomer() : null) ?? {
        id: null,
        name: r.pick(pools.names),
        organisation: r.chance(0.7) ? r.pick(pools.orgs) : '',
        address: r.chance(0.3) ? r.pick(pools.addresses) : '',
        phone: r.chance(0.8) ? mobile(r) : landline(r),
      };
      const story = complaintStory(r, received, now, who, staff, settings.departments);
      const at = new Date(received).toISOString();
      const year = new Date(received + BEIJING_MS).getUTCFullYear();
      const key = who.id ?? normalizePhone(who.phone, settings.areaCode).normalized;
      const repeatIndex = (earlier.get(key) ?? 0) + 1;
      earlier.set(key, repeatIndex);
      const register: ComplaintRegisterArgs = {
        ...story.fields,
        id: uuidv7({ msecs: received }),
        complaintNo: complaintNo(year, workstation, serial(`TS-${year}-${workstation}`)),
        workstation,
        callId: null,
        repeatIndex: Math.min(repeatIndex, 100_000),
        receivedAt: at,
        at,
      };
      let c = applyMutation<Complaint>(journal, env, 'complaint.register', null, register as unknown as Record<string, unknown>, story.agent, at);
      for (const s of story.steps) {
        const stepAt = new Date(s.at).toISOString();
        c = applyMutation<Complaint>(journal, env, 'complaint.transition', c, { id: c.id, step: s.step, at: stepAt }, s.actor, stepAt);
      }
      insComplaint ??= inserter(db, complaintsTable, c, ['next_deadline']);
      const { lastInsertRowid } = insComplaint.run({ ...complaintsTable.toRow(c), next_deadline: storedNextDeadline(c, rules) });
      insGrams(lastInsertRowid, c);
    });

    db.transaction(() => {
      const up = db.prepare('INSERT INTO serials (key, last) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET last = max(last, excluded.last)');
      for (const [k, v] of serials) up.run(k, v);
    })();
    const t0 = Date.now();
    db.transaction(() => {
      for (const ix of indexes) db.exec(ix.sql);
      rebuildComplaintTrigrams(db);
      rebuildCallTrigrams(db);
      for (const tr of triggers) db.exec(tr.sql);
    })();
    log(`indexes: ${indexes.length} and the trigram indexes in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const t1 = Date.now();
    // One b-tree per full-text index instead of hundreds of segments, and fresh statistics for the planner.
    db.exec("INSERT INTO complaints_fts (complaints_fts) VALUES ('optimize')");
    db.exec("INSERT INTO complaints_grams (complaints_grams) VALUES ('optimize')");
    db.exec("INSERT INTO calls_fts (calls_fts) VALUES ('optimize')");
    db.exec("INSERT INTO calls_grams (calls_grams) VALUES ('optimize')");
    db.exec('ANALYZE');
    log(`optimize, analyze: ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('synchronous = FULL');
    return {
      customers: opts.customers,
      calls: callTimes.length,
      complaints: complaintTimes.length,
      history: journal.written,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    core.close();
  }
}
