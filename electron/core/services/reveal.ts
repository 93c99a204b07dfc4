import type { RevealResult } from '../../../shared/api/types';
import { type RevealableField, seesCallbackInFull, seesCallInFull, seesComplaintInFull, type Viewer } from '../../../shared/domain/visibility';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { actorOf, type HandlerMap } from '../handler';
import { callbacksTable, callRecordsTable, complaintsTable, customersTable } from '../store/tables';
import { auditedRead } from '../write/audit';

const missing = (entity: string, id: string) => new ApiFailure('not_found', `${entity} ${id} does not exist`);
const hidden = (entity: string) => new ApiFailure('forbidden', `this ${entity} is confidential: only the people who work on it and the leads may see its contact data`);

/**
 * The stored values of one contact field of a record, if this viewer may see the record in full. A customer
 * file has several numbers: each is a value.
 */
function valuesOf(ctx: CoreContext, p: { entity: string; id: string; field: RevealableField }, viewer: Viewer): string[] {
  switch (p.entity) {
    case 'call': {
      const r = callRecordsTable.get(ctx.db, p.id);
      if (!r) throw missing('call record', p.id);
      if (!seesCallInFull(r, viewer)) throw hidden('call record');
      return [r[p.field]];
    }
    case 'complaint': {
      const c = complaintsTable.get(ctx.db, p.id);
      if (!c) throw missing('complaint', p.id);
      if (!seesComplaintInFull(c, viewer)) throw hidden('complaint');
      return [c[p.field]];
    }
    case 'callback': {
      const cb = callbacksTable.get(ctx.db, p.id);
      if (!cb) throw missing('callback', p.id);
      const links = {
        call: cb.callId ? callRecordsTable.get(ctx.db, cb.callId) : null,
        complaint: cb.complaintId ? complaintsTable.get(ctx.db, cb.complaintId) : null,
      };
      if (!seesCallbackInFull(cb, links, viewer)) throw hidden('callback');
      if (p.field === 'address')
        throw new ApiFailure('invalid_params', 'a callback has no address', [{ field: 'field', code: 'invalid_value', message: 'a callback has no address' }]);
      return [cb.phone];
    }
    default: {
      const c = customersTable.get(ctx.db, p.id);
      if (!c) throw missing('customer', p.id);
      return p.field === 'phone' ? c.phones.map((n) => n.raw) : [c.address];
    }
  }
}

export const revealHandlers: HandlerMap<'records.reveal'> = {
  /**
   * Revealing a masked number or address is an explicit action of one user on one record, and leaves an audit
   * row ('reveal', the record, the field) like any other read of customer data.
   */
  'records.reveal': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    return auditedRead(
      ctx,
      actor,
      { action: 'reveal', entity: params.entity, detail: params.field },
      (): RevealResult => {
        const values = valuesOf(ctx, params, actor);
        return { field: params.field, value: values.join('、'), values };
      },
      () => [params.id],
    );
  },
};
