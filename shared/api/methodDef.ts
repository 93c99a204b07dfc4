import type { z } from 'zod';
import type { Role } from '../domain/roles';

/**
 * One method of the API contract. The dispatcher validates params with `params`, checks `roles`
 * ('public' needs no session), and the renderer's client takes its types from here.
 */
export interface MethodDef<P extends z.ZodType, R> {
  params: P;
  roles: readonly Role[] | 'public' | 'any';
  /** Phantom: carries the result type only. */
  result?: R;
}

export const def =
  <R>() =>
  <P extends z.ZodType>(params: P, roles: MethodDef<P, R>['roles']): MethodDef<P, R> => ({ params, roles });
