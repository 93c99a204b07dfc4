import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkLink, verifyChain } from '../../shared/node/auditChain';
import { AUDIT_MAX_PAGE, type AuditBreak, type AuditChainStatus, AuditFilter, AuditPushRequest, type AuditPushResponse, type AuditRow } from '../../shared/sync/audit';
import { type HubContext, tokenHash } from '../context';
import { HubError, parseOr400 } from '../errors';
import type { StoreTx } from '../store/types';

const AuditQuery = AuditFilter.extend({
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'must be a positive integer')
    .default('50')
    .transform(Number)
    .pipe(z.number().int().min(1).max(AUDIT_MAX_PAGE)),
  offset: z
    .string()
    .regex(/^\d{1,9}$/, 'must be a non-negative integer')
    .default('0')
    .transform(Number),
}).strict();

/**
 * Takes one workstation's rows. A row the hub already has is skipped when it is the same copy (a retry)
 * and recorded as a break when it is not (the workstation changed a row it had sent). Every other row is
 * checked against the row before it here and stored whatever the result: refusing would only hide the
 * evidence, and a break once recorded stays even if the missing rows arrive later.
 */
export async function receiveAuditRows(tx: StoreTx, body: AuditPushRequest, receivedBy: string, at: string): Promise<AuditPushResponse> {
  const found: AuditBreak[] = [];
  const ws = body.workstation;
  const rows = [...body.rows].sort((x, y) => x.seq - y.seq);
  for (const row of rows) {
    const stored = await tx.audit.get(ws, row.seq);
    if (stored) {
      if (stored.hash !== row.hash) found.push({ workstation: ws, seq: row.seq, kind: 'conflicting_copy', detail: 'a different copy of a row the hub already holds', detectedAt: at });
      continue;
    }
    if ((await tx.audit.maxSeq(ws)) > row.seq) found.push({ workstation: ws, seq: row.seq, kind: 'out_of_order', detail: 'arrived after rows that follow it', detectedAt: at });
    for (const b of checkLink(await tx.audit.before(ws, row.seq), row)) found.push({ workstation: ws, ...b, detectedAt: at });
    await tx.audit.insert(row, at, receivedBy);
  }
  for (const b of found) await tx.audit.recordBreak(b);
  return { through: await tx.audit.maxSeq(ws), breaks: found };
}

/** Each workstation's chain as stored now, plus every break recorded on receipt. */
export async function verifyAuditChains(tx: StoreTx): Promise<AuditChainStatus[]> {
  const recorded = await tx.audit.breaks();
  const out: AuditChainStatus[] = [];
  for (const ws of await tx.audit.workstations()) {
    async function* rows(): AsyncGenerator<AuditRow> {
      let after = 0;
      for (;;) {
        const page = await tx.audit.chainPage(ws, after, 2000);
        yield* page;
        if (page.length < 2000) return;
        after = page[page.length - 1]!.seq;
      }
    }
    const all: AuditRow[] = [];
    for await (const r of rows()) all.push(r);
    const now = verifyChain(ws, all);
    const seen = new Set(now.breaks.map((b) => `${b.seq}:${b.kind}`));
    const breaks = [...now.breaks];
    for (const b of recorded) {
      if (b.workstation === ws && !seen.has(`${b.seq}:${b.kind}`)) breaks.push({ seq: b.seq, kind: b.kind, detail: b.detail });
    }
    breaks.sort((x, y) => x.seq - y.seq);
    out.push({ ...now, ok: breaks.length === 0, brokenAt: breaks[0]?.seq ?? null, breaks: breaks.slice(0, 50) });
  }
  return out;
}

export function auditRoutes(app: FastifyInstance, hub: HubContext): void {
  /** The workstation is the one the token's session was opened for: a workstation pushes only its own chain. */
  async function sessionWorkstation(req: FastifyRequest): Promise<{ userId: string; workstation: string }> {
    const user = await hub.authenticate(req);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')![1]!;
    const session = await hub.store.getSession(tokenHash(token));
    return { userId: user.id, workstation: session?.workstation ?? '' };
  }

  async function admin(req: FastifyRequest): Promise<void> {
    const user = await hub.authenticate(req);
    if (user.role !== 'admin') throw new HubError(403, 'forbidden', 'only an administrator may read the audit log');
  }

  app.post('/sync/audit', async (req) => {
    hub.requireSchema(req);
    const { userId, workstation } = await sessionWorkstation(req);
    const body = parseOr400(AuditPushRequest, req.body, 'audit push');
    if (body.workstation !== workstation) throw new HubError(403, 'forbidden', `this session belongs to workstation ${workstation || '(none)'}, not ${body.workstation}`);
    const other = body.rows.find((r) => r.workstation !== body.workstation);
    if (other) throw new HubError(400, 'invalid_params', `invalid audit push: row ${other.seq} belongs to workstation ${other.workstation}`);
    const res = await hub.store.write((tx) => receiveAuditRows(tx, body, userId, hub.now().toISOString()));
    if (res.result.breaks.length) req.log.warn({ workstation, breaks: res.result.breaks }, 'audit chain break');
    return { ok: true, ...res.result } satisfies AuditPushResponse & { ok: true };
  });

  app.get('/audit', async (req) => {
    hub.requireSchema(req);
    await admin(req);
    const { limit, offset, ...filter } = parseOr400(AuditQuery, req.query, 'audit query');
    const page = await hub.store.read((tx) => tx.audit.query(filter, limit, offset));
    return { ok: true, ...page };
  });

  app.get('/audit/verify', async (req) => {
    hub.requireSchema(req);
    await admin(req);
    return { ok: true, chains: await hub.store.read(verifyAuditChains) };
  });
}
