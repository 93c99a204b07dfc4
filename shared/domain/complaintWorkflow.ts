import type { ComplaintRegisterArgs, ComplaintEditArgs, ComplaintTransitionArgs, Complaint, ComplaintActionName, ComplaintStatus, HandlingRound } from './complaint';
import { type Calendar, callbackDueAt } from './deadlines';
import { type Actor, diff, type FieldIssue, type MutationResult, refuse } from './mutation';
import { notInFuture, notInPast, phoneIssue } from './fieldRules';
import { normalizePhone } from './phone';
import { CALLBACK_ROLES, CALL_TAKERS, isSupervisor, type Role, SUPERVISOR_ROLES } from './roles';

export interface ComplaintEnv {
  calendar: Calendar;
  areaCode: string;
}

const TRACKED: (keyof Complaint & string)[] = [
  'channel', 'complainant', 'organisation', 'address', 'phone', 'customerId', 'reportNo', 'problem', 'occurredAt', 'severity', 'type',
  'soothed', 'headNotifiedTo', 'headNotifiedAt', 'involveQualityDept', 'involveChiefEngineer', 'agreedReplyBy', 'escalatedAt', 'escalatedTo',
  'reportedAt', 'reportNote', 'round', 'departments', 'handlerName', 'investigation', 'solutions', 'chosenSolution', 'result',
  'replyToCustomer', 'completedAt', 'callbackDueAt', 'callbackAttempts', 'callbackAt', 'callbackBy', 'callbackResult', 'callbackNote',
  'rectificationDept', 'rectificationNote', 'confidential', 'approvedBy', 'approvedAt', 'closedAt', 'status', 'voidReason',
];

const OPEN: ComplaintStatus[] = ['registered', 'in_handling', 'handled', 'awaiting_approval'];

/** Who may take each action, and from which states. The dispatcher and the hub both ask this table. */
export const ACTION_RULES: Record<ComplaintActionName, { roles: readonly Role[]; from: readonly ComplaintStatus[] }> = {
  assign: { roles: SUPERVISOR_ROLES, from: ['registered', 'in_handling'] },
  escalate: { roles: CALL_TAKERS, from: ['registered', 'in_handling'] },
  report: { roles: SUPERVISOR_ROLES, from: OPEN },
  changeSeverity: { roles: CALL_TAKERS, from: OPEN },
  recordResult: { roles: CALL_TAKERS, from: ['in_handling'] },
  callbackNotReached: { roles: CALLBACK_ROLES, from: ['handled'] },
  recordCallback: { roles: CALLBACK_ROLES, from: ['handled'] },
  signoff: { roles: CALL_TAKERS, from: ['handled', 'awaiting_approval'] },
  approveClose: { roles: SUPERVISOR_ROLES, from: ['awaiting_approval'] },
  void: { roles: SUPERVISOR_ROLES, from: OPEN },
};

/** The per-round fields as a round starts: at registration, and again after an unsatisfied callback. */
const FRESH_ROUND = {
  investigation: '',
  result: '',
  replyToCustomer: '',
  completedAt: null,
  callbackDueAt: null,
  callbackAttempts: 0,
  callbackAt: null,
  callbackBy: '',
  callbackResult: null,
  callbackNote: '',
} as const satisfies Partial<Complaint>;

const isGrave = (c: Pick<Complaint, 'severity'>) => c.severity !== 'general';

/** Major and crisis complaints: the customer was soothed and the department head told, whom and when (002 §4.2(4)). */
export function graveIssues(c: Pick<Complaint, 'severity' | 'soothed' | 'headNotifiedTo' | 'headNotifiedAt'>): FieldIssue[] {
  if (!isGrave(c)) return [];
  const out: FieldIssue[] = [];
  if (!c.soothed) out.push({ field: 'soothed', code: 'required', message: 'a major complaint requires soothing the customer first' });
  if (!c.headNotifiedTo) out.push({ field: 'headNotifiedTo', code: 'required', message: 'record which department head was notified' });
  if (!c.headNotifiedAt) out.push({ field: 'headNotifiedAt', code: 'required', message: 'record when the department head was notified' });
  return out;
}

function contactIssues(c: Pick<Complaint, 'address' | 'phone'>): FieldIssue[] {
  if (c.address || c.phone) return [];
  return [
    { field: 'phone', code: 'required', message: 'the complainant’s address or phone is required' },
    { field: 'address', code: 'required', message: 'the complainant’s address or phone is required' },
  ];
}

