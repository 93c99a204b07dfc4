import { buildTrackingSheet } from '../export/trackingSheet';
import { actorOf, type HandlerMap, sessionOf } from '../handler';
import { audit } from '../store/journal';
import { queryTracking, queryTrackingExport } from '../store/tracking';
import { savedTrackingView, saveTrackingView } from '../store/trackingPrefs';

export const trackingHandlers: HandlerMap<'tracking.query' | 'tracking.export' | 'tracking.prefs.get' | 'tracking.prefs.save'> = {
  'tracking.query': ({ ctx, session, params }) => {
    sessionOf(session);
    const { limit, offset, list, ...view } = params;
    return queryTracking(ctx.db, view, { limit: limit ?? 100, offset: offset ?? 0, ...(list ? { list } : {}) }, ctx.now());
  },

  'tracking.export': async ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const { format, list, ...view } = params;
    const page = queryTrackingExport(ctx.db, view, ctx.now(), list);
    const out = await buildTrackingSheet(page.rows, page.asOf, format);
    // Exports of customer data are audited: who, when, which view, how many rows.
    audit(ctx.db, actor, 'export', 'tracking_sheet', out.filename, JSON.stringify({ format, rows: out.rows, view, ...(list ? { list } : {}) }));
    return out;
  },

  'tracking.prefs.get': ({ ctx, session }) => savedTrackingView(ctx.db, sessionOf(session).user.id),

  'tracking.prefs.save': ({ ctx, session, params }) => {
    const s = sessionOf(session);
    saveTrackingView(ctx.db, s.user.id, params.view, ctx.now());
    return params.view;
  },
};
