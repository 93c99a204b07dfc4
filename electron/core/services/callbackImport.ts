import { v7 as uuidv7 } from 'uuid';
import type { CallbackImportReport, ImportRefusal } from '../../../shared/api/types';
import { addWorkingDays, BEIJING_MS, endOfLocalDay, localDay } from '../../../shared/domain/calendar';
import { CALLBACK_IMPORT_COLUMNS, type CallbackCreateArgs, type CallbackImportColumn } from '../../../shared/domain/callback';
import { LIMITS } from '../../../shared/domain/fields';
import { enumLabel } from '../../../shared/domain/labels';
import { normalizePhone } from '../../../shared/domain/phone';
import { ApiFailure } from '../errors';
import { actorOf, type HandlerMap } from '../handler';
import { type Cell, parseCsvBytes, readXlsx, SheetTooLarge, sheetKind } from '../import/file';
import { hasOpenCallback } from '../store/callbacks';
import { customersByPhone } from '../store/customers';
import { requireSettings } from '../store/settings';
import { defaultAssignee } from '../write/callbackTriggers';
import { mutationEnv } from '../write/env';
import { runSyncMutation } from '../write/mutation';
import { writeTx } from '../write/unit';

/** A list from another department is a few hundred customers; more is a mistake (a whole customer base). */
export const MAX_IMPORT_ROWS = 5000;
/** Title rows above the header ("2026年11月售后回访名单") are allowed; the header is looked for this far down. */
const HEADER_SEARCH_ROWS = 10;
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const fileError = (message: string, field: string, code: 'invalid_format' | 'invalid_value' | 'required' | 'out_of_range' | 'too_large', params?: Record<string, unknown>) =>
  new ApiFailure('invalid_params', message, [{ field, code, message, ...(params ? { params } : {}) }]);

const headerKey = (c: Cell) => String(c instanceof Date ? '' : c).replace(/[\s*＊:：]/g, '');

/** Which column holds what, from the header row (names in CALLBACK_IMPORT_COLUMNS; other columns are ignored). */
function mapHeader(row: Cell[]): Partial<Record<CallbackImportColumn, number>> | null {
  const out: Partial<Record<CallbackImportColumn, number>> = {};
  row.forEach((cell, i) => {
    const name = headerKey(cell);
    for (const [col, names] of Object.entries(CALLBACK_IMPORT_COLUMNS) as [CallbackImportColumn, readonly string[]][])
      if (out[col] === undefined && names.includes(name)) out[col] = i;
  });
  return out.phone === undefined ? null : out;
}

function asText(c: Cell | undefined): string {
  if (c === undefined || c === '') return '';
  if (c instanceof Date) return c.toISOString().slice(0, 16).replace('T', ' ');
  return String(c).replace(CONTROL, ' ').trim();
}

/** A number typed into a numeric cell loses its leading 0 (057188881234 → 57188881234); put it back when that makes it valid. */
function phoneOf(c: Cell | undefined, areaCode: string): { raw: string; normalized: string } | 'missing' | 'invalid' {
  const raw = typeof c === 'number' ? String(Math.round(c)) : asText(c);
  if (!raw) return 'missing';
  for (const candidate of typeof c === 'number' ? [raw, `0${raw}`] : [raw]) {
    const n = normalizePhone(candidate, areaCode);
    if (n.valid && candidate.length <= 40) return { raw: candidate, normalized: n.normalized };
  }
  return 'invalid';
}

const DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/;