function solutionIssues(c: Pick<Complaint, 'solutions' | 'chosenSolution'>): FieldIssue[] {
  return c.chosenSolution !== null && c.chosenSolution >= c.solutions.length
    ? [{ field: 'chosenSolution', code: 'out_of_range', message: 'the chosen solution must be one of those offered' }]
    : [];
}

type SheetDates = Pick<Complaint, 'occurredAt' | 'headNotifiedAt' | 'agreedReplyBy'>;

/**
 * Every rule of the complaint sheet at once (the form runs it before sending, registration and edits
 * run it in the core and on the hub): contact, grave, solution, phone, and the dates against `at`.
 * On an edit (`prev` given) a field is checked only when it changed, so what registration accepted
 * is never refused later for the same field.
 */
export function sheetIssues(
  c: Pick<Complaint, 'address' | 'phone' | 'severity' | 'soothed' | 'headNotifiedTo' | 'headNotifiedAt' | 'solutions' | 'chosenSolution'> & SheetDates,
  at: string,
  prev?: (Pick<Complaint, 'phone'> & SheetDates) | null,
  /** A form's own check: a masked number sent back as shown is the core's to swap (see isMaskedPhone). */
  echoedMask = false,
): FieldIssue[] {
  const changed = <K extends keyof SheetDates | 'phone'>(k: K) => !prev || prev[k] !== c[k];
  return [
    ...contactIssues(c),
    ...(changed('phone') ? phoneIssue('phone', c.phone, echoedMask) : []),
    ...(changed('occurredAt') ? notInFuture('occurredAt', c.occurredAt, at) : []),
    ...graveIssues(c),
    ...(changed('headNotifiedAt') ? notInFuture('headNotifiedAt', c.headNotifiedAt, at) : []),
    ...(changed('agreedReplyBy') ? notInPast('agreedReplyBy', c.agreedReplyBy, at) : []),
    ...solutionIssues(c),
  ];
}

function finish(prev: Complaint | null, next: Complaint, at: string): MutationResult<Complaint> {
  const changes = diff(prev, next, TRACKED);
  const newSignoffs = next.signoffs.slice(prev?.signoffs.length ?? 0);
  for (const s of newSignoffs) changes.push({ field: `signoff.${s.kind}`, before: null, after: `${s.name}: ${s.opinion}` });
  if (prev && changes.length === 0) return { ok: true, next: prev, changes };
  return { ok: true, next: prev ? { ...next, updatedAt: at, version: prev.version + 1 } : next, changes };
}

export function registerComplaint(a: ComplaintRegisterArgs, actor: Actor, env: ComplaintEnv): MutationResult<Complaint> {
  if (!CALL_TAKERS.includes(actor.role)) return refuse('forbidden', `role ${actor.role} may not register complaints`);
  const next: Complaint = {
    id: a.id,
    complaintNo: a.complaintNo,
    workstation: a.workstation,
    receivedAt: a.receivedAt,
    channel: a.channel,
    complainant: a.complainant,
    organisation: a.organisation ?? '',
    address: a.address ?? '',
    phone: a.phone ?? '',
    phoneNormalized: a.phone ? normalizePhone(a.phone, env.areaCode).normalized : '',
    customerId: a.customerId ?? null,
    callId: a.callId,
    reportNo: a.reportNo ?? '',
    problem: a.problem,
    occurredAt: a.occurredAt ?? null,
    severity: a.severity,
    type: a.type,
    receivingAgentId: actor.userId,
    receivingAgentName: actor.displayName,
    confidential: a.confidential ?? false,
    repeatIndex: a.repeatIndex,
    soothed: a.soothed ?? false,
    headNotifiedTo: a.headNotifiedTo ?? '',
    headNotifiedAt: a.headNotifiedAt ?? null,
    involveQualityDept: a.involveQualityDept ?? false,
    involveChiefEngineer: a.involveChiefEngineer ?? false,
    agreedReplyBy: a.agreedReplyBy ?? null,
    escalatedAt: null,
    escalatedTo: '',
    reportedAt: null,
    reportNote: '',
    round: 1,
    departments: [],
    handlerId: null,
    handlerName: '',
    assignedAt: null,
    ...FRESH_ROUND,
    solutions: a.solutions ?? [],
    chosenSolution: a.chosenSolution ?? null,
    rectificationDept: a.rectificationDept ?? '',
    rectificationNote: a.rectificationNote ?? '',
    approvedBy: null,
    approvedAt: null,
    closedAt: null,
    status: 'registered',
    voidReason: '',
    rounds: [],
    signoffs: [],
    createdAt: a.at,
    updatedAt: a.at,
    version: 1,
  };
  const issues = sheetIssues(next, a.at);
  if (issues.length) return refuse('invalid_params', 'the complaint sheet is incomplete', issues);
  return finish(null, next, a.at);
}

