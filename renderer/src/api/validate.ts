import type { z } from 'zod';
import type { ApiError } from '../../../shared/api/envelope';
import { schemaIssues } from '../../../shared/domain/fieldRules';
import type { FieldIssue } from '../../../shared/domain/mutation';

/**
 * A form checks what it sends with the contract's own schema and the domain's own rules before it
 * sends it, so every problem shows on the first submit, each beside its field (the core checks the
 * same rules again, and the hub too). Returns the issues as an error the existing helpers word.
 */
export function checkAll(schema: z.ZodType, params: unknown, more: FieldIssue[] = []): ApiError | null {
  const fields = [...schemaIssues(schema, params), ...more];
  return fields.length ? { code: 'invalid_params', message: 'checked before sending', fields } : null;
}

/**
 * Focus the first box marked in red, once React has drawn the messages. `root` narrows the search to
 * one form (a drawer over a page that has its own errors).
 */
export function focusFirstError(root?: ParentNode | null): void {
  const run = () => {
    const scope: ParentNode = root ?? document;
    const item = scope.querySelector('.ant-form-item-has-error');
    const box = item?.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), textarea, [tabindex]:not([tabindex="-1"]), button');
    box?.focus();
    if (item && 'scrollIntoView' in item && typeof (item as HTMLElement).scrollIntoView === 'function') (item as HTMLElement).scrollIntoView({ block: 'nearest' });
  };
  setTimeout(run, 0);
}
