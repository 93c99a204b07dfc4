import { maskContact } from '../../../shared/domain/visibility';
import { ApiFailure } from '../errors';
import { actorOf, type HandlerMap } from '../handler';
import { JOB_STEP_MS } from '../jobs/runner';
import { requireSettings } from '../store/settings';
import { TrackingExportSelection, trackingRowsByKeys } from '../store/trackingExport';
import { auditedRead } from '../write/audit';

/**
 * Rows one full print may hold: a million keys are about 8 MB of JSON. (At about ten rows a page that is
 * 100,000 pages: a view that large is narrowed before anyone prints it.)
 */
export const PRINT_MAX_ROWS = 1_000_000;

/** Rowids scanned per piece of the selection (10–30 ms each at 200k complaints, as the export's). */
const SCAN_SPAN = 1000;
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Annex 3 printed in full. The keys are the complaints' rowids, selected and ordered as the full export
 * does it (store/trackingExport.ts): the same condition and order as the sheet. The selection is stepped,
 * the thread given back every JOB_STEP_MS, so that the call screen's requests are answered while the
 * keys of 200k complaints are found. Printing is audited twice over: once for the print of the view (how
 * many rows, which view), and each chunk of rows read for it.
 */
export const trackingPrintHandlers: HandlerMap<'tracking.printKeys' | 'tracking.printRows'> = {
  'tracking.printKeys': async ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const { list, ...view } = params;
    const now = ctx.now();
    const selection = new TrackingExportSelection(ctx.db, view, now, list, actor);
    let yieldAt = performance.now() + JOB_STEP_MS;
    while (!selection.step(SCAN_SPAN)) {
      if (performance.now() < yieldAt) continue;
      await yieldToRequests();
      yieldAt = performance.now() + JOB_STEP_MS;
    }
    const keys = selection.keys();
    if (keys.length > PRINT_MAX_ROWS)
      throw new ApiFailure('invalid_params', `the view has more than ${PRINT_MAX_ROWS} rows; narrow it before printing`, [
        { field: '(params)', code: 'out_of_range', message: 'too many rows to print', params: { maximum: PRINT_MAX_ROWS } },
      ]);
    const asOf = now.toISOString();
    return auditedRead(
      ctx,
      actor,
      { action: 'print', entity: 'tracking_sheet', detail: JSON.stringify({ rows: keys.length, view, ...(list ? { list } : {}) }) },
      () => ({ keys, asOf }),
      () => [`tracking_sheet@${asOf}`],
    );
  },

  'tracking.printRows': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const rules = requireSettings(ctx.db).masking;
    const now = ctx.now();
    return auditedRead(
      ctx,
      actor,
      { action: 'print', entity: 'complaint', detail: 'tracking sheet' },
      () => ({
        // The numbers masked by role, as on the sheet.
        rows: trackingRowsByKeys(ctx.db, params.keys, now, actor).map((r) => ({ ...r, phone: maskContact('phone', r.phone, actor, rules) })),
        asOf: now.toISOString(),
      }),
      (r) => r.rows.map((x) => x.id),
    );
  },
};
