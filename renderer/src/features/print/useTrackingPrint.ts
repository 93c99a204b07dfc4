import { useCallback, useEffect, useRef, useState } from 'react';
import type { TrackingRow } from '../../../../shared/domain/tracking';
import { call } from '../../api/client';
import { errorText } from '../../api/errors';
import type { TrackingPrintSpec } from './trackingPrintSpec';

/**
 * Rows per printed volume (册), about 100 A4 landscape pages. Chromium lays out and records every page of
 * a print before the first one leaves, at about 5 MB a page (measured: 112 pages of the register took
 * the renderer from 280 MB to 710 MB), so a view of 200k complaints (some 20,000 pages) cannot be one
 * print; it is printed a volume at a time, and only one volume's rows are ever in the page.
 */
export const VOLUME_ROWS = 500;
/** Rows asked per request (the core takes up to 500): two per volume, so that its bar moves. */
export const CHUNK_ROWS = 250;

export type PrintPhase = 'keys' | 'rows' | 'ready' | 'cancelled' | 'error';

export interface TrackingPrintState {
  phase: PrintPhase;
  /** Rows of the whole view (every volume). */
  total: number;
  volumes: number;
  /** The volume in the page, from 0. */
  volume: number;
  /** Its first row's position in the view (0-based) and how many rows it has. */
  first: number;
  size: number;
  /** Rows of the volume fetched so far (the progress bar). */
  done: number;
  rows: TrackingRow[];
  error?: string;
}

const START: TrackingPrintState = { phase: 'keys', total: 0, volumes: 0, volume: 0, first: 0, size: 0, done: 0, rows: [] };

/**
 * Annex 3 in full: the view's complaints are fixed once (tracking.printKeys: their order, as keys), then a
 * volume's rows are fetched a chunk at a time (tracking.printRows) into the page. A row saved meanwhile
 * prints as it stands when its chunk is read; none moves between volumes or prints twice. Cancel stops
 * between chunks; leaving the view (a screen pop) stops it too.
 */
export function useTrackingPrint(spec: TrackingPrintSpec | null) {
  const [state, setState] = useState<TrackingPrintState>(START);
  const keys = useRef<number[]>([]);
  /** Bumped by every new load and by cancel: a stale loop sees it and stops. */
  const run = useRef(0);

  const loadVolume = useCallback(async (volume: number) => {
    const mine = ++run.current;
    const first = volume * VOLUME_ROWS;
    const slice = keys.current.slice(first, first + VOLUME_ROWS);
    setState((s) => ({ ...s, phase: 'rows', volume, first, size: slice.length, done: 0, rows: [], error: undefined }));
    const rows: TrackingRow[] = [];
    for (let at = 0; at < slice.length; at += CHUNK_ROWS) {
      const res = await call('tracking.printRows', { keys: slice.slice(at, at + CHUNK_ROWS) });
      if (mine !== run.current) return;
      if (!res.ok) {
        setState((s) => ({ ...s, phase: 'error', error: errorText(res.error) }));
        return;
      }
      rows.push(...res.result.rows);
      setState((s) => ({ ...s, done: Math.min(slice.length, at + CHUNK_ROWS) }));
    }
    // A complaint voided since the keys were taken prints as it stands (作废): the register lists what the
    // view held when printing began.
    setState((s) => ({ ...s, phase: 'ready', rows }));
  }, []);

  const loadKeys = useCallback(
    async (s: TrackingPrintSpec) => {
      const mine = ++run.current;
      setState(START);
      const res = await call('tracking.printKeys', { ...s.view, ...(s.list ? { list: s.list } : {}) });
      if (mine !== run.current) return;
      if (!res.ok) {
        setState((x) => ({ ...x, phase: 'error', error: errorText(res.error) }));
        return;
      }
      keys.current = res.result.keys;
      const total = res.result.keys.length;
      setState((x) => ({ ...x, total, volumes: Math.max(1, Math.ceil(total / VOLUME_ROWS)) }));
      await loadVolume(0);
    },
    [loadVolume],
  );

  const specKey = spec ? JSON.stringify(spec) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the spec's content, not its identity
  useEffect(() => {
    if (spec) void loadKeys(spec);
    return () => {
      // Unmounted (返回, a screen pop): whatever is in flight is dropped.
      run.current++;
    };
  }, [specKey, loadKeys]);

  const cancel = useCallback(() => {
    run.current++;
    setState((s) => (s.phase === 'ready' ? s : { ...s, phase: 'cancelled' }));
  }, []);

  /** After a cancel or a failure: the volume again, or the whole view if its keys were not taken yet. */
  const retry = useCallback(() => {
    if (state.volumes > 0) void loadVolume(state.volume);
    else if (spec) void loadKeys(spec);
  }, [state.volumes, state.volume, spec, loadKeys, loadVolume]);

  return { state, loadVolume, cancel, retry };
}
