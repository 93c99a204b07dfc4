import type Database from 'better-sqlite3-multiple-ciphers';
import type { ScriptKind, ScriptVersion } from '../../../shared/domain/script';
import { BUILT_IN_SCRIPTS, builtInScript } from '../../../shared/domain/scriptDefaults';
import { stmt } from './stmt';
import { scriptVersionsTable } from './tables';

/**
 * The newest published version of a kind, else the built-in one. Two administrators publishing offline
 * may both make "version 3"; the later publish wins, and the id breaks a tie so every workstation agrees.
 */
export function activeScript(db: Database.Database, kind: ScriptKind): ScriptVersion {
  const row = stmt(db, 'SELECT * FROM script_versions WHERE kind = ? ORDER BY created_at DESC, version DESC, id DESC LIMIT 1').get(kind) as
    | Record<string, unknown>
    | undefined;
  return row ? scriptVersionsTable.fromRow(row) : BUILT_IN_SCRIPTS[kind];
}

/** Any version ever shown, built-in or published: versions are never edited, so a record's id keeps its words. */
export function scriptById(db: Database.Database, id: string): ScriptVersion | null {
  return builtInScript(id) ?? scriptVersionsTable.get(db, id);
}

/** Every published version of a kind, newest first (the built-in one is not stored). */
export function publishedScripts(db: Database.Database, kind: ScriptKind): ScriptVersion[] {
  const rows = stmt(db, 'SELECT * FROM script_versions WHERE kind = ? ORDER BY created_at DESC, version DESC, id DESC').all(kind) as Record<string, unknown>[];
  return rows.map((r) => scriptVersionsTable.fromRow(r));
}

export function highestScriptVersion(db: Database.Database, kind: ScriptKind): number | null {
  return (stmt(db, 'SELECT max(version) AS v FROM script_versions WHERE kind = ?').get(kind) as { v: number | null }).v;
}
