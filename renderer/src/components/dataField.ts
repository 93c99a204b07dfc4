import type { HTMLAttributes } from 'react';

/**
 * Marks what shows recorded data (a customer's name, a call's content, a department as written) rather
 * than interface words. Data stays as written in either language; the English-screen test (e2e
 * screens) skips text inside `[data-data]` when it looks for Chinese interface strings.
 */
export const DATA_ATTR = { 'data-data': '' } as const;

/** A table column's `onCell` for columns that show data. */
export const dataCell = (): HTMLAttributes<HTMLElement> => DATA_ATTR as HTMLAttributes<HTMLElement>;