/** Beijing wall-clock parts → instant; a day without a time is due by the end of that day. Null if no such day or time exists. */
function beijing(y: number, mo: number, d: number, time: [number, number] | null): string | null {
  if (y < 2000 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  const day = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (!time) return endOfLocalDay(day);
  const [h, mi] = time;
  if (h > 23 || mi > 59) return null;
  return new Date(Date.UTC(y, mo - 1, d, h, mi) - BEIJING_MS).toISOString();
}

/**
 * Due dates as people type them: YYYY-MM-DD, YYYY/M/D, YYYY年M月D日, each with an optional HH:mm, or an
 * Excel date cell (its wall-clock time, read as Beijing time). Anything else ("明天", 2026-13-45) is refused.
 */
export function parseDue(c: Cell | undefined): string | 'empty' | 'invalid' {
  if (c === undefined || c === '') return 'empty';
  let wall: Date | null = null;
  if (c instanceof Date) wall = c;
  // A date typed into a cell without a date format is its serial number: days since 1899-12-30.
  else if (typeof c === 'number') wall = c >= 36526 && c < 73051 ? new Date(Date.UTC(1899, 11, 30) + Math.round(c * 86_400_000)) : null;
  if (wall) {
    if (Number.isNaN(wall.getTime())) return 'invalid';
    const midnight = wall.getUTCHours() === 0 && wall.getUTCMinutes() === 0;
    return beijing(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), midnight ? null : [wall.getUTCHours(), wall.getUTCMinutes()]) ?? 'invalid';
  }
  if (typeof c !== 'string') return 'invalid';
  const m = DATE.exec(c.trim());
  if (!m) return 'invalid';
  const time: [number, number] | null = m[4] ? [Number(m[4]), Number(m[5])] : null;
  if (m[6] && Number(m[6]) > 59) return 'invalid';
  return beijing(Number(m[1]), Number(m[2]), Number(m[3]), time) ?? 'invalid';
}

type Draft = Omit<CallbackCreateArgs, 'id' | 'assigneeId' | 'assigneeName' | 'at'>;

const TEXT_LIMITS: Partial<Record<CallbackImportColumn, number>> = { name: LIMITS.name, organisation: LIMITS.short, subject: 1000 };

