import { z } from 'zod';
import { LIMITS, requiredText } from './fields';
import { ROLES, type Role } from './roles';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export const Username = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/));

export const Password = z.string().min(8).max(128);
export const RoleSchema = z.enum(ROLES);
export const DisplayName = requiredText(LIMITS.name);

/** Surname used by the callback script ("我姓{姓氏}"): Chinese names start with it. */
export function surnameOf(displayName: string): string {
  const name = displayName.trim();
  return /^[\u4e00-\u9fff]/.test(name) ? name.slice(0, 1) : (name.split(/\s+/).pop() ?? name);
}
