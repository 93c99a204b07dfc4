import type { z } from 'zod';
import type { ApiError, ErrorCode } from '../../shared/api/envelope';
import { issuesFromZod } from '../../shared/domain/fieldRules';
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

/** zod issues → field errors the UI can place beside a field and translate by `code` (the rule lives in shared/). */
export const fieldIssues = (error: z.ZodError): FieldIssue[] => issuesFromZod(error);
