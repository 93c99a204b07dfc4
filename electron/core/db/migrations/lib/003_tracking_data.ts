import type Database from 'better-sqlite3-multiple-ciphers';
import { bigramTokens } from './bigramTokens';

/**
 * FROZEN: the data step of migration 003, as it ran when released (store/complaintIndex.ts
 * `reindexAllComplaints`, with the settings read, the deadline rule and the row mapping it called, from
 * store/settings.ts, store/tables.ts and shared/domain/deadlines.ts). Those live files may change; this
 * copy must not, so that an old store upgraded today gets exactly what it got then. Never edit it.
 */

/** The deadline rules' defaults at the time, used when the store has no organisation settings. */
const DEFAULT_DEADLINE_RULES = {
  escalateMinutes: 15,
  reportHours: 24,
  callbackDays: 7,
  callbackWorkingDays: false,
  suggestionDays: 7,
  suggestionWorkingDays: true,
  warnEscalateMinutes: 5,
  warnReportMinutes: 240,
  warnCompleteMinutes: 240,
  warnCallbackMinutes: 24 * 60,
};
type Rules = typeof DEFAULT_DEADLINE_RULES;

/** The meta key under which the rules the stored deadlines were computed with are remembered. */
const RULES_META = 'tracking.deadline_rules';
/** Only these two rules move a stored deadline. */
const rulesKey = (r: Rules) => JSON.stringify({ e: r.escalateMinutes, r: r.reportHours });

/** The organisation settings' deadline rules as stored (unvalidated, as then), else the defaults. */
function deadlineRulesOf(db: Database.Database): Rules {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'organisation'").get() as { value: string } | undefined;
  if (!row) return DEFAULT_DEADLINE_RULES;
  const parsed = JSON.parse(row.value) as { deadlineRules?: Rules | null } | null;
  return parsed?.deadlineRules ?? DEFAULT_DEADLINE_RULES;
}

type Row = Record<string, unknown> & { _rowid: number };
/** The complaint columns then mapped from JSON: parsed, so that a corrupt row fails the migration as it did. */
const JSON_COLUMNS = ['departments', 'solutions', 'rounds', 'signoffs'];
/** The searchable fields, in order, joined by line breaks. */
const SEARCH_COLUMNS = ['complaint_no', 'complainant', 'organisation', 'phone', 'problem', 'result'];

const text = (v: unknown) => (v === null || v === undefined ? null : (v as string));

/**
 * The soonest running clock (escalate, report for a major or crisis complaint, agreed completion,
 * callback) of an open complaint; null when closed, voided or nothing runs. The warning instant is worked
 * out as it was, although unused, because an unparsable date made it throw and so failed the migration.
 */
function storedNextDeadline(r: Row, rules: Rules): string | null {
  if (r.status === 'closed' || r.status === 'voided') return null;
  const clocks: { dueAt: string; doneAt: string | null }[] = [];
  const clock = (dueAt: string, warnMinutes: number, doneAt: string | null) => {
    new Date(Date.parse(dueAt) - warnMinutes * 60_000).toISOString();
    clocks.push({ dueAt, doneAt });
  };
  const received = Date.parse(r.received_at as string);
  const escalateDue = new Date(received + rules.escalateMinutes * 60_000).toISOString();
  clock(escalateDue, rules.warnEscalateMinutes, text(r.escalated_at) ?? text(r.assigned_at));
  if (r.severity !== 'general') {
    clock(new Date(received + rules.reportHours * 3600_000).toISOString(), rules.warnReportMinutes, text(r.reported_at));
  }
  const agreedReplyBy = text(r.agreed_reply_by);
  if (agreedReplyBy) clock(agreedReplyBy, rules.warnCompleteMinutes, text(r.completed_at));
  const callbackDueAt = text(r.callback_due_at);
  if (callbackDueAt) clock(callbackDueAt, rules.warnCallbackMinutes, text(r.callback_at));
  const open = clocks.filter((k) => !k.doneAt).map((k) => k.dueAt).sort();
  return open[0] ?? null;
}

/** Fills next_deadline and complaints_grams (keyed by rowid) for every complaint, in chunks by rowid. */
export function reindexAllComplaints003(db: Database.Database): void {
  const rules = deadlineRulesOf(db);
  const upd = db.prepare('UPDATE complaints SET next_deadline = ? WHERE rowid = ?');
  const ins = db.prepare('INSERT INTO complaints_grams (rowid, grams) VALUES (?, ?)');
  const page = db.prepare('SELECT rowid AS _rowid, * FROM complaints WHERE rowid > ? ORDER BY rowid LIMIT 2000');
  db.exec("INSERT INTO complaints_grams (complaints_grams) VALUES ('delete-all')");
  let after = 0;
  for (;;) {
    const rows = page.all(after) as Row[];
    if (rows.length === 0) break;
    for (const r of rows) {
      for (const c of JSON_COLUMNS) if (r[c] !== null && r[c] !== undefined) JSON.parse(r[c] as string);
      upd.run(storedNextDeadline(r, rules), r._rowid);
      ins.run(r._rowid, bigramTokens(SEARCH_COLUMNS.map((c) => text(r[c]) ?? '').join('\n')));
    }
    after = rows[rows.length - 1]!._rowid;
  }
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(RULES_META, rulesKey(rules));
}
