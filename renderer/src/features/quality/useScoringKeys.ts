import { useEffect, useRef } from 'react';
import { keyName } from '../../components/useHotkeys';
import { type ScoringKey, scoringKeyOf } from './scoring';

export interface ScoringKeyHandlers {
  /** A plain scoring key (J/K, digits, +/−, M, A, F, I, C), with the key's name. */
  onKey: (key: ScoringKey, name: string) => void;
  onSave: () => void;
  onNext: () => void;
  /** Esc in a text box: back to the keyboard's scorecard. */
  onLeaveField: (el: HTMLElement) => void;
}

/** Text boxes take letters and digits as typing; a checkbox or a button does not. */
export function isTyping(target: EventTarget | null): target is HTMLElement {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  if (target.tagName !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

/** A dialog over the screen (a sign-in offer, 放弃未保存的内容？) has the keyboard, not the scorecard under it. */
export function dialogOpen(): boolean {
  return [...document.querySelectorAll<HTMLElement>('.ant-modal-wrap')].some((w) => w.style.display !== 'none' && getComputedStyle(w).display !== 'none');
}

/**
 * The reviewer's keyboard (shown on screen by KeysHelp). Unlike useHotkeys, plain keys are left to a text
 * box that has the focus, so a comment can hold "J" and "5"; Ctrl+Enter saves from anywhere and Esc leaves
 * the box. Listens in the capture phase, like useHotkeys, so antd controls cannot swallow the keys.
 */
export function useScoringKeys(handlers: ScoringKeyHandlers, enabled: boolean): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      // Chinese IME: the keys belong to the candidate window; a dialog over the screen keeps its own.
      if (e.isComposing || dialogOpen()) return;
      const name = keyName(e);
      const h = ref.current;
      if (name === 'Ctrl+Enter') {
        e.preventDefault();
        e.stopPropagation();
        h.onSave();
        return;
      }
      if (isTyping(e.target)) {
        if (name === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          h.onLeaveField(e.target);
        }
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (name === 'N') {
        e.preventDefault();
        h.onNext();
        return;
      }
      const key = scoringKeyOf(name);
      if (!key) return;
      e.preventDefault();
      e.stopPropagation();
      h.onKey(key, name);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}
