import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../features/auth/sessionStore';

/**
 * No lost typing for forms whose users may not keep server drafts (callback officers, settings):
 * what was typed stays in this page's memory, per user and form, and comes back when the form is
 * opened again (after going to another screen and back). Never written to disk or storage: customer
 * answers must not outlive the page (reloading or closing the page is asked first by useLeaveGuard).
 * `base` stamps what the form was opened on; a draft made on another base (the record or the
 * settings changed meanwhile) is dropped rather than laid over newer values.
 */
const drafts = new Map<string, { base: string; value: unknown }>();
// Signing out (or the session ending) drops every kept draft: answers do not outlive the session.
useSession.subscribe((s) => {
  if (!s.session) drafts.clear();
});

export function useMemoryDraft<T>(form: string, initial: () => T, base = ''): [T, (next: T | ((old: T) => T)) => void, () => void] {
  const userId = useSession((s) => s.session?.user.id ?? '');
  // The user is fixed when the form opens: a form still on screen when the user changes keeps its draft
  // under its own user. The form may change (another callback in the same place): its own draft is read.
  const [owner] = useState(userId);
  const key = `${owner}:${form}`;
  const load = (): T => {
    const kept = drafts.get(key);
    return kept && kept.base === base ? (kept.value as T) : initial();
  };
  const [state, setState] = useState<{ key: string; value: T }>(() => ({ key, value: load() }));
  const current = state.key === key ? state : { key, value: load() };
  if (state.key !== key) setState(current);
  const clean = JSON.stringify(initial());
  useEffect(() => {
    if (JSON.stringify(current.value) === clean) drafts.delete(current.key);
    else drafts.set(current.key, { base, value: current.value });
  }, [current.key, current.value, clean, base]);
  const set = useCallback(
    (next: T | ((old: T) => T)) =>
      setState((old) => ({ key: old.key, value: typeof next === 'function' ? (next as (o: T) => T)(old.value) : next })),
    [],
  );
  const clear = useCallback(() => {
    drafts.delete(key);
  }, [key]);
  return [current.value, set, clear];
}

/** Tests and logout: forget every kept draft. */
export function forgetMemoryDrafts(): void {
  drafts.clear();
}
