import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { SCHEMA_HEADER, SYNC_SCHEMA_VERSION } from '../../shared/sync/protocol';
import { type Hub, startHub } from '../../server/hub';
import { hashPassword } from '../../server/password';
import { TEST_SETUP_CODE } from '../helpers/setupCode';

/** Starts a fresh, empty hub; both stores run the same suites through one of these. */
export type HubFactory = () => Promise<Hub>;

export const sqliteFactory: HubFactory = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hd-hub-'));
  const hub = await startHub({ port: 0, dataDir: dir, logLevel: 'silent', setupCode: TEST_SETUP_CODE });
  return {
    ...hub,
    close: async () => {
      await hub.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};

export const PASSWORD = 'correct-horse-9';
export const ORG = {
  organisationName: '浙江省纺织品检验中心',
  hotline: '0571-88880000',
  areaCode: '0571',
  departments: ['客户服务部', '质量技术部'],
  answerWithinSeconds: 15,
  repeatCallerHours: 48,
};

const at = '2026-11-22T02:00:00.000Z';
export const USERS = {
  admin: { id: uuidv7(), username: 'admin', displayName: '管理员', role: 'admin' },
  lead: { id: uuidv7(), username: 'zhang', displayName: '张组长', role: 'team_lead' },
  agent1: { id: uuidv7(), username: 'li', displayName: '李娜', role: 'agent' },
  agent2: { id: uuidv7(), username: 'wang', displayName: '王芳', role: 'agent' },
  officer: { id: uuidv7(), username: 'zhao', displayName: '赵回访', role: 'callback_officer' },
} as const;
export type Who = keyof typeof USERS;

let hash = '';
export async function setupBody() {
  hash ||= await hashPassword(PASSWORD);
  return {
    organisation: ORG,
    users: Object.values(USERS).map((u) => ({ ...u, passwordHash: hash, active: true, createdAt: at, updatedAt: at })),
    setupCode: TEST_SETUP_CODE,
  };
}

export interface Res {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  json: any;
}

export interface CallOpts {
  body?: unknown;
  /** Sent as is, for malformed-body tests. */
  raw?: string;
  token?: string;
  schema?: string | null;
  headers?: Record<string, string>;
}

export class HubClient {
  readonly tokens: Partial<Record<Who, string>> = {};
  constructor(readonly hub: Hub) {}

  async call(method: string, url: string, o: CallOpts = {}): Promise<Res> {
    const headers: Record<string, string> = { ...o.headers };
    if (o.body !== undefined || o.raw !== undefined) headers['content-type'] ??= 'application/json';
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    const schema = o.schema === undefined ? String(SYNC_SCHEMA_VERSION) : o.schema;
    if (schema !== null) headers[SCHEMA_HEADER] = schema;
    const res = await fetch(this.hub.url + url, { method, headers, body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)) });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  }

  async setup(): Promise<void> {
    const r = await this.call('POST', '/hub/setup', { body: await setupBody() });
    if (r.status !== 200) throw new Error(`setup failed: ${JSON.stringify(r.json)}`);
  }

  async login(who: Who, workstation = 'A07'): Promise<string> {
    const r = await this.call('POST', '/auth/login', { body: { username: USERS[who].username, password: PASSWORD, workstation } });
    if (r.status !== 200) throw new Error(`login failed: ${JSON.stringify(r.json)}`);
    this.tokens[who] = r.json.token;
    return r.json.token;
  }

  async as(who: Who): Promise<string> {
    return this.tokens[who] ?? this.login(who);
  }

  async push(who: Who, clientId: string, mutations: unknown[], workstation = 'A07'): Promise<Res> {
    return this.call('POST', '/sync/push', { token: await this.as(who), body: { clientId, workstation, mutations } });
  }

  async pull(who: Who, cursor = 0, limit?: number): Promise<Res> {
    return this.call('GET', `/sync/pull?cursor=${cursor}${limit ? `&limit=${limit}` : ''}`, { token: await this.as(who) });
  }

  /** Every current row, paging through. */
  // biome-ignore lint/suspicious/noExplicitAny: rows are arbitrary JSON
  async pullAll(who: Who = 'admin'): Promise<any[]> {
    const rows = [];
    let cursor = 0;
    for (;;) {
      const r = await this.pull(who, cursor, 500);
      rows.push(...r.json.changes);
      cursor = r.json.cursor;
      if (!r.json.hasMore) return rows;
    }
  }

  /** What "nothing was written" is checked against: the seq head and the user count. */
  async footprint(): Promise<{ seq: number; users: number }> {
    return this.hub.store.read(async (tx) => ({ seq: await tx.maxSeq(), users: await tx.countUsers() }));
  }
}

/** A fresh hub per test; `setup` seeds it with ORG and USERS. */
export function useHub(factory: HubFactory, opts: { setup: boolean } = { setup: true }): () => HubClient {
  let client: HubClient | null = null;
  beforeAll(async () => {
    await setupBody();
  });
  beforeEach(async () => {
    client = new HubClient(await factory());
    if (opts.setup) await client.setup();
  });
  afterEach(async () => {
    await client?.hub.close();
    client = null;
  });
  return () => client!;
}

let serial = 0;
export function callCreate(id: string, over: Record<string, unknown> = {}) {
  const n = String(++serial).padStart(4, '0');
  return {
    id,
    recordNo: `LD-20261122-A07-${n}`,
    workstation: 'A07',
    phone: '13800138000',
    rangAt: '2026-11-22T02:00:00.000Z',
    answeredAt: '2026-11-22T02:00:05.000Z',
    customerId: null,
    callerName: '王先生',
    organisation: '杭州某纺织有限公司',
    address: '',
    ...over,
  };
}

export const mut = (id: number, name: string, args: unknown, base: Record<string, unknown> | null = null) => ({ id, name, args, base });
