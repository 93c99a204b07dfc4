import type Database from 'better-sqlite3-multiple-ciphers';
import { stmt } from './stmt';
import { type UserRow, usersTable } from './tables';

// What joining and leaving a hub writes (docs/sync.md "Joining and leaving"); sync/join.ts holds the
// order and the transactions.

/** The token an online login received, kept on the user's client for pushing and pulling. */
export function setHubToken(db: Database.Database, clientId: string, token: string): void {
  stmt(db, 'UPDATE sync_clients SET hub_token = ? WHERE client_id = ?').run(token, clientId);
}

/** A standalone account with the hub user's username but another id yields: it is kept, renamed and inactive. */
export function retireClashingAccount(db: Database.Database, username: string, hubUserId: string): void {
  stmt(db, "UPDATE users SET username = username || '~' || substr(id, -6), active = 0 WHERE username = ? AND id != ?").run(username, hubUserId);
}

/** Every local account, as an empty hub is seeded with them. */
export function usersForHubSetup(db: Database.Database): Omit<UserRow, 'version'>[] {
  return (stmt(db, 'SELECT * FROM users').all() as Record<string, unknown>[]).map((r) => {
    const { version: _v, ...u } = usersTable.fromRow(r);
    return u;
  });
}

/** Local accounts the hub does not know stop working here; their records stay. */
export function deactivateUsersNotIn(db: Database.Database, hubUserIds: readonly string[]): void {
  // The placeholder count varies with the hub's users, so this statement is not cached.
  db.prepare(`UPDATE users SET active = 0 WHERE id NOT IN (${hubUserIds.map(() => '?').join(',') || "''"})`).run(...hubUserIds);
}

/** Pending mutations of clients that never logged in to the hub, in the order they were made. */
export function standalonePendingMutations(db: Database.Database): { client_id: string; mutation_id: number }[] {
  return stmt(
    db,
    `SELECT o.client_id, o.mutation_id FROM outbox o JOIN sync_clients c ON c.client_id = o.client_id
       WHERE o.state = 'pending' AND c.hub_token IS NULL ORDER BY o.created_at, o.mutation_id`,
  ).all() as { client_id: string; mutation_id: number }[];
}

/** Users whose clients hold pending mutations but no hub token yet: the offline work a join must push. */
export function usersWithStandaloneWork(db: Database.Database): Set<string> {
  const rows = stmt(
    db,
    `SELECT DISTINCT c.user_id FROM outbox o JOIN sync_clients c ON c.client_id = o.client_id
       WHERE o.state = 'pending' AND c.hub_token IS NULL`,
  ).all() as { user_id: string }[];
  return new Set(rows.map((r) => r.user_id));
}

/** The highest mutation id a client has used, 0 for none. */
export function lastMutationId(db: Database.Database, clientId: string): number {
  return (stmt(db, 'SELECT coalesce(max(mutation_id), 0) AS n FROM outbox WHERE client_id = ?').get(clientId) as { n: number }).n;
}

/** The user who made an outbox entry, if they still exist here. */
export function outboxAuthor(db: Database.Database, clientId: string, mutationId: number): { id: string; display_name: string } | undefined {
  return stmt(db, 'SELECT u.id, u.display_name FROM outbox o JOIN users u ON u.id = o.actor_id WHERE o.client_id = ? AND o.mutation_id = ?').get(
    clientId,
    mutationId,
  ) as { id: string; display_name: string } | undefined;
}

/** Names the real agent on a call.create that will be pushed under another user's client. */
export function stampCallAgent(db: Database.Database, clientId: string, mutationId: number, agentId: string, agentName: string): void {
  stmt(
    db,
    "UPDATE outbox SET args = json_set(args, '$.agent', json_object('id', ?, 'name', ?)) WHERE client_id = ? AND mutation_id = ? AND name = 'call.create'",
  ).run(agentId, agentName, clientId, mutationId);
}

/** Renumbers an outbox entry onto another client, and its history entry's `<clientId>:<mutationId>` id with it. */
export function moveOutboxEntry(db: Database.Database, from: { clientId: string; mutationId: number }, to: { clientId: string; mutationId: number }): void {
  stmt(db, 'UPDATE outbox SET client_id = ?, mutation_id = ? WHERE client_id = ? AND mutation_id = ?').run(to.clientId, to.mutationId, from.clientId, from.mutationId);
  stmt(db, 'UPDATE history SET id = ? WHERE id = ?').run(`${to.clientId}:${to.mutationId}`, `${from.clientId}:${from.mutationId}`);
}

/** Forgets the hub: its address, the cursor, the last sync time and every user's token. */
export function forgetHub(db: Database.Database): void {
  stmt(db, "DELETE FROM meta WHERE key IN ('hub_url', 'sync_cursor', 'last_sync_at')").run();
  stmt(db, 'UPDATE sync_clients SET hub_token = NULL').run();
}
