import type { ApiError, ErrorCode } from '../../shared/api/envelope';
import type { FieldIssue, Refusal } from '../../shared/domain/mutation';

/** Raised inside the core only; the dispatcher turns it into an error envelope (errors are data across the bridge). */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldIssue[],
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  toError(): ApiError {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }

  static from(refusal: Refusal): ApiFailure {
    return new ApiFailure(refusal.code, refusal.reason, refusal.fields);
  }
}
