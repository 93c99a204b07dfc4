import {
  CALL_HIDDEN_FIELDS,
  CALLBACK_HIDDEN_FIELDS,
  type CallbackLinks,
  COMPLAINT_HIDDEN_FIELDS,
  seesCallbackInFull,
  seesCallInFull,
  seesComplaintInFull,
  type Viewer,
  visibleCall,
  visibleCallback,
  visibleChanges,
  visibleComplaint,
} from '../shared/domain/visibility';
import { isSyncMutation, mutationDef } from '../shared/domain/mutations';
import { QA_ROLES } from '../shared/domain/roles';
import type { Ack, SyncChange } from '../shared/sync/protocol';
import type { HubStore } from './store';
import type { SyncRow, WorkstationUser } from './store/types';

/**
 * Data minimised per workstation (docs/sync.md). A workstation's store holds a confidential record in
 * full only when somebody who works there may see it in full *by ownership*: the call's agent, the
 * complaint's receiving agent or handler, the callback's assignee. Supervisor rights do not count here:
 * a team lead who opens such a record on an agent's workstation fetches it from the hub online
 * (GET /sync/record), so a lead logging in once at a workstation does not leave every confidential
 * record of the centre on its disk. Everybody else's workstation gets the record as the shared
 * visibility rule shows it to a user with no rights on it, marked `redacted`.
 *
 * Personal records (QA samples, reviews and findings, attendance, leave) are not redacted but left out:
 * a workstation receives them only when somebody who works there appraises (a QA role) or is the person
 * they are about. A QA sample goes to appraisers only, so an agent does not learn which of their
 * records were drawn before they are reviewed.
 */

type Rec = Record<string, unknown>;
type CallLike = { confidential: boolean; agentId: string };
type ComplaintLike = { confidential?: boolean; receivingAgentId: string; handlerId: string | null };
type CallbackLike = { assigneeId: string | null; callId?: string | null; complaintId?: string | null };
interface HistoryData {
  entity: string;
  entityId: string;
  changes: { field: string; before: unknown; after: unknown }[];
}

/** A user with no rights on any record: what every other workstation's copy is redacted for. */
const NOBODY: Viewer = { userId: '', role: 'agent' };
/** A user of the workstation, by ownership only (see above). */
const owner = (userId: string): Viewer => ({ userId, role: 'agent' });

/** The users a workstation's store is kept for, with their roles on the hub. */
export type Audience = readonly WorkstationUser[];

const byAudience = (audience: Audience, sees: (v: Viewer) => boolean) => sees(NOBODY) || audience.some((u) => sees(owner(u.userId)));

export const callInFullFor = (c: CallLike, a: Audience) => byAudience(a, (v) => seesCallInFull(c, v));
export const complaintInFullFor = (c: ComplaintLike, a: Audience) => byAudience(a, (v) => seesComplaintInFull(c, v));

/** Confidential calls and complaints a page refers to, and the callbacks whose history it carries. */
export class Parents {
  constructor(private readonly rows: Map<string, Rec>) {}
  get(entity: string, id: string | null | undefined): Rec | undefined {
    return id ? this.rows.get(`${entity}:${id}`) : undefined;
  }
  links(cb: CallbackLike): CallbackLinks {
    return { call: this.get('call', cb.callId) as CallLike | undefined, complaint: this.get('complaint', cb.complaintId) as ComplaintLike | undefined };
  }
}

const callbackLinked = (cb: CallbackLike, p: Parents) => Boolean(p.get('call', cb.callId) ?? p.get('complaint', cb.complaintId));
const callbackInFullFor = (cb: CallbackLike, p: Parents, a: Audience) => byAudience(a, (v) => seesCallbackInFull(cb, p.links(cb), v));

/** Who a personal record is about: the field naming them, or none (a QA sample goes to appraisers only). */
const PERSONAL: Readonly<Record<string, 'agentId' | 'userId' | null>> = {
  qa_sample: null,
  qa_review: 'agentId',
  qa_finding: 'agentId',
  attendance: 'userId',
  leave: 'userId',
};
const isPersonal = (entity: string) => Object.hasOwn(PERSONAL, entity);

/** Somebody at the workstation appraises: inspectors and team leads read the team's QA and attendance. */
export const appraisesAt = (a: Audience) => a.some((u) => QA_ROLES.includes(u.role));

/** Whether this workstation may hold a personal record at all (they are never sent in part). */
export function personalFor(entity: string, data: Rec | undefined, a: Audience): boolean {
  if (appraisesAt(a)) return true;
  const field = PERSONAL[entity];
  if (!field || !data) return false;
  const person = data[field];
  return typeof person === 'string' && a.some((u) => u.userId === person);
}

/**
 * The parents the filter needs, in at most three queries: confidential calls and complaints named by the
 * page's callbacks and history rows, and the callbacks named by history rows (with their own links).
 * Only rows whose JSON says "confidential":true come back for calls and complaints, so an ordinary
 * page parses nothing more. Where nobody appraises, also the personal records whose history the page
 * carries (one query per kind), to know whose they are.
 */
