import { useCallback, useEffect, useState } from 'react';
import type { ParamsOf, ResultOf } from '../../../shared/api/contract';
import { call } from './client';
import { errorText } from './errors';

type RecordMethod = 'calls.get' | 'complaints.get' | 'callbacks.get';

/**
 * One record's detail by id, as the sheets show it: empty while another id loads, kept on screen while
 * `load` refreshes it (after a step, a save, or a change arriving by sync), and the error in Chinese.
 */
export function useRecord<M extends RecordMethod>(method: M, id: string): { detail: ResultOf<M> | null; error: string | null; load: () => Promise<void> } {
  const [detail, setDetail] = useState<ResultOf<M> | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await call(method, { id } as ParamsOf<M>);
    if (res.ok) {
      setDetail(res.result);
      setError(null);
    } else setError(errorText(res.error));
  }, [method, id]);

  useEffect(() => {
    setDetail(null);
    void load();
  }, [load]);

  return { detail, error, load };
}
