import type { z } from 'zod';
import type { ApiError, ErrorCode } from '../../shared/api/envelope';
import type { FieldIssue, Refusal } from '../../shared/domain/mutation';

/** Raised inside the core only; the dispatcher turns it into an error envelope (errors are data across the bridge). */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldIssue[],
    readonly details?: ApiError['details'],
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  toError(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }

  static from(refusal: Refusal): ApiFailure {
    return new ApiFailure(refusal.code, refusal.reason, refusal.fields);
  }
}

/** zod issues → field errors the UI can place beside a field and translate by `code`. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => {
    const field = i.path.map(String).join('.') || '(params)';
    const custom = (i as { params?: { code?: string } }).params?.code;
    let code: FieldIssue['code'] = 'invalid_value';
    const params: Record<string, unknown> = {};
    if (custom === 'required') code = 'required';
    else if (i.code === 'invalid_type') code = i.input === undefined ? 'required' : 'invalid_value';
    else if (i.code === 'too_big') {
      code = i.origin === 'string' ? 'too_long' : 'out_of_range';
      params.maximum = Number(i.maximum);
    } else if (i.code === 'too_small') {
      code = i.origin === 'string' && Number(i.minimum) === 1 ? 'required' : 'out_of_range';
      params.minimum = Number(i.minimum);
    } else if (i.code === 'invalid_format') code = 'invalid_format';
    else if (i.code === 'unrecognized_keys') code = 'unknown_field';
    return { field, code, message: i.message, ...(Object.keys(params).length ? { params } : {}) };
  });
}
