import { v7 as uuidv7 } from 'uuid';
import type { ScriptSummary } from '../../../shared/api/types';
import type { ScriptKind, ScriptVersion } from '../../../shared/domain/script';
import { BUILT_IN_SCRIPTS, builtInScript } from '../../../shared/domain/scriptDefaults';
import type { CoreContext } from '../context';
import { ApiFailure } from '../errors';
import { runSyncMutation } from '../mutate';
import { stmt } from '../store/stmt';
import { scriptVersionsTable } from '../store/tables';
import { actorOf, type HandlerMap } from '../handler';

/**
 * The newest published version of a kind, else the built-in one. Two administrators publishing offline
 * may both make "version 3"; the later publish wins, and the id breaks a tie so every workstation agrees.
 */
export function activeScript(ctx: CoreContext, kind: ScriptKind): ScriptVersion {
  const row = stmt(ctx.db, 'SELECT * FROM script_versions WHERE kind = ? ORDER BY created_at DESC, version DESC, id DESC LIMIT 1').get(kind) as
    | Record<string, unknown>
    | undefined;
  return row ? scriptVersionsTable.fromRow(row) : BUILT_IN_SCRIPTS[kind];
}

/** Any version ever shown, built-in or published: versions are never edited, so a record's id keeps its words. */
export function scriptById(ctx: CoreContext, id: string): ScriptVersion | null {
  return builtInScript(id) ?? scriptVersionsTable.get(ctx.db, id);
}

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
  'scripts.active': ({ ctx, params }) => activeScript(ctx, params.kind),

  'scripts.get': ({ ctx, params }) => {
    const s = scriptById(ctx, params.id);
    if (!s) throw new ApiFailure('not_found', `script version ${params.id} does not exist`);
    return s;
  },

  'scripts.versions': ({ ctx, params }) => {
    const active = activeScript(ctx, params.kind);
    const rows = ctx.db.prepare('SELECT * FROM script_versions WHERE kind = ? ORDER BY created_at DESC, version DESC, id DESC').all(params.kind) as Record<
      string,
      unknown
    >[];
    return [...rows.map((r) => scriptVersionsTable.fromRow(r)), BUILT_IN_SCRIPTS[params.kind]].map((s) => summary(s, active.id));
  },

  'scripts.publish': ({ ctx, session, params }) => {
    const actor = actorOf(session);
    const at = ctx.now().toISOString();
    const published = ctx.db.transaction(() => {
      // The built-in default is version 1, so the first published version is 2.
      const { v } = ctx.db.prepare('SELECT max(version) AS v FROM script_versions WHERE kind = ?').get(params.kind) as { v: number | null };
      const version = Math.max(v ?? 0, BUILT_IN_SCRIPTS[params.kind].version) + 1;
      return runSyncMutation(ctx, 'script.publish', { id: uuidv7(), kind: params.kind, version, content: params.content, note: params.note ?? '', at }, actor);
    })();
    ctx.emit('records.changed', { entity: 'script', ids: [published.id] });
    return published;
  },
};
