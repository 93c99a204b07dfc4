import type { ParamsOf } from '../../../../shared/api';
import type { TrackingView } from '../../../../shared/domain/tracking';

export type BoardList = NonNullable<ParamsOf<'tracking.query'>['list']>;

/**
 * A drill-down from the team-lead board: the view (and board list) the tracking sheet opens with,
 * instead of the user's saved view. Taken once.
 */
let pending: { view: TrackingView; list?: BoardList } | null = null;

export function openTrackingWith(view: TrackingView, list?: BoardList): void {
  pending = list ? { view, list } : { view };
  window.location.hash = '/tracking';
}

export function takePreset(): { view: TrackingView; list?: BoardList } | null {
  const p = pending;
  pending = null;
  return p;
}
