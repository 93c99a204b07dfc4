import { z } from 'zod';
import { isoTime, LIMITS, requiredText, text, uuid } from './fields';
import { type Actor, diff, type FieldIssue, type MutationResult, refuse } from './mutation';
import { requiredPhone } from './fieldRules';
import { normalizePhone } from './phone';

export interface CustomerPhone {
  raw: string;
  normalized: string;
  local: string;
}

/** 客户档案. Confidential: reads of it are audited by the core. */
export interface Customer {
  id: string;
  name: string;
  organisation: string;
  address: string;
  phones: CustomerPhone[];
  serviceRequirements: string;
  notes: string;
  /** 重要协议客户 (002 ch.5): gets a periodic key-account callback. */
  keyAccount: boolean;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  version: number;
}

export const CustomerFields = z.strictObject({
  name: requiredText(LIMITS.name),
  organisation: text(LIMITS.short),
  address: text(LIMITS.short),
  phones: z.array(requiredPhone()).min(1).max(10),
  serviceRequirements: text(2000),
  notes: text(2000),
  keyAccount: z.boolean().optional(),
});
export type CustomerFields = z.output<typeof CustomerFields>;

export const CustomerCreateArgs = CustomerFields.extend({ id: uuid, at: isoTime });
export type CustomerCreateArgs = z.output<typeof CustomerCreateArgs>;
export const CustomerUpdateArgs = z.strictObject({ id: uuid, fields: CustomerFields.partial(), at: isoTime });
export type CustomerUpdateArgs = z.output<typeof CustomerUpdateArgs>;

const TRACKED = ['name', 'organisation', 'address', 'phones', 'serviceRequirements', 'notes', 'keyAccount'] as const;

function phonesOf(raw: string[], areaCode: string): { phones: CustomerPhone[]; issues: FieldIssue[] } {
  const phones: CustomerPhone[] = [];
  const issues: FieldIssue[] = [];
  raw.forEach((r, i) => {
    const n = normalizePhone(r, areaCode);
    if (!n.valid) issues.push({ field: `phones.${i}`, code: 'invalid_format', message: `"${r}" is not a phone number` });
    else if (!phones.some((p) => p.normalized === n.normalized)) phones.push({ raw: r, normalized: n.normalized, local: n.local });
  });
  return { phones, issues };
}

export function createCustomer(args: CustomerCreateArgs, actor: Actor, areaCode: string): MutationResult<Customer> {
  const { phones, issues } = phonesOf(args.phones, areaCode);
  if (issues.length) return refuse('invalid_params', 'invalid phone number', issues);
  const next: Customer = {
    id: args.id,
    name: args.name,
    organisation: args.organisation,
    address: args.address,
    phones,
    serviceRequirements: args.serviceRequirements,
    notes: args.notes,
    keyAccount: args.keyAccount ?? false,
    createdAt: args.at,
    updatedAt: args.at,
    createdBy: actor.userId,
    version: 1,
  };
  return { ok: true, next, changes: diff(null, next, TRACKED) };
}

export function updateCustomer(prev: Customer | null, args: CustomerUpdateArgs, _actor: Actor, areaCode: string): MutationResult<Customer> {
  if (!prev) return refuse('not_found', `customer ${args.id} does not exist`);
  const { phones: rawPhones, ...rest } = args.fields;
  const next: Customer = { ...prev, ...rest };
  if (rawPhones) {
    const { phones, issues } = phonesOf(rawPhones, areaCode);
    if (issues.length) return refuse('invalid_params', 'invalid phone number', issues);
    next.phones = phones;
  }
  const changes = diff(prev, next, TRACKED);
  if (!changes.length) return { ok: true, next: prev, changes };
  next.updatedAt = args.at;
  next.version = prev.version + 1;
  return { ok: true, next, changes };
}
