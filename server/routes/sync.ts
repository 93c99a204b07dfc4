import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CallRecord } from '../../shared/domain/callRecord';
import type { Complaint } from '../../shared/domain/complaint';
import { uuid } from '../../shared/domain/fields';
import { seesCallInFull, seesComplaintInFull } from '../../shared/domain/visibility';
import {
  FETCHABLE_ENTITIES,
  MAX_PULL_PAGE,
  PushRequest,
  type PullResponse,
  type PushResponse,
  type RecordResponse,
  SYNC_SCHEMA_VERSION,
} from '../../shared/sync/protocol';
import { type HubContext, tokenHash } from '../context';
import { HubError, parseOr400 } from '../errors';
import { minimiseAcks, minimisePage } from '../minimise';
import { applyPush } from '../push';

export const DEFAULT_PULL_PAGE = 1000;
export const HEARTBEAT_MS = 15_000;

const PullQuery = z.strictObject({
  cursor: z.string().regex(/^\d{1,15}$/, 'must be a non-negative integer').default('0').transform(Number),
  limit: z
    .string()
    .regex(/^\d{1,6}$/, 'must be a positive integer')
    .default(String(DEFAULT_PULL_PAGE))
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_PULL_PAGE)),
});

const RecordParams = z.strictObject({ entity: z.enum(FETCHABLE_ENTITIES), id: uuid });

/** The workstation the request's session was opened for (POST /auth/login names it). */
async function workstationOf(hub: HubContext, req: FastifyRequest): Promise<string> {
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  return (await hub.store.getSession(tokenHash(token)))?.workstation ?? '';
}

export function syncRoutes(app: FastifyInstance, hub: HubContext): void {
  app.post('/sync/push', async (req) => {
    hub.requireSchema(req);
    const user = await hub.authenticate(req);
    const body = parseOr400(PushRequest, req.body, 'push request');
    for (let i = 1; i < body.mutations.length; i++) {
      if (body.mutations[i]!.id <= body.mutations[i - 1]!.id)
        throw new HubError(400, 'invalid_params', `invalid push request: mutation ids must increase within a batch (mutations.${i}.id)`);
    }
    const pushed = await hub.write((tx) => applyPush(tx, body, user, hub.now(), req.log));
    // The acks are stored as the hub made them; what leaves for this workstation is minimised.
    const audience = await hub.store.workstationUsers(body.workstation);
    const res = { ...pushed, acks: await minimiseAcks(hub.store, pushed.acks, new Map(body.mutations.map((m) => [m.id, m.name])), audience) };
    const counts = { applied: 0, rejected: 0, conflict: 0 };
    for (const a of res.acks) counts[a.status]++;
    req.log.info({ clientId: body.clientId, userId: user.id, lastMutationId: res.lastMutationId, ...counts }, 'push');
    return { ok: true, ...res } satisfies PushResponse & { ok: true };
  });

  app.get('/sync/pull', async (req) => {
    hub.requireSchema(req);
    await hub.authenticate(req);
    const { cursor, limit } = parseOr400(PullQuery, req.query, 'pull query');
    // The store being pulled into is the token's workstation; what it may hold depends on who works there.
    const audience = await hub.store.workstationUsers(await workstationOf(hub, req));
    // One extra row tells whether another page follows without a count(*).
    const rows = await hub.store.pull(cursor, limit + 1);
    const page = rows.slice(0, limit);
    const changes = await minimisePage(hub.store, page, audience);
    const last = page[page.length - 1];
    return { ok: true, changes, cursor: last ? last.seq : cursor, hasMore: rows.length > limit, schemaVersion: SYNC_SCHEMA_VERSION } satisfies PullResponse & {
      ok: true;
    };
  });

  // A confidential record in full, for a user who may see it by the visibility rule, without storing it
  // on the workstation (the console does not write it). Anybody else: 403, whatever their workstation.
  app.get('/sync/record/:entity/:id', async (req) => {
    hub.requireSchema(req);
    const user = await hub.authenticate(req);
    const { entity, id } = parseOr400(RecordParams, req.params, 'record path');
    const row = await hub.store.read((tx) => tx.getRow(entity, id));
    if (!row) throw new HubError(404, 'not_found', `${entity} ${id} does not exist on the hub`);
    const viewer = { userId: user.id, role: user.role };
    const full = entity === 'call' ? seesCallInFull(row.data as CallRecord, viewer) : seesComplaintInFull(row.data as Complaint, viewer);
    if (!full) {
      req.log.warn({ userId: user.id, entity, id }, 'record fetch refused');
      throw new HubError(403, 'forbidden', `this user may not see ${entity} ${id} in full`);
    }
    const history = await hub.store.historyOf(entity, id);
    req.log.info({ userId: user.id, entity, id }, 'record fetched in full');
    return { ok: true, entity, id, seq: row.seq, data: row.data, history } satisfies RecordResponse & { ok: true };
  });

  app.get('/sync/events', async (req, reply) => {
    hub.requireSchema(req);
    await hub.authenticate(req);
    const seq = await hub.store.read((tx) => tx.maxSeq());
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx buffers proxied responses unless told otherwise; events must arrive at once.
      'x-accel-buffering': 'no',
    });
    const send = (s: number) => res.write(`event: changed\ndata: ${JSON.stringify({ seq: s })}\n\n`);
    res.write('retry: 3000\n\n');
    // The current head at once, so a console that reconnects after a gap pulls what it missed.
    send(seq);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const onClose = () => {
      clearInterval(heartbeat);
      hub.events.off('changed', send);
      hub.events.off('shutdown', end);
    };
    const end = () => res.end();
    hub.events.on('changed', send);
    hub.events.on('shutdown', end);
    req.raw.on('close', onClose);
    res.on('close', onClose);
  });
}
