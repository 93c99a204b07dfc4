import { z } from 'zod';
import { isoTime, uuid } from './fields';
import { type Actor, diff, type MutationResult, refuse } from './mutation';
import type { Role } from './roles';
import { type OrganisationSettings, SettingsPatch } from './settings';
import { DisplayName, RoleSchema, type User, Username } from './users';

/** A user as stored: the hash travels with user mutations so that other workstations can verify offline logins. */
export interface UserRecord extends User {
  passwordHash: string;
  version: number;
}

export const UserCreateArgs = z.strictObject({
  id: uuid,
  username: Username,
  displayName: DisplayName,
  role: RoleSchema,
  passwordHash: z.string().min(20).max(400),
  at: isoTime,
});
export type UserCreateArgs = z.output<typeof UserCreateArgs>;

export const UserUpdateArgs = z.strictObject({
  id: uuid,
  fields: z.strictObject({
    displayName: DisplayName.optional(),
    role: RoleSchema.optional(),
    active: z.boolean().optional(),
    passwordHash: z.string().min(20).max(400).optional(),
  }),
  at: isoTime,
});
export type UserUpdateArgs = z.output<typeof UserUpdateArgs>;

export const SettingsUpdateArgs = z.strictObject({ patch: SettingsPatch, at: isoTime });
export type SettingsUpdateArgs = z.output<typeof SettingsUpdateArgs>;

const USER_TRACKED = ['username', 'displayName', 'role', 'active'] as const;

export function createUser(existing: UserRecord | null, args: UserCreateArgs): MutationResult<UserRecord> {
  // A field issue, not a conflict: the form says beside the username that it is taken and to choose another.
  if (existing)
    return refuse('invalid_params', `username ${args.username} is taken`, [{ field: 'username', code: 'duplicate', message: 'this username is already taken' }]);
  const next: UserRecord = {
    id: args.id,
    username: args.username,
    displayName: args.displayName,
    role: args.role,
    active: true,
    passwordHash: args.passwordHash,
    createdAt: args.at,
    updatedAt: args.at,
    version: 1,
  };
  return { ok: true, next, changes: diff(null, next, USER_TRACKED) };
}

/** `admins` counts active administrators, so that the last one can never lock everybody out. */
export function updateUser(prev: UserRecord | null, args: UserUpdateArgs, actor: Actor, admins: number): MutationResult<UserRecord> {
  if (!prev) return refuse('not_found', `user ${args.id} does not exist`);
  const next: UserRecord = { ...prev, ...args.fields };
  const losesAdmin = prev.role === 'admin' && prev.active && (next.role !== 'admin' || !next.active);
  if (losesAdmin && admins <= 1) return refuse('last_admin', 'the last active administrator cannot be demoted or deactivated');
  if (losesAdmin && prev.id === actor.userId) return refuse('own_admin_rights', 'administrators cannot remove their own administrator rights');
  const changes = diff(prev, next, USER_TRACKED);
  if (args.fields.passwordHash) changes.push({ field: 'password', before: '***', after: '***' });
  if (!changes.length) return { ok: true, next: prev, changes };
  return { ok: true, next: { ...next, updatedAt: args.at, version: prev.version + 1 }, changes };
}

export function updateSettings(prev: OrganisationSettings, args: SettingsUpdateArgs): MutationResult<OrganisationSettings> {
  const next = { ...prev, ...args.patch };
  const keys = Object.keys(next) as (keyof OrganisationSettings & string)[];
  return { ok: true, next, changes: diff(prev, next, keys) };
}

export function roleMay(role: Role, roles: readonly Role[]): boolean {
  return roles.includes(role);
}
