import type { TrackingPage, TrackingRow } from '../../../shared/domain/tracking';
import { maskContact, type MaskingRules, type Viewer } from '../../../shared/domain/visibility';
import { buildTrackingSheet, trackingFilename } from '../export/trackingSheet';
import { openTrackingWriter } from '../export/trackingStream';
import { actorOf, type HandlerMap, sessionOf } from '../handler';
import { jobsOf, stepByTime } from '../jobs/runner';
import { requireSettings } from '../store/settings';
import { queryTracking, queryTrackingExport } from '../store/tracking';
import { TrackingExportSelection, trackingRowsByKeys } from '../store/trackingExport';
import { savedTrackingView, saveTrackingView } from '../store/trackingPrefs';
import { auditedRead } from '../write/audit';

/** The sheet's numbers, on screen and in its exports, masked by role as everywhere else. */
const maskedRow = (r: TrackingRow, viewer: Viewer, rules: MaskingRules): TrackingRow => ({ ...r, phone: maskContact('phone', r.phone, viewer, rules) });
const masked = (page: TrackingPage, viewer: Viewer, rules: MaskingRules): TrackingPage => ({ ...page, rows: page.rows.map((r) => maskedRow(r, viewer, rules)) });

/**
 * Rowids scanned, and rows written, per piece of a step: each piece about 5–15 ms at 200k complaints, so
 * that a step ends soon after its 50 ms (a step of 250-row pieces let a request wait 150 ms at p99 on a busy machine).
 */
const SCAN_SPAN = 500;
const WRITE_PIECE = 100;
const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv;charset=utf-8' } as const;

export const trackingHandlers: HandlerMap<'tracking.query' | 'tracking.export' | 'tracking.exportStart' | 'tracking.prefs.get' | 'tracking.prefs.save'> = {
  // Also the board's complaint drill-downs (`list`), which open the sheet.
  'tracking.query': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const { limit, offset, list, ...view } = params;
    const rules = requireSettings(ctx.db).masking;
    return auditedRead(
      ctx,
      actor,
      { action: view.q?.trim() ? 'search' : 'list', entity: 'complaint', detail: list ? `tracking sheet: ${list}` : 'tracking sheet' },
      () => masked(queryTracking(ctx.db, view, { limit: limit ?? 100, offset: offset ?? 0, viewer: actor, ...(list ? { list } : {}) }, ctx.now()), actor, rules),
      (p) => p.rows.map((r) => r.id),
    );
  },

  'tracking.export': async ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const { format, list, ...view } = params;
    const rules = requireSettings(ctx.db).masking;
    const page = masked(queryTrackingExport(ctx.db, view, ctx.now(), list, actor), actor, rules);
    const out = await buildTrackingSheet(page.rows, page.asOf, format);
    // Exports of customer data are audited: who, when, which view, how many rows. The file is the record
    // read (one row for the export, whatever its size).
    return auditedRead(
      ctx,
      actor,
      { action: 'export', entity: 'tracking_sheet', detail: JSON.stringify({ format, rows: out.rows, view, ...(list ? { list } : {}) }) },
      () => out,
      (o) => [o.filename],
    );
  },

  /**
   * Annex 3 in full, however many rows: a job selects the view's complaints (their order fixed as rowids)
   * and writes them to the file a few hundred at a time, between other requests. Audited now, as one
   * export of that view, whether or not it is later cancelled.
   */
  'tracking.exportStart': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const { format, list, ...view } = params;
    const rules = requireSettings(ctx.db).masking;
    const now = ctx.now();
    const asOf = now.toISOString();
    const selection = new TrackingExportSelection(ctx.db, view, now, list, actor);
    const filename = trackingFilename(asOf, format);
    return auditedRead(
      ctx,
      actor,
      { action: 'export', entity: 'tracking_sheet', detail: JSON.stringify({ format, full: true, view, ...(list ? { list } : {}) }) },
      () =>
        jobsOf(ctx).start({
          kind: 'tracking_export',
          ownerId: sessionOf(session).user.id,
          phase: 'select',
          done: selection.scanned,
          total: selection.end,
          filename,
          mime: MIME[format],
          ext: format,
          async run(file, step) {
            const maybeStep = stepByTime(step);
            while (!selection.step(SCAN_SPAN)) await maybeStep({ done: selection.scanned });
            const keys = selection.keys();
            await step({ phase: 'write', done: 0, total: keys.length });
            const writer = await openTrackingWriter(file, format, asOf);
            try {
              for (let at = 0; at < keys.length; ) {
                const piece = keys.slice(at, at + WRITE_PIECE);
                await writer.add(trackingRowsByKeys(ctx.db, piece, now, actor).map((r) => maskedRow(r, actor, rules)));
                at += piece.length;
                await maybeStep({ done: at });
              }
              await writer.finish();
            } catch (err) {
              writer.abort();
              throw err;
            }
          },
        }),
      (job) => [job.filename],
    );
  },

  'tracking.prefs.get': ({ ctx, session }) => savedTrackingView(ctx.db, sessionOf(session).user.id),

  'tracking.prefs.save': ({ ctx, session, params }) => {
    const s = sessionOf(session);
    saveTrackingView(ctx.db, s.user.id, params.view, ctx.now());
    return params.view;
  },
};