export const callbackImportHandlers: HandlerMap<'callbacks.import'> = {
  /**
   * Pre-sale / after-sale lists (003 §4.3–4.4): every row is checked first; the good rows are then
   * created in one transaction (all of them or none), the bad ones reported by row number and code.
   */
  'callbacks.import': async ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const bytes = Buffer.from(params.base64, 'base64');
    const kind = sheetKind(params.fileName, bytes);
    if (kind === 'xls') throw fileError('old .xls workbooks are not read; save the list as .xlsx or CSV', 'fileName', 'invalid_format');
    if (kind === 'mismatch') throw fileError('the file content does not match its name (.xlsx must be an Excel workbook, .csv plain text)', 'base64', 'invalid_format');
    if (kind === 'unknown') throw fileError('only .xlsx and .csv files can be imported', 'fileName', 'invalid_format');
    let rows: Cell[][];
    // Rows are read up to this many (blank and title rows included) and no further: past it the file is refused.
    const limits = { maxRows: MAX_IMPORT_ROWS * 2 };
    try {
      rows = kind === 'xlsx' ? await readXlsx(bytes, limits) : parseCsvBytes(bytes, limits);
    } catch (err) {
      if (err instanceof SheetTooLarge)
        throw fileError(
          err.code === 'out_of_range' ? `the file has more than ${MAX_IMPORT_ROWS} rows; at most ${MAX_IMPORT_ROWS} can be imported at once` : err.message,
          'base64',
          err.code,
          { maximum: err.code === 'out_of_range' ? MAX_IMPORT_ROWS : err.maximum },
        );
      throw fileError(`the file cannot be read: ${(err as Error).message.slice(0, 200)}`, 'base64', 'invalid_format');
    }

    const headerAt = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => mapHeader(r) !== null);
    const columns = headerAt >= 0 ? mapHeader(rows[headerAt]!) : null;
    if (!columns)
      throw fileError(`no phone column: the header row must name one of ${CALLBACK_IMPORT_COLUMNS.phone.join(', ')}`, 'base64', 'invalid_value');
    const data = rows
      .map((cells, i) => ({ cells, row: i + 1 }))
      .slice(headerAt + 1)
      .filter((r) => r.cells.some((c) => asText(c) !== ''));
    if (!data.length) throw fileError('the file has a header but no data rows', 'base64', 'required');
    if (data.length > MAX_IMPORT_ROWS)
      throw fileError(`the file has ${data.length} rows; at most ${MAX_IMPORT_ROWS} can be imported at once`, 'base64', 'out_of_range', { maximum: MAX_IMPORT_ROWS });

    const now = ctx.now().toISOString();
    const areaCode = requireSettings(ctx.db).areaCode;
    const defaultDue = params.defaultDueAt ?? addWorkingDays(now, 3, mutationEnv(ctx).complaints.calendar.overrides);
    const batchId = uuidv7();
    const refused: ImportRefusal[] = [];
    const good: Draft[] = [];
    const seen = new Set<string>();

    for (const { cells, row } of data) {
      const cell = (col: CallbackImportColumn) => (columns[col] === undefined ? undefined : cells[columns[col]!]);
      const values = Object.fromEntries(
        (Object.keys(columns) as CallbackImportColumn[]).map((col) => [col, asText(cell(col)).slice(0, 200)]),
      ) as Record<string, string>;
      const refuse = (code: string, reason: string) => refused.push({ row, code, reason, values });
      const phone = phoneOf(cell('phone'), areaCode);
      if (phone === 'missing') refuse('missing_phone', 'no phone number');
      else if (phone === 'invalid') refuse('invalid_phone', `"${values.phone}" is not a phone number`);
      if (typeof phone !== 'object') continue;
      const due = parseDue(cell('dueAt'));
      if (due === 'invalid') {
        refuse('invalid_date', `"${values.dueAt}" is not a date (YYYY-MM-DD, YYYY/M/D, optionally HH:mm)`);
        continue;
      }
      const dueAt = due === 'empty' ? defaultDue : due;
      const long = (Object.keys(TEXT_LIMITS) as CallbackImportColumn[]).find((col) => asText(cell(col)).length > TEXT_LIMITS[col]!);
      if (long) {
        refuse('too_long', `${long} is longer than ${TEXT_LIMITS[long]} characters`);
        continue;
      }
      const key = `${phone.normalized}|${localDay(dueAt)}`;
      if (seen.has(key)) {
        refuse('duplicate_in_file', 'the same number is already listed for the same day');
        continue;
      }
      seen.add(key);
      if (hasOpenCallback(ctx.db, phone.normalized, params.kind)) {
        refuse('duplicate_existing', `an open ${params.kind} callback for this number exists already`);
        continue;
      }
      const matches = customersByPhone(ctx.db, phone.raw, areaCode);
      const customer = matches.length === 1 ? matches[0]! : null;
      good.push({
        kind: params.kind,
        dueAt,
        customerId: customer?.id ?? null,
        name: asText(cell('name')) || customer?.name || '',
        organisation: asText(cell('organisation')) || customer?.organisation || '',
        phone: phone.raw,
        subject: asText(cell('subject')) || `${enumLabel('callbackKind', params.kind)}:${params.fileName}`.slice(0, 1000),
        source: 'import',
        sourceId: `${batchId}:${row}`,
        callId: null,
        complaintId: null,
        complaintRound: null,
        importBatch: batchId,
      });
    }

    const ids = writeTx(ctx, () =>
      good.map((d) => {
        const who = defaultAssignee(ctx);
        const args = { ...d, id: uuidv7(), assigneeId: who?.id ?? null, assigneeName: who?.name ?? '', at: now };
        return runSyncMutation(ctx, 'callback.create', args, actor).id;
      }),
    );
    ctx.log.info({ batchId, fileName: params.fileName, imported: ids.length, refused: refused.length }, 'callback list imported');
    return { batchId, fileName: params.fileName, totalRows: data.length, imported: ids.length, refused, ids } satisfies CallbackImportReport;
  },
};
