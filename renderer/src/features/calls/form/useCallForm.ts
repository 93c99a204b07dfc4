import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallRecord, Draft } from '../../../../../shared/api/types';
import { call } from '../../../api/client';
import { errorText, fieldErrors, stripPrefix } from '../../../api/errors';
import { clearErrors } from '../../../components/FieldHelp';
import { i18n } from '../../../i18n';
import { changedFields, draftKey, draftPayload, type FormValues, fromRecord, isDirty, mergeDraft } from './values';

/** Autosave delay: short enough that a crash loses under a second of typing. */
export const AUTOSAVE_MS = 600;

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'drafting' }
  | { kind: 'draft'; at: string }
  | { kind: 'failed'; msg: string }
  | { kind: 'saved'; at: string };

export interface CallFormOptions {
  record: CallRecord;
  draft?: Draft | null;
  editable: boolean;
  onSaved?: (r: CallRecord, how: 'save' | 'end' | 'close') => void;
}

function newer(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}

export function useCallForm({ record, draft, editable, onSaved }: CallFormOptions) {
  const { message } = App.useApp();
  const key = draftKey(record.id);
  const [init] = useState(() => {
    const base = fromRecord(record);
    const restore = !!draft && editable && newer(draft.savedAt, record.updatedAt);
    return { values: restore && draft ? mergeDraft(base, draft.payload) : base, restored: restore && isDirty(mergeDraft(base, draft?.payload), record) };
  });
  const [values, setValues] = useState<FormValues>(init.values);
  const [baseline, setBaseline] = useState<CallRecord>(record);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<SaveState>(init.restored && draft ? { kind: 'draft', at: draft.savedAt } : { kind: 'idle' });
  const [saving, setSaving] = useState(false);

  // Refs mirror state for the timer and async callbacks, which must see the latest values.
  const valuesRef = useRef(values);
  const baselineRef = useRef(baseline);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inflight = useRef<Promise<unknown> | null>(null);
  const mounted = useRef(true);
  const savingRef = useRef(false);

  // The user's drafts are at their cap (drafts_full): say so once and stop autosaving this form, rather
  // than ask again every 600 ms; an explicit save of the record still works.
  const draftsFull = useRef(false);

  const flushDraft = useCallback(async () => {
    timer.current = null;
    if (draftsFull.current || !isDirty(valuesRef.current, baselineRef.current)) return;
    if (mounted.current) setState({ kind: 'drafting' });
    const p = call('drafts.save', { key, payload: draftPayload(valuesRef.current) });
    inflight.current = p;
    const res = await p;
    if (inflight.current === p) inflight.current = null;
    if (!res.ok && res.error.code === 'drafts_full') draftsFull.current = true;
    if (!mounted.current) return;
    setState(res.ok ? { kind: 'draft', at: res.result.savedAt } : { kind: 'failed', msg: errorText(res.error) });
  }, [key]);

  // A throttle, not a debounce: an agent typing without pause must still be saved every AUTOSAVE_MS,
  // so a crash loses under a second of typing. The flush reads the latest values when it fires.
  const scheduleDraft = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => void flushDraft(), AUTOSAVE_MS);
  }, [flushDraft]);

  useEffect(() => {
    mounted.current = true;
    // A draft older than the record is stale (the record was saved later, maybe elsewhere).
    if (draft && editable && !init.restored) void call('drafts.discard', { key });
    return () => {
      mounted.current = false;
      // Leaving the screen must not drop the last keystrokes: write the pending draft now.
      if (timer.current) {
        clearTimeout(timer.current);
        void flushDraft();
      }
    };
  }, [draft, editable, flushDraft, init.restored, key]);

  const update = useCallback(
    (patch: Partial<FormValues>) => {
      if (!editable) return;
      const next = { ...valuesRef.current, ...patch };
      valuesRef.current = next;
      seq.current += 1;
      setValues(next);
      setErrors((e) => clearErrors(e, Object.keys(patch)));
      scheduleDraft();
    },
    [editable, scheduleDraft],
  );

  const save = useCallback(
    async (opts: { end?: boolean; close?: boolean } = {}): Promise<boolean> => {
      if (!editable || savingRef.current) return false;
      const how = opts.end ? 'end' : opts.close ? 'close' : 'save';
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      savingRef.current = true;
      setSaving(true);
      // A draft write still on the wire must land before the discard below, or it would resurrect.
      await inflight.current;
      const startSeq = seq.current;
      const fields = changedFields(valuesRef.current, baselineRef.current);
      const res = await call('calls.save', { id: record.id, fields, ...(opts.end ? { end: true } : {}), ...(opts.close ? { close: true } : {}) });
      savingRef.current = false;
      if (!mounted.current) return res.ok;
      setSaving(false);
      if (!res.ok) {
        setErrors(stripPrefix(fieldErrors(res.error), 'fields'));
        message.error(errorText(res.error));
        if (isDirty(valuesRef.current, baselineRef.current)) scheduleDraft();
        return false;
      }
      baselineRef.current = res.result;
      // Saved: the user may have cleared other drafts meanwhile; the next typing tries a draft again.
      draftsFull.current = false;
      setBaseline(res.result);
      setErrors({});
      if (seq.current === startSeq) {
        // Nothing typed while saving: show what the store holds (trimmed etc.) and drop the draft.
        const fresh = fromRecord(res.result);
        valuesRef.current = fresh;
        setValues(fresh);
        await call('drafts.discard', { key });
        if (mounted.current) setState({ kind: 'saved', at: res.result.updatedAt });
      } else {
        scheduleDraft();
      }
      message.success(i18n.t(how === 'end' ? 'calls.ended' : how === 'close' ? 'calls.closed' : 'calls.saved'));
      onSaved?.(res.result, how);
      return true;
    },
    [editable, key, message, onSaved, record.id, scheduleDraft],
  );

  return { values, update, errors, setErrors, state, saving, save, baseline, restored: init.restored, dirty: isDirty(values, baseline) };
}

export type CallFormApi = ReturnType<typeof useCallForm>;
