import type { Complaint, DirectoryUser } from '../../../../../shared/api/types';
import { type CallbackResult, ComplaintAction, type ComplaintActionName, type Severity, type SignoffKind } from '../../../../../shared/domain/complaint';
import { isPhone, phoneIssue } from '../../../../../shared/domain/fieldRules';
import { isSupervisor, type Role } from '../../../../../shared/domain/roles';
import { checkAll } from '../../../api/validate';
import { i18n } from '../../../i18n';
import { complaintFieldErrors } from '../errors';

export type SignKind = Exclude<SignoffKind, 'approval'>;

/** Every box any step dialog has; each step reads the ones it needs. */
export interface StepDraft {
  departments: string[];
  handlerId: string | null;
  to: string;
  note: string;
  severity: Severity;
  soothed: boolean;
  headNotifiedTo: string;
  headNotifiedAt: string | null;
  investigation: string;
  result: string;
  replyToCustomer: string;
  solutions: [string, string, string];
  chosenSolution: number | null;
  callbackResult: CallbackResult | null;
  kind: SignKind | null;
  opinion: string;
  reason: string;
  /** 录入处理结果 only: the callback after it dials this number; shown when the stored one cannot be dialled. */
  phone: string;
}

/** The stored phone cannot be dialled (saved before the phone rule): 录入处理结果 shows it in red to correct. */
/** A masked number (138****8000, shown to a role that sees numbers masked) is not a bad one. */
export const phoneNeedsCorrection = (c: Pick<Complaint, 'phone'>) => !!c.phone.trim() && !c.phone.includes('*') && !isPhone(c.phone);

/** Who may sign which line of the sheet now: the handler for himself, a lead for the department and the head; once per round. */
export function signKinds(c: Complaint, me: { id: string; role: Role }): SignKind[] {
  const kinds: SignKind[] = [];
  if (c.handlerId === me.id) kinds.push('handler');
  if (isSupervisor(me.role)) kinds.push('department', 'cs_head');
  return kinds.filter((k) => !c.signoffs.some((s) => s.kind === k && s.round === c.round));
}

export function initialDraft(c: Complaint, kinds: SignKind[]): StepDraft {
  return {
    departments: [...c.departments],
    handlerId: c.handlerId,
    to: c.escalatedTo,
    note: '',
    severity: c.severity,
    soothed: c.soothed,
    headNotifiedTo: c.headNotifiedTo,
    headNotifiedAt: c.headNotifiedAt,
    investigation: c.investigation,
    result: c.result,
    replyToCustomer: c.replyToCustomer,
    solutions: [c.solutions[0] ?? '', c.solutions[1] ?? '', c.solutions[2] ?? ''],
    chosenSolution: c.chosenSolution,
    callbackResult: null,
    kind: kinds[0] ?? null,
    opinion: '',
    reason: '',
    phone: c.phone,
  };
}

type Built = { ok: true; step: ComplaintAction } | { ok: false; errors: Record<string, string> };

const required = () => i18n.t('errors.fields.required');

/**
 * The step as the core expects it, with every problem at once: the choices the core cannot name in a
 * useful way (no handler, no signing capacity, no callback result) and the step's own schema (the
 * one the dispatcher and the hub check), so nothing comes back one field at a time.
 */
export function buildStep(action: ComplaintActionName, d: StepDraft, directory: DirectoryUser[], c?: Pick<Complaint, 'phone'>): Built {
  const built = candidate(action, d, directory, c);
  const local: Record<string, string> = built.ok ? {} : built.errors;
  const step = built.ok ? built.step : built.partial;
  const schema = step ? checkAll(ComplaintAction, step) : null;
  // The handler's name comes from the directory with the handler: its box is the handler's.
  const fromSchema = schema ? dialogErrors(action, complaintFieldErrors(schema)) : {};
  delete fromSchema.handlerName;
  // The step sends the number only when it was corrected; a stored bad one left as it is is the core's refusal too.
  const phone = action === 'recordResult' && c && phoneNeedsCorrection(c) ? d.phone.trim() : '';
  const badPhone = phone && !isPhone(phone) ? complaintFieldErrors({ code: 'invalid_params', message: '', fields: phoneIssue('phone', phone) }) : {};
  const errors = { ...badPhone, ...fromSchema, ...local };
  if (Object.keys(errors).length) return { ok: false, errors };
  return built.ok ? built : { ok: false, errors: local };
}

type Candidate = { ok: true; step: ComplaintAction } | { ok: false; errors: Record<string, string>; partial: unknown };

function candidate(action: ComplaintActionName, d: StepDraft, directory: DirectoryUser[], c?: Pick<Complaint, 'phone'>): Candidate {
  const tr = (s: string) => s.trim();
  switch (action) {
    case 'assign': {
      const handler = directory.find((u) => u.id === d.handlerId);
      if (!handler)
        return {
          ok: false,
          errors: { handlerId: i18n.t('complaint.errors.handlerId.required') },
          partial: { action, departments: d.departments, handlerId: '00000000-0000-4000-8000-000000000000', handlerName: '-' },
        };
      return { ok: true, step: { action, departments: d.departments, handlerId: handler.id, handlerName: handler.displayName } };
    }
    case 'escalate':
      return { ok: true, step: { action, to: tr(d.to), note: tr(d.note) } };
    case 'report':
      return { ok: true, step: { action, note: tr(d.note) } };
    case 'changeSeverity':
      return d.severity === 'general'
        ? { ok: true, step: { action, severity: d.severity } }
        : {
            ok: true,
            step: { action, severity: d.severity, soothed: d.soothed, headNotifiedTo: tr(d.headNotifiedTo), headNotifiedAt: d.headNotifiedAt },
          };
    case 'recordResult': {
      const solutions = d.solutions.map(tr);
      while (solutions.length && !solutions[solutions.length - 1]) solutions.pop();
      return {
        ok: true,
        step: {
          action,
          investigation: tr(d.investigation),
          result: tr(d.result),
          replyToCustomer: tr(d.replyToCustomer),
          solutions,
          chosenSolution: d.chosenSolution,
          ...(c && tr(d.phone) !== c.phone ? { phone: tr(d.phone) } : {}),
        },
      };
    }
    case 'callbackNotReached':
      return { ok: true, step: { action, note: tr(d.note) } };
    case 'recordCallback':
      if (!d.callbackResult) return { ok: false, errors: { callbackResult: required() }, partial: { action, result: 'satisfied', note: tr(d.note) } };
      return { ok: true, step: { action, result: d.callbackResult, note: tr(d.note) } };
    case 'signoff':
      if (!d.kind) return { ok: false, errors: { kind: required() }, partial: { action, kind: 'handler', opinion: tr(d.opinion) } };
      return { ok: true, step: { action, kind: d.kind, opinion: tr(d.opinion) } };
    case 'approveClose':
      return { ok: true, step: { action, opinion: tr(d.opinion) } };
    case 'void':
      return { ok: true, step: { action, reason: tr(d.reason) } };
  }
}

/** The recordCallback step calls its choice `result`; the dialog's box is `callbackResult`. */
export function dialogErrors(action: ComplaintActionName, errors: Record<string, string>): Record<string, string> {
  if (action !== 'recordCallback' || !errors.result) return errors;
  const { result, ...rest } = errors;
  return { ...rest, callbackResult: result };
}
