import type { TrackingPage } from '../../../shared/domain/tracking';
import { maskContact, type MaskingRules, type Viewer } from '../../../shared/domain/visibility';
import { buildTrackingSheet } from '../export/trackingSheet';
import { actorOf, type HandlerMap, sessionOf } from '../handler';
import { requireSettings } from '../store/settings';
import { queryTracking, queryTrackingExport } from '../store/tracking';
import { savedTrackingView, saveTrackingView } from '../store/trackingPrefs';
import { auditedRead } from '../write/audit';

/** The sheet's numbers, on screen and in its exports, masked by role as everywhere else. */
const masked = (page: TrackingPage, viewer: Viewer, rules: MaskingRules): TrackingPage => ({
  ...page,
  rows: page.rows.map((r) => ({ ...r, phone: maskContact('phone', r.phone, viewer, rules) })),
});

export const trackingHandlers: HandlerMap<'tracking.query' | 'tracking.export' | 'tracking.prefs.get' | 'tracking.prefs.save'> = {
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

  'tracking.prefs.get': ({ ctx, session }) => savedTrackingView(ctx.db, sessionOf(session).user.id),

  'tracking.prefs.save': ({ ctx, session, params }) => {
    const s = sessionOf(session);
    saveTrackingView(ctx.db, s.user.id, params.view, ctx.now());
    return params.view;
  },
};
