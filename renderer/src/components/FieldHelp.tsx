import type { FormItemProps } from 'antd';

/** The message for `name`, or for one of its elements (`phones.0` shows under `phones`). */
export function errorFor(errors: Record<string, string>, name: string): string | undefined {
  if (errors[name]) return errors[name];
  const prefix = `${name}.`;
  for (const [k, v] of Object.entries(errors)) if (k.startsWith(prefix)) return v;
  return undefined;
}

/**
 * Props for an antd Form.Item that shows a server-side field error beside the field. The help text
 * carries a test id so end-to-end tests can assert the message next to a specific field.
 */
export function errorProps(errors: Record<string, string>, name: string, extra?: string): Pick<FormItemProps, 'validateStatus' | 'help'> {
  const msg = errorFor(errors, name);
  if (!msg) return extra ? { help: extra } : {};
  return { validateStatus: 'error', help: <span data-testid={`field-error-${name}`}>{msg}</span> };
}

/** Forget errors of the fields just edited (and their elements), keep the others visible. */
export function clearErrors(errors: Record<string, string>, fields: string[]): Record<string, string> {
  let changed = false;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    if (fields.some((f) => k === f || k.startsWith(`${f}.`))) changed = true;
    else out[k] = v;
  }
  return changed ? out : errors;
}

/** errorProps for forms that share a screen with the call sheet: the test id says whose field it is (`callback-error-note`). */
export function prefixedErrorProps(prefix: string, errors: Record<string, string>, name: string): Pick<FormItemProps, 'validateStatus' | 'help'> {
  const msg = errorFor(errors, name);
  if (!msg) return {};
  return { validateStatus: 'error', help: <span data-testid={`${prefix}-error-${name}`}>{msg}</span> };
}
