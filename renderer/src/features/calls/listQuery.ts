import dayjs, { type Dayjs } from 'dayjs';
import type { ParamsOf } from '../../../../shared/api';
import type { CallCategory, CallStatus } from '../../../../shared/domain/callRecord';

/** The call list's filters, as the toolbar and the special-filter tags show them. */
export interface CallFilters {
  q: string;
  category: CallCategory | undefined;
  status: CallStatus | undefined;
  range: [Dayjs | null, Dayjs | null] | null;
  /**
   * Exact instants from a drill-down link (the board's "since Beijing midnight"), sent as they are so
   * that the list is exactly what the board counted; the picker shows their days. Picking dates drops them.
   */
  bounds: { from?: string; to?: string } | null;
  mine: boolean;
  includeVoided: boolean;
  late: boolean;
  rated: boolean;
}

export const INITIAL_CALL_FILTERS: CallFilters = {
  q: '',
  category: undefined,
  status: undefined,
  range: null,
  bounds: null,
  mine: false,
  // Voided records are kept but are not work: shown only when 含作废 is ticked.
  includeVoided: false,
  late: false,
  rated: false,
};

const instant = (v: string | null) => (v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : undefined);

/**
 * #/records?from=<iso>&to=<iso>&late=1&rated=1&voided=1. A link lists what it names, so voided records
 * only with voided=1; without a query the list starts without voided records (含作废 unticked).
 * Values that do not parse are ignored rather than sent for the core to refuse.
 */
export function callFiltersFromQuery(query: string): CallFilters {
  if (!query) return INITIAL_CALL_FILTERS;
  const p = new URLSearchParams(query);
  const from = instant(p.get('from'));
  const to = instant(p.get('to'));
  const bounds = from || to ? { ...(from ? { from } : {}), ...(to ? { to } : {}) } : null;
  return {
    ...INITIAL_CALL_FILTERS,
    // An exclusive upper bound at midnight belongs to the day before it.
    range: bounds ? [from ? dayjs(from) : null, to ? dayjs(Date.parse(to) - 1) : null] : null,
    bounds,
    includeVoided: p.get('voided') === '1',
    late: p.get('late') === '1',
    rated: p.get('rated') === '1',
  };
}

export function callListParams(f: CallFilters, q: string, page: number, pageSize: number): ParamsOf<'calls.list'> {
  const [from, to] = f.range ?? [null, null];
  // Whole local days: "from the 1st to the 3rd" includes all of the 3rd.
  const fromIso = f.bounds ? f.bounds.from : from?.startOf('day').toISOString();
  const toIso = f.bounds ? f.bounds.to : to?.endOf('day').toISOString();
  return {
    ...(q.trim() ? { q: q.trim() } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(fromIso ? { from: fromIso } : {}),
    ...(toIso ? { to: toIso } : {}),
    ...(f.mine ? { mine: true } : {}),
    includeVoided: f.includeVoided,
    ...(f.late ? { answeredLate: true } : {}),
    ...(f.rated ? { rated: true } : {}),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
}
