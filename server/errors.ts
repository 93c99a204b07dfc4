import type { z } from 'zod';
import type { FieldIssue } from '../shared/domain/mutation';

/** Thrown by handlers; the error handler turns it into {ok:false, error:{code, message, …}}. */
export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HubError';
  }
}

/** "users.0.username: Invalid string" — one line a client developer can act on. */
export function zodMessage(err: z.ZodError): string {
  return err.issues
    .slice(0, 10)
    .map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`)
    .join('; ');
}

export function zodFields(err: z.ZodError): FieldIssue[] {
  return err.issues.slice(0, 50).map((i) => ({
    field: i.path.join('.'),
    code: i.code === 'unrecognized_keys' ? 'unknown_field' : i.code === 'too_big' ? 'too_long' : 'invalid_value',
    message: i.message,
  }));
}

/** Parses or throws a 400 that says what was wrong. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new HubError(400, 'invalid_params', `invalid ${what}: ${zodMessage(r.error)}`, { fields: zodFields(r.error) });
  return r.data;
}
