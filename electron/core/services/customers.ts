import { v7 as uuidv7 } from 'uuid';
import type { CustomerMatch } from '../../../shared/api/types';
import { maskPhone, normalizePhone } from '../../../shared/domain/phone';
import { contactView, withoutEchoedMasks } from '../../../shared/domain/visibility';
import { ApiFailure } from '../errors';
import { actorOf, type HandlerMap } from '../handler';
import { recentCallsByCustomer, recentCallsByPhone, repeatCaller } from '../store/calls';
import { customersByPhone, recentCustomers, searchCustomers } from '../store/customers';
import { requireSettings } from '../store/settings';
import { customersTable } from '../store/tables';
import { auditedRead } from '../write/audit';
import { runSyncMutation } from '../write/mutation';

export const customerHandlers: HandlerMap<'customers.lookup' | 'customers.search' | 'customers.get' | 'customers.create' | 'customers.update'> = {
  // The screen pop: the recent calls pass the call rule (another agent's confidential call without its
  // content), the customers the masking by role. The number typed or rung in is the caller's own: not masked.
  'customers.lookup': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const { areaCode, masking } = requireSettings(ctx.db);
    const n = normalizePhone(params.phone, areaCode);
    const matches = auditedRead(
      ctx,
      actor,
      { action: 'view', entity: 'customer', detail: 'screen pop', durable: false },
      (): CustomerMatch[] =>
        customersByPhone(ctx.db, params.phone, areaCode).map((customer) => ({
          customer: contactView(customer, true, actor, masking).record,
          recentCalls: recentCallsByCustomer(ctx.db, customer.id, actor, 5),
        })),
      (found) => found.map((m) => m.customer.id),
    );
    return {
      phone: params.phone,
      normalized: n.normalized,
      valid: n.valid,
      matches,
      repeat: repeatCaller(ctx.db, n.normalized, ctx.now()),
      recentCalls: recentCallsByPhone(ctx.db, n.normalized, actor, 10),
    };
  },

  // Without a query: the customers touched most recently (the customer page before a search), read
  // through the same audited read and masking as a search.
  'customers.search': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const { masking } = requireSettings(ctx.db);
    const q = params.q?.trim() ?? '';
    const limit = params.limit ?? 30;
    const keyAccountsOnly = params.keyAccount === true;
    return auditedRead(
      ctx,
      actor,
      { action: 'search', entity: 'customer', ...(q ? {} : { detail: 'recent customers' }) },
      () =>
        (q ? searchCustomers(ctx.db, q, limit, keyAccountsOnly) : recentCustomers(ctx.db, limit, keyAccountsOnly)).map((c) => {
          const { record, masked } = contactView(c, true, actor, masking);
          return { ...record, masked };
        }),
      (found) => found.map((c) => c.id),
    );
  },

  'customers.get': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const { masking } = requireSettings(ctx.db);
    return auditedRead(
      ctx,
      actor,
      { action: 'view', entity: 'customer' },
      () => {
        const c = customersTable.get(ctx.db, params.id);
        if (!c) throw new ApiFailure('not_found', `customer ${params.id} does not exist`);
        const { record, masked } = contactView(c, true, actor, masking);
        return { ...record, masked };
      },
      (c) => [c.id],
    );
  },

  'customers.create': ({ ctx, session, params }) =>
    runSyncMutation(ctx, 'customer.create', { ...params, id: uuidv7(), at: ctx.now().toISOString() }, actorOf(session)),

  'customers.update': ({ ctx, session, params }) => {
    const prev = customersTable.get(ctx.db, params.id);
    let fields = params.fields;
    if (prev) {
      // Masked numbers and address sent back as they were shown are not edits: keep what is stored.
      fields = withoutEchoedMasks(prev as unknown as Record<string, unknown>, fields);
      if (fields.phones) fields = { ...fields, phones: fields.phones.map((p) => prev.phones.find((q) => maskPhone(q.raw) === p && q.raw !== p)?.raw ?? p) };
    }
    return runSyncMutation(ctx, 'customer.update', { ...params, fields, at: ctx.now().toISOString() }, actorOf(session));
  },
};