function mayEdit(c: Complaint, actor: Actor): boolean {
  return isSupervisor(actor.role) || c.receivingAgentId === actor.userId || c.handlerId === actor.userId;
}

export function editComplaint(prev: Complaint | null, a: ComplaintEditArgs, actor: Actor, env: ComplaintEnv): MutationResult<Complaint> {
  if (!prev) return refuse('not_found', `complaint ${a.id} does not exist`);
  if (!OPEN.includes(prev.status)) return refuse('refused', `complaint ${prev.complaintNo} is ${prev.status} and can no longer be edited`);
  if (!CALL_TAKERS.includes(actor.role) || !mayEdit(prev, actor))
    return refuse('forbidden', 'only the receiving agent, the handler or a team lead may edit this complaint');
  const next: Complaint = { ...prev, ...a.fields };
  if (a.fields.phone !== undefined) next.phoneNormalized = next.phone ? normalizePhone(next.phone, env.areaCode).normalized : '';
  const issues = sheetIssues(next, a.at, prev);
  if (issues.length) return refuse('invalid_params', 'the complaint sheet is incomplete', issues);
  return finish(prev, next, a.at);
}

function closeRound(c: Complaint): HandlingRound {
  return {
    round: c.round,
    departments: c.departments,
    handlerId: c.handlerId,
    handlerName: c.handlerName,
    investigation: c.investigation,
    solutions: c.solutions,
    chosenSolution: c.chosenSolution,
    result: c.result,
    replyToCustomer: c.replyToCustomer,
    completedAt: c.completedAt,
    callbackAt: c.callbackAt,
    callbackBy: c.callbackBy,
    callbackResult: c.callbackResult,
    callbackNote: c.callbackNote,
  };
}

