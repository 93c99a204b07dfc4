import { v7 as uuidv7 } from 'uuid';
import type { CustomerMatch } from '../../../shared/api/types';
import { normalizePhone } from '../../../shared/domain/phone';
import { ApiFailure } from '../errors';
import { actorOf, type HandlerMap } from '../handler';
import { recentCallsByCustomer, recentCallsByPhone, repeatCaller } from '../store/calls';
import { customersByPhone, searchCustomers } from '../store/customers';
import { requireSettings } from '../store/settings';
import { customersTable } from '../store/tables';
import { auditedRead } from '../write/audit';
import { runSyncMutation } from '../write/mutation';

export const customerHandlers: HandlerMap<'customers.lookup' | 'customers.search' | 'customers.get' | 'customers.create' | 'customers.update'> = {
  'customers.lookup': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const areaCode = requireSettings(ctx.db).areaCode;
    const n = normalizePhone(params.phone, areaCode);
    const matches = auditedRead(
      ctx,
      actor,
      { action: 'view', entity: 'customer', detail: 'screen pop', durable: false },
      (): CustomerMatch[] =>
        customersByPhone(ctx.db, params.phone, areaCode).map((customer) => ({ customer, recentCalls: recentCallsByCustomer(ctx.db, customer.id, 5) })),
      (found) => found.map((m) => m.customer.id),
    );
    return {
      phone: params.phone,
      normalized: n.normalized,
      valid: n.valid,
      matches,
      repeat: repeatCaller(ctx.db, n.normalized, ctx.now()),
      recentCalls: recentCallsByPhone(ctx.db, n.normalized, 10),
    };
  },

  'customers.search': ({ ctx, params }) => searchCustomers(ctx.db, params.q, params.limit ?? 30),

  'customers.get': ({ ctx, session, params }) =>
    auditedRead(
      ctx,
      actorOf(session),
      { action: 'view', entity: 'customer' },
      () => {
        const c = customersTable.get(ctx.db, params.id);
        if (!c) throw new ApiFailure('not_found', `customer ${params.id} does not exist`);
        return c;
      },
      (c) => [c.id],
    ),

  'customers.create': ({ ctx, session, params }) =>
    runSyncMutation(ctx, 'customer.create', { ...params, id: uuidv7(), at: ctx.now().toISOString() }, actorOf(session)),

  'customers.update': ({ ctx, session, params }) =>
    runSyncMutation(ctx, 'customer.update', { ...params, at: ctx.now().toISOString() }, actorOf(session)),
};
