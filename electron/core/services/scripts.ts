import { v7 as uuidv7 } from 'uuid';
import type { ScriptSummary } from '../../../shared/api/types';
import type { ScriptVersion } from '../../../shared/domain/script';
import { BUILT_IN_SCRIPTS } from '../../../shared/domain/scriptDefaults';
import { ApiFailure } from '../errors';
import { actorOf, type HandlerMap } from '../handler';
import { activeScript, highestScriptVersion, publishedScripts, scriptById } from '../store/scripts';
import { runSyncMutation } from '../write/mutation';
import { writeTx } from '../write/unit';

const summary = (s: ScriptVersion, activeId: string): ScriptSummary => ({
  id: s.id,
  kind: s.kind,
  version: s.version,
  name: s.name,
  note: s.note,
  createdAt: s.createdAt,
  createdBy: s.createdBy,
  builtIn: s.builtIn,
  active: s.id === activeId,
});

export const scriptHandlers: HandlerMap<'scripts.active' | 'scripts.get' | 'scripts.versions' | 'scripts.publish'> = {
  'scripts.active': ({ ctx, params }) => activeScript(ctx.db, params.kind),

  'scripts.get': ({ ctx, params }) => {
    const s = scriptById(ctx.db, params.id);
    if (!s) throw new ApiFailure('not_found', `script version ${params.id} does not exist`);
    return s;
  },

  'scripts.versions': ({ ctx, params }) => {
    const active = activeScript(ctx.db, params.kind);
    return [...publishedScripts(ctx.db, params.kind), BUILT_IN_SCRIPTS[params.kind]].map((s) => summary(s, active.id));
  },

  'scripts.publish': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const at = ctx.now().toISOString();
    return writeTx(ctx, () => {
      // The built-in default is version 1, so the first published version is 2.
      const version = Math.max(highestScriptVersion(ctx.db, params.kind) ?? 0, BUILT_IN_SCRIPTS[params.kind].version) + 1;
      return runSyncMutation(ctx, 'script.publish', { id: uuidv7(), kind: params.kind, version, content: params.content, note: params.note ?? '', at }, actor);
    });
  },
};
