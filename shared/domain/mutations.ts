import type { z } from 'zod';
import {
  CallCreateArgs,
  type CallRecord,
  type CallRules,
  CallUpdateArgs,
  CallVoidArgs,
  createCallRecord,
  updateCallRecord,
  voidCallRecord,
} from './callRecord';
import {
  assignCallback,
  type Callback,
  CallbackAssignArgs,
  CallbackCancelArgs,
  CallbackCompleteArgs,
  CallbackCreateArgs,
  CallbackNotReachedArgs,
  type CallbackRules,
  DEFAULT_CALLBACK_RULES,
  callbackNotReached,
  cancelCallback,
  completeCallback,
  createCallback,
} from './callback';
import { publishScript, ScriptPublishArgs, type ScriptVersion } from './script';
import { type Customer, CustomerCreateArgs, CustomerUpdateArgs, createCustomer, updateCustomer } from './customer';
import { type Complaint, type ComplaintActionName, ComplaintEditArgs, ComplaintRegisterArgs, ComplaintTransitionArgs } from './complaint';
import { type ComplaintEnv, editComplaint, registerComplaint, transitionComplaint } from './complaintWorkflow';
import { type Actor, type MutationResult, refuse } from './mutation';
import { ADMIN_ROLES, ALL_ROLES, CALL_TAKERS, type Role, SUPERVISOR_ROLES } from './roles';
import { NO_OVERRIDES } from './calendar';
import { DEFAULT_DEADLINE_RULES } from './deadlines';
import type { OrganisationSettings } from './settings';
import { DEFAULT_QUALITY_RULES } from './appraisal';
import { type ClockEnv, DEFAULT_ATTENDANCE_RULES } from './attendance';
import type { FindingEnv } from './qaReview';
import { QUALITY_MUTATIONS, type QualityEntity } from './qualityMutations';
import { REPORTS_MUTATIONS, type ReportsEntity } from './reportsMutations';

/** What a mutation may read besides its record: the organisation's rules. */
export interface MutationEnv {
  rules: CallRules;
  complaints: ComplaintEnv;
  callbacks: CallbackRules;
  /** Findings' rectification deadline. */
  quality: FindingEnv;
  /** Attendance: the hub's clock when the hub applies a sign-in (none on the console). */
  clock: ClockEnv;
}

export type SyncEntity = 'call' | 'customer' | 'complaint' | 'callback' | 'script' | QualityEntity | ReportsEntity;

/** The console and the hub build the env from the same settings the same way, so they agree on deadlines. */
export function mutationEnvFrom(s: OrganisationSettings, clock: { receivedAt: string; offsetMs: number } | null = null): MutationEnv {
  // Settings written before a field existed fall back to the defaults.
  const calendar = { rules: { ...DEFAULT_DEADLINE_RULES, ...s.deadlineRules }, overrides: s.calendar ?? NO_OVERRIDES };
  return {
    rules: { answerWithinSeconds: s.answerWithinSeconds, areaCode: s.areaCode },
    complaints: { calendar, areaCode: s.areaCode },
    callbacks: { ...DEFAULT_CALLBACK_RULES, ...s.callbackRules },
    quality: { rectifyWorkingDays: (s.quality ?? DEFAULT_QUALITY_RULES).rectifyWorkingDays, calendar: calendar.overrides },
    clock: {
      receivedAt: clock?.receivedAt ?? null,
      offsetMs: clock?.offsetMs ?? null,
      skewMinutes: (s.attendance ?? DEFAULT_ATTENDANCE_RULES).clockSkewMinutes,
    },
  };
}

export interface MutationDef<A = never, T = never> {
  entity: SyncEntity;
  args: z.ZodType<A>;
  roles: readonly Role[];
  idOf(args: A): string;
  /**
   * Workflow fields this mutation touches, compared against `base` (compare-and-set); every other
   * field is last-writer-wins. A function when it depends on the step (docs/sync.md).
   */
  workflowFields: readonly string[] | ((args: A) => readonly string[]);
  baseOf(prev: T | null): Record<string, unknown> | null;
  apply(prev: T | null, args: A, actor: Actor, env: MutationEnv): MutationResult<T>;
}

