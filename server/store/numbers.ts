import type { Sql } from './types';

/**
 * Human numbers (call record numbers, complaint numbers) are unique on the hub (hub migration 006):
 * `record_numbers` holds each record's number once, so a clash is one primary-key lookup and the next
 * free number of a series one index range (server/checks.ts renumbers).
 */
export interface NumberOps {
  /** The id of the record holding this number, or null. */
  holder(entity: string, number: string): Promise<string | null>;
  /** The series' highest number (`series` is everything up to the last dash), or null. */
  highest(entity: string, series: string): Promise<string | null>;
  /** Records the number of a record the hub has just created. */
  claim(entity: string, number: string, id: string): Promise<void>;
}

export function numberOps(sql: Sql): NumberOps {
  return {
    async holder(entity, number) {
      const r = await sql.get<{ record_id: string }>('SELECT record_id FROM record_numbers WHERE entity = ? AND number = ?', [entity, number]);
      return r?.record_id ?? null;
    },
    async highest(entity, series) {
      // Suffixes are digits of at least four places: the longest is the highest, then the greatest text.
      const r = await sql.get<{ number: string }>(
        // Only renumbering asks (rare); numbers hold [A-Z0-9-] only, so the series needs no LIKE escaping.
        'SELECT number FROM record_numbers WHERE entity = ? AND number LIKE ? ORDER BY length(number) DESC, number DESC LIMIT 1',
        [entity, `${series}%`],
      );
      return r?.number ?? null;
    },
    async claim(entity, number, id) {
      await sql.run('INSERT INTO record_numbers (entity, number, record_id) VALUES (?, ?, ?) ON CONFLICT (entity, number) DO NOTHING', [entity, number, id]);
    },
  };
}
