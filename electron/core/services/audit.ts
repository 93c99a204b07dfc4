import type { AuditNote, AuditPage, AuditVerification } from '../../../shared/api/types';
import type { Actor } from '../../../shared/domain/mutation';
import { verifyChain } from '../../../shared/node/auditChain';
import { AUDIT_MAX_PAGE, type AuditFilter, type AuditRow } from '../../../shared/sync/audit';
import type { CoreContext } from '../context';
import { buildAuditSheet } from '../export/auditSheet';
import { actorOf, type HandlerMap } from '../handler';
import { allAuditRows, customerNamesOf, queryLocalAudit } from '../store/audit';
import { hubTokenOf } from '../store/journal';
import { getMeta } from '../store/settings';
import { HubClient, HubError } from '../sync/hubClient';
import { auditedRead } from '../write/audit';

/** An export holds at most this many rows; narrow the filters for more. */
const MAX_EXPORT_ROWS = 10_000;

type HubAnswer<T> = { ok: true; value: T } | { ok: false; note: Exclude<AuditNote, null> };

/**
 * Asks the hub with the administrator's own hub session. The hub's copy has every workstation's rows; when
 * it cannot be asked the viewer falls back to this workstation's rows and says why.
 */
async function askHub<T>(ctx: CoreContext, actor: Actor, ask: (hub: HubClient) => Promise<T>): Promise<HubAnswer<T>> {
  const url = getMeta(ctx.db, 'hub_url');
  if (!url) return { ok: false, note: 'not_joined' };
  const token = hubTokenOf(ctx.db, actor.userId);
  if (!token) return { ok: false, note: 'no_hub_session' };
  try {
    return { ok: true, value: await ask(new HubClient(url, token)) };
  } catch (err) {
    if (!(err instanceof HubError)) throw err;
    ctx.log.warn({ kind: err.kind, status: err.status }, `audit: hub not used: ${err.message}`);
    return { ok: false, note: err.kind === 'offline' ? 'offline' : 'hub_error' };
  }
}

const rowKey = (r: AuditRow) => `${r.workstation}:${r.seq}`;
const namesFor = (ctx: CoreContext, rows: readonly AuditRow[]) => customerNamesOf(ctx.db, rows.flatMap((r) => r.customerIds));

async function exportRows(ctx: CoreContext, actor: Actor, filter: AuditFilter): Promise<AuditRow[]> {
  const fromHub = await askHub(ctx, actor, async (hub) => {
    const out: AuditRow[] = [];
    while (out.length < MAX_EXPORT_ROWS) {
      const page = await hub.queryAudit(filter, AUDIT_MAX_PAGE, out.length);
      out.push(...page.rows);
      if (page.rows.length < AUDIT_MAX_PAGE) break;
    }
    return out;
  });
  if (!fromHub.ok) return queryLocalAudit(ctx.db, filter, { limit: MAX_EXPORT_ROWS, offset: 0 }).rows;
  const unsent = queryLocalAudit(ctx.db, filter, { limit: MAX_EXPORT_ROWS, offset: 0, onlyUnsent: true }).rows;
  return [...unsent, ...fromHub.value].slice(0, MAX_EXPORT_ROWS);
}

export const auditHandlers: HandlerMap<'audit.query' | 'audit.export' | 'audit.verify'> = {
  'audit.query': async ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const { limit = 50, offset = 0, ...filter } = params;
    const fromHub = await askHub(ctx, actor, (hub) => hub.queryAudit(filter, limit, offset));
    let page: AuditPage;
    if (fromHub.ok) {
      // Rows made here since the last sync are not on the hub yet; shown above the first page.
      const unsent = offset === 0 ? queryLocalAudit(ctx.db, filter, { limit: AUDIT_MAX_PAGE, offset: 0, onlyUnsent: true }).rows : [];
      page = { source: 'hub', note: null, rows: fromHub.value.rows, total: fromHub.value.total, unsent, customerNames: {} };
    } else {
      const local = queryLocalAudit(ctx.db, filter, { limit, offset });
      page = { source: 'local', note: fromHub.note, rows: local.rows, total: local.total, unsent: [], customerNames: {} };
    }
    page.customerNames = namesFor(ctx, [...page.rows, ...page.unsent]);
    // Reading the audit log is itself a read worth a row: who looked at whose accesses.
    return auditedRead(
      ctx,
      actor,
      { action: 'list', entity: 'audit_log', detail: JSON.stringify({ ...filter, offset }) },
      () => page,
      (p) => [...p.unsent, ...p.rows].map(rowKey),
    );
  },

  'audit.export': async ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const rows = await exportRows(ctx, actor, params);
    const file = await buildAuditSheet(rows, namesFor(ctx, rows), ctx.now());
    return auditedRead(
      ctx,
      actor,
      { action: 'export', entity: 'audit_log', detail: JSON.stringify({ format: 'xlsx', rows: rows.length, filename: file.filename, filter: params }) },
      () => file,
      () => rows.map(rowKey),
    );
  },

  'audit.verify': async ({ ctx, session }) => {
    const actor = actorOf(session);
    const local = verifyChain(getMeta(ctx.db, 'workstation') ?? '', allAuditRows(ctx.db));
    const fromHub = await askHub(ctx, actor, (hub) => hub.verifyAudit());
    return (fromHub.ok
      ? { source: 'hub', note: null, local, chains: fromHub.value.chains }
      : { source: 'local', note: fromHub.note, local, chains: [] }) satisfies AuditVerification;
  },
};
