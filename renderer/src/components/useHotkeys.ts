import { useEffect, useRef } from 'react';

/**
 * Keys are written like "F2", "Ctrl+S", "Ctrl+Enter", "Alt+1". Handlers run in the capture phase so
 * that a focused antd control (Select, DatePicker) cannot swallow an agent's shortcut mid-call.
 */
export type HotkeyMap = Record<string, (e: KeyboardEvent) => void>;

export function keyName(e: KeyboardEvent): string {
  let key = e.key;
  // Alt+digit produces symbols on some layouts (and "¡" on macOS); the physical code is stable.
  if (e.altKey && /^Digit\d$/.test(e.code)) key = e.code.slice(5);
  if (key.length === 1) key = key.toUpperCase();
  const mods = [e.ctrlKey || e.metaKey ? 'Ctrl' : '', e.altKey ? 'Alt' : '', e.shiftKey && key.length > 1 ? 'Shift' : '']
    .filter(Boolean)
    .join('+');
  return mods ? `${mods}+${key}` : key;
}

export function useHotkeys(map: HotkeyMap, enabled = true): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing) return; // Chinese IME: Enter confirms the candidate, it is not our key.
      const handler = ref.current[keyName(e)];
      if (!handler) return;
      e.preventDefault();
      e.stopPropagation();
      handler(e);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
