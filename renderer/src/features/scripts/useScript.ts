import { useEffect, useState } from 'react';
import type { ScriptKind, ScriptVersion } from '../../../../shared/domain/script';
import { BUILT_IN_SCRIPTS } from '../../../../shared/domain/scriptDefaults';
import { call } from '../../api/client';

export interface LoadedScript {
  script: ScriptVersion | null;
  /** The recorded or active version could not be loaded; the built-in words are shown instead. */
  fallback: boolean;
}

/**
 * The version recorded on the record (what the caller was actually read), else the active one. When
 * neither can be read (an older core, a broken store) the built-in words still guide the agent, marked
 * as a fallback so nobody mistakes them for the organisation's current script.
 */
export function useScript(kind: ScriptKind, versionId: string | null): LoadedScript {
  const [state, setState] = useState<LoadedScript>({ script: null, fallback: false });
  useEffect(() => {
    let live = true;
    void (async () => {
      if (versionId) {
        const res = await call('scripts.get', { id: versionId });
        if (res.ok) {
          if (live) setState({ script: res.result, fallback: false });
          return;
        }
      }
      const active = await call('scripts.active', { kind });
      if (live) setState(active.ok ? { script: active.result, fallback: false } : { script: BUILT_IN_SCRIPTS[kind], fallback: true });
    })();
    return () => {
      live = false;
    };
  }, [kind, versionId]);
  return state;
}
