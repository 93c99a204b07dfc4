import { useEffect } from 'react';

/** What counts as the agent being there: keys, the mouse, touch and the wheel. A call that rings is not: nobody may be at the desk. */
const ACTIVITY = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart', 'pointerdown'] as const;

/**
 * Calls `onIdle` once after `minutes` without activity (0 = never). Activity only moves a timestamp;
 * one timer re-arms itself for the time left, so typing costs no timer churn.
 */
export function useIdleLock(minutes: number, active: boolean, onIdle: () => void): void {
  useEffect(() => {
    if (!active || !(minutes > 0)) return;
    const limit = minutes * 60_000;
    let last = Date.now();
    let timer: ReturnType<typeof setTimeout>;
    const seen = () => {
      last = Date.now();
    };
    const check = () => {
      const left = last + limit - Date.now();
      if (left <= 0) onIdle();
      else timer = setTimeout(check, left);
    };
    timer = setTimeout(check, limit);
    for (const e of ACTIVITY) window.addEventListener(e, seen, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, seen, { capture: true });
    };
  }, [minutes, active, onIdle]);
}