export async function loadParents(store: HubStore, page: readonly SyncRow[], audience: Audience): Promise<Parents> {
  const want = { call: [] as string[], complaint: [] as string[], callback: [] as string[] };
  // History of personal records follows its record; an appraiser's workstation takes them all, unparsed.
  const personal = new Map<string, string[]>();
  const appraiser = appraisesAt(audience);
  const linksOf = (cb: CallbackLike) => {
    if (cb.callId) want.call.push(cb.callId);
    if (cb.complaintId) want.complaint.push(cb.complaintId);
  };
  for (const r of page) {
    if (r.entity === 'callback') linksOf(r.data as CallbackLike);
    else if (r.entity === 'history') {
      const h = r.data as HistoryData;
      if (h.entity === 'call' || h.entity === 'complaint' || h.entity === 'callback') want[h.entity].push(h.entityId);
      else if (!appraiser && PERSONAL[h.entity]) {
        const ids = personal.get(h.entity);
        if (ids) ids.push(h.entityId);
        else personal.set(h.entity, [h.entityId]);
      }
    }
  }
  const rows = new Map<string, Rec>();
  const put = (list: { entity: string; id: string; data: string }[]) => {
    for (const x of list) rows.set(`${x.entity}:${x.id}`, JSON.parse(x.data) as Rec);
  };
  if (want.callback.length) {
    const cbs = await store.rowsOf('callback', want.callback, false);
    put(cbs);
    for (const x of cbs) linksOf(rows.get(`callback:${x.id}`) as CallbackLike);
  }
  if (want.call.length) put(await store.rowsOf('call', want.call, true));
  if (want.complaint.length) put(await store.rowsOf('complaint', want.complaint, true));
  for (const [entity, ids] of personal) put(await store.rowsOf(entity, ids, false));
  return new Parents(rows);
}

const HIDDEN: Record<string, readonly string[]> = { call: CALL_HIDDEN_FIELDS, complaint: COMPLAINT_HIDDEN_FIELDS, callback: CALLBACK_HIDDEN_FIELDS };

/** Whether this workstation's copy of a history entry's record is partial. */
function historyRedacted(h: HistoryData, p: Parents, a: Audience): boolean {
  const parent = p.get(h.entity, h.entityId);
  if (!parent) return false;
  if (h.entity === 'call') return !callInFullFor(parent as CallLike, a);
  if (h.entity === 'complaint') return !complaintInFullFor(parent as ComplaintLike, a);
  if (h.entity === 'callback') return callbackLinked(parent as CallbackLike, p) && !callbackInFullFor(parent as CallbackLike, p, a);
  return false;
}

/**
 * One pulled row as this workstation may hold it; `redacted: true` tells the console its copy is partial.
 * Null: the workstation may not hold the row at all (a personal record of somebody else).
 */
export function minimiseRow(r: SyncRow, a: Audience, p: Parents): SyncChange | null {
  const d = r.data as Rec;
  if (isPersonal(r.entity)) return personalFor(r.entity, d, a) ? r : null;
  switch (r.entity) {
    case 'call':
      if (d.confidential !== true || callInFullFor(d as CallLike, a)) return r;
      return { ...r, data: visibleCall(d as CallLike, NOBODY), redacted: true };
    case 'complaint':
      if (d.confidential !== true || complaintInFullFor(d as ComplaintLike, a)) return r;
      return { ...r, data: visibleComplaint(d as ComplaintLike, NOBODY), redacted: true };
    case 'callback': {
      const cb = d as CallbackLike;
      if (!callbackLinked(cb, p) || callbackInFullFor(cb, p, a)) return r;
      return { ...r, data: visibleCallback(cb, p.links(cb), NOBODY), redacted: true };
    }
    case 'history': {
      const h = d as unknown as HistoryData;
      if (isPersonal(h.entity)) return personalFor(h.entity, p.get(h.entity, h.entityId), a) ? r : null;
      if (!historyRedacted(h, p, a)) return r;
      return { ...r, data: { ...h, changes: visibleChanges(h.changes, HIDDEN[h.entity]!) }, redacted: true };
    }
    default:
      return r;
  }
}

/** The page as this workstation may hold it: possibly fewer rows (the pull's cursor still passes them all). */
export async function minimisePage(store: HubStore, page: readonly SyncRow[], audience: Audience): Promise<SyncChange[]> {
  const parents = await loadParents(store, page, audience);
  return page.flatMap((r) => minimiseRow(r, audience, parents) ?? []);
}

/**
 * A conflict's acknowledgement carries the hub's state of the record, and the console stores it: it is
 * minimised like a pulled row, for the pushing workstation. Otherwise any agent could read any record in
 * full by pushing a stale change to it. A personal record the workstation may not hold is not sent at
 * all: the ack keeps its status and reason, without the hub's state and without who made it.
 */
export async function minimiseAcks(store: HubStore, acks: Ack[], names: ReadonlyMap<number, string>, audience: Audience): Promise<Ack[]> {
  const rows: SyncRow[] = [];
  for (const a of acks) {
    const name = names.get(a.id);
    if (a.serverState && name && isSyncMutation(name)) rows.push({ entity: mutationDef(name).entity, id: String(a.id), seq: 0, data: a.serverState });
  }
  if (!rows.length) return acks;
  const shown = new Map((await minimisePage(store, rows, audience)).map((c) => [Number(c.id), c]));
  const sent = new Set(rows.map((r) => Number(r.id)));
  return acks.map((a) => {
    if (!sent.has(a.id)) return a;
    const c = shown.get(a.id);
    if (!c) {
      const { serverState: _state, by: _by, ...rest } = a;
      return rest;
    }
    return c.redacted ? { ...a, serverState: c.data } : a;
  });
}
