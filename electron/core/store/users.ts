import type Database from 'better-sqlite3-multiple-ciphers';
import type { Role } from '../../../shared/domain/roles';
import { stmt } from './stmt';
import { type UserRow, usersTable } from './tables';

export function userByUsername(db: Database.Database, username: string): UserRow | null {
  const row = stmt(db, 'SELECT * FROM users WHERE username = ?').get(username) as Record<string, unknown> | undefined;
  return row ? usersTable.fromRow(row) : null;
}

/** Active first, then by role and username: the administrator's list. */
export function listUsers(db: Database.Database): UserRow[] {
  return (stmt(db, 'SELECT * FROM users ORDER BY active DESC, role, username').all() as Record<string, unknown>[]).map((r) => usersTable.fromRow(r));
}

/** The last active administrator may be neither demoted nor deactivated. */
export function activeAdminCount(db: Database.Database): number {
  return (stmt(db, "SELECT count(*) AS n FROM users WHERE role = 'admin' AND active = 1").get() as { n: number }).n;
}

/** Who can be picked as a handler or assignee: active users, by role and name. */
export function userDirectory(db: Database.Database): { id: string; displayName: string; role: Role }[] {
  return stmt(db, 'SELECT id, display_name AS displayName, role FROM users WHERE active = 1 ORDER BY role, display_name').all() as {
    id: string;
    displayName: string;
    role: Role;
  }[];
}