/** The complaint state machine: one pure function for every workflow action. */
export function transitionComplaint(prev: Complaint | null, a: ComplaintTransitionArgs, actor: Actor, env: ComplaintEnv): MutationResult<Complaint> {
  if (!prev) return refuse('not_found', `complaint ${a.id} does not exist`);
  const step = a.step;
  const rule = ACTION_RULES[step.action];
  if (!rule.roles.includes(actor.role)) return refuse('forbidden', `role ${actor.role} may not ${step.action} a complaint`);
  if (!rule.from.includes(prev.status)) return refuse('refused', `cannot ${step.action} complaint ${prev.complaintNo} while it is ${prev.status}`);
  const at = a.at;
  const c: Complaint = { ...prev, signoffs: [...prev.signoffs], rounds: [...prev.rounds] };
  const sign = (kind: Complaint['signoffs'][number]['kind'], opinion: string) =>
    c.signoffs.push({ kind, round: c.round, userId: actor.userId, name: actor.displayName, role: actor.role, opinion, at });

  switch (step.action) {
    case 'assign': {
      const grave = graveIssues(c);
      if (grave.length) return refuse('refused', 'a major or crisis complaint needs soothing and the department head notified before it is assigned', grave);
      Object.assign(c, { departments: step.departments, handlerId: step.handlerId, handlerName: step.handlerName, status: 'in_handling' });
      c.assignedAt ??= at;
      break;
    }
    case 'escalate':
      c.escalatedAt ??= at;
      c.escalatedTo = step.to;
      break;
    case 'report':
      if (!isGrave(c)) return refuse('refused', 'only major and crisis complaints are reported to management');
      if (c.reportedAt) return refuse('refused', `complaint ${c.complaintNo} was already reported to management`);
      Object.assign(c, { reportedAt: at, reportNote: step.note });
      break;
    case 'changeSeverity': {
      if (!isSupervisor(actor.role) && (c.status !== 'registered' || c.receivingAgentId !== actor.userId))
        return refuse('forbidden', 'after registration only a team lead may change the severity');
      c.severity = step.severity;
      if (step.soothed !== undefined) c.soothed = step.soothed;
      if (step.headNotifiedTo !== undefined) c.headNotifiedTo = step.headNotifiedTo;
      if (step.headNotifiedAt !== undefined) c.headNotifiedAt = step.headNotifiedAt;
      const grave = [...graveIssues(c), ...(step.headNotifiedAt !== undefined ? notInFuture('headNotifiedAt', c.headNotifiedAt, at) : [])];
      if (grave.length) return refuse('invalid_params', 'a major or crisis complaint needs soothing and the department head notified', grave);
      break;
    }
    case 'recordResult': {
      if (!isSupervisor(actor.role) && c.handlerId !== actor.userId) return refuse('forbidden', 'only the assigned handler or a team lead may record the result');
      Object.assign(c, { investigation: step.investigation, result: step.result, replyToCustomer: step.replyToCustomer, completedAt: at, status: 'handled' });
      if (step.solutions) c.solutions = step.solutions;
      if (step.chosenSolution !== undefined) c.chosenSolution = step.chosenSolution;
      if (step.phone !== undefined) {
        c.phone = step.phone;
        c.phoneNormalized = c.phone ? normalizePhone(c.phone, env.areaCode).normalized : '';
      }
      // The callback after the result dials the complaint's phone: a number stored before the phone rule
      // existed is refused here, beside a phone box this step shows, so it can be corrected on the spot.
      const issues = [...solutionIssues(c), ...phoneIssue('phone', c.phone)];
      if (issues.length) return refuse('invalid_params', 'the result cannot be recorded as the sheet stands', issues);
      c.callbackDueAt = callbackDueAt(at, env.calendar);
      break;
    }
    case 'callbackNotReached':
      c.callbackAttempts += 1;
      c.callbackNote = step.note;
      break;
    case 'recordCallback':
      Object.assign(c, { callbackAt: at, callbackBy: actor.displayName, callbackResult: step.result, callbackNote: step.note });
      c.callbackAttempts += 1;
      if (step.result === 'unsatisfied') {
        // Not satisfied → back to handling in a new round; the earlier round stays readable (003 §4.2).
        c.rounds.push(closeRound(c));
        Object.assign(c, { ...FRESH_ROUND, solutions: [], chosenSolution: null, round: c.round + 1, status: 'in_handling' });
      } else if (isGrave(c)) c.status = 'awaiting_approval';
      else Object.assign(c, { status: 'closed', closedAt: at });
      break;
    case 'signoff':
      if (step.kind === 'handler' && c.handlerId !== actor.userId) return refuse('forbidden', 'only the assigned handler signs as handler');
      if (step.kind !== 'handler' && !isSupervisor(actor.role)) return refuse('forbidden', `only a team lead signs for the ${step.kind === 'cs_head' ? 'customer-service head' : 'responsible department'}`);
      if (c.signoffs.some((s) => s.kind === step.kind && s.round === c.round)) return refuse('refused', `round ${c.round} already has a ${step.kind} signature`);
      sign(step.kind, step.opinion);
      break;
    case 'approveClose':
      sign('approval', step.opinion);
      Object.assign(c, { approvedBy: actor.userId, approvedAt: at, closedAt: at, status: 'closed' });
      break;
    case 'void':
      Object.assign(c, { status: 'voided', voidReason: step.reason });
      break;
  }
  return finish(prev, c, at);
}

/** What this user may do next with this complaint: drives the buttons and the "my complaints" list. */
export function availableActions(c: Complaint, actor: Actor): ComplaintActionName[] {
  return (Object.keys(ACTION_RULES) as ComplaintActionName[]).filter((name) => {
    const rule = ACTION_RULES[name];
    if (!rule.roles.includes(actor.role) || !rule.from.includes(c.status)) return false;
    if (name === 'recordResult' || name === 'signoff') return isSupervisor(actor.role) || c.handlerId === actor.userId;
    if (name === 'report') return isGrave(c) && !c.reportedAt;
    if (name === 'changeSeverity') return isSupervisor(actor.role) || (c.status === 'registered' && c.receivingAgentId === actor.userId);
    return true;
  });
}
