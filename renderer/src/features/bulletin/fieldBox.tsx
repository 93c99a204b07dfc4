import { Form } from 'antd';
import type { ReactNode } from 'react';

/** Field path (inside the narrative: `summary`, `representative.0.handling`) → message, all at once. */
export type Errors = Record<string, string>;

/**
 * A box of the narrative with its label and, beside it, the message for its path. The error carries
 * `bulletin-error-<path>` so that a test can tell which box was refused.
 */
export function FieldBox({ path, label, errors, required, children, className }: { path: string; label?: ReactNode; errors: Errors; required?: boolean; children: ReactNode; className?: string }) {
  const msg = errors[path];
  return (
    <Form.Item
      label={label}
      required={required}
      className={className}
      validateStatus={msg ? 'error' : undefined}
      help={msg ? <span data-testid={`bulletin-error-${path}`}>{msg}</span> : undefined}
    >
      {children}
    </Form.Item>
  );
}

/** A message about a list as a whole (too many items; a plan in a monthly bulletin), under the list. */
export function ListError({ path, errors }: { path: string; errors: Errors }) {
  const msg = errors[path];
  return msg ? (
    <div className="ant-form-item-explain-error bulletin-list-error" data-testid={`bulletin-error-${path}`}>
      {msg}
    </div>
  ) : null;
}
