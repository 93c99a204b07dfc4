import type { SyncConflict } from '../../../../shared/api/types';
import { HUB_CHECK_CODES } from '../../../../shared/sync/protocol';
import { fmtShort } from '../../components/format';
import { i18n } from '../../i18n';
import { fieldLabel, formatValue } from '../calls/historyFormat';

/** Longest value quoted in a summary; the full text is on the sheet anyway. */
const MAX_VALUE = 40;
/** Typed text is quoted; chosen values (category, dates, yes/no) are not. */
const FREE_TEXT = new Set(['callerName', 'organisation', 'phone', 'address', 'reportNo', 'content', 'replyContent', 'repliedBy', 'suggestions']);

/**
 * The hub's reasons are English sentences for the log (docs/sync.md). The common ones have a
 * Chinese wording; anything else is shown as the hub wrote it rather than hidden.
 */
const REASONS: [RegExp, string][] = [
  [/is voided and cannot be edited/i, 'voidedEdit'],
  [/is already voided/i, 'alreadyVoided'],
  [/only the receiving agent or a team lead/i, 'notOwner'],
  [/^role \S+ may not run/i, 'role'],
  [/changed on the hub since/i, 'changed'],
  [/^invalid args for/i, 'invalid'],
  [/internal error/i, 'internal'],
];

/** A refusal by one of the hub's checks starts with its code ("unknown_user: …", see sync/apply.ts). */
const HUB_CHECK = new RegExp(`^(${HUB_CHECK_CODES.join('|')}):`);

export function reasonText(reason: string): string {
  const check = HUB_CHECK.exec(reason);
  if (check) return i18n.t(`conflict.reasons.${check[1]}`);
  for (const [re, key] of REASONS) if (re.test(reason)) return i18n.t(`conflict.reasons.${key}`);
  return reason;
}

/** The first line of the banner: who overrode the change, or why the hub refused it. */
export function conflictTitle(c: SyncConflict): string {
  if (c.status === 'conflict') {
    const who = c.byName || i18n.t('conflict.someone');
    const when = c.byAt ? i18n.t('conflict.conflictWhen', { at: fmtShort(c.byAt) }) : ' ';
    // `voided` is the call's only workflow field today: say what the lead did, not just "changed".
    return i18n.t(/^voided\b/.test(c.reason) ? 'conflict.voidedBy' : 'conflict.conflict', { who, when });
  }
  return i18n.t('conflict.rejected', { reason: reasonText(c.reason) });
}

function clip(s: string): string {
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE)}…` : s;
}

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** What the offline change was, in words: "来电内容:“…”;来电类别:投诉;结束通话". */
export function changeSummary(c: SyncConflict): string {
  const args = obj(c.args);
  const verb = c.mutationName.split('.').pop() ?? c.mutationName;
  if (verb === 'void') return i18n.t('conflict.change.void', { reason: String(args.reason ?? '') });
  if (verb === 'create') return i18n.t('conflict.change.create');
  if (verb !== 'update') return c.mutationName;
  const parts = Object.entries(obj(args.fields)).map(([field, value]) => {
    const v = clip(formatValue(field, value));
    return `${fieldLabel(field)}:${FREE_TEXT.has(field) && value ? `“${v}”` : v}`;
  });
  if (args.end === true) parts.push(i18n.t('conflict.change.end'));
  if (args.close === true) parts.push(i18n.t('conflict.change.close'));
  return parts.join(';');
}

/** When the agent made the change (its `at`, client time), else when the hub's answer came. */
export function changeTime(c: SyncConflict): string {
  const at = obj(c.args).at;
  return typeof at === 'string' && Number.isFinite(Date.parse(at)) ? at : c.createdAt;
}