const complaintBase = (prev: Complaint | null) =>
  prev ? { version: prev.version, status: prev.status, round: prev.round, handlerId: prev.handlerId, severity: prev.severity, approvedAt: prev.approvedAt } : null;
const COMPLAINT_STEP_FIELDS: Record<ComplaintActionName, readonly string[]> = {
  assign: ['status', 'handlerId', 'severity'],
  escalate: [],
  report: [],
  changeSeverity: ['severity'],
  recordResult: ['status', 'round', 'handlerId'],
  callbackNotReached: ['status', 'round'],
  recordCallback: ['status', 'round'],
  signoff: ['round', 'status'],
  approveClose: ['status', 'round', 'approvedAt'],
  void: ['status'],
};
const callbackBase = (prev: Callback | null) => (prev ? { version: prev.version, status: prev.status, attempts: prev.attempts } : null);
const callBase = (prev: CallRecord | null) => (prev ? { version: prev.version, status: prev.status, voided: prev.voided } : null);

const define = <A, T>(d: MutationDef<A, T>) => d;

/**
 * Every mutation that syncs. The console runs `apply` optimistically; the hub runs the same
 * function authoritatively, so both agree on what is allowed (docs/sync.md).
 */
export const MUTATIONS = {
  'call.create': define<z.output<typeof CallCreateArgs>, CallRecord>({
    entity: 'call',
    args: CallCreateArgs,
    roles: CALL_TAKERS,
    idOf: (a) => a.id,
    workflowFields: [],
    baseOf: () => null,
    apply: (prev, a, actor, env) => (prev ? refuse('refused', `call record ${a.id} already exists`) : createCallRecord(a, actor, env.rules)),
  }),
  'call.update': define<z.output<typeof CallUpdateArgs>, CallRecord>({
    entity: 'call',
    args: CallUpdateArgs,
    roles: CALL_TAKERS,
    idOf: (a) => a.id,
    workflowFields: ['voided'],
    baseOf: callBase,
    apply: (prev, a, actor, env) => updateCallRecord(prev, a, actor, env.rules),
  }),
  'call.void': define<z.output<typeof CallVoidArgs>, CallRecord>({
    entity: 'call',
    args: CallVoidArgs,
    roles: CALL_TAKERS,
    idOf: (a) => a.id,
    workflowFields: ['voided'],
    baseOf: callBase,
    apply: (prev, a, actor) => voidCallRecord(prev, a, actor),
  }),
  'customer.create': define<z.output<typeof CustomerCreateArgs>, Customer>({
    entity: 'customer',
    args: CustomerCreateArgs,
    roles: CALL_TAKERS,
    idOf: (a) => a.id,
    workflowFields: [],
    baseOf: () => null,
    apply: (prev, a, actor, env) => (prev ? refuse('refused', `customer ${a.id} already exists`) : createCustomer(a, actor, env.rules.areaCode)),
  }),
  'customer.update': define<z.output<typeof CustomerUpdateArgs>, Customer>({
    entity: 'customer',
    args: CustomerUpdateArgs,
    roles: CALL_TAKERS,
    idOf: (a) => a.id,
    workflowFields: [],
    baseOf: (prev) => (prev ? { version: prev.version } : null),
    apply: (prev, a, actor, env) => updateCustomer(prev, a, actor, env.rules.areaCode),
  }),
  'complaint.register': define<z.output<typeof ComplaintRegisterArgs>, Complaint>({
    entity: 'complaint',
    args: ComplaintRegisterArgs,
    roles: CALL_TAKERS,
    idOf: (a) => a.id,
    workflowFields: [],
    baseOf: () => null,
    apply: (prev, a, actor, env) => (prev ? refuse('refused', `complaint ${a.id} already exists`) : registerComplaint(a, actor, env.complaints)),
  }),
  'complaint.edit': define<z.output<typeof ComplaintEditArgs>, Complaint>({
    entity: 'complaint',
    args: ComplaintEditArgs,
    roles: CALL_TAKERS,
    idOf: (a) => a.id,
    // Descriptive edits still may not land on a complaint that was closed or voided meanwhile.
    workflowFields: ['status'],
    baseOf: complaintBase,
    apply: (prev, a, actor, env) => editComplaint(prev, a, actor, env.complaints),
  }),
  'complaint.transition': define<z.output<typeof ComplaintTransitionArgs>, Complaint>({
    entity: 'complaint',
    args: ComplaintTransitionArgs,
    roles: ALL_ROLES,
    idOf: (a) => a.id,
    // A step taken on a stale view of what it depends on is a visible conflict; steps that touch no
    // workflow field (escalate, report) apply on top of whatever happened meanwhile.
    workflowFields: (a) => COMPLAINT_STEP_FIELDS[a.step.action],
    baseOf: complaintBase,
    apply: (prev, a, actor, env) => transitionComplaint(prev, a, actor, env.complaints),
  }),
  'callback.create': define<z.output<typeof CallbackCreateArgs>, Callback>({
    entity: 'callback',
    args: CallbackCreateArgs,
    roles: ALL_ROLES,
    idOf: (a) => a.id,
    workflowFields: [],
    baseOf: () => null,
    apply: (prev, a, actor, env) => createCallback(prev, a, actor, env.rules.areaCode),
  }),
  'callback.assign': define<z.output<typeof CallbackAssignArgs>, Callback>({
    entity: 'callback',
    args: CallbackAssignArgs,
    roles: SUPERVISOR_ROLES,
    idOf: (a) => a.id,
    workflowFields: ['status'],
    baseOf: callbackBase,
    apply: (prev, a, actor) => assignCallback(prev, a, actor),
  }),
  'callback.notReached': define<z.output<typeof CallbackNotReachedArgs>, Callback>({
    entity: 'callback',
    args: CallbackNotReachedArgs,
    roles: ALL_ROLES,
    idOf: (a) => a.id,
    // Two officers logging the same attempt offline both count: attempts are compared, not merged.
    workflowFields: ['status', 'attempts'],
    baseOf: callbackBase,
    apply: (prev, a, actor, env) => callbackNotReached(prev, a, actor, env.callbacks),
  }),
  'callback.complete': define<z.output<typeof CallbackCompleteArgs>, Callback>({
    entity: 'callback',
    args: CallbackCompleteArgs,
    roles: ALL_ROLES,
    idOf: (a) => a.id,
    workflowFields: ['status'],
    baseOf: callbackBase,
    apply: (prev, a, actor) => completeCallback(prev, a, actor),
  }),
  'callback.cancel': define<z.output<typeof CallbackCancelArgs>, Callback>({
    entity: 'callback',
    args: CallbackCancelArgs,
    roles: SUPERVISOR_ROLES,
    idOf: (a) => a.id,
    workflowFields: ['status'],
    baseOf: callbackBase,
    apply: (prev, a, actor) => cancelCallback(prev, a, actor),
  }),
  'script.publish': define<z.output<typeof ScriptPublishArgs>, ScriptVersion>({
    entity: 'script',
    args: ScriptPublishArgs,
    roles: ADMIN_ROLES,
    idOf: (a) => a.id,
    workflowFields: [],
    baseOf: () => null,
    apply: (prev, a, actor) => publishScript(prev, a, actor),
  }),
  ...QUALITY_MUTATIONS,
  ...REPORTS_MUTATIONS,
};

export type SyncMutationName = keyof typeof MUTATIONS;
export const SYNC_MUTATION_NAMES = Object.keys(MUTATIONS) as SyncMutationName[];

export function isSyncMutation(name: string): name is SyncMutationName {
  return Object.hasOwn(MUTATIONS, name);
}

/** Generic view used by code that handles any mutation (hub push, console rebase). */
export function mutationDef(name: SyncMutationName): MutationDef<unknown, unknown> {
  return MUTATIONS[name] as unknown as MutationDef<unknown, unknown>;
}

/** The workflow fields whose value the user saw (`base`) differs from the current state. */
export function staleWorkflowFields(def: MutationDef<unknown, unknown>, base: unknown, current: unknown, args: unknown): string[] {
  if (!base || !current || typeof base !== 'object') return [];
  const b = base as Record<string, unknown>;
  const c = current as Record<string, unknown>;
  const fields = typeof def.workflowFields === 'function' ? def.workflowFields(args) : def.workflowFields;
  return fields.filter((f) => f in b && JSON.stringify(b[f]) !== JSON.stringify(c[f]));
}
